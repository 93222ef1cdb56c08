/**
 * Checks of what attachments hold (issue 12 item 6): photo metadata in JPEGs and PNGs (a
 * warning naming the item and the kinds found), and personal data in text and CSV files (an
 * error naming the file and where in it), through runChecks and the real `check` command.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command } from '../../../cli/commands/check';
import { writePackageFile } from '../../../cli/package-file';
import { type CheckResult, runChecks, scanPortfolioAttachments } from '../../../core/checks/checks';
import { scanAttachment } from '../../../core/checks/attachment-scan';
import { stripImageMetadata } from '../../../core/evidence/image-metadata';
import type { AttachmentRef, PortfolioContent } from '../../../core/model/portfolio';
import { PACKAGE_FORMAT } from '../../../core/package/manifest';
import { cleanContent } from '../coverage/fixtures';
import { makeTempDir, runCommand } from '../coverage/package-helpers';
import { SECRET, phoneJpeg, taggedPng } from '../evidence/photo-fixtures';

const encoder = new TextEncoder();
const CSV = ['name,account,notes', 'Ann Smith,GB82 WEST 1234 5698 7654 32,called twice', '"Smith, Bob","07700,900123","NHS 943 476 5919"', 'Cara,ok,"multi', 'line note, DOB: 12/03/1987"'].join('\r\n');
const NOTES = 'Call notes\nNothing here.\nCustomer IBAN GB82WEST12345698765432 for the refund.\nEnd.';

function sha(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

interface File {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

function withFiles(files: readonly File[]): { content: PortfolioContent; bytes: Map<string, Uint8Array> } {
  const content = cleanContent();
  const item = content.evidence[0];
  if (item === undefined) throw new Error('fixture');
  const bytes = new Map<string, Uint8Array>();
  item.attachments = files.map((file): AttachmentRef => {
    bytes.set(sha(file.bytes), file.bytes);
    return { sha256: sha(file.bytes), name: file.name, mediaType: file.mediaType, size: file.bytes.byteLength };
  });
  return { content, bytes };
}

const FILES: File[] = [
  { name: 'IMG_0042.jpg', mediaType: 'image/jpeg', bytes: phoneJpeg().jpeg },
  { name: 'screen.png', mediaType: 'image/png', bytes: taggedPng().png },
  { name: 'clean.jpg', mediaType: 'image/jpeg', bytes: stripImageMetadata(phoneJpeg().jpeg).bytes },
  { name: 'customers.csv', mediaType: 'text/plain', bytes: encoder.encode(CSV) },
  { name: 'notes.txt', mediaType: 'text/plain', bytes: encoder.encode(NOTES) },
];

async function resultsFor(files: readonly File[]): Promise<CheckResult[]> {
  const { content, bytes } = withFiles(files);
  const scans = await scanPortfolioAttachments(content, async (sha256, maxBytes) => (bytes.get(sha256) ?? new Uint8Array(0)).subarray(0, maxBytes));
  return runChecks(content, new Map(), scans).filter((result) => result.rule === 'photo-metadata' || (result.rule === 'personal-data' && result.message.startsWith('The attached file')));
}

describe('scanning attachments', () => {
  it('reads CSV cell by cell, with line and column, across quoted commas and line breaks', () => {
    const scan = scanAttachment(encoder.encode(CSV), { mediaType: 'text/plain', isCsv: true, size: CSV.length });
    expect(scan.personalData.map(({ kind, line, column }) => [kind, line, column])).toEqual([
      ['iban', 2, 2],
      ['nhs-number', 3, 3],
      ['date-of-birth', 4, 3],
    ]);
  });

  it('reads the same text as plain text line by line, where neighbouring cells can run together', () => {
    const scan = scanAttachment(encoder.encode(CSV), { mediaType: 'text/plain', isCsv: false, size: CSV.length });
    expect(scan.personalData.map(({ kind, line }) => [kind, line])).toContainEqual(['iban', 2]);
  });

  it('says when only the start of a text file was read', () => {
    const scan = scanAttachment(encoder.encode('x'.repeat(100)), { mediaType: 'text/plain', isCsv: false, size: 10_000_000 });
    expect(scan.isCut).toBe(true);
  });
});

describe('check results for attachments', () => {
  it('warns about photo metadata, naming the item, the file and the kinds', async () => {
    const results = await resultsFor(FILES);
    const photos = results.filter((result) => result.rule === 'photo-metadata');
    expect(photos.map((result) => [result.severity, result.ref])).toEqual([
      ['warning', 'evidence:e1'],
      ['warning', 'evidence:e1'],
    ]);
    expect(photos[0]?.message).toBe(
      'The picture “IMG_0042.jpg” of evidence "Reflecting on a statement complaint" carries GPS location, author, owner or copyright names, the date and time it was taken, camera details (make, model, serial numbers), descriptions or comments, a hidden thumbnail, XMP metadata, IPTC (Photoshop) metadata, hidden data after the picture and other application data, which can say who took it, where and when. Remove the file and attach it again in the app, which takes this out (the PDF never includes it).',
    );
    expect(photos[1]?.message).toMatch(/^The picture “screen\.png” .* carries GPS location, .*text chunks, a last-changed time/);
  });

  it('reports personal data in text and CSV files as errors, naming the file and where, masked', async () => {
    const results = (await resultsFor(FILES)).filter((result) => result.rule === 'personal-data');
    expect(results.map((result) => result.message)).toEqual([
      'The attached file “customers.csv” of evidence "Reflecting on a statement complaint" contains what looks like an IBAN bank account number (**** **** **** **** **** 32) on line 2, column 2. Remove it or replace it with a placeholder such as [IBAN], then attach the file again.',
      'The attached file “customers.csv” of evidence "Reflecting on a statement complaint" contains what looks like an NHS number (*** *** **19) on line 3, column 3. Remove it or replace it with a placeholder such as [NHS number], then attach the file again.',
      'The attached file “customers.csv” of evidence "Reflecting on a statement complaint" contains what looks like a date of birth (**/**/**87) on line 4, column 3. Remove it or replace it with a placeholder such as [date of birth], then attach the file again.',
      'The attached file “notes.txt” of evidence "Reflecting on a statement complaint" contains what looks like an IBAN bank account number (********************32) on line 3. Remove it or replace it with a placeholder such as [IBAN], then attach the file again.',
    ]);
    for (const result of results) expect(result.severity).toBe('error');
  });

  it('has nothing to say about clean files', async () => {
    expect(await resultsFor([FILES[2] as File])).toEqual([]);
  });
});

describe('check <file> reads the attachments of a package', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let path: string;

  beforeAll(async () => {
    temp = await makeTempDir();
    path = join(temp.dir, 'with-files.portfolio');
    const { content, bytes } = withFiles(FILES);
    const attachments = [...bytes].map(([sha256, data]) => ({ sha256, size: data.byteLength, mediaType: FILES.find((file) => sha(file.bytes) === sha256)?.mediaType ?? 'text/plain' }));
    await writePackageFile(path, { ...content, format: PACKAGE_FORMAT, exportedAt: '2026-03-01T09:00:00.000Z', generator: { name: 'test', version: '1' }, attachments }, [...bytes].map(([sha256, data]) => ({ sha256, size: data.byteLength, chunks: async function* chunks() { yield data; } })));
  });

  afterAll(async () => {
    await temp.remove();
  });

  it('reports photo metadata and personal data in files, and exits 1 for the errors', async () => {
    const { code, stdout } = await runCommand(command, [path, '--json']);
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as CheckResult[];
    expect(results.filter((result) => result.rule === 'photo-metadata')).toHaveLength(2);
    expect(results.filter((result) => result.rule === 'personal-data' && result.message.includes('attached file'))).toHaveLength(4);
    expect(stdout).not.toContain(SECRET);
    expect(stdout).not.toContain('5698 7654');
  });
});
