/**
 * The demo's attachments, drawn and encoded from nothing but a seed: mock complaint-log
 * screenshots and bar charts (PNG), KPI trend charts and photos of an action-plan whiteboard
 * (JPEG, through jpeg-js), a tone-only call-recording placeholder (WAV) and a complaint-log
 * export (CSV). Each is a pure function of its `AttachmentPlan`, so the bytes can be made
 * again on demand instead of being held in memory.
 */
import jpeg from 'jpeg-js';
import { encodePng, type PngLevel } from './png';
import { Rng } from './prng';
import { LOGICAL_HEIGHT, LOGICAL_WIDTH, Raster, type Rgb } from './raster';
import type { DemoSetting, Kpi } from './settings';

export type PictureKind = 'complaint-log' | 'whiteboard' | 'bar-chart' | 'kpi-chart';
export type AttachmentKind = PictureKind | 'audio' | 'csv';

/** The order pictures are made in: it alternates PNG and JPEG. */
export const PICTURE_KINDS: readonly PictureKind[] = ['complaint-log', 'whiteboard', 'bar-chart', 'kpi-chart'];

export const MEDIA_TYPES: Readonly<Record<AttachmentKind, string>> = {
  'complaint-log': 'image/png',
  'bar-chart': 'image/png',
  whiteboard: 'image/jpeg',
  'kpi-chart': 'image/jpeg',
  audio: 'audio/wav',
  csv: 'text/csv',
};

/** One row of the mock complaint log. */
export interface LogRow {
  caseRef: string;
  /** YYYY-MM-DD */
  opened: string;
  category: string;
  status: 'OPEN' | 'ESCALATED' | 'RESOLVED' | 'CLOSED';
}

/** Everything needed to make one attachment's bytes again. */
export interface AttachmentPlan {
  kind: AttachmentKind;
  /** Seeds the attachment's own random stream. */
  seed: number;
  index: number;
  setting: DemoSetting;
  /** The case the picture highlights, and the rows around it. */
  rows: LogRow[];
  highlight: number;
  kpi: Kpi;
  topic: string;
  /** Lines for the whiteboard's sticky notes. */
  notes: string[];
  /** Picture size in pixels. */
  width: number;
  height: number;
  /** Grain amplitude (0 = clean); benchmarks use grain to make big files. */
  grain: number;
  jpegQuality: number;
  pngLevel: PngLevel;
}

export function renderAttachment(plan: AttachmentPlan): Uint8Array {
  switch (plan.kind) {
    case 'audio':
      return toneWav(plan.seed, plan.index);
    case 'csv':
      return complaintLogCsv(plan);
    default:
      return renderPicture(plan, plan.kind);
  }
}

function renderPicture(plan: AttachmentPlan, kind: PictureKind): Uint8Array {
  const raster = new Raster(plan.width, plan.height);
  const rng = new Rng(plan.seed, `picture:${plan.index}`);
  switch (kind) {
    case 'complaint-log':
      drawComplaintLog(raster, plan, rng);
      break;
    case 'bar-chart':
      drawBarChart(raster, plan, rng);
      break;
    case 'kpi-chart':
      drawKpiChart(raster, plan, rng);
      break;
    case 'whiteboard':
      drawWhiteboard(raster, plan, rng);
      break;
  }
  // Photos always have a little grain; screenshots and charts only when asked for (benchmarks).
  raster.grain(rng, kind === 'whiteboard' ? Math.max(plan.grain, 6) : plan.grain);
  if (MEDIA_TYPES[kind] === 'image/png') return encodePng(raster.width, raster.height, raster.data, plan.pngLevel);
  const encoded = jpeg.encode({ width: raster.width, height: raster.height, data: raster.data }, plan.jpegQuality);
  // jpeg-js hands back a Node Buffer where one exists; copy into a plain Uint8Array so callers
  // (and equality checks) see the same type everywhere.
  return new Uint8Array(encoded.data.buffer, encoded.data.byteOffset, encoded.data.byteLength).slice();
}

// ---------------------------------------------------------------------------------------------
// Pictures

const NAVY: Rgb = [31, 58, 95];
const INK: Rgb = [40, 44, 52];
const MUTED: Rgb = [110, 118, 130];
const WHITE: Rgb = [255, 255, 255];
const STATUS_COLOURS: Readonly<Record<LogRow['status'], Rgb>> = {
  OPEN: [236, 163, 38],
  ESCALATED: [204, 62, 62],
  RESOLVED: [56, 150, 84],
  CLOSED: [96, 112, 140],
};
const PALETTE: readonly Rgb[] = [
  [46, 110, 180],
  [230, 126, 34],
  [52, 152, 110],
  [155, 89, 182],
  [200, 70, 80],
  [90, 100, 120],
];

function systemTitle(setting: DemoSetting): string {
  return setting.system.replace(/^the /, '').toUpperCase();
}

function dayMonth(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;
}

function drawComplaintLog(raster: Raster, plan: AttachmentPlan, rng: Rng): void {
  raster.rect(0, 0, LOGICAL_WIDTH, LOGICAL_HEIGHT, [243, 245, 248]);
  // Title bar and window buttons.
  raster.rect(0, 0, LOGICAL_WIDTH, 34, NAVY);
  raster.text(14, 10, `${systemTitle(plan.setting)} - COMPLAINTS`, WHITE, 2);
  for (let button = 0; button < 3; button++) raster.rect(730 + button * 22, 11, 14, 12, [200, 210, 225]);
  // Toolbar.
  raster.rect(0, 34, LOGICAL_WIDTH, 38, [226, 231, 238]);
  let x = 160;
  for (const label of ['NEW CASE', 'SEARCH', 'EXPORT', 'REPORTS']) {
    const width = label.length * 12 + 16;
    raster.rect(x, 42, width, 22, WHITE);
    raster.text(x + 8, 46, label, NAVY, 2);
    x += width + 10;
  }
  // Sidebar.
  raster.rect(0, 72, 148, LOGICAL_HEIGHT - 72, [52, 64, 84]);
  ['MY CASES', 'TEAM QUEUE', 'ESCALATED', 'TRENDS', 'SETTINGS'].forEach((label, index) => {
    if (index === 0) raster.rect(0, 84 + index * 32, 148, 28, [74, 92, 120]);
    raster.text(12, 92 + index * 32, label, [220, 226, 236], 2);
  });
  // Table header.
  const columns = [160, 290, 370, 560, 692];
  raster.rect(156, 84, 636, 26, [214, 221, 232]);
  ['CASE', 'DATE', 'CATEGORY', 'STATUS', 'AGE'].forEach((label, index) => raster.text((columns[index] as number) + 4, 90, label, INK, 2));
  // Rows.
  const rowHeight = 26;
  plan.rows.slice(0, 11).forEach((row, index) => {
    const y = 112 + index * rowHeight;
    const isHighlighted = index === plan.highlight;
    raster.rect(156, y, 636, rowHeight - 2, isHighlighted ? [214, 232, 252] : index % 2 === 0 ? WHITE : [247, 249, 252]);
    if (isHighlighted) raster.rect(156, y, 4, rowHeight - 2, [46, 110, 180]);
    raster.text(164, y + 6, row.caseRef.replace(/-\d{4}-/, '-'), INK, 2);
    raster.text(294, y + 6, dayMonth(row.opened), MUTED, 2);
    raster.text(374, y + 6, row.category.toUpperCase().slice(0, 15), INK, 2);
    raster.rect(560, y + 3, 120, rowHeight - 8, STATUS_COLOURS[row.status]);
    raster.text(566, y + 6, row.status, WHITE, 2);
    raster.text(696, y + 6, `${1 + rng.int(0, 20)}D`, MUTED, 2);
  });
  // Detail panel for the highlighted case.
  const selected = plan.rows[plan.highlight] ?? plan.rows[0];
  const top = 112 + 11 * rowHeight + 8;
  raster.rect(156, top, 636, LOGICAL_HEIGHT - top - 8, WHITE);
  raster.rect(156, top, 636, 24, [226, 231, 238]);
  raster.text(164, top + 6, `CASE DETAIL ${selected?.caseRef ?? ''}`, NAVY, 2);
  const lines = ['STAGE: IDENTIFICATION > RESOLUTION > RECORDING', `CATEGORY: ${(selected?.category ?? '').toUpperCase()}`, 'ACKNOWLEDGED: SAME DAY   FINAL RESPONSE: SENT'];
  lines.forEach((line, index) => raster.text(164, top + 34 + index * 20, line, INK, 2));
}

function drawAxes(raster: Raster, left: number, top: number, right: number, bottom: number): void {
  raster.line(left, top, left, bottom, 2, INK);
  raster.line(left, bottom, right, bottom, 2, INK);
}

function drawBarChart(raster: Raster, plan: AttachmentPlan, rng: Rng): void {
  raster.verticalGradient(0, 0, LOGICAL_WIDTH, LOGICAL_HEIGHT, [255, 255, 255], [226, 236, 248]);
  raster.text(40, 28, 'COMPLAINTS BY CATEGORY', NAVY, 4);
  raster.text(40, 70, `${plan.setting.organisation.toUpperCase()} - LAST 12 WEEKS`, MUTED, 2);
  const left = 90;
  const right = 760;
  const top = 110;
  const bottom = 500;
  // Grid lines and scale.
  const maximum = 60;
  for (let tick = 0; tick <= maximum; tick += 10) {
    const y = bottom - ((bottom - top) * tick) / maximum;
    raster.line(left, y, right, y, 1, [210, 218, 230]);
    raster.text(left - 40, y - 7, String(tick).padStart(2, ' '), MUTED, 2);
  }
  drawAxes(raster, left, top, right, bottom);
  const categories = plan.setting.categories;
  const slot = (right - left) / categories.length;
  const highlighted = categories.indexOf(plan.rows[plan.highlight]?.category ?? '');
  categories.forEach((category, index) => {
    const value = index === highlighted ? 38 + rng.int(0, 18) : 6 + rng.int(0, 26);
    const height = ((bottom - top) * value) / maximum;
    const x = left + index * slot + slot * 0.18;
    const width = slot * 0.64;
    raster.verticalGradient(x, bottom - height, width, height, PALETTE[index % PALETTE.length] as Rgb, [30, 40, 60]);
    raster.text(x + width / 2 - 12, bottom - height - 20, String(value), INK, 2);
    wrapWords(category.toUpperCase(), 8)
      .slice(0, 2)
      .forEach((line, lineIndex) => raster.text(x + width / 2 - (line.length * 12) / 2, bottom + 10 + lineIndex * 18, line, INK, 2));
  });
  raster.text(40, 568, `SOURCE: ${systemTitle(plan.setting)}`, MUTED, 2);
}

function drawKpiChart(raster: Raster, plan: AttachmentPlan, rng: Rng): void {
  const { kpi } = plan;
  raster.verticalGradient(0, 0, LOGICAL_WIDTH, LOGICAL_HEIGHT, [250, 252, 255], [232, 240, 236]);
  const title = kpi.name.toUpperCase();
  if (title.length <= 39) raster.text(40, 26, title, NAVY, 3);
  else raster.text(40, 30, title.slice(0, 60), NAVY, 2);
  raster.text(40, 60, `WEEKLY, BEFORE AND AFTER THE CHANGE - TARGET ${kpi.target}${kpi.unit === '%' ? '%' : ''}`, MUTED, 2);
  const left = 90;
  const right = 760;
  const top = 100;
  const bottom = 500;
  const values: number[] = [];
  for (let week = 0; week < 12; week++) {
    const base = week < 6 ? kpi.before : kpi.after;
    const drift = week < 6 ? 0 : ((kpi.after - kpi.before) * (week - 6)) / 30;
    const value = Math.max(0, base - drift + (rng.next() - 0.5) * Math.max(2, Math.abs(kpi.after - kpi.before) * 0.25));
    values.push(kpi.unit === '%' ? Math.min(99, value) : value);
  }
  // A round top to the scale, with a tick at every step.
  const highest = Math.max(kpi.target, ...values) * 1.15;
  const step = highest > 50 ? 20 : highest > 20 ? 10 : highest > 10 ? 5 : 2;
  // A percentage never needs a scale beyond 100.
  const maximum = kpi.unit === '%' ? Math.min(100, Math.ceil(highest / step) * step) : Math.ceil(highest / step) * step;
  const yOf = (value: number): number => bottom - ((bottom - top) * value) / maximum;
  for (let value = 0; value <= maximum; value += step) {
    raster.line(left, yOf(value), right, yOf(value), 1, [205, 214, 224]);
    raster.text(left - 48, yOf(value) - 7, String(value).padStart(3, ' '), MUTED, 2);
  }
  drawAxes(raster, left, top, right, bottom);
  raster.line(left, yOf(kpi.target), right, yOf(kpi.target), 2, [204, 62, 62], 12);
  raster.text(right - 84, yOf(kpi.target) - 20, 'TARGET', [204, 62, 62], 2);
  // The change happened between weeks 6 and 7.
  const xOf = (week: number): number => left + 30 + ((right - left - 60) * week) / 11;
  raster.rect(xOf(5.5) - 1, top, 2, bottom - top, [150, 160, 175]);
  raster.text(xOf(5.5) + 8, top + 8, 'CHANGE MADE', MUTED, 2);
  for (let week = 0; week < 11; week++) raster.line(xOf(week), yOf(values[week] as number), xOf(week + 1), yOf(values[week + 1] as number), 4, [46, 110, 180]);
  values.forEach((value, week) => {
    raster.dot(xOf(week), yOf(value), 7, [46, 110, 180]);
    raster.dot(xOf(week), yOf(value), 3, WHITE);
    raster.text(xOf(week) - 10, bottom + 12, `W${week + 1}`, INK, 2);
  });
}

function drawWhiteboard(raster: Raster, plan: AttachmentPlan, rng: Rng): void {
  // A wall, a whiteboard with a frame, a handwritten heading and sticky notes.
  raster.verticalGradient(0, 0, LOGICAL_WIDTH, LOGICAL_HEIGHT, [214, 204, 186], [170, 160, 142]);
  raster.rect(48, 40, 704, 500, [150, 154, 160]);
  raster.verticalGradient(58, 50, 684, 480, [250, 250, 246], [226, 228, 224]);
  raster.rect(120, 540, 560, 14, [120, 124, 130]);
  raster.text(86, 76, 'ACTION PLAN', [28, 60, 140], 5);
  raster.text(86, 130, plan.topic.toUpperCase().slice(0, 40), [28, 60, 140], 2);
  raster.line(86, 150, 86 + Math.min(40, plan.topic.length) * 12, 152, 2, [28, 60, 140]);
  const noteColours: readonly Rgb[] = [
    [255, 235, 120],
    [255, 190, 200],
    [180, 235, 170],
    [170, 215, 250],
  ];
  plan.notes.slice(0, 6).forEach((note, index) => {
    const column = index % 3;
    const row = Math.floor(index / 3);
    const x = 86 + column * 214 + rng.int(-6, 6);
    const y = 180 + row * 170 + rng.int(-6, 6);
    raster.rect(x + 5, y + 5, 180, 140, [160, 160, 150]); // shadow
    raster.rect(x, y, 180, 140, noteColours[index % noteColours.length] as Rgb);
    wrapWords(note.toUpperCase(), 13)
      .slice(0, 6)
      .forEach((line, lineIndex) => raster.text(x + 10, y + 12 + lineIndex * 20, line, [30, 30, 40], 2));
  });
  // A marker pen on the tray.
  raster.rect(200, 542, 90, 9, [30, 30, 30]);
  raster.rect(290, 543, 14, 7, [28, 60, 140]);
}

function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line === '') line = word.slice(0, width);
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word.slice(0, width);
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Other attachments

/**
 * A two-second, 8 kHz, 16-bit mono WAV: a soft two-note chime. It stands in for a call
 * recording, whose customer audio must not leave the call-quality system.
 */
function toneWav(seed: number, index: number): Uint8Array {
  const sampleRate = 8000;
  const samples = sampleRate * 2;
  const rng = new Rng(seed, `audio:${index}`);
  const first = 392 + rng.int(0, 8) * 22;
  const second = first * 1.5;
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let at = 0; at < text.length; at++) bytes[offset + at] = text.charCodeAt(at);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, samples * 2, true);
  for (let sample = 0; sample < samples; sample++) {
    const t = sample / sampleRate;
    const frequency = t < 1 ? first : second;
    const local = t % 1;
    const envelope = Math.min(1, local * 40) * Math.exp(-local * 3);
    const value = Math.round(Math.sin(2 * Math.PI * frequency * t) * envelope * 9000);
    view.setInt16(44 + sample * 2, value, true);
  }
  return bytes;
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A complaint-log export, anonymised: references, dates, categories and status only. */
function complaintLogCsv(plan: AttachmentPlan): Uint8Array {
  const lines = ['Case reference,Opened,Category,Status,Acknowledged same day'];
  for (const row of plan.rows) lines.push([row.caseRef, row.opened, row.category, row.status, 'Yes'].map(csvField).join(','));
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}
