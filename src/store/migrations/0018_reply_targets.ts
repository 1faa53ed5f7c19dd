import type { Kysely, Migration } from 'kysely';
import { timestamp } from './columns.js';

// Where a modal's answer goes back to (a slash command's or a click's response URL), kept here under a random id
// when the modal opens: the modal carries only the id, so a forged submission cannot name a URL for the bot to call.
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('reply_targets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('response_url', 'text', (c) => c.notNull())
      .addColumn('created_at', timestamp(db), (c) => c.notNull())
      .execute();
    await db.schema.createIndex('reply_targets_created').on('reply_targets').column('created_at').execute();
  },
};
