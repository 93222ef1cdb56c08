/**
 * Lines of text in any script: which face prints each character (per run of text, so one line
 * can hold English, Arabic, Chinese and an emoji), the order the runs go on the page (the
 * Unicode bidirectional algorithm, via bidi-js), and what text extraction reads back.
 *
 * Right-to-left runs are shaped by fontkit (joined Arabic letters) and drawn in visual order, as
 * PDF content always is; text extractors (poppler's pdftotext, pdf.js, Acrobat) reverse
 * right-to-left runs to get reading order back. A shaped ligature such as lām-alif stands for two
 * letters, which an extractor would reverse along with the rest, so such glyphs map to their
 * letters in visual order too (see mapLigaturesInVisualOrder): extracted text then reads in
 * logical order, ligatures included. Runs in other languages are marked with their language.
 */
import bidiFactory from 'bidi-js';
import type { FontRole } from './fonts';
import { FALLBACK_FACES, faceLanguage, isRightToLeftScript, scriptFace, type FaceKey, type FallbackFace } from '../text/faces';
import { faceCovers } from '../text/coverage';

const bidi = bidiFactory();

export interface TextRun {
  text: string;
  /** 'primary' is the style's own DejaVu font. */
  face: 'primary' | FallbackFace;
  /** The run's bidi level is odd: it reads right to left. */
  isRtl: boolean;
}

/** Whether a line can take the fast path: every character in the style's own font, nothing right to left. */
export function isPrimaryOnly(text: string, primary: { has(code: number): boolean }): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x0590) continue;
    if (code >= 0xd800 && code <= 0xdfff) return false;
    if (scriptFace(code) !== undefined || isRightToLeftScript(code) || !primary.has(code)) return false;
  }
  return true;
}

/** Whether a string holds any right-to-left letter (so the bidi algorithm has work to do). */
export function hasRightToLeft(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x0590 && isRightToLeftScript(code)) return true;
  }
  return false;
}

/** The direction of a paragraph: that of its first letter with a strong direction. */
export function paragraphDirection(text: string): 'ltr' | 'rtl' {
  const levels = bidi.getEmbeddingLevels(text, 'auto');
  return (levels.paragraphs[0]?.level ?? 0) % 2 === 1 ? 'rtl' : 'ltr';
}

const NEUTRAL = /^[\s\p{P}\p{S}\p{N}]$/u;

function faceFor(char: string, previous: TextRun['face'] | undefined, primary: { has(code: number): boolean }): TextRun['face'] {
  const code = char.codePointAt(0) ?? 0;
  // Spaces, punctuation and digits stay in the run they are in when its face has them, so an
  // Arabic phrase is shaped as one piece and a Chinese sentence keeps its own punctuation.
  if (previous !== undefined && NEUTRAL.test(char)) {
    if (previous === 'primary' ? primary.has(code) : faceCovers(previous, code)) return previous;
  }
  const own = scriptFace(code);
  if (own !== undefined && faceCovers(own, code)) return own;
  if (primary.has(code) || code < 0x80) return 'primary';
  for (const face of FALLBACK_FACES) if (faceCovers(face, code)) return face;
  return 'primary';
}

/** Splits logical-order text into runs of one face. */
function faceRuns(text: string, isRtl: boolean, primary: { has(code: number): boolean }): TextRun[] {
  const runs: TextRun[] = [];
  let current: TextRun | undefined;
  for (const char of text) {
    const face = faceFor(char, current?.face, primary);
    if (current !== undefined && current.face === face) current.text += char;
    else {
      current = { text: char, face, isRtl };
      runs.push(current);
    }
  }
  return runs;
}

/**
 * A line's runs in the order they are drawn, left to right. Within a right-to-left run the text
 * stays in logical order for a right-to-left face (fontkit shapes and reverses it); any other
 * face's text there (punctuation, an emoji) is reversed and mirrored here.
 */
export function visualRuns(line: string, direction: 'ltr' | 'rtl', primary: { has(code: number): boolean }): TextRun[] {
  if (!hasRightToLeft(line) && direction === 'ltr') return faceRuns(line, false, primary);
  const levels = bidi.getEmbeddingLevels(line, direction);
  const mirrored = bidi.getMirroredCharactersMap(line, levels.levels);
  // Level runs in logical order.
  const levelRuns: { start: number; end: number; level: number }[] = [];
  for (let index = 0; index < line.length; index++) {
    const level = levels.levels[index] ?? 0;
    const last = levelRuns[levelRuns.length - 1];
    if (last !== undefined && last.level === level) last.end = index + 1;
    else levelRuns.push({ start: index, end: index + 1, level });
  }
  // Rule L2: from the highest level down to the lowest odd level, reverse every sequence at that level or above.
  const order = levelRuns.map((_, index) => index);
  const highest = Math.max(0, ...levelRuns.map((run) => run.level));
  const lowestOdd = Math.min(...levelRuns.map((run) => (run.level % 2 === 1 ? run.level : highest + 1)), highest + 1);
  for (let level = highest; level >= lowestOdd && level > 0; level--) {
    let index = 0;
    while (index < order.length) {
      if ((levelRuns[order[index] as number]?.level ?? 0) < level) {
        index++;
        continue;
      }
      let end = index;
      while (end < order.length && (levelRuns[order[end] as number]?.level ?? 0) >= level) end++;
      const reversed = order.slice(index, end).reverse();
      order.splice(index, end - index, ...reversed);
      index = end;
    }
  }
  const result: TextRun[] = [];
  for (const runIndex of order) {
    const run = levelRuns[runIndex];
    if (run === undefined) continue;
    const isRtl = run.level % 2 === 1;
    let text = line.slice(run.start, run.end);
    if (isRtl && mirrored.size > 0) {
      // By UTF-16 index, as bidi-js counts: "(" in a right-to-left run is drawn as ")".
      text = '';
      for (let index = run.start; index < run.end; index++) text += mirrored.get(index) ?? line[index] ?? '';
    }
    const runs = faceRuns(text, isRtl, primary);
    if (!isRtl) {
      result.push(...runs);
      continue;
    }
    for (const faceRun of runs.reverse()) {
      const isShapedRtl = faceRun.face === 'arabic' || faceRun.face === 'hebrew';
      result.push(isShapedRtl ? faceRun : { ...faceRun, text: Array.from(faceRun.text).reverse().join('') });
    }
  }
  return result.filter((run) => run.text !== '');
}

export function runLanguage(run: TextRun): string | undefined {
  return run.face === 'primary' ? undefined : faceLanguage(run.face as FaceKey, run.text);
}

/** The pdfkit font name a run is drawn with. */
export function runFontName(run: TextRun, role: FontRole): string {
  if (run.face === 'primary') return role;
  return `${run.face}-${role === 'bold' ? 'bold' : 'regular'}`;
}
