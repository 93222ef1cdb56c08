/**
 * `.portfolio` package files for the CLI, over the Node adapters in core/node/: opening a
 * package with full validation, and writing one atomically (temp file, fsync, rename) so a
 * crash or a full disk never leaves a half-written package under the real name.
 */
import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileByteSink, fileByteSource, nodeCrc32, nodeSha256Hasher } from '../core/node/file-io';
import type { PackageManifest } from '../core/package/manifest';
import { readPackage } from '../core/package/reader';
import { type AttachmentPayload, PackageWriteError, writePackage } from '../core/package/writer';
import { type Problem, formatProblem } from '../core/problems';
import { InputError } from './cli-kit';
import { describeFileError } from './file-errors';
import { openRegularFile } from './read-bounded';

/** The package could not be opened because it is invalid; `problems` lists why. */
export class PackageFileError extends InputError {
  constructor(readonly problems: Problem[], message: string) {
    super(message);
    this.name = 'PackageFileError';
  }
}

export interface OpenedPackage {
  manifest: PackageManifest;
  readAttachment(sha256: string): Promise<Uint8Array>;
  openAttachment(sha256: string): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Opens and fully validates a package file. Throws InputError (PackageFileError when the
 * package itself is invalid) with one line per problem. The file stays open for reading
 * attachments until `close()`.
 */
export async function openPackageFile(path: string, options: { onProgress?: (done: number, total: number) => void } = {}): Promise<OpenedPackage> {
  const handle: FileHandle = await openRegularFile(path);
  let isOpen = false;
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new InputError(`${path} is not a file.`);
    const result = await readPackage(fileByteSource(handle, stats.size), {
      createHasher: nodeSha256Hasher,
      crc32: nodeCrc32,
      onProgress: options.onProgress,
    });
    if (!result.ok) {
      throw new PackageFileError(result.problems, result.problems.map((problem) => `${path}: ${formatProblem(problem)}`).join('\n'));
    }
    isOpen = true;
    return {
      manifest: result.manifest,
      readAttachment: (sha256) => result.readAttachment(sha256),
      openAttachment: (sha256) => result.openAttachment(sha256),
      close: () => handle.close(),
    };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(describeFileError(path, error));
  } finally {
    if (!isOpen) await handle.close().catch(() => undefined);
  }
}

/**
 * Writes a package atomically: into a temp file beside the target, flushed to disk, then
 * renamed over the target. On any failure the temp file is removed and the target is untouched.
 */
export async function writePackageFile(
  path: string,
  manifest: PackageManifest,
  attachments: AttachmentPayload[],
  options: { onProgress?: (doneBytes: number, totalBytes: number) => void } = {},
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx');
    await writePackage(manifest, attachments, fileByteSink(handle), {
      createHasher: nodeSha256Hasher,
      crc32: nodeCrc32,
      onProgress: options.onProgress,
    });
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    if (error instanceof PackageWriteError) {
      throw new InputError(error.problems.map((problem) => `${path}: ${formatProblem(problem)}`).join('\n'));
    }
    throw new InputError(describeWriteError(path, error));
  }
  await syncDirectory(dirname(path));
}

/** Makes the rename itself durable; not every platform can open a folder, which is fine. */
async function syncDirectory(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic there.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function describeWriteError(path: string, error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT': return `${path}: the folder does not exist.`;
    case 'EACCES':
    case 'EPERM': return `${path}: permission denied; the file cannot be written there.`;
    case 'ENOSPC': return `${path}: the disk is full; nothing was written.`;
    case 'EISDIR': return `${path} is a folder, not a file.`;
    default: return `${path}: the file could not be written (${code || (error instanceof Error ? error.message : String(error))}).`;
  }
}

export { fileByteSink, fileByteSource, nodeCrc32, nodeSha256Hasher };
