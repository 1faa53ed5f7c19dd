// Issue #10, part 2: the built-in bank carries what third-party-risk reviews ask in 2026. Each topic of the issue is
// listed with the questions that cover it, and each of those questions is held to the bank's own bar.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DIMENSIONS, ENGAGEMENT_MODELS, type FactValue, type Question } from '../src/questions/model.js';
import { mainQuestions, selectQuestions } from '../src/questions/select.js';
import { STANDARD_BANK, STANDARD_BANK_FILE } from '../src/questions/standard.js';
import { scoreInterview } from '../src/scoring/score.js';
import type { AnswerInput } from '../src/scoring/types.js';

const TOPICS: Record<string, string[]> = {
  'AI coding assistants and LLM tools: allowed tools, client code leaving for AI services, review and licence of generated code': [
    'ai-assistant-policy',
    'ai-consumer-tool-egress',
    'ai-generated-code-review',
  ],
  "IP: assignment of delivered work, the vendor's pre-existing IP, code written by subcontractors": ['ip-assignment-chain', 'pre-existing-ip-licence', 'subcontracting-transparency'],
  'identity of remote engineers (no proxies, no laptop farms), beside background checks': ['remote-engineer-identity', 'background-checks'],
  'data: residency and cross-border transfer, production data in development and test, return and certified destruction': [
    'data-residency-transfer',
    'data-access-countries',
    'production-data-in-test',
    'data-return-destruction',
  ],
  'software supply chain: open-source licences, SBOM, remediation time frames and their evidence, penetration-test cadence': [
    'open-source-licence-sbom',
    'vulnerability-remediation-days',
    'penetration-test-date',
  ],
  "the vendor's own tools and sub-processors holding client code, data or credentials": ['vendor-tools-subprocessors'],
  'vendor viability: financial stability, dependence on few clients, cyber and professional liability insurance': ['vendor-financial-viability', 'cyber-insurance-expiry'],
  "the client's right to audit the vendor and its subcontractors": ['audit-right-covers-subcontractors'],
  'MFA and SSO on every system holding client assets; security logging and monitoring': ['mfa-sso-everywhere', 'security-logging-monitoring'],
  'cost and total cost of ownership: pricing model, management overhead, replacement guarantee and its terms': ['pricing-model-tco', 'client-management-overhead', 'replacement-guarantee-days'],
  'CMMI appraisal: level, date and organisational unit, checked against the proposed team': ['cmmi-appraisal-expiry', 'cmmi-unit-covers-team'],
  // Issue #18, part 3: what an auditor found missing or thin.
  'business continuity and disaster recovery: objectives met in the last test, a delivery site in a crisis region': ['bcdr-last-test', 'delivery-site-continuity'],
  'sanctions, export-control and anti-bribery screening of the vendor and its owners': ['sanctions-export-screening'],
  'build integrity: provenance and signing, SLSA level, CI runner and third-party action hardening, malicious packages': ['build-provenance-signing', 'malicious-package-defence'],
  "the data-processing agreement's content: GDPR Art. 28 terms, DPIA support, data-subject requests": ['dpa-article-28-terms'],
  'insurance limits, cyber and E&O, not only the expiry date': ['insurance-limits', 'cyber-insurance-expiry'],
  'SOC 2 carve-outs (subservice organisations) and complementary user entity controls': ['soc2-carve-outs-cuecs'],
  'unannounced identity re-checks against deepfake interviews and stand-ins': ['identity-recheck-unannounced', 'remote-engineer-identity'],
  'AI agents and tool servers (MCP) that hold credentials': ['ai-agents-tool-credentials'],
};

const byId = new Map(STANDARD_BANK.questions.map((q) => [q.id, q]));
const question = (id: string): Question => {
  const q = byId.get(id);
  if (!q) throw new Error(`${id} is not a question of the built-in bank`);
  return q;
};
const followUpIds = new Set(STANDARD_BANK.questions.flatMap((q) => q.followUps.map((f) => f.ask)));
// The file as written, before the loader fills in defaults: what a bank author reads.
const written = parse(readFileSync(STANDARD_BANK_FILE, 'utf8')) as { questions: Record<string, unknown>[] };

describe('the 2026 third-party-risk topics in the built-in bank', () => {
  it.each(Object.entries(TOPICS))('covers %s', (_topic, ids) => {
    const questions = ids.map(question);
    // At least one main question per topic: a topic reached only through a follow-up could go unasked.
    expect(questions.some((q) => !followUpIds.has(q.id))).toBe(true);
    for (const q of questions) {
      // Scenario, not checkbox: the vendor is asked to show something, and the evaluator knows what to ask to see.
      expect(q.prompt, q.id).toMatch(/\b(show us|open (the|a|your)|walk us through|read us|draw us)\b/i);
      expect(q.evidence.length, q.id).toBeGreaterThanOrEqual(1);
      expect(q.matureAnswer.length, q.id).toBeGreaterThanOrEqual(3);
      expect(q.redFlags.length, q.id).toBeGreaterThanOrEqual(1);
      expect(q.models.length, q.id).toBeGreaterThanOrEqual(1);
      expect(
        written.questions.find((w) => w.id === q.id),
        q.id,
      ).toHaveProperty('models');
    }
  });

  it('names the engagement models on every question of the file, not by default', () => {
    for (const w of written.questions) expect(Array.isArray(w.models) && w.models.length > 0, String(w.id)).toBe(true);
  });

  it('records a typed fact where a value is the crisp signal, with bounds the red flags check', () => {
    const facts = Object.fromEntries(STANDARD_BANK.questions.filter((q) => q.fact).map((q) => [q.id, q.fact]));
    expect(facts['cmmi-appraisal-expiry']).toMatchObject({ type: 'date', isExpiry: true });
    expect(facts['cmmi-unit-covers-team']).toMatchObject({ type: 'boolean', expected: true });
    expect(facts['vulnerability-remediation-days']).toMatchObject({ type: 'number', unit: 'days', max: 15 });
    expect(facts['penetration-test-date']).toMatchObject({ type: 'date', maxAgeMonths: 12, reads: ['openFindings'] });
    expect(facts['cyber-insurance-expiry']).toMatchObject({ type: 'date', isExpiry: true });
    expect(facts['audit-right-covers-subcontractors']).toMatchObject({ type: 'boolean', expected: true });
    expect(facts['replacement-guarantee-days']).toMatchObject({ type: 'number', unit: 'days', max: 30 });
    expect(facts['data-access-countries']).toMatchObject({ type: 'list', minItems: 1 });
    const rules = (id: string) => question(id).redFlags.map((r) => [r.rule, Object.keys(r.when)[0]]);
    expect(rules('vulnerability-remediation-days')).toEqual([
      ['remediation-too-slow', 'factOutOfBounds'],
      ['remediation-uncommitted', 'factNone'],
    ]);
    expect(rules('penetration-test-date')).toEqual([
      ['pentest-stale', 'factOutOfBounds'],
      ['pentest-missing', 'factNone'],
      ['pentest-open-critical', 'openCriticalAbove'],
      ['pentest-open-high', 'openHighAbove'],
    ]);
  });

  it('asks the pinned-down follow-ups only when the scenario answer was vague', () => {
    expect(question('ai-assistant-policy').followUps).toEqual([{ ask: 'ai-consumer-tool-egress', when: { ratingAtOrBelow: 1 } }]);
    expect(question('data-residency-transfer').followUps).toEqual([{ ask: 'data-access-countries', when: { ratingAtOrBelow: 1 } }]);
  });
});

describe('the quick screen (--lite)', () => {
  const NOW = new Date('2026-11-22T10:00:00Z');

  /** The best answer a question can get: the top level with evidence shown, or a fact within its bounds. */
  function bestAnswer(q: Question): AnswerInput {
    const base = { questionId: q.id, evaluatorId: 'U1', status: 'rated' as const, evidence: 'shown' as const, evidenceSeen: 'the artefact, on screen share', updatedAt: NOW.toISOString() };
    if (!q.fact) return { ...base, level: q.rubric.length - 1, fact: null };
    const fact: FactValue = (() => {
      switch (q.fact.type) {
        case 'date':
          return { type: 'date', value: q.fact.isExpiry ? '2027-06-30' : '2026-09-30' };
        case 'boolean':
          return { type: 'boolean', value: q.fact.expected ?? true };
        case 'number':
          return { type: 'number', value: q.fact.min ?? q.fact.max ?? 1 };
        case 'list':
          return { type: 'list', value: Array.from({ length: Math.max(q.fact.minItems ?? 1, 1) }, (_, i) => `Item ${i + 1}`) };
      }
    })();
    return { ...base, level: null, fact };
  }

  it.each([null, ...ENGAGEMENT_MODELS])('for model %s: at most 15 main questions, every dimension, and a complete verdict when all are answered well', (model) => {
    const lite = selectQuestions(STANDARD_BANK, model, 'lite');
    const main = mainQuestions(lite);
    expect(main.length).toBeLessThanOrEqual(15);
    expect(new Set(main.map((q) => q.dimension))).toEqual(new Set(DIMENSIONS));
    const card = scoreInterview({ questions: lite, answers: main.map(bestAnswer), notes: [], model, now: NOW });
    expect(card.verdict).toMatchObject({ incomplete: false, unexamined: [], unanswered: [] });
    expect(card.overall.coverage).toBe(1);
    expect(card.flags).toEqual([]);
    expect(card.tier).toBe('low');
  });

  it('carries the two 2026 signals that are quickest to check and hardest to fake later: who the engineers are, and where AI tools send our code', () => {
    const lite = STANDARD_BANK.questions.filter((q) => q.lite).map((q) => q.id);
    expect(lite).toHaveLength(15);
    expect(lite).toEqual(expect.arrayContaining(['remote-engineer-identity', 'ai-assistant-policy']));
  });
});
