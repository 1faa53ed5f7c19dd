// A vetting's vendor channel (Slack Connect), the questions put to the vendor there and what the vendor wrote. Each
// change that a redelivered event, a double click or a second instance could repeat is one conditional statement.
import type { Selectable } from 'kysely';
import type { VendorAnswer, VendorChannel, VendorQuestion, VendorQuestionStatus } from '../model.js';
import { writeAudit } from './audit.js';
import { inTransaction, type Db } from './db.js';
import type { VendorAnswerTable, VendorChannelTable, VendorQuestionTable } from './schema.js';
import { bindTo } from './repository.js';

function toChannel(r: Selectable<VendorChannelTable>): VendorChannel {
  return { interviewId: r.interview_id, channelId: r.channel_id, threadTs: r.thread_ts, attachedBy: r.attached_by, attachedAt: new Date(r.attached_at) };
}

function toQuestion(r: Selectable<VendorQuestionTable>): VendorQuestion {
  return { questionId: r.question_id, position: r.position, messageTs: r.message_ts, status: r.status, askedAt: new Date(r.asked_at) };
}

function toAnswer(r: Selectable<VendorAnswerTable>): VendorAnswer {
  return {
    id: r.id,
    interviewId: r.interview_id,
    questionId: r.question_id,
    sourceTs: r.source_ts,
    userId: r.user_id,
    teamId: r.team_id,
    text: r.text,
    createdAt: new Date(r.created_at),
  };
}

/** Attaches the vendor channel; false when the vetting already has one. */
export async function attachVendorChannel(db: Db, c: { interviewId: number; channelId: string; by: string }, at: Date): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('vendor_channels')
      .values({ interview_id: c.interviewId, channel_id: c.channelId, thread_ts: null, attached_by: c.by, attached_at: at.toISOString() })
      .onConflict((oc) => oc.column('interview_id').doNothing())
      .returning('interview_id')
      .executeTakeFirst();
    if (!row) return false;
    await writeAudit(trx, at, { actor: c.by, action: 'vendor.channel-attached', interviewId: c.interviewId, detail: { channel: c.channelId } });
    return true;
  });
}

/** Takes the vendor channel off a vetting whose parent message there could not be posted (nothing was asked yet). */
export async function detachVendorChannel(db: Db, interviewId: number): Promise<void> {
  await db.deleteFrom('vendor_channels').where('interview_id', '=', interviewId).where('thread_ts', 'is', null).execute();
}

export async function setVendorThread(db: Db, interviewId: number, threadTs: string): Promise<void> {
  await db.updateTable('vendor_channels').set({ thread_ts: threadTs }).where('interview_id', '=', interviewId).execute();
}

export async function getVendorChannel(db: Db, interviewId: number): Promise<VendorChannel | null> {
  const row = await db.selectFrom('vendor_channels').selectAll().where('interview_id', '=', interviewId).executeTakeFirst();
  return row ? toChannel(row) : null;
}

/** The vetting whose vendor thread this is. */
export async function findByVendorThread(db: Db, channelId: string, threadTs: string): Promise<VendorChannel | null> {
  const row = await db.selectFrom('vendor_channels').selectAll().where('channel_id', '=', channelId).where('thread_ts', '=', threadTs).executeTakeFirst();
  return row ? toChannel(row) : null;
}

/** Whether any vetting uses the channel as its vendor channel: nothing of an evaluation is ever posted there. */
export async function isVendorChannel(db: Db, channelId: string): Promise<boolean> {
  const row = await db.selectFrom('vendor_channels').select('interview_id').where('channel_id', '=', channelId).executeTakeFirst();
  return row !== undefined;
}

export async function listVendorQuestions(db: Db, interviewId: number): Promise<VendorQuestion[]> {
  const rows = await db.selectFrom('vendor_questions').selectAll().where('interview_id', '=', interviewId).orderBy('position').execute();
  return rows.map(toQuestion);
}

/** Puts a question to the vendor as number `position`; false when it was already put (or the number is taken). */
export async function insertVendorQuestion(db: Db, c: { interviewId: number; questionId: string; position: number; by: string }, at: Date): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const now = at.toISOString();
    const row = await trx
      .insertInto('vendor_questions')
      .values({ interview_id: c.interviewId, question_id: c.questionId, position: c.position, message_ts: null, status: 'open', asked_at: now, updated_at: now })
      .onConflict((oc) => oc.doNothing())
      .returning('question_id')
      .executeTakeFirst();
    if (!row) return false;
    await writeAudit(trx, at, { actor: c.by, action: 'vendor.asked', interviewId: c.interviewId, detail: { questionId: c.questionId, position: c.position } });
    return true;
  });
}

export async function setVendorQuestionMessage(db: Db, interviewId: number, questionId: string, messageTs: string): Promise<void> {
  await db.updateTable('vendor_questions').set({ message_ts: messageTs }).where('interview_id', '=', interviewId).where('question_id', '=', questionId).execute();
}

/** Moves a question to `status` from one of `from`; false when it was not in one of them (someone got there first). */
export async function setVendorQuestionStatus(
  db: Db,
  c: { interviewId: number; questionId: string; status: VendorQuestionStatus; from: readonly VendorQuestionStatus[]; by: string },
  at: Date,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('vendor_questions')
      .set({ status: c.status, updated_at: at.toISOString() })
      .where('interview_id', '=', c.interviewId)
      .where('question_id', '=', c.questionId)
      .where('status', 'in', [...c.from])
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    if (c.status === 'set_aside') {
      await writeAudit(trx, at, { actor: c.by, action: 'vendor.set-aside', interviewId: c.interviewId, detail: { questionId: c.questionId } });
    }
    return true;
  });
}

/** Stores one vendor message as an answer, with its audit row; null when that message was stored before. */
export async function insertVendorAnswer(
  db: Db,
  a: { interviewId: number; questionId: string; sourceTs: string; userId: string; teamId: string | null; text: string },
  at: Date,
): Promise<VendorAnswer | null> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('vendor_answers')
      .values({ interview_id: a.interviewId, question_id: a.questionId, source_ts: a.sourceTs, user_id: a.userId, team_id: a.teamId, text: a.text, created_at: at.toISOString() })
      .onConflict((oc) => oc.columns(['interview_id', 'source_ts']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    await writeAudit(trx, at, {
      actor: a.userId,
      action: 'vendor.answered',
      interviewId: a.interviewId,
      detail: { questionId: a.questionId, team: a.teamId, sourceTs: a.sourceTs, text: a.text },
    });
    return toAnswer(row);
  });
}

export async function listVendorAnswers(db: Db, interviewId: number): Promise<VendorAnswer[]> {
  const rows = await db.selectFrom('vendor_answers').selectAll().where('interview_id', '=', interviewId).orderBy('id').execute();
  return rows.map(toAnswer);
}

/** This module's statements over one connection or transaction: a repository of the Store (store.ts). */
export function vendorChannelRepository(db: Db) {
  const on = bindTo(db);
  return {
    attachVendorChannel: on(attachVendorChannel),
    detachVendorChannel: on(detachVendorChannel),
    setVendorThread: on(setVendorThread),
    getVendorChannel: on(getVendorChannel),
    findByVendorThread: on(findByVendorThread),
    isVendorChannel: on(isVendorChannel),
    listVendorQuestions: on(listVendorQuestions),
    insertVendorQuestion: on(insertVendorQuestion),
    setVendorQuestionMessage: on(setVendorQuestionMessage),
    setVendorQuestionStatus: on(setVendorQuestionStatus),
    insertVendorAnswer: on(insertVendorAnswer),
    listVendorAnswers: on(listVendorAnswers),
  };
}
