/**
 * A large, realistic portfolio for the evidence benchmark and the end-to-end scale test:
 * evidence items of every kind with narratives, labels, legislation and tags, mappings to the
 * built-in qualification, and small distinct PNG "screenshots" attached to the first items.
 * Deterministic for a seed. Rows are in the shape the app's repositories store (tidied, with
 * the content hash from the app's own core function) and are written straight into the app's
 * IndexedDB, which the app has already created on start-up.
 */
import { deflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { COMPLAINT_MODEL_INFO, LEGISLATION_CATALOGUE } from '../core/evidence/catalogue';
import { blankDetails, tidyEvidence } from '../core/evidence/new-evidence';
import { markingPointIndex } from '../core/evidence/spec-index';
import { evidenceContentHash } from '../core/integrity/content-hash';
import { sha256Hex } from '../core/integrity/sha256';
import { EVIDENCE_TYPES, SERVICE_LABELS, type EvidenceItem, type Mapping, type Portfolio } from '../core/model/portfolio';
import { builtinSpec } from '../core/spec/builtin';
import { SCOPED_STORES } from '../renderer/src/db/migrations/2-portfolio-scoped-keys';

export interface EvidenceSeed {
  portfolio: Portfolio;
  evidence: Array<EvidenceItem & { contentHash: string }>;
  mappings: Mapping[];
  images: Array<{ sha256: string; base64: string; size: number }>;
}

export interface SeedOptions {
  items: number;
  images: number;
  seed?: number;
  portfolioId?: string;
}

/** mulberry32: the same data every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = ['ISA transfer', 'mortgage statement', 'card replacement', 'direct debit', 'broadband outage', 'insurance claim', 'refund', 'account opening', 'pension query', 'billing error', 'loan statement', 'app login'];
const PROBLEMS = ['delay', 'incorrect charge', 'missed call-back', 'lost paperwork', 'rude response', 'repeated contact', 'wrong advice', 'system fault'];
const SENTENCES = [
  'The customer rang for the third time about the {s} and was clearly frustrated.',
  'I paraphrased the concern back to confirm I understood the {p}.',
  'I apologised, logged the complaint in the complaints system and gave a reference.',
  'I escalated the {p} to the team leader because it was outside my authority.',
  'We agreed a call-back time and I kept to it.',
  'Looking at the complaint log I found the same {p} on several {s} cases.',
  'I proposed a small change to the checklist so the {p} would not recur.',
  'The team briefing now covers how to spot early signs of dissatisfaction.',
  'I checked the outcome with the customer and recorded the resolution.',
  'Our complaints procedure follows the FCA complaints handling rules.',
];


function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'ascii'), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A small, distinct "screenshot" per item (PNG: quick to make, and a real image the browser decodes). */
function pngBytes(random: () => number, index: number): Buffer {
  const width = 96;
  const height = 72;
  const base = [Math.floor(random() * 200), Math.floor(random() * 200), Math.floor(random() * 200)];
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const offset = y * (width * 3 + 1) + 1 + x * 3;
      raw[offset] = ((base[0] ?? 0) + x) & 0xff;
      raw[offset + 1] = ((base[1] ?? 0) + y + index) & 0xff;
      raw[offset + 2] = ((base[2] ?? 0) + ((x * y) >> 6)) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', new Uint8Array())]);
}

export async function buildEvidenceSeed(options: SeedOptions): Promise<EvidenceSeed> {
  const { items: itemCount, images: imageCount } = options;
  const portfolioId = options.portfolioId ?? 'bench-evidence-portfolio';
  const random = seededRandom(options.seed ?? 20_260_314);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const spec = builtinSpec();
  const points = [...markingPointIndex(spec).keys()];
  const now = '2026-03-14T09:00:00.000Z';
  const portfolio: Portfolio = {
    id: portfolioId,
    learner: { name: 'Bench Learner', number: 'B-0001' },
    centre: { name: 'Bench Centre' },
    qualificationId: spec.id,
    qualificationVersion: spec.version,
    createdAt: now,
    updatedAt: now,
  };

  const images: EvidenceSeed['images'] = [];
  for (let index = 0; index < imageCount; index++) {
    const bytes = pngBytes(random, index);
    images.push({ sha256: await sha256Hex(new Uint8Array(bytes)), base64: bytes.toString('base64'), size: bytes.length });
  }

  const evidence: EvidenceSeed['evidence'] = [];
  const mappings: Mapping[] = [];
  for (let index = 0; index < itemCount; index++) {
    const type = EVIDENCE_TYPES[index % EVIDENCE_TYPES.length] ?? 'work-product';
    const subject = pick(SUBJECTS);
    const problem = pick(PROBLEMS);
    const paragraphs = Array.from({ length: 3 + Math.floor(random() * 3) }, () =>
      Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(SENTENCES).replace('{s}', subject).replace('{p}', problem)).join(' '),
    );
    const day = 1 + Math.floor(random() * 28);
    const month = 1 + Math.floor(random() * 12);
    const details = blankDetails(type);
    if (details.type === 'reflective-account') details.stages = COMPLAINT_MODEL_INFO.HEAT.stages.map((stage) => ({ stage, text: `At the ${stage.toLowerCase()} stage I dealt with the ${problem}.` }));
    const item: EvidenceItem = tidyEvidence({
      id: `bench-${String(index).padStart(5, '0')}`,
      portfolioId,
      type,
      title: `${subject.charAt(0).toUpperCase()}${subject.slice(1)} ${problem} (case ${1000 + index})`,
      activityDate: `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      narrative: paragraphs.join('\n\n'),
      label: pick(SERVICE_LABELS),
      legislation: [pick(LEGISLATION_CATALOGUE).name],
      tags: [subject.split(' ')[0] ?? 'case', problem.split(' ')[0] ?? 'issue'],
      details,
      attachments: [],
      createdAt: now,
      updatedAt: now,
    });
    // Images spread evenly through the portfolio (every fifth item for 1,000 in 5,000), as screenshots would be.
    const step = Math.max(1, Math.floor(itemCount / Math.max(1, imageCount)));
    const image = index % step === 0 ? images[index / step] : undefined;
    if (image) item.attachments = [{ sha256: image.sha256, name: `screenshot-${index}.png`, mediaType: 'image/png', size: image.size }];
    evidence.push({ ...item, contentHash: await evidenceContentHash(item) });
    const mapped = new Set<string>();
    for (let count = 0; count < 2; count++) mapped.add(pick(points));
    for (const markingPointId of mapped) {
      mappings.push({ id: `bench-map-${mappings.length}`, portfolioId, evidenceId: item.id, markingPointId, locator: { kind: 'paragraph', paragraph: 1 }, justification: 'Shows the marking point.', createdAt: now });
    }
  }
  return { portfolio, evidence, mappings, images };
}

/** Writes the rows into the app's own database (created by the app at start-up), in batches. */
export async function seedEvidenceDatabase(page: Page, seed: EvidenceSeed): Promise<void> {
  const put = async (store: string, rows: unknown[]): Promise<void> => {
    await page.evaluate(
      async ({ store: name, rows: batch }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('portfolio-builder');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        await new Promise<void>((resolve, reject) => {
          const transaction = db.transaction(name, 'readwrite');
          const table = transaction.objectStore(name);
          for (const row of batch) {
            // Attachments travel as base64 and are stored as Blobs, as the app stores them.
            if (row !== null && typeof row === 'object' && 'base64' in row && typeof row.base64 === 'string') {
              const { base64, ...rest } = row;
              table.put({ ...rest, blob: new Blob([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], { type: 'image/png' }) });
            } else table.put(row);
          }
          transaction.oncomplete = () => resolve();
          transaction.onerror = () => reject(transaction.error);
        });
        db.close();
      },
      { store, rows },
    );
  };
  const batches = <T>(rows: T[], size: number): T[][] => Array.from({ length: Math.ceil(rows.length / size) }, (_, index) => rows.slice(index * size, (index + 1) * size));
  await put('portfolios', [seed.portfolio]);
  await put('settings', [{ key: 'currentPortfolioId', value: seed.portfolio.id }]);
  for (const batch of batches(seed.evidence, 1_000)) await put(SCOPED_STORES.evidence, batch);
  for (const batch of batches(seed.mappings, 2_500)) await put(SCOPED_STORES.mappings, batch);
  for (const batch of batches(seed.images, 250)) await put('attachments', batch.map((image) => ({ portfolioId: seed.portfolio.id, sha256: image.sha256, mediaType: 'image/png', size: image.size, base64: image.base64 })));
}

