// `/vet advise`: the engagement-model checklist (a modal), the recommendation it gets (in the channel or only to the
// person who asked), `/vet advise list`, and "Start vetting with this model", which asks for the vendor in a modal
// and starts the vetting the way `/vet start` does, with the model set and the decision named.
import type { App, BlockAction, ButtonAction, Logger, SlashCommand, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { CHECKLIST, optionOf, type ChecklistAnswers } from '../../advisor/checklist.js';
import type { Actor } from '../../flows/actor.js';
import type { AdviseFlow } from '../../flows/advise.js';
import type { ReplyTargets } from '../../flows/replyTargets.js';
import { cleanVendorName, vendorNameProblem } from '../../flows/interview.js';
import { mayAdvise } from '../../flows/permissions.js';
import type { DecisionVisibility, EngagementDecision } from '../../model.js';
import type { EngagementModel, InterviewVariant } from '../../questions/model.js';
import {
  ADVISE_INPUT,
  checklistInput,
  checklistModal,
  decodeAdviseMeta,
  decodeAdviseStartMeta,
  NEEDED_FIRST_ERROR,
  renderAdviseUsage,
  renderDecision,
  renderDecisionList,
  renderNeeded,
  screenRefused,
  startModal,
} from '../blocks/advise.js';
import { leftOutPlain, refusalPlain, renderRefusal } from '../blocks/evaluators.js';
import { renderProblem } from '../blocks/interview.js';
import type { RenderedMessage } from '../blocks/question.js';
import type { VetCommand } from '../command.js';
import { clickPlace, tellAt } from '../ephemeral.js';
import { ACTION, CALLBACK } from '../ids.js';
import { slackError } from '../publish.js';
import { startVetting } from '../start.js';
import type { Viewers } from '../viewer.js';
import { guarded, type ListenerDeps } from './listener.js';
import { problemText } from '../wording/problems.js';

type Reply = (m: RenderedMessage) => Promise<unknown>;
type Values = ViewSubmitAction['view']['state']['values'];

const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found']);

/** What a form whose metadata is not ours, is another person's, or outlived Slack's 30 minutes, is told. */
const STALE_CHECKLIST = 'This form is not one I can answer any more (it may be older than 30 minutes): close it and run /vet advise again.';
const STALE_START = 'This form is not one I can answer any more (it may be older than 30 minutes): close it and click Start vetting again.';

/** Answers through a response_url (a slash command's or a click's): true when Slack took it. */
async function respondAt(url: string | null, body: Record<string, unknown>, logger: Logger): Promise<boolean> {
  if (!url) return false;
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) logger.warn(`response_url answered ${res.status}`);
    return res.ok;
  } catch (e) {
    logger.warn(`response_url could not be reached: ${String(e)}`);
    return false;
  }
}

/** Tells only `user`, in `channel`: through the response_url while it lasts (it works where the bot is not a member), else as an ephemeral message. */
async function tellOnly(client: WebClient, logger: Logger, at: { channel: string; user: string; responseUrl: string | null }, m: RenderedMessage): Promise<void> {
  if (await respondAt(at.responseUrl, { response_type: 'ephemeral', replace_original: false, ...m }, logger)) return;
  try {
    await tellAt(client, { channel: at.channel, threadTs: null }, at.user, m);
  } catch (e) {
    logger.warn(`could not answer ${at.user} in ${at.channel}: ${slackError(e) ?? String(e)}`);
  }
}

/** `/vet advise`, `/vet advise list`, and anything else after `/vet advise`. */
export async function adviseCommand(
  flow: AdviseFlow,
  ctx: { command: SlashCommand; client: WebClient; actor: () => Promise<Actor>; viewers: Viewers; replies: ReplyTargets },
  parsed: Extract<VetCommand, { kind: 'advise' }>,
  reply: Reply,
): Promise<void> {
  const { command } = ctx;
  if (parsed.action === 'unknown') return void (await reply(renderAdviseUsage(parsed.typed)));
  const actor = await ctx.actor();
  const allowed = mayAdvise(actor);
  if (!allowed.ok) return void (await reply(renderRefusal(allowed.reason)));
  if (parsed.action === 'list') {
    const sight = await ctx.viewers.person(command.user_id, command.team_id, await flow.channels());
    const listed = await flow.list(actor, sight);
    if (listed.kind === 'ok') await reply(renderDecisionList(listed.view, flow.timeZone));
    else await reply(listed.kind === 'refused' ? renderRefusal(listed.refusal) : renderProblem(problemText(listed.problem)));
    return;
  }
  // Where the recommendation goes stays here, under an id only the asker's submission can use.
  const target = await ctx.replies.remember(command.user_id, command.response_url, command.channel_id);
  if (!target) return void (await reply(renderProblem('Slack gave me no way to answer this command; run `/vet advise` again.')));
  try {
    await ctx.client.views.open({ trigger_id: command.trigger_id, view: checklistModal({ reply: target }) });
  } catch (e) {
    await reply(renderProblem(`I could not open the checklist (Slack said ${slackError(e) ?? 'nothing useful'}); run \`/vet advise\` again.`));
  }
}

/** Each checklist question's picked option (a question may be left open), and the errors of answers not known, by block id. */
function readChecklist(values: Values): { answers: ChecklistAnswers; errors: Record<string, string> } {
  const answers: ChecklistAnswers = {};
  const errors: Record<string, string> = {};
  for (const q of CHECKLIST) {
    const id = checklistInput(q.id);
    const picked = values[id]?.[id]?.selected_option?.value;
    if (picked === undefined) continue;
    if (!optionOf(q.id, picked)) errors[id] = 'That answer is not one I know any more: pick one again.';
    else answers[q.id] = picked;
  }
  return { answers, errors };
}

function readWhere(values: Values): DecisionVisibility | null {
  const v = values[ADVISE_INPUT.where]?.[ADVISE_INPUT.where]?.selected_option?.value;
  return v === 'channel' || v === 'asker' ? v : null;
}

/**
 * Shows a decision where it was asked for. In the channel: posted by the bot, or, where the bot is not a member,
 * through the command's response_url; if neither works, to the asker alone, saying why. Only to the asker: through
 * the response_url, else as an ephemeral message.
 */
async function deliver(client: WebClient, flow: AdviseFlow, logger: Logger, d: EngagementDecision, responseUrl: string): Promise<void> {
  const message = renderDecision(d, { timeZone: flow.timeZone });
  const asker = { channel: d.channelId, user: d.askedBy, responseUrl };
  if (d.visibility === 'asker') return tellOnly(client, logger, asker, message);
  try {
    const posted = await client.chat.postMessage({ channel: d.channelId, ...message });
    if (posted.ts) await flow.attachMessage(d.id, posted.ts);
    return;
  } catch (e) {
    const code = slackError(e);
    logger.warn(`decision #${d.id} not posted in ${d.channelId}: ${code ?? String(e)}`);
    if (code && NOT_A_MEMBER.has(code) && (await respondAt(responseUrl, { response_type: 'in_channel', ...message }, logger))) return;
    const why = code && NOT_A_MEMBER.has(code) ? 'I am not a member of this channel (invite me with /invite @vet)' : `Slack said ${code ?? 'nothing useful'}`;
    await tellOnly(
      client,
      logger,
      asker,
      renderDecision(d, { timeZone: flow.timeZone, note: `:information_source: I could not post this in the channel (${why}), so only you see it. It is kept: \`/vet advise list\` lists it.` }),
    );
  }
}

function selected(values: Values, id: string): string | undefined {
  return values[id]?.[id]?.selected_option?.value;
}

export function register(app: App, deps: ListenerDeps): void {
  const { advise, replies } = deps.flows;
  const actors = deps.people.actor;

  app.view<ViewSubmitAction>(CALLBACK.advise, async ({ ack, body, view, client, logger }) => {
    const meta = decodeAdviseMeta(view.private_metadata);
    const whereError = (message: string) => ack({ response_action: 'errors', errors: { [ADVISE_INPUT.where]: message } });
    if (!meta) return void (await whereError(STALE_CHECKLIST));
    const { answers, errors } = readChecklist(view.state.values);
    const where = readWhere(view.state.values);
    if (!where) errors[ADVISE_INPUT.where] = 'Say where the recommendation should go.';
    // Too little known: nothing is recommended, and the form says which answers are needed first.
    for (const n of advise.needed(answers)) errors[checklistInput(n.questionId)] ??= NEEDED_FIRST_ERROR;
    if (Object.keys(errors).length > 0 || !where) return void (await ack({ response_action: 'errors', errors }));
    const checking = { what: 'the checklist', user: body.user.id, tell: whereError, failed: () => 'Could not check this just now; nothing was scored. Try again.' };
    const opened = await guarded(logger, checking, async () => ({ actor: await actors(body.user.id, body.user.team_id), target: await replies.target(meta.reply, body.user.id) }));
    if (!opened) return;
    const { actor, target } = opened;
    const allowed = mayAdvise(actor);
    if (!allowed.ok) return void (await whereError(refusalPlain(allowed.reason)));
    // Not an id kept for this person (forged, another's, or older than Slack's 30 minutes): nothing is posted.
    if (!target?.channelId) return void (await whereError(STALE_CHECKLIST));
    const channelId = target.channelId;
    await ack();
    const asker = { channel: channelId, user: body.user.id, responseUrl: target.responseUrl };
    const scoring = {
      what: 'the engagement-model decision',
      user: body.user.id,
      tell: (message: string) => tellOnly(client, logger, asker, renderProblem(message)),
      failed: () => 'Your answers could not be scored just now; run `/vet advise` again.',
    };
    await guarded(logger, scoring, async () => {
      const decided = await advise.decide({ actor, channelId, visibility: where, answers });
      if (decided.kind === 'refused') return void (await tellOnly(client, logger, asker, renderRefusal(decided.refusal)));
      if (decided.kind === 'needs-answers') return void (await tellOnly(client, logger, asker, renderNeeded(decided.needed)));
      await deliver(client, advise, logger, decided.decision, target.responseUrl);
    });
  });

  app.action<BlockAction<ButtonAction>>(ACTION.adviseStart, async ({ ack, body, action, client, logger }) => {
    await ack();
    const place = clickPlace(body);
    if (!place) return void logger.warn(`start button of a decision clicked by ${body.user.id}: Slack said no channel, so there is nowhere to answer`);
    const tell = (m: RenderedMessage) => tellOnly(client, logger, { channel: place.channel, user: body.user.id, responseUrl: body.response_url ?? null }, m);
    const decisionId = /^\d+$/.test(action.value ?? '') ? Number(action.value) : null;
    if (decisionId === null) return void (await tell(renderProblem('That button is not one I know any more; run `/vet advise` again.')));
    const failure = {
      what: `the start button of decision ${decisionId}`,
      user: body.user.id,
      tell: (message: string) => tell(renderProblem(message)),
      failed: (code: string | null) => `Something went wrong (${code ?? 'internal error'}); nothing was started. Click the button again.`,
    };
    await guarded(logger, failure, async () => {
      const found = await advise.forStart(await actors(body.user.id, body.user.team_id), decisionId, place.channel);
      if (found.kind === 'refused') return void (await tell(renderRefusal(found.refusal)));
      if (found.kind === 'not-found') return void (await tell(renderProblem(problemText(found.problem))));
      const reply = await replies.remember(body.user.id, body.response_url, place.channel);
      if (!reply) return void (await tell(renderProblem('Slack gave me no way to answer this click; click the button again.')));
      await client.views.open({ trigger_id: body.trigger_id, view: startModal({ decisionId, reply }, found.view, advise.timeZone) });
    });
  });

  app.view<ViewSubmitAction>(CALLBACK.adviseStart, async ({ ack, body, view, client, logger }) => {
    const meta = decodeAdviseStartMeta(view.private_metadata);
    const values = view.state.values;
    const vendorError = (message: string) => ack({ response_action: 'errors', errors: { [ADVISE_INPUT.vendor]: message } });
    if (!meta) return void (await vendorError(STALE_START));
    const vendor = cleanVendorName(values[ADVISE_INPUT.vendor]?.[ADVISE_INPUT.vendor]?.value ?? '');
    if (vendor === '') return void (await vendorError('Name the vendor to vet.'));
    const problem = vendorNameProblem(vendor);
    if (problem) return void (await vendorError(problemText(problem)));
    const checking = {
      what: `starting a vetting from decision ${meta.decisionId}`,
      user: body.user.id,
      tell: vendorError,
      failed: () => 'Could not check this just now; nothing was started. Try again.',
    };
    const start = await guarded(
      logger,
      checking,
      async (): Promise<{ lead: Actor; model: EngagementModel; variant: InterviewVariant; evaluators: string[]; channelId: string; responseUrl: string } | null> => {
        // Each refusal keeps the modal open with its reason under the field it is about.
        const refuse = async (field: string, message: string) => {
          await ack({ response_action: 'errors', errors: { [field]: message } });
          return null;
        };
        // Where the button was clicked, kept for this person when the modal opened: a forged id starts nothing.
        const target = await replies.target(meta.reply, body.user.id);
        if (!target?.channelId) return refuse(ADVISE_INPUT.vendor, STALE_START);
        const channelId = target.channelId;
        const lead = await actors(body.user.id, body.user.team_id);
        const found = await advise.forStart(lead, meta.decisionId, channelId);
        if (found.kind === 'refused') return refuse(ADVISE_INPUT.vendor, refusalPlain(found.refusal));
        if (found.kind === 'not-found') return refuse(ADVISE_INPUT.vendor, problemText(found.problem).replace(/`/g, ''));
        const r = found.view.recommendation;
        const model = [r.recommended, r.runnerUp].find((m) => m === selected(values, ADVISE_INPUT.model));
        if (!model) return refuse(ADVISE_INPUT.model, 'Pick the recommended model or the runner-up.');
        const variant = selected(values, ADVISE_INPUT.variant) === 'lite' ? 'lite' : 'standard';
        if (variant === 'lite' && r.vetting.full) return refuse(ADVISE_INPUT.variant, screenRefused(r.vetting));
        const evaluators = values[ADVISE_INPUT.evaluators]?.[ADVISE_INPUT.evaluators]?.selected_users ?? [];
        // Picks that may not evaluate keep the modal open, saying whom to remove, as the Evaluators picker does.
        const leftOut = leftOutPlain(await deps.people.screen(evaluators));
        if (leftOut) return refuse(ADVISE_INPUT.evaluators, leftOut);
        const running = await deps.flows.interview.findInProgress(vendor, channelId);
        if (running) {
          return refuse(ADVISE_INPUT.vendor, `${running.vendor.name} already has an interview in progress in this channel: finish it (/vet finish ${running.vendor.name}) or name another vendor.`);
        }
        return { lead, model, variant, evaluators, channelId, responseUrl: target.responseUrl };
      },
    );
    if (!start) return;
    await ack();
    const tell = (m: RenderedMessage) => tellOnly(client, logger, { channel: start.channelId, user: body.user.id, responseUrl: start.responseUrl }, m);
    const starting = {
      what: `starting a vetting from decision ${meta.decisionId}`,
      user: body.user.id,
      tell: (message: string) => tell(renderProblem(message)),
      failed: (code: string | null) =>
        `The vetting of "${vendor}" could not be started completely (${code ?? 'internal error'}). Whatever was recorded is kept; /vet status <vendor> posts anything that is missing.`,
    };
    await guarded(logger, starting, () =>
      startVetting(
        { client, flow: deps.flows.interview, digest: deps.flows.digest, people: deps.people, logger },
        { vendor, model: start.model, variant: start.variant, evaluators: start.evaluators, channelId: start.channelId, lead: start.lead, decisionId: meta.decisionId },
        tell,
      ),
    );
  });
}
