// Converts a Google VSAQ questionnaire (github.com/google/vsaq, Apache-2.0) into a vet bank file (YAML), as text in
// and text out: reading and writing files is the CLI's job. The bank uses only features any bank author can write
// (choice questions, askWhen and flag conditions, sections), so the result is edited and checked like any bank.
import { Document } from 'yaml';
import { formatCondition, parseCondition, references, type Expr } from './condition.js';
import { DIMENSIONS, SEVERITIES, type Dimension, type Severity } from './model.js';

/** An item of the VSAQ format, as far as the importer reads it. */
interface VsaqItem {
  type: string;
  id?: string;
  text?: string;
  cond?: string;
  items?: VsaqItem[];
  choices?: Record<string, string>[];
  yes?: string;
  no?: string;
  warn?: string;
  name?: string;
  severity?: string;
  why?: string;
}

export interface ImportSummary {
  file: string;
  questions: number;
  withConditions: number;
  redFlags: number;
  /** Names the questionnaire's conditions use without defining them: asked as yes/no context questions. */
  undefinedNames: string[];
}

export type ImportResult = { ok: true; yaml: string; summary: ImportSummary } | { ok: false; error: string };

const ANSWERABLE = new Set(['radiogroup', 'checkgroup', 'line', 'box', 'check', 'yesno', 'upload']);

/**
 * Default dimension of a block, from words in its title and id; anything else is security, VSAQ's own subject.
 * The bank states the result per section, where the user changes it.
 */
const DIMENSION_WORDS: [Dimension, RegExp][] = [
  ['governance', /polic|complian|audit|vendor|third.?part|contract|legal|privacy|insurance|subcontract|outsourc|governance|certif/i],
  ['process', /process|change.?manag|incident|sdlc|lifecycle|release|deploy|patch|vulnerability.?manag|business.?continu|disaster|backup|training|hr\b|people/i],
  ['technical', /develop|code|testing|framework|architecture|qa\b|quality/i],
  ['scalability', /scal|capacity|elastic|availab/i],
];

export function defaultDimension(title: string): Dimension {
  return DIMENSION_WORDS.find(([, re]) => re.test(title))?.[0] ?? 'security';
}

/**
 * Cleans the engine's JSON-ish text the way the VSAQ engine does before parsing: `//` comment lines go, strings
 * joined with `"..." +` across lines become one, and `\xNN` escapes become JSON's `\u00NN`.
 */
export function cleanVsaqSource(source: string): string {
  return source
    .split('\n')
    .filter((line) => !/^\s*\/\//.test(line))
    .join('\n')
    .replace(/(?<!\\)"\s*\+\s*"/g, '')
    .replace(/(?<!\\)((?:\\\\)*)\\x([0-9a-fA-F]{2})/g, '$1\\u00$2');
}

/** A VSAQ text (HTML) as plain text: links keep their address, paragraphs and line breaks become new lines. */
export function htmlToText(html: string): string {
  return html
    .replace(/<a\s[^>]*href\s*=\s*['"]([^'"]*)['"][^>]*>(.*?)<\/a>/gis, (_, href: string, label: string) => (label.trim() === href ? href : `${label} (${href})`))
    .replace(/<br\s*\/?>|<\/p>|<\/li>|<\/div>/gi, '\n')
    .replace(/<li[^>]*>/gi, '- ')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}

export function slugify(id: string): string {
  const slug = id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (slug || 'item').slice(0, 64).replace(/-+$/, '');
}

/** A short title: the first sentence of the text, cut at a word within 100 characters. */
function titleOf(text: string): string {
  const first = text.split('\n')[0]!;
  const sentence = /^(.*?[.?!:])(\s|$)/.exec(first)?.[1] ?? first;
  if (sentence.length <= 100) return sentence.replace(/:$/, '');
  const cut = sentence.slice(0, 99);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : 99)}…`;
}

interface Located {
  item: VsaqItem;
  /** The blocks around it, outermost first. */
  blocks: VsaqItem[];
}

type AnswerOut = { type: 'one' | 'many'; choices: { id: string; label: string }[] } | { type: 'yesno' | 'text' | 'upload' };

interface QuestionOut {
  id: string;
  section: string;
  title: string;
  prompt: string;
  answer: AnswerOut;
  askWhen?: string;
  guidance?: string[];
  redFlags?: { rule: string; title?: string; severity: Severity; when: string; message: string }[];
  evidence?: string[];
}

/** Converts the text of a VSAQ questionnaire file into the text of a vet bank (YAML). */
export function importVsaq(source: string, file: string): ImportResult {
  let doc: unknown;
  try {
    doc = JSON.parse(cleanVsaqSource(source));
  } catch (e) {
    return { ok: false, error: `${file}: not a VSAQ questionnaire: it does not parse as the engine's JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  const root: unknown[] | null = typeof doc === 'object' && doc !== null && 'questionnaire' in doc && Array.isArray(doc.questionnaire) ? doc.questionnaire : null;
  if (!root || root.length === 0 || !root.every(isItem)) return { ok: false, error: `${file}: not a VSAQ questionnaire: it has no "questionnaire" list of items` };

  // Every item in document order, with its enclosing blocks.
  const located: Located[] = [];
  const walk = (items: VsaqItem[], blocks: VsaqItem[]): void => {
    for (const item of items) {
      located.push({ item, blocks });
      if (item.type === 'block' && Array.isArray(item.items)) walk(item.items.filter(isItem), [...blocks, item]);
    }
  };
  walk(root, []);

  // Ids as vet writes them: slugs, unique across questions, choices and sections.
  const used = new Set<string>();
  const slugs = new Map<string, string>();
  const slugOf = (vsaqId: string): string => {
    const known = slugs.get(vsaqId);
    if (known) return known;
    const base = slugify(vsaqId);
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base.slice(0, 60)}-${n}`;
    used.add(slug);
    slugs.set(vsaqId, slug);
    return slug;
  };
  const byVsaqId = new Map<string, Located>();
  const choiceOwner = new Map<string, VsaqItem>();
  for (const l of located) {
    if (l.item.id) byVsaqId.set(l.item.id, l);
    for (const c of l.item.choices ?? []) for (const k of Object.keys(c)) choiceOwner.set(k, l.item);
  }

  // A condition as vet reads it: names become slugs; `^x` of an item that is not a question (a tip, a block)
  // becomes the condition under which that item is shown; an undefined name becomes a yes/no context question.
  const undefinedNames = new Set<string>();
  const convert = (expr: Expr): Expr => {
    switch (expr.op) {
      case 'const':
        return expr;
      case 'not':
        return { op: 'not', arg: convert(expr.arg) };
      case 'and':
      case 'or':
        return { op: expr.op, left: convert(expr.left), right: convert(expr.right) };
      case 'shown': {
        const target = byVsaqId.get(expr.question);
        if (target && ANSWERABLE.has(target.item.type)) return { op: 'shown', question: slugOf(expr.question) };
        if (target) return shownCondition(target) ?? { op: 'const', value: true };
        undefinedNames.add(expr.question);
        return { op: 'ref', name: slugOf(expr.question), choice: null };
      }
      case 'ref': {
        if (choiceOwner.has(expr.name)) return { op: 'ref', name: slugOf(expr.name), choice: null };
        const target = byVsaqId.get(expr.name);
        if (target && ANSWERABLE.has(target.item.type)) return { op: 'ref', name: slugOf(expr.name), choice: expr.choice };
        if (target) return shownCondition(target) ?? { op: 'const', value: true };
        undefinedNames.add(expr.name);
        return { op: 'ref', name: slugOf(expr.name), choice: expr.choice };
      }
    }
  };
  const own = (item: VsaqItem): Expr | null => {
    if (!item.cond?.trim()) return null;
    const parsed = parseCondition(item.cond);
    if (!parsed.ok) throw new ImportError(`${file}: item ${item.id ?? `"${titleOf(htmlToText(item.text ?? ''))}"`}: its cond "${item.cond}" ${parsed.error}`);
    return convert(parsed.expr);
  };
  // The condition under which an item is shown: every enclosing block's and its own.
  const shownCondition = (l: Located): Expr | null => [...l.blocks, l.item].map(own).reduce<Expr | null>((acc, e) => (e === null ? acc : acc === null ? e : { op: 'and', left: acc, right: e }), null);

  try {
    const sections = new Map<string, { id: string; title: string; dimension: Dimension }>();
    const sectionOf = (l: Located): string => {
      const block = l.blocks.at(-1);
      const key = block?.id ?? `block-${located.findIndex((x) => x.item === block)}`;
      const existing = sections.get(key);
      if (existing) return existing.id;
      // The outermost block is the questionnaire's own title: the path starts below it.
      const path = l.blocks
        .slice(l.blocks.length > 1 ? 1 : 0)
        .map((b) => htmlToText(b.text ?? ''))
        .filter(Boolean);
      const title = path.join(' › ') || 'Questionnaire';
      const section = { id: slugOf(block?.id ? block.id : `section-${sections.size + 1}`), title, dimension: defaultDimension(`${title} ${block?.id ?? ''}`) };
      sections.set(key, section);
      return section.id;
    };

    const questions: QuestionOut[] = [];
    const questionOf = new Map<VsaqItem, QuestionOut>();
    // Answerable items first, so tips and info can attach to the question before or after them.
    for (const l of located) {
      if (!ANSWERABLE.has(l.item.type)) continue;
      // An item without text (VSAQ's "Questionnaire Options") is asked by its block's title.
      const text = htmlToText(l.item.text ?? '') || htmlToText(l.blocks.at(-1)?.text ?? '') || l.item.id || l.item.type;
      const q: QuestionOut = {
        id: slugOf(l.item.id ?? `${l.item.type}-${questions.length + 1}`),
        section: sectionOf(l),
        title: titleOf(text),
        prompt: text,
        answer: answerOf(l.item, slugOf),
      };
      if (l.item.type === 'upload') q.evidence = [titleOf(text)];
      const when = shownCondition(l);
      if (when) q.askWhen = formatCondition(when);
      questions.push(q);
      questionOf.set(l.item, q);
    }

    let redFlags = 0;
    for (const [i, l] of located.entries()) {
      if (l.item.type !== 'tip' && l.item.type !== 'info') continue;
      const nearest = attachTo(located, i, l.item.type === 'tip' ? 'before' : 'after', questionOf);
      const text = htmlToText(l.item.text ?? '');
      if (l.item.type === 'tip' && l.item.warn === 'yes') {
        const when = shownCondition(l);
        // A warning belongs to the last question its condition reads: that question is in play, and answered, whenever
        // the condition can hold (the question next to the tip may be one the same answers leave out).
        const target = (when && lastReferred(when, questions)) ?? nearest;
        if (!target) continue;
        const severity = SEVERITIES.find((s) => s === l.item.severity?.toLowerCase()) ?? 'medium';
        const rule = uniqueRule(target, slugify(l.item.id ?? l.item.name ?? `warning-${redFlags + 1}`));
        target.redFlags = [
          ...(target.redFlags ?? []),
          { rule, ...(l.item.name && { title: htmlToText(l.item.name) }), severity, when: when ? formatCondition(when) : 'true', message: text || htmlToText(l.item.name ?? rule) },
        ];
        redFlags++;
      } else if (text && nearest) {
        nearest.guidance = [...(nearest.guidance ?? []), text];
      }
    }

    // Names the conditions use but the file does not define (VSAQ's requirement flags such as req_sensitive): the
    // interview asks them first, as yes/no questions about the engagement.
    const context: QuestionOut[] = [...undefinedNames].sort().map((name) => ({
      id: slugOf(name),
      section: 'engagement-context',
      title: `Engagement context: ${name}`,
      prompt: `The questionnaire's conditions use \`${name}\` without defining it (VSAQ leaves it to whoever runs the questionnaire). Does it hold for this engagement?`,
      answer: { type: 'yesno' },
    }));
    const contextSection: { id: string; title: string; dimension: Dimension } = { id: 'engagement-context', title: 'Engagement context', dimension: 'governance' };
    const allSections = [...(context.length > 0 ? [contextSection] : []), ...sections.values()];
    const all = [...context, ...questions];
    const base = file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
    const bank = {
      id: slugify(`vsaq-${base}`),
      version: '1',
      source: { name: `Google VSAQ: ${htmlToText(root[0]!.text ?? base)}`, url: 'https://github.com/google/vsaq', licence: 'Apache-2.0', file: file.replace(/^.*[\\/]/, '') },
      sections: allSections,
      questions: all,
    };
    const yamlDoc = new Document(bank);
    yamlDoc.commentBefore = [
      ` Imported by \`vet bank import\` from ${bank.source.file}, part of Google's Vendor Security Assessment Questionnaires`,
      ' (https://github.com/google/vsaq), Copyright 2016 Google Inc., licensed under the Apache License, Version 2.0.',
      '',
      " Each VSAQ block is a section; `sections` maps each one to one of vet's dimensions",
      ` (${DIMENSIONS.join(', ')}). The mapping was guessed from the block titles, anything unrecognised`,
      " going to security: change a section's dimension here to move all its questions at once.",
      ' Choices carry no score (VSAQ has none): add `score: 0-100` to choices to make a question count in the scores.',
    ].join('\n');
    const withConditions = all.filter((q) => q.askWhen !== undefined).length;
    return {
      ok: true,
      yaml: yamlDoc.toString({ lineWidth: 0 }),
      summary: { file: bank.source.file, questions: all.length, withConditions, redFlags, undefinedNames: [...undefinedNames].sort() },
    };
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, error: e.message };
    throw e;
  }
}

class ImportError extends Error {}

function isItem(v: unknown): v is VsaqItem {
  return typeof v === 'object' && v !== null && 'type' in v && typeof v.type === 'string';
}

function answerOf(item: VsaqItem, slugOf: (id: string) => string): AnswerOut {
  switch (item.type) {
    case 'radiogroup':
    case 'checkgroup': {
      const choices = (item.choices ?? []).flatMap((c) => Object.entries(c)).map(([id, label]) => ({ id: slugOf(id), label: htmlToText(label) || id }));
      // A radio group of one choice still asks for one answer: it is a yes/no in all but name.
      return { type: item.type === 'radiogroup' && choices.length >= 2 ? 'one' : 'many', choices };
    }
    case 'check':
    case 'yesno':
      return { type: 'yesno' };
    case 'upload':
      return { type: 'upload' };
    default:
      return { type: 'text' };
  }
}

/** The question a tip (the one before it) or an info item (the one after it) belongs to, within its block. */
function attachTo(located: readonly Located[], at: number, prefer: 'before' | 'after', questionOf: ReadonlyMap<VsaqItem, QuestionOut>): QuestionOut | undefined {
  const block = located[at]!.blocks.at(-1);
  const sameBlock = (l: Located) => l.blocks.at(-1) === block;
  const before = located
    .slice(0, at)
    .reverse()
    .find((l) => sameBlock(l) && questionOf.has(l.item));
  const after = located.slice(at + 1).find((l) => sameBlock(l) && questionOf.has(l.item));
  const nearest = prefer === 'before' ? (before ?? after) : (after ?? before);
  // A tip alone in its block (no question beside it) belongs to the last question before it anywhere.
  const fallback = located
    .slice(0, at)
    .reverse()
    .find((l) => questionOf.has(l.item));
  const found = nearest ?? fallback;
  return found ? questionOf.get(found.item) : undefined;
}

/** The last question (in bank order) whose answer a condition reads, by its choice or its own id. */
function lastReferred(e: Expr, questions: readonly QuestionOut[]): QuestionOut | undefined {
  const { refs, shown } = references(e);
  const names = new Set([...refs.map((r) => r.name), ...shown]);
  return questions.findLast((q) => names.has(q.id) || ('choices' in q.answer && q.answer.choices.some((c) => names.has(c.id))));
}

function uniqueRule(q: QuestionOut, base: string): string {
  const taken = new Set((q.redFlags ?? []).map((r) => r.rule));
  let rule = base;
  for (let n = 2; taken.has(rule); n++) rule = `${base}-${n}`;
  return rule;
}
