/**
 * Photo metadata found and removed losslessly (issue 12 item 6): every kind is reported, none
 * of it survives, the picture decodes to the same pixels, and the orientation is kept as a
 * minimal EXIF block (or dropped for the PDF, which turns the picture itself).
 */
import { crc32 } from 'node:zlib';
import { decode as decodeJpeg } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { describeImageMetadata, findImageMetadata, stripImageMetadata, summariseExif } from '../../../core/evidence/image-metadata';
import { readJpegInfo } from '../../../core/pdf/images/jpeg';
import { readPngHeader } from '../../../core/pdf/images/png';
import { testJpeg, withExifOrientation } from '../pdf/helpers/fixtures';
import { SECRET, XMP_PACKET, containsText, phoneJpeg, taggedPng, tiff } from './photo-fixtures';

function pixels(jpeg: Uint8Array): Uint8Array {
  return decodeJpeg(jpeg, { useTArray: true }).data;
}

describe('JPEG metadata', () => {
  it('finds every kind a phone writes, in a fixed order', () => {
    const { jpeg } = phoneJpeg({ isCommentNearEnd: true });
    expect(containsText(jpeg, SECRET)).toBe(true);
    const report = findImageMetadata(jpeg);
    expect(report).toEqual({
      format: 'jpeg',
      kinds: ['gps', 'author', 'date-taken', 'camera', 'comment', 'thumbnail', 'xmp', 'iptc', 'hidden-data', 'other'],
      orientation: 1,
      isDamaged: false,
    });
    expect(describeImageMetadata(report.kinds)).toBe(
      'GPS location, author, owner or copyright names, the date and time it was taken, camera details (make, model, serial numbers), descriptions or comments, a hidden thumbnail, XMP metadata, IPTC (Photoshop) metadata, hidden data after the picture and other application data',
    );
  });

  it('removes all of it without touching the picture: the same pixels, the colour profile kept', () => {
    const { jpeg, base } = phoneJpeg({ isCommentNearEnd: true });
    const stripped = stripImageMetadata(jpeg);
    expect(stripped.isChanged).toBe(true);
    expect(containsText(stripped.bytes, SECRET)).toBe(false);
    expect(containsText(stripped.bytes, 'Exif')).toBe(false);
    expect(containsText(stripped.bytes, 'http://ns.adobe.com')).toBe(false);
    expect(containsText(stripped.bytes, 'ICC_PROFILE')).toBe(true);
    expect(pixels(stripped.bytes)).toEqual(pixels(base));
    expect(readJpegInfo(stripped.bytes).ok).toBe(true);
    // Nothing is left to find, and stripping again changes nothing.
    expect(findImageMetadata(stripped.bytes).kinds).toEqual([]);
    const again = stripImageMetadata(stripped.bytes);
    expect(again.isChanged).toBe(false);
    expect(again.bytes).toBe(stripped.bytes);
  });

  it('keeps a sideways photo upright: a minimal EXIF block with only the orientation, or none for the PDF', () => {
    const { jpeg, base } = phoneJpeg({ orientation: 6 });
    const stripped = stripImageMetadata(jpeg);
    expect(stripped.orientation).toBe(6);
    expect(containsText(stripped.bytes, SECRET)).toBe(false);
    const info = readJpegInfo(stripped.bytes);
    expect(info.ok && info.info.orientation).toBe(6);
    // The kept block says nothing else, so it is not reported as metadata.
    expect(findImageMetadata(stripped.bytes)).toMatchObject({ kinds: [], orientation: 6 });
    expect(pixels(stripped.bytes)).toEqual(pixels(base));

    const forPdf = stripImageMetadata(jpeg, { keepOrientation: false });
    expect(containsText(forPdf.bytes, 'Exif')).toBe(false);
    expect(forPdf.orientation).toBe(6);
    expect(pixels(forPdf.bytes)).toEqual(pixels(base));
  });

  it('leaves a clean JPEG as it is (the same bytes), including one that holds only an orientation', () => {
    const clean = testJpeg(32, 24);
    expect(stripImageMetadata(clean)).toMatchObject({ isChanged: false, kinds: [] });
    expect(stripImageMetadata(clean).bytes).toBe(clean);
    const rotated = withExifOrientation(clean, 8);
    const kept = stripImageMetadata(rotated);
    expect(kept.kinds).toEqual([]);
    expect(kept.orientation).toBe(8);
    expect(pixels(kept.bytes)).toEqual(pixels(clean));
  });

  it('reports a damaged JPEG and leaves it unchanged rather than guessing', () => {
    const { jpeg } = phoneJpeg();
    const cut = jpeg.subarray(0, Math.floor(jpeg.byteLength / 2));
    const result = stripImageMetadata(cut);
    expect(result.isDamaged).toBe(true);
    expect(result.isChanged).toBe(false);
    expect(result.kinds).toContain('gps');
  });

  it('is not fooled by hostile EXIF: directories that point at themselves, or claim more entries than they hold', () => {
    const looping = new Uint8Array(tiff([{ tag: 0x8769, type: 4, value: 8 }, { tag: 0x013b, type: 2, text: 'x' }]));
    expect(summariseExif(looping).kinds).toEqual(['author']);
    const lying = new Uint8Array(tiff([{ tag: 0x0112, type: 3, value: 3 }]));
    new DataView(lying.buffer).setUint16(8, 60_000);
    expect(summariseExif(lying)).toEqual({ kinds: ['exif'], orientation: 3 });
    expect(summariseExif(new Uint8Array([1, 2, 3]))).toEqual({ kinds: ['exif'], orientation: 1 });
  });

  it('names XMP on its own', () => {
    const base = testJpeg(16, 16);
    const body = new TextEncoder().encode(XMP_PACKET);
    const app1 = new Uint8Array(4 + body.byteLength);
    app1.set([0xff, 0xe1, (body.byteLength + 2) >> 8, (body.byteLength + 2) & 0xff]);
    app1.set(body, 4);
    const jpeg = new Uint8Array(base.byteLength + app1.byteLength);
    jpeg.set(base.subarray(0, 2));
    jpeg.set(app1, 2);
    jpeg.set(base.subarray(2), 2 + app1.byteLength);
    expect(findImageMetadata(jpeg).kinds).toEqual(['xmp']);
  });
});

describe('PNG metadata', () => {
  it('finds text, XMP, EXIF, the time stamp, private chunks and trailing data', () => {
    const { png } = taggedPng();
    expect(findImageMetadata(png)).toEqual({ format: 'png', kinds: ['gps', 'author', 'date-taken', 'camera', 'comment', 'thumbnail', 'xmp', 'text', 'timestamp', 'hidden-data', 'other'], orientation: 1, isDamaged: false });
  });

  it('keeps only the chunks that draw the picture', () => {
    const { png, base } = taggedPng();
    const stripped = stripImageMetadata(png);
    expect(stripped.isChanged).toBe(true);
    expect(stripped.bytes).toEqual(base);
    expect(containsText(stripped.bytes, SECRET)).toBe(false);
    expect(stripImageMetadata(base).bytes).toBe(base);
  });

  it('keeps an orientation as a minimal eXIf chunk with a valid checksum', () => {
    const { png } = taggedPng(8);
    const stripped = stripImageMetadata(png);
    expect(containsText(stripped.bytes, SECRET)).toBe(false);
    expect(containsText(stripped.bytes, 'eXIf')).toBe(true);
    expect(findImageMetadata(stripped.bytes)).toMatchObject({ kinds: [], orientation: 8 });
    expect(readPngHeader(stripped.bytes).ok).toBe(true);
    // A PNG reader that checks checksums (zlib's CRC-32 here) accepts every chunk.
    const view = new DataView(stripped.bytes.buffer, stripped.bytes.byteOffset);
    for (let at = 8; at < stripped.bytes.byteLength; ) {
      const length = view.getUint32(at);
      expect(view.getUint32(at + 8 + length)).toBe(crc32(stripped.bytes.subarray(at + 4, at + 8 + length)) >>> 0);
      at += 12 + length;
    }
  });

  it('passes other formats through unchanged', () => {
    const gif = new TextEncoder().encode('GIF89a....');
    expect(stripImageMetadata(gif)).toMatchObject({ format: 'other', isChanged: false, kinds: [] });
  });
});
