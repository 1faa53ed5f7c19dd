import type { Kysely, Migration } from 'kysely';
import { timestamp } from './columns.js';

// A question asked but never shown (the instance died between recording the answer and posting the next question,
// or after Slack took the post but before its ts was stored) is posted by the scheduler. Whoever posts it claims it
// until this time, so two instances never post it twice; one that died mid-post leaves it to the next after the lease.
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('interview_questions').addColumn('post_lease_until', timestamp(db)).execute();
  },
};
