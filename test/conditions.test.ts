// Condition expressions (askWhen, a red flag's when): the parser, the evaluator, and the validator's words.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, formatCondition, nameIndex, parseCondition, type ConditionFacts, type Expr } from '../src/questions/condition.js';
import { validateBank } from '../src/questions/validate.js';

const parsed = (text: string): Expr => {
  const r = parseCondition(text);
  if (!r.ok) throw new Error(r.error);
  return r.expr;
};

// A bank of three questions: a one-choice `hosting` (cloud, onprem), a yes/no `mfa`, a text `notes`.
const QUESTIONS = [
  { id: 'hosting', answer: { type: 'one', choices: [{ id: 'cloud' }, { id: 'onprem' }] } },
  { id: 'mfa', answer: { type: 'yesno', choices: [{ id: 'yes' }, { id: 'no' }] } },
  { id: 'notes', answer: { type: 'text' } },
];
const INDEX = nameIndex(QUESTIONS);

function facts(chosen: Record<string, string[]>, shown: string[] = Object.keys(chosen), answered: string[] = Object.keys(chosen)): ConditionFacts {
  return { shown: (q) => shown.includes(q), chosen: (q, c) => chosen[q]?.includes(c) ?? false, answered: (q) => answered.includes(q) };
}
const holds = (text: string, f: ConditionFacts) => evaluate(parsed(text), INDEX, f);

describe('parsing conditions', () => {
  it("reads VSAQ's syntax with the usual precedence: ! binds tightest, then &&, then ||", () => {
    expect(parsed('a || b && !c')).toEqual({
      op: 'or',
      left: { op: 'ref', name: 'a', choice: null },
      right: { op: 'and', left: { op: 'ref', name: 'b', choice: null }, right: { op: 'not', arg: { op: 'ref', name: 'c', choice: null } } },
    });
    expect(parsed('!(a || ^b) && mfa/no')).toEqual({
      op: 'and',
      left: { op: 'not', arg: { op: 'or', left: { op: 'ref', name: 'a', choice: null }, right: { op: 'shown', question: 'b' } } },
      right: { op: 'ref', name: 'mfa', choice: 'no' },
    });
    expect(parsed('false')).toEqual({ op: 'const', value: false });
  });

  it.each([
    ['', 'is empty'],
    ['a &&', 'expected a question or choice id at the end'],
    ['(a || b', 'expected ")" at the end'],
    ['a b', 'expected "&&", "||" or the end at column 3'],
    ['a & b', 'unexpected "&" at column 3'],
    ['^', 'expected a question id after "^" at the end'],
    ['mfa/', 'expected a choice id after "/" at the end'],
  ])('says where %j goes wrong', (text, error) => {
    expect(parseCondition(text)).toEqual({ ok: false, error });
  });
});

describe('evaluating conditions over the answers', () => {
  it('reads a choice id, question/choice, a bare yes/no id, a bare question id, and ^question', () => {
    const f = facts({ hosting: ['onprem'], mfa: ['no'], notes: [] });
    expect(holds('onprem', f)).toBe(true);
    expect(holds('cloud', f)).toBe(false);
    expect(holds('hosting/onprem', f)).toBe(true);
    expect(holds('mfa', f)).toBe(false); // a bare yes/no question means "yes"
    expect(holds('mfa/no', f)).toBe(true);
    expect(holds('notes', f)).toBe(true); // answered
    expect(holds('^notes', facts({}, ['notes'], []))).toBe(true);
    expect(holds('notes', facts({}, ['notes'], []))).toBe(false);
    expect(holds('onprem && (mfa/no || cloud) && !cloud', f)).toBe(true);
  });

  // Random expressions over the bank's names and random answers.
  const leaf = fc.constantFrom('cloud', 'onprem', 'mfa', 'mfa/yes', 'mfa/no', 'notes', '^notes', '^mfa', 'true', 'false');
  const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(${a} && ${b})`),
      fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(${a} || ${b})`),
      tie('e').map((a) => `!${a}`),
    ),
  })).e;
  const answers = fc
    .record({
      hosting: fc.subarray(['cloud', 'onprem'], { maxLength: 1 }),
      mfa: fc.subarray(['yes', 'no'], { maxLength: 1 }),
      shown: fc.subarray(['hosting', 'mfa', 'notes']),
      answered: fc.subarray(['hosting', 'mfa', 'notes']),
    })
    .map((a) => facts({ hosting: a.hosting, mfa: a.mfa }, a.shown, a.answered));

  it('obeys boolean algebra: !!x == x, De Morgan, and formatting then parsing keeps the meaning', () => {
    fc.assert(
      fc.property(expr, expr, answers, (x, y, f) => {
        expect(holds(`!!(${x})`, f)).toBe(holds(x, f));
        expect(holds(`!(${x} && ${y})`, f)).toBe(holds(`!(${x}) || !(${y})`, f));
        expect(holds(`!(${x} || ${y})`, f)).toBe(holds(`!(${x}) && !(${y})`, f));
        expect(holds(formatCondition(parsed(x)), f)).toBe(holds(x, f));
      }),
    );
  });
});

describe('the validator on conditions and answer types', () => {
  const q = (id: string, over: Record<string, unknown> = {}) => ({ id, dimension: 'security', title: `T ${id}`, prompt: 'P', ...over });
  const problems = (questions: unknown[]) => {
    const r = validateBank({ id: 'b', version: 1, questions });
    return r.ok ? [] : r.problems.map((p) => `${p.question && 'id' in p.question ? p.question.id : '-'}: ${p.message}`);
  };

  it('accepts a hand-written bank with every answer type, askWhen and flag conditions', () => {
    expect(
      problems([
        q('hosting', {
          answer: {
            type: 'one',
            choices: [
              { id: 'cloud', label: 'Cloud', score: 60 },
              { id: 'onprem', label: 'On premises', score: 40 },
            ],
          },
        }),
        q('mfa', { answer: { type: 'yesno', score: { yes: 100, no: 0 } }, redFlags: [{ rule: 'no-mfa', severity: 'high', when: 'mfa/no && onprem', message: 'No MFA on premises.' }] }),
        q('controls', { answer: { type: 'many', choices: [{ id: 'sso', label: 'SSO' }] }, askWhen: '!cloud || ^mfa' }),
        q('notes', { answer: { type: 'text' }, askWhen: 'controls' }),
        q('report', { answer: { type: 'upload' } }),
      ]),
    ).toEqual([]);
  });

  it('names the question and the problem: syntax, unknown names, ambiguous choices, later questions, choices', () => {
    expect(
      problems([
        q('a', {
          answer: {
            type: 'one',
            choices: [
              { id: 'yes', label: 'Y' },
              { id: 'yes', label: 'Y again' },
            ],
          },
        }),
        q('b', { answer: { type: 'yesno' }, askWhen: 'a && (ghost' }),
        q('c', { answer: { type: 'text' }, askWhen: 'ghost || yes || a/maybe || ^nowhere' }),
        q('d', { answer: { type: 'text' }, askWhen: 'e', redFlags: [{ rule: 'r', severity: 'low', when: 'ghost', message: 'm' }] }),
        q('e', { answer: { type: 'yesno' } }),
        q('f', { answer: { type: 'one', choices: [{ id: 'only', label: 'Only' }] } }),
        q('g', { answer: { type: 'maybe' } }),
        q('h'),
      ]),
    ).toEqual([
      'b: askWhen has a syntax error: expected ")" at the end (in "a && (ghost")',
      'f: answer.choices needs at least 2 choices',
      'g: answer.type must be one of one, many, yesno, text, upload (got "maybe")',
      'a: answer.choices: the id `yes` is used twice',
      'c: askWhen ("ghost || yes || a/maybe || ^nowhere"): `ghost` is not a question or choice of this bank',
      'c: askWhen ("ghost || yes || a/maybe || ^nowhere"): `yes` is a choice of several questions (a, e): write <question>/yes',
      'c: askWhen ("ghost || yes || a/maybe || ^nowhere"): `maybe` is not a choice of `a` (its choices: yes, yes)',
      'c: askWhen ("ghost || yes || a/maybe || ^nowhere"): `^nowhere` names no question of this bank',
      'd: askWhen ("e") looks at `e`, which comes after it: a condition can only look at earlier questions',
      'd: red flag `r`: when ("ghost"): `ghost` is not a question or choice of this bank',
      'h: matureAnswer needs at least 2 points',
    ]);
  });
});
