// Plain view models the flows return. The Slack layer (or any other transport) renders them.
import type { Answer, EvidenceItem, EvidenceRequest, Interview, Note, RedFlag } from '../model.js';
import type { EvidenceState, FactValue, Question } from '../questions/model.js';
import type { RevetComparison } from '../scoring/revet.js';
import type { QuestionResult, Scorecard } from '../scoring/types.js';
import type { RegisterState } from './evidenceRules.js';
import type { Refusal } from './permissions.js';
import type { Problem } from './problems.js';

export interface QuestionView {
  interview: Interview;
  question: Question;
  /** 1-based order in which it was asked. */
  position: number;
  /** Questions in play now (main questions plus the follow-ups their answers triggered). */
  total: number;
  answers: Answer[];
  /** The evaluators' notes (what others wrote in the thread is kept, but counts for nothing). */
  notes: Note[];
  result: QuestionResult;
  messageTs: string | null;
  evidence: QuestionEvidence;
  /** The vendor's Slack Connect channel, when the vendor answers there in writing (evaluators may ask it back). */
  vendorChannelId: string | null;
  /**
   * The interview's revision this view was read at, when everything in it is known to be that new (null: not known).
   * A message that shows it is current while the interview's revision is still this one.
   */
  revision: number | null;
}

/** A question's evidence as its message shows it. */
export interface QuestionEvidence {
  request: EvidenceRequest | null;
  /** Files and links shared for it, whoever shared them. */
  items: EvidenceItem[];
  /** Null when nothing was requested or shared. */
  state: RegisterState | null;
}

export interface SummaryView {
  interview: Interview;
  scorecard: Scorecard;
  /** Stored flags with their status, worst severity first. */
  flags: RedFlag[];
  /** The lead first, then the named evaluators. */
  evaluators: string[];
  /** For a re-vet: the vendor's previous completed interview and what changed since. */
  revet: { previous: Interview; comparison: RevetComparison } | null;
  /** Ratings and notes recorded after the interview was completed, oldest first (from the audit log). */
  revisions: Revision[];
  /** Accepted risks expire on a calendar day of this zone (VET_DIGEST_TZ). */
  timeZone: string;
}

export interface Revision {
  by: string;
  at: Date;
  questionId: string;
}

/** Who evaluates an interview, with what its parent message shows. */
export interface EvaluatorsView {
  interview: Interview;
  /** The lead first, then the named evaluators. */
  evaluators: string[];
  /** Questions in play. */
  total: number;
  /** The result of a completed interview, shown on its parent message; null while it runs. */
  completed: Scorecard | null;
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
  /** A claim that the question does not apply: the bank's condition holds, and why. */
  | { kind: 'na'; reason: string }
  | { kind: 'skip' }
  /** `seen`: what was seen, with "shown" (a description, or the file or link accepted). */
  | { kind: 'evidence'; state: EvidenceState; seen?: string }
  | { kind: 'fact'; value: FactValue }
  /**
   * The choices made on a choice or yes/no question (all of them, for a question of several choices). `final`: the
   * answer is complete and the interview moves on (a button or a select); ticking boxes is not, until "Done".
   */
  | { kind: 'choose'; choices: string[]; final: boolean }
  | { kind: 'text'; value: string };

export type StartOutcome =
  | { kind: 'started'; interview: Interview; first: QuestionView; evaluators: EvaluatorsView }
  | { kind: 'already-running'; interview: Interview }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'invalid'; problem: Problem };

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
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'invalid'; problem: Problem }
  | { kind: 'not-found'; problem: Problem };

/** Why a thread reply was not kept as a note: its interview is gone, or finished (a record now). */
export type NoteIgnored = 'no-interview' | 'finished';

export type NoteOutcome =
  | { kind: 'stored'; question: QuestionView; revisedSummary: SummaryView | null }
  /** Stored (nothing is lost), but written by someone who is not an evaluator: it counts for nothing. */
  | { kind: 'kept' }
  | { kind: 'duplicate' }
  | { kind: 'ignored'; why: NoteIgnored }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'invalid'; problem: Problem };

export type FinishOutcome = { kind: 'finished'; summary: SummaryView } | { kind: 'already-finished' } | { kind: 'refused'; refusal: Refusal } | { kind: 'not-found'; problem: Problem };

export type VagueOverrideOutcome =
  | { kind: 'stored'; question: QuestionView; revisedSummary: SummaryView | null }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'invalid'; problem: Problem }
  | { kind: 'not-found'; problem: Problem };

/** Opening a modal or picker for an interview: allowed (with what it shows), refused, or gone. */
export type Opening<T> = { kind: 'ok'; view: T } | { kind: 'refused'; refusal: Refusal } | { kind: 'not-found'; problem: Problem };

export type EvaluatorsOutcome =
  | {
      kind: 'changed';
      view: EvaluatorsView;
      /** Who made the change. */
      by: string;
      added: string[];
      removed: string[];
      /** Named to be added, but evaluators already. */
      alreadyIn: string[];
      /** Named to be removed, but not evaluators. */
      notIn: string[];
    }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'invalid'; problem: Problem }
  | { kind: 'not-found'; problem: Problem };
