// `npm run bench:load`: K interviews at once through the HTTP receiver, against a bare Bolt app (the baseline) and vet
// on SQLite, on PostgreSQL and as two instances on PostgreSQL, each as its own process, side by side in one run.
// Prints ack and click-to-next-question latencies, throughput and memory with their ratios to the baseline, and
// writes them to bench-artifacts/load.json. Figures to compare, never asserted: the machine is shared and noisy.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { calibrate } from './bench/plan.js';
import { ratios, summarize, table, TARGETS, type Row } from './bench/report.js';
import { runOnce, VARIANTS, VARIANT_LABELS, type RunFigures, type Variant } from './bench/run.js';
import { findPostgresBin, startCluster, type Cluster } from './dev/postgresCluster.js';

const USAGE = `usage: npm run bench:load -- [--k 10,50] [--rounds 3] [--only sqlite,postgres,two] [--evaluators 1|2] [--profile]
  --k           how many interviews run at once; one table per value (default 10,50)
  --rounds      runs of every app per K; the figures are their medians (default 3)
  --only        which vet set-ups to run beside the baseline (default sqlite,postgres,two)
  --evaluators  1: the lead rates each question; 2: the lead and a second evaluator both do (default 1)
  --profile     CPU profiles of every app process (node --cpu-prof) in bench-artifacts/profiles/`;

interface Options {
  ks: number[];
  rounds: number;
  variants: Variant[];
  evaluators: 1 | 2;
  profile: boolean;
}

function positiveInts(text: string, what: string): number[] {
  const values = text.split(',').map((s) => Number(s.trim()));
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 1)) throw new Error(`${what} takes whole numbers of at least 1, got "${text}"`);
  return values;
}

function options(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      k: { type: 'string', default: '10,50' },
      rounds: { type: 'string', default: '3' },
      only: { type: 'string', default: 'sqlite,postgres,two' },
      evaluators: { type: 'string', default: '1' },
      profile: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return null;
  const known = VARIANTS.filter((v) => v !== 'baseline');
  const only = values.only.split(',').map((s) => s.trim());
  const unknown = only.filter((v) => !(known as string[]).includes(v));
  if (unknown.length > 0) throw new Error(`--only takes ${known.join(', ')}; got ${unknown.join(', ')}`);
  if (values.evaluators !== '1' && values.evaluators !== '2') throw new Error(`--evaluators takes 1 or 2, got "${values.evaluators}"`);
  return {
    ks: positiveInts(values.k, '--k'),
    rounds: positiveInts(values.rounds, '--rounds')[0]!,
    variants: ['baseline', ...known.filter((v) => only.includes(v))],
    evaluators: values.evaluators === '2' ? 2 : 1,
    profile: values.profile,
  };
}

async function main(): Promise<number> {
  let o: Options | null;
  try {
    o = options(process.argv.slice(2));
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  if (!o) {
    console.log(USAGE);
    return 0;
  }
  // The driver runs from source (tsx); the apps it measures run compiled, as in production: the bot from dist/ and the
  // baseline from dist-tools/, so neither carries a TypeScript loader in its memory or CPU figures.
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const scripts = { appScript: join(root, 'dist', 'app.js'), bareAppScript: join(root, 'dist-tools', 'tools', 'bench', 'bareApp.js') };
  const artifacts = resolve('bench-artifacts');
  const profileDir = o.profile ? join(artifacts, 'profiles') : null;
  mkdirSync(profileDir ?? artifacts, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), 'vet-bench-load-'));
  let cluster: Cluster | null = null;
  // Also run on the way out of a driver that ends early (an error, Ctrl-C), so no cluster or scratch folder is left.
  const cleanUp = () => {
    const running = cluster;
    cluster = null;
    running?.stop();
    rmSync(workDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  };
  process.once('exit', cleanUp);
  try {
    const plan = await calibrate();
    const sampleFile = join(workDir, 'question.json');
    writeFileSync(sampleFile, JSON.stringify(plan.sample));
    if (o.variants.includes('postgres') || o.variants.includes('two')) {
      const bin = findPostgresBin();
      if (bin) {
        cluster = await startCluster(bin);
      } else {
        console.warn('SKIPPED PostgreSQL: no initdb/pg_ctl in /usr/lib/postgresql/*/bin or VET_TEST_PG_BIN.');
        o.variants = o.variants.filter((v) => v !== 'postgres' && v !== 'two');
      }
    }
    const ctx = { ...scripts, workDir, sampleFile, questions: plan.questions, evaluators: o.evaluators, postgres: cluster ? { adminUrl: cluster.adminUrl, pid: cluster.pid } : null, profileDir };
    const machine = `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), node ${process.version}, ${process.platform}`;
    const clicksPerInterview = `${plan.questions} questions each, ${o.evaluators === 2 ? 'two evaluators clicking' : 'the lead clicking'}`;
    const loadBefore = loadavg()[0]!;
    console.log(`vet load bench · ${new Date().toISOString()} · ${machine} · load average ${loadBefore.toFixed(2)}`);
    console.log(`${o.rounds} round(s); in each, every app runs every K in turn, as its own process with a fresh database.\n`);

    const runs = new Map<string, RunFigures[]>();
    const problems: string[] = [];
    for (let round = 1; round <= o.rounds; round++) {
      for (const k of o.ks) {
        // Each round starts with another app, so a drift of the machine does not always favour the same one.
        const order = o.variants.map((_, i) => o.variants[(i + round - 1) % o.variants.length]!);
        for (const variant of order) {
          const started = Date.now();
          const label = `  round ${round} K=${k} ${VARIANT_LABELS[variant].padEnd(22)}`;
          const took = () => `(${((Date.now() - started) / 1000).toFixed(1)} s)`;
          // One failed run (the shared machine, a hiccup) costs its figures, not the whole bench.
          const figures = await runOnce(variant, k, round, ctx).catch((e: unknown) => {
            const why = e instanceof Error ? e.message : String(e);
            problems.push(`${variant} K=${k} round ${round} failed: ${why}`);
            console.log(`${label} FAILED ${took()}: ${why}`);
            return null;
          });
          if (!figures) continue;
          (runs.get(`${k}/${variant}`) ?? runs.set(`${k}/${variant}`, []).get(`${k}/${variant}`)!).push(figures);
          problems.push(...figures.problems.map((p) => `${variant} K=${k} round ${round}: ${p}`));
          console.log(`${label} ack p99 ${figures.ackP99.toFixed(1)} ms, next p99 ${figures.nextP99.toFixed(1)} ms, ${figures.clicksPerSecond.toFixed(0)} clicks/s ${took()}`);
        }
      }
    }

    const tables: { k: number; rows: Row[] }[] = o.ks.map((k) => ({ k, rows: o.variants.map((v) => summarize(v, runs.get(`${k}/${v}`) ?? [])) }));
    console.log('');
    for (const t of tables) console.log(`${table(t.k, t.rows, clicksPerInterview)}\n`);
    const loadAfter = loadavg()[0]!;
    console.log(
      [
        `Figures are medians over ${o.rounds} run(s) of each app, run side by side in this one run on ${machine}; load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after (above ${availableParallelism()}, other programs shared the CPUs and the latencies say more about them than about the apps; CPU/click holds up better).`,
        'CPU/click: ms of CPU the app process(es) used per click under load. RSS in MiB: idle after start-up and a warm-up interview, busy the highest sampled every 100 ms under load; two instances show their sum (each in brackets) and compare one instance with the baseline.',
      ].join('\n'),
    );
    if (problems.length > 0) {
      console.log(`\n${problems.length} thing(s) looked wrong during the runs (the figures may not mean what they say):`);
      for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
    }
    const json = {
      date: new Date().toISOString(),
      machine: { cores: availableParallelism(), cpu: cpus()[0]?.model.trim() ?? null, node: process.version, platform: process.platform, loadAverage: { before: loadBefore, after: loadAfter } },
      options: { k: o.ks, rounds: o.rounds, variants: o.variants, evaluators: o.evaluators },
      questionsPerInterview: plan.questions,
      targets: TARGETS,
      tables: tables.map((t) => {
        const baseline = t.rows.find((r) => r.variant === 'baseline')!;
        return { k: t.k, rows: t.rows.map((r) => ({ ...r, ratios: r === baseline ? null : ratios(r, baseline, t.k), runs: runs.get(`${t.k}/${r.variant}`) ?? [] })) };
      }),
      problems,
    };
    writeFileSync(join(artifacts, 'load.json'), `${JSON.stringify(json, null, 2)}\n`);
    console.log(`\nWrote ${join('bench-artifacts', 'load.json')}${profileDir ? ` and CPU profiles in ${join('bench-artifacts', 'profiles')}` : ''}.`);
    return 0;
  } finally {
    cleanUp();
    process.removeListener('exit', cleanUp);
  }
}

// Ctrl-C ends through process.exit, so the apps and the cluster are stopped on the way out.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
