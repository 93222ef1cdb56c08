/**
 * Reads and fully checks a `.portfolio` package (CONTRACTS.md §2) over a random-access
 * ByteSource, without ever holding the whole file in memory:
 *
 * 1. the end records and the central directory (the ZIP's table of contents), bounded before
 *    anything is read: entry count, table size, offsets inside the file;
 * 2. every entry's name, method, flags and sizes, and its local header (and data descriptor)
 *    against the central directory, so an entry cannot claim one size and hold another;
 * 3. `manifest.json`, inflated in bounded steps and counted as it goes, then UTF-8, JSON, the
 *    format version, the schema and the cross-references;
 * 4. every attachment streamed in large chunks (the next read already in flight) through
 *    CRC-32 and SHA-256, which must equal its name.
 *
 * Every refusal is a Problem naming the entry, in plain words. Nothing is changed anywhere.
 */
import { Inflate } from 'fflate';
import { type Problem, formatProblem, listedProblems } from '../problems';
import { type ByteSource, type HasherFactory, nobleSha256Hasher } from './byte-io';
import { type Crc32Function, crc32 as portableCrc32 } from './crc32';
import { checkEntryName, quoteEntryName } from './entry-names';
import type { PackageManifest } from './manifest';
import { MANIFEST_ENTRY, parseManifestBytes } from './manifest-validation';
import {
  ATTACHMENTS_FOLDER,
  CENTRAL_HEADER_BYTES,
  END_OF_CENTRAL_DIRECTORY_BYTES,
  EXTRA_ZIP64,
  FLAG_DATA_DESCRIPTOR,
  FLAG_ENCRYPTED,
  FLAG_MASKED_HEADERS,
  FLAG_STRONG_ENCRYPTION,
  LOCAL_HEADER_BYTES,
  MAX_CENTRAL_DIRECTORY_BYTES,
  MAX_COMMENT_BYTES,
  MAX_COMPRESSION_RATIO,
  MAX_ENTRIES,
  MAX_ENTRY_BYTES,
  MAX_MANIFEST_BYTES,
  METHOD_DEFLATE,
  METHOD_STORED,
  RATIO_FREE_BYTES,
  READ_CHUNK_BYTES,
  TOTAL_RATIO_FREE_BYTES,
  SIG_CENTRAL_HEADER,
  SIG_DATA_DESCRIPTOR,
  SIG_END_OF_CENTRAL_DIRECTORY,
  SIG_LOCAL_HEADER,
  SIG_ZIP64_END,
  SIG_ZIP64_LOCATOR,
  U16_MAX,
  U32_MAX,
  ZIP64_END_BYTES,
  ZIP64_LOCATOR_BYTES,
  formatBytes,
  readU16,
  readU32,
  readU64,
} from './zip-format';

export interface ReadPackageOptions {
  /** SHA-256 for checking attachments; Node callers pass node:crypto (much faster than the default). */
  createHasher?: HasherFactory;
  /** Called after each chunk with the bytes checked so far and in all. */
  onProgress?: (done: number, total: number) => void;
  /** CRC-32 for the ZIP checksums; Node callers may pass zlib.crc32. */
  crc32?: Crc32Function;
}

export type ReadPackageResult =
  | {
      ok: true;
      manifest: PackageManifest;
      /** Streams an attachment's bytes, checking size, CRC-32 and SHA-256 again as they pass. */
      openAttachment(sha256: string): AsyncIterable<Uint8Array>;
      readAttachment(sha256: string): Promise<Uint8Array>;
    }
  | { ok: false; problems: Problem[] };

/** An attachment failed a check when read after validation (for example, the file changed since). */
export class PackageReadError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'PackageReadError';
  }
}

/** A refusal found while reading one entry; carried out of generators as an exception. */
class EntryProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
    this.name = 'EntryProblem';
  }
}

/** One entry as the central directory describes it, once its local header has been checked. */
interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** Where the entry's (compressed) data starts, known after the local header is read. */
  dataStart: number;
  /** Where the entry ends: after its data and its data descriptor, if it has one. */
  dataEnd: number;
  hasZip64Extra: boolean;
}

interface ReadContext {
  source: ByteSource;
  crc32: Crc32Function;
  createHasher: HasherFactory;
}

const NOT_A_PACKAGE = 'This file is not a complete ZIP package';

export async function readPackage(source: ByteSource, options: ReadPackageOptions = {}): Promise<ReadPackageResult> {
  const context: ReadContext = {
    source: windowedSource(source),
    crc32: options.crc32 ?? portableCrc32,
    createHasher: options.createHasher ?? nobleSha256Hasher,
  };
  let result: ReadPackageResult;
  try {
    result = await readChecked(context, options.onProgress);
  } catch (error) {
    if (!(error instanceof EntryProblem)) throw error;
    result = { ok: false, problems: [error.problem] };
  }
  return result.ok ? result : { ok: false, problems: listedProblems(result.problems) };
}


async function readChecked(context: ReadContext, onProgress: ReadPackageOptions['onProgress']): Promise<ReadPackageResult> {
  const directory = await readCentralDirectory(context.source);
  if (!directory.ok) return { ok: false, problems: directory.problems };
  const entries = directory.entries;

  const manifestEntry = entries.find((entry) => entry.name === MANIFEST_ENTRY);
  if (manifestEntry === undefined) {
    return { ok: false, problems: [{ path: MANIFEST_ENTRY, message: `The package has no ${MANIFEST_ENTRY}, so it is not a portfolio package (or it is damaged).` }] };
  }
  const attachmentEntries = new Map<string, ZipEntry>();
  for (const entry of entries) if (entry !== manifestEntry) attachmentEntries.set(entry.name.slice(ATTACHMENTS_FOLDER.length), entry);

  const total = entries.reduce((sum, entry) => sum + entry.compressedSize, 0);
  let done = 0;
  const progress = (bytes: number): void => {
    done += bytes;
    onProgress?.(done, total);
  };

  // The manifest: at most 64 MiB (checked against the directory already), read into one buffer.
  const manifestBytes = new Uint8Array(manifestEntry.size);
  let filled = 0;
  for await (const chunk of entryData(context, manifestEntry, progress)) {
    manifestBytes.set(chunk, filled);
    filled += chunk.byteLength;
  }
  const parsed = parseManifestBytes(manifestBytes);
  if (!parsed.ok) {
    const isSchemaReport = parsed.problems.some((problem) => problem.path.startsWith('/') && problem.path !== '/format');
    const problems = isSchemaReport
      ? [{ path: MANIFEST_ENTRY, message: `${MANIFEST_ENTRY} does not follow the package format; the problems are listed below.` }, ...parsed.problems]
      : parsed.problems;
    return { ok: false, problems };
  }
  const manifest = parsed.manifest;

  // Every listed attachment is held, every held attachment is listed, with the same size.
  const problems: Problem[] = [];
  const listed = new Set<string>();
  for (const attachment of manifest.attachments) {
    listed.add(attachment.sha256);
    const entryName = `${ATTACHMENTS_FOLDER}${attachment.sha256}`;
    const entry = attachmentEntries.get(attachment.sha256);
    if (entry === undefined) {
      problems.push({ path: entryName, message: `The manifest lists attachment ${attachment.sha256}, but the package does not hold the entry "${entryName}"; the attachment is missing.` });
    } else if (entry.size !== attachment.size) {
      problems.push({ path: entryName, message: `The package entry "${entryName}" is ${entry.size} bytes, but the manifest says this attachment is ${attachment.size} bytes.` });
    }
  }
  for (const [sha256, entry] of attachmentEntries) {
    if (!listed.has(sha256)) problems.push({ path: entry.name, message: `The package entry "${entry.name}" is not listed in the manifest's attachments.` });
  }
  if (problems.length > 0) return { ok: false, problems };

  // Hash every attachment in file order (sequential reads), reporting each one that fails.
  const byOffset = [...attachmentEntries.values()].sort((a, b) => a.localOffset - b.localOffset);
  for (const entry of byOffset) {
    try {
      await checkAttachment(context, entry, progress);
    } catch (error) {
      if (!(error instanceof EntryProblem)) throw error;
      problems.push(error.problem);
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const findEntry = (sha256: string): ZipEntry => {
    const entry = attachmentEntries.get(sha256);
    if (entry === undefined) {
      throw new PackageReadError([{ path: `${ATTACHMENTS_FOLDER}${String(sha256).slice(0, 64)}`, message: `The package holds no attachment ${String(sha256).slice(0, 64)}.` }]);
    }
    return entry;
  };
  // Lazy like a generator: an unknown attachment is reported when iteration starts.
  const openAttachment = (sha256: string): AsyncIterable<Uint8Array> => ({
    [Symbol.asyncIterator]: () => verifiedAttachment(context, findEntry(sha256)),
  });
  return {
    ok: true,
    manifest,
    openAttachment,
    async readAttachment(sha256) {
      const entry = findEntry(sha256);
      const bytes = new Uint8Array(entry.size);
      let offset = 0;
      for await (const chunk of verifiedAttachment(context, entry)) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return bytes;
    },
  };
}

/** Streams an attachment once more after validation; the file may have changed meanwhile. */
async function* verifiedAttachment(context: ReadContext, entry: ZipEntry): AsyncGenerator<Uint8Array> {
  const hasher = context.createHasher();
  try {
    for await (const chunk of entryData(context, entry, undefined)) {
      hasher.update(chunk);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof EntryProblem) throw new PackageReadError([error.problem]);
    throw error;
  }
  const expected = entry.name.slice(ATTACHMENTS_FOLDER.length);
  if (hasher.digestHex() !== expected) throw new PackageReadError([hashProblem(entry)]);
}

async function checkAttachment(context: ReadContext, entry: ZipEntry, progress: (bytes: number) => void): Promise<void> {
  const hasher = context.createHasher();
  for await (const chunk of entryData(context, entry, progress)) hasher.update(chunk);
  if (hasher.digestHex() !== entry.name.slice(ATTACHMENTS_FOLDER.length)) throw new EntryProblem(hashProblem(entry));
}

function hashProblem(entry: ZipEntry): Problem {
  return {
    path: entry.name,
    message: `The bytes of the package entry "${entry.name}" do not have the SHA-256 its name says; the attachment is damaged or has been altered.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Entry data: bounded reads, bounded inflation, counted and checksummed

/**
 * Inflating this much compressed input at a time bounds each step's output to about 64 MiB
 * (deflate expands at most 1032:1), and the count is checked after every step.
 */
const INFLATE_STEP_BYTES = 64 * 1024;

function tooLargeProblem(entry: ZipEntry): EntryProblem {
  return new EntryProblem({
    path: entry.name,
    message: `The package entry ${quoteEntryName(entry.name)} is larger than its declared size of ${entry.size} bytes; it is damaged or has been tampered with.`,
  });
}

/** Yields an entry's uncompressed bytes; throws EntryProblem if they differ from what is declared. */
async function* entryData(context: ReadContext, entry: ZipEntry, progress: ((bytes: number) => void) | undefined): AsyncGenerator<Uint8Array> {
  let produced = 0;
  let crc = 0;
  if (entry.method === METHOD_STORED) {
    // Stored entries hold exactly their declared size (checked against the directory), so
    // reading that many bytes can never yield more.
    if (entry.compressedSize <= READ_CHUNK_BYTES) {
      const chunk = await readChunk(context.source, entry.dataStart, entry.compressedSize, entry.name);
      progress?.(chunk.byteLength);
      produced = chunk.byteLength;
      crc = context.crc32(chunk, crc);
      if (chunk.byteLength > 0) yield chunk;
    } else {
      for await (const chunk of readRange(context.source, entry.dataStart, entry.compressedSize, entry.name)) {
        progress?.(chunk.byteLength);
        produced += chunk.byteLength;
        if (produced > entry.size) throw tooLargeProblem(entry);
        crc = context.crc32(chunk, crc);
        yield chunk;
      }
    }
  } else {
    if (entry.compressedSize === 0) {
      throw new EntryProblem({ path: entry.name, message: `The package entry ${quoteEntryName(entry.name)} is marked as compressed but holds no data.` });
    }
    const output: Uint8Array[] = [];
    const inflater = new Inflate((data) => {
      if (data.byteLength > 0) output.push(data);
    });
    let consumed = 0;
    for await (const chunk of readRange(context.source, entry.dataStart, entry.compressedSize, entry.name)) {
      progress?.(chunk.byteLength);
      for (let step = 0; step < chunk.byteLength; step += INFLATE_STEP_BYTES) {
        const piece = chunk.subarray(step, Math.min(chunk.byteLength, step + INFLATE_STEP_BYTES));
        consumed += piece.byteLength;
        try {
          inflater.push(piece, consumed === entry.compressedSize);
        } catch {
          throw new EntryProblem({ path: entry.name, message: `The compressed data of the package entry ${quoteEntryName(entry.name)} is damaged and cannot be unpacked.` });
        }
        // Count before keeping anything, so a bomb is stopped within one step.
        for (const data of output.splice(0)) {
          produced += data.byteLength;
          if (produced > entry.size) throw tooLargeProblem(entry);
          crc = context.crc32(data, crc);
          yield data;
        }
      }
    }
  }
  if (produced !== entry.size) {
    throw new EntryProblem({ path: entry.name, message: `The package entry ${quoteEntryName(entry.name)} holds ${produced} bytes, fewer than its declared ${entry.size}; it is damaged or cut short.` });
  }
  if (crc !== entry.crc) {
    throw new EntryProblem({ path: entry.name, message: `The package entry ${quoteEntryName(entry.name)} fails its checksum (CRC-32); its bytes are damaged.` });
  }
}

/** One read of exactly `length` bytes of an entry; a short read means the file ended early or changed. */
async function readChunk(source: ByteSource, at: number, length: number, name: string): Promise<Uint8Array> {
  const bytes = await source.read(at, length);
  if (bytes.byteLength < length) {
    throw new EntryProblem({ path: name, message: `${NOT_A_PACKAGE}: the file ends inside the entry ${quoteEntryName(name)} (it is cut short or changed while being read).` });
  }
  return bytes.byteLength === length ? bytes : bytes.subarray(0, length);
}

/**
 * Reads [start, start + length) in large chunks with the next read already in flight, so the
 * disk and the hashing overlap.
 */
async function* readRange(source: ByteSource, start: number, length: number, name: string): AsyncGenerator<Uint8Array> {
  const end = start + length;
  let position = start;
  let pending: Promise<Uint8Array> | undefined;
  const request = (): Promise<Uint8Array> | undefined => {
    if (position >= end) return undefined;
    const want = Math.min(READ_CHUNK_BYTES, end - position);
    const read = readChunk(source, position, want, name);
    position += want;
    // If the consumer stops early, a read still in flight must not become an unhandled rejection.
    read.catch(() => undefined);
    return read;
  };
  pending = request();
  while (pending !== undefined) {
    const current = pending;
    pending = request();
    yield await current;
  }
}

/**
 * Serves small reads (headers, descriptors, tiny entries) from a 64 KiB window read ahead in
 * one go, so a package of 100,000 small entries costs hundreds of reads, not hundreds of
 * thousands. Large reads pass straight through. Windows are never reused, so every returned
 * view stays valid.
 */
function windowedSource(source: ByteSource): ByteSource {
  const WINDOW = 64 * 1024;
  const SMALL = 16 * 1024;
  let windowStart = 0;
  let window: Uint8Array = new Uint8Array(0);
  return {
    size: source.size,
    async read(offset, length) {
      if (length > SMALL) return source.read(offset, length);
      const isInWindow = offset >= windowStart && offset + length <= windowStart + window.byteLength;
      if (!isInWindow) {
        const end = Math.min(source.size, offset + Math.max(WINDOW, length));
        window = offset < end ? await source.read(offset, end - offset) : new Uint8Array(0);
        windowStart = offset;
      }
      const from = offset - windowStart;
      return window.subarray(from, Math.min(window.byteLength, from + length));
    },
  };
}

async function readExactly(source: ByteSource, offset: number, length: number, what: string): Promise<Uint8Array> {
  if (offset < 0 || offset + length > source.size) throw new EntryProblem({ path: '', message: `${NOT_A_PACKAGE}: ${what} lies outside the file.` });
  const bytes = await source.read(offset, length);
  if (bytes.byteLength < length) throw new EntryProblem({ path: '', message: `${NOT_A_PACKAGE}: the file ends inside ${what}.` });
  return bytes.byteLength === length ? bytes : bytes.subarray(0, length);
}

// ---------------------------------------------------------------------------------------------
// End records and central directory

type DirectoryResult = { ok: true; entries: ZipEntry[] } | { ok: false; problems: Problem[] };

const refuse = (message: string, path = ''): DirectoryResult => ({ ok: false, problems: [{ path, message }] });

async function readCentralDirectory(source: ByteSource): Promise<DirectoryResult> {
  const size = source.size;
  if (!Number.isSafeInteger(size) || size < END_OF_CENTRAL_DIRECTORY_BYTES) {
    return refuse(`${NOT_A_PACKAGE}: it is only ${Math.max(0, size)} bytes long.`);
  }
  const tailLength = Math.min(size, END_OF_CENTRAL_DIRECTORY_BYTES + MAX_COMMENT_BYTES + ZIP64_LOCATOR_BYTES);
  const tailStart = size - tailLength;
  const tail = await readExactly(source, tailStart, tailLength, 'its last bytes');

  // The end record is the last signature whose comment reaches exactly to the end of the file.
  let end = -1;
  for (let index = tail.byteLength - END_OF_CENTRAL_DIRECTORY_BYTES; index >= 0; index--) {
    if (readU32(tail, index) === SIG_END_OF_CENTRAL_DIRECTORY && index + END_OF_CENTRAL_DIRECTORY_BYTES + readU16(tail, index + 20) === tail.byteLength) {
      end = index;
      break;
    }
  }
  if (end < 0) {
    return refuse(`${NOT_A_PACKAGE}: its closing record (the end of the ZIP's table of contents) is missing, so it is cut short or not a package at all.`);
  }
  // A second self-consistent end record further back means a comment hides one: other ZIP
  // tools could then see a different package from this one, so neither is trusted.
  for (let index = end - 1; index >= 0; index--) {
    if (readU32(tail, index) === SIG_END_OF_CENTRAL_DIRECTORY && index + END_OF_CENTRAL_DIRECTORY_BYTES + readU16(tail, index + 20) === tail.byteLength) {
      return refuse(`${NOT_A_PACKAGE}: it has two closing records (one hidden in a ZIP comment), so different programs could see different contents.`);
    }
  }
  const endOffset = tailStart + end;
  const diskNumber = readU16(tail, end + 4);
  const directoryDisk = readU16(tail, end + 6);
  let entriesOnDisk = readU16(tail, end + 8);
  let entryCount = readU16(tail, end + 10);
  let directorySize = readU32(tail, end + 12);
  let directoryOffset = readU32(tail, end + 16);
  let directoryLimit = endOffset;

  const hasLocator = end >= ZIP64_LOCATOR_BYTES && readU32(tail, end - ZIP64_LOCATOR_BYTES) === SIG_ZIP64_LOCATOR;
  if (hasLocator) {
    const locator = end - ZIP64_LOCATOR_BYTES;
    const zip64Offset = readU64(tail, locator + 8);
    const locatorOffset = tailStart + locator;
    if (readU32(tail, locator + 4) !== 0 || readU32(tail, locator + 16) > 1) {
      return refuse(`${NOT_A_PACKAGE}: it is split across several files (a multi-part ZIP), which packages never are.`);
    }
    if (!(zip64Offset + ZIP64_END_BYTES <= locatorOffset)) {
      return refuse(`${NOT_A_PACKAGE}: its ZIP64 end record points outside the file.`);
    }
    const record = await readExactly(source, zip64Offset, ZIP64_END_BYTES, 'the ZIP64 end record');
    if (readU32(record, 0) !== SIG_ZIP64_END) return refuse(`${NOT_A_PACKAGE}: its ZIP64 end record is missing or damaged.`);
    // The record's own size (after its first 12 bytes) must bring it exactly to the locator.
    if (zip64Offset + 12 + readU64(record, 4) !== locatorOffset) {
      return refuse(`${NOT_A_PACKAGE}: bytes that belong to nothing lie between its ZIP64 end record and the record that points to it.`);
    }
    if (readU32(record, 16) !== 0 || readU32(record, 20) !== 0) {
      return refuse(`${NOT_A_PACKAGE}: it is split across several files (a multi-part ZIP), which packages never are.`);
    }
    const zip64 = { entriesOnDisk: readU64(record, 24), entryCount: readU64(record, 32), directorySize: readU64(record, 40), directoryOffset: readU64(record, 48) };
    // Where the classic record gives a real value (not its "see ZIP64" maximum), it must agree:
    // tools that read only the classic record would otherwise see another table of contents.
    const disagrees = (classic: number, maximum: number, wide: number): boolean => classic !== maximum && classic !== wide;
    if (
      disagrees(entriesOnDisk, U16_MAX, zip64.entriesOnDisk) ||
      disagrees(entryCount, U16_MAX, zip64.entryCount) ||
      disagrees(directorySize, U32_MAX, zip64.directorySize) ||
      disagrees(directoryOffset, U32_MAX, zip64.directoryOffset)
    ) {
      return refuse(`${NOT_A_PACKAGE}: its two closing records (the classic one and the ZIP64 one) describe different tables of contents, so different programs could see different contents.`);
    }
    ({ entriesOnDisk, entryCount, directorySize, directoryOffset } = zip64);
    directoryLimit = zip64Offset;
  } else {
    if (directorySize === U32_MAX || directoryOffset === U32_MAX) {
      return refuse(`${NOT_A_PACKAGE}: it needs ZIP64 records to say where its table of contents is, and they are missing.`);
    }
    if (diskNumber !== 0 || directoryDisk !== 0) {
      return refuse(`${NOT_A_PACKAGE}: it is split across several files (a multi-part ZIP), which packages never are.`);
    }
  }

  if (entryCount > MAX_ENTRIES) {
    return refuse(`The package holds ${entryCount === Number.POSITIVE_INFINITY ? 'an impossible number of' : entryCount.toLocaleString('en-GB')} entries; at most ${MAX_ENTRIES.toLocaleString('en-GB')} are allowed.`);
  }
  if (entriesOnDisk !== entryCount) {
    return refuse(`${NOT_A_PACKAGE}: it is split across several files (a multi-part ZIP), which packages never are.`);
  }
  if (!(directoryOffset + directorySize <= directoryLimit)) {
    return refuse(`${NOT_A_PACKAGE}: its table of contents (central directory) is said to lie beyond the end of the file; it is cut short or damaged.`);
  }
  if (directoryOffset + directorySize < directoryLimit) {
    return refuse(`${NOT_A_PACKAGE}: ${directoryLimit - directoryOffset - directorySize} bytes that belong to nothing lie between its table of contents and its closing record.`);
  }
  if (directorySize > MAX_CENTRAL_DIRECTORY_BYTES) {
    return refuse(`The package's table of contents is ${formatBytes(directorySize)}; no honest package needs more than ${formatBytes(MAX_CENTRAL_DIRECTORY_BYTES)}.`);
  }
  if (directorySize < entryCount * CENTRAL_HEADER_BYTES) {
    return refuse(`${NOT_A_PACKAGE}: its table of contents is too small for the ${entryCount} entries it announces.`);
  }
  if (entryCount === 0) return refuse(`The package is an empty ZIP file: it has no ${MANIFEST_ENTRY}, so it is not a portfolio package.`, MANIFEST_ENTRY);

  const directory = await readExactly(source, directoryOffset, directorySize, 'its table of contents');
  const parsed = parseDirectory(directory, entryCount, directoryOffset);
  if (!parsed.ok) return parsed;
  return checkLocalHeaders(source, parsed.entries, directoryOffset);
}

/** Parses central directory records and checks what each one declares. */
function parseDirectory(directory: Uint8Array, entryCount: number, directoryOffset: number): DirectoryResult {
  const problems: Problem[] = [];
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let position = 0;
  for (let index = 0; index < entryCount; index++) {
    if (position + CENTRAL_HEADER_BYTES > directory.byteLength || readU32(directory, position) !== SIG_CENTRAL_HEADER) {
      return refuse(`${NOT_A_PACKAGE}: its table of contents is damaged at entry ${index + 1} of ${entryCount}.`);
    }
    const flags = readU16(directory, position + 8);
    const method = readU16(directory, position + 10);
    const crc = readU32(directory, position + 16);
    let compressedSize = readU32(directory, position + 20);
    let size = readU32(directory, position + 24);
    const nameLength = readU16(directory, position + 28);
    const extraLength = readU16(directory, position + 30);
    const commentLength = readU16(directory, position + 32);
    const startDisk = readU16(directory, position + 34);
    const madeBy = readU16(directory, position + 4);
    const externalAttributes = readU32(directory, position + 38);
    let localOffset = readU32(directory, position + 42);
    const recordEnd = position + CENTRAL_HEADER_BYTES + nameLength + extraLength + commentLength;
    if (recordEnd > directory.byteLength) {
      return refuse(`${NOT_A_PACKAGE}: its table of contents is damaged at entry ${index + 1} of ${entryCount}.`);
    }
    const nameBytes = directory.subarray(position + CENTRAL_HEADER_BYTES, position + CENTRAL_HEADER_BYTES + nameLength);
    const name = decodeName(nameBytes);
    const extra = directory.subarray(position + CENTRAL_HEADER_BYTES + nameLength, position + CENTRAL_HEADER_BYTES + nameLength + extraLength);
    position = recordEnd;

    // ZIP64 values replace the 32-bit fields that hold 0xFFFFFFFF, in this order; a missing one
    // reads as NaN and is refused below.
    if (size === U32_MAX || compressedSize === U32_MAX || localOffset === U32_MAX) {
      const zip64 = findExtra(extra, EXTRA_ZIP64) ?? new Uint8Array(0);
      let cursor = 0;
      const next = (): number => {
        const value = cursor + 8 <= zip64.byteLength ? readU64(zip64, cursor) : Number.NaN;
        cursor += 8;
        return value;
      };
      if (size === U32_MAX) size = next();
      if (compressedSize === U32_MAX) compressedSize = next();
      if (localOffset === U32_MAX) localOffset = next();
    }
    if (!Number.isSafeInteger(size) || !Number.isSafeInteger(compressedSize) || !Number.isSafeInteger(localOffset)) {
      problems.push({ path: name, message: `${NOT_A_PACKAGE}: the table of contents gives impossible sizes or offsets for the entry ${quoteEntryName(name)}.` });
      continue;
    }

    const nameCheck = checkEntryName(name);
    if (!nameCheck.ok) {
      problems.push({ path: name, message: nameCheck.message });
      continue;
    }
    if (names.has(name)) {
      problems.push({ path: name, message: `The package entry ${quoteEntryName(name)} appears more than once; each entry may appear only once.` });
      continue;
    }
    names.add(name);
    // Other tools would show or write such an entry differently from what this reader checks.
    if (findExtra(extra, EXTRA_UNICODE_PATH) !== undefined) {
      problems.push({ path: name, message: `The package entry ${quoteEntryName(name)} carries a second, "Unicode path" name that other programs use instead of its own; a package may not.` });
      continue;
    }
    if (isLinkOrSpecialFile(madeBy, externalAttributes)) {
      problems.push({ path: name, message: `The package entry ${quoteEntryName(name)} is marked as a link or special file, not a file of bytes; a package may hold only files.` });
      continue;
    }
    if (startDisk !== 0 && startDisk !== U16_MAX) {
      problems.push({ path: name, message: `${NOT_A_PACKAGE}: the entry ${quoteEntryName(name)} is on another disk of a multi-part ZIP.` });
      continue;
    }
    if ((flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION | FLAG_MASKED_HEADERS)) !== 0) {
      problems.push({ path: name, message: `The package entry ${quoteEntryName(name)} is encrypted (password-protected); packages must not be encrypted.` });
      continue;
    }
    if (method !== METHOD_STORED && method !== METHOD_DEFLATE) {
      problems.push({ path: name, message: `The package entry ${quoteEntryName(name)} uses compression method ${method}${METHOD_NAMES[method] ? ` (${METHOD_NAMES[method]})` : ''}, which this app cannot unpack; only "stored" (0) and "deflate" (8) are supported.` });
      continue;
    }
    const problem = sizeProblem(name, method, compressedSize, size);
    if (problem !== undefined) {
      problems.push(problem);
      continue;
    }
    if (localOffset + LOCAL_HEADER_BYTES + nameLength + compressedSize > directoryOffset) {
      problems.push({ path: name, message: `${NOT_A_PACKAGE}: the table of contents places the entry ${quoteEntryName(name)} where it cannot be (its data would run past the start of the table of contents).` });
      continue;
    }
    entries.push({ name, flags, method, crc, compressedSize, size, localOffset, dataStart: -1, dataEnd: -1, hasZip64Extra: false });
  }
  if (position !== directory.byteLength && problems.length === 0) {
    problems.push({ path: '', message: `${NOT_A_PACKAGE}: its table of contents holds more than the ${entryCount} entries its closing record announces.` });
  }
  if (problems.length === 0) {
    const expansion = totalExpansionProblem(entries);
    if (expansion !== undefined) problems.push(expansion);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, entries };
}

/**
 * The whole archive's rule (CONTRACTS.md §2): many entries each just inside the per-entry
 * limit (1,500 of 1 MiB of zeros) together expand to gigabytes. Checked on the sizes the table
 * of contents declares, before any entry is unpacked; an entry can never yield more than it
 * declares (entryData stops it), so the declared sums bound what reading will produce.
 */
function totalExpansionProblem(entries: readonly ZipEntry[]): Problem | undefined {
  let size = 0;
  let compressedSize = 0;
  for (const entry of entries) {
    if (entry.method !== METHOD_DEFLATE) continue;
    size += entry.size;
    compressedSize += entry.compressedSize;
  }
  if (size <= TOTAL_RATIO_FREE_BYTES || size <= compressedSize * MAX_COMPRESSION_RATIO) return undefined;
  return {
    path: '',
    message: `The package's compressed entries would together expand from ${formatBytes(compressedSize)} to ${formatBytes(size)}, more than ${MAX_COMPRESSION_RATIO} times; such "zip bombs" are refused.`,
  };
}

const METHOD_NAMES: Record<number, string> = {
  1: 'shrink', 6: 'implode', 9: 'deflate64', 12: 'bzip2', 14: 'LZMA', 93: 'Zstandard', 95: 'xz', 98: 'PPMd', 99: 'AES encryption',
};

function sizeProblem(name: string, method: number, compressedSize: number, size: number): Problem | undefined {
  if (size > MAX_ENTRY_BYTES) {
    return { path: name, message: `The package entry ${quoteEntryName(name)} is ${formatBytes(size)} when unpacked; an entry may be at most 2 GiB.` };
  }
  if (name === MANIFEST_ENTRY && size > MAX_MANIFEST_BYTES) {
    return { path: name, message: `The package entry ${quoteEntryName(name)} is ${formatBytes(size)}; a manifest may be at most 64 MiB.` };
  }
  if (method === METHOD_STORED && compressedSize !== size) {
    return compressedSize > size
      ? { path: name, message: `The package entry ${quoteEntryName(name)} is larger than declared: it is stored as ${compressedSize} bytes but declared as ${size}.` }
      : { path: name, message: `${NOT_A_PACKAGE}: the entry ${quoteEntryName(name)} is stored as ${compressedSize} bytes but declared as ${size}.` };
  }
  if (size > RATIO_FREE_BYTES && size > compressedSize * MAX_COMPRESSION_RATIO) {
    return {
      path: name,
      message: `The package entry ${quoteEntryName(name)} would expand from ${formatBytes(compressedSize)} to ${formatBytes(size)}, more than ${MAX_COMPRESSION_RATIO} times; such "zip bombs" are refused.`,
    };
  }
  return undefined;
}

/** Reads each local header and checks it agrees with the central directory. */
async function checkLocalHeaders(source: ByteSource, entries: ZipEntry[], directoryOffset: number): Promise<DirectoryResult> {
  const problems: Problem[] = [];
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let index = 0; index < byOffset.length; index++) {
    const entry = byOffset[index] as ZipEntry;
    const problem = await checkLocalHeader(source, entry, directoryOffset);
    if (problem !== undefined) {
      problems.push(problem);
      continue;
    }
    // Entries follow one another without gaps or overlaps, as every ZIP writer lays them out.
    // Bytes nobody accounts for are how an entry hides more data than it declares.
    const next = byOffset[index + 1];
    const nextStart = next?.localOffset ?? directoryOffset;
    if (index === 0 && entry.localOffset > 0) {
      problems.push({ path: entry.name, message: `${NOT_A_PACKAGE}: ${entry.localOffset} bytes that belong to no entry come before the entry ${quoteEntryName(entry.name)}.` });
    }
    if (entry.dataEnd > nextStart) {
      problems.push({
        path: entry.name,
        message: next === undefined
          ? `${NOT_A_PACKAGE}: the entry ${quoteEntryName(entry.name)} runs into the table of contents.`
          : `${NOT_A_PACKAGE}: the entry ${quoteEntryName(entry.name)} overlaps the entry ${quoteEntryName(next.name)}, which honest ZIP files never do.`,
      });
    } else if (entry.dataEnd < nextStart) {
      problems.push({
        path: entry.name,
        message: `The package entry ${quoteEntryName(entry.name)} is followed by ${nextStart - entry.dataEnd} bytes that belong to no entry; it may be larger than declared, or the file has been tampered with.`,
      });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, entries };
}

function mismatchProblem(entry: ZipEntry, what: string): Problem {
  return {
    path: entry.name,
    message: `The package entry ${quoteEntryName(entry.name)} has a different ${what} in its own header than in the package's table of contents; it is damaged or has been tampered with.`,
  };
}

async function checkLocalHeader(source: ByteSource, entry: ZipEntry, directoryOffset: number): Promise<Problem | undefined> {
  // One read usually covers the fixed part, the name and a short extra field.
  const fixed = await source.read(entry.localOffset, Math.min(LOCAL_HEADER_BYTES + 160, directoryOffset - entry.localOffset));
  if (fixed.byteLength < LOCAL_HEADER_BYTES || readU32(fixed, 0) !== SIG_LOCAL_HEADER) {
    return { path: entry.name, message: `${NOT_A_PACKAGE}: the entry ${quoteEntryName(entry.name)} is not where the table of contents says it is.` };
  }
  const flags = readU16(fixed, 6);
  const method = readU16(fixed, 8);
  const crc = readU32(fixed, 14);
  let compressedSize = readU32(fixed, 18);
  let size = readU32(fixed, 22);
  const nameLength = readU16(fixed, 26);
  const extraLength = readU16(fixed, 28);
  const dataStart = entry.localOffset + LOCAL_HEADER_BYTES + nameLength + extraLength;
  if (dataStart + entry.compressedSize > directoryOffset) {
    return { path: entry.name, message: `${NOT_A_PACKAGE}: the data of the entry ${quoteEntryName(entry.name)} runs into the table of contents.` };
  }
  const variable = LOCAL_HEADER_BYTES + nameLength + extraLength <= fixed.byteLength
    ? fixed.subarray(LOCAL_HEADER_BYTES, LOCAL_HEADER_BYTES + nameLength + extraLength)
    : await source.read(entry.localOffset + LOCAL_HEADER_BYTES, nameLength + extraLength);
  if (variable.byteLength < nameLength + extraLength) return { path: entry.name, message: `${NOT_A_PACKAGE}: the file ends inside the entry ${quoteEntryName(entry.name)}.` };
  if (decodeName(variable.subarray(0, nameLength)) !== entry.name) return mismatchProblem(entry, 'name');
  if (method !== entry.method) return mismatchProblem(entry, 'compression method');
  if ((flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) !== 0) {
    return { path: entry.name, message: `The package entry ${quoteEntryName(entry.name)} is encrypted (password-protected); packages must not be encrypted.` };
  }
  const zip64 = findExtra(variable.subarray(nameLength), EXTRA_ZIP64);
  entry.hasZip64Extra = zip64 !== undefined;
  if (zip64 !== undefined) {
    // In a local header the ZIP64 field holds both sizes, uncompressed first.
    if (size === U32_MAX && zip64.byteLength >= 8) size = readU64(zip64, 0);
    if (compressedSize === U32_MAX && zip64.byteLength >= 16) compressedSize = readU64(zip64, 8);
  }
  const usesDescriptor = (flags & FLAG_DATA_DESCRIPTOR) !== 0;
  if (usesDescriptor !== ((entry.flags & FLAG_DATA_DESCRIPTOR) !== 0)) return mismatchProblem(entry, 'set of flags');
  // With a data descriptor a writer may leave any of these as zero (the descriptor after the
  // data must then agree); whatever it did fill in must agree with the table of contents.
  const problem = compareSizes(
    entry,
    'its own header',
    usesDescriptor && size === 0 ? entry.size : size,
    usesDescriptor && compressedSize === 0 ? entry.compressedSize : compressedSize,
  ) ?? (crc !== entry.crc && !(usesDescriptor && crc === 0) ? mismatchProblem(entry, 'checksum') : undefined);
  if (problem !== undefined) return problem;
  entry.dataStart = dataStart;
  entry.dataEnd = dataStart + entry.compressedSize;
  if (usesDescriptor) return checkDataDescriptor(source, entry, directoryOffset);
  return undefined;
}

/** Sizes that disagree with the table of contents; "larger than declared" when they are larger. */
function compareSizes(entry: ZipEntry, where: string, size: number, compressedSize: number): Problem | undefined {
  if (size > entry.size || compressedSize > entry.compressedSize) {
    return {
      path: entry.name,
      message: `The package entry ${quoteEntryName(entry.name)} is larger than declared: ${where} gives ${Math.max(size, compressedSize)} bytes, but the package's table of contents declares ${size > entry.size ? entry.size : entry.compressedSize}; it is damaged or has been tampered with.`,
    };
  }
  if (size !== entry.size || compressedSize !== entry.compressedSize) {
    return {
      path: entry.name,
      message: `The package entry ${quoteEntryName(entry.name)} has a different size in ${where} than in the package's table of contents; it is damaged or has been tampered with.`,
    };
  }
  return undefined;
}

async function checkDataDescriptor(source: ByteSource, entry: ZipEntry, directoryOffset: number): Promise<Problem | undefined> {
  const at = entry.dataStart + entry.compressedSize;
  const bytes = await source.read(at, Math.max(0, Math.min(24, directoryOffset - at)));
  const skip = bytes.byteLength >= 4 && readU32(bytes, 0) === SIG_DATA_DESCRIPTOR ? 4 : 0;
  const wide = entry.hasZip64Extra;
  const needed = skip + (wide ? 20 : 12);
  if (bytes.byteLength < needed) return { path: entry.name, message: `${NOT_A_PACKAGE}: the entry ${quoteEntryName(entry.name)} has no data descriptor after its data.` };
  const crc = readU32(bytes, skip);
  const compressedSize = wide ? readU64(bytes, skip + 4) : readU32(bytes, skip + 4);
  const size = wide ? readU64(bytes, skip + 12) : readU32(bytes, skip + 8);
  const problem = compareSizes(entry, 'its data descriptor', size, compressedSize);
  if (problem !== undefined) return problem;
  if (crc !== entry.crc) return mismatchProblem(entry, 'checksum (in its data descriptor)');
  entry.dataEnd = at + needed;
  return undefined;
}

function findExtra(extra: Uint8Array, id: number): Uint8Array | undefined {
  let position = 0;
  while (position + 4 <= extra.byteLength) {
    const fieldId = readU16(extra, position);
    const length = readU16(extra, position + 2);
    if (position + 4 + length > extra.byteLength) return undefined;
    if (fieldId === id) return extra.subarray(position + 4, position + 4 + length);
    position += 4 + length;
  }
  return undefined;
}

/** Info-ZIP's Unicode Path extra field: a second name, which unzip prefers to the entry's own. */
const EXTRA_UNICODE_PATH = 0x7075;
const MADE_BY_UNIX = 3;
const UNIX_FILE_TYPE_MASK = 0o170000;
const UNIX_REGULAR_FILE = 0o100000;

/**
 * Whether an entry made on Unix is a symbolic link, device or other non-file (its mode sits in
 * the high 16 bits of the external attributes). A type of 0 means "not recorded": a file.
 */
function isLinkOrSpecialFile(madeBy: number, externalAttributes: number): boolean {
  if (madeBy >>> 8 !== MADE_BY_UNIX) return false;
  const type = (externalAttributes >>> 16) & UNIX_FILE_TYPE_MASK;
  return type !== 0 && type !== UNIX_REGULAR_FILE;
}

/**
 * Entry names that matter are ASCII, which UTF-8 decodes as it is; anything else is decoded
 * only to be shown and refused.
 */
function decodeName(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

// ignoreBOM: a leading U+FEFF stays part of the name (so "\uFEFFmanifest.json" is refused, as
// other ZIP tools see a different name), rather than being silently dropped.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
