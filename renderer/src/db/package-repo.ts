/**
 * The database side of `.portfolio` packages: collecting a whole portfolio into a package
 * manifest and its attachments, and writing an imported package back, all-or-nothing, in
 * one transaction. Hashing and reading attachment bytes happen before the transaction
 * opens (awaiting anything else inside an IndexedDB transaction commits it early).
 */
import type { AttachmentPayload } from '../../../core/package/writer';
import { PACKAGE_FORMAT, type PackageManifest, type PackagedTrashEntry } from '../../../core/package/manifest';
import type { AuditEntry, EvidenceItem, Portfolio, PortfolioContent } from '../../../core/model/portfolio';
import { evidenceContentHash } from '../../../core/integrity/content-hash';
import { PRODUCT_NAME, PRODUCT_VERSION } from '../../../core/version';
import { contentHashesOf } from '../../../core/coverage/coverage';
import { KIND_LIST } from '../../../core/integrity/signed-record';
import type { SignerPin } from '../../../core/integrity/verify';
import type { Problem } from '../../../core/problems';
import type { AppDB, PortfolioTable, StoredAttachment, StoredEvidence, TrashEntry } from './app-db';
import { getKeyRegister, loadIdentity } from './keys-repo';
import { checkIncoming, keepPins, learnerChangeProblem, loggedRecords } from './trust-repo';
import { additionalSpecsOf, specKey } from './specs-repo';
import { portfolioRecordTables, readPortfolioRecords } from './content-repo';
import { auditEntry } from './portfolios-repo';
import { newId, nowIso } from './ids';
import { attachmentsNeededByTrash, trashRecords } from './trash-repo';

/** Portfolio tables other than `portfolios` and `attachments`, whose rows carry `portfolioId`. */
const RECORD_TABLES = ['evidence', 'mappings', 'decisions', 'signOffs', 'iqaSamples', 'declarations', 'actionPlan', 'comments', 'audit'] as const;

function withoutContentHash(stored: StoredEvidence): EvidenceItem {
  const { contentHash: _contentHash, ...item } = stored;
  return item;
}

/** A trash entry as a backup carries it: its own portfolio's records, evidence without the stored hash. */
function packagedTrash(entry: TrashEntry): PackagedTrashEntry {
  const { evidence, mappings, comments, attachmentRefs } = trashRecords(entry);
  return {
    id: entry.id,
    portfolioId: entry.portfolioId,
    deletedAt: entry.deletedAt,
    summary: entry.summary,
    records: {
      ...(evidence.length > 0 ? { evidence: evidence.map(withoutContentHash) } : {}),
      ...(mappings.length > 0 ? { mappings } : {}),
      ...(comments.length > 0 ? { comments } : {}),
      ...(attachmentRefs.length > 0 ? { attachmentRefs: attachmentRefs.map(({ evidenceId, index, ref }) => ({ evidenceId, index, ref })) } : {}),
    },
  };
}

/** A backup's trash entry as the database keeps it (hashes computed here, before any transaction). */
async function storedTrash(entry: PackagedTrashEntry, portfolioId: string): Promise<TrashEntry> {
  const evidence: StoredEvidence[] = [];
  for (const item of entry.records.evidence ?? []) evidence.push({ ...item, contentHash: await evidenceContentHash(item) });
  const records: Record<string, unknown[]> = { ...entry.records, ...(entry.records.evidence ? { evidence } : {}) };
  return { id: entry.id, portfolioId, deletedAt: entry.deletedAt, summary: entry.summary, records };
}

export interface CollectOptions {
  /** Backups only: carry the trash (and the attachments it needs), so a restore can still undo deletions. */
  isBackup?: boolean;
}

/** Everything about one portfolio, as a package manifest plus its attachments' bytes (read lazily). */
export async function collectPackage(db: AppDB, portfolioId: string, now = new Date(), options: CollectOptions = {}): Promise<{ manifest: PackageManifest; attachments: AttachmentPayload[] }> {
  return db.transaction('r', [db.portfolios, db.specs, db.attachments, db.trash, ...portfolioRecordTables(db)], async () => {
    const portfolio = await db.portfolios.get(portfolioId);
    if (!portfolio) throw new Error('That portfolio no longer exists.');
    const stored = await db.specs.get(specKey({ id: portfolio.qualificationId, version: portfolio.qualificationVersion }));
    if (!stored) throw new Error(`The qualification this portfolio uses (${portfolio.qualificationId} version ${portfolio.qualificationVersion}) is not in the app. Import its specification first.`);
    const additional = await additionalSpecsOf(db, portfolio);
    const firstMissing = additional.missing[0];
    if (firstMissing) throw new Error(`A further qualification this portfolio maps to (${firstMissing.id} version ${firstMissing.version}) is not in the app. Import its specification first.`);
    const { evidence, mappings, decisions, signOffs, iqaSamples, declarations, actionPlan, comments, audit } = await readPortfolioRecords(db, portfolioId);
    const attachmentRows = await db.attachments.where('portfolioId').equals(portfolioId).toArray();
    // A trash entry whose bytes are gone cannot travel (the reader would refuse the backup), nor be undone.
    const held = new Set(attachmentRows.map((row) => row.sha256));
    const trash = (options.isBackup ? await db.trash.where('portfolioId').equals(portfolioId).toArray() : [])
      .filter((entry) => [...attachmentsNeededByTrash([entry])].every((hash) => held.has(hash)))
      .sort((a, b) => a.deletedAt.localeCompare(b.deletedAt) || a.id.localeCompare(b.id));
    const referenced = attachmentsNeededByTrash(trash);
    for (const item of evidence) for (const attachment of item.attachments) referenced.add(attachment.sha256);
    const attachmentRowsUsed = attachmentRows.filter((row) => referenced.has(row.sha256)).sort((a, b) => a.sha256.localeCompare(b.sha256));
    const manifest: PackageManifest = {
      format: PACKAGE_FORMAT,
      exportedAt: now.toISOString(),
      generator: { name: PRODUCT_NAME, version: PRODUCT_VERSION },
      portfolio,
      qualification: stored.spec,
      // Only when there are any, so a one-qualification package keeps its shape exactly.
      ...(additional.specs.length > 0 ? { additionalQualifications: additional.specs.map((extra) => extra.spec) } : {}),
      evidence: evidence.map(withoutContentHash).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
      mappings: byCreation(mappings),
      decisions: decisions.sort((a, b) => a.decidedAt.localeCompare(b.decidedAt) || a.id.localeCompare(b.id)),
      signOffs: signOffs.sort((a, b) => a.signedAt.localeCompare(b.signedAt) || a.id.localeCompare(b.id)),
      iqaSamples: iqaSamples.sort((a, b) => a.sampledAt.localeCompare(b.sampledAt) || a.id.localeCompare(b.id)),
      declarations: declarations.sort((a, b) => a.signedAt.localeCompare(b.signedAt) || a.id.localeCompare(b.id)),
      actionPlan: byCreation(actionPlan),
      comments: byCreation(comments),
      audit: audit.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)),
      attachments: attachmentRowsUsed.map((row) => ({ sha256: row.sha256, size: row.size, mediaType: row.mediaType })),
      ...(options.isBackup ? { trash: trash.map(packagedTrash) } : {}),
    };
    const attachments = attachmentRowsUsed.map((row): AttachmentPayload => ({ sha256: row.sha256, size: row.size, chunks: () => blobChunks(row.blob) }));
    return { manifest, attachments };
  });
}

function byCreation<T extends { createdAt: string; id: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

const BLOB_CHUNK_BYTES = 4 * 1024 * 1024;

/** Reads a Blob in slices so a large attachment never sits in memory whole. */
export async function* blobChunks(blob: Blob): AsyncIterable<Uint8Array> {
  for (let offset = 0; offset < blob.size; offset += BLOB_CHUNK_BYTES) {
    yield new Uint8Array(await blob.slice(offset, offset + BLOB_CHUNK_BYTES).arrayBuffer());
  }
}

export type ImportMode = 'add' | 'replace' | 'keep-both';

export interface ImportPreview {
  learnerName: string;
  learnerNumber?: string;
  centreName: string;
  qualificationTitle: string;
  qualificationVersion: string;
  counts: { evidence: number; attachments: number; mappings: number; decisions: number; signOffs: number };
  /** The portfolio with the same id already in the app, if any. */
  existing?: Portfolio;
}

export async function previewImport(db: AppDB, manifest: PackageManifest): Promise<ImportPreview> {
  const existing = await db.portfolios.get(manifest.portfolio.id);
  return {
    learnerName: manifest.portfolio.learner.name,
    ...(manifest.portfolio.learner.number ? { learnerNumber: manifest.portfolio.learner.number } : {}),
    centreName: manifest.portfolio.centre.name,
    qualificationTitle: manifest.qualification.title,
    qualificationVersion: manifest.qualification.version,
    counts: {
      evidence: manifest.evidence.length,
      attachments: manifest.attachments.length,
      mappings: manifest.mappings.length,
      decisions: manifest.decisions.length,
      signOffs: manifest.signOffs.length,
    },
    ...(existing ? { existing } : {}),
  };
}

/** The import was refused before anything changed; `problems` says why, record by record. */
export class ImportRefusedError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((problem) => problem.message).join(' '));
    this.name = 'ImportRefusedError';
  }
}

/**
 * Before an `add` or `replace`: every signed record is verified with the centre's register and
 * the pins, and nothing the app knows of may be missing (a rollback). A backup of the app's own
 * is restored as it was (it may well be older than records signed since); the records this
 * installation signed are put back from its log afterwards, so nothing signed is ever lost.
 */
async function checkBeforeImport(db: AppDB, manifest: PackageManifest, mode: ImportMode, source: 'package' | 'backup'): Promise<ReadonlyMap<string, SignerPin>> {
  if (mode === 'keep-both' || source === 'backup') return new Map();
  const existing = await db.portfolios.get(manifest.portfolio.id);
  const localContent = existing ? await readPortfolioRecords(db, existing.id) : undefined;
  if (existing && localContent) {
    const hasSigned = [...localContent.decisions, ...localContent.signOffs, ...localContent.iqaSamples, ...localContent.declarations].some((record) => record.signature !== undefined);
    const renamed = learnerChangeProblem(existing, manifest.portfolio, hasSigned);
    if (renamed && mode === 'replace') throw new ImportRefusedError([renamed]);
  }
  const [identity, stored] = await Promise.all([loadIdentity(db), getKeyRegister(db)]);
  const check = await checkIncoming(db, manifest, await contentHashesOf(manifest.evidence), {
    ...(stored ? { register: stored.register } : {}),
    ...(localContent ? { localContent } : {}),
    ...(identity.key ? { ownFingerprint: identity.key.fingerprint } : {}),
    requireOwnSent: identity.role !== 'learner',
  });
  if (check.problems.length > 0) throw new ImportRefusedError(check.problems);
  return check.report.pins;
}

/** Inside the import's transaction: any record this installation signed that the portfolio now lacks is put back. */
async function restoreLoggedRecords(db: AppDB, portfolioId: string): Promise<number> {
  let restored = 0;
  for (const entry of await loggedRecords(db, portfolioId)) {
    const table = db[KIND_LIST[entry.kind]] as unknown as PortfolioTable<{ id: string; portfolioId: string }>;
    if (await table.get([portfolioId, entry.recordId])) continue;
    await table.add(entry.record);
    restored++;
  }
  return restored;
}

/**
 * Writes an imported package into the database in one transaction: on any failure the
 * database is exactly as before. `replace` swaps the existing portfolio for the package;
 * `keep-both` stores the package as a new portfolio with fresh ids (signed assessor records
 * are left out of the copy: their signatures name the original portfolio). A package from
 * someone else (`source: 'package'`) is refused, with ImportRefusedError, when a signed record
 * in it is not genuine or one the app knows of is missing from it.
 */
export async function applyImport(
  db: AppDB,
  manifest: PackageManifest,
  readAttachment: (sha256: string) => Promise<Uint8Array>,
  mode: ImportMode,
  actor: string,
  onProgress?: (done: number, total: number) => void,
  source: 'package' | 'backup' = 'package',
): Promise<Portfolio> {
  const content = mode === 'keep-both' ? copyWithFreshIds(manifest) : (manifest satisfies PortfolioContent);
  const portfolioId = content.portfolio.id;
  assertOwnRecords(content);
  const pins = await checkBeforeImport(db, manifest, mode, source);

  // Everything slow happens before the transaction: attachment bytes into Blobs, hashes.
  const attachments: StoredAttachment[] = [];
  let done = 0;
  const total = manifest.attachments.reduce((sum, attachment) => sum + attachment.size, 0);
  for (const attachment of manifest.attachments) {
    const bytes = await readAttachment(attachment.sha256);
    attachments.push({ portfolioId, sha256: attachment.sha256, mediaType: attachment.mediaType, size: attachment.size, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: attachment.mediaType }) });
    done += attachment.size;
    onProgress?.(done, total);
  }
  const evidence: StoredEvidence[] = [];
  for (const item of content.evidence) evidence.push({ ...item, contentHash: await evidenceContentHash(item) });
  // A backup's trash comes back with it (a copy under fresh ids starts with none).
  const trash: TrashEntry[] = [];
  if (mode !== 'keep-both') for (const entry of manifest.trash ?? []) if (entry.portfolioId === portfolioId) trash.push(await storedTrash(entry, portfolioId));
  const importedAt = nowIso();
  const importNote: AuditEntry = auditEntry(portfolioId, actor, 'import', 'portfolio', portfolioId,
    mode === 'keep-both' ? `Imported as a copy of ${manifest.portfolio.learner.name}’s portfolio (exported ${manifest.exportedAt}).` : `Imported from a package exported ${manifest.exportedAt}.`, importedAt);
  const spec = manifest.qualification;

  await db.transaction('rw', [db.portfolios, db.attachments, db.specs, db.trash, db.signedLog, db.pins, ...RECORD_TABLES.map((name) => db[name])], async () => {
    if (mode === 'add' && (await db.portfolios.get(portfolioId))) {
      throw new Error('A portfolio with the same identity is already in the app. Choose whether to replace it or keep both.');
    }
    if (mode === 'replace') {
      // The trash stays, with the bytes its entries need, so what was deleted can still be put back.
      const needed = attachmentsNeededByTrash(await db.trash.where('portfolioId').equals(portfolioId).toArray());
      await db.portfolios.delete(portfolioId);
      await db.attachments.where('portfolioId').equals(portfolioId).filter((row) => !needed.has(row.sha256)).delete();
      for (const name of RECORD_TABLES) await db[name].where('portfolioId').equals(portfolioId).delete();
    }
    for (const carried of [spec, ...(manifest.additionalQualifications ?? [])]) {
      const carriedKey = specKey(carried);
      if (!(await db.specs.get(carriedKey))) {
        await db.specs.put({ key: carriedKey, id: carried.id, version: carried.version, title: carried.title, source: 'imported', importedAt, spec: carried });
      }
    }
    await db.portfolios.add(content.portfolio);
    await db.attachments.bulkPut(attachments);
    await db.trash.bulkPut(trash);
    await db.evidence.bulkAdd(evidence);
    await db.mappings.bulkAdd(content.mappings);
    await db.decisions.bulkAdd(content.decisions);
    await db.signOffs.bulkAdd(content.signOffs);
    await db.iqaSamples.bulkAdd(content.iqaSamples);
    await db.declarations.bulkAdd(content.declarations);
    await db.actionPlan.bulkAdd(content.actionPlan);
    await db.comments.bulkAdd(content.comments);
    await db.audit.bulkAdd([...content.audit, importNote]);
    if (mode !== 'keep-both') {
      const restored = await restoreLoggedRecords(db, portfolioId);
      if (restored > 0) {
        await db.audit.add(auditEntry(portfolioId, actor, 'restore', 'portfolio', portfolioId, `Put back ${restored} signed ${restored === 1 ? 'record' : 'records'} made on this computer that the imported copy did not hold.`, importedAt));
      }
      await keepPins(db, portfolioId, pins, importedAt);
    }
  });
  return content.portfolio;
}

/**
 * A package can only ever write its own portfolio's rows. The reader refuses a package with
 * a record of another portfolio; this keeps that true for every caller of `applyImport`.
 */
function assertOwnRecords(content: PortfolioContent): void {
  const portfolioId = content.portfolio.id;
  for (const name of RECORD_TABLES) {
    const stranger = content[name].findIndex((record) => record.portfolioId !== portfolioId);
    if (stranger !== -1) throw new Error(`Nothing was imported: record ${stranger + 1} of the package’s ${name} belongs to another portfolio.`);
  }
}

/** A copy of the package's content under fresh ids, consistently remapped. */
function copyWithFreshIds(manifest: PackageManifest): PortfolioContent {
  const ids = new Map<string, string>();
  const fresh = (id: string): string => {
    let mapped = ids.get(id);
    if (!mapped) {
      mapped = newId();
      ids.set(id, mapped);
    }
    return mapped;
  };
  const portfolioId = fresh(manifest.portfolio.id);
  return {
    portfolio: { ...manifest.portfolio, id: portfolioId },
    qualification: manifest.qualification,
    ...(manifest.additionalQualifications ? { additionalQualifications: manifest.additionalQualifications } : {}),
    evidence: manifest.evidence.map((item) => ({ ...item, id: fresh(item.id), portfolioId })),
    mappings: manifest.mappings.map((mapping) => ({ ...mapping, id: fresh(mapping.id), portfolioId, evidenceId: fresh(mapping.evidenceId) })),
    decisions: [],
    signOffs: [],
    iqaSamples: [],
    declarations: manifest.declarations.map((declaration) => ({ ...declaration, id: fresh(declaration.id), portfolioId })),
    actionPlan: manifest.actionPlan.map((item) => ({ ...item, id: fresh(item.id), portfolioId })),
    comments: manifest.comments.map((comment) => ({ ...comment, id: fresh(comment.id), portfolioId, evidenceId: fresh(comment.evidenceId) })),
    audit: manifest.audit.map((entry) => ({ ...entry, id: fresh(entry.id), portfolioId, entityId: fresh(entry.entityId) })),
  };
}
