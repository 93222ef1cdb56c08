/**
 * Streams a `.portfolio` package (CONTRACTS.md §2) into a ByteSink: `manifest.json` deflated,
 * then every attachment STORED as it is (images and recordings are compressed already, and
 * storing lets a reader hash them at disk speed). Nothing larger than one chunk is held in
 * memory apart from the manifest itself. ZIP64 records are written when offsets, sizes or the
 * entry count pass the classic ZIP limits, so multi-gigabyte packages work.
 *
 * The manifest is validated exactly as a reader would, and each attachment's bytes are counted
 * and hashed while they are written, so a package this writer finishes is one the reader
 * accepts. On failure it throws PackageWriteError; the sink then holds a partial file, which
 * file-based callers discard (see cli/package-file.ts: temp file, then rename).
 */
import { deflateSync } from 'fflate';
import { type Problem, formatProblem } from '../problems';
import { type ByteSink, type HasherFactory, nobleSha256Hasher } from './byte-io';
import { type Crc32Function, crc32 as portableCrc32 } from './crc32';
import { manifestToWire, type PackageManifest } from './manifest';
import { MANIFEST_ENTRY, validateManifest } from './manifest-validation';
import {
  ATTACHMENTS_FOLDER,
  CENTRAL_HEADER_BYTES,
  END_OF_CENTRAL_DIRECTORY_BYTES,
  EXTERNAL_ATTRIBUTES_FILE,
  EXTRA_ZIP64,
  FLAG_DATA_DESCRIPTOR,
  LOCAL_HEADER_BYTES,
  MAX_COMPRESSION_RATIO,
  MAX_ENTRIES,
  MAX_ENTRY_BYTES,
  MAX_MANIFEST_BYTES,
  METHOD_DEFLATE,
  METHOD_STORED,
  RATIO_FREE_BYTES,
  SIG_CENTRAL_HEADER,
  SIG_DATA_DESCRIPTOR,
  SIG_END_OF_CENTRAL_DIRECTORY,
  SIG_LOCAL_HEADER,
  SIG_ZIP64_END,
  SIG_ZIP64_LOCATOR,
  U16_MAX,
  U32_MAX,
  VERSION_DEFLATE,
  VERSION_MADE_BY,
  VERSION_ZIP64,
  ZIP64_END_BYTES,
  ZIP64_LOCATOR_BYTES,
  dosDateTime,
  formatBytes,
  writeU16,
  writeU32,
  writeU64,
} from './zip-format';

/** The bytes of one attachment; `chunks` may be called more than once and must yield the same bytes. */
export interface AttachmentPayload {
  sha256: string;
  size: number;
  chunks: () => AsyncIterable<Uint8Array>;
}

export interface WritePackageOptions {
  /** Called after each chunk with the bytes written so far and in all (manifest + attachments). */
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  /** SHA-256 used to check each attachment against its name; Node callers pass node:crypto. */
  createHasher?: HasherFactory;
  /** CRC-32 for the ZIP records; Node callers may pass zlib.crc32. */
  crc32?: Crc32Function;
}

/** The package could not be written; `problems` says why, one Problem per thing wrong. */
export class PackageWriteError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'PackageWriteError';
  }
}

/** Attachment payload from bytes already in memory. */
export function bytesPayload(sha256: string, bytes: Uint8Array): AttachmentPayload {
  return {
    sha256,
    size: bytes.byteLength,
    // Yielded whole: the writer never copies or keeps a chunk, and sinks handle any size.
    chunks: async function* () {
      yield bytes;
    },
  };
}

interface CentralRecord {
  name: Uint8Array;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const encoder = new TextEncoder();

export async function writePackage(
  manifest: PackageManifest,
  attachments: AttachmentPayload[],
  sink: ByteSink,
  options: WritePackageOptions = {},
): Promise<void> {
  const crc32 = options.crc32 ?? portableCrc32;
  const createHasher = options.createHasher ?? nobleSha256Hasher;

  // What is written is the JSON text, so that is what gets validated (undefined members vanish).
  const manifestText = JSON.stringify(manifestToWire(manifest));
  const manifestBytes = encoder.encode(manifestText);
  if (manifestBytes.byteLength > MAX_MANIFEST_BYTES) {
    throw new PackageWriteError([{ path: MANIFEST_ENTRY, message: `The manifest would be ${formatBytes(manifestBytes.byteLength)}; a package manifest may be at most 64 MiB.` }]);
  }
  const validation = validateManifest(JSON.parse(manifestText));
  if (!validation.ok) throw new PackageWriteError(validation.problems);
  const ordered = orderPayloads(validation.manifest, attachments);

  let compressed = deflateSync(manifestBytes, { level: 6 });
  let manifestMethod = METHOD_DEFLATE;
  // Storing beats refusal: a reader rejects entries expanding over 200:1 beyond 1 MiB.
  if (compressed.byteLength >= manifestBytes.byteLength || (manifestBytes.byteLength > RATIO_FREE_BYTES && manifestBytes.byteLength > compressed.byteLength * MAX_COMPRESSION_RATIO)) {
    compressed = manifestBytes;
    manifestMethod = METHOD_STORED;
  }

  const totalBytes = compressed.byteLength + ordered.reduce((sum, payload) => sum + payload.size, 0);
  let doneBytes = 0;
  const progress = (bytes: number): void => {
    doneBytes += bytes;
    options.onProgress?.(doneBytes, totalBytes);
  };

  const out = new CoalescingSink(sink);
  const { date, time } = dosDateTime(validation.manifest.exportedAt);
  const records: CentralRecord[] = [];

  // manifest.json: sizes and CRC known up front, so no data descriptor.
  const manifestRecord: CentralRecord = {
    name: encoder.encode(MANIFEST_ENTRY),
    method: manifestMethod,
    flags: 0,
    crc: crc32(manifestBytes, 0),
    compressedSize: compressed.byteLength,
    size: manifestBytes.byteLength,
    offset: out.position,
  };
  records.push(manifestRecord);
  await out.write(localHeader(manifestRecord, date, time));
  await out.write(compressed);
  progress(compressed.byteLength);

  for (const payload of ordered) {
    // The CRC is known only after streaming, so it follows the data in a descriptor (flag 3).
    const record: CentralRecord = {
      name: encoder.encode(`${ATTACHMENTS_FOLDER}${payload.sha256}`),
      method: METHOD_STORED,
      flags: FLAG_DATA_DESCRIPTOR,
      crc: 0,
      compressedSize: payload.size,
      size: payload.size,
      offset: out.position,
    };
    records.push(record);
    await out.write(localHeader(record, date, time));
    const hasher = createHasher();
    let crc = 0;
    let written = 0;
    for await (const chunk of payload.chunks()) {
      if (chunk.byteLength === 0) continue;
      written += chunk.byteLength;
      if (written > payload.size) break;
      crc = crc32(chunk, crc);
      hasher.update(chunk);
      await out.write(chunk);
      progress(chunk.byteLength);
    }
    if (written !== payload.size) {
      throw new PackageWriteError([{
        path: `${ATTACHMENTS_FOLDER}${payload.sha256}`,
        message: `Attachment ${payload.sha256} gave ${written > payload.size ? 'more' : 'fewer'} bytes than its stated size of ${payload.size}; the package was not finished.`,
      }]);
    }
    const digest = hasher.digestHex();
    if (digest !== payload.sha256) {
      throw new PackageWriteError([{
        path: `${ATTACHMENTS_FOLDER}${payload.sha256}`,
        message: `The bytes given for attachment ${payload.sha256} have the SHA-256 ${digest}, so they are not that attachment; the package was not finished.`,
      }]);
    }
    record.crc = crc;
    const descriptor = new Uint8Array(16);
    writeU32(descriptor, 0, SIG_DATA_DESCRIPTOR);
    writeU32(descriptor, 4, crc);
    writeU32(descriptor, 8, payload.size);
    writeU32(descriptor, 12, payload.size);
    await out.write(descriptor);
  }

  const centralStart = out.position;
  for (const record of records) await out.write(centralHeader(record, date, time));
  const centralSize = out.position - centralStart;
  await out.write(endRecords(records.length, centralStart, centralSize, out.position));
  await out.flush();
}

/** Checks the payloads against the manifest's attachment list and returns them in its order. */
function orderPayloads(manifest: PackageManifest, attachments: readonly AttachmentPayload[]): AttachmentPayload[] {
  const problems: Problem[] = [];
  const bySha = new Map<string, AttachmentPayload>();
  for (const payload of attachments) {
    const path = `${ATTACHMENTS_FOLDER}${String(payload.sha256).slice(0, 64)}`;
    if (typeof payload.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(payload.sha256)) {
      problems.push({ path, message: 'An attachment is not named by a SHA-256 hash (64 lower-case hexadecimal characters).' });
    } else if (bySha.has(payload.sha256)) {
      problems.push({ path, message: `Attachment ${payload.sha256} is given more than once; a package holds each attachment once.` });
    } else if (!Number.isSafeInteger(payload.size) || payload.size < 0 || payload.size > MAX_ENTRY_BYTES) {
      problems.push({ path, message: `Attachment ${payload.sha256} has a size of ${String(payload.size)} bytes; an attachment may be at most 2 GiB.` });
    } else {
      bySha.set(payload.sha256, payload);
    }
  }
  const ordered: AttachmentPayload[] = [];
  manifest.attachments.forEach((listed, index) => {
    const payload = bySha.get(listed.sha256);
    if (payload === undefined) {
      problems.push({ path: `/attachments/${index}`, message: `The manifest lists attachment ${listed.sha256}, but its bytes were not given.` });
      return;
    }
    if (payload.size !== listed.size) {
      problems.push({ path: `/attachments/${index}/size`, message: `The manifest says attachment ${listed.sha256} is ${listed.size} bytes, but its bytes are ${payload.size}.` });
    }
    ordered.push(payload);
    bySha.delete(listed.sha256);
  });
  for (const sha256 of bySha.keys()) {
    problems.push({ path: `${ATTACHMENTS_FOLDER}${sha256}`, message: `Attachment ${sha256} was given but is not listed in the manifest.` });
  }
  if (ordered.length + 1 > MAX_ENTRIES) {
    problems.push({ path: '/attachments', message: `A package may hold at most ${MAX_ENTRIES.toLocaleString('en-GB')} entries, including the manifest.` });
  }
  if (problems.length > 0) throw new PackageWriteError(problems);
  return ordered;
}

function localHeader(record: CentralRecord, date: number, time: number): Uint8Array {
  const header = new Uint8Array(LOCAL_HEADER_BYTES + record.name.byteLength);
  const hasDescriptor = (record.flags & FLAG_DATA_DESCRIPTOR) !== 0;
  writeU32(header, 0, SIG_LOCAL_HEADER);
  writeU16(header, 4, VERSION_DEFLATE);
  writeU16(header, 6, record.flags);
  writeU16(header, 8, record.method);
  writeU16(header, 10, time);
  writeU16(header, 12, date);
  // With a data descriptor the CRC and sizes are zero here, as APPNOTE 4.4.4 says.
  writeU32(header, 14, hasDescriptor ? 0 : record.crc);
  writeU32(header, 18, hasDescriptor ? 0 : record.compressedSize);
  writeU32(header, 22, hasDescriptor ? 0 : record.size);
  writeU16(header, 26, record.name.byteLength);
  writeU16(header, 28, 0);
  header.set(record.name, LOCAL_HEADER_BYTES);
  return header;
}

function centralHeader(record: CentralRecord, date: number, time: number): Uint8Array {
  // Entries are at most 2 GiB, so only the offset can need ZIP64.
  const isZip64 = record.offset >= U32_MAX;
  const extraBytes = isZip64 ? 12 : 0;
  const header = new Uint8Array(CENTRAL_HEADER_BYTES + record.name.byteLength + extraBytes);
  writeU32(header, 0, SIG_CENTRAL_HEADER);
  writeU16(header, 4, VERSION_MADE_BY);
  writeU16(header, 6, isZip64 ? VERSION_ZIP64 : VERSION_DEFLATE);
  writeU16(header, 8, record.flags);
  writeU16(header, 10, record.method);
  writeU16(header, 12, time);
  writeU16(header, 14, date);
  writeU32(header, 16, record.crc);
  writeU32(header, 20, record.compressedSize);
  writeU32(header, 24, record.size);
  writeU16(header, 28, record.name.byteLength);
  writeU16(header, 30, extraBytes);
  writeU16(header, 32, 0);
  writeU16(header, 34, 0);
  writeU16(header, 36, 0);
  writeU32(header, 38, EXTERNAL_ATTRIBUTES_FILE);
  writeU32(header, 42, isZip64 ? U32_MAX : record.offset);
  header.set(record.name, CENTRAL_HEADER_BYTES);
  if (isZip64) {
    const extra = CENTRAL_HEADER_BYTES + record.name.byteLength;
    writeU16(header, extra, EXTRA_ZIP64);
    writeU16(header, extra + 2, 8);
    writeU64(header, extra + 4, record.offset);
  }
  return header;
}

/** ZIP64 end record and locator when anything overflows the classic fields, then the classic end record. */
function endRecords(entries: number, centralStart: number, centralSize: number, position: number): Uint8Array {
  const isZip64 = entries >= U16_MAX || centralStart >= U32_MAX || centralSize >= U32_MAX;
  const zip64Bytes = isZip64 ? ZIP64_END_BYTES + ZIP64_LOCATOR_BYTES : 0;
  const bytes = new Uint8Array(zip64Bytes + END_OF_CENTRAL_DIRECTORY_BYTES);
  if (isZip64) {
    writeU32(bytes, 0, SIG_ZIP64_END);
    writeU64(bytes, 4, ZIP64_END_BYTES - 12);
    writeU16(bytes, 12, VERSION_MADE_BY);
    writeU16(bytes, 14, VERSION_ZIP64);
    writeU32(bytes, 16, 0);
    writeU32(bytes, 20, 0);
    writeU64(bytes, 24, entries);
    writeU64(bytes, 32, entries);
    writeU64(bytes, 40, centralSize);
    writeU64(bytes, 48, centralStart);
    writeU32(bytes, 56, SIG_ZIP64_LOCATOR);
    writeU32(bytes, 60, 0);
    writeU64(bytes, 64, position);
    writeU32(bytes, 72, 1);
  }
  const end = zip64Bytes;
  writeU32(bytes, end, SIG_END_OF_CENTRAL_DIRECTORY);
  writeU16(bytes, end + 4, 0);
  writeU16(bytes, end + 6, 0);
  writeU16(bytes, end + 8, Math.min(entries, U16_MAX));
  writeU16(bytes, end + 10, Math.min(entries, U16_MAX));
  writeU32(bytes, end + 12, Math.min(centralSize, U32_MAX));
  writeU32(bytes, end + 16, Math.min(centralStart, U32_MAX));
  writeU16(bytes, end + 20, 0);
  return bytes;
}

/**
 * Gathers the many small header writes into 1 MiB blocks (fewer system calls for file sinks)
 * and passes large chunks straight through without copying. Tracks the absolute position.
 */
class CoalescingSink {
  private static readonly BLOCK = 1024 * 1024;
  private buffer = new Uint8Array(CoalescingSink.BLOCK);
  private filled = 0;
  position = 0;

  constructor(private readonly sink: ByteSink) {}

  async write(chunk: Uint8Array): Promise<void> {
    this.position += chunk.byteLength;
    if (chunk.byteLength >= 64 * 1024) {
      await this.flush();
      await this.sink.write(chunk);
      return;
    }
    if (this.filled + chunk.byteLength > this.buffer.byteLength) await this.flush();
    this.buffer.set(chunk, this.filled);
    this.filled += chunk.byteLength;
  }

  async flush(): Promise<void> {
    if (this.filled === 0) return;
    const block = this.buffer.subarray(0, this.filled);
    // A fresh block each time: the sink may keep the one it was given.
    this.buffer = new Uint8Array(CoalescingSink.BLOCK);
    this.filled = 0;
    await this.sink.write(block);
  }
}
