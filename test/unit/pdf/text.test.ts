import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../core/pdf/clean-text';
import { dejaVuDirectory, fontCoverage, loadFonts } from '../../../core/pdf/fonts';
import { formatBytes, formatClock, formatDate, formatDuration, formatInstant, formatLocator, evidenceTypeName } from '../../../core/pdf/format';
import { parseNarrative } from '../../../core/pdf/layout';

describe('fontCoverage', () => {
  it('knows which characters DejaVu Sans can draw', async () => {
    const coverage = fontCoverage(new Uint8Array(readFileSync(join(dejaVuDirectory(), 'DejaVuSans.ttf'))));
    for (const char of 'Aaz09£€ŵŷŴŶ“”‘’—–…✓✗○⚠\uFFFD') expect(coverage.has(char.codePointAt(0) ?? 0), char).toBe(true);
    expect(coverage.has('漢'.codePointAt(0) ?? 0)).toBe(false);
    expect(coverage.size).toBeGreaterThan(5000);
  });

  it('loads all four fonts once and caches them', async () => {
    const first = await loadFonts();
    const second = await loadFonts();
    expect(second).toBe(first);
    expect(Object.keys(first.bytes).sort()).toEqual(['bold', 'italic', 'mono', 'regular']);
    // The mono font covers less than the proportional one: cleaning is per font.
    expect(first.coverage.mono.size).toBeLessThan(first.coverage.regular.size);
  });

  it('rejects a file that is not a font', () => {
    expect(() => fontCoverage(new Uint8Array(64))).toThrow(/character map/);
  });
});

describe('cleanText', () => {
  const coverage = new Set([...'abc £ŵ\n'].map((char) => char.codePointAt(0) ?? 0).concat([0xfffd, ...Array.from({ length: 95 }, (_, i) => i + 32)]));

  it('leaves printable text alone', () => {
    expect(cleanText('Plain text, £5 and ŵ.\nSecond line', coverage)).toBe('Plain text, £5 and ŵ.\nSecond line');
  });

  it('composes decomposed accents (w + combining circumflex becomes ŵ)', () => {
    expect(cleanText('w\u0302', coverage)).toBe('ŵ');
  });

  it('unifies line breaks and drops control and invisible format characters', () => {
    expect(cleanText('a\r\nb\rc\u2028d', coverage)).toBe('a\nb\nc\nd');
    expect(cleanText('a\u0000b\u0007c\u200bd\u200de\ufefff\u202eg', coverage)).toBe('abcdefg');
    expect(cleanText('tab\there', coverage)).toBe('tab    here');
  });

  it('replaces characters the font lacks, lone surrogates included', () => {
    expect(cleanText('a漢b', coverage)).toBe('a\uFFFDb');
    expect(cleanText('x\ud800y', coverage)).toBe('x\uFFFDy');
    expect(cleanText('a漢', new Set([97]))).toBe('a?');
  });

  it('accepts anything, printing nothing for undefined and null', () => {
    expect(cleanText(undefined, coverage)).toBe('');
    expect(cleanText(null, coverage)).toBe('');
    expect(cleanText(42, coverage)).toBe('42');
  });
});

describe('parseNarrative', () => {
  it('splits paragraphs on blank lines and turns "- " lines into lists', () => {
    expect(parseNarrative('First paragraph\ncontinues here.\n\n- one\n- two\nAfter the list.\n\n\nLast.')).toEqual([
      { kind: 'paragraph', text: 'First paragraph\ncontinues here.' },
      { kind: 'list', items: ['one', 'two'] },
      { kind: 'paragraph', text: 'After the list.' },
      { kind: 'paragraph', text: 'Last.' },
    ]);
  });

  it('handles Windows line ends, indented items and empty text', () => {
    expect(parseNarrative('Intro\r\n  - a\r\n  - b')).toEqual([
      { kind: 'paragraph', text: 'Intro' },
      { kind: 'list', items: ['a', 'b'] },
    ]);
    expect(parseNarrative('')).toEqual([]);
    expect(parseNarrative('-not a list item')).toEqual([{ kind: 'paragraph', text: '-not a list item' }]);
  });
});

describe('format', () => {
  it('writes dates the UK way and leaves odd values visible', () => {
    expect(formatDate('2026-03-05')).toBe('5 March 2026');
    expect(formatDate('2026-02-30')).toBe('2026-02-30');
    expect(formatDate('soon')).toBe('soon');
    expect(formatInstant('2026-11-22T10:15:00.000Z')).toBe('22 November 2026, 10:15 UTC');
    expect(formatInstant('2026-11-22T25:99:00Z')).toBe('2026-11-22T25:99:00Z');
  });

  it('writes sizes, clock positions and durations', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(14_540)).toBe('14.2 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(formatBytes(-1)).toBe('-1');
    expect(formatClock(80)).toBe('1:20');
    expect(formatClock(3725)).toBe('1:02:05');
    expect(formatDuration(247)).toBe('4 min 7 s');
    expect(formatDuration(0)).toBe('0 s');
  });

  it('describes every kind of locator', () => {
    expect(formatLocator({ kind: 'page', page: 3 })).toBe('Page 3');
    expect(formatLocator({ kind: 'paragraph', paragraph: 2 })).toBe('Paragraph 2');
    expect(formatLocator({ kind: 'time', startSeconds: 80, endSeconds: 125 })).toBe('From 1:20 to 2:05');
    expect(formatLocator({ kind: 'note', text: 'Second photo' })).toBe('Second photo');
    expect(formatLocator(undefined)).toBe('Whole item');
  });

  it('names evidence types in plain English, passing unknown ones through', () => {
    expect(evidenceTypeName('witness-testimony')).toBe('Witness testimony');
    expect(evidenceTypeName('hologram')).toBe('hologram');
    expect(evidenceTypeName('constructor')).toBe('constructor');
  });
});
