import type { Kysely, Migration } from 'kysely';

// Found by `npm run bench:load`: the last click of an interview (its summary) read the whole audit log (its
// revisions) and every interview (the vendor's earlier ones, for a re-vet), so it slowed down as the database grew:
// about 100 ms on SQLite with 5,000 interviews and 300,000 audit rows, blocking every other click meanwhile; 10 ms
// with these. The id column also gives both queries their order.
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('audit_log_interview').on('audit_log').columns(['interview_id', 'id']).execute();
    await db.schema.createIndex('interviews_vendor').on('interviews').columns(['vendor_id', 'id']).execute();
  },
};
