import type { Kysely, Migration } from 'kysely';
import { timestamp, withId } from './columns.js';

// An evaluator's judgement that a question's notes are not vague after all, with the reason: one row per override
// (a later one stands), so the record keeps every decision; the audit log has them too.
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await withId(db, db.schema.createTable('vague_overrides'))
      .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
      .addColumn('question_id', 'text', (c) => c.notNull())
      .addColumn('by_user', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', timestamp(db), (c) => c.notNull())
      .execute();
    await db.schema.createIndex('vague_overrides_interview').on('vague_overrides').columns(['interview_id', 'question_id']).execute();
  },
};
