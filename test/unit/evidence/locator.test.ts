import { describe, expect, it } from 'vitest';
import { formatLocator, formatTime, parseTime, validateLocator, validateMappingDraft } from '../../../core/evidence/locator';

describe('times', () => {
  it('reads seconds, minutes:seconds and hours:minutes:seconds', () => {
    expect(parseTime('90')).toBe(90);
    expect(parseTime('1:30')).toBe(90);
    expect(parseTime(' 01:02:03 ')).toBe(3723);
    expect(parseTime('0:05.5')).toBe(5.5);
  });

  it('refuses what is not a time', () => {
    for (const text of ['', 'abc', '1:60', '1:2:3:4', '-5', '1,5', '1:30pm', '1e3']) expect(parseTime(text), text).toBeUndefined();
  });

  it('formats times as a clock does', () => {
    expect(formatTime(5)).toBe('0:05');
    expect(formatTime(125)).toBe('2:05');
    expect(formatTime(3723)).toBe('1:02:03');
    expect(formatTime(5.5)).toBe('0:05.5');
    expect(formatTime(-1)).toBe('?');
  });
});

describe('locators', () => {
  it('formats each kind', () => {
    expect(formatLocator({ kind: 'page', page: 3 })).toBe('Page 3');
    expect(formatLocator({ kind: 'paragraph', paragraph: 2 })).toBe('Paragraph 2');
    expect(formatLocator({ kind: 'time', startSeconds: 45, endSeconds: 130 })).toBe('0:45 to 2:10');
    expect(formatLocator({ kind: 'note', text: 'Screenshot 2' })).toBe('Screenshot 2');
    expect(formatLocator(undefined)).toBe('Whole item');
  });

  it('accepts good locators', () => {
    expect(validateLocator({ kind: 'page', page: 1 })).toEqual([]);
    expect(validateLocator({ kind: 'paragraph', paragraph: 4 }, { paragraphCount: 4 })).toEqual([]);
    expect(validateLocator({ kind: 'time', startSeconds: 0, endSeconds: 90 }, { durationSeconds: 90 })).toEqual([]);
    expect(validateLocator({ kind: 'note', text: 'Screenshot 2' })).toEqual([]);
  });

  it('pages and paragraphs are whole numbers from 1', () => {
    expect(validateLocator({ kind: 'page', page: 0 })).toEqual([{ field: 'locator.page', message: 'The page must be a whole number, 1 or more.' }]);
    expect(validateLocator({ kind: 'page', page: 1.5 })[0]?.field).toBe('locator.page');
    expect(validateLocator({ kind: 'page', page: '2' })[0]?.field).toBe('locator.page');
    expect(validateLocator({ kind: 'paragraph', paragraph: -1 })[0]?.field).toBe('locator.paragraph');
  });

  it('a paragraph must exist in the narrative', () => {
    expect(validateLocator({ kind: 'paragraph', paragraph: 5 }, { paragraphCount: 3 })).toEqual([
      { field: 'locator.paragraph', message: 'This evidence has 3 paragraphs, so the paragraph must be between 1 and 3.' },
    ]);
    expect(validateLocator({ kind: 'paragraph', paragraph: 1 }, { paragraphCount: 0 })[0]?.message).toMatch(/no narrative paragraphs yet/);
  });

  it('a time range starts before it ends, and ends within the recording', () => {
    expect(validateLocator({ kind: 'time', startSeconds: 60, endSeconds: 60 })).toEqual([{ field: 'locator.endSeconds', message: 'The end time must be after the start time.' }]);
    expect(validateLocator({ kind: 'time', startSeconds: 90, endSeconds: 30 })[0]?.field).toBe('locator.endSeconds');
    expect(validateLocator({ kind: 'time', startSeconds: 10, endSeconds: 100 }, { durationSeconds: 95 })).toEqual([
      { field: 'locator.endSeconds', message: 'The recording is 1:35 long, so the end time must be 1:35 or earlier.' },
    ]);
    expect(validateLocator({ kind: 'time', startSeconds: -1, endSeconds: Number.NaN }).map((p) => p.field)).toEqual(['locator.startSeconds', 'locator.endSeconds']);
  });

  it('refuses unknown kinds and nonsense without throwing', () => {
    expect(validateLocator({ kind: 'line', line: 3 })[0]?.field).toBe('locator.kind');
    expect(validateLocator(null)[0]?.field).toBe('locator');
    expect(validateLocator('page 3')[0]?.field).toBe('locator');
    expect(validateLocator({ kind: 'note', text: '   ' })[0]?.field).toBe('locator.text');
    expect(validateLocator({ kind: 'note', text: 'x'.repeat(301) })[0]?.field).toBe('locator.text');
  });
});

describe('mapping drafts', () => {
  const points = new Set(['CS5.1.1', 'CS1.1.1']);
  it('needs a known marking point, a locator and a justification', () => {
    expect(validateMappingDraft({ markingPointId: 'CS5.1.1', locator: { kind: 'page', page: 1 }, justification: 'Shows it.' }, { markingPointIds: points })).toEqual([]);
    expect(validateMappingDraft({ markingPointId: '', locator: undefined, justification: ' ' }).map((p) => p.field)).toEqual(['markingPointId', 'locator', 'justification']);
    expect(validateMappingDraft({ markingPointId: 'CS9.9.9', locator: { kind: 'page', page: 1 }, justification: 'x' }, { markingPointIds: points })[0]?.message).toBe('“CS9.9.9” is not a marking point of this qualification.');
  });
});
