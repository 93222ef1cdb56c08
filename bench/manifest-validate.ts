/**
 * Benchmark: validating `manifest.json` of packages up to the 64 MiB limit, genuine and
 * hostile, with the real reader (openPackageFile: unpack, structural pre-pass, JSON, schema,
 * cross-references). Baseline, measured in the same run on the same bytes: JSON.parse of the
 * manifest alone (read from a plain file), which is what any reader must at least do and what
 * the reader did, unguarded, before the pre-pass.
 *
 * Goal (CONTRACTS.md §2, issue 12): any manifest up to 64 MiB refused or accepted in under 5 s
 * and 300 MB. Each measurement runs in a fresh Node process, so one case's garbage cannot flatter
 * or spoil another's. "peak" is that whole process's peak RSS, sampled every 5 ms and checked
 * against the kernel's maxRSS; "idle" is its RSS just before the work (Node, tsx and the loaded
 * modules, about 85 MB); the goal is judged on what the work itself takes, peak minus idle.
 *
 * Run alone: `npx tsx bench/manifest-validate.ts`; or through bench/run.ts via `run()`.
 * BENCH_MANIFEST_CASES=genuine,hostile-braces picks cases by name prefix; BENCH_KEEP=1 keeps the files.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import { openPackageFile } from '../cli/package-file';
import type { PackageManifest } from '../core/package/manifest';
import { builtinSpec } from '../core/spec/builtin';
import { spacedList, xorshift } from '../test/unit/package/hostile-manifests';
import { type ForgeEntry, forgeZip } from '../test/unit/package/zip-forge';

const run$ = promisify(execFile);
const MiB = 1024 * 1024;
const MANIFEST_LIMIT = 64 * MiB;
const GOAL_SECONDS = 5;
const GOAL_MB = 300;
const AT = '2026-11-22T10:15:00.000Z';

// ---------------------------------------------------------------------------------------------
// Cases

interface Case {
  name: string;
  what: string;
  /** The manifest's text. */
  build: () => string;
}

function baseManifest(): PackageManifest {
  const spec = builtinSpec();
  const portfolioId = randomUUID();
  return {
    format: 'portfolio-package/1',
    exportedAt: AT,
    generator: { name: 'bench/manifest-validate', version: '1' },
    portfolio: { id: portfolioId, learner: { name: 'Bench Learner', number: 'L-1' }, centre: { name: 'Bench Centre' }, qualificationId: spec.id, qualificationVersion: spec.version, createdAt: AT, updatedAt: AT },
    qualification: spec,
    evidence: [],
    mappings: [],
    decisions: [],
    signOffs: [],
    iqaSamples: [],
    declarations: [],
    actionPlan: [],
    comments: [],
    audit: [],
    attachments: [],
  };
}

const HOLE = '"__HOLE__"';

/** A genuine manifest's text with the value at one place replaced by raw JSON text. */
function withHole(place: (manifest: PackageManifest) => void, hostile: string): string {
  const manifest = baseManifest();
  place(manifest);
  const text = JSON.stringify(manifest);
  const at = text.indexOf(HOLE);
  return text.slice(0, at) + hostile + text.slice(at + HOLE.length);
}

/**
 * A genuine portfolio that fills the 64 MiB limit: evidence items with narratives (UUID ids, as
 * the app writes them), each mapped to marking points with locators and carrying audit entries.
 * `dense` makes the items as small as the schema allows, for the most objects per megabyte.
 */
function genuineManifest(dense: boolean): string {
  const manifest = baseManifest();
  const portfolioId = manifest.portfolio.id;
  const points = manifest.qualification.units.flatMap((unit) => unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => point.id)));
  const narrative = dense ? '' : 'I dealt with a customer who had been charged twice. I listened, apologised and checked the account, then refunded the second payment and explained what had happened. '.repeat(3);
  let size = JSON.stringify(manifest).length;
  for (let index = 0; size < MANIFEST_LIMIT - 4096 && manifest.evidence.length < 100_000; index++) {
    const id = randomUUID();
    const item = {
      id,
      portfolioId,
      type: 'work-product' as const,
      title: dense ? 'E' : `Evidence item ${index + 1}: refund handled at first contact`,
      activityDate: '2026-11-01',
      narrative,
      legislation: dense ? [] : ['Consumer Rights Act 2015'],
      tags: dense ? [] : ['complaint', 'reactive'],
      details: { type: 'work-product' as const },
      attachments: [],
      createdAt: AT,
      updatedAt: AT,
    };
    const mappings = [0, 1].map((n) => ({ id: randomUUID(), portfolioId, evidenceId: id, markingPointId: points[(index + n) % points.length] as string, locator: { kind: 'paragraph' as const, paragraph: 1 + n }, createdAt: AT }));
    const audit = [0, 1].map((n) => ({ id: randomUUID(), portfolioId, at: AT, actor: 'Bench Learner', action: n === 0 ? ('create' as const) : ('update' as const), entity: 'evidence' as const, entityId: id, summary: n === 0 ? 'Created the evidence item.' : 'Changed the narrative.' }));
    const added = JSON.stringify(item).length + mappings.reduce((sum, m) => sum + JSON.stringify(m).length + 1, 0) + audit.reduce((sum, a) => sum + JSON.stringify(a).length + 1, 0) + 1;
    if (size + added > MANIFEST_LIMIT - 4096) break;
    manifest.evidence.push(item);
    manifest.mappings.push(...mappings);
    manifest.audit.push(...audit);
    size += added;
  }
  // A dense portfolio at 100,000 items (the schema's limit) fills the rest with mappings.
  for (let index = 0; dense && size < MANIFEST_LIMIT - 4096; index++) {
    const mapping = { id: randomUUID(), portfolioId, evidenceId: manifest.evidence[index % manifest.evidence.length]?.id ?? '', markingPointId: points[index % points.length] as string, locator: { kind: 'page' as const, page: 1 }, createdAt: AT };
    size += JSON.stringify(mapping).length + 1;
    manifest.mappings.push(mapping);
  }
  return JSON.stringify(manifest);
}

function randomLetters(count: number): string {
  const next = xorshift(5);
  const bytes = new Uint8Array(count);
  for (let index = 0; index < count; index++) bytes[index] = 97 + (next() % 26);
  return new TextDecoder().decode(bytes);
}

const CASES: Case[] = [
  { name: 'genuine-typical', what: 'genuine, ~64 MiB: evidence with narratives, mappings, audit', build: () => genuineManifest(false) },
  { name: 'genuine-dense', what: 'genuine, ~64 MiB: 100,000 minimal items, then mappings', build: () => genuineManifest(true) },
  { name: 'hostile-braces-17', what: 'hostile: 17 MiB of {} items in /evidence (issue 12)', build: () => withHole((m) => Object.assign(m, { evidence: '__HOLE__' }), spacedList('{}', Math.floor((17 * MiB) / 4))) },
  { name: 'hostile-braces-64', what: 'hostile: 15 million {} in lists of 270,000 (62 MiB)', build: () => withHole((m) => Object.assign(m, { audit: '__HOLE__' }), `[${Array.from({ length: 55 }, (_, n) => spacedList('{}', 270_000, n + 1)).join(',')}]`) },
  { name: 'hostile-empty-500k', what: 'hostile: 500,000 empty objects in /audit (schema errors)', build: () => withHole((m) => Object.assign(m, { audit: '__HOLE__' }), spacedList('{}', 500_000)) },
  { name: 'hostile-objects-1.4m', what: 'hostile: 1,400,000 {"a":1} in 2 lists, padded to 64 MiB', build: () => withHole((m) => Object.assign(m, { audit: '__HOLE__', comments: '__HOLE__' }), spacedList('{"a":1}', 700_000)).replace(HOLE, spacedList(`{"a":1}${' '.repeat(70)}`, 700_000, 9)) },
  { name: 'hostile-x-500k', what: 'hostile: 500,000 empty objects in an x- field', build: () => withHole((m) => Object.assign(m.qualification, { 'x-padding': '__HOLE__' }), spacedList('{}', 500_000)) },
  { name: 'hostile-deep', what: 'hostile: 31 MiB of [ then of ] (nesting 32 million deep)', build: () => withHole((m) => Object.assign(m.qualification, { 'x-deep': '__HOLE__' }), `${'['.repeat(31 * MiB)}${']'.repeat(31 * MiB)}`) },
  { name: 'hostile-string', what: 'hostile: a 60 MiB text in /portfolio/learner/name', build: () => withHole((m) => Object.assign(m.portfolio.learner, { name: '__HOLE__' }), `"${randomLetters(60 * MiB)}"`) },
  { name: 'hostile-keys', what: 'hostile: one object with 4,000,000 fields', build: () => withHole((m) => Object.assign(m, { portfolio: '__HOLE__' }), `{${Array.from({ length: 4_000_000 }, (_, n) => `"k${n.toString(36)}":${n % 10}`).join(',')}}`) },
  { name: 'hostile-numbers', what: 'hostile: 18,900,000 zeros in lists of 900,000', build: () => withHole((m) => Object.assign(m, { audit: '__HOLE__' }), `[${Array.from({ length: 21 }, (_, n) => spacedList('0', 900_000, n + 3)).join(',')}]`) },
];

// ---------------------------------------------------------------------------------------------
// Measuring, in a child process

interface Measurement {
  seconds: number;
  idleMb: number;
  peakMb: number;
  outcome: string;
}

async function measureHere(mode: string, path: string): Promise<Measurement> {
  const idle = process.memoryUsage().rss;
  let peak = idle;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const started = performance.now();
  let outcome: string;
  try {
    if (mode === 'parse') {
      const value: unknown = JSON.parse(await readFile(path, 'utf8'));
      outcome = typeof value === 'object' && value !== null ? 'parsed' : 'parsed (not an object)';
    } else {
      const opened = await openPackageFile(path);
      outcome = `accepted (${opened.manifest.evidence.length.toLocaleString('en-GB')} items, ${opened.manifest.mappings.length.toLocaleString('en-GB')} mappings)`;
      await opened.close();
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    outcome = `refused: ${message.replace(/^[^:]*\.portfolio: /, '').split('\n')[0] ?? ''}`;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  return { seconds, idleMb: idle / 1e6, peakMb: peak / 1e6, outcome };
}

async function measureInChild(mode: 'validate' | 'parse', path: string): Promise<Measurement> {
  try {
    // A baseline that runs out of memory says so rather than taking the machine with it.
    const { stdout } = await run$(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, path], { maxBuffer: 1024 * 1024, timeout: 300_000 });
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Measurement;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return { seconds: Number.NaN, idleMb: Number.NaN, peakMb: Number.NaN, outcome: /heap out of memory|ERR_STRING_TOO_LONG|Invalid string length/i.test(text) ? 'ran out of memory' : `failed: ${text.split('\n')[0] ?? ''}` };
  }
}

// ---------------------------------------------------------------------------------------------

export async function run(): Promise<void> {
  const wanted = (process.env.BENCH_MANIFEST_CASES ?? '').split(',').filter((name) => name !== '');
  const cases = CASES.filter((entry) => wanted.length === 0 || wanted.some((prefix) => entry.name.startsWith(prefix)));
  const folder = await mkdtemp(join(tmpdir(), 'bench-manifest-'));
  const rows: string[] = [];
  let isGoalMet = true;
  try {
    for (const entry of cases) {
      const text = entry.build();
      const bytes = new TextEncoder().encode(text);
      const manifestPath = join(folder, `${entry.name}.json`);
      const packagePath = join(folder, `${entry.name}.portfolio`);
      await writeFile(manifestPath, bytes);
      // Deflated as an attacker would, unless that breaks the 200:1 rule: then stored.
      const deflated = new Uint8Array(deflateRawSync(bytes, { level: 6 }));
      const isWithinRatio = bytes.byteLength <= MiB || bytes.byteLength <= deflated.byteLength * 200;
      const manifestEntry: ForgeEntry = isWithinRatio ? { name: 'manifest.json', data: bytes, method: 8, deflated } : { name: 'manifest.json', data: bytes };
      const zip = forgeZip([manifestEntry]);
      await writeFile(packagePath, zip);
      const validation = await measureInChild('validate', packagePath);
      const baseline = await measureInChild('parse', manifestPath);
      const meets = validation.seconds < GOAL_SECONDS && validation.peakMb - validation.idleMb < GOAL_MB;
      isGoalMet &&= meets;
      const seconds = (value: number): string => (Number.isFinite(value) ? value.toFixed(2) : '—').padStart(7);
      const mb = (value: number): string => (Number.isFinite(value) ? value.toFixed(0) : '—').padStart(6);
      rows.push(
        `  ${entry.name.padEnd(20)}${(bytes.byteLength / MiB).toFixed(1).padStart(6)}${(zip.byteLength / MiB).toFixed(1).padStart(7)}  ${seconds(validation.seconds)}${mb(validation.peakMb)}${mb(validation.peakMb - validation.idleMb)}  ${seconds(baseline.seconds)}${mb(baseline.peakMb)}${mb(baseline.peakMb - baseline.idleMb)}  ${meets ? 'met' : 'NOT met'}`,
        `      ${entry.what}`,
        `      validate: ${validation.outcome.slice(0, 150)}`,
        `      JSON.parse alone: ${baseline.outcome.slice(0, 150)}`,
      );
    }
    console.log(
      [
        `Manifest validation, each case in a fresh process (goal: under ${GOAL_SECONDS} s and ${GOAL_MB} MB taken, peak minus idle RSS)`,
        `  ${'case'.padEnd(20)}${'MiB'.padStart(6)}${'zip'.padStart(7)}  ${'valid s'.padStart(7)}${'peak'.padStart(6)}${'taken'.padStart(6)}  ${'parse s'.padStart(7)}${'peak'.padStart(6)}${'taken'.padStart(6)}  goal`,
        ...rows,
        `  every case within ${GOAL_SECONDS} s and ${GOAL_MB} MB: ${isGoalMet ? 'met' : 'NOT met'} (peak is the whole process's RSS in MB, taken is peak minus idle; the baseline is JSON.parse of the same manifest bytes, from a plain file)`,
      ].join('\n'),
    );
  } finally {
    if (process.env.BENCH_KEEP === undefined) await rm(folder, { recursive: true, force: true });
    else console.log(`kept ${folder}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) {
    const [mode, path] = process.argv.slice(childAt + 1);
    void measureHere(mode ?? '', path ?? '').then((measurement) => console.log(JSON.stringify(measurement)));
  } else {
    run().catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    });
  }
}
