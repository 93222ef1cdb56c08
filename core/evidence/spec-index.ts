/** Looking up marking points of a qualification by id, with their unit and learning outcome. */
import type { LearningOutcome, MarkingPoint, QualificationSpec, Unit } from '../spec/types';

export interface MarkingPointRef {
  point: MarkingPoint;
  outcome: LearningOutcome;
  unit: Unit;
}

export function markingPointIndex(spec: QualificationSpec): Map<string, MarkingPointRef> {
  const index = new Map<string, MarkingPointRef>();
  for (const unit of spec.units) {
    for (const outcome of unit.learningOutcomes) {
      for (const point of outcome.markingPoints) index.set(point.id, { point, outcome, unit });
    }
  }
  return index;
}

/** A short name for a marking point in lists: its label, or the start of its text. */
export function markingPointShortName(point: MarkingPoint, max = 80): string {
  if (point.label && point.label.trim() !== '') return point.label;
  const text = point.text.replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
