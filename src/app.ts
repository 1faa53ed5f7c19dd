// Composition root: read config, load the bank, open the store, wire the flows once (wiring.ts), build the Bolt App,
// start it and the schedulers.
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import type { Logger } from '@slack/bolt';
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError, WebClient } from '@slack/web-api';
import { loadConfig, loadSandboxConfig, parseLogFormat, type Config } from './config.js';
import { createLogger, errorsOnly, fields } from './logging.js';
import type { QuestionBank } from './questions/model.js';
import { resolveBank } from './questions/load.js';
import { START_COMMAND } from './slack/command.js';
import { createApp } from './slack/createApp.js';
import { createHealth, HEALTH_PATH, reason, serveHealth } from './server/health.js';
import { createInFlight, drainable, stopOnSignals, type Running } from './server/shutdown.js';
import { connectDatabase, describeTarget, openDatabase, type DatabaseTarget, type Db } from './store/db.js';
import { pingDatabase } from './store/health.js';
import { createWiring, startSchedulers } from './wiring.js';

const SLACK_SETTINGS = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'] as const;
const SLACK_API_URL = 'https://slack.com/api/';
const TOKEN_CHECK_TIMEOUT_MS = 10_000;
const DATABASE_CHECK_TIMEOUT_MS = 10_000;

function hasSlackSettings(env: NodeJS.ProcessEnv): boolean {
  return SLACK_SETTINGS.some((k) => (env[k] ?? '').trim() !== '');
}

/** No Slack credentials at all, outside production: run the local sandbox instead of failing. */
export function wantsSandbox(env: NodeJS.ProcessEnv): boolean {
  return !hasSlackSettings(env) && env.NODE_ENV !== 'production';
}

/** A port someone else holds is the one start-up failure people meet often: name the port and the variable to change. */
function listenProblem(e: unknown, port: number): string | undefined {
  if (!(e instanceof Error) || !('code' in e) || e.code !== 'EADDRINUSE') return undefined;
  return `vet cannot start: port ${port} is already in use (by another vet, or another program). Stop that program, or set PORT to a free port, e.g. PORT=${port === 65535 ? 3001 : port + 1}.`;
}

/** A failure that may pass by itself (no answer, a 5xx, a rate limit), unlike Slack refusing the token. */
function passing(e: unknown): boolean {
  return e instanceof WebAPIRequestError || e instanceof WebAPIRateLimitedError || (e instanceof WebAPIHTTPError && e.statusCode >= 500);
}

/**
 * Asks Slack whether the bot token works, before anything starts. Bolt asks too, but it retries a refused request
 * for half an hour, logging "http request failed fetch failed" each time, while the bot seems to run. A refusal
 * stops start-up at once; a failure that may pass is asked again for `checkSeconds` (a deploy during a network
 * blip should not crash-loop), with one line saying so, then stops with one line.
 */
async function checkBotToken(slack: Config['slack'], say: Logger): Promise<string | undefined> {
  const base = slack.apiUrl ?? SLACK_API_URL;
  const client = new WebClient(slack.botToken, { slackApiUrl: base, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: TOKEN_CHECK_TIMEOUT_MS, logger: errorsOnly(say) });
  const deadline = Date.now() + slack.checkSeconds * 1000;
  let waitMs = 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      await client.auth.test();
      return undefined;
    } catch (e) {
      const failed = `the bot token check against the Slack Web API failed: POST ${base}auth.test ${tokenCheckFailure(e, slack.apiUrl !== undefined)}`;
      const delay = e instanceof WebAPIRateLimitedError ? e.retryAfter * 1000 : waitMs;
      if (!passing(e) || Date.now() + delay > deadline) return `vet cannot start: ${failed}`;
      if (attempt === 1) say.warn(`vet is waiting for Slack: ${failed} Asking again for up to ${slack.checkSeconds} s (VET_SLACK_CHECK_SECONDS).`);
      await new Promise((r) => setTimeout(r, delay));
      waitMs = Math.min(waitMs * 2, 8000);
    }
  }
}

/** What went wrong with the token check, and what to check: never the token itself. */
function tokenCheckFailure(e: unknown, customUrl: boolean): string {
  const checkUrl = customUrl ? 'SLACK_API_URL, which must be the base URL of a Slack Web API such as https://slack.com/api/' : 'whether Slack is having trouble: https://slack-status.com';
  if (e instanceof WebAPIPlatformError)
    return `answered "${e.data.error}". Check SLACK_BOT_TOKEN: it must be the Bot User OAuth Token (xoxb-...) on the "OAuth & Permissions" page of an app installed in this workspace; reinstalling the app issues a new one.`;
  if (e instanceof WebAPIRequestError) {
    const cause = e.original.cause;
    const why =
      e.original.name === 'TimeoutError'
        ? `no answer within ${TOKEN_CHECK_TIMEOUT_MS / 1000} s`
        : cause instanceof Error && 'code' in cause && typeof cause.code === 'string'
          ? cause.code
          : e.original.message;
    return `got no answer (${why}). Check that this machine reaches that address (network, proxy, firewall)${customUrl ? ', and SLACK_API_URL' : ''}.`;
  }
  if (e instanceof WebAPIHTTPError) return `answered HTTP ${e.statusCode} ${e.statusMessage}. Check ${checkUrl}.`;
  if (e instanceof WebAPIRateLimitedError) return `asked to wait ${e.retryAfter} s (rate limited).`;
  return `failed: ${e instanceof Error ? e.message : String(e)}.`;
}

/** The custom bank when one is configured, else the built-in one; a bad bank is printed and stops start-up. */
async function loadBank(file: string | undefined, say: Logger): Promise<QuestionBank | undefined> {
  const bank = await resolveBank(file);
  if (bank.ok) return bank.bank;
  // Each problem names the file; one problem is one line, naming the setting too.
  const [only, ...more] = bank.errors;
  say.error(
    more.length === 0 && only !== undefined
      ? `vet cannot start: the question bank in VET_QUESTION_BANK is not valid: ${only}`
      : ['vet cannot start: the question bank in VET_QUESTION_BANK is not valid:', ...bank.errors.map((e) => `  ${e}`)].join('\n'),
  );
  return undefined;
}

/** A blank VET_QUESTION_BANK (often a line left in .env) counts as unset: say so, as the author meant a custom bank. */
function bankNote(env: NodeJS.ProcessEnv, bank: QuestionBank): string | undefined {
  return env.VET_QUESTION_BANK !== undefined && env.VET_QUESTION_BANK.trim() === '' ? `VET_QUESTION_BANK is set but empty: using the built-in question bank ${bank.id} ${bank.version}.` : undefined;
}

async function runSandbox(env: NodeJS.ProcessEnv, say: Logger): Promise<number> {
  const settings = loadSandboxConfig(env);
  if (!settings.ok) {
    console.error('vet cannot start the sandbox; fix these settings (environment or .env, see README):');
    for (const e of settings.errors) console.error(`  ${e}`);
    return 1;
  }
  const { port, databasePath, questionBankFile } = settings.config;
  const bank = await loadBank(questionBankFile, say);
  if (!bank) return 1;
  // Loaded only here: a bot connected to Slack never needs the sandbox's page server and Slack stand-in in memory.
  const { startSandbox } = await import('./sandbox/server.js');
  const sandbox = await startSandbox({ port, databasePath, bank, clock: () => new Date(), env }).catch((e: unknown) => {
    const problem = listenProblem(e, port);
    if (problem === undefined) throw e;
    console.error(problem);
    return undefined;
  });
  if (!sandbox) return 1;
  const note = bankNote(env, bank);
  console.log(
    [
      'vet is running as a local SANDBOX: no Slack tokens are set, so a stand-in plays Slack on this machine.',
      `Open ${sandbox.url} to try it: as Alex in #vendor-vetting, type ${START_COMMAND}, then answer in the thread as Sam or Rio.`,
      `Data goes to the sandbox's own database, ${databasePath} (SANDBOX_DATABASE_PATH to change it; the bot's DATABASE_PATH is not used here).`,
      ...(note ? [note] : []),
      'To connect a real workspace, set SLACK_BOT_TOKEN (see README).',
    ].join('\n'),
  );
  const stop = async () => {
    await sandbox.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return 0;
}

/** Values no log line may show: the Slack tokens and signing secret, and the database password (also URL-encoded). */
function secretsOf(env: NodeJS.ProcessEnv): (string | undefined)[] {
  const secrets = [env.SLACK_BOT_TOKEN, env.SLACK_APP_TOKEN, env.SLACK_SIGNING_SECRET].map((s) => s?.trim());
  try {
    const password = new URL(env.DATABASE_URL?.trim() ?? '').password;
    if (password !== '') secrets.push(password, decodeURIComponent(password));
  } catch {
    // Not a URL: configuration refuses it without printing it.
  }
  return secrets;
}

/** Why a PostgreSQL server cannot be used, in words (never the URL's password), or undefined when it answers. */
async function databaseProblem(target: DatabaseTarget & { engine: 'postgres' }): Promise<string | undefined> {
  const probe = connectDatabase(target);
  const problem = await new Promise<string | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(`gave no answer within ${DATABASE_CHECK_TIMEOUT_MS / 1000} s`), DATABASE_CHECK_TIMEOUT_MS);
    pingDatabase(probe).then(
      () => resolve(undefined),
      (e: unknown) => resolve(`cannot be reached: ${reason(e)}`),
    );
    timer.unref();
  }).finally(() => void probe.destroy().catch(() => undefined));
  return problem === undefined
    ? undefined
    : `vet cannot start: the database ${describeTarget(target)} ${problem}. Check DATABASE_URL (host, port, user, password, database name) and that PostgreSQL is running and reachable from here.`;
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const sandbox = wantsSandbox(env);
  // Start-up problems are said in the bot's format (a wrong LOG_FORMAT is itself one of them, said in text); the
  // sandbox, run by a person at a terminal, always writes text.
  const format = sandbox ? 'text' : (parseLogFormat(env.LOG_FORMAT) ?? 'text');
  const say = createLogger({ format, level: 'info', plain: true, secrets: secretsOf(env) });
  try {
    return await (sandbox ? runSandbox(env, say) : startBot(env, say));
  } catch (e) {
    say.error(`vet failed to start: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

async function startBot(env: NodeJS.ProcessEnv, say: Logger): Promise<number> {
  const loaded = loadConfig(env);
  if (!loaded.ok) {
    const lines = ['vet cannot start; fix these settings (environment or .env, see README):', ...loaded.errors.map((e) => `  ${e}`)];
    if (env.NODE_ENV === 'production' && !hasSlackSettings(env)) lines.push('  The local sandbox, which runs when no Slack tokens are set, is off in production (NODE_ENV=production).');
    say.error(lines.join('\n'));
    return 1;
  }
  const config = loaded.config;
  const bank = await loadBank(config.questionBankFile, say);
  if (!bank) return 1;
  const refused = await checkBotToken(config.slack, say);
  if (refused !== undefined) {
    say.error(refused);
    return 1;
  }
  if (config.database.engine === 'postgres') {
    const problem = await databaseProblem(config.database);
    if (problem !== undefined) {
      say.error(problem);
      return 1;
    }
  }
  const logger = createLogger({ format: config.logFormat, level: config.logLevel, secrets: secretsOf(env) });
  const db: Db = await openDatabase(config.database, (m) => logger.warn(m));
  const clock = () => new Date();
  const health = createHealth({ db, logger });
  const inFlight = createInFlight();
  const running: Running = { unhealthy: () => health.shuttingDown(), servers: [], inFlight, closeDatabase: () => db.destroy() };
  stopOnSignals(running, { logger, graceSeconds: config.shutdownSeconds, exit: (code) => process.exit(code) });
  const mode = config.slack.mode;
  const routes = [{ path: HEALTH_PATH, method: ['GET', 'HEAD'], handler: health.respond }];
  const wiring = createWiring(config, { db, bank, clock, logger });
  const app = createApp(wiring, { track: (work) => inFlight.track(work), routes });
  const port = mode.kind === 'http' ? mode.port : mode.healthPort;
  try {
    if (mode.kind === 'socket' && port !== undefined) running.servers.push(drainable(await serveHealth(health, port)));
    if (mode.kind === 'http') running.servers.push(drainable((await app.start(mode.port)) as Server));
    else {
      running.disconnect = async () => {
        await app.stop().catch((e: unknown) => logger.warn(`closing the Socket Mode connection failed: ${reason(e)}`));
      };
      await app.start();
    }
  } catch (e) {
    const problem = port === undefined ? undefined : listenProblem(e, port);
    if (problem === undefined) throw e;
    say.error(problem);
    await db.destroy();
    return 1;
  }
  logger.info(
    mode.kind === 'http'
      ? `vet is running in HTTP mode on port ${mode.port}; Slack's request URL is https://<your host>/slack/events, the health check GET ${HEALTH_PATH}`
      : `vet is running in Socket Mode${port === undefined ? '' : `; health check GET ${HEALTH_PATH} on port ${port}`}`,
    fields({ mode: mode.kind, ...(port !== undefined && { port }) }),
  );
  const source = config.questionBankFile ?? 'built in';
  logger.info(
    `question bank ${bank.id} ${bank.version} (${bank.questions.length} questions, ${source}); database ${describeTarget(config.database)}`,
    fields({ bank: `${bank.id} ${bank.version}`, database: describeTarget(config.database) }),
  );
  for (const notice of config.notices) logger.warn(notice);
  const note = bankNote(env, bank);
  if (note) logger.warn(note);
  running.stopDigests = startSchedulers(wiring);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void main().then((code) => {
    if (code !== 0) process.exit(code);
  });
}
