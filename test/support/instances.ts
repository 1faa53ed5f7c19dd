// Several bot processes on one database, as behind a load balancer: the built app (dist/app.js) started as real
// child processes in HTTP mode, each answering signed requests on a port of its own, and a gate in front of the
// Slack stand-in that can hold a Web API call in flight (to kill a process at a known point of its work).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { DatabaseTarget } from '../../src/store/db.js';
import type { FakeSlack } from './fakeSlack.js';
import { createSlackClient, type SlackClient } from './slackClient.js';
import { tempDir } from './temp.js';

export const INSTANCE_SIGNING_SECRET = 'instances-signing-secret';

export interface Instance {
  name: string;
  /** Its bot token: the stand-in records it with every Web API call, so a call says which instance made it. */
  token: string;
  port: number;
  /** Signed requests to this instance only. */
  slack: SlackClient;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves when the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  /** Resolves when it answers HTTP on its port; rejects, with its output, when it ended or did not within 20 s. */
  ready(): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL when it has not ended within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

/** The environment of a bot process on `target`: only what a deployment would set (no .env is read). */
function botEnv(name: string, port: number, target: DatabaseTarget, apiUrl: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    SLACK_BOT_TOKEN: tokenOf(name),
    SLACK_SIGNING_SECRET: INSTANCE_SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    PORT: String(port),
    ...(target.engine === 'postgres' ? { DATABASE_URL: target.url } : { DATABASE_PATH: target.path }),
  };
}

/**
 * Starts `node dist/app.js` once per name, all at the same moment (as a deployment of several replicas does), and
 * resolves when every one answers HTTP on its port. `responseUrl` gives the response_url of the requests sent to them.
 */
export async function startInstances(names: readonly string[], opts: InstanceOptions): Promise<Instance[]> {
  const instances = await spawnInstances(names, opts);
  try {
    await Promise.all(instances.map((i) => i.ready()));
  } catch (e) {
    await Promise.all(instances.map((i) => i.stop()));
    throw e;
  }
  return instances;
}

export interface InstanceOptions {
  target: DatabaseTarget;
  apiUrl: string;
  responseUrl: () => string;
}

/** Starts the processes without waiting for them: each instance's ready() says when it serves. */
export async function spawnInstances(names: readonly string[], opts: InstanceOptions): Promise<Instance[]> {
  return Promise.all(names.map(async (name) => spawnInstance(name, await freePort(), opts)));
}

/** The bot token an instance of that name is started with. */
export const tokenOf = (name: string) => `xoxb-test-${name}`;

function spawnInstance(name: string, port: number, { target, apiUrl, responseUrl }: InstanceOptions): Instance {
  // A folder of its own, as a fresh deployment has: no developer's .env, nothing under ./data.
  const proc: ChildProcess = spawn(process.execPath, [join(process.cwd(), 'dist', 'app.js')], { env: botEnv(name, port, target, apiUrl), cwd: tempDir() });
  let output = '';
  proc.stdout?.on('data', (d) => (output += String(d)));
  proc.stderr?.on('data', (d) => (output += String(d)));
  let ended = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => {
      ended = true;
      resolve({ code, signal });
    }),
  );
  const instance: Instance = {
    name,
    token: tokenOf(name),
    port,
    slack: createSlackClient({ url: `http://127.0.0.1:${port}/slack/events`, signingSecret: INSTANCE_SIGNING_SECRET, responseUrl }),
    output: () => output,
    exited,
    running: () => !ended,
    ready: () => waitUntilServing(instance, 20_000),
    kill: (signal) => {
      if (!ended) proc.kill(signal);
    },
    async stop(graceMs = 3000) {
      if (ended) return;
      proc.kill('SIGTERM');
      const done = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
      if (!done) {
        proc.kill('SIGKILL');
        await exited;
      }
    },
  };
  return instance;
}

/**
 * Ready when its HTTP server answers (any status: Slack's request URL takes POSTs only). Polling the port rather
 * than reading a start-up line keeps this independent of the log format.
 */
async function waitUntilServing(i: Instance, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (!i.running()) throw new Error(`instance ${i.name} ended before it served HTTP:\n${i.output()}`);
    try {
      await fetch(`http://127.0.0.1:${i.port}/`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`instance ${i.name} did not serve HTTP on port ${i.port} within ${withinMs} ms:\n${i.output()}`);
      await sleep(50);
    }
  }
}

/** Hands requests to the instances still running in turn, as a round-robin load balancer does. */
export function loadBalancer(instances: readonly Instance[]): { next(): Instance } {
  let turn = 0;
  return {
    next() {
      for (let tried = 0; tried < instances.length; tried++) {
        const i = instances[turn++ % instances.length]!;
        if (i.running()) return i;
      }
      throw new Error('no instance is running');
    },
  };
}

/** A Web API call as it passes the gate. */
export interface GateCall {
  method: string;
  token: string | undefined;
  params: URLSearchParams;
}

/** A call the gate holds: it has not reached Slack, and its maker waits for the answer. */
export interface HeldCall extends GateCall {
  /** Lets it through to Slack, and its answer back. */
  release(): void;
  /**
   * Lets it through to Slack but keeps the answer: the function returned hands it back. Several makers get their
   * answers in the same instant when the functions are called together.
   */
  ask(): Promise<() => void>;
}

export interface SlackGate {
  /** Base URL to give the instances as SLACK_API_URL. */
  apiUrl: string;
  /**
   * Holds the next call matching `match` until it is released; one never released never reaches Slack (as when the
   * process making it dies on the way). Resolves when that call has arrived.
   */
  holdNext(match: (call: GateCall) => boolean): Promise<HeldCall>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Passes every Web API call on to the stand-in unchanged, except the ones it was told to hold. */
export async function startSlackGate(fake: FakeSlack): Promise<SlackGate> {
  const upstream = new URL(fake.apiUrl).origin;
  const holds: { match: (call: GateCall) => boolean; arrived: (call: HeldCall) => void }[] = [];
  const held = new Set<ServerResponse>();

  /** Asks Slack; the function returned gives its answer to the maker of the call. */
  const ask = async (req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<() => void> => {
    const type = req.headers['content-type'];
    const auth = req.headers.authorization;
    const answer = await fetch(`${upstream}${req.url}`, {
      method: req.method,
      headers: { ...(type && { 'content-type': type }), ...(auth && { authorization: auth }) },
      ...(req.method !== 'GET' && req.method !== 'HEAD' && { body }),
    });
    const retryAfter = answer.headers.get('retry-after');
    const status = answer.status;
    const headers = { 'content-type': answer.headers.get('content-type') ?? 'application/json', ...(retryAfter && { 'retry-after': retryAfter }) };
    const content = Buffer.from(await answer.arrayBuffer());
    return () => {
      held.delete(res);
      res.writeHead(status, headers);
      res.end(content);
    };
  };
  const forward = async (req: IncomingMessage, body: Buffer, res: ServerResponse) => (await ask(req, body, res))();
  const failed = (res: ServerResponse) => (e: unknown) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`slack gate: ${String(e)}`);
  };

  const server = createHttpServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const auth = req.headers.authorization;
      const type = req.headers['content-type'] ?? '';
      const call: GateCall = {
        method: new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/api\//, ''),
        token: auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined,
        params: type.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(body.toString('utf8')) : new URLSearchParams(),
      };
      const hold = holds.findIndex((h) => h.match(call));
      if (hold < 0) return forward(req, body, res);
      const [h] = holds.splice(hold, 1);
      held.add(res);
      h!.arrived({
        ...call,
        release: () => {
          forward(req, body, res).catch(failed(res));
        },
        ask: () => ask(req, body, res),
      });
    })().catch(failed(res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    holdNext: (match) => new Promise((arrived) => holds.push({ match, arrived })),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const res of held) res.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
