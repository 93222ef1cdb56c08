/**
 * Open streamed writes, keyed by an unguessable id handed to the window. The window can
 * only write to files main chose (via a dialog or the backups folder), never to a path it
 * names itself.
 */
import { randomUUID } from 'node:crypto';
import { AtomicFileWriter } from './atomic-file';

/** IPC messages larger than this are refused; the renderer sends 1–8 MiB chunks. */
export const MAX_CHUNK_BYTES = 64 * 1024 * 1024;

export interface FinishedSave {
  path: string;
  bytes: number;
}

interface Session {
  writer: AtomicFileWriter;
  onCommit?: (saved: FinishedSave) => Promise<void>;
}

export class SaveSessions {
  private readonly sessions = new Map<string, Session>();

  async begin(targetPath: string, onCommit?: (saved: FinishedSave) => Promise<void>): Promise<string> {
    const writer = await AtomicFileWriter.create(targetPath);
    const id = randomUUID();
    this.sessions.set(id, { writer, ...(onCommit ? { onCommit } : {}) });
    return id;
  }

  async write(id: string, chunk: Uint8Array): Promise<void> {
    if (!(chunk instanceof Uint8Array)) throw new Error('Only bytes can be written to a file.');
    if (chunk.byteLength > MAX_CHUNK_BYTES) throw new Error('That piece of the file is too large to send at once.');
    await this.session(id).writer.write(chunk);
  }

  async finish(id: string): Promise<FinishedSave> {
    const session = this.session(id);
    this.sessions.delete(id);
    const saved = await session.writer.commit();
    await session.onCommit?.(saved);
    return saved;
  }

  async abort(id: string): Promise<void> {
    const session = this.sessions.get(id);
    this.sessions.delete(id);
    await session?.writer.abort();
  }

  /** On quit: nothing half-written is left behind. */
  async abortAll(): Promise<void> {
    const all = [...this.sessions.keys()];
    await Promise.all(all.map((id) => this.abort(id)));
  }

  has(id: string): boolean {
    return this.sessions.has(id);
  }

  private session(id: string): Session {
    const session = typeof id === 'string' ? this.sessions.get(id) : undefined;
    if (!session) throw new Error('That file is not open for writing (it may have been finished or cancelled).');
    return session;
  }
}
