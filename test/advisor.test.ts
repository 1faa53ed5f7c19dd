// The engagement-model advisor: the brief's archetypes land on their model, conflicts are named, and the rules hold
// for every set of answers (fast-check). Pure code, no Slack, no database.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECKLIST, QUESTION_IDS, readAnswers, SECTIONS, type ChecklistAnswers } from '../src/advisor/checklist.js';
import { CONFLICT_RULES, findConflicts } from '../src/advisor/conflicts.js';
import { keyQuestions, MUST_ASK } from '../src/advisor/keyQuestions.js';
import { GUARDS, MATRIX_ROWS } from '../src/advisor/matrix.js';
import { recommend, TIE_ORDER } from '../src/advisor/recommend.js';
import { ENGAGEMENT_MODELS, STANDARD_RUBRIC, type EngagementModel, type Question, type QuestionBank } from '../src/questions/model.js';
import { STANDARD_BANK } from '../src/questions/standard.js';

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

const ARCHETYPES: { name: string; answers: ChecklistAnswers; recommended: EngagementModel; runnerUp: EngagementModel }[] = [
  {
    name: 'a small, isolated, non-critical task',
    answers: answers({
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
    }),
    recommended: 'freelancer',
    runnerUp: 'agency',
  },
  {
    name: 'extending a core team that keeps control and has the managers to lead it',
    answers: answers({
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
    }),
    recommended: 'staff-augmentation',
    runnerUp: 'agency',
  },
  {
    name: 'offloading a stable, well-defined non-core function under an SLA',
    answers: answers({
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
    }),
    recommended: 'managed-services',
    runnerUp: 'agency',
  },
  {
    name: 'a defined, bounded project delivered end to end',
    answers: answers({
      definition: 'fixed',
      dependencies: 'isolated',
      manager: 'product',
      'risk-owner': 'sow',
      pricing: 'fixed-price',
    }),
    recommended: 'agency',
    runnerUp: 'managed-services',
  },
];

describe('recommend: the archetypes of the brief', () => {
  it.each(ARCHETYPES)('$name -> $recommended (runner-up $runnerUp)', ({ answers: a, recommended, runnerUp }) => {
    const r = recommend(a, STANDARD_BANK);
    expect([r.recommended, r.runnerUp]).toEqual([recommended, runnerUp]);
    // Clear winners: no tie, no conflict, nothing left unanswered.
    expect(r.ranking[0]!.total).toBeGreaterThan(r.ranking[1]!.total);
    expect(r.ties).toEqual([]);
    expect(r.conflicts).toEqual([]);
    expect(r.unanswered).toEqual([]);
    expect(r.guards[0]).toEqual(GUARDS[recommended][0]);
    expect(r.keyQuestions).toHaveLength(5);
  });

  it('explains the freelancer recommendation row by row with the answers that weighed', () => {
    const r = recommend(ARCHETYPES[0]!.answers, STANDARD_BANK);
    expect(r.rows.map((x) => x.row)).toEqual([...MATRIX_ROWS]);
    const cost = r.rows.find((x) => x.row === 'cost')!;
    expect(cost.contributions.map((c) => c.phrase)).toEqual(['the work is not regulated', 'no certification is needed', 'you want the lowest rate']);
    expect(cost).toMatchObject({ recommended: 6, runnerUp: 0 });
    const bestFor = r.rows.find((x) => x.row === 'bestFor')!;
    expect(bestFor.contributions).toEqual([
      { questionId: 'core', phrase: 'the work is non-core', points: { 'managed-services': 3, freelancer: 1, 'staff-augmentation': -1 } },
      { questionId: 'size', phrase: 'it is a small, isolated task', points: { freelancer: 4, 'staff-augmentation': -1, agency: -1, 'managed-services': -2 } },
    ]);
    expect(r.guards.map((g) => g.pattern)).toEqual(['freelancer-farm', 'ip-leakage']);
  });
});

describe('recommend: conflicting answers are named, not averaged away', () => {
  const conflicted = (over: ChecklistAnswers) => recommend(answers(over), STANDARD_BANK).conflicts;

  it.each([
    {
      name: 'must retain full control, but no capacity to manage',
      over: { dependencies: 'deep', knowledge: 'all', manager: 'nobody', time: 'none' },
      id: 'control-without-managers',
      because: [
        ['it means daily work with your engineers', 'all the knowledge must stay in-house'],
        ['nobody is identified to manage them', 'your managers have almost no time for them'],
      ],
    },
    {
      name: 'highly sensitive, regulated data at the lowest freelancer rate',
      over: { sensitivity: 'high', regulated: 'yes', pricing: 'lowest-rate' },
      id: 'sensitive-at-lowest-rate',
      because: [['the data and code are highly sensitive', 'the work is regulated'], ['you want the lowest rate']],
    },
    {
      name: 'a short engagement, but the knowledge must stay in-house',
      over: { duration: 'weeks', knowledge: 'all' },
      id: 'short-but-keep-knowledge',
      because: [['you need help for weeks'], ['all the knowledge must stay in-house']],
    },
    {
      name: 'exploratory requirements under a fixed price',
      over: { definition: 'evolving', pricing: 'fixed-price' },
      id: 'changing-scope-fixed-commitment',
      because: [['the requirements will change as you learn'], ['you want a fixed price for a defined scope']],
    },
    {
      name: 'owning the outcome while the vendor manages the people',
      over: { 'risk-owner': 'us', manager: 'vendor' },
      id: 'own-risk-vendor-manages',
      because: [['you will own delivery risk yourselves'], ['you expect the vendor to manage them']],
    },
  ])('$name', ({ over, id, because }) => {
    const found = conflicted(over);
    expect(found.map((c) => c.id)).toEqual([id]);
    expect(found[0]!.because).toEqual(because);
    expect(found[0]!.advice.length).toBeGreaterThan(40);
  });

  it('names every conflict at once, and still recommends', () => {
    const r = recommend(answers({ dependencies: 'deep', time: 'none', sensitivity: 'high', pricing: 'lowest-rate', duration: 'weeks', knowledge: 'all' }), STANDARD_BANK);
    expect(r.conflicts.map((c) => c.id)).toEqual(['control-without-managers', 'sensitive-at-lowest-rate', 'short-but-keep-knowledge']);
    expect(ENGAGEMENT_MODELS).toContain(r.recommended);
  });

  it('sees no conflict in answers that agree', () => {
    expect(findConflicts(answers({}))).toEqual([]);
    expect(findConflicts({})).toEqual([]);
  });
});

describe('recommend: ties and gaps', () => {
  it('breaks a tie by the order that keeps more control with the client, and says so', () => {
    const r = recommend({ dependencies: 'some' }, STANDARD_BANK);
    expect(r.ranking.slice(0, 2)).toEqual([
      { model: 'staff-augmentation', total: 1 },
      { model: 'agency', total: 1 },
    ]);
    expect(r.ties).toEqual([
      'Staff augmentation and Agency score the same (1); Staff augmentation comes first because it keeps more control and knowledge with you, so it is the easier choice to reverse.',
    ]);
  });

  it('says how a tie for the runner-up was broken', () => {
    // Agency 4; managed services and freelancers 2 each; staff augmentation 0.
    const r = recommend({ core: 'adjacent', dependencies: 'isolated' }, STANDARD_BANK);
    expect(r.ranking.map((x) => [x.model, x.total])).toEqual([
      ['agency', 4],
      ['managed-services', 2],
      ['freelancer', 2],
      ['staff-augmentation', 0],
    ]);
    expect(r.ties).toEqual([
      'Managed services and Freelancers score the same (2); Managed services is the runner-up because it keeps more control and knowledge with you, so it is the easier choice to reverse.',
    ]);
  });

  it('with no answers at all: every model scores 0, in tie order, and every question is listed as unanswered', () => {
    const r = recommend({}, STANDARD_BANK);
    expect(r.ranking).toEqual(TIE_ORDER.map((model) => ({ model, total: 0 })));
    expect(r.ties[0]).toMatch(/^Staff augmentation, Agency, Managed services and Freelancers score the same \(0\)/);
    expect(r.unanswered).toEqual([...QUESTION_IDS]);
  });
});

describe('recommend: rules for every set of answers', () => {
  const answerArb: fc.Arbitrary<ChecklistAnswers> = fc.record(Object.fromEntries(CHECKLIST.map((q) => [q.id, fc.constantFrom(...q.options.map((o) => o.value))])), { requiredKeys: [] });
  const fullArb: fc.Arbitrary<ChecklistAnswers> = fc.record(Object.fromEntries(CHECKLIST.map((q) => [q.id, fc.constantFrom(...q.options.map((o) => o.value))])));

  it('recommends one of the four models, a different runner-up, and ranks by score', () => {
    fc.assert(
      fc.property(answerArb, (a) => {
        const r = recommend(a, STANDARD_BANK);
        expect(ENGAGEMENT_MODELS).toContain(r.recommended);
        expect(ENGAGEMENT_MODELS).toContain(r.runnerUp);
        expect(r.runnerUp).not.toBe(r.recommended);
        expect(r.ranking.map((x) => x.model).sort()).toEqual([...ENGAGEMENT_MODELS].sort());
        // Excluded models come last, whatever their points; the others by score.
        const out = new Set(r.excluded.map((e) => e.model));
        const kept = r.ranking.filter((x) => !out.has(x.model));
        expect(r.ranking.slice(kept.length).every((x) => out.has(x.model))).toBe(true);
        for (let i = 1; i < kept.length; i++) expect(kept[i - 1]!.total).toBeGreaterThanOrEqual(kept[i]!.total);
        expect(out.has(r.recommended) || out.has(r.runnerUp)).toBe(false);
        expect([r.ranking[0]!.model, r.ranking[1]!.model]).toEqual([r.recommended, r.runnerUp]);
        // A tie at the top is always explained.
        if (r.ranking[0]!.total === r.ranking[1]!.total) expect(r.ties).toHaveLength(1);
      }),
    );
  });

  it("explains exactly the score: the rows add up to each model's total", () => {
    fc.assert(
      fc.property(answerArb, (a) => {
        const r = recommend(a, STANDARD_BANK);
        const total = (m: EngagementModel) => r.ranking.find((x) => x.model === m)!.total;
        expect(r.rows.reduce((s, row) => s + row.recommended, 0)).toBe(total(r.recommended));
        expect(r.rows.reduce((s, row) => s + row.runnerUp, 0)).toBe(total(r.runnerUp));
        for (const row of r.rows) expect(row.contributions.reduce((s, c) => s + (c.points[r.recommended] ?? 0), 0)).toBe(row.recommended);
      }),
    );
  });

  it('never hides a conflict when another answer is added', () => {
    fc.assert(
      fc.property(answerArb, fullArb, (partial, full) => {
        const before = findConflicts(partial).map((c) => c.id);
        // Answer every question left open (any answer): what was in conflict stays in conflict.
        const after = findConflicts({ ...full, ...partial }).map((c) => c.id);
        for (const id of before) expect(after).toContain(id);
      }),
    );
  });

  it('gives the same recommendation for the same answers, whatever their order', () => {
    fc.assert(
      fc.property(answerArb, (a) => {
        const reversed = Object.fromEntries(Object.entries(a).reverse()) as ChecklistAnswers;
        expect(recommend(reversed, STANDARD_BANK)).toEqual(recommend(a, STANDARD_BANK));
      }),
    );
  });
});

describe('the checklist as data', () => {
  it('has the four sections of the brief, each question once, within Slack limits', () => {
    expect(CHECKLIST.map((q) => q.id)).toEqual([...QUESTION_IDS]);
    expect([...new Set(CHECKLIST.map((q) => q.section))]).toEqual([...SECTIONS]);
    for (const q of CHECKLIST) {
      expect(q.label.length, q.id).toBeLessThanOrEqual(2000);
      expect(q.options.length, q.id).toBeGreaterThanOrEqual(2);
      expect(q.options.length, q.id).toBeLessThanOrEqual(10);
      expect(new Set(q.options.map((o) => o.value)).size, q.id).toBe(q.options.length);
      for (const o of q.options) {
        expect(o.text.length, `${q.id}/${o.value}`).toBeLessThanOrEqual(75);
        expect(o.value.length, `${q.id}/${o.value}`).toBeLessThanOrEqual(75);
      }
    }
  });

  it('asks about every row of the decision matrix, cost included', () => {
    const rows = new Set(CHECKLIST.flatMap((q) => q.options.flatMap((o) => o.effects.map((e) => e.row))));
    expect([...rows].sort()).toEqual([...MATRIX_ROWS].sort());
  });

  it('has conflict rules that name real answers only', () => {
    for (const rule of CONFLICT_RULES) {
      for (const [id, value] of rule.sides.flat()) {
        expect(
          CHECKLIST.find((q) => q.id === id)?.options.map((o) => o.value),
          `${rule.id}: ${id}`,
        ).toContain(value);
      }
    }
  });

  it('keeps known answers and names the rest', () => {
    expect(readAnswers({ core: 'core', size: 'huge', colour: 'blue', pricing: null })).toEqual({ answers: { core: 'core' }, unknown: ['size', 'colour'] });
  });
});

describe('keyQuestions: the bank questions that matter most for a model', () => {
  it('picks, for each model, questions that apply to it, the main failure pattern first', () => {
    for (const model of ENGAGEMENT_MODELS) {
      const picked = keyQuestions(STANDARD_BANK, model);
      expect(picked, model).toHaveLength(5);
      for (const k of picked) expect(STANDARD_BANK.questions.find((q) => q.id === k.id)!.models, `${model}: ${k.id}`).toContain(model);
      const must = MUST_ASK[model] ?? [];
      expect(
        picked.slice(0, must.length).map((k) => k.id),
        model,
      ).toEqual(must);
      const rest = picked.slice(must.length);
      expect(rest[0]!.why[0], model).toMatch(/^guards against /);
      for (let i = 1; i < rest.length; i++) expect(rest[i - 1]!.points).toBeGreaterThanOrEqual(rest[i]!.points);
    }
  });

  it('works with whatever bank is loaded', () => {
    const question = (id: string, over: Partial<Question>): Question => ({
      id,
      dimension: 'governance',
      title: `Title of ${id}`,
      prompt: 'Walk us through it.',
      matureAnswer: ['a', 'b'],
      evidence: ['c'],
      rubric: STANDARD_RUBRIC,
      weight: 1,
      evidenceRequired: false,
      models: [...ENGAGEMENT_MODELS],
      patterns: [],
      redFlags: [],
      followUps: [],
      lite: true,
      ...over,
    });
    const bank: QuestionBank = {
      id: 'custom',
      version: '1',
      questions: [
        question('plain', {}),
        question('roster', { patterns: ['bait-and-switch'] }),
        question('not-for-agencies', { models: ['freelancer'], weight: 3 }),
        question('sla-only', { models: ['managed-services', 'agency'], evidenceRequired: true }),
      ],
    };
    expect(keyQuestions(bank, 'agency').map((k) => k.id)).toEqual(['roster', 'sla-only', 'plain']);
    expect(keyQuestions(bank, 'agency')[0]).toEqual({ id: 'roster', title: 'Title of roster', why: ['guards against bait and switch'], points: 1 + 3 + 6 });
    expect(keyQuestions({ ...bank, questions: [] }, 'agency')).toEqual([]);
  });
});
