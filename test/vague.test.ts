import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { evaluateNotes, parseLabelledNotes, type Evaluation } from '../src/scoring/vagueEval.js';
import { judgeNote } from '../src/scoring/vague.js';

const QUESTIONS = new Map(STANDARD_BANK.questions.map((q) => [q.id, q]));

function question(id: string) {
  const q = QUESTIONS.get(id);
  if (!q) throw new Error(`no question ${id} in the standard bank`);
  return q;
}

describe('judgeNote: clear cases', () => {
  it.each([
    // The three notes from issue #9.
    { id: 'code-review-threads', text: 'Usually a couple of days.', vague: true },
    { id: 'code-review-threads', text: 'We follow Best Practices.', vague: true },
    { id: 'code-review-threads', text: 'They ignore best practices: no reviews at all.', vague: false },
    // Vague: hedges, vague quantities, buzzwords, deflections, reassurances, claims in general terms.
    { id: 'secrets-management-rotation', text: "They said they rotate keys 'regularly'.", vague: true },
    { id: 'soc2-report-period-end', text: '"We can\'t share that."', vague: true },
    { id: 'secure-sdlc', text: 'our security team handles it', vague: true },
    { id: 'subcontracting-transparency', text: 'it depends on the client', vague: true },
    { id: 'outcome-ownership-sow-sla', text: 'Our SLAs are industry-leading and best-in-class.', vague: true },
    { id: 'double-team-six-weeks', text: 'a few people could start ASAP', vague: true },
    { id: 'double-team-six-weeks', text: 'We could do that in six weeks, no problem.', vague: true },
    { id: 'certification-scope-covers-team', text: "We're ISO 27001 certified company-wide, so it covers everyone.", vague: true },
    { id: 'code-review-threads', text: 'Every PR needs an approval from a senior.', vague: true },
    { id: 'secrets-management-rotation', text: 'They use "a vault" for secrets.', vague: true },
    // Specific: numbers with units or counts, tools, identifiers, dates, names, links, steps, findings, evidence seen.
    { id: 'production-access-control', text: 'No MFA on the CI server; admitted by their CTO.', vague: false },
    { id: 'production-access-control', text: 'Only 2 of 9 engineers have MFA.', vague: false },
    { id: 'breach-notification-hours', text: '72h in the DPA, from awareness.', vague: false },
    { id: 'secrets-management-rotation', text: 'Secrets in HashiCorp Vault, last rotation 2026-10-01.', vague: false },
    { id: 'emergency-hotfix-walkthrough', text: 'PR -> 2 approvals -> CI green -> deploy by on-call', vague: false },
    { id: 'secure-sdlc', text: 'Finding tracked as Jira ticket SEC-123.', vague: false },
    { id: 'documentation-knowledge-transfer', text: 'Runbook: https://wiki.client.example/payments/runbook', vague: false },
    { id: 'code-review-threads', text: 'Typically Maria Lopez approves, see the audit trail.', vague: false },
    { id: 'code-review-threads', text: 'Usually reviewed by two people within 24 hours in GitHub.', vague: false },
    { id: 'managed-devices', text: 'Personal laptops everywhere. Saw a family PC in the background during the call.', vague: false },
  ])('"$text" vague: $vague', ({ id, text, vague }) => {
    const judgement = judgeNote(question(id), text);
    expect(judgement.vague).toBe(vague);
    expect(judgement.reason === null).toBe(!vague);
    expect(judgement.specifics.length === 0).toBe(vague);
  });

  it('says why a vague note is vague, quoting it', () => {
    expect(judgeNote(question('code-review-threads'), 'Usually a couple of days.').reason).toBe('vague quantity ("a couple of days") with nothing concrete');
    expect(judgeNote(question('soc2-report-period-end'), "We can't share that.").reason).toBe('deflects ("We can\'t share that")');
    expect(judgeNote(question('code-review-threads'), 'We follow Best Practices.').reason).toBe('buzzwords ("Best Practices") with nothing concrete');
  });

  it('lists the concrete things it found', () => {
    const judgement = judgeNote(question('named-team-members'), 'Named: Ana Sousa (tech lead, 100%, from 1 Dec), PR #88 shown.');
    expect(judgement.specifics).toEqual(['Ana Sousa', '100%', '1 Dec', 'PR #88']);
  });

  it('does not count what only repeats the question', () => {
    const judgement = judgeNote(question('soc2-report-period-end'), 'SOC 2 Type II report, all good.');
    expect(judgement).toMatchObject({ vague: true, specifics: [] });
  });
});

describe('judgeNote: mature-answer points', () => {
  it('counts the points a note speaks to with something specific (hand-checked)', () => {
    // Points 1 (PRs opened live), 2 (approvals), 3 (comments on tests), 4 (turnaround in hours); not 5 (deadline).
    const review = judgeNote(
      question('code-review-threads'),
      'Opened PRs #412, #415 and #419 live in the payments repo. Each had 1-2 approvals, comments on tests and naming. Turnaround 3-6 hours.',
    );
    expect(review).toMatchObject({ pointsCovered: 4, pointsTotal: 5 });
    // Points 1 (just-in-time, approved) and 3 (quarterly review); "sessions recorded" names nothing concrete.
    const access = judgeNote(
      question('production-access-control'),
      'Access via Teleport, just-in-time for 4h, client approves in a Slack workflow; sessions recorded; last quarterly review 15 Sep.',
    );
    expect(access).toMatchObject({ pointsCovered: 2, pointsTotal: 4 });
  });

  it('covers no point with words alone', () => {
    const judgement = judgeNote(question('code-review-threads'), 'Pull requests are opened live and reviewed with substantive comments.');
    expect(judgement).toMatchObject({ vague: true, pointsCovered: 0, pointsTotal: 5 });
  });
});

describe('judgeNote on the labelled set (test/fixtures/vague-notes.yaml)', () => {
  const notes = parseLabelledNotes(readFileSync(new URL('./fixtures/vague-notes.yaml', import.meta.url), 'utf8'));
  const misses = (e: Evaluation) => e.misses.map((m) => `${m.note.id} (expected ${m.note.vague ? 'vague' : 'specific'}): ${m.note.text}`);

  it('is a set worth measuring: 100+ notes, about half vague, 25+ questions, all five dimensions, ~40% holdout', () => {
    expect(notes.length).toBeGreaterThanOrEqual(100);
    expect(new Set(notes.map((n) => n.id)).size).toBe(notes.length);
    const vagueShare = notes.filter((n) => n.vague).length / notes.length;
    expect(vagueShare).toBeGreaterThan(0.4);
    expect(vagueShare).toBeLessThan(0.6);
    const asked = new Set(notes.map((n) => n.question));
    expect(asked.size).toBeGreaterThanOrEqual(25);
    expect(new Set(STANDARD_BANK.questions.filter((q) => asked.has(q.id)).map((q) => q.dimension)).size).toBe(5);
    const holdoutShare = notes.filter((n) => n.split === 'holdout').length / notes.length;
    expect(holdoutShare).toBeGreaterThan(0.35);
    expect(holdoutShare).toBeLessThan(0.45);
  });

  it.each([
    { split: 'all notes', pick: () => notes },
    { split: 'holdout', pick: () => notes.filter((n) => n.split === 'holdout') },
  ])('precision and recall >= 0.85 on $split', ({ pick }) => {
    const evaluation = evaluateNotes(pick(), QUESTIONS);
    expect({ precision: evaluation.precision, recall: evaluation.recall, misses: misses(evaluation) }).toMatchObject({
      precision: expect.toSatisfy((p: number) => p >= 0.85),
      recall: expect.toSatisfy((r: number) => r >= 0.85),
    });
  });
});
