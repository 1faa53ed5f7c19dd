import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DIMENSIONS } from '../src/questions/model.js';
import { tempDir } from './support/temp.js';

// Runs the real command-line entry (package.json `bin`), compiled by `npm ci` / `npm test`'s build step.
const run = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', ['bin/vet.js', ...args], { cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
};

describe('vet bank (command line)', () => {
  it('show --json prints the built-in bank, and check accepts that very output', async () => {
    const shown = await run('bank', 'show', '--json');
    expect(shown.code).toBe(0);
    const bank = JSON.parse(shown.stdout) as { id: string; version: string; questions: { dimension: string; followUps: unknown[] }[] };
    expect(bank.id).toBe('standard');
    expect(bank.questions.length).toBeGreaterThanOrEqual(36);
    const file = join(tempDir(), 'standard.json');
    writeFileSync(file, shown.stdout);
    const checked = await run('bank', 'check', file);
    expect(checked).toMatchObject({ code: 0, stderr: '' });
    expect(checked.stdout.trim().split('\n')).toHaveLength(1);
    expect(checked.stdout).toContain(`${file}: valid: ${bank.questions.length} questions`);
  });

  it('check accepts the built-in bank file itself, as it would a custom bank', async () => {
    const checked = await run('bank', 'check', 'banks/standard.yaml');
    expect(checked).toEqual({ code: 0, stdout: 'banks/standard.yaml: valid: 83 questions (73 main, 10 follow-ups, 15 lite) across 5 dimensions\n', stderr: '' });
    const shown = await run('bank', 'show');
    expect(shown.stdout.split('\n')[0]).toBe('standard 2026.12.1: 83 questions (73 main, 10 follow-ups, 15 lite) across 5 dimensions');
  });

  it('show without --json lists the questions grouped by dimension', async () => {
    const shown = await run('bank', 'show');
    expect(shown.code).toBe(0);
    for (const label of ['Technical craftsmanship', 'Process maturity', 'Security & compliance', 'Governance & accountability', 'Scalability & elasticity'])
      expect(shown.stdout).toContain(`\n${label} (`);
    expect(shown.stdout).toContain('soc2-report-period-end');
    expect(DIMENSIONS).toHaveLength(5);
  });

  it('show lists the controls each question evidences, and check refuses an id no framework has', async () => {
    const shown = await run('bank', 'show');
    const lines = shown.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('  code-review-threads: '));
    const refs = lines.slice(at + 1).find((l) => l.trimStart().startsWith('references: '));
    expect(refs).toBe('      references: ISO 27001 A.8.25, A.8.28, A.8.32; SOC 2 CC8.1; NIST SSDF PW.7; CSA CCM AIS-04, CCC-02');

    const file = join(tempDir(), 'refs.yaml');
    const q = { dimension: 'security', title: 'T', prompt: 'Walk us through it.', matureAnswer: ['x', 'y'] };
    writeFileSync(
      file,
      JSON.stringify({
        id: 'acme',
        version: '1',
        questions: [
          { ...q, id: 'ok', references: { soc2: ['CC6.1'], ccm: ['IAM-14'] } },
          { ...q, id: 'bad', references: { iso27001: ['A.14.2.1'], ssdf: ['PW.3'] } },
        ],
      }),
    );
    const checked = await run('bank', 'check', file);
    expect(checked.code).toBe(1);
    expect(checked.stderr.trim().split('\n')).toEqual([
      `${file}: question \`bad\`: references.iso27001 item 1 must be written like A.8.28 (got "A.14.2.1")`,
      `${file}: question \`bad\`: references.ssdf item 1 is PW.3, which is not a control of NIST SP 800-218 SSDF v1.1`,
    ]);
  });

  it('check answers a YAML alias bomb with one problem line, not a stack trace', async () => {
    const file = join(tempDir(), 'bomb.yaml');
    const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)];
    writeFileSync(file, rows.join('\n') + '\n');
    const checked = await run('bank', 'check', file);
    expect(checked.code).toBe(1);
    expect(checked.stderr.trim().split('\n')).toEqual([
      `${file}: not a usable YAML bank: its aliases (*name) expand more than 100 times, as a "billion laughs" document does; write the repeated parts out instead`,
    ]);
  });

  it('check exits 1 with one line per defect, each naming file and question', async () => {
    const file = join(tempDir(), 'bad.json');
    const base = { title: 'T', prompt: 'Walk us through it.', matureAnswer: ['x', 'y'] };
    writeFileSync(
      file,
      JSON.stringify({
        id: 'acme',
        version: '1',
        questions: [
          { ...base, id: 'dup', dimension: 'security' },
          { ...base, id: 'dup', dimension: 'security' },
          { ...base, id: 'dim', dimension: 'astrology' },
          { ...base, id: 'model', dimension: 'security', models: ['outsourcer'] },
          { ...base, id: 'ghost', dimension: 'security', followUps: [{ ask: 'nobody', when: { ratingAtOrBelow: 1 } }] },
          { ...base, id: 'loop-a', dimension: 'security', followUps: [{ ask: 'loop-b', when: { ratingAtOrBelow: 1 } }] },
          { ...base, id: 'loop-b', dimension: 'security', followUps: [{ ask: 'loop-a', when: { ratingAtOrBelow: 1 } }] },
          { ...base, id: 'empty-rubric', dimension: 'security', rubric: [] },
          { ...base, id: 'weightless', dimension: 'security', weight: -1 },
        ],
      }),
    );
    const checked = await run('bank', 'check', file);
    expect(checked.code).toBe(1);
    const lines = checked.stderr.trim().split('\n');
    expect(lines).toEqual([
      `${file}: question \`dim\`: dimension must be one of technical, process, security, governance, scalability (got "astrology")`,
      `${file}: question \`model\`: models item 1 must be one of freelancer, staff-augmentation, agency, managed-services (got "outsourcer")`,
      `${file}: question \`empty-rubric\`: rubric is empty`,
      `${file}: question \`weightless\`: weight must be a positive number (got -1)`,
      `${file}: question \`dup\`: the id is used twice: by questions 1 and 2`,
      `${file}: question \`ghost\`: followUps names \`nobody\`, which is not a question of this bank`,
      `${file}: question \`loop-b\`: followUps form a cycle: loop-a -> loop-b -> loop-a`,
    ]);
  });

  it('answers a wrong invocation with usage and exit 2', async () => {
    const result = await run('bank', 'frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage:');
  });

  it('prints the usage for `vet bank` without a sub-command, as a usage error', async () => {
    const result = await run('bank');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      'vet bank: say what to do with a bank, check, show or import',
      'usage:',
      '  vet bank check <file>                 validate a custom question bank (JSON or YAML)',
      '  vet bank show [--bank <file>] [--json] print a bank (the built-in one when no file is given)',
      '  vet bank import <file.json> [--out <bank.yaml>]',
      '                                        convert a Google VSAQ questionnaire into a bank (YAML, to standard output without --out)',
      '',
    ]);
    expect(result.stderr).not.toContain('unknown command');
    // Asking for help is no error.
    for (const help of [['bank', '--help'], ['bank', 'help'], ['--help'], []]) {
      const asked = await run(...help);
      expect(asked).toMatchObject({ code: 0, stderr: '' });
      expect(asked.stdout).toContain('vet bank check <file>');
    }
  });

  it('check reports every problem of a bank with an invalid id in one run, and a YAML syntax error with its line', async () => {
    const dir = tempDir();
    const bank = join(dir, 'bank.yaml');
    writeFileSync(bank, 'id: Acme Bank\nversion: 1\nquestions:\n  - id: q7\n    dimension: security\n    title: T\n    prompt: P\n    matureAnswer: [a, b]\n    followUps: q8\n');
    const checked = await run('bank', 'check', bank);
    expect(checked.code).toBe(1);
    expect(checked.stderr.trim().split('\n')).toEqual([
      `${bank}: bank id must be a lower-case slug such as "acme-security"`,
      `${bank}: question \`q7\`: followUps must be a list of follow-up questions (got a string)`,
    ]);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'id: acme\nversion: 1\nquestions:\n  - id: q7\n   title: x\n');
    const syntax = await run('bank', 'check', broken);
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toMatch(new RegExp(`^${broken}: not valid YAML at line 5, column \\d+: .+; line 5 reads:    title: x\n$`));
  });
});
