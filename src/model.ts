// Interview-level domain types shared by store, flows and slack. Question-level ones live in questions/model.ts.
import type { EngagementModel, EvidenceState, FactValue, InterviewVariant, Question, Severity } from './questions/model.js';
import type { AnswerStatus } from './scoring/types.js';

export interface Vendor {
  id: number;
  name: string;
}

export type InterviewStatus = 'in_progress' | 'completed' | 'abandoned';

export interface Interview {
  id: number;
  vendor: Vendor;
  channelId: string;
  threadTs: string | null;
  model: EngagementModel | null;
  variant: InterviewVariant;
  bankId: string;
  bankVersion: string;
  /** Snapshot of the questions as they were when the interview started. */
  questions: Question[];
  status: InterviewStatus;
  startedBy: string;
  startedAt: Date;
  completedAt: Date | null;
  completedBy: string | null;
  /** Slack message ts of the posted summary, updated in place when the result changes. */
  summaryTs: string | null;
}

export interface AskedQuestion {
  questionId: string;
  position: number;
  askedAt: Date;
  messageTs: string | null;
}

export interface Answer {
  questionId: string;
  evaluatorId: string;
  status: AnswerStatus;
  level: number | null;
  evidence: EvidenceState | null;
  fact: FactValue | null;
  updatedAt: Date;
}

export interface Note {
  id: number;
  questionId: string;
  authorId: string;
  /**
   * Written by an evaluator of the interview, as they were when they wrote it: only such notes judge anything.
   * Others' are kept so nothing said is lost.
   */
  counts: boolean;
  text: string;
  link: string | null;
  createdAt: Date;
}

export type FlagStatus = 'open' | 'resolved' | 'accepted';

export interface RedFlag {
  id: number;
  interviewId: number;
  rule: string;
  /** '' for interview-wide flags. */
  questionId: string;
  severity: Severity;
  message: string;
  status: FlagStatus;
  statusBy: string | null;
  statusAt: Date | null;
  statusReason: string | null;
  statusLink: string | null;
  ownerId: string | null;
  acceptExpiresAt: Date | null;
  createdAt: Date;
}

/** A flag with what it takes to show and act on it: its vendor, where its interview ran, who started it. */
export interface FlagWithContext extends RedFlag {
  vendor: Vendor;
  channelId: string;
  threadTs: string | null;
  summaryTs: string | null;
  interviewStatus: InterviewStatus;
  startedBy: string;
}

/** Reason recorded when an accepted flag reopens because its acceptance ran out. */
export const ACCEPTANCE_EXPIRED = 'Acceptance expired';

/** The clock every time-dependent part receives, so tests can set "now". */
export type Clock = () => Date;

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A weekly digest slot: a weekday and wall-clock time in a time zone. */
export interface Slot {
  weekday: Weekday;
  /** `HH:MM` (24 h). */
  time: string;
  timeZone: string;
}
