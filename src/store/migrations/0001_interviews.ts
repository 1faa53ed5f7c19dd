import { sql, type Kysely, type Migration } from 'kysely';
import { timestamp, withId } from './columns.js';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const ts = timestamp(db);
    await withId(db, db.schema.createTable('vendors'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute();

    await withId(db, db.schema.createTable('interviews'))
      .addColumn('vendor_id', 'integer', (c) => c.notNull().references('vendors.id'))
      .addColumn('channel_id', 'text', (c) => c.notNull())
      .addColumn('thread_ts', 'text')
      .addColumn('model', 'text')
      .addColumn('variant', 'text', (c) => c.notNull())
      .addColumn('bank_id', 'text', (c) => c.notNull())
      .addColumn('bank_version', 'text', (c) => c.notNull())
      .addColumn('questions_json', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('started_by', 'text', (c) => c.notNull())
      .addColumn('started_at', ts, (c) => c.notNull())
      .addColumn('completed_at', ts)
      .addColumn('completed_by', 'text')
      .execute();
    // At most one interview in progress per vendor and channel, enforced by the engine, not by a race.
    await db.schema.createIndex('interviews_one_in_progress').on('interviews').columns(['vendor_id', 'channel_id']).unique().where(sql.ref('status'), '=', 'in_progress').execute();
    await db.schema.createIndex('interviews_thread').on('interviews').columns(['channel_id', 'thread_ts']).execute();

    await db.schema
      .createTable('interview_evaluators')
      .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('joined_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('interview_evaluators_pk', ['interview_id', 'user_id'])
      .execute();

    await db.schema
      .createTable('interview_questions')
      .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
      .addColumn('question_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('asked_at', ts, (c) => c.notNull())
      .addColumn('message_ts', 'text')
      .addPrimaryKeyConstraint('interview_questions_pk', ['interview_id', 'question_id'])
      .addUniqueConstraint('interview_questions_position', ['interview_id', 'position'])
      .execute();

    await withId(db, db.schema.createTable('answers'))
      .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
      .addColumn('question_id', 'text', (c) => c.notNull())
      .addColumn('evaluator_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('level', 'integer')
      .addColumn('evidence', 'text')
      .addColumn('fact_json', 'text')
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addUniqueConstraint('answers_one_per_evaluator', ['interview_id', 'question_id', 'evaluator_id'])
      .execute();

    await withId(db, db.schema.createTable('notes'))
      .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
      .addColumn('question_id', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('link', 'text')
      .addColumn('source_key', 'text', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addUniqueConstraint('notes_one_per_source', ['interview_id', 'source_key'])
      .execute();

    await withId(db, db.schema.createTable('red_flags'))
      .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('question_id', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('status_by', 'text')
      .addColumn('status_at', ts)
      .addColumn('status_reason', 'text')
      .addColumn('status_link', 'text')
      .addColumn('owner_id', 'text')
      .addColumn('accept_expires_at', ts)
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addUniqueConstraint('red_flags_one_per_rule', ['interview_id', 'rule', 'question_id'])
      .execute();
    await db.schema.createIndex('red_flags_status').on('red_flags').columns(['status']).execute();

    await withId(db, db.schema.createTable('audit_log'))
      .addColumn('at', ts, (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('interview_id', 'integer')
      .addColumn('detail_json', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('processed_events')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('at', ts, (c) => c.notNull())
      .execute();
  },
};
