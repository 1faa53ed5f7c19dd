// The sandbox's HTTP API: the same calls the page makes, driving the real bot through the Slack stand-in.
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, startSandbox, type Sandbox } from '../src/sandbox/server.js';
import { botEventsOf, subscriptionOf } from '../src/sandbox/subscriptions.js';
import { readFileSync } from 'node:fs';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { tempDir } from './support/temp.js';
import { memoryLogger } from './support/testApp.js';
import { until } from './support/wait.js';
import { sandboxApi } from './support/sandboxApi.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const { api, state } = sandboxApi(() => sandbox!.url);

const actionsOf = (m: any): any[] => (m.blocks ?? []).flatMap((b: any) => (b.type === 'actions' ? b.elements.map((e: any) => ({ ...e, block_id: b.block_id })) : []));

/** The Events API events the sandbox sent the app, as sent. */
let delivered: Record<string, any>[] = [];

async function start(databasePath = join(tempDir(), 'vet.sqlite')) {
  delivered = [];
  sandbox = await startSandbox({ port: 0, databasePath, bank: STANDARD_BANK, clock: () => new Date('2026-11-22T10:00:00Z'), logger: memoryLogger(), onEvent: (e) => delivered.push(e) });
}

describe('the sandbox', () => {
  it('serves the page and a Slack-like state with channels and users', async () => {
    await start();
    const page = await fetch(sandbox!.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const s = await state('U0ALEX');
    expect(s.channels.map((c: any) => c.name)).toEqual(['vendor-vetting', 'security-review', 'acme-shared']);
    expect(s.users.length).toBeGreaterThanOrEqual(4);
    expect(s.messages).toEqual([]);
    // Vera of Acme (another organisation) is in the shared channel only, and the page is told she is external.
    const vera = await state('U0VERA');
    expect(vera.channels).toEqual([{ id: 'C0ACMESHARED', name: 'acme-shared', private: true, shared: true }]);
    expect(s.users.find((u: any) => u.id === 'U0VERA')).toMatchObject({ name: 'Vera Ruiz (Acme, external)', teamId: 'T0ACME' });
  });

  it('serves each ES module the page imports as JavaScript with the same headers, and nothing else of its folder', async () => {
    await start();
    const get = (path: string) => fetch(new URL(path, sandbox!.url));
    // Every module app.js reaches through its imports, read from the files themselves.
    const modules = new Set<string>();
    const visit = (name: string) => {
      if (modules.has(name)) return;
      modules.add(name);
      for (const m of readFileSync(join('sandbox-ui', name), 'utf8').matchAll(/^import [^;]* from '\.\/([\w-]+\.js)';$/gm)) visit(m[1]!);
    };
    visit('app.js');
    expect(modules.size).toBeGreaterThanOrEqual(8);
    for (const name of modules) {
      const res = await get(`/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type'), name).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(res.headers.get('cache-control'), name).toBe('no-store');
      expect((await res.text()).startsWith('// @ts-check\n'), name).toBe(true);
    }
    for (const path of ['/tsconfig.json', '/../package.json', '/%2e%2e/package.json', '/sandbox-ui/app.js', '/app.ts']) expect((await get(path)).status, path).toBe(404);
  });

  it('runs an interview: /vet start from the composer, buttons, a note modal, a thread reply, another user, /vet finish', async () => {
    await start();
    // The composer's text reaches the app escaped as Slack sends it: @sam and @rio as mentions of Sam and Rio.
    expect(await api('/sandbox/send', { user: 'U0ALEX', channel: 'C0VENDORS', text: '/vet start Acme Dev --lite --with @sam @rio' })).toMatchObject({ ok: true });
    let s = await until(
      () => state('U0ALEX'),
      (x) => x.messages.length >= 2,
      'the parent and the first question',
    );
    const parent = s.messages.find((m: any) => !m.thread_ts);
    expect(JSON.stringify(parent.blocks)).toContain('*Evaluators:* <@U0ALEX> (leads), <@U0RIO>, <@U0SAM>.');
    const question = () => state('U0ALEX').then((x) => x.messages.filter((m: any) => m.thread_ts === parent.ts && actionsOf(m).length > 0).at(-1));

    // Rate the first question as Alex.
    let q = await question();
    const rate = actionsOf(q).find((e) => e.action_id === 'vet.rate.2');
    expect(
      await api('/sandbox/action', {
        user: 'U0ALEX',
        channel: 'C0VENDORS',
        message_ts: q.ts,
        ephemeral: false,
        block_id: rate.block_id,
        action: { type: 'button', action_id: 'vet.rate.2', value: '2' },
      }),
    ).toMatchObject({ ok: true });
    await until(question, (x) => x.ts !== q.ts, 'the second question');

    // Sam adds a note through the modal, on the first question.
    const note = actionsOf(q).find((e) => e.action_id === 'vet.note');
    await api('/sandbox/action', {
      user: 'U0SAM',
      channel: 'C0VENDORS',
      message_ts: q.ts,
      ephemeral: false,
      block_id: note.block_id,
      action: { type: 'button', action_id: 'vet.note', value: 'note' },
    });
    const modal = (
      await until(
        () => state('U0SAM'),
        (x) => x.modal !== null,
        'the note modal',
      )
    ).modal;
    expect((await state('U0ALEX')).modal).toBeNull();
    const submitted = await api('/sandbox/view_submit', {
      user: 'U0SAM',
      view_id: modal.id,
      values: { note: { note: { type: 'plain_text_input', value: 'Showed <script>alert(1)</script> PR 42' } }, link: { link: { type: 'url_text_input', value: 'https://git.example/42' } } },
    });
    expect(submitted).toEqual({ status: 200, ok: true });
    expect((await state('U0SAM')).modal).toBeNull();
    const firstAfter = await until(
      () => state('U0SAM').then((x) => x.messages.find((m: any) => m.ts === q.ts)),
      (m) => JSON.stringify(m.blocks).includes('Notes (1)'),
      'the note on the question message',
    );
    expect(JSON.stringify(firstAfter.blocks)).toContain('&lt;script&gt;');

    // A thread reply is a note on the current question.
    q = await question();
    await api('/sandbox/send', { user: 'U0RIO', channel: 'C0VENDORS', thread_ts: parent.ts, text: 'They usually follow best practices' });
    await until(question, (x) => JSON.stringify(x.blocks).includes('Notes (1)'), 'the thread reply as a note');

    // A modal with a field error stays open with the error.
    const note2 = actionsOf(q).find((e) => e.action_id === 'vet.note');
    await api('/sandbox/action', {
      user: 'U0SAM',
      channel: 'C0VENDORS',
      message_ts: q.ts,
      ephemeral: false,
      block_id: note2.block_id,
      action: { type: 'button', action_id: 'vet.note', value: 'note' },
    });
    const second = (
      await until(
        () => state('U0SAM'),
        (x) => x.modal !== null,
        'the second modal',
      )
    ).modal;
    const refused = await api('/sandbox/view_submit', {
      user: 'U0SAM',
      view_id: second.id,
      values: { note: { note: { type: 'plain_text_input', value: 'x' } }, link: { link: { type: 'url_text_input', value: 'ftp://nope' } } },
    });
    expect(refused.errors).toHaveProperty('link');
    expect((await state('U0SAM')).modal?.id).toBe(second.id);
    await api('/sandbox/view_close', { user: 'U0SAM', view_id: second.id });

    // Olly is not named: his rating is refused where he clicked, in the thread, and only he sees why.
    const olly = actionsOf(q).find((e) => e.action_id === 'vet.rate.3');
    await api('/sandbox/action', {
      user: 'U0OLLY',
      channel: 'C0VENDORS',
      message_ts: q.ts,
      ephemeral: false,
      block_id: olly.block_id,
      action: { type: 'button', action_id: 'vet.rate.3', value: '3' },
    });
    s = await until(
      () => state('U0OLLY'),
      (x) => x.ephemerals.length > 0,
      'the refusal',
    );
    expect(s.ephemerals[0]).toMatchObject({ channel: 'C0VENDORS', thread_ts: parent.ts, text: expect.stringContaining('Only the named evaluators of the *Acme Dev* vetting') });
    expect(JSON.stringify((await question()).blocks)).not.toContain('U0OLLY');
    await api('/sandbox/ephemeral_dismiss', { user: 'U0OLLY', ts: s.ephemerals[0].ts });

    // An unknown subcommand answers only the person who typed it.
    await api('/sandbox/send', { user: 'U0OLLY', channel: 'C0VENDORS', text: '/vet frobnicate' });
    s = await until(
      () => state('U0OLLY'),
      (x) => x.ephemerals.length > 0,
      'the ephemeral answer',
    );
    expect(s.ephemerals[0].text).toContain("I don't know");
    // Alex sees only what was his own: the confirmations of his ratings.
    expect((await state('U0ALEX')).ephemerals.map((e: any) => e.text)).toEqual([expect.stringMatching(/^You rated Q1: /)]);

    await api('/sandbox/send', { user: 'U0ALEX', channel: 'C0VENDORS', text: '/vet finish acme dev' });
    s = await until(
      () => state('U0ALEX'),
      (x) => x.messages.some((m: any) => JSON.stringify(m.blocks ?? []).includes('Vetting summary: Acme Dev')),
      'the summary',
    );
    // The Home tab is published when opened.
    await api('/sandbox/home_opened', { user: 'U0ALEX' });
    const home = (
      await until(
        () => state('U0ALEX'),
        (x) => x.home !== null,
        'the home tab',
      )
    ).home;
    expect(JSON.stringify(home.blocks)).toContain('Acme Dev');
  });

  it('keeps its channels across a restart, so an interview in progress goes on in its thread', async () => {
    const databasePath = join(tempDir(), 'vet.sqlite');
    await start(databasePath);
    await api('/sandbox/send', { user: 'U0ALEX', channel: 'C0VENDORS', text: '/vet start Globex --lite' });
    const before = await until(
      () => state('U0ALEX'),
      (x) => x.messages.length >= 2,
      'the first question',
    );
    await sandbox!.close();
    sandbox = undefined;

    await start(databasePath);
    const after = await state('U0ALEX');
    expect(after.messages.map((m: any) => m.ts)).toEqual(before.messages.map((m: any) => m.ts));
    const q = after.messages.filter((m: any) => actionsOf(m).length > 0).at(-1);
    const rate = actionsOf(q).find((e) => e.action_id === 'vet.rate.1');
    await api('/sandbox/action', {
      user: 'U0ALEX',
      channel: 'C0VENDORS',
      message_ts: q.ts,
      ephemeral: false,
      block_id: rate.block_id,
      action: { type: 'button', action_id: 'vet.rate.1', value: '1' },
    });
    await until(
      () => state('U0ALEX'),
      (x) => x.messages.length >= 3,
      'the second question after the restart',
    );
  });

  it('has a private channel only its members see, and what was vetted there vanishes for everyone else', async () => {
    await start();
    expect((await state('U0ALEX')).channels).toContainEqual({ id: 'C0SECURITY', name: 'security-review', private: true });
    expect((await state('U0RIO')).channels.map((c: any) => c.id)).toEqual(['C0VENDORS']);
    // As in Slack, a private channel does not exist for someone outside it.
    expect(await api('/sandbox/send', { user: 'U0RIO', channel: 'C0SECURITY', text: 'hi' })).toMatchObject({ status: 400, error: 'unknown channel "C0SECURITY"' });

    await api('/sandbox/send', { user: 'U0ALEX', channel: 'C0SECURITY', text: '/vet start Initech --lite' });
    await until(
      () => state('U0ALEX'),
      (x) => x.messages.length >= 2,
      'the first question',
    );
    const listFor = async (user: string) => {
      await api('/sandbox/send', { user, channel: 'C0VENDORS', text: '/vet list' });
      const s = await until(
        () => state(user),
        (x) => x.ephemerals.length > 0,
        `${user}'s list`,
      );
      return JSON.stringify(s.ephemerals.at(-1).blocks);
    };
    expect(await listFor('U0SAM')).toContain('Initech');
    expect(await listFor('U0RIO')).not.toContain('Initech');
    await api('/sandbox/home_opened', { user: 'U0RIO' });
    const home = (
      await until(
        () => state('U0RIO'),
        (x) => x.home !== null,
        'the home tab',
      )
    ).home;
    expect(JSON.stringify(home.blocks)).not.toContain('Initech');
  });

  it('answers bad requests with a clear error, never a crash', async () => {
    await start();
    expect(await api('/sandbox/send', { user: 'U0NOBODY', channel: 'C0VENDORS', text: 'hi' })).toMatchObject({ status: 400, ok: false, error: 'unknown user "U0NOBODY"' });
    expect(await api('/sandbox/send', { user: 'U0ALEX', channel: 'C0NOPE', text: 'hi' })).toMatchObject({ status: 400, error: 'unknown channel "C0NOPE"' });
    expect(await api('/sandbox/send', { user: 'U0ALEX', channel: 'C0VENDORS', text: '/giphy cats' })).toMatchObject({ ok: false, error: expect.stringContaining('/vet') });
    expect(await api('/sandbox/view_submit', { user: 'U0ALEX', view_id: 'V404', values: {} })).toMatchObject({ status: 400, error: 'that modal is no longer open' });
    const raw = await fetch(new URL('/sandbox/send', sandbox!.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(raw.status).toBe(400);
    // A form post from another site (no preflight needed for it) is refused.
    const crossSite = await fetch(new URL('/sandbox/send', sandbox!.url), {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: JSON.stringify({ user: 'U0ALEX', channel: 'C0VENDORS', text: 'pwned' }),
    });
    expect(crossSite.status).toBe(403);
    expect((await state('U0ALEX')).messages).toEqual([]);
  });

  it('answers only to localhost names: another site reaching the port (DNS rebinding) reads and does nothing', async () => {
    await start();
    const port = Number(new URL(sandbox!.url).port);
    // fetch() will not send a Host of our choosing; a raw request does, as a browser does for a rebound name.
    const request = (host: string, path: string, method = 'GET', body?: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        // An empty name stands for a request with no Host header at all.
        const headers = { ...(host !== '' && { host }), ...(body !== undefined && { 'content-type': 'application/json' }) };
        const req = httpRequest({ host: '127.0.0.1', port, path, method, headers, setHost: false }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
        req.end(body);
      });
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) expect((await request(host, '/sandbox/state?user=U0ALEX')).status).toBe(200);
    const send = JSON.stringify({ user: 'U0ALEX', channel: 'C0VENDORS', text: 'rebound' });
    // Node itself refuses an HTTP/1.1 request that names no host at all.
    expect((await request('', '/sandbox/state?user=U0ALEX')).status).toBe(400);
    for (const host of ['attacker.example', `attacker.example:${port}`, `localhost.attacker.example:${port}`, `localhost:${port + 1}`, `127.0.0.2:${port}`]) {
      for (const [path, method, body] of [
        ['/', 'GET'],
        ['/app.js', 'GET'],
        ['/sandbox/state?user=U0ALEX', 'GET'],
        ['/sandbox/events', 'GET'],
        ['/sandbox/send', 'POST', send],
      ] as const) {
        const answer = await request(host, path, method, body);
        expect(answer.status, `${method} ${path} with Host ${host}`).toBe(403);
        expect(JSON.parse(answer.body)).toEqual({ ok: false, error: `the sandbox answers only to localhost: open http://localhost:${port}/` });
      }
    }
    expect((await state('U0ALEX')).messages).toEqual([]);
  });

  it("has a Slack stand-in that takes only the sandbox's own token and no request from a web page", async () => {
    await start();
    const apiUrl = sandbox!.standIn.apiUrl;
    const plant = {
      channel: 'C0VENDORS',
      text: 'planted',
      blocks: JSON.stringify([{ type: 'actions', elements: [{ type: 'button', action_id: 'vet.rate.3', text: { type: 'plain_text', text: 'Rate' }, value: '3' }] }]),
    };
    // A form POST from another page, as a browser sends it: an Origin, a form body, any token.
    const fromPage = await fetch(`${apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { origin: 'https://attacker.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...plant, token: 'xoxb-anything' }),
    });
    expect(fromPage.status).toBe(403);
    expect(await fromPage.json()).toEqual({ ok: false, error: 'cross_origin_refused' });
    // Another program on this machine with a token of its own making.
    const guessed = await fetch(`${apiUrl}chat.postMessage`, { method: 'POST', headers: { authorization: 'Bearer xoxb-sandbox', 'content-type': 'application/json' }, body: JSON.stringify(plant) });
    expect(await guessed.json()).toEqual({ ok: false, error: 'invalid_auth' });
    expect((await state('U0ALEX')).messages).toEqual([]);
    // The bot itself, with the sandbox's token, still posts.
    expect(await api('/sandbox/send', { user: 'U0ALEX', channel: 'C0VENDORS', text: '/vet start Acme Dev --lite --with @sam @rio' })).toMatchObject({ ok: true });
    await until(
      () => state('U0ALEX'),
      (x) => x.messages.length >= 2,
      'the parent and the first question',
    );
  });

  it('pushes a change event to the page when something changes', async () => {
    await start();
    const controller = new AbortController();
    const res = await fetch(new URL('/sandbox/events', sandbox!.url), { signal: controller.signal });
    const reader = res.body!.getReader();
    const seen: string[] = [];
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        seen.push(new TextDecoder().decode(value));
        if (seen.join('').includes('event: change')) return;
      }
    })();
    await api('/sandbox/send', { user: 'U0ALEX', channel: 'C0VENDORS', text: 'hello' });
    await reading;
    controller.abort();
    expect(seen.join('')).toContain('event: change');
  });
});

/** What the composer's file picker sends. */
const share = (b: { user: string; channel: string; thread_ts?: string; name: string; content: Buffer | string; type?: string; comment?: string }) =>
  api('/sandbox/share', { ...b, content: undefined, data: Buffer.from(b.content).toString('base64') });

async function download(path: string) {
  const res = await fetch(new URL(path, sandbox!.url));
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/** An interview of Acme Dev led by Alex with Sam, and its parent message. */
async function interview() {
  await api('/sandbox/send', { user: 'U0ALEX', channel: 'C0VENDORS', text: '/vet start Acme Dev --lite --with @sam' });
  const s = await until(
    () => state('U0ALEX'),
    (x) => x.messages.length >= 2,
    'the first question',
  );
  return s.messages.find((m: any) => !m.thread_ts);
}

describe('files in the sandbox', () => {
  it('shares a file from the composer into a thread: a file message, and the file_share event Slack sends', async () => {
    await start();
    const parent = await interview();
    const pdf = Buffer.from('%PDF-1.7 pen test report');
    const shared = await share({ user: 'U0SAM', channel: 'C0VENDORS', thread_ts: parent.ts, name: 'pentest-2026.pdf', type: 'application/pdf', content: pdf, comment: 'Pen test <2026> & findings' });
    expect(shared).toMatchObject({ status: 200, ok: true, file: 'F1' });

    const message = (await state('U0SAM')).messages.find((m: any) => m.ts === shared.ts);
    expect(message).toMatchObject({ channel: 'C0VENDORS', thread_ts: parent.ts, user: 'U0SAM', text: 'Pen test &lt;2026&gt; &amp; findings' });
    expect(message.files).toEqual([
      {
        id: 'F1',
        name: 'pentest-2026.pdf',
        title: 'pentest-2026.pdf',
        filetype: 'pdf',
        pretty_type: 'PDF',
        size: pdf.length,
        permalink: 'https://fake.slack.test/files/U0SAM/F1/pentest-2026.pdf',
        download: '/sandbox/files/F1/pentest-2026.pdf?user=U0SAM',
        available: true,
      },
    ]);

    // The event is the one Slack sends for a file shared in a thread (message.channels, subtype file_share).
    const event = delivered.find((e) => e.subtype === 'file_share');
    const file = sandbox!.standIn.file('F1')!.file;
    expect(event).toEqual({
      type: 'message',
      subtype: 'file_share',
      text: 'Pen test &lt;2026&gt; &amp; findings',
      files: [file],
      upload: true,
      user: 'U0SAM',
      display_as_bot: false,
      ts: shared.ts,
      channel: 'C0VENDORS',
      channel_type: 'channel',
      event_ts: shared.ts,
      thread_ts: parent.ts,
      parent_user_id: 'U0BOT',
    });
    expect(file).toMatchObject({
      id: 'F1',
      name: 'pentest-2026.pdf',
      title: 'pentest-2026.pdf',
      mimetype: 'application/pdf',
      filetype: 'pdf',
      size: pdf.length,
      user: 'U0SAM',
      created: expect.any(Number),
      is_public: true,
    });
    expect(file.url_private).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files-pri\/T0FAKE-F1\/pentest-2026\.pdf$/);
    // The app's manifest does not subscribe to file_shared, so Slack would not send it, and neither does the sandbox.
    expect(delivered.map((e) => e.type)).not.toContain('file_shared');

    // The download link gives the bytes, always as a download.
    const got = await download(message.files[0].download);
    expect(got.status).toBe(200);
    expect(got.body.equals(pdf)).toBe(true);
    expect(got.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''pentest-2026.pdf");
    expect(got.headers.get('content-type')).toBe('application/octet-stream');
  });

  it('shares a file with no comment as Slack does, with empty text, in a private channel as a group', async () => {
    await start();
    const shared = await share({ user: 'U0ALEX', channel: 'C0SECURITY', name: 'C:\\evidence\\<img src=x onerror=alert(1)>.png', content: 'png-bytes' });
    expect(shared).toMatchObject({ ok: true });
    const message = (await state('U0ALEX')).messages.find((m: any) => m.ts === shared.ts);
    // The name is kept as given (the page shows it as text), only the folder dropped.
    expect(message).toMatchObject({ text: '', files: [{ name: '<img src=x onerror=alert(1)>.png', filetype: 'png', pretty_type: 'PNG' }] });
    expect(delivered.at(-1)).toMatchObject({ subtype: 'file_share', text: '', channel: 'C0SECURITY', channel_type: 'group' });
    expect(delivered.at(-1)).not.toHaveProperty('thread_ts');
    // Someone outside the private channel cannot fetch it, as in Slack.
    expect((await download(message.files[0].download.replace('U0ALEX', 'U0RIO'))).status).toBe(404);
    expect((await download(message.files[0].download.replace('U0ALEX', 'U0SAM'))).status).toBe(200);
  });

  it('refuses a file that is too big, empty or not a file, and a thread that is not there, saying why', async () => {
    await start();
    const tooBig = await share({ user: 'U0ALEX', channel: 'C0VENDORS', name: 'dump.bin', content: Buffer.alloc(MAX_FILE_BYTES + 1) });
    expect(tooBig).toMatchObject({ status: 413, ok: false, error: '"dump.bin" is 10.0 MB: the sandbox takes files up to 10.0 MB' });
    const wayTooBig = await fetch(new URL('/sandbox/share', sandbox!.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'U0ALEX', channel: 'C0VENDORS', name: 'huge.bin', data: 'A'.repeat(15_000_000) }),
    });
    expect(wayTooBig.status).toBe(413);
    expect(await wayTooBig.json()).toEqual({ ok: false, error: 'the file is larger than the sandbox takes (10.0 MB)' });
    expect(await share({ user: 'U0ALEX', channel: 'C0VENDORS', name: 'empty.txt', content: '' })).toMatchObject({ status: 400, error: '"empty.txt" is empty: Slack does not share empty files' });
    expect(await api('/sandbox/share', { user: 'U0ALEX', channel: 'C0VENDORS', name: 'x.txt', data: 'not base64!' })).toMatchObject({ status: 400, error: 'the file data is not base64' });
    expect(await share({ user: 'U0ALEX', channel: 'C0VENDORS', name: '  ', content: 'x' })).toMatchObject({ status: 400, error: 'the file has no name' });
    expect(await share({ user: 'U0ALEX', channel: 'C0VENDORS', thread_ts: '1.000001', name: 'x.txt', content: 'x' })).toMatchObject({ status: 400, error: 'that thread is gone' });
    expect(await share({ user: 'U0RIO', channel: 'C0SECURITY', name: 'x.txt', content: 'x' })).toMatchObject({ status: 400, error: 'unknown channel "C0SECURITY"' });
    expect((await state('U0ALEX')).messages).toEqual([]);
    expect(delivered).toEqual([]);
    expect((await download('/sandbox/files/F404/x.txt?user=U0ALEX')).status).toBe(404);
  });

  it('shows an uploaded report in the channel as a file message with its comment, to download from the page', async () => {
    await start();
    await interview();
    await api('/sandbox/send', { user: 'U0ALEX', channel: 'C0VENDORS', text: '/vet finish acme dev' });
    await until(
      () => state('U0ALEX'),
      (x) => x.messages.some((m: any) => JSON.stringify(m.blocks ?? []).includes('Vetting summary: Acme Dev')),
      'the summary',
    );
    await api('/sandbox/send', { user: 'U0ALEX', channel: 'C0VENDORS', text: '/vet report acme dev' });
    const s = await until(
      () => state('U0ALEX'),
      (x) => x.messages.some((m: any) => m.files) && x.ephemerals.some((e: any) => e.text?.includes('Uploaded')),
      'the report',
    );
    const report = s.messages.find((m: any) => m.files);
    expect(report).toMatchObject({ channel: 'C0VENDORS', user: 'U0BOT', text: '<@U0ALEX> asked for the report of *Acme Dev*.' });
    expect(report.thread_ts).toBeUndefined();
    expect(report.files).toEqual([expect.objectContaining({ name: 'vet-acme-dev-2026-11-22.md', title: 'Acme Dev: vetting report (2026-11-22)', filetype: 'markdown', available: true })]);
    const got = await download(report.files[0].download);
    expect(got.body.toString('utf8')).toMatch(/^# Vendor vetting report: Acme Dev\n/);
    expect(s.ephemerals.map((e: any) => e.text)).toContain('Uploaded the report of *Acme Dev* to this channel.');
  });

  it('keeps a shared file in its channel across a restart, and says its contents are gone', async () => {
    const databasePath = join(tempDir(), 'vet.sqlite');
    await start(databasePath);
    const shared = await share({ user: 'U0ALEX', channel: 'C0VENDORS', name: 'notes.txt', content: 'hello' });
    await sandbox!.close();
    sandbox = undefined;

    await start(databasePath);
    const message = (await state('U0ALEX')).messages.find((m: any) => m.ts === shared.ts);
    expect(message.files).toEqual([expect.objectContaining({ id: 'F1', name: 'notes.txt', available: false })]);
    const got = await download(message.files[0].download);
    expect(got.status).toBe(410);
    expect(JSON.parse(got.body.toString()).error).toContain('share it again');
    expect(await share({ user: 'U0ALEX', channel: 'C0VENDORS', name: 'again.txt', content: 'hello' })).toMatchObject({ file: 'F2' });
  });
});

describe('event subscriptions', () => {
  it('names the subscription Slack requires for each event', () => {
    expect(subscriptionOf({ type: 'message', channel_type: 'channel' })).toBe('message.channels');
    expect(subscriptionOf({ type: 'message', channel_type: 'group' })).toBe('message.groups');
    expect(subscriptionOf({ type: 'message', channel_type: 'im' })).toBe('message.im');
    expect(subscriptionOf({ type: 'file_shared' })).toBe('file_shared');
  });

  it('reads the bot events of the app manifest', () => {
    const events = botEventsOf(readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8'));
    expect(events.has('message.channels')).toBe(true);
    expect(events.has('message.groups')).toBe(true);
    expect(events.has('app_home_opened')).toBe(true);
    expect(botEventsOf('settings: {}')).toEqual(new Set());
  });
});
