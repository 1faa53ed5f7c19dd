// What the bench's evaluators do with each question, and what that makes of a lite interview: the click on a posted
// question message, the same answer in the flow's terms, and (from the real flow on a scratch SQLite file) how many
// questions one interview asks and what a question message looks like, so the baseline posts as many of the same size.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnswerAction } from '../../src/flows/views.js';
import { createInterviewFlow } from '../../src/flows/interview.js';
import type { Question } from '../../src/questions/model.js';
import { STANDARD_BANK } from '../../src/questions/standard.js';
import { renderQuestion, type RenderedMessage } from '../../src/slack/blocks/question.js';
import { ACTION } from '../../src/slack/ids.js';
import { openSqlite } from '../../src/store/db.js';
import { createStore } from '../../src/store/store.js';

/** A click on a question: the element's action_id (and the date a datepicker gets). */
export interface PlannedClick {
  actionId: string;
  value?: string;
}

// A rating of 2 (Specific) asks no follow-up; a fact question is answered "none" where it offers that, else Yes.
const RATING = 2;

/** The answer controls of a posted question (vet's first actions block, `vet|<interview>|<question>|1`), or null. */
export function answerBlock(blocks: readonly any[]): { blockId: string; actionIds: string[] } | null {
  for (const block of blocks) {
    if (block?.type !== 'actions' || typeof block.block_id !== 'string' || !/^vet\|\d+\|[a-z0-9-]+\|1$/.test(block.block_id)) continue;
    const elements: any[] = Array.isArray(block.elements) ? block.elements : [];
    return { blockId: block.block_id, actionIds: elements.map((e) => String(e?.action_id)) };
  }
  return null;
}

/** The click the bench makes on a question message; null when it has no controls the bench knows. */
export function plannedClick(blocks: readonly any[]): PlannedClick | null {
  const controls = answerBlock(blocks);
  if (!controls) return null;
  const has = (id: string) => controls.actionIds.includes(id);
  if (has(`${ACTION.rate}.${RATING}`)) return { actionId: `${ACTION.rate}.${RATING}` };
  if (has(ACTION.factNone)) return { actionId: ACTION.factNone };
  if (has(`${ACTION.factBool}.yes`)) return { actionId: `${ACTION.factBool}.yes` };
  if (has(ACTION.factDate)) return { actionId: ACTION.factDate, value: new Date().toISOString().slice(0, 10) };
  return null;
}

/** plannedClick in the flow's terms. */
export function plannedAnswer(q: Question): AnswerAction {
  if (!q.fact) return { kind: 'rate', level: RATING };
  if (q.fact.noneLabel) return { kind: 'fact', value: { type: 'none' } };
  if (q.fact.type === 'boolean') return { kind: 'fact', value: { type: 'boolean', value: true } };
  if (q.fact.type === 'date') return { kind: 'fact', value: { type: 'date', value: new Date().toISOString().slice(0, 10) } };
  throw new Error(`the bench cannot answer question ${q.id} (a ${q.fact.type} fact without a "none" option) without a modal`);
}

export interface Calibration {
  /** Questions one bench interview asks (lite, the lead answering as planned). */
  questions: number;
  /** The first question's message, as vet renders it. */
  sample: RenderedMessage;
}

/** Runs one interview through the real flow, answering as the bench's clicks do. */
export async function calibrate(): Promise<Calibration> {
  const dir = mkdtempSync(join(tmpdir(), 'vet-bench-plan-'));
  const db = await openSqlite(join(dir, 'plan.sqlite'));
  try {
    const flow = createInterviewFlow({ store: createStore(db), bank: STANDARD_BANK, clock: () => new Date() });
    const lead = { userId: 'U1', admin: false, riskOwner: false, external: false };
    const started = await flow.start({ vendorName: 'Plan', model: null, variant: 'lite', channelId: 'C1', lead, evaluators: ['U2'] });
    if (started.kind !== 'started') throw new Error(`calibration: the interview did not start (${started.kind})`);
    let questions = 0;
    for (let current = started.first; ; ) {
      questions++;
      const out = await flow.answer({ interviewId: current.interview.id, questionId: current.question.id, actor: lead, action: plannedAnswer(current.question) });
      if (out.kind !== 'recorded') throw new Error(`calibration: an answer was not recorded (${out.kind})`);
      if (!out.next) break;
      current = out.next;
    }
    return { questions, sample: renderQuestion(started.first) };
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
