/**
 * The few places where the layout reaches past pdfkit's documented API, each checked at run
 * time so a pdfkit upgrade that changes them degrades (more memory, no link fix-up) instead of
 * producing a broken PDF. Kept together so an upgrade has one file to review.
 */
import { deflateSync } from 'node:zlib';

/** What pdfkit 0.20's `addItem` reads from its options (its typings list only `expanded`). */
export interface OutlineItemOptions {
  expanded?: boolean;
  /** Index of the target page (0-based); the current page when absent. */
  pageNumber?: number;
  /** pdfkit subtracts this from the page width to get the left edge of the view: pass the page width for 0. */
  left?: number;
  /** Distance from the top of the page, in points. */
  top?: number;
  zoom?: number;
  fit?: boolean;
}

/** A bookmark under `parent` pointing at the current page, `top` points from its top edge. */
export function addOutlineItem(doc: PDFKit.PDFDocument, parent: PDFKit.PDFOutline, title: string, top: number): PDFKit.PDFOutline {
  const options: OutlineItemOptions = { top, left: doc.page.width };
  return parent.addItem(title, options);
}

/**
 * Writes a finished page's content stream to the output now, instead of holding it until the
 * document ends (pdfkit keeps every page open with `bufferPages`, which the footers need). The
 * page gets a second, empty content stream for whatever is added later — its footer and
 * watermark — and its /Contents becomes [finished, later]; PDF readers draw the two as one.
 * This keeps memory flat however many pages there are. Returns false if it could not.
 */
export function finishPageContent(doc: PDFKit.PDFDocument, page: PDFKit.PDFPage): boolean {
  const content: unknown = page.content;
  const dictionary: unknown = Reflect.get(page.dictionary, 'data');
  if (typeof dictionary !== 'object' || dictionary === null || Reflect.get(dictionary, 'Contents') !== content) return false;
  if (typeof content !== 'object' || content === null || typeof Reflect.get(content, 'end') !== 'function') return false;
  compressFast(page.content);
  page.content.end(undefined);
  const later = doc.ref({});
  Reflect.set(dictionary, 'Contents', [content, later]);
  page.content = later;
  batchContentWrites(page);
  return true;
}

/**
 * Deflates a content stream at zlib level 1 instead of pdfkit's default 6: page content is
 * text-like operators that compress well at any level, and this was a large share of the
 * export's time. Leaves the stream alone if pdfkit's internals are not as expected.
 */
function compressFast(content: PDFKit.PDFKitReference): void {
  const end: unknown = Reflect.get(content, 'end');
  const parts: unknown = Reflect.get(content, 'buffer');
  const data: unknown = Reflect.get(content, 'data');
  if (Reflect.get(content, 'compress') !== true || !Array.isArray(parts) || typeof data !== 'object' || data === null || typeof end !== 'function') return;
  // Text still waiting in batchContentWrites is written first.
  const flush: unknown = Reflect.get(content, 'flushBatch');
  if (typeof flush === 'function') flush.call(content);
  if (!parts.every((part) => part instanceof Uint8Array)) return;
  const compressed = deflateSync(Buffer.concat(parts as Uint8Array[]), { level: 1 });
  parts.length = 0;
  parts.push(compressed);
  Reflect.set(content, 'compress', false);
  Reflect.set(data, 'Filter', 'FlateDecode');
}

/**
 * pdfkit keeps one current transformation for the whole document, set when a page is added.
 * After `switchToPage` to a page of another size it is stale, and link rectangles would land
 * in the wrong place; this resets it to the page's own top-down transform.
 */
export function resetPageTransform(doc: PDFKit.PDFDocument): void {
  const ctm: unknown = Reflect.get(doc, '_ctm');
  if (Array.isArray(ctm) && ctm.length === 6) Reflect.set(doc, '_ctm', [1, 0, 0, -1, 0, doc.page.height]);
}

/** The current font's ascender in thousandths of the font size (pdfkit puts a line's baseline this far below its top). */
export function currentFontAscender(doc: PDFKit.PDFDocument): number {
  const font: unknown = Reflect.get(doc, '_font');
  const ascender: unknown = typeof font === 'object' && font !== null ? Reflect.get(font, 'ascender') : undefined;
  return typeof ascender === 'number' && Number.isFinite(ascender) ? ascender : 800;
}

/**
 * For the current (right-to-left) font: a glyph that stands for several letters (the lām-alif
 * ligature) gets its letters in visual order in the font's ToUnicode map. The glyphs of a
 * right-to-left run are drawn in visual order and extractors reverse the run's text to read it;
 * without this they would reverse the ligature's letters too ("ال" for "لا").
 */
export function mapLigaturesInVisualOrder(doc: PDFKit.PDFDocument): void {
  const font: unknown = Reflect.get(doc, '_font');
  if (typeof font !== 'object' || font === null) return;
  const encode: unknown = Reflect.get(font, 'encode');
  const unicode: unknown = Reflect.get(font, 'unicode');
  if (typeof encode !== 'function' || !Array.isArray(unicode) || Reflect.get(font, 'visualLigatures') === true) return;
  const original = encode.bind(font) as (text: string, features?: unknown) => [string[], unknown[]];
  const reversed = new Set<number>();
  Reflect.set(font, 'encode', (text: string, features?: unknown): [string[], unknown[]] => {
    const result = original(text, features);
    for (const hex of result[0]) {
      const gid = parseInt(hex, 16);
      const codes: unknown = unicode[gid];
      if (reversed.has(gid) || !Array.isArray(codes) || codes.length < 2) continue;
      unicode[gid] = [...(codes as number[])].reverse();
      reversed.add(gid);
    }
    return result;
  });
  Reflect.set(font, 'visualLigatures', true);
}

/**
 * Keeps a structure element open when its parent ends (pdfkit ends children with their parent),
 * until the returned function ends it for real. Its ancestors cannot be written until then; call
 * flushStructure on each of them afterwards.
 */
export function deferStructureEnd(element: PDFKit.PDFStructureElement): () => void {
  const end = element.end.bind(element);
  element.end = () => element;
  return () => {
    element.end = end;
    end();
  };
}

/** Writes a structure element whose children are all finished (pdfkit only tries when it ends). */
export function flushStructure(element: PDFKit.PDFStructureElement): void {
  const flush: unknown = Reflect.get(element, '_flush');
  if (typeof flush === 'function') flush.call(element);
}

/**
 * A link annotation to a named destination, placed in the structure under `link` (a Link
 * element) by OBJR, with a description for assistive technology (PDF/UA asks for one). pdfkit's
 * typings know neither option; pdfkit writes a JS String object as a PDF text string.
 */
export function linkToDestination(doc: PDFKit.PDFDocument, rect: { x: number; y: number; width: number; height: number }, destination: string, link: PDFKit.PDFStructureElement, description: string): void {
  const options: Record<string, unknown> = { structParent: link, Contents: new String(description) };
  doc.goTo(rect.x, rect.y, rect.width, rect.height, destination, options as unknown as PDFKit.Mixins.AnnotationOption);
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ESCAPES[char] ?? char);
}

/**
 * pdfkit copies the title, author, subject and keywords into the XMP metadata without
 * escaping them, so a learner called "Smith & Jones" would make the metadata invalid XML (and
 * the file fail PDF/A). The document information dictionary is written before the XMP, so the
 * escaped copies are swapped in only while the XMP is built.
 */
export function escapeInfoInXmp(doc: PDFKit.PDFDocument): void {
  const original = doc.endMetadata.bind(doc);
  doc.endMetadata = () => {
    const info = doc.info;
    const escaped: PDFKit.DocumentInfo = { ...info };
    for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer'] as const) {
      const value = info[key];
      if (typeof value === 'string') escaped[key] = escapeXml(value);
    }
    doc.info = escaped;
    try {
      original();
    } finally {
      doc.info = info;
    }
  };
}

interface GlyphLike {
  id: number;
  advanceWidth: number;
}

interface FontkitLike {
  glyphForCodePoint(codePoint: number): GlyphLike;
}

function isFontkitLike(value: unknown): value is FontkitLike {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'glyphForCodePoint') === 'function';
}

/**
 * Scripts whose text is drawn correctly glyph by glyph, without OpenType shaping: Latin (with
 * Welsh), Greek, Cyrillic, punctuation, currency and symbols. Anything else (Arabic, Indic…)
 * still goes through fontkit's full shaping.
 */
function isSimpleText(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x0590 || (code >= 0x1e00 && code < 0x2c00) || code === 0xfffd) continue;
    return false;
  }
  return true;
}

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

type LayoutFunction = (text: string, features?: unknown, onlyWidth?: boolean) => { glyphs: GlyphLike[] | null; positions: Position[] | null; advanceWidth: number };

/**
 * Lays text out glyph by glyph (one glyph per character, advance widths from the font) for the
 * fonts registered under `roles`, wherever the text is in scripts that need no shaping.
 * fontkit's OpenType shaping of every word, and pdfkit's splitting of text into words to
 * shape, were most of the export's time and much of its memory; the cost is that kerning
 * pairs are not applied. Text is measured and drawn with the same layout, so nothing overlaps.
 */
export function useSimpleLayout(doc: PDFKit.PDFDocument, roles: readonly string[]): void {
  for (const role of roles) {
    doc.font(role);
    const pdfFont: unknown = Reflect.get(doc, '_font');
    if (typeof pdfFont !== 'object' || pdfFont === null) continue;
    const font: unknown = Reflect.get(pdfFont, 'font');
    const scale: unknown = Reflect.get(pdfFont, 'scale');
    const original: unknown = Reflect.get(pdfFont, 'layout');
    if (!isFontkitLike(font) || typeof scale !== 'number' || typeof original !== 'function') continue;
    const shaped = original.bind(pdfFont) as LayoutFunction;
    const originalEncode: unknown = Reflect.get(pdfFont, 'encode');
    const subset: unknown = Reflect.get(pdfFont, 'subset');
    const widths: unknown = Reflect.get(pdfFont, 'widths');
    const unicode: unknown = Reflect.get(pdfFont, 'unicode');
    const canEncode =
      typeof originalEncode === 'function' && typeof subset === 'object' && subset !== null && typeof Reflect.get(subset, 'includeGlyph') === 'function' && Array.isArray(widths) && Array.isArray(unicode);
    interface Entry {
      glyph: GlyphLike;
      width: number;
      /** Shared and never changed: pdfkit only reads positions. */
      position: Position;
      /** The glyph's 4-digit hex code in the subset, once it has been drawn. */
      hex?: string;
    }
    const glyphs = new Map<number, Entry>();
    const glyphOf = (code: number): Entry => {
      let entry = glyphs.get(code);
      if (entry === undefined) {
        const glyph = font.glyphForCodePoint(code);
        const width = glyph.advanceWidth * scale;
        entry = { glyph, width, position: { xAdvance: width, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: width } };
        glyphs.set(code, entry);
      }
      return entry;
    };
    const layout: LayoutFunction = (text, features, onlyWidth) => {
      if (features !== undefined || !isSimpleText(text)) return shaped(text, features, onlyWidth);
      let advanceWidth = 0;
      if (onlyWidth) {
        for (let index = 0; index < text.length; index++) advanceWidth += glyphOf(text.charCodeAt(index)).width;
        return { glyphs: null, positions: null, advanceWidth };
      }
      const runGlyphs: GlyphLike[] = [];
      const positions: Position[] = [];
      for (let index = 0; index < text.length; index++) {
        const entry = glyphOf(text.charCodeAt(index));
        runGlyphs.push(entry.glyph);
        positions.push(entry.position);
        advanceWidth += entry.width;
      }
      return { glyphs: runGlyphs, positions, advanceWidth };
    };
    if (canEncode) {
      const includeGlyph = (Reflect.get(subset, 'includeGlyph') as (id: number) => number).bind(subset);
      const encodeShaped = (originalEncode as (text: string, features?: unknown) => [string[], Position[]]).bind(pdfFont);
      // pdfkit's encode, without re-deriving each glyph's subset code and width on every use.
      const encode = (text: string, features?: unknown): [string[], Position[]] => {
        if (features !== undefined || !isSimpleText(text)) return encodeShaped(text, features);
        const codes: string[] = [];
        const positions: Position[] = [];
        for (let index = 0; index < text.length; index++) {
          const entry = glyphOf(text.charCodeAt(index));
          if (entry.hex === undefined) {
            const gid = includeGlyph(entry.glyph.id);
            entry.hex = `0000${gid.toString(16)}`.slice(-4);
            if (widths[gid] == null) widths[gid] = entry.width;
            if (unicode[gid] == null) unicode[gid] = Reflect.get(entry.glyph, 'codePoints');
          }
          codes.push(entry.hex);
          positions.push(entry.position);
        }
        return [codes, positions];
      };
      Reflect.set(pdfFont, 'encode', encode);
    }
    Reflect.set(pdfFont, 'layout', layout);
  }
}

/**
 * Sends pdfkit's output straight to `onChunk` instead of through its Readable stream: pdfkit
 * writes every line of every object as its own chunk, and Node's stream machinery per chunk
 * was a measurable share of a large export. The stream still carries the end of the document
 * (pdfkit's final `push(null)`), so its 'end' event works as before. Returns false when
 * pdfkit's internals are not as expected; the caller then listens to 'data' instead.
 */
export function redirectOutput(doc: PDFKit.PDFDocument, onChunk: (chunk: Uint8Array) => void): boolean {
  const offset: unknown = Reflect.get(doc, '_offset');
  if (typeof Reflect.get(doc, '_write') !== 'function' || typeof offset !== 'number') return false;
  const write = (data: unknown): void => {
    // pdfkit passes either bytes or a "binary string" (one char per byte) without its newline.
    const bytes = data instanceof Uint8Array ? data : Buffer.from(`${String(data)}\n`, 'latin1');
    onChunk(bytes);
    Reflect.set(doc, '_offset', (Reflect.get(doc, '_offset') as number) + bytes.length);
  };
  Reflect.set(doc, '_write', write);
  return true;
}

/**
 * pdfkit turns every content operator it writes into its own small byte array (one per line of
 * the page's content stream). This collects a page's operators as text instead and converts
 * them in one go when the stream is written: the same bytes, far fewer allocations.
 */
export function batchContentWrites(page: PDFKit.PDFPage): void {
  const content: unknown = page.content;
  if (typeof content !== 'object' || content === null) return;
  const write: unknown = Reflect.get(content, 'write');
  const end: unknown = Reflect.get(content, 'end');
  if (typeof write !== 'function' || typeof end !== 'function' || Reflect.get(content, 'batched') === true) return;
  const pending: string[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const text = `${pending.join('\n')}\n`;
    pending.length = 0;
    write.call(content, Buffer.from(text, 'latin1'));
  };
  Reflect.set(content, 'write', (chunk: unknown) => {
    if (typeof chunk === 'string') pending.push(chunk);
    else {
      flush();
      write.call(content, chunk);
    }
  });
  Reflect.set(content, 'end', (chunk: unknown) => {
    flush();
    end.call(content, chunk);
  });
  Reflect.set(content, 'flushBatch', flush);
  Reflect.set(content, 'batched', true);
}
