import { sql, type Selectable } from 'kysely';
import { ACCEPTANCE_EXPIRED, type FlagWithContext, type InterviewStatus, type RedFlag } from '../model.js';

export type { FlagWithContext } from '../model.js';
import type { Severity } from '../questions/model.js';
import { flagKey, type ComputedFlag } from '../scoring/types.js';
import { calendarDay } from '../time.js';
import { writeAudit } from './audit.js';
import { inTransaction, type Db } from './db.js';
import { engineOf } from './dialect.js';
import { inScope, type InterviewScope } from './interviews.js';
import { lockInterview } from './interviews.js';
import type { RedFlagTable } from './schema.js';
import { bindTo } from './repository.js';

/** The actor recorded when the bot itself changes a flag. */
export const SYSTEM_ACTOR = 'vet';
export const NO_LONGER_JUSTIFIED = 'Closed automatically: the answers no longer justify this flag.';

function toFlag(r: Selectable<RedFlagTable>): RedFlag {
  return {
    id: r.id,
    interviewId: r.interview_id,
    rule: r.rule,
    questionId: r.question_id,
    severity: r.severity,
    message: r.message,
    status: r.status,
    statusBy: r.status_by,
    statusAt: r.status_at ? new Date(r.status_at) : null,
    statusReason: r.status_reason,
    statusLink: r.status_link,
    ownerId: r.owner_id,
    acceptExpiresAt: r.accept_expires_at ? new Date(r.accept_expires_at) : null,
    compensatingControl: r.compensating_control,
    statusSeen: r.status_seen,
    proposal: r.proposed_by && r.proposed_at ? { by: r.proposed_by, at: new Date(r.proposed_at), reason: r.proposed_reason ?? '', link: r.proposed_link, seen: r.proposed_seen } : null,
    createdAt: new Date(r.created_at),
  };
}

/** No proposal: cleared when a flag is accepted or reopens, so a stale proposal is never confirmed later. */
const NO_PROPOSAL = { proposed_by: null, proposed_at: null, proposed_reason: null, proposed_link: null, proposed_seen: null } as const;

export async function listFlags(db: Db, interviewId: number): Promise<RedFlag[]> {
  const rows = await db.selectFrom('red_flags').selectAll().where('interview_id', '=', interviewId).orderBy('id').execute();
  return rows.map(toFlag);
}

/** The flags of these interviews, by interview id, oldest first. */
export async function listFlagsOf(db: Db, interviewIds: readonly number[]): Promise<Map<number, RedFlag[]>> {
  const byInterview = new Map<number, RedFlag[]>(interviewIds.map((id) => [id, []]));
  if (interviewIds.length === 0) return byInterview;
  const rows = await db
    .selectFrom('red_flags')
    .selectAll()
    .where('interview_id', 'in', [...interviewIds])
    .orderBy('id')
    .execute();
  for (const r of rows) byInterview.get(r.interview_id)?.push(toFlag(r));
  return byInterview;
}

export interface FlagSync {
  opened: RedFlag[];
  closed: RedFlag[];
}

/**
 * Brings the stored flags in line with what scoring computed, in one transaction: new flags open; flags the bot
 * closed earlier reopen when justified again; open flags no longer justified close with that reason. A flag a
 * person resolved or accepted keeps their decision.
 */
export async function syncFlags(db: Db, interviewId: number, computed: readonly ComputedFlag[], at: Date): Promise<FlagSync> {
  return inTransaction(db, async (trx) => {
    // Two instances may re-score the same interview at once: one syncs, then the other sees its flags.
    await lockInterview(trx, interviewId);
    const now = at.toISOString();
    const existing = new Map((await listFlags(trx, interviewId)).map((f) => [flagKey(f), f]));
    const wanted = new Map(computed.map((f) => [flagKey(f), f]));
    const opened: number[] = [];
    const closed: number[] = [];

    for (const [key, f] of wanted) {
      const old = existing.get(key);
      if (!old) {
        const row = await trx
          .insertInto('red_flags')
          .values({
            interview_id: interviewId,
            rule: f.rule,
            question_id: f.questionId,
            severity: f.severity,
            message: f.message,
            status: 'open',
            status_by: null,
            status_at: null,
            status_reason: null,
            status_link: null,
            owner_id: null,
            accept_expires_at: null,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        opened.push(row.id);
      } else if (old.status === 'resolved' && old.statusBy === SYSTEM_ACTOR) {
        await trx
          .updateTable('red_flags')
          .set({ status: 'open', status_by: null, status_at: null, status_reason: null, ...NO_PROPOSAL, severity: f.severity, message: f.message, updated_at: now })
          .where('id', '=', old.id)
          .execute();
        opened.push(old.id);
      } else if (old.message !== f.message || old.severity !== f.severity) {
        await trx.updateTable('red_flags').set({ severity: f.severity, message: f.message, updated_at: now }).where('id', '=', old.id).execute();
      }
    }
    for (const [key, old] of existing) {
      // Only open flags close by themselves; an acceptance stands until its owner's expiry date.
      if (wanted.has(key) || old.status !== 'open') continue;
      await trx.updateTable('red_flags').set({ status: 'resolved', status_by: SYSTEM_ACTOR, status_at: now, status_reason: NO_LONGER_JUSTIFIED, updated_at: now }).where('id', '=', old.id).execute();
      closed.push(old.id);
    }
    for (const id of opened) await writeAudit(trx, at, { actor: SYSTEM_ACTOR, action: 'flag.opened', interviewId, detail: { flagId: id } });
    for (const id of closed) await writeAudit(trx, at, { actor: SYSTEM_ACTOR, action: 'flag.auto-closed', interviewId, detail: { flagId: id } });

    const after = await listFlags(trx, interviewId);
    return { opened: after.filter((f) => opened.includes(f.id)), closed: after.filter((f) => closed.includes(f.id)) };
  });
}

function contextQuery(db: Db) {
  return db
    .selectFrom('red_flags')
    .innerJoin('interviews', 'interviews.id', 'red_flags.interview_id')
    .selectAll('red_flags')
    .select([
      'interviews.vendor_id as vendor_id',
      'interviews.vendor_name as vendor_name',
      'interviews.channel_id as channel_id',
      'interviews.thread_ts as thread_ts',
      'interviews.summary_ts as summary_ts',
      'interviews.status as interview_status',
      'interviews.started_by as started_by',
    ]);
}

type ContextRow = Selectable<RedFlagTable> & {
  vendor_id: number;
  vendor_name: string;
  channel_id: string;
  thread_ts: string | null;
  summary_ts: string | null;
  interview_status: InterviewStatus;
  started_by: string;
};

function toFlagWithContext(r: ContextRow): FlagWithContext {
  return {
    ...toFlag(r),
    vendor: { id: r.vendor_id, name: r.vendor_name },
    channelId: r.channel_id,
    threadTs: r.thread_ts,
    summaryTs: r.summary_ts,
    interviewStatus: r.interview_status,
    startedBy: r.started_by,
  };
}

export async function getFlag(db: Db, id: number): Promise<FlagWithContext | null> {
  const row = await contextQuery(db).where('red_flags.id', '=', id).executeTakeFirst();
  return row ? toFlagWithContext(row) : null;
}

/** Flags of a vendor's interviews with the given statuses, oldest first. */
export async function listVendorFlags(db: Db, vendorId: number, statuses: readonly RedFlag['status'][]): Promise<FlagWithContext[]> {
  const rows = await contextQuery(db)
    .where('interviews.vendor_id', '=', vendorId)
    .where('red_flags.status', 'in', [...statuses])
    .orderBy('red_flags.id')
    .execute();
  return rows.map(toFlagWithContext);
}

/** Flags of the interviews run in a channel, with the given statuses, oldest first. */
export async function listChannelFlags(db: Db, channelId: string, statuses: readonly RedFlag['status'][]): Promise<FlagWithContext[]> {
  // The channel's interviews first (an index), then their flags: not every flag of the status with its interview row.
  const rows = await contextQuery(db)
    .where('red_flags.interview_id', 'in', db.selectFrom('interviews').select('interviews.id').where('interviews.channel_id', '=', channelId))
    .where(byStatus(db), 'in', [...statuses])
    .orderBy('red_flags.id')
    .execute();
  return rows.map(toFlagWithContext);
}

/**
 * A flag's status, as a condition SQLite does not answer from red_flags_status: with no statistics its planner
 * prefers that index to the interviews' list and reads every flag of the status (tens of thousands), where the
 * flags of a few hundred interviews were wanted. PostgreSQL weighs both by its statistics and reads the column.
 */
function byStatus(db: Db) {
  return engineOf(db) === 'sqlite' ? sql<RedFlag['status']>`+${sql.ref('red_flags.status')}` : sql<RedFlag['status']>`${sql.ref('red_flags.status')}`;
}

export interface FlagDecision {
  flagId: number;
  by: string;
  reason: string;
  link?: string | null;
  /** Resolve: what was seen. */
  seen?: string | null;
  /** Accept only: who owns the accepted risk, until when, and the control that keeps it in check. */
  ownerId?: string;
  expiresAt?: Date;
  compensatingControl?: string;
  /** Resolve with four eyes: who proposed the resolution this decision confirms. */
  confirms?: string;
}

/**
 * Resolves or accepts an open flag with who, when and why, and writes the audit entry, in one transaction.
 * False when the flag is no longer open (someone decided first): a decision never overwrites another.
 */
export async function decideFlag(db: Db, status: 'resolved' | 'accepted', d: FlagDecision, at: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('red_flags').select(['status', 'interview_id']).where('id', '=', d.flagId).executeTakeFirstOrThrow();
    const updated = await trx
      .updateTable('red_flags')
      .set({
        status,
        status_by: d.by,
        status_at: at.toISOString(),
        status_reason: d.reason,
        status_link: d.link ?? null,
        status_seen: d.seen ?? null,
        owner_id: status === 'accepted' ? (d.ownerId ?? d.by) : null,
        accept_expires_at: status === 'accepted' && d.expiresAt ? d.expiresAt.toISOString() : null,
        compensating_control: status === 'accepted' ? (d.compensatingControl ?? null) : null,
        ...(status === 'accepted' && NO_PROPOSAL),
        updated_at: at.toISOString(),
      })
      .where('id', '=', d.flagId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    await writeAudit(trx, at, {
      actor: d.by,
      action: status === 'resolved' ? 'flag.resolved' : 'flag.accepted',
      interviewId: before.interview_id,
      detail: {
        flagId: d.flagId,
        from: before.status,
        reason: d.reason,
        link: d.link ?? null,
        seen: d.seen ?? null,
        owner: d.ownerId ?? null,
        expiresAt: d.expiresAt?.toISOString() ?? null,
        compensatingControl: d.compensatingControl ?? null,
        ...(d.confirms && { proposedBy: d.confirms }),
      },
    });
    return true;
  });
}

/**
 * Records the first pair of eyes on a high or critical flag's resolution; the flag stays open until a second person
 * confirms it. False when it is no longer open, or someone proposed first (one proposal waits at a time).
 */
export async function proposeResolution(db: Db, p: { flagId: number; by: string; reason: string; link: string | null; seen: string | null }, at: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('red_flags').select(['interview_id']).where('id', '=', p.flagId).executeTakeFirstOrThrow();
    const updated = await trx
      .updateTable('red_flags')
      .set({ proposed_by: p.by, proposed_at: at.toISOString(), proposed_reason: p.reason, proposed_link: p.link, proposed_seen: p.seen, updated_at: at.toISOString() })
      .where('id', '=', p.flagId)
      .where('status', '=', 'open')
      .where('proposed_by', 'is', null)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    await writeAudit(trx, at, { actor: p.by, action: 'flag.resolution-proposed', interviewId: before.interview_id, detail: { flagId: p.flagId, reason: p.reason, link: p.link, seen: p.seen } });
    return true;
  });
}

/** Reopens accepted flags whose acceptance has expired; returns them. Dates in reasons are days in `timeZone`. */
export async function reopenExpired(db: Db, at: Date, timeZone: string): Promise<RedFlag[]> {
  return db.transaction().execute(async (trx) => {
    const now = at.toISOString();
    const expired = await trx.selectFrom('red_flags').selectAll().where('status', '=', 'accepted').where('accept_expires_at', '<=', now).execute();
    const reopened: RedFlag[] = [];
    for (const f of expired) {
      // Only the instance whose update reopens the flag audits it: another may have reopened it meanwhile.
      const row = await trx
        .updateTable('red_flags')
        .set({
          status: 'open',
          status_by: SYSTEM_ACTOR,
          status_at: now,
          status_reason: `${ACCEPTANCE_EXPIRED} on ${calendarDay(new Date(f.accept_expires_at!), timeZone)}`,
          ...NO_PROPOSAL,
          updated_at: now,
        })
        .where('id', '=', f.id)
        .where('status', '=', 'accepted')
        .returningAll()
        .executeTakeFirst();
      if (!row) continue;
      await writeAudit(trx, at, { actor: SYSTEM_ACTOR, action: 'flag.acceptance-expired', interviewId: f.interview_id, detail: { flagId: f.id, owner: f.owner_id, expiredAt: f.accept_expires_at } });
      reopened.push(toFlag(row));
    }
    return reopened;
  });
}

/** The interviews `scope` allows, of these vendors only when given: a list for `in`, answered from interviews_sight (0027). */
function allowedIds(db: Db, scope: InterviewScope & { kind: 'some' }, vendorIds?: readonly number[]) {
  const allowed = db
    .selectFrom('interviews')
    .select('interviews.id')
    .where((eb) => inScope(eb, scope.clauses));
  return vendorIds ? allowed.where('interviews.vendor_id', 'in', [...vendorIds]) : allowed;
}

/** How many flags with the given statuses the interviews `scope` allows of these vendors have, by vendor and severity. */
export async function countScopedFlags(
  db: Db,
  scope: InterviewScope,
  statuses: readonly RedFlag['status'][],
  vendorIds: readonly number[],
): Promise<{ vendorId: number; severity: Severity; count: number }[]> {
  if (scope.kind === 'none' || vendorIds.length === 0) return [];
  // Counted in SQL by the interviews' flags (their index), not by reading every flag of the status with its interview.
  const rows = await db
    .selectFrom('red_flags')
    .innerJoin('interviews', 'interviews.id', 'red_flags.interview_id')
    .select((eb) => ['interviews.vendor_id', 'red_flags.severity', eb.fn.countAll<number>().as('count')])
    .where('red_flags.interview_id', 'in', allowedIds(db, scope, vendorIds))
    .where(byStatus(db), 'in', [...statuses])
    .groupBy(['interviews.vendor_id', 'red_flags.severity'])
    .execute();
  return rows.map((r) => ({ vendorId: r.vendor_id, severity: r.severity, count: Number(r.count) }));
}

/**
 * Accepted flags of the interviews `scope` allows whose acceptance ends by `by`, soonest first (then oldest): the
 * first `limit` with their interviews, and how many in all. Only those shown are read with their interview row.
 */
export async function listScopedExpiring(db: Db, scope: InterviewScope, by: Date, limit: number): Promise<{ flags: FlagWithContext[]; total: number }> {
  if (scope.kind === 'none') return { flags: [], total: 0 };
  // In the order of red_flags_expiry (status, accept_expires_at, then the row id), so the flags come as its entries do;
  // each checked by its own interview, as they are a few of the interviews allowed.
  const ids = await db
    .selectFrom('red_flags')
    .select('red_flags.id')
    .where('red_flags.status', '=', 'accepted')
    .where('red_flags.accept_expires_at', '<=', by.toISOString())
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('interviews')
          .select('interviews.id')
          .whereRef('interviews.id', '=', 'red_flags.interview_id')
          .where((e) => inScope(e, scope.clauses)),
      ),
    )
    .orderBy('red_flags.accept_expires_at')
    .orderBy('red_flags.id')
    .execute();
  const shown = ids.slice(0, limit).map((r) => r.id);
  if (shown.length === 0) return { flags: [], total: ids.length };
  const rows = await contextQuery(db).where('red_flags.id', 'in', shown).execute();
  const byId = new Map(rows.map((r) => [r.id, toFlagWithContext(r)]));
  return { flags: shown.flatMap((id) => byId.get(id) ?? []), total: ids.length };
}

/** This module's statements over one connection or transaction: a repository of the Store (store.ts). */
export function flagsRepository(db: Db) {
  const on = bindTo(db);
  return {
    listFlags: on(listFlags),
    listFlagsOf: on(listFlagsOf),
    syncFlags: on(syncFlags),
    getFlag: on(getFlag),
    listVendorFlags: on(listVendorFlags),
    listChannelFlags: on(listChannelFlags),
    decideFlag: on(decideFlag),
    proposeResolution: on(proposeResolution),
    reopenExpired: on(reopenExpired),
    countScopedFlags: on(countScopedFlags),
    listScopedExpiring: on(listScopedExpiring),
  };
}
