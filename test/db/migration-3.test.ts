/**
 * Version 3 adds two tables (the signed log and the pins) and touches nothing else: a database
 * made by an earlier version opens with every row as it was, and the new tables empty.
 */
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDB } from '../../renderer/src/db/app-db';

const NAME = 'migration-3-test';

afterEach(async () => {
  await Dexie.delete(NAME);
});

describe('upgrade to version 3', () => {
  it('keeps every row of the version before and adds empty signed log and pins tables', async () => {
    const before = new Dexie(NAME);
    before.version(1).stores({
      portfolios: '&id, updatedAt',
      decisions: '&id, portfolioId, [portfolioId+markingPointId]',
      declarations: '&id, portfolioId',
      settings: '&key',
    });
    await before.open();
    const portfolio = { id: 'p-1', learner: { name: 'Jo Bloggs' }, updatedAt: '2026-11-01T00:00:00.000Z' };
    const decision = { id: 'd-1', portfolioId: 'p-1', markingPointId: 'CS1.1.1', status: 'met' };
    const declaration = { id: 'decl-1', portfolioId: 'p-1', kind: 'learner-authenticity', name: 'Jo Bloggs', text: 'Mine.', signedAt: '2026-11-01T00:00:00.000Z' };
    await before.table('portfolios').add(portfolio);
    await before.table('decisions').add(decision);
    await before.table('declarations').add(declaration);
    await before.table('settings').add({ key: 'role', value: 'assessor' });
    before.close();

    const db = new AppDB(NAME);
    await db.open();
    expect(db.verno).toBe(3);
    expect(await db.portfolios.toArray()).toEqual([portfolio]);
    expect(await db.decisions.toArray()).toEqual([decision]);
    expect(await db.declarations.toArray()).toEqual([declaration]);
    expect(await db.settings.get('role')).toEqual({ key: 'role', value: 'assessor' });
    expect(await db.signedLog.count()).toBe(0);
    expect(await db.pins.count()).toBe(0);
    db.close();
  });
});
