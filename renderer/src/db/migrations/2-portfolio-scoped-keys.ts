/**
 * Version 2: every portfolio record is keyed by `[portfolioId+id]`, not by its id alone.
 *
 * In version 1 the evidence, mappings, decisions, action plan and the other portfolio tables
 * were keyed by a global id. Ids travel in packages, so one learner's package could overwrite
 * another learner's rows on an assessor's machine (or be refused because of them). Scoped to
 * its portfolio, a record can only ever be reached, replaced or deleted through its own
 * portfolio.
 *
 * IndexedDB cannot change a store's primary key, so (as Dexie documents) the records move to
 * new stores in the upgrade, and the old stores are deleted once it has copied them. The
 * upgrade is one IndexedDB transaction: if anything fails, the database stays at version 1.
 */
import type { IndexableType, Table, Transaction } from 'dexie';

/** Each version 1 portfolio table, and the store that holds its records from version 2. */
export const SCOPED_STORES = {
  evidence: 'portfolioEvidence',
  mappings: 'portfolioMappings',
  decisions: 'portfolioDecisions',
  signOffs: 'portfolioSignOffs',
  iqaSamples: 'portfolioIqaSamples',
  declarations: 'portfolioDeclarations',
  actionPlan: 'portfolioActionPlan',
  comments: 'portfolioComments',
  audit: 'portfolioAudit',
  trash: 'portfolioTrash',
} as const;

export type ScopedTableName = keyof typeof SCOPED_STORES;

/** Version 2: declared forever. The version 1 stores are deleted (null) once copied. */
export const VERSION_2_STORES = {
  [SCOPED_STORES.evidence]: '&[portfolioId+id], portfolioId, [portfolioId+type], [portfolioId+updatedAt]',
  [SCOPED_STORES.mappings]: '&[portfolioId+id], portfolioId, [portfolioId+evidenceId], [portfolioId+markingPointId]',
  [SCOPED_STORES.decisions]: '&[portfolioId+id], portfolioId, [portfolioId+markingPointId]',
  [SCOPED_STORES.signOffs]: '&[portfolioId+id], portfolioId',
  [SCOPED_STORES.iqaSamples]: '&[portfolioId+id], portfolioId',
  [SCOPED_STORES.declarations]: '&[portfolioId+id], portfolioId',
  [SCOPED_STORES.actionPlan]: '&[portfolioId+id], portfolioId',
  [SCOPED_STORES.comments]: '&[portfolioId+id], portfolioId, [portfolioId+evidenceId]',
  [SCOPED_STORES.audit]: '&[portfolioId+id], portfolioId, [portfolioId+at]',
  [SCOPED_STORES.trash]: '&[portfolioId+id], portfolioId, deletedAt',
  evidence: null,
  mappings: null,
  decisions: null,
  signOffs: null,
  iqaSamples: null,
  declarations: null,
  actionPlan: null,
  comments: null,
  audit: null,
  trash: null,
} as const;

/**
 * Where rows that cannot be keyed by portfolio go: a version 1 row without a text
 * `portfolioId` or `id` (never written by the app, but a damaged database may hold one)
 * cannot be placed in a version 2 store, and is kept here rather than thrown away.
 */
export const UNPLACED_ROWS_SETTING = 'unplacedRowsFromVersion1';

/** Rows copied per read, so a large caseload never sits in memory whole during the upgrade. */
const PAGE_ROWS = 500;

function isPlaceable(row: unknown): row is { portfolioId: string; id: string } {
  if (typeof row !== 'object' || row === null) return false;
  const { portfolioId, id } = row as Record<string, unknown>;
  return typeof portfolioId === 'string' && typeof id === 'string';
}

/** Copies one version 1 store into its version 2 store, a page at a time in primary key order. */
async function copyStore(from: Table, to: Table, unplaced: unknown[]): Promise<void> {
  let after: IndexableType | undefined;
  for (;;) {
    const page: unknown[] = await (after === undefined ? from.orderBy(':id') : from.where(':id').above(after)).limit(PAGE_ROWS).toArray();
    if (page.length === 0) return;
    // Every version 1 portfolio store is keyed by the row's own `id`.
    after = (page[page.length - 1] as { id: IndexableType }).id;
    const placeable = page.filter(isPlaceable);
    for (const row of page) if (!isPlaceable(row)) unplaced.push(row);
    await to.bulkAdd(placeable);
  }
}

export async function upgradeToVersion2(tx: Transaction): Promise<void> {
  const unplaced: Record<string, unknown[]> = {};
  for (const [table, store] of Object.entries(SCOPED_STORES)) {
    const rows: unknown[] = [];
    await copyStore(tx.table(table), tx.table(store), rows);
    if (rows.length > 0) unplaced[table] = rows;
  }
  if (Object.keys(unplaced).length > 0) await tx.table('settings').put({ key: UNPLACED_ROWS_SETTING, value: unplaced });
}
