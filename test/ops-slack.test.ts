// An instance as a load balancer and an orchestrator see it: the built bot as a real process, its /healthz, how it
// stops on SIGTERM with work in flight, its JSON logs, and which database it says it uses. Runs on both engines; what
// does not depend on the engine runs in the sqlite project only, and what needs a PostgreSQL server in postgres only.
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createInterviewFlow } from '../src/flows/interview.js';
import { VERDICT_VERSION } from '../src/flows/verdicts.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { connectDatabase, openDatabase, type DatabaseTarget } from '../src/store/db.js';
import { createStore } from '../src/store/store.js';
import { startFakeSlack, type FakeSlack } from './support/fakeSlack.js';
import { freshPostgres, freshTarget, testEngine } from './support/database.js';
import { freePort, listenLocal, startBotProcess, until, type BotProcess } from './support/process.js';
import { createSlackClient, FORM, signSlackRequest } from './support/slackClient.js';
import { tempDir } from './support/temp.js';

const BOT_TOKEN = 'xoxb-ops-test-bot-token';
const SIGNING_SECRET = 'ops-test-signing-secret';
const DB_PASSWORD = 'ops-test-db-password';
const onSqlite = testEngine() === 'sqlite';
const onPostgres = testEngine() === 'postgres';

let fake: FakeSlack | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await fake?.close();
  fake = undefined;
});

/** A database of the engine under test; on PostgreSQL its URL carries a password (the test server trusts every login). */
async function database(): Promise<DatabaseTarget> {
  const target = await freshTarget();
  if (target.engine === 'sqlite') return target;
  const url = new URL(target.url);
  url.password = DB_PASSWORD;
  return { ...target, url: url.toString() };
}

function databaseEnv(target: DatabaseTarget): Record<string, string> {
  return target.engine === 'postgres' ? { DATABASE_URL: target.url } : { DATABASE_PATH: target.path };
}

/** Starts the bot in HTTP mode against the fake Slack (or `apiUrl`) and waits until it says it runs. */
async function startBot(target: DatabaseTarget, env: Record<string, string> = {}, apiUrl?: string): Promise<{ bot: BotProcess; port: number }> {
  fake ??= await startFakeSlack();
  const port = await freePort();
  const bot = startBotProcess({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl ?? fake.apiUrl,
    PORT: String(port),
    ...databaseEnv(target),
    ...env,
  });
  await until(() => bot.output().includes('vet is running in HTTP mode') || !bot.running(), bot.output);
  expect(bot.running(), bot.output()).toBe(true);
  return { bot, port };
}

async function health(port: number): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: await res.json() };
}

/**
 * A Slack Web API in front of the fake that holds every call of `method` until `release()`: a handler still at work
 * (Bolt acks Slack first and posts afterwards).
 */
async function holdingSlack(upstream: string, method: string) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let held = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(Buffer.from(c));
      if (req.url?.endsWith(`/${method}`)) {
        held++;
        await released;
      }
      const answer = await fetch(new URL(req.url ?? '/', upstream).toString(), {
        method: req.method,
        headers: { 'content-type': req.headers['content-type'] ?? FORM, ...(req.headers.authorization && { authorization: req.headers.authorization }) },
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await answer.arrayBuffer()));
    })().catch(() => res.destroy());
  });
  const port = await listenLocal(server);
  cleanups.push(async () => {
    release();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  return { apiUrl: `http://127.0.0.1:${port}/api/`, held: () => held, release: () => release() };
}

/** The form Slack posts for `/vet <text>`, signed. */
function signedCommand(text: string, channelId: string): { body: string; headers: Record<string, string> } {
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: 'T0FAKE',
    team_domain: 'fake',
    channel_id: channelId,
    channel_name: channelId.toLowerCase(),
    user_id: 'U0LEAD',
    user_name: 'lead',
    command: '/vet',
    text,
    api_app_id: 'A0FAKE',
    is_enterprise_install: 'false',
    response_url: fake!.responseUrl(),
    trigger_id: '1.2.ops',
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  return { body, headers: { 'content-type': FORM, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signSlackRequest(SIGNING_SECRET, timestamp, body) } };
}

/**
 * A request Slack is still sending: the headers and all of the body but its last bytes. `Expect: 100-continue` makes
 * the server say when it has the request in hand, so the test knows the request is in flight.
 */
async function slowRequest(port: number, request: { body: string; headers: Record<string, string> }) {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (d) => (received += String(d)));
  const closed = new Promise<void>((r) => socket.on('close', () => r()));
  const head = [
    'POST /slack/events HTTP/1.1',
    `host: 127.0.0.1:${port}`,
    'connection: keep-alive',
    'expect: 100-continue',
    `content-length: ${Buffer.byteLength(request.body)}`,
    ...Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`),
  ].join('\r\n');
  socket.write(`${head}\r\n\r\n`);
  await until(
    () => received.includes('100 Continue'),
    () => `no 100 Continue; got: ${received}`,
  );
  const tail = 5;
  socket.write(request.body.slice(0, -tail));
  return {
    finish: async (): Promise<string> => {
      socket.end(request.body.slice(-tail));
      await closed;
      return received.slice(received.indexOf('\r\n\r\n') + 4);
    },
  };
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

describe('health check', () => {
  it('answers /healthz 200 with a reachable, migrated database, and 503 naming the migrations missing', async () => {
    const target = await database();
    const { bot, port } = await startBot(target);
    expect(await health(port)).toEqual({ status: 200, body: { status: 'ok', database: 'ok', migrations: 'current' } });
    const head = await fetch(`http://127.0.0.1:${port}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('cache-control')).toBe('no-store');

    // The database loses a migration (restored from an old backup, say): this build cannot serve it.
    const db = connectDatabase<{ kysely_migration: { name: string; timestamp: string } }>(target);
    cleanups.push(() => db.destroy());
    const last = await db.selectFrom('kysely_migration').selectAll().orderBy('name', 'desc').executeTakeFirstOrThrow();
    await db.deleteFrom('kysely_migration').where('name', '=', last.name).execute();
    expect(await health(port)).toEqual({ status: 503, body: { status: 'unavailable', database: 'ok', migrations: `pending: ${last.name}` } });
    expect(await health(port)).toMatchObject({ status: 503 });
    await db.insertInto('kysely_migration').values(last).execute();
    expect(await health(port)).toEqual({ status: 200, body: { status: 'ok', database: 'ok', migrations: 'current' } });

    // Said once per change, not once per probe.
    await until(() => bot.stdout().includes('health: ok again'), bot.output);
    expect(lines(bot.stderr()).filter((l) => l.includes('health:'))).toEqual([
      `[WARN]  health: unavailable (/healthz answers 503): the database lacks migrations ${last.name}; an instance of this version migrates it when it starts`,
    ]);
    expect(lines(bot.stdout()).filter((l) => l.includes('health:'))).toEqual(['[INFO]  health: ok again (/healthz answers 200)']);
  });

  it.runIf(onPostgres)('answers 503 while PostgreSQL refuses connections, and 200 again once it takes them', async () => {
    const target = await freshPostgres();
    const { bot, port } = await startBot(target);
    expect((await health(port)).status).toBe(200);
    const name = new URL(target.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
    await admin.connect();
    cleanups.push(() => admin.end());
    await admin.query(`alter database ${name} allow_connections false`);
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
    // The first probes may meet connections the termination is still closing; a new one is then refused, and said so.
    const refused = `health: unavailable (/healthz answers 503): the database cannot be reached: database "${name}" is not currently accepting connections`;
    await until(async () => (await health(port)).status === 503 && bot.output().includes(refused), bot.output);
    expect(await health(port)).toEqual({ status: 503, body: { status: 'unavailable', database: 'unreachable', migrations: 'unknown' } });
    await admin.query(`alter database ${name} allow_connections true`);
    await until(async () => (await health(port)).status === 200, bot.output);
    await until(() => bot.output().includes('health: ok again'), bot.output);
    expect(bot.running()).toBe(true);
  });

  it.runIf(onSqlite)('serves /healthz on PORT in Socket Mode, before and while Slack is connected, and nothing else', async () => {
    fake = await startFakeSlack();
    const port = await freePort();
    // The fake has no Socket Mode endpoint: the bot keeps trying to connect, its health check answers all the same.
    const bot = startBotProcess({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: 'xapp-ops-test-app-token',
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      DATABASE_PATH: join(tempDir(), 'vet.sqlite'),
    });
    await until(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.status === 200, bot.output);
    expect(await health(port)).toEqual({ status: 200, body: { status: 'ok', database: 'ok', migrations: 'current' } });
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).status).toBe(404);
    bot.signal('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toContain('database closed; vet stopped');
  });
});

describe('stopping on SIGTERM', () => {
  it('stops taking requests, finishes the one in flight and its work, closes the database and exits 0', async () => {
    const target = await database();
    fake = await startFakeSlack();
    const slack = await holdingSlack(fake.apiUrl, 'chat.postMessage');
    const { bot, port } = await startBot(target, {}, slack.apiUrl);
    const request = await slowRequest(port, signedCommand('start Acme --lite', 'C0OPS'));

    bot.signal('SIGTERM');
    await until(() => bot.output().includes('SIGTERM received'), bot.output);
    expect(bot.output()).toContain(
      'SIGTERM received: stopping. /healthz answers 503 and no new requests are taken; waiting up to 10 s (VET_SHUTDOWN_SECONDS) for 1 request and 0 Slack handlers in flight and any digest run in progress.',
    );
    // No new connection is taken, so a load balancer's next probe fails and it sends nothing more here.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();

    // The request still arriving is answered (and its connection then closed)...
    const response = await request.finish();
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(response.toLowerCase()).toContain('connection: close');
    // ...and its handler, posting the interview to Slack after the ack, finishes before the process exits.
    await until(() => slack.held() > 0, bot.output);
    expect(bot.running()).toBe(true);
    slack.release();
    expect(await bot.exited).toBe(0);
    expect(fake.messages({ channel: 'C0OPS' }).length).toBeGreaterThanOrEqual(2);
    const said = lines(bot.output()).filter((l) => !l.includes('health:'));
    const at = (text: string) => said.findIndex((l) => l.includes(text));
    expect(at('SIGTERM received')).toBeGreaterThan(-1);
    expect(at('digest scheduler stopped')).toBeGreaterThan(at('SIGTERM received'));
    expect(at('requests in flight finished')).toBeGreaterThan(at('SIGTERM received'));
    expect(said.at(-1)).toBe('[INFO]  database closed; vet stopped');
    for (const step of ['SIGTERM received', 'digest scheduler stopped', 'requests in flight finished', 'database closed']) expect(said.filter((l) => l.includes(step))).toHaveLength(1);
  });

  it.runIf(onSqlite)('cuts off work still running after VET_SHUTDOWN_SECONDS, says so, and still closes the database', async () => {
    fake = await startFakeSlack();
    const slack = await holdingSlack(fake.apiUrl, 'chat.postMessage');
    const { bot, port } = await startBot({ engine: 'sqlite', path: join(tempDir(), 'vet.sqlite') }, { VET_SHUTDOWN_SECONDS: '0' }, slack.apiUrl);
    const client = createSlackClient({ url: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET, responseUrl: () => fake!.responseUrl() });
    expect((await client.command('start Acme --lite', { userId: 'U0LEAD', channelId: 'C0OPS' })).status).toBe(200);
    await until(() => slack.held() > 0, bot.output);
    bot.signal('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toContain('[WARN]  still busy after 0 s (VET_SHUTDOWN_SECONDS): cutting off 0 requests and 1 Slack handler.');
    expect(lines(bot.output()).at(-1)).toBe('[INFO]  database closed; vet stopped');
  });

  it.runIf(onSqlite)('exits at once, with 1, on a second signal', async () => {
    fake = await startFakeSlack();
    const slack = await holdingSlack(fake.apiUrl, 'chat.postMessage');
    const { bot, port } = await startBot({ engine: 'sqlite', path: join(tempDir(), 'vet.sqlite') }, {}, slack.apiUrl);
    const client = createSlackClient({ url: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET, responseUrl: () => fake!.responseUrl() });
    await client.command('start Acme --lite', { userId: 'U0LEAD', channelId: 'C0OPS' });
    await until(() => slack.held() > 0, bot.output);
    bot.signal('SIGINT');
    await until(() => bot.output().includes('SIGINT received'), bot.output);
    bot.signal('SIGTERM');
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain('[WARN]  SIGTERM received again: exiting now, without waiting for the work in flight.');
    expect(bot.output()).not.toContain('vet stopped');
  });
});

describe('JSON logs', () => {
  it('writes every line as a JSON object with level, time and message, and no secret, from start to stop', async () => {
    const target = await database();
    const { bot, port } = await startBot(target, { LOG_FORMAT: 'json', LOG_LEVEL: 'debug' });
    const client = createSlackClient({ url: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET, responseUrl: () => fake!.responseUrl() });
    await client.command('start Acme --lite', { userId: 'U0LEAD', channelId: 'C0JSON' });
    await fake!.waitFor(() => fake!.messages({ channel: 'C0JSON' }).length >= 2, 5000);
    expect((await health(port)).status).toBe(200);
    bot.signal('SIGTERM');
    expect(await bot.exited).toBe(0);

    expect(bot.stderr()).toBe('');
    const records = lines(bot.stdout()).map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const r of records) {
      expect(['debug', 'info', 'warn', 'error']).toContain(r.level);
      expect(typeof r.msg).toBe('string');
      expect(new Date(String(r.time)).toISOString()).toBe(r.time);
    }
    // Bolt's own lines (debug) come through the same logger.
    expect(records.some((r) => r.level === 'debug')).toBe(true);
    expect(records.find((r) => String(r.msg).startsWith('vet is running in HTTP mode'))).toMatchObject({ level: 'info', mode: 'http', port });
    const described = target.engine === 'postgres' ? `PostgreSQL ${target.url.replace(DB_PASSWORD, '***')}` : `SQLite ${target.path}`;
    expect(records.find((r) => String(r.msg).startsWith('question bank'))).toMatchObject({ database: described });
    expect(records.find((r) => String(r.msg).startsWith('SIGTERM received'))).toMatchObject({ signal: 'SIGTERM', requests: 0, graceSeconds: 10 });
    expect(records.at(-1)).toMatchObject({ level: 'info', msg: 'database closed; vet stopped' });
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, DB_PASSWORD]) expect(bot.output()).not.toContain(secret);
  });

  it.runIf(onSqlite)('says a start-up problem as JSON too, and a wrong LOG_FORMAT in plain text', async () => {
    const failing = startBotProcess({ SLACK_BOT_TOKEN: 'xoxb-1', LOG_FORMAT: 'json' });
    expect(await failing.exited).toBe(1);
    expect(lines(failing.output()).map((l) => JSON.parse(l) as unknown)).toEqual([expect.objectContaining({ level: 'error', msg: expect.stringContaining('SLACK_SIGNING_SECRET is not set') })]);
    const wrong = startBotProcess({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', LOG_FORMAT: 'yaml' });
    expect(await wrong.exited).toBe(1);
    expect(wrong.output()).toBe('vet cannot start; fix these settings (environment or .env, see README):\n  LOG_FORMAT must be text or json, got "yaml".\n');
  });
});

describe('which database', () => {
  it.runIf(onPostgres)('uses DATABASE_URL over DATABASE_PATH: no SQLite file, and the log names PostgreSQL without the password', async () => {
    const target = await database();
    const file = join(tempDir(), 'data', 'vet.sqlite');
    const { bot } = await startBot(target, { DATABASE_PATH: file });
    if (target.engine !== 'postgres') throw new Error('a PostgreSQL database was expected');
    await until(() => bot.output().includes('DATABASE_PATH is ignored'), bot.output);
    expect(bot.output()).toContain(`database PostgreSQL ${target.url.replace(DB_PASSWORD, '***')}`);
    expect(bot.output()).toContain('DATABASE_PATH is ignored: DATABASE_URL is set, so the data is in PostgreSQL and no SQLite file is used.');
    expect(bot.output()).not.toContain(DB_PASSWORD);
    expect(existsSync(file)).toBe(false);
  });

  it.runIf(onSqlite)('refuses to start when PostgreSQL cannot be reached, naming it without the password, and creates no SQLite file', async () => {
    fake = await startFakeSlack();
    const dbPort = await freePort();
    const cwd = tempDir();
    const bot = startBotProcess(
      {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(await freePort()),
        DATABASE_URL: `postgres://vet:${DB_PASSWORD}@127.0.0.1:${dbPort}/vet`,
        DATABASE_PATH: './data/vet.sqlite',
      },
      cwd,
    );
    expect(await bot.exited).toBe(1);
    expect(lines(bot.output())).toEqual([
      `vet cannot start: the database PostgreSQL postgres://vet:***@127.0.0.1:${dbPort}/vet cannot be reached: connect ECONNREFUSED 127.0.0.1:${dbPort}. Check DATABASE_URL (host, port, user, password, database name) and that PostgreSQL is running and reachable from here.`,
    ]);
    expect(existsSync(join(cwd, 'data'))).toBe(false);
  });
});

describe('after an upgrade', () => {
  it('scores the verdicts the upgrade left missing in the background once it serves, and says so', async () => {
    const target = await database();
    // A completed vetting whose verdict is not kept, as a database migrated from before kept verdicts has it.
    const db = await openDatabase(target);
    const flow = createInterviewFlow({ store: createStore(db), bank: STANDARD_BANK, clock: () => new Date() });
    const lead = { userId: 'U0OPS', admin: false, riskOwner: false, external: false };
    const started = await flow.start({ vendorName: 'Acme', model: null, variant: 'lite', channelId: 'C0OPS', lead, evaluators: [] });
    if (started.kind !== 'started') throw new Error(started.kind);
    expect((await flow.finish({ vendorName: 'Acme', channelId: 'C0OPS', actor: lead })).kind).toBe('finished');
    await db.updateTable('interview_verdicts').set({ version: null }).execute();
    await db.destroy();

    const { bot } = await startBot(target);
    await until(() => bot.output().includes('kept the verdicts of 1 completed vetting(s)'), bot.output);
    expect(bot.output()).toContain('scoring the verdicts of 1 completed vetting(s) that are missing or out of date (after an upgrade), in the background');
    const after = connectDatabase(target);
    cleanups.push(() => after.destroy());
    expect(await after.selectFrom('interview_verdicts').select('version').execute()).toEqual([{ version: VERDICT_VERSION }]);
  });
});
