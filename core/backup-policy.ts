/**
 * Which rolling backups to keep: the newest few from today, then the newest one of each
 * earlier day for a week, never more than ten in all (per portfolio). Pure, so the policy
 * is tested apart from the file system.
 */
export interface BackupStamp {
  id: string;
  /** ISO 8601 instant. */
  createdAt: string;
}

export const BACKUP_POLICY = { keepToday: 5, keepDays: 7, maxTotal: 10 } as const;

export function backupsToKeep<T extends BackupStamp>(backups: readonly T[], now: Date, policy = BACKUP_POLICY): Set<string> {
  const newestFirst = [...backups].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const today = dayOf(now.toISOString());
  const oldestDay = dayOf(new Date(now.getTime() - (policy.keepDays - 1) * 86_400_000).toISOString());
  const keep: string[] = [];
  const daysKept = new Set<string>();
  let keptToday = 0;
  for (const backup of newestFirst) {
    const day = dayOf(backup.createdAt);
    if (day >= today) {
      // Clock changes can make a backup look newer than now: treat it as today's.
      if (keptToday < policy.keepToday) {
        keep.push(backup.id);
        keptToday++;
      }
    } else if (day >= oldestDay && !daysKept.has(day)) {
      keep.push(backup.id);
      daysKept.add(day);
    }
  }
  return new Set(keep.slice(0, policy.maxTotal));
}

function dayOf(iso: string): string {
  return iso.slice(0, 10);
}
