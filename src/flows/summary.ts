// The scored summary of an interview: its flags brought in line with the answers, a re-vet compared with the
// vendor's previous interview, and what was revised after completion.
import type { Clock, Interview, RedFlag } from '../model.js';
import { compareInterviews, namedTeam, revetFlags } from '../scoring/revet.js';
import type { Scorecard } from '../scoring/types.js';
import type { AuditEntry } from '../store/audit.js';
import type { Store } from '../store/store.js';
import { readSnapshot, readSnapshotById, scoreSnapshot, type Scored, type Snapshot } from './state.js';
import type { Revision, SummaryView } from './views.js';
import { showableIn } from './seen.js';
import { createVerdicts } from './verdicts.js';
import type { ChannelLookup } from './visibility.js';

const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/** Audit actions that change a completed interview's record. */
const REVISING = new Set(['answer.recorded', 'answer.changed', 'note.added']);

export interface SummaryDeps {
  store: Store;
  clock: Clock;
  /** Which channels are public and which are shared with another organisation; without it, see SAME_CHANNEL_ONLY. */
  channels?: ChannelLookup;
  /** VET_MIN_EVALUATORS: raters a final verdict needs (the scoring default when omitted). */
  minEvaluators?: number;
  /** Days (an accepted risk's expiry) are told in this zone; UTC when omitted. */
  timeZone?: string;
}

/** Without a way to ask Slack, every channel counts as shared: only interviews run in the same channel are compared. */
const SAME_CHANNEL_ONLY: ChannelLookup = { privacy: async () => new Map(), shared: async () => true };

/**
 * The vendor's previous completed interview that everyone reading this one may see: run in the same channel, or in
 * a public one unless this channel is shared with another organisation. A summary is read in its channel, so a
 * vetting its readers may not see must not show through it.
 */
async function previousCompleted(store: Store, interview: Interview, channels: ChannelLookup): Promise<Snapshot | null> {
  const earlier = (await store.interviews.listVendorInterviews(interview.vendor.id)).filter((i) => i.id < interview.id && i.status === 'completed');
  const [previous] = await showableIn(channels, interview.channelId, earlier);
  return previous ? readSnapshot(store, previous) : null;
}

/** Scores `s`; a re-vet is compared with `previous`, and a change in the named team raises its flag. */
function scoreWithRevet(s: Snapshot, previous: Snapshot | null, clock: Clock, minEvaluators?: number): { scored: Scored; revet: SummaryView['revet'] } {
  const scored = scoreSnapshot(s, clock, undefined, minEvaluators);
  if (!previous) return { scored, revet: null };
  const before = scoreSnapshot(previous, clock, undefined, minEvaluators);
  const comparison = compareInterviews({ scorecard: before.scorecard, team: namedTeam(before.scorecard) }, { scorecard: scored.scorecard, team: namedTeam(scored.scorecard) });
  const teamQuestion = s.interview.questions.find((q) => q.fact?.type === 'list')?.id ?? null;
  return { scored: scoreSnapshot(s, clock, revetFlags(comparison, teamQuestion), minEvaluators), revet: { previous: previous.interview, comparison } };
}

/** A summary's flags in the order it shows them: a failed knock-out's first (no average offsets them), worst first. */
export function flagsInSummaryOrder(scorecard: Scorecard, flags: readonly RedFlag[]): RedFlag[] {
  const knockOut = new Set(scorecard.verdict.knockOuts.flatMap((k) => k.rules.map((rule) => `${rule}|${k.questionId}`)));
  const first = (f: RedFlag) => (knockOut.has(`${f.rule}|${f.questionId}`) ? 0 : 1);
  return [...flags].sort((a, b) => first(a) - first(b) || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.id - b.id);
}

/** The ratings and notes recorded after the interview was completed, from its audit log (oldest first). */
export function revisionsAfterCompletion(audit: readonly (AuditEntry & { at: Date })[]): Revision[] {
  const completed = audit.findIndex((e) => e.action === 'interview.completed');
  if (completed < 0) return [];
  return audit.slice(completed + 1).flatMap((e) => {
    const questionId = e.detail.questionId;
    return REVISING.has(e.action) && typeof questionId === 'string' ? [{ by: e.actor, at: e.at, questionId }] : [];
  });
}

export function createSummaries({ store, clock, channels = SAME_CHANNEL_ONLY, minEvaluators, timeZone = 'UTC' }: SummaryDeps) {
  const verdicts = createVerdicts({ store, clock });
  async function build(s: Snapshot, previous: Snapshot | null): Promise<SummaryView> {
    const { scored, revet } = scoreWithRevet(s, previous, clock, minEvaluators);
    const revisions = s.interview.status === 'completed' ? revisionsAfterCompletion(await store.audit.listAudit(s.interview.id)) : [];
    return { interview: s.interview, scorecard: scored.scorecard, flags: flagsInSummaryOrder(scored.scorecard, s.flags), evaluators: s.evaluators, revet, revisions, timeZone };
  }

  return {
    /** The summary as the store has it now. */
    async summarize(s: Snapshot): Promise<SummaryView> {
      return build(s, await previousCompleted(store, s.interview, channels));
    },

    /**
     * Brings the stored flags in line with what the answers now justify, then summarises: at completion, and
     * whenever a completed interview's record changes.
     */
    async settle(s: Snapshot): Promise<SummaryView> {
      const previous = await previousCompleted(store, s.interview, channels);
      // Judged on the record as it stands once this instance holds the interview: an answer recorded elsewhere
      // since `s` was read is counted, and a slower instance cannot sync flags from an older read over newer ones.
      const settled = await store.transaction(async (trx) => {
        await trx.interviews.lockInterview(s.interview.id);
        const current = (await readSnapshotById(trx, s.interview.id)) ?? s;
        await trx.flags.syncFlags(s.interview.id, scoreWithRevet(current, previous, clock, minEvaluators).scored.scorecard.flags, clock());
        // Syncing may close flags the answers no longer justify, which changes the tier: score again with them.
        const synced = { ...current, flags: await trx.flags.listFlags(s.interview.id) };
        // Kept for lists and digests, on the record as settled under the lock (store/verdicts.ts).
        await verdicts.keep(trx, synced);
        return synced;
      });
      return build(settled, previous);
    },
  };
}

export type Summaries = ReturnType<typeof createSummaries>;
