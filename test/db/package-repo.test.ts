import { afterEach, describe, expect, it } from 'vitest';
import { AppDB, type StoredEvidence } from '../../renderer/src/db/app-db';
import { applyImport, collectPackage, previewImport } from '../../renderer/src/db/package-repo';
import { createPortfolio } from '../../renderer/src/db/portfolios-repo';
import { ensureBuiltinSpec } from '../../renderer/src/db/specs-repo';
import { memoryByteSink, memoryByteSource } from '../../core/package/byte-io';
import { readPackage } from '../../core/package/reader';
import { writePackage } from '../../core/package/writer';
import { evidenceContentHash } from '../../core/integrity/content-hash';
import { sha256Hex } from '../../core/integrity/sha256';
import type { EvidenceItem } from '../../core/model/portfolio';

let counter = 0;
const open: AppDB[] = [];
async function freshDb(): Promise<AppDB> {
  const db = new AppDB(`package-test-${++counter}`);
  open.push(db);
  await ensureBuiltinSpec(db);
  return db;
}
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

async function seedPortfolio(db: AppDB) {
  const portfolio = await createPortfolio(db, { learnerName: 'Siân Ŵyn-Jones', learnerNumber: 'L-0042', centreName: 'Caerdydd College', centreNumber: 'C123', assessorName: 'Priya Shah', qualificationId: 'cs-diploma-l3', qualificationVersion: '2026.1' }, 'Siân');
  const image = new Uint8Array(300_000).map((_, i) => (i * 31) % 251);
  const sha256 = await sha256Hex(image);
  const item: EvidenceItem = {
    id: 'ev-1', portfolioId: portfolio.id, type: 'reflective-account', title: 'Handling Mr B’s complaint — “broken” router, £45 refund, €20 roaming',
    activityDate: '2026-10-01', narrative: 'I listened first.\n\n- Acknowledged\n- Apologised', label: 'reactive', legislation: ['consumer-rights-act-2015'], tags: ['complaint'],
    details: { type: 'reflective-account', model: 'HEAT', stages: [{ stage: 'Hear', text: 'Let Mr B explain.' }] },
    attachments: [{ sha256, name: 'log.png', mediaType: 'image/png', size: image.byteLength }],
    createdAt: '2026-10-01T10:00:00.000Z', updatedAt: '2026-10-01T10:00:00.000Z',
  };
  const stored: StoredEvidence = { ...item, contentHash: await evidenceContentHash(item) };
  await db.transaction('rw', db.evidence, db.attachments, db.mappings, async () => {
    await db.evidence.add(stored);
    await db.attachments.add({ portfolioId: portfolio.id, sha256, mediaType: 'image/png', size: image.byteLength, blob: new Blob([image]) });
    await db.mappings.add({ id: 'map-1', portfolioId: portfolio.id, evidenceId: 'ev-1', markingPointId: 'CS2.1.2', locator: { kind: 'paragraph', paragraph: 1 }, justification: 'Uses HEAT.', createdAt: '2026-10-01T10:05:00.000Z' });
  });
  return { portfolio, image, sha256 };
}

async function toPackageBytes(db: AppDB, portfolioId: string): Promise<Uint8Array> {
  const { manifest, attachments } = await collectPackage(db, portfolioId);
  const sink = memoryByteSink();
  await writePackage(manifest, attachments, sink);
  return sink.bytes();
}

async function readBack(bytes: Uint8Array) {
  const result = await readPackage(memoryByteSource(bytes));
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result;
}

describe('package export and import through the database', () => {
  it('round-trips a portfolio: same content, identical attachment bytes, non-ASCII intact', async () => {
    const source = await freshDb();
    const { portfolio, image, sha256 } = await seedPortfolio(source);
    const first = await readBack(await toPackageBytes(source, portfolio.id));
    expect(first.manifest.evidence[0]?.title).toBe('Handling Mr B’s complaint — “broken” router, £45 refund, €20 roaming');
    expect(first.manifest.portfolio.learner.name).toBe('Siân Ŵyn-Jones');

    const target = await freshDb();
    await applyImport(target, first.manifest, first.readAttachment, 'add', 'Assessor');
    const stored = await target.evidence.get([portfolio.id, 'ev-1']);
    expect(stored?.contentHash).toBe(await evidenceContentHash(first.manifest.evidence[0] as EvidenceItem));
    const blob = (await target.attachments.get([portfolio.id, sha256]))?.blob;
    expect(new Uint8Array(await (blob as Blob).arrayBuffer())).toEqual(image);

    const second = await readBack(await toPackageBytes(target, portfolio.id));
    const strip = (manifest: typeof first.manifest) => ({ ...manifest, exportedAt: '', audit: manifest.audit.filter((entry) => entry.action !== 'import') });
    expect(strip(second.manifest)).toEqual(strip(first.manifest));
    expect(await sha256Hex(await second.readAttachment(sha256))).toBe(sha256);
  });

  it('previews what a package holds and whether it is already in the app', async () => {
    const db = await freshDb();
    const { portfolio } = await seedPortfolio(db);
    const { manifest } = await readBack(await toPackageBytes(db, portfolio.id));
    const preview = await previewImport(db, manifest);
    expect(preview).toMatchObject({ learnerName: 'Siân Ŵyn-Jones', centreName: 'Caerdydd College', counts: { evidence: 1, attachments: 1, mappings: 1, decisions: 0, signOffs: 0 } });
    expect(preview.existing?.id).toBe(portfolio.id);
  });

  it('replaces an existing portfolio wholly', async () => {
    const db = await freshDb();
    const { portfolio } = await seedPortfolio(db);
    const { manifest, readAttachment } = await readBack(await toPackageBytes(db, portfolio.id));
    await db.evidence.update([portfolio.id, 'ev-1'], { title: 'Changed after export' });
    await db.mappings.add({ id: 'map-extra', portfolioId: portfolio.id, evidenceId: 'ev-1', markingPointId: 'CS5.1.1', createdAt: '2026-10-02T00:00:00.000Z' });
    await applyImport(db, manifest, readAttachment, 'replace', 'Siân');
    expect((await db.evidence.get([portfolio.id, 'ev-1']))?.title).toMatch(/^Handling Mr B/);
    expect(await db.mappings.get([portfolio.id, 'map-extra'])).toBeUndefined();
    expect(await db.portfolios.count()).toBe(1);
  });

  it('keeps both: the copy gets fresh ids throughout and no signed records', async () => {
    const db = await freshDb();
    const { portfolio } = await seedPortfolio(db);
    const { manifest, readAttachment } = await readBack(await toPackageBytes(db, portfolio.id));
    const copy = await applyImport(db, manifest, readAttachment, 'keep-both', 'Siân');
    expect(copy.id).not.toBe(portfolio.id);
    expect(await db.portfolios.count()).toBe(2);
    const copiedEvidence = await db.evidence.where('portfolioId').equals(copy.id).toArray();
    expect(copiedEvidence).toHaveLength(1);
    expect(copiedEvidence[0]?.id).not.toBe('ev-1');
    const copiedMappings = await db.mappings.where('portfolioId').equals(copy.id).toArray();
    expect(copiedMappings[0]?.evidenceId).toBe(copiedEvidence[0]?.id);
    expect(await db.attachments.where('portfolioId').equals(copy.id).count()).toBe(1);
  });

  it('refuses to add over an existing portfolio and changes nothing', async () => {
    const db = await freshDb();
    const { portfolio } = await seedPortfolio(db);
    const { manifest, readAttachment } = await readBack(await toPackageBytes(db, portfolio.id));
    const before = await db.evidence.toArray();
    await expect(applyImport(db, manifest, readAttachment, 'add', 'x')).rejects.toThrow('already in the app');
    expect(await db.evidence.toArray()).toEqual(before);
  });

  it('is all-or-nothing: a failure part-way leaves the database exactly as before', async () => {
    const db = await freshDb();
    const { portfolio } = await seedPortfolio(db);
    const { manifest, readAttachment } = await readBack(await toPackageBytes(db, portfolio.id));
    const other = await freshDb();
    // A record that collides inside the transaction (duplicate mapping id) makes bulkAdd fail after earlier writes.
    const broken = { ...manifest, mappings: [...manifest.mappings, ...manifest.mappings] };
    await expect(applyImport(other, broken, readAttachment, 'add', 'x')).rejects.toThrow();
    expect(await other.portfolios.count()).toBe(0);
    expect(await other.evidence.count()).toBe(0);
    expect(await other.attachments.count()).toBe(0);
    // A replace that fails keeps the old portfolio intact.
    const beforeEvidence = await db.evidence.toArray();
    await expect(applyImport(db, broken, readAttachment, 'replace', 'x')).rejects.toThrow();
    expect(await db.evidence.toArray()).toEqual(beforeEvidence);
    expect(await db.mappings.count()).toBe(1);
  });

  it('says which qualification is missing when a portfolio’s spec is not in the app', async () => {
    const db = await freshDb();
    const { portfolio } = await seedPortfolio(db);
    await db.specs.clear();
    await expect(collectPackage(db, portfolio.id)).rejects.toThrow('cs-diploma-l3 version 2026.1');
  });
});
