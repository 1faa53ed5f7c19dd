// What changed since a vendor's previous interview: scores per dimension, and the named team (bait and switch).
import { DIMENSIONS, type Dimension, type Question } from '../questions/model.js';
import type { AnswerInput, ComputedFlag, Scorecard } from './types.js';

export interface DimensionChange {
  dimension: Dimension;
  before: number | null;
  after: number | null;
}

export interface TeamChange {
  /** Committed before and missing now, as typed before. */
  removed: string[];
  /** New since the previous interview, as typed now. */
  added: string[];
}

export interface RevetComparison {
  overall: { before: number | null; after: number | null };
  dimensions: DimensionChange[];
  /** Null when either interview recorded no named team. */
  team: TeamChange | null;
}

const key = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** The named team recorded in an interview: the latest list fact of its list question, or null. */
export function namedTeam(questions: readonly Question[], answers: readonly AnswerInput[]): string[] | null {
  const ids = new Set(questions.filter((q) => q.fact?.type === 'list').map((q) => q.id));
  const latest = answers
    .filter((a) => ids.has(a.questionId) && a.status === 'rated' && a.fact?.type === 'list')
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
    .at(-1);
  return latest?.fact?.type === 'list' ? latest.fact.value : null;
}

/** Names compare without regard to case or surrounding spaces. */
export function teamChange(before: readonly string[], after: readonly string[]): TeamChange {
  const now = new Set(after.map(key));
  const then = new Set(before.map(key));
  return { removed: before.filter((n) => !now.has(key(n))), added: after.filter((n) => !then.has(key(n))) };
}

export function compareInterviews(
  previous: { scorecard: Scorecard; team: string[] | null },
  current: { scorecard: Scorecard; team: string[] | null },
): RevetComparison {
  const score = (c: Scorecard, d: Dimension) => c.dimensions.find((x) => x.dimension === d)?.score ?? null;
  return {
    overall: { before: previous.scorecard.overall.score, after: current.scorecard.overall.score },
    dimensions: DIMENSIONS.map((dimension) => ({ dimension, before: score(previous.scorecard, dimension), after: score(current.scorecard, dimension) })),
    team: previous.team && current.team ? teamChange(previous.team, current.team) : null,
  };
}

/** The bait-and-switch signal: people committed in the previous interview who are missing now. */
export function revetFlags(comparison: RevetComparison, teamQuestionId: string | null): ComputedFlag[] {
  const removed = comparison.team?.removed ?? [];
  if (removed.length === 0) return [];
  return [
    {
      rule: 'team-member-removed',
      questionId: teamQuestionId ?? '',
      severity: 'high',
      message: `Named team members committed in the previous interview are missing now: ${removed.join(', ')}. Ask why, and whether the change was notified and approved (bait and switch).`,
    },
  ];
}
