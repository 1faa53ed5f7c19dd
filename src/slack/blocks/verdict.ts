// How a verdict reads wherever it appears: the tier with what it rests on (src/reports/verdict.ts), the screen and
// incomplete labels, and why the tier is what it is.
import type { SummaryView } from '../../flows/views.js';
import type { RedFlag } from '../../model.js';
import { DIMENSION_LABELS } from '../../questions/model.js';
import { examinedPhrase, tierReasons, vettingKind, type VerdictFormat } from '../../reports/verdict.js';
import type { RiskTier, Scorecard } from '../../scoring/types.js';
import { MIN_COVERAGE } from '../../scoring/weights.js';
import { calendarDay } from '../../time.js';
import { esc, percent, score } from '../text.js';

export const INCOMPLETE_BADGE = ':warning: *Incomplete*';
/** A quick screen (`--lite`) tells whether to run a full vetting, not that the vendor is safe. */
export const SCREEN_BADGE = ':mag: *Screen*';
export const SINGLE_EVALUATOR_BADGE = ':bust_in_silhouette: *Single-evaluator verdict*';

export function slackFormat(timeZone: string): VerdictFormat {
  return { mention: (u) => `<@${u}>`, day: (d) => calendarDay(d, timeZone), text: esc };
}

const TIER_LABEL: Record<RiskTier, string> = {
  low: ':large_green_circle: Low risk',
  medium: ':large_yellow_circle: Medium risk',
  high: ':large_orange_circle: High risk',
  critical: ':red_circle: Critical risk',
};

export function tierText(tier: RiskTier | null): string {
  return tier ? TIER_LABEL[tier] : 'not rated yet';
}

/** The screen, incomplete and single-evaluator labels, each " · "-prefixed, or ''. */
export function badges(c: Scorecard): string {
  return [c.verdict.screen && SCREEN_BADGE, c.verdict.incomplete && INCOMPLETE_BADGE, c.panel.raters.length === 1 && c.panel.minEvaluators > 1 && SINGLE_EVALUATOR_BADGE]
    .filter((b): b is string => typeof b === 'string')
    .map((b) => ` · ${b}`)
    .join('');
}

/** "High risk: 2 high risks accepted by @cfo until 2027-06-01; …": the tier with what it rests on. */
export function tierStatementText(c: Scorecard, flags: readonly RedFlag[], timeZone: string): string {
  return `${tierText(c.tier)}: ${tierReasons(c, flags, slackFormat(timeZone))}`;
}

/**
 * Where the interview's flags are not at hand (its parent message): score, tier, what was examined and the labels.
 * The summary beside it says what is accepted.
 */
export function standingBrief(c: Scorecard): string {
  return `${score(c.overall.score)} · ${tierText(c.tier)}: ${examinedPhrase(c)}; ${vettingKind(c)}${badges(c)}`;
}

/** Score, tier with what it rests on, and the labels: one line for lists and headings. */
export function standingText(s: Pick<SummaryView, 'scorecard' | 'flags' | 'timeZone'>): string {
  return `${score(s.scorecard.overall.score)} · ${tierStatementText(s.scorecard, s.flags, s.timeZone)}${badges(s.scorecard)}`;
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
    parts.push(
      `*Incomplete vetting:* ${percent(c.overall.coverage)} of the weighted questions answered (${percent(MIN_COVERAGE)} needed)${missing}. An incomplete vetting is never rated better than high risk.`,
    );
  }
  if (v.unanswered.length > 0) {
    parts.push(
      `${v.unanswered.length} question${v.unanswered.length === 1 ? '' : 's'} unanswered: ${v.unanswered.length === 1 ? 'it earns' : 'they earn'} nothing in the score${v.unknownRisk ? `, and the tier is no better than the worst ${v.unanswered.length === 1 ? 'it' : 'they'} could reveal (${v.unknownRisk})` : ''}.`,
    );
  }
  return parts.length > 0 ? parts.join('\n') : null;
}
