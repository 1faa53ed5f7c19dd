// Red flags as Slack shows them wherever they appear (summary, digest, /vet flags): one line each, with
// Resolve / Accept-risk buttons while they are open, within Slack's block limit.
import type { types } from '@slack/bolt';
import type { FlagWithContext, RedFlag } from '../../model.js';
import type { Severity } from '../../questions/model.js';
import { ACTION, flagButtonValue, type FlagSource } from '../ids.js';
import { clip, esc, MAX_SECTION_TEXT } from '../text.js';

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
  const title = questionTitle ? ` _(${esc(questionTitle)})_` : '';
  return clip([`${SEVERITY_BADGE[f.severity]} · ${esc(f.message)}${title}`, ...extras].join(' · '), MAX_SECTION_TEXT);
}

export function flagButtons(f: RedFlag, source: FlagSource): Block {
  return {
    type: 'actions',
    block_id: `flag|${f.id}`,
    elements: [
      { type: 'button', text: { type: 'plain_text', text: 'Resolve' }, action_id: ACTION.flagResolve, value: flagButtonValue(f.id, source), style: 'primary' },
      { type: 'button', text: { type: 'plain_text', text: 'Accept risk' }, action_id: ACTION.flagAccept, value: flagButtonValue(f.id, source) },
    ],
  };
}

/**
 * Appends one section (and, while open, the buttons) per flag until `room` blocks are used; what does not fit is
 * counted in one closing line that says where to see the rest.
 */
export function appendFlagBlocks(
  blocks: Block[],
  items: readonly { flag: RedFlag | FlagWithContext; text: string }[],
  source: FlagSource,
  room: number,
  rest: (n: number) => string,
): void {
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

/** `/vet flags <vendor>`: the vendor's open flags with their buttons. */
export function renderVendorFlags(vendor: string, flags: readonly FlagWithContext[], titles: ReadonlyMap<string, string>): { text: string; blocks: Block[] } {
  const open = flags.filter((f) => f.status === 'open');
  const blocks: Block[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: open.length === 0 ? `*${esc(vendor)}* has no open red flags.` : `*${esc(vendor)}*: ${open.length} open red flag${open.length === 1 ? '' : 's'}` },
    },
  ];
  appendFlagBlocks(
    blocks,
    open.map((f) => ({ flag: f, text: flagText(f, titles.get(`${f.interviewId}|${f.questionId}`) ?? null, [`raised ${f.createdAt.toISOString().slice(0, 10)}`, ...(f.statusReason ? [esc(f.statusReason)] : [])]) })),
    'flags',
    MAX_MESSAGE_BLOCKS - blocks.length,
    (n) => `…and ${n} more: resolve or accept some of these to see the rest.`,
  );
  return { text: `${esc(vendor)}: ${open.length} open red flags`, blocks };
}
