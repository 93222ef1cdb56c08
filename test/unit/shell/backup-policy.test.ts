import { describe, expect, it } from 'vitest';
import { backupsToKeep } from '../../../core/backup-policy';

const now = new Date('2026-11-22T15:00:00.000Z');
const at = (iso: string, id = iso) => ({ id, createdAt: iso });

describe('backupsToKeep', () => {
  it('keeps the newest five from today', () => {
    const today = Array.from({ length: 8 }, (_, i) => at(`2026-11-22T${String(8 + i).padStart(2, '0')}:00:00.000Z`));
    const keep = backupsToKeep(today, now);
    expect([...keep].sort()).toEqual(today.slice(3).map((b) => b.id).sort());
  });

  it('keeps the newest of each earlier day for a week, and drops older ones', () => {
    const backups = [
      at('2026-11-21T09:00:00.000Z'), at('2026-11-21T18:00:00.000Z'),
      at('2026-11-18T12:00:00.000Z'), at('2026-11-16T12:00:00.000Z'),
      at('2026-11-15T23:59:00.000Z'), at('2026-11-01T12:00:00.000Z'),
    ];
    expect([...backupsToKeep(backups, now)].sort()).toEqual(['2026-11-16T12:00:00.000Z', '2026-11-18T12:00:00.000Z', '2026-11-21T18:00:00.000Z']);
  });

  it('never keeps more than ten', () => {
    const backups = [
      ...Array.from({ length: 5 }, (_, i) => at(`2026-11-22T0${i}:00:00.000Z`)),
      ...Array.from({ length: 6 }, (_, i) => at(`2026-11-${String(16 + i)}T12:00:00.000Z`)),
    ];
    const keep = backupsToKeep(backups, now);
    expect(keep.size).toBe(10);
    expect(keep.has('2026-11-16T12:00:00.000Z')).toBe(false);
  });

  it('treats a backup stamped in the future (clock change) as today’s', () => {
    expect(backupsToKeep([at('2026-11-23T01:00:00.000Z')], now).size).toBe(1);
  });
});
