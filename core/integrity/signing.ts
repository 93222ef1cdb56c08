/**
 * Signed records of VERSION 1, the older form: their payloads (which verification still
 * needs, since such records remain readable) and their signers (kept so that tests can make
 * records of the older form; the app signs version 2 only, see signed-record.ts).
 *
 * Each record is signed over a canonical payload (canonical JSON, UTF-8) that names its
 * purpose first (`portfolio-decision/1`, …). The purpose separates the domains: bytes signed
 * as a decision can never verify as a sign-off or an IQA sample, whatever the fields hold.
 * Every field of the record except the signature itself is covered, including the portfolio
 * id (so a decision cannot be moved to another learner's portfolio), the marking point, the
 * content hashes of the evidence judged, the signer (with the key fingerprint, which binds
 * the key: a signature cannot be passed off under another key without the fingerprint check
 * in verify.ts failing) and the time. The algorithm needs no place in the payload: each
 * algorithm's keys have their own fixed form, so a key can only ever be read as one of them.
 */
import type {
  AssessorDecision,
  IqaSample,
  Signature,
  Signer,
  UnitSignOff,
} from '../model/portfolio';
import { encodeBase64 } from './base64';
import { canonicalJson } from './canonical-json';
import { describeAlgorithm, isSigningKey, publicKeyForV1, signAlgorithmParams, type SigningKey } from './keys';
import { SigningError } from './signed-record';

export { SigningError };

export const DECISION_PURPOSE = 'portfolio-decision/1';
export const SIGN_OFF_PURPOSE = 'portfolio-unit-sign-off/1';
export const IQA_SAMPLE_PURPOSE = 'portfolio-iqa-sample/1';

export type UnsignedDecision = Omit<AssessorDecision, 'signature'>;
export type UnsignedSignOff = Omit<UnitSignOff, 'signature'>;
export type UnsignedIqaSample = Omit<IqaSample, 'signature'>;

/**
 * A record's fields as read from a package: any of them may be missing or of any type. The
 * payload functions accept this so they can be run on untrusted records as well as typed ones.
 */
export type Untrusted<T> = { readonly [K in keyof T]?: unknown };

const encoder = new TextEncoder();

/*
 * The payload builders pick the model's fields by name, so nothing outside the model is
 * signed. They also run on records read from a package a learner may have edited, so a
 * field of the wrong shape is passed through as it is: it then serialises differently from
 * what was signed and the signature fails (forged), rather than the check crashing.
 */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function signerPayload(signer: unknown): unknown {
  if (!isRecord(signer)) return signer;
  return {
    role: signer.role,
    name: signer.name,
    number: signer.number,
    centre: signer.centre,
    keyFingerprint: signer.keyFingerprint,
  };
}

function judgedPayload(evidence: unknown): unknown {
  // Order is kept as signed: a signed record is never rewritten, so any reordering is a change.
  if (!Array.isArray(evidence)) return evidence;
  return evidence.map((judged: unknown) => (isRecord(judged) ? { evidenceId: judged.evidenceId, contentHash: judged.contentHash } : judged));
}

function idsPayload(ids: unknown): unknown {
  return Array.isArray(ids) ? ids.slice() : ids;
}

/** The exact text a decision's signature covers. Throws CanonicalJsonError for content JSON cannot hold. */
export function decisionPayload(decision: Untrusted<UnsignedDecision>): string {
  return canonicalJson({
    purpose: DECISION_PURPOSE,
    portfolioId: decision.portfolioId,
    decisionId: decision.id,
    markingPointId: decision.markingPointId,
    status: decision.status,
    feedback: decision.feedback,
    evidence: judgedPayload(decision.evidence),
    signer: signerPayload(decision.signer),
    decidedAt: decision.decidedAt,
  });
}

/** The exact text a unit sign-off's signature covers. */
export function signOffPayload(signOff: Untrusted<UnsignedSignOff>): string {
  return canonicalJson({
    purpose: SIGN_OFF_PURPOSE,
    portfolioId: signOff.portfolioId,
    signOffId: signOff.id,
    unitId: signOff.unitId,
    declaration: signOff.declaration,
    decisionIds: idsPayload(signOff.decisionIds),
    signer: signerPayload(signOff.signer),
    signedAt: signOff.signedAt,
  });
}

/** The exact text an IQA sample's signature covers. */
export function iqaSamplePayload(sample: Untrusted<UnsignedIqaSample>): string {
  return canonicalJson({
    purpose: IQA_SAMPLE_PURPOSE,
    portfolioId: sample.portfolioId,
    sampleId: sample.id,
    unitId: sample.unitId,
    outcome: sample.outcome,
    comments: sample.comments,
    decisionIds: idsPayload(sample.decisionIds),
    signer: signerPayload(sample.signer),
    sampledAt: sample.sampledAt,
  });
}

/** The payload bytes actually signed: the UTF-8 encoding of the canonical text. */
export function payloadBytes(payload: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(payload);
}

async function signPayload(payload: string, key: SigningKey): Promise<Signature> {
  let value: ArrayBuffer;
  try {
    value = await crypto.subtle.sign(signAlgorithmParams(key.algorithm), key.privateKey, payloadBytes(payload));
  } catch {
    throw new SigningError(`Your ${describeAlgorithm(key.algorithm)} signing key could not be used on this system.`);
  }
  return { algorithm: key.algorithm, publicKey: (await publicKeyForV1(key)).publicKey, value: encodeBase64(new Uint8Array(value)) };
}

// ---------------------------------------------------------------------------------------
// Checks before signing. A signature is for ever, so what is signed must be well formed.

/** The package schema's timestamp: ISO 8601 with a time zone (the app writes UTC, `…Z`). */
const INSTANT = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,9})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$/;
const CONTENT_HASH = /^sha256:[0-9a-f]{64}$/;

function requireText(value: unknown, what: string, allowEmpty = false): asserts value is string {
  if (typeof value !== 'string') throw new SigningError(`The ${what} is missing.`);
  if (!allowEmpty && value.trim() === '') throw new SigningError(`The ${what} is empty.`);
}

function requireInstant(value: unknown, what: string): void {
  if (typeof value !== 'string' || !INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    throw new SigningError(`The ${what} must be a date and time such as 2026-11-22T10:15:00.000Z.`);
  }
}

function requireIds(value: unknown, what: string): void {
  if (!Array.isArray(value) || value.length === 0) throw new SigningError(`Choose at least one decision for the ${what}.`);
  const seen = new Set<string>();
  for (const id of value) {
    if (typeof id !== 'string' || id.trim() === '') throw new SigningError(`The ${what} lists a decision without an id.`);
    if (seen.has(id)) throw new SigningError(`The ${what} lists decision ${id} twice.`);
    seen.add(id);
  }
}

/** The signer as it will be signed. */
function checkedSigner(signer: unknown, key: SigningKey, fingerprint: string, role: Signer['role']): Signer {
  if (!isSigningKey(key)) throw new SigningError('The signing key is damaged or missing; make a new key before signing.');
  if (typeof signer !== 'object' || signer === null) throw new SigningError('The signer is missing.');
  const given = signer as Partial<Record<keyof Signer, unknown>>;
  if (given.role !== role) {
    throw new SigningError(role === 'iqa' ? 'Only an internal quality assurer can sign an IQA sample.' : 'Only an assessor can sign this.');
  }
  requireText(given.name, "signer's name");
  if (given.number !== undefined) requireText(given.number, "signer's number");
  if (given.centre !== undefined) requireText(given.centre, "signer's centre");
  // Whatever fingerprint the caller wrote, the record names the key that really signs it:
  // a record can never claim a key other than its signer's.
  return {
    role,
    name: given.name,
    ...(typeof given.number === 'string' ? { number: given.number } : {}),
    ...(typeof given.centre === 'string' ? { centre: given.centre } : {}),
    keyFingerprint: fingerprint,
  };
}

// ---------------------------------------------------------------------------------------

/** Signs an assessor's judgement of one marking point over the evidence content hashes judged. */
export async function signDecision(unsigned: UnsignedDecision, key: SigningKey): Promise<AssessorDecision> {
  requireText(unsigned.id, 'decision id');
  requireText(unsigned.portfolioId, 'portfolio id');
  requireText(unsigned.markingPointId, 'marking point');
  if (unsigned.status !== 'met' && unsigned.status !== 'not-yet') throw new SigningError('A decision must be "met" or "not yet met".');
  requireText(unsigned.feedback, 'feedback', true);
  if (!Array.isArray(unsigned.evidence)) throw new SigningError('The evidence judged is missing.');
  const seen = new Set<string>();
  for (const judged of unsigned.evidence) {
    requireText(judged?.evidenceId, 'id of an evidence item judged');
    if (typeof judged.contentHash !== 'string' || !CONTENT_HASH.test(judged.contentHash)) {
      throw new SigningError(`Evidence item ${judged.evidenceId} has no content hash, so the decision could not show which version was judged.`);
    }
    if (seen.has(judged.evidenceId)) throw new SigningError(`Evidence item ${judged.evidenceId} is listed twice.`);
    seen.add(judged.evidenceId);
  }
  requireInstant(unsigned.decidedAt, 'time of the decision');
  const record = {
    id: unsigned.id,
    portfolioId: unsigned.portfolioId,
    markingPointId: unsigned.markingPointId,
    status: unsigned.status,
    feedback: unsigned.feedback,
    evidence: unsigned.evidence.map((judged) => ({ evidenceId: judged.evidenceId, contentHash: judged.contentHash })),
    signer: checkedSigner(unsigned.signer, key, (await publicKeyForV1(key)).fingerprint, 'assessor'),
    decidedAt: unsigned.decidedAt,
  } satisfies UnsignedDecision;
  return { ...record, signature: await signPayload(decisionPayload(record), key) };
}

/**
 * Signs off a unit. When the decisions are given (the app always should), it also refuses
 * a sign-off resting on a decision that is missing, from another portfolio or not met.
 */
export async function signSignOff(unsigned: UnsignedSignOff, key: SigningKey, decisions?: readonly AssessorDecision[]): Promise<UnitSignOff> {
  requireText(unsigned.id, 'sign-off id');
  requireText(unsigned.portfolioId, 'portfolio id');
  requireText(unsigned.unitId, 'unit');
  requireText(unsigned.declaration, 'declaration');
  requireIds(unsigned.decisionIds, 'sign-off');
  requireInstant(unsigned.signedAt, 'time of the sign-off');
  if (decisions !== undefined) {
    for (const id of unsigned.decisionIds) {
      const decision = decisions.find((candidate) => candidate.id === id);
      if (!decision) throw new SigningError(`Decision ${id} is not in this portfolio, so the unit cannot be signed off on it.`);
      if (decision.portfolioId !== unsigned.portfolioId) throw new SigningError(`Decision ${id} belongs to another portfolio.`);
      if (decision.status !== 'met') {
        throw new SigningError(`Marking point ${decision.markingPointId} is judged not yet met, so unit ${unsigned.unitId} cannot be signed off.`);
      }
    }
  }
  const record = {
    id: unsigned.id,
    portfolioId: unsigned.portfolioId,
    unitId: unsigned.unitId,
    declaration: unsigned.declaration,
    decisionIds: [...unsigned.decisionIds],
    signer: checkedSigner(unsigned.signer, key, (await publicKeyForV1(key)).fingerprint, 'assessor'),
    signedAt: unsigned.signedAt,
  } satisfies UnsignedSignOff;
  return { ...record, signature: await signPayload(signOffPayload(record), key) };
}

export type SampleCheck = { ok: true } | { ok: false; message: string };

/**
 * Whether an internal quality assurer holding the key with this fingerprint may sample these
 * decisions: never their own, since quality assurance means a second person looks.
 */
export function canSample(iqaFingerprint: string, decisions: ReadonlyArray<Pick<AssessorDecision, 'id' | 'markingPointId' | 'signer'>>): SampleCheck {
  const own = decisions.filter((decision) => decision.signer?.keyFingerprint === iqaFingerprint);
  if (own.length === 0) return { ok: true };
  const which = own.map((decision) => `${decision.markingPointId} (decision ${decision.id})`).join(', ');
  return {
    ok: false,
    message: `You made ${own.length === 1 ? 'the decision' : 'the decisions'} on ${which} yourself. An internal quality assurer must sample another assessor's decisions, not their own.`,
  };
}

/**
 * Signs an IQA sample. The sampled decisions must be given: the sample is refused when any of
 * them is missing, from another portfolio, or made by the IQA (same key, or same registration
 * number where both are recorded).
 */
export async function signIqaSample(unsigned: UnsignedIqaSample, key: SigningKey, sampledDecisions: readonly AssessorDecision[]): Promise<IqaSample> {
  requireText(unsigned.id, 'sample id');
  requireText(unsigned.portfolioId, 'portfolio id');
  requireText(unsigned.unitId, 'unit');
  if (unsigned.outcome !== 'agree' && unsigned.outcome !== 'assessor-to-act') throw new SigningError('An IQA sample must either agree or ask the assessor to act.');
  requireText(unsigned.comments, 'comments', true);
  requireIds(unsigned.decisionIds, 'IQA sample');
  requireInstant(unsigned.sampledAt, 'time of the sample');
  const v1Key = await publicKeyForV1(key);
  const signer = checkedSigner(unsigned.signer, key, v1Key.fingerprint, 'iqa');
  if (!Array.isArray(sampledDecisions)) throw new SigningError('The sampled decisions must be given so they can be checked.');
  const sampled: AssessorDecision[] = [];
  for (const id of unsigned.decisionIds) {
    const decision = sampledDecisions.find((candidate) => candidate.id === id);
    if (!decision) throw new SigningError(`Decision ${id} is not among the decisions given, so it cannot be sampled.`);
    if (decision.portfolioId !== unsigned.portfolioId) throw new SigningError(`Decision ${id} belongs to another portfolio.`);
    sampled.push(decision);
  }
  const check = canSample(v1Key.fingerprint, sampled);
  if (!check.ok) throw new SigningError(check.message);
  if (signer.number !== undefined) {
    const sameNumber = sampled.filter((decision) => decision.signer.number === signer.number);
    if (sameNumber.length > 0) {
      throw new SigningError(
        `The decision on ${sameNumber.map((decision) => decision.markingPointId).join(', ')} was made under your own number (${signer.number}). An internal quality assurer must sample another assessor's decisions, not their own.`,
      );
    }
  }
  const record = {
    id: unsigned.id,
    portfolioId: unsigned.portfolioId,
    unitId: unsigned.unitId,
    outcome: unsigned.outcome,
    comments: unsigned.comments,
    decisionIds: [...unsigned.decisionIds],
    signer,
    sampledAt: unsigned.sampledAt,
  } satisfies UnsignedIqaSample;
  return { ...record, signature: await signPayload(iqaSamplePayload(record), key) };
}
