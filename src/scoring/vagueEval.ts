// Measures judgeNote against a labelled set of evaluator notes (test/fixtures/vague-notes.yaml): the test asserts
// on it and `npm run bench` prints it, so both read the same numbers. Pure: the caller reads the file.
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
