// `/vet ...`: parse, call the flow, answer. Acks first, within Slack's 3 seconds, then works.
import type { App, Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { isTimeZone } from '../../config.js';
import type { Actor } from '../../flows/actor.js';
import type { AdviseFlow } from '../../flows/advise.js';
import type { DigestFlow } from '../../flows/digest.js';
import type { EvidenceFlow } from '../../flows/evidence.js';
import type { FlagFlow } from '../../flows/flags.js';
import type { InterviewFlow } from '../../flows/interview.js';
import type { PortfolioFlow } from '../../flows/portfolio.js';
import { parseSlot } from '../../flows/slots.js';
import type { EvaluatorsView } from '../../flows/views.js';
import type { Clock } from '../../model.js';
import type { EngagementModel, InterviewVariant } from '../../questions/model.js';
import { mayChangeDigest } from '../../flows/permissions.js';
import { CANNOT_CHECK, SlackCannotTell, type People } from '../actor.js';
import { renderScheduleInfo } from '../blocks/digest.js';
import { renderRegister } from '../blocks/evidence.js';
import { renderRefusal, renderStartLeftOut } from '../blocks/evaluators.js';
import { renderVendorFlags } from '../blocks/flags.js';
import { renderFinishedStatus, renderInfo, renderParent, renderProblem, renderStatus, USAGE } from '../blocks/interview.js';
import type { RenderedMessage } from '../blocks/question.js';
import { parseCommand } from '../command.js';
import { createDigestPoster } from '../digestPoster.js';
import { createPublisher, explainSlackError, slackError } from '../publish.js';
import { esc } from '../text.js';
import type { Viewers } from '../viewer.js';
import { adviseCommand } from './advise.js';
import { evaluatorsCommand } from './evaluators.js';
import { createPortfolioCommands } from './portfolio.js';

const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found']);

export interface CommandFlows {
  interview: InterviewFlow;
  evidence: EvidenceFlow;
  flags: FlagFlow;
  digest: DigestFlow;
  portfolio: PortfolioFlow;
  advise: AdviseFlow;
}

export function registerCommands(app: App, flows: CommandFlows, clock: Clock, viewers: Viewers, people: People): void {
  const flow = flows.interview;
  const portfolio = createPortfolioCommands(flows.portfolio, clock, people);
  app.command('/vet', async ({ command, ack, respond, client, logger }) => {
    await ack();
    const reply = (m: { text: string; blocks: unknown[] }) => respond({ response_type: 'ephemeral', ...m });
    /** What the person typing may see: vendors vetted where they cannot look are unknown to them. */
    const sight = () => viewers.person(command.user_id, command.team_id);
    /** Why there is nothing to act on: an unknown vendor (with the closest names) or none in progress here. */
    const notInProgress = async (vendor: string): Promise<string> => {
      const known = await flows.portfolio.find(vendor, await sight());
      return known.ok ? `There is no interview of "${known.vendor.name}" in progress in this channel. Start one with /vet start "${known.vendor.name}".` : known.message;
    };
    const publisher = createPublisher(client, flow, logger);
    // The text arrives escaped (should_escape): the parser reads mentions and gives back what people typed.
    const parsed = parseCommand(command.text);
    const actor = () => people.actor(command.user_id, command.team_id);
    /** Whether the digest may not be changed by the person typing; when so, they have been told why. */
    const digestRefused = async (): Promise<boolean> => {
      const allowed = mayChangeDigest(await actor());
      if (!allowed.ok) await reply(renderRefusal(allowed.reason));
      return !allowed.ok;
    };
    try {
      switch (parsed.kind) {
        case 'help':
          await reply(renderInfo(USAGE));
          return;
        case 'error':
          await reply(renderProblem(parsed.message, true));
          return;
        case 'list':
          await portfolio.list(await sight(), reply);
          return;
        case 'compare':
          await portfolio.compare(parsed.names, await sight(), reply);
          return;
        case 'report':
          await portfolio.report(command, parsed.vendor, parsed.format, parsed.framework, await sight(), client, reply);
          return;
        case 'flags': {
          const listed = await flows.flags.vendorFlags(parsed.vendor, await sight());
          if (listed.kind === 'not-found') await reply(renderProblem(listed.message));
          else await reply(renderVendorFlags(listed.vendor.name, listed.flags, listed.titles));
          return;
        }
        case 'evidence': {
          const found = await flows.evidence.register(parsed.vendor, await sight());
          await reply(found.kind === 'found' ? renderRegister(found.register) : renderProblem(found.message));
          return;
        }
        case 'digest': {
          const channel = command.channel_id;
          if (parsed.action !== 'show' && (await digestRefused())) return;
          if (parsed.action === 'now') {
            const error = await flows.digest.postNow(channel, createDigestPoster(client));
            await reply(
              error
                ? renderProblem(`The digest could not be posted (${error}).${error === 'not_in_channel' || error === 'channel_not_found' ? ' Invite me with /invite @vet, then' : ''} Try again in a moment.`)
                : renderInfo('Posted the red-flag digest to this channel.'),
            );
            return;
          }
          const schedule =
            parsed.action === 'show' ? await flows.digest.schedule(channel) : await flows.digest.setEnabled(channel, parsed.action === 'on', command.user_id);
          if (!schedule) {
            await reply(renderInfo('This channel has no red-flag digest yet: it starts with the first interview here, or with `/vet digest on` (Mondays at 09:00 unless you `/vet digest schedule` another slot).'));
            return;
          }
          await reply(renderInfo(renderScheduleInfo(schedule, flows.digest.nextRun(schedule))));
          return;
        }
        case 'digest-schedule': {
          if (await digestRefused()) return;
          const slot = parseSlot(parsed.args, flows.digest.defaultSlot.timeZone, isTimeZone);
          if (!slot.ok) {
            await reply(renderProblem(slot.message));
            return;
          }
          const schedule = await flows.digest.setSlot(command.channel_id, slot.slot, command.user_id);
          await reply(renderInfo(renderScheduleInfo(schedule, flows.digest.nextRun(schedule))));
          return;
        }
        case 'status': {
          const interview = await flow.latestInChannel(parsed.vendor, command.channel_id);
          if (interview?.status === 'completed' && !interview.summaryTs) {
            // The summary could not be posted when the interview ended: post it now.
            await publisher.postSummary(await flow.summary(interview));
            await reply(renderInfo(`The interview of *${esc(interview.vendor.name)}* is finished; I posted its summary in the thread and the channel.`));
            return;
          }
          if (interview?.status === 'completed') {
            // Nothing is in progress, but the question is "where does it stand": the latest result here.
            const summary = await flow.summary(interview);
            await reply(renderFinishedStatus(summary, await publisher.permalink(interview.channelId, interview.summaryTs)));
            return;
          }
          if (interview?.status !== 'in_progress') {
            await reply(renderProblem(await notInProgress(parsed.vendor)));
            return;
          }
          const status = await flow.status(interview);
          // A question whose message could not be posted (Slack failed at the time) is posted again.
          if (status.current && !status.current.messageTs && interview.threadTs) await publisher.recoverQuestion(status.current);
          const link = await publisher.permalink(interview.channelId, interview.threadTs);
          await reply(renderStatus(status, link));
          return;
        }
        case 'finish': {
          const outcome = await flow.finish({ vendorName: parsed.vendor, channelId: command.channel_id, actor: await actor() });
          if (outcome.kind === 'not-found') await reply(renderProblem(await notInProgress(parsed.vendor)));
          else if (outcome.kind === 'refused') await reply(renderRefusal(outcome.refusal));
          else if (outcome.kind === 'already-finished') await reply(renderProblem('That interview was just finished; its summary is in the thread.'));
          else {
            await publisher.postSummary(outcome.summary);
            await reply(renderInfo(`Finished the interview of *${esc(outcome.summary.interview.vendor.name)}*; the summary is in the thread and the channel.`));
          }
          return;
        }
        case 'start':
          await startVetting(
            { client, flow, digest: flows.digest, people, logger },
            { vendor: parsed.vendor, model: parsed.model, variant: parsed.variant, evaluators: parsed.evaluators, channelId: command.channel_id, lead: await actor(), decisionId: null },
            reply,
          );
          return;
        case 'advise':
          await adviseCommand(flows.advise, { command, client, actor, viewers }, parsed, reply);
          return;
        case 'evaluators':
          await evaluatorsCommand(flow, publisher, people.screen, { vendor: parsed.vendor, change: parsed.change, channelId: command.channel_id, actor: await actor() }, reply);
          return;
      }
    } catch (e) {
      if (e instanceof SlackCannotTell) {
        logger.warn(`/vet ${parsed.kind} by ${command.user_id} not done: ${e.message}`);
        await reply(renderProblem(CANNOT_CHECK));
        return;
      }
      logger.error(`/vet ${parsed.kind} failed: ${slackError(e) ?? String(e)}`);
      await reply(renderProblem(`That did not work. ${explainSlackError(e)} Whatever was recorded is kept; /vet status <vendor> posts anything that is missing.`));
    }
  });
}

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
): Promise<void> {
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
    await reply(renderProblem(outcome.message));
    return;
  }
  if (outcome.kind === 'refused') {
    await reply(renderRefusal(outcome.refusal));
    return;
  }
  if (outcome.kind === 'already-running') {
    const link = await publisher.permalink(outcome.interview.channelId, outcome.interview.threadTs);
    const where = link ? `<${link}|open the thread>` : 'see the thread in this channel';
    await reply(renderInfo(`*${esc(outcome.interview.vendor.name)}* already has an interview in progress in this channel: ${where}. Finish it with \`/vet finish ${esc(outcome.interview.vendor.name)}\` before starting another.`));
    return;
  }
  const parentTs = await postParent(client, flow, outcome.evaluators, reply);
  if (!parentTs) return;
  await flow.attachThread(outcome.interview.id, parentTs);
  const leftOut = renderStartLeftOut(screening, outcome.evaluators);
  if (leftOut) await reply(leftOut);
  await deps.digest.subscribe(request.channelId);
  await publisher.postQuestion({ ...outcome.first, interview: { ...outcome.interview, threadTs: parentTs } });
}

/**
 * Posts the interview's parent message. When the bot is not in the channel it joins a public one by itself; in a
 * private one it explains how to invite it, and the interview is withdrawn so nothing half-started remains.
 */
async function postParent(
  client: WebClient,
  flow: InterviewFlow,
  parent: EvaluatorsView,
  reply: (m: RenderedMessage) => Promise<unknown>,
): Promise<string | null> {
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
