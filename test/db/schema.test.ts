/**
 * Schema versions are declared forever: version 1's tables and indexes are frozen here, so
 * a change to them fails this test instead of silently breaking users' existing databases.
 * Changes go in a new version with its own upgrade file and test (see app-db.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AppDB } from '../../renderer/src/db/app-db';

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

/** Version 3 adds the signed log and the pins, and changes nothing of version 1. */
const VERSION_3 = {
  ...VERSION_1,
  pins: ['&[portfolioId+nameKey]', 'portfolioId'],
  signedLog: ['&[portfolioId+fingerprint+sequence]', '[portfolioId+kind+recordId]', 'portfolioId'],
};

const open: AppDB[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

describe('database schema', () => {
  it('is at version 3 with exactly the frozen tables and indexes', async () => {
    const db = new AppDB('schema-test');
    open.push(db);
    await db.open();
    expect(db.verno).toBe(3);
    const actual = Object.fromEntries(
      db.tables
        .map((table) => [table.name, [`&${table.schema.primKey.src}`, ...table.schema.indexes.map((index) => index.src)]] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
    expect(actual).toEqual(Object.fromEntries(Object.entries(VERSION_3).sort(([a], [b]) => a.localeCompare(b))));
  });

  it('keeps the portfolio id on every portfolio record table, so one database can hold a caseload', () => {
    for (const [name, indexes] of Object.entries(VERSION_1)) {
      if (['settings', 'specs', 'keys', 'portfolios'].includes(name)) continue;
      expect(indexes.some((index) => index.includes('portfolioId')), name).toBe(true);
    }
  });
});
