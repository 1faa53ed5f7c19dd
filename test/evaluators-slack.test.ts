// End to end: evaluators are named, not self-appointed. Signed requests to the real Bolt app, a real SQLite file,
// and the Slack stand-in recording every Web API call; each refusal is checked in the database too (nothing recorded).
import { afterEach, describe, expect, it } from 'vitest';
import { listAnswers } from '../src/store/answers.js';
import { listAudit } from '../src/store/audit.js';
import { listFlags } from '../src/store/flags.js';
import { listNotes } from '../src/store/notes.js';
import type { FakeMessage } from './support/fakeSlack.js';
import { allText } from './support/blocks.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { until } from './support/wait.js';
import { mention } from './support/slackClient.js';

const CHANNEL = 'C0VET';
const LEAD = 'U0ALICE';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';
const DAVE = 'U0DAVE';
const OUTSIDER = 'U0MALLORY';
/** A Slack Connect user: the vendor's own organisation. */
const VENDOR_USER = 'U0VENDOR';
const VENDOR_TEAM = 'T0VENDOR';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const actionIds = (m: { blocks?: any[] }): string[] => (m.blocks ?? []).flatMap((b: any) => (b.type === 'actions' ? b.elements.map((e: any) => e.action_id) : []));
const isQuestion = (m: FakeMessage) => actionIds(m).some((id) => /^vet\.(rate|fact)/.test(id));
const postCount = () => t.fake.callsTo('chat.postMessage').length;
const updateCount = () => t.fake.callsTo('chat.update').length;
const thread = (parent: FakeMessage) => t.fake.messages({ channel: CHANNEL, thread_ts: parent.ts });
const currentQuestion = (parent: FakeMessage) => thread(parent).filter(isQuestion).at(-1)!;
const parentNow = (parent: FakeMessage) => t.fake.messages({ channel: CHANNEL }).find((m) => m.ts === parent.ts)!;

async function interviewId(parent: FakeMessage): Promise<number> {
  return (await t.db.selectFrom('interviews').select('id').where('thread_ts', '=', parent.ts).executeTakeFirstOrThrow()).id;
}

async function evaluatorRows(id: number) {
  return t.db.selectFrom('interview_evaluators').select(['user_id', 'added_by']).where('interview_id', '=', id).orderBy('user_id').execute();
}

/** What the database holds that a click could add to: answers, evaluators, audit rows and notes. */
async function recorded(id: number) {
  return { answers: await listAnswers(t.db, id), evaluators: await evaluatorRows(id), audit: await listAudit(t.db, id), notes: await listNotes(t.db, id) };
}

/** Polls the database (for writes that follow a request the app acknowledged first). */

async function start(text: string, userId = LEAD, userTeamId?: string): Promise<FakeMessage> {
  const before = postCount();
  expect((await t.slack.command(`start ${text}`, { userId, channelId: CHANNEL, ...(userTeamId && { userTeamId }) })).status).toBe(200);
  await t.fake.waitFor(() => postCount() >= before + 2);
  return t.fake
    .messages({ channel: CHANNEL })
    .filter((m) => !m.thread_ts)
    .at(-1)!;
}

/** `/vet <text>`, resolving to the ephemeral answer. */
async function command(text: string, userId = LEAD, userTeamId?: string): Promise<any> {
  const before = t.fake.responses.length;
  expect((await t.slack.command(text, { userId, channelId: CHANNEL, ...(userTeamId && { userTeamId }) })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.responses.length > before);
  return t.fake.responses.at(-1)!.body;
}

/** A click that is recorded: waits for the question message to be updated (and for `posts` new posts). */
async function click(m: FakeMessage, actionId: string, userId: string, posts = 0) {
  const [p, u] = [postCount(), updateCount()];
  expect((await t.slack.click(m, { actionId }, { userId })).status).toBe(200);
  await t.fake.waitFor(() => updateCount() > u && postCount() >= p + posts);
}

/** A click that is refused: resolves to the ephemeral answer posted where the person clicked. */
async function refusedClick(m: FakeMessage, actionId: string, userId: string, userTeamId?: string) {
  const before = t.fake.ephemerals.length;
  expect((await t.slack.click(m, { actionId }, { userId, ...(userTeamId && { userTeamId }) })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.ephemerals.length > before);
  return t.fake.ephemerals.at(-1)!;
}

describe('named evaluators', () => {
  it('names evaluators at the start; the lead and they rate, and the parent message says who', async () => {
    t = await startTestApp();
    const parent = await start(`Acme Dev --lite --with ${mention(BOB)} ${mention(CAROL)}`);
    expect(allText(parent)).toContain(`*Evaluators:* <@${LEAD}> (leads), <@${BOB}>, <@${CAROL}>.`);
    expect(actionIds(parent)).toEqual(['vet.evaluators']);
    const id = await interviewId(parent);
    expect(await evaluatorRows(id)).toEqual([
      { user_id: LEAD, added_by: LEAD },
      { user_id: BOB, added_by: LEAD },
      { user_id: CAROL, added_by: LEAD },
    ]);
    const audit = await listAudit(t.db, id);
    expect(audit.filter((e) => e.action === 'evaluator.added').map((e) => [e.actor, e.detail.userId])).toEqual([
      [LEAD, BOB],
      [LEAD, CAROL],
    ]);

    const q = currentQuestion(parent);
    await click(q, 'vet.rate.2', BOB, 1);
    await click(q, 'vet.rate.3', CAROL);
    await click(q, 'vet.evidence.none', LEAD);
    expect((await listAnswers(t.db, id)).map((a) => a.evaluatorId).sort()).toEqual([LEAD, BOB, CAROL].sort());
  });

  it('refuses every control to an outsider, in the thread where they clicked, and records nothing', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const q = currentQuestion(parent);
    const before = await recorded(id);
    const controls = actionIds(q).filter((a) => a.startsWith('vet.'));
    // No N/A: the bank does not say this question may not apply.
    expect(controls).toEqual(expect.arrayContaining(['vet.rate.0', 'vet.evidence.shown', 'vet.skip', 'vet.note', 'vet.evreq.open']));
    expect(controls).not.toContain('vet.na');
    for (const actionId of controls) {
      const answer = await refusedClick(q, actionId, OUTSIDER);
      expect(answer, actionId).toMatchObject({ channel: CHANNEL, user: OUTSIDER, thread_ts: parent.ts });
      expect(answer.text).toBe(
        actionId.startsWith('vet.evreq.')
          ? `Only the evaluators of the *Acme* vetting, <@${LEAD}> who leads it, and vet admins (\`VET_ADMINS\`) can request evidence, accept it or find it not sufficient. Anyone may share a file or link in the thread for them to judge. Ask <@${LEAD}> to add you with \`/vet evaluators Acme add @you\`.`
          : `Only the named evaluators of the *Acme* vetting can rate it or add notes. <@${LEAD}> leads it: ask them to add you with \`/vet evaluators Acme add @you\`.`,
      );
    }
    // The Evaluators button on the parent message: refused in the channel, where the parent is.
    const fromParent = await refusedClick(parent, 'vet.evaluators', OUTSIDER);
    expect(fromParent.thread_ts).toBeUndefined();
    expect(fromParent.text).toContain(`Only <@${LEAD}>, who leads the *Acme* vetting, and vet admins`);
    // A named evaluator who does not lead may not change the evaluators either.
    expect((await refusedClick(parent, 'vet.evaluators', BOB)).text).toContain(`Only <@${LEAD}>, who leads`);

    expect(t.fake.callsTo('views.open')).toEqual([]);
    expect(await recorded(id)).toEqual(before);
    expect(before.answers).toEqual([]);
    expect(thread(parent).filter(isQuestion)).toHaveLength(1);
    expect(currentQuestion(parent).updates).toBe(0);
    // Their reply in the thread is kept, and they are told, where they wrote it, that it counts for nothing.
    const told = t.fake.ephemerals.length;
    await t.slack.event({ type: 'message', channel: CHANNEL, channel_type: 'channel', user: OUTSIDER, text: 'They usually review.', ts: '1800000000.000009', thread_ts: parent.ts });
    await t.fake.waitFor(() => t.fake.ephemerals.length > told);
    expect(t.fake.ephemerals.at(-1)).toMatchObject({
      channel: CHANNEL,
      user: OUTSIDER,
      thread_ts: parent.ts,
      text: `Your reply is kept in the record of the *Acme* vetting, but only its named evaluators' notes count. <@${LEAD}> leads it: ask them to add you with \`/vet evaluators Acme add @you\`.`,
    });
    expect((await listNotes(t.db, id)).map((n) => [n.authorId, n.counts])).toEqual([[OUTSIDER, false]]);
    // Finishing is not theirs either.
    expect((await command('finish acme', OUTSIDER)).text).toContain('Only the evaluators of the *Acme* vetting and vet admins can finish it.');
    expect((await t.db.selectFrom('interviews').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('in_progress');
  });

  it('adds, lists and removes evaluators with /vet evaluators, says so in the thread, and audits each change', async () => {
    t = await startTestApp({ env: { VET_ADMINS: 'U0ADMIN' } });
    const parent = await start(`Acme Dev --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const q = currentQuestion(parent);
    await refusedClick(q, 'vet.rate.2', CAROL);

    const posts = postCount();
    const added = await command(`evaluators acme dev add ${mention(CAROL)} ${mention(BOB)}`);
    expect(added.response_type).toBe('ephemeral');
    expect(added.text).toContain(`<@${BOB}> was already an evaluator.`);
    expect(added.text).toContain(`*Evaluators of the Acme Dev vetting:* <@${LEAD}> (leads), <@${BOB}>, <@${CAROL}>.`);
    expect(postCount()).toBe(posts + 1);
    expect(thread(parent).at(-1)!.text).toBe(`<@${LEAD}> added <@${CAROL}> as an evaluator.`);
    await t.fake.waitFor(() => allText(parentNow(parent)).includes(`<@${CAROL}>`));
    await click(q, 'vet.rate.2', CAROL, 1);

    // Listing is for anyone here; changing is for the lead and admins.
    expect((await command('evaluators "Acme Dev"', DAVE)).text).toContain(`(in progress): <@${LEAD}> (leads), <@${BOB}>, <@${CAROL}>.`);
    expect((await command(`evaluators Acme Dev add ${mention(DAVE)}`, BOB)).text).toContain(`Only <@${LEAD}>, who leads the *Acme Dev* vetting, and vet admins`);
    expect((await command(`evaluators Acme Dev remove ${mention(LEAD)}`)).text).toContain('cannot be removed');
    expect((await command('evaluators Acme Dev add @dave')).text).toContain('"@dave" did not reach me as a mention');
    expect((await command(`evaluators Acme add ${mention(DAVE)}`)).text).toContain('No vetting of "Acme" ran in this channel');
    expect((await command(`evaluators Acme Dev add ${mention(DAVE)}`, LEAD)).text).toContain(`<@${DAVE}>`);

    const removed = await command(`evaluators Acme Dev remove ${mention(BOB)}`, 'U0ADMIN');
    expect(removed.text).toContain(`<@${LEAD}> (leads), <@${CAROL}>, <@${DAVE}>.`);
    expect(thread(parent).at(-1)!.text).toBe(`<@U0ADMIN> removed <@${BOB}> from the evaluators.`);
    // Bob keeps nothing: his next click is refused and not recorded.
    const next = currentQuestion(parent);
    const answers = await listAnswers(t.db, id);
    await refusedClick(next, 'vet.rate.1', BOB);
    expect(await listAnswers(t.db, id)).toEqual(answers);

    expect((await listAudit(t.db, id)).filter((e) => e.action.startsWith('evaluator.')).map((e) => [e.action, e.actor, e.detail.userId])).toEqual([
      ['evaluator.added', LEAD, BOB],
      ['evaluator.added', LEAD, CAROL],
      ['evaluator.added', LEAD, DAVE],
      ['evaluator.removed', 'U0ADMIN', BOB],
    ]);
    expect(await evaluatorRows(id)).toEqual([
      { user_id: LEAD, added_by: LEAD },
      { user_id: CAROL, added_by: LEAD },
      { user_id: DAVE, added_by: LEAD },
    ]);
  });

  it('changes evaluators through the Evaluators button and its modal, for the lead only', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const opened = t.fake.views.length;
    await t.slack.click(parent, { actionId: 'vet.evaluators' }, { userId: LEAD });
    await t.fake.waitFor(() => t.fake.views.length > opened);
    const modal = t.fake.views.at(-1)!;
    const picker = modal.view.blocks.find((b: any) => b.type === 'input').element;
    expect(picker).toMatchObject({ type: 'multi_users_select', action_id: 'evaluators', initial_users: [LEAD, BOB] });

    // The lead stays; someone else submitting the lead's modal is refused; neither changes anything.
    expect((await t.slack.submitView(modal.view, { evaluators: [BOB, DAVE] }, { userId: LEAD, viewId: modal.id })).json()).toEqual({
      response_action: 'errors',
      errors: { evaluators: expect.stringContaining('cannot be removed') },
    });
    expect((await t.slack.submitView(modal.view, { evaluators: [LEAD, DAVE, OUTSIDER] }, { userId: OUTSIDER, viewId: modal.id })).json()).toEqual({
      response_action: 'errors',
      errors: { evaluators: 'Only the person who started the Acme vetting (its lead) and vet admins (VET_ADMINS) can change its evaluators.' },
    });
    expect(await evaluatorRows(id)).toHaveLength(2);

    const posts = postCount();
    expect((await t.slack.submitView(modal.view, { evaluators: [LEAD, DAVE] }, { userId: LEAD, viewId: modal.id })).json()).toBeUndefined();
    await t.fake.waitFor(() => postCount() > posts);
    expect(thread(parent).at(-1)!.text).toBe(`<@${LEAD}> added <@${DAVE}> as an evaluator and removed <@${BOB}> from the evaluators.`);
    await t.fake.waitFor(() => allText(parentNow(parent)).includes(`*Evaluators:* <@${LEAD}> (leads), <@${DAVE}>.`));
    expect(await evaluatorRows(id)).toEqual([
      { user_id: LEAD, added_by: LEAD },
      { user_id: DAVE, added_by: LEAD },
    ]);
    expect((await listAudit(t.db, id)).filter((e) => e.action.startsWith('evaluator.')).map((e) => [e.action, e.detail.userId])).toEqual([
      ['evaluator.added', BOB],
      ['evaluator.added', DAVE],
      ['evaluator.removed', BOB],
    ]);
  });

  it('refuses a note modal submitted by someone removed after opening it, and records nothing', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const q = currentQuestion(parent);
    const opened = t.fake.views.length;
    await t.slack.click(q, { actionId: 'vet.note' }, { userId: BOB });
    await t.fake.waitFor(() => t.fake.views.length > opened);
    const modal = t.fake.views.at(-1)!;
    await command(`evaluators Acme remove ${mention(BOB)}`);
    const before = t.fake.ephemerals.length;
    expect((await t.slack.submitView(modal.view, { note: 'They showed PR 42', link: null }, { userId: BOB, viewId: modal.id })).status).toBe(200);
    await t.fake.waitFor(() => t.fake.ephemerals.length > before);
    expect(t.fake.ephemerals.at(-1)).toMatchObject({ channel: CHANNEL, user: BOB, thread_ts: parent.ts, text: expect.stringContaining('Only the named evaluators of the *Acme* vetting') });
    expect(await listNotes(t.db, id)).toEqual([]);
  });
});

describe('people from another organisation (Slack Connect)', () => {
  it('are refused even when named, their replies are kept but marked, and they cannot start a vetting', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(VENDOR_USER)}`);
    const id = await interviewId(parent);
    const q = currentQuestion(parent);
    const before = await recorded(id);
    for (const actionId of ['vet.rate.3', 'vet.evidence.shown', 'vet.note']) {
      const answer = await refusedClick(q, actionId, VENDOR_USER, VENDOR_TEAM);
      expect(answer).toMatchObject({ user: VENDOR_USER, thread_ts: parent.ts });
      expect(answer.text).toContain('another organisation (a Slack Connect channel)');
      // Who leads is not told to someone outside.
      expect(answer.text).not.toContain(LEAD);
    }
    expect(await recorded(id)).toEqual(before);
    expect(t.fake.callsTo('views.open')).toEqual([]);

    // The vendor's reply in the thread is kept, but is not an evaluator's note.
    const updates = updateCount();
    await t.slack.event({
      type: 'message',
      channel: CHANNEL,
      channel_type: 'channel',
      user: VENDOR_USER,
      user_team: VENDOR_TEAM,
      text: 'We follow best practices.',
      ts: '1800000000.000001',
      thread_ts: parent.ts,
    });
    const notes = await until(
      () => listNotes(t.db, id),
      (n) => n.length > 0,
      'the reply to be kept',
    );
    expect(notes).toMatchObject([{ authorId: VENDOR_USER, counts: false, text: 'We follow best practices.' }]);
    // Told it is kept, and not how to be added, since they cannot be.
    await t.fake.waitFor(() => t.fake.ephemerals.some((m) => m.user === VENDOR_USER && (m.text ?? '').startsWith('Your reply is kept')));
    expect(t.fake.ephemerals.filter((m) => m.user === VENDOR_USER).at(-1)!.text).toBe('Your reply is kept in the record of the *Acme* vetting.');
    await new Promise((r) => setTimeout(r, 100));
    expect(updateCount()).toBe(updates);

    await command('finish Acme');
    await command('report Acme');
    await t.fake.waitFor(() => t.fake.uploads.length > 0);
    expect(t.fake.uploads[0]!.content).toContain(`- Note by User ${VENDOR_USER} (${VENDOR_USER}) (not an evaluator) (2026-11-22): We follow best practices.`);

    expect((await command('start Globex', VENDOR_USER, VENDOR_TEAM)).text).toContain('cannot start a vetting here');
    expect(await t.db.selectFrom('interviews').select('id').execute()).toHaveLength(1);
  });
});

describe('a finished interview is a record', () => {
  it('lets only evaluators change it afterwards, audits old and new values, and says "revised after completion"', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = await interviewId(parent);
    const q = currentQuestion(parent);
    await click(q, 'vet.rate.0', LEAD, 1);
    await command('finish acme');
    const { summary_ts } = await t.db.selectFrom('interviews').select('summary_ts').where('id', '=', id).executeTakeFirstOrThrow();
    const summary = () => t.fake.messages({ channel: CHANNEL }).find((m) => m.ts === summary_ts)!;
    expect(allText(summary())).not.toContain('Revised after completion');

    // An outsider's click on the finished interview changes nothing.
    const before = await recorded(id);
    await refusedClick(q, 'vet.skip', OUTSIDER);
    expect(await recorded(id)).toEqual(before);

    // A named evaluator revises: the summary says who and when, the audit keeps old and new.
    t.clock.set('2026-11-23T09:00:00Z');
    const updates = updateCount();
    await t.slack.click(q, { actionId: 'vet.rate.2' }, { userId: LEAD });
    // Slack acks a click before it is recorded: the second waits for the first, so the order of the two is known.
    await t.fake.waitFor(() => allText(summary()).includes('(1 change)'));
    await t.slack.click(q, { actionId: 'vet.evidence.none' }, { userId: BOB });
    await t.fake.waitFor(() => allText(summary()).includes('(2 changes)') && updateCount() > updates);
    expect(allText(summary())).toContain(`_Revised after completion_ by <@${LEAD}> and <@${BOB}>, last on 2026-11-23 (2 changes)`);
    const changes = (await listAudit(t.db, id)).filter((e) => e.action.startsWith('answer.')).slice(-2);
    expect(changes.map((e) => [e.action, e.actor, e.detail.previous, e.detail.value])).toEqual([
      [
        'answer.changed',
        LEAD,
        { status: 'rated', level: 0, evidence: null, fact: null, naReason: null, evidenceSeen: null, choices: null, text: null },
        { status: 'rated', level: 2, evidence: null, fact: null, naReason: null, evidenceSeen: null, choices: null, text: null },
      ],
      ['answer.recorded', BOB, null, { status: 'pending', level: null, evidence: 'none', fact: null, naReason: null, evidenceSeen: null, choices: null, text: null }],
    ]);

    await command('report Acme');
    await t.fake.waitFor(() => t.fake.uploads.length > 0);
    expect(t.fake.uploads[0]!.content).toContain(`- Revised after completion by User ${LEAD} (${LEAD}), User ${BOB} (${BOB}), last on 2026-11-23 (2 changes)`);
  });

  it('refuses flag decisions to outsiders, removed evaluators and Slack Connect users, and lets a named evaluator decide', async () => {
    t = await startTestApp();
    const parent = await start(`Acme --lite --with ${mention(BOB)} ${mention(VENDOR_USER)} ${mention(CAROL)}`);
    const id = await interviewId(parent);
    await click(currentQuestion(parent), 'vet.rate.0', LEAD, 1);
    await command('finish acme');
    await command(`evaluators Acme remove ${mention(CAROL)}`);
    const { summary_ts } = await t.db.selectFrom('interviews').select('summary_ts').where('id', '=', id).executeTakeFirstOrThrow();
    const summary = t.fake.messages({ channel: CHANNEL }).find((m) => m.ts === summary_ts)!;
    const [flag] = await listFlags(t.db, id);
    expect(flag).toBeDefined();

    for (const [userId, team, text] of [
      [OUTSIDER, undefined, `Only the evaluators of the *Acme* vetting, <@${LEAD}> who leads it`],
      [CAROL, undefined, `Only the evaluators of the *Acme* vetting, <@${LEAD}> who leads it`],
      [VENDOR_USER, VENDOR_TEAM, 'another organisation'],
    ] as const) {
      // Told in the thread, where the summary they clicked is.
      const told = t.fake.ephemerals.length;
      await t.slack.click(summary, { actionId: 'vet.flag.resolve' }, { userId, ...(team && { userTeamId: team }) });
      await t.fake.waitFor(() => t.fake.ephemerals.length > told);
      expect(t.fake.ephemerals.at(-1)!, userId).toMatchObject({ user: userId, thread_ts: parent.ts, text: expect.stringContaining(text) });
    }
    expect(t.fake.callsTo('views.open')).toEqual([]);
    expect((await listFlags(t.db, id)).find((f) => f.id === flag!.id)!.status).toBe('open');

    const opened = t.fake.views.length;
    await t.slack.click(summary, { actionId: 'vet.flag.resolve' }, { userId: BOB });
    await t.fake.waitFor(() => t.fake.views.length > opened);
    const modal = t.fake.views.at(-1)!;
    // The same modal submitted by the Slack Connect user is refused; by Bob it is decided.
    expect((await t.slack.submitView(modal.view, { reason: 'fine' }, { userId: VENDOR_USER, userTeamId: VENDOR_TEAM, viewId: modal.id })).json()).toMatchObject({ response_action: 'errors' });
    // A high flag: Bob proposes with what was seen, and it is resolved once a second person (the lead) confirms.
    expect((await t.slack.submitView(modal.view, { reason: 'DPA signed', seen: 'signed DPA on screen share' }, { userId: BOB, viewId: modal.id })).json()).toBeUndefined();
    expect((await listFlags(t.db, id)).find((f) => f.id === flag!.id)).toMatchObject({ status: 'open', proposal: { by: BOB } });
    const views = t.fake.views.length;
    await t.slack.click(t.fake.messages({ channel: CHANNEL }).find((m) => m.ts === summary.ts)!, { actionId: 'vet.flag.resolve', blockId: `flag|${flag!.id}` }, { userId: LEAD });
    await t.fake.waitFor(() => t.fake.views.length > views);
    const confirm = t.fake.views.at(-1)!;
    expect((await t.slack.submitView(confirm.view, {}, { userId: LEAD, viewId: confirm.id })).json()).toBeUndefined();
    expect((await listFlags(t.db, id)).find((f) => f.id === flag!.id)).toMatchObject({ status: 'resolved', statusBy: LEAD });
  });
});
