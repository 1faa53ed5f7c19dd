// Stopping an instance without losing work (SIGTERM from an orchestrator, a rolling deploy, Ctrl-C): stop taking
// requests, let those in flight and a digest run finish within a grace period, close the database, exit 0.
import type { Server, ServerResponse } from 'node:http';
import type { Logger } from '@slack/bolt';
import { fields } from '../logging.js';

/** Slack handlers still running: Bolt answers Slack first (ack) and works on afterwards. */
export interface InFlight {
  track<T>(work: () => Promise<T>): Promise<T>;
  count(): number;
  /** Resolves once no handler is running. */
  idle(): Promise<void>;
}

export function createInFlight(): InFlight {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async track(work) {
      running++;
      try {
        return await work();
      } finally {
        running--;
        if (running === 0) for (const done of waiting.splice(0)) done();
      }
    },
    count: () => running,
    idle: () => (running === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve))),
  };
}

/** An HTTP server that can stop taking connections and finish the requests it has. */
export interface Drainable {
  requests(): number;
  /** Refuses new connections, ends each kept-alive one after its current response; resolves when all are closed. */
  close(): Promise<void>;
  /** Cuts every connection still open: the grace period is over. */
  cut(): void;
}

export function drainable(server: Server): Drainable {
  const open = new Set<ServerResponse>();
  let draining = false;
  server.on('request', (_req, res) => {
    // A load balancer keeps connections alive: without this it could send more requests on them while we drain.
    if (draining && !res.headersSent) res.setHeader('connection', 'close');
    open.add(res);
    res.on('close', () => open.delete(res));
  });
  return {
    requests: () => open.size,
    close: () =>
      new Promise((resolve) => {
        draining = true;
        for (const res of open) if (!res.headersSent) res.setHeader('connection', 'close');
        // Also closes the connections idle now; the callback comes when the last busy one has closed.
        server.close(() => resolve());
      }),
    cut: () => server.closeAllConnections(),
  };
}

/** What a running instance has to stop, filled in as start-up gets to each part (a signal may come at any point). */
export interface Running {
  /** Makes /healthz answer 503 at once. */
  unhealthy?: () => void;
  servers: Drainable[];
  /** Socket Mode: closes the connection to Slack, so no more events arrive. */
  disconnect?: () => Promise<void>;
  inFlight: InFlight;
  /** Ends the digest schedule; resolves when a run in progress has finished. */
  stopDigests?: () => Promise<void>;
  closeDatabase?: () => Promise<void>;
}

export interface ShutdownOptions {
  logger: Logger;
  graceSeconds: number;
  exit: (code: number) => void;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

async function inTime(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Stops everything `running` has, each step said once in the log. */
export async function shutDown(running: Running, signal: string, opts: Omit<ShutdownOptions, 'exit'>): Promise<void> {
  const { logger, graceSeconds } = opts;
  const requests = running.servers.reduce((n, s) => n + s.requests(), 0);
  const handlers = running.inFlight.count();
  running.unhealthy?.();
  const busy =
    requests + handlers === 0
      ? 'any digest run in progress'
      : `${plural(requests, 'request', 'requests')} and ${plural(handlers, 'Slack handler', 'Slack handlers')} in flight and any digest run in progress`;
  logger.info(
    `${signal} received: stopping. /healthz answers 503 and no new requests are taken; waiting up to ${graceSeconds} s (VET_SHUTDOWN_SECONDS) for ${busy}.`,
    fields({ signal, requests, handlers, graceSeconds }),
  );
  // Handlers are waited for after the servers close: a request still arriving starts its handler before its connection ends.
  const requestsDone = Promise.all([...running.servers.map((s) => s.close()), running.disconnect?.()])
    .then(() => running.inFlight.idle())
    .then(() => logger.info('requests in flight finished'));
  const digestsDone = (running.stopDigests?.() ?? Promise.resolve()).then(() => logger.info('digest scheduler stopped'));
  if (!(await inTime(Promise.all([requestsDone, digestsDone]), graceSeconds * 1000))) {
    const left = running.servers.reduce((n, s) => n + s.requests(), 0);
    logger.warn(
      `still busy after ${graceSeconds} s (VET_SHUTDOWN_SECONDS): cutting off ${plural(left, 'request', 'requests')} and ${plural(running.inFlight.count(), 'Slack handler', 'Slack handlers')}.`,
      fields({ requests: left, handlers: running.inFlight.count() }),
    );
    for (const s of running.servers) s.cut();
  }
  await running.closeDatabase?.();
  logger.info('database closed; vet stopped');
}

/** After the grace period, what is left to close (the database pool) gets this long before the process exits anyway. */
const CLOSE_SECONDS = 5;

/**
 * SIGTERM and SIGINT stop the instance (exit 0 when done); a second signal, or a stop that hangs past the grace period
 * and CLOSE_SECONDS, exits at once with 1.
 */
export function stopOnSignals(running: Running, opts: ShutdownOptions): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      opts.logger.warn(`${signal} received again: exiting now, without waiting for the work in flight.`, fields({ signal }));
      opts.exit(1);
      return;
    }
    stopping = true;
    setTimeout(
      () => {
        opts.logger.error(`vet did not stop within ${opts.graceSeconds + CLOSE_SECONDS} s: exiting.`);
        opts.exit(1);
      },
      (opts.graceSeconds + CLOSE_SECONDS) * 1000,
    ).unref();
    shutDown(running, signal, opts).then(
      () => opts.exit(0),
      (e: unknown) => {
        opts.logger.error(`stopping failed: ${e instanceof Error ? e.message : String(e)}`);
        opts.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
