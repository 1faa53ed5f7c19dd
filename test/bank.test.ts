import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBankFile } from '../src/questions/load.js';
import { DIMENSIONS, ENGAGEMENT_MODELS, FAILURE_PATTERNS } from '../src/questions/model.js';
import { mainQuestions, selectQuestions } from '../src/questions/select.js';
import { loadBuiltInBank, STANDARD_BANK, STANDARD_BANK_FILE } from '../src/questions/standard.js';
import { validateBank } from '../src/questions/validate.js';
import { tempDir } from './support/temp.js';

const questions = STANDARD_BANK.questions;
const followUpIds = new Set(questions.flatMap((q) => q.followUps.map((f) => f.ask)));

describe('the built-in standard bank', () => {
  it('passes its own validator', () => {
    const result = validateBank(JSON.parse(JSON.stringify(STANDARD_BANK)));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('is banks/standard.yaml, loaded by the same loader as a custom bank', async () => {
    expect(STANDARD_BANK_FILE).toBe(join(process.cwd(), 'banks', 'standard.yaml'));
    expect(await loadBankFile(STANDARD_BANK_FILE)).toEqual({ ok: true, bank: STANDARD_BANK });
  });

  it('stops everything, naming each problem, when the built-in file is broken or missing', () => {
    const dir = tempDir();
    const broken = join(dir, 'standard.yaml');
    const source = readFileSync(STANDARD_BANK_FILE, 'utf8');
    writeFileSync(broken, source.replace('dimension: technical', 'dimension: astrology').replace('weight: 3', 'weight: -3'));
    expect(() => loadBuiltInBank(broken)).toThrow(
      [
        "vet's built-in question bank is not valid:",
        `${broken}: question \`code-review-threads\`: dimension must be one of technical, process, security, governance, scalability (got "astrology")`,
        `${broken}: question \`code-review-threads\`: weight must be a positive number (got -3)`,
      ].join('\n'),
    );
    expect(() => loadBuiltInBank(join(dir, 'gone.yaml'))).toThrow(`${join(dir, 'gone.yaml')}: cannot read the file (there is no such file)`);
  });

  it('has at least 36 questions and at least 6 main questions per dimension', () => {
    expect(questions.length).toBeGreaterThanOrEqual(36);
    for (const d of DIMENSIONS) expect(mainQuestions(questions).filter((q) => q.dimension === d).length, d).toBeGreaterThanOrEqual(6);
  });

  it('tags every failure pattern on at least 2 questions', () => {
    for (const p of FAILURE_PATTERNS) expect(questions.filter((q) => q.patterns.includes(p)).length, p).toBeGreaterThanOrEqual(2);
  });

  it('has at least 5 follow-ups, each asked only under a condition', () => {
    expect(followUpIds.size).toBeGreaterThanOrEqual(5);
    expect(mainQuestions(questions).some((q) => followUpIds.has(q.id))).toBe(false);
  });

  it('has the four typed fact questions the red-flag rules depend on', () => {
    const facts = Object.fromEntries(questions.filter((q) => q.fact).map((q) => [q.id, q.fact!]));
    expect(facts['soc2-report-period-end']).toMatchObject({ type: 'date', maxAgeMonths: 12 });
    expect(facts['certification-scope-covers-team']).toMatchObject({ type: 'boolean', expected: true });
    expect(facts['breach-notification-hours']).toMatchObject({ type: 'number', max: 72 });
    expect(facts['named-team-members']).toMatchObject({ type: 'list' });
  });

  it('gives every question a 4-level rubric from absent to evidenced and 2+ mature-answer points', () => {
    for (const q of questions) {
      expect(
        q.rubric.map((l) => l.label),
        q.id,
      ).toEqual(['Absent / refused', 'Claimed, vague', 'Specific', 'Evidenced']);
      expect(q.matureAnswer.length, q.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('offers a lite selection of at most 15 questions across every dimension', () => {
    const lite = selectQuestions(STANDARD_BANK, null, 'lite');
    const liteMain = mainQuestions(lite);
    expect(liteMain.length).toBeGreaterThan(0);
    expect(liteMain.length).toBeLessThanOrEqual(15);
    expect(new Set(liteMain.map((q) => q.dimension)).size).toBe(DIMENSIONS.length);
  });

  it('is described with true counts in the README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    const mainOf = (model: (typeof ENGAGEMENT_MODELS)[number] | null, variant: 'standard' | 'lite') => mainQuestions(selectQuestions(STANDARD_BANK, model, variant)).length;
    const numbers = (pattern: RegExp) => (pattern.exec(readme) ?? []).slice(1).map(Number);
    expect(numbers(/The built-in bank `standard` has (\d+) scenario questions \((\d+) main questions, (\d+) follow-ups [^)]*?, (\d+) in the `lite` screen\)/)).toEqual([
      questions.length,
      mainQuestions(questions).length,
      followUpIds.size,
      questions.filter((q) => q.lite).length,
    ]);
    expect(numbers(/`--lite` asks the quick-screen selection \((\d+) main questions, (\d+) for freelancers/)).toEqual([mainOf(null, 'lite'), mainOf('freelancer', 'lite')]);
    const others = ENGAGEMENT_MODELS.filter((m) => m !== 'freelancer').map((m) => mainOf(m, 'standard'));
    expect(numbers(/\((\d+) main questions for freelancers, (\d+) to (\d+) for the others\)/)).toEqual([mainOf('freelancer', 'standard'), Math.min(...others), Math.max(...others)]);
  });

  it('filters by engagement model, keeping a follow-up only with its parent', () => {
    const freelance = selectQuestions(STANDARD_BANK, 'freelancer', 'standard');
    expect(freelance.every((q) => q.models.includes('freelancer'))).toBe(true);
    expect(freelance.length).toBeLessThan(questions.length);
    const ids = new Set(freelance.map((q) => q.id));
    for (const q of freelance) for (const f of q.followUps) if (questions.find((x) => x.id === f.ask)!.models.includes('freelancer')) expect(ids.has(f.ask)).toBe(true);
    for (const id of ids) if (followUpIds.has(id)) expect(freelance.some((p) => p.followUps.some((f) => f.ask === id))).toBe(true);
  });
});
