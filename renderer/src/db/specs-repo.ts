/**
 * Qualification specifications in the database: the built-in one (seeded on first use)
 * and imported ones. Components read through these functions inside useLiveQuery.
 */
import { builtinSpec } from '../../../core/spec/builtin';
import type { QualificationSpec } from '../../../core/spec/types';
import type { AppDB, StoredSpec } from './app-db';

export const ACTIVE_SPEC_SETTING = 'activeSpecKey';

export function specKey(spec: Pick<QualificationSpec, 'id' | 'version'>): string {
  return `${spec.id}@${spec.version}`;
}

/** Puts the built-in spec in place if it is missing or out of date; idempotent. */
export async function ensureBuiltinSpec(db: AppDB, now = new Date()): Promise<void> {
  const spec = builtinSpec();
  const key = specKey(spec);
  await db.transaction('rw', db.specs, db.settings, async () => {
    if (!(await db.specs.get(key))) {
      await db.specs.put({ key, id: spec.id, version: spec.version, title: spec.title, source: 'builtin', importedAt: now.toISOString(), spec });
    }
    if (!(await db.settings.get(ACTIVE_SPEC_SETTING))) await db.settings.put({ key: ACTIVE_SPEC_SETTING, value: key });
  });
}

export async function listSpecs(db: AppDB): Promise<StoredSpec[]> {
  const specs = await db.specs.toArray();
  return specs.sort((a, b) => (a.source === b.source ? a.title.localeCompare(b.title, 'en-GB') : a.source === 'builtin' ? -1 : 1));
}

export async function getSpec(db: AppDB, key: string): Promise<StoredSpec | undefined> {
  return db.specs.get(key);
}

export async function getActiveSpec(db: AppDB): Promise<StoredSpec | undefined> {
  const setting = await db.settings.get(ACTIVE_SPEC_SETTING);
  const key = typeof setting?.value === 'string' ? setting.value : undefined;
  return (key ? await db.specs.get(key) : undefined) ?? (await listSpecs(db))[0];
}

export async function setActiveSpec(db: AppDB, key: string): Promise<void> {
  await db.transaction('rw', db.specs, db.settings, async () => {
    if (!(await db.specs.get(key))) throw new Error('That qualification is not in the app any more.');
    await db.settings.put({ key: ACTIVE_SPEC_SETTING, value: key });
  });
}

export type ImportSpecOutcome = { status: 'added' | 'replaced'; key: string };

/**
 * Stores a validated spec and makes it the active one, in one transaction. The built-in
 * spec cannot be overwritten by an import that reuses its id and version.
 */
export async function importSpec(db: AppDB, spec: QualificationSpec, now = new Date()): Promise<ImportSpecOutcome> {
  const key = specKey(spec);
  return db.transaction('rw', db.specs, db.settings, async () => {
    const existing = await db.specs.get(key);
    if (existing?.source === 'builtin') {
      throw new Error(`"${spec.id}" version ${spec.version} is the built-in qualification and cannot be replaced. Give the imported one another id or version.`);
    }
    await db.specs.put({ key, id: spec.id, version: spec.version, title: spec.title, source: 'imported', importedAt: now.toISOString(), spec });
    await db.settings.put({ key: ACTIVE_SPEC_SETTING, value: key });
    return { status: existing ? 'replaced' : 'added', key };
  });
}
