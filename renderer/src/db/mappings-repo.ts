/**
 * Mappings: an evidence item claims a marking point (of any unit: holistic mapping), with a
 * locator saying where and a sentence saying why. Each change writes an audit entry and
 * touches the portfolio in the same transaction; removing a mapping can be undone.
 */
import { evidenceName } from '../../../core/evidence/audit-summary';
import { formatLocator, validateMappingDraft, type FieldProblem } from '../../../core/evidence/locator';
import { paragraphCount } from '../../../core/evidence/narrative';
import { markingPointIndex } from '../../../core/evidence/spec-index';
import { compareNatural } from '../../../core/natural-order';
import type { Locator, Mapping } from '../../../core/model/portfolio';
import { rowKey, type AppDB, type StoredEvidence, type TrashEntry } from './app-db';
import { touch } from './evidence-repo';
import { newId, nowIso } from './ids';
import { auditEntry } from './portfolios-repo';

export class MappingError extends Error {
  readonly problems: FieldProblem[];
  constructor(problems: FieldProblem[]) {
    super(problems.map((problem) => problem.message).join(' '));
    this.name = 'MappingError';
    this.problems = problems;
  }
}

export interface MappingInput {
  portfolioId: string;
  evidenceId: string;
  markingPointId: string;
  /** An additional qualification of the portfolio; absent for the main one. */
  qualificationId?: string;
  locator: Locator;
  justification: string;
}

/** Where an item's locators must fall: its paragraphs and, for a call, its length. */
export function locatorContextOf(item: Pick<StoredEvidence, 'narrative' | 'details'>): { paragraphCount: number; durationSeconds?: number } {
  const duration = item.details.type === 'call-recording' ? item.details.durationSeconds : undefined;
  return { paragraphCount: paragraphCount(item.narrative), ...(duration !== undefined ? { durationSeconds: duration } : {}) };
}

/**
 * The marking point ids of one of the portfolio's qualifications (the main one when
 * `qualificationId` is absent), when the app has that spec.
 */
async function markingPointIdsOf(db: AppDB, portfolioId: string, qualificationId?: string): Promise<Set<string> | undefined> {
  const portfolio = await db.portfolios.get(portfolioId);
  if (!portfolio) throw new Error('That portfolio no longer exists.');
  let ref: { id: string; version: string } = { id: portfolio.qualificationId, version: portfolio.qualificationVersion };
  if (qualificationId !== undefined) {
    const extra = portfolio.additionalQualifications?.find((candidate) => candidate.id === qualificationId);
    if (!extra) throw new MappingError([{ field: 'markingPointId', message: `This portfolio does not map to the qualification “${qualificationId}”. Add it on the Qualification page first.` }]);
    ref = extra;
  }
  const spec = await db.specs.get(`${ref.id}@${ref.version}`);
  return spec ? new Set(markingPointIndex(spec.spec).keys()) : undefined;
}

function cleanLocator(locator: Locator): Locator {
  switch (locator.kind) {
    case 'page':
      return { kind: 'page', page: locator.page };
    case 'paragraph':
      return { kind: 'paragraph', paragraph: locator.paragraph };
    case 'time':
      return { kind: 'time', startSeconds: locator.startSeconds, endSeconds: locator.endSeconds };
    case 'note':
      return { kind: 'note', text: locator.text.trim() };
  }
}

function describeMapping(item: StoredEvidence, markingPointId: string, locator: Locator | undefined): string {
  return `${evidenceName(item).replace(/^./, (first) => first.toUpperCase())} mapped to ${markingPointId} (${formatLocator(locator).toLowerCase()})`;
}

export async function addMapping(db: AppDB, input: MappingInput, actor: string, now?: Date): Promise<Mapping> {
  const at = nowIso(now);
  return db.transaction('rw', [db.portfolios, db.specs, db.evidence, db.mappings, db.audit], async () => {
    const item = await db.evidence.get([input.portfolioId, input.evidenceId]);
    if (!item) throw new Error('That evidence has been deleted.');
    const markingPointIds = await markingPointIdsOf(db, item.portfolioId, input.qualificationId);
    const problems = validateMappingDraft(input, { ...locatorContextOf(item), ...(markingPointIds ? { markingPointIds } : {}) });
    if (problems.length > 0) throw new MappingError(problems);
    const existing = await db.mappings.where('[portfolioId+markingPointId]').equals([item.portfolioId, input.markingPointId]).filter((mapping) => mapping.evidenceId === item.id && mapping.qualificationId === input.qualificationId).first();
    if (existing) throw new MappingError([{ field: 'markingPointId', message: `This evidence is already mapped to ${input.markingPointId}. Change that mapping instead.` }]);
    const mapping: Mapping = {
      id: newId(),
      portfolioId: item.portfolioId,
      evidenceId: item.id,
      markingPointId: input.markingPointId,
      ...(input.qualificationId !== undefined ? { qualificationId: input.qualificationId } : {}),
      locator: cleanLocator(input.locator),
      justification: input.justification.trim(),
      createdAt: at,
    };
    await db.mappings.add(mapping);
    await db.audit.add(auditEntry(item.portfolioId, actor, 'create', 'mapping', mapping.id, `${describeMapping(item, mapping.markingPointId, mapping.locator)}.`, at));
    await touch(db, item.portfolioId, at);
    return mapping;
  });
}

export async function updateMapping(db: AppDB, portfolioId: string, id: string, changes: { locator: Locator; justification: string }, actor: string, now?: Date): Promise<Mapping> {
  const at = nowIso(now);
  return db.transaction('rw', [db.portfolios, db.evidence, db.mappings, db.audit], async () => {
    const mapping = await db.mappings.get([portfolioId, id]);
    if (!mapping) throw new Error('That mapping has been removed.');
    const item = await db.evidence.get([portfolioId, mapping.evidenceId]);
    if (!item) throw new Error('That evidence has been deleted.');
    const problems = validateMappingDraft({ markingPointId: mapping.markingPointId, ...changes }, locatorContextOf(item));
    if (problems.length > 0) throw new MappingError(problems);
    const next: Mapping = { ...mapping, locator: cleanLocator(changes.locator), justification: changes.justification.trim() };
    await db.mappings.put(next);
    await db.audit.add(auditEntry(item.portfolioId, actor, 'update', 'mapping', id, `Changed the mapping: ${describeMapping(item, next.markingPointId, next.locator)}.`, at));
    await touch(db, item.portfolioId, at);
    return next;
  });
}

/** Removes a mapping into the trash, so it can be put back. */
export async function removeMapping(db: AppDB, portfolioId: string, id: string, actor: string, now?: Date): Promise<TrashEntry> {
  const at = nowIso(now);
  return db.transaction('rw', [db.portfolios, db.evidence, db.mappings, db.trash, db.audit], async () => {
    const mapping = await db.mappings.get([portfolioId, id]);
    if (!mapping) throw new Error('That mapping has already been removed.');
    const item = await db.evidence.get([portfolioId, mapping.evidenceId]);
    const what = item ? describeMapping(item, mapping.markingPointId, mapping.locator) : `Mapping to ${mapping.markingPointId}`;
    const summary = `Removed the mapping: ${what.charAt(0).toLowerCase()}${what.slice(1)}.`;
    const entry: TrashEntry = { id: newId(), portfolioId: mapping.portfolioId, deletedAt: at, summary, records: { mappings: [mapping] } };
    await db.mappings.delete(rowKey(mapping));
    await db.trash.add(entry);
    await db.audit.add(auditEntry(mapping.portfolioId, actor, 'delete', 'mapping', id, summary, at));
    await touch(db, mapping.portfolioId, at);
    return entry;
  });
}

export async function listMappings(db: AppDB, portfolioId: string): Promise<Mapping[]> {
  return db.mappings.where('portfolioId').equals(portfolioId).toArray();
}

/** The mappings of the given items (for a first screen of the list). */
export async function mappingsOfEvidence(db: AppDB, portfolioId: string, evidenceIds: readonly string[]): Promise<Mapping[]> {
  return evidenceIds.length === 0 ? [] : db.mappings.where('[portfolioId+evidenceId]').anyOf(evidenceIds.map((id) => [portfolioId, id])).toArray();
}

/** An item's mappings in marking point order. */
export async function mappingsForEvidence(db: AppDB, portfolioId: string, evidenceId: string): Promise<Mapping[]> {
  const mappings = await db.mappings.where('[portfolioId+evidenceId]').equals([portfolioId, evidenceId]).toArray();
  return mappings.sort((a, b) => compareNatural(a.markingPointId, b.markingPointId) || a.createdAt.localeCompare(b.createdAt));
}

export interface ClaimingEvidence {
  mapping: Mapping;
  item: StoredEvidence;
}

/** The evidence that claims a marking point (of the main qualification unless one is named), oldest activity first. */
export async function evidenceForMarkingPoint(db: AppDB, portfolioId: string, markingPointId: string, qualificationId?: string): Promise<ClaimingEvidence[]> {
  const mappings = await db.mappings.where('[portfolioId+markingPointId]').equals([portfolioId, markingPointId]).filter((mapping) => mapping.qualificationId === qualificationId).toArray();
  const items = await db.evidence.bulkGet(mappings.map((mapping) => [portfolioId, mapping.evidenceId]));
  const claims: ClaimingEvidence[] = [];
  mappings.forEach((mapping, index) => {
    const item = items[index];
    if (item) claims.push({ mapping, item });
  });
  return claims.sort((a, b) => a.item.activityDate.localeCompare(b.item.activityDate) || a.item.title.localeCompare(b.item.title, 'en-GB'));
}

/** How many items claim each marking point of a portfolio's main qualification. */
export async function claimCounts(db: AppDB, portfolioId: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await db.mappings.where('portfolioId').equals(portfolioId).each((mapping) => {
    if (mapping.qualificationId !== undefined) return;
    counts.set(mapping.markingPointId, (counts.get(mapping.markingPointId) ?? 0) + 1);
  });
  return counts;
}
