/**
 * `coverage <file> [--json]`: the coverage gap matrix of a package (CONTRACTS.md §3). `--json`
 * prints exactly the contract's shape; the default is a table with every marking point's id and
 * status, gaps in capitals, and a summary line. A report, not a check: it exits 0 even with gaps.
 */
import { contentHashesOf } from '../../core/coverage/coverage';
import { qualificationMatrices } from '../../core/coverage/qualifications';
import { formatCoverageTable, terminalText } from '../../core/coverage/coverage-table';
import type { QualificationSpec } from '../../core/spec/types';
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
      const [main, ...additional] = qualificationMatrices(manifest, hashes);
      const matrix = (main as (typeof additional)[number]).matrix;
      if (hasFlag(args, '--json')) {
        // One qualification: exactly the contract's shape. More: the same, plus each further qualification's matrix.
        const json = additional.length === 0 ? contractJson(matrix) : { ...contractJson(matrix), additionalQualifications: additional.map((entry) => ({ id: entry.qualification.id, version: entry.qualification.version, ...contractJson(entry.matrix) })) };
        io.stdout(JSON.stringify(json, null, 2));
      } else {
        const heading = (spec: QualificationSpec): string => `${terminalText(spec.title)} (${terminalText(spec.id, 64)} version ${terminalText(spec.version, 40)})`;
        const tables = [
          ...(additional.length > 0 ? [heading(manifest.qualification)] : []),
          formatCoverageTable(matrix, manifest.qualification),
          ...additional.flatMap((entry) => ['', heading(entry.qualification), formatCoverageTable(entry.matrix, entry.qualification)]),
        ];
        io.stdout(tables.join('\n'));
      }
      return EXIT_OK;
    } finally {
      await opened.close();
    }
  },
};
