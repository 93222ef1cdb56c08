/**
 * Node adapters for the portable package code: a FileHandle-backed ByteSource and ByteSink,
 * node:crypto SHA-256 and zlib CRC-32 (native, several times faster than the portable
 * defaults). Like core/pdf/, this folder is Node-only: the main process and the CLI import
 * it, the renderer never does.
 */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import * as zlib from 'node:zlib';
import type { ByteSink, ByteSource, HasherFactory } from '../package/byte-io';
import { type Crc32Function, crc32 as portableCrc32 } from '../package/crc32';

export const nodeSha256Hasher: HasherFactory = () => {
  const hash = createHash('sha256');
  return {
    update(data) {
      hash.update(data);
    },
    digestHex() {
      return hash.digest('hex');
    },
  };
};

/** zlib.crc32 arrived in Node 20.15; older runtimes fall back to the portable one. */
export const nodeCrc32: Crc32Function = typeof zlib.crc32 === 'function' ? (data, previous) => zlib.crc32(data, previous) : portableCrc32;

/** Reads from an open file. Each read gets a fresh buffer, as the reader keeps one read in flight. */
export function fileByteSource(handle: FileHandle, size: number): ByteSource {
  return {
    size,
    async read(offset, length) {
      const wanted = Math.max(0, Math.min(length, size - offset));
      const buffer = Buffer.allocUnsafe(wanted);
      let filled = 0;
      while (filled < wanted) {
        const { bytesRead } = await handle.read(buffer, filled, wanted - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return filled === wanted ? buffer : buffer.subarray(0, filled);
    },
  };
}

/** Writes sequentially to an open file, handling partial writes. */
export function fileByteSink(handle: FileHandle): ByteSink {
  return {
    async write(chunk) {
      let written = 0;
      while (written < chunk.byteLength) {
        const { bytesWritten } = await handle.write(chunk, written, chunk.byteLength - written);
        written += bytesWritten;
      }
    },
  };
}
