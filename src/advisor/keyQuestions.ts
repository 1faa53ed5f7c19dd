// Which of the bank's questions matter most for an engagement model: those that apply to it and decide the most.
// Computed from whatever bank is loaded (built-in or custom), through the bank's public model only.
import { FAILURE_PATTERN_LABELS, type EngagementModel, type FailurePattern, type Question, type QuestionBank } from '../questions/model.js';
import { MODEL_WEIGHTS } from '../scoring/weights.js';
import { GUARDS } from './matrix.js';

export interface KeyQuestion {
  id: string;
  title: string;
  /** Why it is among the most decisive, in a few words each. */
  why: string[];
  /** The points that ranked it (see docs/scoring.md). */
  points: number;
}

export const KEY_QUESTIONS = 5;

const guards = (p: FailurePattern) => `guards against ${FAILURE_PATTERN_LABELS[p].toLowerCase()}`;

/**
 * How decisive a question is for a model: it exposes the model's failure pattern (+6 for the main one, +2 for the
 * next), it exists for some models only (+2), its weight, the model's weight of its dimension (tenths), a critical
 * (+2) or high (+1) red-flag rule, and required evidence (+1).
 */
function decisiveness(q: Question, model: EngagementModel): { points: number; why: string[] } {
  const why: string[] = [];
  let points = q.weight + Math.round(MODEL_WEIGHTS[model][q.dimension] / 10);
  const [main, ...others] = GUARDS[model];
  if (q.patterns.includes(main.pattern)) {
    points += 6;
    why.push(guards(main.pattern));
  } else {
    const other = others.find((g) => q.patterns.includes(g.pattern));
    if (other) {
      points += 2;
      why.push(guards(other.pattern));
    }
  }
  if (q.models.length < 4) {
    points += 2;
    why.push('specific to this model');
  }
  const severities = new Set(q.redFlags.map((r) => r.severity));
  if (severities.has('critical')) {
    points += 2;
    why.push('can raise a critical red flag');
  } else if (severities.has('high')) {
    points += 1;
    why.push('can raise a high red flag');
  }
  if (q.evidenceRequired) {
    points += 1;
    why.push('evidence required');
  }
  return { points, why };
}

/** The bank's most decisive questions for `model`, best first; ties keep the bank's order. Follow-ups are left out. */
export function keyQuestions(bank: QuestionBank, model: EngagementModel, count = KEY_QUESTIONS): KeyQuestion[] {
  const followUps = new Set(bank.questions.flatMap((q) => q.followUps.map((f) => f.ask)));
  return bank.questions
    .filter((q) => q.models.includes(model) && !followUps.has(q.id))
    .map((q, order) => ({ q, order, ...decisiveness(q, model) }))
    .sort((a, b) => b.points - a.points || a.order - b.order)
    .slice(0, count)
    .map(({ q, points, why }) => ({ id: q.id, title: q.title, why, points }));
}
