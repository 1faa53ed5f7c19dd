// Hardening (issue 20) through the real app: signed requests an attacker can send, and the answers they get.
import { afterEach, describe, expect, it } from 'vitest';
import { DIMENSIONS, ENGAGEMENT_MODELS, STANDARD_RUBRIC, type QuestionBank } from '../src/questions/model.js';
import { actionIds, isQuestion } from './support/blocks.js';
import type { FakeMessage } from './support/fakeSlack.js';
import { type ClickTarget, FORM, mention } from './support/slackClient.js';
import { startTestApp, type TestApp } from './support/testApp.js';

const CHANNEL = 'C0VET';
const PRIVATE = 'G0SECRET';
const LEAD = 'U0ALICE';
const BOB = 'U0BOB';
/** In the workspace, not in the private channel. */
const CAROL = 'U0CAROL';
const VENDOR = 'U0VENDOR';
const BOT = 'U0BOTTY';
let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const nowSec = () => Math.floor(Date.now() / 1000);

describe('signed requests', () => {
  it('refuses a correctly signed request from more than five minutes in the future with 401, and takes one from just ahead', async () => {
    t = await startTestApp();
    const body = new URLSearchParams({
      command: '/vet',
      text: 'start Future Co --lite',
      user_id: 'U0ALICE',
      channel_id: CHANNEL,
      team_id: 'T0FAKE',
      response_url: t.fake.responseUrl(),
      trigger_id: 't',
    }).toString();
    const ahead = await t.slack.raw(body, { contentType: FORM, timestamp: nowSec() + 6 * 60 });
    expect(ahead.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(await t.db.selectFrom('vendors').selectAll().execute()).toEqual([]);
    const slightlyAhead = await t.slack.raw(body, { contentType: FORM, timestamp: nowSec() + 60 });
    expect(slightlyAhead.status).toBe(200);
    await t.fake.waitFor(() => t.fake.callsTo('chat.postMessage').length >= 2);
  });

  it('answers a signed interactive payload of the wrong shape with 400, not 500', async () => {
    t = await startTestApp();
    for (const payload of [{ type: 'block_actions', actions: 'x', user: { id: 'U0ALICE' } }, { type: 'block_actions', actions: [{}] }, { type: 'view_submission' }]) {
      const reply = await t.slack.raw(`payload=${encodeURIComponent(JSON.stringify(payload))}`, { contentType: FORM });
      expect(reply.status, JSON.stringify(payload)).toBe(400);
    }
    // The app still works afterwards.
    const ok = await t.slack.command('help', { userId: 'U0ALICE', channelId: CHANNEL });
    expect(ok.status).toBe(200);
  });
});

const postCount = () => t.fake.callsTo('chat.postMessage').length;
const threadOf = (channel: string, parent: FakeMessage) => t.fake.messages({ channel, thread_ts: parent.ts });

/** `/vet start` as `userId` in `channel`; the parent message once the first question is posted too. */
async function startIn(channel: string, text: string, userId = LEAD): Promise<FakeMessage> {
  const before = postCount();
  expect((await t.slack.command(`start ${text}`, { userId, channelId: channel })).status).toBe(200);
  await t.fake.waitFor(() => postCount() >= before + 2);
  return t.fake
    .messages({ channel })
    .filter((m) => !m.thread_ts)
    .at(-1)!;
}

/** Opens the modal behind a button; resolves to it. */
async function openModal(target: FakeMessage | ClickTarget, actionId: string, userId: string) {
  const views = t.fake.views.length;
  expect((await t.slack.click(target, { actionId }, { userId, triggerId: `trig-${Date.now()}` })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.views.length > views);
  return t.fake.views.at(-1)!;
}

/**
 * A lite bank of one question per dimension, each flagging a rating of 1 or below as a medium risk: a risk owner is
 * named only for a low or medium risk (a high or critical one is owned by the risk owner who accepts it).
 */
const MEDIUM_BANK: QuestionBank = {
  id: 'medium',
  version: 'test',
  questions: DIMENSIONS.map((dimension, i) => ({
    id: `q${i + 1}`,
    dimension,
    title: `Question q${i + 1}`,
    prompt: `Walk us through q${i + 1}.`,
    matureAnswer: ['one', 'two'],
    evidence: ['the log'],
    rubric: STANDARD_RUBRIC,
    weight: 1,
    evidenceRequired: true,
    models: [...ENGAGEMENT_MODELS],
    patterns: [],
    redFlags: [{ rule: `weak-q${i + 1}`, severity: 'medium' as const, when: { ratingAtOrBelow: 1 }, message: `Weak practice on q${i + 1}.` }],
    followUps: [],
    lite: true,
  })),
};

describe('people chosen in a modal', () => {
  async function privateVetting(bank?: QuestionBank): Promise<FakeMessage> {
    t = await startTestApp({ ...(bank && { bank }) });
    t.fake.setChannel(PRIVATE, { isPrivate: true, botIsMember: true, members: [LEAD, BOB, BOT] });
    t.fake.setUser(VENDOR, { teamId: 'T0VENDOR', realName: 'Vera Vendor' });
    t.fake.setUser(BOT, { isBot: true, realName: 'Deploy Bot' });
    return startIn(PRIVATE, `Secret Co --lite --with ${mention(BOB)}`);
  }
  const refusals = {
    [VENDOR]: 'Vera Vendor is from another organisation: pick someone of your own team to TASK.',
    [BOT]: 'Deploy Bot is a bot: pick a person to TASK.',
    [CAROL]: 'That person is not a member of the private channel this vetting ran in, so they may not see it: pick a member to TASK, or invite them there first.',
  };

  it('refuses an evidence chaser from another organisation, a bot, or outside the private channel, and takes a member', async () => {
    const parent = await privateVetting();
    const q1 = threadOf(PRIVATE, parent).filter(isQuestion).at(-1)!;
    expect(actionIds(q1)).toContain('vet.evreq.open');
    const modal = await openModal(q1, 'vet.evreq.open', BOB);
    for (const [who, message] of Object.entries(refusals)) {
      const answer = await t.slack.submitView(modal.view, { chaser: who }, { userId: BOB, viewId: modal.id });
      expect(answer.json(), who).toEqual({ response_action: 'errors', errors: { chaser: message.replace('TASK', 'chase it') } });
    }
    expect(await t.db.selectFrom('evidence_requests').selectAll().execute()).toEqual([]);
    const ok = await t.slack.submitView(modal.view, { chaser: LEAD }, { userId: BOB, viewId: modal.id });
    expect(ok.json()).toBeUndefined();
    expect(await t.db.selectFrom('evidence_requests').select('chaser_id').execute()).toEqual([{ chaser_id: LEAD }]);
  });

  it('refuses a risk owner from another organisation, a bot, or outside the private channel, and takes a member', async () => {
    const parent = await privateVetting(MEDIUM_BANK);
    // Every question examined (no "incomplete vetting" flag), the first rated 0: its flag is medium.
    for (const rating of [0, 3, 3, 3, 3]) {
      const q = threadOf(PRIVATE, parent).filter(isQuestion).at(-1)!;
      const posts = postCount();
      await t.slack.click(q, { actionId: `vet.rate.${rating}` }, { userId: BOB });
      // The next question, or after the last one the summary.
      await t.fake.waitFor(() => postCount() > posts);
    }
    const responses = t.fake.responses.length;
    await t.slack.command('finish Secret Co', { userId: LEAD, channelId: PRIVATE });
    await t.fake.waitFor(() => t.fake.responses.length > responses);
    const { summary_ts } = await t.db.selectFrom('interviews').select('summary_ts').executeTakeFirstOrThrow();
    const summary = t.fake.messages({ channel: PRIVATE }).find((m) => m.ts === summary_ts)!;
    // Only medium flags: the weak practice, and the claims made without evidence shown.
    const raised = await t.db.selectFrom('red_flags').select(['rule', 'severity', 'status']).execute();
    expect(raised).toContainEqual({ rule: 'weak-q1', severity: 'medium', status: 'open' });
    expect(raised.every((f) => f.severity === 'medium' && f.status === 'open')).toBe(true);
    // Medium flags are decided from the full list (the summary counts them under "List all open flags").
    expect(actionIds(summary)).not.toContain('vet.flag.accept');
    const listed = t.fake.responses.length;
    await t.slack.command('flags Secret Co', { userId: LEAD, channelId: PRIVATE });
    await t.fake.waitFor(() => t.fake.responses.length > listed);
    const list: ClickTarget = { channel: PRIVATE, ts: '1700000999.000200', blocks: t.fake.responses.at(-1)!.body.blocks, ephemeral: true };
    const modal = await openModal(list, 'vet.flag.accept', LEAD);
    const base = { reason: 'Review threads are promised for the first sprint', control: 'Quarterly access review', expires: '2026-12-10' };
    for (const [who, message] of Object.entries(refusals)) {
      const answer = await t.slack.submitView(modal.view, { ...base, owner: who }, { userId: LEAD, viewId: modal.id });
      expect(answer.json(), who).toEqual({ response_action: 'errors', errors: { owner: message.replace('TASK', 'own this risk') } });
    }
    expect(await t.db.selectFrom('red_flags').select('status').where('status', '=', 'accepted').execute()).toEqual([]);
    const ok = await t.slack.submitView(modal.view, { ...base, owner: BOB }, { userId: LEAD, viewId: modal.id });
    expect(ok.json()).toBeUndefined();
    expect(await t.db.selectFrom('red_flags').select(['status', 'owner_id']).where('status', '=', 'accepted').execute()).toEqual([{ status: 'accepted', owner_id: BOB }]);
  });
});

describe('a click or submission carrying the id of a vetting the person may not see', () => {
  it('gets the answer an unknown id gets, naming neither the vendor nor its lead', async () => {
    t = await startTestApp();
    t.fake.setChannel(PRIVATE, { isPrivate: true, botIsMember: true, members: [LEAD, BOB] });
    const secret = await startIn(PRIVATE, `Secret Co --lite --with ${mention(BOB)}`);
    const q = threadOf(PRIVATE, secret).filter(isQuestion).at(-1)!;
    // A public vetting Carol may see, whose message she can click legitimately: a refusal there names its lead.
    const open = await startIn(CHANNEL, 'Open Inc --lite');
    const openQ = threadOf(CHANNEL, open).filter(isQuestion).at(-1)!;
    const saidTo = (user: string) => [...t.fake.ephemerals.filter((e) => e.user === user), ...t.fake.responses.map((r) => r.body)].map((m) => JSON.stringify(m));

    await t.slack.click(openQ, { actionId: 'vet.rate.2' }, { userId: CAROL });
    await t.fake.waitFor(() => saidTo(CAROL).length >= 1);
    expect(saidTo(CAROL).at(-1)).toContain(`<@${LEAD}> leads it`);

    // Carol copies the private question's blocks (their ids) into a message of her public channel and clicks.
    const forged = { ...q, channel: CHANNEL, thread_ts: open.ts };
    for (const actionId of ['vet.rate.2', 'vet.evreq.open']) {
      const before = saidTo(CAROL).length;
      expect((await t.slack.click(forged, { actionId }, { userId: CAROL, triggerId: `trig-${actionId}` })).status).toBe(200);
      await t.fake.waitFor(() => saidTo(CAROL).length > before);
      const said = saidTo(CAROL).slice(before).join('\n');
      expect(said).toContain('This interview no longer exists.');
      expect(said).not.toContain('Secret Co');
      expect(said).not.toContain(LEAD);
    }
    expect(t.fake.views).toEqual([]);
    // A note modal's submission carrying the private interview's id in its metadata (here Bob's, as Carol could forge it).
    // The modal stays open saying so, as it would for an id that never existed.
    const modal = await openModal(q, 'vet.note', BOB);
    const planted = await t.slack.submitView(modal.view, { note: 'planted' }, { userId: CAROL, viewId: modal.id });
    expect(planted.json()).toEqual({ response_action: 'errors', errors: { note: 'This interview no longer exists.' } });
    expect(saidTo(CAROL).join('\n')).not.toContain('Secret Co');
    expect(await t.db.selectFrom('answers').selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom('notes').selectAll().execute()).toEqual([]);
  });
});

describe('control characters', () => {
  it('refuses them in a vendor name and in a note with a specific message, recording nothing', async () => {
    t = await startTestApp();
    for (const name of ['Acme\u0000Corp', 'Acme\u0007 Corp']) {
      const before = t.fake.responses.length;
      await t.slack.command(`start ${name} --lite`, { userId: LEAD, channelId: CHANNEL });
      await t.fake.waitFor(() => t.fake.responses.length > before);
      expect(t.fake.responses.at(-1)!.body.text).toContain('The vendor name contains a control character (U+');
    }
    expect(await t.db.selectFrom('vendors').selectAll().execute()).toEqual([]);

    const parent = await startIn(CHANNEL, 'Acme Corp --lite');
    const q = threadOf(CHANNEL, parent).filter(isQuestion).at(-1)!;
    const modal = await openModal(q, 'vet.note', LEAD);
    const before = t.fake.ephemerals.length;
    expect((await t.slack.submitView(modal.view, { note: 'Showed the PR\u0000 list' }, { userId: LEAD, viewId: modal.id })).status).toBe(200);
    await t.fake.waitFor(() => t.fake.ephemerals.length > before);
    expect(JSON.stringify(t.fake.ephemerals.at(-1))).toContain('The note contains a control character (U+0000)');
    expect(await t.db.selectFrom('notes').selectAll().execute()).toEqual([]);
    // Line breaks and tabs are part of writing a note.
    const again = await openModal(q, 'vet.note', LEAD);
    const updates = t.fake.callsTo('chat.update').length;
    await t.slack.submitView(again.view, { note: 'Showed:\n\t- the PR list' }, { userId: LEAD, viewId: again.id });
    await t.fake.waitFor(() => t.fake.callsTo('chat.update').length > updates);
    expect(await t.db.selectFrom('notes').select('text').execute()).toEqual([{ text: 'Showed:\n\t- the PR list' }]);
  });
});

describe('wording and order', () => {
  it('points /vet status to the latest result after a vetting finished; a lone evaluator is told they are one opinion', async () => {
    t = await startTestApp();
    const parent = await startIn(CHANNEL, 'Acme Corp --lite');
    const parentText = JSON.stringify(parent.blocks);
    expect(parentText).not.toContain('Only they rate the answers');
    expect(parentText).toContain('alone so far: a single rater');
    let before = t.fake.responses.length;
    await t.slack.command('finish Acme Corp', { userId: LEAD, channelId: CHANNEL });
    await t.fake.waitFor(() => t.fake.responses.length > before);
    before = t.fake.responses.length;
    await t.slack.command('status acme corp', { userId: LEAD, channelId: CHANNEL });
    await t.fake.waitFor(() => t.fake.responses.length > before);
    const status: string = t.fake.responses.at(-1)!.body.text;
    expect(status).toContain('*Acme Corp*: no interview in progress here; the latest one finished on 2026-11-22: ');
    expect(status).toContain('|its summary>');
    expect(status).toContain('`/vet report Acme Corp` for the full report');
  });

  it('lists /vet flags worst first, names a question once in a flag line, and says a flag raised today was opened today', async () => {
    t = await startTestApp();
    const parent = await startIn(CHANNEL, `Acme Corp --lite --with ${mention(BOB)}`);
    // Lead and Bob 3 levels apart on the first question: a medium disagreement flag naming it; Bob's 0 a high one.
    const q1 = threadOf(CHANNEL, parent).filter(isQuestion).at(-1)!;
    let updates = t.fake.callsTo('chat.update').length;
    await t.slack.click(q1, { actionId: 'vet.rate.3' }, { userId: LEAD });
    await t.fake.waitFor(() => t.fake.callsTo('chat.update').length > updates);
    updates = t.fake.callsTo('chat.update').length;
    await t.slack.click(q1, { actionId: 'vet.rate.0' }, { userId: BOB });
    await t.fake.waitFor(() => t.fake.callsTo('chat.update').length > updates);
    let before = t.fake.responses.length;
    await t.slack.command('finish Acme Corp', { userId: LEAD, channelId: CHANNEL });
    await t.fake.waitFor(() => t.fake.responses.length > before);

    before = t.fake.responses.length;
    await t.slack.command('flags Acme Corp', { userId: LEAD, channelId: CHANNEL });
    await t.fake.waitFor(() => t.fake.responses.length > before);
    const lines: string[] = t.fake.responses
      .at(-1)!
      .body.blocks.filter((b: any) => b.type === 'section')
      .slice(1)
      .map((b: any) => b.text.text);
    const rank = (line: string) => ['*Critical*', '*High*', '*Medium*', '*Low*'].findIndex((s) => line.includes(s));
    const ranks = lines.map(rank);
    expect(new Set(ranks).size).toBeGreaterThan(1);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const disagreement = lines.find((l) => l.includes('Evaluators disagree on'))!;
    const title = /disagree on "([^"]+)"/.exec(disagreement.replace(/&quot;/g, '"'))![1]!;
    expect(disagreement.split(title).length - 1).toBe(1);

    before = t.fake.responses.length;
    await t.slack.command('digest now', { userId: LEAD, channelId: CHANNEL });
    await t.fake.waitFor(() => t.fake.responses.length > before && t.fake.messages({ channel: CHANNEL }).some((m) => (m.text ?? '').includes('digest')));
    const digest = JSON.stringify(
      t.fake
        .messages({ channel: CHANNEL })
        .filter((m) => !m.thread_ts)
        .at(-1),
    );
    expect(digest).toContain('opened today');
    expect(digest).not.toContain('open for today');
  });
});

describe('reports', () => {
  it('name people as Slack names them, beside their ids, in the Markdown report and the CSV', async () => {
    t = await startTestApp();
    t.fake.setUser(LEAD, { realName: 'Alice Archer' });
    t.fake.setUser(BOB, { realName: 'Bob Builder' });
    const parent = await startIn(CHANNEL, `Acme Corp --lite --with ${mention(BOB)}`);
    const q1 = threadOf(CHANNEL, parent).filter(isQuestion).at(-1)!;
    const updates = t.fake.callsTo('chat.update').length;
    await t.slack.click(q1, { actionId: 'vet.rate.1' }, { userId: BOB });
    await t.fake.waitFor(() => t.fake.callsTo('chat.update').length > updates);
    for (const text of ['report Acme Corp', 'report Acme Corp --csv']) {
      const before = t.fake.uploads.length;
      await t.slack.command(text, { userId: LEAD, channelId: CHANNEL });
      await t.fake.waitFor(() => t.fake.uploads.length > before);
    }
    const [markdown, csv] = t.fake.uploads.map((u) => u.content);
    expect(markdown).toContain(`started 2026-11-22 by Alice Archer (${LEAD})`);
    const evaluators = /- Evaluators: (.*)\n/.exec(markdown!)![1]!.split(', ');
    expect(evaluators.sort()).toEqual([`Alice Archer (${LEAD})`, `Bob Builder (${BOB})`]);
    expect(markdown).toMatch(new RegExp(`- Bob Builder \\(${BOB}\\): Claimed, vague`));
    expect(csv!.split('\r\n')[0]).toContain(',evaluator,evaluator_name,');
    expect(csv).toContain(`,${BOB},Bob Builder,rated,1,`);
  });
});
