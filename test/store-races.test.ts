// What two instances sharing one database may do at the same moment, on the engine under test: each race below ends
// as if one of them had come first. On PostgreSQL the two connections race for real; SQLite admits one writer at a
// time (BEGIN IMMEDIATE), and two processes sharing a file race in test/instances.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createInterviewFlow } from '../src/flows/interview.js';
import { recordAnswer } from '../src/flows/record.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { createFlows } from '../src/wiring.js';
import { listAudit } from '../src/store/audit.js';
import { openDatabase, type Db } from '../src/store/db.js';
import { claimRun, listRuns, markRunFailed, markRunPosted, renewLease } from '../src/store/digests.js';
import { claimEvent } from '../src/store/events.js';
import { decideFlag, listFlags, reopenExpired } from '../src/store/flags.js';
import { getInterview } from '../src/store/interviews.js';
import { freshTarget, testEngine } from './support/database.js';
import { manualClock } from './support/temp.js';
import { createStore } from '../src/store/store.js';

const MINUTE = 60_000;
const LEASE = 5 * MINUTE;
const as = (userId: string) => ({ userId, admin: false, riskOwner: false, external: false });

const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy();
});

/**
 * Runs the steps at the same moment on PostgreSQL. Two SQLite connections in one process cannot: one would wait for
 * the other's write lock with the event loop blocked. There they run one after the other, which still shows that
 * the second finds the first's work done.
 */
async function atOnce<T>(steps: (() => Promise<T>)[]): Promise<T[]> {
  if (testEngine() === 'postgres') return Promise.all(steps.map((s) => s()));
  const out: T[] = [];
  for (const step of steps) out.push(await step());
  return out;
}

/** Two connections to one fresh database: instance A and instance B. */
async function twoInstances(): Promise<[Db, Db]> {
  const target = await freshTarget();
  const a = await openDatabase(target);
  const b = await openDatabase(target);
  opened.push(a, b);
  return [a, b];
}

describe('the digest lease and its fencing token', () => {
  it('keeps an instance whose lease ran out from renewing, posting or failing a run another instance took over', async () => {
    const [a, b] = await twoInstances();
    const t0 = new Date('2026-11-23T09:00:00Z');
    const first = await claimRun(a, 'C1', 'slot-1', t0, LEASE);
    expect(first).toMatchObject({ attempts: 1, fence: 1 });
    // Nobody else gets the run while A's lease holds.
    expect(await claimRun(b, 'C1', 'slot-1', new Date(t0.getTime() + MINUTE), LEASE)).toBeNull();
    expect(await renewLease(a, first!, new Date(t0.getTime() + MINUTE), LEASE)).toBe(true);

    // A stalls past its (renewed) lease; B takes the run over with the next token.
    const late = new Date(t0.getTime() + MINUTE + LEASE + 1);
    const second = await claimRun(b, 'C1', 'slot-1', late, LEASE);
    expect(second).toMatchObject({ attempts: 2, fence: 2 });

    // A wakes up: it can neither renew (so it does not post), nor record a post or a failure.
    expect(await renewLease(a, first!, late, LEASE)).toBe(false);
    expect(await markRunPosted(a, first!, 'ts-from-A', late)).toBe(false);
    expect(await markRunFailed(a, first!, 'timeout', late)).toBe(false);
    // B, holding the current token, posts and records it.
    expect(await renewLease(b, second!, late, LEASE)).toBe(true);
    expect(await markRunPosted(b, second!, 'ts-from-B', late)).toBe(true);
    expect((await listRuns(a, 'C1')).map((r) => [r.status, r.messageTs, r.attempts])).toEqual([['posted', 'ts-from-B', 2]]);
  });

  it('gives a run claimed by both instances at once to exactly one', async () => {
    const [a, b] = await twoInstances();
    const at = new Date('2026-11-23T09:00:00Z');
    const claims = await atOnce([a, b, a, b].map((db) => () => claimRun(db, 'C1', 'slot-1', at, LEASE)));
    expect(claims.filter((c) => c !== null)).toHaveLength(1);
  });

  it('lets a failed run be retried by one instance only, with a new token', async () => {
    const [a, b] = await twoInstances();
    const t0 = new Date('2026-11-23T09:00:00Z');
    const run = await claimRun(a, 'C1', 'slot-1', t0, LEASE);
    expect(await markRunFailed(a, run!, 'ratelimited', new Date(t0.getTime() + MINUTE))).toBe(true);
    const retry = new Date(t0.getTime() + 2 * MINUTE);
    const claims = await atOnce([a, b].map((db) => () => claimRun(db, 'C1', 'slot-1', retry, LEASE)));
    expect(claims.filter((c) => c !== null).map((c) => c!.fence)).toEqual([2]);
  });
});

describe('an accepted risk expiring while two instances tick', () => {
  it('reopens the flag once, with one audit entry', async () => {
    const [a, b] = await twoInstances();
    const clock = manualClock('2026-11-22T10:00:00Z');
    const flow = createInterviewFlow({ store: createStore(a), bank: STANDARD_BANK, clock });
    const started = await flow.start({ vendorName: 'Acme', model: null, variant: 'lite', channelId: 'C1', lead: as('U1'), evaluators: [] });
    if (started.kind !== 'started') throw new Error(started.kind);
    // A rating of 0 raises a flag on the first question once the interview is finished; the lead accepts the risk for
    // a week.
    await flow.answer({ interviewId: started.interview.id, questionId: started.first.question.id, actor: as('U1'), action: { kind: 'rate', level: 0 } });
    await flow.finish({ vendorName: 'Acme', channelId: 'C1', actor: as('U1') });
    const flag = (await listFlags(a, started.interview.id)).find((f) => f.status === 'open' && f.questionId === started.first.question.id);
    if (!flag) throw new Error('no flag raised');
    expect(await decideFlag(a, 'accepted', { flagId: flag.id, by: 'U1', reason: 'compensating control', expiresAt: new Date('2026-11-29T10:00:00Z') }, clock())).toBe(true);

    const later = new Date('2026-11-30T10:00:00Z');
    const reopened = (await atOnce([a, b].map((db) => () => reopenExpired(db, later, 'UTC')))).flat();
    expect(reopened.map((f) => f.id)).toEqual([flag.id]);
    const expiries = (await listAudit(a, started.interview.id)).filter((e) => e.action === 'flag.acceptance-expired');
    expect(expiries).toHaveLength(1);
    expect((await listFlags(b, started.interview.id)).find((f) => f.id === flag.id)?.status).toBe('open');
  });
});

describe('one click delivered to two instances', () => {
  it('records the answer once, with one audit entry and no phantom change', async () => {
    const [a, b] = await twoInstances();
    const clock = manualClock('2026-11-22T10:00:00Z');
    const flow = createInterviewFlow({ store: createStore(a), bank: STANDARD_BANK, clock });
    const started = await flow.start({ vendorName: 'Acme', model: null, variant: 'lite', channelId: 'C1', lead: as('U1'), evaluators: [] });
    if (started.kind !== 'started') throw new Error(started.kind);
    const interview = (await getInterview(a, started.interview.id))!;
    const click = { interview, questionId: started.first.question.id, evaluatorId: 'U1', action: { kind: 'rate', level: 3 } } as const;
    const changed = (await atOnce([a, b, a, b].map((db) => () => recordAnswer(createStore(db), clock(), click)))).map((r) => r.changed);
    expect(changed.filter(Boolean)).toHaveLength(1);
    const audit = (await listAudit(b, interview.id)).filter((e) => e.action.startsWith('answer.'));
    expect(audit.map((e) => e.action)).toEqual(['answer.recorded']);
  });
});

describe('idempotency keys of Slack events', () => {
  it('are claimed by one instance, and pruned by the digest tick once two days old', async () => {
    const [a, b] = await twoInstances();
    const t0 = new Date('2026-11-20T10:00:00Z');
    const claims = await atOnce([a, b, a].map((db) => () => claimEvent(db, 'Ev1', t0)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await claimEvent(a, 'Ev2', new Date('2026-11-22T09:00:00Z'));

    const clock = manualClock('2026-11-22T10:00:01Z');
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' });
    if (!config.ok) throw new Error(config.errors.join());
    const lookup = async (ids: readonly string[]) => new Map(ids.map((id) => [id, 'public' as const]));
    await createFlows(config.config, { store: createStore(a), bank: STANDARD_BANK, clock, channels: { privacy: lookup, shared: async () => false } }).digest.tick(async () => null);
    // Ev1 is older than two days and forgotten (a redelivery now would be new); Ev2 is still known.
    expect(await claimEvent(b, 'Ev2', clock())).toBe(false);
    expect(await claimEvent(b, 'Ev1', clock())).toBe(true);
  });
});
