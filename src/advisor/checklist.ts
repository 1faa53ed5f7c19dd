// The pre-engagement checklist (domain.md, "Engagement models"): what a client answers about itself before any vendor
// is vetted. Each answer weighs for or against the four models on one row of the decision matrix; recommend.ts adds
// the weights up. Typed data, no I/O: the modal shows it, the advisor scores it, tests check it.
import type { EngagementModel } from '../questions/model.js';
import type { MatrixRow } from './matrix.js';

export const SECTIONS = ['scope', 'capacity', 'risk', 'strategy'] as const;
export type Section = (typeof SECTIONS)[number];

export const SECTION_LABELS: Record<Section, string> = {
  scope: 'Project and scope',
  capacity: 'Internal capacity and management',
  risk: 'Risk, governance and compliance',
  strategy: 'Scalability and long-term strategy',
};

/** Points an answer gives each model (positive: fits, negative: fits badly), on one row of the matrix. */
export interface Effect {
  row: MatrixRow;
  points: Partial<Record<EngagementModel, number>>;
}

export interface ChecklistOption {
  value: string;
  /** As the modal shows it (at most 75 characters, Slack's limit for an option). */
  text: string;
  /** What the answer says, in a sentence about the client: "the work is core to your product". */
  phrase: string;
  effects: Effect[];
}

export const QUESTION_IDS = [
  'core',
  'size',
  'definition',
  'dependencies',
  'manager',
  'pm',
  'time',
  'overlap',
  'sensitivity',
  'regulated',
  'certifications',
  'risk-owner',
  'start',
  'duration',
  'scaling',
  'knowledge',
  'lock-in',
  'transfer',
  'pricing',
] as const;
export type ChecklistQuestionId = (typeof QUESTION_IDS)[number];

export interface ChecklistQuestion {
  id: ChecklistQuestionId;
  section: Section;
  /** The question as the modal asks it. */
  label: string;
  /** A short name for the question in messages ("Core or non-core"). */
  short: string;
  hint?: string;
  options: ChecklistOption[];
}

/** Answers by question id: an option's value. A question left out was not answered. */
export type ChecklistAnswers = Partial<Record<ChecklistQuestionId, string>>;

const F = 'freelancer';
const S = 'staff-augmentation';
const A = 'agency';
const M = 'managed-services';

const effect = (row: MatrixRow, points: Partial<Record<EngagementModel, number>>): Effect => ({ row, points });

export const CHECKLIST: readonly ChecklistQuestion[] = [
  // Project and scope
  {
    id: 'core',
    section: 'scope',
    label: 'How central is this work to your product?',
    short: 'Core or non-core',
    options: [
      { value: 'core', text: 'Core: our product or what sets us apart', phrase: 'the work is core to your product', effects: [effect('control', { [S]: 3, [F]: -1, [A]: -1, [M]: -3 })] },
      { value: 'adjacent', text: 'Adjacent: it supports the core product', phrase: 'the work supports your core product', effects: [effect('bestFor', { [A]: 2, [S]: 1 })] },
      { value: 'non-core', text: 'Non-core: a commodity or back-office function', phrase: 'the work is non-core', effects: [effect('bestFor', { [M]: 3, [F]: 1, [S]: -1 })] },
    ],
  },
  {
    id: 'size',
    section: 'scope',
    label: 'How big is the work?',
    short: 'Size',
    options: [
      { value: 'task', text: 'A small, isolated task: days to a few weeks', phrase: 'it is a small, isolated task', effects: [effect('bestFor', { [F]: 4, [S]: -1, [A]: -1, [M]: -2 })] },
      { value: 'project', text: 'A bounded project: a few months, a small team', phrase: 'it is a bounded project', effects: [effect('bestFor', { [A]: 3, [S]: 1, [F]: -1 })] },
      {
        value: 'programme',
        text: 'A large or open-ended programme: many people, many months',
        phrase: 'it is a large or open-ended programme',
        effects: [effect('bestFor', { [S]: 2, [M]: 2, [F]: -3 })],
      },
    ],
  },
  {
    id: 'definition',
    section: 'scope',
    label: 'How well defined and stable are the requirements?',
    short: 'Requirements',
    options: [
      { value: 'fixed', text: 'Clear and stable: they could go into a contract', phrase: 'the requirements are clear and stable', effects: [effect('risk', { [M]: 3, [A]: 2, [F]: 1 })] },
      { value: 'mostly', text: 'Mostly clear; details will change', phrase: 'the requirements are mostly clear', effects: [effect('risk', { [S]: 1, [A]: 1 })] },
      { value: 'evolving', text: 'Exploratory: they will change as we learn', phrase: 'the requirements will change as you learn', effects: [effect('risk', { [S]: 3, [A]: -2, [M]: -3 })] },
    ],
  },
  {
    id: 'dependencies',
    section: 'scope',
    label: 'How much does the work depend on your core team?',
    short: 'Dependencies on the core team',
    options: [
      { value: 'isolated', text: 'Little: it can be built apart and handed over', phrase: 'it can be built apart from your team', effects: [effect('control', { [F]: 2, [A]: 2, [M]: 2, [S]: -1 })] },
      { value: 'some', text: 'Some: regular reviews and integration points', phrase: 'it has regular integration points with your team', effects: [effect('control', { [S]: 1, [A]: 1 })] },
      {
        value: 'deep',
        text: 'Deep: daily work in our codebase with our engineers',
        phrase: 'it means daily work with your engineers',
        effects: [effect('control', { [S]: 4, [F]: -2, [A]: -2, [M]: -3 })],
      },
    ],
  },
  // Internal capacity and management
  {
    id: 'manager',
    section: 'capacity',
    label: 'Who will manage the external people day to day?',
    short: 'Day-to-day management',
    options: [
      { value: 'engineering', text: 'Our engineering managers or tech leads', phrase: 'your engineering leads will manage them', effects: [effect('control', { [S]: 3, [F]: 1, [M]: -1 })] },
      { value: 'product', text: 'A product or project manager, not an engineer', phrase: 'a product or project manager will manage them', effects: [effect('control', { [A]: 2, [S]: 1, [F]: -1 })] },
      { value: 'vendor', text: 'The vendor: we expect them to manage themselves', phrase: 'you expect the vendor to manage them', effects: [effect('control', { [A]: 3, [M]: 3, [S]: -2, [F]: -4 })] },
      { value: 'nobody', text: 'Nobody has been identified yet', phrase: 'nobody is identified to manage them', effects: [effect('control', { [M]: 3, [A]: 2, [S]: -3, [F]: -4 })] },
    ],
  },
  {
    id: 'pm',
    section: 'capacity',
    label: 'How strong is your project management?',
    short: 'Project management',
    options: [
      { value: 'strong', text: 'Mature: agile practised, a clear definition of done', phrase: 'your project management is mature', effects: [effect('governance', { [S]: 2, [F]: 1 })] },
      { value: 'adequate', text: 'Adequate for our own team', phrase: 'your project management is adequate', effects: [effect('governance', { [S]: 1, [A]: 1 })] },
      { value: 'weak', text: 'Weak or stretched', phrase: 'your project management is weak or stretched', effects: [effect('governance', { [M]: 3, [A]: 2, [S]: -2, [F]: -3 })] },
    ],
  },
  {
    id: 'time',
    section: 'capacity',
    label: 'How much time can those managers give the external people?',
    short: "Managers' time",
    options: [
      { value: 'plenty', text: 'Hours a week per person: stand-ups, reviews, pairing', phrase: 'your managers have hours a week for each of them', effects: [effect('control', { [S]: 3, [F]: 2 })] },
      { value: 'some', text: 'A few hours a week in total', phrase: 'your managers have a few hours a week in total', effects: [effect('control', { [A]: 2, [M]: 1, [F]: -1 })] },
      { value: 'none', text: 'Almost none', phrase: 'your managers have almost no time for them', effects: [effect('control', { [M]: 3, [A]: 2, [S]: -3, [F]: -4 })] },
    ],
  },
  {
    id: 'overlap',
    section: 'capacity',
    label: "How many working hours must overlap with your team's?",
    short: 'Time-zone overlap',
    // The middle answer pulls nowhere: a few shared hours suit every model.
    options: [
      {
        value: 'most',
        text: 'Most of the day: they join our stand-ups and pair with us',
        phrase: 'they must share most of your working day',
        effects: [effect('control', { [S]: 2, [F]: -1, [M]: -2 })],
      },
      { value: 'some', text: 'A few hours a day', phrase: 'a few shared hours a day will do', effects: [] },
      { value: 'little', text: 'Little or none: hand-offs are fine', phrase: 'hand-offs across time zones are fine', effects: [effect('control', { [M]: 2, [A]: 1, [F]: 1, [S]: -1 })] },
    ],
  },
  // Risk, governance and compliance
  {
    id: 'sensitivity',
    section: 'risk',
    label: 'How sensitive are the data and code involved?',
    short: 'Data and code sensitivity',
    options: [
      { value: 'low', text: 'Low: no personal data, no secrets, no production access', phrase: 'the data and code are not sensitive', effects: [effect('governance', { [F]: 2 })] },
      { value: 'moderate', text: 'Internal: proprietary code, limited personal data', phrase: 'the code is proprietary', effects: [effect('governance', { [S]: 1, [A]: 1, [F]: -1 })] },
      {
        value: 'high',
        text: 'High: personal, financial or health data, production access',
        phrase: 'the data and code are highly sensitive',
        effects: [effect('governance', { [S]: 2, [M]: 2, [F]: -4 })],
      },
    ],
  },
  {
    id: 'regulated',
    section: 'risk',
    label: 'Is the work in a regulated industry?',
    short: 'Regulated industry',
    hint: 'Finance, health, insurance, the public sector, critical infrastructure: where auditors will ask about your vendors.',
    options: [
      { value: 'no', text: 'No', phrase: 'the work is not regulated', effects: [effect('cost', { [F]: 1 })] },
      { value: 'yes', text: 'Yes: auditors will ask about our vendors', phrase: 'the work is regulated', effects: [effect('governance', { [S]: 2, [M]: 2, [A]: 1, [F]: -4 })] },
    ],
  },
  {
    id: 'certifications',
    section: 'risk',
    label: "Which certifications must the vendor's team hold?",
    short: 'Certifications',
    options: [
      { value: 'none', text: 'None needed', phrase: 'no certification is needed', effects: [effect('cost', { [F]: 1 })] },
      { value: 'preferred', text: 'Nice to have: SOC 2, ISO 27001', phrase: 'certifications are nice to have', effects: [effect('governance', { [S]: 1, [A]: 1, [M]: 1, [F]: -1 })] },
      {
        value: 'required',
        text: 'Required by contract or regulator: SOC 2 Type II, ISO 27001…',
        phrase: 'certifications are required',
        effects: [effect('governance', { [M]: 3, [S]: 2, [A]: 1, [F]: -5 })],
      },
    ],
  },
  {
    id: 'risk-owner',
    section: 'risk',
    label: 'Who must own delivery risk?',
    short: 'Who owns delivery risk',
    options: [
      { value: 'us', text: 'We do: we want skilled people and we direct them', phrase: 'you will own delivery risk yourselves', effects: [effect('risk', { [S]: 3, [F]: 2, [A]: -1, [M]: -3 })] },
      {
        value: 'shared',
        text: 'Shared: the vendor vouches for the people, we own the result',
        phrase: 'the vendor vouches for the people and you own the result',
        effects: [effect('risk', { [S]: 4 })],
      },
      {
        value: 'sow',
        text: 'The vendor, for a fixed scope and price (a SOW)',
        phrase: 'the vendor must own delivery under a statement of work',
        effects: [effect('risk', { [A]: 4, [M]: 1, [S]: -2, [F]: -3 })],
      },
      {
        value: 'sla',
        text: 'The vendor, against a service level with penalties (an SLA)',
        phrase: 'the vendor must own delivery under an SLA',
        effects: [effect('risk', { [M]: 5, [A]: 1, [S]: -2, [F]: -4 })],
      },
    ],
  },
  // Scalability and long-term strategy
  {
    id: 'start',
    section: 'strategy',
    label: 'How soon do you need people working?',
    short: 'How soon',
    options: [
      { value: 'now', text: 'Now: within two weeks', phrase: 'you need people within two weeks', effects: [effect('scaling', { [S]: 3, [F]: 2, [A]: -1, [M]: -3 })] },
      { value: 'month', text: 'Within a month or two', phrase: 'you need people within a month or two', effects: [] },
      { value: 'later', text: 'In a quarter or more: there is time to contract properly', phrase: 'there is time to contract properly', effects: [effect('scaling', { [M]: 2, [A]: 1 })] },
    ],
  },
  {
    id: 'duration',
    section: 'strategy',
    label: 'How long will you need external help?',
    short: 'Duration',
    options: [
      { value: 'weeks', text: 'Weeks: under three months', phrase: 'you need help for weeks', effects: [effect('scaling', { [F]: 3, [A]: 1, [M]: -3 })] },
      { value: 'months', text: 'Three to twelve months', phrase: 'you need help for months', effects: [effect('scaling', { [S]: 2, [A]: 2 })] },
      { value: 'years', text: 'More than a year, or ongoing', phrase: 'you need help for more than a year', effects: [effect('scaling', { [M]: 3, [S]: 2, [A]: -1, [F]: -2 })] },
    ],
  },
  {
    id: 'scaling',
    section: 'strategy',
    label: 'How much will the team size need to change?',
    short: 'Scaling up or down',
    options: [
      { value: 'stable', text: 'Not much: the same size throughout', phrase: 'the team size stays the same', effects: [effect('scaling', { [M]: 2, [A]: 1 })] },
      {
        value: 'flex',
        text: 'Up or down by a few people at short notice',
        phrase: 'the team must grow or shrink by a few people at short notice',
        effects: [effect('scaling', { [S]: 3, [F]: 1, [M]: -1 })],
      },
      { value: 'burst', text: 'Large swings: double or halve within weeks', phrase: 'the team must double or halve within weeks', effects: [effect('scaling', { [S]: 4, [F]: -2, [A]: -1, [M]: -3 })] },
    ],
  },
  {
    id: 'knowledge',
    section: 'strategy',
    label: 'What knowledge must stay in-house?',
    short: 'Knowledge kept in-house',
    options: [
      { value: 'little', text: 'Little: the result is what matters', phrase: 'little knowledge needs to stay in-house', effects: [effect('knowledge', { [M]: 2, [F]: 1, [A]: 1 })] },
      {
        value: 'documented',
        text: 'Architecture and key decisions, documented and handed over',
        phrase: 'architecture and decisions must be handed over',
        effects: [effect('knowledge', { [A]: 1, [S]: 1, [M]: -1 })],
      },
      { value: 'all', text: "All of it: it must become our team's knowledge", phrase: 'all the knowledge must stay in-house', effects: [effect('knowledge', { [S]: 4, [A]: -1, [F]: -3, [M]: -3 })] },
    ],
  },
  {
    id: 'lock-in',
    section: 'strategy',
    label: 'How much vendor lock-in can you tolerate?',
    short: 'Tolerance for lock-in',
    options: [
      { value: 'none', text: 'None: we must be able to take over at any time', phrase: 'you can tolerate no lock-in', effects: [effect('knowledge', { [S]: 2, [F]: 1, [M]: -3 })] },
      { value: 'some', text: 'Some, with a documented exit plan', phrase: 'you can tolerate some lock-in with an exit plan', effects: [effect('knowledge', { [A]: 1, [S]: 1 })] },
      { value: 'high', text: 'A long-term provider is fine', phrase: 'a long-term provider is fine with you', effects: [effect('knowledge', { [M]: 3 })] },
    ],
  },
  {
    id: 'transfer',
    section: 'strategy',
    label: 'Should the work move in-house later?',
    short: 'Moving in-house later',
    hint: 'Build-operate-transfer: a vendor builds and runs the team, then hands it (people, code, knowledge) over to you.',
    options: [
      { value: 'yes', text: 'Yes: we want to take the team or the work over', phrase: 'the work should move in-house later', effects: [effect('knowledge', { [S]: 2, [A]: 1, [F]: -1, [M]: -2 })] },
      { value: 'maybe', text: 'Perhaps: keep the option open', phrase: 'you want to keep the option of moving it in-house', effects: [] },
      { value: 'no', text: 'No: it stays outside', phrase: 'the work stays outside for good', effects: [effect('knowledge', { [M]: 2, [A]: 1 })] },
    ],
  },
  {
    id: 'pricing',
    section: 'strategy',
    label: 'Which cost and pricing model do you need?',
    short: 'Cost and pricing',
    options: [
      { value: 'lowest-rate', text: 'The lowest rate; we absorb the coordination cost', phrase: 'you want the lowest rate', effects: [effect('cost', { [F]: 4, [S]: -1, [M]: -3 })] },
      { value: 'monthly', text: 'A predictable monthly cost per person', phrase: 'you want a predictable monthly cost per person', effects: [effect('cost', { [S]: 4, [F]: -1 })] },
      { value: 'fixed-price', text: 'A fixed price for a defined scope', phrase: 'you want a fixed price for a defined scope', effects: [effect('cost', { [A]: 4, [M]: 1, [S]: -1, [F]: -1 })] },
      { value: 'fixed-fee', text: 'A fixed recurring fee for an outcome, even at a premium', phrase: 'you want a fixed fee for an outcome', effects: [effect('cost', { [M]: 4, [A]: 1, [F]: -2 })] },
    ],
  },
];

export function checklistQuestion(id: ChecklistQuestionId): ChecklistQuestion {
  // QUESTION_IDS and CHECKLIST list the same ids (a test holds them to it).
  return CHECKLIST.find((q) => q.id === id)!;
}

export function optionOf(id: ChecklistQuestionId, value: string | undefined): ChecklistOption | null {
  return value === undefined ? null : (checklistQuestion(id).options.find((o) => o.value === value) ?? null);
}

export function isQuestionId(id: string): id is ChecklistQuestionId {
  return (QUESTION_IDS as readonly string[]).includes(id);
}

/**
 * Answers as they arrive from a form or from storage: only known questions with known options are kept; the rest
 * are named as problems (a form from an older version of the checklist, a forged value).
 */
export function readAnswers(raw: Readonly<Record<string, unknown>>): { answers: ChecklistAnswers; unknown: string[] } {
  const answers: ChecklistAnswers = {};
  const unknown: string[] = [];
  for (const [id, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    if (isQuestionId(id) && typeof value === 'string' && optionOf(id, value)) answers[id] = value;
    else unknown.push(id);
  }
  return { answers, unknown };
}
