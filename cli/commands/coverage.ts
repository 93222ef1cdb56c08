/**
 * `coverage <file> [--json]`: the coverage gap matrix of a package (CONTRACTS.md §3). `--json`
 * prints exactly the contract's shape; the default is a table with every marking point's id and
 * status, gaps in capitals, and a summary line. A report, not a check: it exits 0 even with gaps.
 */
import { computeCoverage, contentHashesOf } from '../../core/coverage/coverage';
import { formatCoverageTable } from '../../core/coverage/coverage-table';
import type { CoverageMatrix } from '../../core/coverage/types';
import { CanonicalJsonError } from '../../core/integrity/canonical-json';
import type { EvidenceItem } from '../../core/model/portfolio';
import { EXIT_OK, InputError, exactlyOnePositional, hasFlag, parseArgs, type Command } from '../cli-kit';
import { openPackageFile } from '../package-file';

/** Current content hashes; an item that cannot be hashed is bad input, named in the message. */
export async function currentHashes(path: string, evidence: readonly EvidenceItem[]): Promise<Map<string, string>> {
  try {
    return await contentHashesOf(evidence);
  } catch (error) {
    if (error instanceof CanonicalJsonError) throw new InputError(`${path}: ${error.message}`);
    throw error;
  }
}

/** Rebuilt key by key so the output holds the contract's keys and nothing else. */
export function contractJson(matrix: CoverageMatrix): CoverageMatrix {
  return {
    units: matrix.units.map((unit) => ({
      id: unit.id,
      learningOutcomes: unit.learningOutcomes.map((outcome) => ({
        id: outcome.id,
        markingPoints: outcome.markingPoints.map((point) => ({ id: point.id, evidence: [...point.evidence], status: point.status })),
      })),
    })),
    summary: {
      markingPoints: matrix.summary.markingPoints,
      gaps: matrix.summary.gaps,
      claimed: matrix.summary.claimed,
      met: matrix.summary.met,
      notYet: matrix.summary.notYet,
      stale: matrix.summary.stale,
    },
  };
}

export const command: Command = {
  summary: 'Shows the coverage gap matrix: each marking point, its evidence and its status.',
  usage: 'coverage <file.portfolio> [--json]',
  async run(argv, io) {
    const args = parseArgs(argv, [], ['--json']);
    const path = exactlyOnePositional(args, 'package file');
    const opened = await openPackageFile(path);
    try {
      const { manifest } = opened;
      const hashes = await currentHashes(path, manifest.evidence);
      const matrix = computeCoverage(manifest.qualification, manifest.mappings, manifest.decisions, hashes);
      io.stdout(hasFlag(args, '--json') ? JSON.stringify(contractJson(matrix), null, 2) : formatCoverageTable(matrix, manifest.qualification));
      return EXIT_OK;
    } finally {
      await opened.close();
    }
  },
};
