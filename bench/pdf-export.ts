/**
 * Benchmark: exporting the PDF submission of a large portfolio (300 evidence items, 200
 * pictures) at two sizes of picture data, beside two baselines measured in the same run on
 * the same portfolio:
 *  - headless Chromium printing an HTML rendering of the portfolio to PDF (page.pdf()), what
 *    a centre gets today by "print to PDF" from a web page;
 *  - the I/O floor: reading every attachment's bytes and writing (and syncing) a file as large
 *    as our PDF — no export can be faster than that.
 *
 * Our export runs in a child process (the CLI's code path: open and validate the package,
 * write the PDF atomically) so its peak RSS is measured on its own.
 *
 * Goals: at least 3x faster than Chromium's print-to-PDF; peak RSS under 350 MB at both sizes.
 *
 * Sizes: BENCH_PDF_SIZES_MB (comma-separated total MB of pictures; default "150,600"), items
 * BENCH_PDF_ITEMS (300) and pictures BENCH_PDF_IMAGES (200). Quick run:
 * `BENCH_PDF_SIZES_MB=15 npx tsx bench/pdf-export.ts`.
 * Needs Debian's `chromium` (`apt-get install -y chromium`); without it the Chromium baseline
 * is reported as not measured.
 *
 * Run alone: `npx tsx bench/pdf-export.ts`; or through bench/run.ts via `run()`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { writeFileAtomically } from '../cli/commands/export-pdf';
import { openPackageFile, writePackageFile } from '../cli/package-file';
import { generateDemoPortfolioLazy } from '../core/demo/demo-portfolio';
import type { PackageManifest } from '../core/package/manifest';
import type { AttachmentPayload } from '../core/package/writer';
import { exportSubmissionPdf } from '../core/pdf/build-pdf';
import { builtinSpec } from '../core/spec/builtin';

const run$ = promisify(execFile);
const MB = 1e6;
const GOAL_SPEEDUP = 3;
const GOAL_RSS_MB = 350;
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface ChildResult {
  seconds: number;
  pages: number;
  bytes: number;
  peakRssMb: number;
  /** RSS once the package is open, just before the export starts. */
  baseRssMb: number;
  runtime: string;
}

interface Prepared {
  packagePath: string;
  manifest: PackageManifest;
  /** sha256 → file holding the attachment's bytes (for the HTML rendering and the floor). */
  files: Map<string, string>;
  imageBytes: number;
  buildSeconds: number;
}

/** Builds the demo portfolio package, keeping each attachment in its own file as it is made. */
async function prepare(folder: string, items: number, images: number, imageMb: number): Promise<Prepared> {
  const started = performance.now();
  const attachmentsDir = join(folder, 'attachments');
  await mkdir(attachmentsDir, { recursive: true });
  const files = new Map<string, string>();
  let imageBytes = 0;
  const demo = await generateDemoPortfolioLazy({
    items,
    images,
    seed: 7,
    spec: builtinSpec(),
    isSigned: true,
    targetImageBytes: Math.max(10_000, Math.round((imageMb * MB) / Math.max(1, images))),
    retainBytes: 0,
    onAttachment: async (attachment, bytes) => {
      const path = join(attachmentsDir, attachment.sha256);
      await writeFile(path, bytes);
      files.set(attachment.sha256, path);
      if (attachment.mediaType.startsWith('image/')) imageBytes += bytes.length;
    },
  });
  const payloads: AttachmentPayload[] = demo.attachments.map((attachment) => ({
    sha256: attachment.sha256,
    size: attachment.size,
    chunks: async function* () {
      yield new Uint8Array(await readFile(files.get(attachment.sha256) as string));
    },
  }));
  const packagePath = join(folder, 'bench.portfolio');
  await writePackageFile(packagePath, demo.manifest, payloads);
  return { packagePath, manifest: demo.manifest, files, imageBytes, buildSeconds: (performance.now() - started) / 1000 };
}

/**
 * The child runs this file bundled to plain JavaScript (esbuild, dependencies left in
 * node_modules), as the desktop app runs its bundled main process: the TypeScript loader would
 * otherwise add its own compiler thread (about 100 MB) to the RSS being measured. Falls back to
 * tsx when esbuild is not installed.
 */
async function childCommand(): Promise<{ args: string[]; runtime: string }> {
  const script = fileURLToPath(import.meta.url);
  try {
    const esbuild = await import('esbuild');
    const outfile = join(dirname(script), 'output', 'pdf-export-child.mjs');
    await esbuild.build({ entryPoints: [script], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'silent' });
    return { args: [outfile], runtime: 'bundled JavaScript' };
  } catch {
    return { args: ['--import', 'tsx', script], runtime: 'tsx' };
  }
}

/** Our export, in a fresh process: the same path as `export-pdf`. */
async function exportInChild(command: { args: string[]; runtime: string }, packagePath: string, pdfPath: string): Promise<ChildResult> {
  const { stdout } = await run$(process.execPath, [...command.args, '--child', packagePath, pdfPath], { maxBuffer: 16 * MB, env: { ...process.env } });
  const line = stdout.trim().split('\n').pop() ?? '';
  return { ...(JSON.parse(line) as Omit<ChildResult, 'runtime'>), runtime: command.runtime };
}

async function childMain(packagePath: string, pdfPath: string): Promise<void> {
  const started = performance.now();
  const opened = await openPackageFile(packagePath);
  try {
    const baseRssMb = process.memoryUsage().rss / MB;
    const stats = await writeFileAtomically(pdfPath, (sink) => exportSubmissionPdf({ manifest: opened.manifest, readAttachment: (sha256) => opened.readAttachment(sha256) }, sink));
    const seconds = (performance.now() - started) / 1000;
    const result = { seconds, pages: stats.pages, bytes: stats.bytes, peakRssMb: (process.resourceUsage().maxRSS * 1024) / MB, baseRssMb };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await opened.close();
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char);
}

/** The same portfolio as one HTML page: cover, matrix, location sheet, witnesses, decisions, every item with its pictures. */
function portfolioHtml(prepared: Prepared): string {
  const { manifest, files } = prepared;
  const spec = manifest.qualification;
  const points = spec.units.flatMap((unit) => unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => ({ unit, point }))));
  const mapped = new Set(manifest.mappings.map((mapping) => `${mapping.markingPointId}|${mapping.evidenceId}`));
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(manifest.portfolio.learner.name)}</title><style>
    body { font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt; margin: 0; }
    h1 { font-size: 16pt; page-break-before: always; } h2 { font-size: 13pt; }
    table { border-collapse: collapse; } td, th { border: 0.5pt solid #888; padding: 2pt; font-size: 7pt; }
    .gap { background: repeating-linear-gradient(45deg, #000 0 1px, #fff 1px 4px); font-weight: bold; }
    .item { page-break-before: always; } img { max-width: 100%; max-height: 60vh; display: block; margin: 6pt auto; }
    @page { size: A4; margin: 20mm; }
  </style></head><body>`);
  parts.push(`<section><p>PORTFOLIO SUBMISSION</p><h2>${escapeHtml(spec.title)}</h2><p>${escapeHtml(manifest.portfolio.learner.name)} — ${escapeHtml(manifest.portfolio.centre.name)}</p></section>`);
  parts.push('<h1>Coverage gap matrix</h1><table><tr><th>Marking point</th>');
  manifest.evidence.forEach((_, index) => parts.push(`<th>E${index + 1}</th>`));
  parts.push('</tr>');
  for (const { point } of points) {
    const hasAny = manifest.mappings.some((mapping) => mapping.markingPointId === point.id);
    parts.push(`<tr><th>${escapeHtml(point.id)}</th>`);
    for (const item of manifest.evidence) parts.push(`<td class="${hasAny ? '' : 'gap'}">${mapped.has(`${point.id}|${item.id}`) ? '●' : ''}</td>`);
    parts.push('</tr>');
  }
  parts.push('</table><h1>Evidence location sheet</h1><table>');
  for (const mapping of manifest.mappings) parts.push(`<tr><td>${escapeHtml(mapping.markingPointId)}</td><td>${escapeHtml(mapping.evidenceId)}</td><td>${escapeHtml(mapping.justification ?? '')}</td></tr>`);
  parts.push('</table><h1>Unit summaries</h1>');
  for (const decision of manifest.decisions) parts.push(`<p><b>${escapeHtml(decision.markingPointId)}: ${decision.status}</b> ${escapeHtml(decision.feedback)} — ${escapeHtml(decision.signer.name)} (${escapeHtml(decision.signer.keyFingerprint)})</p>`);
  manifest.evidence.forEach((item, index) => {
    parts.push(`<section class="item"><h2>E${index + 1} · ${escapeHtml(item.title)}</h2>`);
    for (const paragraph of item.narrative.split(/\n\s*\n/)) parts.push(`<p>${escapeHtml(paragraph)}</p>`);
    for (const attachment of item.attachments) {
      const file = files.get(attachment.sha256);
      if (attachment.mediaType.startsWith('image/') && file !== undefined) parts.push(`<img src="${pathToFileURL(file).href}" alt="${escapeHtml(attachment.name)}">`);
      else parts.push(`<p>${escapeHtml(attachment.name)} ${attachment.size} bytes ${attachment.sha256}</p>`);
    }
    parts.push('</section>');
  });
  parts.push('</body></html>');
  return parts.join('');
}

/** Chromium's print-to-PDF of the HTML rendering: launch, load (all pictures), print. */
async function chromiumPrint(htmlPath: string, pdfPath: string): Promise<{ launchSeconds: number; printSeconds: number; pdfBytes: number } | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  const { chromium } = await import('playwright-core');
  const launched = performance.now();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const launchSeconds = (performance.now() - launched) / 1000;
    const page = await browser.newPage();
    // A big portfolio takes Chromium minutes to print: no time limit on the baseline.
    page.setDefaultTimeout(0);
    const started = performance.now();
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load', timeout: 0 });
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    const printSeconds = (performance.now() - started) / 1000;
    return { launchSeconds, printSeconds, pdfBytes: (await stat(pdfPath)).size };
  } finally {
    await browser.close();
  }
}

/** The floor: read every attachment's bytes, then write and sync a file of the PDF's size. */
async function ioFloor(prepared: Prepared, bytes: number, path: string): Promise<number> {
  const started = performance.now();
  for (const file of prepared.files.values()) await readFile(file);
  const handle = await open(path, 'w');
  try {
    const block = new Uint8Array(1024 * 1024).fill(37);
    for (let written = 0; written < bytes; written += block.length) await handle.write(block, 0, Math.min(block.length, bytes - written));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return (performance.now() - started) / 1000;
}

/** Drops the page cache's advantage as far as an unprivileged run can: every contender reads warm files. */
async function warm(prepared: Prepared): Promise<void> {
  await run$('sh', ['-c', 'cat "$@" > /dev/null', 'cat', prepared.packagePath, ...prepared.files.values()], { maxBuffer: MB });
}

export async function run(): Promise<void> {
  const sizes = (process.env.BENCH_PDF_SIZES_MB ?? '150,600').split(',').map((value) => Number(value.trim()));
  if (sizes.some((size) => !Number.isFinite(size) || size <= 0)) throw new Error('BENCH_PDF_SIZES_MB must list positive numbers of megabytes, e.g. "150,600".');
  const items = Number(process.env.BENCH_PDF_ITEMS ?? 300);
  const images = Number(process.env.BENCH_PDF_IMAGES ?? 200);
  const command = await childCommand();
  const lines: string[] = [
    `PDF export: ${items} evidence items, ${images} pictures (our export in a child process running ${command.runtime}, best of 2; Chromium once per size)`,
    `  machine: ${cpus().length} cores, load average ${loadavg().map((value) => value.toFixed(1)).join(' ')} at the start (other work on the machine slows every contender)`,
  ];
  for (const sizeMb of sizes) {
    const folder = await mkdtemp(join(tmpdir(), 'bench-pdf-'));
    try {
      const prepared = await prepare(folder, items, images, sizeMb);
      await warm(prepared);
      const ours: ChildResult[] = [];
      for (let round = 0; round < 2; round++) ours.push(await exportInChild(command, prepared.packagePath, join(folder, `ours-${round}.pdf`)));
      const best = ours.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
      const peakRss = Math.max(...ours.map((result) => result.peakRssMb));
      const floor = Math.min(await ioFloor(prepared, best.bytes, join(folder, 'floor-0.bin')), await ioFloor(prepared, best.bytes, join(folder, 'floor-1.bin')));
      const htmlPath = join(folder, 'portfolio.html');
      await writeFile(htmlPath, portfolioHtml(prepared));
      const chrome = await chromiumPrint(htmlPath, join(folder, 'chromium.pdf'));
      const packageMb = (await stat(prepared.packagePath)).size / MB;
      const row = (what: string, seconds: number | undefined, note = ''): string => `  ${what.padEnd(46)}${seconds === undefined ? '     n/a' : seconds.toFixed(2).padStart(8)}  ${note}`;
      lines.push(
        `Pictures ${(prepared.imageBytes / MB).toFixed(0)} MB (package ${packageMb.toFixed(0)} MB, built in ${prepared.buildSeconds.toFixed(0)} s)`,
        `  ${'what'.padEnd(46)}${'seconds'.padStart(8)}`,
        row('our export (open + validate package, PDF/A)', best.seconds, `${best.pages} pages, ${(best.bytes / MB).toFixed(0)} MB, peak RSS ${peakRss.toFixed(0)} MB (${best.baseRssMb.toFixed(0)} MB before the export)`),
        row('I/O floor (read attachments, write + sync)', floor),
        row('Chromium page.pdf() (load + print)', chrome?.printSeconds, chrome === undefined ? `not measured: ${CHROMIUM} is missing` : `${(chrome.pdfBytes / MB).toFixed(0)} MB; launch ${chrome.launchSeconds.toFixed(2)} s more`),
      );
      if (chrome !== undefined) {
        const speedup = chrome.printSeconds / best.seconds;
        lines.push(`  ${speedup.toFixed(1)}x faster than Chromium; goal at least ${GOAL_SPEEDUP}x: ${speedup >= GOAL_SPEEDUP ? 'met' : 'NOT met'}`);
      }
      lines.push(`  ${(best.seconds / floor).toFixed(1)}x the I/O floor; peak RSS ${peakRss.toFixed(0)} MB, goal under ${GOAL_RSS_MB} MB: ${peakRss < GOAL_RSS_MB ? 'met' : 'NOT met'}`);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }
  console.log(lines.join('\n'));
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntryPoint) {
  const [flag, packagePath, pdfPath] = process.argv.slice(2);
  const main = flag === '--child' && packagePath !== undefined && pdfPath !== undefined ? childMain(packagePath, pdfPath) : run();
  main.catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
