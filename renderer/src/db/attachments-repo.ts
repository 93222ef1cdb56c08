/**
 * Attachments: the bytes of images, PDFs, recordings and text files, kept as Blobs in the
 * `attachments` table once per portfolio (keyed by SHA-256, so the same screenshot attached
 * to two items is stored once), and referenced from evidence items by hash, name, type and
 * size. The type comes from the bytes, never the file name.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { summariseEvidenceChange } from '../../../core/evidence/audit-summary';
import { TEXT_SNIFF_BYTES, attachmentSizeProblem, sniffMediaType, unsupportedFileMessage, type AttachmentKind } from '../../../core/evidence/media-type';
import { evidenceContentHash } from '../../../core/integrity/content-hash';
import { sha256Hex } from '../../../core/integrity/sha256';
import type { AttachmentRef } from '../../../core/model/portfolio';
import type { AppDB, StoredAttachment, StoredEvidence, TrashEntry } from './app-db';
import { assertUnchanged, touch, withRetry } from './evidence-repo';
import { newId, nowIso } from './ids';
import { auditEntry } from './portfolios-repo';

/** Files up to this size are hashed in one WebCrypto call; larger ones in chunks, with progress. */
const ONE_SHOT_HASH_BYTES = 16 * 1024 * 1024;
const CHUNK_BYTES = 4 * 1024 * 1024;

export interface PreparedAttachment {
  ref: AttachmentRef;
  kind: AttachmentKind;
  /** The bytes, typed from the sniffed media type (a File is stored by reference, not copied). */
  blob: Blob;
}

export type PrepareResult = { ok: true; attachment: PreparedAttachment } | { ok: false; name: string; message: string };

export interface PrepareOptions {
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  signal?: AbortSignal;
}

/** A file name as shown and stored: no folders, no control characters, at most 255 characters. */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const short = base.length > 255 ? `${base.slice(0, 200)}…${base.slice(-54)}` : base;
  return short === '' ? 'attachment' : short;
}

async function hashBlob(blob: Blob, options: PrepareOptions): Promise<string> {
  const total = blob.size;
  if (total <= ONE_SHOT_HASH_BYTES) {
    const hex = await sha256Hex(new Uint8Array(await blob.arrayBuffer()));
    options.onProgress?.(total, total);
    return hex;
  }
  // Large recordings: read and hash a chunk at a time so memory stays flat and progress shows.
  const state = sha256.create();
  for (let offset = 0; offset < total; offset += CHUNK_BYTES) {
    if (options.signal?.aborted) throw new DOMException('Cancelled.', 'AbortError');
    state.update(new Uint8Array(await blob.slice(offset, Math.min(total, offset + CHUNK_BYTES)).arrayBuffer()));
    options.onProgress?.(Math.min(total, offset + CHUNK_BYTES), total);
  }
  return bytesToHex(state.digest());
}

/**
 * Checks a chosen file (size first, before reading anything; then its type from its first
 * bytes) and computes its SHA-256. Nothing is stored yet. Refusals carry a plain message
 * naming the file.
 */
export async function prepareAttachment(file: Blob, name: string, options: PrepareOptions = {}): Promise<PrepareResult> {
  const cleanName = cleanFileName(name);
  const sizeProblem = attachmentSizeProblem(cleanName, file.size);
  if (sizeProblem) return { ok: false, name: cleanName, message: sizeProblem };
  let head: Uint8Array;
  try {
    head = new Uint8Array(await file.slice(0, Math.min(file.size, TEXT_SNIFF_BYTES)).arrayBuffer());
  } catch {
    return { ok: false, name: cleanName, message: `“${cleanName}” could not be read. It may have been moved or deleted.` };
  }
  const sniffed = sniffMediaType(head, { isComplete: file.size <= TEXT_SNIFF_BYTES });
  if (!sniffed) return { ok: false, name: cleanName, message: unsupportedFileMessage(cleanName) };
  let hex: string;
  try {
    hex = await hashBlob(file, options);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return { ok: false, name: cleanName, message: `Adding “${cleanName}” was cancelled.` };
    return { ok: false, name: cleanName, message: `“${cleanName}” could not be read. It may have been moved or deleted.` };
  }
  const blob = file.type === sniffed.mediaType ? file : new Blob([file], { type: sniffed.mediaType });
  return { ok: true, attachment: { ref: { sha256: hex, name: cleanName, mediaType: sniffed.mediaType, size: file.size }, kind: sniffed.kind, blob } };
}

export interface AddAttachmentsResult {
  added: AttachmentRef[];
  /** Names of files already attached to this item (same bytes), which were not added twice. */
  alreadyAttached: string[];
  item: StoredEvidence;
}

/** Adds prepared files to an item: bytes stored once per portfolio, the item's hash recomputed, one transaction. */
export async function addAttachments(db: AppDB, portfolioId: string, evidenceId: string, prepared: readonly PreparedAttachment[], actor: string, now?: Date): Promise<AddAttachmentsResult> {
  return withRetry(async () => {
    const read = await db.evidence.get([portfolioId, evidenceId]);
    if (!read) throw new Error('This evidence has been deleted, so the files were not attached.');
    const at = nowIso(now);
    const present = new Set(read.attachments.map((attachment) => attachment.sha256));
    const added: AttachmentRef[] = [];
    const alreadyAttached: string[] = [];
    for (const file of prepared) {
      if (present.has(file.ref.sha256)) alreadyAttached.push(file.ref.name);
      else {
        present.add(file.ref.sha256);
        added.push(file.ref);
      }
    }
    if (added.length === 0) return { added, alreadyAttached, item: read };
    const nextItem = { ...read, attachments: [...read.attachments, ...added], updatedAt: at };
    const { contentHash: _old, ...plain } = nextItem;
    const next: StoredEvidence = { ...nextItem, contentHash: await evidenceContentHash(plain) };
    const summary = summariseEvidenceChange(read, next) ?? 'Attached files.';
    const blobs = new Map(prepared.map((file) => [file.ref.sha256, file]));

    await db.transaction('rw', [db.portfolios, db.evidence, db.attachments, db.audit], async () => {
      assertUnchanged(await db.evidence.get([portfolioId, evidenceId]), read);
      for (const ref of added) {
        const file = blobs.get(ref.sha256);
        if (!file) continue;
        // Same bytes already kept for this portfolio (attached to another item): store once.
        if (!(await db.attachments.get([read.portfolioId, ref.sha256]))) {
          await db.attachments.add({ portfolioId: read.portfolioId, sha256: ref.sha256, mediaType: ref.mediaType, size: ref.size, blob: file.blob });
        }
      }
      await db.evidence.put(next);
      await db.audit.add(auditEntry(read.portfolioId, actor, 'update', 'evidence', evidenceId, summary, at));
      await touch(db, read.portfolioId, at);
    });
    return { added, alreadyAttached, item: next };
  });
}

/**
 * Takes a file off an item. The bytes stay in the database until the trash is emptied, so
 * the removal can be undone.
 */
export async function removeAttachment(db: AppDB, portfolioId: string, evidenceId: string, sha256Hash: string, actor: string, now?: Date): Promise<TrashEntry> {
  return withRetry(async () => {
    const read = await db.evidence.get([portfolioId, evidenceId]);
    if (!read) throw new Error('This evidence has been deleted.');
    const index = read.attachments.findIndex((attachment) => attachment.sha256 === sha256Hash);
    const ref = read.attachments[index];
    if (!ref) throw new Error('That file is no longer attached.');
    const at = nowIso(now);
    const nextItem = { ...read, attachments: read.attachments.filter((attachment) => attachment.sha256 !== sha256Hash), updatedAt: at };
    const { contentHash: _old, ...plain } = nextItem;
    const next: StoredEvidence = { ...nextItem, contentHash: await evidenceContentHash(plain) };
    const summary = summariseEvidenceChange(read, next) ?? 'Removed a file.';
    const entry: TrashEntry = { id: newId(), portfolioId: read.portfolioId, deletedAt: at, summary, records: { attachmentRefs: [{ evidenceId, index, ref }] } };

    await db.transaction('rw', [db.portfolios, db.evidence, db.trash, db.audit], async () => {
      assertUnchanged(await db.evidence.get([portfolioId, evidenceId]), read);
      await db.evidence.put(next);
      await db.trash.add(entry);
      await db.audit.add(auditEntry(read.portfolioId, actor, 'update', 'evidence', evidenceId, summary, at));
      await touch(db, read.portfolioId, at);
    });
    return entry;
  });
}

/** The longest description kept: it is the picture's alternative text, read aloud, not an essay. */
export const MAX_ATTACHMENT_DESCRIPTION = 2_000;

/**
 * Sets (or, with an empty text, clears) what an attached file shows, in the learner's words; the
 * PDF prints it under the figure and gives it as the picture's alternative text. Attachments count
 * in the content hash by their bytes only, so describing one never makes a decision stale.
 */
export async function describeAttachment(db: AppDB, portfolioId: string, evidenceId: string, sha256Hash: string, description: string, actor: string, now?: Date): Promise<StoredEvidence> {
  const text = description.replace(/\s+/g, ' ').trim();
  if (text.length > MAX_ATTACHMENT_DESCRIPTION) throw new Error(`The description must be ${MAX_ATTACHMENT_DESCRIPTION.toLocaleString('en-GB')} characters or fewer.`);
  return withRetry(async () => {
    const read = await db.evidence.get([portfolioId, evidenceId]);
    if (!read) throw new Error('This evidence has been deleted, so the description was not saved.');
    const ref = read.attachments.find((attachment) => attachment.sha256 === sha256Hash);
    if (!ref) throw new Error('That file is no longer attached.');
    if ((ref.description ?? '') === text) return read;
    const at = nowIso(now);
    const attachments = read.attachments.map((attachment) => {
      if (attachment.sha256 !== sha256Hash) return attachment;
      const { description: _previous, ...rest } = attachment;
      return text === '' ? rest : { ...rest, description: text };
    });
    const next: StoredEvidence = { ...read, attachments, updatedAt: at };
    await db.transaction('rw', [db.portfolios, db.evidence, db.audit], async () => {
      assertUnchanged(await db.evidence.get([portfolioId, evidenceId]), read);
      await db.evidence.put(next);
      await db.audit.add(auditEntry(read.portfolioId, actor, 'update', 'attachment', sha256Hash, `${text === '' ? 'Cleared the description of' : 'Described'} “${ref.name}”.`, at));
      await touch(db, read.portfolioId, at);
    });
    return next;
  });
}

export async function getAttachment(db: AppDB, portfolioId: string, sha256Hash: string): Promise<StoredAttachment | undefined> {
  return db.attachments.get([portfolioId, sha256Hash]);
}

/** Total bytes of attachments kept for a portfolio. */
export async function attachmentUsage(db: AppDB, portfolioId: string): Promise<{ count: number; bytes: number }> {
  let count = 0;
  let bytes = 0;
  await db.attachments.where('portfolioId').equals(portfolioId).each((attachment) => {
    count++;
    bytes += attachment.size;
  });
  return { count, bytes };
}
