/**
 * Cross-references that work on paper and on screen: the location sheet, evidence key, matrix,
 * witness list and unit summaries print the page where each evidence item starts, and that
 * page number is a link to it (PDF/UA: each link is a Link structure element holding its text and
 * its annotation, by OBJR).
 *
 * Those pages come before the items they point at, so the numbers are not known when they are
 * laid out. Each reference reserves a fixed-width slot (wide enough for any page number the file
 * could reach) and a Link structure element in its place in the structure tree; once everything
 * is laid out, every slot is filled on its own page, in the content stream pdfkit keeps open for
 * the footer, and its Link element is completed and written with its ancestors.
 */
import type { Layout, Struct, TextStyle } from './layout';
import { deferStructureEnd, flushStructure, linkToDestination, resetPageTransform } from './pdfkit-internals';

interface Target {
  destination: string;
  pageIndex?: number;
}

/** Where a page reference goes: `prefix` + the page the key's target starts on + `suffix`, one line. */
export interface SlotPlace {
  key: string;
  x: number;
  y: number;
  width: number;
  style: TextStyle;
  prefix: string;
  suffix: string;
}

interface Slot extends SlotPlace {
  pageIndex: number;
  link: Struct;
  finishEnd: () => void;
}

/** Digits a reserved slot makes room for: a 99,999-page PDF. */
export const PAGE_DIGITS = '99999';

export class CrossReferences {
  private readonly targets = new Map<string, Target>();
  private readonly slots: Slot[] = [];
  private count = 0;

  /** The named destination of a key (e.g. `evidence:<id>`); the same name whether asked before or after the target is placed. */
  destinationFor(key: string): string {
    let target = this.targets.get(key);
    if (target === undefined) {
      target = { destination: `x${++this.count}` };
      this.targets.set(key, target);
    }
    return target.destination;
  }

  /** Records that the target of `key` starts on a page (0-based). */
  place(key: string, pageIndex: number): string {
    const destination = this.destinationFor(key);
    const target = this.targets.get(key);
    if (target !== undefined && target.pageIndex === undefined) target.pageIndex = pageIndex;
    return destination;
  }

  /** The 1-based page a key's target starts on, once placed. */
  pageOf(key: string): number | undefined {
    const index = this.targets.get(key)?.pageIndex;
    return index === undefined ? undefined : index + 1;
  }

  /** Whether a key has a target that will be placed (an evidence item that exists). */
  has(key: string): boolean {
    return this.targets.has(key);
  }

  /**
   * Reserves a page-number slot at (x, y) on the current page: `prefix` + the page + `suffix`,
   * drawn and linked by `fill`. The Link structure element takes its place under `parent` now.
   */
  reserve(layout: Layout, parent: Struct, key: string, x: number, y: number, width: number, style: TextStyle, prefix = '', suffix = ''): void {
    this.reserveAt(layout, parent, { key, x, y, width, style, prefix, suffix });
  }

  reserveAt(layout: Layout, parent: Struct, place: SlotPlace): void {
    this.destinationFor(place.key);
    const link = layout.group(parent, 'Link');
    const finishEnd = deferStructureEnd(link);
    this.slots.push({ ...place, pageIndex: layout.pageIndex, link, finishEnd });
  }

  /** The width a slot needs for a prefix and suffix in a style. */
  static slotWidth(layout: Layout, style: TextStyle, prefix = '', suffix = ''): number {
    return layout.widthOf(`${prefix}${PAGE_DIGITS}${suffix}`, style);
  }

  /** Draws every reserved page number with its link, and writes the structure waiting for them. */
  fill(layout: Layout, doc: PDFKit.PDFDocument): void {
    const range = doc.bufferedPageRange();
    for (const slot of this.slots) {
      doc.switchToPage(range.start + slot.pageIndex);
      resetPageTransform(doc);
      const page = this.pageOf(slot.key);
      const destination = this.destinationFor(slot.key);
      const text = page === undefined ? `${slot.prefix}not in this PDF${slot.suffix}` : `${slot.prefix}${page}${slot.suffix}`;
      slot.link.add(() => layout.drawLine(text, slot.x, slot.y, slot.width, slot.style));
      if (page !== undefined) {
        const width = Math.min(slot.width, layout.widthOf(text, slot.style));
        const left = slot.style.align === 'right' ? slot.x + slot.width - width : slot.style.align === 'center' ? slot.x + (slot.width - width) / 2 : slot.x;
        linkToDestination(doc, { x: left, y: slot.y, width, height: (slot.style.size ?? 8) * 1.2 }, destination, slot.link, `Go to page ${page}`);
      }
      slot.finishEnd();
      for (let element = layout.parentOf(slot.link); element !== undefined; element = layout.parentOf(element)) flushStructure(element);
    }
    this.slots.length = 0;
  }
}
