/**
 * Metadata in photos and screenshots: finding it and removing it, losslessly. A phone's JPEG
 * carries far more than the picture: EXIF (camera, owner, serial numbers, the GPS position and
 * the time it was taken, a thumbnail that may still show what was cropped out), XMP, IPTC and
 * comments; a PNG carries text chunks, EXIF and a time stamp. None of it is evidence, and much
 * of it identifies people and places, so it is removed when a file is attached and again before
 * any picture goes into a PDF.
 *
 * JPEG: segments are dropped, never decoded or re-encoded, so the picture is bit for bit the
 * same. Kept: the coding segments, APP0 JFIF (without its thumbnail), APP2 ICC colour profiles
 * and APP14 Adobe (needed to decode CMYK colours). Dropped: every other APPn segment (EXIF, XMP,
 * IPTC, multi-picture and maker data), comments, and any bytes after the end of the picture.
 * PNG: only chunks that say how to draw the picture are kept (IHDR, PLTE, IDAT, IEND,
 * transparency, colour space, gamma, physical size, animation); text, EXIF, time and unknown
 * chunks are dropped.
 *
 * Orientation: a phone usually stores a photo sideways with an EXIF orientation that viewers
 * apply. Removing it would turn the picture on its side, and turning the pixels instead would
 * mean decoding and re-encoding (a lossy JPEG step). So, when the orientation is not the
 * default (1), `stripImageMetadata` writes a new, minimal EXIF block holding that one value and
 * nothing else: the picture keeps its appearance in every viewer that honours EXIF (browsers,
 * phones, this app) and still says nothing about the person, place or camera. The PDF path asks
 * for it to go as well (`keepOrientation: false`) and applies the orientation itself with the
 * image's placement matrix, so a PDF holds no EXIF at all.
 */
import { concatBytes } from '../package/byte-io';
import { crc32 } from '../package/crc32';

/** Kinds of metadata found, in the order they are listed to people. */
export const IMAGE_METADATA_KINDS = {
  gps: 'GPS location',
  author: 'author, owner or copyright names',
  'date-taken': 'the date and time it was taken',
  camera: 'camera details (make, model, serial numbers)',
  comment: 'descriptions or comments',
  thumbnail: 'a hidden thumbnail',
  exif: 'other EXIF data',
  xmp: 'XMP metadata',
  iptc: 'IPTC (Photoshop) metadata',
  text: 'text chunks',
  timestamp: 'a last-changed time',
  'hidden-data': 'hidden data after the picture',
  other: 'other application data',
} as const;

export type ImageMetadataKind = keyof typeof IMAGE_METADATA_KINDS;

export interface ImageMetadataReport {
  format: 'jpeg' | 'png' | 'other';
  /** What the file carries besides the picture, in IMAGE_METADATA_KINDS order; empty when clean. */
  kinds: ImageMetadataKind[];
  /** EXIF orientation 1–8 (1 when absent). */
  orientation: number;
  /** The file could not be read to its end (damaged): `kinds` lists what was seen before that. */
  isDamaged: boolean;
}

export interface StrippedImage extends ImageMetadataReport {
  /** The file without its metadata; the same array when there was nothing to remove (or it is not a JPEG or PNG, or is damaged). */
  bytes: Uint8Array;
  /** Whether `bytes` differs from the input. */
  isChanged: boolean;
}

export interface StripOptions {
  /** Keep a minimal EXIF block holding only a non-default orientation (default true; see above). */
  keepOrientation?: boolean;
}

/** What metadata a JPEG or PNG carries (nothing is changed). */
export function findImageMetadata(bytes: Uint8Array): ImageMetadataReport {
  const { format, kinds, orientation, isDamaged } = stripImageMetadata(bytes);
  return { format, kinds, orientation, isDamaged };
}

/** The file without its metadata, and what was removed. Files that are not JPEG or PNG pass unchanged. */
export function stripImageMetadata(bytes: Uint8Array, options: StripOptions = {}): StrippedImage {
  const keepOrientation = options.keepOrientation ?? true;
  if (isJpegBytes(bytes)) return stripJpeg(bytes, keepOrientation);
  if (isPngBytes(bytes)) return stripPng(bytes, keepOrientation);
  return { format: 'other', kinds: [], orientation: 1, isDamaged: false, bytes, isChanged: false };
}

/** "GPS location, camera details and XMP metadata". */
export function describeImageMetadata(kinds: readonly ImageMetadataKind[]): string {
  const names = kinds.map((kind) => IMAGE_METADATA_KINDS[kind]);
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] as string}`;
}

function isJpegBytes(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPngBytes(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 8 && PNG_SIGNATURE.every((value, index) => bytes[index] === value);
}

/** Collects kinds once each; `list()` gives them in IMAGE_METADATA_KINDS order. */
class KindSet {
  private readonly found = new Set<ImageMetadataKind>();
  add(kind: ImageMetadataKind): void {
    this.found.add(kind);
  }
  addAll(kinds: Iterable<ImageMetadataKind>): void {
    for (const kind of kinds) this.found.add(kind);
  }
  list(): ImageMetadataKind[] {
    return (Object.keys(IMAGE_METADATA_KINDS) as ImageMetadataKind[]).filter((kind) => this.found.has(kind));
  }
}

function startsWithAscii(bytes: Uint8Array, text: string): boolean {
  if (bytes.byteLength < text.length) return false;
  for (let index = 0; index < text.length; index++) if (bytes[index] !== text.charCodeAt(index)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// EXIF (a TIFF structure): what it holds, and a minimal one holding only the orientation

const TAG_GROUPS: ReadonlyArray<[ImageMetadataKind, readonly number[]]> = [
  ['gps', [0x8825]],
  // Artist, Copyright, XPAuthor, CameraOwnerName, Photographer (Exif 3.0), ImageEditor.
  ['author', [0x013b, 0x8298, 0x9c9d, 0xa430, 0xa437, 0xa438]],
  // DateTime, DateTimeOriginal, DateTimeDigitized, their offsets and sub-seconds.
  ['date-taken', [0x0132, 0x9003, 0x9004, 0x9010, 0x9011, 0x9012, 0x9290, 0x9291, 0x9292]],
  // Make, Model, Software, MakerNote, BodySerialNumber, LensMake, LensModel, LensSerialNumber, HostComputer.
  ['camera', [0x010f, 0x0110, 0x0131, 0x927c, 0xa431, 0xa433, 0xa434, 0xa435, 0x013c]],
  // ImageDescription, UserComment, XPComment, XPTitle, XPSubject, XPKeywords, ImageUniqueID.
  ['comment', [0x010e, 0x9286, 0x9c9c, 0x9c9b, 0x9c9f, 0x9c9e, 0xa420]],
];
const KIND_OF_TAG = new Map<number, ImageMetadataKind>(TAG_GROUPS.flatMap(([kind, tags]) => tags.map((tag): [number, ImageMetadataKind] => [tag, kind])));
const ORIENTATION_TAG = 0x0112;
const EXIF_IFD_TAG = 0x8769;
const INTEROPERABILITY_IFD_TAG = 0xa005;
/** Tags that only describe the picture's layout: harmless, so alone they are not reported. */
const LAYOUT_TAGS = new Set([ORIENTATION_TAG, 0x011a, 0x011b, 0x0128, 0x0213, 0xa001, 0xa002, 0xa003, 0x9000, 0xa000, 0x0100, 0x0101, 0x0102, 0x0103, 0x0106, 0x0115, 0x011c]);

interface ExifSummary {
  kinds: ImageMetadataKind[];
  orientation: number;
}

/** What a TIFF/EXIF block (starting "II*\0" or "MM\0*") holds. Damaged blocks report "other EXIF data". */
export function summariseExif(tiff: Uint8Array): ExifSummary {
  const kinds = new KindSet();
  let orientation = 1;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = tiff.byteLength >= 8 ? String.fromCharCode(tiff[0] as number, tiff[1] as number) : '';
  if ((order !== 'II' && order !== 'MM') || view.getUint16(2, order === 'II') !== 42) return { kinds: ['exif'], orientation };
  const little = order === 'II';
  const visited = new Set<number>();
  let hasOtherTags = false;
  const readIfd = (offset: number, isFirst: boolean): void => {
    // Bounded: each directory is read once, so a loop of offsets cannot run forever.
    if (visited.has(offset) || visited.size > 16 || offset + 2 > tiff.byteLength) return;
    visited.add(offset);
    const count = view.getUint16(offset, little);
    for (let index = 0; index < count; index++) {
      const entry = offset + 2 + index * 12;
      if (entry + 12 > tiff.byteLength) {
        hasOtherTags = true;
        return;
      }
      const tag = view.getUint16(entry, little);
      const kind = KIND_OF_TAG.get(tag);
      if (kind !== undefined) kinds.add(kind);
      if (tag === ORIENTATION_TAG && isFirst) {
        const type = view.getUint16(entry + 2, little);
        const value = type === 3 ? view.getUint16(entry + 8, little) : type === 4 ? view.getUint32(entry + 8, little) : 0;
        if (value >= 1 && value <= 8) orientation = value;
      } else if (tag === EXIF_IFD_TAG || tag === INTEROPERABILITY_IFD_TAG) {
        readIfd(view.getUint32(entry + 8, little), false);
      } else if (kind === undefined && !LAYOUT_TAGS.has(tag)) {
        hasOtherTags = true;
      }
    }
    const next = offset + 2 + count * 12;
    // The next directory after the first (IFD1) describes a thumbnail.
    if (isFirst && next + 4 <= tiff.byteLength && view.getUint32(next, little) !== 0) kinds.add('thumbnail');
  };
  readIfd(view.getUint32(4, little), true);
  const listed = kinds.list();
  if (hasOtherTags && listed.length === 0) listed.push('exif');
  return { kinds: listed, orientation };
}

/** A TIFF block holding one entry, the orientation: what is kept of EXIF when it matters. */
function orientationOnlyTiff(orientation: number): Uint8Array {
  const tiff = new Uint8Array(26);
  const view = new DataView(tiff.buffer);
  tiff.set([0x4d, 0x4d, 0x00, 0x2a]); // "MM", 42
  view.setUint32(4, 8);
  view.setUint16(8, 1); // one entry
  view.setUint16(10, ORIENTATION_TAG);
  view.setUint16(12, 3); // SHORT
  view.setUint32(14, 1);
  view.setUint16(18, orientation);
  view.setUint32(22, 0); // no next directory
  return tiff;
}

// ---------------------------------------------------------------------------------------------
// JPEG

const EXIF_HEADER = 'Exif\u0000\u0000';

function stripJpeg(bytes: Uint8Array, keepOrientation: boolean): StrippedImage {
  const kinds = new KindSet();
  let orientation = 1;
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  /** Where a minimal EXIF block goes: after SOI and JFIF. */
  let exifSlot = 1;
  let removedBytes = 0;
  let position = 2;
  let isDamaged = false;
  let sawEnd = false;
  const unchanged = (): StrippedImage => ({ format: 'jpeg', kinds: kinds.list(), orientation, isDamaged, bytes, isChanged: false });

  while (position < bytes.byteLength) {
    if (bytes[position] !== 0xff) {
      isDamaged = true;
      break;
    }
    let markerAt = position;
    while (bytes[markerAt + 1] === 0xff) markerAt++; // fill bytes
    const marker = bytes[markerAt + 1];
    if (marker === undefined) {
      isDamaged = true;
      break;
    }
    if (marker === 0xd9) {
      kept.push(bytes.subarray(markerAt, markerAt + 2));
      position = markerAt + 2;
      sawEnd = true;
      break;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      kept.push(bytes.subarray(markerAt, markerAt + 2));
      position = markerAt + 2;
      continue;
    }
    if (markerAt + 4 > bytes.byteLength) {
      isDamaged = true;
      break;
    }
    const length = ((bytes[markerAt + 2] as number) << 8) | (bytes[markerAt + 3] as number);
    const end = markerAt + 2 + length;
    if (length < 2 || end > bytes.byteLength) {
      isDamaged = true;
      break;
    }
    const body = bytes.subarray(markerAt + 4, end);
    const segment = bytes.subarray(markerAt, end);
    let keep = true;
    if (marker === 0xe0) {
      if (startsWithAscii(body, 'JFIF\u0000') && body.byteLength >= 14) {
        const hasThumbnail = (body[12] as number) * (body[13] as number) > 0 || body.byteLength > 14;
        if (hasThumbnail) {
          kinds.add('thumbnail');
          // The same JFIF header, saying "no thumbnail".
          const header = segment.slice(0, 18);
          header[2] = 0;
          header[3] = 16;
          header[16] = 0;
          header[17] = 0;
          kept.push(header);
          removedBytes += segment.byteLength - header.byteLength;
          keep = false;
        }
        exifSlot = kept.length + (keep ? 1 : 0);
      } else {
        kinds.add(startsWithAscii(body, 'JFXX\u0000') ? 'thumbnail' : 'other');
        keep = false;
        removedBytes += segment.byteLength;
      }
    } else if (marker === 0xe1) {
      if (startsWithAscii(body, EXIF_HEADER)) {
        const summary = summariseExif(body.subarray(6));
        kinds.addAll(summary.kinds);
        if (summary.orientation !== 1) orientation = summary.orientation;
      } else if (startsWithAscii(body, 'http://ns.adobe.com/xap/1.0/') || startsWithAscii(body, 'http://ns.adobe.com/xmp/extension/')) {
        kinds.add('xmp');
      } else {
        kinds.add('other');
      }
      keep = false;
      removedBytes += segment.byteLength;
    } else if (marker === 0xe2 && startsWithAscii(body, 'ICC_PROFILE\u0000')) {
      keep = true;
    } else if (marker === 0xee && startsWithAscii(body, 'Adobe')) {
      keep = true;
    } else if (marker === 0xed) {
      kinds.add(startsWithAscii(body, 'Photoshop 3.0\u0000') ? 'iptc' : 'other');
      keep = false;
      removedBytes += segment.byteLength;
    } else if (marker >= 0xe2 && marker <= 0xef) {
      kinds.add('other');
      keep = false;
      removedBytes += segment.byteLength;
    } else if (marker === 0xfe) {
      kinds.add('comment');
      keep = false;
      removedBytes += segment.byteLength;
    }
    if (keep) kept.push(segment);
    position = end;
    if (marker === 0xda) {
      // The compressed picture data runs to the next marker that is not a stuffed 0xFF00 or a restart.
      let scan = end;
      for (;;) {
        const next = bytes.indexOf(0xff, scan);
        if (next < 0 || next + 1 >= bytes.byteLength) {
          scan = bytes.byteLength;
          isDamaged = true;
          break;
        }
        const following = bytes[next + 1] as number;
        if (following === 0x00 || (following >= 0xd0 && following <= 0xd7) || following === 0xff) {
          scan = following === 0xff ? next + 1 : next + 2;
          continue;
        }
        scan = next;
        break;
      }
      kept.push(bytes.subarray(end, scan));
      position = scan;
      if (isDamaged) break;
    }
  }
  if (sawEnd && position < bytes.byteLength) {
    // Padding is harmless, but cameras also hide second pictures and their EXIF there.
    if (bytes.subarray(position).some((value) => value !== 0x00 && value !== 0xff)) kinds.add('hidden-data');
    removedBytes += bytes.byteLength - position;
  }
  if (isDamaged || !sawEnd) return { ...unchanged(), isDamaged: true };
  const kindList = kinds.list();
  if (keepOrientation && orientation !== 1) {
    const tiff = orientationOnlyTiff(orientation);
    const app1 = new Uint8Array(4 + 6 + tiff.byteLength);
    app1.set([0xff, 0xe1, 0, 2 + 6 + tiff.byteLength]);
    for (let index = 0; index < 6; index++) app1[4 + index] = EXIF_HEADER.charCodeAt(index);
    app1.set(tiff, 10);
    kept.splice(exifSlot, 0, app1);
  } else if (removedBytes === 0) {
    return unchanged();
  }
  const stripped = concatBytes(kept);
  const isChanged = stripped.byteLength !== bytes.byteLength || stripped.some((value, index) => value !== bytes[index]);
  return { format: 'jpeg', kinds: kindList, orientation, isDamaged: false, bytes: isChanged ? stripped : bytes, isChanged };
}

// ---------------------------------------------------------------------------------------------
// PNG

/** Chunks that say how to draw the picture (or animate it): everything else is dropped. */
const PNG_KEPT_CHUNKS = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'cHRM', 'gAMA', 'iCCP', 'sBIT', 'sRGB', 'cICP', 'mDCv', 'cLLi', 'bKGD', 'hIST', 'pHYs', 'sPLT', 'acTL', 'fcTL', 'fdAT']);

function stripPng(bytes: Uint8Array, keepOrientation: boolean): StrippedImage {
  const kinds = new KindSet();
  let orientation = 1;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let removed = false;
  let position = 8;
  let sawEnd = false;
  let afterHeader = 1;
  while (position + 12 <= bytes.byteLength) {
    const length = view.getUint32(position);
    const end = position + 12 + length;
    if (end > bytes.byteLength) break;
    const type = String.fromCharCode(...bytes.subarray(position + 4, position + 8));
    const data = bytes.subarray(position + 8, position + 8 + length);
    if (PNG_KEPT_CHUNKS.has(type)) {
      kept.push(bytes.subarray(position, end));
      if (type === 'IHDR') afterHeader = kept.length;
    } else {
      removed = true;
      if (type === 'tEXt' || type === 'zTXt' || type === 'iTXt') kinds.add(textChunkKind(data));
      else if (type === 'eXIf') {
        const summary = summariseExif(data);
        kinds.addAll(summary.kinds);
        orientation = summary.orientation;
      } else if (type === 'tIME') kinds.add('timestamp');
      else kinds.add('other');
    }
    position = end;
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  if (!sawEnd) return { format: 'png', kinds: kinds.list(), orientation, isDamaged: true, bytes, isChanged: false };
  if (position < bytes.byteLength) {
    if (bytes.subarray(position).some((value) => value !== 0)) kinds.add('hidden-data');
    removed = true;
  }
  if (keepOrientation && orientation !== 1) {
    kept.splice(afterHeader, 0, pngChunk('eXIf', orientationOnlyTiff(orientation)));
    removed = true;
  }
  if (!removed) return { format: 'png', kinds: kinds.list(), orientation, isDamaged: false, bytes, isChanged: false };
  return { format: 'png', kinds: kinds.list(), orientation, isDamaged: false, bytes: concatBytes(kept), isChanged: true };
}

/** XMP travels in an iTXt chunk named "XML:com.adobe.xmp"; other text chunks are just text. */
function textChunkKind(data: Uint8Array): ImageMetadataKind {
  const keywordEnd = data.indexOf(0);
  const keyword = String.fromCharCode(...data.subarray(0, keywordEnd < 0 ? Math.min(80, data.byteLength) : Math.min(keywordEnd, 80)));
  if (keyword === 'XML:com.adobe.xmp') return 'xmp';
  if (/^(author|copyright|artist)$/i.test(keyword)) return 'author';
  if (/^creation time$/i.test(keyword)) return 'date-taken';
  if (/^raw profile type (exif|iptc|xmp)$/i.test(keyword)) return keyword.toLowerCase().endsWith('iptc') ? 'iptc' : keyword.toLowerCase().endsWith('xmp') ? 'xmp' : 'exif';
  return 'text';
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + data.byteLength);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.byteLength);
  for (let index = 0; index < 4; index++) chunk[4 + index] = type.charCodeAt(index);
  chunk.set(data, 8);
  view.setUint32(8 + data.byteLength, crc32(chunk.subarray(4, 8 + data.byteLength), 0));
  return chunk;
}
