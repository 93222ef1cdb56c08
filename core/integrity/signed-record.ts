/**
 * Signed records of version 2 (CONTRACTS.md §5): decisions, unit sign-offs, IQA samples and
 * declarations, each bound to the portfolio, the learner, the qualification and its place in
 * its signer's chain of records in this portfolio.
 *
 * Two forms of one record:
 * - in a package, the ENVELOPE: exactly the payload's fields plus `signature`, so anyone can
 *   verify it from §5 alone (drop `signature`, canonicalise the rest with JCS, verify);
 * - in the app (database, coverage, PDF), the FLAT form of version 1 (`id`, `decidedAt`,
 *   `markingPointId`…) with the chain fields in `chain`, so every reader of decisions works
 *   on one shape whichever version signed it.
 * The table `KIND_FIELDS` is the one definition of how the two correspond; `toEnvelope` and
 * `fromEnvelope` are inverse over it, and the payload is always built from the envelope.
 */
import type {
  AssessorDecision,
  ChainFields,
  Declaration,
  IqaSample,
  LearnerIdentity,
  Portfolio,
  QualificationIdentity,
  Signature,
  Signer,
  UnitSignOff,
} from '../model/portfolio';
import { encodeBase64 } from './base64';
import { jcs } from './canonical-json';
import { describeAlgorithm, isSigningKey, publicKeyForRecords, signAlgorithmParams, type SigningKey } from './keys';
import { sha256Hex } from './sha256';

export const SIGNED_KINDS = ['decision', 'unit-sign-off', 'iqa-sample', 'declaration'] as const;
export type SignedKind = (typeof SIGNED_KINDS)[number];

/** `portfolio-<kind>/2`: bytes signed as one kind never verify as another. */
export function purposeOf(kind: SignedKind): string {
  return `portfolio-${kind}/2`;
}

/** The flat record of each kind, as the app holds it. */
export interface FlatRecordOf {
  decision: AssessorDecision;
  'unit-sign-off': UnitSignOff;
  'iqa-sample': IqaSample;
  declaration: Declaration;
}

/** Where each kind's records sit in a portfolio's content and package manifest. */
export const KIND_LIST = {
  decision: 'decisions',
  'unit-sign-off': 'signOffs',
  'iqa-sample': 'iqaSamples',
  declaration: 'declarations',
} as const satisfies Record<SignedKind, string>;

/**
 * For each kind: the flat field holding `signedAt`, and the flat fields that form `content`
 * (in the order CONTRACTS.md §5 lists them; JCS sorts them anyway).
 */
export const KIND_FIELDS = {
  decision: { time: 'decidedAt', content: ['markingPointId', 'status', 'feedback', 'evidence'] },
  'unit-sign-off': { time: 'signedAt', content: ['unitId', 'declaration', 'decisionIds'] },
  'iqa-sample': { time: 'sampledAt', content: ['unitId', 'outcome', 'comments', 'decisionIds'] },
  declaration: { time: 'signedAt', content: ['kind', 'text'] },
} as const satisfies Record<SignedKind, { time: string; content: readonly string[] }>;

/** The payload of a version 2 record: exactly what is canonicalised and signed. */
export interface PayloadV2 {
  purpose: string;
  portfolioId: string;
  learner: LearnerIdentity;
  qualification: QualificationIdentity;
  recordId: string;
  signer: Signer;
  signedAt: string;
  sequence: number;
  previous: string | null;
  content: Record<string, unknown>;
}

/** A version 2 record as a package holds it: the payload's fields and the signature. */
export interface EnvelopeV2 extends PayloadV2 {
  signature: Signature;
}

/** A record's fields as read from a package or database: any may be missing or of any type. */
type Loose = Record<string, unknown>;

function isRecord(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a flat record is of version 2 (it carries its chain fields). */
export function isChained(record: unknown): boolean {
  return isRecord(record) && record.chain !== undefined;
}

/** Whether a value in a package list is a version 2 envelope rather than a flat version 1 record. */
export function isEnvelope(value: unknown): boolean {
  return isRecord(value) && Object.hasOwn(value, 'purpose');
}

/*
 * The builders pick fields by name, so nothing else is ever signed. They run on untrusted
 * records too: a field of the wrong shape is passed through as it is, so it serialises
 * differently from what was signed and the signature fails, rather than the check crashing.
 */
function signerPayload(signer: unknown): unknown {
  if (!isRecord(signer)) return signer;
  return { role: signer.role, name: signer.name, number: signer.number, centre: signer.centre, keyFingerprint: signer.keyFingerprint };
}

function contentPayload(kind: SignedKind, flat: Loose): Loose {
  const content: Loose = {};
  for (const field of KIND_FIELDS[kind].content) {
    const value = flat[field];
    if (field === 'evidence' && Array.isArray(value)) {
      // The order judged is kept: a signed record is never rewritten, so a reordering is a change.
      content[field] = value.map((judged: unknown) => (isRecord(judged) ? { evidenceId: judged.evidenceId, contentHash: judged.contentHash } : judged));
    } else {
      content[field] = Array.isArray(value) ? value.slice() : value;
    }
  }
  return content;
}

/** The envelope of a flat record (the package form), or of a record being signed (no signature yet). */
export function toEnvelope(kind: SignedKind, record: object): Loose {
  const flat = record as Loose;
  const chain = isRecord(flat.chain) ? flat.chain : {};
  const learner = isRecord(chain.learner) ? { name: chain.learner.name, number: chain.learner.number } : chain.learner;
  const qualification = isRecord(chain.qualification) ? { id: chain.qualification.id, version: chain.qualification.version } : chain.qualification;
  return {
    purpose: purposeOf(kind),
    portfolioId: flat.portfolioId,
    learner,
    qualification,
    recordId: flat.id,
    signer: signerPayload(flat.signer),
    signedAt: flat[KIND_FIELDS[kind].time],
    sequence: chain.sequence,
    previous: chain.previous,
    content: contentPayload(kind, flat),
    ...(flat.signature !== undefined ? { signature: flat.signature } : {}),
  };
}

/**
 * The flat record of an envelope read from a package (already checked against the package
 * schema, so every field is present and of its type).
 */
export function fromEnvelope<K extends SignedKind>(kind: K, envelope: EnvelopeV2): FlatRecordOf[K] {
  const chain: ChainFields = {
    learner: { name: envelope.learner.name, number: envelope.learner.number },
    qualification: { id: envelope.qualification.id, version: envelope.qualification.version },
    sequence: envelope.sequence,
    previous: envelope.previous,
  };
  const flat: Loose = { id: envelope.recordId, portfolioId: envelope.portfolioId };
  for (const field of KIND_FIELDS[kind].content) flat[field] = envelope.content[field];
  // A signed declaration's name is its signer's: one name, so the two can never disagree.
  if (kind === 'declaration') flat.name = envelope.signer.name;
  flat.signer = envelope.signer;
  flat[KIND_FIELDS[kind].time] = envelope.signedAt;
  flat.signature = envelope.signature;
  flat.chain = chain;
  return flat as unknown as FlatRecordOf[K];
}

/** The payload object of a flat record: its envelope without the signature. */
export function payloadOf(kind: SignedKind, record: object): Loose {
  const envelope = toEnvelope(kind, record);
  delete envelope.signature;
  return envelope;
}

/** The exact text signed (JCS). Throws CanonicalJsonError for content JSON cannot hold. */
export function payloadText(kind: SignedKind, record: object): string {
  return jcs(payloadOf(kind, record));
}

const encoder = new TextEncoder();

/** The payload bytes: the UTF-8 encoding of the canonical text. */
export function payloadBytesOf(kind: SignedKind, record: object): Uint8Array<ArrayBuffer> {
  return encoder.encode(payloadText(kind, record));
}

/** Lowercase hex SHA-256 of the payload bytes: what the signer's next record names as `previous`. */
export async function payloadHash(kind: SignedKind, record: object): Promise<string> {
  return sha256Hex(payloadBytesOf(kind, record));
}

// ---------------------------------------------------------------------------------------
// Signing

/** Signing was refused: the message says why, in words the signer can act on. */
export class SigningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigningError';
  }
}

/** Where the next record goes in its signer's chain. */
export interface ChainPosition {
  sequence: number;
  previous: string | null;
}

/** The first position of a chain. */
export const FIRST_POSITION: ChainPosition = { sequence: 1, previous: null };

/** The position after a record: its sequence plus one, and the hash of its payload. */
export async function positionAfter(kind: SignedKind, record: object): Promise<ChainPosition> {
  const chain = (record as Loose).chain;
  const sequence = isRecord(chain) && typeof chain.sequence === 'number' ? chain.sequence : Number.NaN;
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new SigningError('The last record in your chain for this portfolio is damaged, so nothing can be signed after it.');
  return { sequence: sequence + 1, previous: await payloadHash(kind, record) };
}

/** The learner and qualification a record is signed for, from the portfolio. */
export function identityOf(portfolio: Pick<Portfolio, 'learner' | 'qualificationId' | 'qualificationVersion'>): Pick<ChainFields, 'learner' | 'qualification'> {
  return {
    learner: { name: portfolio.learner.name, number: portfolio.learner.number ?? null },
    qualification: { id: portfolio.qualificationId, version: portfolio.qualificationVersion },
  };
}

/** ISO 8601 UTC, as §5 asks: `2026-11-22T10:15:00Z` or with milliseconds. */
const UTC_INSTANT = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?Z$/;

export function isUtcInstant(value: unknown): value is string {
  return typeof value === 'string' && UTC_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

const HASH_HEX = /^[0-9a-f]{64}$/;

function requireText(value: unknown, what: string, allowEmpty = false): asserts value is string {
  if (typeof value !== 'string') throw new SigningError(`The ${what} is missing.`);
  if (!allowEmpty && value.trim() === '') throw new SigningError(`The ${what} is empty.`);
}

/** The role each kind is signed in (a declaration's depends on its kind). */
function roleFor(kind: SignedKind, record: Loose): Signer['role'] {
  if (kind === 'iqa-sample') return 'iqa';
  if (kind === 'declaration') return record.kind === 'learner-authenticity' ? 'learner' : 'assessor';
  return 'assessor';
}

const ROLE_REFUSAL: Readonly<Record<Signer['role'], string>> = {
  learner: 'Only the learner can sign the declaration that the work is their own.',
  assessor: 'Only an assessor can sign this.',
  iqa: 'Only an internal quality assurer can sign an IQA sample.',
};

/** The signer as signed: whatever fingerprint the caller wrote, the record names the key that signs it. */
function checkedSigner(signer: unknown, role: Signer['role'], fingerprint: string): Signer {
  if (!isRecord(signer)) throw new SigningError('The signer is missing.');
  if (signer.role !== role) throw new SigningError(ROLE_REFUSAL[role]);
  requireText(signer.name, "signer's name");
  if (signer.number !== undefined) requireText(signer.number, "signer's number");
  if (signer.centre !== undefined) requireText(signer.centre, "signer's centre");
  return {
    role,
    name: signer.name,
    ...(typeof signer.number === 'string' ? { number: signer.number } : {}),
    ...(typeof signer.centre === 'string' ? { centre: signer.centre } : {}),
    keyFingerprint: fingerprint,
  };
}

function checkContent(kind: SignedKind, record: Loose): void {
  switch (kind) {
    case 'decision': {
      requireText(record.markingPointId, 'marking point');
      if (record.status !== 'met' && record.status !== 'not-yet') throw new SigningError('A decision must be "met" or "not yet met".');
      requireText(record.feedback, 'feedback', true);
      if (!Array.isArray(record.evidence)) throw new SigningError('The evidence judged is missing.');
      const seen = new Set<string>();
      for (const judged of record.evidence as unknown[]) {
        const entry = isRecord(judged) ? judged : {};
        requireText(entry.evidenceId, 'id of an evidence item judged');
        if (typeof entry.contentHash !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(entry.contentHash)) {
          throw new SigningError(`Evidence item ${entry.evidenceId} has no content hash, so the decision could not show which version was judged.`);
        }
        if (seen.has(entry.evidenceId)) throw new SigningError(`Evidence item ${entry.evidenceId} is listed twice.`);
        seen.add(entry.evidenceId);
      }
      return;
    }
    case 'unit-sign-off':
    case 'iqa-sample': {
      requireText(record.unitId, 'unit');
      if (kind === 'unit-sign-off') requireText(record.declaration, 'declaration');
      else {
        if (record.outcome !== 'agree' && record.outcome !== 'assessor-to-act') throw new SigningError('An IQA sample must either agree or ask the assessor to act.');
        requireText(record.comments, 'comments', true);
      }
      const what = kind === 'unit-sign-off' ? 'sign-off' : 'IQA sample';
      if (!Array.isArray(record.decisionIds) || record.decisionIds.length === 0) throw new SigningError(`Choose at least one decision for the ${what}.`);
      const seen = new Set<string>();
      for (const id of record.decisionIds as unknown[]) {
        if (typeof id !== 'string' || id.trim() === '') throw new SigningError(`The ${what} lists a decision without an id.`);
        if (seen.has(id)) throw new SigningError(`The ${what} lists decision ${id} twice.`);
        seen.add(id);
      }
      return;
    }
    case 'declaration':
      if (record.kind !== 'learner-authenticity' && record.kind !== 'assessor') throw new SigningError('A declaration is either the learner’s or the assessor’s.');
      requireText(record.text, 'declaration text');
  }
}

/** What a caller gives to sign: the flat record without its signature, signer key or chain. */
export type UnsignedRecord<K extends SignedKind> = Omit<FlatRecordOf[K], 'signature' | 'chain'>;

/** A record to sign with its kind, for lists of records of several kinds. */
export type RecordToSign = { [K in SignedKind]: { kind: K; unsigned: UnsignedRecord<K> } }[SignedKind];

/**
 * Signs a record of version 2 at the given place in its signer's chain. The record's fields
 * are checked first (a signature is for ever, so what is signed must be well formed), and the
 * result is the flat record with `signature` and `chain`.
 */
export async function signRecord<K extends SignedKind>(
  kind: K,
  unsigned: UnsignedRecord<K>,
  identity: Pick<ChainFields, 'learner' | 'qualification'>,
  position: ChainPosition,
  key: SigningKey,
): Promise<FlatRecordOf[K]> {
  if (!isSigningKey(key)) throw new SigningError('The signing key is damaged or missing; make a new key before signing.');
  const record = unsigned as unknown as Loose;
  requireText(record.id, 'record id');
  requireText(record.portfolioId, 'portfolio id');
  checkContent(kind, record);
  if (!isUtcInstant(record[KIND_FIELDS[kind].time])) throw new SigningError('The time of signing must be a UTC date and time such as 2026-11-22T10:15:00.000Z.');
  requireText(identity.learner.name, "learner's name");
  if (identity.learner.number !== null) requireText(identity.learner.number, "learner's number");
  requireText(identity.qualification.id, 'qualification id');
  requireText(identity.qualification.version, 'qualification version');
  if (!Number.isSafeInteger(position.sequence) || position.sequence < 1) throw new SigningError('The place in the chain must be a whole number from 1.');
  if ((position.sequence === 1) !== (position.previous === null) || (position.previous !== null && !HASH_HEX.test(position.previous))) {
    throw new SigningError('The first record of a chain names no previous record, and every later one names the hash of the one before.');
  }
  const { publicKey, fingerprint } = await publicKeyForRecords(key);
  const signer = checkedSigner(record.signer, roleFor(kind, record), fingerprint);
  const flat: Loose = { ...record, signer, chain: { learner: { ...identity.learner }, qualification: { ...identity.qualification }, sequence: position.sequence, previous: position.previous } };
  if (kind === 'declaration') flat.name = signer.name;
  let value: ArrayBuffer;
  try {
    value = await crypto.subtle.sign(signAlgorithmParams(key.algorithm), key.privateKey, payloadBytesOf(kind, flat));
  } catch (error) {
    if (error instanceof Error && error.name === 'CanonicalJsonError') throw new SigningError(`The record cannot be signed: ${error.message}`);
    throw new SigningError(`Your ${describeAlgorithm(key.algorithm)} signing key could not be used on this system.`);
  }
  flat.signature = { algorithm: key.algorithm, publicKey, value: encodeBase64(new Uint8Array(value)) } satisfies Signature;
  return flat as unknown as FlatRecordOf[K];
}

/**
 * Signs records one after another in one signer's chain for one portfolio, keeping the
 * place: for tools that make a whole portfolio at once (the demo, tests). The app takes each
 * place from its log of what it signed instead, so the chain survives restarts.
 */
export class ChainSigner {
  private position: ChainPosition;

  constructor(
    private readonly key: SigningKey,
    private readonly identity: Pick<ChainFields, 'learner' | 'qualification'>,
    start: ChainPosition = FIRST_POSITION,
  ) {
    this.position = start;
  }

  async sign<K extends SignedKind>(kind: K, unsigned: UnsignedRecord<K>): Promise<FlatRecordOf[K]> {
    const record = await signRecord(kind, unsigned, this.identity, this.position, this.key);
    this.position = await positionAfter(kind, record);
    return record;
  }
}
