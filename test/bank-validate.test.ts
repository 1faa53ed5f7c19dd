import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadBankFile } from '../src/questions/load.js';
import { tempDir } from './support/temp.js';

function question(id: string, over: Record<string, unknown> = {}) {
  return {
    id,
    dimension: 'security',
    title: `Title of ${id}`,
    prompt: 'Walk us through the last time you rotated a production secret.',
    matureAnswer: ['A named vault', 'Rotation on a schedule and on departure'],
    evidence: ['Rotation log'],
    ...over,
  };
}

function write(name: string, doc: unknown): string {
  const file = join(tempDir(), name);
  writeFileSync(file, typeof doc === 'string' ? doc : name.endsWith('.json') ? JSON.stringify(doc) : stringify(doc));
  return file;
}

describe('custom bank validation', () => {
  it('accepts a minimal YAML bank and fills in the defaults', async () => {
    const file = write('ok.yaml', { id: 'acme', version: 3, questions: [question('secrets')] });
    const result = await loadBankFile(file);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.bank.version).toBe('3');
    const q = result.bank.questions[0]!;
    expect(q.rubric).toHaveLength(4);
    expect(q.models).toEqual(['freelancer', 'staff-augmentation', 'agency', 'managed-services']);
    expect(q.weight).toBe(1);
  });

  it.each([
    { defect: 'duplicate ids', questions: [question('a'), question('a')], expected: ['question a: duplicate id'] },
    { defect: 'unknown dimension', questions: [question('a', { dimension: 'vibes' })], expected: ['question a: dimension: unknown dimension "vibes"'] },
    { defect: 'unknown engagement model', questions: [question('a', { models: ['agency', 'offshore'] })], expected: ['question a: models.1: unknown engagement model "offshore"'] },
    { defect: 'follow-up naming an unknown question', questions: [question('a', { followUps: [{ ask: 'ghost', when: { ratingAtOrBelow: 1 } }] })], expected: ['question a: follow-up names unknown question "ghost"'] },
    {
      defect: 'follow-up cycle',
      questions: [question('a', { followUps: [{ ask: 'b', when: { ratingAtOrBelow: 1 } }] }), question('b', { followUps: [{ ask: 'a', when: { ratingAtOrBelow: 1 } }] })],
      expected: ['follow-up cycle: a -> b -> a'],
    },
    { defect: 'empty rubric', questions: [question('a', { rubric: [] })], expected: ['question a: rubric: rubric is empty'] },
    { defect: 'zero weight', questions: [question('a', { weight: 0 })], expected: ['question a: weight: weight must be a positive number, got 0'] },
    { defect: 'weight that is not a number', questions: [question('a', { weight: 'heavy' })], expected: ['question a: weight: weight must be a positive number, got "heavy"'] },
    { defect: 'negative weight', questions: [question('a', { weight: -2 })], expected: ['question a: weight: weight must be a positive number, got -2'] },
  ])('reports $defect with the file and the question id', async ({ questions, expected }) => {
    const file = write('bad.json', { id: 'acme', version: '1', questions });
    const result = await loadBankFile(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const e of expected) expect(result.errors.some((line) => line.startsWith(`${file}: `) && line.includes(e)), `${e} in\n${result.errors.join('\n')}`).toBe(true);
  });

  it('reports every defect of a file, one line each', async () => {
    const file = write('many.yaml', {
      id: 'acme',
      version: '1',
      questions: [question('a', { weight: 0 }), question('a'), question('b', { dimension: 'luck', rubric: [] })],
    });
    const result = await loadBankFile(file);
    expect(result.ok ? [] : result.errors).toHaveLength(4);
  });

  it('names the file when it is not valid YAML or JSON, or missing', async () => {
    const yaml = write('broken.yaml', 'id: acme\nquestions: [\n');
    const json = write('broken.json', '{"id": ');
    for (const file of [yaml, json, join(tempDir(), 'missing.json')]) {
      const result = await loadBankFile(file);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    }
  });

  it('rejects a fact condition on a question that records no fact', async () => {
    const file = write('cond.json', { id: 'acme', version: '1', questions: [question('a', { redFlags: [{ rule: 'x', severity: 'high', when: { factNone: true }, message: 'm' }] })] });
    const result = await loadBankFile(file);
    expect(result.ok ? [] : result.errors).toEqual([`${file}: question a: red flag x: a fact condition on a question that records no fact`]);
  });
});
