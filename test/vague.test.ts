import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { evaluateNotes, parseLabelledNotes, reportNotes, type Evaluation } from '../src/scoring/vagueEval.js';
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
    // Restated claims and impressions: what the vendor asserts or how it came across is not a fact about the team.
    { id: 'mfa-sso-everywhere', text: 'Vendor claims 100% compliance', vague: true },
    { id: 'mfa-sso-everywhere', text: 'Their CTO seemed confident', vague: true },
    { id: 'security-training-log', text: 'They say 100% of engineers completed the training.', vague: true },
    { id: 'incident-response-timeline', text: 'Per their CISO, no breaches in 12 years.', vague: true },
    { id: 'production-access-control', text: 'Spoke with Lena Vogt on Monday; access is tightly controlled.', vague: true },
    { id: 'team-level-skill', text: 'Kenji Watanabe came across as very sharp.', vague: true },
    { id: 'repository-visibility-ip-leakage', text: 'Client code is never copied to personal drives.', vague: true },
    // Terse or mixed, but something checkable: specific.
    { id: 'mfa-sso-everywhere', text: 'MFA via Okta, 14 admins, last review 2026-10-02', vague: false },
    { id: 'named-team-members', text: 'Lead at 100%, per the SOW draft: Ana Sousa.', vague: false },
    { id: 'managed-devices', text: 'two engineers on personal laptops, no MDM', vague: false },
    { id: 'exit-and-handover', text: 'They declined an exit clause outright.', vague: false },
    { id: 'scale-down-flexibility', text: 'Minimum team 4, one month notice per person.', vague: false },
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
    const review = judgeNote(question('code-review-threads'), 'Opened PRs #412, #415 and #419 live in the payments repo. Each had 1-2 approvals, comments on tests and naming. Turnaround 3-6 hours.');
    expect(review).toMatchObject({ pointsCovered: 4, pointsTotal: 5 });
    // Points 1 (just-in-time, approved) and 3 (quarterly review); "sessions recorded" names nothing concrete.
    const access = judgeNote(question('production-access-control'), 'Access via Teleport, just-in-time for 4h, client approves in a Slack workflow; sessions recorded; last quarterly review 15 Sep.');
    expect(access).toMatchObject({ pointsCovered: 2, pointsTotal: 4 });
  });

  it('covers no point with words alone', () => {
    const judgement = judgeNote(question('code-review-threads'), 'Pull requests are opened live and reviewed with substantive comments.');
    expect(judgement).toMatchObject({ vague: true, pointsCovered: 0, pointsTotal: 5 });
  });
});

const SETS = [
  // The first set, written with the judgement (its figures are an upper bound).
  { file: 'vague-notes.yaml', size: 100 },
  // Written fresh later, for issue 17: restated claims, impressions, mixed and terse notes (see its header).
  { file: 'vague-notes-fresh.yaml', size: 120 },
];

describe.each(SETS)('judgeNote on the labelled set test/fixtures/$file', ({ file, size }) => {
  const notes = parseLabelledNotes(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8'));
  const misses = (e: Evaluation) => e.misses.map((m) => `${m.note.id} (expected ${m.note.vague ? 'vague' : 'specific'}): ${m.note.text}`);

  it(`is a set worth measuring: ${size}+ notes, about half vague, 25+ questions, all five dimensions, ~40% holdout`, () => {
    expect(notes.length).toBeGreaterThanOrEqual(size);
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

describe('reportNotes: what npm run bench prints', () => {
  it('gives the figures for the whole set and the holdout apart, then each miss', () => {
    const notes = parseLabelledNotes(
      [
        '- { id: a, question: code-review-threads, split: dev, vague: true, text: Usually fine. }',
        '- { id: b, question: code-review-threads, split: holdout, vague: true, text: "PR #12 had 2 approvals." }',
        '- { id: c, question: code-review-threads, split: holdout, vague: false, text: "PR #14: 1 approval." }',
      ].join('\n'),
    );
    const lines = reportNotes('sample.yaml', notes, QUESTIONS);
    expect(lines[0]).toBe('vague-answer judgement on sample.yaml (positive class: vague)');
    expect(lines[1]).toMatch(/^ {2}all +3 notes {2}precision 1\.000 {2}recall 0\.500 {2}TP 1 {2}FP 0 {2}FN 1 {2}TN 1$/);
    expect(lines[2]).toMatch(/^ {2}holdout +2 notes {2}precision 0\.000 {2}recall 0\.000 {2}TP 0 {2}FP 0 {2}FN 1 {2}TN 1$/);
    expect(lines.slice(3).join('\n')).toContain('miss b [holdout] expected vague, judged specific: PR #12, 2 approvals');
  });
});
