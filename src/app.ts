// Composition root: read config, load the bank, open the store, build the Bolt App, start it.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DEFAULT_DATABASE_PATH, loadConfig, parsePort } from './config.js';
import { resolveBank } from './questions/load.js';
import { startSandbox } from './sandbox/server.js';
import { startDigestScheduler } from './flows/digest.js';
import { createApp, createFlows } from './slack/createApp.js';
import { createDigestPoster } from './slack/digestPoster.js';
import { createChannelDirectory } from './slack/viewer.js';
import { openDatabase } from './store/db.js';

/** No Slack credentials at all, outside production: run the local sandbox instead of failing. */
export function wantsSandbox(env: NodeJS.ProcessEnv): boolean {
  const slack = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'].some((k) => (env[k] ?? '').trim() !== '');
  return !slack && env.NODE_ENV !== 'production';
}

async function runSandbox(env: NodeJS.ProcessEnv): Promise<number> {
  const port = parsePort(env.PORT?.trim() || undefined);
  if (port === null) {
    console.error(`vet cannot start the sandbox: PORT must be a whole number from 1 to 65535, got "${env.PORT}".`);
    return 1;
  }
  const bank = await resolveBank(env.VET_QUESTION_BANK?.trim() || undefined);
  if (!bank.ok) {
    console.error('vet cannot start: the question bank in VET_QUESTION_BANK is not valid:');
    bank.errors.forEach((e) => console.error(`  ${e}`));
    return 1;
  }
  const databasePath = env.DATABASE_PATH?.trim() || DEFAULT_DATABASE_PATH;
  const sandbox = await startSandbox({ port, databasePath, bank: bank.bank, clock: () => new Date(), env });
  console.log(
    [
      'vet is running as a local SANDBOX: no Slack tokens are set, so a stand-in plays Slack on this machine.',
      `Open ${sandbox.url} to try it: pick a channel, type /vet start Acme Dev --lite, and answer in the thread.`,
      `Data goes to ${databasePath}. To connect a real workspace, set SLACK_BOT_TOKEN (see README).`,
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

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  if (wantsSandbox(env)) return runSandbox(env);
  const config = loadConfig(env);
  if (!config.ok) {
    console.error('vet cannot start; fix these settings (environment or .env, see README):');
    config.errors.forEach((e) => console.error(`  ${e}`));
    return 1;
  }
  const bank = await resolveBank(config.config.questionBankFile);
  if (!bank.ok) {
    console.error('vet cannot start: the question bank in VET_QUESTION_BANK is not valid:');
    bank.errors.forEach((e) => console.error(`  ${e}`));
    return 1;
  }
  const db = await openDatabase(config.config.databasePath);
  const clock = () => new Date();
  const app = createApp(config.config, { db, bank: bank.bank, clock });
  const mode = config.config.slack.mode;
  if (mode.kind === 'http') await app.start(mode.port);
  else await app.start();
  app.logger.info(
    mode.kind === 'http'
      ? `vet is running in HTTP mode on port ${mode.port}; Slack's request URL is https://<your host>/slack/events`
      : 'vet is running in Socket Mode',
  );
  app.logger.info(`question bank ${bank.bank.id} ${bank.bank.version} (${bank.bank.questions.length} questions); database ${config.config.databasePath}`);
  // The digest asks Slack which channels are public or shared, through a cache of its own (a minute long, like the app's).
  const channels = createChannelDirectory(app.client, clock, app.logger);
  const stopDigests = startDigestScheduler(createFlows(config.config, { db, bank: bank.bank, clock, channels }).digest, createDigestPoster(app.client), {
    intervalMs: 60_000,
    onError: (e) => app.logger.error(`digest scheduler: ${e instanceof Error ? e.message : String(e)}`),
    onTick: (r) => {
      for (const c of r.posted) app.logger.info(`posted the red-flag digest to ${c}`);
      for (const f of r.failed) app.logger.warn(`the red-flag digest for ${f.channelId} failed (${f.error}); it will be retried`);
    },
  });
  const stop = async () => {
    stopDigests();
    await app.stop();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => {
      if (code !== 0) process.exit(code);
    },
    (e: unknown) => {
      console.error(`vet failed to start: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
