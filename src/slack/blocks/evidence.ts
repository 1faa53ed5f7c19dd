// Evidence in Slack: the request line and buttons under a question, the answer under a shared file or link (Accept as
// evidence / Not sufficient), the request, withdrawal and "not sufficient" modals, the register, the reminder DM and
// the Home tab's "Evidence you chase". Everything a person typed or Slack named (file names, reasons, contacts) is
// escaped; mentions are made only of user ids Slack gave us.
import type { types } from '@slack/bolt';
import type { ChasedRequest, EvidenceRegister, Receipt, RegisterEntry, RequestForm } from '../../flows/evidence.js';
import { MAX_ASKED_LENGTH, MAX_CONTACT_LENGTH, MAX_REASON_LENGTH, REGISTER_STATE_LABELS, shownItem, type RegisterState } from '../../flows/evidenceRules.js';
import type { QuestionEvidence, QuestionView } from '../../flows/views.js';
import type { EvidenceItem, EvidenceRequest } from '../../model.js';
import { z } from 'zod';
import { decodeJson, encodeMeta, questionBlockId, type ModalMeta } from '../ids.js';
import { shownAddress } from '../../messageText.js';
import { bold, addressLink, clip, seenText, esc, escEntities, fitLines, MAX_BUTTON_TEXT, MAX_SECTION_TEXT } from '../text.js';
import type { RenderedMessage } from './message.js';
import { modalTitle } from './modals.js';

type Block = types.KnownBlock;

export const EVIDENCE_ACTION = {
  request: 'vet.evreq.open',
  withdraw: 'vet.evreq.withdraw',
  accept: 'vet.evitem.accept',
  reject: 'vet.evitem.reject',
} as const;
export const REQUEST_ACTIONS = /^vet\.evreq\.(open|withdraw)$/;
export const ITEM_ACTIONS = /^vet\.evitem\.(accept|reject)$/;

export const EVIDENCE_CALLBACK = {
  request: 'vet.evreq.save',
  withdraw: 'vet.evreq.withdraw',
  reject: 'vet.evitem.reject',
} as const;

/** Block and action ids of the modals' inputs (the same, so a field error lands under its field). */
export const EVIDENCE_INPUT = {
  asked: 'asked',
  chaser: 'chaser',
  due: 'due',
  contact: 'contact',
  reason: 'reason',
} as const;

/** Most blocks a message may carry. */
const MAX_BLOCKS = 50;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar day as people read it in Slack: "8 Dec 2026". */
export function longDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** An instant's UTC calendar day as `longDay` shows it. */
const dayOf = (d: Date) => longDay(d.toISOString().slice(0, 10));

const STATE_ICON: Record<RegisterState, string> = {
  requested: ':hourglass_flowing_sand:',
  overdue: ':warning:',
  received: ':inbox_tray:',
  shown: ':white_check_mark:',
  'not-sufficient': ':x:',
  withdrawn: ':heavy_minus_sign:',
};

/** "Q7" when the question was asked (the way to point at it in the thread). */
const qLabel = (position: number | null) => (position === null ? '' : `Q${position} · `);

/** A link Slack will show as one: only http(s) URLs that cannot break out of `<url|label>`; else the text as typed. */
function link(url: string | null, label: string): string {
  if (url && /^https?:\/\/[^\s<>|]+$/i.test(url)) return `<${escEntities(url)}|${esc(label)}>`;
  return esc(label);
}

/** A file by its name (with Slack's type), a link by its label or URL. */
export function itemName(i: EvidenceItem): string {
  if (i.kind === 'file') return i.name ?? `file ${i.fileId ?? ''}`.trim();
  return i.name ?? i.url ?? 'link';
}

/** A file by its name (its link is Slack's own); a link by its real address, never behind its label. */
function itemLink(i: EvidenceItem): string {
  if (i.kind === 'link' && i.url) return addressLink(i.url, i.name);
  return link(i.url, itemName(i));
}

function itemTitle(i: EvidenceItem): string {
  const type = i.kind === 'file' && i.fileType ? ` (${esc(i.fileType.toUpperCase())})` : '';
  return `${i.kind === 'file' ? ':page_facing_up:' : ':link:'} *${itemLink(i)}*${type}`;
}

function verdictText(i: EvidenceItem): string | null {
  if (i.verdict === 'accepted') return `:white_check_mark: Accepted as evidence by <@${i.verdictBy}>${i.verdictAt ? ` on ${dayOf(i.verdictAt)}` : ''}`;
  if (i.verdict === 'not_sufficient') return `:x: Not sufficient (<@${i.verdictBy}>${i.verdictAt ? `, ${dayOf(i.verdictAt)}` : ''}): ${esc(clip(i.verdictReason ?? '', 500))}`;
  return null;
}

function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): types.Button {
  return { type: 'button', text: { type: 'plain_text', text: clip(text, MAX_BUTTON_TEXT) }, action_id: actionId, value, ...(style && { style }) };
}

// ---------------------------------------------------------------------------------------------------------------
// Under a question
// ---------------------------------------------------------------------------------------------------------------

/** Who promised: an evaluator marked "Evidence promised"; else the request was made with the button. */
function requestedWord(v: QuestionView): string {
  return v.answers.some((a) => a.evidence === 'promised') ? 'promised' : 'requested';
}

function dueText(r: EvidenceRequest): string {
  return `due ${longDay(r.dueOn)}, chased by <@${r.chaserId}>`;
}

/** The line a question's message shows about its evidence, e.g. "Evidence promised, due 8 Dec 2026, chased by @alice". */
export function evidenceLine(v: QuestionView): string | null {
  const e: QuestionEvidence = v.evidence;
  if (!e.state) return null;
  const r = e.request;
  const review = e.items.filter((i) => i.verdict === null).length;
  const accepted = shownItem(r, e.items);
  const hint = v.position ? ` · the vendor can share it in this thread, starting the reply with \`Q${v.position}:\`` : '';
  const contact = r?.vendorContact ? ` · vendor contact: ${esc(r.vendorContact)}` : '';
  switch (e.state) {
    case 'shown': {
      // A file by its name; a link by its real address (never its label).
      const shown = accepted?.kind === 'link' && accepted.url ? addressLink(accepted.url, accepted.name) : accepted ? esc(itemName(accepted)) : '';
      if (accepted) return `${STATE_ICON.shown} *Evidence shown:* ${shown}, accepted by <@${accepted.verdictBy}>`;
      return `${STATE_ICON.shown} *Evidence shown*${r?.closedBy ? `, marked by <@${r.closedBy}>` : ''}`;
    }
    case 'withdrawn':
      return `${STATE_ICON.withdrawn} *Evidence request withdrawn* by <@${r!.closedBy}>: ${esc(clip(r!.closeReason ?? '', 300))}`;
    case 'received':
      return `${STATE_ICON.received} *Evidence received:* ${review} ${review === 1 ? 'file or link' : 'files or links'} to review in this thread${r ? ` · ${dueText(r)}` : ''}`;
    case 'overdue':
      return `${STATE_ICON.overdue} *Evidence ${requestedWord(v)}, overdue:* was ${dueText(r!)}${contact}${hint}`;
    case 'not-sufficient':
      return `${STATE_ICON['not-sufficient']} *Evidence shared was not sufficient*${r ? `; still ${requestedWord(v)}, ${dueText(r)}${contact}${hint}` : ''}`;
    case 'requested':
      return `${STATE_ICON.requested} *Evidence ${requestedWord(v)}*, ${dueText(r!)}${contact}${hint}`;
  }
}

/** "Request evidence" when nothing is open; "Change request" and "Withdraw request" while one is. */
export function evidenceControls(v: QuestionView): types.Button[] {
  const open = v.evidence.request?.status === 'open';
  if (!open) return [button(v.evidence.request ? 'Request evidence again' : 'Request evidence', EVIDENCE_ACTION.request, 'request')];
  return [button('Change request', EVIDENCE_ACTION.request, 'change'), button('Withdraw request', EVIDENCE_ACTION.withdraw, 'withdraw')];
}

/** The evidence section and its buttons, appended to a question message. */
export function evidenceBlocks(v: QuestionView): Block[] {
  const line = evidenceLine(v);
  return [
    ...(line ? [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: clip(line, MAX_SECTION_TEXT) } }] : []),
    { type: 'actions', block_id: questionBlockId(v.interview.id, v.question.id, 3), elements: evidenceControls(v) },
  ];
}

/**
 * Told to whoever marks "No evidence" while the question's request is open: the chase goes on until someone withdraws
 * it (with a reason), so the button to do that is right here.
 */
export function renderStillChased(interviewId: number, c: { question: { id: string; title: string; position: number | null }; request: EvidenceRequest }): RenderedMessage {
  const text = `Recorded: no evidence. The evidence request on ${bold(`${qLabel(c.question.position)}${c.question.title}`)} is still open (${dueText(c.request)}), so reminders go on until it is shown or withdrawn. If the evidence will not come, withdraw the request with a reason.`;
  return {
    text: esc(clip(`The evidence request on ${qLabel(c.question.position)}${c.question.title} is still open; withdraw it if the evidence will not come.`, 2000)),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: clip(text, MAX_SECTION_TEXT) } },
      { type: 'actions', block_id: questionBlockId(interviewId, c.question.id, 3), elements: [button('Withdraw request', EVIDENCE_ACTION.withdraw, 'withdraw')] },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Under a shared file or link
// ---------------------------------------------------------------------------------------------------------------

export function itemBlockId(itemId: number): string {
  return `vet.evitem|${itemId}`;
}

export function parseItemValue(value: string | undefined): number | null {
  return /^\d+$/.test(value ?? '') ? Number(value) : null;
}

/** The bot's answer under a message that shared files or links: each with its verdict, or the two buttons. */
export function renderReceipt(r: Receipt): RenderedMessage {
  const n = r.items.length;
  const what = r.items.every((i) => i.kind === 'file') ? (n === 1 ? 'A file' : `${n} files`) : r.items.every((i) => i.kind === 'link') ? (n === 1 ? 'A link' : `${n} links`) : `${n} files and links`;
  const outsider = r.byEvaluator ? '' : ` <@${r.sharedBy}> is not an evaluator of this vetting: it is kept, and an evaluator decides whether it counts.`;
  // Said only while something is left to decide: once decided, the verdicts below speak for themselves.
  const already = r.alreadyShown && r.items.some((i) => !i.verdict) ? ' Evidence on this question was already shown; accepting this adds it to the record.' : '';
  const head = `:paperclip: ${what} shared by <@${r.sharedBy}> for ${bold(`${qLabel(r.question.position)}${r.question.title}`)}.${outsider}${already}`;
  const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: clip(head, MAX_SECTION_TEXT) } }];
  for (const i of r.items) {
    if (blocks.length + 2 > MAX_BLOCKS) break;
    const verdict = verdictText(i);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(verdict ? `${itemTitle(i)}\n${verdict}` : itemTitle(i), MAX_SECTION_TEXT) } });
    if (!verdict) {
      blocks.push({
        type: 'actions',
        block_id: itemBlockId(i.id),
        elements: [button('Accept as evidence', EVIDENCE_ACTION.accept, String(i.id), 'primary'), button('Not sufficient', EVIDENCE_ACTION.reject, String(i.id), 'danger')],
      });
    }
  }
  // The notification text is plain: a link by its real address, never its label.
  const names = r.items.map((i) => (i.kind === 'link' && i.url ? (shownAddress(i.url) ?? i.url) : itemName(i))).join(', ');
  return { text: esc(clip(`Evidence shared for ${qLabel(r.question.position)}${r.question.title}: ${names}`, 2000)), blocks };
}

// ---------------------------------------------------------------------------------------------------------------
// Modals
// ---------------------------------------------------------------------------------------------------------------

export function requestModal(meta: ModalMeta, f: RequestForm): types.ModalView {
  return {
    type: 'modal',
    callback_id: EVIDENCE_CALLBACK.request,
    private_metadata: encodeMeta(meta),
    title: modalTitle(f.editing ? 'Change request' : 'Request evidence'),
    submit: { type: 'plain_text', text: f.editing ? 'Save' : 'Request' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'context', elements: [{ type: 'plain_text', text: clip(`${qLabel(f.question.position)}${f.question.title}`, 2000) }] },
      {
        type: 'input',
        block_id: EVIDENCE_INPUT.asked,
        label: { type: 'plain_text', text: 'What should the vendor show?' },
        element: { type: 'plain_text_input', action_id: EVIDENCE_INPUT.asked, multiline: true, max_length: MAX_ASKED_LENGTH, initial_value: clip(f.asked, MAX_ASKED_LENGTH) },
      },
      {
        type: 'input',
        block_id: EVIDENCE_INPUT.chaser,
        label: { type: 'plain_text', text: 'Who chases it' },
        hint: { type: 'plain_text', text: 'Gets a DM on the due date and once a week after, until it is shown or withdrawn.' },
        element: { type: 'users_select', action_id: EVIDENCE_INPUT.chaser, initial_user: f.chaserId },
      },
      {
        type: 'input',
        block_id: EVIDENCE_INPUT.due,
        label: { type: 'plain_text', text: 'Due on' },
        element: { type: 'datepicker', action_id: EVIDENCE_INPUT.due, initial_date: f.dueOn },
      },
      {
        type: 'input',
        block_id: EVIDENCE_INPUT.contact,
        optional: true,
        label: { type: 'plain_text', text: 'Vendor contact' },
        hint: { type: 'plain_text', text: 'Who at the vendor is to deliver it, e.g. "Dana Lee, security lead".' },
        element: { type: 'plain_text_input', action_id: EVIDENCE_INPUT.contact, max_length: MAX_CONTACT_LENGTH, ...(f.vendorContact && { initial_value: f.vendorContact }) },
      },
    ],
  };
}

export function withdrawModal(meta: ModalMeta, questionTitle: string, r: EvidenceRequest): types.ModalView {
  return {
    type: 'modal',
    callback_id: EVIDENCE_CALLBACK.withdraw,
    private_metadata: encodeMeta(meta),
    title: modalTitle('Withdraw request'),
    submit: { type: 'plain_text', text: 'Withdraw' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: clip(`${bold(questionTitle)}\nAsked: ${esc(r.asked)}\n${dueText(r)}`, MAX_SECTION_TEXT) } },
      {
        type: 'input',
        block_id: EVIDENCE_INPUT.reason,
        label: { type: 'plain_text', text: 'Why is it no longer chased?' },
        element: { type: 'plain_text_input', action_id: EVIDENCE_INPUT.reason, multiline: true, max_length: MAX_REASON_LENGTH },
      },
    ],
  };
}

/** Metadata of the "Not sufficient" modal: the file or link judged. Its answer goes where its vetting's record says. */
export interface ItemModalMeta {
  itemId: number;
}

const ItemModalMetaSchema = z.object({ itemId: z.number().int() });

export function encodeItemMeta(m: ItemModalMeta): string {
  return JSON.stringify({ itemId: m.itemId });
}

export function decodeItemMeta(s: string | undefined): ItemModalMeta | null {
  return decodeJson(ItemModalMetaSchema, s);
}

export function rejectModal(meta: ItemModalMeta, item: EvidenceItem, questionTitle: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: EVIDENCE_CALLBACK.reject,
    private_metadata: encodeItemMeta(meta),
    title: modalTitle('Not sufficient'),
    submit: { type: 'plain_text', text: 'Not sufficient' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: clip(`${itemTitle(item)}\nfor ${bold(questionTitle)}`, MAX_SECTION_TEXT) } },
      {
        type: 'input',
        block_id: EVIDENCE_INPUT.reason,
        label: { type: 'plain_text', text: 'What is missing?' },
        hint: { type: 'plain_text', text: 'Said in the thread, so the vendor knows what to send instead.' },
        element: { type: 'plain_text_input', action_id: EVIDENCE_INPUT.reason, multiline: true, max_length: MAX_REASON_LENGTH },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The register (`/vet evidence <vendor>`)
// ---------------------------------------------------------------------------------------------------------------

function itemLine(i: EvidenceItem): string {
  const who = `<@${i.sharedBy}>${i.byEvaluator ? '' : ' (not an evaluator)'}`;
  const verdict =
    i.verdict === 'accepted'
      ? `accepted by <@${i.verdictBy}>`
      : i.verdict === 'not_sufficient'
        ? `not sufficient (<@${i.verdictBy}>): ${esc(clip(i.verdictReason ?? '', 200))}`
        : 'waiting for a verdict';
  return `    • ${itemLink(i)}${i.kind === 'file' && i.fileType ? ` (${esc(i.fileType.toUpperCase())})` : ''}, shared by ${who} on ${dayOf(i.sharedAt)}: ${verdict}`;
}

export function expiryText(e: NonNullable<RegisterEntry['expiry']>): string {
  if (e.kind === 'expiry') return e.stale ? `expired on ${longDay(e.staleOn)}` : `expires on ${longDay(e.staleOn)}`;
  return e.stale ? `dated ${longDay(e.date)}, stale since ${longDay(e.staleOn)}` : `dated ${longDay(e.date)}, goes stale on ${longDay(e.staleOn)}`;
}

function entryText(e: RegisterEntry): string {
  const lines = [`${bold(`${qLabel(e.question.position)}${e.question.title}`)}${e.state ? ` · ${STATE_ICON[e.state]} ${REGISTER_STATE_LABELS[e.state]}` : ''}`];
  const r = e.request;
  if (r) {
    lines.push(`Asked: ${esc(clip(r.asked.replace(/\s*\n\s*/g, '; '), 400))}`);
    lines.push([`chased by <@${r.chaserId}>`, `due ${longDay(r.dueOn)}`, r.vendorContact && `vendor contact: ${esc(r.vendorContact)}`].filter(Boolean).join(' · '));
    if (r.status === 'withdrawn') lines.push(`Withdrawn by <@${r.closedBy}>${r.closedAt ? ` on ${dayOf(r.closedAt)}` : ''}: ${esc(clip(r.closeReason ?? '', 300))}`);
    if (r.status === 'fulfilled' && r.fulfilledBy === null && r.closedBy) lines.push(`Marked shown in the interview by <@${r.closedBy}>${r.closedAt ? ` on ${dayOf(r.closedAt)}` : ''}`);
  }
  lines.push(...e.items.map(itemLine));
  lines.push(...e.seen.map((x) => `    • Seen by <@${x.by}> on ${dayOf(x.at)}: ${seenText(clip(x.text, 300))}`));
  if (e.expiry) lines.push(`${esc(e.expiry.label)}: ${expiryText(e.expiry)}${e.expiry.stale ? ' :warning:' : ''}`);
  return fitLines(lines);
}

export function renderRegister(reg: EvidenceRegister): RenderedMessage {
  const i = reg.interview;
  const vendor = esc(i.vendor.name);
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`Evidence register: ${i.vendor.name}`, 150) } },
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `Interview #${i.id} in <#${i.channelId}> (${i.status === 'in_progress' ? 'in progress' : i.status}), started ${dayOf(i.startedAt)} · as of ${dayOf(reg.generatedAt)}` },
      ],
    },
  ];
  if (reg.entries.length === 0) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `Nothing was requested or shared for the ${bold(i.vendor.name)} vetting yet. Mark *Evidence promised* or press *Request evidence* under a question to track it; files and links shared in the thread attach to the question being asked (or the one a reply names, like \`Q7:\`).`,
      },
    });
    return { text: `Evidence register of ${vendor}: nothing yet`, blocks };
  }
  const counts = new Map<RegisterState, number>();
  for (const e of reg.entries) if (e.state) counts.set(e.state, (counts.get(e.state) ?? 0) + 1);
  const summary = [...counts].map(([s, n]) => `${n} ${REGISTER_STATE_LABELS[s]}`).join(' · ');
  if (summary) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: summary } });
  const room = MAX_BLOCKS - blocks.length - 1;
  for (const e of reg.entries.slice(0, room)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: entryText(e) } });
  if (reg.entries.length > room) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${reg.entries.length - room} more: \`/vet report ${vendor}\` has the whole register.` }] });
  return { text: `Evidence register of ${vendor}: ${summary || 'expiry dates'}`, blocks };
}

// ---------------------------------------------------------------------------------------------------------------
// Chasing: the DM reminder and the Home tab
// ---------------------------------------------------------------------------------------------------------------

function overdueText(c: ChasedRequest): string {
  if (c.daysOverdue < 0) return `due ${longDay(c.request.dueOn)}`;
  if (c.daysOverdue === 0) return `*due today* (${longDay(c.request.dueOn)})`;
  return `*overdue by ${c.daysOverdue} day${c.daysOverdue === 1 ? '' : 's'}* (due ${longDay(c.request.dueOn)})`;
}

/** One request as a line: vendor, question, when due, what is waiting, and a link to its question in the thread. */
export function chasedLine(c: ChasedRequest, questionLink: string | null): string {
  const q = `${qLabel(c.question.position)}${c.question.title}`;
  const review = c.toReview > 0 ? ` · ${c.toReview} shared, to review` : '';
  return `• ${bold(c.interview.vendor.name)}: ${questionLink ? link(questionLink, q) : esc(q)} · ${overdueText(c)}${review}`;
}

/** A digest line: "Evidence overdue by 9 days: Q1 · Title (due 8 Dec 2026), chased by @alice". */
export function overdueEvidenceLine(c: ChasedRequest): string {
  const review = c.toReview > 0 ? `; ${c.toReview} shared, to review in the thread` : '';
  return `• Evidence overdue by ${c.daysOverdue} day${c.daysOverdue === 1 ? '' : 's'}: ${qLabel(c.question.position)}${esc(c.question.title)} (due ${longDay(c.request.dueOn)}), chased by <@${c.request.chaserId}>${review}`;
}

export function renderReminder(c: ChasedRequest, questionLink: string | null): RenderedMessage {
  const r = c.request;
  const lines = [
    `:bell: You chase evidence for the ${bold(c.interview.vendor.name)} vetting, and it is ${c.daysOverdue === 0 ? 'due today' : `overdue by ${c.daysOverdue} day${c.daysOverdue === 1 ? '' : 's'}`}.`,
    chasedLine(c, questionLink),
    `Asked: ${esc(clip(r.asked.replace(/\s*\n\s*/g, '; '), 500))}${r.vendorContact ? `\nVendor contact: ${esc(r.vendorContact)}` : ''}`,
    c.toReview > 0
      ? 'Something was shared for it: open the thread and *Accept as evidence* or mark it *Not sufficient*.'
      : `When it arrives, have it shared in the interview's thread starting with \`Q${c.question.position ?? ''}:\`; to stop chasing, *Withdraw request* under the question (with a reason). You are reminded once a week until then.`,
  ];
  return {
    text: esc(`Evidence for ${c.interview.vendor.name} (${c.question.title}) is ${c.daysOverdue === 0 ? 'due today' : 'overdue'}`),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: fitLines(lines) } }],
  };
}

/** The Home tab's "Evidence you chase" section, soonest due first; none when the person chases nothing. */
export function chasedSection(chased: readonly { request: ChasedRequest; link: string | null }[]): Block[] {
  if (chased.length === 0) return [];
  return [{ type: 'section', text: { type: 'mrkdwn', text: fitLines(['*Evidence you chase*', ...chased.map((c) => chasedLine(c.request, c.link))]) } }];
}
