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

/**
 * Questions that are always among a model's key questions when the bank has them, first: for managed services the
 * antidote to the black box, taking the work back at exit and keeping the architecture yours.
 */
export const MUST_ASK: Partial<Record<EngagementModel, readonly string[]>> = {
  'managed-services': ['exit-and-handover', 'architecture-ownership'],
};

/** Questions that make no sense for a model, whatever the bank says: a solo freelancer has nobody to replace them with. */
export function unfitFor(model: EngagementModel, q: Pick<Question, 'id' | 'title'>): boolean {
  return model === 'freelancer' && (/\breplac(?:e|es|ed|ing|ement)\b/i.test(q.title) || q.id === 'underperformer-replacement' || q.id === 'replacement-guarantee-days');
}

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

/**
 * The bank's most decisive questions for `model`: those it must ask first (MUST_ASK, in that order), then the rest
 * best first, ties keeping the bank's order. Follow-ups and questions unfit for the model are left out.
 */
export function keyQuestions(bank: QuestionBank, model: EngagementModel, count = KEY_QUESTIONS): KeyQuestion[] {
  const followUps = new Set(bank.questions.flatMap((q) => q.followUps.map((f) => f.ask)));
  const must = MUST_ASK[model] ?? [];
  const rank = (id: string) => (must.includes(id) ? must.indexOf(id) : must.length);
  return bank.questions
    .filter((q) => q.models.includes(model) && !followUps.has(q.id) && !unfitFor(model, q))
    .map((q, order) => {
      const d = decisiveness(q, model);
      return { q, order, points: d.points, why: must.includes(q.id) ? ['always asked of this model', ...d.why] : d.why };
    })
    .sort((a, b) => rank(a.q.id) - rank(b.q.id) || b.points - a.points || a.order - b.order)
    .slice(0, count)
    .map(({ q, points, why }) => ({ id: q.id, title: q.title, why, points }));
}
