// What is shown next after an answer to the current question: the next question in play, or the scored summary
// when none is left. Of several simultaneous answers to the current question exactly one moves the interview on: the
// answer's transaction holds the interview, so the one that finds its question still the current one asks the next
// (the unique position of an asked question stays the final guard), and closing the interview happens once.
import type { Clock } from '../model.js';
import type { Question } from '../questions/model.js';
import type { Store } from '../store/store.js';
import type { Scored, Snapshot } from './state.js';
import type { Summaries } from './summary.js';
import type { SummaryView } from './views.js';

export interface AdvanceDeps {
  store: Store;
  clock: Clock;
  summaries: Summaries;
}

/** The next question in play that was not asked yet, or null when the interview is done. */
export function nextQuestion(s: Scored): Question | null {
  const askedIds = new Set(s.asked.map((a) => a.questionId));
  return s.inPlay.find((q) => !askedIds.has(q.id)) ?? null;
}

/**
 * Asks `next` after the questions `s` has asked, in the caller's transaction; the interview as it stands then, or null
 * when that position was taken meanwhile.
 */
export async function askNext(trx: Store, s: Scored, next: Question, at: Date): Promise<Scored | null> {
  const position = s.asked.length + 1;
  if (!(await trx.interviews.insertAsked(s.interview.id, next.id, position, at))) return null;
  return { ...s, asked: [...s.asked, { questionId: next.id, position, askedAt: at, messageTs: null }] };
}

export function createAdvance({ store, clock, summaries }: AdvanceDeps) {
  /** Completes the interview once: only the caller that flips the status gets the summary to post. */
  async function complete(s: Snapshot, by: string): Promise<{ done: Snapshot; summary: SummaryView } | null> {
    const at = clock();
    if (!(await store.interviews.closeInterview(s.interview.id, 'completed', by, at))) return null;
    await store.audit.writeAudit(at, { actor: by, action: 'interview.completed', interviewId: s.interview.id, detail: {} });
    const done: Snapshot = { ...s, interview: { ...s.interview, status: 'completed', completedAt: at, completedBy: by }, revision: null };
    return { done, summary: await summaries.settle(done) };
  }

  return { complete };
}
