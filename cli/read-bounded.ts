/** Reading an input file without ever holding more than a bound of it, for the CLI commands. */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { InputError } from './cli-kit';
import { describeFileError } from './file-errors';

/** Opens a regular file for reading; anything else (missing, a folder, a pipe) is an InputError in plain words. */
export async function openRegularFile(path: string): Promise<FileHandle> {
  try {
    // Asked first, so a named pipe or device is refused at once instead of blocking open().
    if (!(await stat(path)).isFile()) throw new InputError(`${path} is not a file.`);
    return await open(path, 'r');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(describeFileError(path, error));
  }
}

/** Reads at most `limit` bytes (plus one to detect overflow) so a huge file costs nothing. */
export async function readBounded(path: string, limit: number): Promise<Uint8Array | 'too-large'> {
  const handle = await openRegularFile(path);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new InputError(`${path} is not a file.`);
    if (stats.size > limit) return 'too-large';
    const buffer = new Uint8Array(limit + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled > limit) return 'too-large';
    }
    return buffer.subarray(0, filled);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(describeFileError(path, error));
  } finally {
    await handle.close();
  }
}
