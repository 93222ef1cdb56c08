/**
 * Dates and counts the way UK readers write them, made by hand rather than with Intl: the
 * output is the same in Node (the PDF) and Chromium (the app) whatever ICU each ships, and
 * nothing costly is created — the first Intl formatter in a fresh page loads locale data and
 * takes tens of milliseconds, which opening the evidence list would otherwise pay.
 */
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
/** As CLDR's en-GB abbreviates them (so "Sept", not "Sep"). */
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'] as const;

/** The month's name (1 = January); empty for a month that does not exist. */
export function monthName(month: number, style: 'long' | 'short'): string {
  return (style === 'long' ? LONG_MONTHS : SHORT_MONTHS)[month - 1] ?? '';
}

export interface CalendarDate {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
}

/** `YYYY-MM-DD` naming a day that exists (no 30 February); anything else is undefined. */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const probe = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear puts them back.
  probe.setUTCFullYear(year);
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

/**
 * `2026-03-05` → `5 March 2026` (long) or `5 Mar 2026` (short). Text that is not a real
 * calendar date is returned as it is (trimmed), so an odd value shows rather than vanishing.
 */
export function formatCalendarDate(text: string, style: 'long' | 'short'): string {
  const trimmed = text.trim();
  const date = parseCalendarDate(trimmed);
  if (!date) return trimmed;
  return `${date.day} ${monthName(date.month, style)} ${date.year}`;
}

/** A whole number with thousands separators: `5,000`, `-1,234,567` (other numbers are rounded). */
export function formatWholeNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  // Halves round away from zero, as Intl does.
  const magnitude = Math.round(Math.abs(value));
  const digits = String(magnitude);
  // Numbers of 1e21 and above print in exponent form; those are shown as JavaScript prints them.
  if (!/^\d+$/.test(digits)) return value < 0 ? `-${digits}` : digits;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return value < 0 && magnitude !== 0 ? `-${grouped}` : grouped;
}
