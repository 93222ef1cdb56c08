import { basename } from 'node:path';
import { formatProblem } from '../../core/problems';
import { MAX_CONVERT_INPUT_BYTES, SOURCE_FORMATS, SOURCE_FORMAT_NAMES, type SourceFormat, convertSpecBytes, specCounts, specText } from '../../core/spec/convert/index';
import { formatMiB } from '../../core/spec/validate';
import { EXIT_INVALID, UsageError, exactlyOnePositional, optionValue, parseArgs, terminalText, type Command } from '../cli-kit';
import { readBounded } from '../read-bounded';

export const command: Command = {
  summary: 'Converts an IMS CASE package, an IfATE standard, a Mahara .matrix or a Moodle competency CSV into a specification on stdout.',
  usage: `convert-spec <file> [--from ${SOURCE_FORMATS.join('|')}]`,
  async run(argv, io) {
    const args = parseArgs(argv, ['--from'], []);
    const path = exactlyOnePositional(args, 'file to convert');
    const from = optionValue(args, '--from');
    if (from !== undefined && !isSourceFormat(from)) {
      throw new UsageError(`--from takes one of ${SOURCE_FORMATS.join(', ')}, not "${terminalText(from)}".`);
    }
    const bytes = await readBounded(path, MAX_CONVERT_INPUT_BYTES);
    const result = bytes === 'too-large'
      ? { ok: false as const, problems: [{ path: '', message: `The file is larger than ${formatMiB(MAX_CONVERT_INPUT_BYTES)}; a framework to convert may be at most that.` }] }
      : convertSpecBytes(bytes, { from, fileName: basename(path) });
    if (!result.ok) {
      for (const problem of result.problems) io.stderr(terminalText(`${path}: ${formatProblem(problem)}`));
      return EXIT_INVALID;
    }
    io.stdout(specText(result.spec));
    const counts = specCounts(result.spec);
    io.stderr(terminalText(`${path}: converted ${SOURCE_FORMAT_NAMES[result.format]} "${result.spec.title}" to ${result.spec.format} (${result.spec.id} version ${result.spec.version}): ${counts.units} units, ${counts.learningOutcomes} learning outcomes, ${counts.markingPoints} marking points.`));
    for (const note of result.notes) io.stderr(terminalText(`${path}: note: ${note.where === '' ? '' : `${note.where}: `}${note.message}`));
    return 0;
  },
};

function isSourceFormat(value: string): value is SourceFormat {
  return (SOURCE_FORMATS as readonly string[]).includes(value);
}
