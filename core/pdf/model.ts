/**
 * Everything the PDF sections need, worked out once from the package manifest: evidence
 * numbers (E1…En, in the manifest's order), the coverage matrix, mappings by marking point and
 * by evidence item, witnesses, decisions and sign-offs by unit, and the hashes and key
 * fingerprints for the integrity manifest. A hostile manifest (repeated ids, mappings to
 * evidence that is gone, decisions for marking points outside the specification) is described
 * in the PDF, never allowed to break it.
 */
import { computeCoverage, contentHashesOf, latestDecisions, isDecisionStale } from '../coverage/coverage';
import type { CoverageMatrix, CoverageStatus } from '../coverage/types';
import { fingerprintOf } from '../integrity/keys';
import { findingSeverity, verifyPortfolio, type VerificationReport } from '../integrity/verify';
import type { AssessorDecision, EvidenceItem, IqaSample, Mapping, UnitSignOff, Witness } from '../model/portfolio';
import type { PackageManifest, PackagedAttachment } from '../package/manifest';
import type { LearningOutcome, MarkingPoint, Unit } from '../spec/types';

export interface EvidenceEntry {
  item: EvidenceItem;
  /** 1-based position in the manifest. */
  number: number;
  /** `E12`: how the matrix, the location sheet and the evidence pages refer to the item. */
  code: string;
}

export interface PointEntry {
  point: MarkingPoint;
  unit: Unit;
  outcome: LearningOutcome;
  status: CoverageStatus;
  /** Evidence ids mapped to the point (may include items that no longer exist). */
  evidenceIds: string[];
}

export interface UnitEntry {
  unit: Unit;
  points: PointEntry[];
  decisions: AssessorDecision[];
  signOffs: UnitSignOff[];
  iqaSamples: IqaSample[];
}

export interface WitnessEntry {
  witness: Witness;
  evidence: EvidenceEntry;
  statementDate?: string;
}

export interface PortfolioModel {
  manifest: PackageManifest;
  evidence: EvidenceEntry[];
  evidenceById: Map<string, EvidenceEntry>;
  coverage: CoverageMatrix;
  units: UnitEntry[];
  points: PointEntry[];
  pointById: Map<string, PointEntry>;
  mappingsByPoint: Map<string, Mapping[]>;
  mappingsByEvidence: Map<string, Mapping[]>;
  /** Decisions for marking points that are not in the specification. */
  strayDecisions: AssessorDecision[];
  /** Ids of the decisions that count (the latest per marking point). */
  currentDecisionIds: Set<string>;
  staleDecisionIds: Set<string>;
  witnesses: WitnessEntry[];
  contentHashes: Map<string, string>;
  /** Public key (base64) → fingerprint computed from it, or undefined when the key is not readable. */
  fingerprints: Map<string, string | undefined>;
  /** Every signature checked, as `verify` checks them (no key register: that is the centre's to hold). */
  verification: VerificationReport;
  /**
   * Signed records (the manifest's own decision, sign-off and IQA objects) that do not match
   * their signatures or cannot be read, with why: the PDF says so wherever they appear.
   */
  signatureFailures: Map<object, string>;
  attachments: Map<string, PackagedAttachment>;
  /** Attachment sha256 → evidence items that use it. */
  attachmentUsers: Map<string, EvidenceEntry[]>;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function byTime<T>(time: (value: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ta = Date.parse(time(a));
    const tb = Date.parse(time(b));
    return (Number.isFinite(ta) ? ta : 0) - (Number.isFinite(tb) ? tb : 0);
  };
}

export async function buildModel(manifest: PackageManifest): Promise<PortfolioModel> {
  const spec = manifest.qualification;
  const evidence = manifest.evidence.map((item, index): EvidenceEntry => ({ item, number: index + 1, code: `E${index + 1}` }));
  const evidenceById = new Map<string, EvidenceEntry>();
  for (const entry of evidence) if (!evidenceById.has(entry.item.id)) evidenceById.set(entry.item.id, entry);

  const contentHashes = await contentHashesOf(manifest.evidence);
  const coverage = computeCoverage(spec, manifest.mappings, manifest.decisions, contentHashes);

  const mappingsByPoint = new Map<string, Mapping[]>();
  const mappingsByEvidence = new Map<string, Mapping[]>();
  for (const mapping of manifest.mappings) {
    pushTo(mappingsByPoint, mapping.markingPointId, mapping);
    pushTo(mappingsByEvidence, mapping.evidenceId, mapping);
  }

  const points: PointEntry[] = [];
  const pointById = new Map<string, PointEntry>();
  const units: UnitEntry[] = spec.units.map((unit, unitIndex) => {
    const unitPoints: PointEntry[] = [];
    unit.learningOutcomes.forEach((outcome, outcomeIndex) => {
      outcome.markingPoints.forEach((point, pointIndex) => {
        const row = coverage.units[unitIndex]?.learningOutcomes[outcomeIndex]?.markingPoints[pointIndex];
        const entry: PointEntry = { point, unit, outcome, status: row?.status ?? 'gap', evidenceIds: row?.evidence ?? [] };
        unitPoints.push(entry);
        points.push(entry);
        if (!pointById.has(point.id)) pointById.set(point.id, entry);
      });
    });
    return { unit, points: unitPoints, decisions: [], signOffs: [], iqaSamples: [] };
  });
  const unitById = new Map<string, UnitEntry>();
  for (const entry of units) if (!unitById.has(entry.unit.id)) unitById.set(entry.unit.id, entry);

  const strayDecisions: AssessorDecision[] = [];
  const decisions = [...manifest.decisions].sort(byTime((decision) => decision.decidedAt));
  for (const decision of decisions) {
    const point = pointById.get(decision.markingPointId);
    const unit = point === undefined ? undefined : unitById.get(point.unit.id);
    if (unit === undefined) strayDecisions.push(decision);
    else unit.decisions.push(decision);
  }
  for (const signOff of [...manifest.signOffs].sort(byTime((value) => value.signedAt))) unitById.get(signOff.unitId)?.signOffs.push(signOff);
  for (const sample of [...manifest.iqaSamples].sort(byTime((value) => value.sampledAt))) unitById.get(sample.unitId)?.iqaSamples.push(sample);

  const currentDecisionIds = new Set<string>();
  for (const decision of latestDecisions(manifest.decisions).values()) currentDecisionIds.add(decision.id);
  const staleDecisionIds = new Set<string>();
  for (const decision of manifest.decisions) if (isDecisionStale(decision, contentHashes)) staleDecisionIds.add(decision.id);

  const witnesses: WitnessEntry[] = [];
  for (const entry of evidence) {
    const details = entry.item.details;
    if (details.type === 'witness-testimony' && details.witness !== undefined && details.witness !== null) {
      const witness: WitnessEntry = { witness: details.witness, evidence: entry };
      if (details.statementDate !== undefined) witness.statementDate = details.statementDate;
      witnesses.push(witness);
    }
  }

  const fingerprints = new Map<string, string | undefined>();
  const keys = new Set<string>();
  for (const record of [...manifest.decisions, ...manifest.signOffs, ...manifest.iqaSamples, ...manifest.declarations]) {
    const key = record.signature?.publicKey;
    if (typeof key === 'string') keys.add(key);
  }
  await Promise.all(
    [...keys].map(async (key) => {
      try {
        fingerprints.set(key, await fingerprintOf(key));
      } catch {
        fingerprints.set(key, undefined);
      }
    }),
  );

  const verification = await verifyPortfolio(manifest, contentHashes);
  const signatureFailures = new Map<object, string>();
  const recordLists: Record<string, readonly object[]> = { decisions: manifest.decisions, signOffs: manifest.signOffs, iqaSamples: manifest.iqaSamples, declarations: manifest.declarations };
  for (const finding of verification.findings) {
    // Every error counts: not as signed, out of its signer's chain, or not signed with its signer's key.
    if (findingSeverity(finding.kind) !== 'error') continue;
    const [, list, index] = /^\/(decisions|signOffs|iqaSamples|declarations)\/(\d+)$/.exec(finding.path) ?? [];
    const record = list === undefined ? undefined : recordLists[list]?.[Number(index)];
    if (record !== undefined && !signatureFailures.has(record)) signatureFailures.set(record, finding.message);
  }

  const attachments = new Map<string, PackagedAttachment>();
  for (const attachment of manifest.attachments) attachments.set(attachment.sha256, attachment);
  const attachmentUsers = new Map<string, EvidenceEntry[]>();
  for (const entry of evidence) {
    const seen = new Set<string>();
    for (const ref of entry.item.attachments) {
      if (seen.has(ref.sha256)) continue;
      seen.add(ref.sha256);
      pushTo(attachmentUsers, ref.sha256, entry);
    }
  }

  return {
    manifest,
    evidence,
    evidenceById,
    coverage,
    units,
    points,
    pointById,
    mappingsByPoint,
    mappingsByEvidence,
    strayDecisions,
    currentDecisionIds,
    staleDecisionIds,
    witnesses,
    contentHashes,
    fingerprints,
    verification,
    signatureFailures,
    attachments,
    attachmentUsers,
  };
}

/** `E12 · Title`, or a plain note when a mapping points at an item that is not in the package. */
export function evidenceLabel(model: PortfolioModel, evidenceId: string): string {
  const entry = model.evidenceById.get(evidenceId);
  return entry === undefined ? `Missing evidence item (${evidenceId})` : `${entry.code} · ${entry.item.title}`;
}

/** A marking point's short form for narrow places: its label, or the start of its text. */
export function pointShortText(point: MarkingPoint): string {
  const label = typeof point.label === 'string' ? point.label.trim() : '';
  return label !== '' ? label : point.text;
}
