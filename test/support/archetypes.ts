// The three vendors of docs/scoring.md's "Severities that mean something", as answers to any question snapshot:
// every question answered Specific without evidence; everything evidenced; and either of them with knock-outs failed.
import type { FactValue, Question } from '../../src/questions/model.js';
import { topLevel } from '../../src/questions/model.js';
import type { AnswerInput } from '../../src/scoring/types.js';

export type Archetype = 'specific' | 'evidenced';

/** A value within the question's bounds (and, for a report, read and clean), as of 2026-11-24. */
export function goodFact(q: Question): FactValue {
  const f = q.fact!;
  switch (f.type) {
    case 'date': {
      const value = f.isExpiry ? '2027-09-30' : '2026-06-30';
      if (!f.reads) return { type: 'date', value };
      return {
        type: 'date',
        value,
        report: {
          ...(f.reads.includes('opinion') && { opinion: 'unqualified' as const }),
          ...(f.reads.includes('exceptions') && { exceptions: 1 }),
          ...(f.reads.includes('carveOuts') && { carveOuts: ['AWS'] }),
          ...(f.reads.includes('cuecs') && { cuecs: ['Client reviews user access quarterly'] }),
          ...(f.reads.includes('openFindings') && { openCritical: 0, openHigh: 0 }),
        },
      };
    }
    case 'boolean':
      return { type: 'boolean', value: f.expected ?? true };
    case 'number':
      return { type: 'number', value: f.min ?? 0 };
    case 'list':
      return { type: 'list', value: ['Ana Ruiz', 'Bo Chen', 'Chidi Okafor'].slice(0, Math.max(f.minItems ?? 1, 2)) };
  }
}

/** The answer that fails a knock-out question: its lowest level, or "none". */
export function failingAnswer(q: Question, evaluatorId: string, at: string): AnswerInput {
  const base = { questionId: q.id, evaluatorId, updatedAt: at, evidence: null };
  return q.fact ? { ...base, status: 'rated', level: null, fact: { type: 'none' } } : { ...base, status: 'rated', level: 0, fact: null };
}

/** Every question of `questions` answered the archetype's way by each evaluator. */
export function archetypeAnswers(questions: readonly Question[], kind: Archetype, evaluators: readonly string[], at: string): AnswerInput[] {
  return questions.flatMap((q) =>
    evaluators.map((evaluatorId): AnswerInput => {
      const evidence = kind === 'evidenced' ? 'shown' : null;
      const base = { questionId: q.id, evaluatorId, updatedAt: at, evidence } as const;
      if (q.fact) return { ...base, status: 'rated', level: null, fact: goodFact(q) };
      return { ...base, status: 'rated', level: kind === 'evidenced' ? topLevel(q) : topLevel(q) - 1, fact: null };
    }),
  );
}
