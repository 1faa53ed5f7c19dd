// `npm run bench:scale`: how `/vet list`, `/vet compare`, the Home tab and a channel's digest fare on a big database
// (by default 10,000 vendors and 50,000 vettings across 200 channels), for a person who is a member of 20 of them, on
// SQLite and on PostgreSQL. Prints medians and p99 per call. Figures to compare, never asserted: the machine is shared.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { createDigestFlow } from '../src/flows/digest.js';
import { createInterviewFlow } from '../src/flows/interview.js';
import { createPortfolioFlow } from '../src/flows/portfolio.js';
import type { ChannelLookup, ChannelPrivacy, Visibility } from '../src/flows/visibility.js';
import type { InterviewStatus, Vendor } from '../src/model.js';
import { selectQuestions } from '../src/questions/select.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { openDatabase, type Db, type DatabaseTarget } from '../src/store/db.js';
import { findPostgresBin, startCluster } from './dev/postgresCluster.js';
import { createStore } from '../src/store/store.js';
import { problemText } from '../src/slack/wording/problems.js';
import { LIST_ROWS, MAX_EXPIRING_LINES, MAX_HOME_BLOCKS } from '../src/slack/blocks/portfolio.js';

const USAGE = `usage: npm run bench:scale -- [--vendors 10000] [--vettings 50000] [--channels 200] [--runs 30] [--only sqlite,postgres] [--calls list,compare,home,digest]
  --questions  questions stored per vetting (default 6; the whole standard bank is 83 questions, 170 kB of JSON each)`;

interface Options {
  vendors: number;
  vettings: number;
  channels: number;
  runs: number;
  questions: number;
  engines: ('sqlite' | 'postgres')[];
  calls: string[];
}

function options(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      vendors: { type: 'string', default: '10000' },
      vettings: { type: 'string', default: '50000' },
      channels: { type: 'string', default: '200' },
      runs: { type: 'string', default: '30' },
      questions: { type: 'string', default: '6' },
      only: { type: 'string', default: 'sqlite,postgres' },
      calls: { type: 'string', default: 'list,compare,home,digest' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return null;
  const int = (text: string, what: string, min: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`${what} takes a whole number of at least ${min}, got "${text}"`);
    return n;
  };
  const engines = values.only.split(',').map((s) => s.trim());
  const unknown = engines.filter((e) => e !== 'sqlite' && e !== 'postgres');
  if (unknown.length > 0) throw new Error(`--only takes sqlite, postgres; got ${unknown.join(', ')}`);
  return {
    vendors: int(values.vendors, '--vendors', 2),
    vettings: int(values.vettings, '--vettings', 2),
    channels: int(values.channels, '--channels', 20),
    runs: int(values.runs, '--runs', 1),
    questions: int(values.questions, '--questions', 1),
    engines: engines.filter((e): e is 'sqlite' | 'postgres' => e === 'sqlite' || e === 'postgres'),
    calls: values.calls.split(',').map((s) => s.trim()),
  };
}

/** A small deterministic generator, so both engines get the very same data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VIEWER = 'UVIEWER';
const NOW = new Date('2026-12-07T12:00:00Z');
const DAY = 86_400_000;

/** Channel i: every fourth one private. The viewer is a member of 10 public and 10 private channels. */
function channelsOf(count: number) {
  const ids = Array.from({ length: count }, (_, i) => `C${String(i).padStart(4, '0')}`);
  const privacy = new Map<string, ChannelPrivacy>(ids.map((id, i) => [id, i % 4 === 0 ? 'private' : 'public']));
  const privates = ids.filter((id) => privacy.get(id) === 'private');
  const publics = ids.filter((id) => privacy.get(id) === 'public');
  const memberOf = new Set([...privates.slice(0, 10), ...publics.slice(0, 10)]);
  return { ids, privacy, memberOf };
}

async function chunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Fills the database through the store's schema: bulk inserts, one transaction per table. */
async function generate(db: Db, o: Options, channelIds: readonly string[]): Promise<void> {
  const rnd = random(19);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const questions = selectQuestions(STANDARD_BANK, null, 'standard').slice(0, o.questions);
  const questionsJson = JSON.stringify(questions);
  const users = Array.from({ length: 400 }, (_, i) => `U${String(i).padStart(4, '0')}`);
  const iso = (d: number) => new Date(NOW.getTime() - d * DAY).toISOString();

  const vendors = Array.from({ length: o.vendors }, (_, i) => ({ name: `Vendor ${i}`, name_key: `vendor ${i}`, created_at: iso(400) }));
  await db.transaction().execute((trx) => chunked(vendors, 1000, (c) => trx.insertInto('vendors').values(c).execute()));

  // One vetting in progress per vendor and channel, as the schema holds.
  const running = new Set<string>();
  const interviews = Array.from({ length: o.vettings }, (_, i) => {
    const vendorId = i < o.vendors ? i + 1 : 1 + Math.floor(rnd() * o.vendors);
    const channelId = pick(channelIds);
    const r = rnd();
    let status: InterviewStatus = r < 0.78 ? 'completed' : r < 0.95 ? 'in_progress' : 'abandoned';
    if (status === 'in_progress' && running.has(`${vendorId}|${channelId}`)) status = 'completed';
    if (status === 'in_progress') running.add(`${vendorId}|${channelId}`);
    const started = 380 - (i / o.vettings) * 370;
    return {
      vendor_id: vendorId,
      vendor_name: `Vendor ${vendorId - 1}`,
      channel_id: channelId,
      thread_ts: `${1_700_000_000 + i}.000100`,
      model: null,
      variant: 'standard' as const,
      bank_id: STANDARD_BANK.id,
      bank_version: STANDARD_BANK.version,
      questions_json: questionsJson,
      status,
      started_by: rnd() < 0.01 ? VIEWER : pick(users),
      started_at: iso(started),
      completed_at: status === 'completed' ? iso(started - 3) : null,
      completed_by: status === 'completed' ? pick(users) : null,
    };
  });
  await db.transaction().execute((trx) => chunked(interviews, 500, (c) => trx.insertInto('interviews').values(c).execute()));

  const evaluators = interviews.flatMap((iv, i) => {
    const second = rnd() < 0.01 ? VIEWER : pick(users);
    return [
      { interview_id: i + 1, user_id: iv.started_by, joined_at: iv.started_at, added_by: null },
      ...(second !== iv.started_by && rnd() < 0.5 ? [{ interview_id: i + 1, user_id: second, joined_at: iv.started_at, added_by: iv.started_by }] : []),
    ];
  });
  await db.transaction().execute((trx) => chunked(evaluators, 2000, (c) => trx.insertInto('interview_evaluators').values(c).execute()));

  const asked = interviews.flatMap((iv, i) => questions.map((q, position) => ({ interview_id: i + 1, question_id: q.id, position, asked_at: iv.started_at, message_ts: null })));
  await db.transaction().execute((trx) => chunked(asked, 2000, (c) => trx.insertInto('interview_questions').values(c).execute()));

  const answers = interviews.flatMap((iv, i) =>
    questions.map((q) => ({
      interview_id: i + 1,
      question_id: q.id,
      evaluator_id: iv.started_by,
      status: 'rated' as const,
      level: q.fact ? null : Math.floor(rnd() * 4),
      evidence: rnd() < 0.5 ? ('shown' as const) : ('promised' as const),
      fact_json: q.fact?.type === 'number' ? JSON.stringify({ type: 'number', value: 24 }) : q.fact ? JSON.stringify({ type: 'none' }) : null,
      created_at: iv.started_at,
      updated_at: iv.started_at,
    })),
  );
  await db.transaction().execute((trx) => chunked(answers, 1000, (c) => trx.insertInto('answers').values(c).execute()));

  const notes = interviews.flatMap((iv, i) =>
    rnd() < 0.7
      ? [
          {
            interview_id: i + 1,
            question_id: questions[0]!.id,
            author_id: iv.started_by,
            text: 'Showed us their CI pipeline and the last three incident reviews.',
            link: null,
            source_key: `msg:${i}`,
            created_at: iv.started_at,
          },
        ]
      : [],
  );
  await db.transaction().execute((trx) => chunked(notes, 2000, (c) => trx.insertInto('notes').values(c).execute()));

  const severities = ['critical', 'high', 'medium', 'low'] as const;
  const flags = interviews.flatMap((iv, i) =>
    Array.from({ length: Math.floor(rnd() * 3) }, (_, k) => {
      const r = rnd();
      const status = r < 0.6 ? ('open' as const) : r < 0.8 ? ('accepted' as const) : ('resolved' as const);
      return {
        interview_id: i + 1,
        rule: `rule-${k}`,
        question_id: questions[k % questions.length]!.id,
        severity: pick(severities),
        message: 'No evidence of a tested restore.',
        status,
        status_by: status === 'open' ? null : pick(users),
        status_at: status === 'open' ? null : iv.started_at,
        status_reason: status === 'open' ? null : 'Agreed with security.',
        status_link: null,
        owner_id: null,
        accept_expires_at: status === 'accepted' ? iso(-Math.floor(rnd() * 60)) : null,
        created_at: iv.started_at,
        updated_at: iv.started_at,
      };
    }),
  );
  await db.transaction().execute((trx) => chunked(flags, 500, (c) => trx.insertInto('red_flags').values(c).execute()));
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)]!;
}

async function time(call: string, runs: number, fn: () => Promise<unknown>): Promise<{ median: number; p99: number }> {
  // The first call also scores and keeps the verdicts no vetting has yet (a database from before 0027): timed apart.
  const first = performance.now();
  await fn();
  console.log(`    ${call}: first call ${(performance.now() - first).toFixed(0)} ms`);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const figures = { median: quantile(samples, 0.5), p99: quantile(samples, 0.99) };
  console.log(`    ${call}: median ${figures.median.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms`);
  return figures;
}

type Figures = Record<string, { median: number; p99: number }>;

async function measure(target: DatabaseTarget, o: Options): Promise<Figures> {
  const { ids, privacy, memberOf } = channelsOf(o.channels);
  let started = performance.now();
  const db = await openDatabase(target);
  try {
    await generate(db, o, ids);
    // What autovacuum does soon after a bulk load: every row written to interviews and under them moved the
    // interview's revision (0026), leaving dead row versions that index-only scans would otherwise visit.
    if (target.engine === 'postgres') await sql`vacuum analyze`.execute(db);
    console.log(`  ${target.engine}: generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const clock = () => NOW;
    // The channel directory stand-in: fixed privacy, no Slack calls.
    const channels: ChannelLookup = { privacy: async (cs) => new Map(cs.map((c) => [c, privacy.get(c) ?? 'unknown'])), shared: async () => false };
    const interviews = createInterviewFlow({ store: createStore(db), bank: STANDARD_BANK, clock, channels });
    const portfolio = createPortfolioFlow({ store: createStore(db), clock, interviews, timeZone: 'UTC' });
    const digest = createDigestFlow({ store: createStore(db), clock, timeZone: 'UTC', revetMonths: 12, channels });
    const v: Visibility = { readers: [{ kind: 'person', viewer: { actor: { userId: VIEWER, admin: false, riskOwner: false, external: false }, memberOf } }], privacy };
    const resolved = await portfolio.resolve(
      [
        { text: 'Vendor 17', quoted: true },
        { text: `Vendor ${Math.floor(o.vendors * 0.4242)}`, quoted: true },
      ],
      v,
    );
    if (!resolved.ok) throw new Error(`compare: ${problemText(resolved.problem)}`);
    const pair: Vendor[] = resolved.vendors;
    const digestChannel = [...memberOf][0]!;
    started = performance.now();
    const calls: Record<string, [string, () => Promise<unknown>]> = {
      list: ['/vet list', () => portfolio.list(v, LIST_ROWS)],
      compare: [
        '/vet compare (2 vendors)',
        async () => {
          const found = await portfolio.resolve(
            pair.map((x) => ({ text: x.name, quoted: true })),
            v,
          );
          if (found.ok) await portfolio.compare(found.vendors, v);
        },
      ],
      home: ['Home tab', () => portfolio.home(VIEWER, v, MAX_HOME_BLOCKS, MAX_EXPIRING_LINES)],
      digest: ["a channel's digest", () => digest.compose(digestChannel)],
    };
    const figures: Figures = {};
    for (const key of o.calls) {
      const call = calls[key];
      if (call) figures[call[0]] = await time(call[0], o.runs, call[1]);
    }
    console.log(`  ${target.engine}: measured in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return figures;
  } finally {
    await db.destroy();
  }
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  if (!o) return void console.log(USAGE);
  console.log(`${o.vendors} vendors, ${o.vettings} vettings, ${o.channels} channels; a member of 20 channels; ${o.runs} runs each; load ${loadavg()[0]!.toFixed(1)}`);
  const results: Partial<Record<'sqlite' | 'postgres', Figures>> = {};
  if (o.engines.includes('sqlite')) {
    const dir = mkdtempSync(join(tmpdir(), 'vet-scale-'));
    try {
      results.sqlite = await measure({ engine: 'sqlite', path: join(dir, 'vet.db') }, o);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (o.engines.includes('postgres')) {
    const bin = findPostgresBin();
    if (!bin) throw new Error('no PostgreSQL found (set VET_TEST_PG_BIN to the folder with initdb)');
    const cluster = await startCluster(bin);
    try {
      const admin = new pg.Client({ connectionString: cluster.adminUrl });
      await admin.connect();
      await admin.query('create database vet_scale');
      await admin.end();
      results.postgres = await measure({ engine: 'postgres', url: cluster.adminUrl.replace(/\/postgres$/, '/vet_scale') }, o);
    } finally {
      cluster.stop();
    }
  }
  const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(10);
  const engines = o.engines.filter((e) => results[e]);
  console.log(`\n${'call'.padEnd(26)}${engines.map((e) => `${e} median`.padStart(18) + `${e} p99`.padStart(15)).join('')}`);
  for (const call of Object.keys(results[engines[0]!] ?? {})) {
    console.log(`${call.padEnd(26)}${engines.map((e) => ms(results[e]![call]!.median).padStart(18) + ms(results[e]![call]!.p99).padStart(15)).join('')}`);
  }
  console.log(`load after: ${loadavg()[0]!.toFixed(1)}; target: p99 at most 100 ms`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
