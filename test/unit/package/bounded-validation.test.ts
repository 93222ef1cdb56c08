/**
 * Bounded validation (CONTRACTS.md §2, issue 12 item 1): manifests built to exhaust time or
 * memory are refused before JSON.parse or ajv can build what they describe, each with a clear
 * message saying what is wrong and where. How long they take and how much memory is measured
 * in bench/manifest-validate.ts, not asserted here.
 */
import { describe, expect, it } from 'vitest';
import validatePackageSchema from '../../../core/generated/portfolio-package-validator.js';
import { memoryByteSource } from '../../../core/package/byte-io';
import { MANIFEST_STRUCTURE_LIMITS, scanManifest } from '../../../core/package/manifest-structure';
import { parseManifestBytes } from '../../../core/package/manifest-validation';
import { readPackage } from '../../../core/package/reader';
import { MAX_LISTED_PROBLEMS, formatProblem, type Problem } from '../../../core/problems';
import { nodeCrc32, nodeSha256Hasher } from '../../../cli/package-file';
import { PORTFOLIO_ID, sampleManifest } from './fixtures';
import { spacedList, xorshift } from './hostile-manifests';
import { deflate, forgeZip } from './zip-forge';

const MiB = 1024 * 1024;
const encoder = new TextEncoder();
const HOLE = '"__HOLE__"';

/** The structural pre-pass alone, on text. */
function manifestStructureProblem(text: string): Problem | undefined {
  const scan = scanManifest(encoder.encode(text));
  return scan.ok ? undefined : scan.problem;
}

/** A valid manifest's text with the value at one place replaced by `hostile` (raw JSON text). */
function manifestWith(place: (manifest: ReturnType<typeof sampleManifest>) => void, hostile: string): string {
  const manifest = sampleManifest([]);
  place(manifest);
  const text = JSON.stringify(manifest);
  const at = text.indexOf(HOLE);
  if (at < 0) throw new Error('fixture: no hole');
  return text.slice(0, at) + hostile + text.slice(at + HOLE.length);
}

/** A package around manifest text: deflated as an attacker would, or stored where deflate would break the 200:1 rule. */
function packageOf(text: string): Uint8Array {
  const data = encoder.encode(text);
  const packed = deflate(data);
  const isWithinRatio = data.byteLength <= MiB || data.byteLength <= packed.byteLength * 200;
  return forgeZip([isWithinRatio ? { name: 'manifest.json', data, method: 8, deflated: packed } : { name: 'manifest.json', data }]);
}

async function refusal(bytes: Uint8Array): Promise<Problem[]> {
  const result = await readPackage(memoryByteSource(bytes), { createHasher: nodeSha256Hasher, crc32: nodeCrc32 });
  if (result.ok) throw new Error('The package was accepted but should have been refused.');
  for (const problem of result.problems) expect(problem.message).not.toMatch(/\bat .*\.[jt]s:\d+|RangeError|heap/);
  return result.problems;
}

function joined(problems: Problem[]): string {
  return problems.map(formatProblem).join('\n');
}

describe('hostile manifests are refused within the structural limits', () => {
  it('refuses 17 MiB of {} items (deflated under the 200:1 rule) before parsing them', async () => {
    const items = spacedList('{}', Math.floor((17 * MiB) / 4));
    const text = manifestWith((manifest) => Object.assign(manifest, { evidence: '__HOLE__' }), items);
    expect(text.length).toBeGreaterThan(17 * MiB);
    const bytes = packageOf(text);
    expect(bytes.byteLength).toBeLessThan(4 * MiB);
    const problems = await refusal(bytes);
    expect(problems).toHaveLength(1);
    expect(joined(problems)).toBe('manifest.json: The list at /evidence of manifest.json has more than 1,000,000 entries; no list in a portfolio is that long.');
  });

  it('refuses 17 MiB of {} spread over several lists, each short enough, by counting every object and list', async () => {
    const items = spacedList('{}', 800_000);
    const text = manifestWith((manifest) => Object.assign(manifest, { evidence: '__HOLE__', mappings: '__HOLE__' }), items).replace(HOLE, items);
    const problems = await refusal(packageOf(text));
    expect(joined(problems)).toMatch(/^manifest\.json: manifest\.json holds more than 1,500,000 objects and lists; no portfolio holds that many, so the file is damaged or was made to exhaust memory \(the limit was passed at \/mappings\/699\d{3}\)\.$/);
  });

  it('refuses nesting a million levels deep, naming where', async () => {
    const depth = 1_000_000;
    const text = manifestWith((manifest) => Object.assign(manifest.qualification, { 'x-deep': '__HOLE__' }), `${'['.repeat(depth)}${']'.repeat(depth)}`);
    const problems = await refusal(packageOf(text));
    expect(joined(problems)).toMatch(/^manifest\.json: manifest\.json is nested more than 72 levels deep \(at \/qualification\/x-deep\/0\/0\/.*\); a portfolio never needs that\.$/);
  });

  it('refuses a huge text (16 MiB in the learner’s name), saying how long and where', async () => {
    const next = xorshift(3);
    const letters = new Uint8Array(16 * MiB);
    for (let index = 0; index < letters.length; index++) letters[index] = 97 + (next() % 26);
    const text = manifestWith((manifest) => Object.assign(manifest.portfolio.learner, { name: '__HOLE__' }), `"${new TextDecoder().decode(letters)}"`);
    const problems = await refusal(packageOf(text));
    expect(joined(problems)).toBe('manifest.json: manifest.json holds a text of 16 MiB (16,777,216 bytes) at /portfolio/learner/name; no text in a portfolio is longer than 4 MiB (4,194,304 bytes).');
  });

  it('refuses a huge field name', () => {
    const problem = manifestStructureProblem(`{"portfolio":{"${'k'.repeat(5_000_000)}":1}}`);
    expect(problem?.message).toMatch(/^manifest\.json holds a field name of 4\.8 MiB \(5,000,000 bytes\) at \/portfolio\//);
  });

  it('refuses 500,000 empty objects in the audit trail through the schema, with errors capped as they are built', async () => {
    const text = manifestWith((manifest) => Object.assign(manifest, { audit: '__HOLE__' }), spacedList('{}', 500_000));
    const problems = await refusal(packageOf(text));
    expect(problems[0]).toEqual({ path: 'manifest.json', message: 'manifest.json does not follow the package format; the problems are listed below.' });
    expect(problems[1]?.path).toMatch(/^\/audit\/0/);
    expect(problems.length).toBeLessThanOrEqual(MAX_LISTED_PROBLEMS + 2);
    expect(problems.at(-1)).toEqual({ path: '', message: expect.stringMatching(/^…and more problems not listed: checking stopped after the first [\d,]+\. Fix these first\.$/) as unknown as string });
  });

  it('refuses 500,000 empty objects hidden in an "x-" field of the specification, which the schema would let through', async () => {
    const text = manifestWith((manifest) => Object.assign(manifest.qualification, { 'x-padding': '__HOLE__' }), spacedList('{}', 500_000));
    const problems = await refusal(packageOf(text));
    expect(joined(problems)).toBe(
      'manifest.json: The "x-" fields of manifest.json (extra fields that are kept but ignored) hold more than 100,000 values (the limit was passed at /qualification/x-padding/99999); a specification\'s extra fields never need that many.',
    );
  });

  it('counts "x-" fields whose names are written with escapes', () => {
    const problem = manifestStructureProblem(`{"qualification":{"\\u0078\\u002dpad":${spacedList('0', 100_001)}}}`);
    expect(problem?.message).toMatch(/"x-" fields of manifest\.json/);
  });

  it('refuses an object with 200,000 fields, naming the object', async () => {
    const fields = Array.from({ length: 200_000 }, (_, index) => `"f${index}":0`).join(',');
    const text = manifestWith((manifest) => Object.assign(manifest, { portfolio: '__HOLE__' }), `{${fields}}`);
    const problems = await refusal(packageOf(text));
    expect(joined(problems)).toBe('manifest.json: The object at /portfolio of manifest.json has more than 10,000 fields; no object in a portfolio has that many.');
  });

  it('refuses a list longer than any a portfolio holds', () => {
    const problem = manifestStructureProblem(`{"audit":${spacedList('0', 1_000_001)}}`);
    expect(problem?.message).toBe('The list at /audit of manifest.json has more than 1,000,000 entries; no list in a portfolio is that long.');
  });

  it('refuses more values than any portfolio holds (numbers in many lists)', () => {
    const list = spacedList('0', 900_000);
    const problem = manifestStructureProblem(`{"a":${list},"b":${list},"c":${list},"d":${list},"e":${list},"f":${list},"g":${list}}`);
    expect(problem?.message).toMatch(/^manifest\.json holds more than 6,000,000 values \(texts, numbers, objects and lists\); .* \(the limit was passed at \/g\/59999[0-9]\)\.$/);
  });

  it('refuses a number thousands of digits long', () => {
    expect(manifestStructureProblem(`{"evidence":[{"size":${'9'.repeat(5000)}}]}`)?.message).toBe(
      'manifest.json holds a number (or other bare value) of 5,000 characters at /evidence/0/size; numbers in a portfolio are short.',
    );
  });
});

describe('the limits leave genuine manifests alone', () => {
  it('accepts exactly the limits: 72 levels, 10,000 fields, 4 MiB of text', () => {
    expect(manifestStructureProblem(`{"qualification":{"x-deep":${'['.repeat(70)}${']'.repeat(70)}}}`)).toBeUndefined();
    expect(manifestStructureProblem(`{"qualification":{"x-deep":${'['.repeat(71)}${']'.repeat(71)}}}`)?.message).toMatch(/nested more than 72 levels/);
    const fields = Array.from({ length: MANIFEST_STRUCTURE_LIMITS.objectFields }, (_, index) => `"f${index}":0`).join(',');
    expect(manifestStructureProblem(`{"portfolio":{${fields}}}`)).toBeUndefined();
    expect(manifestStructureProblem(`{"narrative":"${'é'.repeat(MANIFEST_STRUCTURE_LIMITS.textBytes / 2)}"}`)).toBeUndefined();
    expect(manifestStructureProblem(`{"narrative":"${'é'.repeat(MANIFEST_STRUCTURE_LIMITS.textBytes / 2)}a"}`)?.message).toMatch(/holds a text of 4 MiB \(4,194,305 bytes\) at \/narrative/);
  });

  it('is not fooled by quotes, brackets and backslashes inside texts', () => {
    const tricky = JSON.stringify({ a: '{[{[{[ "quoted" \\ \\\\" ]}]}', b: ['\\', '\\\\', '"', '\\"'], c: { 'x-d': '\\u0000' } });
    expect(manifestStructureProblem(tricky)).toBeUndefined();
    // A text that ends in backslashes still ends at its quote: the brackets after it count.
    const deep = `{"a":"\\\\\\\\",${'"b":{'.repeat(80)}${'}'.repeat(80)}}`;
    expect(manifestStructureProblem(deep)?.message).toMatch(/nested more than 72 levels deep \(at \/b\/b\//);
  });

  it('accepts a large genuine portfolio: 5,000 evidence items, 20,000 mappings, 20,000 audit entries', () => {
    const manifest = sampleManifest([]);
    const template = manifest.evidence[0];
    if (template === undefined) throw new Error('fixture');
    const at = '2026-11-22T10:15:00.000Z';
    manifest.evidence = Array.from({ length: 5000 }, (_, index) => ({ ...template, id: `ev-big-${index}`, title: `Evidence ${index}` }));
    manifest.mappings = Array.from({ length: 20_000 }, (_, index) => ({ id: `map-big-${index}`, portfolioId: PORTFOLIO_ID, evidenceId: `ev-big-${index % 5000}`, markingPointId: 'CS1.1.1', locator: { kind: 'page' as const, page: 1 + (index % 40) }, createdAt: at }));
    manifest.audit = Array.from({ length: 20_000 }, (_, index) => ({ id: `aud-big-${index}`, portfolioId: PORTFOLIO_ID, at, actor: 'Rhian Llŷr', action: 'update' as const, entity: 'evidence' as const, entityId: `ev-big-${index % 5000}`, summary: 'Changed the narrative.' }));
    manifest.decisions = [];
    manifest.signOffs = [];
    manifest.iqaSamples = [];
    manifest.comments = [];
    const result = parseManifestBytes(encoder.encode(JSON.stringify(manifest)));
    expect(result.ok ? 'accepted' : joined(result.problems.slice(0, 5))).toBe('accepted');
  });
});

describe('the generated schema validator caps errors while it builds them', () => {
  it('stops at its cap on a million empty audit entries instead of building eight million errors', () => {
    const manifest = { ...sampleManifest([]), audit: Array.from({ length: 1_000_000 }, () => ({})) };
    expect(validatePackageSchema(manifest)).toBe(false);
    expect(validatePackageSchema.isCapped).toBe(true);
    const errors = validatePackageSchema.errors ?? [];
    expect(errors.length).toBeGreaterThan(MAX_LISTED_PROBLEMS);
    // A function checks its count after each error and after taking in a sub-schema's (a few).
    expect(errors.length).toBeLessThanOrEqual(20_100);
    expect(errors[0]?.instancePath).toBe('/audit/0');
  });

  it('still reports every error of a manifest with a few, uncapped', () => {
    const manifest = sampleManifest([]);
    expect(validatePackageSchema({ ...manifest, audit: [{}, {}] })).toBe(false);
    expect(validatePackageSchema.isCapped).toBe(false);
    expect(validatePackageSchema.errors).toHaveLength(16);
    expect(validatePackageSchema(manifest)).toBe(true);
    expect(validatePackageSchema.isCapped).toBe(false);
  });
});
