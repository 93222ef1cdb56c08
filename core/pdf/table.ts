/**
 * Tables that run over as many pages as they need: the header row is repeated on every page,
 * a row is never split across pages unless it is taller than a page (then its cells are stacked
 * one under another, each with its column title), and group rows (a unit heading inside a list
 * of marking points) never end a page. Tagged as Table > TR > TH/TD.
 */
import { COLOURS, SIZES, type Layout, type Struct, type StructOptions, type TextStyle } from './layout';
import type { FontRole } from './fonts';
import type { CrossReferences, SlotPlace } from './xref';

export interface TableColumn {
  title: string;
  /** Relative width; the columns share the full text width in proportion. */
  weight: number;
}

export interface CellPart {
  text: string;
  font?: FontRole;
  size?: number;
  color?: string;
  /**
   * A page reference instead of text: `text` + the page the key's target starts on, one line,
   * filled in and linked once every page is laid out (see xref.ts).
   */
  pageRef?: { key: string; refs: CrossReferences; suffix?: string };
}

export interface TableCell {
  parts: CellPart[];
  /** A black badge (e.g. GAP, NOT CONFIRMED) above the text: stands out in print and in greyscale. */
  badge?: string;
}

export interface TableRow {
  cells: TableCell[];
  /** One shaded cell across the whole table, e.g. a unit heading. */
  isGroup?: boolean;
  /** A thicker border around the row, for rows that need attention. */
  isEmphasised?: boolean;
}

const PADDING_X = 4;
const PADDING_Y = 3;
const BADGE_HEIGHT = 11;

export function cell(text: string, font: FontRole = 'regular', size: number = SIZES.small): TableCell {
  return { parts: [{ text, font, size }] };
}

function partStyle(part: CellPart): TextStyle {
  return { font: part.font ?? 'regular', size: part.size ?? SIZES.small, color: part.color ?? COLOURS.text };
}

/** The height a cell needs at a column width: exactly what drawParts will use. */
function cellHeight(layout: Layout, content: TableCell, width: number): number {
  let height = content.badge !== undefined ? BADGE_HEIGHT + 2 : 0;
  for (const part of content.parts) {
    if (part.pageRef !== undefined) height += layout.use(partStyle(part));
    else if (part.text !== '') height += layout.measure(part.text, partStyle(part), width - PADDING_X * 2);
  }
  return height + PADDING_Y * 2;
}

/** A black box with white capitals, shrunk to fit `maxWidth`; returns its width and type size. */
export function drawBadge(layout: Layout, text: string, x: number, y: number, maxWidth: number): { width: number; size: number } {
  let size: number = SIZES.tiny;
  // Shrunk only for a very narrow column; the cell's own text says the same in full.
  while (size > 6.5 && layout.widthOf(text, { font: 'bold', size }) + 8 > maxWidth) size -= 0.5;
  const width = Math.min(maxWidth, layout.widthOf(text, { font: 'bold', size }) + 8);
  layout.artifact(() => {
    layout.doc.save();
    layout.doc.rect(x, y, width, BADGE_HEIGHT).fill('#000000');
    layout.doc.restore();
  });
  return { width, size };
}

function drawCellContent(layout: Layout, row: Struct, type: 'TD' | 'TH', content: TableCell, x: number, y: number, width: number, options: StructOptions = {}): void {
  const top = y + PADDING_Y;
  const cell = layout.group(row, type, options);
  let references: PendingRef[] = [];
  if (content.badge !== undefined) {
    const badge = content.badge;
    const drawn = drawBadge(layout, badge, x + PADDING_X, top, width - PADDING_X * 2);
    cell.add(() => {
      layout.drawLine(badge, x + PADDING_X, top + (BADGE_HEIGHT - drawn.size) / 2 - 0.5, drawn.width, { font: 'bold', size: drawn.size, color: '#ffffff', align: 'center' });
      references = drawParts(layout, content.parts, x, top + BADGE_HEIGHT + 2, width);
    });
  } else {
    cell.add(() => {
      references = drawParts(layout, content.parts, x, top, width);
    });
  }
  for (const { refs, ...place } of references) refs.reserveAt(layout, cell, place);
  cell.end();
}

type PendingRef = SlotPlace & { refs: CrossReferences };

/** Draws a cell's parts top to bottom; page references are left as slots, returned for the caller to reserve. */
function drawParts(layout: Layout, parts: CellPart[], x: number, y: number, width: number): PendingRef[] {
  let top = y;
  const references: PendingRef[] = [];
  for (const part of parts) {
    const style = partStyle(part);
    if (part.pageRef !== undefined) {
      references.push({ refs: part.pageRef.refs, key: part.pageRef.key, x: x + PADDING_X, y: top, width: width - PADDING_X * 2, style, prefix: part.text, suffix: part.pageRef.suffix ?? '' });
      top += layout.use(style);
      continue;
    }
    if (part.text === '') continue;
    layout.draw(part.text, x + PADDING_X, top, width - PADDING_X * 2, style);
    top = layout.y;
  }
  return references;
}

export function drawTable(layout: Layout, parent: Struct, columns: TableColumn[], rows: TableRow[], options: { onRow?: () => void } = {}): void {
  const totalWeight = columns.reduce((sum, column) => sum + column.weight, 0);
  const widths = columns.map((column) => (layout.width * column.weight) / totalWeight);
  const xs: number[] = [];
  widths.reduce((x, width) => {
    xs.push(x);
    return x + width;
  }, layout.left);
  const headerStyle: TextStyle = { font: 'bold', size: SIZES.tiny, color: COLOURS.muted };
  const headerHeight = Math.max(...columns.map((column, index) => layout.measure(column.title, headerStyle, (widths[index] ?? 0) - PADDING_X * 2))) + PADDING_Y * 2;

  // The header never sits alone at the foot of a page: it needs its first row with it.
  const firstRow = rows[0];
  const firstHeight = firstRow === undefined ? 0 : firstRow.isGroup ? cellHeight(layout, firstRow.cells[0] ?? cell(''), layout.width) : Math.max(12, ...firstRow.cells.map((c, index) => cellHeight(layout, c, widths[index] ?? 0)));
  layout.ensure(headerHeight + Math.min(firstHeight, (layout.bottom - layout.top) / 3) + 2);
  // Created after the space is ensured, so a heading waiting above moves to the next page with the table.
  const table = layout.group(parent, 'Table');
  const tableElement = table;
  const drawHeader = (isRepeat: boolean): void => {
    const top = layout.y;
    const paint = (): void => {
      columns.forEach((column, index) => layout.draw(column.title, (xs[index] ?? 0) + PADDING_X, top + PADDING_Y, (widths[index] ?? 0) - PADDING_X * 2, headerStyle));
    };
    if (isRepeat) {
      layout.artifact(paint, 'Pagination');
    } else {
      const row = layout.group(table, 'TR');
      columns.forEach((column, index) => {
        layout.tag(row, 'TH', () => layout.draw(column.title, (xs[index] ?? 0) + PADDING_X, top + PADDING_Y, (widths[index] ?? 0) - PADDING_X * 2, headerStyle), { scope: 'Column' });
      });
      row.end();
    }
    const bottom = top + headerHeight;
    layout.artifact(() => {
      layout.doc.save();
      layout.doc.lineWidth(1).moveTo(layout.left, bottom).lineTo(layout.right, bottom).stroke(COLOURS.text);
      layout.doc.restore();
    });
    layout.y = bottom;
  };

  drawHeader(false);
  const pageHeight = layout.bottom - layout.top - headerHeight - 4;

  rows.forEach((row, rowIndex) => {
    options.onRow?.();
    if (row.isGroup) {
      const content = row.cells[0] ?? cell('');
      const height = cellHeight(layout, content, layout.width);
      // A group heading needs its first row with it on the same page.
      const next = rows[rowIndex + 1];
      const nextHeight = next === undefined || next.isGroup ? 0 : Math.min(40, Math.max(...next.cells.map((c, i) => cellHeight(layout, c, widths[i] ?? 0))));
      if (layout.ensure(height + nextHeight)) drawHeader(true);
      const top = layout.y;
      layout.artifact(() => {
        layout.doc.save();
        layout.doc.rect(layout.left, top, layout.width, height).fill(COLOURS.band);
        layout.doc.restore();
      });
      const tr = layout.group(tableElement, 'TR');
      drawCellContent(layout, tr, 'TH', content, layout.left, top, layout.width, { scope: 'Row' });
      tr.end();
      layout.y = top + height;
      return;
    }
    const heights = row.cells.map((c, index) => cellHeight(layout, c, widths[index] ?? 0));
    const height = Math.max(...heights, 12);
    const tr = layout.group(tableElement, 'TR');
    if (height > pageHeight) {
      // Taller than a page: stack the cells so nothing is cut off.
      row.cells.forEach((content, index) => {
        layout.ensure(24);
        const title = columns[index]?.title ?? '';
        layout.tag(tr, 'TD', () => {
          layout.draw(title, layout.left + PADDING_X, layout.y, layout.width, headerStyle);
          for (const part of content.parts) if (part.pageRef === undefined) layout.draw(part.text, layout.left + PADDING_X, layout.y, layout.width - PADDING_X * 2, partStyle(part));
        });
        layout.moveDown(3);
      });
      tr.end();
      layout.rule(0, 2);
      return;
    }
    if (layout.ensure(height)) drawHeader(true);
    const top = layout.y;
    row.cells.forEach((content, index) => drawCellContent(layout, tr, 'TD', content, xs[index] ?? 0, top, widths[index] ?? 0));
    tr.end();
    const bottom = top + height;
    layout.artifact(() => {
      layout.doc.save();
      if (row.isEmphasised) layout.doc.lineWidth(1.5).rect(layout.left, top, layout.width, height).stroke(COLOURS.text);
      else layout.doc.lineWidth(0.4).moveTo(layout.left, bottom).lineTo(layout.right, bottom).stroke(COLOURS.rule);
      layout.doc.restore();
    });
    layout.y = bottom;
  });
  tableElement.end();
  layout.moveDown(8);
}
