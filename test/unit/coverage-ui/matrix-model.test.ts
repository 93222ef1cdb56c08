import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../../core/coverage/coverage';
import type { AssessorDecision, EvidenceItem, EvidenceType, Mapping } from '../../../core/model/portfolio';
import type { QualificationSpec } from '../../../core/spec/types';
import { coveragePath, parseCoverageRoute } from '../../../renderer/src/features/coverage/coverage-route';
import {
  STATUS_INFO,
  buildColumns,
  buildRows,
  cellLabel,
  describeTotals,
  evidenceCodes,
  evidenceInRows,
  movePosition,
  pointShortName,
  type GridShape,
  type MatrixRow,
  type PointRow,
} from '../../../renderer/src/features/coverage/matrix-model';

const spec: QualificationSpec = {
  format: 'portfolio-qualification/1',
  id: 'ui-spec',
  title: 'UI spec',
  awardingBody: 'Body',
  version: '1',
  units: [
    {
      id: 'A',
      title: 'Unit A',
      learningOutcomes: [
        { id: 'A.LO1', title: 'First', markingPoints: [{ id: 'A.1', text: 'Point one', label: 'One' }, { id: 'A.2', text: 'Point two' }] },
        { id: 'A.LO2', title: 'Second', markingPoints: [{ id: 'A.3', text: 'Point three' }] },
      ],
    },
    { id: 'B', title: 'Unit B', learningOutcomes: [{ id: 'B.LO1', title: 'Only', markingPoints: [{ id: 'B.1', text: 'Point B one' }] }] },
  ],
};

function item(id: string, type: EvidenceType, activityDate: string, title = `Item ${id}`): EvidenceItem {
  return { id, portfolioId: 'p', type, title, activityDate, narrative: '', legislation: [], tags: [], details: { type: 'work-product' }, attachments: [], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
}

function mapping(evidenceId: string, markingPointId: string): Mapping {
  return { id: `${evidenceId}-${markingPointId}`, portfolioId: 'p', evidenceId, markingPointId, createdAt: '2026-01-01T00:00:00.000Z' };
}

function pointRow(row: MatrixRow | undefined): PointRow {
  if (row?.kind !== 'point') throw new Error('expected a marking point row');
  return row;
}

const items = [item('x', 'witness-testimony', '2026-02-01'), item('y', 'reflective-account', '2026-01-05', 'Handling Mr B’s complaint'), item('z', 'witness-testimony', '2026-01-20')];
const hashes = new Map(items.map((entry) => [entry.id, `sha256:${entry.id}`]));
const met: AssessorDecision = {
  id: 'd1', portfolioId: 'p', markingPointId: 'A.3', status: 'met', feedback: '', evidence: [{ evidenceId: 'z', contentHash: 'sha256:z' }],
  signer: { role: 'assessor', name: 'Assessor', keyFingerprint: 'f' }, decidedAt: '2026-02-02T00:00:00.000Z', signature: { algorithm: 'Ed25519', publicKey: '', value: '' },
};
const matrix = computeCoverage(spec, [mapping('y', 'A.1'), mapping('x', 'A.1'), mapping('z', 'A.3')], [met], hashes);

describe('buildRows', () => {
  it('heads each unit and outcome, then its marking points, in specification order', () => {
    const rows = buildRows(spec, matrix);
    expect(rows.map((row) => (row.kind === 'point' ? `${row.point.id}:${row.status}` : `${row.kind}:${row.kind === 'unit' ? row.unitId : row.outcomeId}`))).toEqual([
      'unit:A', 'outcome:A.LO1', 'A.1:claimed', 'A.2:gap', 'outcome:A.LO2', 'A.3:met', 'unit:B', 'outcome:B.LO1', 'B.1:gap',
    ]);
    expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
    const first = pointRow(rows[2]);
    expect([...first.evidence].sort()).toEqual(['x', 'y']);
  });

  it('filters by unit and by status, dropping headings left empty', () => {
    expect(buildRows(spec, matrix, { unitId: 'B' }).map((row) => row.key)).toEqual(['u:1', 'o:1:0', 'p:1:0:0']);
    const gaps = buildRows(spec, matrix, { statuses: new Set(['gap']) });
    expect(gaps.filter((row) => row.kind === 'point').map((row) => pointRow(row).point.id)).toEqual(['A.2', 'B.1']);
    expect(gaps.some((row) => row.kind === 'outcome' && row.outcomeId === 'A.LO2')).toBe(false);
    expect(buildRows(spec, matrix, { statuses: new Set(['stale']) })).toEqual([]);
    expect(buildRows(spec, matrix, { unitId: 'nope' })).toEqual([]);
    // An empty set of statuses means every status.
    expect(buildRows(spec, matrix, { statuses: new Set() })).toHaveLength(9);
  });

  it('keeps keys unique when a hostile specification repeats ids', () => {
    const repeated: QualificationSpec = { ...spec, units: [spec.units[0]!, spec.units[0]!] };
    const rows = buildRows(repeated, computeCoverage(repeated, [], [], new Map()));
    expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
  });
});

describe('evidence columns', () => {
  it('codes items E1, E2… by activity date, whatever order they arrive in', () => {
    const codes = evidenceCodes(items);
    expect(Object.fromEntries(codes)).toEqual({ y: 'E1', z: 'E2', x: 'E3' });
    expect(Object.fromEntries(evidenceCodes([...items].reverse()))).toEqual(Object.fromEntries(codes));
  });

  it('lists columns in code order, or grouped by type in the catalogue’s order', () => {
    expect(buildColumns(items, { grouping: 'none' }).columns.map((column) => column.code)).toEqual(['E1', 'E2', 'E3']);
    const grouped = buildColumns(items, { grouping: 'type' });
    expect(grouped.columns.map((column) => `${column.code}:${column.type}`)).toEqual(['E1:reflective-account', 'E2:witness-testimony', 'E3:witness-testimony']);
    expect(grouped.groups).toEqual([
      { key: 'reflective-account', label: 'Reflective account', start: 0, end: 1 },
      { key: 'witness-testimony', label: 'Witness testimony', start: 1, end: 3 },
    ]);
    expect(buildColumns(items, { grouping: 'none' }).groups).toEqual([]);
  });

  it('can show only the items mapped to the rows shown, keeping their codes', () => {
    const rows = buildRows(spec, matrix, { unitId: 'A', statuses: new Set(['met']) });
    const only = evidenceInRows(rows);
    expect([...only]).toEqual(['z']);
    expect(buildColumns(items, { grouping: 'none', onlyIds: only }).columns).toEqual([{ id: 'z', code: 'E2', title: 'Item z', type: 'witness-testimony', typeLabel: 'Witness testimony' }]);
  });

  it('names untitled items and unknown types plainly', () => {
    const odd = { ...item('q', 'work-product', '2026-01-01', '   '), type: 'hologram' as EvidenceType };
    expect(buildColumns([odd], { grouping: 'type' }).columns[0]).toMatchObject({ title: 'Untitled', typeLabel: 'Unknown type' });
  });
});

describe('cell names and words', () => {
  const rows = buildRows(spec, matrix);
  const columns = buildColumns(items, { grouping: 'none' }).columns;
  const a1 = pointRow(rows[2]);
  const a2 = pointRow(rows[3]);

  it('says which marking point, which item, and where it stands', () => {
    expect(cellLabel(a1, columns[0]!)).toBe('A.1 × E1 Handling Mr B’s complaint: claimed');
    expect(cellLabel(a1, columns[1]!)).toBe('A.1 × E2 Item z: not mapped');
    expect(cellLabel(a2, columns[1]!)).toBe('A.2 × E2 Item z: not mapped; this marking point is a gap');
    expect(cellLabel(pointRow(rows[5]), columns[1]!)).toBe('A.3 × E2 Item z: met');
  });

  it('gives every status a symbol and a word, so none rests on colour', () => {
    const symbols = Object.values(STATUS_INFO).map((info) => info.symbol);
    expect(new Set(symbols).size).toBe(5);
    for (const info of Object.values(STATUS_INFO)) expect(info.word.length).toBeGreaterThan(1);
  });

  it('sums up totals in plain words', () => {
    expect(describeTotals(matrix.summary)).toBe('1 of 4 met, 1 claimed, 2 gaps');
    expect(describeTotals({ markingPoints: 3, gaps: 1, claimed: 0, met: 0, notYet: 1, stale: 1 })).toBe('0 of 3 met, 1 not yet met, 1 out of date, 1 gap');
    expect(describeTotals({ markingPoints: 0, gaps: 0, claimed: 0, met: 0, notYet: 0, stale: 0 })).toBe('No marking points');
  });

  it('shortens a marking point to its label, or the start of its text', () => {
    expect(pointShortName({ id: 'x', text: 'Long text', label: ' Short ' })).toBe('Short');
    expect(pointShortName({ id: 'x', text: 'word '.repeat(40) }, 20)).toBe('word word word word…');
  });
});

describe('movePosition (keyboard in the grid)', () => {
  // Rows 0 and 3 are headings; 5 rows, 4 columns.
  const shape: GridShape = { rowCount: 5, colCount: 4, isHeadingRow: (row) => row === 0 || row === 3, pageRows: 2 };
  const move = (row: number, col: number, key: string, ctrlKey = false) => movePosition({ row, col }, { key, ctrlKey }, shape);

  it('moves one cell with the arrows, stopping at the edges and the headers', () => {
    expect(move(1, 1, 'ArrowRight')).toEqual({ row: 1, col: 2 });
    expect(move(1, 3, 'ArrowRight')).toEqual({ row: 1, col: 3 });
    expect(move(1, 0, 'ArrowLeft')).toEqual({ row: 1, col: -1 });
    expect(move(1, -1, 'ArrowLeft')).toEqual({ row: 1, col: -1 });
    expect(move(1, 2, 'ArrowDown')).toEqual({ row: 2, col: 2 });
    expect(move(4, 2, 'ArrowDown')).toEqual({ row: 4, col: 2 });
    expect(move(0, 2, 'ArrowUp')).toEqual({ row: -1, col: 2 });
    expect(move(-1, 2, 'ArrowUp')).toEqual({ row: -1, col: 2 });
  });

  it('keeps the column through a heading row, which has one cell', () => {
    expect(move(2, 2, 'ArrowDown')).toEqual({ row: 3, col: 2 });
    expect(move(3, 2, 'ArrowRight')).toEqual({ row: 3, col: 2 });
    expect(move(3, 2, 'ArrowDown')).toEqual({ row: 4, col: 2 });
  });

  it('goes to the ends with Home, End, Ctrl and the page keys', () => {
    expect(move(2, 2, 'Home')).toEqual({ row: 2, col: -1 });
    expect(move(2, 0, 'End')).toEqual({ row: 2, col: 3 });
    expect(move(2, 2, 'Home', true)).toEqual({ row: -1, col: -1 });
    expect(move(1, 0, 'End', true)).toEqual({ row: 4, col: 3 });
    expect(move(1, 1, 'PageDown')).toEqual({ row: 3, col: 1 });
    expect(move(1, 1, 'PageUp')).toEqual({ row: -1, col: 1 });
    expect(movePosition({ row: 1, col: 1 }, { key: 'End', metaKey: true }, shape)).toEqual({ row: 4, col: 3 });
  });

  it('ignores other keys and copes with an empty grid or a position left over from a bigger one', () => {
    expect(move(1, 1, 'a')).toBeUndefined();
    expect(move(1, 1, 'Tab')).toBeUndefined();
    const empty: GridShape = { rowCount: 0, colCount: 0, isHeadingRow: () => false, pageRows: 5 };
    expect(movePosition({ row: 7, col: 9 }, { key: 'ArrowDown' }, empty)).toEqual({ row: -1, col: -1 });
    expect(movePosition({ row: 40, col: 40 }, { key: 'ArrowUp' }, shape)).toEqual({ row: 3, col: 3 });
  });
});

describe('coverage routes', () => {
  it('reads and writes #/coverage, /unit/<id> and /point/<id>', () => {
    expect(parseCoverageRoute([])).toEqual({});
    expect(parseCoverageRoute(['unit', 'CS5'])).toEqual({ unitId: 'CS5' });
    expect(parseCoverageRoute(['point', 'CS5.1.1'])).toEqual({ markingPointId: 'CS5.1.1' });
    expect(parseCoverageRoute(['point'])).toEqual({});
    expect(parseCoverageRoute(['other', 'x'])).toEqual({});
    expect(coveragePath({})).toBe('coverage');
    expect(coveragePath({ unitId: 'CS5' })).toBe('coverage/unit/CS5');
    expect(coveragePath({ markingPointId: 'a/b c' })).toBe('coverage/point/a%2Fb%20c');
  });
});
