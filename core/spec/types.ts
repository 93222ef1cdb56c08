/**
 * Qualification specification, format `portfolio-qualification/1` (CONTRACTS.md §1).
 * These types mirror schemas/qualification.schema.json; keys beginning with `x-` are
 * allowed on every object and ignored by the product.
 */
export const QUALIFICATION_FORMAT = 'portfolio-qualification/1';

/** Extension keys (`x-…`) are kept as they are and ignored by the product, except where named. */
export type Extensions = { [key: `x-${string}`]: unknown };

export interface KeyConcept extends Extensions {
  title: string;
  text: string;
}

export interface UnitGuidance extends Extensions {
  keyConcepts?: KeyConcept[];
  tips?: string[];
  misconceptions?: string[];
}

export interface MarkingPoint extends Extensions {
  id: string;
  /** The specification's wording, verbatim. */
  text: string;
  /** A short form for narrow columns. */
  label?: string;
}

export interface LearningOutcome extends Extensions {
  id: string;
  title: string;
  markingPoints: MarkingPoint[];
}

export interface Unit extends Extensions {
  id: string;
  title: string;
  synopsis?: string;
  guidance?: UnitGuidance;
  learningOutcomes: LearningOutcome[];
}

export interface QualificationSpec extends Extensions {
  format: typeof QUALIFICATION_FORMAT;
  id: string;
  title: string;
  awardingBody: string;
  level?: string;
  /** An Ofqual QAN (`603/1234/5`) or an apprenticeship standard reference (`ST0116`); shown on screens and the PDF cover. */
  qualificationNumber?: string;
  version: string;
  units: Unit[];
}
