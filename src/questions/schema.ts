// The shape of a question bank file (JSON or YAML), as zod schemas. Omitted optional fields get the defaults a
// bank author would expect: the standard rubric, all engagement models, no flags or follow-ups.
import { z } from 'zod';
import {
  DIMENSIONS,
  ENGAGEMENT_MODELS,
  FAILURE_PATTERNS,
  SEVERITIES,
  STANDARD_RUBRIC,
  type Question,
} from './model.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: (iss) => `unknown ${what} ${JSON.stringify(iss.input)}; expected one of ${values.join(', ')}` });

const text = (what: string) => z.string({ error: `${what} must be text` }).trim().min(1, `${what} is empty`);

const condition = z.union(
  [
    z.strictObject({ ratingAtOrBelow: z.number().int().min(0) }),
    z.strictObject({ factOutOfBounds: z.literal(true) }),
    z.strictObject({ factNone: z.literal(true) }),
  ],
  { error: 'condition must be one of { ratingAtOrBelow: <level> }, { factOutOfBounds: true }, { factNone: true }' },
);

const rubricLevel = z.strictObject({
  label: text('rubric label'),
  score: z.number().min(0, 'rubric score must be 0-100').max(100, 'rubric score must be 0-100'),
  description: z.string().optional(),
});

const optionalNumber = z.number().optional();
const fact = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('date'), label: text('fact label'), maxAgeMonths: z.number().int().positive().optional(), isExpiry: z.boolean().optional(), noneLabel: z.string().optional() }),
    z.strictObject({ type: z.literal('boolean'), label: text('fact label'), expected: z.boolean().optional(), noneLabel: z.string().optional() }),
    z.strictObject({ type: z.literal('number'), label: text('fact label'), unit: text('fact unit'), min: optionalNumber, max: optionalNumber, noneLabel: z.string().optional() }),
    z.strictObject({ type: z.literal('list'), label: text('fact label'), minItems: z.number().int().min(0).optional(), noneLabel: z.string().optional() }),
  ],
  { error: 'fact.type must be one of date, boolean, number, list' },
);

export const followUpsSchema = z.array(z.strictObject({ ask: z.string().min(1, 'follow-up names no question'), when: condition })).default([]);

export const questionSchema = z.strictObject({
  id: z.string({ error: 'id is missing' }).max(64, 'id is longer than 64 characters').regex(SLUG, 'id must be a lower-case slug such as "secrets-rotation"'),
  dimension: oneOf(DIMENSIONS, 'dimension'),
  title: text('title'),
  prompt: text('prompt'),
  matureAnswer: z.array(text('mature-answer point')).min(2, 'matureAnswer needs at least 2 points'),
  evidence: z.array(text('evidence item')).default([]),
  rubric: z
    .array(rubricLevel)
    .min(1, 'rubric is empty')
    // One Slack button per level, with the other controls, must fit one actions block.
    .max(10, 'rubric has more than 10 levels')
    .refine((levels) => levels.length !== 1, 'rubric needs at least 2 levels (absent ... evidenced)')
    .default(STANDARD_RUBRIC)
    .refine((levels) => levels.every((l, i) => i === 0 || l.score > levels[i - 1]!.score), 'rubric scores must rise from the first level to the last'),
  weight: z
    .number({ error: (iss) => `weight must be a positive number, got ${JSON.stringify(iss.input)}` })
    .positive({ error: (iss) => `weight must be a positive number, got ${JSON.stringify(iss.input)}` })
    .default(1),
  evidenceRequired: z.boolean().default(false),
  models: z.array(oneOf(ENGAGEMENT_MODELS, 'engagement model')).min(1, 'models is empty').default([...ENGAGEMENT_MODELS]),
  patterns: z.array(oneOf(FAILURE_PATTERNS, 'failure pattern')).default([]),
  redFlags: z
    .array(
      z.strictObject({
        rule: z.string().regex(SLUG, 'red-flag rule must be a lower-case slug'),
        severity: oneOf(SEVERITIES, 'severity'),
        when: condition,
        message: text('red-flag message'),
      }),
    )
    .default([]),
  followUps: followUpsSchema,
  fact: fact.optional(),
  satisfiedBy: z.array(z.string().min(1, 'satisfiedBy names no question')).optional(),
  lite: z.boolean().default(false),
}) satisfies z.ZodType<Question, unknown>;

export const bankHeaderSchema = z.object({
  id: z.string({ error: 'bank id is missing' }).regex(SLUG, 'bank id must be a lower-case slug'),
  version: z.union([z.string().min(1), z.number()], { error: 'bank version is missing' }).transform(String),
  questions: z.array(z.unknown(), { error: 'questions must be a list' }).min(1, 'the bank has no questions'),
});
