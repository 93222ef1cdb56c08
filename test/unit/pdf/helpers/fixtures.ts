/**
 * Inputs for the PDF tests: the demo portfolio (realistic, deterministic), and variants of it
 * carrying the awkward things a real portfolio can hold — Welsh letters, currency signs, curly
 * quotes, characters no font has, XML-special characters in names, and every kind of picture
 * the exporter must embed, list or refuse.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode as encodeJpeg } from 'jpeg-js';
import { generateDemoPortfolio } from '../../../../core/demo/demo-portfolio';
import type { AttachmentRef, EvidenceItem } from '../../../../core/model/portfolio';
import type { PackageManifest } from '../../../../core/package/manifest';
import type { SubmissionPdfInput } from '../../../../core/pdf/build-pdf';
import { builtinSpec } from '../../../../core/spec/builtin';
import { encodeTestPng } from './png-encoder';

export interface TestPortfolio {
  manifest: PackageManifest;
  attachments: Map<string, Uint8Array>;
}

export function inputOf(portfolio: TestPortfolio, extra: Partial<SubmissionPdfInput> = {}): SubmissionPdfInput {
  return {
    manifest: portfolio.manifest,
    readAttachment: async (sha256) => {
      const bytes = portfolio.attachments.get(sha256);
      if (bytes === undefined) throw new Error(`No attachment ${sha256}`);
      return bytes;
    },
    ...extra,
  };
}

export async function demoPortfolio(items = 14, images = 4, seed = 3): Promise<TestPortfolio> {
  const demo = await generateDemoPortfolio({ items, images, seed, spec: builtinSpec() });
  return { manifest: demo.manifest, attachments: demo.attachments };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Adds an attachment to an item (and to the package), returning its sha256. */
export function attach(portfolio: TestPortfolio, item: EvidenceItem, name: string, mediaType: string, bytes: Uint8Array): string {
  const sha256 = sha256Hex(bytes);
  if (!portfolio.attachments.has(sha256)) {
    portfolio.attachments.set(sha256, bytes);
    portfolio.manifest.attachments.push({ sha256, size: bytes.length, mediaType });
  }
  item.attachments.push({ sha256, name, mediaType, size: bytes.length } satisfies AttachmentRef);
  return sha256;
}

/** A JPEG of a clear left-to-right gradient with a dark block, optionally with an EXIF orientation. */
export function testJpeg(width: number, height: number, orientation?: number): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 4;
      const isBlock = x < width / 3 && y < height / 3;
      data[offset] = isBlock ? 20 : Math.round((x / width) * 255);
      data[offset + 1] = isBlock ? 20 : Math.round((y / height) * 255);
      data[offset + 2] = isBlock ? 20 : 160;
      data[offset + 3] = 255;
    }
  }
  const jpeg = new Uint8Array(encodeJpeg({ width, height, data }, 85).data);
  return orientation === undefined ? jpeg : withExifOrientation(jpeg, orientation);
}

/** Inserts an APP1 Exif segment holding only the orientation tag, right after SOI. */
export function withExifOrientation(jpeg: Uint8Array, orientation: number, isLittleEndian = false): Uint8Array {
  const tiff = new Uint8Array(26);
  const view = new DataView(tiff.buffer);
  tiff.set(isLittleEndian ? [0x49, 0x49] : [0x4d, 0x4d], 0);
  view.setUint16(2, 42, isLittleEndian);
  view.setUint32(4, 8, isLittleEndian);
  view.setUint16(8, 1, isLittleEndian); // one IFD entry
  view.setUint16(10, 0x0112, isLittleEndian);
  view.setUint16(12, 3, isLittleEndian); // SHORT
  view.setUint32(14, 1, isLittleEndian);
  view.setUint16(18, orientation, isLittleEndian);
  view.setUint32(22, 0, isLittleEndian);
  const payload = new Uint8Array(6 + tiff.length);
  payload.set([0x45, 0x78, 0x69, 0x66, 0, 0], 0);
  payload.set(tiff, 6);
  const segment = new Uint8Array(4 + payload.length);
  segment.set([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff], 0);
  segment.set(payload, 4);
  const out = new Uint8Array(jpeg.length + segment.length);
  out.set(jpeg.subarray(0, 2), 0);
  out.set(segment, 2);
  out.set(jpeg.subarray(2), 2 + segment.length);
  return out;
}

export const SPECIAL_TEXT = 'Refund of £25.50 and a €30 voucher; Welsh: ŵ ŷ Ŵ Ŷ (Gŵyl, Llŷr); “double” and ‘single’ quotes; café, naïve, Zoë.';

/**
 * The demo portfolio with awkward text and every kind of attachment: an RGBA PNG, an
 * interlaced palette PNG, a rotated JPEG, a GIF (listed, not embedded), a damaged PNG (listed
 * with the reason) and an audio file (listed).
 */
export async function specialPortfolio(): Promise<TestPortfolio> {
  const portfolio = await demoPortfolio(12, 2, 5);
  const { manifest } = portfolio;
  manifest.portfolio.learner.name = 'Siân “Ŵyn” O’Brien & <Co>';
  const [first, second] = manifest.evidence;
  if (first === undefined || second === undefined) throw new Error('The demo portfolio is too small');
  first.title = 'Refund letter — £ and € amounts (ŵ ŷ)';
  first.narrative = `${SPECIAL_TEXT}\n\nUnsupported characters: ᏣᎳ end.\n\nSupported now: 🦠 漢字 end.\n\n- First point\n- Second point with “quotes”`;
  second.title = `Picture gallery ${'x'.repeat(3)}`;
  attach(portfolio, second, 'screenshot-with-alpha.png', 'image/png', encodeTestPng({ width: 240, height: 160, colorType: 6, bitDepth: 8, sample: (x, y) => [x & 0xff, (y * 3) & 0xff, 120, x < 120 ? 255 : 90] }));
  attach(portfolio, second, 'interlaced-palette.png', 'image/png', encodeTestPng({
    width: 200,
    height: 120,
    colorType: 3,
    bitDepth: 4,
    palette: Uint8Array.of(0, 0, 0, 255, 255, 255, 200, 30, 30, 30, 30, 200),
    transparency: Uint8Array.of(255, 255, 128),
    sample: (x, y) => [((x >> 4) + (y >> 4)) % 4],
    isInterlaced: true,
  }));
  attach(portfolio, second, 'phone-photo.jpg', 'image/jpeg', testJpeg(160, 90, 6));
  attach(portfolio, second, 'print-proof-cmyk.jpg', 'image/jpeg', new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'cmyk.jpg'))));
  attach(portfolio, second, 'animation.gif', 'image/gif', Uint8Array.from([...'GIF89a'].map((c) => c.charCodeAt(0)).concat([1, 0, 1, 0, 0, 0, 0, 0x3b])));
  attach(portfolio, second, 'damaged.png', 'image/png', encodeTestPng({ width: 50, height: 50, colorType: 2, bitDepth: 8, sample: () => [1, 2, 3] }).subarray(0, 60));
  attach(portfolio, second, 'call.wav', 'audio/wav', new TextEncoder().encode('RIFF----WAVEfmt not really audio'));
  return portfolio;
}
