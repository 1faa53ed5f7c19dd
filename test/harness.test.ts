/**
 * Tests of the Slack stand-ins themselves: if these drift from how Slack behaves, every end-to-end test built on
 * them proves less, so they are checked against the real WebClient and a by-the-docs signature verifier.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel, WebClient, type WebAPIPlatformError } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './support/fakeSlack.js';
import { createSlackClient } from './support/slackClient.js';

const retryConfig = { retries: 1, minTimeout: 0, maxTimeout: 1, factor: 1 };
const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Hello*' } }];

async function slackError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as WebAPIPlatformError).data.error;
  }
  throw new Error('expected the call to fail');
}

describe('fakeSlack answers the real WebClient', () => {
  let fake: FakeSlack;
  let client: WebClient;
  beforeEach(async () => {
    fake = await startFakeSlack();
    // These tests provoke the client's own warnings (a missing text, a rate limit) on purpose: only errors are printed.
    client = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig, logLevel: LogLevel.ERROR });
  });
  afterEach(() => fake.close());

  it('answers auth.test as the bot', async () => {
    const r = await client.auth.test();
    expect(r).toMatchObject({ ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0FAKE' });
    expect(fake.calls[0]).toMatchObject({ method: 'auth.test', token: 'xoxb-test' });
  });

  it('posts messages with unique increasing ts and records the parsed blocks', async () => {
    const a = await client.chat.postMessage({ channel: 'C1', text: 'hi', blocks });
    const b = await client.chat.postMessage({ channel: 'C1', text: 'reply', thread_ts: a.ts! });
    expect(a.ts).toBe('1700000000.000100');
    expect(b.ts).toBe('1700000000.000200');
    expect(a.message).toMatchObject({ text: 'hi', blocks, user: 'U0BOT', bot_id: 'B0BOT' });
    const call = fake.callsTo('chat.postMessage')[0]!;
    expect(call.params.blocks).toEqual(blocks);
    expect(call.params.token).toBeUndefined();
    expect(call.token).toBe('xoxb-test');
    expect(fake.messages({ channel: 'C1' }).map((m) => m.ts)).toEqual([a.ts, b.ts]);
    expect(fake.messages({ thread_ts: a.ts! })).toEqual([{ channel: 'C1', ts: b.ts, thread_ts: a.ts, text: 'reply', blocks: undefined, user: 'U0BOT', updates: 0 }]);
  });

  it('applies chat.update to the message state and refuses unknown messages', async () => {
    const { ts } = await client.chat.postMessage({ channel: 'C1', text: 'v1', blocks });
    const newBlocks = [{ type: 'section', text: { type: 'plain_text', text: 'v2' } }];
    const r = await client.chat.update({ channel: 'C1', ts: ts!, text: 'v2', blocks: newBlocks });
    expect(r).toMatchObject({ ok: true, channel: 'C1', ts, text: 'v2' });
    expect(fake.messages()[0]).toMatchObject({ text: 'v2', blocks: newBlocks, updates: 1 });
    expect(await slackError(client.chat.update({ channel: 'C1', ts: '1.2', text: 'x' }))).toBe('message_not_found');
  });

  it('validates postMessage like Slack does', async () => {
    expect(await slackError(client.chat.postMessage({ channel: '', text: 'x' }))).toBe('channel_not_found');
    expect(await slackError(client.chat.postMessage({ channel: 'C1' } as never))).toBe('no_text');
  });

  it('fails the next calls as told, then recovers', async () => {
    fake.failNext('chat.postMessage', { error: 'invalid_auth' });
    const err = await client.chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => e as WebAPIPlatformError);
    expect(err).toMatchObject({ code: 'slack_webapi_platform_error', data: { ok: false, error: 'invalid_auth' } });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('rate limits with Retry-After, which WebClient waits out and retries', async () => {
    fake.failNext('chat.postMessage', { rateLimited: 0 });
    const r = await client.chat.postMessage({ channel: 'C1', text: 'x' });
    expect(r.ok).toBe(true);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(fake.messages()).toHaveLength(1);
  });

  it('describes people in users.info as declared: another team, a bot, a stranger; not-a-user ids are not found', async () => {
    fake.setUser('U0VENDOR', { teamId: 'T0VENDOR', realName: 'Val Vendor' });
    fake.setUser('U0DEPLOY', { isBot: true });
    fake.setUser('W0STRANGE', { teamId: 'T0ELSE', isStranger: true });
    expect((await client.users.info({ user: 'U0VENDOR' })).user).toMatchObject({ id: 'U0VENDOR', team_id: 'T0VENDOR', real_name: 'Val Vendor', is_bot: false });
    expect((await client.users.info({ user: 'U0DEPLOY' })).user).toMatchObject({ team_id: 'T0FAKE', is_bot: true });
    expect((await client.users.info({ user: 'W0STRANGE' })).user).toMatchObject({ team_id: 'T0ELSE', is_stranger: true });
    expect((await client.users.info({ user: 'U0BOT' })).user).toMatchObject({ team_id: 'T0FAKE', is_bot: true });
    expect((await client.users.info({ user: 'U0PLAIN' })).user).not.toHaveProperty('is_stranger');
    expect(await slackError(client.users.info({ user: 'C0CHANNEL' }))).toBe('user_not_found');
  });

  it('sends 429 with Retry-After and a ratelimited body', async () => {
    fake.failNext('users.info', { rateLimited: 7 });
    const res = await fetch(`${fake.apiUrl}users.info`, { method: 'POST', headers: { authorization: 'Bearer x' }, body: 'user=U1' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('enforces channel membership and lets the bot join public channels only', async () => {
    fake.setChannel('CPUB', { isPrivate: false, botIsMember: false });
    fake.setChannel('GPRIV', { isPrivate: true, botIsMember: false });
    expect(await slackError(client.chat.postMessage({ channel: 'CPUB', text: 'x' }))).toBe('not_in_channel');
    expect(await slackError(client.chat.postMessage({ channel: 'GPRIV', text: 'x' }))).toBe('channel_not_found');
    expect(await slackError(client.chat.postEphemeral({ channel: 'CPUB', user: 'U1', text: 'x' }))).toBe('not_in_channel');
    expect(await slackError(client.conversations.join({ channel: 'GPRIV' }))).toBe('method_not_supported_for_channel_type');
    expect(await slackError(client.conversations.info({ channel: 'GPRIV' }))).toBe('channel_not_found');
    expect((await client.conversations.info({ channel: 'CPUB' })).channel).toMatchObject({ is_private: false, is_member: false });

    await expect(client.conversations.join({ channel: 'CPUB' })).resolves.toMatchObject({ channel: { id: 'CPUB', is_member: true } });
    await expect(client.chat.postMessage({ channel: 'CPUB', text: 'x' })).resolves.toMatchObject({ ok: true });
    const e = await client.chat.postEphemeral({ channel: 'CPUB', user: 'U1', text: 'only you', blocks });
    expect(fake.ephemerals).toEqual([{ channel: 'CPUB', user: 'U1', text: 'only you', blocks, ts: e.message_ts, ephemeral: true }]);
    await expect(client.conversations.join({ channel: 'CUNDECLARED' })).resolves.toMatchObject({ ok: true });
  });

  it('builds permalinks, with thread parameters for replies', async () => {
    const root = await client.chat.postMessage({ channel: 'C1', text: 'root' });
    const reply = await client.chat.postMessage({ channel: 'C1', text: 'reply', thread_ts: root.ts! });
    const p1 = await client.chat.getPermalink({ channel: 'C1', message_ts: root.ts! });
    const p2 = await client.chat.getPermalink({ channel: 'C1', message_ts: reply.ts! });
    expect(p1.permalink).toBe('https://fake.slack.test/archives/C1/p1700000000000100');
    expect(p2.permalink).toBe('https://fake.slack.test/archives/C1/p1700000000000200?thread_ts=1700000000.000100&cid=C1');
  });

  it('opens, updates and publishes views and records them', async () => {
    const view = { type: 'modal' as const, callback_id: 'cb', title: { type: 'plain_text' as const, text: 'T' }, blocks: [] };
    const opened = await client.views.open({ trigger_id: 't1', view });
    expect(opened.view).toMatchObject({ id: 'V1', hash: 'h', callback_id: 'cb', private_metadata: '' });
    await client.views.update({ view_id: 'V1', view: { ...view, callback_id: 'cb2' } });
    await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } });
    expect(fake.views.map((v) => [v.method, v.id, v.view.callback_id])).toEqual([
      ['views.open', 'V1', 'cb'],
      ['views.update', 'V1', 'cb2'],
      ['views.publish', 'V2', ''],
    ]);
    expect(await slackError(client.views.open({ trigger_id: '', view }))).toBe('invalid_arguments');
  });

  it('answers users.info, reactions.add and unknown methods', async () => {
    expect((await client.users.info({ user: 'UABC' })).user).toEqual({ id: 'UABC', team_id: 'T0FAKE', name: 'uabc', real_name: 'User UABC', tz: 'Europe/Berlin', is_bot: false });
    await expect(client.reactions.add({ channel: 'C1', timestamp: '1.1', name: 'eyes' })).resolves.toMatchObject({ ok: true });
    expect(await slackError(client.apiCall('no.such.method'))).toBe('unknown_method');
  });

  it('takes a file through filesUploadV2', async () => {
    const r = await client.filesUploadV2({ channel_id: 'C1', filename: 'report.md', title: 'Report', content: '# Findings\n', initial_comment: 'here' });
    expect(r.ok).toBe(true);
    expect(fake.uploads).toEqual([{ fileId: 'F1', filename: 'report.md', content: '# Findings\n', channel: 'C1', title: 'Report', initialComment: 'here', threadTs: undefined }]);
  });

  it('parses JSON bodies too', async () => {
    const res = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer xoxb-json' },
      body: JSON.stringify({ channel: 'C9', blocks }),
    });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toMatchObject({ ok: true, channel: 'C9' });
    expect(fake.calls[0]).toEqual({ method: 'chat.postMessage', params: { channel: 'C9', blocks }, token: 'xoxb-json' });
  });

  it('records posts to response URLs', async () => {
    const url = fake.responseUrl();
    expect(fake.responseUrl()).not.toBe(url);
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'done', replace_original: true }) });
    expect(await res.json()).toEqual({ ok: true });
    expect(fake.responses).toEqual([{ url, body: { text: 'done', replace_original: true } }]);
  });

  it('waitFor resolves when the predicate holds and names the calls seen when it times out', async () => {
    setTimeout(() => void client.auth.test(), 30);
    await fake.waitFor((calls) => calls.some((c) => c.method === 'auth.test'));
    await expect(fake.waitFor(() => false, 50)).rejects.toThrow(/timed out after 50 ms; methods called so far: auth\.test/);
  });
});

/** A receiver that checks requests exactly as https://docs.slack.dev/authentication/verifying-requests-from-slack says. */
async function startVerifier(signingSecret: string) {
  const seen: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = Number(req.headers['x-slack-request-timestamp']);
      const signature = String(req.headers['x-slack-signature'] ?? '');
      const expected = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
      const fresh = Math.abs(Date.now() / 1000 - timestamp) <= 60 * 5;
      const valid = signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
      if (!fresh || !valid) {
        res.writeHead(401).end(fresh ? 'bad signature' : 'stale');
        return;
      }
      seen.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('the stand-in answers only this machine', () => {
  it('refuses a request naming another host (DNS rebinding), and answers one naming the loopback address', async () => {
    const fake = await startFakeSlack();
    try {
      const port = Number(new URL(fake.apiUrl).port);
      const ask = (host: string) =>
        new Promise<number>((resolve, reject) => {
          const req = httpRequest({ host: '127.0.0.1', port, path: '/api/auth.test', method: 'POST', headers: { host, authorization: 'Bearer xoxb-1' }, setHost: false }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          req.on('error', reject);
          req.end();
        });
      expect(await ask('attacker.example')).toBe(403);
      expect(await ask(`localhost.attacker.example:${port}`)).toBe(403);
      expect(await ask(`127.0.0.1:${port}`)).toBe(200);
      expect(fake.callsTo('auth.test')).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });
});

describe('slackClient signs and shapes requests as Slack does', () => {
  const secret = 'shh-signing-secret';
  let verifier: Awaited<ReturnType<typeof startVerifier>>;
  let responseUrls = 0;
  const client = () => createSlackClient({ url: verifier.url, signingSecret: secret, responseUrl: () => `http://127.0.0.1/response/${++responseUrls}` });
  const lastPayload = () => JSON.parse(new URLSearchParams(verifier.seen.at(-1)!.body).get('payload')!);
  beforeEach(async () => {
    verifier = await startVerifier(secret);
  });
  afterEach(() => verifier.close());

  it('sends slash commands form-encoded with the exact content type', async () => {
    const r = await client().command('start Acme', { userId: 'U1', channelId: 'C1', triggerId: 'trig' });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ ok: true });
    const { headers, body } = verifier.seen[0]!;
    expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = Object.fromEntries(new URLSearchParams(body));
    expect(form).toMatchObject({ command: '/vet', text: 'start Acme', user_id: 'U1', channel_id: 'C1', team_id: 'T0FAKE', trigger_id: 'trig' });
    expect(form.response_url).toMatch(/\/response\/\d+$/);
  });

  it('sends events as signed JSON, with retry headers on redelivery', async () => {
    const c = client();
    expect((await c.event({ type: 'app_mention', user: 'U1', text: 'hi', channel: 'C1' })).status).toBe(200);
    expect((await c.event({ type: 'app_mention' }, { eventId: 'Ev1', retryNum: 1 })).status).toBe(200);
    const [first, retry] = verifier.seen;
    expect(first!.headers['content-type']).toBe('application/json');
    expect(first!.headers['x-slack-retry-num']).toBeUndefined();
    expect(JSON.parse(first!.body)).toMatchObject({ type: 'event_callback', team_id: 'T0FAKE', event: { type: 'app_mention', text: 'hi' } });
    expect(JSON.parse(retry!.body).event_id).toBe('Ev1');
    expect(retry!.headers).toMatchObject({ 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
  });

  it('raw() signs by default and lets a test forge bad or stale signatures', async () => {
    const c = client();
    expect((await c.raw('ssl_check=0', { contentType: 'application/x-www-form-urlencoded' })).status).toBe(200);
    expect((await c.raw('{}', { contentType: 'application/json', signature: 'v0=deadbeef' })).status).toBe(401);
    const stale = await c.raw('{}', { contentType: 'application/json', timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale).toMatchObject({ status: 401, body: 'stale' });
  });

  it('clicks buttons and selects found in message blocks', async () => {
    const message = {
      channel: 'C1',
      ts: '1700000000.000100',
      thread_ts: '1700000000.000050',
      text: 'q',
      blocks: [
        {
          type: 'section',
          block_id: 'sec',
          text: { type: 'mrkdwn', text: 'Q1' },
          accessory: { type: 'static_select', action_id: 'pick', options: [{ text: { type: 'plain_text', text: 'Two' }, value: '2' }] },
        },
        { type: 'actions', block_id: 'acts', elements: [{ type: 'button', action_id: 'rate_3', text: { type: 'plain_text', text: 'Strong' }, value: 'q1:3' }] },
      ],
    };
    const c = client();
    await c.click(message, { text: 'Strong' }, { userId: 'U2' });
    let p = lastPayload();
    expect(verifier.seen.at(-1)!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(p).toMatchObject({
      type: 'block_actions',
      user: { id: 'U2' },
      container: { type: 'message', message_ts: message.ts, channel_id: 'C1', is_ephemeral: false, thread_ts: message.thread_ts },
      channel: { id: 'C1' },
      message: { ts: message.ts, thread_ts: message.thread_ts, blocks: message.blocks },
      actions: [{ type: 'button', block_id: 'acts', action_id: 'rate_3', value: 'q1:3' }],
    });
    await c.click(message, { actionId: 'pick' }, { userId: 'U2', value: '2' });
    p = lastPayload();
    expect(p.actions[0]).toMatchObject({ type: 'static_select', block_id: 'sec', selected_option: { value: '2' } });
    await expect(c.click(message, { actionId: 'nope' }, { userId: 'U2' })).rejects.toThrow(/available: pick \(static_select\), rate_3 \(button "Strong"\)/);
  });

  it('submits a view with state values shaped per element type', async () => {
    const view = {
      id: 'V7',
      type: 'modal',
      callback_id: 'start',
      private_metadata: '{"c":"C1"}',
      blocks: [
        { type: 'input', block_id: 'vendor', element: { type: 'plain_text_input', action_id: 'name' } },
        { type: 'input', block_id: 'when', element: { type: 'datepicker', action_id: 'date' } },
        { type: 'input', block_id: 'model', element: { type: 'static_select', action_id: 'model', options: [{ text: { type: 'plain_text', text: 'Agency' }, value: 'agency' }] } },
        { type: 'input', block_id: 'who', element: { type: 'users_select', action_id: 'lead', initial_user: 'U9' } },
        { type: 'input', block_id: 'opts', optional: true, element: { type: 'checkboxes', action_id: 'flags', options: [{ text: { type: 'plain_text', text: 'A' }, value: 'a' }] } },
      ],
    };
    await client().submitView(view, { name: 'Acme', date: '2026-12-01', model: 'agency', flags: null }, { userId: 'U1' });
    const p = lastPayload();
    expect(p).toMatchObject({ type: 'view_submission', user: { id: 'U1' }, view: { id: 'V7', callback_id: 'start', private_metadata: '{"c":"C1"}' } });
    expect(p.view.state.values).toEqual({
      vendor: { name: { type: 'plain_text_input', value: 'Acme' } },
      when: { date: { type: 'datepicker', selected_date: '2026-12-01' } },
      model: { model: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'Agency' }, value: 'agency' } } },
      who: { lead: { type: 'users_select', selected_user: 'U9' } },
      opts: { flags: { type: 'checkboxes', selected_options: [] } },
    });
    await expect(client().submitView(view, { nmae: 'x' }, { userId: 'U1' })).rejects.toThrow(/no input with action_id nmae/);
  });
});
