import type { Db } from './db.js';
import { bindTo } from './repository.js';

/** Claims an idempotency key (e.g. a Slack event id); false when it was already claimed. */
export async function claimEvent(db: Db, key: string, at: Date): Promise<boolean> {
  const result = await db
    .insertInto('processed_events')
    .values({ key, at: at.toISOString() })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** Forgets idempotency keys older than `before`: Slack retries an event within minutes, never days later. */
export async function pruneEvents(db: Db, before: Date): Promise<number> {
  const result = await db.deleteFrom('processed_events').where('at', '<', before.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** This module's statements over one connection or transaction: a repository of the Store (store.ts). */
export function eventsRepository(db: Db) {
  const on = bindTo(db);
  return {
    claimEvent: on(claimEvent),
    pruneEvents: on(pruneEvents),
  };
}
