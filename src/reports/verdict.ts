// How a verdict reads, wherever it appears (summary, /vet list, /vet compare, Home, digest, Markdown and CSV
// reports): the tier with what was examined, what failed outright and what is accepted, and what kind of vetting it
// is. One renderer, so no place can show a bare "Low". Pure: each surface passes its own way to name a person.
import type { RedFlag } from '../model.js';
import { SEVERITIES, type Severity } from '../questions/model.js';
import type { RiskTier, Scorecard } from '../scoring/types.js';
import { calendarDay } from '../time.js';

export interface VerdictFormat {
  /** How a Slack user is named: `<@U…>` in Slack, the bare id in a file. */
  mention(userId: string): string;
  /** How a day is written (accepted risks expire on a calendar day of the bot's time zone). */
  day(d: Date): string;
  /** How text from the bank (a question's title) is made safe for the surface. */
  text(s: string): string;
}

const TIER_WORD: Record<RiskTier, string> = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };

/** What kind of vetting this is, as labels: a screen, incomplete, who rated it, or final. */
export type VettingLabel = 'screen' | 'incomplete' | 'single-evaluator verdict' | 'final' | `${number}-evaluator verdict` | 'no ratings yet';

export function vettingLabels(c: Scorecard): VettingLabel[] {
  const labels: VettingLabel[] = [];
  if (c.verdict.screen) labels.push('screen');
  if (c.verdict.incomplete) labels.push('incomplete');
  const raters = c.panel.raters.length;
  if (raters === 0) labels.push('no ratings yet');
  else if (raters < c.panel.minEvaluators) labels.push(raters === 1 ? 'single-evaluator verdict' : `${raters}-evaluator verdict`);
  else if (c.panel.final) labels.push('final');
  return labels;
}

/** The labels as one phrase: "screen, single-evaluator verdict". */
export function vettingKind(c: Scorecard): string {
  return vettingLabels(c).join(', ');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 high risks accepted by @cfo until 2027-06-01", one phrase per owner, expiry and severity, gravest first. */
export function acceptedPhrases(flags: readonly RedFlag[], fmt: VerdictFormat): string[] {
  const groups = new Map<string, { severity: Severity; owner: string; until: Date | null; n: number }>();
  for (const f of flags) {
    if (f.status !== 'accepted') continue;
    const owner = f.ownerId ?? f.statusBy ?? '?';
    const key = `${f.severity}|${owner}|${f.acceptExpiresAt?.toISOString() ?? ''}`;
    const g = groups.get(key) ?? { severity: f.severity, owner, until: f.acceptExpiresAt, n: 0 };
    g.n++;
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || (a.until?.getTime() ?? Infinity) - (b.until?.getTime() ?? Infinity))
    .map((g) => `${plural(g.n, `${g.severity} risk`)} accepted by ${g.owner === '?' ? 'someone unrecorded' : fmt.mention(g.owner)}${g.until ? ` until ${fmt.day(g.until)}` : ''}`);
}

/** "knock-out failed: Breach notification (critical)", the failed ones first, at most `max` named. */
export function knockOutPhrase(c: Scorecard, fmt: Pick<VerdictFormat, 'text'>, max = 2): string | null {
  const k = c.verdict.knockOuts;
  if (k.length === 0) return null;
  const failed = k.filter((x) => x.state === 'failed');
  const unexamined = k.filter((x) => x.state === 'not-examined');
  const name = (xs: typeof k) => [...xs.slice(0, max).map((x) => `${fmt.text(x.title)} (${x.severity})`), ...(xs.length > max ? [`${xs.length - max} more`] : [])].join(', ');
  return [
    failed.length > 0 && `${failed.length === 1 ? 'knock-out' : `${failed.length} knock-outs`} failed: ${name(failed)}`,
    unexamined.length > 0 && `${unexamined.length === 1 ? 'knock-out' : `${unexamined.length} knock-outs`} not examined: ${name(unexamined)}`,
  ]
    .filter((p): p is string => typeof p === 'string')
    .join('; ');
}

/** "58 of 61 questions examined (3 N/A), evidence shown on 40 of 44", or for a screen "screen: 15 questions, …". */
export function examinedPhrase(c: Scorecard): string {
  const examined = `${c.counts.scored} of ${c.counts.total} question${c.counts.total === 1 ? '' : 's'} examined${c.counts.na > 0 ? ` (${c.counts.na} N/A)` : ''}`;
  const evidence = c.evidence.required > 0 ? `, evidence shown on ${c.evidence.shown} of ${c.evidence.required}` : '';
  return `${c.verdict.screen ? 'quick screen, ' : ''}${examined}${evidence}`;
}

/**
 * What the tier rests on: "2 high risks accepted by @cfo until 2027-06-01; 61 of 61 questions examined, evidence
 * shown on 40 of 44; final". `flags` are the interview's stored flags (the accepted ones are named with owner and
 * expiry).
 */
export function tierReasons(c: Scorecard, flags: readonly RedFlag[], fmt: VerdictFormat): string {
  const accepted = acceptedPhrases(flags, fmt);
  return [knockOutPhrase(c, fmt), accepted.length > 0 ? accepted.join(', ') : 'no risk accepted', examinedPhrase(c), vettingKind(c)].filter((p): p is string => p !== null && p !== '').join('; ');
}

/** The tier as a sentence that always says what it rests on: "High: 2 high risks accepted by @cfo until …; …". */
export function tierStatement(c: Scorecard, flags: readonly RedFlag[], fmt: VerdictFormat): string {
  return `${c.tier ? TIER_WORD[c.tier] : 'Not rated'}: ${tierReasons(c, flags, fmt)}`;
}

/** For files (Markdown, CSV): people by their Slack id, days in the bot's zone, text as it is. */
export function plainFormat(timeZone: string): VerdictFormat {
  return { mention: (u) => u, day: (d) => calendarDay(d, timeZone), text: (s) => s };
}
