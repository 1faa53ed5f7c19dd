// A question as one thread message: scenario, what good looks like, what to ask to see, and the controls.
import type { types } from '@slack/bolt';
import type { QuestionView } from '../../flows/views.js';
import { DIMENSION_LABELS, EVIDENCE_STATES, REPORT_READING_LABELS, topLevel, type EvidenceState, type FactSpec, type FactValue, type Question } from '../../questions/model.js';
import { describeFact, describeReport, reportFails } from '../../scoring/facts.js';
import { ACTION, questionBlockId } from '../ids.js';
import { evidenceBlocks } from './evidence.js';
import { bullets, clip, esc, fitLines, MAX_BUTTON_TEXT } from '../text.js';

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

export interface RenderedMessage {
  text: string;
  blocks: Block[];
}

function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return { type: 'button', text: { type: 'plain_text', text: clip(text, MAX_BUTTON_TEXT) }, action_id: actionId, value, ...(style && { style }) };
}

export function positionLine(v: QuestionView): string {
  return `${DIMENSION_LABELS[v.question.dimension]} · ${v.position} of ${v.total}`;
}

function answerControls(v: QuestionView): Block {
  const q = v.question;
  const block_id = questionBlockId(v.interview.id, q.id, 1);
  if (!q.fact) {
    const top = topLevel(q);
    return {
      type: 'actions',
      block_id,
      elements: q.rubric.map((level, i) =>
        button(`${i} · ${level.label}`, `${ACTION.rate}.${i}`, String(i), i === 0 ? 'danger' : i === top ? 'primary' : undefined),
      ),
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
  return {
    type: 'actions',
    block_id: questionBlockId(v.interview.id, v.question.id, 2),
    elements: [
      ...EVIDENCE_STATES.map((s) => button(EVIDENCE_LABELS[s], `${ACTION.evidence}.${s}`, s)),
      button('N/A', ACTION.na, 'na'),
      button('Skip', ACTION.skip, 'skip'),
      button('Add note', ACTION.note, 'note'),
      // Only where there is a judgement to override: notes judged vague, and no override standing.
      ...(v.result.notes?.vague && v.result.notes.overridden === null ? [button('Not vague…', ACTION.vague, 'vague')] : []),
    ],
  };
}

/** Who rated what, evidence per evaluator, the level that counts, and the notes: the state after each click. */
function recordLines(v: QuestionView): string[] {
  const q = v.question;
  const lines: string[] = [];
  const byUser = new Map<string, string[]>();
  const add = (user: string, part: string) => byUser.set(user, [...(byUser.get(user) ?? []), part]);
  for (const a of v.answers) {
    if (a.status === 'rated' && a.fact && q.fact) add(a.evaluatorId, esc(describeFact(q.fact, a.fact)));
    else if (a.status === 'rated' && a.level !== null) add(a.evaluatorId, esc(q.rubric[a.level]?.label ?? `level ${a.level}`));
    else if (a.status === 'na') add(a.evaluatorId, 'N/A');
    else if (a.status === 'skipped') add(a.evaluatorId, 'skipped');
    if (a.evidence) add(a.evaluatorId, EVIDENCE_LABELS[a.evidence].toLowerCase());
  }
  if (byUser.size === 0) lines.push('_No answers yet._');
  else lines.push([...byUser].map(([user, parts]) => `<@${user}>: ${parts.join(', ')}`).join(' · '));
  const r = v.result;
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
      r.capped && (q.fact ? 'the vendor\'s word until evidence is shown' : 'capped: top rating without evidence shown'),
      r.disagreement && (q.fact ? 'evaluators recorded different values: the most cautious counts' : 'evaluators disagree by 2+ levels'),
      r.unread.length > 0 && `the report is not read yet: ${r.unread.map((x) => REPORT_READING_LABELS[x]).join(', ')} (*Read the report*)`,
      r.vagueCapped && 'held: the notes are vague and no evidence was shown',
    ].filter(Boolean);
    lines.push(notes.length > 0 ? `${counts} (${notes.join('; ')})` : counts);
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

export function renderQuestion(v: QuestionView): RenderedMessage {
  const q: Question = v.question;
  const tags = [positionLine(v), `weight ${q.weight}`, q.evidenceRequired && 'evidence required'].filter(Boolean).join(' · ');
  const guidance = [
    `*A mature answer includes*\n${bullets(q.matureAnswer)}`,
    q.evidence.length > 0 && `*Ask to see*\n${bullets(q.evidence)}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const blocks: Block[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: esc(tags) }] },
    { type: 'section', text: { type: 'mrkdwn', text: clip(`*${esc(q.title)}*\n${esc(q.prompt)}`, 3000) } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(guidance, 3000) } },
  ];
  if (q.fact) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Record: *${esc(q.fact.label)}*` }] });
  blocks.push(
    answerControls(v),
    otherControls(v),
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: fitLines(recordLines(v), 3000) }],
    },
    ...evidenceBlocks(v),
  );
  return { text: esc(clip(`${positionLine(v)}: ${q.title}`, 2000)), blocks };
}
