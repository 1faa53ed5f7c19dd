// The vendor portfolio: `/vet list`, `/vet compare` and the App Home dashboard.
import type { types } from '@slack/bolt';
import { compareStanding, type VendorStanding } from '../../flows/portfolio.js';
import type { Scorecard } from '../../scoring/types.js';
import type { FlagWithContext, Interview } from '../../model.js';
import { DIMENSION_LABELS, DIMENSIONS, MODEL_LABELS, SEVERITIES } from '../../questions/model.js';
import { calendarDay } from '../../time.js';
import { ACTION } from '../ids.js';
import { bold, clip, esc, escEntities, fitLines, MAX_SECTION_TEXT } from '../text.js';
import { MAX_MESSAGE_BLOCKS } from './flags.js';
import { USAGE } from './interview.js';
import { chasedSection } from './evidence.js';
import type { ChasedRequest } from '../../flows/evidence.js';
import { standingText } from './verdict.js';
import type { RenderedMessage } from './question.js';

type Block = types.KnownBlock;

export const MAX_HOME_BLOCKS = 100;

/**
 * Accepted risks the Home tab is given: more than its section can hold, as every line is over 30 characters (the
 * words, a date and a mention around the vendor and flag), so the rest are only counted and never need reading.
 */
export const MAX_EXPIRING_LINES = Math.ceil(MAX_SECTION_TEXT / 30);

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '–');

function flagCounts(s: VendorStanding): string {
  const total = SEVERITIES.reduce((n, sev) => n + s.openFlags[sev], 0);
  if (total === 0) return 'no open flags';
  const parts = [...SEVERITIES]
    .reverse()
    .filter((sev) => s.openFlags[sev] > 0)
    .map((sev) => `${s.openFlags[sev]} ${sev}`);
  return `${total} open flag${total === 1 ? '' : 's'} (${parts.join(', ')})`;
}

export function standingLine(s: VendorStanding): string {
  const scoreText = s.latest ? standingText(s.latest) : 'no completed interview';
  return [
    `${bold(s.vendor.name)}`,
    s.model ? MODEL_LABELS[s.model] : 'model not set',
    scoreText,
    flagCounts(s),
    `last vetted ${day(s.lastCompletedAt)}`,
    ...(s.inProgress ? ['_interview in progress_'] : []),
  ].join(' · ');
}

/** Vendors `/vet list` shows: a message's blocks but the heading and the "…and N more" line. */
export const LIST_ROWS = MAX_MESSAGE_BLOCKS - 2;

/** `rows`: the first vendors in list order (at least LIST_ROWS of them when there are); `total`: how many in all. */
export function renderList(rows: readonly VendorStanding[], total = rows.length): RenderedMessage {
  if (total === 0) return { text: 'No vendors yet.', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'No vendors yet. Start with `/vet start <vendor>`.' } }] };
  const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: `*Vendors* (${total}), worst risk first` } }];
  const shown = rows.slice(0, LIST_ROWS);
  for (const r of shown) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: standingLine(r) } });
  if (shown.length < total) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${total - shown.length} more vendors.` }] });
  return { text: `${total} vendors`, blocks };
}

type Row = { label: string; values: (number | null)[]; better: 'higher' | 'lower'; format: (v: number | null) => string };

const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);
const num = (v: number | null) => (v === null ? '–' : String(Math.round(v)));

/** The comparison as a monospaced table (it renders the same on every Slack client); ★ marks the best value. */
export function compareTable(cols: readonly VendorStanding[]): string {
  const rows: Row[] = [
    { label: 'Overall', values: cols.map((c) => c.latest?.scorecard.overall.score ?? null), better: 'higher', format: num },
    { label: '  coverage', values: cols.map((c) => c.latest?.scorecard.overall.coverage ?? null), better: 'higher', format: pct },
    ...DIMENSIONS.flatMap((d): Row[] => [
      { label: DIMENSION_LABELS[d].split(' ')[0]!, values: cols.map((c) => c.latest?.scorecard.dimensions.find((x) => x.dimension === d)?.score ?? null), better: 'higher', format: num },
      { label: '  coverage', values: cols.map((c) => c.latest?.scorecard.dimensions.find((x) => x.dimension === d)?.coverage ?? null), better: 'higher', format: pct },
    ]),
    // A vendor never vetted has no flags because nobody looked, not because it is clean: no value to compare.
    ...[...SEVERITIES].reverse().map((sev): Row => ({ label: `Open ${sev}`, values: cols.map((c) => (c.latest ? c.openFlags[sev] : null)), better: 'lower', format: num })),
    { label: 'Evidence', values: cols.map((c) => c.latest?.scorecard.evidence.coverage ?? null), better: 'higher', format: pct },
  ];
  const width = 14;
  const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length));
  const header = pad('', width) + cols.map((c) => pad(clip(c.vendor.name, width - 2), width)).join('');
  const lines = rows.map((r) => {
    const present = r.values.filter((v): v is number => v !== null);
    const best = present.length > 1 ? (r.better === 'higher' ? Math.max(...present) : Math.min(...present)) : null;
    const allSame = present.length > 1 && present.every((v) => v === present[0]);
    return pad(r.label, width) + r.values.map((v) => pad(`${r.format(v)}${v !== null && v === best && !allSame ? ' ★' : ''}`, width)).join('');
  });
  const tiers = pad('Tier', width) + cols.map((c) => pad(c.latest?.scorecard.tier ?? '–', width)).join('');
  const verdicts = pad('Vetting', width) + cols.map((c) => pad(c.latest ? vettingCell(c.latest.scorecard) : '–', width)).join('');
  // Ranked by tier, then a full vetting before a screen of the same tier, then score; 1 is the best.
  const ranked = cols.filter((c) => c.latest).sort((a, b) => compareStanding(b, a));
  const rank = (c: VendorStanding) => (c.latest ? String(1 + ranked.findIndex((r) => compareStanding(r, c) === 0)) : '–');
  const ranks = pad('Rank', width) + cols.map((c) => pad(rank(c), width)).join('');
  return escEntities(['```', header, ...lines, tiers, verdicts, ranks, '```'].join('\n'));
}

/** What kind of vetting, in a table cell: a screen and an incomplete one are never called complete. */
function vettingCell(c: Scorecard): string {
  // 13 characters at most, so the next column stays apart.
  if (c.verdict.screen) return c.verdict.incomplete ? 'SCREEN,INCOMP' : 'SCREEN';
  if (c.verdict.incomplete) return 'INCOMPLETE';
  if (c.panel.final) return 'final';
  return c.panel.raters.length === 1 ? '1 evaluator' : `${c.panel.raters.length} evaluators`;
}

/** Scores weigh dimensions by engagement model and come from a bank version: say when the columns differ. */
function basisNotes(cols: readonly VendorStanding[]): string[] {
  const vetted = cols.flatMap((c) => (c.latest ? [{ name: c.vendor.name, interview: c.latest.interview }] : []));
  const describe = (key: (i: Interview) => string, what: string) => {
    const groups = new Map<string, string[]>();
    for (const v of vetted) groups.set(key(v.interview), [...(groups.get(key(v.interview)) ?? []), v.name]);
    if (groups.size < 2) return [];
    return [`:warning: Vetted under different ${what}: ${[...groups].map(([k, names]) => `${names.map(esc).join(', ')} as ${esc(k)}`).join('; ')}. Their scores weigh or ask different things.`];
  };
  return [
    ...describe((i) => (i.model ? MODEL_LABELS[i.model] : 'no model'), 'engagement models'),
    ...describe((i) => `${i.bankId} ${i.bankVersion}${i.variant === 'lite' ? ' (lite)' : ''}`, 'question banks'),
  ];
}

export function renderCompare(cols: readonly VendorStanding[], opts: { shareButton?: boolean; sharedBy?: string } = {}): RenderedMessage {
  const names = cols.map((c) => `${bold(c.vendor.name)}`).join(' vs ');
  const notes = [
    ...cols.filter((c) => !c.latest).map((c) => `${esc(c.vendor.name)} has no completed interview yet.`),
    ...cols.filter((c) => c.latest?.scorecard.verdict.incomplete).map((c) => `${esc(c.vendor.name)}'s vetting is incomplete: what it did not examine counts as earning nothing.`),
    ...cols
      .filter((c) => c.latest?.scorecard.verdict.screen)
      .map((c) => `${esc(c.vendor.name)} had a quick screen only: it tells whether to run a full vetting, never rates better than medium, and ranks below a full vetting of the same tier.`),
    ...basisNotes(cols),
  ];
  const blocks: Block[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `Comparing ${names}: each vendor's latest completed interview; ★ marks the best value in each row.` } },
    { type: 'section', text: { type: 'mrkdwn', text: compareTable(cols) } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: fitLines(cols.map((c) => `${bold(c.vendor.name)}: ${c.latest ? standingText(c.latest) : 'no completed interview'}`)) },
    },
  ];
  if (notes.length > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: notes.join(' ') }] });
  if (opts.sharedBy) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Shared by <@${opts.sharedBy}>` }] });
  if (opts.shareButton) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Post to channel' }, action_id: ACTION.comparePost, value: cols.map((c) => c.vendor.id).join(','), style: 'primary' }],
    });
  }
  return { text: `Comparison: ${cols.map((c) => esc(c.vendor.name)).join(' vs ')}`, blocks };
}

export function renderHome(data: {
  mine: readonly { interview: Interview; link: string | null }[];
  /** The first vendors by risk (at least as many as there is room for, when there are). */
  vendors: readonly VendorStanding[];
  /** How many vendors in all (`vendors.length` when omitted). */
  vendorCount?: number;
  /** The accepted risks expiring soonest (at least MAX_EXPIRING_LINES of them when there are). */
  expiring: readonly FlagWithContext[];
  /** How many accepted risks expire soon in all (`expiring.length` when omitted). */
  expiringCount?: number;
  /** Open evidence requests the person chases, soonest due first, with links to their questions. */
  chased?: readonly { request: ChasedRequest; link: string | null }[];
  timeZone: string;
  userId: string;
}): types.HomeView {
  // The person's own work first (what they lead, what they own), then the portfolio, then how to use the bot.
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: 'vet: vendor vetting' } }];
  const mine = data.mine.map(({ interview: i, link }) => `• ${link ? `<${link}|${esc(i.vendor.name)}>` : `${bold(i.vendor.name)}`} in <#${i.channelId}>, started ${day(i.startedAt)}`);
  blocks.push({
    type: 'section',
    text: { type: 'mrkdwn', text: mine.length > 0 ? fitLines(['*Your interviews in progress*', ...mine]) : '*Your interviews in progress*\nNone. Start one in a channel with `/vet start <vendor>`.' },
  });

  blocks.push(...chasedSection(data.chased ?? []));

  const expiring = data.expiring.map(
    (f) =>
      `• ${esc(f.vendor.name)}: ${esc(clip(f.message, 200))} · expires ${f.acceptExpiresAt ? calendarDay(f.acceptExpiresAt, data.timeZone) : '–'} · owner <@${f.ownerId ?? f.statusBy}>${f.ownerId === data.userId ? ' *(you)*' : ''}`,
  );
  const expiringCount = data.expiringCount ?? expiring.length;
  if (expiringCount > 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: fitLines(['*Accepted risks expiring within 14 days*', ...expiring], MAX_SECTION_TEXT, undefined, expiringCount + 1) } });
  }

  const vendorCount = data.vendorCount ?? data.vendors.length;
  blocks.push({ type: 'divider' }, { type: 'section', text: { type: 'mrkdwn', text: vendorCount > 0 ? '*Vendors by risk*' : '*Vendors by risk*\nNo vendors yet.' } });
  const usage: Block[] = [{ type: 'divider' }, { type: 'section', text: { type: 'mrkdwn', text: USAGE } }];
  // Room for the vendors: everything but the "…and N more" line and the command list.
  const room = MAX_HOME_BLOCKS - blocks.length - 1 - usage.length;
  for (const v of data.vendors.slice(0, room)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: standingLine(v) } });
  if (vendorCount > room) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${vendorCount - room} more: \`/vet list\`` }] });
  blocks.push(...usage);
  return { type: 'home', blocks };
}
