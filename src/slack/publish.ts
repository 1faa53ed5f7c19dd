// Puts flow results in front of people through the Web API: questions in the thread, their updates, the summary.
// A failed call is logged and reported; nothing recorded in the database is rolled back because Slack said no.
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { webApiErrorCode as slackError } from '../errors.js';
import type { InterviewFlow } from '../flows/interview.js';
import type { EvaluatorsOutcome, QuestionView, SummaryView } from '../flows/views.js';
import { renderEvaluatorChange } from './blocks/evaluators.js';
import { renderParent, renderSummary } from './blocks/interview.js';
import { renderQuestion } from './blocks/question.js';

export interface Publisher {
  /**
   * Posts a question and stores its message ts, that one only once `settled` has: a store moves the interview's
   * revision on, which would send a refresh of the answered question, still at work, to read it all again.
   */
  postQuestion(v: QuestionView, settled?: Promise<void>): Promise<void>;
  /**
   * Shows a question whose message ts was never stored: finds the message in the thread by its metadata (Slack took
   * the post, but the instance died before storing its ts) and stores its ts, or else posts it. True when it posted.
   */
  recoverQuestion(v: QuestionView): Promise<boolean>;
  refreshQuestion(v: QuestionView, fallbackTs?: string): Promise<void>;
  /** Posts the summary, or updates it in place when it was posted before. */
  postSummary(s: SummaryView): Promise<void>;
  permalink(channel: string, ts: string | null): Promise<string | null>;
  /** Says in the thread who changed the evaluators, and shows the new list on the parent message (and summary). */
  evaluatorsChanged(c: Extract<EvaluatorsOutcome, { kind: 'changed' }>): Promise<void>;
}

/** The Slack error code of a failed Web API call, if it was one. */
export { slackError };

/** What to tell a person when Slack refused a post, in words they can act on. */
export function explainSlackError(e: unknown): string {
  return explainSlackCode(slackError(e));
}

/** The same, from Slack's error code (null when it was not Slack that refused). */
export function explainSlackCode(code: string | null): string {
  if (code === 'not_in_channel' || code === 'channel_not_found') return 'I am not a member of this channel: invite me with /invite @vet, then try again.';
  return `Slack said ${code ?? 'nothing useful (internal error)'}; try again in a moment.`;
}

/** Slack message metadata naming the question a message shows, so a post whose ts was lost can be found again. */
const QUESTION_EVENT = 'vet_question';

function questionMetadata(interviewId: number, questionId: string) {
  return { event_type: QUESTION_EVENT, event_payload: { interview_id: interviewId, question_id: questionId } };
}

function isQuestionMessage(metadata: { event_type?: string; event_payload?: Record<string, unknown> } | undefined, interviewId: number, questionId: string): boolean {
  return metadata?.event_type === QUESTION_EVENT && metadata.event_payload?.interview_id === interviewId && metadata.event_payload?.question_id === questionId;
}

/** How many times a question message is updated at most to catch up with ratings recorded meanwhile. */
const REFRESH_ROUNDS = 3;

export function createPublisher(client: WebClient, flow: InterviewFlow, logger: Logger): Publisher {
  return {
    async postQuestion(v, settled) {
      const i = v.interview;
      if (!i.threadTs) throw new Error(`interview ${i.id} has no thread to post in`);
      const message = renderQuestion(v);
      const posted = await client.chat.postMessage({ channel: i.channelId, thread_ts: i.threadTs, ...message, metadata: questionMetadata(i.id, v.question.id) });
      await settled;
      if (posted.ts) await flow.attachQuestionMessage(i.id, v.question.id, posted.ts);
    },

    async recoverQuestion(v) {
      const i = v.interview;
      if (!i.threadTs) return false;
      let cursor: string | undefined;
      do {
        const page = await client.conversations.replies({ channel: i.channelId, ts: i.threadTs, include_all_metadata: true, limit: 200, ...(cursor && { cursor }) });
        const found = (page.messages ?? []).find((m) => isQuestionMessage(m.metadata, i.id, v.question.id));
        if (found?.ts) {
          await flow.attachQuestionMessage(i.id, v.question.id, found.ts);
          return false;
        }
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      await this.postQuestion(v);
      return true;
    },

    async refreshQuestion(v, fallbackTs) {
      const ts = v.messageTs ?? fallbackTs;
      if (!ts) return;
      try {
        // Two instances refreshing the same question may reach Slack in the other order than they read it, leaving
        // the older picture on top. So read again after each update and update once more while it differs.
        // A view that knows its revision needs no second read while the interview is still at it.
        let shown = renderQuestion(v);
        let revision = v.revision;
        for (let round = 0; round < REFRESH_ROUNDS; round++) {
          await client.chat.update({ channel: v.interview.channelId, ts, ...shown });
          const now = await flow.questionSince(v.interview.id, v.question.id, revision);
          if (!now || now === 'unchanged') return;
          const next = renderQuestion(now);
          if (JSON.stringify(next) === JSON.stringify(shown)) return;
          shown = next;
          revision = now.revision;
        }
      } catch (e) {
        // The answer is recorded; a stale message is cosmetic and corrects itself on the next click.
        logger.warn(`could not update question message ${ts} of interview ${v.interview.id}: ${slackError(e) ?? String(e)}`);
      }
    },

    async postSummary(s) {
      const i = s.interview;
      const summary = renderSummary(s);
      if (i.summaryTs) {
        await client.chat.update({ channel: i.channelId, ts: i.summaryTs, ...summary });
      } else {
        // One message in the thread, also sent to the channel: people following either see it.
        const posted = await client.chat.postMessage(i.threadTs ? { channel: i.channelId, thread_ts: i.threadTs, reply_broadcast: true, ...summary } : { channel: i.channelId, ...summary });
        if (posted.ts) await flow.attachSummaryMessage(i.id, posted.ts);
      }
      if (i.threadTs) {
        try {
          await client.chat.update({
            channel: i.channelId,
            ts: i.threadTs,
            ...renderParent({ interview: i, evaluators: s.evaluators, total: s.scorecard.counts.total, completed: s.scorecard }),
          });
        } catch (e) {
          logger.warn(`could not mark the parent message of interview ${i.id} completed: ${slackError(e) ?? String(e)}`);
        }
      }
    },

    async evaluatorsChanged(c) {
      const i = c.view.interview;
      if (c.added.length + c.removed.length === 0 || !i.threadTs) return;
      await client.chat.postMessage({ channel: i.channelId, thread_ts: i.threadTs, ...renderEvaluatorChange(c) });
      if (i.status === 'completed' && i.summaryTs) {
        // The summary names the evaluators; posting it again updates the parent message too.
        await this.postSummary(await flow.summary(i));
        return;
      }
      try {
        await client.chat.update({ channel: i.channelId, ts: i.threadTs, ...renderParent(c.view) });
      } catch (e) {
        logger.warn(`could not show the new evaluators on the parent message of interview ${i.id}: ${slackError(e) ?? String(e)}`);
      }
    },

    async permalink(channel, ts) {
      if (!ts) return null;
      try {
        const r = await client.chat.getPermalink({ channel, message_ts: ts });
        return r.permalink ?? null;
      } catch (e) {
        logger.warn(`could not get a permalink for ${channel}/${ts}: ${slackError(e) ?? String(e)}`);
        return null;
      }
    },
  };
}
