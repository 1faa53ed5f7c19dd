// The rules that make a verdict one an auditor can sign (docs/scoring.md): knock-outs beat averages, a screen is a
// screen, a report is read for its quality, a panel is not a person, and the built-in bank's severities discriminate.
import { describe, expect, it } from 'vitest';
import { validateBank } from '../src/questions/validate.js';
import { ENGAGEMENT_MODELS, STANDARD_RUBRIC, DIMENSIONS, type EngagementModel, type FactValue, type Question } from '../src/questions/model.js';
import { selectQuestions } from '../src/questions/select.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { scoreInterview } from '../src/scoring/score.js';
import { flagKey, type AnswerInput, type Scorecard } from '../src/scoring/types.js';
import { archetypeAnswers, failingAnswer, goodFact, type Archetype } from './support/archetypes.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const AT = NOW.toISOString();
const PANEL = ['U1', 'U2'];

const bankQuestion = (id: string) => STANDARD_BANK.questions.find((q) => q.id === id)!;

function score(model: EngagementModel | null, answers: AnswerInput[], opts: { variant?: 'standard' | 'lite'; closed?: ReadonlySet<string> } = {}): Scorecard {
  return scoreInterview({
    questions: selectQuestions(STANDARD_BANK, model, opts.variant ?? 'standard'),
    answers,
    notes: [],
    model,
    now: NOW,
    variant: opts.variant ?? 'standard',
    ...(opts.closed && { closedFlags: opts.closed }),
  });
}

/** The archetype's answers with `questionId`'s replaced by `replace` (one per evaluator). */
function withAnswer(answers: AnswerInput[], questionId: string, replace: (evaluatorId: string) => AnswerInput): AnswerInput[] {
  return [...answers.filter((a) => a.questionId !== questionId), ...PANEL.map(replace)];
}

/** Each evaluator's rating of `id`. */
const rated =
  (id: string, level: number, evidence: AnswerInput['evidence'] = null) =>
  (e: string): AnswerInput => ({ questionId: id, evaluatorId: e, status: 'rated', level, evidence, fact: null, updatedAt: AT });

/** What an evaluator records as seen with *Evidence shown* (docs/scoring.md: a bare "shown" lifts nothing). */
const SEEN = 'review threads and audit log on screen share';

/** An answer's "shown" with what was seen recorded, as the Evidence shown modal records it. */
const withSeen = (a: AnswerInput): AnswerInput => (a.evidence === 'shown' ? { ...a, evidenceSeen: SEEN } : a);

function archetype(model: EngagementModel | null, kind: Archetype, variant: 'standard' | 'lite' = 'standard'): AnswerInput[] {
  // The evidenced archetype records what each evaluator saw: only then does "shown" lift the top-rating cap.
  return archetypeAnswers(selectQuestions(STANDARD_BANK, model, variant), kind, PANEL, AT).map(withSeen);
}

describe('the bank marks its knock-outs', () => {
  it('marks the must-pass questions of the brief, each with a rule that says when it fails', () => {
    const knockOuts = STANDARD_BANK.questions.filter((q) => q.knockOut).map((q) => q.id);
    expect(knockOuts.sort()).toEqual(
      ['breach-notification-hours', 'incident-response-timeline', 'ip-assignment-chain', 'production-access-control', 'remote-engineer-identity', 'secrets-management-rotation'].sort(),
    );
    for (const id of knockOuts) expect(bankQuestion(id).redFlags.length).toBeGreaterThan(0);
  });

  it('makes unverified engineer identity and unclear IP ownership critical', () => {
    expect(bankQuestion('remote-engineer-identity').redFlags.map((r) => r.severity)).toEqual(['critical']);
    expect(bankQuestion('ip-assignment-chain').redFlags.map((r) => r.severity)).toEqual(['critical']);
  });

  it('does not ask a solo freelancer for a replacement guarantee', () => {
    const freelancer = selectQuestions(STANDARD_BANK, 'freelancer', 'standard').map((q) => q.id);
    expect(freelancer).not.toContain('replacement-guarantee-days');
    expect(freelancer).not.toContain('underperformer-replacement');
    expect(selectQuestions(STANDARD_BANK, 'agency', 'standard').map((q) => q.id)).toContain('replacement-guarantee-days');
  });

  it.each([
    {
      defect: 'a knock-out with no rule',
      q: { knockOut: true },
      expected: 'question `ko`: knockOut is set, but the question has no redFlags rule that says when it fails',
    },
    {
      defect: 'a quality condition on a date the question does not read',
      q: { fact: { type: 'date', label: 'Report date', maxAgeMonths: 12 }, redFlags: [{ rule: 'bad-opinion', severity: 'high', when: { opinionIn: ['qualified'] }, message: 'Qualified.' }] },
      expected: 'question `ko`: red flag `bad-opinion`: opinionIn needs fact.reads to include opinion',
    },
    {
      defect: 'an unknown reading',
      q: { fact: { type: 'date', label: 'Report date', reads: ['vibes'] } },
      expected: 'question `ko`: fact.reads item 1 must be one of opinion, exceptions, carveOuts, cuecs, openFindings (got "vibes")',
    },
  ])('refuses $defect', ({ q, expected }) => {
    const result = validateBank({ id: 'b', version: 1, questions: [{ id: 'ko', dimension: 'security', title: 'T', prompt: 'Show us.', matureAnswer: ['a', 'b'], ...q }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `question \`${'id' in p.question! ? p.question.id : ''}\`: ${p.message}`)).toContain(expected);
  });
});

describe('knock-outs beat averages', () => {
  it.each([
    {
      what: 'no contractual breach notice',
      id: 'breach-notification-hours',
      answer: (e: string) => failingAnswer(bankQuestion('breach-notification-hours'), e, AT),
      tier: 'critical',
      rules: ['breach-notification-absent'],
    },
    {
      what: 'a breach notice slower than 72 hours',
      id: 'breach-notification-hours',
      answer: (e: string): AnswerInput => ({
        ...failingAnswer(bankQuestion('breach-notification-hours'), e, AT),
        fact: { type: 'number', value: 168 },
        evidence: 'shown',
        evidenceSeen: 'MSA clause 14.2 on screen share',
      }),
      tier: 'high',
      rules: ['breach-notification-slow'],
    },
    { what: 'engineer identities claimed vaguely', id: 'remote-engineer-identity', answer: rated('remote-engineer-identity', 1), tier: 'critical', rules: ['engineer-identity-unverified'] },
    { what: 'IP assignment absent', id: 'ip-assignment-chain', answer: rated('ip-assignment-chain', 0), tier: 'critical', rules: ['ip-ownership-unclear'] },
    { what: 'production access claimed vaguely', id: 'production-access-control', answer: rated('production-access-control', 1), tier: 'high', rules: ['weak-production-access'] },
    { what: 'secrets refused', id: 'secrets-management-rotation', answer: rated('secrets-management-rotation', 0), tier: 'high', rules: ['weak-secrets-management'] },
    { what: 'incident response claimed vaguely', id: 'incident-response-timeline', answer: rated('incident-response-timeline', 1), tier: 'high', rules: ['weak-incident-response'] },
  ])('$what: $tier, whatever the average, listed first', ({ id, answer, tier, rules }) => {
    const answers = withAnswer(archetype('agency', 'evidenced'), id, answer);
    const card = score('agency', answers);
    expect(card.overall.score).toBeGreaterThan(90);
    expect(card.tier).toBe(tier);
    expect(card.verdict.knockOuts).toEqual([{ questionId: id, title: bankQuestion(id).title, state: 'failed', severity: tier, rules }]);
    // Accepting or resolving its flag does not make it pass: only a better answer does.
    const closed = new Set(card.flags.map(flagKey));
    expect(score('agency', answers, { closed }).tier).toBe(tier);
  });

  it('passes at Specific, also when a top rating is held there for want of evidence', () => {
    for (const level of [2, 3]) {
      const card = score('agency', withAnswer(archetype('agency', 'evidenced'), 'production-access-control', rated('production-access-control', level, null)));
      expect(card.verdict.knockOuts).toEqual([]);
    }
  });

  it('counts an unanswered, skipped or N/A knock-out as not examined: at least high, critical where its rule could be', () => {
    const base = archetype('agency', 'evidenced');
    const without = (id: string) => base.filter((a) => a.questionId !== id);
    const na = (id: string) => [...without(id), ...PANEL.map((e): AnswerInput => ({ questionId: id, evaluatorId: e, status: 'na', level: null, evidence: null, fact: null, updatedAt: AT }))];
    const unanswered = score('agency', without('breach-notification-hours'));
    expect(unanswered.verdict.knockOuts).toMatchObject([{ questionId: 'breach-notification-hours', state: 'not-examined', severity: 'critical' }]);
    expect(unanswered.tier).toBe('critical');
    const notApplicable = score('agency', na('secrets-management-rotation'));
    expect(notApplicable.verdict.knockOuts).toMatchObject([{ questionId: 'secrets-management-rotation', state: 'not-examined', severity: 'high' }]);
    expect(notApplicable.tier).toBe('high');
  });

  it('lists failed knock-outs before unexamined ones, the critical first', () => {
    const answers = withAnswer(
      withAnswer(archetype(null, 'evidenced'), 'production-access-control', rated('production-access-control', 0)),
      'remote-engineer-identity',
      rated('remote-engineer-identity', 0),
    ).filter((a) => a.questionId !== 'secrets-management-rotation');
    const card = score(null, answers);
    expect(card.verdict.knockOuts.map((k) => `${k.state} ${k.questionId} ${k.severity}`)).toEqual([
      'failed remote-engineer-identity critical',
      'failed production-access-control high',
      'not-examined secrets-management-rotation high',
    ]);
  });
});

describe('severities that mean something: the three archetypes with the built-in bank', () => {
  it.each([null, ...ENGAGEMENT_MODELS])('model %s: Specific without evidence is medium, everything evidenced is low, a failed knock-out high or critical', (model) => {
    const specific = score(model, archetype(model, 'specific'));
    expect(specific.tier).toBe('medium');
    expect(specific.verdict.knockOuts).toEqual([]);
    const evidenced = score(model, archetype(model, 'evidenced'));
    expect(evidenced.tier).toBe('low');
    expect(evidenced.overall.score).toBe(100);
    for (const ko of selectQuestions(STANDARD_BANK, model, 'standard').filter((q) => q.knockOut)) {
      for (const kind of ['specific', 'evidenced'] as const) {
        const failed = score(
          model,
          withAnswer(archetype(model, kind), ko.id, (e) => failingAnswer(ko, e, AT)),
        );
        expect([failed.tier, ko.id]).toEqual([expect.stringMatching(/^(high|critical)$/), ko.id]);
        expect(failed.verdict.knockOuts[0]).toMatchObject({ questionId: ko.id, state: 'failed' });
      }
    }
  });

  it('one weak answer that is not grave leaves an evidenced vendor at medium, not high', () => {
    const card = score('agency', withAnswer(archetype('agency', 'evidenced'), 'automated-testing-gate', rated('automated-testing-gate', 1)));
    expect(card.flags.map((f) => `${f.rule}:${f.severity}`)).toEqual(['weak-automated-testing:medium']);
    expect(card.tier).toBe('medium');
  });
});

describe('a screen is a screen', () => {
  it.each([null, ...ENGAGEMENT_MODELS])('model %s: a lite vetting evidenced throughout is a screen, rated medium at best', (model) => {
    const card = score(model, archetype(model, 'evidenced', 'lite'), { variant: 'lite' });
    expect(card.overall.score).toBe(100);
    expect(card.verdict.screen).toBe(true);
    expect(card.tier).toBe('medium');
    expect(card.panel.final).toBe(false);
  });
});

describe('a panel, not a person', () => {
  it('is final with two raters, a single-evaluator verdict with one, and names the dimensions one person rated', () => {
    const two = score('agency', archetype('agency', 'evidenced'));
    expect(two.panel).toMatchObject({ raters: PANEL, singleRater: [], minEvaluators: 2, final: true });
    const one = score(
      'agency',
      archetype('agency', 'evidenced').filter((a) => a.evaluatorId === 'U1'),
    );
    expect(one.panel).toMatchObject({ raters: ['U1'], final: false, singleRater: [...DIMENSIONS] });
    // U2 rated nothing in security: that dimension rests on one person.
    const questions = selectQuestions(STANDARD_BANK, 'agency', 'standard');
    const security = new Set(questions.filter((q) => q.dimension === 'security').map((q) => q.id));
    const mixed = score(
      'agency',
      archetype('agency', 'evidenced').filter((a) => !(a.evaluatorId === 'U2' && security.has(a.questionId))),
    );
    expect(mixed.panel).toMatchObject({ final: true, singleRater: ['security'] });
    // The tier is the record's: who rated it is said beside it, not folded into it.
    expect(one.tier).toBe(two.tier);
  });

  it('needs VET_MIN_EVALUATORS raters', () => {
    const questions = selectQuestions(STANDARD_BANK, 'agency', 'standard');
    const card = scoreInterview({ questions, answers: archetype('agency', 'evidenced'), notes: [], model: 'agency', now: NOW, minEvaluators: 3 });
    expect(card.panel).toMatchObject({ final: false, minEvaluators: 3 });
  });
});

describe('facts carry quality', () => {
  const SOC2 = 'soc2-report-period-end';
  const PENTEST = 'penetration-test-date';
  const report =
    (value: FactValue) =>
    (e: string): AnswerInput => ({ questionId: '', evaluatorId: e, status: 'rated', level: null, fact: value, evidence: 'shown', evidenceSeen: 'the report on screen share', updatedAt: AT });
  const soc2 = (over: object, date = '2026-06-30'): FactValue => ({
    type: 'date',
    value: date,
    report: { opinion: 'unqualified', exceptions: 1, carveOuts: ['AWS'], cuecs: ['Quarterly access review'], ...over },
  });
  const pentest = (over: object): FactValue => ({ type: 'date', value: '2026-06-30', report: { openCritical: 0, openHigh: 0, ...over } });
  const card = (id: string, value: FactValue, model: EngagementModel = 'managed-services') =>
    score(
      model,
      withAnswer(archetype(model, 'evidenced'), id, (e) => ({ ...report(value)(e), questionId: id })),
    );

  it.each([
    { what: 'SOC 2, unqualified, 1 exception', id: SOC2, value: soc2({}), level: 3, flags: [], tier: 'low' },
    { what: 'SOC 2, qualified opinion', id: SOC2, value: soc2({ opinion: 'qualified' }), level: 0, flags: ['soc2-opinion-qualified:high'], tier: 'high' },
    { what: 'SOC 2, adverse opinion', id: SOC2, value: soc2({ opinion: 'adverse' }), level: 0, flags: ['soc2-opinion-adverse:critical'], tier: 'critical' },
    { what: 'SOC 2, 7 exceptions', id: SOC2, value: soc2({ exceptions: 7 }), level: 3, flags: ['soc2-many-exceptions:medium'], tier: 'medium' },
    { what: 'SOC 2, date only: the report was not read', id: SOC2, value: { type: 'date', value: '2026-06-30' } as FactValue, level: 2, flags: [], tier: 'low' },
    { what: 'pen test, nothing open', id: PENTEST, value: pentest({}), level: 3, flags: [], tier: 'low' },
    { what: 'pen test, 2 open critical', id: PENTEST, value: pentest({ openCritical: 2 }), level: 0, flags: ['pentest-open-critical:high'], tier: 'high' },
    { what: 'pen test, 3 open high', id: PENTEST, value: pentest({ openHigh: 3 }), level: 3, flags: ['pentest-open-high:medium'], tier: 'medium' },
  ])('$what: level $level, flags $flags, tier $tier', ({ id, value, level, flags, tier }) => {
    const c = card(id, value);
    const r = c.questions.find((x) => x.questionId === id)!;
    expect(r.level).toBe(level);
    expect(c.flags.filter((f) => f.questionId === id).map((f) => `${f.rule}:${f.severity}`)).toEqual(flags);
    expect(c.tier).toBe(tier);
  });

  it('names what was not read in a report', () => {
    const r = card(SOC2, { type: 'date', value: '2026-06-30', report: { opinion: 'unqualified' } }).questions.find((x) => x.questionId === SOC2)!;
    expect(r.unread).toEqual(['exceptions', 'carveOuts', 'cuecs']);
  });

  it('when evaluators read a report differently, the more cautious reading counts', () => {
    const c = score('managed-services', [
      ...archetype('managed-services', 'evidenced').filter((a) => a.questionId !== SOC2),
      { ...report(soc2({ exceptions: 1 }))('U1'), questionId: SOC2 },
      { ...report(soc2({ exceptions: 6 }))('U2'), questionId: SOC2 },
    ]);
    const r = c.questions.find((x) => x.questionId === SOC2)!;
    expect(r.fact).toMatchObject({ report: { exceptions: 6 } });
    expect(
      c.flags
        .filter((f) => f.questionId === SOC2)
        .map((f) => f.rule)
        .sort(),
    ).toEqual(['evaluators-disagree', 'soc2-many-exceptions']);
  });

  describe('an honest stale SOC 2 beside a current ISO 27001 certificate never scores worse than no SOC 2', () => {
    const iso = { type: 'date', value: '2027-09-30' } as const;
    const none = { type: 'none' } as const;
    it.each(['staff-augmentation', 'agency', 'managed-services'] as const)('%s', (model) => {
      for (const kind of ['specific', 'evidenced'] as const) {
        const base = withAnswer(archetype(model, kind), 'iso27001-certificate', (e) => ({ ...report(iso)(e), questionId: 'iso27001-certificate' }));
        const stale = score(
          model,
          withAnswer(base, SOC2, (e) => ({ ...report(soc2({}, '2024-03-31'))(e), questionId: SOC2 })),
        );
        const absent = score(
          model,
          withAnswer(base, SOC2, (e) => ({ ...report(none)(e), questionId: SOC2 })),
        );
        expect(stale.overall.score ?? 0).toBeGreaterThanOrEqual(absent.overall.score ?? 0);
        expect(['low', 'medium', 'high', 'critical'].indexOf(stale.tier!)).toBeLessThanOrEqual(['low', 'medium', 'high', 'critical'].indexOf(absent.tier!));
        expect(stale.questions.find((x) => x.questionId === SOC2)).toMatchObject({ state: 'na', coveredBy: 'iso27001-certificate' });
      }
    });

    it('but a report read and found wanting is news, not absence: it never stands aside', () => {
      const base = withAnswer(archetype('agency', 'evidenced'), 'iso27001-certificate', (e) => ({ ...report(iso)(e), questionId: 'iso27001-certificate' }));
      const adverse = score(
        'agency',
        withAnswer(base, SOC2, (e) => ({ ...report(soc2({ opinion: 'adverse' }))(e), questionId: SOC2 })),
      );
      expect(adverse.tier).toBe('critical');
    });

    it('and with neither current, the stale report still counts against the vendor', () => {
      const expired = { type: 'date', value: '2026-01-31' } as const;
      const base = withAnswer(archetype('agency', 'evidenced'), 'iso27001-certificate', (e) => ({ ...report(expired)(e), questionId: 'iso27001-certificate' }));
      const c = score(
        'agency',
        withAnswer(base, SOC2, (e) => ({ ...report(soc2({}, '2024-03-31'))(e), questionId: SOC2 })),
      );
      expect(c.flags.map((f) => f.rule)).toEqual(expect.arrayContaining(['certificate-stale', 'certificate-expired']));
    });
  });
});

// Kept close to the bank: goodFact must stay within every fact question's bounds, or the archetypes test nothing.
describe('the archetype helper', () => {
  it('gives every fact question of the bank a value within its bounds', () => {
    const questions: Question[] = STANDARD_BANK.questions.filter((q) => q.fact);
    const c = scoreInterview({
      questions,
      answers: questions.map((q) => ({ questionId: q.id, evaluatorId: 'U1', status: 'rated', level: null, fact: goodFact(q), evidence: 'shown', evidenceSeen: SEEN, updatedAt: AT })),
      notes: [],
      model: null,
      now: NOW,
    });
    for (const r of c.questions) expect([r.questionId, r.level]).toEqual([r.questionId, STANDARD_RUBRIC.length - 1]);
  });
});
