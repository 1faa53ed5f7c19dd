import type { Kysely, Migration } from 'kysely';
import { timestamp, withId } from './columns.js';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const ts = timestamp(db);
    // One request per interview x question: a double click or two instances asking at once store one.
    await withId(db, db.schema.createTable('evidence_requests'))
      .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
      .addColumn('question_id', 'text', (c) => c.notNull())
      .addColumn('asked', 'text', (c) => c.notNull())
      .addColumn('chaser_id', 'text', (c) => c.notNull())
      .addColumn('vendor_contact', 'text')
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('due_at', ts, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('requested_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addColumn('closed_by', 'text')
      .addColumn('closed_at', ts)
      .addColumn('close_reason', 'text')
      .addColumn('fulfilled_item_id', 'integer')
      .addUniqueConstraint('evidence_requests_one_per_question', ['interview_id', 'question_id'])
      .execute();
    await db.schema.createIndex('evidence_requests_status_due').on('evidence_requests').columns(['status', 'due_on']).execute();
    await db.schema.createIndex('evidence_requests_chaser').on('evidence_requests').columns(['chaser_id', 'status']).execute();

    // One row per message x file (or URL): Slack's redelivery of the event stores it once.
    await withId(db, db.schema.createTable('evidence_items'))
      .addColumn('interview_id', 'integer', (c) => c.notNull().references('interviews.id').onDelete('cascade'))
      .addColumn('question_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref', 'text', (c) => c.notNull())
      .addColumn('file_id', 'text')
      .addColumn('name', 'text')
      .addColumn('file_type', 'text')
      .addColumn('url', 'text')
      .addColumn('shared_by', 'text', (c) => c.notNull())
      .addColumn('by_evaluator', 'integer', (c) => c.notNull())
      .addColumn('shared_at', ts, (c) => c.notNull())
      .addColumn('source_ts', 'text', (c) => c.notNull())
      .addColumn('reply_ts', 'text')
      .addColumn('comment', 'text')
      .addColumn('verdict', 'text')
      .addColumn('verdict_by', 'text')
      .addColumn('verdict_at', ts)
      .addColumn('verdict_reason', 'text')
      .addUniqueConstraint('evidence_items_one_per_source', ['interview_id', 'source_ts', 'ref'])
      .execute();
    await db.schema.createIndex('evidence_items_question').on('evidence_items').columns(['interview_id', 'question_id']).execute();

    // One row per request x reminder day: claiming it is what sends a reminder at most once, whatever the instances.
    await withId(db, db.schema.createTable('evidence_reminders'))
      .addColumn('request_id', 'integer', (c) => c.notNull().references('evidence_requests.id').onDelete('cascade'))
      .addColumn('slot', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('lease_until', ts)
      .addColumn('next_attempt_at', ts)
      .addColumn('sent_at', ts)
      .addColumn('error', 'text')
      .addColumn('created_at', ts, (c) => c.notNull())
      .addUniqueConstraint('evidence_reminders_one_per_slot', ['request_id', 'slot'])
      .execute();
  },
};
