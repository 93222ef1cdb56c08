/**
 * The independent PDF checkers the tests rely on: qpdf and poppler-utils (Debian packages
 * `qpdf`, `poppler-utils`; CI installs them). Each helper runs the real tool on a file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function tool(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function qpdfCheck(file: string): { status: number; output: string } {
  const result = spawnSync('qpdf', ['--check', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

export function pdfinfo(file: string, extra: string[] = []): string {
  return tool('pdfinfo', [...extra, file]);
}

export function pageCount(file: string): number {
  const match = /^Pages:\s+(\d+)/m.exec(pdfinfo(file));
  if (!match) throw new Error('pdfinfo did not report a page count');
  return Number(match[1]);
}

/** Text of the whole document, or of pages first..last (1-based); `isLayout` keeps table rows on one line. */
export function pdftotext(file: string, first?: number, last?: number, isLayout = false): string {
  const range = first === undefined ? [] : ['-f', String(first), '-l', String(last ?? first)];
  return tool('pdftotext', ['-enc', 'UTF-8', ...(isLayout ? ['-layout'] : []), ...range, file, '-']);
}

/** Text of every page, split on pdftotext's form feeds. */
export function pagesText(file: string, isLayout = false): string[] {
  const pages = pdftotext(file, undefined, undefined, isLayout).split('\f');
  if (pages[pages.length - 1]?.trim() === '') pages.pop();
  return pages;
}

export interface FontRow {
  name: string;
  type: string;
  isEmbedded: boolean;
}

export function pdffonts(file: string): FontRow[] {
  const lines = tool('pdffonts', [file]).split('\n').slice(2).filter((line) => line.trim() !== '');
  return lines.map((line) => {
    const parts = line.trim().split(/\s+/);
    // name type... encoding emb sub uni object ID: "emb" is the fifth field from the end.
    return { name: parts[0] ?? '', type: parts.slice(1, -6).join(' '), isEmbedded: parts[parts.length - 5] === 'yes' };
  });
}

export interface OutlineItem {
  title: string;
  page?: number;
  kids: OutlineItem[];
}

interface QpdfOutline {
  title: string;
  destpageposfrom1?: number;
  kids?: QpdfOutline[];
}

export function outlines(file: string): OutlineItem[] {
  const json = JSON.parse(tool('qpdf', ['--json', '--json-key=outlines', file])) as { outlines: QpdfOutline[] };
  const convert = (item: QpdfOutline): OutlineItem => ({ title: item.title, page: item.destpageposfrom1, kids: (item.kids ?? []).map(convert) });
  return json.outlines.map(convert);
}

/** Pages (1-based) that hold at least one image, from `pdfimages -list`. */
export function pagesWithImages(file: string): number[] {
  const rows = tool('pdfimages', ['-list', file]).split('\n').slice(2);
  const pages = new Set<number>();
  for (const row of rows) {
    const page = Number(row.trim().split(/\s+/)[0]);
    if (Number.isInteger(page) && page > 0) pages.add(page);
  }
  return [...pages].sort((a, b) => a - b);
}

export interface GreyPage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Renders one page to 8-bit grey with pdftoppm and reads the PGM it writes. */
export function renderGrey(file: string, page: number, dpi = 40): GreyPage {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-render-'));
  try {
    const base = join(dir, 'page');
    tool('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, base]);
    const data = readFileSync(`${base}.pgm`);
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
    if (!header) throw new Error('pdftoppm did not write a PGM');
    const width = Number(header[1]);
    const height = Number(header[2]);
    return { width, height, pixels: new Uint8Array(data.subarray(header[0].length, header[0].length + width * height)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Share of pixels darker than near-white, and the variance of all pixel values. */
export function inkStats(page: GreyPage): { inked: number; variance: number } {
  let inked = 0;
  let sum = 0;
  let squares = 0;
  for (const value of page.pixels) {
    if (value < 235) inked++;
    sum += value;
    squares += value * value;
  }
  const count = page.pixels.length;
  const mean = sum / count;
  return { inked: inked / count, variance: squares / count - mean * mean };
}

export function tempDir(prefix: string): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, file: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeBytes(path: string, bytes: Uint8Array): void {
  writeFileSync(path, bytes);
}

/** Collapses runs of white space, so text wrapped over lines still matches. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ');
}
