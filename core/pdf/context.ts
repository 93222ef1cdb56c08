/**
 * What every section of the submission PDF shares while it is being laid out: the layout, the
 * derived portfolio model, the structure tree and bookmarks, the contents entries (filled in
 * once page numbers are known), progress and cancellation.
 */
import type { Layout, Orientation, Struct } from './layout';
import { addOutlineItem } from './pdfkit-internals';
import type { PortfolioModel } from './model';
import type { SinkPump } from './sink-pump';
import type { CrossReferences } from './xref';
import type { EvidenceEntry } from './model';

export interface ContentsEntry {
  level: 0 | 1;
  title: string;
  /** 0-based page index. */
  pageIndex: number;
  destination: string;
}

/**
 * What a cancelled export rejects with: the signal's own reason when that is an AbortError (as
 * fetch does; `controller.abort()` makes one), otherwise a DOMException named "AbortError".
 */
export function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The PDF export was cancelled.', 'AbortError');
}

export class Progress {
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly onProgress: ((done: number, total: number) => void) | undefined,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** Throws the AbortError as soon as the caller has cancelled. */
  check(): void {
    if (this.signal?.aborted) throw abortError(this.signal);
  }

  /** Counts work done, reports it, and lets the event loop run (so a cancel can arrive). */
  async step(count = 1): Promise<void> {
    this.check();
    this.done = Math.min(this.total, this.done + count);
    this.onProgress?.(this.done, this.total);
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.check();
  }

  complete(): void {
    this.done = this.total;
    this.onProgress?.(this.done, this.total);
  }
}

export interface BuildContext {
  doc: PDFKit.PDFDocument;
  layout: Layout;
  model: PortfolioModel;
  /** The Document structure element every section hangs from. */
  root: Struct;
  contents: ContentsEntry[];
  progress: Progress;
  pump: SinkPump;
  readAttachment: (sha256: string) => Promise<Uint8Array>;
  isDraft: boolean;
  generatedAt: Date;
  /** Pictures already written, by sha256, so a picture used twice is stored once. */
  images: Map<string, { label: string; ref: PDFKit.PDFKitReference; width: number; height: number; orientation: number } | { reason: string }>;
  nextDestination: () => string;
  refs: CrossReferences;
}

/** The cross-reference key of an evidence item (by its position: ids may repeat in a damaged package). */
export function evidenceKey(entry: EvidenceEntry): string {
  return `evidence#${entry.number}`;
}

export interface SectionHandle {
  struct: Struct;
  outline: PDFKit.PDFOutline;
}

/** Starts a section on a new page: bookmark, contents entry, link target, structure and heading. */
export function startSection(ctx: BuildContext, title: string, orientation: Orientation = 'portrait', options: { inContents?: boolean } = {}): SectionHandle {
  const { layout, doc } = ctx;
  layout.newSectionPage(orientation, `${title} (continued)`);
  const outline = mark(ctx, doc.outline, title, 0, options.inContents ?? true);
  const struct = layout.group(ctx.root, 'Sect', { title: layout.clean(title) });
  layout.heading(struct, 1, title);
  return { struct, outline };
}

/** A bookmark (and contents entry, and link target) at the cursor, under `parent`. */
export function mark(ctx: BuildContext, parent: PDFKit.PDFOutline, title: string, level: 0 | 1, inContents = true, key?: string): PDFKit.PDFOutline {
  const { layout, doc } = ctx;
  const destination = key === undefined ? ctx.nextDestination() : ctx.refs.place(key, layout.pageIndex);
  const top = Math.max(0, layout.y - 12);
  doc.addNamedDestination(destination, 'XYZ', 0, top, null);
  const clean = layout.clean(title).replace(/\s*\n\s*/g, ' ');
  const item = addOutlineItem(doc, parent, clean, top);
  if (inContents) ctx.contents.push({ level, title: clean, pageIndex: layout.pageIndex, destination });
  return item;
}
