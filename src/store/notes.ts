import type { Note } from '../model.js';
import type { Db } from './db.js';
import { bindTo } from './repository.js';

export interface NewNote {
  interviewId: number;
  questionId: string;
  authorId: string;
  /** Written by an evaluator of the interview (decided now, not re-decided when the evaluators change). */
  counts: boolean;
  text: string;
  link: string | null;
  sourceKey: string;
}

/** Stores the note unless its source (a Slack message or modal) was already stored; true when stored now. */
export async function insertNote(db: Db, n: NewNote, at: Date): Promise<boolean> {
  const result = await db
    .insertInto('notes')
    .values({
      interview_id: n.interviewId,
      question_id: n.questionId,
      author_id: n.authorId,
      counts: n.counts ? 1 : 0,
      text: n.text,
      link: n.link,
      source_key: n.sourceKey,
      created_at: at.toISOString(),
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export async function listNotes(db: Db, interviewId: number): Promise<Note[]> {
  const rows = await db.selectFrom('notes').selectAll().where('interview_id', '=', interviewId).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    questionId: r.question_id,
    authorId: r.author_id,
    counts: r.counts === 1,
    text: r.text,
    link: r.link,
    createdAt: new Date(r.created_at),
  }));
}

/** This module's statements over one connection or transaction: a repository of the Store (store.ts). */
export function notesRepository(db: Db) {
  const on = bindTo(db);
  return {
    insertNote: on(insertNote),
    listNotes: on(listNotes),
  };
}
