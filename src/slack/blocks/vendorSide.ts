// Everything vet posts in a vendor's own Slack Connect channel, where the vendor's people read it. Each renderer takes
// only vendor-safe data (a question's number, title, scenario and what to show; a request's words and due date), so
// nothing of the evaluation (mature-answer points, rubric, ratings, scores, tiers, flags, notes, evaluators' names)
// can reach the vendor through here: the types do not carry it.
import type { types } from '@slack/bolt';
import { bold, clip, esc, MAX_BUTTON_TEXT, MAX_SECTION_TEXT } from '../text.js';
import { longDay } from './evidence.js';
import type { RenderedMessage } from './question.js';

type Block = types.KnownBlock;

/** A question as the vendor reads it (flows/vendor.ts VendorQuestionView, restated so nothing wider fits). */
export interface VendorSafeQuestion {
  readonly position: number;
  readonly title: string;
  readonly prompt: string;
  readonly show: readonly string[];
}

/** Where a vendor question is asked and answered; `state` says whether the vendor still owes it. */
export type VendorQuestionState = 'open' | 'answered' | 'set_aside';

export const VENDOR_ACTION = {
  /** "We'll come back to this", under a question in the vendor thread. */
  later: 'vet.vendor.later',
} as const;

/** The button's block carries the vetting and question: `vetv|<interview>|<question>`. */
export function vendorBlockId(interviewId: number, questionId: string): string {
  return `vetv|${interviewId}|${questionId}`;
}

export function parseVendorBlockId(blockId: string | undefined): { interviewId: number; questionId: string } | null {
  const m = /^vetv\|(\d+)\|([a-z0-9-]+)$/.exec(blockId ?? '');
  return m ? { interviewId: Number(m[1]), questionId: m[2]! } : null;
}

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, MAX_SECTION_TEXT) } });
const context = (text: string): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, MAX_SECTION_TEXT) }] });

/** The parent message in the vendor channel: who asks, and how to answer. */
export function renderVendorParent(p: { organisation: string; vendor: string }): RenderedMessage {
  return {
    text: esc(`${p.organisation} is asking ${p.vendor} these questions; answer each in this thread.`),
    blocks: [
      section(`:wave: ${bold(p.organisation)} is asking ${bold(p.vendor)} these questions; answer each in this thread.`),
      context(
        "The questions come one at a time. Reply in this thread with text, files or links; start a reply with a question number, e.g. `Q2:`, to answer that one. *We'll come back to this* moves on and leaves the question open. Your answers go to the team that asked.",
      ),
    ],
  };
}

/** One question in the vendor thread: its number, title, scenario and what to show; the button while it is owed. */
export function renderVendorQuestion(interviewId: number, questionId: string, q: VendorSafeQuestion, state: VendorQuestionState): RenderedMessage {
  const show = q.show.length > 0 ? `\n\n*Please show us*\n${q.show.map((s) => `• ${esc(s)}`).join('\n')}` : '';
  const blocks: Block[] = [section(`*Q${q.position} · ${esc(q.title)}*\n${esc(q.prompt)}${show}`)];
  if (state === 'open') {
    blocks.push({
      type: 'actions',
      block_id: vendorBlockId(interviewId, questionId),
      elements: [{ type: 'button', text: { type: 'plain_text', text: clip("We'll come back to this", MAX_BUTTON_TEXT) }, action_id: VENDOR_ACTION.later, value: 'later' }],
    });
    blocks.push(context(`Answer in this thread; a reply that starts with \`Q${q.position}:\` is for this question whenever you send it.`));
  } else if (state === 'set_aside') {
    blocks.push(context(`:hourglass_flowing_sand: Put aside for later: answer it any time with a reply that starts with \`Q${q.position}:\`.`));
  } else {
    blocks.push(context(':white_check_mark: Answered. You can add to it with a reply that starts with `Q' + String(q.position) + ':`.'));
  }
  return { text: esc(clip(`Q${q.position}: ${q.title}`, 2000)), blocks };
}

/** After the last question: which ones are still open. */
export function renderVendorAllAsked(open: readonly VendorSafeQuestion[]): RenderedMessage {
  const rest =
    open.length === 0
      ? 'Thank you: that was the last question.'
      : `That was the last question. Still open: ${open.map((q) => `Q${q.position} (${esc(q.title)})`).join(', ')}. Answer them here with a reply that starts with the number, e.g. \`Q${open[0]!.position}:\`.`;
  return { text: esc(open.length === 0 ? 'Thank you: that was the last question.' : 'That was the last question; some are still open.'), blocks: [section(rest)] };
}

/** A question asked back by the team, under the question it is about. */
export function renderVendorAsk(q: VendorSafeQuestion, text: string): RenderedMessage {
  return {
    text: esc(clip(`About Q${q.position}: ${text}`, 2000)),
    blocks: [section(`:speech_balloon: *About Q${q.position} · ${esc(q.title)}*\n${esc(text)}`), context(`Reply in this thread starting with \`Q${q.position}:\`.`)],
  };
}

/** Evidence the team asks the vendor to show: what, for whom, by when; chased on the due date and weekly after. */
export function renderVendorRequest(r: { question: VendorSafeQuestion; asked: string; dueOn: string; contact: string; daysOverdue: number | null }): RenderedMessage {
  const q = r.question;
  const when =
    r.daysOverdue === null
      ? `by *${longDay(r.dueOn)}*`
      : r.daysOverdue === 0
        ? `*due today* (${longDay(r.dueOn)})`
        : `*overdue by ${r.daysOverdue} day${r.daysOverdue === 1 ? '' : 's'}* (was due ${longDay(r.dueOn)})`;
  const head = r.daysOverdue === null ? ':page_facing_up: *Evidence requested*' : ':bell: *Reminder: evidence requested*';
  const asked = r.asked
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `• ${esc(l)}`)
    .join('\n');
  return {
    text: esc(clip(`Evidence requested for Q${q.position} (${q.title}), ${r.daysOverdue === null ? `due ${longDay(r.dueOn)}` : 'reminder'}`, 2000)),
    blocks: [section(`${head} for *Q${q.position} · ${esc(q.title)}*, ${when}, from ${esc(r.contact)}:\n${asked}`), context(`Share it in this thread, starting your reply with \`Q${q.position}:\`.`)],
  };
}
