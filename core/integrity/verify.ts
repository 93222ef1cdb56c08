/**
 * Verifies every signed record in a portfolio: assessor decisions, unit sign-offs and IQA
 * samples. A learner holds the package and can edit anything in it, so nothing is trusted
 * because of where it sits; each record must verify over its own canonical content.
 *
 * Finding kinds:
 * - `ok`: the signature verifies over the record as it is now, and nothing it rests on failed.
 * - `forged`: the record is not what was signed (any field changed, a signature or key taken
 *   from elsewhere, moved to another portfolio or marking point, unsigned), or it rests on
 *   something that is missing, forged or not met (a sign-off over a decision not met, an IQA
 *   sampling their own decisions).
 * - `stale`: genuine, but the evidence judged has changed or gone since (a warning: the
 *   assessor must look again; nobody forged anything).
 * - `unknown-key`: genuine, but signed by a key the centre's register does not hold for that
 *   role (only when a register is given).
 * - `corrupt`: the signature cannot even be read (bad base64, unknown algorithm, not a key).
 *
 * It never throws for bad content: whatever the records hold, the answer is a report.
 */
import type { PortfolioContent, SignatureAlgorithm } from '../model/portfolio';
import { jsonPointer } from '../problems';
import { decodeBase64 } from './base64';
import type { KeyRegister, KeyRegisterEntry } from './key-register';
import { KeyError, SIGNATURE_BYTES, describeAlgorithm, fingerprintOf, importPublicKey, isSignatureAlgorithm, signAlgorithmParams } from './keys';
import { decisionPayload, iqaSamplePayload, payloadBytes, signOffPayload } from './signing';
import type { WebCryptoKey } from './webcrypto-types';

export type FindingKind = 'forged' | 'stale' | 'unknown-key' | 'corrupt' | 'ok';
export type SignedRecordType = 'decision' | 'sign-off' | 'iqa-sample';

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

export interface VerifyOptions {
  /** The centre's key register; without it a signature shows only that a record is unchanged, not whose key signed it. */
  register?: KeyRegister;
}

export interface VerificationReport {
  /** False when anything is forged or corrupt, or (with a register) signed by a key not in it. */
  isValid: boolean;
  hasRegister: boolean;
  /** In record order (decisions, sign-offs, IQA samples): one `ok` finding per sound record, otherwise one per problem. */
  findings: VerificationFinding[];
  counts: Record<FindingKind, number>;
  checked: { decisions: number; signOffs: number; iqaSamples: number };
  /**
   * Who signed what, for the records whose signatures verify: the fingerprints a verifier
   * compares with the centre's list when no register file is at hand.
   */
  signers: SignerSummary[];
}

export interface SignerSummary {
  fingerprint: string;
  /** As the signed records name the signer (control characters replaced). */
  name: string;
  role: 'assessor' | 'iqa';
  records: number;
  /** Present only when a register was given: whether the key is in it for this role. */
  isRegistered?: boolean;
}

/** How a finding kind counts: errors fail verification, warnings need attention. */
export function findingSeverity(kind: FindingKind): 'error' | 'warning' | 'ok' {
  if (kind === 'ok') return 'ok';
  return kind === 'stale' ? 'warning' : 'error';
}

const KIND_ORDER: readonly FindingKind[] = ['forged', 'corrupt', 'unknown-key', 'stale', 'ok'];

/** The worst kind among a record's findings (`ok` when there are none). */
export function worstKind(findings: readonly Pick<VerificationFinding, 'kind'>[]): FindingKind {
  let worst: FindingKind = 'ok';
  for (const finding of findings) if (KIND_ORDER.indexOf(finding.kind) < KIND_ORDER.indexOf(worst)) worst = finding.kind;
  return worst;
}

/** The status of one record in a report, e.g. to badge a decision in the app. */
export function recordStatus(report: VerificationReport, recordType: SignedRecordType, id: string): FindingKind | undefined {
  const findings = report.findings.filter((finding) => finding.recordType === recordType && finding.ref === id);
  return findings.length === 0 ? undefined : worstKind(findings);
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

function roleWords(role: unknown): string {
  return role === 'iqa' ? 'an internal quality assurer' : 'an assessor';
}

interface RecordContext {
  recordType: SignedRecordType;
  index: number;
  path: string;
  ref: string;
  /** e.g. `Decision on CS5.1.1 by Priya Shah`. */
  label: string;
}

type ValidSignature = { state: 'valid'; fingerprint: string; registerProblem?: string };
type SignatureResult =
  | ValidSignature
  | { state: 'forged'; message: string; fingerprint?: string }
  | { state: 'corrupt'; message: string; fingerprint?: string };

interface DecisionState {
  decision: Loose;
  context: RecordContext;
  signature: SignatureResult;
  isStale: boolean;
}

class Verifier {
  private readonly keys = new Map<string, Promise<WebCryptoKey | KeyError>>();
  private readonly fingerprints = new Map<string, Promise<string>>();
  /** Register entries by `algorithm:publicKey`, built once: registers can be long and records many. */
  private readonly registered: Map<string, KeyRegisterEntry[]> | undefined;
  readonly findings: VerificationFinding[] = [];
  readonly signers = new Map<string, SignerSummary>();

  constructor(
    private readonly portfolioId: unknown,
    register: KeyRegister | undefined,
  ) {
    if (register) {
      this.registered = new Map();
      for (const entry of Array.isArray(register.keys) ? register.keys : []) {
        const key = `${entry.algorithm}:${entry.publicKey}`;
        const entries = this.registered.get(key);
        if (entries) entries.push(entry);
        else this.registered.set(key, [entry]);
      }
    }
  }

  add(context: RecordContext, kind: FindingKind, message: string, fingerprint?: string): void {
    this.findings.push({ kind, ref: context.ref, message, recordType: context.recordType, path: context.path, ...(fingerprint ? { fingerprint } : {}) });
  }

  private importKey(algorithm: SignatureAlgorithm, publicKey: string): Promise<WebCryptoKey | KeyError> {
    const cacheKey = `${algorithm}:${publicKey}`;
    let imported = this.keys.get(cacheKey);
    if (!imported) {
      imported = importPublicKey(algorithm, publicKey).catch((error: unknown) => (error instanceof KeyError ? error : new KeyError('The public key could not be read.')));
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

  /** Checks one record's signature over the payload its type defines. */
  async checkSignature(record: Loose, payloadOf: () => string): Promise<SignatureResult> {
    const signature = record.signature;
    if (signature === undefined || signature === null) {
      return { state: 'forged', message: 'it is not signed, so it cannot have come from an assessor or IQA.' };
    }
    if (!isRecord(signature)) return { state: 'corrupt', message: 'its signature cannot be read.' };
    const { algorithm, publicKey, value } = signature;
    if (!isSignatureAlgorithm(algorithm)) {
      return { state: 'corrupt', message: `its signature uses ${typeof algorithm === 'string' ? `"${shown(algorithm)}"` : 'no algorithm'}, which this program does not accept (Ed25519 or ECDSA-P256).` };
    }
    if (typeof publicKey !== 'string') return { state: 'corrupt', message: 'its signature has no public key.' };
    const key = await this.importKey(algorithm, publicKey);
    if (key instanceof KeyError) return { state: 'corrupt', message: `the key in its signature is damaged. ${key.message}` };
    const fingerprint = await this.fingerprint(publicKey);
    const signer = record.signer;
    const claimed = isRecord(signer) ? signer.keyFingerprint : undefined;
    if (claimed !== fingerprint) {
      return {
        state: 'forged',
        fingerprint,
        message: `it carries key ${fingerprint}, but names key ${typeof claimed === 'string' ? shown(claimed) : '(none)'} as the signer's: the key has been swapped.`,
      };
    }
    const signatureBytes = decodeBase64(value);
    if (signatureBytes === undefined) return { state: 'corrupt', fingerprint, message: 'its signature value is not valid base64 text.' };
    if (signatureBytes.length !== SIGNATURE_BYTES) {
      return { state: 'corrupt', fingerprint, message: `its signature value is ${signatureBytes.length} bytes long; a ${describeAlgorithm(algorithm)} signature is ${SIGNATURE_BYTES}.` };
    }
    let payload: string;
    try {
      payload = payloadOf();
    } catch {
      return { state: 'corrupt', fingerprint, message: 'its content holds values that cannot be signed (such as numbers that are not finite, or nesting far too deep).' };
    }
    let isGenuine: boolean;
    try {
      isGenuine = await crypto.subtle.verify(signAlgorithmParams(algorithm), key, signatureBytes as Uint8Array<ArrayBuffer>, payloadBytes(payload));
    } catch {
      return { state: 'corrupt', fingerprint, message: 'its signature could not be checked.' };
    }
    if (!isGenuine) {
      return {
        state: 'forged',
        fingerprint,
        message: 'its content does not match its signature: it has been changed since it was signed, or the signature was taken from another record.',
      };
    }
    if (typeof this.portfolioId !== 'string' || record.portfolioId !== this.portfolioId) {
      return { state: 'forged', fingerprint, message: `it was signed for another portfolio (${shown(record.portfolioId, '(none)')}), not this one, and has been copied in.` };
    }
    return { state: 'valid', fingerprint, ...this.registerCheck(algorithm, publicKey, fingerprint, isRecord(signer) ? signer : {}) };
  }

  private registerCheck(algorithm: SignatureAlgorithm, publicKey: string, fingerprint: string, signer: Loose): { registerProblem?: string } {
    if (!this.registered) return {};
    const entries = this.registered.get(`${algorithm}:${publicKey}`) ?? [];
    if (entries.length === 0) {
      return { registerProblem: `it was signed with key ${fingerprint}, which is not in the centre's key register, so it cannot be shown to come from ${shown(signer.name)} or anyone at the centre.` };
    }
    if (!entries.some((entry) => entry.role === signer.role)) {
      const entry = entries[0]!;
      return { registerProblem: `key ${fingerprint} is registered to ${shown(entry.name)} as ${roleWords(entry.role)}, not as ${roleWords(signer.role)}.` };
    }
    return {};
  }

  /** Adds the findings of a signature result; returns it when the record's own signature is sound. */
  reportSignature(context: RecordContext, result: SignatureResult, record: Loose): ValidSignature | undefined {
    if (result.state !== 'valid') {
      this.add(context, result.state, `${context.label}: ${result.message}`, result.fingerprint);
      return undefined;
    }
    if (result.registerProblem) this.add(context, 'unknown-key', `${context.label}: ${result.registerProblem}`, result.fingerprint);
    const signer = isRecord(record.signer) ? record.signer : {};
    const name = shown(signer.name);
    const role = signer.role === 'iqa' ? 'iqa' : 'assessor';
    const key = `${result.fingerprint}\n${name}\n${role}`;
    const summary = this.signers.get(key);
    if (summary) summary.records += 1;
    else this.signers.set(key, { fingerprint: result.fingerprint, name, role, records: 1, ...(this.registered ? { isRegistered: !result.registerProblem } : {}) });
    return result;
  }
}

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

/**
 * Verifies a portfolio's decisions, unit sign-offs and IQA samples.
 * `contentHashes` maps each evidence id to its current `evidenceContentHash`.
 */
export async function verifyPortfolio(content: PortfolioContent, contentHashes: ReadonlyMap<string, string>, options: VerifyOptions = {}): Promise<VerificationReport> {
  const loose: Loose = isRecord(content) ? content : {};
  const portfolio = isRecord(loose.portfolio) ? loose.portfolio : {};
  const register = options.register;
  const verifier = new Verifier(portfolio.id, register);
  const unitOf = unitsOfMarkingPoints(loose.qualification);
  const evidenceTitles = new Map<string, string>();
  for (const item of listOf(loose.evidence)) {
    if (isRecord(item) && typeof item.id === 'string') evidenceTitles.set(item.id, shown(item.title, item.id));
  }
  const hashes: ReadonlyMap<string, string> = typeof contentHashes?.get === 'function' ? contentHashes : new Map();

  // Decisions first: sign-offs and samples are judged partly by the decisions they rest on.
  const decisionsRaw = listOf(loose.decisions);
  const decisionStates = new Map<string, DecisionState>();
  for (let index = 0; index < decisionsRaw.length; index++) {
    const raw = decisionsRaw[index];
    const path = jsonPointer(['decisions', index]);
    const decision = isRecord(raw) ? raw : {};
    const id = typeof decision.id === 'string' && decision.id !== '' ? decision.id : undefined;
    const signer = isRecord(decision.signer) ? decision.signer : {};
    const context: RecordContext = {
      recordType: 'decision',
      index,
      path,
      ref: id ?? path,
      label: `Decision on ${shown(decision.markingPointId, '(no marking point)')} by ${shown(signer.name)}`,
    };
    if (!isRecord(raw)) {
      verifier.add(context, 'corrupt', `The decision at ${path} is not a record at all.`);
      continue;
    }
    if (id === undefined) {
      verifier.add(context, 'corrupt', `${context.label}: it has no id.`);
      continue;
    }
    if (decisionStates.has(id)) {
      verifier.add(context, 'corrupt', `${context.label}: another decision already has the id ${shown(id)}; each decision must appear once.`);
      continue;
    }
    const result = await verifier.checkSignature(decision, () => decisionPayload(decision));
    const state: DecisionState = { decision, context, signature: result, isStale: false };
    decisionStates.set(id, state);
    const signature = verifier.reportSignature(context, result, decision);
    if (!signature) continue;
    const before = verifier.findings.length;
    const staleReasons: string[] = [];
    for (const judged of listOf(decision.evidence)) {
      if (!isRecord(judged) || typeof judged.evidenceId !== 'string') continue;
      const current = hashes.get(judged.evidenceId);
      const name = `"${evidenceTitles.get(judged.evidenceId) ?? shown(judged.evidenceId)}"`;
      if (current === undefined) staleReasons.push(`evidence ${name} has been deleted`);
      else if (current !== judged.contentHash) staleReasons.push(`evidence ${name} has changed`);
    }
    if (staleReasons.length > 0) {
      state.isStale = true;
      verifier.add(
        context,
        'stale',
        `${context.label} (${statusWords(decision.status)}, ${shownDate(decision.decidedAt)}) is out of date: ${staleReasons.join('; ')} since it was judged. The assessor needs to judge it again.`,
        signature.fingerprint,
      );
    }
    if (verifier.findings.length === before && !signature.registerProblem) {
      verifier.add(context, 'ok', `${context.label} (${statusWords(decision.status)}): the signature is good (key ${signature.fingerprint}).`, signature.fingerprint);
    }
  }

  const byMarkingPoint = new Map<unknown, DecisionState[]>();
  for (const state of decisionStates.values()) {
    const states = byMarkingPoint.get(state.decision.markingPointId);
    if (states) states.push(state);
    else byMarkingPoint.set(state.decision.markingPointId, [state]);
  }

  const signOffsRaw = listOf(loose.signOffs);
  const seenSignOffs = new Set<string>();
  for (let index = 0; index < signOffsRaw.length; index++) {
    const raw = signOffsRaw[index];
    const path = jsonPointer(['signOffs', index]);
    const signOff = isRecord(raw) ? raw : {};
    const id = typeof signOff.id === 'string' && signOff.id !== '' ? signOff.id : undefined;
    const signer = isRecord(signOff.signer) ? signOff.signer : {};
    const context: RecordContext = { recordType: 'sign-off', index, path, ref: id ?? path, label: `Sign-off of unit ${shown(signOff.unitId, '(no unit)')} by ${shown(signer.name)}` };
    if (!isRecord(raw)) {
      verifier.add(context, 'corrupt', `The sign-off at ${path} is not a record at all.`);
      continue;
    }
    if (id === undefined || seenSignOffs.has(id)) {
      verifier.add(context, 'corrupt', id === undefined ? `${context.label}: it has no id.` : `${context.label}: another sign-off already has the id ${shown(id)}.`);
      continue;
    }
    seenSignOffs.add(id);
    const signature = verifier.reportSignature(context, await verifier.checkSignature(signOff, () => signOffPayload(signOff)), signOff);
    if (!signature) continue;
    const before = verifier.findings.length;
    const { invalid, stale } = judgeDependencies(signOff, decisionStates, byMarkingPoint, unitOf, 'sign-off');
    if (invalid.length > 0) {
      verifier.add(context, 'forged', `${context.label} is not valid: ${invalid.join('; ')}.`, signature.fingerprint);
    } else if (stale.length > 0) {
      verifier.add(context, 'stale', `${context.label} is out of date: ${stale.join('; ')}. The assessor needs to review the unit again.`, signature.fingerprint);
    }
    if (verifier.findings.length === before && !signature.registerProblem) {
      verifier.add(context, 'ok', `${context.label}: the signature is good (key ${signature.fingerprint}) and every decision it rests on is met.`, signature.fingerprint);
    }
  }

  const samplesRaw = listOf(loose.iqaSamples);
  const seenSamples = new Set<string>();
  for (let index = 0; index < samplesRaw.length; index++) {
    const raw = samplesRaw[index];
    const path = jsonPointer(['iqaSamples', index]);
    const sample = isRecord(raw) ? raw : {};
    const id = typeof sample.id === 'string' && sample.id !== '' ? sample.id : undefined;
    const signer = isRecord(sample.signer) ? sample.signer : {};
    const context: RecordContext = { recordType: 'iqa-sample', index, path, ref: id ?? path, label: `IQA sample of unit ${shown(sample.unitId, '(no unit)')} by ${shown(signer.name)}` };
    if (!isRecord(raw)) {
      verifier.add(context, 'corrupt', `The IQA sample at ${path} is not a record at all.`);
      continue;
    }
    if (id === undefined || seenSamples.has(id)) {
      verifier.add(context, 'corrupt', id === undefined ? `${context.label}: it has no id.` : `${context.label}: another IQA sample already has the id ${shown(id)}.`);
      continue;
    }
    seenSamples.add(id);
    const signature = verifier.reportSignature(context, await verifier.checkSignature(sample, () => iqaSamplePayload(sample)), sample);
    if (!signature) continue;
    const before = verifier.findings.length;
    const { invalid } = judgeDependencies(sample, decisionStates, byMarkingPoint, unitOf, 'iqa-sample');
    if (invalid.length > 0) verifier.add(context, 'forged', `${context.label} is not valid: ${invalid.join('; ')}.`, signature.fingerprint);
    if (verifier.findings.length === before && !signature.registerProblem) {
      verifier.add(context, 'ok', `${context.label}: the signature is good (key ${signature.fingerprint}).`, signature.fingerprint);
    }
  }

  const counts: Record<FindingKind, number> = { ok: 0, forged: 0, stale: 0, 'unknown-key': 0, corrupt: 0 };
  for (const finding of verifier.findings) counts[finding.kind] += 1;
  return {
    isValid: counts.forged === 0 && counts.corrupt === 0 && counts['unknown-key'] === 0,
    hasRegister: register !== undefined,
    findings: verifier.findings,
    counts,
    checked: { decisions: decisionsRaw.length, signOffs: signOffsRaw.length, iqaSamples: samplesRaw.length },
    signers: [...verifier.signers.values()],
  };
}

/**
 * What is wrong with the decisions a sign-off or IQA sample rests on. `invalid` reasons make
 * the record invalid; `stale` reasons (sign-offs only) mean it needs review.
 */
function judgeDependencies(
  record: Loose,
  decisions: ReadonlyMap<string, DecisionState>,
  byMarkingPoint: ReadonlyMap<unknown, readonly DecisionState[]>,
  unitOf: ReadonlyMap<string, string>,
  recordType: 'sign-off' | 'iqa-sample',
): { invalid: string[]; stale: string[] } {
  const invalid: string[] = [];
  const stale: string[] = [];
  const ids = listOf(record.decisionIds);
  if (ids.length === 0) {
    invalid.push(recordType === 'sign-off' ? 'it rests on no decisions, so it signs off nothing' : 'it samples no decisions');
    return { invalid, stale };
  }
  const signer = isRecord(record.signer) ? record.signer : {};
  const rested: DecisionState[] = [];
  for (const id of ids) {
    const state = typeof id === 'string' ? decisions.get(id) : undefined;
    if (!state) {
      invalid.push(`decision ${shown(id, '(no id)')} that it ${recordType === 'sign-off' ? 'rests on' : 'sampled'} is missing from the portfolio`);
      continue;
    }
    const point = shown(state.decision.markingPointId, '(no marking point)');
    if (state.signature.state !== 'valid') {
      invalid.push(`the decision on ${point} that it ${recordType === 'sign-off' ? 'rests on' : 'sampled'} is ${state.signature.state === 'forged' ? 'forged' : 'damaged'}`);
      continue;
    }
    rested.push(state);
    const unit = typeof state.decision.markingPointId === 'string' ? unitOf.get(state.decision.markingPointId) : undefined;
    if (unit !== undefined && unit !== record.unitId) invalid.push(`the decision on ${point} belongs to unit ${shown(unit)}, not unit ${shown(record.unitId, '(none)')}`);
    if (recordType === 'sign-off') {
      if (state.decision.status !== 'met') invalid.push(`marking point ${point} is judged ${statusWords(state.decision.status)}`);
      if (state.isStale) stale.push(`the evidence for ${point} has changed since it was judged`);
    } else {
      const decisionSigner = isRecord(state.decision.signer) ? state.decision.signer : {};
      const isSameKey = state.signature.fingerprint === signer.keyFingerprint;
      const isSameNumber = typeof signer.number === 'string' && signer.number !== '' && decisionSigner.number === signer.number;
      if (isSameKey || isSameNumber) invalid.push(`the decision on ${point} was made by the IQA who sampled it; an IQA must sample another assessor's decisions`);
    }
  }
  if (recordType === 'sign-off') {
    // A later genuine decision on the same marking point replaces the one the sign-off rests on.
    const restedIds = new Set(rested.map((state) => state.decision.id));
    const latestOther = new Map<unknown, DecisionState>();
    const points = new Set(rested.map((state) => state.decision.markingPointId));
    for (const point of points) {
      for (const other of byMarkingPoint.get(point) ?? []) {
        if (restedIds.has(other.decision.id) || other.signature.state !== 'valid') continue;
        const current = latestOther.get(point);
        if (!current || timeOf(other.decision.decidedAt) > timeOf(current.decision.decidedAt)) latestOther.set(point, other);
      }
    }
    const reported = new Set<unknown>();
    for (const state of rested) {
      const later = latestOther.get(state.decision.markingPointId);
      if (!later || reported.has(state.decision.markingPointId)) continue;
      if (timeOf(later.decision.decidedAt) > timeOf(state.decision.decidedAt)) {
        reported.add(state.decision.markingPointId);
        stale.push(`a later decision on ${shown(state.decision.markingPointId)} (${statusWords(later.decision.status)}, ${shownDate(later.decision.decidedAt)}) replaces the one it rests on`);
      }
    }
  }
  return { invalid, stale };
}
