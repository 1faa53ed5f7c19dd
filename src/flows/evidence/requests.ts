// Evidence requests: the marks under a question (shown, promised, none) and the request modal, which opens, changes
// and withdraws what is asked of the vendor, who chases it and by when.
import type { EvidenceRequest } from '../../model.js';
import type { RequestTerms } from '../../store/evidence.js';
import type { Store } from '../../store/store.js';
import { calendarDay } from '../../time.js';
import type { Actor } from '../actor.js';
import { daysBetween, isCalendarDay, MAX_ASKED_LENGTH, MAX_CONTACT_LENGTH, MAX_DUE_DAYS, overdueFrom } from '../evidenceRules.js';
import { mayManageEvidence } from '../permissions.js';
import type { Problem } from '../problems.js';
import { rolesOf } from '../state.js';
import type { Opening } from '../views.js';
import { GONE, NOT_ASKED, refOf, requestError, type EvidenceContext } from './context.js';
import type { ChangeOutcome, FieldErrors, MarkOutcome, QuestionRef, RequestForm, SaveOutcome } from './types.js';

export function createEvidenceRequests(ctx: EvidenceContext) {
  const { store, clock, timeZone, interviews, live, after, defaults } = ctx;
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
      if (!s) return { kind: 'not-found', problem: GONE };
      if (input.state === 'shown' && (input.seen ?? '').trim() === '') {
        return { kind: 'invalid', problem: { code: 'seen-missing' } };
      }
      const at = clock();
      let changed = false;
      const alongside = async (trx: Store) => {
        const request = await trx.evidence.getRequest(input.interviewId, input.questionId);
        if (input.state === 'promised') {
          changed = await trx.evidence.openRequest({ ...defaults(s, input.questionId, input.actor.userId), by: input.actor.userId }, at, { reopen: 'withdrawn' });
        } else if (input.state === 'shown' && request?.status === 'open') {
          changed = await trx.evidence.closeRequest({ requestId: request.id, status: 'fulfilled', by: input.actor.userId, reason: 'Marked shown in the interview' }, at);
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
        const request = await store.evidence.getRequest(input.interviewId, input.questionId);
        return request?.status === 'open' ? { ...outcome, stillChased: { question: refOf(s, input.questionId), request } } : outcome;
      }
      if (!changed) return outcome;
      const fresh = await after(input.interviewId, input.questionId);
      return { ...outcome, changed: true, question: fresh.question, revisedSummary: fresh.revisedSummary ?? outcome.revisedSummary };
    },

    /** The request modal's content, for evaluators and admins only. */
    async requestForm(actor: Actor, interviewId: number, questionId: string): Promise<Opening<RequestForm>> {
      const s = await live(interviewId);
      if (!s || !s.asked.some((a) => a.questionId === questionId)) return { kind: 'not-found', problem: s ? NOT_ASKED : GONE };
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
      if (!s || !s.asked.some((a) => a.questionId === input.questionId)) return { kind: 'not-found', problem: s ? NOT_ASKED : GONE };
      const allowed = mayManageEvidence(input.actor, rolesOf(s));
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      const asked = input.asked.trim();
      const contact = input.vendorContact.trim();
      const today = calendarDay(clock(), timeZone);
      const dueOn = input.dueOn ?? '';
      const dueError: Problem | null = !isCalendarDay(dueOn)
        ? { code: 'due-missing' }
        : dueOn < today
          ? { code: 'due-past' }
          : daysBetween(today, dueOn) > MAX_DUE_DAYS
            ? { code: 'due-too-far', max: MAX_DUE_DAYS }
            : null;
      // Every field that is wrong, at once.
      const errors: FieldErrors = {};
      if (asked === '') errors.asked = { code: 'asked-missing' };
      else if (asked.length > MAX_ASKED_LENGTH) errors.asked = { code: 'too-long', max: MAX_ASKED_LENGTH };
      if (dueError) errors.due = dueError;
      if (contact.length > MAX_CONTACT_LENGTH) errors.contact = { code: 'too-long', max: MAX_CONTACT_LENGTH };
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
      const changed = existing?.status === 'open' ? await store.evidence.updateRequest(existing.id, terms, at) : await store.evidence.openRequest(terms, at, { reopen: 'closed' });
      if (!changed) return { kind: 'not-found', problem: { code: 'request-changed' } };
      return { kind: 'saved', created: existing?.status !== 'open', ...(await after(s.interview.id, input.questionId)) };
    },

    /** The open request a withdrawal would close, for evaluators and admins only. */
    async withdrawForm(actor: Actor, interviewId: number, questionId: string): Promise<Opening<{ question: QuestionRef; request: EvidenceRequest }>> {
      const s = await live(interviewId);
      if (!s) return { kind: 'not-found', problem: GONE };
      const allowed = mayManageEvidence(actor, rolesOf(s));
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      const request = s.requests.find((r) => r.questionId === questionId);
      if (request?.status !== 'open') return { kind: 'not-found', problem: { code: 'no-open-request' } };
      return { kind: 'ok', view: { question: refOf(s, questionId), request } };
    },

    /** Withdraws an open request: a reason is required, and of two people withdrawing at once one does. */
    async withdraw(input: { interviewId: number; questionId: string; actor: Actor; reason: string }): Promise<ChangeOutcome> {
      const s = await live(input.interviewId);
      if (!s) return { kind: 'not-found', problem: GONE };
      const allowed = mayManageEvidence(input.actor, rolesOf(s));
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      const reason = requestError(input.reason, { code: 'withdraw-reason-missing' });
      if (reason) return { kind: 'invalid', errors: { reason } };
      const request = s.requests.find((r) => r.questionId === input.questionId);
      const done = request ? await store.evidence.closeRequest({ requestId: request.id, status: 'withdrawn', by: input.actor.userId, reason: input.reason.trim() }, clock()) : false;
      if (!done) return { kind: 'not-found', problem: { code: 'request-closed' } };
      return { kind: 'done', ...(await after(s.interview.id, input.questionId)) };
    },
  };
}
