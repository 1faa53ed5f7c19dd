// End to end: a vague note holds the rating at Claimed, vague, and an evaluator overrides the judgement with a
// reason through the question's "Not vague…" button and its modal; the reason is audited and shown, escaped.
import { afterEach, describe, expect, it } from 'vitest';
import { createInterviewFlow } from '../src/flows/interview.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { listAudit } from '../src/store/audit.js';
import type { FakeMessage } from './support/fakeSlack.js';
import { allText } from './support/blocks.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { createStore } from '../src/store/store.js';

const CHANNEL = 'C0VAGUE';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const actionIds = (m: FakeMessage) => (m.blocks ?? []).flatMap((b: any) => (b.type === 'actions' ? b.elements.map((e: any) => e.action_id as string) : []));
const postCount = () => t.fake.callsTo('chat.postMessage').length;
const updateCount = () => t.fake.callsTo('chat.update').length;

async function startInterview(vendor: string) {
  const before = postCount();
  await t.slack.command(`start ${vendor}`, { userId: 'U0ALICE', channelId: CHANNEL });
  await t.fake.waitFor(() => postCount() >= before + 2);
  const parent = t.fake
    .messages({ channel: CHANNEL })
    .filter((m) => !m.thread_ts)
    .at(-1)!;
  const first = t.fake.messages({ channel: CHANNEL, thread_ts: parent.ts }).find((m) => actionIds(m).length > 0)!;
  return { parent, first };
}

async function openModal(message: FakeMessage, actionId: string, userId: string) {
  const opened = t.fake.views.length;
  await t.slack.click(message, { actionId }, { userId, triggerId: `trig-${Date.now()}` });
  await t.fake.waitFor(() => t.fake.views.length > opened);
  return t.fake.views.at(-1)!;
}

async function submitAndWait(view: { id: string; view: any }, values: Record<string, string>, userId: string) {
  const updates = updateCount();
  const reply = await t.slack.submitView(view.view, values, { userId, viewId: view.id });
  expect(reply.status).toBe(200);
  await t.fake.waitFor(() => updateCount() > updates);
  return reply;
}

describe('vague answers in Slack', () => {
  it('holds a Specific rating at Claimed, vague while the note is vague, and an evaluator overrides it with a reason', async () => {
    t = await startTestApp();
    const { parent, first } = await startInterview('Initech');
    const thread = () => t.fake.messages({ channel: CHANNEL, thread_ts: parent.ts });
    const question = () => thread().find((m) => m.ts === first.ts)!;

    // A vague note through the note modal, then a Specific rating (which posts the next question).
    await submitAndWait(await openModal(question(), 'vet.note', 'U0ALICE'), { note: 'Their CTO seemed confident; they follow best practices.', link: '' }, 'U0ALICE');
    const posts = postCount();
    const updates = updateCount();
    await t.slack.click(question(), { actionId: 'vet.rate.2' }, { userId: 'U0ALICE', value: '2' });
    await t.fake.waitFor(() => postCount() > posts && updateCount() > updates);

    const held = allText(question());
    expect(held).toContain('*Counts as:* Claimed, vague (held: the notes are vague and no evidence was shown)');
    expect(held).toContain(':warning: Vague answer (');
    expect(actionIds(question())).toContain('vet.vague');

    // Someone who is not an evaluator gets no modal, only an answer where they clicked.
    const views = t.fake.views.length;
    const ephemerals = t.fake.ephemerals.length;
    await t.slack.click(question(), { actionId: 'vet.vague' }, { userId: 'U0MALLORY', triggerId: 'trig-mallory' });
    await t.fake.waitFor(() => t.fake.ephemerals.length > ephemerals);
    expect(t.fake.views.length).toBe(views);
    expect(t.fake.ephemerals.at(-1)!.user).toBe('U0MALLORY');

    // An empty reason is refused in the modal itself; a reason is recorded, audited and shown, escaped.
    const modal = await openModal(question(), 'vet.vague', 'U0ALICE');
    expect(allText(modal.view)).toContain('judged vague (');
    const empty = await t.slack.submitView(modal.view, { reason: '   ' }, { userId: 'U0ALICE', viewId: modal.id });
    expect(empty.json()).toEqual({ response_action: 'errors', errors: { reason: 'Say why the answer is not vague.' } });
    await submitAndWait(modal, { reason: 'The walk-through on screen named 3 PRs <!channel>' }, 'U0ALICE');

    const overridden = allText(question());
    expect(overridden).toContain('*Counts as:* Specific');
    expect(overridden).toContain('overridden by <@U0ALICE>: “The walk-through on screen named 3 PRs &lt;!channel&gt;”');
    expect(overridden).not.toContain(':warning:');
    expect(actionIds(question())).not.toContain('vet.vague');

    const interview = (await createInterviewFlow({ store: createStore(t.db), bank: STANDARD_BANK, clock: t.clock }).findByThread(CHANNEL, parent.ts))!;
    const audit = (await listAudit(t.db, interview.id)).filter((e) => e.action === 'vague.overridden');
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'U0ALICE',
        detail: { questionId: STANDARD_BANK.questions[0]!.id, reason: 'The walk-through on screen named 3 PRs <!channel>', judged: expect.any(String) },
      }),
    ]);
  });

  it('answers a stale "Not vague…" button clearly once a specific note made the answer specific', async () => {
    t = await startTestApp();
    const { parent, first } = await startInterview('Hooli');
    const question = () => t.fake.messages({ channel: CHANNEL, thread_ts: parent.ts }).find((m) => m.ts === first.ts)!;
    await submitAndWait(await openModal(question(), 'vet.note', 'U0ALICE'), { note: 'Reviews are thorough, usually.', link: '' }, 'U0ALICE');
    const stale = structuredClone(question());
    expect(actionIds(stale)).toContain('vet.vague');
    await submitAndWait(await openModal(question(), 'vet.note', 'U0ALICE'), { note: 'PR #412: 2 approvals, merged after 5 hours.', link: '' }, 'U0ALICE');
    expect(actionIds(question())).not.toContain('vet.vague');
    const views = t.fake.views.length;
    const responses = t.fake.responses.length;
    await t.slack.click(stale, { actionId: 'vet.vague' }, { userId: 'U0ALICE', triggerId: 'trig-stale' });
    await t.fake.waitFor(() => t.fake.responses.length > responses);
    expect(allText(t.fake.responses.at(-1)!.body)).toContain('not judged vague');
    expect(t.fake.views.length).toBe(views);
  });
});
