import {
  DIMENSIONS,
  SEVERITIES,
  topLevel,
  type EngagementModel,
  type FlagCondition,
  type Question,
  type Severity,
} from '../questions/model.js';
import { factOutOfBounds } from './facts.js';
import {
  flagKey,
  RISK_TIERS,
  type AnswerInput,
  type ComputedFlag,
  type DimensionScore,
  type NoteInput,
  type QuestionResult,
  type RiskTier,
  type Scorecard,
} from './types.js';
import { vagueHedge } from './vague.js';
import { MODEL_WEIGHTS, TIER_THRESHOLDS } from './weights.js';

export interface ScoreInput {
  /** The interview's question snapshot, in bank order (follow-ups included). */
  questions: readonly Question[];
  answers: readonly AnswerInput[];
  notes: readonly NoteInput[];
  model: EngagementModel | null;
  now: Date;
  /** Keys (flagKey) of flags resolved or accepted: they no longer raise the tier. */
  closedFlags?: ReadonlySet<string>;
  /** Flags that need more than this interview to see (e.g. a team change since the previous one). */
  extraFlags?: readonly ComputedFlag[];
}

/** Lower median: with an even number of ratings the more cautious of the two middle levels counts. */
export function medianLevel(levels: readonly number[]): number | null {
  if (levels.length === 0) return null;
  const sorted = [...levels].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** One question's result from all evaluators' answers to it. */
export function scoreQuestion(q: Question, answers: readonly AnswerInput[], now: Date): QuestionResult {
  const mine = answers.filter((a) => a.questionId === q.id);
  const evidence = mine.flatMap((a) => (a.evidence ? [{ evaluatorId: a.evaluatorId, state: a.evidence }] : []));
  const evidenceShown = evidence.some((e) => e.state === 'shown');
  const rated = mine.filter((a) => a.status === 'rated');
  const top = topLevel(q);
  const base = {
    questionId: q.id,
    dimension: q.dimension,
    weight: q.weight,
    evidence,
    evidenceShown,
    capped: false,
    disagreement: false,
    fact: null,
    factOutOfBounds: null,
    ratings: [],
    rawLevel: null,
    level: null,
    score: null,
  } satisfies Partial<QuestionResult>;

  if (rated.length === 0) {
    const state = mine.some((a) => a.status === 'na') ? 'na' : mine.some((a) => a.status === 'skipped') ? 'skipped' : 'unanswered';
    return { ...base, state };
  }

  if (q.fact) {
    // Facts are not opinions: the latest value recorded by anyone counts.
    const latest = rated
      .filter((a) => a.fact !== null)
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
      .at(-1);
    if (!latest?.fact) return { ...base, state: 'unanswered' };
    const out = factOutOfBounds(q.fact, latest.fact, now);
    const level = latest.fact.type === 'none' || out ? 0 : evidenceShown ? top : Math.max(0, top - 1);
    return { ...base, state: 'scored', fact: latest.fact, factOutOfBounds: out, rawLevel: level, level, score: q.rubric[level]!.score };
  }

  const ratings = rated.flatMap((a) =>
    a.level === null ? [] : [{ evaluatorId: a.evaluatorId, level: Math.min(Math.max(a.level, 0), top) }],
  );
  const rawLevel = medianLevel(ratings.map((r) => r.level));
  if (rawLevel === null) return { ...base, state: 'unanswered' };
  const levels = ratings.map((r) => r.level);
  const disagreement = Math.max(...levels) - Math.min(...levels) >= 2;
  const capped = q.evidenceRequired && rawLevel === top && top > 0 && !evidenceShown;
  const level = capped ? top - 1 : rawLevel;
  return { ...base, state: 'scored', ratings, rawLevel, level, score: q.rubric[level]!.score, capped, disagreement };
}

export function conditionHolds(result: QuestionResult, when: FlagCondition): boolean {
  if ('ratingAtOrBelow' in when) return result.state === 'scored' && result.level !== null && result.level <= when.ratingAtOrBelow;
  if ('factOutOfBounds' in when) return result.factOutOfBounds === true;
  return result.fact?.type === 'none';
}

/**
 * The questions in play, in the order they are asked: each main question followed by those of its follow-ups
 * whose condition holds on its answers (recursively). A follow-up that already has an answer stays in play even
 * if a later rating no longer triggers it, so nothing recorded drops out of the record.
 */
export function questionsInPlay(
  questions: readonly Question[],
  results: ReadonlyMap<string, QuestionResult>,
): Question[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const followUpIds = new Set(questions.flatMap((q) => q.followUps.map((f) => f.ask)));
  const order: Question[] = [];
  const visited = new Set<string>();
  const visit = (q: Question): void => {
    if (visited.has(q.id)) return;
    visited.add(q.id);
    order.push(q);
    const parent = results.get(q.id);
    for (const f of q.followUps) {
      const child = byId.get(f.ask);
      if (!child) continue;
      const childResult = results.get(child.id);
      const answered = childResult !== undefined && childResult.state !== 'unanswered';
      if (answered || (parent !== undefined && conditionHolds(parent, f.when))) visit(child);
    }
  };
  for (const q of questions) if (!followUpIds.has(q.id)) visit(q);
  return order;
}

export function computeFlags(
  inPlay: readonly Question[],
  results: ReadonlyMap<string, QuestionResult>,
  notes: readonly NoteInput[],
): ComputedFlag[] {
  const flags: ComputedFlag[] = [];
  for (const q of inPlay) {
    const r = results.get(q.id);
    if (!r) continue;
    const top = topLevel(q);
    for (const rule of q.redFlags) {
      if (conditionHolds(r, rule.when)) flags.push({ rule: rule.rule, questionId: q.id, severity: rule.severity, message: rule.message });
    }
    if (r.capped) {
      flags.push({
        rule: 'claim-without-evidence',
        questionId: q.id,
        severity: 'medium',
        message: `"${q.title}" was rated ${q.rubric[top]!.label} but no evidence was shown; it counts as ${q.rubric[top - 1]!.label} until it is.`,
      });
    }
    if (r.disagreement) {
      const levels = r.ratings.map((x) => x.level);
      flags.push({
        rule: 'evaluators-disagree',
        questionId: q.id,
        severity: 'medium',
        message: `Evaluators disagree on "${q.title}" (from ${q.rubric[Math.min(...levels)]!.label} to ${q.rubric[Math.max(...levels)]!.label}): follow up rather than average.`,
      });
    }
    const hedge = notes.filter((n) => n.questionId === q.id).map((n) => vagueHedge(n.text)).find((h) => h !== null);
    if (hedge) {
      flags.push({
        rule: 'vague-answer',
        questionId: q.id,
        severity: 'medium',
        message: `The answer to "${q.title}" was vague ("${hedge}") with no names, numbers, tools or time frames.`,
      });
    }
  }
  return flags;
}

export function dimensionScores(
  inPlay: readonly Question[],
  results: ReadonlyMap<string, QuestionResult>,
  model: EngagementModel | null,
): DimensionScore[] {
  const weights = MODEL_WEIGHTS[model ?? 'general'];
  return DIMENSIONS.map((dimension) => {
    const mine = inPlay.map((q) => results.get(q.id)).filter((r): r is QuestionResult => r?.dimension === dimension);
    const applicable = mine.filter((r) => r.state !== 'na');
    const answered = applicable.filter((r) => r.state === 'scored');
    const applicableWeight = sum(applicable.map((r) => r.weight));
    const answeredWeight = sum(answered.map((r) => r.weight));
    return {
      dimension,
      score: answeredWeight > 0 ? sum(answered.map((r) => r.weight * r.score!)) / answeredWeight : null,
      coverage: applicableWeight > 0 ? answeredWeight / applicableWeight : 0,
      modelWeight: weights[dimension],
      answered: answered.length,
      applicable: applicable.length,
    };
  });
}

export function overallScore(dimensions: readonly DimensionScore[]): { score: number | null; coverage: number } {
  const scored = dimensions.filter((d) => d.score !== null);
  const scoredWeight = sum(scored.map((d) => d.modelWeight));
  const applicable = dimensions.filter((d) => d.applicable > 0);
  const applicableWeight = sum(applicable.map((d) => d.modelWeight));
  return {
    score: scoredWeight > 0 ? sum(scored.map((d) => d.modelWeight * d.score!)) / scoredWeight : null,
    coverage: applicableWeight > 0 ? sum(applicable.map((d) => d.modelWeight * d.coverage)) / applicableWeight : 0,
  };
}

/** Tier from the score, raised (never lowered) to the severity of the worst open red flag. */
export function riskTier(score: number | null, openSeverities: readonly Severity[]): RiskTier | null {
  const fromScore: RiskTier | null = score === null ? null : (TIER_THRESHOLDS.find((t) => score >= t.min)?.tier ?? 'critical');
  // Severities and tiers share names and order, so the worst flag's severity is the tier it forces.
  const worstFlag = openSeverities.reduce<Severity | null>(
    (worst, s) => (worst === null || SEVERITIES.indexOf(s) > SEVERITIES.indexOf(worst) ? s : worst),
    null,
  );
  if (fromScore === null) return worstFlag;
  if (worstFlag === null) return fromScore;
  return RISK_TIERS.indexOf(worstFlag) > RISK_TIERS.indexOf(fromScore) ? worstFlag : fromScore;
}

export function scoreInterview(input: ScoreInput): Scorecard {
  const allResults = new Map(input.questions.map((q) => [q.id, scoreQuestion(q, input.answers, input.now)]));
  const inPlay = questionsInPlay(input.questions, allResults);
  const questions = inPlay.map((q) => allResults.get(q.id)!);
  const flags = [...computeFlags(inPlay, allResults, input.notes), ...(input.extraFlags ?? [])];
  const dimensions = dimensionScores(inPlay, allResults, input.model);
  const overall = overallScore(dimensions);
  const closed = input.closedFlags ?? new Set<string>();
  const tier = riskTier(overall.score, flags.filter((f) => !closed.has(flagKey(f))).map((f) => f.severity));
  const byId = new Map(inPlay.map((q) => [q.id, q]));
  const required = questions.filter((r) => r.state === 'scored' && byId.get(r.questionId)!.evidenceRequired);
  const shown = required.filter((r) => r.evidenceShown).length;
  return {
    questions,
    dimensions,
    overall,
    tier,
    flags,
    disagreements: questions.filter((r) => r.disagreement).map((r) => r.questionId),
    evidence: { required: required.length, shown, coverage: required.length > 0 ? shown / required.length : null },
    counts: {
      total: questions.length,
      scored: questions.filter((r) => r.state === 'scored').length,
      na: questions.filter((r) => r.state === 'na').length,
      skipped: questions.filter((r) => r.state === 'skipped').length,
      unanswered: questions.filter((r) => r.state === 'unanswered').length,
    },
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
