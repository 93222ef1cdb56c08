import { formatBytes } from '../../core/package/zip-format';
import { formatProblem } from '../../core/problems';
import { EXIT_INVALID, InputError, exactlyOnePositional, hasFlag, parseArgs, terminalText, type Command } from '../cli-kit';
import { PackageFileError, openPackageFile } from '../package-file';

export const command: Command = {
  summary: 'Validates a portfolio package as a reader would before importing it.',
  usage: 'validate-package <file> [--json]',
  async run(argv, io) {
    const args = parseArgs(argv, [], ['--json']);
    const path = exactlyOnePositional(args, 'package file');
    const isJson = hasFlag(args, '--json');

    let opened;
    try {
      opened = await openPackageFile(path);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const problems = error instanceof PackageFileError ? error.problems : [{ path: '', message: error.message }];
      if (isJson) {
        io.stdout(JSON.stringify({ valid: false, problems }, null, 2));
      } else {
        // A file-system message already names the file; package problems get it added here.
        for (const problem of problems) io.stderr(terminalText(error instanceof PackageFileError ? `${path}: ${formatProblem(problem)}` : problem.message));
      }
      return EXIT_INVALID;
    }
    try {
      const { manifest } = opened;
      const attachmentBytes = manifest.attachments.reduce((sum, attachment) => sum + attachment.size, 0);
      const summary = {
        format: manifest.format,
        learner: manifest.portfolio.learner.name,
        centre: manifest.portfolio.centre.name,
        qualification: { id: manifest.qualification.id, title: manifest.qualification.title, version: manifest.qualification.version },
        evidence: manifest.evidence.length,
        mappings: manifest.mappings.length,
        attachments: manifest.attachments.length,
        attachmentBytes,
        decisions: manifest.decisions.length,
        signOffs: manifest.signOffs.length,
      };
      if (isJson) {
        io.stdout(JSON.stringify({ valid: true, ...summary }, null, 2));
      } else {
        io.stdout(
          terminalText(
            `${path}: valid ${manifest.format} for ${quoted(summary.learner)}, ${quoted(manifest.qualification.title)} (${manifest.qualification.id} version ${manifest.qualification.version}): ` +
              `${count(summary.evidence, 'evidence item')}, ${count(summary.attachments, 'attachment')} (${formatBytes(attachmentBytes)}), ${count(summary.decisions, 'assessor decision')}.`,
          ),
        );
      }
      return 0;
    } finally {
      await opened.close();
    }
  },
};

function count(value: number, noun: string): string {
  return `${value.toLocaleString('en-GB')} ${noun}${value === 1 ? '' : 's'}`;
}

function quoted(text: string): string {
  return text.trim() === '' ? '(no name given)' : `"${text.length > 80 ? `${text.slice(0, 77)}…` : text}"`;
}

