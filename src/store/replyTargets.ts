import type { Db } from './db.js';
import { bindTo } from './repository.js';

/** Keeps a response URL for `userId` under `id` (random, made by the caller). */
export async function saveReplyTarget(db: Db, t: { id: string; userId: string; responseUrl: string }, at: Date): Promise<void> {
  await db.insertInto('reply_targets').values({ id: t.id, user_id: t.userId, response_url: t.responseUrl, created_at: at.toISOString() }).execute();
}

/** The response URL kept under `id` for `userId` since `since`; null for another person's id, or an expired one. */
export async function findReplyTarget(db: Db, id: string, userId: string, since: Date): Promise<string | null> {
  const row = await db.selectFrom('reply_targets').select('response_url').where('id', '=', id).where('user_id', '=', userId).where('created_at', '>=', since.toISOString()).executeTakeFirst();
  return row?.response_url ?? null;
}

/** Forgets the targets made before `before`: Slack's response URLs expire after 30 minutes anyway. */
export async function pruneReplyTargets(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('reply_targets').where('created_at', '<', before.toISOString()).execute();
}

/** This module's statements over one connection or transaction: a repository of the Store (store.ts). */
export function replyTargetsRepository(db: Db) {
  const on = bindTo(db);
  return {
    saveReplyTarget: on(saveReplyTarget),
    findReplyTarget: on(findReplyTarget),
    pruneReplyTargets: on(pruneReplyTargets),
  };
}
