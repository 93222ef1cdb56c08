/**
 * Streamed, atomic file writes: bytes go to a temporary file beside the target, which is
 * flushed to disk (fsync) and only then renamed over the target. A crash or a cancelled
 * export leaves either the old file or the new one, never half of one.
 */
import { randomUUID } from 'node:crypto';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export class AtomicFileWriter {
  private handle: FileHandle | undefined;
  private bytesWritten = 0;
  private readonly tempPath: string;

  private constructor(readonly targetPath: string) {
    this.tempPath = join(dirname(targetPath), `.${basename(targetPath)}.${randomUUID()}.partial`);
  }

  static async create(targetPath: string): Promise<AtomicFileWriter> {
    const writer = new AtomicFileWriter(targetPath);
    writer.handle = await open(writer.tempPath, 'wx', 0o600);
    return writer;
  }

  get bytes(): number {
    return this.bytesWritten;
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (!this.handle) throw new Error('This file has already been finished or abandoned.');
    let offset = 0;
    while (offset < chunk.byteLength) {
      const { bytesWritten } = await this.handle.write(chunk, offset, chunk.byteLength - offset);
      offset += bytesWritten;
    }
    this.bytesWritten += chunk.byteLength;
  }

  /** Flushes, closes and renames into place; afterwards the target holds exactly what was written. */
  async commit(): Promise<{ path: string; bytes: number }> {
    const handle = this.handle;
    if (!handle) throw new Error('This file has already been finished or abandoned.');
    this.handle = undefined;
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(this.tempPath, this.targetPath);
    await syncDirectory(dirname(this.targetPath));
    return { path: this.targetPath, bytes: this.bytesWritten };
  }

  /** Throws the partial file away; the target is untouched. Safe to call more than once. */
  async abort(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    if (handle) await handle.close().catch(() => undefined);
    await rm(this.tempPath, { force: true });
  }
}

/** Makes the rename itself durable where the platform allows fsync on a folder. */
async function syncDirectory(path: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open folders for fsync; the rename is still atomic there.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
