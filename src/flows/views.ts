// Plain view models the flows return. The Slack layer (or any other transport) renders them.
import type { Answer, Interview, Note, RedFlag } from '../model.js';
import type { EvidenceState, FactValue, Question } from '../questions/model.js';
import type { RevetComparison } from '../scoring/revet.js';
import type { QuestionResult, Scorecard } from '../scoring/types.js';

export interface QuestionView {
  interview: Interview;
  question: Question;
  /** 1-based order in which it was asked. */
  position: number;
  /** Questions in play now (main questions plus the follow-ups their answers triggered). */
  total: number;
  answers: Answer[];
  notes: Note[];
  result: QuestionResult;
  messageTs: string | null;
}

export interface SummaryView {
  interview: Interview;
  scorecard: Scorecard;
  /** Stored flags with their status, worst severity first. */
  flags: RedFlag[];
  evaluators: string[];
  /** For a re-vet: the vendor's previous completed interview and what changed since. */
  revet: { previous: Interview; comparison: RevetComparison } | null;
}

export interface StatusView {
  interview: Interview;
  asked: number;
  answered: number;
  total: number;
  current: QuestionView | null;
  evaluators: string[];
  scorecard: Scorecard;
}

export type AnswerAction =
  | { kind: 'rate'; level: number }
  | { kind: 'na' }
  | { kind: 'skip' }
  | { kind: 'evidence'; state: EvidenceState }
  | { kind: 'fact'; value: FactValue };

export type StartOutcome =
  | { kind: 'started'; interview: Interview; first: QuestionView }
  | { kind: 'already-running'; interview: Interview }
  | { kind: 'invalid'; message: string };

export type AnswerOutcome =
  | {
      kind: 'recorded';
      /** False when the same answer was already recorded (a redelivery or a double click). */
      changed: boolean;
      question: QuestionView;
      /** The question asked next, when this answer moved the interview on. */
      next: QuestionView | null;
      /** Present when this answer completed the interview. */
      summary: SummaryView | null;
      /** Present when this answer changed the result of an interview already completed. */
      revisedSummary: SummaryView | null;
    }
  | { kind: 'invalid'; message: string }
  | { kind: 'not-found'; message: string };

export type NoteOutcome =
  | { kind: 'stored'; question: QuestionView; revisedSummary: SummaryView | null }
  | { kind: 'duplicate' }
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; message: string };

export type FinishOutcome =
  | { kind: 'finished'; summary: SummaryView }
  | { kind: 'already-finished' }
  | { kind: 'not-found'; message: string };
