/**
 * The contents page(s). Page numbers are only known once everything is laid out, so the pages
 * are reserved here (their number follows from the number of entries, one line each) and
 * filled in at the end, with links to each entry.
 */
import { startSection, type BuildContext } from '../context';
import { COLOURS, SIZES, type Struct } from '../layout';
import { linkToDestination, resetPageTransform } from '../pdfkit-internals';

const LINE_HEIGHT = 14;

export interface ContentsReservation {
  firstPageIndex: number;
  pages: number;
  firstPageTop: number;
  section: Struct;
}

export function reserveContents(ctx: BuildContext, entryCount: number): ContentsReservation {
  const { layout } = ctx;
  const { struct } = startSection(ctx, 'Contents', 'portrait', { inContents: false });
  layout.keepOpen();
  const firstPageIndex = layout.pageIndex;
  const firstPageTop = layout.y;
  const firstCapacity = Math.floor((layout.bottom - firstPageTop) / LINE_HEIGHT);
  const capacity = Math.floor((layout.bottom - layout.top) / LINE_HEIGHT);
  const pages = entryCount <= firstCapacity ? 1 : 1 + Math.ceil((entryCount - firstCapacity) / capacity);
  for (let page = 1; page < pages; page++) {
    layout.newPage('portrait');
    layout.keepOpen();
  }
  return { firstPageIndex, pages, firstPageTop, section: struct };
}

export function fillContents(ctx: BuildContext, reservation: ContentsReservation): void {
  const { layout, doc } = ctx;
  const toc = layout.group(reservation.section, 'TOC');
  let page = 0;
  doc.switchToPage(reservation.firstPageIndex);
  resetPageTransform(doc);
  let y = reservation.firstPageTop;
  const entries = ctx.contents;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    if (entry === undefined) continue;
    if (y + LINE_HEIGHT > layout.bottom) {
      page++;
      if (page >= reservation.pages) {
        // Never expected (the reservation counts every entry), but a contents list must not overflow onto a section page.
        const rest = entries.length - index;
        layout.tag(toc, 'TOCI', () => layout.drawLine(`… and ${rest} more (see the bookmarks)`, layout.left, y - LINE_HEIGHT, layout.width, { size: SIZES.small, color: COLOURS.muted }));
        break;
      }
      doc.switchToPage(reservation.firstPageIndex + page);
      resetPageTransform(doc);
      y = layout.top;
    }
    const indent = entry.level === 0 ? 0 : 16;
    const style = { font: entry.level === 0 ? ('bold' as const) : ('regular' as const), size: entry.level === 0 ? SIZES.body : SIZES.small };
    const numberText = String(entry.pageIndex + 1);
    const numberWidth = 36;
    const x = layout.left + indent;
    const titleWidth = layout.width - indent - numberWidth - 8;
    const title = layout.fitLine(entry.title, style, titleWidth);
    const titleEnd = x + layout.widthOf(title, style);
    const lineTop = y;
    // TOCI > Link: the entry's text and its annotation together in the structure (PDF/UA).
    const item = layout.group(toc, 'TOCI');
    const link = layout.group(item, 'Link');
    link.add(() => {
      layout.drawLine(title, x, lineTop, titleWidth, style);
      layout.drawLine(numberText, layout.right - numberWidth, lineTop, numberWidth, { ...style, align: 'right' });
    });
    layout.artifact(() => {
      // Dotted leader from the title to the page number.
      const baseline = lineTop + style.size * 0.95;
      const from = titleEnd + 4;
      const to = layout.right - layout.widthOf(numberText, style) - 4;
      if (to > from) {
        doc.save();
        doc.lineWidth(0.6).dash(0.6, { space: 2.4 }).moveTo(from, baseline).lineTo(to, baseline).stroke(COLOURS.rule);
        doc.undash();
        doc.restore();
      }
    });
    linkToDestination(doc, { x, y: lineTop, width: layout.right - x, height: LINE_HEIGHT - 2 }, entry.destination, link, `Go to ${entry.title}, page ${numberText}`);
    link.end();
    item.end();
    y += LINE_HEIGHT;
  }
  toc.end();
  reservation.section.end();
}
