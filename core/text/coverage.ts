/**
 * Which characters the PDF's embedded fonts can show, from the generated ranges in
 * ./font-coverage-data.ts. Pure: the checks use it in the window and the CLI alike.
 */
import { FACE_KEYS, type FaceKey } from './faces';
import { FONT_COVERAGE_DATA } from './font-coverage-data';

/** Sorted code points → base-36 "gap:length" pairs, comma-separated (gap from the end of the previous range). */
export function encodeRanges(codes: Iterable<number>): string {
  const sorted = [...new Set(codes)].sort((a, b) => a - b);
  const pairs: string[] = [];
  let index = 0;
  let end = 0;
  while (index < sorted.length) {
    const start = sorted[index] as number;
    let length = 1;
    while (sorted[index + length] === start + length) length++;
    pairs.push(`${(start - end).toString(36)}:${length.toString(36)}`);
    end = start + length;
    index += length;
  }
  return pairs.join(',');
}

/** The inverse of encodeRanges: flat [start, end) pairs. */
export function decodeRanges(encoded: string): Int32Array {
  const parts = encoded === '' ? [] : encoded.split(',');
  const ranges = new Int32Array(parts.length * 2);
  let end = 0;
  parts.forEach((part, index) => {
    const [gap = '0', length = '0'] = part.split(':');
    const start = end + parseInt(gap, 36);
    end = start + parseInt(length, 36);
    ranges[index * 2] = start;
    ranges[index * 2 + 1] = end;
  });
  return ranges;
}

function contains(ranges: Int32Array, code: number): boolean {
  let low = 0;
  let high = ranges.length / 2 - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const start = ranges[middle * 2] as number;
    if (code < start) high = middle - 1;
    else if (code >= (ranges[middle * 2 + 1] as number)) low = middle + 1;
    else return true;
  }
  return false;
}

const decoded = new Map<FaceKey, Int32Array>();

/** Whether a face has a real glyph (not .notdef) for a code point. */
export function faceCovers(face: FaceKey, code: number): boolean {
  let ranges = decoded.get(face);
  if (ranges === undefined) {
    ranges = decodeRanges(FONT_COVERAGE_DATA[face]);
    decoded.set(face, ranges);
  }
  return contains(ranges, code);
}

/** Whether any embedded face can show a code point. */
export function isPrintable(code: number): boolean {
  if (code === 0x0a || (code >= 0x20 && code < 0x7f)) return true;
  for (const face of FACE_KEYS) if (faceCovers(face, code)) return true;
  return false;
}
