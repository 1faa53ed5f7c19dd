import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

// Migrations live in code (not files on disk) so the compiled bot and the tests run the very same list.
// Append only: a migration that has run is never edited.
const migrations: Record<string, Migration> = {
  '0001_interviews': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('vendors')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('interviews')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
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
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('completed_at', 'text')
        .addColumn('completed_by', 'text')
        .execute();
      // At most one interview in progress per vendor and channel, enforced by the engine, not by a race.
      await db.schema
        .createIndex('interviews_one_in_progress')
        .on('interviews')
        .columns(['vendor_id', 'channel_id'])
        .unique()
        .where(sql.ref('status'), '=', 'in_progress')
        .execute();
      await db.schema.createIndex('interviews_thread').on('interviews').columns(['channel_id', 'thread_ts']).execute();

      await db.schema
        .createTable('interview_evaluators')
        .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('joined_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('interview_evaluators_pk', ['interview_id', 'user_id'])
        .execute();

      await db.schema
        .createTable('interview_questions')
        .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
        .addColumn('question_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('asked_at', 'text', (c) => c.notNull())
        .addColumn('message_ts', 'text')
        .addPrimaryKeyConstraint('interview_questions_pk', ['interview_id', 'question_id'])
        .addUniqueConstraint('interview_questions_position', ['interview_id', 'position'])
        .execute();

      await db.schema
        .createTable('answers')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
        .addColumn('question_id', 'text', (c) => c.notNull())
        .addColumn('evaluator_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('level', 'integer')
        .addColumn('evidence', 'text')
        .addColumn('fact_json', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('answers_one_per_evaluator', ['interview_id', 'question_id', 'evaluator_id'])
        .execute();

      await db.schema
        .createTable('notes')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
        .addColumn('question_id', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('source_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('notes_one_per_source', ['interview_id', 'source_key'])
        .execute();

      await db.schema
        .createTable('red_flags')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('question_id', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_by', 'text')
        .addColumn('status_at', 'text')
        .addColumn('status_reason', 'text')
        .addColumn('status_link', 'text')
        .addColumn('owner_id', 'text')
        .addColumn('accept_expires_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('red_flags_one_per_rule', ['interview_id', 'rule', 'question_id'])
        .execute();
      await db.schema.createIndex('red_flags_status').on('red_flags').columns(['status']).execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('interview_id', 'integer')
        .addColumn('detail_json', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('processed_events')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0002_summary_message': {
    async up(db: Kysely<unknown>) {
      // The posted summary is updated in place when a later rating changes the result.
      await db.schema.alterTable('interviews').addColumn('summary_ts', 'text').execute();
    },
  },
  '0003_digests': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('digest_schedules')
        .addColumn('channel_id', 'text', (c) => c.primaryKey())
        .addColumn('weekday', 'text', (c) => c.notNull())
        .addColumn('time', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();
      // One row per channel x period: claiming the row is what makes a digest post at most once.
      await db.schema
        .createTable('digest_runs')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('lease_until', 'text')
        .addColumn('next_attempt_at', 'text')
        .addColumn('posted_at', 'text')
        .addColumn('message_ts', 'text')
        .addColumn('error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('digest_runs_one_per_period', ['channel_id', 'period'])
        .execute();
    },
  },
  '0004_named_evaluators': {
    async up(db: Kysely<unknown>) {
      // Who named the evaluator.
      await db.schema.alterTable('interview_evaluators').addColumn('added_by', 'text').execute();
      // Before evaluators were named, anyone who clicked became one: such rows confer no right from now on (the lead
      // names people again). Their answers stay in the record, as they were recorded.
      await sql`
        delete from interview_evaluators
        where user_id <> (select i.started_by from interviews i where i.id = interview_evaluators.interview_id)
      `.execute(db);
      // The lead is an evaluator of every interview, including those started before the lead had to be listed.
      await sql`
        insert into interview_evaluators (interview_id, user_id, joined_at, added_by)
        select i.id, i.started_by, i.started_at, i.started_by from interviews i
        where not exists (select 1 from interview_evaluators e where e.interview_id = i.id and e.user_id = i.started_by)
      `.execute(db);
      // Whether a note counts is decided when it is written: by an evaluator then, or not. Earlier notes counted.
      await db.schema.alterTable('notes').addColumn('counts', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
