/**
 * A package can hold anything its schema lets through, and some of it is wrong or hostile:
 * repeated ids, mappings to evidence that is gone, decisions for marking points outside the
 * specification, forged fingerprints, enormous words, control characters, pictures that are
 * not pictures. The export must still produce a valid PDF that shows these problems plainly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessorDecision } from '../../../core/model/portfolio';
import { memoryByteSink } from '../../../core/package/byte-io';
import { buildSubmissionPdf } from '../../../core/pdf/build-pdf';
import { attach, demoPortfolio, inputOf, type TestPortfolio } from './helpers/fixtures';
import { outlines, pagesText, qpdfCheck, squash, tempDir, writeBytes } from './helpers/pdf-tools';

const work = tempDir('hostile-pdf-');
const LONG_ID = `LONG-${'A1.b2_c3-'.repeat(7)}`.slice(0, 64);
const HUGE_SHA = 'f'.repeat(64);
let portfolio: TestPortfolio;
let pdf: string;
let pages: string[];
const reads: string[] = [];

beforeAll(async () => {
  portfolio = await demoPortfolio(8, 2, 11);
  const { manifest } = portfolio;
  const [first, second] = manifest.evidence;
  if (first === undefined || second === undefined) throw new Error('The demo portfolio is too small');
  manifest.declarations = [];
  manifest.evidence.push({ ...structuredClone(first), title: 'A second item reusing the first one’s id' });
  first.title = `Unbroken${'x'.repeat(600)}`;
  first.narrative = `Control \u0000characters \u0007and a lone \ud800 surrogate, direction \u202emarks\u202c.\n\n${'y'.repeat(20_000)}\n\n- item`;
  manifest.mappings.push(
    { id: 'm-gone', portfolioId: manifest.portfolio.id, evidenceId: 'gone-123', markingPointId: 'CS1.1.1', locator: { kind: 'page', page: 2 }, createdAt: '2026-01-01T00:00:00.000Z' },
    { id: 'm-stray', portfolioId: manifest.portfolio.id, evidenceId: first.id, markingPointId: 'ZZ9.9.9', createdAt: '2026-01-01T00:00:00.000Z' },
  );
  const decision = manifest.decisions[0] as AssessorDecision;
  manifest.decisions.push(
    { ...structuredClone(decision), id: 'd-stray', markingPointId: 'ZZ9.9.9' },
    { ...structuredClone(decision), id: 'd-forged', signer: { ...decision.signer, keyFingerprint: '0000-0000-0000-0000-0000-0000-0000-0000' } },
    { ...structuredClone(decision), id: 'd-badkey', signature: { ...decision.signature, publicKey: '!!not base64!!' } },
  );
  manifest.qualification.units.push({ id: 'U-LONG', title: 'A unit with a very long marking point id', learningOutcomes: [{ id: 'U-LONG.LO1', title: 'Outcome', markingPoints: [{ id: LONG_ID, text: 'Long id point' }] }] });
  attach(portfolio, second, 'not-really.png', 'image/png', new TextEncoder().encode('this is text, not a picture'));
  // A picture too large to embed: it must be listed without ever being read.
  manifest.attachments.push({ sha256: HUGE_SHA, size: 200 * 1024 * 1024, mediaType: 'image/jpeg' });
  second.attachments.push({ sha256: HUGE_SHA, name: 'enormous.jpg', mediaType: 'image/jpeg', size: 200 * 1024 * 1024 });
  const sink = memoryByteSink();
  const input = inputOf(portfolio);
  await buildSubmissionPdf({ ...input, readAttachment: (sha256) => {
    reads.push(sha256);
    return input.readAttachment(sha256);
  } }, sink);
  pdf = work.file('hostile.pdf');
  writeBytes(pdf, sink.bytes());
  pages = pagesText(pdf);
}, 120_000);

afterAll(() => work.cleanup());

describe('hostile and broken portfolios', () => {
  it('still produce a PDF that passes qpdf --check', () => {
    const result = qpdfCheck(pdf);
    expect(result.status).toBe(0);
    expect(result.output).not.toMatch(/WARNING/i);
  });

  it('say plainly what is missing or wrong', () => {
    const text = squash(pages.join('\n'));
    expect(text).toContain('The learner has not signed a declaration of authenticity');
    expect(text).toContain('The assessor has not signed a declaration for this portfolio');
    expect(text).toContain('Missing evidence item (gone-123)');
    expect(text).toContain('Mappings to marking points outside the specification');
    expect(text).toContain('Decisions for marking points outside the specification');
    expect(text).toContain('which does not match its key');
    expect(text).toContain('The public key is missing or unreadable.');
    expect(text).toMatch(/MISMATCH/);
    expect(text).toMatch(/not-really\.png .*Not embedded: it is not a JPEG or PNG picture/);
    expect(text).toMatch(/enormous\.jpg .*Not embedded: the picture is larger than 64\.0 MB/);
    expect(text).toContain('Control characters and a lone \uFFFD surrogate, direction marks.');
  });

  it('never read a picture too large to embed', () => {
    expect(reads).not.toContain(HUGE_SHA);
  });

  it('keep a 64-character marking point id whole in the matrix', () => {
    const tree = outlines(pdf);
    const from = tree.find((item) => item.title === 'Coverage gap matrix')?.page ?? 0;
    const to = tree.find((item) => item.title === 'Evidence location sheet')?.page ?? 0;
    const matrix = pages.slice(from - 1, to - 1).join('\n');
    expect(matrix.split('\n').map((line) => line.trim())).toContain(LONG_ID);
  });

  it('number repeated ids as separate items and wrap endless words', () => {
    const evidence = outlines(pdf).find((item) => item.title === 'Evidence')?.kids ?? [];
    expect(evidence).toHaveLength(portfolio.manifest.evidence.length);
    expect(evidence[evidence.length - 1]?.title).toContain('A second item reusing the first one’s id');
    // Footers and running heads are removed so a word running over several pages reads as one.
    const text = pages
      .map((page) => page.split('\n').filter((line) => !/^Page \d+ of \d+ — /.test(line) && !/\(continued\)$/.test(line.trim())).join('\n'))
      .join('\n')
      .replace(/\s/g, '');
    // Plain booleans: a failure message quoting 20,000 letters would help nobody.
    expect(text.includes('y'.repeat(20_000))).toBe(true);
    expect(text.includes(`Unbroken${'x'.repeat(600)}`)).toBe(true);
  });

  it('reject with the reader’s error when an attachment cannot be read', async () => {
    const failure = new Error('The package file went away');
    const input = inputOf(portfolio);
    await expect(buildSubmissionPdf({ ...input, readAttachment: () => Promise.reject(failure) }, memoryByteSink())).rejects.toBe(failure);
  });
});
