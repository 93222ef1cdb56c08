/**
 * Turns an attachment's bytes into a PDF image XObject and places it on the page. The picture
 * is written to the output as soon as it is prepared, and nothing keeps its bytes afterwards,
 * so memory does not grow with the number of pictures.
 *
 * JPEG passes through with its compressed picture untouched but its metadata removed (see
 * core/evidence/image-metadata.ts), except CMYK, which PDF/A-2b with an sRGB output intent does
 * not allow: it is converted to RGB. PNG is handled by ./png.ts. Other formats are listed in
 * the PDF with their hash, not embedded.
 */
import { deflate } from 'node:zlib';
import { promisify } from 'node:util';
import { decode as decodeJpeg } from 'jpeg-js';
import { stripImageMetadata } from '../../evidence/image-metadata';
import { isJpeg, readJpegInfo } from './jpeg';
import { isPng, pngToImageStreams, readPngHeader, type ImageStreams } from './png';

const deflateAsync = promisify(deflate);

/** Beyond this the file is listed rather than embedded: reading it whole would break the memory bound. */
export const MAX_EMBEDDED_IMAGE_BYTES = 64 * 1024 * 1024;
/** CMYK JPEGs must be decoded to convert them; this bounds the memory that takes. */
const MAX_CMYK_MEGAPIXELS = 40;

export interface PreparedImage {
  streams: ImageStreams;
  /** EXIF orientation 1–8. */
  orientation: number;
}

export type PrepareResult = { ok: true; image: PreparedImage } | { ok: false; reason: string };

/** A short name of a file format from its first bytes, for saying why it is not shown. */
export function sniffFormat(bytes: Uint8Array): 'jpeg' | 'png' | 'gif' | 'webp' | 'heic' | 'bmp' | 'tiff' | 'other' {
  if (isJpeg(bytes)) return 'jpeg';
  if (isPng(bytes)) return 'png';
  const ascii = (start: number, end: number): string => String.fromCharCode(...bytes.subarray(start, end));
  if (ascii(0, 4) === 'GIF8') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(4, 8) === 'ftyp' && /^(heic|heix|mif1|msf1|avif)$/.test(ascii(8, 12))) return 'heic';
  if (ascii(0, 2) === 'BM') return 'bmp';
  if (ascii(0, 4) === 'II*\u0000' || ascii(0, 4) === 'MM\u0000*') return 'tiff';
  return 'other';
}

const FORMAT_NAMES: Record<string, string> = { gif: 'GIF', webp: 'WebP', heic: 'HEIC/AVIF', bmp: 'BMP', tiff: 'TIFF' };

export async function prepareImage(bytes: Uint8Array): Promise<PrepareResult> {
  const format = sniffFormat(bytes);
  if (format === 'jpeg') return prepareJpeg(bytes);
  if (format === 'png') {
    const header = readPngHeader(bytes);
    if (!header.ok) return header;
    const streams = await pngToImageStreams(header.png);
    return streams.ok ? { ok: true, image: { streams: streams.image, orientation: 1 } } : streams;
  }
  const name = FORMAT_NAMES[format];
  return { ok: false, reason: name === undefined ? 'it is not a JPEG or PNG picture' : `${name} pictures cannot be embedded in an archival PDF; convert it to JPEG or PNG` };
}

async function prepareJpeg(original: Uint8Array): Promise<PrepareResult> {
  const parsed = readJpegInfo(original);
  if (!parsed.ok) return parsed;
  const { info } = parsed;
  // No photo metadata in a PDF: EXIF (with the orientation, which the placement matrix applies
  // instead), XMP, IPTC and comments go, losslessly. A JPEG that cannot be read to its end
  // cannot be cleaned with certainty, so it is listed rather than shown.
  const stripped = stripImageMetadata(original, { keepOrientation: false });
  if (stripped.isDamaged) return { ok: false, reason: 'the JPEG file is damaged or cut short' };
  const bytes = stripped.bytes;
  if (info.components !== 4) {
    return {
      ok: true,
      image: {
        orientation: info.orientation,
        streams: {
          width: info.width,
          height: info.height,
          colorSpace: info.components === 1 ? 'DeviceGray' : 'DeviceRGB',
          bitsPerComponent: 8,
          filter: 'DCTDecode',
          data: [bytes],
        },
      },
    };
  }
  if ((info.width * info.height) / 1e6 > MAX_CMYK_MEGAPIXELS) return { ok: false, reason: 'the CMYK picture is too large to convert for the PDF' };
  try {
    const decoded = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: MAX_CMYK_MEGAPIXELS, maxMemoryUsageInMB: 256 });
    const compressed = await deflateAsync(decoded.data);
    return {
      ok: true,
      image: {
        orientation: info.orientation,
        streams: { width: decoded.width, height: decoded.height, colorSpace: 'DeviceRGB', bitsPerComponent: 8, filter: 'FlateDecode', data: [compressed] },
      },
    };
  } catch {
    return { ok: false, reason: 'the CMYK JPEG could not be decoded' };
  }
}

/** Writes the image (and its soft mask) into the PDF now, returning the XObject reference. */
export function writeImageXObject(doc: PDFKit.PDFDocument, streams: ImageStreams): PDFKit.PDFKitReference {
  const dictionary: Record<string, unknown> = {
    Type: 'XObject',
    Subtype: 'Image',
    Width: streams.width,
    Height: streams.height,
    BitsPerComponent: streams.bitsPerComponent,
    ColorSpace: streams.colorSpace,
    Filter: streams.filter,
  };
  if (streams.decodeParms !== undefined) dictionary.DecodeParms = streams.decodeParms;
  if (streams.colorKeyMask !== undefined) dictionary.Mask = streams.colorKeyMask;
  if (streams.decode !== undefined) dictionary.Decode = streams.decode;
  if (streams.softMask !== undefined) {
    const mask = doc.ref({ Type: 'XObject', Subtype: 'Image', Width: streams.width, Height: streams.height, BitsPerComponent: 8, ColorSpace: 'DeviceGray', Filter: 'FlateDecode' });
    for (const part of streams.softMask) mask.write(part);
    mask.end(undefined);
    dictionary.SMask = mask;
  }
  const ref = doc.ref(dictionary);
  for (const part of streams.data) ref.write(part);
  ref.end(undefined);
  return ref;
}

/** The size the picture shows at once its orientation is applied. */
export function displaySize(width: number, height: number, orientation: number): { width: number; height: number } {
  return orientation >= 5 ? { width: height, height: width } : { width, height };
}

/**
 * The matrix that maps the image's unit square onto the box (x, y, scale) in pdfkit's
 * top-down page space, turning or mirroring it as the EXIF orientation says.
 */
export function orientationMatrix(orientation: number, width: number, height: number, x: number, y: number, scale: number): [number, number, number, number, number, number] {
  // Display position (X, Y) of image point (u, v), u across stored columns, v up stored rows:
  // X = α·u + β·v + γ, Y = δ·u + ε·v + ζ.
  let terms: [number, number, number, number, number, number];
  switch (orientation) {
    case 2:
      terms = [-width, 0, width, 0, -height, height];
      break;
    case 3:
      terms = [-width, 0, width, 0, height, 0];
      break;
    case 4:
      terms = [width, 0, 0, 0, height, 0];
      break;
    case 5:
      terms = [0, -height, height, width, 0, 0];
      break;
    case 6:
      terms = [0, height, 0, width, 0, 0];
      break;
    case 7:
      terms = [0, height, 0, -width, 0, width];
      break;
    case 8:
      terms = [0, -height, height, -width, 0, width];
      break;
    default:
      terms = [width, 0, 0, 0, -height, height];
  }
  const [alpha, beta, gamma, delta, epsilon, zeta] = terms;
  return [scale * alpha, scale * delta, scale * beta, scale * epsilon, x + scale * gamma, y + scale * zeta];
}

/** Draws a written XObject at (x, y) scaled by `scale`, honouring the orientation. */
export function drawImage(doc: PDFKit.PDFDocument, label: string, ref: PDFKit.PDFKitReference, image: { width: number; height: number; orientation: number }, x: number, y: number, scale: number): void {
  const xobjects: Record<string, unknown> = doc.page.xobjects;
  xobjects[label] = ref;
  const [a, b, c, d, e, f] = orientationMatrix(image.orientation, image.width, image.height, x, y, scale);
  doc.save();
  doc.transform(a, b, c, d, e, f);
  doc.addContent(`/${label} Do`);
  doc.restore();
}
