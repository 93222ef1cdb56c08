/**
 * Photos as phones and editors write them: a JPEG with EXIF (owner, camera, serial number,
 * GPS position, time taken, a thumbnail), XMP, IPTC, a comment, a JFIF thumbnail and a second
 * picture hidden after the end; a PNG with text chunks, EXIF, a time stamp and private chunks.
 * Every personal value contains a marker string, so a test can prove none of it survives.
 */
import { crc32 as zlibCrc32 } from 'node:zlib';
import { concatBytes } from '../../../core/package/byte-io';
import { testJpeg } from '../pdf/helpers/fixtures';
import { encodeTestPng } from '../pdf/helpers/png-encoder';

/** Appears in every personal value planted in the fixtures. */
export const SECRET = 'Jane-Secret-42';

type TiffValue = { tag: number; type: 2; text: string } | { tag: number; type: 3; value: number } | { tag: number; type: 4; value: number; pointsTo?: TiffEntry[] };
type TiffEntry = TiffValue;

/** A big-endian TIFF structure: IFD0 (with optional sub-directories) and an optional IFD1. */
export function tiff(ifd0: TiffEntry[], ifd1?: TiffEntry[]): Uint8Array {
  const out: number[] = [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8];
  const u16 = (at: number, value: number): void => {
    out[at] = (value >> 8) & 0xff;
    out[at + 1] = value & 0xff;
  };
  const u32 = (at: number, value: number): void => {
    out[at] = (value >>> 24) & 0xff;
    out[at + 1] = (value >>> 16) & 0xff;
    out[at + 2] = (value >>> 8) & 0xff;
    out[at + 3] = value & 0xff;
  };
  const writeIfd = (entries: TiffEntry[], next?: TiffEntry[]): number => {
    const start = out.length;
    const sorted = [...entries].sort((a, b) => a.tag - b.tag);
    out.length += 2 + sorted.length * 12 + 4;
    out.fill(0, start);
    u16(start, sorted.length);
    sorted.forEach((entry, index) => {
      const at = start + 2 + index * 12;
      u16(at, entry.tag);
      u16(at + 2, entry.type);
      if (entry.type === 2) {
        const bytes = [...new TextEncoder().encode(entry.text), 0];
        u32(at + 4, bytes.length);
        u32(at + 8, out.length);
        out.push(...bytes);
      } else if (entry.type === 3) {
        u32(at + 4, 1);
        u16(at + 8, entry.value);
      } else {
        u32(at + 4, 1);
        u32(at + 8, entry.pointsTo ? writeIfd(entry.pointsTo) : entry.value);
      }
    });
    if (next) u32(start + 2 + sorted.length * 12, writeIfd(next));
    return start;
  };
  writeIfd(ifd0, ifd1);
  return Uint8Array.from(out);
}

/** EXIF as a phone writes it: orientation, owner, camera, serial, GPS, dates, a thumbnail directory. */
export function phoneExif(orientation = 1): Uint8Array {
  return tiff(
    [
      { tag: 0x0112, type: 3, value: orientation },
      { tag: 0x010f, type: 2, text: 'PhoneMaker' },
      { tag: 0x0110, type: 2, text: 'Model X' },
      { tag: 0x013b, type: 2, text: SECRET },
      { tag: 0x8298, type: 2, text: `(c) ${SECRET}` },
      {
        tag: 0x8769,
        type: 4,
        value: 0,
        pointsTo: [
          { tag: 0x9003, type: 2, text: '2026:11:22 10:15:00' },
          { tag: 0xa431, type: 2, text: `SN-${SECRET}` },
          { tag: 0x9286, type: 2, text: `At ${SECRET}'s house` },
        ],
      },
      { tag: 0x8825, type: 4, value: 0, pointsTo: [{ tag: 0x0001, type: 2, text: 'N' }, { tag: 0x0003, type: 2, text: 'W' }, { tag: 0x001b, type: 2, text: SECRET }] },
    ],
    [{ tag: 0x0103, type: 3, value: 6 }],
  );
}

function segment(marker: number, body: Uint8Array | string): Uint8Array {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const out = new Uint8Array(4 + bytes.byteLength);
  out.set([0xff, marker, (bytes.byteLength + 2) >> 8, (bytes.byteLength + 2) & 0xff]);
  out.set(bytes, 4);
  return out;
}

const join = (...parts: Uint8Array[]): Uint8Array => concatBytes(parts);

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The segments of a JPEG after its SOI: the split point for inserting our own. */
function afterJfif(jpeg: Uint8Array): number {
  // jpeg-js writes SOI then APP0 JFIF (16 bytes of body).
  return jpeg[3] === 0xe0 ? 4 + ((jpeg[4] as number) << 8 | (jpeg[5] as number)) : 2;
}

/** A JFIF APP0 with an embedded 2×2 RGB thumbnail. */
function jfifWithThumbnail(): Uint8Array {
  const body = new Uint8Array(14 + 12);
  body.set(ascii('JFIF\u0000'));
  body.set([1, 2, 0, 0, 1, 0, 1, 2, 2], 5);
  body.fill(200, 14);
  return segment(0xe0, body);
}

export const XMP_PACKET = `http://ns.adobe.com/xap/1.0/\u0000<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description dc:creator="${SECRET}" exif:GPSLatitude="51,30.0N"/></rdf:RDF></x:xmpmeta>`;

export interface PhoneJpegOptions {
  orientation?: number;
  /** Also put a comment between the compressed data and the end (as some editors do). */
  isCommentNearEnd?: boolean;
}

/** A JPEG carrying every kind of metadata, around a real picture (the picture is `base`). */
export function phoneJpeg(options: PhoneJpegOptions = {}): { jpeg: Uint8Array; base: Uint8Array } {
  const base = testJpeg(96, 64);
  const split = afterJfif(base);
  const exif = segment(0xe1, join(ascii('Exif\u0000\u0000'), phoneExif(options.orientation ?? 1)));
  const xmp = segment(0xe1, XMP_PACKET);
  const iptc = segment(0xed, join(ascii('Photoshop 3.0\u00008BIM'), Uint8Array.of(0x04, 0x04, 0, 0), ascii(`\u001c\u0002\u0050${SECRET}`)));
  const comment = segment(0xfe, `Taken by ${SECRET}`);
  const icc = segment(0xe2, join(ascii('ICC_PROFILE\u0000'), Uint8Array.of(1, 1), new Uint8Array(64).fill(7)));
  const ducky = segment(0xec, `Ducky ${SECRET}`);
  const mpf = segment(0xe2, `MPF\u0000${SECRET}`);
  const end = base.byteLength - 2; // the EOI marker
  const hidden = join(Uint8Array.of(0xff, 0xd8), ascii(`second picture of ${SECRET}`), Uint8Array.of(0xff, 0xd9));
  const tailComment = options.isCommentNearEnd ? segment(0xfe, `late ${SECRET}`) : new Uint8Array(0);
  const jpeg = join(base.subarray(0, 2), jfifWithThumbnail(), exif, xmp, icc, mpf, iptc, comment, ducky, base.subarray(split, end), tailComment, base.subarray(end), hidden);
  return { jpeg, base };
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.byteLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.byteLength);
  out.set(ascii(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.byteLength, zlibCrc32(out.subarray(4, 8 + data.byteLength)) >>> 0);
  return out;
}

/** A screenshot PNG with text, XMP, EXIF (GPS, owner), a time stamp, a private chunk and hidden trailing data. */
export function taggedPng(orientation = 1): { png: Uint8Array; base: Uint8Array } {
  const base = encodeTestPng({ width: 40, height: 30, colorType: 2, bitDepth: 8, sample: (x, y) => [x * 6, y * 8, 90] });
  const afterHeader = 8 + 25; // signature, IHDR
  const iend = base.byteLength - 12;
  const chunks = join(
    pngChunk('tEXt', ascii(`Author\u0000${SECRET}`)),
    pngChunk('iTXt', ascii(`XML:com.adobe.xmp\u0000\u0000\u0000\u0000\u0000<x:xmpmeta>${SECRET}</x:xmpmeta>`)),
    pngChunk('zTXt', join(ascii('Comment\u0000\u0000'), Uint8Array.of(0x78, 0x9c, 0x03, 0, 0, 0, 0, 1))),
    pngChunk('eXIf', phoneExif(orientation)),
    pngChunk('tIME', Uint8Array.of(0x07, 0xea, 11, 22, 10, 15, 0)),
    pngChunk('prVt', ascii(SECRET)),
  );
  const png = join(base.subarray(0, afterHeader), chunks, base.subarray(afterHeader, iend), base.subarray(iend), ascii(`trailing ${SECRET}`));
  return { png, base };
}

export function containsText(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes).includes(Buffer.from(text, 'utf8'));
}
