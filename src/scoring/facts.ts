// Each date-fns function from its own module: the package index would load the whole library (about 10 MB of memory).
import { addMonths } from 'date-fns/addMonths';
import { isValid } from 'date-fns/isValid';
import { subMonths } from 'date-fns/subMonths';
import type { FactSpec, FactValue, ReportQuality, ReportReading } from '../questions/model.js';

/** A `YYYY-MM-DD` fact as midnight UTC, so the result never depends on the server's time zone. */
export function calendarDate(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

/** Whether a recorded fact lies outside the question's bounds at `now`. A `none` value is never "out of bounds". */
export function factOutOfBounds(spec: FactSpec, fact: FactValue, now: Date): boolean {
  if (fact.type === 'none') return false;
  switch (spec.type) {
    case 'date': {
      if (fact.type !== 'date') return false;
      const value = calendarDate(fact.value);
      if (!isValid(value)) return false;
      // An expiry date is out of bounds from the day it is reached: a certificate expiring today is no longer current.
      if (spec.isExpiry && value <= now) return true;
      return spec.maxAgeMonths !== undefined && value < subMonths(now, spec.maxAgeMonths);
    }
    case 'boolean':
      return fact.type === 'boolean' && spec.expected !== undefined && fact.value !== spec.expected;
    case 'number':
      return fact.type === 'number' && ((spec.min !== undefined && fact.value < spec.min) || (spec.max !== undefined && fact.value > spec.max));
    case 'list':
      return fact.type === 'list' && fact.value.length < (spec.minItems ?? 0);
  }
}

/**
 * What a report's reading says against it: an opinion other than unqualified, or open critical findings. Such a
 * report vouches for nothing, so it counts like none (level 0); its own red-flag rules say how grave that is.
 */
export function reportFails(fact: FactValue): boolean {
  const r = fact.type === 'date' ? fact.report : undefined;
  if (!r) return false;
  return (r.opinion !== undefined && r.opinion !== 'unqualified') || (r.openCritical ?? 0) > 0;
}

/** The readings the question asks for that were not recorded with the report's date, in the bank's order. */
export function unreadReadings(spec: FactSpec, fact: FactValue): ReportReading[] {
  if (spec.type !== 'date' || !spec.reads || fact.type !== 'date') return [];
  const r: ReportQuality = fact.report ?? {};
  const read: Record<ReportReading, boolean> = {
    opinion: r.opinion !== undefined,
    exceptions: r.exceptions !== undefined,
    carveOuts: r.carveOuts !== undefined,
    cuecs: r.cuecs !== undefined,
    openFindings: r.openCritical !== undefined && r.openHigh !== undefined,
  };
  return spec.reads.filter((x) => !read[x]);
}

/** "unqualified opinion, 2 exceptions, carved out: AWS; CUECs: access reviews", or '' when nothing was read. */
export function describeReport(r: ReportQuality | undefined): string {
  if (!r) return '';
  const n = (count: number, what: string) => `${count} ${what}${count === 1 ? '' : 's'}`;
  const parts = [
    r.opinion !== undefined && `${r.opinion} opinion`,
    r.exceptions !== undefined && n(r.exceptions, 'exception'),
    r.carveOuts !== undefined && (r.carveOuts.length === 0 ? 'no carve-outs' : `carved out: ${r.carveOuts.join(', ')}`),
    r.cuecs !== undefined && (r.cuecs.length === 0 ? 'no CUECs' : `CUECs: ${r.cuecs.join(', ')}`),
    r.openCritical !== undefined && `${r.openCritical} open critical`,
    r.openHigh !== undefined && `${r.openHigh} open high`,
  ].filter((p): p is string => typeof p === 'string');
  return parts.join('; ');
}

/** A human rendering of a fact, for summaries and flag sentences. */
export function describeFact(spec: FactSpec, fact: FactValue): string {
  switch (fact.type) {
    case 'none':
      return spec.noneLabel ?? 'none';
    case 'date': {
      const report = describeReport(fact.report);
      return report === '' ? fact.value : `${fact.value} (${report})`;
    }
    case 'boolean':
      return fact.value ? 'yes' : 'no';
    case 'number':
      return spec.type === 'number' ? `${fact.value} ${spec.unit}` : String(fact.value);
    case 'list':
      return fact.value.length === 0 ? '(empty)' : fact.value.join(', ');
  }
}

/**
 * Splits a typed list of names (commas or new lines) into clean entries. Duplicates, compared without case or
 * surrounding spaces, are kept once.
 */
export function parseNameList(text: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const raw of text.split(/[,\n;]/)) {
    const name = raw.trim().replace(/\s+/g, ' ');
    const key = name.toLowerCase();
    if (name === '' || seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  return names;
}

/** Comparable form of a value, so "Ana, Bo" and "bo, ana" count as the same named team. */
function factKey(fact: FactValue): string {
  if (fact.type === 'list')
    return `list:${fact.value
      .map((n) => n.trim().toLowerCase())
      .sort()
      .join('\n')}`;
  return JSON.stringify(fact);
}

/**
 * Orders two values by how little they say for the vendor: negative when `a` is the more cautious. A value with no
 * such thing, or out of bounds, is the most cautious; then an older date (or a sooner expiry), a longer notice, a
 * smaller number where a minimum is set, an unexpected yes/no, a shorter list.
 */
function cautionOrder(spec: FactSpec, a: FactValue, b: FactValue, now: Date): number {
  const failing = (f: FactValue) => (f.type === 'none' || factOutOfBounds(spec, f, now) || reportFails(f) ? 0 : 1);
  const byBounds = failing(a) - failing(b);
  if (byBounds !== 0 || a.type === 'none' || b.type === 'none') return byBounds;
  if (a.type === 'date' && b.type === 'date') return a.value.localeCompare(b.value) || reportCaution(spec, b, a);
  if (a.type === 'number' && b.type === 'number') return spec.type === 'number' && spec.max === undefined && spec.min !== undefined ? a.value - b.value : b.value - a.value;
  if (a.type === 'boolean' && b.type === 'boolean') {
    const expected = spec.type === 'boolean' ? (spec.expected ?? true) : true;
    return Number(a.value === expected) - Number(b.value === expected);
  }
  if (a.type === 'list' && b.type === 'list') return a.value.length - b.value.length;
  return 0;
}

/** Between two readings of one report: positive when `a` says less for the vendor (less read, more exceptions or findings). */
function reportCaution(spec: FactSpec, a: FactValue, b: FactValue): number {
  const weight = (f: FactValue) => {
    const r = f.type === 'date' ? f.report : undefined;
    return [unreadReadings(spec, f).length, r?.exceptions ?? 0, r?.openHigh ?? 0, r?.carveOuts?.length ?? 0];
  };
  const wa = weight(a);
  const wb = weight(b);
  return wa.map((x, i) => x - wb[i]!).find((d) => d !== 0) ?? 0;
}

/**
 * The value that counts when evaluators recorded a fact: the most cautious of their values, so a claim never passes
 * on the most generous reading; `disagreement` when they recorded different values.
 */
export function factConsensus(spec: FactSpec, facts: readonly FactValue[], now: Date): { value: FactValue; disagreement: boolean } | null {
  if (facts.length === 0) return null;
  const value = [...facts].sort((a, b) => cautionOrder(spec, a, b, now))[0]!;
  return { value, disagreement: new Set(facts.map(factKey)).size > 1 };
}

/** The day a dated fact stops being current: the expiry itself, or the end of its allowed age. Null when undated. */
export function factStaleOn(spec: FactSpec, fact: FactValue): Date | null {
  if (spec.type !== 'date' || fact.type !== 'date') return null;
  const date = calendarDate(fact.value);
  if (spec.isExpiry) return date;
  return spec.maxAgeMonths === undefined ? null : addMonths(date, spec.maxAgeMonths);
}
