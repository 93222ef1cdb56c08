import { formatProblem } from '../../core/problems';
import { MAX_SPEC_BYTES, validateSpecBytes } from '../../core/spec/validate';
import { EXIT_INVALID, exactlyOnePositional, hasFlag, parseArgs, terminalText, type Command } from '../cli-kit';
import { readBounded } from '../read-bounded';

export const command: Command = {
  summary: 'Validates a qualification specification: one summary line, or one line per problem.',
  usage: 'validate-spec <file> [--json]',
  async run(argv, io) {
    const args = parseArgs(argv, [], ['--json']);
    const path = exactlyOnePositional(args, 'specification file');
    const bytes = await readBounded(path, MAX_SPEC_BYTES);
    const result = bytes === 'too-large'
      ? { ok: false as const, problems: [{ path: '', message: 'The file is larger than 5 MiB; a qualification specification may be at most 5 MiB.' }] }
      : validateSpecBytes(bytes);
    if (hasFlag(args, '--json')) {
      io.stdout(JSON.stringify(result.ok ? { valid: true, ...summarise(result.spec) } : { valid: false, problems: result.problems }, null, 2));
      return result.ok ? 0 : EXIT_INVALID;
    }
    if (!result.ok) {
      for (const problem of result.problems) io.stderr(terminalText(`${path}: ${formatProblem(problem)}`));
      return EXIT_INVALID;
    }
    const summary = summarise(result.spec);
    io.stdout(terminalText(`${path}: valid ${result.spec.format} "${result.spec.title}" (${result.spec.id} version ${result.spec.version}): ${summary.units} units, ${summary.learningOutcomes} learning outcomes, ${summary.markingPoints} marking points.`));
    return 0;
  },
};

function summarise(spec: { id: string; version: string; units: Array<{ learningOutcomes: Array<{ markingPoints: unknown[] }> }> }) {
  const outcomes = spec.units.flatMap((unit) => unit.learningOutcomes);
  return { id: spec.id, version: spec.version, units: spec.units.length, learningOutcomes: outcomes.length, markingPoints: outcomes.flatMap((outcome) => outcome.markingPoints).length };
}
