// `npm run bench:memory`: where the idle memory of `npm run bench:load` goes. Starts the bare Bolt app and vet on
// SQLite as that bench does (same environment, a warm-up interview, the same settling time), then prints for each
// its resident memory by mapping (/proc/<pid>/smaps: the node binary, anonymous memory, malloc's heap, native
// addons) and what V8 says of its heap (process.memoryUsage and the size of each heap space). Linux only.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInbox, drive } from './bench/drive.js';
import { calibrate } from './bench/plan.js';
import { startApp, type AppProcess } from './bench/processes.js';
import { startSlackStub } from './bench/slackStub.js';

const MARK = 'bench-memory:';
const SETTLE_MS = 500;
const MiB = 1024 * 1024;
// Loaded into each app before its own code: on SIGUSR2 it prints V8's view of the heap as one marked line.
const REPORTER = `data:text/javascript,${encodeURIComponent(`
import v8 from 'node:v8';
process.on('SIGUSR2', () => {
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().filter((s) => s.space_size > 0).map((s) => [s.space_name, [s.space_used_size, s.space_size]]));
  console.error(${JSON.stringify(MARK)} + JSON.stringify({ usage: process.memoryUsage(), spaces }));
});`)}`;

const mib = (bytes: number) => (bytes / MiB).toFixed(1);

/** Resident kB per mapping, the anonymous ones together, named by file (node_modules paths shortened). */
function residentByMapping(pid: number): [string, number][] {
  const by = new Map<string, number>();
  let name = '';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) name = (head[1] || '[anonymous]').replace(/^.*node_modules\//, '');
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) by.set(name, (by.get(name) ?? 0) + Number(rss[1]) * 1024);
  }
  return [...by].filter(([, bytes]) => bytes >= MiB / 2).sort((a, b) => b[1] - a[1]);
}

async function heapReport(app: AppProcess): Promise<string> {
  const seen = app.output.length;
  process.kill(app.pid, 'SIGUSR2');
  for (let i = 0; i < 50; i++) {
    const line = app.output.slice(seen).find((l) => l.startsWith(MARK));
    if (line) {
      const { usage, spaces } = JSON.parse(line.slice(MARK.length)) as { usage: Record<string, number>; spaces: Record<string, [number, number]> };
      const used = Object.entries(usage).map(([k, v]) => `${k} ${mib(v)}`);
      const bySpace = Object.entries(spaces).map(([k, [u, size]]) => `${k} ${mib(u)}/${mib(size)}`);
      return `  V8 (MiB): ${used.join(', ')}\n  heap spaces, used/size (MiB): ${bySpace.join(', ')}`;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return '  V8: no answer';
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workDir = mkdtempSync(join(tmpdir(), 'vet-bench-memory-'));
const plan = await calibrate();
const sampleFile = join(workDir, 'question.json');
writeFileSync(sampleFile, JSON.stringify(plan.sample));
const inbox = createInbox();
const stub = await startSlackStub((m) => inbox.deliver(m));
const env = { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: 'bench-signing-secret', SLACK_API_URL: stub.apiUrl, LOG_LEVEL: 'warn' };
const apps = [
  { label: 'baseline (bare Bolt)', script: join(root, 'dist-tools/tools/bench/bareApp.js'), env: { ...env, BENCH_SAMPLE: sampleFile, BENCH_QUESTIONS: String(plan.questions) } },
  { label: 'vet · SQLite', script: join(root, 'dist/app.js'), env: { ...env, DATABASE_PATH: join(workDir, 'vet.sqlite') } },
];
try {
  for (const a of apps) {
    const app = await startApp({ ...a, cwd: workDir, nodeArgs: ['--import', REPORTER] });
    try {
      const started = app.rss();
      await drive({ urls: [app.url], signingSecret: env.SLACK_SIGNING_SECRET, responseUrl: stub.responseUrl, inbox, evaluators: 1, interviews: 1, prefix: 'W' });
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      console.log(`${a.label}: ${mib(started)} MiB resident once listening, ${mib(app.rss())} MiB idle after a warm-up interview`);
      console.log(
        `  resident by mapping (MiB): ${residentByMapping(app.pid)
          .map(([name, bytes]) => `${name} ${mib(bytes)}`)
          .join(', ')}`,
      );
      console.log(await heapReport(app));
    } finally {
      await app.stop();
    }
  }
} finally {
  await stub.close();
  rmSync(workDir, { recursive: true, force: true });
}
