/**
 * `npm run bench [-- name …]`: runs the benchmarks, each printing its figures beside a
 * baseline measured in the same run. Goals are checked here, by people reading the
 * figures, never by timed assertions in tests.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BENCHMARKS: Record<string, { file: string; what: string }> = {
  coverage: { file: 'coverage-matrix.ts', what: 'coverage matrix: 10,000 items × 500 marking points × 50,000 mappings, vs a nested-loop baseline' },
  package: { file: 'package-validate.ts', what: 'package validation of a 1 GB package: MB/s and peak RSS vs sha256sum (the I/O floor)' },
  manifest: { file: 'manifest-validate.ts', what: 'manifests up to 64 MiB, genuine and hostile: seconds and peak RSS vs JSON.parse of the same bytes' },
  pdf: { file: 'pdf-export.ts', what: 'PDF export of 300 items with 200 images (≈150 MB and ≈600 MB) vs Chromium print-to-PDF and the I/O floor' },
  evidence: { file: 'evidence-open-search.ts', what: 'opening a 5,000-item portfolio and searching it in Chromium vs raw IndexedDB reads' },
  matrix: { file: 'matrix-scroll.ts', what: 'frame times scrolling the 500 × 5,000 matrix in Chromium vs a plain scrolling baseline' },
};

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = wanted.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}. Choose from: ${Object.keys(BENCHMARKS).join(', ')}.`);
  process.exit(2);
}

let failures = 0;
for (const [name, { file, what }] of Object.entries(BENCHMARKS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const path = join(import.meta.dirname, file);
  console.log(`\n=== ${name}: ${what}`);
  if (!existsSync(path)) {
    console.log(`(not present: ${file})`);
    failures++;
    continue;
  }
  try {
    const module = (await import(path)) as { run?: () => Promise<void> };
    if (typeof module.run !== 'function') throw new Error(`${file} does not export run()`);
    await module.run();
  } catch (error) {
    failures++;
    console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = failures > 0 ? 1 : 0;
