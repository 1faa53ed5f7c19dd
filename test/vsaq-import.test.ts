// `vet bank import`: Google's four VSAQ questionnaires (test/fixtures/vsaq, Apache-2.0) and a hand-made one with
// every item type and condition form become banks that pass the same check as any bank.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatCondition } from '../src/questions/condition.js';
import { cleanVsaqSource, htmlToText, importVsaq } from '../src/questions/importVsaq.js';
import type { Question, QuestionBank } from '../src/questions/model.js';
import { parseBankSource } from '../src/questions/parse.js';
import { tempDir } from './support/temp.js';

const FIXTURES = 'test/fixtures/vsaq';
const REAL = ['webapp.json', 'infrastructure.json', 'security_privacy_programs.json', 'physical_and_datacenter.json'];
const source = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');

const run = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', ['bin/vet.js', ...args], { cwd: process.cwd(), maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
};

function imported(file: string): { bank: QuestionBank; yaml: string; summary: Extract<ReturnType<typeof importVsaq>, { ok: true }>['summary'] } {
  const result = importVsaq(source(file), file);
  if (!result.ok) throw new Error(result.error);
  const checked = parseBankSource(file.replace(/json$/, 'yaml'), result.yaml);
  if (!checked.ok) throw new Error(checked.errors.join('\n'));
  return { bank: checked.bank, yaml: result.yaml, summary: result.summary };
}

/** The VSAQ items of a file, cleaned the way the engine cleans them, flattened. */
function vsaqItems(file: string): { type: string; id?: string; warn?: string; severity?: string; cond?: string }[] {
  const out: { type: string; id?: string; warn?: string }[] = [];
  const walk = (items: any[]): void => {
    for (const i of items) {
      out.push(i);
      if (Array.isArray(i.items)) walk(i.items);
    }
  };
  walk(JSON.parse(cleanVsaqSource(source(file))).questionnaire);
  return out;
}

const byId = (bank: QuestionBank, id: string): Question => {
  const q = bank.questions.find((x) => x.id === id);
  if (!q) throw new Error(`no question ${id} in ${bank.questions.map((x) => x.id).join(', ')}`);
  return q;
};

describe('importing the four VSAQ questionnaires', () => {
  it.each(REAL)('%s: one question per answerable item with its id, one red flag per warning, sections mapped to dimensions, source and licence', (file) => {
    const { bank, yaml, summary } = imported(file);
    const items = vsaqItems(file);
    const answerable = items.filter((i) => ['radiogroup', 'checkgroup', 'line', 'box', 'check', 'yesno', 'upload'].includes(i.type));
    const warnings = items.filter((i) => i.type === 'tip' && i.warn === 'yes');
    expect(bank.questions).toHaveLength(answerable.length + summary.undefinedNames.length);
    expect(summary.questions).toBe(bank.questions.length);
    for (const item of answerable.filter((i) => i.id))
      expect(
        bank.questions.some(
          (q) =>
            q.id ===
            item
              .id!.toLowerCase()
              .replace(/[^a-z0-9]+/g, '-')
              .slice(0, 64)
              .replace(/-+$/, ''),
        ),
      ).toBe(true);
    const flags = bank.questions.flatMap((q) => q.redFlags);
    expect(flags).toHaveLength(warnings.length);
    expect(summary.redFlags).toBe(warnings.length);
    // Each warning keeps VSAQ's severity (medium when it has none) and is raised by an expression.
    const severities = (list: { severity: string }[]) => list.map((x) => x.severity).sort();
    expect(severities(flags)).toEqual(severities(warnings.map((w) => ({ severity: w.severity ?? 'medium' }))));
    expect(flags.every((f) => 'condition' in f.when)).toBe(true);
    expect(summary.withConditions).toBe(bank.questions.filter((q) => q.askWhen).length);
    expect(bank.source).toEqual(expect.objectContaining({ licence: 'Apache-2.0', url: 'https://github.com/google/vsaq', file }));
    expect(yaml).toContain('licensed under the Apache License, Version 2.0');
    expect(bank.sections!.length).toBeGreaterThan(0);
    for (const q of bank.questions) expect(bank.sections!.find((s) => s.id === q.section)?.dimension).toBe(q.dimension);
    // No HTML reaches a prompt or a flag message.
    for (const text of [...bank.questions.map((q) => q.prompt), ...flags.map((f) => f.message)]) expect(text).not.toMatch(/<\/?(p|b|a|code|br|ul|li)\b/);
  });

  it('reads webapp.json as the issue counts it: 73 questions and 42 red-flag rules', () => {
    const { summary } = imported('webapp.json');
    expect(summary).toMatchObject({ questions: 73, redFlags: 42, undefinedNames: [] });
  });

  it('vet bank import prints the bank to standard output and the counts to standard error; --out writes a file that vet bank check accepts', async () => {
    const printed = await run('bank', 'import', join(FIXTURES, 'physical_and_datacenter.json'));
    expect(printed.code).toBe(0);
    const { summary } = imported('physical_and_datacenter.json');
    expect(printed.stderr).toBe(`imported ${summary.questions} questions (${summary.withConditions} with conditions), ${summary.redFlags} red-flag rules from physical_and_datacenter.json\n`);
    expect(printed.stdout).toMatch(/^# Imported by `vet bank import`/);
    const out = join(tempDir(), 'webapp.yaml');
    const written = await run('bank', 'import', join(FIXTURES, 'webapp.json'), '--out', out);
    expect(written).toMatchObject({ code: 0, stderr: '' });
    expect(written.stdout).toMatch(/^imported 73 questions \(\d+ with conditions\), 42 red-flag rules from webapp.json into /);
    const checked = await run('bank', 'check', out);
    const dimensions = new Set(imported('webapp.json').bank.questions.map((q) => q.dimension)).size;
    expect(checked).toMatchObject({ code: 0, stdout: `${out}: valid: 73 questions (73 main, 0 follow-ups, 0 lite) across ${dimensions} dimensions\n` });
  });

  it('says what is wrong with a file that is not a questionnaire, or a command line without one', async () => {
    const notVsaq = join(tempDir(), 'bank.json');
    await import('node:fs').then((fs) => fs.writeFileSync(notVsaq, '{"id": "x", "questions": []}'));
    expect(await run('bank', 'import', notVsaq)).toMatchObject({ code: 1, stdout: '', stderr: `${notVsaq}: not a VSAQ questionnaire: it has no "questionnaire" list of items\n` });
    expect(await run('bank', 'import', 'nowhere.json')).toMatchObject({ code: 1, stderr: 'nowhere.json: cannot read the file (there is no such file)\n' });
    expect((await run('bank', 'import')).code).toBe(2);
  });
});

describe('importing a hand-made questionnaire with every item type and condition form', () => {
  const { bank, summary } = imported('handmade.json');

  it('turns each item type into its kind of question', () => {
    expect(bank.questions.map((q) => [q.id, q.answer?.type])).toEqual([
      ['req-sensitive', 'yesno'],
      ['hosting', 'one'],
      ['cloud-provider', 'text'],
      ['controls', 'many'],
      ['dc-audit', 'yesno'],
      ['dc-access-log', 'yesno'],
      ['dc-access-process', 'text'],
      ['dc-report', 'upload'],
    ]);
    expect(byId(bank, 'hosting').answer).toEqual({
      type: 'one',
      choices: [
        { id: 'hosting-cloud', label: 'Public cloud' },
        { id: 'hosting-onprem', label: 'On premises' },
        { id: 'hosting-mixed', label: 'Both' },
      ],
    });
    // A name the conditions use but the file does not define is asked first, as a yes/no about the engagement.
    expect(summary.undefinedNames).toEqual(['req_sensitive']);
    expect(byId(bank, 'req-sensitive').section).toBe('engagement-context');
  });

  it('keeps every condition form: choice ids, ||, &&, !, parentheses, id/yes, id/no, a bare yes/no id, ^question, ^tip', () => {
    const when = (id: string) => byId(bank, id).askWhen?.text;
    expect(when('hosting')).toBeUndefined();
    expect(when('cloud-provider')).toBe('hosting-cloud || hosting-mixed');
    // A block's condition applies to everything in it.
    expect(when('dc-audit')).toBe('!hosting-cloud');
    expect(when('dc-access-log')).toBe('!hosting-cloud && dc-audit/yes');
    expect(when('dc-access-process')).toBe('!hosting-cloud && ^dc-access-log && dc-access-log');
    expect(when('dc-report')).toBe('!hosting-cloud && dc-audit');
    const flags = bank.questions.flatMap((q) => q.redFlags.map((f) => ({ q: q.id, ...f, when: 'condition' in f.when ? f.when.condition.text : '' })));
    expect(flags).toEqual([
      // The \x26 escape and the HTML are plain text now; the name is the title.
      { q: 'controls', rule: 'warn-no-mfa', title: 'No MFA', severity: 'critical', when: '!controls-mfa && !controls-sso', message: 'Without MFA, one phished password & the account is gone.' },
      // No severity in VSAQ: medium. The joined string is one.
      { q: 'dc-audit', rule: 'warn-dc-audit', title: 'Data centre not audited', severity: 'medium', when: '!hosting-cloud && dc-audit/no', message: 'An unaudited data centre is a blind spot.' },
      // ^ of a tip is the condition that shows the tip; the flag goes with the last question its condition reads.
      {
        q: 'dc-audit',
        rule: 'warn-sensitive-dc',
        title: 'Sensitive data in an unaudited data centre',
        severity: 'high',
        when: '!hosting-cloud && req-sensitive && !hosting-cloud && dc-audit/no',
        message: 'Sensitive data is processed where nobody audited.',
      },
    ]);
  });

  it('shows info items and other tips as guidance with their question', () => {
    expect(byId(bank, 'hosting').guidance).toEqual(['Tell us where the service runs.', 'On-premises hosting needs physical controls.']);
  });
});

describe('cleaning the engine format', () => {
  it('drops comment lines, joins strings, turns \\x escapes into JSON escapes, and strips HTML to text', () => {
    expect(JSON.parse(cleanVsaqSource('// licence\n{"a": "x\\x26" +\n   "y", "b": "\\\\x41"}'))).toEqual({ a: 'x&y', b: '\\x41' });
    expect(htmlToText('<p>See <a href="https://x.example/a">the guide</a>&nbsp;&amp; <code>&lt;b&gt;</code></p><ul><li>one</li><li>two</li></ul>')).toBe(
      'See the guide (https://x.example/a) & <b>\n- one\n- two',
    );
  });

  it('writes conditions back as it reads them', () => {
    const { bank } = imported('infrastructure.json');
    for (const q of bank.questions) if (q.askWhen) expect(formatCondition(q.askWhen.expr)).toBe(q.askWhen.text);
  });
});
