// The rules of evidence that hold for any input: a request's state in the register, when it is due and when its
// chaser is reminded. Pure: "now" and the time zone are passed in. (Reading a reply's Slack text is src/slack/markup.ts.)
import { TZDate } from '@date-fns/tz';
// Each date-fns function from its own module: the package index would load the whole library (about 10 MB of memory).
import { addDays } from 'date-fns/addDays';
import type { EvidenceItem, EvidenceRequest } from '../model.js';
import { calendarDate } from '../scoring/facts.js';
import { calendarDay } from '../time.js';

/**
 * What a question's evidence looks like in the register: asked and not yet due; past its due date; a file or link
 * arrived and awaits an evaluator's verdict; shown (accepted, or marked shown in the interview); what arrived was not
 * sufficient; withdrawn (with a reason).
 */
export const REGISTER_STATES = ['requested', 'overdue', 'received', 'shown', 'not-sufficient', 'withdrawn'] as const;
export type RegisterState = (typeof REGISTER_STATES)[number];

/** A register state in words, the same in Slack and in the reports. */
export const REGISTER_STATE_LABELS: Record<RegisterState, string> = {
  requested: 'requested',
  overdue: 'overdue',
  received: 'received, to review',
  shown: 'shown',
  'not-sufficient': 'not sufficient',
  withdrawn: 'withdrawn',
};

/** A request overdue by more than this many days raises the evidence-overdue flag (scoring). */
export { EVIDENCE_OVERDUE_DAYS } from '../scoring/score.js';

/** Reminders go out on the due date and every this many days after, until the request is fulfilled or withdrawn. */
export const REMINDER_EVERY_DAYS = 7;
/** The wall-clock time (team time zone) a reminder day's DM goes out: working hours, not midnight. */
export const REMINDER_TIME = { hours: 9, minutes: 0 };

export const MAX_DUE_DAYS = 365;
export const MAX_ASKED_LENGTH = 2000;
export const MAX_CONTACT_LENGTH = 200;
export const MAX_REASON_LENGTH = 2000;
/** At most this many links of one reply become evidence (a pasted list of 40 URLs is a note, not 40 artefacts). */
export const MAX_LINKS_PER_REPLY = 5;

/**
 * The state of a question's evidence: from its request (if any) and the files and links shared for it. Accepted
 * evidence is shown whatever else happened, except while the request is open again (asked again after it was
 * fulfilled, e.g. for a renewed report): then only what was accepted after it was reopened counts, and the earlier
 * acceptance does not hide that it is being chased. A withdrawn request with nothing accepted is withdrawn; a file
 * waiting for a verdict comes before the due date, which comes before an earlier "not sufficient". Null when there is
 * nothing.
 */
export function registerState(request: EvidenceRequest | null, items: readonly EvidenceItem[], now: Date): RegisterState | null {
  if (request?.status === 'fulfilled' || items.some((i) => countsAsShown(i, request))) return 'shown';
  if (request?.status === 'withdrawn') return 'withdrawn';
  if (items.some((i) => i.verdict === null)) return 'received';
  if (request && request.dueAt <= now) return 'overdue';
  if (items.some((i) => i.verdict === 'not_sufficient')) return 'not-sufficient';
  return request ? 'requested' : null;
}

/** An accepted item shows the evidence, unless the request was opened (again) after it was accepted. */
function countsAsShown(item: EvidenceItem, request: EvidenceRequest | null): boolean {
  if (item.verdict !== 'accepted') return false;
  return request?.status !== 'open' || (item.verdictAt !== null && item.verdictAt > request.requestedAt);
}

/**
 * The accepted item a "shown" state is about: the one that fulfilled the request; none when the request was marked
 * shown in the interview; else the latest accepted one that counts.
 */
export function shownItem(request: EvidenceRequest | null, items: readonly EvidenceItem[]): EvidenceItem | null {
  if (request?.status === 'fulfilled') return items.find((i) => i.id === request.fulfilledBy) ?? null;
  return items.filter((i) => countsAsShown(i, request)).at(-1) ?? null;
}

/** The due date `days` days after today in `timeZone`, as a calendar day (YYYY-MM-DD). */
export function defaultDueOn(now: Date, timeZone: string, days: number): string {
  return calendarDay(addDays(new TZDate(now.getTime(), timeZone), days), timeZone);
}

/** Whether `day` is a real calendar day written YYYY-MM-DD. */
export function isCalendarDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const d = calendarDate(day);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/** The instant a request due on `dueOn` becomes overdue: when the following day begins in `timeZone`. */
export function overdueFrom(dueOn: string, timeZone: string): Date {
  const [y, m, d] = dueOn.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d + 1, 0, 0, 0, 0, timeZone).getTime());
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to`, both calendar days (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  // In UTC, where every day is 24 hours long: date-fns would count in the process's zone, off by one across DST.
  return Math.round((calendarDate(to).getTime() - calendarDate(from).getTime()) / DAY_MS);
}

/**
 * The reminder day a request is on at `today`: the due date, then every 7 days after it; null before the due date.
 * After downtime only the latest day is owed, so a chaser never gets a burst of reminders.
 */
export function reminderSlot(dueOn: string, today: string): string | null {
  const days = daysBetween(dueOn, today);
  if (days < 0) return null;
  return new Date(calendarDate(dueOn).getTime() + (days - (days % REMINDER_EVERY_DAYS)) * DAY_MS).toISOString().slice(0, 10);
}

/** When a reminder day's DM may go out: that day at REMINDER_TIME in `timeZone`. */
export function reminderTime(slot: string, timeZone: string): Date {
  const [y, m, d] = slot.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, REMINDER_TIME.hours, REMINDER_TIME.minutes, 0, 0, timeZone).getTime());
}
