// What is shown next after an answer to the current question: the next question in play, or the scored summary
// when none is left. Of several simultaneous answers to the current question exactly one moves the interview on:
// an answer that finds the interview already moved does nothing, and the unique position of an asked question is
// the final guard when two get this far at once (as closing the interview is for completion).
import type { Clock } from '../model.js';
import type { Store } from '../store/store.js';
import { questionView, type Scored, type Snapshot } from './state.js';
import type { Summaries } from './summary.js';
import type { QuestionView, SummaryView } from './views.js';

export interface AdvanceDeps {
  store: Store;
  clock: Clock;
  summaries: Summaries;
}

export interface Moved {
  next: QuestionView | null;
  summary: SummaryView | null;
  /** The interview as it stands after the move (a new question asked, or completed). */
  latest: Scored;
}

export function createAdvance({ store, clock, summaries }: AdvanceDeps) {
  /** Completes the interview once: only the caller that flips the status gets the summary to post. */
  async function complete(s: Snapshot, by: string): Promise<{ done: Snapshot; summary: SummaryView } | null> {
    const at = clock();
    if (!(await store.interviews.closeInterview(s.interview.id, 'completed', by, at))) return null;
    await store.audit.writeAudit(at, { actor: by, action: 'interview.completed', interviewId: s.interview.id, detail: {} });
    const done: Snapshot = { ...s, interview: { ...s.interview, status: 'completed', completedAt: at, completedBy: by } };
    return { done, summary: await summaries.settle(done) };
  }

  /**
   * `s` is the interview as read after the answer was recorded; `askedBefore` how many questions were asked when
   * the answer's click was read. When another answer moved the interview on in between, nothing moves.
   */
  async function advance(s: Scored, askedBefore: number, by: string): Promise<Moved> {
    const stay: Moved = { next: null, summary: null, latest: s };
    if (s.asked.length !== askedBefore) return stay;
    const askedIds = new Set(s.asked.map((a) => a.questionId));
    const next = s.inPlay.find((q) => !askedIds.has(q.id));
    if (next) {
      const at = clock();
      const position = askedBefore + 1;
      if (!(await store.interviews.insertAsked(s.interview.id, next.id, position, at))) return stay;
      const latest: Scored = { ...s, asked: [...s.asked, { questionId: next.id, position, askedAt: at, messageTs: null }] };
      return { next: questionView(latest, next.id), summary: null, latest };
    }
    const completed = await complete(s, by);
    if (!completed) return stay;
    return { next: null, summary: completed.summary, latest: { ...s, interview: completed.done.interview } };
  }

  return { advance, complete };
}
