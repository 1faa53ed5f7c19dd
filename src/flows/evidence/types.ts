// What the evidence flow takes and gives: its dependencies, the outcomes of each step and the views it returns, and
// the ports the scheduler's evidence step delivers through. Plain data: rendering them is src/slack's job.
import type { Clock, EvidenceItem, EvidenceRequest, Interview } from '../../model.js';
import type { Store } from '../../store/store.js';
import type { RegisterState } from '../evidenceRules.js';
import type { InterviewFlow } from '../interview.js';
import type { Refusal } from '../permissions.js';
import type { Problem } from '../problems.js';
import type { AnswerOutcome, NoteOutcome, QuestionView, SummaryView } from '../views.js';
import type { ChannelLookup, InterviewAccess } from '../visibility.js';

export interface EvidenceDeps {
  store: Store;
  clock: Clock;
  /** Due dates are calendar days in this zone, and reminders go out in its working hours. */
  timeZone: string;
  /** Days from a request to its default due date (VET_EVIDENCE_DUE_DAYS). */
  dueDays: number;
  interviews: InterviewFlow;
  channels?: ChannelLookup;
  /** VET_MIN_EVALUATORS: raters a final verdict needs. */
  minEvaluators?: number;
}

/** A file as Slack describes it in a message event: only what identifies it, never its contents. */
export interface SharedFile {
  id: string;
  name: string | null;
  fileType: string | null;
  permalink: string | null;
}

/** A link shared in a reply: its address, and what it showed as, if anything other than the address. */
export interface SharedLink {
  url: string;
  label: string | null;
}

/** A thread reply as the flows take it, read from the message by the chat side (src/slack/markup.ts). */
export interface ThreadReply {
  /** The position of the question the reply names ("Q7: …"), null when it names none. */
  position: number | null;
  /** What the person wrote (after the question it names). */
  text: string;
  /** What is kept beside the evidence it shares, null when nothing. */
  comment: string | null;
  links: readonly SharedLink[];
}

/** Which question, as people point at it in the thread: its position ("Q7") and title. */
export interface QuestionRef {
  id: string;
  title: string;
  position: number | null;
}

/** The bot's answer under a message that carried files or links: each with its verdict, or the buttons to give one. */
export interface Receipt {
  interview: Interview;
  question: QuestionRef;
  sharedBy: string;
  /** The sharer was not an evaluator: kept, and an evaluator may accept it, but they cannot. */
  byEvaluator: boolean;
  items: EvidenceItem[];
  /** Whether that question's evidence was already shown and is not asked for again (accepting another adds nothing to the score). */
  alreadyShown: boolean;
}

export type ReplyOutcome =
  | { kind: 'ignored' }
  /** A reply in a finished interview that carries no evidence: not recorded (the note flow's answer). */
  | { kind: 'finished' }
  /** "Q12:" names a question not asked (yet). */
  | { kind: 'unknown-question'; position: number; asked: number }
  /** Evidence for a finished interview with several open requests: which question is it for? */
  | { kind: 'which-question'; open: QuestionRef[] }
  | {
      kind: 'handled';
      note: NoteOutcome | null;
      /** Present when new files or links were stored. */
      receipt: Receipt | null;
      /** The question message to refresh (it counts the files waiting for a verdict). */
      question: QuestionView | null;
    };

/** An evidence mark's outcome; "No evidence" on a question whose request is still open says who still chases it. */
export type MarkOutcome = AnswerOutcome & { stillChased?: { question: QuestionRef; request: EvidenceRequest } };

export type FieldErrors = Partial<Record<'asked' | 'due' | 'contact' | 'reason', Problem>>;

export type SaveOutcome =
  | { kind: 'saved'; created: boolean; question: QuestionView; revisedSummary: SummaryView | null }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'not-found'; problem: Problem };

export type ChangeOutcome =
  | { kind: 'done'; question: QuestionView; revisedSummary: SummaryView | null }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'refused'; refusal: Refusal }
  /** Someone else got there first (it was fulfilled or withdrawn meanwhile), or it is gone. */
  | { kind: 'not-found'; problem: Problem };

export type VerdictOutcome =
  | { kind: 'decided'; item: EvidenceItem; receipt: Receipt; question: QuestionView; revisedSummary: SummaryView | null }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'not-found'; problem: Problem };

/** What the request modal shows: the question, and the request's terms (its own, or the defaults). */
export interface RequestForm {
  interviewId: number;
  question: QuestionRef;
  /** An open request is being changed (else one is made, or a closed one asked again). */
  editing: boolean;
  asked: string;
  chaserId: string;
  dueOn: string;
  vendorContact: string | null;
}

export interface ExpiryView {
  /** The fact's label, e.g. "ISO 27001 certificate expiry date". */
  label: string;
  /** The recorded date. */
  date: string;
  /** The day it stops being current. */
  staleOn: string;
  /** An expiry date (a certificate), or a report that goes stale `maxAgeMonths` after its date. */
  kind: 'expiry' | 'age';
  stale: boolean;
}

export interface RegisterEntry {
  question: QuestionRef;
  request: EvidenceRequest | null;
  items: EvidenceItem[];
  /** What evaluators recorded as seen when they marked evidence shown (a description, or the file or link accepted). */
  seen: { by: string; text: string; at: Date }[];
  state: RegisterState | null;
  expiry: ExpiryView | null;
}

/** Per question: what was asked, its state, what was shared (by whom, judged by whom) and when it goes stale. */
export interface EvidenceRegister {
  interview: Interview;
  entries: RegisterEntry[];
  generatedAt: Date;
}

export type RegisterOutcome = { kind: 'found'; register: EvidenceRegister } | { kind: 'not-found'; problem: Problem };

/** An open request as its chaser sees it (Home tab, DM reminder, digest). */
export interface ChasedRequest {
  request: EvidenceRequest;
  interview: Interview;
  question: QuestionRef;
  state: RegisterState;
  /** Days past the due date (0 on the due date, negative before). */
  daysOverdue: number;
  /** Files or links waiting for a verdict. */
  toReview: number;
  /** The question's message in the thread, for a link. */
  messageTs: string | null;
}

/**
 * Who a request's chaser is at the moment a reminder is due, as the delivery finds out: a person of this workspace who
 * may see the vetting; one who may not (not, or no longer, a member of its private channel); no person of this
 * workspace (from another organisation, a bot); or unknown just now (Slack could not say).
 */
export type ChaserStanding = 'may-see' | 'may-not-see' | 'not-of-workspace' | 'unknown';

/**
 * Delivers what the scheduler's evidence step produced: a DM to a chaser, a summary whose flags changed, the answer
 * under shared evidence. A failed delivery rejects with DeliveryFailed (any other error counts as passing).
 */
export interface EvidenceDelivery {
  /** Checked again at send time: people leave channels and workspaces after they were picked to chase. */
  standing(chaserId: string, interview: InterviewAccess): Promise<ChaserStanding>;
  remind(r: ChasedRequest): Promise<void>;
  /** A reminder that names nothing of the vetting (no vendor, no question), for a chaser who may not see it now. */
  remindWithoutNaming(r: ChasedRequest): Promise<void>;
  summary(s: SummaryView): Promise<void>;
  /** Posts the answer under a shared file or link that was never posted; resolves to its ts. */
  receipt(r: Receipt): Promise<string>;
}

export interface EvidenceTickResult {
  reminded: number[];
  /** Reminders sent without naming the vetting: the chaser may not see it (no longer in its private channel). */
  remindedWithoutNaming: number[];
  /** Reminders not sent: the chaser is no person of this workspace, or Slack could not say who they are (retried). */
  skipped: { requestId: number; chaser: string; standing: 'not-of-workspace' | 'unknown' }[];
  failed: { requestId: number; error: string }[];
  /** Interviews whose summary now carries (or no longer carries) an evidence-overdue flag. */
  settled: number[];
  /** Thread messages (their ts) whose answer, with its Accept / Not sufficient buttons, was posted late. */
  receipts: string[];
  receiptsFailed: { sourceTs: string; error: string }[];
}
