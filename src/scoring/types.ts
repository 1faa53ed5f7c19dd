import type { Dimension, EvidenceState, FactValue, ReportReading, Severity } from '../questions/model.js';

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
  /** The choices chosen, for a choice or yes/no question. */
  choices?: readonly string[] | null;
  /** The free-text answer, for a text question. */
  text?: string | null;
  /** ISO timestamp of the last change. */
  updatedAt: string;
  /** With an N/A: why the question does not apply, and who else confirmed it (absent: not recorded). */
  naReason?: string | null;
  naConfirmedBy?: string | null;
  /** With evidence shown: what this evaluator saw (a file, a link, a description); a bare click records nothing. */
  evidenceSeen?: string | null;
  /** This evaluator rated or answered the question at some point (absent: not known, as in older records). */
  answeredBefore?: boolean;
}

/**
 * Where an N/A claim stands: it counts (the question leaves play) only when the bank allows N/A for this engagement
 * model, it has a reason and a second person confirmed it, and nobody rated the question, now or earlier in the
 * vetting. Otherwise the question is not examined: `replaces-answer` when someone had answered it (an N/A never takes
 * an examined question out of play). Beside ratings (`disputed`) it is the most cautious vote of the lower median.
 */
export type NaStanding = 'counts' | 'awaiting-confirmation' | 'no-reason' | 'not-allowed' | 'disputed' | 'replaces-answer';

export interface NaClaim {
  by: string;
  reason: string | null;
  confirmedBy: string | null;
  standing: NaStanding;
}

/** An evidence request on a question, as scoring sees it: only open ones far past their due date raise anything. */
export interface EvidenceRequestInput {
  questionId: string;
  open: boolean;
  /** The due date (YYYY-MM-DD), for the flag's message. */
  dueOn: string;
  /** ISO instant the request became overdue (the start of the day after its due date). */
  overdueFrom: string;
}

export interface NoteInput {
  questionId: string;
  text: string;
}

/** An evaluator's decision that a question's notes are not vague after all, with why (kept in the audit log). */
export interface VagueOverrideInput {
  questionId: string;
  by: string;
  reason: string;
}

/** `answered`: answered, but the question carries no score (free text, evidence upload, choices without scores). */
export type QuestionState = 'unanswered' | 'skipped' | 'na' | 'scored' | 'answered';

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
  /** Evaluators whose rating or fact counts here. */
  raters: string[];
  evidence: { evaluatorId: string; state: EvidenceState }[];
  evidenceShown: boolean;
  /** Rated at the top level without evidence shown, so held one level below. */
  capped: boolean;
  /** Rated above *Claimed, vague* while its notes are judged vague and no evidence was shown, so held there. */
  vagueCapped: boolean;
  disagreement: boolean;
  fact: FactValue | null;
  /** For fact questions with a recorded value: whether it lies outside the question's bounds. */
  factOutOfBounds: boolean | null;
  /** A "none" (or a date past its bound) made not applicable by another fact question that stands in for this one (its id). */
  coveredBy: string | null;
  /** For a report's date: what the question asks to read in the report and nobody recorded (it holds the level below the top). */
  unread: ReportReading[];
  /** Choice and yes/no questions: every choice some evaluator chose, in the bank's order (what conditions read). */
  choices?: string[];
  /** What the notes on this question say, judged against its mature-answer points; null without notes. */
  notes: NotesJudgement | null;
  /** The N/A claimed on it, if any (the one that counts first), and where it stands. */
  na: NaClaim | null;
}

export interface NotesJudgement {
  /** Every note is vague: hedges, deflections or buzzwords with nothing concrete. */
  vague: boolean;
  /** Why, in a few words, when vague. */
  reason: string | null;
  /** An evaluator judged the notes not vague, with a reason: a vague judgement then neither caps nor flags. */
  overridden: { by: string; reason: string } | null;
  /** The most mature-answer points any one note speaks to specifically, and how many there are. */
  pointsCovered: number;
  pointsTotal: number;
}

/** What the interview did not examine, and what that means for the verdict. */
export interface Verdict {
  /** Below the minimum weighted coverage, or a dimension not examined at all: never rated low or medium risk. */
  incomplete: boolean;
  /** Dimensions with no answered question (including those with nothing applicable). */
  unexamined: Dimension[];
  /** Questions in play, not N/A, with no answer yet (skipped ones included). */
  unanswered: string[];
  /** The worst red flag any unanswered question could have raised: the tier is never better than this. */
  unknownRisk: Severity | null;
  /** A quick screen (`--lite`): never complete, never rated better than medium. */
  screen: boolean;
  /** Knock-out questions that failed or were not examined, failed first, gravest first: each is a floor on the tier. */
  knockOuts: KnockOut[];
}

/**
 * A must-pass question that did not pass. `failed`: one of its own red-flag rules fires on the answer that counts.
 * `not-examined`: in play but unanswered, skipped or N/A (an N/A no other question stands in for).
 */
export interface KnockOut {
  questionId: string;
  title: string;
  state: 'failed' | 'not-examined';
  /** The floor it puts on the tier: high, or critical where the rule that fired (or could fire) is critical. */
  severity: Severity;
  /** The rules that fired (failed), or none (not examined). */
  rules: string[];
}

/** Who rated: the panel behind the verdict (docs/scoring.md, "A panel, not a person"). */
export interface Panel {
  /** Evaluators with at least one rating or fact recorded on a question in play. */
  raters: string[];
  /** Examined dimensions whose ratings all come from one evaluator. */
  singleRater: Dimension[];
  /** The number of evaluators a final verdict needs (VET_MIN_EVALUATORS). */
  minEvaluators: number;
  /** A complete full vetting rated by at least `minEvaluators` evaluators. */
  final: boolean;
}

export interface DimensionScore {
  dimension: Dimension;
  /**
   * 0-100: what the applicable questions earned, weighted, with unanswered ones earning nothing (unknown is not
   * neutral). Null when no question of the dimension was answered: not examined.
   */
  score: number | null;
  /** Share (0-1) of the applicable weight that was answered; N/A questions are not applicable. */
  coverage: number;
  /** The engagement model's weight for this dimension in the overall score. */
  modelWeight: number;
  answered: number;
  applicable: number;
  /** Applicable questions that carry a score (all but free text, uploads and choices without scores). */
  scorable: number;
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
  /**
   * Score: the model-weighted dimension scores, a dimension not examined counting 0; null when the answers carry no
   * score at all (a bank of unscored choice questions, judged by its red flags). Coverage: weighted, 0-1.
   */
  overall: { score: number | null; coverage: number };
  tier: RiskTier | null;
  verdict: Verdict;
  flags: ComputedFlag[];
  /** Question ids whose evaluators are 2+ levels apart. */
  disagreements: string[];
  evidence: { required: number; shown: number; coverage: number | null };
  /** `scored`: answered questions, with a score or without one. */
  counts: { total: number; scored: number; na: number; skipped: number; unanswered: number };
  panel: Panel;
}

export function flagKey(f: Pick<ComputedFlag, 'rule' | 'questionId'>): string {
  return `${f.rule}|${f.questionId}`;
}
