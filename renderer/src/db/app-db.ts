/**
 * The one IndexedDB database (Dexie), shared by every feature through repository modules.
 * Every portfolio record carries its `portfolioId`, so one database holds an assessor's
 * whole caseload. Each schema version is declared here forever; upgrades live in
 * `migrations/`, one file each, with a test that seeds the version before.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
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
import type { LockedPrivateKey } from '../lib/key-vault';
import { SCOPED_STORES, VERSION_2_STORES, upgradeToVersion2 } from './migrations/2-portfolio-scoped-keys';

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
  /**
   * The private key, locked by this computer's keychain or by a passphrase (lib/key-vault). Not
   * indexed, so it needed no schema version.
   */
  lockedPrivateKey?: LockedPrivateKey;
  /**
   * Only in rows made before keys were locked: a non-extractable CryptoKey kept by structured
   * clone, whose bytes lie in the clear in the database files. Read only to tell the person the
   * key must be replaced; never written again.
   */
  privateKey?: CryptoKey;
  publicKey: string;
  fingerprint: string;
  createdAt: string;
}

/**
 * Version 1: declared forever. Its portfolio tables were keyed by a global id, so one
 * package could overwrite another portfolio's rows; version 2 replaced them.
 */
export const VERSION_1_STORES = {
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
} as const;

/** A portfolio record's key: its id within its own portfolio (see `migrations/2-portfolio-scoped-keys.ts`). */
export type RowKey = [portfolioId: string, id: string];

export function rowKey(record: { portfolioId: string; id: string }): RowKey {
  return [record.portfolioId, record.id];
}

/** A table of portfolio records keyed by `[portfolioId+id]`. */
export type PortfolioTable<T> = Table<T, RowKey>;

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
  attachments!: Table<StoredAttachment, [string, string]>;
  keys!: EntityTable<StoredKey, 'id'>;
  signedLog!: Dexie.Table<SignedLogEntry, [string, string, number]>;
  pins!: Dexie.Table<StoredPin, [string, string]>;

  constructor(name = DATABASE_NAME) {
    super(name);
    this.version(1).stores(VERSION_1_STORES);
    this.version(2).stores(VERSION_2_STORES).upgrade(upgradeToVersion2);
    // Version 3: signed records of version 2 (CONTRACTS.md §5) need the app's own log of what it
    // signed, and the keys pinned for signers' names. New tables only: nothing to upgrade.
    this.version(3).stores({
      signedLog: '&[portfolioId+fingerprint+sequence], [portfolioId+kind+recordId], portfolioId',
      pins: '&[portfolioId+nameKey], portfolioId',
    });
  }

  // The portfolio tables by the names the code uses; the stores behind them are version 2's.
  get evidence(): PortfolioTable<StoredEvidence> {
    return this.table(SCOPED_STORES.evidence);
  }
  get mappings(): PortfolioTable<Mapping> {
    return this.table(SCOPED_STORES.mappings);
  }
  get decisions(): PortfolioTable<AssessorDecision> {
    return this.table(SCOPED_STORES.decisions);
  }
  get signOffs(): PortfolioTable<UnitSignOff> {
    return this.table(SCOPED_STORES.signOffs);
  }
  get iqaSamples(): PortfolioTable<IqaSample> {
    return this.table(SCOPED_STORES.iqaSamples);
  }
  get declarations(): PortfolioTable<Declaration> {
    return this.table(SCOPED_STORES.declarations);
  }
  get actionPlan(): PortfolioTable<ActionPlanItem> {
    return this.table(SCOPED_STORES.actionPlan);
  }
  get comments(): PortfolioTable<EvidenceComment> {
    return this.table(SCOPED_STORES.comments);
  }
  get audit(): PortfolioTable<AuditEntry> {
    return this.table(SCOPED_STORES.audit);
  }
  get trash(): PortfolioTable<TrashEntry> {
    return this.table(SCOPED_STORES.trash);
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
