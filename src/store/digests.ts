import type { Selectable } from 'kysely';
import type { Slot } from '../model.js';
import type { Db } from './db.js';
import type { DigestScheduleTable } from './schema.js';
import { bindTo } from './repository.js';

export interface DigestSchedule extends Slot {
  channelId: string;
  enabled: boolean;
  /** Last subscription, slot change or on/off: slots before it are not owed. */
  changedAt: Date;
}

export interface DigestRun {
  id: number;
  channelId: string;
  period: string;
  attempts: number;
  /** This claim's fencing token: renewing, posting and marking need it to be the run's current one. */
  fence: number;
}

function toSchedule(r: Selectable<DigestScheduleTable>): DigestSchedule {
  return { channelId: r.channel_id, weekday: r.weekday, time: r.time, timeZone: r.time_zone, enabled: r.enabled === 1, changedAt: new Date(r.updated_at) };
}

/** Subscribes a channel with the default slot unless it already has a schedule (which is then left as it is). */
export async function ensureSchedule(db: Db, channelId: string, slot: Slot, at: Date): Promise<void> {
  await db
    .insertInto('digest_schedules')
    .values({ channel_id: channelId, weekday: slot.weekday, time: slot.time, time_zone: slot.timeZone, enabled: 1, created_at: at.toISOString(), updated_at: at.toISOString(), updated_by: null })
    .onConflict((oc) => oc.column('channel_id').doNothing())
    .execute();
}

export async function getSchedule(db: Db, channelId: string): Promise<DigestSchedule | null> {
  const row = await db.selectFrom('digest_schedules').selectAll().where('channel_id', '=', channelId).executeTakeFirst();
  return row ? toSchedule(row) : null;
}

export async function listEnabledSchedules(db: Db): Promise<DigestSchedule[]> {
  const rows = await db.selectFrom('digest_schedules').selectAll().where('enabled', '=', 1).orderBy('channel_id').execute();
  return rows.map(toSchedule);
}

export async function saveSchedule(db: Db, channelId: string, change: Partial<Slot> & { enabled?: boolean }, defaults: Slot, by: string, at: Date): Promise<DigestSchedule> {
  await ensureSchedule(db, channelId, defaults, at);
  await db
    .updateTable('digest_schedules')
    .set({
      ...(change.weekday && { weekday: change.weekday }),
      ...(change.time && { time: change.time }),
      ...(change.timeZone && { time_zone: change.timeZone }),
      ...(change.enabled !== undefined && { enabled: change.enabled ? 1 : 0 }),
      updated_at: at.toISOString(),
      updated_by: by,
    })
    .where('channel_id', '=', channelId)
    .execute();
  return (await getSchedule(db, channelId))!;
}

/**
 * Claims the digest of a channel for a period. The first claim inserts the row; a later one succeeds only when
 * the earlier attempt failed and its retry time has come, or its poster died (lease expired). Atomic on any
 * number of processes sharing the database. Every claim takes a new fencing token.
 */
export async function claimRun(db: Db, channelId: string, period: string, at: Date, leaseMs: number): Promise<DigestRun | null> {
  const now = at.toISOString();
  const lease = new Date(at.getTime() + leaseMs).toISOString();
  const inserted = await db
    .insertInto('digest_runs')
    .values({ channel_id: channelId, period, status: 'claimed', attempts: 1, fence: 1, lease_until: lease, next_attempt_at: null, posted_at: null, message_ts: null, error: null, created_at: now })
    .onConflict((oc) => oc.columns(['channel_id', 'period']).doNothing())
    .returning(['id', 'attempts', 'fence'])
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, channelId, period, attempts: inserted.attempts, fence: inserted.fence };
  const retried = await db
    .updateTable('digest_runs')
    .set((eb) => ({ status: 'claimed', lease_until: lease, attempts: eb('attempts', '+', 1), fence: eb('fence', '+', 1) }))
    .where('channel_id', '=', channelId)
    .where('period', '=', period)
    .where((eb) => eb.or([eb.and([eb('status', '=', 'failed'), eb('next_attempt_at', '<=', now)]), eb.and([eb('status', '=', 'claimed'), eb('lease_until', '<=', now)])]))
    .returning(['id', 'attempts', 'fence'])
    .executeTakeFirst();
  return retried ? { id: retried.id, channelId, period, attempts: retried.attempts, fence: retried.fence } : null;
}

/**
 * Extends the lease of a run this claim still holds (its token is current and the lease has not run out); false when
 * it does not any more, and the run must then be left alone: another instance may be posting it.
 */
export async function renewLease(db: Db, run: DigestRun, at: Date, leaseMs: number): Promise<boolean> {
  const result = await db
    .updateTable('digest_runs')
    .set({ lease_until: new Date(at.getTime() + leaseMs).toISOString() })
    .where('id', '=', run.id)
    .where('fence', '=', run.fence)
    .where('status', '=', 'claimed')
    .where('lease_until', '>', at.toISOString())
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records the post; false when this claim's token is no longer current (a later claim owns the run). */
export async function markRunPosted(db: Db, run: DigestRun, messageTs: string | null, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('digest_runs')
    .set({ status: 'posted', posted_at: at.toISOString(), message_ts: messageTs, lease_until: null, error: null })
    .where('id', '=', run.id)
    .where('fence', '=', run.fence)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records the failure for a retry at `retryAt`; false when this claim's token is no longer current. */
export async function markRunFailed(db: Db, run: DigestRun, error: string, retryAt: Date): Promise<boolean> {
  const result = await db
    .updateTable('digest_runs')
    .set({ status: 'failed', error, next_attempt_at: retryAt.toISOString(), lease_until: null })
    .where('id', '=', run.id)
    .where('fence', '=', run.fence)
    .where('status', '=', 'claimed')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Runs a channel has: to tell what is new since the last digest, and to check for duplicates in tests. */
export async function listRuns(db: Db, channelId: string): Promise<{ period: string; status: string; postedAt: Date | null; messageTs: string | null; attempts: number }[]> {
  const rows = await db.selectFrom('digest_runs').selectAll().where('channel_id', '=', channelId).orderBy('id').execute();
  return rows.map((r) => ({ period: r.period, status: r.status, postedAt: r.posted_at ? new Date(r.posted_at) : null, messageTs: r.message_ts, attempts: r.attempts }));
}

/** Whether `ts` is a digest posted in `channelId`: the only message a decision made from a digest may update. */
export async function isPostedDigest(db: Db, channelId: string, ts: string): Promise<boolean> {
  const row = await db.selectFrom('digest_runs').select('id').where('channel_id', '=', channelId).where('message_ts', '=', ts).where('status', '=', 'posted').executeTakeFirst();
  return row !== undefined;
}

export async function lastPostedAt(db: Db, channelId: string): Promise<Date | null> {
  const row = await db.selectFrom('digest_runs').select('posted_at').where('channel_id', '=', channelId).where('status', '=', 'posted').orderBy('posted_at', 'desc').executeTakeFirst();
  return row?.posted_at ? new Date(row.posted_at) : null;
}

/** This module's statements over one connection or transaction: a repository of the Store (store.ts). */
export function digestsRepository(db: Db) {
  const on = bindTo(db);
  return {
    ensureSchedule: on(ensureSchedule),
    getSchedule: on(getSchedule),
    listEnabledSchedules: on(listEnabledSchedules),
    saveSchedule: on(saveSchedule),
    claimRun: on(claimRun),
    renewLease: on(renewLease),
    markRunPosted: on(markRunPosted),
    markRunFailed: on(markRunFailed),
    listRuns: on(listRuns),
    isPostedDigest: on(isPostedDigest),
    lastPostedAt: on(lastPostedAt),
  };
}
