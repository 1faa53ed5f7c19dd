import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { QuestionBank } from './model.js';
import { STANDARD_BANK } from './standard.js';
import { formatProblem, validateBank } from './validate.js';

export type LoadResult = { ok: true; bank: QuestionBank } | { ok: false; errors: string[] };

/** Reads and validates a custom bank file (JSON, or YAML for .yml/.yaml); each error names the file. */
export async function loadBankFile(file: string): Promise<LoadResult> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (e) {
    return { ok: false, errors: [`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`] };
  }
  let doc: unknown;
  try {
    doc = ['.yml', '.yaml'].includes(extname(file).toLowerCase()) ? parseYaml(source) : JSON.parse(source);
  } catch (e) {
    return { ok: false, errors: [`${file}: not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(e as Error).message.split('\n')[0]}`] };
  }
  const result = validateBank(doc);
  return result.ok ? result : { ok: false, errors: result.problems.map((p) => formatProblem(file, p)) };
}

/** The bank the bot runs with: the custom file when one is configured, else the built-in `standard` bank. */
export async function resolveBank(file: string | undefined): Promise<LoadResult> {
  return file ? loadBankFile(file) : { ok: true, bank: STANDARD_BANK };
}
