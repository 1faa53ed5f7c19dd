// A completed vetting's verdict, kept so lists and digests of thousands of vendors read it instead of scoring each
// vetting (docs/performance.md). The verdict is the scorecard scoreSnapshot gives without a re-vet comparison: a
// completed vetting is scored as of its completion, so it changes only when its record does (the store then drops
// it), when an open evidence request crosses the overdue line (kept with the span it holds in), or when the scoring
// rules do (VERDICT_VERSION). One missing is scored on read and kept.
import type { Clock } from '../model.js';
import { namedTeam } from '../scoring/revet.js';
import { DEFAULT_MIN_EVALUATORS, evidenceOverdueSpan, panelOf, vettingOrder } from '../scoring/score.js';
import type { Scorecard } from '../scoring/types.js';
import type { Store } from '../store/store.js';
import type { KeptVerdict, VerdictKeys, VerdictState } from '../store/verdicts.js';
import { readSnapshotById, scoreSnapshot, type Snapshot } from './state.js';

/** Move on whenever a change to src/scoring can change a completed vetting's scorecard: kept ones are then scored again. */
export const VERDICT_VERSION = 1;

/** Scored at most this many at once when many are missing (the first list after the upgrade). */
const BATCH = 32;

/** The verdict of a completed vetting's record, judged at `now` (its evidence requests; the rest as of completion). */
export function verdictOf(s: Snapshot, now: Date): KeptVerdict {
  const c = scoreSnapshot(s, () => now).scorecard;
  // As scoreSnapshot hands the requests to scoring.
  const requests = s.requests.map((r) => ({ questionId: r.questionId, open: r.status === 'open', dueOn: r.dueOn, overdueFrom: r.dueAt.toISOString() }));
  return {
    version: VERDICT_VERSION,
    scorecard: c,
    tier: c.tier,
    order: vettingOrder(c),
    score: c.overall.score,
    team: namedTeam(c),
    ...evidenceOverdueSpan(s.interview.questions, requests, now),
  };
}

/** Whether a kept verdict is the one scoring would give at `now`. */
export function holds(keys: VerdictKeys | null, now: Date): keys is VerdictKeys {
  return keys !== null && keys.version === VERDICT_VERSION && (keys.from === null || now >= keys.from) && (keys.until === null || now < keys.until);
}

/** The panel is the only part VET_MIN_EVALUATORS changes: a kept scorecard is judged with the default and redone here. */
export function withPanel(c: Scorecard, minEvaluators: number | undefined): Scorecard {
  const min = minEvaluators ?? DEFAULT_MIN_EVALUATORS;
  if (c.panel.minEvaluators === min) return c;
  return { ...c, panel: panelOf(c.questions, min, !c.verdict.screen && !c.verdict.incomplete) };
}

export function createVerdicts({ store, clock }: { store: Store; clock: Clock }) {
  /**
   * Scores these completed interviews and keeps their verdicts; `states` must have been read before their records,
   * so a verdict scored from a record changed meanwhile is not kept (it is still returned: the reader saw that record).
   */
  async function score(states: readonly VerdictState[], now: Date = clock()): Promise<Map<number, KeptVerdict>> {
    const scored = new Map<number, KeptVerdict>();
    for (let i = 0; i < states.length; i += BATCH) {
      await Promise.all(
        states.slice(i, i + BATCH).map(async (state) => {
          const s = await readSnapshotById(store, state.id);
          if (!s || s.interview.status !== 'completed') return;
          const verdict = verdictOf(s, now);
          await store.verdicts.keepVerdict(state.id, state.rev, verdict);
          scored.set(state.id, verdict);
        }),
      );
    }
    return scored;
  }

  return {
    score,

    /**
     * Scores and keeps, a batch at a time, every kept verdict that does not hold now: after an upgrade (none kept yet,
     * or kept by older rules) that is every completed vetting, which a list would otherwise score while its asker
     * waits. Between batches requests get their turn; it ends early once `stopped` says so. `found` hears how many.
     */
    async settleUnheld(stopped: () => boolean, found?: (count: number) => void): Promise<number> {
      const now = clock();
      const unheld = await store.verdicts.listUnheld(VERDICT_VERSION, now);
      if (unheld.length > 0) found?.(unheld.length);
      let kept = 0;
      for (let i = 0; i < unheld.length && !stopped(); i += BATCH) {
        kept += (await score(unheld.slice(i, i + BATCH), now)).size;
        await new Promise((resolve) => setImmediate(resolve));
      }
      return kept;
    },

    /** Keeps the verdict of a completed interview's record as settled (`store` may be a transaction's). */
    async keep(trx: Store, s: Snapshot): Promise<void> {
      if (s.interview.status !== 'completed') return;
      const [state] = await trx.verdicts.listVerdictStates([s.interview.id]);
      if (state) await trx.verdicts.keepVerdict(s.interview.id, state.rev, verdictOf(s, clock()));
    },

    /** The scorecards scoreSnapshot gives at `now` for these completed interviews, by id: kept ones where they hold. */
    async scorecards(interviewIds: readonly number[], minEvaluators?: number, now: Date = clock()): Promise<Map<number, Scorecard>> {
      const kept = await store.verdicts.listKeptScorecards(interviewIds);
      const cards = new Map<number, Scorecard>();
      for (const [id, k] of kept) if (holds(k.keys, now)) cards.set(id, withPanel(k.scorecard, minEvaluators));
      const missing = await store.verdicts.listVerdictStates(interviewIds.filter((id) => !cards.has(id)));
      for (const [id, v] of await score(missing, now)) cards.set(id, withPanel(v.scorecard, minEvaluators));
      return cards;
    },
  };
}

export type Verdicts = ReturnType<typeof createVerdicts>;
