// The interview as a state machine over the store. Everything needed to continue lives in the database, so a
// restarted process resumes exactly where the last one stopped. Returns view models; knows nothing of Slack.
// Who may act is asked of permissions.ts, what is written lives in record.ts, what comes next in advance.ts; a
// click reads the interview once (state.ts) and re-reads only what other clicks may have changed since.
import type { Clock, Interview } from '../model.js';
import type { EngagementModel, InterviewVariant, Question, QuestionBank } from '../questions/model.js';
import { selectQuestions } from '../questions/select.js';
import { tightenBreachNotice } from '../questions/tighten.js';
import { questionsInPlay } from '../scoring/score.js';
import type { Store } from '../store/store.js';
import type { Actor } from './actor.js';
import { askNext, createAdvance, nextQuestion } from './advance.js';
import { closestNames } from './names.js';
import { countsAsEvaluator, mayAnswer, mayConfirm, mayFinish, mayManageEvaluators, maySeeEvaluators, mayStart, type Permission } from './permissions.js';
import type { Problem } from './problems.js';
import { actionProblem, naAfterAnswer, naProblem, naRefusal, recordAnswer, recordEvaluatorChange, recordNaConfirmation, recordNote, recordStart, recordVagueOverride } from './record.js';
import { evaluatorsView, questionView, readSnapshot, readSnapshotById, refresh, rolesOf, snapshotCache, scoreSnapshot, totalQuestions, type Scored, type Snapshot } from './state.js';
import { createSummaries } from './summary.js';
import type { ChannelLookup, InterviewAccess } from './visibility.js';
import type {
  AnswerAction,
  AnswerOutcome,
  EvaluatorsOutcome,
  EvaluatorsView,
  FinishOutcome,
  NoteOutcome,
  Opening,
  QuestionView,
  StartOutcome,
  StatusView,
  SummaryView,
  VagueOverrideOutcome,
} from './views.js';

export interface InterviewDeps {
  store: Store;
  bank: QuestionBank;
  clock: Clock;
  /** What Slack says of channels, so a re-vet is compared only with an interview its channel may see (see summary.ts). */
  channels?: ChannelLookup;
  /** VET_MIN_EVALUATORS: raters a final verdict needs. */
  minEvaluators?: number;
  /** VET_DIGEST_TZ: the zone an accepted risk's expiry day is told in. */
  timeZone?: string;
}

export interface StartInput {
  vendorName: string;
  model: EngagementModel | null;
  variant: InterviewVariant;
  channelId: string;
  /** Who typed `/vet start`: the lead, an evaluator from the start. */
  lead: Actor;
  /** Evaluators named at the start (`--with`), besides the lead. */
  evaluators: readonly string[];
  /** The engagement-model decision (`/vet advise`) the model comes from, if any. */
  decisionId?: number | null;
}

/**
 * Where a note came from: a reply in the thread (on the question being asked, or the one it names with "Q7:") or the
 * note modal of a question.
 */
export type NoteSource = { kind: 'thread'; messageTs: string; questionId?: string } | { kind: 'modal'; viewId: string; questionId: string };

/** A click that was recorded, before what it completes is settled. */
interface Clicked {
  kind: 'clicked';
  question: Question;
  changed: boolean;
  latest: Scored;
  next: Question | null;
  completes: boolean;
}

export const MAX_VENDOR_NAME = 80;
export const MAX_NOTE_LENGTH = 3000;
/** An override's reason is a sentence or two for the audit, not a second note. */
export const MAX_OVERRIDE_REASON = 500;

/** A question asked this long ago and still not shown is taken as lost by whoever asked it (an instance that died). */
export const UNPOSTED_GRACE_MS = 30_000;
/** How long the one who recovers a lost question holds it: longer than a post, with its retries, takes. */
export const QUESTION_POST_LEASE_MS = 2 * 60_000;

/** The vendor name as it is kept: spacing collapsed. */
export function cleanVendorName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** The first control character in `text` (line breaks and tabs allowed when `lines`), as U+XXXX, or null. */
export function controlCharacter(text: string, lines: boolean): string | null {
  const found = (lines ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/ : /\p{Cc}/u).exec(text);
  return found ? `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** What is wrong with a vendor name (already cleaned), or null when it will do. */
export function vendorNameProblem(name: string): Problem | null {
  // PostgreSQL refuses NUL in text and the others print as nothing: refused by name rather than failing later.
  const control = controlCharacter(name, false);
  if (control) return { code: 'vendor-name-control', character: control };
  if (!/[\p{L}\p{N}]/u.test(name)) return { code: 'vendor-name-no-letter' };
  if (name.length > MAX_VENDOR_NAME) return { code: 'vendor-name-too-long', length: name.length, max: MAX_VENDOR_NAME };
  return null;
}

export function createInterviewFlow({ store, bank, clock, channels, minEvaluators, timeZone }: InterviewDeps) {
  const summaries = createSummaries({ store, clock, channels, minEvaluators, ...(timeZone !== undefined && { timeZone }) });
  const { complete } = createAdvance({ store, clock, summaries });

  const snapshots = snapshotCache();

  /**
   * An interview that can still be acted on, or null when it is gone or was withdrawn: as kept from this instance's
   * last look while its revision says nothing changed since, else read afresh.
   */
  async function live(interviewId: number): Promise<Snapshot | null> {
    const kept = snapshots.get(interviewId);
    const s = kept && (await store.interviews.getRevision(interviewId)) === kept.revision ? kept : await readSnapshotById(store, interviewId);
    if (s) snapshots.put(s);
    else snapshots.forget(interviewId);
    return s && s.interview.status !== 'abandoned' ? s : null;
  }

  /**
   * Who evaluates after a change, as the parent message shows it. What was recorded counts as it did when it was
   * written, so the record itself (scores, flags) does not change with its evaluators.
   */
  async function afterEvaluatorChange(s: Snapshot): Promise<{ view: EvaluatorsView }> {
    return { view: evaluatorsView(scoreSnapshot(await readSnapshot(store, s.interview), clock, undefined, minEvaluators)) };
  }

  async function changeEvaluators(s: Snapshot, actor: Actor, add: readonly string[], remove: readonly string[]): Promise<EvaluatorsOutcome> {
    const allowed = mayManageEvaluators(actor, rolesOf(s));
    if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
    if (remove.includes(s.interview.startedBy)) {
      return { kind: 'invalid', problem: { code: 'lead-stays' } };
    }
    const { added, removed } = await recordEvaluatorChange(store, clock(), { interviewId: s.interview.id, by: actor.userId, add, remove });
    const alreadyIn = add.filter((u) => !added.includes(u));
    const notIn = remove.filter((u) => !removed.includes(u));
    const after = added.length + removed.length > 0 ? await afterEvaluatorChange(s) : { view: evaluatorsView(scoreSnapshot(s, clock, undefined, minEvaluators)) };
    return { kind: 'changed', by: actor.userId, added, removed, alreadyIn, notIn, ...after };
  }

  function opening<T>(allowed: Permission, view: () => T): Opening<T> {
    return allowed.ok ? { kind: 'ok', view: view() } : { kind: 'refused', refusal: allowed.reason };
  }

  return {
    async start(input: StartInput): Promise<StartOutcome> {
      const allowed = mayStart(input.lead);
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      const name = cleanVendorName(input.vendorName);
      const problem = vendorNameProblem(name);
      if (problem) return { kind: 'invalid', problem };
      // A decision about regulated or sensitive work holds its vetting to the full bank and the client's breach bound.
      const vetting = input.decisionId ? (await store.decisions.getDecision(input.decisionId))?.recommendation.vetting : undefined;
      if (vetting?.full && input.variant === 'lite') {
        return { kind: 'invalid', problem: { code: 'quick-screen-not-enough', because: vetting.because } };
      }
      const selected = selectQuestions(bank, input.model, input.variant);
      const questions = vetting?.breachNoticeHours ? tightenBreachNotice(selected, vetting.breachNoticeHours, vetting.because.join(' and ')) : selected;
      if (questions.length === 0) {
        return { kind: 'invalid', problem: { code: 'no-questions', bank: bank.id, variant: input.variant, model: input.model } };
      }
      const id = await recordStart(store, clock(), {
        vendorName: name,
        model: input.model,
        variant: input.variant,
        channelId: input.channelId,
        lead: input.lead.userId,
        evaluators: input.evaluators.filter((e) => e !== input.lead.userId),
        bank,
        questions,
        first: questionsInPlay(questions, new Map())[0]!,
        decisionId: input.decisionId ?? null,
      });
      if (id === null) {
        const vendor = (await store.vendors.findVendor(name))!;
        return { kind: 'already-running', interview: (await store.interviews.findInProgress(vendor.id, input.channelId))! };
      }
      const s = scoreSnapshot((await readSnapshotById(store, id))!, clock, undefined, minEvaluators);
      return { kind: 'started', interview: s.interview, first: questionView(s, s.asked[0]!.questionId), evaluators: evaluatorsView(s) };
    },

    /** Undoes a start whose parent message could not be posted, so the vendor is not left "in progress". */
    async cancelStart(interviewId: number): Promise<void> {
      const answers = await store.answers.listAnswers(interviewId);
      if (answers.length === 0) await store.interviews.deleteInterview(interviewId);
    },

    async attachThread(interviewId: number, threadTs: string): Promise<void> {
      await store.interviews.setThreadTs(interviewId, threadTs);
    },

    async attachSummaryMessage(interviewId: number, ts: string): Promise<void> {
      await store.interviews.setSummaryTs(interviewId, ts);
    },

    async attachQuestionMessage(interviewId: number, questionId: string, messageTs: string): Promise<void> {
      await store.interviews.setQuestionMessage(interviewId, questionId, messageTs);
      // Storing the ts is a change like any other; the interview as kept here stays current if it was the only one.
      const kept = snapshots.get(interviewId);
      if (!kept || kept.revision === null) return;
      const revision = await store.interviews.getRevision(interviewId);
      if (revision !== kept.revision + 1) return snapshots.forget(interviewId);
      snapshots.put({ ...kept, asked: kept.asked.map((a) => (a.questionId === questionId ? { ...a, messageTs } : a)), revision });
    },

    /** `alongside` runs in the answer's transaction (the evidence flow opens or fulfils a request with the mark). */
    async answer(input: { interviewId: number; questionId: string; actor: Actor; action: AnswerAction; alongside?: (trx: Store) => Promise<void> }): Promise<AnswerOutcome> {
      const gone: AnswerOutcome = { kind: 'not-found', problem: { code: 'interview-gone' } };
      let known = snapshots.get(input.interviewId) ?? (await live(input.interviewId));
      if (!known) return gone;
      // One transaction: the answer, and the next question when it moves the interview on. Under the interview's lock
      // what this instance knows is still the record when its revision is, and every check is made on it. When a
      // change landed meanwhile (here or on another instance), the transaction ends at once and the interview is read
      // again outside it, where the reads run side by side and hold no lock; should it change once more before the
      // lock is taken again, it is read inside the transaction.
      const at = clock();
      let clicked: { kind: 'done'; outcome: AnswerOutcome } | { kind: 'stale' } | Clicked = { kind: 'stale' };
      for (let attempt = 1; clicked.kind === 'stale'; attempt++) {
        if (attempt === 2) {
          known = await readSnapshotById(store, input.interviewId);
          if (!known || known.interview.status === 'abandoned') return gone;
        }
        const expected: Snapshot = known;
        clicked = await store.transaction(async (trx): Promise<{ kind: 'done'; outcome: AnswerOutcome } | { kind: 'stale' } | Clicked> => {
          const revision = await trx.interviews.lockInterview(input.interviewId);
          if (revision !== null && revision !== expected.revision && attempt === 1) return { kind: 'stale' };
          const s = revision !== null && revision === expected.revision ? expected : await readSnapshotById(trx, input.interviewId);
          if (!s || s.interview.status === 'abandoned') return { kind: 'done', outcome: gone };
          const allowed = mayAnswer(input.actor, rolesOf(s));
          if (!allowed.ok) return { kind: 'done', outcome: { kind: 'refused', refusal: allowed.reason } };
          const question = s.interview.questions.find((q) => q.id === input.questionId);
          if (!question || !s.asked.some((a) => a.questionId === input.questionId)) {
            return { kind: 'done', outcome: { kind: 'invalid', problem: { code: 'question-not-asked' } } };
          }
          const problem = actionProblem(question, input.action, s.interview.model) ?? (input.action.kind === 'na' ? naAfterAnswer(question, s.answers) : null);
          if (problem) return { kind: 'done', outcome: { kind: 'invalid', problem } };
          const { changed, answers } = await recordAnswer(trx, at, { interview: s.interview, questionId: question.id, evaluatorId: input.actor.userId, action: input.action }, s.answers);
          await input.alongside?.(trx);
          let latest = scoreSnapshot({ ...s, answers: answers ?? (await trx.answers.listAnswers(s.interview.id)) }, clock, undefined, minEvaluators);
          let next: Question | null = null;
          let completes = false;
          // An evidence mark moves on only where it is the answer (an upload question); ticking boxes only with "Done".
          const moves = input.action.kind === 'evidence' ? question.answer?.type === 'upload' : input.action.kind !== 'choose' || input.action.final;
          if (s.interview.status === 'in_progress' && moves && s.asked.at(-1)?.questionId === question.id) {
            next = nextQuestion(latest);
            const asked = next ? await askNext(trx, latest, next, at) : null;
            if (asked) latest = asked;
            else if (next) next = null;
            else completes = true;
          }
          // What `alongside` wrote is not in the snapshot, so its revision is not known then.
          latest = { ...latest, revision: input.alongside ? null : await trx.interviews.getRevision(s.interview.id) };
          return { kind: 'clicked', question, changed, latest, next, completes };
        });
      }
      if (clicked.kind === 'done') {
        snapshots.forget(input.interviewId);
        return clicked.outcome;
      }
      const { question, changed, next } = clicked;
      let latest = clicked.latest;
      let summary: SummaryView | null = null;
      if (clicked.completes) {
        const completed = await complete(latest, input.actor.userId);
        if (completed) {
          summary = completed.summary;
          latest = { ...latest, interview: completed.done.interview, revision: null };
        }
      }
      snapshots.put(latest);
      // An answer that lands on a completed record settles it like any revision.
      const revisedSummary = latest.interview.status === 'completed' && changed && summary === null ? await summaries.settle(latest) : null;
      return { kind: 'recorded', changed, question: questionView(latest, question.id), next: next && questionView(latest, next.id), summary, revisedSummary };
    },

    /**
     * Records a note. A thread reply is kept whoever wrote it (nothing said in the vetting is lost), on the question
     * being asked, but counts only when an evaluator wrote it; the note modal is for evaluators only. The source
     * identifies where it came from, so a redelivered Slack event is stored once.
     */
    async addNote(input: { interviewId: number; actor: Actor; text: string; link?: string | null; source: NoteSource }): Promise<NoteOutcome> {
      const s = await live(input.interviewId);
      if (!s) return { kind: 'ignored', why: 'no-interview' };
      const roles = rolesOf(s);
      if (input.source.kind === 'modal') {
        const allowed = mayAnswer(input.actor, roles);
        if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      } else if (s.interview.status !== 'in_progress') {
        return { kind: 'ignored', why: 'finished' };
      }
      const text = input.text.trim();
      if (text === '') return { kind: 'invalid', problem: { code: 'note-empty' } };
      if (text.length > MAX_NOTE_LENGTH) return { kind: 'invalid', problem: { code: 'note-too-long', length: text.length, max: MAX_NOTE_LENGTH } };
      const control = controlCharacter(text, true);
      if (control) return { kind: 'invalid', problem: { code: 'note-control', character: control } };
      const questionId = input.source.questionId ?? s.asked.at(-1)?.questionId;
      if (!questionId || !s.asked.some((a) => a.questionId === questionId)) return { kind: 'invalid', problem: { code: 'question-not-asked' } };
      const stored = await recordNote(store, clock(), {
        interviewId: s.interview.id,
        questionId,
        authorId: input.actor.userId,
        counts: countsAsEvaluator({ userId: input.actor.userId, external: input.actor.external }, roles),
        text,
        link: input.link ?? null,
        sourceKey: input.source.kind === 'modal' ? `view:${input.source.viewId}` : `msg:${input.source.messageTs}`,
      });
      if (!stored) return { kind: 'duplicate' };
      if (!countsAsEvaluator({ userId: input.actor.userId, external: input.actor.external }, roles)) return { kind: 'kept' };
      const fresh = scoreSnapshot(await refresh(store, s), clock, undefined, minEvaluators);
      const revisedSummary = s.interview.status === 'completed' ? await summaries.settle(fresh) : null;
      return { kind: 'stored', question: questionView(fresh, questionId), revisedSummary };
    },

    /**
     * An evaluator's judgement that the notes on a question are not vague after all (the judgement is a rule, and
     * rules miss): the reason is kept, audited and shown, and the rating counts as given again.
     */
    async overrideVague(input: { interviewId: number; questionId: string; actor: Actor; reason: string }): Promise<VagueOverrideOutcome> {
      const s = await live(input.interviewId);
      if (!s) return { kind: 'not-found', problem: { code: 'interview-gone' } };
      const allowed = mayAnswer(input.actor, rolesOf(s));
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      const reason = input.reason.trim();
      if (reason === '') return { kind: 'invalid', problem: { code: 'override-reason-missing' } };
      if (reason.length > MAX_OVERRIDE_REASON) return { kind: 'invalid', problem: { code: 'override-reason-too-long', length: reason.length, max: MAX_OVERRIDE_REASON } };
      const judged = scoreSnapshot(s, clock).scorecard.questions.find((r) => r.questionId === input.questionId);
      if (!judged) return { kind: 'invalid', problem: { code: 'question-not-asked' } };
      if (!judged.notes?.vague) return { kind: 'invalid', problem: { code: 'not-vague' } };
      await recordVagueOverride(store, clock(), { interviewId: s.interview.id, questionId: input.questionId, by: input.actor.userId, reason, judged: judged.notes.reason });
      const fresh = scoreSnapshot(await refresh(store, s), clock);
      const revisedSummary = s.interview.status === 'completed' ? await summaries.settle(fresh) : null;
      return { kind: 'stored', question: questionView(fresh, input.questionId), revisedSummary };
    },

    async finish(input: { vendorName: string; channelId: string; actor: Actor }): Promise<FinishOutcome> {
      const interview = await this.findInProgress(input.vendorName, input.channelId);
      if (!interview) return { kind: 'not-found', problem: { code: 'none-in-progress', vendor: input.vendorName.trim() } };
      const s = await readSnapshot(store, interview);
      const allowed = mayFinish(input.actor, rolesOf(s));
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      const completed = await complete(s, input.actor.userId);
      return completed ? { kind: 'finished', summary: completed.summary } : { kind: 'already-finished' };
    },

    async findInProgress(vendorName: string, channelId: string): Promise<Interview | null> {
      const vendor = await store.vendors.findVendor(vendorName);
      return vendor ? store.interviews.findInProgress(vendor.id, channelId) : null;
    },

    /** The vendor's latest interview in the channel, whatever its status. */
    async latestInChannel(vendorName: string, channelId: string): Promise<Interview | null> {
      const vendor = await store.vendors.findVendor(vendorName);
      if (!vendor) return null;
      return (await store.interviews.listVendorInterviews(vendor.id)).find((i) => i.channelId === channelId) ?? null;
    },

    async findByThread(channelId: string, threadTs: string): Promise<Interview | null> {
      return store.interviews.findByThread(channelId, threadTs);
    },

    async get(interviewId: number): Promise<Interview | null> {
      return store.interviews.getInterview(interviewId);
    },

    /**
     * Questions asked but never shown in their thread (the instance that asked them died first), each claimed for
     * the caller to find or post: claimed once across instances, so only one of them does it.
     */
    async claimUnposted(): Promise<QuestionView[]> {
      const now = clock();
      const lost = await store.interviews.listUnpostedQuestions(new Date(now.getTime() - UNPOSTED_GRACE_MS), now);
      const claimed: QuestionView[] = [];
      for (const q of lost) {
        if (!(await store.interviews.claimQuestionPost(q.interviewId, q.questionId, now, new Date(now.getTime() + QUESTION_POST_LEASE_MS)))) continue;
        const view = await this.currentQuestion(q.interviewId, q.questionId);
        if (view) claimed.push(view);
      }
      return claimed;
    },

    /** What the visibility rules need of an interview (who may see it), or null when it is gone. */
    async access(interviewId: number): Promise<InterviewAccess | null> {
      const interview = await store.interviews.getInterview(interviewId);
      return interview && { channelId: interview.channelId, startedBy: interview.startedBy, evaluators: await store.interviews.listEvaluators(interviewId) };
    },

    /**
     * currentQuestion for a message that already shows the question at revision `since` (null: not known):
     * 'unchanged' while the interview is still at it, so nothing is read again.
     */
    async questionSince(interviewId: number, questionId: string, since: number | null): Promise<QuestionView | 'unchanged' | null> {
      if (since !== null && (await store.interviews.getRevision(interviewId)) === since) return 'unchanged';
      return this.currentQuestion(interviewId, questionId);
    },

    /** A question as the store has it now (for the message that shows it), or null when it is gone. */
    async currentQuestion(interviewId: number, questionId: string): Promise<QuestionView | null> {
      const s = await live(interviewId);
      if (!s || !s.interview.questions.some((q) => q.id === questionId)) return null;
      return questionView(scoreSnapshot(s, clock, undefined, minEvaluators), questionId);
    },

    /** A question, for a modal that answers it (note, number, names): only for its evaluators. */
    async questionFor(actor: Actor, interviewId: number, questionId: string): Promise<Opening<QuestionView>> {
      const s = await live(interviewId);
      if (!s || !s.interview.questions.some((q) => q.id === questionId)) return { kind: 'not-found', problem: { code: 'interview-gone' } };
      return opening(mayAnswer(actor, rolesOf(s)), () => questionView(scoreSnapshot(s, clock, undefined, minEvaluators), questionId));
    },

    /**
     * A question, for the N/A modal: only for its evaluators, and only where the bank says it may not apply (a
     * forged click elsewhere is told why, and opens nothing).
     */
    async naFor(actor: Actor, interviewId: number, questionId: string): Promise<Opening<QuestionView> | { kind: 'invalid'; problem: Problem }> {
      const s = await live(interviewId);
      const question = s?.interview.questions.find((q) => q.id === questionId);
      if (!s || !question) return { kind: 'not-found', problem: { code: 'interview-gone' } };
      const allowed = mayAnswer(actor, rolesOf(s));
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      // The reason is asked next: only whether N/A is allowed at all is checked here.
      const problem = naRefusal(question, s.interview.model) ?? naAfterAnswer(question, s.answers);
      if (problem) return { kind: 'invalid', problem };
      return { kind: 'ok', view: questionView(scoreSnapshot(s, clock), questionId) };
    },

    /**
     * A second person confirms the N/A others claimed on a question (another evaluator, a risk owner or an admin):
     * until then it counts as not examined.
     */
    async confirmNa(input: { interviewId: number; questionId: string; actor: Actor }): Promise<AnswerOutcome> {
      const s = await live(input.interviewId);
      const question = s?.interview.questions.find((q) => q.id === input.questionId);
      if (!s || !question) return { kind: 'not-found', problem: { code: 'interview-gone' } };
      const claims = s.answers.filter((a) => a.questionId === question.id && a.status === 'na' && a.naConfirmedBy === null && (a.naReason ?? '').trim() !== '');
      if (claims.length === 0) return { kind: 'invalid', problem: { code: 'na-not-waiting', question: question.title } };
      const examined = naAfterAnswer(question, s.answers);
      if (examined) return { kind: 'invalid', problem: examined };
      const others = claims.filter((a) => a.evaluatorId !== input.actor.userId);
      const allowed = mayConfirm(input.actor, rolesOf(s), 'confirm-na', (others[0] ?? claims[0]!).evaluatorId);
      if (!allowed.ok) return { kind: 'refused', refusal: allowed.reason };
      const problem = naProblem(question, others[0]!.naReason ?? '', s.interview.model);
      if (problem) return { kind: 'invalid', problem };
      const confirmed = await recordNaConfirmation(store, clock(), { interviewId: s.interview.id, questionId: question.id, by: input.actor.userId });
      const fresh = scoreSnapshot(await refresh(store, s), clock);
      const revisedSummary = s.interview.status === 'completed' && confirmed.length > 0 ? await summaries.settle(fresh) : null;
      return { kind: 'recorded', changed: confirmed.length > 0, question: questionView(fresh, question.id), next: null, summary: null, revisedSummary };
    },

    /** The evaluators, for the picker that changes them: only for the lead and admins. */
    async evaluatorsFor(actor: Actor, interviewId: number): Promise<Opening<EvaluatorsView>> {
      const s = await live(interviewId);
      if (!s) return { kind: 'not-found', problem: { code: 'interview-gone' } };
      return opening(mayManageEvaluators(actor, rolesOf(s)), () => evaluatorsView(scoreSnapshot(s, clock, undefined, minEvaluators)));
    },

    /**
     * The vendor's latest interview in the channel, for `/vet evaluators`, or why there is none. Only names vetted in
     * this channel are suggested, so the answer says nothing about vettings elsewhere.
     */
    async inChannel(vendorName: string, channelId: string): Promise<{ ok: true; interview: Interview } | { ok: false; problem: Problem }> {
      const interview = await this.latestInChannel(vendorName, channelId);
      if (interview && interview.status !== 'abandoned') return { ok: true, interview };
      const here = [...new Set((await store.interviews.listChannelInterviews(channelId)).map((i) => i.vendor.name))];
      const close = closestNames(vendorName, here);
      return { ok: false, problem: { code: 'not-vetted-here', vendor: vendorName.trim(), suggestions: close } };
    },

    async listEvaluators(actor: Actor, interviewId: number): Promise<Opening<EvaluatorsView>> {
      const s = await live(interviewId);
      if (!s) return { kind: 'not-found', problem: { code: 'interview-gone' } };
      return opening(maySeeEvaluators(actor), () => evaluatorsView(scoreSnapshot(s, clock, undefined, minEvaluators)));
    },

    /** `/vet evaluators <vendor> add|remove @people`: the lead or an admin adds or removes evaluators. */
    async changeEvaluators(input: { interviewId: number; actor: Actor; add: readonly string[]; remove: readonly string[] }): Promise<EvaluatorsOutcome> {
      const s = await live(input.interviewId);
      if (!s) return { kind: 'not-found', problem: { code: 'interview-gone' } };
      return changeEvaluators(s, input.actor, input.add, input.remove);
    },

    /** The Evaluators picker: the lead or an admin sets who evaluates; the lead stays. */
    async setEvaluators(input: { interviewId: number; actor: Actor; evaluators: readonly string[] }): Promise<EvaluatorsOutcome> {
      const s = await live(input.interviewId);
      if (!s) return { kind: 'not-found', problem: { code: 'interview-gone' } };
      const add = input.evaluators.filter((u) => !s.evaluators.includes(u));
      const remove = s.evaluators.filter((u) => !input.evaluators.includes(u));
      return changeEvaluators(s, input.actor, add, remove);
    },

    async status(interview: Interview): Promise<StatusView> {
      const s = scoreSnapshot(await readSnapshot(store, interview), clock, undefined, minEvaluators);
      const answered = new Set(s.answers.filter((a) => a.status !== 'pending').map((a) => a.questionId));
      const currentId = interview.status === 'in_progress' ? s.asked.at(-1)?.questionId : undefined;
      return {
        interview,
        asked: s.asked.length,
        answered: s.asked.filter((a) => answered.has(a.questionId)).length,
        total: totalQuestions(s),
        current: currentId ? questionView(s, currentId) : null,
        evaluators: s.evaluators,
        scorecard: s.scorecard,
      };
    },

    async summary(interview: Interview): Promise<SummaryView> {
      return summaries.summarize(await readSnapshot(store, interview));
    },
  };
}

export type InterviewFlow = ReturnType<typeof createInterviewFlow>;
