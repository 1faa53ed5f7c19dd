import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createInterviewFlow } from '../src/flows/interview.js';
import { compareStanding, createPortfolioFlow, type VendorStanding } from '../src/flows/portfolio.js';
import type { Visibility } from '../src/flows/visibility.js';
import { readSnapshotById } from '../src/flows/state.js';
import { createVerdicts, VERDICT_VERSION, verdictOf } from '../src/flows/verdicts.js';
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

/** As a database migrated from before 0027 has it: no verdict kept for any vetting (0028 gives each completed one its row). */
async function forgetVerdicts(db: Db) {
  await db.deleteFrom('interview_scorecards').execute();
  await db.deleteFrom('interview_verdicts').execute();
  await db
    .insertInto('interview_verdicts')
    .columns(['interview_id', 'rev'])
    .expression(
      db
        .selectFrom('interviews')
        .select(['id', sql<number>`0`.as('rev')])
        .where('status', '=', 'completed'),
    )
    .execute();
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

  it('scores in the background every verdict an upgrade left missing, so no list has to, and stops when told', async () => {
    const { db, store, flow, clock, id } = await completed();
    // A second completed vetting, so both are found.
    const other = await flow.start({ vendorName: 'Wayne', model: null, variant: 'lite', channelId: 'C1', lead: as('U1'), evaluators: [] });
    if (other.kind !== 'started') throw new Error('not started');
    await flow.answer({ interviewId: other.interview.id, questionId: other.first.question.id, actor: as('U1'), action: { kind: 'rate', level: 2 } });
    expect((await flow.finish({ vendorName: 'wayne', channelId: 'C1', actor: as('U1') })).kind).toBe('finished');
    await forgetVerdicts(db);
    const portfolio = createPortfolioFlow({ store, clock, interviews: flow, timeZone: 'UTC' });

    const found: number[] = [];
    expect(
      await portfolio.settleVerdicts(
        () => true,
        (n) => found.push(n),
      ),
    ).toBe(0);
    expect(found).toEqual([2]);
    expect(await kept(store, id)).toBeNull();

    expect(await portfolio.settleVerdicts(() => false)).toBe(2);
    expect(await store.verdicts.listUnheld(VERDICT_VERSION, clock())).toEqual([]);
    expect((await kept(store, id))?.scorecard).toEqual((await fresh(store, id, clock())).scorecard);
    expect((await kept(store, other.interview.id))?.scorecard).toEqual((await fresh(store, other.interview.id, clock())).scorecard);
    // Nothing left: a second run finds none and says nothing.
    const again: number[] = [];
    expect(
      await portfolio.settleVerdicts(
        () => false,
        (n) => again.push(n),
      ),
    ).toBe(0);
    expect(again).toEqual([]);
    await db.destroy();
  });

  it('orders /vet list by kept verdicts as it would by summaries, and shows what the summaries say', async () => {
    const clock = manualClock('2026-11-22T10:00:00Z');
    const db = await openDatabase(await freshTarget());
    const store = createStore(db);
    const flow = createInterviewFlow({ store, bank: STANDARD_BANK, clock });
    const portfolio = createPortfolioFlow({ store, clock, interviews: flow, timeZone: 'UTC' });
    const vet = async (vendorName: string, levels: number[], finish: boolean) => {
      const started = await flow.start({ vendorName, model: null, variant: 'lite', channelId: 'C1', lead: as('U1'), evaluators: ['U2'] });
      if (started.kind !== 'started') throw new Error('not started');
      let current: typeof started.first | null = started.first;
      for (const level of levels) {
        if (!current) break;
        const outcome = await flow.answer({ interviewId: started.interview.id, questionId: current.question.id, actor: as('U1'), action: { kind: 'rate', level } });
        current = outcome.kind === 'recorded' ? outcome.next : null;
      }
      if (finish) await flow.finish({ vendorName, channelId: 'C1', actor: as('U1') });
    };
    await vet('Globex', [3, 3, 3], true);
    await vet('Acme', [0, 1], true);
    await vet('Initech', [2, 2, 2, 2], true);
    await vet('Umbrella', [1], false);
    await vet('Hooli', [3], true);
    // As a database migrated from before kept verdicts has it.
    await forgetVerdicts(db);
    const v: Visibility = { readers: [{ kind: 'person', viewer: { actor: as('U3'), memberOf: new Set() } }], privacy: new Map([['C1', 'public']]) };

    const listed = await portfolio.list(v);
    expect(listed.total).toBe(5);
    expect(listed.vendors).toHaveLength(5);
    // What each row shows is what its latest vetting's summary says.
    for (const s of listed.vendors) {
      if (!s.latest) continue;
      const summary = await flow.summary(s.latest.interview);
      expect(s.latest.scorecard).toEqual(summary.scorecard);
      expect(s.latest.flags).toEqual(summary.flags);
    }
    // The order is the one the summaries give: vetted first, worst first, then by name.
    const vetted = (s: VendorStanding) => (s.latest ? 0 : 1);
    const bySummaries = [...listed.vendors].sort((a, b) => vetted(a) - vetted(b) || compareStanding(a, b) || a.vendor.name.localeCompare(b.vendor.name));
    expect(listed.vendors.map((s) => s.vendor.name)).toEqual(bySummaries.map((s) => s.vendor.name));
    expect(listed.vendors.at(-1)?.vendor.name).toBe('Umbrella');

    // Read again from the verdicts the first read kept, and a page of two: the same rows.
    expect(await portfolio.list(v)).toEqual(listed);
    const page = await portfolio.list(v, 2);
    expect(page.total).toBe(5);
    expect(page.vendors).toEqual(listed.vendors.slice(0, 2));
    await db.destroy();
  });

  it('pages /vet list in the order of the whole list, equal verdicts by name, and never shows a private vetting to a non-member', async () => {
    const clock = manualClock('2026-11-22T10:00:00Z');
    const db = await openDatabase(await freshTarget());
    const store = createStore(db);
    const flow = createInterviewFlow({ store, bank: STANDARD_BANK, clock });
    const portfolio = createPortfolioFlow({ store, clock, interviews: flow, timeZone: 'UTC' });
    const vet = async (vendorName: string, channelId: string, level: number, finish = true) => {
      const started = await flow.start({ vendorName, model: null, variant: 'lite', channelId, lead: as('U1'), evaluators: ['U2'] });
      if (started.kind !== 'started') throw new Error('not started');
      await flow.answer({ interviewId: started.interview.id, questionId: started.first.question.id, actor: as('U1'), action: { kind: 'rate', level } });
      if (finish) await flow.finish({ vendorName, channelId, actor: as('U1') });
    };
    // Equal verdicts in pairs, so the page ends among vendors told apart by name only; one vendor never finished.
    for (const [name, level] of [
      ['Zeta', 1],
      ['Alpha', 1],
      ['Mu', 3],
      ['Beta', 3],
      ['Kappa', 0],
      ['Gamma', 0],
      ['Omega', 2],
    ] as const)
      await vet(name, 'C1', level);
    await vet('Pending', 'C1', 1, false);
    // Run only in a private channel; and a vendor vetted in public, then again, worse, in private.
    await vet('Secret', 'CPRIV', 0);
    await vet('Omega', 'CPRIV', 0);
    const privacy = new Map([
      ['C1', 'public' as const],
      ['CPRIV', 'private' as const],
    ]);
    const outsider: Visibility = { readers: [{ kind: 'person', viewer: { actor: as('U3'), memberOf: new Set() } }], privacy };
    const member: Visibility = { readers: [{ kind: 'person', viewer: { actor: as('U3'), memberOf: new Set(['CPRIV']) } }], privacy };

    const all = await portfolio.list(outsider);
    expect(all.total).toBe(8);
    expect(all.vendors.map((s) => s.vendor.name)).not.toContain('Secret');
    // Omega's standing is its public vetting's: the private one is not the outsider's to see.
    const omega = all.vendors.find((s) => s.vendor.name === 'Omega');
    expect(omega?.latest?.interview.channelId).toBe('C1');
    const vetted = (s: VendorStanding) => (s.latest ? 0 : 1);
    const bySummaries = [...all.vendors].sort((a, b) => vetted(a) - vetted(b) || compareStanding(a, b) || a.vendor.name.localeCompare(b.vendor.name));
    expect(all.vendors.map((s) => s.vendor.name)).toEqual(bySummaries.map((s) => s.vendor.name));
    expect(all.vendors.at(-1)?.vendor.name).toBe('Pending');
    for (let limit = 1; limit <= 8; limit++) {
      const page = await portfolio.list(outsider, limit);
      expect(page.total).toBe(8);
      expect(page.vendors).toEqual(all.vendors.slice(0, limit));
    }

    const seen = await portfolio.list(member);
    expect(seen.total).toBe(9);
    expect(seen.vendors.map((s) => s.vendor.name)).toContain('Secret');
    expect(seen.vendors.find((s) => s.vendor.name === 'Omega')?.latest?.interview.channelId).toBe('CPRIV');
    expect((await portfolio.list(member, 4)).vendors).toEqual(seen.vendors.slice(0, 4));
    await db.destroy();
  });
});
