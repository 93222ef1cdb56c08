import { BUILTIN_IDENTITY, BUILTIN_OUTLINE } from './builtin-outline';
import { parseSeedDocument } from './seed-parser';
import { QUALIFICATION_FORMAT, type LearningOutcome, type QualificationSpec, type Unit } from './types';

export interface SeedFile {
  name: string;
  text: string;
}

/**
 * Builds the built-in qualification from the seed documents: one unit per document, every
 * examiner marking point verbatim, and the synopsis, key concepts, tips and misconceptions
 * as guidance. Fails loudly if a seed has marking points the outline does not place, so a
 * changed seed can never silently drop a marking point.
 */
export function buildBuiltinSpec(seeds: SeedFile[]): QualificationSpec {
  const units = BUILTIN_OUTLINE.map((outline): Unit => {
    const seed = seeds.find((file) => file.name.startsWith(outline.seed));
    if (!seed) throw new Error(`No seed document starting with "${outline.seed}" for unit ${outline.id}.`);
    const document = parseSeedDocument(seed.text);
    const placed = outline.outcomes.flatMap((outcome) => outcome.points.map((point) => point.index)).sort((a, b) => a - b);
    const expected = document.markingPoints.map((_, index) => index);
    if (placed.join(',') !== expected.join(',')) {
      throw new Error(`Seed ${seed.name} has ${document.markingPoints.length} marking points; the outline for ${outline.id} places [${placed.join(', ')}].`);
    }
    const learningOutcomes = outline.outcomes.map((outcome, outcomeIndex): LearningOutcome => ({
      id: `${outline.id}.LO${outcomeIndex + 1}`,
      title: outcome.title,
      markingPoints: outcome.points.map((point, pointIndex) => ({
        id: `${outline.id}.${outcomeIndex + 1}.${pointIndex + 1}`,
        text: document.markingPoints[point.index] as string,
        label: point.label,
      })),
    }));
    const unit: Unit = {
      id: outline.id,
      title: outline.title,
      synopsis: document.synopsis,
      guidance: { keyConcepts: document.keyConcepts, tips: document.tips, misconceptions: document.misconceptions },
      learningOutcomes,
    };
    return outline.requiresReactiveAndProactive ? { ...unit, 'x-requires-reactive-and-proactive': true } : unit;
  });
  return { format: QUALIFICATION_FORMAT, ...BUILTIN_IDENTITY, units };
}
