// The built-in question bank lives in banks/standard.yaml, as data in the format bank authors write. It goes through
// the same parser and validator as a custom bank, so it is also the worked example of one.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { QuestionBank } from './model.js';
import { parseBankSource, readError, type LoadResult } from './parse.js';

/** The same two levels up from src/questions/ (tests, typecheck) and from dist/questions/ (the built bot and CLI). */
export const STANDARD_BANK_FILE = fileURLToPath(new URL('../../banks/standard.yaml', import.meta.url));

/** Read once, when first imported: a broken built-in bank is a defect of vet itself, so it stops everything at once. */
export const STANDARD_BANK: QuestionBank = loadBuiltInBank(STANDARD_BANK_FILE);

/** The bank in `file`, or an error naming every problem in it. */
export function loadBuiltInBank(file: string): QuestionBank {
  let result: LoadResult;
  try {
    result = parseBankSource(file, readFileSync(file, 'utf8'));
  } catch (e) {
    // Only reading can throw: parsing and validating report their problems as values.
    result = readError(file, e);
  }
  if (!result.ok) throw new Error(`vet's built-in question bank is not valid:\n${result.errors.join('\n')}`);
  return result.bank;
}
