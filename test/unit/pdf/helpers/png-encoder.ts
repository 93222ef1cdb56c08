/**
 * A PNG writer for tests: any colour type and bit depth, optional palette and transparency,
 * optional Adam7 interlacing, and a choice of row filters. It exists so the PDF's PNG reader
 * can be checked against pictures whose every pixel is known.
 */
import { deflateSync } from 'node:zlib';

export interface PngSpec {
  width: number;
  height: number;
  colorType: 0 | 2 | 3 | 4 | 6;
  bitDepth: 1 | 2 | 4 | 8 | 16;
  /** Samples per pixel in order (grey; grey+alpha; RGB; RGBA; palette index), each 0..2^bitDepth-1. */
  sample: (x: number, y: number) => number[];
  palette?: Uint8Array;
  transparency?: Uint8Array;
  isInterlaced?: boolean;
  /** Row filter to apply (0–4); default cycles through all five. */
  filter?: number;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let index = 0; index < 4; index++) out[4 + index] = type.charCodeAt(index);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

function packRow(spec: PngSpec, y: number, xs: number[]): Uint8Array {
  const channels = CHANNELS[spec.colorType];
  const bits = spec.bitDepth;
  const row = new Uint8Array(Math.ceil((xs.length * channels * bits) / 8));
  let bit = 0;
  for (const x of xs) {
    for (const value of spec.sample(x, y)) {
      if (bits === 16) {
        row[bit >> 3] = value >> 8;
        row[(bit >> 3) + 1] = value & 0xff;
      } else if (bits === 8) {
        row[bit >> 3] = value;
      } else {
        row[bit >> 3] = (row[bit >> 3] as number) | (value << (8 - bits - (bit & 7)));
      }
      bit += bits;
    }
  }
  return row;
}

function filterRow(filter: number, row: Uint8Array, previous: Uint8Array, bpp: number): Uint8Array {
  const out = new Uint8Array(row.length + 1);
  out[0] = filter;
  for (let i = 0; i < row.length; i++) {
    const a = i >= bpp ? (row[i - bpp] as number) : 0;
    const b = previous[i] ?? 0;
    const c = i >= bpp ? (previous[i - bpp] ?? 0) : 0;
    let predictor = 0;
    if (filter === 1) predictor = a;
    else if (filter === 2) predictor = b;
    else if (filter === 3) predictor = (a + b) >> 1;
    else if (filter === 4) {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    out[i + 1] = ((row[i] as number) - predictor) & 0xff;
  }
  return out;
}

export function encodeTestPng(spec: PngSpec): Uint8Array {
  const bpp = Math.max(1, Math.ceil((CHANNELS[spec.colorType] * spec.bitDepth) / 8));
  const rows: Uint8Array[] = [];
  let filterIndex = 0;
  const passes = spec.isInterlaced ? ADAM7 : [[0, 0, 1, 1] as const];
  for (const [x0, y0, dx, dy] of passes) {
    const xs: number[] = [];
    for (let x = x0; x < spec.width; x += dx) xs.push(x);
    if (xs.length === 0) continue;
    let previous: Uint8Array = new Uint8Array(0);
    for (let y = y0; y < spec.height; y += dy) {
      const row = packRow(spec, y, xs);
      const filter = spec.filter ?? filterIndex++ % 5;
      rows.push(filterRow(filter, row, previous, bpp));
      previous = row;
    }
  }
  const raw = new Uint8Array(rows.reduce((sum, row) => sum + row.length, 0));
  let offset = 0;
  for (const row of rows) {
    raw.set(row, offset);
    offset += row.length;
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, spec.width);
  view.setUint32(4, spec.height);
  header[8] = spec.bitDepth;
  header[9] = spec.colorType;
  header[12] = spec.isInterlaced ? 1 : 0;
  const compressed = deflateSync(raw);
  // Split the picture data over two IDAT chunks, as real encoders often do.
  const half = Math.floor(compressed.length / 2);
  const parts = [
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    pngChunk('IHDR', header),
    ...(spec.palette ? [pngChunk('PLTE', spec.palette)] : []),
    ...(spec.transparency ? [pngChunk('tRNS', spec.transparency)] : []),
    pngChunk('IDAT', compressed.subarray(0, half)),
    pngChunk('IDAT', compressed.subarray(half)),
    pngChunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
