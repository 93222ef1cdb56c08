/**
 * The whole-archive expansion rule of CONTRACTS.md §2: deflated entries that each keep within
 * the per-entry limit (200:1 beyond 1 MiB) but together expand more than 200:1 beyond 16 MiB.
 * Genuine packages, whose pictures and recordings barely compress, must still be accepted.
 */
import { describe, expect, it } from 'vitest';
import { memoryByteSource } from '../../../core/package/byte-io';
import { readPackage } from '../../../core/package/reader';
import { formatProblem } from '../../../core/problems';
import { nodeCrc32, nodeSha256Hasher } from '../../../cli/package-file';
import { attachment, pseudoRandomBytes, sampleManifest } from './fixtures';
import { type ForgeEntry, deflate, forgeZip } from './zip-forge';

const MiB = 1024 * 1024;
const encoder = new TextEncoder();

function read(bytes: Uint8Array) {
  return readPackage(memoryByteSource(bytes), { createHasher: nodeSha256Hasher, crc32: nodeCrc32 });
}

describe('total expansion of the archive', () => {
  it('refuses 1,500 attachments of 1 MiB of zeros (3 MB on disk, 1.5 GiB unpacked) before unpacking any', async () => {
    // Each entry is exactly 1 MiB, so the per-entry rule (beyond 1 MiB) lets every one through.
    const zeros = new Uint8Array(MiB);
    const body = deflate(zeros);
    const names = Array.from({ length: 1500 }, (_, index) => index.toString(16).padStart(64, '0'));
    const manifest = sampleManifest([]);
    manifest.attachments = names.map((sha256) => ({ sha256, size: MiB, mediaType: 'text/plain' }));
    const entries: ForgeEntry[] = [
      { name: 'manifest.json', data: encoder.encode(JSON.stringify(manifest)), method: 8 },
      ...names.map((sha256): ForgeEntry => ({ name: `attachments/${sha256}`, data: zeros, method: 8, deflated: body })),
    ];
    const bytes = forgeZip(entries);
    expect(bytes.byteLength).toBeLessThan(4 * MiB);

    let unpacked = 0;
    const result = await readPackage(memoryByteSource(bytes), { createHasher: nodeSha256Hasher, crc32: nodeCrc32, onProgress: (done) => (unpacked = done) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^The package's compressed entries would together expand from [\d.]+ MiB to 1\.5 GiB, more than 200 times; such "zip bombs" are refused\.$/),
    ]);
    // Refused from the table of contents alone: not even the manifest was unpacked.
    expect(unpacked).toBe(0);
  });

  it('accepts a large genuine package whose photos are deflated but barely compress', async () => {
    const photos = Array.from({ length: 17 }, (_, index) => attachment(pseudoRandomBytes(MiB + index, index + 1), 'image/jpeg'));
    const manifest = sampleManifest(photos);
    const entries: ForgeEntry[] = [
      { name: 'manifest.json', data: encoder.encode(JSON.stringify(manifest)), method: 8 },
      ...photos.map((photo): ForgeEntry => ({ name: `attachments/${photo.sha256}`, data: photo.bytes, method: 8 })),
    ];
    const result = await read(forgeZip(entries));
    expect(result.ok ? 'accepted' : result.problems.map(formatProblem).join('\n')).toBe('accepted');
  });

  it('accepts many text attachments that compress well (far under 200:1 together)', async () => {
    // About 17 MiB of notes, each compressing roughly 4:1, as CSV exports and logs do.
    const notes = Array.from({ length: 17 }, (_, index) => {
      let text = '';
      for (let line = 0; text.length < MiB - 200; line++) text += `${index},${line},${(line * 7919) % 10007},call ${line % 97} resolved at first contact\n`;
      return attachment(encoder.encode(text), 'text/plain');
    });
    const manifest = sampleManifest(notes);
    const entries: ForgeEntry[] = [
      { name: 'manifest.json', data: encoder.encode(JSON.stringify(manifest)), method: 8 },
      ...notes.map((note): ForgeEntry => ({ name: `attachments/${note.sha256}`, data: note.bytes, method: 8 })),
    ];
    const result = await read(forgeZip(entries));
    expect(result.ok ? 'accepted' : result.problems.map(formatProblem).join('\n')).toBe('accepted');
  });

  it('counts only deflated entries: stored bytes never expand', async () => {
    // 20 MiB stored beside 17 small deflated entries of 1 MiB of zeros (17 MiB from ~17 KiB).
    const big = attachment(pseudoRandomBytes(20 * MiB, 3), 'audio/wav');
    const zeros = Array.from({ length: 17 }, (_, index) => {
      const bytes = new Uint8Array(MiB);
      bytes[0] = index;
      return attachment(bytes, 'text/plain');
    });
    const manifest = sampleManifest([big, ...zeros]);
    const entries: ForgeEntry[] = [
      { name: 'manifest.json', data: encoder.encode(JSON.stringify(manifest)), method: 8 },
      { name: `attachments/${big.sha256}`, data: big.bytes },
      ...zeros.map((zero): ForgeEntry => ({ name: `attachments/${zero.sha256}`, data: zero.bytes, method: 8 })),
    ];
    const result = await read(forgeZip(entries));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map(formatProblem).join('\n')).toMatch(/together expand from .* to 17 MiB/);
  });
});
