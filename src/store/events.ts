import type { Db } from './db.js';

/** Claims an idempotency key (e.g. a Slack event id); false when it was already claimed. */
export async function claimEvent(db: Db, key: string, at: Date): Promise<boolean> {
  const result = await db
    .insertInto('processed_events')
    .values({ key, at: at.toISOString() })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}
