// The Home tab is given only the accepted risks it can show, and how many there are: it must read as with all of them.
import { describe, expect, it } from 'vitest';
import type { FlagWithContext } from '../src/model.js';
import { MAX_EXPIRING_LINES, renderHome } from '../src/slack/blocks/portfolio.js';

function flag(i: number, message: string): FlagWithContext {
  const at = new Date('2026-11-20T10:00:00Z');
  return {
    id: i,
    interviewId: i,
    rule: 'r',
    questionId: 'q',
    severity: 'high',
    message,
    status: 'accepted',
    statusBy: 'U1',
    statusAt: at,
    statusReason: 'agreed',
    statusLink: null,
    ownerId: 'U1',
    acceptExpiresAt: new Date(at.getTime() + i * 60_000),
    compensatingControl: null,
    statusSeen: null,
    proposal: null,
    createdAt: at,
    vendor: { id: i, name: 'V' },
    channelId: 'C1',
    threadTs: null,
    summaryTs: null,
    interviewStatus: 'completed',
    startedBy: 'U1',
  };
}

describe('accepted risks on the Home tab', () => {
  it('reads the same from the first MAX_EXPIRING_LINES and the count as from every one, however short the lines', async () => {
    for (const message of ['', 'x', 'No evidence of a tested restore.', 'y'.repeat(300)]) {
      const all = Array.from({ length: 3 * MAX_EXPIRING_LINES }, (_, i) => flag(i + 1, message));
      const base = { mine: [], vendors: [], timeZone: 'UTC', userId: 'U2' };
      const full = renderHome({ ...base, expiring: all });
      const given = renderHome({ ...base, expiring: all.slice(0, MAX_EXPIRING_LINES), expiringCount: all.length });
      expect(given).toEqual(full);
      expect(JSON.stringify(full)).toContain(`more`);
    }
  });
});
