// How the advisor decides over many checklists: how often each model wins, how often nothing is recommended, a
// hybrid is proposed, staff augmentation is ruled out or the vetting is tightened. `npm run bench` prints it over
// random checklists, to see at a glance that the advisor does not lean to one answer. Pure: randomness is passed in.
import { ENGAGEMENT_MODELS, type EngagementModel, type QuestionBank } from '../questions/model.js';
import { CHECKLIST, type ChecklistAnswers } from './checklist.js';
import { advise } from './recommend.js';

export interface Tally {
  checklists: number;
  /** Too little answered: nothing recommended. */
  needsAnswers: number;
  wins: Record<EngagementModel, number>;
  hybrids: number;
  staffAugmentationRuledOut: number;
  tightened: number;
}

/** A checklist answered at random: each question answered with probability `answerRate`, its option uniformly. */
export function randomChecklist(random: () => number, answerRate = 1): ChecklistAnswers {
  const answers: ChecklistAnswers = {};
  for (const q of CHECKLIST) {
    if (random() >= answerRate) continue;
    answers[q.id] = q.options[Math.floor(random() * q.options.length)]!.value;
  }
  return answers;
}

export function tallyAdvice(checklists: Iterable<ChecklistAnswers>, bank: QuestionBank): Tally {
  const tally: Tally = {
    checklists: 0,
    needsAnswers: 0,
    wins: Object.fromEntries(ENGAGEMENT_MODELS.map((m) => [m, 0])) as Record<EngagementModel, number>,
    hybrids: 0,
    staffAugmentationRuledOut: 0,
    tightened: 0,
  };
  for (const answers of checklists) {
    tally.checklists++;
    const advice = advise(answers, bank);
    if (advice.kind === 'needs-answers') {
      tally.needsAnswers++;
      continue;
    }
    const r = advice.recommendation;
    tally.wins[r.recommended]++;
    if (r.hybrid) tally.hybrids++;
    if (r.excluded.some((e) => e.model === 'staff-augmentation')) tally.staffAugmentationRuledOut++;
    if (r.vetting.full) tally.tightened++;
  }
  return tally;
}

/** The tally as the bench prints it: one line per figure, shares of all checklists. */
export function describeTally(title: string, t: Tally): string[] {
  const line = (what: string, n: number) => `  ${what.padEnd(44)} ${n.toString().padStart(6)}  ${((100 * n) / Math.max(t.checklists, 1)).toFixed(1).padStart(5)}%`;
  return [
    `${title} (${t.checklists} checklists)`,
    line('nothing recommended (answers needed first)', t.needsAnswers),
    ...ENGAGEMENT_MODELS.map((m) => line(`${m} wins`, t.wins[m])),
    line('a hybrid proposed', t.hybrids),
    line('staff augmentation ruled out', t.staffAugmentationRuledOut),
    line('vetting tightened (full bank, breach bound)', t.tightened),
  ];
}
