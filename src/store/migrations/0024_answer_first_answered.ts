import { sql, type Kysely, type Migration } from 'kysely';

// When an evaluator first rated or answered the question: kept when the answer later becomes a skip or an N/A, so an
// N/A can never take out of play a question that was examined (and answered badly) in this vetting.
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('answers').addColumn('first_answered_at', 'text').execute();
    await sql`update answers set first_answered_at = updated_at where status = 'rated'`.execute(db);
  },
};
