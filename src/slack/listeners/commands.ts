// `/vet ...`: parse, then run the subcommand's handler from the table below. Acks first, within Slack's 3 seconds,
// then works; a failure is answered by the one listener wrapper (listener.ts).
import type { App, Logger, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { isTimeZone } from '../../config.js';
import type { Actor } from '../../flows/actor.js';
import { mayChangeDigest, type Act } from '../../flows/permissions.js';
import { parseSlot } from '../../flows/slots.js';
import type { Visibility } from '../../flows/visibility.js';
import { renderScheduleInfo } from '../blocks/digest.js';
import { OUTSIDER_LINE, renderRefusal } from '../blocks/evaluators.js';
import { renderRegister } from '../blocks/evidence.js';
import { renderVendorFlags } from '../blocks/flags.js';
import { renderFinishedStatus, renderInfo, renderProblem, renderStatus, USAGE } from '../blocks/interview.js';
import type { RenderedMessage } from '../blocks/message.js';
import { parseCommand, type VetCommand } from '../command.js';
import { createPublisher, explainSlackCode, type Publisher } from '../publish.js';
import { startVetting } from '../start.js';
import { bold } from '../text.js';
import { adviseCommand } from './advise.js';
import { evaluatorsCommand } from './evaluators.js';
import { guarded, type ListenerDeps } from './listener.js';
import { createPortfolioCommands } from './portfolio.js';
import { openVendorThread, vendorChannelProblem } from './vendor.js';
import { digestNotPostedText, problemText } from '../wording/problems.js';

/** What every `/vet` subcommand's handler gets: who typed where, how to answer only them, and the app's flows. */
export interface VetRequest {
  command: SlashCommand;
  client: WebClient;
  logger: Logger;
  deps: ListenerDeps;
  /** Answers the person who typed, seen only by them. */
  reply(m: RenderedMessage): Promise<unknown>;
  /** Who is typing, asked of Slack when first needed. */
  actor(): Promise<Actor>;
  /** What they may see: vendors vetted where they cannot look are unknown to them. */
  sight(): Promise<Visibility>;
  publisher: Publisher;
}

/** The parsed command of each kind. */
type Parsed = { [C in VetCommand as C['kind']]: C };
type Subcommands = { [K in keyof Parsed]: (r: VetRequest, parsed: Parsed[K]) => Promise<void> };

/** Why there is nothing to act on: an unknown vendor (with the closest names) or none in progress here. */
async function notInProgress(r: VetRequest, vendor: string): Promise<string> {
  const known = await r.deps.flows.portfolio.find(vendor, await r.sight());
  return known.ok ? `There is no interview of "${known.vendor.name}" in progress in this channel. Start one with /vet start "${known.vendor.name}".` : problemText(known.problem);
}

/** Whether the digest may not be changed by the person typing; when so, they have been told why. */
async function digestRefused(r: VetRequest): Promise<boolean> {
  const allowed = mayChangeDigest(await r.actor());
  if (!allowed.ok) await r.reply(renderRefusal(allowed.reason));
  return !allowed.ok;
}

const SUBCOMMANDS: Subcommands = {
  help: (r) => r.reply(renderInfo(USAGE)).then(() => undefined),
  error: (r, parsed) => r.reply(renderProblem(parsed.message, true)).then(() => undefined),
  list: async (r) => createPortfolioCommands(r.deps.flows.portfolio, r.deps.clock, r.deps.people).list(await r.sight(), r.reply),
  compare: async (r, parsed) => createPortfolioCommands(r.deps.flows.portfolio, r.deps.clock, r.deps.people).compare(parsed.names, await r.sight(), r.reply),
  report: async (r, parsed) =>
    createPortfolioCommands(r.deps.flows.portfolio, r.deps.clock, r.deps.people).report(r.command, parsed.vendor, parsed.format, parsed.framework, await r.sight(), r.client, r.reply),

  async flags(r, parsed) {
    const listed = await r.deps.flows.flags.vendorFlags(parsed.vendor, await r.sight());
    if (listed.kind === 'not-found') await r.reply(renderProblem(problemText(listed.problem)));
    else await r.reply(renderVendorFlags(listed.vendor.name, listed.flags, listed.titles));
  },

  async evidence(r, parsed) {
    const found = await r.deps.flows.evidence.register(parsed.vendor, await r.sight());
    await r.reply(found.kind === 'found' ? renderRegister(found.register) : renderProblem(problemText(found.problem)));
  },

  async digest(r, parsed) {
    const { digest } = r.deps.flows;
    const channel = r.command.channel_id;
    if (parsed.action !== 'show' && (await digestRefused(r))) return;
    if (parsed.action === 'now') {
      const notPosted = await digest.postNow(channel, r.deps.postDigest);
      const absent = notPosted?.why === 'failed' && (notPosted.error === 'not_in_channel' || notPosted.error === 'channel_not_found');
      await r.reply(
        notPosted
          ? renderProblem(`The digest could not be posted (${digestNotPostedText(notPosted)}).${absent ? ' Invite me with /invite @vet, then' : ''} Try again in a moment.`)
          : renderInfo('Posted the red-flag digest to this channel.'),
      );
      return;
    }
    const schedule = parsed.action === 'show' ? await digest.schedule(channel) : await digest.setEnabled(channel, parsed.action === 'on', r.command.user_id);
    if (!schedule) {
      await r.reply(
        renderInfo('This channel has no red-flag digest yet: it starts with the first interview here, or with `/vet digest on` (Mondays at 09:00 unless you `/vet digest schedule` another slot).'),
      );
      return;
    }
    await r.reply(renderInfo(renderScheduleInfo(schedule, digest.nextRun(schedule))));
  },

  async 'digest-schedule'(r, parsed) {
    const { digest } = r.deps.flows;
    if (await digestRefused(r)) return;
    const slot = parseSlot(parsed.args, digest.defaultSlot.timeZone, isTimeZone);
    if (!slot.ok) return void (await r.reply(renderProblem(problemText(slot.problem))));
    const schedule = await digest.setSlot(r.command.channel_id, slot.slot, r.command.user_id);
    await r.reply(renderInfo(renderScheduleInfo(schedule, digest.nextRun(schedule))));
  },

  async status(r, parsed) {
    const flow = r.deps.flows.interview;
    const interview = await flow.latestInChannel(parsed.vendor, r.command.channel_id);
    if (interview?.status === 'completed' && !interview.summaryTs) {
      // The summary could not be posted when the interview ended: post it now.
      await r.publisher.postSummary(await flow.summary(interview));
      await r.reply(renderInfo(`The interview of ${bold(interview.vendor.name)} is finished; I posted its summary in the thread and the channel.`));
      return;
    }
    if (interview?.status === 'completed') {
      // Nothing is in progress, but the question is "where does it stand": the latest result here.
      const summary = await flow.summary(interview);
      return void (await r.reply(renderFinishedStatus(summary, await r.publisher.permalink(interview.channelId, interview.summaryTs))));
    }
    if (interview?.status !== 'in_progress') return void (await r.reply(renderProblem(await notInProgress(r, parsed.vendor))));
    const status = await flow.status(interview);
    // A question whose message could not be posted (Slack failed at the time, or before its ts was stored) is found
    // in the thread or posted again.
    if (status.current && !status.current.messageTs && interview.threadTs) await r.publisher.recoverQuestion(status.current);
    const link = await r.publisher.permalink(interview.channelId, interview.threadTs);
    await r.reply(renderStatus(status, link));
  },

  async finish(r, parsed) {
    const outcome = await r.deps.flows.interview.finish({ vendorName: parsed.vendor, channelId: r.command.channel_id, actor: await r.actor() });
    if (outcome.kind === 'not-found') await r.reply(renderProblem(await notInProgress(r, parsed.vendor)));
    else if (outcome.kind === 'refused') await r.reply(renderRefusal(outcome.refusal));
    else if (outcome.kind === 'already-finished') await r.reply(renderProblem('That interview was just finished; its summary is in the thread.'));
    else {
      await r.publisher.postSummary(outcome.summary);
      await r.reply(renderInfo(`Finished the interview of ${bold(outcome.summary.interview.vendor.name)}; the summary is in the thread and the channel.`));
    }
  },

  async start(r, parsed) {
    const { flows, people } = r.deps;
    // The vendor channel is checked before anything starts: a vetting the vendor cannot answer is not begun.
    const problem = parsed.vendorChannel ? await vendorChannelProblem(r.client, parsed.vendorChannel, r.command.channel_id) : null;
    // Written here, naming the channel by its link: shown as it is (it carries no typed text).
    if (problem) return void (await r.reply(renderInfo(`${problem} Nothing was started.`)));
    const lead = await r.actor();
    const started = await startVetting(
      { client: r.client, flow: flows.interview, digest: flows.digest, people, logger: r.logger },
      { vendor: parsed.vendor, model: parsed.model, variant: parsed.variant, evaluators: parsed.evaluators, channelId: r.command.channel_id, lead, decisionId: null },
      r.reply,
    );
    if (started !== null && parsed.vendorChannel) {
      await openVendorThread(r.client, flows, r.logger, { interviewId: started, channelId: parsed.vendorChannel, actor: lead }, r.reply);
    }
  },

  async 'vendor-channel'(r, parsed) {
    const interview = await r.deps.flows.interview.findInProgress(parsed.vendor, r.command.channel_id);
    if (!interview) return void (await r.reply(renderProblem(await notInProgress(r, parsed.vendor))));
    const problem = await vendorChannelProblem(r.client, parsed.channel, r.command.channel_id);
    if (problem) return void (await r.reply(renderInfo(problem)));
    if (await openVendorThread(r.client, r.deps.flows, r.logger, { interviewId: interview.id, channelId: parsed.channel, actor: await r.actor() }, r.reply)) {
      await r.reply(renderInfo(`${bold(interview.vendor.name)} is now asked in <#${parsed.channel}>, one question at a time; its answers show in the thread here.`));
    }
  },

  advise: (r, parsed) => adviseCommand(r.deps.flows.advise, { command: r.command, client: r.client, actor: r.actor, viewers: r.deps.viewers, replies: r.deps.flows.replies }, parsed, r.reply),

  evaluators: async (r, parsed) =>
    evaluatorsCommand(r.deps.flows.interview, r.publisher, r.deps.people.screen, { vendor: parsed.vendor, change: parsed.change, channelId: r.command.channel_id, actor: await r.actor() }, r.reply),
};

/** Runs the handler of the command's kind (a generic call, so each handler gets its own kind of command). */
function run<K extends keyof Parsed>(r: VetRequest, kind: K, parsed: Parsed[K]): Promise<void> {
  return SUBCOMMANDS[kind](r, parsed);
}

export function register(app: App, deps: ListenerDeps): void {
  app.command('/vet', async ({ command, ack, respond, client, logger }) => {
    await ack();
    const reply = (m: RenderedMessage) => respond({ response_type: 'ephemeral', ...m });
    // The text arrives escaped (should_escape): the parser reads mentions and gives back what people typed.
    const parsed = parseCommand(command.text);
    const request: VetRequest = {
      command,
      client,
      logger,
      deps,
      reply,
      actor: () => deps.people.actor(command.user_id, command.team_id),
      sight: () => deps.viewers.person(command.user_id, command.team_id),
      publisher: createPublisher(client, deps.flows.interview, logger),
    };
    await guarded(
      logger,
      {
        what: `/vet ${parsed.kind}`,
        user: command.user_id,
        tell: (message) => reply(renderProblem(message)),
        failed: (code) => `That did not work. ${explainSlackCode(code)} Whatever was recorded is kept; /vet status <vendor> posts anything that is missing.`,
      },
      async () => {
        // Someone of another organisation (perhaps the vendor, in its shared channel) learns what vet is, nothing more.
        if ((await request.actor()).external) {
          const act = outsiderAct(parsed);
          return void (await reply(act ? renderRefusal({ kind: 'external', act }) : renderInfo(OUTSIDER_LINE)));
        }
        // A vendor channel is read by the vendor: no vetting is run, listed or posted from there.
        if (parsed.kind !== 'help' && (await deps.flows.vendor.isVendorChannel(command.channel_id))) {
          return void (await reply(
            renderProblem(
              "This channel is a vendor's shared channel (Slack Connect): the vendor reads everything posted here, so vet answers nothing about vettings here. Run `/vet` in your team's own channel.",
            ),
          ));
        }
        await run(request, parsed.kind, parsed);
      },
    );
  });
}

/** What someone of another organisation tried to do, when it is more than looking: their refusal names it. */
function outsiderAct(parsed: VetCommand): Act | null {
  if (parsed.kind === 'start' || parsed.kind === 'vendor-channel') return 'start';
  if (parsed.kind === 'advise') return 'advise';
  if (parsed.kind === 'finish') return 'finish';
  if (parsed.kind === 'digest-schedule' || (parsed.kind === 'digest' && parsed.action !== 'show')) return 'change-digest';
  if (parsed.kind === 'evaluators') return parsed.change ? 'manage-evaluators' : 'see-evaluators';
  return null;
}
