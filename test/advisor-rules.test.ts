// The advisor's rules a CTO would follow (issue 18, item 4): nothing from too little, no staff augmentation without
// managers, key questions that fit the model, the new checklist questions, hybrids, and a vetting the client's risk
// answers tighten. Pure code: tables per archetype and conflict, and fast-check properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECKLIST, QUESTION_IDS, type ChecklistAnswers } from '../src/advisor/checklist.js';
import { keyQuestions } from '../src/advisor/keyQuestions.js';
import { describeTally, randomChecklist, tallyAdvice } from '../src/advisor/tally.js';
import { advise, NEEDED_FIRST, type Recommendation } from '../src/advisor/recommend.js';
import { ENGAGEMENT_MODELS, STANDARD_RUBRIC, type Question, type QuestionBank } from '../src/questions/model.js';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { BREACH_NOTICE_QUESTION, tightenBreachNotice } from '../src/questions/tighten.js';

/** A complete set of answers: the neutral middle of every question, with `over` on top. */
function answers(over: ChecklistAnswers): ChecklistAnswers {
  return {
    core: 'adjacent',
    size: 'project',
    definition: 'mostly',
    dependencies: 'some',
    manager: 'engineering',
    pm: 'adequate',
    time: 'some',
    overlap: 'some',
    sensitivity: 'moderate',
    regulated: 'no',
    certifications: 'preferred',
    'risk-owner': 'shared',
    start: 'month',
    duration: 'months',
    scaling: 'stable',
    knowledge: 'documented',
    'lock-in': 'some',
    transfer: 'maybe',
    pricing: 'monthly',
    ...over,
  };
}

const recommendation = (a: ChecklistAnswers, policy?: { breachNoticeHours: number }): Recommendation => {
  const advice = advise(a, STANDARD_BANK, policy);
  if (advice.kind !== 'recommendation') throw new Error(`no recommendation: needs ${advice.needed.map((n) => n.questionId).join(', ')}`);
  return advice.recommendation;
};

/** Everything about the work says "extend our core team", which is staff augmentation when someone can lead it. */
const CORE_TEAM = answers({
  core: 'core',
  size: 'programme',
  definition: 'evolving',
  dependencies: 'deep',
  pm: 'strong',
  time: 'plenty',
  duration: 'years',
  scaling: 'flex',
  knowledge: 'all',
  'lock-in': 'none',
});
const SLA_FUNCTION = answers({
  core: 'non-core',
  size: 'programme',
  definition: 'fixed',
  dependencies: 'isolated',
  manager: 'vendor',
  time: 'none',
  regulated: 'yes',
  certifications: 'required',
  'risk-owner': 'sla',
  duration: 'years',
  knowledge: 'little',
  'lock-in': 'high',
  pricing: 'fixed-fee',
});
const PROJECT = answers({ definition: 'fixed', dependencies: 'isolated', manager: 'product', 'risk-owner': 'sow', pricing: 'fixed-price' });
const TASK = answers({
  core: 'non-core',
  size: 'task',
  definition: 'fixed',
  dependencies: 'isolated',
  sensitivity: 'low',
  certifications: 'none',
  'risk-owner': 'us',
  duration: 'weeks',
  knowledge: 'little',
  'lock-in': 'none',
  pricing: 'lowest-rate',
});

describe('too little known: nothing is recommended', () => {
  it('an empty checklist recommends nothing and lists the answers needed first, in order, with their questions', () => {
    const advice = advise({}, STANDARD_BANK);
    expect(advice).toEqual({ kind: 'needs-answers', needed: NEEDED_FIRST.map((id) => ({ questionId: id, label: CHECKLIST.find((q) => q.id === id)!.label })) });
  });

  it.each([
    { name: 'scope only', given: { size: 'task', core: 'non-core' }, needed: ['manager', 'time', 'risk-owner', 'sensitivity', 'regulated'] },
    { name: 'everything but the risk questions', given: { ...answers({}), sensitivity: undefined, regulated: undefined }, needed: ['sensitivity', 'regulated'] },
    { name: 'everything but who manages', given: { ...answers({}), manager: undefined }, needed: ['manager'] },
    { name: 'the secondary questions only', given: { pricing: 'lowest-rate', duration: 'weeks', 'lock-in': 'none', overlap: 'little', start: 'now', transfer: 'no' }, needed: [...NEEDED_FIRST] },
  ] satisfies { name: string; given: ChecklistAnswers; needed: string[] }[])('$name: needs $needed', ({ given, needed }) => {
    const advice = advise(given, STANDARD_BANK);
    expect(advice.kind).toBe('needs-answers');
    expect(advice.kind === 'needs-answers' && advice.needed.map((n) => n.questionId)).toEqual(needed);
  });

  const someAnswers: fc.Arbitrary<ChecklistAnswers> = fc.record(Object.fromEntries(CHECKLIST.map((q) => [q.id, fc.constantFrom(...q.options.map((o) => o.value))])), { requiredKeys: [] });

  it('property: no model wins from an empty checklist, nor from any checklist missing an answer needed first', () => {
    fc.assert(
      fc.property(someAnswers, fc.constantFrom(...NEEDED_FIRST), (a, dropped) => {
        const { [dropped]: _left, ...rest } = a;
        const advice = advise(rest, STANDARD_BANK);
        expect(advice.kind).toBe('needs-answers');
        expect(advice.kind === 'needs-answers' && advice.needed.map((n) => n.questionId)).toContain(dropped);
      }),
    );
    expect(advise({}, STANDARD_BANK).kind).toBe('needs-answers');
  });

  it('property: with every answer needed first given, a model is recommended', () => {
    const needed = fc.record(Object.fromEntries(NEEDED_FIRST.map((id) => [id, fc.constantFrom(...CHECKLIST.find((q) => q.id === id)!.options.map((o) => o.value))])));
    fc.assert(
      fc.property(needed, someAnswers, (n, rest) => {
        expect(advise({ ...rest, ...n }, STANDARD_BANK).kind).toBe('recommendation');
      }),
    );
  });
});

describe('staff augmentation requires management capacity', () => {
  it('the core-team archetype with managers who have time: staff augmentation, nothing excluded', () => {
    expect(recommendation(CORE_TEAM)).toMatchObject({ recommended: 'staff-augmentation', excluded: [] });
  });

  it.each([
    { name: 'nobody identified to manage', over: { manager: 'nobody' }, because: 'nobody is identified to manage them', conflict: 'control-without-managers' },
    { name: 'the vendor expected to manage them', over: { manager: 'vendor' }, because: 'you expect the vendor to manage them', conflict: null },
    { name: 'managers with almost no time', over: { time: 'none' }, because: 'your managers have almost no time for them', conflict: 'control-without-managers' },
    { name: 'both', over: { manager: 'nobody', time: 'none' }, because: 'nobody is identified to manage them and your managers have almost no time for them', conflict: 'control-without-managers' },
  ] satisfies { name: string; over: ChecklistAnswers; because: string; conflict: string | null }[])(
    'core team but $name: not recommended, and says what to do instead',
    ({ over, because, conflict }) => {
      const r = recommendation({ ...CORE_TEAM, ...over });
      expect(r.recommended).not.toBe('staff-augmentation');
      expect(r.runnerUp).not.toBe('staff-augmentation');
      expect(r.ranking.at(-1)!.model).toBe('staff-augmentation');
      expect(r.excluded).toEqual([{ model: 'staff-augmentation', reason: expect.stringContaining(because), advice: expect.stringContaining('Assign or hire a manager') }]);
      expect(r.excluded[0]!.advice).toContain('managed services with contractual controls');
      // Where the answers also clash (control wanted, nobody to lead), the clash is named too, not averaged away.
      if (conflict) expect(r.conflicts.map((c) => c.id)).toContain(conflict);
    },
  );

  it('property: staff augmentation is never recommended nor runner-up without management capacity', () => {
    const full = fc.record(Object.fromEntries(CHECKLIST.map((q) => [q.id, fc.constantFrom(...q.options.map((o) => o.value))])));
    fc.assert(
      fc.property(full, (a) => {
        const r = recommendation(a);
        const noCapacity = a.manager === 'nobody' || a.manager === 'vendor' || a.time === 'none';
        expect(r.excluded.some((e) => e.model === 'staff-augmentation')).toBe(noCapacity);
        if (noCapacity) expect([r.recommended, r.runnerUp]).not.toContain('staff-augmentation');
      }),
    );
  });
});

describe('key questions fit the model', () => {
  it('managed services: exit and handover, and architecture ownership, always first (the black-box antidote)', () => {
    const r = recommendation(SLA_FUNCTION);
    expect(r.recommended).toBe('managed-services');
    expect(r.keyQuestions.slice(0, 2).map((k) => k.id)).toEqual(['exit-and-handover', 'architecture-ownership']);
    expect(r.keyQuestions[0]!.why[0]).toBe('always asked of this model');
  });

  it('a solo freelancer is never asked for a replacement guarantee, even from the whole bank', () => {
    expect(recommendation(TASK).recommended).toBe('freelancer');
    const all = keyQuestions(STANDARD_BANK, 'freelancer', STANDARD_BANK.questions.length);
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((k) => /replac/i.test(k.title) || k.id.includes('replacement'))).toEqual([]);
    // Other models keep them.
    expect(keyQuestions(STANDARD_BANK, 'staff-augmentation', STANDARD_BANK.questions.length).map((k) => k.id)).toContain('underperformer-replacement');
  });

  it('a custom bank: a replacement question is left out for freelancers by its title', () => {
    const q = (id: string, title: string): Question => ({
      id,
      dimension: 'governance',
      title,
      prompt: 'Walk us through it.',
      matureAnswer: ['a'],
      evidence: [],
      rubric: STANDARD_RUBRIC,
      weight: 3,
      evidenceRequired: true,
      models: [...ENGAGEMENT_MODELS],
      patterns: [],
      redFlags: [],
      followUps: [],
      lite: false,
    });
    const bank: QuestionBank = { id: 'custom', version: '1', questions: [q('swap', 'Replacing a weak engineer'), q('ip', 'IP assignment')] };
    expect(keyQuestions(bank, 'freelancer').map((k) => k.id)).toEqual(['ip']);
    expect(keyQuestions(bank, 'agency').map((k) => k.id)).toEqual(['swap', 'ip']);
  });
});

describe('the checklist asks how soon, time-zone overlap, and moving in-house later', () => {
  it.each(['start', 'overlap', 'transfer'] as const)('%s is a checklist question', (id) => {
    expect(QUESTION_IDS).toContain(id);
    expect(CHECKLIST.find((q) => q.id === id)!.options.length).toBeGreaterThanOrEqual(3);
  });

  it('needing people within two weeks pulls away from managed services, which take a contract to start', () => {
    const later = recommendation(answers({ start: 'later' })).ranking;
    const now = recommendation(answers({ start: 'now' })).ranking;
    const total = (r: typeof now, m: string) => r.find((x) => x.model === m)!.total;
    expect(total(now, 'managed-services')).toBeLessThan(total(later, 'managed-services'));
    expect(total(now, 'staff-augmentation')).toBeGreaterThan(total(later, 'staff-augmentation'));
  });
});

describe('a hybrid where the answers call for it', () => {
  it.each([
    { name: 'the SLA function, to move in-house later', a: { ...SLA_FUNCTION, transfer: 'yes' }, hybrid: { id: 'build-operate-transfer', models: ['managed-services', 'staff-augmentation'] } },
    { name: 'the project, to move in-house later', a: { ...PROJECT, transfer: 'yes' }, hybrid: { id: 'build-operate-transfer', models: ['agency', 'staff-augmentation'] } },
    { name: 'the project with large swings in team size', a: { ...PROJECT, scaling: 'burst' }, hybrid: { id: 'elastic-edge', models: ['agency', 'staff-augmentation'] } },
    { name: 'the SLA function', a: SLA_FUNCTION, hybrid: null },
    { name: 'the project', a: PROJECT, hybrid: null },
    { name: 'the core team', a: CORE_TEAM, hybrid: null },
    { name: 'the small task', a: TASK, hybrid: null },
  ] satisfies { name: string; a: ChecklistAnswers; hybrid: object | null }[])('$name', ({ a, hybrid }) => {
    const r = recommendation(a);
    if (hybrid === null) expect(r.hybrid).toBeNull();
    else expect(r.hybrid).toMatchObject(hybrid);
  });

  it('build-operate-transfer without a manager says the augmented staff need one first', () => {
    expect(recommendation({ ...SLA_FUNCTION, transfer: 'yes' }).hybrid!.advice).toContain('once you have a manager for them');
  });
});

describe("the client's risk answers tighten the vetting", () => {
  it.each([
    { name: 'regulated work', over: { regulated: 'yes' }, because: ['the work is regulated'] },
    { name: 'highly sensitive data', over: { sensitivity: 'high' }, because: ['the data and code are highly sensitive'] },
    { name: 'both', over: { regulated: 'yes', sensitivity: 'high' }, because: ['the work is regulated', 'the data and code are highly sensitive'] },
  ] satisfies { name: string; over: ChecklistAnswers; because: string[] }[])('$name: the full bank and breach notice within 24 hours', ({ over, because }) => {
    expect(recommendation(answers(over)).vetting).toEqual({ full: true, breachNoticeHours: 24, because });
  });

  it('neither: nothing tightened', () => {
    expect(recommendation(answers({})).vetting).toEqual({ full: false, breachNoticeHours: null, because: [] });
  });

  it('the bound is configurable', () => {
    expect(recommendation(answers({ regulated: 'yes' }), { breachNoticeHours: 12 }).vetting.breachNoticeHours).toBe(12);
  });
});

describe('tightenBreachNotice: the bound a tightened vetting is held to', () => {
  const breach = STANDARD_BANK.questions.find((q) => q.id === BREACH_NOTICE_QUESTION)!;

  it('lowers the bank bound, says so in the prompt and the flag, and leaves other questions alone', () => {
    const [tight, other] = tightenBreachNotice([breach, STANDARD_BANK.questions[0]!], 24, 'the work is regulated');
    expect(tight!.fact).toMatchObject({ type: 'number', max: 24 });
    expect(tight!.prompt).toContain('This vetting requires notice within 24 hours, because the work is regulated.');
    expect(tight!.redFlags.find((r) => r.rule === 'breach-notification-slow')!.message).toContain('longer than 24 hours');
    expect(tight!.redFlags.find((r) => r.rule === 'breach-notification-absent')).toEqual(breach.redFlags.find((r) => r.rule === 'breach-notification-absent'));
    expect(other).toBe(STANDARD_BANK.questions[0]);
  });

  it('property: never raises the bound', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), (hours) => {
        const [tight] = tightenBreachNotice([breach], hours, 'x');
        expect(tight!.fact?.type === 'number' && tight!.fact.max).toBe(Math.min(hours, 72));
      }),
    );
  });
});

describe('tallyAdvice: what npm run bench counts over random checklists', () => {
  it('counts nothing recommended, each win, hybrids, staff augmentation ruled out and tightened vettings', () => {
    const t = tallyAdvice([{}, CORE_TEAM, TASK, { ...SLA_FUNCTION, transfer: 'yes' }, { ...CORE_TEAM, manager: 'nobody' }], STANDARD_BANK);
    expect(t).toEqual({
      checklists: 5,
      needsAnswers: 1,
      wins: { freelancer: 1, 'staff-augmentation': 1, agency: expect.any(Number), 'managed-services': expect.any(Number) },
      hybrids: expect.any(Number),
      staffAugmentationRuledOut: 2,
      tightened: 1,
    });
    expect(t.wins.agency + t.wins['managed-services']).toBe(2);
    expect(describeTally('sample', t)[1]).toMatch(/nothing recommended \(answers needed first\) +1 +20\.0%/);
  });

  it('property: a random checklist answers only known questions with known options', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0, max: 1, noNaN: true }), (seed, rate) => {
        let x = seed;
        const random = () => ((x = (x * 1103515245 + 12345) % 2147483648) < 0 ? -x : x) / 2147483648;
        const a = randomChecklist(random, rate);
        for (const [id, value] of Object.entries(a)) expect(CHECKLIST.find((q) => q.id === id)!.options.map((o) => o.value)).toContain(value);
      }),
    );
  });
});
