import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { displaySize, orientationMatrix, prepareImage, sniffFormat } from '../../../core/pdf/images/image-xobject';
import { exifOrientation, readJpegInfo } from '../../../core/pdf/images/jpeg';
import { testJpeg, withExifOrientation } from './helpers/fixtures';
import { encodeTestPng } from './helpers/png-encoder';

/** Where the matrix puts a point (u, v) of the image's unit square. */
function apply(matrix: number[], u: number, v: number): [number, number] {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = matrix;
  return [Math.round(a * u + c * v + e), Math.round(b * u + d * v + f)];
}

describe('readJpegInfo', () => {
  it('reads size, colour channels and precision from the frame header', () => {
    const result = readJpegInfo(testJpeg(64, 40));
    expect(result).toEqual({ ok: true, info: { width: 64, height: 40, components: 3, bitsPerComponent: 8, orientation: 1, hasAdobeMarker: false } });
  });

  it('reads the EXIF orientation in either byte order', () => {
    for (const orientation of [1, 3, 6, 8]) {
      const big = readJpegInfo(withExifOrientation(testJpeg(16, 8), orientation));
      const little = readJpegInfo(withExifOrientation(testJpeg(16, 8), orientation, true));
      expect(big.ok && big.info.orientation).toBe(orientation);
      expect(little.ok && little.info.orientation).toBe(orientation);
    }
  });

  it('ignores an orientation outside 1–8 and damaged EXIF', () => {
    expect(readJpegInfo(withExifOrientation(testJpeg(16, 8), 9))).toMatchObject({ ok: true, info: { orientation: 1 } });
    expect(exifOrientation(Uint8Array.of(0x45, 0x78, 0x69, 0x66, 0, 0, 0x49, 0x49, 42, 0, 200, 0, 0, 0))).toBeUndefined();
    expect(exifOrientation(new TextEncoder().encode('not exif at all, really'))).toBeUndefined();
  });

  it('refuses truncated, headerless and 12-bit JPEGs with a reason', () => {
    const jpeg = testJpeg(32, 32);
    expect(readJpegInfo(jpeg.subarray(0, 30)).ok).toBe(false);
    expect(readJpegInfo(Uint8Array.of(0xff, 0xd8, 0xff, 0xd9))).toEqual({ ok: false, reason: 'the JPEG file has no picture header' });
    const twelveBit = jpeg.slice();
    for (let index = 2; index < twelveBit.length - 1; index++) {
      if (twelveBit[index] === 0xff && twelveBit[index + 1] === 0xc0) {
        twelveBit[index + 4] = 12;
        break;
      }
    }
    expect(readJpegInfo(twelveBit)).toEqual({ ok: false, reason: 'the JPEG uses 12-bit samples, which PDF readers do not show' });
  });
});

describe('orientationMatrix', () => {
  // A 40 × 20 picture shown at scale 1 at (100, 200). Corners of the stored picture:
  // top-left is (u 0, v 1), top-right (1, 1), bottom-left (0, 0).
  const cases: Array<[number, [number, number], [number, number], [number, number]]> = [
    // orientation, where stored top-left lands, stored top-right, stored bottom-left
    [1, [100, 200], [140, 200], [100, 220]],
    [2, [140, 200], [100, 200], [140, 220]],
    [3, [140, 220], [100, 220], [140, 200]],
    [4, [100, 220], [140, 220], [100, 200]],
    [5, [100, 200], [100, 240], [120, 200]],
    [6, [120, 200], [120, 240], [100, 200]],
    [7, [120, 240], [120, 200], [100, 240]],
    [8, [100, 240], [100, 200], [120, 240]],
  ];
  it.each(cases)('orientation %i puts the stored corners where EXIF says', (orientation, topLeft, topRight, bottomLeft) => {
    const matrix = orientationMatrix(orientation, 40, 20, 100, 200, 1);
    expect(apply(matrix, 0, 1)).toEqual(topLeft);
    expect(apply(matrix, 1, 1)).toEqual(topRight);
    expect(apply(matrix, 0, 0)).toEqual(bottomLeft);
  });

  it('swaps width and height for the turned orientations', () => {
    expect(displaySize(40, 20, 6)).toEqual({ width: 20, height: 40 });
    expect(displaySize(40, 20, 3)).toEqual({ width: 40, height: 20 });
  });
});

describe('prepareImage', () => {
  it('passes a JPEG without metadata through untouched', async () => {
    const jpeg = testJpeg(50, 30);
    const result = await prepareImage(jpeg);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.image.streams).toMatchObject({ width: 50, height: 30, filter: 'DCTDecode', colorSpace: 'DeviceRGB', bitsPerComponent: 8 });
    expect(result.image.streams.data).toEqual([jpeg]);
  });

  it('passes the compressed picture of a turned JPEG through untouched, without its EXIF (the placement turns it)', async () => {
    const plain = testJpeg(50, 30);
    const result = await prepareImage(withExifOrientation(plain, 6));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.image.orientation).toBe(6);
    expect(result.image.streams.data).toEqual([plain]);
  });

  it('names formats it cannot embed instead of guessing', async () => {
    const gif = new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000');
    expect(sniffFormat(gif)).toBe('gif');
    expect(await prepareImage(gif)).toEqual({ ok: false, reason: 'GIF pictures cannot be embedded in an archival PDF; convert it to JPEG or PNG' });
    expect(await prepareImage(new TextEncoder().encode('plain text pretending to be a picture'))).toEqual({ ok: false, reason: 'it is not a JPEG or PNG picture' });
    expect(sniffFormat(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('webp');
  });

  it('converts a CMYK JPEG to RGB, which PDF/A with an sRGB output intent requires', async () => {
    // 48 × 32, made with ImageMagick: a red-to-blue gradient, black block top left, Adobe CMYK.
    const cmyk = new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'cmyk.jpg')));
    expect(readJpegInfo(cmyk)).toMatchObject({ ok: true, info: { components: 4, hasAdobeMarker: true } });
    const result = await prepareImage(cmyk);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { streams } = result.image;
    expect(streams).toMatchObject({ width: 48, height: 32, colorSpace: 'DeviceRGB', filter: 'FlateDecode', bitsPerComponent: 8 });
    const rgb = inflateSync(Buffer.concat(streams.data));
    expect(rgb.length).toBe(48 * 32 * 3);
    const pixel = (x: number, y: number): number[] => [...rgb.subarray((y * 48 + x) * 3, (y * 48 + x) * 3 + 3)];
    expect(Math.max(...pixel(2, 2))).toBeLessThan(70); // the black block
    const [red = 0, , blue = 0] = pixel(40, 30); // near the blue end of the gradient
    expect(blue).toBeGreaterThan(red);
  });

  it('prepares PNGs through the PNG reader', async () => {
    const result = await prepareImage(encodeTestPng({ width: 8, height: 8, colorType: 6, bitDepth: 8, sample: (x) => [x, x, x, x * 30] }));
    expect(result.ok && result.image.streams.softMask !== undefined).toBe(true);
  });
});
