// Rules that must hold for every interview, checked on generated ones: examining less never looks better.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGAGEMENT_MODELS, EVIDENCE_STATES, naAllowedFor, type FactValue, type Question } from '../src/questions/model.js';
import { selectQuestions } from '../src/questions/select.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { scoreInterview } from '../src/scoring/score.js';
import { flagKey, RISK_TIERS, type AnswerInput, type NoteInput, type Scorecard } from '../src/scoring/types.js';
import { failingAnswer, goodFact } from './support/archetypes.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const EVALUATORS = ['U1', 'U2', 'U3'];
const NOTES = [
  'We follow best practices, usually.',
  'It depends on the client.',
  'Two approvals on every PR in GitHub, CODEOWNERS for /infra, last audited 2026-10-02.',
  'Vault with 30-day rotation; they showed the rotation log for the payments project.',
];

/** A plausible value for a fact question: none, within its bounds, or outside them. */
function factArb(q: Question): fc.Arbitrary<FactValue> {
  switch (q.fact!.type) {
    case 'date':
      return fc.constantFrom<FactValue>({ type: 'none' }, { type: 'date', value: '2026-06-30' }, { type: 'date', value: '2024-01-31' }, { type: 'date', value: '2027-05-01' });
    case 'boolean':
      return fc.constantFrom<FactValue>({ type: 'none' }, { type: 'boolean', value: true }, { type: 'boolean', value: false });
    case 'number':
      return fc.constantFrom<FactValue>({ type: 'none' }, { type: 'number', value: 24 }, { type: 'number', value: 168 });
    case 'list':
      return fc.constantFrom<FactValue>({ type: 'none' }, { type: 'list', value: ['Ana Ruiz', 'Bo Chen'] }, { type: 'list', value: ['Ana Ruiz'] });
  }
}

/** Evidence as recorded: "shown" with what was seen, or (as before it had to be said) a bare click. */
const evidenceArb = fc
  .record({ state: fc.option(fc.constantFrom(...EVIDENCE_STATES), { nil: null }), seen: fc.constantFrom<string | null>('audit log of PR 4812 on screen share', null) })
  .map(({ state, seen }) => ({ evidence: state, evidenceSeen: state === 'shown' ? seen : null }));

/** An N/A as it may be recorded: with or without a reason, confirmed by someone else, by nobody, or by its claimant. */
function naArb(evaluatorId: string): fc.Arbitrary<Pick<AnswerInput, 'naReason' | 'naConfirmedBy'>> {
  return fc.record({
    naReason: fc.constantFrom<string | null>('The vendor claims no CMMI rating.', null),
    naConfirmedBy: fc.constantFrom<string | null>(null, evaluatorId, ...EVALUATORS.filter((e) => e !== evaluatorId)),
  });
}

/** One evaluator's answer to one question, or nothing. */
function answerArb(q: Question, evaluatorId: string): fc.Arbitrary<AnswerInput | null> {
  const base = { questionId: q.id, evaluatorId, updatedAt: NOW.toISOString() };
  const rated = q.fact
    ? fc.record({ fact: factArb(q), evidence: evidenceArb }).map(({ fact, evidence }) => ({ ...base, status: 'rated' as const, level: null, fact, ...evidence, answeredBefore: true }))
    : fc
        .record({ level: fc.integer({ min: 0, max: q.rubric.length - 1 }), evidence: evidenceArb })
        .map(({ level, evidence }) => ({ ...base, status: 'rated' as const, level, fact: null, ...evidence, answeredBefore: true }));
  // A skip or N/A may come after an answer this evaluator gave earlier (the store keeps that it was answered).
  const other = fc
    .record({ status: fc.constantFrom('na' as const, 'skipped' as const, 'pending' as const), evidence: evidenceArb, na: naArb(evaluatorId), answeredBefore: fc.boolean() })
    .map(({ status, evidence, na, answeredBefore }) => ({ ...base, status, level: null, fact: null, ...evidence, answeredBefore, ...(status === 'na' ? na : {}) }));
  return fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: rated, weight: 5 }, { arbitrary: other, weight: 1 });
}

/**
 * Answers as the store can hold them: a confirmed N/A never stands beside a rating (a rating withdraws the
 * confirmation, and a rated question cannot be confirmed N/A).
 */
function reachable(answers: readonly AnswerInput[]): AnswerInput[] {
  const rated = new Set(answers.filter((a) => a.status === 'rated').map((a) => a.questionId));
  return answers.map((a) => (a.status === 'na' && rated.has(a.questionId) ? { ...a, naConfirmedBy: null } : a));
}

const interviewArb = fc.record({ model: fc.constantFrom(null, ...ENGAGEMENT_MODELS), variant: fc.constantFrom('standard' as const, 'lite' as const) }).chain(({ model, variant }) => {
  const questions = selectQuestions(STANDARD_BANK, model, variant);
  const perQuestion = questions.map((q) =>
    fc.record({
      answers: fc.tuple(...EVALUATORS.map((e) => answerArb(q, e))).map((xs) => reachable(xs.filter((a): a is AnswerInput => a !== null))),
      notes: fc.subarray(NOTES, { maxLength: 2 }).map((texts): NoteInput[] => texts.map((text) => ({ questionId: q.id, text }))),
    }),
  );
  return fc.record({
    model: fc.constant(model),
    variant: fc.constant(variant),
    perQuestion: fc.tuple(...perQuestion),
    closeShare: fc.double({ min: 0, max: 1, noNaN: true }),
  });
});

/** 300 scored interviews of the whole bank take a while on a busy machine: the properties get the time they need. */
const HEAVY = 180_000;

/** Worse standing = higher tier rank, then lower score; this is how `/vet list` and `/vet compare` rank vendors. */
const tierRank = (c: Scorecard) => (c.tier === null ? RISK_TIERS.length : RISK_TIERS.indexOf(c.tier));

type GeneratedInterview = typeof interviewArb extends fc.Arbitrary<infer T> ? T : never;

/** The questions are derived, not generated, so a counterexample prints only the answers. */
const questionsOf = (i: GeneratedInterview) => selectQuestions(STANDARD_BANK, i.model, i.variant);

function scoreOf(i: GeneratedInterview, dropped: ReadonlySet<string>, closedFlags: ReadonlySet<string>): Scorecard {
  return scoreInterview({
    questions: questionsOf(i),
    answers: i.perQuestion.flatMap((p) => p.answers).filter((a) => !dropped.has(a.questionId)),
    notes: i.perQuestion.flatMap((p) => p.notes),
    model: i.model,
    now: NOW,
    closedFlags,
    variant: i.variant,
  });
}

describe('examining less never looks better', () => {
  it(
    'dropping the answers to any set of questions never raises the score, the tier, a dimension or the coverage',
    () => {
      fc.assert(
        fc.property(interviewArb, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (interview, picks) => {
          const answered = [...new Set(interview.perQuestion.flatMap((p) => p.answers.map((a) => a.questionId)))];
          fc.pre(answered.length > 0);
          const dropped = new Set(picks.map((p) => answered[p % answered.length]!));
          const full = scoreOf(interview, new Set(), new Set());
          // People may have resolved or accepted some flags: the same decisions stand in both cases.
          const closed = new Set(full.flags.filter((_, n) => n / full.flags.length < interview.closeShare).map(flagKey));
          const before = scoreOf(interview, new Set(), closed);
          const after = scoreOf(interview, dropped, closed);

          expect(after.overall.score).toBeLessThanOrEqual((before.overall.score ?? 0) + 1e-9);
          expect(tierRank(after)).toBeGreaterThanOrEqual(tierRank(before));
          expect(after.overall.coverage).toBeLessThanOrEqual(before.overall.coverage + 1e-9);
          for (const d of after.dimensions) {
            const was = before.dimensions.find((x) => x.dimension === d.dimension)!;
            expect(d.score ?? 0).toBeLessThanOrEqual((was.score ?? 0) + 1e-9);
          }
          if (!before.verdict.incomplete) return;
          expect(after.verdict.incomplete).toBe(true);
        }),
        { numRuns: 300 },
      );
    },
    HEAVY,
  );

  // An N/A beside ratings is a dissent (the most cautious vote): withdrawing it lets the ratings count, which is
  // examining more, not less, so it is left out here; every other N/A is dropped.
  it(
    'dropping any one skip or evidence-only answer, or an N/A on a question nobody rated, or taking back evidence shown, never raises the standing',
    () => {
      fc.assert(
        fc.property(interviewArb, fc.nat(), fc.boolean(), (interview, pick, takeBackEvidence) => {
          const all = interview.perQuestion.flatMap((p) => p.answers);
          // Rated now, or once (an answer that was given and later turned into a skip or N/A): either is an examination,
          // and dropping the record of one is dropping a rating.
          const rated = new Set(all.filter((a) => a.status === 'rated' || a.answeredBefore).map((a) => a.questionId));
          const candidates = takeBackEvidence
            ? all.filter((a) => a.evidence === 'shown')
            : all.filter((a) => a.status !== 'rated' && !a.answeredBefore && !(a.status === 'na' && rated.has(a.questionId)));
          fc.pre(candidates.length > 0);
          const target = candidates[pick % candidates.length]!;
          const changed = takeBackEvidence ? all.map((a) => (a === target ? { ...a, evidence: null } : a)) : all.filter((a) => a !== target);
          const input = { questions: questionsOf(interview), notes: interview.perQuestion.flatMap((p) => p.notes), model: interview.model, now: NOW };
          const before = scoreInterview({ ...input, answers: all });
          const after = scoreInterview({ ...input, answers: changed });
          expect(after.overall.score).toBeLessThanOrEqual((before.overall.score ?? 0) + 1e-9);
          expect(tierRank(after)).toBeGreaterThanOrEqual(tierRank(before));
          expect(after.overall.coverage).toBeLessThanOrEqual(before.overall.coverage + 1e-9);
        }),
        { numRuns: 300 },
      );
    },
    HEAVY,
  );

  it(
    'an incomplete vetting is never rated low or medium risk, whatever its answers',
    () => {
      fc.assert(
        fc.property(interviewArb, (interview) => {
          const card = scoreOf(interview, new Set(), new Set());
          if (!card.verdict.incomplete) return;
          expect(['high', 'critical']).toContain(card.tier);
          expect(card.flags.map((f) => f.rule)).toContain('incomplete-vetting');
        }),
        { numRuns: 200 },
      );
    },
    HEAVY,
  );

  it(
    'a follow-up never lifts its parent: a top answer to it scores no more than the parent would alone',
    () => {
      fc.assert(
        fc.property(interviewArb, (interview) => {
          const answers = interview.perQuestion.flatMap((p) => p.answers);
          const questions = questionsOf(interview);
          for (const parent of questions) {
            for (const f of parent.followUps) {
              const child = questions.find((q) => q.id === f.ask);
              if (!child || child.fact) continue;
              const top = EVALUATORS.map((e) => ({
                questionId: child.id,
                evaluatorId: e,
                status: 'rated' as const,
                level: child.rubric.length - 1,
                evidence: 'shown' as const,
                fact: null,
                updatedAt: NOW.toISOString(),
              }));
              const withFollowUp = scoreInterview({ questions, answers: [...answers.filter((a) => a.questionId !== child.id), ...top], notes: [], model: interview.model, now: NOW });
              // The same interview without that follow-up at all: the parent's answer alone.
              const parentAlone = scoreInterview({
                questions: questions.filter((q) => q.id !== child.id).map((q) => (q.id === parent.id ? { ...q, followUps: q.followUps.filter((x) => x.ask !== child.id) } : q)),
                answers: answers.filter((a) => a.questionId !== child.id),
                notes: [],
                model: interview.model,
                now: NOW,
              });
              expect(withFollowUp.overall.score).toBeLessThanOrEqual((parentAlone.overall.score ?? 0) + 1e-9);
            }
          }
        }),
        { numRuns: 60 },
      );
    },
    HEAVY,
  );
});

/** `after` stands no better than `before`: score, tier (and so rank in /vet list and /vet compare) and coverage. */
function expectNoBetter(after: Scorecard, before: Scorecard): void {
  expect(after.overall.score ?? 0).toBeLessThanOrEqual((before.overall.score ?? 0) + 1e-9);
  expect(tierRank(after)).toBeGreaterThanOrEqual(tierRank(before));
  expect(after.overall.coverage).toBeLessThanOrEqual(before.overall.coverage + 1e-9);
}

/** The same decisions on flags stand before and after (some resolved or accepted). */
function closedOf(c: Scorecard, share: number): Set<string> {
  return new Set(c.flags.filter((_, n) => n / c.flags.length < share).map(flagKey));
}

describe('N/A is a claim, not an escape', () => {
  const inputOf = (i: GeneratedInterview) => ({ questions: questionsOf(i), notes: i.perQuestion.flatMap((p) => p.notes), model: i.model, now: NOW });

  it(
    'replacing any answer by an N/A as it is recorded (with a reason, before a second person confirms it) never raises the standing',
    () => {
      fc.assert(
        fc.property(interviewArb, fc.nat(), (interview, pick) => {
          const all = interview.perQuestion.flatMap((p) => p.answers);
          fc.pre(all.length > 0);
          const target = all[pick % all.length]!;
          const changed = all.map((a) => (a === target ? { ...a, status: 'na' as const, level: null, fact: null, naReason: 'Does not apply to this vendor.', naConfirmedBy: null } : a));
          const closed = closedOf(scoreInterview({ ...inputOf(interview), answers: all }), interview.closeShare);
          expectNoBetter(scoreInterview({ ...inputOf(interview), answers: changed, closedFlags: closed }), scoreInterview({ ...inputOf(interview), answers: all, closedFlags: closed }));
        }),
        { numRuns: 300 },
      );
    },
    HEAVY,
  );

  it(
    'replacing any rating or fact by any N/A (allowed or not, with or without a reason, confirmed by anyone or nobody) never raises the standing',
    () => {
      fc.assert(
        fc.property(interviewArb, fc.nat(), naArb('U1'), fc.boolean(), (interview, pick, na, sole) => {
          const everything = interview.perQuestion.flatMap((p) => p.answers);
          const allowed = new Set(
            questionsOf(interview)
              .filter((q) => naAllowedFor(q, interview.model))
              .map((q) => q.id),
          );
          // Half the runs aim where an N/A could count: the only answer, on a question the bank lets be N/A.
          const pool = everything.filter((a) => a.status === 'rated' && (!sole || allowed.has(a.questionId)));
          fc.pre(pool.length > 0);
          const target = pool[pick % pool.length]!;
          const all = sole ? everything.filter((a) => a === target || a.questionId !== target.questionId) : everything;
          // What the store records when an answer becomes an N/A: the row keeps that the question was answered.
          const confirmation = sole ? { naReason: 'The vendor claims no CMMI rating.', naConfirmedBy: 'U2' } : na;
          const changed = all.map((a) => (a === target ? { ...a, status: 'na' as const, level: null, fact: null, ...confirmation, evaluatorId: 'U1', answeredBefore: true } : a));
          const closed = closedOf(scoreInterview({ ...inputOf(interview), answers: all }), interview.closeShare);
          const after = scoreInterview({ ...inputOf(interview), answers: changed, closedFlags: closed });
          expectNoBetter(after, scoreInterview({ ...inputOf(interview), answers: all, closedFlags: closed }));
          expect(after.questions.find((r) => r.questionId === target.questionId)?.state ?? 'unanswered').not.toBe('na');
        }),
        { numRuns: 300 },
      );
    },
    HEAVY,
  );

  it(
    'replacing any answer by a confirmed N/A where the bank does not allow one (for this engagement model) never raises the standing',
    () => {
      fc.assert(
        fc.property(interviewArb, fc.nat(), (interview, pick) => {
          const all = interview.perQuestion.flatMap((p) => p.answers);
          const model = interview.model;
          const notAllowed = new Set(
            questionsOf(interview)
              .filter((q) => !naAllowedFor(q, model))
              .map((q) => q.id),
          );
          const candidates = all.filter((a) => notAllowed.has(a.questionId));
          fc.pre(candidates.length > 0);
          const target = candidates[pick % candidates.length]!;
          const other = EVALUATORS.find((e) => e !== target.evaluatorId)!;
          const changed = all.map((a) => (a === target ? { ...a, status: 'na' as const, level: null, fact: null, naReason: 'We do not think it applies.', naConfirmedBy: other } : a));
          const closed = closedOf(scoreInterview({ ...inputOf(interview), answers: all }), interview.closeShare);
          const after = scoreInterview({ ...inputOf(interview), answers: changed, closedFlags: closed });
          expectNoBetter(after, scoreInterview({ ...inputOf(interview), answers: all, closedFlags: closed }));
          expect(after.questions.find((r) => r.questionId === target.questionId)?.state ?? 'unanswered').not.toBe('na');
        }),
        { numRuns: 300 },
      );
    },
    HEAVY,
  );

  it(
    'a confirmed N/A the bank allows never leaves the vendor better off than not asking the question at all',
    () => {
      fc.assert(
        fc.property(interviewArb, fc.nat(), (interview, pick) => {
          const questions = questionsOf(interview);
          const followUps = new Set(questions.flatMap((q) => q.followUps.map((f) => f.ask)));
          const allowed = questions.filter((q) => !followUps.has(q.id) && naAllowedFor(q, interview.model));
          fc.pre(allowed.length > 0);
          const q = allowed[pick % allowed.length]!;
          const gone = new Set([q.id, ...q.followUps.map((f) => f.ask)]);
          const others = interview.perQuestion.flatMap((p) => p.answers).filter((a) => a.questionId !== q.id);
          const claim: AnswerInput = {
            questionId: q.id,
            evaluatorId: 'U1',
            status: 'na',
            level: null,
            fact: null,
            evidence: null,
            naReason: 'The vendor claims no CMMI rating.',
            naConfirmedBy: 'U2',
            updatedAt: NOW.toISOString(),
          };
          const notes = interview.perQuestion.flatMap((p) => p.notes);
          const withNa = scoreInterview({ questions, answers: [...others, claim], notes, model: interview.model, now: NOW });
          const notAsked = scoreInterview({ questions: questions.filter((x) => !gone.has(x.id)), answers: others.filter((a) => !gone.has(a.questionId)), notes, model: interview.model, now: NOW });
          expect(withNa.questions.find((r) => r.questionId === q.id)?.state).toBe('na');
          expectNoBetter(withNa, notAsked);
        }),
        { numRuns: 200 },
      );
    },
    HEAVY,
  );
});

describe('no average offsets a knock-out, and a screen is a screen', () => {
  it('the tier is never better than the floor of any knock-out that failed or was not examined', () => {
    fc.assert(
      fc.property(interviewArb, (interview) => {
        const card = scoreOf(interview, new Set(), new Set());
        for (const k of card.verdict.knockOuts) expect(tierRank(card)).toBeGreaterThanOrEqual(RISK_TIERS.indexOf(k.severity));
      }),
      { numRuns: 150 },
    );
  });

  it('better answers elsewhere (every other question at the top, with evidence) never lift the tier above a failed knock-out', () => {
    fc.assert(
      fc.property(interviewArb, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (interview, pick, improveShare) => {
        const questions = questionsOf(interview);
        const knockOuts = questions.filter((q) => q.knockOut);
        fc.pre(knockOuts.length > 0);
        const ko = knockOuts[pick % knockOuts.length]!;
        const failing = EVALUATORS.map((e) => failingAnswer(ko, e, NOW.toISOString()));
        const rest = interview.perQuestion.flatMap((p) => p.answers).filter((a) => a.questionId !== ko.id);
        // Some share of the other questions answered as well as they can be, by every evaluator.
        const improved = new Set(questions.filter((q, n) => q.id !== ko.id && n / questions.length < improveShare).map((q) => q.id));
        const best = questions
          .filter((q) => improved.has(q.id))
          .flatMap((q) =>
            EVALUATORS.map(
              (e): AnswerInput => ({
                questionId: q.id,
                evaluatorId: e,
                status: 'rated',
                level: q.fact ? null : q.rubric.length - 1,
                fact: q.fact ? goodFact(q) : null,
                evidence: 'shown',
                updatedAt: NOW.toISOString(),
              }),
            ),
          );
        const input = { questions, notes: interview.perQuestion.flatMap((p) => p.notes), model: interview.model, now: NOW, variant: interview.variant };
        const before = scoreInterview({ ...input, answers: [...rest, ...failing] });
        const after = scoreInterview({ ...input, answers: [...rest.filter((a) => !improved.has(a.questionId)), ...best, ...failing] });
        const floor = Math.max(RISK_TIERS.indexOf('high'), ...ko.redFlags.map((r) => RISK_TIERS.indexOf(r.severity)));
        expect(before.verdict.knockOuts.some((k) => k.questionId === ko.id && k.state === 'failed')).toBe(true);
        expect(tierRank(before)).toBeGreaterThanOrEqual(floor);
        expect(tierRank(after)).toBeGreaterThanOrEqual(floor);
      }),
      { numRuns: 150 },
    );
  });

  it('a screen is never rated better than medium, and never final', () => {
    fc.assert(
      fc.property(interviewArb, (interview) => {
        fc.pre(interview.variant === 'lite');
        const card = scoreOf(interview, new Set(), new Set());
        expect(card.verdict.screen).toBe(true);
        expect(card.tier).not.toBe('low');
        expect(card.panel.final).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});
