/**
 * Every backup reason of the contract round-trips through the real main-process handlers:
 * written, listed, opened, read and pruned. Before, `before-import` backups were written but
 * never listed, opened or pruned, because the reasons were typed out by hand in four places.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BACKUP_REASONS, type BackupReason } from '../../../electron/contract';
import { createHandlers } from '../../../electron/main/handlers';
import { PAYLOAD_CHECKS, invokeChecked } from '../../../electron/main/ipc';
import { BackupStore, backupIdOf, parseBackupId } from '../../../electron/main/services/backups';
import { PdfExporter } from '../../../electron/main/services/pdf-export';
import { SaveSessions } from '../../../electron/main/services/save-sessions';
import { APP_ORIGIN } from '../../../electron/main/security';

const origins = [APP_ORIGIN];
const appFrame = { url: 'app://renderer/index.html', parent: null };

async function setup(now: () => Date) {
  const folder = await mkdtemp(join(tmpdir(), 'backups-'));
  const saves = new SaveSessions();
  const backups = new BackupStore(join(folder, 'backups'), saves, now);
  const handlers = createHandlers({
    appInfo: () => ({ name: 'Portfolio Builder', version: '1', userDataPath: folder, backupsPath: backups.folder, platform: 'linux' }),
    saves,
    backups,
    pdf: new PdfExporter(join(folder, 'scratch'), saves, async () => undefined, () => undefined),
    chooseSavePath: async () => undefined,
  });
  const call = <K extends Parameters<typeof invokeChecked>[0]>(name: K, ...args: unknown[]) => invokeChecked(name, handlers, appFrame, origins, args);
  const backUp = async (portfolioId: string, reason: BackupReason, bytes: number[]) => {
    const { saveId } = await call('beginBackup', { portfolioId, learnerName: 'Siân', reason });
    await call('writeChunk', saveId, new Uint8Array(bytes));
    return call('finishSave', saveId);
  };
  return { folder, backups, call, backUp };
}

describe('backup reasons', () => {
  it('are one list: the payload check takes each of them and nothing else', () => {
    for (const reason of BACKUP_REASONS) expect(PAYLOAD_CHECKS.beginBackup([{ portfolioId: 'p-1', learnerName: 'A', reason }]), reason).toBeUndefined();
    for (const reason of ['', 'other', 'INTERVAL', 7, undefined]) expect(PAYLOAD_CHECKS.beginBackup([{ portfolioId: 'p-1', learnerName: 'A', reason }]), String(reason)).toMatch(/one of the reasons interval, quit, before-restore, before-import, manual/);
  });

  it('name backup files that parse back to the same portfolio, instant and reason', () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    for (const reason of BACKUP_REASONS) expect(parseBackupId(backupIdOf('p-1', at, reason))).toEqual({ portfolioId: 'p-1', createdAt: at.toISOString(), reason });
    expect(parseBackupId('p-1~20260304T050607089Z-other')).toBeUndefined();
    expect(parseBackupId('../p-1~20260304T050607089Z-manual')).toBeUndefined();
  });

  it.each(BACKUP_REASONS)('round-trips the reason %s: written, listed, opened, read and pruned', async (reason) => {
    let clock = Date.parse('2026-05-01T08:00:00.000Z');
    const { folder, call, backUp } = await setup(() => new Date(clock));
    try {
      const saved = await backUp('p-1', reason, [1, 2, 3, 4]);
      // The window is told the file's name, never where the app keeps it.
      expect(saved.path).toMatch(new RegExp(`^p-1~\\d{8}T\\d{9}Z-${reason}\\.portfolio$`));
      const listed = await call('listBackups');
      expect(listed).toEqual([expect.objectContaining({ portfolioId: 'p-1', learnerName: 'Siân', reason, bytes: 4, createdAt: '2026-05-01T08:00:00.000Z' })]);
      const id = listed[0]!.id;
      expect(await call('openBackup', id)).toEqual({ size: 4 });
      expect([...(await call('readBackup', id, 0, 10))]).toEqual([1, 2, 3, 4]);

      // Nine days of backups later, this one is old enough to be pruned.
      for (let day = 1; day <= 9; day++) {
        clock += 24 * 60 * 60 * 1000;
        await backUp('p-1', reason, [day]);
      }
      const after = await call('listBackups');
      expect(after.map((backup) => backup.id)).not.toContain(id);
      expect(after.length).toBeLessThanOrEqual(7);
      expect(after.every((backup) => backup.reason === reason)).toBe(true);
      await expect(call('openBackup', id)).rejects.toThrow('That backup no longer exists.');
      const files = await readdir(join(folder, 'backups', 'p-1'));
      expect(files.filter((name) => name.startsWith(id))).toEqual([]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('lists, opens and prunes a backup whose note is missing or damaged', async () => {
    const { folder, backups, call, backUp } = await setup(() => new Date('2026-05-01T08:00:00.000Z'));
    try {
      await backUp('p-1', 'before-import', [5, 6]);
      const [first] = await call('listBackups');
      await rm(join(folder, 'backups', 'p-1', `${first!.id}.json`));
      expect(await call('listBackups')).toEqual([expect.objectContaining({ id: first!.id, learnerName: '', reason: 'before-import', bytes: 2 })]);
      await writeFile(join(folder, 'backups', 'p-1', `${first!.id}.json`), '{not json');
      expect((await call('listBackups'))[0]).toMatchObject({ id: first!.id, learnerName: '' });
      expect(await call('openBackup', first!.id)).toEqual({ size: 2 });
      expect(await backups.pathOf(first!.id)).toMatch(/\.portfolio$/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('keeps the backup when its note cannot be written', async () => {
    const { folder, call } = await setup(() => new Date('2026-05-01T08:00:00.000Z'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { saveId } = await call('beginBackup', { portfolioId: 'p-2', learnerName: 'Jo', reason: 'quit' });
      await call('writeChunk', saveId, new Uint8Array([1]));
      // A folder occupies the note's name, so the note cannot be renamed into place.
      const id = (await readdir(join(folder, 'backups', 'p-2'))).find((name) => name.endsWith('.partial'))!.replace(/^\.(.*)\.portfolio\..*$/, '$1');
      await mkdir(join(folder, 'backups', 'p-2', `${id}.json`));
      await expect(call('finishSave', saveId)).resolves.toMatchObject({ bytes: 1 });
      expect(await call('listBackups')).toEqual([expect.objectContaining({ id, reason: 'quit', learnerName: '' })]);
      expect(error).toHaveBeenCalled();
    } finally {
      error.mockRestore();
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('removes what a crash left half-written', async () => {
    const { folder, backups, call } = await setup(() => new Date('2026-05-01T08:00:00.000Z'));
    try {
      await call('beginBackup', { portfolioId: 'p-3', learnerName: 'Al', reason: 'interval' });
      expect((await readdir(join(folder, 'backups', 'p-3'))).some((name) => name.endsWith('.partial'))).toBe(true);
      expect(await backups.removeLeftovers()).toBe(1);
      expect(await readdir(join(folder, 'backups', 'p-3'))).toEqual([]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
