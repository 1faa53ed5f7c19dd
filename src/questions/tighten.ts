// A vetting started from an engagement-model decision about regulated or sensitive work is held to the client's own
// breach-notification bound (e.g. 24 hours instead of the bank's 72). Pure: the interview's question snapshot is
// rewritten when it starts, so the bound is part of what was asked and scored, and never changes afterwards.
import type { Question } from './model.js';

/** The built-in question whose number fact is the contractual breach-notification time, in hours. */
export const BREACH_NOTICE_QUESTION = 'breach-notification-hours';

/**
 * The questions with the breach-notification bound lowered to `hours` (never raised): its fact's maximum, its prompt
 * and the message of its out-of-bounds red flag say the new bound and why. Other questions are returned as they are.
 */
export function tightenBreachNotice(questions: readonly Question[], hours: number, because: string): Question[] {
  return questions.map((q) => {
    if (q.id !== BREACH_NOTICE_QUESTION || q.fact?.type !== 'number') return q;
    const max = Math.min(q.fact.max ?? hours, hours);
    const bound = `This vetting requires notice within ${max} hours, because ${because}.`;
    return {
      ...q,
      prompt: `${q.prompt} ${bound}`,
      fact: { ...q.fact, max },
      redFlags: q.redFlags.map((r) =>
        'factOutOfBounds' in r.when
          ? {
              ...r,
              message: `The committed breach-notification time is longer than ${max} hours, the bound this vetting requires because ${because}: we could miss our own obligation waiting for the vendor.`,
            }
          : r,
      ),
    };
  });
}
