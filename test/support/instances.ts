// Several bot processes on one database, as behind a load balancer: the built app (dist/app.js) started as real
// child processes in HTTP mode, each answering signed requests on a port of its own, and a gate in front of the
// Slack stand-in that can hold a Web API call in flight (to kill a process at a known point of its work).
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DatabaseTarget } from '../../src/store/db.js';
import type { FakeSlack } from './fakeSlack.js';
import { freePort, startBotProcess, until, type BotProcess } from './process.js';
import { createSlackClient, type SlackClient } from './slackClient.js';

export const INSTANCE_SIGNING_SECRET = 'instances-signing-secret';

export interface Instance extends BotProcess {
  name: string;
  /** Its bot token: the stand-in records it with every Web API call, so a call says which instance made it. */
  token: string;
  port: number;
  /** Signed requests to this instance only. */
  slack: SlackClient;
  /** Resolves when its GET /healthz answers 200, as a load balancer waits; rejects with its output when it ended. */
  ready(): Promise<void>;
}

export interface InstanceOptions {
  target: DatabaseTarget;
  /** SLACK_API_URL of every instance. */
  apiUrl: string;
  /** The response_url of the requests sent to them. */
  responseUrl: () => string;
}

/** The bot token an instance of that name is started with. */
export const tokenOf = (name: string) => `xoxb-test-${name}`;

/**
 * Starts `node dist/app.js` in HTTP mode once per name, all at the same moment (as a deployment of several replicas
 * does), each on a port of its own; ready() says when one serves. Killed, if still running, when the test finishes.
 */
export async function spawnInstances(names: readonly string[], opts: InstanceOptions): Promise<Instance[]> {
  const ports = await Promise.all(names.map(() => freePort()));
  return names.map((name, n) => spawnInstance(name, ports[n]!, opts));
}

function spawnInstance(name: string, port: number, { target, apiUrl, responseUrl }: InstanceOptions): Instance {
  // Only what a deployment would set; the production setting keeps a missing token from starting the sandbox.
  const proc = startBotProcess({
    NODE_ENV: 'production',
    SLACK_BOT_TOKEN: tokenOf(name),
    SLACK_SIGNING_SECRET: INSTANCE_SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    PORT: String(port),
    ...(target.engine === 'postgres' ? { DATABASE_URL: target.url } : { DATABASE_PATH: target.path }),
  });
  const healthy = async () => {
    if (!proc.running()) throw new Error(`instance ${name} ended before it served:\n${proc.output()}`);
    const answer = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) }).catch(() => null);
    return answer?.status === 200;
  };
  return {
    ...proc,
    name,
    token: tokenOf(name),
    port,
    slack: createSlackClient({ url: `http://127.0.0.1:${port}/slack/events`, signingSecret: INSTANCE_SIGNING_SECRET, responseUrl }),
    ready: () => until(healthy, () => `instance ${name} did not answer GET /healthz with 200 on port ${port}:\n${proc.output()}`, 20_000),
  };
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
