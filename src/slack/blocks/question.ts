// A question as one thread message: scenario, what good looks like, what to ask to see, and the controls.
import type { types } from '@slack/bolt';
import type { QuestionView } from '../../flows/views.js';
import {
  DIMENSION_LABELS,
  EVIDENCE_STATES,
  naAllowedFor,
  REPORT_READING_LABELS,
  topLevel,
  type AnswerSpec,
  type Choice,
  type EvidenceState,
  type FactSpec,
  type FactValue,
  type Question,
} from '../../questions/model.js';
import { describeFact, describeReport, reportFails } from '../../scoring/facts.js';
import type { NaStanding } from '../../scoring/types.js';
import { ACTION, questionBlockId } from '../ids.js';
import { evidenceBlocks } from './evidence.js';
import type { RenderedMessage } from './message.js';
import { VENDOR_ASK } from './vendorAnswers.js';
import { bold, bullets, clip, esc, fitLines, MAX_BUTTON_TEXT, MAX_SECTION_TEXT, seenText } from '../text.js';

type Block = types.KnownBlock;
type Button = types.Button;

export const EVIDENCE_LABELS: Record<EvidenceState, string> = {
  shown: 'Evidence shown',
  promised: 'Evidence promised',
  none: 'No evidence',
};

/**
 * Why a recorded fact earns nothing, in the question's own terms: the vendor has none, or the value is past the
 * question's bound. Called only for a `none` or an out-of-bounds value (`factOutOfBounds` decided that at the
 * time of scoring), so each case names the bound the value misses.
 */
export function factVerdict(spec: FactSpec, fact: FactValue): string {
  if (fact.type === 'none') return spec.noneLabel ?? `No ${spec.label.toLowerCase()}`;
  const value = describeFact(spec, fact);
  switch (spec.type) {
    case 'date':
      // An expiry date past its maximum age has passed too, so "expired" is the whole story for an expiry.
      if (spec.isExpiry) return `${spec.label}: expired on ${value}`;
      return `${spec.label}: ${value}, more than ${spec.maxAgeMonths ?? 0} month${spec.maxAgeMonths === 1 ? '' : 's'} ago`;
    case 'boolean':
      return `${spec.label}: ${value}`;
    case 'number':
      if (fact.type === 'number' && spec.max !== undefined && fact.value > spec.max) return `${value} is above the limit of ${spec.max} ${spec.unit}`;
      return `${value} is below the minimum of ${spec.min ?? 0} ${spec.unit}`;
    case 'list': {
      const n = fact.type === 'list' ? fact.value.length : 0;
      return `${spec.label}: ${n} given, at least ${spec.minItems ?? 0} needed`;
    }
  }
}

/** Kept here too, where most renderers have always found it. */
export type { RenderedMessage };

function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return { type: 'button', text: { type: 'plain_text', text: clip(text, MAX_BUTTON_TEXT) }, action_id: actionId, value, ...(style && { style }) };
}

export function positionLine(v: QuestionView): string {
  return `${DIMENSION_LABELS[v.question.dimension]} · ${v.position} of ${v.total}`;
}

// Block Kit's limits (docs.slack.dev, block elements): 25 elements in an actions block, 100 options in a select,
// 10 options in a checkbox group, 75 characters of option and button text. Choices beyond a few buttons go to a
// select (one) or a multi-select (many, beyond 10 boxes); the schema caps a question at 100 choices.
const MAX_CHOICE_BUTTONS = 5;
const MAX_CHECKBOXES = 10;
const MAX_OPTION_TEXT = 75;

function option(c: Choice, i: number): types.PlainTextOption {
  return { text: { type: 'plain_text', text: clip(`${i + 1}. ${c.label}`, MAX_OPTION_TEXT) }, value: c.id };
}

/** The controls of a question that is answered by choosing, writing or showing; null for an upload question. */
function choiceControls(spec: AnswerSpec, block_id: string): Block | null {
  switch (spec.type) {
    case 'upload':
      return null;
    case 'text':
      return { type: 'actions', block_id, elements: [button('Record the answer', ACTION.answerOpen, 'text', 'primary')] };
    case 'one':
    case 'yesno':
      if (spec.choices.length <= MAX_CHOICE_BUTTONS) {
        return {
          type: 'actions',
          block_id,
          elements: spec.choices.map((c, i) => button(spec.type === 'yesno' ? c.label : `${i + 1}. ${c.label}`, `${ACTION.choose}.${i}`, c.id)),
        };
      }
      return {
        type: 'actions',
        block_id,
        elements: [{ type: 'static_select', action_id: ACTION.chooseSelect, placeholder: { type: 'plain_text', text: 'Choose the answer' }, options: spec.choices.map(option) }],
      };
    case 'many': {
      const options = spec.choices.map(option);
      const picker: types.ActionsBlockElement =
        options.length <= MAX_CHECKBOXES
          ? { type: 'checkboxes', action_id: ACTION.chooseMany, options }
          : { type: 'multi_static_select', action_id: ACTION.chooseMany, placeholder: { type: 'plain_text', text: 'Pick all that apply' }, options };
      return { type: 'actions', block_id, elements: [picker, button('Done', ACTION.chooseDone, 'done', 'primary')] };
    }
  }
}

function answerControls(v: QuestionView): Block | null {
  const q = v.question;
  const block_id = questionBlockId(v.interview.id, q.id, 1);
  if (q.answer) return choiceControls(q.answer, block_id);
  if (!q.fact) {
    const top = topLevel(q);
    return {
      type: 'actions',
      block_id,
      elements: q.rubric.map((level, i) => button(`${i} · ${level.label}`, `${ACTION.rate}.${i}`, String(i), i === 0 ? 'danger' : i === top ? 'primary' : undefined)),
    };
  }
  const f = q.fact;
  const recorded = v.result.fact;
  const elements: types.ActionsBlockElement[] = [];
  if (f.type === 'date') {
    elements.push({
      type: 'datepicker',
      action_id: ACTION.factDate,
      placeholder: { type: 'plain_text', text: clip(f.label, 150) },
      ...(recorded?.type === 'date' && { initial_date: recorded.value }),
    });
    // A report is read, not only dated: the date alone counts one level below the top.
    if (f.reads) elements.push(button('Read the report', ACTION.factOpen, 'report', 'primary'));
  } else if (f.type === 'boolean') {
    elements.push(button('Yes', `${ACTION.factBool}.yes`, 'true'), button('No', `${ACTION.factBool}.no`, 'false'));
  } else {
    elements.push(button(f.type === 'number' ? `Enter ${f.unit}` : 'Enter names', ACTION.factOpen, f.type, 'primary'));
  }
  if (f.noneLabel) elements.push(button(f.noneLabel, ACTION.factNone, 'none', 'danger'));
  return { type: 'actions', block_id, elements };
}

function otherControls(v: QuestionView): Block {
  // N/A only where the bank says the question may not apply; Confirm N/A while a claimed one waits for a second person.
  const na = naAllowedFor(v.question, v.interview.model);
  return {
    type: 'actions',
    block_id: questionBlockId(v.interview.id, v.question.id, 2),
    elements: [
      ...EVIDENCE_STATES.map((s) => button(EVIDENCE_LABELS[s], `${ACTION.evidence}.${s}`, s)),
      ...(na ? [button('N/A', ACTION.na, 'na')] : []),
      ...(na && v.result.na?.standing === 'awaiting-confirmation' ? [button('Confirm N/A', ACTION.naConfirm, 'confirm')] : []),
      button('Skip', ACTION.skip, 'skip'),
      button('Add note', ACTION.note, 'note'),
      // The vendor answers in its own channel: an evaluator may ask it back there.
      ...(v.vendorChannelId ? [button('Ask the vendor', VENDOR_ASK.action, 'ask')] : []),
      // Only where there is a judgement to override: notes judged vague, and no override standing.
      ...(v.result.notes?.vague && v.result.notes.overridden === null ? [button('Not vague…', ACTION.vague, 'vague')] : []),
    ],
  };
}

/** What an N/A claim amounts to, after who claimed it and why. */
const NA_STANDING: Record<NaStanding, string> = {
  counts: 'confirmed: the question does not count',
  'awaiting-confirmation': 'awaiting confirmation by a second person (another evaluator, a risk owner or an admin); not examined until then',
  'no-reason': 'no reason was given, so it counts as not examined',
  'not-allowed': 'the question bank does not allow N/A here, so it counts as not examined',
  disputed: 'others rated it, so the panel disagrees whether it applies: the N/A counts as the most cautious vote (not examined)',
  'replaces-answer': 'the question was answered earlier in this vetting, so it was examined: the N/A counts as not examined',
};

/** Who rated what, evidence per evaluator, the level that counts, and the notes: the state after each click. */
function recordLines(v: QuestionView): string[] {
  const q = v.question;
  const lines: string[] = [];
  const byUser = new Map<string, string[]>();
  const add = (user: string, part: string) => byUser.set(user, [...(byUser.get(user) ?? []), part]);
  const choices = q.answer && 'choices' in q.answer ? q.answer.choices : [];
  for (const a of v.answers) {
    if (a.status === 'rated' && a.choices && choices.length > 0)
      add(a.evaluatorId, a.choices.length === 0 ? 'none of these' : esc(a.choices.map((id) => clip(choices.find((c) => c.id === id)?.label ?? id, 80)).join('; ')));
    else if (a.status === 'rated' && a.text !== null && q.answer?.type === 'text') add(a.evaluatorId, `“${esc(clip(a.text.replace(/\s+/g, ' '), 300))}”`);
    else if (a.status === 'rated' && a.fact && q.fact) add(a.evaluatorId, esc(describeFact(q.fact, a.fact)));
    else if (a.status === 'rated' && a.level !== null) add(a.evaluatorId, esc(q.rubric[a.level]?.label ?? `level ${a.level}`));
    else if (a.status === 'na') add(a.evaluatorId, a.naReason ? `N/A (“${esc(clip(a.naReason.replace(/\s+/g, ' '), 200))}”)` : 'N/A');
    else if (a.status === 'skipped') add(a.evaluatorId, 'skipped');
    if (a.evidence === 'shown' && a.evidenceSeen) add(a.evaluatorId, `evidence shown: ${seenText(a.evidenceSeen)}`);
    else if (a.evidence === 'shown') add(a.evaluatorId, 'evidence shown (nothing recorded as seen)');
    else if (a.evidence) add(a.evaluatorId, EVIDENCE_LABELS[a.evidence].toLowerCase());
  }
  if (byUser.size === 0) lines.push('_No answers yet._');
  else lines.push([...byUser].map(([user, parts]) => `<@${user}>: ${parts.join(', ')}`).join(' · '));
  const r = v.result;
  if (r.state === 'scored' && r.level === null && r.score !== null)
    lines.push(`*Counts as:* ${Math.round(r.score)}/100${r.disagreement ? ' (evaluators chose differently: the lower median counts)' : ''}`);
  if (r.state === 'answered' && r.disagreement) lines.push('Evaluators chose differently: a condition reads every choice anyone made.');
  if (r.state === 'scored' && r.level !== null) {
    const label = esc(q.rubric[r.level]!.label);
    // What the recorded value means comes first: "168 hours is above the limit of 72 hours: counts as Absent".
    const why =
      q.fact && r.fact && (r.factOutOfBounds || r.fact.type === 'none')
        ? factVerdict(q.fact, r.fact)
        : q.fact && r.fact && reportFails(r.fact)
          ? `The report does not vouch for the controls (${r.fact.type === 'date' ? describeReport(r.fact.report) : ''})`
          : null;
    const counts = why ? `${esc(why)}: *counts as* ${label}` : `*Counts as:* ${label}`;
    const notes = [
      r.capped && (q.fact ? "the vendor's word until evidence is shown" : 'capped: top rating without evidence shown'),
      r.disagreement && (q.fact ? 'evaluators recorded different values: the most cautious counts' : 'evaluators disagree by 2+ levels'),
      r.unread.length > 0 && `the report is not read yet: ${r.unread.map((x) => REPORT_READING_LABELS[x]).join(', ')} (*Read the report*)`,
      r.vagueCapped && 'held: the notes are vague and no evidence was shown',
    ].filter(Boolean);
    lines.push(notes.length > 0 ? `${counts} (${notes.join('; ')})` : counts);
  }
  if (r.na) {
    const confirmed = r.na.confirmedBy ? `, confirmed by <@${r.na.confirmedBy}>` : '';
    lines.push(`*N/A* claimed by <@${r.na.by}>${confirmed}: ${NA_STANDING[r.na.standing]}`);
  }
  if (r.state === 'na' && r.coveredBy) lines.push(`*Counts as:* not applicable: ${esc(v.interview.questions.find((x) => x.id === r.coveredBy)?.title ?? r.coveredBy)} stands in for it`);
  if (v.notes.length > 0) {
    const last = v.notes.at(-1)!;
    lines.push(`*Notes (${v.notes.length}):* latest from <@${last.authorId}>: “${esc(clip(last.text.replace(/\s+/g, ' '), 200))}”`);
  }
  if (r.notes) {
    const points = `specific on ${r.notes.pointsCovered} of ${r.notes.pointsTotal} points a mature answer covers`;
    const judged = `Vague answer (${esc(r.notes.reason ?? 'nothing concrete')})`;
    if (!r.notes.vague) lines.push(`Notes: ${points}`);
    else if (r.notes.overridden) lines.push(`${judged}: overridden by <@${r.notes.overridden.by}>: “${esc(clip(r.notes.overridden.reason, 300))}”`);
    else lines.push(`:warning: ${judged}: ${points}`);
  }
  return lines;
}

/**
 * Told only to the evaluator who clicked a rating: the shared question message cannot show each person which button
 * is theirs, so this names the rating that now counts for them, and how to change it. Null when they have none.
 */
export function renderYourRating(v: QuestionView, userId: string): RenderedMessage | null {
  const level = v.answers.find((a) => a.evaluatorId === userId && a.status === 'rated')?.level ?? null;
  const rung = level === null ? undefined : v.question.rubric[level];
  if (level === null || !rung) return null;
  const text = `:white_check_mark: You rated ${bold(`Q${v.position} · ${v.question.title}`)}: ${bold(`${level} · ${rung.label}`)}. To change it, click another rating; only your latest one counts.`;
  return { text: esc(`You rated Q${v.position}: ${level} · ${rung.label}`), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(text, MAX_SECTION_TEXT) } }] };
}

export function renderQuestion(v: QuestionView): RenderedMessage {
  const q: Question = v.question;
  const tags = [positionLine(v), `weight ${q.weight}`, q.evidenceRequired && 'evidence required'].filter(Boolean).join(' · ');
  const choices = q.answer && 'choices' in q.answer && q.answer.type !== 'yesno' ? q.answer.choices : [];
  const guidance = [
    choices.length > 0 && `*${q.answer?.type === 'many' ? 'Tick all that apply' : 'Choose one'}*\n${choices.map((c, i) => `${i + 1}. ${esc(c.label)}`).join('\n')}`,
    q.matureAnswer.length > 0 && `*A mature answer includes*\n${bullets(q.matureAnswer)}`,
    q.evidence.length > 0 && `*Ask to see*\n${bullets(q.evidence)}`,
    q.answer?.type === 'upload' && 'Share the file or link in this thread, then mark the evidence shown, promised or absent.',
    q.guidance && q.guidance.length > 0 && `*Guidance*\n${q.guidance.map((g) => esc(g)).join('\n\n')}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const blocks: Block[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: esc(tags) }] },
    { type: 'section', text: { type: 'mrkdwn', text: clip(`${bold(q.title)}\n${esc(q.prompt)}`, 3000) } },
    ...(guidance === '' ? [] : [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: clip(guidance, 3000) } }]),
  ];
  if (q.fact) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Record: ${bold(q.fact.label)}` }] });
  const controls = answerControls(v);
  blocks.push(
    ...(controls ? [controls] : []),
    otherControls(v),
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: fitLines(recordLines(v), 3000) }],
    },
    ...evidenceBlocks(v),
  );
  return { text: esc(clip(`${positionLine(v)}: ${q.title}`, 2000)), blocks };
}
