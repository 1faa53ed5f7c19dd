// Modal submissions: a note (with an optional evidence link), number/list facts, free-text answers, and an override
// of a vague judgement.
import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../flows/actor.js';
import type { AnswerOutcome } from '../../flows/views.js';
import type { Refusal } from '../../flows/permissions.js';
import { AUDIT_OPINIONS, type FactValue, type ReportQuality } from '../../questions/model.js';
import type { AnswerAction } from '../../flows/views.js';
import { parseNameList } from '../../scoring/facts.js';
import { renderProblem } from '../blocks/interview.js';
import { tellAt } from '../ephemeral.js';
import { CALLBACK, INPUT, type ModalMeta } from '../ids.js';
import { createPublisher } from '../publish.js';
import type { RefusalGate } from '../sight.js';
import { isHttpUrl } from '../../config.js';
import { publishOutcome, type Answerer } from './actions.js';
import { guarded, type ListenerDeps } from './listener.js';
import { openSubmission, type FieldErrorAck, type Submission } from './submission.js';
import { noteIgnoredText, problemText } from '../wording/problems.js';

type Values = ViewSubmitAction['view']['state']['values'];

function inputValue(values: Values, id: string): string {
  return (values[id]?.[id]?.value ?? '').trim();
}

/**
 * A report's modal: its date and the readings it asked for (only the blocks present were asked). Each field with a
 * problem gets its own message, shown on the field.
 */
export function readReport(values: Values): { ok: true; value: FactValue } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const date = values[INPUT.reportDate]?.[INPUT.reportDate]?.selected_date ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors[INPUT.reportDate] = 'Pick the date.';
  const report: ReportQuality = {};
  const count = (id: string): number | undefined => {
    if (!values[id]) return undefined;
    const raw = inputValue(values, id);
    const n = Number(raw);
    if (raw === '' || !Number.isInteger(n) || n < 0) errors[id] = 'Enter a whole number, 0 or more.';
    return n;
  };
  if (values[INPUT.opinion]) {
    const picked = values[INPUT.opinion]?.[INPUT.opinion]?.selected_option?.value;
    const opinion = AUDIT_OPINIONS.find((o) => o === picked);
    if (opinion) report.opinion = opinion;
    else errors[INPUT.opinion] = "Pick the auditor's opinion.";
  }
  const exceptions = count(INPUT.exceptions);
  if (exceptions !== undefined) report.exceptions = exceptions;
  if (values[INPUT.carveOuts]) report.carveOuts = parseNameList(inputValue(values, INPUT.carveOuts));
  // A control is a sentence, commas and all: one per line.
  if (values[INPUT.cuecs])
    report.cuecs = [
      ...new Set(
        inputValue(values, INPUT.cuecs)
          .split('\n')
          .map((l) => l.trim().replace(/\s+/g, ' '))
          .filter((l) => l !== ''),
      ),
    ];
  const openCritical = count(INPUT.openCritical);
  const openHigh = count(INPUT.openHigh);
  if (openCritical !== undefined) report.openCritical = openCritical;
  if (openHigh !== undefined) report.openHigh = openHigh;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { type: 'date', value: date, report } };
}

/** Answers the person who submitted, in the interview's thread: a problem, or why they may not answer. */
function answerer(client: WebClient, { meta, place }: Submission, user: string, gate: RefusalGate): Answerer {
  return {
    tell: (message: string) => tellAt(client, place, user, renderProblem(message)),
    refuse: async (refusal: Refusal) => tellAt(client, place, user, await gate.message(user, meta.interviewId, refusal)),
  };
}

export function register(app: App, deps: ListenerDeps): void {
  const flow = deps.flows.interview;
  const actors = deps.people.actor;
  const { gate } = deps;
  const open = (view: ViewSubmitAction['view'], userId: string, field: string, ack: FieldErrorAck, what: string, logger: App['logger']) =>
    openSubmission(deps, logger, { view, userId, field, ack, what });

  /** A modal that records an answer: checked for an empty field in the modal, then recorded and shown like a click. */
  const answering =
    (field: string, empty: string, record: (meta: ModalMeta, actor: Actor, value: string) => Promise<AnswerOutcome>, what: string) =>
    async ({ ack, body, view, client, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
      const value = inputValue(view.state.values, field);
      if (value === '') return void (await ack({ response_action: 'errors', errors: { [field]: empty } }));
      const sub = await open(view, body.user.id, field, ack, what, logger);
      if (!sub) return;
      await ack();
      const answer = answerer(client, sub, body.user.id, gate);
      await guarded(logger, { what, user: body.user.id, tell: answer.tell, failed: () => `That ${what} could not be recorded; please enter it again.` }, async () => {
        const outcome = await record(sub.meta, await actors(body.user.id, body.user.team_id), value);
        await publishOutcome(createPublisher(client, flow, logger), outcome, answer);
      });
    };

  app.view<ViewSubmitAction>(
    CALLBACK.na,
    answering(
      INPUT.naReason,
      'Say why the question does not apply to this vendor: an N/A without a reason is not accepted.',
      (meta, actor, reason) => flow.answer({ interviewId: meta.interviewId, questionId: meta.questionId, actor, action: { kind: 'na', reason } }),
      'N/A',
    ),
  );
  app.view<ViewSubmitAction>(
    CALLBACK.evidenceSeen,
    answering(
      INPUT.seen,
      'Say what you saw, in one line: e.g. "audit log of PR 4812 on screen share".',
      (meta, actor, seen) => deps.flows.evidence.markEvidence({ interviewId: meta.interviewId, questionId: meta.questionId, actor, state: 'shown', seen }),
      'evidence',
    ),
  );

  app.view<ViewSubmitAction>(CALLBACK.note, async ({ ack, body, view, client, logger }) => {
    const note = inputValue(view.state.values, INPUT.note);
    const link = inputValue(view.state.values, INPUT.link);
    if (note === '') return void (await ack({ response_action: 'errors', errors: { [INPUT.note]: 'Write the note first.' } }));
    if (link !== '' && !isHttpUrl(link)) return void (await ack({ response_action: 'errors', errors: { [INPUT.link]: 'Use a full http(s) link, e.g. https://…' } }));
    const sub = await open(view, body.user.id, INPUT.note, ack, 'note modal', logger);
    if (!sub) return;
    const { meta } = sub;
    await ack();
    const answer = answerer(client, sub, body.user.id, gate);
    await guarded(logger, { what: 'note modal', user: body.user.id, tell: answer.tell, failed: () => 'Your note could not be saved; please add it again.' }, async () => {
      const outcome = await flow.addNote({
        interviewId: meta.interviewId,
        actor: await actors(body.user.id, body.user.team_id),
        text: note,
        link: link || null,
        source: { kind: 'modal', viewId: view.id, questionId: meta.questionId },
      });
      if (outcome.kind === 'stored') {
        const publisher = createPublisher(client, flow, logger);
        await publisher.refreshQuestion(outcome.question);
        if (outcome.revisedSummary?.interview.summaryTs) await publisher.postSummary(outcome.revisedSummary);
      } else if (outcome.kind === 'refused') await answer.refuse(outcome.refusal);
      else if (outcome.kind === 'invalid') await answer.tell(problemText(outcome.problem));
      else if (outcome.kind === 'ignored') await answer.tell(`Your note was not saved: ${noteIgnoredText(outcome.why)}.`);
    });
  });

  app.view<ViewSubmitAction>(CALLBACK.vague, async ({ ack, body, view, client, logger }) => {
    const reason = inputValue(view.state.values, INPUT.reason);
    if (reason === '') return void (await ack({ response_action: 'errors', errors: { [INPUT.reason]: 'Say why the answer is not vague.' } }));
    const sub = await open(view, body.user.id, INPUT.reason, ack, 'vague override', logger);
    if (!sub) return;
    const { meta } = sub;
    await ack();
    const answer = answerer(client, sub, body.user.id, gate);
    await guarded(logger, { what: 'vague override', user: body.user.id, tell: answer.tell, failed: () => 'The override could not be recorded; please try again.' }, async () => {
      const outcome = await flow.overrideVague({ interviewId: meta.interviewId, questionId: meta.questionId, actor: await actors(body.user.id, body.user.team_id), reason });
      if (outcome.kind === 'stored') {
        const publisher = createPublisher(client, flow, logger);
        await publisher.refreshQuestion(outcome.question);
        if (outcome.revisedSummary?.interview.summaryTs) await publisher.postSummary(outcome.revisedSummary);
      } else if (outcome.kind === 'refused') await answer.refuse(outcome.refusal);
      else await answer.tell(`The override was not recorded: ${problemText(outcome.problem)}`);
    });
  });

  app.view<ViewSubmitAction>(CALLBACK.fact, async ({ ack, body, view, client, logger }) => {
    const values = view.state.values;
    let action: AnswerAction;
    // The fact's own input: a refusal is shown under it.
    let field: string;
    if (values[INPUT.answer]) {
      const text = inputValue(values, INPUT.answer);
      if (text === '') return void (await ack({ response_action: 'errors', errors: { [INPUT.answer]: 'Write what the vendor answered.' } }));
      action = { kind: 'text', value: text };
      field = INPUT.answer;
    } else if (values[INPUT.reportDate]) {
      const report = readReport(values);
      if (!report.ok) return void (await ack({ response_action: 'errors', errors: report.errors }));
      action = { kind: 'fact', value: report.value };
      field = INPUT.reportDate;
    } else if (values[INPUT.number]) {
      const raw = inputValue(values, INPUT.number);
      const n = Number(raw);
      if (raw === '' || !Number.isFinite(n) || n < 0) return void (await ack({ response_action: 'errors', errors: { [INPUT.number]: 'Enter a number of zero or more.' } }));
      action = { kind: 'fact', value: { type: 'number', value: n } };
      field = INPUT.number;
    } else {
      const names = parseNameList(inputValue(values, INPUT.list));
      if (names.length === 0) return void (await ack({ response_action: 'errors', errors: { [INPUT.list]: 'Enter at least one name.' } }));
      action = { kind: 'fact', value: { type: 'list', value: names } };
      field = INPUT.list;
    }
    const sub = await open(view, body.user.id, field, ack, 'fact modal', logger);
    if (!sub) return;
    const { meta } = sub;
    await ack();
    const answer = answerer(client, sub, body.user.id, gate);
    await guarded(logger, { what: 'fact modal', user: body.user.id, tell: answer.tell, failed: () => 'That answer could not be recorded; please enter it again.' }, async () => {
      const actor = await actors(body.user.id, body.user.team_id);
      const outcome = await flow.answer({ interviewId: meta.interviewId, questionId: meta.questionId, actor, action });
      await publishOutcome(createPublisher(client, flow, logger), outcome, answer);
    });
  });
}
