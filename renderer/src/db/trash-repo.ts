/**
 * The trash: what a deletion removed, kept so that it can be undone exactly. An evidence
 * item goes with its mappings and comments; a removed mapping or attachment goes on its own.
 * Emptying the trash also frees the bytes of attachments nothing refers to any more.
 */
import { evidenceContentHash } from '../../../core/integrity/content-hash';
import type { AttachmentRef, EvidenceComment, Mapping } from '../../../core/model/portfolio';
import { rowKey, type AppDB, type StoredEvidence, type TrashEntry } from './app-db';
import { assertUnchanged, touch, withRetry } from './evidence-repo';
import { nowIso } from './ids';
import { auditEntry } from './portfolios-repo';

/** Deleted things are kept this long before they may be cleared for good. */
export const TRASH_KEEP_DAYS = 30;

export interface AttachmentRefRecord {
  evidenceId: string;
  index: number;
  ref: AttachmentRef;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}

/** The entry's records of one table; only ever its own portfolio's, whatever else it holds. */
function recordsOf<T>(entry: TrashEntry, table: string, isValid: (value: unknown) => value is T): T[] {
  const records = entry.records[table];
  if (!Array.isArray(records)) return [];
  return records.filter((record: unknown): record is T => isValid(record) && (!isObject(record) || record.portfolioId === undefined || record.portfolioId === entry.portfolioId));
}

const isEvidence = (value: unknown): value is StoredEvidence => isObject(value) && typeof value.id === 'string' && typeof value.portfolioId === 'string' && typeof value.contentHash === 'string';
const isMapping = (value: unknown): value is Mapping => isObject(value) && typeof value.id === 'string' && typeof value.portfolioId === 'string' && typeof value.evidenceId === 'string' && typeof value.markingPointId === 'string';
const isComment = (value: unknown): value is EvidenceComment => isObject(value) && typeof value.id === 'string' && typeof value.portfolioId === 'string' && typeof value.evidenceId === 'string';
const isRefRecord = (value: unknown): value is AttachmentRefRecord => isObject(value) && typeof value.evidenceId === 'string' && typeof value.index === 'number' && isObject(value.ref) && typeof value.ref.sha256 === 'string';

/** What a trash entry holds, checked and only its own portfolio's. */
export function trashRecords(entry: TrashEntry): { evidence: StoredEvidence[]; mappings: Mapping[]; comments: EvidenceComment[]; attachmentRefs: AttachmentRefRecord[] } {
  return {
    evidence: recordsOf(entry, 'evidence', isEvidence),
    mappings: recordsOf(entry, 'mappings', isMapping),
    comments: recordsOf(entry, 'comments', isComment),
    attachmentRefs: recordsOf(entry, 'attachmentRefs', isRefRecord),
  };
}

/** The attachments undoing these entries would need. */
export function attachmentsNeededByTrash(entries: readonly TrashEntry[]): Set<string> {
  const needed = new Set<string>();
  for (const entry of entries) {
    const { evidence, attachmentRefs } = trashRecords(entry);
    for (const item of evidence) for (const attachment of item.attachments) needed.add(attachment.sha256);
    for (const record of attachmentRefs) needed.add(record.ref.sha256);
  }
  return needed;
}

function expiryCutoff(now: Date): string {
  return new Date(now.getTime() - TRASH_KEEP_DAYS * 24 * 60 * 60 * 1000).toISOString();
}

/** Newest first; what has passed TRASH_KEEP_DAYS is not shown, even before it is cleared. */
export async function listTrash(db: AppDB, portfolioId: string, now = new Date()): Promise<TrashEntry[]> {
  const cutoff = expiryCutoff(now);
  const entries = await db.trash.where('portfolioId').equals(portfolioId).filter((entry) => entry.deletedAt >= cutoff).toArray();
  return entries.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}

export async function getTrashEntry(db: AppDB, portfolioId: string, id: string): Promise<TrashEntry | undefined> {
  return db.trash.get([portfolioId, id]);
}

/**
 * Puts back exactly what a deletion removed, in one transaction, and records the undo in the
 * audit trail. A removed attachment goes back onto its item (whose content hash is
 * recomputed before the transaction); an item restores with its own stored hash, since its
 * content is as it was.
 */
export async function restoreFromTrash(db: AppDB, portfolioId: string, trashId: string, actor: string, now?: Date): Promise<TrashEntry> {
  return withRetry(async () => {
    const entry = await db.trash.get([portfolioId, trashId]);
    if (!entry) throw new Error('There is nothing to undo: it has already been put back or cleared.');
    const at = nowIso(now);
    const { evidence, mappings, comments, attachmentRefs: refRecords } = trashRecords(entry);

    // Attachments going back onto items: compute the items' new hashes now, outside the transaction.
    const byItem = new Map<string, AttachmentRefRecord[]>();
    for (const record of refRecords) byItem.set(record.evidenceId, [...(byItem.get(record.evidenceId) ?? []), record]);
    const itemUpdates: Array<{ read: StoredEvidence; next: StoredEvidence }> = [];
    for (const [evidenceId, records] of byItem) {
      const read = await db.evidence.get([portfolioId, evidenceId]);
      if (!read) throw new Error('The evidence that file belonged to has been deleted. Undo that deletion first.');
      const attachments = [...read.attachments];
      for (const record of [...records].sort((a, b) => a.index - b.index)) {
        if (attachments.some((attachment) => attachment.sha256 === record.ref.sha256)) continue;
        attachments.splice(Math.min(Math.max(0, record.index), attachments.length), 0, record.ref);
      }
      if (attachments.length === read.attachments.length) continue;
      const { contentHash: _old, ...plain } = { ...read, attachments, updatedAt: at };
      itemUpdates.push({ read, next: { ...plain, contentHash: await evidenceContentHash(plain) } });
    }

    await db.transaction('rw', [db.portfolios, db.evidence, db.mappings, db.comments, db.attachments, db.trash, db.audit], async () => {
      if (!(await db.trash.get([portfolioId, trashId]))) throw new Error('There is nothing to undo: it has already been put back or cleared.');
      for (const item of evidence) {
        if (await db.evidence.get(rowKey(item))) throw new Error('That evidence is already back.');
      }
      for (const mapping of mappings) {
        if (!evidence.some((item) => item.id === mapping.evidenceId) && !(await db.evidence.get([portfolioId, mapping.evidenceId]))) {
          throw new Error('The evidence this mapping belonged to has been deleted. Undo that deletion first.');
        }
      }
      for (const update of itemUpdates) assertUnchanged(await db.evidence.get(rowKey(update.read)), update.read);
      await db.evidence.bulkAdd(evidence);
      // A mapping made again since the deletion wins over the restored copy; the rest go back.
      for (const mapping of mappings) if (!(await db.mappings.get(rowKey(mapping)))) await db.mappings.add(mapping);
      for (const comment of comments) if (!(await db.comments.get(rowKey(comment)))) await db.comments.add(comment);
      for (const update of itemUpdates) await db.evidence.put(update.next);
      await db.trash.delete([portfolioId, trashId]);
      const what = entry.summary.replace(/\.$/, '');
      const entity = evidence.length > 0 || refRecords.length > 0 ? 'evidence' : 'mapping';
      const entityId = evidence[0]?.id ?? refRecords[0]?.evidenceId ?? mappings[0]?.id ?? trashId;
      await db.audit.add(auditEntry(entry.portfolioId, actor, 'restore', entity, entityId, `Undone: ${what.charAt(0).toLowerCase()}${what.slice(1)}.`, at));
      await touch(db, entry.portfolioId, at);
    });
    return entry;
  });
}

/**
 * Clears trash entries for good (all of a portfolio's, or those deleted before `before`),
 * then frees attachment bytes that no item and no remaining trash entry refers to.
 */
export async function emptyTrash(db: AppDB, portfolioId: string, options: { before?: string } = {}): Promise<number> {
  return db.transaction('rw', [db.evidence, db.attachments, db.trash], async () => {
    const entries = await db.trash.where('portfolioId').equals(portfolioId).toArray();
    const doomed = entries.filter((entry) => options.before === undefined || entry.deletedAt < options.before);
    await db.trash.bulkDelete(doomed.map(rowKey));
    const kept = entries.filter((entry) => !doomed.includes(entry));

    const inUse = attachmentsNeededByTrash(kept);
    await db.evidence.where('portfolioId').equals(portfolioId).each((item) => {
      for (const attachment of item.attachments) inUse.add(attachment.sha256);
    });
    const unused = (await db.attachments.where('portfolioId').equals(portfolioId).primaryKeys()).filter(([, hash]) => !inUse.has(hash));
    await db.attachments.bulkDelete(unused);
    return doomed.length;
  });
}

/** Clears what was deleted more than TRASH_KEEP_DAYS ago. */
export async function expireTrash(db: AppDB, portfolioId: string, now = new Date()): Promise<number> {
  return emptyTrash(db, portfolioId, { before: expiryCutoff(now) });
}

/** Clears every portfolio's trash of what was deleted more than TRASH_KEEP_DAYS ago (at start-up). */
export async function expireAllTrash(db: AppDB, now = new Date()): Promise<number> {
  const cutoff = expiryCutoff(now);
  const portfolioIds = new Set((await db.trash.where('deletedAt').below(cutoff).primaryKeys()).map(([portfolioId]) => portfolioId));
  let cleared = 0;
  for (const portfolioId of portfolioIds) cleared += await emptyTrash(db, portfolioId, { before: cutoff });
  return cleared;
}
