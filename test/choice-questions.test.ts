// Choice questions in a hand-written bank: how Slack shows them within Block Kit's limits, and how they score.
import { describe, expect, it } from 'vitest';
import type { QuestionView } from '../src/flows/views.js';
import type { Interview } from '../src/model.js';
import type { Question } from '../src/questions/model.js';
import { validateBank } from '../src/questions/validate.js';
import { scoreInterview, scoreQuestion } from '../src/scoring/score.js';
import type { AnswerInput } from '../src/scoring/types.js';
import { renderQuestion } from '../src/slack/blocks/question.js';
import { elements } from './support/blocks.js';

const NOW = new Date('2026-11-22T10:00:00Z');
const choices = (n: number, score?: (i: number) => number) =>
  Array.from({ length: n }, (_, i) => ({ id: `c${i + 1}`, label: `Choice ${i + 1} ${'is described at some length here, '.repeat(3)}`, ...(score && { score: score(i) }) }));

function bank(questions: Record<string, unknown>[]): Question[] {
  const r = validateBank({ id: 'b', version: 1, questions: questions.map((q) => ({ dimension: 'security', title: `T ${String(q.id)}`, prompt: 'P', ...q })) });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.bank.questions;
}

function view(q: Question): QuestionView {
  const interview: Interview = {
    id: 7,
    vendor: { id: 1, name: 'Acme' },
    channelId: 'C1',
    threadTs: '1.0',
    model: null,
    variant: 'standard',
    bankId: 'b',
    bankVersion: '1',
    questions: [q],
    status: 'in_progress',
    startedBy: 'U1',
    startedAt: NOW,
    completedAt: null,
    completedBy: null,
    summaryTs: null,
    decisionId: null,
  };
  return {
    interview,
    question: q,
    position: 1,
    total: 1,
    answers: [],
    notes: [],
    result: scoreQuestion(q, [], NOW),
    messageTs: null,
    vendorChannelId: null,
    revision: null,
    evidence: { request: null, items: [], state: null },
  };
}

const answer = (questionId: string, evaluatorId: string, chosen: string[]): AnswerInput => ({
  questionId,
  evaluatorId,
  status: 'rated',
  level: null,
  evidence: null,
  fact: null,
  choices: chosen,
  updatedAt: NOW.toISOString(),
});

describe('choice questions in Slack', () => {
  it.each([
    { type: 'one', n: 5, element: 'button', count: 5 },
    { type: 'one', n: 6, element: 'static_select', count: 1 },
    { type: 'one', n: 100, element: 'static_select', count: 1 },
    { type: 'many', n: 10, element: 'checkboxes', count: 2 },
    { type: 'many', n: 11, element: 'multi_static_select', count: 2 },
  ])('shows $n choices of type $type as $element, within Block Kit limits', ({ type, n, element, count }) => {
    const [q] = bank([{ id: 'q', answer: { type, choices: choices(n) } }]);
    const m = renderQuestion(view(q!));
    const controls = (m.blocks as any[]).find((b) => b.block_id === 'vet|7|q|1');
    expect(controls.elements).toHaveLength(count);
    expect(controls.elements[0].type).toBe(element);
    for (const e of elements(m)) for (const o of e.options ?? []) expect(o.text.text.length).toBeLessThanOrEqual(75);
    // The full labels are in the message itself, numbered as the controls are.
    expect(JSON.stringify(m.blocks)).toContain(`${n}. Choice ${n} is described at some length here`);
  });

  it('refuses more than 100 choices, which no Slack select can hold', () => {
    const r = validateBank({ id: 'b', version: 1, questions: [{ id: 'q', dimension: 'security', title: 'T', prompt: 'P', answer: { type: 'one', choices: choices(101) } }] });
    expect(r.ok ? [] : r.problems.map((p) => p.message)).toEqual(['answer.choices has more than 100 choices']);
  });
});

describe('scoring choice questions', () => {
  const [one, many, plain, yesno] = bank([
    {
      id: 'one',
      answer: {
        type: 'one',
        choices: [
          { id: 'weak', label: 'Weak', score: 20 },
          { id: 'strong', label: 'Strong', score: 90 },
          { id: 'unknown', label: 'Unknown' },
        ],
      },
    },
    {
      id: 'many',
      answer: {
        type: 'many',
        choices: [
          { id: 'a', label: 'A', score: 60 },
          { id: 'b', label: 'B', score: 50 },
          { id: 'c', label: 'C' },
        ],
      },
    },
    {
      id: 'plain',
      answer: {
        type: 'one',
        choices: [
          { id: 'x', label: 'X' },
          { id: 'y', label: 'Y' },
        ],
      },
    },
    { id: 'yn', answer: { type: 'yesno', score: { yes: 100, no: 0 } } },
  ]);

  it('scores a choice by its score, several by their sum up to 100, the lower median of the evaluators, and a choice without score as 0', () => {
    expect(scoreQuestion(one!, [answer('one', 'U1', ['strong'])], NOW)).toMatchObject({ state: 'scored', score: 90, choices: ['strong'] });
    expect(scoreQuestion(one!, [answer('one', 'U1', ['unknown'])], NOW)).toMatchObject({ state: 'scored', score: 0 });
    expect(scoreQuestion(many!, [answer('many', 'U1', ['a', 'b'])], NOW)).toMatchObject({ state: 'scored', score: 100 });
    expect(scoreQuestion(many!, [answer('many', 'U1', [])], NOW)).toMatchObject({ state: 'scored', score: 0, choices: [] });
    const two = scoreQuestion(one!, [answer('one', 'U1', ['strong']), answer('one', 'U2', ['weak'])], NOW);
    expect(two).toMatchObject({ state: 'scored', score: 20, disagreement: true, choices: ['weak', 'strong'] });
    expect(scoreQuestion(yesno!, [answer('yn', 'U1', ['no'])], NOW)).toMatchObject({ state: 'scored', score: 0 });
  });

  it('leaves a question whose choices have no score out of the scores, but not out of the coverage', () => {
    expect(scoreQuestion(plain!, [answer('plain', 'U1', ['x'])], NOW)).toMatchObject({ state: 'answered', score: null });
    const onlyPlain = scoreInterview({ questions: [plain!], answers: [answer('plain', 'U1', ['x'])], notes: [], model: null, now: NOW });
    expect(onlyPlain.overall.score).toBeNull();
    expect(onlyPlain.dimensions.find((d) => d.dimension === 'security')).toMatchObject({ score: null, coverage: 1, answered: 1, scorable: 0 });
    const both = scoreInterview({ questions: [one!, plain!], answers: [answer('one', 'U1', ['strong'])], notes: [], model: null, now: NOW });
    expect(both.dimensions.find((d) => d.dimension === 'security')).toMatchObject({ score: 90, coverage: 0.5 });
  });
});
