// End to end: the real Bolt App receiving signed requests, a real SQLite file, a fake Slack Web API.
// The tests drive the interview only from what the bot posted, as a person in Slack would.
import { afterEach, describe, expect, it } from 'vitest';
import { createInterviewFlow } from '../src/flows/interview.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { listAnswers } from '../src/store/answers.js';
import { listNotes } from '../src/store/notes.js';
import type { FakeMessage } from './support/fakeSlack.js';
import { FORM, mention } from './support/slackClient.js';
import { startTestApp, type TestApp } from './support/testApp.js';
import { allText, mrkdwnTexts } from './support/blocks.js';
import { createStore } from '../src/store/store.js';

const CHANNEL = 'C0VET';
const HOSTILE = '<!channel> <@U0BOSS> <https://evil.example|click> & Co';
/** What Slack sends for text typed literally (should_escape): &, < and > escaped, so it never reads as markup. */
const typed = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const actionIds = (m: FakeMessage) => (m.blocks ?? []).flatMap((b: any) => (b.type === 'actions' ? b.elements.map((e: any) => e.action_id) : []));
const isQuestion = (m: FakeMessage) => actionIds(m).some((id: string) => id.startsWith('vet.'));
const postCount = () => t.fake.callsTo('chat.postMessage').length;

async function startInterview(text: string, userId = 'U0ALICE') {
  const before = postCount();
  const reply = await t.slack.command(`start ${text}`, { userId, channelId: CHANNEL });
  expect(reply.status).toBe(200);
  await t.fake.waitFor(() => postCount() >= before + 2);
  const parent = t.fake
    .messages({ channel: CHANNEL })
    .filter((m) => !m.thread_ts)
    .at(-1)!;
  return parent;
}

function thread(parent: FakeMessage) {
  return t.fake.messages({ channel: CHANNEL, thread_ts: parent.ts });
}

function currentQuestion(parent: FakeMessage): FakeMessage {
  return thread(parent).filter(isQuestion).at(-1)!;
}

/** Clicks and waits until the click's consequences (update, next post) have reached the fake. */
async function clickAndWait(message: FakeMessage, actionId: string, userId: string, value?: string, expectPosts = 0) {
  const posts = postCount();
  const updates = t.fake.callsTo('chat.update').length;
  const reply = await t.slack.click(message, { actionId }, { userId, ...(value !== undefined && { value }) });
  expect(reply.status).toBe(200);
  await t.fake.waitFor(() => postCount() >= posts + expectPosts && t.fake.callsTo('chat.update').length > updates);
}

async function openModalAndSubmit(message: FakeMessage, actionId: string, userId: string, values: Record<string, string>) {
  const opened = t.fake.views.length;
  await t.slack.click(message, { actionId }, { userId, triggerId: `trig-${Date.now()}` });
  await t.fake.waitFor(() => t.fake.views.length > opened);
  const view = t.fake.views.at(-1)!;
  return t.slack.submitView(view.view, values, { userId, viewId: view.id });
}

describe('the Slack interview', () => {
  it('runs a whole lite interview from /vet start to the posted summary, driven only by what the bot posted', async () => {
    t = await startTestApp();
    const parent = await startInterview(`${typed(HOSTILE)} --model agency --lite --with ${mention('U0BOB')}`);
    expect(parent.text).toContain('&lt;!channel&gt;');
    const parentText = allText(parent);
    expect(parentText).toContain('<@U0ALICE> started a *lite* interview');
    expect(parentText).toMatch(/Agency\): \d+ questions from the `standard` question bank/);

    let asked = 0;
    for (;;) {
      const q = currentQuestion(parent);
      asked++;
      const header = (q.blocks![0] as any).elements[0].text as string;
      expect(header).toMatch(new RegExp(`· ${asked} of \\d+`));
      const ids = actionIds(q);
      const posts = postCount();
      if (ids.includes('vet.rate.3')) {
        // "Evidence shown" records what was seen, in its modal.
        const updates = t.fake.callsTo('chat.update').length;
        await openModalAndSubmit(q, 'vet.evidence.shown', 'U0ALICE', { seen: 'review thread of PR 4812 on screen share' });
        await t.fake.waitFor(() => t.fake.callsTo('chat.update').length > updates);
        await clickAndWait(q, 'vet.rate.3', 'U0ALICE', undefined, 1);
        // The second evaluator rates the same (now earlier) question; their rating counts in the median.
        await clickAndWait(currentQuestionById(parent, q.ts), 'vet.rate.2', 'U0BOB');
      } else if (ids.includes('vet.fact.date')) {
        await clickAndWait(q, 'vet.fact.date', 'U0ALICE', '2026-06-30', 1);
      } else if (ids.includes('vet.fact.bool.yes')) {
        await clickAndWait(q, 'vet.fact.bool.yes', 'U0BOB', undefined, 1);
      } else {
        const kind = (q.blocks as any[]).flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e: any) => e.action_id === 'vet.fact.open').value;
        const reply = await openModalAndSubmit(q, 'vet.fact.open', 'U0ALICE', kind === 'number' ? { number: '24' } : { list: `Ada Lovelace, ${HOSTILE}\nGrace Hopper` });
        expect(reply.status).toBe(200);
        await t.fake.waitFor(() => postCount() > posts);
      }
      const last = t.fake.callsTo('chat.postMessage').at(-1)!;
      if (last.params.reply_broadcast) break;
      expect(asked).toBeLessThan(20);
    }

    // The summary went to the thread and, as a broadcast reply, to the channel.
    const summaryCall = t.fake.callsTo('chat.postMessage').at(-1)!;
    expect(summaryCall.params).toMatchObject({ channel: CHANNEL, thread_ts: parent.ts, reply_broadcast: 'true' });
    const summaryTs = t.fake.messages({ channel: CHANNEL }).at(-1)!.ts;
    // Its scores are the engine's, computed from what the database holds; a rating that lands after the summary
    // (the second evaluator on the last question) updates the posted summary in place.
    const flow = createInterviewFlow({ store: createStore(t.db), bank: STANDARD_BANK, clock: t.clock });
    const interview = (await flow.findByThread(CHANNEL, parent.ts))!;
    expect(interview.status).toBe('completed');
    const engine = await flow.summary(interview);
    const overall = `*Overall: ${Math.round(engine.scorecard.overall.score!)}/100`;
    const summaryMessage = () => t.fake.messages({ channel: CHANNEL }).find((m) => m.ts === summaryTs)!;
    await t.fake.waitFor(() => allText(summaryMessage()).includes(overall));
    const summaryText = allText(summaryMessage());
    for (const d of engine.scorecard.dimensions) expect(summaryText).toContain(`${d.score === null ? 'not rated' : `${Math.round(d.score)}/100`} · coverage ${Math.round(d.coverage * 100)}%`);
    expect(summaryText).toContain(`${engine.scorecard.counts.scored} of ${engine.scorecard.counts.total} answered`);
    expect(engine.evaluators.sort()).toEqual(['U0ALICE', 'U0BOB']);
    // The parent message now shows the outcome.
    expect(allText(t.fake.messages({ channel: CHANNEL }).find((m) => m.ts === parent.ts)!)).toContain('*Completed:*');
    // Nothing the users typed became a mention or a link anywhere: it arrived as escaped text.
    expect(t.fake.calls.some((c) => mrkdwnTexts(c.params).some((x) => x.includes('&lt;!channel&gt; &lt;@U0BOSS&gt; &lt;https://evil.example|click&gt; &amp; Co')))).toBe(true);
    for (const call of t.fake.calls) {
      const text = mrkdwnTexts(call.params).join('\n');
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<@U0BOSS>');
      expect(text).not.toContain('<https://evil.example|click>');
    }
    const names = (await listAnswers(t.db, interview.id)).find((a) => a.fact?.type === 'list');
    expect(names?.fact).toEqual({ type: 'list', value: ['Ada Lovelace', HOSTILE, 'Grace Hopper'] });
  });

  it('shows who rated what on the question message after each click', async () => {
    t = await startTestApp();
    const parent = await startInterview(`Globex --with ${mention('U0BOB')}`);
    const q = currentQuestion(parent);
    await clickAndWait(q, 'vet.rate.1', 'U0ALICE', undefined, 1);
    const updated = currentQuestionById(parent, q.ts);
    expect(allText(updated)).toContain('<@U0ALICE>: Claimed, vague');
    await clickAndWait(updated, 'vet.rate.3', 'U0BOB');
    const twice = allText(currentQuestionById(parent, q.ts));
    expect(twice).toContain('<@U0ALICE>: Claimed, vague · <@U0BOB>: Evidenced');
    expect(twice).toContain('evaluators disagree');
  });

  it('records a redelivered action and a double click once, and posts the next question once', async () => {
    t = await startTestApp();
    const parent = await startInterview('Initech');
    const q = currentQuestion(parent);
    await Promise.all([t.slack.click(q, { actionId: 'vet.rate.2' }, { userId: 'U0ALICE' }), t.slack.click(q, { actionId: 'vet.rate.2' }, { userId: 'U0ALICE' })]);
    await t.slack.click(q, { actionId: 'vet.rate.2' }, { userId: 'U0ALICE', retryNum: 1 });
    await t.fake.waitFor(() => thread(parent).filter(isQuestion).length >= 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(thread(parent).filter(isQuestion)).toHaveLength(2);
    const interview = (await createInterviewFlow({ store: createStore(t.db), bank: STANDARD_BANK, clock: t.clock }).findByThread(CHANNEL, parent.ts))!;
    expect(await listAnswers(t.db, interview.id)).toHaveLength(1);
  });

  it('records a human thread reply as a note on the current question, once, and ignores bots, edits and deletions', async () => {
    t = await startTestApp();
    const parent = await startInterview(`Hooli --with ${mention('U0BOB')}`);
    const q = currentQuestion(parent);
    const reply = { type: 'message', channel: CHANNEL, channel_type: 'channel', user: 'U0BOB', text: `They said ${HOSTILE}`, ts: '1800000000.000001', thread_ts: parent.ts };
    expect((await t.slack.event(reply, { eventId: 'Ev1' })).status).toBe(200);
    await t.fake.waitFor(() => t.fake.callsTo('chat.update').length >= 1);
    expect((await t.slack.event(reply, { eventId: 'Ev1', retryNum: 1 })).status).toBe(200);
    await t.slack.event({ ...reply, ts: '1800000000.000002', bot_id: 'B0OTHER', text: 'bot chatter' });
    await t.slack.event({ type: 'message', subtype: 'message_changed', channel: CHANNEL, ts: '1800000000.000003', message: { ...reply, text: 'edited' }, previous_message: reply });
    await t.slack.event({ type: 'message', subtype: 'message_deleted', channel: CHANNEL, ts: '1800000000.000004', deleted_ts: reply.ts, previous_message: reply });
    await t.slack.event({ ...reply, ts: '1800000000.000005', thread_ts: undefined, text: 'not in the thread' });
    await new Promise((r) => setTimeout(r, 200));
    const interview = (await createInterviewFlow({ store: createStore(t.db), bank: STANDARD_BANK, clock: t.clock }).findByThread(CHANNEL, parent.ts))!;
    const notes = await listNotes(t.db, interview.id);
    expect(notes.map((n) => [n.questionId, n.authorId, n.text])).toEqual([[q.blocks && interview.questions[0]!.id, 'U0BOB', `They said ${HOSTILE}`]]);
    expect(t.fake.callsTo('chat.update')).toHaveLength(1);
    // A redelivered event (same event id) is handled once, even one whose handling is not naturally idempotent.
    const home = { type: 'app_home_opened', user: 'U0BOB', channel: 'D0BOB', tab: 'home' };
    await t.slack.event(home, { eventId: 'EvHome' });
    await t.slack.event(home, { eventId: 'EvHome', retryNum: 1 });
    await t.fake.waitFor(() => t.fake.callsTo('views.publish').length >= 1);
    await new Promise((r) => setTimeout(r, 150));
    expect(t.fake.callsTo('views.publish')).toHaveLength(1);
    const shown = allText(currentQuestionById(parent, q.ts));
    expect(shown).toContain('*Notes (1):* latest from <@U0BOB>');
    expect(shown).toContain('&lt;!channel&gt; &lt;@U0BOSS&gt; &lt;https://evil.example|click&gt; &amp; Co');
  });

  it('adds a note with an evidence link through the modal, and refuses a bad link with a field error', async () => {
    t = await startTestApp();
    const parent = await startInterview('Umbrella');
    const q = currentQuestion(parent);
    const bad = await openModalAndSubmit(q, 'vet.note', 'U0ALICE', { note: 'Showed the PR list', link: 'not a url' });
    expect(bad.json()).toEqual({ response_action: 'errors', errors: { link: expect.stringContaining('http') } });
    const view = t.fake.views.at(-1)!;
    const updates = t.fake.callsTo('chat.update').length;
    const ok = await t.slack.submitView(view.view, { note: 'Showed the PR list for PR 123', link: 'https://git.example/pr/123' }, { userId: 'U0ALICE', viewId: view.id });
    expect(ok.status).toBe(200);
    await t.fake.waitFor(() => t.fake.callsTo('chat.update').length > updates);
    const interview = (await createInterviewFlow({ store: createStore(t.db), bank: STANDARD_BANK, clock: t.clock }).findByThread(CHANNEL, parent.ts))!;
    expect((await listNotes(t.db, interview.id)).map((n) => [n.text, n.link])).toEqual([['Showed the PR list for PR 123', 'https://git.example/pr/123']]);
  });

  it('rejects requests with a bad or stale signature with 401 and changes nothing', async () => {
    t = await startTestApp();
    const body = new URLSearchParams({
      command: '/vet',
      text: 'start Evil Corp',
      user_id: 'U0X',
      channel_id: CHANNEL,
      team_id: 'T0FAKE',
      response_url: t.fake.responseUrl(),
      trigger_id: 't',
    }).toString();
    const forged = await t.slack.raw(body, { contentType: FORM, signature: 'v0=deadbeef' });
    const stale = await t.slack.raw(body, { contentType: FORM, timestamp: Math.floor(Date.now() / 1000) - 60 * 10 });
    expect(forged.status).toBe(401);
    expect(stale.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(t.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    expect(await t.db.selectFrom('interviews').selectAll().execute()).toEqual([]);
  });

  it('answers help with the usage, and unknown subcommands and missing vendor names in one line pointing to /vet help', async () => {
    t = await startTestApp();
    for (const text of ['', 'help', 'frobnicate <!here>', 'start', 'start --lite', 'status', 'start Acme --model outsourcer']) {
      const before = t.fake.responses.length;
      await t.slack.command(text, { userId: 'U0ALICE', channelId: CHANNEL });
      await t.fake.waitFor(() => t.fake.responses.length > before);
      const answer = t.fake.responses.at(-1)!.body;
      expect(answer.response_type).toBe('ephemeral');
      if (text === '' || text === 'help') expect(allText(answer)).toContain('/vet start <vendor>');
      else {
        expect(answer.text.split('\n')).toHaveLength(1);
        expect(answer.text).toMatch(/ `\/vet help` lists every command\.$/);
        expect(allText(answer)).not.toContain('/vet start <vendor>');
      }
      expect(allText(answer)).not.toContain('<!here>');
    }
    const texts = t.fake.responses.map((r) => r.body.text as string);
    expect(texts[2]).toContain('I don\'t know the command "frobnicate"');
    expect(texts[3]).toContain('`/vet start` needs a vendor name');
    expect(texts[5]).toContain('`/vet status` needs a vendor name');
    expect(texts[6]).toContain('Unknown engagement model "outsourcer"');
    expect(t.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('keeps a vendor name as typed: Slack sends &, < and > escaped in command text', async () => {
    t = await startTestApp();
    await t.slack.command('start AT&amp;T &lt;Labs&gt; --lite', { userId: 'U0ALICE', channelId: CHANNEL });
    await t.fake.waitFor(() => postCount() >= 2);
    const interview = (await createInterviewFlow({ store: createStore(t.db), bank: STANDARD_BANK, clock: t.clock }).findInProgress('AT&T <Labs>', CHANNEL))!;
    expect(interview.vendor.name).toBe('AT&T <Labs>');
    expect(mrkdwnTexts(t.fake.messages({ channel: CHANNEL })[0]!).join('\n')).toContain('*AT&amp;T &lt;Labs&gt;*');
  });

  it('suggests the closest vendor for a misspelt name, and keeps reports in the channel of the interview', async () => {
    t = await startTestApp();
    await startInterview('Wonka Industries');
    const ask = async (text: string, channelId = CHANNEL) => {
      const before = t.fake.responses.length;
      await t.slack.command(text, { userId: 'U0ALICE', channelId });
      await t.fake.waitFor(() => t.fake.responses.length > before);
      return t.fake.responses.at(-1)!.body.text as string;
    };
    expect(await ask('status wonka industies')).toContain('Did you mean "Wonka Industries"?');
    expect(await ask('finish Wonka Industrie')).toContain('Did you mean "Wonka Industries"?');
    expect(await ask('report wonka industries', 'C0SHARED')).toContain(`only in the channel where it was interviewed, <#${CHANNEL}>`);
    expect(t.fake.uploads).toEqual([]);
  });

  it('points to the running interview instead of starting a second one', async () => {
    t = await startTestApp();
    const parent = await startInterview('Acme Dev');
    const before = t.fake.responses.length;
    await t.slack.command('start acme  dev --lite', { userId: 'U0BOB', channelId: CHANNEL });
    await t.fake.waitFor(() => t.fake.responses.length > before);
    const answer = t.fake.responses.at(-1)!.body;
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain(`already has an interview in progress in this channel: <https://fake.slack.test/archives/${CHANNEL}/p${parent.ts.replace('.', '')}|open the thread>`);
    expect(t.fake.messages({ channel: CHANNEL }).filter((m) => !m.thread_ts)).toHaveLength(1);
  });

  it('joins a public channel by itself, and explains how to invite it into a private one', async () => {
    t = await startTestApp();
    t.fake.setChannel('C0PUBLIC', { isPrivate: false, botIsMember: false });
    t.fake.setChannel('G0PRIVATE', { isPrivate: true, botIsMember: false });
    await t.slack.command('start Acme', { userId: 'U0ALICE', channelId: 'C0PUBLIC' });
    await t.fake.waitFor(() => t.fake.messages({ channel: 'C0PUBLIC' }).length >= 2);
    expect(t.fake.callsTo('conversations.join').map((c) => c.params.channel)).toEqual(['C0PUBLIC']);

    await t.slack.command('start Acme', { userId: 'U0ALICE', channelId: 'G0PRIVATE' });
    await t.fake.waitFor(() => t.fake.responses.length >= 1);
    expect(t.fake.responses[0]!.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/invite @vet') });
    // Nothing half-started is left behind: the same command works once the bot is invited.
    t.fake.setChannel('G0PRIVATE', { isPrivate: true, botIsMember: true });
    await t.slack.command('start Acme', { userId: 'U0ALICE', channelId: 'G0PRIVATE' });
    await t.fake.waitFor(() => t.fake.messages({ channel: 'G0PRIVATE' }).length >= 2);
  });

  it('keeps what was recorded when Slack errors or rate-limits, and retries where it makes sense', async () => {
    t = await startTestApp();
    const parent = await startInterview('Soylent');
    const q = currentQuestion(parent);
    t.fake.failNext('chat.update', { error: 'internal_error' });
    t.fake.failNext('chat.postMessage', { rateLimited: 0 });
    const posts = postCount();
    await t.slack.click(q, { actionId: 'vet.rate.2' }, { userId: 'U0ALICE' });
    // The rate-limited post of the next question is retried and lands once.
    await t.fake.waitFor(() => postCount() >= posts + 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(thread(parent).filter(isQuestion)).toHaveLength(2);
    const interview = (await createInterviewFlow({ store: createStore(t.db), bank: STANDARD_BANK, clock: t.clock }).findByThread(CHANNEL, parent.ts))!;
    expect((await listAnswers(t.db, interview.id)).map((a) => a.level)).toEqual([2]);
  });

  it('posts a question Slack refused earlier when someone asks /vet status', async () => {
    t = await startTestApp();
    const parent = await startInterview('Wonka');
    const q = currentQuestion(parent);
    t.fake.failNext('chat.postMessage', { error: 'internal_error' });
    await t.slack.click(q, { actionId: 'vet.rate.2' }, { userId: 'U0ALICE' });
    await t.fake.waitFor(() => t.fake.responses.length >= 1);
    expect(t.fake.responses[0]!.body.text).toContain('/vet status');
    expect(thread(parent).filter(isQuestion)).toHaveLength(1);

    await t.slack.command('status wonka', { userId: 'U0ALICE', channelId: CHANNEL });
    await t.fake.waitFor(() => t.fake.responses.length >= 2);
    const questions = thread(parent).filter(isQuestion);
    expect(questions).toHaveLength(2);
    expect((questions[1]!.blocks![0] as any).elements[0].text).toContain('2 of');
    // Answering it moves on as usual: its message is known now.
    await clickAndWait(questions[1]!, 'vet.rate.2', 'U0ALICE', undefined, 1);
    expect(thread(parent).filter(isQuestion)).toHaveLength(3);
  });

  it('reports progress with /vet status and ends early with /vet finish', async () => {
    t = await startTestApp();
    const parent = await startInterview(`Tyrell --model managed-services --with ${mention('U0BOB')}`);
    await clickAndWait(currentQuestion(parent), 'vet.rate.0', 'U0ALICE', undefined, 1);
    await t.slack.command('status tyrell', { userId: 'U0BOB', channelId: CHANNEL });
    await t.fake.waitFor(() => t.fake.responses.length >= 1);
    const status = t.fake.responses[0]!.body;
    expect(status.response_type).toBe('ephemeral');
    expect(status.text).toMatch(/\*Tyrell\*: interview in progress · <https:\/\/fake\.slack\.test\/archives\/C0VET\/p\d+\|open the thread>/);
    expect(status.text).toMatch(/2 of \d+ questions asked, 1 answered · evaluators: <@U0ALICE>/);

    const posts = postCount();
    await t.slack.command('finish TYRELL', { userId: 'U0BOB', channelId: CHANNEL });
    await t.fake.waitFor(() => postCount() > posts && t.fake.responses.length >= 2);
    const summary = t.fake.callsTo('chat.postMessage').at(-1)!.params;
    expect(summary.reply_broadcast).toBe('true');
    expect(allText(summary)).toContain('Vetting summary: Tyrell');
    expect(allText(summary)).toMatch(/unanswered/);
    expect(allText(summary)).toContain('finished by <@U0BOB>');
    await t.slack.command('finish Tyrell', { userId: 'U0BOB', channelId: CHANNEL });
    await t.fake.waitFor(() => t.fake.responses.length >= 3);
    expect(t.fake.responses[2]!.body.text).toContain('There is no interview of "Tyrell" in progress in this channel');
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(posts + 1);
  });
});

function currentQuestionById(parent: FakeMessage, ts: string): FakeMessage {
  return thread(parent).find((m) => m.ts === ts)!;
}

describe('the example start command', () => {
  it("is one command with the sandbox's own people, in README, the start-up log, the sandbox page and usage errors", async () => {
    const { START_COMMAND } = await import('../src/slack/command.js');
    const { readFileSync } = await import('node:fs');
    expect(START_COMMAND).toBe('/vet start Acme Dev --lite --with @sam @rio');
    for (const file of ['README.md', 'sandbox-ui/messages.js']) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).toContain(START_COMMAND);
      // No other example start command competes with it.
      expect(text.match(/\/vet start Acme[^`'\n]*/g)?.filter((c) => c !== START_COMMAND) ?? [], file).toEqual([]);
    }
    expect(readFileSync('src/app.ts', 'utf8')).toContain('type ${START_COMMAND}');
    t = await startTestApp();
    await t.slack.command('start', { userId: 'U0ALICE', channelId: CHANNEL });
    await t.fake.waitFor(() => t.fake.responses.length > 0);
    expect(t.fake.responses.at(-1)!.body.text).toContain(`\`${START_COMMAND}\``);
  });
});
