// The red-flag lifecycle: open -> resolved, or accepted (owner, reason, expiry) -> reopened when it expires.
import { TZDate } from '@date-fns/tz';
// Each date-fns function from its own module: the package index would load the whole library (about 10 MB of memory).
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { isHttpUrl } from '../config.js';
import type { Clock, RedFlag } from '../model.js';
import type { Db } from '../store/db.js';
import { decideFlag, getFlag, listVendorFlags, type FlagWithContext } from '../store/flags.js';
import { listEvaluators } from '../store/interviews.js';
import type { Actor } from './actor.js';
import { mayDecideFlags, type Refusal } from './permissions.js';
import { findVisibleVendor } from './seen.js';
import type { Visibility } from './visibility.js';

export interface FlagDeps {
  db: Db;
  clock: Clock;
  /** Expiry dates are calendar days in this zone. */
  timeZone: string;
}

export const DEFAULT_ACCEPT_DAYS = 90;
export const MAX_REASON_LENGTH = 2000;

export type FlagPermission =
  | { kind: 'allowed'; flag: FlagWithContext }
  | { kind: 'not-allowed'; refusal: Refusal }
  | { kind: 'not-found'; message: string };

export type DecisionOutcome =
  | { kind: 'done'; flag: FlagWithContext }
  | { kind: 'not-allowed'; refusal: Refusal }
  | { kind: 'refused'; message: string }
  /** Every field that is wrong, each with what to do, so a modal shows them all at once. */
  | { kind: 'invalid'; errors: FieldErrors };

/** The fields of the Resolve and Accept-risk modals that can be wrong. */
export const DECISION_FIELDS = ['reason', 'expires', 'link'] as const;
export type DecisionField = (typeof DECISION_FIELDS)[number];
export type FieldErrors = Partial<Record<DecisionField, string>>;
type FieldErrorsOrNull = Partial<Record<DecisionField, string | null>>;

export type VendorFlags =
  | {
      kind: 'found';
      vendor: { id: number; name: string };
      flags: FlagWithContext[];
      /** Question titles by `<interview id>|<question id>`, from each interview's snapshot. */
      titles: Map<string, string>;
    }
  | { kind: 'not-found'; message: string };

export function createFlagFlow({ db, clock, timeZone }: FlagDeps) {
  /** Whether the actor may decide the flag: the rule is permissions.ts's, over the flag's interview. */
  async function permission(flagId: number, actor: Actor): Promise<FlagPermission> {
    const flag = await getFlag(db, flagId);
    if (!flag) return { kind: 'not-found', message: 'That red flag no longer exists.' };
    const roles = { vendor: flag.vendor.name, lead: flag.startedBy, evaluators: await listEvaluators(db, flag.interviewId) };
    const allowed = mayDecideFlags(actor, roles);
    return allowed.ok ? { kind: 'allowed', flag } : { kind: 'not-allowed', refusal: allowed.reason };
  }

  /** The flag when the actor may decide it, or the outcome that says why not. */
  async function decidable(flagId: number, actor: Actor): Promise<{ flag: FlagWithContext } | { outcome: DecisionOutcome }> {
    const allowed = await permission(flagId, actor);
    if (allowed.kind === 'not-found') return { outcome: { kind: 'refused', message: allowed.message } };
    if (allowed.kind === 'not-allowed') return { outcome: allowed };
    return allowed.flag.status === 'open' ? { flag: allowed.flag } : { outcome: alreadyDecided(allowed.flag) };
  }

  /** `empty` answers the field's own question ("What changed?", "Why is this risk acceptable?"). */
  function reasonError(reason: string, empty: string): string | null {
    if (reason.trim() === '') return empty;
    if (reason.length > MAX_REASON_LENGTH) return `Keep it to ${MAX_REASON_LENGTH} characters.`;
    return null;
  }

  /** The fields with an error (null: that field is fine). */
  function invalid(errors: FieldErrorsOrNull): DecisionOutcome {
    return { kind: 'invalid', errors: Object.fromEntries(Object.entries(errors).filter(([, message]) => message !== null)) };
  }

  /** When an acceptance ending on `day` (YYYY-MM-DD) ends: as that day begins in the team's time zone, in the future. */
  function checkExpiry(day: string | null): { at: Date } | { error: string } {
    const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
    if (!parts) return { error: 'Pick the date the acceptance expires.' };
    const at = new Date(new TZDate(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]), 0, 0, 0, 0, timeZone).getTime());
    if (at.getTime() <= clock().getTime()) return { error: 'Pick a date in the future: an acceptance must expire so the risk is looked at again.' };
    return { at };
  }

  // Shown as a modal field error, which is plain text: no mentions.
  function alreadyDecided(flag: FlagWithContext): DecisionOutcome {
    return { kind: 'refused', message: `This red flag was already ${flag.status} in the meantime; nothing was changed.` };
  }

  return {
    permission,

    /** The default expiry offered when accepting: 90 days from today, as a calendar date. */
    defaultExpiry(): string {
      return format(addDays(new TZDate(clock().getTime(), timeZone), DEFAULT_ACCEPT_DAYS), 'yyyy-MM-dd');
    },

    async resolve(input: { flagId: number; actor: Actor; reason: string; link?: string | null }): Promise<DecisionOutcome> {
      const allowed = await decidable(input.flagId, input.actor);
      if ('outcome' in allowed) return allowed.outcome;
      const link = input.link ?? null;
      const reason = reasonError(input.reason, 'Say what changed: what the vendor showed or did that settles this flag.');
      const linkError = link !== null && !isHttpUrl(link) ? 'Use a full http(s) link, e.g. https://…' : null;
      if (reason !== null || linkError !== null) return invalid({ reason, link: linkError });
      const done = await decideFlag(db, 'resolved', { flagId: input.flagId, by: input.actor.userId, reason: input.reason.trim(), link }, clock());
      const flag = (await getFlag(db, input.flagId))!;
      return done ? { kind: 'done', flag } : alreadyDecided(flag);
    },

    async accept(input: { flagId: number; actor: Actor; reason: string; ownerId: string | null; expiresOn: string | null }): Promise<DecisionOutcome> {
      const allowed = await decidable(input.flagId, input.actor);
      if ('outcome' in allowed) return allowed.outcome;
      const reason = reasonError(input.reason, 'Say why this risk is acceptable.');
      const expiry = checkExpiry(input.expiresOn);
      if (reason !== null || 'error' in expiry) return invalid({ reason, expires: 'error' in expiry ? expiry.error : null });
      const expiresAt = expiry.at;
      const done = await decideFlag(
        db,
        'accepted',
        { flagId: input.flagId, by: input.actor.userId, reason: input.reason.trim(), ownerId: input.ownerId ?? input.actor.userId, expiresAt },
        clock(),
      );
      const flag = (await getFlag(db, input.flagId))!;
      return done ? { kind: 'done', flag } : alreadyDecided(flag);
    },

    /** The interview a flag was raised in, or null when there is no such flag. */
    async interviewOf(flagId: number): Promise<number | null> {
      return (await getFlag(db, flagId))?.interviewId ?? null;
    },

    /** The vendor's flags with these statuses, from the interviews `v` may see; a vendor it may not see is unknown. */
    async vendorFlags(name: string, v: Visibility, statuses: readonly RedFlag['status'][] = ['open']): Promise<VendorFlags> {
      const found = await findVisibleVendor(db, v, name);
      if (!found.ok) return { kind: 'not-found', message: found.message };
      const { vendor, interviews } = found;
      const flags = (await listVendorFlags(db, vendor.id, statuses)).filter((f) => interviews.some((i) => i.id === f.interviewId));
      const titles = new Map<string, string>();
      for (const i of interviews) for (const q of i.questions) titles.set(`${i.id}|${q.id}`, q.title);
      return { kind: 'found', vendor, flags, titles };
    },
  };
}

export type FlagFlow = ReturnType<typeof createFlagFlow>;
