import { sql, type Kysely, type Migration } from 'kysely';

// Each vetting keeps the vendor's name as its starter typed it. The vendor row is shared by every vetting of that
// name (case and spacing aside), but its first spelling may come from a private channel: showing that spelling to
// someone who vetted "the same" vendor elsewhere would tell them the private vetting exists.
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('interviews')
      .addColumn('vendor_name', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await sql`update interviews set vendor_name = (select name from vendors where vendors.id = interviews.vendor_id)`.execute(db);
  },
};
