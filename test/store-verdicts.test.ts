import { describe, expect, it } from 'vitest';
import { createInterviewFlow } from '../src/flows/interview.js';
import { readSnapshotById } from '../src/flows/state.js';
import { createVerdicts, verdictOf } from '../src/flows/verdicts.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { openDatabase, type Db } from '../src/store/db.js';
import { decideFlag, listFlags } from '../src/store/flags.js';
import { createStore, type Store } from '../src/store/store.js';
import { freshTarget } from './support/database.js';
import { manualClock } from './support/temp.js';

const as = (userId: string) => ({ userId, admin: false, riskOwner: false, external: false });

/** A lite vetting of Stark by U1 and U2, one question rated, finished by U1. */
async function completed() {
  const clock = manualClock('2026-11-22T10:00:00Z');
  const db = await openDatabase(await freshTarget());
  const store = createStore(db);
  const flow = createInterviewFlow({ store, bank: STANDARD_BANK, clock });
  const started = await flow.start({ vendorName: 'Stark', model: null, variant: 'lite', channelId: 'C1', lead: as('U1'), evaluators: ['U2'] });
  if (started.kind !== 'started') throw new Error('not started');
  const id = started.interview.id;
  const click = { interviewId: id, questionId: started.first.question.id };
  await flow.answer({ ...click, actor: as('U1'), action: { kind: 'rate', level: 1 } });
  const finished = await flow.finish({ vendorName: 'stark', channelId: 'C1', actor: as('U1') });
  if (finished.kind !== 'finished') throw new Error('not finished');
  return { db, store, flow, clock, id, click };
}

/** The verdict scored afresh from the record as it stands. */
async function fresh(store: Store, id: number, now: Date) {
  return verdictOf((await readSnapshotById(store, id))!, now);
}

async function kept(store: Store, id: number) {
  return (await store.verdicts.listKeptScorecards([id])).get(id) ?? null;
}

/** As a database migrated from before 0027 has it: no verdict kept for any vetting. */
async function forgetVerdicts(db: Db) {
  await db.deleteFrom('interview_scorecards').execute();
  await db.deleteFrom('interview_verdicts').execute();
}

describe('kept verdicts of completed vettings', () => {
  it('keeps the verdict when a vetting completes and when it is revised, each equal to one scored afresh', async () => {
    const { db, store, flow, clock, id, click } = await completed();
    const first = await kept(store, id);
    const expected = await fresh(store, id, clock());
    expect(first?.scorecard).toEqual(expected.scorecard);
    expect(first?.keys).toMatchObject({ tier: expected.tier, order: expected.order, score: expected.score, team: expected.team });

    // A revision after completion: the rating and the evidence change, the kept verdict follows.
    clock.set('2026-11-23T09:00:00Z');
    await flow.answer({ ...click, actor: as('U2'), action: { kind: 'rate', level: 3 } });
    await flow.answer({ ...click, actor: as('U2'), action: { kind: 'evidence', state: 'shown', seen: 'the audit log on screen share' } });
    const revised = await kept(store, id);
    const again = await fresh(store, id, clock());
    expect(revised?.scorecard).toEqual(again.scorecard);
    expect(revised?.scorecard).not.toEqual(first?.scorecard);
    expect(revised?.rev).toBeGreaterThan(first!.rev);
    await db.destroy();
  });

  it('drops the verdict when its record changes without a settle, and scores it again on the next read', async () => {
    const { db, store, clock, id } = await completed();
    const flag = (await listFlags(db, id)).find((f) => f.status === 'open');
    expect(flag).toBeDefined();
    // Resolving a flag changes the tier without settling the summary: the database drops the kept verdict.
    await decideFlag(db, 'resolved', { flagId: flag!.id, by: 'U1', reason: 'Fixed and shown.', link: null, seen: 'the fix on screen share' }, clock());
    expect(await kept(store, id)).toBeNull();
    const verdicts = createVerdicts({ store, clock });
    const read = (await verdicts.scorecards([id])).get(id);
    expect(read).toEqual((await fresh(store, id, clock())).scorecard);
    expect((await kept(store, id))?.scorecard).toEqual(read);
    await db.destroy();
  });

  it('scores a vetting completed before verdicts were kept on first read, and keeps none scored from a read older than a write', async () => {
    const { db, store, flow, clock, id, click } = await completed();
    await forgetVerdicts(db);
    expect(await kept(store, id)).toBeNull();
    const verdicts = createVerdicts({ store, clock });
    const read = (await verdicts.scorecards([id])).get(id);
    expect(read).toEqual((await fresh(store, id, clock())).scorecard);
    expect((await kept(store, id))?.scorecard).toEqual(read);

    // Read, then a revision lands (and settles), then the verdict of the older read is offered: it is not kept.
    await forgetVerdicts(db);
    const [state] = await store.verdicts.listVerdictStates([id]);
    const older = (await readSnapshotById(store, id))!;
    await flow.answer({ ...click, actor: as('U2'), action: { kind: 'rate', level: 3 } });
    expect(await store.verdicts.keepVerdict(id, state!.rev, verdictOf(older, clock()))).toBe(false);
    expect((await kept(store, id))?.scorecard).toEqual((await fresh(store, id, clock())).scorecard);
    expect((await kept(store, id))?.scorecard).not.toEqual(verdictOf(older, clock()).scorecard);
    await db.destroy();
  });
});
