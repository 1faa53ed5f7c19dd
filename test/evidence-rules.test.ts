// The pure rules of evidence: who may judge it, a question's state in the register, due dates, reminder days, and the
// evidence-overdue flag. Tables for the cases people meet, fast-check properties for the rules that must hold whatever
// the input. (Reading a reply's Slack text: slack-markup.test.ts.)
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../src/flows/actor.js';
import { daysBetween, defaultDueOn, isCalendarDay, overdueFrom, REGISTER_STATES, registerState, reminderSlot, reminderTime } from '../src/flows/evidenceRules.js';
import { isEvaluator, mayManageEvidence, type Roles } from '../src/flows/permissions.js';
import type { EvidenceItem, EvidenceRequest, EvidenceVerdict } from '../src/model.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { EVIDENCE_OVERDUE_DAYS, evidenceOverdueFlags, scoreInterview } from '../src/scoring/score.js';
import { longDay, renderReceipt } from '../src/slack/blocks/evidence.js';
import { mrkdwnTexts } from './support/blocks.js';

const PEOPLE = ['U1', 'U2', 'U3', 'U4', 'U5'];
const rolesArb: fc.Arbitrary<Roles> = fc.record({
  vendor: fc.constantFrom('Acme', '<!channel> *Co*'),
  lead: fc.constantFrom(...PEOPLE),
  evaluators: fc.uniqueArray(fc.constantFrom(...PEOPLE), { maxLength: PEOPLE.length }),
});
const actorArb: fc.Arbitrary<Actor> = fc.record({ userId: fc.constantFrom(...PEOPLE), admin: fc.boolean(), riskOwner: fc.boolean(), external: fc.boolean() });

describe('who may request and judge evidence', () => {
  it('is exactly the evaluators, the lead and admins of this organisation; nobody from another one, whatever list they are on', () => {
    fc.assert(
      fc.property(actorArb, rolesArb, (actor, roles) => {
        const p = mayManageEvidence(actor, roles);
        expect(p.ok).toBe(!actor.external && (actor.admin || isEvaluator(actor.userId, roles)));
        if (!p.ok && actor.external) expect(p.reason).toEqual({ kind: 'external', act: 'manage-evidence' });
        // A refusal names who leads, so the person knows whom to ask.
        if (!p.ok && !actor.external) expect(p.reason).toEqual({ kind: 'not-allowed', act: 'manage-evidence', vendor: roles.vendor, lead: roles.lead });
      }),
    );
  });
});

const day = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('due dates and reminder days', () => {
  it("defaults to today plus the configured days in the team's zone, and becomes overdue when the next day begins there", () => {
    // 23:30 UTC on 22 Nov is already 23 Nov in Berlin.
    const now = new Date('2026-11-22T23:30:00Z');
    expect(defaultDueOn(now, 'UTC', 14)).toBe('2026-12-06');
    expect(defaultDueOn(now, 'Europe/Berlin', 14)).toBe('2026-12-07');
    expect(overdueFrom('2026-12-06', 'UTC').toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(overdueFrom('2026-12-06', 'Europe/Berlin').toISOString()).toBe('2026-12-06T23:00:00.000Z');
    // The last day of a month, and a daylight-saving change (29 March 2026 in Berlin).
    expect(overdueFrom('2026-12-31', 'UTC').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(overdueFrom('2026-03-28', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(reminderTime('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(longDay('2026-12-08')).toBe('8 Dec 2026');
  });

  // Reminder days are calendar days: whatever zone the process runs in (TZ), a week is 7 days across a daylight-saving
  // change. Node applies an assignment to process.env.TZ at once.
  describe.each(['UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Sydney'])('with the process in %s', (zone) => {
    let saved: string | undefined;
    beforeEach(() => {
      saved = process.env.TZ;
      process.env.TZ = zone;
    });
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it.each<[string, string, string, number]>([
      // New York springs forward on 8 March 2026 and falls back on 1 November.
      ['2026-03-01', '2026-03-09', '2026-03-08', 8],
      ['2026-10-25', '2026-11-02', '2026-11-01', 8],
      // Berlin on 29 March and 25 October.
      ['2026-03-23', '2026-03-30', '2026-03-30', 7],
      ['2026-10-19', '2026-10-27', '2026-10-26', 8],
      // Sydney on 5 April and 4 October.
      ['2026-04-01', '2026-04-15', '2026-04-15', 14],
      ['2026-09-30', '2026-10-13', '2026-10-07', 13],
    ])('a request due %s, on %s: reminder day %s, %i days after the due date', (dueOn, today, slot, days) => {
      expect(process.env.TZ).toBe(zone);
      expect(reminderSlot(dueOn, today)).toBe(slot);
      expect(daysBetween(dueOn, today)).toBe(days);
    });

    it('keeps reminder days 7 days apart for any due date', () => {
      fc.assert(
        fc.property(day, fc.integer({ min: 0, max: 400 }), (dueOn, offset) => {
          const today = new Date(Date.parse(`${dueOn}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
          const slot = new Date(Date.parse(`${dueOn}T00:00:00Z`) + (offset - (offset % 7)) * 86_400_000).toISOString().slice(0, 10);
          expect(reminderSlot(dueOn, today)).toBe(slot);
          expect(daysBetween(dueOn, today)).toBe(offset);
        }),
        { numRuns: 200 },
      );
    });
  });

  it('reminds on the due date and every 7 days after, never before, and owes only the latest day', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -30, max: 400 }), (dueOn, offset) => {
        const today = new Date(Date.parse(`${dueOn}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
        const slot = reminderSlot(dueOn, today);
        if (offset < 0) {
          expect(slot).toBeNull();
          return;
        }
        expect(slot).not.toBeNull();
        const sinceDue = daysBetween(dueOn, slot!);
        expect(sinceDue % 7).toBe(0);
        expect(sinceDue).toBeGreaterThanOrEqual(0);
        expect(daysBetween(slot!, today)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(slot!, today)).toBeLessThan(7);
      }),
    );
  });
});

const NOW = new Date('2026-12-20T12:00:00Z');
let ids = 0;
function request(over: Partial<EvidenceRequest> = {}): EvidenceRequest {
  return {
    id: ++ids,
    interviewId: 1,
    questionId: 'q',
    asked: 'The report',
    chaserId: 'U1',
    vendorContact: null,
    dueOn: '2026-12-30',
    dueAt: new Date('2026-12-31T00:00:00Z'),
    status: 'open',
    requestedBy: 'U1',
    requestedAt: new Date('2026-12-01T00:00:00Z'),
    closedBy: null,
    closedAt: null,
    closeReason: null,
    fulfilledBy: null,
    ...over,
  };
}
function item(verdict: EvidenceVerdict | null, over: Partial<EvidenceItem> = {}): EvidenceItem {
  return {
    id: ++ids,
    interviewId: 1,
    questionId: 'q',
    kind: 'file',
    fileId: 'F1',
    name: 'report.pdf',
    fileType: 'pdf',
    url: 'https://fake.slack.test/files/U1/F1/report.pdf',
    sharedBy: 'U9',
    byEvaluator: false,
    sharedAt: new Date('2026-12-02T00:00:00Z'),
    sourceTs: '1.1',
    replyTs: null,
    comment: null,
    verdict,
    verdictBy: verdict ? 'U1' : null,
    verdictAt: verdict ? new Date('2026-12-03T00:00:00Z') : null,
    verdictReason: verdict === 'not_sufficient' ? 'Not the right year' : null,
    ...over,
  };
}

describe("a question's state in the register", () => {
  it.each<[string, EvidenceRequest | null, EvidenceItem[], string | null]>([
    ['nothing', null, [], null],
    ['requested, not yet due', request(), [], 'requested'],
    ['past its due date', request({ dueAt: new Date('2026-12-10T00:00:00Z') }), [], 'overdue'],
    ['a file waiting for a verdict, even when overdue', request({ dueAt: new Date('2026-12-10T00:00:00Z') }), [item(null)], 'received'],
    ['what arrived was not sufficient', request(), [item('not_sufficient')], 'not-sufficient'],
    ['not sufficient, and now overdue', request({ dueAt: new Date('2026-12-10T00:00:00Z') }), [item('not_sufficient')], 'overdue'],
    ['an accepted file', request({ status: 'fulfilled' }), [item('not_sufficient'), item('accepted')], 'shown'],
    ['marked shown in the interview', request({ status: 'fulfilled' }), [], 'shown'],
    ['withdrawn', request({ status: 'withdrawn' }), [item(null)], 'withdrawn'],
    ['a file shared without any request', null, [item(null)], 'received'],
    ['asked again after an accepted file', request({ requestedAt: new Date('2026-12-04T00:00:00Z') }), [item('accepted')], 'requested'],
    ['asked again after an accepted file, and now overdue', request({ requestedAt: new Date('2026-12-04T00:00:00Z'), dueAt: new Date('2026-12-10T00:00:00Z') }), [item('accepted')], 'overdue'],
    ['asked again in the very instant of an acceptance', request({ requestedAt: new Date('2026-12-03T00:00:00Z') }), [item('accepted')], 'requested'],
    ['asked again, then withdrawn: what was accepted before still shows', request({ status: 'withdrawn', requestedAt: new Date('2026-12-04T00:00:00Z') }), [item('accepted')], 'shown'],
  ])('%s', (_, r, items, state) => {
    expect(registerState(r, items, NOW)).toBe(state);
  });

  const requestArb = fc.option(
    fc
      .record({ status: fc.constantFrom('open' as const, 'fulfilled' as const, 'withdrawn' as const), overdue: fc.boolean() })
      .map((x) => request({ status: x.status, dueAt: x.overdue ? new Date('2026-12-01T00:00:00Z') : new Date('2027-01-01T00:00:00Z') })),
  );
  const itemsArb = fc.array(
    fc.constantFrom<EvidenceVerdict | null>(null, 'accepted', 'not_sufficient').map((v) => item(v)),
    { maxLength: 4 },
  );

  it('is shown whenever anything was accepted (while asked again: since then), withdrawn only without that, and null only when there is nothing at all', () => {
    fc.assert(
      fc.property(requestArb, itemsArb, fc.boolean(), (r0, items, askedAgain) => {
        // Asked again: the request was (re)opened after every acceptance (accepted on 3 December).
        const r = r0 && askedAgain ? { ...r0, requestedAt: new Date('2026-12-04T00:00:00Z') } : r0;
        const state = registerState(r, items, NOW);
        expect(state === null).toBe(r === null && items.length === 0);
        if (state !== null) expect(REGISTER_STATES).toContain(state);
        const accepted = items.some((i) => i.verdict === 'accepted');
        if (r?.status === 'open' && askedAgain) expect(state).not.toBe('shown');
        else if (accepted || r?.status === 'fulfilled') expect(state).toBe('shown');
        else if (r?.status === 'withdrawn') expect(state).toBe('withdrawn');
        else if (r?.status === 'open' && r.dueAt <= NOW && !items.some((i) => i.verdict === null)) expect(state).toBe('overdue');
      }),
    );
  });
});

describe('the evidence-overdue flag', () => {
  const questions = STANDARD_BANK.questions.filter((q) => q.lite);
  const dueAt = '2026-12-07T00:00:00.000Z';
  const overdue = (asOf: string, open = true) => evidenceOverdueFlags(questions, [{ questionId: 'code-review-threads', open, dueOn: '2026-12-06', overdueFrom: dueAt }], new Date(asOf));

  it(`is raised (medium) once a request is open more than ${EVIDENCE_OVERDUE_DAYS} days past its due date, and not for a closed one`, () => {
    expect(overdue('2027-01-05T23:59:59Z')).toEqual([]);
    expect(overdue('2027-01-06T00:00:00Z')).toEqual([
      {
        rule: 'evidence-overdue',
        questionId: 'code-review-threads',
        severity: 'medium',
        message: expect.stringContaining('was due on 2026-12-06 and is more than 30 days overdue'),
      },
    ]);
    expect(overdue('2027-06-01T00:00:00Z', false)).toEqual([]);
    // A request on a question the interview does not have raises nothing.
    expect(evidenceOverdueFlags(questions, [{ questionId: 'nope', open: true, dueOn: '2020-01-01', overdueFrom: '2020-01-02T00:00:00Z' }], new Date('2027-01-01'))).toEqual([]);
  });

  it('raises the tier to at least medium through scoring, judged at the moment given, not the completion', () => {
    const answers = questions.map((q) => ({ questionId: q.id, evaluatorId: 'U1', status: 'na' as const, level: null, evidence: null, fact: null, updatedAt: '2026-11-22T10:00:00Z' }));
    const base = { questions, answers, notes: [], model: null, now: new Date('2026-11-22T10:00:00Z') };
    const requests = [{ questionId: 'code-review-threads', open: true, dueOn: '2026-12-06', overdueFrom: dueAt }];
    expect(scoreInterview({ ...base, evidence: { requests, asOf: new Date('2026-12-20T00:00:00Z') } }).flags.map((f) => f.rule)).not.toContain('evidence-overdue');
    expect(scoreInterview({ ...base, evidence: { requests, asOf: new Date('2027-02-01T00:00:00Z') } }).flags.map((f) => f.rule)).toContain('evidence-overdue');
  });
});

describe('the answer under a shared file', () => {
  it('shows file names and links as shared, never as a ping, a forged link or formatting', () => {
    const hostile = item(null, { name: '<!channel> *urgent* <https://evil.example|click>.pdf', sharedBy: 'U9' });
    const link = item(null, { kind: 'link', fileId: null, fileType: null, name: 'a|b>c', url: 'https://x.example/a|b' });
    const interview = { id: 1, vendor: { id: 1, name: 'Acme' }, channelId: 'C1', threadTs: '1.0' } as const;
    const r = renderReceipt({
      interview: {
        ...interview,
        model: null,
        variant: 'lite',
        bankId: 'standard',
        bankVersion: '1',
        questions: [],
        status: 'in_progress',
        startedBy: 'U1',
        startedAt: NOW,
        completedAt: null,
        completedBy: null,
        summaryTs: null,
        decisionId: null,
      },
      question: { id: 'q', title: 'The *SOC 2* report', position: 5 },
      sharedBy: 'U9',
      byEvaluator: false,
      items: [hostile, link],
      alreadyShown: false,
    });
    const texts = mrkdwnTexts(r).join('\n');
    expect(texts).not.toMatch(/<!channel>|<https:\/\/evil|\|click>|<https:\/\/x\.example\/a\|/);
    expect(texts).toContain('&lt;!channel&gt;');
    expect(texts).toContain('*Q5 · The ∗SOC 2∗ report*');
    // The only links are those a URL cannot break out of: the file's permalink.
    expect(texts).toContain('<https://fake.slack.test/files/U1/F1/report.pdf|');
  });
});
