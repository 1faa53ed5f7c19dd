// GET /healthz for a load balancer or orchestrator: 200 when this instance can serve (its database answers and has
// every migration it needs), 503 otherwise, and 503 from the moment it starts shutting down so traffic drains away.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '@slack/bolt';
import { fields } from '../logging.js';
import type { Db } from '../store/db.js';
import { pendingMigrations, pingDatabase } from '../store/health.js';

export const HEALTH_PATH = '/healthz';
/** Below the usual health-check timeouts (2-5 s), so a slow database reads as unavailable, not as a hung instance. */
export const HEALTH_TIMEOUT_MS = 2000;

/** The body of /healthz: states only, never an error text that could carry a host name or user. */
export interface HealthReport {
  status: 'ok' | 'unavailable';
  database: 'ok' | 'unreachable' | 'no answer' | 'not checked';
  migrations: 'current' | `pending: ${string}` | 'unknown' | 'not checked';
  shuttingDown?: true;
}

export interface Health {
  check(): Promise<HealthReport>;
  /** From now on /healthz answers 503 without asking the database. */
  shuttingDown(): void;
  /** Answers a request for /healthz (GET or HEAD). */
  respond(req: IncomingMessage, res: ServerResponse): void;
}

const NO_ANSWER = Symbol('no answer');

async function within<T>(work: Promise<T>, ms: number): Promise<T | typeof NO_ANSWER> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof NO_ANSWER>((resolve) => (timer = setTimeout(() => resolve(NO_ANSWER), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export function createHealth(deps: { db: Db; logger: Logger; timeoutMs?: number }): Health {
  const timeoutMs = deps.timeoutMs ?? HEALTH_TIMEOUT_MS;
  let stopping = false;
  // Said once per change, not on every probe: a load balancer asks every few seconds.
  let last: { status: HealthReport['status']; why: string } = { status: 'ok', why: '' };

  const tell = (report: HealthReport, why: string) => {
    if (report.status === last.status && why === last.why) return;
    last = { status: report.status, why };
    const state = fields({ health: report.status, database: report.database, migrations: report.migrations });
    if (report.status === 'ok') deps.logger.info('health: ok again (/healthz answers 200)', state);
    else deps.logger.warn(`health: unavailable (/healthz answers 503): ${why}`, state);
  };

  const probe = async (): Promise<{ report: HealthReport; why: string }> => {
    try {
      const answer = await within(
        (async () => {
          await pingDatabase(deps.db);
          return pendingMigrations(deps.db);
        })(),
        timeoutMs,
      );
      if (answer === NO_ANSWER) return { report: { status: 'unavailable', database: 'no answer', migrations: 'unknown' }, why: `the database did not answer within ${timeoutMs / 1000} s` };
      if (answer.length > 0)
        return {
          report: { status: 'unavailable', database: 'ok', migrations: `pending: ${answer.join(', ')}` },
          why: `the database lacks migrations ${answer.join(', ')}; an instance of this version migrates it when it starts`,
        };
      return { report: { status: 'ok', database: 'ok', migrations: 'current' }, why: '' };
    } catch (e) {
      return { report: { status: 'unavailable', database: 'unreachable', migrations: 'unknown' }, why: `the database cannot be reached: ${reason(e)}` };
    }
  };

  const check = async (): Promise<HealthReport> => {
    if (stopping) return { status: 'unavailable', database: 'not checked', migrations: 'not checked', shuttingDown: true };
    const { report, why } = await probe();
    tell(report, why);
    return report;
  };

  return {
    check,
    shuttingDown: () => {
      stopping = true;
    },
    respond: (req, res) => {
      void check().then((report) => {
        res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : JSON.stringify(report));
      });
    },
  };
}

/** A driver error in words: its message, or its code when it has none (Node's AggregateError for a refused connect). */
export function reason(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const code = 'code' in e && typeof e.code === 'string' ? e.code : undefined;
  return e.message !== '' ? e.message : (code ?? e.name);
}

/**
 * In Socket Mode Bolt runs no HTTP server: this one serves only /healthz (404 for anything else), so the same image and
 * health check work in both modes.
 */
export async function serveHealth(health: Health, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === HEALTH_PATH && (req.method === 'GET' || req.method === 'HEAD')) return health.respond(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: this port serves only GET /healthz in Socket Mode\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
