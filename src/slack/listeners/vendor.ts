// The vendor's own Slack Connect channel: checking it before a vetting uses it, the parent message and the questions
// there (vendorSide.ts renders only vendor-safe data), the vendor's replies shown to the evaluators in their thread,
// "We'll come back to this", "Ask the vendor", and evidence requests posted and chased there.
import type { App, BlockAction, ButtonAction, Logger, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { EvidenceFlow, SharedFile } from '../../flows/evidence.js';
import type { InterviewFlow } from '../../flows/interview.js';
import type { VendorFlow, VendorNext, VendorThread } from '../../flows/vendor.js';
import type { Actor } from '../../flows/actor.js';
import { renderRefusal } from '../blocks/evaluators.js';
import { renderReceipt } from '../blocks/evidence.js';
import { renderInfo, renderProblem } from '../blocks/interview.js';
import type { RenderedMessage } from '../blocks/question.js';
import { askVendorModal, renderVendorMirror, VENDOR_ASK } from '../blocks/vendorAnswers.js';
import { parseVendorBlockId, renderVendorAllAsked, renderVendorAsk, renderVendorParent, renderVendorQuestion, VENDOR_ACTION, type VendorSafeQuestion } from '../blocks/vendorSide.js';
import { clickPlace, containerTs, tellAt } from '../ephemeral.js';
import { readVendorReply } from '../markup.js';
import { parseQuestionBlockId } from '../ids.js';
import { createPublisher, slackError } from '../publish.js';
import { bold, esc } from '../text.js';
import { guarded, type ListenerDeps } from './listener.js';
import { openSubmission } from './submission.js';
import { postVendorQuestion } from '../vendorDelivery.js';
import { problemText } from '../wording/problems.js';

export interface VendorFlows {
  interview: InterviewFlow;
  evidence: EvidenceFlow;
  vendor: VendorFlow;
}

/**
 * Why a channel cannot be a vetting's vendor channel, in words the lead can act on; null when it can: it is shared
 * with another organisation (Slack Connect, shared from Slack's side, never by vet), vet is in it, and it is not the
 * channel the evaluation runs in, which must not be shared with another organisation itself.
 */
export async function vendorChannelProblem(client: WebClient, vendorChannel: string, evaluatorsChannel: string): Promise<string | null> {
  const where = `<#${vendorChannel}>`;
  if (vendorChannel === evaluatorsChannel) {
    return `The vendor channel must be another channel than this one: the evaluation runs here, and the vendor must not read it. Run the command in your team's own channel and name the vendor's shared channel with \`--vendor-channel\`.`;
  }
  const describe = async (channel: string) => (await client.conversations.info({ channel })).channel;
  let info: Awaited<ReturnType<typeof describe>>;
  try {
    info = await describe(vendorChannel);
  } catch (e) {
    const code = slackError(e);
    if (code === 'channel_not_found') return `I cannot see ${where}: it is private and I am not in it. Invite me there with \`/invite @vet\`, then run the command again.`;
    return `Slack would not describe ${where} just now (${code ?? 'unknown error'}); nothing was started. Try again in a moment.`;
  }
  if (info?.is_ext_shared !== true) {
    const pending = info?.is_pending_ext_shared === true ? ' The invitation to share it is still pending: once the vendor accepts it, run the command again.' : '';
    return `${where} is not shared with another organisation, so the vendor cannot answer there.${pending} Share it with the vendor from Slack's side first (the channel's name > Share channel, Slack Connect); vet does not share channels. Then invite me with \`/invite @vet\` and run the command again.`;
  }
  if (info.is_member !== true) return `I am not in ${where}. Invite me there with \`/invite @vet\`, then run the command again.`;
  try {
    const ours = await describe(evaluatorsChannel);
    if (ours?.is_ext_shared === true || ours?.is_pending_ext_shared === true) {
      return 'This channel is shared with another organisation, so the evaluation cannot run here while the vendor answers elsewhere: run the command in a channel of your own team.';
    }
  } catch (e) {
    // The channel the command came from is where the lead reads the answer: the vendor check above is what counts.
    if (slackError(e) !== 'channel_not_found') throw e;
  }
  return null;
}

/** The name Slack shows for the app's own organisation, for "<our org> is asking <vendor>". */
async function organisation(client: WebClient): Promise<string> {
  try {
    return (await client.auth.test()).team ?? 'Our team';
  } catch {
    return 'Our team';
  }
}

/** Posts what comes next in the vendor thread: the next question, or which ones are still open. */
export async function postVendorNext(client: WebClient, vendor: VendorFlow, next: VendorNext): Promise<void> {
  if (!next) return;
  if (next.kind === 'ask') await postVendorQuestion(client, vendor, next.post);
  else await client.chat.postMessage({ channel: next.where.channelId, thread_ts: next.where.threadTs, ...renderVendorAllAsked(next.open) });
}

/**
 * Attaches the vendor channel and posts its parent message and first question. When Slack refuses the parent, the
 * channel is taken off again and the lead is told; the vetting itself goes on in its own channel.
 */
export async function openVendorThread(
  client: WebClient,
  flows: { vendor: VendorFlow; interview: InterviewFlow },
  logger: Logger,
  input: { interviewId: number; channelId: string; actor: Actor },
  reply: (m: RenderedMessage) => Promise<unknown>,
): Promise<boolean> {
  const { vendor } = flows;
  const attached = await vendor.attach(input);
  if (attached.kind === 'refused') {
    await reply(renderRefusal(attached.refusal));
    return false;
  }
  if (attached.kind === 'invalid') {
    await reply(renderProblem(problemText(attached.problem)));
    return false;
  }
  let ts: string | undefined;
  try {
    ts = (await client.chat.postMessage({ channel: input.channelId, ...renderVendorParent({ organisation: await organisation(client), vendor: attached.parent.vendor }) })).ts;
  } catch (e) {
    logger.warn(`could not post in the vendor channel ${input.channelId}: ${slackError(e) ?? String(e)}`);
  }
  if (!ts) {
    await vendor.attachFailed(input.interviewId);
    await reply(renderInfo(`I could not post in <#${input.channelId}>, so the vendor is not asked there. Check that I am in it (\`/invite @vet\`), then \`/vet vendor-channel\` it again.`));
    return false;
  }
  await postVendorNext(client, vendor, await vendor.threadPosted(input.interviewId, ts, input.actor.userId));
  // The question being asked here gets its "Ask the vendor" button.
  const interview = await flows.interview.get(input.interviewId);
  const current = interview ? (await flows.interview.status(interview)).current : null;
  if (current) await createPublisher(client, flows.interview, logger).refreshQuestion(current);
  return true;
}

/** A reply in a vendor thread: kept as the vendor's answer and shown to the evaluators under its question. */
export async function handleVendorReply(
  client: WebClient,
  flows: VendorFlows,
  logger: Logger,
  m: { channel: string; threadTs: string; user: string; teamId: string | null; actor: Actor; text: string; files: readonly SharedFile[]; ts: string },
): Promise<void> {
  const tell = (message: RenderedMessage) => client.chat.postEphemeral({ channel: m.channel, user: m.user, thread_ts: m.threadTs, ...message });
  const o = await flows.vendor.reply({ channelId: m.channel, threadTs: m.threadTs, actor: m.actor, teamId: m.teamId, reply: readVendorReply(m.text), files: m.files, messageTs: m.ts });
  switch (o.kind) {
    case 'ignored':
    case 'duplicate':
      return;
    case 'closed':
      await tell(renderInfo(`These questions are closed; thank you. What you wrote before went to the team that asked.`));
      return;
    case 'unknown-question':
      await tell(
        renderProblem(
          `Your reply names question ${o.position}, but ${o.asked === 0 ? 'no question was asked yet' : o.asked === 1 ? 'only question 1 was asked' : `questions 1 to ${o.asked} were asked`}; nothing was recorded. Send it again starting with the number shown on the question, e.g. Q1:`,
        ),
      );
      return;
    case 'answered': {
      const i = o.mirror.interview;
      if (i.threadTs) {
        await client.chat.postMessage({ channel: i.channelId, thread_ts: i.threadTs, ...renderVendorMirror(o.mirror) });
        if (o.receipt) {
          try {
            const posted = await client.chat.postMessage({ channel: i.channelId, thread_ts: i.threadTs, ...renderReceipt(o.receipt) });
            if (posted.ts) await flows.vendor.attachReceipt(o.receipt.items, posted.ts);
          } catch (e) {
            // The scheduler posts a receipt Slack refused (its lease runs out).
            logger.warn(`could not post the receipt of the vendor's files in interview ${i.id}: ${slackError(e) ?? String(e)}`);
            await flows.evidence.receiptFailed(o.receipt.items);
          }
          await createPublisher(client, flows.interview, logger).refreshQuestion(o.question);
        }
      }
      if (o.answered) {
        const a = o.answered;
        await client.chat
          .update({ channel: a.where.channelId, ts: a.ts, ...renderVendorQuestion(a.interviewId, a.questionId, a.question, 'answered') })
          .catch((e: unknown) => logger.warn(`could not mark vendor question ${a.questionId} answered: ${slackError(e) ?? String(e)}`));
      }
      await postVendorNext(client, flows.vendor, o.next);
      return;
    }
  }
}

export function register(app: App, deps: ListenerDeps): void {
  const { flows, gate } = deps;
  const actors = deps.people.actor;

  // "We'll come back to this", under a question in the vendor thread.
  app.action<BlockAction<ButtonAction>>(VENDOR_ACTION.later, async ({ ack, body, action, client, logger }) => {
    await ack();
    const place = clickPlace(body);
    const tell = (m: RenderedMessage) => (place ? tellAt(client, place, body.user.id, m) : Promise.resolve());
    const target = parseVendorBlockId(action.block_id);
    if (!target) return void (await tell(renderProblem('That button is not one I know any more.')));
    const failure = { what: '"come back to this"', user: body.user.id, tell: (message: string) => tell(renderProblem(message)), failed: () => 'That did not work just now; try again in a moment.' };
    await guarded(logger, failure, async () => {
      const actor = await actors(body.user.id, body.user.team_id);
      const done = await flows.vendor.setAside({ ...target, actor });
      if (done.kind === 'not-current') return void (await tell(renderInfo(problemText(done.problem))));
      const ts = done.messageTs ?? containerTs(body);
      if (ts) await updateQuestion(client, done.where, ts, target, done.question);
      await postVendorNext(client, flows.vendor, done.next);
    });
  });

  // "Ask the vendor", under a question in the evaluators' thread: opens the modal.
  app.action<BlockAction<ButtonAction>>(VENDOR_ASK.action, async ({ ack, body, action, client, logger }) => {
    await ack();
    const place = clickPlace(body);
    const tell = (m: RenderedMessage) => (place ? tellAt(client, place, body.user.id, m) : Promise.resolve());
    const target = parseQuestionBlockId(action.block_id);
    if (!target) return void (await tell(renderProblem('That button is not one I know any more; the message may be from an older version of vet.')));
    const failure = {
      what: '"ask the vendor"',
      user: body.user.id,
      tell: (message: string) => tell(renderProblem(message)),
      failed: (code: string | null) => `Something went wrong (${code ?? 'internal error'}); nothing was asked. Try again.`,
    };
    await guarded(logger, failure, async () => {
      const actor = await actors(body.user.id, body.user.team_id);
      const opened = await flows.vendor.askForm(actor, target.interviewId, target.questionId);
      if (opened.kind === 'refused') return void (await tell(await gate.message(actor.userId, target.interviewId, opened.refusal)));
      if (opened.kind === 'not-found') return void (await tell(renderProblem(problemText(opened.problem))));
      await client.views.open({ trigger_id: body.trigger_id, view: askVendorModal(target, opened.title) });
    });
  });

  app.view<ViewSubmitAction>(VENDOR_ASK.callback, async ({ ack, body, view, client, logger }) => {
    const field = (message: string) => ack({ response_action: 'errors', errors: { [VENDOR_ASK.input]: message } });
    const sub = await openSubmission(deps, logger, { view, userId: body.user.id, field: VENDOR_ASK.input, ack, what: 'asking the vendor' });
    if (!sub) return;
    const { meta, place } = sub;
    const failure = { what: 'asking the vendor', user: body.user.id, tell: field, failed: () => 'Could not ask just now; nothing was sent. Try again.' };
    const asked = await guarded(logger, failure, async (): Promise<Extract<Awaited<ReturnType<VendorFlow['ask']>>, { kind: 'asked' }> | undefined> => {
      const text = view.state.values[VENDOR_ASK.input]?.[VENDOR_ASK.input]?.value ?? '';
      const outcome = await flows.vendor.ask({ interviewId: meta.interviewId, questionId: meta.questionId, actor: await actors(body.user.id, body.user.team_id), text });
      if (outcome.kind === 'refused') return void (await field(await gate.plain(body.user.id, meta.interviewId, outcome.refusal)));
      if (outcome.kind !== 'asked') return void (await field(problemText(outcome.problem)));
      await ack();
      return outcome;
    });
    if (!asked) return;
    // Said in the evaluators' thread, from the interview's record.
    const thread = place.threadTs;
    try {
      if (asked.newlyAsked) await postVendorQuestion(client, flows.vendor, { where: asked.where, interviewId: asked.interviewId, questionId: asked.questionId, question: asked.question });
      await client.chat.postMessage({ channel: asked.where.channelId, thread_ts: asked.where.threadTs, ...renderVendorAsk(asked.question, asked.text) });
      if (thread) {
        await client.chat.postMessage({
          channel: place.channel,
          thread_ts: thread,
          ...renderInfo(`:speech_balloon: <@${body.user.id}> asked the vendor in <#${asked.where.channelId}> about ${bold(asked.question.title)}: “${esc(asked.text)}”`),
        });
      }
    } catch (e) {
      logger.error(`posting a question to the vendor failed: ${slackError(e) ?? String(e)}`);
      if (thread) {
        await client.chat
          .postEphemeral({
            channel: place.channel,
            user: body.user.id,
            thread_ts: thread,
            ...renderInfo(`I could not post in <#${asked.where.channelId}> (${esc(slackError(e) ?? 'unknown error')}); ask again in a moment.`),
          })
          .catch(() => undefined);
      }
    }
  });
}

async function updateQuestion(client: WebClient, where: VendorThread, ts: string, target: { interviewId: number; questionId: string }, q: VendorSafeQuestion): Promise<void> {
  await client.chat.update({ channel: where.channelId, ts, ...renderVendorQuestion(target.interviewId, target.questionId, q, 'set_aside') });
}
