/**
 * The PDF submission (CONTRACTS.md §4), built from a package by the same code in the app and
 * the CLI: PDF/A-2b, tagged, with embedded DejaVu fonts, a title and language, bookmarks for
 * every section, unit and evidence item, and "Page N of M — learner — qualification" footers.
 *
 * In order: cover, declarations, contents, summary of achievement (interim or final claim),
 * coverage gap matrix (landscape), evidence location sheet, witness status list, unit
 * summaries, every evidence item with its pictures, the integrity manifest, and the audit
 * trail as an appendix.
 *
 * The output streams to the sink as it is made. Pages are held (as compact content streams)
 * until the end because the contents and footers need the final page numbers; pictures are
 * written as soon as they are placed and never held.
 */
import PDFDocument from 'pdfkit';
import type { ByteSink } from '../package/byte-io';
import type { PackageManifest } from '../package/manifest';
import { cleanText } from './clean-text';
import { isPrintable } from '../text/coverage';
import { abortError, evidenceKey, Progress, type BuildContext } from './context';
import { CrossReferences } from './xref';
import { FONT_ROLES, loadFonts } from './fonts';
import { Layout } from './layout';
import { buildModel } from './model';
import { escapeInfoInXmp, redirectOutput, useSimpleLayout } from './pdfkit-internals';
import { drawMatrix } from './sections/matrix';
import { drawCover } from './sections/cover';
import { drawDeclarations } from './sections/declarations';
import { fillContents, reserveContents } from './sections/contents';
import { drawLocationSheet } from './sections/location-sheet';
import { drawWitnesses } from './sections/witnesses';
import { drawUnitSummaries, generalActions } from './sections/unit-summaries';
import { drawEvidence, pictureSteps } from './sections/evidence';
import { drawIntegrity } from './sections/integrity';
import { drawAchievement } from './sections/achievement';
import { drawAuditTrail } from './sections/audit';
import { drawPageFurniture } from './sections/page-furniture';
import { SinkPump } from './sink-pump';

export interface SubmissionPdfInput {
  manifest: PackageManifest;
  readAttachment(sha256: string): Promise<Uint8Array>;
  /** Prints a diagonal DRAFT watermark on every page. */
  isDraft?: boolean;
  onProgress?(done: number, total: number): void;
  /** Cancelling rejects with a DOMException named "AbortError" and stops writing to the sink. */
  signal?: AbortSignal;
}

export interface SubmissionPdfStats {
  pages: number;
  bytes: number;
}

export async function buildSubmissionPdf(input: SubmissionPdfInput, sink: ByteSink): Promise<void> {
  await exportSubmissionPdf(input, sink);
}

/** `buildSubmissionPdf`, also saying how many pages and bytes were written. */
export async function exportSubmissionPdf(input: SubmissionPdfInput, sink: ByteSink): Promise<SubmissionPdfStats> {
  const signal = input.signal;
  if (signal?.aborted) throw abortError(signal);
  const fonts = await loadFonts();
  const model = await buildModel(input.manifest);
  if (signal?.aborted) throw abortError(signal);

  const fixedSteps = 11;
  const progress = new Progress(fixedSteps + model.units.length + model.evidence.length + pictureSteps({ model }), input.onProgress, signal);
  const generatedAt = new Date();
  // Document information is metadata, not drawn: any character a font of the PDF has may stay.
  const coverage = { has: (code: number): boolean => fonts.coverage.regular.has(code) || isPrintable(code) };
  const clean = (text: string): string => cleanInfo(text, coverage);
  const manifest = input.manifest;
  const learner = clean(manifest.portfolio.learner.name);
  const qualification = clean(manifest.qualification.title);

  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    // Laying a word out is cheap with the simple layout below; pdfkit's per-word cache of laid-out
    // runs only grew the heap (tens of MB on a large portfolio).
    fontLayoutCache: false,
    size: 'A4',
    info: {
      Title: `Portfolio submission: ${learner} — ${qualification}`,
      Author: learner,
      Subject: clean(`${manifest.qualification.title} (${manifest.qualification.awardingBody}), specification ${manifest.qualification.id} version ${manifest.qualification.version}`),
      Creator: clean(`${manifest.generator.name} ${manifest.generator.version}`),
      Producer: 'Portfolio builder PDF export (PDFKit)',
      CreationDate: generatedAt,
    },
  });
  escapeInfoInXmp(doc);
  for (const role of FONT_ROLES) doc.registerFont(role, fonts.bytes[role]);
  // pdfkit starts with Helvetica, one of the standard 14 fonts PDF/A forbids (they are not
  // embedded). It is never drawn with, so it never reaches the file; DejaVu is current from here.
  // (Passing DejaVu as pdfkit's default font instead would defeat pdfkit's font cache.)
  useSimpleLayout(doc, FONT_ROLES);
  doc.font('regular');

  const pump = new SinkPump(sink);
  const onData = (chunk: Uint8Array): void => pump.push(chunk);
  // pdfkit has already written its header into the stream: take it first, so the order holds
  // once the output goes straight to the pump. The stream then carries only the end of the
  // document, and is still listened to so that its 'end' event fires.
  for (let header: unknown = doc.read(); header instanceof Uint8Array; header = doc.read()) onData(header);
  redirectOutput(doc, onData);
  doc.on('data', onData);
  const ended = new Promise<void>((resolve, reject) => {
    doc.once('end', resolve);
    doc.once('error', reject);
  });
  ended.catch(() => undefined); // observed below; an early failure must not be an unhandled rejection

  const root = doc.struct('Document');
  doc.addStructure(root);
  const layout = new Layout(doc, fonts);
  let destinations = 0;
  const ctx: BuildContext = {
    doc,
    layout,
    model,
    root,
    contents: [],
    progress,
    pump,
    readAttachment: (sha256) => input.readAttachment(sha256),
    isDraft: input.isDraft === true,
    generatedAt,
    images: new Map(),
    nextDestination: () => `d${++destinations}`,
    refs: new CrossReferences(),
  };
  // Every item's destination exists before any page refers to it.
  for (const entry of model.evidence) ctx.refs.destinationFor(evidenceKey(entry));

  try {
    drawCover(ctx);
    await progress.step();
    drawDeclarations(ctx);
    await progress.step();
    const entryCount = 10 + model.units.length + (model.strayDecisions.length > 0 ? 1 : 0) + (generalActions(model).length > 0 ? 1 : 0) + model.evidence.length;
    const contents = reserveContents(ctx, entryCount);
    await progress.step();
    drawAchievement(ctx);
    await progress.step();
    drawMatrix(ctx);
    await progress.step();
    drawLocationSheet(ctx);
    await progress.step();
    drawWitnesses(ctx);
    await progress.step();
    await drawUnitSummaries(ctx);
    await drawEvidence(ctx);
    drawIntegrity(ctx);
    await progress.step();
    drawAuditTrail(ctx);
    await progress.step();
    fillContents(ctx, contents);
    ctx.refs.fill(layout, doc);
    drawPageFurniture(ctx);
    await progress.step();
    const pages = doc.bufferedPageRange().count;
    layout.flushHeading(0);
    root.end();
    doc.end();
    await ended;
    await pump.finish();
    progress.complete();
    return { pages, bytes: pump.bytesWritten };
  } catch (error) {
    doc.off('data', onData);
    await pump.stop();
    if (signal?.aborted) throw abortError(signal);
    throw error;
  }
}

/** Document information strings: cleaned like page text, on one line. */
function cleanInfo(text: string, coverage: { has(code: number): boolean }): string {
  return cleanText(text, coverage).replace(/\s*\n\s*/g, ' ').trim();
}
