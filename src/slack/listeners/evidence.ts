// Evidence requests and verdicts: the Request / Change / Withdraw buttons under a question and their modals, the
// Accept as evidence / Not sufficient buttons under a shared file or link, and the answer posted under such a file.
import type { App, BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { EvidenceFlow, FieldErrors, Receipt, ReplyOutcome, SharedFile, VerdictOutcome } from '../../flows/evidence.js';
import type { InterviewFlow } from '../../flows/interview.js';
import type { QuestionView, SummaryView } from '../../flows/views.js';
import { renderKeptReply } from '../blocks/evaluators.js';
import {
  decodeItemMeta,
  EVIDENCE_ACTION,
  EVIDENCE_CALLBACK,
  EVIDENCE_INPUT,
  ITEM_ACTIONS,
  parseItemValue,
  rejectModal,
  renderReceipt,
  REQUEST_ACTIONS,
  requestModal,
  withdrawModal,
} from '../blocks/evidence.js';
import { renderFinishedReply, renderProblem } from '../blocks/interview.js';
import type { RenderedMessage } from '../blocks/question.js';
import { clickPlace, containerTs, tellAt, type Place } from '../ephemeral.js';
import { parseQuestionBlockId } from '../ids.js';
import { sendReceipt } from '../delivery.js';
import { createPublisher, slackError } from '../publish.js';
import { guarded, type ListenerDeps } from './listener.js';
import { openSubmission, UNREADABLE_FORM } from './submission.js';
import { postVendorRequest } from '../vendorDelivery.js';
import type { Refusal } from '../../flows/permissions.js';
import { problemText } from '../wording/problems.js';

type Values = ViewSubmitAction['view']['state']['values'];

/** What the evidence flow says of a file or link id it does not know (flows/evidence.ts). */
const ITEM_GONE = 'That file or link is no longer part of a vetting.';

/** What a saved change shows: the question message, and a completed interview's summary. */
interface Shown {
  question: QuestionView;
  revisedSummary: SummaryView | null;
}

/** A modal's failure: told under `field`, the modal left open; nothing was saved. */
function modalFailure(what: string, user: string, ack: (r: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>, field: string) {
  return { what, user, tell: (message: string) => ack({ response_action: 'errors', errors: { [field]: message } }), failed: () => 'Could not save this just now; nothing was changed. Try again.' };
}

function text(values: Values, id: string): string {
  return values[id]?.[id]?.value ?? '';
}

/** The flow's field errors keyed by the modal's block ids, as Slack shows them under each field. */
function fieldErrors(errors: FieldErrors): Record<string, string> {
  // The flow names its fields as the modals' block ids do.
  return Object.fromEntries(Object.entries(errors).flatMap(([field, problem]) => (problem ? [[field, problemText(problem)]] : [])));
}

/** Shows what changed: the question message, and a completed interview's summary (flags follow the evidence). */
function publisherOf(interviews: InterviewFlow) {
  return async (client: WebClient, logger: App['logger'], question: QuestionView, revisedSummary: SummaryView | null, fallbackTs?: string): Promise<void> => {
    const publisher = createPublisher(client, interviews, logger);
    await publisher.refreshQuestion(question, fallbackTs);
    if (revisedSummary?.interview.summaryTs) {
      // Recorded already: a summary Slack refuses now is brought up to date by the next change.
      await publisher.postSummary(revisedSummary).catch((e: unknown) => logger.warn(`could not update the summary of interview ${revisedSummary.interview.id}: ${slackError(e) ?? String(e)}`));
    }
  };
}

/**
 * Posts the answer under a message that shared files or links, and remembers it so a verdict updates it. Its buttons
 * exist nowhere else: when Slack refuses it, the scheduler posts it on its next tick.
 */
async function postReceipt(client: WebClient, evidence: EvidenceFlow, receipt: Receipt, logger: App['logger']): Promise<void> {
  let ts: string;
  try {
    ts = await sendReceipt(client, receipt);
  } catch (e) {
    logger.warn(`could not answer the evidence shared in message ${receipt.items[0]?.sourceTs ?? '?'} of interview ${receipt.interview.id} (${slackError(e) ?? String(e)}); it will be posted again`);
    await evidence.receiptFailed(receipt.items);
    return;
  }
  await evidence.attachReply(receipt.items, ts);
}

/** Updates the answer under a shared file after a verdict (it carries the buttons that gave it). */
async function refreshReceipt(client: WebClient, receipt: Receipt, fallbackTs: string | undefined, logger: App['logger']): Promise<void> {
  const ts = receipt.items.find((i) => i.replyTs)?.replyTs ?? fallbackTs;
  if (!ts) return;
  await client.chat
    .update({ channel: receipt.interview.channelId, ts, ...renderReceipt(receipt) })
    .catch((e: unknown) => logger.warn(`could not update the evidence message ${ts}: ${slackError(e) ?? String(e)}`));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** A message event's files, as Slack describes them: id, name, type and permalink only (the file is never fetched). */
export function sharedFiles(event: unknown): SharedFile[] {
  const files = isRecord(event) ? event.files : undefined;
  if (!Array.isArray(files)) return [];
  return files.flatMap((f: unknown): SharedFile[] => {
    if (!isRecord(f) || typeof f.id !== 'string') return [];
    const str = (k: string): string | null => (typeof f[k] === 'string' && f[k] !== '' ? f[k] : null);
    return [{ id: f.id, name: str('name') ?? str('title'), fileType: str('filetype'), permalink: str('permalink') }];
  });
}

/**
 * A thread reply with its files: evidence for its question, and its text a note. Answers the writer where they
 * wrote when the reply cannot be placed. Returns whether it handled the reply.
 */
export async function handleThreadReply(
  client: WebClient,
  flows: { interview: InterviewFlow; evidence: EvidenceFlow },
  logger: App['logger'],
  m: { vendor: string; lead: string; channel: string; threadTs: string; user: string; external: boolean; outcome: ReplyOutcome },
): Promise<void> {
  const tell = (message: RenderedMessage) => client.chat.postEphemeral({ channel: m.channel, user: m.user, thread_ts: m.threadTs, ...message });
  const o = m.outcome;
  switch (o.kind) {
    case 'ignored':
      return;
    case 'finished':
      await tell(renderFinishedReply(m.vendor));
      return;
    case 'unknown-question':
      await tell(
        renderProblem(
          o.asked === 0
            ? `Your reply names question ${o.position}, but no question was asked yet; nothing was recorded.`
            : `Your reply names question ${o.position}, but ${o.asked === 1 ? 'only question 1 was' : `questions 1 to ${o.asked} were`} asked; nothing was recorded. Share it again starting with the number shown on the question, e.g. Q${o.asked}:`,
        ),
      );
      return;
    case 'which-question': {
      const open = o.open.map((q) => `Q${q.position ?? '?'} (${q.title})`).join(', ');
      await tell(
        renderProblem(
          o.open.length === 0
            ? 'This interview is finished and no evidence request is open, so I cannot tell which question your file or link is for; nothing was recorded. Share it again starting with the question number, e.g. Q7:'
            : `This interview is finished and evidence is requested on several questions (${open}); nothing was recorded. Share it again starting with the question number, e.g. Q${o.open[0]!.position ?? 1}:`,
        ),
      );
      return;
    }
    case 'handled': {
      const publisher = createPublisher(client, flows.interview, logger);
      if (o.note?.kind === 'kept') await tell(renderKeptReply(m.vendor, m.lead, m.external));
      else if (o.note?.kind === 'invalid') await tell(renderProblem(`Your reply was not recorded as a note: ${problemText(o.note.problem)}`));
      if (o.receipt) await postReceipt(client, flows.evidence, o.receipt, logger);
      // One update of the question message shows both the note and the evidence.
      const question = o.question ?? (o.note?.kind === 'stored' ? o.note.question : null);
      if (question) await publisher.refreshQuestion(question);
      return;
    }
  }
}

export function register(app: App, deps: ListenerDeps): void {
  const { flows } = deps;
  const { gate, screenChosen } = deps;
  const { evidence } = flows;
  const actors = deps.people.actor;
  const publish = publisherOf(flows.interview);
  /** A refusal about a file or link, naming nothing to someone who may not see its vetting (sight.ts). */
  const itemRefusal = async (userId: string, itemId: number, refusal: Refusal) => {
    const interviewId = await evidence.interviewOfItem(itemId);
    if (interviewId === null) return { message: renderProblem(ITEM_GONE), plain: ITEM_GONE };
    return { message: await gate.message(userId, interviewId, refusal, ITEM_GONE), plain: await gate.plain(userId, interviewId, refusal, ITEM_GONE) };
  };

  // Request evidence / Change request / Withdraw request, under a question: each opens its modal.
  app.action<BlockAction<ButtonAction>>(REQUEST_ACTIONS, async ({ ack, body, action, client, respond, logger }) => {
    await ack();
    const place = clickPlace(body);
    const answer = (m: RenderedMessage) => (place ? tellAt(client, place, body.user.id, m) : respond({ response_type: 'ephemeral', replace_original: false, ...m }));
    const tell = (message: string) => answer(renderProblem(message));
    const target = parseQuestionBlockId(action.block_id);
    if (!target) return void (await tell('That button is not one I know any more; the message may be from an older version of vet.'));
    const failure = {
      what: `evidence button ${action.action_id}`,
      user: body.user.id,
      tell,
      failed: (code: string | null) => `Something went wrong (${code ?? 'internal error'}); nothing was changed. Try again.`,
    };
    await guarded(logger, failure, async () => {
      const actor = await actors(body.user.id, body.user.team_id);
      if (action.action_id === EVIDENCE_ACTION.withdraw) {
        const opened = await evidence.withdrawForm(actor, target.interviewId, target.questionId);
        if (opened.kind === 'not-found') return void (await tell(problemText(opened.problem)));
        if (opened.kind === 'refused') return void (await answer(await gate.message(actor.userId, target.interviewId, opened.refusal)));
        await client.views.open({ trigger_id: body.trigger_id, view: withdrawModal(target, opened.view.question.title, opened.view.request) });
        return;
      }
      const opened = await evidence.requestForm(actor, target.interviewId, target.questionId);
      if (opened.kind === 'not-found') return void (await tell(problemText(opened.problem)));
      if (opened.kind === 'refused') return void (await answer(await gate.message(actor.userId, target.interviewId, opened.refusal)));
      await client.views.open({ trigger_id: body.trigger_id, view: requestModal(target, opened.view) });
    });
  });

  app.view<ViewSubmitAction>(EVIDENCE_CALLBACK.request, async ({ ack, body, view, client, logger }) => {
    const values = view.state.values;
    const chaser = values[EVIDENCE_INPUT.chaser]?.[EVIDENCE_INPUT.chaser]?.selected_user ?? null;
    if (!chaser) return void (await ack({ response_action: 'errors', errors: { [EVIDENCE_INPUT.chaser]: 'Pick who chases the evidence.' } }));
    // Before the chaser is screened: the screening would say the vetting is private.
    const sub = await openSubmission(deps, logger, { view, userId: body.user.id, field: EVIDENCE_INPUT.asked, ack, what: 'evidence request' });
    if (!sub) return;
    const { meta } = sub;
    const saved = await guarded(logger, modalFailure('evidence request', body.user.id, ack, EVIDENCE_INPUT.asked), async (): Promise<Shown | undefined> => {
      // Only a person of this organisation who may see the vetting can be reminded of it and act on it.
      const access = await flows.interview.access(meta.interviewId);
      const chaserError = access && (await screenChosen(chaser, access, 'chase it'));
      if (chaserError) return void (await ack({ response_action: 'errors', errors: { [EVIDENCE_INPUT.chaser]: chaserError } }));
      const outcome = await evidence.saveRequest({
        interviewId: meta.interviewId,
        questionId: meta.questionId,
        actor: await actors(body.user.id, body.user.team_id),
        asked: text(values, EVIDENCE_INPUT.asked),
        chaserId: chaser,
        dueOn: values[EVIDENCE_INPUT.due]?.[EVIDENCE_INPUT.due]?.selected_date ?? null,
        vendorContact: text(values, EVIDENCE_INPUT.contact),
      });
      if (outcome.kind === 'invalid') return void (await ack({ response_action: 'errors', errors: fieldErrors(outcome.errors) }));
      if (outcome.kind === 'refused') return void (await ack({ response_action: 'errors', errors: { [EVIDENCE_INPUT.asked]: await gate.plain(body.user.id, meta.interviewId, outcome.refusal) } }));
      if (outcome.kind === 'not-found') return void (await ack({ response_action: 'errors', errors: { [EVIDENCE_INPUT.asked]: problemText(outcome.problem) } }));
      if (outcome.kind !== 'saved') return void (await ack());
      await ack();
      return outcome;
    });
    // Saved: a message that cannot be refreshed now shows it on its next update.
    if (saved) {
      await publish(client, logger, saved.question, saved.revisedSummary);
      // The vendor answers in its own channel and a contact there is named: the request is posted there too.
      const notice = await flows.vendor.requestNotice(meta.interviewId, meta.questionId, body.user.id);
      if (notice) {
        await postVendorRequest(client, flows.vendor, notice).catch((e: unknown) =>
          logger.warn(`could not post the evidence request in the vendor channel ${notice.where.channelId}: ${slackError(e) ?? String(e)}`),
        );
      }
    }
  });

  app.view<ViewSubmitAction>(EVIDENCE_CALLBACK.withdraw, async ({ ack, body, view, client, logger }) => {
    const sub = await openSubmission(deps, logger, { view, userId: body.user.id, field: EVIDENCE_INPUT.reason, ack, what: 'withdrawing an evidence request' });
    if (!sub) return;
    const { meta } = sub;
    const done = await guarded(logger, modalFailure('withdrawing an evidence request', body.user.id, ack, EVIDENCE_INPUT.reason), async (): Promise<Shown | undefined> => {
      const outcome = await evidence.withdraw({
        interviewId: meta.interviewId,
        questionId: meta.questionId,
        actor: await actors(body.user.id, body.user.team_id),
        reason: text(view.state.values, EVIDENCE_INPUT.reason),
      });
      if (outcome.kind === 'invalid') return void (await ack({ response_action: 'errors', errors: fieldErrors(outcome.errors) }));
      if (outcome.kind === 'refused') return void (await ack({ response_action: 'errors', errors: { [EVIDENCE_INPUT.reason]: await gate.plain(body.user.id, meta.interviewId, outcome.refusal) } }));
      if (outcome.kind === 'not-found') return void (await ack({ response_action: 'errors', errors: { [EVIDENCE_INPUT.reason]: problemText(outcome.problem) } }));
      await ack();
      return outcome;
    });
    if (done) await publish(client, logger, done.question, done.revisedSummary);
  });

  // Accept as evidence / Not sufficient, under a shared file or link.
  app.action<BlockAction<ButtonAction>>(ITEM_ACTIONS, async ({ ack, body, action, client, respond, logger }) => {
    await ack();
    const place: Place | null = clickPlace(body);
    const answer = (m: RenderedMessage) => (place ? tellAt(client, place, body.user.id, m) : respond({ response_type: 'ephemeral', replace_original: false, ...m }));
    const tell = (message: string) => answer(renderProblem(message));
    const itemId = parseItemValue(action.value);
    if (itemId === null) return void (await tell('That button is not one I know any more; the message may be from an older version of vet.'));
    const messageTs = containerTs(body) ?? undefined;
    const failure = {
      what: `evidence verdict ${action.action_id}`,
      user: body.user.id,
      tell,
      failed: (code: string | null) => `Something went wrong (${code ?? 'internal error'}). Whatever was recorded is kept; try again.`,
    };
    await guarded(logger, failure, async () => {
      const actor = await actors(body.user.id, body.user.team_id);
      if (action.action_id === EVIDENCE_ACTION.reject) {
        const opened = await evidence.verdictForm(actor, itemId);
        if (opened.kind === 'not-found') return void (await tell(problemText(opened.problem)));
        if (opened.kind === 'refused') return void (await answer((await itemRefusal(actor.userId, itemId, opened.refusal)).message));
        await client.views.open({ trigger_id: body.trigger_id, view: rejectModal({ itemId }, opened.view.item, opened.view.question.title) });
        return;
      }
      const outcome = await evidence.decide({ itemId, actor, verdict: 'accepted' });
      if (outcome.kind === 'refused') return void (await answer((await itemRefusal(actor.userId, itemId, outcome.refusal)).message));
      if (outcome.kind === 'not-found') return void (await tell(problemText(outcome.problem)));
      if (outcome.kind !== 'decided') return;
      await refreshReceipt(client, outcome.receipt, messageTs, logger);
      await publish(client, logger, outcome.question, outcome.revisedSummary);
    });
  });

  app.view<ViewSubmitAction>(EVIDENCE_CALLBACK.reject, async ({ ack, body, view, client, logger }) => {
    const meta = decodeItemMeta(view.private_metadata);
    if (!meta) return void (await ack({ response_action: 'errors', errors: { [EVIDENCE_INPUT.reason]: UNREADABLE_FORM } }));
    const verdict = modalFailure('evidence verdict', body.user.id, ack, EVIDENCE_INPUT.reason);
    const decided = await guarded(logger, verdict, async (): Promise<Extract<VerdictOutcome, { kind: 'decided' }> | undefined> => {
      const outcome = await evidence.decide({
        itemId: meta.itemId,
        actor: await actors(body.user.id, body.user.team_id),
        verdict: 'not_sufficient',
        reason: text(view.state.values, EVIDENCE_INPUT.reason),
      });
      if (outcome.kind === 'invalid') return void (await ack({ response_action: 'errors', errors: fieldErrors(outcome.errors) }));
      if (outcome.kind === 'refused')
        return void (await ack({ response_action: 'errors', errors: { [EVIDENCE_INPUT.reason]: (await itemRefusal(body.user.id, meta.itemId, outcome.refusal)).plain } }));
      if (outcome.kind === 'not-found') return void (await ack({ response_action: 'errors', errors: { [EVIDENCE_INPUT.reason]: problemText(outcome.problem) } }));
      if (outcome.kind !== 'decided') return void (await ack());
      await ack();
      return outcome;
    });
    if (decided) {
      await refreshReceipt(client, decided.receipt, undefined, logger);
      await publish(client, logger, decided.question, decided.revisedSummary);
    }
  });
}
