// Answers to the checklist -> a recommended engagement model, a runner-up, and why. Pure: no I/O, no clock.
// Every answer gives points to models on one row of the decision matrix (checklist.ts); a model's score is the sum.
// The explanation is the same arithmetic, row by row, so a reader can check it.
import { ENGAGEMENT_MODELS, MODEL_LABELS, type EngagementModel, type QuestionBank } from '../questions/model.js';
import { CHECKLIST, optionOf, type ChecklistAnswers, type ChecklistQuestionId } from './checklist.js';
import { findConflicts, type Conflict } from './conflicts.js';
import { keyQuestions, type KeyQuestion } from './keyQuestions.js';
import { GUARDS, MATRIX_ROWS, type Guard, type MatrixRow } from './matrix.js';

export interface ModelScore {
  model: EngagementModel;
  total: number;
}

/** One answer's weight on a row: the points it gave each model. */
export interface Contribution {
  questionId: ChecklistQuestionId;
  phrase: string;
  points: Partial<Record<EngagementModel, number>>;
}

export interface RowReason {
  row: MatrixRow;
  /** The row's points for the recommended model and for the runner-up. */
  recommended: number;
  runnerUp: number;
  contributions: Contribution[];
}

export interface Recommendation {
  recommended: EngagementModel;
  runnerUp: EngagementModel;
  /** Every model, best first, ties broken by TIE_ORDER. */
  ranking: ModelScore[];
  /** How ties at the top were broken, one sentence each; empty when there were none. */
  ties: string[];
  /** Every row of the decision matrix, in its order. */
  rows: RowReason[];
  conflicts: Conflict[];
  /** The failure patterns to guard against with the recommended model, most likely first. */
  guards: Guard[];
  /** The bank's most decisive questions for the recommended model. */
  keyQuestions: KeyQuestion[];
  /** The bank they were picked from. */
  bank: { id: string; version: string };
  unanswered: ChecklistQuestionId[];
}

/**
 * Equal scores go to the model that keeps more control and knowledge with the client first: it is the easier choice
 * to reverse (staff augmentation, then an agency, then managed services; freelancers keep the least).
 */
export const TIE_ORDER: readonly EngagementModel[] = ['staff-augmentation', 'agency', 'managed-services', 'freelancer'];
const TIE_REASON = 'it keeps more control and knowledge with you, so it is the easier choice to reverse';

function contributions(answers: ChecklistAnswers): (Contribution & { row: MatrixRow })[] {
  return CHECKLIST.flatMap((q) => {
    const option = optionOf(q.id, answers[q.id]);
    return option ? option.effects.map((e) => ({ row: e.row, questionId: q.id, phrase: option.phrase, points: e.points })) : [];
  });
}

/** A score as people read it: a real minus sign. */
const pointsText = (n: number) => (n < 0 ? `\u2212${-n}` : String(n));
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const label = (m: EngagementModel) => MODEL_LABELS[m];

function names(models: readonly EngagementModel[]): string {
  const l = models.map(label);
  return l.length <= 1 ? l.join('') : `${l.slice(0, -1).join(', ')} and ${l.at(-1)}`;
}

/** Sentences on the ties that decided the first or second place. */
function tieSentences(ranking: readonly ModelScore[]): string[] {
  const tiedWith = (place: number) => ranking.filter((r) => r.total === ranking[place]!.total).map((r) => r.model);
  const top = tiedWith(0);
  if (top.length === 2) return [`${names(top)} score the same (${pointsText(ranking[0]!.total)}); ${label(top[0]!)} comes first because ${TIE_REASON}.`];
  if (top.length > 2) return [`${names(top)} score the same (${pointsText(ranking[0]!.total)}); they are ranked in that order, by how much control and knowledge each keeps with you (the easier choice to reverse first).`];
  const second = tiedWith(1);
  if (second.length >= 2) return [`${names(second)} score the same (${pointsText(ranking[1]!.total)}); ${label(second[0]!)} is the runner-up because ${TIE_REASON}.`];
  return [];
}

export function recommend(answers: ChecklistAnswers, bank: QuestionBank): Recommendation {
  const all = contributions(answers);
  const points = (model: EngagementModel, row?: MatrixRow) => sum(all.filter((c) => row === undefined || c.row === row).map((c) => c.points[model] ?? 0));
  const ranking = ENGAGEMENT_MODELS.map((model) => ({ model, total: points(model) })).sort(
    (a, b) => b.total - a.total || TIE_ORDER.indexOf(a.model) - TIE_ORDER.indexOf(b.model),
  );
  const recommended = ranking[0]!.model;
  const runnerUp = ranking[1]!.model;
  return {
    recommended,
    runnerUp,
    ranking,
    ties: tieSentences(ranking),
    rows: MATRIX_ROWS.map((row) => ({
      row,
      recommended: points(recommended, row),
      runnerUp: points(runnerUp, row),
      contributions: all.filter((c) => c.row === row).map(({ questionId, phrase, points: p }) => ({ questionId, phrase, points: p })),
    })),
    conflicts: findConflicts(answers),
    guards: [...GUARDS[recommended]],
    keyQuestions: keyQuestions(bank, recommended),
    bank: { id: bank.id, version: bank.version },
    unanswered: CHECKLIST.filter((q) => optionOf(q.id, answers[q.id]) === null).map((q) => q.id),
  };
}
