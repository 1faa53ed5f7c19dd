// The sandbox shows each message at the time it was posted (issue 13): its Slack stand-in stamps messages with the
// real time, as Slack does, and keeps them unique and ordered.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../src/sandbox/server.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { startFakeSlack } from './support/fakeSlack.js';
import { tempDir } from './support/temp.js';
import { memoryLogger } from './support/testApp.js';

const CHANNEL = 'C0VET';

describe('message times in the sandbox', () => {
  /** A Slack ts as milliseconds since the epoch. */
  const ms = (ts: string) => Number(ts) * 1000;

  it('gives each message the time it was posted, not the time the sandbox started', async () => {
    const sandbox = await startSandbox({ port: 0, databasePath: join(tempDir(), 'vet.sqlite'), bank: STANDARD_BANK, clock: () => new Date(), logger: memoryLogger() });
    try {
      const send = (text: string) =>
        fetch(new URL('/sandbox/send', sandbox.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'U0ALEX', channel: 'C0VENDORS', text }) });
      const messages = async (): Promise<{ ts: string; thread_ts?: string; text?: string }[]> =>
        ((await (await fetch(new URL('/sandbox/state?user=U0ALEX', sandbox.url))).json()) as { messages: { ts: string }[] }).messages;
      const until = async (ok: (m: Awaited<ReturnType<typeof messages>>) => boolean) => {
        const end = Date.now() + 5000;
        for (let m = await messages(); ; m = await messages()) {
          if (ok(m)) return m;
          if (Date.now() > end) throw new Error('timed out waiting for the sandbox');
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      // Later than the sandbox's start, by a margin the old "start time plus a counter" could not reach.
      await new Promise((r) => setTimeout(r, 1200));
      const before = Date.now();
      expect((await send('/vet start Acme Dev --lite')).status).toBe(200);
      const posted = await until((m) => m.length >= 2);
      const after = Date.now();
      for (const m of posted) {
        expect(ms(m.ts)).toBeGreaterThanOrEqual(before - 1);
        expect(ms(m.ts)).toBeLessThanOrEqual(after + 1);
      }
    } finally {
      await sandbox.close();
    }
  });

  it('keeps timestamps unique and increasing when the clock stands still or goes back', async () => {
    let now = Date.UTC(2026, 10, 24, 9, 30);
    const fake = await startFakeSlack({ now: () => now });
    try {
      const post = async (text: string) => {
        const res = await fetch(new URL('chat.postMessage', fake.apiUrl), {
          method: 'POST',
          headers: { authorization: 'Bearer xoxb-test-token', 'content-type': 'application/json' },
          body: JSON.stringify({ channel: CHANNEL, text }),
        });
        return ((await res.json()) as { ts: string }).ts;
      };
      const first = await post('one');
      expect(first).toBe(`${now / 1000}.000000`);
      const same = await post('two');
      now -= 60_000;
      const back = await post('three');
      expect([first, same, back]).toEqual([first, `${now / 1000 + 60}.000001`, `${now / 1000 + 60}.000002`]);
    } finally {
      await fake.close();
    }
  });
});
