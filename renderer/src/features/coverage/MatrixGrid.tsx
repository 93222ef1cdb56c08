import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { CoverageSummary } from '../../../../core/coverage/types';
import {
  STATUS_INFO,
  cellLabel,
  describeTotals,
  movePosition,
  pointShortName,
  type ColumnGroup,
  type GridPosition,
  type MatrixColumn,
  type MatrixRow,
  type PointRow,
} from './matrix-model';

/** Fixed sizes: the virtualisers need no measuring, so scrolling never waits on layout. */
export const ROW_HEADER_WIDTH = 400;
export const COLUMN_WIDTH = 40;
const POINT_ROW_HEIGHT = 36;
const OUTCOME_ROW_HEIGHT = 30;
const UNIT_ROW_HEIGHT = 38;
const COLUMN_HEADER_HEIGHT = 168;
const GROUP_BAND_HEIGHT = 26;

export type MatrixTarget =
  | { kind: 'cell'; row: PointRow; column: MatrixColumn }
  | { kind: 'point'; row: PointRow }
  | { kind: 'evidence'; column: MatrixColumn }
  | { kind: 'unit'; unitId: string };

export interface FocusRequest {
  markingPointId: string;
  /** Changes on every request, so asking for the same row twice still moves there. */
  nonce: number;
}

interface Props {
  rows: readonly MatrixRow[];
  columns: readonly MatrixColumn[];
  groups: readonly ColumnGroup[];
  unitTotals: ReadonlyMap<string, CoverageSummary>;
  onOpen: (target: MatrixTarget) => void;
  focusRequest?: FocusRequest | undefined;
  /** The id of the legend, read out with the grid. */
  describedBy?: string;
  /** The marking point whose details are open, highlighted in the grid. */
  selectedPointId?: string | undefined;
}

function rowHeight(row: MatrixRow | undefined): number {
  if (!row) return POINT_ROW_HEIGHT;
  return row.kind === 'unit' ? UNIT_ROW_HEIGHT : row.kind === 'outcome' ? OUTCOME_ROW_HEIGHT : POINT_ROW_HEIGHT;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/** The cell's `data-pos`: heading rows have one cell whatever the remembered column. */
function positionKey(row: number, col: number, isHeading: boolean): string {
  return isHeading ? `${row}:h` : `${row}:${col}`;
}

/**
 * Rows and columns are drawn in blocks of this many. The set of elements then changes only when
 * the view crosses a block boundary, not on every frame of a scroll: most frames change nothing
 * in the page and cost only compositing (measured by bench/matrix-scroll.ts).
 */
const BLOCK = 8;

/** The first and last index drawn for a range: whole blocks covering what is in view. */
export function blockBounds(range: Pick<Range, 'startIndex' | 'endIndex' | 'count'> | null, block = BLOCK): { first: number; last: number } {
  if (!range || range.count === 0 || range.endIndex < range.startIndex) return { first: 0, last: -1 };
  const first = Math.max(0, Math.floor(range.startIndex / block) * block);
  const last = Math.min(range.count - 1, (Math.floor(range.endIndex / block) + 1) * block - 1);
  return { first, last };
}

/**
 * Whole blocks around the view, plus the focused row or column even when it has scrolled
 * away, so the grid never loses its tab stop.
 */
function blocksWithIndex(range: Range, index: number): number[] {
  const { first, last } = blockBounds({ startIndex: range.startIndex - range.overscan, endIndex: range.endIndex + range.overscan, count: range.count });
  const indexes = defaultRangeExtractor({ ...range, startIndex: first, endIndex: last, overscan: 0 });
  if (index < 0 || index >= range.count || (index >= first && index <= last)) return indexes;
  return [...indexes, index].sort((a, b) => a - b);
}

function firstPointRow(rows: readonly MatrixRow[]): number {
  const index = rows.findIndex((row) => row.kind === 'point');
  return index < 0 ? 0 : index;
}

/**
 * The coverage matrix as an ARIA grid: marking points down, evidence items across, both axes
 * virtualised so only the cells in view exist (500 × 5,000 stays smooth). Headers stick to the
 * top and left. One cell is in the tab order; arrow keys, Home/End, PageUp/PageDown and
 * Ctrl+Home/End move around, Enter or Space opens what the cell is about.
 */
export function MatrixGrid({ rows, columns, groups, unitTotals, onOpen, focusRequest, describedBy, selectedPointId }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<GridPosition>(() => ({ row: firstPointRow(rows), col: columns.length > 0 ? 0 : -1 }));
  const pendingFocus = useRef(false);
  const [viewportWidth, setViewportWidth] = useState(960);
  const headerHeight = COLUMN_HEADER_HEIGHT + (groups.length > 0 ? GROUP_BAND_HEIGHT : 0);
  const activeRow = clamp(active.row, -1, rows.length - 1);
  const activeCol = clamp(active.col, -1, columns.length - 1);

  const getScrollElement = useCallback(() => scrollRef.current, []);
  const estimateRow = useCallback((index: number) => rowHeight(rows[index]), [rows]);
  const rowKey = useCallback((index: number) => rows[index]?.key ?? index, [rows]);
  const columnKey = useCallback((index: number) => columns[index]?.id ?? index, [columns]);
  const rowRangeExtractor = useCallback((range: Range) => blocksWithIndex(range, activeRow), [activeRow]);
  const columnRangeExtractor = useCallback((range: Range) => blocksWithIndex(range, activeCol), [activeCol]);

  // The app does not use the React Compiler; the virtualisers' instances are stable across renders.
  // eslint-disable-next-line react-hooks/incompatible-library
  const rowVirtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement,
    estimateSize: estimateRow,
    getItemKey: rowKey,
    paddingStart: headerHeight,
    scrollPaddingStart: headerHeight,
    overscan: 2,
    rangeExtractor: rowRangeExtractor,
  });
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement,
    estimateSize: () => COLUMN_WIDTH,
    getItemKey: columnKey,
    paddingStart: ROW_HEADER_WIDTH,
    scrollPaddingStart: ROW_HEADER_WIDTH,
    overscan: 2,
    rangeExtractor: columnRangeExtractor,
  });

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(() => setViewportWidth(element.clientWidth));
    observer.observe(element);
    setViewportWidth(element.clientWidth);
    return () => observer.disconnect();
  }, []);

  const virtualRows = rowVirtualizer.getVirtualItems();
  const virtualColumns = columnVirtualizer.getVirtualItems();
  // One stable array per column range, so rows whose range did not change skip re-rendering.
  const columnKeyText = virtualColumns.map((item) => item.index).join(',');
  const columnIndexes = useMemo(() => (columnKeyText === '' ? [] : columnKeyText.split(',').map(Number)), [columnKeyText]);
  // The columns in view, without the focused one kept for the tab stop: rows draw their mapped cells in this range.
  const columnsInView = columnVirtualizer.range;
  const { first: firstColumn, last: lastColumn } = blockBounds(
    columnsInView ? { startIndex: columnsInView.startIndex - 2, endIndex: columnsInView.endIndex + 2, count: columns.length } : null,
  );
  const columnIndexOf = useMemo(() => new Map(columns.map((column, index) => [column.id, index])), [columns]);
  const totalWidth = Math.max(columnVirtualizer.getTotalSize(), ROW_HEADER_WIDTH);
  const totalHeight = Math.max(rowVirtualizer.getTotalSize(), headerHeight);
  const headingWidth = Math.min(totalWidth, viewportWidth);

  const isHeadingRow = useCallback((index: number) => rows[index]?.kind !== 'point', [rows]);

  const moveTo = useCallback(
    (next: GridPosition, align: 'auto' | 'center' = 'auto') => {
      setActive(next);
      pendingFocus.current = true;
      if (next.row >= 0) rowVirtualizer.scrollToIndex(next.row, { align });
      if (next.col >= 0 && !(next.row >= 0 && isHeadingRow(next.row))) columnVirtualizer.scrollToIndex(next.col, { align: 'auto' });
    },
    [rowVirtualizer, columnVirtualizer, isHeadingRow],
  );

  // After each render, put the focus on the active cell if a key press or request moved it.
  useLayoutEffect(() => {
    if (!pendingFocus.current) return;
    const key = positionKey(activeRow, activeCol, activeRow >= 0 && isHeadingRow(activeRow));
    const element = scrollRef.current?.querySelector<HTMLElement>(`[data-pos="${key}"]`);
    if (element) {
      // The virtualiser has already scrolled the grid (allowing for the sticky headers); letting
      // focus() scroll as well brings the grid itself into the window when it was partly out.
      element.focus();
      pendingFocus.current = false;
    }
  });

  // A request from outside (a readiness link, "Show in the matrix") to go to a marking point's row.
  const handledRequest = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!focusRequest || handledRequest.current === focusRequest.nonce) return;
    const index = rows.findIndex((row) => row.kind === 'point' && row.point.id === focusRequest.markingPointId);
    if (index < 0) return;
    handledRequest.current = focusRequest.nonce;
    // Coming from elsewhere on the page (or another page): show the whole grid, then the row in it.
    scrollRef.current?.scrollIntoView({ block: 'nearest' });
    moveTo({ row: index, col: -1 }, 'center');
  }, [focusRequest, rows, moveTo]);

  const open = useCallback(
    (row: number, col: number) => {
      if (row < 0) {
        const column = columns[col];
        if (column) onOpen({ kind: 'evidence', column });
        return;
      }
      const target = rows[row];
      if (!target) return;
      if (target.kind !== 'point') onOpen({ kind: 'unit', unitId: target.unitId });
      else if (col < 0) onOpen({ kind: 'point', row: target });
      else {
        const column = columns[col];
        if (column) onOpen({ kind: 'cell', row: target, column });
      }
    },
    [rows, columns, onOpen],
  );

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.target instanceof HTMLElement && !event.target.hasAttribute('data-pos')) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open(activeRow, activeCol);
      return;
    }
    const pageRows = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 400) - headerHeight) / POINT_ROW_HEIGHT) - 1);
    const next = movePosition({ row: activeRow, col: activeCol }, event, { rowCount: rows.length, colCount: columns.length, isHeadingRow, pageRows });
    if (!next) return;
    event.preventDefault();
    moveTo(next);
  }

  function positionOf(event: MouseEvent<HTMLDivElement>): GridPosition | undefined {
    const target = event.target instanceof Element ? event.target : null;
    const cell = target?.closest<HTMLElement>('[data-pos]');
    if (cell) {
      const [rowText = '', colText = ''] = (cell.dataset.pos ?? '').split(':');
      if (rowText === '' || colText === '') return undefined;
      return { row: Number(rowText), col: colText === 'h' ? activeCol : Number(colText) };
    }
    // An empty cell has no element of its own: work it out from where the row was clicked.
    const rowElement = target?.closest<HTMLElement>('[data-row]');
    const canvas = scrollRef.current?.querySelector('.mx-canvas');
    if (!rowElement || !canvas) return undefined;
    const col = Math.floor((event.clientX - canvas.getBoundingClientRect().left - ROW_HEADER_WIDTH) / COLUMN_WIDTH);
    if (col < 0 || col >= columns.length) return undefined;
    return { row: Number(rowElement.dataset.row), col };
  }

  // Focus that arrives another way (Tab, a click, a script) makes that cell the current one, so the arrow keys go on from there.
  function onFocus(event: FocusEvent<HTMLDivElement>): void {
    const cell = event.target instanceof HTMLElement ? event.target : null;
    const [rowText = '', colText = ''] = (cell?.dataset.pos ?? '').split(':');
    if (rowText === '' || colText === '') return;
    const row = Number(rowText);
    const col = colText === 'h' ? activeCol : Number(colText);
    if (row !== activeRow || col !== activeCol) setActive({ row, col });
  }

  // One listener for every cell: thousands of cells come and go while scrolling.
  function onClick(event: MouseEvent<HTMLDivElement>): void {
    const position = positionOf(event);
    if (!position) return;
    setActive(position);
    open(position.row, position.col);
  }

  // The first column not hidden under the sticky row headers.
  const firstInView = Math.floor((columnVirtualizer.scrollOffset ?? 0) / COLUMN_WIDTH);
  const visibleGroups = groups.filter((group) => {
    const first = columnIndexes[0] ?? 0;
    const last = columnIndexes[columnIndexes.length - 1] ?? -1;
    return group.end > first && group.start <= last;
  });

  return (
    <div
      ref={scrollRef}
      className="mx-scroll"
      role="grid"
      aria-label="Coverage gap matrix: marking points by evidence items"
      aria-describedby={describedBy}
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length + 1}
      onKeyDown={onKeyDown}
      onClick={onClick}
      onFocus={onFocus}
      // No taller than its content: a filtered matrix of a few rows leaves no empty box.
      style={{ height: `min(70vh, 760px, ${totalHeight + 4}px)` }}
    >
      <div className="mx-canvas" style={{ width: totalWidth, height: totalHeight }}>
        <div className="mx-header" role="row" aria-rowindex={1} style={{ width: totalWidth, height: headerHeight }}>
          <div
            className="mx-corner"
            role="columnheader"
            aria-colindex={1}
            data-pos="-1:-1"
            tabIndex={activeRow === -1 && activeCol === -1 ? 0 : -1}
            style={{ width: ROW_HEADER_WIDTH, height: headerHeight }}
          >
            <span>Marking point</span>
            <span className="mx-corner-across">Evidence items →</span>
          </div>
          {visibleGroups.map((group) => {
            // The label sits over the group's first column in view, so a long group scrolled into its middle still says what it is.
            const labelStart = Math.max(group.start, Math.min(firstInView, group.end - 1));
            return (
              <div
                key={group.key}
                className={`mx-group type-${group.key}`}
                aria-hidden="true"
                title={`${group.label} (${group.end - group.start})`}
                style={{ left: ROW_HEADER_WIDTH + group.start * COLUMN_WIDTH, width: (group.end - group.start) * COLUMN_WIDTH, height: GROUP_BAND_HEIGHT }}
              >
                <span className="mx-group-label" style={{ left: (labelStart - group.start) * COLUMN_WIDTH, maxWidth: (group.end - labelStart) * COLUMN_WIDTH }}>
                  {group.label} ({group.end - group.start})
                </span>
              </div>
            );
          })}
          <ColumnHeaders columns={columns} columnIndexes={columnIndexes} focusCol={activeRow === -1 ? activeCol : null} top={groups.length > 0 ? GROUP_BAND_HEIGHT : 0} />
        </div>
        <div role="rowgroup">
          {virtualRows.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <MatrixRowView
                key={item.key}
                row={row}
                index={item.index}
                top={item.start}
                height={item.size}
                width={totalWidth}
                headingWidth={headingWidth}
                columns={columns}
                columnIndexOf={columnIndexOf}
                firstColumn={firstColumn}
                lastColumn={lastColumn}
                focusCol={activeRow === item.index ? activeCol : null}
                isSelected={row.kind === 'point' && row.point.id === selectedPointId}
                totals={row.kind === 'unit' ? unitTotals.get(row.unitId) : undefined}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface ColumnHeadersProps {
  columns: readonly MatrixColumn[];
  columnIndexes: readonly number[];
  /** The focused column when the focus is in the header row, else null. */
  focusCol: number | null;
  top: number;
}

/** The evidence items' headers in view: code and title, the full name for screen readers. */
const ColumnHeaders = memo(function ColumnHeaders({ columns, columnIndexes, focusCol, top }: ColumnHeadersProps) {
  return (
    <>
      {columnIndexes.map((index) => {
        const column = columns[index];
        if (!column) return null;
        return (
          <div
            key={column.id}
            className="mx-colhead"
            role="columnheader"
            aria-colindex={index + 2}
            aria-label={`${column.code} ${column.typeLabel}: ${column.title}`}
            title={`${column.code} ${column.title} (${column.typeLabel})`}
            data-pos={`-1:${index}`}
            tabIndex={focusCol === index ? 0 : -1}
            style={{ left: ROW_HEADER_WIDTH + index * COLUMN_WIDTH, width: COLUMN_WIDTH, top, height: COLUMN_HEADER_HEIGHT }}
          >
            <span className="mx-code">{column.code}</span>
            <span className="mx-coltitle">{column.title}</span>
          </div>
        );
      })}
    </>
  );
});

/** The columns of a row that need an element: its mapped cells in view, and the focused cell. */
function cellIndexes(row: PointRow, columnIndexOf: ReadonlyMap<string, number>, first: number, last: number, focusCol: number | null): number[] {
  const indexes: number[] = [];
  for (const evidenceId of row.evidence) {
    const index = columnIndexOf.get(evidenceId);
    if (index !== undefined && index >= first && index <= last) indexes.push(index);
  }
  if (focusCol !== null && focusCol >= 0 && !indexes.includes(focusCol)) indexes.push(focusCol);
  return indexes.sort((a, b) => a - b);
}

interface RowProps {
  row: MatrixRow;
  index: number;
  top: number;
  height: number;
  width: number;
  headingWidth: number;
  columns: readonly MatrixColumn[];
  columnIndexOf: ReadonlyMap<string, number>;
  /** The columns in view (inclusive); only mapped cells in this range are drawn. */
  firstColumn: number;
  lastColumn: number;
  /** The focused column when the focus is in this row, else null. */
  focusCol: number | null;
  isSelected: boolean;
  totals: CoverageSummary | undefined;
}

/**
 * One row. Only cells with something in them are elements — the mapped cells in view, and the
 * focused cell wherever it is — while the grid lines and a gap's hatching are the row's
 * background. At 5,000 columns a row is mostly empty, so this keeps the page to a few hundred
 * elements and scrolling to little more than compositing; every cell is still reached with the
 * arrow keys, which draw the focused cell as they go.
 */
const MatrixRowView = memo(function MatrixRowView({ row, index, top, height, width, headingWidth, columns, columnIndexOf, firstColumn, lastColumn, focusCol, isSelected, totals }: RowProps) {
  // `top`, not a transform: a row never moves once placed, and plain offsets are cheaper to paint (measured).
  const style = { top, height, width };
  if (row.kind !== 'point') {
    const isUnit = row.kind === 'unit';
    return (
      <div className={`mx-row ${isUnit ? 'mx-unit-row' : 'mx-outcome-row'}`} role="row" aria-rowindex={index + 2} style={style}>
        <div
          className="mx-heading"
          role="rowheader"
          aria-colindex={1}
          aria-colspan={columns.length + 1}
          data-pos={`${index}:h`}
          tabIndex={focusCol !== null ? 0 : -1}
          style={{ width: headingWidth }}
        >
          <span className="unit-id">{isUnit ? row.unitId : row.outcomeId}</span> <span className="mx-heading-title">{row.title}</span>
          {isUnit && totals ? <span className="mx-heading-totals"> · {describeTotals(totals)}</span> : null}
        </div>
      </div>
    );
  }
  const info = STATUS_INFO[row.status];
  const isGap = row.status === 'gap';
  return (
    <div className={`mx-row mx-point-row status-${row.status}${isGap ? ' is-gap' : ''}${isSelected ? ' is-selected' : ''}`} role="row" aria-rowindex={index + 2} data-row={index} style={style}>
      <div
        className="mx-rowhead"
        role="rowheader"
        aria-colindex={1}
        aria-label={`${row.point.id} ${pointShortName(row.point)}: ${info.word}`}
        title={row.point.text}
        data-pos={`${index}:-1`}
        tabIndex={focusCol === -1 ? 0 : -1}
        style={{ width: ROW_HEADER_WIDTH }}
      >
        <span className={`mx-badge status-${row.status}`} aria-hidden="true">
          <span className="mx-symbol">{info.symbol}</span> {isGap ? 'GAP' : info.word}
        </span>
        <span className="mp-id">{row.point.id}</span>
        <span className="mx-label">{pointShortName(row.point)}</span>
      </div>
      {cellIndexes(row, columnIndexOf, firstColumn, lastColumn, focusCol).map((colIndex) => {
        const column = columns[colIndex];
        if (!column) return null;
        const isMapped = row.evidence.has(column.id);
        return (
          <div
            key={column.id}
            className={isMapped ? `mx-cell is-mapped status-${row.status}` : 'mx-cell'}
            role="gridcell"
            aria-colindex={colIndex + 2}
            aria-label={cellLabel(row, column)}
            data-pos={`${index}:${colIndex}`}
            tabIndex={focusCol === colIndex ? 0 : -1}
            style={{ left: ROW_HEADER_WIDTH + colIndex * COLUMN_WIDTH, width: COLUMN_WIDTH, height }}
          >
            {isMapped ? <span aria-hidden="true">{info.symbol}</span> : null}
          </div>
        );
      })}
    </div>
  );
});
