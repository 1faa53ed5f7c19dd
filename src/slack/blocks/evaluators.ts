// Who evaluates a vetting: refusals that say who leads and how to be added, the list, the announcement of a change
// in the thread, and the modal that changes them.
import type { types } from '@slack/bolt';
import type { Act, Refusal } from '../../flows/permissions.js';
import type { EvaluatorsOutcome, EvaluatorsView } from '../../flows/views.js';
import { CALLBACK, encodeEvaluatorsMeta, INPUT, type EvaluatorsModalMeta } from '../ids.js';
import { clip, esc, MAX_SECTION_TEXT } from '../text.js';
import { evaluatorList, renderInfo } from './interview.js';
import type { RenderedMessage } from './question.js';

const ACT_TEXT: Record<Act, string> = {
  start: 'start a vetting',
  answer: 'rate or add notes to a vetting',
  finish: 'finish a vetting',
  'manage-evaluators': 'change who evaluates a vetting',
  'decide-flags': 'resolve or accept red flags',
  'see-evaluators': 'see who evaluates a vetting',
};

const EXTERNAL = (act: Act) =>
  `You are signed in from another organisation (a Slack Connect channel), so you cannot ${ACT_TEXT[act]} here: only people of the team that runs it take part.`;

const mention = (user: string) => `<@${user}>`;

/** The people as mentions: "<@a>", "<@a> and <@b>", "<@a>, <@b> and <@c>". */
function people(users: readonly string[]): string {
  const m = users.map(mention);
  return m.length <= 1 ? m.join('') : `${m.slice(0, -1).join(', ')} and ${m.at(-1)}`;
}

/** A refusal in mrkdwn: who leads (a mention) and the command that would add the person. */
export function renderRefusal(r: Refusal): RenderedMessage {
  if (r.kind === 'external') return renderInfo(EXTERNAL(r.act));
  const vendor = `*${esc(r.vendor)}*`;
  const lead = mention(r.lead);
  const addMe = `\`/vet evaluators ${esc(r.vendor)} add @you\``;
  const text = {
    answer: `Only the named evaluators of the ${vendor} vetting can rate it or add notes. ${lead} leads it: ask them to add you with ${addMe}.`,
    finish: `Only the evaluators of the ${vendor} vetting and vet admins can finish it. ${lead} leads it: ask them to add you with ${addMe}.`,
    'manage-evaluators': `Only ${lead}, who leads the ${vendor} vetting, and vet admins (\`VET_ADMINS\`) can change its evaluators.`,
    'decide-flags': `Only the evaluators of the ${vendor} vetting, ${lead} who leads it, and vet admins (\`VET_ADMINS\`) can resolve or accept its red flags. Ask ${lead} to add you with ${addMe}.`,
  }[r.act];
  return renderInfo(text);
}

/** A refusal as plain text, for a modal's field error (which shows no mentions). */
export function refusalPlain(r: Refusal): string {
  if (r.kind === 'external') return EXTERNAL(r.act);
  const addMe = `/vet evaluators ${r.vendor} add @you`;
  return {
    answer: `Only the named evaluators of the ${r.vendor} vetting can rate it or add notes. Ask the person who started it to add you with ${addMe}.`,
    finish: `Only the evaluators of the ${r.vendor} vetting and vet admins can finish it.`,
    'manage-evaluators': `Only the person who started the ${r.vendor} vetting (its lead) and vet admins (VET_ADMINS) can change its evaluators.`,
    'decide-flags': `Only the evaluators of the ${r.vendor} vetting, the person who started it, and vet admins (VET_ADMINS) can resolve or accept its red flags. Ask them to add you with ${addMe}.`,
  }[r.act];
}

function howToChange(v: EvaluatorsView): string {
  return `The lead or a vet admin changes them with \`/vet evaluators ${esc(v.interview.vendor.name)} add|remove @person\` or the *Evaluators* button on the first message of its thread.`;
}

/** `/vet evaluators <vendor>`: who evaluates, and how that changes. */
export function renderEvaluatorList(v: EvaluatorsView): RenderedMessage {
  const state = v.interview.status === 'in_progress' ? 'in progress' : v.interview.status;
  return renderInfo(clip(`*Evaluators of the ${esc(v.interview.vendor.name)} vetting* (${state}): ${evaluatorList(v.evaluators, v.interview.startedBy)}.\n${howToChange(v)}`, MAX_SECTION_TEXT));
}

type Changed = Extract<EvaluatorsOutcome, { kind: 'changed' }>;

/** What changed, said in the thread for everyone: "<@lead> added <@bob> as an evaluator." */
export function renderEvaluatorChange(c: Changed): RenderedMessage {
  const parts: string[] = [];
  if (c.added.length > 0) parts.push(`added ${people(c.added)} as ${c.added.length === 1 ? 'an evaluator' : 'evaluators'}`);
  if (c.removed.length > 0) parts.push(`removed ${people(c.removed)} from the evaluators`);
  return renderInfo(clip(`${mention(c.by)} ${parts.join(' and ')}.`, MAX_SECTION_TEXT));
}

/** The answer to the person who made the change (or tried to): what happened, and who evaluates now. */
export function renderEvaluatorResult(c: Changed): RenderedMessage {
  const lines: string[] = [];
  if (c.added.length + c.removed.length === 0) lines.push('Nothing changed.');
  if (c.alreadyIn.length > 0) lines.push(`${people(c.alreadyIn)} ${c.alreadyIn.length === 1 ? 'was' : 'were'} already ${c.alreadyIn.length === 1 ? 'an evaluator' : 'evaluators'}.`);
  if (c.notIn.length > 0) lines.push(`${people(c.notIn)} ${c.notIn.length === 1 ? 'was not an evaluator' : 'were not evaluators'}, so there was nothing to remove.`);
  lines.push(`*Evaluators of the ${esc(c.view.interview.vendor.name)} vetting:* ${evaluatorList(c.view.evaluators, c.view.interview.startedBy)}.`);
  return renderInfo(clip(lines.join('\n'), MAX_SECTION_TEXT));
}

export function evaluatorsModal(meta: EvaluatorsModalMeta, v: EvaluatorsView): types.ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.evaluators,
    private_metadata: encodeEvaluatorsMeta(meta),
    title: { type: 'plain_text', text: 'Evaluators' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: clip(`Who rates the *${esc(v.interview.vendor.name)}* vetting and decides its red flags. ${mention(v.interview.startedBy)} leads it and stays one of them. People from another organisation never count, even if listed.`, MAX_SECTION_TEXT),
        },
      },
      {
        type: 'input',
        block_id: INPUT.evaluators,
        label: { type: 'plain_text', text: 'Evaluators' },
        element: { type: 'multi_users_select', action_id: INPUT.evaluators, initial_users: [...v.evaluators] },
      },
    ],
  };
}
