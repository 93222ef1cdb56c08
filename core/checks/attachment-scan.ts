/**
 * What the checks need from attachments' bytes, worked out before the (synchronous) checks
 * run: the metadata a photo carries, and personal data in text and CSV files. Only findings
 * are kept, never the text itself, so scanning a portfolio of many files stays small.
 */
import { findImageMetadata, type ImageMetadataKind } from '../evidence/image-metadata';
import type { PortfolioContent } from '../model/portfolio';
import { findPersonalData, MAX_SCAN_LENGTH, type PersonalDataKind } from './personal-data';

/** One piece of personal data in an attached file, with where it is. */
export interface AttachmentFinding {
  kind: PersonalDataKind;
  masked: string;
  /** 1-based line of the file. */
  line: number;
  /** 1-based column (cell) of a CSV file. */
  column?: number;
}

export interface AttachmentScan {
  /** Photo metadata found (JPEG and PNG). */
  metadata: ImageMetadataKind[];
  /** Personal data found in a text or CSV file, in order, at most MAX_ATTACHMENT_FINDINGS. */
  personalData: AttachmentFinding[];
  /** Only the start of the file was read (it is longer than what is scanned). */
  isCut: boolean;
}

/** Photos are read whole up to this size (the PDF's own limit for embedding). */
export const MAX_SCANNED_IMAGE_BYTES = 64 * 1024 * 1024;
/** Text is read up to this many bytes: enough for MAX_SCAN_LENGTH characters. */
export const MAX_SCANNED_TEXT_BYTES = 4 * MAX_SCAN_LENGTH;
const MAX_ATTACHMENT_FINDINGS = 1000;

/** How the scan reads an attachment: its first `maxBytes` bytes (or all of it, if shorter). */
export type ReadAttachmentHead = (sha256: string, maxBytes: number) => Promise<Uint8Array>;

export function isScannedImage(mediaType: string): boolean {
  return mediaType === 'image/jpeg' || mediaType === 'image/png';
}

export function isScannedText(mediaType: string): boolean {
  return mediaType === 'text/plain' || mediaType === 'text/csv';
}

/** Whether a file is scanned as CSV (cell by cell): by its media type or its name. */
export function isCsvFile(mediaType: string, name: string): boolean {
  return mediaType === 'text/csv' || /\.csv$/i.test(name.trim());
}

const decoder = new TextDecoder('utf-8');

/** Scans one attachment's bytes. `size` is the whole file's size, to tell whether `bytes` is all of it. */
export function scanAttachment(bytes: Uint8Array, options: { mediaType: string; isCsv: boolean; size: number }): AttachmentScan {
  const isCut = bytes.byteLength < options.size;
  if (isScannedImage(options.mediaType)) return { metadata: isCut ? [] : findImageMetadata(bytes).kinds, personalData: [], isCut };
  if (!isScannedText(options.mediaType)) return { metadata: [], personalData: [], isCut: false };
  let text = decoder.decode(bytes);
  if (text.length > MAX_SCAN_LENGTH) text = text.slice(0, MAX_SCAN_LENGTH);
  return { metadata: [], personalData: options.isCsv ? csvFindings(text) : textFindings(text), isCut: isCut || text.length === MAX_SCAN_LENGTH };
}

/** Offsets where each line starts, for turning an offset into a line number. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if ((starts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

function textFindings(text: string): AttachmentFinding[] {
  const starts = lineStarts(text);
  return findPersonalData(text)
    .slice(0, MAX_ATTACHMENT_FINDINGS)
    .map((finding) => ({ kind: finding.kind, masked: finding.masked, line: lineOf(starts, finding.start) }));
}

/**
 * CSV cell by cell (quotes and doubled quotes understood; the separator is whichever of comma,
 * semicolon or tab the first line uses most), so the digits of neighbouring cells never run
 * together into something that looks like a card or phone number.
 */
function csvFindings(text: string): AttachmentFinding[] {
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  const counts = [',', ';', '\t'].map((separator) => [separator, firstLine.split(separator).length] as const);
  const separator = counts.reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
  const findings: AttachmentFinding[] = [];
  let line = 1;
  let column = 1;
  let cellLine = 1;
  let cell = '';
  let isQuoted = false;
  const endCell = (): void => {
    if (cell.trim() !== '' && findings.length < MAX_ATTACHMENT_FINDINGS) {
      for (const finding of findPersonalData(cell)) findings.push({ kind: finding.kind, masked: finding.masked, line: cellLine, column });
    }
    cell = '';
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (isQuoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') isQuoted = false;
      else {
        if (char === '\n') line++;
        cell += char;
      }
      continue;
    }
    if (char === '"' && cell.trim() === '') {
      isQuoted = true;
      cell = '';
    } else if (char === separator) {
      endCell();
      column++;
      cellLine = line;
    } else if (char === '\n') {
      endCell();
      line++;
      column = 1;
      cellLine = line;
    } else if (char !== '\r') {
      cell += char;
    }
  }
  endCell();
  return findings.slice(0, MAX_ATTACHMENT_FINDINGS);
}

/**
 * Scans every photo, text and CSV attachment a portfolio lists, once each, reading no more of
 * each than the checks need. A file that cannot be read is passed over (integrity checks report
 * damage; these checks are about content).
 */
export async function scanPortfolioAttachments(content: Pick<PortfolioContent, 'evidence'>, readHead: ReadAttachmentHead): Promise<Map<string, AttachmentScan>> {
  const wanted = new Map<string, { mediaType: string; size: number; isCsv: boolean }>();
  for (const item of Array.isArray(content.evidence) ? content.evidence : []) {
    for (const ref of Array.isArray(item.attachments) ? item.attachments : []) {
      if (!isScannedImage(ref.mediaType) && !isScannedText(ref.mediaType)) continue;
      const earlier = wanted.get(ref.sha256);
      wanted.set(ref.sha256, { mediaType: ref.mediaType, size: ref.size, isCsv: (earlier?.isCsv ?? false) || isCsvFile(ref.mediaType, String(ref.name)) });
    }
  }
  const scans = new Map<string, AttachmentScan>();
  for (const [sha256, file] of wanted) {
    const limit = isScannedImage(file.mediaType) ? MAX_SCANNED_IMAGE_BYTES : MAX_SCANNED_TEXT_BYTES;
    if (isScannedImage(file.mediaType) && file.size > limit) continue;
    try {
      scans.set(sha256, scanAttachment(await readHead(sha256, limit), file));
    } catch {
      // Unreadable: nothing to say about its content.
    }
  }
  return scans;
}
