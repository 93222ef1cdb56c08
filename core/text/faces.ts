/**
 * The typefaces the PDF submission embeds, named so that pure code (the checks) and the PDF
 * layout agree: DejaVu Sans for Latin (with Welsh ŵ ŷ), Greek and Cyrillic, then Noto faces for
 * what DejaVu lacks or draws poorly: Arabic (Noto Naskh Arabic), Hebrew (Noto Sans Hebrew),
 * Chinese and Japanese (Noto Sans CJK, simplified Chinese forms, with kana), Korean Hangul (Noto
 * Sans KR) and emoji (Noto Emoji, monochrome: PDF/A has no colour fonts). Which face prints a
 * character is decided per run of text: the face of its script first, then DejaVu, then any
 * other face that has it.
 */
export const FACE_KEYS = ['dejavu', 'arabic', 'hebrew', 'cjk', 'hangul', 'emoji'] as const;
export type FaceKey = (typeof FACE_KEYS)[number];
export type FallbackFace = Exclude<FaceKey, 'dejavu'>;
export const FALLBACK_FACES: readonly FallbackFace[] = ['arabic', 'hebrew', 'cjk', 'hangul', 'emoji'];

function inRanges(code: number, ranges: readonly (readonly [number, number])[]): boolean {
  for (const [from, to] of ranges) if (code >= from && code <= to) return true;
  return false;
}

const ARABIC: readonly (readonly [number, number])[] = [[0x0600, 0x06ff], [0x0750, 0x077f], [0x0870, 0x08ff], [0xfb50, 0xfdff], [0xfe70, 0xfeff]];
const HEBREW: readonly (readonly [number, number])[] = [[0x0590, 0x05ff], [0xfb1d, 0xfb4f]];
const HANGUL: readonly (readonly [number, number])[] = [[0x1100, 0x11ff], [0x3130, 0x318f], [0xa960, 0xa97f], [0xac00, 0xd7ff], [0xffa0, 0xffdc]];
const KANA: readonly (readonly [number, number])[] = [[0x3040, 0x30ff], [0x31f0, 0x31ff], [0xff66, 0xff9f]];
const CJK: readonly (readonly [number, number])[] = [[0x2e80, 0x2fdf], [0x3000, 0x303f], [0x3040, 0x30ff], [0x3100, 0x312f], [0x31c0, 0x31ff], [0x3200, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xffef], [0x20000, 0x3134f]];
const EMOJI: readonly (readonly [number, number])[] = [[0x1f000, 0x1faff], [0x2600, 0x27bf], [0x2b00, 0x2bff], [0x1f900, 0x1f9ff]];

/** The face a character's script asks for, before any other. */
export function scriptFace(code: number): FallbackFace | undefined {
  if (code < 0x0590) return undefined;
  if (inRanges(code, ARABIC)) return 'arabic';
  if (inRanges(code, HEBREW)) return 'hebrew';
  if (inRanges(code, HANGUL)) return 'hangul';
  if (inRanges(code, CJK)) return 'cjk';
  if (code >= 0x1f000 && inRanges(code, EMOJI)) return 'emoji';
  return undefined;
}

/** Hebrew and Arabic letters: written right to left. */
export function isRightToLeftScript(code: number): boolean {
  return code >= 0x0590 && (inRanges(code, HEBREW) || inRanges(code, ARABIC));
}

export function isKana(code: number): boolean {
  return code >= 0x3040 && inRanges(code, KANA);
}

/** The language a run in a face is in, for the PDF's language spans (BCP 47). */
export function faceLanguage(face: FaceKey, text: string): string | undefined {
  switch (face) {
    case 'arabic':
      return 'ar';
    case 'hebrew':
      return 'he';
    case 'hangul':
      return 'ko';
    case 'cjk':
      for (const char of text) if (isKana(char.codePointAt(0) ?? 0)) return 'ja';
      return 'zh';
    default:
      return undefined;
  }
}
