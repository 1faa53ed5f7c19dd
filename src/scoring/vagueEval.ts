// Measures judgeNote against the labelled sets of evaluator notes (test/fixtures/vague-notes*.yaml): the test asserts
// on them and `npm run bench` prints them, so both read the same numbers. Pure: the caller reads the files.
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { judgeNote, type NoteJudgement } from './vague.js';

const LabelledNoteSchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  split: z.enum(['dev', 'holdout']),
  vague: z.boolean(),
  text: z.string().min(1),
});
export type LabelledNote = z.infer<typeof LabelledNoteSchema>;

type JudgedQuestion = Parameters<typeof judgeNote>[0];

/** Counts with "vague" as the positive class: a true positive is a vague note judged vague. */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Miss {
  note: LabelledNote;
  judgement: NoteJudgement;
}

export interface Evaluation {
  notes: number;
  counts: Confusion;
  precision: number;
  recall: number;
  misses: Miss[];
}

export function parseLabelledNotes(yamlText: string): LabelledNote[] {
  return z.array(LabelledNoteSchema).parse(parseYaml(yamlText));
}

/** Judges every note against its question; a note naming a question the bank lacks is an error in the set. */
export function evaluateNotes(notes: readonly LabelledNote[], questions: ReadonlyMap<string, JudgedQuestion>): Evaluation {
  const counts: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const misses: Miss[] = [];
  for (const note of notes) {
    const question = questions.get(note.question);
    if (!question) throw new Error(`${note.id}: no question "${note.question}" in the bank`);
    const judgement = judgeNote(question, note.text);
    counts[outcome(note.vague, judgement.vague)]++;
    if (judgement.vague !== note.vague) misses.push({ note, judgement });
  }
  return { notes: notes.length, counts, precision: ratio(counts.tp, counts.tp + counts.fp), recall: ratio(counts.tp, counts.tp + counts.fn), misses };
}

function outcome(expected: boolean, judged: boolean): keyof Confusion {
  if (judged) return expected ? 'tp' : 'fp';
  return expected ? 'fn' : 'tn';
}

/** An empty denominator scores 0, so a judgement that never says "vague" cannot pass a threshold by accident. */
function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/**
 * The figures for one labelled set, whole and held out apart, then every miss to read: the lines `npm run bench`
 * prints. Misses on the holdout are listed too, for reading after a change, never for tuning against.
 */
export function reportNotes(name: string, notes: readonly LabelledNote[], questions: ReadonlyMap<string, JudgedQuestion>): string[] {
  const splits: [string, readonly LabelledNote[]][] = [
    ['all', notes],
    ['holdout', notes.filter((n) => n.split === 'holdout')],
  ];
  const lines = [`vague-answer judgement on ${name} (positive class: vague)`];
  for (const [split, picked] of splits) {
    const { notes: n, precision, recall, counts } = evaluateNotes(picked, questions);
    lines.push(
      `  ${split.padEnd(8)}${String(n).padStart(4)} notes  precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  TP ${counts.tp}  FP ${counts.fp}  FN ${counts.fn}  TN ${counts.tn}`,
    );
  }
  for (const { note, judgement } of evaluateNotes(notes, questions).misses) {
    const judged = judgement.vague ? `vague: ${judgement.reason ?? ''}` : `specific: ${judgement.specifics.join(', ')}`;
    lines.push(`  miss ${note.id} [${note.split}] expected ${note.vague ? 'vague' : 'specific'}, judged ${judged}`, `       "${note.text}"`);
  }
  return lines;
}
