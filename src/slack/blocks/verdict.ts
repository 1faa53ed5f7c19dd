// How a verdict reads wherever it appears: the incomplete label, and why the tier is what it is.
import { DIMENSION_LABELS } from '../../questions/model.js';
import type { RiskTier, Scorecard } from '../../scoring/types.js';
import { MIN_COVERAGE } from '../../scoring/weights.js';
import { percent, score } from '../text.js';

export const INCOMPLETE_BADGE = ':warning: *Incomplete*';

const TIER_LABEL: Record<RiskTier, string> = {
  low: ':large_green_circle: Low risk',
  medium: ':large_yellow_circle: Medium risk',
  high: ':large_orange_circle: High risk',
  critical: ':red_circle: Critical risk',
};

export function tierText(tier: RiskTier | null): string {
  return tier ? TIER_LABEL[tier] : 'not rated yet';
}

/** Score, tier and, for a vetting that examined too little, the incomplete label: one line for lists and headings. */
export function standingText(c: Scorecard): string {
  return `${score(c.overall.score)} · ${tierText(c.tier)}${c.verdict.incomplete ? ` · ${INCOMPLETE_BADGE}` : ''}`;
}

/**
 * What was not examined and what it does to the verdict, or null when everything in play was answered. When the
 * open incomplete-vetting flag is shown beside it, that flag says what was not examined, so this does not repeat it.
 */
export function unexaminedText(c: Scorecard, incompleteFlagShown: boolean): string | null {
  const v = c.verdict;
  const parts: string[] = [];
  if (v.incomplete && !incompleteFlagShown) {
    const missing = v.unexamined.length > 0 ? `; not examined at all: ${v.unexamined.map((d) => DIMENSION_LABELS[d]).join(', ')}` : '';
    parts.push(`*Incomplete vetting:* ${percent(c.overall.coverage)} of the weighted questions answered (${percent(MIN_COVERAGE)} needed)${missing}. An incomplete vetting is never rated better than high risk.`);
  }
  if (v.unanswered.length > 0) {
    parts.push(
      `${v.unanswered.length} question${v.unanswered.length === 1 ? '' : 's'} unanswered: ${v.unanswered.length === 1 ? 'it earns' : 'they earn'} nothing in the score${v.unknownRisk ? `, and the tier is no better than the worst ${v.unanswered.length === 1 ? 'it' : 'they'} could reveal (${v.unknownRisk})` : ''}.`,
    );
  }
  return parts.length > 0 ? parts.join('\n') : null;
}
