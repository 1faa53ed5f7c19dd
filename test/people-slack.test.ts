// End to end: knowing who is from another organisation (Slack Connect) or a bot, and saying so when Slack cannot
// tell. Signed requests to the real Bolt app, a real SQLite file, and the Slack stand-in, which knows each person's
// team (users.info) the way Slack does; payloads that name no team (the Home tab) make the bot ask it.
import { afterEach, describe, expect, it } from 'vitest';
import { listAnswers } from '../src/store/answers.js';
import { listAudit } from '../src/store/audit.js';
import { listNotes } from '../src/store/notes.js';
import type { FakeMessage } from './support/fakeSlack.js';
import { allText } from './support/blocks.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { mention } from './support/slackClient.js';

const CHANNEL = 'C0VET';
const LEAD = 'U0ALICE';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';
/** A Slack Connect user: the vendor's own organisation. */
const VENDOR_USER = 'U0VENDOR';
const VENDOR_TEAM = 'T0VENDOR';
/** Someone of another organisation Slack shows the app as a stranger (no channel shared with them). */
const STRANGER = 'W0STRANGE';
/** Another app's bot user in the workspace. */
const DEPLOY_BOT = 'U0DEPLOY';

const CANNOT_CHECK = 'I could not check with Slack who you are just now; nothing was recorded. Try again in a moment.';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

async function open(): Promise<void> {
  t = await startTestApp();
  t.fake.setUser(VENDOR_USER, { teamId: VENDOR_TEAM, realName: 'Val Vendor' });
  t.fake.setUser(STRANGER, { teamId: 'T0ELSE', isStranger: true, realName: 'Sam Stranger' });
  t.fake.setUser(DEPLOY_BOT, { isBot: true, realName: 'Deploy Bot' });
}

const postCount = () => t.fake.callsTo('chat.postMessage').length;
const thread = (parent: FakeMessage) => t.fake.messages({ channel: CHANNEL, thread_ts: parent.ts });
const isQuestion = (m: FakeMessage) => (m.blocks ?? []).some((b: any) => b.type === 'actions' && b.elements.some((e: any) => /^vet\.rate/.test(e.action_id)));

/** `/vet <text>`, resolving to every answer it got (an ephemeral response each). */
async function command(text: string, userId = LEAD, opts: { userTeamId?: string; answers?: number } = {}): Promise<any[]> {
  const before = t.fake.responses.length;
  expect((await t.slack.command(text, { userId, channelId: CHANNEL, ...(opts.userTeamId && { userTeamId: opts.userTeamId }) })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.responses.length >= before + (opts.answers ?? 1));
  return t.fake.responses.slice(before).map((r) => r.body);
}

/** `/vet start <text>` that starts: resolves to the parent message and the answers to the lead (none when all went well). */
async function start(text: string, answers = 0): Promise<{ parent: FakeMessage; answers: any[] }> {
  const [posts, responses] = [postCount(), t.fake.responses.length];
  expect((await t.slack.command(`start ${text}`, { userId: LEAD, channelId: CHANNEL })).status).toBe(200);
  await t.fake.waitFor(() => postCount() >= posts + 2 && t.fake.responses.length >= responses + answers);
  return {
    parent: t.fake
      .messages({ channel: CHANNEL })
      .filter((m) => !m.thread_ts)
      .at(-1)!,
    answers: t.fake.responses.slice(responses).map((r) => r.body),
  };
}

async function evaluatorsOf(vendor: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('interview_evaluators')
    .innerJoin('interviews', 'interviews.id', 'interview_evaluators.interview_id')
    .innerJoin('vendors', 'vendors.id', 'interviews.vendor_id')
    .select('interview_evaluators.user_id')
    .where('vendors.name', '=', vendor)
    .orderBy('interview_evaluators.user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * Lets Bolt verify its token (its own auth.test, on the first request it receives), so that the next auth.test is
 * the bot's question about its team.
 */
async function learnOwnToken(): Promise<void> {
  // A message outside any thread: Bolt checks its token (auth.test), and nothing asks who anyone is. (Every /vet
  // command now asks who is typing, which would also teach the bot its own team.)
  const asked = t.fake.callsTo('auth.test').length;
  expect((await t.slack.event({ type: 'message', channel: CHANNEL, channel_type: 'channel', user: BOB, text: 'hello', ts: '1700000999.000001' })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.callsTo('auth.test').length > asked);
}

/** Publishes `userId`'s Home tab (the event names no team, as on Slack) and resolves to it. */
async function home(userId: string): Promise<any> {
  const before = t.fake.callsTo('views.publish').length;
  expect((await t.slack.event({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' })).status).toBe(200);
  await t.fake.waitFor(() => t.fake.callsTo('views.publish').length > before);
  return t.fake.callsTo('views.publish').at(-1)!.params.view;
}

describe('the Home tab of someone from another organisation', () => {
  it('shows no vetting: Slack says their team, which the event does not carry; its answer is kept for a minute', async () => {
    await open();
    await start('Acme Dev --lite');
    expect(allText(await home(BOB))).toContain('Acme Dev');
    for (const guest of [VENDOR_USER, STRANGER]) {
      const view = await home(guest);
      expect(allText(view), guest).not.toContain('Acme Dev');
    }
    const asked = () => t.fake.callsTo('users.info').filter((c) => c.params.user === VENDOR_USER).length;
    expect(asked()).toBe(1);
    await home(VENDOR_USER);
    expect(asked()).toBe(1);
    t.clock.advance(61_000);
    await home(VENDOR_USER);
    expect(asked()).toBe(2);
  });

  it('shows nothing, and says why, when Slack cannot say who opened it; the next opening asks again', async () => {
    await open();
    await start('Acme Dev --lite');
    t.fake.failNext('users.info', { error: 'internal_error' });
    const view = await home(BOB);
    expect(allText(view)).not.toContain('Acme Dev');
    expect(allText(view)).toContain('I could not check with Slack who you are just now, so nothing is shown here.');
    expect(allText(await home(BOB))).toContain('Acme Dev');
  });
});

describe('naming evaluators', () => {
  it('leaves out, by name, people from another organisation and bots named with --with, and names those taken', async () => {
    await open();
    const { parent, answers } = await start(`Acme --lite --with ${mention(BOB)} ${mention(VENDOR_USER)} ${mention(DEPLOY_BOT)} ${mention(STRANGER)}`, 1);
    expect(await evaluatorsOf('Acme')).toEqual([LEAD, BOB].sort());
    expect(allText(parent)).toContain(`*Evaluators:* <@${LEAD}> (leads), <@${BOB}>.`);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(answers[0].text).toBe(
      [
        `<@${VENDOR_USER}> and <@${STRANGER}> are from another organisation (Slack Connect) and cannot be evaluators: only people of the team that runs the vetting take part.`,
        `<@${DEPLOY_BOT}> is a bot and cannot be an evaluator: only people rate.`,
        `*Evaluators of the Acme vetting:* <@${LEAD}> (leads), <@${BOB}>.`,
      ].join('\n'),
    );
    // The interview runs as usual.
    expect(thread(parent).filter(isQuestion)).toHaveLength(1);
  });

  it('says nothing more when everyone named may evaluate', async () => {
    await open();
    const responses = t.fake.responses.length;
    await start(`Acme --lite --with ${mention(BOB)}`);
    expect(await evaluatorsOf('Acme')).toEqual([LEAD, BOB].sort());
    await new Promise((r) => setTimeout(r, 50));
    expect(t.fake.responses.length).toBe(responses);
  });

  it('adds with /vet evaluators only people of this organisation, naming the others and why', async () => {
    await open();
    const { parent } = await start('Acme Dev --lite');
    const posts = postCount();
    const [answer] = await command(`evaluators Acme Dev add ${mention(VENDOR_USER)} ${mention(CAROL)} ${mention(DEPLOY_BOT)}`);
    expect(answer.text).toBe(
      [
        `<@${VENDOR_USER}> is from another organisation (Slack Connect) and cannot be an evaluator: only people of the team that runs the vetting take part.`,
        `<@${DEPLOY_BOT}> is a bot and cannot be an evaluator: only people rate.`,
        `*Evaluators of the Acme Dev vetting:* <@${LEAD}> (leads), <@${CAROL}>.`,
      ].join('\n'),
    );
    expect(await evaluatorsOf('Acme Dev')).toEqual([LEAD, CAROL].sort());
    expect(postCount()).toBe(posts + 1);
    expect(thread(parent).at(-1)!.text).toBe(`<@${LEAD}> added <@${CAROL}> as an evaluator.`);

    // Only people who may not evaluate: nothing changes, and the answer says why.
    const [none] = await command(`evaluators Acme Dev add ${mention(DEPLOY_BOT)}`);
    expect(none.text).toBe(
      [`<@${DEPLOY_BOT}> is a bot and cannot be an evaluator: only people rate.`, 'Nothing changed.', `*Evaluators of the Acme Dev vetting:* <@${LEAD}> (leads), <@${CAROL}>.`].join('\n'),
    );
    // Someone who may not change the evaluators hears that, not who would have been left out.
    const [refused] = await command(`evaluators Acme Dev add ${mention(VENDOR_USER)}`, BOB);
    expect(refused.text).toContain(`Only <@${LEAD}>, who leads the *Acme Dev* vetting, and vet admins`);
    expect(refused.text).not.toContain(VENDOR_USER);
    const id = (await t.db.selectFrom('interviews').select('id').executeTakeFirstOrThrow()).id;
    const added = (await listAudit(t.db, id)).filter((e) => e.action === 'evaluator.added').map((e) => e.detail.userId);
    expect(added).toEqual([CAROL]);
  });

  it('keeps the Evaluators modal open while it lists someone of another organisation or a bot, naming them', async () => {
    await open();
    const { parent } = await start(`Acme --lite --with ${mention(BOB)}`);
    const opened = t.fake.views.length;
    await t.slack.click(parent, { actionId: 'vet.evaluators' }, { userId: LEAD });
    await t.fake.waitFor(() => t.fake.views.length > opened);
    const modal = t.fake.views.at(-1)!;
    expect(allText(modal.view)).toContain('People from another organisation (Slack Connect) and bots cannot be evaluators.');

    const submit = async (evaluators: string[]) => (await t.slack.submitView(modal.view, { evaluators }, { userId: LEAD, viewId: modal.id })).json();
    expect(await submit([LEAD, BOB, VENDOR_USER, DEPLOY_BOT, CAROL])).toEqual({
      response_action: 'errors',
      errors: { evaluators: 'Val Vendor is from another organisation (Slack Connect) and Deploy Bot is a bot, so they cannot be evaluators: remove them all and save again.' },
    });
    expect(await submit([LEAD, STRANGER])).toEqual({
      response_action: 'errors',
      errors: { evaluators: 'Sam Stranger is from another organisation (Slack Connect), so they cannot be an evaluator: remove them and save again.' },
    });
    expect(await evaluatorsOf('Acme')).toEqual([LEAD, BOB].sort());

    const posts = postCount();
    expect(await submit([LEAD, BOB, CAROL])).toBeUndefined();
    await t.fake.waitFor(() => postCount() > posts);
    expect(await evaluatorsOf('Acme')).toEqual([LEAD, BOB, CAROL].sort());
  });
});

describe('the red-flag digest', () => {
  it('cannot be switched, moved or posted by someone from another organisation; people of this one can', async () => {
    await open();
    await start('Acme --lite');
    const schedule = () => t.db.selectFrom('digest_schedules').selectAll().where('channel_id', '=', CHANNEL).executeTakeFirstOrThrow();
    const before = await schedule();
    const posts = postCount();
    const what = 'vet is the vendor-vetting assistant of the team that uses it; if you are answering their questions in a shared channel, your answers go to the team that asked.';
    for (const text of ['digest off', 'digest on', 'digest schedule friday 16:00', 'digest now']) {
      const [answer] = await command(text, VENDOR_USER, { userTeamId: VENDOR_TEAM });
      expect(answer.text, text).toBe(`You are signed in from another organisation (a Slack Connect channel), so you cannot change this channel's red-flag digest here: ${what}`);
    }
    // Someone of another organisation is told what vet is and nothing of a vetting (issue 21), not even its digest's slot.
    expect((await command('digest', VENDOR_USER, { userTeamId: VENDOR_TEAM }))[0].text).toBe(what);
    expect(await schedule()).toEqual(before);
    expect(postCount()).toBe(posts);

    // Anyone of this organisation may read when it runs, and switch it off.
    expect((await command('digest', BOB))[0].text).toContain("This channel's red-flag digest is posted on");
    expect((await command('digest off', BOB))[0].text).toContain('digest is off');
    expect((await schedule()).enabled).toBe(0);
  });
});

describe('when Slack cannot say who someone is', () => {
  it('records nothing for a command when auth.test fails, and asks again next time', async () => {
    await open();
    await learnOwnToken();
    const asked = t.fake.callsTo('auth.test').length;
    t.fake.failNext('auth.test', { error: 'internal_error' });
    const [answer] = await command('start Acme --lite');
    expect(t.fake.callsTo('auth.test').length).toBe(asked + 1);
    expect(answer.text).toBe(CANNOT_CHECK);
    expect(await t.db.selectFrom('interviews').select('id').execute()).toEqual([]);
    expect(postCount()).toBe(0);

    await start('Acme --lite');
    expect(await t.db.selectFrom('interviews').select('id').execute()).toHaveLength(1);
  });

  it('does not name an evaluator it could not check, and says so', async () => {
    await open();
    // The lead's own team comes with the command; the named person's needs users.info, which fails.
    t.fake.failNext('users.info', { error: 'ratelimited' });
    const { answers } = await start(`Acme --lite --with ${mention(BOB)}`, 1);
    expect(answers[0].text).toBe(
      [
        `I could not check with Slack who <@${BOB}> is just now, so I did not add them. Try again in a moment with \`/vet evaluators Acme add @person\`.`,
        `*Evaluators of the Acme vetting:* <@${LEAD}> (leads).`,
      ].join('\n'),
    );
    expect(await evaluatorsOf('Acme')).toEqual([LEAD]);
    // The failure is not remembered: asked again, Bob is added.
    const [added] = await command(`evaluators Acme add ${mention(BOB)}`);
    expect(added.text).toContain(`*Evaluators of the Acme vetting:* <@${LEAD}> (leads), <@${BOB}>.`);
  });

  it('saves nothing from the Evaluators modal when a pick cannot be checked', async () => {
    await open();
    const { parent } = await start('Acme --lite');
    const opened = t.fake.views.length;
    await t.slack.click(parent, { actionId: 'vet.evaluators' }, { userId: LEAD });
    await t.fake.waitFor(() => t.fake.views.length > opened);
    const modal = t.fake.views.at(-1)!;
    t.fake.failNext('users.info', { error: 'internal_error' });
    expect((await t.slack.submitView(modal.view, { evaluators: [LEAD, CAROL] }, { userId: LEAD, viewId: modal.id })).json()).toEqual({
      response_action: 'errors',
      errors: { evaluators: 'I could not check with Slack who one of the people picked is just now; nothing was changed. Try again in a moment.' },
    });
    expect(await evaluatorsOf('Acme')).toEqual([LEAD]);
  });

  it('keeps no thread reply under a guess: it is not stored, the writer is told, and a later reply is kept as theirs', async () => {
    await open();
    const { parent } = await start(`Acme --lite --with ${mention(BOB)}`);
    const id = (await t.db.selectFrom('interviews').select('id').executeTakeFirstOrThrow()).id;
    // A thread reply from this workspace names no team: the bot asks users.info (Bob's answer from naming him is
    // no longer kept a minute later), which fails once.
    t.clock.advance(61_000);
    t.fake.failNext('users.info', { error: 'internal_error' });
    const ephemerals = t.fake.ephemerals.length;
    await t.slack.event({ type: 'message', channel: CHANNEL, channel_type: 'channel', user: BOB, text: 'They showed the pen test.', ts: '1800000000.000001', thread_ts: parent.ts });
    await t.fake.waitFor(() => t.fake.ephemerals.length > ephemerals);
    expect(t.fake.ephemerals.at(-1)).toMatchObject({
      user: BOB,
      thread_ts: parent.ts,
      text: 'I could not check with Slack who you are just now, so your reply was not recorded as a note. Post it again in a moment.',
    });
    expect(await listNotes(t.db, id)).toEqual([]);

    const updates = t.fake.callsTo('chat.update').length;
    await t.slack.event({ type: 'message', channel: CHANNEL, channel_type: 'channel', user: BOB, text: 'They showed the pen test.', ts: '1800000000.000002', thread_ts: parent.ts });
    await t.fake.waitFor(() => t.fake.callsTo('chat.update').length > updates);
    expect(await listNotes(t.db, id)).toMatchObject([{ authorId: BOB, text: 'They showed the pen test.' }]);
  });

  it('answers a click with the same words and records nothing', async () => {
    await open();
    const { parent } = await start(`Acme --lite --with ${mention(BOB)}`);
    const question = thread(parent).filter(isQuestion).at(-1)!;
    const id = (await t.db.selectFrom('interviews').select('id').executeTakeFirstOrThrow()).id;
    const target = t.target;
    await t.close();
    // Restarted, the bot has yet to learn its own team, which the check of a click (naming the clicker's team) needs.
    t = await startTestApp({ target });
    await learnOwnToken();
    t.fake.failNext('auth.test', { error: 'internal_error' });
    const responses = t.fake.responses.length;
    expect((await t.slack.click(question, { actionId: 'vet.rate.2' }, { userId: BOB })).status).toBe(200);
    await t.fake.waitFor(() => t.fake.responses.length > responses);
    expect(t.fake.responses.at(-1)!.body).toMatchObject({ response_type: 'ephemeral', text: CANNOT_CHECK });
    expect(await listAnswers(t.db, id)).toEqual([]);
  });
});
