import { describe, expect, it } from 'vitest';
import { isTimeZone } from '../src/config.js';
import { nextSlot, parseSlot, slotAtOrBefore, type Slot } from '../src/flows/slots.js';
import { problemText } from '../src/slack/wording/problems.js';

const monday9 = (timeZone: string): Slot => ({ weekday: 'monday', time: '09:00', timeZone });

describe('digest slots across daylight-saving changes', () => {
  it.each([
    // Europe/Berlin leaves winter time (UTC+1) on Sunday 2026-03-29: Monday 09:00 moves from 08:00Z to 07:00Z.
    { zone: 'Europe/Berlin', now: '2026-03-25T12:00:00Z', next: '2026-03-30T07:00:00Z', previous: '2026-03-23T08:00:00Z' },
    // ...and returns to it on Sunday 2026-10-25.
    { zone: 'Europe/Berlin', now: '2026-10-21T12:00:00Z', next: '2026-10-26T08:00:00Z', previous: '2026-10-19T07:00:00Z' },
    // America/New_York springs forward on Sunday 2026-03-08 (UTC-5 to UTC-4).
    { zone: 'America/New_York', now: '2026-03-04T12:00:00Z', next: '2026-03-09T13:00:00Z', previous: '2026-03-02T14:00:00Z' },
    // ...and falls back on Sunday 2026-11-01.
    { zone: 'America/New_York', now: '2026-10-28T12:00:00Z', next: '2026-11-02T14:00:00Z', previous: '2026-10-26T13:00:00Z' },
  ])('$zone: the slot after $now is $next, 09:00 local either side of the change', ({ zone, now, next, previous }) => {
    const slot = monday9(zone);
    expect(nextSlot(slot, new Date(now)).toISOString()).toBe(new Date(next).toISOString());
    expect(slotAtOrBefore(slot, new Date(now)).toISOString()).toBe(new Date(previous).toISOString());
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'long', hour: '2-digit', minute: '2-digit' });
    expect(local.format(new Date(next))).toBe('Monday 09:00');
    expect(local.format(new Date(previous))).toBe('Monday 09:00');
  });

  it('a slot exactly at "now" is the current one, and the next is a week later', () => {
    const slot = monday9('UTC');
    expect(slotAtOrBefore(slot, new Date('2026-11-23T09:00:00Z')).toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(nextSlot(slot, new Date('2026-11-23T09:00:00Z')).toISOString()).toBe('2026-11-30T09:00:00.000Z');
  });

  it('a slot inside a DST gap still lands once that week', () => {
    const slot: Slot = { weekday: 'sunday', time: '02:30', timeZone: 'Europe/Berlin' };
    const at = nextSlot(slot, new Date('2026-03-25T00:00:00Z'));
    expect(at.getTime()).toBeGreaterThan(new Date('2026-03-29T00:00:00Z').getTime());
    expect(at.getTime()).toBeLessThan(new Date('2026-03-29T03:00:00Z').getTime());
  });
});

describe('parsing /vet digest schedule', () => {
  it.each([
    { args: ['monday', '09:00'], slot: { weekday: 'monday', time: '09:00', timeZone: 'UTC' } },
    { args: ['Fri', '7:05', 'Europe/Berlin'], slot: { weekday: 'friday', time: '07:05', timeZone: 'Europe/Berlin' } },
  ])('$args', ({ args, slot }) => {
    expect(parseSlot(args, 'UTC', isTimeZone)).toEqual({ ok: true, slot });
  });

  it.each([
    { args: ['someday', '09:00'], message: '"someday" is not a weekday' },
    { args: ['monday', '25:00'], message: '"25:00" is not a time' },
    { args: ['monday', '9am'], message: '"9am" is not a time' },
    { args: ['monday', '09:00', 'Mars/Base'], message: '"Mars/Base" is not a time zone' },
    { args: ['monday'], message: 'Give a weekday and a time' },
  ])('$args: says which part is wrong', ({ args, message }) => {
    const parsed = parseSlot(args, 'UTC', isTimeZone);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(problemText(parsed.problem)).toContain(message);
  });
});
