/**
 * Open streamed writes, keyed by an unguessable id handed to the window. The window can
 * only write to files main chose (via a dialog or the backups folder), never to a path it
 * names itself.
 *
 * One SaveSessions belongs to one window. It holds at most MAX_OPEN_SAVES files open at
 * once (a window that keeps starting saves would otherwise run the process out of file
 * handles, and every later save would fail until a restart), each at most the size its kind
 * may be; and everything still open is thrown away when the window closes, reloads or
 * crashes.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { MAX_CENTRAL_DIRECTORY_BYTES, MAX_ENTRIES, MAX_ENTRY_BYTES, MAX_MANIFEST_BYTES, formatBytes } from '../../../core/package/zip-format';
import { PlainError } from '../plain-errors';
import { AtomicFileWriter } from './atomic-file';

/** IPC messages larger than this are refused; the renderer sends 1–8 MiB chunks. */
export const MAX_CHUNK_BYTES = 64 * 1024 * 1024;

/** Files one window may be writing at once: an export, a PDF upload and the backups need far fewer. */
export const MAX_OPEN_SAVES = 8;

/** Room for one entry's ZIP records (local header, data descriptor, central record, ZIP64 fields) beside its name. */
const ZIP_RECORD_BYTES = 1024;

/**
 * The largest `.portfolio` package CONTRACTS.md §2 allows: a manifest of at most 64 MiB, the
 * other entries at most 2 GiB each, at most 100,000 entries in all, and their ZIP records.
 */
export const MAX_PACKAGE_BYTES = MAX_MANIFEST_BYTES + (MAX_ENTRIES - 1) * MAX_ENTRY_BYTES + MAX_ENTRIES * ZIP_RECORD_BYTES + MAX_CENTRAL_DIRECTORY_BYTES;

/** How large each kind of file the window writes may be. */
export const MAX_SAVE_BYTES = {
  /** Packages: exports, backups and the package handed over for a PDF. */
  package: MAX_PACKAGE_BYTES,
  /** A copy of one attachment: one package entry. */
  attachment: MAX_ENTRY_BYTES,
  /** A key register: JSON, no larger than a manifest. */
  json: MAX_MANIFEST_BYTES,
} as const;

export interface FinishedSave {
  path: string;
  bytes: number;
}

export interface SaveOptions {
  /** The most bytes this file may hold; writing more abandons it. Defaults to a package's limit. */
  maxBytes?: number;
  /** What the window is told the file is: the path the person chose, or only a name for the app's own files. */
  shownAs?: string;
  onCommit?: (saved: FinishedSave) => Promise<void>;
}

interface Session {
  writer: AtomicFileWriter;
  maxBytes: number;
  shownAs: string;
  onCommit?: (saved: FinishedSave) => Promise<void>;
}

export class SaveSessions {
  private readonly sessions = new Map<string, Session>();
  /** Begun but not yet open (the temporary file is being created): they count towards the cap too. */
  private opening = 0;

  constructor(private readonly maxOpen = MAX_OPEN_SAVES) {}

  /** Refuses, with a plain message, when the window already has as many files open as it may. */
  assertRoom(): void {
    if (this.sessions.size + this.opening >= this.maxOpen) {
      throw new PlainError(`${this.maxOpen} files are already being saved, which is as many as the app writes at once. Wait for one to finish (or cancel it) and try again.`);
    }
  }

  async begin(targetPath: string, options: SaveOptions = {}): Promise<string> {
    this.assertRoom();
    this.opening++;
    let writer: AtomicFileWriter;
    try {
      writer = await AtomicFileWriter.create(targetPath);
    } finally {
      this.opening--;
    }
    const id = randomUUID();
    this.sessions.set(id, {
      writer,
      maxBytes: options.maxBytes ?? MAX_PACKAGE_BYTES,
      shownAs: options.shownAs ?? basename(targetPath),
      ...(options.onCommit ? { onCommit: options.onCommit } : {}),
    });
    return id;
  }

  async write(id: string, chunk: Uint8Array): Promise<void> {
    if (!(chunk instanceof Uint8Array)) throw new PlainError('Only bytes can be written to a file.');
    if (chunk.byteLength > MAX_CHUNK_BYTES) throw new PlainError('That piece of the file is too large to send at once.');
    const session = this.session(id);
    if (session.writer.bytes + chunk.byteLength > session.maxBytes) {
      await this.abort(id);
      throw new PlainError(`The file would be larger than ${formatBytes(session.maxBytes)}, which is more than this kind of file may be, so it was not saved.`);
    }
    await session.writer.write(chunk);
  }

  /** Commits the file; `path` in the result is what the window may be told (see SaveOptions.shownAs). */
  async finish(id: string): Promise<FinishedSave> {
    const session = this.session(id);
    this.sessions.delete(id);
    const saved = await session.writer.commit();
    await session.onCommit?.(saved);
    return { path: session.shownAs, bytes: saved.bytes };
  }

  async abort(id: string): Promise<void> {
    const session = this.sessions.get(id);
    this.sessions.delete(id);
    await session?.writer.abort();
  }

  /** When the window closes, reloads or crashes, and on quit: nothing half-written is left behind. */
  async abortAll(): Promise<void> {
    const all = [...this.sessions.keys()];
    await Promise.all(all.map((id) => this.abort(id)));
  }

  has(id: string): boolean {
    return this.sessions.has(id);
  }

  get openCount(): number {
    return this.sessions.size;
  }

  private session(id: string): Session {
    const session = typeof id === 'string' ? this.sessions.get(id) : undefined;
    if (!session) throw new PlainError('That file is not open for writing (it may have been finished or cancelled).');
    return session;
  }
}
