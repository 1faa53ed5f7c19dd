// Starting a vetting, from `/vet start` or from "Start vetting with this model" under an engagement-model decision:
// the parent message (joining a public channel if need be), the digest subscription and the first question.
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../flows/actor.js';
import type { DigestFlow } from '../flows/digest.js';
import type { InterviewFlow } from '../flows/interview.js';
import type { EvaluatorsView } from '../flows/views.js';
import type { EngagementModel, InterviewVariant } from '../questions/model.js';
import type { People } from './actor.js';
import { renderRefusal, renderStartLeftOut } from './blocks/evaluators.js';
import { renderInfo, renderParent, renderProblem } from './blocks/interview.js';
import type { RenderedMessage } from './blocks/message.js';
import { createPublisher, slackError } from './publish.js';
import { bold, esc } from './text.js';
import { problemText } from './wording/problems.js';

const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found']);

/** What a vetting is started with: `/vet start`, or "Start vetting with this model" under an engagement-model decision. */
export interface StartRequest {
  vendor: string;
  model: EngagementModel | null;
  variant: InterviewVariant;
  /** People named as evaluators besides the lead, not yet screened. */
  evaluators: readonly string[];
  channelId: string;
  lead: Actor;
  decisionId: number | null;
}

/**
 * Starts a vetting: only people of this organisation become evaluators (the others are named in the answer, with
 * why), then the parent message, the digest subscription and the first question. `reply` answers the lead only.
 */
export async function startVetting(
  deps: { client: WebClient; flow: InterviewFlow; digest: DigestFlow; people: People; logger: Logger },
  request: StartRequest,
  reply: (m: RenderedMessage) => Promise<unknown>,
): Promise<number | null> {
  const { client, flow } = deps;
  const publisher = createPublisher(client, flow, deps.logger);
  const screening = await deps.people.screen(request.evaluators);
  const outcome = await flow.start({
    vendorName: request.vendor,
    model: request.model,
    variant: request.variant,
    channelId: request.channelId,
    lead: request.lead,
    evaluators: screening.accepted,
    decisionId: request.decisionId,
  });
  if (outcome.kind === 'invalid') {
    await reply(renderProblem(problemText(outcome.problem)));
    return null;
  }
  if (outcome.kind === 'refused') {
    await reply(renderRefusal(outcome.refusal));
    return null;
  }
  if (outcome.kind === 'already-running') {
    const link = await publisher.permalink(outcome.interview.channelId, outcome.interview.threadTs);
    const where = link ? `<${link}|open the thread>` : 'see the thread in this channel';
    await reply(
      renderInfo(
        `${bold(outcome.interview.vendor.name)} already has an interview in progress in this channel: ${where}. Finish it with \`/vet finish ${esc(outcome.interview.vendor.name)}\` before starting another.`,
      ),
    );
    return null;
  }
  const parentTs = await postParent(client, flow, outcome.evaluators, reply);
  if (!parentTs) return null;
  await flow.attachThread(outcome.interview.id, parentTs);
  const leftOut = renderStartLeftOut(screening, outcome.evaluators);
  if (leftOut) await reply(leftOut);
  await deps.digest.subscribe(request.channelId);
  await publisher.postQuestion({ ...outcome.first, interview: { ...outcome.interview, threadTs: parentTs } });
  return outcome.interview.id;
}

/**
 * Posts the interview's parent message. When the bot is not in the channel it joins a public one by itself; in a
 * private one it explains how to invite it, and the interview is withdrawn so nothing half-started remains.
 */
async function postParent(client: WebClient, flow: InterviewFlow, parent: EvaluatorsView, reply: (m: RenderedMessage) => Promise<unknown>): Promise<string | null> {
  const interview = parent.interview;
  const message = { channel: interview.channelId, ...renderParent(parent) };
  try {
    return (await client.chat.postMessage(message)).ts ?? null;
  } catch (e) {
    const error = slackError(e);
    if (error && NOT_A_MEMBER.has(error)) {
      try {
        await client.conversations.join({ channel: interview.channelId });
        return (await client.chat.postMessage(message)).ts ?? null;
      } catch (joinError) {
        await flow.cancelStart(interview.id);
        const code = slackError(joinError);
        const isPrivate = code === 'method_not_supported_for_channel_type' || code === 'channel_not_found';
        await reply(
          renderProblem(
            isPrivate
              ? 'I am not a member of this private channel, so I cannot run the interview here. Invite me with /invite @vet, then run the command again.'
              : `I could not join this channel (${code ?? 'unknown error'}). Add me to it (channel settings > Integrations > Add apps), then run the command again.`,
          ),
        );
        return null;
      }
    }
    await flow.cancelStart(interview.id);
    await reply(renderProblem(`I could not post in this channel (${error ?? 'unknown error'}), so no interview was started. Try again in a moment.`));
    return null;
  }
}
