// Engagement-model decisions in the store, on both engines: kept as given, listed newest first, named by interviews,
// and a database from before decisions keeps its interviews (with no decision) after 0006_engagement_decisions.
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { recommend } from '../src/advisor/recommend.js';
import { listAudit } from '../src/store/audit.js';
import { connectDatabase, openDatabase } from '../src/store/db.js';
import { getDecision, insertDecision, linkInterview, listDecisionChannels, listDecisions } from '../src/store/decisions.js';
import { getInterview } from '../src/store/interviews.js';
import { migrationProvider } from '../src/store/migrations/index.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { freshTarget } from './support/database.js';

describe('store: engagement-model decisions', () => {
  it('migrates a database from before decisions, then keeps, lists and links decisions as given', async () => {
    const target = await freshTarget();
    const old = connectDatabase<any>(target);
    expect((await new Migrator({ db: old, provider: migrationProvider }).migrateTo('0004_named_evaluators')).error).toBeUndefined();
    const at = '2026-11-20T10:00:00.000Z';
    await old.insertInto('vendors').values({ name: 'Acme', name_key: 'acme', created_at: at }).execute();
    const vendor = await old.selectFrom('vendors').select('id').executeTakeFirstOrThrow();
    await old
      .insertInto('interviews')
      .values({
        vendor_id: vendor.id,
        channel_id: 'C1',
        thread_ts: '1.1',
        model: 'agency',
        variant: 'lite',
        bank_id: 'standard',
        bank_version: '1',
        questions_json: '[]',
        status: 'in_progress',
        started_by: 'U1',
        started_at: at,
        completed_at: null,
        completed_by: null,
      })
      .execute();
    const interviewId = (await old.selectFrom('interviews').select('id').executeTakeFirstOrThrow()).id;
    await old.destroy();

    const db = await openDatabase(target);
    try {
      expect(await getInterview(db, interviewId)).toMatchObject({ model: 'agency', decisionId: null });
      const answers = { core: 'core', dependencies: 'deep' } as const;
      const recommendation = recommend(answers, STANDARD_BANK);
      const first = await insertDecision(db, { channelId: 'C1', askedBy: 'U1', askedAt: new Date('2026-11-21T09:00:00Z'), visibility: 'channel', answers, recommendation });
      const second = await insertDecision(db, {
        channelId: 'D9',
        askedBy: 'U2',
        askedAt: new Date('2026-11-22T09:00:00Z'),
        visibility: 'asker',
        answers: {},
        recommendation: recommend({}, STANDARD_BANK),
      });
      expect(await getDecision(db, first)).toEqual({
        id: first,
        channelId: 'C1',
        askedBy: 'U1',
        askedAt: new Date('2026-11-21T09:00:00Z'),
        visibility: 'channel',
        answers,
        recommendation,
        messageTs: null,
      });
      expect((await listDecisions(db)).map((d) => [d.id, d.visibility])).toEqual([
        [second, 'asker'],
        [first, 'channel'],
      ]);
      expect(await listDecisionChannels(db)).toEqual(['C1', 'D9']);
      expect(await getDecision(db, second + 1)).toBeNull();

      await linkInterview(db, interviewId, first, 'U1', new Date('2026-11-21T09:05:00Z'));
      expect((await getInterview(db, interviewId))?.decisionId).toBe(first);
      expect((await listAudit(db, interviewId)).map((e) => [e.action, e.detail])).toEqual([['interview.decision', { decisionId: first }]]);
      // An interview cannot name a decision that does not exist.
      await expect(linkInterview(db, interviewId, second + 100, 'U1', new Date())).rejects.toThrow();
      expect((await getInterview(db, interviewId))?.decisionId).toBe(first);
    } finally {
      await db.destroy();
    }
  });
});
