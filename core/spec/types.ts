/**
 * Qualification specification, format `portfolio-qualification/1` (CONTRACTS.md §1).
 * These types mirror schemas/qualification.schema.json; keys beginning with `x-` are
 * allowed on every object and ignored by the product.
 */
export const QUALIFICATION_FORMAT = 'portfolio-qualification/1';

export interface KeyConcept {
  title: string;
  text: string;
}

export interface UnitGuidance {
  keyConcepts?: KeyConcept[];
  tips?: string[];
  misconceptions?: string[];
}

export interface MarkingPoint {
  id: string;
  /** The specification's wording, verbatim. */
  text: string;
  /** A short form for narrow columns. */
  label?: string;
}

export interface LearningOutcome {
  id: string;
  title: string;
  markingPoints: MarkingPoint[];
}

export interface Unit {
  id: string;
  title: string;
  synopsis?: string;
  guidance?: UnitGuidance;
  learningOutcomes: LearningOutcome[];
}

export interface QualificationSpec {
  format: typeof QUALIFICATION_FORMAT;
  id: string;
  title: string;
  awardingBody: string;
  level?: string;
  version: string;
  units: Unit[];
}
