import type { Dimension, EngagementModel } from '../questions/model.js';
import type { RiskTier } from './types.js';

/**
 * How much each dimension counts in the overall score, per engagement model (each row sums to 100).
 * The emphasis follows who owns the delivery risk (domain.md): with freelancers the client owns it, so
 * individual craft and security hygiene dominate; a managed-services provider owns the outcome, so
 * security and governance (SLA, audit rights, exit) dominate; agencies sell a process and a SOW.
 * `general` applies when no model was given.
 */
export const MODEL_WEIGHTS: Record<EngagementModel | 'general', Record<Dimension, number>> = {
  general: { technical: 20, process: 20, security: 25, governance: 20, scalability: 15 },
  freelancer: { technical: 30, process: 15, security: 30, governance: 15, scalability: 10 },
  'staff-augmentation': { technical: 25, process: 20, security: 25, governance: 15, scalability: 15 },
  agency: { technical: 20, process: 25, security: 20, governance: 25, scalability: 10 },
  'managed-services': { technical: 10, process: 20, security: 30, governance: 30, scalability: 10 },
};

/** Lower bound of the overall score for each tier, best first. Below the last bound: critical. */
export const TIER_THRESHOLDS: { tier: RiskTier; min: number }[] = [
  { tier: 'low', min: 80 },
  { tier: 'medium', min: 60 },
  { tier: 'high', min: 40 },
];

/** Below this weighted coverage a finished interview is incomplete: never rated low or medium risk. */
export const MIN_COVERAGE = 0.8;
