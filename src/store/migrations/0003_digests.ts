import type { Kysely, Migration } from 'kysely';
import { timestamp, withId } from './columns.js';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const ts = timestamp(db);
    await db.schema
      .createTable('digest_schedules')
      .addColumn('channel_id', 'text', (c) => c.primaryKey())
      .addColumn('weekday', 'text', (c) => c.notNull())
      .addColumn('time', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .execute();
    // One row per channel x period: claiming the row is what makes a digest post at most once.
    await withId(db, db.schema.createTable('digest_runs'))
      .addColumn('channel_id', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('lease_until', ts)
      .addColumn('next_attempt_at', ts)
      .addColumn('posted_at', ts)
      .addColumn('message_ts', 'text')
      .addColumn('error', 'text')
      .addColumn('created_at', ts, (c) => c.notNull())
      .addUniqueConstraint('digest_runs_one_per_period', ['channel_id', 'period'])
      .execute();
  },
};
