// The real Bolt App on a loopback port, a real database (a SQLite file, or PostgreSQL in the `postgres` project), and
// a fake Slack Web API: what every end-to-end test stands on.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadConfig } from '../../src/config.js';
import type { Clock } from '../../src/model.js';
import type { QuestionBank } from '../../src/questions/model.js';
import { STANDARD_BANK } from '../../src/questions/standard.js';
import { createInFlight } from '../../src/server/shutdown.js';
import { createApp } from '../../src/slack/createApp.js';
import { openDatabase, type DatabaseTarget, type Db } from '../../src/store/db.js';
import { createWiring, type Wiring } from '../../src/wiring.js';
import { freshTarget } from './database.js';
import { startFakeSlack, type FakeSlack } from './fakeSlack.js';
import { createSlackClient } from './slackClient.js';
import { manualClock } from './temp.js';

export const SIGNING_SECRET = 'test-signing-secret';

export interface TestApp {
  fake: FakeSlack;
  slack: ReturnType<typeof createSlackClient>;
  db: Db;
  /** Where the data is: start another app on it to restart the bot. */
  target: DatabaseTarget;
  clock: ReturnType<typeof manualClock>;
  /** What the app was built around: a test may register the listeners on another App to see what they handle. */
  wiring: Wiring;
  close(): Promise<void>;
}

/** Quiet logger that keeps what it was told, so tests can look at warnings and errors. */
export function memoryLogger() {
  const lines: string[] = [];
  const log =
    (level: string) =>
    (...msg: unknown[]) =>
      void lines.push(`${level} ${msg.map(String).join(' ')}`);
  return {
    lines,
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    setLevel: () => undefined,
    getLevel: () => 'debug' as never,
    setName: () => undefined,
  };
}

export async function startTestApp(opts: { bank?: QuestionBank; clock?: Clock; target?: DatabaseTarget; env?: Record<string, string> } = {}): Promise<TestApp> {
  const fake = await startFakeSlack();
  const target = opts.target ?? (await freshTarget());
  const db = await openDatabase(target);
  const clock = (opts.clock as ReturnType<typeof manualClock>) ?? manualClock('2026-11-22T10:00:00Z');
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    ...opts.env,
  });
  if (!config.ok) throw new Error(config.errors.join('\n'));
  const logger = memoryLogger();
  const wiring = createWiring(config.config, {
    db,
    bank: opts.bank ?? STANDARD_BANK,
    clock,
    logger,
    // Production waits for Retry-After and backs off for minutes; tests retry at once.
    retryConfig: { retries: 2, factor: 1, minTimeout: 0, maxTimeout: 5 },
  });
  // A request the test sends returns once the app has done all it started: a click's update, its confirmation and the
  // next question go out side by side, so waiting for one of them says nothing of the others.
  const inFlight = createInFlight();
  const app = createApp(wiring, { track: (work) => inFlight.track(work) });
  const server = (await app.start(0)) as Server;
  const port = (server.address() as AddressInfo).port;
  const slack = createSlackClient({ url: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET, responseUrl: () => fake.responseUrl(), settled: () => inFlight.idle() });
  return {
    fake,
    slack,
    db,
    target,
    clock,
    wiring,
    async close() {
      await app.stop();
      await db.destroy();
      await fake.close();
    },
  };
}
