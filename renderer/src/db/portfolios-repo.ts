/**
 * Portfolios: a learner's whole body of evidence against one qualification. An assessor's
 * database holds many (a caseload); the "current" one is a setting so it survives reloads.
 */
import type { AuditEntry, Portfolio } from '../../../core/model/portfolio';
import type { AppDB, StoredSpec } from './app-db';
import { newId, nowIso } from './ids';

export const CURRENT_PORTFOLIO_SETTING = 'currentPortfolioId';

export interface NewPortfolio {
  learnerName: string;
  learnerNumber?: string;
  centreName: string;
  centreNumber?: string;
  assessorName?: string;
  qualificationId: string;
  qualificationVersion: string;
}

export type PortfolioProblem = { field: keyof NewPortfolio; message: string };

/** Checks what a person typed; every problem names its field. */
export function checkNewPortfolio(input: NewPortfolio): PortfolioProblem[] {
  const problems: PortfolioProblem[] = [];
  if (input.learnerName.trim() === '') problems.push({ field: 'learnerName', message: 'Enter the learner’s name.' });
  if (input.learnerName.length > 200) problems.push({ field: 'learnerName', message: 'The learner’s name must be 200 characters or fewer.' });
  if (input.centreName.trim() === '') problems.push({ field: 'centreName', message: 'Enter the centre’s name.' });
  if (input.qualificationId.trim() === '') problems.push({ field: 'qualificationId', message: 'Choose a qualification.' });
  for (const field of ['learnerNumber', 'centreNumber', 'assessorName'] as const) {
    if ((input[field]?.length ?? 0) > 200) problems.push({ field, message: 'This must be 200 characters or fewer.' });
  }
  return problems;
}

function optional(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function auditEntry(portfolioId: string, actor: string, action: AuditEntry['action'], entity: AuditEntry['entity'], entityId: string, summary: string, at = nowIso()): AuditEntry {
  return { id: newId(), portfolioId, at, actor, action, entity, entityId, summary };
}

export async function createPortfolio(db: AppDB, input: NewPortfolio, actor: string): Promise<Portfolio> {
  const problems = checkNewPortfolio(input);
  if (problems.length > 0) throw new Error(problems.map((problem) => problem.message).join(' '));
  const at = nowIso();
  const learnerNumber = optional(input.learnerNumber);
  const centreNumber = optional(input.centreNumber);
  const assessorName = optional(input.assessorName);
  const portfolio: Portfolio = {
    id: newId(),
    learner: { name: input.learnerName.trim(), ...(learnerNumber ? { number: learnerNumber } : {}) },
    centre: { name: input.centreName.trim(), ...(centreNumber ? { number: centreNumber } : {}) },
    ...(assessorName ? { assessorName } : {}),
    qualificationId: input.qualificationId,
    qualificationVersion: input.qualificationVersion,
    createdAt: at,
    updatedAt: at,
  };
  await db.transaction('rw', db.portfolios, db.audit, db.settings, async () => {
    await db.portfolios.add(portfolio);
    await db.audit.add(auditEntry(portfolio.id, actor, 'create', 'portfolio', portfolio.id, `Portfolio started for ${portfolio.learner.name}.`, at));
    await db.settings.put({ key: CURRENT_PORTFOLIO_SETTING, value: portfolio.id });
  });
  return portfolio;
}

export async function updatePortfolioDetails(db: AppDB, id: string, input: Omit<NewPortfolio, 'qualificationId' | 'qualificationVersion'>, actor: string): Promise<void> {
  const problems = checkNewPortfolio({ ...input, qualificationId: 'unchanged', qualificationVersion: 'unchanged' });
  if (problems.length > 0) throw new Error(problems.map((problem) => problem.message).join(' '));
  await db.transaction('rw', [db.portfolios, db.audit, db.decisions, db.signOffs, db.iqaSamples, db.declarations], async () => {
    const existing = await db.portfolios.get(id);
    if (!existing) throw new Error('That portfolio no longer exists.');
    const learnerNumber = optional(input.learnerNumber);
    // Signed records of version 2 name the learner: once one exists, a new name or number would
    // make every one of them fail (and would pass a marked portfolio to someone else).
    const isLearnerChanged = input.learnerName.trim() !== existing.learner.name || (learnerNumber ?? null) !== (existing.learner.number ?? null);
    if (isLearnerChanged && (await hasChainedRecords(db, id))) {
      throw new Error('The learner’s name and number cannot be changed: records signed for this portfolio name the learner as they are now. Everything else can still be changed.');
    }
    const centreNumber = optional(input.centreNumber);
    const assessorName = optional(input.assessorName);
    const updated: Portfolio = {
      id: existing.id,
      learner: { name: input.learnerName.trim(), ...(learnerNumber ? { number: learnerNumber } : {}) },
      centre: { name: input.centreName.trim(), ...(centreNumber ? { number: centreNumber } : {}) },
      ...(assessorName ? { assessorName } : {}),
      qualificationId: existing.qualificationId,
      qualificationVersion: existing.qualificationVersion,
      ...(existing.additionalQualifications ? { additionalQualifications: existing.additionalQualifications } : {}),
      createdAt: existing.createdAt,
      updatedAt: nowIso(),
    };
    await db.portfolios.put(updated);
    await db.audit.add(auditEntry(id, actor, 'update', 'portfolio', id, 'Portfolio details changed.'));
  });
}

/**
 * The further qualifications a portfolio maps to (an apprenticeship standard's KSBs and a
 * qualification inside it). Each must be in the app and differ from the main one; one that
 * evidence is mapped to cannot be taken away until those mappings are removed.
 */
export async function setAdditionalQualifications(db: AppDB, id: string, refs: ReadonlyArray<{ id: string; version: string }>, actor: string): Promise<void> {
  await db.transaction('rw', db.portfolios, db.specs, db.mappings, db.audit, async () => {
    const existing = await db.portfolios.get(id);
    if (!existing) throw new Error('That portfolio no longer exists.');
    const chosen: Array<{ id: string; version: string }> = [];
    for (const ref of refs) {
      if (ref.id === existing.qualificationId) throw new Error('That is the portfolio’s main qualification already.');
      if (chosen.some((other) => other.id === ref.id)) throw new Error(`Choose one version of “${ref.id}”.`);
      if (!(await db.specs.get(`${ref.id}@${ref.version}`))) throw new Error(`The qualification “${ref.id}” version ${ref.version} is not in the app.`);
      chosen.push({ id: ref.id, version: ref.version });
    }
    if (chosen.length > 8) throw new Error('A portfolio can map to at most 8 further qualifications.');
    const removed = (existing.additionalQualifications ?? []).filter((old) => !chosen.some((ref) => ref.id === old.id && ref.version === old.version));
    for (const old of removed) {
      const used = await db.mappings.where('portfolioId').equals(id).filter((mapping) => mapping.qualificationId === old.id).count();
      if (used > 0) throw new Error(`${used === 1 ? 'One mapping uses' : `${used} mappings use`} “${old.id}”. Remove ${used === 1 ? 'it' : 'them'} before taking the qualification off this portfolio.`);
    }
    const { additionalQualifications: _previous, ...rest } = existing;
    const updated: Portfolio = { ...rest, ...(chosen.length > 0 ? { additionalQualifications: chosen } : {}), updatedAt: nowIso() };
    await db.portfolios.put(updated);
    const names = chosen.map((ref) => `${ref.id} ${ref.version}`).join(', ');
    await db.audit.add(auditEntry(id, actor, 'update', 'portfolio', id, chosen.length > 0 ? `The portfolio also maps to: ${names}.` : 'The portfolio maps to its main qualification only.'));
  });
}

/** Whether any signed record of version 2 (which names the learner) is held for the portfolio. */
async function hasChainedRecords(db: AppDB, portfolioId: string): Promise<boolean> {
  for (const table of [db.decisions, db.signOffs, db.iqaSamples, db.declarations] as const) {
    const rows: Array<{ chain?: unknown }> = await table.where('portfolioId').equals(portfolioId).toArray();
    if (rows.some((row) => row.chain !== undefined)) return true;
  }
  return false;
}

/** The caseload order: by learner name, then oldest first. */
function byLearnerName(a: Portfolio, b: Portfolio): number {
  return a.learner.name.localeCompare(b.learner.name, 'en-GB') || a.createdAt.localeCompare(b.createdAt);
}

export async function listPortfolios(db: AppDB): Promise<Portfolio[]> {
  const all = await db.portfolios.toArray();
  return all.sort(byLearnerName);
}

export async function getPortfolio(db: AppDB, id: string): Promise<Portfolio | undefined> {
  return db.portfolios.get(id);
}

/** The portfolio being worked on: the saved choice if it still exists, else the first one. */
export async function getCurrentPortfolio(db: AppDB): Promise<Portfolio | undefined> {
  const setting = await db.settings.get(CURRENT_PORTFOLIO_SETTING);
  const id = typeof setting?.value === 'string' ? setting.value : undefined;
  return (id ? await db.portfolios.get(id) : undefined) ?? (await listPortfolios(db))[0];
}

export async function setCurrentPortfolio(db: AppDB, id: string): Promise<void> {
  await db.transaction('rw', db.portfolios, db.settings, async () => {
    if (!(await db.portfolios.get(id))) throw new Error('That portfolio no longer exists.');
    await db.settings.put({ key: CURRENT_PORTFOLIO_SETTING, value: id });
  });
}

/** Marks a portfolio as changed (for backups) without a separate write elsewhere. */
export async function touchPortfolio(db: AppDB, id: string, at = nowIso()): Promise<void> {
  await db.portfolios.update(id, { updatedAt: at });
}

/**
 * The current portfolio with the qualification it is built against, read with parallel
 * requests rather than one after another (pages that open on it show sooner). The same
 * choice as `getCurrentPortfolio`: the saved one if it still exists, else the first by name.
 */
export async function getCurrentPortfolioWithSpec(db: AppDB): Promise<{ portfolio: Portfolio; spec: StoredSpec | undefined } | undefined> {
  const [setting, all, specs] = await Promise.all([db.settings.get(CURRENT_PORTFOLIO_SETTING), db.portfolios.toArray(), db.specs.toArray()]);
  const id = typeof setting?.value === 'string' ? setting.value : undefined;
  // Sorted by name only when no portfolio is chosen (the usual case needs no collator, which is slow to make).
  const portfolio = all.find((candidate) => candidate.id === id) ?? all.sort(byLearnerName)[0];
  if (!portfolio) return undefined;
  return { portfolio, spec: specs.find((spec) => spec.id === portfolio.qualificationId && spec.version === portfolio.qualificationVersion) };
}
