// One measured run: an app (the baseline, or vet on SQLite, on PostgreSQL, or two vet instances on one PostgreSQL
// database) started as its own process(es) against a fresh Slack stub and database, warmed up with one interview,
// its idle memory read, then K interviews driven at once while its memory is sampled every 100 ms.
import { join } from 'node:path';
import pg from 'pg';
import { createInbox, drive } from './drive.js';
import { startApp, treeCpuSecondsOf, type AppProcess } from './processes.js';
import { startSlackStub } from './slackStub.js';
import { percentile } from './stats.js';

export const VARIANTS = ['baseline', 'sqlite', 'postgres', 'two'] as const;
export type Variant = (typeof VARIANTS)[number];

export const VARIANT_LABELS: Record<Variant, string> = {
  baseline: 'baseline (bare Bolt)',
  sqlite: 'vet · SQLite',
  postgres: 'vet · PostgreSQL',
  two: 'vet · 2× PostgreSQL',
};

const SIGNING_SECRET = 'bench-signing-secret';
const SAMPLE_EVERY_MS = 100;
/** Time for what the warm-up left behind (timers, sockets) to settle before idle memory is read. */
const SETTLE_MS = 500;

export interface RunFigures {
  ackP50: number;
  ackP99: number;
  nextP50: number;
  nextP99: number;
  summaryP50: number;
  summaryP99: number;
  clicks: number;
  clicksPerSecond: number;
  /** CPU time the app's process(es) spent per click under load, and the driver's own (requests and the Slack stub). */
  appCpuMsPerClick: number;
  driverCpuMsPerClick: number;
  /** The PostgreSQL server's CPU per click (its backends included); NaN on SQLite and for the baseline. */
  databaseCpuMsPerClick: number;
  /** Bytes, per process. */
  idleRss: number[];
  busyRss: number[];
  /** What looked wrong: ephemeral answers, unknown Web API methods, warnings the app logged. */
  problems: string[];
}

export interface RunContext {
  /** The compiled bot (dist/app.js) and the compiled baseline (dist-tools/tools/bench/bareApp.js). */
  appScript: string;
  bareAppScript: string;
  /** Scratch folder: SQLite files, the baseline's sample message. */
  workDir: string;
  /** The baseline's question message file and how many questions an interview has. */
  sampleFile: string;
  questions: number;
  evaluators: 1 | 2;
  /** The throw-away cluster (superuser URL, server pid); needed for the PostgreSQL variants. */
  postgres: { adminUrl: string; pid: number } | null;
  /** Where CPU profiles go (node --cpu-prof), or null for none. */
  profileDir: string | null;
}

async function onCluster(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export async function runOnce(variant: Variant, k: number, round: number, ctx: RunContext): Promise<RunFigures> {
  const inbox = createInbox();
  const stub = await startSlackStub((m) => inbox.deliver(m));
  const name = `${variant}-k${k}-r${round}`;
  const env: Record<string, string> = { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: stub.apiUrl, LOG_LEVEL: 'warn' };
  const nodeArgs = (n: number) => (ctx.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${ctx.profileDir}`, `--cpu-prof-name=${name}-${n}.cpuprofile`] : []);
  const apps: AppProcess[] = [];
  let cleanup = async () => {};
  try {
    if (variant === 'baseline') {
      apps.push(
        await startApp({ label: name, script: ctx.bareAppScript, cwd: ctx.workDir, nodeArgs: nodeArgs(1), env: { ...env, BENCH_SAMPLE: ctx.sampleFile, BENCH_QUESTIONS: String(ctx.questions) } }),
      );
    } else if (variant === 'sqlite') {
      apps.push(await startApp({ label: name, script: ctx.appScript, cwd: ctx.workDir, nodeArgs: nodeArgs(1), env: { ...env, DATABASE_PATH: join(ctx.workDir, `${name}.sqlite`) } }));
    } else {
      const adminUrl = ctx.postgres?.adminUrl;
      if (!adminUrl) throw new Error(`${variant} needs a PostgreSQL cluster`);
      const database = `bench_${name.replace(/-/g, '_')}`;
      await onCluster(adminUrl, `create database ${database}`);
      cleanup = () => onCluster(adminUrl, `drop database if exists ${database} with (force)`);
      const url = new URL(adminUrl);
      url.pathname = `/${database}`;
      // One after the other: the first migrates the new database, the second finds it migrated.
      for (let n = 1; n <= (variant === 'two' ? 2 : 1); n++) {
        apps.push(await startApp({ label: `${name}-${n}`, script: ctx.appScript, cwd: ctx.workDir, nodeArgs: nodeArgs(n), env: { ...env, DATABASE_URL: url.toString() } }));
      }
    }
    const driving = { urls: apps.map((a) => a.url), signingSecret: SIGNING_SECRET, responseUrl: stub.responseUrl, inbox, evaluators: ctx.evaluators };
    await drive({ ...driving, interviews: 1, prefix: 'W' });
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const idleRss = apps.map((a) => a.rss());
    const busyRss = [...idleRss];
    const sample = () => {
      for (const [i, a] of apps.entries()) busyRss[i] = Math.max(busyRss[i]!, a.rss());
    };
    const sampler = setInterval(sample, SAMPLE_EVERY_MS);
    const appCpu = () => apps.reduce((sum, a) => sum + a.cpuSeconds(), 0);
    const databasePid = variant === 'postgres' || variant === 'two' ? (ctx.postgres?.pid ?? null) : null;
    const databaseCpu = () => (databasePid === null ? NaN : treeCpuSecondsOf(databasePid));
    const [appCpuBefore, databaseCpuBefore, driverCpuBefore] = [appCpu(), databaseCpu(), process.cpuUsage()];
    const load = await drive({ ...driving, interviews: k, prefix: 'L' }).finally(() => clearInterval(sampler));
    const driverCpu = process.cpuUsage(driverCpuBefore);
    const appCpuMsPerClick = ((appCpu() - appCpuBefore) * 1000) / load.clicks;
    const databaseCpuMsPerClick = ((databaseCpu() - databaseCpuBefore) * 1000) / load.clicks;
    sample();
    const problems = [
      // A rating is confirmed to its clicker (one ephemeral per click): anything else said to someone is a problem.
      ...stub.ephemerals.filter((text) => !text.startsWith('You rated ')).map((text) => `told someone: ${text}`),
      ...stub.unknownMethods().map((m) => `called ${m}, which the stub does not know`),
      ...(load.retried > 0 ? [`closed the connection before answering ${load.retried} request(s); each was sent again (its latency counts both)`] : []),
      ...apps.flatMap((a) => a.output.map((line) => `${a.label}: ${line}`)),
    ];
    return {
      ackP50: percentile(load.acks, 0.5),
      ackP99: percentile(load.acks, 0.99),
      nextP50: percentile(load.nexts, 0.5),
      nextP99: percentile(load.nexts, 0.99),
      summaryP50: percentile(load.summaries, 0.5),
      summaryP99: percentile(load.summaries, 0.99),
      clicks: load.clicks,
      clicksPerSecond: load.clicks / load.seconds,
      appCpuMsPerClick,
      databaseCpuMsPerClick,
      driverCpuMsPerClick: (driverCpu.user + driverCpu.system) / 1000 / load.clicks,
      idleRss,
      busyRss,
      problems,
    };
  } catch (e) {
    // What the apps said (a crash, a warning) is often the reason.
    const said = apps.flatMap((a) => a.output.slice(-10).map((line) => `\n  ${a.label}${a.exited() ? ` (exited with ${a.exited()})` : ''}: ${line}`));
    throw new Error(`${e instanceof Error ? e.message : String(e)}${said.join('')}`);
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
    await stub.close();
    await cleanup();
  }
}
