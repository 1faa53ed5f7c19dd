// What is known about one interview at one moment: read from the store in one go, scored in memory. A click reads
// this once, and afterwards re-reads only what other clicks may have changed meanwhile (`refresh`).
import { recentlyUsed } from '../recentlyUsed.js';
import type { Answer, AskedQuestion, Clock, EvidenceItem, EvidenceRequest, Interview, Note, RedFlag, VendorChannel } from '../model.js';
import type { Question } from '../questions/model.js';
import { questionsInPlay, scoreInterview, scoreQuestion } from '../scoring/score.js';
import { flagKey, type AnswerInput, type ComputedFlag, type Scorecard } from '../scoring/types.js';
import type { Store } from '../store/store.js';
import type { VagueOverride } from '../store/vagueOverrides.js';
import { registerState } from './evidenceRules.js';
import type { Roles } from './permissions.js';
import type { EvaluatorsView, QuestionEvidence, QuestionView } from './views.js';

export interface Snapshot {
  interview: Interview;
  /** The lead first, then the named evaluators. */
  evaluators: string[];
  asked: AskedQuestion[];
  answers: Answer[];
  /** Every note, whoever wrote it. */
  notes: Note[];
  flags: RedFlag[];
  /** Evidence requested, one per question at most, and the files and links shared in the thread. */
  requests: EvidenceRequest[];
  items: EvidenceItem[];
  /** The vendor's own Slack Connect channel, when the vendor answers there. */
  vendorChannel: VendorChannel | null;
  /** Evaluators' overrides of a vague judgement, oldest first. */
  vagueOverrides: VagueOverride[];
  /**
   * The interview's revision (store: every change to it or under it counts one), when all of the above was read
   * after it and so is at least that new; null when some of it may be older.
   */
  revision: number | null;
}

export interface Scored extends Snapshot {
  scorecard: Scorecard;
  inPlay: Question[];
  scoreAnswers: AnswerInput[];
  /** The notes that count: the evaluators'. */
  counted: Note[];
  /** The moment scored: the completion for a completed interview, so its record does not age. */
  now: Date;
  /** The real now, at which evidence (chased after the call) is judged. */
  evidenceNow: Date;
}

function leadFirst(lead: string, evaluators: readonly string[]): string[] {
  return [lead, ...evaluators.filter((e) => e !== lead)];
}

/** `revision`: the interview's, read with `interview` before anything else (readSnapshotById); null when not known. */
export async function readSnapshot(store: Store, interview: Interview, revision: number | null = null): Promise<Snapshot> {
  const [evaluators, asked, answers, notes, flags, requests, items, vendorChannel, vagueOverrides] = await Promise.all([
    store.interviews.listEvaluators(interview.id),
    store.interviews.listAsked(interview.id),
    store.answers.listAnswers(interview.id),
    store.notes.listNotes(interview.id),
    store.flags.listFlags(interview.id),
    store.evidence.listRequests(interview.id),
    store.evidence.listItems(interview.id),
    store.vendorChannel.getVendorChannel(interview.id),
    store.vagueOverrides.listVagueOverrides(interview.id),
  ]);
  return { interview, evaluators: leadFirst(interview.startedBy, evaluators), asked, answers, notes, flags, requests, items, vendorChannel, vagueOverrides, revision };
}

export async function readSnapshotById(store: Store, interviewId: number): Promise<Snapshot | null> {
  const found = await store.interviews.getRevisedInterview(interviewId);
  return found ? readSnapshot(store, found.interview, found.revision) : null;
}

/**
 * Reads again what other clicks may have changed since `s` was read: the questions asked, the answers, the notes and
 * the overrides of vague judgements. (Evidence changes through the evidence flow, which reads the interview afresh.)
 * The rest may be older than what is read now, so the revision is no longer known.
 */
export async function refresh(store: Store, s: Snapshot): Promise<Snapshot> {
  const id = s.interview.id;
  const [asked, answers, notes, vagueOverrides] = await Promise.all([
    store.interviews.listAsked(id),
    store.answers.listAnswers(id),
    store.notes.listNotes(id),
    store.vagueOverrides.listVagueOverrides(id),
  ]);
  return { ...s, asked, answers, notes, vagueOverrides, revision: null };
}

export function rolesOf(s: Pick<Snapshot, 'interview' | 'evaluators'>): Roles {
  return { vendor: s.interview.vendor.name, lead: s.interview.startedBy, evaluators: s.evaluators };
}

/**
 * Scores a snapshot. Only the evaluators' notes judge anything; what others wrote is kept but counts for nothing.
 * A resolved flag no longer raises the tier; an accepted one still does: its risk is known and owned, not gone, and
 * the verdict says who accepted it until when.
 */
export function scoreSnapshot(s: Snapshot, clock: Clock, extraFlags?: readonly ComputedFlag[], minEvaluators?: number): Scored {
  const counted = s.notes.filter((n) => n.counts);
  const scoreAnswers = s.answers.map((a) => ({ ...a, updatedAt: a.updatedAt.toISOString() }));
  const evidenceNow = clock();
  const now = s.interview.completedAt ?? evidenceNow;
  const acceptedEvidence = acceptedQuestions(s.items);
  const scorecard = scoreInterview({
    acceptedEvidence,
    questions: s.interview.questions,
    answers: scoreAnswers,
    notes: counted,
    model: s.interview.model,
    now,
    closedFlags: new Set(s.flags.filter((f) => f.status === 'resolved').map(flagKey)),
    variant: s.interview.variant,
    ...(minEvaluators !== undefined && { minEvaluators }),
    vagueOverrides: s.vagueOverrides,
    ...(extraFlags && { extraFlags }),
    // Evidence is chased after the call: judged at the real now, even for a completed interview.
    evidence: {
      requests: s.requests.map((r) => ({ questionId: r.questionId, open: r.status === 'open', dueOn: r.dueOn, overdueFrom: r.dueAt.toISOString() })),
      asOf: evidenceNow,
    },
  });
  const results = new Map(scorecard.questions.map((r) => [r.questionId, r]));
  return { ...s, scorecard, inPlay: questionsInPlay(s.interview.questions, results), scoreAnswers, counted, now, evidenceNow };
}

/** Questions with a file or link accepted as evidence. */
function acceptedQuestions(items: readonly EvidenceItem[]): Set<string> {
  return new Set(items.filter((i) => i.verdict === 'accepted').map((i) => i.questionId));
}

/** Questions in play, or asked when more were asked than are in play now (a later rating dropped a follow-up). */
export function totalQuestions(s: Scored): number {
  return Math.max(s.inPlay.length, s.asked.length);
}

export function questionView(s: Scored, questionId: string): QuestionView {
  const question = s.interview.questions.find((q) => q.id === questionId)!;
  const asked = s.asked.find((a) => a.questionId === questionId);
  return {
    interview: s.interview,
    question,
    position: asked?.position ?? s.asked.length + 1,
    total: totalQuestions(s),
    answers: s.answers.filter((a) => a.questionId === questionId),
    notes: s.counted.filter((n) => n.questionId === questionId),
    result:
      s.scorecard.questions.find((r) => r.questionId === questionId) ??
      scoreQuestion(question, s.scoreAnswers, s.now, null, { model: s.interview.model, evidenceAccepted: acceptedQuestions(s.items).has(questionId) }),
    messageTs: asked?.messageTs ?? null,
    evidence: questionEvidence(s, questionId),
    vendorChannelId: s.vendorChannel?.threadTs ? s.vendorChannel.channelId : null,
    revision: s.revision,
  };
}

/** The evidence of one question: its request, what was shared for it, and its state in the register. */
export function questionEvidence(s: Scored, questionId: string): QuestionEvidence {
  const request = s.requests.find((r) => r.questionId === questionId) ?? null;
  const items = s.items.filter((i) => i.questionId === questionId);
  return { request, items, state: registerState(request, items, s.evidenceNow) };
}

export function evaluatorsView(s: Scored): EvaluatorsView {
  const completed = s.interview.status === 'completed' ? s.scorecard : null;
  // A completed interview's parent message counts what its summary counts.
  return { interview: s.interview, evaluators: s.evaluators, total: completed ? completed.counts.total : totalQuestions(s), completed };
}

/**
 * The interviews this process read last, each at the revision it was read at. A click checks the revision (under the
 * interview's lock, or with one small read) instead of reading the whole interview again; any change made anywhere,
 * by any instance, moves the revision on and so retires what is kept. Snapshots are shared: nothing may change one.
 */
export function snapshotCache(kept = 64) {
  const snapshots = recentlyUsed<number, Snapshot>(kept);
  return {
    get(interviewId: number): Snapshot | null {
      return snapshots.get(interviewId) ?? null;
    },
    /** Keeps `s` when its revision is known, else forgets the interview. */
    put(s: Snapshot): void {
      if (s.revision === null) snapshots.delete(s.interview.id);
      else snapshots.set(s.interview.id, s);
    },
    forget(interviewId: number): void {
      snapshots.delete(interviewId);
    },
  };
}
