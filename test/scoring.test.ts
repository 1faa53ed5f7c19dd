import { describe, expect, it } from 'vitest';
import { DIMENSIONS, ENGAGEMENT_MODELS, STANDARD_RUBRIC, type FactValue, type Question } from '../src/questions/model.js';
import { medianLevel, riskTier, scoreInterview } from '../src/scoring/score.js';
import type { AnswerInput, ComputedFlag } from '../src/scoring/types.js';
import { MODEL_WEIGHTS } from '../src/scoring/weights.js';

const NOW = new Date('2026-11-22T12:00:00Z');

function q(id: string, over: Partial<Question> = {}): Question {
  return {
    id,
    dimension: 'technical',
    title: id,
    prompt: `Walk us through ${id}.`,
    matureAnswer: ['a', 'b'],
    evidence: ['e'],
    rubric: STANDARD_RUBRIC,
    weight: 1,
    evidenceRequired: false,
    models: [...ENGAGEMENT_MODELS],
    patterns: [],
    redFlags: [],
    followUps: [],
    lite: false,
    ...over,
  };
}

let seq = 0;
/** "Shown" as the bot records it: with what the evaluator saw (a bare click, recorded before, is tested on its own). */
const seenWith = (evidence: AnswerInput['evidence']) => (evidence === 'shown' ? { evidenceSeen: 'audit log of PR 4812 on screen share' } : {});
function rate(questionId: string, evaluatorId: string, level: number, evidence: AnswerInput['evidence'] = null): AnswerInput {
  return { questionId, evaluatorId, status: 'rated', level, evidence, ...seenWith(evidence), fact: null, updatedAt: new Date(NOW.getTime() + seq++).toISOString() };
}
function status(questionId: string, evaluatorId: string, s: 'na' | 'skipped'): AnswerInput {
  return { questionId, evaluatorId, status: s, level: null, evidence: null, fact: null, updatedAt: NOW.toISOString() };
}
/** An N/A with its reason, confirmed by `confirmedBy` (null: not yet). */
function na(questionId: string, evaluatorId: string, confirmedBy: string | null, reason: string | null = 'The vendor claims no CMMI rating.'): AnswerInput {
  return { ...status(questionId, evaluatorId, 'na'), naReason: reason, naConfirmedBy: confirmedBy };
}
function fact(questionId: string, value: FactValue, evidence: AnswerInput['evidence'] = null): AnswerInput {
  return { questionId, evaluatorId: 'U1', status: 'rated', level: null, evidence, ...seenWith(evidence), fact: value, updatedAt: new Date(NOW.getTime() + seq++).toISOString() };
}
const rules = (flags: ComputedFlag[]) => flags.map((f) => `${f.rule}@${f.questionId}`).sort();
/** The flags of the questions themselves, leaving out the interview-wide verdict on coverage. */
const questionRules = (flags: ComputedFlag[]) => rules(flags).filter((r) => r !== 'incomplete-vetting@');
/** One answered question in every other dimension, so a test about one dimension is not an incomplete vetting. */
const otherDimensions = (except: string) => DIMENSIONS.filter((d) => d !== except).map((d) => q(`full-${d}`, { dimension: d }));
const fullMarks = (questions: Question[]) => questions.map((x) => rate(x.id, 'U9', 3));

describe('median and disagreement', () => {
  it.each([
    { levels: [3], median: 3 },
    { levels: [1, 3], median: 1 },
    { levels: [0, 2, 3], median: 2 },
    { levels: [3, 0, 3, 1], median: 1 },
    { levels: [], median: null },
  ])('median of $levels is $median (lower median when even)', ({ levels, median }) => {
    expect(medianLevel(levels)).toBe(median);
  });

  it.each([
    { levels: [1, 2], disagree: false },
    { levels: [1, 3], disagree: true },
    { levels: [0, 1, 2], disagree: true },
    { levels: [2, 2, 2], disagree: false },
  ])('ratings $levels: disagreement $disagree', ({ levels, disagree }) => {
    const card = scoreInterview({
      questions: [q('a')],
      answers: levels.map((l, i) => rate('a', `U${i}`, l)),
      notes: [],
      model: null,
      now: NOW,
    });
    expect(card.questions[0]!.disagreement).toBe(disagree);
    expect(card.disagreements).toEqual(disagree ? ['a'] : []);
    expect(rules(card.flags).includes('evaluators-disagree@a')).toBe(disagree);
  });
});

describe('question states and dimension scores', () => {
  // `b` may not apply (the bank says so); `c` always applies.
  const questions = [q('a', { weight: 2 }), q('b', { naAllowed: { condition: 'the vendor claims no CMMI rating' } }), q('c'), q('d', { dimension: 'security', weight: 3 })];

  it.each([
    {
      name: 'weighted over every applicable question: an unanswered one earns nothing and lowers the coverage',
      answers: [rate('a', 'U1', 3), rate('b', 'U1', 1)],
      technical: { score: (2 * 100 + 30) / 4, coverage: 3 / 4 },
      counts: { scored: 2, na: 0, skipped: 0, unanswered: 2 },
    },
    {
      name: 'an N/A the bank allows, with a reason, confirmed by a second person, leaves both the score and the coverage denominator',
      answers: [rate('a', 'U1', 2), na('b', 'U1', 'U2'), rate('c', 'U1', 0)],
      technical: { score: (2 * 70 + 0) / 3, coverage: 1 },
      counts: { scored: 2, na: 1, skipped: 0, unanswered: 1 },
    },
    {
      name: 'an N/A where the bank does not allow one is not examined: it earns nothing',
      answers: [rate('a', 'U1', 2), rate('b', 'U1', 0), na('c', 'U1', 'U2')],
      technical: { score: (2 * 70 + 0) / 4, coverage: 3 / 4 },
      counts: { scored: 2, na: 0, skipped: 0, unanswered: 2 },
    },
    {
      name: 'an allowed N/A still waiting for a second person is not examined',
      answers: [rate('a', 'U1', 2), na('b', 'U1', null), rate('c', 'U1', 0)],
      technical: { score: (2 * 70 + 0) / 4, coverage: 3 / 4 },
      counts: { scored: 2, na: 0, skipped: 0, unanswered: 2 },
    },
    {
      name: 'an allowed N/A "confirmed" by the person who claimed it is not examined',
      answers: [rate('a', 'U1', 2), na('b', 'U1', 'U1'), rate('c', 'U1', 0)],
      technical: { score: (2 * 70 + 0) / 4, coverage: 3 / 4 },
      counts: { scored: 2, na: 0, skipped: 0, unanswered: 2 },
    },
    {
      name: 'an allowed N/A without a reason (recorded before N/A needed one) is not examined',
      answers: [rate('a', 'U1', 2), na('b', 'U1', 'U2', null), rate('c', 'U1', 0)],
      technical: { score: (2 * 70 + 0) / 4, coverage: 3 / 4 },
      counts: { scored: 2, na: 0, skipped: 0, unanswered: 2 },
    },
    {
      name: 'an N/A beside a rating is the most cautious vote: with one rating the disputed question is not examined',
      answers: [rate('a', 'U1', 2), na('b', 'U1', 'U2'), rate('b', 'U3', 3), rate('c', 'U1', 0)],
      technical: { score: (2 * 70 + 0 + 0) / 4, coverage: 3 / 4 },
      counts: { scored: 2, na: 0, skipped: 0, unanswered: 2 },
    },
    {
      name: 'an N/A beside two ratings: the lower median of the votes is the lower rating',
      answers: [rate('a', 'U1', 2), na('b', 'U1', null), rate('b', 'U2', 3), rate('b', 'U3', 1), rate('c', 'U1', 0)],
      technical: { score: (2 * 70 + 30 + 0) / 4, coverage: 1 },
      counts: { scored: 3, na: 0, skipped: 0, unanswered: 1 },
    },
    {
      name: 'skipped is unanswered: it earns nothing',
      answers: [rate('a', 'U1', 3), status('b', 'U1', 'skipped'), status('c', 'U1', 'skipped')],
      technical: { score: (2 * 100) / 4, coverage: 2 / 4 },
      counts: { scored: 1, na: 0, skipped: 2, unanswered: 1 },
    },
    {
      name: 'a rating by one evaluator beats a skip by another',
      answers: [rate('a', 'U1', 1), status('a', 'U2', 'skipped')],
      technical: { score: (2 * 30) / 4, coverage: 2 / 4 },
      counts: { scored: 1, na: 0, skipped: 0, unanswered: 3 },
    },
  ])('$name', ({ answers, technical, counts }) => {
    const card = scoreInterview({ questions, answers, notes: [], model: null, now: NOW });
    const tech = card.dimensions.find((d) => d.dimension === 'technical')!;
    expect(tech.score).toBeCloseTo(technical.score, 6);
    expect(tech.coverage).toBeCloseTo(technical.coverage, 6);
    expect(card.counts).toMatchObject(counts);
  });

  it('a dimension with nothing answered is not examined: no score of its own, 0 in the overall, an incomplete vetting', () => {
    const card = scoreInterview({ questions, answers: [rate('a', 'U1', 3, 'shown'), rate('b', 'U1', 3), rate('c', 'U1', 3)], notes: [], model: null, now: NOW });
    expect(card.dimensions.find((d) => d.dimension === 'security')!.score).toBeNull();
    const w = MODEL_WEIGHTS.general;
    expect(card.overall.score).toBeCloseTo((w.technical * 100) / (w.technical + w.security), 6);
    expect(card.verdict.incomplete).toBe(true);
    expect(card.verdict.unexamined).toEqual(['process', 'security', 'governance', 'scalability']);
    expect(card.flags.find((f) => f.rule === 'incomplete-vetting')?.message).toMatch(/not examined at all: Process maturity, Security & compliance/);
    // 44/100 alone would be high risk; incomplete, it could not be better than high anyway.
    expect(card.tier).toBe('high');
  });

  it.each(ENGAGEMENT_MODELS.map((m) => ({ model: m })))('overall uses the $model dimension weights', ({ model }) => {
    const card = scoreInterview({ questions, answers: [rate('a', 'U1', 3), rate('d', 'U1', 1)], notes: [], model, now: NOW });
    const w = MODEL_WEIGHTS[model];
    expect(card.overall.score).toBeCloseTo((w.technical * 50 + w.security * 30) / (w.technical + w.security), 6);
  });

  it('every row of the model weight table sums to 100', () => {
    for (const row of Object.values(MODEL_WEIGHTS)) expect(Object.values(row).reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe('coverage-aware verdicts', () => {
  const questions = DIMENSIONS.flatMap((d) => [q(`${d}-1`, { dimension: d, weight: 3 }), q(`${d}-2`, { dimension: d })]);
  const all = (level: number) => questions.map((x) => rate(x.id, 'U1', level, 'shown'));

  it('a complete, strong vetting is low risk', () => {
    const card = scoreInterview({ questions, answers: all(3), notes: [], model: null, now: NOW });
    expect(card).toMatchObject({ tier: 'low', verdict: { incomplete: false, unanswered: [], unknownRisk: null } });
    expect(card.overall.score).toBe(100);
  });

  it('3 strong answers out of 10, with no security or governance answer: incomplete, high risk at best, and scored below the complete vetting', () => {
    const answers = [rate('technical-1', 'U1', 3, 'shown'), rate('process-1', 'U1', 3, 'shown'), rate('scalability-1', 'U1', 3, 'shown')];
    const card = scoreInterview({ questions, answers, notes: [], model: null, now: NOW });
    expect(card.verdict.incomplete).toBe(true);
    expect(card.verdict.unexamined).toEqual(['security', 'governance']);
    expect(['high', 'critical']).toContain(card.tier);
    expect(card.overall.score).toBeLessThan(60);
    expect(rules(card.flags)).toContain('incomplete-vetting@');
  });

  it('at 80 % weighted coverage and every dimension examined, the vetting is complete; below, incomplete', () => {
    // Each dimension: 3 + 1 weight; leaving out the weight-1 question everywhere is 75 %, leaving out one of them 95 %.
    const most = questions.filter((x) => x.id !== 'technical-2').map((x) => rate(x.id, 'U1', 3, 'shown'));
    expect(scoreInterview({ questions, answers: most, notes: [], model: null, now: NOW }).verdict.incomplete).toBe(false);
    const mains = questions.filter((x) => x.id.endsWith('-1')).map((x) => rate(x.id, 'U1', 3, 'shown'));
    const card = scoreInterview({ questions, answers: mains, notes: [], model: null, now: NOW });
    expect(card.overall.coverage).toBeCloseTo(0.75, 6);
    expect(card.verdict.incomplete).toBe(true);
  });

  it('an unanswered question holds the tier at the worst flag it could have raised', () => {
    const risky = questions.map((x) => (x.id === 'security-2' ? { ...x, redFlags: [{ rule: 'bad', severity: 'critical' as const, when: { ratingAtOrBelow: 1 }, message: 'm' }] } : x));
    const answers = risky.filter((x) => x.id !== 'security-2').map((x) => rate(x.id, 'U1', 3, 'shown'));
    const card = scoreInterview({ questions: risky, answers, notes: [], model: null, now: NOW });
    expect(card.verdict).toMatchObject({ incomplete: false, unanswered: ['security-2'], unknownRisk: 'critical' });
    expect(card.tier).toBe('critical');
  });

  it('marking everything N/A earns nothing: score 0 and an incomplete vetting', () => {
    const card = scoreInterview({ questions, answers: questions.map((x) => status(x.id, 'U1', 'na')), notes: [], model: null, now: NOW });
    expect(card.overall.score).toBe(0);
    expect(card.verdict.unexamined).toEqual([...DIMENSIONS]);
    expect(card.tier).toBe('critical');
  });
});

describe('evidence cap', () => {
  const questions = [q('a', { evidenceRequired: true }), q('b')];
  it.each([
    { name: 'top rating without evidence is capped and flagged', answers: [rate('a', 'U1', 3, 'promised')], level: 2, flagged: true },
    { name: 'top rating with evidence shown (and what was seen) counts in full', answers: [rate('a', 'U1', 3, 'shown')], level: 3, flagged: false },
    { name: 'a bare "shown" click that records nothing seen lifts nothing', answers: [{ ...rate('a', 'U1', 3, 'shown'), evidenceSeen: null }], level: 2, flagged: true },
    { name: "another evaluator's evidence lifts only their own rating", answers: [rate('a', 'U1', 3), rate('a', 'U2', 3, 'shown')], level: 2, flagged: true },
    {
      name: 'two of three top ratings backed by their own evidence count as the top',
      answers: [rate('a', 'U1', 3), rate('a', 'U2', 3, 'shown'), rate('a', 'U3', 3, 'shown')],
      level: 3,
      flagged: false,
    },
    { name: 'a rating below the top is not capped', answers: [rate('a', 'U1', 2)], level: 2, flagged: false },
  ])('$name', ({ answers, level, flagged }) => {
    const card = scoreInterview({ questions, answers, notes: [], model: null, now: NOW });
    expect(card.questions[0]!.level).toBe(level);
    expect(rules(card.flags).includes('claim-without-evidence@a')).toBe(flagged);
  });

  it('an accepted file or link lifts the cap for every evaluator', () => {
    const card = scoreInterview({ questions, answers: [rate('a', 'U1', 3), rate('a', 'U2', 3)], notes: [], model: null, now: NOW, acceptedEvidence: new Set(['a']) });
    expect(card.questions[0]!.level).toBe(3);
    expect(rules(card.flags).includes('claim-without-evidence@a')).toBe(false);
  });

  it('a question that does not require evidence is never capped', () => {
    const card = scoreInterview({ questions, answers: [rate('b', 'U1', 3)], notes: [], model: null, now: NOW });
    expect(card.questions[1]!.level).toBe(3);
    expect(questionRules(card.flags)).toEqual([]);
  });

  it('evidence coverage counts evidence-required questions with evidence shown', () => {
    const card = scoreInterview({
      questions: [q('a', { evidenceRequired: true }), q('c', { evidenceRequired: true }), q('b')],
      answers: [rate('a', 'U1', 2, 'shown'), rate('c', 'U1', 2, 'none'), rate('b', 'U1', 2)],
      notes: [],
      model: null,
      now: NOW,
    });
    expect(card.evidence).toEqual({ required: 2, shown: 1, coverage: 0.5 });
  });
});

describe('fact questions and their flags', () => {
  const soc2 = q('soc2', {
    dimension: 'security',
    fact: { type: 'date', label: 'SOC 2 period end', maxAgeMonths: 12, noneLabel: 'No report' },
    redFlags: [
      { rule: 'certificate-stale', severity: 'high', when: { factOutOfBounds: true }, message: 'stale' },
      { rule: 'certificate-missing', severity: 'high', when: { factNone: true }, message: 'missing' },
    ],
  });
  const breach = q('breach', {
    dimension: 'security',
    fact: { type: 'number', label: 'Breach notice', unit: 'hours', min: 0, max: 72, noneLabel: 'No SLA' },
    redFlags: [
      { rule: 'breach-notification-slow', severity: 'high', when: { factOutOfBounds: true }, message: 'slow' },
      { rule: 'breach-notification-absent', severity: 'critical', when: { factNone: true }, message: 'absent' },
    ],
  });
  const scope = q('scope', {
    dimension: 'security',
    fact: { type: 'boolean', label: 'Scope covers team', expected: true },
    redFlags: [{ rule: 'certificate-scope-gap', severity: 'high', when: { factOutOfBounds: true }, message: 'gap' }],
  });
  const team = q('team', {
    dimension: 'governance',
    fact: { type: 'list', label: 'Team', minItems: 1, noneLabel: 'No named team' },
    redFlags: [{ rule: 'no-named-team', severity: 'high', when: { factNone: true }, message: 'none' }],
  });
  const questions = [soc2, breach, scope, team];

  it.each([
    { name: 'SOC 2 period ended 13 months ago: stale', answers: [fact('soc2', { type: 'date', value: '2025-10-15' })], flags: ['certificate-stale@soc2'], level: 0 },
    { name: 'SOC 2 period ended 11 months ago: fine, one below top without the report shown', answers: [fact('soc2', { type: 'date', value: '2025-12-31' })], flags: [], level: 2 },
    { name: 'SOC 2 report shown: top level', answers: [fact('soc2', { type: 'date', value: '2026-06-30' }, 'shown')], flags: [], level: 3 },
    { name: 'no SOC 2 report', answers: [fact('soc2', { type: 'none' })], flags: ['certificate-missing@soc2'], level: 0 },
    { name: '96-hour breach notice: too slow', answers: [fact('breach', { type: 'number', value: 96 })], flags: ['breach-notification-slow@breach'], level: 0 },
    { name: '72-hour breach notice: at the bar, fine', answers: [fact('breach', { type: 'number', value: 72 })], flags: [], level: 2 },
    { name: 'no contractual breach notice', answers: [fact('breach', { type: 'none' })], flags: ['breach-notification-absent@breach'], level: 0 },
    { name: 'certificate scope excludes the team', answers: [fact('scope', { type: 'boolean', value: false })], flags: ['certificate-scope-gap@scope'], level: 0 },
    { name: 'no named team', answers: [fact('team', { type: 'none' })], flags: ['no-named-team@team'], level: 0 },
    { name: 'named team', answers: [fact('team', { type: 'list', value: ['Ada Lovelace', 'Alan Turing'] })], flags: [], level: 2 },
  ])('$name', ({ answers, flags, level }) => {
    const card = scoreInterview({ questions, answers, notes: [], model: null, now: NOW });
    expect(questionRules(card.flags)).toEqual(flags);
    const answered = card.questions.find((r) => r.state === 'scored')!;
    expect(answered.level).toBe(level);
  });

  it('the same SOC 2 date turns stale as "now" moves past 12 months', () => {
    const answers = [fact('soc2', { type: 'date', value: '2026-01-31' })];
    expect(questionRules(scoreInterview({ questions, answers, notes: [], model: null, now: new Date('2027-01-15T00:00:00Z') }).flags)).toEqual([]);
    expect(questionRules(scoreInterview({ questions, answers, notes: [], model: null, now: new Date('2027-02-15T00:00:00Z') }).flags)).toEqual(['certificate-stale@soc2']);
  });

  it.each([
    {
      name: 'breach notice 24 h and 96 h: the slower counts',
      answers: [fact('breach', { type: 'number', value: 24 }), { ...fact('breach', { type: 'number', value: 96 }), evaluatorId: 'U2' }],
      counts: { type: 'number', value: 96 },
      flags: ['breach-notification-slow@breach', 'evaluators-disagree@breach'],
    },
    {
      name: 'a date and "no report": no report counts',
      answers: [fact('soc2', { type: 'date', value: '2026-06-30' }), { ...fact('soc2', { type: 'none' }), evaluatorId: 'U2' }],
      counts: { type: 'none' },
      flags: ['certificate-missing@soc2', 'evaluators-disagree@soc2'],
    },
    {
      name: 'two dates within bounds: the older counts',
      answers: [fact('soc2', { type: 'date', value: '2026-06-30' }), { ...fact('soc2', { type: 'date', value: '2026-03-31' }), evaluatorId: 'U2' }],
      counts: { type: 'date', value: '2026-03-31' },
      flags: ['evaluators-disagree@soc2'],
    },
    {
      name: 'the same team typed differently is one value',
      answers: [fact('team', { type: 'list', value: ['Ada', 'Alan'] }), { ...fact('team', { type: 'list', value: ['alan', 'ada '] }), evaluatorId: 'U2' }],
      counts: { type: 'list', value: ['Ada', 'Alan'] },
      flags: [],
    },
    {
      name: 'a shorter named team counts',
      answers: [fact('team', { type: 'list', value: ['Ada', 'Alan'] }), { ...fact('team', { type: 'list', value: ['Ada'] }), evaluatorId: 'U2' }],
      counts: { type: 'list', value: ['Ada'] },
      flags: ['evaluators-disagree@team'],
    },
  ])('differing facts from evaluators: $name', ({ answers, counts, flags }) => {
    const card = scoreInterview({ questions, answers, notes: [], model: null, now: NOW });
    expect(card.questions.find((r) => r.state === 'scored')!.fact).toEqual(counts);
    expect(questionRules(card.flags)).toEqual(flags);
  });

  it('an evidence-required fact within bounds counts as Specific and raises claim without evidence until it is shown', () => {
    const required = questions.map((x) => ({ ...x, evidenceRequired: true }));
    const told = scoreInterview({ questions: required, answers: [fact('breach', { type: 'number', value: 24 }, 'promised')], notes: [], model: null, now: NOW });
    expect(told.questions.find((r) => r.questionId === 'breach')).toMatchObject({ level: 2, score: 70, capped: true });
    expect(questionRules(told.flags)).toEqual(['claim-without-evidence@breach']);
    const shown = scoreInterview({ questions: required, answers: [fact('breach', { type: 'number', value: 24 }, 'shown')], notes: [], model: null, now: NOW });
    expect(shown.questions.find((r) => r.questionId === 'breach')).toMatchObject({ level: 3, score: 100, capped: false });
    expect(questionRules(shown.flags)).toEqual([]);
  });
});

describe('ISO 27001 as the alternative to SOC 2', () => {
  const iso = q('iso', {
    dimension: 'security',
    fact: { type: 'date', label: 'ISO 27001 expiry', isExpiry: true, noneLabel: 'No certificate' },
    redFlags: [{ rule: 'certificate-expired', severity: 'high', when: { factOutOfBounds: true }, message: 'expired' }],
    satisfiedBy: ['soc2'],
  });
  const soc2 = q('soc2', {
    dimension: 'security',
    fact: { type: 'date', label: 'SOC 2 period end', maxAgeMonths: 12, noneLabel: 'No report' },
    redFlags: [{ rule: 'certificate-missing', severity: 'high', when: { factNone: true }, message: 'neither' }],
    satisfiedBy: ['iso'],
  });
  const questions = [iso, soc2];

  it.each([
    {
      name: 'a current ISO certificate and no SOC 2 report: no flag, SOC 2 not applicable',
      answers: [fact('iso', { type: 'date', value: '2027-09-30' }), fact('soc2', { type: 'none' })],
      flags: [],
      soc2: 'na',
    },
    { name: 'neither: certificate missing', answers: [fact('iso', { type: 'none' }), fact('soc2', { type: 'none' })], flags: ['certificate-missing@soc2'], soc2: 'scored' },
    {
      name: 'an expired ISO certificate does not stand in',
      answers: [fact('iso', { type: 'date', value: '2026-10-31' }), fact('soc2', { type: 'none' })],
      flags: ['certificate-expired@iso', 'certificate-missing@soc2'],
      soc2: 'scored',
    },
    {
      name: 'a current SOC 2 report and no ISO certificate: ISO not applicable',
      answers: [fact('iso', { type: 'none' }), fact('soc2', { type: 'date', value: '2026-06-30' })],
      flags: [],
      soc2: 'scored',
    },
  ])('$name', ({ answers, flags, soc2: soc2State }) => {
    const card = scoreInterview({ questions, answers, notes: [], model: null, now: NOW });
    expect(questionRules(card.flags)).toEqual(flags);
    expect(card.questions.find((r) => r.questionId === 'soc2')!.state).toBe(soc2State);
  });

  it('the certificate expires on its expiry date', () => {
    const answers = [fact('iso', { type: 'date', value: '2026-11-22' })];
    expect(scoreInterview({ questions, answers, notes: [], model: null, now: new Date('2026-11-21T23:00:00Z') }).questions[0]!.factOutOfBounds).toBe(false);
    expect(scoreInterview({ questions, answers, notes: [], model: null, now: NOW }).questions[0]!.factOutOfBounds).toBe(true);
  });
});

describe('question rules, vague notes and follow-ups', () => {
  const parent = q('review', {
    redFlags: [{ rule: 'weak-code-review', severity: 'high', when: { ratingAtOrBelow: 1 }, message: 'weak' }],
    followUps: [{ ask: 'review-drill', when: { ratingAtOrBelow: 1 } }],
  });
  const child = q('review-drill');
  const other = q('other');
  const questions = [parent, child, other];

  it.each([
    { level: 0, flagged: true, inPlay: ['review', 'review-drill', 'other'] },
    { level: 1, flagged: true, inPlay: ['review', 'review-drill', 'other'] },
    { level: 2, flagged: false, inPlay: ['review', 'other'] },
  ])('rating $level: flag $flagged, follow-up asked when low', ({ level, flagged, inPlay }) => {
    const card = scoreInterview({ questions, answers: [rate('review', 'U1', level)], notes: [], model: null, now: NOW });
    expect(rules(card.flags).includes('weak-code-review@review')).toBe(flagged);
    expect(card.questions.map((r) => r.questionId)).toEqual(inPlay);
  });

  it('an answered follow-up stays in the record when a later rating no longer triggers it', () => {
    const answers = [rate('review', 'U1', 1), rate('review-drill', 'U1', 2), rate('review', 'U2', 3), rate('review', 'U3', 3)];
    const card = scoreInterview({ questions, answers, notes: [], model: null, now: NOW });
    expect(card.questions.map((r) => r.questionId)).toEqual(['review', 'review-drill', 'other']);
  });

  it.each([
    { name: 'follow-up strong: the weak parent still counts', drill: 3, score: 30 },
    { name: 'follow-up weak: it lowers the parent', drill: 0, score: 0 },
    { name: 'follow-up asked but unanswered: nothing earned yet', drill: null, score: 0 },
  ])('a follow-up can lower its parent, never lift it: $name', ({ drill, score }) => {
    const answers = [rate('review', 'U1', 1), rate('other', 'U1', 3), ...(drill === null ? [] : [rate('review-drill', 'U1', drill)])];
    const card = scoreInterview({ questions, answers, notes: [], model: null, now: NOW });
    // Two main questions of weight 1 share the dimension; the follow-up has no weight of its own.
    expect(card.dimensions.find((d) => d.dimension === 'technical')!.score).toBeCloseTo((score + 100) / 2, 6);
  });

  it.each([
    { note: 'Usually a couple of days.', vague: true },
    { note: 'We follow Best Practices.', vague: true },
    { note: 'They ignore best practices: no reviews at all.', vague: false },
    { note: 'Two approvals on every PR, enforced by GitHub branch protection; Maria showed the last bypass from 2026-10-02.', vague: false },
  ])('note "$note" vague: $vague', ({ note, vague }) => {
    const card = scoreInterview({ questions, answers: [], notes: [{ questionId: 'other', text: note }], model: null, now: NOW });
    expect(questionRules(card.flags)).toEqual(vague ? ['vague-answer@other'] : []);
    const judged = card.questions.find((r) => r.questionId === 'other')!.notes!;
    expect(judged.vague).toBe(vague);
    if (vague) expect(card.flags.find((f) => f.rule === 'vague-answer')!.message).toMatch(/specific on \d of 2 points a mature answer covers/);
  });

  it('a note is vague only when every note on the question is', () => {
    const notes = [
      { questionId: 'other', text: 'Usually a couple of days.' },
      { questionId: 'other', text: 'Two approvals on every PR, enforced by GitHub branch protection since 2024.' },
    ];
    expect(questionRules(scoreInterview({ questions, answers: [], notes, model: null, now: NOW }).flags)).toEqual([]);
  });
});

describe('a vague answer counts as Claimed, vague', () => {
  const vague = { questionId: 'review', text: 'Their CTO seemed confident; they follow best practices.' };
  const specific = { questionId: 'review', text: 'PR #412: 2 approvals, merged after 5 hours.' };
  const questions = [q('review', { evidenceRequired: true }), q('soc2', { fact: { type: 'date', label: 'Report period end', maxAgeMonths: 12 } }), ...otherDimensions('technical')];
  const result = (answers: AnswerInput[], notes: { questionId: string; text: string }[], vagueOverrides: { questionId: string; by: string; reason: string }[] = []) => {
    const card = scoreInterview({ questions, answers: [...answers, ...fullMarks(otherDimensions('technical'))], notes, model: null, now: NOW, vagueOverrides });
    return { r: card.questions.find((x) => x.questionId === 'review')!, flags: questionRules(card.flags), card };
  };

  it.each([
    { name: 'Specific with a vague note: held at Claimed, vague', answers: [rate('review', 'U1', 2)], notes: [vague], level: 1, vagueCapped: true },
    { name: 'Evidenced without evidence and a vague note: held at Claimed, vague', answers: [rate('review', 'U1', 3)], notes: [vague], level: 1, vagueCapped: true },
    { name: 'a vague note with evidence shown: the rating counts', answers: [rate('review', 'U1', 3, 'shown')], notes: [vague], level: 3, vagueCapped: false },
    { name: 'a vague note and a specific one: not vague', answers: [rate('review', 'U1', 2)], notes: [vague, specific], level: 2, vagueCapped: false },
    { name: 'rated Absent with a vague note: nothing to hold', answers: [rate('review', 'U1', 0)], notes: [vague], level: 0, vagueCapped: false },
    { name: 'a specific note: the rating counts', answers: [rate('review', 'U1', 2)], notes: [specific], level: 2, vagueCapped: false },
    { name: 'no note: the rating counts', answers: [rate('review', 'U1', 2)], notes: [], level: 2, vagueCapped: false },
  ])('$name', ({ answers, notes, level, vagueCapped }) => {
    const { r } = result(answers, notes);
    expect({ level: r.level, score: r.score, vagueCapped: r.vagueCapped }).toEqual({ level, score: STANDARD_RUBRIC[level]!.score, vagueCapped });
  });

  it('says in the flag that the rating is held, and until when', () => {
    const { flags, card } = result([rate('review', 'U1', 2)], [vague]);
    expect(flags).toEqual(['vague-answer@review']);
    expect(card.flags.find((f) => f.rule === 'vague-answer')!.message).toContain('It counts as Claimed, vague until evidence is shown or an evaluator overrides the judgement with a reason.');
  });

  it('an override with a reason lifts the hold and the flag, and is kept beside the judgement', () => {
    const { r, flags } = result([rate('review', 'U1', 2)], [vague], [{ questionId: 'review', by: 'U2', reason: 'The walk-through on screen was concrete; the note is short.' }]);
    expect({ level: r.level, vagueCapped: r.vagueCapped, flags }).toEqual({ level: 2, vagueCapped: false, flags: [] });
    expect(r.notes).toMatchObject({ vague: true, overridden: { by: 'U2', reason: 'The walk-through on screen was concrete; the note is short.' } });
  });

  it('an override on another question changes nothing here', () => {
    const { r } = result([rate('review', 'U1', 2)], [vague], [{ questionId: 'soc2', by: 'U2', reason: 'n/a' }]);
    expect(r).toMatchObject({ level: 1, vagueCapped: true, notes: { overridden: null } });
  });

  it('a fact is not held by a vague note: its value is concrete', () => {
    const card = scoreInterview({
      questions,
      answers: [fact('soc2', { type: 'date', value: '2026-09-30' }, 'shown')],
      notes: [{ questionId: 'soc2', text: 'all good, they said' }],
      model: null,
      now: NOW,
    });
    expect(card.questions.find((x) => x.questionId === 'soc2')).toMatchObject({ level: 3, vagueCapped: false });
  });

  it('a vague answer never scores more than the same answer with a specific note', () => {
    for (const level of [0, 1, 2, 3]) {
      for (const evidence of [null, 'shown', 'promised'] as const) {
        const held = result([rate('review', 'U1', level, evidence)], [vague]).r.score!;
        const free = result([rate('review', 'U1', level, evidence)], [specific]).r.score!;
        expect(held).toBeLessThanOrEqual(free);
      }
    }
  });
});

describe('risk tier', () => {
  it.each([
    { score: 85, flags: [], tier: 'low' },
    { score: 80, flags: [], tier: 'low' },
    { score: 79.9, flags: [], tier: 'medium' },
    { score: 60, flags: [], tier: 'medium' },
    { score: 45, flags: [], tier: 'high' },
    { score: 39, flags: [], tier: 'critical' },
    { score: 90, flags: ['medium'], tier: 'medium' },
    { score: 90, flags: ['low', 'high'], tier: 'high' },
    { score: 90, flags: ['critical'], tier: 'critical' },
    { score: 30, flags: ['medium'], tier: 'critical' },
    { score: null, flags: [], tier: null },
    { score: null, flags: ['high'], tier: 'high' },
  ] as const)('score $score with open flags $flags: $tier', ({ score, flags, tier }) => {
    expect(riskTier(score, flags)).toBe(tier);
  });

  it.each([
    { score: 95, verdict: { incomplete: true, unknownRisk: null }, tier: 'high' },
    { score: 95, verdict: { incomplete: false, unknownRisk: 'medium' }, tier: 'medium' },
    { score: 50, verdict: { incomplete: true, unknownRisk: 'critical' }, tier: 'critical' },
  ] as const)('score $score with verdict $verdict: $tier', ({ score, verdict, tier }) => {
    expect(riskTier(score, [], verdict)).toBe(tier);
  });

  it('a flag that was resolved or accepted no longer raises the tier', () => {
    const question = q('a', { redFlags: [{ rule: 'weak', severity: 'critical', when: { ratingAtOrBelow: 2 }, message: 'm' }] });
    const others = otherDimensions('technical');
    const base = { questions: [question, ...others], answers: [rate('a', 'U1', 2), ...fullMarks(others)], notes: [], model: null, now: NOW };
    expect(scoreInterview(base).tier).toBe('critical');
    expect(scoreInterview({ ...base, closedFlags: new Set(['weak|a']) }).tier).toBe('low');
  });
});
