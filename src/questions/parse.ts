import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import type { QuestionBank } from './model.js';
import { formatProblem, validateBank } from './validate.js';

export type LoadResult = { ok: true; bank: QuestionBank } | { ok: false; errors: string[] };

const READ_ERRORS: Record<string, string> = { ENOENT: 'there is no such file', EISDIR: 'it is a folder', EACCES: 'no permission to read it' };

/** `aliases`: the YAML parsed but expands too far to read; said as it is, whatever the file looks like. */
type Parsed = { ok: true; doc: unknown } | { ok: false; errors: string[]; aliases?: true };

/** "<file>: cannot read the file (there is no such file)", for an error thrown by reading a bank file. */
export function readError(file: string, e: unknown): LoadResult {
  const code = e instanceof Error && 'code' in e ? String(e.code) : String(e);
  return { ok: false, errors: [`${file}: cannot read the file (${READ_ERRORS[code] ?? code})`] };
}

/**
 * Parses and validates the text of a bank file (YAML for .yml/.yaml, JSON otherwise); each error names the file.
 * The one path from a file's text to a bank, for a custom bank and the built-in one alike.
 * A syntax error quotes the line at fault only from a file that looks like a bank (named .json, .yaml or .yml, with
 * a questions field): any other file is VET_QUESTION_BANK pointing at the wrong file, and may hold secrets.
 */
export function parseBankSource(file: string, source: string): LoadResult {
  const ext = extname(file).toLowerCase();
  const yaml = ext === '.yml' || ext === '.yaml';
  const parsed = yaml ? parseYaml(source) : parseJson(source);
  if (!parsed.ok) {
    if (parsed.aliases) return { ok: false, errors: parsed.errors.map((e) => `${file}: ${e}`) };
    if (ext !== '.json' && !yaml) return { ok: false, errors: [`${file}: not a JSON or YAML question bank (it does not parse as JSON, and a YAML bank's name ends in .yaml or .yml)`] };
    if (!/["']?questions["']?\s*:/.test(source)) return { ok: false, errors: [`${file}: not a JSON or YAML question bank (it does not parse as ${yaml ? 'YAML' : 'JSON'}, and has no questions)`] };
    return { ok: false, errors: parsed.errors.map((e) => `${file}: ${e}`) };
  }
  const result = validateBank(parsed.doc);
  return result.ok ? result : { ok: false, errors: result.problems.map((p) => formatProblem(file, p)) };
}

/** yaml's own default: more alias expansions than this is a "billion laughs" document, refused unread. */
const MAX_YAML_ALIASES = 100;

function parseYaml(source: string): Parsed {
  const doc = parseDocument(source);
  if (doc.errors.length === 0) {
    try {
      return { ok: true, doc: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) };
    } catch (e) {
      // yaml throws a ReferenceError past maxAliasCount; anything else is ours to see.
      if (!(e instanceof ReferenceError)) throw e;
      return {
        ok: false,
        aliases: true,
        errors: [`not a usable YAML bank: its aliases (*name) expand more than ${MAX_YAML_ALIASES} times, as a "billion laughs" document does; write the repeated parts out instead`],
      };
    }
  }
  // The parser's message carries its own position and a code frame; the position is said once, our way.
  return { ok: false, errors: doc.errors.map((e) => syntaxError('YAML', source, e.pos[0], e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''))) };
}

function parseJson(source: string): Parsed {
  try {
    return { ok: true, doc: JSON.parse(source) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // V8 quotes the text around the error ("Unexpected token 'r', "root:x:0:0"... is not valid JSON") and gives
    // an offset only for some errors; the quote is dropped, and the yaml parser (JSON is YAML) finds the rest.
    const reason = message.replace(/, (?:\.\.\.)?".*$/s, '').replace(/ in JSON at position \d+.*$/s, '');
    const offset = /at position (\d+)/.exec(message)?.[1];
    const at = offset !== undefined ? Number(offset) : /end of JSON input/.test(message) ? source.length : parseDocument(source, { schema: 'json' }).errors[0]?.pos[0];
    return { ok: false, errors: [at === undefined ? `not valid JSON: ${reason}` : syntaxError('JSON', source, at, reason)] };
  }
}

/** "not valid YAML at line 3, column 5: <reason>; line 3 reads:   - id: [x", with the line as it is in the file. */
function syntaxError(format: 'JSON' | 'YAML', source: string, offset: number, reason: string): string {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  const lines = source.split('\n').map((l) => l.replace(/\r$/, ''));
  // At the end of the file (an unclosed bracket), the line to look at is the last one written.
  const shown = lines.slice(0, line).findLastIndex((l) => l.trim() !== '');
  const context = shown === -1 ? 'the file is empty' : shown === line - 1 ? `line ${line} reads: ${lines[shown]}` : `the last line before it, line ${shown + 1}, reads: ${lines[shown]}`;
  return `not valid ${format} at line ${line}, column ${column}: ${reason}; ${context}`;
}
