// The shape of a question bank file (JSON or YAML), as zod schemas. Omitted optional fields get the defaults a
// bank author would expect: the standard rubric, all engagement models, no flags or follow-ups.
// Error messages are predicates in the bank's own terms ("must be one of ...", "is empty"): validate.ts puts the
// field's place in front of them ("severity in redFlags item 2 ...") and words every issue the schema leaves unworded.
import { z } from 'zod';
import { parseCondition, type Condition } from './condition.js';
import { CATALOGUES, controlProblem } from './controls/index.js';
import {
  AUDIT_OPINIONS,
  ANSWER_TYPES,
  DIMENSIONS,
  ENGAGEMENT_MODELS,
  FAILURE_PATTERNS,
  REPORT_READINGS,
  FRAMEWORKS,
  SEVERITIES,
  type Framework,
  STANDARD_RUBRIC,
  YES_NO_CHOICES,
  type Question,
} from './model.js';

/** What kind of value a file holds, without its content: for a file that may not be a bank at all. */
export function kind(input: unknown): string {
  if (input === null || input === undefined) return 'nothing';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  return `a ${typeof input}`;
}

/** What a value in a bank is, for "(got ...)": a scalar as written (a short one), anything else by its kind. */
export function got(input: unknown): string {
  if (typeof input === 'string' && input.length <= 40) return JSON.stringify(input);
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  return kind(input);
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// A missing value is left to validate.ts, which says "is missing" for every field alike.
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (iss) => (iss.input === undefined ? undefined : `must be one of ${values.join(', ')} (got ${got(iss.input)})`) });

const text = z.string().trim().min(1, 'is empty');

/** Why a condition's text does not parse, in the bank's terms. */
function syntaxProblem(input: string): string | null {
  const parsed = parseCondition(input);
  return parsed.ok ? null : `has a syntax error: ${parsed.error} (in "${input}")`;
}

// A condition expression over the answers (condition.ts), parsed once here; whether its names exist is for validate.ts.
const expression = z.string().transform((text, ctx): Condition => {
  const parsed = parseCondition(text);
  if (parsed.ok) return { text, expr: parsed.expr };
  ctx.issues.push({ code: 'custom', message: syntaxProblem(text)!, input: text });
  return z.NEVER;
});

const condition = z.union(
  [
    z.strictObject({ ratingAtOrBelow: z.number().int().min(0, 'must be a rubric level, 0 or more') }),
    z.strictObject({ factOutOfBounds: z.literal(true) }),
    z.strictObject({ factNone: z.literal(true) }),
    z.strictObject({ opinionIn: z.array(oneOf(AUDIT_OPINIONS)).min(1, 'is empty') }),
    z.strictObject({ exceptionsAbove: z.number().int().min(0, 'must be 0 or more') }),
    z.strictObject({ openCriticalAbove: z.number().int().min(0, 'must be 0 or more') }),
    z.strictObject({ openHighAbove: z.number().int().min(0, 'must be 0 or more') }),
  ],
  {
    error: (iss) =>
      iss.input === undefined
        ? undefined
        : 'must be one of { ratingAtOrBelow: <level> }, { factOutOfBounds: true }, { factNone: true }, { opinionIn: [<opinion>, ...] }, { exceptionsAbove: <n> }, { openCriticalAbove: <n> }, { openHighAbove: <n> }',
  },
);

// A red flag's `when`: one of the mappings above, or a condition expression.
const flagCondition = z.union([expression.transform((c) => ({ condition: c })), condition], {
  error: (iss) => {
    if (iss.input === undefined) return undefined;
    if (typeof iss.input === 'string') return syntaxProblem(iss.input) ?? undefined;
    return 'must be a condition such as "mfa/no && !^vpn", or one of { ratingAtOrBelow: <level> }, { factOutOfBounds: true }, { factNone: true }';
  },
});

const score = z.number().min(0, 'must be from 0 to 100').max(100, 'must be from 0 to 100');

const choice = z.strictObject({
  id: z.string().max(64, 'is longer than 64 characters').regex(SLUG, 'must be a lower-case slug such as "cloud-hosted"'),
  label: text,
  score: score.optional(),
});

// Slack shows at most 100 options in one select menu: more choices could not be answered.
const choices = z.array(choice).max(100, 'has more than 100 choices');

const answer = z
  .discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('one'), choices: choices.min(2, 'needs at least 2 choices') }),
      z.strictObject({ type: z.literal('many'), choices: choices.min(1, 'is empty') }),
      z.strictObject({ type: z.literal('yesno'), score: z.strictObject({ yes: score.optional(), no: score.optional() }).optional() }),
      z.strictObject({ type: z.literal('text') }),
      z.strictObject({ type: z.literal('upload') }),
    ],
    {
      error: (iss) => {
        if (typeof iss.input !== 'object' || iss.input === null || Array.isArray(iss.input)) return `must be a mapping with a type (${ANSWER_TYPES.join(', ')}) (got ${kind(iss.input)})`;
        const type = 'type' in iss.input ? iss.input.type : undefined;
        return type === undefined ? 'is missing' : `must be one of ${ANSWER_TYPES.join(', ')} (got ${got(type)})`;
      },
    },
  )
  .transform((a) => {
    if (a.type !== 'yesno') return a;
    // A yes/no question is a one-choice question with the choices yes and no, scored when the bank says so.
    const choices = YES_NO_CHOICES.map((c) => {
      const s = a.score?.[c.id === 'yes' ? 'yes' : 'no'];
      return s === undefined ? { ...c } : { ...c, score: s };
    });
    return { type: 'yesno' as const, choices };
  });

const rubricLevel = z.strictObject({
  label: text,
  score: z.number().min(0, 'must be from 0 to 100').max(100, 'must be from 0 to 100'),
  description: z.string().optional(),
});

const optionalNumber = z.number().optional();
const FACT_TYPES = 'date, boolean, number, list';
const fact = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('date'),
      label: text,
      maxAgeMonths: z.number().int().positive('must be 1 or more').optional(),
      isExpiry: z.boolean().optional(),
      noneLabel: z.string().optional(),
      reads: z.array(oneOf(REPORT_READINGS)).min(1, 'is empty').optional(),
    }),
    z.strictObject({ type: z.literal('boolean'), label: text, expected: z.boolean().optional(), noneLabel: z.string().optional() }),
    z.strictObject({ type: z.literal('number'), label: text, unit: text, min: optionalNumber, max: optionalNumber, noneLabel: z.string().optional() }),
    z.strictObject({ type: z.literal('list'), label: text, minItems: z.number().int().min(0, 'must be 0 or more').optional(), noneLabel: z.string().optional() }),
  ],
  {
    error: (iss) => {
      if (typeof iss.input !== 'object' || iss.input === null || Array.isArray(iss.input)) return `must be a mapping with a type (${FACT_TYPES}) (got ${kind(iss.input)})`;
      // A mapping reaches here only when its type is wrong, and the issue is then placed on fact.type.
      const type = 'type' in iss.input ? iss.input.type : undefined;
      return type === undefined ? 'is missing' : `must be one of ${FACT_TYPES} (got ${got(type)})`;
    },
  },
);

/** One framework's list of control ids: each written as the framework writes it, each in its published list, once. */
const controlIds = (framework: Framework) =>
  z
    .array(
      z.string().superRefine((id, ctx) => {
        const problem = controlProblem(framework, id);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    )
    .min(1, `is empty: leave ${framework} out, or name its controls`)
    .refine((ids) => new Set(ids).size === ids.length, 'names a control twice');

const REFERENCES_SHAPE = `must be a mapping from framework (${FRAMEWORKS.join(', ')}) to control ids, e.g. { iso27001: [${CATALOGUES.iso27001.example}], soc2: [${CATALOGUES.soc2.example}] }`;

const references = z.strictObject(
  { iso27001: controlIds('iso27001').optional(), soc2: controlIds('soc2').optional(), ssdf: controlIds('ssdf').optional(), ccm: controlIds('ccm').optional() },
  {
    error: (iss) => {
      if (iss.code === 'unrecognized_keys') return `names an unknown framework ${iss.keys.map((k) => JSON.stringify(k)).join(', ')} (frameworks: ${FRAMEWORKS.join(', ')})`;
      return iss.input === undefined ? undefined : `${REFERENCES_SHAPE} (got ${kind(iss.input)})`;
    },
  },
);

export const followUpsSchema = z.array(z.strictObject({ ask: z.string().min(1, 'names no question'), when: condition })).default([]);

export const questionSchema = z.strictObject({
  id: z.string().max(64, 'is longer than 64 characters').regex(SLUG, 'must be a lower-case slug such as "secrets-rotation"'),
  dimension: oneOf(DIMENSIONS),
  title: text,
  prompt: text,
  // At least 2 points for a question rated on its rubric (validate.ts); a choice or text question may have none.
  matureAnswer: z.array(text).default([]),
  evidence: z.array(text).default([]),
  rubric: z
    .array(rubricLevel)
    .min(1, 'is empty')
    // One Slack button per level, with the other controls, must fit one actions block.
    .max(10, 'has more than 10 levels')
    .refine((levels) => levels.length !== 1, 'needs at least 2 levels (absent ... evidenced)')
    .default(STANDARD_RUBRIC)
    .refine((levels) => levels.every((l, i) => i === 0 || l.score > levels[i - 1]!.score), 'scores must rise from the first level to the last'),
  weight: z
    .number()
    .positive({ error: (iss) => `must be a positive number (got ${got(iss.input)})` })
    .default(1),
  evidenceRequired: z.boolean().default(false),
  models: z
    .array(oneOf(ENGAGEMENT_MODELS))
    .min(1, 'is empty')
    .default([...ENGAGEMENT_MODELS]),
  patterns: z.array(oneOf(FAILURE_PATTERNS)).default([]),
  redFlags: z
    .array(
      z.strictObject({
        rule: z.string().regex(SLUG, 'must be a lower-case slug such as "no-secrets-vault"'),
        severity: oneOf(SEVERITIES),
        when: flagCondition,
        title: text.optional(),
        message: text,
      }),
    )
    .default([]),
  followUps: followUpsSchema,
  fact: fact.optional(),
  satisfiedBy: z.array(z.string().min(1, 'names no question')).optional(),
  lite: z.boolean().default(false),
  knockOut: z.boolean().default(false),
  answer: answer.optional(),
  askWhen: expression.optional(),
  section: z.string().min(1, 'is empty').optional(),
  guidance: z.array(text).optional(),
  references: references.optional(),
  naAllowed: z.strictObject({ condition: text, models: z.array(oneOf(ENGAGEMENT_MODELS)).min(1, 'is empty').optional() }).optional(),
}) satisfies z.ZodType<Question, unknown>;

export const sectionSchema = z.strictObject({
  id: z.string().min(1, 'is empty'),
  title: text,
  dimension: oneOf(DIMENSIONS),
});

export const sourceSchema = z.strictObject({
  name: text,
  url: z.string().optional(),
  licence: text,
  file: z.string().optional(),
});

/** The bank's own fields; `questions` is checked here only as a list, each question on its own by questionSchema. */
export const bankHeaderSchema = z.object({
  id: z.string().regex(SLUG, 'must be a lower-case slug such as "acme-security"'),
  version: z.union([z.string().min(1, 'is empty'), z.number()], { error: (iss) => (iss.input === undefined ? undefined : `must be text or a number (got ${got(iss.input)})`) }).transform(String),
  questions: z.array(z.unknown()).min(1, 'is empty: the bank has no questions'),
  sections: z.array(sectionSchema).optional(),
  source: sourceSchema.optional(),
});
