// The Markdown report of a vendor's interview: everything that was asked, answered, noted and decided. Pure.
import type { EvidenceRegister, RegisterEntry } from '../flows/evidence.js';
import { REGISTER_STATE_LABELS } from '../flows/evidenceRules.js';
import type { ReportData } from '../flows/portfolio.js';
import type { SummaryView } from '../flows/views.js';
import type { Answer, EvidenceItem, RedFlag, VendorAnswer } from '../model.js';
import { linkLabel } from '../messageText.js';
import { CATALOGUES, referencesText } from '../questions/controls/index.js';
import { DIMENSION_LABELS, FAILURE_PATTERN_LABELS, FRAMEWORKS, MODEL_LABELS, type Framework, type Question } from '../questions/model.js';
import type { QuestionResult } from '../scoring/types.js';
import { describeFact } from '../scoring/facts.js';
import type { Scorecard } from '../scoring/types.js';
import { MIN_COVERAGE } from '../scoring/weights.js';
import { plainFormat, tierStatement, vettingKind } from './verdict.js';
import { calendarDay } from '../time.js';
import { controlRows } from './controls.js';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '–');
const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);
const pts = (v: number | null) => (v === null ? 'not rated' : `${Math.round(v)}/100`);
/** Keeps user text on one line and from opening Markdown structure (tables, headings, HTML). */
const inline = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .replace(/[|<>]/g, (c) => `\\${c}`)
    .trim();

/** How a report names a person: "Sam Patel (U0SAM)" when Slack told us the name, else the id; `?` for nobody. */
export type Who = (userId: string | null) => string;

/** `names`: Slack's names by user id (users.info, asked by the Slack layer); someone missing is named by id. */
export function namer(names: ReadonlyMap<string, string>): Who {
  return (id) => {
    if (id === null) return '?';
    const name = names.get(id);
    return name && name !== id ? `${inline(name)} (${id})` : id;
  };
}

const byId: Who = (id) => id ?? '?';

/** Everyone a report names, by user id: whose names the Slack layer asks for. */
export function peopleIn(r: ReportData): string[] {
  const i = r.summary.interview;
  const ids = [
    i.startedBy,
    i.completedBy,
    ...r.summary.evaluators,
    ...r.summary.revisions.map((x) => x.by),
    ...r.summary.flags.flatMap((f) => [f.statusBy, f.ownerId]),
    ...r.flagHistory.map((h) => h.actor),
    ...r.answers.map((a) => a.evaluatorId),
    ...r.notes.map((n) => n.authorId),
    ...r.register.entries.flatMap((e) => [e.request?.chaserId ?? null, e.request?.requestedBy ?? null, e.request?.closedBy ?? null, ...e.items.flatMap((x) => [x.sharedBy, x.verdictBy])]),
    r.decision?.visibility === 'asker' ? null : (r.decision?.askedBy ?? null),
  ];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && /^[UW][A-Z0-9]+$/.test(id)))];
}

function flagStatus(f: RedFlag, timeZone: string, who: Who): string {
  if (f.status === 'resolved')
    return `resolved by ${who(f.statusBy)} on ${day(f.statusAt)}${f.statusReason ? `: ${inline(f.statusReason)}` : ''}${f.statusLink ? ` (${inline(f.statusLink)})` : ''}${f.statusSeen ? `; seen: ${inline(f.statusSeen)}` : ''}`;
  if (f.status === 'accepted')
    return `risk accepted by ${who(f.statusBy)} on ${day(f.statusAt)}, owner ${who(f.ownerId)}, expires ${f.acceptExpiresAt ? calendarDay(f.acceptExpiresAt, timeZone) : '–'}${f.statusReason ? `: ${inline(f.statusReason)}` : ''}${f.compensatingControl ? `; compensating control: ${inline(f.compensatingControl)}` : ''}`;
  return `open since ${day(f.createdAt)}${f.statusReason ? ` (${inline(f.statusReason)})` : ''}`;
}

/** What a flag decision rested on, as the audit row keeps it: the reason, what was seen, the control, whose proposal. */
function historyDetail(d: Record<string, unknown>, who: Who): string {
  const text = (k: string) => (typeof d[k] === 'string' && d[k] !== '' ? inline(String(d[k])) : null);
  const parts = [
    text('reason'),
    text('link') && `link ${text('link')}`,
    text('seen') && `seen: ${text('seen')}`,
    text('compensatingControl') && `compensating control: ${text('compensatingControl')}`,
    typeof d.proposedBy === 'string' ? `confirming the resolution proposed by ${who(d.proposedBy)}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? `: ${parts.join('; ')}` : '';
}

/**
 * How a file or link is named in a report: a file by its name; a link by its full URL, with its label only when the
 * label cannot pass for another address.
 */
export function itemReportName(i: EvidenceItem): string {
  if (i.kind === 'file') return `file "${inline(i.name ?? i.fileId ?? 'unnamed')}"${i.fileType ? ` (${inline(i.fileType)})` : ''}`;
  const label = linkLabel(i.url, i.name);
  return `link ${inline(i.url ?? '')}${label ? ` ("${inline(label)}")` : ''}`;
}

/** Who shared it and what became of it; an outsider's file is kept (as their notes are) but judged by evaluators only. */
export function itemReportStatus(i: EvidenceItem, who: Who = byId): string {
  const shared = `shared by ${who(i.sharedBy)}${i.byEvaluator ? '' : ' (not an evaluator: kept, judged by the evaluators)'} on ${day(i.sharedAt)}`;
  if (i.verdict === 'accepted') return `${shared}; accepted as evidence by ${who(i.verdictBy)} on ${day(i.verdictAt)}`;
  if (i.verdict === 'not_sufficient') return `${shared}; not sufficient according to ${who(i.verdictBy)} on ${day(i.verdictAt)}: ${inline(i.verdictReason ?? '')}`;
  return `${shared}; waiting for a verdict`;
}

export function expiryReportText(e: NonNullable<RegisterEntry['expiry']>): string {
  if (e.kind === 'expiry') return `${inline(e.label)} ${e.date}: ${e.stale ? 'expired' : 'expires'} on ${e.staleOn}`;
  return `${inline(e.label)} ${e.date}: ${e.stale ? 'stale since' : 'goes stale on'} ${e.staleOn}`;
}

/** The evidence register: per question what was asked, its state, what was shared and judged, and expiry. */
function registerMarkdown(reg: EvidenceRegister, who: Who): string[] {
  const out = ['## Evidence register', ''];
  if (reg.entries.length === 0) return [...out, 'No evidence was requested or shared.'];
  out.push(`As of ${day(reg.generatedAt)}. States: requested, overdue, received (to review), shown, not sufficient, withdrawn.`);
  for (const e of reg.entries) {
    out.push('', `### ${e.question.position ?? '–'}. ${inline(e.question.title)}: ${e.state ? REGISTER_STATE_LABELS[e.state] : 'no evidence requested'}`, '');
    const q = e.request;
    if (q) {
      out.push(`- Asked: ${inline(q.asked.replace(/\s*\n\s*/g, '; '))}`);
      out.push(`- Chased by ${who(q.chaserId)}, due ${q.dueOn}${q.vendorContact ? `, vendor contact: ${inline(q.vendorContact)}` : ''}; requested by ${who(q.requestedBy)} on ${day(q.requestedAt)}`);
      if (q.status === 'withdrawn') out.push(`- Withdrawn by ${who(q.closedBy)} on ${day(q.closedAt)}: ${inline(q.closeReason ?? '')}`);
      if (q.status === 'fulfilled') out.push(`- Fulfilled by ${who(q.closedBy)} on ${day(q.closedAt)}: ${inline(q.closeReason ?? '')}`);
    }
    for (const i of e.items) out.push(`- ${itemReportName(i)}, ${itemReportStatus(i, who)}`);
    for (const x of e.seen) out.push(`- Seen by ${who(x.by)} on ${day(x.at)}: ${inline(x.text)}`);
    if (e.expiry) out.push(`- ${expiryReportText(e.expiry)}`);
  }
  return out;
}

/** How a question was answered: in writing from the vendor (its own channel), or seen in the call. */
export function answeredHow(vendorAnswers: readonly VendorAnswer[]): string {
  return vendorAnswers.length > 0 ? 'in writing from the vendor' : 'seen in the call';
}

export function vendorAnswerText(a: VendorAnswer): string {
  return `${a.userId}${a.teamId ? ` (team ${a.teamId})` : ''}, ${a.createdAt.toISOString().slice(0, 16).replace('T', ' ')}: ${inline(a.text) || '(a file, without words)'}`;
}

/** The files and links the vendor shared in its own channel, each with what became of it. */
function vendorFilesMarkdown(r: ReportData): string[] {
  if (!r.vendorChannelId) return [];
  const fromVendor = new Set(r.vendorAnswers.map((a) => a.sourceTs));
  const items = r.register.entries.flatMap((e) => e.items.filter((i) => fromVendor.has(i.sourceTs)).map((i) => ({ e, i })));
  const out = ["## The vendor's files", '', `Shared by the vendor in its own channel (${r.vendorChannelId}).`, ''];
  if (items.length === 0) return [...out, 'None.'];
  return [...out, ...items.map(({ e, i }) => `- ${e.question.position ?? '–'}. ${inline(e.question.title)}: ${itemReportName(i)}, ${itemReportStatus(i)}`)];
}

/** Questions in the order they were asked (numbered as in the thread), then those never asked. */
export function questionOrder(r: ReportData): { q: ReportData['summary']['interview']['questions'][number]; position: number | null }[] {
  const at = new Map(r.asked.map((a) => [a.questionId, a.position]));
  return r.summary.interview.questions.map((q) => ({ q, position: at.get(q.id) ?? null })).sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity));
}

type ReportQuestion = ReportData['summary']['interview']['questions'][number];

/** What a question counts as in the scores: "Specific (70/100)", "N/A", "skipped" or "unanswered". */
export function countedResult(q: ReportQuestion, result: QuestionResult | undefined): string {
  if (!result || result.state === 'unanswered') return 'unanswered';
  if (result.state === 'answered') return `answered (the bank gives it no score)${result.disagreement ? ' (evaluators disagree)' : ''}`;
  if (result.state !== 'scored') return result.state === 'na' ? 'N/A' : result.state;
  // A choice question scores its choices' score, on no rubric level.
  if (result.level === null) return `${pts(result.score)}${result.disagreement ? ' (evaluators disagree)' : ''}`;
  const level = q.rubric[result.level]!;
  return `${level.label} (${level.score}/100)${result.capped ? ' (capped: no evidence shown)' : ''}${result.disagreement ? ' (evaluators disagree)' : ''}`;
}

/** Per framework, the controls the interview's questions name; questions never asked (follow-ups not called for) are left out. */
function controlsMarkdown(r: ReportData, frameworks: readonly Framework[]): string[] {
  const results = new Map(r.summary.scorecard.questions.map((x) => [x.questionId, x]));
  const inPlay = questionOrder(r)
    .filter(({ q }) => results.has(q.id) || r.answers.some((a) => a.questionId === q.id))
    .map(({ q, position }) => ({ q, position, result: results.get(q.id) }));
  const out = [
    '## Controls evidenced',
    '',
    "The controls the questions of this interview name, per framework, with each question's result as it counts in the scores. A control is examined when at least one of its questions was rated; its result is the weakest rated answer. A control not examined is unknown risk, not a pass.",
  ];
  for (const framework of frameworks) {
    const rows = controlRows(inPlay, framework);
    out.push('', `### ${CATALOGUES[framework].name}`, '');
    if (rows.length === 0) {
      out.push('No question of this interview names a control of this framework.');
      continue;
    }
    out.push(`${rows.filter((c) => c.weakest).length} of ${rows.length} controls examined.`, '', '| Control | Result | Questions |', '|---|---|---|');
    for (const c of rows) {
      const w = c.weakest;
      const result = w ? `${w.q.rubric[w.result.level!]!.label} (${w.result.score}/100)${c.unrated > 0 ? `; ${c.unrated} of ${c.questions.length} questions not rated` : ''}` : 'not examined';
      const questions = c.questions.map((x) => `${x.position ?? '–'}. ${inline(x.q.title)} (\`${x.q.id}\`): ${countedResult(x.q, x.result)}`).join('; ');
      out.push(`| ${c.id} ${inline(c.title)} | ${result} | ${questions} |`);
    }
  }
  return out;
}

/** "Revised after completion by U1 on 2026-11-23 (2 changes)", or null when the record is as completed. */
function revisedLine(revisions: SummaryView['revisions'], who: Who): string | null {
  const last = revisions.at(-1);
  if (!last) return null;
  const people = [...new Set(revisions.map((x) => x.by))].map(who);
  return `Revised after completion by ${people.join(', ')}${people.length > 1 ? ', last' : ''} on ${day(last.at)} (${revisions.length} change${revisions.length === 1 ? '' : 's'})`;
}

/** ", from the engagement-model decision #3 of 2026-11-24 by U0ALICE (recommended …, runner-up …)", or nothing. */
function decisionText(r: ReportData, who: Who): string {
  const d = r.decision;
  if (!d) return '';
  // A decision its asker kept to themselves is named, not told: the report may be read by anyone in the channel.
  if (d.visibility === 'asker') return `, from the engagement-model decision #${d.id} (kept private by the person who asked)`;
  const rec = d.recommendation;
  const conflicts = rec.conflicts.length > 0 ? `; ${rec.conflicts.length} conflict${rec.conflicts.length === 1 ? '' : 's'} in the answers` : '';
  return `, from the engagement-model decision #${d.id} of ${calendarDay(d.askedAt, r.timeZone)} by ${who(d.askedBy)} (recommended ${MODEL_LABELS[rec.recommended]}, runner-up ${MODEL_LABELS[rec.runnerUp]}${conflicts})`;
}

/** "quick screen, single-evaluator verdict (rated by U1; 2 needed for a final verdict)", or "final (rated by U1, U2)". */
function vettingDescription(c: Scorecard): string {
  const p = c.panel;
  const who = p.raters.length > 0 ? `rated by ${p.raters.join(', ')}` : 'nobody rated';
  const need = p.final ? '' : `; ${p.minEvaluators} evaluators needed for a final verdict`;
  const alone = p.raters.length > 1 && p.singleRater.length > 0 ? `; rated by one person only: ${p.singleRater.map((d) => DIMENSION_LABELS[d]).join(', ')}` : '';
  const kind = vettingKind(c).replace(/^screen/, 'quick screen (it tells whether to run a full vetting, not that the vendor is safe)');
  return `${kind} (${who}${need}${alone})`;
}

/** The knock-outs that did not pass, first among the findings: no average offsets them. */
function knockOutMarkdown(c: Scorecard): string[] {
  const k = c.verdict.knockOuts;
  if (k.length === 0) return [];
  return [
    '',
    '**Knock-outs** (must-pass questions that did not pass; no average offsets them):',
    '',
    ...k.map((x) => `- ${inline(x.title)}: ${x.state === 'failed' ? `failed (${x.rules.join(', ')})` : 'not examined'}; the tier is at least ${x.severity}`),
  ];
}

/**
 * The whole report; with a framework, its "Controls evidenced" section and the questions' references name only that
 * one. `names`: Slack's names of the people in it, by user id; each is shown beside the id.
 */
export function reportMarkdown(r: ReportData, generatedAt: Date, framework: Framework | null = null, names: ReadonlyMap<string, string> = new Map()): string {
  const frameworks = framework ? [framework] : FRAMEWORKS;
  const who = namer(names);
  const { summary: s } = r;
  const i = s.interview;
  const c = s.scorecard;
  const titles = new Map(i.questions.map((q) => [q.id, q.title]));
  const out: string[] = [
    `# Vendor vetting report: ${inline(i.vendor.name)}`,
    '',
    `- Interview #${i.id}: ${i.status.replace('_', ' ')}, started ${day(i.startedAt)} by ${who(i.startedBy)}${i.completedAt ? `, completed ${day(i.completedAt)} by ${who(i.completedBy)}` : ''}`,
    `- Engagement model: ${i.model ? MODEL_LABELS[i.model] : 'not set'}${decisionText(r, who)}`,
    `- Question bank: ${i.bankId} ${i.bankVersion} (${i.variant})`,
    `- Vetting: ${vettingDescription(c)}`,
    ...(framework ? [`- Framework: ${CATALOGUES[framework].name} only`] : []),
    ...[revisedLine(s.revisions, who)].flatMap((line) => (line ? [`- ${line}`] : [])),
    `- Evaluators: ${s.evaluators.map(who).join(', ') || 'none'}`,
    ...(r.vendorChannelId ? [`- The vendor answered in writing in its own channel ${r.vendorChannelId} (Slack Connect): ${r.vendorAnswers.length} message(s)`] : []),
    `- Generated: ${generatedAt.toISOString()}`,
    '',
    '## Scores',
    '',
    `**Verdict: ${inline(tierStatement(c, s.flags, plainFormat(r.timeZone)))}**`,
    '',
    `Overall **${pts(c.overall.score)}**, ${c.tier ? `${c.tier} risk` : 'not rated'}; coverage ${pct(c.overall.coverage)}; evidence shown on ${c.evidence.shown} of ${c.evidence.required} evidence-required answers; ${c.counts.scored} of ${c.counts.total} questions answered, ${c.counts.skipped} skipped, ${c.counts.na} N/A, ${c.counts.unanswered} unanswered.`,
    '',
    '| Dimension | Score | Coverage | Weight |',
    '|---|---|---|---|',
    ...c.dimensions.map((d) => `| ${DIMENSION_LABELS[d.dimension]} | ${d.score === null ? 'not examined' : pts(d.score)} | ${pct(d.coverage)} | ${d.modelWeight}% |`),
  ];
  out.push(...knockOutMarkdown(c));
  if (c.verdict.incomplete) {
    const missing = c.verdict.unexamined.length > 0 ? `; not examined at all: ${c.verdict.unexamined.map((d) => DIMENSION_LABELS[d]).join(', ')}` : '';
    out.push(
      '',
      `**Incomplete vetting**: ${pct(c.overall.coverage)} of the weighted questions answered (${pct(MIN_COVERAGE)} needed)${missing}. Unanswered questions earn nothing, and an incomplete vetting is never rated better than high risk.`,
    );
  }
  if (c.verdict.unknownRisk) out.push('', `${c.verdict.unanswered.length} question(s) in play were not answered; the tier is no better than the worst they could reveal (${c.verdict.unknownRisk}).`);
  if (s.revet) {
    const t = s.revet.comparison.team;
    out.push(
      '',
      `Since the previous interview (#${s.revet.previous.id}, ${day(s.revet.previous.completedAt)}): overall ${pts(s.revet.comparison.overall.before)} → ${pts(s.revet.comparison.overall.after)}.`,
    );
    if (t) out.push(`Named team: missing now: ${t.removed.map(inline).join(', ') || 'nobody'}; new: ${t.added.map(inline).join(', ') || 'nobody'}.`);
  }

  out.push('', '## Red flags', '');
  if (s.flags.length === 0) out.push('None.');
  for (const f of s.flags) {
    out.push(`- **${f.severity}** · ${inline(f.message)}${titles.get(f.questionId) ? ` _(${inline(titles.get(f.questionId)!)})_` : ''} · ${flagStatus(f, r.timeZone, who)}`);
    for (const h of r.flagHistory.filter((e) => Number(e.detail.flagId) === f.id)) {
      out.push(`  - ${h.at.toISOString().slice(0, 16).replace('T', ' ')} ${who(h.actor)} ${h.action.replace('flag.', '')}${historyDetail(h.detail, who)}`);
    }
  }

  out.push('', ...registerMarkdown(r.register, who));
  const files = vendorFilesMarkdown(r);
  if (files.length > 0) out.push('', ...files);

  out.push('', '## Questions');
  const results = new Map(c.questions.map((q) => [q.questionId, q]));
  for (const { q, position } of questionOrder(r)) {
    const result = results.get(q.id);
    const answers = r.answers.filter((a) => a.questionId === q.id);
    const notes = r.notes.filter((x) => x.questionId === q.id);
    const written = r.vendorAnswers.filter((a) => a.questionId === q.id);
    if (!result && answers.length === 0 && notes.length === 0 && written.length === 0) continue;
    out.push('', `### ${position ?? '–'}. ${inline(q.title)} (${DIMENSION_LABELS[q.dimension]}, \`${q.id}\`)`, '', `> ${inline(q.prompt)}`, '');
    out.push(`- Result: ${result?.state === 'scored' ? 'counts as ' : ''}${countedResult(q, result)}`);
    const refs = referencesText(q, frameworks);
    if (refs) out.push(`- Evidences: ${refs}`);
    if (r.vendorChannelId) out.push(`- Answered: ${answeredHow(written)}`);
    for (const a of written) out.push(`- In writing from the vendor, by ${vendorAnswerText(a)}`);
    if (q.patterns.length > 0) out.push(`- Exposes: ${q.patterns.map((p) => FAILURE_PATTERN_LABELS[p]).join(', ')}`);
    for (const a of answers) {
      const given = describeAnswer(q, a);
      const what =
        given !== null
          ? inline(given)
          : a.status === 'rated' && a.fact && q.fact
            ? inline(describeFact(q.fact, a.fact))
            : a.status === 'rated' && a.level !== null
              ? (q.rubric[a.level]?.label ?? `level ${a.level}`)
              : a.status === 'na'
                ? 'N/A'
                : a.status;
      out.push(`- ${who(a.evaluatorId)}: ${what}${a.evidence ? ` · evidence ${a.evidence}` : ''} (${a.updatedAt.toISOString().slice(0, 16).replace('T', ' ')})`);
    }
    for (const note of notes) {
      // Kept so nothing said is lost, but only the evaluators' notes count.
      const author = note.counts ? who(note.authorId) : `${who(note.authorId)} (not an evaluator)`;
      out.push(`- Note by ${author} (${day(note.createdAt)}): ${inline(note.text)}${note.link ? ` [evidence](${note.link})` : ''}`);
    }
  }
  out.push('', ...controlsMarkdown(r, frameworks));
  return `${out.join('\n')}\n`;
}

/** A choice or text answer in words: the labels of the choices made, or the text; null for other answers. */
export function describeAnswer(q: Question, a: Pick<Answer, 'status' | 'choices' | 'text'>): string | null {
  if (a.status !== 'rated' || !q.answer) return null;
  if ('choices' in q.answer) {
    if (a.choices === null) return null;
    const spec = q.answer;
    return a.choices.length === 0 ? 'none of these' : a.choices.map((id) => spec.choices.find((c) => c.id === id)?.label ?? id).join('; ');
  }
  return q.answer.type === 'text' ? a.text : null;
}
