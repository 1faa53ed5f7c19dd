// End to end: evidence that is chased until it is seen. Signed requests and events to the real Bolt app, a real
// database (SQLite, or PostgreSQL in the postgres project), the Slack stand-in recording every Web API call, and an
// injected clock for due dates, reminders and the overdue flag.
import { WebClient } from '@slack/web-api';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createInterviewFlow } from '../src/flows/interview.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { createFlows, type Flows } from '../src/wiring.js';
import { createChaserStanding, createEvidenceDelivery } from '../src/slack/delivery.js';
import { createPeople } from '../src/slack/actor.js';
import { createChannelDirectory, createViewers } from '../src/slack/viewer.js';
import { listAnswers } from '../src/store/answers.js';
import { engineOf } from '../src/store/dialect.js';
import { listAudit } from '../src/store/audit.js';
import { listItems, listReminders, listRequests } from '../src/store/evidence.js';
import { listFlags } from '../src/store/flags.js';
import { deleteInterview } from '../src/store/interviews.js';
import { listNotes } from '../src/store/notes.js';
import { actionIds, allText, elements, isQuestion, mrkdwnTexts } from './support/blocks.js';
import type { ClickTarget } from './support/slackClient.js';
import type { FakeMessage } from './support/fakeSlack.js';
import { memoryLogger, startTestApp, type TestApp } from './support/testApp.js';
import { until } from './support/wait.js';
import { mention } from './support/slackClient.js';
import { createStore } from '../src/store/store.js';

const CHANNEL = 'C0VET';
const LEAD = 'U0ALICE';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';
const OUTSIDER = 'U0MALLORY';
/** A vet admin (VET_ADMINS) who is no evaluator of the vettings below. */
const ADMIN = 'U0ADMIN';
/** A Slack Connect user of the vendor's own organisation. */
const VENDOR = 'U0VENDOR';
const VENDOR_TEAM = 'T0VENDOR';

const title = (questionId: string) => STANDARD_BANK.questions.find((q) => q.id === questionId)!.title;

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const postCount = () => t.fake.callsTo('chat.postMessage').length;
const thread = (parent: FakeMessage) => t.fake.messages({ channel: CHANNEL, thread_ts: parent.ts });
const questions = (parent: FakeMessage) => thread(parent).filter(isQuestion);
const currentQuestion = (parent: FakeMessage) => questions(parent).at(-1)!;
const messageNow = (ts: string) => t.fake.messages().find((m) => m.ts === ts)!;
/** The bot's answers under shared files and links: they carry the Accept / Not sufficient buttons or verdicts. */
const receipts = (parent: FakeMessage) => thread(parent).filter((m) => (m.text ?? '').startsWith('Evidence shared for'));

async function interviewId(parent: FakeMessage): Promise<number> {
  return (await t.db.selectFrom('interviews').select('id').where('thread_ts', '=', parent.ts).executeTakeFirstOrThrow()).id;
}

async function start(text: string, channel = CHANNEL): Promise<FakeMessage> {
  const before = postCount();
  expect((await t.slack.command(`start ${text}`, { userId: LEAD, channelId: channel })).status).toBe(200);
  await t.fake.waitFor(() => postCount() >= before + 2);
  const parent = t.fake
    .messages({ channel })
    .filter((m) => !m.thread_ts)
    .at(-1)!;
  // The bot stores the question message's ts right after posting it.
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

/** Clicks a control and waits until the message it was on was updated. */
async function click(m: FakeMessage, actionId: string, userId: string, value?: string): Promise<void> {
  const updates = messageNow(m.ts).updates;
  expect((await t.slack.click(messageNow(m.ts), { actionId }, { userId, ...(value !== undefined && { value }) })).status).toBe(200);
  await t.fake.waitFor(() => messageNow(m.ts).updates > updates);
}

/** "Evidence shown": its modal asks what was seen; waits until the question message was updated. */
async function showEvidence(m: FakeMessage, userId: string, seen: string): Promise<void> {
  const modal = await openModal(m, 'vet.evidence.shown', userId);
  const updates = messageNow(m.ts).updates;
  expect((await t.slack.submitView(modal.view, { seen }, { userId, viewId: modal.id })).json()).toBeUndefined();
  await t.fake.waitFor(() => messageNow(m.ts).updates > updates);
}

/** Clicks a control that should be refused; resolves to the ephemeral answer, where the person clicked. */
async function refused(m: FakeMessage, actionId: string, userId: string, userTeamId?: string) {
  const told = t.fake.ephemerals.length;
  expect((await t.slack.click(messageNow(m.ts), { actionId }, { userId, ...(userTeamId && { userTeamId }) })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.ephemerals.length > told);
  return t.fake.ephemerals.at(-1)!;
}

/** Clicks a button that opens a modal and resolves to it. */
async function openModal(m: FakeMessage, actionId: string, userId: string) {
  const views = t.fake.views.length;
  expect((await t.slack.click(messageNow(m.ts), { actionId }, { userId })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.views.length > views);
  return t.fake.views.at(-1)!;
}

let messageCounter = 0;
const nextTs = () => `1800000000.${String(++messageCounter).padStart(6, '0')}`;

/** A file shared in the thread, as Slack sends the message event (with the file object, never its contents). */
function fileEvent(parent: FakeMessage, user: string, file: { id: string; name: string; filetype: string }, text = '', userTeam?: string) {
  return {
    type: 'message',
    subtype: 'file_share',
    channel: CHANNEL,
    channel_type: 'channel',
    user,
    ...(userTeam && { user_team: userTeam }),
    text,
    ts: nextTs(),
    thread_ts: parent.ts,
    upload: true,
    files: [
      {
        id: file.id,
        name: file.name,
        title: file.name,
        filetype: file.filetype,
        mimetype: 'application/octet-stream',
        user,
        url_private: `https://files.fake.slack.test/files-pri/T0FAKE-${file.id}/${file.name}`,
        permalink: `https://fake.slack.test/files/${user}/${file.id}/${file.name}`,
      },
    ],
  };
}

/** Sends a thread reply event and waits for the bot's answer under it (a receipt) to be posted. */
async function share(parent: FakeMessage, event: Record<string, unknown>): Promise<FakeMessage> {
  const before = receipts(parent).length;
  expect((await t.slack.event(event)).status).toBe(200);
  await t.fake.waitFor(() => receipts(parent).length > before);
  const receipt = receipts(parent).at(-1)!;
  // The bot remembers its answer right after Slack took it.
  await until(
    () => t.db.selectFrom('evidence_items').select('reply_ts').where('source_ts', '=', String(event.ts)).execute(),
    (r) => r.every((x) => x.reply_ts !== null),
    'the receipt to be remembered',
  );
  return receipt;
}

/** The score card as the bot computes it now (the interview flow over the same database). */
async function scorecard(parent: FakeMessage) {
  const flow = createInterviewFlow({ store: createStore(t.db), bank: STANDARD_BANK, clock: t.clock });
  const interview = (await flow.findByThread(CHANNEL, parent.ts))!;
  return (await flow.status(interview)).scorecard;
}

// ---------------------------------------------------------------------------------------------------------------

describe('a promised answer becomes a tracked request', () => {
  it("opens a request with the question's evidence items, the evaluator as chaser and a due date 14 days ahead, shown on the question", async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const q1 = currentQuestion(parent);
    await click(q1, 'vet.evidence.promised', BOB);

    const [request] = await listRequests(t.db, id);
    expect(request).toMatchObject({
      questionId: 'code-review-threads',
      chaserId: BOB,
      requestedBy: BOB,
      status: 'open',
      // 22 November 2026 + 14 days.
      dueOn: '2026-12-06',
      asked: STANDARD_BANK.questions.find((q) => q.id === 'code-review-threads')!.evidence.join('\n'),
      vendorContact: null,
    });
    const line = mrkdwnTexts(messageNow(q1.ts)).find((x) => x.includes('Evidence promised'))!;
    expect(line).toContain(`*Evidence promised*, due 6 Dec 2026, chased by <@${BOB}>`);
    expect(line).toContain('starting the reply with `Q1:`');
    expect(actionIds(messageNow(q1.ts))).toEqual(expect.arrayContaining(['vet.evreq.open', 'vet.evreq.withdraw']));

    // A double click, or Slack redelivering it, keeps one request.
    await t.slack.click(messageNow(q1.ts), { actionId: 'vet.evidence.promised' }, { userId: BOB });
    await t.slack.click(messageNow(q1.ts), { actionId: 'vet.evidence.promised' }, { userId: LEAD });
    await until(
      () => listAnswers(t.db, id),
      (a) => a.some((x) => x.evaluatorId === LEAD && x.evidence === 'promised'),
      "the lead's mark",
    );
    expect(await listRequests(t.db, id)).toHaveLength(1);
    expect((await listAudit(t.db, id)).filter((e) => e.action === 'evidence.requested')).toHaveLength(1);
  });

  it('lets an evaluator change what is asked, who chases and by when, refusing a past date and a chaser from another organisation', async () => {
    t = await startTestApp();
    t.fake.setUser(VENDOR, { teamId: VENDOR_TEAM, realName: 'Vera Vendor' });
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const q1 = currentQuestion(parent);

    // An outsider is refused where they clicked, and no modal opens.
    const no = await refused(q1, 'vet.evreq.open', OUTSIDER);
    expect(no).toMatchObject({ channel: CHANNEL, user: OUTSIDER, thread_ts: parent.ts });
    expect(no.text).toContain(`can request evidence, accept it or find it not sufficient`);
    expect(t.fake.views).toHaveLength(0);

    const modal = await openModal(q1, 'vet.evreq.open', BOB);
    expect(modal.view.callback_id).toBe('vet.evreq.save');
    const field = (id: string) => modal.view.blocks.find((b: any) => b.block_id === id).element;
    expect(field('asked').initial_value).toContain('review threads');
    expect(field('chaser').initial_user).toBe(BOB);
    expect(field('due').initial_date).toBe('2026-12-06');

    const past = await t.slack.submitView(modal.view, { asked: '  ', due: '2026-11-01' }, { userId: BOB, viewId: modal.id });
    expect(past.json()).toEqual({
      response_action: 'errors',
      errors: { asked: 'Say what the vendor should show.', due: 'Pick today or a later date: a request due in the past would be overdue at once.' },
    });
    const outsider = await t.slack.submitView(modal.view, { chaser: VENDOR }, { userId: BOB, viewId: modal.id });
    expect(outsider.json()).toEqual({ response_action: 'errors', errors: { chaser: 'Vera Vendor is from another organisation: pick someone of your own team to chase it.' } });
    expect(await listRequests(t.db, id)).toEqual([]);

    const updates = messageNow(q1.ts).updates;
    const ok = await t.slack.submitView(
      modal.view,
      { asked: 'The last three merged PRs of the assigned team', chaser: CAROL, due: '2026-12-08', contact: 'Dana <Lee> *CTO*' },
      { userId: BOB, viewId: modal.id },
    );
    expect(ok.json()).toBeUndefined();
    await t.fake.waitFor(() => messageNow(q1.ts).updates > updates);
    expect(await listRequests(t.db, id)).toMatchObject([
      { asked: 'The last three merged PRs of the assigned team', chaserId: CAROL, dueOn: '2026-12-08', vendorContact: 'Dana <Lee> *CTO*', requestedBy: BOB },
    ]);
    const line = mrkdwnTexts(messageNow(q1.ts)).find((x) => x.includes('Evidence requested'))!;
    expect(line).toContain(`*Evidence requested*, due 8 Dec 2026, chased by <@${CAROL}>`);
    // The contact is shown as typed, never as a mention, a link or bold.
    expect(line).toContain('vendor contact: Dana &lt;Lee&gt; \u200B*\u200BCTO\u200B*\u200B');
  });
});

describe('evidence arrives in the thread', () => {
  it("attaches a file to the question a reply names, keeps an outsider's, refuses their verdict, and an evaluator's acceptance turns the evidence shown and the score up", async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const q1 = currentQuestion(parent);
    // "Evidenced" without evidence shown: capped at "Specific", with a claim-without-evidence flag.
    await click(q1, 'vet.evidence.promised', BOB);
    const posts = postCount();
    await t.slack.click(messageNow(q1.ts), { actionId: 'vet.rate.3' }, { userId: BOB });
    await t.fake.waitFor(() => postCount() > posts);
    let card = await scorecard(parent);
    expect(card.questions.find((r) => r.questionId === 'code-review-threads')).toMatchObject({ level: 2, capped: true, evidenceShown: false });
    expect(card.flags.map((f) => `${f.rule}|${f.questionId}`)).toContain('claim-without-evidence|code-review-threads');
    const before = card.overall.score ?? 0;
    expect(currentQuestion(parent).ts).not.toBe(q1.ts);

    // The vendor (another organisation, in a shared channel) shares the file on question 2's turn, naming question 1.
    const event = fileEvent(parent, VENDOR, { id: 'F0REVIEWS', name: 'review-threads.pdf', filetype: 'pdf' }, 'Q1: the three PR threads', VENDOR_TEAM);
    const receipt = await share(parent, event);
    const [item] = await listItems(t.db, id);
    expect(item).toMatchObject({
      questionId: 'code-review-threads',
      kind: 'file',
      fileId: 'F0REVIEWS',
      name: 'review-threads.pdf',
      fileType: 'pdf',
      url: 'https://fake.slack.test/files/U0VENDOR/F0REVIEWS/review-threads.pdf',
      sharedBy: VENDOR,
      byEvaluator: false,
      sourceTs: event.ts,
      comment: 'the three PR threads',
      verdict: null,
    });
    expect(receipt.text).toBe(`Evidence shared for Q1 · ${title('code-review-threads')}: review-threads.pdf`);
    expect(allText(receipt)).toContain(`shared by <@${VENDOR}> for *Q1 · `);
    expect(allText(receipt)).toContain('is not an evaluator of this vetting: it is kept, and an evaluator decides whether it counts');
    expect(actionIds(receipt)).toEqual(['vet.evitem.accept', 'vet.evitem.reject']);
    // Its comment is kept as a note on question 1, counting for nothing (the vendor is no evaluator).
    expect(await listNotes(t.db, id)).toMatchObject([{ questionId: 'code-review-threads', authorId: VENDOR, counts: false, text: 'the three PR threads' }]);
    // Nothing was downloaded: the bot never asked Slack for the file.
    expect(t.fake.calls.filter((c) => c.method.startsWith('files.'))).toEqual([]);
    // Question 1's message says a file is waiting.
    await t.fake.waitFor(() => allText(messageNow(q1.ts)).includes('*Evidence received:* 1 file or link to review in this thread'));

    // Redelivered, the event stores nothing twice and posts no second answer.
    await t.slack.event(event, { eventId: 'EvRedelivered' });
    await t.slack.event(event, { eventId: 'EvRedelivered', retryNum: 1 });
    await new Promise((r) => setTimeout(r, 150));
    expect(await listItems(t.db, id)).toHaveLength(1);
    expect(receipts(parent)).toHaveLength(1);

    // Neither the vendor nor an outsider may accept it; nothing changes.
    const vendorTry = await refused(receipt, 'vet.evitem.accept', VENDOR, VENDOR_TEAM);
    expect(vendorTry.text).toContain('another organisation');
    const outsiderTry = await refused(receipt, 'vet.evitem.accept', OUTSIDER);
    expect(outsiderTry).toMatchObject({ user: OUTSIDER, thread_ts: parent.ts });
    expect((await listItems(t.db, id))[0]!.verdict).toBeNull();

    // An evaluator accepts it: the answer's evidence is shown, the request fulfilled, the cap and the flag gone.
    await click(receipt, 'vet.evitem.accept', BOB);
    expect((await listItems(t.db, id))[0]).toMatchObject({ verdict: 'accepted', verdictBy: BOB });
    expect((await listAnswers(t.db, id)).find((a) => a.questionId === 'code-review-threads' && a.evaluatorId === BOB)).toMatchObject({ evidence: 'shown', level: 3 });
    expect((await listRequests(t.db, id))[0]).toMatchObject({ status: 'fulfilled', closedBy: BOB, fulfilledBy: item!.id });
    card = await scorecard(parent);
    expect(card.questions.find((r) => r.questionId === 'code-review-threads')).toMatchObject({ level: 3, capped: false, evidenceShown: true });
    expect(card.flags.map((f) => `${f.rule}|${f.questionId}`)).not.toContain('claim-without-evidence|code-review-threads');
    expect(card.overall.score).toBeGreaterThan(before);
    // The receipt shows the verdict instead of the buttons; question 1 says what was shown.
    expect(actionIds(messageNow(receipt.ts))).toEqual([]);
    expect(allText(messageNow(receipt.ts))).toContain(`Accepted as evidence by <@${BOB}> on 22 Nov 2026`);
    await t.fake.waitFor(() => allText(messageNow(q1.ts)).includes('*Evidence shown:* review-threads.pdf, accepted by'));
    // A second verdict (a button on a stale copy of the message, another instance) changes nothing.
    const told = t.fake.ephemerals.length;
    await t.slack.click(receipt, { actionId: 'vet.evitem.accept' }, { userId: LEAD });
    await t.fake.waitFor(() => t.fake.ephemerals.length > told);
    expect(t.fake.ephemerals.at(-1)!.text).toBe('That file was already accepted as evidence meanwhile; nothing was changed.');
    expect((await listItems(t.db, id))[0]).toMatchObject({ verdict: 'accepted', verdictBy: BOB });
  });

  it('attaches a file shared without a comment, and a link in a reply, to the question being asked', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    await share(parent, fileEvent(parent, BOB, { id: 'F0PLAIN', name: 'ci-config.yml', filetype: 'yaml' }));
    const link = {
      type: 'message',
      channel: CHANNEL,
      channel_type: 'channel',
      user: BOB,
      text: 'Their board: <https://jira.example/browse/ACME?x=1&amp;y=2|sprint board> and <@U0CAROL>',
      ts: nextTs(),
      thread_ts: parent.ts,
    };
    const receipt = await share(parent, link);
    expect(await listItems(t.db, id)).toMatchObject([
      { questionId: 'code-review-threads', kind: 'file', name: 'ci-config.yml', comment: null, byEvaluator: true },
      { questionId: 'code-review-threads', kind: 'link', url: 'https://jira.example/browse/ACME?x=1&y=2', name: 'sprint board', byEvaluator: true },
    ]);
    // Shown by its real address, the label beside it (a label that cannot pass for another address).
    expect(allText(receipt)).toContain('<https://jira.example/browse/ACME?x=1&amp;y=2|jira.example/browse/ACME> (“sprint board”)');
    // The reply's text is still the evaluator's note.
    expect((await listNotes(t.db, id)).map((n) => n.text)).toEqual(['Their board: <https://jira.example/browse/ACME?x=1&y=2|sprint board> and <@U0CAROL>']);
  });

  it('finds a file not sufficient only with a reason, says why in the thread, and keeps the request open', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const q1 = currentQuestion(parent);
    await click(q1, 'vet.evidence.promised', BOB);
    const receipt = await share(parent, fileEvent(parent, BOB, { id: 'F0SHOT', name: '<!channel> *screenshot*.png', filetype: 'png' }));
    // The file name is shown as named, never as a ping or bold.
    expect(mrkdwnTexts(receipt).join('\n')).not.toMatch(/<!channel>|[^\u200B]\*screenshot/);

    const modal = await openModal(receipt, 'vet.evitem.reject', LEAD);
    expect(modal.view.callback_id).toBe('vet.evitem.reject');
    const blank = await t.slack.submitView(modal.view, { reason: '  ' }, { userId: LEAD, viewId: modal.id });
    expect(blank.json()).toEqual({ response_action: 'errors', errors: { reason: 'Say what is missing, so the vendor knows what to send instead.' } });
    expect((await listItems(t.db, id))[0]!.verdict).toBeNull();

    const updates = messageNow(receipt.ts).updates;
    expect((await t.slack.submitView(modal.view, { reason: 'A screenshot of one PR, not the threads' }, { userId: LEAD, viewId: modal.id })).json()).toBeUndefined();
    await t.fake.waitFor(() => messageNow(receipt.ts).updates > updates);
    expect((await listItems(t.db, id))[0]).toMatchObject({ verdict: 'not_sufficient', verdictBy: LEAD, verdictReason: 'A screenshot of one PR, not the threads' });
    expect(allText(messageNow(receipt.ts))).toContain(`Not sufficient (<@${LEAD}>, 22 Nov 2026): A screenshot of one PR, not the threads`);
    expect((await listRequests(t.db, id))[0]!.status).toBe('open');
    await t.fake.waitFor(() => allText(messageNow(q1.ts)).includes('*Evidence shared was not sufficient*; still promised, due 6 Dec 2026'));
    // Nothing was shown: the answer's evidence is still as marked.
    expect((await listAnswers(t.db, id)).find((a) => a.evaluatorId === BOB)!.evidence).toBe('promised');
  });

  it('tells the writer when a reply names a question not asked, and records nothing', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const told = t.fake.ephemerals.length;
    await t.slack.event(fileEvent(parent, BOB, { id: 'F0X', name: 'x.pdf', filetype: 'pdf' }, 'Q9: the pen test'));
    await t.fake.waitFor(() => t.fake.ephemerals.length > told);
    expect(t.fake.ephemerals.at(-1)).toMatchObject({ user: BOB, thread_ts: parent.ts });
    expect(t.fake.ephemerals.at(-1)!.text).toBe(
      'Your reply names question 9, but only question 1 was asked; nothing was recorded. Share it again starting with the number shown on the question, e.g. Q1:',
    );
    expect(await listItems(t.db, id)).toEqual([]);
    expect(await listNotes(t.db, id)).toEqual([]);
  });
});

describe('withdrawing a request', () => {
  it('needs a reason, stops the chase and shows who withdrew it and why', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const q1 = currentQuestion(parent);
    await click(q1, 'vet.evidence.promised', BOB);
    const modal = await openModal(q1, 'vet.evreq.withdraw', LEAD);
    const blank = await t.slack.submitView(modal.view, { reason: ' ' }, { userId: LEAD, viewId: modal.id });
    expect(blank.json()).toEqual({ response_action: 'errors', errors: { reason: 'Say why the evidence is no longer needed (or will not come).' } });
    expect((await listRequests(t.db, id))[0]!.status).toBe('open');

    const updates = messageNow(q1.ts).updates;
    expect((await t.slack.submitView(modal.view, { reason: 'Reviewed the PRs live instead' }, { userId: LEAD, viewId: modal.id })).json()).toBeUndefined();
    await t.fake.waitFor(() => messageNow(q1.ts).updates > updates);
    expect((await listRequests(t.db, id))[0]).toMatchObject({ status: 'withdrawn', closedBy: LEAD, closeReason: 'Reviewed the PRs live instead' });
    expect(allText(messageNow(q1.ts))).toContain(`*Evidence request withdrawn* by <@${LEAD}>: Reviewed the PRs live instead`);
    expect(elements(messageNow(q1.ts)).find((e) => e.action_id === 'vet.evreq.open').text.text).toBe('Request evidence again');

    // The same modal submitted again (a second instance, a stale modal): already withdrawn, nothing changes.
    const again = await t.slack.submitView(modal.view, { reason: 'Twice' }, { userId: LEAD, viewId: modal.id });
    expect(again.json()).toEqual({ response_action: 'errors', errors: { reason: 'That request is no longer open (it was fulfilled or withdrawn meanwhile); nothing was changed.' } });
    expect((await listAudit(t.db, id)).filter((e) => e.action === 'evidence.withdrawn')).toHaveLength(1);

    // Asked again later: the request reopens on the new terms, and the audit log keeps both steps.
    const again2 = await openModal(q1, 'vet.evreq.open', BOB);
    expect(again2.view.title.text).toBe('Request evidence');
    const reopened = messageNow(q1.ts).updates;
    expect((await t.slack.submitView(again2.view, { due: '2026-12-20' }, { userId: BOB, viewId: again2.id })).json()).toBeUndefined();
    await t.fake.waitFor(() => messageNow(q1.ts).updates > reopened);
    expect(await listRequests(t.db, id)).toMatchObject([{ status: 'open', dueOn: '2026-12-20', chaserId: BOB, closedBy: null, closeReason: null }]);
    expect((await listAudit(t.db, id)).map((e) => e.action).filter((a) => a.startsWith('evidence.'))).toEqual(['evidence.requested', 'evidence.withdrawn', 'evidence.rerequested']);
  });

  it('is fulfilled when an evaluator marks the evidence shown in the interview', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const q1 = currentQuestion(parent);
    await click(q1, 'vet.evidence.promised', BOB);
    await showEvidence(q1, LEAD, 'review threads of the last three PRs on screen share');
    expect((await listRequests(t.db, id))[0]).toMatchObject({ status: 'fulfilled', closedBy: LEAD, closeReason: 'Marked shown in the interview', fulfilledBy: null });
    await t.fake.waitFor(() => allText(messageNow(q1.ts)).includes(`*Evidence shown*, marked by <@${LEAD}>`));
    // Nothing is chased any more.
    t.clock.set('2026-12-06T09:00:00Z');
    expect((await scheduler().tick()).reminded).toEqual([]);
  });
});

describe('the answer under a shared file', () => {
  it('is posted by the scheduler when Slack refused it, once whatever the instances, and its buttons work', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const q1 = currentQuestion(parent);
    // Slack refuses the answer under the file: the file is kept, and the question says it waits for a verdict.
    t.fake.failNext('chat.postMessage', { error: 'internal_error' });
    const posts = postCount();
    const event = fileEvent(parent, VENDOR, { id: 'F0LOST', name: 'reviews.pdf', filetype: 'pdf' }, '', VENDOR_TEAM);
    expect((await t.slack.event(event)).status).toBe(200);
    await t.fake.waitFor(() => postCount() > posts);
    await t.fake.waitFor(() => allText(messageNow(q1.ts)).includes('*Evidence received:* 1 file or link to review in this thread'));
    expect(await listItems(t.db, id)).toMatchObject([{ fileId: 'F0LOST', replyTs: null }]);
    expect(receipts(parent)).toEqual([]);

    // The scheduler's next tick posts it; refused again, it is retried 5 minutes later, by one of two instances.
    const a = scheduler();
    const b = scheduler();
    t.fake.failNext('chat.postMessage', { error: 'internal_error' });
    expect(await a.tick()).toMatchObject({ receipts: [], receiptsFailed: [{ sourceTs: event.ts, error: 'internal_error' }] });
    t.clock.set('2026-11-22T10:04:00Z');
    expect((await a.tick()).receipts).toEqual([]);
    t.clock.set('2026-11-22T10:05:00Z');
    const ticks = await Promise.all([a.tick(), b.tick(), a.tick()]);
    expect(ticks.flatMap((r) => r.receipts)).toEqual([event.ts]);
    expect(receipts(parent)).toHaveLength(1);
    const receipt = receipts(parent)[0]!;
    expect(receipt.text).toBe(`Evidence shared for Q1 · ${title('code-review-threads')}: reviews.pdf`);
    expect(actionIds(receipt)).toEqual(['vet.evitem.accept', 'vet.evitem.reject']);
    expect((await listItems(t.db, id))[0]!.replyTs).toBe(receipt.ts);
    t.clock.set('2026-11-22T11:00:00Z');
    expect((await a.tick()).receipts).toEqual([]);
    expect(receipts(parent)).toHaveLength(1);

    // Its button works like any other, and the verdict shows on it.
    await click(receipt, 'vet.evitem.accept', BOB);
    expect((await listItems(t.db, id))[0]).toMatchObject({ verdict: 'accepted', verdictBy: BOB });
    expect(allText(messageNow(receipt.ts))).toContain(`Accepted as evidence by <@${BOB}>`);
  });

  it('is posted when Slack delivers the message again and its answer was never posted', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    t.fake.failNext('chat.postMessage', { error: 'internal_error' });
    const posts = postCount();
    const event = fileEvent(parent, BOB, { id: 'F0AGAIN', name: 'ci.yml', filetype: 'yaml' });
    await t.slack.event(event);
    await t.fake.waitFor(() => postCount() > posts);
    await until(
      () => listItems(t.db, id),
      (i) => i.length === 1,
      'the file',
    );
    expect(receipts(parent)).toEqual([]);
    // A new event id (Slack's dedupe keeps the first): stored once, answered now.
    const receipt = await share(parent, { ...event });
    expect(actionIds(receipt)).toEqual(['vet.evitem.accept', 'vet.evitem.reject']);
    expect(await listItems(t.db, id)).toHaveLength(1);
  });
});

describe('marking evidence', () => {
  it('records "promised" and opens its request together, or neither (a failure between them leaves nothing half done)', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const q1 = currentQuestion(parent);
    // The database refuses the request (a crash, a full disk) after the answer was written in the same click.
    if (engineOf(t.db) === 'postgres') {
      await sql`create function refuse_requests() returns trigger as $$ begin raise exception 'no space left'; end $$ language plpgsql`.execute(t.db);
      await sql`create trigger refuse_requests before insert on evidence_requests for each row execute function refuse_requests()`.execute(t.db);
    } else {
      await sql`create trigger refuse_requests before insert on evidence_requests begin select raise(abort, 'no space left'); end`.execute(t.db);
    }
    const told = t.fake.ephemerals.length + t.fake.responses.length;
    await t.slack.click(messageNow(q1.ts), { actionId: 'vet.evidence.promised' }, { userId: BOB });
    await t.fake.waitFor(() => t.fake.ephemerals.length + t.fake.responses.length > told);
    expect(await listRequests(t.db, id)).toEqual([]);
    expect((await listAnswers(t.db, id)).filter((a) => a.evaluatorId === BOB)).toEqual([]);

    // Once the database takes it again, the same click records both.
    await sql`drop trigger refuse_requests${sql.raw(engineOf(t.db) === 'postgres' ? ' on evidence_requests' : '')}`.execute(t.db);
    await click(q1, 'vet.evidence.promised', BOB);
    expect(await listRequests(t.db, id)).toMatchObject([{ status: 'open', chaserId: BOB }]);
    expect((await listAnswers(t.db, id)).find((a) => a.evaluatorId === BOB)).toMatchObject({ evidence: 'promised' });
  });

  it('tells whoever marks "No evidence" that the open request is still chased, with the button to withdraw it', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const q1 = currentQuestion(parent);
    await click(q1, 'vet.evidence.promised', BOB);
    const told = t.fake.ephemerals.length;
    await t.slack.click(messageNow(q1.ts), { actionId: 'vet.evidence.none' }, { userId: LEAD });
    await t.fake.waitFor(() => t.fake.ephemerals.length > told);
    const note = t.fake.ephemerals.at(-1)!;
    expect(note).toMatchObject({ channel: CHANNEL, user: LEAD, thread_ts: parent.ts });
    expect(allText(note)).toContain(`is still open (due 6 Dec 2026, chased by <@${BOB}>), so reminders go on until it is shown or withdrawn`);
    expect(actionIds(note)).toEqual(['vet.evreq.withdraw']);
    expect((await listAnswers(t.db, id)).find((a) => a.evaluatorId === LEAD)).toMatchObject({ evidence: 'none' });
    expect((await listRequests(t.db, id))[0]!.status).toBe('open');

    // Its button opens the withdrawal form for that question.
    const target: ClickTarget = { channel: CHANNEL, ts: note.ts, blocks: note.blocks, ephemeral: true };
    const views = t.fake.views.length;
    expect((await t.slack.click(target, { actionId: 'vet.evreq.withdraw' }, { userId: LEAD })).status).toBe(200);
    await t.fake.waitFor(() => t.fake.views.length > views);
    const modal = t.fake.views.at(-1)!;
    expect(modal.view.callback_id).toBe('vet.evreq.withdraw');
    await t.slack.submitView(modal.view, { reason: 'They have no review threads to show' }, { userId: LEAD, viewId: modal.id });
    await until(
      () => listRequests(t.db, id),
      (r) => r[0]!.status === 'withdrawn',
      'the withdrawal',
    );

    // With nothing open, "No evidence" says nothing more.
    const before = t.fake.ephemerals.length;
    await click(q1, 'vet.evidence.none', BOB);
    expect(t.fake.ephemerals.length).toBe(before);
  });

  it("lets an admin who is not an evaluator accept evidence without an answer under their name: the lead's answer shows it, the audit says who", async () => {
    t = await startTestApp({ env: { VET_ADMINS: ADMIN } });
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const q1 = currentQuestion(parent);
    await click(q1, 'vet.evidence.promised', BOB);
    const receipt = await share(parent, fileEvent(parent, VENDOR, { id: 'F0ADMIN', name: 'reviews.pdf', filetype: 'pdf' }, '', VENDOR_TEAM));
    await click(receipt, 'vet.evitem.accept', ADMIN);

    expect((await listItems(t.db, id))[0]).toMatchObject({ verdict: 'accepted', verdictBy: ADMIN });
    expect((await listRequests(t.db, id))[0]).toMatchObject({ status: 'fulfilled', closedBy: ADMIN });
    const answers = await listAnswers(t.db, id);
    expect(answers.map((a) => a.evaluatorId)).not.toContain(ADMIN);
    expect(answers.find((a) => a.evaluatorId === LEAD)).toMatchObject({ questionId: 'code-review-threads', evidence: 'shown' });
    const recorded = (await listAudit(t.db, id)).filter((e) => e.action.startsWith('answer.')).at(-1)!;
    expect(recorded).toMatchObject({ actor: ADMIN, action: 'answer.recorded', detail: { questionId: 'code-review-threads', evaluatorId: LEAD, value: { evidence: 'shown' } } });
    expect((await scorecard(parent)).questions.find((r) => r.questionId === 'code-review-threads')).toMatchObject({ evidenceShown: true });
    await t.fake.waitFor(() => allText(messageNow(q1.ts)).includes(`*Evidence shown:* reviews.pdf, accepted by <@${ADMIN}>`));
  });
});

describe('asking again for evidence that was shown', () => {
  it('is requested, then overdue, on the question, in the register and the digest, until a new file is accepted', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const q1 = currentQuestion(parent);
    const register = async () => mrkdwnTexts(await command('evidence acme')).join('\n');
    const entry = `*Q1 · ${title('code-review-threads')}* · `;
    await click(q1, 'vet.evidence.promised', BOB);
    const first = await share(parent, fileEvent(parent, BOB, { id: 'F0OLD', name: 'reviews-2025.pdf', filetype: 'pdf' }));
    await click(first, 'vet.evitem.accept', BOB);
    await t.fake.waitFor(() => allText(messageNow(q1.ts)).includes('*Evidence shown:* reviews-2025.pdf'));

    // The next day the lead asks for it again (a renewed report): it is chased, not shown.
    t.clock.set('2026-11-23T10:00:00Z');
    const modal = await openModal(q1, 'vet.evreq.open', LEAD);
    expect(modal.view.title.text).toBe('Request evidence');
    const updates = messageNow(q1.ts).updates;
    expect((await t.slack.submitView(modal.view, { due: '2026-12-06' }, { userId: LEAD, viewId: modal.id })).json()).toBeUndefined();
    await t.fake.waitFor(() => messageNow(q1.ts).updates > updates);
    expect(await listRequests(t.db, id)).toMatchObject([{ status: 'open', dueOn: '2026-12-06', fulfilledBy: null }]);
    expect(allText(messageNow(q1.ts))).toContain(`*Evidence requested*, due 6 Dec 2026, chased by <@${BOB}>`);
    expect(allText(messageNow(q1.ts))).not.toContain('*Evidence shown');
    expect(await register()).toContain(`${entry}:hourglass_flowing_sand: requested`);

    // Past its due date: overdue in the register and in the digest.
    t.clock.set('2026-12-09T10:00:00Z');
    expect(await register()).toContain(`${entry}:warning: overdue`);
    await command('digest now');
    const digest = t.fake
      .messages({ channel: CHANNEL })
      .filter((m) => (m.text ?? '').startsWith('Red-flag digest'))
      .at(-1)!;
    expect(allText(digest)).toContain(`• Evidence overdue by 3 days: Q1 · ${title('code-review-threads')}`);

    // The renewed file: not "already shown"; once accepted, shown again, by that file.
    const second = await share(parent, fileEvent(parent, VENDOR, { id: 'F0NEW', name: 'reviews-2026.pdf', filetype: 'pdf' }, 'Q1', VENDOR_TEAM));
    expect(allText(second)).not.toContain('already shown');
    await click(second, 'vet.evitem.accept', LEAD);
    await t.fake.waitFor(() => allText(messageNow(q1.ts)).includes(`*Evidence shown:* reviews-2026.pdf, accepted by <@${LEAD}>`));
    const items = await listItems(t.db, id);
    expect(await listRequests(t.db, id)).toMatchObject([{ status: 'fulfilled', fulfilledBy: items.find((i) => i.fileId === 'F0NEW')!.id }]);
    expect(await register()).toContain(`${entry}:white_check_mark: shown`);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Chasing: the scheduler's evidence step and the digest, with the injected clock
// ---------------------------------------------------------------------------------------------------------------

/**
 * The bot's scheduler step as app.ts runs it: the flows over the test app's database and clock, delivering through
 * the production sender to the Slack stand-in. Each call is one tick (another instance is another call).
 */
/** Who a chaser is at send time, asked of the Slack stand-in as the wiring asks it. */
function chaserStanding(client: WebClient, flows: Flows) {
  const people = createPeople(client, { admins: [], riskOwners: [] }, t.clock);
  return createChaserStanding(people, createViewers(createChannelDirectory(client, t.clock, memoryLogger()), people.actor, flows.portfolio.channels));
}

function scheduler() {
  const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: t.fake.apiUrl });
  if (!config.ok) throw new Error(config.errors.join());
  const channels = { privacy: async (ids: readonly string[]) => new Map(ids.map((id) => [id, 'public' as const])), shared: async () => false };
  const flows = createFlows(config.config, { store: createStore(t.db), bank: STANDARD_BANK, clock: t.clock, channels });
  const client = new WebClient('xoxb-test-token', { slackApiUrl: t.fake.apiUrl });
  const delivery = createEvidenceDelivery(client, flows.interview, memoryLogger(), chaserStanding(client, flows), { retries: 0 });
  return { flows, tick: () => flows.evidence.tick(delivery) };
}

const dms = (user: string) => t.fake.messages({ channel: `D${user}` });

describe('overdue requests are chased', () => {
  it('DMs the chaser on the due date at 09:00 and once a week after, once whatever the instances, lists it in the digest and on Home, and stops when withdrawn', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const q1 = currentQuestion(parent);
    await click(q1, 'vet.evidence.promised', BOB);
    const [request] = await listRequests(t.db, id);
    const a = scheduler();
    const b = scheduler();

    // Before the due date, and on it before 09:00 (VET_DIGEST_TZ, UTC here): nothing.
    t.clock.set('2026-12-05T10:00:00Z');
    expect((await a.tick()).reminded).toEqual([]);
    t.clock.set('2026-12-06T08:59:00Z');
    expect((await a.tick()).reminded).toEqual([]);
    expect(dms(BOB)).toEqual([]);

    // On the due date: one DM, whichever instance ticks first; the others find it claimed.
    t.clock.set('2026-12-06T09:00:00Z');
    const ticks = await Promise.all([a.tick(), b.tick(), a.tick()]);
    expect(ticks.flatMap((r) => r.reminded)).toEqual([request!.id]);
    expect(dms(BOB)).toHaveLength(1);
    const dm = dms(BOB)[0]!;
    expect(dm.text).toBe(`Evidence for Acme (${title('code-review-threads')}) is due today`);
    expect(allText(dm)).toContain('You chase evidence for the *Acme* vetting, and it is due today.');
    // A link to question 1's message in the thread.
    expect(allText(dm)).toContain(`<https://fake.slack.test/archives/${CHANNEL}/p${q1.ts.replace('.', '')}?thread_ts=${parent.ts}&amp;cid=${CHANNEL}|Q1 · `);
    t.clock.set('2026-12-06T18:00:00Z');
    expect((await a.tick()).reminded).toEqual([]);

    // Three days later: no DM (not a reminder day), but the digest lists it as overdue.
    t.clock.set('2026-12-09T10:00:00Z');
    expect((await a.tick()).reminded).toEqual([]);
    await command('digest now');
    const digest = t.fake
      .messages({ channel: CHANNEL })
      .filter((m) => (m.text ?? '').startsWith('Red-flag digest'))
      .at(-1)!;
    expect(allText(digest)).toContain(`• Evidence overdue by 3 days: Q1 · ${title('code-review-threads')} (due 6 Dec 2026), chased by <@${BOB}>`);

    // Home: the requests Bob chases, with the link to the question.
    await t.slack.event({ type: 'app_home_opened', user: BOB, channel: `D${BOB}`, tab: 'home' });
    await t.fake.waitFor(() => t.fake.homeFor(BOB) !== null);
    const home = JSON.stringify(t.fake.homeFor(BOB).blocks);
    expect(home).toContain('*Evidence you chase*');
    expect(home).toContain('*overdue by 3 days* (due 6 Dec 2026)');
    // Alice chases nothing: no such section.
    await t.slack.event({ type: 'app_home_opened', user: LEAD, channel: `D${LEAD}`, tab: 'home' });
    await t.fake.waitFor(() => t.fake.homeFor(LEAD) !== null);
    expect(JSON.stringify(t.fake.homeFor(LEAD).blocks)).not.toContain('Evidence you chase');

    // A week after the due date: the second reminder. After downtime only the latest reminder day is owed.
    t.clock.set('2026-12-13T09:30:00Z');
    expect((await a.tick()).reminded).toEqual([request!.id]);
    expect(allText(dms(BOB).at(-1)!)).toContain('it is overdue by 7 days');
    t.clock.set('2026-12-29T12:00:00Z');
    expect((await a.tick()).reminded).toEqual([request!.id]);
    expect((await listReminders(t.db, request!.id)).map((r) => [r.slot, r.status])).toEqual([
      ['2026-12-06', 'sent'],
      ['2026-12-13', 'sent'],
      ['2026-12-27', 'sent'],
    ]);

    // Withdrawn (with a reason): no more reminders, and the digest no longer lists it.
    const modal = await openModal(q1, 'vet.evreq.withdraw', BOB);
    await t.slack.submitView(modal.view, { reason: 'The vendor left the shortlist' }, { userId: BOB, viewId: modal.id });
    await until(
      () => listRequests(t.db, id),
      (r) => r[0]!.status === 'withdrawn',
      'the withdrawal',
    );
    t.clock.set('2027-01-03T09:00:00Z');
    expect((await a.tick()).reminded).toEqual([]);
    expect(dms(BOB)).toHaveLength(3);
    await command('digest now');
    const after = t.fake
      .messages({ channel: CHANNEL })
      .filter((m) => (m.text ?? '').startsWith('Red-flag digest'))
      .at(-1)!;
    expect(allText(after)).not.toContain('Evidence overdue');
  });

  it('retries a reminder Slack failed to deliver, and gives up on a chaser Slack cannot reach', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    await click(currentQuestion(parent), 'vet.evidence.promised', BOB);
    const [request] = await listRequests(t.db, id);
    const s = scheduler();
    t.clock.set('2026-12-06T09:00:00Z');
    t.fake.failNext('chat.postMessage', { error: 'internal_error' });
    expect(await s.tick()).toMatchObject({ reminded: [], failed: [{ requestId: request!.id, error: 'internal_error' }] });
    // Retried after 5 minutes, not before.
    t.clock.set('2026-12-06T09:04:00Z');
    expect((await s.tick()).reminded).toEqual([]);
    t.clock.set('2026-12-06T09:05:00Z');
    expect((await s.tick()).reminded).toEqual([request!.id]);
    expect(dms(BOB)).toHaveLength(1);

    t.clock.set('2026-12-13T09:00:00Z');
    t.fake.failNext('chat.postMessage', { error: 'user_disabled' });
    expect((await s.tick()).failed).toEqual([{ requestId: request!.id, error: 'user_disabled' }]);
    t.clock.set('2026-12-13T23:00:00Z');
    expect(await s.tick()).toMatchObject({ reminded: [], failed: [] });
    expect((await listReminders(t.db, request!.id)).map((r) => [r.slot, r.status, r.attempts])).toEqual([
      ['2026-12-06', 'sent', 2],
      ['2026-12-13', 'failed', 1],
    ]);
  });

  it('names a private vetting only to a chaser still in its channel, checked at send time, and DMs nobody outside the workspace', async () => {
    t = await startTestApp();
    const PRIVATE = 'G0SECRET';
    // Carol, a member of the channel but no evaluator (who may see their vetting wherever it ran), chases evidence.
    t.fake.setChannel(PRIVATE, { isPrivate: true, botIsMember: true, members: [LEAD, BOB, CAROL] });
    const parent = await start(`Secret Co --lite --with ${mention(BOB)}`, PRIVATE);
    const q1 = t.fake.messages({ channel: PRIVATE, thread_ts: parent.ts }).filter(isQuestion).at(-1)!;
    const q1Interview = await interviewId(parent);
    const modal = await openModal(q1, 'vet.evreq.open', BOB);
    expect((await t.slack.submitView(modal.view, { chaser: CAROL }, { userId: BOB, viewId: modal.id })).json()).toBeUndefined();
    const [request] = await until(
      () => listRequests(t.db, q1Interview),
      (r) => r.length === 1,
      'the request',
    );
    expect(request!.chaserId).toBe(CAROL);
    const { tick } = scheduler();

    // Carol left the private channel after she was picked: reminded on the due date, without the vendor or question.
    t.fake.setChannel(PRIVATE, { isPrivate: true, botIsMember: true, members: [LEAD, BOB] });
    t.clock.set('2026-12-06T09:00:00Z');
    const first = await tick();
    expect(first).toMatchObject({ reminded: [], remindedWithoutNaming: [request!.id], skipped: [], failed: [] });
    expect(dms(CAROL)).toHaveLength(1);
    expect(allText(dms(CAROL)[0]!)).toContain('in a vetting of a private channel you are not a member of');
    expect(JSON.stringify(dms(CAROL)[0])).not.toMatch(/Secret|secret co/i);
    expect(JSON.stringify(dms(CAROL)[0])).not.toContain(title('code-review-threads'));

    // A week later she is of another organisation (Slack Connect): no DM at all, and the next slot checks again.
    t.fake.setUser(CAROL, { teamId: 'T0OTHER' });
    t.clock.set('2026-12-13T09:00:00Z');
    expect(await tick()).toMatchObject({ reminded: [], remindedWithoutNaming: [], skipped: [{ requestId: request!.id, chaser: CAROL, standing: 'not-of-workspace' }] });
    expect(dms(CAROL)).toHaveLength(1);

    // Back in the workspace and the channel: the reminder names the vetting again.
    t.fake.setUser(CAROL, {});
    t.fake.setChannel(PRIVATE, { isPrivate: true, botIsMember: true, members: [LEAD, BOB, CAROL] });
    t.clock.set('2026-12-20T09:00:00Z');
    expect((await tick()).reminded).toEqual([request!.id]);
    expect(dms(CAROL)).toHaveLength(2);
    expect(allText(dms(CAROL)[1]!)).toContain('You chase evidence for the *Secret Co* vetting');
  });

  it('skips a vetting deleted while the scheduler works through the reminders', async () => {
    t = await startTestApp();
    const first = await start(`Acme --lite --with ${mention(BOB)}`);
    await click(currentQuestion(first), 'vet.evidence.promised', BOB);
    const second = await start(`Globex --lite --with ${mention(BOB)}`);
    await click(currentQuestion(second), 'vet.evidence.promised', BOB);
    const [acme, globex] = [await interviewId(first), await interviewId(second)];
    const { flows } = scheduler();
    const client = new WebClient('xoxb-test-token', { slackApiUrl: t.fake.apiUrl });
    const real = createEvidenceDelivery(client, flows.interview, memoryLogger(), chaserStanding(client, flows), { retries: 0 });
    // The first reminder's delivery takes long enough for the other vetting to be deleted meanwhile.
    const delivery = {
      ...real,
      remind: async (c: Parameters<typeof real.remind>[0]) => {
        await real.remind(c);
        await deleteInterview(t.db, c.interview.id === acme ? globex : acme);
      },
    };
    t.clock.set('2026-12-06T09:00:00Z');
    const result = await flows.evidence.tick(delivery);
    expect(result.reminded).toHaveLength(1);
    expect(result.failed).toEqual([]);
    expect(dms(BOB)).toHaveLength(1);
  });

  it('raises evidence-overdue (medium) on a finished vetting 30 days after the due date, updates its summary, and closes it when the evidence is accepted', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const q1 = currentQuestion(parent);
    await click(q1, 'vet.evidence.promised', BOB);
    await command('finish Acme');
    const { summary_ts } = await until(
      () => t.db.selectFrom('interviews').select('summary_ts').where('id', '=', id).executeTakeFirstOrThrow(),
      (r) => r.summary_ts !== null,
      'the summary',
    );
    expect((await listFlags(t.db, id)).some((f) => f.rule === 'evidence-overdue')).toBe(false);
    const s = scheduler();

    // Due 6 December, overdue from 7 December: more than 30 days overdue from 6 January.
    t.clock.set('2027-01-05T23:59:00Z');
    expect((await s.tick()).settled).toEqual([]);
    expect((await listFlags(t.db, id)).some((f) => f.rule === 'evidence-overdue')).toBe(false);
    t.clock.set('2027-01-06T00:00:00Z');
    const updates = messageNow(summary_ts!).updates;
    expect((await s.tick()).settled).toEqual([id]);
    const flag = (await listFlags(t.db, id)).find((f) => f.rule === 'evidence-overdue')!;
    expect(flag).toMatchObject({ questionId: 'code-review-threads', severity: 'medium', status: 'open' });
    expect(flag.message).toContain('was due on 2026-12-06 and is more than 30 days overdue');
    expect(messageNow(summary_ts!).updates).toBeGreaterThan(updates);
    expect(allText(messageNow(summary_ts!))).toContain('more than 30 days overdue');
    // Settled once: the next ticks leave it alone.
    t.clock.set('2027-01-06T00:05:00Z');
    expect((await s.tick()).settled).toEqual([]);

    // The file arrives at last, in the finished interview's thread: with one open request, it is for that one.
    const receipt = await share(parent, fileEvent(parent, BOB, { id: 'F0LATE', name: 'reviews.pdf', filetype: 'pdf' }));
    expect((await listItems(t.db, id))[0]!.questionId).toBe('code-review-threads');
    await click(receipt, 'vet.evitem.accept', BOB);
    const closed = (await listFlags(t.db, id)).find((f) => f.rule === 'evidence-overdue')!;
    expect(closed).toMatchObject({ status: 'resolved', statusBy: 'vet' });
    expect((await listRequests(t.db, id))[0]!.status).toBe('fulfilled');
    await t.fake.waitFor(() => !allText(messageNow(summary_ts!)).includes('more than 30 days overdue'));
    expect(allText(messageNow(summary_ts!))).toContain('Revised after completion');
  });

  it('asks which question a file is for when a finished vetting has several open requests', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    await click(currentQuestion(parent), 'vet.evidence.promised', BOB);
    const posts = postCount();
    await t.slack.click(messageNow(currentQuestion(parent).ts), { actionId: 'vet.rate.2' }, { userId: BOB });
    await t.fake.waitFor(() => postCount() > posts);
    await click(currentQuestion(parent), 'vet.evidence.promised', BOB);
    await command('finish Acme');
    const told = t.fake.ephemerals.length;
    await t.slack.event(fileEvent(parent, BOB, { id: 'F0WHICH', name: 'which.pdf', filetype: 'pdf' }));
    await t.fake.waitFor(() => t.fake.ephemerals.length > told);
    expect(t.fake.ephemerals.at(-1)!.text).toBe(
      `This interview is finished and evidence is requested on several questions (Q1 (${title('code-review-threads')}), Q2 (${title('emergency-hotfix-walkthrough')})); nothing was recorded. Share it again starting with the question number, e.g. Q1:`,
    );
    expect(await listItems(t.db, id)).toEqual([]);
    // Named, it attaches; a plain reply in the finished thread is still not recorded.
    await share(parent, fileEvent(parent, BOB, { id: 'F0WHICH', name: 'which.pdf', filetype: 'pdf' }, 'Q2'));
    expect((await listItems(t.db, id)).map((i) => i.questionId)).toEqual(['emergency-hotfix-walkthrough']);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The register: `/vet evidence`, the reports, expiry
// ---------------------------------------------------------------------------------------------------------------

/** Answers the current question with `actionId` (and a value for a date) and waits for the next one. */
async function answerAndGoOn(parent: FakeMessage, actionId: string, userId: string, value?: string): Promise<FakeMessage> {
  const q = currentQuestion(parent);
  const posts = postCount();
  expect((await t.slack.click(messageNow(q.ts), { actionId }, { userId, ...(value !== undefined && { value }) })).status).toBe(200);
  await t.fake.waitFor(() => postCount() > posts && currentQuestion(parent).ts !== q.ts);
  const next = currentQuestion(parent);
  await until(
    () => t.db.selectFrom('interview_questions').select('message_ts').where('message_ts', '=', next.ts).execute(),
    (r) => r.length === 1,
    'the next question',
  );
  return next;
}

describe('the evidence register', () => {
  it('lists per question what was asked, its state, the files and links with who shared and who confirmed them, and expiry, in /vet evidence and both reports', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);

    // Q1: promised; the vendor's file, accepted by Bob.
    await click(currentQuestion(parent), 'vet.evidence.promised', BOB);
    const accepted = await share(parent, fileEvent(parent, VENDOR, { id: 'F0REV', name: 'review_threads *final*.pdf', filetype: 'pdf' }, '', VENDOR_TEAM));
    await click(accepted, 'vet.evitem.accept', BOB);
    await answerAndGoOn(parent, 'vet.rate.3', BOB);
    // Q2: a link the lead finds not sufficient.
    const link = { type: 'message', channel: CHANNEL, channel_type: 'channel', user: LEAD, text: '<https://wiki.example/hotfix|hotfix runbook>', ts: nextTs(), thread_ts: parent.ts };
    const notEnough = await share(parent, link);
    const modal = await openModal(notEnough, 'vet.evitem.reject', LEAD);
    await t.slack.submitView(modal.view, { reason: 'A runbook, not the <!channel> audit trail' }, { userId: LEAD, viewId: modal.id });
    await until(
      () => listItems(t.db, id),
      (i) => i.some((x) => x.verdict === 'not_sufficient'),
      'the verdict',
    );
    await answerAndGoOn(parent, 'vet.rate.2', BOB);
    // Q3: promised, then withdrawn.
    const q3 = currentQuestion(parent);
    await click(q3, 'vet.evidence.promised', BOB);
    const withdraw = await openModal(q3, 'vet.evreq.withdraw', LEAD);
    await t.slack.submitView(withdraw.view, { reason: 'Saw the velocity charts live' }, { userId: LEAD, viewId: withdraw.id });
    await until(
      () => listRequests(t.db, id),
      (r) => r.some((x) => x.status === 'withdrawn'),
      'the withdrawal',
    );
    await answerAndGoOn(parent, 'vet.rate.2', BOB);
    // Q4: an ISO 27001 certificate that expires in 18 days; Q5: a SOC 2 period that goes stale in 9 days.
    await answerAndGoOn(parent, 'vet.fact.date', BOB, '2026-12-10');
    await answerAndGoOn(parent, 'vet.fact.date', BOB, '2025-12-01');

    const answer = await command('evidence acme');
    expect(answer.response_type).toBe('ephemeral');
    const text = mrkdwnTexts(answer).join('\n');
    expect(answer.blocks[0].text.text).toBe('Evidence register: Acme');
    expect(text).toContain(`*Q1 · ${title('code-review-threads')}* · :white_check_mark: shown`);
    expect(text).toContain(`chased by <@${BOB}> · due 6 Dec 2026`);
    // The file by its name (escaped), who shared it (not an evaluator) and who confirmed it.
    expect(text).toContain(`review\u200B_\u200Bthreads \u200B*\u200Bfinal\u200B*\u200B.pdf`);
    expect(text).toContain(`shared by <@${VENDOR}> (not an evaluator) on 22 Nov 2026: accepted by <@${BOB}>`);
    expect(text).toContain(`*Q2 · ${title('emergency-hotfix-walkthrough')}* · :x: not sufficient`);
    expect(text).toContain(
      `<https://wiki.example/hotfix|wiki.example/hotfix> (“hotfix runbook”), shared by <@${LEAD}> on 22 Nov 2026: not sufficient (<@${LEAD}>): A runbook, not the &lt;!channel&gt; audit trail`,
    );
    expect(text).toContain(`*Q3 · ${title('velocity-and-definition-of-done')}* · :heavy_minus_sign: withdrawn`);
    expect(text).toContain(`Withdrawn by <@${LEAD}> on 22 Nov 2026: Saw the velocity charts live`);
    expect(text).toContain(`*Q4 · ${title('iso27001-certificate')}*\nISO 27001 certificate expiry date: expires on 10 Dec 2026`);
    expect(text).toContain(`*Q5 · ${title('soc2-report-period-end')}*\nSOC 2 Type II report period end date: dated 1 Dec 2025, goes stale on 1 Dec 2026`);
    expect(text).not.toMatch(/<!channel>/);

    // An unknown name gets the closest known one.
    expect((await command('evidence Acmee')).text).toBe('I know no vendor called "Acmee". Did you mean "Acme"?');

    // The Markdown report carries the same register.
    await command('report Acme');
    await t.fake.waitFor(() => t.fake.uploads.length > 0);
    // Reports name people as users.info names them (the stand-in's default: "User <id>"), beside the id.
    const named = (id: string) => `User ${id} (${id})`;
    const md = t.fake.uploads.at(-1)!.content;
    const register = md.slice(md.indexOf('## Evidence register'), md.indexOf('## Questions'));
    expect(register).toContain(`### 1. ${title('code-review-threads')}: shown`);
    expect(register).toContain(`- Chased by ${named(BOB)}, due 2026-12-06; requested by ${named(BOB)} on 2026-11-22`);
    expect(register).toContain(
      `- file "review_threads *final*.pdf" (pdf), shared by ${named(VENDOR)} (not an evaluator: kept, judged by the evaluators) on 2026-11-22; accepted as evidence by ${named(BOB)} on 2026-11-22`,
    );
    expect(register).toContain(
      `- link https://wiki.example/hotfix ("hotfix runbook"), shared by ${named(LEAD)} on 2026-11-22; not sufficient according to ${named(LEAD)} on 2026-11-22: A runbook, not the !channel audit trail`.replace(
        '!channel',
        '\\<!channel\\>',
      ),
    );
    expect(register).toContain(`- Withdrawn by ${named(LEAD)} on 2026-11-22: Saw the velocity charts live`);
    expect(register).toContain('- ISO 27001 certificate expiry date 2026-12-10: expires on 2026-12-10');
    expect(register).toContain('- SOC 2 Type II report period end date 2025-12-01: goes stale on 2026-12-01');

    // And the CSV, per question on each of its rows.
    await command('report Acme --csv');
    await t.fake.waitFor(() => t.fake.uploads.length > 1);
    const csv = t.fake.uploads.at(-1)!.content;
    const lines = csv.split('\r\n');
    const header = lines[0]!.split(',');
    expect(header.slice(-9, -2)).toEqual(['evidence_state', 'evidence_asked', 'evidence_chaser', 'evidence_due', 'evidence_vendor_contact', 'evidence_shared', 'evidence_expiry']);
    expect(csv).toContain(
      `shown,"${STANDARD_BANK.questions.find((q) => q.id === 'code-review-threads')!.evidence.join('\n')}",${named(BOB)},2026-12-06,,"file ""review_threads *final*.pdf"" (pdf), shared by ${named(VENDOR)} (not an evaluator: kept, judged by the evaluators) on 2026-11-22; accepted as evidence by ${named(BOB)} on 2026-11-22\nseen by ${named(BOB)}: accepted file review_threads *final*.pdf",`,
    );
    expect(csv).toContain(',ISO 27001 certificate expiry date 2026-12-10: expires on 2026-12-10');

    // Once the vetting is finished, the digest warns 30 days ahead about both, each in its own words.
    await command('finish Acme');
    await command('digest now');
    const digest = allText(
      t.fake
        .messages({ channel: CHANNEL })
        .filter((m) => (m.text ?? '').startsWith('Red-flag digest'))
        .at(-1)!,
    );
    expect(digest).toContain('• ISO 27001 certificate expiry date: expires on 2026-12-10; ask for the renewed certificate');
    expect(digest).toContain('• SOC 2 Type II report period end date: turns stale on 2026-12-01; ask for the current report');
  });
});
