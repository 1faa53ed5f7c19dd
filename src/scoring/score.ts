import { evaluate, nameIndex, type ConditionFacts, type NameIndex } from '../questions/condition.js';
import {
  carriesScore,
  DIMENSION_LABELS,
  DIMENSIONS,
  scoresChoices,
  naAllowedFor,
  SEVERITIES,
  topLevel,
  type EngagementModel,
  type FlagCondition,
  type InterviewVariant,
  type Question,
  type Severity,
} from '../questions/model.js';
import { describeFact, factConsensus, factOutOfBounds, reportFails, unreadReadings } from './facts.js';
import {
  flagKey,
  RISK_TIERS,
  type AnswerInput,
  type ComputedFlag,
  type DimensionScore,
  type EvidenceRequestInput,
  type KnockOut,
  type NaClaim,
  type NaStanding,
  type NoteInput,
  type Panel,
  type NotesJudgement,
  type QuestionResult,
  type RiskTier,
  type Scorecard,
  type VagueOverrideInput,
  type Verdict,
} from './types.js';
import { judgeNote } from './vague.js';
import { MIN_COVERAGE, MODEL_WEIGHTS, TIER_THRESHOLDS } from './weights.js';

export interface ScoreInput {
  /** The interview's question snapshot, in bank order (follow-ups included). */
  questions: readonly Question[];
  answers: readonly AnswerInput[];
  /** Notes by the interview's evaluators (what others wrote is kept, but judges nothing). */
  notes: readonly NoteInput[];
  model: EngagementModel | null;
  now: Date;
  /** Keys (flagKey) of flags resolved or accepted: they no longer raise the tier. */
  closedFlags?: ReadonlySet<string>;
  /** Flags that need more than this interview to see (e.g. a team change since the previous one). */
  extraFlags?: readonly ComputedFlag[];
  /** Questions whose vague judgement an evaluator overrode, with the reason. */
  vagueOverrides?: readonly VagueOverrideInput[];
  /**
   * Evidence requested on the questions, and the moment they are judged at: the real now, also for a completed
   * interview (whose record is otherwise scored as it was at completion), since evidence is chased after the call.
   */
  evidence?: { requests: readonly EvidenceRequestInput[]; asOf: Date };
  /** `lite`: a quick screen, never rated better than medium. Omitted: a full vetting. */
  variant?: InterviewVariant;
  /** Evaluators a final verdict needs (VET_MIN_EVALUATORS); DEFAULT_MIN_EVALUATORS when omitted. */
  minEvaluators?: number;
  /** Questions with a file or link an evaluator accepted as evidence: the top rating counts for every evaluator. */
  acceptedEvidence?: ReadonlySet<string>;
}

/** What a question's result depends on beyond its answers. */
export interface QuestionContext {
  /** The interview's engagement model: the bank allows N/A per model. */
  model: EngagementModel | null;
  /** A file or link shared for the question was accepted as evidence. */
  evidenceAccepted: boolean;
}

/** A final verdict is a panel's: two evaluators' ratings at least unless VET_MIN_EVALUATORS says otherwise. */
export const DEFAULT_MIN_EVALUATORS = 2;

/** A request still open this many days after it became overdue raises `evidence-overdue`. */
export const EVIDENCE_OVERDUE_DAYS = 30;
const DAY_MS = 86_400_000;

/** One medium flag per question whose evidence request is overdue by more than EVIDENCE_OVERDUE_DAYS days. */
export function evidenceOverdueFlags(questions: readonly Question[], requests: readonly EvidenceRequestInput[], asOf: Date): ComputedFlag[] {
  const titles = new Map(questions.map((q) => [q.id, q.title]));
  return requests
    .filter((r) => r.open && titles.has(r.questionId) && asOf.getTime() >= Date.parse(r.overdueFrom) + EVIDENCE_OVERDUE_DAYS * DAY_MS)
    .map((r) => ({
      rule: 'evidence-overdue',
      questionId: r.questionId,
      severity: 'medium' as const,
      message: `The evidence requested for "${titles.get(r.questionId)!}" was due on ${r.dueOn} and is more than ${EVIDENCE_OVERDUE_DAYS} days overdue: a claim the vendor cannot back up. Chase it, or withdraw the request with a reason.`,
    }));
}

/**
 * The span around `asOf` in which time alone does not change evidenceOverdueFlags: from the last moment an open
 * request crossed the line (null: none did) until the next (null: none will). A scorecard judged at `asOf` holds in it.
 */
export function evidenceOverdueSpan(questions: readonly Question[], requests: readonly EvidenceRequestInput[], asOf: Date): { from: Date | null; until: Date | null } {
  const ids = new Set(questions.map((q) => q.id));
  const crossings = requests.filter((r) => r.open && ids.has(r.questionId)).map((r) => Date.parse(r.overdueFrom) + EVIDENCE_OVERDUE_DAYS * DAY_MS);
  const before = crossings.filter((t) => t <= asOf.getTime());
  const after = crossings.filter((t) => t > asOf.getTime());
  return { from: before.length > 0 ? new Date(Math.max(...before)) : null, until: after.length > 0 ? new Date(Math.min(...after)) : null };
}

/** Severity every question can raise whatever its own rules: claim without evidence, disagreement, vague answer. */
const GENERIC_SEVERITY: Severity = 'medium';

/** Lower median: with an even number of ratings the more cautious of the two middle levels counts. */
export function medianLevel(levels: readonly number[]): number | null {
  if (levels.length === 0) return null;
  const sorted = [...levels].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The rubric's *Claimed, vague* step (level 1 of the standard rubric): where a vague answer counts at most. */
export const VAGUE_LEVEL = 1;

/** Whether the notes hold a rating at VAGUE_LEVEL: judged vague, not overridden, and no evidence shown. */
function vagueHolds(notes: NotesJudgement | null, evidenceShown: boolean): boolean {
  return notes !== null && notes.vague && notes.overridden === null && !evidenceShown;
}

const hasText = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';

/** Evidence this evaluator recorded as seen: "shown" with what was seen. A bare click (as before) records nothing. */
const recordedShown = (a: AnswerInput): boolean => a.evidence === 'shown' && hasText(a.evidenceSeen);

/** Where one N/A claim stands, the question having no rating. */
function naStanding(q: Question, a: AnswerInput, model: EngagementModel | null): NaStanding {
  if (!naAllowedFor(q, model)) return 'not-allowed';
  if (!hasText(a.naReason)) return 'no-reason';
  return hasText(a.naConfirmedBy) && a.naConfirmedBy !== a.evaluatorId ? 'counts' : 'awaiting-confirmation';
}

function naClaimOf(q: Question, claims: readonly AnswerInput[], model: EngagementModel | null, rated: boolean, answeredBefore: boolean): NaClaim | null {
  const judged = claims.map((a) => ({ a, standing: rated ? ('disputed' as const) : answeredBefore ? ('replaces-answer' as const) : naStanding(q, a, model) }));
  const first = judged.find((j) => j.standing === 'counts') ?? judged[0];
  return first ? { by: first.a.evaluatorId, reason: first.a.naReason ?? null, confirmedBy: first.a.naConfirmedBy ?? null, standing: first.standing } : null;
}

/**
 * One question's result from all evaluators' answers to it (alternatives between questions come later) and the
 * judgement of its notes: ratings count at most *Claimed, vague* while every note is vague and no evidence was shown.
 * The evidence cap is per evaluator: a top rating counts as the top only for an evaluator who recorded what they saw,
 * or when a file or link was accepted as evidence; another evaluator's evidence lifts nobody else's rating.
 */
export function scoreQuestion(
  q: Question,
  answers: readonly AnswerInput[],
  now: Date,
  notes: NotesJudgement | null = null,
  context: QuestionContext = { model: null, evidenceAccepted: false },
): QuestionResult {
  const mine = answers.filter((a) => a.questionId === q.id);
  const evidence = mine.flatMap((a) => (a.evidence ? [{ evaluatorId: a.evaluatorId, state: a.evidence }] : []));
  const evidenceShown = context.evidenceAccepted || mine.some(recordedShown);
  const rated = mine.filter((a) => a.status === 'rated');
  const top = topLevel(q);
  const claims = mine.filter((a) => a.status === 'na');
  const base = {
    questionId: q.id,
    dimension: q.dimension,
    weight: q.weight,
    evidence,
    evidenceShown,
    capped: false,
    vagueCapped: false,
    disagreement: false,
    fact: null,
    factOutOfBounds: null,
    coveredBy: null,
    unread: [],
    choices: [],
    notes,
    ratings: [],
    raters: [],
    rawLevel: null,
    level: null,
    score: null,
    // An answer given earlier in the vetting (since changed to a skip or an N/A) means the question was examined.
    na: naClaimOf(
      q,
      claims,
      context.model,
      rated.length > 0,
      mine.some((a) => a.answeredBefore === true),
    ),
  } satisfies Partial<QuestionResult>;

  // An upload question is answered by the evidence itself: any evidence mark answers it.
  if (q.answer?.type === 'upload' && evidence.length > 0 && !mine.some((a) => a.status === 'na')) return { ...base, state: 'answered' };

  if (rated.length === 0) {
    // N/A is a claim: it takes the question out of play only where the bank allows it, with a reason, confirmed by a
    // second person. Any other N/A is an unanswered question: unknown risk.
    if (base.na?.standing === 'counts') return { ...base, state: 'na' };
    return { ...base, state: mine.some((a) => a.status === 'skipped') ? 'skipped' : 'unanswered' };
  }

  // An N/A beside ratings is a dissent on whether the question applies: the most cautious vote there is (below every
  // rating), so turning a rating into an N/A never lifts the level, and a question the panel disputes is not examined.
  const dissent = claims.length;
  if (q.answer) return dissent > 0 ? { ...base, state: 'unanswered' } : scoreAnswer(q, rated, base);

  if (q.fact) {
    if (dissent > 0) return { ...base, state: 'unanswered' };
    // Facts are claims: the most cautious value any evaluator recorded counts, and differing values are a disagreement.
    const consensus = factConsensus(
      q.fact,
      rated.flatMap((a) => (a.fact ? [a.fact] : [])),
      now,
    );
    if (!consensus) return { ...base, state: 'unanswered' };
    const fact = consensus.value;
    const out = factOutOfBounds(q.fact, fact, now);
    // A report whose opinion is not clean, or that leaves critical findings open, vouches for nothing.
    const holds = fact.type !== 'none' && !out && !reportFails(fact);
    const unread = holds ? unreadReadings(q.fact, fact) : [];
    // Within bounds is the vendor's word until evidence is recorded as seen, and a report is a date until it is read: either
    // counts one level below the top.
    const rawLevel = holds ? top : 0;
    const capped = holds && !evidenceShown && top > 0;
    const level = (capped || unread.length > 0) && top > 0 ? top - 1 : rawLevel;
    return {
      ...base,
      state: 'scored',
      fact,
      raters: [...new Set(rated.filter((a) => a.fact !== null).map((a) => a.evaluatorId))],
      factOutOfBounds: out,
      unread,
      rawLevel,
      level,
      score: q.rubric[level]!.score,
      capped: capped && q.evidenceRequired,
      disagreement: consensus.disagreement,
    };
  }

  const ratings = rated.flatMap((a) => (a.level === null ? [] : [{ evaluatorId: a.evaluatorId, level: Math.min(Math.max(a.level, 0), top), own: recordedShown(a) }]));
  const NOT_EXAMINED = -1;
  const votes = (levels: number[]) => [...Array.from({ length: dissent }, () => NOT_EXAMINED), ...levels];
  const rawLevel = medianLevel(votes(ratings.map((r) => r.level)));
  if (rawLevel === null || rawLevel === NOT_EXAMINED) return { ...base, state: 'unanswered' };
  const levels = ratings.map((r) => r.level);
  const disagreement = Math.max(...levels) - Math.min(...levels) >= 2;
  const held = (r: (typeof ratings)[number]) => q.evidenceRequired && top > 0 && r.level === top && !r.own && !context.evidenceAccepted;
  const evidenceCapped = medianLevel(votes(ratings.map((r) => (held(r) ? top - 1 : r.level))))!;
  // A fact's value is concrete by itself, so only rubric ratings are held by vague notes.
  const vagueCapped = vagueHolds(notes, evidenceShown) && evidenceCapped > VAGUE_LEVEL;
  const level = vagueCapped ? VAGUE_LEVEL : evidenceCapped;
  return {
    ...base,
    state: 'scored',
    ratings: ratings.map(({ evaluatorId, level }) => ({ evaluatorId, level })),
    raters: [...new Set(ratings.map((r) => r.evaluatorId))],
    rawLevel,
    level,
    score: q.rubric[level]!.score,
    capped: evidenceCapped < rawLevel,
    vagueCapped,
    disagreement,
  };
}

/**
 * A choice, yes/no or text question. Each evaluator's choices are kept (a condition reads every choice anyone made);
 * where the bank scores the choices, an evaluator's answer scores its choice (one) or the sum of its choices capped at
 * 100 (many), a choice without a score counting 0, and the lower median of the evaluators' scores counts.
 */
function scoreAnswer(q: Question, rated: readonly AnswerInput[], base: Omit<QuestionResult, 'state'>): QuestionResult {
  const spec = q.answer!;
  if (!('choices' in spec)) {
    const texts = rated.filter((a) => (a.text ?? '').trim() !== '');
    return texts.length > 0 ? { ...base, state: 'answered' } : { ...base, state: 'unanswered' };
  }
  // Nothing ticked on a question of several choices is an answer: none of them applies.
  const sets = rated.flatMap((a) => (a.choices && (a.choices.length > 0 || spec.type === 'many') ? [{ evaluatorId: a.evaluatorId, choices: a.choices }] : []));
  if (sets.length === 0) return { ...base, state: 'unanswered' };
  const chosen = new Set(sets.flatMap((x) => x.choices));
  const choices = spec.choices.map((c) => c.id).filter((id) => chosen.has(id));
  const keys = new Set(sets.map((x) => [...x.choices].sort().join('|')));
  const disagreement = keys.size > 1;
  if (!scoresChoices(q)) return { ...base, state: 'answered', choices, disagreement };
  const scoreOf = (ids: readonly string[]) =>
    Math.min(
      100,
      ids.reduce((sum, id) => sum + (spec.choices.find((c) => c.id === id)?.score ?? 0), 0),
    );
  const scores = sets.map((x) => scoreOf(x.choices)).sort((a, b) => a - b);
  return { ...base, state: 'scored', choices, disagreement, score: scores[Math.floor((scores.length - 1) / 2)]! };
}

/** What a condition expression reads: the questions in play so far and their answers. */
export function conditionFacts(results: ReadonlyMap<string, QuestionResult>, shown: ReadonlySet<string>): ConditionFacts {
  const answered = (id: string) => {
    const state = results.get(id)?.state;
    return shown.has(id) && (state === 'scored' || state === 'answered');
  };
  return {
    shown: (id) => shown.has(id),
    chosen: (id, choice) => answered(id) && (results.get(id)?.choices?.includes(choice) ?? false),
    answered,
  };
}

/** The names of a bank and the facts of an interview, for a condition expression. */
export interface ExpressionContext {
  index: NameIndex;
  facts: ConditionFacts;
}

/**
 * Conditions look at an answered question only: an unanswered or N/A one triggers nothing. A condition expression
 * looks at the whole interview (`context`); without one it holds nothing.
 */
export function conditionHolds(result: QuestionResult, when: FlagCondition, context?: ExpressionContext): boolean {
  if ('condition' in when) return context !== undefined && evaluate(when.condition.expr, context.index, context.facts);
  if (result.state !== 'scored') return false;
  if ('ratingAtOrBelow' in when) return result.level !== null && result.level <= when.ratingAtOrBelow;
  if ('factOutOfBounds' in when) return result.factOutOfBounds === true;
  if ('factNone' in when) return result.fact?.type === 'none';
  const report = result.fact?.type === 'date' ? result.fact.report : undefined;
  if ('opinionIn' in when) return report?.opinion !== undefined && when.opinionIn.includes(report.opinion);
  if ('exceptionsAbove' in when) return (report?.exceptions ?? 0) > when.exceptionsAbove;
  if ('openCriticalAbove' in when) return (report?.openCritical ?? 0) > when.openCriticalAbove;
  return (report?.openHigh ?? 0) > when.openHighAbove;
}

/**
 * A "none", or a date past its bound, stands aside for a valid alternative: no SOC 2 report (or one too old), but a
 * current ISO 27001 certificate, makes the SOC 2 question not applicable instead of a missing or stale certificate.
 * So recording an honest stale date never scores worse than recording none. A report that was read and found
 * wanting (a qualified opinion, open critical findings) is news, not absence: it never stands aside.
 */
function applyAlternatives(questions: readonly Question[], results: Map<string, QuestionResult>): void {
  const holds = (id: string) => {
    const r = results.get(id);
    return r?.state === 'scored' && r.fact !== null && r.fact.type !== 'none' && r.factOutOfBounds === false && !reportFails(r.fact);
  };
  // Decided on the results as recorded, so two stale alternatives never stand in for each other.
  const standIns = new Map(questions.map((q) => [q.id, (q.satisfiedBy ?? []).find(holds)]));
  for (const q of questions) {
    const r = results.get(q.id)!;
    const alternative = standIns.get(q.id);
    const absent = r.fact?.type === 'none' || (r.factOutOfBounds === true && !reportFails(r.fact!));
    if (r.state === 'scored' && absent && alternative) {
      results.set(q.id, { ...r, state: 'na', level: null, rawLevel: null, score: null, capped: false, vagueCapped: false, disagreement: false, unread: [], coveredBy: alternative });
    }
  }
}

/**
 * The questions in play, in the order they are asked: each main question followed by those of its follow-ups
 * whose condition holds on its answers (recursively). A follow-up that already has an answer stays in play even
 * if a later rating no longer triggers it, so nothing recorded drops out of the record.
 */
export function questionsInPlay(questions: readonly Question[], results: ReadonlyMap<string, QuestionResult>): Question[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  // Built only for a bank that uses askWhen: most banks do not, and this runs on every click.
  let index: NameIndex | null = null;
  const order: Question[] = [];
  const visited = new Set<string>();
  // A question with `askWhen` is in play when its condition holds over the questions in play before it (or when it
  // already has an answer: nothing recorded drops out of the record).
  const shown = new Set<string>();
  const facts = conditionFacts(results, shown);
  const visit = (q: Question): void => {
    if (visited.has(q.id)) return;
    visited.add(q.id);
    const own = results.get(q.id);
    const answered = own !== undefined && own.state !== 'unanswered';
    if (q.askWhen && !answered) {
      index ??= nameIndex(questions);
      if (!evaluate(q.askWhen.expr, index, facts)) return;
    }
    shown.add(q.id);
    order.push(q);
    const parent = results.get(q.id);
    for (const f of q.followUps) {
      const child = byId.get(f.ask);
      if (!child) continue;
      const childResult = results.get(child.id);
      const answered = childResult !== undefined && childResult.state !== 'unanswered';
      if (answered || (parent !== undefined && conditionHolds(parent, f.when))) visit(child);
    }
  };
  for (const q of mainOf(questions)) visit(q);
  return order;
}

function mainOf(questions: readonly Question[]): Question[] {
  const followUpIds = new Set(questions.flatMap((q) => q.followUps.map((f) => f.ask)));
  return questions.filter((q) => !followUpIds.has(q.id));
}

/** Judges a question's notes: vague only when every note is. The latest override, if any, stands beside it. */
function judgeNotes(q: Question, notes: readonly NoteInput[], overrides: readonly VagueOverrideInput[]): NotesJudgement | null {
  const mine = notes.filter((n) => n.questionId === q.id);
  if (mine.length === 0) return null;
  const judged = mine.map((n) => judgeNote(q, n.text));
  const vague = judged.every((j) => j.vague);
  const override = overrides.findLast((o) => o.questionId === q.id);
  return {
    vague,
    reason: vague ? (judged.find((j) => j.reason !== null)?.reason ?? null) : null,
    overridden: vague && override ? { by: override.by, reason: override.reason } : null,
    pointsCovered: Math.max(...judged.map((j) => j.pointsCovered)),
    pointsTotal: q.matureAnswer.length,
  };
}

export function computeFlags(inPlay: readonly Question[], results: ReadonlyMap<string, QuestionResult>, all: readonly Question[] = inPlay): ComputedFlag[] {
  const flags: ComputedFlag[] = [];
  const expressions = inPlay.some((q) => q.redFlags.some((r) => 'condition' in r.when));
  const context: ExpressionContext | undefined = expressions ? { index: nameIndex(all), facts: conditionFacts(results, new Set(inPlay.map((q) => q.id))) } : undefined;
  for (const q of inPlay) {
    const r = results.get(q.id);
    if (!r) continue;
    const top = topLevel(q);
    const answered = r.state === 'scored' || r.state === 'answered';
    for (const rule of q.redFlags) {
      // A condition expression is judged once its question is answered, not while the interview has yet to ask it.
      if ('condition' in rule.when && !answered) continue;
      if (conditionHolds(r, rule.when, context)) flags.push({ rule: rule.rule, questionId: q.id, severity: rule.severity, message: rule.title ? `${rule.title}: ${rule.message}` : rule.message });
    }
    if (r.capped) {
      const what = q.fact && r.fact ? `"${q.title}" was given as ${describeFact(q.fact, r.fact)}` : `"${q.title}" was rated ${q.rubric[top]!.label}`;
      flags.push({
        rule: 'claim-without-evidence',
        questionId: q.id,
        severity: 'medium',
        message: `${what} but no evidence was shown; it counts as ${q.rubric[top - 1]!.label} until it is.`,
      });
    }
    if (r.disagreement) flags.push(disagreementFlag(q, r));
    if (r.notes?.vague && r.notes.overridden === null) {
      const held = r.vagueCapped ? ` It counts as ${q.rubric[VAGUE_LEVEL]!.label} until evidence is shown or an evaluator overrides the judgement with a reason.` : '';
      flags.push({
        rule: 'vague-answer',
        questionId: q.id,
        severity: 'medium',
        message: `The answer to "${q.title}" was vague (${r.notes.reason ?? 'nothing concrete'}): specific on ${r.notes.pointsCovered} of ${r.notes.pointsTotal} points a mature answer covers.${held}`,
      });
    }
  }
  return flags;
}

function disagreementFlag(q: Question, r: QuestionResult): ComputedFlag {
  if (q.fact && r.fact) {
    return {
      rule: 'evaluators-disagree',
      questionId: q.id,
      severity: 'medium',
      message: `Evaluators recorded different values for "${q.title}": the most cautious, ${describeFact(q.fact, r.fact)}, counts until they agree.`,
    };
  }
  const levels = r.ratings.map((x) => x.level);
  return {
    rule: 'evaluators-disagree',
    questionId: q.id,
    severity: 'medium',
    message: `Evaluators disagree on "${q.title}" (from ${q.rubric[Math.min(...levels)]!.label} to ${q.rubric[Math.max(...levels)]!.label}): follow up rather than average.`,
  };
}

/**
 * What a main question contributes, 0-100, or null when it is not applicable. Unanswered earns nothing. A follow-up
 * its answer triggered can only lower it: the lowest of the parent's score and each triggered follow-up's own
 * contribution, a triggered follow-up not yet answered earning nothing. Follow-ups have no weight of their own.
 */
function contribution(q: Question, results: ReadonlyMap<string, QuestionResult>, byId: ReadonlyMap<string, Question>, seen = new Set<string>()): number | null {
  const r = results.get(q.id);
  // A question without a score (answered or not) neither earns nor costs anything.
  if (!r || r.state === 'na' || !carriesScore(q) || seen.has(q.id)) return null;
  if (r.state !== 'scored') return 0;
  seen.add(q.id);
  let value = r.score!;
  for (const f of q.followUps) {
    const child = byId.get(f.ask);
    if (!child || !conditionHolds(r, f.when)) continue;
    const c = contribution(child, results, byId, seen);
    if (c !== null) value = Math.min(value, c);
  }
  return value;
}

/**
 * Per dimension: the score over the applicable questions that carry one, and the coverage over all applicable
 * questions (an unscored question answered is examined, and counts for coverage). `inPlay` leaves out the main
 * questions whose askWhen does not hold: they are not part of this interview.
 */
export function dimensionScores(questions: readonly Question[], results: ReadonlyMap<string, QuestionResult>, model: EngagementModel | null, inPlay?: ReadonlySet<string>): DimensionScore[] {
  const weights = MODEL_WEIGHTS[model ?? 'general'];
  const byId = new Map(questions.map((q) => [q.id, q]));
  const groups = mainOf(questions)
    .filter((q) => !inPlay || inPlay.has(q.id))
    .map((q) => {
      const state = results.get(q.id)?.state;
      return { q, na: state === 'na', scorable: carriesScore(q), value: contribution(q, results, byId), answered: state === 'scored' || state === 'answered' };
    });
  return DIMENSIONS.map((dimension) => {
    const applicable = groups.filter((g) => g.q.dimension === dimension && !g.na && (g.value !== null || !g.scorable));
    const answered = applicable.filter((g) => g.answered);
    const scorable = applicable.filter((g) => g.scorable);
    const applicableWeight = sum(applicable.map((g) => g.q.weight));
    const answeredWeight = sum(answered.map((g) => g.q.weight));
    const scorableWeight = sum(scorable.map((g) => g.q.weight));
    const scoredWeight = sum(scorable.filter((g) => g.answered).map((g) => g.q.weight));
    return {
      dimension,
      score: scoredWeight > 0 ? sum(scorable.map((g) => g.q.weight * g.value!)) / scorableWeight : null,
      coverage: applicableWeight > 0 ? answeredWeight / applicableWeight : 0,
      modelWeight: weights[dimension],
      answered: answered.length,
      applicable: applicable.length,
      scorable: scorable.length,
    };
  });
}

/**
 * Score: model-weighted over the dimensions with anything applicable, a dimension not examined counting 0; 0 when
 * nothing at all is applicable (marking everything N/A earns nothing either).
 * Coverage: model-weighted over all five dimensions, one with nothing applicable counting as not covered.
 */
export function overallScore(dimensions: readonly DimensionScore[]): { score: number | null; coverage: number } {
  const applicable = dimensions.filter((d) => d.scorable > 0);
  const applicableWeight = sum(applicable.map((d) => d.modelWeight));
  // Questions apply, but none carries a score: there is no score to give, and the tier rests on the red flags.
  const unscored = applicable.length === 0 && dimensions.some((d) => d.applicable > 0);
  return {
    score: applicableWeight > 0 ? sum(applicable.map((d) => d.modelWeight * (d.score ?? 0))) / applicableWeight : unscored ? null : 0,
    coverage: sum(dimensions.map((d) => d.modelWeight * d.coverage)) / sum(dimensions.map((d) => d.modelWeight)),
  };
}

/** The worst flag examining `q` (or the follow-ups it could trigger) could raise. */
function potentialSeverity(q: Question, byId: ReadonlyMap<string, Question>, seen = new Set<string>()): Severity {
  seen.add(q.id);
  let worst = worse(
    GENERIC_SEVERITY,
    q.redFlags.map((r) => r.severity),
  );
  for (const f of q.followUps) {
    const child = byId.get(f.ask);
    if (child && !seen.has(child.id)) worst = worse(worst, [potentialSeverity(child, byId, seen)]);
  }
  return worst;
}

/**
 * The knock-out questions in play that did not pass, failed first, then gravest first. A knock-out is judged on the
 * answer that counts, never on its flag: resolving or accepting the flag does not make it pass; a changed answer does.
 */
export function knockOutsOf(inPlay: readonly Question[], results: ReadonlyMap<string, QuestionResult>, byId: ReadonlyMap<string, Question>): KnockOut[] {
  const out: KnockOut[] = [];
  for (const q of inPlay) {
    if (!q.knockOut) continue;
    const r = results.get(q.id);
    if (!r) continue;
    if (r.state === 'scored') {
      const fired = q.redFlags.filter((rule) => conditionHolds(r, rule.when));
      if (fired.length > 0)
        out.push({
          questionId: q.id,
          title: q.title,
          state: 'failed',
          severity: worse(
            'high',
            fired.map((f) => f.severity),
          ),
          rules: fired.map((f) => f.rule),
        });
    } else if (!(r.state === 'na' && r.coveredBy !== null)) {
      out.push({ questionId: q.id, title: q.title, state: 'not-examined', severity: worse('high', [potentialSeverity(q, byId)]), rules: [] });
    }
  }
  const rank = (k: KnockOut) => (k.state === 'failed' ? 0 : 2) + (k.severity === 'critical' ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b));
}

/** Who rated what: the evaluators with a rating or fact on a question in play, and the dimensions only one of them rated. */
export function panelOf(questions: readonly QuestionResult[], minEvaluators: number, complete: boolean): Panel {
  const raters = [...new Set(questions.flatMap((r) => (r.state === 'scored' ? r.raters : [])))];
  const singleRater = DIMENSIONS.filter((d) => {
    const who = new Set(questions.flatMap((r) => (r.dimension === d && r.state === 'scored' ? r.raters : [])));
    return who.size === 1;
  });
  return { raters, singleRater, minEvaluators, final: complete && raters.length >= minEvaluators };
}

function verdictOf(
  questions: readonly Question[],
  inPlay: readonly Question[],
  results: ReadonlyMap<string, QuestionResult>,
  dimensions: readonly DimensionScore[],
  coverage: number,
  screen: boolean,
): Verdict {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const unansweredQuestions = inPlay.filter((q) => {
    const state = results.get(q.id)?.state;
    return state === 'unanswered' || state === 'skipped';
  });
  const unexamined = dimensions.filter((d) => d.answered === 0).map((d) => d.dimension);
  return {
    incomplete: coverage < MIN_COVERAGE || unexamined.length > 0,
    unexamined,
    unanswered: unansweredQuestions.map((q) => q.id),
    unknownRisk:
      unansweredQuestions.length > 0
        ? worse(
            null,
            unansweredQuestions.map((q) => potentialSeverity(q, byId)),
          )
        : null,
    screen,
    knockOuts: knockOutsOf(inPlay, results, byId),
  };
}

function incompleteFlag(verdict: Verdict, coverage: number): ComputedFlag {
  const parts = [`${Math.round(coverage * 100)}% of the weighted questions were answered (${Math.round(MIN_COVERAGE * 100)}% needed)`];
  if (verdict.unexamined.length > 0) parts.push(`not examined at all: ${verdict.unexamined.map((d) => DIMENSION_LABELS[d]).join(', ')}`);
  return {
    rule: 'incomplete-vetting',
    questionId: '',
    severity: 'high',
    message: `Incomplete vetting: ${parts.join('; ')}. What was not examined is unknown risk: ask it before relying on this verdict.`,
  };
}

/**
 * Tier from the score, raised (never lowered) to the worst open red flag, to the worst flag an unanswered question
 * could have raised, to high for an incomplete vetting, to each knock-out's floor (high, or critical), and to medium
 * for a quick screen.
 */
export function riskTier(
  score: number | null,
  openSeverities: readonly Severity[],
  verdict?: Pick<Verdict, 'incomplete' | 'unknownRisk'> & Partial<Pick<Verdict, 'screen' | 'knockOuts'>>,
): RiskTier | null {
  const fromScore: RiskTier | null = score === null ? null : (TIER_THRESHOLDS.find((t) => score >= t.min)?.tier ?? 'critical');
  // Severities and tiers share names and order, so a severity is the tier it forces.
  const floors: Severity[] = [
    ...openSeverities,
    ...(verdict?.unknownRisk ? [verdict.unknownRisk] : []),
    ...(verdict?.incomplete ? ['high' as const] : []),
    ...(verdict?.knockOuts ?? []).map((k) => k.severity),
    ...(verdict?.screen ? ['medium' as const] : []),
  ];
  const worstFloor = worse(null, floors);
  if (fromScore === null) return worstFloor;
  if (worstFloor === null) return fromScore;
  return RISK_TIERS.indexOf(worstFloor) > RISK_TIERS.indexOf(fromScore) ? worstFloor : fromScore;
}

/**
 * How `/vet list` and `/vet compare` order vettings of the same tier, before their scores: a complete full vetting
 * first, then an incomplete one, then a screen (lower is better). A screen only tells whether to vet in full.
 */
export function vettingOrder(c: Pick<Scorecard, 'verdict'>): number {
  return (c.verdict.screen ? 2 : 0) + (c.verdict.incomplete ? 1 : 0);
}

export function scoreInterview(input: ScoreInput): Scorecard {
  const overrides = input.vagueOverrides ?? [];
  const allResults = new Map(
    input.questions.map((q) => [
      q.id,
      scoreQuestion(q, input.answers, input.now, judgeNotes(q, input.notes, overrides), {
        model: input.model,
        evidenceAccepted: input.acceptedEvidence?.has(q.id) ?? false,
      }),
    ]),
  );
  applyAlternatives(input.questions, allResults);
  const inPlay = questionsInPlay(input.questions, allResults);
  const questions = inPlay.map((q) => allResults.get(q.id)!);
  const dimensions = dimensionScores(input.questions, allResults, input.model, new Set(inPlay.map((q) => q.id)));
  const overall = overallScore(dimensions);
  const verdict = verdictOf(input.questions, inPlay, allResults, dimensions, overall.coverage, input.variant === 'lite');
  const flags = [
    ...computeFlags(inPlay, allResults, input.questions),
    ...(verdict.incomplete ? [incompleteFlag(verdict, overall.coverage)] : []),
    ...(input.evidence ? evidenceOverdueFlags(input.questions, input.evidence.requests, input.evidence.asOf) : []),
    ...(input.extraFlags ?? []),
  ];
  const closed = input.closedFlags ?? new Set<string>();
  const tier = riskTier(
    overall.score,
    flags.filter((f) => !closed.has(flagKey(f))).map((f) => f.severity),
    verdict,
  );
  const byId = new Map(inPlay.map((q) => [q.id, q]));
  const required = questions.filter((r) => r.state === 'scored' && byId.get(r.questionId)!.evidenceRequired);
  const shown = required.filter((r) => r.evidenceShown).length;
  return {
    questions,
    dimensions,
    overall,
    tier,
    verdict,
    flags,
    disagreements: questions.filter((r) => r.disagreement).map((r) => r.questionId),
    evidence: { required: required.length, shown, coverage: required.length > 0 ? shown / required.length : null },
    counts: {
      total: questions.length,
      scored: questions.filter((r) => r.state === 'scored' || r.state === 'answered').length,
      na: questions.filter((r) => r.state === 'na').length,
      skipped: questions.filter((r) => r.state === 'skipped').length,
      unanswered: questions.filter((r) => r.state === 'unanswered').length,
    },
    panel: panelOf(questions, input.minEvaluators ?? DEFAULT_MIN_EVALUATORS, !verdict.screen && !verdict.incomplete),
  };
}

function worse(start: Severity, severities: readonly Severity[]): Severity;
function worse(start: null, severities: readonly Severity[]): Severity | null;
function worse(start: Severity | null, severities: readonly Severity[]): Severity | null {
  return severities.reduce<Severity | null>((w, s) => (w === null || SEVERITIES.indexOf(s) > SEVERITIES.indexOf(w) ? s : w), start);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
