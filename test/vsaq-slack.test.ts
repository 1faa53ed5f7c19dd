// End to end with an imported VSAQ bank: the real Bolt App, signed requests, a real database (SQLite here, PostgreSQL
// in the postgres project), a fake Slack Web API. The interview is driven only from what the bot posted: conditional
// questions are asked only when their condition holds, choices are recorded by clicking, and VSAQ's warnings are
// raised as red flags of VSAQ's severity, up to the summary.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { importVsaq } from '../src/questions/importVsaq.js';
import type { QuestionBank } from '../src/questions/model.js';
import { parseBankSource } from '../src/questions/parse.js';
import { questionsInPlay, scoreQuestion } from '../src/scoring/score.js';
import { listAnswers } from '../src/store/answers.js';
import { listFlags } from '../src/store/flags.js';
import { listAsked } from '../src/store/interviews.js';
import { allText, elements } from './support/blocks.js';
import type { FakeMessage } from './support/fakeSlack.js';
import { startTestApp, type TestApp } from './support/testApp.js';

const CHANNEL = 'C0VSAQ';
const ALICE = 'U0ALICE';

function importedBank(file: string): QuestionBank {
  const result = importVsaq(readFileSync(`test/fixtures/vsaq/${file}`, 'utf8'), file);
  if (!result.ok) throw new Error(result.error);
  const parsed = parseBankSource(file.replace(/json$/, 'yaml'), result.yaml);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.bank;
}

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const postCount = () => t.fake.callsTo('chat.postMessage').length;
const isQuestion = (m: FakeMessage) => elements(m).some((e) => /^vet\.(rate|fact|choose|answer|evidence)/.test(e.action_id));

async function start(): Promise<FakeMessage> {
  const before = postCount();
  expect((await t.slack.command('start Acme Hosting', { userId: ALICE, channelId: CHANNEL })).status).toBe(200);
  await t.fake.waitFor(() => postCount() >= before + 2);
  return t.fake
    .messages({ channel: CHANNEL })
    .filter((m) => !m.thread_ts)
    .at(-1)!;
}

const thread = (parent: FakeMessage) => t.fake.messages({ channel: CHANNEL, thread_ts: parent.ts });
const current = (parent: FakeMessage) => thread(parent).filter(isQuestion).at(-1)!;
/** The question id a question message carries in its block ids (`vet|<interview>|<question>|<n>`). */
const questionIdOf = (m: FakeMessage) => (m.blocks ?? []).map((b: any) => /^vet\|\d+\|([a-z0-9-]+)\|/.exec(b.block_id ?? '')?.[1]).find(Boolean)!;
const summaryPosted = () => t.fake.callsTo('chat.postMessage').some((c) => c.params.reply_broadcast);

/** Clicks a control of the current question; `moves`: the click posts the next question or the summary. */
async function click(parent: FakeMessage, match: { actionId?: string; text?: string }, opts: { value?: string | string[]; moves: boolean }) {
  const q = current(parent);
  const posts = postCount();
  const updates = t.fake.callsTo('chat.update').length;
  const reply = await t.slack.click(q, match, { userId: ALICE, ...(opts.value !== undefined && { value: opts.value }) });
  expect(reply.status).toBe(200);
  await t.fake.waitFor(() => (opts.moves ? postCount() > posts : t.fake.callsTo('chat.update').length > updates));
}

async function writeAnswer(parent: FakeMessage, text: string) {
  const q = current(parent);
  const opened = t.fake.views.length;
  const posts = postCount();
  await t.slack.click(q, { actionId: 'vet.answer.open' }, { userId: ALICE, triggerId: `trig-${Date.now()}` });
  await t.fake.waitFor(() => t.fake.views.length > opened);
  const view = t.fake.views.at(-1)!;
  expect((await t.slack.submitView(view.view, { answer: text }, { userId: ALICE, viewId: view.id })).status).toBe(200);
  await t.fake.waitFor(() => postCount() > posts);
}

/** "Evidence shown" on the current question: its modal asks what was seen; submitting it posts the next question or the summary. */
async function showEvidence(parent: FakeMessage, seen: string) {
  const q = current(parent);
  const opened = t.fake.views.length;
  const posts = postCount();
  expect((await t.slack.click(q, { actionId: 'vet.evidence.shown' }, { userId: ALICE, triggerId: `trig-${Date.now()}` })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.views.length > opened);
  const view = t.fake.views.at(-1)!;
  expect(view.view.callback_id).toBe('vet.evidence.seen');
  expect((await t.slack.submitView(view.view, { seen }, { userId: ALICE, viewId: view.id })).json()).toBeUndefined();
  await t.fake.waitFor(() => postCount() > posts);
}

async function report(text: string) {
  const uploads = t.fake.uploads.length;
  expect((await t.slack.command(text, { userId: ALICE, channelId: CHANNEL })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.uploads.length > uploads);
}

async function interviewOf(parent: FakeMessage) {
  const row = await t.db.selectFrom('interviews').select(['id']).where('thread_ts', '=', parent.ts).executeTakeFirstOrThrow();
  return row.id;
}

describe('an imported VSAQ questionnaire in Slack', () => {
  it('asks the on-premises path only, records the clicked choices, and raises the VSAQ warnings at their severity', async () => {
    t = await startTestApp({ bank: importedBank('handmade.json') });
    const parent = await start();
    const asked: string[] = [];
    const ask = () => asked.push(questionIdOf(current(parent)));

    ask();
    // A yes/no is two buttons: Yes and No.
    expect(
      elements(current(parent))
        .filter((e) => e.action_id.startsWith('vet.choose'))
        .map((e) => e.text?.text),
    ).toEqual(['Yes', 'No']);
    await click(parent, { text: 'Yes' }, { moves: true });
    ask();
    // One choice of three: buttons, the full labels listed in the message.
    expect(allText(current(parent))).toContain('2. On premises');
    await click(parent, { actionId: 'vet.choose.1' }, { moves: true });
    ask();
    // Several choices: checkboxes; ticking records without moving on, Done moves on.
    const boxes = elements(current(parent)).find((e) => e.action_id === 'vet.choose.many');
    expect(boxes.type).toBe('checkboxes');
    await click(parent, { actionId: 'vet.choose.many' }, { value: ['controls-logging'], moves: false });
    expect(allText(current(parent))).toContain('Central logging');
    await click(parent, { actionId: 'vet.choose.done' }, { moves: true });
    ask();
    await click(parent, { text: 'No' }, { moves: true });

    // "Which cloud provider" (hosting-cloud || hosting-mixed) was never asked, nor the audited-only questions.
    expect(asked).toEqual(['req-sensitive', 'hosting', 'controls', 'dc-audit']);
    expect(summaryPosted()).toBe(true);
    const id = await interviewOf(parent);
    expect((await listAsked(t.db, id)).map((a) => a.questionId)).toEqual(asked);
    const answers = await listAnswers(t.db, id);
    expect(answers.map((a) => [a.questionId, a.choices])).toEqual([
      ['req-sensitive', ['yes']],
      ['hosting', ['hosting-onprem']],
      ['controls', ['controls-logging']],
      ['dc-audit', ['no']],
    ]);
    const flags = (await listFlags(t.db, id)).filter((f) => f.rule.startsWith('warn-'));
    expect(flags.map((f) => [f.rule, f.severity]).sort()).toEqual([
      ['warn-dc-audit', 'medium'],
      ['warn-no-mfa', 'critical'],
      ['warn-sensitive-dc', 'high'],
    ]);
    expect(flags.find((f) => f.rule === 'warn-no-mfa')!.message).toBe('No MFA: Without MFA, one phished password & the account is gone.');
    // The summary carries the worst of them: no score (VSAQ scores nothing), critical risk.
    const summary = t.fake.messages({ channel: CHANNEL }).at(-1)!;
    expect(allText(summary)).toContain('not rated');
    expect(allText(summary).toLowerCase()).toContain('critical');

    // The reports say what was chosen, in the bank's words.
    await report('report Acme Hosting');
    const md = t.fake.uploads.at(-1)!.content;
    expect(md).toContain('- Result: answered (the bank gives it no score)');
    // People are named as "Name (U0ID)" (the fake Slack's users.info calls U0X "User U0X").
    expect(md).toContain(`- User ${ALICE} (${ALICE}): On premises (`);
    expect(md).toContain(`- User ${ALICE} (${ALICE}): Central logging (`);
    expect(md).toContain('- **critical** · No MFA: Without MFA, one phished password & the account is gone.');
    await report('report Acme Hosting --csv');
    const csv = t.fake.uploads.at(-1)!.content.split('\r\n');
    const header = csv[0]!.split(',');
    const row = csv.find((line) => line.includes(',hosting,'))!.split(',');
    expect(row[header.indexOf('answer')]).toBe('On premises');
  });

  it('asks the audited path, with a free-text answer, a follow-on shown only after its question, and an upload', async () => {
    t = await startTestApp({ bank: importedBank('handmade.json') });
    const parent = await start();
    const asked: string[] = [];
    const ask = () => asked.push(questionIdOf(current(parent)));
    ask();
    await click(parent, { text: 'No' }, { moves: true });
    ask();
    await click(parent, { actionId: 'vet.choose.2' }, { moves: true });
    ask();
    await writeAnswer(parent, 'Hosted by ExampleCloud, region eu-west-1');
    ask();
    await click(parent, { actionId: 'vet.choose.many' }, { value: ['controls-mfa', 'controls-sso'], moves: false });
    await click(parent, { actionId: 'vet.choose.done' }, { moves: true });
    ask();
    await click(parent, { text: 'Yes' }, { moves: true });
    ask();
    await click(parent, { text: 'Yes' }, { moves: true });
    ask();
    await writeAnswer(parent, 'Badge and a logged escort');
    ask();
    // An upload question is answered by its evidence mark.
    expect(elements(current(parent)).some((e) => e.action_id?.startsWith('vet.choose'))).toBe(false);
    await showEvidence(parent, 'the data centre audit report, on screen share');

    expect(asked).toEqual(['req-sensitive', 'hosting', 'cloud-provider', 'controls', 'dc-audit', 'dc-access-log', 'dc-access-process', 'dc-report']);
    expect(summaryPosted()).toBe(true);
    const id = await interviewOf(parent);
    const answers = await listAnswers(t.db, id);
    expect(answers.find((a) => a.questionId === 'cloud-provider')?.text).toBe('Hosted by ExampleCloud, region eu-west-1');
    expect(answers.find((a) => a.questionId === 'dc-report')).toMatchObject({ evidence: 'shown', evidenceSeen: 'the data centre audit report, on screen share' });
    expect((await listFlags(t.db, id)).filter((f) => f.rule.startsWith('warn-'))).toEqual([]);
  });

  // Each click is a few signed requests: a long questionnaire takes a while on a busy machine.
  it.each(['physical_and_datacenter.json', 'security_privacy_programs.json', 'webapp.json', 'infrastructure.json'])(
    'carries an interview of %s to its summary, asking each question only when its condition holds',
    { timeout: 180_000 },
    async (file) => {
      const bank = importedBank(file);
      t = await startTestApp({ bank });
      const parent = await start();
      // Answer "no" where a choice says so (else the first choice), tick nothing, write a short text, show no evidence.
      for (let n = 0; !summaryPosted(); n++) {
        expect(n).toBeLessThan(bank.questions.length);
        const ids = elements(current(parent)).map((e) => e.action_id as string);
        const select = elements(current(parent)).find((e) => e.action_id === 'vet.choose.select');
        const buttons = elements(current(parent)).filter((e) => /^vet\.choose\.\d+$/.test(e.action_id));
        const no = (values: string[]) => values.find((v) => /(^|-)no$/.test(v)) ?? values[0]!;
        if (select) await click(parent, { actionId: 'vet.choose.select' }, { value: no(select.options.map((o: any) => o.value)), moves: true });
        else if (buttons.length > 0) await click(parent, { actionId: buttons.find((b) => b.value === no(buttons.map((x) => x.value))).action_id }, { moves: true });
        else if (ids.includes('vet.choose.done')) await click(parent, { actionId: 'vet.choose.done' }, { moves: true });
        else if (ids.includes('vet.answer.open')) await writeAnswer(parent, 'We do not know.');
        else await click(parent, { actionId: 'vet.evidence.none' }, { moves: true });
      }
      // Every question message stayed within Block Kit's limits (docs.slack.dev, block elements).
      for (const m of thread(parent).filter(isQuestion)) {
        for (const b of (m.blocks ?? []) as any[]) if (b.type === 'actions') expect(b.elements.length).toBeLessThanOrEqual(25);
        for (const e of elements(m)) {
          if (e.type === 'checkboxes') expect(e.options.length).toBeLessThanOrEqual(10);
          if (e.type === 'static_select' || e.type === 'multi_static_select') expect(e.options.length).toBeLessThanOrEqual(100);
          for (const o of e.options ?? []) expect(o.text.text.length).toBeLessThanOrEqual(75);
          if (e.type === 'button') expect(e.text.text.length).toBeLessThanOrEqual(75);
        }
      }
      const id = await interviewOf(parent);
      const asked = (await listAsked(t.db, id)).map((a) => a.questionId);
      // The engine, given what was recorded, puts exactly the asked questions in play, and leaves some out.
      const answers = (await listAnswers(t.db, id)).map((a) => ({ ...a, updatedAt: a.updatedAt.toISOString() }));
      const results = new Map(bank.questions.map((q) => [q.id, scoreQuestion(q, answers, new Date())]));
      expect(questionsInPlay(bank.questions, results).map((q) => q.id)).toEqual(asked);
      expect(asked.length).toBeLessThan(bank.questions.length);
      expect(asked.length).toBeGreaterThan(2);
      // Its warnings were raised at VSAQ's severities.
      const rules = new Map(bank.questions.flatMap((q) => q.redFlags.map((r) => [r.rule, r.severity] as const)));
      const all = await listFlags(t.db, id);
      const raised = all.filter((f) => rules.has(f.rule));
      expect(raised.length, `flags raised: ${all.map((f) => f.rule).join(', ')}`).toBeGreaterThan(0);
      for (const f of raised) expect(f.severity).toBe(rules.get(f.rule));
    },
  );
});
