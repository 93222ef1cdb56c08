/**
 * A minimal PNG encoder (8-bit RGB, no interlace): signature, IHDR, one IDAT compressed with
 * fflate's zlib, IEND. Written by hand so the demo needs no native image module and runs
 * wherever core/ runs.
 */
import { zlibSync } from 'fflate';

export type PngLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as PNG chunks use), over one or more byte ranges in order. */
export function crc32(...parts: Uint8Array[]): number {
  let crc = 0xffffffff;
  for (const part of parts) {
    for (let index = 0; index < part.length; index++) {
      crc = (CRC_TABLE[(crc ^ (part[index] as number)) & 0xff] as number) ^ (crc >>> 8);
    }
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  const typeBytes = new Uint8Array(4);
  for (let index = 0; index < 4; index++) typeBytes[index] = type.charCodeAt(index);
  out.set(typeBytes, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(typeBytes, data));
  return out;
}

/**
 * Encodes RGBA pixels (alpha ignored) as an RGB PNG. Each row uses filter 0 (none): the
 * pictures are flat colours or noise, where filters gain little and cost time.
 * `level` is the zlib level (0 stored, fastest; 1 fast … 9 small).
 */
export function encodePng(width: number, height: number, rgba: Uint8Array, level: PngLevel = 6): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`A PNG needs a positive whole-number size, not ${width}×${height}.`);
  }
  if (rgba.length !== width * height * 4) throw new Error('The pixel buffer does not match the PNG size.');
  const stride = width * 3 + 1;
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    let out = y * stride + 1; // byte 0 of each row is the filter type, 0
    let source = y * width * 4;
    for (let x = 0; x < width; x++) {
      raw[out++] = rgba[source] as number;
      raw[out++] = rgba[source + 1] as number;
      raw[out++] = rgba[source + 2] as number;
      source += 4;
    }
  }
  const header = new Uint8Array(13);
  const headerView = new DataView(header.buffer);
  headerView.setUint32(0, width);
  headerView.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  const parts = [PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', zlibSync(raw, { level })), chunk('IEND', new Uint8Array(0))];
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const png = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    png.set(part, offset);
    offset += part.length;
  }
  return png;
}
