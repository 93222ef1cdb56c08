/**
 * Trust in the app (issue: decisions nobody can forge, roll back or disown): chains from the
 * signed log, rollbacks refused on every way a package comes in, a learner's own key under the
 * assessor's name flagged, the learner's identity fixed once anything is signed, and nothing an
 * installation signed ever lost to a replace or restore.
 */
import { describe, expect, it } from 'vitest';
import { keyRegisterEntry, keyRegisterText, signKeyRegister } from '../../core/integrity/key-register';
import { createSigningKey } from '../../core/integrity/keys';
import { identityOf, signRecord } from '../../core/integrity/signed-record';
import { recordStatus, recordVerdict } from '../../core/integrity/verify';
import type { PackageManifest } from '../../core/package/manifest';
import { memoryByteSink, memoryByteSource } from '../../core/package/byte-io';
import { readPackage } from '../../core/package/reader';
import { writePackage } from '../../core/package/writer';
import type { AppDB } from '../../renderer/src/db/app-db';
import { MergeRefusedError, mergeAssessorWork, mergeLearnerWork } from '../../renderer/src/db/assessment-merge';
import { AssessmentError, loadAssessment, recordDecision, signLearnerDeclaration, signOffUnit, verifyContent } from '../../renderer/src/db/assessment-repo';
import { ensureSigningKey, importKeyRegister } from '../../renderer/src/db/keys-repo';
import { ImportRefusedError, applyImport, collectPackage } from '../../renderer/src/db/package-repo';
import { markSent, pinsOf, signedRecordIds } from '../../renderer/src/db/trust-repo';
import { updatePortfolioDetails } from '../../renderer/src/db/portfolios-repo';
import type { SignatureAlgorithm } from '../../core/model/portfolio';
import { ASSESSOR, actAs, freshDb, seedPortfolio } from './assessment-fixtures';

describe.each<SignatureAlgorithm>(['Ed25519', 'ECDSA-P256'])('with %s keys', (algorithm) => {
/** A fresh database whose installation key is of the algorithm under test (made before anything is signed). */
async function keyedDb(label: string): Promise<AppDB> {
  const db = await freshDb(label);
  await ensureSigningKey(db, 'assessor', new Date(), { algorithm });
  return db;
}

async function travel(db: AppDB, portfolioId: string, edit?: (manifest: PackageManifest) => void): Promise<PackageManifest> {
  const { manifest, attachments } = await collectPackage(db, portfolioId);
  edit?.(manifest);
  const sink = memoryByteSink();
  await writePackage(manifest, attachments, sink);
  const read = await readPackage(memoryByteSource(sink.bytes()));
  if (!read.ok) throw new Error(read.problems.map((problem) => problem.message).join('\n'));
  return read.manifest;
}

/** What ExportPackage does: write the package and remember what was given out. */
async function exportPackage(db: AppDB, portfolioId: string): Promise<PackageManifest> {
  const manifest = await travel(db, portfolioId);
  await markSent(db, portfolioId, signedRecordIds(manifest));
  return manifest;
}

const noAttachments = async (): Promise<Uint8Array> => {
  throw new Error('no attachments in this test');
};

const at = (minute: number): Date => new Date(Date.parse('2026-11-02T09:00:00Z') + minute * 60_000);

/** A learner's portfolio in the assessor's caseload; the assessor judges the first point met and sends it back. */
async function assessedOnce() {
  const learner = await keyedDb('learner');
  const seeded = await seedPortfolio(learner);
  const portfolioId = seeded.portfolio.id;
  await actAs(learner, 'learner');
  await signLearnerDeclaration(learner, { portfolioId, name: 'Tom Brennan' }, at(0));
  const assessor = await keyedDb('assessor');
  await actAs(assessor, 'assessor', ASSESSOR);
  await applyImport(assessor, await exportPackage(learner, portfolioId), noAttachments, 'add', 'Priya Shah');
  const point = seeded.points[0]!;
  const met = await recordDecision(assessor, { portfolioId, markingPointId: point, status: 'met', feedback: 'Clear.' }, at(10));
  const firstReturn = await exportPackage(assessor, portfolioId);
  await mergeAssessorWork(learner, firstReturn, 'Tom Brennan');
  return { learner, assessor, seeded, portfolioId, point, met, firstReturn };
}

describe('chains of signed records in the app', () => {
  it('gives each record the next place in its signer’s chain, across kinds, from the log', async () => {
    const { assessor, seeded, portfolioId } = await assessedOnce();
    for (const [index, point] of seeded.points.slice(1).entries()) {
      await recordDecision(assessor, { portfolioId, markingPointId: point, status: 'met', feedback: 'Clear.' }, at(20 + index));
    }
    const signOff = await signOffUnit(assessor, { portfolioId, unitId: seeded.unit.id }, at(40));
    const loaded = await loadAssessment(assessor, portfolioId);
    const records = [...loaded!.content.decisions, ...loaded!.content.signOffs, ...loaded!.content.declarations.filter((declaration) => declaration.kind === 'assessor')];
    expect(records.map((record) => record.chain?.sequence).sort((a, b) => a! - b!)).toEqual(Array.from({ length: seeded.points.length + 2 }, (_, index) => index + 1));
    // The assessor declaration follows the first sign-off in the same chain.
    const declaration = loaded!.content.declarations.find((candidate) => candidate.kind === 'assessor')!;
    expect(declaration.chain!.sequence).toBe(signOff.chain!.sequence + 1);
    expect(declaration.signer).toMatchObject({ role: 'assessor', name: 'Priya Shah' });
    const report = await verifyContent(loaded!.content, loaded!.contentHashes, loaded!.register, loaded!.pins);
    expect(report.isValid).toBe(true);
    expect(report.records.every((record) => record.version === 2)).toBe(true);
    expect(records.every((record) => record.signature?.algorithm === algorithm)).toBe(true);
    expect(await assessor.signedLog.count()).toBe(seeded.points.length + 2);
  });

  it('refuses to sign when another record took the place meanwhile, and signs nothing', async () => {
    const { assessor, seeded, portfolioId } = await assessedOnce();
    // Two decisions signed at the same moment: both take place 2; the second to be stored is refused.
    const results = await Promise.allSettled([
      recordDecision(assessor, { portfolioId, markingPointId: seeded.points[1]!, status: 'met', feedback: 'A.' }, at(30)),
      recordDecision(assessor, { portfolioId, markingPointId: seeded.points[1]!, status: 'not-yet', feedback: 'B.' }, at(30)),
    ]);
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(AssessmentError);
    expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(/Something else was signed at the same moment/);
    expect(await assessor.decisions.where('portfolioId').equals(portfolioId).count()).toBe(2);
    expect(await assessor.signedLog.count()).toBe(2);
  });
});

describe('a rollback is refused wherever a package comes in', () => {
  it('the assessor’s app refuses a learner’s package without the assessor’s latest “not yet met”, and says what went missing', async () => {
    const { learner, assessor, portfolioId, point } = await assessedOnce();
    const notYet = await recordDecision(assessor, { portfolioId, markingPointId: point, status: 'not-yet', feedback: 'On second look, the follow-up is missing.' }, at(60));
    await mergeAssessorWork(learner, await exportPackage(assessor, portfolioId), 'Tom Brennan');
    // The learner deletes the later "not yet" from the package, so the earlier "met" counts again.
    const rolledBack = await travel(learner, portfolioId, (manifest) => {
      manifest.decisions = manifest.decisions.filter((decision) => decision.id !== notYet.id);
    });
    const error = await mergeLearnerWork(assessor, rolledBack, noAttachments, 'Priya Shah').then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(MergeRefusedError);
    const messages = (error as MergeRefusedError).problems.map((problem) => problem.message);
    expect(messages).toEqual([expect.stringMatching(/^Missing from this package: Decision on .* by Priya Shah \(not yet met, 2026-11-02\) is in what this app already holds but not in this package: a signed record has been removed\. If this package is simply older than what you already have/)]);
    // Replacing the portfolio with it is refused the same way, and nothing changed.
    await expect(applyImport(assessor, rolledBack, noAttachments, 'replace', 'Priya Shah')).rejects.toBeInstanceOf(ImportRefusedError);
    expect((await assessor.decisions.get([portfolioId, notYet.id]))?.status).toBe('not-yet');
  });

  it('accepts a learner’s package that has not yet seen a decision never sent, and one that has everything', async () => {
    const { learner, assessor, portfolioId, point } = await assessedOnce();
    // Signed but not yet exported: the learner cannot have it.
    await recordDecision(assessor, { portfolioId, markingPointId: point, status: 'not-yet', feedback: 'Not yet.' }, at(60));
    const fromLearner = await travel(learner, portfolioId);
    const result = await mergeLearnerWork(assessor, fromLearner, noAttachments, 'Priya Shah');
    expect(result.portfolio.id).toBe(portfolioId);
  });

  it('the learner’s app refuses an assessor’s package that lacks records it already has from that assessor', async () => {
    const { learner, assessor, portfolioId, point, firstReturn } = await assessedOnce();
    await recordDecision(assessor, { portfolioId, markingPointId: point, status: 'not-yet', feedback: 'Not yet.' }, at(60));
    await mergeAssessorWork(learner, await exportPackage(assessor, portfolioId), 'Tom Brennan');
    // An older return (a replay) is missing the newer decision.
    const error = await mergeAssessorWork(learner, firstReturn, 'Tom Brennan').then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(MergeRefusedError);
    expect((error as MergeRefusedError).problems[0]!.message).toMatch(/^Missing from this package: Decision on .* \(not yet met, 2026-11-02\)/);
  });

  it('a replace from someone else’s package is checked; the app’s own backup restores, and every record signed here is put back', async () => {
    const { assessor, portfolioId, point } = await assessedOnce();
    const backup = await travel(assessor, portfolioId);
    const later = await recordDecision(assessor, { portfolioId, markingPointId: point, status: 'not-yet', feedback: 'Not yet.' }, at(60));
    await applyImport(assessor, backup, noAttachments, 'replace', 'Priya Shah', undefined, 'backup');
    expect(await assessor.decisions.get([portfolioId, later.id])).toMatchObject({ id: later.id, status: 'not-yet' });
    const audit = await assessor.audit.where('portfolioId').equals(portfolioId).toArray();
    expect(audit.some((entry) => /Put back 1 signed record made on this computer/.test(entry.summary))).toBe(true);
  });
});

describe('keys that are not the signer’s', () => {
  it('flags and refuses a decision the learner signed with their own key under the assessor’s name', async () => {
    const { learner, assessor, seeded, portfolioId } = await assessedOnce();
    // The learner switches their app to the assessor role, types the assessor's name, and signs.
    await actAs(learner, 'assessor', ASSESSOR);
    const forged = await recordDecision(learner, { portfolioId, markingPointId: seeded.points[1]!, status: 'met', feedback: 'Looks fine to me.' }, at(90));
    const loaded = await loadAssessment(learner, portfolioId);
    const report = await verifyContent(loaded!.content, loaded!.contentHashes, undefined, loaded!.pins);
    // Its key is the one that signed the learner's declaration, and "Priya Shah" is pinned to her key.
    expect(recordStatus(report, 'decision', forged.id)).toBe('untrusted');
    await actAs(learner, 'learner');
    const error = await mergeLearnerWork(assessor, await travel(learner, portfolioId), noAttachments, 'Priya Shah').then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(MergeRefusedError);
    expect((error as MergeRefusedError).problems.map((problem) => problem.message)).toContainEqual(expect.stringMatching(/^Not signed with its signer’s key: Decision on .* by Priya Shah: it is signed with the learner's own key/));
    expect(await assessor.decisions.get([portfolioId, forged.id])).toBeUndefined();
  });

  it('with the centre’s register loaded, refuses a package signed by a key the register does not list, even on first sight', async () => {
    const learner = await keyedDb('learner');
    const seeded = await seedPortfolio(learner);
    const portfolioId = seeded.portfolio.id;
    await actAs(learner, 'assessor', ASSESSOR);
    await recordDecision(learner, { portfolioId, markingPointId: seeded.points[0]!, status: 'met', feedback: 'Self-assessed.' }, at(5));
    await actAs(learner, 'learner');
    const assessor = await keyedDb('assessor');
    await actAs(assessor, 'assessor', ASSESSOR);
    const { key } = await ensureSigningKey(assessor, 'assessor');
    const centre = await createSigningKey({ algorithm });
    const register = await signKeyRegister({ keys: [keyRegisterEntry(key, { name: 'Priya Shah', role: 'assessor', validFrom: '2026-01-01' })] }, centre, { name: 'Sam Centre' });
    expect((await importKeyRegister(assessor, keyRegisterText(register))).ok).toBe(true);
    const error = await applyImport(assessor, await travel(learner, portfolioId), noAttachments, 'add', 'Priya Shah').then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportRefusedError);
    expect((error as ImportRefusedError).problems[0]!.message).toMatch(/not in the centre's key register/);
    expect(await assessor.portfolios.count()).toBe(0);
  });

  it('pins each name’s key when it is first brought in, so a later key under that name is flagged', async () => {
    const { learner, assessor, portfolioId } = await assessedOnce();
    const pins = await pinsOf(learner, portfolioId);
    const { key } = await ensureSigningKey(assessor, 'assessor');
    expect(pins.get('priya shah')?.fingerprint).toBe(key.fingerprint);
    // A stranger's key under her name, signed outside the app and slipped into a package.
    const stranger = await createSigningKey({ algorithm });
    const loaded = await loadAssessment(learner, portfolioId);
    const forged = await signRecord(
      'decision',
      { id: 'forged-1', portfolioId, markingPointId: loaded!.content.decisions[0]!.markingPointId, status: 'met', feedback: 'Fine.', evidence: loaded!.content.decisions[0]!.evidence, signer: { role: 'assessor', name: 'Priya Shah', keyFingerprint: stranger.fingerprint }, decidedAt: '2026-11-03T09:00:00.000Z' },
      identityOf(loaded!.content.portfolio),
      { sequence: 1, previous: null },
      stranger,
    );
    const report = await verifyContent({ ...loaded!.content, decisions: [...loaded!.content.decisions, forged] }, loaded!.contentHashes, undefined, pins);
    expect(recordVerdict(report, 'decision', 'forged-1')?.kind).toBe('untrusted');
    expect(recordVerdict(report, 'decision', 'forged-1')?.isConfirmed).toBe(false);
  });
});

describe('the learner’s identity once records are signed', () => {
  it('refuses a package that renames the learner of an assessed portfolio', async () => {
    const { learner, assessor, portfolioId } = await assessedOnce();
    const renamed = await travel(learner, portfolioId, (manifest) => {
      manifest.portfolio.learner.name = 'Alex Other';
    });
    const error = await mergeLearnerWork(assessor, renamed, noAttachments, 'Priya Shah').then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(MergeRefusedError);
    expect((error as MergeRefusedError).problems[0]!.message).toMatch(/names the learner Alex Other \(L-0042\), but the portfolio here, which already holds signed records, is Tom Brennan \(L-0042\)'s/);
    expect((await assessor.portfolios.get(portfolioId))?.learner.name).toBe('Tom Brennan');
  });
});

describe('changing the learner’s details after signing', () => {
  it('refuses a new learner name or number once a record is signed, but allows other changes', async () => {
    const { learner, portfolioId } = await assessedOnce();
    const details = { learnerName: 'Tom Brennan', learnerNumber: 'L-0042', centreName: 'Northgate College' };
    await expect(updatePortfolioDetails(learner, portfolioId, { ...details, learnerName: 'Thomas Brennan' }, 'Tom Brennan')).rejects.toThrow(/name and number cannot be changed/);
    await expect(updatePortfolioDetails(learner, portfolioId, { ...details, learnerNumber: 'L-0043' }, 'Tom Brennan')).rejects.toThrow(/name and number cannot be changed/);
    await updatePortfolioDetails(learner, portfolioId, { ...details, centreName: 'Northgate College (Riverside)' }, 'Tom Brennan');
    expect((await learner.portfolios.get(portfolioId))?.centre.name).toBe('Northgate College (Riverside)');
  });
});
});
