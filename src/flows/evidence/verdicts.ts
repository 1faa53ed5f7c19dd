// Verdicts on shared evidence: an evaluator accepts a file or link (the answer's evidence turns "shown", the request
// is fulfilled, score and flags follow) or finds it not sufficient, with a reason; each is given once.
import type { EvidenceItem, EvidenceVerdict } from '../../model.js';
import type { Actor } from '../actor.js';
import { countsAsEvaluator, mayManageEvidence } from '../permissions.js';
import { recordAnswer } from '../record.js';
import { readSnapshotById, rolesOf, scoreSnapshot } from '../state.js';
import type { Problem } from '../problems.js';
import type { Opening } from '../views.js';
import { refOf, requestError, type EvidenceContext } from './context.js';
import type { QuestionRef, VerdictOutcome } from './types.js';

function alreadyJudged(item: EvidenceItem): Problem {
  return { code: 'already-judged', item: item.kind, accepted: item.verdict === 'accepted' };
}

export function createEvidenceVerdicts(ctx: EvidenceContext) {
  const { store, clock, live, after, receiptOf } = ctx;
  return {
    /** The vetting a file or link belongs to, or null: a refusal about it names that vetting only to those who may see it. */
    async interviewOfItem(itemId: number): Promise<number | null> {
      return (await store.evidence.getItem(itemId))?.interviewId ?? null;
    },

    /** The "Not sufficient" modal's subject: a file or link still waiting for a verdict, for evaluators and admins. */
    async verdictForm(actor: Actor, itemId: number): Promise<Opening<{ item: EvidenceItem; question: QuestionRef; vendor: string }>> {
      const item = await store.evidence.getItem(itemId);
      const s = item ? await live(item.interviewId) : null;
      if (!item || !s) return { kind: 'not-found', problem: { code: 'item-gone' } };
      const allowed = mayManageEvidence(actor, rolesOf(s));
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      if (item.verdict !== null) return { kind: 'not-found', problem: alreadyJudged(item) };
      return { kind: 'ok', view: { item, question: refOf(s, item.questionId), vendor: s.interview.vendor.name } };
    },

    /**
     * Accepts a file or link as evidence, or finds it not sufficient (with a reason). Accepting records the
     * evaluator's answer (an admin's acceptance: the lead's) as "evidence shown" and fulfils the question's open request, in one transaction; the score
     * and flags follow. A verdict is given once: a second click, here or on another instance, changes nothing.
     */
    async decide(input: { itemId: number; actor: Actor; verdict: EvidenceVerdict; reason?: string }): Promise<VerdictOutcome> {
      const item = await store.evidence.getItem(input.itemId);
      const s = item ? await live(item.interviewId) : null;
      if (!item || !s) return { kind: 'not-found', problem: { code: 'item-gone' } };
      const allowed = mayManageEvidence(input.actor, rolesOf(s));
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      const reason = input.verdict === 'not_sufficient' ? requestError(input.reason ?? '', { code: 'missing-what' }) : null;
      if (reason) return { kind: 'invalid', errors: { reason } };
      const at = clock();
      const by = input.actor.userId;
      const decided = await store.transaction(async (trx) => {
        if (!(await trx.evidence.decideItem({ itemId: item.id, verdict: input.verdict, by, reason: input.verdict === 'not_sufficient' ? (input.reason ?? '').trim() : null }, at))) return false;
        if (input.verdict === 'accepted') {
          // Answers are the evaluators' own: an admin outside the vetting records the verdict and fulfils the
          // request, and the evidence shown goes on the lead's answer (the audit says who did it).
          const evaluatorId = countsAsEvaluator(input.actor, rolesOf(s)) ? by : s.interview.startedBy;
          // A link by its address, never its label (which could pass for another address).
          const seen = item.kind === 'file' ? `accepted file ${item.name ?? item.fileId ?? ''}`.trim() : `accepted link ${item.url ?? ''}`.trim();
          await recordAnswer(trx, at, { interview: s.interview, questionId: item.questionId, evaluatorId, by, action: { kind: 'evidence', state: 'shown', seen } });
          const request = await trx.evidence.getRequest(item.interviewId, item.questionId);
          if (request?.status === 'open')
            await trx.evidence.closeRequest(
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
      const fresh = (await store.evidence.getItem(item.id))!;
      if (!decided) return { kind: 'not-found', problem: alreadyJudged(fresh) };
      const { question, revisedSummary } = await after(item.interviewId, item.questionId);
      const snapshot = scoreSnapshot((await readSnapshotById(store, item.interviewId))!, clock);
      const receipt = receiptOf(snapshot, item.questionId, await store.evidence.listItemsOfMessage(item.interviewId, item.sourceTs));
      return { kind: 'decided', item: fresh, receipt, question, revisedSummary };
    },
  };
}
