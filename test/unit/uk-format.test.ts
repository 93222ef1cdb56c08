import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatWholeNumber, parseCalendarDate } from '../../core/uk-format';

// The hand-made formats must read exactly as Intl's en-GB ones do (Node's ICU here).
const intlShort = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const intlLong = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const intlWhole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

describe('formatCalendarDate', () => {
  it('reads as en-GB Intl does, for every day of a leap year and a common year', () => {
    for (const year of [2024, 2026]) {
      for (let time = Date.UTC(year, 0, 1); time < Date.UTC(year + 1, 0, 1); time += 86_400_000) {
        const iso = new Date(time).toISOString().slice(0, 10);
        expect(formatCalendarDate(iso, 'short')).toBe(intlShort.format(time));
        expect(formatCalendarDate(iso, 'long')).toBe(intlLong.format(time));
      }
    }
    expect(formatCalendarDate('2026-09-04', 'short')).toBe('4 Sept 2026');
    expect(formatCalendarDate(' 2026-03-05 ', 'long')).toBe('5 March 2026');
  });

  it('shows text that is not a real calendar date as it is', () => {
    for (const odd of ['2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '2026-1-1', '20260101', '+002026-01-01', '2026-01-01T00:00:00Z', '', 'yesterday', '٢٠٢٦-٠١-٠١']) {
      expect(formatCalendarDate(odd, 'short')).toBe(odd.trim());
    }
    expect(parseCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseCalendarDate('0099-12-31')).toEqual({ year: 99, month: 12, day: 31 });
    expect(formatCalendarDate('0001-01-01', 'short')).toBe('1 Jan 1');
  });
});

describe('formatWholeNumber', () => {
  it('groups thousands as en-GB Intl does, rounding halves away from zero', () => {
    for (const value of [0, 1, 12, 999, 1000, 5000, 12_345, 999_999, 1_000_000, 1_234_567, -1, -1000, -1_234_567, 2.5, -2.5, 1234.4, 1234.5, 0.4, Number.MAX_SAFE_INTEGER]) {
      expect(formatWholeNumber(value), String(value)).toBe(intlWhole.format(value));
    }
    expect(formatWholeNumber(-0.4)).toBe('0');
  });

  it('never throws on numbers Intl would print differently', () => {
    expect(formatWholeNumber(Number.NaN)).toBe('NaN');
    expect(formatWholeNumber(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(formatWholeNumber(1e21)).toBe('1e+21');
    expect(formatWholeNumber(-1e21)).toBe('-1e+21');
  });
});
