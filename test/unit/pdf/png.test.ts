import { inflateSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pngToImageStreams, readPngHeader, unfilterRow, type ImageStreams } from '../../../core/pdf/images/png';
import { encodeTestPng, pngChunk, type PngSpec } from './helpers/png-encoder';

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

async function streamsOf(spec: PngSpec): Promise<ImageStreams> {
  const header = readPngHeader(encodeTestPng(spec));
  if (!header.ok) throw new Error(header.reason);
  const result = await pngToImageStreams(header.png);
  if (!result.ok) throw new Error(result.reason);
  return result.image;
}

/** Expected 8-bit output: colour bytes and alpha bytes, row by row. */
function expected(spec: PngSpec, toPixel: (samples: number[]) => { colour: number[]; alpha: number }): { colour: number[]; alpha: number[] } {
  const colour: number[] = [];
  const alpha: number[] = [];
  for (let y = 0; y < spec.height; y++) {
    for (let x = 0; x < spec.width; x++) {
      const pixel = toPixel(spec.sample(x, y));
      colour.push(...pixel.colour);
      alpha.push(pixel.alpha);
    }
  }
  return { colour, alpha };
}

const rgba = (x: number, y: number): number[] => [(x * 37 + y) & 0xff, (y * 53) & 0xff, (x * y * 7) & 0xff, (x + y) % 3 === 0 ? 0 : 200 + ((x + y) % 56)];

describe('readPngHeader', () => {
  it('reads size, format and the picture data of a valid PNG', () => {
    const result = readPngHeader(encodeTestPng({ width: 7, height: 5, colorType: 2, bitDepth: 8, sample: (x, y) => [x, y, 0] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.png).toMatchObject({ width: 7, height: 5, colorType: 2, bitDepth: 8, isInterlaced: false });
    expect(result.png.idat).toHaveLength(2);
  });

  it('refuses files that are not PNG, truncated, headerless or impossible', () => {
    const good = encodeTestPng({ width: 4, height: 4, colorType: 0, bitDepth: 8, sample: () => [9] });
    expect(readPngHeader(Uint8Array.of(1, 2, 3)).ok).toBe(false);
    expect(readPngHeader(good.subarray(0, 50))).toEqual({ ok: false, reason: 'the PNG file is truncated' });
    const signature = good.subarray(0, 8);
    expect(readPngHeader(join([signature, pngChunk('IDAT', Uint8Array.of(1))])).ok).toBe(false);
    const badDepth = new Uint8Array(13);
    new DataView(badDepth.buffer).setUint32(0, 4);
    new DataView(badDepth.buffer).setUint32(4, 4);
    badDepth[8] = 3; // three bits per sample exists in no PNG colour type
    badDepth[9] = 2;
    expect(readPngHeader(join([signature, pngChunk('IHDR', badDepth), pngChunk('IEND', new Uint8Array(0))]))).toEqual({ ok: false, reason: 'the PNG uses an unknown colour format' });
    const zero = new Uint8Array(13);
    zero[8] = 8;
    expect(readPngHeader(join([signature, pngChunk('IHDR', zero)])).ok).toBe(false);
  });

  it('refuses a palette picture without a palette', () => {
    const png = encodeTestPng({ width: 2, height: 2, colorType: 3, bitDepth: 8, sample: () => [0] });
    expect(readPngHeader(png)).toEqual({ ok: false, reason: 'the PNG palette is missing' });
  });
});

describe('pngToImageStreams', () => {
  it('passes an opaque RGB PNG through untouched, with the PNG predictor', async () => {
    const spec: PngSpec = { width: 9, height: 6, colorType: 2, bitDepth: 8, sample: (x, y) => [x * 20, y * 30, 7] };
    const header = readPngHeader(encodeTestPng(spec));
    if (!header.ok) throw new Error(header.reason);
    const image = await streamsOf(spec);
    expect(image.filter).toBe('FlateDecode');
    expect(image.data).toEqual(header.png.idat);
    expect(image.decodeParms).toEqual({ Predictor: 15, Colors: 3, BitsPerComponent: 8, Columns: 9 });
    expect(image.softMask).toBeUndefined();
  });

  it('uses a colour-key mask for a grey PNG with a transparent grey level', async () => {
    const image = await streamsOf({ width: 5, height: 3, colorType: 0, bitDepth: 2, sample: (x) => [x % 4], transparency: Uint8Array.of(0, 3) });
    expect(image.colorKeyMask).toEqual([3, 3]);
    expect(image.colorSpace).toBe('DeviceGray');
    expect(image.bitsPerComponent).toBe(2);
  });

  it('keeps a palette picture indexed', async () => {
    const palette = Uint8Array.of(255, 0, 0, 0, 255, 0, 0, 0, 255);
    const image = await streamsOf({ width: 6, height: 2, colorType: 3, bitDepth: 4, sample: (x) => [x % 3], palette });
    expect(image.colorSpace).toEqual(['Indexed', 'DeviceRGB', 2, palette]);
  });

  it('splits RGBA into RGB and a soft mask, every pixel exact', async () => {
    const spec: PngSpec = { width: 17, height: 9, colorType: 6, bitDepth: 8, sample: rgba };
    const image = await streamsOf(spec);
    const want = expected(spec, ([r, g, b, a]) => ({ colour: [r ?? 0, g ?? 0, b ?? 0], alpha: a ?? 0 }));
    expect([...inflateSync(join(image.data))]).toEqual(want.colour);
    expect(image.softMask).toBeDefined();
    expect([...inflateSync(join(image.softMask ?? []))]).toEqual(want.alpha);
    expect(image.colorSpace).toBe('DeviceRGB');
    expect(image.decodeParms).toBeUndefined();
  });

  it('drops the soft mask when every pixel is opaque', async () => {
    const image = await streamsOf({ width: 4, height: 4, colorType: 6, bitDepth: 8, sample: (x, y) => [x, y, 1, 255] });
    expect(image.softMask).toBeUndefined();
  });

  it('reduces 16-bit grey with alpha to 8 bits', async () => {
    const spec: PngSpec = { width: 5, height: 4, colorType: 4, bitDepth: 16, sample: (x, y) => [x * 10000 + y, 65535 - x * 1000] };
    const image = await streamsOf(spec);
    const want = expected(spec, ([grey, a]) => ({ colour: [(grey ?? 0) >> 8], alpha: (a ?? 0) >> 8 }));
    expect(image.colorSpace).toBe('DeviceGray');
    expect([...inflateSync(join(image.data))]).toEqual(want.colour);
    expect([...inflateSync(join(image.softMask ?? []))]).toEqual(want.alpha);
  });

  it('expands a palette with transparency to RGB plus alpha', async () => {
    const palette = Uint8Array.of(10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120);
    const transparency = Uint8Array.of(0, 128); // entries 2 and 3 are opaque
    const spec: PngSpec = { width: 11, height: 3, colorType: 3, bitDepth: 2, sample: (x, y) => [(x + y) % 4], palette, transparency };
    const image = await streamsOf(spec);
    const want = expected(spec, ([index]) => ({ colour: [...palette.subarray((index ?? 0) * 3, (index ?? 0) * 3 + 3)], alpha: (index ?? 0) < 2 ? (transparency[index ?? 0] as number) : 255 }));
    expect([...inflateSync(join(image.data))]).toEqual(want.colour);
    expect([...inflateSync(join(image.softMask ?? []))]).toEqual(want.alpha);
  });

  it('assembles interlaced pictures (Adam7) exactly, odd sizes included', async () => {
    const spec: PngSpec = { width: 13, height: 11, colorType: 2, bitDepth: 8, sample: (x, y) => [x * 19, y * 23, (x ^ y) * 5], isInterlaced: true };
    const image = await streamsOf(spec);
    const want = expected(spec, ([r, g, b]) => ({ colour: [r ?? 0, g ?? 0, b ?? 0], alpha: 255 }));
    expect([...inflateSync(join(image.data))]).toEqual(want.colour);
    expect(image.softMask).toBeUndefined();
  });

  it('assembles interlaced 1-bit grey, scaling samples to 0–255', async () => {
    const spec: PngSpec = { width: 10, height: 9, colorType: 0, bitDepth: 1, sample: (x, y) => [(x + y) % 2], isInterlaced: true };
    const image = await streamsOf(spec);
    const want = expected(spec, ([bit]) => ({ colour: [bit ? 255 : 0], alpha: 255 }));
    expect([...inflateSync(join(image.data))]).toEqual(want.colour);
  });

  it('honours an RGB colour key when decoding (interlaced)', async () => {
    const spec: PngSpec = { width: 6, height: 6, colorType: 2, bitDepth: 8, sample: (x) => (x === 2 ? [1, 2, 3] : [9, 9, 9]), transparency: Uint8Array.of(0, 1, 0, 2, 0, 3), isInterlaced: true };
    const image = await streamsOf(spec);
    const alpha = [...inflateSync(join(image.softMask ?? []))];
    expect(alpha.filter((value) => value === 0)).toHaveLength(6);
    expect(alpha[2]).toBe(0);
  });

  it('reports damaged or incomplete picture data instead of throwing', async () => {
    const spec: PngSpec = { width: 20, height: 20, colorType: 6, bitDepth: 8, sample: rgba };
    const png = encodeTestPng(spec);
    const header = readPngHeader(png);
    if (!header.ok) throw new Error(header.reason);
    const short = { ...header.png, idat: [deflateSync(new Uint8Array(50))] };
    expect(await pngToImageStreams(short)).toEqual({ ok: false, reason: 'the PNG picture data is incomplete' });
    const garbage = { ...header.png, idat: [Uint8Array.of(0x78, 0x9c, 0xff, 0xff, 0xff, 0x00, 0x12)] };
    expect(await pngToImageStreams(garbage)).toEqual({ ok: false, reason: 'the PNG picture data is damaged' });
    const badFilter = new Uint8Array(20 * (1 + 20 * 4)).fill(0);
    badFilter[0] = 9;
    expect(await pngToImageStreams({ ...header.png, idat: [deflateSync(badFilter)] })).toEqual({ ok: false, reason: 'the PNG rows are damaged' });
    const opaque = readPngHeader(encodeTestPng({ width: 8, height: 8, colorType: 2, bitDepth: 8, sample: () => [1, 2, 3] }));
    if (!opaque.ok) throw new Error(opaque.reason);
    const badOpaque = new Uint8Array(8 * (1 + 24));
    badOpaque[25] = 7;
    expect(await pngToImageStreams({ ...opaque.png, idat: [deflateSync(badOpaque)] })).toEqual({ ok: false, reason: 'the PNG rows are damaged' });
  });

  it('refuses absurd sizes without decoding anything', async () => {
    const header = readPngHeader(encodeTestPng({ width: 2, height: 2, colorType: 6, bitDepth: 8, sample: rgba }));
    if (!header.ok) throw new Error(header.reason);
    const result = await pngToImageStreams({ ...header.png, width: 100_000, height: 100_000 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('too large');
  });
});

describe('unfilterRow', () => {
  it('inverts every PNG filter type', () => {
    const previous = Uint8Array.of(10, 200, 30, 40, 250, 60);
    const original = Uint8Array.of(5, 255, 0, 128, 77, 3);
    const bpp = 2;
    for (let filter = 0; filter <= 4; filter++) {
      const filtered = new Uint8Array(original.length);
      for (let i = 0; i < original.length; i++) {
        const a = i >= bpp ? (original[i - bpp] as number) : 0;
        const b = previous[i] as number;
        const c = i >= bpp ? (previous[i - bpp] as number) : 0;
        const p = a + b - c;
        const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
        const predictor = [0, a, b, (a + b) >> 1, paeth][filter] as number;
        filtered[i] = ((original[i] as number) - predictor) & 0xff;
      }
      unfilterRow(filter, filtered, previous, bpp);
      expect([...filtered]).toEqual([...original]);
    }
  });
});
