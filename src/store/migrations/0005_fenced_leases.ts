import type { Kysely, Migration } from 'kysely';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // Each claim of a digest run takes the next fencing token; posting and marking need the current one, so an
    // instance whose lease ran out (paused, partitioned) can no longer act on a run another instance now holds.
    await db.schema
      .alterTable('digest_runs')
      .addColumn('fence', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    // Old idempotency keys are pruned by age.
    await db.schema.createIndex('processed_events_at').on('processed_events').column('at').execute();
  },
};
