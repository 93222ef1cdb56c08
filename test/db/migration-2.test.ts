/**
 * The upgrade to version 2 (migrations/2-portfolio-scoped-keys.ts): a database written by the
 * version 1 schema alone is opened by the app, and every row of every table is checked.
 */
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppDB, VERSION_1_STORES } from '../../renderer/src/db/app-db';
import { SCOPED_STORES, UNPLACED_ROWS_SETTING } from '../../renderer/src/db/migrations/2-portfolio-scoped-keys';

let counter = 0;
const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

type Rows = Record<string, Array<Record<string, unknown>>>;

/** Two portfolios' worth of version 1 rows in every table, with enough audit rows to need several pages. */
function version1Rows(): Rows {
  const p1 = 'portfolio-1';
  const p2 = 'portfolio-2';
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString();
  const evidence = (portfolioId: string, id: string) => ({
    id,
    portfolioId,
    type: 'reflective-account',
    title: `Item ${id}`,
    activityDate: '2026-01-01',
    narrative: 'One.\n\nTwo.',
    label: 'reactive',
    legislation: [],
    tags: ['complaints'],
    details: { type: 'reflective-account', model: 'HEAT', stages: [] },
    attachments: [{ sha256: 'a'.repeat(64), name: 'log.png', mediaType: 'image/png', size: 3 }],
    createdAt: at(1),
    updatedAt: at(2),
    contentHash: 'c'.repeat(64),
  });
  return {
    specs: [{ key: 'cs-diploma-l3@2026.1', id: 'cs-diploma-l3', version: '2026.1', title: 'Customer service', source: 'builtin', importedAt: at(0), spec: { id: 'cs-diploma-l3', units: [] } }],
    settings: [
      { key: 'currentPortfolioId', value: p1 },
      { key: 'lastBackups', value: { [p1]: at(3) } },
    ],
    portfolios: [p1, p2].map((id, index) => ({ id, learner: { name: `Learner ${index + 1}` }, centre: { name: 'Northgate' }, qualificationId: 'cs-diploma-l3', qualificationVersion: '2026.1', createdAt: at(0), updatedAt: at(5 + index) })),
    evidence: [evidence(p1, 'ev-1'), evidence(p1, 'ev-2'), evidence(p2, 'ev-3')],
    mappings: [
      { id: 'map-1', portfolioId: p1, evidenceId: 'ev-1', markingPointId: 'CS1.1.1', locator: { kind: 'paragraph', paragraph: 2 }, justification: 'Shows it.', createdAt: at(3) },
      { id: 'map-2', portfolioId: p2, evidenceId: 'ev-3', markingPointId: 'CS1.1.1', createdAt: at(3) },
    ],
    attachments: [{ portfolioId: p1, sha256: 'a'.repeat(64), mediaType: 'image/png', size: 3, blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }) }],
    decisions: [{ id: 'dec-1', portfolioId: p1, markingPointId: 'CS1.1.1', status: 'met', feedback: 'Good.', evidence: [{ evidenceId: 'ev-1', contentHash: 'c'.repeat(64) }], signer: { role: 'assessor', name: 'Priya', keyFingerprint: 'f'.repeat(39) }, decidedAt: at(4), signature: { algorithm: 'ECDSA-P256', publicKey: 'AAAA', value: 'BBBB' } }],
    signOffs: [{ id: 'so-1', portfolioId: p1, unitId: 'CS1', declaration: 'I confirm.', decisionIds: ['dec-1'], signer: { role: 'assessor', name: 'Priya', keyFingerprint: 'f'.repeat(39) }, signedAt: at(5), signature: { algorithm: 'ECDSA-P256', publicKey: 'AAAA', value: 'CCCC' } }],
    iqaSamples: [{ id: 'iqa-1', portfolioId: p1, unitId: 'CS1', outcome: 'agree', comments: 'Fine.', decisionIds: ['dec-1'], signer: { role: 'iqa', name: 'Dan', keyFingerprint: 'e'.repeat(39) }, sampledAt: at(6), signature: { algorithm: 'ECDSA-P256', publicKey: 'DDDD', value: 'EEEE' } }],
    declarations: [{ id: 'decl-1', portfolioId: p2, kind: 'learner-authenticity', name: 'Learner 2', text: 'My own work.', signedAt: at(7) }],
    actionPlan: [{ id: 'act-1', portfolioId: p1, action: 'Add a witness.', status: 'open', createdBy: 'Priya', createdAt: at(8), targetDate: '2026-02-01' }],
    comments: [{ id: 'com-1', portfolioId: p2, evidenceId: 'ev-3', author: 'Priya', text: 'Clear.', createdAt: at(9) }],
    audit: [
      ...Array.from({ length: 1_203 }, (_, index) => ({ id: `audit-${String(index).padStart(5, '0')}`, portfolioId: index % 3 === 0 ? p2 : p1, at: at(index % 60), actor: 'Learner', action: 'update', entity: 'evidence', entityId: 'ev-1', summary: `Change ${index}.` })),
      // A damaged row: no portfolio, so it cannot be keyed by one. It must not be lost, nor stop the upgrade.
      { id: 'audit-orphan', at: at(10), actor: 'Learner', action: 'update', entity: 'evidence', entityId: 'ev-1', summary: 'No portfolio.' },
    ],
    trash: [{ id: 'trash-1', portfolioId: p1, deletedAt: at(11), summary: 'Deleted an item.', records: { evidence: [evidence(p1, 'ev-9')], mappings: [], comments: [] } }],
    keys: [{ id: 'assessor', role: 'assessor', algorithm: 'ECDSA-P256', privateKey: { stand: 'in' }, publicKey: 'AAAA', fingerprint: 'f'.repeat(39), createdAt: at(0) }],
  };
}

async function seedVersion1(name: string, rows: Rows): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores(VERSION_1_STORES);
  await v1.open();
  await v1.transaction('rw', v1.tables, async () => {
    for (const [table, tableRows] of Object.entries(rows)) await v1.table(table).bulkAdd(tableRows);
  });
  expect(v1.verno).toBe(1);
  v1.close();
}

async function blobBytes(row: Record<string, unknown>): Promise<number[]> {
  return [...new Uint8Array(await (row.blob as Blob).arrayBuffer())];
}

describe('version 2: portfolio-scoped keys', () => {
  it('moves every row of every version 1 table into its place, keeps the rest as it was, and deletes the old stores', async () => {
    const name = `migration-2-${++counter}`;
    names.push(name);
    const rows = version1Rows();
    await seedVersion1(name, rows);

    const db = new AppDB(name);
    await db.open();
    // Version 2's upgrade ran (later versions add their own tables on top).
    expect(db.verno).toBeGreaterThanOrEqual(2);
    const storeNames = [...db.backendDB().objectStoreNames].sort();
    expect(storeNames).toEqual(db.tables.map((table) => table.name).sort());
    for (const old of Object.keys(SCOPED_STORES)) expect(storeNames, old).not.toContain(old);

    // The moved tables: every placeable row, exactly, reached by [portfolioId, id].
    for (const [table, store] of Object.entries(SCOPED_STORES)) {
      const placeable = rows[table]!.filter((row) => typeof row.portfolioId === 'string');
      const after = (await db.table(store).toArray()) as Array<Record<string, unknown>>;
      const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) => `${String(a.portfolioId)}/${String(a.id)}`.localeCompare(`${String(b.portfolioId)}/${String(b.id)}`);
      expect(after.sort(byKey), table).toEqual([...placeable].sort(byKey));
      for (const row of placeable) expect(await db.table(store).get([row.portfolioId, row.id]), `${table} ${String(row.id)}`).toEqual(row);
    }
    expect(await db.audit.count()).toBe(1_203);

    // The row that could not be placed is kept, whole, in a setting.
    const unplaced = await db.settings.get(UNPLACED_ROWS_SETTING);
    expect(unplaced?.value).toEqual({ audit: [rows.audit!.find((row) => row.id === 'audit-orphan')] });

    // Tables whose keys did not change hold exactly what they held.
    expect(await db.specs.toArray()).toEqual(rows.specs);
    expect((await db.settings.toArray()).filter((row) => row.key !== UNPLACED_ROWS_SETTING)).toEqual(rows.settings!.sort((a, b) => String(a.key).localeCompare(String(b.key))));
    expect(await db.portfolios.toArray()).toEqual(rows.portfolios);
    expect(await db.keys.toArray()).toEqual(rows.keys);
    const attachments = (await db.attachments.toArray()) as unknown as Array<Record<string, unknown>>;
    expect(attachments.map(({ blob: _blob, ...rest }) => rest)).toEqual(rows.attachments!.map(({ blob: _blob, ...rest }) => rest));
    expect(await blobBytes(attachments[0]!)).toEqual([1, 2, 3]);

    // And the app's own reads work on the moved rows.
    expect((await db.evidence.where('portfolioId').equals('portfolio-1').toArray()).map((item) => item.id)).toEqual(['ev-1', 'ev-2']);
    expect((await db.mappings.where('[portfolioId+evidenceId]').equals(['portfolio-2', 'ev-3']).toArray()).map((mapping) => mapping.id)).toEqual(['map-2']);
    db.close();
  });

  it('upgrades an empty version 1 database, with nothing set aside', async () => {
    const name = `migration-2-${++counter}`;
    names.push(name);
    await seedVersion1(name, {});
    const db = new AppDB(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(2);
    for (const table of db.tables) expect(await table.count(), table.name).toBe(0);
    db.close();
  });

  it('leaves the database at version 1, every row in place, if the upgrade fails part-way', async () => {
    const name = `migration-2-${++counter}`;
    names.push(name);
    const rows = version1Rows();
    await seedVersion1(name, rows);
    const db = new AppDB(name);
    // The last store to be copied refuses its rows, after the others have been written.
    const tableProto = Object.getPrototypeOf(db.trash) as { bulkAdd: (...args: unknown[]) => unknown };
    const realBulkAdd = tableProto.bulkAdd;
    const spy = vi.spyOn(tableProto, 'bulkAdd').mockImplementation(function (this: { name: string }, ...args: unknown[]) {
      if (this.name === SCOPED_STORES.trash) return Promise.reject(new Error('Disk full.'));
      return realBulkAdd.apply(this, args);
    });
    await expect(db.open()).rejects.toThrow();
    spy.mockRestore();
    db.close();

    const v1 = new Dexie(name);
    v1.version(1).stores(VERSION_1_STORES);
    await v1.open();
    expect(v1.verno).toBe(1);
    expect(v1.tables.map((table) => table.name).sort()).toEqual(Object.keys(VERSION_1_STORES).sort());
    for (const table of Object.keys(SCOPED_STORES)) expect(await v1.table(table).toArray(), table).toEqual(rows[table]!.sort((a, b) => String(a.id).localeCompare(String(b.id))));
    v1.close();

    // Opened again without the fault, it upgrades.
    const again = new AppDB(name);
    await again.open();
    expect(await again.audit.count()).toBe(1_203);
    again.close();
  });
});
