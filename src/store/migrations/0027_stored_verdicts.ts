import { sql, type Kysely, type Migration } from 'kysely';
import { engineOf } from '../dialect.js';
import { timestamp } from './columns.js';

/** The tables whose rows a completed interview's verdict is scored from (besides the interview itself). */
export const VERDICT_INPUTS = ['answers', 'notes', 'red_flags', 'evidence_requests', 'evidence_items', 'vague_overrides'] as const;

// Found by `npm run bench:scale` (10,000 vendors, 50,000 vettings): `/vet list` and the Home tab ordered every vendor
// by a scored summary of its latest vetting, and every read of who may see what fetched whole interview rows.
//
// interview_verdicts keeps a completed vetting's verdict (interview_scorecards its scorecard, without the re-vet
// comparison), so lists and digests read it instead of scoring each vetting. Scoring is in TypeScript, so nothing is filled in here: a
// verdict missing is scored on first read and kept (flows/verdicts.ts). Any write to what a verdict is scored from
// drops it and moves `rev` on, in the database itself, so no code path that revises a completed vetting can leave a
// stale one behind; a verdict is kept only while `rev` is what it was when its record was read. Its own narrow tables:
// on SQLite, columns added to interviews land after the question list and cost a read of it.
//
// interviews_sight holds what deciding who may see an interview needs (and the name it shows), so that is decided
// from the index alone: on SQLite a read of the table row goes through its question list.
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const postgres = engineOf(db) === 'postgres';
    await db.schema
      .createTable('interview_verdicts')
      .addColumn('interview_id', 'integer', (c) => c.primaryKey().references('interviews.id').onDelete('cascade'))
      .addColumn('rev', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('version', 'integer')
      .addColumn('tier', 'text')
      .addColumn('vetting_order', 'integer')
      .addColumn('score', postgres ? 'double precision' : 'real')
      .addColumn('team_json', 'text')
      .addColumn('valid_from', timestamp(db))
      .addColumn('until', timestamp(db))
      .execute();
    // The scorecard apart, so the rows a list orders by stay small and many to a page. It counts only while its rev is
    // its verdict's.
    await db.schema
      .createTable('interview_scorecards')
      .addColumn('interview_id', 'integer', (c) => c.primaryKey().references('interviews.id').onDelete('cascade'))
      .addColumn('rev', 'integer', (c) => c.notNull())
      .addColumn('scorecard_json', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('interviews_sight').on('interviews').columns(['vendor_id', 'id', 'status', 'channel_id', 'started_by', 'vendor_name']).execute();
    // Accepted risks expiring soon (the Home tab) without reading every accepted flag. No index leads with the lead:
    // SQLite would then answer a scope's OR from three indexes and read every row, not scan interviews_sight.
    await db.schema.createIndex('red_flags_expiry').on('red_flags').columns(['status', 'accept_expires_at']).execute();

    const stale = (id: string) =>
      sql.raw(
        `insert into interview_verdicts (interview_id, rev) select id, 1 from interviews where id = ${id} and status = 'completed' ` +
          'on conflict (interview_id) do update set version = null, rev = interview_verdicts.rev + 1',
      );
    if (postgres) {
      await sql`create function interview_verdict_stale() returns trigger language plpgsql as $$
        begin
          if tg_op <> 'INSERT' then ${stale('old.interview_id')}; end if;
          if tg_op <> 'DELETE' then ${stale('new.interview_id')}; end if;
          return null;
        end $$`.execute(db);
      for (const table of VERDICT_INPUTS) {
        await sql`create trigger ${sql.raw(`${table}_verdict_stale`)} after insert or update or delete on ${sql.table(table)} for each row execute function interview_verdict_stale()`.execute(db);
      }
      return;
    }
    for (const table of VERDICT_INPUTS) {
      await sql`create trigger ${sql.raw(`${table}_verdict_stale_insert`)} after insert on ${sql.table(table)} begin ${stale('new.interview_id')}; end`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_verdict_stale_update`)} after update on ${sql.table(table)} begin ${stale('old.interview_id')}; ${stale('new.interview_id')}; end`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_verdict_stale_delete`)} after delete on ${sql.table(table)} begin ${stale('old.interview_id')}; end`.execute(db);
    }
  },
};
