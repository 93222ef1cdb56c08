/** A small portfolio in a fresh database, and helpers to act as learner, assessor or IQA. */
import { afterEach } from 'vitest';
import { AppDB, type StoredEvidence } from '../../renderer/src/db/app-db';
import { createPortfolio } from '../../renderer/src/db/portfolios-repo';
import { ensureBuiltinSpec } from '../../renderer/src/db/specs-repo';
import { saveProfile, setRole, type AppRole, type SignerProfile } from '../../renderer/src/db/keys-repo';
import { evidenceContentHash } from '../../core/integrity/content-hash';
import { builtinSpec } from '../../core/spec/builtin';
import type { EvidenceItem, Portfolio } from '../../core/model/portfolio';
import type { Unit } from '../../core/spec/types';
import type { PackageManifest } from '../../core/package/manifest';
import { memoryByteSink, memoryByteSource } from '../../core/package/byte-io';
import { readPackage } from '../../core/package/reader';
import { writePackage } from '../../core/package/writer';
import { collectPackage } from '../../renderer/src/db/package-repo';

let counter = 0;
const open: AppDB[] = [];

export async function freshDb(label = 'assessment'): Promise<AppDB> {
  const db = new AppDB(`${label}-test-${++counter}-${Math.random().toString(36).slice(2)}`);
  open.push(db);
  await ensureBuiltinSpec(db);
  return db;
}

afterEach(async () => {
  for (const db of open.splice(0)) {
    db.close();
    await db.delete();
  }
});

export const ASSESSOR: SignerProfile = { name: 'Priya Shah', number: 'A1042', centre: 'Northgate College' };
export const IQA: SignerProfile = { name: 'Daniel Okafor', number: 'Q77', centre: 'Northgate College' };

export async function actAs(db: AppDB, role: AppRole, profile?: SignerProfile): Promise<void> {
  await setRole(db, role);
  if (profile) await saveProfile(db, profile);
}

/** The smallest unit of the built-in spec with more than one marking point. */
export function smallUnit(): Unit {
  const units = builtinSpec().units.map((unit) => ({ unit, count: unit.learningOutcomes.reduce((sum, outcome) => sum + outcome.markingPoints.length, 0) }));
  const chosen = units.filter((entry) => entry.count > 1).sort((a, b) => a.count - b.count)[0];
  if (!chosen) throw new Error('the built-in spec should have a unit with several marking points');
  return chosen.unit;
}

export function pointsOf(unit: Unit): string[] {
  return unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => point.id));
}

export function evidenceItem(portfolioId: string, id: string, title: string): EvidenceItem {
  return {
    id,
    portfolioId,
    type: 'reflective-account',
    title,
    activityDate: '2026-10-01',
    narrative: `What I did for “${title}”.\n\nWhat I learned.`,
    label: 'reactive',
    legislation: [],
    tags: [],
    details: { type: 'reflective-account', model: 'HEAT', stages: [{ stage: 'Hear', text: 'Listened.' }] },
    attachments: [],
    createdAt: '2026-10-01T10:00:00.000Z',
    updatedAt: '2026-10-01T10:00:00.000Z',
  };
}

export async function stored(item: EvidenceItem): Promise<StoredEvidence> {
  return { ...item, contentHash: await evidenceContentHash(item) };
}

export interface Seeded {
  portfolio: Portfolio;
  unit: Unit;
  points: string[];
  /** Evidence id per marking point of the unit (one item each, plus one shared by all). */
  evidence: StoredEvidence[];
}

/** A portfolio with one item per marking point of a small unit, each mapped to its point. */
export async function seedPortfolio(db: AppDB): Promise<Seeded> {
  const portfolio = await createPortfolio(db, { learnerName: 'Tom Brennan', learnerNumber: 'L-0042', centreName: 'Northgate College', qualificationId: builtinSpec().id, qualificationVersion: builtinSpec().version }, 'Tom Brennan');
  const unit = smallUnit();
  const points = pointsOf(unit);
  const evidence: StoredEvidence[] = [];
  for (const index of points.keys()) evidence.push(await stored(evidenceItem(portfolio.id, `ev-${index + 1}`, `Complaint ${index + 1}`)));
  await db.transaction('rw', db.evidence, db.mappings, async () => {
    await db.evidence.bulkAdd(evidence);
    await db.mappings.bulkAdd(points.map((point, index) => ({ id: `map-${index + 1}`, portfolioId: portfolio.id, evidenceId: `ev-${index + 1}`, markingPointId: point, locator: { kind: 'paragraph' as const, paragraph: 1 }, justification: 'Shows it.', createdAt: '2026-10-01T10:05:00.000Z' })));
  });
  return { portfolio, unit, points, evidence };
}

/** Edits an item as the learner would: new narrative, new content hash. */
export async function editEvidence(db: AppDB, portfolioId: string, id: string, narrative: string): Promise<void> {
  const current = await db.evidence.get([portfolioId, id]);
  if (!current) throw new Error(`no evidence ${id}`);
  const { contentHash: _old, ...item } = current;
  await db.evidence.put(await stored({ ...item, narrative, updatedAt: new Date().toISOString() }));
}

/** A package as it travels: written to bytes and read back by the real reader. */
export async function travel(db: AppDB, portfolioId: string): Promise<PackageManifest> {
  const { manifest, attachments } = await collectPackage(db, portfolioId);
  const sink = memoryByteSink();
  await writePackage(manifest, attachments, sink);
  const read = await readPackage(memoryByteSource(sink.bytes()));
  if (!read.ok) throw new Error(read.problems.map((problem) => problem.message).join('\n'));
  return read.manifest;
}

export const noAttachments = async (): Promise<Uint8Array> => {
  throw new Error('no attachments in this test');
};
