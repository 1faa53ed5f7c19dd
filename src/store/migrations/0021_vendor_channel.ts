import type { Kysely, Migration } from 'kysely';
import { timestamp, withId } from './columns.js';

// The vendor answers in its own Slack Connect channel: where (one vendor channel per vetting, and the thread the bot
// asks in), which questions were put to the vendor there (its own numbering, one at a time), and what it answered.
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const ts = timestamp(db);
    await db.schema
      .createTable('vendor_channels')
      .addColumn('interview_id', 'integer', (c) => c.primaryKey().references('interviews.id').onDelete('cascade'))
      .addColumn('channel_id', 'text', (c) => c.notNull())
      .addColumn('thread_ts', 'text')
      .addColumn('attached_by', 'text', (c) => c.notNull())
      .addColumn('attached_at', ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('vendor_channels_thread').on('vendor_channels').columns(['channel_id', 'thread_ts']).execute();

    // One row per question put to the vendor: a redelivered event or a double click asks it once.
    await db.schema
      .createTable('vendor_questions')
      .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
      .addColumn('question_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('message_ts', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('asked_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('vendor_questions_pk', ['interview_id', 'question_id'])
      .addUniqueConstraint('vendor_questions_one_per_position', ['interview_id', 'position'])
      .execute();

    // One row per vendor message: the person, their organisation's team and the time, kept as the record.
    await withId(db, db.schema.createTable('vendor_answers'))
      .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
      .addColumn('question_id', 'text', (c) => c.notNull())
      .addColumn('source_ts', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('team_id', 'text')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addUniqueConstraint('vendor_answers_one_per_message', ['interview_id', 'source_ts'])
      .execute();
  },
};
