/**
 * Evidence across more than one qualification: a standard's KSBs and a qualification inside it.
 * One-qualification packages keep their shape; marking point ids are resolved per qualification;
 * each qualification has its own matrix, checks and validation.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChecks } from '../../../core/checks/checks';
import { contentHashesOf } from '../../../core/coverage/coverage';
import { mappingsFor, qualificationMatrices } from '../../../core/coverage/qualifications';
import type { PortfolioContent } from '../../../core/model/portfolio';
import { PACKAGE_FORMAT, type PackageManifest } from '../../../core/package/manifest';
import { validateManifest } from '../../../core/package/manifest-validation';
import type { QualificationSpec } from '../../../core/spec/types';
import { cleanContent, makeMapping, makeSpec } from './fixtures';
import { makeTempDir, runCli, writeContent } from './package-helpers';

/** An apprenticeship standard's KSBs; "C1.1.1" is also a marking point id of the main qualification. */
function standard(): QualificationSpec {
  return { ...makeSpec([{ id: 'K', outcomes: [{ id: 'K.all', points: ['K1', 'K2', 'C1.1.1'] }] }, { id: 'B', outcomes: [{ id: 'B.all', points: ['B1'] }] }]), id: 'st0116', title: 'Apprenticeship standard', version: '1.2', qualificationNumber: 'ST0116' };
}

function twoQualifications(): PortfolioContent {
  const content = cleanContent();
  const extra = standard();
  content.portfolio.additionalQualifications = [{ id: extra.id, version: extra.version }];
  content.additionalQualifications = [extra];
  // e1 evidences marking points of both qualifications; K2 and B1 have no evidence.
  content.mappings.push(
    makeMapping('e1', 'K1', { id: 'm-k1', qualificationId: 'st0116' }),
    makeMapping('e2', 'C1.1.1', { id: 'm-kc', qualificationId: 'st0116' }),
  );
  return content;
}

function manifestOf(content: PortfolioContent): PackageManifest {
  return { ...content, format: PACKAGE_FORMAT, exportedAt: '2026-03-01T09:00:00.000Z', generator: { name: 'test', version: '1' }, attachments: [] };
}

describe('packages with more than one qualification', () => {
  it('a one-qualification package has no new fields and validates as before', () => {
    const manifest = manifestOf(cleanContent());
    expect(manifest).not.toHaveProperty('additionalQualifications');
    expect(manifest.portfolio).not.toHaveProperty('additionalQualifications');
    expect(manifest.mappings.every((mapping) => !('qualificationId' in mapping))).toBe(true);
    expect(validateManifest(manifest).ok).toBe(true);
  });

  it('validates additional qualifications and resolves each mapping’s marking point in its own qualification', () => {
    expect(validateManifest(manifestOf(twoQualifications())).ok).toBe(true);

    const content = twoQualifications();
    content.mappings.push(makeMapping('e1', 'K9', { id: 'm-bad', qualificationId: 'st0116' }), makeMapping('e1', 'K1', { id: 'm-main' }), makeMapping('e1', 'K1', { id: 'm-other', qualificationId: 'nowhere' }), makeMapping('e1', 'C1.1.1', { id: 'm-self', qualificationId: 'test-spec' }));
    const result = validateManifest(manifestOf(content));
    if (result.ok) throw new Error('expected problems');
    const index = (id: string): number => content.mappings.findIndex((mapping) => mapping.id === id);
    expect(result.problems).toEqual([
      { path: `/mappings/${index('m-bad')}/markingPointId`, message: 'The mapping refers to marking point "K9", which is not in the qualification "st0116".' },
      { path: `/mappings/${index('m-main')}/markingPointId`, message: 'The mapping refers to marking point "K1", which is not in the qualification specification.' },
      { path: `/mappings/${index('m-other')}/qualificationId`, message: 'The mapping is to qualification "nowhere", which is not one of the package\'s additional qualifications.' },
      { path: `/mappings/${index('m-self')}/qualificationId`, message: '"test-spec" is the main qualification; leave qualificationId out for its marking points.' },
    ]);
  });

  it('requires the portfolio and the package to name the same additional qualifications, each once and not the main one', () => {
    const missing = twoQualifications();
    missing.additionalQualifications = [];
    expect(validateManifest(manifestOf(missing)).ok).toBe(false);
    const unnamed = twoQualifications();
    delete unnamed.portfolio.additionalQualifications;
    const problems = validateManifest(manifestOf(unnamed));
    expect(problems.ok ? [] : problems.problems).toContainEqual({ path: '/additionalQualifications/0', message: 'The package holds "st0116" version "1.2", but the portfolio does not name it in /portfolio/additionalQualifications.' });
    const twice = twoQualifications();
    twice.additionalQualifications = [standard(), { ...standard(), units: [{ id: 'X', title: 'X', learningOutcomes: [{ id: 'X.1', title: 'X', markingPoints: [{ id: 'X1', text: 'x' }, { id: 'X1', text: 'y' }] }] }] }, { ...cleanContent().qualification }];
    twice.portfolio.additionalQualifications = [{ id: 'st0116', version: '1.2' }, { id: 'test-spec', version: '1' }];
    const twiceResult = validateManifest(manifestOf(twice));
    expect(twiceResult.ok ? [] : twiceResult.problems.map((problem) => `${problem.path}: ${problem.message}`)).toEqual(expect.arrayContaining([
      '/additionalQualifications/1/id: The qualification "st0116" is listed more than once; list each additional qualification once.',
      '/additionalQualifications/1/units/0/learningOutcomes/0/markingPoints/1/id: "X1" is already used by /additionalQualifications/1/units/0/learningOutcomes/0/markingPoints/0/id; ids must be unique across the whole specification.',
      '/additionalQualifications/2/id: "test-spec" is the main qualification\'s id; an additional qualification must be another one.',
    ]));
  });

  it('gives each qualification its own matrix: the same id in two qualifications never shares evidence', async () => {
    const content = twoQualifications();
    const hashes = await contentHashesOf(content.evidence);
    const [main, extra] = qualificationMatrices(content, hashes);
    expect(main?.isMain).toBe(true);
    // The main matrix is exactly what it was without the standard.
    const alone = qualificationMatrices(cleanContent(), hashes)[0];
    expect(main?.matrix).toEqual(alone?.matrix);
    expect(extra?.qualification.id).toBe('st0116');
    expect(extra?.matrix.units.flatMap((unit) => unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => [point.id, point.status, point.evidence])))).toEqual([
      ['K1', 'claimed', ['e1']], ['K2', 'gap', []], ['C1.1.1', 'claimed', ['e2']], ['B1', 'gap', []],
    ]);
    expect(mappingsFor(content.mappings, 'st0116').map((mapping) => mapping.id)).toEqual(['m-k1', 'm-kc']);
  });

  it('checks each qualification: gaps of the standard are named by it; a mapping to a qualification not held is an error', async () => {
    const content = twoQualifications();
    const hashes = await contentHashesOf(content.evidence);
    expect(runChecks(cleanContent(), hashes)).toEqual([]);
    const results = runChecks(content, hashes);
    expect(results.map((result) => [result.rule, result.ref])).toEqual([
      ['marking-point-gap', 'markingPoint:st0116/K2'],
      ['marking-point-gap', 'markingPoint:st0116/B1'],
    ]);
    expect(results[0]?.message).toBe('Apprenticeship standard: Marking point K2 ("Award credit for K2.") has no evidence. Map an evidence item that shows it, or add a new one.');
    content.mappings.push(makeMapping('e3', 'Z1', { id: 'm-z', qualificationId: 'gone' }));
    expect(runChecks(content, hashes).filter((result) => result.ref === 'mapping:m-z')).toEqual([
      expect.objectContaining({ rule: 'mapping-unknown-marking-point', severity: 'error', message: expect.stringContaining('of qualification "gone", which this portfolio does not include') }),
    ]);
  });
});

describe('coverage on the command line with two qualifications', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(async () => {
    await temp.remove();
  });

  it('keeps the contract shape for the main qualification and adds each further qualification’s matrix', async () => {
    const path = join(temp.dir, 'two.portfolio');
    await writeContent(path, twoQualifications());
    const json = await runCli(['coverage', path, '--json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { units: unknown[]; summary: unknown; additionalQualifications: Array<{ id: string; version: string; summary: { gaps: number } }> };
    expect(Object.keys(parsed)).toEqual(['units', 'summary', 'additionalQualifications']);
    expect(parsed.additionalQualifications.map((entry) => [entry.id, entry.version, entry.summary.gaps])).toEqual([['st0116', '1.2', 2]]);

    const single = join(temp.dir, 'one.portfolio');
    await writeContent(single, cleanContent());
    expect(Object.keys(JSON.parse((await runCli(['coverage', single, '--json'])).stdout) as object)).toEqual(['units', 'summary']);

    const table = await runCli(['coverage', path]);
    expect(table.stdout).toContain('Apprenticeship standard (st0116 version 1.2)');
    expect(table.stdout).toMatch(/✗ K2\s+GAP/);
    expect(table.stdout).toContain('0 stale.\n\nApprenticeship standard');
    const check = await runCli(['check', path, '--json']);
    expect(check.code).toBe(1);
    expect((JSON.parse(check.stdout) as Array<{ ref: string }>).map((result) => result.ref)).toEqual(['markingPoint:st0116/K2', 'markingPoint:st0116/B1']);
  });
});


