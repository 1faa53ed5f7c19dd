// What is recorded: an interview's start, answers, notes and evaluator changes, each in one transaction with its
// audit row. Callers decide whether the act is allowed (permissions.ts); these only write.
import type { Answer, Interview } from '../model.js';
import {
  AUDIT_OPINIONS,
  EVIDENCE_STATES,
  naAllowedFor,
  topLevel,
  type EngagementModel,
  type FactValue,
  type InterviewVariant,
  type Question,
  type QuestionBank,
  type ReportQuality,
} from '../questions/model.js';
import type { AnswerStatus } from '../scoring/types.js';
import type { AnswerChange } from '../store/answers.js';
import type { Store } from '../store/store.js';
import type { AnswerWay, Problem } from './problems.js';
import type { AnswerAction } from './views.js';

/** An answer's recorded value, as the audit log keeps it before and after a change. */
export interface AnswerValue {
  status: AnswerStatus;
  level: number | null;
  evidence: Answer['evidence'];
  fact: FactValue | null;
  choices: readonly string[] | null;
  text: string | null;
  naReason: string | null;
  evidenceSeen: string | null;
}

/** The fields an action sets; evidence alone leaves status and level as they were. */
type Change = Omit<AnswerChange, 'interviewId' | 'questionId' | 'evaluatorId'>;

// Any change of the answer itself ends an N/A, and with it its reason and confirmation; a new N/A needs a new one.
const NO_NA = { naReason: null, naConfirmedBy: null } as const;

function toChange(action: AnswerAction): Change {
  switch (action.kind) {
    case 'rate':
      return { status: 'rated', level: action.level, ...NO_NA };
    case 'na':
      return { status: 'na', level: null, fact: null, naReason: action.reason.trim(), naConfirmedBy: null };
    case 'skip':
      return { status: 'skipped', level: null, fact: null, ...NO_NA };
    case 'evidence':
      // What was seen goes with "shown" only: another state forgets it.
      return { evidence: action.state, evidenceSeen: action.state === 'shown' ? action.seen?.trim() || null : null };
    case 'fact':
      return { status: 'rated', level: null, fact: action.value, ...NO_NA };
    case 'choose':
      return { status: 'rated', level: null, choices: action.choices, ...NO_NA };
    case 'text':
      return { status: 'rated', level: null, text: action.value, ...NO_NA };
  }
}

/** What a change makes of an answer (a first one starts pending, with nothing set). */
function applyChange(previous: AnswerValue | null, c: Change): AnswerValue {
  const base: AnswerValue = previous ?? { status: 'pending', level: null, evidence: null, fact: null, choices: null, text: null, naReason: null, evidenceSeen: null };
  return {
    status: c.status ?? base.status,
    level: c.level !== undefined ? c.level : base.level,
    evidence: c.evidence !== undefined ? c.evidence : base.evidence,
    fact: c.fact !== undefined ? c.fact : base.fact,
    choices: c.choices !== undefined ? c.choices : base.choices,
    text: c.text !== undefined ? c.text : base.text,
    naReason: c.naReason !== undefined ? c.naReason : base.naReason,
    evidenceSeen: c.evidenceSeen !== undefined ? c.evidenceSeen : base.evidenceSeen,
  };
}

function answerValue(a: Answer): AnswerValue {
  return { status: a.status, level: a.level, evidence: a.evidence, fact: a.fact, choices: a.choices, text: a.text, naReason: a.naReason, evidenceSeen: a.evidenceSeen };
}

function sameValue(a: AnswerValue, b: AnswerValue): boolean {
  return (
    a.status === b.status &&
    a.level === b.level &&
    a.evidence === b.evidence &&
    JSON.stringify(a.fact) === JSON.stringify(b.fact) &&
    JSON.stringify(a.choices) === JSON.stringify(b.choices) &&
    a.text === b.text &&
    a.naReason === b.naReason &&
    a.evidenceSeen === b.evidenceSeen
  );
}

export const MAX_NA_REASON = 500;
export const MAX_EVIDENCE_SEEN = 300;

/** Why an action does not fit the question in an interview of this engagement model, or null when it does. */
export function actionProblem(q: Question, action: AnswerAction, model: EngagementModel | null): Problem | null {
  switch (action.kind) {
    case 'rate':
      if (q.fact) return { code: 'fact-not-rating', question: q.title, label: q.fact.label };
      if (q.answer) return { code: 'not-rated', question: q.title, way: answerWay(q) };
      return Number.isInteger(action.level) && action.level >= 0 && action.level <= topLevel(q) ? null : { code: 'no-rating-level', level: action.level };
    case 'evidence':
      if (!EVIDENCE_STATES.includes(action.state)) return { code: 'unknown-evidence-state', state: String(action.state) };
      return (action.seen?.trim().length ?? 0) > MAX_EVIDENCE_SEEN ? { code: 'seen-too-long', max: MAX_EVIDENCE_SEEN } : null;
    case 'fact':
      return factProblem(q, action.value);
    case 'choose':
      return choiceProblem(q, action.choices);
    case 'text':
      if (q.answer?.type !== 'text') return { code: 'no-text-answer', question: q.title, way: answerWay(q) };
      return action.value.trim() === '' ? { code: 'answer-empty' } : null;
    case 'na':
      return naProblem(q, action.reason, model);
    case 'skip':
      return null;
  }
}

/** How a question is answered, for a problem with an answer that does not fit it. */
function answerWay(q: Question): AnswerWay {
  if (q.fact) return { way: 'fact', label: q.fact.label };
  switch (q.answer?.type) {
    case undefined:
      return { way: 'rubric' };
    case 'one':
    case 'yesno':
      return { way: 'one' };
    case 'many':
      return { way: 'many' };
    case 'text':
      return { way: 'text' };
    case 'upload':
      return { way: 'upload' };
  }
}

function choiceProblem(q: Question, chosen: readonly string[]): Problem | null {
  if (!q.answer || !('choices' in q.answer)) return { code: 'no-choices', question: q.title, way: answerWay(q) };
  const ids = q.answer.choices.map((c) => c.id);
  const unknown = chosen.filter((c) => !ids.includes(c));
  if (unknown.length > 0) return { code: 'unknown-choices', question: q.title, choices: unknown };
  if (q.answer.type !== 'many' && chosen.length !== 1) return { code: 'one-choice', question: q.title };
  return new Set(chosen).size === chosen.length ? null : { code: 'choice-twice' };
}

/** N/A is a claim: only where the bank says the question may not apply, and with a reason. */
export function naProblem(q: Question, reason: string, model: EngagementModel | null): Problem | null {
  const refused = naRefusal(q, model);
  if (refused) return refused;
  if (reason.trim() === '') return { code: 'na-reason-missing', question: q.title, condition: q.naAllowed!.condition };
  if (reason.trim().length > MAX_NA_REASON) return { code: 'na-reason-too-long', max: MAX_NA_REASON };
  return null;
}

/**
 * Why an N/A cannot take this question out of play: someone rated or answered it in this vetting (the answer may
 * since have become a skip or an N/A). An examined question stays examined, so an N/A can never launder a bad answer.
 */
export function naAfterAnswer(q: Question, answers: readonly Answer[]): Problem | null {
  const examined = answers.some((a) => a.questionId === q.id && (a.status === 'rated' || a.answeredBefore));
  return examined ? { code: 'na-after-answer', question: q.title } : null;
}

/** Why the question may not be marked N/A at all in an interview of this model, or null when it may. */
export function naRefusal(q: Question, model: EngagementModel | null): Problem | null {
  if (naAllowedFor(q, model)) return null;
  return { code: 'na-not-allowed', question: q.title, models: q.naAllowed?.models ?? null };
}

function factProblem(q: Question, value: FactValue): Problem | null {
  if (!q.fact) return { code: 'rating-not-fact', question: q.title };
  if (value.type === 'none') return null;
  if (value.type !== q.fact.type) return { code: 'fact-type', question: q.title, expected: q.fact.type, given: value.type };
  if (value.type === 'date' && (!/^\d{4}-\d{2}-\d{2}$/.test(value.value) || Number.isNaN(Date.parse(value.value)))) return { code: 'not-a-date', value: value.value };
  if (value.type === 'date' && value.report) return reportProblem(q, value.report);
  if (value.type === 'number' && !Number.isFinite(value.value)) return { code: 'number-expected' };
  if (value.type === 'number' && value.value < 0) return { code: 'number-negative' };
  if (value.type === 'list' && value.value.length === 0) return { code: 'names-empty' };
  return null;
}

function reportProblem(q: Question, r: ReportQuality): Problem | null {
  if (q.fact?.type !== 'date' || !q.fact.reads) return { code: 'date-not-report', question: q.title };
  const counts = [r.exceptions, r.openCritical, r.openHigh].filter((n) => n !== undefined);
  if (counts.some((n) => !Number.isInteger(n) || n < 0)) return { code: 'report-counts' };
  if (r.opinion !== undefined && !AUDIT_OPINIONS.includes(r.opinion)) return { code: 'report-opinion', opinions: AUDIT_OPINIONS };
  return null;
}

export interface NewStart {
  vendorName: string;
  model: EngagementModel | null;
  variant: InterviewVariant;
  channelId: string;
  lead: string;
  /** Named evaluators besides the lead. */
  evaluators: readonly string[];
  bank: QuestionBank;
  questions: Question[];
  first: Question;
  /** The `/vet advise` decision the model came from, if it was started from one. */
  decisionId: number | null;
}

/**
 * Creates the interview with its first question asked, the lead and the named evaluators; null when the vendor
 * already has an interview in progress in the channel.
 */
export async function recordStart(store: Store, at: Date, n: NewStart): Promise<number | null> {
  return store.transaction(async (trx) => {
    const vendor = await trx.vendors.findOrCreateVendor(n.vendorName, at);
    const id = await trx.interviews.insertInterview({
      vendorId: vendor.id,
      // Spelled as typed (cleaned by the flow), not as the vendor was first vetted, perhaps out of this person's sight.
      vendorName: n.vendorName,
      channelId: n.channelId,
      model: n.model,
      variant: n.variant,
      bankId: n.bank.id,
      bankVersion: n.bank.version,
      questions: n.questions,
      startedBy: n.lead,
      startedAt: at,
    });
    if (id === null) return null;
    await trx.interviews.insertAsked(id, n.first.id, 1, at);
    await trx.audit.writeAudit(at, {
      actor: n.lead,
      action: 'interview.started',
      interviewId: id,
      detail: { vendor: n.vendorName, model: n.model, variant: n.variant, bank: `${n.bank.id}@${n.bank.version}` },
    });
    // The decision its model came from is part of the record from the start, never a step that could be lost.
    if (n.decisionId !== null) await trx.decisions.linkInterview(id, n.decisionId, n.lead, at);
    await trx.interviews.addEvaluators(id, [n.lead], n.lead, at);
    for (const userId of await trx.interviews.addEvaluators(id, n.evaluators, n.lead, at)) {
      await trx.audit.writeAudit(at, { actor: n.lead, action: 'evaluator.added', interviewId: id, detail: { userId } });
    }
    return id;
  });
}

/** What recording an answer did. */
export interface Recorded {
  changed: boolean;
  /** The interview's answers after it, when they are known without reading them again (see recordAnswer). */
  answers: Answer[] | null;
}

/**
 * Records an answer unless it is already recorded as given (a redelivery or a double click); `changed` says whether
 * it was. The audit row keeps the value before and after, and who acted (`by`, when someone records it on the
 * evaluator's behalf: an admin accepting evidence).
 *
 * `locked`: the interview's answers as read under its lock in the caller's transaction. Then nothing is read again and
 * the answers after come back; without it, the interview is locked and the evaluator's answer read here.
 */
export async function recordAnswer(
  store: Store,
  at: Date,
  a: { interview: Interview; questionId: string; evaluatorId: string; action: AnswerAction; by?: string },
  locked?: readonly Answer[],
): Promise<Recorded> {
  // Inside the caller's transaction when there is one: accepting evidence records "shown" with its verdict.
  return store.transaction(async (trx) => {
    const mine = (x: Answer) => x.questionId === a.questionId && x.evaluatorId === a.evaluatorId;
    // Read in the transaction, one recording per interview at a time across instances: another click by the same
    // person (a double click reaching two instances) may have changed it since the interview was read.
    if (!locked) await trx.interviews.lockInterview(a.interview.id);
    const stored = locked ? (locked.find(mine) ?? null) : await trx.answers.getAnswer(a.interview.id, a.questionId, a.evaluatorId);
    const previous = stored ? answerValue(stored) : null;
    const change = toChange(a.action);
    const next = applyChange(previous, change);
    if (previous && sameValue(previous, next)) return { changed: false, answers: locked ? [...locked] : null };
    const by = a.by ?? a.evaluatorId;
    const written = await trx.answers.upsertAnswer({ interviewId: a.interview.id, questionId: a.questionId, evaluatorId: a.evaluatorId, ...change }, at);
    await trx.audit.writeAudit(at, {
      actor: by,
      action: previous ? 'answer.changed' : 'answer.recorded',
      interviewId: a.interview.id,
      detail: { questionId: a.questionId, action: a.action, previous, value: next, ...(by !== a.evaluatorId && { evaluatorId: a.evaluatorId }) },
    });
    // A confirmed N/A never stands beside a rating: the rating says the question applied.
    const confirmedNa = (x: Answer) => x.questionId === a.questionId && x.status === 'na' && x.naConfirmedBy !== null;
    const mayWithdraw = next.status === 'rated' && (!locked || locked.some(confirmedNa));
    const withdrawn = mayWithdraw ? await trx.answers.withdrawNaConfirmations(a.interview.id, a.questionId, at) : [];
    if (withdrawn.length > 0) {
      await trx.audit.writeAudit(at, { actor: by, action: 'answer.na-confirmation-withdrawn', interviewId: a.interview.id, detail: { questionId: a.questionId, claimedBy: withdrawn } });
    }
    // Answers keep the order they were first given in (listAnswers orders by id): a change stays in its place.
    const answers = !locked || withdrawn.length > 0 ? null : stored ? locked.map((x) => (mine(x) ? written : x)) : [...locked, written];
    return { changed: true, answers };
  });
}

/** Confirms the others' N/As on a question, with one audit row naming whose; returns whose were confirmed. */
export async function recordNaConfirmation(store: Store, at: Date, c: { interviewId: number; questionId: string; by: string }): Promise<string[]> {
  return store.transaction(async (trx) => {
    await trx.interviews.lockInterview(c.interviewId);
    const confirmed = await trx.answers.confirmNa(c.interviewId, c.questionId, c.by, at);
    if (confirmed.length > 0) {
      await trx.audit.writeAudit(at, { actor: c.by, action: 'answer.na-confirmed', interviewId: c.interviewId, detail: { questionId: c.questionId, claimedBy: confirmed } });
    }
    return confirmed;
  });
}

/** Stores a note once per source (a Slack message or modal); true when stored now. */
export async function recordNote(
  store: Store,
  at: Date,
  n: { interviewId: number; questionId: string; authorId: string; counts: boolean; text: string; link: string | null; sourceKey: string },
): Promise<boolean> {
  return store.transaction(async (trx) => {
    const inserted = await trx.notes.insertNote(n, at);
    if (inserted) {
      await trx.audit.writeAudit(at, { actor: n.authorId, action: 'note.added', interviewId: n.interviewId, detail: { questionId: n.questionId, sourceKey: n.sourceKey } });
    }
    return inserted;
  });
}

/** An evaluator's override of a vague judgement, with its reason, and its audit row, in one transaction. */
export async function recordVagueOverride(store: Store, at: Date, o: { interviewId: number; questionId: string; by: string; reason: string; judged: string | null }): Promise<void> {
  await store.transaction(async (trx) => {
    await trx.vagueOverrides.insertVagueOverride(o.interviewId, { questionId: o.questionId, by: o.by, reason: o.reason, at });
    await trx.audit.writeAudit(at, { actor: o.by, action: 'vague.overridden', interviewId: o.interviewId, detail: { questionId: o.questionId, reason: o.reason, judged: o.judged } });
  });
}

/** Adds and removes evaluators, one audit row per person changed; returns who was actually added and removed. */
export async function recordEvaluatorChange(
  store: Store,
  at: Date,
  c: { interviewId: number; by: string; add: readonly string[]; remove: readonly string[] },
): Promise<{ added: string[]; removed: string[] }> {
  return store.transaction(async (trx) => {
    const added = await trx.interviews.addEvaluators(c.interviewId, c.add, c.by, at);
    const removed = await trx.interviews.removeEvaluators(c.interviewId, c.remove);
    for (const userId of added) await trx.audit.writeAudit(at, { actor: c.by, action: 'evaluator.added', interviewId: c.interviewId, detail: { userId } });
    for (const userId of removed) await trx.audit.writeAudit(at, { actor: c.by, action: 'evaluator.removed', interviewId: c.interviewId, detail: { userId } });
    return { added, removed };
  });
}
