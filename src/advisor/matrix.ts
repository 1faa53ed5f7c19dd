// The decision matrix of the product brief (domain.md, "Engagement models"): how the four models compare, row by
// row, and the failure pattern each one invites. Pure data; the advisor explains its recommendation in these rows.
import type { EngagementModel, FailurePattern } from '../questions/model.js';

export const MATRIX_ROWS = ['control', 'risk', 'cost', 'scaling', 'governance', 'knowledge', 'bestFor'] as const;
export type MatrixRow = (typeof MATRIX_ROWS)[number];

export const MATRIX_ROW_LABELS: Record<MatrixRow, string> = {
  control: 'Control and integration',
  risk: 'Accountability and risk',
  cost: 'Cost and pricing model',
  scaling: 'Scalability and speed',
  governance: 'Process maturity and governance',
  knowledge: 'Knowledge retention',
  bestFor: 'Best for',
};

/** What each model is like on each row, as the brief's matrix says it, addressed to the client. */
export const MATRIX: Record<MatrixRow, Record<EngagementModel, string>> = {
  control: {
    freelancer: 'low and fragmented: each person works alone',
    'staff-augmentation': 'high: the people work inside your team, under your leads',
    agency: 'variable: the agency runs the work, you steer through its leads',
    'managed-services': 'low to medium: integration happens at the SLA level',
  },
  risk: {
    freelancer: 'yours: you own delivery risk entirely',
    'staff-augmentation': 'shared: the partner guarantees the people, the outcome is yours',
    agency: 'contractual: the agency owns what the statement of work (SOW) says',
    'managed-services': "the provider's, per the SLA",
  },
  cost: {
    freelancer: 'lowest rate, high hidden cost (your coordination time)',
    'staff-augmentation': 'moderate and predictable, monthly per person',
    agency: 'variable: a fixed price per project or time and materials',
    'managed-services': 'highest, as a fixed fee',
  },
  scaling: {
    freelancer: 'fast for one or two people, then slow',
    'staff-augmentation': 'fast, from a pre-vetted pool',
    agency: 'medium, with a risk of a B-team',
    'managed-services': 'slow: the SLA has to be renegotiated',
  },
  governance: {
    freelancer: 'none by default: yours to impose',
    'staff-augmentation': 'enterprise-grade where verified',
    agency: 'claimed; it varies from agency to agency',
    'managed-services': "the provider's own standards",
  },
  knowledge: {
    freelancer: 'very poor: it leaves with each person',
    'staff-augmentation': 'good: the work happens in your codebase and rituals',
    agency: 'variable: as good as the handover',
    'managed-services': 'poor to moderate, with a risk of lock-in',
  },
  bestFor: {
    freelancer: 'small, isolated, non-critical tasks',
    'staff-augmentation': 'extending core capacity, filling skill gaps',
    agency: 'defined projects delivered end to end',
    'managed-services': 'non-core functions with stable requirements',
  },
};

export interface Guard {
  pattern: FailurePattern;
  /** How the pattern shows up with this model. */
  risk: string;
  /** What to insist on, before and during the vetting. */
  counter: string;
}

/** The failure pattern to guard against with each model, most likely first (domain.md, "Failure patterns"). */
export const GUARDS: Record<EngagementModel, readonly [Guard, ...Guard[]]> = {
  freelancer: [
    {
      pattern: 'freelancer-farm',
      risk: 'the overhead trap: a handful of disconnected individuals, and your managers become full-time coordinators, with no shared context, uneven quality and no security practice',
      counter: 'keep it to one or two people on isolated work, give them one named point of contact, and impose your own security rules (managed devices, no secrets in chat, your repositories)',
    },
    {
      pattern: 'ip-leakage',
      risk: 'your code or documents end up on a personal laptop, a personal drive or a public repository',
      counter: 'IP assignment in the contract, access only through your accounts, secret scanning on your repositories',
    },
  ],
  'staff-augmentation': [
    {
      pattern: 'bait-and-switch',
      risk: 'the senior people you interviewed are quietly replaced by a junior B-team after kick-off',
      counter: 'name the people in the contract, require notice and your approval before any change, and track the roster over time',
    },
    {
      pattern: 'compliance-checkbox',
      risk: "the partner's certificate does not cover the people assigned to you",
      counter: 'ask whether the certified controls apply to the named team: managed devices, security training logs, access reviews',
    },
  ],
  agency: [
    {
      pattern: 'bait-and-switch',
      risk: 'the A-team that sold the project hands it to a B-team once it starts',
      counter: 'named team members in the SOW, notice and approval for changes, and the roster checked at each milestone',
    },
    {
      pattern: 'process-theater',
      risk: 'stand-ups and sprints without substance, then one big untested release at the end',
      counter: 'ask for the sprint-over-sprint velocity and the definition of done of their last three projects, and demand working increments',
    },
  ],
  'managed-services': [
    {
      pattern: 'managed-service-black-box',
      risk: 'the outcome meets the letter of the SLA but is unmaintainable, off your architecture, and the knowledge stays with the provider',
      counter: 'write architecture standards, documentation, audit rights and a tested exit and handover plan into the contract',
    },
    {
      pattern: 'compliance-checkbox',
      risk: "the provider's certifications do not cover the team and systems that handle your service",
      counter: "ask for the SOC 2 Type II report's scope and period, and whether the assigned team is in it",
    },
  ],
};
