/**
 * The trash and backups: a backup carries the trash (with the bytes it needs) so a restore
 * can still undo deletions; an export never carries it; a restore or replacing import keeps
 * the trash already here; and the trash expires after TRASH_KEEP_DAYS, as the screen says.
 */
import { describe, expect, it } from 'vitest';
import { memoryByteSink, memoryByteSource } from '../../core/package/byte-io';
import type { PackageManifest } from '../../core/package/manifest';
import { readPackage } from '../../core/package/reader';
import { writePackage } from '../../core/package/writer';
import type { AppDB } from '../../renderer/src/db/app-db';
import { addAttachments, getAttachment, prepareAttachment } from '../../renderer/src/db/attachments-repo';
import { createEvidence, deleteEvidence, getEvidence } from '../../renderer/src/db/evidence-repo';
import { applyImport, collectPackage } from '../../renderer/src/db/package-repo';
import { TRASH_KEEP_DAYS, expireAllTrash, listTrash, restoreFromTrash } from '../../renderer/src/db/trash-repo';
import { ACTOR, freshDb, pngBytes, withPortfolio } from './evidence-helpers';

async function travel(db: AppDB, portfolioId: string, isBackup: boolean) {
  const { manifest, attachments } = await collectPackage(db, portfolioId, new Date(), { isBackup });
  const sink = memoryByteSink();
  await writePackage(manifest, attachments, sink);
  const read = await readPackage(memoryByteSource(sink.bytes()));
  if (!read.ok) throw new Error(read.problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n'));
  return read;
}

/** A portfolio with one item kept and one item (with its own file) deleted into the trash. */
async function withDeletedItem(db: AppDB) {
  const portfolio = await withPortfolio(db);
  await createEvidence(db, portfolio.id, 'observation', ACTOR, { title: 'Kept' });
  const doomed = await createEvidence(db, portfolio.id, 'case-log', ACTOR, { title: 'Deleted with its screenshot' });
  const prepared = await prepareAttachment(new Blob([pngBytes(7)]), 'screenshot.png');
  if (!prepared.ok) throw new Error(prepared.message);
  await addAttachments(db, portfolio.id, doomed.id, [prepared.attachment], ACTOR);
  const entry = await deleteEvidence(db, portfolio.id, doomed.id, ACTOR);
  return { portfolio, doomed, entry, sha256: prepared.attachment.ref.sha256 };
}

describe('the trash in backups', () => {
  it('travels in a backup with the bytes its items need, and never in an export', async () => {
    const db = freshDb();
    const { portfolio, entry, sha256 } = await withDeletedItem(db);
    const backup = await travel(db, portfolio.id, true);
    expect(backup.manifest.trash?.map((trashed) => trashed.id)).toEqual([entry.id]);
    expect(backup.manifest.trash?.[0]?.records.evidence?.[0]).not.toHaveProperty('contentHash');
    expect(backup.manifest.attachments.map((attachment) => attachment.sha256)).toContain(sha256);

    const exported = await travel(db, portfolio.id, false);
    expect(exported.manifest.trash).toBeUndefined();
    expect(exported.manifest.attachments.map((attachment) => attachment.sha256)).not.toContain(sha256);
  });

  it('comes back with a restore into an empty app, and the deletion can still be undone', async () => {
    const source = freshDb();
    const { portfolio, doomed, entry, sha256 } = await withDeletedItem(source);
    const backup = await travel(source, portfolio.id, true);

    const target = freshDb();
    await withPortfolio(target, 'Someone else');
    await applyImport(target, backup.manifest, backup.readAttachment, 'add', ACTOR);
    expect((await listTrash(target, portfolio.id)).map((trashed) => trashed.id)).toEqual([entry.id]);
    await restoreFromTrash(target, portfolio.id, entry.id, ACTOR);
    const back = await getEvidence(target, portfolio.id, doomed.id);
    expect(back?.title).toBe('Deleted with its screenshot');
    // The item comes back exactly as it was deleted, content hash and all.
    expect(back?.contentHash).toBe((entry.records.evidence?.[0] as { contentHash: string }).contentHash);
    expect(await getAttachment(target, portfolio.id, sha256)).toBeDefined();
  });

  it('is kept, with its bytes, when a restore or import replaces the portfolio', async () => {
    const db = freshDb();
    const { portfolio, doomed, entry, sha256 } = await withDeletedItem(db);
    // An older export without any trash replaces the portfolio (as a restore or a replacing import does).
    const exported = await travel(db, portfolio.id, false);
    const before = await listTrash(db, portfolio.id);
    await applyImport(db, exported.manifest, exported.readAttachment, 'replace', ACTOR);
    expect(await listTrash(db, portfolio.id)).toEqual(before);
    expect(await getAttachment(db, portfolio.id, sha256)).toBeDefined();
    await restoreFromTrash(db, portfolio.id, entry.id, ACTOR);
    expect((await getEvidence(db, portfolio.id, doomed.id))?.attachments.map((attachment) => attachment.sha256)).toEqual([sha256]);
  });

  it('refuses a backup whose trash names another portfolio or an attachment it does not hold', async () => {
    const db = freshDb();
    const { portfolio } = await withDeletedItem(db);
    const { manifest, attachments } = await collectPackage(db, portfolio.id, new Date(), { isBackup: true });
    const foreign: PackageManifest = { ...manifest, trash: manifest.trash?.map((entry) => ({ ...entry, portfolioId: 'another-portfolio' })) };
    const missing: PackageManifest = { ...manifest, trash: manifest.trash?.map((entry) => ({ ...entry, records: { attachmentRefs: [{ evidenceId: 'x', index: 0, ref: { sha256: 'f'.repeat(64), name: 'gone.png', mediaType: 'image/png', size: 3 } }] } })) };
    for (const [hostile, message] of [
      [foreign, /belongs to portfolio "another-portfolio"/],
      [missing, /refers to attachment f{64}, which is not listed/],
    ] as const) {
      const sink = memoryByteSink();
      const written = await writePackage(hostile, attachments, sink).then(
        () => readPackage(memoryByteSource(sink.bytes())),
        (error: unknown) => ({ ok: false as const, problems: [{ path: '', message: String(error) }] }),
      );
      expect(written.ok).toBe(false);
      if (!written.ok) expect(written.problems.map((problem) => problem.message).join('\n')).toMatch(message);
    }
  });
});

describe('the trash expires', () => {
  it(`after ${TRASH_KEEP_DAYS} days, for every portfolio, and is not shown once it has`, async () => {
    const db = freshDb();
    const first = await withPortfolio(db);
    const second = await withPortfolio(db, 'Alex Byrne');
    const old = await createEvidence(db, first.id, 'observation', ACTOR);
    const recent = await createEvidence(db, first.id, 'observation', ACTOR);
    const otherOld = await createEvidence(db, second.id, 'observation', ACTOR);
    await deleteEvidence(db, first.id, old.id, ACTOR, new Date('2026-01-01T00:00:00.000Z'));
    const kept = await deleteEvidence(db, first.id, recent.id, ACTOR, new Date('2026-02-20T00:00:00.000Z'));
    await deleteEvidence(db, second.id, otherOld.id, ACTOR, new Date('2026-01-15T00:00:00.000Z'));
    const now = new Date('2026-03-01T00:00:00.000Z');

    // Past its time, an entry is no longer offered even before it is cleared.
    expect((await listTrash(db, first.id, now)).map((entry) => entry.id)).toEqual([kept.id]);
    expect(await listTrash(db, second.id, now)).toEqual([]);
    expect(await db.trash.count()).toBe(3);

    expect(await expireAllTrash(db, now)).toBe(2);
    expect((await db.trash.toArray()).map((entry) => entry.id)).toEqual([kept.id]);
  });
});
