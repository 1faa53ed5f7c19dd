// Vendors side by side: the list, comparisons, reports and the home dashboard. Reads only.
import type { Answer, AskedQuestion, Clock, FlagWithContext, Interview, Note, Vendor } from '../model.js';
import type { EngagementModel, Severity } from '../questions/model.js';
import { RISK_TIERS, type RiskTier } from '../scoring/types.js';
import { listAnswers } from '../store/answers.js';
import { listAudit, type AuditEntry } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { listAllFlags, listFlags } from '../store/flags.js';
import { listAsked, listInProgressFor, listVendorInterviews } from '../store/interviews.js';
import { listNotes } from '../store/notes.js';
import { listVendors } from '../store/vendors.js';
import type { InterviewFlow } from './interview.js';
import { resolveNames, type NameToken } from './names.js';
import type { SummaryView } from './views.js';

export interface PortfolioDeps {
  db: Db;
  clock: Clock;
  interviews: InterviewFlow;
  /** Expiry dates on the dashboard are days in this zone. */
  timeZone: string;
}

export type SeverityCounts = Record<Severity, number>;

export interface VendorStanding {
  vendor: Vendor;
  model: EngagementModel | null;
  /** The latest completed interview's summary, or null when none was completed. */
  latest: SummaryView | null;
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
}

export const MAX_COMPARE = 5;

const TIER_ORDER: (RiskTier | null)[] = [...[...RISK_TIERS].reverse(), null];

function countBySeverity(flags: readonly { severity: Severity }[]): SeverityCounts {
  const counts: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const f of flags) counts[f.severity]++;
  return counts;
}

export function createPortfolioFlow({ db, clock, interviews, timeZone }: PortfolioDeps) {
  async function standing(vendor: Vendor, openFlags: readonly FlagWithContext[]): Promise<VendorStanding> {
    const all = await listVendorInterviews(db, vendor.id);
    const completed = all.find((i) => i.status === 'completed') ?? null;
    const inProgress = all.find((i) => i.status === 'in_progress') ?? null;
    return {
      vendor,
      model: (completed ?? inProgress ?? all[0])?.model ?? null,
      latest: completed ? await interviews.summary(completed) : null,
      inProgress,
      openFlags: countBySeverity(openFlags.filter((f) => f.vendor.id === vendor.id)),
      lastCompletedAt: completed?.completedAt ?? null,
    };
  }

  async function standings(): Promise<VendorStanding[]> {
    const open = await listAllFlags(db, ['open']);
    const rows = await Promise.all((await listVendors(db)).map((v) => standing(v, open)));
    return rows.sort(
      (a, b) =>
        TIER_ORDER.indexOf(a.latest?.scorecard.tier ?? null) - TIER_ORDER.indexOf(b.latest?.scorecard.tier ?? null) ||
        (a.latest?.scorecard.overall.score ?? 101) - (b.latest?.scorecard.overall.score ?? 101) ||
        a.vendor.name.localeCompare(b.vendor.name),
    );
  }

  return {
    /** Every vendor, worst tier first. */
    list: standings,

    /** One vendor by name (case and spacing do not matter), or a message suggesting the closest known ones. */
    async find(name: string): Promise<{ ok: true; vendor: Vendor } | { ok: false; message: string }> {
      const vendors = await listVendors(db);
      const result = resolveNames([{ text: name, quoted: true }], vendors, (v) => v.name);
      if (result.ok) return { ok: true, vendor: result.found[0]! };
      const suggestions = result.unknown[0]!.suggestions;
      return { ok: false, message: `I know no vendor called "${name.trim()}".${suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : ''}` };
    },

    /** Finds 2 to 5 vendors by name, or says which names are unknown and what they might have meant. */
    async resolve(tokens: readonly NameToken[]): Promise<{ ok: true; vendors: Vendor[] } | { ok: false; message: string }> {
      const result = resolveNames(tokens, await listVendors(db), (v) => v.name);
      if (!result.ok) {
        const parts = result.unknown.map((u) => `"${u.name}"${u.suggestions.length > 0 ? ` (did you mean ${u.suggestions.map((s) => `"${s}"`).join(' or ')}?)` : ''}`);
        return { ok: false, message: `I know no vendor called ${parts.join(', ')}. Quote names that contain spaces, e.g. "Acme Dev".` };
      }
      const unique = [...new Map(result.found.map((v) => [v.id, v])).values()];
      if (unique.length < 2 || unique.length > MAX_COMPARE) return { ok: false, message: `Compare 2 to ${MAX_COMPARE} different vendors; you named ${unique.length}.` };
      return { ok: true, vendors: unique };
    },

    async compare(vendors: readonly Vendor[]): Promise<VendorStanding[]> {
      const open = await listAllFlags(db, ['open']);
      return Promise.all(vendors.map((v) => standing(v, open)));
    },

    /** Everything about the vendor's latest interview (completed or not) for a report, or null when it has none. */
    async report(vendor: Vendor): Promise<ReportData | null> {
      const latest = (await listVendorInterviews(db, vendor.id)).find((i) => i.status !== 'abandoned');
      if (!latest) return null;
      const [summary, asked, answers, notes, audit, flags] = await Promise.all([
        interviews.summary(latest),
        listAsked(db, latest.id),
        listAnswers(db, latest.id),
        listNotes(db, latest.id),
        listAudit(db, latest.id),
        listFlags(db, latest.id),
      ]);
      const flagIds = new Set(flags.map((f) => f.id));
      const flagHistory = audit.filter((e) => e.action.startsWith('flag.') && flagIds.has(Number(e.detail.flagId)));
      return { summary, asked, answers, notes, flagHistory, timeZone };
    },

    /** The home dashboard of one user. */
    async home(userId: string): Promise<{ mine: Interview[]; vendors: VendorStanding[]; expiring: FlagWithContext[]; timeZone: string }> {
      const soon = new Date(clock().getTime() + 14 * 86_400_000);
      const [mine, vendors, accepted] = await Promise.all([listInProgressFor(db, userId, 20), standings(), listAllFlags(db, ['accepted'])]);
      const expiring = accepted
        .filter((f) => f.acceptExpiresAt !== null && f.acceptExpiresAt <= soon)
        .sort((a, b) => a.acceptExpiresAt!.getTime() - b.acceptExpiresAt!.getTime());
      return { mine, vendors, expiring, timeZone };
    },
  };
}

export type PortfolioFlow = ReturnType<typeof createPortfolioFlow>;
