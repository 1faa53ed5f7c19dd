// What every part of the evidence flow shares: the store and clock, how an interview is read (live, or as it stands
// after a change), a request's default terms, and how a request or a receipt is described to people.
import type { EvidenceItem, EvidenceRequest } from '../../model.js';
import type { RequestTerms } from '../../store/evidence.js';
import { calendarDay } from '../../time.js';
import { daysBetween, defaultDueOn, MAX_REASON_LENGTH, overdueFrom, registerState } from '../evidenceRules.js';
import type { Problem } from '../problems.js';
import { questionView, readSnapshotById, scoreSnapshot, type Snapshot } from '../state.js';
import { createSummaries } from '../summary.js';
import type { QuestionView, SummaryView } from '../views.js';
import type { ChasedRequest, EvidenceDeps, QuestionRef, Receipt } from './types.js';

export const GONE: Problem = { code: 'interview-gone' };
export const NOT_ASKED: Problem = { code: 'question-not-asked' };

export function refOf(s: Snapshot, questionId: string): QuestionRef {
  const q = s.interview.questions.find((x) => x.id === questionId);
  return { id: questionId, title: q?.title ?? questionId, position: s.asked.find((a) => a.questionId === questionId)?.position ?? null };
}

export function requestError(reason: string, empty: Problem): Problem | null {
  if (reason.trim() === '') return empty;
  if (reason.length > MAX_REASON_LENGTH) return { code: 'too-long', max: MAX_REASON_LENGTH };
  return null;
}

export function createEvidenceContext({ store, clock, timeZone, dueDays, interviews, channels, minEvaluators }: EvidenceDeps) {
  const summaries = createSummaries({ store, clock, timeZone, ...(channels && { channels }), ...(minEvaluators !== undefined && { minEvaluators }) });

  async function live(interviewId: number): Promise<Snapshot | null> {
    const s = await readSnapshotById(store, interviewId);
    return s && s.interview.status !== 'abandoned' ? s : null;
  }

  /** The question as it stands now, and the summary of a completed interview brought in line (flags follow). */
  async function after(interviewId: number, questionId: string): Promise<{ question: QuestionView; revisedSummary: SummaryView | null }> {
    const s = (await readSnapshotById(store, interviewId))!;
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
      if (!snapshots.has(r.interviewId)) snapshots.set(r.interviewId, await readSnapshotById(store, r.interviewId));
      const s = snapshots.get(r.interviewId);
      if (s) out.push(chased(s, r, now));
    }
    return out;
  }

  return { store, clock, timeZone, interviews, summaries, live, after, defaults, receiptOf, chased, chasedList };
}

export type EvidenceContext = ReturnType<typeof createEvidenceContext>;
