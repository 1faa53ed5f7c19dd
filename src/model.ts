// Interview-level domain types shared by store, flows and slack. Question-level ones live in questions/model.ts.
import type { ChecklistAnswers } from './advisor/checklist.js';
import type { Recommendation } from './advisor/recommend.js';
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
  /** The engagement-model decision (`/vet advise`) its model came from, if any. */
  decisionId: number | null;
}

/** Where an engagement-model decision was shown: in its channel, or only to the person who asked. */
export type DecisionVisibility = 'channel' | 'asker';

/** One `/vet advise` checklist, answered: who, when, where, the answers and the recommendation they got. */
export interface EngagementDecision {
  id: number;
  channelId: string;
  askedBy: string;
  askedAt: Date;
  visibility: DecisionVisibility;
  answers: ChecklistAnswers;
  recommendation: Recommendation;
  messageTs: string | null;
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
  /** Choice and yes/no questions: the ids of the choices made. */
  choices: string[] | null;
  /** Text questions: the answer given. */
  text: string | null;
  updatedAt: Date;
  /** With an N/A: why the question does not apply (null: none given, as before N/A needed one). */
  naReason: string | null;
  /** The second person who confirmed the N/A, and when. */
  naConfirmedBy: string | null;
  naConfirmedAt: Date | null;
  /** With evidence shown: what this evaluator saw (a description, or the file or link they accepted). */
  evidenceSeen: string | null;
  /** This evaluator rated or answered the question at some point, whatever the answer is now. */
  answeredBefore: boolean;
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
  /** Accepted: the control that keeps the risk in check meanwhile. */
  compensatingControl: string | null;
  /** Resolved: what was seen (a description; a link is `statusLink`). */
  statusSeen: string | null;
  /** A high or critical flag's resolution, proposed by one person and waiting for a second to confirm it. */
  proposal: ResolutionProposal | null;
  createdAt: Date;
}

export interface ResolutionProposal {
  by: string;
  at: Date;
  reason: string;
  link: string | null;
  seen: string | null;
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

/** A request for evidence on one question: open until an accepted file or link (or a "shown" mark) fulfils it, or it is withdrawn with a reason. */
export const EVIDENCE_REQUEST_STATUSES = ['open', 'fulfilled', 'withdrawn'] as const;
export type EvidenceRequestStatus = (typeof EVIDENCE_REQUEST_STATUSES)[number];

export interface EvidenceRequest {
  id: number;
  interviewId: number;
  questionId: string;
  /** What is asked for, one item a line (the question's "ask to see" items unless edited). */
  asked: string;
  /** Who on our side chases it. */
  chaserId: string;
  /** Who at the vendor is expected to deliver it, as typed; null when nobody was named. */
  vendorContact: string | null;
  /** The due date, a calendar day (YYYY-MM-DD) in the team's time zone. */
  dueOn: string;
  /** The instant the request becomes overdue: the start of the day after `dueOn` in the team's time zone. */
  dueAt: Date;
  status: EvidenceRequestStatus;
  requestedBy: string;
  requestedAt: Date;
  /** Who fulfilled or withdrew it, when, and why (the withdrawal reason, or what fulfilled it). */
  closedBy: string | null;
  closedAt: Date | null;
  closeReason: string | null;
  /** The accepted file or link that fulfilled it, if one did. */
  fulfilledBy: number | null;
}

export type EvidenceItemKind = 'file' | 'link';
export const EVIDENCE_VERDICTS = ['accepted', 'not_sufficient'] as const;
export type EvidenceVerdict = (typeof EVIDENCE_VERDICTS)[number];

/** A file or link shared in an interview's thread for a question: kept as Slack described it, never downloaded. */
export interface EvidenceItem {
  id: number;
  interviewId: number;
  questionId: string;
  kind: EvidenceItemKind;
  /** Slack's file id (files only). */
  fileId: string | null;
  /** The file's name, or the link's label; null when Slack did not say. */
  name: string | null;
  /** Slack's file type (pdf, png...), files only. */
  fileType: string | null;
  /** Where the file or link is: Slack's permalink of the file, or the shared URL. */
  url: string | null;
  sharedBy: string;
  /** Shared by an evaluator of the interview (decided then); others' files are kept, and an evaluator may accept them. */
  byEvaluator: boolean;
  sharedAt: Date;
  /** The thread message that carried it, and the bot's answer under it (with the Accept / Not sufficient buttons). */
  sourceTs: string;
  replyTs: string | null;
  /** What the message said besides the file or link. */
  comment: string | null;
  verdict: EvidenceVerdict | null;
  verdictBy: string | null;
  verdictAt: Date | null;
  verdictReason: string | null;
}

/** A vetting's vendor channel: shared with the vendor's organisation (Slack Connect), where the vendor answers. */
export interface VendorChannel {
  interviewId: number;
  channelId: string;
  /** The bot's parent message there, in whose thread the questions are put; null until it is posted. */
  threadTs: string | null;
  attachedBy: string;
  attachedAt: Date;
}

export const VENDOR_QUESTION_STATUSES = ['open', 'answered', 'set_aside'] as const;
/** `set_aside`: the vendor pressed "We'll come back to this"; the question stays unanswered, the next one comes. */
export type VendorQuestionStatus = (typeof VENDOR_QUESTION_STATUSES)[number];

export interface VendorQuestion {
  questionId: string;
  /** Its number in the vendor's thread ("Q3:" there), not our thread's. */
  position: number;
  messageTs: string | null;
  status: VendorQuestionStatus;
  askedAt: Date;
}

/** One message of the vendor's, in writing, with who wrote it, their organisation and when. */
export interface VendorAnswer {
  id: number;
  interviewId: number;
  questionId: string;
  sourceTs: string;
  userId: string;
  teamId: string | null;
  text: string;
  createdAt: Date;
}
