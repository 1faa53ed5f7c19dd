// The red-flag lifecycle: open -> resolved, or accepted (owner, reason, expiry) -> reopened when it expires.
import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
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
  | { kind: 'invalid'; field: 'reason' | 'expires' | 'owner' | 'link'; message: string };

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

  function checkReason(reason: string): DecisionOutcome | null {
    if (reason.trim() === '') return { kind: 'invalid', field: 'reason', message: 'Say why.' };
    if (reason.length > MAX_REASON_LENGTH) return { kind: 'invalid', field: 'reason', message: `Keep it to ${MAX_REASON_LENGTH} characters.` };
    return null;
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
      const bad = checkReason(input.reason);
      if (bad) return bad;
      const done = await decideFlag(db, 'resolved', { flagId: input.flagId, by: input.actor.userId, reason: input.reason.trim(), link: input.link ?? null }, clock());
      const flag = (await getFlag(db, input.flagId))!;
      return done ? { kind: 'done', flag } : alreadyDecided(flag);
    },

    async accept(input: { flagId: number; actor: Actor; reason: string; ownerId: string | null; expiresOn: string | null }): Promise<DecisionOutcome> {
      const allowed = await decidable(input.flagId, input.actor);
      if ('outcome' in allowed) return allowed.outcome;
      const bad = checkReason(input.reason);
      if (bad) return bad;
      if (!input.expiresOn || !/^\d{4}-\d{2}-\d{2}$/.test(input.expiresOn)) return { kind: 'invalid', field: 'expires', message: 'Pick the date the acceptance expires.' };
      const [y, m, d] = input.expiresOn.split('-').map(Number) as [number, number, number];
      // The acceptance ends when that day begins in the team's time zone.
      const expiresAt = new Date(new TZDate(y, m - 1, d, 0, 0, 0, 0, timeZone).getTime());
      if (expiresAt.getTime() <= clock().getTime()) return { kind: 'invalid', field: 'expires', message: 'Pick a date in the future: an acceptance must expire so the risk is looked at again.' };
      const done = await decideFlag(
        db,
        'accepted',
        { flagId: input.flagId, by: input.actor.userId, reason: input.reason.trim(), ownerId: input.ownerId ?? input.actor.userId, expiresAt },
        clock(),
      );
      const flag = (await getFlag(db, input.flagId))!;
      return done ? { kind: 'done', flag } : alreadyDecided(flag);
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
