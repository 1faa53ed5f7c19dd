// End to end: what a newcomer meets in Slack (issue 13, "In Slack"): the start message, a reply in a finished
// interview's thread, and vendor names with mrkdwn markers, through the real app and signed requests.
import { afterEach, describe, expect, it } from 'vitest';
import { DIMENSIONS, ENGAGEMENT_MODELS, STANDARD_RUBRIC, type QuestionBank } from '../src/questions/model.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { parseQuestionBlockId } from '../src/slack/ids.js';
import { listNotes } from '../src/store/notes.js';
import type { FakeMessage } from './support/fakeSlack.js';
import { eventually } from './support/wait.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { actionIds, allText, elements, isQuestion, mrkdwnTexts } from './support/blocks.js';
import { mention } from './support/slackClient.js';

const CHANNEL = 'C0VET';
const LEAD = 'U0ALICE';
const BOB = 'U0BOB';
const STRANGER = 'U0MALLORY';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const postCount = () => t.fake.callsTo('chat.postMessage').length;

async function start(text: string): Promise<FakeMessage> {
  const before = postCount();
  expect((await t.slack.command(`start ${text}`, { userId: LEAD, channelId: CHANNEL })).status).toBe(200);
  await t.fake.waitFor(() => postCount() >= before + 2);
  return t.fake
    .messages({ channel: CHANNEL })
    .filter((m) => !m.thread_ts)
    .at(-1)!;
}

const currentQuestion = (parent: FakeMessage) => t.fake.messages({ channel: CHANNEL, thread_ts: parent.ts }).filter(isQuestion).at(-1)!;

/** Gives the current question its worst answer (raising its red flag) and waits for the next question or the summary. */
async function answerWorst(parent: FakeMessage, times: number): Promise<void> {
  for (let n = 0; n < times; n++) {
    const q = currentQuestion(parent);
    const ids = actionIds(q);
    const actionId = ['vet.rate.0', 'vet.fact.none', 'vet.fact.bool.no', 'vet.skip'].find((id) => ids.includes(id))!;
    const posts = postCount();
    await t.slack.click(q, { actionId }, { userId: LEAD });
    await t.fake.waitFor(() => postCount() > posts);
  }
}

/** A command, and the answer it got through its response_url. */
async function command(text: string, userId = LEAD) {
  const responses = t.fake.responses.length;
  const reply = await t.slack.command(text, { userId, channelId: CHANNEL });
  expect(reply.status).toBe(200);
  await t.fake.waitFor(() => t.fake.responses.length > responses);
  return t.fake.responses.at(-1)!.body;
}

async function interviewRow(parent: FakeMessage) {
  return t.db.selectFrom('interviews').select(['id', 'status', 'summary_ts']).where('thread_ts', '=', parent.ts).executeTakeFirstOrThrow();
}

describe('the start message', () => {
  it('reads "started an interview" (and "a lite interview"), with a question count and the evaluators', async () => {
    t = await startTestApp();
    const full = allText(await start(`Acme Dev --model agency --with ${mention(BOB)}`));
    expect(full).toContain(`<@${LEAD}> started an interview of *Acme Dev* (Agency): `);
    expect(full).not.toContain('started a interview');
    expect(full).toMatch(/\d+ questions from the `standard` question bank, version /);
    expect(full).toContain(`*Evaluators:* <@${LEAD}> (leads), <@${BOB}>. Only they rate the answers; the lead or a vet admin can change who with the *Evaluators* button below.`);
    expect(full).toContain('The questions follow in this thread, one at a time: rate each answer with its buttons, and reply in the thread to add a note to the current question.');
    expect(allText(await start('Globex --lite'))).toContain(`<@${LEAD}> started a *lite* interview of *Globex*`);
  });
});

describe('a reply in the thread of a finished interview', () => {
  it('is not recorded, and its writer is told in the thread that the interview is finished and how to go on', async () => {
    t = await startTestApp();
    const parent = await start(`Hooli --lite --with ${mention(BOB)}`);
    await answerWorst(parent, 1);
    await command('finish Hooli');
    const interview = await interviewRow(parent);
    expect(interview.status).toBe('completed');
    const notes = (await listNotes(t.db, interview.id)).length;

    for (const [user, ts] of [
      [BOB, '1800000000.000001'],
      [STRANGER, '1800000000.000002'],
    ] as const) {
      const told = t.fake.ephemerals.length;
      const reply = { type: 'message', channel: CHANNEL, channel_type: 'channel', user, text: 'One more thing they said', ts, thread_ts: parent.ts };
      expect((await t.slack.event(reply)).status).toBe(200);
      await t.fake.waitFor(() => t.fake.ephemerals.length > told);
      const answer = t.fake.ephemerals.at(-1)!;
      expect(answer).toMatchObject({ channel: CHANNEL, user, thread_ts: parent.ts });
      expect(answer.text).toContain('The *Hooli* interview is finished, so your reply was not recorded as a note.');
      expect(answer.text).toContain('`/vet start Hooli` in this channel starts a new interview');
      expect(answer.text).toContain("Its evaluators can still change a rating with the buttons on its questions, or add a note with a question's *Add note* button");
    }
    expect(await listNotes(t.db, interview.id)).toHaveLength(notes);
    // A reply outside any interview's thread is none of the bot's business: no answer.
    const told = t.fake.ephemerals.length;
    await t.slack.event({ type: 'message', channel: CHANNEL, channel_type: 'channel', user: BOB, text: 'lunch?', ts: '1800000000.000003', thread_ts: '1700000000.000999' });
    await new Promise((r) => setTimeout(r, 150));
    expect(t.fake.ephemerals).toHaveLength(told);
  });
});

describe('a vendor name with mrkdwn markers', () => {
  const NAME = '*Bold* _it_ ~x~ `code`';
  /** The name as it must reach mrkdwn: every marker with a zero-width space on each side. */
  const SHOWN = NAME.replace(/[*_~`]/g, (m) => `\u200B${m}\u200B`);
  /** In the bot's own bold: each marker by its look-alike, so that the bold is the only formatting. */
  const BOLD = '*∗Bold∗ ˍitˍ ∼x∼ ˋcodeˋ*';
  /** Pieces of the name that Slack would turn into bold, italics, strike-through or code. */
  const FORMATTED = ['*Bold*', '_it_', '~x~', '`code`'];

  it('shows the name literally in every message the bot sends', async () => {
    t = await startTestApp({ env: { VET_ADMINS: 'U0ADMIN' } });
    const parent = await start(`${NAME} --lite --with ${mention(BOB)}`);
    await answerWorst(parent, 2);
    // Someone who may not rate is refused, naming the vendor.
    const refused = t.fake.ephemerals.length;
    await t.slack.click(currentQuestion(parent), { actionId: 'vet.rate.2' }, { userId: STRANGER });
    await t.fake.waitFor(() => t.fake.ephemerals.length > refused);
    await command(`status ${NAME}`);
    await command(`finish ${NAME}`);
    const { summary_ts } = await interviewRow(parent);
    const summary = t.fake.messages({ channel: CHANNEL }).find((m) => m.ts === summary_ts)!;
    // A flag button refused to a stranger, and a thread reply after the end.
    const flagRefused = t.fake.ephemerals.length;
    await t.slack.click(summary, { actionId: 'vet.flag.resolve' }, { userId: STRANGER });
    await t.fake.waitFor(() => t.fake.ephemerals.length > flagRefused);
    const replied = t.fake.ephemerals.length;
    await t.slack.event({ type: 'message', channel: CHANNEL, channel_type: 'channel', user: BOB, text: 'late', ts: '1800000000.000001', thread_ts: parent.ts });
    await t.fake.waitFor(() => t.fake.ephemerals.length > replied);
    await start('Globex --lite');
    await command('list');
    await command(`flags ${NAME}`);
    await command(`evaluators ${NAME}`);
    await command(`compare "${NAME}" Globex`);
    await command('digest now');
    await t.slack.event({ type: 'app_home_opened', user: LEAD, channel: `D${LEAD}`, tab: 'home' });
    await t.fake.waitFor(() => t.fake.homeFor(LEAD) !== null);

    const sent = [
      ...t.fake.messages().map((m) => ({ where: `message ${m.ts}`, texts: mrkdwnTexts(m) })),
      ...t.fake.ephemerals.map((m) => ({ where: `ephemeral ${m.ts}`, texts: mrkdwnTexts(m) })),
      ...t.fake.responses.map((r) => ({ where: `response ${r.url}`, texts: mrkdwnTexts(r.body) })),
      ...t.fake.views.map((v) => ({ where: `view ${v.id}`, texts: mrkdwnTexts({ view: v.view }) })),
      { where: 'home', texts: mrkdwnTexts({ view: t.fake.homeFor(LEAD) }) },
    ];
    const naming = sent.filter((s) => s.texts.some((x) => x.includes(SHOWN) || x.includes(BOLD)));
    // The parent, questions' context, summary, status, list, flags, evaluators, compare, digest, Home, refusals...
    expect(naming.length).toBeGreaterThanOrEqual(12);
    for (const { where, texts } of sent) {
      // A ``` block shows its text as typed (the comparison table).
      for (const text of texts.filter((x) => !x.startsWith('```'))) {
        for (const piece of FORMATTED) expect(text, `${where}: ${text}`).not.toContain(piece);
      }
    }
    // The name is still found when copied back from a message (joiners and look-alikes and all) into a command.
    expect(allText(await command(`flags ${SHOWN}`))).toContain(BOLD);
    expect(allText(await command(`flags ${BOLD.slice(1, -1)}`))).toContain(BOLD);
  });
});

describe('what a recorded fact counts as', () => {
  /** The standard bank's fact questions on their own, without the follow-ups their answers would ask. */
  const FACTS: QuestionBank = {
    id: 'facts',
    version: 'test',
    questions: STANDARD_BANK.questions
      .filter((q) => ['iso27001-certificate', 'soc2-report-period-end', 'breach-notification-hours', 'named-team-members'].includes(q.id))
      .map((q) => ({ ...q, followUps: [], lite: true })),
  };
  const questionId = (m: FakeMessage) => parseQuestionBlockId(elements(m).length > 0 ? m.blocks!.find((b: any) => b.type === 'actions').block_id : undefined)!.questionId;

  it('says what the value means against the question\'s bound instead of "out of bounds"', async () => {
    t = await startTestApp({ bank: FACTS });
    const parent = await start('Initech --lite');
    const shown = new Map<string, string>();
    for (let n = 0; n < FACTS.questions.length; n++) {
      const q = currentQuestion(parent);
      const id = questionId(q);
      const posts = postCount();
      if (id === 'iso27001-certificate') await t.slack.click(q, { actionId: 'vet.fact.date' }, { userId: LEAD, value: '2026-10-31' });
      else if (id === 'soc2-report-period-end') await t.slack.click(q, { actionId: 'vet.fact.date' }, { userId: LEAD, value: '2024-01-31' });
      else if (id === 'named-team-members') await t.slack.click(q, { actionId: 'vet.fact.none' }, { userId: LEAD });
      else {
        const opened = t.fake.views.length;
        await t.slack.click(q, { actionId: 'vet.fact.open' }, { userId: LEAD });
        await t.fake.waitFor(() => t.fake.views.length > opened);
        const view = t.fake.views.at(-1)!;
        await t.slack.submitView(view.view, { number: '168' }, { userId: LEAD, viewId: view.id });
      }
      await t.fake.waitFor(() => postCount() > posts);
      shown.set(id, allText(t.fake.messages({ channel: CHANNEL }).find((m) => m.ts === q.ts)!));
    }
    for (const text of shown.values()) expect(text).not.toContain('out of bounds');
    // The clock stands at 2026-11-22.
    expect(shown.get('iso27001-certificate')).toContain('ISO 27001 certificate expiry date: expired on 2026-10-31: *counts as* Absent / refused');
    expect(shown.get('soc2-report-period-end')).toContain('SOC 2 Type II report period end date: 2024-01-31, more than 12 months ago: *counts as* Absent / refused');
    expect(shown.get('breach-notification-hours')).toContain('168 hours is above the limit of 72 hours: *counts as* Absent / refused');
    expect(shown.get('named-team-members')).toContain('No named team: *counts as* Absent / refused');
  });
});

describe('evaluators who disagree', () => {
  const ONE: QuestionBank = {
    id: 'one',
    version: 'test',
    questions: [
      {
        id: 'code-review',
        dimension: DIMENSIONS[0],
        title: 'Code review',
        prompt: 'Walk us through how a change gets reviewed.',
        matureAnswer: ['Names the reviewers.'],
        evidence: ['A recent pull request'],
        rubric: STANDARD_RUBRIC,
        weight: 1,
        evidenceRequired: false,
        models: [...ENGAGEMENT_MODELS],
        patterns: [],
        redFlags: [],
        followUps: [],
        lite: true,
      },
    ],
  };

  it('are shown once in the summary, on the flag with who rated what, and the flag keeps its buttons in the list', async () => {
    t = await startTestApp({ bank: ONE });
    const parent = await start(`Initrode --lite --with ${mention(BOB)}`);
    const q = currentQuestion(parent);
    const posts = postCount();
    await t.slack.click(q, { actionId: 'vet.rate.0' }, { userId: LEAD });
    await t.fake.waitFor(() => postCount() > posts);
    // The summary's ts is stored once Slack has answered the post.
    const summary_ts = await eventually('the summary to be stored', async () => (await interviewRow(parent)).summary_ts);
    const updates = t.fake.callsTo('chat.update').filter((c) => c.params.ts === summary_ts).length;
    await t.slack.click(q, { actionId: 'vet.rate.3' }, { userId: BOB });
    await t.fake.waitFor(() => t.fake.callsTo('chat.update').filter((c) => c.params.ts === summary_ts).length > updates);

    const summary = t.fake.messages({ channel: CHANNEL }).find((m) => m.ts === summary_ts)!;
    const who = `<@${LEAD}> ${STANDARD_RUBRIC[0]!.label}, <@${BOB}> ${STANDARD_RUBRIC[3]!.label}`;
    const texts = mrkdwnTexts(summary);
    expect(texts.filter((x) => /disagree/i.test(x))).toHaveLength(1);
    expect(allText(summary)).not.toContain('Evaluators disagree*');
    // A medium flag: one line in the summary's medium and low section, with who rated what.
    const line = texts.find((x) => /Evaluators disagree on/.test(x))!;
    expect(line).toContain(':large_yellow_circle: *Medium*');
    expect(line).toContain(who);

    // Its buttons are in the full list, one click away.
    const told = t.fake.ephemerals.length;
    await t.slack.click(summary, { text: 'List all open flags' }, { userId: LEAD });
    await t.fake.waitFor(() => t.fake.ephemerals.length > told);
    const list = t.fake.ephemerals.at(-1)!;
    const blocks = list.blocks as any[];
    const at = blocks.findIndex((b) => b.type === 'section' && /Evaluators disagree on/.test(b.text?.text ?? ''));
    expect(blocks[at + 1].elements.map((e: any) => e.action_id)).toEqual(['vet.flag.resolve', 'vet.flag.accept']);
  });
});
