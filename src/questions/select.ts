import type { EngagementModel, InterviewVariant, Question, QuestionBank } from './model.js';

/**
 * The questions an interview carries (its snapshot), in bank order: those that apply to the engagement model
 * (all of them when no model is given), limited to the quick-screen selection for `lite`. A follow-up comes
 * along only when its parent does.
 */
export function selectQuestions(bank: QuestionBank, model: EngagementModel | null, variant: InterviewVariant): Question[] {
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const followUpIds = new Set(bank.questions.flatMap((q) => q.followUps.map((f) => f.ask)));
  const applies = (q: Question) => model === null || q.models.includes(model);
  const chosen = new Set<string>();
  const take = (q: Question): void => {
    if (chosen.has(q.id) || !applies(q)) return;
    chosen.add(q.id);
    for (const f of q.followUps) {
      const child = byId.get(f.ask);
      if (child) take(child);
    }
  };
  for (const q of bank.questions) {
    if (!followUpIds.has(q.id) && (variant === 'standard' || q.lite)) take(q);
  }
  return bank.questions.filter((q) => chosen.has(q.id));
}

/** Main questions (not follow-ups) of a selection: what an interview asks at the least. */
export function mainQuestions(questions: readonly Question[]): Question[] {
  const followUpIds = new Set(questions.flatMap((q) => q.followUps.map((f) => f.ask)));
  return questions.filter((q) => !followUpIds.has(q.id));
}
