// The red-flag lifecycle: open -> resolved, or accepted (owner, reason, expiry) -> reopened when it expires.
import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import type { Clock, RedFlag } from '../model.js';
import type { Db } from '../store/db.js';
import { decideFlag, getFlag, listVendorFlags, type FlagWithContext } from '../store/flags.js';
import { getInterview, listEvaluators } from '../store/interviews.js';
import { findVendor, listVendors } from '../store/vendors.js';
import { closestNames } from './names.js';

export interface FlagDeps {
  db: Db;
  clock: Clock;
  /** Slack user ids allowed to decide on any flag. */
  admins: readonly string[];
  /** Expiry dates are calendar days in this zone. */
  timeZone: string;
}

export const DEFAULT_ACCEPT_DAYS = 90;
export const MAX_REASON_LENGTH = 2000;

export type Permission = { ok: true; flag: FlagWithContext } | { ok: false; message: string };

export type DecisionOutcome =
  | { kind: 'done'; flag: FlagWithContext }
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

export function createFlagFlow({ db, clock, admins, timeZone }: FlagDeps) {
  async function permission(flagId: number, userId: string): Promise<Permission> {
    const flag = await getFlag(db, flagId);
    if (!flag) return { ok: false, message: 'That red flag no longer exists.' };
    if (admins.includes(userId) || flag.startedBy === userId) return { ok: true, flag };
    const evaluators = await listEvaluators(db, flag.interviewId);
    if (evaluators.includes(userId)) return { ok: true, flag };
    return {
      ok: false,
      message: `Only the evaluators of the ${flag.vendor.name} interview (those who rated answers in it), the person who started it, and vet admins can resolve or accept its red flags. Ask one of them, or an admin listed in VET_ADMINS.`,
    };
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

    async resolve(input: { flagId: number; userId: string; reason: string; link?: string | null }): Promise<DecisionOutcome> {
      const allowed = await permission(input.flagId, input.userId);
      if (!allowed.ok) return { kind: 'refused', message: allowed.message };
      if (allowed.flag.status !== 'open') return alreadyDecided(allowed.flag);
      const bad = checkReason(input.reason);
      if (bad) return bad;
      const done = await decideFlag(db, 'resolved', { flagId: input.flagId, by: input.userId, reason: input.reason.trim(), link: input.link ?? null }, clock());
      const flag = (await getFlag(db, input.flagId))!;
      return done ? { kind: 'done', flag } : alreadyDecided(flag);
    },

    async accept(input: { flagId: number; userId: string; reason: string; ownerId: string | null; expiresOn: string | null }): Promise<DecisionOutcome> {
      const allowed = await permission(input.flagId, input.userId);
      if (!allowed.ok) return { kind: 'refused', message: allowed.message };
      if (allowed.flag.status !== 'open') return alreadyDecided(allowed.flag);
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
        { flagId: input.flagId, by: input.userId, reason: input.reason.trim(), ownerId: input.ownerId ?? input.userId, expiresAt },
        clock(),
      );
      const flag = (await getFlag(db, input.flagId))!;
      return done ? { kind: 'done', flag } : alreadyDecided(flag);
    },

    async vendorFlags(name: string, statuses: readonly RedFlag['status'][] = ['open']): Promise<VendorFlags> {
      const vendor = await findVendor(db, name);
      if (!vendor) {
        const known = (await listVendors(db)).map((v) => v.name);
        const close = closestNames(name, known);
        return {
          kind: 'not-found',
          message: `I know no vendor called "${name.trim()}".${close.length > 0 ? ` Did you mean ${close.map((n) => `"${n}"`).join(' or ')}?` : ''}`,
        };
      }
      const flags = await listVendorFlags(db, vendor.id, statuses);
      const titles = new Map<string, string>();
      for (const id of new Set(flags.map((f) => f.interviewId))) {
        for (const q of (await getInterview(db, id))?.questions ?? []) titles.set(`${id}|${q.id}`, q.title);
      }
      return { kind: 'found', vendor, flags, titles };
    },
  };
}

export type FlagFlow = ReturnType<typeof createFlagFlow>;
