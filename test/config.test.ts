import { describe, expect, it } from 'vitest';
import { loadConfig, loadSandboxConfig } from '../src/config.js';
import { describeTarget } from '../src/store/db.js';

const http = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 's3cret' };

describe('configuration from the environment', () => {
  it('defaults to HTTP mode on port 3000 with the database in ./data', () => {
    const result = loadConfig(http);
    expect(result).toEqual({
      ok: true,
      config: {
        slack: { botToken: 'xoxb-1-2-abc', mode: { kind: 'http', signingSecret: 's3cret', port: 3000 }, apiUrl: undefined, checkSeconds: 30 },
        database: { engine: 'sqlite', path: './data/vet.sqlite' },
        notices: [],
        questionBankFile: undefined,
        admins: [],
        riskOwners: [],
        logLevel: 'info',
        logFormat: 'text',
        shutdownSeconds: 10,
        digest: { timeZone: 'UTC', revetMonths: 12 },
        evidence: { dueDays: 14 },
        minEvaluators: 2,
        advisor: { breachNoticeHours: 24 },
      },
    });
  });

  it('uses Socket Mode when an app token is set, and reads every optional setting', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      DATABASE_PATH: '/tmp/x.sqlite',
      VET_QUESTION_BANK: 'bank.yaml',
      VET_ADMINS: 'U012AB, W0CD34 ',
      VET_RISK_OWNERS: 'U0CISO,U0CFO',
      LOG_LEVEL: 'DEBUG',
      VET_DIGEST_TZ: 'Europe/Berlin',
      VET_REVET_MONTHS: '6',
      VET_EVIDENCE_DUE_DAYS: '21',
      VET_MIN_EVALUATORS: '3',
      VET_BREACH_NOTICE_HOURS: '12',
      LOG_FORMAT: ' JSON ',
      VET_SHUTDOWN_SECONDS: '25',
      PORT: '8080',
    });
    expect(result.ok && result.config).toMatchObject({
      // PORT in Socket Mode is where /healthz is served.
      slack: { mode: { kind: 'socket', appToken: 'xapp-1', healthPort: 8080 }, apiUrl: 'http://127.0.0.1:9999/api/' },
      database: { engine: 'sqlite', path: '/tmp/x.sqlite' },
      questionBankFile: 'bank.yaml',
      admins: ['U012AB', 'W0CD34'],
      riskOwners: ['U0CISO', 'U0CFO'],
      logLevel: 'debug',
      logFormat: 'json',
      shutdownSeconds: 25,
      digest: { timeZone: 'Europe/Berlin', revetMonths: 6 },
      evidence: { dueDays: 21 },
      minEvaluators: 3,
      advisor: { breachNoticeHours: 12 },
    });
  });

  it('serves no health check in Socket Mode unless PORT is set', () => {
    const result = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(result.ok && result.config.slack.mode).toEqual({ kind: 'socket', appToken: 'xapp-1', healthPort: undefined });
  });

  it('takes PostgreSQL from DATABASE_URL over the SQLite file, and says the file is not used', () => {
    const result = loadConfig({ ...http, DATABASE_URL: 'postgres://vet:pw@db.internal:5432/vet', DATABASE_PATH: './data/vet.sqlite', DATABASE_POOL_SIZE: '4' });
    expect(result.ok && result.config).toMatchObject({
      database: { engine: 'postgres', url: 'postgres://vet:pw@db.internal:5432/vet', poolSize: 4 },
      notices: ['DATABASE_PATH is ignored: DATABASE_URL is set, so the data is in PostgreSQL and no SQLite file is used.'],
    });
  });

  it('takes a PostgreSQL URL that names a Unix socket instead of a host', () => {
    const result = loadConfig({ ...http, DATABASE_URL: 'postgres:///vet?host=/var/run/postgresql' });
    expect(result.ok && result.config.database).toMatchObject({ engine: 'postgres', url: 'postgres:///vet?host=/var/run/postgresql' });
    expect(loadConfig({ ...http, DATABASE_URL: 'postgres:///vet' }).ok).toBe(false);
  });

  it('names the database for the start-up log without its password', () => {
    expect(describeTarget({ engine: 'postgres', url: 'postgres://vet:s3cr%40t@db.internal:5432/vet?sslmode=require' })).toBe('PostgreSQL postgres://vet:***@db.internal:5432/vet?sslmode=require');
    expect(describeTarget({ engine: 'postgres', url: 'postgres://db.internal/vet' })).toBe('PostgreSQL postgres://db.internal/vet');
    expect(describeTarget({ engine: 'sqlite', path: './data/vet.sqlite' })).toBe('SQLite ./data/vet.sqlite');
  });

  it.each([
    { env: { SLACK_SIGNING_SECRET: 's' }, error: /^SLACK_BOT_TOKEN is not set/ },
    { env: { ...http, SLACK_BOT_TOKEN: 'xoxp-user-token' }, error: /^SLACK_BOT_TOKEN does not look like a bot token/ },
    { env: { SLACK_BOT_TOKEN: 'xoxb-1' }, error: /^SLACK_SIGNING_SECRET is not set/ },
    { env: { ...http, SLACK_APP_TOKEN: 'nope' }, error: /^SLACK_APP_TOKEN must be an app-level token/ },
    { env: { ...http, PORT: '80a' }, error: /^PORT must be a whole number from 1 to 65535, got "80a"/ },
    { env: { ...http, PORT: '70000' }, error: /^PORT must be/ },
    { env: { ...http, SLACK_API_URL: 'slack.com/api' }, error: /^SLACK_API_URL must be an http\(s\) URL/ },
    { env: { ...http, VET_ADMINS: 'U012AB,@alice' }, error: /^VET_ADMINS must list Slack user ids .*: @alice\.$/ },
    { env: { ...http, VET_RISK_OWNERS: 'U0CISO, cfo@example.com' }, error: /^VET_RISK_OWNERS must list the Slack user ids .* who accept high and critical risks .*: cfo@example\.com\.$/ },
    { env: { ...http, VET_DIGEST_TZ: 'Mars/Olympus' }, error: /^VET_DIGEST_TZ must be an IANA time zone/ },
    { env: { ...http, VET_REVET_MONTHS: '0' }, error: /^VET_REVET_MONTHS must be a whole number of months/ },
    { env: { ...http, VET_EVIDENCE_DUE_DAYS: '0' }, error: /^VET_EVIDENCE_DUE_DAYS must be a whole number of days from 1 to 365 .*, got "0"/ },
    { env: { ...http, VET_EVIDENCE_DUE_DAYS: '2 weeks' }, error: /^VET_EVIDENCE_DUE_DAYS must be a whole number of days/ },
    { env: { ...http, VET_EVIDENCE_DUE_DAYS: '366' }, error: /^VET_EVIDENCE_DUE_DAYS must be/ },
    { env: { ...http, VET_MIN_EVALUATORS: '0' }, error: /^VET_MIN_EVALUATORS must be a whole number of evaluators from 1 to 20 .*, got "0"\.$/ },
    { env: { ...http, VET_MIN_EVALUATORS: 'two' }, error: /^VET_MIN_EVALUATORS must be a whole number of evaluators/ },
    { env: { ...http, VET_BREACH_NOTICE_HOURS: '0' }, error: /^VET_BREACH_NOTICE_HOURS must be a whole number of hours from 1 to 72 .*, got "0"/ },
    { env: { ...http, VET_BREACH_NOTICE_HOURS: '96' }, error: /^VET_BREACH_NOTICE_HOURS must be/ },
    { env: { ...http, VET_BREACH_NOTICE_HOURS: 'a day' }, error: /^VET_BREACH_NOTICE_HOURS must be/ },
    { env: { ...http, VET_SLACK_CHECK_SECONDS: '-5' }, error: /^VET_SLACK_CHECK_SECONDS must be a whole number of seconds from 0 to 600, got "-5"/ },
    { env: { ...http, LOG_LEVEL: 'loud' }, error: /^LOG_LEVEL must be one of debug, info, warn, error/ },
    { env: { ...http, LOG_FORMAT: 'logfmt' }, error: /^LOG_FORMAT must be text or json, got "logfmt"\.$/ },
    { env: { ...http, VET_SHUTDOWN_SECONDS: '1.5' }, error: /^VET_SHUTDOWN_SECONDS must be a whole number of seconds from 0 to 600, got "1\.5"/ },
    { env: { ...http, VET_SHUTDOWN_SECONDS: '601' }, error: /^VET_SHUTDOWN_SECONDS must be/ },
    { env: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', PORT: 'http' }, error: /^PORT must be a whole number from 1 to 65535, got "http"/ },
    { env: { ...http, DATABASE_URL: 'mysql://db/vet' }, error: /^DATABASE_URL must be a PostgreSQL URL/ },
    { env: { ...http, DATABASE_URL: 'postgres://db/vet', DATABASE_POOL_SIZE: '0' }, error: /^DATABASE_POOL_SIZE must be a whole number of connections from 1 to 1000, got "0"/ },
  ])('rejects $env with one line naming the variable', ({ env, error }) => {
    const result = loadConfig(env);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatch(error);
    }
  });

  it('reports every missing setting at once, one line each', () => {
    const result = loadConfig({});
    expect(result.ok ? [] : result.errors.map((e) => e.split(' ')[0])).toEqual(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
  });

  it('never echoes a token value in an error', () => {
    const result = loadConfig({ SLACK_BOT_TOKEN: 'xoxp-very-secret-value', SLACK_APP_TOKEN: 'wrong-secret-value' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).not.toMatch(/secret-value/);
  });
});

describe("the sandbox's settings", () => {
  it("keeps its own database, never the bot's: DATABASE_PATH is not read", () => {
    expect(loadSandboxConfig({})).toEqual({ ok: true, config: { port: 3000, databasePath: './data/sandbox.sqlite', questionBankFile: undefined } });
    expect(loadSandboxConfig({ DATABASE_PATH: '/srv/vet/prod.sqlite', PORT: '4000', VET_QUESTION_BANK: ' bank.yaml ' })).toEqual({
      ok: true,
      config: { port: 4000, databasePath: './data/sandbox.sqlite', questionBankFile: 'bank.yaml' },
    });
    expect(loadSandboxConfig({ SANDBOX_DATABASE_PATH: '/tmp/try.sqlite' })).toMatchObject({ ok: true, config: { databasePath: '/tmp/try.sqlite' } });
  });

  it.each([
    { env: { SANDBOX_DATABASE_PATH: './data/vet.sqlite' }, error: /^SANDBOX_DATABASE_PATH names the bot's own database \(\.\/data\/vet\.sqlite\)/ },
    { env: { SANDBOX_DATABASE_PATH: 'data/../data/prod.sqlite', DATABASE_PATH: './data/prod.sqlite' }, error: /^SANDBOX_DATABASE_PATH names the bot's own database/ },
    { env: { PORT: 'http' }, error: /^PORT must be a whole number from 1 to 65535, got "http"/ },
  ])('refuses $env with one line naming the variable', ({ env, error }) => {
    const result = loadSandboxConfig(env);
    expect(result.ok ? [] : result.errors).toEqual([expect.stringMatching(error)]);
  });
});
