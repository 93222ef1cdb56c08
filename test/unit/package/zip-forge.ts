/**
 * Builds ZIP files byte by byte so tests can make every kind of hostile package: lying sizes,
 * odd names, encryption flags, unknown methods, ZIP64 records. Deliberately independent of the
 * product's writer so the reader is tested against a second implementation.
 */
import { deflateRawSync, crc32 } from 'node:zlib';

export interface HeaderFields {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
}

export interface ForgeEntry {
  name: string;
  data: Uint8Array;
  /** 0 stored (default) or 8 deflate; anything else is written as given with the data stored. */
  method?: number;
  /** The deflated body, when the caller has it already (many entries sharing one body). */
  deflated?: Uint8Array;
  flags?: number;
  /** Overrides for the local header only / the central directory only. */
  local?: Partial<HeaderFields>;
  central?: Partial<HeaderFields> & { offset?: number };
  /** Adds a data descriptor (and sets flag 3) with these values, defaulting to the true ones. */
  descriptor?: Partial<{ crc: number; compressedSize: number; size: number }>;
  /** Writes ZIP64 extra fields (sizes and offset) even though the values are small. */
  zip64?: boolean;
}

export interface ForgeOptions {
  /** Override the entry counts in the end record. */
  entryCount?: number;
  /** Override where the end record says the central directory starts. */
  directoryOffset?: number;
  /** Write ZIP64 end records (and sentinel values in the classic end record). */
  zip64End?: boolean;
  /** Bytes put before the first entry. */
  prefix?: Uint8Array;
  comment?: string;
}

const encoder = new TextEncoder();

/** A growable byte buffer: fast enough to forge 100,000 entries. */
class Bytes {
  private buffer = new Uint8Array(1024);
  private view = new DataView(this.buffer.buffer);
  length = 0;
  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.byteLength) return;
    const next = new Uint8Array(Math.max(this.buffer.byteLength * 2, this.length + extra));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }
  push(part: Uint8Array): void {
    this.reserve(part.byteLength);
    this.buffer.set(part, this.length);
    this.length += part.byteLength;
  }
  u16(value: number): void {
    this.reserve(2);
    this.view.setUint16(this.length, value, true);
    this.length += 2;
  }
  u32(value: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, value >>> 0, true);
    this.length += 4;
  }
  u64(value: number): void {
    this.reserve(8);
    this.view.setBigUint64(this.length, BigInt(value), true);
    this.length += 8;
  }
  join(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

export function deflate(data: Uint8Array): Uint8Array {
  return new Uint8Array(deflateRawSync(data));
}

export function crc(data: Uint8Array): number {
  return crc32(data) >>> 0;
}

export function forgeZip(entries: readonly ForgeEntry[], options: ForgeOptions = {}): Uint8Array {
  const out = new Bytes();
  if (options.prefix) out.push(options.prefix);
  const central = new Bytes();
  for (const entry of entries) {
    const method = entry.method ?? 0;
    const body = method === 8 ? (entry.deflated ?? deflate(entry.data)) : entry.data;
    const flags = (entry.flags ?? 0) | (entry.descriptor ? 0x08 : 0);
    const truth: HeaderFields = { name: entry.name, flags, method, crc: crc(entry.data), compressedSize: body.byteLength, size: entry.data.byteLength };
    const local = { ...truth, ...(entry.descriptor ? { crc: 0, compressedSize: 0, size: 0 } : {}), ...entry.local };
    const offset = out.length;
    const localName = encoder.encode(local.name);
    const localExtra = entry.zip64 ? zip64Extra([local.size, local.compressedSize]) : new Uint8Array(0);
    out.u32(0x04034b50);
    out.u16(entry.zip64 ? 45 : 20);
    out.u16(local.flags);
    out.u16(local.method);
    out.u16(0);
    out.u16(0x21);
    out.u32(local.crc);
    out.u32(entry.zip64 ? 0xffffffff : local.compressedSize);
    out.u32(entry.zip64 ? 0xffffffff : local.size);
    out.u16(localName.byteLength);
    out.u16(localExtra.byteLength);
    out.push(localName);
    out.push(localExtra);
    out.push(body);
    if (entry.descriptor) {
      const d = { crc: truth.crc, compressedSize: truth.compressedSize, size: truth.size, ...entry.descriptor };
      out.u32(0x08074b50);
      out.u32(d.crc);
      if (entry.zip64) {
        out.u64(d.compressedSize);
        out.u64(d.size);
      } else {
        out.u32(d.compressedSize);
        out.u32(d.size);
      }
    }
    const c = { ...truth, offset, ...entry.central };
    const centralName = encoder.encode(c.name);
    const centralExtra = entry.zip64 ? zip64Extra([c.size, c.compressedSize, c.offset]) : new Uint8Array(0);
    central.u32(0x02014b50);
    central.u16(0x031e);
    central.u16(entry.zip64 ? 45 : 20);
    central.u16(c.flags);
    central.u16(c.method);
    central.u16(0);
    central.u16(0x21);
    central.u32(c.crc);
    central.u32(entry.zip64 ? 0xffffffff : c.compressedSize);
    central.u32(entry.zip64 ? 0xffffffff : c.size);
    central.u16(centralName.byteLength);
    central.u16(centralExtra.byteLength);
    central.u16(0);
    central.u16(0);
    central.u16(0);
    central.u32(0);
    central.u32(entry.zip64 ? 0xffffffff : c.offset);
    central.push(centralName);
    central.push(centralExtra);
  }
  const directoryOffset = options.directoryOffset ?? out.length;
  const directory = central.join();
  out.push(directory);
  const count = options.entryCount ?? entries.length;
  if (options.zip64End) {
    const zip64EndOffset = out.length;
    out.u32(0x06064b50);
    out.u64(44);
    out.u16(45);
    out.u16(45);
    out.u32(0);
    out.u32(0);
    out.u64(count);
    out.u64(count);
    out.u64(directory.byteLength);
    out.u64(directoryOffset);
    out.u32(0x07064b50);
    out.u32(0);
    out.u64(zip64EndOffset);
    out.u32(1);
  }
  const comment = encoder.encode(options.comment ?? '');
  out.u32(0x06054b50);
  out.u16(0);
  out.u16(0);
  out.u16(options.zip64End ? 0xffff : Math.min(count, 0xffff));
  out.u16(options.zip64End ? 0xffff : Math.min(count, 0xffff));
  out.u32(options.zip64End ? 0xffffffff : directory.byteLength);
  out.u32(options.zip64End ? 0xffffffff : directoryOffset);
  out.u16(comment.byteLength);
  out.push(comment);
  return out.join();
}

function zip64Extra(values: number[]): Uint8Array {
  const out = new Bytes();
  out.u16(0x0001);
  out.u16(values.length * 8);
  for (const value of values) out.u64(value);
  return out.join();
}
