/**
 * The coverage gap matrix as the screen lays it out: rows (units, learning outcomes and their
 * marking points, filtered), columns (evidence items, optionally grouped by type), the words and
 * symbols for each status, and keyboard movement around the grid. Pure functions, no React or
 * DOM, so they are unit-tested in Node and cost nothing to re-run when the data changes.
 */
import { EVIDENCE_TYPE_INFO } from '../../../../core/evidence/catalogue';
import type { CoverageMatrix, CoverageStatus, CoverageSummary } from '../../../../core/coverage/types';
import { EVIDENCE_TYPES, type EvidenceItem, type EvidenceType } from '../../../../core/model/portfolio';
import type { MarkingPoint, QualificationSpec } from '../../../../core/spec/types';

export const COVERAGE_STATUSES: readonly CoverageStatus[] = ['gap', 'not-yet', 'stale', 'claimed', 'met'];

export interface StatusInfo {
  status: CoverageStatus;
  /** Shown in every cell and badge: the state never rests on colour alone. */
  symbol: string;
  /** A short word for badges and filters. */
  word: string;
  /** What a cell's accessible name says. */
  spoken: string;
  /** One plain sentence for the legend. */
  description: string;
}

export const STATUS_INFO: Readonly<Record<CoverageStatus, StatusInfo>> = {
  gap: { status: 'gap', symbol: '○', word: 'Gap', spoken: 'gap, no evidence', description: 'No evidence is mapped yet. This must be filled before submission.' },
  claimed: { status: 'claimed', symbol: '◐', word: 'Claimed', spoken: 'claimed', description: 'Evidence is mapped; the assessor has not judged it yet.' },
  met: { status: 'met', symbol: '✓', word: 'Met', spoken: 'met', description: 'The assessor judged the marking point met.' },
  'not-yet': { status: 'not-yet', symbol: '✗', word: 'Not yet met', spoken: 'not yet met', description: 'The assessor judged it not yet met: read the feedback and add to the evidence.' },
  stale: { status: 'stale', symbol: '⚠', word: 'Out of date', spoken: 'judgement out of date', description: 'Evidence changed after the assessor judged it, so it needs judging again.' },
};

export function isCoverageStatus(value: unknown): value is CoverageStatus {
  return typeof value === 'string' && (COVERAGE_STATUSES as readonly string[]).includes(value);
}

/** The count in a summary for one status. */
export function summaryCount(summary: CoverageSummary, status: CoverageStatus): number {
  switch (status) {
    case 'gap':
      return summary.gaps;
    case 'claimed':
      return summary.claimed;
    case 'met':
      return summary.met;
    case 'not-yet':
      return summary.notYet;
    case 'stale':
      return summary.stale;
  }
}

/** "3 of 8 met, 4 claimed, 1 gap" — every status with a count, in plain words. */
export function describeTotals(summary: CoverageSummary): string {
  if (summary.markingPoints === 0) return 'No marking points';
  const parts = [`${summary.met} of ${summary.markingPoints} met`];
  if (summary.claimed > 0) parts.push(`${summary.claimed} claimed`);
  if (summary.notYet > 0) parts.push(`${summary.notYet} not yet met`);
  if (summary.stale > 0) parts.push(`${summary.stale} out of date`);
  if (summary.gaps > 0) parts.push(`${summary.gaps} ${summary.gaps === 1 ? 'gap' : 'gaps'}`);
  return parts.join(', ');
}

export type MatrixRow =
  | { kind: 'unit'; key: string; unitId: string; title: string }
  | { kind: 'outcome'; key: string; unitId: string; outcomeId: string; title: string }
  | { kind: 'point'; key: string; unitId: string; outcomeId: string; point: MarkingPoint; status: CoverageStatus; evidence: ReadonlySet<string> };

export type PointRow = Extract<MatrixRow, { kind: 'point' }>;

export interface RowFilter {
  /** Only this unit; every unit when left out. */
  unitId?: string | undefined;
  /** Only marking points with one of these statuses; every status when left out or empty. */
  statuses?: ReadonlySet<CoverageStatus> | undefined;
}

/**
 * Rows in specification order: a heading row per unit and learning outcome, then its marking
 * points. Headings whose marking points are all filtered out are left out too. `matrix` must
 * have been computed from `spec` (same units, outcomes and points, in the same order).
 */
export function buildRows(spec: QualificationSpec, matrix: CoverageMatrix, filter: RowFilter = {}): MatrixRow[] {
  const rows: MatrixRow[] = [];
  const statuses = filter.statuses && filter.statuses.size > 0 ? filter.statuses : undefined;
  spec.units.forEach((unit, unitIndex) => {
    if (filter.unitId !== undefined && unit.id !== filter.unitId) return;
    const unitCoverage = matrix.units[unitIndex];
    const unitRows: MatrixRow[] = [];
    unit.learningOutcomes.forEach((outcome, outcomeIndex) => {
      const outcomeCoverage = unitCoverage?.learningOutcomes[outcomeIndex];
      const pointRows: MatrixRow[] = [];
      outcome.markingPoints.forEach((point, pointIndex) => {
        const coverage = outcomeCoverage?.markingPoints[pointIndex];
        const status: CoverageStatus = coverage?.status ?? 'gap';
        if (statuses && !statuses.has(status)) return;
        // Keys carry positions: a hostile spec may repeat an id, and React keys must not.
        pointRows.push({ kind: 'point', key: `p:${unitIndex}:${outcomeIndex}:${pointIndex}`, unitId: unit.id, outcomeId: outcome.id, point, status, evidence: new Set(coverage?.evidence ?? []) });
      });
      if (pointRows.length === 0) return;
      unitRows.push({ kind: 'outcome', key: `o:${unitIndex}:${outcomeIndex}`, unitId: unit.id, outcomeId: outcome.id, title: outcome.title }, ...pointRows);
    });
    if (unitRows.length === 0) return;
    rows.push({ kind: 'unit', key: `u:${unitIndex}`, unitId: unit.id, title: unit.title }, ...unitRows);
  });
  return rows;
}

export interface MatrixColumn {
  id: string;
  /** A short stable name for narrow headers: "E12". */
  code: string;
  title: string;
  type: EvidenceType;
  typeLabel: string;
}

export interface ColumnGroup {
  key: string;
  label: string;
  /** First column index of the group. */
  start: number;
  /** One past the last column index. */
  end: number;
}

export type ColumnGrouping = 'none' | 'type';

type ItemLike = Pick<EvidenceItem, 'id' | 'title' | 'type' | 'activityDate' | 'createdAt'>;

function compareItems(a: ItemLike, b: ItemLike): number {
  return String(a.activityDate).localeCompare(String(b.activityDate)) || String(a.createdAt).localeCompare(String(b.createdAt)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Short codes for evidence items, "E1", "E2"…, in the order the work happened (then when it was
 * added, then id), so the same portfolio always gives the same codes whatever is filtered.
 */
export function evidenceCodes(items: readonly ItemLike[]): Map<string, string> {
  const codes = new Map<string, string>();
  [...items].sort(compareItems).forEach((item, index) => codes.set(item.id, `E${index + 1}`));
  return codes;
}

function typeIndex(type: string): number {
  const index = (EVIDENCE_TYPES as readonly string[]).indexOf(type);
  return index < 0 ? EVIDENCE_TYPES.length : index;
}

export interface ColumnOptions {
  grouping: ColumnGrouping;
  /** Only these items (e.g. those mapped to the rows shown); all when left out. */
  onlyIds?: ReadonlySet<string> | undefined;
}

/** Columns in code order, or grouped by evidence type (in the catalogue's order) when asked. */
export function buildColumns(items: readonly ItemLike[], options: ColumnOptions): { columns: MatrixColumn[]; groups: ColumnGroup[] } {
  const codes = evidenceCodes(items);
  const shown = items.filter((item) => options.onlyIds === undefined || options.onlyIds.has(item.id)).sort(compareItems);
  if (options.grouping === 'type') shown.sort((a, b) => typeIndex(a.type) - typeIndex(b.type));
  const columns = shown.map((item): MatrixColumn => {
    const info = (EVIDENCE_TYPES as readonly string[]).includes(item.type) ? EVIDENCE_TYPE_INFO[item.type] : undefined;
    return { id: item.id, code: codes.get(item.id) ?? '', title: item.title.trim() === '' ? 'Untitled' : item.title, type: item.type, typeLabel: info?.label ?? 'Unknown type' };
  });
  const groups: ColumnGroup[] = [];
  if (options.grouping === 'type') {
    columns.forEach((column, index) => {
      const last = groups[groups.length - 1];
      if (last && last.key === column.type) last.end = index + 1;
      else groups.push({ key: column.type, label: column.typeLabel, start: index, end: index + 1 });
    });
  }
  return { columns, groups };
}

/** Every evidence id mapped to at least one of the rows. */
export function evidenceInRows(rows: readonly MatrixRow[]): Set<string> {
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.kind === 'point') for (const id of row.evidence) ids.add(id);
  }
  return ids;
}

/** A cell's accessible name, e.g. "CS5.1.1 × E12 Handling Mr B's complaint: claimed". */
export function cellLabel(row: PointRow, column: MatrixColumn): string {
  const where = `${row.point.id} × ${column.code} ${column.title}`;
  if (row.evidence.has(column.id)) return `${where}: ${STATUS_INFO[row.status].spoken}`;
  return row.status === 'gap' ? `${where}: not mapped; this marking point is a gap` : `${where}: not mapped`;
}

/** A marking point's short name for its row: its label, or the start of its text. */
export function pointShortName(point: MarkingPoint, max = 60): string {
  const label = typeof point.label === 'string' ? point.label.trim() : '';
  if (label !== '') return label;
  const text = String(point.text).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/**
 * A position in the grid, in data coordinates: `row` -1 is the column header row, `col` -1 the
 * row header column. On a heading row (unit or outcome) the column is remembered, so moving on
 * down returns to the same evidence column.
 */
export interface GridPosition {
  row: number;
  col: number;
}

export interface GridShape {
  rowCount: number;
  colCount: number;
  /** Rows that hold one heading cell (units and learning outcomes). */
  isHeadingRow: (row: number) => boolean;
  /** How many rows PageUp and PageDown move. */
  pageRows: number;
}

export interface GridKey {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/**
 * Where a key press moves the focus (the ARIA grid pattern), or undefined when the key is not a
 * movement key. Arrow keys move one cell, Home and End go to the ends of the row (with Ctrl, of
 * the grid), PageUp and PageDown move a screenful of rows.
 */
export function movePosition(position: GridPosition, key: GridKey, shape: GridShape): GridPosition | undefined {
  const lastRow = shape.rowCount - 1;
  const lastCol = shape.colCount - 1;
  const row = clamp(position.row, -1, lastRow);
  const col = clamp(position.col, -1, lastCol);
  const isCtrl = key.ctrlKey === true || key.metaKey === true;
  const onHeading = row >= 0 && shape.isHeadingRow(row);
  switch (key.key) {
    case 'ArrowUp':
      return { row: Math.max(-1, row - 1), col };
    case 'ArrowDown':
      return { row: Math.min(lastRow, row + 1), col };
    case 'ArrowLeft':
      return onHeading ? { row, col } : { row, col: Math.max(-1, col - 1) };
    case 'ArrowRight':
      return onHeading ? { row, col } : { row, col: Math.min(lastCol, col + 1) };
    case 'Home':
      return isCtrl ? { row: -1, col: -1 } : { row, col: -1 };
    case 'End':
      return isCtrl ? { row: lastRow, col: lastCol } : { row, col: lastCol };
    case 'PageUp':
      return { row: Math.max(-1, row - Math.max(1, shape.pageRows)), col };
    case 'PageDown':
      return { row: Math.min(lastRow, row + Math.max(1, shape.pageRows)), col };
    default:
      return undefined;
  }
}

/** The key of a mapping lookup: one marking point and one evidence item. */
export function mappingKey(markingPointId: string, evidenceId: string): string {
  return `${markingPointId}\u0000${evidenceId}`;
}
