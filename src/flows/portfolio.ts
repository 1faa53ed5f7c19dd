// Vendors side by side: the list, comparisons, reports and the home dashboard. Reads only, and only what the
// reader may see (flows/visibility.ts): a vendor's standing comes from its visible interviews alone.
import type { Answer, AskedQuestion, Clock, EngagementDecision, FlagWithContext, Interview, Note, Vendor, VendorAnswer } from '../model.js';
import { SEVERITIES, type EngagementModel, type Severity } from '../questions/model.js';
import { teamChange } from '../scoring/revet.js';
import { vettingOrder } from '../scoring/score.js';
import { RISK_TIERS, type RiskTier } from '../scoring/types.js';
import type { AuditEntry } from '../store/audit.js';
import type { Store } from '../store/store.js';
import type { VendorVerdict, VerdictKeys } from '../store/verdicts.js';
import { buildRegister, type EvidenceRegister } from './evidence.js';
import type { InterviewFlow } from './interview.js';
import type { NameToken } from './names.js';
import type { Problem } from './problems.js';
import { findVisibleVendor, resolveVisibleVendors, visibleInterviews } from './seen.js';
import { readSnapshot, scoreSnapshot } from './state.js';
import type { SummaryView } from './views.js';
import { flagsInSummaryOrder } from './summary.js';
import { createVerdicts, holds, VERDICT_VERSION } from './verdicts.js';
import { scopeOf, type Visibility } from './visibility.js';

export interface PortfolioDeps {
  store: Store;
  clock: Clock;
  interviews: InterviewFlow;
  /** Expiry dates on the dashboard are days in this zone; the interview flow's summaries use the same. */
  timeZone: string;
  /** VET_MIN_EVALUATORS, as the interview flow has it: a kept verdict's panel is judged with it. */
  minEvaluators?: number;
}

export type SeverityCounts = Record<Severity, number>;

/** What a standing shows of a summary: the scorecard and flags, with the zone their days are told in. */
export type StandingSummary = Pick<SummaryView, 'interview' | 'scorecard' | 'flags' | 'timeZone'>;

export interface VendorStanding {
  vendor: Vendor;
  model: EngagementModel | null;
  /** The latest completed interview's summary (as much of it as a standing shows), or null when none was completed. */
  latest: StandingSummary | null;
  inProgress: Interview | null;
  openFlags: SeverityCounts;
  lastCompletedAt: Date | null;
}

export interface ReportData {
  summary: SummaryView;
  /** The order questions were asked in, as the thread numbered them. */
  asked: AskedQuestion[];
  answers: Answer[];
  notes: Note[];
  /** Flag changes from the audit log (opened, resolved, accepted, reopened...). */
  flagHistory: (AuditEntry & { at: Date })[];
  /** Expiry dates are days in this zone. */
  timeZone: string;
  /** The engagement-model decision the interview's model came from, if any. */
  decision: EngagementDecision | null;
  /** Per question: what evidence was asked, its state, the files and links shared, and when certificates go stale. */
  register: EvidenceRegister;
  /** What the vendor wrote in its own channel (with who, their organisation and when), when it answered there. */
  vendorAnswers: VendorAnswer[];
  vendorChannelId: string | null;
}

/**
 * Why everyone in the target channel may not read interviews the person sees: they ran in private channels other
 * than it, or the channel is shared with another organisation and they ran anywhere else.
 */
export type Withheld = 'private-channel' | 'shared-channel';

/** Posting a comparison: what the person saw, checked against what everyone in the channel may read. */
export type ShareOutcome =
  | { kind: 'gone' }
  /** Vendors the person sees with no interview the channel may read: nothing may be posted. */
  | { kind: 'blocked'; vendors: Vendor[]; because: Withheld }
  /** `trimmed`: why the posted standings leave out interviews the person sees (so they differ from what was shown), or null. */
  | { kind: 'ok'; standings: VendorStanding[]; trimmed: Withheld | null };

export const MAX_COMPARE = 5;

/** The first vendors in list order, with their standings, and how many there are in all. */
export interface RankedStandings {
  vendors: VendorStanding[];
  total: number;
}

const TIER_ORDER: (RiskTier | null)[] = [...[...RISK_TIERS].reverse(), null];

const noFlags = (): SeverityCounts => ({ critical: 0, high: 0, medium: 0, low: 0 });

export function createPortfolioFlow({ store, clock, interviews, timeZone, minEvaluators }: PortfolioDeps) {
  const verdicts = createVerdicts({ store, clock });

  async function summaryOf(interview: Interview, known: Omit<StandingSummary, 'interview'> | undefined): Promise<StandingSummary> {
    return known ? { interview, ...known } : interviews.summary(interview);
  }

  /** A vendor's standing from its visible interviews (newest first) and their open flags. */
  async function standing(vendor: Vendor, own: readonly Interview[], openFlags: SeverityCounts, known: ReadonlyMap<number, Omit<StandingSummary, 'interview'>>): Promise<VendorStanding> {
    const completed = own.find((i) => i.status === 'completed') ?? null;
    const inProgress = own.find((i) => i.status === 'in_progress') ?? null;
    return {
      vendor,
      model: (completed ?? inProgress ?? own[0])?.model ?? null,
      latest: completed ? await summaryOf(completed, known.get(completed.id)) : null,
      inProgress,
      openFlags,
      lastCompletedAt: completed?.completedAt ?? null,
    };
  }

  /**
   * Standings of the vendors in `only` (in its order) with an interview `v` allows, from those interviews and their
   * open flags. `known`: summaries already built, by interview id.
   */
  async function standingsFrom(
    v: Visibility,
    seen: readonly Interview[],
    only: readonly number[],
    known: ReadonlyMap<number, Omit<StandingSummary, 'interview'>> = new Map(),
  ): Promise<VendorStanding[]> {
    const open = new Map<number, SeverityCounts>();
    for (const c of await store.flags.countScopedFlags(scopeOf(v), ['open'], only)) {
      const counts = open.get(c.vendorId) ?? noFlags();
      counts[c.severity] += c.count;
      open.set(c.vendorId, counts);
    }
    const byVendor = new Map<number, { vendor: Vendor; own: Interview[] }>();
    for (const i of seen) {
      const entry = byVendor.get(i.vendor.id) ?? { vendor: i.vendor, own: [] };
      entry.own.push(i);
      byVendor.set(i.vendor.id, entry);
    }
    const picked = only.flatMap((id) => byVendor.get(id) ?? []);
    return Promise.all(picked.map((e) => standing(e.vendor, e.own, open.get(e.vendor.id) ?? noFlags(), known)));
  }

  /**
   * The vendors `v` may see, worst first (vendors with no completed vetting at the end), the first `limit` with their
   * standings. Ordered by the kept verdicts of their latest completed vettings (flows/verdicts.ts), which the store
   * walks in that order, so only the vendors near the top are read and only the shown ones summarised; the order is
   * the one their summaries give (compareStanding), then the name.
   */
  async function ranked(v: Visibility, limit: number): Promise<RankedStandings> {
    const scope = scopeOf(v);
    const now = clock();
    // Every verdict that does not hold is scored and kept first, whoever may see its vetting: which ones are the newest
    // a person sees is what the store would have to work out for each (tens of thousands that no list may show).
    const [unheld, total] = await Promise.all([store.verdicts.listUnheld(VERDICT_VERSION, now), store.verdicts.countScopedVendors(scope)]);
    const scored = await verdicts.score(unheld, now);
    // Those the kept keys still do not place (a verdict changed meanwhile, or a re-vet flag that may raise it) are
    // placed here; the walk then needs as many more as they may take of its rows.
    const unsettled = await store.verdicts.listScopedUnsettled(scope, VERDICT_VERSION, now);
    const walkLimit = limit + unsettled.length;
    const walked = await store.verdicts.listScopedRanked(scope, VERDICT_VERSION, now, walkLimit);
    const placed = new Set(unsettled.map((r) => r.vendorId));
    const vetted = [...walked.filter((r) => !placed.has(r.vendorId)), ...unsettled];
    const keysOf = (r: VendorVerdict): VerdictKeys | null => (holds(r.keys, now) ? r.keys : (scored.get(r.id) ?? null));
    // Vendors never vetted come last: read only when the vetted ones do not fill the page (the walk ran out).
    const unvetted = walked.length < walkLimit && vetted.filter((r) => keysOf(r)).length < limit ? await store.verdicts.listScopedNames(scope, undefined, true) : [];
    const names = new Map(
      (
        await store.verdicts.listScopedNames(
          scope,
          vetted.map((r) => r.vendorId),
        )
      ).map((n) => [n.vendorId, n]),
    );
    const ranks = [
      ...vetted.flatMap((r) => {
        const name = names.get(r.vendorId);
        return name ? [{ row: name, completed: r, keys: keysOf(r), tier: keysOf(r)?.tier ?? null }] : [];
      }),
      ...unvetted.map((row) => ({ row, completed: null, keys: null, tier: null })),
    ];
    // A summary compares a re-vet with the vendor's previous vetting, and a named team member missing since raises a
    // high flag, which the kept verdict leaves out. Where that may be (a team named, and an earlier vetting that
    // named someone it lacks, or whose team is not known), the summary itself is read: for the order where the flag
    // would raise the tier, and for what is shown.
    const known = new Map<number, Omit<StandingSummary, 'interview'>>();
    const revetMayFlag = new Set<number>();
    const named = ranks.filter((x) => x.keys?.team);
    const completedOfNamed = await store.verdicts.listCompletedVerdicts(named.map((x) => x.row.vendorId));
    // Earlier vettings with no verdict kept get one, so the next list need not summarise for want of their teams.
    const scoredEarlier = await verdicts.score(
      completedOfNamed.filter((e) => !holds(e.keys, now)),
      now,
    );
    const earlier = new Map<number, { id: number; keys: VerdictKeys | null }[]>();
    for (const e of completedOfNamed) earlier.set(e.vendorId, [...(earlier.get(e.vendorId) ?? []), { id: e.id, keys: holds(e.keys, now) ? e.keys : (scoredEarlier.get(e.id) ?? null) }]);
    for (const x of named) {
      const id = x.completed!.id;
      const team = x.keys!.team!;
      const before = (earlier.get(x.row.vendorId) ?? []).filter((e) => e.id < id);
      if (before.some((e) => !holds(e.keys, now) || (e.keys.team !== null && teamChange(e.keys.team, team).removed.length > 0))) revetMayFlag.add(id);
    }
    const summarise = async (id: number) => {
      const interview = await store.interviews.getInterview(id);
      if (interview) known.set(id, await interviews.summary(interview));
    };
    for (const x of ranks) {
      if (!x.completed || !revetMayFlag.has(x.completed.id) || TIER_ORDER.indexOf(x.tier) <= TIER_ORDER.indexOf('high')) continue;
      await summarise(x.completed.id);
      x.tier = known.get(x.completed.id)?.scorecard.tier ?? x.tier;
    }
    // compareStanding on the keys, then the name; newest first, as the standings were built, for equal ones.
    const isVetted = (x: (typeof ranks)[number]) => (x.keys ? 0 : 1);
    ranks.sort((a, b) => b.row.newestId - a.row.newestId);
    ranks.sort(
      (a, b) =>
        isVetted(a) - isVetted(b) ||
        (a.keys && b.keys ? TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier) || b.keys.order - a.keys.order || (a.keys.score ?? 0) - (b.keys.score ?? 0) : 0) ||
        a.row.name.localeCompare(b.row.name),
    );
    const shown = ranks.slice(0, limit);
    // The rest of what is shown comes from the kept verdicts: the summary's scorecard where no re-vet flag may be.
    const plain = shown.flatMap((x) => (x.completed && !known.has(x.completed.id) && !revetMayFlag.has(x.completed.id) ? [x.completed.id] : []));
    const [cards, flags] = await Promise.all([verdicts.scorecards(plain, minEvaluators, now), store.flags.listFlagsOf(plain)]);
    for (const [id, scorecard] of cards) known.set(id, { scorecard, flags: flagsInSummaryOrder(scorecard, flags.get(id) ?? []), timeZone });
    for (const x of shown) if (x.completed && !known.has(x.completed.id)) await summarise(x.completed.id);
    const page = shown.map((x) => x.row.vendorId);
    return { vendors: await standingsFrom(v, await visibleInterviews(store, v, page), page, known), total };
  }

  const compare = async (ids: readonly number[], v: Visibility) => standingsFrom(v, await visibleInterviews(store, v, ids), ids);

  return {
    /** Scores the verdicts lists would find missing or out of date, in the background (flows/verdicts.ts). */
    settleVerdicts: verdicts.settleUnheld,

    /** The channels interviews ran in: those whose privacy and membership decide what anyone sees. */
    channels: () => store.interviews.listInterviewChannels(),

    /** The vendors `v` may see, worst tier first: the first `limit` with their standings, and how many in all. */
    list: (v: Visibility, limit = Number.POSITIVE_INFINITY) => ranked(v, limit),

    /** One vendor by name among those `v` may see (case and spacing do not matter), or the unknown-vendor answer. */
    find: (name: string, v: Visibility) => findVisibleVendor(store, v, name),

    /** Finds 2 to 5 vendors by name, or says which names are unknown and what they might have meant. */
    async resolve(tokens: readonly NameToken[], v: Visibility): Promise<{ ok: true; vendors: Vendor[] } | { ok: false; problem: Problem }> {
      const result = await resolveVisibleVendors(store, v, tokens);
      if (!result.ok) return { ok: false, problem: { code: 'unknown-vendors', unknown: result.unknown } };
      const unique = [...new Map(result.found.map((v) => [v.id, v])).values()];
      if (unique.length < 2 || unique.length > MAX_COMPARE) return { ok: false, problem: { code: 'compare-count', max: MAX_COMPARE, named: unique.length } };
      return { ok: true, vendors: unique };
    },

    /** The standings of these vendors from what `v` may see, in the order given. */
    compare: (vendors: readonly Vendor[], v: Visibility) =>
      compare(
        vendors.map((x) => x.id),
        v,
      ),

    /**
     * A comparison the person (`asker`) saw, to be posted where `postable` (the person and the channel) may read it.
     * A vendor with nothing postable there blocks the post: naming it would tell the channel it exists.
     */
    async share(vendorIds: readonly number[], asker: Visibility, postable: Visibility): Promise<ShareOutcome> {
      const seen = await compare(vendorIds, asker);
      if (seen.length < 2) return { kind: 'gone' };
      const shown = await compare(vendorIds, postable);
      const because: Withheld = postable.readers.some((r) => r.kind === 'channel' && r.shared) ? 'shared-channel' : 'private-channel';
      const blocked = seen.filter((s) => !shown.some((x) => x.vendor.id === s.vendor.id)).map((s) => s.vendor);
      if (blocked.length > 0) return { kind: 'blocked', vendors: blocked, because };
      return { kind: 'ok', standings: shown, trimmed: shown.some((s, i) => !sameStanding(s, seen[i]!)) ? because : null };
    },

    /** Everything about the vendor's latest interview `v` may see (completed or not), or null when there is none. */
    async report(vendor: Vendor, v: Visibility): Promise<ReportData | null> {
      const latest = (await visibleInterviews(store, v, [vendor.id])).find((i) => i.status !== 'abandoned');
      if (!latest) return null;
      const [summary, asked, answers, notes, audit, flags, decision, snapshot] = await Promise.all([
        interviews.summary(latest),
        store.interviews.listAsked(latest.id),
        store.answers.listAnswers(latest.id),
        store.notes.listNotes(latest.id),
        store.audit.listAudit(latest.id),
        store.flags.listFlags(latest.id),
        latest.decisionId ? store.decisions.getDecision(latest.decisionId) : null,
        readSnapshot(store, latest),
      ]);
      const vendorAnswers = await store.vendorChannel.listVendorAnswers(latest.id);
      const flagIds = new Set(flags.map((f) => f.id));
      const flagHistory = audit.filter((e) => e.action.startsWith('flag.') && flagIds.has(Number(e.detail.flagId)));
      return {
        summary,
        asked,
        answers,
        notes,
        flagHistory,
        timeZone,
        decision,
        register: buildRegister(scoreSnapshot(snapshot, clock)),
        vendorAnswers,
        vendorChannelId: snapshot.vendorChannel?.channelId ?? null,
      };
    },

    /**
     * The home dashboard of one user, from what `v` lets them see: the first `limit` vendors by risk and how many, and
     * the first `expiringLimit` accepted risks expiring soonest and how many.
     */
    async home(
      userId: string,
      v: Visibility,
      limit = Number.POSITIVE_INFINITY,
      expiringLimit = Number.POSITIVE_INFINITY,
    ): Promise<{ mine: Interview[]; vendors: VendorStanding[]; vendorCount: number; expiring: FlagWithContext[]; expiringCount: number; timeZone: string }> {
      const soon = new Date(clock().getTime() + 14 * 86_400_000);
      const [inProgress, vendors, expiring] = await Promise.all([store.interviews.listInProgressFor(userId, 20), ranked(v, limit), store.flags.listScopedExpiring(scopeOf(v), soon, expiringLimit)]);
      const visibleIds = new Set((await visibleInterviews(store, v, [...new Set(inProgress.map((i) => i.vendor.id))])).map((i) => i.id));
      return { mine: inProgress.filter((i) => visibleIds.has(i.id)), vendors: vendors.vendors, vendorCount: vendors.total, expiring: expiring.flags, expiringCount: expiring.total, timeZone };
    },
  };
}

/**
 * Which of two standings is better (positive when `a` is): the tier, then a complete full vetting over a screen of the
 * same tier, then the score. A vendor never vetted ranks last.
 */
export function compareStanding(a: VendorStanding, b: VendorStanding): number {
  if (!a.latest || !b.latest) return (a.latest ? 1 : 0) - (b.latest ? 1 : 0);
  const x = a.latest.scorecard;
  const y = b.latest.scorecard;
  return TIER_ORDER.indexOf(x.tier) - TIER_ORDER.indexOf(y.tier) || vettingOrder(y) - vettingOrder(x) || (x.overall.score ?? 0) - (y.overall.score ?? 0);
}

/** Whether two standings of one vendor compare the same: the same latest completed interview and open flags. */
function sameStanding(a: VendorStanding, b: VendorStanding): boolean {
  return a.latest?.interview.id === b.latest?.interview.id && SEVERITIES.every((s) => a.openFlags[s] === b.openFlags[s]);
}

export type PortfolioFlow = ReturnType<typeof createPortfolioFlow>;
