/**
 * ZIP64: packages over 4 GiB and with 65,535 entries or more. The 5 GiB case runs the real
 * writer and reader over a virtual file that keeps references to the (shared) chunks instead
 * of their bytes, so the test needs little memory. Its hasher and checksum are stand-ins (the
 * hasher names each attachment by its fill byte; the checksum just counts bytes) so the test
 * stays quick: SHA-256 and CRC-32 are tested elsewhere, this test is about ZIP64 records.
 */
import { describe, expect, it } from 'vitest';
import type { ByteSink, ByteSource, HasherFactory } from '../../../core/package/byte-io';
import { memoryByteSink, memoryByteSource } from '../../../core/package/byte-io';
import { readPackage } from '../../../core/package/reader';
import { type AttachmentPayload, bytesPayload, writePackage } from '../../../core/package/writer';
import { readU32 } from '../../../core/package/zip-format';
import { formatProblem } from '../../../core/problems';
import { nodeCrc32, nodeSha256Hasher } from '../../../cli/package-file';
import { attachment, sampleManifest } from './fixtures';

interface Segment {
  offset: number;
  bytes: Uint8Array;
}

/** A write-once virtual file: the sink's chunks become the source's bytes, uncopied. */
function virtualFile(): { sink: ByteSink; source: () => ByteSource } {
  const segments: Segment[] = [];
  let size = 0;
  return {
    sink: {
      write(chunk) {
        segments.push({ offset: size, bytes: chunk });
        size += chunk.byteLength;
        return Promise.resolve();
      },
    },
    source: () => ({
      size,
      read(offset, length) {
        const end = Math.min(size, offset + length);
        const out = new Uint8Array(Math.max(0, end - offset));
        let low = 0;
        let high = segments.length - 1;
        while (low < high) {
          const middle = (low + high + 1) >> 1;
          if ((segments[middle] as Segment).offset <= offset) low = middle;
          else high = middle - 1;
        }
        for (let index = low; index < segments.length; index++) {
          const segment = segments[index] as Segment;
          if (segment.offset >= end) break;
          const from = Math.max(offset, segment.offset);
          const to = Math.min(end, segment.offset + segment.bytes.byteLength);
          if (to > from) out.set(segment.bytes.subarray(from - segment.offset, to - segment.offset), from - offset);
        }
        return Promise.resolve(out);
      },
    }),
  };
}

/** Names content by its first byte, repeated: enough to tell these test attachments apart. */
const fillByteHasher: HasherFactory = () => {
  let first: number | undefined;
  return {
    update(data) {
      if (first === undefined && data.byteLength > 0) first = data[0];
      for (let index = 0; index < data.byteLength; index += 65_536) if (data[index] !== first) first = -1;
    },
    digestHex() {
      return first === undefined || first < 0 ? '0'.repeat(64) : first.toString(16).padStart(2, '0').repeat(32);
    },
  };
};

const CHUNK = 4 * 1024 * 1024;

/** Stands in for CRC-32: the writer and the reader only need to agree. */
const countingChecksum = (data: Uint8Array, previous: number): number => (previous + data.byteLength) >>> 0;

function filledPayload(fill: number, size: number): AttachmentPayload {
  const block = new Uint8Array(CHUNK).fill(fill);
  return {
    sha256: fill.toString(16).padStart(2, '0').repeat(32),
    size,
    chunks: async function* () {
      for (let done = 0; done < size; done += CHUNK) yield size - done >= CHUNK ? block : block.subarray(0, size - done);
    },
  };
}

describe('ZIP64', () => {
  it('writes and reads a 5 GiB package: ZIP64 offsets and end records', async () => {
    const size = 1024 ** 3 + 12_345;
    const payloads = [0x11, 0x22, 0x33, 0x44, 0x55].map((fill) => filledPayload(fill, size));
    const manifest = sampleManifest([]);
    manifest.attachments = payloads.map((payload) => ({ sha256: payload.sha256, size: payload.size, mediaType: 'audio/wav' }));
    const file = virtualFile();
    await writePackage(manifest, payloads, file.sink, { createHasher: fillByteHasher, crc32: countingChecksum });
    const source = file.source();
    expect(source.size).toBeGreaterThan(5 * 1024 ** 3);

    // The end of the file: ZIP64 end record, its locator, then the classic end record with sentinels.
    const tail = await source.read(source.size - 98, 98);
    expect(readU32(tail, 0)).toBe(0x06064b50);
    expect(readU32(tail, 56)).toBe(0x07064b50);
    expect(readU32(tail, 76)).toBe(0x06054b50);
    expect(readU32(tail, 76 + 16)).toBe(0xffffffff);

    const result = await readPackage(source, { createHasher: fillByteHasher, crc32: countingChecksum });
    expect(result.ok ? 'accepted' : result.problems.map(formatProblem).join('\n')).toBe('accepted');
    if (!result.ok) return;
    // The last attachment starts beyond 4 GiB: stream its first chunk to show the offset resolves.
    const last = payloads[4] as AttachmentPayload;
    const iterator = result.openAttachment(last.sha256)[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    expect(first.value?.[0]).toBe(0x55);
    await iterator.return?.();
  }, 120_000);

  it('writes and reads 65,600 entries (more than the classic 65,535)', async () => {
    const items = Array.from({ length: 65_599 }, (_, index) => attachment(new TextEncoder().encode(`note ${index}`), 'text/plain'));
    const manifest = sampleManifest([]);
    manifest.attachments = items.map((item) => ({ sha256: item.sha256, size: item.bytes.byteLength, mediaType: item.mediaType }));
    const sink = memoryByteSink();
    await writePackage(manifest, items.map((item) => bytesPayload(item.sha256, item.bytes)), sink, { createHasher: nodeSha256Hasher, crc32: nodeCrc32 });
    const bytes = sink.bytes();
    const result = await readPackage(memoryByteSource(bytes), { createHasher: nodeSha256Hasher, crc32: nodeCrc32 });
    expect(result.ok ? result.manifest.attachments.length : result.problems.map(formatProblem).join('\n')).toBe(65_599);
    // The classic end record says 0xFFFF; the ZIP64 end record holds the real count.
    expect(readU32(bytes, bytes.byteLength - 22)).toBe(0x06054b50);
    expect(bytes[bytes.byteLength - 22 + 10]).toBe(0xff);
  }, 60_000);
});
