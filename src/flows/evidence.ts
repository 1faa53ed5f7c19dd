// Evidence that is chased until it is seen: a promise becomes a request (what, who chases, by when), files and links
// shared in the thread attach to their question, an evaluator accepts one (the answer's evidence turns "shown", the
// request is fulfilled, score and flags follow) or finds it not sufficient, and open requests are chased by DM and in
// the digest. Returns view models; knows nothing of Slack.
import { failureCode } from '../errors.js';
import { unescapeSlack } from '../messageText.js';
import type { Clock, EvidenceItem, EvidenceRequest, EvidenceVerdict, Interview } from '../model.js';
import { factStaleOn } from '../scoring/facts.js';
import { inTransaction, type Db } from '../store/db.js';
import {
  claimReceipt,
  claimReminder,
  closeRequest,
  decideItem,
  getItem,
  getRequest,
  insertItems,
  listItemsOfMessage,
  listOpenRequests,
  listOpenRequestsDueBy,
  listRemindersNotOwed,
  listUnpostedReceipts,
  markReminderFailed,
  markReminderSent,
  openRequest,
  holdReceipt,
  setReplyTs,
  updateRequest,
  type NewItem,
  type RequestTerms,
} from '../store/evidence.js';
import { listFlags, SYSTEM_ACTOR } from '../store/flags.js';
import { calendarDay } from '../time.js';
import type { Actor } from './actor.js';
import {
  commentOf,
  daysBetween,
  defaultDueOn,
  EVIDENCE_OVERDUE_DAYS,
  extractLinks,
  isCalendarDay,
  MAX_ASKED_LENGTH,
  MAX_CONTACT_LENGTH,
  MAX_DUE_DAYS,
  MAX_REASON_LENGTH,
  overdueFrom,
  parseTarget,
  registerState,
  reminderSlot,
  reminderTime,
  type RegisterState,
} from './evidenceRules.js';
import type { InterviewFlow } from './interview.js';
import { countsAsEvaluator, mayManageEvidence, type Refusal } from './permissions.js';
import { recordAnswer } from './record.js';
import { findVisibleVendor, visibleInterviews } from './seen.js';
import { questionView, readSnapshot, readSnapshotById, rolesOf, scoreSnapshot, type Scored, type Snapshot } from './state.js';
import { createSummaries } from './summary.js';
import type { AnswerOutcome, NoteOutcome, Opening, QuestionView, SummaryView } from './views.js';
import type { ChannelLookup, Visibility } from './visibility.js';

export interface EvidenceDeps {
  db: Db;
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

export type FieldErrors = Partial<Record<'asked' | 'due' | 'contact' | 'reason', string>>;

export type SaveOutcome =
  | { kind: 'saved'; created: boolean; question: QuestionView; revisedSummary: SummaryView | null }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'not-found'; message: string };

export type ChangeOutcome =
  | { kind: 'done'; question: QuestionView; revisedSummary: SummaryView | null }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'refused'; refusal: Refusal }
  /** Someone else got there first (it was fulfilled or withdrawn meanwhile), or it is gone. */
  | { kind: 'not-found'; message: string };

export type VerdictOutcome =
  | { kind: 'decided'; item: EvidenceItem; receipt: Receipt; question: QuestionView; revisedSummary: SummaryView | null }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'not-found'; message: string };

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

export type RegisterOutcome = { kind: 'found'; register: EvidenceRegister } | { kind: 'not-found'; message: string };

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

/** Delivers what the scheduler's evidence step produced: a DM to a chaser, a summary whose flags changed. */
export interface EvidenceDelivery {
  remind(r: ChasedRequest): Promise<void>;
  summary(s: SummaryView): Promise<void>;
  /** Posts the answer under a shared file or link that was never posted; resolves to its ts. */
  receipt(r: Receipt): Promise<string>;
}

export interface EvidenceTickResult {
  reminded: number[];
  failed: { requestId: number; error: string }[];
  /** Interviews whose summary now carries (or no longer carries) an evidence-overdue flag. */
  settled: number[];
  /** Thread messages (their ts) whose answer, with its Accept / Not sufficient buttons, was posted late. */
  receipts: string[];
  receiptsFailed: { sourceTs: string; error: string }[];
}

const GONE = 'This interview no longer exists.';
const NOT_ASKED = 'That question is not part of this interview.';
/** How long a claimed reminder is reserved for its sender before another instance may take it over. */
const LEASE_MS = 5 * 60_000;
const RETRY_MINUTES = [5, 15, 60];
/** Slack will never deliver these: the chaser is gone or is no person; retrying would only repeat the failure. */
const PERMANENT = new Set(['user_not_found', 'user_disabled', 'channel_not_found', 'cannot_dm_bot', 'account_inactive', 'is_archived']);
/** Nor these, for an answer in the interview's thread: the channel is gone, archived, or vet was removed from it. */
const PERMANENT_IN_THREAD = new Set(['channel_not_found', 'is_archived', 'not_in_channel', 'thread_not_found']);
const DAY_MS = 86_400_000;
/**
 * How long whoever stored a shared file holds the answer under it while posting it: longer than the app's Web API
 * client goes on retrying (about 30 minutes), so the scheduler never posts it a second time meanwhile. A poster that
 * fails lets it go at once.
 */
const RECEIPT_LEASE_MS = 35 * 60_000;
/** An answer Slack refused is posted again by the scheduler for this long after the file was shared. */
const RECEIPT_RETRY_MS = 2 * DAY_MS;

function refOf(s: Snapshot, questionId: string): QuestionRef {
  const q = s.interview.questions.find((x) => x.id === questionId);
  return { id: questionId, title: q?.title ?? questionId, position: s.asked.find((a) => a.questionId === questionId)?.position ?? null };
}

function requestError(reason: string, empty: string): string | null {
  if (reason.trim() === '') return empty;
  if (reason.length > MAX_REASON_LENGTH) return `Keep it to ${MAX_REASON_LENGTH} characters.`;
  return null;
}

/** The register of one interview, from what is known of it now. Pure. */
export function buildRegister(s: Scored): EvidenceRegister {
  const results = new Map(s.scorecard.questions.map((r) => [r.questionId, r]));
  const entries: RegisterEntry[] = [];
  for (const asked of s.asked) {
    const q = s.interview.questions.find((x) => x.id === asked.questionId);
    if (!q) continue;
    const request = s.requests.find((r) => r.questionId === q.id) ?? null;
    const items = s.items.filter((i) => i.questionId === q.id);
    const fact = results.get(q.id)?.fact ?? null;
    let expiry: ExpiryView | null = null;
    if (q.fact?.type === 'date' && fact?.type === 'date') {
      const staleOn = factStaleOn(q.fact, fact);
      if (staleOn) expiry = { label: q.fact.label, date: fact.value, staleOn: staleOn.toISOString().slice(0, 10), kind: q.fact.isExpiry ? 'expiry' : 'age', stale: staleOn <= s.evidenceNow };
    }
    const seen = s.answers.flatMap((a) => (a.questionId === q.id && a.evidence === 'shown' && a.evidenceSeen ? [{ by: a.evaluatorId, text: a.evidenceSeen, at: a.updatedAt }] : []));
    if (!request && items.length === 0 && !expiry && seen.length === 0) continue;
    entries.push({ question: { id: q.id, title: q.title, position: asked.position }, request, items, seen, state: registerState(request, items, s.evidenceNow), expiry });
  }
  return { interview: s.interview, entries, generatedAt: s.evidenceNow };
}

export function createEvidenceFlow({ db, clock, timeZone, dueDays, interviews, channels, minEvaluators }: EvidenceDeps) {
  const summaries = createSummaries({ db, clock, timeZone, ...(channels && { channels }), ...(minEvaluators !== undefined && { minEvaluators }) });

  async function live(interviewId: number): Promise<Snapshot | null> {
    const s = await readSnapshotById(db, interviewId);
    return s && s.interview.status !== 'abandoned' ? s : null;
  }

  /** The question as it stands now, and the summary of a completed interview brought in line (flags follow). */
  async function after(interviewId: number, questionId: string): Promise<{ question: QuestionView; revisedSummary: SummaryView | null }> {
    const s = (await readSnapshotById(db, interviewId))!;
    const scored = scoreSnapshot(s, clock);
    const revisedSummary = s.interview.status === 'completed' ? await summaries.settle(s) : null;
    return { question: questionView(scored, questionId), revisedSummary };
  }

  /** The terms a new request starts with: the question's "ask to see" items, chased by whoever asked, due in dueDays. */
  function defaults(s: Snapshot, questionId: string, by: string): Omit<RequestTerms, 'by'> {
    const q = s.interview.questions.find((x) => x.id === questionId)!;
    const dueOn = defaultDueOn(clock(), timeZone, dueDays);
    return {
      interviewId: s.interview.id,
      questionId,
      asked: q.evidence.length > 0 ? q.evidence.join('\n') : `Evidence for: ${q.title}`,
      chaserId: by,
      vendorContact: null,
      dueOn,
      dueAt: overdueFrom(dueOn, timeZone),
    };
  }

  function receiptOf(s: Snapshot, questionId: string, items: EvidenceItem[]): Receipt {
    const first = items[0]!;
    // Asked again (a renewed report), what was shown before does not make this one redundant.
    const open = s.requests.some((r) => r.questionId === questionId && r.status === 'open');
    const alreadyShown = !open && s.answers.some((a) => a.questionId === questionId && a.evidence === 'shown');
    return { interview: s.interview, question: refOf(s, questionId), sharedBy: first.sharedBy, byEvaluator: first.byEvaluator, items, alreadyShown };
  }

  function chased(s: Snapshot, request: EvidenceRequest, now: Date): ChasedRequest {
    const items = s.items.filter((i) => i.questionId === request.questionId);
    return {
      request,
      interview: s.interview,
      question: refOf(s, request.questionId),
      state: registerState(request, items, now) ?? 'requested',
      daysOverdue: daysBetween(request.dueOn, calendarDay(now, timeZone)),
      toReview: items.filter((i) => i.verdict === null).length,
      messageTs: s.asked.find((a) => a.questionId === request.questionId)?.messageTs ?? null,
    };
  }

  /** Reads each interview once for a list of requests. */
  async function chasedList(requests: readonly EvidenceRequest[], now: Date): Promise<ChasedRequest[]> {
    const snapshots = new Map<number, Snapshot | null>();
    const out: ChasedRequest[] = [];
    for (const r of requests) {
      if (!snapshots.has(r.interviewId)) snapshots.set(r.interviewId, await readSnapshotById(db, r.interviewId));
      const s = snapshots.get(r.interviewId);
      if (s) out.push(chased(s, r, now));
    }
    return out;
  }

  return {
    /**
     * A click on Evidence shown / promised / none: recorded as the evaluator's answer. "Promised" also opens a request
     * (unless one is open or was fulfilled) with the default terms; "shown" fulfils an open request; each in the
     * answer's transaction, so a mark never lands without what it sets in motion. "None" leaves an open request to
     * whoever chases it, and says so (it may be someone else's promise): withdrawing it needs a reason.
     */
    /** `seen`: what was seen, which "shown" needs (a bare click records nothing an auditor could check). */
    async markEvidence(input: { interviewId: number; questionId: string; actor: Actor; state: 'shown' | 'promised' | 'none'; seen?: string }): Promise<MarkOutcome> {
      const s = await live(input.interviewId);
      if (!s) return { kind: 'not-found', message: GONE };
      if (input.state === 'shown' && (input.seen ?? '').trim() === '') {
        return { kind: 'invalid', message: 'Say what was seen: a one-line description ("audit log of PR 4812 on screen share"), or accept a file or link shared in the thread.' };
      }
      const at = clock();
      let changed = false;
      const alongside = async (trx: Db) => {
        const request = await getRequest(trx, input.interviewId, input.questionId);
        if (input.state === 'promised') {
          changed = await openRequest(trx, { ...defaults(s, input.questionId, input.actor.userId), by: input.actor.userId }, at, { reopen: 'withdrawn' });
        } else if (input.state === 'shown' && request?.status === 'open') {
          changed = await closeRequest(trx, { requestId: request.id, status: 'fulfilled', by: input.actor.userId, reason: 'Marked shown in the interview' }, at);
        }
      };
      const outcome = await interviews.answer({
        interviewId: input.interviewId,
        questionId: input.questionId,
        actor: input.actor,
        action: { kind: 'evidence', state: input.state, ...(input.seen !== undefined && { seen: input.seen }) },
        alongside,
      });
      if (outcome.kind !== 'recorded') return outcome;
      if (input.state === 'none') {
        const request = await getRequest(db, input.interviewId, input.questionId);
        return request?.status === 'open' ? { ...outcome, stillChased: { question: refOf(s, input.questionId), request } } : outcome;
      }
      if (!changed) return outcome;
      const fresh = await after(input.interviewId, input.questionId);
      return { ...outcome, changed: true, question: fresh.question, revisedSummary: fresh.revisedSummary ?? outcome.revisedSummary };
    },

    /** The request modal's content, for evaluators and admins only. */
    async requestForm(actor: Actor, interviewId: number, questionId: string): Promise<Opening<RequestForm>> {
      const s = await live(interviewId);
      if (!s || !s.asked.some((a) => a.questionId === questionId)) return { kind: 'not-found', message: s ? NOT_ASKED : GONE };
      const allowed = mayManageEvidence(actor, rolesOf(s));
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      const request = s.requests.find((r) => r.questionId === questionId) ?? null;
      const editing = request?.status === 'open';
      const base = defaults(s, questionId, actor.userId);
      return {
        kind: 'ok',
        view: {
          interviewId,
          question: refOf(s, questionId),
          editing,
          asked: request?.asked ?? base.asked,
          chaserId: request?.chaserId ?? actor.userId,
          dueOn: editing ? request.dueOn : base.dueOn,
          vendorContact: request?.vendorContact ?? null,
        },
      };
    },

    /**
     * Saves the request modal: opens a request, changes an open one, or asks again for one fulfilled or withdrawn.
     * The chaser is checked by the caller (a person of this organisation, not a bot).
     */
    async saveRequest(input: { interviewId: number; questionId: string; actor: Actor; asked: string; chaserId: string; dueOn: string | null; vendorContact: string }): Promise<SaveOutcome> {
      const s = await live(input.interviewId);
      if (!s || !s.asked.some((a) => a.questionId === input.questionId)) return { kind: 'not-found', message: s ? NOT_ASKED : GONE };
      const allowed = mayManageEvidence(input.actor, rolesOf(s));
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      const asked = input.asked.trim();
      const contact = input.vendorContact.trim();
      const today = calendarDay(clock(), timeZone);
      const dueOn = input.dueOn ?? '';
      const dueError = !isCalendarDay(dueOn)
        ? 'Pick the date the evidence is due.'
        : dueOn < today
          ? 'Pick today or a later date: a request due in the past would be overdue at once.'
          : daysBetween(today, dueOn) > MAX_DUE_DAYS
            ? `Pick a date within ${MAX_DUE_DAYS} days: evidence that far off is not being chased.`
            : null;
      // Every field that is wrong, at once.
      const errors: FieldErrors = {};
      if (asked === '') errors.asked = 'Say what the vendor should show.';
      else if (asked.length > MAX_ASKED_LENGTH) errors.asked = `Keep it to ${MAX_ASKED_LENGTH} characters.`;
      if (dueError) errors.due = dueError;
      if (contact.length > MAX_CONTACT_LENGTH) errors.contact = `Keep it to ${MAX_CONTACT_LENGTH} characters.`;
      if (Object.keys(errors).length > 0) return { kind: 'invalid', errors };
      const terms: RequestTerms = {
        interviewId: s.interview.id,
        questionId: input.questionId,
        asked,
        chaserId: input.chaserId,
        vendorContact: contact === '' ? null : contact,
        dueOn,
        dueAt: overdueFrom(dueOn, timeZone),
        by: input.actor.userId,
      };
      const existing = s.requests.find((r) => r.questionId === input.questionId);
      const at = clock();
      // An open request is changed; otherwise one opens, or a closed one is asked for again.
      const changed = existing?.status === 'open' ? await updateRequest(db, existing.id, terms, at) : await openRequest(db, terms, at, { reopen: 'closed' });
      if (!changed) return { kind: 'not-found', message: 'The request changed meanwhile (someone fulfilled, withdrew or made it); nothing was saved. Look at the question again.' };
      return { kind: 'saved', created: existing?.status !== 'open', ...(await after(s.interview.id, input.questionId)) };
    },

    /** The open request a withdrawal would close, for evaluators and admins only. */
    async withdrawForm(actor: Actor, interviewId: number, questionId: string): Promise<Opening<{ question: QuestionRef; request: EvidenceRequest }>> {
      const s = await live(interviewId);
      if (!s) return { kind: 'not-found', message: GONE };
      const allowed = mayManageEvidence(actor, rolesOf(s));
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      const request = s.requests.find((r) => r.questionId === questionId);
      if (request?.status !== 'open') return { kind: 'not-found', message: 'There is no open evidence request on that question to withdraw.' };
      return { kind: 'ok', view: { question: refOf(s, questionId), request } };
    },

    /** Withdraws an open request: a reason is required, and of two people withdrawing at once one does. */
    async withdraw(input: { interviewId: number; questionId: string; actor: Actor; reason: string }): Promise<ChangeOutcome> {
      const s = await live(input.interviewId);
      if (!s) return { kind: 'not-found', message: GONE };
      const allowed = mayManageEvidence(input.actor, rolesOf(s));
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      const reason = requestError(input.reason, 'Say why the evidence is no longer needed (or will not come).');
      if (reason) return { kind: 'invalid', errors: { reason } };
      const request = s.requests.find((r) => r.questionId === input.questionId);
      const done = request ? await closeRequest(db, { requestId: request.id, status: 'withdrawn', by: input.actor.userId, reason: input.reason.trim() }, clock()) : false;
      if (!done) return { kind: 'not-found', message: 'That request is no longer open (it was fulfilled or withdrawn meanwhile); nothing was changed.' };
      return { kind: 'done', ...(await after(s.interview.id, input.questionId)) };
    },

    /**
     * A reply in an interview's thread: its files and links become evidence for the question it names ("Q7: ..."), or
     * the one being asked, or, once the interview is finished, its only open request; its text is a note as before.
     * Anyone's files are kept; only an evaluator's (or an admin's) verdict counts.
     */
    async reply(input: { interviewId: number; actor: Actor; slackText: string; files: readonly SharedFile[]; messageTs: string }): Promise<ReplyOutcome> {
      const s = await live(input.interviewId);
      if (!s) return { kind: 'ignored' };
      // Links are read from the text as Slack sent it (where a link is marked up); the note keeps what was typed.
      const { position, rest } = parseTarget(input.slackText);
      const links = extractLinks(rest);
      const evidence: NewItem[] = [
        ...input.files.map((f) => ({ kind: 'file' as const, ref: f.id, fileId: f.id, name: f.name, fileType: f.fileType, url: f.permalink })),
        ...links.map((l) => ({ kind: 'link' as const, ref: l.url, fileId: null, name: l.label, fileType: null, url: l.url })),
      ];
      const completed = s.interview.status === 'completed';
      if (completed && evidence.length === 0) return { kind: 'finished' };
      let questionId: string | undefined;
      if (position !== null) {
        questionId = s.asked.find((a) => a.position === position)?.questionId;
        if (!questionId) return { kind: 'unknown-question', position, asked: s.asked.length };
      } else if (!completed) {
        questionId = s.asked.at(-1)?.questionId;
      } else {
        const open = s.requests.filter((r) => r.status === 'open');
        if (open.length !== 1) return { kind: 'which-question', open: open.map((r) => refOf(s, r.questionId)).sort((a, b) => (a.position ?? 0) - (b.position ?? 0)) };
        questionId = open[0]!.questionId;
      }
      if (!questionId) return { kind: 'ignored' };

      const text = unescapeSlack(rest);
      const note =
        !completed && text !== '' ? await interviews.addNote({ interviewId: s.interview.id, actor: input.actor, text, source: { kind: 'thread', messageTs: input.messageTs, questionId } }) : null;
      if (evidence.length === 0) return { kind: 'handled', note, receipt: null, question: null };
      const at = clock();
      const lease = new Date(at.getTime() + RECEIPT_LEASE_MS);
      const stored = await insertItems(
        db,
        {
          interviewId: s.interview.id,
          questionId,
          sharedBy: input.actor.userId,
          byEvaluator: countsAsEvaluator(input.actor, rolesOf(s)),
          sourceTs: input.messageTs,
          comment: commentOf(rest),
          items: evidence,
        },
        at,
        lease,
      );
      // Slack delivering the message again when its answer was never posted: it is posted now (stored once still).
      const items = stored.length > 0 ? stored : await claimReceipt(db, s.interview.id, input.messageTs, at, lease);
      if (items.length === 0) return { kind: 'handled', note, receipt: null, question: null };
      const fresh = scoreSnapshot((await readSnapshotById(db, s.interview.id))!, clock);
      const target = items[0]!.questionId;
      return { kind: 'handled', note, receipt: receiptOf(fresh, target, items), question: questionView(fresh, target) };
    },

    /** Remembers the bot's answer under a message with evidence, so a verdict updates it in place. */
    async attachReply(items: readonly EvidenceItem[], replyTs: string): Promise<void> {
      await setReplyTs(
        db,
        items.map((i) => i.id),
        replyTs,
      );
    },

    /** Slack refused the answer under a message with evidence: the scheduler's next tick posts it. */
    async receiptFailed(items: readonly EvidenceItem[]): Promise<void> {
      await holdReceipt(
        db,
        items.map((i) => i.id),
        null,
      );
    },

    /** The vetting a file or link belongs to, or null: a refusal about it names that vetting only to those who may see it. */
    async interviewOfItem(itemId: number): Promise<number | null> {
      return (await getItem(db, itemId))?.interviewId ?? null;
    },

    /** The "Not sufficient" modal's subject: a file or link still waiting for a verdict, for evaluators and admins. */
    async verdictForm(actor: Actor, itemId: number): Promise<Opening<{ item: EvidenceItem; question: QuestionRef; vendor: string }>> {
      const item = await getItem(db, itemId);
      const s = item ? await live(item.interviewId) : null;
      if (!item || !s) return { kind: 'not-found', message: 'That file or link is no longer part of a vetting.' };
      const allowed = mayManageEvidence(actor, rolesOf(s));
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      if (item.verdict !== null) return { kind: 'not-found', message: alreadyJudged(item) };
      return { kind: 'ok', view: { item, question: refOf(s, item.questionId), vendor: s.interview.vendor.name } };
    },

    /**
     * Accepts a file or link as evidence, or finds it not sufficient (with a reason). Accepting records the
     * evaluator's answer (an admin's acceptance: the lead's) as "evidence shown" and fulfils the question's open request, in one transaction; the score
     * and flags follow. A verdict is given once: a second click, here or on another instance, changes nothing.
     */
    async decide(input: { itemId: number; actor: Actor; verdict: EvidenceVerdict; reason?: string }): Promise<VerdictOutcome> {
      const item = await getItem(db, input.itemId);
      const s = item ? await live(item.interviewId) : null;
      if (!item || !s) return { kind: 'not-found', message: 'That file or link is no longer part of a vetting.' };
      const allowed = mayManageEvidence(input.actor, rolesOf(s));
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      const reason = input.verdict === 'not_sufficient' ? requestError(input.reason ?? '', 'Say what is missing, so the vendor knows what to send instead.') : null;
      if (reason) return { kind: 'invalid', errors: { reason } };
      const at = clock();
      const by = input.actor.userId;
      const decided = await inTransaction(db, async (trx) => {
        if (!(await decideItem(trx, { itemId: item.id, verdict: input.verdict, by, reason: input.verdict === 'not_sufficient' ? (input.reason ?? '').trim() : null }, at))) return false;
        if (input.verdict === 'accepted') {
          // Answers are the evaluators' own: an admin outside the vetting records the verdict and fulfils the
          // request, and the evidence shown goes on the lead's answer (the audit says who did it).
          const evaluatorId = countsAsEvaluator(input.actor, rolesOf(s)) ? by : s.interview.startedBy;
          // A link by its address, never its label (which could pass for another address).
          const seen = item.kind === 'file' ? `accepted file ${item.name ?? item.fileId ?? ''}`.trim() : `accepted link ${item.url ?? ''}`.trim();
          await recordAnswer(trx, at, { interview: s.interview, questionId: item.questionId, evaluatorId, by, action: { kind: 'evidence', state: 'shown', seen } });
          const request = await getRequest(trx, item.interviewId, item.questionId);
          if (request?.status === 'open')
            await closeRequest(
              trx,
              {
                requestId: request.id,
                status: 'fulfilled',
                by,
                reason: `Accepted ${item.kind === 'file' ? `the file ${item.name ?? item.fileId ?? ''}` : `the link ${item.url ?? ''}`}`.trim(),
                itemId: item.id,
              },
              at,
            );
        }
        return true;
      });
      const fresh = (await getItem(db, item.id))!;
      if (!decided) return { kind: 'not-found', message: alreadyJudged(fresh) };
      const { question, revisedSummary } = await after(item.interviewId, item.questionId);
      const snapshot = scoreSnapshot((await readSnapshotById(db, item.interviewId))!, clock);
      const receipt = receiptOf(snapshot, item.questionId, await listItemsOfMessage(db, item.interviewId, item.sourceTs));
      return { kind: 'decided', item: fresh, receipt, question, revisedSummary };
    },

    /** `/vet evidence <vendor>`: the register of the vendor's latest vetting `v` may see. */
    async register(vendorName: string, v: Visibility): Promise<RegisterOutcome> {
      const found = await findVisibleVendor(db, v, vendorName);
      if (!found.ok) return { kind: 'not-found', message: found.message };
      const latest = found.interviews.find((i) => i.status !== 'abandoned');
      if (!latest) return { kind: 'not-found', message: `"${found.vendor.name}" has no vetting with evidence yet.` };
      return { kind: 'found', register: buildRegister(scoreSnapshot(await readSnapshot(db, latest), clock)) };
    },

    /** The register of one interview, for its reports. */
    async registerOf(interview: Interview): Promise<EvidenceRegister> {
      return buildRegister(scoreSnapshot(await readSnapshot(db, interview), clock));
    },

    /** The open requests `userId` chases, in the vettings `v` may see, soonest due first: their Home tab. */
    async chasedBy(userId: string, v: Visibility): Promise<ChasedRequest[]> {
      const seen = new Set((await visibleInterviews(db, v)).map((i) => i.id));
      return chasedList(
        (await listOpenRequests(db, userId)).filter((r) => seen.has(r.interviewId)),
        clock(),
      );
    },

    /** Open requests past their due date in the interviews given (a channel's, for its digest), most overdue first. */
    async overdueIn(interviewIds: readonly number[]): Promise<ChasedRequest[]> {
      const now = clock();
      const ids = new Set(interviewIds);
      const overdue = (await listOpenRequests(db, null)).filter((r) => ids.has(r.interviewId) && r.dueAt <= now);
      return chasedList(overdue, now);
    },

    /**
     * The scheduler's evidence step: a DM to the chaser of each open request on its due date and every 7 days after
     * (at 09:00 in the team's time zone), each claimed once in the database whatever the number of instances; and the
     * summary of a completed interview whose request has just become more than 30 days overdue, so its flag opens.
     */
    async tick(deliver: EvidenceDelivery): Promise<EvidenceTickResult> {
      const now = clock();
      const today = calendarDay(now, timeZone);
      const result: EvidenceTickResult = { reminded: [], failed: [], settled: [], receipts: [], receiptsFailed: [] };
      const due = await listOpenRequestsDueBy(db, today);
      // Null for an interview deleted since its requests were listed: there is nothing left to chase or post.
      const snapshots = new Map<number, Snapshot | null>();
      const snapshot = async (id: number) => {
        if (!snapshots.has(id)) snapshots.set(id, await readSnapshotById(db, id));
        return snapshots.get(id) ?? null;
      };
      const owed = due.flatMap(({ request }) => {
        const slot = reminderSlot(request.dueOn, today);
        return slot !== null && now >= reminderTime(slot, timeZone) ? [{ request, slot }] : [];
      });
      const notOwed = await listRemindersNotOwed(
        db,
        owed.map((o) => ({ requestId: o.request.id, slot: o.slot })),
        now,
      );
      for (const { request, slot } of owed) {
        if (notOwed.has(`${request.id}|${slot}`)) continue;
        const s = await snapshot(request.interviewId);
        if (!s) continue;
        const claim = await claimReminder(db, request.id, slot, now, LEASE_MS);
        if (!claim) continue;
        try {
          await deliver.remind(chased(s, request, now));
          await markReminderSent(db, claim.id, clock());
          result.reminded.push(request.id);
        } catch (e) {
          const error = failureCode(e);
          const wait = RETRY_MINUTES[Math.min(claim.attempts, RETRY_MINUTES.length) - 1]!;
          await markReminderFailed(db, claim.id, error, PERMANENT.has(error) ? null : new Date(clock().getTime() + wait * 60_000));
          result.failed.push({ requestId: request.id, error });
        }
      }
      // Flags of a completed interview are stored: one whose request has crossed the line is settled, once.
      for (const { request, interviewCompleted } of due) {
        if (!interviewCompleted || now.getTime() < request.dueAt.getTime() + EVIDENCE_OVERDUE_DAYS * DAY_MS || result.settled.includes(request.interviewId)) continue;
        const flag = (await listFlags(db, request.interviewId)).find((f) => f.rule === 'evidence-overdue' && f.questionId === request.questionId);
        if (flag && !(flag.status === 'resolved' && flag.statusBy === SYSTEM_ACTOR)) continue;
        const s = await snapshot(request.interviewId);
        if (!s) continue;
        await deliver.summary(await summaries.settle(s));
        result.settled.push(s.interview.id);
      }
      // Answers under shared files that Slack refused (their Accept / Not sufficient buttons exist nowhere else).
      for (const { interviewId, sourceTs } of await listUnpostedReceipts(db, new Date(now.getTime() - RECEIPT_RETRY_MS), now)) {
        const s = await snapshot(interviewId);
        if (!s) continue;
        const items = await claimReceipt(db, interviewId, sourceTs, now, new Date(now.getTime() + LEASE_MS));
        if (items.length === 0) continue;
        try {
          await setReplyTs(
            db,
            items.map((i) => i.id),
            await deliver.receipt(receiptOf(s, items[0]!.questionId, items)),
          );
          result.receipts.push(sourceTs);
        } catch (e) {
          const error = failureCode(e);
          // No retry will post into a channel that is gone: held until the retry window has passed, so never again.
          if (PERMANENT_IN_THREAD.has(error))
            await holdReceipt(
              db,
              items.map((i) => i.id),
              new Date(items[0]!.sharedAt.getTime() + RECEIPT_RETRY_MS),
            );
          result.receiptsFailed.push({ sourceTs, error });
        }
      }
      return result;
    },
  };
}

function alreadyJudged(item: EvidenceItem): string {
  const what = item.verdict === 'accepted' ? 'accepted as evidence' : 'found not sufficient';
  return `That ${item.kind} was already ${what} meanwhile; nothing was changed.`;
}

export type EvidenceFlow = ReturnType<typeof createEvidenceFlow>;
