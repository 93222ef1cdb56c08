/**
 * The qualification editor's draft: one at a time, kept in the settings table (so no schema
 * change) and read back after a reload or a crash. A draft is a specification being written
 * (it need not be valid yet) and, when it edits a stored one, which one it started from.
 */
import type { QualificationSpec } from '../../../core/spec/types';
import { isRecord } from '../../../core/spec/validate';
import type { AppDB } from './app-db';

export const SPEC_DRAFT_SETTING = 'qualificationDraft';

export interface SpecDraft {
  spec: QualificationSpec;
  /** The stored specification this draft edits (`id@version`), if any. */
  basedOn?: { key: string; title: string; version: string };
  startedAt: string;
  updatedAt: string;
}

/** Reads the draft, if there is one that still has a specification's shape. */
export async function getSpecDraft(db: AppDB): Promise<SpecDraft | undefined> {
  const setting = await db.settings.get(SPEC_DRAFT_SETTING);
  return isSpecDraft(setting?.value) ? setting.value : undefined;
}

export async function saveSpecDraft(db: AppDB, draft: SpecDraft): Promise<void> {
  await db.settings.put({ key: SPEC_DRAFT_SETTING, value: draft });
}

export async function discardSpecDraft(db: AppDB): Promise<void> {
  await db.settings.delete(SPEC_DRAFT_SETTING);
}

/** Enough of the shape that the editor can show it; the validator judges the rest. */
export function isSpecDraft(value: unknown): value is SpecDraft {
  if (!isRecord(value) || !isRecord(value.spec) || typeof value.updatedAt !== 'string' || typeof value.startedAt !== 'string') return false;
  const spec = value.spec;
  return typeof spec.id === 'string' && typeof spec.title === 'string' && typeof spec.awardingBody === 'string' && typeof spec.version === 'string' && Array.isArray(spec.units)
    && spec.units.every((unit) => isRecord(unit) && typeof unit.id === 'string' && typeof unit.title === 'string' && Array.isArray(unit.learningOutcomes)
      && unit.learningOutcomes.every((outcome) => isRecord(outcome) && typeof outcome.id === 'string' && typeof outcome.title === 'string' && Array.isArray(outcome.markingPoints)
        && outcome.markingPoints.every((point) => isRecord(point) && typeof point.id === 'string' && typeof point.text === 'string')));
}
