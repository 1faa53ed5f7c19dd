import type { Answer } from '../model.js';
import type { EvidenceState, FactValue } from '../questions/model.js';
import type { AnswerStatus } from '../scoring/types.js';
import { sql, type Selectable } from 'kysely';
import type { Db } from './db.js';
import type { AnswerTable } from './schema.js';
import { choicesColumn, decodeJson, factColumn } from './columns.js';
import { bindTo } from './repository.js';

export interface AnswerChange {
  interviewId: number;
  questionId: string;
  evaluatorId: string;
  /** Fields to set; evidence alone leaves status and level as they were (a new row starts `pending`). */
  status?: AnswerStatus;
  level?: number | null;
  evidence?: EvidenceState;
  fact?: FactValue | null;
  choices?: readonly string[] | null;
  text?: string | null;
  naReason?: string | null;
  /** Clears the confirmation whenever the N/A itself changes. */
  naConfirmedBy?: string | null;
  evidenceSeen?: string | null;
}

export async function getAnswer(db: Db, interviewId: number, questionId: string, evaluatorId: string): Promise<Answer | null> {
  const row = await db.selectFrom('answers').selectAll().where('interview_id', '=', interviewId).where('question_id', '=', questionId).where('evaluator_id', '=', evaluatorId).executeTakeFirst();
  return row ? toAnswer(row) : null;
}

/** One row per interview x question x evaluator: a re-rating updates it in place. Returns the answer as stored. */
export async function upsertAnswer(db: Db, c: AnswerChange, at: Date): Promise<Answer> {
  const now = at.toISOString();
  const set = {
    ...(c.status !== undefined && { status: c.status }),
    ...(c.level !== undefined && { level: c.level }),
    ...(c.evidence !== undefined && { evidence: c.evidence }),
    ...(c.fact !== undefined && { fact_json: c.fact === null ? null : JSON.stringify(c.fact) }),
    ...(c.choices !== undefined && { choices_json: c.choices === null ? null : JSON.stringify(c.choices) }),
    ...(c.text !== undefined && { answer_text: c.text }),
    ...(c.naReason !== undefined && { na_reason: c.naReason }),
    ...(c.naConfirmedBy !== undefined && { na_confirmed_by: c.naConfirmedBy, na_confirmed_at: c.naConfirmedBy === null ? null : now }),
    ...(c.evidenceSeen !== undefined && { evidence_seen: c.evidenceSeen }),
    // The first answer's time stays: a later skip or N/A does not make the question unexamined.
    ...(c.status === 'rated' && { first_answered_at: sql<string>`coalesce(answers.first_answered_at, ${now})` }),
    updated_at: now,
  };
  const row = await db
    .insertInto('answers')
    .values({
      interview_id: c.interviewId,
      question_id: c.questionId,
      evaluator_id: c.evaluatorId,
      status: c.status ?? 'pending',
      level: c.level ?? null,
      evidence: c.evidence ?? null,
      fact_json: c.fact ? JSON.stringify(c.fact) : null,
      choices_json: c.choices ? JSON.stringify(c.choices) : null,
      answer_text: c.text ?? null,
      na_reason: c.naReason ?? null,
      na_confirmed_by: c.naConfirmedBy ?? null,
      na_confirmed_at: c.naConfirmedBy ? now : null,
      evidence_seen: c.evidenceSeen ?? null,
      first_answered_at: c.status === 'rated' ? now : null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['interview_id', 'question_id', 'evaluator_id']).doUpdateSet(set))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAnswer(row);
}

export async function listAnswers(db: Db, interviewId: number): Promise<Answer[]> {
  const rows = await db.selectFrom('answers').selectAll().where('interview_id', '=', interviewId).orderBy('id').execute();
  return rows.map(toAnswer);
}

/** The answers of every interview run in a channel, by interview id (in one query: a digest reads them all). */
export async function listChannelAnswers(db: Db, channelId: string): Promise<Map<number, Answer[]>> {
  const rows = await db
    .selectFrom('answers')
    .innerJoin('interviews', 'interviews.id', 'answers.interview_id')
    .selectAll('answers')
    .where('interviews.channel_id', '=', channelId)
    .orderBy('answers.id')
    .execute();
  const out = new Map<number, Answer[]>();
  for (const r of rows) {
    const list = out.get(r.interview_id) ?? [];
    list.push(toAnswer(r));
    out.set(r.interview_id, list);
  }
  return out;
}

function toAnswer(r: Selectable<AnswerTable>): Answer {
  return {
    questionId: r.question_id,
    evaluatorId: r.evaluator_id,
    status: r.status,
    level: r.level,
    evidence: r.evidence,
    fact: r.fact_json ? decodeJson(factColumn, r.fact_json, `answers.fact_json of answer ${r.id}`) : null,
    choices: r.choices_json ? decodeJson(choicesColumn, r.choices_json, `answers.choices_json of answer ${r.id}`) : null,
    text: r.answer_text,
    updatedAt: new Date(r.updated_at),
    naReason: r.na_reason,
    naConfirmedBy: r.na_confirmed_by,
    naConfirmedAt: r.na_confirmed_at ? new Date(r.na_confirmed_at) : null,
    evidenceSeen: r.evidence_seen,
    answeredBefore: r.first_answered_at !== null,
  };
}

/**
 * Confirms the other evaluators' unconfirmed N/As on a question (a second pair of eyes); returns whose N/As were
 * confirmed. Conditional, so two people confirming at once (or one twice) confirm each N/A once.
 */
export async function confirmNa(db: Db, interviewId: number, questionId: string, by: string, at: Date): Promise<string[]> {
  const rows = await db
    .updateTable('answers')
    .set({ na_confirmed_by: by, na_confirmed_at: at.toISOString(), updated_at: at.toISOString() })
    .where('interview_id', '=', interviewId)
    .where('question_id', '=', questionId)
    .where('status', '=', 'na')
    .where('na_confirmed_by', 'is', null)
    .where('evaluator_id', '!=', by)
    // A rated question was examined: an N/A is never confirmed beside a rating.
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('answers as r').select('r.id').where('r.interview_id', '=', interviewId).where('r.question_id', '=', questionId).where('r.status', '=', 'rated'))),
    )
    .returning('evaluator_id')
    .execute();
  return rows.map((r) => r.evaluator_id);
}

/**
 * A rating says the question applied after all: the confirmations of N/As on it are withdrawn (the N/As stay, as
 * claims waiting for a second person again). Returns whose N/As lost their confirmation.
 */
export async function withdrawNaConfirmations(db: Db, interviewId: number, questionId: string, at: Date): Promise<string[]> {
  const rows = await db
    .updateTable('answers')
    .set({ na_confirmed_by: null, na_confirmed_at: null, updated_at: at.toISOString() })
    .where('interview_id', '=', interviewId)
    .where('question_id', '=', questionId)
    .where('status', '=', 'na')
    .where('na_confirmed_by', 'is not', null)
    .returning('evaluator_id')
    .execute();
  return rows.map((r) => r.evaluator_id);
}

/** This module's statements over one connection or transaction: a repository of the Store (store.ts). */
export function answersRepository(db: Db) {
  const on = bindTo(db);
  return {
    getAnswer: on(getAnswer),
    upsertAnswer: on(upsertAnswer),
    listAnswers: on(listAnswers),
    listChannelAnswers: on(listChannelAnswers),
    confirmNa: on(confirmNa),
    withdrawNaConfirmations: on(withdrawNaConfirmations),
  };
}
