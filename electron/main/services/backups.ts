/**
 * Rolling backups of each changed portfolio, one folder per portfolio under the app's
 * backups folder. Each backup is a `.portfolio` package written atomically, with a small
 * JSON note beside it (who, when, why). Old backups are pruned by `backupsToKeep`.
 */
import { mkdir, open, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupBeginRequest, BackupInfo, BackupReason } from '../../contract';
import { backupsToKeep } from '../../../core/backup-policy';
import { AtomicFileWriter } from './atomic-file';
import type { SaveSessions } from './save-sessions';

const PORTFOLIO_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
const BACKUP_ID = /^([A-Za-z0-9][A-Za-z0-9_-]{0,99})~(\d{8}T\d{9}Z)-(interval|quit|before-restore|manual)$/;
const REASONS: readonly BackupReason[] = ['interval', 'quit', 'before-restore', 'before-import', 'manual'];

export class BackupStore {
  constructor(
    readonly folder: string,
    private readonly saves: SaveSessions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Starts a backup write; the package bytes arrive through the save session. */
  async begin(request: BackupBeginRequest): Promise<string> {
    if (!PORTFOLIO_ID.test(String(request.portfolioId))) throw new Error('That portfolio id cannot be used for a backup.');
    if (!REASONS.includes(request.reason)) throw new Error('Unknown reason for a backup.');
    const learnerName = String(request.learnerName ?? '').slice(0, 200);
    const createdAt = this.now();
    const stamp = createdAt.toISOString().replace(/[-:.]/g, '');
    const id = `${request.portfolioId}~${stamp}-${request.reason}`;
    const folder = join(this.folder, request.portfolioId);
    await mkdir(folder, { recursive: true });
    return this.saves.begin(join(folder, `${id}.portfolio`), async (saved) => {
      const note = { id, portfolioId: request.portfolioId, learnerName, createdAt: createdAt.toISOString(), reason: request.reason, bytes: saved.bytes };
      const writer = await AtomicFileWriter.create(join(folder, `${id}.json`));
      await writer.write(new TextEncoder().encode(JSON.stringify(note)));
      await writer.commit();
      await this.prune(request.portfolioId);
    });
  }

  async list(): Promise<BackupInfo[]> {
    const all: BackupInfo[] = [];
    let folders: string[];
    try {
      folders = await readdir(this.folder);
    } catch {
      return [];
    }
    for (const portfolioId of folders.filter((name) => PORTFOLIO_ID.test(name))) {
      all.push(...(await this.listFor(portfolioId)));
    }
    return all.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  }

  /** The path of a backup's package, for a restore; null for anything that is not one of ours. */
  async pathOf(backupId: string): Promise<string | null> {
    const match = BACKUP_ID.exec(String(backupId));
    if (!match) return null;
    const path = join(this.folder, match[1] as string, `${backupId}.portfolio`);
    try {
      return (await stat(path)).isFile() ? path : null;
    } catch {
      return null;
    }
  }

  async read(backupId: string, offset: number, length: number): Promise<Uint8Array> {
    const path = await this.pathOf(backupId);
    if (!path) throw new Error('That backup no longer exists.');
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || length > 64 * 1024 * 1024) {
      throw new Error('That part of the backup cannot be read.');
    }
    const handle = await open(path, 'r');
    try {
      const buffer = new Uint8Array(length);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  }

  private async listFor(portfolioId: string): Promise<BackupInfo[]> {
    const folder = join(this.folder, portfolioId);
    const infos: BackupInfo[] = [];
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      if (!name.endsWith('.json')) continue;
      const id = name.slice(0, -'.json'.length);
      const match = BACKUP_ID.exec(id);
      if (!match || match[1] !== portfolioId) continue;
      try {
        const note: unknown = JSON.parse(await readFile(join(folder, name), 'utf8'));
        if (typeof note !== 'object' || note === null) continue;
        const record = note as Record<string, unknown>;
        const size = (await stat(join(folder, `${id}.portfolio`))).size;
        infos.push({
          id,
          portfolioId,
          learnerName: typeof record.learnerName === 'string' ? record.learnerName : '',
          createdAt: typeof record.createdAt === 'string' ? record.createdAt : '',
          bytes: size,
          reason: match[3] as BackupReason,
        });
      } catch {
        // A note without its package (or unreadable) is not a usable backup.
      }
    }
    return infos;
  }

  private async prune(portfolioId: string): Promise<void> {
    const backups = await this.listFor(portfolioId);
    const keep = backupsToKeep(backups, this.now());
    for (const backup of backups) {
      if (keep.has(backup.id)) continue;
      const folder = join(this.folder, portfolioId);
      await rm(join(folder, `${backup.id}.portfolio`), { force: true });
      await rm(join(folder, `${backup.id}.json`), { force: true });
    }
  }
}
