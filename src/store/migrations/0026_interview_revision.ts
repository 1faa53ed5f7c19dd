import { sql, type Kysely, type Migration } from 'kysely';
import { engineOf } from '../dialect.js';

/** Every table whose rows make up what a question message or summary shows of one interview. */
export const REVISED_BY = ['interview_evaluators', 'interview_questions', 'answers', 'notes', 'red_flags', 'evidence_requests', 'evidence_items', 'vendor_channels', 'vague_overrides'] as const;

// interviews.revision counts the changes to an interview and everything under it. The database keeps it, by
// triggers, so no write path can forget it: a click that finds the revision it read can trust what it read (its
// question message needs no second read, a kept snapshot needs no re-read), on every instance.
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('interviews')
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    if (engineOf(db) === 'postgres') {
      await sql`
        create function vet_bump_revision() returns trigger language plpgsql as $$
        begin
          update interviews set revision = revision + 1
            where id = case when tg_op = 'DELETE' then old.interview_id else new.interview_id end;
          return null;
        end $$`.execute(db);
      // A change to the interview's own row counts too, unless it is the bump itself.
      await sql`
        create function vet_revise_interview() returns trigger language plpgsql as $$
        begin
          new.revision := old.revision + 1;
          return new;
        end $$`.execute(db);
      await sql`create trigger interviews_revision before update on interviews for each row when (new.revision = old.revision) execute function vet_revise_interview()`.execute(db);
      for (const table of REVISED_BY) {
        await sql`create trigger ${sql.raw(`${table}_revision`)} after insert or update or delete on ${sql.table(table)} for each row execute function vet_bump_revision()`.execute(db);
      }
      return;
    }
    await sql`create trigger interviews_revision after update on interviews for each row when new.revision = old.revision
      begin update interviews set revision = revision + 1 where id = new.id; end`.execute(db);
    for (const table of REVISED_BY) {
      for (const [event, row] of [
        ['insert', 'new'],
        ['update', 'new'],
        ['delete', 'old'],
      ] as const) {
        await sql`create trigger ${sql.raw(`${table}_revision_${event}`)} after ${sql.raw(event)} on ${sql.table(table)} for each row
          begin update interviews set revision = revision + 1 where id = ${sql.raw(row)}.interview_id; end`.execute(db);
      }
    }
  },
};
