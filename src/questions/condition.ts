// Condition expressions of a bank: when a question is asked (`askWhen`) and when a red flag is raised (`when`).
// Parsed once, when the bank is loaded, into a small tree that the interview and scoring evaluate over the answers
// recorded so far. The syntax is the one Google's VSAQ questionnaires use, so an imported condition reads as written:
//   a && b, a || b, !a, (a), true, false
//   <choice id>            that choice was chosen (the id of a choice of exactly one question)
//   <question>/<choice>    that question's answer includes that choice (`mfa/yes`, `mfa/no` for a yes/no question)
//   <question>             a yes/no question answered yes; any other question answered
//   ^<question>            that question is shown (in play) in this interview

export type Expr =
  | { op: 'and' | 'or'; left: Expr; right: Expr }
  | { op: 'not'; arg: Expr }
  | { op: 'const'; value: boolean }
  /** `name` or `name/choice`, resolved against the bank when evaluated (see `refMeaning`). */
  | { op: 'ref'; name: string; choice: string | null }
  | { op: 'shown'; question: string };

/** A condition as the bank wrote it, and its parsed tree. */
export interface Condition {
  text: string;
  expr: Expr;
}

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: string };

type Token = { kind: 'name'; value: string; at: number } | { kind: 'op'; value: '&&' | '||' | '!' | '(' | ')' | '^' | '/'; at: number };

const NAME = /[A-Za-z0-9_.-]/;

function tokenize(text: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (text.startsWith('&&', i) || text.startsWith('||', i)) {
      tokens.push({ kind: 'op', value: text.startsWith('&&', i) ? '&&' : '||', at: i });
      i += 2;
    } else if (c === '!' || c === '(' || c === ')' || c === '^' || c === '/') {
      tokens.push({ kind: 'op', value: c, at: i });
      i++;
    } else if (NAME.test(c)) {
      const start = i;
      while (i < text.length && NAME.test(text[i]!)) i++;
      tokens.push({ kind: 'name', value: text.slice(start, i), at: start });
    } else {
      return `unexpected "${c}" at column ${i + 1}`;
    }
  }
  return tokens;
}

/** Parses a condition; a syntax error says what was expected and where (1-based column). */
export function parseCondition(text: string): ParseResult {
  const tokens = tokenize(text);
  if (typeof tokens === 'string') return { ok: false, error: tokens };
  if (tokens.length === 0) return { ok: false, error: 'is empty' };
  let pos = 0;
  const where = () => (pos < tokens.length ? `at column ${tokens[pos]!.at + 1}` : 'at the end');
  class Fail extends Error {}
  const fail = (what: string): never => {
    throw new Fail(`expected ${what} ${where()}`);
  };
  const isOp = (value: string) => tokens[pos]?.kind === 'op' && tokens[pos]!.value === value;
  const name = (what: string): string => {
    const t = tokens[pos];
    if (t?.kind !== 'name') return fail(what);
    pos++;
    return t.value;
  };
  const primary = (): Expr => {
    if (isOp('(')) {
      pos++;
      const inner = or();
      if (!isOp(')')) fail('")"');
      pos++;
      return inner;
    }
    if (isOp('^')) {
      pos++;
      return { op: 'shown', question: name('a question id after "^"') };
    }
    const first = name('a question or choice id');
    if (first === 'true' || first === 'false') return { op: 'const', value: first === 'true' };
    if (isOp('/')) {
      pos++;
      return { op: 'ref', name: first, choice: name('a choice id after "/"') };
    }
    return { op: 'ref', name: first, choice: null };
  };
  const unary = (): Expr => {
    if (isOp('!')) {
      pos++;
      return { op: 'not', arg: unary() };
    }
    return primary();
  };
  const and = (): Expr => {
    let left = unary();
    while (isOp('&&')) {
      pos++;
      left = { op: 'and', left, right: unary() };
    }
    return left;
  };
  const or = (): Expr => {
    let left = and();
    while (isOp('||')) {
      pos++;
      left = { op: 'or', left, right: and() };
    }
    return left;
  };
  try {
    const expr = or();
    if (pos < tokens.length) fail('"&&", "||" or the end');
    return { ok: true, expr };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: e.message };
    throw e;
  }
}

/** Writes a tree back as text (fully parenthesised where needed), for reports and the importer. */
export function formatCondition(e: Expr, parent: 'and' | 'or' | 'not' | null = null): string {
  switch (e.op) {
    case 'const':
      return String(e.value);
    case 'ref':
      return e.choice === null ? e.name : `${e.name}/${e.choice}`;
    case 'shown':
      return `^${e.question}`;
    case 'not':
      return `!${formatCondition(e.arg, 'not')}`;
    case 'and':
    case 'or': {
      const text = `${formatCondition(e.left, e.op)} ${e.op === 'and' ? '&&' : '||'} ${formatCondition(e.right, e.op)}`;
      return parent === null || parent === e.op ? text : `(${text})`;
    }
  }
}

/** Every name a condition refers to. */
export function references(e: Expr): { refs: { name: string; choice: string | null }[]; shown: string[] } {
  const refs: { name: string; choice: string | null }[] = [];
  const shown: string[] = [];
  const walk = (x: Expr): void => {
    if (x.op === 'ref') refs.push({ name: x.name, choice: x.choice });
    else if (x.op === 'shown') shown.push(x.question);
    else if (x.op === 'not') walk(x.arg);
    else if (x.op === 'and' || x.op === 'or') {
      walk(x.left);
      walk(x.right);
    }
  };
  walk(e);
  return { refs, shown };
}

/** What the evaluator needs to know about the answers so far. */
export interface ConditionFacts {
  /** The question is in play (asked, or to be asked) in this interview. */
  shown(questionId: string): boolean;
  /** Some evaluator's answer to the question includes the choice. */
  chosen(questionId: string, choiceId: string): boolean;
  /** The question has an answer (not N/A, not skipped). */
  answered(questionId: string): boolean;
}

/** How a `ref` reads in a given bank: which question it looks at, and what it asks of it. */
export type RefMeaning = { kind: 'choice'; question: string; choice: string } | { kind: 'answered'; question: string };

/** The choices and question kinds of a bank, to resolve a bare name (built once per bank). */
export interface NameIndex {
  /** Choice id -> the questions that offer it. */
  choiceOwners: ReadonlyMap<string, readonly string[]>;
  /** Question id -> its choice ids (empty for a question without choices); yes/no questions offer yes and no. */
  questions: ReadonlyMap<string, { choices: readonly string[]; yesNo: boolean }>;
}

export function nameIndex(questions: readonly { id: string; answer?: { type: string; choices?: readonly { id: string }[] } | undefined }[]): NameIndex {
  const choiceOwners = new Map<string, string[]>();
  const byId = new Map<string, { choices: string[]; yesNo: boolean }>();
  for (const q of questions) {
    const choices = q.answer?.choices?.map((c) => c.id) ?? [];
    byId.set(q.id, { choices, yesNo: q.answer?.type === 'yesno' });
    for (const c of new Set(choices)) choiceOwners.set(c, [...(choiceOwners.get(c) ?? []), q.id]);
  }
  return { choiceOwners, questions: byId };
}

/** What a reference means in a bank, or why it means nothing (for the validator). */
export function refMeaning(index: NameIndex, ref: { name: string; choice: string | null }): RefMeaning | string {
  if (ref.choice !== null) {
    const q = index.questions.get(ref.name);
    if (!q) return `\`${ref.name}\` is not a question of this bank`;
    if (!q.choices.includes(ref.choice))
      return q.choices.length === 0
        ? `\`${ref.name}\` has no choices, so \`${ref.name}/${ref.choice}\` can never hold`
        : `\`${ref.choice}\` is not a choice of \`${ref.name}\` (its choices: ${q.choices.join(', ')})`;
    return { kind: 'choice', question: ref.name, choice: ref.choice };
  }
  const owners = index.choiceOwners.get(ref.name) ?? [];
  if (owners.length === 1) return { kind: 'choice', question: owners[0]!, choice: ref.name };
  if (owners.length > 1) return `\`${ref.name}\` is a choice of several questions (${owners.join(', ')}): write <question>/${ref.name}`;
  const q = index.questions.get(ref.name);
  if (!q) return `\`${ref.name}\` is not a question or choice of this bank`;
  return q.yesNo ? { kind: 'choice', question: ref.name, choice: 'yes' } : { kind: 'answered', question: ref.name };
}

/** Evaluates a condition; a reference that resolves to nothing (the validator forbids it) holds nothing. */
export function evaluate(e: Expr, index: NameIndex, facts: ConditionFacts): boolean {
  switch (e.op) {
    case 'const':
      return e.value;
    case 'not':
      return !evaluate(e.arg, index, facts);
    case 'and':
      return evaluate(e.left, index, facts) && evaluate(e.right, index, facts);
    case 'or':
      return evaluate(e.left, index, facts) || evaluate(e.right, index, facts);
    case 'shown':
      return facts.shown(e.question);
    case 'ref': {
      const m = refMeaning(index, e);
      if (typeof m === 'string') return false;
      return m.kind === 'choice' ? facts.chosen(m.question, m.choice) : facts.answered(m.question);
    }
  }
}

/** The question ids a condition looks at (for "only earlier questions" and for attaching flags). */
export function questionsReferred(e: Expr, index: NameIndex): string[] {
  const { refs, shown } = references(e);
  const ids = refs.flatMap((r) => {
    const m = refMeaning(index, r);
    return typeof m === 'string' ? [] : [m.question];
  });
  return [...new Set([...ids, ...shown])];
}
