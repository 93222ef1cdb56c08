/** The coverage gap matrix (CONTRACTS.md §3, `coverage --json`). */
export type CoverageStatus = 'gap' | 'claimed' | 'met' | 'not-yet' | 'stale';

export interface MarkingPointCoverage {
  id: string;
  /** Ids of the evidence items mapped to this marking point; empty exactly when `gap`. */
  evidence: string[];
  status: CoverageStatus;
}

export interface LearningOutcomeCoverage {
  id: string;
  markingPoints: MarkingPointCoverage[];
}

export interface UnitCoverage {
  id: string;
  learningOutcomes: LearningOutcomeCoverage[];
}

export interface CoverageSummary {
  markingPoints: number;
  gaps: number;
  claimed: number;
  met: number;
  notYet: number;
  stale: number;
}

export interface CoverageMatrix {
  units: UnitCoverage[];
  summary: CoverageSummary;
}
