// Issue #18, part 2: the control lists are the published ones, and every built-in question names the controls its
// answer evidences, in at least two frameworks, by ids from those lists.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOGUES, controlProblem } from '../src/questions/controls/index.js';
import { FRAMEWORKS } from '../src/questions/model.js';
import { STANDARD_BANK, STANDARD_BANK_FILE } from '../src/questions/standard.js';
import { controlRows, type AskedResult } from '../src/reports/controls.js';
import type { QuestionResult, QuestionState } from '../src/scoring/types.js';

const ids = (framework: keyof typeof CATALOGUES) => CATALOGUES[framework].controls.map(([id]) => id);
/** `prefix1` ... `prefix<n>`, as a framework numbers the controls of one group. */
const numbered = (prefix: string, n: number, pad = 0) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(pad, '0')}`);

describe('the control lists', () => {
  it('ISO/IEC 27001:2022 Annex A: 93 controls, A.5.1-A.5.37, A.6.1-A.6.8, A.7.1-A.7.14, A.8.1-A.8.34', () => {
    expect(ids('iso27001')).toEqual([...numbered('A.5.', 37), ...numbered('A.6.', 8), ...numbered('A.7.', 14), ...numbered('A.8.', 34)]);
  });

  it('SOC 2: the 33 common criteria CC1.1-CC9.2, and A1, C1, PI1 and the 18 privacy criteria', () => {
    const cc = [
      [1, 5],
      [2, 3],
      [3, 4],
      [4, 2],
      [5, 3],
      [6, 8],
      [7, 5],
      [8, 1],
      [9, 2],
    ].flatMap(([s, n]) => numbered(`CC${s}.`, n!));
    const privacy = [
      [1, 1],
      [2, 1],
      [3, 2],
      [4, 3],
      [5, 2],
      [6, 7],
      [7, 1],
      [8, 1],
    ].flatMap(([s, n]) => numbered(`P${s}.`, n!));
    expect(cc).toHaveLength(33);
    expect(privacy).toHaveLength(18);
    expect(ids('soc2')).toEqual([...cc, ...numbered('A1.', 3), ...numbered('C1.', 2), ...numbered('PI1.', 5), ...privacy]);
  });

  it('NIST SSDF v1.1: 19 practices, without PW.3 (withdrawn in v1.1)', () => {
    expect(ids('ssdf')).toEqual([...numbered('PO.', 5), ...numbered('PS.', 3), 'PW.1', 'PW.2', ...['4', '5', '6', '7', '8', '9'].map((n) => `PW.${n}`), ...numbered('RV.', 3)]);
  });

  it('CSA CCM v4: 197 controls in 17 domains', () => {
    const domains: [string, number][] = [
      ['A&A', 6],
      ['AIS', 7],
      ['BCR', 11],
      ['CCC', 9],
      ['CEK', 21],
      ['DCS', 15],
      ['DSP', 19],
      ['GRC', 8],
      ['HRS', 13],
      ['IAM', 16],
      ['IPY', 4],
      ['IVS', 9],
      ['LOG', 13],
      ['SEF', 8],
      ['STA', 14],
      ['TVM', 10],
      ['UEM', 14],
    ];
    expect(ids('ccm')).toEqual(domains.flatMap(([d, n]) => numbered(`${d}-`, n, 2)));
    expect(ids('ccm')).toHaveLength(197);
  });

  it.each(FRAMEWORKS)('%s: every id has a title, matches the format, and the list says where it came from', (framework) => {
    const c = CATALOGUES[framework];
    expect(c.sources.length).toBeGreaterThan(0);
    for (const [id, title] of c.controls) {
      expect(id).toMatch(c.format);
      expect(title.trim()).not.toBe('');
      expect(controlProblem(framework, id)).toBeNull();
    }
    expect(controlProblem(framework, c.example)).toBeNull();
  });
});

describe('references in the built-in bank', () => {
  // The file as written, before the loader: a reference the loader dropped would still be caught here.
  const written = parse(readFileSync(STANDARD_BANK_FILE, 'utf8')) as { questions: { id: string; references?: Record<string, string[]> }[] };

  it('every question names controls in at least two frameworks', () => {
    for (const q of written.questions) {
      const named = Object.entries(q.references ?? {}).filter(([, list]) => list.length > 0);
      expect(named.length, q.id).toBeGreaterThanOrEqual(2);
    }
  });

  it("every id is in its framework's published list", () => {
    const known = new Map<string, Set<string>>(FRAMEWORKS.map((f) => [f, new Set(ids(f))]));
    const unknown = written.questions.flatMap((q) =>
      Object.entries(q.references ?? {}).flatMap(([framework, list]) => list.filter((id) => !known.get(framework)?.has(id)).map((id) => `${q.id}: ${framework} ${id}`)),
    );
    expect(unknown).toEqual([]);
  });

  it('loads the references as written', () => {
    for (const q of STANDARD_BANK.questions) expect(q.references, q.id).toEqual(written.questions.find((w) => w.id === q.id)!.references);
  });
});

describe('which controls an interview examined (the rule behind the report section)', () => {
  const result = (q: AskedResult['q'], state: QuestionState, level: number): QuestionResult => ({
    questionId: q.id,
    dimension: q.dimension,
    weight: q.weight,
    state,
    rawLevel: state === 'scored' ? level : null,
    level: state === 'scored' ? level : null,
    score: state === 'scored' ? q.rubric[level]!.score : null,
    ratings: [],
    raters: [],
    unread: [],
    evidence: [],
    evidenceShown: false,
    vagueCapped: false,
    capped: false,
    disagreement: false,
    fact: null,
    factOutOfBounds: null,
    coveredBy: null,
    notes: null,
    na: null,
  });
  const outcome = fc.record({ state: fc.constantFrom<QuestionState>('scored', 'scored', 'unanswered', 'skipped', 'na'), level: fc.integer({ min: 0, max: 3 }) });
  const interview = fc
    .subarray(STANDARD_BANK.questions, { minLength: 1 })
    .chain((qs) => fc.tuple(...qs.map((q) => outcome.map((o): AskedResult => ({ q, position: null, result: o.state === 'unanswered' ? undefined : result(q, o.state, o.level) })))));

  it('lists every control the questions name, examined exactly when one of them was rated, at the weakest rated score', () => {
    fc.assert(
      fc.property(interview, fc.constantFrom(...FRAMEWORKS), (asked, framework) => {
        const rows = controlRows(asked, framework);
        expect(rows.map((r) => r.id)).toEqual(ids(framework).filter((id) => asked.some((x) => x.q.references?.[framework]?.includes(id))));
        for (const row of rows) {
          const mine = asked.filter((x) => x.q.references?.[framework]?.includes(row.id));
          const scores = mine.flatMap((x) => (x.result?.state === 'scored' ? [x.result.score!] : []));
          expect(row.questions).toEqual(mine);
          expect(row.weakest?.result.score ?? null).toBe(scores.length > 0 ? Math.min(...scores) : null);
          expect(row.unrated).toBe(mine.length - scores.length);
        }
      }),
    );
  });

  it('rating one more question never raises a control, and never makes an examined control unexamined', () => {
    fc.assert(
      fc.property(interview, fc.nat(), fc.integer({ min: 0, max: 3 }), fc.constantFrom(...FRAMEWORKS), (asked, pick, level, framework) => {
        const open = asked.filter((x) => x.result?.state !== 'scored');
        fc.pre(open.length > 0);
        const target = open[pick % open.length]!;
        const more = asked.map((x) => (x === target ? { ...x, result: result(x.q, 'scored', level) } : x));
        const after = new Map(controlRows(more, framework).map((r) => [r.id, r]));
        for (const before of controlRows(asked, framework)) {
          const now = after.get(before.id)!;
          if (before.weakest) expect(now.weakest!.result.score!).toBeLessThanOrEqual(before.weakest.result.score!);
          expect(now.unrated).toBeLessThanOrEqual(before.unrated);
        }
      }),
    );
  });
});
