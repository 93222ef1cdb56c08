/** Intl formatters are costly to create; one each, made once, serves every row. */
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const WHOLE = new Intl.NumberFormat('en-GB');

/** A calendar date (YYYY-MM-DD) as people read it in the UK: "14 Mar 2026". */
export function formatDay(date: string): string {
  const parsed = new Date(`${date}T12:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : DAY.format(parsed);
}

/** A count with thousands separators: "5,000". */
export function formatCount(count: number): string {
  return WHOLE.format(count);
}
