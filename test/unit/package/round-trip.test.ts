import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobByteSource, memoryByteSink, memoryByteSource } from '../../../core/package/byte-io';
import { PackageReadError, readPackage } from '../../../core/package/reader';
import { type AttachmentPayload, bytesPayload, writePackage } from '../../../core/package/writer';
import { nodeCrc32, nodeSha256Hasher, openPackageFile, writePackageFile } from '../../../cli/package-file';
import { WELSH, attachment, pseudoRandomBytes, sampleManifest, sha256Hex } from './fixtures';

const encoder = new TextEncoder();

function payloadsOf(items: ReturnType<typeof attachment>[]): AttachmentPayload[] {
  return items.map((item) => bytesPayload(item.sha256, item.bytes));
}

/** Yields bytes in pieces of `size`, as a file stream would. */
function chunkedPayload(sha256: string, bytes: Uint8Array, size: number): AttachmentPayload {
  return {
    sha256,
    size: bytes.byteLength,
    chunks: async function* () {
      for (let offset = 0; offset < bytes.byteLength; offset += size) yield bytes.subarray(offset, offset + size);
    },
  };
}

describe('package round trip in memory', () => {
  const items = [
    attachment(pseudoRandomBytes(300_000, 7), 'image/jpeg'),
    attachment(encoder.encode(`Nodyn: ${WELSH}`), 'text/plain'),
    attachment(new Uint8Array(0), 'application/octet-stream'),
  ];
  const manifest = sampleManifest(items);

  it('reads back exactly what was written, and writes the same bytes again', async () => {
    const sink = memoryByteSink();
    await writePackage(manifest, payloadsOf(items), sink);
    const first = sink.bytes();

    const result = await readPackage(memoryByteSource(first));
    if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('\n'));
    // JSON drops undefined members; otherwise the manifest is the same, field for field.
    expect(result.manifest).toEqual(JSON.parse(JSON.stringify(manifest)));
    expect(result.manifest.portfolio.learner.name).toBe('Rhian Llŷr');
    expect(result.manifest.evidence[0]?.title).toContain(WELSH);
    expect(result.manifest.comments[0]?.text).toBe('“Good” — £0 spent');

    for (const item of items) {
      const bytes = await result.readAttachment(item.sha256);
      expect(sha256Hex(bytes)).toBe(item.sha256);
      expect(bytes.byteLength).toBe(item.bytes.byteLength);
    }

    const again = memoryByteSink();
    await writePackage(
      result.manifest,
      result.manifest.attachments.map((listed) => ({ sha256: listed.sha256, size: listed.size, chunks: () => result.openAttachment(listed.sha256) })),
      again,
    );
    expect(Buffer.compare(again.bytes(), first)).toBe(0);
  });

  it('writes a ZIP another implementation can unpack: stored attachments, manifest as UTF-8 JSON', async () => {
    const sink = memoryByteSink();
    await writePackage(manifest, payloadsOf(items), sink);
    const files = unzipSync(sink.bytes());
    expect(Object.keys(files).sort()).toEqual(['manifest.json', ...items.map((item) => `attachments/${item.sha256}`)].sort());
    const text = new TextDecoder('utf-8', { fatal: true }).decode(files['manifest.json']);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(manifest)));
    for (const item of items) expect(sha256Hex(files[`attachments/${item.sha256}`] as Uint8Array)).toBe(item.sha256);
  });

  it('reads a package made by another ZIP writer (fflate, with deflated attachments)', async () => {
    const { zipSync } = await import('fflate');
    const bytes = zipSync({
      'manifest.json': encoder.encode(JSON.stringify(manifest)),
      ...Object.fromEntries(items.map((item) => [`attachments/${item.sha256}`, item.bytes])),
    });
    const result = await readPackage(memoryByteSource(bytes), { createHasher: nodeSha256Hasher, crc32: nodeCrc32 });
    if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('\n'));
    const first = items[0];
    if (first === undefined) throw new Error('no attachment');
    expect(sha256Hex(await result.readAttachment(first.sha256))).toBe(first.sha256);
  });

  it('reads a package from a Blob (as the renderer gets a picked file), range by range', async () => {
    const sink = memoryByteSink();
    await writePackage(manifest, payloadsOf(items), sink);
    const result = await readPackage(blobByteSource(new Blob([sink.bytes()])));
    expect(result.ok ? result.manifest.attachments.length : result.problems).toBe(items.length);
  });

  it('refuses unknown attachments, and bytes that change after the package was checked', async () => {
    const sink = memoryByteSink();
    await writePackage(manifest, payloadsOf(items), sink);
    const bytes = sink.bytes();
    const result = await readPackage(memoryByteSource(bytes));
    if (!result.ok) throw new Error('expected a valid package');
    await expect(result.readAttachment('0'.repeat(64))).rejects.toBeInstanceOf(PackageReadError);
    const drain = async (iterable: AsyncIterable<Uint8Array>) => {
      for await (const _chunk of iterable) {
        // reading is the point
      }
    };
    await expect(drain(result.openAttachment('0'.repeat(64)))).rejects.toThrow(/holds no attachment/);

    // Damage the first attachment's bytes in place, as if the file were edited after checking.
    const first = items[0];
    if (first === undefined) throw new Error('no attachment');
    const at = Buffer.from(bytes).indexOf(Buffer.from(first.bytes.subarray(0, 64)));
    expect(at).toBeGreaterThan(0);
    bytes[at + 10] = (bytes[at + 10] as number) ^ 0xff;
    await expect(result.readAttachment(first.sha256)).rejects.toThrow(/checksum|SHA-256/);
  });

  it('reports progress up to the total while writing and reading', async () => {
    const sink = memoryByteSink();
    const written: Array<[number, number]> = [];
    await writePackage(manifest, payloadsOf(items), sink, { onProgress: (done, total) => written.push([done, total]) });
    const last = written.at(-1);
    expect(last?.[0]).toBe(last?.[1]);
    expect(last?.[0]).toBeGreaterThan(300_000);
    const read: Array<[number, number]> = [];
    const result = await readPackage(memoryByteSource(sink.bytes()), { onProgress: (done, total) => read.push([done, total]) });
    expect(result.ok).toBe(true);
    expect(read.at(-1)?.[0]).toBe(read.at(-1)?.[1]);
  });

  it('refuses to write a package whose attachment bytes do not match their name or size', async () => {
    const good = items[0];
    if (good === undefined) throw new Error('no attachment');
    const wrongBytes = [{ sha256: good.sha256, size: good.bytes.byteLength, chunks: async function* () { yield pseudoRandomBytes(good.bytes.byteLength, 99); } }, ...payloadsOf(items.slice(1))];
    await expect(writePackage(manifest, wrongBytes, memoryByteSink())).rejects.toThrow(/not that attachment/);
    const short = [{ sha256: good.sha256, size: good.bytes.byteLength, chunks: async function* () { yield good.bytes.subarray(1); } }, ...payloadsOf(items.slice(1))];
    await expect(writePackage(manifest, short, memoryByteSink())).rejects.toThrow(/fewer bytes/);
    await expect(writePackage(manifest, payloadsOf(items.slice(1)), memoryByteSink())).rejects.toThrow(/bytes were not given/);
  });

  it('refuses to write a manifest the reader would reject', async () => {
    const broken = { ...manifest, mappings: [{ ...manifest.mappings[0], markingPointId: 'NOPE' }] } as typeof manifest;
    await expect(writePackage(broken, payloadsOf(items), memoryByteSink())).rejects.toThrow(/marking point "NOPE"/);
  });
});

describe('package files (Node adapters)', () => {
  let folder = '';
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'package-test-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('round-trips a 50 MB attachment through files, atomically written, hashes identical', async () => {
    const big = attachment(pseudoRandomBytes(50 * 1024 * 1024, 2024), 'audio/mpeg');
    const small = attachment(encoder.encode(WELSH), 'text/plain');
    const items = [big, small];
    const manifest = sampleManifest(items);
    const first = join(folder, 'first.portfolio');
    await writePackageFile(first, manifest, [chunkedPayload(big.sha256, big.bytes, 1024 * 1024), bytesPayload(small.sha256, small.bytes)]);

    const opened = await openPackageFile(first);
    try {
      expect(opened.manifest).toEqual(JSON.parse(JSON.stringify(manifest)));
      expect(sha256Hex(await opened.readAttachment(big.sha256))).toBe(big.sha256);
      let streamed = 0;
      const hash = (await import('node:crypto')).createHash('sha256');
      for await (const chunk of opened.openAttachment(big.sha256)) {
        streamed += chunk.byteLength;
        hash.update(chunk);
      }
      expect(streamed).toBe(big.bytes.byteLength);
      expect(hash.digest('hex')).toBe(big.sha256);

      const second = join(folder, 'second.portfolio');
      await writePackageFile(
        second,
        opened.manifest,
        opened.manifest.attachments.map((listed) => ({ sha256: listed.sha256, size: listed.size, chunks: () => opened.openAttachment(listed.sha256) })),
      );
      expect(sha256Hex(await readFile(second))).toBe(sha256Hex(await readFile(first)));
    } finally {
      await opened.close();
    }
  });

  it('leaves neither the target nor a temp file behind when writing fails', async () => {
    const item = attachment(pseudoRandomBytes(1000, 3));
    const target = join(folder, 'failed.portfolio');
    const lying = { sha256: item.sha256, size: 1000, chunks: async function* () { yield pseudoRandomBytes(1000, 4); } };
    await expect(writePackageFile(target, sampleManifest([item]), [lying])).rejects.toThrow(/not that attachment/);
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(folder)).filter((name) => name.includes('failed'))).toEqual([]);
  });

  it('reports a missing file in plain words', async () => {
    await expect(openPackageFile(join(folder, 'nope.portfolio'))).rejects.toThrow(/there is no such file/);
  });
});
