// Who may act on a vetting. Pure: the Slack layer resolves who is asking (an Actor), the flows gather who takes
// part (Roles), and both ask here; no listener or flow decides it on its own.
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
export type Act = RoleAct | 'start' | 'see-evaluators' | 'change-digest' | 'advise';

export type Refusal =
  /** From another organisation (Slack Connect): never takes part, whatever list they are on. */
  | { kind: 'external'; act: Act }
  /** Not among those the act needs; carries who leads, so the refusal can say whom to ask. */
  | { kind: 'not-allowed'; act: RoleAct; vendor: string; lead: string };

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

/** Resolving or accepting a red flag of the vetting: its evaluators and admins. */
export function mayDecideFlags(actor: Actor, roles: Roles): Permission {
  return byRole(actor, 'decide-flags', actor.admin || isEvaluator(actor.userId, roles), roles);
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
  return mayAnswer({ userId: author.userId, external: author.external, admin: false }, roles).ok;
}
