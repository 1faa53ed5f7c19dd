// Answers to the checklist -> a recommended engagement model, a runner-up, and why. Pure: no I/O, no clock.
// Every answer gives points to models on one row of the decision matrix (checklist.ts); a model's score is the sum.
// The explanation is the same arithmetic, row by row, so a reader can check it.
import { ENGAGEMENT_MODELS, MODEL_LABELS, type EngagementModel, type QuestionBank } from '../questions/model.js';
import { CHECKLIST, checklistQuestion, optionOf, type ChecklistAnswers, type ChecklistQuestionId } from './checklist.js';
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

/** A model the answers rule out whatever its points, with why and what to do instead. */
export interface Excluded {
  model: EngagementModel;
  reason: string;
  advice: string;
}

/** Two models together, where the answers call for it: one for now, one for what comes after or beside it. */
export interface Hybrid {
  id: 'build-operate-transfer' | 'elastic-edge';
  models: [EngagementModel, EngagementModel];
  title: string;
  advice: string;
}

/** How the vetting a decision starts must be run: the client's risk answers tighten it. */
export interface VettingPolicy {
  /** The full question bank: a quick screen (--lite) is refused. */
  full: boolean;
  /** The longest contractual breach-notification time that passes, in hours; null keeps the bank's bound. */
  breachNoticeHours: number | null;
  /** Why, as phrases from the answers ("the work is regulated"); empty when nothing was tightened. */
  because: string[];
}

/** Settings of the advisor that an operator may change (src/config.ts). */
export interface AdvisorPolicy {
  /** Breach-notification bound for regulated or sensitive work, in hours (VET_BREACH_NOTICE_HOURS, default 24). */
  breachNoticeHours: number;
}

export const DEFAULT_POLICY: AdvisorPolicy = { breachNoticeHours: 24 };

export interface Recommendation {
  recommended: EngagementModel;
  runnerUp: EngagementModel;
  /** Every model, best first, ties broken by TIE_ORDER; excluded models last. */
  ranking: ModelScore[];
  /** Models the answers rule out, whatever their points. */
  excluded: Excluded[];
  hybrid: Hybrid | null;
  vetting: VettingPolicy;
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
  if (top.length > 2)
    return [
      `${names(top)} score the same (${pointsText(ranking[0]!.total)}); they are ranked in that order, by how much control and knowledge each keeps with you (the easier choice to reverse first).`,
    ];
  const second = tiedWith(1);
  if (second.length >= 2) return [`${names(second)} score the same (${pointsText(ranking[1]!.total)}); ${label(second[0]!)} is the runner-up because ${TIE_REASON}.`];
  return [];
}

/**
 * What must be known before any model can be recommended, in the order to ask it: the size and weight of the work,
 * who will manage the people and with how much time, who owns the risk, and how sensitive and regulated it is.
 * Points from a few answers would pick a model by the tie order alone, which is advice nobody should follow.
 */
export const NEEDED_FIRST: readonly ChecklistQuestionId[] = ['size', 'core', 'manager', 'time', 'risk-owner', 'sensitivity', 'regulated'];

export interface NeededAnswer {
  questionId: ChecklistQuestionId;
  /** The question as the checklist asks it. */
  label: string;
}

/** The answers still needed before anything is recommended, in NEEDED_FIRST order; empty when enough is known. */
export function neededFirst(answers: ChecklistAnswers): NeededAnswer[] {
  return NEEDED_FIRST.filter((id) => optionOf(id, answers[id]) === null).map((id) => ({ questionId: id, label: checklistQuestion(id).label }));
}

export type Advice = { kind: 'needs-answers'; needed: NeededAnswer[] } | { kind: 'recommendation'; recommendation: Recommendation };

/** The checklist's answers -> a recommendation, or, while too little is known, the answers needed first. */
export function advise(answers: ChecklistAnswers, bank: QuestionBank, policy: AdvisorPolicy = DEFAULT_POLICY): Advice {
  const needed = neededFirst(answers);
  return needed.length > 0 ? { kind: 'needs-answers', needed } : { kind: 'recommendation', recommendation: recommend(answers, bank, policy) };
}

const phraseOf = (id: ChecklistQuestionId, answers: ChecklistAnswers) => optionOf(id, answers[id])?.phrase ?? null;

/**
 * Staff augmentation puts people inside your team under your leads: without someone who has the time to lead them
 * it is the freelancer farm with a monthly invoice. It is ruled out, whatever its points, when nobody is identified,
 * when the vendor is expected to manage them, or when the managers have almost no time.
 */
function exclusions(answers: ChecklistAnswers): Excluded[] {
  const missing = (['manager', 'time'] as const).filter((id) => (id === 'manager' ? ['nobody', 'vendor'] : ['none']).includes(answers[id] ?? '')).map((id) => phraseOf(id, answers)!);
  if (missing.length === 0) return [];
  return [
    {
      model: 'staff-augmentation',
      reason: `staff augmentation needs managers with time to lead the people every day, and ${missing.join(' and ')}`,
      advice:
        'Assign or hire a manager with that time first, or choose managed services with contractual controls: an SLA, your architecture standards, audit rights and a tested exit and handover plan.',
    },
  ];
}

/** Where the answers call for two models, one beside or after the other. */
function hybridOf(answers: ChecklistAnswers, recommended: EngagementModel, excluded: readonly Excluded[]): Hybrid | null {
  const canAugment = !excluded.some((e) => e.model === 'staff-augmentation');
  if (answers.transfer === 'yes' && (recommended === 'agency' || recommended === 'managed-services')) {
    return {
      id: 'build-operate-transfer',
      models: [recommended, 'staff-augmentation'],
      title: `Build-operate-transfer: ${label(recommended).toLowerCase()} now, your own team later`,
      advice: `The work should move in-house later, so contract for it now: the ${label(recommended).toLowerCase()} builds and runs it with a transfer clause (the right to hire the people, the code, runbooks and a handover period), and your team grows into it, through augmented staff${canAugment ? '' : ' once you have a manager for them'} or hires, before the transfer.`,
    };
  }
  if (answers.scaling === 'burst' && (recommended === 'agency' || recommended === 'managed-services') && canAugment) {
    return {
      id: 'elastic-edge',
      models: [recommended, 'staff-augmentation'],
      title: `A stable core with the ${label(recommended).toLowerCase()}, the swings with augmented staff`,
      advice: `Team size must double or halve within weeks, which a fixed ${recommended === 'agency' ? 'SOW' : 'SLA'} cannot follow: keep the stable core of the work with the ${label(recommended).toLowerCase()} and add or remove augmented staff under your leads for the peaks.`,
    };
  }
  return null;
}

/** Regulated or sensitive work is vetted in full, and against the client's own breach-notification bound. */
function vettingPolicy(answers: ChecklistAnswers, policy: AdvisorPolicy): VettingPolicy {
  const because = [answers.regulated === 'yes' && phraseOf('regulated', answers), answers.sensitivity === 'high' && phraseOf('sensitivity', answers)].filter((p): p is string => typeof p === 'string');
  return because.length > 0 ? { full: true, breachNoticeHours: policy.breachNoticeHours, because } : { full: false, breachNoticeHours: null, because: [] };
}

export function recommend(answers: ChecklistAnswers, bank: QuestionBank, policy: AdvisorPolicy = DEFAULT_POLICY): Recommendation {
  const all = contributions(answers);
  const points = (model: EngagementModel, row?: MatrixRow) => sum(all.filter((c) => row === undefined || c.row === row).map((c) => c.points[model] ?? 0));
  const excluded = exclusions(answers);
  const out = (m: EngagementModel) => excluded.some((e) => e.model === m);
  const ranking = ENGAGEMENT_MODELS.map((model) => ({ model, total: points(model) })).sort(
    (a, b) => Number(out(a.model)) - Number(out(b.model)) || b.total - a.total || TIE_ORDER.indexOf(a.model) - TIE_ORDER.indexOf(b.model),
  );
  const recommended = ranking[0]!.model;
  const runnerUp = ranking[1]!.model;
  return {
    recommended,
    runnerUp,
    ranking,
    excluded,
    hybrid: hybridOf(answers, recommended, excluded),
    vetting: vettingPolicy(answers, policy),
    ties: tieSentences(ranking.filter((r) => !out(r.model))),
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
