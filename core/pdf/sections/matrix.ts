/**
 * The coverage gap matrix on landscape pages: marking points as rows (id, short description,
 * status), evidence items as columns (E1…En). A wide or tall matrix is split into pages with
 * the row and column headers repeated on each. A gap is a black GAP badge plus a hatched row,
 * so it stands out in print, in greyscale and to a screen reader; every other status is a
 * symbol backed by a word, explained by the legend on every page.
 */
import type { CoverageStatus } from '../../coverage/types';
import { evidenceKey, mark, startSection, type BuildContext } from '../context';
import { STATUS_NAME, STATUS_SYMBOL, evidenceTypeName, formatDate, plural } from '../format';
import { COLOURS, SIZES, type Struct, type TextStyle } from '../layout';
import { pointShortText, type PointEntry, type UnitEntry } from '../model';
import { cell, drawTable, type TableRow } from '../table';

type MatrixRow = { kind: 'unit'; unit: UnitEntry } | { kind: 'point'; point: PointEntry };

const ROW_HEIGHT = 13.5;
/** Two lines: each evidence column's number, and the page the item starts on. */
const HEADER_ROW_HEIGHT = 26;
/** Heading, summary, legend and caption above the grid, the same on every matrix page. */
const HEADER_BLOCK = 76;
const MIN_EVIDENCE_COLUMN = 22;
const LABEL_COLUMN = 150;
const STATUS_COLUMN = 54;
const ID_STYLE: TextStyle = { font: 'bold', size: 8 };
const CODE_STYLE: TextStyle = { font: 'bold', size: 8, align: 'center' };
const PAGE_STYLE: TextStyle = { size: 8, color: COLOURS.muted, align: 'center' };
/** Short meanings, so the whole key fits on one line above the grid of every matrix page. */
const LEGEND: Record<CoverageStatus, string> = {
  gap: 'no evidence (row hatched, boxed)',
  met: 'judged met',
  claimed: 'not yet judged',
  'not-yet': 'judged not yet met',
  stale: 'evidence changed since judged',
};

export function drawMatrix(ctx: BuildContext): void {
  const { layout, model } = ctx;
  const { struct, outline } = startSection(ctx, 'Coverage gap matrix', 'landscape');
  // Each matrix page carries its own "(continued)" heading, legend and caption.
  layout.runningHead = undefined;
  const summary = model.coverage.summary;
  const summaryText =
    `${plural(summary.markingPoints, 'marking point', 'marking points')}: ${summary.met} met, ${summary.claimed} awaiting judgement, ` +
    `${summary.notYet} not yet met, ${summary.stale} stale, ${summary.gaps} with no evidence (GAP). ` +
    `${plural(model.evidence.length, 'evidence item', 'evidence items')} (E1–E${model.evidence.length}, listed in the evidence key after the matrix).`;

  const rows: MatrixRow[] = [];
  for (const unit of model.units) {
    rows.push({ kind: 'unit', unit });
    for (const point of unit.points) rows.push({ kind: 'point', point });
  }

  // Column widths: the id column grows to fit the longest id (ids are never shortened).
  let idWidth = layout.widthOf('Marking point', { font: 'bold', size: SIZES.tiny }) + 8;
  for (const point of model.points) idWidth = Math.max(idWidth, Math.min(260, layout.widthOf(point.point.id, ID_STYLE) + 8));
  const fixedWidth = idWidth + LABEL_COLUMN + STATUS_COLUMN;
  // Wide enough for the longest evidence number and a four-digit page at 8 pt.
  const lastCode = model.evidence[model.evidence.length - 1]?.code ?? 'E1';
  const columnWidth = Math.ceil(Math.max(MIN_EVIDENCE_COLUMN, layout.widthOf(lastCode, CODE_STYLE) + 4, layout.widthOf('9999', PAGE_STYLE) + 4));
  const perPage = Math.max(1, Math.floor((layout.width - fixedWidth) / columnWidth));
  const columnChunks: number[][] = [];
  for (let start = 0; start < model.evidence.length; start += perPage) {
    columnChunks.push(Array.from({ length: Math.min(perPage, model.evidence.length - start) }, (_, offset) => start + offset));
  }
  if (columnChunks.length === 0) columnChunks.push([]);

  const gridTop = layout.top + HEADER_BLOCK;
  const rowsPerPage = Math.max(2, Math.floor((layout.bottom - gridTop - HEADER_ROW_HEIGHT) / ROW_HEIGHT));
  const rowChunks: MatrixRow[][] = [];
  let current: MatrixRow[] = [];
  for (const row of rows) {
    current.push(row);
    if (current.length === rowsPerPage) {
      // A unit heading must not be the last row on a page.
      const last = current[current.length - 1];
      const carry = last?.kind === 'unit' && current.length > 1 ? current.pop() : undefined;
      rowChunks.push(current);
      current = carry === undefined ? [] : [carry];
    }
  }
  if (current.length > 0 || rowChunks.length === 0) rowChunks.push(current);

  const mapped = new Set<string>();
  for (const mapping of model.manifest.mappings) mapped.add(`${mapping.markingPointId}\u0000${mapping.evidenceId}`);

  const totalParts = rowChunks.length * columnChunks.length;
  let part = 0;
  for (const rowChunk of rowChunks) {
    for (const columns of columnChunks) {
      part++;
      if (part > 1) layout.newPage('landscape');
      drawMatrixPage(ctx, struct, {
        rows: rowChunk,
        columns,
        idWidth,
        columnWidth,
        isFirst: part === 1,
        caption: matrixCaption(rowChunk, columns, part, totalParts),
        summaryText,
        mapped,
      });
    }
  }

  // The key: what each column number stands for.
  layout.newSectionPage('portrait', 'Evidence key (continued)');
  mark(ctx, outline, 'Evidence key', 1);
  const keySection = layout.group(struct, 'Sect', { title: 'Evidence key' });
  layout.heading(keySection, 2, 'Evidence key');
  layout.paragraph(keySection, 'The columns of the matrix, in order. Each item is set out in full in the Evidence section, from the page given (a link to it).', { size: SIZES.small, color: COLOURS.muted });
  if (model.evidence.length === 0) layout.notice(keySection, 'The portfolio holds no evidence items yet.');
  else {
    const keyRows: TableRow[] = model.evidence.map((entry) => {
      const count = new Set((model.mappingsByEvidence.get(entry.item.id) ?? []).map((mapping) => mapping.markingPointId)).size;
      return {
        cells: [
          cell(entry.code, 'bold'),
          cell(entry.item.title),
          cell(evidenceTypeName(entry.item.type)),
          cell(formatDate(entry.item.activityDate)),
          cell(count === 0 ? 'None' : String(count)),
          { parts: [{ text: '', size: SIZES.small, pageRef: { key: evidenceKey(entry), refs: ctx.refs } }] },
        ],
      };
    });
    drawTable(layout, keySection, [
      { title: 'Column', weight: 0.7 },
      { title: 'Title', weight: 4 },
      { title: 'Type', weight: 1.8 },
      { title: 'Activity date', weight: 1.4 },
      { title: 'Marking points', weight: 1 },
      { title: 'Page', weight: 0.7 },
    ], keyRows);
  }
  keySection.end();
  struct.end();
}

function matrixCaption(rows: MatrixRow[], columns: number[], part: number, total: number): string {
  const points = rows.filter((row): row is { kind: 'point'; point: PointEntry } => row.kind === 'point');
  const first = points[0]?.point.point.id;
  const last = points[points.length - 1]?.point.point.id;
  const rowText = first === undefined ? 'no marking points' : first === last ? `marking point ${first}` : `marking points ${first} to ${last}`;
  const columnText = columns.length === 0 ? 'no evidence items' : `evidence E${(columns[0] ?? 0) + 1}–E${(columns[columns.length - 1] ?? 0) + 1}`;
  return `Part ${part} of ${total}: ${rowText}; ${columnText}.`;
}

interface PageSpec {
  rows: MatrixRow[];
  columns: number[];
  idWidth: number;
  columnWidth: number;
  isFirst: boolean;
  caption: string;
  summaryText: string;
  mapped: Set<string>;
}

function drawMatrixPage(ctx: BuildContext, section: Struct, page: PageSpec): void {
  const { layout, doc, model } = ctx;
  const left = layout.left;
  if (page.isFirst) {
    layout.paragraph(section, page.summaryText, { size: SIZES.small }, { gapAfter: 2 });
    drawLegend(ctx, section, true);
    layout.paragraph(section, page.caption, { size: SIZES.tiny, color: COLOURS.muted });
  } else {
    const top = layout.top;
    layout.artifact(() => layout.drawLine('Coverage gap matrix (continued)', left, top, layout.width, { font: 'bold', size: SIZES.h2 }), 'Pagination');
    layout.y = top + 24;
    drawLegend(ctx, section, false);
    layout.paragraph(section, page.caption, { size: SIZES.tiny, color: COLOURS.muted });
  }

  const gridTop = layout.top + HEADER_BLOCK;
  const idX = left;
  const labelX = idX + page.idWidth;
  const statusX = labelX + LABEL_COLUMN;
  const evidenceX = statusX + STATUS_COLUMN;
  const gridRight = evidenceX + page.columns.length * page.columnWidth;
  const gridBottom = gridTop + HEADER_ROW_HEIGHT + page.rows.length * ROW_HEIGHT;
  const table = layout.group(section, 'Table', { title: layout.clean(page.caption) });

  // Header row.
  const header = layout.group(table, 'TR');
  const headerStyle: TextStyle = { font: 'bold', size: SIZES.tiny };
  const headerY = gridTop + 4.5;
  layout.tag(header, 'TH', () => layout.drawLine('Marking point', idX + 3, headerY, page.idWidth - 4, headerStyle), { scope: 'Column' });
  layout.tag(header, 'TH', () => layout.drawLine('Short description', labelX + 3, headerY, LABEL_COLUMN - 4, headerStyle), { scope: 'Column' });
  layout.tag(header, 'TH', () => layout.drawLine('Status', statusX + 3, headerY, STATUS_COLUMN - 4, headerStyle), { scope: 'Column' });
  // The evidence columns are one header cell and one cell per row in the structure: a screen
  // reader hears "E3 met, E17 met" for a row instead of twenty empty cells. Each column's number
  // links to its item, and the page the item starts on is printed (and linked) under it.
  if (page.columns.length > 0) {
    const evidenceHeader = layout.group(header, 'TH', { scope: 'Column' });
    page.columns.forEach((index, position) => {
      const entry = model.evidence[index];
      if (entry === undefined) return;
      const x = evidenceX + position * page.columnWidth;
      layout.linkedLine(evidenceHeader, entry.code, x, headerY, page.columnWidth, CODE_STYLE, ctx.refs.destinationFor(evidenceKey(entry)), `Go to evidence item ${entry.code}`);
      ctx.refs.reserve(layout, evidenceHeader, evidenceKey(entry), x, headerY + 10, page.columnWidth, PAGE_STYLE);
    });
    evidenceHeader.end();
  }
  header.end();

  page.rows.forEach((row, rowIndex) => {
    const y = gridTop + HEADER_ROW_HEIGHT + rowIndex * ROW_HEIGHT;
    const textY = y + 3;
    const tr = layout.group(table, 'TR');
    if (row.kind === 'unit') {
      layout.artifact(() => {
        doc.save();
        doc.rect(left, y, gridRight - left, ROW_HEIGHT).fill(COLOURS.band);
        doc.restore();
      });
      const title = layout.fitLine(`Unit ${row.unit.unit.id}: ${row.unit.unit.title}`, { font: 'bold', size: 8 }, Math.max(gridRight, layout.right) - left - 6);
      layout.tag(tr, 'TH', () => layout.drawLine(title, left + 3, textY, layout.right - left - 6, { font: 'bold', size: 8 }), { scope: 'Row' });
      tr.end();
      return;
    }
    const point = row.point;
    const isGap = point.status === 'gap';
    const idStyle = fitStyle(ctx, point.point.id, ID_STYLE, page.idWidth - 6);
    layout.tag(tr, 'TH', () => layout.drawLine(point.point.id, idX + 3, textY, page.idWidth - 4, idStyle), { scope: 'Row' });
    const label = layout.fitLine(pointShortText(point.point), { size: SIZES.tiny }, LABEL_COLUMN - 6);
    layout.tag(tr, 'TD', () => layout.drawLine(label, labelX + 3, textY + 0.5, LABEL_COLUMN - 4, { size: SIZES.tiny }));
    drawStatusCell(ctx, tr, point.status, statusX, y);
    if (isGap && page.columns.length > 0) hatch(ctx, evidenceX, y, gridRight - evidenceX, ROW_HEIGHT);
    if (page.columns.length > 0) {
      const cells = page.columns.flatMap((index, position) => {
        const entry = model.evidence[index];
        return entry !== undefined && page.mapped.has(`${point.point.id}\u0000${entry.item.id}`) ? [{ code: entry.code, x: evidenceX + position * page.columnWidth }] : [];
      });
      const isAlert = point.status === 'not-yet' || point.status === 'stale';
      const spoken = cells.length === 0 ? (isGap ? 'gap: no evidence' : 'none of these items') : cells.map((cell) => `${cell.code} ${STATUS_NAME[point.status].toLowerCase()}`).join(', ');
      layout.tag(
        tr,
        'TD',
        () => {
          for (const cell of cells) layout.drawLine(STATUS_SYMBOL[point.status], cell.x, textY - 1, page.columnWidth, { font: isAlert ? 'bold' : 'regular', size: 8.5, align: 'center' });
        },
        { actual: spoken },
      );
    }
    tr.end();
    if (isGap) {
      // A heavy border around the whole row: a gap is seen at a glance even on a faint copy.
      layout.artifact(() => {
        doc.save();
        doc.lineWidth(1.4).rect(left + 0.7, y + 0.7, gridRight - left - 1.4, ROW_HEIGHT - 1.4).stroke(COLOURS.text);
        doc.restore();
      });
    }
  });
  table.end();

  // Grid lines.
  layout.artifact(() => {
    doc.save();
    doc.lineWidth(0.35).strokeColor(COLOURS.rule);
    for (let index = 0; index <= page.rows.length; index++) {
      const y = gridTop + HEADER_ROW_HEIGHT + index * ROW_HEIGHT;
      doc.moveTo(left, y).lineTo(gridRight, y);
    }
    // Column rules stop at unit heading rows, whose titles run across the columns.
    const columnRules = [labelX, statusX, evidenceX];
    for (let position = 1; position < page.columns.length; position++) columnRules.push(evidenceX + position * page.columnWidth);
    const segments: [number, number][] = [];
    let segmentTop = gridTop;
    page.rows.forEach((row, index) => {
      const y = gridTop + HEADER_ROW_HEIGHT + index * ROW_HEIGHT;
      if (row.kind === 'unit') {
        if (y > segmentTop) segments.push([segmentTop, y]);
        segmentTop = y + ROW_HEIGHT;
      }
    });
    if (gridBottom > segmentTop) segments.push([segmentTop, gridBottom]);
    for (const [from, to] of segments) for (const x of columnRules) doc.moveTo(x, from).lineTo(x, to);
    doc.stroke();
    doc.lineWidth(0.9).strokeColor(COLOURS.text);
    doc.rect(left, gridTop, gridRight - left, gridBottom - gridTop).stroke();
    doc.moveTo(left, gridTop + HEADER_ROW_HEIGHT).lineTo(gridRight, gridTop + HEADER_ROW_HEIGHT).stroke();
    doc.restore();
  });
  layout.y = gridBottom + 6;
}

/** The largest size (down to 4.5 pt) at which an id fits its column whole. */
function fitStyle(ctx: BuildContext, text: string, style: TextStyle, width: number): TextStyle {
  let size = style.size ?? 7.5;
  while (size > 6 && ctx.layout.widthOf(text, { ...style, size }) > width) size -= 0.5;
  return { ...style, size };
}

function drawStatusCell(ctx: BuildContext, row: Struct, status: CoverageStatus, x: number, y: number): void {
  const { layout, doc } = ctx;
  if (status === 'gap') {
    layout.artifact(() => {
      doc.save();
      doc.rect(x + 2, y + 2, STATUS_COLUMN - 4, ROW_HEIGHT - 4).fill('#000000');
      doc.restore();
    });
    layout.tag(row, 'TD', () => layout.drawLine('GAP', x + 2, y + 3, STATUS_COLUMN - 4, { font: 'bold', size: 8, color: '#ffffff', align: 'center' }));
    return;
  }
  const isAlert = status === 'not-yet' || status === 'stale';
  layout.tag(row, 'TD', () =>
    layout.drawLine(`${STATUS_SYMBOL[status]} ${STATUS_NAME[status]}`, x + 3, y + 3, STATUS_COLUMN - 4, { font: isAlert ? 'bold' : 'regular', size: SIZES.tiny }),
  );
}

function hatch(ctx: BuildContext, x: number, y: number, width: number, height: number): void {
  const { layout, doc } = ctx;
  layout.artifact(() => {
    doc.save();
    doc.rect(x, y, width, height).clip();
    doc.lineWidth(0.6).strokeColor('#4d4d4d');
    for (let offset = 0; offset < width + height; offset += 4.5) {
      doc.moveTo(x + offset, y).lineTo(x + offset - height, y + height);
    }
    doc.stroke();
    doc.restore();
  });
}

function drawLegend(ctx: BuildContext, section: Struct, isTagged: boolean): void {
  const { layout, doc } = ctx;
  const y = layout.y;
  let x = layout.left;
  const style: TextStyle = { size: SIZES.tiny };
  const paint = (): void => {
    layout.drawLine('Key:', x, y + 1, 24, { font: 'bold', size: SIZES.tiny });
    x += 24;
    // GAP badge.
    doc.save();
    doc.rect(x, y - 1, 26, 11).fill('#000000');
    doc.restore();
    layout.drawLine('GAP', x, y + 1, 26, { font: 'bold', size: 8, color: '#ffffff', align: 'center' });
    x += 29;
    const gapText = LEGEND.gap;
    layout.drawLine(gapText, x, y + 1, layout.widthOf(gapText, style) + 2, style);
    x += layout.widthOf(gapText, style) + 10;
    for (const status of ['met', 'claimed', 'not-yet', 'stale'] as const) {
      const text = `${STATUS_SYMBOL[status]} ${STATUS_NAME[status]}: ${LEGEND[status]}`;
      const width = layout.widthOf(text, style);
      layout.drawLine(text, x, y + 1, width + 2, style);
      x += width + 10;
    }
  };
  if (isTagged) layout.tag(section, 'P', paint);
  else layout.artifact(paint, 'Pagination');
  layout.y = y + 14;
}
