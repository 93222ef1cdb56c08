/**
 * ZIP record layouts (PKWARE APPNOTE 6.3) and the limits a `.portfolio` package must keep
 * (CONTRACTS.md §2). Shared by the streaming reader and writer.
 */

export const SIG_LOCAL_HEADER = 0x04034b50;
export const SIG_CENTRAL_HEADER = 0x02014b50;
export const SIG_END_OF_CENTRAL_DIRECTORY = 0x06054b50;
export const SIG_ZIP64_END = 0x06064b50;
export const SIG_ZIP64_LOCATOR = 0x07064b50;
export const SIG_DATA_DESCRIPTOR = 0x08074b50;

export const LOCAL_HEADER_BYTES = 30;
export const CENTRAL_HEADER_BYTES = 46;
export const END_OF_CENTRAL_DIRECTORY_BYTES = 22;
export const ZIP64_END_BYTES = 56;
export const ZIP64_LOCATOR_BYTES = 20;
export const MAX_COMMENT_BYTES = 0xffff;

export const METHOD_STORED = 0;
export const METHOD_DEFLATE = 8;

export const FLAG_ENCRYPTED = 0x0001;
export const FLAG_DATA_DESCRIPTOR = 0x0008;
export const FLAG_STRONG_ENCRYPTION = 0x0040;
export const FLAG_UTF8_NAMES = 0x0800;
export const FLAG_MASKED_HEADERS = 0x2000;

export const EXTRA_ZIP64 = 0x0001;
export const U16_MAX = 0xffff;
export const U32_MAX = 0xffffffff;

/** Version 2.0 (deflate) and 4.5 (ZIP64) in the "version needed" field. */
export const VERSION_DEFLATE = 20;
export const VERSION_ZIP64 = 45;
/** "Made by" Unix (3), so unzip tools restore ordinary file permissions. */
export const VERSION_MADE_BY = (3 << 8) | VERSION_ZIP64;
/** A regular file, rw-r--r--, in the Unix half of the external attributes. */
export const EXTERNAL_ATTRIBUTES_FILE = (0o100644 << 16) >>> 0;

// Limits of CONTRACTS.md §2.
export const MAX_ENTRIES = 100_000;
export const MAX_ENTRY_BYTES = 2 * 1024 ** 3;
export const MAX_MANIFEST_BYTES = 64 * 1024 ** 2;
export const MAX_COMPRESSION_RATIO = 200;
export const RATIO_FREE_BYTES = 1024 ** 2;
/** The deflated entries together may expand this much before the ratio applies to their sum. */
export const TOTAL_RATIO_FREE_BYTES = 16 * 1024 ** 2;
/** 100,000 honest entries need about 15 MiB of central directory; more is refused unread. */
export const MAX_CENTRAL_DIRECTORY_BYTES = 64 * 1024 ** 2;
/** Large reads keep per-call overhead negligible; two in flight stay far below any memory goal. */
export const READ_CHUNK_BYTES = 4 * 1024 ** 2;

export const ATTACHMENTS_FOLDER = 'attachments/';

export function readU16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] as number) | ((bytes[offset + 1] as number) << 8);
}

export function readU32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] as number) | ((bytes[offset + 1] as number) << 8) | ((bytes[offset + 2] as number) << 16) | ((bytes[offset + 3] as number) << 24)) >>> 0;
}

/** A 64-bit little-endian value, or Infinity when it does not fit a safe integer. */
export function readU64(bytes: Uint8Array, offset: number): number {
  const low = readU32(bytes, offset);
  const high = readU32(bytes, offset + 4);
  if (high >= 0x200000) return Number.POSITIVE_INFINITY;
  return high * 0x100000000 + low;
}

export function writeU16(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value & 0xff;
  bytes[offset + 1] = (value >>> 8) & 0xff;
}

export function writeU32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value & 0xff;
  bytes[offset + 1] = (value >>> 8) & 0xff;
  bytes[offset + 2] = (value >>> 16) & 0xff;
  bytes[offset + 3] = (value >>> 24) & 0xff;
}

export function writeU64(bytes: Uint8Array, offset: number, value: number): void {
  writeU32(bytes, offset, value % 0x100000000);
  writeU32(bytes, offset + 4, Math.floor(value / 0x100000000));
}

/** MS-DOS date and time of an ISO instant (UTC fields; DOS time has no zone), 1980 at the earliest. */
export function dosDateTime(iso: string): { date: number; time: number } {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime()) || at.getUTCFullYear() < 1980) return { date: (1 << 5) | 1, time: 0 };
  const year = Math.min(at.getUTCFullYear(), 2107);
  return {
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
  };
}

/** Sizes in the units people use, for messages. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : Number(value.toFixed(1))} ${units[unit] as string}`;
}
