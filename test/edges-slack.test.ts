// A modal's private_metadata comes back from the client: it may name what the person acts on, never where the bot
// posts or which URL it calls. Forged submissions, signed as Slack signs them, show that it does not redirect a post.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listFlags } from '../src/store/flags.js';
import { actionIds, isQuestion } from './support/blocks.js';
import type { FakeMessage } from './support/fakeSlack.js';
import { CORE_TEAM, checklistValues } from './support/checklist.js';
import { startTestApp, type TestApp } from './support/testApp.js';

const CHANNEL = 'C0VET';
const STARTER = 'U0ALICE';
/** A risk owner: the second pair of eyes that confirms a high flag's resolution. */
const OWNER = 'U0CASEY';

let t: TestApp;
let attacker: { url: string; hits: IncomingMessage[]; close(): Promise<void> } | undefined;

afterEach(async () => {
  await t?.close();
  await attacker?.close();
  attacker = undefined;
});

/** A server that should never hear from the bot: it counts every request. */
async function startAttacker() {
  const hits: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    hits.push(req);
    res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/steal`;
  return { url, hits, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const posts = () => t.fake.callsTo('chat.postMessage').length;
const updatesOf = (ts: string) => t.fake.callsTo('chat.update').filter((c) => c.params.ts === ts).length;

/** A lite interview of Acme Dev, every question answered with its worst answer, finished: its summary has flags. */
async function flaggedSummary(): Promise<{ parent: FakeMessage; summary: FakeMessage }> {
  const before = posts();
  await t.slack.command('start Acme Dev --lite', { userId: STARTER, channelId: CHANNEL });
  await t.fake.waitFor(() => posts() >= before + 2);
  const parent = t.fake
    .messages({ channel: CHANNEL })
    .filter((m) => !m.thread_ts)
    .at(-1)!;
  for (let n = 0; n < 3; n++) {
    const q = t.fake.messages({ channel: CHANNEL, thread_ts: parent.ts }).filter(isQuestion).at(-1)!;
    const actionId = ['vet.rate.0', 'vet.fact.none', 'vet.fact.bool.no', 'vet.skip'].find((id) => actionIds(q).includes(id))!;
    const p = posts();
    await t.slack.click(q, { actionId }, { userId: STARTER });
    await t.fake.waitFor(() => posts() > p);
  }
  const responses = t.fake.responses.length;
  await t.slack.command('finish Acme Dev', { userId: STARTER, channelId: CHANNEL });
  await t.fake.waitFor(() => t.fake.responses.length > responses);
  const { summary_ts } = await t.db.selectFrom('interviews').select('summary_ts').where('thread_ts', '=', parent.ts).executeTakeFirstOrThrow();
  return { parent, summary: t.fake.messages({ channel: CHANNEL }).find((m) => m.ts === summary_ts)! };
}

describe('modal metadata sent back by the client', () => {
  it('cannot make the bot overwrite another message, post elsewhere or call a URL it names', async () => {
    t = await startTestApp({ env: { VET_RISK_OWNERS: OWNER } });
    attacker = await startAttacker();
    const { parent, summary } = await flaggedSummary();
    const interviewId = (await t.db.selectFrom('interviews').select('id').where('thread_ts', '=', parent.ts).executeTakeFirstOrThrow()).id;
    const [first, second] = await listFlags(t.db, interviewId);
    expect(second).toBeDefined();

    const views = t.fake.views.length;
    await t.slack.click(summary, { actionId: 'vet.flag.resolve' }, { userId: STARTER });
    await t.fake.waitFor(() => t.fake.views.length > views);
    const modal = t.fake.views.at(-1)!;
    const forge = (meta: Record<string, unknown>) => ({ ...modal.view, private_metadata: JSON.stringify(meta) });

    // As a digest button: the "digest" to update is the interview's parent message, in another channel too, and the
    // answer should go to a URL of the sender's choosing.
    const asDigest = { flagId: first!.id, source: 'digest', channelId: 'C0ELSEWHERE', messageTs: parent.ts, responseUrl: attacker.url, vendor: 'Acme Dev', page: 0 };
    let summaryUpdates = updatesOf(summary.ts);
    const one = await t.slack.submitView(forge(asDigest), { reason: 'Vendor showed the signed DPA', seen: 'signed DPA, clause 9.2, on screen share' }, { userId: STARTER, viewId: modal.id });
    expect(one.status).toBe(200);
    expect(one.json()).toBeUndefined();
    // The decision itself is the person's to make, and is recorded; the summary shows it.
    await t.fake.waitFor(() => updatesOf(summary.ts) > summaryUpdates);

    // As the `/vet flags` list: whatever the metadata names, there is no URL it can make the bot call.
    const asList = { flagId: second!.id, source: 'flags', messageTs: null, reply: 'a-made-up-id', responseUrl: attacker.url, vendor: 'Acme Dev', page: 0 };
    summaryUpdates = updatesOf(summary.ts);
    const two = await t.slack.submitView(forge(asList), { reason: 'Vendor showed the pen test report', seen: 'pen test report 2026, on screen share' }, { userId: STARTER, viewId: modal.id });
    expect(two.status).toBe(200);
    expect(two.json()).toBeUndefined();
    await t.fake.waitFor(() => updatesOf(summary.ts) > summaryUpdates);
    // Both flags are high: the forged submissions proposed their resolutions, a second person confirms each.
    expect((await listFlags(t.db, interviewId)).filter((f) => f.id === first!.id || f.id === second!.id).map((f) => [f.severity, f.status, f.proposal?.by])).toEqual([
      ['high', 'open', STARTER],
      ['high', 'open', STARTER],
    ]);
    for (const flag of [first!, second!]) {
      const opened = t.fake.views.length;
      const current = t.fake.messages({ channel: CHANNEL }).find((m) => m.ts === summary.ts)!;
      expect((await t.slack.click(current, { actionId: 'vet.flag.resolve', blockId: `flag|${flag.id}` }, { userId: OWNER })).status).toBe(200);
      await t.fake.waitFor(() => t.fake.views.length > opened);
      const confirm = t.fake.views.at(-1)!;
      expect(confirm.view.callback_id).toBe('vet.flag.confirm');
      summaryUpdates = updatesOf(summary.ts);
      expect((await t.slack.submitView(confirm.view, {}, { userId: OWNER, viewId: confirm.id })).json()).toBeUndefined();
      await t.fake.waitFor(() => updatesOf(summary.ts) > summaryUpdates);
    }
    // Give a stray call time to land before counting none.
    await new Promise((r) => setTimeout(r, 300));

    // No digest was ever posted here: any message rewritten as one was the forgery's target.
    expect(t.fake.callsTo('chat.update').filter((c) => JSON.stringify(c.params).includes('Red-flag digest'))).toEqual([]);
    expect(t.fake.callsTo('chat.update').filter((c) => c.params.channel !== CHANNEL)).toEqual([]);
    expect(t.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'C0ELSEWHERE')).toEqual([]);
    expect(attacker.hits).toEqual([]);
    const statuses = (await listFlags(t.db, interviewId)).filter((f) => f.id === first!.id || f.id === second!.id).map((f) => f.status);
    expect(statuses).toEqual(['resolved', 'resolved']);
  });
});

describe('the /vet advise modals sent back with forged metadata', () => {
  const ELSEWHERE = 'C0ELSEWHERE';
  const BOB = 'U0BOB';

  async function openChecklist(userId: string, channelId: string) {
    const views = t.fake.views.length;
    expect((await t.slack.command('advise', { userId, channelId, triggerId: `trig-${userId}-${channelId}` })).status).toBe(200);
    await t.fake.waitFor(() => t.fake.views.length > views);
    return t.fake.views.at(-1)!;
  }
  /** Every Web API call that names a channel, and the channels named. */
  const channelsCalled = () => new Set(t.fake.calls.flatMap((c) => (typeof c.params.channel === 'string' ? [c.params.channel] : [])));
  const decisions = () => t.db.selectFrom('engagement_decisions').select(['channel_id', 'asked_by', 'visibility']).orderBy('id').execute();

  it('post nowhere and call no URL: the checklist and the start modal are refused in the modal, and the real ones still work', async () => {
    t = await startTestApp();
    attacker = await startAttacker();
    const modal = await openChecklist(STARTER, CHANNEL);
    const stale = { response_action: 'errors', errors: { 'advise.where': 'This form is not one I can answer any more (it may be older than 30 minutes): close it and run /vet advise again.' } };
    // Bob opens one in a channel of his own: the id of his reply target, which Alice's forgery borrows.
    const bobs = await openChecklist(BOB, ELSEWHERE);
    const bobsReply: string = JSON.parse(bobs.view.private_metadata).reply;

    const forgeries = [
      // The metadata of older versions: a channel and a response URL of the sender's choosing.
      JSON.stringify({ channelId: ELSEWHERE, responseUrl: attacker.url }),
      JSON.stringify({ reply: 'a-made-up-id', channelId: ELSEWHERE, responseUrl: attacker.url }),
      JSON.stringify({ reply: bobsReply }),
      JSON.stringify({ reply: 42 }),
      '{"reply":',
      '',
    ];
    for (const where of ['channel', 'asker'] as const) {
      for (const metadata of forgeries) {
        const answer = await t.slack.submitView({ ...modal.view, private_metadata: metadata }, checklistValues(CORE_TEAM, where), { userId: STARTER, viewId: modal.id });
        expect(answer.status, metadata).toBe(200);
        expect(answer.json(), metadata).toEqual(stale);
      }
    }
    expect(await decisions()).toEqual([]);

    // The real checklist: the recommendation is posted where Alice ran /vet advise, and only there.
    const before = posts();
    expect((await t.slack.submitView(modal.view, checklistValues(CORE_TEAM, 'channel'), { userId: STARTER, viewId: modal.id })).json()).toBeUndefined();
    await t.fake.waitFor(() => posts() > before);
    const decision = t.fake
      .messages({ channel: CHANNEL })
      .filter((m) => !m.thread_ts)
      .at(-1)!;
    expect(await decisions()).toEqual([{ channel_id: CHANNEL, asked_by: STARTER, visibility: 'channel' }]);

    // "Start vetting with this model": its modal names the decision and an id, and forging the rest starts nothing.
    const views = t.fake.views.length;
    await t.slack.click(decision, { actionId: 'vet.advise.start' }, { userId: STARTER, triggerId: 'trig-start' });
    await t.fake.waitFor(() => t.fake.views.length > views);
    const start = t.fake.views.at(-1)!;
    const startMeta = JSON.parse(start.view.private_metadata);
    expect(startMeta).toEqual({ decisionId: 1, reply: expect.any(String) });
    const staleStart = {
      response_action: 'errors',
      errors: { 'advise.vendor': 'This form is not one I can answer any more (it may be older than 30 minutes): close it and click Start vetting again.' },
    };
    const vendorValues = { 'advise.vendor': 'Forged Co', 'advise.model': 'staff-augmentation', 'advise.variant': 'lite', 'advise.evaluators': [] };
    for (const metadata of [
      JSON.stringify({ decisionId: 1, channelId: ELSEWHERE, responseUrl: attacker.url }),
      JSON.stringify({ decisionId: 1, reply: bobsReply }),
      JSON.stringify({ decisionId: '1', reply: startMeta.reply }),
      'not json',
    ]) {
      const answer = await t.slack.submitView({ ...start.view, private_metadata: metadata }, vendorValues, { userId: STARTER, viewId: start.id });
      expect(answer.json(), metadata).toEqual(staleStart);
    }
    // Alice's own id, submitted by Bob: an id works only for the person it was made for.
    expect((await t.slack.submitView(start.view, vendorValues, { userId: BOB, viewId: start.id })).json()).toEqual(staleStart);
    expect(await t.db.selectFrom('vendors').selectAll().execute()).toEqual([]);

    // Give a stray call time to land before counting none.
    await new Promise((r) => setTimeout(r, 300));
    expect(attacker.hits).toEqual([]);
    expect([...channelsCalled()]).toEqual([CHANNEL]);
  });
});
