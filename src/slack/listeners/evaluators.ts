// Who evaluates a vetting: the Evaluators button on the parent message and its modal, and `/vet evaluators`.
// The lead or an admin changes them; every change is said in the thread.
import type { App, BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt';
import type { Actor } from '../../flows/actor.js';
import type { InterviewFlow } from '../../flows/interview.js';
import type { EvaluatorsOutcome } from '../../flows/views.js';
import type { People } from '../actor.js';
import { evaluatorsModal, leftOutLines, leftOutPlain, refusalPlain, renderEvaluatorList, renderEvaluatorResult, renderRefusal } from '../blocks/evaluators.js';
import { renderProblem } from '../blocks/interview.js';
import type { RenderedMessage } from '../blocks/question.js';
import type { EvaluatorChange } from '../command.js';
import { clickPlace, tellAt } from '../ephemeral.js';
import { ACTION, CALLBACK, decodeEvaluatorsMeta, INPUT, parseInterviewId } from '../ids.js';
import { createPublisher, slackError, type Publisher } from '../publish.js';
import { INTERVIEW_GONE } from '../sight.js';
import { guarded, type ListenerDeps } from './listener.js';
import { problemText } from '../wording/problems.js';

/**
 * `/vet evaluators <vendor> [add|remove @person …]`, in the channel where the vendor's interview runs or ran. Only
 * the people `screen` accepts are added; the others are named in the answer, with why.
 */
export async function evaluatorsCommand(
  flow: InterviewFlow,
  publisher: Publisher,
  screen: People['screen'],
  input: { vendor: string; change: EvaluatorChange | null; channelId: string; actor: Actor },
  reply: (m: RenderedMessage) => Promise<unknown>,
): Promise<void> {
  const found = await flow.inChannel(input.vendor, input.channelId);
  if (!found.ok) return void (await reply(renderProblem(problemText(found.problem))));
  const interviewId = found.interview.id;
  if (!input.change) {
    const listed = await flow.listEvaluators(input.actor, interviewId);
    if (listed.kind === 'ok') await reply(renderEvaluatorList(listed.view));
    else await reply(listed.kind === 'refused' ? renderRefusal(listed.refusal) : renderProblem(problemText(listed.problem)));
    return;
  }
  const { action, users } = input.change;
  // Removing needs no check: someone who may not be an evaluator is best removed.
  const screening = action === 'add' ? await screen(users) : null;
  const add = screening?.accepted ?? [];
  const outcome = await flow.changeEvaluators({ interviewId, actor: input.actor, add, remove: action === 'remove' ? users : [] });
  if (outcome.kind === 'refused') return void (await reply(renderRefusal(outcome.refusal)));
  if (outcome.kind !== 'changed') return void (await reply(renderProblem(problemText(outcome.problem))));
  await publisher.evaluatorsChanged(outcome);
  await reply(renderEvaluatorResult(outcome, screening ? leftOutLines(screening, found.interview.vendor.name) : []));
}

export function register(app: App, deps: ListenerDeps): void {
  const flow = deps.flows.interview;
  const actors = deps.people.actor;
  const screen = deps.people.screen;
  const { gate } = deps;
  app.action<BlockAction<ButtonAction>>(ACTION.evaluators, async ({ ack, body, action, client, logger }) => {
    await ack();
    const place = clickPlace(body);
    if (!place) return void logger.warn(`evaluators button by ${body.user.id}: Slack said no channel, so there is nowhere to answer`);
    const tell = (m: RenderedMessage) => tellAt(client, place, body.user.id, m);
    const interviewId = parseInterviewId(action.value);
    if (interviewId === null) return void (await tell(renderProblem('That button is not one I know any more; use `/vet evaluators <vendor>`.')));
    const failure = {
      what: 'the evaluators button',
      user: body.user.id,
      tell: (message: string) => tell(renderProblem(message)),
      failed: (code: string | null) => `Something went wrong (${code ?? 'internal error'}); nothing was changed. Try again.`,
    };
    await guarded(logger, failure, async () => {
      const opened = await flow.evaluatorsFor(await actors(body.user.id, body.user.team_id), interviewId);
      if (opened.kind === 'refused') return void (await tell(await gate.message(body.user.id, interviewId, opened.refusal)));
      if (opened.kind === 'not-found') return void (await tell(renderProblem(problemText(opened.problem))));
      await client.views.open({ trigger_id: body.trigger_id, view: evaluatorsModal({ interviewId }, opened.view) });
    });
  });

  app.view<ViewSubmitAction>(CALLBACK.evaluators, async ({ ack, body, view, client, logger }) => {
    const meta = decodeEvaluatorsMeta(view.private_metadata);
    const error = (message: string) => ack({ response_action: 'errors', errors: { [INPUT.evaluators]: message } });
    if (!meta) return void (await error('This form is from an older version of vet: close it and click Evaluators again.'));
    const failure = { what: `saving the evaluators of interview ${meta.interviewId}`, user: body.user.id, tell: error, failed: () => 'Could not save this just now; nothing was changed. Try again.' };
    const outcome = await guarded(logger, failure, async (): Promise<EvaluatorsOutcome | null> => {
      const selected = view.state.values[INPUT.evaluators]?.[INPUT.evaluators]?.selected_users ?? [];
      const actor = await actors(body.user.id, body.user.team_id);
      // Picks that may not evaluate keep the modal open, saying whom to remove: nothing is saved until all may. (What
      // is said of a pick is the same whatever the vetting.)
      const screening = await screen(selected);
      const leftOut = leftOutPlain(screening);
      if (leftOut) {
        await error(leftOut);
        return null;
      }
      // Before the refusal is said, which would name a vetting the person may not see.
      if (!(await gate.maySee(body.user.id, meta.interviewId))) {
        await error(INTERVIEW_GONE);
        return null;
      }
      return flow.setEvaluators({ interviewId: meta.interviewId, actor, evaluators: screening.accepted });
    });
    if (!outcome) return;
    if (outcome.kind === 'refused') return void (await error(refusalPlain(outcome.refusal)));
    if (outcome.kind !== 'changed') return void (await error(problemText(outcome.problem)));
    await ack();
    try {
      await createPublisher(client, flow, logger).evaluatorsChanged(outcome);
    } catch (e) {
      // The change is saved; the thread shows it with the next update of the parent message.
      logger.warn(`evaluators of interview ${meta.interviewId} changed, but the thread could not be told: ${slackError(e) ?? String(e)}`);
    }
  });
}
