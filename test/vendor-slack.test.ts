// End to end: the vendor answers in its own Slack Connect channel while the evaluation stays ours (issue 21). Signed
// requests and events to the real Bolt app, a real database, and the Slack stand-in with a channel shared with
// another organisation and a person of that organisation (Vera of Acme).
import { WebClient } from '@slack/web-api';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { createFlows } from '../src/wiring.js';
import { createVendorChase } from '../src/slack/vendorDelivery.js';
import { createDigestPoster } from '../src/slack/digestPoster.js';
import { listAnswers } from '../src/store/answers.js';
import { listAudit } from '../src/store/audit.js';
import { listItems } from '../src/store/evidence.js';
import { listFlags } from '../src/store/flags.js';
import { listNotes } from '../src/store/notes.js';
import { listVendorAnswers } from '../src/store/vendorChannel.js';
import { actionIds, allText, isQuestion, mrkdwnTexts } from './support/blocks.js';
import type { FakeMessage } from './support/fakeSlack.js';
import { mention } from './support/slackClient.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { until } from './support/wait.js';
import { createStore } from '../src/store/store.js';

const CHANNEL = 'C0VET';
const SHARED = 'C0ACMESHARED';
const SHARED_ARG = `<#${SHARED}|acme-shared>`;
const LEAD = 'U0ALICE';
const BOB = 'U0BOB';
const VERA = 'U0VERA';
const ACME_TEAM = 'T0ACME';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

async function open(): Promise<void> {
  t = await startTestApp();
  t.fake.setChannel(SHARED, { isPrivate: false, botIsMember: true, shared: true, members: [LEAD, VERA] });
  t.fake.setUser(VERA, { teamId: ACME_TEAM, realName: 'Vera Vendor' });
  t.fake.setUser(LEAD, { realName: 'Alice Lead' });
  t.fake.setUser(BOB, { realName: 'Bob Builder' });
}

const parentOf = (channel: string) =>
  t.fake
    .messages({ channel })
    .filter((m) => !m.thread_ts)
    .at(-1);
const ourThread = (parent: FakeMessage) => t.fake.messages({ channel: CHANNEL, thread_ts: parent.ts });
const vendorThread = () => {
  const parent = parentOf(SHARED);
  return parent ? t.fake.messages({ channel: SHARED, thread_ts: parent.ts }) : [];
};
/** The questions put to the vendor: they carry the "We'll come back to this" button, or are marked answered / put aside. */
const vendorQuestions = () => vendorThread().filter((m) => /^Q\d+: /.test(m.text ?? ''));
const messageNow = (channel: string, ts: string) => t.fake.messages({ channel }).find((m) => m.ts === ts)!;

async function interviewId(parent: FakeMessage): Promise<number> {
  return (await t.db.selectFrom('interviews').select('id').where('thread_ts', '=', parent.ts).executeTakeFirstOrThrow()).id;
}

/** `/vet <text>` in our channel, resolving to the ephemeral answers it brought. */
async function command(text: string, opts: { userId?: string; channelId?: string; userTeamId?: string } = {}): Promise<any> {
  const before = t.fake.responses.length;
  expect((await t.slack.command(text, { userId: opts.userId ?? LEAD, channelId: opts.channelId ?? CHANNEL, ...(opts.userTeamId && { userTeamId: opts.userTeamId }) })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.responses.length > before);
  return t.fake.responses.at(-1)!.body;
}

/** Starts a vetting of Acme here, asking the vendor in #acme-shared; resolves once the vendor has its first question. */
async function start(extra = ''): Promise<FakeMessage> {
  expect((await t.slack.command(`start Acme --lite --vendor-channel ${SHARED_ARG} ${extra}`.trim(), { userId: LEAD, channelId: CHANNEL })).status).toBe(200);
  await until(
    async () => vendorQuestions(),
    (q) => q.length === 1,
    'the first question in the vendor thread',
  );
  const parent = parentOf(CHANNEL)!;
  const id = await interviewId(parent);
  await until(
    () => t.db.selectFrom('vendor_questions').select('message_ts').where('interview_id', '=', id).execute(),
    (r) => r.length === 1 && r[0]!.message_ts !== null,
    'the vendor question ts',
  );
  await until(
    () => t.db.selectFrom('interview_questions').select('message_ts').where('interview_id', '=', id).execute(),
    (r) => r.every((x) => x.message_ts !== null),
    'our question ts',
  );
  await until(
    async () => ourThread(parent).filter(isQuestion).at(-1),
    (q) => q !== undefined && actionIds(q).includes('vet.vendor.ask'),
    'the Ask the vendor button',
  );
  return parent;
}

let counter = 0;
const nextTs = () => `1800000000.${String(++counter).padStart(6, '0')}`;

/** Vera writes in the vendor thread, as Slack sends the event (her team named in user_team). */
function veraSays(text: string, extra: Record<string, unknown> = {}) {
  const parent = parentOf(SHARED)!;
  return t.slack.event({ type: 'message', channel: SHARED, channel_type: 'channel', user: VERA, user_team: ACME_TEAM, text, ts: nextTs(), thread_ts: parent.ts, ...extra });
}

function veraFile(name: string, text = '') {
  const ts = nextTs();
  const file = { id: `F${ts.slice(-4)}`, name, title: name, filetype: 'pdf', mimetype: 'application/pdf', user: VERA, permalink: `https://fake.slack.test/files/${VERA}/F${ts.slice(-4)}/${name}` };
  return { ts, send: () => veraSays(text, { subtype: 'file_share', upload: true, files: [file], ts }) };
}

const mirrors = (parent: FakeMessage) => ourThread(parent).filter((m) => (m.text ?? '').startsWith('Acme answered'));
const receipts = (parent: FakeMessage) => ourThread(parent).filter((m) => (m.text ?? '').startsWith('Evidence shared for'));

/** Every payload the bot sent into the vendor channel: posts, updates and ephemerals. */
function sentToVendor(): string[] {
  return t.fake.calls.filter((c) => c.params.channel === SHARED && c.method.startsWith('chat.')).map((c) => `${c.params.text ?? ''}\n${JSON.stringify(c.params.blocks ?? [])}`);
}

function scheduler() {
  const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: t.fake.apiUrl });
  if (!config.ok) throw new Error(config.errors.join());
  const channels = { privacy: async (ids: readonly string[]) => new Map(ids.map((id) => [id, 'public' as const])), shared: async (c: string) => c === SHARED };
  const flows = createFlows(config.config, { store: createStore(t.db), bank: STANDARD_BANK, clock: t.clock, channels });
  const client = new WebClient('xoxb-test-token', { slackApiUrl: t.fake.apiUrl, retryConfig: { retries: 0 } });
  return { flows, chase: () => flows.vendor.chase(createVendorChase(client, flows.vendor)), digest: () => flows.digest.tick(createDigestPoster(client)) };
}

describe('starting with a vendor channel', () => {
  it('refuses a channel not shared with another organisation, or one vet is not in, and starts nothing', async () => {
    await open();
    t.fake.setChannel('C0INTERNAL', { isPrivate: false, botIsMember: true });
    const notShared = await command('start Acme --vendor-channel <#C0INTERNAL|internal>');
    expect(notShared.text).toContain('is not shared with another organisation');
    expect(notShared.text).toContain("Share it with the vendor from Slack's side first");
    expect(notShared.text).toContain('Nothing was started.');

    t.fake.setChannel(SHARED, { isPrivate: false, botIsMember: false, shared: true });
    const notIn = await command(`start Acme --vendor-channel ${SHARED_ARG}`);
    expect(notIn.text).toContain('/invite @vet');
    expect(notIn.text).toContain('Nothing was started.');

    const same = await command(`start Acme --vendor-channel <#${CHANNEL}|vetting>`);
    expect(same.text).toContain('must be another channel than this one');

    expect(await t.db.selectFrom('interviews').select('id').execute()).toEqual([]);
    expect(t.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('asks the vendor one question at a time in its thread: title, scenario and what to show, nothing of the evaluation', async () => {
    await open();
    const parent = await start(`--with ${mention(BOB)}`);
    const vendorParent = parentOf(SHARED)!;
    expect(vendorParent.text).toBe('Fake is asking Acme these questions; answer each in this thread.');
    const [q1] = vendorQuestions();
    const ours = ourThread(parent).filter(isQuestion)[0]!;
    const question = STANDARD_BANK.questions.find((q) => ours.text!.includes(q.title))!;
    const text = allText(q1!);
    expect(text).toContain(question.title);
    for (const shown of question.evidence) expect(text).toContain(shown.replace(/&/g, '&amp;'));
    for (const point of question.matureAnswer) expect(text).not.toContain(point);
    for (const level of question.rubric) expect(text).not.toContain(level.label);
    for (const person of [LEAD, BOB]) expect(allText(vendorParent) + text).not.toContain(person);
    expect(actionIds(q1!)).toEqual(['vet.vendor.later']);
    // Our question carries the button to ask the vendor back.
    expect(actionIds(ours)).toContain('vet.vendor.ask');
  });
});

describe('the vendor answers in writing', () => {
  it("shows a reply and a file in the evaluators' thread, escaped, links by their address, judged for evaluators only; the file can be accepted", async () => {
    await open();
    const parent = await start(`--with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const shownBefore = t.fake.calls.length;
    expect((await veraSays('We follow best practices, usually &lt;!channel&gt; *always*.')).status).toBe(200);
    await until(
      async () => mirrors(parent),
      (m) => m.length === 1,
      'the answer in our thread',
    );
    const mirror = mirrors(parent)[0]!;
    const [head] = mrkdwnTexts(mirror).filter((x) => x.includes('answered in'));
    expect(head).toContain(`*Acme* answered in <#${SHARED}> (<@${VERA}>)`);
    // What the vendor typed arrives as text, never as a ping or formatting in our channel.
    expect(head).toContain('&lt;!channel&gt;');
    expect(head).not.toContain('<!channel>');
    expect(head).not.toContain(' *always*');
    // The vague-answer judgement of the vendor's own words, in our thread only.
    expect(allText(mirror)).toContain('In writing, vague');
    expect(sentToVendor().join('\n')).not.toContain('vague');
    // Kept with the person, their organisation and the time, in the audit log too.
    expect(await listVendorAnswers(t.db, id)).toMatchObject([{ userId: VERA, teamId: ACME_TEAM, text: expect.stringContaining('We follow best practices') }]);
    expect((await listAudit(t.db, id)).some((e) => e.action === 'vendor.answered' && e.actor === VERA)).toBe(true);
    // Answered: the next question comes to the vendor, and the first loses its button.
    await until(
      async () => vendorQuestions(),
      (q) => q.length === 2,
      'the second question',
    );
    await until(
      async () => actionIds(messageNow(SHARED, vendorQuestions()[0]!.ts)),
      (a) => a.length === 0,
      'the first question marked answered',
    );
    expect(t.fake.calls.length).toBeGreaterThan(shownBefore);

    // A file for question 1, named by its number in the vendor thread.
    const file = veraFile('soc2-report.pdf', 'Q1: the report');
    await file.send();
    await until(
      async () => receipts(parent),
      (r) => r.length === 1,
      'the receipt',
    );
    const receipt = receipts(parent)[0]!;
    expect(actionIds(receipt)).toEqual(['vet.evitem.accept', 'vet.evitem.reject']);
    expect(allText(receipt)).toContain('soc2-report.pdf');
    await until(
      () => listItems(t.db, id),
      (items) => items.length === 1 && items[0]!.replyTs !== null,
      'the receipt remembered',
    );
    expect((await t.slack.click(messageNow(CHANNEL, receipt.ts), { actionId: 'vet.evitem.accept' }, { userId: BOB })).status).toBe(200);
    await until(
      () => listItems(t.db, id),
      (items) => items[0]!.verdict === 'accepted',
      'the verdict',
    );
    const answers = await listAnswers(t.db, id);
    expect(answers.find((a) => a.evaluatorId === BOB)).toMatchObject({ evidence: 'shown' });
    // Nothing of the verdict reaches the vendor.
    expect(sentToVendor().join('\n')).not.toMatch(/Accepted as evidence|accepted/i);

    // A link is shown by its real address, whatever its label says, and is evidence too.
    await veraSays('Q1: our policy is <https://evil.example/x|https://acme.example/policy>');
    await until(
      async () => mirrors(parent),
      (m) => m.length === 3,
      'the third answer',
    );
    const linked = mrkdwnTexts(mirrors(parent)[2]!).join('\n');
    expect(linked).toContain('<https://evil.example/x>');
    expect(linked).not.toContain('|https://acme.example/policy>');
    await until(
      async () => receipts(parent),
      (r) => r.length === 2,
      'the link receipt',
    );

    // The reports say how each answer came, and list the vendor's files.
    await command('report Acme');
    await t.fake.waitFor(() => t.fake.uploads.length > 0);
    const markdown = t.fake.uploads.at(-1)!.content;
    expect(markdown).toContain(`- The vendor answered in writing in its own channel ${SHARED} (Slack Connect): 3 message(s)`);
    expect(markdown).toContain('- Answered: in writing from the vendor');
    expect(markdown).toContain(`- In writing from the vendor, by ${VERA} (team ${ACME_TEAM}), 2026-11-22 10:00: We follow best practices, usually \\<!channel\\> *always*.`);
    expect(markdown).toContain("## The vendor's files");
    expect(markdown).toContain('file "soc2-report.pdf" (pdf)');
    await command('report Acme --csv');
    await t.fake.waitFor(() => t.fake.uploads.length > 1);
    const csv = t.fake.uploads.at(-1)!.content;
    expect(csv.split('\r\n')[0]).toContain('updated_at,answered,vendor_answers,evidence_state');
    expect(csv).toContain('in writing from the vendor');
    expect(csv).toContain('seen in the call');
  });

  it("moves on with We'll come back to this, and the vendor answers it later with its number", async () => {
    await open();
    await start();
    const [q1] = vendorQuestions();
    expect((await t.slack.click(q1!, { actionId: 'vet.vendor.later' }, { userId: VERA, userTeamId: ACME_TEAM })).status).toBe(200);
    await until(
      async () => vendorQuestions(),
      (q) => q.length === 2,
      'the second question',
    );
    expect(allText(messageNow(SHARED, q1!.ts))).toContain('Put aside for later');
    // The button is gone; a click from a screen that still shows it changes nothing and says how to answer later.
    expect(actionIds(messageNow(SHARED, q1!.ts))).toEqual([]);
    const told = t.fake.ephemerals.length;
    await t.slack.click(q1!, { actionId: 'vet.vendor.later' }, { userId: VERA, userTeamId: ACME_TEAM });
    await t.fake.waitFor(() => t.fake.ephemerals.length > told);
    expect(t.fake.ephemerals.at(-1)!.text).toContain('Q2:');
    expect(vendorQuestions()).toHaveLength(2);
    // Answered later by its number: kept on question 1, and no third question comes (question 2 is still open).
    await veraSays('Q1: we rotate keys every 90 days with Vault');
    await until(
      () => t.db.selectFrom('vendor_questions').select(['position', 'status']).orderBy('position').execute(),
      (r) => r[0]!.status === 'answered',
      'question 1 answered',
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(vendorQuestions()).toHaveLength(2);
  });
});

describe('asking back', () => {
  it('posts what an evaluator asks in the vendor thread, without their name', async () => {
    await open();
    const parent = await start();
    const ours = ourThread(parent).filter(isQuestion)[0]!;
    const views = t.fake.views.length;
    await t.slack.click(ours, { actionId: 'vet.vendor.ask' }, { userId: LEAD });
    await t.fake.waitFor(() => t.fake.views.length > views);
    const modal = t.fake.views.at(-1)!;
    expect(modal.view.title.text).toBe('Ask the vendor');
    // An empty question is refused in the modal.
    expect((await t.slack.submitView(modal.view, { ask: '  ' }, { userId: LEAD, viewId: modal.id })).json()).toMatchObject({ response_action: 'errors' });
    const before = vendorThread().length;
    expect((await t.slack.submitView(modal.view, { ask: 'Which tool runs the pipeline <@U0X>?' }, { userId: LEAD, viewId: modal.id })).json()).toBeUndefined();
    await until(
      async () => vendorThread(),
      (m) => m.length > before,
      'the question in the vendor thread',
    );
    const asked = vendorThread().at(-1)!;
    expect(allText(asked)).toContain('Which tool runs the pipeline &lt;@U0X&gt;?');
    expect(allText(asked)).not.toContain(LEAD);
    expect(mrkdwnTexts(asked).join('\n')).not.toContain('<@');
    // A refusal for someone who is no evaluator.
    const told = t.fake.ephemerals.length;
    await t.slack.click(ours, { actionId: 'vet.vendor.ask' }, { userId: 'U0MALLORY' });
    await t.fake.waitFor(() => t.fake.ephemerals.length > told);
    expect(t.fake.ephemerals.at(-1)!.text).toContain('Only the named evaluators');
  });

  it('posts an evidence request with a vendor contact in the vendor thread and chases it there on its due date', async () => {
    await open();
    const parent = await start();
    const ours = ourThread(parent).filter(isQuestion)[0]!;
    const views = t.fake.views.length;
    await t.slack.click(ours, { actionId: 'vet.evreq.open' }, { userId: LEAD });
    await t.fake.waitFor(() => t.fake.views.length > views);
    const modal = t.fake.views.at(-1)!;
    const before = vendorThread().length;
    const saved = await t.slack.submitView(modal.view, { asked: 'The last three review threads', chaser: LEAD, due: '2026-11-30', contact: 'Vera, security lead' }, { userId: LEAD, viewId: modal.id });
    expect(saved.json()).toBeUndefined();
    await until(
      async () => vendorThread(),
      (m) => m.length > before,
      'the request in the vendor thread',
    );
    const request = vendorThread().at(-1)!;
    expect(allText(request)).toContain('Evidence requested');
    expect(allText(request)).toContain('The last three review threads');
    expect(allText(request)).toContain('30 Nov 2026');
    expect(allText(request)).not.toContain(LEAD);

    const s = scheduler();
    t.clock.set('2026-11-29T10:00:00Z');
    expect((await s.chase()).chased).toEqual([]);
    t.clock.set('2026-11-30T09:30:00Z');
    expect((await s.chase()).chased).toHaveLength(1);
    const reminder = vendorThread().at(-1)!;
    expect(allText(reminder)).toContain('Reminder: evidence requested');
    expect(allText(reminder)).toContain('due today');
    // Once per reminder day, whatever the ticks.
    expect((await s.chase()).chased).toEqual([]);
  });
});

describe('someone of another organisation', () => {
  it('gets one line for any command and on the Home tab, and no command runs in the vendor channel', async () => {
    await open();
    await start();
    const line = 'vet is the vendor-vetting assistant of the team that uses it; if you are answering their questions in a shared channel, your answers go to the team that asked.';
    for (const text of ['help', 'list', 'status Acme', 'report Acme', 'flags Acme', 'evidence Acme']) {
      expect((await command(text, { userId: VERA, userTeamId: ACME_TEAM, channelId: SHARED })).text, text).toBe(line);
    }
    await t.slack.event({ type: 'app_home_opened', user: VERA, channel: 'D0VERA', tab: 'home' });
    await until(
      async () => t.fake.homeFor(VERA),
      (h) => h !== null,
      'the home tab',
    );
    expect(allText(t.fake.homeFor(VERA))).toContain(line);
    expect(allText(t.fake.homeFor(VERA))).not.toContain('Acme');
    // Our own people cannot post a digest or list vettings from the vendor's channel either.
    for (const text of ['digest now', 'list', 'compare Acme Globex']) {
      expect((await command(text, { channelId: SHARED })).text, text).toContain("vendor's shared channel");
    }
  });
});

describe('nothing of the evaluation reaches the vendor channel', () => {
  type Step = { kind: 'rate'; level: number; who: 0 | 1 } | { kind: 'note'; n: number } | { kind: 'vendor'; n: number } | { kind: 'later' } | { kind: 'ask'; n: number };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('rate' as const), level: fc.integer({ min: 0, max: 3 }), who: fc.constantFrom(0 as const, 1 as const) }),
    fc.record({ kind: fc.constant('note' as const), n: fc.nat(99) }),
    fc.record({ kind: fc.constant('vendor' as const), n: fc.nat(99) }),
    fc.record({ kind: fc.constant('later' as const) }),
    fc.record({ kind: fc.constant('ask' as const), n: fc.nat(99) }),
  );

  it('whatever is rated, noted, flagged, digested or summarised', async () => {
    let previous: TestApp | null = null;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 8 }), async (steps) => {
        // Each run on a fresh app; the last one is closed by afterEach.
        await previous?.close();
        await open();
        previous = t;
        {
          const parent = await start(`--with ${mention(BOB)}`);
          const id = await interviewId(parent);
          const notes: string[] = [];
          for (const s of steps) {
            const ours = ourThread(parent).filter(isQuestion).at(-1)!;
            if (s.kind === 'rate') {
              const who = [LEAD, BOB][s.who]!;
              const questionId = String(ours.blocks!.find((x: any) => x.type === 'actions').block_id).split('|')[2];
              await t.slack.click(messageNow(CHANNEL, ours.ts), { actionId: `vet.rate.${s.level}` }, { userId: who });
              await until(
                () => listAnswers(t.db, id),
                (as) => as.some((x) => x.evaluatorId === who && x.questionId === questionId && x.level === s.level),
                'the rating',
                15_000,
              );
              // Two ratings move our thread on: its next question is posted and remembered before the next step.
              await until(
                () => t.db.selectFrom('interview_questions').select('message_ts').where('interview_id', '=', id).execute(),
                (r) => r.every((x) => x.message_ts !== null),
                'our next question',
                15_000,
              );
            } else if (s.kind === 'note') {
              const text = `Evaluator note ${s.n}: they could not show reviews`;
              notes.push(text);
              const before = (await listNotes(t.db, id)).length;
              await t.slack.event({ type: 'message', channel: CHANNEL, channel_type: 'channel', user: LEAD, text, ts: nextTs(), thread_ts: parent.ts });
              await until(
                () => listNotes(t.db, id),
                (n) => n.length > before,
                'the note',
                15_000,
              );
            } else if (s.kind === 'vendor') {
              const before = mirrors(parent).length;
              await veraSays(`Our answer ${s.n}: GitHub Actions runs every pull request`);
              await until(
                async () => mirrors(parent),
                (m) => m.length > before,
                'the mirror',
                15_000,
              );
              // The next question, if any, is posted and remembered before the vendor goes on.
              await until(
                () => t.db.selectFrom('vendor_questions').select('message_ts').where('interview_id', '=', id).execute(),
                (r) => r.every((x) => x.message_ts !== null),
                'the next question',
                15_000,
              );
            } else if (s.kind === 'later') {
              const current = vendorQuestions().at(-1)!;
              if (actionIds(current).includes('vet.vendor.later')) {
                const before = vendorThread().length;
                await t.slack.click(current, { actionId: 'vet.vendor.later' }, { userId: VERA, userTeamId: ACME_TEAM });
                await until(
                  async () => vendorThread().length,
                  (n) => n > before,
                  'what comes after',
                  15_000,
                );
                await until(
                  () => t.db.selectFrom('vendor_questions').select('message_ts').where('interview_id', '=', id).execute(),
                  (r) => r.every((x) => x.message_ts !== null),
                  'the next question',
                  15_000,
                );
              }
            } else {
              const views = t.fake.views.length;
              await t.slack.click(ours, { actionId: 'vet.vendor.ask' }, { userId: BOB });
              await t.fake.waitFor(() => t.fake.views.length > views);
              const modal = t.fake.views.at(-1)!;
              const before = vendorThread().length;
              await t.slack.submitView(modal.view, { ask: `Please walk us through release ${s.n}` }, { userId: BOB, viewId: modal.id });
              await until(
                async () => vendorThread().length,
                (n) => n > before,
                'the question asked back',
                15_000,
              );
            }
          }
          await command('finish Acme');
          await until(
            () => t.db.selectFrom('interviews').select('summary_ts').where('id', '=', id).executeTakeFirstOrThrow(),
            (r) => r.summary_ts !== null,
            'the summary',
          );
          await command('digest now');
          await command('digest now', { channelId: SHARED });
          t.clock.set('2026-11-30T09:30:00Z');
          await scheduler().digest();
          await new Promise((r) => setTimeout(r, 100));

          const flags = await listFlags(t.db, id);
          const safe = sentToVendor().join('\n');
          // Whatever the vendor was shown of its own questions may repeat a word; the evaluation's own text may not.
          const questions = STANDARD_BANK.questions;
          const vendorVisible = questions.map((q) => `${q.title} ${q.prompt} ${q.evidence.join(' ')}`).join(' ');
          const forbidden = [
            LEAD,
            BOB,
            'Alice Lead',
            'Bob Builder',
            ...notes,
            ...questions.flatMap((q) => q.rubric.map((l) => l.label)).filter((l) => !vendorVisible.includes(l)),
            ...questions.flatMap((q) => q.matureAnswer),
            ...flags.map((f) => f.message),
            'Low risk',
            'Medium risk',
            'High risk',
            'Critical risk',
            '/100',
            'Overall',
            'red flag',
            'Vague',
            'vague',
          ];
          for (const f of forbidden) expect(safe.includes(f), `the vendor channel received ${JSON.stringify(f)}`).toBe(false);
          expect(t.fake.messages({ channel: SHARED }).filter((m) => !m.thread_ts)).toHaveLength(1);
        }
      }),
      { numRuns: 4 },
    );
  }, 120_000);
});
