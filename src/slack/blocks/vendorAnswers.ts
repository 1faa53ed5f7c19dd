// Our side of a vendor that answers in its own channel: each answer shown in the evaluators' thread (with the
// vague-answer judgement, for the evaluators only), and the "Ask the vendor" modal.
import type { types } from '@slack/bolt';
import type { VendorAnswerMirror } from '../../flows/vendor.js';
import { MAX_ASK_LENGTH } from '../../flows/vendor.js';
import { encodeMeta, type ModalMeta } from '../ids.js';
import { bold, clip, esc, escEntities, MAX_SECTION_TEXT } from '../text.js';
import { modalTitle } from './modals.js';
import type { RenderedMessage } from './message.js';

export const VENDOR_ASK = {
  action: 'vet.vendor.ask',
  callback: 'vet.vendor.ask',
  input: 'ask',
} as const;

const URL = /https?:\/\/[^\s<>|]+/gi;

/**
 * What the vendor wrote, escaped, with every link shown by its real address (a label can say anything): the text a
 * person typed is never read as a mention, a ping or formatting.
 */
export function vendorWords(text: string): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(URL)) {
    const url = m[0].replace(/[.,;:!?)\]}'"”’]+$/, '');
    out += esc(text.slice(at, m.index)) + `<${escEntities(url)}>`;
    at = m.index + url.length;
  }
  return out + esc(text.slice(at));
}

/** "Acme answered in #acme-shared (@Vera): …", under the question it answers, in the evaluators' thread. */
export function renderVendorMirror(m: VendorAnswerMirror): RenderedMessage {
  const q = m.question;
  const label = `${q.position === null ? '' : `Q${q.position} · `}${q.title}`;
  const head = `:incoming_envelope: ${bold(m.interview.vendor.name)} answered in <#${m.vendorChannelId}> (<@${m.authorId}>) on ${bold(label)}${q.position === null ? ` (their Q${q.vendorPosition}; not asked in this thread yet)` : ''}:`;
  const body = m.text === '' ? `_${m.files === 1 ? 'A file' : `${m.files} files`}, without words: see below._` : `>${vendorWords(clip(m.text, 2500)).replace(/\n/g, '\n>')}`;
  const blocks: types.KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: clip(`${head}\n${body}`, MAX_SECTION_TEXT) } }];
  const j = m.judgement;
  if (j) {
    const points = `specific on ${j.pointsCovered} of ${j.pointsTotal} points a mature answer covers`;
    const line = j.vague ? `:warning: In writing, vague (${esc(j.reason ?? 'nothing concrete')}): ${points}` : `In writing: ${points}; concrete: ${esc(clip(j.specifics.slice(0, 5).join(', '), 300))}`;
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(`${line} · seen by the evaluators only`, MAX_SECTION_TEXT) }] });
  }
  return { text: esc(clip(`${m.interview.vendor.name} answered ${label} in writing`, 2000)), blocks };
}

/** The "Ask the vendor" modal: what to ask, posted in the vendor thread under the question. */
export function askVendorModal(meta: ModalMeta, title: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: VENDOR_ASK.callback,
    private_metadata: encodeMeta(meta),
    title: modalTitle('Ask the vendor'),
    submit: { type: 'plain_text', text: 'Ask' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'context', elements: [{ type: 'plain_text', text: clip(title, 2000) }] },
      {
        type: 'input',
        block_id: VENDOR_ASK.input,
        label: { type: 'plain_text', text: 'What should the vendor answer?' },
        hint: { type: 'plain_text', text: 'Posted in the vendor channel under this question, without your name. Nothing else of the vetting goes there.' },
        element: { type: 'plain_text_input', action_id: VENDOR_ASK.input, multiline: true, max_length: MAX_ASK_LENGTH },
      },
    ],
  };
}
