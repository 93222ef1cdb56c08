import { describe, expect, it } from 'vitest';
import { PACKAGE_FORMAT, type PackageManifest } from '../../../core/package/manifest';
import { parseManifestBytes, validateManifest } from '../../../core/package/manifest-validation';
import type { Problem } from '../../../core/problems';
import { attachment, pseudoRandomBytes, sampleManifest } from './fixtures';

const photo = attachment(pseudoRandomBytes(1000, 1), 'image/jpeg');

function fresh(): PackageManifest {
  return structuredClone(sampleManifest([photo]));
}

function problemsOf(value: unknown): Problem[] {
  const result = validateManifest(JSON.parse(JSON.stringify(value)));
  if (result.ok) throw new Error('The manifest was accepted but should have been refused.');
  return result.problems;
}

function messageAt(problems: Problem[], path: string): string {
  const problem = problems.find((candidate) => candidate.path === path);
  if (problem === undefined) throw new Error(`No problem at ${path}; got:\n${problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  return problem.message;
}

describe('validateManifest: the schema', () => {
  it('accepts the sample manifest, which uses every evidence type and locator kind', () => {
    const result = validateManifest(JSON.parse(JSON.stringify(fresh())));
    expect(result.ok ? 'ok' : result.problems).toBe('ok');
  });

  it('accepts "x-" extension fields inside the embedded specification only', () => {
    const manifest = fresh() as unknown as { qualification: Record<string, unknown>; portfolio: Record<string, unknown> };
    manifest.qualification['x-source'] = { seeds: 5 };
    expect(validateManifest(JSON.parse(JSON.stringify(manifest))).ok).toBe(true);
    manifest.portfolio['x-note'] = 'nope';
    expect(messageAt(problemsOf(manifest), '/portfolio/x-note')).toMatch(/not a recognised field/);
  });

  it('carries a specification with a qualification number', () => {
    const manifest = fresh();
    manifest.qualification = { ...manifest.qualification, qualificationNumber: '603/1234/5' };
    expect(validateManifest(manifest).ok).toBe(true);
    expect(messageAt(problemsOf({ ...manifest, qualification: { ...manifest.qualification, qualificationNumber: '' } }), '/qualification/qualificationNumber')).toBe('must not be empty.');
  });

  it('checks each evidence type against its own details shape', () => {
    const manifest = fresh();
    const witness = manifest.evidence[1];
    if (witness?.details.type !== 'witness-testimony') throw new Error('fixture changed');
    (witness.details as unknown as Record<string, unknown>).observer = 'not a witness field';
    const caseLog = manifest.evidence[4];
    if (caseLog?.details.type !== 'case-log') throw new Error('fixture changed');
    (caseLog.details.stagesCovered as string[]).push('celebration');
    const problems = problemsOf(manifest);
    expect(messageAt(problems, '/evidence/1/details/observer')).toMatch(/not a recognised field/);
    expect(messageAt(problems, '/evidence/4/details/stagesCovered/3')).toMatch(/must be one of "identification", "resolution", "recording"/);
  });

  it('refuses details of another type than the evidence item', () => {
    const manifest = fresh();
    (manifest.evidence[2] as { details: unknown }).details = { type: 'work-product' };
    expect(messageAt(problemsOf(manifest), '/evidence/2/details/type')).toMatch(/"work-product" but the evidence item is a "observation"/);
  });

  it('bounds strings and lists so hostile manifests stay cheap', () => {
    const manifest = fresh();
    (manifest.evidence[0] as { title: string }).title = 'x'.repeat(1001);
    (manifest.evidence[0] as { tags: string[] }).tags = Array.from({ length: 201 }, (_, index) => `t${index}`);
    const problems = problemsOf(manifest);
    expect(messageAt(problems, '/evidence/0/title')).toMatch(/too long: 1,001 characters, at most 1,000/);
    expect(messageAt(problems, '/evidence/0/tags')).toMatch(/lists 201 items; at most 200/);
  });

  it('checks hashes, dates, timestamps, media types and sizes', () => {
    const manifest = fresh();
    (manifest.attachments[0] as { sha256: string }).sha256 = 'ABC';
    (manifest.attachments[0] as { mediaType: string }).mediaType = 'picture';
    (manifest.attachments[0] as { size: number }).size = 3 * 1024 ** 3;
    (manifest.evidence[3] as { activityDate: string }).activityDate = '2026-13-01';
    (manifest.decisions[0] as { decidedAt: string }).decidedAt = 'last Tuesday';
    (manifest.decisions[0]?.evidence[0] as { contentHash: string }).contentHash = 'md5:abc';
    const problems = problemsOf(manifest);
    expect(messageAt(problems, '/attachments/0/sha256')).toMatch(/64 lower-case hexadecimal/);
    expect(messageAt(problems, '/attachments/0/mediaType')).toMatch(/media type such as image\/jpeg/);
    expect(messageAt(problems, '/attachments/0/size')).toMatch(/at most 2147483648/);
    expect(messageAt(problems, '/evidence/3/activityDate')).toMatch(/YYYY-MM-DD/);
    expect(messageAt(problems, '/decisions/0/decidedAt')).toMatch(/ISO 8601/);
    expect(messageAt(problems, '/decisions/0/evidence/0/contentHash')).toMatch(/"sha256:" followed by 64/);
  });

  it('says what is missing', () => {
    const manifest = fresh() as unknown as Record<string, unknown>;
    delete manifest.audit;
    delete (manifest.portfolio as Record<string, unknown>).learner;
    const problems = problemsOf(manifest);
    expect(messageAt(problems, '')).toMatch(/The manifest has no "audit"/);
    expect(messageAt(problems, '/portfolio')).toMatch(/The portfolio has no "learner"/);
  });
});

describe('validateManifest: rules the schema cannot say', () => {
  it('requires every record to carry the portfolio id', () => {
    const manifest = fresh();
    (manifest.mappings[1] as { portfolioId: string }).portfolioId = 'someone-else';
    (manifest.audit[0] as { portfolioId: string }).portfolioId = 'someone-else';
    const problems = problemsOf(manifest);
    expect(messageAt(problems, '/mappings/1/portfolioId')).toMatch(/belongs to portfolio "someone-else", not to this package's portfolio "pf-0001"/);
    expect(messageAt(problems, '/audit/0/portfolioId')).toMatch(/someone-else/);
  });

  it('requires ids to be unique in each list', () => {
    const manifest = fresh();
    (manifest.evidence[3] as { id: string }).id = 'ev-1';
    manifest.decisions.push({ ...(manifest.decisions[0] as PackageManifest['decisions'][number]) });
    const problems = problemsOf(manifest);
    expect(messageAt(problems, '/evidence/3/id')).toMatch(/"ev-1" is already used by \/evidence\/0/);
    expect(messageAt(problems, '/decisions/1/id')).toMatch(/"dec-1" is already used by \/decisions\/0/);
  });

  it('requires specification ids to be unique across the whole specification', () => {
    const manifest = fresh();
    const outcome = manifest.qualification.units[0]?.learningOutcomes[0];
    if (outcome === undefined) throw new Error('fixture changed');
    (outcome.markingPoints[1] as { id: string }).id = 'CS1';
    manifest.mappings = manifest.mappings.filter((mapping) => mapping.markingPointId !== 'CS1.1.2');
    expect(messageAt(problemsOf(manifest), '/qualification/units/0/learningOutcomes/0/markingPoints/1/id')).toMatch(/"CS1" is already used by \/qualification\/units\/0\/id/);
  });

  it('requires mappings to point at existing evidence and marking points of the embedded specification', () => {
    const manifest = fresh();
    (manifest.mappings[0] as { evidenceId: string }).evidenceId = 'ev-404';
    (manifest.mappings[2] as { markingPointId: string }).markingPointId = 'CS9.9.9';
    const problems = problemsOf(manifest);
    expect(messageAt(problems, '/mappings/0/evidenceId')).toMatch(/evidence item "ev-404", which is not in the package/);
    expect(messageAt(problems, '/mappings/2/markingPointId')).toMatch(/marking point "CS9.9.9", which is not in the qualification specification/);
  });

  it('refuses a time range that ends before it starts', () => {
    const manifest = fresh();
    (manifest.mappings[1] as { locator: unknown }).locator = { kind: 'time', startSeconds: 90, endSeconds: 30 };
    expect(messageAt(problemsOf(manifest), '/mappings/1/locator/endSeconds')).toMatch(/ends \(30 s\) before it starts \(90 s\)/);
  });

  it('requires every evidence attachment to be listed in /attachments, with the same size', () => {
    const manifest = fresh();
    const refs = manifest.evidence[0]?.attachments;
    if (refs?.[0] === undefined) throw new Error('fixture changed');
    refs[0].size += 1;
    refs.push({ sha256: 'f'.repeat(64), name: 'ghost.png', mediaType: 'image/png', size: 10 });
    const problems = problemsOf(manifest);
    expect(messageAt(problems, '/evidence/0/attachments/0/size')).toMatch(/is 1001 bytes, but \/attachments says 1000/);
    expect(messageAt(problems, '/evidence/0/attachments/1/sha256')).toMatch(/ffff.*not listed in \/attachments/);
  });

  it('refuses an attachment listed twice', () => {
    const manifest = fresh();
    manifest.attachments.push({ ...(manifest.attachments[0] as PackageManifest['attachments'][number]) });
    expect(messageAt(problemsOf(manifest), '/attachments/1/sha256')).toMatch(/listed more than once/);
  });

  it('keeps decisions about deleted evidence (they are stale, not invalid), but not about unknown marking points', () => {
    const manifest = fresh();
    (manifest.decisions[0]?.evidence[0] as { evidenceId: string }).evidenceId = 'ev-deleted';
    expect(validateManifest(JSON.parse(JSON.stringify(manifest))).ok).toBe(true);
    (manifest.decisions[0] as { markingPointId: string }).markingPointId = 'CS7.7.7';
    expect(messageAt(problemsOf(manifest), '/decisions/0/markingPointId')).toMatch(/"CS7.7.7"/);
  });

  it('checks units named by sign-offs, action plans and comments, and leaves a missing decision to verification', () => {
    const manifest = fresh();
    (manifest.signOffs[0] as { unitId: string }).unitId = 'CS8';
    (manifest.iqaSamples[0] as { decisionIds: string[] }).decisionIds = ['dec-1', 'dec-404'];
    (manifest.actionPlan[0] as { unitId: string }).unitId = 'CS9';
    (manifest.comments[0] as { evidenceId: string }).evidenceId = 'ev-404';
    const problems = problemsOf(manifest);
    expect(messageAt(problems, '/signOffs/0/unitId')).toMatch(/unit "CS8"/);
    // A sample resting on a decision the package lacks is a removed signed record: `verify` reports it.
    expect(problems.some((problem) => problem.path.startsWith('/iqaSamples/0/decisionIds'))).toBe(false);
    expect(messageAt(problems, '/actionPlan/0/unitId')).toMatch(/unit "CS9"/);
    expect(messageAt(problems, '/comments/0/evidenceId')).toMatch(/evidence item "ev-404"/);
  });

  it('requires the portfolio to name the embedded specification and its version', () => {
    const manifest = fresh();
    manifest.portfolio.qualificationId = 'other-spec';
    manifest.portfolio.qualificationVersion = '1999';
    const problems = problemsOf(manifest);
    expect(messageAt(problems, '/portfolio/qualificationId')).toMatch(/"other-spec".*"cs-test"/);
    expect(messageAt(problems, '/portfolio/qualificationVersion')).toMatch(/"1999".*"2026.1"/);
  });
});

describe('parseManifestBytes', () => {
  const encode = (text: string) => new TextEncoder().encode(text);

  it('accepts a leading byte-order mark', () => {
    expect(parseManifestBytes(encode(`\uFEFF${JSON.stringify(fresh())}`)).ok).toBe(true);
  });

  it('names the format it found and the one it reads', () => {
    const result = parseManifestBytes(encode(JSON.stringify({ ...fresh(), format: 'portfolio-package/9' })));
    expect(result.ok ? '' : result.problems[0]?.message).toMatch(/"portfolio-package\/9", which this version of the app cannot read; it reads "portfolio-package\/1"/);
    expect(PACKAGE_FORMAT).toBe('portfolio-package/1');
  });

  it('refuses JSON that is not an object, and empty text', () => {
    const array = parseManifestBytes(encode('[1,2]'));
    expect(array.ok ? '' : array.problems[0]?.message).toMatch(/must hold a JSON object/);
    const empty = parseManifestBytes(encode('   '));
    expect(empty.ok ? '' : empty.problems[0]?.message).toMatch(/is empty/);
  });
});
