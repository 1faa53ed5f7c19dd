// Modals: a note with an optional evidence link, and the typed inputs of number and list facts.
import type { types } from '@slack/bolt';
import type { Question } from '../../questions/model.js';
import { MAX_NOTE_LENGTH } from '../../flows/interview.js';
import { CALLBACK, encodeMeta, INPUT, type ModalMeta } from '../ids.js';
import { clip } from '../text.js';

const title = (text: string) => ({ type: 'plain_text' as const, text: clip(text, 24) });

export function noteModal(meta: ModalMeta, q: Question): types.ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.note,
    private_metadata: encodeMeta(meta),
    title: title('Add a note'),
    submit: { type: 'plain_text', text: 'Save note' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'context', elements: [{ type: 'plain_text', text: clip(q.title, 2000) }] },
      {
        type: 'input',
        block_id: INPUT.note,
        label: { type: 'plain_text', text: 'What did the vendor say or show?' },
        element: { type: 'plain_text_input', action_id: INPUT.note, multiline: true, max_length: MAX_NOTE_LENGTH },
      },
      {
        type: 'input',
        block_id: INPUT.link,
        optional: true,
        label: { type: 'plain_text', text: 'Evidence link' },
        hint: { type: 'plain_text', text: 'Where the artefact lives: a document, a ticket, a recording.' },
        element: { type: 'url_text_input', action_id: INPUT.link },
      },
    ],
  };
}

export function factModal(meta: ModalMeta, q: Question): types.ModalView {
  const fact = q.fact!;
  const element: types.InputBlock['element'] =
    fact.type === 'number'
      ? { type: 'number_input', action_id: INPUT.number, is_decimal_allowed: true, min_value: '0' }
      : { type: 'plain_text_input', action_id: INPUT.list, multiline: true, placeholder: { type: 'plain_text', text: 'One name per line, or separated by commas' } };
  return {
    type: 'modal',
    callback_id: CALLBACK.fact,
    private_metadata: encodeMeta(meta),
    title: title(fact.type === 'number' ? 'Record a number' : 'Record names'),
    submit: { type: 'plain_text', text: 'Record' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'context', elements: [{ type: 'plain_text', text: clip(q.title, 2000) }] },
      {
        type: 'input',
        block_id: fact.type === 'number' ? INPUT.number : INPUT.list,
        label: { type: 'plain_text', text: clip(fact.type === 'number' ? `${fact.label} (${fact.unit})` : fact.label, 2000) },
        element,
      },
    ],
  };
}
