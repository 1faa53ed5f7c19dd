// `npm run bench:queries`: how many SQL statements and transactions one click costs, counted rather than timed (so the
// figure does not depend on the machine). It plays a lite interview through the flow calls a rating click makes in
// the listener: the answer (with the next question), the check that the question message shows the latest, and
// storing the next question's message. On PostgreSQL each statement is a round trip, and so are BEGIN and COMMIT.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KyselyPlugin } from 'kysely';
import { createInterviewFlow } from '../src/flows/interview.js';
import type { QuestionView } from '../src/flows/views.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { openSqlite } from '../src/store/db.js';
import { createStore, type Store } from '../src/store/store.js';
import { plannedAnswer } from './bench/plan.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const dir = mkdtempSync(join(tmpdir(), 'vet-bench-queries-'));
const db = await openSqlite(join(dir, 'queries.sqlite'));
try {
  let statements = 0;
  let transactions = 0;
  const counting: KyselyPlugin = {
    transformQuery: (args) => {
      statements++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const counted = createStore(db.withPlugin(counting));
  // Only the outermost transaction is a BEGIN and a COMMIT; one started inside it joins it.
  let depth = 0;
  const store: Store = {
    ...counted,
    transaction: async (work) => {
      if (depth === 0) transactions++;
      depth++;
      try {
        return await counted.transaction(work);
      } finally {
        depth--;
      }
    },
  };
  const flow = createInterviewFlow({ store, bank: STANDARD_BANK, clock: () => new Date() });
  const lead = { userId: 'U1', admin: false, riskOwner: false, external: false };
  const started = await flow.start({ vendorName: 'Counted', model: null, variant: 'lite', channelId: 'C1', lead, evaluators: ['U2'] });
  if (started.kind !== 'started') throw new Error(`the interview did not start (${started.kind})`);
  await flow.attachQuestionMessage(started.interview.id, started.first.question.id, '1.000001');
  const perClick: { statements: number; transactions: number }[] = [];
  let last = { statements: 0, transactions: 0 };
  let ts = 1;
  for (let current: QuestionView | null = started.first; current; ) {
    statements = 0;
    transactions = 0;
    const out = await flow.answer({ interviewId: current.interview.id, questionId: current.question.id, actor: lead, action: plannedAnswer(current.question) });
    if (out.kind !== 'recorded') throw new Error(`an answer was not recorded (${out.kind})`);
    // What the publisher does next: update the answered question's message and check it shows the latest, then
    // post the next question and keep its message ts.
    await flow.questionSince(out.question.interview.id, out.question.question.id, out.question.revision);
    if (out.next) await flow.attachQuestionMessage(out.next.interview.id, out.next.question.id, `1.${String(++ts).padStart(6, '0')}`);
    const click = { statements, transactions };
    if (out.next) perClick.push(click);
    else last = click;
    current = out.next;
  }
  const s = median(perClick.map((c) => c.statements));
  const t = median(perClick.map((c) => c.transactions));
  console.log(`a rating that moves on to the next question (median of ${perClick.length} clicks):`);
  console.log(`  SQL statements ${s}, transactions ${t}; on PostgreSQL ${s + 2 * t} round trips (statements, BEGIN and COMMIT)`);
  console.log(`the last rating, which completes the interview: SQL statements ${last.statements}, transactions ${last.transactions}`);
} finally {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
}
