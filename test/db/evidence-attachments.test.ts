import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../core/integrity/sha256';
import { evidenceContentHash } from '../../core/integrity/content-hash';
import { MAX_ATTACHMENT_BYTES } from '../../core/evidence/media-type';
import { addAttachments, attachmentUsage, cleanFileName, describeAttachment, getAttachment, prepareAttachment, removeAttachment, type PreparedAttachment } from '../../renderer/src/db/attachments-repo';
import { createEvidence, deleteEvidence, getEvidence, toEvidenceItem } from '../../renderer/src/db/evidence-repo';
import { emptyTrash, expireTrash, restoreFromTrash } from '../../renderer/src/db/trash-repo';
import type { AppDB } from '../../renderer/src/db/app-db';
import { ACTOR, freshDb, pngBytes, withPortfolio } from './evidence-helpers';

const media = join(import.meta.dirname, '..', 'fixtures', 'media');
const fixture = (name: string): Blob => new Blob([readFileSync(join(media, name))]);

async function prepared(blob: Blob, name: string): Promise<PreparedAttachment> {
  const result = await prepareAttachment(blob, name);
  if (!result.ok) throw new Error(result.message);
  return result.attachment;
}

async function hashIsCurrent(db: AppDB, { portfolioId, id }: { portfolioId: string; id: string }): Promise<boolean> {
  const item = await getEvidence(db, portfolioId, id);
  return item !== undefined && item.contentHash === (await evidenceContentHash(toEvidenceItem(item)));
}

describe('preparing files', () => {
  it('takes the type from the bytes and computes SHA-256 and size', async () => {
    const bytes = readFileSync(join(media, 'screenshot-saved-as.txt'));
    const result = await prepareAttachment(new Blob([bytes], { type: 'text/plain' }), 'screenshot-saved-as.txt');
    expect(result).toMatchObject({ ok: true, attachment: { kind: 'image', ref: { name: 'screenshot-saved-as.txt', mediaType: 'image/png', size: bytes.length, sha256: await sha256Hex(new Uint8Array(bytes)) } } });
    if (result.ok) expect(result.attachment.blob.type).toBe('image/png');
  });

  it.each([
    ['call-extract.wav', 'audio/wav'],
    ['call-intro.mp3', 'audio/mpeg'],
    ['complaints-policy.pdf', 'application/pdf'],
    ['call-notes.txt', 'text/plain'],
    ['team-briefing.jpg', 'image/jpeg'],
  ])('accepts %s as %s', async (name, mediaType) => {
    expect((await prepared(fixture(name), name)).ref.mediaType).toBe(mediaType);
  });

  it('refuses a program dressed up as a picture, with a message naming the file', async () => {
    expect(await prepareAttachment(fixture('not-really-a-photo.png'), 'not-really-a-photo.png')).toEqual({
      ok: false,
      name: 'not-really-a-photo.png',
      message: expect.stringMatching(/^“not-really-a-photo.png” is not a kind of file the app can keep\./),
    });
  });

  it('refuses a file over 250 MB before reading any of it, and an empty file', async () => {
    let wasRead = false;
    const huge = { size: MAX_ATTACHMENT_BYTES + 1, type: '', slice: () => { wasRead = true; return new Blob(); } } as unknown as Blob;
    const result = await prepareAttachment(huge, 'whole-day.wav');
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('larger than the 250 MB limit') });
    expect(wasRead).toBe(false);
    expect(await prepareAttachment(new Blob([]), 'empty.txt')).toMatchObject({ ok: false, message: '“empty.txt” is empty, so there is nothing to attach.' });
  });

  it('hashes large files in chunks with progress, giving the same hash as a one-shot digest', async () => {
    const bytes = new Uint8Array(20 * 1024 * 1024 + 123);
    bytes.set([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0]); // an MP3's ID3 tag
    for (let i = 10; i < bytes.length; i += 4096) bytes[i] = i % 251;
    const progress: number[] = [];
    const result = await prepareAttachment(new Blob([bytes]), 'long-call.mp3', { onProgress: (done) => progress.push(done) });
    expect(result.ok && result.attachment.ref.sha256).toBe(await sha256Hex(bytes));
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toBe(bytes.length);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('cleans file names: no folders or control characters, never empty', () => {
    expect(cleanFileName('C:\\Users\\sam\\log.png')).toBe('log.png');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('bad\u0000name\n.txt')).toBe('badname.txt');
    expect(cleanFileName('   ')).toBe('attachment');
    expect(cleanFileName(`${'a'.repeat(300)}.png`).length).toBeLessThanOrEqual(255);
  });
});

describe('attaching files to evidence', () => {
  it('stores the bytes once per portfolio, updates the item and its hash, and audits it', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const first = await createEvidence(db, portfolio.id, 'case-log', ACTOR, { title: 'Log' });
    const second = await createEvidence(db, portfolio.id, 'reflective-account', ACTOR, { title: 'Account' });
    const log = await prepared(fixture('complaint-log.png'), 'complaint-log.png');

    const result = await addAttachments(db, first.portfolioId, first.id, [log], ACTOR);
    expect(result.added.map((ref) => ref.name)).toEqual(['complaint-log.png']);
    expect(await hashIsCurrent(db, first)).toBe(true);
    expect((await getEvidence(db, first.portfolioId, first.id))?.contentHash).not.toBe(first.contentHash);
    await addAttachments(db, second.portfolioId, second.id, [await prepared(fixture('complaint-log.png'), 'same-picture.png')], ACTOR);
    expect(await attachmentUsage(db, portfolio.id)).toEqual({ count: 1, bytes: log.ref.size });

    const stored = await getAttachment(db, portfolio.id, log.ref.sha256);
    expect(stored?.mediaType).toBe('image/png');
    expect(new Uint8Array(await (stored?.blob ?? new Blob()).arrayBuffer())).toEqual(new Uint8Array(readFileSync(join(media, 'complaint-log.png'))));
    const summaries = (await db.audit.toArray()).map((entry) => entry.summary);
    expect(summaries).toContain('Attached “complaint-log.png” of complaint or case log “Log”.');
  });

  it('does not attach the same bytes twice to one item', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const item = await createEvidence(db, portfolio.id, 'case-log', ACTOR);
    await addAttachments(db, item.portfolioId, item.id, [await prepared(new Blob([pngBytes(7)]), 'a.png')], ACTOR);
    const again = await addAttachments(db, item.portfolioId, item.id, [await prepared(new Blob([pngBytes(7)]), 'b.png'), await prepared(new Blob([pngBytes(8)]), 'c.png')], ACTOR);
    expect(again.alreadyAttached).toEqual(['b.png']);
    expect((await getEvidence(db, item.portfolioId, item.id))?.attachments.map((ref) => ref.name)).toEqual(['a.png', 'c.png']);
  });

  it('removing a file can be undone, putting it back where it was with the hash recomputed', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const item = await createEvidence(db, portfolio.id, 'case-log', ACTOR);
    await addAttachments(db, item.portfolioId, item.id, await Promise.all([1, 2, 3].map((n) => prepared(new Blob([pngBytes(n)]), `shot-${n}.png`))), ACTOR);
    const withThree = await getEvidence(db, item.portfolioId, item.id);
    const middle = withThree?.attachments[1]?.sha256 ?? '';
    const entry = await removeAttachment(db, item.portfolioId, item.id, middle, ACTOR);
    expect((await getEvidence(db, item.portfolioId, item.id))?.attachments.map((ref) => ref.name)).toEqual(['shot-1.png', 'shot-3.png']);
    expect(await hashIsCurrent(db, item)).toBe(true);
    expect(await getAttachment(db, portfolio.id, middle)).toBeDefined();

    await restoreFromTrash(db, entry.portfolioId, entry.id, ACTOR);
    const restored = await getEvidence(db, item.portfolioId, item.id);
    expect(restored?.attachments).toEqual(withThree?.attachments);
    expect(restored?.contentHash).toBe(withThree?.contentHash);
    expect(await hashIsCurrent(db, item)).toBe(true);
  });

  it('emptying the trash frees bytes nothing uses, but keeps bytes another item still uses', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const a = await createEvidence(db, portfolio.id, 'case-log', ACTOR);
    const b = await createEvidence(db, portfolio.id, 'case-log', ACTOR);
    const shared = await prepared(new Blob([pngBytes(1)]), 'shared.png');
    const own = await prepared(new Blob([pngBytes(2)]), 'own.png');
    await addAttachments(db, a.portfolioId, a.id, [shared, own], ACTOR);
    await addAttachments(db, b.portfolioId, b.id, [shared], ACTOR);
    await deleteEvidence(db, a.portfolioId, a.id, ACTOR);
    expect(await attachmentUsage(db, portfolio.id)).toMatchObject({ count: 2 });
    expect(await emptyTrash(db, portfolio.id)).toBe(1);
    expect(await getAttachment(db, portfolio.id, shared.ref.sha256)).toBeDefined();
    expect(await getAttachment(db, portfolio.id, own.ref.sha256)).toBeUndefined();
  });

  it('expiring the trash clears only what was deleted more than 30 days ago', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const old = await createEvidence(db, portfolio.id, 'observation', ACTOR);
    const recent = await createEvidence(db, portfolio.id, 'observation', ACTOR);
    await deleteEvidence(db, old.portfolioId, old.id, ACTOR, new Date('2026-01-01T00:00:00.000Z'));
    const kept = await deleteEvidence(db, recent.portfolioId, recent.id, ACTOR, new Date('2026-02-20T00:00:00.000Z'));
    expect(await expireTrash(db, portfolio.id, new Date('2026-03-01T00:00:00.000Z'))).toBe(1);
    expect((await db.trash.toArray()).map((entry) => entry.id)).toEqual([kept.id]);
  });
});

describe('describing an attachment', () => {
  it('keeps the learner’s description (the PDF’s alt text) without changing the content hash, with an audit entry', async () => {
    const db = freshDb();
    const portfolio = await withPortfolio(db);
    const item = await createEvidence(db, portfolio.id, 'work-product', ACTOR);
    const log = await prepared(fixture('complaint-log.png'), 'complaint-log.png');
    await addAttachments(db, item.portfolioId, item.id, [log], ACTOR);
    const before = await getEvidence(db, item.portfolioId, item.id);
    const described = await describeAttachment(db, item.portfolioId, item.id, log.ref.sha256, '  The complaints register,\n with the case highlighted. ', ACTOR);
    expect(described.attachments[0]?.description).toBe('The complaints register, with the case highlighted.');
    expect(described.contentHash).toBe(before?.contentHash);
    expect(await hashIsCurrent(db, item)).toBe(true);
    const audit = await db.audit.where('portfolioId').equals(portfolio.id).toArray();
    expect(audit.some((entry) => entry.entity === 'attachment' && entry.summary === 'Described “complaint-log.png”.')).toBe(true);
    const cleared = await describeAttachment(db, item.portfolioId, item.id, log.ref.sha256, '   ', ACTOR);
    expect(cleared.attachments[0]).not.toHaveProperty('description');
    await expect(describeAttachment(db, item.portfolioId, item.id, 'f'.repeat(64), 'x', ACTOR)).rejects.toThrow('That file is no longer attached.');
    await expect(describeAttachment(db, item.portfolioId, item.id, log.ref.sha256, 'x'.repeat(2_001), ACTOR)).rejects.toThrow('2,000 characters or fewer');
  });
});
