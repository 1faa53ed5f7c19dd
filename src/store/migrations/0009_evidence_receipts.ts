import type { Kysely, Migration } from 'kysely';
import { timestamp } from './columns.js';

// The answer under a shared file (its Accept / Not sufficient buttons) is posted after the file is stored; one Slack
// refused is posted again later. Whoever posts it first claims it until this time, so two instances (or the listener
// and the scheduler) never post it twice; one that died mid-post leaves it to the next after the lease.
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('evidence_items').addColumn('receipt_lease_until', timestamp(db)).execute();
    await db.schema.createIndex('evidence_items_unposted').on('evidence_items').columns(['reply_ts', 'shared_at']).execute();
  },
};
