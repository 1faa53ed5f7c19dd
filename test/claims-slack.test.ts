// End to end: what counts is a claim someone stands behind. N/A only where the bank allows it, with a reason and a
// second person; high and critical risks accepted by their owner, resolved with four eyes; evidence that names what
// was seen; links shown by their real address. Signed requests into the real app; the Slack stand-in records replies.
import { afterEach, describe, expect, it } from 'vitest';
import { DIMENSIONS, ENGAGEMENT_MODELS, STANDARD_RUBRIC, type Question, type QuestionBank } from '../src/questions/model.js';
import { listAnswers } from '../src/store/answers.js';
import { listAudit } from '../src/store/audit.js';
import { listFlags } from '../src/store/flags.js';
import { actionIds, allText, isQuestion, mrkdwnTexts } from './support/blocks.js';
import type { FakeMessage } from './support/fakeSlack.js';
import { mention } from './support/slackClient.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { until } from './support/wait.js';

const CHANNEL = 'C0VET';
const LEAD = 'U0ALICE';
const BOB = 'U0BOB';
/** The risk owner (VET_RISK_OWNERS): the CISO, not on the panel. */
const CASEY = 'U0CASEY';
const ENV = { VET_RISK_OWNERS: CASEY };

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

function question(id: string, over: Partial<Question> = {}): Question {
  return {
    id,
    dimension: 'technical',
    title: `Question ${id}`,
    prompt: `Walk us through ${id}.`,
    matureAnswer: ['one', 'two'],
    evidence: ['the log'],
    rubric: STANDARD_RUBRIC,
    weight: 1,
    evidenceRequired: true,
    models: [...ENGAGEMENT_MODELS],
    patterns: [],
    redFlags: [{ rule: `weak-${id}`, severity: 'high', when: { ratingAtOrBelow: 1 }, message: `Weak practice on ${id}.` }],
    followUps: [],
    lite: false,
    ...over,
  };
}

/** One question per dimension; the first may not apply ("the vendor claims no CMMI rating"), the others always do. */
const BANK: QuestionBank = {
  id: 'claims',
  version: 'test',
  questions: DIMENSIONS.map((d, i) => question(`q${i + 1}`, { dimension: d, ...(i === 0 && { naAllowed: { condition: 'the vendor claims no CMMI rating' } }) })),
};

const postCount = () => t.fake.callsTo('chat.postMessage').length;
const thread = (parent: FakeMessage) => t.fake.messages({ channel: CHANNEL, thread_ts: parent.ts });
const questionMessages = (parent: FakeMessage) => thread(parent).filter(isQuestion);
const messageNow = (ts: string) => t.fake.messages({ channel: CHANNEL }).find((m) => m.ts === ts)!;

async function interviewId(parent: FakeMessage): Promise<number> {
  return (await t.db.selectFrom('interviews').select('id').where('thread_ts', '=', parent.ts).executeTakeFirstOrThrow()).id;
}

async function start(text: string): Promise<FakeMessage> {
  const before = postCount();
  expect((await t.slack.command(`start ${text} --with ${mention(BOB)}`, { userId: LEAD, channelId: CHANNEL })).status).toBe(200);
  await t.fake.waitFor(() => postCount() >= before + 2);
  const parent = t.fake
    .messages({ channel: CHANNEL })
    .filter((m) => !m.thread_ts)
    .at(-1)!;
  const id = await until(
    () => interviewId(parent),
    () => true,
    'the interview',
  );
  await until(
    () => t.db.selectFrom('interview_questions').select('message_ts').where('interview_id', '=', id).execute(),
    (r) => r.every((x) => x.message_ts !== null),
    'the question message',
  );
  return parent;
}

/** `/vet <text>`, resolving to the ephemeral answer. */
async function command(text: string, userId = LEAD): Promise<any> {
  const before = t.fake.responses.length;
  expect((await t.slack.command(text, { userId, channelId: CHANNEL })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.responses.length > before);
  return t.fake.responses.at(-1)!.body;
}

/** `/vet report <vendor>` by the lead: the Markdown file uploaded. */
async function markdownReport(vendor: string): Promise<string> {
  const before = t.fake.uploads.length;
  expect((await t.slack.command(`report ${vendor}`, { userId: LEAD, channelId: CHANNEL })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.uploads.length > before);
  return String(t.fake.uploads.at(-1)!.content);
}

/** Waits until the rating's confirmation to its clicker arrived, so it is not taken for a later answer. */
async function ratingConfirmed(count: number): Promise<void> {
  const confirmations = () => [...t.fake.responses.map((r) => JSON.stringify(r.body)), ...t.fake.ephemerals.map((e) => JSON.stringify(e))].filter((x) => x.includes('You rated')).length;
  await t.fake.waitFor(() => confirmations() >= count);
}

/** Clicks a control and waits until the message it was on was updated. */
async function click(m: FakeMessage, actionId: string, userId: string): Promise<void> {
  const updates = messageNow(m.ts).updates;
  expect((await t.slack.click(messageNow(m.ts), { actionId }, { userId })).status).toBe(200);
  await t.fake.waitFor(() => messageNow(m.ts).updates > updates);
}

/** Clicks a control that should be refused; resolves to the text of the ephemeral answer. */
async function refused(m: FakeMessage, actionId: string, userId: string): Promise<string> {
  const told = t.fake.ephemerals.length;
  const responses = t.fake.responses.length;
  expect((await t.slack.click(messageNow(m.ts), { actionId }, { userId })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.ephemerals.length > told || t.fake.responses.length > responses);
  const said = t.fake.ephemerals.length > told ? t.fake.ephemerals.at(-1)! : t.fake.responses.at(-1)!.body;
  return JSON.stringify(said);
}

/** Clicks a button that opens a modal and resolves to it. */
async function openModal(m: FakeMessage, actionId: string, userId: string) {
  const views = t.fake.views.length;
  expect((await t.slack.click(messageNow(m.ts), { actionId }, { userId })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.views.length > views);
  return t.fake.views.at(-1)!;
}

/** Rates the current question and waits for the next question (or the summary). */
async function rateAndGoOn(parent: FakeMessage, level: number, userId = BOB): Promise<void> {
  const q = questionMessages(parent).at(-1)!;
  const posts = postCount();
  await t.slack.click(messageNow(q.ts), { actionId: `vet.rate.${level}` }, { userId });
  await t.fake.waitFor(() => postCount() > posts);
}

describe('N/A is a claim', () => {
  it('has no N/A button where the bank does not allow one, and refuses a forged N/A click there, recording nothing', async () => {
    t = await startTestApp({ bank: BANK, env: ENV });
    const parent = await start('Acme');
    const id = await interviewId(parent);
    await rateAndGoOn(parent, 2);
    const q2 = questionMessages(parent).at(-1)!;
    expect(allText(q2)).toContain('Question q2');
    expect(actionIds(q2)).not.toContain('vet.na');

    // A hand-made request: the question's own controls with an N/A button added, signed like Slack's.
    const shown = messageNow(q2.ts);
    const forged = {
      ...shown,
      blocks: shown.blocks!.map((b: any) =>
        b.type === 'actions' && String(b.block_id).endsWith('|2')
          ? { ...b, elements: [...b.elements, { type: 'button', action_id: 'vet.na', value: 'na', text: { type: 'plain_text', text: 'N/A' } }] }
          : b,
      ),
    };
    const responses = t.fake.responses.length;
    expect((await t.slack.click(forged, { actionId: 'vet.na' }, { userId: BOB })).status).toBe(200);
    await t.fake.waitFor(() => t.fake.responses.length > responses);
    const said = JSON.stringify(t.fake.responses.at(-1)!.body);
    expect(said).toContain('cannot be marked N/A here: the question bank does not say it may not apply');
    expect(t.fake.views).toHaveLength(0);
    expect((await listAnswers(t.db, id)).filter((a) => a.questionId === 'q2')).toEqual([]);
  });

  it('asks for a reason where N/A is allowed, shows it with who claimed it, and counts it only once a second person confirms', async () => {
    t = await startTestApp({ bank: BANK, env: ENV });
    const parent = await start('Acme');
    const id = await interviewId(parent);
    const q1 = questionMessages(parent).at(-1)!;
    expect(actionIds(q1)).toContain('vet.na');

    const modal = await openModal(q1, 'vet.na', BOB);
    expect(modal.view.callback_id).toBe('vet.na');
    expect(JSON.stringify(modal.view.blocks)).toContain('the vendor claims no CMMI rating');
    const empty = await t.slack.submitView(modal.view, { na_reason: '   ' }, { userId: BOB, viewId: modal.id });
    expect(empty.json()).toEqual({ response_action: 'errors', errors: { na_reason: 'Say why the question does not apply to this vendor: an N/A without a reason is not accepted.' } });
    expect(await listAnswers(t.db, id)).toEqual([]);

    const posts = postCount();
    await t.slack.submitView(modal.view, { na_reason: 'No CMMI rating claimed anywhere in the proposal' }, { userId: BOB, viewId: modal.id });
    await t.fake.waitFor(() => postCount() > posts);
    const claimed = messageNow(q1.ts);
    expect(allText(claimed)).toContain('N/A (“No CMMI rating claimed anywhere in the proposal”)');
    expect(allText(claimed)).toContain(`*N/A* claimed by <@${BOB}>: awaiting confirmation by a second person`);
    expect(actionIds(claimed)).toContain('vet.na.confirm');
    expect((await listAnswers(t.db, id)).find((a) => a.questionId === 'q1')).toMatchObject({ status: 'na', naReason: 'No CMMI rating claimed anywhere in the proposal', naConfirmedBy: null });

    // The claimant cannot confirm their own N/A.
    expect(await refused(claimed, 'vet.na.confirm', BOB)).toContain('a second person confirms it');
    await click(claimed, 'vet.na.confirm', LEAD);
    expect((await listAnswers(t.db, id)).find((a) => a.questionId === 'q1')).toMatchObject({ naConfirmedBy: LEAD });
    expect(allText(messageNow(q1.ts))).toContain(`*N/A* claimed by <@${BOB}>, confirmed by <@${LEAD}>: confirmed: the question does not count`);
    expect((await listAudit(t.db, id)).find((a) => a.action === 'answer.na-confirmed')).toMatchObject({ actor: LEAD, detail: { questionId: 'q1', claimedBy: [BOB] } });
  });
});

describe('an N/A never takes an examined question out of play', () => {
  it('refuses an N/A and its modal on a question rated earlier in the vetting, even after the rating became a skip', async () => {
    t = await startTestApp({ bank: BANK, env: ENV });
    const parent = await start('Initech');
    const id = await interviewId(parent);
    const q1 = questionMessages(parent).at(-1)!;
    // Alice opens the N/A modal before anyone rated; Bob then rates the question Absent and takes it back as a skip.
    const modal = await openModal(q1, 'vet.na', LEAD);
    await rateAndGoOn(parent, 0);
    await ratingConfirmed(1);
    await click(q1, 'vet.skip', BOB);
    expect((await listAnswers(t.db, id)).find((a) => a.questionId === 'q1')).toMatchObject({ evaluatorId: BOB, status: 'skipped', answeredBefore: true });

    expect(await refused(q1, 'vet.na', LEAD)).toContain('was answered in this vetting, so it was examined: an N/A cannot take it out of play');
    const told = t.fake.ephemerals.length + t.fake.responses.length;
    const submitted = await t.slack.submitView(modal.view, { na_reason: 'No CMMI rating claimed anywhere in the proposal' }, { userId: LEAD, viewId: modal.id });
    const answer = JSON.stringify(submitted.json() ?? {});
    if (!answer.includes('was answered in this vetting')) {
      await t.fake.waitFor(() => t.fake.ephemerals.length + t.fake.responses.length > told);
      expect(JSON.stringify([t.fake.ephemerals.at(-1), t.fake.responses.at(-1)?.body])).toContain('was answered in this vetting');
    }
    expect((await listAnswers(t.db, id)).filter((a) => a.status === 'na')).toEqual([]);
    // The question stays examined and its failure stands: the flag Bob's Absent raised is not laundered by an N/A.
    expect(allText(messageNow(q1.ts))).not.toContain('confirmed: the question does not count');
  });

  it('an N/A claimed before a rating that was then taken back stays unconfirmable: not examined, and said so', async () => {
    t = await startTestApp({ bank: BANK, env: ENV });
    const parent = await start('Hooli');
    const id = await interviewId(parent);
    const q1 = questionMessages(parent).at(-1)!;
    const modal = await openModal(q1, 'vet.na', LEAD);
    const posts = postCount();
    await t.slack.submitView(modal.view, { na_reason: 'No CMMI rating claimed anywhere in the proposal' }, { userId: LEAD, viewId: modal.id });
    await t.fake.waitFor(() => postCount() > posts);
    // The N/A moved the interview on; Bob goes back to the question, rates it Absent, then takes that back as a skip.
    await click(q1, 'vet.rate.0', BOB);
    await ratingConfirmed(1);
    await click(q1, 'vet.skip', BOB);
    const now = messageNow(q1.ts);
    expect(allText(now)).toContain('the question was answered earlier in this vetting, so it was examined: the N/A counts as not examined');
    expect(actionIds(now)).not.toContain('vet.na.confirm');
    // A confirmation forged onto the message is refused, and records nothing.
    const forged = {
      ...now,
      blocks: (now.blocks ?? []).map((b: any) =>
        b.type === 'actions' && String(b.block_id).endsWith('|2')
          ? { ...b, elements: [...b.elements, { type: 'button', action_id: 'vet.na.confirm', value: 'confirm', text: { type: 'plain_text', text: 'Confirm N/A' } }] }
          : b,
      ),
    };
    // Bob's rating confirmation may still be on its way: wait for what Casey is told, by its words.
    const [responses, ephemerals] = [t.fake.responses.length, t.fake.ephemerals.length];
    const toldCasey = () => JSON.stringify([...t.fake.responses.slice(responses).map((r) => r.body), ...t.fake.ephemerals.slice(ephemerals)]);
    expect((await t.slack.click(forged, { actionId: 'vet.na.confirm' }, { userId: CASEY })).status).toBe(200);
    await t.fake.waitFor(() => toldCasey().includes('was answered in this vetting'));
    expect((await listAnswers(t.db, id)).find((a) => a.status === 'na')).toMatchObject({ evaluatorId: LEAD, naConfirmedBy: null });
  });
});

describe('risk is accepted by its owner, resolved with four eyes', () => {
  /** A finished vetting whose five questions were all rated Absent: five open high flags. */
  async function flagged(): Promise<{ parent: FakeMessage; summary: FakeMessage; id: number }> {
    const parent = await start('Globex');
    for (let i = 0; i < BANK.questions.length; i++) await rateAndGoOn(parent, 0);
    const id = await interviewId(parent);
    const summaryTs = await until(
      () => t.db.selectFrom('interviews').select('summary_ts').where('id', '=', id).executeTakeFirstOrThrow(),
      (r) => r.summary_ts !== null,
      'the summary',
    );
    return { parent, summary: messageNow(summaryTs.summary_ts!), id };
  }

  /** A flag's button: its actions block is `flag|<id>`. */
  const flagButton = (action: string, flagId: number) => ({ actionId: action, blockId: `flag|${flagId}` });

  async function clickFlag(m: FakeMessage, action: 'vet.flag.accept' | 'vet.flag.resolve', flagId: number, userId: string) {
    const views = t.fake.views.length;
    const told = t.fake.ephemerals.length;
    expect((await t.slack.click(messageNow(m.ts), flagButton(action, flagId), { userId })).status).toBe(200);
    await t.fake.waitFor(() => t.fake.views.length > views || t.fake.ephemerals.length > told);
    return t.fake.views.length > views ? { modal: t.fake.views.at(-1)!, told: null } : { modal: null, told: JSON.stringify(t.fake.ephemerals.at(-1)) };
  }

  it("refuses the lead's Accept on a high flag, naming the risk owners, and takes the risk owner's with a control and an expiry within a year", async () => {
    t = await startTestApp({ bank: BANK, env: ENV });
    const { summary, id } = await flagged();
    const flag = (await listFlags(t.db, id)).find((f) => f.rule === 'weak-q1')!;
    expect(flag).toMatchObject({ severity: 'high', status: 'open' });

    for (const who of [LEAD, BOB]) {
      const { modal, told } = await clickFlag(summary, 'vet.flag.accept', flag.id, who);
      expect(modal).toBeNull();
      expect(told).toContain(`Only a risk owner, <@${CASEY}>`);
      expect(told).toContain('the people who ran the interview do not sign off their own findings');
    }

    const { modal } = await clickFlag(summary, 'vet.flag.accept', flag.id, CASEY);
    expect(modal!.view.callback_id).toBe('vet.flag.accept');
    const tooLate = await t.slack.submitView(modal!.view, { reason: 'Pilot on synthetic data only', expires: '2027-12-01' }, { userId: CASEY, viewId: modal!.id });
    expect(tooLate.json()).toEqual({
      response_action: 'errors',
      errors: {
        control: 'Name the compensating control that keeps this risk in check until the acceptance expires.',
        expires: 'Pick a date at most 12 months ahead (2027-11-22 at the latest): an accepted risk is looked at again within a year.',
      },
    });
    expect((await listFlags(t.db, id)).find((f) => f.id === flag.id)!.status).toBe('open');

    const ok = await t.slack.submitView(
      modal!.view,
      { reason: 'Pilot on synthetic data only', control: 'No production data until the DPA is signed; weekly access review', expires: '2027-06-01' },
      { userId: CASEY, viewId: modal!.id },
    );
    expect(ok.json()).toBeUndefined();
    expect((await listFlags(t.db, id)).find((f) => f.id === flag.id)).toMatchObject({
      status: 'accepted',
      statusBy: CASEY,
      ownerId: CASEY,
      compensatingControl: 'No production data until the DPA is signed; weekly access review',
      acceptExpiresAt: new Date('2027-06-01T00:00:00.000Z'),
    });
    expect((await listAudit(t.db, id)).filter((a) => a.action === 'flag.accepted').map((a) => a.actor)).toEqual([CASEY]);
    // The report an auditor reads names the owner, the expiry and the compensating control.
    const report = await markdownReport('Globex');
    expect(report).toContain('risk accepted by');
    expect(report).toContain('expires 2027-06-01: Pilot on synthetic data only; compensating control: No production data until the DPA is signed; weekly access review');
    expect(report).toMatch(/accepted: Pilot on synthetic data only; compensating control: No production data until the DPA is signed; weekly access review/);
  });

  it('resolves a high flag only when a second person confirms what the first one proposed, with what was seen', async () => {
    t = await startTestApp({ bank: BANK, env: ENV });
    const { summary, id } = await flagged();
    const flag = (await listFlags(t.db, id)).find((f) => f.rule === 'weak-q2')!;

    const { modal } = await clickFlag(summary, 'vet.flag.resolve', flag.id, BOB);
    const noSeen = await t.slack.submitView(modal!.view, { reason: 'Reviews are enforced now' }, { userId: BOB, viewId: modal!.id });
    expect(noSeen.json()).toMatchObject({ response_action: 'errors', errors: { seen: expect.stringContaining('Say what was seen that settles it') } });

    const updates = messageNow(summary.ts).updates;
    const proposed = await t.slack.submitView(
      modal!.view,
      { reason: 'Reviews are enforced now', seen: 'branch protection settings of the payments repo on screen share' },
      { userId: BOB, viewId: modal!.id },
    );
    expect(proposed.json()).toBeUndefined();
    await t.fake.waitFor(() => messageNow(summary.ts).updates > updates);
    expect((await listFlags(t.db, id)).find((f) => f.id === flag.id)).toMatchObject({ status: 'open', proposal: { by: BOB, reason: 'Reviews are enforced now' } });
    expect(allText(messageNow(summary.ts))).toContain(
      `resolution proposed by <@${BOB}>: Reviews are enforced now (seen: “branch protection settings of the payments repo on screen share”); waiting for a second person to confirm it`,
    );

    // The proposer is not the second pair of eyes.
    const self = await clickFlag(messageNow(summary.ts), 'vet.flag.resolve', flag.id, BOB);
    expect(self.modal).toBeNull();
    expect(self.told).toContain('a second person confirms it');

    const confirm = await clickFlag(messageNow(summary.ts), 'vet.flag.resolve', flag.id, LEAD);
    expect(confirm.modal!.view.callback_id).toBe('vet.flag.confirm');
    expect((await t.slack.submitView(confirm.modal!.view, {}, { userId: LEAD, viewId: confirm.modal!.id })).json()).toBeUndefined();
    expect((await listFlags(t.db, id)).find((f) => f.id === flag.id)).toMatchObject({
      status: 'resolved',
      statusBy: LEAD,
      statusReason: 'Reviews are enforced now',
      statusSeen: 'branch protection settings of the payments repo on screen share',
    });
    const audit = await listAudit(t.db, id);
    expect(audit.find((a) => a.action === 'flag.resolution-proposed')).toMatchObject({ actor: BOB });
    expect(audit.find((a) => a.action === 'flag.resolved')).toMatchObject({ actor: LEAD, detail: { proposedBy: BOB } });
    // In the report: what was seen, and both pairs of eyes.
    const report = await markdownReport('Globex');
    expect(report).toContain('Reviews are enforced now; seen: branch protection settings of the payments repo on screen share');
    expect(report).toMatch(/resolution-proposed: Reviews are enforced now; seen: branch protection settings of the payments repo on screen share/);
    expect(report).toMatch(new RegExp(`resolved: Reviews are enforced now; seen: branch protection settings of the payments repo on screen share; confirming the resolution proposed by .*${BOB}`));
  });
});

describe('evidence points at something', () => {
  it('records what was seen with "Evidence shown" and lists it in the register', async () => {
    t = await startTestApp({ bank: BANK, env: ENV });
    const parent = await start('Initech');
    const id = await interviewId(parent);
    const q1 = questionMessages(parent).at(-1)!;
    const modal = await openModal(q1, 'vet.evidence.shown', BOB);
    expect(modal.view.callback_id).toBe('vet.evidence.seen');
    const empty = await t.slack.submitView(modal.view, { seen: ' ' }, { userId: BOB, viewId: modal.id });
    expect(empty.json()).toMatchObject({ response_action: 'errors', errors: { seen: expect.stringContaining('Say what you saw') } });

    const updates = messageNow(q1.ts).updates;
    await t.slack.submitView(modal.view, { seen: 'audit log of PR 4812 on screen share' }, { userId: BOB, viewId: modal.id });
    await t.fake.waitFor(() => messageNow(q1.ts).updates > updates);
    expect((await listAnswers(t.db, id)).find((a) => a.questionId === 'q1')).toMatchObject({ evidence: 'shown', evidenceSeen: 'audit log of PR 4812 on screen share' });
    expect(allText(messageNow(q1.ts))).toContain(`<@${BOB}>: evidence shown: “audit log of PR 4812 on screen share”`);

    const register = mrkdwnTexts(await command('evidence Initech')).join('\n');
    expect(register).toContain(`Seen by <@${BOB}> on 22 Nov 2026: “audit log of PR 4812 on screen share”`);
  });

  it('shows a link shared behind a trusted-looking label by its real host, in the receipt and the register', async () => {
    t = await startTestApp({ bank: BANK, env: ENV });
    const parent = await start('Umbrella');
    const receipts = () => thread(parent).filter((m) => (m.text ?? '').startsWith('Evidence shared for'));
    expect(
      (
        await t.slack.event({
          type: 'message',
          channel: CHANNEL,
          channel_type: 'channel',
          user: BOB,
          text: 'Q1: their report &lt;https://evil.example/soc2.pdf|https://trust.example.com/soc2.pdf&gt;'.replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
          ts: '1800000000.000001',
          thread_ts: parent.ts,
        })
      ).status,
    ).toBe(200);
    await t.fake.waitFor(() => receipts().length > 0);
    const receipt = allText(receipts()[0]!);
    expect(receipt).toContain('<https://evil.example/soc2.pdf|evil.example/soc2.pdf>');
    expect(receipt).not.toContain('trust.example.com');

    const register = mrkdwnTexts(await command('evidence Umbrella')).join('\n');
    expect(register).toContain('<https://evil.example/soc2.pdf|evil.example/soc2.pdf>');
    expect(register).not.toContain('trust.example.com');
  });
});
