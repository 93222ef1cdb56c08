/**
 * `check <file> [--json]`: pre-submission checks (CONTRACTS.md §3). `--json` prints the array of
 * `{rule, severity, message, ref}`; the default prints one line per result (the count goes to
 * stderr, so standard output holds the results alone). Exits 1 when any result is an error.
 * Photos are read for their metadata and text and CSV files for personal data.
 */
import { runChecks, scanPortfolioAttachments } from '../../core/checks/checks';
import { checkSummary, formatCheckLine } from '../../core/checks/format';
import { concatBytes } from '../../core/package/byte-io';
import { EXIT_INVALID, EXIT_OK, exactlyOnePositional, hasFlag, parseArgs, type Command } from '../cli-kit';
import { openPackageFile } from '../package-file';
import { currentHashes } from './coverage';

/** The first `maxBytes` of a stream of chunks (the rest is never read). */
async function readHead(chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    parts.push(chunk.subarray(0, Math.min(chunk.byteLength, maxBytes - size)));
    size += Math.min(chunk.byteLength, maxBytes - size);
    if (size >= maxBytes) break;
  }
  return concatBytes(parts);
}

export const command: Command = {
  summary: 'Runs the pre-submission checks; fails when any check finds an error.',
  usage: 'check <file.portfolio> [--json]',
  async run(argv, io) {
    const args = parseArgs(argv, [], ['--json']);
    const path = exactlyOnePositional(args, 'package file');
    const opened = await openPackageFile(path);
    try {
      const { manifest } = opened;
      const scans = await scanPortfolioAttachments(manifest, (sha256, maxBytes) => readHead(opened.openAttachment(sha256), maxBytes));
      const results = runChecks(manifest, await currentHashes(path, manifest.evidence), scans);
      if (hasFlag(args, '--json')) {
        io.stdout(JSON.stringify(results.map(({ rule, severity, message, ref }) => ({ rule, severity, message, ref })), null, 2));
      } else if (results.length === 0) {
        io.stdout(checkSummary(results));
      } else {
        io.stdout(results.map(formatCheckLine).join('\n'));
        io.stderr(checkSummary(results));
      }
      return results.some((result) => result.severity === 'error') ? EXIT_INVALID : EXIT_OK;
    } finally {
      await opened.close();
    }
  },
};
