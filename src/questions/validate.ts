// Validates a parsed bank document: shape (schema.ts) first, then what only the whole bank can tell:
// duplicate ids, follow-ups naming unknown questions, follow-up cycles, conditions that cannot apply.
import type { z } from 'zod';
import { topLevel, type FlagCondition, type Question, type QuestionBank } from './model.js';
import { bankHeaderSchema, followUpsSchema, questionSchema } from './schema.js';

type Link = Pick<Question, 'id' | 'followUps'>;

export interface BankProblem {
  questionId: string | null;
  message: string;
}

export type BankResult = { ok: true; bank: QuestionBank } | { ok: false; problems: BankProblem[] };

export function formatProblem(file: string, p: BankProblem): string {
  return p.questionId === null ? `${file}: ${p.message}` : `${file}: question ${p.questionId}: ${p.message}`;
}

export function validateBank(doc: unknown): BankResult {
  const header = bankHeaderSchema.safeParse(doc);
  if (!header.success) return { ok: false, problems: header.error.issues.map((i) => ({ questionId: null, message: issueText(i) })) };

  const problems: BankProblem[] = [];
  const questions: Question[] = [];
  // The links between questions are checked on every question, even one with other defects, so a single run
  // reports everything that is wrong.
  const links: Link[] = [];
  header.data.questions.forEach((raw, index) => {
    const fields = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const rawId = typeof fields.id === 'string' ? fields.id : `#${index + 1}`;
    const followUps = followUpsSchema.safeParse(fields.followUps);
    links.push({ id: rawId, followUps: followUps.success ? followUps.data : [] });
    const parsed = questionSchema.safeParse(raw);
    if (parsed.success) questions.push(parsed.data);
    else for (const issue of parsed.error.issues) problems.push({ questionId: rawId, message: issueText(issue) });
  });
  problems.push(...linkProblems(links), ...conditionsCheck(questions));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, bank: { id: header.data.id, version: header.data.version, questions } };
}

function issueText(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}

function linkProblems(links: readonly Link[]): BankProblem[] {
  const problems: BankProblem[] = [];
  const byId = new Map<string, Link>();
  for (const q of links) {
    if (byId.has(q.id)) problems.push({ questionId: q.id, message: 'duplicate id: another question already uses it' });
    else byId.set(q.id, q);
  }
  const parentOf = new Map<string, string>();
  for (const q of links) {
    for (const f of q.followUps) {
      if (!byId.has(f.ask)) problems.push({ questionId: q.id, message: `follow-up names unknown question "${f.ask}"` });
      else if (f.ask === q.id) problems.push({ questionId: q.id, message: 'follow-up names the question itself' });
      else if (parentOf.has(f.ask) && parentOf.get(f.ask) !== q.id)
        problems.push({ questionId: q.id, message: `follow-up "${f.ask}" is already a follow-up of "${parentOf.get(f.ask)}"; a question can have one parent` });
      else parentOf.set(f.ask, q.id);
    }
  }
  return [...problems, ...cycleProblems(links, byId)];
}

function conditionsCheck(questions: readonly Question[]): BankProblem[] {
  const problems: BankProblem[] = [];
  for (const q of questions) {
    for (const rule of q.redFlags) problems.push(...conditionProblems(q, rule.when, `red flag ${rule.rule}`));
    for (const f of q.followUps) problems.push(...conditionProblems(q, f.when, `follow-up ${f.ask}`));
    if (q.fact?.type === 'number' && q.fact.min !== undefined && q.fact.max !== undefined && q.fact.min > q.fact.max)
      problems.push({ questionId: q.id, message: `fact.min (${q.fact.min}) is above fact.max (${q.fact.max})` });
    problems.push(...alternativeProblems(q, questions));
  }
  return problems;
}

/** `satisfiedBy` links fact questions that can stand in for each other, so both ends must record facts. */
function alternativeProblems(q: Question, questions: readonly Question[]): BankProblem[] {
  if (!q.satisfiedBy || q.satisfiedBy.length === 0) return [];
  if (!q.fact) return [{ questionId: q.id, message: 'satisfiedBy is set on a question that records no fact' }];
  return q.satisfiedBy.flatMap((id) => {
    const other = questions.find((x) => x.id === id);
    if (id === q.id) return [{ questionId: q.id, message: 'satisfiedBy names the question itself' }];
    if (!other) return [{ questionId: q.id, message: `satisfiedBy names unknown question "${id}"` }];
    if (!other.fact) return [{ questionId: q.id, message: `satisfiedBy names "${id}", which records no fact` }];
    return [];
  });
}

function conditionProblems(q: Question, when: FlagCondition, what: string): BankProblem[] {
  if ('ratingAtOrBelow' in when) {
    return when.ratingAtOrBelow > topLevel(q)
      ? [{ questionId: q.id, message: `${what}: ratingAtOrBelow ${when.ratingAtOrBelow} is above the top rubric level ${topLevel(q)}` }]
      : [];
  }
  if (!q.fact) return [{ questionId: q.id, message: `${what}: a fact condition on a question that records no fact` }];
  if ('factOutOfBounds' in when && !hasBounds(q)) return [{ questionId: q.id, message: `${what}: factOutOfBounds, but fact has no bounds` }];
  return [];
}

function hasBounds(q: Question): boolean {
  const f = q.fact!;
  switch (f.type) {
    case 'date':
      return f.maxAgeMonths !== undefined || f.isExpiry === true;
    case 'boolean':
      return f.expected !== undefined;
    case 'number':
      return f.min !== undefined || f.max !== undefined;
    case 'list':
      return f.minItems !== undefined;
  }
}

function cycleProblems(questions: readonly Link[], byId: ReadonlyMap<string, Link>): BankProblem[] {
  const problems: BankProblem[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const walk = (q: Link, path: string[]): void => {
    state.set(q.id, 'visiting');
    for (const f of q.followUps) {
      const child = byId.get(f.ask);
      if (!child || child.id === q.id) continue;
      if (state.get(child.id) === 'visiting') {
        const cycle = [...path.slice(path.indexOf(child.id)), child.id];
        const key = [...cycle].sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          problems.push({ questionId: q.id, message: `follow-up cycle: ${cycle.join(' -> ')}` });
        }
      } else if (state.get(child.id) === undefined) walk(child, [...path, child.id]);
    }
    state.set(q.id, 'done');
  };
  for (const q of questions) if (!state.has(q.id)) walk(q, [q.id]);
  return problems;
}
