// Modals: a note with an optional evidence link, the typed inputs of number and list facts, the reason to override
// a vague judgement, and the resolve / accept-risk decisions on a red flag.
import type { types } from '@slack/bolt';
import { MAX_REASON_LENGTH } from '../../flows/flags.js';
import { MAX_NOTE_LENGTH, MAX_OVERRIDE_REASON } from '../../flows/interview.js';
import type { RedFlag } from '../../model.js';
import { AUDIT_OPINIONS, type FactSpec, type Question, type ReportReading } from '../../questions/model.js';
import { CALLBACK, encodeFlagMeta, encodeMeta, INPUT, type FlagModalMeta, type ModalMeta } from '../ids.js';
import { flagText } from './flags.js';
import { clip } from '../text.js';

/** A modal's title: Slack refuses one longer than 24 characters. */
export const modalTitle = (text: string) => ({ type: 'plain_text' as const, text: clip(text, 24) });

export function noteModal(meta: ModalMeta, q: Question): types.ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.note,
    private_metadata: encodeMeta(meta),
    title: modalTitle('Add a note'),
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

/** The modal where a free-text question's answer is written. */
export function answerModal(meta: ModalMeta, q: Question, current: string | null): types.ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.fact,
    private_metadata: encodeMeta(meta),
    title: modalTitle('Record the answer'),
    submit: { type: 'plain_text', text: 'Record' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'context', elements: [{ type: 'plain_text', text: clip(q.title, 2000) }] },
      {
        type: 'input',
        block_id: INPUT.answer,
        label: { type: 'plain_text', text: 'What the vendor answered' },
        element: { type: 'plain_text_input', action_id: INPUT.answer, multiline: true, max_length: MAX_NOTE_LENGTH, ...(current && { initial_value: current }) },
      },
    ],
  };
}

/** What a report's modal asks, per reading the question names. */
function reportInputs(reads: readonly ReportReading[]): types.InputBlock[] {
  const count = (id: string, label: string): types.InputBlock => ({
    type: 'input',
    block_id: id,
    label: { type: 'plain_text', text: label },
    element: { type: 'number_input', action_id: id, is_decimal_allowed: false, min_value: '0' },
  });
  const names = (id: string, label: string, hint: string): types.InputBlock => ({
    type: 'input',
    block_id: id,
    optional: true,
    label: { type: 'plain_text', text: label },
    hint: { type: 'plain_text', text: hint },
    element: { type: 'plain_text_input', action_id: id, multiline: true },
  });
  const inputs: Record<ReportReading, types.InputBlock[]> = {
    opinion: [
      {
        type: 'input',
        block_id: INPUT.opinion,
        label: { type: 'plain_text', text: "Auditor's opinion" },
        element: { type: 'static_select', action_id: INPUT.opinion, options: AUDIT_OPINIONS.map((o) => ({ text: { type: 'plain_text' as const, text: o }, value: o })) },
      },
    ],
    exceptions: [count(INPUT.exceptions, 'Number of exceptions the auditor found')],
    carveOuts: [names(INPUT.carveOuts, 'Carved-out subservice organisations', 'One per line or separated by commas; leave empty when none is carved out.')],
    cuecs: [names(INPUT.cuecs, 'Complementary user-entity controls (CUECs)', 'The controls we must run ourselves, one per line; leave empty when the report names none.')],
    openFindings: [count(INPUT.openCritical, 'Open critical findings'), count(INPUT.openHigh, 'Open high findings')],
  };
  return reads.flatMap((r) => inputs[r]);
}

/** A report's date and what was read in it: its opinion, exceptions, carve-outs, CUECs or open findings. */
function reportModal(meta: ModalMeta, q: Question, fact: Extract<FactSpec, { type: 'date' }>, reads: readonly ReportReading[]): types.ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.fact,
    private_metadata: encodeMeta(meta),
    title: modalTitle('Read the report'),
    submit: { type: 'plain_text', text: 'Record' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'context', elements: [{ type: 'plain_text', text: clip(q.title, 2000) }] },
      {
        type: 'input',
        block_id: INPUT.reportDate,
        label: { type: 'plain_text', text: clip(fact.label, 2000) },
        element: { type: 'datepicker', action_id: INPUT.reportDate },
      },
      ...reportInputs(reads),
    ],
  };
}

/** Why the notes on a question are not vague after all: the reason is kept in the audit log and shown. */
export function vagueOverrideModal(meta: ModalMeta, q: Question, judged: string | null): types.ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.vague,
    private_metadata: encodeMeta(meta),
    title: modalTitle('Not a vague answer'),
    submit: { type: 'plain_text', text: 'Override' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'context', elements: [{ type: 'plain_text', text: clip(`${q.title}: judged vague (${judged ?? 'nothing concrete'}).`, 2000) }] },
      {
        type: 'input',
        block_id: INPUT.reason,
        label: { type: 'plain_text', text: 'Why is the answer specific enough?' },
        hint: { type: 'plain_text', text: 'Kept in the audit log and shown on the question. The rating then counts as given.' },
        element: { type: 'plain_text_input', action_id: INPUT.reason, multiline: true, max_length: MAX_OVERRIDE_REASON },
      },
    ],
  };
}

export function factModal(meta: ModalMeta, q: Question): types.ModalView {
  const fact = q.fact!;
  if (fact.type === 'date' && fact.reads) return reportModal(meta, q, fact, fact.reads);
  const element: types.InputBlock['element'] =
    fact.type === 'number'
      ? { type: 'number_input', action_id: INPUT.number, is_decimal_allowed: true, min_value: '0' }
      : { type: 'plain_text_input', action_id: INPUT.list, multiline: true, placeholder: { type: 'plain_text', text: 'One name per line, or separated by commas' } };
  return {
    type: 'modal',
    callback_id: CALLBACK.fact,
    private_metadata: encodeMeta(meta),
    title: modalTitle(fact.type === 'number' ? 'Record a number' : 'Record names'),
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

/** The frame both flag decisions share: the flag, a required reason, then the decision's own inputs. */
function flagDecisionModal(
  callbackId: string,
  meta: FlagModalMeta,
  flag: RedFlag,
  labels: { title: string; submit: string; reason: string },
  inputs: types.InputBlock[],
): types.ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: encodeFlagMeta(meta),
    title: modalTitle(labels.title),
    submit: { type: 'plain_text', text: labels.submit },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: flagText(flag, null) } },
      {
        type: 'input',
        block_id: INPUT.reason,
        label: { type: 'plain_text', text: labels.reason },
        element: { type: 'plain_text_input', action_id: INPUT.reason, multiline: true, max_length: MAX_REASON_LENGTH },
      },
      ...inputs,
    ],
  };
}

export function resolveModal(meta: FlagModalMeta, flag: RedFlag): types.ModalView {
  return flagDecisionModal(CALLBACK.resolve, meta, flag, { title: 'Resolve red flag', submit: 'Resolve', reason: 'What changed?' }, [
    {
      type: 'input',
      block_id: INPUT.link,
      optional: true,
      label: { type: 'plain_text', text: 'Evidence link' },
      element: { type: 'url_text_input', action_id: INPUT.link },
    },
  ]);
}

export function acceptModal(meta: FlagModalMeta, flag: RedFlag, clicker: string, defaultExpiry: string): types.ModalView {
  return flagDecisionModal(CALLBACK.accept, meta, flag, { title: 'Accept risk', submit: 'Accept risk', reason: 'Why is this risk acceptable?' }, [
    {
      type: 'input',
      block_id: INPUT.owner,
      label: { type: 'plain_text', text: 'Risk owner' },
      element: { type: 'users_select', action_id: INPUT.owner, initial_user: clicker },
    },
    {
      type: 'input',
      block_id: INPUT.expires,
      label: { type: 'plain_text', text: 'Acceptance expires on' },
      hint: { type: 'plain_text', text: 'The flag reopens by itself on this date and shows up in the digest again.' },
      element: { type: 'datepicker', action_id: INPUT.expires, initial_date: defaultExpiry },
    },
  ]);
}
