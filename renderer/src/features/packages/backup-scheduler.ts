/**
 * Rolling backups: every ten minutes, and when the app is closing, each portfolio changed
 * since its last backup is written as a package into the backups folder by the main
 * process. Runs only in the desktop app (a browser tab has nowhere to put files).
 */
import type { BackupReason, Bridge } from '../../../../electron/contract';
import type { AppDB } from '../../db/app-db';
import { streamPackage } from './package-io';

export const BACKUP_INTERVAL_MS = 10 * 60 * 1000;
const LAST_BACKUPS_SETTING = 'lastBackups';

async function lastBackups(db: AppDB): Promise<Record<string, string>> {
  const setting = await db.settings.get(LAST_BACKUPS_SETTING);
  return typeof setting?.value === 'object' && setting.value !== null ? (setting.value as Record<string, string>) : {};
}

/** Backs up one portfolio now, whatever its state; returns when the file is safely written. */
export async function backUpPortfolio(db: AppDB, bridge: Bridge, portfolioId: string, reason: BackupReason): Promise<void> {
  const portfolio = await db.portfolios.get(portfolioId);
  if (!portfolio) return;
  const { saveId } = await bridge.beginBackup({ portfolioId, learnerName: portfolio.learner.name, reason });
  await streamPackage(db, bridge, portfolioId, saveId, undefined, { isBackup: true });
  const seen = await lastBackups(db);
  await db.settings.put({ key: LAST_BACKUPS_SETTING, value: { ...seen, [portfolioId]: portfolio.updatedAt } });
}

/** Backs up every portfolio whose `updatedAt` moved since its last backup. */
export async function backUpChangedPortfolios(db: AppDB, bridge: Bridge, reason: BackupReason): Promise<number> {
  const seen = await lastBackups(db);
  const changed = (await db.portfolios.toArray()).filter((portfolio) => seen[portfolio.id] !== portfolio.updatedAt);
  for (const portfolio of changed) {
    try {
      await backUpPortfolio(db, bridge, portfolio.id, reason);
    } catch (error) {
      // One failed backup must not stop the others; the next run tries again.
      console.error(`Backup of ${portfolio.id} failed:`, error);
    }
  }
  return changed.length;
}

/** Starts the schedule; returns a function that stops it. */
export function startBackupSchedule(db: AppDB, bridge: Bridge): () => void {
  let isRunning = false;
  const run = async (reason: BackupReason): Promise<void> => {
    if (isRunning) return;
    isRunning = true;
    try {
      await backUpChangedPortfolios(db, bridge, reason);
    } finally {
      isRunning = false;
    }
  };
  const timer = window.setInterval(() => void run('interval'), BACKUP_INTERVAL_MS);
  const unsubscribe = bridge.onBackupRequest((reason) => {
    void run(reason).finally(() => void bridge.backupsFinished());
  });
  return () => {
    window.clearInterval(timer);
    unsubscribe();
  };
}
