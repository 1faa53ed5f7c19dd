import type { Db } from './db.js';
import { bindTo } from './repository.js';

export interface VagueOverride {
  questionId: string;
  by: string;
  reason: string;
  at: Date;
}

export async function insertVagueOverride(db: Db, interviewId: number, o: VagueOverride): Promise<void> {
  await db.insertInto('vague_overrides').values({ interview_id: interviewId, question_id: o.questionId, by_user: o.by, reason: o.reason, created_at: o.at.toISOString() }).execute();
}

/** Oldest first, so the last one of a question is the one that stands. */
export async function listVagueOverrides(db: Db, interviewId: number): Promise<VagueOverride[]> {
  const rows = await db.selectFrom('vague_overrides').selectAll().where('interview_id', '=', interviewId).orderBy('id').execute();
  return rows.map((r) => ({ questionId: r.question_id, by: r.by_user, reason: r.reason, at: new Date(r.created_at) }));
}

/** This module's statements over one connection or transaction: a repository of the Store (store.ts). */
export function vagueOverridesRepository(db: Db) {
  const on = bindTo(db);
  return {
    insertVagueOverride: on(insertVagueOverride),
    listVagueOverrides: on(listVagueOverrides),
  };
}
