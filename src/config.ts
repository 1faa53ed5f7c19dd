// Environment -> typed Config. Every problem is reported as one line naming the variable and what to do.
// Token values are never echoed back.
import { DEFAULT_MIN_EVALUATORS } from './scoring/score.js';
import { resolve } from 'node:path';
import type { DatabaseTarget } from './store/db.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** In Socket Mode, `healthPort` is PORT when it was set: only then is /healthz served (the Docker image sets it). */
export type SlackMode = { kind: 'socket'; appToken: string; healthPort: number | undefined } | { kind: 'http'; signingSecret: string; port: number };

export interface Config {
  slack: {
    botToken: string;
    mode: SlackMode;
    /** Base URL of the Web API, ending in '/'; undefined = Slack's default. */
    apiUrl: string | undefined;
    /** How long start-up keeps asking when Slack does not answer the token check (no answer, 5xx, rate limit). */
    checkSeconds: number;
  };
  /** DATABASE_URL (PostgreSQL) when set, else the SQLite file DATABASE_PATH. */
  database: DatabaseTarget;
  /** Settings that were given but do not apply (DATABASE_PATH beside DATABASE_URL): said once at start-up. */
  notices: string[];
  questionBankFile: string | undefined;
  admins: string[];
  /** VET_RISK_OWNERS: who, besides admins, accepts high and critical risks (often the CISO or CTO). */
  riskOwners: string[];
  logLevel: LogLevel;
  /** `text` lines for a person at a terminal, or one JSON object per line for a log collector. */
  logFormat: LogFormat;
  /** How long a stop (SIGTERM, SIGINT) waits for requests and a digest run in flight before cutting them off. */
  shutdownSeconds: number;
  digest: {
    /** Time zone of the default digest slot (Monday 09:00). */
    timeZone: string;
    /** A vendor is due for re-vetting when its last completed interview is older than this. */
    revetMonths: number;
  };
  evidence: {
    /** Days from a request to its default due date. */
    dueDays: number;
  };
  /** Evaluators whose ratings a full vetting needs to be final; with fewer it is a single-evaluator verdict. */
  minEvaluators: number;
  advisor: {
    /** The breach-notification bound a vetting of regulated or sensitive work is held to, in hours. */
    breachNoticeHours: number;
  };
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

export const DEFAULT_DATABASE_PATH = './data/vet.sqlite';
/** The sandbox keeps its own file, so trying vet never writes into (or digests from) the bot's real data. */
export const DEFAULT_SANDBOX_DATABASE_PATH = './data/sandbox.sqlite';
export const DEFAULT_PORT = 3000;
/** Long enough to ride out a restart of a network or proxy during a deploy, short enough to fail visibly. */
export const DEFAULT_SLACK_CHECK_SECONDS = 30;
/** Within the usual orchestrator stop timeouts (Docker and Kubernetes wait 10 s and 30 s before SIGKILL). */
export const DEFAULT_SHUTDOWN_SECONDS = 10;
/** Two weeks: long enough to dig out a report, short enough that a promise does not fade. */
export const DEFAULT_EVIDENCE_DUE_DAYS = 14;
/** A day: well inside the 72 hours regulators commonly give the client itself, so the client can still meet its own. */
export const DEFAULT_BREACH_NOTICE_HOURS = 24;

/** What the local sandbox (no Slack tokens, not production) reads from the environment besides the bot's settings. */
export interface SandboxConfig {
  port: number;
  databasePath: string;
  questionBankFile: string | undefined;
}

export type SandboxConfigResult = { ok: true; config: SandboxConfig } | { ok: false; errors: string[] };

export function loadSandboxConfig(env: Readonly<Record<string, string | undefined>>): SandboxConfigResult {
  const get = (name: string): string | undefined => env[name]?.trim() || undefined;
  const errors: string[] = [];
  const port = parsePort(get('PORT'));
  if (port === null) errors.push(`PORT must be a whole number from 1 to 65535, got "${get('PORT')}".`);
  // DATABASE_PATH is the real bot's file and is never read here, even when a .env sets it.
  const databasePath = get('SANDBOX_DATABASE_PATH') ?? DEFAULT_SANDBOX_DATABASE_PATH;
  if (resolve(databasePath) === resolve(get('DATABASE_PATH') ?? DEFAULT_DATABASE_PATH))
    errors.push(`SANDBOX_DATABASE_PATH names the bot's own database (${databasePath}); the sandbox needs a file of its own, such as ${DEFAULT_SANDBOX_DATABASE_PATH}.`);
  if (errors.length > 0 || port === null) return { ok: false, errors };
  return { ok: true, config: { port, databasePath, questionBankFile: get('VET_QUESTION_BANK') } };
}

export function loadConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const errors: string[] = [];
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === '' ? undefined : v;
  };

  const botToken = get('SLACK_BOT_TOKEN');
  if (!botToken) errors.push('SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-...) from your Slack app\'s "OAuth & Permissions" page.');
  else if (!botToken.startsWith('xoxb-')) errors.push('SLACK_BOT_TOKEN does not look like a bot token: it must start with "xoxb-" (see "OAuth & Permissions").');

  let mode: SlackMode | undefined;
  const appToken = get('SLACK_APP_TOKEN');
  if (appToken) {
    const healthPort = get('PORT') === undefined ? undefined : parsePort(get('PORT'));
    if (healthPort === null) errors.push(`PORT must be a whole number from 1 to 65535, got "${get('PORT')}".`);
    if (!appToken.startsWith('xapp-'))
      errors.push('SLACK_APP_TOKEN must be an app-level token starting with "xapp-" (Basic Information > App-Level Tokens, scope connections:write), or unset for HTTP mode.');
    else if (healthPort !== null) mode = { kind: 'socket', appToken, healthPort };
  } else {
    const signingSecret = get('SLACK_SIGNING_SECRET');
    const port = parsePort(get('PORT'));
    if (!signingSecret) errors.push('SLACK_SIGNING_SECRET is not set: HTTP mode needs the Signing Secret from Basic Information (or set SLACK_APP_TOKEN for Socket Mode).');
    if (port === null) errors.push(`PORT must be a whole number from 1 to 65535, got "${get('PORT')}".`);
    if (signingSecret && port !== null) mode = { kind: 'http', signingSecret, port };
  }

  let apiUrl = get('SLACK_API_URL');
  if (apiUrl !== undefined) {
    if (!isHttpUrl(apiUrl)) errors.push(`SLACK_API_URL must be an http(s) URL such as https://slack.com/api/, got "${apiUrl}".`);
    else if (!apiUrl.endsWith('/')) apiUrl += '/';
  }

  const admins = userIds(get('VET_ADMINS'));
  const badAdmins = admins.filter((a) => !isUserId(a));
  if (badAdmins.length > 0) errors.push(`VET_ADMINS must list Slack user ids (like U012ABCDEF) separated by commas; not user ids: ${badAdmins.join(', ')}.`);
  const riskOwners = userIds(get('VET_RISK_OWNERS'));
  const badOwners = riskOwners.filter((a) => !isUserId(a));
  if (badOwners.length > 0)
    errors.push(
      `VET_RISK_OWNERS must list the Slack user ids (like U012ABCDEF) of the people who accept high and critical risks (often the CISO or CTO), separated by commas; not user ids: ${badOwners.join(', ')}.`,
    );

  const logLevel = (get('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) errors.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${get('LOG_LEVEL')}".`);
  const logFormat = parseLogFormat(get('LOG_FORMAT'));
  if (logFormat === null) errors.push(`LOG_FORMAT must be text or json, got "${get('LOG_FORMAT')}".`);
  const shutdownRaw = get('VET_SHUTDOWN_SECONDS') ?? String(DEFAULT_SHUTDOWN_SECONDS);
  const shutdownSeconds = Number(shutdownRaw);
  if (!/^\d+$/.test(shutdownRaw) || shutdownSeconds > 600) errors.push(`VET_SHUTDOWN_SECONDS must be a whole number of seconds from 0 to 600, got "${shutdownRaw}".`);

  const digestTz = get('VET_DIGEST_TZ') ?? 'UTC';
  if (!isTimeZone(digestTz)) errors.push(`VET_DIGEST_TZ must be an IANA time zone such as Europe/Berlin or America/New_York, got "${digestTz}".`);
  const checkRaw = get('VET_SLACK_CHECK_SECONDS') ?? String(DEFAULT_SLACK_CHECK_SECONDS);
  const checkSeconds = Number(checkRaw);
  if (!/^\d+$/.test(checkRaw) || checkSeconds > 600) errors.push(`VET_SLACK_CHECK_SECONDS must be a whole number of seconds from 0 to 600, got "${checkRaw}".`);
  const revetRaw = get('VET_REVET_MONTHS') ?? '12';
  const revetMonths = Number(revetRaw);
  if (!/^\d+$/.test(revetRaw) || revetMonths < 1) errors.push(`VET_REVET_MONTHS must be a whole number of months, 1 or more, got "${revetRaw}".`);

  const panelRaw = get('VET_MIN_EVALUATORS') ?? String(DEFAULT_MIN_EVALUATORS);
  const minEvaluators = Number(panelRaw);
  if (!/^\d+$/.test(panelRaw) || minEvaluators < 1 || minEvaluators > 20)
    errors.push(`VET_MIN_EVALUATORS must be a whole number of evaluators from 1 to 20 (how many must rate for a final verdict), got "${panelRaw}".`);

  const dueRaw = get('VET_EVIDENCE_DUE_DAYS') ?? String(DEFAULT_EVIDENCE_DUE_DAYS);
  const dueDays = Number(dueRaw);
  if (!/^\d+$/.test(dueRaw) || dueDays < 1 || dueDays > 365)
    errors.push(`VET_EVIDENCE_DUE_DAYS must be a whole number of days from 1 to 365 (the default due date of an evidence request), got "${dueRaw}".`);

  const breachRaw = get('VET_BREACH_NOTICE_HOURS') ?? String(DEFAULT_BREACH_NOTICE_HOURS);
  const breachNoticeHours = Number(breachRaw);
  if (!/^\d+$/.test(breachRaw) || breachNoticeHours < 1 || breachNoticeHours > 72) {
    errors.push(`VET_BREACH_NOTICE_HOURS must be a whole number of hours from 1 to 72 (the breach-notification bound for regulated or sensitive work), got "${breachRaw}".`);
  }

  const notices: string[] = [];
  const databaseUrl = get('DATABASE_URL');
  const poolRaw = get('DATABASE_POOL_SIZE') ?? '10';
  const poolSize = Number(poolRaw);
  if (!/^\d+$/.test(poolRaw) || poolSize < 1 || poolSize > 1000) errors.push(`DATABASE_POOL_SIZE must be a whole number of connections from 1 to 1000, got "${poolRaw}".`);
  let database: DatabaseTarget = { engine: 'sqlite', path: get('DATABASE_PATH') ?? DEFAULT_DATABASE_PATH };
  if (databaseUrl !== undefined) {
    if (!isPostgresUrl(databaseUrl)) errors.push('DATABASE_URL must be a PostgreSQL URL such as postgres://vet:secret@db.internal:5432/vet (or unset to use the SQLite file DATABASE_PATH).');
    else database = { engine: 'postgres', url: databaseUrl, poolSize };
    if (get('DATABASE_PATH') !== undefined) notices.push('DATABASE_PATH is ignored: DATABASE_URL is set, so the data is in PostgreSQL and no SQLite file is used.');
  }

  if (errors.length > 0 || !botToken || !mode || logFormat === null) return { ok: false, errors };
  return {
    ok: true,
    config: {
      slack: { botToken, mode, apiUrl, checkSeconds },
      database,
      notices,
      questionBankFile: get('VET_QUESTION_BANK'),
      admins,
      riskOwners,
      logLevel: logLevel as LogLevel,
      logFormat,
      shutdownSeconds,
      digest: { timeZone: digestTz, revetMonths },
      evidence: { dueDays },
      minEvaluators,
      advisor: { breachNoticeHours },
    },
  };
}

/** A comma-separated list of Slack user ids, blanks dropped. */
function userIds(raw: string | undefined): string[] {
  return raw
    ? raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : [];
}

function isUserId(s: string): boolean {
  return /^[UW][A-Z0-9]{2,}$/.test(s);
}

/** LOG_FORMAT (unset: text); null when it is neither. Read before the rest, so even a configuration error is logged in it. */
export function parseLogFormat(raw: string | undefined): LogFormat | null {
  const format = (raw?.trim() || 'text').toLowerCase();
  return LOG_FORMATS.find((f) => f === format) ?? null;
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function parsePort(raw: string | undefined): number | null {
  if (raw === undefined) return DEFAULT_PORT;
  const n = Number(raw);
  return /^\d+$/.test(raw) && n >= 1 && n <= 65535 ? n : null;
}

function isPostgresUrl(s: string): boolean {
  try {
    const u = new URL(s);
    // A Unix socket is named by ?host=/var/run/postgresql with no host in the authority.
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && (u.hostname !== '' || u.searchParams.has('host'));
  } catch {
    return false;
  }
}

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
