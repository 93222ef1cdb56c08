/**
 * Verifies every signed record in a portfolio: assessor decisions, unit sign-offs, IQA
 * samples and declarations. A learner holds the package and can edit anything in it, so
 * nothing is trusted because of where it sits: each record must verify over its own payload,
 * name this portfolio's learner and qualification, take its place in its signer's chain, and
 * be signed by a key that is its signer's.
 *
 * Finding kinds:
 * - `forged`: the record is not what was signed (any field changed, a signature or key taken
 *   from elsewhere, moved to another portfolio, learner or qualification, unsigned), or it
 *   rests on something missing, forged or not met.
 * - `chain`: a signer's chain of records (CONTRACTS.md §5) has a gap, a repeat or a fork, or a
 *   record does not follow the one before it: a signed record has been removed or replaced.
 * - `missing` / `changed`: against a reference copy, a record it holds is not in the file, or
 *   is there but different.
 * - `untrusted`: genuine, but not shown to be its signer's: another key under a name already
 *   pinned to a key, one key under several names, or the learner's own key signing as staff.
 * - `unknown-key`: genuine, but the centre's register does not vouch for the key for that
 *   signer on that day (not listed, other role or name, not yet valid, expired, revoked).
 * - `corrupt`: the signature cannot even be read.
 * - `stale` (a warning): genuine, but the evidence judged has changed or gone since.
 * - `older-form` (for information): a record of version 1, which binds neither the learner nor
 *   a place in a chain, so a rename or a removal cannot be seen from it.
 * - `ok`: sound.
 *
 * It never throws for bad content: whatever the records hold, the answer is a report.
 */
import type { PortfolioContent, SignatureAlgorithm } from '../model/portfolio';
import { jsonPointer } from '../problems';
import { decodeBase64 } from './base64';
import { canonicalJson } from './canonical-json';
import { checkAgainstRegister, nameKey, type KeyRegister } from './key-register';
import { KeyError, SIGNATURE_BYTES, describeAlgorithm, fingerprintOf, importPublicKey, isSignatureAlgorithm, signAlgorithmParams, type PublicKeyForm } from './keys';
import { KIND_FIELDS, KIND_LIST, SIGNED_KINDS, payloadBytesOf, type SignedKind } from './signed-record';
import { decisionPayload, iqaSamplePayload, payloadBytes, signOffPayload } from './signing';
import { sha256Hex } from './sha256';
import type { WebCryptoKey } from './webcrypto-types';

export type FindingKind = 'forged' | 'chain' | 'missing' | 'changed' | 'untrusted' | 'unknown-key' | 'corrupt' | 'stale' | 'older-form' | 'ok';
/** Which kind of record a finding is about; `portfolio` for findings about the whole package. */
export type SignedRecordType = SignedKind | 'portfolio';

export interface VerificationFinding {
  kind: FindingKind;
  /** The id of the record the finding is about (its JSON Pointer when it has no usable id). */
  ref: string;
  /** A plain sentence for an assessor, learner or verifier. */
  message: string;
  recordType: SignedRecordType;
  /** JSON Pointer to the record in the portfolio content, e.g. `/decisions/3`. */
  path: string;
  /** Fingerprint of the key that signed it, where the key could be read. */
  fingerprint?: string;
}

/** The key first seen for a signer's name in this portfolio: later keys under it are flagged. */
export interface SignerPin {
  name: string;
  fingerprint: string;
}

export interface VerifyOptions {
  /** The centre's key register; without it a signature shows only that a record is unchanged, not whose key signed it. */
  register?: KeyRegister;
  /**
   * Keys already pinned for signers' names (by `nameKey`), e.g. the app's own pins or those of
   * a reference copy. They come before any pin the package itself would suggest.
   */
  pins?: ReadonlyMap<string, SignerPin>;
  /** An honest copy (the assessor's export, an earlier package): every signed record it holds must be in the content, unchanged. */
  reference?: PortfolioContent;
}

export interface VerificationReport {
  /** False when anything is an error (every kind but `stale`, `older-form` and `ok`). */
  isValid: boolean;
  hasRegister: boolean;
  hasReference: boolean;
  /** In record order (decisions, sign-offs, IQA samples, declarations): one `ok` finding per sound record, otherwise one per problem. */
  findings: VerificationFinding[];
  counts: Record<FindingKind, number>;
  checked: { decisions: number; signOffs: number; iqaSamples: number; declarations: number };
  /** Who signed what, for the records whose signatures verify: the fingerprints a verifier compares with the centre's list. */
  signers: SignerSummary[];
  /** Each signed record's verdict, for badges: the worst finding and whether its signer is confirmed. */
  records: RecordVerdict[];
  /** The pins this verification used and made (first key per signer's name), for the app to keep. */
  pins: Map<string, SignerPin>;
}

export interface RecordVerdict {
  recordType: SignedKind;
  id: string;
  path: string;
  version: 1 | 2;
  kind: FindingKind;
  /** The centre's register vouches for the signer's key for this record (never without a register). */
  isConfirmed: boolean;
  fingerprint?: string;
}

export interface SignerSummary {
  fingerprint: string;
  /** As the signed records name the signer (control characters replaced). */
  name: string;
  role: 'learner' | 'assessor' | 'iqa';
  records: number;
  /** Present only when a register was given: whether the key is in it for this role. */
  isRegistered?: boolean;
  /** The highest place in this key's chain (records of version 2), if any. */
  lastSequence?: number;
}

const SEVERITY: Readonly<Record<FindingKind, 'error' | 'warning' | 'info' | 'ok'>> = {
  forged: 'error',
  chain: 'error',
  missing: 'error',
  changed: 'error',
  untrusted: 'error',
  'unknown-key': 'error',
  corrupt: 'error',
  stale: 'warning',
  'older-form': 'info',
  ok: 'ok',
};

/** How a finding kind counts: errors fail verification, warnings need attention, the rest inform. */
export function findingSeverity(kind: FindingKind): 'error' | 'warning' | 'info' | 'ok' {
  return SEVERITY[kind];
}

const KIND_ORDER: readonly FindingKind[] = ['forged', 'corrupt', 'chain', 'missing', 'changed', 'untrusted', 'unknown-key', 'stale', 'older-form', 'ok'];

/** The worst kind among a record's findings (`ok` when there are none). */
export function worstKind(findings: readonly Pick<VerificationFinding, 'kind'>[]): FindingKind {
  let worst: FindingKind = 'ok';
  for (const finding of findings) if (KIND_ORDER.indexOf(finding.kind) < KIND_ORDER.indexOf(worst)) worst = finding.kind;
  return worst;
}

/** The verdict on one record in a report, e.g. to badge a decision in the app. */
export function recordVerdict(report: Pick<VerificationReport, 'records'>, recordType: SignedKind, id: string): RecordVerdict | undefined {
  return report.records.find((record) => record.recordType === recordType && record.id === id);
}

/** The status of one record in a report (the worst of its findings). */
export function recordStatus(report: Pick<VerificationReport, 'records'>, recordType: SignedKind, id: string): FindingKind | undefined {
  return recordVerdict(report, recordType, id)?.kind;
}

// ---------------------------------------------------------------------------------------

type Loose = Record<string, unknown>;

function isRecord(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Text from a package shown in a message: control characters (which could drive a
 * terminal) and bidirectional overrides (which could disguise it) become "?", and it is
 * cut short so a hostile name cannot flood the report.
 */
function shown(value: unknown, fallback = '(unnamed)'): string {
  if (typeof value !== 'string' || value.trim() === '') return fallback;
  // eslint-disable-next-line no-control-regex
  const cleaned = value.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
  return cleaned.length > 80 ? `${cleaned.slice(0, 79)}…` : cleaned;
}

function shownDate(value: unknown): string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : 'an unknown date';
}

function statusWords(status: unknown): string {
  if (status === 'met') return 'met';
  if (status === 'not-yet') return 'not yet met';
  return 'no valid judgement';
}

/** The role each kind must be signed in. */
function expectedRole(kind: SignedKind, record: Loose): 'learner' | 'assessor' | 'iqa' {
  if (kind === 'iqa-sample') return 'iqa';
  if (kind === 'declaration') return record.kind === 'learner-authenticity' ? 'learner' : 'assessor';
  return 'assessor';
}

function roleWords(role: unknown): string {
  if (role === 'iqa') return 'an internal quality assurer';
  if (role === 'learner') return 'the learner';
  return 'an assessor';
}

function labelOf(kind: SignedKind, record: Loose): string {
  const signer = isRecord(record.signer) ? record.signer : {};
  const by = shown(isRecord(record.signer) ? signer.name : record.name);
  switch (kind) {
    case 'decision':
      return `Decision on ${shown(record.markingPointId, '(no marking point)')} by ${by}`;
    case 'unit-sign-off':
      return `Sign-off of unit ${shown(record.unitId, '(no unit)')} by ${by}`;
    case 'iqa-sample':
      return `IQA sample of unit ${shown(record.unitId, '(no unit)')} by ${by}`;
    case 'declaration':
      return `${record.kind === 'assessor' ? 'Assessor' : 'Learner'} declaration by ${by}`;
  }
}

/** A short description of a record for messages about it as a whole, e.g. in a chain. */
function describeRecord(state: RecordState): string {
  const record = state.record;
  const when = shownDate(record[KIND_FIELDS[state.kind].time]);
  return state.kind === 'decision' ? `${state.label} (${statusWords(record.status)}, ${when})` : `${state.label} (${when})`;
}

interface RecordState {
  kind: SignedKind;
  record: Loose;
  index: number;
  path: string;
  id: string;
  label: string;
  version: 1 | 2;
  /** Set when the signature verified over the record's payload. */
  fingerprint?: string;
  /** Whether the signature itself is sound (before trust, chain and dependency checks). */
  isGenuine: boolean;
  /** The record's own signature, identity, chain or trust failed: what rests on it fails too. */
  isBroken: boolean;
  isStale: boolean;
  isConfirmed: boolean;
  payloadHash?: string;
  keyForRegister?: { algorithm: SignatureAlgorithm; publicKey: string; form: PublicKeyForm };
}

type SignatureResult = { state: 'valid'; fingerprint: string } | { state: 'forged' | 'corrupt'; message: string; fingerprint?: string };

class Verifier {
  private readonly keys = new Map<string, Promise<WebCryptoKey | KeyError>>();
  private readonly fingerprints = new Map<string, Promise<string>>();
  readonly findings: VerificationFinding[] = [];

  add(state: Pick<RecordState, 'kind' | 'id' | 'path'> | { kind: 'portfolio'; id: string; path: string }, kind: FindingKind, message: string, fingerprint?: string): void {
    this.findings.push({ kind, ref: state.id, message, recordType: state.kind, path: state.path, ...(fingerprint ? { fingerprint } : {}) });
  }

  private importKey(algorithm: SignatureAlgorithm, publicKey: string, form: PublicKeyForm): Promise<WebCryptoKey | KeyError> {
    const cacheKey = `${algorithm}:${form}:${publicKey}`;
    let imported = this.keys.get(cacheKey);
    if (!imported) {
      imported = importPublicKey(algorithm, publicKey, form).catch((error: unknown) => (error instanceof KeyError ? error : new KeyError('The public key could not be read.')));
      this.keys.set(cacheKey, imported);
    }
    return imported;
  }

  private fingerprint(publicKey: string): Promise<string> {
    let fingerprint = this.fingerprints.get(publicKey);
    if (!fingerprint) {
      fingerprint = fingerprintOf(publicKey);
      this.fingerprints.set(publicKey, fingerprint);
    }
    return fingerprint;
  }

  /** Checks one record's signature over its payload bytes. */
  async checkSignature(record: Loose, form: PublicKeyForm, payloadOf: () => Uint8Array<ArrayBuffer>): Promise<SignatureResult> {
    const signature = record.signature;
    if (signature === undefined || signature === null) {
      return { state: 'forged', message: 'it is not signed, so it cannot have come from its signer.' };
    }
    if (!isRecord(signature)) return { state: 'corrupt', message: 'its signature cannot be read.' };
    const { algorithm, publicKey, value } = signature;
    if (!isSignatureAlgorithm(algorithm)) {
      return { state: 'corrupt', message: `its signature uses ${typeof algorithm === 'string' ? `"${shown(algorithm)}"` : 'no algorithm'}, which this program does not accept (Ed25519 or ECDSA-P256).` };
    }
    if (typeof publicKey !== 'string') return { state: 'corrupt', message: 'its signature has no public key.' };
    const key = await this.importKey(algorithm, publicKey, form);
    if (key instanceof KeyError) return { state: 'corrupt', message: `the key in its signature is damaged. ${key.message}` };
    const fingerprint = await this.fingerprint(publicKey);
    const claimed = isRecord(record.signer) ? record.signer.keyFingerprint : undefined;
    if (claimed !== fingerprint) {
      return { state: 'forged', fingerprint, message: `it carries key ${fingerprint}, but names key ${typeof claimed === 'string' ? shown(claimed) : '(none)'} as the signer's: the key has been swapped.` };
    }
    const signatureBytes = decodeBase64(value);
    if (signatureBytes === undefined) return { state: 'corrupt', fingerprint, message: 'its signature value is not valid base64 text.' };
    if (signatureBytes.length !== SIGNATURE_BYTES) {
      return { state: 'corrupt', fingerprint, message: `its signature value is ${signatureBytes.length} bytes long; a ${describeAlgorithm(algorithm)} signature is ${SIGNATURE_BYTES}.` };
    }
    let payload: Uint8Array<ArrayBuffer>;
    try {
      payload = payloadOf();
    } catch {
      return { state: 'corrupt', fingerprint, message: 'its content holds values that cannot be signed (text that is not valid Unicode, numbers that are not finite, or nesting far too deep).' };
    }
    let isGenuine: boolean;
    try {
      isGenuine = await crypto.subtle.verify(signAlgorithmParams(algorithm), key, signatureBytes as Uint8Array<ArrayBuffer>, payload);
    } catch {
      return { state: 'corrupt', fingerprint, message: 'its signature could not be checked.' };
    }
    if (!isGenuine) {
      return { state: 'forged', fingerprint, message: 'its content does not match its signature: it has been changed since it was signed, or the signature was taken from another record.' };
    }
    return { state: 'valid', fingerprint };
  }
}

const V1_PAYLOADS: Readonly<Record<Exclude<SignedKind, 'declaration'>, (record: Loose) => string>> = {
  decision: decisionPayload,
  'unit-sign-off': signOffPayload,
  'iqa-sample': iqaSamplePayload,
};

/** Marking point id → unit id, from the qualification the portfolio carries. */
function unitsOfMarkingPoints(qualification: unknown): Map<string, string> {
  const units = new Map<string, string>();
  if (!isRecord(qualification)) return units;
  for (const unit of listOf(qualification.units)) {
    if (!isRecord(unit) || typeof unit.id !== 'string') continue;
    for (const outcome of listOf(unit.learningOutcomes)) {
      if (!isRecord(outcome)) continue;
      for (const point of listOf(outcome.markingPoints)) {
        if (isRecord(point) && typeof point.id === 'string') units.set(point.id, unit.id);
      }
    }
  }
  return units;
}

function timeOf(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : Number.NaN;
}

/** Who the package says the portfolio is for. */
interface PackageIdentity {
  portfolioId: unknown;
  learnerName: unknown;
  learnerNumber: unknown;
  qualificationId: unknown;
  qualificationVersion: unknown;
}

function identityOfContent(loose: Loose): PackageIdentity {
  const portfolio = isRecord(loose.portfolio) ? loose.portfolio : {};
  const learner = isRecord(portfolio.learner) ? portfolio.learner : {};
  return {
    portfolioId: portfolio.id,
    learnerName: learner.name,
    learnerNumber: learner.number ?? null,
    qualificationId: portfolio.qualificationId,
    qualificationVersion: portfolio.qualificationVersion,
  };
}

/** Why a version 2 record is not for this portfolio's learner and qualification, if it is not. */
function identityProblem(record: Loose, identity: PackageIdentity): string | undefined {
  if (typeof identity.portfolioId !== 'string' || record.portfolioId !== identity.portfolioId) {
    return `it was signed for another portfolio (${shown(record.portfolioId, '(none)')}), not this one, and has been copied in.`;
  }
  const chain = isRecord(record.chain) ? record.chain : {};
  const learner = isRecord(chain.learner) ? chain.learner : {};
  if (learner.name !== identity.learnerName || (learner.number ?? null) !== identity.learnerNumber) {
    const signedFor = `${shown(learner.name)}${typeof learner.number === 'string' ? ` (${shown(learner.number)})` : ''}`;
    const now = `${shown(identity.learnerName)}${typeof identity.learnerNumber === 'string' ? ` (${shown(identity.learnerNumber)})` : ''}`;
    return `it was signed for the learner ${signedFor}, but this portfolio names the learner ${now}: the learner's name or number has been changed since it was signed.`;
  }
  const qualification = isRecord(chain.qualification) ? chain.qualification : {};
  if (qualification.id !== identity.qualificationId || qualification.version !== identity.qualificationVersion) {
    return `it was signed for the qualification ${shown(qualification.id)} version ${shown(qualification.version)}, but this portfolio is for ${shown(identity.qualificationId)} version ${shown(identity.qualificationVersion)}.`;
  }
  return undefined;
}

/** Reads the records of every kind, checking ids and signatures: the first pass. */
async function readRecords(verifier: Verifier, loose: Loose, identity: PackageIdentity, register: KeyRegister | undefined): Promise<RecordState[]> {
  const states: RecordState[] = [];
  for (const kind of SIGNED_KINDS) {
    const list = listOf(loose[KIND_LIST[kind]]);
    const seen = new Set<string>();
    for (let index = 0; index < list.length; index++) {
      const raw = list[index];
      const path = jsonPointer([KIND_LIST[kind], index]);
      const record = isRecord(raw) ? raw : {};
      const id = typeof record.id === 'string' && record.id !== '' ? record.id : undefined;
      const version = record.chain !== undefined ? 2 : 1;
      const state: RecordState = {
        kind,
        record,
        index,
        path,
        id: id ?? path,
        label: labelOf(kind, record),
        version,
        isGenuine: false,
        isBroken: true,
        isStale: false,
        isConfirmed: false,
      };
      if (!isRecord(raw)) {
        verifier.add(state, 'corrupt', `The record at ${path} is not a record at all.`);
        continue;
      }
      if (id === undefined) {
        verifier.add(state, 'corrupt', `${state.label}: it has no id.`);
        continue;
      }
      if (seen.has(id)) {
        verifier.add(state, 'corrupt', `${state.label}: another record in ${KIND_LIST[kind]} already has the id ${shown(id)}; each must appear once.`);
        continue;
      }
      seen.add(id);
      states.push(state);
      if (kind === 'declaration' && version === 1 && record.signature === undefined) {
        // A declaration of version 1 is a typed name: nothing to verify, and nothing to trust.
        state.isBroken = false;
        verifier.add(state, 'older-form', `${state.label} (${shownDate(record.signedAt)}) is of the older form: a typed name, not a signed record.`);
        continue;
      }
      const form: PublicKeyForm = version === 2 ? 'record' : 'spki';
      const payloadOf =
        version === 2
          ? () => payloadBytesOf(kind, record)
          : kind === 'declaration'
            ? () => {
                throw new Error('A declaration of version 1 is never signed.');
              }
            : () => payloadBytes(V1_PAYLOADS[kind](record));
      const result = await verifier.checkSignature(record, form, payloadOf);
      if (result.state !== 'valid') {
        verifier.add(state, result.state, `${state.label}: ${result.message}`, result.fingerprint);
        continue;
      }
      state.fingerprint = result.fingerprint;
      if (version === 2) {
        const problem = identityProblem(record, identity);
        if (problem) {
          verifier.add(state, 'forged', `${state.label}: ${problem}`, result.fingerprint);
          continue;
        }
        const signer = isRecord(record.signer) ? record.signer : {};
        const role = expectedRole(kind, record);
        if (signer.role !== role) {
          verifier.add(state, 'forged', `${state.label}: it is signed as ${roleWords(signer.role)}, but only ${roleWords(role)} signs this.`, result.fingerprint);
          continue;
        }
        if (kind === 'declaration' && record.name !== signer.name) {
          verifier.add(state, 'forged', `${state.label}: it shows the name ${shown(record.name)}, but was signed by ${shown(signer.name)}.`, result.fingerprint);
          continue;
        }
        state.payloadHash = await sha256Hex(payloadBytesOf(kind, record));
      } else if (typeof identity.portfolioId !== 'string' || record.portfolioId !== identity.portfolioId) {
        verifier.add(state, 'forged', `${state.label}: it was signed for another portfolio (${shown(record.portfolioId, '(none)')}), not this one, and has been copied in.`, result.fingerprint);
        continue;
      }
      state.isGenuine = true;
      state.isBroken = false;
      const signature = isRecord(record.signature) ? record.signature : {};
      state.keyForRegister = { algorithm: signature.algorithm as SignatureAlgorithm, publicKey: signature.publicKey as string, form };
      if (register !== undefined) {
        const signer = isRecord(record.signer) ? record.signer : {};
        if (signer.role !== 'learner') {
          const check = checkAgainstRegister(register, state.keyForRegister, signer, record[KIND_FIELDS[kind].time], result.fingerprint);
          if (check.isConfirmed) state.isConfirmed = true;
          else {
            state.isBroken = true;
            verifier.add(state, 'unknown-key', `${state.label}: it ${check.message}.`, result.fingerprint);
          }
        }
      }
    }
  }
  return states;
}

/** The signer's name as the record gives it, normalised (`nameKey`). */
function signerNameKey(state: RecordState): string {
  const signer = isRecord(state.record.signer) ? state.record.signer : {};
  return typeof signer.name === 'string' ? nameKey(signer.name) : '';
}

function signerName(state: RecordState): string {
  const signer = isRecord(state.record.signer) ? state.record.signer : {};
  return shown(signer.name);
}

/**
 * Trust: one key is one person, the learner's key never signs as staff, and a name keeps the
 * key it was first seen with unless the register vouches for another.
 */
function checkTrust(verifier: Verifier, states: readonly RecordState[], register: KeyRegister | undefined, givenPins: ReadonlyMap<string, SignerPin> | undefined): Map<string, SignerPin> {
  const genuine = states.filter((state) => state.isGenuine);
  const namesByKey = new Map<string, Map<string, string>>();
  const learnerKeys = new Set<string>();
  for (const state of genuine) {
    const fingerprint = state.fingerprint!;
    const names = namesByKey.get(fingerprint) ?? new Map<string, string>();
    names.set(signerNameKey(state), signerName(state));
    namesByKey.set(fingerprint, names);
    const signer = isRecord(state.record.signer) ? state.record.signer : {};
    if (signer.role === 'learner') learnerKeys.add(fingerprint);
  }

  // Pins: those given first, then the key of each name's earliest genuine record here.
  const pins = new Map<string, SignerPin>(givenPins ?? []);
  const byTime = [...genuine].sort((a, b) => {
    const difference = timeOf(a.record[KIND_FIELDS[a.kind].time]) - timeOf(b.record[KIND_FIELDS[b.kind].time]);
    return Number.isNaN(difference) || difference === 0 ? 0 : difference;
  });
  for (const state of byTime) {
    const key = signerNameKey(state);
    if (!pins.has(key)) pins.set(key, { name: signerName(state), fingerprint: state.fingerprint! });
  }

  for (const state of genuine) {
    const fingerprint = state.fingerprint!;
    const signer = isRecord(state.record.signer) ? state.record.signer : {};
    const names = namesByKey.get(fingerprint)!;
    if (signer.role !== 'learner' && learnerKeys.has(fingerprint)) {
      state.isBroken = true;
      verifier.add(state, 'untrusted', `${state.label}: it is signed with the learner's own key (${fingerprint}), the key that signed the learner's declaration, so it cannot be an assessor's or IQA's.`, fingerprint);
      continue;
    }
    if (names.size > 1) {
      state.isBroken = true;
      verifier.add(state, 'untrusted', `${state.label}: key ${fingerprint} signs under ${names.size} names here (${[...names.values()].join(', ')}); one key belongs to one person, so these records cannot be trusted.`, fingerprint);
      continue;
    }
    const pin = pins.get(signerNameKey(state));
    if (pin && pin.fingerprint !== fingerprint && !state.isConfirmed) {
      state.isBroken = true;
      verifier.add(
        state,
        'untrusted',
        `${state.label}: it is signed with key ${fingerprint}, but ${pin.name}'s records in this portfolio are signed with key ${pin.fingerprint}${register ? ", and the centre's register does not list the new key for them" : '; without the centre’s key register the new key cannot be shown to be theirs'}.`,
        fingerprint,
      );
    }
  }
  return pins;
}

/** Chains of version 2 records, one per key: 1, 2, 3…, each naming the hash of the one before. */
function checkChains(verifier: Verifier, states: readonly RecordState[]): Map<string, number> {
  const chains = new Map<string, RecordState[]>();
  for (const state of states) {
    if (!state.isGenuine || state.version !== 2) continue;
    const list = chains.get(state.fingerprint!) ?? [];
    list.push(state);
    chains.set(state.fingerprint!, list);
  }
  // Places claimed by records that did not verify: such a place is not missing, its record is
  // forged or damaged, which is reported already.
  const claimed = new Map<string, Set<number>>();
  for (const state of states) {
    if (state.isGenuine || state.version !== 2) continue;
    const signer = isRecord(state.record.signer) ? state.record.signer : {};
    const chain = isRecord(state.record.chain) ? state.record.chain : {};
    if (typeof signer.keyFingerprint !== 'string' || typeof chain.sequence !== 'number') continue;
    const places = claimed.get(signer.keyFingerprint) ?? new Set<number>();
    places.add(chain.sequence);
    claimed.set(signer.keyFingerprint, places);
  }
  const lastSequence = new Map<string, number>();
  for (const [fingerprint, list] of chains) {
    const notGenuine = claimed.get(fingerprint) ?? new Set<number>();
    const sequenceOf = (state: RecordState): number => {
      const chain = isRecord(state.record.chain) ? state.record.chain : {};
      return typeof chain.sequence === 'number' && Number.isSafeInteger(chain.sequence) ? chain.sequence : Number.NaN;
    };
    const previousOf = (state: RecordState): unknown => (isRecord(state.record.chain) ? state.record.chain.previous : undefined);
    const bySequence = new Map<number, RecordState[]>();
    for (const state of list) {
      const sequence = sequenceOf(state);
      if (!(sequence >= 1)) {
        state.isBroken = true;
        verifier.add(state, 'chain', `${state.label}: its place in its signer's chain is not a whole number from 1.`, fingerprint);
        continue;
      }
      const same = bySequence.get(sequence) ?? [];
      same.push(state);
      bySequence.set(sequence, same);
    }
    const sequences = [...bySequence.keys()].sort((a, b) => a - b);
    if (sequences.length === 0) continue;
    const owner = signerName(list[0]!);
    lastSequence.set(fingerprint, sequences[sequences.length - 1]!);
    let expected = 1;
    for (const sequence of sequences) {
      const here = bySequence.get(sequence)!;
      const absent: number[] = [];
      for (let place = expected; place < sequence; place++) if (!notGenuine.has(place)) absent.push(place);
      if (absent.length > 0) {
        const isRun = absent.length === absent[absent.length - 1]! - absent[0]! + 1;
        const missing =
          absent.length === 1 ? `number ${absent[0]}` : isRun ? `numbers ${absent[0]} to ${absent[absent.length - 1]}` : `numbers ${absent.slice(0, -1).join(', ')} and ${absent[absent.length - 1]}`;
        for (const state of here) {
          state.isBroken = true;
          verifier.add(
            state,
            'chain',
            `${describeRecord(state)} is number ${sequence} in ${owner}'s chain of signed records (key ${fingerprint}), but ${missing} ${absent.length === 1 ? 'is' : 'are'} missing: a signed record has been removed from this portfolio.`,
            fingerprint,
          );
        }
      }
      expected = sequence + 1;
      if (here.length > 1) {
        for (const state of here) {
          state.isBroken = true;
          verifier.add(
            state,
            'chain',
            `${describeRecord(state)} is number ${sequence} in ${owner}'s chain (key ${fingerprint}), and so ${here.length === 2 ? 'is another record' : `are ${here.length - 1} other records`}: the chain forks, so one of them has been put in place of another.`,
            fingerprint,
          );
        }
        continue;
      }
      const state = here[0]!;
      const previous = previousOf(state);
      if (sequence === 1) {
        if (previous !== null) {
          state.isBroken = true;
          verifier.add(state, 'chain', `${describeRecord(state)} is the first in ${owner}'s chain, yet names a record before it.`, fingerprint);
        }
        continue;
      }
      const before = bySequence.get(sequence - 1);
      if (before?.length !== 1) continue; // a gap, a fork or a forged record just before: already reported
      if (previous !== before[0]!.payloadHash) {
        state.isBroken = true;
        verifier.add(
          state,
          'chain',
          `${describeRecord(state)} does not follow number ${sequence - 1} in ${owner}'s chain (key ${fingerprint}): the record before it has been replaced or removed.`,
          fingerprint,
        );
      }
    }
  }
  return lastSequence;
}

/**
 * What is wrong with the decisions a sign-off or IQA sample rests on. `invalid` reasons make
 * the record invalid; `stale` reasons (sign-offs only) mean it needs review.
 */
function judgeDependencies(
  state: RecordState,
  decisions: ReadonlyMap<string, RecordState>,
  byMarkingPoint: ReadonlyMap<unknown, readonly RecordState[]>,
  unitOf: ReadonlyMap<string, string>,
): { invalid: string[]; stale: string[] } {
  const record = state.record;
  const isSignOff = state.kind === 'unit-sign-off';
  // A sign-off or an IQA's agreement vouches for the decisions as they stand, so it goes out of
  // date with them; an IQA's request to act is answered by later decisions, not undone by them.
  const isAgreement = isSignOff || record.outcome === 'agree';
  const invalid: string[] = [];
  const stale: string[] = [];
  const ids = listOf(record.decisionIds);
  if (ids.length === 0) {
    invalid.push(isSignOff ? 'it rests on no decisions, so it signs off nothing' : 'it samples no decisions');
    return { invalid, stale };
  }
  const verb = isSignOff ? 'rests on' : 'sampled';
  const signer = isRecord(record.signer) ? record.signer : {};
  const rested: RecordState[] = [];
  for (const id of ids) {
    const decision = typeof id === 'string' ? decisions.get(id) : undefined;
    if (!decision) {
      invalid.push(`decision ${shown(id, '(no id)')} that it ${verb} is missing from the portfolio`);
      continue;
    }
    const point = shown(decision.record.markingPointId, '(no marking point)');
    if (decision.isBroken) {
      invalid.push(`the decision on ${point} that it ${verb} ${decision.isGenuine ? 'cannot be trusted' : 'is forged or damaged'}`);
      continue;
    }
    rested.push(decision);
    const unit = typeof decision.record.markingPointId === 'string' ? unitOf.get(decision.record.markingPointId) : undefined;
    if (unit !== undefined && unit !== record.unitId) invalid.push(`the decision on ${point} belongs to unit ${shown(unit)}, not unit ${shown(record.unitId, '(none)')}`);
    if (isSignOff && decision.record.status !== 'met') invalid.push(`marking point ${point} is judged ${statusWords(decision.record.status)}`);
    if (isAgreement && decision.isStale) stale.push(`the evidence for ${point} has changed since it was judged`);
    if (!isSignOff) {
      const decisionSigner = isRecord(decision.record.signer) ? decision.record.signer : {};
      const isSameKey = decision.fingerprint === signer.keyFingerprint;
      const isSameNumber = typeof signer.number === 'string' && signer.number !== '' && decisionSigner.number === signer.number;
      if (isSameKey || isSameNumber) invalid.push(`the decision on ${point} was made by the IQA who sampled it; an IQA must sample another assessor's decisions`);
    }
  }
  if (!isAgreement) return { invalid, stale };
  // A later sound decision on the same marking point replaces the one a record rests on.
  const restedIds = new Set(rested.map((decision) => decision.id));
  const reported = new Set<unknown>();
  for (const decision of rested) {
    const point = decision.record.markingPointId;
    if (reported.has(point)) continue;
    let later: RecordState | undefined;
    for (const other of byMarkingPoint.get(point) ?? []) {
      if (restedIds.has(other.id) || other.isBroken) continue;
      if (timeOf(other.record.decidedAt) > timeOf(decision.record.decidedAt) && (!later || timeOf(other.record.decidedAt) > timeOf(later.record.decidedAt))) later = other;
    }
    if (!later) continue;
    reported.add(point);
    stale.push(`a later decision on ${shown(point)} (${statusWords(later.record.status)}, ${shownDate(later.record.decidedAt)}) replaces the one it ${verb}`);
  }
  return { invalid, stale };
}

/** Every signed record the reference holds must be in the file, exactly as the reference has it. */
function compareWithReference(verifier: Verifier, states: readonly RecordState[], reference: Loose, identity: PackageIdentity): void {
  const referenceIdentity = identityOfContent(reference);
  if (referenceIdentity.portfolioId !== identity.portfolioId) {
    verifier.add(
      { kind: 'portfolio', id: 'reference', path: '/portfolio/id' },
      'missing',
      `The reference copy is of another portfolio (${shown(referenceIdentity.portfolioId, '(none)')}), not this one (${shown(identity.portfolioId, '(none)')}), so nothing in it can be compared.`,
    );
    return;
  }
  const here = new Map(states.map((state) => [`${state.kind}\n${state.id}`, state]));
  for (const kind of SIGNED_KINDS) {
    const list = listOf(reference[KIND_LIST[kind]]);
    for (let index = 0; index < list.length; index++) {
      const record = list[index];
      if (!isRecord(record) || typeof record.id !== 'string') continue;
      // Unsigned declarations of version 1 are not signed records.
      if (kind === 'declaration' && record.signature === undefined) continue;
      const label = labelOf(kind, record);
      const time = shownDate(record[KIND_FIELDS[kind].time]);
      const what = kind === 'decision' ? `${label} (${statusWords(record.status)}, ${time})` : `${label} (${time})`;
      const found = here.get(`${kind}\n${record.id}`);
      const target = { kind, id: record.id, path: found?.path ?? jsonPointer([KIND_LIST[kind]]) };
      if (!found) {
        verifier.add(target, 'missing', `${what} is in the reference copy but not in this file: a signed record has been removed.`);
        continue;
      }
      let isSame: boolean;
      try {
        isSame = canonicalJson(found.record) === canonicalJson(record);
      } catch {
        isSame = false;
      }
      if (!isSame) {
        found.isBroken = true;
        verifier.add(target, 'changed', `${what} is not as the reference copy holds it: the record has been changed.`);
      }
    }
  }
}

/** Pins from an honest copy: the first key of each name among its sound records. */
async function referencePins(reference: PortfolioContent, register: KeyRegister | undefined): Promise<Map<string, SignerPin>> {
  const verifier = new Verifier();
  const loose: Loose = isRecord(reference) ? (reference as unknown as Loose) : {};
  const states = await readRecords(verifier, loose, identityOfContent(loose), register);
  return checkTrust(new Verifier(), states, register, undefined);
}

/**
 * Verifies a portfolio's signed records. `contentHashes` maps each evidence id to its current
 * `evidenceContentHash` (for staleness).
 */
export async function verifyPortfolio(content: PortfolioContent, contentHashes: ReadonlyMap<string, string>, options: VerifyOptions = {}): Promise<VerificationReport> {
  const loose: Loose = isRecord(content) ? (content as unknown as Loose) : {};
  const { register, reference } = options;
  const identity = identityOfContent(loose);
  const verifier = new Verifier();
  const unitOf = unitsOfMarkingPoints(loose.qualification);
  const evidenceTitles = new Map<string, string>();
  for (const item of listOf(loose.evidence)) {
    if (isRecord(item) && typeof item.id === 'string') evidenceTitles.set(item.id, shown(item.title, item.id));
  }
  const hashes: ReadonlyMap<string, string> = typeof contentHashes?.get === 'function' ? contentHashes : new Map();

  const states = await readRecords(verifier, loose, identity, register);
  let givenPins = options.pins;
  if (reference !== undefined && isRecord(reference)) {
    const fromReference = await referencePins(reference, register);
    givenPins = new Map([...fromReference, ...(options.pins ?? [])]);
  }
  const pins = checkTrust(verifier, states, register, givenPins);
  const lastSequence = checkChains(verifier, states);
  if (reference !== undefined && isRecord(reference)) compareWithReference(verifier, states, reference as unknown as Loose, identity);

  // Staleness of decisions, then what rests on decisions.
  const decisions = new Map<string, RecordState>();
  const byMarkingPoint = new Map<unknown, RecordState[]>();
  for (const state of states) {
    if (state.kind !== 'decision') continue;
    decisions.set(state.id, state);
    if (!state.isGenuine) continue;
    const list = byMarkingPoint.get(state.record.markingPointId) ?? [];
    list.push(state);
    byMarkingPoint.set(state.record.markingPointId, list);
    const staleReasons: string[] = [];
    for (const judged of listOf(state.record.evidence)) {
      if (!isRecord(judged) || typeof judged.evidenceId !== 'string') continue;
      const current = hashes.get(judged.evidenceId);
      const name = `"${evidenceTitles.get(judged.evidenceId) ?? shown(judged.evidenceId)}"`;
      if (current === undefined) staleReasons.push(`evidence ${name} has been deleted`);
      else if (current !== judged.contentHash) staleReasons.push(`evidence ${name} has changed`);
    }
    if (staleReasons.length > 0 && !state.isBroken) {
      state.isStale = true;
      verifier.add(state, 'stale', `${describeRecord(state)} is out of date: ${staleReasons.join('; ')} since it was judged. The assessor needs to judge it again.`, state.fingerprint);
    }
  }
  for (const state of states) {
    if ((state.kind !== 'unit-sign-off' && state.kind !== 'iqa-sample') || !state.isGenuine || state.isBroken) continue;
    const { invalid, stale } = judgeDependencies(state, decisions, byMarkingPoint, unitOf);
    if (invalid.length > 0) {
      state.isBroken = true;
      verifier.add(state, 'forged', `${state.label} is not valid: ${invalid.join('; ')}.`, state.fingerprint);
    } else if (stale.length > 0) {
      state.isStale = true;
      const action = state.kind === 'unit-sign-off' ? 'The assessor needs to review the unit again.' : 'The IQA needs to sample the unit again.';
      verifier.add(state, 'stale', `${state.label} is out of date: ${stale.join('; ')}. ${action}`, state.fingerprint);
    }
  }

  // Records of the older form say so; every record with nothing wrong gets its `ok`.
  // By path, not id: a second record under the same id is a finding of its own, not of the first.
  const findingsOf = new Map<string, VerificationFinding[]>();
  for (const finding of verifier.findings) {
    const key = finding.path;
    const list = findingsOf.get(key);
    if (list) list.push(finding);
    else findingsOf.set(key, [finding]);
  }
  for (const state of states) {
    if (!state.isGenuine) continue;
    const key = state.path;
    const own = findingsOf.get(key) ?? [];
    findingsOf.set(key, own);
    const fingerprint = state.fingerprint ? { fingerprint: state.fingerprint } : {};
    if (state.version === 1 && !state.isBroken) {
      const finding: VerificationFinding = {
        kind: 'older-form',
        ref: state.id,
        recordType: state.kind,
        path: state.path,
        message: `${state.label} is of the older form (version 1): its signature is good, but it names neither the learner nor its place in the signer's chain, so a rename or a removal cannot be seen from it.`,
        ...fingerprint,
      };
      verifier.findings.push(finding);
      own.push(finding);
    }
    if (own.every((finding) => findingSeverity(finding.kind) === 'info')) {
      const what = state.kind === 'decision' ? ` (${statusWords(state.record.status)})` : '';
      const finding: VerificationFinding = { kind: 'ok', ref: state.id, recordType: state.kind, path: state.path, message: `${state.label}${what}: the signature is good (key ${state.fingerprint}).`, ...fingerprint };
      verifier.findings.push(finding);
      own.push(finding);
    }
  }

  // One finding list in record order (by list, then place in it); findings about the whole package last.
  const findings = verifier.findings
    .map((finding, position) => ({ finding, position, order: pathOrder(finding) }))
    .sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.position - b.position)
    .map(({ finding }) => finding);

  const counts: Record<FindingKind, number> = { ok: 0, forged: 0, chain: 0, missing: 0, changed: 0, untrusted: 0, 'unknown-key': 0, corrupt: 0, stale: 0, 'older-form': 0 };
  for (const finding of findings) counts[finding.kind] += 1;

  const signers = new Map<string, SignerSummary>();
  for (const state of states) {
    if (!state.isGenuine) continue;
    const signer = isRecord(state.record.signer) ? state.record.signer : {};
    const role = signer.role === 'iqa' ? 'iqa' : signer.role === 'learner' ? 'learner' : 'assessor';
    const key = `${state.fingerprint}\n${signerName(state)}\n${role}`;
    const summary = signers.get(key);
    if (summary) {
      summary.records += 1;
      if (summary.isRegistered !== undefined) summary.isRegistered &&= state.isConfirmed;
    } else {
      const last = lastSequence.get(state.fingerprint!);
      signers.set(key, {
        fingerprint: state.fingerprint!,
        name: signerName(state),
        role,
        records: 1,
        ...(register && role !== 'learner' ? { isRegistered: state.isConfirmed } : {}),
        ...(last !== undefined ? { lastSequence: last } : {}),
      });
    }
  }

  const records: RecordVerdict[] = states.map((state) => ({
    recordType: state.kind,
    id: state.id,
    path: state.path,
    version: state.version,
    kind: worstKind(findingsOf.get(state.path) ?? []),
    isConfirmed: state.isConfirmed && !state.isBroken,
    ...(state.fingerprint ? { fingerprint: state.fingerprint } : {}),
  }));

  return {
    isValid: findings.every((finding) => findingSeverity(finding.kind) !== 'error'),
    hasRegister: register !== undefined,
    hasReference: reference !== undefined,
    findings,
    counts,
    checked: {
      decisions: listOf(loose.decisions).length,
      signOffs: listOf(loose.signOffs).length,
      iqaSamples: listOf(loose.iqaSamples).length,
      declarations: listOf(loose.declarations).length,
    },
    signers: [...signers.values()],
    records,
    pins,
  };
}

const LIST_ORDER: readonly string[] = SIGNED_KINDS.map((kind) => KIND_LIST[kind]);

/** Where a finding sorts: by the list its record is in, then its place in the list; whole-package findings last. */
function pathOrder(finding: VerificationFinding): [number, number] {
  const match = /^\/([A-Za-z]+)(?:\/(\d+))?/.exec(finding.path);
  const list = match ? LIST_ORDER.indexOf(match[1]!) : -1;
  if (finding.recordType === 'portfolio' || list < 0) return [LIST_ORDER.length, 0];
  return [list, match?.[2] === undefined ? Number.MAX_SAFE_INTEGER : Number(match[2])];
}
