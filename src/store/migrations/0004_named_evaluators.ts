import { sql, type Kysely, type Migration } from 'kysely';

export const migration: Migration = {
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
    await db.schema
      .alterTable('notes')
      .addColumn('counts', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  },
};
