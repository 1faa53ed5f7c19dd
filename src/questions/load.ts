import { readFile } from 'node:fs/promises';
import { parseBankSource, readError, type LoadResult } from './parse.js';
import { STANDARD_BANK } from './standard.js';

export type { LoadResult } from './parse.js';

/** Reads and validates a custom bank file (YAML for .yml/.yaml, JSON otherwise); each error names the file. */
export async function loadBankFile(file: string): Promise<LoadResult> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (e) {
    return readError(file, e);
  }
  return parseBankSource(file, source);
}

/** The bank the bot runs with: the custom file when one is configured, else the built-in `standard` bank. */
export async function resolveBank(file: string | undefined): Promise<LoadResult> {
  return file ? loadBankFile(file) : { ok: true, bank: STANDARD_BANK };
}
