// `npm start`'s entry point as a real process: configured only by the environment, pointed at a Slack stand-in.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from './support/fakeSlack.js';
import { createSlackClient } from './support/slackClient.js';
import { tempDir } from './support/temp.js';

let child: ChildProcess | undefined;
let fake: FakeSlack | undefined;
afterEach(async () => {
  child?.kill('SIGTERM');
  await fake?.close();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

function run(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const proc = spawn('node', ['dist/app.js'], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: process.cwd() });
  proc.stdout.on('data', (d) => (output += String(d)));
  proc.stderr.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  child = proc;
  return { child: proc, output: () => output, exited };
}

async function until(check: () => boolean, what: () => string, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting; ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('starting the bot', () => {
  it('refuses to start without configuration, naming each missing setting and no token', async () => {
    const p = run({ SLACK_BOT_TOKEN: 'xoxp-a-user-token-value' });
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain('SLACK_BOT_TOKEN does not look like a bot token');
    expect(p.output()).toContain('SLACK_SIGNING_SECRET is not set');
    expect(p.output()).not.toContain('a-user-token-value');
  });

  it('refuses to fall into the sandbox in production: no tokens with NODE_ENV=production is a configuration error', async () => {
    const p = run({ NODE_ENV: 'production', DATABASE_PATH: join(tempDir(), 'db.sqlite') });
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain('SLACK_BOT_TOKEN is not set');
    expect(p.output()).not.toContain('SANDBOX');
  });

  it('starts the local sandbox when no Slack token is set, and says so with the URL', async () => {
    const port = await freePort();
    const p = run({ PORT: String(port), DATABASE_PATH: join(tempDir(), 'db.sqlite') });
    await until(() => p.output().includes(`http://localhost:${port}/`), p.output);
    expect(p.output()).toContain('SANDBOX');
    const page = await fetch(`http://localhost:${port}/`);
    expect(page.status).toBe(200);
    const state = (await (await fetch(`http://localhost:${port}/sandbox/state?user=U0ALEX`)).json()) as { channels: unknown[] };
    expect(state.channels.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a broken custom question bank, naming the file and the question', async () => {
    const dir = tempDir();
    const bank = join(dir, 'bank.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bank, JSON.stringify({ id: 'x', version: '1', questions: [{ id: 'q', dimension: 'luck', title: 't', prompt: 'p', matureAnswer: ['a', 'b'] }] }));
    const p = run({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', VET_QUESTION_BANK: bank, DATABASE_PATH: join(dir, 'db.sqlite') });
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain(`${bank}: question q: dimension: unknown dimension "luck"`);
  });

  it('carries a whole interview from /vet start to the posted summary, configured only by the environment', async () => {
    fake = await startFakeSlack();
    const port = await freePort();
    const dir = tempDir();
    const p = run({
      SLACK_BOT_TOKEN: 'xoxb-e2e-token',
      SLACK_SIGNING_SECRET: 'e2e-secret',
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      DATABASE_PATH: join(dir, 'nested', 'vet.sqlite'),
    });
    await until(() => p.output().includes('running in HTTP mode'), p.output);
    const slack = createSlackClient({ url: `http://127.0.0.1:${port}/slack/events`, signingSecret: 'e2e-secret', responseUrl: () => fake!.responseUrl() });
    await slack.command('start Acme --lite', { userId: 'U0ALICE', channelId: 'C0E2E' });
    await fake.waitFor(() => fake!.callsTo('chat.postMessage').length >= 2, 5000);
    // Every Web API call went to SLACK_API_URL with the bot token.
    expect(fake.calls.every((c) => c.token === 'xoxb-e2e-token')).toBe(true);
    for (let i = 0; i < 30; i++) {
      const posts = fake.callsTo('chat.postMessage');
      if (posts.at(-1)!.params.reply_broadcast) break;
      const q = fake.messages({ channel: 'C0E2E' }).filter((m) => m.thread_ts).at(-1)!;
      await slack.click(q, { actionId: 'vet.skip' }, { userId: 'U0ALICE' });
      await fake.waitFor(() => fake!.callsTo('chat.postMessage').length > posts.length, 5000);
    }
    const summary = fake.callsTo('chat.postMessage').at(-1)!.params;
    expect(summary.reply_broadcast).toBe('true');
    expect(JSON.stringify(summary.blocks)).toContain('Vetting summary: Acme');
    expect(JSON.stringify(summary.blocks)).toMatch(/0 of 1\d answered/);
  });
});
