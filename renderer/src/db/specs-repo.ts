/**
 * Qualification specifications in the database: the built-in one (seeded on first use)
 * and imported ones. Components read through these functions inside useLiveQuery.
 */
import { builtinSpec } from '../../../core/spec/builtin';
import { isSameSpec } from '../../../core/spec/draft';
import type { Portfolio } from '../../../core/model/portfolio';
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

/**
 * The stored specifications of a portfolio's additional qualifications, in the portfolio's
 * order; `missing` names those the app does not have.
 */
export async function additionalSpecsOf(db: AppDB, portfolio: Pick<Portfolio, 'additionalQualifications'>): Promise<{ specs: StoredSpec[]; missing: Array<{ id: string; version: string }> }> {
  const refs = portfolio.additionalQualifications ?? [];
  const stored = await db.specs.bulkGet(refs.map((ref) => specKey(ref)));
  const specs: StoredSpec[] = [];
  const missing: Array<{ id: string; version: string }> = [];
  refs.forEach((ref, index) => {
    const found = stored[index];
    if (found) specs.push(found);
    else missing.push(ref);
  });
  return { specs, missing };
}

export type ImportSpecOutcome = { status: 'added' | 'replaced' | 'unchanged'; key: string };

/** Why a specification was not stored: the message says what to do instead. */
export class SpecStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpecStoreError';
  }
}

/** How many portfolios are built against this id and version. */
export async function portfoliosUsingSpec(db: AppDB, spec: Pick<QualificationSpec, 'id' | 'version'>): Promise<number> {
  return db.portfolios.filter((portfolio) => portfolio.qualificationId === spec.id && portfolio.qualificationVersion === spec.version).count();
}

/**
 * Stores a validated spec and makes it the active one, in one transaction. The built-in spec
 * cannot be overwritten by an import that reuses its id and version, and neither can a version
 * that portfolios use: their marking points would change under them without anyone saying so,
 * so a changed qualification must come as a new version. The same content again changes nothing.
 */
export async function importSpec(db: AppDB, spec: QualificationSpec, now = new Date(), source: StoredSpec['source'] = 'imported'): Promise<ImportSpecOutcome> {
  const key = specKey(spec);
  return db.transaction('rw', db.specs, db.settings, db.portfolios, async () => {
    const existing = await db.specs.get(key);
    if (existing && isSameSpec(existing.spec, spec)) {
      await db.settings.put({ key: ACTIVE_SPEC_SETTING, value: key });
      return { status: 'unchanged', key };
    }
    if (existing?.source === 'builtin') {
      throw new SpecStoreError(`"${spec.id}" version ${spec.version} is the built-in qualification and cannot be replaced. Give the imported one another id or version.`);
    }
    if (existing) {
      const using = await portfoliosUsingSpec(db, spec);
      if (using > 0) {
        throw new SpecStoreError(`Version ${spec.version} of “${existing.title}” is already in the app and ${using === 1 ? '1 portfolio uses' : `${using} portfolios use`} it, so it cannot be changed. Give this one a new version (for example ${spec.version}.1); those portfolios keep the version they were built against.`);
      }
    }
    await db.specs.put({ key, id: spec.id, version: spec.version, title: spec.title, source, importedAt: now.toISOString(), spec });
    await db.settings.put({ key: ACTIVE_SPEC_SETTING, value: key });
    return { status: existing ? 'replaced' : 'added', key };
  });
}
