// Modal submissions: a note (with an optional evidence link) and number/list facts.
import type { App, ViewSubmitAction } from '@slack/bolt';
import type { InterviewFlow } from '../../flows/interview.js';
import { parseNameList } from '../../scoring/facts.js';
import { renderProblem } from '../blocks/interview.js';
import { CALLBACK, decodeMeta, INPUT } from '../ids.js';
import { createPublisher, slackError } from '../publish.js';
import { isHttpUrl } from '../../config.js';
import { publishOutcome } from './actions.js';

type Values = ViewSubmitAction['view']['state']['values'];

function inputValue(values: Values, id: string): string {
  return (values[id]?.[id]?.value ?? '').trim();
}

export function registerViews(app: App, flow: InterviewFlow): void {
  app.view<ViewSubmitAction>(CALLBACK.note, async ({ ack, body, view, client, logger }) => {
    const meta = decodeMeta(view.private_metadata);
    const note = inputValue(view.state.values, INPUT.note);
    const link = inputValue(view.state.values, INPUT.link);
    if (!meta) return void (await ack());
    if (note === '') return void (await ack({ response_action: 'errors', errors: { [INPUT.note]: 'Write the note first.' } }));
    if (link !== '' && !isHttpUrl(link)) return void (await ack({ response_action: 'errors', errors: { [INPUT.link]: 'Use a full http(s) link, e.g. https://…' } }));
    await ack();
    const tell = (message: string) => client.chat.postEphemeral({ channel: meta.channelId, user: body.user.id, ...renderProblem(message) });
    try {
      const outcome = await flow.addNote({
        interviewId: meta.interviewId,
        questionId: meta.questionId,
        userId: body.user.id,
        text: note,
        link: link || null,
        sourceKey: `view:${view.id}`,
      });
      if (outcome.kind === 'stored') {
        const publisher = createPublisher(client, flow, logger);
        await publisher.refreshQuestion(outcome.question, meta.messageTs ?? undefined);
        if (outcome.revisedSummary?.interview.summaryTs) await publisher.postSummary(outcome.revisedSummary);
      } else if (outcome.kind === 'invalid') await tell(outcome.message);
    } catch (e) {
      logger.error(`saving a note failed: ${slackError(e) ?? String(e)}`);
      await tell('Your note could not be saved; please add it again.').catch(() => undefined);
    }
  });

  app.view<ViewSubmitAction>(CALLBACK.fact, async ({ ack, body, view, client, logger }) => {
    const meta = decodeMeta(view.private_metadata);
    if (!meta) return void (await ack());
    const values = view.state.values;
    let value;
    if (values[INPUT.number]) {
      const raw = inputValue(values, INPUT.number);
      const n = Number(raw);
      if (raw === '' || !Number.isFinite(n) || n < 0) return void (await ack({ response_action: 'errors', errors: { [INPUT.number]: 'Enter a number of zero or more.' } }));
      value = { type: 'number' as const, value: n };
    } else {
      const names = parseNameList(inputValue(values, INPUT.list));
      if (names.length === 0) return void (await ack({ response_action: 'errors', errors: { [INPUT.list]: 'Enter at least one name.' } }));
      value = { type: 'list' as const, value: names };
    }
    await ack();
    const tell = (message: string) => client.chat.postEphemeral({ channel: meta.channelId, user: body.user.id, ...renderProblem(message) });
    try {
      const outcome = await flow.answer({ interviewId: meta.interviewId, questionId: meta.questionId, userId: body.user.id, action: { kind: 'fact', value } });
      await publishOutcome(createPublisher(client, flow, logger), outcome, tell, meta.messageTs ?? undefined);
    } catch (e) {
      logger.error(`recording a fact failed: ${slackError(e) ?? String(e)}`);
      await tell('That answer could not be recorded; please enter it again.').catch(() => undefined);
    }
  });
}
