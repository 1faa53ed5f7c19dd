import { sql, type Kysely, type Migration } from 'kysely';
import { engineOf } from '../dialect.js';

// Found by `npm run bench:scale` (10,000 vendors, 50,000 vettings): `/vet list` and the Home tab read the kept verdict
// of every vendor a person sees (about 10,000) to show the worst 48 or 100, and a digest read every interview of its
// vendors (each row through its question list on SQLite) for when each was last vetted.

/** A kept verdict's place in list order, worst first: its tier (critical first, none last), as `interview_verdicts_rank` holds it. */
export const TIER_RANK = sql.raw("(case tier when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end)");
/** Then the vetting order, highest first, then the score, lowest first, none counting as 0. */
export const SCORE_RANK = sql.raw('(coalesce(score, 0))');

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // Verdicts in list order, so a list reads them worst first and stops once it has its page.
    await sql`create index interview_verdicts_rank on interview_verdicts (version, ${TIER_RANK}, vetting_order desc, ${SCORE_RANK})`.execute(db);

    // Every completed interview has its row, kept or not, so a verdict that does not hold is found among those rows
    // rather than by looking for interviews without one. Rev 0, as listVerdictStates reads a missing row.
    await sql`insert into interview_verdicts (interview_id, rev) select id, 0 from interviews where status = 'completed' on conflict (interview_id) do nothing`.execute(db);
    const insert = sql.raw('insert into interview_verdicts (interview_id, rev) values (new.id, 0) on conflict (interview_id) do nothing');
    if (engineOf(db) === 'postgres') {
      await sql`create function interview_verdict_row() returns trigger language plpgsql as $$
        begin
          ${insert};
          return null;
        end $$`.execute(db);
      await sql`create trigger interviews_verdict_row after insert or update of status on interviews for each row when (new.status = 'completed') execute function interview_verdict_row()`.execute(db);
    } else {
      await sql`create trigger interviews_verdict_row_insert after insert on interviews when new.status = 'completed' begin ${insert}; end`.execute(db);
      await sql`create trigger interviews_verdict_row_update after update of status on interviews when new.status = 'completed' begin ${insert}; end`.execute(db);
    }

    // When each vendor was last vetted in each channel, from the index alone.
    await db.schema.createIndex('interviews_completed').on('interviews').columns(['vendor_id', 'status', 'channel_id', 'completed_at']).execute();
  },
};
