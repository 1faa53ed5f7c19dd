// `/vet advise` in Block Kit: the checklist modal, the recommendation message with its "Start vetting with this model"
// button, the vendor modal that button opens, and the list of decisions.
import { TZDate } from '@date-fns/tz';
import type { types } from '@slack/bolt';
// Each date-fns function from its own module: the package index would load the whole library (about 10 MB of memory).
import { format } from 'date-fns/format';
import { CHECKLIST, checklistQuestion, SECTION_LABELS, SECTIONS, type ChecklistQuestionId } from '../../advisor/checklist.js';
import { MATRIX, MATRIX_ROW_LABELS } from '../../advisor/matrix.js';
import { NEEDED_FIRST, type NeededAnswer, type RowReason, type VettingPolicy } from '../../advisor/recommend.js';
import { MAX_VENDOR_NAME } from '../../flows/interview.js';
import type { DecisionVisibility, EngagementDecision } from '../../model.js';
import { FAILURE_PATTERN_LABELS, MODEL_LABELS, type EngagementModel, type InterviewVariant } from '../../questions/model.js';
import { z } from 'zod';
import { ACTION, CALLBACK, decodeJson } from '../ids.js';
import { bold, clip, esc, fitLines, MAX_PLAIN_HEADER, MAX_SECTION_TEXT } from '../text.js';
import type { RenderedMessage } from './question.js';
import { modalTitle } from './modals.js';

type Block = types.KnownBlock;

/** Block and action id of a checklist question's input (the same, as the other modals do). */
export const checklistInput = (id: ChecklistQuestionId) => `advise.${id}`;

export const ADVISE_INPUT = {
  where: 'advise.where',
  vendor: 'advise.vendor',
  model: 'advise.model',
  variant: 'advise.variant',
  evaluators: 'advise.evaluators',
} as const;

export const WHERE_LABELS: Record<DecisionVisibility, string> = {
  channel: 'Post it in this channel',
  asker: 'Show it only to me',
};

// ---------------------------------------------------------------------------------------------------------------
// Modal metadata

// Neither modal names a channel or a URL: `reply` is the id under which the command's or click's response URL and its
// channel are kept server-side (flows/replyTargets.ts), for the person who opened the modal only.

/** The checklist modal: where its recommendation goes, by reply target id. */
export interface AdviseMeta {
  reply: string;
}

/** The vendor modal of "Start vetting with this model": the decision, and where it was clicked, by reply target id. */
export interface AdviseStartMeta {
  decisionId: number;
  reply: string;
}

const AdviseMetaSchema = z.object({ reply: z.string() });
const AdviseStartMetaSchema = z.object({ decisionId: z.number().int(), reply: z.string() });

export function decodeAdviseMeta(s: string | undefined): AdviseMeta | null {
  return decodeJson(AdviseMetaSchema, s);
}

export function decodeAdviseStartMeta(s: string | undefined): AdviseStartMeta | null {
  return decodeJson(AdviseStartMetaSchema, s);
}

// ---------------------------------------------------------------------------------------------------------------
// Small pieces

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, MAX_SECTION_TEXT) } });
const label = (m: EngagementModel) => MODEL_LABELS[m];

/** "24 Nov 2026": the day a decision was made, in the team's time zone. */
export function decisionDay(d: Date, timeZone: string): string {
  return format(new TZDate(d.getTime(), timeZone), 'd MMM yyyy');
}

/** "+3", "−2" (a real minus sign), "0". */
function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `\u2212${-n}` : '0';
}

/** The plain first line: what is recommended, and the runner-up. */
export function headline(d: EngagementDecision): string {
  return `Recommended: ${label(d.recommendation.recommended)} · runner-up: ${label(d.recommendation.runnerUp)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The checklist modal

/** What the checklist says beside an answer needed first that was left open. */
export const NEEDED_FIRST_ERROR = 'Needed first: nothing can be recommended without this answer.';

export function checklistModal(meta: AdviseMeta): types.ModalView {
  const blocks: Block[] = [
    section(
      'Answer for the work you want to bring an external team in for. I will recommend an engagement model (freelancers, staff augmentation, an agency or managed services) and a runner-up, say why row by row of the decision matrix, name any answers that conflict, and the questions to ask vendors first.',
    ),
    section(`Answer what you know. Nothing is recommended until these are answered: ${NEEDED_FIRST.map((id) => checklistQuestion(id).short.toLowerCase()).join(', ')}.`),
  ];
  SECTIONS.forEach((s, i) => {
    blocks.push({ type: 'header', text: plain(`${i + 1}. ${SECTION_LABELS[s]}`) });
    for (const q of CHECKLIST.filter((x) => x.section === s)) {
      const id = checklistInput(q.id);
      blocks.push({
        type: 'input',
        block_id: id,
        optional: true,
        label: plain(q.label),
        ...(q.hint && { hint: plain(q.hint) }),
        element: { type: 'radio_buttons', action_id: id, options: q.options.map((o) => ({ text: plain(o.text), value: o.value })) },
      });
    }
  });
  const whereOptions = (['channel', 'asker'] as const).map((v) => ({ text: plain(WHERE_LABELS[v]), value: v }));
  blocks.push(
    { type: 'divider' },
    {
      type: 'input',
      block_id: ADVISE_INPUT.where,
      label: plain('Where should the recommendation go?'),
      hint: plain('Either way it is kept, and listed by /vet advise list: to those who can see this channel, or only to you.'),
      element: { type: 'radio_buttons', action_id: ADVISE_INPUT.where, initial_option: whereOptions[0], options: whereOptions },
    },
  );
  return {
    type: 'modal',
    callback_id: CALLBACK.advise,
    private_metadata: JSON.stringify(meta),
    title: modalTitle('Engagement model'),
    submit: plain('Recommend'),
    close: plain('Cancel'),
    blocks,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The recommendation

function rowText(r: RowReason, recommended: EngagementModel, runnerUp: EngagementModel): string {
  const lines = [
    `*${MATRIX_ROW_LABELS[r.row]}* · ${label(recommended)} ${signed(r.recommended)} · ${label(runnerUp)} ${signed(r.runnerUp)}`,
    `• _${label(recommended)}_: ${MATRIX[r.row][recommended]}`,
    `• _${label(runnerUp)}_: ${MATRIX[r.row][runnerUp]}`,
  ];
  // Answers that moved only the other two models do not explain this choice.
  const weighed = r.contributions
    .filter((c) => (c.points[recommended] ?? 0) !== 0 || (c.points[runnerUp] ?? 0) !== 0)
    .map((c) => `${c.phrase} (${signed(c.points[recommended] ?? 0)} / ${signed(c.points[runnerUp] ?? 0)})`);
  lines.push(weighed.length > 0 ? `_Your answers:_ ${weighed.join('; ')}` : `_None of your answers weighed on this row for ${label(recommended).toLowerCase()} or ${label(runnerUp).toLowerCase()}._`);
  return lines.join('\n');
}

/**
 * The answer to the checklist: the recommendation plainly first, then why row by row, the failure pattern to guard
 * against, any conflicts, the bank's questions that matter most, and the button that starts a vetting with it.
 */
/** A checklist with too little answered: no recommendation, and the answers needed first. */
export function renderNeeded(needed: readonly NeededAnswer[]): RenderedMessage {
  const text = `Nothing is recommended yet: a model picked from so few answers would be a guess. Answer these first (\`/vet advise\`):\n${needed.map((n) => `• ${esc(n.label)}`).join('\n')}`;
  return { text: 'Nothing is recommended yet: some answers are needed first.', blocks: [section(text)] };
}

/** Why a quick screen is refused for a vetting whose data is regulated or sensitive. */
export function screenRefused(v: VettingPolicy): string {
  return `A quick screen is not enough here, because ${v.because.join(' and ')}: the full interview is required.`;
}

/** What the vetting a decision starts is held to, when the client's risk answers tightened it. */
function vettingText(v: VettingPolicy): string | null {
  if (!v.full) return null;
  const notice = v.breachNoticeHours === null ? '' : `, and a contractual breach notice within *${v.breachNoticeHours} hours* (not the usual 72)`;
  return `:lock: *The vetting this starts is tightened*, because ${v.because.join(' and ')}: the full question bank (no quick screen)${notice}.`;
}

export function renderDecision(d: EngagementDecision, opts: { timeZone: string; note?: string }): RenderedMessage {
  const r = d.recommendation;
  const [rec, runner] = [r.recommended, r.runnerUp];
  const scores = r.ranking.map((x) => `${label(x.model)} ${signed(x.total)}`).join(' · ');
  const blocks: Block[] = [];
  if (opts.note) blocks.push(section(opts.note));
  blocks.push(
    { type: 'header', text: plain(clip(headline(d), MAX_PLAIN_HEADER)) },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Engagement-model decision #${d.id} by <@${d.askedBy}> · ${decisionDay(d.askedAt, opts.timeZone)}${d.visibility === 'asker' ? ' · only you see it' : ''}\nScores: ${scores}`,
        },
      ],
    },
  );
  if (r.conflicts.length > 0) {
    const n = r.conflicts.length;
    blocks.push(section(`:warning: *${n === 1 ? 'Two of your answers conflict' : `Your answers conflict in ${n} ways`}*: settle ${n === 1 ? 'it' : 'them'} before you decide (below).`));
  }
  for (const e of r.excluded) blocks.push(section(`:no_entry: *Not recommended: ${label(e.model)}*, because ${e.reason}. ${e.advice}`));
  if (r.hybrid) blocks.push(section(`:twisted_rightwards_arrows: *A hybrid fits your answers: ${r.hybrid.title}.* ${r.hybrid.advice}`));
  const vetting = vettingText(r.vetting);
  if (vetting) blocks.push(section(vetting));
  if (r.ties.length > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: r.ties.join('\n') }] });
  blocks.push(section(`*Why, row by row of the decision matrix* (points from your answers: ${label(rec)} / ${label(runner)})`));
  for (const row of r.rows) blocks.push(section(rowText(row, rec, runner)));
  const [main, ...others] = r.guards;
  if (main) {
    blocks.push(
      section(
        [
          `*Guard against: ${FAILURE_PATTERN_LABELS[main.pattern]}.* With ${label(rec).toLowerCase()}, ${main.risk}.`,
          `*Counter:* ${main.counter}.`,
          ...others.map((g) => `_Also watch for ${FAILURE_PATTERN_LABELS[g.pattern].toLowerCase()}:_ ${g.risk}. Counter: ${g.counter}.`),
        ].join('\n'),
      ),
    );
  }
  for (const c of r.conflicts) {
    blocks.push(section(`:warning: *Conflict: ${c.title}.*\nOn one side, ${c.because[0].join('; ')}. On the other, ${c.because[1].join('; ')}.\n${c.advice}`));
  }
  if (r.keyQuestions.length > 0) {
    const lines = r.keyQuestions.map((k) => `• ${bold(k.title)} (\`${esc(k.id)}\`)${k.why.length > 0 ? `: ${k.why.join(', ')}` : ''}`);
    blocks.push(section(`*Ask these first*: the questions of the \`${esc(r.bank.id)}\` bank that matter most for ${label(rec).toLowerCase()}:\n${fitLines(lines, MAX_SECTION_TEXT - 200)}`));
  } else {
    blocks.push(section(`*Ask these first*: the \`${esc(r.bank.id)}\` bank has no questions for ${label(rec).toLowerCase()}.`));
  }
  if (r.unanswered.length > 0) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Not answered, so not counted: ${r.unanswered.map((id) => checklistQuestion(id).short).join(', ')}.` }] });
  }
  blocks.push(
    {
      type: 'actions',
      block_id: `vet.advise|${d.id}`,
      elements: [{ type: 'button', text: plain('Start vetting with this model'), action_id: ACTION.adviseStart, value: String(d.id), style: 'primary' }],
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: '`/vet advise list` lists the decisions made so far; `/vet advise` answers the checklist again.' }] },
  );
  return { text: headline(d), blocks };
}

// ---------------------------------------------------------------------------------------------------------------
// Starting a vetting from a decision

export function startModal(meta: AdviseStartMeta, d: EngagementDecision, timeZone: string): types.ModalView {
  const r = d.recommendation;
  const modelOption = (m: EngagementModel, what: string) => ({ text: plain(`${label(m)} (${what})`), value: m });
  const models = [modelOption(r.recommended, 'recommended'), modelOption(r.runnerUp, 'runner-up')];
  // Regulated or sensitive work is vetted in full: the quick screen is not offered.
  const variants: { text: ReturnType<typeof plain>; value: InterviewVariant }[] = [
    { text: plain('The full interview'), value: 'standard' },
    ...(r.vetting.full ? [] : [{ text: plain('A quick screen (lite)'), value: 'lite' as const }]),
  ];
  const tightened = vettingText(r.vetting);
  return {
    type: 'modal',
    callback_id: CALLBACK.adviseStart,
    private_metadata: JSON.stringify(meta),
    title: modalTitle('Start vetting'),
    submit: plain('Start vetting'),
    close: plain('Cancel'),
    blocks: [
      section(
        `From engagement-model decision #${d.id} of ${decisionDay(d.askedAt, timeZone)} by <@${d.askedBy}>: *${headline(d)}*.\nThe vetting runs in <#${d.channelId}>, and you lead it.${tightened ? `\n${tightened}` : ''}`,
      ),
      {
        type: 'input',
        block_id: ADVISE_INPUT.vendor,
        label: plain('Vendor'),
        element: { type: 'plain_text_input', action_id: ADVISE_INPUT.vendor, max_length: MAX_VENDOR_NAME, placeholder: plain('e.g. Acme Dev') },
      },
      {
        type: 'input',
        block_id: ADVISE_INPUT.model,
        label: plain('Engagement model'),
        hint: plain('It picks the questions that apply and how much each dimension weighs.'),
        element: { type: 'radio_buttons', action_id: ADVISE_INPUT.model, initial_option: models[0], options: models },
      },
      {
        type: 'input',
        block_id: ADVISE_INPUT.variant,
        label: plain('Interview'),
        element: { type: 'radio_buttons', action_id: ADVISE_INPUT.variant, initial_option: variants[0], options: variants },
      },
      {
        type: 'input',
        block_id: ADVISE_INPUT.evaluators,
        optional: true,
        label: plain('Evaluators besides you'),
        hint: plain('Only the evaluators rate the answers; you can change them later with the Evaluators button.'),
        element: { type: 'multi_users_select', action_id: ADVISE_INPUT.evaluators },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Listing and usage

export const ADVISE_USAGE = [
  '• `/vet advise` opens the engagement-model checklist: answer it and I recommend freelancers, staff augmentation, an agency or managed services, with a runner-up and why',
  '• `/vet advise list` lists the decisions made so far, newest first',
].join('\n');

export function renderDecisionList(decisions: readonly EngagementDecision[], timeZone: string): RenderedMessage {
  if (decisions.length === 0) {
    const text = 'There is no engagement-model decision you can see yet. `/vet advise` opens the checklist: answer it and I recommend an engagement model, with a runner-up and why.';
    return { text, blocks: [section(text)] };
  }
  const lines = decisions.map((d) => {
    const r = d.recommendation;
    // A decision shown only to its asker is listed only to them.
    const where = d.visibility === 'asker' ? 'only for you' : `in <#${d.channelId}>`;
    const conflicts = r.conflicts.length > 0 ? ` · ${r.conflicts.length} conflict${r.conflicts.length === 1 ? '' : 's'}` : '';
    return `• #${d.id} · ${decisionDay(d.askedAt, timeZone)} · <@${d.askedBy}> · *${label(r.recommended)}* (runner-up ${label(r.runnerUp)})${conflicts} · ${where}`;
  });
  const text = `*Engagement-model decisions*, newest first:\n${fitLines(lines, MAX_SECTION_TEXT - 40)}`;
  return { text: `Engagement-model decisions: ${decisions.length}`, blocks: [section(text)] };
}

/** `/vet advise` followed by something it does not take: what was understood, and the two ways to use it. */
export function renderAdviseUsage(typed: string): RenderedMessage {
  const text = `I read "${esc(typed.replace(/"/g, '”'))}" after \`/vet advise\`, which takes nothing but \`list\`:\n${ADVISE_USAGE}`;
  return { text, blocks: [section(text)] };
}
