/**
 * The character coverage the checks use (core/text/font-coverage-data.ts, generated) must be
 * exactly what the embedded fonts hold; regenerate it with `npx tsx scripts/build-font-coverage.ts`.
 */
import { describe, expect, it } from 'vitest';
import { faceCoverage } from '../../../core/pdf/fonts';
import { decodeRanges, encodeRanges, faceCovers, isPrintable } from '../../../core/text/coverage';
import { FACE_KEYS } from '../../../core/text/faces';
import { FONT_COVERAGE_DATA } from '../../../core/text/font-coverage-data';

describe('font coverage data', () => {
  it.each(FACE_KEYS)('matches the %s font files', async (face) => {
    expect(FONT_COVERAGE_DATA[face]).toBe(encodeRanges(await faceCoverage(face)));
  });

  it('round-trips ranges and answers per code point', () => {
    const codes = [32, 33, 34, 100, 0x4e00, 0x4e01, 0x1f44d];
    const ranges = decodeRanges(encodeRanges(codes));
    expect(Array.from(ranges)).toEqual([32, 35, 100, 101, 0x4e00, 0x4e02, 0x1f44d, 0x1f44e]);
    expect(faceCovers('cjk', '我'.codePointAt(0) ?? 0)).toBe(true);
    expect(faceCovers('arabic', 'خ'.codePointAt(0) ?? 0)).toBe(true);
    expect(faceCovers('hangul', '한'.codePointAt(0) ?? 0)).toBe(true);
    expect(isPrintable('ŵ'.codePointAt(0) ?? 0)).toBe(true);
    expect(isPrintable('த'.codePointAt(0) ?? 0)).toBe(false);
  });
});
