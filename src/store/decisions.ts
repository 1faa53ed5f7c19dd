// Engagement-model decisions (`/vet advise`): each answered checklist with the recommendation it got, kept as given.
import type { Selectable } from 'kysely';
import { readAnswers } from '../advisor/checklist.js';
import type { Recommendation } from '../advisor/recommend.js';
import type { DecisionVisibility, EngagementDecision } from '../model.js';
import { writeAudit } from './audit.js';
import { decodeJson, mappingColumn, recommendationColumn } from './columns.js';
import { inTransaction, type Db } from './db.js';
import type { EngagementDecisionTable } from './schema.js';
import { bindTo } from './repository.js';

export interface NewDecision {
  channelId: string;
  askedBy: string;
  askedAt: Date;
  visibility: DecisionVisibility;
  answers: EngagementDecision['answers'];
  recommendation: Recommendation;
}

function toDecision(r: Selectable<EngagementDecisionTable>): EngagementDecision {
  return {
    id: r.id,
    channelId: r.channel_id,
    askedBy: r.asked_by,
    askedAt: new Date(r.asked_at),
    visibility: r.visibility,
    // Written by insertDecision from checked answers; reading them through the checklist drops none of those.
    answers: readAnswers(decodeJson(mappingColumn, r.answers_json, `engagement_decisions.answers_json of decision ${r.id}`)).answers,
    recommendation: decodeJson(recommendationColumn, r.result_json, `engagement_decisions.result_json of decision ${r.id}`),
    messageTs: r.message_ts,
  };
}

/** Stores a decision and its audit row together; returns its id. */
export async function insertDecision(db: Db, n: NewDecision): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('engagement_decisions')
      .values({
        channel_id: n.channelId,
        asked_by: n.askedBy,
        asked_at: n.askedAt.toISOString(),
        visibility: n.visibility,
        answers_json: JSON.stringify(n.answers),
        recommended: n.recommendation.recommended,
        runner_up: n.recommendation.runnerUp,
        result_json: JSON.stringify(n.recommendation),
        message_ts: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, n.askedAt, {
      actor: n.askedBy,
      action: 'engagement.decided',
      interviewId: null,
      detail: { decisionId: row.id, recommended: n.recommendation.recommended, runnerUp: n.recommendation.runnerUp },
    });
    return row.id;
  });
}

export async function getDecision(db: Db, id: number): Promise<EngagementDecision | null> {
  const row = await db.selectFrom('engagement_decisions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toDecision(row) : null;
}

/** Every decision, newest first. */
export async function listDecisions(db: Db): Promise<EngagementDecision[]> {
  const rows = await db.selectFrom('engagement_decisions').selectAll().orderBy('id', 'desc').execute();
  return rows.map(toDecision);
}

/** The channels decisions were made in. */
export async function listDecisionChannels(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('engagement_decisions').select('channel_id').distinct().orderBy('channel_id').execute();
  return rows.map((r) => r.channel_id);
}

export async function setDecisionMessage(db: Db, id: number, ts: string): Promise<void> {
  await db.updateTable('engagement_decisions').set({ message_ts: ts }).where('id', '=', id).execute();
}

/** Names the decision an interview's model came from, with its audit row. */
export async function linkInterview(db: Db, interviewId: number, decisionId: number, by: string, at: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.updateTable('interviews').set({ decision_id: decisionId }).where('id', '=', interviewId).execute();
    await writeAudit(trx, at, { actor: by, action: 'interview.decision', interviewId, detail: { decisionId } });
  });
}

/** This module's statements over one connection or transaction: a repository of the Store (store.ts). */
export function decisionsRepository(db: Db) {
  const on = bindTo(db);
  return {
    insertDecision: on(insertDecision),
    getDecision: on(getDecision),
    listDecisions: on(listDecisions),
    listDecisionChannels: on(listDecisionChannels),
    setDecisionMessage: on(setDecisionMessage),
    linkInterview: on(linkInterview),
  };
}
