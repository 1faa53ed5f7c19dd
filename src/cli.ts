// `vet` command line for question-bank authors: check a custom bank, print a bank.
import { referencesText } from './questions/controls/index.js';
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
];

const HELP = new Set(['help', '--help', '-h']);

/** Exit codes: 0 done, 1 the bank has problems, 2 the command line is wrong (as most command-line tools do). */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [group, command, ...rest] = args;
  if (group === undefined || HELP.has(group) || (group === 'bank' && command !== undefined && HELP.has(command))) {
    USAGE.forEach((l) => io.out(l));
    return 0;
  }
  if (group === 'bank' && command === 'check') return check(rest, io);
  if (group === 'bank' && command === 'show') return show(rest, io);
  if (group === 'bank' && command === undefined) return usageError('vet bank: say what to do with a bank, check or show', io);
  return usageError(`vet: unknown command "${args.join(' ')}"`, io);
}

function usageError(problem: string, io: CliIo): number {
  io.err(problem);
  USAGE.forEach((l) => io.err(l));
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
    result.errors.forEach((e) => io.err(e));
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
    result.errors.forEach((e) => io.err(e));
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

function describe(bank: QuestionBank): string {
  const main = mainQuestions(bank.questions).length;
  const lite = bank.questions.filter((q) => q.lite).length;
  const dims = new Set(bank.questions.map((q) => q.dimension)).size;
  return `${bank.questions.length} questions (${main} main, ${bank.questions.length - main} follow-ups, ${lite} lite) across ${dims} dimensions`;
}
