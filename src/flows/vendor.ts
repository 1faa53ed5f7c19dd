// The vendor answers in its own Slack Connect channel while the evaluation stays ours. The vendor is asked the
// questions one at a time in a thread there (title, scenario, what to show: nothing of the evaluation), answers in
// writing (text, files, links; "Q3:" names a question), or puts one aside; each answer is kept with who, their
// organisation and when, and shown to the evaluators in their own thread. Returns view models; knows nothing of Slack.
import type { Clock, EvidenceItem, Interview, VendorChannel, VendorQuestion } from '../model.js';
import type { Question } from '../questions/model.js';
import { judgeNote, type NoteJudgement } from '../scoring/vague.js';
import type { Store } from '../store/store.js';
import type { NewItem } from '../store/evidence.js';
import { calendarDay } from '../time.js';
import type { Actor } from './actor.js';
import type { Receipt, SharedFile, ThreadReply } from './evidence.js';
import { deliveryFailure } from './delivery.js';
import { daysBetween, reminderSlot, reminderTime } from './evidenceRules.js';
import { mayAnswer, mayManageEvaluators, type Refusal } from './permissions.js';
import type { Problem } from './problems.js';
import { questionView, readSnapshotById, rolesOf, scoreSnapshot, type Scored, type Snapshot } from './state.js';
import type { QuestionView } from './views.js';

/**
 * A question as the vendor may see it: its number in the vendor's thread, title, scenario and what to show. Nothing
 * else of the question (what a mature answer includes, the rubric) and nothing of the evaluation can travel in it,
 * so the vendor-side renderer, which takes only this, cannot show it.
 */
export interface VendorQuestionView {
  position: number;
  title: string;
  prompt: string;
  show: readonly string[];
}

/** Where the vendor is asked: the vendor channel and its thread. */
export interface VendorThread {
  channelId: string;
  threadTs: string;
}

/** A question to post in the vendor thread, with where. */
export interface VendorPost {
  where: VendorThread;
  interviewId: number;
  questionId: string;
  question: VendorQuestionView;
}

/** What comes after an answer or a question put aside: the next question, or word that none is left. */
export type VendorNext = { kind: 'ask'; post: VendorPost } | { kind: 'all-asked'; where: VendorThread; open: VendorQuestionView[] } | null;

/** A vendor answer as the evaluators see it, in their own thread. */
export interface VendorAnswerMirror {
  interview: Interview;
  vendorChannelId: string;
  question: { id: string; title: string; position: number | null; messageTs: string | null; vendorPosition: number };
  authorId: string;
  /** What the vendor wrote, as typed: links as "label (address)". Empty for a file shared without words. */
  text: string;
  /** The vague-answer judgement of the vendor's own words: for the evaluators only. */
  judgement: NoteJudgement | null;
  files: number;
}

export type VendorReplyOutcome =
  | { kind: 'ignored' }
  | { kind: 'duplicate' }
  /** The vetting is finished: nothing more is taken in writing. */
  | { kind: 'closed'; vendor: string }
  | { kind: 'unknown-question'; position: number; asked: number }
  | {
      kind: 'answered';
      mirror: VendorAnswerMirror;
      receipt: Receipt | null;
      question: QuestionView;
      /** The question's message in the vendor thread, to show it answered (its button goes); null when it already was. */
      answered: { where: VendorThread; ts: string; interviewId: number; questionId: string; question: VendorQuestionView } | null;
      next: VendorNext;
    };

export type AttachOutcome =
  | { kind: 'attached'; parent: { vendor: string; where: { channelId: string } }; interviewId: number }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'invalid'; problem: Problem };

export type AskOutcome =
  | { kind: 'asked'; where: VendorThread; question: VendorQuestionView; questionId: string; interviewId: number; newlyAsked: boolean; text: string }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'invalid'; problem: Problem }
  | { kind: 'not-found'; problem: Problem };

/** An evidence request as the vendor reads it: what to show, by when, for whom at the vendor. */
export interface VendorRequestView {
  where: VendorThread;
  interviewId: number;
  questionId: string;
  question: VendorQuestionView;
  newlyAsked: boolean;
  asked: string;
  dueOn: string;
  contact: string;
  /** Days past the due date when it is chased (0 on the due date); null when it is first asked. */
  daysOverdue: number | null;
}

export interface VendorDeps {
  store: Store;
  clock: Clock;
  timeZone: string;
}

export const MAX_ASK_LENGTH = 2000;
const LEASE_MS = 5 * 60_000;
const RETRY_MINUTES = [5, 15, 60];
/** Reminders in the vendor thread are claimed beside the chasers' DMs, on a slot of their own. */
const VENDOR_SLOT = (day: string) => `vendor:${day}`;

export function vendorQuestionView(q: Question, position: number): VendorQuestionView {
  return { position, title: q.title, prompt: q.prompt, show: q.evidence };
}

export function createVendorFlow({ store, clock, timeZone }: VendorDeps) {
  async function live(interviewId: number): Promise<Snapshot | null> {
    const s = await readSnapshotById(store, interviewId);
    return s && s.interview.status !== 'abandoned' ? s : null;
  }

  const threadOf = (vc: VendorChannel | null): VendorThread | null => (vc?.threadTs ? { channelId: vc.channelId, threadTs: vc.threadTs } : null);

  function questionOf(s: Snapshot, questionId: string): Question | null {
    return s.interview.questions.find((q) => q.id === questionId) ?? null;
  }

  /** The next question for the vendor, once the current one is answered or put aside (else null). */
  async function advance(s: Scored, where: VendorThread, by: string): Promise<VendorNext> {
    const asked = await store.vendorChannel.listVendorQuestions(s.interview.id);
    const latest = asked.at(-1);
    if (latest?.status === 'open' || s.interview.status !== 'in_progress') return null;
    const next = s.inPlay.find((q) => !asked.some((a) => a.questionId === q.id));
    if (!next) {
      const open = asked
        .filter((a) => a.status !== 'answered')
        .flatMap((a) => {
          const q = questionOf(s, a.questionId);
          return q ? [vendorQuestionView(q, a.position)] : [];
        });
      return { kind: 'all-asked', where, open };
    }
    const position = (latest?.position ?? 0) + 1;
    if (!(await store.vendorChannel.insertVendorQuestion({ interviewId: s.interview.id, questionId: next.id, position, by }, clock()))) return null;
    return { kind: 'ask', post: { where, interviewId: s.interview.id, questionId: next.id, question: vendorQuestionView(next, position) } };
  }

  /** Puts a question to the vendor now, out of turn (asked back, or evidence requested on it), unless it was. */
  async function ensureAsked(s: Snapshot, questionId: string, by: string): Promise<{ question: VendorQuestionView; newlyAsked: boolean } | null> {
    const q = questionOf(s, questionId);
    if (!q) return null;
    for (let attempt = 0; attempt < 3; attempt++) {
      const asked = await store.vendorChannel.listVendorQuestions(s.interview.id);
      const found = asked.find((a) => a.questionId === questionId);
      if (found) return { question: vendorQuestionView(q, found.position), newlyAsked: false };
      const position = (asked.at(-1)?.position ?? 0) + 1;
      if (await store.vendorChannel.insertVendorQuestion({ interviewId: s.interview.id, questionId, position, by }, clock())) return { question: vendorQuestionView(q, position), newlyAsked: true };
    }
    return null;
  }

  return {
    /** Whether a channel is some vetting's vendor channel: no digest, summary or comparison is ever posted there. */
    isVendorChannel: (channelId: string) => store.vendorChannel.isVendorChannel(channelId),

    /**
     * Attaches a vendor channel (Slack said it is shared with another organisation and vet is in it) to a vetting in
     * progress: its lead or an admin. The channel cannot be the evaluators' own.
     */
    async attach(input: { interviewId: number; actor: Actor; channelId: string }): Promise<AttachOutcome> {
      const s = await live(input.interviewId);
      if (!s || s.interview.status !== 'in_progress') return { kind: 'invalid', problem: { code: 'vendor-channel-not-running' } };
      const allowed = mayManageEvaluators(input.actor, rolesOf(s));
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      if (input.channelId === s.interview.channelId) {
        return { kind: 'invalid', problem: { code: 'vendor-channel-same' } };
      }
      if (s.vendorChannel) return { kind: 'invalid', problem: { code: 'vendor-channel-taken', answersThere: true } };
      if (!(await store.vendorChannel.attachVendorChannel({ interviewId: s.interview.id, channelId: input.channelId, by: input.actor.userId }, clock()))) {
        return { kind: 'invalid', problem: { code: 'vendor-channel-taken', answersThere: false } };
      }
      return { kind: 'attached', parent: { vendor: s.interview.vendor.name, where: { channelId: input.channelId } }, interviewId: s.interview.id };
    },

    /** The parent message in the vendor channel could not be posted: the channel is taken off again. */
    async attachFailed(interviewId: number): Promise<void> {
      await store.vendorChannel.detachVendorChannel(interviewId);
    },

    /** The parent message is posted: the first question for the vendor. */
    async threadPosted(interviewId: number, threadTs: string, by: string): Promise<VendorNext> {
      await store.vendorChannel.setVendorThread(interviewId, threadTs);
      const s = await live(interviewId);
      const where = threadOf(s?.vendorChannel ?? null);
      return s && where ? advance(scoreSnapshot(s, clock), where, by) : null;
    },

    async questionPosted(interviewId: number, questionId: string, ts: string): Promise<void> {
      await store.vendorChannel.setVendorQuestionMessage(interviewId, questionId, ts);
    },

    /**
     * A reply in a vendor thread. Only what people of another organisation write is the vendor's answer; our own
     * people's words there are theirs to have said (Slack shows them) and are not recorded.
     */
    async reply(input: { channelId: string; threadTs: string; actor: Actor; teamId: string | null; reply: ThreadReply; files: readonly SharedFile[]; messageTs: string }): Promise<VendorReplyOutcome> {
      const vc = await store.vendorChannel.findByVendorThread(input.channelId, input.threadTs);
      if (!vc || !input.actor.external) return { kind: 'ignored' };
      const s = await live(vc.interviewId);
      const where = threadOf(vc);
      if (!s || !where) return { kind: 'ignored' };
      if (s.interview.status !== 'in_progress') return { kind: 'closed', vendor: s.interview.vendor.name };
      const asked = await store.vendorChannel.listVendorQuestions(s.interview.id);
      const { position, text, comment, links } = input.reply;
      const target = position !== null ? asked.find((a) => a.position === position) : asked.at(-1);
      if (position !== null && !target) return { kind: 'unknown-question', position, asked: asked.length };
      if (!target) return { kind: 'ignored' };
      const at = clock();
      const answer = await store.vendorChannel.insertVendorAnswer(
        { interviewId: s.interview.id, questionId: target.questionId, sourceTs: input.messageTs, userId: input.actor.userId, teamId: input.teamId, text },
        at,
      );
      if (!answer) return { kind: 'duplicate' };
      const evidence: NewItem[] = [
        ...input.files.map((f) => ({ kind: 'file' as const, ref: f.id, fileId: f.id, name: f.name, fileType: f.fileType, url: f.permalink })),
        ...links.map((l) => ({ kind: 'link' as const, ref: l.url, fileId: null, name: l.label, fileType: null, url: l.url })),
      ];
      const items: EvidenceItem[] =
        evidence.length > 0
          ? await store.evidence.insertItems(
              {
                interviewId: s.interview.id,
                questionId: target.questionId,
                sharedBy: input.actor.userId,
                byEvaluator: false,
                sourceTs: input.messageTs,
                comment,
                items: evidence,
              },
              at,
              new Date(at.getTime() + LEASE_MS),
            )
          : [];
      const changed = await store.vendorChannel.setVendorQuestionStatus(
        { interviewId: s.interview.id, questionId: target.questionId, status: 'answered', from: ['open', 'set_aside'], by: input.actor.userId },
        at,
      );
      const fresh = scoreSnapshot((await readSnapshotById(store, s.interview.id))!, clock);
      const q = questionOf(s, target.questionId)!;
      const ours = fresh.asked.find((a) => a.questionId === q.id);
      const next = changed && target.questionId === asked.at(-1)?.questionId ? await advance(fresh, where, input.actor.userId) : null;
      const open = fresh.requests.some((r) => r.questionId === q.id && r.status === 'open');
      return {
        kind: 'answered',
        mirror: {
          interview: s.interview,
          vendorChannelId: vc.channelId,
          question: { id: q.id, title: q.title, position: ours?.position ?? null, messageTs: ours?.messageTs ?? null, vendorPosition: target.position },
          authorId: input.actor.userId,
          text,
          judgement: text === '' ? null : judgeNote(q, text),
          files: items.length,
        },
        receipt:
          items.length > 0
            ? {
                interview: fresh.interview,
                question: { id: q.id, title: q.title, position: ours?.position ?? null },
                sharedBy: input.actor.userId,
                byEvaluator: false,
                items,
                alreadyShown: !open && fresh.answers.some((a) => a.questionId === q.id && a.evidence === 'shown'),
              }
            : null,
        question: questionView(fresh, q.id),
        answered: changed && target.messageTs ? { where, ts: target.messageTs, interviewId: s.interview.id, questionId: q.id, question: vendorQuestionView(q, target.position) } : null,
        next,
      };
    },

    /** The answer under the vendor's files (Accept as evidence / Not sufficient), posted in the evaluators' thread. */
    async attachReceipt(items: readonly EvidenceItem[], ts: string): Promise<void> {
      await store.evidence.setReplyTs(
        items.map((i) => i.id),
        ts,
      );
    },

    /** "We'll come back to this": the current question stays unanswered, and the next one comes. */
    async setAside(input: {
      interviewId: number;
      questionId: string;
      actor: Actor;
    }): Promise<{ kind: 'set-aside'; question: VendorQuestionView; messageTs: string | null; where: VendorThread; next: VendorNext } | { kind: 'not-current'; problem: Problem }> {
      const s = await live(input.interviewId);
      const where = threadOf(s?.vendorChannel ?? null);
      if (!s || !where || s.interview.status !== 'in_progress') return { kind: 'not-current', problem: { code: 'vendor-questions-closed' } };
      const asked = await store.vendorChannel.listVendorQuestions(s.interview.id);
      const current: VendorQuestion | undefined = asked.at(-1);
      const q = questionOf(s, input.questionId);
      if (!q || current?.questionId !== input.questionId || current.status !== 'open') {
        return { kind: 'not-current', problem: { code: 'vendor-question-done' } };
      }
      if (!(await store.vendorChannel.setVendorQuestionStatus({ interviewId: s.interview.id, questionId: q.id, status: 'set_aside', from: ['open'], by: input.actor.userId }, clock()))) {
        return { kind: 'not-current', problem: { code: 'vendor-question-just-done' } };
      }
      const next = await advance(scoreSnapshot(s, clock), where, input.actor.userId);
      return { kind: 'set-aside', question: vendorQuestionView(q, current.position), messageTs: current.messageTs, where, next };
    },

    /** The "Ask the vendor" modal's subject: for the vetting's evaluators, when the vendor answers in its channel. */
    async askForm(actor: Actor, interviewId: number, questionId: string): Promise<{ kind: 'ok'; title: string } | { kind: 'refused'; refusal: Refusal } | { kind: 'not-found'; problem: Problem }> {
      const s = await live(interviewId);
      if (!s) return { kind: 'not-found', problem: { code: 'vetting-gone' } };
      const allowed = mayAnswer(actor, rolesOf(s));
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      const q = questionOf(s, questionId);
      if (!q || !threadOf(s.vendorChannel)) return { kind: 'not-found', problem: { code: 'no-vendor-channel' } };
      return { kind: 'ok', title: q.title };
    },

    /** Asks the vendor back on a question, in the vendor thread; the question is put to the vendor first if it was not. */
    async ask(input: { interviewId: number; questionId: string; actor: Actor; text: string }): Promise<AskOutcome> {
      const s = await live(input.interviewId);
      if (!s) return { kind: 'not-found', problem: { code: 'vetting-gone' } };
      const allowed = mayAnswer(input.actor, rolesOf(s));
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      const where = threadOf(s.vendorChannel);
      if (!where) return { kind: 'not-found', problem: { code: 'no-vendor-channel' } };
      if (s.interview.status !== 'in_progress') return { kind: 'invalid', problem: { code: 'vendor-asked-finished' } };
      const text = input.text.trim();
      if (text === '') return { kind: 'invalid', problem: { code: 'ask-missing' } };
      if (text.length > MAX_ASK_LENGTH) return { kind: 'invalid', problem: { code: 'too-long', max: MAX_ASK_LENGTH } };
      const asked = await ensureAsked(s, input.questionId, input.actor.userId);
      if (!asked) return { kind: 'not-found', problem: { code: 'question-not-in-vetting' } };
      await store.audit.writeAudit(clock(), { actor: input.actor.userId, action: 'vendor.asked-back', interviewId: s.interview.id, detail: { questionId: input.questionId, text } });
      return { kind: 'asked', where, question: asked.question, questionId: input.questionId, interviewId: s.interview.id, newlyAsked: asked.newlyAsked, text };
    },

    /** An open evidence request with a vendor contact, as posted in the vendor thread (when the vendor answers there). */
    async requestNotice(interviewId: number, questionId: string, by: string): Promise<VendorRequestView | null> {
      const s = await live(interviewId);
      const where = threadOf(s?.vendorChannel ?? null);
      const request = s?.requests.find((r) => r.questionId === questionId);
      if (!s || !where || request?.status !== 'open' || !request.vendorContact || s.interview.status === 'abandoned') return null;
      const asked = await ensureAsked(s, questionId, by);
      if (!asked) return null;
      await store.audit.writeAudit(clock(), {
        actor: by,
        action: 'vendor.evidence-requested',
        interviewId,
        detail: { questionId, requestId: request.id, dueOn: request.dueOn, contact: request.vendorContact },
      });
      return { where, interviewId, questionId, question: asked.question, newlyAsked: asked.newlyAsked, asked: request.asked, dueOn: request.dueOn, contact: request.vendorContact, daysOverdue: null };
    },

    /**
     * The scheduler's step: an open request with a vendor contact is chased in the vendor thread on its due date and
     * every 7 days after (at the reminder hour), each claimed once whatever the number of instances. `post` rejects
     * with a DeliveryFailed when the chat side refused it (its reason kept with the reminder, retried later).
     */
    async chase(post: (r: VendorRequestView) => Promise<void>): Promise<{ chased: number[]; failed: { requestId: number; error: string }[] }> {
      const now = clock();
      const today = calendarDay(now, timeZone);
      const result: { chased: number[]; failed: { requestId: number; error: string }[] } = { chased: [], failed: [] };
      for (const { request } of await store.evidence.listOpenRequestsDueBy(today)) {
        if (!request.vendorContact) continue;
        const slot = reminderSlot(request.dueOn, today);
        if (slot === null || now < reminderTime(slot, timeZone)) continue;
        const vc = await store.vendorChannel.getVendorChannel(request.interviewId);
        const where = threadOf(vc);
        if (!where) continue;
        const s = await live(request.interviewId);
        const q = s ? questionOf(s, request.questionId) : null;
        if (!s || !q) continue;
        const claim = await store.evidence.claimReminder(request.id, VENDOR_SLOT(slot), now, LEASE_MS);
        if (!claim) continue;
        const position = (await store.vendorChannel.listVendorQuestions(s.interview.id)).find((a) => a.questionId === q.id)?.position;
        try {
          await post({
            where,
            interviewId: s.interview.id,
            questionId: q.id,
            question: vendorQuestionView(q, position ?? 0),
            newlyAsked: false,
            asked: request.asked,
            dueOn: request.dueOn,
            contact: request.vendorContact,
            daysOverdue: daysBetween(request.dueOn, today),
          });
          await store.evidence.markReminderSent(claim.id, clock());
          result.chased.push(request.id);
        } catch (e) {
          const error = deliveryFailure(e).reason;
          const wait = RETRY_MINUTES[Math.min(claim.attempts, RETRY_MINUTES.length) - 1]!;
          await store.evidence.markReminderFailed(claim.id, error, new Date(clock().getTime() + wait * 60_000));
          result.failed.push({ requestId: request.id, error });
        }
      }
      return result;
    },
  };
}

export type VendorFlow = ReturnType<typeof createVendorFlow>;
