// The evidence register (`/vet evidence`, the reports) and the lists of open requests: what a person chases (Home
// tab) and what is overdue in a channel's vettings (its digest).
import type { Interview } from '../../model.js';
import { factStaleOn } from '../../scoring/facts.js';
import { registerState } from '../evidenceRules.js';
import { findVisibleVendor, visibleInterviews } from '../seen.js';
import { readSnapshot, scoreSnapshot, type Scored } from '../state.js';
import type { Visibility } from '../visibility.js';
import type { EvidenceContext } from './context.js';
import type { ChasedRequest, EvidenceRegister, ExpiryView, RegisterEntry, RegisterOutcome } from './types.js';

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

export function createEvidenceRegister(ctx: EvidenceContext) {
  const { store, clock, chasedList } = ctx;
  return {
    /** `/vet evidence <vendor>`: the register of the vendor's latest vetting `v` may see. */
    async register(vendorName: string, v: Visibility): Promise<RegisterOutcome> {
      const found = await findVisibleVendor(store, v, vendorName);
      if (!found.ok) return { kind: 'not-found', problem: found.problem };
      const latest = found.interviews.find((i) => i.status !== 'abandoned');
      if (!latest) return { kind: 'not-found', problem: { code: 'no-evidence-yet', vendor: found.vendor.name } };
      return { kind: 'found', register: buildRegister(scoreSnapshot(await readSnapshot(store, latest), clock)) };
    },

    /** The register of one interview, for its reports. */
    async registerOf(interview: Interview): Promise<EvidenceRegister> {
      return buildRegister(scoreSnapshot(await readSnapshot(store, interview), clock));
    },

    /** The open requests `userId` chases, in the vettings `v` may see, soonest due first: their Home tab. */
    async chasedBy(userId: string, v: Visibility): Promise<ChasedRequest[]> {
      const seen = new Set((await visibleInterviews(store, v)).map((i) => i.id));
      return chasedList(
        (await store.evidence.listOpenRequests(userId)).filter((r) => seen.has(r.interviewId)),
        clock(),
      );
    },

    /** Open requests past their due date in the interviews given (a channel's, for its digest), most overdue first. */
    async overdueIn(interviewIds: readonly number[]): Promise<ChasedRequest[]> {
      const now = clock();
      const ids = new Set(interviewIds);
      const overdue = (await store.evidence.listOpenRequests(null)).filter((r) => ids.has(r.interviewId) && r.dueAt <= now);
      return chasedList(overdue, now);
    },
  };
}
