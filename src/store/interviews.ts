import { recentlyUsed } from '../recentlyUsed.js';
import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { AskedQuestion, Interview, InterviewStatus, Vendor } from '../model.js';
import type { EngagementModel, InterviewVariant, Question } from '../questions/model.js';
import type { Db } from './db.js';
import { engineOf, timestampType } from './dialect.js';
import type { Database, InterviewTable } from './schema.js';
import { decodeJson, questionsColumn } from './columns.js';
import { bindTo } from './repository.js';

export interface NewInterview {
  vendorId: number;
  /** As typed by the starter; shown wherever this vetting is. */
  vendorName: string;
  channelId: string;
  model: EngagementModel | null;
  variant: InterviewVariant;
  bankId: string;
  bankVersion: string;
  questions: Question[];
  startedBy: string;
  startedAt: Date;
}

type Row = Selectable<InterviewTable>;

/**
 * One reader's rule, for the store to run in SQL (flows/visibility.ts builds it): an interview run in one of
 * `channelIds`, or, when `person` is set, one they lead or evaluate.
 */
export interface ScopeClause {
  channelIds: readonly string[];
  person: string | null;
}

/** The interviews some readers may see: none at all, or those passing every clause (no clause: every interview). */
export type InterviewScope = { kind: 'none' } | { kind: 'some'; clauses: readonly ScopeClause[] };

/**
 * The SQL condition of a scope that is not `none`, on a query over `interviews`. The evaluator part is a list read
 * once, not a subquery per interview, so on SQLite the whole condition is checked from interviews_sight alone.
 */
export function inScope(e: ExpressionBuilder<Database, 'interviews'>, clauses: readonly ScopeClause[]) {
  return e.and(
    clauses.map((c) =>
      e.or([
        ...(c.channelIds.length > 0 ? [e('interviews.channel_id', 'in', [...c.channelIds])] : []),
        ...(c.person === null
          ? []
          : [
              e('interviews.started_by', '=', c.person),
              e('interviews.id', 'in', e.selectFrom('interview_evaluators').select('interview_evaluators.interview_id').where('interview_evaluators.user_id', '=', c.person)),
            ]),
      ]),
    ),
  );
}

/**
 * An interview's id that SQLite does not look up as the rowid (a unary plus), so a join on vendor and id reads
 * interviews_sight rather than the table row, whose question list lies before the columns wanted. PostgreSQL reads it as the id.
 */
export function notByRowid(ref: 'n.id') {
  return sql<number>`+${sql.ref(ref)}`;
}

function baseQuery(db: Db) {
  return db.selectFrom('interviews').selectAll('interviews');
}

/** Decodes an interview's question list (interviews.questions_json). */
export type QuestionLists = (json: string, interviewId: number) => Question[];

/** Decodes every time: what a statement called on its own (a test, a tool) uses. */
export const decodeQuestionList: QuestionLists = (json, interviewId) => decodeJson(questionsColumn, json, `interviews.questions_json of interview ${interviewId}`);

/**
 * Decodes each distinct list once and keeps the last `kept`: the interviews of one bank version share one list, and
 * a click reads its interview, so zod runs once per list rather than per click. A list is never changed once
 * written, and the Question objects handed out are shared, so nothing may change them. The Store owns one.
 */
export function rememberedQuestionLists(kept = 32): QuestionLists {
  const decoded = recentlyUsed<string, Question[]>(kept);
  return (json, interviewId) => {
    const known = decoded.get(json);
    if (known) return known;
    const questions = decodeQuestionList(json, interviewId);
    decoded.set(json, questions);
    return questions;
  };
}

function toInterview(r: Row, lists: QuestionLists): Interview {
  return {
    id: r.id,
    vendor: { id: r.vendor_id, name: r.vendor_name },
    channelId: r.channel_id,
    threadTs: r.thread_ts,
    model: r.model,
    variant: r.variant,
    bankId: r.bank_id,
    bankVersion: r.bank_version,
    questions: lists(r.questions_json, r.id),
    status: r.status,
    startedBy: r.started_by,
    startedAt: new Date(r.started_at),
    completedAt: r.completed_at ? new Date(r.completed_at) : null,
    completedBy: r.completed_by,
    summaryTs: r.summary_ts,
    decisionId: r.decision_id,
  };
}

/** Inserts the interview, or returns null when the vendor already has one in progress in that channel. */
export async function insertInterview(db: Db, n: NewInterview): Promise<number | null> {
  const row = await db
    .insertInto('interviews')
    .values({
      vendor_id: n.vendorId,
      vendor_name: n.vendorName,
      channel_id: n.channelId,
      thread_ts: null,
      model: n.model,
      variant: n.variant,
      bank_id: n.bankId,
      bank_version: n.bankVersion,
      questions_json: JSON.stringify(n.questions),
      status: 'in_progress',
      started_by: n.startedBy,
      started_at: n.startedAt.toISOString(),
      completed_at: null,
      completed_by: null,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Serialises the read-then-write transactions of one interview (recording an answer, syncing its flags) across
 * instances, and returns its revision (migration 0026) as it stands under the lock: on PostgreSQL a row lock held
 * until the transaction ends (NO KEY UPDATE, so rows that merely reference the interview are not held up); SQLite
 * needs none, as BEGIN IMMEDIATE already admits one writer at a time. Null when the interview is gone.
 */
export async function lockInterview(trx: Db, id: number): Promise<number | null> {
  const query = trx.selectFrom('interviews').select('revision').where('id', '=', id);
  const row = await (engineOf(trx) === 'postgres' ? query.forNoKeyUpdate() : query).executeTakeFirst();
  return row?.revision ?? null;
}

/** How many changes the interview and everything under it have seen (kept by the database's triggers); null when gone. */
export async function getRevision(db: Db, id: number): Promise<number | null> {
  const row = await db.selectFrom('interviews').select('revision').where('id', '=', id).executeTakeFirst();
  return row?.revision ?? null;
}

/** The interview with its revision, read together: whatever is read after it is at least as new. */
export async function getRevisedInterview(db: Db, id: number, lists: QuestionLists = decodeQuestionList): Promise<{ interview: Interview; revision: number } | null> {
  const row = await baseQuery(db).where('interviews.id', '=', id).executeTakeFirst();
  return row ? { interview: toInterview(row, lists), revision: row.revision } : null;
}

export async function getInterview(db: Db, id: number, lists: QuestionLists = decodeQuestionList): Promise<Interview | null> {
  const row = await baseQuery(db).where('interviews.id', '=', id).executeTakeFirst();
  return row ? toInterview(row, lists) : null;
}

export async function findInProgress(db: Db, vendorId: number, channelId: string, lists: QuestionLists = decodeQuestionList): Promise<Interview | null> {
  const row = await baseQuery(db).where('interviews.vendor_id', '=', vendorId).where('interviews.channel_id', '=', channelId).where('interviews.status', '=', 'in_progress').executeTakeFirst();
  return row ? toInterview(row, lists) : null;
}

export async function findByThread(db: Db, channelId: string, threadTs: string, lists: QuestionLists = decodeQuestionList): Promise<Interview | null> {
  const row = await baseQuery(db).where('interviews.channel_id', '=', channelId).where('interviews.thread_ts', '=', threadTs).executeTakeFirst();
  return row ? toInterview(row, lists) : null;
}

/** The vendor's interviews, newest first. */
export async function listVendorInterviews(db: Db, vendorId: number, lists: QuestionLists = decodeQuestionList): Promise<Interview[]> {
  const rows = await baseQuery(db).where('interviews.vendor_id', '=', vendorId).orderBy('interviews.id', 'desc').execute();
  return rows.map((r) => toInterview(r, lists));
}

export async function setThreadTs(db: Db, id: number, threadTs: string): Promise<void> {
  await db.updateTable('interviews').set({ thread_ts: threadTs }).where('id', '=', id).execute();
}

export async function setSummaryTs(db: Db, id: number, ts: string): Promise<void> {
  await db.updateTable('interviews').set({ summary_ts: ts }).where('id', '=', id).execute();
}

export async function deleteInterview(db: Db, id: number): Promise<void> {
  await db.deleteFrom('interviews').where('id', '=', id).execute();
}

/** Moves an in-progress interview to `status`; false when it was not in progress (someone else got there first). */
export async function closeInterview(db: Db, id: number, status: Exclude<InterviewStatus, 'in_progress'>, by: string, at: Date): Promise<boolean> {
  const result = await db.updateTable('interviews').set({ status, completed_at: at.toISOString(), completed_by: by }).where('id', '=', id).where('status', '=', 'in_progress').executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Names evaluators; returns those who were not evaluators already, in the order given. */
export async function addEvaluators(db: Db, interviewId: number, userIds: readonly string[], addedBy: string, at: Date): Promise<string[]> {
  const added: string[] = [];
  for (const userId of userIds) {
    const row = await db
      .insertInto('interview_evaluators')
      .values({ interview_id: interviewId, user_id: userId, joined_at: at.toISOString(), added_by: addedBy })
      .onConflict((oc) => oc.doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (row) added.push(row.user_id);
  }
  return added;
}

/** Removes evaluators; returns those who were evaluators until now. */
export async function removeEvaluators(db: Db, interviewId: number, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .deleteFrom('interview_evaluators')
    .where('interview_id', '=', interviewId)
    .where('user_id', 'in', [...userIds])
    .returning('user_id')
    .execute();
  const removed = new Set(rows.map((r) => r.user_id));
  return userIds.filter((u) => removed.has(u));
}

export async function listEvaluators(db: Db, interviewId: number): Promise<string[]> {
  // Those named together keep a stable order: by id.
  const rows = await db.selectFrom('interview_evaluators').select('user_id').where('interview_id', '=', interviewId).orderBy('joined_at').orderBy('user_id').execute();
  return rows.map((r) => r.user_id);
}

/** Records that a question was asked; false when it already was (a redelivery or a double click) or the interview is over. */
export async function insertAsked(db: Db, interviewId: number, questionId: string, position: number, at: Date): Promise<boolean> {
  // Only while the interview is in progress, in the same statement: a click racing /vet finish asks nothing after it.
  const result = await db
    .insertInto('interview_questions')
    .columns(['interview_id', 'question_id', 'position', 'asked_at'])
    .expression((eb) =>
      eb
        .selectFrom('interviews')
        // Typed, since PostgreSQL does not infer parameter types in a select list.
        .select([
          eb.cast<number>(eb.val(interviewId), 'integer').as('interview_id'),
          eb.cast<string>(eb.val(questionId), 'text').as('question_id'),
          eb.cast<number>(eb.val(position), 'integer').as('position'),
          eb.cast<string>(eb.val(at.toISOString()), timestampType(db)).as('asked_at'),
        ])
        .where('id', '=', interviewId)
        .where('status', '=', 'in_progress'),
    )
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export async function listAsked(db: Db, interviewId: number): Promise<AskedQuestion[]> {
  const rows = await db.selectFrom('interview_questions').selectAll().where('interview_id', '=', interviewId).orderBy('position').execute();
  return rows.map((r) => ({ questionId: r.question_id, position: r.position, askedAt: new Date(r.asked_at), messageTs: r.message_ts }));
}

export async function setQuestionMessage(db: Db, interviewId: number, questionId: string, messageTs: string): Promise<void> {
  await db.updateTable('interview_questions').set({ message_ts: messageTs }).where('interview_id', '=', interviewId).where('question_id', '=', questionId).execute();
}

/** Interviews in progress that the user started or rates in, newest first. */
export async function listInProgressFor(db: Db, userId: string, limit: number, lists: QuestionLists = decodeQuestionList): Promise<Interview[]> {
  // Which ones, from interviews_sight alone (the evaluator part a list read once, as in inScope); then those rows.
  const mine = db
    .selectFrom('interviews')
    .select('interviews.id')
    .where('interviews.status', '=', 'in_progress')
    .where((eb) =>
      eb.or([
        eb('interviews.started_by', '=', userId),
        eb('interviews.id', 'in', eb.selectFrom('interview_evaluators').select('interview_evaluators.interview_id').where('interview_evaluators.user_id', '=', userId)),
      ]),
    );
  const rows = await baseQuery(db).where('interviews.id', 'in', mine).orderBy('interviews.id', 'desc').limit(limit).execute();
  return rows.map((r) => toInterview(r, lists));
}

/** Interviews run in a channel, oldest first. */
export async function listChannelInterviews(db: Db, channelId: string, lists: QuestionLists = decodeQuestionList): Promise<Interview[]> {
  const rows = await baseQuery(db).where('interviews.channel_id', '=', channelId).orderBy('interviews.id').execute();
  return rows.map((r) => toInterview(r, lists));
}

/** When each vendor's latest interview was completed in each channel (who may see it depends on the channel). */
export async function lastCompletedByVendorAndChannel(db: Db, vendorIds: readonly number[]): Promise<{ vendorId: number; channelId: string; at: Date }[]> {
  if (vendorIds.length === 0) return [];
  const rows = await db
    .selectFrom('interviews')
    .select(['vendor_id', 'channel_id', (eb) => eb.fn.max<string | null>('completed_at').as('last')])
    .where('status', '=', 'completed')
    .where('vendor_id', 'in', [...vendorIds])
    .groupBy(['vendor_id', 'channel_id'])
    .execute();
  return rows.flatMap((r) => (r.last ? [{ vendorId: r.vendor_id, channelId: r.channel_id, at: new Date(r.last) }] : []));
}

/** The interviews `scope` allows (of these vendors only, when given), newest first. */
export async function listScopedInterviews(db: Db, scope: InterviewScope, vendorIds?: readonly number[], lists: QuestionLists = decodeQuestionList): Promise<Interview[]> {
  if (scope.kind === 'none' || vendorIds?.length === 0) return [];
  let q = baseQuery(db).where((eb) => inScope(eb, scope.clauses));
  if (vendorIds) q = q.where('interviews.vendor_id', 'in', [...vendorIds]);
  const rows = await q.orderBy('interviews.id', 'desc').execute();
  return rows.map((r) => toInterview(r, lists));
}

/**
 * The vendors of the interviews `scope` allows, each named as in its newest one, newest first; only those whose name
 * is one of `nameKeys` (vendors.name_key), when given.
 */
export async function listScopedVendors(db: Db, scope: InterviewScope, nameKeys?: readonly string[]): Promise<Vendor[]> {
  if (scope.kind === 'none' || nameKeys?.length === 0) return [];
  // Each vendor's newest allowed interview, then its name: both from interviews_sight, not the rows themselves.
  let allowed = db
    .selectFrom('interviews')
    .select((eb) => ['interviews.vendor_id', eb.fn.max('interviews.id').as('newest')])
    .where((eb) => inScope(eb, scope.clauses));
  if (nameKeys)
    allowed = allowed.where(
      'interviews.vendor_id',
      'in',
      db
        .selectFrom('vendors')
        .select('vendors.id')
        .where('vendors.name_key', 'in', [...nameKeys]),
    );
  const newest = allowed.groupBy('interviews.vendor_id').as('newest');
  const rows = await db
    .selectFrom(newest)
    .innerJoin('interviews as n', (j) => j.onRef('n.vendor_id', '=', 'newest.vendor_id').on(notByRowid('n.id'), '=', sql.ref('newest.newest')))
    .select(['n.vendor_id', 'n.vendor_name', 'newest.newest'])
    .execute();
  // Sorted here: cheaper than SQLite's sort of the joined rows.
  rows.sort((a, b) => b.newest - a.newest);
  return rows.map((r) => ({ id: r.vendor_id, name: r.vendor_name }));
}

/** The channels interviews ran in. */
export async function listInterviewChannels(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('interviews').select('channel_id').distinct().orderBy('channel_id').execute();
  return rows.map((r) => r.channel_id);
}

/** Asked questions of interviews in progress never shown in their thread, asked before `askedBefore`, not claimed now. */
export async function listUnpostedQuestions(db: Db, askedBefore: Date, now: Date): Promise<{ interviewId: number; questionId: string }[]> {
  const rows = await db
    .selectFrom('interview_questions')
    .innerJoin('interviews', 'interviews.id', 'interview_questions.interview_id')
    .select(['interview_questions.interview_id', 'interview_questions.question_id'])
    .where('interviews.status', '=', 'in_progress')
    .where('interviews.thread_ts', 'is not', null)
    .where('interview_questions.message_ts', 'is', null)
    .where('interview_questions.asked_at', '<=', askedBefore.toISOString())
    .where((eb) => eb.or([eb('interview_questions.post_lease_until', 'is', null), eb('interview_questions.post_lease_until', '<=', now.toISOString())]))
    .orderBy('interview_questions.interview_id')
    .orderBy('interview_questions.position')
    .execute();
  return rows.map((r) => ({ interviewId: r.interview_id, questionId: r.question_id }));
}

/** Claims an unshown question for posting until `until`; false when it was shown or another holds it. */
export async function claimQuestionPost(db: Db, interviewId: number, questionId: string, now: Date, until: Date): Promise<boolean> {
  const result = await db
    .updateTable('interview_questions')
    .set({ post_lease_until: until.toISOString() })
    .where('interview_id', '=', interviewId)
    .where('question_id', '=', questionId)
    .where('message_ts', 'is', null)
    .where((eb) => eb.or([eb('post_lease_until', 'is', null), eb('post_lease_until', '<=', now.toISOString())]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** This module's statements over one connection or transaction: a repository of the Store (store.ts). */
export function interviewsRepository(db: Db, lists: QuestionLists = rememberedQuestionLists()) {
  const on = bindTo(db);
  return {
    insertInterview: on(insertInterview),
    lockInterview: on(lockInterview),
    getRevision: on(getRevision),
    // Reads whole interviews: their question lists decode through the Store's remembered ones.
    getInterview: (id: number) => getInterview(db, id, lists),
    getRevisedInterview: (id: number) => getRevisedInterview(db, id, lists),
    findInProgress: (vendorId: number, channelId: string) => findInProgress(db, vendorId, channelId, lists),
    findByThread: (channelId: string, threadTs: string) => findByThread(db, channelId, threadTs, lists),
    listVendorInterviews: (vendorId: number) => listVendorInterviews(db, vendorId, lists),
    setThreadTs: on(setThreadTs),
    setSummaryTs: on(setSummaryTs),
    deleteInterview: on(deleteInterview),
    closeInterview: on(closeInterview),
    addEvaluators: on(addEvaluators),
    removeEvaluators: on(removeEvaluators),
    listEvaluators: on(listEvaluators),
    insertAsked: on(insertAsked),
    listAsked: on(listAsked),
    setQuestionMessage: on(setQuestionMessage),
    listInProgressFor: (userId: string, limit: number) => listInProgressFor(db, userId, limit, lists),
    listChannelInterviews: (channelId: string) => listChannelInterviews(db, channelId, lists),
    lastCompletedByVendorAndChannel: on(lastCompletedByVendorAndChannel),
    listScopedInterviews: (scope: InterviewScope, vendorIds?: readonly number[]) => listScopedInterviews(db, scope, vendorIds, lists),
    listScopedVendors: on(listScopedVendors),
    listInterviewChannels: on(listInterviewChannels),
    listUnpostedQuestions: on(listUnpostedQuestions),
    claimQuestionPost: on(claimQuestionPost),
  };
}
