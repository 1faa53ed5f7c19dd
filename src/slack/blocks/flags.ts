// Red flags as Slack shows them wherever they appear (summary, digest, /vet flags): one line each, with
// Resolve / Accept-risk buttons while they are open, within Slack's block limit.
import type { types } from '@slack/bolt';
import type { FlagWithContext, RedFlag } from '../../model.js';
import type { Severity } from '../../questions/model.js';
import { ACTION, flagButtonValue, flagsPageValue, type FlagSource } from '../ids.js';
import { bold, italic, addressLink, clip, esc, MAX_SECTION_TEXT, seenText } from '../text.js';

type Block = types.KnownBlock;

/** Slack allows 50 blocks in a message; we keep one spare for the "and N more" line. */
export const MAX_MESSAGE_BLOCKS = 50;

export const SEVERITY_BADGE: Record<Severity, string> = {
  critical: ':red_circle: *Critical*',
  high: ':large_orange_circle: *High*',
  medium: ':large_yellow_circle: *Medium*',
  low: ':white_circle: *Low*',
};

export function age(days: number): string {
  if (days < 1) return 'today';
  if (days < 14) return `${days} day${days === 1 ? '' : 's'}`;
  if (days < 60) return `${Math.floor(days / 7)} weeks`;
  return `${Math.floor(days / 30)} months`;
}

export function flagText(f: RedFlag, questionTitle: string | null, extras: readonly string[] = []): string {
  // Many messages already quote their question ("Evaluators disagree on …"): name it once.
  const title = questionTitle && !f.message.includes(questionTitle) ? ` ${italic(`(${questionTitle})`)}` : '';
  // A proposed resolution is not one yet: said on the open flag, with what was seen, until a second person confirms.
  const proposal =
    f.status === 'open' && f.proposal
      ? [
          `resolution proposed by <@${esc(f.proposal.by)}>: ${esc(clip(f.proposal.reason, 300))}${f.proposal.seen ? ` (seen: ${seenText(f.proposal.seen)})` : ''}${f.proposal.link ? ` (${addressLink(f.proposal.link, null)})` : ''}; waiting for a second person to confirm it`,
        ]
      : [];
  return clip([`${SEVERITY_BADGE[f.severity]} · ${esc(f.message)}${title}`, ...proposal, ...extras].join(' · '), MAX_SECTION_TEXT);
}

export function flagButtons(f: RedFlag, source: FlagSource, page = 0): Block {
  return {
    type: 'actions',
    block_id: `flag|${f.id}`,
    elements: [
      {
        type: 'button',
        text: { type: 'plain_text', text: f.proposal ? 'Confirm resolution' : 'Resolve' },
        action_id: ACTION.flagResolve,
        value: flagButtonValue(f.id, source, page),
        style: 'primary',
      },
      { type: 'button', text: { type: 'plain_text', text: 'Accept risk' }, action_id: ACTION.flagAccept, value: flagButtonValue(f.id, source, page) },
    ],
  };
}

/**
 * Appends one section (and, while open, the buttons) per flag until `room` blocks are used; what does not fit is
 * counted in one closing line that says where to see the rest.
 */
export function appendFlagBlocks(blocks: Block[], items: readonly { flag: RedFlag | FlagWithContext; text: string }[], source: FlagSource, room: number, rest: (n: number) => string): void {
  const limit = blocks.length + room - 1;
  let shown = 0;
  for (const { flag, text } of items) {
    const needed = flag.status === 'open' ? 2 : 1;
    if (blocks.length + needed > limit) break;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
    if (flag.status === 'open') blocks.push(flagButtons(flag, source));
    shown++;
  }
  if (shown < items.length) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: rest(items.length - shown) }] });
}

/** Flags with their buttons on one page of `/vet flags`: 2 blocks each, within Slack's 50 with the heading and Previous / Next. */
export const FLAGS_PER_PAGE = 20;

/** The button that shows a page of a vendor's open flags. */
export function flagsPageButton(text: string, vendor: string, page: number, actionSuffix = ''): types.Button {
  return { type: 'button', text: { type: 'plain_text', text }, action_id: `${ACTION.flagsPage}${actionSuffix}`, value: flagsPageValue({ vendor, page }) };
}

/**
 * `/vet flags <vendor>`: one page of the vendor's open flags with their buttons, worst first, and Previous / Next
 * when there are more. A page past the end (flags were decided meanwhile) shows the last one.
 */
/** Worst first, as the summary and the digest group them. */
const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export function renderVendorFlags(vendor: string, flags: readonly FlagWithContext[], titles: ReadonlyMap<string, string>, page = 0): { text: string; blocks: Block[] } {
  const open = flags.filter((f) => f.status === 'open').sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.id - b.id);
  const pages = Math.max(1, Math.ceil(open.length / FLAGS_PER_PAGE));
  const at = Math.min(page, pages - 1);
  const first = at * FLAGS_PER_PAGE;
  const shown = open.slice(first, first + FLAGS_PER_PAGE);
  const count = `${open.length} open red flag${open.length === 1 ? '' : 's'}`;
  const where = pages > 1 ? ` · page ${at + 1} of ${pages} (${first + 1}–${first + shown.length})` : '';
  const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: open.length === 0 ? `${bold(vendor)} has no open red flags.` : `${bold(vendor)}: ${count}${where}` } }];
  for (const f of shown) {
    const extras = [`raised ${f.createdAt.toISOString().slice(0, 10)}`, ...(f.statusReason ? [esc(f.statusReason)] : [])];
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: flagText(f, titles.get(`${f.interviewId}|${f.questionId}`) ?? null, extras) } }, flagButtons(f, 'flags', at));
  }
  const nav: types.Button[] = [...(at > 0 ? [flagsPageButton('Previous', vendor, at - 1, '.previous')] : []), ...(at < pages - 1 ? [flagsPageButton('Next', vendor, at + 1, '.next')] : [])];
  if (nav.length > 0) blocks.push({ type: 'actions', block_id: 'flags|pages', elements: nav });
  return { text: `${esc(vendor)}: ${count}`, blocks };
}
