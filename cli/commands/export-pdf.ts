/**
 * `export-pdf <file> -o <out.pdf> [--draft] [--json]`: the PDF submission of a package
 * (CONTRACTS.md §4), made by the same core code as the desktop app. The PDF is written to a
 * temporary file beside the target, flushed and renamed into place, so an interrupted export
 * (Ctrl+C, a full disk, a damaged picture) never leaves a half-written PDF under the real name.
 */
import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { describeRefusal, finalPrintVerdict } from '../../core/checks/submission-gate';
import { CanonicalJsonError } from '../../core/integrity/canonical-json';
import type { ByteSink } from '../../core/package/byte-io';
import { exportSubmissionPdf, type SubmissionPdfStats } from '../../core/pdf/build-pdf';
import { formatBytes } from '../../core/pdf/format';
import { EXIT_OK, InputError, UsageError, exactlyOnePositional, hasFlag, optionValue, parseArgs, type Command } from '../cli-kit';
import { fileByteSink, openPackageFile } from '../package-file';
import { currentHashes } from './coverage';

/**
 * Runs `write` against a sink on a temporary file and renames it to `path` only when it
 * succeeded; otherwise removes it and leaves `path` as it was. A file-system failure of the
 * output itself becomes an InputError naming `path`; other failures pass through unchanged.
 */
export async function writeFileAtomically<T>(path: string, write: (sink: ByteSink) => Promise<T>): Promise<T> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  const output = async <R>(step: () => Promise<R>): Promise<R> => {
    try {
      return await step();
    } catch (error) {
      throw new InputError(describeWriteError(path, error));
    }
  };
  try {
    handle = await output(() => open(temp, 'wx'));
    const file = fileByteSink(handle);
    const result = await write({ write: (chunk) => output(() => file.write(chunk)) });
    const opened = handle;
    await output(() => opened.sync());
    await output(() => opened.close());
    handle = undefined;
    await output(() => rename(temp, path));
    return result;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** A plain sentence for a failed write, naming the file. */
export function describeWriteError(path: string, error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
      return `${path}: the folder does not exist.`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `${path}: permission denied; the file cannot be written there.`;
    case 'ENOSPC':
      return `${path}: the disk is full; no PDF was written.`;
    case 'EISDIR':
      return `${path} is a folder, not a file.`;
    default:
      return `${path}: the PDF could not be written (${code || (error instanceof Error ? error.message : String(error))}).`;
  }
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export const command: Command = {
  summary: 'Writes the PDF submission (PDF/A-2b) of a package; refuses a package whose checks find errors unless --draft, which marks every page DRAFT.',
  usage: 'export-pdf <file.portfolio> -o <out.pdf> [--draft] [--json]',
  async run(argv, io) {
    const args = parseArgs(argv, ['-o', '--output'], ['--draft', '--json']);
    const path = exactlyOnePositional(args, 'package file');
    const short = optionValue(args, '-o');
    const long = optionValue(args, '--output');
    if (short !== undefined && long !== undefined) throw new UsageError('Give the output file once, with -o or --output.');
    const output = short ?? long;
    if (output === undefined) throw new UsageError('Give the PDF file to write with -o <out.pdf>.');
    if (resolve(output) === resolve(path)) throw new UsageError('The PDF would overwrite the package; choose another output file.');
    const isDraft = hasFlag(args, '--draft');

    const opened = await openPackageFile(path);
    if (!isDraft) {
      // Only final when it is final: the same checks as `check`, before any file is touched.
      try {
        const verdict = finalPrintVerdict(opened.manifest, await currentHashes(path, opened.manifest.evidence));
        if (!verdict.isFinalAllowed) {
          const lines = describeRefusal(verdict.errors, 'make a draft to review with --draft (every page is marked DRAFT). No PDF was written.');
          throw new InputError(`${path}: ${lines.join('\n')}`);
        }
      } catch (error) {
        await opened.close();
        throw error;
      }
    }
    const controller = new AbortController();
    const onInterrupt = (): void => controller.abort();
    process.once('SIGINT', onInterrupt);
    let stats: SubmissionPdfStats;
    try {
      stats = await writeFileAtomically(output, (sink) =>
        exportSubmissionPdf({ manifest: opened.manifest, readAttachment: (sha256) => opened.readAttachment(sha256), isDraft, signal: controller.signal }, sink),
      );
    } catch (error) {
      if (isAbortError(error)) throw new InputError('The export was cancelled; no PDF was written.');
      if (error instanceof CanonicalJsonError) throw new InputError(`${path}: ${error.message}`);
      throw error;
    } finally {
      process.off('SIGINT', onInterrupt);
      await opened.close();
    }
    if (hasFlag(args, '--json')) {
      io.stdout(JSON.stringify({ output: resolve(output), pages: stats.pages, bytes: stats.bytes, isDraft }));
    } else {
      io.stdout(`Wrote ${stats.pages} pages (${formatBytes(stats.bytes)}${isDraft ? ', marked DRAFT' : ''}) to ${output}.`);
    }
    return EXIT_OK;
  },
};
