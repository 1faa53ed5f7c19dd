// Thread replies by people become notes on the question being asked (or the one they name, "Q7: ..."), and the files
// and links they share become evidence for it. Bot messages, edits and deletions do not. Replies by people who are
// not evaluators are kept too, but count for nothing. A reply in the thread of a finished interview is not recorded
// unless it shares evidence; the writer is told, in the thread, how to go on.
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { renderFinishedReply, renderProblem } from '../blocks/interview.js';
import { carriesEvidence, readEvaluatorReply } from '../markup.js';
import { handleThreadReply, sharedFiles } from './evidence.js';
import { guarded, type ListenerDeps } from './listener.js';
import { handleVendorReply } from './vendor.js';

/** Message subtypes that are still a person writing in the thread. */
const HUMAN_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share']);

/** What a person's message event carries that a reply needs; in a Slack Connect channel `user_team` is the writer's own organisation. */
const ReplyEvent = z.object({
  channel: z.string(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  user: z.string().optional(),
  text: z.string().optional(),
  user_team: z.string().optional(),
  team: z.string().optional(),
});

/** Stored now, the reply would be kept under a guess (insider or not) for good: better not kept, and said so. */
const REPLY_CANNOT_CHECK = 'I could not check with Slack who you are just now, so your reply was not recorded as a note. Post it again in a moment.';

export function register(app: App, deps: ListenerDeps): void {
  const { flows } = deps;
  const actors = deps.people.actor;
  app.event('message', async ({ event, client, logger }) => {
    const subtype = 'subtype' in event ? event.subtype : undefined;
    if (!HUMAN_SUBTYPES.has(subtype) || ('bot_id' in event && event.bot_id)) return;
    const parsed = ReplyEvent.safeParse(event);
    if (!parsed.success) return;
    const e = parsed.data;
    // A file shared with no comment is a reply too: it is evidence.
    const files = sharedFiles(event);
    if (!e.thread_ts || e.thread_ts === e.ts || !e.user || (!e.text?.trim() && files.length === 0)) return;
    // Narrowed above; the work below runs in a callback, where the checks on `e` do not carry over.
    const { user, thread_ts: threadTs } = e;
    const where = { channel: e.channel, user, thread_ts: threadTs };
    const failure = {
      what: `thread reply ${e.ts}`,
      user,
      tell: (message: string) => client.chat.postEphemeral({ ...where, ...renderProblem(message) }),
      cannotCheck: REPLY_CANNOT_CHECK,
      failed: null,
    };
    await guarded(logger, failure, async () => {
      const interview = await flows.interview.findByThread(e.channel, threadTs);
      // Not an evaluators' thread: perhaps a vendor thread, where the vendor answers in writing.
      if (!interview && (await flows.vendor.isVendorChannel(e.channel))) {
        const actor = await actors(user, e.user_team ?? e.team);
        await handleVendorReply(client, flows, logger, { channel: e.channel, threadTs, user, teamId: e.user_team ?? e.team ?? null, actor, text: e.text ?? '', files, ts: e.ts });
        return;
      }
      if (!interview || (interview.status !== 'in_progress' && interview.status !== 'completed')) return;
      // A finished interview is a record: a reply is not added to it (unless it shares evidence), but its writer is
      // told so, and what to do.
      if (interview.status === 'completed' && !carriesEvidence(e.text ?? '', files.length)) {
        await client.chat.postEphemeral({ ...where, ...renderFinishedReply(interview.vendor.name) });
        return;
      }
      // Keyed by the message ts, so Slack's redelivery of the same event stores the note and the files once.
      const actor = await actors(user, e.user_team ?? e.team);
      const outcome = await flows.evidence.reply({ interviewId: interview.id, actor, reply: readEvaluatorReply(e.text ?? ''), files, messageTs: e.ts });
      await handleThreadReply(client, flows, logger, {
        vendor: interview.vendor.name,
        lead: interview.startedBy,
        channel: e.channel,
        threadTs,
        user,
        external: actor.external,
        outcome,
      });
    });
  });
}
