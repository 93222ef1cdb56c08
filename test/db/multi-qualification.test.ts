/** A portfolio that maps to further qualifications: choosing them, mapping to them, packages that carry them. */
import { describe, expect, it } from 'vitest';
import { memoryByteSink, memoryByteSource } from '../../core/package/byte-io';
import { readPackage } from '../../core/package/reader';
import { writePackage } from '../../core/package/writer';
import { evidenceContentHash } from '../../core/integrity/content-hash';
import type { EvidenceItem } from '../../core/model/portfolio';
import type { QualificationSpec } from '../../core/spec/types';
import type { AppDB } from '../../renderer/src/db/app-db';
import { loadPortfolioContent } from '../../renderer/src/db/content-repo';
import { addMapping, claimCounts, evidenceForMarkingPoint, MappingError } from '../../renderer/src/db/mappings-repo';
import { applyImport, collectPackage } from '../../renderer/src/db/package-repo';
import { setAdditionalQualifications, updatePortfolioDetails } from '../../renderer/src/db/portfolios-repo';
import { importSpec } from '../../renderer/src/db/specs-repo';
import { ACTOR, freshDb, withPortfolio } from './evidence-helpers';

/** The standard's KSBs; "CS1.1.1" is a marking point id of the built-in qualification too. */
const standard: QualificationSpec = {
  format: 'portfolio-qualification/1', id: 'st0116', title: 'Customer service specialist (standard)', awardingBody: 'Skills England', version: '1.2', qualificationNumber: 'ST0116',
  units: [{ id: 'K', title: 'Knowledge', learningOutcomes: [{ id: 'K.all', title: 'Knowledge', markingPoints: [{ id: 'K1', text: 'Know the customers.' }, { id: 'CS1.1.1', text: 'Same id, other qualification.' }] }] }],
};

async function setUp(db: AppDB) {
  const portfolio = await withPortfolio(db);
  await importSpec(db, standard);
  const item: EvidenceItem = {
    id: 'ev-1', portfolioId: portfolio.id, type: 'work-product', title: 'Complaint log', activityDate: '2026-10-01', narrative: 'One paragraph.', legislation: [], tags: [],
    details: { type: 'work-product' }, attachments: [], createdAt: '2026-10-01T10:00:00.000Z', updatedAt: '2026-10-01T10:00:00.000Z',
  };
  await db.evidence.add({ ...item, contentHash: await evidenceContentHash(item) });
  return portfolio;
}

const locator = { kind: 'paragraph' as const, paragraph: 1 };

describe('further qualifications of a portfolio', () => {
  it('are chosen, kept when the details change, and cannot be taken away while evidence is mapped to them', async () => {
    const db = freshDb();
    const portfolio = await setUp(db);
    await expect(setAdditionalQualifications(db, portfolio.id, [{ id: 'cs-diploma-l3', version: '2026.1' }], ACTOR)).rejects.toThrow('main qualification');
    await expect(setAdditionalQualifications(db, portfolio.id, [{ id: 'nope', version: '1' }], ACTOR)).rejects.toThrow('is not in the app');
    await setAdditionalQualifications(db, portfolio.id, [{ id: 'st0116', version: '1.2' }], ACTOR);
    await updatePortfolioDetails(db, portfolio.id, { learnerName: 'Sam Learner', centreName: 'Renamed College' }, ACTOR);
    expect((await db.portfolios.get(portfolio.id))?.additionalQualifications).toEqual([{ id: 'st0116', version: '1.2' }]);

    await addMapping(db, { portfolioId: portfolio.id, evidenceId: 'ev-1', markingPointId: 'K1', qualificationId: 'st0116', locator, justification: 'Lists the customers.' }, ACTOR);
    await expect(setAdditionalQualifications(db, portfolio.id, [], ACTOR)).rejects.toThrow('One mapping uses “st0116”. Remove it before taking the qualification off this portfolio.');
    expect((await db.portfolios.get(portfolio.id))?.additionalQualifications).toHaveLength(1);
  });

  it('maps one item to marking points of both qualifications, each id resolved in its own qualification', async () => {
    const db = freshDb();
    const portfolio = await setUp(db);
    await expect(addMapping(db, { portfolioId: portfolio.id, evidenceId: 'ev-1', markingPointId: 'K1', qualificationId: 'st0116', locator, justification: 'x' }, ACTOR)).rejects.toBeInstanceOf(MappingError);
    await setAdditionalQualifications(db, portfolio.id, [{ id: 'st0116', version: '1.2' }], ACTOR);
    await addMapping(db, { portfolioId: portfolio.id, evidenceId: 'ev-1', markingPointId: 'CS1.1.1', locator, justification: 'Main.' }, ACTOR);
    // The same id in the standard is another marking point, so this is not a repeat.
    await addMapping(db, { portfolioId: portfolio.id, evidenceId: 'ev-1', markingPointId: 'CS1.1.1', qualificationId: 'st0116', locator, justification: 'Standard.' }, ACTOR);
    await expect(addMapping(db, { portfolioId: portfolio.id, evidenceId: 'ev-1', markingPointId: 'CS1.1.1', qualificationId: 'st0116', locator, justification: 'Again.' }, ACTOR)).rejects.toThrow('already mapped');
    await expect(addMapping(db, { portfolioId: portfolio.id, evidenceId: 'ev-1', markingPointId: 'K9', qualificationId: 'st0116', locator, justification: 'x' }, ACTOR)).rejects.toBeInstanceOf(MappingError);
    // K1 is the standard's, not the main qualification's.
    await expect(addMapping(db, { portfolioId: portfolio.id, evidenceId: 'ev-1', markingPointId: 'K1', locator, justification: 'x' }, ACTOR)).rejects.toBeInstanceOf(MappingError);

    expect((await evidenceForMarkingPoint(db, portfolio.id, 'CS1.1.1')).map((claim) => claim.mapping.justification)).toEqual(['Main.']);
    expect((await evidenceForMarkingPoint(db, portfolio.id, 'CS1.1.1', 'st0116')).map((claim) => claim.mapping.justification)).toEqual(['Standard.']);
    expect((await claimCounts(db, portfolio.id)).get('CS1.1.1')).toBe(1);
    const loaded = await loadPortfolioContent(db, portfolio.id);
    expect(loaded?.content.additionalQualifications?.map((spec) => spec.id)).toEqual(['st0116']);
  });

  it('travels in a package with its specifications, and a one-qualification package keeps its shape', async () => {
    const db = freshDb();
    const portfolio = await setUp(db);
    const single = await collectPackage(db, portfolio.id);
    expect(single.manifest).not.toHaveProperty('additionalQualifications');
    expect(single.manifest.portfolio).not.toHaveProperty('additionalQualifications');

    await setAdditionalQualifications(db, portfolio.id, [{ id: 'st0116', version: '1.2' }], ACTOR);
    await addMapping(db, { portfolioId: portfolio.id, evidenceId: 'ev-1', markingPointId: 'K1', qualificationId: 'st0116', locator, justification: 'Standard.' }, ACTOR);
    const { manifest, attachments } = await collectPackage(db, portfolio.id);
    expect(manifest.additionalQualifications?.map((spec) => spec.id)).toEqual(['st0116']);
    const sink = memoryByteSink();
    await writePackage(manifest, attachments, sink);
    const read = await readPackage(memoryByteSource(sink.bytes()));
    if (!read.ok) throw new Error(read.problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n'));

    const target = freshDb();
    await withPortfolio(target, 'Someone else');
    await applyImport(target, read.manifest, async () => new Uint8Array(), 'add', 'Assessor');
    expect(await target.specs.get('st0116@1.2')).toMatchObject({ source: 'imported', spec: standard });
    expect((await target.portfolios.get(portfolio.id))?.additionalQualifications).toEqual([{ id: 'st0116', version: '1.2' }]);
    expect((await target.mappings.where('portfolioId').equals(portfolio.id).toArray()).map((mapping) => [mapping.markingPointId, mapping.qualificationId])).toEqual([['K1', 'st0116']]);
  });

  it('refuses to export when a further qualification is missing from the app', async () => {
    const db = freshDb();
    const portfolio = await setUp(db);
    await setAdditionalQualifications(db, portfolio.id, [{ id: 'st0116', version: '1.2' }], ACTOR);
    await db.specs.delete('st0116@1.2');
    await expect(collectPackage(db, portfolio.id)).rejects.toThrow('A further qualification this portfolio maps to (st0116 version 1.2) is not in the app.');
  });
});
