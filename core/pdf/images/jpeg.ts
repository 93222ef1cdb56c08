/**
 * Reads what the PDF needs from a JPEG's headers — size, colour components, precision and the
 * camera's orientation — without decoding the picture. The bytes themselves go into the PDF
 * unchanged (DCTDecode), which is why placing a photo costs no more than copying it.
 */
export interface JpegInfo {
  width: number;
  height: number;
  /** 1 grey, 3 colour, 4 CMYK. */
  components: number;
  bitsPerComponent: number;
  /** EXIF orientation 1–8 (1 when absent or unreadable). */
  orientation: number;
  /** Adobe APP14 marker present (CMYK files written by Adobe software store inverted values). */
  hasAdobeMarker: boolean;
}

export type JpegResult = { ok: true; info: JpegInfo } | { ok: false; reason: string };

/** Baseline, extended sequential and progressive Huffman JPEGs: what every PDF reader decodes. */
const SUPPORTED_FRAMES = new Set([0xc0, 0xc1, 0xc2]);
const OTHER_FRAMES = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export function readJpegInfo(bytes: Uint8Array): JpegResult {
  if (!isJpeg(bytes)) return { ok: false, reason: 'it is not a JPEG file' };
  let pos = 2;
  let orientation = 1;
  let hasAdobeMarker = false;
  while (pos < bytes.length) {
    // Some writers leave padding between segments; readers skip to the next marker, and so do we.
    while (pos < bytes.length && bytes[pos] !== 0xff) pos++;
    while (pos < bytes.length && bytes[pos] === 0xff) pos++; // fill bytes
    const marker = bytes[pos];
    pos++;
    if (marker === undefined) break;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (marker === 0xd9 || marker === 0xda) break; // end of image, or the picture data begins
    if (pos + 2 > bytes.length) break;
    const length = ((bytes[pos] as number) << 8) | (bytes[pos + 1] as number);
    if (length < 2 || pos + length > bytes.length) return { ok: false, reason: 'the JPEG file is truncated or damaged' };
    const segment = bytes.subarray(pos + 2, pos + length);
    if (SUPPORTED_FRAMES.has(marker)) {
      if (segment.length < 6) return { ok: false, reason: 'the JPEG file is damaged' };
      const bitsPerComponent = segment[0] as number;
      const height = ((segment[1] as number) << 8) | (segment[2] as number);
      const width = ((segment[3] as number) << 8) | (segment[4] as number);
      const components = segment[5] as number;
      if (bitsPerComponent !== 8) return { ok: false, reason: `the JPEG uses ${bitsPerComponent}-bit samples, which PDF readers do not show` };
      if (width === 0 || height === 0) return { ok: false, reason: 'the JPEG does not state its size' };
      if (components !== 1 && components !== 3 && components !== 4) return { ok: false, reason: `the JPEG has ${components} colour channels` };
      return { ok: true, info: { width, height, components, bitsPerComponent, orientation, hasAdobeMarker } };
    }
    if (OTHER_FRAMES.has(marker)) return { ok: false, reason: 'the JPEG uses a lossless or arithmetic-coded format that PDF readers do not show' };
    if (marker === 0xe1) {
      const found = exifOrientation(segment);
      if (found !== undefined) orientation = found;
    }
    if (marker === 0xee && segment.length >= 5 && String.fromCharCode(...segment.subarray(0, 5)) === 'Adobe') hasAdobeMarker = true;
    pos += length;
  }
  return { ok: false, reason: 'the JPEG file has no picture header' };
}

/** The orientation tag (0x0112) of IFD0 in an APP1 Exif segment, if present and sane. */
export function exifOrientation(segment: Uint8Array): number | undefined {
  if (segment.length < 14) return undefined;
  if (String.fromCharCode(...segment.subarray(0, 4)) !== 'Exif' || segment[4] !== 0 || segment[5] !== 0) return undefined;
  const tiff = segment.subarray(6);
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = String.fromCharCode(tiff[0] ?? 0, tiff[1] ?? 0);
  if (order !== 'II' && order !== 'MM') return undefined;
  const little = order === 'II';
  if (view.getUint16(2, little) !== 42) return undefined;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return undefined;
  const count = view.getUint16(ifd, little);
  for (let index = 0; index < count; index++) {
    const entry = ifd + 2 + index * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (view.getUint16(entry, little) !== 0x0112) continue;
    const type = view.getUint16(entry + 2, little);
    const value = type === 3 ? view.getUint16(entry + 8, little) : type === 4 ? view.getUint32(entry + 8, little) : 0;
    return value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}
