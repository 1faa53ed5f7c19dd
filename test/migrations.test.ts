// A database made before evaluators were named keeps working after 0004_named_evaluators.
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connectDatabase, openDatabase } from '../src/store/db.js';
import { migrationProvider } from '../src/store/migrations/index.js';
import { listNotes } from '../src/store/notes.js';
import { freshTarget } from './support/database.js';

describe('0004_named_evaluators', () => {
  it('drops those who became evaluators by clicking, keeps their answers, names each lead, and keeps old notes counting', async () => {
    const target = await freshTarget();
    const old = connectDatabase<any>(target);
    const { error } = await new Migrator({ db: old, provider: migrationProvider }).migrateTo('0003_digests');
    expect(error).toBeUndefined();
    const at = '2026-01-05T10:00:00.000Z';
    await old.insertInto('vendors').values({ id: 1, name: 'Acme', name_key: 'acme', created_at: at }).execute();
    const interview = {
      vendor_id: 1,
      channel_id: 'C1',
      thread_ts: '1.1',
      model: null,
      variant: 'lite',
      bank_id: 'standard',
      bank_version: '1',
      questions_json: '[]',
      started_at: at,
      completed_at: null,
      completed_by: null,
    };
    await old
      .insertInto('interviews')
      .values([
        { id: 1, ...interview, status: 'completed', started_by: 'U0LEAD' },
        { id: 2, ...interview, status: 'in_progress', started_by: 'U0CLICKER' },
      ])
      .execute();
    // Before naming, people became evaluators by clicking: the clicker of #1, and the lead of #2 who rated.
    await old
      .insertInto('interview_evaluators')
      .values([
        { interview_id: 1, user_id: 'U0CLICKER', joined_at: at },
        { interview_id: 2, user_id: 'U0CLICKER', joined_at: at },
      ])
      .execute();
    await old.insertInto('notes').values({ interview_id: 1, question_id: 'q', author_id: 'U0CLICKER', text: 'noted', link: null, source_key: 'msg:1', created_at: at }).execute();
    await old
      .insertInto('answers')
      .values({ interview_id: 1, question_id: 'q', evaluator_id: 'U0CLICKER', status: 'rated', level: 3, evidence: null, fact_json: null, created_at: at, updated_at: at })
      .execute();
    await old.destroy();

    const db = await openDatabase(target);
    const rows = await db.selectFrom('interview_evaluators').select(['interview_id', 'user_id', 'added_by']).orderBy('interview_id').orderBy('user_id').execute();
    // The clicker of #1 holds no right any more; the lead of #2, who had clicked, stays as its lead.
    expect(rows).toEqual([
      { interview_id: 1, user_id: 'U0LEAD', added_by: 'U0LEAD' },
      { interview_id: 2, user_id: 'U0CLICKER', added_by: null },
    ]);
    // What was recorded stays: the clicker's answer and note, which counted when they were written.
    expect(await db.selectFrom('answers').select(['evaluator_id', 'level']).where('interview_id', '=', 1).execute()).toEqual([{ evaluator_id: 'U0CLICKER', level: 3 }]);
    expect(await listNotes(db, 1)).toMatchObject([{ authorId: 'U0CLICKER', counts: true }]);
    await db.destroy();
  });
});

describe('0028_ranked_verdicts', () => {
  it('gives every completed vetting of an existing database its verdict row, and each one completed later', async () => {
    const target = await freshTarget();
    const old = connectDatabase<any>(target);
    const { error } = await new Migrator({ db: old, provider: migrationProvider }).migrateTo('0027_stored_verdicts');
    expect(error).toBeUndefined();
    const at = '2026-01-05T10:00:00.000Z';
    await old.insertInto('vendors').values({ id: 1, name: 'Acme', name_key: 'acme', created_at: at }).execute();
    const interview = {
      vendor_id: 1,
      vendor_name: 'Acme',
      thread_ts: null,
      model: null,
      variant: 'lite',
      bank_id: 'standard',
      bank_version: '1',
      questions_json: '[]',
      started_by: 'U1',
      started_at: at,
    };
    await old
      .insertInto('interviews')
      .values([
        { id: 1, ...interview, channel_id: 'C1', status: 'completed', completed_at: at, completed_by: 'U1' },
        { id: 2, ...interview, channel_id: 'C2', status: 'in_progress', completed_at: null, completed_by: null },
      ])
      .execute();
    await old.destroy();

    const db = await openDatabase(target);
    const rows = () => db.selectFrom('interview_verdicts').select(['interview_id', 'rev', 'version']).orderBy('interview_id').execute();
    expect(await rows()).toEqual([{ interview_id: 1, rev: 0, version: null }]);
    await db.updateTable('interviews').set({ status: 'completed', completed_at: at, completed_by: 'U1' }).where('id', '=', 2).execute();
    expect(await rows()).toEqual([
      { interview_id: 1, rev: 0, version: null },
      { interview_id: 2, rev: 0, version: null },
    ]);
    await db.destroy();
  });
});
