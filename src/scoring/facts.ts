import { isValid, subMonths } from 'date-fns';
import type { FactSpec, FactValue } from '../questions/model.js';

/** A `YYYY-MM-DD` fact as midnight UTC, so the result never depends on the server's time zone. */
export function calendarDate(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

/** Whether a recorded fact lies outside the question's bounds at `now`. A `none` value is never "out of bounds". */
export function factOutOfBounds(spec: FactSpec, fact: FactValue, now: Date): boolean {
  if (fact.type === 'none') return false;
  switch (spec.type) {
    case 'date': {
      if (fact.type !== 'date' || spec.maxAgeMonths === undefined) return false;
      const value = calendarDate(fact.value);
      return isValid(value) && value < subMonths(now, spec.maxAgeMonths);
    }
    case 'boolean':
      return fact.type === 'boolean' && spec.expected !== undefined && fact.value !== spec.expected;
    case 'number':
      return (
        fact.type === 'number' &&
        ((spec.min !== undefined && fact.value < spec.min) || (spec.max !== undefined && fact.value > spec.max))
      );
    case 'list':
      return fact.type === 'list' && fact.value.length < (spec.minItems ?? 0);
  }
}

/** A human rendering of a fact, for summaries and flag sentences. */
export function describeFact(spec: FactSpec, fact: FactValue): string {
  switch (fact.type) {
    case 'none':
      return spec.noneLabel ?? 'none';
    case 'date':
      return fact.value;
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
