// The JSON columns, decoded with zod: a row that does not hold what vet writes there (hand-edited, truncated, written
// by another program) fails with the table, the column and what is wrong, instead of passing on as a wrong type.
import { z } from 'zod';
import { QUESTION_IDS } from '../advisor/checklist.js';
import { MATRIX_ROWS } from '../advisor/matrix.js';
import type { Recommendation } from '../advisor/recommend.js';
import { parseCondition, type Condition } from '../questions/condition.js';
import { AUDIT_OPINIONS, DIMENSIONS, ENGAGEMENT_MODELS, FAILURE_PATTERNS, FRAMEWORKS, REPORT_READINGS, SEVERITIES, type FactValue, type FlagCondition, type Question } from '../questions/model.js';

/** Parses `text` (a JSON column of `where`) with `schema`, or throws naming the column and the problem. */
export function decodeJson<T>(schema: z.ZodType<T>, text: string, where: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${where} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`${where} does not hold what vet stores there:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

// A condition is kept with its text and parsed tree; the tree is parsed again from the text, so it is always one the
// parser makes.
const condition: z.ZodType<Condition> = z.object({ text: z.string() }).transform((c, ctx): Condition => {
  const parsed = parseCondition(c.text);
  if (parsed.ok) return { text: c.text, expr: parsed.expr };
  ctx.issues.push({ code: 'custom', message: `condition "${c.text}" does not parse: ${parsed.error}`, input: c.text });
  return z.NEVER;
});

const flagCondition: z.ZodType<FlagCondition> = z.union([
  z.object({ ratingAtOrBelow: z.number() }),
  z.object({ factOutOfBounds: z.literal(true) }),
  z.object({ factNone: z.literal(true) }),
  z.object({ opinionIn: z.array(z.enum(AUDIT_OPINIONS)) }),
  z.object({ exceptionsAbove: z.number() }),
  z.object({ openCriticalAbove: z.number() }),
  z.object({ openHighAbove: z.number() }),
  z.object({ condition }),
]);

const choice = z.object({ id: z.string(), label: z.string(), score: z.number().optional() });

/** A question as an interview keeps it: the bank's question as it was when the interview started (model.ts). */
const question: z.ZodType<Question> = z.object({
  id: z.string(),
  dimension: z.enum(DIMENSIONS),
  title: z.string(),
  prompt: z.string(),
  matureAnswer: z.array(z.string()),
  evidence: z.array(z.string()),
  rubric: z.array(z.object({ label: z.string(), score: z.number(), description: z.string().optional() })),
  weight: z.number(),
  evidenceRequired: z.boolean(),
  models: z.array(z.enum(ENGAGEMENT_MODELS)),
  patterns: z.array(z.enum(FAILURE_PATTERNS)),
  redFlags: z.array(z.object({ rule: z.string(), severity: z.enum(SEVERITIES), when: flagCondition, title: z.string().optional(), message: z.string() })),
  followUps: z.array(z.object({ ask: z.string(), when: flagCondition })),
  fact: z
    .discriminatedUnion('type', [
      z.object({
        type: z.literal('date'),
        label: z.string(),
        maxAgeMonths: z.number().optional(),
        isExpiry: z.boolean().optional(),
        noneLabel: z.string().optional(),
        reads: z.array(z.enum(REPORT_READINGS)).optional(),
      }),
      z.object({ type: z.literal('boolean'), label: z.string(), expected: z.boolean().optional(), noneLabel: z.string().optional() }),
      z.object({ type: z.literal('number'), label: z.string(), unit: z.string(), min: z.number().optional(), max: z.number().optional(), noneLabel: z.string().optional() }),
      z.object({ type: z.literal('list'), label: z.string(), minItems: z.number().optional(), noneLabel: z.string().optional() }),
    ])
    .optional(),
  satisfiedBy: z.array(z.string()).optional(),
  lite: z.boolean(),
  knockOut: z.boolean().optional(),
  answer: z
    .discriminatedUnion('type', [z.object({ type: z.enum(['one', 'many', 'yesno']), choices: z.array(choice) }), z.object({ type: z.literal('text') }), z.object({ type: z.literal('upload') })])
    .optional(),
  askWhen: condition.optional(),
  section: z.string().optional(),
  guidance: z.array(z.string()).optional(),
  references: z.partialRecord(z.enum(FRAMEWORKS), z.array(z.string())).optional(),
  naAllowed: z.object({ condition: z.string(), models: z.array(z.enum(ENGAGEMENT_MODELS)).optional() }).optional(),
});

/** interviews.questions_json: the questions the interview was started with. */
export const questionsColumn = z.array(question);

/** answers.fact_json */
export const factColumn: z.ZodType<FactValue> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('date'),
    value: z.string(),
    report: z
      .object({
        opinion: z.enum(AUDIT_OPINIONS).optional(),
        exceptions: z.number().optional(),
        carveOuts: z.array(z.string()).optional(),
        cuecs: z.array(z.string()).optional(),
        openCritical: z.number().optional(),
        openHigh: z.number().optional(),
      })
      .optional(),
  }),
  z.object({ type: z.literal('boolean'), value: z.boolean() }),
  z.object({ type: z.literal('number'), value: z.number() }),
  z.object({ type: z.literal('list'), value: z.array(z.string()) }),
  z.object({ type: z.literal('none') }),
]);

/** answers.choices_json: the ids of the choices ticked. */
export const choicesColumn = z.array(z.string());

/** audit_log.detail_json and engagement_decisions.answers_json: a mapping (read further by whoever knows its keys). */
export const mappingColumn = z.record(z.string(), z.unknown());

const model = z.enum(ENGAGEMENT_MODELS);
const questionId = z.enum(QUESTION_IDS);

/**
 * engagement_decisions.result_json: the recommendation as given. Decisions kept before exclusions, hybrids and the
 * vetting policy existed have none of them, and read as having none.
 */
export const recommendationColumn: z.ZodType<Recommendation> = z.object({
  recommended: model,
  runnerUp: model,
  ranking: z.array(z.object({ model, total: z.number() })),
  excluded: z.array(z.object({ model, reason: z.string(), advice: z.string() })).default([]),
  hybrid: z
    .object({ id: z.enum(['build-operate-transfer', 'elastic-edge']), models: z.tuple([model, model]), title: z.string(), advice: z.string() })
    .nullable()
    .default(null),
  vetting: z.object({ full: z.boolean(), breachNoticeHours: z.number().nullable(), because: z.array(z.string()) }).default({ full: false, breachNoticeHours: null, because: [] }),
  ties: z.array(z.string()),
  rows: z.array(
    z.object({
      row: z.enum(MATRIX_ROWS),
      recommended: z.number(),
      runnerUp: z.number(),
      contributions: z.array(z.object({ questionId, phrase: z.string(), points: z.partialRecord(model, z.number()) })),
    }),
  ),
  conflicts: z.array(z.object({ id: z.string(), title: z.string(), because: z.tuple([z.array(z.string()), z.array(z.string())]), advice: z.string() })),
  guards: z.array(z.object({ pattern: z.enum(FAILURE_PATTERNS), risk: z.string(), counter: z.string() })),
  keyQuestions: z.array(z.object({ id: z.string(), title: z.string(), why: z.array(z.string()), points: z.number() })),
  bank: z.object({ id: z.string(), version: z.string() }),
  unanswered: z.array(questionId),
});
