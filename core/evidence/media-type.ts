/**
 * What an attachment is, decided from its bytes and never from its name: a file called
 * "photo.png" that is really a program is refused, and a recording saved as ".dat" is still
 * a recording. Only kinds the app can show or play are accepted.
 */

export type AttachmentKind = 'image' | 'pdf' | 'audio' | 'text';

export interface SniffedType {
  mediaType: string;
  kind: AttachmentKind;
}

/** Largest attachment accepted: 250 MB (a long call recording fits; a film does not). */
export const MAX_ATTACHMENT_BYTES = 250 * 1024 * 1024;

/** How many leading bytes the sniffer needs to recognise a binary format. */
export const SNIFF_HEAD_BYTES = 64;

/** How many leading bytes are checked to decide that a file is plain text. */
export const TEXT_SNIFF_BYTES = 1024 * 1024;

/** Every media type an attachment may have: plain words for it, and the file extension a saved copy gets. */
const MEDIA_TYPES: Readonly<Record<string, { label: string; extension: string }>> = {
  'image/png': { label: 'PNG image', extension: '.png' },
  'image/jpeg': { label: 'JPEG image', extension: '.jpg' },
  'image/gif': { label: 'GIF image', extension: '.gif' },
  'image/webp': { label: 'WebP image', extension: '.webp' },
  'application/pdf': { label: 'PDF document', extension: '.pdf' },
  'audio/wav': { label: 'WAV audio', extension: '.wav' },
  'audio/mpeg': { label: 'MP3 audio', extension: '.mp3' },
  'audio/aac': { label: 'AAC audio', extension: '.aac' },
  'audio/ogg': { label: 'Ogg audio', extension: '.ogg' },
  'audio/flac': { label: 'FLAC audio', extension: '.flac' },
  'audio/mp4': { label: 'M4A audio', extension: '.m4a' },
  'audio/webm': { label: 'WebM audio', extension: '.webm' },
  'text/plain': { label: 'Plain text', extension: '.txt' },
};

/** Plain words for a media type, e.g. "JPEG image". */
export function mediaTypeLabel(mediaType: string): string {
  return Object.hasOwn(MEDIA_TYPES, mediaType) ? (MEDIA_TYPES[mediaType]?.label ?? 'File') : 'File';
}

/** The extension a saved copy of an attachment gets (".pdf"); undefined for a type the app does not take. */
export function extensionForMediaType(mediaType: string): string | undefined {
  return Object.hasOwn(MEDIA_TYPES, mediaType) ? MEDIA_TYPES[mediaType]?.extension : undefined;
}

export function attachmentKindOf(mediaType: string): AttachmentKind | undefined {
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType === 'text/plain') return 'text';
  if (!Object.hasOwn(MEDIA_TYPES, mediaType)) return undefined;
  if (mediaType.startsWith('image/')) return 'image';
  if (mediaType.startsWith('audio/')) return 'audio';
  return undefined;
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

function ascii(text: string): number[] {
  return [...text].map((char) => char.charCodeAt(0));
}

function byteAt(bytes: Uint8Array, index: number): number {
  return bytes[index] ?? -1;
}

/** ISO base media (MP4) brands that hold audio a browser plays; image brands (HEIC, AVIF) and QuickTime are not here. */
const MP4_AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B ', 'mp41', 'mp42', 'isom', 'iso2', 'iso4', 'iso5', 'iso6', 'dash', 'MSNV', 'NDAS']);

function isMpegAudioFrame(bytes: Uint8Array): boolean {
  const b0 = byteAt(bytes, 0);
  const b1 = byteAt(bytes, 1);
  const b2 = byteAt(bytes, 2);
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0 || b2 < 0) return false;
  const version = (b1 >> 3) & 0x3;
  const layer = (b1 >> 1) & 0x3;
  const bitrate = b2 >> 4;
  const sampleRate = (b2 >> 2) & 0x3;
  // Reserved values mean this is not a frame header.
  return version !== 1 && layer !== 0 && bitrate !== 0xf && sampleRate !== 0x3;
}

function isAdtsFrame(bytes: Uint8Array): boolean {
  const b1 = byteAt(bytes, 1);
  // ADTS: 12-bit sync, layer always 00; the sampling frequency index 13–15 is reserved.
  return byteAt(bytes, 0) === 0xff && (b1 & 0xf6) === 0xf0 && bytes.length >= 3 && ((byteAt(bytes, 2) >> 2) & 0xf) < 13;
}

function isId3Tag(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, ascii('ID3')) || bytes.length < 10) return false;
  const major = byteAt(bytes, 3);
  // Tag sizes are "syncsafe": the top bit of each of the four bytes is always clear.
  return major >= 2 && major <= 4 && byteAt(bytes, 4) !== 0xff && [6, 7, 8, 9].every((index) => byteAt(bytes, index) < 0x80);
}

function isWebm(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return false;
  // The EBML header carries a DocType element (id 0x4282) naming "webm"; Matroska in general is not accepted.
  const limit = Math.min(bytes.length, SNIFF_HEAD_BYTES) - 6;
  for (let index = 4; index <= limit; index++) {
    if (bytes[index] === 0x42 && bytes[index + 1] === 0x82 && startsWith(bytes, ascii('webm'), index + 3)) return true;
  }
  return false;
}

/**
 * Whether the bytes are well-formed UTF-8 with no NUL. With `isComplete` false, the bytes are
 * the start of a longer file, so a character cut off at the very end is allowed.
 */
export function isPlainUtf8Text(bytes: Uint8Array, isComplete = true): boolean {
  let index = 0;
  const length = bytes.length;
  while (index < length) {
    const byte = bytes[index] ?? 0;
    if (byte === 0) return false;
    if (byte < 0x80) {
      index++;
      continue;
    }
    let needed: number;
    let minimum: number;
    let codePoint: number;
    if (byte >= 0xc2 && byte <= 0xdf) {
      needed = 1;
      minimum = 0x80;
      codePoint = byte & 0x1f;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      needed = 2;
      minimum = 0x800;
      codePoint = byte & 0x0f;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      needed = 3;
      minimum = 0x10000;
      codePoint = byte & 0x07;
    } else {
      return false;
    }
    if (index + needed >= length) {
      if (isComplete) return false;
      // Check the continuation bytes that are there; the rest lie beyond what was read.
      for (let next = index + 1; next < length; next++) if (((bytes[next] ?? 0) & 0xc0) !== 0x80) return false;
      return true;
    }
    for (let step = 1; step <= needed; step++) {
      const next = bytes[index + step] ?? 0;
      if ((next & 0xc0) !== 0x80) return false;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
    if (codePoint < minimum || (codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff) return false;
    index += needed + 1;
  }
  return true;
}

/**
 * The media type of a file from its first bytes (pass at least SNIFF_HEAD_BYTES, and up to
 * TEXT_SNIFF_BYTES so that plain text can be recognised). `isComplete` says whether `head`
 * is the whole file. Undefined when the app does not accept the kind of file.
 */
export function sniffMediaType(head: Uint8Array, options: { isComplete?: boolean } = {}): SniffedType | undefined {
  const isComplete = options.isComplete ?? true;
  if (head.length === 0) return undefined;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mediaType: 'image/png', kind: 'image' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mediaType: 'image/jpeg', kind: 'image' };
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return { mediaType: 'image/gif', kind: 'image' };
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return { mediaType: 'image/webp', kind: 'image' };
  if (startsWith(head, ascii('%PDF-'))) return { mediaType: 'application/pdf', kind: 'pdf' };
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WAVE'), 8)) return { mediaType: 'audio/wav', kind: 'audio' };
  if (isId3Tag(head) || isMpegAudioFrame(head)) return { mediaType: 'audio/mpeg', kind: 'audio' };
  if (isAdtsFrame(head)) return { mediaType: 'audio/aac', kind: 'audio' };
  if (startsWith(head, ascii('OggS'))) return { mediaType: 'audio/ogg', kind: 'audio' };
  if (startsWith(head, ascii('fLaC'))) return { mediaType: 'audio/flac', kind: 'audio' };
  if (startsWith(head, ascii('ftyp'), 4) && head.length >= 12) {
    const brand = String.fromCharCode(...head.subarray(8, 12));
    return MP4_AUDIO_BRANDS.has(brand) ? { mediaType: 'audio/mp4', kind: 'audio' } : undefined;
  }
  if (isWebm(head)) return { mediaType: 'audio/webm', kind: 'audio' };
  if (isPlainUtf8Text(head, isComplete)) return { mediaType: 'text/plain', kind: 'text' };
  return undefined;
}

export const ACCEPTED_FILES_SENTENCE =
  'You can attach images (PNG, JPEG, GIF or WebP), PDF documents, audio recordings (MP3, WAV, M4A, AAC, Ogg, FLAC or WebM) and plain text files.';

/** Why a file cannot be attached before any of it is read, or undefined when its size is fine. */
export function attachmentSizeProblem(name: string, size: number): string | undefined {
  if (!Number.isFinite(size) || size < 0) return `“${name}” could not be read.`;
  if (size === 0) return `“${name}” is empty, so there is nothing to attach.`;
  if (size > MAX_ATTACHMENT_BYTES) {
    return `“${name}” is ${formatSize(size)}, which is larger than the 250 MB limit for one attachment. Shorten the recording or reduce the file, then try again.`;
  }
  return undefined;
}

export function unsupportedFileMessage(name: string): string {
  return `“${name}” is not a kind of file the app can keep. ${ACCEPTED_FILES_SENTENCE}`;
}

/** Sizes as people read them (1 MB = 1,048,576 bytes, as the limit is stated). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GB`;
}
