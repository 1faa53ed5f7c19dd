// Interview-level messages: the parent message, the scored summary, status, help and errors.
import type { types } from '@slack/bolt';
import type { EvaluatorsView, StatusView, SummaryView } from '../../flows/views.js';
import type { Interview, RedFlag } from '../../model.js';
import { DIMENSION_LABELS, MODEL_LABELS, type Severity } from '../../questions/model.js';
import type { RevetComparison } from '../../scoring/revet.js';
import type { KnockOut, RiskTier, Scorecard } from '../../scoring/types.js';
import { vettingLabels } from '../../reports/verdict.js';
import { ACTION } from '../ids.js';
import { bold, clip, esc, escSentence, fitLines, MAX_PLAIN_HEADER, MAX_SECTION_TEXT, percent, score } from '../text.js';
import { appendFlagBlocks, flagsPageButton, flagText, MAX_MESSAGE_BLOCKS } from './flags.js';
import { badges, standingBrief, standingText, tierStatementText, tierText, unexaminedText } from './verdict.js';
import type { RenderedMessage } from './question.js';

type Block = types.KnownBlock;

export const USAGE = [
  '*/vet* runs a guided, scored interview of an external engineering team in a thread.',
  '• `/vet start <vendor> [--model freelancer|staff-augmentation|agency|managed-services] [--lite] [--with @evaluator …] [--vendor-channel #shared-channel]`: start an interview here; you lead it, and rate it with the people you name; with a vendor channel (shared with the vendor through Slack Connect) the vendor answers there in writing, one question at a time, and sees nothing of the evaluation',
  '• `/vet vendor-channel <vendor> #shared-channel`: let the vendor of the interview in progress here answer in its shared channel (the lead or an admin)',
  '• `/vet evaluators <vendor>`: who rates its interview here; `/vet evaluators <vendor> add|remove @person …` (the lead or an admin)',
  '• `/vet status <vendor>`: progress of the interview in progress in this channel, or where the latest one ended',
  '• `/vet finish <vendor>`: end it early and post the scored summary',
  "• `/vet flags <vendor>`: the vendor's open red flags, to resolve or accept",
  '• `/vet evidence <vendor>`: the evidence register: what was asked per question, its state, the files and links shared, who confirmed them, and when certificates expire',
  '• `/vet list`: every vendor with its latest score, tier and open flags',
  '• `/vet compare <vendor> <vendor> [...]`: 2 to 5 vendors side by side (quote names with spaces)',
  "• `/vet report <vendor> [--csv] [--framework iso27001|soc2|ssdf|ccm]`: upload the full report (Markdown) or the answers (CSV) here, optionally with one framework's controls only",
  "• `/vet digest`: this channel's weekly red-flag digest; `/vet digest schedule <weekday> <HH:MM> [time zone]`, `/vet digest on|off|now`",
  '• `/vet advise`: before any vendor is vetted, a checklist that recommends an engagement model (with a runner-up and why) and starts the vetting with it; `/vet advise list`: the decisions made so far',
  '• `/vet help`: this message',
  'The lead and the named evaluators rate answers with the buttons under each question; the *Evaluators* button on the first message changes who. Reply in the thread to add a note to the current question, or start a reply with `Q7:` to add it to question 7; files and links shared in the thread are evidence an evaluator can accept.',
].join('\n');

function modelText(i: Interview): string {
  if (!i.model) return 'engagement model not set';
  return i.decisionId ? `${MODEL_LABELS[i.model]}, from engagement-model decision #${i.decisionId}` : MODEL_LABELS[i.model];
}

export function evaluatorList(evaluators: readonly string[], lead: string): string {
  return evaluators.map((u) => (u === lead ? `<@${u}> (leads)` : `<@${u}>`)).join(', ');
}

/** The thread's first message: what is vetted, who leads and who evaluates, the Evaluators button, the outcome. */
export function renderParent(v: EvaluatorsView): RenderedMessage {
  const i = v.interview;
  const vendor = esc(i.vendor.name);
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`Vetting: ${i.vendor.name}`, MAX_PLAIN_HEADER) } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          [
            `<@${i.startedBy}> started ${i.variant === 'lite' ? 'a *lite*' : 'an'} interview of ${bold(i.vendor.name)} (${modelText(i)}): ${v.total} question${v.total === 1 ? '' : 's'} from the \`${esc(i.bankId)}\` question bank, version ${esc(i.bankVersion)}.`,
            v.evaluators.length > 1
              ? `*Evaluators:* ${evaluatorList(v.evaluators, i.startedBy)}. Only they rate the answers; the lead or a vet admin can change who with the *Evaluators* button below.`
              : `*Evaluator:* ${evaluatorList(v.evaluators, i.startedBy)}, alone so far: a single rater's verdict is one opinion. The lead or a vet admin can name others with the *Evaluators* button below.`,
            'The questions follow in this thread, one at a time: rate each answer with its buttons, and reply in the thread to add a note to the current question.',
          ].join('\n'),
          MAX_SECTION_TEXT,
        ),
      },
    },
  ];
  if (v.completed) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*Completed:* ${standingBrief(v.completed)} · ${v.completed.flags.length} red flag${v.completed.flags.length === 1 ? '' : 's'} raised` },
    });
  }
  blocks.push(
    { type: 'actions', block_id: `vet.parent|${i.id}`, elements: [{ type: 'button', text: { type: 'plain_text', text: 'Evaluators' }, action_id: ACTION.evaluators, value: String(i.id) }] },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `Interview #${i.id}` }] },
  );
  return { text: `Vetting interview: ${vendor}`, blocks };
}

/** The flag raised when evaluators' ratings of a question are far apart. */
const DISAGREE_RULE = 'evaluators-disagree';

/** "<@alice> Absent / refused, <@bob> Mature": the ratings behind a disagreement, shown on its flag. */
function whoRatedWhat(s: SummaryView, questionId: string): string[] {
  const r = s.scorecard.questions.find((x) => x.questionId === questionId);
  const q = s.interview.questions.find((x) => x.id === questionId);
  if (!r || !q || r.ratings.length === 0) return [];
  return [r.ratings.map((x) => `<@${x.evaluatorId}> ${esc(q.rubric[x.level]?.label ?? `level ${x.level}`)}`).join(', ')];
}

/** Flags that get their own buttons in the summary; the others are listed in one section with one button. */
const WITH_BUTTONS: ReadonlySet<Severity> = new Set(['critical', 'high']);
/** The longest message of a medium or low flag in the summary; the full text is in the list. */
const MINOR_LINE = 400;

/**
 * Open flags, worst first, grouped by severity: critical and high ones each with their buttons; medium and low ones
 * one line each in one section, with one button that lists every open flag (paginated, with buttons) like
 * `/vet flags`. Resolved and accepted ones are counted.
 */
function flagBlocks(blocks: Block[], s: SummaryView, room: number): void {
  const titles = new Map(s.interview.questions.map((q) => [q.id, q.title]));
  const open = s.flags.filter((f) => f.status === 'open');
  const closed = s.flags.length - open.length;
  const text = (f: RedFlag) => flagText(f, titles.get(f.questionId) ?? null, f.rule === DISAGREE_RULE ? whoRatedWhat(s, f.questionId) : []);
  const vendor = s.interview.vendor.name;
  blocks.push({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text:
        open.length === 0
          ? `*Red flags:* none open${closed > 0 ? ` (${closed} resolved or accepted)` : ''}.`
          : `*Red flags: ${open.length} open*${closed > 0 ? ` (${closed} resolved or accepted)` : ''}`,
    },
  });
  const major = open.filter((f) => WITH_BUTTONS.has(f.severity));
  const minor = open.filter((f) => !WITH_BUTTONS.has(f.severity));
  // Kept: two blocks for the medium and low ones (their list, then the button to the full list), or one for that
  // button when the critical and high ones do not all fit.
  appendFlagBlocks(
    blocks,
    major.map((f) => ({ flag: f, text: text(f) })),
    'summary',
    // Less the heading above and the blocks kept.
    room - 1 - (minor.length > 0 ? 2 : 1),
    (n) => `…and ${n} more critical or high red flag${n === 1 ? '' : 's'}: *List all open flags* (or \`/vet flags ${esc(vendor)}\`) shows them all, with their buttons.`,
  );
  if (minor.length === 0) {
    if (major.length > 0 && blocks.at(-1)?.type === 'context') blocks.push(listAllBlock(vendor));
    return;
  }
  const counts = (['medium', 'low'] as const).map((sev) => [sev, minor.filter((f) => f.severity === sev).length] as const).filter(([, n]) => n > 0);
  const heading = `*${counts.map(([sev, n]) => `${n} ${sev}`).join(' and ')}* (resolve or accept them from the full list):`;
  blocks.push(
    {
      type: 'section',
      // A line each, its message cut short (before it becomes mrkdwn, so no entity is cut in two) so that one long
      // message does not push the others out of the section. The button goes under the list, not beside it: an
      // accessory would take a column of its own and squeeze the list into the rest.
      text: { type: 'mrkdwn', text: fitLines([heading, ...minor.map((f) => `• ${text({ ...f, message: clip(f.message, MINOR_LINE) })}`)]) },
    },
    listAllBlock(vendor),
  );
}

/** Where the buttons of the flags that did not fit are: the full list. */
function listAllBlock(vendor: string): Block {
  return { type: 'actions', block_id: 'flags|all', elements: [flagsPageButton('List all open flags', vendor, 0)] };
}

export function renderSummary(s: SummaryView): RenderedMessage {
  const i = s.interview;
  const c = s.scorecard;
  const evidence =
    c.evidence.required === 0 ? 'no evidence-required answers' : `evidence shown on ${c.evidence.shown} of ${c.evidence.required} evidence-required answers (${percent(c.evidence.coverage)})`;
  const counts = `${c.counts.scored} of ${c.counts.total} answered · ${c.counts.unanswered + c.counts.skipped} unanswered${c.counts.skipped > 0 ? ` (${c.counts.skipped} skipped)` : ''} · ${c.counts.na} N/A`;
  const evaluators = s.evaluators.length > 0 ? s.evaluators.map((u) => `<@${u}>`).join(', ') : 'nobody';
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`Vetting summary: ${i.vendor.name}`, MAX_PLAIN_HEADER) } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Overall: ${score(c.overall.score)} · ${tierStatementText(c, s.flags, s.timeZone)}*${badges(c)}\nCoverage ${percent(c.overall.coverage)} · ${evidence}\n${counts}\n${modelText(i)} · bank \`${esc(i.bankId)}\` ${esc(i.bankVersion)} · evaluators ${evaluators}`,
      },
    },
    {
      type: 'section',
      fields: c.dimensions.map((d) => ({
        type: 'mrkdwn' as const,
        text: `*${DIMENSION_LABELS[d.dimension]}*\n${d.score === null ? 'not examined' : score(d.score)} · coverage ${percent(d.coverage)} · weight ${d.modelWeight}%`,
      })),
    },
  ];
  const verdictNotes = [knockOutText(c), panelText(c)].filter((t): t is string => t !== null);
  if (verdictNotes.length > 0) blocks.splice(2, 0, { type: 'section', text: { type: 'mrkdwn', text: verdictNotes.join('\n') } });
  const unexamined = unexaminedText(
    c,
    s.flags.some((f) => f.rule === 'incomplete-vetting' && f.status === 'open'),
  );
  if (unexamined) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: unexamined } });
  if (s.revet) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: revetText(s.revet.previous, s.revet.comparison) } });
  blocks.push({ type: 'divider' });
  // Room for the flags: everything but the closing context line. A disagreement is one of them (its flag names
  // who rated what), so it is said once, next to the buttons that settle it.
  flagBlocks(blocks, s, MAX_MESSAGE_BLOCKS - blocks.length - 1);
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `Interview #${i.id}${i.completedBy ? ` · finished by <@${i.completedBy}>` : ''}${i.completedAt ? ` · ${i.completedAt.toISOString().slice(0, 10)}` : ''}${revisedText(s.revisions)}`,
      },
    ],
  });
  const labels = vettingLabels(c).filter((l) => l !== 'final');
  return { text: `Vetting summary for ${esc(i.vendor.name)}: ${score(c.overall.score)}, ${tier(c.tier)}${labels.length > 0 ? ` (${labels.join(', ')})` : ''}`, blocks };
}

/** The failed and unexamined knock-outs, first thing under the overall line: no average offsets them. */
function knockOutText(c: Scorecard): string | null {
  const k = c.verdict.knockOuts;
  if (k.length === 0) return null;
  const line = (x: KnockOut) => `• ${bold(x.title)}: ${x.state === 'failed' ? `failed (${x.rules.map((r) => `\`${r}\``).join(', ')})` : 'not examined'}, so the tier is at least ${x.severity}`;
  return fitLines([':no_entry: *Knock-outs*: must-pass questions that did not pass; no average offsets them.', ...k.map(line)]);
}

/** A panel, not a person: who rated, whether that makes the verdict final, and the dimensions one person rated alone. */
function panelText(c: Scorecard): string | null {
  const p = c.panel;
  if (p.raters.length === 0) return null;
  const who = `Rated by ${p.raters.map((u) => `<@${u}>`).join(', ')}`;
  const kind = p.final
    ? 'a final verdict'
    : p.raters.length < p.minEvaluators
      ? `a *${p.raters.length === 1 ? 'single-evaluator verdict' : `${p.raters.length}-evaluator verdict`}*: ${p.minEvaluators} evaluators must rate for a final one`
      : 'not final';
  const alone = p.raters.length > 1 && p.singleRater.length > 0 ? ` Rated by one person only: ${p.singleRater.map((d) => DIMENSION_LABELS[d]).join(', ')}.` : '';
  return `${who}: ${kind}.${alone}`;
}

/** " · _Revised after completion_ by <@bob> on 2026-11-23 (2 changes)", or nothing when the record is as completed. */
function revisedText(revisions: SummaryView['revisions']): string {
  const last = revisions.at(-1);
  if (!last) return '';
  const people = [...new Set(revisions.map((r) => r.by))].map((u) => `<@${u}>`);
  const who = people.length === 1 ? people[0] : `${people.slice(0, -1).join(', ')} and ${people.at(-1)}`;
  const when = `${people.length === 1 ? '' : ', last'} on ${last.at.toISOString().slice(0, 10)}`;
  return ` · _Revised after completion_ by ${who}${when} (${revisions.length} change${revisions.length === 1 ? '' : 's'})`;
}

function change(before: number | null, after: number | null): string {
  if (before === null || after === null) return `${score(before)} → ${score(after)}`;
  const delta = Math.round(after) - Math.round(before);
  return `${Math.round(before)} → ${Math.round(after)} (${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${Math.abs(delta)})`;
}

function revetText(previous: Interview, c: RevetComparison): string {
  const lines = [
    `*Since the previous interview* (#${previous.id}, ${previous.completedAt?.toISOString().slice(0, 10) ?? 'unfinished'}): overall ${change(c.overall.before, c.overall.after)}`,
    c.dimensions.map((d) => `${DIMENSION_LABELS[d.dimension]} ${change(d.before, d.after)}`).join(' · '),
  ];
  if (c.team === null) lines.push('Named team: not recorded in both interviews, so it cannot be compared.');
  else if (c.team.removed.length === 0 && c.team.added.length === 0) lines.push('Named team: unchanged.');
  else {
    if (c.team.removed.length > 0) lines.push(`:warning: *Committed before, missing now:* ${c.team.removed.map(esc).join(', ')}`);
    if (c.team.added.length > 0) lines.push(`*New on the team:* ${c.team.added.map(esc).join(', ')}`);
  }
  return fitLines(lines);
}

function tier(t: RiskTier | null): string {
  return t ? `${t} risk` : 'not rated';
}

export function renderStatus(s: StatusView, threadLink: string | null): RenderedMessage {
  const i = s.interview;
  const link = threadLink ? ` · <${threadLink}|open the thread>` : '';
  const current = s.current ? `\n*Now asking* (${s.current.position} of ${s.current.total}): ${esc(s.current.question.title)}` : '';
  const text = [
    `${bold(i.vendor.name)}: ${i.status === 'in_progress' ? 'interview in progress' : i.status}${link}`,
    `${s.asked} of ${s.total} questions asked, ${s.answered} answered · evaluators: ${s.evaluators.length > 0 ? s.evaluators.map((u) => `<@${u}>`).join(', ') : 'none yet'}`,
    `Provisional: ${score(s.scorecard.overall.score)} · ${tierText(s.scorecard.tier)}${badges(s.scorecard)} · coverage ${percent(s.scorecard.overall.coverage)} · ${s.scorecard.flags.length} potential red flag${s.scorecard.flags.length === 1 ? '' : 's'}${current}`,
  ].join('\n');
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** `/vet status` once the vendor's latest interview here is finished: where it ended, and where to read more. */
export function renderFinishedStatus(s: SummaryView, summaryLink: string | null): RenderedMessage {
  const i = s.interview;
  const vendor = esc(i.vendor.name);
  const on = i.completedAt ? ` on ${i.completedAt.toISOString().slice(0, 10)}` : '';
  const open = s.flags.filter((f) => f.status === 'open').length;
  const text = [
    `${bold(i.vendor.name)}: no interview in progress here; the latest one finished${on}: ${standingText(s)} · ${open} open red flag${open === 1 ? '' : 's'}${summaryLink ? ` · <${summaryLink}|its summary>` : ''}`,
    `\`/vet report ${vendor}\` for the full report, \`/vet flags ${vendor}\` for its open flags, \`/vet start ${vendor}\` to vet it again.`,
  ].join('\n');
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** Told to whoever replies in the thread of a finished interview: the reply was not recorded, and what to do. */
export function renderFinishedReply(vendorName: string): RenderedMessage {
  const vendor = esc(vendorName);
  return renderInfo(
    [
      `The ${bold(vendorName)} interview is finished, so your reply was not recorded as a note.`,
      `• To vet ${bold(vendorName)} again: \`/vet start ${vendor}\` in this channel starts a new interview.`,
      "• Its evaluators can still change a rating with the buttons on its questions, or add a note with a question's *Add note* button; the summary is updated.",
    ].join('\n'),
  );
}

/** Ends a command's error: the one line says what was wrong and how to do it; the full list is a command away. */
export const HELP_POINTER = '`/vet help` lists every command.';

/** An ephemeral answer: what went wrong (escaped, it may quote what the user typed), optionally pointing to /vet help. */
export function renderProblem(message: string, pointToHelp = false): RenderedMessage {
  const text = pointToHelp ? `${escSentence(message)} ${HELP_POINTER}` : escSentence(message);
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export function renderInfo(mrkdwn: string): RenderedMessage {
  return { text: mrkdwn, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: mrkdwn } }] };
}
