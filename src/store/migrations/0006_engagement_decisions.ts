import type { Kysely, Migration } from 'kysely';
import { timestamp, withId } from './columns.js';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await withId(db, db.schema.createTable('engagement_decisions'))
      .addColumn('channel_id', 'text', (c) => c.notNull())
      .addColumn('asked_by', 'text', (c) => c.notNull())
      .addColumn('asked_at', timestamp(db), (c) => c.notNull())
      .addColumn('visibility', 'text', (c) => c.notNull())
      .addColumn('answers_json', 'text', (c) => c.notNull())
      .addColumn('recommended', 'text', (c) => c.notNull())
      .addColumn('runner_up', 'text', (c) => c.notNull())
      .addColumn('result_json', 'text', (c) => c.notNull())
      .addColumn('message_ts', 'text')
      .execute();
    // The vetting started from a decision names it; interviews started otherwise (all earlier ones) have none.
    await db.schema
      .alterTable('interviews')
      .addColumn('decision_id', 'integer', (c) => c.references('engagement_decisions.id'))
      .execute();
  },
};
