/**
 * The fonts of the submission PDF: DejaVu Sans (regular, bold, oblique) and DejaVu Sans Mono,
 * embedded (subset) in every PDF. PDF/A forbids relying on a reader's own fonts, so the
 * standard 14 PDF fonts are never used. DejaVu covers accents, Welsh (ŵ ŷ), curly quotes, £
 * and € and the status symbols of the matrix. For every other script the learner writes in,
 * Noto faces (see core/text/faces.ts) are read from their npm packages the first time a page
 * needs them, so a portfolio in English pays nothing for them; pdfkit embeds only the glyphs
 * used (a subset), so a few words of Chinese add kilobytes, not the font's megabytes.
 *
 * Only the main process and the CLI run this module (it reads files with Node).
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FaceKey, FallbackFace } from '../text/faces';

export const FONT_ROLES = ['regular', 'bold', 'italic', 'mono'] as const;
export type FontRole = (typeof FONT_ROLES)[number];

const FONT_FILES: Record<FontRole, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  mono: 'DejaVuSansMono.ttf',
};

export interface FontSet {
  bytes: Record<FontRole, Uint8Array>;
  /** The code points each font has a glyph for: anything else would print the .notdef box, which PDF/A forbids. */
  coverage: Record<FontRole, ReadonlySet<number>>;
}

interface FallbackFiles {
  /** The npm package that ships the font (resolved from its main entry, so its "exports" do not matter). */
  packageName: string;
  regular: string;
  bold: string;
  /** Only these blocks are taken from the face (the Korean font also has Chinese characters, which the CJK face prints). */
  only?: readonly (readonly [number, number])[];
}

const FALLBACK_FILES: Record<FallbackFace, FallbackFiles> = {
  arabic: { packageName: '@embedpdf/fonts-arabic', regular: 'fonts/NotoNaskhArabic-Regular.ttf', bold: 'fonts/NotoNaskhArabic-Bold.ttf' },
  hebrew: { packageName: '@embedpdf/fonts-hebrew', regular: 'fonts/NotoSansHebrew-Regular.ttf', bold: 'fonts/NotoSansHebrew-Bold.ttf' },
  cjk: { packageName: '@embedpdf/fonts-sc', regular: 'fonts/NotoSansHans-Regular.otf', bold: 'fonts/NotoSansHans-Bold.otf' },
  hangul: {
    packageName: '@embedpdf/fonts-kr',
    regular: 'fonts/NotoSansKR-Regular.otf',
    bold: 'fonts/NotoSansKR-Bold.otf',
    only: [[0x1100, 0x11ff], [0x3130, 0x318f], [0xa960, 0xa97f], [0xac00, 0xd7ff], [0xffa0, 0xffdc]],
  },
  emoji: { packageName: '@expo-google-fonts/noto-emoji', regular: '400Regular/NotoEmoji_400Regular.ttf', bold: '700Bold/NotoEmoji_700Bold.ttf' },
};

function packageRoot(packageName: string): string {
  const require = createRequire(import.meta.url);
  // The main entry is in the package or one folder down (dist/); the package.json marks the root.
  let directory = dirname(require.resolve(packageName));
  for (let depth = 0; depth < 3 && !existsSync(join(directory, 'package.json')); depth++) directory = dirname(directory);
  return directory;
}

/** The file of a fallback face in one weight. */
export function fallbackFontPath(face: FallbackFace, isBold: boolean): string {
  const files = FALLBACK_FILES[face];
  return join(packageRoot(files.packageName), isBold ? files.bold : files.regular);
}

/**
 * The code points a face prints in both weights (what ./text coverage data records), limited to
 * the face's own blocks where it has them. DejaVu counts its regular weight.
 */
export async function faceCoverage(face: FaceKey): Promise<Set<number>> {
  if (face === 'dejavu') return fontCoverage(new Uint8Array(await readFile(join(dejaVuDirectory(), FONT_FILES.regular))));
  const [regular, bold] = await Promise.all([false, true].map(async (isBold) => fontCoverage(new Uint8Array(await readFile(fallbackFontPath(face, isBold))))));
  const only = FALLBACK_FILES[face].only;
  const covered = new Set<number>();
  for (const code of regular ?? []) {
    if (!bold?.has(code)) continue;
    if (only !== undefined && !only.some(([from, to]) => code >= from && code <= to)) continue;
    covered.add(code);
  }
  return covered;
}

const fallbackBytes = new Map<string, Uint8Array>();

/**
 * The bytes of a fallback face, read synchronously the first time a line needs it (layout is
 * synchronous; a read of a few megabytes once per export is quicker than an await per line).
 */
export function fallbackFontBytes(face: FallbackFace, isBold: boolean): Uint8Array {
  const key = `${face}:${isBold ? 'bold' : 'regular'}`;
  let bytes = fallbackBytes.get(key);
  if (bytes === undefined) {
    try {
      bytes = new Uint8Array(readFileSync(fallbackFontPath(face, isBold)));
    } catch (error) {
      throw new Error(`The ${face} font the PDF needs could not be read (${error instanceof Error ? error.message : String(error)}). Reinstall the program.`);
    }
    fallbackBytes.set(key, bytes);
  }
  return bytes;
}

/** Where the DejaVu TrueType files are: resolved from the installed package, not guessed. */
export function dejaVuDirectory(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

let cached: Promise<FontSet> | undefined;

/** Loads (once per process) the four fonts and their character coverage. */
export function loadFonts(): Promise<FontSet> {
  cached ??= readFonts().catch((error: unknown) => {
    cached = undefined;
    throw new Error(`The fonts the PDF needs could not be read (${error instanceof Error ? error.message : String(error)}). Reinstall the program.`);
  });
  return cached;
}

async function readFonts(): Promise<FontSet> {
  const directory = dejaVuDirectory();
  const entries = await Promise.all(
    FONT_ROLES.map(async (role) => {
      const bytes = new Uint8Array(await readFile(join(directory, FONT_FILES[role])));
      return [role, bytes, fontCoverage(bytes)] as const;
    }),
  );
  const bytes = {} as Record<FontRole, Uint8Array>;
  const coverage = {} as Record<FontRole, ReadonlySet<number>>;
  for (const [role, data, covered] of entries) {
    bytes[role] = data;
    coverage[role] = covered;
  }
  return { bytes, coverage };
}

/**
 * The Unicode code points a TrueType font maps to a real glyph, read from its `cmap` table
 * (formats 4 and 12, Windows or Unicode platform). Glyph 0 (.notdef) does not count.
 */
export function fontCoverage(font: Uint8Array): Set<number> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const covered = new Set<number>();
  const u16 = (offset: number): number => view.getUint16(offset);
  const u32 = (offset: number): number => view.getUint32(offset);
  const numTables = u16(4);
  let cmapOffset = -1;
  for (let index = 0; index < numTables; index++) {
    const record = 12 + index * 16;
    const tag = String.fromCharCode(font[record] ?? 0, font[record + 1] ?? 0, font[record + 2] ?? 0, font[record + 3] ?? 0);
    if (tag === 'cmap') cmapOffset = u32(record + 8);
  }
  if (cmapOffset < 0) throw new Error('The font has no character map.');
  const subtables = u16(cmapOffset + 2);
  let format4 = -1;
  let format12 = -1;
  for (let index = 0; index < subtables; index++) {
    const record = cmapOffset + 4 + index * 8;
    const platform = u16(record);
    const encoding = u16(record + 2);
    const offset = cmapOffset + u32(record + 4);
    const isUnicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!isUnicode) continue;
    const format = u16(offset);
    if (format === 4 && format4 < 0) format4 = offset;
    if (format === 12 && format12 < 0) format12 = offset;
  }
  if (format12 >= 0) {
    const groups = u32(format12 + 12);
    for (let index = 0; index < groups; index++) {
      const group = format12 + 16 + index * 12;
      const start = u32(group);
      const end = u32(group + 4);
      const glyph = u32(group + 8);
      for (let code = start; code <= end; code++) {
        if (glyph + (code - start) !== 0) covered.add(code);
      }
    }
    return covered;
  }
  if (format4 < 0) throw new Error('The font has no Unicode character map.');
  const segCount = u16(format4 + 6) / 2;
  const endCodes = format4 + 14;
  const startCodes = endCodes + segCount * 2 + 2;
  const idDeltas = startCodes + segCount * 2;
  const idRangeOffsets = idDeltas + segCount * 2;
  for (let segment = 0; segment < segCount; segment++) {
    const end = u16(endCodes + segment * 2);
    const start = u16(startCodes + segment * 2);
    const delta = view.getInt16(idDeltas + segment * 2);
    const rangeOffsetAt = idRangeOffsets + segment * 2;
    const rangeOffset = u16(rangeOffsetAt);
    for (let code = start; code <= end && code !== 0xffff; code++) {
      let glyph: number;
      if (rangeOffset === 0) {
        glyph = (code + delta) & 0xffff;
      } else {
        const glyphAt = rangeOffsetAt + rangeOffset + (code - start) * 2;
        const raw = glyphAt + 1 < font.length ? u16(glyphAt) : 0;
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) covered.add(code);
    }
  }
  return covered;
}
