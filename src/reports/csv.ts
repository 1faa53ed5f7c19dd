// The answers of an interview as CSV, one row per question x evaluator, ready for a spreadsheet. Pure.
import type { ReportData } from '../flows/portfolio.js';
import { referencesText } from '../questions/controls/index.js';
import { DIMENSION_LABELS, FRAMEWORKS, type Framework } from '../questions/model.js';
import { describeFact } from '../scoring/facts.js';
import { answeredHow, describeAnswer, expiryReportText, itemReportName, itemReportStatus, questionOrder, vendorAnswerText } from './markdown.js';
import { plainFormat, tierStatement, vettingKind } from './verdict.js';

const COLUMNS = [
  'interview',
  'vendor',
  'position',
  'question_id',
  'dimension',
  'question',
  // The controls the question evidences: "ISO 27001 A.8.25, A.8.28; SOC 2 CC8.1".
  'references',
  'evaluator',
  'status',
  'level',
  'level_label',
  'evidence',
  'fact',
  'answer',
  'notes',
  'links',
  'updated_at',
  // In writing from the vendor (its own channel) or seen in the call, and what the vendor wrote, per question.
  'answered',
  'vendor_answers',
  // The evidence register, per question (the same on each of its rows).
  'evidence_state',
  'evidence_asked',
  'evidence_chaser',
  'evidence_due',
  'evidence_vendor_contact',
  'evidence_shared',
  'evidence_expiry',
  // The verdict of the interview (the same on every row): what kind of vetting, and the tier with what it rests on.
  'vetting',
  'verdict',
];

/** RFC 4180 quoting, and a leading apostrophe so a spreadsheet never runs user text as a formula. */
export function csvCell(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** With a framework, the references column names only its controls. */
export function reportCsv(r: ReportData, framework: Framework | null = null): string {
  const frameworks = framework ? [framework] : FRAMEWORKS;
  const i = r.summary.interview;
  const rows: (string | number | null)[][] = [COLUMNS];
  const register = new Map(r.register.entries.map((e) => [e.question.id, e]));
  const verdictColumns = [vettingKind(r.summary.scorecard), tierStatement(r.summary.scorecard, r.summary.flags, plainFormat(r.timeZone))];
  for (const { q, position } of questionOrder(r)) {
    const entry = register.get(q.id);
    const req = entry?.request ?? null;
    const evidenceColumns = [
      entry?.state ?? null,
      req?.asked ?? null,
      req?.chaserId ?? null,
      req?.dueOn ?? null,
      req?.vendorContact ?? null,
      entry?.items.map((i) => `${itemReportName(i)}, ${itemReportStatus(i)}`).join('\n') || null,
      entry?.expiry ? expiryReportText(entry.expiry) : null,
    ];
    const answers = r.answers.filter((a) => a.questionId === q.id);
    const notes = r.notes.filter((x) => x.questionId === q.id);
    const written = r.vendorAnswers.filter((a) => a.questionId === q.id);
    const vendorColumns = [answeredHow(written), written.map(vendorAnswerText).join('\n') || null];
    // Everyone who answered or wrote a note on the question gets a row; an untouched question gets one empty row.
    const people = [...new Set([...answers.map((a) => a.evaluatorId), ...notes.map((x) => x.authorId)])];
    if (people.length === 0 && !r.summary.scorecard.questions.some((x) => x.questionId === q.id) && !entry) continue;
    for (const person of people.length > 0 ? people : [null]) {
      const a = answers.find((x) => x.evaluatorId === person);
      const mine = notes.filter((x) => x.authorId === person);
      rows.push([
        i.id,
        i.vendor.name,
        position,
        q.id,
        DIMENSION_LABELS[q.dimension],
        q.title,
        referencesText(q, frameworks) || null,
        person,
        // Notes by someone who was not an evaluator are kept but count for nothing, as the Markdown report says too.
        a ? a.status : mine.length === 0 ? 'unanswered' : mine.some((x) => x.counts) ? 'note only' : 'note only, not an evaluator',
        a?.level ?? null,
        a?.level !== null && a?.level !== undefined ? (q.rubric[a.level]?.label ?? null) : null,
        a?.evidence ?? null,
        a?.fact && q.fact ? describeFact(q.fact, a.fact) : null,
        a ? describeAnswer(q, a) : null,
        mine.map((x) => x.text).join('\n') || null,
        mine.flatMap((x) => (x.link ? [x.link] : [])).join(' ') || null,
        (a?.updatedAt ?? mine.at(-1)?.createdAt)?.toISOString() ?? null,
        ...vendorColumns,
        ...evidenceColumns,
        ...verdictColumns,
      ]);
    }
  }
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
