/**
 * PNG pictures for the PDF, read defensively (an attachment is untrusted input) and in a
 * streaming way, so a large screenshot never needs its whole pixel buffer in memory.
 *
 * - Opaque, non-interlaced PNGs pass straight through: the PDF's FlateDecode with the PNG
 *   predictor reads PNG's compressed rows as they are. The rows are still inflated once here to
 *   prove they are complete and well formed, because a damaged stream would make the PDF fail
 *   its checks.
 * - PNGs with an alpha channel (or a palette with transparency, or interlacing) are decoded row
 *   by row and re-compressed as 8-bit colour plus an 8-bit soft mask (SMask), which PDF/A-2
 *   allows. A mask that turns out fully opaque is dropped.
 */
import { once } from 'node:events';
import { createDeflate, createInflate, type Deflate } from 'node:zlib';

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  isInterlaced: boolean;
  /** RGB triples, present for colour type 3. */
  palette?: Uint8Array;
  /** The tRNS chunk as stored. */
  transparency?: Uint8Array;
  /** The IDAT payloads, in order (views into the file, not copies). */
  idat: Uint8Array[];
}

export type PngHeaderResult = { ok: true; png: PngHeader } | { ok: false; reason: string };

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Beyond this the picture is listed rather than embedded: no submission needs more. */
export const MAX_PNG_PIXELS = 100_000_000;
/** Interlaced pictures must be decoded whole; this bounds the memory that takes. */
export const MAX_INTERLACED_PIXELS = 16_000_000;

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((value, index) => bytes[index] === value);
}

export function readPngHeader(bytes: Uint8Array): PngHeaderResult {
  if (!isPng(bytes)) return { ok: false, reason: 'it is not a PNG file' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  let header: Omit<PngHeader, 'idat'> | undefined;
  const idat: Uint8Array[] = [];
  let palette: Uint8Array | undefined;
  let transparency: Uint8Array | undefined;
  while (pos + 8 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(bytes[pos + 4] ?? 0, bytes[pos + 5] ?? 0, bytes[pos + 6] ?? 0, bytes[pos + 7] ?? 0);
    const dataStart = pos + 8;
    if (length > bytes.length - dataStart) return { ok: false, reason: 'the PNG file is truncated' };
    const data = bytes.subarray(dataStart, dataStart + length);
    if (header === undefined && type !== 'IHDR') return { ok: false, reason: 'the PNG file does not start with its header' };
    if (type === 'IHDR') {
      if (length !== 13 || header !== undefined) return { ok: false, reason: 'the PNG header is damaged' };
      const width = view.getUint32(dataStart);
      const height = view.getUint32(dataStart + 4);
      const bitDepth = data[8] as number;
      const colorType = data[9] as number;
      if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) return { ok: false, reason: 'the PNG states an impossible size' };
      if (!(DEPTHS[colorType] ?? []).includes(bitDepth)) return { ok: false, reason: 'the PNG uses an unknown colour format' };
      if (data[10] !== 0 || data[11] !== 0 || (data[12] !== 0 && data[12] !== 1)) return { ok: false, reason: 'the PNG uses an unknown compression, filter or interlace method' };
      header = { width, height, bitDepth, colorType, isInterlaced: data[12] === 1 };
    } else if (type === 'PLTE') {
      if (length % 3 !== 0 || length === 0 || length > 768) return { ok: false, reason: 'the PNG palette is damaged' };
      palette = data;
    } else if (type === 'tRNS') {
      transparency = data;
    } else if (type === 'IDAT') {
      if (length > 0) idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    pos = dataStart + length + 4; // skip the CRC: damage shows when the rows are inflated
  }
  if (header === undefined) return { ok: false, reason: 'the PNG file has no header' };
  if (idat.length === 0) return { ok: false, reason: 'the PNG file has no picture data' };
  if (header.colorType === 3 && palette === undefined) return { ok: false, reason: 'the PNG palette is missing' };
  if (header.colorType === 3 && palette !== undefined && transparency !== undefined && transparency.length > palette.length / 3) {
    return { ok: false, reason: 'the PNG transparency table is longer than its palette' };
  }
  if ((header.colorType === 0 && transparency !== undefined && transparency.length < 2) || (header.colorType === 2 && transparency !== undefined && transparency.length < 6)) {
    return { ok: false, reason: 'the PNG transparency entry is damaged' };
  }
  const png: PngHeader = { ...header, idat };
  if (palette !== undefined) png.palette = palette;
  // tRNS means nothing for colour types that already carry alpha; ignore it there.
  if (transparency !== undefined && header.colorType !== 4 && header.colorType !== 6) png.transparency = transparency;
  return { ok: true, png };
}

export type PdfColorSpace = 'DeviceGray' | 'DeviceRGB' | ['Indexed', 'DeviceRGB', number, Uint8Array];

/** Everything needed to write one image XObject (and its soft mask). */
export interface ImageStreams {
  width: number;
  height: number;
  colorSpace: PdfColorSpace;
  bitsPerComponent: number;
  filter: 'FlateDecode' | 'DCTDecode';
  data: Uint8Array[];
  decodeParms?: { Predictor: number; Colors: number; BitsPerComponent: number; Columns: number };
  /** Colour-key masking: [min max] per colour component. */
  colorKeyMask?: number[];
  softMask?: Uint8Array[];
  /** Invert CMYK values (Adobe CMYK JPEGs); never used for PNG. */
  decode?: number[];
}

export type PngStreamsResult = { ok: true; image: ImageStreams } | { ok: false; reason: string };

/** Turns a parsed PNG into PDF image streams, choosing pass-through wherever the PDF can read PNG rows directly. */
export async function pngToImageStreams(png: PngHeader): Promise<PngStreamsResult> {
  const pixels = png.width * png.height;
  if (pixels > MAX_PNG_PIXELS) return { ok: false, reason: `the picture is too large to embed (${png.width} × ${png.height} pixels)` };
  const hasAlpha = png.colorType === 4 || png.colorType === 6 || (png.colorType === 3 && png.transparency !== undefined);
  if (!hasAlpha && !png.isInterlaced) return passThrough(png);
  if (png.isInterlaced && pixels > MAX_INTERLACED_PIXELS) return { ok: false, reason: `the interlaced picture is too large to embed (${png.width} × ${png.height} pixels)` };
  return convert(png);
}

function rowBytesOf(png: PngHeader, width: number): number {
  return Math.ceil((width * (CHANNELS[png.colorType] ?? 1) * png.bitDepth) / 8);
}

async function passThrough(png: PngHeader): Promise<PngStreamsResult> {
  const rowBytes = rowBytesOf(png, png.width);
  const check = await inflateScanlines(png.idat, [{ width: png.width, rows: png.height, rowBytes }], (_pass, _y, filter) => {
    if (filter > 4) throw new PngDataError('the PNG rows are damaged');
  });
  if (!check.ok) return check;
  const colors = CHANNELS[png.colorType] ?? 1;
  const image: ImageStreams = {
    width: png.width,
    height: png.height,
    colorSpace: png.colorType === 3 ? indexedSpace(png.palette as Uint8Array) : colors === 1 ? 'DeviceGray' : 'DeviceRGB',
    bitsPerComponent: png.bitDepth,
    filter: 'FlateDecode',
    data: png.idat,
    decodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: png.bitDepth, Columns: png.width },
  };
  if (png.transparency !== undefined && (png.colorType === 0 || png.colorType === 2)) {
    const view = new DataView(png.transparency.buffer, png.transparency.byteOffset, png.transparency.byteLength);
    const mask: number[] = [];
    for (let channel = 0; channel < colors; channel++) {
      // Key samples are stored as 16-bit values; only the low bits matter below 16-bit depth.
      const value = view.getUint16(channel * 2) & ((1 << png.bitDepth) - 1);
      mask.push(value, value);
    }
    image.colorKeyMask = mask;
  }
  return { ok: true, image };
}

function indexedSpace(palette: Uint8Array): PdfColorSpace {
  return ['Indexed', 'DeviceRGB', palette.length / 3 - 1, palette];
}

class PngDataError extends Error {}

interface ScanlinePass {
  width: number;
  rows: number;
  rowBytes: number;
}

type RowHandler = (pass: number, y: number, filter: number, row: Uint8Array) => void | Promise<void>;

/**
 * Inflates the IDAT stream and hands each scanline (filter byte, row bytes) to `onRow`,
 * holding only one row at a time. Fails, without throwing, on damaged or short data.
 */
async function inflateScanlines(idat: Uint8Array[], passes: ScanlinePass[], onRow: RowHandler): Promise<{ ok: true } | { ok: false; reason: string }> {
  const inflater = createInflate();
  const feeding = (async () => {
    for (const part of idat) {
      if (!inflater.write(part)) await once(inflater, 'drain');
    }
    inflater.end();
  })();
  feeding.catch(() => undefined); // a failure surfaces through the reading loop below
  const active = passes.filter((pass) => pass.rows > 0 && pass.width > 0);
  let passIndex = 0;
  let y = 0;
  let row = new Uint8Array((active[0]?.rowBytes ?? 0) + 1);
  let filled = 0;
  try {
    reading: for await (const chunk of inflater as AsyncIterable<Uint8Array>) {
      let offset = 0;
      while (offset < chunk.length) {
        const pass = active[passIndex];
        if (pass === undefined) break reading; // trailing data after the last row is ignored
        const take = Math.min(row.length - filled, chunk.length - offset);
        row.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === row.length) {
          await onRow(passIndex, y, row[0] as number, row.subarray(1));
          filled = 0;
          y++;
          if (y === pass.rows) {
            y = 0;
            passIndex++;
            const next = active[passIndex];
            if (next !== undefined && next.rowBytes + 1 !== row.length) row = new Uint8Array(next.rowBytes + 1);
          }
        }
      }
    }
  } catch (error) {
    inflater.destroy();
    if (error instanceof PngDataError) return { ok: false, reason: error.message };
    if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('Z_')) return { ok: false, reason: 'the PNG picture data is damaged' };
    throw error;
  }
  inflater.destroy();
  if (passIndex < active.length) return { ok: false, reason: 'the PNG picture data is incomplete' };
  return { ok: true };
}

/** Undoes PNG's per-row filter in place; `previous` is the unfiltered row above (zeros for the first). */
export function unfilterRow(filter: number, row: Uint8Array, previous: Uint8Array, bytesPerPixel: number): void {
  const length = row.length;
  switch (filter) {
    case 0:
      return;
    case 1:
      for (let i = bytesPerPixel; i < length; i++) row[i] = ((row[i] as number) + (row[i - bytesPerPixel] as number)) & 0xff;
      return;
    case 2:
      for (let i = 0; i < length; i++) row[i] = ((row[i] as number) + (previous[i] as number)) & 0xff;
      return;
    case 3:
      for (let i = 0; i < length; i++) {
        const left = i >= bytesPerPixel ? (row[i - bytesPerPixel] as number) : 0;
        row[i] = ((row[i] as number) + ((left + (previous[i] as number)) >> 1)) & 0xff;
      }
      return;
    case 4:
      for (let i = 0; i < length; i++) {
        const a = i >= bytesPerPixel ? (row[i - bytesPerPixel] as number) : 0;
        const b = previous[i] as number;
        const c = i >= bytesPerPixel ? (previous[i - bytesPerPixel] as number) : 0;
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        const predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        row[i] = ((row[i] as number) + predictor) & 0xff;
      }
      return;
    default:
      throw new PngDataError('the PNG rows are damaged');
  }
}

/** Collects deflated output; input is batched so zlib sees large writes, and waits when zlib is behind. */
class DeflateCollector {
  private readonly deflater: Deflate = createDeflate({ level: 6 });
  private readonly output: Uint8Array[] = [];
  private readonly batch: Uint8Array;
  private used = 0;

  constructor(batchBytes = 256 * 1024) {
    this.batch = new Uint8Array(batchBytes);
    this.deflater.on('data', (chunk: Uint8Array) => this.output.push(chunk));
  }

  async append(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const take = Math.min(this.batch.length - this.used, bytes.length - offset);
      this.batch.set(bytes.subarray(offset, offset + take), this.used);
      this.used += take;
      offset += take;
      if (this.used === this.batch.length) await this.flushBatch();
    }
  }

  async finish(): Promise<Uint8Array[]> {
    await this.flushBatch();
    const ended = once(this.deflater, 'end');
    this.deflater.end();
    await ended;
    return this.output;
  }

  discard(): void {
    this.deflater.destroy();
  }

  private async flushBatch(): Promise<void> {
    if (this.used === 0) return;
    const chunk = this.batch.slice(0, this.used);
    this.used = 0;
    if (!this.deflater.write(chunk)) await once(this.deflater, 'drain');
  }
}

const ADAM7 = [
  { x0: 0, y0: 0, dx: 8, dy: 8 },
  { x0: 4, y0: 0, dx: 8, dy: 8 },
  { x0: 0, y0: 4, dx: 4, dy: 8 },
  { x0: 2, y0: 0, dx: 4, dy: 4 },
  { x0: 0, y0: 2, dx: 2, dy: 4 },
  { x0: 1, y0: 0, dx: 2, dy: 2 },
  { x0: 0, y0: 1, dx: 1, dy: 2 },
];

/** Decodes to 8-bit grey or RGB plus an 8-bit alpha mask, streaming rows into two deflaters. */
async function convert(png: PngHeader): Promise<PngStreamsResult> {
  const channels = CHANNELS[png.colorType] ?? 1;
  const isGrey = png.colorType === 0 || png.colorType === 4;
  const outChannels = isGrey ? 1 : 3;
  const bytesPerPixel = Math.max(1, Math.ceil((channels * png.bitDepth) / 8));
  const maxSample = (1 << Math.min(png.bitDepth, 8)) - 1;
  const palette = png.palette;
  const paletteAlpha = png.colorType === 3 ? png.transparency : undefined;
  const key = colourKey(png);
  const colour = new DeflateCollector();
  const alpha = new DeflateCollector();
  let isOpaque = true;

  const passes: ScanlinePass[] = png.isInterlaced
    ? ADAM7.map((step) => {
        const width = Math.max(0, Math.ceil((png.width - step.x0) / step.dx));
        const rows = Math.max(0, Math.ceil((png.height - step.y0) / step.dy));
        return { width, rows, rowBytes: rowBytesOf(png, width) };
      })
    : [{ width: png.width, rows: png.height, rowBytes: rowBytesOf(png, png.width) }];
  const activePasses = passes.map((pass, index) => ({ pass, step: ADAM7[index] })).filter(({ pass }) => pass.rows > 0 && pass.width > 0);
  // Interlaced pictures arrive in seven sparse passes, so they are assembled whole first.
  const whole = png.isInterlaced ? { colour: new Uint8Array(png.width * png.height * outChannels), alpha: new Uint8Array(png.width * png.height).fill(255) } : undefined;
  const colourRow = new Uint8Array(png.width * outChannels);
  const alphaRow = new Uint8Array(png.width);
  let previous = new Uint8Array(passes[0]?.rowBytes ?? 0);
  let currentPass = -1;

  const sample = (row: Uint8Array, index: number): number => {
    if (png.bitDepth === 8) return row[index] as number;
    if (png.bitDepth === 16) return row[index * 2] as number; // the high byte is the 8-bit value
    const bit = index * png.bitDepth;
    return ((row[bit >> 3] as number) >> (8 - png.bitDepth - (bit & 7))) & maxSample;
  };
  const fullSample = (row: Uint8Array, index: number): number => (png.bitDepth === 16 ? (((row[index * 2] as number) << 8) | (row[index * 2 + 1] as number)) : sample(row, index));
  const scale = (value: number): number => (png.bitDepth < 8 ? Math.round((value * 255) / maxSample) : value);

  const onRow: RowHandler = async (passIndex, y, filter, row) => {
    const entry = activePasses[passIndex];
    if (entry === undefined) return;
    if (passIndex !== currentPass) {
      currentPass = passIndex;
      previous = new Uint8Array(row.length);
    }
    unfilterRow(filter, row, previous, bytesPerPixel);
    const width = entry.pass.width;
    for (let x = 0; x < width; x++) {
      let a = 255;
      let r: number;
      let g: number;
      let b: number;
      if (png.colorType === 3) {
        const index = sample(row, x);
        r = palette?.[index * 3] ?? 0;
        g = palette?.[index * 3 + 1] ?? 0;
        b = palette?.[index * 3 + 2] ?? 0;
        if (paletteAlpha !== undefined && index < paletteAlpha.length) a = paletteAlpha[index] as number;
      } else if (isGrey) {
        r = g = b = scale(sample(row, x * channels));
        if (png.colorType === 4) a = sample(row, x * channels + 1);
        else if (key !== undefined && fullSample(row, x) === key[0]) a = 0;
      } else {
        r = sample(row, x * channels);
        g = sample(row, x * channels + 1);
        b = sample(row, x * channels + 2);
        if (png.colorType === 6) a = sample(row, x * channels + 3);
        else if (key !== undefined && fullSample(row, x * 3) === key[0] && fullSample(row, x * 3 + 1) === key[1] && fullSample(row, x * 3 + 2) === key[2]) a = 0;
      }
      if (a !== 255) isOpaque = false;
      if (whole !== undefined && entry.step !== undefined) {
        const target = (entry.step.y0 + y * entry.step.dy) * png.width + entry.step.x0 + x * entry.step.dx;
        if (outChannels === 1) whole.colour[target] = r;
        else {
          whole.colour[target * 3] = r;
          whole.colour[target * 3 + 1] = g;
          whole.colour[target * 3 + 2] = b;
        }
        whole.alpha[target] = a;
      } else {
        if (outChannels === 1) colourRow[x] = r;
        else {
          colourRow[x * 3] = r;
          colourRow[x * 3 + 1] = g;
          colourRow[x * 3 + 2] = b;
        }
        alphaRow[x] = a;
      }
    }
    previous.set(row);
    if (whole === undefined) {
      await colour.append(colourRow);
      await alpha.append(alphaRow);
    }
  };

  try {
    const result = await inflateScanlines(
      png.idat,
      activePasses.map(({ pass }) => pass),
      onRow,
    );
    if (!result.ok) {
      colour.discard();
      alpha.discard();
      return result;
    }
    if (whole !== undefined) {
      await colour.append(whole.colour);
      await alpha.append(whole.alpha);
    }
    const colourData = await colour.finish();
    const alphaData = await alpha.finish();
    const image: ImageStreams = {
      width: png.width,
      height: png.height,
      colorSpace: outChannels === 1 ? 'DeviceGray' : 'DeviceRGB',
      bitsPerComponent: 8,
      filter: 'FlateDecode',
      data: colourData,
    };
    if (!isOpaque) image.softMask = alphaData;
    return { ok: true, image };
  } catch (error) {
    colour.discard();
    alpha.discard();
    if (error instanceof PngDataError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** The tRNS colour key of a grey or RGB PNG, as full-precision samples. */
function colourKey(png: PngHeader): number[] | undefined {
  if (png.transparency === undefined || (png.colorType !== 0 && png.colorType !== 2)) return undefined;
  const view = new DataView(png.transparency.buffer, png.transparency.byteOffset, png.transparency.byteLength);
  const count = png.colorType === 0 ? 1 : 3;
  const key: number[] = [];
  for (let channel = 0; channel < count; channel++) key.push(view.getUint16(channel * 2) & (png.bitDepth === 16 ? 0xffff : (1 << png.bitDepth) - 1));
  return key;
}
