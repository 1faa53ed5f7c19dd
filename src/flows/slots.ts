// Weekly digest slots, computed in the channel's own time zone so 09:00 stays 09:00 across daylight-saving changes.
// Pure: "now" is passed in.
import { TZDate } from '@date-fns/tz';
// Each date-fns function from its own module: the package index would load the whole library (about 10 MB of memory).
import { addDays } from 'date-fns/addDays';
import { WEEKDAYS, type Slot } from '../model.js';
import type { Problem } from './problems.js';

export type { Slot } from '../model.js';

function wallClock(s: Slot): { day: number; hours: number; minutes: number } {
  const [hours, minutes] = s.time.split(':').map(Number) as [number, number];
  return { day: WEEKDAYS.indexOf(s.weekday), hours, minutes };
}

/** The latest slot instant at or before `now`. */
export function slotAtOrBefore(s: Slot, now: Date): Date {
  const { day, hours, minutes } = wallClock(s);
  const local = new TZDate(now.getTime(), s.timeZone);
  const back = (local.getDay() - day + 7) % 7;
  const date = addDays(local, -back);
  let slot = new TZDate(date.getFullYear(), date.getMonth(), date.getDate(), hours, minutes, 0, 0, s.timeZone);
  if (slot.getTime() > now.getTime()) slot = addDays(slot, -7);
  return new Date(slot.getTime());
}

/** The first slot instant strictly after `now`. */
export function nextSlot(s: Slot, now: Date): Date {
  const previous = new TZDate(slotAtOrBefore(s, now).getTime(), s.timeZone);
  const { hours, minutes } = wallClock(s);
  const next = addDays(previous, 7);
  // Rebuild from the calendar date so a slot that fell in a DST gap comes back to its wall-clock time.
  return new Date(new TZDate(next.getFullYear(), next.getMonth(), next.getDate(), hours, minutes, 0, 0, s.timeZone).getTime());
}

export type SlotParse = { ok: true; slot: Slot } | { ok: false; problem: Problem };

/** Reads `<weekday> <HH:MM> [time zone]` as typed after `/vet digest schedule`. */
export function parseSlot(args: readonly string[], defaultTimeZone: string, isTimeZone: (tz: string) => boolean): SlotParse {
  const [dayRaw, timeRaw, tzRaw, ...extra] = args;
  if (!dayRaw || !timeRaw) return { ok: false, problem: { code: 'slot-incomplete' } };
  const weekday = WEEKDAYS.find((d) => d === dayRaw.toLowerCase() || d.slice(0, 3) === dayRaw.toLowerCase());
  if (!weekday) return { ok: false, problem: { code: 'not-weekday', text: dayRaw } };
  const m = /^(\d{1,2}):(\d{2})$/.exec(timeRaw);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return { ok: false, problem: { code: 'not-time', text: timeRaw } };
  const timeZone = tzRaw ?? defaultTimeZone;
  if (!isTimeZone(timeZone)) return { ok: false, problem: { code: 'not-time-zone', text: timeZone } };
  if (extra.length > 0) return { ok: false, problem: { code: 'slot-extra', words: extra } };
  return { ok: true, slot: { weekday, time: `${m[1]!.padStart(2, '0')}:${m[2]}`, timeZone } };
}
