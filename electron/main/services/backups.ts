/**
 * Rolling backups of each changed portfolio, one folder per portfolio under the app's
 * backups folder. Each backup is a `.portfolio` package written atomically, with a small
 * JSON note beside it (who, when, why). Old backups are pruned by `backupsToKeep`.
 *
 * The package is the backup: its name carries the portfolio, the time and the reason, so a
 * backup whose note is missing or damaged is still listed, opened and pruned.
 */
import { mkdir, open, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BACKUP_REASONS, type BackupBeginRequest, type BackupInfo, type BackupReason } from '../../contract';
import { backupsToKeep } from '../../../core/backup-policy';
import { PlainError } from '../plain-errors';
import { AtomicFileWriter } from './atomic-file';
import type { SaveSessions } from './save-sessions';

const PORTFOLIO_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
/** `<portfolio id>~<UTC stamp>-<reason>`, e.g. `p-1~20260102T030405006Z-before-import`. */
const BACKUP_ID = new RegExp(`^([A-Za-z0-9][A-Za-z0-9_-]{0,99})~(\\d{8}T\\d{9}Z)-(${BACKUP_REASONS.map((reason) => reason.replace(/-/g, '\\-')).join('|')})$`);
const PACKAGE_EXTENSION = '.portfolio';
const NOTE_EXTENSION = '.json';
/** Notes are a few hundred bytes; anything much larger is not one of ours. */
const MAX_NOTE_BYTES = 64 * 1024;

export function isBackupReason(value: unknown): value is BackupReason {
  return typeof value === 'string' && (BACKUP_REASONS as readonly string[]).includes(value);
}

/** The backup id for a portfolio, instant and reason. */
export function backupIdOf(portfolioId: string, createdAt: Date, reason: BackupReason): string {
  return `${portfolioId}~${createdAt.toISOString().replace(/[-:.]/g, '')}-${reason}`;
}

/** The parts of a backup id, or undefined for a name that is not one. */
export function parseBackupId(id: string): { portfolioId: string; createdAt: string; reason: BackupReason } | undefined {
  const match = BACKUP_ID.exec(id);
  if (!match) return undefined;
  const [, portfolioId, stamp, reason] = match as unknown as [string, string, string, BackupReason];
  const createdAt = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}.${stamp.slice(15, 18)}Z`;
  return Number.isNaN(Date.parse(createdAt)) ? undefined : { portfolioId, createdAt, reason };
}

export class BackupStore {
  constructor(
    readonly folder: string,
    private readonly saves: SaveSessions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Starts a backup write; the package bytes arrive through the save session. */
  async begin(request: BackupBeginRequest): Promise<string> {
    if (!PORTFOLIO_ID.test(String(request.portfolioId))) throw new PlainError('That portfolio id cannot be used for a backup.');
    if (!isBackupReason(request.reason)) throw new PlainError('Unknown reason for a backup.');
    const learnerName = String(request.learnerName ?? '').slice(0, 200);
    const createdAt = this.now();
    const id = backupIdOf(request.portfolioId, createdAt, request.reason);
    const folder = join(this.folder, request.portfolioId);
    await mkdir(folder, { recursive: true });
    return this.saves.begin(join(folder, `${id}${PACKAGE_EXTENSION}`), {
      onCommit: async (saved) => {
        const note = { id, portfolioId: request.portfolioId, learnerName, createdAt: createdAt.toISOString(), reason: request.reason, bytes: saved.bytes };
        try {
          const writer = await AtomicFileWriter.create(join(folder, `${id}${NOTE_EXTENSION}`));
          await writer.write(new TextEncoder().encode(JSON.stringify(note)));
          await writer.commit();
        } catch (error) {
          // The package is safely written and is the backup; the note only adds the learner's name.
          console.error(`[backups] the note for ${id} could not be written:`, error);
        }
        await this.prune(request.portfolioId);
      },
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
    return all.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id.localeCompare(b.id)));
  }

  /** The path of a backup's package, for a restore; null for anything that is not one of ours. */
  async pathOf(backupId: string): Promise<string | null> {
    const parsed = parseBackupId(String(backupId));
    if (!parsed) return null;
    const path = join(this.folder, parsed.portfolioId, `${backupId}${PACKAGE_EXTENSION}`);
    try {
      return (await stat(path)).isFile() ? path : null;
    } catch {
      return null;
    }
  }

  async read(backupId: string, offset: number, length: number): Promise<Uint8Array> {
    const path = await this.pathOf(backupId);
    if (!path) throw new PlainError('That backup no longer exists.');
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || length > 64 * 1024 * 1024) {
      throw new PlainError('That part of the backup cannot be read.');
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

  /** Removes what a crash left half-written (temporary files of backups never finished). */
  async removeLeftovers(): Promise<number> {
    let removed = 0;
    for (const portfolioId of await readdir(this.folder).catch(() => [] as string[])) {
      if (!PORTFOLIO_ID.test(portfolioId)) continue;
      for (const name of await readdir(join(this.folder, portfolioId)).catch(() => [] as string[])) {
        if (!name.startsWith('.') || !name.endsWith('.partial')) continue;
        await rm(join(this.folder, portfolioId, name), { force: true });
        removed++;
      }
    }
    return removed;
  }

  private async listFor(portfolioId: string): Promise<BackupInfo[]> {
    const folder = join(this.folder, portfolioId);
    const infos: BackupInfo[] = [];
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      if (!name.endsWith(PACKAGE_EXTENSION)) continue;
      const id = name.slice(0, -PACKAGE_EXTENSION.length);
      const parsed = parseBackupId(id);
      if (!parsed || parsed.portfolioId !== portfolioId) continue;
      let bytes: number;
      try {
        const stats = await stat(join(folder, name));
        if (!stats.isFile()) continue;
        bytes = stats.size;
      } catch {
        continue;
      }
      infos.push({ id, portfolioId, learnerName: await this.learnerNameOf(folder, id), createdAt: parsed.createdAt, bytes, reason: parsed.reason });
    }
    return infos;
  }

  /** The learner's name from the backup's note; empty when the note is missing or damaged. */
  private async learnerNameOf(folder: string, id: string): Promise<string> {
    try {
      const path = join(folder, `${id}${NOTE_EXTENSION}`);
      if ((await stat(path)).size > MAX_NOTE_BYTES) return '';
      const note: unknown = JSON.parse(await readFile(path, 'utf8'));
      const name = typeof note === 'object' && note !== null ? (note as Record<string, unknown>).learnerName : undefined;
      return typeof name === 'string' ? name.slice(0, 200) : '';
    } catch {
      return '';
    }
  }

  private async prune(portfolioId: string): Promise<void> {
    const backups = await this.listFor(portfolioId);
    const keep = backupsToKeep(backups, this.now());
    const folder = join(this.folder, portfolioId);
    for (const backup of backups) {
      if (keep.has(backup.id)) continue;
      await rm(join(folder, `${backup.id}${PACKAGE_EXTENSION}`), { force: true });
      await rm(join(folder, `${backup.id}${NOTE_EXTENSION}`), { force: true });
    }
  }
}
