// Which controls of a framework an interview examined, and with what result. Pure.
import { controlTitle, inFrameworkOrder } from '../questions/controls/index.js';
import type { Framework, Question } from '../questions/model.js';
import type { QuestionResult } from '../scoring/types.js';

/** A question of the interview: its place in the thread (null if never asked) and its result in the scores, if any. */
export interface AskedResult {
  q: Question;
  position: number | null;
  result: QuestionResult | undefined;
}

export interface ControlRow {
  id: string;
  title: string;
  /** The questions that name the control, in the order given. */
  questions: AskedResult[];
  /** The weakest rated answer among them; null when none was rated: the control was not examined. */
  weakest: (AskedResult & { result: QuestionResult }) | null;
  /** How many of its questions were not rated (unanswered, skipped or N/A). */
  unrated: number;
}

const rated = (x: AskedResult): x is AskedResult & { result: QuestionResult } => x.result?.state === 'scored' && x.result.score !== null;

/**
 * The controls of `framework` the questions name, in the framework's order. A control is examined when one of its
 * questions was rated, and its result is the weakest rated answer: one weak answer is enough to doubt a control.
 */
export function controlRows(questions: readonly AskedResult[], framework: Framework): ControlRow[] {
  const byControl = new Map<string, AskedResult[]>();
  for (const x of questions) for (const id of x.q.references?.[framework] ?? []) byControl.set(id, [...(byControl.get(id) ?? []), x]);
  return inFrameworkOrder(framework, byControl.keys()).map((id) => {
    const qs = byControl.get(id)!;
    const scored = qs.filter(rated);
    const weakest = scored.reduce<(typeof scored)[number] | null>((w, x) => (w === null || x.result.score! < w.result.score! ? x : w), null);
    return { id, title: controlTitle(framework, id) ?? '', questions: qs, weakest, unrated: qs.length - scored.length };
  });
}
