import jpeg from 'jpeg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { findPersonalData } from '../../../core/checks/personal-data';
import { computeCoverage, contentHashesOf } from '../../../core/coverage/coverage';
import { DEMO_BASE_DATE, generateDemoPortfolio, generateDemoPortfolioLazy, type DemoPortfolio } from '../../../core/demo/demo-portfolio';
import { MODEL_STAGE_NAMES } from '../../../core/demo/narratives';
import { evidenceContentHash } from '../../../core/integrity/content-hash';
import { sha256Hex } from '../../../core/integrity/sha256';
import { verifyPortfolio } from '../../../core/integrity/verify';
import { EVIDENCE_TYPES, type EvidenceItem } from '../../../core/model/portfolio';
import { manifestToWire } from '../../../core/package/manifest';
import { validateManifest } from '../../../core/package/manifest-validation';
import type { PackageManifest } from '../../../core/package/manifest';
import { builtinSpec } from '../../../core/spec/builtin';
import { allPointIds, decodePng, smallSpec } from './helpers';

const SEED = 7;

function paragraphCount(narrative: string): number {
  return narrative.split(/\n\n/).length;
}

function expectValidManifest(manifest: PackageManifest): void {
  const result = validateManifest(JSON.parse(JSON.stringify(manifestToWire(manifest))));
  expect(result.ok ? [] : result.problems).toEqual([]);
}

describe('generateDemoPortfolio with the built-in specification', () => {
  let demo: DemoPortfolio;
  let again: DemoPortfolio;

  beforeAll(async () => {
    [demo, again] = await Promise.all([generateDemoPortfolio({ spec: builtinSpec(), seed: SEED }), generateDemoPortfolio({ spec: builtinSpec(), seed: SEED })]);
  });

  it('is deterministic for a seed, signatures and keys included (a demo key made from the seed)', async () => {
    expect(again.manifest).toEqual(demo.manifest);
    expect([...again.attachments.keys()]).toEqual([...demo.attachments.keys()]);
    for (const [sha256, bytes] of demo.attachments) expect(again.attachments.get(sha256)).toEqual(bytes);
    expect(demo.manifest.decisions[0]?.signature.algorithm).toBe('Ed25519');
    // Another seed, another demo assessor key.
    const other = await generateDemoPortfolio({ spec: builtinSpec(), seed: SEED + 1 });
    expect(other.manifest.decisions[0]?.signature.publicKey).not.toBe(demo.manifest.decisions[0]?.signature.publicKey);
  });

  it('passes the package schema and cross-reference checks', () => {
    expectValidManifest(demo.manifest);
  });

  it('has the default counts, every evidence type and both service labels', () => {
    const { evidence } = demo.manifest;
    expect(evidence).toHaveLength(24);
    expect(new Set(evidence.map((item) => item.type))).toEqual(new Set(EVIDENCE_TYPES));
    const labels = new Set(evidence.map((item) => item.label));
    expect(labels.has('reactive') || labels.has('both')).toBe(true);
    expect(labels.has('proactive')).toBe(true);
    for (const item of evidence) {
      expect(item.details.type).toBe(item.type);
      expect(item.narrative.length).toBeGreaterThan(200);
      expect(item.legislation.length).toBeGreaterThan(0);
    }
  });

  it('dates everything from the fixed base date, in a sensible order', () => {
    const { manifest } = demo;
    expect(manifest.exportedAt.startsWith(DEMO_BASE_DATE)).toBe(true);
    for (const item of manifest.evidence) {
      expect(item.activityDate < DEMO_BASE_DATE).toBe(true);
      expect(item.createdAt.slice(0, 10) >= item.activityDate).toBe(true);
    }
    const itemCreated = new Map(manifest.evidence.map((item) => [item.id, item.createdAt]));
    for (const mapping of manifest.mappings) expect(mapping.createdAt > (itemCreated.get(mapping.evidenceId) ?? '')).toBe(true);
    for (const decision of manifest.decisions) {
      for (const judged of decision.evidence) expect(decision.decidedAt > (itemCreated.get(judged.evidenceId) ?? '')).toBe(true);
    }
    const times = manifest.audit.map((entry) => entry.at);
    expect(times).toEqual([...times].sort());
    expect(manifest.audit.filter((entry) => entry.action === 'create' && entry.entity === 'evidence')).toHaveLength(manifest.evidence.length);
  });

  it('writes narratives per type: model stages, witness details, case stages, recordings with consent', () => {
    const { evidence } = demo.manifest;
    const details = evidence.map((item) => item.details);
    for (const detail of details) {
      if (detail.type === 'reflective-account') {
        if (detail.model === 'other') expect(detail.modelName).toBeTruthy();
        else expect(detail.stages.map((stage) => stage.stage)).toEqual(MODEL_STAGE_NAMES[detail.model]);
        for (const stage of detail.stages) expect(stage.text.length).toBeGreaterThan(20);
        expect(detail.wentWell && detail.doDifferently && detail.preventRecurrence).toBeTruthy();
      }
      if (detail.type === 'witness-testimony') {
        expect(detail.witness.name && detail.witness.role && detail.witness.relationship).toBeTruthy();
        expect(detail.witness.contact).toMatch(/^Ext\. \d{4}$/);
        expect(detail.statement).toContain('true account');
      }
      if (detail.type === 'call-recording') {
        expect(detail.consent.length).toBeGreaterThan(40);
        expect(detail.durationSeconds).toBeGreaterThan(0);
      }
    }
    const caseLogs = details.filter((detail) => detail.type === 'case-log');
    expect(caseLogs.some((detail) => detail.type === 'case-log' && detail.stagesCovered.length === 3)).toBe(true);
    // Problem-solving evidence gives its root cause and prevention.
    for (const item of evidence.filter((candidate) => candidate.type === 'case-log' || candidate.type === 'reflective-account')) {
      expect(item.rootCause && item.prevention).toBeTruthy();
    }
    // Some narratives carry "- " lists.
    expect(evidence.some((item) => /\n- /.test(item.narrative))).toBe(true);
  });

  it('anonymises customers and holds no personal data a check would flag', () => {
    for (const item of demo.manifest.evidence) {
      const texts = [item.title, item.narrative, item.rootCause ?? '', item.prevention ?? '', JSON.stringify(item.details)];
      for (const text of texts) expect(findPersonalData(text)).toEqual([]);
      expect(item.narrative).not.toMatch(/\b(?:Mrs|Mr|Ms) [A-Z][a-z]/);
    }
  });

  it('names legislation and regulation from the seeds', () => {
    const named = new Set(demo.manifest.evidence.flatMap((item) => item.legislation));
    expect([...named].some((name) => /Data Protection Act 2018|UK GDPR/.test(name))).toBe(true);
    expect(named.size).toBeGreaterThanOrEqual(3);
  });

  it('maps with locators and justifications that point inside the item', () => {
    const { manifest } = demo;
    const byId = new Map(manifest.evidence.map((item) => [item.id, item]));
    const pointIds = new Set(allPointIds(manifest.qualification));
    const pairs = new Set<string>();
    for (const mapping of manifest.mappings) {
      const item = byId.get(mapping.evidenceId) as EvidenceItem;
      expect(item).toBeDefined();
      expect(pointIds.has(mapping.markingPointId)).toBe(true);
      expect(mapping.justification?.length).toBeGreaterThan(30);
      const pair = `${mapping.evidenceId}|${mapping.markingPointId}`;
      expect(pairs.has(pair)).toBe(false);
      pairs.add(pair);
      const locator = mapping.locator;
      expect(locator).toBeDefined();
      if (locator?.kind === 'paragraph') expect(locator.paragraph).toBeLessThanOrEqual(paragraphCount(item.narrative));
      if (locator?.kind === 'time') {
        expect(locator.startSeconds).toBeLessThan(locator.endSeconds);
        if (item.details.type === 'call-recording') expect(locator.endSeconds).toBeLessThanOrEqual(item.details.durationSeconds ?? 0);
        expect(item.narrative).toContain(`${String(Math.floor(locator.startSeconds / 60)).padStart(2, '0')}:${String(locator.startSeconds % 60).padStart(2, '0')}`);
      }
      if (locator?.kind === 'page') expect(item.narrative).toContain(`Page ${locator.page}:`);
      if (locator?.kind === 'note') expect(locator.text.length).toBeGreaterThan(3);
    }
    expect(new Set(manifest.mappings.map((mapping) => mapping.locator?.kind))).toEqual(new Set(['paragraph', 'time', 'page', 'note']));
    // Every item is mapped somewhere.
    expect(new Set(manifest.mappings.map((mapping) => mapping.evidenceId)).size).toBe(manifest.evidence.length);
  });

  it('leaves two to four marking points as gaps and covers the rest', () => {
    const { manifest } = demo;
    const mapped = new Set(manifest.mappings.map((mapping) => mapping.markingPointId));
    const gaps = allPointIds(manifest.qualification).filter((id) => !mapped.has(id));
    expect(gaps.length).toBeGreaterThanOrEqual(2);
    expect(gaps.length).toBeLessThanOrEqual(4);
    // The assessor's action plan asks for evidence for each gap.
    for (const gap of gaps) expect(manifest.actionPlan.some((action) => action.action.includes(gap))).toBe(true);
  });

  it('attaches JPEG and PNG pictures that decode, plus a WAV and a CSV, each hashed and listed once', async () => {
    const { manifest, attachments } = demo;
    const listed = new Map(manifest.attachments.map((attachment) => [attachment.sha256, attachment]));
    expect(listed.size).toBe(manifest.attachments.length);
    expect(new Set(attachments.keys())).toEqual(new Set(listed.keys()));
    const refs = manifest.evidence.flatMap((item) => item.attachments);
    for (const ref of refs) {
      const bytes = attachments.get(ref.sha256) as Uint8Array;
      expect(await sha256Hex(bytes)).toBe(ref.sha256);
      expect(ref.size).toBe(bytes.length);
      expect(listed.get(ref.sha256)).toEqual({ sha256: ref.sha256, size: ref.size, mediaType: ref.mediaType });
    }
    const pictures = refs.filter((ref) => ref.mediaType.startsWith('image/'));
    expect(pictures).toHaveLength(6);
    expect(new Set(pictures.map((ref) => ref.mediaType))).toEqual(new Set(['image/png', 'image/jpeg']));
    for (const ref of pictures) {
      const bytes = attachments.get(ref.sha256) as Uint8Array;
      if (ref.mediaType === 'image/png') {
        expect(ref.name).toMatch(/\.png$/);
        const png = decodePng(bytes);
        expect([png.width, png.height, png.bitDepth, png.colourType]).toEqual([800, 600, 8, 2]);
        expect(png.raw.length).toBe(600 * (800 * 3 + 1));
        // A picture, not a blank: many distinct colours.
        const colours = new Set<number>();
        for (let offset = 1; offset < png.raw.length; offset += 3 * 97) colours.add(((png.raw[offset] ?? 0) << 16) | ((png.raw[offset + 1] ?? 0) << 8) | (png.raw[offset + 2] ?? 0));
        expect(colours.size).toBeGreaterThan(5);
      } else {
        expect(ref.name).toMatch(/\.jpg$/);
        const image = jpeg.decode(bytes, { useTArray: true });
        expect([image.width, image.height]).toEqual([800, 600]);
      }
    }
    const wav = refs.find((ref) => ref.mediaType === 'audio/wav');
    const wavBytes = attachments.get(wav?.sha256 ?? '') as Uint8Array;
    expect(new TextDecoder().decode(wavBytes.subarray(0, 4))).toBe('RIFF');
    expect(new TextDecoder().decode(wavBytes.subarray(8, 12))).toBe('WAVE');
    const csv = refs.find((ref) => ref.mediaType === 'text/csv');
    expect(new TextDecoder().decode(attachments.get(csv?.sha256 ?? '') as Uint8Array)).toMatch(/^Case reference,Opened,Category,Status/);
  });

  it('adds signed assessor decisions over the current content hashes, one unit signed off', async () => {
    const { manifest } = demo;
    expect(manifest.decisions.length).toBeGreaterThanOrEqual(4);
    expect(manifest.decisions.some((decision) => decision.status === 'met')).toBe(true);
    expect(manifest.decisions.some((decision) => decision.status === 'not-yet')).toBe(true);
    const byId = new Map(manifest.evidence.map((item) => [item.id, item]));
    for (const decision of manifest.decisions) {
      expect(decision.feedback.length).toBeGreaterThan(40);
      for (const judged of decision.evidence) expect(judged.contentHash).toBe(await evidenceContentHash(byId.get(judged.evidenceId) as EvidenceItem));
    }
    const hashes = await contentHashesOf(manifest.evidence);
    const report = await verifyPortfolio(manifest, hashes);
    const signedCount = manifest.decisions.length + manifest.signOffs.length + manifest.iqaSamples.length + manifest.declarations.length;
    expect(report.findings.map((finding) => finding.kind)).toEqual(Array.from({ length: signedCount }, () => 'ok'));
    // Every record is of version 2, in its signer's chain: the assessor's, the IQA's and the learner's.
    expect(report.records.every((record) => record.version === 2)).toBe(true);
    expect(report.signers.map((signer) => [signer.role, signer.records, signer.lastSequence])).toEqual([
      ['assessor', manifest.decisions.length + 2, manifest.decisions.length + 2],
      ['iqa', 2, 2],
      ['learner', 1, 1],
    ]);

    // The marking point still to do was judged met, sampled by the IQA (assessor to act), then judged not yet met.
    const notYet = manifest.decisions.find((decision) => decision.status === 'not-yet')!;
    const earlier = manifest.decisions.filter((decision) => decision.markingPointId === notYet.markingPointId);
    expect(earlier.map((decision) => decision.status)).toEqual(['met', 'not-yet']);
    expect(manifest.iqaSamples.map((sample) => sample.outcome)).toEqual(['agree', 'assessor-to-act']);

    expect(manifest.signOffs).toHaveLength(1);
    const signOff = manifest.signOffs[0];
    const unit = manifest.qualification.units.find((candidate) => candidate.id === signOff?.unitId);
    const unitPoints = unit?.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => point.id)) ?? [];
    const coverage = computeCoverage(manifest.qualification, manifest.mappings, manifest.decisions, hashes);
    const statuses = new Map(coverage.units.flatMap((entry) => entry.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => [point.id, point.status] as const))));
    for (const id of unitPoints) expect(statuses.get(id)).toBe('met');
    expect(coverage.summary.notYet).toBeGreaterThanOrEqual(1);
    expect(coverage.summary.stale).toBe(0);
    expect(manifest.declarations.map((declaration) => declaration.kind).sort()).toEqual(['assessor', 'learner-authenticity']);
  });

  it('differs for a different seed', async () => {
    const other = await generateDemoPortfolio({ spec: builtinSpec(), seed: SEED + 1, isSigned: false });
    expect(other.manifest.portfolio.id).not.toBe(demo.manifest.portfolio.id);
    expect(other.manifest.evidence.map((item) => item.narrative)).not.toEqual(demo.manifest.evidence.map((item) => item.narrative));
    expect([...other.attachments.keys()]).not.toEqual([...demo.attachments.keys()]);
  });
});

describe('generateDemoPortfolio options', () => {
  it('works against any specification, including wording it has never seen', async () => {
    const spec = smallSpec();
    const demo = await generateDemoPortfolio({ spec, seed: 3, items: 12, images: 2 });
    expectValidManifest(demo.manifest);
    expect(demo.manifest.qualification).toEqual(spec);
    const mapped = new Set(demo.manifest.mappings.map((mapping) => mapping.markingPointId));
    const gaps = allPointIds(spec).filter((id) => !mapped.has(id));
    expect(gaps).toHaveLength(2);
    expect(new Set(demo.manifest.evidence.map((item) => item.type))).toEqual(new Set(EVIDENCE_TYPES));
  });

  it('makes a small portfolio with no pictures and no signing when asked', async () => {
    const demo = await generateDemoPortfolio({ spec: smallSpec(), seed: 11, items: 3, images: 0, isSigned: false });
    expectValidManifest(demo.manifest);
    expect(demo.manifest.evidence).toHaveLength(3);
    expect(demo.manifest.evidence.flatMap((item) => item.attachments).filter((ref) => ref.mediaType.startsWith('image/'))).toEqual([]);
    expect(demo.manifest.decisions).toEqual([]);
    expect(demo.manifest.signOffs).toEqual([]);
    expect(demo.manifest.declarations.map((declaration) => declaration.kind)).toEqual(['learner-authenticity']);
    expect(demo.manifest.mappings.length).toBeGreaterThanOrEqual(3);
  });

  it('rejects counts outside their ranges with a plain message', async () => {
    await expect(generateDemoPortfolio({ spec: smallSpec(), items: 0 })).rejects.toThrow(/number of items must be a whole number from 1 to 100000/);
    await expect(generateDemoPortfolio({ spec: smallSpec(), items: 2.5 })).rejects.toThrow(/whole number/);
    await expect(generateDemoPortfolio({ spec: smallSpec(), images: -1 })).rejects.toThrow(/number of images/);
    await expect(generateDemoPortfolio({ spec: smallSpec(), seed: Number.NaN })).rejects.toThrow(/seed/);
    await expect(generateDemoPortfolio({ spec: smallSpec(), targetImageBytes: 5 })).rejects.toThrow(/target picture size/);
  });

  it('keeps large portfolios valid, with every item mapped and compact later items', async () => {
    const demo = await generateDemoPortfolioLazy({ spec: builtinSpec(), seed: 5, items: 2600, images: 0, isSigned: false });
    expectValidManifest(demo.manifest);
    const { evidence, mappings } = demo.manifest;
    expect(new Set(mappings.map((mapping) => mapping.evidenceId)).size).toBe(evidence.length);
    const early = evidence.slice(0, 100).reduce((sum, item) => sum + item.narrative.length, 0);
    const late = evidence.slice(-100).reduce((sum, item) => sum + item.narrative.length, 0);
    expect(late).toBeLessThan(early);
    const byId = new Map(evidence.map((item) => [item.id, item]));
    for (const mapping of mappings) {
      if (mapping.locator?.kind === 'paragraph') expect(mapping.locator.paragraph).toBeLessThanOrEqual(paragraphCount(byId.get(mapping.evidenceId)?.narrative ?? ''));
    }
  });
});

describe('generateDemoPortfolioLazy', () => {
  it('makes attachment bytes again on demand, identical to the first time', async () => {
    const seen = new Map<string, Uint8Array>();
    const demo = await generateDemoPortfolioLazy({
      spec: smallSpec(),
      seed: 2,
      items: 12,
      images: 4,
      isSigned: false,
      retainBytes: 0,
      onAttachment: (attachment, bytes) => {
        expect(seen.has(attachment.sha256)).toBe(false);
        seen.set(attachment.sha256, bytes);
      },
    });
    expect(demo.attachments.map((attachment) => attachment.sha256)).toEqual(demo.manifest.attachments.map((attachment) => attachment.sha256));
    expect([...seen.keys()]).toEqual(demo.attachments.map((attachment) => attachment.sha256));
    for (const attachment of demo.attachments) {
      const bytes = attachment.bytes();
      expect(bytes).toEqual(seen.get(attachment.sha256));
      expect(await sha256Hex(bytes)).toBe(attachment.sha256);
      expect(bytes.length).toBe(attachment.size);
    }
  });

  it('enlarges pictures towards a target size for benchmarks', async () => {
    const target = 400_000;
    const demo = await generateDemoPortfolioLazy({ spec: smallSpec(), seed: 4, items: 12, images: 2, isSigned: false, targetImageBytes: target });
    const pictures = demo.attachments.filter((attachment) => attachment.mediaType.startsWith('image/'));
    expect(pictures.map((picture) => picture.mediaType).sort()).toEqual(['image/jpeg', 'image/png']);
    for (const picture of pictures) {
      expect(picture.size).toBeGreaterThan(target * 0.7);
      expect(picture.size).toBeLessThan(target * 1.3);
      const bytes = picture.bytes();
      const size = picture.mediaType === 'image/png' ? decodePng(bytes) : jpeg.decode(bytes, { useTArray: true });
      expect(size.width).toBeGreaterThan(300);
      expect(size.height).toBe(Math.round((size.width * 3) / 4));
    }
  });
});
