/**
 * Schema versions are declared forever: version 1's tables and indexes are frozen here, so
 * a change to them fails this test instead of silently breaking users' existing databases.
 * Changes go in a new version with its own upgrade file and test (see app-db.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { AppDB, VERSION_1_STORES } from '../../renderer/src/db/app-db';
import { VERSION_2_STORES } from '../../renderer/src/db/migrations/2-portfolio-scoped-keys';

const VERSION_1 = {
  actionPlan: ['&id', 'portfolioId'],
  attachments: ['&[portfolioId+sha256]', 'portfolioId'],
  audit: ['&id', 'portfolioId', '[portfolioId+at]'],
  comments: ['&id', 'portfolioId', 'evidenceId'],
  decisions: ['&id', 'portfolioId', '[portfolioId+markingPointId]'],
  declarations: ['&id', 'portfolioId'],
  evidence: ['&id', 'portfolioId', '[portfolioId+type]', '[portfolioId+updatedAt]'],
  iqaSamples: ['&id', 'portfolioId'],
  keys: ['&id'],
  mappings: ['&id', 'portfolioId', 'evidenceId', '[portfolioId+markingPointId]'],
  portfolios: ['&id', 'updatedAt'],
  settings: ['&key'],
  signOffs: ['&id', 'portfolioId'],
  specs: ['&key', 'id', 'source'],
  trash: ['&id', 'portfolioId', 'deletedAt'],
};

/** Version 2: every portfolio record keyed within its portfolio (migrations/2-portfolio-scoped-keys.ts). */
const VERSION_2 = {
  attachments: ['&[portfolioId+sha256]', 'portfolioId'],
  keys: ['&id'],
  portfolioActionPlan: ['&[portfolioId+id]', 'portfolioId'],
  portfolioAudit: ['&[portfolioId+id]', 'portfolioId', '[portfolioId+at]'],
  portfolioComments: ['&[portfolioId+id]', 'portfolioId', '[portfolioId+evidenceId]'],
  portfolioDecisions: ['&[portfolioId+id]', 'portfolioId', '[portfolioId+markingPointId]'],
  portfolioDeclarations: ['&[portfolioId+id]', 'portfolioId'],
  portfolioEvidence: ['&[portfolioId+id]', 'portfolioId', '[portfolioId+type]', '[portfolioId+updatedAt]'],
  portfolioIqaSamples: ['&[portfolioId+id]', 'portfolioId'],
  portfolioMappings: ['&[portfolioId+id]', 'portfolioId', '[portfolioId+evidenceId]', '[portfolioId+markingPointId]'],
  portfolios: ['&id', 'updatedAt'],
  portfolioSignOffs: ['&[portfolioId+id]', 'portfolioId'],
  portfolioTrash: ['&[portfolioId+id]', 'portfolioId', 'deletedAt'],
  settings: ['&key'],
  specs: ['&key', 'id', 'source'],
};

function tablesOf(db: Dexie) {
  return Object.fromEntries(
    db.tables
      .map((table) => [table.name, [`&${table.schema.primKey.src}`, ...table.schema.indexes.map((index) => index.src)]] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** Version 3 adds the signed log and the pins (for signed records of version 2), and changes nothing of version 2. */
const VERSION_3 = {
  ...VERSION_2,
  pins: ['&[portfolioId+nameKey]', 'portfolioId'],
  signedLog: ['&[portfolioId+fingerprint+sequence]', '[portfolioId+kind+recordId]', 'portfolioId'],
};

const sorted = (tables: Record<string, string[]>) => Object.fromEntries(Object.entries(tables).sort(([a], [b]) => a.localeCompare(b)));

const open: Dexie[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

describe('database schema', () => {
  it('declares version 1 exactly as it was shipped', async () => {
    const db = new Dexie('schema-test-v1');
    db.version(1).stores(VERSION_1_STORES);
    open.push(db);
    await db.open();
    expect(db.verno).toBe(1);
    expect(tablesOf(db)).toEqual(VERSION_1);
  });

  it('declares version 2 exactly as it was shipped', async () => {
    const db = new Dexie('schema-test-v2');
    db.version(1).stores(VERSION_1_STORES);
    db.version(2).stores(VERSION_2_STORES);
    open.push(db);
    await db.open();
    expect(db.verno).toBe(2);
    expect(tablesOf(db)).toEqual(VERSION_2);
  });

  it('is at version 3 with exactly the frozen tables and indexes', async () => {
    const db = new AppDB('schema-test');
    open.push(db);
    await db.open();
    expect(db.verno).toBe(3);
    expect(tablesOf(db)).toEqual(sorted(VERSION_3));
  });

  it('keys every portfolio record within its portfolio, so one database can hold a caseload', () => {
    for (const [name, indexes] of Object.entries(VERSION_3)) {
      if (['settings', 'specs', 'keys', 'portfolios'].includes(name)) continue;
      expect(indexes[0], name).toMatch(/^&\[portfolioId\+/);
    }
  });
});
