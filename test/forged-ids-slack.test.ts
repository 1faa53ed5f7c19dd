// Issue 20 item 4, for every click and modal submission that carries an id: signed as Slack signs them, carrying the
// id of a vetting (a question, a file, a flag, a decision) of a private channel the clicker is not in, they get
// exactly the answer an id that never existed gets, naming neither the vendor nor its lead, and change nothing.
// The table is checked against what the listeners register: a new action or modal needs its case here.
import { App } from '@slack/bolt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVIDENCE_ACTION, EVIDENCE_CALLBACK } from '../src/slack/blocks/evidence.js';
import { VENDOR_ASK } from '../src/slack/blocks/vendorAnswers.js';
import { VENDOR_ACTION } from '../src/slack/blocks/vendorSide.js';
import { LISTENERS } from '../src/slack/createApp.js';
import { ACTION, CALLBACK } from '../src/slack/ids.js';
import { isQuestion } from './support/blocks.js';
import type { FakeMessage } from './support/fakeSlack.js';
import { type ClickTarget, mention, type Reply } from './support/slackClient.js';
import { CORE_TEAM, checklistValues } from './support/checklist.js';
import { startTestApp, type TestApp } from './support/testApp.js';

const CHANNEL = 'C0VET';
const PRIVATE = 'G0SECRET';
const LEAD = 'U0ALICE';
const BOB = 'U0BOB';
/** In the workspace, not in the private channel: the one forging. */
const CAROL = 'U0CAROL';
/** An id of each kind that never existed. */
const UNKNOWN = 987654;

type Which = 'forged' | 'unknown';

interface Case {
  kind: 'action' | 'view';
  /** The action_id clicked, or the callback_id of the modal submitted. */
  id: string;
  /** What is sent, with the private vetting's ids or with unknown ones. */
  send?: (which: Which) => Promise<Reply>;
  /** Set for what carries no id of a vetting, saying where its own forging is tested. */
  noId?: string;
  /** Makes the unknown id's answer comparable where the request itself is echoed (a vendor name as typed). */
  asForged?: (answer: string) => string;
}

let t: TestApp;
/** The private vetting's ids, and the message Carol clicks on (in her public channel). */
const ids = { interview: 0, question: '', item: 0, flag: 0, decision: 0, vendor: 0, reply: '' };
let where: FakeMessage;
/** The response URLs of Carol's clicks: what is sent there is said to her. */
const carolsUrls = new Set<string>();

const checklist = checklistValues(CORE_TEAM);

const postCount = () => t.fake.callsTo('chat.postMessage').length;

async function startIn(channel: string, text: string): Promise<FakeMessage> {
  const before = postCount();
  expect((await t.slack.command(`start ${text}`, { userId: LEAD, channelId: channel })).status).toBe(200);
  await t.fake.waitFor(() => postCount() >= before + 2);
  return t.fake
    .messages({ channel })
    .filter((m) => !m.thread_ts)
    .at(-1)!;
}

/** `/vet advise` in `channel` by `userId`, answered to post in the channel: the decision's message. */
async function decideIn(channel: string, userId: string): Promise<FakeMessage> {
  const views = t.fake.views.length;
  await t.slack.command('advise', { userId, channelId: channel, triggerId: `trig-advise-${userId}` });
  await t.fake.waitFor(() => t.fake.views.length > views);
  const before = postCount();
  expect((await t.slack.submitView(t.fake.views.at(-1)!.view, checklist, { userId, viewId: t.fake.views.at(-1)!.id })).json()).toBeUndefined();
  await t.fake.waitFor(() => postCount() > before);
  return t.fake
    .messages({ channel })
    .filter((m) => !m.thread_ts)
    .at(-1)!;
}

const questionBlock = (which: Which) => `vet|${which === 'forged' ? ids.interview : UNKNOWN}|${ids.question}|0`;
const pick = (which: Which, forged: number) => (which === 'forged' ? forged : UNKNOWN);
const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });

/** Carol clicks `element` (with `blockId`) on a message of her public channel, as if the bot had put it there. */
function click(blockId: string | undefined, element: Record<string, unknown>, value?: string | string[]) {
  const target: ClickTarget = { channel: where.channel, ts: where.ts, blocks: [{ type: 'actions', ...(blockId && { block_id: blockId }), elements: [element] }] };
  const responseUrl = t.fake.responseUrl();
  carolsUrls.add(responseUrl);
  return t.slack.click(target, { actionId: String(element.action_id) }, { userId: CAROL, triggerId: `trig-${Date.now()}`, responseUrl, ...(value !== undefined && { value }) });
}
const button = (actionId: string, value = 'x') => ({ type: 'button', action_id: actionId, text: { type: 'plain_text', text: 'Go' }, value });
const questionClick = (element: Record<string, unknown>, value?: string | string[]) => (which: Which) => click(questionBlock(which), element, value);

/** Carol submits a modal of `callbackId` with these inputs (action id -> element) and values, and this metadata. */
function submit(callbackId: string, metadata: unknown, inputs: Record<string, Record<string, unknown>>, values: Record<string, string | string[] | null>) {
  const blocks = Object.entries(inputs).map(([actionId, element]) => ({
    type: 'input',
    block_id: actionId,
    label: { type: 'plain_text', text: actionId },
    element: { action_id: actionId, ...element },
  }));
  const view = { callback_id: callbackId, private_metadata: JSON.stringify(metadata), blocks };
  return t.slack.submitView(view, values, { userId: CAROL, viewId: `VFORGED${Date.now()}` });
}
const text = { type: 'plain_text_input' };
const questionMeta = (which: Which) => ({ interviewId: pick(which, ids.interview), questionId: ids.question });
const flagMeta = (which: Which) => ({ flagId: pick(which, ids.flag), source: 'summary', messageTs: null, reply: null, vendor: '', page: 0 });

const CASES: Case[] = [
  // Under a question: each control, its block carrying the interview and question.
  { kind: 'action', id: 'vet.rate.2', send: questionClick(button('vet.rate.2', '2')) },
  { kind: 'action', id: 'vet.evidence.promised', send: questionClick(button('vet.evidence.promised', 'promised')) },
  { kind: 'action', id: 'vet.evidence.shown', send: questionClick(button('vet.evidence.shown', 'shown')) },
  { kind: 'action', id: 'vet.na', send: questionClick(button('vet.na')) },
  { kind: 'action', id: 'vet.na.confirm', send: questionClick(button('vet.na.confirm')) },
  { kind: 'action', id: 'vet.skip', send: questionClick(button('vet.skip')) },
  { kind: 'action', id: 'vet.note', send: questionClick(button('vet.note')) },
  { kind: 'action', id: 'vet.vague', send: questionClick(button('vet.vague')) },
  { kind: 'action', id: 'vet.fact.date', send: questionClick({ type: 'datepicker', action_id: 'vet.fact.date' }, '2026-01-31') },
  { kind: 'action', id: 'vet.fact.bool.yes', send: questionClick(button('vet.fact.bool.yes', 'true')) },
  { kind: 'action', id: 'vet.fact.none', send: questionClick(button('vet.fact.none')) },
  { kind: 'action', id: 'vet.fact.open', send: questionClick(button('vet.fact.open')) },
  { kind: 'action', id: 'vet.choose.1', send: questionClick(button('vet.choose.1', 'a')) },
  { kind: 'action', id: 'vet.choose.select', send: questionClick({ type: 'static_select', action_id: 'vet.choose.select', options: [option('a')] }, 'a') },
  { kind: 'action', id: 'vet.choose.many', send: questionClick({ type: 'checkboxes', action_id: 'vet.choose.many', options: [option('a')] }, ['a']) },
  { kind: 'action', id: 'vet.choose.done', send: questionClick(button('vet.choose.done')) },
  { kind: 'action', id: 'vet.answer.open', send: questionClick(button('vet.answer.open')) },
  { kind: 'action', id: EVIDENCE_ACTION.request, send: questionClick(button(EVIDENCE_ACTION.request)) },
  { kind: 'action', id: EVIDENCE_ACTION.withdraw, send: questionClick(button(EVIDENCE_ACTION.withdraw)) },
  { kind: 'action', id: VENDOR_ASK.action, send: questionClick(button(VENDOR_ASK.action)) },
  // In a vendor's thread: the vetting and question.
  { kind: 'action', id: VENDOR_ACTION.later, send: (which) => click(`vetv|${pick(which, ids.interview)}|${ids.question}`, button(VENDOR_ACTION.later, 'later')) },
  // Under a shared file or link: the file's id.
  { kind: 'action', id: EVIDENCE_ACTION.accept, send: (which) => click(undefined, button(EVIDENCE_ACTION.accept, String(pick(which, ids.item)))) },
  { kind: 'action', id: EVIDENCE_ACTION.reject, send: (which) => click(undefined, button(EVIDENCE_ACTION.reject, String(pick(which, ids.item)))) },
  // Red flags: the flag's id; a page of a vendor's flags: the vendor's name (typed in another case than the private spelling).
  { kind: 'action', id: ACTION.flagResolve, send: (which) => click(`flag|${pick(which, ids.flag)}`, button(ACTION.flagResolve, `${pick(which, ids.flag)}:summary`)) },
  { kind: 'action', id: ACTION.flagAccept, send: (which) => click(`flag|${pick(which, ids.flag)}`, button(ACTION.flagAccept, `${pick(which, ids.flag)}:summary`)) },
  {
    kind: 'action',
    id: ACTION.flagsPage,
    send: (which) => click(undefined, button(ACTION.flagsPage, JSON.stringify({ vendor: which === 'forged' ? 'SECRET CO' : 'NOBODY CO', page: 0 }))),
    asForged: (answer) => answer.replaceAll('NOBODY CO', 'SECRET CO'),
  },
  {
    kind: 'action',
    id: `${ACTION.flagsPage}.next`,
    send: (which) => click(undefined, button(`${ACTION.flagsPage}.next`, JSON.stringify({ vendor: which === 'forged' ? 'SECRET CO' : 'NOBODY CO', page: 1 }))),
    asForged: (answer) => answer.replaceAll('NOBODY CO', 'SECRET CO'),
  },
  // The parent message's Evaluators button, a decision's start button, a comparison's post button.
  { kind: 'action', id: ACTION.evaluators, send: (which) => click(undefined, button(ACTION.evaluators, String(pick(which, ids.interview)))) },
  { kind: 'action', id: ACTION.adviseStart, send: (which) => click(undefined, button(ACTION.adviseStart, String(pick(which, ids.decision)))) },
  { kind: 'action', id: ACTION.comparePost, send: (which) => click(undefined, button(ACTION.comparePost, `${pick(which, ids.vendor)},${pick(which, ids.vendor) + 1}`)) },

  // Modals of a question: their metadata names the interview and question.
  { kind: 'view', id: CALLBACK.note, send: (which) => submit(CALLBACK.note, questionMeta(which), { note: text }, { note: 'planted' }) },
  { kind: 'view', id: CALLBACK.na, send: (which) => submit(CALLBACK.na, questionMeta(which), { na_reason: text }, { na_reason: 'does not apply' }) },
  { kind: 'view', id: CALLBACK.evidenceSeen, send: (which) => submit(CALLBACK.evidenceSeen, questionMeta(which), { seen: text }, { seen: 'the audit log' }) },
  { kind: 'view', id: CALLBACK.vague, send: (which) => submit(CALLBACK.vague, questionMeta(which), { reason: text }, { reason: 'it is specific' }) },
  { kind: 'view', id: CALLBACK.fact, send: (which) => submit(CALLBACK.fact, questionMeta(which), { number: text }, { number: '3' }) },
  // The same callback as the report's reading (its date) and as a written answer.
  { kind: 'view', id: CALLBACK.fact, send: (which) => submit(CALLBACK.fact, questionMeta(which), { report_date: { type: 'datepicker' } }, { report_date: '2026-01-31' }) },
  { kind: 'view', id: CALLBACK.fact, send: (which) => submit(CALLBACK.fact, questionMeta(which), { answer: text }, { answer: 'we do' }) },
  {
    kind: 'view',
    id: EVIDENCE_CALLBACK.request,
    send: (which) =>
      submit(
        EVIDENCE_CALLBACK.request,
        questionMeta(which),
        { asked: text, chaser: { type: 'users_select' }, due: { type: 'datepicker' }, contact: text },
        { asked: 'the SOC 2 report', chaser: CAROL, due: '2026-12-01', contact: '' },
      ),
  },
  { kind: 'view', id: EVIDENCE_CALLBACK.withdraw, send: (which) => submit(EVIDENCE_CALLBACK.withdraw, questionMeta(which), { reason: text }, { reason: 'no longer needed' }) },
  { kind: 'view', id: VENDOR_ASK.callback, send: (which) => submit(VENDOR_ASK.callback, questionMeta(which), { [VENDOR_ASK.input]: text }, { [VENDOR_ASK.input]: 'please send it' }) },
  { kind: 'view', id: EVIDENCE_CALLBACK.reject, send: (which) => submit(EVIDENCE_CALLBACK.reject, { itemId: pick(which, ids.item) }, { reason: text }, { reason: 'not enough' }) },
  // Flag decisions: the flag's id.
  {
    kind: 'view',
    id: CALLBACK.resolve,
    send: (which) => submit(CALLBACK.resolve, flagMeta(which), { reason: text, seen: text, link: text }, { reason: 'fixed', seen: 'the fix on screen share', link: '' }),
  },
  { kind: 'view', id: CALLBACK.confirmResolve, send: (which) => submit(CALLBACK.confirmResolve, flagMeta(which), { reason: text }, { reason: null }) },
  {
    kind: 'view',
    id: CALLBACK.accept,
    send: (which) =>
      submit(
        CALLBACK.accept,
        flagMeta(which),
        { reason: text, control: text, owner: { type: 'users_select' }, expires: { type: 'datepicker' } },
        { reason: 'accepted for now', control: 'quarterly review', owner: CAROL, expires: '2026-12-31' },
      ),
  },
  // The Evaluators modal: the interview's id.
  {
    kind: 'view',
    id: CALLBACK.evaluators,
    send: (which) => submit(CALLBACK.evaluators, { interviewId: pick(which, ids.interview) }, { evaluators: { type: 'multi_users_select' } }, { evaluators: [CAROL] }),
  },
  // "Start vetting with this model": the decision's id, with Carol's own reply target (from a public decision of hers).
  {
    kind: 'view',
    id: CALLBACK.adviseStart,
    send: (which) =>
      submit(
        CALLBACK.adviseStart,
        { decisionId: pick(which, ids.decision), reply: ids.reply },
        { 'advise.vendor': text, 'advise.model': { type: 'radio_buttons', options: [option('staff-augmentation')] }, 'advise.evaluators': { type: 'multi_users_select' } },
        { 'advise.vendor': 'Forged Co', 'advise.model': 'staff-augmentation', 'advise.evaluators': [] },
      ),
  },
  { kind: 'view', id: CALLBACK.advise, noId: 'the checklist names no vetting; its reply target id is forged in edges-slack.test.ts' },
];

/** What Carol is shown: the modal's answer, then every message only she sees (ephemerals, response_url answers). */
async function answerTo(send: () => Promise<Reply>): Promise<string> {
  const said = () => [
    ...t.fake.ephemerals.filter((e) => e.user === CAROL).map((e) => ({ text: e.text, blocks: e.blocks })),
    ...t.fake.responses.filter((r) => carolsUrls.has(r.url)).map((r) => r.body),
  ];
  const before = said().length;
  const views = t.fake.views.length;
  const reply = await send();
  expect(reply.status).toBe(200);
  const acked: unknown = reply.json();
  // A bare ack: the answer comes after, where she acted.
  if (acked === undefined) await t.fake.waitFor(() => said().length > before);
  // Anything else said after it would be part of the answer.
  await new Promise((r) => setTimeout(r, 150));
  // Nothing opened for her either.
  expect(t.fake.views.length).toBe(views);
  return JSON.stringify([acked ?? null, ...said().slice(before)]);
}

/** What a forged request must not change. */
async function record() {
  const count = async (table: 'answers' | 'notes' | 'evidence_requests' | 'interview_evaluators' | 'vendors' | 'interviews') =>
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  const flags = await t.db.selectFrom('red_flags').select(['id', 'status']).orderBy('id').execute();
  const items = await t.db.selectFrom('evidence_items').select(['id', 'verdict']).orderBy('id').execute();
  return {
    answers: await count('answers'),
    notes: await count('notes'),
    requests: await count('evidence_requests'),
    evaluators: await count('interview_evaluators'),
    vendors: await count('vendors'),
    interviews: await count('interviews'),
    flags,
    items,
  };
}

/** The private vettings Carol forges ids of, and her own public decision. */
async function setUp(): Promise<void> {
  t = await startTestApp();
  t.fake.setChannel(PRIVATE, { isPrivate: true, botIsMember: true, members: [LEAD, BOB] });
  // The private vetting Carol forges ids of: in progress, with a file shared as evidence.
  const secret = await startIn(PRIVATE, `Secret Co --lite --with ${mention(BOB)}`);
  const q = t.fake.messages({ channel: PRIVATE, thread_ts: secret.ts }).filter(isQuestion).at(-1)!;
  const block = (q.blocks ?? []).map((b: any) => /^vet\|(\d+)\|([a-z0-9-]+)\|\d+$/.exec(b.block_id ?? '')).find((m) => m !== null)!;
  ids.interview = Number(block[1]);
  ids.question = block[2]!;
  const posts = postCount();
  await t.slack.event({
    type: 'message',
    subtype: 'file_share',
    channel: PRIVATE,
    user: BOB,
    text: 'the policy',
    ts: '1800000000.000001',
    thread_ts: secret.ts,
    files: [{ id: 'F0SECRET', name: 'policy.pdf', title: 'policy.pdf', filetype: 'pdf', user: BOB }],
  });
  await t.fake.waitFor(() => postCount() > posts);
  ids.item = (await t.db.selectFrom('evidence_items').select('id').executeTakeFirstOrThrow()).id;
  ids.vendor = (await t.db.selectFrom('vendors').select('id').executeTakeFirstOrThrow()).id;
  // A finished private vetting, for its red flags.
  await startIn(PRIVATE, 'Hidden Ltd --lite');
  const responses = t.fake.responses.length;
  await t.slack.command('finish Hidden Ltd', { userId: LEAD, channelId: PRIVATE });
  await t.fake.waitFor(() => t.fake.responses.length > responses);
  ids.flag = (await t.db.selectFrom('red_flags').select('id').executeTakeFirstOrThrow()).id;
  // A private engagement-model decision; and one of Carol's in her public channel, whose start modal gives her a reply id.
  await decideIn(PRIVATE, LEAD);
  ids.decision = (await t.db.selectFrom('engagement_decisions').select('id').executeTakeFirstOrThrow()).id;
  where = await decideIn(CHANNEL, CAROL);
  const views = t.fake.views.length;
  await t.slack.click(where, { actionId: ACTION.adviseStart }, { userId: CAROL, triggerId: 'trig-carol-start' });
  await t.fake.waitFor(() => t.fake.views.length > views);
  ids.reply = JSON.parse(t.fake.views.at(-1)!.view.private_metadata).reply;
}

afterEach(async () => {
  await t?.close();
});

describe('the table of forged ids', () => {
  it('has a case for every action and modal the listeners register, and every id those name', async () => {
    t = await startTestApp();
    // The app checks its token (auth.test) when it starts; a first request waits for that to finish before it closes.
    expect((await t.slack.command('help', { userId: LEAD, channelId: CHANNEL })).status).toBe(200);
    const app = new App({ token: 'xoxb-test', signingSecret: 'test', tokenVerificationEnabled: false });
    const actions = vi.spyOn(app, 'action');
    const views = vi.spyOn(app, 'view');
    for (const listener of LISTENERS) listener.register(app, t.wiring);
    const registered = { action: actions.mock.calls.map((c) => c[0]), view: views.mock.calls.map((c) => c[0]) };
    const matches = (constraint: unknown, id: string) => (typeof constraint === 'string' ? constraint === id : constraint instanceof RegExp ? constraint.test(id) : false);
    for (const kind of ['action', 'view'] as const) {
      for (const constraint of registered[kind]) {
        expect(
          CASES.some((c) => c.kind === kind && matches(constraint, c.id)),
          `${kind} ${String(constraint)} has no case`,
        ).toBe(true);
      }
      for (const c of CASES.filter((x) => x.kind === kind)) expect(registered[kind].some((constraint) => matches(constraint, c.id), `${kind} ${c.id} is not registered`)).toBe(true);
    }
    // An id added under a pattern already registered (a new rating control, say) needs its case too.
    const named = {
      action: [...Object.values(ACTION), ...Object.values(EVIDENCE_ACTION), ...Object.values(VENDOR_ACTION), VENDOR_ASK.action],
      view: [...Object.values(CALLBACK), ...Object.values(EVIDENCE_CALLBACK), VENDOR_ASK.callback],
    };
    for (const kind of ['action', 'view'] as const) {
      for (const id of named[kind])
        expect(
          CASES.some((c) => c.kind === kind && (c.id === id || c.id.startsWith(`${id}.`))),
          `${kind} ${id} has no case`,
        ).toBe(true);
    }
  });

  // One app for the whole table (each case compares two answers on the same data): soft assertions report every case.
  it("gives every click and submission carrying a private vetting's id the answer an unknown id gets, naming nothing and changing nothing", async () => {
    await setUp();
    for (const [n, c] of CASES.entries()) {
      const send = c.send;
      if (!send) continue;
      const label = `${c.kind} ${c.id} (case ${n})`;
      const before = await record();
      const unknown = await answerTo(() => send('unknown'));
      const forged = await answerTo(() => send('forged'));
      expect.soft(forged, label).toBe(c.asForged ? c.asForged(unknown) : unknown);
      for (const secret of ['Secret Co', 'Hidden Ltd', LEAD, BOB, 'policy.pdf']) expect.soft(forged, `${label} names ${secret}`).not.toContain(secret);
      expect.soft(await record(), `${label} changed the record`).toEqual(before);
    }
  }, 120_000);
});
