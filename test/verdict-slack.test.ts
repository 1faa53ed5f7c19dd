// End to end: a verdict an auditor would sign, through the real Bolt App with signed requests. The severity
// archetypes of the built-in bank, a screen labelled as one everywhere it appears, a SOC 2 report read for its
// opinion and exceptions, and a single evaluator's verdict said to be one.
import { afterEach, describe, expect, it } from 'vitest';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { listAsked } from '../src/store/interviews.js';
import type { FakeMessage } from './support/fakeSlack.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { allText } from './support/blocks.js';

const CHANNEL = 'C0VET';
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const SLOW = 240_000;
/** What the evaluator says they saw when clicking "Evidence shown" (its modal asks). */
const SEEN = 'the artefact itself, on screen share';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const elements = (m: { blocks?: any[] }): any[] => (m.blocks ?? []).flatMap((b: any) => (b.type === 'actions' ? b.elements : []));
const actionIds = (m: { blocks?: any[] }) => elements(m).map((e) => e.action_id as string);
const isQuestion = (m: FakeMessage) => actionIds(m).some((id) => /^vet\.(rate|fact)/.test(id));
const sectionTexts = (m: { blocks?: any[] }): string[] => (m.blocks ?? []).filter((b: any) => b.type === 'section' && b.text).map((b: any) => b.text.text as string);
const postCount = () => t.fake.callsTo('chat.postMessage').length;
const updatesOf = (ts: string) => t.fake.callsTo('chat.update').filter((c) => c.params.ts === ts).length;
const message = (ts: string) => t.fake.messages({ channel: CHANNEL }).find((m) => m.ts === ts)!;
const thread = (parent: FakeMessage) => t.fake.messages({ channel: CHANNEL, thread_ts: parent.ts });
const currentQuestion = (parent: FakeMessage) => thread(parent).filter(isQuestion).at(-1)!;
const bankQuestion = (id: string) => STANDARD_BANK.questions.find((q) => q.id === id)!;

function questionOf(m: FakeMessage): { interviewId: number; questionId: string } {
  const [, interviewId, questionId] = String(m.blocks!.find((b: any) => b.type === 'actions')!.block_id).split('|');
  return { interviewId: Number(interviewId), questionId: questionId! };
}

async function interviewOf(parent: FakeMessage) {
  return t.db.selectFrom('interviews').selectAll().where('channel_id', '=', CHANNEL).where('thread_ts', '=', parent.ts).executeTakeFirstOrThrow();
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function startInterview(text: string, userId = ALICE, evaluators: readonly string[] = []): Promise<FakeMessage> {
  const before = postCount();
  const named = evaluators.length > 0 ? ` --with ${evaluators.map((u) => `<@${u}|${u.slice(2).toLowerCase()}>`).join(' ')}` : '';
  expect((await t.slack.command(`start ${text}${named}`, { userId, channelId: CHANNEL })).status).toBe(200);
  await t.fake.waitFor(() => postCount() >= before + 2);
  return t.fake
    .messages({ channel: CHANNEL })
    .filter((m) => !m.thread_ts)
    .at(-1)!;
}

type Step = { by: string; click: string; value?: string } | { by: string; modal: string; values: Record<string, string> };

/** Does one step on a question message and waits until the message shows it. */
async function perform(q: FakeMessage, step: Step): Promise<void> {
  const updates = updatesOf(q.ts);
  if ('modal' in step) {
    const views = t.fake.views.length;
    await t.slack.click(q, { actionId: step.modal }, { userId: step.by });
    await t.fake.waitFor(() => t.fake.views.length > views);
    const view = t.fake.views.at(-1)!;
    expect((await t.slack.submitView(view.view, step.values, { userId: step.by, viewId: view.id })).json(), 'the modal was accepted').toBeUndefined();
  } else {
    expect((await t.slack.click(q, { actionId: step.click }, { userId: step.by, ...(step.value !== undefined && { value: step.value }) })).status).toBe(200);
  }
  await t.fake.waitFor(() => updatesOf(q.ts) > updates);
}

/** Answers each question by `plan` until the summary is posted; resolves to the summary message. */
async function drive(parent: FakeMessage, plan: (questionId: string, q: FakeMessage) => Step[]): Promise<FakeMessage> {
  for (let answered = 0; ; answered++) {
    expect(answered).toBeLessThan(90);
    const q = currentQuestion(parent);
    const { interviewId, questionId } = questionOf(q);
    await until(async () => (await listAsked(t.db, interviewId)).some((a) => a.questionId === questionId && a.messageTs === q.ts), `question ${questionId} to be posted`);
    const asked = thread(parent).filter(isQuestion).length;
    const parentUpdates = updatesOf(parent.ts);
    for (const step of plan(questionId, q)) await perform(q, step);
    await t.fake.waitFor(() => thread(parent).filter(isQuestion).length > asked || updatesOf(parent.ts) > parentUpdates);
    if (updatesOf(parent.ts) > parentUpdates) {
      const { summary_ts, status } = await interviewOf(parent);
      expect(status).toBe('completed');
      await t.fake.waitFor(() => message(summary_ts!) !== undefined);
      return message(summary_ts!);
    }
  }
}

/**
 * Every question answered alike by `by`: ratings at `level` (with evidence shown when `evidence`), facts within bounds
 * (reports read clean), except the questions in `only`.
 */
function answering(o: { by: string; level: 2 | 3; evidence: boolean; only?: Record<string, Step[]> }) {
  return (questionId: string, q: FakeMessage): Step[] => {
    const special = o.only?.[questionId];
    if (special) return special;
    const ids = actionIds(q);
    const evidence: Step[] = o.evidence ? [{ by: o.by, modal: 'vet.evidence.shown', values: { seen: SEEN } }] : [];
    if (ids.includes(`vet.rate.${o.level}`)) return [...evidence, { by: o.by, click: `vet.rate.${o.level}` }];
    const fact = bankQuestion(questionId).fact!;
    if (fact.type === 'date' && fact.reads) return [...evidence, { by: o.by, modal: 'vet.fact.open', values: readReport(fact.reads, {}) }];
    if (fact.type === 'date') return [...evidence, { by: o.by, click: 'vet.fact.date', value: fact.isExpiry ? '2028-06-30' : '2026-06-30' }];
    if (fact.type === 'boolean') return [...evidence, { by: o.by, click: 'vet.fact.bool.yes' }];
    // A number within its bounds: 24 hours for a breach notice, at most the bound for a time to fix.
    const number = String(Math.min(24, fact.type === 'number' ? (fact.max ?? 24) : 24));
    return [...evidence, { by: o.by, modal: 'vet.fact.open', values: fact.type === 'number' ? { number } : { list: 'Ada Lovelace, Grace Hopper' } }];
  };
}

/** The report modal's values: a recent date, and the given readings (clean by default). */
function readReport(reads: readonly string[], over: Record<string, string>): Record<string, string> {
  const clean: Record<string, string> = { opinion: 'unqualified', exceptions: '0', carve_outs: '', cuecs: '', open_critical: '0', open_high: '0' };
  const asked = Object.fromEntries(
    Object.entries(clean).filter(
      ([k]) =>
        ({ opinion: 'opinion', exceptions: 'exceptions', carve_outs: 'carveOuts', cuecs: 'cuecs', open_critical: 'openFindings', open_high: 'openFindings' })[k] !== undefined &&
        reads.includes(
          ({ opinion: 'opinion', exceptions: 'exceptions', carve_outs: 'carveOuts', cuecs: 'cuecs', open_critical: 'openFindings', open_high: 'openFindings' } as Record<string, string>)[k]!,
        ),
    ),
  );
  return { report_date: '2026-06-30', ...asked, ...over };
}

async function command(text: string, userId = ALICE): Promise<any> {
  const before = t.fake.responses.length;
  expect((await t.slack.command(text, { userId, channelId: CHANNEL })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.responses.length > before);
  return t.fake.responses.at(-1)!.body;
}

async function openHome(userId: string): Promise<any> {
  const before = t.fake.callsTo('views.publish').length;
  expect((await t.slack.event({ type: 'app_home_opened', user: userId, channel: 'D0HOME', tab: 'home' })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.callsTo('views.publish').length > before);
  return t.fake.callsTo('views.publish').at(-1)!.params.view;
}

async function upload(text: string): Promise<string> {
  const before = t.fake.uploads.length;
  await command(text);
  await t.fake.waitFor(() => t.fake.uploads.length > before);
  return t.fake.uploads.at(-1)!.content;
}

const line = (texts: readonly string[], vendor: string) =>
  texts
    .join('\n')
    .split('\n')
    .find((l) => l.includes(`*${vendor}*`)) ?? '';
const overallLine = (summary: FakeMessage) =>
  sectionTexts(summary)
    .find((x) => x.startsWith('*Overall:'))!
    .split('\n')[0]!;

describe('severities that mean something: the three archetypes of the built-in bank, through Slack', () => {
  it(
    'Specific without evidence lands medium; everything evidenced lands low and final; a failed knock-out critical, listed first',
    async () => {
      t = await startTestApp();
      // Every question Specific, nothing shown, one evaluator: medium, and a single-evaluator verdict.
      const specific = await drive(await startInterview('Specific Co --model freelancer'), answering({ by: ALICE, level: 2, evidence: false }));
      expect(overallLine(specific)).toMatch(
        /^\*Overall: 70\/100 · :large_yellow_circle: Medium risk: no risk accepted; \d+ of \d+ questions examined, evidence shown on 0 of \d+; single-evaluator verdict\* · :bust_in_silhouette: \*Single-evaluator verdict\*$/,
      );
      expect(allText(specific)).toContain(`Rated by <@${ALICE}>: a *single-evaluator verdict*: 2 evaluators must rate for a final one.`);

      // Everything evidenced, a second evaluator on one question of each dimension: low, and final.
      const seen = new Set<string>();
      const secondOpinion = (questionId: string): Step[] => {
        const d = bankQuestion(questionId).dimension;
        if (seen.has(d) || bankQuestion(questionId).fact) return [];
        seen.add(d);
        // The evidence cap is per evaluator: Bob's Evidenced counts as such only with what he saw recorded.
        return [
          { by: BOB, modal: 'vet.evidence.shown', values: { seen: SEEN } },
          { by: BOB, click: 'vet.rate.3' },
        ];
      };
      const evidenced = await drive(await startInterview('Evidenced Co --model freelancer', ALICE, [BOB]), (id, q) => [
        ...secondOpinion(id),
        ...answering({ by: ALICE, level: 3, evidence: true })(id, q),
      ]);
      expect(overallLine(evidenced)).toMatch(/^\*Overall: 100\/100 · :large_green_circle: Low risk: no risk accepted; (\d+) of \1 questions examined, evidence shown on (\d+) of \2; final\*$/);
      // Named in the order they first rated.
      expect(allText(evidenced)).toContain(`Rated by <@${BOB}>, <@${ALICE}>: a final verdict.`);

      // The same vendor without a breach-notification commitment: critical, the knock-out first.
      const knockedOut = await drive(
        await startInterview('Knockout Co --model freelancer'),
        answering({ by: ALICE, level: 3, evidence: true, only: { 'breach-notification-hours': [{ by: ALICE, click: 'vet.fact.none' }] } }),
      );
      const title = bankQuestion('breach-notification-hours').title;
      expect(overallLine(knockedOut)).toMatch(new RegExp(`^\\*Overall: \\d+/100 · :red_circle: Critical risk: knock-out failed: ${title.replace(/[()]/g, '\\$&')} \\(critical\\); no risk accepted;`));
      const sections = sectionTexts(knockedOut);
      const knockOuts = sections.findIndex((x) => x.startsWith(':no_entry: *Knock-outs*'));
      expect(sections[knockOuts]).toContain(`• *${title}*: failed (\`breach-notification-absent\`), so the tier is at least critical`);
      // Right under the overall line, before the dimensions and every flag.
      expect(knockOuts).toBe(1);
      // Its flag is the first one shown, with its buttons.
      const heading = sections.findIndex((x) => x.startsWith('*Red flags'));
      expect(sections[heading + 1]).toContain('There is no contractual duty to tell us about a breach');

      // /vet list ranks them: the knocked-out vendor first, then the medium, then the low.
      const list = sectionTexts(await command('list'));
      const order = ['Knockout Co', 'Specific Co', 'Evidenced Co'].map((v) => list.findIndex((x) => x.includes(`*${v}*`)));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(line(list, 'Specific Co')).toContain(':bust_in_silhouette: *Single-evaluator verdict*');
      expect(line(list, 'Evidenced Co')).toContain('; final');
    },
    SLOW,
  );
});

describe('a screen is a screen, and a SOC 2 report is read', () => {
  it(
    'labels a lite vetting screen in the summary, /vet list, /vet compare, Home, the digest and both reports, rates it medium at best and ranks it below a full vetting of the same tier',
    async () => {
      t = await startTestApp();
      const cleanSoc2 = readReport(bankQuestion('soc2-report-period-end').fact!.type === 'date' ? ['opinion', 'exceptions', 'carveOuts', 'cuecs'] : [], {
        exceptions: '5',
        carve_outs: 'AWS, Okta',
        cuecs: 'We review vendor access quarterly\nWe rotate our own API keys',
      });
      const parent = await startInterview('Scanco --model agency --lite', ALICE, [BOB]);
      const summary = await drive(
        parent,
        answering({
          by: ALICE,
          level: 3,
          evidence: true,
          only: {
            'soc2-report-period-end': [
              { by: ALICE, modal: 'vet.evidence.shown', values: { seen: SEEN } },
              { by: ALICE, modal: 'vet.fact.open', values: cleanSoc2 },
            ],
          },
        }),
      );
      // Evidenced throughout, 100/100, and still medium: a screen tells whether to run a full vetting.
      expect(overallLine(summary)).toMatch(
        /^\*Overall: 100\/100 · :large_yellow_circle: Medium risk: no risk accepted; quick screen, \d+ of \d+ questions examined, evidence shown on \d+ of \d+; screen, single-evaluator verdict\* · :mag: \*Screen\* · :bust_in_silhouette: \*Single-evaluator verdict\*$/,
      );
      expect(summary.text).toContain('(screen, single-evaluator verdict)');
      // The SOC 2 report as read: opinion, exceptions, carve-outs and CUECs, and the flag for the exceptions.
      const soc2 = thread(parent).find((m) => isQuestion(m) && questionOf(m).questionId === 'soc2-report-period-end')!;
      expect(allText(soc2)).toContain('2026-06-30 (unqualified opinion; 5 exceptions; carved out: AWS, Okta; CUECs: We review vendor access quarterly, We rotate our own API keys)');
      expect(allText(summary)).toContain('more than 3 exceptions');

      // A full vetting of the same tier ranks above it, though its score is lower.
      await drive(await startInterview('Fullco --model freelancer'), answering({ by: ALICE, level: 2, evidence: false }));
      const compared = await command('compare Scanco Fullco');
      const table = sectionTexts(compared)
        .find((x) => x.startsWith('```'))!
        .split('\n');
      expect(table.find((l) => l.startsWith('Tier'))).toMatch(/^Tier\s+medium\s+medium\s*$/);
      expect(table.find((l) => l.startsWith('Vetting'))).toMatch(/^Vetting\s+SCREEN\s+1 evaluator\s*$/);
      expect(table.find((l) => l.startsWith('Rank'))).toMatch(/^Rank\s+2\s+1\s*$/);
      expect(JSON.stringify(compared)).toContain('Scanco had a quick screen only');
      expect(JSON.stringify(compared)).not.toMatch(/complete\b(?! vetting)/);

      const list = sectionTexts(await command('list'));
      expect(list.findIndex((x) => x.includes('*Scanco*'))).toBeLessThan(list.findIndex((x) => x.includes('*Fullco*')));
      expect(line(list, 'Scanco')).toContain(':mag: *Screen*');
      expect(line(list, 'Scanco')).toContain('quick screen');
      expect(line(sectionTexts(await openHome(ALICE)), 'Scanco')).toContain(':mag: *Screen*');

      await command('digest now');
      const digest = t.fake
        .messages({ channel: CHANNEL })
        .filter((m) => allText(m).includes('Red-flag digest'))
        .at(-1)!;
      const scancoDigest = sectionTexts(digest).find((x) => x.startsWith('*Scanco*'))!;
      expect(scancoDigest).toContain(':mag: *Screen*');
      expect(scancoDigest).toContain('Latest vetting: :large_yellow_circle: Medium risk: no risk accepted; quick screen');

      const md = await upload('report Scanco');
      expect(md).toContain(
        '- Vetting: quick screen (it tells whether to run a full vetting, not that the vendor is safe), single-evaluator verdict (rated by U0ALICE; 2 evaluators needed for a final verdict)',
      );
      expect(md).toMatch(/\*\*Verdict: Medium: no risk accepted; quick screen, \d+ of \d+ questions examined, evidence shown on \d+ of \d+; screen, single-evaluator verdict\*\*/);
      const csv = await upload('report Scanco --csv');
      const [header, first] = csv.split('\r\n');
      expect(header!.split(',').slice(-2)).toEqual(['vetting', 'verdict']);
      expect(first).toContain('"screen, single-evaluator verdict","Medium: no risk accepted; quick screen');
    },
    SLOW,
  );

  it(
    'reads a qualified SOC 2 opinion as no assurance: the question counts as absent and the summary raises it as high',
    async () => {
      t = await startTestApp();
      const parent = await startInterview('Qualco --model managed-services --lite', ALICE, [BOB]);
      const qualified = readReport(['opinion', 'exceptions', 'carveOuts', 'cuecs'], { opinion: 'qualified', exceptions: '2' });
      const summary = await drive(
        parent,
        answering({
          by: ALICE,
          level: 3,
          evidence: true,
          only: {
            'soc2-report-period-end': [
              { by: ALICE, modal: 'vet.evidence.shown', values: { seen: SEEN } },
              { by: ALICE, modal: 'vet.fact.open', values: qualified },
            ],
          },
        }),
      );
      const soc2 = thread(parent).find((m) => isQuestion(m) && questionOf(m).questionId === 'soc2-report-period-end')!;
      expect(allText(soc2)).toContain('The report does not vouch for the controls (qualified opinion; 2 exceptions; no carve-outs; no CUECs): *counts as* Absent / refused');
      expect(overallLine(summary)).toContain(':large_orange_circle: High risk');
      expect(allText(summary)).toContain('The auditor qualified the SOC 2 Type II opinion');
      // A date alone is not a reading: the modal refuses it without the opinion.
      const views = t.fake.views.length;
      await t.slack.click(soc2, { actionId: 'vet.fact.open' }, { userId: ALICE });
      await t.fake.waitFor(() => t.fake.views.length > views);
      const view = t.fake.views.at(-1)!;
      // As Slack sends it: every input of the modal, the opinion left unpicked.
      const refused = await t.slack.submitViewState(
        view.view,
        {
          report_date: { report_date: { type: 'datepicker', selected_date: '2026-06-30' } },
          opinion: { opinion: { type: 'static_select', selected_option: null } },
          exceptions: { exceptions: { type: 'number_input', value: '-1' } },
          carve_outs: { carve_outs: { type: 'plain_text_input', value: null } },
          cuecs: { cuecs: { type: 'plain_text_input', value: null } },
        },
        { userId: ALICE, viewId: view.id },
      );
      expect(refused.json()).toMatchObject({ response_action: 'errors', errors: { opinion: "Pick the auditor's opinion.", exceptions: 'Enter a whole number, 0 or more.' } });
    },
    SLOW,
  );
});
