// Pure pieces behind `/vet compare` and `/vet report`: finding vendors by what people type, and CSV cells that
// survive spreadsheets.
import { describe, expect, it } from 'vitest';
import { closestNames, resolveNames, type NameToken } from '../src/flows/names.js';
import { csvCell } from '../src/reports/csv.js';
import { parseCommand } from '../src/slack/command.js';
import { tokenizeCommand } from '../src/slack/commandText.js';

const KNOWN = ['Acme', 'Acme Dev', 'Globex', 'Initech Labs', 'Umbrella Corp'];
const byName = (name: string) => name;
const words = (text: string): NameToken[] => text.split(' ').map((w) => ({ text: w, quoted: false }));
const quoted = (text: string): NameToken => ({ text, quoted: true });

describe('resolveNames', () => {
  it('splits unquoted words greedily into the longest known names', () => {
    expect(resolveNames(words('acme dev globex'), KNOWN, byName)).toEqual({ ok: true, found: ['Acme Dev', 'Globex'] });
    expect(resolveNames(words('GLOBEX initech labs acme'), KNOWN, byName)).toEqual({ ok: true, found: ['Globex', 'Initech Labs', 'Acme'] });
    // Items come back as given, in the order named, duplicates included (the caller decides what a duplicate means).
    const vendors = KNOWN.map((name, id) => ({ id, name }));
    expect(resolveNames(words('acme dev acme dev'), vendors, (v) => v.name)).toEqual({ ok: true, found: [vendors[1], vendors[1]] });
  });

  it('takes a quoted token as one whole name, whatever its case and spacing, and never joins it with its neighbours', () => {
    expect(resolveNames([quoted('  umbrella   CORP ')], KNOWN, byName)).toEqual({ ok: true, found: ['Umbrella Corp'] });
    // "Acme" quoted is Acme, not the start of "Acme Dev"; the unquoted "dev" after it is then unknown on its own.
    const split = resolveNames([quoted('Acme'), ...words('dev globex')], KNOWN, byName);
    expect(split.ok).toBe(false);
    expect(!split.ok && split.unknown.map((u) => u.name)).toEqual(['dev']);
    // A quoted name also ends a run of unquoted words.
    expect(resolveNames([...words('globex'), quoted('Acme Dev'), ...words('acme')], KNOWN, byName)).toEqual({ ok: true, found: ['Globex', 'Acme Dev', 'Acme'] });
  });

  it('reports every unknown name with the closest known ones as suggestions', () => {
    const result = resolveNames([quoted('Umbrela Corp'), ...words('globx acme')], KNOWN, byName);
    expect(result).toEqual({
      ok: false,
      unknown: [
        { name: 'Umbrela Corp', suggestions: ['Umbrella Corp'] },
        { name: 'globx', suggestions: ['Globex'] },
      ],
    });
    expect(resolveNames([quoted('Zzyzx Holdings')], KNOWN, byName)).toEqual({ ok: false, unknown: [{ name: 'Zzyzx Holdings', suggestions: [] }] });
  });
});

describe('closestNames', () => {
  it('suggests names within a few edits or containing the query, closest first, at most three', () => {
    expect(closestNames('Globx', KNOWN)).toEqual(['Globex']);
    expect(closestNames('  UMBRELLA   corp', KNOWN)).toEqual(['Umbrella Corp']);
    // Containing the query counts as closest (distance 0); ties are alphabetical.
    expect(closestNames('acme', KNOWN)).toEqual(['Acme', 'Acme Dev']);
    expect(closestNames('a', ['Ab', 'Ac', 'Ad', 'Ae'])).toEqual(['Ab', 'Ac', 'Ad']);
    expect(closestNames('a', ['Ab', 'Ac', 'Ad', 'Ae'], 2)).toEqual(['Ab', 'Ac']);
  });

  it('suggests nothing for a blank query or a name far from every known one', () => {
    expect(closestNames('   ', KNOWN)).toEqual([]);
    expect(closestNames('Soylent Green', KNOWN)).toEqual([]);
  });
});

describe('names as typed after /vet compare and /vet report', () => {
  it('keeps straight and curly quoted names whole', () => {
    expect(tokenizeCommand('"Acme Dev" “Umbrella Corp” globex')).toEqual([
      { kind: 'word', ...quoted('Acme Dev') },
      { kind: 'word', ...quoted('Umbrella Corp') },
      { kind: 'word', text: 'globex', quoted: false },
    ]);
    expect(parseCommand('compare “acme dev” Globex')).toEqual({ kind: 'compare', names: [quoted('acme dev'), { text: 'Globex', quoted: false }] });
    expect(parseCommand('compare "Acme Dev"')).toMatchObject({ kind: 'error' });
  });

  it('reads the vendor and --csv (or a dash a Slack client made of it) from /vet report', () => {
    expect(parseCommand('report “Umbrella Corp” --csv')).toEqual({ kind: 'report', vendor: 'Umbrella Corp', format: 'csv', framework: null });
    expect(parseCommand('report Umbrella Corp —csv')).toEqual({ kind: 'report', vendor: 'Umbrella Corp', format: 'csv', framework: null });
    expect(parseCommand('report umbrella corp')).toEqual({ kind: 'report', vendor: 'umbrella corp', format: 'markdown', framework: null });
    expect(parseCommand('report --pdf Acme')).toMatchObject({ kind: 'error', message: expect.stringContaining('--pdf') });
  });
});

describe('csvCell', () => {
  it('leaves plain values as they are and writes null as an empty cell', () => {
    expect(csvCell('Acme Dev')).toBe('Acme Dev');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(null)).toBe('');
    expect(csvCell('')).toBe('');
  });

  it('quotes cells with commas, quotes or line breaks, doubling the quotes (RFC 4180)', () => {
    expect(csvCell('Ada Lovelace, Grace Hopper')).toBe('"Ada Lovelace, Grace Hopper"');
    expect(csvCell('said "we review everything"')).toBe('"said ""we review everything"""');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('line one\r\nline two')).toBe('"line one\r\nline two"');
  });

  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    for (const lead of ['=', '+', '-', '@']) expect(csvCell(`${lead}SUM(A1:A9)`)).toBe(`'${lead}SUM(A1:A9)`);
    // Both at once: the apostrophe goes inside the quotes.
    expect(csvCell('=HYPERLINK("https://evil.example","click")')).toBe('"\'=HYPERLINK(""https://evil.example"",""click"")"');
    // Tab and carriage return can start a formula too in some spreadsheets.
    expect(csvCell('\t=1+1')).toBe("'\t=1+1");
    // Only the first character matters.
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('PR-812')).toBe('PR-812');
  });
});
