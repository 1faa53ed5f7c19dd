// Validates a parsed bank document: the shape of each question (schema.ts), then what only the whole bank can tell:
// duplicate ids, follow-ups naming unknown questions, follow-up cycles, conditions that cannot apply. Every
// problem is said in the bank's own terms, with the question's id.
import type { z } from 'zod';
import { nameIndex, questionsReferred, references, refMeaning, type Condition, type NameIndex } from './condition.js';
import { topLevel, type FlagCondition, type Question, type QuestionBank, type ReportReading, type Section } from './model.js';
import { bankHeaderSchema, followUpsSchema, got, kind, questionSchema } from './schema.js';

type Link = Pick<Question, 'id' | 'followUps'>;

/** Which question a problem is in: by its id, or by its place in `questions` when it has no usable id. */
export type QuestionRef = { id: string } | { position: number };

export interface BankProblem {
  /** null: the bank as a whole (its id, version or list of questions). */
  question: QuestionRef | null;
  message: string;
}

export type BankResult = { ok: true; bank: QuestionBank } | { ok: false; problems: BankProblem[] };

export function formatProblem(file: string, p: BankProblem): string {
  if (p.question === null) return `${file}: ${p.message}`;
  return `${file}: question ${'id' in p.question ? `\`${p.question.id}\`` : p.question.position}: ${p.message}`;
}

const BANK_FIELDS = ['id', 'version', 'questions'] as const;

export function validateBank(doc: unknown): BankResult {
  // Anything but a mapping with a bank's fields is some other file: say so once instead of one line per field.
  if (doc === null || doc === undefined) return { ok: false, problems: [{ question: null, message: 'not a question bank: the file is empty' }] };
  if (!isMapping(doc)) return { ok: false, problems: [{ question: null, message: `not a question bank: a bank is a mapping with ${BANK_FIELDS.join(', ')}, and this file holds ${kind(doc)}` }] };
  if (!BANK_FIELDS.some((k) => k in doc)) return { ok: false, problems: [{ question: null, message: `not a question bank: it has none of the fields ${BANK_FIELDS.join(', ')}` }] };

  // The bank's own fields and every question are checked independently, so a single run reports everything wrong.
  const problems: BankProblem[] = [];
  const header = bankHeaderSchema.safeParse(doc, { error: wordIssue });
  if (!header.success)
    for (const issue of header.error.issues) {
      const field = String(issue.path[0]);
      problems.push({ question: null, message: `${field === 'questions' ? field : `bank ${field}`} ${issue.message}` });
    }

  const sections: Section[] = header.success ? (header.data.sections ?? []) : [];
  const questions: Question[] = [];
  // The links between questions are checked on every question, even one with other defects.
  const links: (Link & { position: number })[] = [];
  const raws = Array.isArray(doc.questions) ? doc.questions : [];
  raws.forEach((given: unknown, index) => {
    const position = index + 1;
    // A question in a section counts in the section's dimension unless it names its own.
    const raw = withSectionDimension(given, sections);
    const fields: Record<string, unknown> = isMapping(raw) ? raw : {};
    const rawId = typeof fields.id === 'string' ? fields.id : undefined;
    const ref: QuestionRef = rawId === undefined ? { position } : { id: rawId };
    if (rawId !== undefined) {
      const followUps = followUpsSchema.safeParse(fields.followUps);
      links.push({ id: rawId, position, followUps: followUps.success ? followUps.data : [] });
    }
    const parsed = questionSchema.safeParse(raw, { error: wordIssue });
    if (parsed.success) questions.push(parsed.data);
    else for (const issue of parsed.error.issues) problems.push({ question: ref, message: `${place(issue.path)} ${issue.message}` });
  });
  problems.push(...linkProblems(links), ...conditionsCheck(questions), ...sectionProblems(questions, sections), ...expressionProblems(questions));
  if (problems.length > 0 || !header.success) return { ok: false, problems };
  const { id, version, source } = header.data;
  return { ok: true, bank: { id, version, questions, ...(header.data.sections && { sections }), ...(source && { source }) } };
}

function withSectionDimension(raw: unknown, sections: readonly Section[]): unknown {
  if (!isMapping(raw) || raw.dimension !== undefined || typeof raw.section !== 'string') return raw;
  const section = sections.find((s) => s.id === raw.section);
  return section ? { ...raw, dimension: section.dimension } : raw;
}

function sectionProblems(questions: readonly Question[], sections: readonly Section[]): BankProblem[] {
  const problems: BankProblem[] = [];
  const seen = new Set<string>();
  for (const s of sections) {
    if (seen.has(s.id)) problems.push({ question: null, message: `sections: the id \`${s.id}\` is used twice` });
    seen.add(s.id);
  }
  for (const q of questions) if (q.section !== undefined && !seen.has(q.section)) problems.push({ question: { id: q.id }, message: `section \`${q.section}\` is not one of the bank's sections` });
  return problems;
}

/** What the answer types and condition expressions need from the whole bank: known names, earlier questions. */
function expressionProblems(questions: readonly Question[]): BankProblem[] {
  const problems: BankProblem[] = [];
  const index = nameIndex(questions);
  const order = new Map(questions.map((q, i) => [q.id, i]));
  for (const [i, q] of questions.entries()) {
    const question = { id: q.id };
    if (q.answer && q.fact) problems.push({ question, message: 'answer and fact are both set: a question records one or the other' });
    if (!q.answer && !q.fact && q.matureAnswer.length < 2) problems.push({ question, message: 'matureAnswer needs at least 2 points' });
    if (q.answer && 'choices' in q.answer) {
      const ids = q.answer.choices.map((c) => c.id);
      for (const dup of new Set(ids.filter((c, k) => ids.indexOf(c) !== k))) problems.push({ question, message: `answer.choices: the id \`${dup}\` is used twice` });
    }
    if (q.askWhen) {
      for (const p of nameProblems(q.askWhen, index)) problems.push({ question, message: `askWhen ${p}` });
      for (const id of questionsReferred(q.askWhen.expr, index)) {
        const at = order.get(id);
        if (at !== undefined && at >= i)
          problems.push({
            question,
            message: `askWhen ("${q.askWhen.text}") looks at \`${id}\`, which ${at === i ? 'is this question itself' : 'comes after it'}: a condition can only look at earlier questions`,
          });
      }
    }
    for (const rule of q.redFlags) if ('condition' in rule.when) for (const p of nameProblems(rule.when.condition, index)) problems.push({ question, message: `red flag \`${rule.rule}\`: when ${p}` });
  }
  return problems;
}

function nameProblems(c: Condition, index: NameIndex): string[] {
  const { refs, shown } = references(c.expr);
  const problems = refs.flatMap((r) => {
    const m = refMeaning(index, r);
    return typeof m === 'string' ? [`("${c.text}"): ${m}`] : [];
  });
  for (const id of shown) if (!index.questions.has(id)) problems.push(`("${c.text}"): \`^${id}\` names no question of this bank`);
  return [...new Set(problems)];
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Where in a question an issue is, in the bank's terms: `title`, `fact.unit`, `followUps item 2`,
 * `severity in redFlags item 1`, or `the question` itself.
 */
function place(path: readonly PropertyKey[]): string {
  const words = (segments: readonly PropertyKey[]) => segments.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc} item ${s + 1}` : acc === '' ? String(s) : `${acc}.${String(s)}`), '');
  const cut = path.findLastIndex((s) => typeof s === 'number') + 1;
  const item = words(path.slice(0, cut));
  const field = words(path.slice(cut));
  return item && field ? `${field} in ${item}` : item || field || 'the question';
}

/** What a list holds, for "must be a list of ..."; and what one of its items is, for an item of the wrong kind. */
const LISTS: Record<string, { of: string; item?: string }> = {
  questions: { of: 'questions' },
  matureAnswer: { of: 'points' },
  evidence: { of: 'evidence items' },
  rubric: { of: 'rubric levels', item: 'a rubric level { label, score }' },
  models: { of: 'engagement models' },
  patterns: { of: 'failure patterns' },
  redFlags: { of: 'red flags', item: 'a red flag { rule, severity, when, message }' },
  followUps: { of: 'follow-up questions', item: 'a follow-up question { ask: <question id>, when: <condition> }' },
  satisfiedBy: { of: 'question ids' },
  iso27001: { of: 'control ids' },
  soc2: { of: 'control ids' },
  ssdf: { of: 'control ids' },
  ccm: { of: 'control ids' },
};

const QUESTION_SHAPE = 'a mapping with id, dimension, title, prompt and matureAnswer';

/**
 * Words the issues the schema leaves to the parse (a value of the wrong kind, a missing or unknown field) as
 * predicates like the schema's own messages, so no validator jargon reaches the bank's author.
 */
function wordIssue(issue: z.core.$ZodRawIssue): string {
  if (issue.input === undefined) return 'is missing';
  const path = issue.path ?? [];
  switch (issue.code) {
    case 'invalid_type':
      // A list or mapping in the wrong shape is told by what it is; a wrong scalar is quoted, as it is short.
      return `must be ${expected(issue.expected, path)} (got ${issue.expected === 'array' || issue.expected === 'object' ? kind(issue.input) : got(issue.input)})`;
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'an unknown field' : 'unknown fields'} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    default:
      return `is not valid (got ${got(issue.input)})`;
  }
}

function expected(type: string, path: readonly PropertyKey[]): string {
  const last = path.at(-1);
  const key = typeof last === 'number' ? path.at(-2) : last;
  switch (type) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return `a list of ${(typeof key === 'string' && LISTS[key]?.of) || 'items'}`;
    case 'object':
      if (path.length === 0) return QUESTION_SHAPE;
      return (typeof last === 'number' && typeof key === 'string' && LISTS[key]?.item) || 'a mapping';
    default:
      return type;
  }
}

function linkProblems(links: readonly (Link & { position: number })[]): BankProblem[] {
  const problems: BankProblem[] = [];
  const positions = new Map<string, number[]>();
  for (const q of links) positions.set(q.id, [...(positions.get(q.id) ?? []), q.position]);
  for (const [id, at] of positions) if (at.length > 1) problems.push({ question: { id }, message: `the id is used ${at.length === 2 ? 'twice' : `${at.length} times`}: by questions ${listed(at)}` });
  // The first question with an id is the one its follow-up links point to.
  const byId = new Map<string, Link>();
  for (const q of links) if (!byId.has(q.id)) byId.set(q.id, q);
  const parentOf = new Map<string, string>();
  for (const q of links) {
    for (const f of q.followUps) {
      if (!byId.has(f.ask)) problems.push({ question: { id: q.id }, message: `followUps names \`${f.ask}\`, which is not a question of this bank` });
      else if (f.ask === q.id) problems.push({ question: { id: q.id }, message: 'followUps names the question itself' });
      else if (parentOf.has(f.ask) && parentOf.get(f.ask) !== q.id)
        problems.push({ question: { id: q.id }, message: `followUps names \`${f.ask}\`, which is already a follow-up of \`${parentOf.get(f.ask)}\` (a question has one parent)` });
      else parentOf.set(f.ask, q.id);
    }
  }
  return [...problems, ...cycleProblems(links, byId)];
}

/** 1, 3 and 5 */
function listed(items: readonly number[]): string {
  return items.length === 1 ? String(items[0]) : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function conditionsCheck(questions: readonly Question[]): BankProblem[] {
  const problems: BankProblem[] = [];
  for (const q of questions) {
    for (const rule of q.redFlags) problems.push(...conditionProblems(q, rule.when, `red flag \`${rule.rule}\``));
    for (const f of q.followUps) problems.push(...conditionProblems(q, f.when, `follow-up \`${f.ask}\``));
    if (q.fact?.type === 'number' && q.fact.min !== undefined && q.fact.max !== undefined && q.fact.min > q.fact.max)
      problems.push({ question: { id: q.id }, message: `fact.min (${q.fact.min}) is above fact.max (${q.fact.max})` });
    problems.push(...alternativeProblems(q, questions));
    // A knock-out fails when one of its own rules fires: without a rule it could never fail.
    if (q.knockOut && q.redFlags.length === 0) problems.push({ question: { id: q.id }, message: 'knockOut is set, but the question has no redFlags rule that says when it fails' });
    const outside = (q.naAllowed?.models ?? []).filter((m) => !q.models.includes(m));
    if (outside.length > 0) problems.push({ question: { id: q.id }, message: `naAllowed.models names ${outside.join(', ')}, which the question is not asked of (models)` });
  }
  return problems;
}

/** `satisfiedBy` links fact questions that can stand in for each other, so both ends must record facts. */
function alternativeProblems(q: Question, questions: readonly Question[]): BankProblem[] {
  if (!q.satisfiedBy || q.satisfiedBy.length === 0) return [];
  const question = { id: q.id };
  if (!q.fact) return [{ question, message: 'satisfiedBy is set on a question that records no fact' }];
  return q.satisfiedBy.flatMap((id) => {
    const other = questions.find((x) => x.id === id);
    if (id === q.id) return [{ question, message: 'satisfiedBy names the question itself' }];
    if (!other) return [{ question, message: `satisfiedBy names \`${id}\`, which is not a question of this bank` }];
    if (!other.fact) return [{ question, message: `satisfiedBy names \`${id}\`, which records no fact` }];
    return [];
  });
}

function conditionProblems(q: Question, when: FlagCondition, what: string): BankProblem[] {
  const question = { id: q.id };
  // An expression's names are checked against the whole bank (expressionProblems).
  if ('condition' in when) return [];
  if ('ratingAtOrBelow' in when) {
    if (q.answer)
      return [
        {
          question,
          message: `${what}: ratingAtOrBelow on a question answered by ${q.answer.type === 'text' || q.answer.type === 'upload' ? q.answer.type : 'choice'}, not rated: use a condition such as "${q.id}/<choice>"`,
        },
      ];
    return when.ratingAtOrBelow > topLevel(q) ? [{ question, message: `${what}: ratingAtOrBelow ${when.ratingAtOrBelow} is above the top rubric level ${topLevel(q)}` }] : [];
  }
  if (!q.fact) return [{ question, message: `${what}: a fact condition on a question that records no fact` }];
  if ('factOutOfBounds' in when && !hasBounds(q)) return [{ question, message: `${what}: factOutOfBounds, but fact has no bounds` }];
  const reading = readingOf(when);
  if (reading && !(q.fact.type === 'date' && q.fact.reads?.includes(reading))) return [{ question, message: `${what}: ${Object.keys(when)[0]!} needs fact.reads to include ${reading}` }];
  return [];
}

/** The report reading a quality condition looks at, or null for a rating or date condition. */
function readingOf(when: FlagCondition): ReportReading | null {
  if ('opinionIn' in when) return 'opinion';
  if ('exceptionsAbove' in when) return 'exceptions';
  if ('openCriticalAbove' in when || 'openHighAbove' in when) return 'openFindings';
  return null;
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
          problems.push({ question: { id: q.id }, message: `followUps form a cycle: ${cycle.join(' -> ')}` });
        }
      } else if (state.get(child.id) === undefined) walk(child, [...path, child.id]);
    }
    state.set(q.id, 'done');
  };
  for (const q of questions) if (!state.has(q.id)) walk(q, [q.id]);
  return problems;
}
