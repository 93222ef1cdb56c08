/**
 * What this installation trusts and remembers about signed records (CONTRACTS.md §5):
 *
 * - the signed log: every record this installation's key signed, per portfolio, for ever. The
 *   next place in the key's chain comes from it, and every package brought in is checked
 *   against it, so a learner who deletes the assessor's latest "not yet met" from a package is
 *   caught even when the assessor's own copy of the portfolio has since been replaced;
 * - pins: the first key seen for each signer's name in a portfolio. A later record under that
 *   name by another key is flagged unless the centre's register vouches for the key.
 *
 * Pure checks live in core/integrity/verify.ts; this module feeds them what the app knows.
 */
import { identityOf, payloadHash, positionAfter, FIRST_POSITION, KIND_LIST, SIGNED_KINDS, type ChainPosition, type FlatRecordOf, type SignedKind } from '../../../core/integrity/signed-record';
import { nameKey, type KeyRegister } from '../../../core/integrity/key-register';
import { findingSeverity, verifyPortfolio, type SignerPin, type VerificationFinding, type VerificationReport } from '../../../core/integrity/verify';
import type { Portfolio, PortfolioContent, Signer } from '../../../core/model/portfolio';
import type { Problem } from '../../../core/problems';
import type { AppDB, SignedLogEntry, StoredPin } from './app-db';
import { nowIso } from './ids';

type SignedRecord = FlatRecordOf[SignedKind];

/** The last record this key signed in the portfolio (its highest place), if any. Works inside or outside a transaction. */
export async function lastSigned(db: AppDB, portfolioId: string, fingerprint: string): Promise<SignedLogEntry | undefined> {
  return db.signedLog.where('[portfolioId+fingerprint+sequence]').between([portfolioId, fingerprint, 0], [portfolioId, fingerprint, Number.MAX_SAFE_INTEGER]).last();
}

/** Where the key's next record in this portfolio goes. */
export async function nextChainPosition(db: AppDB, portfolioId: string, fingerprint: string): Promise<ChainPosition> {
  const last = await lastSigned(db, portfolioId, fingerprint);
  return last ? positionAfter(last.kind, last.record) : FIRST_POSITION;
}

/** Thrown inside a transaction when another record took the place meanwhile (two signings at once). */
export class ChainMovedError extends Error {
  constructor() {
    super('Something else was signed at the same moment, so nothing was signed. Try again.');
    this.name = 'ChainMovedError';
  }
}

/** A record signed and ready to store, with its payload hash (worked out before the transaction). */
export interface SignedToStore<K extends SignedKind = SignedKind> {
  kind: K;
  record: FlatRecordOf[K];
  payloadHash: string;
}

export async function readyToStore<K extends SignedKind>(kind: K, record: FlatRecordOf[K]): Promise<SignedToStore<K>> {
  return { kind, record, payloadHash: await payloadHash(kind, record) };
}

/**
 * Inside the transaction that stores the records: checks that each still takes the next place
 * in its key's chain and logs it, and pins the signer's name to the key. Throws
 * ChainMovedError (the transaction then writes nothing) when the chain moved meanwhile.
 */
export async function logSigned(db: AppDB, signed: readonly SignedToStore[], at = nowIso()): Promise<void> {
  for (const { kind, record, payloadHash: hash } of signed) {
    const chain = record.chain;
    const signer = record.signer;
    if (!chain || !signer) throw new Error('Only signed records of version 2 are logged.');
    const last = await lastSigned(db, record.portfolioId, signer.keyFingerprint);
    const expected = last ? { sequence: last.sequence + 1, previous: last.payloadHash } : FIRST_POSITION;
    if (chain.sequence !== expected.sequence || chain.previous !== expected.previous) throw new ChainMovedError();
    await db.signedLog.add({
      portfolioId: record.portfolioId,
      fingerprint: signer.keyFingerprint,
      sequence: chain.sequence,
      kind,
      recordId: record.id,
      payloadHash: hash,
      record,
      signedAt: at,
    });
    const key = nameKey(signer.name);
    if (!(await db.pins.get([record.portfolioId, key]))) {
      await db.pins.add({ portfolioId: record.portfolioId, nameKey: key, name: signer.name, fingerprint: signer.keyFingerprint, pinnedAt: at, source: 'signed-here' });
    }
  }
}

/** The signed records a package holds, as `kind\nid`. */
export type SignedRecordIds = ReadonlySet<string>;

export function signedRecordIds(content: Pick<PortfolioContent, 'decisions' | 'signOffs' | 'iqaSamples' | 'declarations'>): SignedRecordIds {
  return new Set(signedRecordsOf(content).map(({ kind, record }) => `${kind}\n${record.id}`));
}

/**
 * Marks the records of this installation's log that an exported package held as given to
 * someone: from now on every package of this portfolio brought in must hold them.
 */
export async function markSent(db: AppDB, portfolioId: string, sent: SignedRecordIds, at = nowIso()): Promise<void> {
  await db.transaction('rw', db.signedLog, async () => {
    await db.signedLog
      .where('portfolioId')
      .equals(portfolioId)
      .filter((entry) => entry.sentAt === undefined && sent.has(`${entry.kind}\n${entry.recordId}`))
      .modify({ sentAt: at });
  });
}

/** The pins of a portfolio, by name key. */
export async function pinsOf(db: AppDB, portfolioId: string): Promise<Map<string, SignerPin>> {
  const rows = await db.pins.where('portfolioId').equals(portfolioId).toArray();
  return new Map(rows.map((row) => [row.nameKey, { name: row.name, fingerprint: row.fingerprint }]));
}

/** Keeps the pins a verification made for names not yet pinned (inside the caller's transaction). */
export async function keepPins(db: AppDB, portfolioId: string, pins: ReadonlyMap<string, SignerPin>, at = nowIso()): Promise<void> {
  for (const [key, pin] of pins) {
    if (await db.pins.get([portfolioId, key])) continue;
    await db.pins.add({ portfolioId, nameKey: key, name: pin.name, fingerprint: pin.fingerprint, pinnedAt: at, source: 'brought-in' } satisfies StoredPin);
  }
}

/** Records of this portfolio signed with the given key, from its log. */
export async function loggedRecords(db: AppDB, portfolioId: string, options: { onlySent?: boolean } = {}): Promise<SignedLogEntry[]> {
  const entries = await db.signedLog.where('portfolioId').equals(portfolioId).toArray();
  return options.onlySent ? entries.filter((entry) => entry.sentAt !== undefined) : entries;
}

// ---------------------------------------------------------------------------------------
// Checking a package before anything of it is brought in

/** Every signed record of a content, with its kind. */
function signedRecordsOf(content: Pick<PortfolioContent, 'decisions' | 'signOffs' | 'iqaSamples' | 'declarations'>): Array<{ kind: SignedKind; record: SignedRecord }> {
  const records: Array<{ kind: SignedKind; record: SignedRecord }> = [];
  for (const kind of SIGNED_KINDS) {
    for (const record of content[KIND_LIST[kind]] as readonly SignedRecord[]) records.push({ kind, record });
  }
  return records;
}

function isSigned(record: SignedRecord): boolean {
  return (record as { signature?: unknown }).signature !== undefined;
}

function emptyLists(): Pick<PortfolioContent, 'decisions' | 'signOffs' | 'iqaSamples' | 'declarations'> {
  return { decisions: [], signOffs: [], iqaSamples: [], declarations: [] };
}

function addTo(lists: Pick<PortfolioContent, 'decisions' | 'signOffs' | 'iqaSamples' | 'declarations'>, kind: SignedKind, record: SignedRecord): void {
  (lists[KIND_LIST[kind]] as SignedRecord[]).push(record);
}

export interface IncomingCheck {
  report: VerificationReport;
  /** Plain problems that refuse the package (empty when it may be brought in). */
  problems: Problem[];
}

/**
 * Checks a package before any of it is brought into a portfolio this app may already hold:
 * every signed record verified with the centre's register and this portfolio's pins, and
 * compared with what this app knows must be in it:
 * - with `requireOwnSent` (an assessor or IQA bringing in a learner's package): every record
 *   this installation signed and already gave out (its signed log), and
 * - for every other signer whose records the package holds, every record of theirs the app
 *   already has: a signer's later package always carries all their earlier records, so one
 *   missing is a record removed (a rollback), never a record not yet sent.
 * `localContent` is the portfolio as the app holds it (absent when it is not here).
 */
export async function checkIncoming(
  db: AppDB,
  incoming: PortfolioContent,
  contentHashes: ReadonlyMap<string, string>,
  options: { register?: KeyRegister; localContent?: Pick<PortfolioContent, 'decisions' | 'signOffs' | 'iqaSamples' | 'declarations'>; ownFingerprint?: string; requireOwnSent: boolean },
): Promise<IncomingCheck> {
  const portfolioId = incoming.portfolio.id;
  const pins = await pinsOf(db, portfolioId);
  const required = emptyLists();
  const seen = new Set<string>();
  const requireRecord = (kind: SignedKind, record: SignedRecord): void => {
    const key = `${kind}\n${record.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    addTo(required, kind, record);
  };
  if (options.requireOwnSent) for (const entry of await loggedRecords(db, portfolioId, { onlySent: true })) requireRecord(entry.kind, entry.record);
  if (options.localContent) {
    const signersHere = new Set(
      signedRecordsOf(incoming)
        .filter(({ record }) => isSigned(record))
        .map(({ record }) => (record as { signer?: Signer }).signer?.keyFingerprint),
    );
    for (const { kind, record } of signedRecordsOf(options.localContent)) {
      const fingerprint = (record as { signer?: Signer }).signer?.keyFingerprint;
      if (!isSigned(record) || fingerprint === undefined || fingerprint === options.ownFingerprint || !signersHere.has(fingerprint)) continue;
      requireRecord(kind, record);
    }
  }
  const hasRequired = seen.size > 0;
  const reference: PortfolioContent | undefined = hasRequired ? { ...incoming, ...required } : undefined;
  const report = await verifyPortfolio(incoming, contentHashes, {
    ...(options.register ? { register: options.register } : {}),
    pins,
    ...(reference ? { reference } : {}),
  });
  const problems = report.findings.filter((finding) => findingSeverity(finding.kind) === 'error').map(problemOf);
  return { report, problems };
}

function problemOf(finding: VerificationFinding): Problem {
  const lead =
    finding.kind === 'missing'
      ? 'Missing from this package: '
      : finding.kind === 'changed'
        ? 'Changed in this package: '
        : finding.kind === 'chain'
          ? 'A signed record has been removed or replaced: '
          : finding.kind === 'untrusted'
            ? 'Not signed with its signer’s key: '
            : '';
  return { path: finding.path, message: `${lead}${finding.message}` };
}

/**
 * Whether the learner named by a package is the learner of the portfolio here: once anything
 * is signed for a learner, their name and number are part of it and cannot change.
 */
export function learnerChangeProblem(local: Portfolio, incoming: Portfolio, hasSignedRecords: boolean): Problem | undefined {
  if (!hasSignedRecords) return undefined;
  const here = identityOf(local).learner;
  const there = identityOf(incoming).learner;
  if (here.name === there.name && here.number === there.number) return undefined;
  const describe = (learner: { name: string; number: string | null }): string => `${learner.name}${learner.number ? ` (${learner.number})` : ''}`;
  return {
    path: '/portfolio/learner',
    message: `This package names the learner ${describe(there)}, but the portfolio here, which already holds signed records, is ${describe(here)}'s. A learner's name and number cannot change once anything is signed for them, so nothing was brought in.`,
  };
}
