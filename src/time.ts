import { TZDate } from '@date-fns/tz';
// Each date-fns function from its own module: the package index would load the whole library (about 10 MB of memory).
import { format } from 'date-fns/format';

/** The calendar date (YYYY-MM-DD) of an instant in a time zone: how people read expiry and digest dates. */
export function calendarDay(d: Date, timeZone: string): string {
  return format(new TZDate(d.getTime(), timeZone), 'yyyy-MM-dd');
}
