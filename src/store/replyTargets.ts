import type { Db } from './db.js';
import { bindTo } from './repository.js';

/** Where a modal answers: the response URL of what opened it, and the channel it posts in (null when none). */
export interface ReplyTarget {
  responseUrl: string;
  channelId: string | null;
}

/** Keeps a reply target for `userId` under `id` (random, made by the caller). */
export async function saveReplyTarget(db: Db, t: ReplyTarget & { id: string; userId: string }, at: Date): Promise<void> {
  await db.insertInto('reply_targets').values({ id: t.id, user_id: t.userId, response_url: t.responseUrl, channel_id: t.channelId, created_at: at.toISOString() }).execute();
}

/** The reply target kept under `id` for `userId` since `since`; null for another person's id, or an expired one. */
export async function findReplyTarget(db: Db, id: string, userId: string, since: Date): Promise<ReplyTarget | null> {
  const row = await db
    .selectFrom('reply_targets')
    .select(['response_url', 'channel_id'])
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('created_at', '>=', since.toISOString())
    .executeTakeFirst();
  return row ? { responseUrl: row.response_url, channelId: row.channel_id } : null;
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
