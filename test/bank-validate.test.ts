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
    { defect: 'duplicate ids', questions: [question('a'), question('b'), question('a')], expected: ['question `a`: the id is used twice: by questions 1 and 3'] },
    {
      defect: 'unknown dimension',
      questions: [question('a', { dimension: 'vibes' })],
      expected: ['question `a`: dimension must be one of technical, process, security, governance, scalability (got "vibes")'],
    },
    {
      defect: 'unknown engagement model',
      questions: [question('a', { models: ['agency', 'offshore'] })],
      expected: ['question `a`: models item 2 must be one of freelancer, staff-augmentation, agency, managed-services (got "offshore")'],
    },
    {
      defect: 'follow-up naming an unknown question',
      questions: [question('a', { followUps: [{ ask: 'ghost', when: { ratingAtOrBelow: 1 } }] })],
      expected: ['question `a`: followUps names `ghost`, which is not a question of this bank'],
    },
    {
      defect: 'follow-up cycle',
      questions: [question('a', { followUps: [{ ask: 'b', when: { ratingAtOrBelow: 1 } }] }), question('b', { followUps: [{ ask: 'a', when: { ratingAtOrBelow: 1 } }] })],
      expected: ['followUps form a cycle: a -> b -> a'],
    },
    { defect: 'empty rubric', questions: [question('a', { rubric: [] })], expected: ['question `a`: rubric is empty'] },
    { defect: 'zero weight', questions: [question('a', { weight: 0 })], expected: ['question `a`: weight must be a positive number (got 0)'] },
    { defect: 'weight that is not a number', questions: [question('a', { weight: 'heavy' })], expected: ['question `a`: weight must be a number (got "heavy")'] },
    { defect: 'negative weight', questions: [question('a', { weight: -2 })], expected: ['question `a`: weight must be a positive number (got -2)'] },
  ])('reports $defect with the file and the question id', async ({ questions, expected }) => {
    const file = write('bad.json', { id: 'acme', version: '1', questions });
    const result = await loadBankFile(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const e of expected)
      expect(
        result.errors.some((line) => line.startsWith(`${file}: `) && line.includes(e)),
        `${e} in\n${result.errors.join('\n')}`,
      ).toBe(true);
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
    expect(result.ok ? [] : result.errors).toEqual([`${file}: question \`a\`: red flag \`x\`: a fact condition on a question that records no fact`]);
  });
});

describe('what the bank checker says', () => {
  const errorsOf = async (file: string) => {
    const result = await loadBankFile(file);
    expect(result.ok).toBe(false);
    return result.ok ? [] : result.errors;
  };
  const strip = (file: string, errors: string[]) => errors.map((e) => e.replace(`${file}: `, ''));

  it("says each shape problem in the bank's own terms, with the question id, and never the validator's words", async () => {
    const file = write('shapes.json', {
      id: 'acme',
      version: '1',
      questions: [
        question('q7', { followUps: 'q8', title: 5, evidenceRequired: 'yes', folowUps: [] }),
        question('q8', {
          matureAnswer: ['a', 3],
          followUps: ['q7', { ask: 'q7' }, { ask: 'q7', when: { ratingAtOrBelow: 1 }, extra: 1 }],
          redFlags: [{ rule: 'r', severity: 'urgent', when: { ratingAtOrBelow: 0 }, message: 'm' }],
          rubric: [
            { label: 'none', score: 0 },
            { label: 'all', score: 200 },
          ],
          fact: { type: 'dates', label: 'x' },
        }),
        'a question written as one string',
        { ...question('q9', { fact: { type: 'date', maxAgeMonths: 0 } }), dimension: undefined },
      ],
    });
    expect(strip(file, await errorsOf(file))).toEqual([
      'question `q7`: title must be text (got 5)',
      'question `q7`: evidenceRequired must be true or false (got "yes")',
      'question `q7`: followUps must be a list of follow-up questions (got a string)',
      'question `q7`: the question has an unknown field "folowUps"',
      'question `q8`: matureAnswer item 2 must be text (got 3)',
      'question `q8`: score in rubric item 2 must be from 0 to 100',
      'question `q8`: severity in redFlags item 1 must be one of low, medium, high, critical (got "urgent")',
      'question `q8`: followUps item 1 must be a follow-up question { ask: <question id>, when: <condition> } (got a string)',
      'question `q8`: when in followUps item 2 is missing',
      'question `q8`: followUps item 3 has an unknown field "extra"',
      'question `q8`: fact.type must be one of date, boolean, number, list (got "dates")',
      'question 3: the question must be a mapping with id, dimension, title, prompt and matureAnswer (got a string)',
      'question `q9`: dimension is missing',
      'question `q9`: fact.label is missing',
      'question `q9`: fact.maxAgeMonths must be 1 or more',
    ]);
  });

  it.each([
    { field: 'title', value: [] },
    { field: 'prompt', value: null },
    { field: 'matureAnswer', value: { a: 1 } },
    { field: 'evidence', value: [1] },
    { field: 'rubric', value: [{ label: 'x' }, 'y'] },
    { field: 'weight', value: '2' },
    { field: 'models', value: [] },
    { field: 'patterns', value: ['nope'] },
    { field: 'redFlags', value: [{ rule: 'Not A Slug', severity: 'high', when: { factNone: 1 }, message: '' }] },
    { field: 'followUps', value: [{ ask: '', when: { ratingAtOrBelow: -1 } }] },
    { field: 'fact', value: { type: 'number', label: 'Hours', unit: 7, min: 'x' } },
    { field: 'fact', value: { type: 'list', label: 'Team', minItems: -1 } },
    { field: 'satisfiedBy', value: [''] },
    { field: 'lite', value: 1 },
    { field: 'id', value: 'Not A Slug' },
  ])('leaks no validator jargon for a bad $field', async ({ field, value }) => {
    const file = write('jargon.json', { id: 'acme', version: '1', questions: [question('q', { [field]: value })] });
    const errors = await errorsOf(file);
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e).toMatch(new RegExp(`^${escapeRegExp(file)}: question (\`[^\`]+\`|1): \\S`));
      expect(e).not.toMatch(/Invalid input|Invalid option|expected \w+, received|Too (small|big)|Unrecognized key|\.\d+[.:]/);
    }
  });

  it('reports every problem of a bank in one run, its invalid id and version included', async () => {
    const file = write('everything.yaml', {
      id: 'Acme Bank',
      questions: [question('a', { weight: 0 }), question('b'), question('a', { dimension: 'luck' })],
    });
    expect(strip(file, await errorsOf(file))).toEqual([
      'bank id must be a lower-case slug such as "acme-security"',
      'bank version is missing',
      'question `a`: weight must be a positive number (got 0)',
      'question `a`: dimension must be one of technical, process, security, governance, scalability (got "luck")',
      'question `a`: the id is used twice: by questions 1 and 3',
    ]);
  });

  it('names a duplicated id and every position that uses it', async () => {
    const file = write('dups.json', { id: 'acme', version: '1', questions: [question('x'), question('y'), question('x'), question('x'), question('y')] });
    expect(strip(file, await errorsOf(file))).toEqual(['question `x`: the id is used 3 times: by questions 1, 3 and 4', 'question `y`: the id is used twice: by questions 2 and 5']);
  });

  it('shows the line, the column and the line itself for a YAML syntax error', async () => {
    const file = write('syntax.yaml', 'id: acme\nversion: 1\nquestions:\n  - id: q1\n    title: [unclosed\n    prompt: p\n');
    expect(strip(file, await errorsOf(file))).toEqual([
      'not valid YAML at line 6, column 5: Flow sequence in block collection must be sufficiently indented and end with a ]; line 6 reads:     prompt: p',
    ]);
    // At the end of the file, the last line written is the one to look at.
    const unclosed = write('unclosed.yaml', 'id: acme\nversion: 1\nquestions: [\n\n');
    expect(strip(unclosed, await errorsOf(unclosed))).toEqual([
      'not valid YAML at line 5, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]; the last line before it, line 3, reads: questions: [',
    ]);
    const tabbed = write('tab.yml', 'id: acme\nquestions:\n\t- id: q1\n');
    expect(strip(tabbed, await errorsOf(tabbed))[0]).toMatch(/^not valid YAML at line 3, column 1: .+; line 3 reads: \t- id: q1$/);
  });

  it('shows the line and column of a JSON syntax error in a .json bank', async () => {
    const file = write('syntax.json', '{\n  "id": "acme",\n  "version": 1\n  "questions": []\n}\n');
    expect(strip(file, await errorsOf(file))).toEqual([`not valid JSON at line 4, column 3: Expected ',' or '}' after property value; line 4 reads:   "questions": []`]);
    const bare = write('bare.json', '{\n  "id": acme,\n  "questions": []\n}');
    expect(strip(bare, await errorsOf(bare))).toEqual([`not valid JSON at line 2, column 9: Unexpected token 'a'; line 2 reads:   "id": acme,`]);
  });

  it('refuses a file that is no bank at all without quoting a byte of it', async () => {
    const secret = 'root:x:0:0:root:/root:/bin/bash\nsvc:$6$s3cr3t-hash:19000:0:99999:7:::\n';
    const passwd = write('passwd', secret);
    expect(await errorsOf(passwd)).toEqual([`${passwd}: not a JSON or YAML question bank (it does not parse as JSON, and a YAML bank's name ends in .yaml or .yml)`]);
    // Named like a bank, but not one: a syntax error or a document of another kind is said without its content.
    const named = write('passwd.yaml', secret);
    const badJson = write('passwd.json', secret);
    const scalar = write('notes.yaml', 's3cr3t notes\nand more s3cr3t notes\n');
    const list = write('list.json', '["s3cr3t"]');
    const other = write('compose.yaml', 'services:\n  db:\n    password: s3cr3t\n');
    const empty = write('empty.yaml', '');
    const all = [named, badJson, scalar, list, other, empty];
    const errors = (await Promise.all(all.map(errorsOf))).flat();
    for (const e of errors) expect(e).not.toMatch(/root|s3cr3t|bash/);
    expect(errors).toEqual([
      `${named}: not a JSON or YAML question bank (it does not parse as YAML, and has no questions)`,
      `${badJson}: not a JSON or YAML question bank (it does not parse as JSON, and has no questions)`,
      `${scalar}: not a question bank: a bank is a mapping with id, version, questions, and this file holds a string`,
      `${list}: not a question bank: a bank is a mapping with id, version, questions, and this file holds a list`,
      `${other}: not a question bank: it has none of the fields id, version, questions`,
      `${empty}: not a question bank: the file is empty`,
    ]);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('references to controls', () => {
  async function problems(references: unknown): Promise<string[]> {
    const file = write('refs.yaml', { id: 'acme', version: 1, questions: [question('q1', { references })] });
    const result = await loadBankFile(file);
    return result.ok ? [] : result.errors.map((e) => e.slice(`${file}: `.length));
  }

  it('accepts ids of the four frameworks and keeps them as written', async () => {
    const references = { iso27001: ['A.5.19', 'A.8.28'], soc2: ['CC8.1', 'P6.7'], ssdf: ['PW.7', 'RV.1'], ccm: ['A&A-02', 'UEM-14'] };
    const file = write('ok.yaml', { id: 'acme', version: 1, questions: [question('q1', { references }), question('q2')] });
    const result = await loadBankFile(file);
    expect(result.ok && result.bank.questions.map((q) => q.references)).toEqual([references, undefined]);
  });

  it.each([
    { defect: 'an id in another format', references: { iso27001: ['8.28'] }, expected: 'question `q1`: references.iso27001 item 1 must be written like A.8.28 (got "8.28")' },
    {
      defect: 'an ISO id past the end of its theme',
      references: { iso27001: ['A.8.35'] },
      expected: 'question `q1`: references.iso27001 item 1 is A.8.35, which is not a control of ISO/IEC 27001:2022 Annex A',
    },
    { defect: 'an ISO 27001:2013 id', references: { iso27001: ['A.12.1'] }, expected: 'question `q1`: references.iso27001 item 1 must be written like A.8.28 (got "A.12.1")' },
    { defect: 'the withdrawn SSDF practice PW.3', references: { ssdf: ['PW.3'] }, expected: 'question `q1`: references.ssdf item 1 is PW.3, which is not a control of NIST SP 800-218 SSDF v1.1' },
    { defect: 'a SOC 2 criterion that does not exist', references: { soc2: ['CC9.3'] }, expected: 'question `q1`: references.soc2 item 1 is CC9.3, which is not a control of SOC 2' },
    {
      defect: 'a CCM id past the end of its domain',
      references: { ccm: ['AIS-08'] },
      expected: 'question `q1`: references.ccm item 1 is AIS-08, which is not a control of CSA Cloud Controls Matrix v4',
    },
    { defect: 'an unknown framework', references: { nist80053: ['AC-2'] }, expected: 'question `q1`: references names an unknown framework "nist80053" (frameworks: iso27001, soc2, ssdf, ccm)' },
    { defect: 'a list instead of a mapping', references: ['A.8.28'], expected: 'question `q1`: references must be a mapping from framework (iso27001, soc2, ssdf, ccm) to control ids' },
    { defect: 'an empty framework', references: { soc2: [] }, expected: 'question `q1`: references.soc2 is empty: leave soc2 out, or name its controls' },
    { defect: 'a control named twice', references: { ccm: ['IAM-05', 'IAM-05'] }, expected: 'question `q1`: references.ccm names a control twice' },
    { defect: 'a framework given one id, not a list', references: { ssdf: 'PW.7' }, expected: 'question `q1`: references.ssdf must be a list of control ids (got a string)' },
  ])('reports $defect', async ({ references, expected }) => {
    const found = await problems(references);
    expect(
      found.some((e) => e.startsWith(expected)),
      `${expected} in\n${found.join('\n')}`,
    ).toBe(true);
  });
});
