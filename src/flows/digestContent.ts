// What a channel's weekly digest says, composed from plain data. Pure: "now" is passed in.
// Each date-fns function from its own module: the package index would load the whole library (about 10 MB of memory).
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { factConsensus, factStaleOn } from '../scoring/facts.js';
import { scoreInterview } from '../scoring/score.js';
import type { Scorecard } from '../scoring/types.js';
import { ACCEPTANCE_EXPIRED, type Answer, type FlagWithContext, type Interview, type RedFlag, type Vendor } from '../model.js';
import { SEVERITIES, type Severity } from '../questions/model.js';
import type { ChasedRequest } from './evidence.js';

export const EXPIRING_WITHIN_DAYS = 14;
export const STALE_WITHIN_DAYS = 30;
export const UNFINISHED_AFTER_DAYS = 7;

export interface DigestFlag {
  flag: FlagWithContext;
  questionTitle: string | null;
  openForDays: number;
  isNew: boolean;
  acceptanceExpired: boolean;
}

export interface VendorDigest {
  vendor: Vendor;
  worst: Severity | null;
  open: DigestFlag[];
  expiring: { flag: FlagWithContext; questionTitle: string | null; expiresAt: Date }[];
  /**
   * Reports and certificates that stop being current within STALE_WITHIN_DAYS (or already have): any date fact of the
   * bank, an expiry date (an ISO 27001 certificate) or a report that ages (a SOC 2 period, a penetration test).
   */
  certificates: { label: string; staleOn: Date; alreadyStale: boolean; kind: 'expiry' | 'age' }[];
  /** Evidence requests past their due date, most overdue first. */
  overdueEvidence: ChasedRequest[];
  unfinished: { interview: Interview; days: number }[];
  revetDue: { lastCompletedAt: Date } | null;
  /** The latest completed vetting here did not examine enough to rely on (see scoring's verdict). */
  incomplete: boolean;
  /** The latest completed vetting's scorecard and flags, for its tier statement; null when none was given. */
  verdict: { scorecard: Scorecard; flags: RedFlag[] } | null;
}

export interface DigestView {
  channelId: string;
  generatedAt: Date;
  /** Dates are shown as days in this zone. */
  timeZone: string;
  since: Date | null;
  vendors: VendorDigest[];
}

export interface DigestInput {
  channelId: string;
  now: Date;
  timeZone: string;
  /** When this channel's previous digest was posted: flags opened after it are new. */
  since: Date | null;
  flags: readonly FlagWithContext[];
  interviews: readonly { interview: Interview; answers: readonly Answer[] }[];
  lastCompletedAt: ReadonlyMap<number, Date>;
  revetMonths: number;
  /** Open evidence requests past their due date, of the channel's interviews. */
  overdueEvidence?: readonly ChasedRequest[];
  /** By interview id: the latest completed vetting of each vendor, scored as its summary is. */
  verdicts?: ReadonlyMap<number, { scorecard: Scorecard; flags: RedFlag[] }>;
}

const rank = (s: Severity | null) => (s === null ? -1 : SEVERITIES.indexOf(s));

export function composeDigest(input: DigestInput): DigestView {
  const { now } = input;
  const titles = new Map(input.interviews.flatMap(({ interview }) => interview.questions.map((q) => [`${interview.id}|${q.id}`, q.title] as const)));
  const title = (f: RedFlag) => titles.get(`${f.interviewId}|${f.questionId}`) ?? null;
  const vendors = new Map<number, VendorDigest>();
  const entry = (vendor: Vendor): VendorDigest => {
    let v = vendors.get(vendor.id);
    if (!v) {
      v = { vendor, worst: null, open: [], expiring: [], certificates: [], overdueEvidence: [], unfinished: [], revetDue: null, incomplete: false, verdict: null };
      vendors.set(vendor.id, v);
    }
    return v;
  };

  for (const f of input.flags) {
    const v = entry(f.vendor);
    if (f.status === 'open') {
      const acceptanceExpired = f.statusBy !== null && (f.statusReason ?? '').startsWith(ACCEPTANCE_EXPIRED);
      const openedAt = acceptanceExpired && f.statusAt ? f.statusAt : f.createdAt;
      v.open.push({
        flag: f,
        questionTitle: title(f),
        openForDays: Math.max(0, differenceInCalendarDays(now, f.createdAt)),
        isNew: input.since === null || openedAt > input.since,
        acceptanceExpired,
      });
      if (rank(f.severity) > rank(v.worst)) v.worst = f.severity;
    } else if (f.status === 'accepted' && f.acceptExpiresAt && f.acceptExpiresAt <= addDays(now, EXPIRING_WITHIN_DAYS)) {
      v.expiring.push({ flag: f, questionTitle: title(f), expiresAt: f.acceptExpiresAt });
    }
  }

  const latestByVendor = new Map<number, { interview: Interview; answers: readonly Answer[] }>();
  for (const item of input.interviews) {
    const { interview } = item;
    entry(interview.vendor);
    if (interview.status === 'in_progress' && differenceInCalendarDays(now, interview.startedAt) > UNFINISHED_AFTER_DAYS) {
      entry(interview.vendor).unfinished.push({ interview, days: differenceInCalendarDays(now, interview.startedAt) });
    }
    if (interview.status === 'completed') latestByVendor.set(interview.vendor.id, item);
  }

  for (const { interview, answers } of latestByVendor.values()) {
    const at = interview.completedAt ?? now;
    const scoreAnswers = answers.map((a) => ({ ...a, updatedAt: a.updatedAt.toISOString() }));
    // Coverage needs no notes: they judge vagueness, not what was examined.
    const verdict = input.verdicts?.get(interview.id) ?? null;
    entry(interview.vendor).verdict = verdict;
    entry(interview.vendor).incomplete =
      verdict?.scorecard.verdict.incomplete ?? scoreInterview({ questions: interview.questions, answers: scoreAnswers, notes: [], model: interview.model, now: at }).verdict.incomplete;
    for (const q of interview.questions) {
      if (q.fact?.type !== 'date') continue;
      const facts = answers.filter((a) => a.questionId === q.id && a.status === 'rated' && a.fact?.type === 'date').flatMap((a) => (a.fact ? [a.fact] : []));
      // The most cautious date counts, as in scoring: the earliest to go stale.
      const fact = factConsensus(q.fact, facts, at)?.value;
      const staleOn = fact ? factStaleOn(q.fact, fact) : null;
      if (staleOn && staleOn <= addDays(now, STALE_WITHIN_DAYS)) {
        entry(interview.vendor).certificates.push({ label: q.fact.label, staleOn, alreadyStale: staleOn <= now, kind: q.fact.isExpiry ? 'expiry' : 'age' });
      }
    }
  }

  for (const c of input.overdueEvidence ?? []) entry(c.interview.vendor).overdueEvidence.push(c);

  for (const v of vendors.values()) {
    const last = input.lastCompletedAt.get(v.vendor.id);
    if (last && addMonths(last, input.revetMonths) <= now) v.revetDue = { lastCompletedAt: last };
    v.open.sort((a, b) => rank(b.flag.severity) - rank(a.flag.severity) || a.flag.createdAt.getTime() - b.flag.createdAt.getTime());
    v.overdueEvidence.sort((a, b) => b.daysOverdue - a.daysOverdue || a.request.id - b.request.id);
  }

  const worthMentioning = (v: VendorDigest) => v.open.length + v.expiring.length + v.certificates.length + v.overdueEvidence.length + v.unfinished.length > 0 || v.revetDue !== null || v.incomplete;
  return {
    channelId: input.channelId,
    generatedAt: now,
    timeZone: input.timeZone,
    since: input.since,
    vendors: [...vendors.values()].filter(worthMentioning).sort((a, b) => rank(b.worst) - rank(a.worst) || b.open.length - a.open.length || a.vendor.name.localeCompare(b.vendor.name)),
  };
}
