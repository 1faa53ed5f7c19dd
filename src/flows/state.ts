// What is known about one interview at one moment: read from the store in one go, scored in memory. A click reads
// this once, and afterwards re-reads only what other clicks may have changed meanwhile (`refresh`).
import type { Answer, AskedQuestion, Clock, Interview, Note, RedFlag } from '../model.js';
import type { Question } from '../questions/model.js';
import { questionsInPlay, scoreInterview, scoreQuestion } from '../scoring/score.js';
import { flagKey, type AnswerInput, type ComputedFlag, type Scorecard } from '../scoring/types.js';
import { listAnswers } from '../store/answers.js';
import type { Db } from '../store/db.js';
import { listFlags } from '../store/flags.js';
import { getInterview, listAsked, listEvaluators } from '../store/interviews.js';
import { listNotes } from '../store/notes.js';
import type { Roles } from './permissions.js';
import type { EvaluatorsView, QuestionView } from './views.js';

export interface Snapshot {
  interview: Interview;
  /** The lead first, then the named evaluators. */
  evaluators: string[];
  asked: AskedQuestion[];
  answers: Answer[];
  /** Every note, whoever wrote it. */
  notes: Note[];
  flags: RedFlag[];
}

export interface Scored extends Snapshot {
  scorecard: Scorecard;
  inPlay: Question[];
  scoreAnswers: AnswerInput[];
  /** The notes that count: the evaluators'. */
  counted: Note[];
  /** The moment scored: the completion for a completed interview, so its record does not age. */
  now: Date;
}

function leadFirst(lead: string, evaluators: readonly string[]): string[] {
  return [lead, ...evaluators.filter((e) => e !== lead)];
}

export async function readSnapshot(db: Db, interview: Interview): Promise<Snapshot> {
  const [evaluators, asked, answers, notes, flags] = await Promise.all([
    listEvaluators(db, interview.id),
    listAsked(db, interview.id),
    listAnswers(db, interview.id),
    listNotes(db, interview.id),
    listFlags(db, interview.id),
  ]);
  return { interview, evaluators: leadFirst(interview.startedBy, evaluators), asked, answers, notes, flags };
}

export async function readSnapshotById(db: Db, interviewId: number): Promise<Snapshot | null> {
  const interview = await getInterview(db, interviewId);
  return interview ? readSnapshot(db, interview) : null;
}

/** Reads again what other clicks may have changed since `s` was read: the questions asked, the answers, the notes. */
export async function refresh(db: Db, s: Snapshot): Promise<Snapshot> {
  const [asked, answers, notes] = await Promise.all([listAsked(db, s.interview.id), listAnswers(db, s.interview.id), listNotes(db, s.interview.id)]);
  return { ...s, asked, answers, notes };
}

export function rolesOf(s: Pick<Snapshot, 'interview' | 'evaluators'>): Roles {
  return { vendor: s.interview.vendor.name, lead: s.interview.startedBy, evaluators: s.evaluators };
}

/** Scores a snapshot. Only the evaluators' notes judge anything; what others wrote is kept but counts for nothing. */
export function scoreSnapshot(s: Snapshot, clock: Clock, extraFlags?: readonly ComputedFlag[]): Scored {
  const counted = s.notes.filter((n) => n.counts);
  const scoreAnswers = s.answers.map((a) => ({ ...a, updatedAt: a.updatedAt.toISOString() }));
  const now = s.interview.completedAt ?? clock();
  const scorecard = scoreInterview({
    questions: s.interview.questions,
    answers: scoreAnswers,
    notes: counted,
    model: s.interview.model,
    now,
    closedFlags: new Set(s.flags.filter((f) => f.status !== 'open').map(flagKey)),
    ...(extraFlags && { extraFlags }),
  });
  const results = new Map(scorecard.questions.map((r) => [r.questionId, r]));
  return { ...s, scorecard, inPlay: questionsInPlay(s.interview.questions, results), scoreAnswers, counted, now };
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
    result: s.scorecard.questions.find((r) => r.questionId === questionId) ?? scoreQuestion(question, s.scoreAnswers, s.now),
    messageTs: asked?.messageTs ?? null,
  };
}

export function evaluatorsView(s: Scored): EvaluatorsView {
  const completed = s.interview.status === 'completed' ? s.scorecard : null;
  // A completed interview's parent message counts what its summary counts.
  return { interview: s.interview, evaluators: s.evaluators, total: completed ? completed.counts.total : totalQuestions(s), completed };
}
