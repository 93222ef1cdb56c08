/**
 * The submission pack an external quality assurer accepts (issue 13), checked on the real file
 * with qpdf and poppler: the summary of achievement and audit trail, the qualification and
 * learner registration numbers, the witness status list as the forms ask, cross-references that
 * print the page an item starts on and link to it (from the location sheet, evidence key, matrix
 * and contents, each link in the structure tree), paragraph numbers, learners' words in every
 * script, readable pictures, and figures, table headers and links tagged for PDF/UA.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceItem } from '../../../core/model/portfolio';
import { memoryByteSink } from '../../../core/package/byte-io';
import { buildSubmissionPdf } from '../../../core/pdf/build-pdf';
import { attach, demoPortfolio, inputOf, testJpeg, type TestPortfolio } from './helpers/fixtures';
import { PdfObjects } from './helpers/pdf-objects';
import { outlines, pagesText, pdffonts, qpdfCheck, squash, tempDir, writeBytes, type OutlineItem } from './helpers/pdf-tools';

const work = tempDir('pack-');
let portfolio: TestPortfolio;
let file: string;
let pages: string[];
/** With -layout: a label and its value on one line. */
let layoutPages: string[];
let objects: PdfObjects;
let tree: OutlineItem[];

const CHINESE = '我们的客户服务很好';
const ARABIC = 'خدمة العملاء ممتازة';
const HEBREW = 'שירות';
const WELSH = 'Gŵyl Dewi ym Mhen Llŷn';

beforeAll(async () => {
  portfolio = await demoPortfolio(12, 3, 5);
  portfolio.manifest.qualification.qualificationNumber = '603/1234/5';
  // A new item, so no judged evidence changes (the signed-off unit stays signed off).
  const [first] = portfolio.manifest.evidence;
  if (first === undefined) throw new Error('fixture changed');
  const added: EvidenceItem = { ...structuredClone(first), id: 'added-scripts-item', title: 'Customer feedback in several languages', attachments: [] };
  added.narrative = `The customer wrote: ${CHINESE}。\n\n${ARABIC}.\n\nThe Hebrew word ${HEBREW} means service.\n\nWe met at ${WELSH}; 👍 was the reply.`;
  portfolio.manifest.evidence.push(added);
  attach(portfolio, added, 'tall-phone-screenshot.jpg', 'image/jpeg', testJpeg(1080, 3200));
  const tall = added.attachments[added.attachments.length - 1];
  if (tall !== undefined) tall.description = 'The whole complaint thread in the banking app, from the first message to our apology.';
  const sink = memoryByteSink();
  await buildSubmissionPdf(inputOf(portfolio, { isDraft: true }), sink);
  file = work.file('pack.pdf');
  writeBytes(file, sink.bytes());
  pages = pagesText(file);
  layoutPages = pagesText(file, true);
  objects = new PdfObjects(file);
  tree = outlines(file);
}, 120_000);

afterAll(() => work.cleanup());

function pageOf(title: string, items: OutlineItem[] = tree): number {
  for (const item of items) {
    if (item.title === title) return item.page ?? 0;
    const found = pageOf(title, item.kids);
    if (found > 0) return found;
  }
  return 0;
}

/** The text of a section (laid out), up to the next one, or to the end. */
function sectionText(title: string, next?: string): string {
  return squash(layoutPages.slice(pageOf(title) - 1, next === undefined ? layoutPages.length : pageOf(next) - 1).join('\n'));
}

describe('records the pack carries', () => {
  it('is a valid PDF', () => {
    expect(qpdfCheck(file).status).toBe(0);
  });

  it('prints the qualification number and the learner registration number on the cover', () => {
    const cover = squash(layoutPages[0] ?? '');
    expect(cover).toContain('Qualification number 603/1234/5');
    // Label and value sit in two columns, so the extracted order between them varies with the layout
    // (and the draft watermark's letters): each is checked on its own.
    expect(cover).toContain('Learner registration number');
    expect(cover).toContain(portfolio.manifest.portfolio.learner.number ?? 'no number');
  });

  it('has a summary of achievement: each unit and marking point, status, assessor, date, sign-off, the total and the kind of claim', () => {
    const text = sectionText('Summary of achievement', 'Coverage gap matrix');
    expect(text).toContain('INTERIM CLAIM');
    expect(text).toMatch(/Qualification total: \d+ of \d+ marking points met/);
    for (const unit of portfolio.manifest.qualification.units) {
      expect(text).toContain(`Unit ${unit.id}:`);
      for (const outcome of unit.learningOutcomes) for (const point of outcome.markingPoints) expect(text).toContain(point.id);
    }
    const judged = portfolio.manifest.decisions[0];
    expect(judged).toBeDefined();
    expect(text).toContain(judged?.signer.name ?? '');
    expect(text).toContain('Signed off');
    expect(text).toContain('IQA sampled');
  });

  it('has the audit trail as an appendix, every entry', () => {
    const text = sectionText('Appendix: audit trail');
    const audit = portfolio.manifest.audit;
    expect(text).toContain(`${audit.length} entries`);
    for (const entry of [audit[0], audit[audit.length - 1]]) expect(text).toContain(squash(entry?.summary ?? '').slice(0, 40));
  });

  it('lists witnesses as the forms ask: expert or ordinary, occupation and relationship, how and when confirmed', () => {
    // Without -layout: each table cell's lines stay together.
    const text = squash(pages.slice(pageOf('Witness status list') - 1, pageOf('Unit summaries') - 1).join('\n'));
    expect(text).toMatch(/Expert|Ordinary/);
    const confirmed = portfolio.manifest.evidence.flatMap((item) => (item.details.type === 'witness-testimony' && item.details.witness.confirmedOn ? [item.details.witness] : []));
    for (const witness of confirmed) {
      expect(text).toContain(squash(witness.role));
      expect(text).toContain(squash(witness.confirmedHow ?? 'missing').slice(0, 30));
    }
  });

  it('says DRAFT on every page', () => {
    for (const page of pages) expect(page).toContain('DRAFT');
  });
});

describe('cross-references', () => {
  it('prints on the location sheet the page each item starts on, and links that number to the page', () => {
    const destinations = objects.destinations();
    const sheetStart = pageOf('Evidence location sheet') - 1;
    const sheetEnd = pageOf('Witness status list') - 1;
    const sheetLinks = objects.links().filter((link) => link.page >= sheetStart && link.page < sheetEnd);
    expect(sheetLinks.length).toBeGreaterThan(5);
    const starts = new Map(portfolio.manifest.evidence.map((item, index) => [index, pageOf(`E${index + 1} · ${item.title}`)]));
    for (const link of sheetLinks) {
      const target = destinations.get(link.destination);
      expect(target, link.destination).toBeDefined();
      expect([...starts.values()]).toContain((target ?? -1) + 1);
      expect(link.contents).toBe(`Go to page ${(target ?? -1) + 1}`);
    }
    const sheet = squash(pages.slice(sheetStart, sheetEnd).join('\n'));
    const firstMapped = portfolio.manifest.mappings[0];
    const index = portfolio.manifest.evidence.findIndex((item) => item.id === firstMapped?.evidenceId);
    expect(sheet).toContain(`Starts on page ${starts.get(index) ?? 0}`);
  });

  it('links every contents entry to its section, and the evidence key and matrix to each item', () => {
    const destinations = objects.destinations();
    const contentsPage = pageOf('Contents') - 1;
    const contentsLinks = objects.links().filter((link) => link.page === contentsPage);
    const targets = new Set(contentsLinks.map((link) => (destinations.get(link.destination) ?? -1) + 1));
    for (const title of ['Summary of achievement', 'Coverage gap matrix', 'Evidence location sheet', 'Witness status list', 'Appendix: audit trail']) expect(targets).toContain(pageOf(title));
    const matrixLinks = objects.links().filter((link) => link.page === pageOf('Coverage gap matrix') - 1);
    expect(matrixLinks.length).toBeGreaterThanOrEqual(portfolio.manifest.evidence.length);
    const keyText = squash(pages[pageOf('Evidence key') - 1] ?? '');
    expect(keyText).toContain(String(pageOf(`E1 · ${portfolio.manifest.evidence[0]?.title ?? ''}`)));
  });

  it('puts every link in the structure tree: a Link element holding its annotation by OBJR', () => {
    const links = objects.links();
    expect(links.every((link) => link.structParent !== undefined)).toBe(true);
    const linkElements = objects.structElements().filter((element) => element.type === '/Link');
    const objr = linkElements.flatMap((element) => element.kids.filter((kid) => kid !== null && typeof kid === 'object' && !Array.isArray(kid) && kid['/Type'] === '/OBJR'));
    expect(objr.length).toBe(links.length);
  });

  it('numbers the paragraphs of each account in the margin, and names each continued page after its item', () => {
    const count = portfolio.manifest.evidence.length;
    const start = pageOf(`E${count} · Customer feedback in several languages`);
    expect(squash(pages[start - 1] ?? '')).toMatch(/¶1 /);
    expect(pages[start] ?? '').toContain(`E${count} · Customer feedback in several languages (continued)`);
  });
});

describe('every learner’s words', () => {
  it('extracts Chinese, Arabic (in reading order) and Welsh with pdftotext, and embeds a face for each', () => {
    const text = pages.join('\n');
    expect(text).toContain(CHINESE);
    expect(text).toContain(ARABIC);
    expect(text).toContain(HEBREW);
    expect(text).toContain(WELSH);
    expect(text).toContain('ŵ');
    expect(text).toContain('ŷ');
    const names = pdffonts(file).map((font) => font.name);
    for (const face of ['NotoSansHans', 'NotoNaskhArabic', 'NotoSansHebrew', 'NotoEmoji']) expect(names.some((name) => name.includes(face)), face).toBe(true);
  });

  it('marks passages in other languages with their language', () => {
    // Marked-content spans in the content streams carry /Lang; the structure root says en-GB.
    const root = objects.root();
    expect(String(root['/Lang'])).toContain('en-GB');
  });
});

describe('readable pictures and PDF/UA tagging', () => {
  it('splits a tall screenshot across pages at one scale, with its description as caption and alt text', () => {
    const text = squash(pages.join('\n'));
    expect(text).toMatch(/Part 1 of [2-9]: the picture continues on the next page\./);
    expect(text).toContain('The whole complaint thread in the banking app');
    const figures = objects.structElements().filter((element) => element.type === '/Figure');
    expect(figures.some((figure) => String(figure.element['/Alt']).includes('The whole complaint thread'))).toBe(true);
    // The caption is inside its figure.
    for (const figure of figures) expect(figure.kids.some((kid) => kid !== null && typeof kid === 'object' && !Array.isArray(kid) && kid['/S'] === '/Caption')).toBe(true);
  });

  it('gives every table header cell a scope', () => {
    const headers = objects.structElements().filter((element) => element.type === '/TH');
    expect(headers.length).toBeGreaterThan(20);
    for (const header of headers) expect(['/Row', '/Column', '/Both']).toContain(objects.dict(header.element['/A'])['/Scope']);
  });
});

describe('only final when final', () => {
  it('says where a unit sign-off and an IQA agreement are printed that the decisions they rest on are stale', async () => {
    const changed = await demoPortfolio(8, 1, 5);
    const signOff = changed.manifest.signOffs[0];
    const judged = changed.manifest.decisions.find((decision) => decision.id === signOff?.decisionIds[0]);
    const item = changed.manifest.evidence.find((entry) => entry.id === judged?.evidence[0]?.evidenceId);
    if (item === undefined) throw new Error('fixture changed');
    item.narrative += '\n\nA paragraph added after the assessor judged it.';
    const sink = memoryByteSink();
    await buildSubmissionPdf(inputOf(changed, { isDraft: true }), sink);
    const path = work.file('stale.pdf');
    writeBytes(path, sink.bytes());
    const text = squash(pagesText(path).join('\n'));
    expect(text).toContain('STALE SIGN-OFF');
    expect(text).toContain('STALE AGREEMENT');
    expect(text).toContain('sign-off no longer stands');
  }, 60_000);
});
