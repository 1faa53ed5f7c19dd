// The sandbox's HTTP API: the same calls the page makes, driving the real bot through the Slack stand-in.
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/sandbox/server.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { tempDir } from './support/temp.js';
import { memoryLogger } from './support/testApp.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function api(path: string, body?: unknown): Promise<any> {
  const res = await fetch(new URL(path, sandbox!.url), body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, ...((await res.json()) as Record<string, unknown>) };
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  const end = Date.now() + 5000;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const state = (user: string) => api(`/sandbox/state?user=${user}`);
const actionsOf = (m: any): any[] => (m.blocks ?? []).flatMap((b: any) => (b.type === 'actions' ? b.elements.map((e: any) => ({ ...e, block_id: b.block_id })) : []));

async function start(databasePath = join(tempDir(), 'vet.sqlite')) {
  sandbox = await startSandbox({ port: 0, databasePath, bank: STANDARD_BANK, clock: () => new Date('2026-11-22T10:00:00Z'), logger: memoryLogger() });
}

describe('the sandbox', () => {
  it('serves the page and a Slack-like state with channels and users', async () => {
    await start();
    const page = await fetch(sandbox!.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const s = await state('U0ALEX');
    expect(s.channels.map((c: any) => c.name)).toEqual(['vendor-vetting', 'security-review']);
    expect(s.users.length).toBeGreaterThanOrEqual(4);
    expect(s.messages).toEqual([]);
  });

  it('runs an interview: /vet start from the composer, buttons, a note modal, a thread reply, another user, /vet finish', async () => {
    await start();
    // The composer's text reaches the app escaped as Slack sends it: @sam and @rio as mentions of Sam and Rio.
    expect(await api('/sandbox/send', { user: 'U0ALEX', channel: 'C0VENDORS', text: '/vet start Acme Dev --lite --with @sam @rio' })).toMatchObject({ ok: true });
    let s = await until(() => state('U0ALEX'), (x) => x.messages.length >= 2, 'the parent and the first question');
    const parent = s.messages.find((m: any) => !m.thread_ts);
    expect(JSON.stringify(parent.blocks)).toContain('*Evaluators:* <@U0ALEX> (leads), <@U0RIO>, <@U0SAM>.');
    const question = () => state('U0ALEX').then((x) => x.messages.filter((m: any) => m.thread_ts === parent.ts && actionsOf(m).length > 0).at(-1));

    // Rate the first question as Alex.
    let q = await question();
    const rate = actionsOf(q).find((e) => e.action_id === 'vet.rate.2');
    expect(await api('/sandbox/action', { user: 'U0ALEX', channel: 'C0VENDORS', message_ts: q.ts, ephemeral: false, block_id: rate.block_id, action: { type: 'button', action_id: 'vet.rate.2', value: '2' } })).toMatchObject({ ok: true });
    await until(question, (x) => x.ts !== q.ts, 'the second question');

    // Sam adds a note through the modal, on the first question.
    const note = actionsOf(q).find((e) => e.action_id === 'vet.note');
    await api('/sandbox/action', { user: 'U0SAM', channel: 'C0VENDORS', message_ts: q.ts, ephemeral: false, block_id: note.block_id, action: { type: 'button', action_id: 'vet.note', value: 'note' } });
    const modal = (await until(() => state('U0SAM'), (x) => x.modal !== null, 'the note modal')).modal;
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
    await api('/sandbox/action', { user: 'U0SAM', channel: 'C0VENDORS', message_ts: q.ts, ephemeral: false, block_id: note2.block_id, action: { type: 'button', action_id: 'vet.note', value: 'note' } });
    const second = (await until(() => state('U0SAM'), (x) => x.modal !== null, 'the second modal')).modal;
    const refused = await api('/sandbox/view_submit', { user: 'U0SAM', view_id: second.id, values: { note: { note: { type: 'plain_text_input', value: 'x' } }, link: { link: { type: 'url_text_input', value: 'ftp://nope' } } } });
    expect(refused.errors).toHaveProperty('link');
    expect((await state('U0SAM')).modal?.id).toBe(second.id);
    await api('/sandbox/view_close', { user: 'U0SAM', view_id: second.id });

    // Olly is not named: his rating is refused where he clicked, in the thread, and only he sees why.
    const olly = actionsOf(q).find((e) => e.action_id === 'vet.rate.3');
    await api('/sandbox/action', { user: 'U0OLLY', channel: 'C0VENDORS', message_ts: q.ts, ephemeral: false, block_id: olly.block_id, action: { type: 'button', action_id: 'vet.rate.3', value: '3' } });
    s = await until(() => state('U0OLLY'), (x) => x.ephemerals.length > 0, 'the refusal');
    expect(s.ephemerals[0]).toMatchObject({ channel: 'C0VENDORS', thread_ts: parent.ts, text: expect.stringContaining('Only the named evaluators of the *Acme Dev* vetting') });
    expect(JSON.stringify((await question()).blocks)).not.toContain('U0OLLY');
    await api('/sandbox/ephemeral_dismiss', { user: 'U0OLLY', ts: s.ephemerals[0].ts });

    // An unknown subcommand answers only the person who typed it.
    await api('/sandbox/send', { user: 'U0OLLY', channel: 'C0VENDORS', text: '/vet frobnicate' });
    s = await until(() => state('U0OLLY'), (x) => x.ephemerals.length > 0, 'the ephemeral answer');
    expect(s.ephemerals[0].text).toContain("I don't know");
    expect((await state('U0ALEX')).ephemerals).toEqual([]);

    await api('/sandbox/send', { user: 'U0ALEX', channel: 'C0VENDORS', text: '/vet finish acme dev' });
    s = await until(() => state('U0ALEX'), (x) => x.messages.some((m: any) => JSON.stringify(m.blocks ?? []).includes('Vetting summary: Acme Dev')), 'the summary');
    // The Home tab is published when opened.
    await api('/sandbox/home_opened', { user: 'U0ALEX' });
    const home = (await until(() => state('U0ALEX'), (x) => x.home !== null, 'the home tab')).home;
    expect(JSON.stringify(home.blocks)).toContain('Acme Dev');
  });

  it('keeps its channels across a restart, so an interview in progress goes on in its thread', async () => {
    const databasePath = join(tempDir(), 'vet.sqlite');
    await start(databasePath);
    await api('/sandbox/send', { user: 'U0ALEX', channel: 'C0VENDORS', text: '/vet start Globex --lite' });
    const before = await until(() => state('U0ALEX'), (x) => x.messages.length >= 2, 'the first question');
    await sandbox!.close();
    sandbox = undefined;

    await start(databasePath);
    const after = await state('U0ALEX');
    expect(after.messages.map((m: any) => m.ts)).toEqual(before.messages.map((m: any) => m.ts));
    const q = after.messages.filter((m: any) => actionsOf(m).length > 0).at(-1);
    const rate = actionsOf(q).find((e) => e.action_id === 'vet.rate.1');
    await api('/sandbox/action', { user: 'U0ALEX', channel: 'C0VENDORS', message_ts: q.ts, ephemeral: false, block_id: rate.block_id, action: { type: 'button', action_id: 'vet.rate.1', value: '1' } });
    await until(() => state('U0ALEX'), (x) => x.messages.length >= 3, 'the second question after the restart');
  });

  it('has a private channel only its members see, and what was vetted there vanishes for everyone else', async () => {
    await start();
    expect((await state('U0ALEX')).channels).toContainEqual({ id: 'C0SECURITY', name: 'security-review', private: true });
    expect((await state('U0RIO')).channels.map((c: any) => c.id)).toEqual(['C0VENDORS']);
    // As in Slack, a private channel does not exist for someone outside it.
    expect(await api('/sandbox/send', { user: 'U0RIO', channel: 'C0SECURITY', text: 'hi' })).toMatchObject({ status: 400, error: 'unknown channel "C0SECURITY"' });

    await api('/sandbox/send', { user: 'U0ALEX', channel: 'C0SECURITY', text: '/vet start Initech --lite' });
    await until(() => state('U0ALEX'), (x) => x.messages.length >= 2, 'the first question');
    const listFor = async (user: string) => {
      await api('/sandbox/send', { user, channel: 'C0VENDORS', text: '/vet list' });
      const s = await until(() => state(user), (x) => x.ephemerals.length > 0, `${user}'s list`);
      return JSON.stringify(s.ephemerals.at(-1).blocks);
    };
    expect(await listFor('U0SAM')).toContain('Initech');
    expect(await listFor('U0RIO')).not.toContain('Initech');
    await api('/sandbox/home_opened', { user: 'U0RIO' });
    const home = (await until(() => state('U0RIO'), (x) => x.home !== null, 'the home tab')).home;
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
      for (const [path, method, body] of [['/', 'GET'], ['/app.js', 'GET'], ['/sandbox/state?user=U0ALEX', 'GET'], ['/sandbox/events', 'GET'], ['/sandbox/send', 'POST', send]] as const) {
        const answer = await request(host, path, method, body);
        expect(answer.status, `${method} ${path} with Host ${host}`).toBe(403);
        expect(JSON.parse(answer.body)).toEqual({ ok: false, error: `the sandbox answers only to localhost: open http://localhost:${port}/` });
      }
    }
    expect((await state('U0ALEX')).messages).toEqual([]);
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
