/**
 * Evidence items in the database. Every change is one transaction that writes the item, an
 * audit entry and the portfolio's `updatedAt` (backups rely on it). The content hash is
 * computed BEFORE the transaction opens: awaiting WebCrypto inside an IndexedDB transaction
 * would let it commit early. Because the hash is computed from a version read outside the
 * transaction, each write checks inside it that the item has not changed since, and starts
 * again if it has (optimistic concurrency), so an autosave can never undo an attachment added
 * a moment before.
 */
import { summariseDeletedEvidence, summariseEvidenceChange, summariseNewEvidence, evidenceName } from '../../../core/evidence/audit-summary';
import { newEvidenceItem, tidyEvidence } from '../../../core/evidence/new-evidence';
import { evidenceErrors, type EvidenceProblem } from '../../../core/evidence/validate';
import { evidenceContentHash } from '../../../core/integrity/content-hash';
import { Dexie } from 'dexie';
import type { AuditEntry, EvidenceItem, EvidenceType } from '../../../core/model/portfolio';
import { rowKey, type AppDB, type StoredEvidence, type TrashEntry } from './app-db';
import { newId, nowIso } from './ids';
import { auditEntry } from './portfolios-repo';

/** Bad input for an evidence item: nothing was changed; each problem names its field. */
export class EvidenceSaveError extends Error {
  readonly problems: EvidenceProblem[];
  constructor(problems: EvidenceProblem[]) {
    super(problems.map((problem) => problem.message).join(' '));
    this.name = 'EvidenceSaveError';
    this.problems = problems;
  }
}

/** Thrown inside a transaction when the record changed after it was read; the caller retries. */
class ChangedMeanwhile extends Error {}

const MAX_ATTEMPTS = 5;

/**
 * Runs `attempt` until it does not meet a concurrent change. `attempt` reads, computes (hashes)
 * and then writes in a transaction that throws ChangedMeanwhile if what it read has moved on.
 */
export async function withRetry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ChangedMeanwhile) || round >= MAX_ATTEMPTS) {
        if (error instanceof ChangedMeanwhile) throw new Error('This evidence kept changing while it was being saved. Try again.');
        throw error;
      }
    }
  }
}

/** Inside a transaction: the item must still be the version the caller computed from. */
export function assertUnchanged(current: StoredEvidence | undefined, read: StoredEvidence): StoredEvidence {
  if (!current) throw new Error('This evidence has been deleted, so the change was not saved.');
  if (current.updatedAt !== read.updatedAt || current.contentHash !== read.contentHash) throw new ChangedMeanwhile();
  return current;
}

/** Marks the portfolio as changed, inside the caller's transaction. */
export async function touch(db: AppDB, portfolioId: string, at: string): Promise<void> {
  await db.portfolios.update(portfolioId, { updatedAt: at });
}

/** The stored form: tidy item plus its content hash. */
export async function storedForm(item: EvidenceItem): Promise<StoredEvidence> {
  const tidy = tidyEvidence(item);
  return { ...tidy, contentHash: await evidenceContentHash(tidy) };
}

/** The item without the stored-only hash, as core functions and packages see it. */
export function toEvidenceItem(stored: StoredEvidence): EvidenceItem {
  const { contentHash: _hash, ...item } = stored;
  return item;
}

export interface NewEvidenceOptions {
  title?: string;
  activityDate?: string;
  now?: Date;
}

export async function createEvidence(db: AppDB, portfolioId: string, type: EvidenceType, actor: string, options: NewEvidenceOptions = {}): Promise<StoredEvidence> {
  const at = nowIso(options.now);
  const item = newEvidenceItem({ id: newId(), portfolioId, type, now: at, ...(options.activityDate ? { activityDate: options.activityDate } : {}), ...(options.title ? { title: options.title } : {}) });
  const errors = evidenceErrors(item);
  if (errors.length > 0) throw new EvidenceSaveError(errors);
  const stored = await storedForm(item);
  await db.transaction('rw', [db.portfolios, db.evidence, db.audit], async () => {
    if (!(await db.portfolios.get(portfolioId))) throw new Error('That portfolio no longer exists.');
    await db.evidence.add(stored);
    await db.audit.add(auditEntry(portfolioId, actor, 'create', 'evidence', stored.id, summariseNewEvidence(stored), at));
    await touch(db, portfolioId, at);
  });
  return stored;
}

export interface SaveEvidenceOptions {
  /**
   * One audit entry per editing session: autosave passes the same id each time and the
   * entry is kept up to date (what changed since `sessionBase`, and when), rather than
   * adding a line for every pause in typing.
   */
  auditSessionId?: string;
  /** The item as it was when the editing session began. */
  sessionBase?: EvidenceItem;
  now?: Date;
}

export type SaveEvidenceResult = { status: 'saved' | 'unchanged'; item: StoredEvidence };

/**
 * Saves the learner's edits to an item's fields. Attachments are not taken from `item`: they
 * change only through the attachment functions, so a form holding an older list cannot drop a
 * file. Refuses (changing nothing) when a field is invalid; drafts with reminders are saved.
 */
export async function saveEvidence(db: AppDB, item: EvidenceItem, actor: string, options: SaveEvidenceOptions = {}): Promise<SaveEvidenceResult> {
  return withRetry(async () => {
    const read = await db.evidence.get(rowKey(item));
    if (!read) throw new Error('This evidence has been deleted, so the change was not saved.');
    const at = nowIso(options.now);
    const candidate = tidyEvidence({ ...item, id: read.id, portfolioId: read.portfolioId, attachments: read.attachments, createdAt: read.createdAt, updatedAt: at });
    const errors = evidenceErrors(candidate);
    if (errors.length > 0) throw new EvidenceSaveError(errors);
    const summary = summariseEvidenceChange(read, candidate);
    if (summary === undefined) return { status: 'unchanged', item: read };
    const next: StoredEvidence = { ...candidate, contentHash: await evidenceContentHash(candidate) };

    await db.transaction('rw', [db.portfolios, db.evidence, db.audit], async () => {
      assertUnchanged(await db.evidence.get(rowKey(read)), read);
      await db.evidence.put(next);
      await db.audit.put(await sessionAuditEntry(db, next, actor, at, summary, options));
      await touch(db, next.portfolioId, at);
    });
    return { status: 'saved', item: next };
  });
}

async function sessionAuditEntry(db: AppDB, next: StoredEvidence, actor: string, at: string, summary: string, options: SaveEvidenceOptions): Promise<AuditEntry> {
  const sessionId = options.auditSessionId;
  if (!sessionId) return auditEntry(next.portfolioId, actor, 'update', 'evidence', next.id, summary, at);
  const existing = await db.audit.get([next.portfolioId, sessionId]);
  if (existing && (existing.entityId !== next.id || existing.action !== 'update' || existing.actor !== actor)) {
    // The id belongs to something else: never overwrite another record's history.
    return auditEntry(next.portfolioId, actor, 'update', 'evidence', next.id, summary, at);
  }
  const base = options.sessionBase;
  const sessionSummary = base && base.id === next.id ? (summariseEvidenceChange(base, next) ?? `Edited ${evidenceName(next)}, then put it back as it was.`) : summary;
  return { id: sessionId, portfolioId: next.portfolioId, at, actor, action: 'update', entity: 'evidence', entityId: next.id, summary: sessionSummary };
}

export async function getEvidence(db: AppDB, portfolioId: string, id: string): Promise<StoredEvidence | undefined> {
  return db.evidence.get([portfolioId, id]);
}

/** Every item of a portfolio, in storage order (the list sorts as the user chooses). */
export async function listEvidence(db: AppDB, portfolioId: string): Promise<StoredEvidence[]> {
  return db.evidence.where('portfolioId').equals(portfolioId).toArray();
}

/**
 * The most recently changed items, newest first, read from the index without touching the
 * rest: enough to put the first screen of a long list up at once while the whole list loads.
 * Equal times come in descending id order, as `sortEntries(…, 'updated')` orders them.
 */
export async function recentEvidence(db: AppDB, portfolioId: string, limit: number): Promise<StoredEvidence[]> {
  return db.evidence.where('[portfolioId+updatedAt]').between([portfolioId, Dexie.minKey], [portfolioId, Dexie.maxKey]).reverse().limit(limit).toArray();
}

export async function countEvidence(db: AppDB, portfolioId: string): Promise<number> {
  return db.evidence.where('portfolioId').equals(portfolioId).count();
}

/**
 * Deletes an item with its mappings and comments, moving them all into the trash in one
 * transaction; `restoreFromTrash` puts back exactly what went. Attachment bytes stay until
 * the trash is emptied (another item may share them, and undo needs them).
 */
export async function deleteEvidence(db: AppDB, portfolioId: string, id: string, actor: string, now?: Date): Promise<TrashEntry> {
  const at = nowIso(now);
  return db.transaction('rw', [db.portfolios, db.evidence, db.mappings, db.comments, db.trash, db.audit], async () => {
    const item = await db.evidence.get([portfolioId, id]);
    if (!item) throw new Error('This evidence has already been deleted.');
    const mappings = await db.mappings.where('[portfolioId+evidenceId]').equals([portfolioId, id]).toArray();
    const comments = await db.comments.where('[portfolioId+evidenceId]').equals([portfolioId, id]).toArray();
    const summary = summariseDeletedEvidence(item, mappings.length, comments.length);
    const entry: TrashEntry = { id: newId(), portfolioId: item.portfolioId, deletedAt: at, summary, records: { evidence: [item], mappings, comments } };
    await db.mappings.bulkDelete(mappings.map(rowKey));
    await db.comments.bulkDelete(comments.map(rowKey));
    await db.evidence.delete([portfolioId, id]);
    await db.trash.add(entry);
    await db.audit.add(auditEntry(item.portfolioId, actor, 'delete', 'evidence', id, summary, at));
    await touch(db, item.portfolioId, at);
    return entry;
  });
}

/** The audit trail of one item, newest first. */
export async function evidenceHistory(db: AppDB, portfolioId: string, evidenceId: string, limit = 50): Promise<AuditEntry[]> {
  const entries = await db.audit
    .where('[portfolioId+at]')
    .between([portfolioId, ''], [portfolioId, '\uffff'])
    .reverse()
    .filter((entry) => entry.entityId === evidenceId)
    .limit(limit)
    .toArray();
  return entries;
}

/** Who is making a change, for the audit trail: the portfolio's learner unless said otherwise. */
export function actorName(portfolio: { learner: { name: string } } | undefined): string {
  return portfolio ? portfolio.learner.name : 'Unknown user';
}

/** How many evidence items each portfolio holds (read from the index alone, without the items). */
export async function evidenceCountsByPortfolio(db: AppDB): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const key of await db.evidence.orderBy('portfolioId').keys()) {
    if (typeof key === 'string') counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
