import type { Kysely, Migration } from 'kysely';

// Choice questions record the ids of the choices made (a JSON list), free-text questions the text given: one answer
// row per interview x question x evaluator, as for ratings and facts.
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('answers').addColumn('choices_json', 'text').execute();
    await db.schema.alterTable('answers').addColumn('answer_text', 'text').execute();
  },
};
