// Answers that pull in opposite directions. The brief is explicit: conflicting needs are named, not averaged away.
// A conflict holds when one answer from each of its two sides was given; every condition is "this question got this
// answer", so answering more questions can only reveal conflicts, never hide one.
import { optionOf, type ChecklistAnswers, type ChecklistQuestionId } from './checklist.js';

export type Condition = readonly [ChecklistQuestionId, string];

export interface ConflictRule {
  id: string;
  /** The clash in a few words. */
  title: string;
  sides: readonly [readonly Condition[], readonly Condition[]];
  /** Why the two sides pull apart, and the ways to settle it. */
  advice: string;
}

export interface Conflict {
  id: string;
  title: string;
  /** The answers on each side that make it, as phrases ("all the knowledge must stay in-house"). */
  because: [string[], string[]];
  advice: string;
}

export const CONFLICT_RULES: readonly ConflictRule[] = [
  {
    id: 'control-without-managers',
    title: 'Full control, but nobody to manage',
    sides: [
      [
        ['dependencies', 'deep'],
        ['knowledge', 'all'],
        ['risk-owner', 'us'],
        ['lock-in', 'none'],
      ],
      [
        ['manager', 'nobody'],
        ['time', 'none'],
      ],
    ],
    advice:
      'Keeping control means your people direct the external ones every day, and staff augmentation works only with managers who have that time. Free up a manager before you start, or give up some control to an agency or a managed service and write the control you need (reviews, architecture standards, audit rights) into the contract.',
  },
  {
    id: 'sensitive-at-lowest-rate',
    title: 'Sensitive or regulated work at the lowest rate',
    sides: [
      [
        ['sensitivity', 'high'],
        ['regulated', 'yes'],
        ['certifications', 'required'],
      ],
      [['pricing', 'lowest-rate']],
    ],
    advice:
      'The lowest rates are independent freelancers, who have no security practice by default and rarely hold certifications; a team that handles sensitive or regulated work safely costs more. Budget for a vetted, certified team, or keep the sensitive part in-house and give out only what is safe to share.',
  },
  {
    id: 'short-but-keep-knowledge',
    title: 'A short engagement, but all the knowledge must stay',
    sides: [[['duration', 'weeks']], [['knowledge', 'all']]],
    advice: 'A few weeks leave little time to hand knowledge over. Pair each external person with one of your engineers and make documentation part of the definition of done, or build it in-house.',
  },
  {
    id: 'changing-scope-fixed-commitment',
    title: 'Changing requirements, but a fixed commitment',
    sides: [
      [['definition', 'evolving']],
      [
        ['risk-owner', 'sow'],
        ['risk-owner', 'sla'],
        ['pricing', 'fixed-price'],
        ['pricing', 'fixed-fee'],
      ],
    ],
    advice:
      'A vendor can own delivery only against a scope it can price; when the requirements keep changing, every change becomes a change request. Fix a stable first phase for the fixed commitment, or keep the risk and buy capacity instead (staff augmentation).',
  },
  {
    id: 'swings-under-sla',
    title: 'Large swings in team size, under an SLA',
    sides: [
      [['scaling', 'burst']],
      [
        ['risk-owner', 'sla'],
        ['pricing', 'fixed-fee'],
      ],
    ],
    advice:
      'Scaling a managed service means renegotiating its SLA, which takes weeks. Agree the scaling terms (how many people, how fast, at what price) in the contract up front, or keep the elastic part as staff augmentation.',
  },
  {
    id: 'no-lock-in-under-sla',
    title: 'No lock-in, but the provider owns delivery',
    sides: [[['lock-in', 'none']], [['risk-owner', 'sla']]],
    advice:
      'A managed service is where lock-in is highest: the provider holds the knowledge of how your service runs. Write a tested exit and handover plan, documentation and your architecture standards into the contract.',
  },
  {
    id: 'own-risk-vendor-manages',
    title: 'You own the outcome, but the vendor manages the people',
    sides: [[['risk-owner', 'us']], [['manager', 'vendor']]],
    advice: 'Whoever owns the outcome has to direct the work. Either your leads manage the external people day to day, or the vendor owns delivery under a SOW or an SLA.',
  },
  {
    id: 'core-under-sla',
    title: 'Core work handed over under an SLA',
    sides: [[['core', 'core']], [['risk-owner', 'sla']]],
    advice:
      'Under an SLA the provider owns the outcome and, with it, the know-how of what sets you apart: the managed-service black box. Keep the core in-house or with augmented staff, and hand over only the non-core parts.',
  },
  {
    id: 'programme-at-lowest-rate',
    title: 'A large programme at the lowest rate',
    sides: [[['size', 'programme']], [['pricing', 'lowest-rate']]],
    advice:
      'A large programme staffed with the cheapest individuals is the freelancer farm: your managers become full-time coordinators and quality varies. Compare total cost, coordination included, with a managed team at a predictable monthly rate.',
  },
];

const holds = (answers: ChecklistAnswers, [id, value]: Condition) => answers[id] === value;
const phrase = ([id, value]: Condition) => optionOf(id, value)?.phrase ?? `${id}: ${value}`;

/** The conflicts among the answers, in the order of CONFLICT_RULES. */
export function findConflicts(answers: ChecklistAnswers): Conflict[] {
  return CONFLICT_RULES.flatMap((rule) => {
    const left = rule.sides[0].filter((c) => holds(answers, c));
    const right = rule.sides[1].filter((c) => holds(answers, c));
    if (left.length === 0 || right.length === 0) return [];
    return [{ id: rule.id, title: rule.title, because: [left.map(phrase), right.map(phrase)], advice: rule.advice }];
  });
}
