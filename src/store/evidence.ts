// Evidence requests, the files and links shared for them, and the claims that send each reminder once. Every change
// that two instances (or two clicks) could race is one conditional statement: a request opens once, a file is stored
// once per message, a verdict or a withdrawal lands once.
import type { Selectable } from 'kysely';
import type { EvidenceItem, EvidenceRequest, EvidenceVerdict } from '../model.js';
import { writeAudit } from './audit.js';
import { inTransaction, type Db } from './db.js';
import type { EvidenceItemTable, EvidenceRequestTable } from './schema.js';
import { bindTo } from './repository.js';

function toRequest(r: Selectable<EvidenceRequestTable>): EvidenceRequest {
  return {
    id: r.id,
    interviewId: r.interview_id,
    questionId: r.question_id,
    asked: r.asked,
    chaserId: r.chaser_id,
    vendorContact: r.vendor_contact,
    dueOn: r.due_on,
    dueAt: new Date(r.due_at),
    status: r.status,
    requestedBy: r.requested_by,
    requestedAt: new Date(r.requested_at),
    closedBy: r.closed_by,
    closedAt: r.closed_at ? new Date(r.closed_at) : null,
    closeReason: r.close_reason,
    fulfilledBy: r.fulfilled_item_id,
  };
}

function toItem(r: Selectable<EvidenceItemTable>): EvidenceItem {
  return {
    id: r.id,
    interviewId: r.interview_id,
    questionId: r.question_id,
    kind: r.kind,
    fileId: r.file_id,
    name: r.name,
    fileType: r.file_type,
    url: r.url,
    sharedBy: r.shared_by,
    byEvaluator: r.by_evaluator === 1,
    sharedAt: new Date(r.shared_at),
    sourceTs: r.source_ts,
    replyTs: r.reply_ts,
    comment: r.comment,
    verdict: r.verdict,
    verdictBy: r.verdict_by,
    verdictAt: r.verdict_at ? new Date(r.verdict_at) : null,
    verdictReason: r.verdict_reason,
  };
}

export interface RequestTerms {
  interviewId: number;
  questionId: string;
  asked: string;
  chaserId: string;
  vendorContact: string | null;
  dueOn: string;
  dueAt: Date;
  by: string;
}

export async function getRequest(db: Db, interviewId: number, questionId: string): Promise<EvidenceRequest | null> {
  const row = await db.selectFrom('evidence_requests').selectAll().where('interview_id', '=', interviewId).where('question_id', '=', questionId).executeTakeFirst();
  return row ? toRequest(row) : null;
}

export async function listRequests(db: Db, interviewId: number): Promise<EvidenceRequest[]> {
  const rows = await db.selectFrom('evidence_requests').selectAll().where('interview_id', '=', interviewId).orderBy('id').execute();
  return rows.map(toRequest);
}

/**
 * Opens a request for the question unless one exists (a redelivered click, another instance): true when this call
 * opened it. With `reopen`, a withdrawn request opens again on these terms.
 */
export async function openRequest(db: Db, t: RequestTerms, at: Date, opts: { reopen: 'withdrawn' | 'closed' | 'never' }): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const now = at.toISOString();
    // A new request and a reopened one look the same: open, as asked now, nothing closed or fulfilled.
    const opened = {
      asked: t.asked,
      chaser_id: t.chaserId,
      vendor_contact: t.vendorContact,
      due_on: t.dueOn,
      due_at: t.dueAt.toISOString(),
      status: 'open',
      requested_by: t.by,
      requested_at: now,
      updated_at: now,
      closed_by: null,
      closed_at: null,
      close_reason: null,
      fulfilled_item_id: null,
    } as const;
    const inserted = await trx
      .insertInto('evidence_requests')
      .values({ interview_id: t.interviewId, question_id: t.questionId, ...opened })
      .onConflict((oc) => oc.columns(['interview_id', 'question_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    let id = inserted?.id ?? null;
    if (id === null && opts.reopen !== 'never') {
      const statuses = opts.reopen === 'withdrawn' ? (['withdrawn'] as const) : (['withdrawn', 'fulfilled'] as const);
      const reopened = await trx
        .updateTable('evidence_requests')
        .set(opened)
        .where('interview_id', '=', t.interviewId)
        .where('question_id', '=', t.questionId)
        .where('status', 'in', [...statuses])
        .returning('id')
        .executeTakeFirst();
      id = reopened?.id ?? null;
    }
    if (id === null) return false;
    await writeAudit(trx, at, {
      actor: t.by,
      action: inserted ? 'evidence.requested' : 'evidence.rerequested',
      interviewId: t.interviewId,
      detail: { requestId: id, questionId: t.questionId, chaser: t.chaserId, dueOn: t.dueOn, contact: t.vendorContact },
    });
    return true;
  });
}

/** Changes what an open request asks, who chases it and by when; false when it is no longer open. */
export async function updateRequest(db: Db, requestId: number, t: RequestTerms, at: Date): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('evidence_requests')
      .set({ asked: t.asked, chaser_id: t.chaserId, vendor_contact: t.vendorContact, due_on: t.dueOn, due_at: t.dueAt.toISOString(), updated_at: at.toISOString() })
      .where('id', '=', requestId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    await writeAudit(trx, at, {
      actor: t.by,
      action: 'evidence.request-changed',
      interviewId: t.interviewId,
      detail: { requestId, questionId: t.questionId, chaser: t.chaserId, dueOn: t.dueOn, contact: t.vendorContact },
    });
    return true;
  });
}

/**
 * Closes an open request (fulfilled or withdrawn) with who, when and why; false when it was no longer open, so of
 * two instances deciding at once exactly one does.
 */
export async function closeRequest(db: Db, c: { requestId: number; status: 'fulfilled' | 'withdrawn'; by: string; reason: string; itemId?: number | null }, at: Date): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('evidence_requests')
      .set({ status: c.status, closed_by: c.by, closed_at: at.toISOString(), close_reason: c.reason, fulfilled_item_id: c.itemId ?? null, updated_at: at.toISOString() })
      .where('id', '=', c.requestId)
      .where('status', '=', 'open')
      .returning(['interview_id', 'question_id'])
      .executeTakeFirst();
    if (!updated) return false;
    await writeAudit(trx, at, {
      actor: c.by,
      action: c.status === 'fulfilled' ? 'evidence.fulfilled' : 'evidence.withdrawn',
      interviewId: updated.interview_id,
      detail: { requestId: c.requestId, questionId: updated.question_id, reason: c.reason, itemId: c.itemId ?? null },
    });
    return true;
  });
}

export interface NewItem {
  kind: EvidenceItem['kind'];
  /** The file id, or the URL. */
  ref: string;
  fileId: string | null;
  name: string | null;
  fileType: string | null;
  url: string | null;
}

/**
 * Stores the files and links of one thread message on a question; returns those stored now (a redelivered message
 * stores nothing again). The caller, who posts the answer under them next, holds them until `receiptLeaseUntil`.
 */
export async function insertItems(
  db: Db,
  m: { interviewId: number; questionId: string; sharedBy: string; byEvaluator: boolean; sourceTs: string; comment: string | null; items: readonly NewItem[] },
  at: Date,
  receiptLeaseUntil: Date,
): Promise<EvidenceItem[]> {
  return inTransaction(db, async (trx) => {
    const stored: EvidenceItem[] = [];
    for (const item of m.items) {
      const row = await trx
        .insertInto('evidence_items')
        .values({
          interview_id: m.interviewId,
          question_id: m.questionId,
          kind: item.kind,
          ref: item.ref,
          file_id: item.fileId,
          name: item.name,
          file_type: item.fileType,
          url: item.url,
          shared_by: m.sharedBy,
          by_evaluator: m.byEvaluator ? 1 : 0,
          shared_at: at.toISOString(),
          source_ts: m.sourceTs,
          reply_ts: null,
          receipt_lease_until: receiptLeaseUntil.toISOString(),
          comment: m.comment,
          verdict: null,
          verdict_by: null,
          verdict_at: null,
          verdict_reason: null,
        })
        .onConflict((oc) => oc.columns(['interview_id', 'source_ts', 'ref']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) stored.push(toItem(row));
    }
    for (const item of stored) {
      await writeAudit(trx, at, { actor: m.sharedBy, action: 'evidence.shared', interviewId: m.interviewId, detail: { itemId: item.id, questionId: m.questionId, kind: item.kind, name: item.name } });
    }
    return stored;
  });
}

export async function getItem(db: Db, id: number): Promise<EvidenceItem | null> {
  const row = await db.selectFrom('evidence_items').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toItem(row) : null;
}

export async function listItems(db: Db, interviewId: number): Promise<EvidenceItem[]> {
  const rows = await db.selectFrom('evidence_items').selectAll().where('interview_id', '=', interviewId).orderBy('id').execute();
  return rows.map(toItem);
}

/** The items one thread message carried, as its answer in the thread shows them. */
export async function listItemsOfMessage(db: Db, interviewId: number, sourceTs: string): Promise<EvidenceItem[]> {
  const rows = await db.selectFrom('evidence_items').selectAll().where('interview_id', '=', interviewId).where('source_ts', '=', sourceTs).orderBy('id').execute();
  return rows.map(toItem);
}

export async function setReplyTs(db: Db, itemIds: readonly number[], replyTs: string): Promise<void> {
  if (itemIds.length === 0) return;
  await db
    .updateTable('evidence_items')
    .set({ reply_ts: replyTs, receipt_lease_until: null })
    .where('id', 'in', [...itemIds])
    .execute();
}

/**
 * Claims the answer under one thread message whose answer was never posted (Slack refused it, or its poster died),
 * until `leaseUntil`: one conditional update, so of two instances one posts it. Returns the message's items when
 * claimed, else none (posted meanwhile, or someone else holds it).
 */
export async function claimReceipt(db: Db, interviewId: number, sourceTs: string, at: Date, leaseUntil: Date): Promise<EvidenceItem[]> {
  const rows = await db
    .updateTable('evidence_items')
    .set({ receipt_lease_until: leaseUntil.toISOString() })
    .where('interview_id', '=', interviewId)
    .where('source_ts', '=', sourceTs)
    .where('reply_ts', 'is', null)
    .where((eb) => eb.or([eb('receipt_lease_until', 'is', null), eb('receipt_lease_until', '<=', at.toISOString())]))
    .returningAll()
    .execute();
  return rows.map(toItem).sort((a, b) => a.id - b.id);
}

/**
 * After a failed post: the answer is next tried after `until`, or by the next tick when null (its claim ends now).
 */
export async function holdReceipt(db: Db, itemIds: readonly number[], until: Date | null): Promise<void> {
  if (itemIds.length === 0) return;
  await db
    .updateTable('evidence_items')
    .set({ receipt_lease_until: until?.toISOString() ?? null })
    .where('id', 'in', [...itemIds])
    .where('reply_ts', 'is', null)
    .execute();
}

/**
 * Thread messages shared since `since` whose answer was never posted and that nobody holds now, in interviews that
 * were not withdrawn, oldest first.
 */
export async function listUnpostedReceipts(db: Db, since: Date, at: Date): Promise<{ interviewId: number; sourceTs: string }[]> {
  const rows = await db
    .selectFrom('evidence_items')
    .innerJoin('interviews', 'interviews.id', 'evidence_items.interview_id')
    .select(['evidence_items.interview_id', 'evidence_items.source_ts'])
    .where('evidence_items.reply_ts', 'is', null)
    .where('evidence_items.shared_at', '>=', since.toISOString())
    .where((eb) => eb.or([eb('evidence_items.receipt_lease_until', 'is', null), eb('evidence_items.receipt_lease_until', '<=', at.toISOString())]))
    .where('interviews.status', '<>', 'abandoned')
    .groupBy(['evidence_items.interview_id', 'evidence_items.source_ts'])
    .orderBy((eb) => eb.fn.min('evidence_items.id'))
    .execute();
  return rows.map((r) => ({ interviewId: r.interview_id, sourceTs: r.source_ts }));
}

/** Gives a file or link its verdict once: false when it already had one (two evaluators clicking at once). */
export async function decideItem(db: Db, d: { itemId: number; verdict: EvidenceVerdict; by: string; reason: string | null }, at: Date): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('evidence_items')
      .set({ verdict: d.verdict, verdict_by: d.by, verdict_at: at.toISOString(), verdict_reason: d.reason })
      .where('id', '=', d.itemId)
      .where('verdict', 'is', null)
      .returning(['interview_id', 'question_id'])
      .executeTakeFirst();
    if (!updated) return false;
    await writeAudit(trx, at, {
      actor: d.by,
      action: d.verdict === 'accepted' ? 'evidence.accepted' : 'evidence.not-sufficient',
      interviewId: updated.interview_id,
      detail: { itemId: d.itemId, questionId: updated.question_id, reason: d.reason },
    });
    return true;
  });
}

/** Open requests due on or before `day` (YYYY-MM-DD), of interviews that were not withdrawn, oldest due first. */
export async function listOpenRequestsDueBy(db: Db, day: string): Promise<{ request: EvidenceRequest; interviewCompleted: boolean }[]> {
  const rows = await db
    .selectFrom('evidence_requests')
    .innerJoin('interviews', 'interviews.id', 'evidence_requests.interview_id')
    .selectAll('evidence_requests')
    .select('interviews.status as interview_status')
    .where('evidence_requests.status', '=', 'open')
    .where('evidence_requests.due_on', '<=', day)
    .where('interviews.status', '<>', 'abandoned')
    .orderBy('evidence_requests.due_on')
    .orderBy('evidence_requests.id')
    .execute();
  return rows.map((r) => ({ request: toRequest(r), interviewCompleted: r.interview_status === 'completed' }));
}

/**
 * The reminders of these requests for these days that need no new claim now: sent, given up, or being sent or
 * waiting for their retry. One query per tick, so a reminder already sent costs no write attempt every minute.
 */
export async function listRemindersNotOwed(db: Db, slots: readonly { requestId: number; slot: string }[], at: Date): Promise<Set<string>> {
  if (slots.length === 0) return new Set();
  const now = at.toISOString();
  const rows = await db
    .selectFrom('evidence_reminders')
    .select(['request_id', 'slot', 'status', 'lease_until', 'next_attempt_at'])
    .where('request_id', 'in', [...new Set(slots.map((s) => s.requestId))])
    .execute();
  const wanted = new Set(slots.map((s) => `${s.requestId}|${s.slot}`));
  const settled = new Set<string>();
  for (const r of rows) {
    const key = `${r.request_id}|${r.slot}`;
    if (!wanted.has(key)) continue;
    const waiting =
      r.status === 'sent' || (r.status === 'failed' && (r.next_attempt_at === null || r.next_attempt_at > now)) || (r.status === 'claimed' && r.lease_until !== null && r.lease_until > now);
    if (waiting) settled.add(key);
  }
  return settled;
}

/** Open requests of interviews that were not withdrawn, chased by `userId` (or by anyone when null), soonest due first. */
export async function listOpenRequests(db: Db, chaserId: string | null): Promise<EvidenceRequest[]> {
  let q = db
    .selectFrom('evidence_requests')
    .innerJoin('interviews', 'interviews.id', 'evidence_requests.interview_id')
    .selectAll('evidence_requests')
    .where('evidence_requests.status', '=', 'open')
    .where('interviews.status', '<>', 'abandoned');
  if (chaserId !== null) q = q.where('evidence_requests.chaser_id', '=', chaserId);
  const rows = await q.orderBy('evidence_requests.due_on').orderBy('evidence_requests.id').execute();
  return rows.map(toRequest);
}

export interface ReminderClaim {
  id: number;
  requestId: number;
  slot: string;
  attempts: number;
}

/**
 * Claims the reminder of a request for a day. The first claim inserts the row; a later one succeeds only when the
 * earlier attempt failed and its retry time has come, or its sender died (lease expired). Atomic on any number of
 * instances sharing the database, so each reminder goes out once.
 */
export async function claimReminder(db: Db, requestId: number, slot: string, at: Date, leaseMs: number): Promise<ReminderClaim | null> {
  const now = at.toISOString();
  const lease = new Date(at.getTime() + leaseMs).toISOString();
  const inserted = await db
    .insertInto('evidence_reminders')
    .values({ request_id: requestId, slot, status: 'claimed', attempts: 1, lease_until: lease, next_attempt_at: null, sent_at: null, error: null, created_at: now })
    .onConflict((oc) => oc.columns(['request_id', 'slot']).doNothing())
    .returning(['id', 'attempts'])
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, requestId, slot, attempts: inserted.attempts };
  const retried = await db
    .updateTable('evidence_reminders')
    .set((eb) => ({ status: 'claimed', lease_until: lease, attempts: eb('attempts', '+', 1) }))
    .where('request_id', '=', requestId)
    .where('slot', '=', slot)
    .where((eb) =>
      eb.or([eb.and([eb('status', '=', 'failed'), eb('next_attempt_at', 'is not', null), eb('next_attempt_at', '<=', now)]), eb.and([eb('status', '=', 'claimed'), eb('lease_until', '<=', now)])]),
    )
    .returning(['id', 'attempts'])
    .executeTakeFirst();
  return retried ? { id: retried.id, requestId, slot, attempts: retried.attempts } : null;
}

export async function markReminderSent(db: Db, claimId: number, at: Date): Promise<void> {
  await db.updateTable('evidence_reminders').set({ status: 'sent', sent_at: at.toISOString(), lease_until: null, error: null }).where('id', '=', claimId).execute();
}

/** A failed reminder is retried at `retryAt`, or never when null (Slack will not deliver it: a deactivated chaser). */
export async function markReminderFailed(db: Db, claimId: number, error: string, retryAt: Date | null): Promise<void> {
  await db
    .updateTable('evidence_reminders')
    .set({ status: 'failed', error, next_attempt_at: retryAt?.toISOString() ?? null, lease_until: null })
    .where('id', '=', claimId)
    .execute();
}

export async function listReminders(db: Db, requestId: number): Promise<{ slot: string; status: string; attempts: number; sentAt: Date | null }[]> {
  const rows = await db.selectFrom('evidence_reminders').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
  return rows.map((r) => ({ slot: r.slot, status: r.status, attempts: r.attempts, sentAt: r.sent_at ? new Date(r.sent_at) : null }));
}

/** This module's statements over one connection or transaction: a repository of the Store (store.ts). */
export function evidenceRepository(db: Db) {
  const on = bindTo(db);
  return {
    getRequest: on(getRequest),
    listRequests: on(listRequests),
    openRequest: on(openRequest),
    updateRequest: on(updateRequest),
    closeRequest: on(closeRequest),
    insertItems: on(insertItems),
    getItem: on(getItem),
    listItems: on(listItems),
    listItemsOfMessage: on(listItemsOfMessage),
    setReplyTs: on(setReplyTs),
    claimReceipt: on(claimReceipt),
    holdReceipt: on(holdReceipt),
    listUnpostedReceipts: on(listUnpostedReceipts),
    decideItem: on(decideItem),
    listOpenRequestsDueBy: on(listOpenRequestsDueBy),
    listRemindersNotOwed: on(listRemindersNotOwed),
    listOpenRequests: on(listOpenRequests),
    claimReminder: on(claimReminder),
    markReminderSent: on(markReminderSent),
    markReminderFailed: on(markReminderFailed),
    listReminders: on(listReminders),
  };
}
