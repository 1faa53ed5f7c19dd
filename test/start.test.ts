// `npm start`'s entry point as a real process: configured only by the environment, pointed at a Slack stand-in.
import { existsSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from './support/fakeSlack.js';
import { freePort, listenLocal, startBotProcess as run, until } from './support/process.js';
import { createSlackClient } from './support/slackClient.js';
import { tempDir } from './support/temp.js';

let fake: FakeSlack | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

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
    expect(p.output()).toContain('The local sandbox, which runs when no Slack tokens are set, is off in production (NODE_ENV=production).');
    expect(p.output()).not.toContain('SANDBOX');
    // With some Slack setting given, the sandbox is not what was meant: no word of it.
    const configured = run({ NODE_ENV: 'production', SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(await configured.exited).toBe(1);
    expect(configured.output()).not.toContain('sandbox');
  });

  it('starts the local sandbox when no Slack token is set, and says so with the URL', async () => {
    const port = await freePort();
    const p = run({ PORT: String(port), SANDBOX_DATABASE_PATH: join(tempDir(), 'db.sqlite') });
    await until(() => p.output().includes(`http://localhost:${port}/`), p.output);
    expect(p.output()).toContain('SANDBOX');
    const page = await fetch(`http://localhost:${port}/`);
    expect(page.status).toBe(200);
    const state = (await (await fetch(`http://localhost:${port}/sandbox/state?user=U0ALEX`)).json()) as { channels: unknown[] };
    expect(state.channels.length).toBeGreaterThanOrEqual(2);
  });

  it("keeps the sandbox's data in a database of its own, never the bot's, and says which file", async () => {
    const cwd = tempDir();
    const port = await freePort();
    const production = join(cwd, 'prod.sqlite');
    const p = run({ PORT: String(port), DATABASE_PATH: production }, cwd);
    await until(() => p.output().includes('To connect a real workspace'), p.output);
    expect(p.output()).toContain(`Data goes to the sandbox's own database, ./data/sandbox.sqlite (SANDBOX_DATABASE_PATH to change it; the bot's DATABASE_PATH is not used here).`);
    expect(existsSync(join(cwd, 'data', 'sandbox.sqlite'))).toBe(true);
    expect(existsSync(production)).toBe(false);
    expect(existsSync(join(cwd, 'data', 'vet.sqlite'))).toBe(false);
  });

  it('names the port in use and the variable to change, in the sandbox and in HTTP mode', async () => {
    const holder = createServer();
    const port = await listenLocal(holder);
    try {
      fake = await startFakeSlack();
      const modes: Record<string, string>[] = [{}, { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: fake.apiUrl }];
      for (const env of modes) {
        const p = run({ PORT: String(port), ...env });
        expect(await p.exited).toBe(1);
        expect(p.output()).toContain(`vet cannot start: port ${port} is already in use (by another vet, or another program). Stop that program, or set PORT to a free port, e.g. PORT=${port + 1}.`);
        expect(p.output()).not.toContain('EADDRINUSE');
      }
    } finally {
      await new Promise((r) => holder.close(r));
    }
  });

  it('says once that Slack refused the bot token, with the URL used and what to check, and never the token', async () => {
    // Slack refuses the token; a proxy in front of the API fails.
    const refusing = createHttpServer((req, res) => {
      if (req.url?.startsWith('/proxy/')) {
        res.writeHead(502).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'invalid_auth' }));
    });
    const base = `http://127.0.0.1:${await listenLocal(refusing)}`;
    try {
      const api = `${base}/api/`;
      const p = run({ SLACK_BOT_TOKEN: 'xoxb-refused-secret', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: api, PORT: String(await freePort()) });
      expect(await p.exited).toBe(1);
      expect(p.output().trim().split('\n')).toEqual([
        `vet cannot start: the bot token check against the Slack Web API failed: POST ${api}auth.test answered "invalid_auth". Check SLACK_BOT_TOKEN: it must be the Bot User OAuth Token (xoxb-...) on the "OAuth & Permissions" page of an app installed in this workspace; reinstalling the app issues a new one.`,
      ]);
      const proxy = `${base}/proxy/`;
      // A 502 may pass by itself; asked once here (VET_SLACK_CHECK_SECONDS=0), so the test need not wait.
      const failing = run({ SLACK_BOT_TOKEN: 'xoxb-refused-secret', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: proxy, VET_SLACK_CHECK_SECONDS: '0' });
      expect(await failing.exited).toBe(1);
      expect(failing.output().trim().split('\n')).toEqual([
        `vet cannot start: the bot token check against the Slack Web API failed: POST ${proxy}auth.test answered HTTP 502 Bad Gateway. Check SLACK_API_URL, which must be the base URL of a Slack Web API such as https://slack.com/api/.`,
      ]);
    } finally {
      await new Promise((r) => refusing.close(r));
    }
  });

  it('says once that the Slack Web API could not be reached, with the URL used and what to check', async () => {
    const api = `http://127.0.0.1:${await freePort()}/api/`;
    const p = run({ SLACK_BOT_TOKEN: 'xoxb-unreachable-secret', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: api, VET_SLACK_CHECK_SECONDS: '0' });
    expect(await p.exited).toBe(1);
    expect(p.output().trim().split('\n')).toEqual([
      `vet cannot start: the bot token check against the Slack Web API failed: POST ${api}auth.test got no answer (ECONNREFUSED). Check that this machine reaches that address (network, proxy, firewall), and SLACK_API_URL.`,
    ]);
    expect(p.output()).not.toMatch(/fetch failed|unreachable-secret/);
  });

  it('asks again when Slack is busy at start-up, says so once, and starts when Slack answers', async () => {
    fake = await startFakeSlack();
    // A rate limit may pass by itself, unlike a refused token: start-up waits the second Slack asks for.
    fake.failNext('auth.test', { rateLimited: 1 });
    const p = run({ SLACK_BOT_TOKEN: 'xoxb-busy-secret', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: fake.apiUrl, PORT: String(await freePort()), VET_SLACK_CHECK_SECONDS: '10' });
    await until(() => p.output().includes('vet is running in HTTP mode'), p.output);
    const waiting = p
      .output()
      .split('\n')
      .filter((l) => l.startsWith('vet is waiting for Slack'));
    expect(waiting).toEqual([
      `vet is waiting for Slack: the bot token check against the Slack Web API failed: POST ${fake.apiUrl}auth.test asked to wait 1 s (rate limited). Asking again for up to 10 s (VET_SLACK_CHECK_SECONDS).`,
    ]);
    expect(p.output()).not.toMatch(/cannot start|busy-secret/);
  });

  it('refuses a file that is not a bank as VET_QUESTION_BANK without quoting it', async () => {
    const passwd = join(tempDir(), 'passwd');
    writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/bash\n');
    const p = run({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', VET_QUESTION_BANK: passwd });
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain(`${passwd}: not a JSON or YAML question bank`);
    expect(p.output()).not.toMatch(/root:|Unexpected token/);
  });

  it('refuses a YAML alias bomb as VET_QUESTION_BANK in one line naming the setting and the file', async () => {
    const bomb = join(tempDir(), 'bomb.yaml');
    const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)];
    writeFileSync(bomb, rows.join('\n') + '\n');
    const p = run({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', VET_QUESTION_BANK: bomb });
    expect(await p.exited).toBe(1);
    const lines = p.output().trim().split('\n');
    expect(lines).toEqual([
      `vet cannot start: the question bank in VET_QUESTION_BANK is not valid: ${bomb}: not a usable YAML bank: its aliases (*name) expand more than 100 times, as a "billion laughs" document does; write the repeated parts out instead`,
    ]);
  });

  it('says in the start-up log that an empty VET_QUESTION_BANK means the built-in bank', async () => {
    fake = await startFakeSlack();
    const p = run({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: fake.apiUrl, PORT: String(await freePort()), VET_QUESTION_BANK: ' ' });
    await until(() => p.output().includes('VET_QUESTION_BANK'), p.output);
    expect(p.output()).toMatch(/VET_QUESTION_BANK is set but empty: using the built-in question bank standard \S+\./);
    expect(p.output()).toMatch(/question bank standard \S+ \(\d+ questions, built in\)/);
    const sandbox = run({ PORT: String(await freePort()), VET_QUESTION_BANK: '' });
    await until(() => sandbox.output().includes('To connect a real workspace'), sandbox.output);
    expect(sandbox.output()).toMatch(/VET_QUESTION_BANK is set but empty: using the built-in question bank standard \S+\./);
  });

  it('refuses a broken custom question bank, naming the file and the question', async () => {
    const dir = tempDir();
    const bank = join(dir, 'bank.json');
    writeFileSync(bank, JSON.stringify({ id: 'x', version: '1', questions: [{ id: 'q', dimension: 'luck', title: 't', prompt: 'p', matureAnswer: ['a', 'b'] }] }));
    const p = run({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', VET_QUESTION_BANK: bank, DATABASE_PATH: join(dir, 'db.sqlite') });
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain(`${bank}: question \`q\`: dimension must be one of technical, process, security, governance, scalability (got "luck")`);
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
      const q = fake
        .messages({ channel: 'C0E2E' })
        .filter((m) => m.thread_ts)
        .at(-1)!;
      await slack.click(q, { actionId: 'vet.skip' }, { userId: 'U0ALICE' });
      await fake.waitFor(() => fake!.callsTo('chat.postMessage').length > posts.length, 5000);
    }
    const summary = fake.callsTo('chat.postMessage').at(-1)!.params;
    expect(summary.reply_broadcast).toBe('true');
    expect(JSON.stringify(summary.blocks)).toContain('Vetting summary: Acme');
    expect(JSON.stringify(summary.blocks)).toMatch(/0 of 1\d answered/);
  });
});
