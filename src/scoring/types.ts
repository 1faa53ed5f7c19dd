import type { Dimension, EvidenceState, FactValue, Severity } from '../questions/model.js';

/** `pending` = evidence marked but no rating yet; it counts for nothing until rated. */
export type AnswerStatus = 'rated' | 'na' | 'skipped' | 'pending';

/** One evaluator's answer to one question, as scoring sees it. */
export interface AnswerInput {
  questionId: string;
  evaluatorId: string;
  status: AnswerStatus;
  level: number | null;
  evidence: EvidenceState | null;
  fact: FactValue | null;
  /** ISO timestamp; the latest fact wins when evaluators record different values. */
  updatedAt: string;
}

export interface NoteInput {
  questionId: string;
  text: string;
}

export type QuestionState = 'unanswered' | 'skipped' | 'na' | 'scored';

export interface QuestionResult {
  questionId: string;
  dimension: Dimension;
  weight: number;
  state: QuestionState;
  /** Median of the evaluators' levels (or derived from the fact), before the evidence cap. */
  rawLevel: number | null;
  /** Level that counts, after the evidence cap. */
  level: number | null;
  score: number | null;
  ratings: { evaluatorId: string; level: number }[];
  evidence: { evaluatorId: string; state: EvidenceState }[];
  evidenceShown: boolean;
  /** Rated at the top level without evidence shown, so held one level below. */
  capped: boolean;
  disagreement: boolean;
  fact: FactValue | null;
  /** For fact questions with a recorded value: whether it lies outside the question's bounds. */
  factOutOfBounds: boolean | null;
}

export interface DimensionScore {
  dimension: Dimension;
  /** 0-100 weighted score of the answered questions, or null when none was answered. */
  score: number | null;
  /** Share (0-1) of the applicable weight that was answered; N/A questions are not applicable. */
  coverage: number;
  /** The engagement model's weight for this dimension in the overall score. */
  modelWeight: number;
  answered: number;
  applicable: number;
}

export const RISK_TIERS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

export interface ComputedFlag {
  rule: string;
  /** '' for interview-wide flags. */
  questionId: string;
  severity: Severity;
  message: string;
}

export interface Scorecard {
  questions: QuestionResult[];
  dimensions: DimensionScore[];
  overall: { score: number | null; coverage: number };
  tier: RiskTier | null;
  flags: ComputedFlag[];
  /** Question ids whose evaluators are 2+ levels apart. */
  disagreements: string[];
  evidence: { required: number; shown: number; coverage: number | null };
  counts: { total: number; scored: number; na: number; skipped: number; unanswered: number };
}

export function flagKey(f: Pick<ComputedFlag, 'rule' | 'questionId'>): string {
  return `${f.rule}|${f.questionId}`;
}
