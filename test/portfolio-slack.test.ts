// End to end: the vendor portfolio as people meet it in Slack. `/vet list`, `/vet compare` (and its "Post to
// channel" button), `/vet report` (Markdown and CSV uploads), re-vetting a vendor, and the App Home dashboard.
// Vendors are seeded the way people create them: by running interviews from the buttons the bot posted.
import { afterEach, describe, expect, it } from 'vitest';
import { createInterviewFlow } from '../src/flows/interview.js';
import type { Interview } from '../src/model.js';
import { CATALOGUES } from '../src/questions/controls/index.js';
import { DIMENSION_LABELS, DIMENSIONS, FRAMEWORKS, type Framework } from '../src/questions/model.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import type { Scorecard } from '../src/scoring/types.js';
import { listAnswers } from '../src/store/answers.js';
import { getInterview, insertInterview, listAsked } from '../src/store/interviews.js';
import { listNotes } from '../src/store/notes.js';
import { findOrCreateVendor } from '../src/store/vendors.js';
import type { FakeMessage } from './support/fakeSlack.js';
import type { ClickTarget } from './support/slackClient.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { allText, mrkdwnTexts } from './support/blocks.js';
import { createStore } from '../src/store/store.js';

const CHANNEL = 'C0VET';
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';
const OWNER = 'U0OWNER';
/** A second risk owner (VET_RISK_OWNERS), who ran none of the interviews. */
const CISO = 'U0CISO';
/** High and critical risks are accepted by a risk owner only, not by the people who ran the interview. */
const RISK_OWNERS = { VET_RISK_OWNERS: `${OWNER},${CISO}` };
const HOSTILE = '<!channel> & <@U0BOSS> Co';
const HOSTILE_ESCAPED = '&lt;!channel&gt; &amp; &lt;@U0BOSS&gt; Co';
/** What Slack sends for text typed literally in a command (should_escape): &, < and > escaped. */
const typed = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const TIER = { low: ':large_green_circle: Low risk', medium: ':large_yellow_circle: Medium risk', high: ':large_orange_circle: High risk', critical: ':red_circle: Critical risk' } as const;

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

// ---------------------------------------------------------------------------------------------------------------
// Reading what the bot posted
// ---------------------------------------------------------------------------------------------------------------

const elements = (m: { blocks?: any[] }): any[] => (m.blocks ?? []).flatMap((b: any) => (b.type === 'actions' ? b.elements : []));
const actionIds = (m: { blocks?: any[] }) => elements(m).map((e) => e.action_id as string);
const isQuestion = (m: FakeMessage) => actionIds(m).some((id) => /^vet\.(rate|fact)/.test(id));
const sectionTexts = (m: { blocks?: any[] }): string[] => (m.blocks ?? []).filter((b: any) => b.type === 'section' && b.text).map((b: any) => b.text.text as string);
const contextTexts = (m: { blocks?: any[] }): string[] => (m.blocks ?? []).flatMap((b: any) => (b.type === 'context' ? b.elements.map((e: any) => e.text as string) : []));
const postCount = () => t.fake.callsTo('chat.postMessage').length;
const updatesOf = (ts: string) => t.fake.callsTo('chat.update').filter((c) => c.params.ts === ts).length;
const message = (ts: string) => t.fake.messages({ channel: CHANNEL }).find((m) => m.ts === ts)!;
const thread = (parent: FakeMessage) => t.fake.messages({ channel: CHANNEL, thread_ts: parent.ts });
const currentQuestion = (parent: FakeMessage) => thread(parent).filter(isQuestion).at(-1)!;
const permalink = (ts: string) => `https://fake.slack.test/archives/${CHANNEL}/p${ts.replace('.', '')}`;

/** Every mrkdwn text the bot sent anywhere: Web API calls (messages, views, upload comments) and response_url answers. */
function everyMrkdwn(): string[] {
  const calls = t.fake.calls.flatMap((c) => [...mrkdwnTexts(c.params), ...(typeof c.params.initial_comment === 'string' ? [c.params.initial_comment] : [])]);
  return [...calls, ...t.fake.responses.flatMap((r) => mrkdwnTexts(r.body ?? {}))];
}

/** The question a message asks, from its block ids (`vet|<interview>|<question>|n`). */
function questionOf(m: FakeMessage): { interviewId: number; questionId: string } {
  const [, interviewId, questionId] = String(m.blocks!.find((b: any) => b.type === 'actions')!.block_id).split('|');
  return { interviewId: Number(interviewId), questionId: questionId! };
}

async function interviewOf(parent: FakeMessage) {
  return t.db.selectFrom('interviews').selectAll().where('channel_id', '=', CHANNEL).where('thread_ts', '=', parent.ts).executeTakeFirstOrThrow();
}

async function loadInterview(parent: FakeMessage): Promise<Interview> {
  return (await getInterview(t.db, (await interviewOf(parent)).id))!;
}

const engine = () => createInterviewFlow({ store: createStore(t.db), bank: STANDARD_BANK, clock: t.clock });

/** Polls the database (for writes that follow a Slack call the fake already saw). */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Driving interviews as people would
// ---------------------------------------------------------------------------------------------------------------

/** One thing a person does with the current question. */
type Step =
  | { by: string; click: string; value?: string }
  | { by: string; modal: 'vet.fact.open' | 'vet.note' | 'vet.evidence.shown'; values: Record<string, string> }
  /** A thread reply; `outsider` when its author is not an evaluator: kept, but the question message does not change. */
  | { by: string; reply: string; outsider?: true };

/** "Evidence shown", with what was seen. */
const SHOWN = (by: string): Step => ({ by, modal: 'vet.evidence.shown', values: { seen: 'the artefact, on screen share' } });

/** The steps for a question, given its id and its message. */
type Plan = (questionId: string, q: FakeMessage) => Step[];

let replyCounter = 0;

/** `/vet start <text>` by `userId`, who leads, naming `evaluators` with `--with` as Slack sends mentions. */
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

/** Does one step and waits until the question message shows it (every change re-renders the question). */
async function perform(parent: FakeMessage, q: FakeMessage, step: Step): Promise<void> {
  const updates = updatesOf(q.ts);
  if ('reply' in step) {
    // A thread reply becomes a note on the question being asked; Slack sends it as a message event.
    const ts = `1800000000.${String(++replyCounter).padStart(6, '0')}`;
    await t.slack.event({ type: 'message', channel: CHANNEL, channel_type: 'channel', user: step.by, text: step.reply, ts, thread_ts: parent.ts });
    if (step.outsider) {
      const { interviewId } = questionOf(q);
      return until(async () => (await listNotes(t.db, interviewId)).some((n) => n.authorId === step.by && n.text === step.reply), `the reply of ${step.by} to be kept`);
    }
  } else if ('modal' in step) {
    const views = t.fake.views.length;
    await t.slack.click(q, { actionId: step.modal }, { userId: step.by });
    await t.fake.waitFor(() => t.fake.views.length > views);
    const view = t.fake.views.at(-1)!;
    const reply = await t.slack.submitView(view.view, step.values, { userId: step.by, viewId: view.id });
    expect(reply.json(), 'the modal was accepted').toBeUndefined();
  } else {
    const reply = await t.slack.click(q, { actionId: step.click }, { userId: step.by, ...(step.value !== undefined && { value: step.value }) });
    expect(reply.status).toBe(200);
  }
  await t.fake.waitFor(() => updatesOf(q.ts) > updates);
}

/**
 * Answers the current question by `plan`, then the next, until the interview completes (returns its summary
 * message) or `limit` questions were answered (returns null).
 */
async function drive(parent: FakeMessage, plan: Plan, limit = Infinity): Promise<FakeMessage | null> {
  for (let answered = 0; answered < limit; answered++) {
    expect(answered, 'a lite interview has fewer questions').toBeLessThan(25);
    const q = currentQuestion(parent);
    const { interviewId, questionId } = questionOf(q);
    // The bot stores the message's ts right after posting it; a thread reply before that would update nothing.
    await until(async () => (await listAsked(t.db, interviewId)).some((a) => a.questionId === questionId && a.messageTs === q.ts), `question ${questionId} to be posted`);
    const asked = thread(parent).filter(isQuestion).length;
    const parentUpdates = updatesOf(parent.ts);
    for (const step of plan(questionId, q)) await perform(parent, q, step);
    // The next question arrives, or the summary (which also marks the parent message completed).
    await t.fake.waitFor(() => thread(parent).filter(isQuestion).length > asked || updatesOf(parent.ts) > parentUpdates);
    if (updatesOf(parent.ts) > parentUpdates) {
      const { summary_ts, status } = await interviewOf(parent);
      expect(status).toBe('completed');
      return message(summary_ts!);
    }
  }
  return null;
}

/**
 * One evaluator answers every question alike: every rating and fact with `evidence` first, if given; ratings at `level`; facts good for level > 0
 * (a recent SOC 2 date, scope covers the team, 24 hours, the named `team`), their "none" / "no" otherwise.
 */
function answering(o: { by: string; level: number; evidence?: 'shown' | 'promised' | 'none'; team?: string; only?: Record<string, Step[]> }): Plan {
  return (questionId, q) => {
    const special = o.only?.[questionId];
    if (special) return special;
    const ids = actionIds(q);
    const bad = o.level === 0;
    // "Evidence shown" records what was seen, in its modal.
    const evidence: Step[] = o.evidence === 'shown' ? [SHOWN(o.by)] : o.evidence ? [{ by: o.by, click: `vet.evidence.${o.evidence}` }] : [];
    if (ids.includes(`vet.rate.${o.level}`)) return [...evidence, { by: o.by, click: `vet.rate.${o.level}` }];
    // A report's period end lies in the past, a certificate's expiry in the future.
    const fact = STANDARD_BANK.questions.find((x) => x.id === questionId)?.fact;
    const date = fact?.type === 'date' && fact.isExpiry ? '2028-06-30' : '2026-06-30';
    if (ids.includes('vet.fact.date')) return [...evidence, bad ? { by: o.by, click: 'vet.fact.none' } : { by: o.by, click: 'vet.fact.date', value: date }];
    if (ids.includes('vet.fact.bool.yes')) return [...evidence, { by: o.by, click: bad ? 'vet.fact.bool.no' : 'vet.fact.bool.yes' }];
    if (bad) return [...evidence, { by: o.by, click: 'vet.fact.none' }];
    const kind = elements(q).find((e) => e.action_id === 'vet.fact.open').value as string;
    return [...evidence, { by: o.by, modal: 'vet.fact.open', values: kind === 'number' ? { number: '24' } : { list: o.team ?? 'Ada Lovelace, Grace Hopper' } }];
  };
}

/**
 * Four vendors with different standings: Acme Dev strong (low risk), Globex weak (critical: no breach
 * commitment), the hostile name middling with one weak answer (high), Initech with an interview in progress.
 */
async function seedPortfolio() {
  t.clock.set('2026-11-18T09:00:00Z');
  const acme = await startInterview('Acme Dev --model agency --lite');
  expect(await drive(acme, answering({ by: ALICE, level: 3, evidence: 'shown' }))).not.toBeNull();
  t.clock.set('2026-11-20T09:00:00Z');
  const globex = await startInterview('Globex --lite', ALICE, [BOB]);
  expect(await drive(globex, answering({ by: BOB, level: 0 }))).not.toBeNull();
  t.clock.set('2026-11-22T10:00:00Z');
  const hostile = await startInterview(`${typed(HOSTILE)} --model managed-services --lite`, ALICE, [CAROL]);
  const weakReview = { 'code-review-threads': [{ by: CAROL, click: 'vet.rate.1' }] };
  expect(await drive(hostile, answering({ by: CAROL, level: 2, only: weakReview }))).not.toBeNull();
  const initech = await startInterview('Initech --model freelancer --lite', BOB, [CAROL]);
  expect(await drive(initech, answering({ by: CAROL, level: 2 }), 1)).toBeNull();
  return { acme, globex, hostile, initech };
}

/** Sends `/vet <text>` and resolves to the answer Slack showed the user (through the response_url). */
async function command(text: string, userId = ALICE): Promise<any> {
  const before = t.fake.responses.length;
  expect((await t.slack.command(text, { userId, channelId: CHANNEL })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.responses.length > before);
  return t.fake.responses.at(-1)!.body;
}

/** Clicks Resolve or Accept risk for one flag in the summary, submits the modal, waits for the summary update. */
async function decideFromSummary(summaryTs: string, flagId: number, kind: 'resolve' | 'accept', userId: string, values: Record<string, string>) {
  const summary = message(summaryTs);
  // Only that flag's buttons, so the click lands on them (the payload carries the flag id in the button value).
  const target: ClickTarget = { ...summary, blocks: summary.blocks!.filter((b: any) => b.block_id === `flag|${flagId}`) };
  expect(target.blocks, `flag ${flagId} has buttons in the summary`).toHaveLength(1);
  const views = t.fake.views.length;
  await t.slack.click(target, { actionId: `vet.flag.${kind}` }, { userId });
  await t.fake.waitFor(() => t.fake.views.length > views);
  const modal = t.fake.views.at(-1)!;
  const updates = updatesOf(summaryTs);
  expect((await t.slack.submitView(modal.view, values, { userId, viewId: modal.id })).json()).toBeUndefined();
  await t.fake.waitFor(() => updatesOf(summaryTs) > updates);
}

async function openFlags(interviewId: number) {
  return t.db.selectFrom('red_flags').selectAll().where('interview_id', '=', interviewId).where('status', '=', 'open').orderBy('id').execute();
}

/** "3 open flags (1 critical, 2 high)", worst first, as the list and the Home tab count them. */
function flagCountText(flags: readonly { severity: string }[]): string {
  if (flags.length === 0) return 'no open flags';
  const parts = ['critical', 'high', 'medium', 'low'].map((s) => [s, flags.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  return `${flags.length} open flag${flags.length === 1 ? '' : 's'} (${parts.map(([s, n]) => `${n} ${s}`).join(', ')})`;
}

/** A score change as the summary shows it: "100 → 67 (−33)". */
function change(before: number | null, after: number | null): string {
  const s = (v: number | null) => (v === null ? 'not rated' : `${Math.round(v)}/100`);
  if (before === null || after === null) return `${s(before)} → ${s(after)}`;
  const delta = Math.round(after) - Math.round(before);
  return `${Math.round(before)} → ${Math.round(after)} (${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${Math.abs(delta)})`;
}

/** A strict RFC 4180 reader: CRLF between records, quotes doubled inside quoted fields, nothing else special. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] !== '"') quoted = false;
      else {
        cell += '"';
        i++;
      }
    } else if (ch === '"') {
      if (cell !== '' || wasQuoted) throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = wasQuoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
      wasQuoted = false;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      wasQuoted = false;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      throw new Error(`a bare line break outside quotes at ${i}`);
    } else {
      if (wasQuoted) throw new Error(`text after a closing quote at ${i}`);
      cell += ch;
    }
  }
  if (quoted) throw new Error('an unterminated quoted field');
  if (cell !== '' || row.length > 0) throw new Error('the last record does not end with CRLF');
  return rows;
}

/** The lines of a Markdown report from one `### ` heading to the next. */
function reportSection(markdown: string, questionId: string): string {
  const sections = markdown.split('\n### ');
  const found = sections.find((s) => s.split('\n')[0]!.includes(`\`${questionId}\``));
  expect(found, `the report has a section for ${questionId}`).toBeDefined();
  return found!;
}

// ---------------------------------------------------------------------------------------------------------------

describe('/vet list', () => {
  it('lists every vendor worst tier first with model, score, tier, open flags and last completed date, escaping names', async () => {
    t = await startTestApp();
    const seeded = await seedPortfolio();
    const flow = engine();
    const scoreOf = async (parent: FakeMessage) => (await flow.summary(await loadInterview(parent))).scorecard;
    const [acme, globex, hostile] = await Promise.all([seeded.acme, seeded.globex, seeded.hostile].map(scoreOf));
    // The seed gives the tiers that make the order unambiguous. Acme Dev evidenced its whole quick screen: a screen
    // is never rated better than medium.
    expect([globex!.tier, hostile!.tier, acme!.tier]).toEqual(['critical', 'high', 'medium']);

    const list = await command('list', CAROL);
    expect(list.response_type).toBe('ephemeral');
    const [title, ...lines] = sectionTexts(list);
    expect(title).toBe('*Vendors* (4), worst risk first');
    expect(lines.map((l) => l.split(' · ')[0])).toEqual(['*Globex*', `*${HOSTILE_ESCAPED}*`, '*Acme Dev*', '*Initech*']);
    const [globexLine, hostileLine, acmeLine, initechLine] = lines as [string, string, string, string];

    // Score and tier, then what the tier rests on (docs/scoring.md), then the open flags and the last vetting.
    const scoreText = (c: Scorecard, tier: keyof typeof TIER) => `${Math.round(c.overall.score!)}/100 · ${TIER[tier]}: `;
    const expectLine = (line: string, head: string[], tail: string[]) => {
      expect(line.startsWith(head.join(' · '))).toBe(true);
      expect(line.endsWith(` · ${tail.join(' · ')}`)).toBe(true);
      expect(line).toContain(':mag: *Screen*');
    };
    expectLine(globexLine, ['*Globex*', 'model not set', scoreText(globex!, 'critical')], [flagCountText(await openFlags((await interviewOf(seeded.globex)).id)), 'last vetted 2026-11-20']);
    expect(globexLine).toContain('knock-outs failed: Contractual breach-notification time (critical)');
    expect(globexLine).toMatch(/open flags \(\d+ critical, \d+ high/);
    expectLine(
      hostileLine,
      [`*${HOSTILE_ESCAPED}*`, 'Managed services', scoreText(hostile!, 'high')],
      [flagCountText(await openFlags((await interviewOf(seeded.hostile)).id)), 'last vetted 2026-11-22'],
    );
    expectLine(acmeLine, ['*Acme Dev*', 'Agency', scoreText(acme!, 'medium')], ['no open flags', 'last vetted 2026-11-18']);
    expect(acmeLine).toContain('no risk accepted; quick screen, 15 of 15 questions examined');
    expect(initechLine).toBe(['*Initech*', 'Freelancers', 'no completed interview', 'no open flags', 'last vetted –', '_interview in progress_'].join(' · '));

    // The hostile name reached Slack only as text: in the list, the interview messages, and an upload's comment.
    await command(`report ${typed(HOSTILE)} --csv`);
    expect(t.fake.uploads.at(-1)!.initialComment).toContain(HOSTILE_ESCAPED);
    const texts = everyMrkdwn();
    expect(texts.some((x) => x.includes(HOSTILE_ESCAPED))).toBe(true);
    for (const x of texts) {
      expect(x).not.toContain('<!channel>');
      expect(x).not.toContain('<@U0BOSS>');
    }
  });
});

describe('/vet compare', () => {
  it('finds vendors by quoted, curly-quoted, any-case or greedily split names and answers with a starred table', async () => {
    t = await startTestApp();
    const seeded = await seedPortfolio();
    const flow = engine();
    const acme = (await flow.summary(await loadInterview(seeded.acme))).scorecard;
    const globex = (await flow.summary(await loadInterview(seeded.globex))).scorecard;

    const straight = await command('compare "Acme Dev" globex', BOB);
    expect(straight.response_type).toBe('ephemeral');
    // The same two vendors, however they were typed.
    for (const typed of ['compare “ACME dev” “Globex”', 'compare acme dev GLOBEX', 'compare   "acme   dev"   globex ']) {
      expect((await command(typed, BOB)).blocks, typed).toEqual(straight.blocks);
    }

    const [intro, table, standings] = sectionTexts(straight) as [string, string, string];
    expect(intro).toBe("Comparing *Acme Dev* vs *Globex*: each vendor's latest completed interview; ★ marks the best value in each row.");
    expect(table.startsWith('```\n') && table.endsWith('\n```')).toBe(true);
    // A monospaced table: a 14-character label column, then 14 characters per vendor.
    const rows = new Map(
      table
        .split('\n')
        .slice(1, -1)
        .map((line) => [line.slice(0, 14).trim(), [line.slice(14, 28).trim(), line.slice(28).trim()]] as const),
    );
    expect(rows.get('')).toEqual(['Acme Dev', 'Globex']);
    expect(rows.get('Overall')).toEqual([`${Math.round(acme.overall.score!)} ★`, `${Math.round(globex.overall.score!)}`]);
    // Fewer open flags is better: the ★ goes to the vendor with none. Globex gave no breach notice and could not
    // show who its engineers are: two critical flags.
    expect(rows.get('Open critical')).toEqual(['0 ★', '2']);
    const evidence = (c: Scorecard) => `${Math.round(c.evidence.coverage! * 100)}%`;
    expect(rows.get('Evidence')).toEqual([`${evidence(acme)} ★`, evidence(globex)]);
    // Both were quick screens: never better than medium, never called complete.
    expect(rows.get('Tier')).toEqual(['medium', 'critical']);
    expect(rows.get('Vetting')).toEqual(['SCREEN', 'SCREEN']);
    expect(rows.get('Rank')).toEqual(['1', '2']);
    // Under the table, each vendor's tier with what it rests on.
    expect(standings.split('\n')[1]).toMatch(/^\*Globex\*: \d+\/100 · :red_circle: Critical risk: 4 knock-outs failed: /);
    for (const label of ['Technical', 'Process', 'Security', 'Governance', 'Scalability']) expect(rows.has(label), label).toBe(true);

    const button = elements(straight).find((e) => e.action_id === 'vet.compare.post');
    expect(button).toMatchObject({ type: 'button', text: { text: 'Post to channel' } });
    expect(t.fake.messages({ channel: CHANNEL }).some((m) => allText(m).includes('Comparing'))).toBe(false);
  });

  it('compares three vendors, one without a completed interview, and posts the comparison to the channel', async () => {
    t = await startTestApp();
    await seedPortfolio();
    const three = await command('compare “acme dev” globex initech', BOB);
    const [intro, table] = sectionTexts(three) as [string, string];
    expect(intro).toContain('Comparing *Acme Dev* vs *Globex* vs *Initech*');
    const overall = table.split('\n').find((l) => l.startsWith('Overall'))!;
    expect(overall.slice(42).trim()).toBe('–');
    const notes = contextTexts(three).join('\n');
    expect(notes).toContain('Initech has no completed interview yet.');
    // Scores weigh dimensions by engagement model: the comparison says when the vendors differ.
    expect(notes).toContain('Vetted under different engagement models: Acme Dev as Agency; Globex as no model.');

    // Clicking the button in the ephemeral answer: Slack sends the container and a response_url, no message.
    const ephemeral: ClickTarget = { channel: CHANNEL, ts: '1700000999.000100', blocks: three.blocks, ephemeral: true };
    const posts = postCount();
    const responses = t.fake.responses.length;
    expect((await t.slack.click(ephemeral, { actionId: 'vet.compare.post' }, { userId: CAROL })).status).toBe(200);
    await t.fake.waitFor(() => postCount() > posts && t.fake.responses.length > responses);

    const call = t.fake.callsTo('chat.postMessage').at(-1)!;
    expect(call.params.channel).toBe(CHANNEL);
    expect(call.params.thread_ts).toBeUndefined();
    const posted = t.fake.messages({ channel: CHANNEL }).at(-1)!;
    expect(sectionTexts(posted)).toEqual(sectionTexts(three));
    expect(contextTexts(posted)).toEqual([...contextTexts(three), `Shared by <@${CAROL}>`]);
    // The posted copy has no button, and the ephemeral one is removed.
    expect(actionIds(posted)).toEqual([]);
    expect(t.fake.responses.at(-1)!.body).toEqual({ delete_original: true });
  });

  it('answers one name, a name given twice and unknown names with an ephemeral error, suggesting close names', async () => {
    t = await startTestApp();
    await seedPortfolio();
    const posts = postCount();

    const one = await command('compare Acme');
    expect(one.response_type).toBe('ephemeral');
    expect(one.text).toContain('`/vet compare` needs 2 to 5 vendors');
    expect((await command('compare "Acme Dev"')).text).toContain('`/vet compare` needs 2 to 5 vendors');
    // Two words that make one vendor name one vendor.
    expect((await command('compare acme dev')).text).toBe('Compare 2 to 5 different vendors; you named 1.');
    expect((await command('compare "Acme Dev" ACME DEV')).text).toBe('Compare 2 to 5 different vendors; you named 1.');

    const typo = await command('compare "Acme Dev" Globx');
    expect(typo.response_type).toBe('ephemeral');
    expect(typo.text).toContain('I know no vendor called "Globx" (did you mean "Globex"?)');
    const quotedTypo = await command('compare “Acme Dv” globex');
    expect(quotedTypo.text).toContain('"Acme Dv" (did you mean "Acme Dev"?)');
    const nothingClose = await command('compare globex "Soylent Green"');
    expect(nothingClose.text).toContain('I know no vendor called "Soylent Green".');
    expect(nothingClose.text).not.toContain('did you mean');

    for (const r of t.fake.responses) expect(actionIds(r.body)).toEqual([]);
    expect(postCount()).toBe(posts);
  });
});

describe('/vet report', () => {
  /**
   * Umbrella Corp, with two evaluators who disagree, evidence in every state, notes from thread replies (one of
   * them formula-like) and from the modal with a link, a skipped, an N/A and a "none" answer, and flags.
   */
  async function reportedInterview() {
    // Carol is not named: her thread reply is kept, marked in the report, and counts for nothing.
    const parent = await startInterview('Umbrella Corp --model agency --lite', ALICE, [BOB]);
    const summary = (await drive(
      parent,
      answering({
        by: ALICE,
        level: 2,
        only: {
          'code-review-threads': [
            { by: BOB, reply: 'Walked us through PR 812:\n14 comments, 2 reviewers' },
            SHOWN(ALICE),
            { by: ALICE, click: 'vet.rate.3' },
            { by: BOB, click: 'vet.rate.1' },
            { by: BOB, click: 'vet.evidence.promised' },
          ],
          'emergency-hotfix-walkthrough': [
            { by: ALICE, modal: 'vet.note', values: { note: 'Hotfix runbook v3, "reviewed by 2 people"', link: 'https://wiki.example/umbrella/hotfix?rev=3&page=2' } },
            { by: BOB, click: 'vet.rate.0' },
          ],
          'velocity-and-definition-of-done': [
            { by: CAROL, reply: '=HYPERLINK("https://evil.example","click")', outsider: true },
            { by: ALICE, click: 'vet.evidence.none' },
            { by: ALICE, click: 'vet.rate.2' },
          ],
          'breach-notification-hours': [{ by: BOB, click: 'vet.fact.none' }],
          'secrets-management-rotation': [{ by: ALICE, click: 'vet.rate.3' }],
          'underperformer-replacement': [{ by: BOB, click: 'vet.skip' }],
          // N/A is only offered where the bank allows it (none of the lite questions): this one is skipped.
          'double-team-six-weeks': [{ by: ALICE, click: 'vet.skip' }],
        },
      }),
    ))!;
    const interview = await loadInterview(parent);

    // A day later Bob proposes resolving the (high) change-control flag from the summary, saying what was seen,
    // and Alice confirms it: a second pair of eyes.
    t.clock.set('2026-11-23T09:30:00Z');
    const flag = (await openFlags(interview.id)).find((f) => f.rule === 'weak-change-control')!;
    expect(flag).toBeDefined();
    await decideFromSummary(summary.ts, flag.id, 'resolve', BOB, {
      reason: 'Vendor shared the signed change-control policy',
      link: 'https://docs.example/umbrella/change-control.pdf',
      seen: 'the signed change-control policy, on screen share',
    });
    expect((await openFlags(interview.id)).map((f) => f.id)).toContain(flag.id);
    await decideFromSummary(summary.ts, flag.id, 'resolve', ALICE, {});
    return { parent, interview, resolvedFlagId: flag.id };
  }

  const label = (i: Interview, questionId: string, level: number) => i.questions.find((q) => q.id === questionId)!.rubric[level]!.label;

  it('uploads a Markdown report with every question, answer, evidence state, note, score and flag history', async () => {
    t = await startTestApp();
    const { interview, resolvedFlagId } = await reportedInterview();
    const uploads = t.fake.uploads.length;
    const answer = await command('report umbrella corp');
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: 'Uploaded the report of *Umbrella Corp* to this channel.' });
    expect(t.fake.uploads).toHaveLength(uploads + 1);
    const upload = t.fake.uploads.at(-1)!;
    expect(upload).toMatchObject({ channel: CHANNEL, filename: 'vet-umbrella-corp-2026-11-23.md', initialComment: `<@${ALICE}> asked for the report of *Umbrella Corp*.` });
    const md = upload.content;

    expect(md.startsWith('# Vendor vetting report: Umbrella Corp\n')).toBe(true);
    expect(md).toContain(`- Interview #${interview.id}: completed, started 2026-11-22 by User ${ALICE} (${ALICE}), completed 2026-11-22`);
    expect(md).toContain('- Engagement model: Agency');
    expect(md).toContain('- Generated: 2026-11-23T09:30:00.000Z');
    expect(md).toMatch(new RegExp(`- Evaluators: (User ${ALICE} \\(${ALICE}\\), User ${BOB} \\(${BOB}\\)|User ${BOB} \\(${BOB}\\), User ${ALICE} \\(${ALICE}\\))\\n`));

    // Scores, as the engine computes them.
    const summary = await engine().summary((await getInterview(t.db, interview.id))!);
    const c = summary.scorecard;
    const pts = (v: number | null) => (v === null ? 'not rated' : `${Math.round(v)}/100`);
    expect(md).toContain(`Overall **${pts(c.overall.score)}**, ${c.tier} risk; coverage ${Math.round(c.overall.coverage * 100)}%`);
    for (const d of c.dimensions) expect(md).toContain(`| ${DIMENSION_LABELS[d.dimension]} | ${pts(d.score)} | ${Math.round(d.coverage * 100)}% | ${d.modelWeight}% |`);

    // Every flag, with its history from the audit log; the resolved one says who, when, why and where.
    const flags = await t.db.selectFrom('red_flags').selectAll().where('interview_id', '=', interview.id).execute();
    expect(flags.map((f) => f.rule)).toEqual(expect.arrayContaining(['weak-change-control', 'breach-notification-absent']));
    const lines = md.split('\n');
    for (const f of flags) {
      const at = lines.findIndex((l) => l.startsWith(`- **${f.severity}** · ${f.message}`));
      expect(at, `flag ${f.rule} is in the report`).toBeGreaterThan(0);
      const history = lines.slice(
        at + 1,
        lines.findIndex((l, i) => i > at && !l.startsWith('  - ')),
      );
      expect(history[0]).toBe('  - 2026-11-22 10:00 vet opened');
      if (f.id === resolvedFlagId) {
        // Resolved by the second person, who confirmed what Bob proposed; the history keeps both, with what was seen.
        expect(lines[at]).toContain(' · resolved by User U0ALICE (U0ALICE) on 2026-11-23: Vendor shared the signed change-control policy (https://docs.example/umbrella/change-control.pdf)');
        expect(history).toEqual([
          '  - 2026-11-22 10:00 vet opened',
          '  - 2026-11-23 09:30 User U0BOB (U0BOB) resolution-proposed: Vendor shared the signed change-control policy; link https://docs.example/umbrella/change-control.pdf; seen: the signed change-control policy, on screen share',
          '  - 2026-11-23 09:30 User U0ALICE (U0ALICE) resolved: Vendor shared the signed change-control policy; link https://docs.example/umbrella/change-control.pdf; seen: the signed change-control policy, on screen share; confirming the resolution proposed by User U0BOB (U0BOB)',
        ]);
      } else {
        expect(lines[at]).toContain(' · open since 2026-11-22');
        expect(history).toHaveLength(1);
      }
    }

    // Every question asked has its section, with every evaluator's answer and every note.
    const asked = await listAsked(t.db, interview.id);
    const answers = await listAnswers(t.db, interview.id);
    const notes = await listNotes(t.db, interview.id);
    expect(notes).toHaveLength(3);
    for (const a of asked) {
      const q = interview.questions.find((x) => x.id === a.questionId)!;
      const section = reportSection(md, q.id);
      expect(section).toContain(`${q.title} (${DIMENSION_LABELS[q.dimension]}, \`${q.id}\`)`);
      for (const ans of answers.filter((x) => x.questionId === q.id)) expect(section).toContain(`\n- User ${ans.evaluatorId} (${ans.evaluatorId}): `);
      for (const n of notes.filter((x) => x.questionId === q.id)) {
        const author = n.authorId === CAROL ? `User ${CAROL} (${CAROL}) (not an evaluator)` : `User ${n.authorId} (${n.authorId})`;
        expect(section).toContain(`- Note by ${author} (2026-11-22): ${n.text.replace(/\s+/g, ' ')}${n.link ? ` [evidence](${n.link})` : ''}`);
      }
    }
    const review = reportSection(md, 'code-review-threads');
    expect(review).toContain(`- User U0ALICE (U0ALICE): ${label(interview, 'code-review-threads', 3)} · evidence shown (2026-11-22 10:00)`);
    expect(review).toContain(`- User U0BOB (U0BOB): ${label(interview, 'code-review-threads', 1)} · evidence promised (2026-11-22 10:00)`);
    expect(review).toContain('(evaluators disagree)');
    expect(review).toContain('- Note by User U0BOB (U0BOB) (2026-11-22): Walked us through PR 812: 14 comments, 2 reviewers');
    expect(reportSection(md, 'emergency-hotfix-walkthrough')).toContain(
      `- User U0BOB (U0BOB): ${label(interview, 'emergency-hotfix-walkthrough', 0)} (2026-11-22 10:00)\n- Note by User U0ALICE (U0ALICE) (2026-11-22): Hotfix runbook v3, "reviewed by 2 people" [evidence](https://wiki.example/umbrella/hotfix?rev=3&page=2)`,
    );
    expect(reportSection(md, 'velocity-and-definition-of-done')).toContain(`- User U0ALICE (U0ALICE): ${label(interview, 'velocity-and-definition-of-done', 2)} · evidence none`);
    expect(reportSection(md, 'velocity-and-definition-of-done')).toContain('- Note by User U0CAROL (U0CAROL) (not an evaluator) (2026-11-22): =HYPERLINK("https://evil.example","click")');
    expect(reportSection(md, 'soc2-report-period-end')).toContain('- User U0ALICE (U0ALICE): 2026-06-30 (');
    expect(reportSection(md, 'breach-notification-hours')).toContain('- User U0BOB (U0BOB): No contractual commitment (');
    expect(reportSection(md, 'named-team-members')).toContain('- User U0ALICE (U0ALICE): Ada Lovelace, Grace Hopper (');
    expect(reportSection(md, 'secrets-management-rotation')).toContain('(capped: no evidence shown)');
    expect(reportSection(md, 'underperformer-replacement')).toContain('- User U0BOB (U0BOB): skipped (');
    expect(reportSection(md, 'double-team-six-weeks')).toContain('- User U0ALICE (U0ALICE): skipped (');
    // Questions never asked (follow-ups not triggered) are left out.
    const notAsked = interview.questions.filter((q) => !asked.some((a) => a.questionId === q.id));
    expect(notAsked.length).toBeGreaterThan(0);
    for (const q of notAsked) expect(md).not.toContain(`\`${q.id}\``);
  });

  it('uploads the answers as CSV, one row per question and person, with every answer and note, safe for spreadsheets', async () => {
    t = await startTestApp();
    const { interview } = await reportedInterview();
    const answer = await command('report “UMBRELLA corp” --csv');
    expect(answer.text).toBe('Uploaded the CSV of *Umbrella Corp* to this channel.');
    const upload = t.fake.uploads.at(-1)!;
    expect(upload).toMatchObject({ channel: CHANNEL, filename: 'vet-umbrella-corp-2026-11-23.csv', initialComment: `<@${ALICE}> asked for the answers (CSV) of *Umbrella Corp*.` });
    // A formula-like note is neutralised with an apostrophe, inside RFC 4180 quotes.
    expect(upload.content).toContain('"\'=HYPERLINK(""https://evil.example"",""click"")"');

    const [header, ...rows] = parseCsv(upload.content);
    expect(header).toEqual([
      'interview',
      'vendor',
      'position',
      'question_id',
      'dimension',
      'question',
      'references',
      'evaluator',
      'evaluator_name',
      'status',
      'level',
      'level_label',
      'evidence',
      'fact',
      'answer',
      'notes',
      'links',
      'updated_at',
      // In writing from the vendor or seen in the call (test/vendor-slack.test.ts checks its content).
      'answered',
      'vendor_answers',
      // The evidence register (test/evidence-slack.test.ts checks its content).
      'evidence_state',
      'evidence_asked',
      'evidence_chaser',
      'evidence_due',
      'evidence_vendor_contact',
      'evidence_shared',
      'evidence_expiry',
      // The verdict, the same on every row (test/verdict-slack.test.ts checks its content).
      'vetting',
      'verdict',
    ]);
    for (const r of rows) expect(r).toHaveLength(header!.length);
    const records = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
    const row = (questionId: string, person: string) => {
      const found = records.filter((r) => r.question_id === questionId && r.evaluator === person);
      expect(found, `one row for ${questionId} x ${person}`).toHaveLength(1);
      return found[0]!;
    };

    // One row per question asked and person who answered or wrote a note on it.
    const asked = await listAsked(t.db, interview.id);
    const answers = await listAnswers(t.db, interview.id);
    const notes = await listNotes(t.db, interview.id);
    const expected = asked.flatMap((a) =>
      [...new Set([...answers.filter((x) => x.questionId === a.questionId).map((x) => x.evaluatorId), ...notes.filter((n) => n.questionId === a.questionId).map((n) => n.authorId)])].map(
        (p) => `${a.questionId}|${p}`,
      ),
    );
    expect(records.map((r) => `${r.question_id}|${r.evaluator}`).sort()).toEqual(expected.sort());
    for (const r of records) expect(r).toMatchObject({ interview: String(interview.id), vendor: 'Umbrella Corp' });

    // Every answer, as recorded.
    for (const a of answers) {
      const r = row(a.questionId, a.evaluatorId);
      const q = interview.questions.find((x) => x.id === a.questionId)!;
      expect(r).toMatchObject({ status: a.status, level: a.level === null ? '' : String(a.level), evidence: a.evidence ?? '', updated_at: a.updatedAt.toISOString() });
      expect(r.level_label).toBe(a.level === null ? '' : q.rubric[a.level]!.label);
      expect(r.question).toBe(q.title);
      expect(r.dimension).toBe(DIMENSION_LABELS[q.dimension]);
    }
    expect(row('code-review-threads', ALICE)).toMatchObject({ status: 'rated', level: '3', level_label: label(interview, 'code-review-threads', 3), evidence: 'shown', notes: '' });
    expect(row('code-review-threads', BOB)).toMatchObject({ level: '1', evidence: 'promised', notes: 'Walked us through PR 812:\n14 comments, 2 reviewers', links: '' });
    expect(row('breach-notification-hours', BOB)).toMatchObject({ status: 'rated', level: '', fact: 'No contractual commitment' });
    expect(row('named-team-members', ALICE)).toMatchObject({ fact: 'Ada Lovelace, Grace Hopper' });
    expect(row('soc2-report-period-end', ALICE)).toMatchObject({ fact: '2026-06-30' });
    expect(row('underperformer-replacement', BOB)).toMatchObject({ status: 'skipped', level: '' });
    expect(row('double-team-six-weeks', ALICE)).toMatchObject({ status: 'skipped', level: '' });

    // Every note, with its link, on its author's row; a note without an answer gets a row of its own.
    expect(row('emergency-hotfix-walkthrough', ALICE)).toMatchObject({
      status: 'note only',
      level: '',
      notes: 'Hotfix runbook v3, "reviewed by 2 people"',
      links: 'https://wiki.example/umbrella/hotfix?rev=3&page=2',
    });
    expect(row('emergency-hotfix-walkthrough', BOB)).toMatchObject({ status: 'rated', level: '0', notes: '' });
    expect(row('velocity-and-definition-of-done', CAROL)).toMatchObject({ status: 'note only, not an evaluator', notes: '\'=HYPERLINK("https://evil.example","click")' });
    for (const n of notes) expect((row(n.questionId, n.authorId).notes ?? '').replace(/^'/, '')).toContain(n.text);
  });

  it('names the controls the answers evidence: a section per framework, a references column, and --framework for one of them', async () => {
    t = await startTestApp();
    const { interview } = await reportedInterview();
    const summary = await engine().summary((await getInterview(t.db, interview.id))!);
    const results = new Map(summary.scorecard.questions.map((r) => [r.questionId, r]));
    const inPlay = interview.questions.filter((q) => results.has(q.id));
    const refs = (q: Interview['questions'][number], frameworks: readonly Framework[] = FRAMEWORKS) =>
      frameworks.flatMap((f) => (q.references?.[f]?.length ? [`${CATALOGUES[f].short} ${q.references[f]!.join(', ')}`] : [])).join('; ');

    await command('report Umbrella Corp');
    const md = t.fake.uploads.at(-1)!.content;
    const controls = md.slice(md.indexOf('\n## Controls evidenced\n'));
    expect(controls.length).toBeGreaterThan(1);
    // One section per framework, in order, each listing every control a question of the interview names.
    const sections = controls.split('\n### ').slice(1);
    expect(sections.map((x) => x.split('\n')[0])).toEqual(FRAMEWORKS.map((f) => CATALOGUES[f].name));
    FRAMEWORKS.forEach((f, i) => {
      const named = new Set(inPlay.flatMap((q) => q.references?.[f] ?? []));
      const rows = sections[i]!.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Control'));
      expect(rows.map((l) => l.slice(2).split(' ')[0]).sort()).toEqual([...named].sort());
    });
    const row = (id: string) => controls.split('\n').find((l) => l.startsWith(`| ${id} `))!;
    // A control whose only question was skipped is not examined, and says how its question ended.
    expect(inPlay.filter((q) => q.references?.soc2?.includes('CC1.5')).map((q) => q.id)).toEqual(['underperformer-replacement']);
    expect(row('CC1.5')).toMatch(/^\| CC1\.5 Accountability for internal control \| not examined \| \d+\. Replacing an under-performing engineer \(`underperformer-replacement`\): skipped \|$/);
    // A rated control carries its question's counted level and score, as the scores count it.
    const review = results.get('code-review-threads')!;
    const level = interview.questions.find((q) => q.id === 'code-review-threads')!.rubric[review.level!]!;
    expect(row('A.8.28')).toContain(`| ${level.label} (${level.score}/100) |`);
    expect(row('A.8.28')).toContain(`(\`code-review-threads\`): ${level.label} (${level.score}/100)`);
    // Each question says what it evidences.
    const question = interview.questions.find((q) => q.id === 'code-review-threads')!;
    expect(reportSection(md, 'code-review-threads')).toContain(`\n- Evidences: ${refs(question)}\n`);

    // The CSV carries the same references on every row of the question.
    await command('report Umbrella Corp --csv');
    const [header, ...rows] = parseCsv(t.fake.uploads.at(-1)!.content);
    const column = header!.indexOf('references');
    for (const r of rows) expect(r[column], r[header!.indexOf('question_id')]).toBe(refs(interview.questions.find((q) => q.id === r[header!.indexOf('question_id')])!));

    // --framework: one framework's controls only, said in the file name, the comment and the report itself.
    const answer = await command('report Umbrella Corp --framework SOC2');
    expect(answer.text).toBe('Uploaded the report of *Umbrella Corp* to this channel.');
    const soc2 = t.fake.uploads.at(-1)!;
    expect(soc2).toMatchObject({ filename: 'vet-umbrella-corp-2026-11-23-soc2.md', initialComment: `<@${ALICE}> asked for the report (SOC 2 only) of *Umbrella Corp*.` });
    expect(soc2.content).toContain(`\n- Framework: ${CATALOGUES.soc2.name} only\n`);
    const only = soc2.content.slice(soc2.content.indexOf('\n## Controls evidenced\n')).split('\n### ').slice(1);
    expect(only.map((x) => x.split('\n')[0])).toEqual([CATALOGUES.soc2.name]);
    expect(reportSection(soc2.content, 'code-review-threads')).toContain(`\n- Evidences: ${refs(question, ['soc2'])}\n`);
    expect(soc2.content).not.toContain('ISO 27001 A.');

    await command('report Umbrella Corp --csv --framework iso27001');
    const iso = t.fake.uploads.at(-1)!;
    expect(iso.filename).toBe('vet-umbrella-corp-2026-11-23-iso27001.csv');
    const [isoHeader, ...isoRows] = parseCsv(iso.content);
    for (const r of isoRows) expect(r[isoHeader!.indexOf('references')]).toBe(refs(interview.questions.find((q) => q.id === r[isoHeader!.indexOf('question_id')])!, ['iso27001']));

    // An unknown framework is refused, and nothing is uploaded.
    const uploads = t.fake.uploads.length;
    const refused = await command('report Umbrella Corp --framework nist');
    expect(refused).toMatchObject({ response_type: 'ephemeral' });
    expect(refused.text).toContain('I don\'t know the framework "nist": `--framework` takes iso27001, soc2, ssdf or ccm.');
    expect(t.fake.uploads).toHaveLength(uploads);
  });

  it("gives an accepted risk's expiry as the day that was picked in VET_DIGEST_TZ, not as a UTC date", async () => {
    t = await startTestApp({ env: { VET_DIGEST_TZ: 'Europe/Berlin', ...RISK_OWNERS } });
    const parent = await startInterview('Globex --lite', ALICE, [BOB]);
    const summary = (await drive(parent, answering({ by: BOB, level: 0 })))!;
    const [flag] = await openFlags((await interviewOf(parent)).id);
    // The acceptance ends when 10 December begins in Berlin: 2026-12-09T23:00Z.
    // The risk owner accepts it: Alice ran the interview, so she may not.
    await decideFromSummary(summary.ts, flag!.id, 'accept', OWNER, { reason: 'Pen test booked', control: 'No production access until the pen test', expires: '2026-12-10' });
    await command('report Globex');
    const line = t.fake.uploads
      .at(-1)!
      .content.split('\n')
      .find((l) => l.startsWith(`- **${flag!.severity}** · ${flag!.message}`));
    expect(line).toContain(`risk accepted by User ${OWNER} (${OWNER}) on 2026-11-22, owner User ${OWNER} (${OWNER}), expires 2026-12-10: Pen test booked`);
  });

  it('answers an unknown vendor with an ephemeral error suggesting the closest one, and uploads nothing', async () => {
    t = await startTestApp();
    await startInterview('Umbrella Corp --lite');
    const answer = await command('report Umbrela Corp --csv');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toBe('I know no vendor called "Umbrela Corp". Did you mean "Umbrella Corp"?');
    expect((await command('report')).text).toContain('`/vet report` needs a vendor name');
    expect(t.fake.uploads).toEqual([]);
    expect(t.fake.callsTo('files.getUploadURLExternal')).toEqual([]);
  });
});

describe('re-vetting a vendor', () => {
  it('shows what changed since the previous interview and flags a committed team member who is missing now', async () => {
    t = await startTestApp();
    t.clock.set('2026-08-03T09:00:00Z');
    const first = await startInterview('Hooli --model agency --lite');
    await drive(first, answering({ by: ALICE, level: 3, evidence: 'shown', team: 'Ada Lovelace, Grace Hopper, Alan Turing' }));
    const before = await loadInterview(first);
    expect(before.status).toBe('completed');

    // The first interview is completed, so the same vendor (any case) can be vetted again.
    t.clock.set('2026-11-22T10:00:00Z');
    const responses = t.fake.responses.length;
    const second = await startInterview('hooli --model agency --lite', BOB);
    expect(second.ts).not.toBe(first.ts);
    expect(t.fake.responses).toHaveLength(responses);
    const summary = (await drive(second, answering({ by: BOB, level: 2, team: ' grace hopper , ADA LOVELACE, Linus' })))!;
    const after = await loadInterview(second);
    expect(after.id).toBeGreaterThan(before.id);
    // One vendor; each vetting shows the name as its starter typed it.
    expect(after.vendor).toEqual({ id: before.vendor.id, name: 'hooli' });

    const flow = engine();
    const then = (await flow.summary(before)).scorecard;
    const now = (await flow.summary(after)).scorecard;
    const revet = sectionTexts(summary).find((s) => s.startsWith('*Since the previous interview*'));
    expect(revet, 'the summary compares with the previous interview').toBeDefined();
    const [headline, dimensions, ...team] = revet!.split('\n');
    expect(headline).toBe(`*Since the previous interview* (#${before.id}, 2026-08-03): overall ${change(then.overall.score, now.overall.score)}`);
    expect(dimensions).toBe(
      DIMENSIONS.map((d) => `${DIMENSION_LABELS[d]} ${change(then.dimensions.find((x) => x.dimension === d)!.score, now.dimensions.find((x) => x.dimension === d)!.score)}`).join(' · '),
    );
    // Names compare without regard to case and spacing: only Alan Turing is gone.
    expect(team).toEqual([':warning: *Committed before, missing now:* Alan Turing', '*New on the team:* Linus']);

    const flags = await t.db.selectFrom('red_flags').selectAll().where('rule', '=', 'team-member-removed').execute();
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ interview_id: after.id, question_id: 'named-team-members', severity: 'high', status: 'open' });
    expect(flags[0]!.message).toContain('Alan Turing');
    expect(flags[0]!.message).not.toMatch(/grace|ada/i);
    // The flag is in the summary with its buttons, and raises the tier.
    expect(summary.blocks!.some((b: any) => b.block_id === `flag|${flags[0]!.id}`)).toBe(true);
    expect(now.tier).toBe('high');
    expect(sectionTexts(summary)[0]).toContain(`*Overall: ${Math.round(now.overall.score!)}/100 · ${TIER.high}: `);

    // The report of the vendor is of the re-vet, and says the same.
    await command('report Hooli');
    const md = t.fake.uploads.at(-1)!.content;
    expect(md).toContain(`Since the previous interview (#${before.id}, 2026-08-03): overall`);
    expect(md).toContain('Named team: missing now: Alan Turing; new: Linus.');
  });
});

/** Publishes the Home tab of `userId` and resolves to the view published. */
async function openHome(userId: string): Promise<any> {
  const before = t.fake.callsTo('views.publish').length;
  expect((await t.slack.event({ type: 'app_home_opened', user: userId, channel: 'D0HOME', tab: 'home' })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.callsTo('views.publish').length > before);
  const call = t.fake.callsTo('views.publish').at(-1)!;
  expect(call.params.user_id).toBe(userId);
  expect(call.params.view.type).toBe('home');
  expect(call.params.view.blocks.length).toBeLessThanOrEqual(100);
  return call.params.view;
}

describe('the App Home tab', () => {
  it("shows a user's interviews in progress, vendors by risk with open flags, and accepted risks expiring soon", async () => {
    t = await startTestApp({ env: RISK_OWNERS });
    const globex = await startInterview('Globex --lite', ALICE, [BOB]);
    const summary = (await drive(globex, answering({ by: BOB, level: 0 })))!;
    const globexId = (await interviewOf(globex)).id;
    const [soon, later] = await openFlags(globexId);
    // One acceptance ends in 7 days, the other in 30: only the first is "expiring".
    // Risk owners accept them (Alice and Bob ran the interview, so they may not); each owns the risk they accepted.
    await decideFromSummary(summary.ts, soon!.id, 'accept', OWNER, { reason: 'Pen test booked for next week', control: 'No production access until the pen test', expires: '2026-11-29' });
    await decideFromSummary(summary.ts, later!.id, 'accept', CISO, { reason: 'Compensating control until renewal', control: 'Weekly access review until renewal', expires: '2026-12-22' });
    const hostile = await startInterview(`${typed(HOSTILE)} --lite`, ALICE, [BOB]);
    await drive(hostile, answering({ by: BOB, level: 2 }), 1);

    const home = await openHome(ALICE);
    const texts = sectionTexts(home);
    expect(home.blocks[0]).toMatchObject({ type: 'header', text: { text: 'vet: vendor vetting' } });
    // Her own work first, then the accepted risks expiring, the vendors, and last the command list.
    const order = ['*Your interviews in progress*', '*Accepted risks expiring within 14 days*', '*Vendors by risk*', '*/vet* runs a guided'].map((start) =>
      texts.findIndex((x) => x.startsWith(start)),
    );
    expect(order[0]).toBe(0);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(texts.at(-1)).toMatch(/^\*\/vet\* runs a guided/);
    // Alice started the hostile-named interview; the link is the thread's permalink, the name escaped.
    expect(texts).toContain(`*Your interviews in progress*\n• <${permalink(hostile.ts)}|${HOSTILE_ESCAPED}> in <#${CHANNEL}>, started 2026-11-22`);

    const expiring = texts.find((x) => x.startsWith('*Accepted risks expiring within 14 days*'));
    const clipped = soon!.message.length <= 200 ? soon!.message : `${soon!.message.slice(0, 199)}…`;
    expect(expiring).toBe(`*Accepted risks expiring within 14 days*\n• Globex: ${clipped} · expires 2026-11-29 · owner <@${OWNER}>`);

    // Vendors, worst first, with their open flags; the accepted ones no longer count.
    const vendors = texts.slice(texts.indexOf('*Vendors by risk*') + 1, -1);
    const globexScore = (await engine().summary(await loadInterview(globex))).scorecard;
    expect(vendors).toHaveLength(2);
    // Score and tier, what the tier rests on (the accepted risks by owner and expiry among it), the open flags.
    expect(vendors[0]!.startsWith(['*Globex*', 'model not set', `${Math.round(globexScore.overall.score!)}/100 · ${TIER[globexScore.tier as keyof typeof TIER]}: `].join(' · '))).toBe(true);
    expect(vendors[0]).toContain(`accepted by <@${OWNER}> until 2026-11-29`);
    expect(vendors[0]!.endsWith(` · ${flagCountText(await openFlags(globexId))} · last vetted 2026-11-22`)).toBe(true);
    expect(vendors[1]).toBe([`*${HOSTILE_ESCAPED}*`, 'model not set', 'no completed interview', 'no open flags', 'last vetted –', '_interview in progress_'].join(' · '));
    expect((await openFlags(globexId)).length).toBeGreaterThan(0);

    // Bob takes part by rating: the interview is his too.
    expect(sectionTexts(await openHome(BOB))).toContain(`*Your interviews in progress*\n• <${permalink(hostile.ts)}|${HOSTILE_ESCAPED}> in <#${CHANNEL}>, started 2026-11-22`);
    // Carol takes part in nothing; the portfolio is the same for everyone.
    const carol = sectionTexts(await openHome(CAROL));
    expect(carol).toContain('*Your interviews in progress*\nNone. Start one in a channel with `/vet start <vendor>`.');
    expect(carol).toContain(expiring);
    // The risk owner sees that the expiring acceptance is theirs.
    expect(sectionTexts(await openHome(OWNER)).find((x) => x.startsWith('*Accepted risks'))).toContain(`owner <@${OWNER}> *(you)*`);

    for (const x of everyMrkdwn()) expect(x).not.toContain('<!channel>');
  });

  it("keeps every Home section within Slack's 3000 characters when a user runs many interviews with long names", async () => {
    t = await startTestApp();
    // 20 interviews in progress (the most the Home tab asks for), vendor names of the longest allowed length (80).
    const parents: FakeMessage[] = [];
    for (let i = 0; i < 20; i++) parents.push(await startInterview(`Vendor ${String(i).padStart(2, '0')} & ${'Partners '.repeat(7)}Group --lite`));
    expect((await loadInterview(parents[0]!)).vendor.name).toHaveLength(80);

    const home = await openHome(ALICE);
    for (const text of sectionTexts(home)) expect(text.length).toBeLessThanOrEqual(3000);
    const mine = sectionTexts(home).find((x) => x.startsWith('*Your interviews in progress*'))!;
    // The newest interview is listed first.
    expect(mine.split('\n')[1]).toContain(`<${permalink(parents.at(-1)!.ts)}|Vendor 19 &amp; Partners`);
  });

  it('keeps the Home tab within 100 blocks and /vet list within 50 when there are many vendors', async () => {
    t = await startTestApp();
    // 120 vendors, each with an interview someone else started (a vendor is shown through its interviews).
    for (let i = 1; i <= 120; i++) {
      const vendor = await findOrCreateVendor(t.db, `Vendor ${String(i).padStart(3, '0')}`, t.clock());
      await insertInterview(t.db, {
        vendorId: vendor.id,
        vendorName: vendor.name,
        channelId: CHANNEL,
        model: null,
        variant: 'lite',
        bankId: STANDARD_BANK.id,
        bankVersion: STANDARD_BANK.version,
        questions: [],
        startedBy: OWNER,
        startedAt: t.clock(),
      });
    }

    const home = await openHome(ALICE);
    expect(home.blocks).toHaveLength(100);
    // The vendors that do not fit are counted, and the command list still closes the tab.
    expect(home.blocks.at(-3)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '…and 27 more: `/vet list`' }] });
    expect(home.blocks.at(-1).text.text).toMatch(/^\*\/vet\* runs a guided/);
    expect(sectionTexts(home)).toContain('*Your interviews in progress*\nNone. Start one in a channel with `/vet start <vendor>`.');

    const list = await command('list');
    expect(list.blocks).toHaveLength(50);
    expect(sectionTexts(list)[0]).toBe('*Vendors* (120), worst risk first');
    expect(contextTexts(list)).toEqual(['…and 72 more vendors.']);
  });
});

describe('posting where the bot is not a member', () => {
  it('says how to invite the bot when a report cannot be uploaded', async () => {
    t = await startTestApp();
    await t.slack.command('start Acme --lite', { userId: 'U0ALICE', channelId: 'C0GONE' });
    await t.fake.waitFor(() => t.fake.callsTo('chat.postMessage').length >= 2);
    // The bot was removed from the channel after the interview started.
    t.fake.setChannel('C0GONE', { isPrivate: false, botIsMember: false });
    await t.slack.command('report acme', { userId: 'U0ALICE', channelId: 'C0GONE' });
    await t.fake.waitFor(() => t.fake.responses.length >= 1, 5000);
    expect(t.fake.responses[0]!.body.text).toContain('invite me with /invite @vet');
    expect(t.fake.uploads).toEqual([]);
  });
});

describe('coverage-aware verdicts', () => {
  it('labels a vetting finished after 3 answers incomplete everywhere, flags what was not examined, and never ranks it above a complete one', async () => {
    t = await startTestApp();
    const acme = await startInterview('Acme Dev --model agency --lite');
    expect(await drive(acme, answering({ by: ALICE, level: 3, evidence: 'shown' }))).not.toBeNull();
    // Three excellent answers (technical and process), then finished: security, governance and scalability never asked.
    const quick = await startInterview('Quickco --model agency --lite');
    expect(await drive(quick, answering({ by: ALICE, level: 3, evidence: 'shown' }), 3)).toBeNull();
    expect((await command('finish Quickco')).text).toContain('Finished the interview of *Quickco*');

    const { id, summary_ts } = await interviewOf(quick);
    const summary = allText(message(summary_ts!));
    expect(summary).toContain(':warning: *Incomplete*');
    // Said once, by the open incomplete-vetting flag with its buttons.
    const saying = sectionTexts(message(summary_ts!)).filter((x) => x.includes('not examined at all'));
    expect(saying).toHaveLength(1);
    expect(saying[0]).toMatch(
      /Incomplete vetting: \d+% of the weighted questions were answered \(80% needed\); not examined at all: Security &amp; compliance, Governance &amp; accountability, Scalability &amp; elasticity/,
    );
    expect(summary).not.toMatch(/Low risk|Medium risk/);
    const flag = await t.db.selectFrom('red_flags').selectAll().where('interview_id', '=', id).where('rule', '=', 'incomplete-vetting').executeTakeFirstOrThrow();
    expect(flag).toMatchObject({ severity: 'high', status: 'open' });
    expect(flag.message).toContain('not examined at all: Security & compliance, Governance & accountability, Scalability & elasticity');

    const line = (texts: string[], vendor: string) => texts.find((x) => x.startsWith(`*${vendor}*`))!;
    const list = sectionTexts(await command('list'));
    expect(line(list, 'Quickco')).toContain(':warning: *Incomplete*');
    // Acme Dev evidenced its whole quick screen: a screen, rated medium at best, never called complete.
    expect(line(list, 'Acme Dev')).toContain(TIER.medium);
    expect(line(list, 'Acme Dev')).toContain(':mag: *Screen*');
    expect(line(list, 'Acme Dev')).not.toContain('Incomplete');
    // Worst first: the incomplete vetting is listed above the complete one.
    expect(list.indexOf(line(list, 'Quickco'))).toBeLessThan(list.indexOf(line(list, 'Acme Dev')));

    const compared = await command('compare "Acme Dev" Quickco');
    const table = sectionTexts(compared)[1]!.split('\n');
    // Acme Dev gave its SOC 2 date but nobody read the report: 99, still the best.
    expect(table.find((l) => l.startsWith('Overall'))).toMatch(/^Overall\s+\d+ ★\s+\d+\s*$/);
    // Both were quick screens; Quickco's is incomplete too.
    expect(table.find((l) => l.startsWith('Vetting'))).toMatch(/^Vetting\s+SCREEN\s+SCREEN,INCOMP\s*$/);
    expect(contextTexts(compared).join('\n')).toContain("Quickco's vetting is incomplete");

    expect(line(sectionTexts(await openHome(ALICE)), 'Quickco')).toContain(':warning: *Incomplete*');

    await command('report Quickco');
    expect(t.fake.uploads.at(-1)!.content).toMatch(/\*\*Incomplete vetting\*\*: \d+% of the weighted questions answered \(80% needed\); not examined at all: Security & compliance/);

    await command('digest now');
    const digest = t.fake
      .messages({ channel: CHANNEL })
      .filter((m) => allText(m).includes('Red-flag digest'))
      .at(-1)!;
    expect(sectionTexts(digest).find((x) => x.startsWith('*Quickco*'))).toContain(':warning: *Incomplete*');
  });

  it('treats facts as claims: no evidence counts as Specific, differing values count the most cautious, and a current ISO 27001 certificate stands in for SOC 2', async () => {
    t = await startTestApp();
    const parent = await startInterview('Factco --model agency --lite', ALICE, [BOB]);
    const summary = await drive(
      parent,
      answering({
        by: ALICE,
        level: 3,
        evidence: 'shown',
        only: {
          // A current ISO 27001 certificate, shown; no SOC 2 report.
          'iso27001-certificate': [SHOWN(ALICE), { by: ALICE, click: 'vet.fact.date', value: '2027-09-30' }],
          'soc2-report-period-end': [{ by: ALICE, click: 'vet.fact.none' }],
          // 24 hours on the vendor's word, then Bob records the 96 hours the contract says.
          'breach-notification-hours': [
            { by: ALICE, modal: 'vet.fact.open', values: { number: '24' } },
            { by: BOB, modal: 'vet.fact.open', values: { number: '96' } },
          ],
        },
      }),
    );
    expect(summary).not.toBeNull();
    const { id } = await interviewOf(parent);
    const flags = (await t.db.selectFrom('red_flags').select(['rule', 'question_id']).where('interview_id', '=', id).execute()).map((f) => `${f.rule}@${f.question_id}`);
    expect(flags.sort()).toEqual(['breach-notification-slow@breach-notification-hours', 'evaluators-disagree@breach-notification-hours']);

    const questionMessage = (questionId: string) => allText(thread(parent).find((m) => isQuestion(m) && questionOf(m).questionId === questionId)!);
    expect(questionMessage('soc2-report-period-end')).toContain('*Counts as:* not applicable: ISO 27001 certificate: validity and scope stands in for it');
    expect(questionMessage('breach-notification-hours')).toContain('evaluators recorded different values: the most cautious counts');
    expect(questionMessage('breach-notification-hours')).toContain('96 hours is above the limit of 72 hours: *counts as* Absent / refused');
    expect(allText(summary!)).toContain('Evaluators recorded different values for');
  });

  it("raises claim without evidence for a fact recorded on the vendor's word, and counts it as Specific", async () => {
    t = await startTestApp();
    const parent = await startInterview('Wordco --model agency --lite');
    const noEvidence = { 'breach-notification-hours': [{ by: ALICE, modal: 'vet.fact.open' as const, values: { number: '24' } }] };
    const summary = await drive(parent, answering({ by: ALICE, level: 3, evidence: 'shown', only: noEvidence }));
    const { id } = await interviewOf(parent);
    const rules = (await t.db.selectFrom('red_flags').select('rule').where('interview_id', '=', id).execute()).map((f) => f.rule);
    expect(rules).toEqual(['claim-without-evidence']);
    const q = allText(thread(parent).find((m) => isQuestion(m) && questionOf(m).questionId === 'breach-notification-hours')!);
    expect(q).toContain("*Counts as:* Specific (the vendor's word until evidence is shown)");
    expect(allText(summary!)).toContain('was given as 24 hours but no evidence was shown');
  });
});
