// Thread replies by people become notes on the question being asked. Bot messages, edits and deletions do not.
// Replies by people who are not evaluators are kept too, but count for nothing. A reply in the thread of a finished
// interview is not recorded; the writer is told, in the thread, how to go on.
import type { App } from '@slack/bolt';
import type { InterviewFlow } from '../../flows/interview.js';
import { SlackCannotTell, type ActorResolver } from '../actor.js';
import { renderKeptReply } from '../blocks/evaluators.js';
import { renderFinishedReply, renderProblem } from '../blocks/interview.js';
import { createPublisher, slackError } from '../publish.js';
import { unescapeSlack } from '../text.js';

/** Message subtypes that are still a person writing in the thread. */
const HUMAN_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share']);

export function registerEvents(app: App, flow: InterviewFlow, actors: ActorResolver): void {
  app.event('message', async ({ event, client, logger }) => {
    const subtype = 'subtype' in event ? event.subtype : undefined;
    if (!HUMAN_SUBTYPES.has(subtype) || ('bot_id' in event && event.bot_id)) return;
    // In a Slack Connect channel `user_team` is the writer's own organisation.
    const e = event as { channel: string; ts: string; thread_ts?: string; user?: string; text?: string; user_team?: string; team?: string };
    if (!e.thread_ts || e.thread_ts === e.ts || !e.user || !e.text?.trim()) return;
    try {
      const interview = await flow.findByThread(e.channel, e.thread_ts);
      if (!interview) return;
      // A finished interview is a record: a reply is not added to it, but its writer is told so, and what to do.
      if (interview.status === 'completed') {
        await client.chat.postEphemeral({ channel: e.channel, user: e.user, thread_ts: e.thread_ts, ...renderFinishedReply(interview.vendor.name) });
        return;
      }
      if (interview.status !== 'in_progress') return;
      // Keyed by the message ts, so Slack's redelivery of the same event stores the note once.
      const actor = await actors(e.user, e.user_team ?? e.team);
      const outcome = await flow.addNote({ interviewId: interview.id, actor, text: unescapeSlack(e.text), source: { kind: 'thread', messageTs: e.ts } });
      if (outcome.kind === 'stored') await createPublisher(client, flow, logger).refreshQuestion(outcome.question);
      else if (outcome.kind === 'kept') {
        await client.chat.postEphemeral({ channel: e.channel, user: e.user, thread_ts: e.thread_ts, ...renderKeptReply(interview.vendor.name, interview.startedBy, actor.external) });
      } else if (outcome.kind === 'invalid') {
        await client.chat.postEphemeral({ channel: e.channel, user: e.user, thread_ts: e.thread_ts, ...renderProblem(`Your reply was not recorded as a note: ${outcome.message}`) });
      }
    } catch (err) {
      if (err instanceof SlackCannotTell) {
        // Stored now, the reply would be kept under a guess (insider or not) for good: better not kept, and said so.
        logger.warn(`thread reply ${e.ts} by ${e.user} not recorded: ${err.message}`);
        const problem = renderProblem('I could not check with Slack who you are just now, so your reply was not recorded as a note. Post it again in a moment.');
        await client.chat.postEphemeral({ channel: e.channel, user: e.user, thread_ts: e.thread_ts, ...problem }).catch(() => undefined);
        return;
      }
      logger.error(`recording thread reply ${e.ts} failed: ${slackError(err) ?? String(err)}`);
    }
  });
}
