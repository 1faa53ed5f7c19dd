// The flows say what happened in codes and data; the words people read are src/slack's (slack/wording/). This keeps
// English from creeping back: no string or template literal in src/flows may hold words (two in a row), comments
// aside, except the few below, which are written into the record itself rather than said to anyone.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Two words in a row: a sentence, or a clause of one. Codes (`na-not-allowed`) and identifiers have no spaces. */
const WORDS = /[A-Za-z]+ [a-z]+/;

/** Literal texts allowed, by file, each with why it is not wording. */
const ALLOWED: Record<string, Record<string, string>> = {
  'src/flows/evidenceRules.ts': {
    'received, to review': "a register state's label, the same in Slack and in the markdown reports (REGISTER_STATE_LABELS)",
    'not sufficient': "a register state's label, the same in Slack and in the markdown reports (REGISTER_STATE_LABELS)",
  },
  'src/flows/evidence/context.ts': { 'Evidence for: ': "a new request's default terms, stored with it and shown to the vendor" },
  'src/flows/evidence/requests.ts': { 'Marked shown in the interview': 'why a request was fulfilled, stored with it' },
  'src/flows/evidence/verdicts.ts': {
    'accepted file ': 'what was seen, stored with the answer',
    'accepted link ': 'what was seen, stored with the answer',
    'the file ': 'why a request was fulfilled, stored with it',
    'the link ': 'why a request was fulfilled, stored with it',
  },
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}

/** Every piece of literal text in a module (strings, templates' fixed parts), with its line; comments are not read. */
function literals(file: string, code = readFileSync(file, 'utf8')): { text: string; line: number }[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const found: { text: string; line: number }[] = [];
  const visit = (node: ts.Node) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push({ text: node.text, line });
    else if (ts.isTemplateExpression(node)) for (const text of [node.head.text, ...node.templateSpans.map((s) => s.literal.text)]) found.push({ text, line });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('flows know no wording', () => {
  it('holds no words in string or template literals under src/flows (they belong in src/slack/wording/)', () => {
    const words = sources('src/flows').flatMap((file) =>
      literals(file)
        .filter(({ text }) => WORDS.test(text) && ALLOWED[file]?.[text] === undefined)
        .map(({ text, line }) => `${file}:${line}: ${JSON.stringify(text)}`),
    );
    expect(words).toEqual([]);
  });

  it('finds words in strings and templates, and none in comments or codes', () => {
    const code = ['// This comment says a lot.', "const a = { code: 'na-not-allowed' };", "const b = 'The note is empty.';", 'const c = `Keep it to ${max} characters.`;'].join('\n');
    const found = literals('probe.ts', code).filter(({ text }) => WORDS.test(text));
    expect(found).toEqual([
      { text: 'The note is empty.', line: 3 },
      { text: 'Keep it to ', line: 4 },
    ]);
  });
});
