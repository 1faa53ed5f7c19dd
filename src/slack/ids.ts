// Action, block and callback ids shared by the renderers and the listeners: one place, so they cannot drift.
import { z } from 'zod';

export const ACTION = {
  rate: 'vet.rate',
  evidence: 'vet.evidence',
  na: 'vet.na',
  /** A second person confirms the N/A someone else claimed on the question. */
  naConfirm: 'vet.na.confirm',
  skip: 'vet.skip',
  note: 'vet.note',
  /** "Not vague…" on a question whose notes were judged vague: opens the override modal. */
  vague: 'vet.vague',
  factDate: 'vet.fact.date',
  factBool: 'vet.fact.bool',
  factNone: 'vet.fact.none',
  factOpen: 'vet.fact.open',
  /** A choice: buttons `vet.choose.<n>` (value: the choice id), and the select, checkboxes and "Done" below. */
  choose: 'vet.choose',
  chooseSelect: 'vet.choose.select',
  chooseMany: 'vet.choose.many',
  chooseDone: 'vet.choose.done',
  /** Opens the modal where a free-text answer is written. */
  answerOpen: 'vet.answer.open',
  flagResolve: 'vet.flag.resolve',
  flagAccept: 'vet.flag.accept',
  comparePost: 'vet.compare.post',
  evaluators: 'vet.evaluators',
  /** A page of a vendor's open flags: "List all open flags" under a summary, Previous / Next in the list. */
  flagsPage: 'vet.flags.page',
  /** "Start vetting with this model" under an engagement-model decision; its value is the decision id. */
  adviseStart: 'vet.advise.start',
} as const;

/** The interview controls under a question message (not the flag buttons). */
export const QUESTION_ACTIONS = /^vet\.(rate|evidence|na|skip|note|vague|fact|choose|answer)\b/;
export const FLAG_ACTIONS = /^vet\.flag\.(resolve|accept)$/;
export const FLAGS_PAGE_ACTIONS = /^vet\.flags\.page(\.(previous|next))?$/;

/** Where a flag button was shown: that message is refreshed after the decision. */
export const FLAG_SOURCES = ['summary', 'digest', 'flags'] as const;
export type FlagSource = (typeof FLAG_SOURCES)[number];

/** A flag button in a `/vet flags` list also carries the list's page (0-based), so the same page is shown again. */
export function flagButtonValue(flagId: number, source: FlagSource, page = 0): string {
  return source === 'flags' ? `${flagId}:${source}:${page}` : `${flagId}:${source}`;
}

export function parseFlagButtonValue(value: string | undefined): { flagId: number; source: FlagSource; page: number } | null {
  const m = /^(\d+):(summary|digest|flags)(?::(\d+))?$/.exec(value ?? '');
  const source = FLAG_SOURCES.find((x) => x === m?.[2]);
  return m && source ? { flagId: Number(m[1]), source, page: Number(m[3] ?? 0) } : null;
}

/** Which page of which vendor's open flags a page button shows. */
export interface FlagsPage {
  vendor: string;
  page: number;
}

export function flagsPageValue(p: FlagsPage): string {
  return JSON.stringify(p);
}

const FlagsPageSchema = z.object({ vendor: z.string(), page: z.number().int().nonnegative() });

export function parseFlagsPageValue(value: string | undefined): FlagsPage | null {
  return decodeJson(FlagsPageSchema, value);
}

/**
 * A value Slack sends back to the bot (a button's value, a modal's private_metadata), decoded by its schema: null
 * when it is not JSON or not of that shape (a forged or older payload), never an exception.
 */
export function decodeJson<T>(schema: z.ZodType<T>, text: string | undefined): T | null {
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch {
    return null;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Metadata of the resolve / accept modals. */
export interface FlagModalMeta {
  flagId: number;
  source: FlagSource;
  /** The message the button was on; a digest's is updated only if it is a digest the bot posted in the flag's channel. */
  messageTs: string | null;
  /**
   * For an ephemeral `/vet flags` list, which can only be replaced through its response_url: the id under which that
   * URL is kept server-side (flows/replyTargets.ts), never the URL itself.
   */
  reply: string | null;
  vendor: string;
  /** The page of that list, shown again after the decision. */
  page: number;
}

const FlagModalMetaSchema = z.object({
  flagId: z.number().int(),
  source: z.enum(FLAG_SOURCES),
  messageTs: z.string().nullable().catch(null),
  reply: z.string().nullable().catch(null),
  vendor: z.string().catch(''),
  page: z.number().int().nonnegative().catch(0),
});

export function encodeFlagMeta(m: FlagModalMeta): string {
  return JSON.stringify(m);
}

export function decodeFlagMeta(s: string | undefined): FlagModalMeta | null {
  return decodeJson(FlagModalMetaSchema, s);
}

export const CALLBACK = {
  note: 'vet.note',
  na: 'vet.na',
  evidenceSeen: 'vet.evidence.seen',
  vague: 'vet.vague',
  fact: 'vet.fact',
  resolve: 'vet.flag.resolve',
  confirmResolve: 'vet.flag.confirm',
  accept: 'vet.flag.accept',
  evaluators: 'vet.evaluators',
  /** The engagement-model checklist (`/vet advise`) and the vendor modal of "Start vetting with this model". */
  advise: 'vet.advise',
  adviseStart: 'vet.advise.start',
} as const;

export const INPUT = {
  note: 'note',
  naReason: 'na_reason',
  seen: 'seen',
  link: 'link',
  number: 'number',
  list: 'list',
  // A report's reading (fact with `reads`): its date and quality.
  reportDate: 'report_date',
  opinion: 'opinion',
  exceptions: 'exceptions',
  carveOuts: 'carve_outs',
  cuecs: 'cuecs',
  openCritical: 'open_critical',
  openHigh: 'open_high',
  answer: 'answer',
  reason: 'reason',
  owner: 'owner',
  expires: 'expires',
  control: 'control',
  evaluators: 'evaluators',
} as const;

/** A question's interactive blocks carry the interview and question they belong to: `vet|<interview>|<question>|<n>`. */
export function questionBlockId(interviewId: number, questionId: string, n: number): string {
  return `vet|${interviewId}|${questionId}|${n}`;
}

export function parseQuestionBlockId(blockId: string | undefined): { interviewId: number; questionId: string } | null {
  const m = /^vet\|(\d+)\|([a-z0-9-]+)\|\d+$/.exec(blockId ?? '');
  return m ? { interviewId: Number(m[1]), questionId: m[2]! } : null;
}

/**
 * Modal metadata: which question of which interview, and nothing else. Where the bot answers, which message it
 * refreshes and in which thread it posts are read from the interview's record, never from what the client sends back.
 */
export interface ModalMeta {
  interviewId: number;
  questionId: string;
}

export function encodeMeta(m: ModalMeta): string {
  return JSON.stringify({ interviewId: m.interviewId, questionId: m.questionId });
}

/** The Evaluators button carries its interview's id. */
export function parseInterviewId(value: string | undefined): number | null {
  return /^\d+$/.test(value ?? '') ? Number(value) : null;
}

/** Metadata of the Evaluators modal: the interview it changes (a refusal after submit is shown in the modal). */
export interface EvaluatorsModalMeta {
  interviewId: number;
}

export function encodeEvaluatorsMeta(m: EvaluatorsModalMeta): string {
  return JSON.stringify(m);
}

const EvaluatorsModalMetaSchema = z.object({ interviewId: z.number().int() });

export function decodeEvaluatorsMeta(s: string | undefined): EvaluatorsModalMeta | null {
  return decodeJson(EvaluatorsModalMetaSchema, s);
}

const ModalMetaSchema = z.object({ interviewId: z.number().int(), questionId: z.string() });

export function decodeMeta(s: string | undefined): ModalMeta | null {
  return decodeJson(ModalMetaSchema, s);
}
