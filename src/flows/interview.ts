// The interview as a state machine over the store. Everything needed to continue lives in the database, so a
// restarted process resumes exactly where the last one stopped. Returns view models; knows nothing of Slack.
import type { Answer, Clock, Interview } from '../model.js';
import { EVIDENCE_STATES, topLevel, type EngagementModel, type FactValue, type InterviewVariant, type Question, type QuestionBank } from '../questions/model.js';
import { selectQuestions } from '../questions/select.js';
import { questionsInPlay, scoreInterview, scoreQuestion } from '../scoring/score.js';
import { compareInterviews, namedTeam, revetFlags } from '../scoring/revet.js';
import { flagKey, type AnswerInput, type Scorecard } from '../scoring/types.js';
import { writeAudit } from '../store/audit.js';
import { getAnswer, listAnswers, upsertAnswer } from '../store/answers.js';
import type { Db } from '../store/db.js';
import { listFlags, syncFlags } from '../store/flags.js';
import {
  addEvaluator,
  closeInterview,
  deleteInterview,
  findByThread,
  findInProgress,
  getInterview,
  insertAsked,
  insertInterview,
  listAsked,
  listEvaluators,
  listVendorInterviews,
  setQuestionMessage,
  setSummaryTs,
  setThreadTs,
} from '../store/interviews.js';
import { insertNote, listNotes } from '../store/notes.js';
import { findOrCreateVendor, findVendor } from '../store/vendors.js';
import type { AnswerAction, AnswerOutcome, FinishOutcome, NoteOutcome, QuestionView, StartOutcome, StatusView, SummaryView } from './views.js';

export interface InterviewDeps {
  db: Db;
  bank: QuestionBank;
  clock: Clock;
}

export interface StartInput {
  vendorName: string;
  model: EngagementModel | null;
  variant: InterviewVariant;
  channelId: string;
  startedBy: string;
}

export const MAX_VENDOR_NAME = 80;
export const MAX_NOTE_LENGTH = 3000;

const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/** Everything known about one interview at one moment, loaded in one go. */
interface State {
  interview: Interview;
  asked: Awaited<ReturnType<typeof listAsked>>;
  answers: Answer[];
  notes: Awaited<ReturnType<typeof listNotes>>;
  scorecard: Scorecard;
  inPlay: Question[];
  scoreAnswers: AnswerInput[];
  now: Date;
  revet: SummaryView['revet'];
}

export function createInterviewFlow({ db, bank, clock }: InterviewDeps) {
  /**
   * Loads an interview and scores it. With `withRevet`, a re-vet is also compared with the vendor's previous
   * completed interview, and a team change raises its flag (only summaries and flag syncs need that).
   */
  async function load(interview: Interview, withRevet = false): Promise<State> {
    const [asked, answers, notes, flags] = await Promise.all([
      listAsked(db, interview.id),
      listAnswers(db, interview.id),
      listNotes(db, interview.id),
      listFlags(db, interview.id),
    ]);
    const scoreAnswers = answers.map((a) => ({ ...a, updatedAt: a.updatedAt.toISOString() }));
    const now = interview.completedAt ?? clock();
    const input = {
      questions: interview.questions,
      answers: scoreAnswers,
      notes,
      model: interview.model,
      now,
      closedFlags: new Set(flags.filter((f) => f.status !== 'open').map(flagKey)),
    };
    let scorecard = scoreInterview(input);
    let revet: SummaryView['revet'] = null;
    const previous = withRevet ? await previousCompleted(interview) : null;
    if (previous) {
      const before = await load(previous);
      const comparison = compareInterviews(
        { scorecard: before.scorecard, team: namedTeam(previous.questions, before.scoreAnswers) },
        { scorecard, team: namedTeam(interview.questions, scoreAnswers) },
      );
      revet = { previous, comparison };
      const teamQuestion = interview.questions.find((q) => q.fact?.type === 'list')?.id ?? null;
      scorecard = scoreInterview({ ...input, extraFlags: revetFlags(comparison, teamQuestion) });
    }
    const results = new Map(scorecard.questions.map((r) => [r.questionId, r]));
    return { interview, asked, answers, notes, scorecard, inPlay: questionsInPlay(interview.questions, results), scoreAnswers, now, revet };
  }

  async function previousCompleted(interview: Interview): Promise<Interview | null> {
    const all = await listVendorInterviews(db, interview.vendor.id);
    return all.find((i) => i.id < interview.id && i.status === 'completed') ?? null;
  }

  function view(s: State, questionId: string): QuestionView {
    const question = s.interview.questions.find((q) => q.id === questionId)!;
    const asked = s.asked.find((a) => a.questionId === questionId);
    return {
      interview: s.interview,
      question,
      position: asked?.position ?? s.asked.length + 1,
      total: Math.max(s.inPlay.length, s.asked.length),
      answers: s.answers.filter((a) => a.questionId === questionId),
      notes: s.notes.filter((n) => n.questionId === questionId),
      result: s.scorecard.questions.find((r) => r.questionId === questionId) ?? scoreQuestion(question, s.scoreAnswers, s.now),
      messageTs: asked?.messageTs ?? null,
    };
  }

  async function summaryOf(interview: Interview): Promise<SummaryView> {
    const s = await load(interview, true);
    const flags = (await listFlags(db, interview.id)).sort(
      (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.id - b.id,
    );
    return { interview, scorecard: s.scorecard, flags, evaluators: await listEvaluators(db, interview.id), revet: s.revet };
  }

  /** Re-derives flags from the answers and stores the difference. */
  async function refreshFlags(interview: Interview): Promise<void> {
    const s = await load(interview, true);
    await syncFlags(db, interview.id, s.scorecard.flags, clock());
  }

  /**
   * Asks the next question in play, or completes the interview when none is left, but only if no other answer
   * moved the interview on since this one started (`askedBefore`): of several simultaneous clicks on the current
   * question exactly one advances. The unique position is the final guard when two get this far at once.
   */
  async function advance(interview: Interview, by: string, askedBefore: number): Promise<{ next: QuestionView | null; summary: SummaryView | null }> {
    const s = await load(interview);
    if (s.asked.length !== askedBefore) return { next: null, summary: null };
    const askedIds = new Set(s.asked.map((a) => a.questionId));
    const next = s.inPlay.find((q) => !askedIds.has(q.id));
    if (next) {
      const inserted = await insertAsked(db, interview.id, next.id, askedBefore + 1, clock());
      return { next: inserted ? view(await load(interview), next.id) : null, summary: null };
    }
    return { next: null, summary: await complete(interview, by) };
  }

  /** A completed interview whose answers changed: flags follow, and the summary to show again. */
  async function revise(interview: Interview): Promise<SummaryView> {
    await refreshFlags(interview);
    return summaryOf(interview);
  }

  /** Completes the interview once: only the caller that flips the status gets the summary to post. */
  async function complete(interview: Interview, by: string): Promise<SummaryView | null> {
    const at = clock();
    if (!(await closeInterview(db, interview.id, 'completed', by, at))) return null;
    await writeAudit(db, at, { actor: by, action: 'interview.completed', interviewId: interview.id, detail: {} });
    const done = (await getInterview(db, interview.id))!;
    await refreshFlags(done);
    return summaryOf(done);
  }

  return {
    async start(input: StartInput): Promise<StartOutcome> {
      const name = input.vendorName.trim().replace(/\s+/g, ' ');
      if (!/[\p{L}\p{N}]/u.test(name)) return { kind: 'invalid', message: 'The vendor name needs at least one letter or digit.' };
      if (name.length > MAX_VENDOR_NAME) return { kind: 'invalid', message: `The vendor name is ${name.length} characters long; keep it to ${MAX_VENDOR_NAME}.` };
      const questions = selectQuestions(bank, input.model, input.variant);
      if (questions.length === 0) {
        return { kind: 'invalid', message: `The ${bank.id} bank has no ${input.variant} questions for ${input.model ?? 'any'} engagements.` };
      }
      const at = clock();
      const id = await db.transaction().execute(async (trx) => {
        const vendor = await findOrCreateVendor(trx, name, at);
        const newId = await insertInterview(trx, {
          vendorId: vendor.id,
          channelId: input.channelId,
          model: input.model,
          variant: input.variant,
          bankId: bank.id,
          bankVersion: bank.version,
          questions,
          startedBy: input.startedBy,
          startedAt: at,
        });
        if (newId === null) return null;
        const first = questionsInPlay(questions, new Map())[0]!;
        await insertAsked(trx, newId, first.id, 1, at);
        await writeAudit(trx, at, {
          actor: input.startedBy,
          action: 'interview.started',
          interviewId: newId,
          detail: { vendor: name, model: input.model, variant: input.variant, bank: `${bank.id}@${bank.version}` },
        });
        return newId;
      });
      if (id === null) {
        const vendor = (await findVendor(db, name))!;
        return { kind: 'already-running', interview: (await findInProgress(db, vendor.id, input.channelId))! };
      }
      const interview = (await getInterview(db, id))!;
      const s = await load(interview);
      return { kind: 'started', interview, first: view(s, s.asked[0]!.questionId) };
    },

    /** Undoes a start whose parent message could not be posted, so the vendor is not left "in progress". */
    async cancelStart(interviewId: number): Promise<void> {
      const answers = await listAnswers(db, interviewId);
      if (answers.length === 0) await deleteInterview(db, interviewId);
    },

    async attachThread(interviewId: number, threadTs: string): Promise<void> {
      await setThreadTs(db, interviewId, threadTs);
    },

    async attachSummaryMessage(interviewId: number, ts: string): Promise<void> {
      await setSummaryTs(db, interviewId, ts);
    },

    async attachQuestionMessage(interviewId: number, questionId: string, messageTs: string): Promise<void> {
      await setQuestionMessage(db, interviewId, questionId, messageTs);
    },

    async answer(input: { interviewId: number; questionId: string; userId: string; action: AnswerAction }): Promise<AnswerOutcome> {
      const interview = await getInterview(db, input.interviewId);
      if (!interview || interview.status === 'abandoned') return { kind: 'not-found', message: 'This interview no longer exists.' };
      const before = await load(interview);
      const question = interview.questions.find((q) => q.id === input.questionId);
      if (!question || !before.asked.some((a) => a.questionId === input.questionId)) {
        return { kind: 'invalid', message: 'That question is not part of this interview.' };
      }
      const problem = actionProblem(question, input.action);
      if (problem) return { kind: 'invalid', message: problem };

      const previous = await getAnswer(db, interview.id, question.id, input.userId);
      const change = toChange(input.action);
      const changed = !previous || isDifferent(previous, change);
      const at = clock();
      if (changed) {
        await db.transaction().execute(async (trx) => {
          await addEvaluator(trx, interview.id, input.userId, at);
          await upsertAnswer(trx, { interviewId: interview.id, questionId: question.id, evaluatorId: input.userId, ...change }, at);
          await writeAudit(trx, at, {
            actor: input.userId,
            action: previous ? 'answer.changed' : 'answer.recorded',
            interviewId: interview.id,
            detail: { questionId: question.id, action: input.action, ...(previous && { previous: { status: previous.status, level: previous.level, evidence: previous.evidence, fact: previous.fact } }) },
          });
        });
      }

      let moved: { next: QuestionView | null; summary: SummaryView | null } = { next: null, summary: null };
      let revisedSummary: SummaryView | null = null;
      const current = before.asked.at(-1)?.questionId;
      if (interview.status === 'in_progress' && input.action.kind !== 'evidence' && current === question.id) {
        moved = await advance(interview, input.userId, before.asked.length);
      } else if (interview.status === 'completed' && changed) {
        revisedSummary = await revise(interview);
      }
      const latest = (await getInterview(db, interview.id))!;
      return { kind: 'recorded', changed, question: view(await load(latest), question.id), ...moved, revisedSummary };
    },

    /**
     * Records a note on a question (the one being asked, unless named). `sourceKey` identifies where it came from,
     * so a redelivered Slack event is stored once.
     */
    async addNote(input: {
      interviewId: number;
      questionId?: string;
      userId: string;
      text: string;
      link?: string | null;
      sourceKey: string;
    }): Promise<NoteOutcome> {
      const interview = await getInterview(db, input.interviewId);
      if (!interview || interview.status === 'abandoned') return { kind: 'ignored', reason: 'no such interview' };
      const text = input.text.trim();
      if (text === '') return { kind: 'invalid', message: 'The note is empty.' };
      if (text.length > MAX_NOTE_LENGTH) return { kind: 'invalid', message: `The note is ${text.length} characters long; keep it to ${MAX_NOTE_LENGTH}.` };
      const s = await load(interview);
      const questionId = input.questionId ?? s.asked.at(-1)?.questionId;
      if (!questionId || !s.asked.some((a) => a.questionId === questionId)) return { kind: 'invalid', message: 'That question is not part of this interview.' };
      if (input.questionId === undefined && interview.status !== 'in_progress') return { kind: 'ignored', reason: 'the interview is finished' };
      const at = clock();
      const stored = await db.transaction().execute(async (trx) => {
        const inserted = await insertNote(trx, { interviewId: interview.id, questionId, authorId: input.userId, text, link: input.link ?? null, sourceKey: input.sourceKey }, at);
        if (inserted) await writeAudit(trx, at, { actor: input.userId, action: 'note.added', interviewId: interview.id, detail: { questionId, sourceKey: input.sourceKey } });
        return inserted;
      });
      if (!stored) return { kind: 'duplicate' };
      const revisedSummary = interview.status === 'completed' ? await revise(interview) : null;
      return { kind: 'stored', question: view(await load(interview), questionId), revisedSummary };
    },

    async finish(input: { vendorName: string; channelId: string; userId: string }): Promise<FinishOutcome> {
      const interview = await this.findInProgress(input.vendorName, input.channelId);
      if (!interview) return { kind: 'not-found', message: `There is no interview of "${input.vendorName.trim()}" in progress in this channel.` };
      const summary = await complete(interview, input.userId);
      return summary ? { kind: 'finished', summary } : { kind: 'already-finished' };
    },

    async findInProgress(vendorName: string, channelId: string): Promise<Interview | null> {
      const vendor = await findVendor(db, vendorName);
      return vendor ? findInProgress(db, vendor.id, channelId) : null;
    },

    /** The vendor's latest interview in the channel, whatever its status. */
    async latestInChannel(vendorName: string, channelId: string): Promise<Interview | null> {
      const vendor = await findVendor(db, vendorName);
      if (!vendor) return null;
      return (await listVendorInterviews(db, vendor.id)).find((i) => i.channelId === channelId) ?? null;
    },

    async findByThread(channelId: string, threadTs: string): Promise<Interview | null> {
      return findByThread(db, channelId, threadTs);
    },

    async get(interviewId: number): Promise<Interview | null> {
      return getInterview(db, interviewId);
    },

    async questionView(interviewId: number, questionId: string): Promise<QuestionView | null> {
      const interview = await getInterview(db, interviewId);
      if (!interview || !interview.questions.some((q) => q.id === questionId)) return null;
      return view(await load(interview), questionId);
    },

    async status(interview: Interview): Promise<StatusView> {
      const s = await load(interview);
      const answered = new Set(s.answers.filter((a) => a.status !== 'pending').map((a) => a.questionId));
      const currentId = interview.status === 'in_progress' ? s.asked.at(-1)?.questionId : undefined;
      return {
        interview,
        asked: s.asked.length,
        answered: s.asked.filter((a) => answered.has(a.questionId)).length,
        total: Math.max(s.inPlay.length, s.asked.length),
        current: currentId ? view(s, currentId) : null,
        evaluators: await listEvaluators(db, interview.id),
        scorecard: s.scorecard,
      };
    },

    summary: summaryOf,
  };
}

export type InterviewFlow = ReturnType<typeof createInterviewFlow>;

function toChange(action: AnswerAction): { status?: Answer['status']; level?: number | null; evidence?: Answer['evidence'] & {}; fact?: FactValue | null } {
  switch (action.kind) {
    case 'rate':
      return { status: 'rated', level: action.level };
    case 'na':
      return { status: 'na', level: null, fact: null };
    case 'skip':
      return { status: 'skipped', level: null, fact: null };
    case 'evidence':
      return { evidence: action.state };
    case 'fact':
      return { status: 'rated', level: null, fact: action.value };
  }
}

function isDifferent(prev: Answer, change: ReturnType<typeof toChange>): boolean {
  return (
    (change.status !== undefined && change.status !== prev.status) ||
    (change.level !== undefined && change.level !== prev.level) ||
    (change.evidence !== undefined && change.evidence !== prev.evidence) ||
    (change.fact !== undefined && JSON.stringify(change.fact) !== JSON.stringify(prev.fact))
  );
}

function actionProblem(q: Question, action: AnswerAction): string | null {
  switch (action.kind) {
    case 'rate':
      if (q.fact) return `"${q.title}" records a fact; enter the ${q.fact.label.toLowerCase()} instead of a rating.`;
      return Number.isInteger(action.level) && action.level >= 0 && action.level <= topLevel(q) ? null : `There is no rating level ${action.level} for this question.`;
    case 'evidence':
      return EVIDENCE_STATES.includes(action.state) ? null : `Unknown evidence state "${String(action.state)}".`;
    case 'fact':
      return factProblem(q, action.value);
    case 'na':
    case 'skip':
      return null;
  }
}

function factProblem(q: Question, value: FactValue): string | null {
  if (!q.fact) return `"${q.title}" takes a rating, not a fact.`;
  if (value.type === 'none') return null;
  if (value.type !== q.fact.type) return `"${q.title}" expects a ${q.fact.type}, not a ${value.type}.`;
  if (value.type === 'date' && (!/^\d{4}-\d{2}-\d{2}$/.test(value.value) || Number.isNaN(Date.parse(value.value)))) return `"${value.value}" is not a date (YYYY-MM-DD).`;
  if (value.type === 'number' && !Number.isFinite(value.value)) return 'Enter a number.';
  if (value.type === 'number' && value.value < 0) return 'Enter a number of zero or more.';
  if (value.type === 'list' && value.value.length === 0) return 'Enter at least one name, or choose the "none" option.';
  return null;
}
