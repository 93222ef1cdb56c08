import { formatCalendarDate, formatWholeNumber } from '../../../core/uk-format';

/** A calendar date (YYYY-MM-DD) as people read it in the UK: "14 Mar 2026". */
export function formatDay(date: string): string {
  return formatCalendarDate(date, 'short');
}

/** A count with thousands separators: "5,000". */
export function formatCount(count: number): string {
  return formatWholeNumber(count);
}
