/**
 * The small platform seams of the package reader and writer. Core code never touches files or
 * Node modules: the desktop shell and the CLI pass in a file-backed ByteSource/ByteSink and a
 * fast native hasher; the portable defaults here work anywhere (renderer, tests).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * Random-access bytes, e.g. an open file. `read` may return fewer bytes only at the end. The
 * reader keeps one read in flight while it works on the previous one, so each read must return
 * bytes of its own, not a view of a buffer the next read will overwrite.
 */
export interface ByteSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** Sequential output. The writer awaits each write and never touches a chunk after passing it. */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
}

/** Incremental SHA-256; `digestHex` returns 64 lower-case hex characters. */
export interface Hasher {
  update(data: Uint8Array): void;
  digestHex(): string;
}

export type HasherFactory = () => Hasher;

/** Portable SHA-256 in plain JavaScript (about 100 MB/s); Node callers pass node:crypto instead. */
export const nobleSha256Hasher: HasherFactory = () => {
  const state = sha256.create();
  return {
    update(data) {
      state.update(data);
    },
    digestHex() {
      return bytesToHex(state.digest());
    },
  };
};

/** A ByteSource over bytes already in memory (small packages, tests, the renderer's File bytes). */
export function memoryByteSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.byteLength,
    read(offset, length) {
      const start = Math.max(0, Math.min(offset, bytes.byteLength));
      return Promise.resolve(bytes.subarray(start, Math.min(bytes.byteLength, start + Math.max(0, length))));
    },
  };
}

/**
 * A ByteSource over a Blob (in the renderer, a File the user picked): only the ranges asked
 * for are read, so a large package is never loaded whole.
 */
export function blobByteSource(blob: Blob): ByteSource {
  return {
    size: blob.size,
    async read(offset, length) {
      const start = Math.max(0, Math.min(offset, blob.size));
      return new Uint8Array(await blob.slice(start, Math.min(blob.size, start + Math.max(0, length))).arrayBuffer());
    },
  };
}

/** A ByteSink that collects everything in memory; `bytes()` joins what was written. */
export interface MemoryByteSink extends ByteSink {
  readonly size: number;
  bytes(): Uint8Array<ArrayBuffer>;
}

export function memoryByteSink(): MemoryByteSink {
  const chunks: Uint8Array[] = [];
  let size = 0;
  return {
    get size() {
      return size;
    },
    write(chunk) {
      // Copied because a caller may reuse its buffer once the write has resolved.
      chunks.push(chunk.slice());
      size += chunk.byteLength;
      return Promise.resolve();
    },
    bytes() {
      return concatBytes(chunks);
    },
  };
}

/** The parts joined into one new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
