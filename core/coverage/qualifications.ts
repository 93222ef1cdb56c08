/**
 * Evidence across more than one qualification. A portfolio has one main qualification
 * (`qualification`) and, optionally, `additionalQualifications`: for an apprentice, the
 * standard's KSBs and a qualification taken inside it. A mapping without `qualificationId`
 * is to the main qualification (so a one-qualification portfolio keeps its shape exactly);
 * with one, to that additional qualification. Marking point ids are resolved within their
 * own qualification, so "K1" of a standard and "K1" of a diploma never meet. Each
 * qualification has its own coverage matrix. Assessor decisions are about the main
 * qualification's marking points (their signed content names no qualification).
 */
import type { AssessorDecision, Mapping, PortfolioContent } from '../model/portfolio';
import type { QualificationSpec } from '../spec/types';
import { computeCoverage } from './coverage';
import type { CoverageMatrix } from './types';

export interface QualificationMatrix {
  qualification: QualificationSpec;
  isMain: boolean;
  matrix: CoverageMatrix;
}

type QualificationsOf = Pick<PortfolioContent, 'qualification' | 'additionalQualifications' | 'mappings'>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The additional qualifications, each id once (the validator refuses repeats; a damaged list is read safely). */
export function additionalQualificationsOf(content: Pick<PortfolioContent, 'qualification' | 'additionalQualifications'>): QualificationSpec[] {
  const seen = new Set<string>([content.qualification?.id]);
  const specs: QualificationSpec[] = [];
  for (const spec of Array.isArray(content.additionalQualifications) ? content.additionalQualifications : []) {
    if (!isRecord(spec) || typeof spec.id !== 'string' || seen.has(spec.id)) continue;
    seen.add(spec.id);
    specs.push(spec);
  }
  return specs;
}

/** The mappings to one qualification: `undefined` names the main one. */
export function mappingsFor(mappings: readonly Mapping[], qualificationId: string | undefined): Mapping[] {
  return mappings.filter((mapping) => isRecord(mapping) && (mapping.qualificationId ?? undefined) === qualificationId);
}

/** Mappings naming a qualification the portfolio does not have (a damaged or hand-edited package). */
export function mappingsToUnknownQualifications(content: QualificationsOf): Mapping[] {
  const known = new Set(additionalQualificationsOf(content).map((spec) => spec.id));
  return (Array.isArray(content.mappings) ? content.mappings : []).filter((mapping) => isRecord(mapping) && typeof mapping.qualificationId === 'string' && !known.has(mapping.qualificationId));
}

/**
 * Every qualification's coverage matrix, the main one first. Decisions count for the main
 * qualification only; an additional qualification's marking points are gaps or claimed.
 */
export function qualificationMatrices(content: QualificationsOf & { decisions: readonly AssessorDecision[] }, contentHashes: ReadonlyMap<string, string>): QualificationMatrix[] {
  const mappings = Array.isArray(content.mappings) ? content.mappings : [];
  return [
    { qualification: content.qualification, isMain: true, matrix: computeCoverage(content.qualification, mappingsFor(mappings, undefined), content.decisions, contentHashes) },
    ...additionalQualificationsOf(content).map((spec) => ({ qualification: spec, isMain: false, matrix: computeCoverage(spec, mappingsFor(mappings, spec.id), [], contentHashes) })),
  ];
}
