import { afterEach, describe, expect, it } from 'vitest';
import { AppDB } from '../../renderer/src/db/app-db';
import { ensureBuiltinSpec, getActiveSpec, importSpec, listSpecs, portfoliosUsingSpec, setActiveSpec } from '../../renderer/src/db/specs-repo';
import { createPortfolio } from '../../renderer/src/db/portfolios-repo';
import { builtinSpec } from '../../core/spec/builtin';
import type { QualificationSpec } from '../../core/spec/types';

let counter = 0;
const open: AppDB[] = [];
function freshDb(): AppDB {
  const db = new AppDB(`specs-test-${++counter}`);
  open.push(db);
  return db;
}
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

const other: QualificationSpec = {
  format: 'portfolio-qualification/1', id: 'retail', title: 'Retail', awardingBody: 'Body', version: '1',
  units: [{ id: 'R1', title: 'Unit', learningOutcomes: [{ id: 'R1.LO1', title: 'LO', markingPoints: [{ id: 'R1.1', text: 'Point.' }] }] }],
};

describe('specifications in the database', () => {
  it('seeds the built-in spec once and makes it active', async () => {
    const db = freshDb();
    await ensureBuiltinSpec(db);
    await ensureBuiltinSpec(db);
    const specs = await listSpecs(db);
    expect(specs.map((s) => s.key)).toEqual(['cs-diploma-l3@2026.1']);
    expect((await getActiveSpec(db))?.spec).toEqual(builtinSpec());
  });

  it('imports a spec, makes it active, and replaces it on re-import', async () => {
    const db = freshDb();
    await ensureBuiltinSpec(db);
    expect(await importSpec(db, other)).toEqual({ status: 'added', key: 'retail@1' });
    expect((await getActiveSpec(db))?.key).toBe('retail@1');
    expect(await importSpec(db, { ...other, title: 'Retail (revised)' })).toEqual({ status: 'replaced', key: 'retail@1' });
    expect((await listSpecs(db)).map((s) => s.title)).toEqual(['Level 3 Diploma in Customer Service: Problems, Complaints and Service Improvement', 'Retail (revised)']);
  });

  it('never changes a version that portfolios use: a changed spec must come as a new version; the same spec again changes nothing', async () => {
    const db = freshDb();
    await ensureBuiltinSpec(db);
    await importSpec(db, other);
    await createPortfolio(db, { learnerName: 'Jo Bloggs', centreName: 'Centre', qualificationId: 'retail', qualificationVersion: '1' }, 'learner');
    expect(await portfoliosUsingSpec(db, other)).toBe(1);
    const before = await db.specs.toArray();
    await expect(importSpec(db, { ...other, title: 'Retail (revised)' })).rejects.toThrow('Version 1 of “Retail” is already in the app and 1 portfolio uses it, so it cannot be changed. Give this one a new version (for example 1.1); those portfolios keep the version they were built against.');
    expect(await db.specs.toArray()).toEqual(before);
    // The same content in another field order is not a change.
    const reordered = JSON.parse(JSON.stringify({ units: other.units, version: other.version, id: other.id, title: other.title, awardingBody: other.awardingBody, format: other.format })) as QualificationSpec;
    expect(await importSpec(db, reordered)).toEqual({ status: 'unchanged', key: 'retail@1' });
    expect(await importSpec(db, { ...other, version: '2', title: 'Retail (revised)' }, new Date(), 'authored')).toEqual({ status: 'added', key: 'retail@2' });
    expect((await db.specs.get('retail@2'))?.source).toBe('authored');
    expect((await db.portfolios.toArray())[0]?.qualificationVersion).toBe('1');
  });

  it('refuses to overwrite the built-in spec and changes nothing', async () => {
    const db = freshDb();
    await ensureBuiltinSpec(db);
    const before = await db.specs.toArray();
    await expect(importSpec(db, { ...builtinSpec(), title: 'Hijacked' })).rejects.toThrow('built-in qualification and cannot be replaced');
    expect(await db.specs.toArray()).toEqual(before);
  });

  it('switches the active spec, refusing unknown keys', async () => {
    const db = freshDb();
    await ensureBuiltinSpec(db);
    await importSpec(db, other);
    await setActiveSpec(db, 'cs-diploma-l3@2026.1');
    expect((await getActiveSpec(db))?.key).toBe('cs-diploma-l3@2026.1');
    await expect(setActiveSpec(db, 'nope@1')).rejects.toThrow('not in the app');
    expect((await getActiveSpec(db))?.key).toBe('cs-diploma-l3@2026.1');
  });

  it('survives reopening the database (persistence)', async () => {
    const db = freshDb();
    await ensureBuiltinSpec(db);
    await importSpec(db, other);
    db.close();
    const again = new AppDB(db.name);
    open.push(again);
    expect((await getActiveSpec(again))?.key).toBe('retail@1');
  });
});
