// Buttons and pickers under a question message: ratings, choices, evidence, N/A, skip, facts, and the modals. Only the
// evaluators may use them; anyone else is told, where they clicked, who leads and how to be added.
import type { App, BlockAction } from '@slack/bolt';
import type { Refusal } from '../../flows/permissions.js';
import type { AnswerAction, AnswerOutcome, QuestionView } from '../../flows/views.js';
import { EVIDENCE_STATES } from '../../questions/model.js';
import { renderStillChased } from '../blocks/evidence.js';
import { renderProblem } from '../blocks/interview.js';
import { answerModal, evidenceSeenModal, factModal, naModal, noteModal, vagueOverrideModal } from '../blocks/modals.js';
import { renderYourRating, type RenderedMessage } from '../blocks/question.js';
import { clickPlace, containerTs, tellAt } from '../ephemeral.js';
import { ACTION, parseQuestionBlockId, QUESTION_ACTIONS } from '../ids.js';
import { createPublisher, type Publisher } from '../publish.js';
import { INTERVIEW_GONE } from '../sight.js';
import { guarded, type ListenerDeps } from './listener.js';
import { problemText } from '../wording/problems.js';

type ActionElement = BlockAction['actions'][number];

/** What opens a modal instead of recording at once. */
type ModalKind = 'note' | 'fact-modal' | 'vague-modal' | 'na-modal' | 'evidence-modal' | 'answer-modal';

/** Reads the answer an element stands for; a modal kind for the elements that open one, 'na-confirm' for the N/A confirmation, 'done' for a choice list's Done. */
function toAnswer(action: ActionElement): AnswerAction | ModalKind | 'na-confirm' | 'done' | null {
  const id = action.action_id;
  const value = 'value' in action ? action.value : undefined;
  if (id === ACTION.chooseSelect && action.type === 'static_select') return { kind: 'choose', choices: [action.selected_option.value], final: true };
  if (id === ACTION.chooseMany && (action.type === 'checkboxes' || action.type === 'multi_static_select'))
    return { kind: 'choose', choices: action.selected_options.flatMap((o) => (o.value === undefined ? [] : [o.value])), final: false };
  // Each tick is recorded as it is made; "Done" confirms what the person ticked (nothing ticked: none apply).
  if (id === ACTION.chooseDone) return 'done';
  if (id.startsWith(`${ACTION.choose}.`) && value !== undefined) return { kind: 'choose', choices: [value], final: true };
  if (id === ACTION.answerOpen) return 'answer-modal';
  if (id.startsWith(`${ACTION.rate}.`)) return { kind: 'rate', level: Number(value) };
  // "Evidence shown" records what was seen, asked in a modal.
  if (id === `${ACTION.evidence}.shown`) return 'evidence-modal';
  const state = EVIDENCE_STATES.find((s) => s === value);
  if (id.startsWith(`${ACTION.evidence}.`) && state) return { kind: 'evidence', state };
  if (id === ACTION.na) return 'na-modal';
  if (id === ACTION.naConfirm) return 'na-confirm';
  if (id === ACTION.skip) return { kind: 'skip' };
  if (id.startsWith(`${ACTION.factBool}.`)) return { kind: 'fact', value: { type: 'boolean', value: value === 'true' } };
  if (id === ACTION.factNone) return { kind: 'fact', value: { type: 'none' } };
  if (id === ACTION.factDate && action.type === 'datepicker' && action.selected_date) return { kind: 'fact', value: { type: 'date', value: action.selected_date } };
  if (id === ACTION.note) return 'note';
  if (id === ACTION.vague) return 'vague-modal';
  if (id === ACTION.factOpen) return 'fact-modal';
  return null;
}

/** How to answer the person whose answer was not recorded: a problem, or a refusal. */
export interface Answerer {
  tell(message: string): Promise<unknown>;
  refuse(refusal: Refusal): Promise<unknown>;
  /** Tells the person what they recorded. */
  confirm?(question: QuestionView): Promise<unknown>;
}

/** Shows what an answer changed: the question message, then the next question or the summary. */
export async function publishOutcome(publisher: Publisher, outcome: AnswerOutcome, answerer: Answerer, messageTs?: string): Promise<void> {
  if (outcome.kind === 'refused') {
    await answerer.refuse(outcome.refusal);
    return;
  }
  if (outcome.kind !== 'recorded') {
    await answerer.tell(problemText(outcome.problem));
    return;
  }
  // The rater's confirmation, then the next question below it, go out beside the answered question's update instead
  // of after it: people see them sooner, in the order they read them. The next question is posted whether or not the
  // confirmation made it.
  const refreshed = outcome.changed ? publisher.refreshQuestion(outcome.question, messageTs) : Promise.resolve();
  const confirmed = Promise.resolve(answerer.confirm?.(outcome.question));
  const { next: nextQuestion } = outcome;
  const post = () => (nextQuestion ? publisher.postQuestion(nextQuestion, refreshed) : undefined);
  await allDone([refreshed, confirmed, confirmed.then(post, post)]);
  if (outcome.summary) await publisher.postSummary(outcome.summary);
  if (outcome.revisedSummary?.interview.summaryTs) await publisher.postSummary(outcome.revisedSummary);
}

/** Waits for every one of `work`, then fails with the first failure, if any: nothing is left running unseen. */
async function allDone(work: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export function register(app: App, deps: ListenerDeps): void {
  const { flows } = deps;
  const actors = deps.people.actor;
  const { gate } = deps;
  const flow = flows.interview;
  app.action<BlockAction>(QUESTION_ACTIONS, async ({ ack, body, action, client, respond, logger }) => {
    await ack();
    const ephemeral = (m: RenderedMessage) => respond({ response_type: 'ephemeral', replace_original: false, ...m });
    const tell = (message: string) => ephemeral(renderProblem(message));
    const target = parseQuestionBlockId(action.block_id);
    const answer = toAnswer(action);
    if (!target || answer === null) {
      await tell('That control is not one I know any more; the message may be from an older version of vet.');
      return;
    }
    const publisher = createPublisher(client, flow, logger);
    const messageTs = containerTs(body) ?? undefined;
    const place = clickPlace(body);
    // Nothing was recorded: say why where the person clicked (in the thread), seen only by them.
    const refuse = async (refusal: Refusal) => {
      const m = await gate.message(body.user.id, target.interviewId, refusal);
      return place ? tellAt(client, place, body.user.id, m) : ephemeral(m);
    };
    // What the flow says of a question (it is finished, it has no N/A to confirm) tells that the vetting exists: to
    // someone who may not see it, the answer an unknown id gets (sight.ts).
    const tellSeen = async (message: string) => tell((await gate.maySee(body.user.id, target.interviewId)) ? message : INTERVIEW_GONE);
    const failure = {
      what: `action ${action.action_id}`,
      user: body.user.id,
      tell,
      failed: (code: string | null) =>
        `Something went wrong (${code ?? 'internal error'}). Your answer is kept if it was recorded; \`/vet status <vendor>\` posts a question or summary that did not make it into the thread.`,
    };
    await guarded(logger, failure, async () => {
      const actor = await actors(body.user.id, body.user.team_id);
      if (answer === 'done') {
        const opened = await flow.questionFor(actor, target.interviewId, target.questionId);
        if (opened.kind === 'not-found') return void (await tellSeen(problemText(opened.problem)));
        if (opened.kind === 'refused') return void (await refuse(opened.refusal));
        const ticked = opened.view.answers.find((a) => a.evaluatorId === actor.userId && a.status === 'rated')?.choices ?? [];
        const done: AnswerAction = { kind: 'choose', choices: ticked, final: true };
        return void (await publishOutcome(publisher, await flow.answer({ ...target, actor, action: done }), { tell: tellSeen, refuse }, messageTs));
      }
      if (answer === 'na-confirm') return void (await publishOutcome(publisher, await flow.confirmNa({ ...target, actor }), { tell: tellSeen, refuse }, messageTs));
      if (answer === 'note' || answer === 'fact-modal' || answer === 'vague-modal' || answer === 'na-modal' || answer === 'evidence-modal' || answer === 'answer-modal') {
        // N/A is offered only where the bank allows it; a forged click elsewhere is told why and opens nothing.
        const opened = answer === 'na-modal' ? await flow.naFor(actor, target.interviewId, target.questionId) : await flow.questionFor(actor, target.interviewId, target.questionId);
        if (opened.kind === 'not-found' || opened.kind === 'invalid') return void (await tellSeen(problemText(opened.problem)));
        if (opened.kind === 'refused') return void (await refuse(opened.refusal));
        const v = opened.view;
        const meta = { ...target, channelId: v.interview.channelId, messageTs: v.messageTs ?? messageTs ?? null, threadTs: v.interview.threadTs };
        if (answer === 'vague-modal' && !v.result.notes?.vague) return void (await tell('The notes on that question are not judged vague (any more): there is nothing to override.'));
        const mine = v.answers.find((a) => a.evaluatorId === actor.userId)?.text ?? null;
        const modals = {
          note: noteModal,
          'fact-modal': factModal,
          'na-modal': naModal,
          'evidence-modal': evidenceSeenModal,
          'answer-modal': (m: typeof meta, q: typeof v.question) => answerModal(m, q, mine),
          'vague-modal': (m: typeof meta, q: typeof v.question) => vagueOverrideModal(m, q, v.result.notes?.reason ?? null),
        };
        await client.views.open({ trigger_id: body.trigger_id, view: modals[answer](meta, v.question) });
        return;
      }
      // Evidence marks go through the evidence flow: "promised" opens a request, "shown" fulfils one.
      // A rating is confirmed to the clicker alone (renderYourRating says why).
      const confirm = async (q: QuestionView) => {
        const mine = renderYourRating(q, body.user.id);
        if (mine) await (place ? tellAt(client, place, body.user.id, mine) : ephemeral(mine));
      };
      if (answer.kind !== 'evidence')
        return void (await publishOutcome(publisher, await flow.answer({ ...target, actor, action: answer }), { tell: tellSeen, refuse, ...(answer.kind === 'rate' && { confirm }) }, messageTs));
      const outcome = await flows.evidence.markEvidence({ ...target, actor, state: answer.state });
      await publishOutcome(publisher, outcome, { tell: tellSeen, refuse }, messageTs);
      if (outcome.stillChased) {
        const still = renderStillChased(target.interviewId, outcome.stillChased);
        await (place ? tellAt(client, place, body.user.id, still) : ephemeral(still));
      }
    });
  });
}
