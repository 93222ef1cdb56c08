/**
 * Benchmark: validating a large `.portfolio` package with the real reader (node:crypto SHA-256,
 * zlib CRC-32), beside the I/O floor measured in the same run on the same file: `sha256sum`
 * (read + hash, the least any full check can cost) and `cat > /dev/null` (read only).
 *
 * Goals: validation within 1.5x of the sha256sum floor; peak RSS under 300 MB at any size.
 * Size from BENCH_PACKAGE_MB (default 1024). The package is built in a temp folder (which is
 * removed afterwards) from pseudo-random, incompressible attachments: recordings, photos, scans.
 *
 * Run alone: `npx tsx bench/package-validate.ts`; or through bench/run.ts via `run()`.
 * BENCH_KEEP=1 keeps the temp folder (and prints where it is) for profiling.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { openPackageFile, writePackageFile } from '../cli/package-file';
import type { PackageManifest } from '../core/package/manifest';
import type { AttachmentPayload } from '../core/package/writer';

const run$ = promisify(execFile);
const MiB = 1024 * 1024;
const CHUNK = 4 * MiB;
const GOAL_RATIO = 1.5;
const GOAL_RSS_MB = 300;
const AT = '2026-11-22T10:15:00.000Z';

/** Attachment sizes repeating through the package: one recording, four photos, eight scans. */
const PATTERN = [48 * MiB, 3 * MiB, 3 * MiB, 3 * MiB, 3 * MiB, 200 * 1024, 200 * 1024, 200 * 1024, 200 * 1024, 200 * 1024, 200 * 1024, 200 * 1024, 200 * 1024];

function xorshiftBlock(length: number, seed: number): Uint8Array {
  const words = new Uint32Array(length / 4);
  let x = seed >>> 0 || 1;
  for (let index = 0; index < words.length; index++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[index] = x >>> 0;
  }
  return new Uint8Array(words.buffer);
}

const BASE = xorshiftBlock(CHUNK, 2026);

/** The bytes of attachment `index`: the random base block, stamped so every chunk differs. */
async function* attachmentChunks(index: number, size: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0, chunkNumber = 0; offset < size; offset += CHUNK, chunkNumber++) {
    const chunk = BASE.slice(0, Math.min(CHUNK, size - offset));
    const view = new DataView(chunk.buffer);
    for (let at = 0; at + 8 <= chunk.byteLength; at += 4096) {
      view.setUint32(at, index, true);
      view.setUint32(at + 4, chunkNumber, true);
    }
    yield chunk;
  }
}

async function buildPackage(path: string, totalBytes: number): Promise<{ attachments: number; seconds: number }> {
  const sizes: number[] = [];
  for (let sum = 0; sum < totalBytes; ) {
    const size = Math.min(PATTERN[sizes.length % PATTERN.length] as number, totalBytes - sum);
    sizes.push(size);
    sum += size;
  }
  const payloads: AttachmentPayload[] = [];
  for (const [index, size] of sizes.entries()) {
    const hash = createHash('sha256');
    for await (const chunk of attachmentChunks(index, size)) hash.update(chunk);
    payloads.push({ sha256: hash.digest('hex'), size, chunks: () => attachmentChunks(index, size) });
  }
  const manifest = benchManifest(payloads);
  const started = performance.now();
  await writePackageFile(path, manifest, payloads);
  return { attachments: payloads.length, seconds: (performance.now() - started) / 1000 };
}

function benchManifest(payloads: readonly AttachmentPayload[]): PackageManifest {
  const portfolioId = 'bench-portfolio';
  const perItem = 10;
  const evidenceCount = Math.ceil(payloads.length / perItem);
  return {
    format: 'portfolio-package/1',
    exportedAt: AT,
    generator: { name: 'bench/package-validate', version: '1' },
    portfolio: {
      id: portfolioId,
      learner: { name: 'Bench Learner' },
      centre: { name: 'Bench Centre' },
      qualificationId: 'bench-spec',
      qualificationVersion: '1',
      createdAt: AT,
      updatedAt: AT,
    },
    qualification: {
      format: 'portfolio-qualification/1',
      id: 'bench-spec',
      title: 'Benchmark qualification',
      awardingBody: 'Bench',
      version: '1',
      units: [{ id: 'U1', title: 'Unit', learningOutcomes: [{ id: 'U1.LO1', title: 'Outcome', markingPoints: [{ id: 'U1.1.1', text: 'Point' }] }] }],
    },
    evidence: Array.from({ length: evidenceCount }, (_, item) => ({
      id: `ev-${item}`,
      portfolioId,
      type: 'work-product' as const,
      title: `Evidence ${item}`,
      activityDate: '2026-11-01',
      narrative: 'Benchmark evidence.',
      legislation: [],
      tags: [],
      details: { type: 'work-product' as const },
      attachments: payloads.slice(item * perItem, (item + 1) * perItem).map((payload, n) => ({ sha256: payload.sha256, name: `file-${n}.bin`, mediaType: 'application/octet-stream', size: payload.size })),
      createdAt: AT,
      updatedAt: AT,
    })),
    mappings: [],
    decisions: [],
    signOffs: [],
    iqaSamples: [],
    declarations: [],
    actionPlan: [],
    comments: [],
    audit: [],
    attachments: payloads.map((payload) => ({ sha256: payload.sha256, size: payload.size, mediaType: 'application/octet-stream' })),
  };
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return (performance.now() - started) / 1000;
}

/** Samples RSS every 10 ms while `action` runs; returns the seconds taken and the peak seen. */
async function withRssSampling(action: () => Promise<void>): Promise<{ seconds: number; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 10);
  try {
    const seconds = await timed(action);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return { seconds, peakRss };
  } finally {
    clearInterval(timer);
  }
}

export async function run(): Promise<void> {
  const sizeMb = Number(process.env.BENCH_PACKAGE_MB ?? 1024);
  if (!Number.isFinite(sizeMb) || sizeMb <= 0) throw new Error('BENCH_PACKAGE_MB must be a positive number of megabytes.');
  const folder = await mkdtemp(join(tmpdir(), 'bench-package-'));
  try {
    const path = join(folder, 'bench.portfolio');
    const built = await buildPackage(path, Math.round(sizeMb * MiB));
    const fileBytes = (await stat(path)).size;
    const mb = fileBytes / 1e6;

    const rssBefore = process.memoryUsage().rss / 1e6;
    // Alternate floor and validation, twice each, and keep the best of each: the machine may be busy.
    const floor: number[] = [];
    const readOnly: number[] = [];
    const validation: Array<{ seconds: number; peakRss: number }> = [];
    let summary = '';
    for (let round = 0; round < 2; round++) {
      readOnly.push(await timed(() => run$('sh', ['-c', 'cat "$1" > /dev/null', 'cat', path])));
      floor.push(await timed(() => run$('sha256sum', [path])));
      validation.push(
        await withRssSampling(async () => {
          const opened = await openPackageFile(path);
          summary = `${opened.manifest.attachments.length} attachments, ${opened.manifest.evidence.length} evidence items`;
          await opened.close();
        }),
      );
    }
    const best = (values: number[]): number => Math.min(...values);
    const floorSeconds = best(floor);
    const validateSeconds = best(validation.map((entry) => entry.seconds));
    const peakRssMb = Math.max(...validation.map((entry) => entry.peakRss)) / 1e6;
    const maxRssMb = (process.resourceUsage().maxRSS * 1024) / 1e6;
    const ratio = validateSeconds / floorSeconds;
    const row = (what: string, seconds: number): string => `  ${what.padEnd(38)}${seconds.toFixed(2).padStart(8)}${(mb / seconds).toFixed(0).padStart(9)}`;
    console.log(
      [
        `Package validation: ${mb.toFixed(0)} MB package (${summary}; built with ${built.attachments} attachments)`,
        `  ${'what (best of 2)'.padEnd(38)}${'seconds'.padStart(8)}${'MB/s'.padStart(9)}`,
        row('cat > /dev/null (read only)', best(readOnly)),
        row('sha256sum (I/O floor)', floorSeconds),
        row('validate-package (reader, node:crypto)', validateSeconds),
        row('write (writePackageFile, once)', built.seconds),
        `  validation takes ${ratio.toFixed(2)}x the sha256sum floor; goal at most ${GOAL_RATIO}x: ${ratio <= GOAL_RATIO ? 'met' : 'NOT met'}`,
        `  peak RSS sampled during validation ${peakRssMb.toFixed(0)} MB (${rssBefore.toFixed(0)} MB before it; whole process, building included: ${maxRssMb.toFixed(0)} MB); goal under ${GOAL_RSS_MB} MB: ${peakRssMb < GOAL_RSS_MB ? 'met' : 'NOT met'}`,
      ].join('\n'),
    );
  } finally {
    if (process.env.BENCH_KEEP === undefined) await rm(folder, { recursive: true, force: true });
    else console.log(`kept ${folder}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
