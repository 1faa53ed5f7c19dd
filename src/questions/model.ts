// The domain vocabulary of a vetting interview. Everything else (bank, scoring, store, Slack) is typed by it.
import type { Condition } from './condition.js';

export const DIMENSIONS = ['technical', 'process', 'security', 'governance', 'scalability'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<Dimension, string> = {
  technical: 'Technical craftsmanship',
  process: 'Process maturity',
  security: 'Security & compliance',
  governance: 'Governance & accountability',
  scalability: 'Scalability & elasticity',
};

export const ENGAGEMENT_MODELS = ['freelancer', 'staff-augmentation', 'agency', 'managed-services'] as const;
export type EngagementModel = (typeof ENGAGEMENT_MODELS)[number];

export const MODEL_LABELS: Record<EngagementModel, string> = {
  freelancer: 'Freelancers',
  'staff-augmentation': 'Staff augmentation',
  agency: 'Agency',
  'managed-services': 'Managed services',
};

export const FAILURE_PATTERNS = ['technical-interview-trap', 'compliance-checkbox', 'bait-and-switch', 'process-theater', 'ip-leakage', 'freelancer-farm', 'managed-service-black-box'] as const;
export type FailurePattern = (typeof FAILURE_PATTERNS)[number];

export const FAILURE_PATTERN_LABELS: Record<FailurePattern, string> = {
  'technical-interview-trap': 'Technical-interview trap',
  'compliance-checkbox': 'Compliance-checkbox illusion',
  'bait-and-switch': 'Bait and switch',
  'process-theater': 'Process theater',
  'ip-leakage': 'IP leakage by negligence',
  'freelancer-farm': 'Freelancer farm',
  'managed-service-black-box': 'Managed-service black box',
};

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The control frameworks a question's references may name; the lists of their ids are in controls/. */
export const FRAMEWORKS = ['iso27001', 'soc2', 'ssdf', 'ccm'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** The controls an answer to a question evidences, per framework, e.g. { iso27001: ['A.8.28'], soc2: ['CC8.1'] }. */
export type References = Partial<Record<Framework, string[]>>;

/** One step of a question's rubric; `level` is its index, 0 = absent/refused, last = evidenced. */
export interface RubricLevel {
  label: string;
  /** 0-100: what an answer at this level contributes to the dimension score. */
  score: number;
  description?: string;
}

export const EVIDENCE_STATES = ['shown', 'promised', 'none'] as const;

/** What an independent report is read for, beyond its date: a SOC 2 Type II report, a penetration test. */
export const REPORT_READINGS = ['opinion', 'exceptions', 'carveOuts', 'cuecs', 'openFindings'] as const;
export type ReportReading = (typeof REPORT_READINGS)[number];

export const REPORT_READING_LABELS: Record<ReportReading, string> = {
  opinion: "auditor's opinion",
  exceptions: 'number of exceptions',
  carveOuts: 'carved-out subservice organisations',
  cuecs: 'complementary user-entity controls (CUECs)',
  openFindings: 'open critical and high findings',
};

export const AUDIT_OPINIONS = ['unqualified', 'qualified', 'adverse'] as const;
export type AuditOpinion = (typeof AUDIT_OPINIONS)[number];

/**
 * What was read in a report, beside its date. Only what the question's `reads` asks for is recorded; a field left
 * out was not read.
 */
export interface ReportQuality {
  opinion?: AuditOpinion;
  exceptions?: number;
  carveOuts?: string[];
  cuecs?: string[];
  openCritical?: number;
  openHigh?: number;
}
export type EvidenceState = (typeof EVIDENCE_STATES)[number];

/**
 * A fact question records a typed value instead of a rubric rating. Its level is derived from the value:
 * out of bounds or "none" = level 0; within bounds = one below the top; within bounds with evidence shown = top.
 * A date is out of bounds when older than `maxAgeMonths`, or, for an expiry date (`isExpiry`), once it has passed.
 * A date with `reads` is a report's date: the report is also read for its quality (opinion, exceptions, findings),
 * and counts at most one level below the top until all of it was recorded.
 */
export type FactSpec =
  | { type: 'date'; label: string; maxAgeMonths?: number; isExpiry?: boolean; noneLabel?: string; reads?: ReportReading[] }
  | { type: 'boolean'; label: string; expected?: boolean; noneLabel?: string }
  | { type: 'number'; label: string; unit: string; min?: number; max?: number; noneLabel?: string }
  | { type: 'list'; label: string; minItems?: number; noneLabel?: string };
export type FactType = FactSpec['type'];

/** A recorded fact value; `none` means the vendor has no such thing (no report, no SLA, no named team). */
export type FactValue =
  | { type: 'date'; value: string; report?: ReportQuality }
  | { type: 'boolean'; value: boolean }
  | { type: 'number'; value: number }
  | { type: 'list'; value: string[] }
  | { type: 'none' };

/** When a question-level red flag fires: on the question's own rating or fact, or a condition over the answers. */
export type FlagCondition =
  | { ratingAtOrBelow: number }
  | { factOutOfBounds: true }
  | { factNone: true }
  /** Report quality: the auditor's opinion is one of these. */
  | { opinionIn: AuditOpinion[] }
  /** Report quality: more exceptions than this. */
  | { exceptionsAbove: number }
  /** Report quality: more open critical (or high) findings than this. */
  | { openCriticalAbove: number }
  | { openHighAbove: number }
  | { condition: Condition };

/** How a question is answered when it is not rated on its rubric (nor records a fact). */
export const ANSWER_TYPES = ['one', 'many', 'yesno', 'text', 'upload'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

/** One choice of a choice question; a score (0-100) makes the question count in the scores. */
export interface Choice {
  id: string;
  label: string;
  score?: number;
}

/**
 * one: a single choice; many: any number of choices; yesno: the choices `yes` and `no`; text: a free-text answer;
 * upload: the answer is the evidence itself (shown, promised or none), with the file or link shared in the thread.
 */
export type AnswerSpec = { type: 'one' | 'many' | 'yesno'; choices: Choice[] } | { type: 'text' } | { type: 'upload' };

/** A group of questions (a VSAQ block), with the dimension its questions count in unless they say otherwise. */
export interface Section {
  id: string;
  title: string;
  dimension: Dimension;
}

/** Where a bank came from, for a bank converted from someone else's questionnaire. */
export interface BankSource {
  name: string;
  url?: string;
  licence: string;
  file?: string;
}

export interface RedFlagRule {
  /** Stable rule id (slug), e.g. `breach-notification-slow`. One flag per interview x rule x question. */
  rule: string;
  severity: Severity;
  when: FlagCondition;
  /** A short name for the flag (a VSAQ warning's name), shown before the message. */
  title?: string;
  /** The human sentence shown with the flag. */
  message: string;
}

/** A follow-up is asked right after its parent, and only when the condition holds on the parent's answers. */
export interface FollowUp {
  ask: string;
  when: FlagCondition;
}

export interface Question {
  id: string;
  dimension: Dimension;
  title: string;
  /** The question as asked: a scenario, never a yes/no checkbox unless it is a fact. */
  prompt: string;
  /** What a mature answer includes (2+ points). */
  matureAnswer: string[];
  /** What evidence to ask to see. */
  evidence: string[];
  rubric: RubricLevel[];
  weight: number;
  evidenceRequired: boolean;
  /** Engagement models the question applies to. */
  models: EngagementModel[];
  patterns: FailurePattern[];
  redFlags: RedFlagRule[];
  followUps: FollowUp[];
  fact?: FactSpec;
  /**
   * Fact questions that can stand in for this one: when this one's answer is "none" and one of them holds a value
   * within its bounds, this question counts as not applicable (e.g. a current ISO 27001 certificate instead of a
   * SOC 2 Type II report).
   */
  satisfiedBy?: string[];
  /** Part of the quick-screen selection. */
  lite: boolean;
  /**
   * A must-pass question: when one of its own red-flag rules fires, or it is left unexamined, the tier is at least
   * high (critical where the rule is critical) whatever the average (docs/scoring.md, "Knock-outs"). Optional
   * because interviews keep the question snapshot they started with, from before the field existed.
   */
  knockOut?: boolean;
  /** Absent: rated on the rubric (or a fact). */
  answer?: AnswerSpec;
  /** Asked only when this holds over the answers to earlier questions. */
  askWhen?: Condition;
  /** The section (id) it belongs to. */
  section?: string;
  /** Background shown with the question (a questionnaire's tips and notes). */
  guidance?: string[];
  /** Absent in a bank that names no controls, and in interviews recorded before questions carried references. */
  references?: References;
  /**
   * Where the question may not apply, and so may be marked N/A: the condition a claimant asserts, and the engagement
   * models it can hold in. Without it (or under another model) an N/A is not accepted and counts as not examined.
   */
  naAllowed?: NaAllowance;
}

/** The bank's word on when a question may be marked N/A. */
export interface NaAllowance {
  /** What must be true of the vendor, e.g. "the vendor claims no CMMI rating". */
  condition: string;
  /** The engagement models under which it can hold; all the question's models when omitted. */
  models?: EngagementModel[];
}

/** Whether the bank lets this question be marked N/A in an interview of this engagement model. */
export function naAllowedFor(q: Pick<Question, 'naAllowed'>, model: EngagementModel | null): boolean {
  const allowance = q.naAllowed;
  if (!allowance) return false;
  // Under no model (general), a model-bound condition cannot be known to hold.
  return allowance.models === undefined || (model !== null && allowance.models.includes(model));
}

export interface QuestionBank {
  id: string;
  version: string;
  questions: Question[];
  sections?: Section[];
  source?: BankSource;
}

/** A choice question whose bank gives at least one of its choices a score; other answer types never score. */
export function scoresChoices(q: Pick<Question, 'answer'>): boolean {
  return q.answer !== undefined && 'choices' in q.answer && q.answer.choices.some((c) => c.score !== undefined);
}

/** Rated on the rubric, or a fact, or a choice question with scores: it counts in the scores. */
export function carriesScore(q: Pick<Question, 'answer'>): boolean {
  return q.answer === undefined || scoresChoices(q);
}

export const YES_NO_CHOICES: readonly Choice[] = [
  { id: 'yes', label: 'Yes' },
  { id: 'no', label: 'No' },
];

export type InterviewVariant = 'standard' | 'lite';

/** The four-level rubric most scenario questions use. */
export const STANDARD_RUBRIC: RubricLevel[] = [
  { label: 'Absent / refused', score: 0, description: 'No practice, or the vendor would not answer or show anything.' },
  { label: 'Claimed, vague', score: 30, description: 'Asserted in general terms: no names, numbers, tools or dates.' },
  { label: 'Specific', score: 70, description: 'Concrete walk-through with names, tools and time frames, not yet shown.' },
  { label: 'Evidenced', score: 100, description: 'Specific, and backed by an artefact shown during the call.' },
];

export function topLevel(q: Pick<Question, 'rubric'>): number {
  return q.rubric.length - 1;
}
