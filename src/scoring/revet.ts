// What changed since a vendor's previous interview: scores per dimension, and the named team (bait and switch).
import { DIMENSIONS, type Dimension } from '../questions/model.js';
import type { ComputedFlag, Scorecard } from './types.js';

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

/** The named team recorded in an interview: the value its list question counts (the most cautious recorded), or null. */
export function namedTeam(scorecard: Scorecard): string[] | null {
  const team = scorecard.questions.find((r) => r.fact?.type === 'list')?.fact;
  return team?.type === 'list' ? team.value : null;
}

/** Names compare without regard to case or surrounding spaces. */
export function teamChange(before: readonly string[], after: readonly string[]): TeamChange {
  const now = new Set(after.map(key));
  const then = new Set(before.map(key));
  return { removed: before.filter((n) => !now.has(key(n))), added: after.filter((n) => !then.has(key(n))) };
}

export function compareInterviews(previous: { scorecard: Scorecard; team: string[] | null }, current: { scorecard: Scorecard; team: string[] | null }): RevetComparison {
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
