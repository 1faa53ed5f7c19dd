// End to end: the red-flag lifecycle as people meet it in Slack. Flags are raised by answering questions badly,
// then resolved or accepted from the buttons the bot posted (summary, digest, `/vet flags`), through the modals.
// Every test checks what the user sees and what SQLite holds.
import { afterEach, describe, expect, it } from 'vitest';
import { DIMENSIONS, ENGAGEMENT_MODELS, SEVERITIES, STANDARD_RUBRIC, type Question, type QuestionBank, type Severity } from '../src/questions/model.js';
import { listAudit } from '../src/store/audit.js';
import { listFlags } from '../src/store/flags.js';
import type { FakeMessage } from './support/fakeSlack.js';
import type { ClickTarget } from './support/slackClient.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { actionIds, allText, elements, isQuestion } from './support/blocks.js';

const CHANNEL = 'C0VET';
const STARTER = 'U0ALICE';
const EVALUATOR = 'U0BOB';
const STRANGER = 'U0MALLORY';
/** The risk owner (VET_RISK_OWNERS): accepts high and critical risks; not on the panel. */
const RISK_OWNER = 'U0CASEY';
const RISK_ENV = { VET_RISK_OWNERS: RISK_OWNER };

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

// ---------------------------------------------------------------------------------------------------------------
// Reading what the bot posted
// ---------------------------------------------------------------------------------------------------------------

const postCount = () => t.fake.callsTo('chat.postMessage').length;
const updatesOf = (ts: string) => t.fake.callsTo('chat.update').filter((c) => c.params.ts === ts).length;
const message = (ts: string) => t.fake.messages({ channel: CHANNEL }).find((m) => m.ts === ts)!;

/** The flag buttons of a message, as `{ action, flagId, source }`, in the order shown. */
function flagButtons(m: { blocks?: any[] }) {
  return elements(m)
    .filter((e) => String(e.action_id).startsWith('vet.flag.'))
    .map((e) => {
      const [id, source] = String(e.value).split(':');
      return { action: e.action_id as string, flagId: Number(id), source };
    });
}

/** The mrkdwn of the section shown just above a flag's buttons. */
function flagSection(m: { blocks?: any[] }, flagId: number): string {
  const blocks = m.blocks ?? [];
  const i = blocks.findIndex((b: any) => b.block_id === `flag|${flagId}`);
  expect(i, `flag ${flagId} has buttons in the message`).toBeGreaterThan(0);
  return blocks[i - 1].text.text as string;
}

const sectionTexts = (m: { blocks?: any[] }): string[] => (m.blocks ?? []).filter((b: any) => b.type === 'section' && b.text).map((b: any) => b.text.text as string);

async function flagRow(id: number) {
  return t.db.selectFrom('red_flags').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The interview of a thread; once its summary was posted, waits for the bot to have recorded where (it does so
 * right after Slack answers, so a test can see the message a moment before the database knows it). */
async function interviewOf(parent: FakeMessage) {
  const read = () => t.db.selectFrom('interviews').select(['id', 'summary_ts', 'status']).where('thread_ts', '=', parent.ts).executeTakeFirstOrThrow();
  const deadline = Date.now() + 3000;
  let row = await read();
  while (row.status === 'completed' && row.summary_ts === null && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
    row = await read();
  }
  return row;
}

/** The response_url the next simulated Slack request will carry: the fake hands them out in sequence. */
function nextResponseUrl(): string {
  return t.fake.responseUrl().replace(/\d+$/, (n) => String(Number(n) + 1));
}

// ---------------------------------------------------------------------------------------------------------------
// Driving an interview as people would
// ---------------------------------------------------------------------------------------------------------------

/** Starts an interview led by `userId` with EVALUATOR named, as `/vet start … --with @bob` sends it. */
async function startInterview(text: string, userId = STARTER): Promise<FakeMessage> {
  const before = postCount();
  expect((await t.slack.command(`start ${text} --with <@${EVALUATOR}|bob>`, { userId, channelId: CHANNEL })).status).toBe(200);
  await t.fake.waitFor(() => postCount() >= before + 2);
  return t.fake
    .messages({ channel: CHANNEL })
    .filter((m) => !m.thread_ts)
    .at(-1)!;
}

function currentQuestion(parent: FakeMessage): FakeMessage {
  return t.fake.messages({ channel: CHANNEL, thread_ts: parent.ts }).filter(isQuestion).at(-1)!;
}

/**
 * Gives the current question its worst answer, the one that raises its own red flag: "Absent / refused", or the
 * fact's "none" option (no SOC 2 report, no breach commitment...), or "No" for a yes/no fact; else skips it.
 * Waits until the bot has shown the next question (or the summary).
 */
async function answerWorst(parent: FakeMessage, userId: string, times: number): Promise<void> {
  for (let n = 0; n < times; n++) {
    const q = currentQuestion(parent);
    const ids = actionIds(q);
    const actionId = ['vet.rate.0', 'vet.fact.none', 'vet.fact.bool.no', 'vet.skip'].find((id) => ids.includes(id))!;
    const posts = postCount();
    const updates = t.fake.callsTo('chat.update').length;
    expect((await t.slack.click(q, { actionId }, { userId })).status).toBe(200);
    await t.fake.waitFor(() => postCount() > posts && t.fake.callsTo('chat.update').length > updates);
  }
}

/** `/vet finish`, and the summary it posted (a broadcast reply in the thread). */
async function finish(vendor: string, parent: FakeMessage, userId = STARTER): Promise<FakeMessage> {
  const responses = t.fake.responses.length;
  await t.slack.command(`finish ${vendor}`, { userId, channelId: CHANNEL });
  await t.fake.waitFor(() => t.fake.responses.length > responses);
  const { summary_ts } = await interviewOf(parent);
  expect(summary_ts).not.toBeNull();
  return message(summary_ts!);
}

/** `/vet digest now` in the channel, waiting for its ephemeral confirmation. */
async function digestNow(userId = STARTER): Promise<void> {
  const responses = t.fake.responses.length;
  await t.slack.command('digest now', { userId, channelId: CHANNEL });
  await t.fake.waitFor(() => t.fake.responses.length > responses);
  expect(t.fake.responses.at(-1)!.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Posted the red-flag digest') });
}

/** Clicks a flag button; resolves to the modal it opened, or null when none was (after Slack got its answer). */
async function clickFlag(target: ClickTarget, actionId: 'vet.flag.resolve' | 'vet.flag.accept', userId: string) {
  const views = t.fake.views.length;
  const responses = t.fake.responses.length;
  expect((await t.slack.click(target, { actionId }, { userId })).status).toBe(200);
  // Bolt acks first: wait for either outcome, a modal or an ephemeral answer.
  await t.fake.waitFor(() => t.fake.views.length > views || t.fake.responses.length > responses);
  return t.fake.views.length > views ? t.fake.views.at(-1)! : null;
}

/**
 * The second pair of eyes on a high or critical flag's proposed resolution: `userId` clicks Resolve (now "Confirm
 * resolution") and confirms in the modal; waits until the message the button was on was updated.
 */
async function confirmResolution(target: ClickTarget & { ts: string }, userId: string): Promise<void> {
  const modal = (await clickFlag(message(target.ts) ?? target, 'vet.flag.resolve', userId))!;
  expect(modal.view.callback_id).toBe('vet.flag.confirm');
  const updates = updatesOf(target.ts);
  expect((await t.slack.submitView(modal.view, {}, { userId, viewId: modal.id })).json()).toBeUndefined();
  await t.fake.waitFor(() => updatesOf(target.ts) > updates);
}

const input = (view: { view: any }, blockId: string) => view.view.blocks.find((b: any) => b.type === 'input' && b.block_id === blockId).element;

/** A bank of `n` plain scenario questions, each raising its own high flag when rated "Claimed, vague" or below. */
function manyFlagsBank(n: number, severity: (i: number) => Severity = () => 'high'): QuestionBank {
  const questions: Question[] = Array.from({ length: n }, (_, i) => ({
    id: `practice-${i + 1}`,
    dimension: DIMENSIONS[i % DIMENSIONS.length]!,
    title: `Practice ${i + 1}`,
    prompt: `Walk us through practice ${i + 1} as the team runs it today.`,
    matureAnswer: ['Names the people and tools.', 'Shows the artefact.'],
    evidence: ['The artefact'],
    rubric: STANDARD_RUBRIC,
    weight: 1,
    evidenceRequired: false,
    models: [...ENGAGEMENT_MODELS],
    patterns: [],
    // Some messages are longer than a section may be, to show they are cut rather than break the message.
    redFlags: [{ rule: 'weak', severity: severity(i), when: { ratingAtOrBelow: 1 }, message: `Practice ${i + 1} is missing. ${'Details. '.repeat(i % 4 === 0 ? 400 : 5)}` }],
    followUps: [],
    lite: true,
  }));
  return { id: 'many-flags', version: 'test', questions };
}

// ---------------------------------------------------------------------------------------------------------------

describe('red flags in Slack', () => {
  it('resolves a flag from the summary through the modal, refusing an empty reason, and updates the summary in place', async () => {
    t = await startTestApp({ env: RISK_ENV });
    const parent = await startInterview('Acme Dev --lite');
    await answerWorst(parent, EVALUATOR, 3);
    const summary = await finish('Acme Dev', parent);
    const { id: interviewId } = await interviewOf(parent);
    const flags = await listFlags(t.db, interviewId);
    expect(flags.length).toBeGreaterThanOrEqual(2);
    expect(flags.every((f) => f.status === 'open')).toBe(true);

    // The summary lists every open flag with its two buttons.
    expect(allText(summary)).toContain(`*Red flags: ${flags.length} open*`);
    const buttons = flagButtons(summary);
    expect(buttons).toHaveLength(flags.length * 2);
    expect(new Set(buttons.map((b) => b.flagId))).toEqual(new Set(flags.map((f) => f.id)));
    expect(buttons.every((b) => b.source === 'summary')).toBe(true);

    const flagId = buttons[0]!.flagId;
    const modal = (await clickFlag(summary, 'vet.flag.resolve', EVALUATOR))!;
    expect(modal).not.toBeNull();
    expect(modal.view.callback_id).toBe('vet.flag.resolve');
    expect(JSON.stringify(modal.view.blocks)).toContain(flags.find((f) => f.id === flagId)!.message.slice(0, 40));

    // Slack itself refuses an empty required field; whitespace gets through and must be refused by the bot.
    const updatesBefore = t.fake.callsTo('chat.update').length;
    const empty = await t.slack.submitView(modal.view, { reason: '   ' }, { userId: EVALUATOR, viewId: modal.id });
    expect(empty.status).toBe(200);
    // The error answers the field's own question, "What changed?".
    const reasonBlock = modal.view.blocks.find((b: any) => b.block_id === 'reason');
    expect(reasonBlock.label.text).toBe('What changed?');
    // A high flag also needs what was seen: a link or a description.
    expect(empty.json()).toEqual({
      response_action: 'errors',
      errors: { reason: 'Say what changed: what the vendor showed or did that settles this flag.', seen: expect.stringContaining('Say what was seen that settles it') },
    });
    // Every wrong field is named at once: an empty reason and a link that is not one.
    const both = await t.slack.submitView(modal.view, { reason: ' ', link: 'docs/dpa.pdf' }, { userId: EVALUATOR, viewId: modal.id });
    expect(both.json()).toEqual({
      response_action: 'errors',
      errors: { reason: 'Say what changed: what the vendor showed or did that settles this flag.', link: 'Use a full http(s) link, e.g. https://…' },
    });
    expect((await flagRow(flagId)).status).toBe('open');
    expect((await listAudit(t.db, interviewId)).some((a) => a.action === 'flag.resolved')).toBe(false);
    expect(t.fake.callsTo('chat.update')).toHaveLength(updatesBefore);

    const summaryUpdates = updatesOf(summary.ts);
    const ok = await t.slack.submitView(modal.view, { reason: 'Vendor showed the signed DPA', link: 'https://docs.example/acme/dpa.pdf' }, { userId: EVALUATOR, viewId: modal.id });
    expect(ok.status).toBe(200);
    expect(ok.json()).toBeUndefined();
    await t.fake.waitFor(() => updatesOf(summary.ts) > summaryUpdates);
    // A high flag: the first person proposes, and the flag stays open until a second one confirms.
    expect(await flagRow(flagId)).toMatchObject({ status: 'open', proposed_by: EVALUATOR });
    await confirmResolution(summary, STARTER);

    expect(await flagRow(flagId)).toMatchObject({
      status: 'resolved',
      status_by: STARTER,
      status_at: '2026-11-22T10:00:00.000Z',
      status_reason: 'Vendor showed the signed DPA',
      status_link: 'https://docs.example/acme/dpa.pdf',
    });
    const audit = (await listAudit(t.db, interviewId)).filter((a) => a.action === 'flag.resolved');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: STARTER, detail: { flagId, from: 'open', reason: 'Vendor showed the signed DPA', link: 'https://docs.example/acme/dpa.pdf', proposedBy: EVALUATOR } });
    // The other flags are untouched.
    expect((await listFlags(t.db, interviewId)).filter((f) => f.status === 'open')).toHaveLength(flags.length - 1);

    // The posted summary now shows one fewer open flag, counts the decided one, and has no buttons for it.
    const after = message(summary.ts);
    expect(allText(after)).toContain(`*Red flags: ${flags.length - 1} open* (1 resolved or accepted)`);
    expect(flagButtons(after).map((b) => b.flagId)).not.toContain(flagId);
    expect(flagButtons(after)).toHaveLength((flags.length - 1) * 2);
  });

  it('accepts a high risk from the summary by its risk owner, who owns it, with a compensating control and an expiry defaulting to 90 days', async () => {
    t = await startTestApp({ env: RISK_ENV });
    const parent = await startInterview('Globex --lite');
    await answerWorst(parent, EVALUATOR, 1);
    const summary = await finish('Globex', parent);
    const { id: interviewId } = await interviewOf(parent);
    // One weak answer, then finished: its question's flag, and the vetting is incomplete.
    const [flag, incomplete] = await listFlags(t.db, interviewId);
    expect(incomplete!.rule).toBe('incomplete-vetting');
    expect(flagButtons(summary)[0]!.flagId).toBe(flag!.id);

    const modal = (await clickFlag(summary, 'vet.flag.accept', RISK_OWNER))!;
    expect(modal.view.callback_id).toBe('vet.flag.accept');
    // The risk owner who accepts a high risk owns it: no one else is named.
    expect(modal.view.blocks.some((b: any) => b.block_id === 'owner')).toBe(false);
    expect(input(modal, 'control')).toMatchObject({ type: 'plain_text_input' });
    // 90 days after 2026-11-22, in VET_DIGEST_TZ (UTC by default).
    expect(input(modal, 'expires')).toMatchObject({ type: 'datepicker', initial_date: '2027-02-20' });

    // An acceptance must end in the future: yesterday and today (already begun) are refused on the date field.
    for (const past of ['2026-11-21', '2026-11-22']) {
      const bad = await t.slack.submitView(modal.view, { reason: 'Compensating control in place', control: 'Weekly access review', expires: past }, { userId: RISK_OWNER, viewId: modal.id });
      expect(bad.json()).toEqual({ response_action: 'errors', errors: { expires: expect.stringContaining('future') } });
    }
    // An empty reason and a past date: both fields show their error in one answer.
    const both = await t.slack.submitView(modal.view, { reason: '  ', control: 'Weekly access review', expires: '2026-11-21' }, { userId: RISK_OWNER, viewId: modal.id });
    expect(both.json()).toEqual({ response_action: 'errors', errors: { reason: 'Say why this risk is acceptable.', expires: expect.stringContaining('future') } });
    expect((await flagRow(flag!.id)).status).toBe('open');

    const updates = updatesOf(summary.ts);
    const ok = await t.slack.submitView(
      modal.view,
      { reason: 'Pen test booked for December; risk owned by security', control: 'No production access until the pen test report', expires: '2026-12-10' },
      { userId: RISK_OWNER, viewId: modal.id },
    );
    expect(ok.json()).toBeUndefined();
    await t.fake.waitFor(() => updatesOf(summary.ts) > updates);

    expect(await flagRow(flag!.id)).toMatchObject({
      status: 'accepted',
      status_by: RISK_OWNER,
      status_reason: 'Pen test booked for December; risk owned by security',
      compensating_control: 'No production access until the pen test report',
      owner_id: RISK_OWNER,
      accept_expires_at: '2026-12-10T00:00:00.000Z',
    });
    const audit = (await listAudit(t.db, interviewId)).filter((a) => a.action === 'flag.accepted');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: RISK_OWNER, detail: { flagId: flag!.id, from: 'open', owner: RISK_OWNER, expiresAt: '2026-12-10T00:00:00.000Z' } });

    const after = message(summary.ts);
    expect(allText(after)).toContain('*Red flags: 1 open* (1 resolved or accepted)');
    expect(flagButtons(after).map((b) => b.flagId)).toEqual([incomplete!.id, incomplete!.id]);
  });

  it('refuses people who are neither named evaluators, the lead nor admins, keeps the lead from accepting a high risk, and lets an admin propose', async () => {
    t = await startTestApp({ env: { ...RISK_ENV, VET_ADMINS: 'U0ADMIN' } });
    const parent = await startInterview('Initech --lite');
    await answerWorst(parent, EVALUATOR, 1);
    const summary = await finish('Initech', parent);
    const { id: interviewId } = await interviewOf(parent);
    const [flag] = await listFlags(t.db, interviewId);

    for (const actionId of ['vet.flag.resolve', 'vet.flag.accept'] as const) {
      const told = t.fake.ephemerals.length;
      const responses = t.fake.responses.length;
      expect((await t.slack.click(summary, { actionId }, { userId: STRANGER })).status).toBe(200);
      await t.fake.waitFor(() => t.fake.ephemerals.length > told);
      const answer = t.fake.ephemerals.at(-1)!;
      // The refusal is shown where the summary is, in the interview's thread, to the clicker only; the summary stays.
      expect(summary.thread_ts).toBe(parent.ts);
      expect(answer).toMatchObject({ channel: CHANNEL, user: STRANGER, thread_ts: parent.ts });
      if (actionId === 'vet.flag.accept') {
        // A high risk: only its owners accept it, and the answer names them.
        expect(answer.text).toContain(`Only a risk owner, <@${RISK_OWNER}>`);
      } else {
        expect(answer.text).toContain('Only the evaluators of the *Initech* vetting');
        expect(answer.text).toContain(`<@${STARTER}> who leads it`);
        expect(answer.text).toContain('`/vet evaluators Initech add @you`');
      }
      expect(answer.text).toContain('VET_ADMINS');
      expect(t.fake.responses).toHaveLength(responses);
    }
    expect(t.fake.callsTo('views.open')).toEqual([]);
    expect((await flagRow(flag!.id)).status).toBe('open');

    // The person who started the interview does not accept a high risk of it; they may resolve it without having rated.
    const toldLead = t.fake.ephemerals.length;
    expect((await t.slack.click(summary, { actionId: 'vet.flag.accept' }, { userId: STARTER })).status).toBe(200);
    await t.fake.waitFor(() => t.fake.ephemerals.length > toldLead);
    expect(t.fake.ephemerals.at(-1)!).toMatchObject({ user: STARTER, thread_ts: parent.ts });
    expect(t.fake.ephemerals.at(-1)!.text).toContain(`Only a risk owner, <@${RISK_OWNER}>`);
    expect(t.fake.callsTo('views.open')).toEqual([]);
    expect(await clickFlag(summary, 'vet.flag.resolve', STARTER)).not.toBeNull();

    // So may an admin, who never took part.
    const modal = (await clickFlag(summary, 'vet.flag.resolve', 'U0ADMIN'))!;
    expect(modal.view.callback_id).toBe('vet.flag.resolve');

    // A submission is checked again: a stranger submitting the admin's modal changes nothing.
    const forged = await t.slack.submitView(modal.view, { reason: 'Looks fine to me' }, { userId: STRANGER, viewId: modal.id });
    expect(forged.json()).toEqual({ response_action: 'errors', errors: { reason: expect.stringContaining('Only the evaluators of the Initech vetting, the person who started it') } });
    expect((await flagRow(flag!.id)).status).toBe('open');

    const updates = updatesOf(summary.ts);
    const ok = await t.slack.submitView(modal.view, { reason: 'Reviewed with the vendor CISO', seen: 'signed security addendum on screen share' }, { userId: 'U0ADMIN', viewId: modal.id });
    expect(ok.json()).toBeUndefined();
    await t.fake.waitFor(() => updatesOf(summary.ts) > updates);
    expect(await flagRow(flag!.id)).toMatchObject({ status: 'open', proposed_by: 'U0ADMIN' });
    await confirmResolution(summary, STARTER);
    expect(await flagRow(flag!.id)).toMatchObject({
      status: 'resolved',
      status_by: STARTER,
      status_reason: 'Reviewed with the vendor CISO',
      status_seen: 'signed security addendum on screen share',
      status_link: null,
    });
    expect((await listAudit(t.db, interviewId)).filter((a) => a.action === 'flag.resolved').map((a) => a.actor)).toEqual([STARTER]);
  });

  it('reopens an accepted risk when its acceptance expires and shows it in the digest with its buttons', async () => {
    t = await startTestApp({ env: RISK_ENV });
    const parent = await startInterview('Hooli --lite');
    await answerWorst(parent, EVALUATOR, 1);
    const summary = await finish('Hooli', parent);
    const { id: interviewId } = await interviewOf(parent);
    const [flag, incomplete] = await listFlags(t.db, interviewId);

    const modal = (await clickFlag(summary, 'vet.flag.accept', RISK_OWNER))!;
    const updates = updatesOf(summary.ts);
    await t.slack.submitView(modal.view, { reason: 'Accepted until the contract renewal', control: 'Read-only access until then', expires: '2026-12-10' }, { userId: RISK_OWNER, viewId: modal.id });
    await t.fake.waitFor(() => updatesOf(summary.ts) > updates);
    expect((await flagRow(flag!.id)).status).toBe('accepted');

    // One second into the expiry day (UTC), the digest runs.
    t.clock.set('2026-12-10T00:00:01Z');
    const posts = postCount();
    await digestNow();

    const row = await flagRow(flag!.id);
    expect(row.status).toBe('open');
    expect(row.status_reason).toMatch(/^Acceptance expired/);
    expect(row.status_at).toBe('2026-12-10T00:00:01.000Z');
    const expired = (await listAudit(t.db, interviewId)).filter((a) => a.action === 'flag.acceptance-expired');
    expect(expired).toHaveLength(1);
    expect(expired[0]!.detail).toMatchObject({ flagId: flag!.id, owner: RISK_OWNER });

    // The digest: a top-level message in the channel, naming the reopened flag as such, with its buttons.
    expect(postCount()).toBe(posts + 1);
    const call = t.fake.callsTo('chat.postMessage').at(-1)!;
    expect(call.params.channel).toBe(CHANNEL);
    expect(call.params.thread_ts).toBeUndefined();
    const digest = t.fake.messages({ channel: CHANNEL }).at(-1)!;
    expect(digest.blocks![0]).toMatchObject({ type: 'header', text: { text: 'Red-flag digest · 2026-12-10' } });
    expect(flagSection(digest, flag!.id)).toContain('acceptance expired');
    // Beside the incomplete-vetting flag, still open since the interview was finished early.
    expect(flagButtons(digest)).toEqual([
      { action: 'vet.flag.resolve', flagId: flag!.id, source: 'digest' },
      { action: 'vet.flag.accept', flagId: flag!.id, source: 'digest' },
      { action: 'vet.flag.resolve', flagId: incomplete!.id, source: 'digest' },
      { action: 'vet.flag.accept', flagId: incomplete!.id, source: 'digest' },
    ]);

    // Someone who may not decide is told in the channel, where the digest is, not in a thread.
    const told = t.fake.ephemerals.length;
    await t.slack.click(digest, { actionId: 'vet.flag.resolve' }, { userId: STRANGER });
    await t.fake.waitFor(() => t.fake.ephemerals.length > told);
    const refusal = t.fake.ephemerals.at(-1)!;
    expect(refusal).toMatchObject({ channel: CHANNEL, user: STRANGER });
    expect(refusal.thread_ts).toBeUndefined();
    expect(refusal.text).toContain('Only the evaluators of the *Hooli* vetting');

    // Deciding from the digest updates the digest message itself.
    const again = (await clickFlag(digest, 'vet.flag.resolve', EVALUATOR))!;
    const digestUpdates = updatesOf(digest.ts);
    await t.slack.submitView(again.view, { reason: 'Pen test report received, no findings', link: 'https://docs.example/hooli/pentest.pdf' }, { userId: EVALUATOR, viewId: again.id });
    await t.fake.waitFor(() => updatesOf(digest.ts) > digestUpdates);
    expect((await flagRow(flag!.id)).status).toBe('open');
    await confirmResolution(digest, STARTER);
    expect((await flagRow(flag!.id)).status).toBe('resolved');
    expect(flagButtons(message(digest.ts)).map((b) => b.flagId)).toEqual([incomplete!.id, incomplete!.id]);
  });

  it("lists a vendor's open flags with /vet flags, replaces the list after a decision, and suggests close names", async () => {
    t = await startTestApp({ env: RISK_ENV });
    const parent = await startInterview('Umbrella Corp --lite');
    // Ratings, "no ISO 27001 certificate" and "no SOC 2 report", "scope does not cover the team", "no breach commitment": a spread of flags.
    await answerWorst(parent, EVALUATOR, 11);
    await finish('Umbrella Corp', parent);
    const { id: interviewId } = await interviewOf(parent);
    const flags = await listFlags(t.db, interviewId);
    expect(flags.map((f) => f.rule)).toEqual(expect.arrayContaining(['weak-code-review', 'certificate-missing', 'breach-notification-absent']));
    expect(flags.find((f) => f.rule === 'breach-notification-absent')!.severity).toBe('critical');

    // Vendor names match whatever the case and spacing.
    let responses = t.fake.responses.length;
    const commandUrl = nextResponseUrl();
    await t.slack.command('flags   umbrella    CORP ', { userId: STRANGER, channelId: CHANNEL });
    await t.fake.waitFor(() => t.fake.responses.length > responses);
    const list = t.fake.responses.at(-1)!;
    expect(list.url).toBe(commandUrl);
    expect(list.body.response_type).toBe('ephemeral');
    expect(allText(list.body)).toContain(`*Umbrella Corp*: ${flags.length} open red flags`);
    const listed = flagButtons(list.body);
    expect(listed).toHaveLength(flags.length * 2);
    expect(new Set(listed.map((b) => b.flagId))).toEqual(new Set(flags.map((f) => f.id)));
    expect(listed.every((b) => b.source === 'flags')).toBe(true);
    for (const f of flags) expect(flagSection(list.body, f.id)).toContain(f.message.slice(0, 40));

    // Clicking in the ephemeral list: Slack sends no message content, only the container and a response_url.
    const ephemeral: ClickTarget = { channel: CHANNEL, ts: '1700000999.000100', blocks: list.body.blocks, ephemeral: true };
    // A stranger is told through that click's response_url: the ephemeral list is where they are looking.
    const refusalUrl = nextResponseUrl();
    const told = t.fake.ephemerals.length;
    expect(await clickFlag(ephemeral, 'vet.flag.resolve', STRANGER)).toBeNull();
    expect(t.fake.responses.at(-1)!).toMatchObject({ url: refusalUrl, body: { response_type: 'ephemeral', replace_original: false } });
    expect(t.fake.responses.at(-1)!.body.text).toContain('Only the evaluators of the *Umbrella Corp* vetting');
    expect(t.fake.ephemerals).toHaveLength(told);

    const clickUrl = nextResponseUrl();
    const modal = (await clickFlag(ephemeral, 'vet.flag.resolve', EVALUATOR))!;
    const flagId = listed[0]!.flagId;
    responses = t.fake.responses.length;
    const ok = await t.slack.submitView(modal.view, { reason: 'Vendor showed the signed DPA', link: 'https://docs.example/umbrella/dpa.pdf' }, { userId: EVALUATOR, viewId: modal.id });
    expect(ok.json()).toBeUndefined();
    await t.fake.waitFor(() => t.fake.responses.length > responses);
    // A high flag: the resolution is proposed, and waits for a second person.
    expect(await flagRow(flagId)).toMatchObject({ status: 'open', proposed_by: EVALUATOR });

    // The list the user was looking at is replaced through the click's response_url, showing the proposal.
    const replaced = t.fake.responses.at(-1)!;
    expect(replaced.url).toBe(clickUrl);
    expect(replaced.body.replace_original).toBe(true);
    expect(allText(replaced.body)).toContain(`*Umbrella Corp*: ${flags.length} open red flags`);
    expect(flagSection(replaced.body, flagId)).toContain(`resolution proposed by <@${EVALUATOR}>`);
    expect(elements(replaced.body).find((e) => e.action_id === 'vet.flag.resolve' && String(e.value).startsWith(`${flagId}:`))!.text.text).toBe('Confirm resolution');

    // A typo gets a suggestion instead of an empty list.
    responses = t.fake.responses.length;
    await t.slack.command('flags Umbrela Corp', { userId: STRANGER, channelId: CHANNEL });
    await t.fake.waitFor(() => t.fake.responses.length > responses);
    const typo = t.fake.responses.at(-1)!.body;
    expect(typo.response_type).toBe('ephemeral');
    expect(typo.text).toContain('I know no vendor called "Umbrela Corp"');
    expect(typo.text).toContain('Did you mean "Umbrella Corp"?');
    expect(flagButtons(typo)).toEqual([]);
  });

  it("keeps a summary with many flags within Slack's block limits, and lists them all, a page at a time, from its button and /vet flags", async () => {
    const count = 43;
    t = await startTestApp({ bank: manyFlagsBank(count) });
    const parent = await startInterview('Soylent');
    // The last answer completes the interview and posts the summary by itself.
    await answerWorst(parent, EVALUATOR, count);
    const { id: interviewId, summary_ts } = await interviewOf(parent);
    expect(summary_ts).not.toBeNull();
    const summary = message(summary_ts!);
    const open = (await listFlags(t.db, interviewId)).filter((f) => f.status === 'open');
    expect(open).toHaveLength(count);

    expect(summary.blocks!.length).toBeLessThanOrEqual(50);
    for (const text of sectionTexts(summary)) expect(text.length).toBeLessThanOrEqual(3000);
    for (const b of summary.blocks as any[]) for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
    expect(summary.text!.length).toBeLessThanOrEqual(3000);
    expect(allText(summary)).toContain(`*Red flags: ${count} open*`);

    const shown = new Set(flagButtons(summary).map((b) => b.flagId)).size;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(count);
    const more = (summary.blocks as any[]).flatMap((b) => (b.type === 'context' ? b.elements.map((e: any) => e.text as string) : [])).find((x) => x.includes('more critical or high'));
    expect(more).toBe(`…and ${count - shown} more critical or high red flags: *List all open flags* (or \`/vet flags Soylent\`) shows them all, with their buttons.`);

    // "List all open flags" shows the first page to the person who clicked, in the thread where the summary is.
    const told = t.fake.ephemerals.length;
    await t.slack.click(summary, { text: 'List all open flags' }, { userId: STRANGER });
    await t.fake.waitFor(() => t.fake.ephemerals.length > told);
    const first = t.fake.ephemerals.at(-1)!;
    expect(first).toMatchObject({ user: STRANGER, channel: CHANNEL, thread_ts: parent.ts });
    expect(sectionTexts(first)[0]).toBe(`*Soylent*: ${count} open red flags · page 1 of 3 (1–20)`);
    const page1 = flagButtons(first);
    expect(page1).toHaveLength(40);
    expect(page1.every((b) => b.source === 'flags')).toBe(true);
    expect(first.blocks!.length).toBeLessThanOrEqual(50);
    const nav = (m: { blocks?: any[] }) =>
      elements(m)
        .filter((e) => String(e.action_id).startsWith('vet.flags.page'))
        .map((e) => e.text.text as string);
    expect(nav(first)).toEqual(['Next']);

    // Next replaces the list the person is looking at (an ephemeral message: through the click's response_url).
    const pageUrl = nextResponseUrl();
    let responses = t.fake.responses.length;
    await t.slack.click(first, { text: 'Next' }, { userId: STRANGER });
    await t.fake.waitFor(() => t.fake.responses.length > responses);
    const second = t.fake.responses.at(-1)!;
    expect(second.url).toBe(pageUrl);
    expect(second.body.replace_original).toBe(true);
    expect(sectionTexts(second.body)[0]).toBe(`*Soylent*: ${count} open red flags · page 2 of 3 (21–40)`);
    expect(new Set(flagButtons(second.body).map((b) => b.flagId))).toEqual(new Set(open.slice(20, 40).map((f) => f.id)));
    expect(nav(second.body)).toEqual(['Previous', 'Next']);

    // `/vet flags` pages the same way instead of stopping at what fits.
    responses = t.fake.responses.length;
    await t.slack.command('flags Soylent', { userId: EVALUATOR, channelId: CHANNEL });
    await t.fake.waitFor(() => t.fake.responses.length > responses);
    const listed = t.fake.responses.at(-1)!.body;
    expect(sectionTexts(listed)[0]).toBe(`*Soylent*: ${count} open red flags · page 1 of 3 (1–20)`);
    const ephemeralList: ClickTarget = { channel: CHANNEL, ts: '1700000999.000200', blocks: listed.blocks, ephemeral: true };
    responses = t.fake.responses.length;
    await t.slack.click({ ...ephemeralList, blocks: listed.blocks }, { text: 'Next' }, { userId: EVALUATOR });
    await t.fake.waitFor(() => t.fake.responses.length > responses);
    const page2: ClickTarget = { ...ephemeralList, blocks: t.fake.responses.at(-1)!.body.blocks };
    responses = t.fake.responses.length;
    await t.slack.click(page2, { text: 'Next' }, { userId: EVALUATOR });
    await t.fake.waitFor(() => t.fake.responses.length > responses);
    const last = t.fake.responses.at(-1)!.body;
    expect(sectionTexts(last)[0]).toBe(`*Soylent*: ${count} open red flags · page 3 of 3 (41–43)`);
    expect(nav(last)).toEqual(['Previous']);

    // Deciding a flag from page 3 shows page 3 again, one flag shorter.
    const onLast: ClickTarget = { ...ephemeralList, blocks: last.blocks };
    const decided = flagButtons(last)[0]!.flagId;
    const modal = (await clickFlag(onLast, 'vet.flag.resolve', EVALUATOR))!;
    responses = t.fake.responses.length;
    await t.slack.submitView(modal.view, { reason: 'Practice shown in the repository', seen: 'the review settings of the repository on screen share' }, { userId: EVALUATOR, viewId: modal.id });
    await t.fake.waitFor(() => t.fake.responses.some((r, n) => n >= responses && r.body.replace_original === true));
    const again = t.fake.responses.slice(responses).find((r) => r.body.replace_original === true)!.body;
    // A high flag's resolution is proposed: the same page again, the flag waiting for a second person.
    expect(sectionTexts(again)[0]).toBe(`*Soylent*: ${count} open red flags · page 3 of 3 (41–43)`);
    expect(elements(again).find((e) => e.action_id === 'vet.flag.resolve' && String(e.value).startsWith(`${decided}:`))!.text.text).toBe('Confirm resolution');
  });

  it("groups the summary's flags by severity: critical and high with buttons, medium and low counted and listed under one button", async () => {
    // Eight questions, two raising a flag of each severity.
    t = await startTestApp({ bank: manyFlagsBank(8, (i) => SEVERITIES[i % SEVERITIES.length]!) });
    const parent = await startInterview('Umbrella Corp');
    await answerWorst(parent, EVALUATOR, 8);
    const { id: interviewId, summary_ts } = await interviewOf(parent);
    const summary = message(summary_ts!);
    const open = (await listFlags(t.db, interviewId)).filter((f) => f.status === 'open');
    expect(new Set(open.map((f) => f.severity))).toEqual(new Set(SEVERITIES));
    const major = open.filter((f) => f.severity === 'critical' || f.severity === 'high');
    const minor = open.filter((f) => f.severity === 'medium' || f.severity === 'low');
    expect(major.length).toBeGreaterThan(0);
    expect(minor.length).toBeGreaterThan(0);

    expect(new Set(flagButtons(summary).map((b) => b.flagId))).toEqual(new Set(major.map((f) => f.id)));
    const counts = (['medium', 'low'] as const).map((sev) => [sev, minor.filter((f) => f.severity === sev).length] as const).filter(([, n]) => n > 0);
    const heading = `*${counts.map(([sev, n]) => `${n} ${sev}`).join(' and ')}* (resolve or accept them from the full list):`;
    const at = (summary.blocks as any[]).findIndex((b) => b.type === 'section' && b.text?.text.startsWith(heading));
    const section = summary.blocks![at];
    for (const f of minor) expect(section.text.text).toContain(f.message.slice(0, 40));
    // The button is under the list, in a block of its own: beside it, as an accessory, it took a column and squeezed the list.
    expect(section.accessory).toBeUndefined();
    expect(summary.blocks![at + 1]).toEqual({
      type: 'actions',
      block_id: 'flags|all',
      elements: [expect.objectContaining({ action_id: 'vet.flags.page', text: { type: 'plain_text', text: 'List all open flags' } })],
    });
  });

  it('refuses a decision from a modal opened before someone else decided the same flag', async () => {
    t = await startTestApp({ env: RISK_ENV });
    const parent = await startInterview('Vandelay --lite');
    await answerWorst(parent, EVALUATOR, 1);
    const summary = await finish('Vandelay', parent);
    const { id: interviewId } = await interviewOf(parent);
    const [flag] = await listFlags(t.db, interviewId);

    // Both open a modal while the flag is open; Bob resolves first.
    const resolving = (await clickFlag(summary, 'vet.flag.resolve', EVALUATOR))!;
    const accepting = (await clickFlag(summary, 'vet.flag.accept', RISK_OWNER))!;
    const updates = updatesOf(summary.ts);
    await t.slack.submitView(resolving.view, { reason: 'Vendor showed the signed DPA', seen: 'signed DPA on screen share' }, { userId: EVALUATOR, viewId: resolving.id });
    await t.fake.waitFor(() => updatesOf(summary.ts) > updates);
    await confirmResolution(summary, STARTER);

    // The risk owner's stale modal must not silently overwrite the resolution: they are told, in the modal.
    const late = await t.slack.submitView(accepting.view, { reason: 'We can live with it', control: 'Weekly review', expires: '2026-12-10' }, { userId: RISK_OWNER, viewId: accepting.id });
    expect(late.json()).toEqual({ response_action: 'errors', errors: { reason: expect.stringContaining('already resolved') } });
    expect(await flagRow(flag!.id)).toMatchObject({ status: 'resolved', status_by: STARTER, owner_id: null, accept_expires_at: null });
    expect((await listAudit(t.db, interviewId)).filter((a) => a.action.startsWith('flag.') && a.action !== 'flag.opened').map((a) => a.action)).toEqual(['flag.resolution-proposed', 'flag.resolved']);
  });

  it('counts acceptance days in VET_DIGEST_TZ and shows the expiry date that was picked', async () => {
    t = await startTestApp({ env: { ...RISK_ENV, VET_DIGEST_TZ: 'Europe/Berlin' } });
    const parent = await startInterview('Wonka --lite');
    await answerWorst(parent, EVALUATOR, 1);
    const summary = await finish('Wonka', parent);
    const { id: interviewId } = await interviewOf(parent);
    const [flag] = await listFlags(t.db, interviewId);

    // 23:30 UTC is already the 23rd in Berlin: the default is 90 days from the Berlin date.
    t.clock.set('2026-11-22T23:30:00Z');
    const modal = (await clickFlag(summary, 'vet.flag.accept', RISK_OWNER))!;
    expect(input(modal, 'expires').initial_date).toBe('2027-02-21');
    const updates = updatesOf(summary.ts);
    await t.slack.submitView(modal.view, { reason: 'Accepted until the contract renewal', control: 'Read-only access until then', expires: '2026-12-10' }, { userId: RISK_OWNER, viewId: modal.id });
    await t.fake.waitFor(() => updatesOf(summary.ts) > updates);
    // The acceptance ends when 10 December begins in Berlin.
    expect((await flagRow(flag!.id)).accept_expires_at).toBe('2026-12-09T23:00:00.000Z');

    // A digest a week before names the day that was picked, not the UTC date of Berlin midnight.
    t.clock.set('2026-12-01T12:00:00Z');
    await digestNow();
    expect.soft(allText(t.fake.messages({ channel: CHANNEL }).at(-1)!)).toContain('Accepted risk expires 2026-12-10');

    // One second into 10 December in Berlin, the flag reopens, saying when the acceptance expired.
    t.clock.set('2026-12-09T23:00:01Z');
    await digestNow();
    const row = await flagRow(flag!.id);
    expect(row.status).toBe('open');
    expect.soft(row.status_reason).toBe('Acceptance expired on 2026-12-10');
  });
});

describe('/vet digest in Slack', () => {
  it('shows, moves, pauses and resumes the channel digest, and says which part of a bad schedule is wrong', async () => {
    t = await startTestApp({ env: { ...RISK_ENV, VET_DIGEST_TZ: 'Europe/Berlin' } });
    const ask = async (text: string) => {
      const before = t.fake.responses.length;
      await t.slack.command(text, { userId: 'U0ALICE', channelId: 'C0DIGEST' });
      await t.fake.waitFor(() => t.fake.responses.length > before);
      const answer = t.fake.responses.at(-1)!.body;
      expect(answer.response_type).toBe('ephemeral');
      return answer.text as string;
    };
    expect(await ask('digest')).toContain('has no red-flag digest yet');
    expect(await ask('digest on')).toContain('posted on Mondays at 09:00 (Europe/Berlin)');
    expect(await ask('digest')).toContain('posted on Mondays at 09:00 (Europe/Berlin)');
    expect(await ask('digest schedule someday 09:00')).toContain('"someday" is not a weekday');
    expect(await ask('digest schedule friday 25:00')).toContain('"25:00" is not a time');
    expect(await ask('digest schedule friday 16:30 Mars/Olympus')).toContain('"Mars/Olympus" is not a time zone');
    expect((await ask('digest schedule fri 16:30 America/New_York')).replaceAll('\u200B', '')).toContain('posted on Fridays at 16:30 (America/New_York)');
    expect(await ask('digest off')).toContain('digest is off');
    expect(await ask('digest on')).toContain('posted on Fridays at 16:30');
    expect(await ask('digest sometimes')).toContain('I don\'t know "sometimes" after `/vet digest`');
  });
});
