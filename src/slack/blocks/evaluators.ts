// Who evaluates a vetting: refusals that say who leads and how to be added, the list, the announcement of a change
// in the thread, and the modal that changes them.
import type { types } from '@slack/bolt';
import type { Act, Refusal } from '../../flows/permissions.js';
import type { EvaluatorsOutcome, EvaluatorsView } from '../../flows/views.js';
import type { Person, Screening } from '../actor.js';
import { CALLBACK, encodeEvaluatorsMeta, INPUT, type EvaluatorsModalMeta } from '../ids.js';
import { bold, clip, esc, MAX_SECTION_TEXT } from '../text.js';
import { evaluatorList, renderInfo } from './interview.js';
import type { RenderedMessage } from './question.js';

const ACT_TEXT: Record<Act, string> = {
  start: 'start a vetting',
  answer: 'rate or add notes to a vetting',
  finish: 'finish a vetting',
  'manage-evaluators': 'change who evaluates a vetting',
  'decide-flags': 'resolve or accept red flags',
  'manage-evidence': 'request or judge evidence',
  'see-evaluators': 'see who evaluates a vetting',
  'change-digest': "change this channel's red-flag digest",
  advise: 'ask for or see engagement-model advice',
  'accept-risk': 'accept a risk',
  confirm: 'confirm what an evaluator recorded',
};

/** All that someone of another organisation is told, whatever they typed or clicked: what vet is, and nothing of a vetting. */
export const OUTSIDER_LINE = 'vet is the vendor-vetting assistant of the team that uses it; if you are answering their questions in a shared channel, your answers go to the team that asked.';

const SECOND_TEXT = {
  'confirm-na': { what: 'N/A', who: 'another evaluator, a risk owner or a vet admin' },
  'confirm-resolution': { what: 'proposed resolution', who: 'another evaluator, a risk owner (VET_RISK_OWNERS) or a vet admin' },
} as const;

/** Who may accept a high or critical risk, in mrkdwn (mentions) or plain text (a modal's field error). */
function riskOwnerText(r: Extract<Refusal, { kind: 'risk-owners-only' }>, plain: boolean): string {
  const who =
    r.riskOwners.length === 0
      ? `a risk owner, and none is named yet (VET_RISK_OWNERS), or a vet admin (VET_ADMINS)`
      : plain
        ? `a risk owner (VET_RISK_OWNERS: ${r.riskOwners.join(', ')}) or a vet admin (VET_ADMINS)`
        : `a risk owner, ${people(r.riskOwners)} (\`VET_RISK_OWNERS\`), or a vet admin (\`VET_ADMINS\`)`;
  const vendor = plain ? r.vendor : bold(r.vendor);
  return `Only ${who} can accept a ${r.severity} risk of the ${vendor} vetting: the people who ran the interview do not sign off their own findings. Ask a risk owner to review it.`;
}

const EXTERNAL = (act: Act) => `You are signed in from another organisation (a Slack Connect channel), so you cannot ${ACT_TEXT[act]} here: ${OUTSIDER_LINE}`;

// Ids come from Slack, but may have travelled through a command's text or a modal: escaped like anything else.
const mention = (user: string) => `<@${esc(user)}>`;

/** The people as mentions: "<@a>", "<@a> and <@b>", "<@a>, <@b> and <@c>". */
function people(users: readonly string[]): string {
  const m = users.map(mention);
  return m.length <= 1 ? m.join('') : `${m.slice(0, -1).join(', ')} and ${m.at(-1)}`;
}

/** A refusal in mrkdwn: who leads (a mention) and the command that would add the person. */
export function renderRefusal(r: Refusal): RenderedMessage {
  if (r.kind === 'external') return renderInfo(EXTERNAL(r.act));
  if (r.kind === 'risk-owners-only') return renderInfo(riskOwnerText(r, false));
  if (r.kind === 'second-person') {
    const t = SECOND_TEXT[r.act];
    return renderInfo(`You recorded this ${t.what} on the ${bold(r.vendor)} vetting yourself: a second person confirms it (${t.who}).`);
  }
  const vendor = bold(r.vendor);
  const lead = mention(r.lead);
  const addMe = `\`/vet evaluators ${esc(r.vendor)} add @you\``;
  const text = {
    answer: `Only the named evaluators of the ${vendor} vetting can rate it or add notes. ${lead} leads it: ask them to add you with ${addMe}.`,
    finish: `Only the evaluators of the ${vendor} vetting and vet admins can finish it. ${lead} leads it: ask them to add you with ${addMe}.`,
    'manage-evaluators': `Only ${lead}, who leads the ${vendor} vetting, and vet admins (\`VET_ADMINS\`) can change its evaluators.`,
    'decide-flags': `Only the evaluators of the ${vendor} vetting, ${lead} who leads it, and vet admins (\`VET_ADMINS\`) can resolve or accept its red flags. Ask ${lead} to add you with ${addMe}.`,
    'manage-evidence': `Only the evaluators of the ${vendor} vetting, ${lead} who leads it, and vet admins (\`VET_ADMINS\`) can request evidence, accept it or find it not sufficient. Anyone may share a file or link in the thread for them to judge. Ask ${lead} to add you with ${addMe}.`,
  }[r.act];
  return renderInfo(text);
}

/**
 * Said to someone whose thread reply was kept but counts for nothing: they should not believe it was taken into the
 * verdict. Someone from another organisation is not told how to be added, since they cannot be.
 */
export function renderKeptReply(vendor: string, lead: string, external: boolean): RenderedMessage {
  const kept = `Your reply is kept in the record of the ${bold(vendor)} vetting`;
  return renderInfo(external ? `${kept}.` : `${kept}, but only its named evaluators' notes count. ${mention(lead)} leads it: ask them to add you with \`/vet evaluators ${esc(vendor)} add @you\`.`);
}

/** A refusal as plain text, for a modal's field error (which shows no mentions). */
export function refusalPlain(r: Refusal): string {
  if (r.kind === 'external') return EXTERNAL(r.act);
  if (r.kind === 'risk-owners-only') return riskOwnerText(r, true);
  if (r.kind === 'second-person') {
    const t = SECOND_TEXT[r.act];
    return `You recorded this ${t.what} on the ${r.vendor} vetting yourself: a second person confirms it (${t.who}).`;
  }
  const addMe = `/vet evaluators ${r.vendor} add @you`;
  return {
    answer: `Only the named evaluators of the ${r.vendor} vetting can rate it or add notes. Ask the person who started it to add you with ${addMe}.`,
    finish: `Only the evaluators of the ${r.vendor} vetting and vet admins can finish it.`,
    'manage-evaluators': `Only the person who started the ${r.vendor} vetting (its lead) and vet admins (VET_ADMINS) can change its evaluators.`,
    'decide-flags': `Only the evaluators of the ${r.vendor} vetting, the person who started it, and vet admins (VET_ADMINS) can resolve or accept its red flags. Ask them to add you with ${addMe}.`,
    'manage-evidence': `Only the evaluators of the ${r.vendor} vetting, the person who started it, and vet admins (VET_ADMINS) can request or judge its evidence. Ask them to add you with ${addMe}.`,
  }[r.act];
}

/**
 * Why people named as evaluators were left out, one mrkdwn line per reason; none when everyone was taken. `vendor`
 * goes into the command that adds someone Slack could not be asked about.
 */
export function leftOutLines(s: Screening, vendor: string): string[] {
  const ids = (list: readonly Person[]) => list.map((p) => p.id);
  const lines: string[] = [];
  if (s.external.length > 0) {
    const one = s.external.length === 1;
    lines.push(
      `${people(ids(s.external))} ${one ? 'is from another organisation (Slack Connect) and cannot be an evaluator' : 'are from another organisation (Slack Connect) and cannot be evaluators'}: only people of the team that runs the vetting take part.`,
    );
  }
  if (s.bots.length > 0) {
    const one = s.bots.length === 1;
    lines.push(`${people(ids(s.bots))} ${one ? 'is a bot and cannot be an evaluator' : 'are bots and cannot be evaluators'}: only people rate.`);
  }
  if (s.unchecked.length > 0) {
    const one = s.unchecked.length === 1;
    lines.push(
      `I could not check with Slack who ${people(s.unchecked)} ${one ? 'is' : 'are'} just now, so I did not add ${one ? 'them' : 'any of them'}. Try again in a moment with \`/vet evaluators ${esc(vendor)} add @person\`.`,
    );
  }
  return lines;
}

/** After `/vet start … --with`: who was left out and why, and who evaluates; null when everyone named was taken. */
export function renderStartLeftOut(s: Screening, v: EvaluatorsView): RenderedMessage | null {
  const lines = leftOutLines(s, v.interview.vendor.name);
  if (lines.length === 0) return null;
  lines.push(`*Evaluators of the ${esc(v.interview.vendor.name)} vetting:* ${evaluatorList(v.evaluators, v.interview.startedBy)}.`);
  return renderInfo(clip(lines.join('\n'), MAX_SECTION_TEXT));
}

/**
 * Why a modal's picks cannot be saved, as plain text (a field error shows no mentions, so people go by their Slack
 * names); null when everyone picked may evaluate.
 */
export function leftOutPlain(s: Screening): string | null {
  const names = (list: readonly Person[]) => {
    const n = list.map((p) => p.name);
    return n.length <= 1 ? n.join('') : `${n.slice(0, -1).join(', ')} and ${n.at(-1)}`;
  };
  const reasons: string[] = [];
  if (s.external.length > 0) reasons.push(`${names(s.external)} ${s.external.length === 1 ? 'is' : 'are'} from another organisation (Slack Connect)`);
  if (s.bots.length > 0) reasons.push(`${names(s.bots)} ${s.bots.length === 1 ? 'is a bot' : 'are bots'}`);
  const parts: string[] = [];
  if (reasons.length > 0) {
    const one = s.external.length + s.bots.length === 1;
    parts.push(`${reasons.join(' and ')}, so ${one ? 'they cannot be an evaluator' : 'they cannot be evaluators'}: remove ${one ? 'them' : 'them all'} and save again.`);
  }
  if (s.unchecked.length > 0) {
    const n = s.unchecked.length;
    parts.push(`I could not check with Slack who ${n === 1 ? 'one of the people picked is' : `${n} of the people picked are`} just now; nothing was changed. Try again in a moment.`);
  }
  return parts.length > 0 ? parts.join(' ') : null;
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

/**
 * The answer to the person who made the change (or tried to): who was left out and why (`leftOut`, from
 * leftOutLines), what happened, and who evaluates now.
 */
export function renderEvaluatorResult(c: Changed, leftOut: readonly string[] = []): RenderedMessage {
  const lines: string[] = [...leftOut];
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
          text: clip(
            `Who rates the ${bold(v.interview.vendor.name)} vetting and decides its red flags. ${mention(v.interview.startedBy)} leads it and stays one of them. People from another organisation (Slack Connect) and bots cannot be evaluators.`,
            MAX_SECTION_TEXT,
          ),
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
