// The red-flag lifecycle: open -> resolved, or accepted (owner, reason, expiry) -> reopened when it expires.
import { TZDate } from '@date-fns/tz';
// Each date-fns function from its own module: the package index would load the whole library (about 10 MB of memory).
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { isHttpUrl } from '../config.js';
import type { Clock, RedFlag } from '../model.js';
import type { Store } from '../store/store.js';
import type { FlagWithContext } from '../store/flags.js';
import type { Actor } from './actor.js';
import { isGrave, mayAcceptRisk, mayConfirm, mayDecideFlags, type Permission, type Refusal, type Roles } from './permissions.js';
import type { Problem } from './problems.js';
import { findVisibleVendor } from './seen.js';
import type { Visibility } from './visibility.js';

export interface FlagDeps {
  store: Store;
  clock: Clock;
  /** Expiry dates are calendar days in this zone. */
  timeZone: string;
  /** VET_RISK_OWNERS: named in the answer to anyone else who tries to accept a high or critical risk. */
  riskOwners: readonly string[];
}

export const DEFAULT_ACCEPT_DAYS = 90;
/** An acceptance is looked at again within a year at the latest. */
export const MAX_ACCEPT_MONTHS = 12;
export const MAX_SEEN_LENGTH = 300;
export const MAX_REASON_LENGTH = 2000;

export type FlagPermission = { kind: 'allowed'; flag: FlagWithContext } | { kind: 'not-allowed'; refusal: Refusal } | { kind: 'not-found'; problem: Problem };

export type DecisionOutcome =
  | { kind: 'done'; flag: FlagWithContext }
  /** A high or critical flag's resolution was proposed: it stays open until a second person confirms it. */
  | { kind: 'proposed'; flag: FlagWithContext }
  | { kind: 'not-allowed'; refusal: Refusal }
  | { kind: 'refused'; problem: Problem }
  /** Every field that is wrong, each with what to do, so a modal shows them all at once. */
  | { kind: 'invalid'; errors: FieldErrors };

/** The fields of the Resolve and Accept-risk modals that can be wrong. */
export const DECISION_FIELDS = ['reason', 'expires', 'link', 'control', 'seen'] as const;
export type DecisionField = (typeof DECISION_FIELDS)[number];
export type FieldErrors = Partial<Record<DecisionField, Problem>>;
type FieldErrorsOrNull = Partial<Record<DecisionField, Problem | null>>;

export type VendorFlags =
  | {
      kind: 'found';
      vendor: { id: number; name: string };
      flags: FlagWithContext[];
      /** Question titles by `<interview id>|<question id>`, from each interview's snapshot. */
      titles: Map<string, string>;
    }
  | { kind: 'not-found'; problem: Problem };

/** What someone means to do with a flag: resolve it (or confirm another's resolution), or accept its risk. */
export type FlagAct = 'resolve' | 'accept';

export function createFlagFlow({ store, clock, timeZone, riskOwners }: FlagDeps) {
  /**
   * Whether the actor may do this with the flag: the rules are permissions.ts's, over the flag's interview. A high or
   * critical risk is accepted by a risk owner or an admin only; its resolution proposed by one person is confirmed by
   * another.
   */
  async function permission(flagId: number, actor: Actor, act: FlagAct = 'resolve'): Promise<FlagPermission> {
    const flag = await store.flags.getFlag(flagId);
    if (!flag) return { kind: 'not-found', problem: { code: 'flag-gone' } };
    const roles: Roles = { vendor: flag.vendor.name, lead: flag.startedBy, evaluators: await store.interviews.listEvaluators(flag.interviewId) };
    let allowed: Permission;
    if (act === 'accept') allowed = mayAcceptRisk(actor, roles, flag.severity, riskOwners);
    else if (flag.status === 'open' && flag.proposal) allowed = mayConfirm(actor, roles, 'confirm-resolution', flag.proposal.by);
    else allowed = mayDecideFlags(actor, roles);
    return allowed.ok ? { kind: 'allowed', flag } : { kind: 'not-allowed', refusal: allowed.reason };
  }

  /** The flag when the actor may decide it, or the outcome that says why not. */
  async function decidable(flagId: number, actor: Actor, act: FlagAct): Promise<{ flag: FlagWithContext } | { outcome: DecisionOutcome }> {
    const allowed = await permission(flagId, actor, act);
    if (allowed.kind === 'not-found') return { outcome: { kind: 'refused', problem: allowed.problem } };
    if (allowed.kind === 'not-allowed') return { outcome: allowed };
    return allowed.flag.status === 'open' ? { flag: allowed.flag } : { outcome: alreadyDecided(allowed.flag) };
  }

  /** `empty` answers the field's own question ("What changed?", "Why is this risk acceptable?"). */
  function reasonError(reason: string, empty: Problem): Problem | null {
    if (reason.trim() === '') return empty;
    if (reason.length > MAX_REASON_LENGTH) return { code: 'too-long', max: MAX_REASON_LENGTH };
    return null;
  }

  /** The fields with an error (null: that field is fine). */
  function invalid(errors: FieldErrorsOrNull): DecisionOutcome {
    return { kind: 'invalid', errors: Object.fromEntries(Object.entries(errors).filter(([, problem]) => problem !== null)) };
  }

  /**
   * When an acceptance ending on `day` (YYYY-MM-DD) ends: as that day begins in the team's time zone, in the future
   * and at most MAX_ACCEPT_MONTHS months from today.
   */
  function checkExpiry(day: string | null): { at: Date } | { error: Problem } {
    const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
    if (!parts) return { error: { code: 'expiry-missing' } };
    const at = new Date(new TZDate(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]), 0, 0, 0, 0, timeZone).getTime());
    if (at.getTime() <= clock().getTime()) return { error: { code: 'expiry-past' } };
    const latest = format(addMonths(new TZDate(clock().getTime(), timeZone), MAX_ACCEPT_MONTHS), 'yyyy-MM-dd');
    if (day! > latest) return { error: { code: 'expiry-too-far', months: MAX_ACCEPT_MONTHS, latest } };
    return { at };
  }

  function seenError(link: string | null, seen: string | null, grave: boolean): FieldErrorsOrNull {
    return {
      link: link !== null && !isHttpUrl(link) ? { code: 'link-not-http' } : null,
      seen: seen !== null && seen.length > MAX_SEEN_LENGTH ? { code: 'seen-line-too-long', max: MAX_SEEN_LENGTH } : grave && link === null && seen === null ? { code: 'seen-settles-missing' } : null,
    };
  }

  function alreadyDecided(flag: FlagWithContext): DecisionOutcome {
    return { kind: 'refused', problem: { code: 'flag-decided', status: flag.status } };
  }

  return {
    permission,

    /** The default expiry offered when accepting: 90 days from today, as a calendar date. */
    defaultExpiry(): string {
      return format(addDays(new TZDate(clock().getTime(), timeZone), DEFAULT_ACCEPT_DAYS), 'yyyy-MM-dd');
    },

    /**
     * Resolves a flag. A high or critical one needs what was seen (a link or a description) and four eyes: the first
     * person proposes (the flag stays open), a second (another evaluator, a risk owner or an admin) confirms.
     */
    async resolve(input: { flagId: number; actor: Actor; reason: string; link?: string | null; seen?: string | null }): Promise<DecisionOutcome> {
      const allowed = await decidable(input.flagId, input.actor, 'resolve');
      if ('outcome' in allowed) return allowed.outcome;
      const grave = isGrave(allowed.flag.severity);
      const link = input.link?.trim() || null;
      const seen = input.seen?.trim() || null;
      const reason = reasonError(input.reason, { code: 'what-changed-missing' });
      const errors = { reason, ...seenError(link, seen, grave) };
      if (Object.values(errors).some((e) => e !== null)) return invalid(errors);
      const decision = { flagId: input.flagId, by: input.actor.userId, reason: input.reason.trim(), link, seen };
      if (grave) {
        const proposed = await store.flags.proposeResolution(decision, clock());
        const flag = (await store.flags.getFlag(input.flagId))!;
        return proposed ? { kind: 'proposed', flag } : flag.status === 'open' ? { kind: 'refused', problem: { code: 'proposed-meanwhile' } } : alreadyDecided(flag);
      }
      const done = await store.flags.decideFlag('resolved', decision, clock());
      const flag = (await store.flags.getFlag(input.flagId))!;
      return done ? { kind: 'done', flag } : alreadyDecided(flag);
    },

    /** The second pair of eyes: confirms the resolution someone else proposed, as they proposed it. */
    async confirmResolution(input: { flagId: number; actor: Actor }): Promise<DecisionOutcome> {
      const allowed = await decidable(input.flagId, input.actor, 'resolve');
      if ('outcome' in allowed) return allowed.outcome;
      const p = allowed.flag.proposal;
      if (!p) return { kind: 'refused', problem: { code: 'no-proposal' } };
      const done = await store.flags.decideFlag('resolved', { flagId: input.flagId, by: input.actor.userId, reason: p.reason, link: p.link, seen: p.seen, confirms: p.by }, clock());
      const flag = (await store.flags.getFlag(input.flagId))!;
      return done ? { kind: 'done', flag } : alreadyDecided(flag);
    },

    /**
     * Accepts a flag's risk, with why, a compensating control and an expiry at most a year ahead. A high or critical
     * risk only by a risk owner or an admin, who owns it; a lower one by the vetting's people, owned by whom they name.
     */
    async accept(input: { flagId: number; actor: Actor; reason: string; control: string; ownerId: string | null; expiresOn: string | null }): Promise<DecisionOutcome> {
      const allowed = await decidable(input.flagId, input.actor, 'accept');
      if ('outcome' in allowed) return allowed.outcome;
      const reason = reasonError(input.reason, { code: 'why-acceptable-missing' });
      const control = reasonError(input.control, { code: 'control-missing' });
      const expiry = checkExpiry(input.expiresOn);
      if (reason !== null || control !== null || 'error' in expiry) return invalid({ reason, control, expires: 'error' in expiry ? expiry.error : null });
      const ownerId = isGrave(allowed.flag.severity) ? input.actor.userId : (input.ownerId ?? input.actor.userId);
      const done = await store.flags.decideFlag(
        'accepted',
        { flagId: input.flagId, by: input.actor.userId, reason: input.reason.trim(), ownerId, expiresAt: expiry.at, compensatingControl: input.control.trim() },
        clock(),
      );
      const flag = (await store.flags.getFlag(input.flagId))!;
      return done ? { kind: 'done', flag } : alreadyDecided(flag);
    },

    /** The interview a flag was raised in, or null when there is no such flag. */
    async interviewOf(flagId: number): Promise<number | null> {
      return (await store.flags.getFlag(flagId))?.interviewId ?? null;
    },

    /** The vendor's flags with these statuses, from the interviews `v` may see; a vendor it may not see is unknown. */
    async vendorFlags(name: string, v: Visibility, statuses: readonly RedFlag['status'][] = ['open']): Promise<VendorFlags> {
      const found = await findVisibleVendor(store, v, name);
      if (!found.ok) return { kind: 'not-found', problem: found.problem };
      const { vendor, interviews } = found;
      const flags = (await store.flags.listVendorFlags(vendor.id, statuses)).filter((f) => interviews.some((i) => i.id === f.interviewId));
      const titles = new Map<string, string>();
      for (const i of interviews) for (const q of i.questions) titles.set(`${i.id}|${q.id}`, q.title);
      return { kind: 'found', vendor, flags, titles };
    },
  };
}

export type FlagFlow = ReturnType<typeof createFlagFlow>;
