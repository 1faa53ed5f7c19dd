// The `/vet advise` checklist as tests answer it: the brief's archetype of extending a core team that keeps control
// (staff augmentation, agency runner-up), and the modal's form values for a set of answers.
import { CHECKLIST, type ChecklistAnswers } from '../../src/advisor/checklist.js';

export const CORE_TEAM: ChecklistAnswers = {
  core: 'core',
  size: 'programme',
  definition: 'evolving',
  dependencies: 'deep',
  manager: 'engineering',
  pm: 'strong',
  time: 'plenty',
  sensitivity: 'moderate',
  regulated: 'no',
  certifications: 'preferred',
  'risk-owner': 'shared',
  duration: 'years',
  scaling: 'flex',
  knowledge: 'all',
  'lock-in': 'none',
  pricing: 'monthly',
};

/** The checklist's form values (by action id) for a set of answers and where the recommendation goes. */
export function checklistValues(answers: ChecklistAnswers, where: 'channel' | 'asker' | null = 'channel'): Record<string, string | null> {
  return { ...Object.fromEntries(CHECKLIST.map((q) => [`advise.${q.id}`, answers[q.id] ?? null])), 'advise.where': where };
}
