/**
 * Generated portfolios (seeded, so any failure is reproducible): the matrix must satisfy the
 * contract's invariants and agree with a deliberately plain reference written from the
 * definitions, including mappings to unknown marking points, dangling evidence, duplicate
 * mappings, stale, tied and unreadable decisions.
 */
import { describe, expect, it } from 'vitest';
import { computeCoverage, coverageTotals } from '../../../core/coverage/coverage';
import type { CoverageMatrix, CoverageStatus } from '../../../core/coverage/types';
import type { AssessorDecision, Mapping } from '../../../core/model/portfolio';
import type { QualificationSpec } from '../../../core/spec/types';
import { makeDecision, makeMapping, makeSpec, type UnitOutline } from './fixtures';
import { SeededRandom } from './prng';

interface Generated {
  spec: QualificationSpec;
  mappings: Mapping[];
  decisions: AssessorDecision[];
  hashes: Map<string, string>;
}

const TIMES = ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00Z', '2026-02-01T12:00:00.000Z', '2026-03-05T08:15:30.500Z', 'not a date'];

function generate(random: SeededRandom): Generated {
  const outlines: UnitOutline[] = [];
  const unitCount = random.int(1, 4);
  for (let u = 1; u <= unitCount; u++) {
    const outcomes = [];
    for (let o = 1; o <= random.int(1, 3); o++) {
      const points = [];
      for (let p = 1; p <= random.int(1, 5); p++) points.push(`U${u}.${o}.${p}`);
      outcomes.push({ id: `U${u}.LO${o}`, points });
    }
    outlines.push({ id: `U${u}`, outcomes });
  }
  const spec = makeSpec(outlines);
  const pointIds = outlines.flatMap((unit) => unit.outcomes.flatMap((outcome) => outcome.points));
  const targets = [...pointIds, 'UNKNOWN.1', 'UNKNOWN.2'];

  const evidenceIds = Array.from({ length: random.int(0, 12) }, (_, index) => `ev-${index}`);
  const hashes = new Map(evidenceIds.map((id) => [id, `sha256:${id}-v${random.int(1, 2)}`]));
  // Dangling references: items that were mapped or judged and have since gone.
  const everMapped = [...evidenceIds, 'gone-1', 'gone-2'];

  const mappings: Mapping[] = [];
  if (everMapped.length > 0) {
    for (let m = random.int(0, 40); m > 0; m--) mappings.push(makeMapping(random.pick(everMapped), random.pick(targets)));
  }

  const decisions: AssessorDecision[] = [];
  for (let d = random.int(0, 20); d > 0; d--) {
    const judged = Array.from({ length: random.int(0, 3) }, () => {
      const evidenceId = random.pick(everMapped);
      const current = hashes.get(evidenceId);
      // Mostly the current hash; sometimes the other version (the item has since changed).
      const contentHash = current !== undefined && random.chance(0.8) ? current : `sha256:${evidenceId}-v${random.int(1, 2)}`;
      return { evidenceId, contentHash };
    });
    decisions.push(makeDecision(`d-${random.int(0, 9)}-${d}`, random.pick(targets), random.chance(0.6) ? 'met' : 'not-yet', judged, random.pick(TIMES)));
  }
  return { spec, mappings, decisions, hashes };
}

/** Written straight from the definitions, with nested scans and no indexes. */
function referenceStatus(generated: Generated, pointId: string): { evidence: string[]; status: CoverageStatus } {
  const evidence = [...new Set(generated.mappings.filter((mapping) => mapping.markingPointId === pointId).map((mapping) => mapping.evidenceId))].sort();
  if (evidence.length === 0) return { evidence, status: 'gap' };
  const time = (decision: AssessorDecision): number => {
    const parsed = Date.parse(decision.decidedAt);
    return Number.isNaN(parsed) ? -Infinity : parsed;
  };
  let latest: AssessorDecision | undefined;
  for (const decision of generated.decisions) {
    if (decision.markingPointId !== pointId) continue;
    if (latest === undefined || time(decision) > time(latest) || (time(decision) === time(latest) && decision.id > latest.id)) latest = decision;
  }
  if (latest === undefined) return { evidence, status: 'claimed' };
  const isStale = latest.evidence.some((judged) => generated.hashes.get(judged.evidenceId) !== judged.contentHash);
  return { evidence, status: isStale ? 'stale' : latest.status };
}

function rows(matrix: CoverageMatrix): Array<{ id: string; evidence: string[]; status: CoverageStatus }> {
  return matrix.units.flatMap((unit) => unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints));
}

describe('coverage matrix on generated portfolios', () => {
  it('holds the contract invariants and agrees with the reference for 600 portfolios', () => {
    const random = new SeededRandom(20_260_301);
    const seen = new Set<CoverageStatus>();
    for (let iteration = 0; iteration < 600; iteration++) {
      const generated = generate(random);
      const matrix = computeCoverage(generated.spec, generated.mappings, generated.decisions, generated.hashes);
      const all = rows(matrix);
      const { summary } = matrix;

      expect(summary.gaps + summary.claimed + summary.met + summary.notYet + summary.stale).toBe(summary.markingPoints);
      expect(summary.markingPoints).toBe(all.length);
      expect(summary.gaps).toBe(all.filter((row) => row.status === 'gap').length);
      expect(summary.claimed).toBe(all.filter((row) => row.status === 'claimed').length);
      expect(summary.met).toBe(all.filter((row) => row.status === 'met').length);
      expect(summary.notYet).toBe(all.filter((row) => row.status === 'not-yet').length);
      expect(summary.stale).toBe(all.filter((row) => row.status === 'stale').length);
      expect(coverageTotals(matrix).overall).toEqual(summary);

      for (const row of all) {
        seen.add(row.status);
        const isMapped = generated.mappings.some((mapping) => mapping.markingPointId === row.id);
        expect(row.status === 'gap').toBe(!isMapped);
        expect(row.evidence.length === 0).toBe(row.status === 'gap');
        expect(new Set(row.evidence).size).toBe(row.evidence.length);
        expect(row).toEqual({ id: row.id, ...referenceStatus(generated, row.id) });
      }

      // The order records arrive in changes nothing.
      const shuffled = computeCoverage(generated.spec, [...generated.mappings].reverse(), [...generated.decisions].reverse(), generated.hashes);
      expect(shuffled).toEqual(matrix);
    }
    // The generator reaches every status, so the loop above really exercised each of them.
    expect([...seen].sort()).toEqual(['claimed', 'gap', 'met', 'not-yet', 'stale']);
  });
});
