/**
 * The PDF submission checked the way an awarding body would: with qpdf and poppler's tools on
 * the real file, not by inspecting our own objects.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryByteSink } from '../../../core/package/byte-io';
import { buildSubmissionPdf, exportSubmissionPdf } from '../../../core/pdf/build-pdf';
import { loadFonts } from '../../../core/pdf/fonts';
import { demoPortfolio, inputOf, specialPortfolio, SPECIAL_TEXT, type TestPortfolio } from './helpers/fixtures';
import { inkStats, outlines, pageCount, pagesText, pdftotext, pagesWithImages, pdffonts, pdfinfo, qpdfCheck, renderGrey, squash, tempDir, writeBytes, type OutlineItem } from './helpers/pdf-tools';

const work = tempDir('submission-pdf-');
let demo: TestPortfolio;
let demoPdf: string;
let demoPages: string[];
let draftPdf: string;
let special: TestPortfolio;
let specialPdf: string;
let progressCalls: [number, number][] = [];

async function exportTo(name: string, portfolio: TestPortfolio, isDraft = false): Promise<string> {
  const sink = memoryByteSink();
  await buildSubmissionPdf(inputOf(portfolio, { isDraft, onProgress: (done, total) => progressCalls.push([done, total]) }), sink);
  const path = work.file(name);
  writeBytes(path, sink.bytes());
  return path;
}

beforeAll(async () => {
  demo = await demoPortfolio();
  progressCalls = [];
  demoPdf = await exportTo('demo.pdf', demo);
  demoPages = pagesText(demoPdf);
  draftPdf = await exportTo('draft.pdf', demo, true);
  special = await specialPortfolio();
  specialPdf = await exportTo('special.pdf', special);
}, 120_000);

afterAll(() => work.cleanup());

function titles(items: OutlineItem[]): string[] {
  return items.flatMap((item) => [item.title, ...titles(item.kids)]);
}

describe('PDF/A-2b structure', () => {
  it('passes qpdf --check without warnings', () => {
    for (const file of [demoPdf, draftPdf, specialPdf]) {
      const result = qpdfCheck(file);
      expect(result.output).toContain('No syntax or stream encoding errors found');
      expect(result.output).not.toMatch(/WARNING/i);
      expect(result.status).toBe(0);
    }
  });

  it('identifies itself as PDF/A-2b in its XMP metadata, with matching title', () => {
    const meta = pdfinfo(demoPdf, ['-meta']);
    expect(meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(meta).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(meta).toContain(`Portfolio submission: ${demo.manifest.portfolio.learner.name}`);
  });

  it('has a title shown in the window, a language, tags and PDF 1.7', () => {
    const info = pdfinfo(demoPdf);
    expect(info).toMatch(new RegExp(`^Title:\\s+Portfolio submission: ${demo.manifest.portfolio.learner.name} — ${demo.manifest.qualification.title}$`, 'm'));
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^PDF version:\s+1\.7$/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    const raw = readFileSync(demoPdf, 'latin1');
    expect(raw).toContain('/Lang (en-GB)');
    expect(raw).toContain('/DisplayDocTitle true');
    expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(raw).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    expect(raw).toContain('/S /GTS_PDFA1');
  });

  it('embeds every font, all DejaVu, and never a standard 14 font', () => {
    for (const file of [demoPdf, specialPdf, draftPdf]) {
      const fonts = pdffonts(file);
      expect(fonts.length).toBeGreaterThanOrEqual(2);
      for (const font of fonts) {
        expect(font.isEmbedded, font.name).toBe(true);
        // DejaVu for Latin; Noto faces only for scripts and emoji DejaVu lacks, and only when used.
        expect(font.name).toMatch(/^[A-Z]{6}\+(DejaVuSans|Noto)/);
      }
    }
  });

  it('escapes XML-special characters of names in the XMP, keeping the title exact', () => {
    const meta = pdfinfo(specialPdf, ['-meta']);
    expect(meta).toContain('Siân “Ŵyn” O’Brien &amp; &lt;Co&gt;');
    expect(pdfinfo(specialPdf)).toContain('Title:           Portfolio submission: Siân “Ŵyn” O’Brien & <Co>');
  });
});

describe('navigation', () => {
  it('bookmarks every section, every unit and every evidence item, in contract order', () => {
    const tree = outlines(demoPdf);
    const top = tree.map((item) => item.title);
    expect(top).toEqual(['Cover', 'Declarations', 'Contents', 'Summary of achievement', 'Coverage gap matrix', 'Evidence location sheet', 'Witness status list', 'Unit summaries', 'Evidence', 'Integrity manifest', 'Appendix: audit trail']);
    const pages = tree.map((item) => item.page ?? 0);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    expect(pages[0]).toBe(1);
    const units = tree.find((item) => item.title === 'Unit summaries')?.kids.map((item) => item.title) ?? [];
    for (const unit of demo.manifest.qualification.units) expect(units).toContain(`Unit ${unit.id}: ${unit.title}`);
    const evidence = tree.find((item) => item.title === 'Evidence')?.kids ?? [];
    expect(evidence.map((item) => item.title)).toEqual(demo.manifest.evidence.map((item, index) => `E${index + 1} · ${item.title}`));
    // Each evidence item starts on its own page.
    const starts = evidence.map((item) => item.page ?? 0);
    expect(new Set(starts).size).toBe(starts.length);
    expect(titles(tree)).toContain('Evidence key');
  });

  it('lists the sections with the right page numbers on the contents page', () => {
    const tree = outlines(demoPdf);
    const contentsPage = tree.find((item) => item.title === 'Contents')?.page ?? 0;
    const contents = squash(pdftotext(demoPdf, contentsPage, contentsPage, true));
    for (const section of tree.filter((item) => !['Cover', 'Contents'].includes(item.title))) {
      expect(contents).toMatch(new RegExp(`${section.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ .]*${section.page}\\b`));
    }
  });

  it('puts "Page N of M — learner — qualification" on every page', () => {
    const total = pageCount(demoPdf);
    expect(demoPages).toHaveLength(total);
    const learner = demo.manifest.portfolio.learner.name;
    const qualification = demo.manifest.qualification.title;
    demoPages.forEach((text, index) => {
      expect(squash(text)).toContain(`Page ${index + 1} of ${total} — ${learner} — ${qualification}`);
    });
  });
});

describe('contents', () => {
  it('shows every marking point id in the matrix, and every gap as GAP', () => {
    const tree = outlines(demoPdf);
    const from = tree.find((item) => item.title === 'Coverage gap matrix')?.page ?? 0;
    const to = tree.find((item) => item.title === 'Evidence location sheet')?.page ?? 0;
    const matrixText = demoPages.slice(from - 1, to - 1).join('\n');
    const ids = demo.manifest.qualification.units.flatMap((unit) => unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => point.id)));
    for (const id of ids) expect(matrixText).toMatch(new RegExp(`(^|\\s)${id.replace(/\./g, '\\.')}(\\s|$)`));
    const mapped = new Set(demo.manifest.mappings.map((mapping) => mapping.markingPointId));
    const gaps = ids.filter((id) => !mapped.has(id));
    expect(gaps.length).toBeGreaterThan(0); // the demo leaves some gaps on purpose
    expect((matrixText.match(/\bGAP\b/g) ?? []).length).toBeGreaterThanOrEqual(gaps.length);
    // The landscape pages really are landscape.
    const info = pdfinfo(demoPdf, ['-f', String(from), '-l', String(from)]);
    expect(info).toMatch(new RegExp(`Page\\s+${from} size:\\s+841\\.89 x 595\\.28`));
  });

  it('names the learner, centre, every witness and every evidence title', () => {
    const text = squash(demoPages.join('\n'));
    const { portfolio } = demo.manifest;
    expect(text).toContain(portfolio.learner.name);
    expect(text).toContain(portfolio.centre.name);
    const witnesses = demo.manifest.evidence.flatMap((item) => (item.details.type === 'witness-testimony' ? [item.details.witness] : []));
    expect(witnesses.length).toBeGreaterThan(0);
    const tree = outlines(demoPdf);
    const from = tree.find((item) => item.title === 'Witness status list')?.page ?? 0;
    const witnessPage = squash(demoPages[from - 1] ?? '');
    for (const witness of witnesses) {
      expect(witnessPage).toContain(witness.name);
      expect(witnessPage).toContain(witness.confirmedOn ? 'Confirmed' : 'not confirmed');
    }
    for (const item of demo.manifest.evidence) expect(text).toContain(squash(item.title));
  });

  it('keeps currency signs, Welsh letters and curly quotes as text', () => {
    const text = squash(pagesText(specialPdf).join('\n'));
    expect(text).toContain(squash(SPECIAL_TEXT));
    for (const char of ['£', '€', 'ŵ', 'ŷ', 'Ŵ', 'Ŷ', '“', '”', '‘', '’']) expect(text).toContain(char);
    expect(text).toContain('Siân “Ŵyn” O’Brien & <Co>');
  });

  it('replaces characters the fonts cannot draw instead of printing empty boxes', async () => {
    const fonts = await loadFonts();
    for (const char of ['Ꮳ', 'Ꮃ']) expect(fonts.coverage.regular.has(char.codePointAt(0) ?? 0)).toBe(false);
    const text = pagesText(specialPdf).join('\n');
    expect(text).toContain('Unsupported characters: \uFFFD\uFFFD end.');
    expect(text).not.toContain('Ꮳ');
    // Characters DejaVu lacks but a Noto face has now print as themselves.
    // (The paragraph's margin number may be read in between, so the words are looked for one by one.)
    expect(text).toContain('Supported now:');
    for (const word of ['🦠', '漢字']) expect(text).toContain(word);
  });

  it('lists integrity hashes: every attachment, evidence content hash and key fingerprint', () => {
    const text = squash(pagesText(demoPdf).join('\n'));
    for (const attachment of demo.manifest.attachments) expect(text.replace(/\s/g, '')).toContain(attachment.sha256);
    const fingerprints = new Set(demo.manifest.decisions.map((decision) => decision.signer.keyFingerprint));
    expect(fingerprints.size).toBeGreaterThan(0);
    for (const fingerprint of fingerprints) expect(text).toContain(fingerprint);
    expect(text).toMatch(/sha256:[0-9a-f]{64}/);
  });

  it('checks every signature: a genuine portfolio says they all match, and carries no warning', () => {
    const text = squash(demoPages.join('\n'));
    const signed = demo.manifest.decisions.length + demo.manifest.signOffs.length + demo.manifest.iqaSamples.length;
    expect(text).toContain(`all ${signed} signed records match what was signed`);
    expect(text).not.toContain('Integrity warning');
    expect(text).not.toContain('DOES NOT MATCH');
  });

  it('makes a decision changed after signing evident: a cover warning, the decision marked, the integrity table badged', async () => {
    const forged: TestPortfolio = { manifest: structuredClone(demo.manifest), attachments: demo.attachments };
    const decision = forged.manifest.decisions.find((candidate) => candidate.status === 'not-yet') ?? forged.manifest.decisions[0];
    if (!decision) throw new Error('The demo has no decisions.');
    // A learner edits the package: "not yet met" becomes "met", the signature left as it was.
    decision.status = 'met';
    decision.feedback = 'Excellent work.';
    const pages = pagesText(await exportTo('forged.pdf', forged)).map(squash);
    expect(pages[0]).toContain('Integrity warning: 1 signed record');
    const all = pages.join('\n');
    expect(all).toContain(`${decision.markingPointId}`);
    expect(all).toMatch(/DOES NOT MATCH ITS SIGNATURE/);
    expect(all).toContain('This decision was changed after it was signed');
    expect(all).toContain('1 signed record does NOT match what was signed');
    expect(all).toContain('DOES NOT MATCH');
  });
});

describe('pictures', () => {
  it('embeds pictures that render as real images, not blank boxes', () => {
    const pages = pagesWithImages(demoPdf);
    expect(pages.length).toBeGreaterThan(0);
    const page = renderGrey(demoPdf, pages[0] ?? 1);
    const stats = inkStats(page);
    expect(stats.inked).toBeGreaterThan(0.15);
    expect(stats.variance).toBeGreaterThan(500);
    // A text-only page of the same document has far less ink.
    const textOnly = inkStats(renderGrey(demoPdf, 2));
    expect(stats.inked).toBeGreaterThan(textOnly.inked * 2);
  });

  it('embeds RGBA, interlaced palette, rotated and CMYK JPEG pictures, and lists what it cannot embed', () => {
    const text = squash(pagesText(specialPdf, true).join('\n'));
    expect(readFileSync(specialPdf, 'latin1')).not.toContain('/DeviceCMYK');
    for (const name of ['screenshot-with-alpha.png', 'interlaced-palette.png', 'phone-photo.jpg', 'print-proof-cmyk.jpg']) expect(text).toMatch(new RegExp(`${name.replace(/\./g, '\\.')} — image/(png|jpeg)`));
    expect(text).toContain('90 × 160 pixels'); // the 160 × 90 photo is turned by its EXIF orientation
    expect(text).toMatch(/animation\.gif image\/gif 14 bytes [0-9a-f]{64} Not embedded: GIF pictures cannot be embedded/);
    expect(text).toMatch(/damaged\.png image\/png 60 bytes [0-9a-f]{64} Not embedded: the PNG file is truncated/);
    expect(text).toMatch(/call\.wav audio\/wav 32 bytes [0-9a-f]{64}/);
    const images = pagesWithImages(specialPdf);
    expect(images.length).toBeGreaterThan(0);
  });
});

describe('draft', () => {
  it('prints DRAFT on every page of a draft and on no page of a final copy', () => {
    const draftPages = pagesText(draftPdf);
    expect(draftPages.length).toBe(demoPages.length);
    draftPages.forEach((text) => expect(text).toContain('DRAFT — not for submission'));
    demoPages.forEach((text) => expect(text).not.toMatch(/\bDRAFT\b/));
  });
});

describe('progress, cancellation and failures', () => {
  it('reports progress that only grows and ends complete', () => {
    expect(progressCalls.length).toBeGreaterThan(10);
    const firstRun = progressCalls.slice(0, progressCalls.findIndex(([done, total]) => done === total) + 1);
    const total = firstRun[0]?.[1] ?? 0;
    expect(firstRun.every(([, t]) => t === total)).toBe(true);
    for (let index = 1; index < firstRun.length; index++) expect(firstRun[index]?.[0] ?? 0).toBeGreaterThanOrEqual(firstRun[index - 1]?.[0] ?? 0);
    expect(firstRun[firstRun.length - 1]).toEqual([total, total]);
  });

  it('stops promptly with an AbortError when cancelled part-way', async () => {
    const controller = new AbortController();
    let calls = 0;
    let writes = 0;
    const run = buildSubmissionPdf(
      inputOf(demo, {
        signal: controller.signal,
        onProgress: () => {
          calls++;
          if (calls === 3) controller.abort();
        },
      }),
      { write: async () => void writes++ },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    // Promptly: no progress is reported after the one that cancelled it.
    expect(calls).toBe(3);
    const writesAtAbort = writes;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(writes).toBe(writesAtAbort); // nothing more is written after the rejection
  });

  it('rejects at once, writing nothing, when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    let writes = 0;
    await expect(buildSubmissionPdf(inputOf(demo, { signal: controller.signal }), { write: async () => void writes++ })).rejects.toMatchObject({ name: 'AbortError' });
    expect(writes).toBe(0);
  });

  it('passes on a failing sink as a rejection', async () => {
    const failure = new Error('disk full');
    await expect(
      buildSubmissionPdf(inputOf(demo), {
        write: async () => {
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
  });

  it('says how many pages and bytes it wrote', async () => {
    const sink = memoryByteSink();
    const stats = await exportSubmissionPdf(inputOf(demo), sink);
    expect(stats.bytes).toBe(sink.size);
    expect(stats.pages).toBe(demoPages.length);
  });
});
