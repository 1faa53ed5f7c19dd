// Who may act on a vetting. Pure: the Slack layer resolves who is asking (an Actor), the flows gather who takes
// part (Roles), and both ask here; no listener or flow decides it on its own.
import type { Severity } from '../questions/model.js';
import type { Actor } from './actor.js';

/** Who takes part in one vetting. */
export interface Roles {
  vendor: string;
  /** Who started it: an evaluator from the start, and never removed. */
  lead: string;
  /** The named evaluators (the lead may be among them). */
  evaluators: readonly string[];
}

/** Acts that depend on a person's role in the vetting. */
export type RoleAct = 'answer' | 'finish' | 'manage-evaluators' | 'decide-flags' | 'manage-evidence';
export type Act = RoleAct | 'start' | 'see-evaluators' | 'change-digest' | 'advise' | 'accept-risk' | 'confirm';

/** What only a second person may do: confirm someone else's N/A, or the resolution of a high or critical flag. */
export type SecondAct = 'confirm-na' | 'confirm-resolution';

export type Refusal =
  /** From another organisation (Slack Connect): never takes part, whatever list they are on. */
  | { kind: 'external'; act: Act }
  /** Not among those the act needs; carries who leads, so the refusal can say whom to ask. */
  | { kind: 'not-allowed'; act: RoleAct; vendor: string; lead: string }
  /** A high or critical risk is accepted by its owner, never by the people who ran the interview. */
  | { kind: 'risk-owners-only'; vendor: string; severity: Severity; riskOwners: readonly string[] }
  /** A claim or a proposal needs a second pair of eyes: not the person who made it. */
  | { kind: 'second-person'; act: SecondAct; vendor: string; first: string };

export type Permission = { ok: true } | { ok: false; reason: Refusal };

const ALLOWED: Permission = { ok: true };

const refuse = (reason: Refusal): Permission => ({ ok: false, reason });

/** The lead and the named evaluators: the people whose ratings and notes make the record. */
export function isEvaluator(userId: string, roles: Roles): boolean {
  return roles.lead === userId || roles.evaluators.includes(userId);
}

function byRole(actor: Actor, act: RoleAct, allowed: boolean, roles: Roles): Permission {
  if (actor.external) return refuse({ kind: 'external', act });
  return allowed ? ALLOWED : refuse({ kind: 'not-allowed', act, vendor: roles.vendor, lead: roles.lead });
}

/**
 * The engagement-model checklist (`/vet advise`) and its decisions are the client's own deliberation: anyone of the
 * organisation, never someone from another one (in a shared channel, perhaps the vendor).
 */
export function mayAdvise(actor: Actor): Permission {
  return actor.external ? refuse({ kind: 'external', act: 'advise' }) : ALLOWED;
}

/** Anyone of the workspace may start a vetting (and so lead it); nobody from another organisation. */
export function mayStart(actor: Actor): Permission {
  return actor.external ? refuse({ kind: 'external', act: 'start' }) : ALLOWED;
}

/** Rating, evidence, N/A, skip, facts and notes: the evaluators only, before and after completion alike. */
export function mayAnswer(actor: Actor, roles: Roles): Permission {
  return byRole(actor, 'answer', isEvaluator(actor.userId, roles), roles);
}

/** Ending an interview early: its evaluators and admins. */
export function mayFinish(actor: Actor, roles: Roles): Permission {
  return byRole(actor, 'finish', actor.admin || isEvaluator(actor.userId, roles), roles);
}

/** Naming and removing evaluators: the lead and admins. */
export function mayManageEvaluators(actor: Actor, roles: Roles): Permission {
  return byRole(actor, 'manage-evaluators', actor.admin || actor.userId === roles.lead, roles);
}

/** Resolving or accepting a red flag of the vetting: its evaluators, risk owners and admins. */
export function mayDecideFlags(actor: Actor, roles: Roles): Permission {
  return byRole(actor, 'decide-flags', actor.admin || actor.riskOwner || isEvaluator(actor.userId, roles), roles);
}

/** High and critical: the severities whose acceptance belongs to a risk owner and whose resolution needs four eyes. */
export function isGrave(severity: Severity): boolean {
  return severity === 'high' || severity === 'critical';
}

/**
 * Accepting a risk: a high or critical one only by a risk owner (VET_RISK_OWNERS) or an admin, never by the lead or
 * evaluators alone; a lower one by whoever may decide the vetting's flags.
 */
export function mayAcceptRisk(actor: Actor, roles: Roles, severity: Severity, riskOwners: readonly string[]): Permission {
  if (actor.external) return refuse({ kind: 'external', act: 'accept-risk' });
  if (!isGrave(severity)) return mayDecideFlags(actor, roles);
  return actor.riskOwner || actor.admin ? ALLOWED : refuse({ kind: 'risk-owners-only', vendor: roles.vendor, severity, riskOwners });
}

/**
 * Confirming what someone else claimed or proposed (an N/A, a high or critical flag's resolution): another evaluator,
 * a risk owner or an admin, never the person who made it.
 */
export function mayConfirm(actor: Actor, roles: Roles, act: SecondAct, first: string): Permission {
  if (actor.external) return refuse({ kind: 'external', act: 'confirm' });
  if (actor.userId === first) return refuse({ kind: 'second-person', act, vendor: roles.vendor, first });
  return byRole(actor, act === 'confirm-na' ? 'answer' : 'decide-flags', actor.admin || actor.riskOwner || isEvaluator(actor.userId, roles), roles);
}

/**
 * Requesting evidence, changing what is asked, who chases it and by when, accepting a file or link or finding it not
 * sufficient, withdrawing a request: the evaluators and admins. Anyone may share evidence in the thread (the vendor
 * does), but nobody outside the vetting judges it, not even their own.
 */
export function mayManageEvidence(actor: Actor, roles: Roles): Permission {
  return byRole(actor, 'manage-evidence', actor.admin || isEvaluator(actor.userId, roles), roles);
}

/** Who evaluates is no secret inside the organisation; it is outside it. */
export function maySeeEvaluators(actor: Actor): Permission {
  return actor.external ? refuse({ kind: 'external', act: 'see-evaluators' }) : ALLOWED;
}

/**
 * Switching a channel's red-flag digest on or off, moving its slot or posting it now: anyone of the organisation in
 * the channel, never someone from another one (in a shared channel the vendor could otherwise silence its red flags).
 */
export function mayChangeDigest(actor: Actor): Permission {
  return actor.external ? refuse({ kind: 'external', act: 'change-digest' }) : ALLOWED;
}

/**
 * Whether what someone wrote counts as an evaluator's (in scoring, and unmarked in reports): the rule for answering,
 * applied to the author as they were when they wrote it (from another organisation or not).
 */
export function countsAsEvaluator(author: { userId: string; external: boolean }, roles: Roles): boolean {
  return mayAnswer({ userId: author.userId, external: author.external, admin: false, riskOwner: false }, roles).ok;
}
