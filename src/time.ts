import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/** The calendar date (YYYY-MM-DD) of an instant in a time zone: how people read expiry and digest dates. */
export function calendarDay(d: Date, timeZone: string): string {
  return format(new TZDate(d.getTime(), timeZone), 'yyyy-MM-dd');
}
