/**
 * The one IndexedDB database (Dexie), shared by every feature through repository modules.
 * Every portfolio record carries its `portfolioId`, so one database holds an assessor's
 * whole caseload. Each schema version is declared here forever; upgrades live in
 * `migrations/`, one file each, with a test that seeds the version before.
 */
import { Dexie, type EntityTable } from 'dexie';
import type {
  ActionPlanItem,
  AssessorDecision,
  AuditEntry,
  Declaration,
  EvidenceComment,
  EvidenceItem,
  IqaSample,
  Mapping,
  Portfolio,
  UnitSignOff,
} from '../../../core/model/portfolio';
import type { SignedKind } from '../../../core/integrity/signed-record';
import type { QualificationSpec } from '../../../core/spec/types';

export const DATABASE_NAME = 'portfolio-builder';

export interface StoredSpec {
  /** `${spec.id}@${spec.version}`: several versions of one qualification can coexist. */
  key: string;
  id: string;
  version: string;
  title: string;
  /** Built in, imported from a file, or written in the app's qualification editor. */
  source: 'builtin' | 'imported' | 'authored';
  importedAt: string;
  spec: QualificationSpec;
}

export interface StoredSetting {
  key: string;
  value: unknown;
}

/** Evidence as stored: the item plus its content hash, kept current on every save. */
export interface StoredEvidence extends EvidenceItem {
  contentHash: string;
}

export interface StoredAttachment {
  portfolioId: string;
  sha256: string;
  mediaType: string;
  size: number;
  blob: Blob;
}

/** A deleted record kept for undo until the user empties it or it expires. */
export interface TrashEntry {
  id: string;
  portfolioId: string;
  deletedAt: string;
  summary: string;
  /** Everything removed by the deletion, by table, so undo puts back exactly what went. */
  records: Record<string, unknown[]>;
}

export interface StoredKey {
  id: string;
  /** The role the key was first made for (one key signs in every role, see keys-repo). */
  role: 'learner' | 'assessor' | 'iqa';
  algorithm: string;
  privateKey: CryptoKey;
  publicKey: string;
  fingerprint: string;
  createdAt: string;
}

/**
 * One signed record this installation's key signed, kept for ever (imports, restores and
 * deletions never touch it): the app's own memory of its chain in each portfolio, from which
 * the next place is taken and against which incoming packages are checked for rollbacks.
 */
export interface SignedLogEntry {
  portfolioId: string;
  fingerprint: string;
  sequence: number;
  kind: SignedKind;
  recordId: string;
  /** Lowercase hex SHA-256 of the payload: the next record's `previous`. */
  payloadHash: string;
  /** The flat record as signed. */
  record: AssessorDecision | UnitSignOff | IqaSample | Declaration;
  signedAt: string;
  /** When a package holding it was first exported (given to someone); until then nobody else can have it. */
  sentAt?: string;
}

/** The key first seen for a signer's name in a portfolio (trust on first use). */
export interface StoredPin {
  portfolioId: string;
  /** `nameKey` of the signer's name. */
  nameKey: string;
  name: string;
  fingerprint: string;
  pinnedAt: string;
  /** Pinned when this installation signed, or when a record was first brought in. */
  source: 'signed-here' | 'brought-in';
}

export class AppDB extends Dexie {
  specs!: EntityTable<StoredSpec, 'key'>;
  settings!: EntityTable<StoredSetting, 'key'>;
  portfolios!: EntityTable<Portfolio, 'id'>;
  evidence!: EntityTable<StoredEvidence, 'id'>;
  mappings!: EntityTable<Mapping, 'id'>;
  attachments!: Dexie.Table<StoredAttachment, [string, string]>;
  decisions!: EntityTable<AssessorDecision, 'id'>;
  signOffs!: EntityTable<UnitSignOff, 'id'>;
  iqaSamples!: EntityTable<IqaSample, 'id'>;
  declarations!: EntityTable<Declaration, 'id'>;
  actionPlan!: EntityTable<ActionPlanItem, 'id'>;
  comments!: EntityTable<EvidenceComment, 'id'>;
  audit!: EntityTable<AuditEntry, 'id'>;
  trash!: EntityTable<TrashEntry, 'id'>;
  keys!: EntityTable<StoredKey, 'id'>;
  signedLog!: Dexie.Table<SignedLogEntry, [string, string, number]>;
  pins!: Dexie.Table<StoredPin, [string, string]>;

  constructor(name = DATABASE_NAME) {
    super(name);
    // Version 1: declared forever. Change the schema only by adding a version below.
    this.version(1).stores({
      specs: '&key, id, source',
      settings: '&key',
      portfolios: '&id, updatedAt',
      evidence: '&id, portfolioId, [portfolioId+type], [portfolioId+updatedAt]',
      mappings: '&id, portfolioId, evidenceId, [portfolioId+markingPointId]',
      attachments: '&[portfolioId+sha256], portfolioId',
      decisions: '&id, portfolioId, [portfolioId+markingPointId]',
      signOffs: '&id, portfolioId',
      iqaSamples: '&id, portfolioId',
      declarations: '&id, portfolioId',
      actionPlan: '&id, portfolioId',
      comments: '&id, portfolioId, evidenceId',
      audit: '&id, portfolioId, [portfolioId+at]',
      trash: '&id, portfolioId, deletedAt',
      keys: '&id',
    });
    // Version 3: signed records of version 2 (CONTRACTS.md §5) need the app's own log of what it
    // signed, and the keys pinned for signers' names. New tables only: nothing to upgrade.
    this.version(3).stores({
      signedLog: '&[portfolioId+fingerprint+sequence], [portfolioId+kind+recordId], portfolioId',
      pins: '&[portfolioId+nameKey], portfolioId',
    });
  }
}

/** Names of the portfolio tables, in the order an import writes them. */
export const PORTFOLIO_TABLES = ['portfolios', 'evidence', 'mappings', 'attachments', 'decisions', 'signOffs', 'iqaSamples', 'declarations', 'actionPlan', 'comments', 'audit'] as const;

let shared: AppDB | undefined;

/** The single shared instance used by the app. Tests make their own with `new AppDB(name)`. */
export function appDb(): AppDB {
  shared ??= new AppDB();
  return shared;
}
