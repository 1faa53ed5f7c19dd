// `npm run bench`: how long the hot paths take on this machine, as medians of repeated runs. The machine is shared
// and noisy, so this prints figures to compare side by side (a baseline run before a change, one after), never a
// pass/fail verdict.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDigestFlow } from '../src/flows/digest.js';
import { createInterviewFlow } from '../src/flows/interview.js';
import type { AnswerAction, QuestionView } from '../src/flows/views.js';
import { selectQuestions } from '../src/questions/select.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { scoreInterview } from '../src/scoring/score.js';
import type { AnswerInput } from '../src/scoring/types.js';
import { parseLabelledNotes, reportNotes } from '../src/scoring/vagueEval.js';
import { describeTally, randomChecklist, tallyAdvice } from '../src/advisor/tally.js';
import { openSqlite } from '../src/store/db.js';
import { createStore } from '../src/store/store.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(runs: number, fn: () => unknown | Promise<unknown>): Promise<{ median: number; p90: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: median(samples), p90: sorted[Math.floor(sorted.length * 0.9)]! };
}

function answersFor(evaluators: number): AnswerInput[] {
  const questions = selectQuestions(STANDARD_BANK, null, 'standard');
  return questions.flatMap((q, i) =>
    Array.from({ length: evaluators }, (_, e) => ({
      questionId: q.id,
      evaluatorId: `U${e}`,
      status: 'rated' as const,
      level: q.fact ? null : (i + e) % 4,
      evidence: e === 0 ? ('shown' as const) : null,
      fact: q.fact?.type === 'number' ? { type: 'number' as const, value: 24 } : q.fact ? { type: 'none' as const } : null,
      updatedAt: new Date(0).toISOString(),
    })),
  );
}

/** How well judgeNote tells vague notes from specific ones on each labelled set, with every miss to read. */
function printVagueJudgement(): void {
  const questions = new Map(STANDARD_BANK.questions.map((q) => [q.id, q]));
  for (const file of ['test/fixtures/vague-notes.yaml', 'test/fixtures/vague-notes-fresh.yaml']) {
    const notes = parseLabelledNotes(readFileSync(join(process.cwd(), file), 'utf8'));
    console.log(`\n${reportNotes(file, notes, questions).join('\n')}`);
  }
}

/** A small seeded generator (mulberry32), so two bench runs draw the same checklists. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How often each engagement model wins over random checklists, fully and partly answered. */
function printModelWins(): void {
  const draw = (n: number, rate: number, random: () => number) => Array.from({ length: n }, () => randomChecklist(random, rate));
  console.log(`
${describeTally('engagement-model advice over random complete checklists', tallyAdvice(draw(10_000, 1, seeded(1)), STANDARD_BANK)).join('\n')}`);
  console.log(`
${describeTally('engagement-model advice over random checklists, each question answered with probability 0.8', tallyAdvice(draw(10_000, 0.8, seeded(2)), STANDARD_BANK)).join('\n')}`);
}

const action = (v: QuestionView): AnswerAction => (v.question.fact ? { kind: 'fact', value: { type: 'none' } } : { kind: 'rate', level: 2 });

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vet-bench-'));
  const rows: [string, { median: number; p90: number }][] = [];
  try {
    const questions = selectQuestions(STANDARD_BANK, null, 'standard');
    const notes = questions.map((q) => ({ questionId: q.id, text: 'They usually follow best practices' }));
    for (const evaluators of [1, 5]) {
      const answers = answersFor(evaluators);
      rows.push([`score a ${questions.length}-question interview, ${evaluators} evaluator(s)`, await time(500, () => scoreInterview({ questions, answers, notes, model: 'agency', now: new Date() }))]);
    }

    const db = await openSqlite(join(dir, 'bench.sqlite'));
    let now = new Date('2026-01-05T10:00:00Z');
    const clock = () => now;
    const flow = createInterviewFlow({ store: createStore(db), bank: STANDARD_BANK, clock });
    // 60 completed vendors, so per-answer and digest figures include a realistic database.
    const lead = { userId: 'U1', admin: false, riskOwner: false, external: false };
    const samples: number[] = [];
    for (let v = 0; v < 60; v++) {
      const started = await flow.start({ vendorName: `Vendor ${v}`, model: null, variant: 'lite', channelId: 'C1', lead, evaluators: [] });
      if (started.kind !== 'started') throw new Error(started.kind);
      let current: QuestionView | null = started.first;
      while (current) {
        const t0 = performance.now();
        const out = await flow.answer({ interviewId: current.interview.id, questionId: current.question.id, actor: lead, action: action(current) });
        samples.push(performance.now() - t0);
        if (out.kind !== 'recorded') throw new Error(out.kind);
        current = out.next;
      }
      now = new Date(now.getTime() + 3_600_000);
    }
    const sorted = [...samples].sort((a, b) => a - b);
    rows.push([`record an answer and move on (SQLite file, ${samples.length} answers)`, { median: median(samples), p90: sorted[Math.floor(sorted.length * 0.9)]! }]);

    // Every interview here ran in C1, so there is no other channel Slack would be asked about.
    const digest = createDigestFlow({ store: createStore(db), clock, timeZone: 'UTC', revetMonths: 12, channels: { privacy: async () => new Map(), shared: async () => false } });
    rows.push(['compose the digest of a channel with 60 vendors', await time(20, () => digest.compose('C1'))]);
    await db.destroy();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(`vet bench · node ${process.version} · ${new Date().toISOString()}`);
  console.log(`${'median ms'.padStart(12)}${'p90 ms'.padStart(10)}  what`);
  for (const [what, t] of rows) console.log(`${t.median.toFixed(3).padStart(12)}${t.p90.toFixed(3).padStart(10)}  ${what}`);
  printVagueJudgement();
  printModelWins();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
