// The weekly digest of what is still open, grouped by vendor, worst first.
import type { types } from '@slack/bolt';
import type { DigestView, VendorDigest } from '../../flows/digestContent.js';
import type { DigestSchedule } from '../../store/digests.js';
import { calendarDay } from '../../time.js';
import { bold, clip, esc, fitLines } from '../text.js';
import { age, appendFlagBlocks, flagText, MAX_MESSAGE_BLOCKS, SEVERITY_BADGE } from './flags.js';
import { overdueEvidenceLine } from './evidence.js';
import { badges, INCOMPLETE_BADGE, tierStatementText } from './verdict.js';
import type { RenderedMessage } from './question.js';

type Block = types.KnownBlock;

function vendorLines(v: VendorDigest, day: (d: Date) => string): string[] {
  const lines: string[] = [];
  for (const e of v.expiring) lines.push(`• Accepted risk expires ${day(e.expiresAt)}: ${esc(e.flag.message)} (owner <@${e.flag.ownerId ?? e.flag.statusBy}>)`);
  // A certificate date is a calendar date (UTC midnight), not an instant: shown as is, in no zone.
  const date = (d: Date) => d.toISOString().slice(0, 10);
  for (const c of v.certificates) {
    lines.push(
      c.kind === 'expiry'
        ? `• ${esc(c.label)}: ${c.alreadyStale ? `expired on ${date(c.staleOn)}` : `expires on ${date(c.staleOn)}`}; ask for the renewed certificate`
        : `• ${esc(c.label)}: ${c.alreadyStale ? `stale since ${date(c.staleOn)}` : `turns stale on ${date(c.staleOn)}`}; ask for the current report`,
    );
  }
  for (const c of v.overdueEvidence) lines.push(overdueEvidenceLine(c));
  for (const u of v.unfinished) lines.push(`• Interview started ${day(u.interview.startedAt)} is unfinished after ${u.days} days: finish it or \`/vet finish ${esc(u.interview.vendor.name)}\``);
  if (v.revetDue) lines.push(`• Due for re-vetting: last completed interview on ${day(v.revetDue.lastCompletedAt)}; \`/vet start ${esc(v.vendor.name)}\``);
  return lines;
}

export function renderDigest(view: DigestView): RenderedMessage {
  const day = (d: Date) => calendarDay(d, view.timeZone);
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: `Red-flag digest · ${day(view.generatedAt)}` } }];
  if (view.vendors.length === 0) {
    const text = ':white_check_mark: All clear: no open red flags, no acceptance about to expire, no certificate going stale, no overdue evidence, no incomplete vetting, nothing unfinished or due.';
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
    return { text: 'Red-flag digest: all clear', blocks };
  }
  const total = view.vendors.reduce((n, v) => n + v.open.length, 0);
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `${total} open red flag${total === 1 ? '' : 's'} across ${view.vendors.length} vendor${view.vendors.length === 1 ? '' : 's'}${view.since ? ` · *new* = since the digest of ${day(view.since)}` : ''}`,
      },
    ],
  });
  let omittedVendors = 0;
  for (const [index, v] of view.vendors.entries()) {
    // Each vendor needs its heading and the closing line at the very least.
    if (blocks.length + 3 > MAX_MESSAGE_BLOCKS) {
      omittedVendors = view.vendors.length - index;
      break;
    }
    const labels = v.verdict ? badges(v.verdict.scorecard) : v.incomplete ? ` · ${INCOMPLETE_BADGE}` : '';
    const heading = `${bold(v.vendor.name)}${labels} · ${v.open.length} open${v.worst ? ` · worst ${SEVERITY_BADGE[v.worst]}` : ''}`;
    const standing = v.verdict ? [`Latest vetting: ${tierStatementText(v.verdict.scorecard, v.verdict.flags, view.timeZone)}`] : [];
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: fitLines([heading, ...standing, ...vendorLines(v, day)]) } });
    const room = Math.min(MAX_MESSAGE_BLOCKS - blocks.length - 1, Math.max(3, Math.floor((MAX_MESSAGE_BLOCKS - 4) / view.vendors.length)));
    appendFlagBlocks(
      blocks,
      v.open.map((o) => ({
        flag: o.flag,
        text: flagText(o.flag, o.questionTitle, [
          o.openForDays < 1 ? 'opened today' : `open for ${age(o.openForDays)}`,
          ...(o.isNew ? ['*new*'] : []),
          ...(o.acceptanceExpired ? ['*acceptance expired*'] : []),
        ]),
      })),
      'digest',
      room,
      (n) => `…and ${n} more for ${esc(v.vendor.name)}: \`/vet flags ${esc(v.vendor.name)}\``,
    );
  }
  if (omittedVendors > 0)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${omittedVendors} more vendor${omittedVendors === 1 ? '' : 's'} with open items: \`/vet flags <vendor>\`` }] });
  return { text: clip(`Red-flag digest: ${total} open red flags`, 2000), blocks };
}

export function renderScheduleInfo(s: DigestSchedule, next: Date): string {
  const when = `${s.weekday[0]!.toUpperCase()}${s.weekday.slice(1)}s at ${s.time} (${esc(s.timeZone)})`;
  return s.enabled
    ? `This channel's red-flag digest is posted on ${when}; the next one on ${next.toISOString().slice(0, 16).replace('T', ' ')} UTC. Change it with \`/vet digest schedule <weekday> <HH:MM> [time zone]\`, pause it with \`/vet digest off\`, or post one now with \`/vet digest now\`.`
    : `This channel's red-flag digest is off (it would run on ${when}). Turn it on with \`/vet digest on\`.`;
}
