/**
 * Page layout on top of pdfkit: A4 pages in either orientation, a text cursor, keep-together
 * rules, tagged structure (every piece of text belongs to a structure element; rules, boxes and
 * page furniture are artifacts) and the text cleaning PDF/A needs. Sections use these building
 * blocks and never call pdfkit's text functions directly.
 */
import { cleanText } from './clean-text';
import { fallbackFontBytes, type FontRole, type FontSet } from './fonts';
import { batchContentWrites, currentFontAscender, finishPageContent, linkToDestination, mapLigaturesInVisualOrder } from './pdfkit-internals';
import { hasRightToLeft, isPrimaryOnly, paragraphDirection, runFontName, runLanguage, visualRuns, type TextRun } from './text-runs';
import { faceCovers } from '../text/coverage';
import { FALLBACK_FACES } from '../text/faces';
import { parseNarrative as parseNumberedNarrative } from '../evidence/narrative';

export type Orientation = 'portrait' | 'landscape';
export type Struct = PDFKit.PDFStructureElement;
/** pdfkit's structure options, with the table header scope it supports and its typings omit (PDF/UA: every TH has one). */
export type StructOptions = PDFKit.Mixins.StructureElementOptions & { scope?: 'Row' | 'Column' | 'Both' };

export const PORTRAIT_MARGINS = { top: 56, bottom: 64, left: 56, right: 56 };
export const LANDSCAPE_MARGINS = { top: 40, bottom: 52, left: 40, right: 40 };

export const COLOURS = {
  text: '#000000',
  muted: '#4d4d4d',
  rule: '#8c8c8c',
  faint: '#d9d9d9',
  band: '#ededed',
} as const;

/** Nothing the PDF prints is smaller than 8 pt: EQAs read it on paper. */
export const SIZES = { title: 22, h1: 16, h2: 13, h3: 11, body: 9.5, small: 8, tiny: 8 } as const;

export interface TextStyle {
  font?: FontRole;
  size?: number;
  color?: string;
  align?: 'left' | 'center' | 'right';
  lineGap?: number;
}

export interface Field {
  label: string;
  value: string;
  font?: FontRole;
}

export interface Wrapped {
  lines: string[];
  lineHeight: number;
  height: number;
  /** Present when some line belongs to a right-to-left paragraph: which lines do. */
  rtl?: boolean[];
}

export type Direction = 'ltr' | 'rtl';

interface Coverage {
  has(code: number): boolean;
}

export type NarrativeBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

/** Narrative convention: paragraphs separated by blank lines; lines starting with "- " are list items. */
export function parseNarrative(text: string): NarrativeBlock[] {
  const blocks: NarrativeBlock[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  const closeParagraph = (): void => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: paragraph.join('\n') });
    paragraph = [];
  };
  const closeList = (): void => {
    if (list.length > 0) blocks.push({ kind: 'list', items: list });
    list = [];
  };
  for (const rawLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.replace(/\s+$/, '');
    if (line.trim() === '') {
      closeParagraph();
      closeList();
    } else if (/^\s*- /.test(line)) {
      closeParagraph();
      list.push(line.replace(/^\s*- /, ''));
    } else {
      closeList();
      paragraph.push(line);
    }
  }
  closeParagraph();
  closeList();
  return blocks;
}

/**
 * pdfkit shapes text word by word unless OpenType features are named, which would leave the
 * words of a right-to-left phrase in reading order; naming none shapes a fallback run whole
 * (fontkit still applies the script's own features: joining, ligatures, marks).
 */
function runOptions(run: TextRun): { features?: [] } {
  return run.face === 'primary' ? {} : { features: [] };
}

/**
 * Each group's parent, kept on the element itself (a WeakMap of every element was a measurable
 * share of garbage collection), so an element finished late can have its ancestors written.
 */
const PARENT = Symbol('parent');

/** Headings' parents whose `end` already draws a waiting heading first. */
const ENDS_WITH_HEADING = Symbol('endsWithHeading');

export class Layout {
  orientation: Orientation = 'portrait';
  private pageCount = 0;
  /** Recent wrapping results: a table cell or paragraph is measured, then drawn with the same lines. */
  private readonly wrapCache = new Map<string, Wrapped>();
  private readonly widthCache = new Map<FontRole, Map<string, number>>();
  private readonly openPages = new Set<number>();
  /** Fonts of other scripts registered with pdfkit so far (read the first time a line needs them). */
  private readonly registeredFaces = new Set<string>();
  /** What each style can print: its own DejaVu font, then every fallback face. */
  private readonly printable = new Map<FontRole, Coverage>();
  /** A heading waiting for the content that follows it, so it never ends a page (keep with next). */
  private pendingHeading: { parent: Struct; level: 1 | 2 | 3; text: string; height: number } | undefined;
  /**
   * Printed in the top margin of every page this section or item runs on to after its first,
   * e.g. "E12 · Complaint log (continued)", so a loose page still says what it belongs to.
   */
  runningHead: string | undefined;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly fonts: FontSet,
  ) {
    // Every page, including those pdfkit adds itself when text runs over, is written out once
    // the next one starts: its content is final except for the footer added at the very end.
    // Pages reserved for the contents are filled in last, so they stay open.
    doc.on('pageAdded', () => {
      this.pageCount++;
      batchContentWrites(doc.page);
      const previousIndex = this.pageCount - 2;
      if (previousIndex >= 0 && !this.openPages.has(previousIndex)) {
        const current = doc.page;
        const previous = doc.switchToPage(doc.bufferedPageRange().start + previousIndex);
        finishPageContent(doc, previous);
        doc.page = current;
      }
    });
  }

  /** Starts a new A4 page; any open marked content carries over (pdfkit's continueOnNewPage). */
  newPage(orientation: Orientation = this.orientation): void {
    this.orientation = orientation;
    const options: PDFKit.PDFDocumentOptions = {
      size: 'A4',
      layout: orientation,
      margins: orientation === 'portrait' ? PORTRAIT_MARGINS : LANDSCAPE_MARGINS,
    };
    if (this.pageCount === 0) this.doc.addPage(options);
    else this.doc.continueOnNewPage(options);
    const head = this.runningHead;
    if (head !== undefined) {
      const y = this.doc.page.margins.top - 17;
      const style: TextStyle = { font: 'bold', size: SIZES.small, color: COLOURS.muted };
      // One line: a long title is shortened, never the "(continued)".
      const suffix = ' (continued)';
      const text = head.endsWith(suffix) ? `${this.fitLine(head.slice(0, -suffix.length), style, this.width - this.widthOf(suffix, style))}${suffix}` : this.fitLine(head, style, this.width);
      this.rawArtifact(() => this.drawLine(text, this.left, y, this.width, style), 'Pagination');
      this.doc.y = this.top;
    }
  }

  /** Starts a section's or item's first page: no running head on it, and `head` on the pages after. */
  newSectionPage(orientation: Orientation, head: string | undefined): void {
    this.flushHeading();
    this.runningHead = undefined;
    this.newPage(orientation);
    this.runningHead = head;
  }

  /** Keeps the current page's content open until the end (for content written last). */
  keepOpen(): void {
    this.openPages.add(this.pageIndex);
  }

  /** 0-based index of the current page. */
  get pageIndex(): number {
    return this.pageCount - 1;
  }

  get pages(): number {
    return this.pageCount;
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get right(): number {
    return this.doc.page.width - this.doc.page.margins.right;
  }

  get width(): number {
    return this.right - this.left;
  }

  get top(): number {
    return this.doc.page.margins.top;
  }

  get bottom(): number {
    return this.doc.page.maxY();
  }

  /** The cursor; reading it places any waiting heading first (content is about to go there). */
  get y(): number {
    this.flushHeading();
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  get remaining(): number {
    this.flushHeading();
    return this.bottom - this.doc.y;
  }

  /**
   * Starts a new page unless `height` points still fit below the cursor. A heading waiting to be
   * drawn goes with it: both on this page, or both on the next.
   */
  ensure(height: number): boolean {
    const heading = this.pendingHeading;
    if (heading !== undefined) {
      this.pendingHeading = undefined;
      const isTurned = this.doc.y + heading.height + height > this.bottom && this.doc.y > this.top + 1;
      if (isTurned) this.newPage();
      this.drawHeading(heading);
      if (this.doc.y + height <= this.bottom) return isTurned;
      this.newPage();
      return true;
    }
    if (this.doc.y + height <= this.bottom) return false;
    this.newPage();
    return true;
  }

  /** Draws a waiting heading now, keeping at least `keepWith` points after it on its page. */
  flushHeading(keepWith = 36): void {
    if (this.pendingHeading !== undefined) this.ensure(keepWith);
  }

  moveDown(points: number): void {
    this.doc.y += points;
  }

  clean(text: unknown, role: FontRole = 'regular'): string {
    return cleanText(text, this.printableBy(role));
  }

  /** The characters a style can print with some embedded face. */
  printableBy(role: FontRole): Coverage {
    let coverage = this.printable.get(role);
    if (coverage === undefined) {
      const primary = this.fonts.coverage[role];
      const fallbackOnly = new Map<number, boolean>();
      coverage = {
        has: (code) => {
          if (primary.has(code)) return true;
          let known = fallbackOnly.get(code);
          if (known === undefined) {
            known = FALLBACK_FACES.some((face) => faceCovers(face, code));
            fallbackOnly.set(code, known);
          }
          return known;
        },
      };
      this.printable.set(role, coverage);
    }
    return coverage;
  }

  /** Registers a fallback face with pdfkit the first time it is drawn or measured. */
  private useRunFont(run: TextRun, role: FontRole, size: number): void {
    const name = runFontName(run, role);
    if (run.face !== 'primary' && !this.registeredFaces.has(name)) {
      const bytes = fallbackFontBytes(run.face, role === 'bold');
      this.doc.registerFont(name, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      this.registeredFaces.add(name);
      this.doc.font(name);
      if (run.face === 'arabic' || run.face === 'hebrew') mapLigaturesInVisualOrder(this.doc);
    }
    this.doc.font(name).fontSize(size);
  }

  /** The width of text in any mix of scripts, in points (faces measured run by run). */
  private mixedWidth(text: string, role: FontRole, size: number): number {
    let width = 0;
    for (const run of visualRuns(text, 'ltr', this.fonts.coverage[role])) {
      this.useRunFont(run, role, size);
      width += this.doc.widthOfString(run.text, runOptions(run));
    }
    this.doc.font(role).fontSize(size);
    return width;
  }

  /** Width of a piece of (cleaned) text in the style currently set with `use`. */
  private pieceWidth(piece: string, role: FontRole, size: number): number {
    return isPrimaryOnly(piece, this.fonts.coverage[role]) ? this.doc.widthOfString(piece) : this.mixedWidth(piece, role, size);
  }

  /**
   * Sets font, size and colour on the document; returns the line height. The colour is only
   * set when asked for: measuring must not write anything into the page.
   */
  use(style: TextStyle = {}, isDrawing = false): number {
    this.doc.font(style.font ?? 'regular').fontSize(style.size ?? SIZES.body);
    if (isDrawing) this.doc.fillColor(style.color ?? COLOURS.text);
    return this.doc.currentLineHeight(true) + (style.lineGap ?? 0);
  }

  /**
   * Breaks (cleaned) text into lines no wider than `width`: at spaces, at line breaks, and
   * inside a word only when the word alone is wider than the line. The same lines are used to
   * measure and to draw, so a table row is exactly as tall as it was measured.
   */
  wrap(text: string, style: TextStyle, width: number): Wrapped {
    const key = `${style.font ?? 'regular'}\u0000${style.size ?? SIZES.body}\u0000${style.lineGap ?? 0}\u0000${width}\u0000${text}`;
    const known = this.wrapCache.get(key);
    if (known !== undefined) return known;
    const lineHeight = this.use(style);
    const cleaned = this.clean(text, style.font);
    const lines: string[] = [];
    let rtl: boolean[] | undefined;
    if (cleaned !== '') {
      // pdfkit shapes text in pieces that end at a space ("word "), caching each piece; measuring
      // the same pieces (and drawing lines with a trailing space) means each is shaped only once.
      const size = style.size ?? SIZES.body;
      const units = this.unitWidths(style.font ?? 'regular');
      const role = style.font ?? 'regular';
      const widthOf = (piece: string): number => {
        let unit = units.get(piece);
        if (unit === undefined) {
          unit = this.pieceWidth(piece, role, size) / size;
          units.set(piece, unit);
        }
        return unit * size;
      };
      const space = widthOf(' ');
      const limit = width + space;
      for (const paragraph of cleaned.split('\n')) {
        const firstLine = lines.length;
        let line = '';
        let lineWidth = 0;
        for (const word of paragraph.split(' ')) {
          if (word === '') continue;
          const wordWidth = widthOf(`${word} `);
          if (line !== '' && lineWidth + wordWidth <= limit) {
            line += ` ${word}`;
            lineWidth += wordWidth;
            continue;
          }
          if (line !== '') lines.push(line);
          if (wordWidth <= limit) {
            line = word;
            lineWidth = wordWidth;
            continue;
          }
          // A word wider than the line (a hash, a web address): break it between characters.
          line = '';
          lineWidth = space;
          for (const char of word) {
            const charWidth = widthOf(char);
            if (line !== '' && lineWidth + charWidth > limit) {
              lines.push(line);
              line = '';
              lineWidth = space;
            }
            line += char;
            lineWidth += charWidth;
          }
        }
        lines.push(line);
        if (hasRightToLeft(paragraph) && paragraphDirection(paragraph) === 'rtl') {
          rtl ??= [];
          for (let index = firstLine; index < lines.length; index++) rtl[index] = true;
        }
      }
    }
    const wrapped: Wrapped = { lines, lineHeight, height: lines.length * lineHeight };
    if (rtl !== undefined) wrapped.rtl = Array.from(lines, (_, index) => rtl?.[index] === true);
    if (this.wrapCache.size > 512) this.wrapCache.clear();
    this.wrapCache.set(key, wrapped);
    return wrapped;
  }

  /** Widths of text pieces at 1 pt, per font: wrapping measures each distinct word once per export. */
  private unitWidths(font: FontRole): Map<string, number> {
    let units = this.widthCache.get(font);
    if (units === undefined || units.size > 200_000) {
      units = new Map();
      this.widthCache.set(font, units);
    }
    return units;
  }

  /** Height of (cleaned) text wrapped to `width`. */
  measure(text: string, style: TextStyle, width: number): number {
    return this.wrap(text, style, width).height;
  }

  widthOf(text: string, style: TextStyle): number {
    this.use(style);
    return this.pieceWidth(this.clean(text, style.font), style.font ?? 'regular', style.size ?? SIZES.body);
  }

  /** Shortens text with "…" until it fits `width` on one line. */
  fitLine(text: string, style: TextStyle, width: number): string {
    this.use(style);
    const cleaned = this.clean(text, style.font).replace(/\s*\n\s*/g, ' ');
    const role = style.font ?? 'regular';
    const size = style.size ?? SIZES.body;
    if (this.pieceWidth(cleaned, role, size) <= width) return cleaned;
    // By code point, so a character outside the Basic Multilingual Plane is never cut in half.
    const chars = Array.from(cleaned);
    let low = 0;
    let high = chars.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.pieceWidth(`${chars.slice(0, middle).join('').trimEnd()}…`, role, size) <= width) low = middle;
      else high = middle - 1;
    }
    return `${chars.slice(0, low).join('').trimEnd()}…`;
  }

  /**
   * Draws text wrapped to `width` from (x, y), turning the page when it reaches the bottom
   * (unless `maxLines` caps it), and leaves the cursor below it. Use inside `tag` or `artifact`.
   */
  draw(text: string, x: number, y: number, width: number, style: TextStyle = {}, options: { maxLines?: number } = {}): void {
    const wrapped = this.wrap(text, style, width);
    const lines = options.maxLines === undefined ? wrapped.lines : wrapped.lines.slice(0, options.maxLines);
    let top = y;
    lines.forEach((line, index) => {
      if (options.maxLines === undefined && top + wrapped.lineHeight > this.bottom + 0.01 && top > this.top + 0.01) {
        this.newPage();
        top = this.top;
      }
      this.paintLine(line, x, top, width, style, wrapped.rtl?.[index] === true ? 'rtl' : 'ltr');
      top += wrapped.lineHeight;
    });
    this.doc.y = top;
    this.doc.x = x;
  }

  /** Draws one line that never wraps or breaks the page (table cells, headers, footers). */
  drawLine(text: string, x: number, y: number, width: number, style: TextStyle = {}): void {
    const cleaned = this.clean(text, style.font).replace(/\s*\n\s*/g, ' ');
    const lineHeight = this.use(style);
    this.paintLine(cleaned, x, y, width, style, hasRightToLeft(cleaned) ? paragraphDirection(cleaned) : 'ltr');
    this.doc.y = y + lineHeight;
    this.doc.x = x;
  }

  /** pdfkit's unwrapped path: one text object, positioned here, with no line-breaking work. */
  private paintLine(line: string, x: number, y: number, width: number, style: TextStyle, direction: Direction = 'ltr'): void {
    if (line === '') return;
    const role = style.font ?? 'regular';
    if (direction === 'rtl' || !isPrimaryOnly(line, this.fonts.coverage[role])) {
      this.paintRuns(line, x, y, width, style, direction);
      return;
    }
    this.use(style, true);
    // The trailing space makes the last word the same shaped piece as when it was measured.
    const piece = `${line} `;
    let left = x;
    if (style.align === 'center' || style.align === 'right') {
      const lineWidth = this.doc.widthOfString(piece) - this.doc.widthOfString(' ');
      left = style.align === 'center' ? x + (width - lineWidth) / 2 : x + width - lineWidth;
    }
    this.doc.text(piece, left, y, { lineBreak: false });
  }

  /**
   * A line with other scripts or right-to-left text: each run in its own face, in bidi order,
   * on the style font's baseline; a right-to-left paragraph's lines sit against the right edge.
   * Runs in another language (Arabic, Hebrew, Chinese, Japanese, Korean) are marked spans with
   * their language (PDF/UA).
   */
  private paintRuns(line: string, x: number, y: number, width: number, style: TextStyle, direction: Direction): void {
    const role = style.font ?? 'regular';
    const size = style.size ?? SIZES.body;
    this.use(style, true);
    const baseline = currentFontAscender(this.doc) * size / 1000;
    const runs = visualRuns(line, direction, this.fonts.coverage[role]);
    const widths = runs.map((run) => {
      this.useRunFont(run, role, size);
      return this.doc.widthOfString(run.text, runOptions(run));
    });
    const total = widths.reduce((sum, value) => sum + value, 0);
    const align = style.align ?? (direction === 'rtl' ? 'right' : 'left');
    let left = align === 'center' ? x + (width - total) / 2 : align === 'right' ? x + width - total : x;
    runs.forEach((run, index) => {
      this.useRunFont(run, role, size);
      const drop = baseline - currentFontAscender(this.doc) * size / 1000;
      const language = runLanguage(run);
      if (language !== undefined) this.doc.markContent('Span', { lang: language });
      this.doc.text(run.text, left, y + drop, { lineBreak: false, ...runOptions(run) });
      if (language !== undefined) this.doc.endMarkedContent();
      left += widths[index] ?? 0;
    });
    this.doc.font(role).fontSize(size);
  }

  /** Adds a structure element under `parent` whose content is whatever `draw` paints. */
  tag(parent: Struct, type: string, draw: () => void, options: StructOptions = {}): Struct {
    this.flushHeading();
    const element = this.doc.struct(type, options);
    parent.add(element);
    element.add(draw);
    element.end();
    return element;
  }

  /**
   * A structure element to fill later (tables, lists, sections). Call `.end()` when done.
   */
  group(parent: Struct, type: string, options: StructOptions = {}): Struct {
    this.flushHeading();
    const element = this.doc.struct(type, options);
    parent.add(element);
    Reflect.set(element, PARENT, parent);
    return element;
  }

  /**
   * One line of text that is a link to a named destination: a Link structure element holding
   * the text and, by OBJR, its annotation (PDF/UA).
   */
  linkedLine(parent: Struct, text: string, x: number, y: number, width: number, style: TextStyle, destination: string, description: string): void {
    const link = this.group(parent, 'Link');
    link.add(() => this.drawLine(text, x, y, width, style));
    const lineWidth = Math.min(width, this.widthOf(text, style));
    const left = style.align === 'right' ? x + width - lineWidth : style.align === 'center' ? x + (width - lineWidth) / 2 : x;
    linkToDestination(this.doc, { x: left, y, width: lineWidth, height: (style.size ?? SIZES.body) * 1.2 }, destination, link, description);
    link.end();
  }

  /** The element `layout.group` or `layout.tag` put `element` under. */
  parentOf(element: Struct): Struct | undefined {
    const parent: unknown = Reflect.get(element, PARENT);
    return parent === undefined ? undefined : (parent as Struct);
  }

  /** Paints decoration that is not content (rules, boxes, hatching, page furniture). */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.flushHeading();
    this.rawArtifact(draw, type);
  }

  private rawArtifact(draw: () => void, type: 'Layout' | 'Pagination'): void {
    this.doc.markContent('Artifact', { type });
    try {
      draw();
    } finally {
      this.doc.endMarkedContent();
    }
  }

  /**
   * A heading. It is drawn with the content that follows it (keep with next): whatever comes
   * next asks for its own space, and the heading moves to the next page with it if both do not
   * fit, so a heading never ends a page. A section title (level 1) starts a page and is drawn at once.
   */
  heading(parent: Struct, level: 1 | 2 | 3, text: string, options: { keepWith?: number } = {}): void {
    this.flushHeading();
    const style: TextStyle = { font: 'bold', size: level === 1 ? SIZES.h1 : level === 2 ? SIZES.h2 : SIZES.h3 };
    const height = this.measure(text, style, this.width) + (level === 1 ? 8 : level === 2 ? 12 : 9);
    const heading = { parent, level, text, height };
    if (level === 1) {
      this.ensure(height + (options.keepWith ?? 36));
      this.drawHeading(heading);
      return;
    }
    this.pendingHeading = heading;
    // If the block ends with nothing after its heading, the heading is drawn as the block ends.
    if (Reflect.get(parent, ENDS_WITH_HEADING) !== true) {
      const end = parent.end.bind(parent);
      parent.end = () => {
        if (this.pendingHeading?.parent === parent) this.flushHeading(0);
        return end();
      };
      Reflect.set(parent, ENDS_WITH_HEADING, true);
    }
    if (options.keepWith !== undefined) this.flushHeading(options.keepWith);
  }

  private drawHeading(heading: { parent: Struct; level: 1 | 2 | 3; text: string }): void {
    const { level, text } = heading;
    const style: TextStyle = { font: 'bold', size: level === 1 ? SIZES.h1 : level === 2 ? SIZES.h2 : SIZES.h3 };
    if (level > 1 && this.doc.y > this.top + 1) this.moveDown(level === 2 ? 8 : 5);
    const x = this.left;
    const width = this.width;
    const element = this.doc.struct(`H${level}`);
    heading.parent.add(element);
    element.add(() => this.draw(text, x, this.doc.y, width, style));
    element.end();
    this.moveDown(level === 1 ? 8 : 4);
  }

  paragraph(parent: Struct, text: string, style: TextStyle = {}, options: { x?: number; width?: number; gapAfter?: number; before?: (top: number) => void } = {}): void {
    const x = options.x ?? this.left;
    const width = options.width ?? this.right - x;
    const lineHeight = this.use(style);
    // Keep at least two lines together so a paragraph never starts with a lone last line.
    this.ensure(Math.min(this.measure(text, style, width), lineHeight * 2));
    this.tag(parent, 'P', () => {
      const top = this.doc.y;
      options.before?.(top);
      this.draw(text, x, top, width, style);
    });
    this.moveDown(options.gapAfter ?? 5);
  }

  /** A bulleted list, tagged L > LI > Lbl + LBody. */
  bullets(parent: Struct, items: string[], style: TextStyle = {}, options: { x?: number; gapAfter?: number; before?: (top: number) => void; isOrdered?: boolean } = {}): void {
    if (items.length === 0) return;
    const x = options.x ?? this.left;
    const indent = 12;
    const firstHeight = Math.min(this.measure(items[0] ?? '', style, this.right - x - indent), this.use(style) * 2);
    this.ensure(firstHeight);
    const list = this.group(parent, 'L');
    let before = options.before;
    for (const item of items) {
      const lineHeight = this.use(style);
      const width = this.right - x - indent;
      this.ensure(Math.min(this.measure(item, style, width), lineHeight * 2));
      const entry = this.group(list, 'LI');
      const top = this.doc.y;
      const mark = before;
      before = undefined;
      this.tag(entry, 'Lbl', () => {
        mark?.(top);
        if (options.isOrdered !== true) this.drawLine('•', x + 2, top, indent, style);
      });
      this.tag(entry, 'LBody', () => this.draw(item, x + indent, top, width, style));
      entry.end();
      this.moveDown(2);
    }
    list.end();
    this.moveDown(options.gapAfter ?? 4);
  }

  /**
   * Free text following the narrative convention (paragraphs and "- " lists). With `isNumbered`,
   * each block's number (as the app counts them for paragraph locators: a list is one block) is
   * printed in the left margin beside its first line, as part of the block's text.
   */
  narrative(parent: Struct, text: string, style: TextStyle = {}, options: { isNumbered?: boolean } = {}): void {
    if (options.isNumbered !== true) {
      for (const block of parseNarrative(text)) {
        if (block.kind === 'paragraph') this.paragraph(parent, block.text, style);
        else this.bullets(parent, block.items, style);
      }
      return;
    }
    const numberStyle: TextStyle = { font: 'bold', size: SIZES.small, color: COLOURS.muted, align: 'right' };
    for (const block of parseNumberedNarrative(text)) {
      const label = `¶${block.number}`;
      const labelX = this.left - 34;
      if (block.kind === 'paragraph') {
        this.paragraph(parent, block.lines.join('\n'), style, { before: (top) => this.drawLine(label, labelX, top + 0.8, 28, numberStyle) });
      } else {
        const items = block.isOrdered ? block.items.map((item, index) => `${block.start + index}. ${item}`) : block.items;
        this.bullets(parent, items, style, { before: (top) => this.drawLine(label, labelX, top + 0.8, 28, numberStyle), isOrdered: block.isOrdered });
      }
    }
  }

  /** Label/value pairs in two columns, tagged as a two-column table. */
  fields(parent: Struct, fields: Field[], options: { labelWidth?: number; x?: number } = {}): void {
    const rows = fields.filter((field) => field.value.trim() !== '');
    if (rows.length === 0) return;
    const x = options.x ?? this.left;
    const labelWidth = options.labelWidth ?? 128;
    const valueX = x + labelWidth + 8;
    const valueWidth = this.right - valueX;
    const labelStyle: TextStyle = { font: 'bold', size: SIZES.small, color: COLOURS.muted };
    const rowHeight = (field: Field): number => {
      const valueStyle: TextStyle = { font: field.font ?? 'regular', size: field.font === 'mono' ? SIZES.small : SIZES.body };
      const lineHeight = this.use(valueStyle);
      return Math.max(this.measure(field.label, labelStyle, labelWidth), Math.min(this.measure(field.value, valueStyle, valueWidth), lineHeight * 3));
    };
    const first = rows[0];
    if (first !== undefined) this.ensure(rowHeight(first));
    const table = this.group(parent, 'Table');
    for (const field of rows) {
      const valueStyle: TextStyle = { font: field.font ?? 'regular', size: field.font === 'mono' ? SIZES.small : SIZES.body };
      const lineHeight = this.use(valueStyle);
      const valueHeight = this.measure(field.value, valueStyle, valueWidth);
      const labelHeight = this.measure(field.label, labelStyle, labelWidth);
      this.ensure(Math.max(labelHeight, Math.min(valueHeight, lineHeight * 3)));
      const top = this.doc.y;
      const startPage = this.pageIndex;
      const row = this.group(table, 'TR');
      // The label is nudged down so its smaller type sits on the value's first baseline.
      this.tag(row, 'TH', () => this.draw(field.label, x, top + 1.5, labelWidth, labelStyle), { title: field.label, scope: 'Row' });
      const labelBottom = this.doc.y;
      this.tag(row, 'TD', () => this.draw(field.value, valueX, top, valueWidth, valueStyle));
      row.end();
      this.doc.y = (this.pageIndex === startPage ? Math.max(labelBottom, this.doc.y) : this.doc.y) + 3;
    }
    table.end();
    this.moveDown(3);
  }

  /** A black-bordered notice that stands out in print and in greyscale (missing declarations and the like). */
  notice(parent: Struct, text: string, options: { isStrong?: boolean } = {}): void {
    const style: TextStyle = { font: 'bold', size: SIZES.body };
    const padding = 6;
    const width = this.width - padding * 2;
    const height = this.measure(text, style, width) + padding * 2;
    this.ensure(height + 4);
    const top = this.doc.y;
    const left = this.left;
    this.artifact(() => {
      this.doc.save();
      this.doc.lineWidth(options.isStrong ? 2 : 1).rect(left, top, this.width, height).stroke(COLOURS.text);
      this.doc.restore();
    });
    this.tag(parent, 'P', () => this.draw(text, left + padding, top + padding, width, style));
    this.doc.y = top + height + 6;
  }

  /** A thin horizontal rule across the text column. */
  rule(gapBefore = 4, gapAfter = 6): void {
    this.moveDown(gapBefore);
    const y = this.doc.y;
    this.artifact(() => {
      this.doc.save();
      this.doc.lineWidth(0.5).moveTo(this.left, y).lineTo(this.right, y).stroke(COLOURS.rule);
      this.doc.restore();
    });
    this.moveDown(gapAfter);
  }
}
