// Modals: a note with an optional evidence link, the typed inputs of number and list facts, the reason to override
// a vague judgement, and the resolve / accept-risk decisions on a red flag.
import type { types } from '@slack/bolt';
import { MAX_ACCEPT_MONTHS, MAX_REASON_LENGTH, MAX_SEEN_LENGTH } from '../../flows/flags.js';
import { isGrave } from '../../flows/permissions.js';
import { MAX_NOTE_LENGTH, MAX_OVERRIDE_REASON } from '../../flows/interview.js';
import { MAX_EVIDENCE_SEEN, MAX_NA_REASON } from '../../flows/record.js';
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

/** N/A is a claim: the bank's condition, and why it holds for this vendor. A second person confirms it. */
export function naModal(meta: ModalMeta, q: Question): types.ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.na,
    private_metadata: encodeMeta(meta),
    title: modalTitle('Mark N/A'),
    submit: { type: 'plain_text', text: 'Mark N/A' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'context', elements: [{ type: 'plain_text', text: clip(q.title, 2000) }] },
      { type: 'section', text: { type: 'plain_text', text: clip(`The question bank says this may not apply when ${q.naAllowed?.condition ?? 'its condition holds'}.`, 3000) } },
      {
        type: 'input',
        block_id: INPUT.naReason,
        label: { type: 'plain_text', text: 'Why does it not apply to this vendor?' },
        hint: { type: 'plain_text', text: 'Until a second person (another evaluator, a risk owner or an admin) confirms it, the question counts as not examined.' },
        element: { type: 'plain_text_input', action_id: INPUT.naReason, multiline: true, max_length: MAX_NA_REASON },
      },
    ],
  };
}

/** "Evidence shown" records what was seen: one line, e.g. "audit log of PR 4812 on screen share". */
export function evidenceSeenModal(meta: ModalMeta, q: Question): types.ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.evidenceSeen,
    private_metadata: encodeMeta(meta),
    title: modalTitle('Evidence shown'),
    submit: { type: 'plain_text', text: 'Record' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'context', elements: [{ type: 'plain_text', text: clip(q.title, 2000) }] },
      {
        type: 'input',
        block_id: INPUT.seen,
        label: { type: 'plain_text', text: 'What did you see?' },
        hint: { type: 'plain_text', text: 'One line naming the artefact, e.g. "audit log of PR 4812 on screen share". A file or link shared in the thread is recorded when you accept it.' },
        element: { type: 'plain_text_input', action_id: INPUT.seen, max_length: MAX_EVIDENCE_SEEN },
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
function flagDecisionModal(callbackId: string, meta: FlagModalMeta, flag: RedFlag, labels: { title: string; submit: string; reason: string }, inputs: types.InputBlock[]): types.ModalView {
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
  const grave = isGrave(flag.severity);
  return flagDecisionModal(CALLBACK.resolve, meta, flag, { title: grave ? 'Propose resolution' : 'Resolve red flag', submit: grave ? 'Propose' : 'Resolve', reason: 'What changed?' }, [
    {
      type: 'input',
      block_id: INPUT.seen,
      optional: true,
      label: { type: 'plain_text', text: 'What was seen' },
      hint: {
        type: 'plain_text',
        text: grave
          ? `A ${flag.severity} flag needs what was seen (this, or a link below), and a second person (another evaluator, a risk owner or an admin) to confirm before it is resolved.`
          : 'One line naming the artefact, e.g. "signed DPA, clause 9.2, on screen share".',
      },
      element: { type: 'plain_text_input', action_id: INPUT.seen, max_length: MAX_SEEN_LENGTH },
    },
    {
      type: 'input',
      block_id: INPUT.link,
      optional: true,
      label: { type: 'plain_text', text: 'Evidence link' },
      element: { type: 'url_text_input', action_id: INPUT.link },
    },
  ]);
}

/** The second pair of eyes: the resolution someone proposed, to confirm as it stands. */
export function confirmResolutionModal(meta: FlagModalMeta, flag: RedFlag): types.ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.confirmResolve,
    private_metadata: encodeFlagMeta(meta),
    title: modalTitle('Confirm resolution'),
    submit: { type: 'plain_text', text: 'Confirm resolved' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: flagText(flag, null) } },
      { type: 'context', elements: [{ type: 'plain_text', text: 'Confirm only if what was seen settles the flag for you too: the flag is then resolved, with both of you in the record.' }] },
    ],
  };
}

/**
 * Accepting a risk: why, the compensating control, and an expiry at most a year ahead. A high or critical risk is
 * owned by the risk owner who accepts it; a lower one by whom the person names.
 */
export function acceptModal(meta: FlagModalMeta, flag: RedFlag, clicker: string, defaultExpiry: string): types.ModalView {
  const owner: types.InputBlock[] = isGrave(flag.severity)
    ? []
    : [{ type: 'input', block_id: INPUT.owner, label: { type: 'plain_text', text: 'Risk owner' }, element: { type: 'users_select', action_id: INPUT.owner, initial_user: clicker } }];
  return flagDecisionModal(CALLBACK.accept, meta, flag, { title: 'Accept risk', submit: 'Accept risk', reason: 'Why is this risk acceptable?' }, [
    {
      type: 'input',
      block_id: INPUT.control,
      label: { type: 'plain_text', text: 'Compensating control' },
      hint: { type: 'plain_text', text: 'What keeps the risk in check meanwhile, e.g. "no production access until the DPA is signed; weekly access review".' },
      element: { type: 'plain_text_input', action_id: INPUT.control, multiline: true, max_length: MAX_REASON_LENGTH },
    },
    ...owner,
    {
      type: 'input',
      block_id: INPUT.expires,
      label: { type: 'plain_text', text: 'Acceptance expires on' },
      hint: { type: 'plain_text', text: `At most ${MAX_ACCEPT_MONTHS} months ahead. The flag reopens by itself on this date and shows up in the digest again.` },
      element: { type: 'datepicker', action_id: INPUT.expires, initial_date: defaultExpiry },
    },
  ]);
}
