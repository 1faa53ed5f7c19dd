// `vet` command line for question-bank authors: check a custom bank, print a bank, import a VSAQ questionnaire.
import { readFile, writeFile } from 'node:fs/promises';
import { referencesText } from './questions/controls/index.js';
import { importVsaq } from './questions/importVsaq.js';
import { parseBankSource, readError } from './questions/parse.js';
import { DIMENSION_LABELS, DIMENSIONS, type QuestionBank } from './questions/model.js';
import { loadBankFile, resolveBank } from './questions/load.js';
import { mainQuestions } from './questions/select.js';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = [
  'usage:',
  '  vet bank check <file>                 validate a custom question bank (JSON or YAML)',
  '  vet bank show [--bank <file>] [--json] print a bank (the built-in one when no file is given)',
  '  vet bank import <file.json> [--out <bank.yaml>]',
  '                                        convert a Google VSAQ questionnaire into a bank (YAML, to standard output without --out)',
];

const HELP = new Set(['help', '--help', '-h']);

/** Exit codes: 0 done, 1 the bank has problems, 2 the command line is wrong (as most command-line tools do). */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [group, command, ...rest] = args;
  if (group === undefined || HELP.has(group) || (group === 'bank' && command !== undefined && HELP.has(command))) {
    for (const l of USAGE) io.out(l);
    return 0;
  }
  if (group === 'bank' && command === 'check') return check(rest, io);
  if (group === 'bank' && command === 'show') return show(rest, io);
  if (group === 'bank' && command === 'import') return importCommand(rest, io);
  if (group === 'bank' && command === undefined) return usageError('vet bank: say what to do with a bank, check, show or import', io);
  return usageError(`vet: unknown command "${args.join(' ')}"`, io);
}

function usageError(problem: string, io: CliIo): number {
  io.err(problem);
  for (const l of USAGE) io.err(l);
  return 2;
}

async function check(args: readonly string[], io: CliIo): Promise<number> {
  if (args.length !== 1 || args[0]!.startsWith('--')) {
    io.err('vet bank check: give exactly one bank file, e.g. vet bank check my-bank.yaml');
    return 2;
  }
  const file = args[0]!;
  const result = await loadBankFile(file);
  if (!result.ok) {
    for (const e of result.errors) io.err(e);
    return 1;
  }
  io.out(`${file}: valid: ${describe(result.bank)}`);
  return 0;
}

async function show(args: readonly string[], io: CliIo): Promise<number> {
  let file: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--bank' && args[i + 1] !== undefined) file = args[++i];
    else {
      io.err(`vet bank show: unexpected "${arg}"; usage: vet bank show [--bank <file>] [--json]`);
      return 2;
    }
  }
  const result = await resolveBank(file);
  if (!result.ok) {
    for (const e of result.errors) io.err(e);
    return 1;
  }
  const bank = result.bank;
  if (json) {
    io.out(JSON.stringify({ id: bank.id, version: bank.version, questions: bank.questions }, null, 2));
    return 0;
  }
  io.out(`${bank.id} ${bank.version}: ${describe(bank)}`);
  const followUps = new Set(bank.questions.flatMap((q) => q.followUps.map((f) => f.ask)));
  for (const dimension of DIMENSIONS) {
    const questions = bank.questions.filter((q) => q.dimension === dimension);
    io.out('');
    io.out(`${DIMENSION_LABELS[dimension]} (${questions.length})`);
    for (const q of questions) {
      const tags = [
        `weight ${q.weight}`,
        q.evidenceRequired && 'evidence required',
        q.fact && `fact: ${q.fact.type}`,
        q.answer && `answer: ${q.answer.type}`,
        q.askWhen && `asked when ${q.askWhen.text}`,
        q.lite && 'lite',
        followUps.has(q.id) && 'follow-up',
      ].filter(Boolean);
      io.out(`  ${q.id}: ${q.title} [${tags.join(', ')}]`);
      io.out(`      ${q.prompt}`);
      const refs = referencesText(q);
      if (refs) io.out(`      references: ${refs}`);
    }
  }
  return 0;
}

async function importCommand(args: readonly string[], io: CliIo): Promise<number> {
  let file: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--out' && args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) out = args[++i];
    else if (!arg.startsWith('--') && file === undefined) file = arg;
    else {
      io.err(`vet bank import: unexpected "${arg}"; usage: vet bank import <file.json> [--out <bank.yaml>]`);
      return 2;
    }
  }
  if (file === undefined) {
    io.err('vet bank import: give the VSAQ questionnaire to convert, e.g. vet bank import webapp.json --out webapp.yaml');
    return 2;
  }
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (e) {
    const failed = readError(file, e);
    if (!failed.ok) for (const line of failed.errors) io.err(line);
    return 1;
  }
  const result = importVsaq(source, file);
  if (!result.ok) {
    io.err(result.error);
    return 1;
  }
  // What the importer writes must load as any bank does: checked here, so a bank that fails is never written.
  const checked = parseBankSource(out ?? 'imported.yaml', result.yaml);
  if (!checked.ok) {
    io.err(`vet bank import: the bank converted from ${file} does not pass the bank check (a defect of the importer):`);
    for (const line of checked.errors) io.err(line);
    return 1;
  }
  const s = result.summary;
  const line = `imported ${s.questions} questions (${s.withConditions} with conditions), ${s.redFlags} red-flag rules from ${s.file}`;
  const context = s.undefinedNames.length > 0 ? `its conditions use names it does not define, asked first as yes/no questions: ${s.undefinedNames.join(', ')}` : null;
  if (out === undefined) {
    io.out(result.yaml.replace(/\n$/, ''));
    io.err(line);
    if (context) io.err(context);
    return 0;
  }
  try {
    await writeFile(out, result.yaml);
  } catch (e) {
    io.err(`vet bank import: cannot write ${out} (${e instanceof Error && 'code' in e ? String(e.code) : String(e)})`);
    return 1;
  }
  io.out(`${line} into ${out}`);
  if (context) io.out(context);
  return 0;
}

function describe(bank: QuestionBank): string {
  const main = mainQuestions(bank.questions).length;
  const lite = bank.questions.filter((q) => q.lite).length;
  const dims = new Set(bank.questions.map((q) => q.dimension)).size;
  return `${bank.questions.length} questions (${main} main, ${bank.questions.length - main} follow-ups, ${lite} lite) across ${dims} dimensions`;
}
