/**
 * Photo metadata never reaches a PDF (issue 12 item 6): a phone's JPEG (EXIF with GPS and
 * owner, XMP, IPTC, comments, a hidden second picture) and a tagged PNG are embedded as
 * pictures, and not one byte of their metadata is in the file. The sideways JPEG still shows
 * upright, because the placement applies the orientation the stripped EXIF held.
 */
import { describe, expect, it } from 'vitest';
import { memoryByteSink } from '../../../core/package/byte-io';
import { exportSubmissionPdf } from '../../../core/pdf/build-pdf';
import { prepareImage } from '../../../core/pdf/images/image-xobject';
import { SECRET, containsText, phoneJpeg, taggedPng } from '../evidence/photo-fixtures';
import { attach, demoPortfolio, inputOf } from './helpers/fixtures';
import { pagesWithImages, qpdfCheck, tempDir, writeBytes } from './helpers/pdf-tools';

describe('photo metadata and the PDF', () => {
  it('embeds the JPEG without any of its metadata, keeping its orientation for the placement', async () => {
    const { jpeg } = phoneJpeg({ orientation: 6, isCommentNearEnd: true });
    const prepared = await prepareImage(jpeg);
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(prepared.image.orientation).toBe(6);
    const data = prepared.image.streams.data[0] as Uint8Array;
    expect(containsText(data, SECRET)).toBe(false);
    expect(containsText(data, 'Exif')).toBe(false);
  });

  it('lists a JPEG it cannot read to the end rather than embed what it cannot clean', async () => {
    const { jpeg } = phoneJpeg();
    const cut = jpeg.subarray(0, jpeg.byteLength - 400);
    expect(await prepareImage(cut)).toEqual({ ok: false, reason: 'the JPEG file is damaged or cut short' });
  });

  it('writes a whole submission with such pictures and not one byte of their metadata', async () => {
    const portfolio = await demoPortfolio(6, 0, 11);
    const item = portfolio.manifest.evidence[0];
    if (item === undefined) throw new Error('fixture');
    attach(portfolio, item, 'from-my-phone.jpg', 'image/jpeg', phoneJpeg({ orientation: 6 }).jpeg);
    attach(portfolio, item, 'screenshot.png', 'image/png', taggedPng().png);
    const sink = memoryByteSink();
    await exportSubmissionPdf(inputOf(portfolio), sink);
    const pdf = sink.bytes();
    expect(containsText(pdf, SECRET)).toBe(false);
    expect(containsText(pdf, 'Exif\u0000\u0000')).toBe(false);
    expect(containsText(pdf, 'Photoshop 3.0')).toBe(false);
    const temp = tempDir('photo-metadata-');
    try {
      const file = temp.file('submission.pdf');
      writeBytes(file, pdf);
      expect(qpdfCheck(file).status).toBe(0);
      expect(pagesWithImages(file).length).toBeGreaterThan(0);
    } finally {
      temp.cleanup();
    }
  });
});
