/**
 * The centre's key register: the public keys the centre has issued to its assessors and
 * internal quality assurers. A signature proves only that a record is unchanged since some
 * key signed it; the register says whose key that is. Without it, a learner could sign a
 * decision with a key of their own making.
 *
 * `portfolio-key-register/2` (CONTRACTS.md §5), the form this program writes:
 * ```json
 * {
 *   "format": "portfolio-key-register/2",
 *   "centre": { "name": "Northgate College", "number": "58231" },
 *   "keys": [
 *     { "name": "Priya Shah", "role": "assessor", "number": "A1042",
 *       "fingerprint": "3f2a-91bc-…", "publicKey": "<base64>", "algorithm": "Ed25519",
 *       "validFrom": "2026-09-01", "validUntil": "2027-08-31", "revoked": "2027-01-15" }
 *   ],
 *   "signedBy": { "name": "Sam Centre", "fingerprint": "…" },
 *   "signature": { "algorithm": "Ed25519", "publicKey": "<base64>", "value": "<base64>" }
 * }
 * ```
 * The signature is the centre key's over the JCS (RFC 8785) of the register without its
 * `signature`, as UTF-8. Keys are written as signed records of version 2 write them (ECDSA
 * P-256 as the 65-byte point). `validUntil` and `revoked` are optional; dates are calendar
 * dates (UTC). `centre`, each key's `number` and `signedBy.number` are optional; members
 * beginning with `x-` are allowed (and signed, like everything else).
 *
 * `portfolio-key-register/1` (no dates, unsigned, ECDSA keys as SPKI) is still read.
 */
import type { Centre, Signature, SignatureAlgorithm, Signer } from '../model/portfolio';
import { jsonPointer, type Problem } from '../problems';
import { decodeBase64, encodeBase64 } from './base64';
import { CanonicalJsonError, jcs } from './canonical-json';
import {
  FINGERPRINT_PATTERN,
  KeyError,
  SIGNATURE_BYTES,
  fingerprintOf,
  importPublicKey,
  isSignatureAlgorithm,
  publicKeyForRecords,
  recordFormKeyBytes,
  signAlgorithmParams,
  type PublicKeyForm,
  type SigningKey,
} from './keys';
import { toHex } from './sha256';

export const KEY_REGISTER_FORMAT_V1 = 'portfolio-key-register/1';
export const KEY_REGISTER_FORMAT = 'portfolio-key-register/2';
export type KeyRegisterFormat = typeof KEY_REGISTER_FORMAT_V1 | typeof KEY_REGISTER_FORMAT;
/** A register names people, not documents: 1 MiB is thousands of keys. */
export const MAX_KEY_REGISTER_BYTES = 1024 * 1024;
export const MAX_KEY_REGISTER_KEYS = 10_000;
const MAX_TEXT = 200;

/** The roles a register lists keys for (learners' keys are never registered). */
export type RegisteredRole = Exclude<Signer['role'], 'learner'>;

export interface KeyRegisterEntry {
  name: string;
  role: RegisteredRole;
  number?: string;
  /** Lowercase `xxxx-xxxx-…`, always that of `publicKey`. */
  fingerprint: string;
  publicKey: string;
  algorithm: SignatureAlgorithm;
  /** First day the key may sign (registers of version 2 always give it). */
  validFrom?: string;
  /** Last day the key may sign. */
  validUntil?: string;
  /** The day the centre withdrew the key: nothing signed on or after it is accepted. */
  revoked?: string;
}

/** Who signed a register of version 2: the centre's key, named with its fingerprint. */
export interface RegisterSigner {
  name: string;
  number?: string;
  fingerprint: string;
}

/** Plain data, so it can be stored (IndexedDB) and sent (IPC) as it is. */
export interface KeyRegister {
  format: KeyRegisterFormat;
  centre?: Centre;
  keys: KeyRegisterEntry[];
  signedBy?: RegisterSigner;
  signature?: Signature;
}

export type ParseKeyRegisterResult = { ok: true; register: KeyRegister } | { ok: false; problems: Problem[] };

/** How the register writes its keys. */
export function registerKeyForm(register: Pick<KeyRegister, 'format'>): PublicKeyForm {
  return register.format === KEY_REGISTER_FORMAT_V1 ? 'spki' : 'record';
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/**
 * The entries for exactly this key (same algorithm, same key bytes), any role. `form` is how
 * `publicKey` is written (a record of version 1 holds ECDSA keys as SPKI).
 */
export function findRegisteredKey(register: KeyRegister, algorithm: SignatureAlgorithm, publicKey: string, form: PublicKeyForm = 'record'): KeyRegisterEntry[] {
  const wanted = recordFormKeyBytes(algorithm, publicKey, form);
  if (wanted === undefined) return [];
  const keyForm = registerKeyForm(register);
  return register.keys.filter((entry) => {
    if (entry.algorithm !== algorithm) return false;
    const bytes = recordFormKeyBytes(algorithm, entry.publicKey, keyForm);
    return bytes !== undefined && sameBytes(bytes, wanted);
  });
}

/** A name as people mean it: case, width and spacing do not make two people. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/[\s\u00a0\u200b-\u200d\u2060\ufeff]+/gu, ' ').trim().toLocaleLowerCase('en-GB');
}

/** The UTC calendar date of an instant (`2026-11-22T23:30:00Z` → `2026-11-22`), or undefined. */
function utcDate(instant: string): string | undefined {
  const time = Date.parse(instant);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

/** Whether the register vouches for this key, for this signer, at this time. */
export type RegisterCheck =
  | { isConfirmed: true; entry: KeyRegisterEntry }
  | { isConfirmed: false; reason: 'not-listed' | 'wrong-role' | 'wrong-name' | 'not-yet-valid' | 'expired' | 'revoked'; message: string; entry?: KeyRegisterEntry };

function roleWords(role: unknown): string {
  if (role === 'iqa') return 'an internal quality assurer';
  if (role === 'learner') return 'a learner';
  return 'an assessor';
}

/**
 * What the register says of a record signed with `publicKey` by `signer` at `signedAt`: the
 * key must be listed, for the signer's role and name, and valid (not revoked) on that day.
 * Messages finish the sentence "It …" and use the register's name for the key's owner.
 */
export function checkAgainstRegister(
  register: KeyRegister,
  key: { algorithm: SignatureAlgorithm; publicKey: string; form?: PublicKeyForm },
  signer: { role?: unknown; name?: unknown },
  signedAt: unknown,
  fingerprint: string,
): RegisterCheck {
  const entries = findRegisteredKey(register, key.algorithm, key.publicKey, key.form ?? 'record');
  if (entries.length === 0) {
    return { isConfirmed: false, reason: 'not-listed', message: `was signed with key ${fingerprint}, which is not in the centre's key register, so it cannot be shown to come from anyone at the centre` };
  }
  const forRole = entries.filter((entry) => entry.role === signer.role);
  if (forRole.length === 0) {
    const entry = entries[0]!;
    return { isConfirmed: false, reason: 'wrong-role', entry, message: `was signed with key ${fingerprint}, which the register lists for ${entry.name} as ${roleWords(entry.role)}, not as ${roleWords(signer.role)}` };
  }
  const entry = forRole[0]!;
  if (typeof signer.name !== 'string' || nameKey(signer.name) !== nameKey(entry.name)) {
    return { isConfirmed: false, reason: 'wrong-name', entry, message: `names its signer ${typeof signer.name === 'string' ? `"${signer.name}"` : '(no name)'}, but key ${fingerprint} belongs to ${entry.name}` };
  }
  const day = typeof signedAt === 'string' ? utcDate(signedAt) : undefined;
  if (register.format === KEY_REGISTER_FORMAT && day === undefined) {
    return { isConfirmed: false, reason: 'not-yet-valid', entry, message: 'has no readable date, so the register cannot say whether the key was valid when it was signed' };
  }
  if (day !== undefined) {
    if (entry.validFrom !== undefined && day < entry.validFrom) {
      return { isConfirmed: false, reason: 'not-yet-valid', entry, message: `was signed on ${day}, before key ${fingerprint} became valid on ${entry.validFrom}` };
    }
    if (entry.validUntil !== undefined && day > entry.validUntil) {
      return { isConfirmed: false, reason: 'expired', entry, message: `was signed on ${day}, after key ${fingerprint} expired on ${entry.validUntil}` };
    }
    if (entry.revoked !== undefined && day >= entry.revoked) {
      return { isConfirmed: false, reason: 'revoked', entry, message: `was signed on ${day}, but the centre revoked key ${fingerprint} on ${entry.revoked}` };
    }
  }
  return { isConfirmed: true, entry };
}

// ---------------------------------------------------------------------------------------
// Writing registers

/** The register entry for a key this program made, to hand to the centre. */
export function keyRegisterEntry(
  key: Pick<SigningKey, 'algorithm' | 'publicKey' | 'fingerprint'>,
  person: { name: string; role: RegisteredRole; number?: string; validFrom?: string; validUntil?: string; revoked?: string },
): KeyRegisterEntry {
  return {
    name: person.name,
    role: person.role,
    ...(person.number !== undefined ? { number: person.number } : {}),
    fingerprint: key.fingerprint,
    publicKey: key.publicKey,
    algorithm: key.algorithm,
    ...(person.validFrom !== undefined ? { validFrom: person.validFrom } : {}),
    ...(person.validUntil !== undefined ? { validUntil: person.validUntil } : {}),
    ...(person.revoked !== undefined ? { revoked: person.revoked } : {}),
  };
}

/**
 * An unsigned register file of version 1, for one person to hand their key to the centre
 * (the centre signs the register it issues). Its keys must be in version 1's form.
 */
export function formatKeyRegister(keys: readonly KeyRegisterEntry[], centre?: Centre): string {
  const register: KeyRegister = { format: KEY_REGISTER_FORMAT_V1, ...(centre ? { centre } : {}), keys: [...keys] };
  return `${JSON.stringify(register, null, 2)}\n`;
}

/** The register without its signature: what the centre's key signs. */
function registerPayload(register: Record<string, unknown>): string {
  const unsigned: Record<string, unknown> = { ...register };
  delete unsigned.signature;
  return jcs(unsigned);
}

/** Signs a register of version 2 with the centre's key. Every key must have its `validFrom`. */
export async function signKeyRegister(
  content: { centre?: Centre; keys: readonly KeyRegisterEntry[] },
  key: SigningKey,
  signer: { name: string; number?: string },
): Promise<KeyRegister> {
  const { publicKey, fingerprint } = await publicKeyForRecords(key);
  const unsigned: KeyRegister = {
    format: KEY_REGISTER_FORMAT,
    ...(content.centre ? { centre: content.centre } : {}),
    keys: content.keys.map((entry) => ({ ...entry })),
    signedBy: { name: signer.name, ...(signer.number !== undefined ? { number: signer.number } : {}), fingerprint },
  };
  const bytes = new TextEncoder().encode(registerPayload(unsigned as unknown as Record<string, unknown>));
  const value = new Uint8Array(await crypto.subtle.sign(signAlgorithmParams(key.algorithm), key.privateKey, bytes));
  const register: KeyRegister = { ...unsigned, signature: { algorithm: key.algorithm, publicKey, value: encodeBase64(value) } };
  // Checked as any reader would check it, so a register this program writes always reads.
  const parsed = await parseKeyRegister(JSON.stringify(register));
  if (!parsed.ok) throw new KeyError(`The register could not be signed: ${parsed.problems.map((problem) => `${problem.path} ${problem.message}`).join(' ')}`);
  return parsed.register;
}

/** A register's file text. */
export function keyRegisterText(register: KeyRegister): string {
  return `${JSON.stringify(register, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------
// Reading registers

/** Reads a register file's bytes: UTF-8, a leading byte-order mark allowed, at most 1 MiB. */
export async function parseKeyRegisterBytes(bytes: Uint8Array): Promise<ParseKeyRegisterResult> {
  if (bytes.length > MAX_KEY_REGISTER_BYTES) {
    return { ok: false, problems: [{ path: '', message: 'The key register is larger than 1 MiB, which no genuine register is.' }] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problems: [{ path: '', message: 'The key register is not UTF-8 text.' }] };
  }
  return parseKeyRegister(text);
}

const ENTRY_FIELDS_V1 = ['name', 'role', 'number', 'fingerprint', 'publicKey', 'algorithm'] as const;
const ENTRY_FIELDS_V2 = [...ENTRY_FIELDS_V1, 'validFrom', 'validUntil', 'revoked'] as const;

/**
 * Parses and checks a register (version 1 or 2): every problem is reported with its JSON
 * Pointer, every key is checked to be a real key of its algorithm whose fingerprint is the one
 * written, and a register of version 2 must carry a valid signature by the key it names.
 */
export async function parseKeyRegister(text: string): Promise<ParseKeyRegisterResult> {
  if (typeof text !== 'string') return { ok: false, problems: [{ path: '', message: 'The key register is not text.' }] };
  if (text.length > MAX_KEY_REGISTER_BYTES) {
    return { ok: false, problems: [{ path: '', message: 'The key register is larger than 1 MiB, which no genuine register is.' }] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : '';
    return { ok: false, problems: [{ path: '', message: `The key register is not valid JSON${detail}.` }] };
  }
  const problems: Problem[] = [];
  if (!isRecord(data)) return { ok: false, problems: [{ path: '', message: 'The key register must be a JSON object with "format" and "keys".' }] };
  const format: KeyRegisterFormat | undefined = data.format === KEY_REGISTER_FORMAT || data.format === KEY_REGISTER_FORMAT_V1 ? data.format : undefined;
  // An unknown format is reported once; its fields are then read leniently, without the rules of either version.
  const isV2 = format === KEY_REGISTER_FORMAT;
  checkKnownKeys(data, format === KEY_REGISTER_FORMAT_V1 ? ['format', 'centre', 'keys'] : ['format', 'centre', 'keys', 'signedBy', 'signature'], [], problems);
  if (format === undefined) {
    problems.push({
      path: '/format',
      message: data.format === undefined
        ? `The "format" is missing; it must be "${KEY_REGISTER_FORMAT}" (or the older "${KEY_REGISTER_FORMAT_V1}").`
        : `The format ${JSON.stringify(data.format)} is not one this program reads; it must be "${KEY_REGISTER_FORMAT}" (or the older "${KEY_REGISTER_FORMAT_V1}").`,
    });
  }
  let centre: Centre | undefined;
  if (data.centre !== undefined) {
    if (!isRecord(data.centre)) {
      problems.push({ path: '/centre', message: 'The centre must be an object with a "name" and an optional "number".' });
    } else {
      checkKnownKeys(data.centre, ['name', 'number'], ['centre'], problems);
      const name = readText(data.centre.name, ['centre', 'name'], 'The centre name', problems);
      const number = data.centre.number === undefined ? undefined : readText(data.centre.number, ['centre', 'number'], 'The centre number', problems);
      if (name !== undefined) centre = { name, ...(number !== undefined ? { number } : {}) };
    }
  }
  const form: PublicKeyForm = format === KEY_REGISTER_FORMAT_V1 ? 'spki' : 'record';
  const keys: KeyRegisterEntry[] = [];
  if (!Array.isArray(data.keys)) {
    problems.push({ path: '/keys', message: data.keys === undefined ? 'The list of "keys" is missing.' : 'The "keys" must be a list.' });
  } else if (data.keys.length === 0) {
    problems.push({ path: '/keys', message: 'The register lists no keys.' });
  } else if (data.keys.length > MAX_KEY_REGISTER_KEYS) {
    problems.push({ path: '/keys', message: `The register lists ${data.keys.length} keys; at most ${MAX_KEY_REGISTER_KEYS} are allowed.` });
  } else {
    const parsed: Array<{ entry: KeyRegisterEntry; index: number }> = [];
    for (let index = 0; index < data.keys.length; index++) {
      const entry = await parseEntry(data.keys[index], index, isV2, format !== KEY_REGISTER_FORMAT_V1, form, problems);
      if (entry) parsed.push({ entry, index });
    }
    checkDuplicates(parsed, problems);
    keys.push(...parsed.map(({ entry }) => entry));
  }
  let signedBy: RegisterSigner | undefined;
  let signature: Signature | undefined;
  if (format === KEY_REGISTER_FORMAT) {
    signedBy = parseRegisterSigner(data.signedBy, problems);
    signature = await checkRegisterSignature(data, signedBy, problems);
  }
  if (problems.length > 0 || format === undefined) return { ok: false, problems };
  return {
    ok: true,
    register: { format, ...(centre ? { centre } : {}), keys, ...(signedBy ? { signedBy } : {}), ...(signature ? { signature } : {}) },
  };
}

function parseRegisterSigner(value: unknown, problems: Problem[]): RegisterSigner | undefined {
  if (!isRecord(value)) {
    problems.push({ path: '/signedBy', message: value === undefined ? 'The register does not say who signed it ("signedBy" is missing).' : 'The "signedBy" must be an object with "name" and "fingerprint".' });
    return undefined;
  }
  const before = problems.length;
  checkKnownKeys(value, ['name', 'number', 'fingerprint'], ['signedBy'], problems);
  const name = readText(value.name, ['signedBy', 'name'], 'The name of who signed the register', problems);
  const number = value.number === undefined ? undefined : readText(value.number, ['signedBy', 'number'], 'The number of who signed the register', problems);
  const fingerprint = readFingerprint(value.fingerprint, ['signedBy', 'fingerprint'], problems);
  if (problems.length > before || name === undefined || fingerprint === undefined) return undefined;
  return { name, ...(number !== undefined ? { number } : {}), fingerprint };
}

/** Checks the register's signature over the JCS of everything else; returns it when it is good. */
async function checkRegisterSignature(data: Record<string, unknown>, signedBy: RegisterSigner | undefined, problems: Problem[]): Promise<Signature | undefined> {
  const value = data.signature;
  if (!isRecord(value)) {
    problems.push({ path: '/signature', message: value === undefined ? 'The register is not signed ("signature" is missing); a register of version 2 must be signed by the centre’s key.' : 'The "signature" must be an object with "algorithm", "publicKey" and "value".' });
    return undefined;
  }
  const before = problems.length;
  checkKnownKeys(value, ['algorithm', 'publicKey', 'value'], ['signature'], problems);
  if (problems.length > before) return undefined;
  const { algorithm, publicKey, value: signatureText } = value;
  if (!isSignatureAlgorithm(algorithm)) {
    problems.push({ path: '/signature/algorithm', message: 'The signature’s algorithm must be "Ed25519" or "ECDSA-P256".' });
    return undefined;
  }
  if (typeof publicKey !== 'string' || typeof signatureText !== 'string') {
    problems.push({ path: '/signature', message: 'The signature must give its "publicKey" and "value" as base64 text.' });
    return undefined;
  }
  let key;
  try {
    key = await importPublicKey(algorithm, publicKey, 'record');
  } catch (error) {
    problems.push({ path: '/signature/publicKey', message: error instanceof KeyError ? error.message : 'The public key could not be read.' });
    return undefined;
  }
  const fingerprint = await fingerprintOf(publicKey);
  if (signedBy !== undefined && signedBy.fingerprint !== fingerprint) {
    problems.push({ path: '/signedBy/fingerprint', message: `The register says it was signed by key ${signedBy.fingerprint}, but its signature is by key ${fingerprint}.` });
    return undefined;
  }
  const signatureBytes = decodeBase64(signatureText);
  if (signatureBytes === undefined || signatureBytes.length !== SIGNATURE_BYTES) {
    problems.push({ path: '/signature/value', message: `The signature value must be ${SIGNATURE_BYTES} bytes in base64.` });
    return undefined;
  }
  let payload: string;
  try {
    payload = registerPayload(data);
  } catch (error) {
    problems.push({ path: '', message: error instanceof CanonicalJsonError ? error.message : 'The register cannot be put in canonical form.' });
    return undefined;
  }
  const isGenuine = await crypto.subtle
    .verify(signAlgorithmParams(algorithm), key, signatureBytes as Uint8Array<ArrayBuffer>, new TextEncoder().encode(payload))
    .catch(() => false);
  if (!isGenuine) {
    problems.push({ path: '/signature', message: 'The register’s signature does not match its content: it has been changed since the centre signed it.' });
    return undefined;
  }
  return { algorithm, publicKey, value: signatureText };
}

const CALENDAR_DATE = /^([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

function isCalendarDate(value: string): boolean {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function readDate(value: unknown, at: ReadonlyArray<string | number>, what: string, problems: Problem[]): string | undefined {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    problems.push({ path: jsonPointer(at), message: value === undefined ? `${what} is missing.` : `${what} must be a date such as 2026-09-01.` });
    return undefined;
  }
  return value;
}

function readFingerprint(value: unknown, at: ReadonlyArray<string | number>, problems: Problem[]): string | undefined {
  if (typeof value !== 'string') {
    problems.push({ path: jsonPointer(at), message: 'The fingerprint is missing.' });
    return undefined;
  }
  if (!FINGERPRINT_PATTERN.test(value.toLowerCase())) {
    problems.push({ path: jsonPointer(at), message: `${JSON.stringify(value)} is not a key fingerprint; it should look like 3f2a-91bc-0d4e-7781-a2c3-55e0-19bd-c4f6.` });
    return undefined;
  }
  // People copy fingerprints by hand from a printout; capitals mean the same.
  return value.toLowerCase();
}

async function parseEntry(value: unknown, index: number, isV2: boolean, allowsDates: boolean, form: PublicKeyForm, problems: Problem[]): Promise<KeyRegisterEntry | undefined> {
  const at = ['keys', index];
  if (!isRecord(value)) {
    const fields = isV2 ? '"name", "role", "fingerprint", "publicKey", "algorithm" and "validFrom"' : '"name", "role", "fingerprint", "publicKey" and "algorithm"';
    problems.push({ path: jsonPointer(at), message: `Each key must be an object with ${fields}.` });
    return undefined;
  }
  const before = problems.length;
  checkKnownKeys(value, allowsDates ? ENTRY_FIELDS_V2 : ENTRY_FIELDS_V1, at, problems);
  const name = readText(value.name, [...at, 'name'], 'The name', problems);
  const number = value.number === undefined ? undefined : readText(value.number, [...at, 'number'], 'The number', problems);
  const role = value.role;
  if (role !== 'assessor' && role !== 'iqa') {
    problems.push({
      path: jsonPointer([...at, 'role']),
      message: role === undefined ? 'The role is missing; it must be "assessor" or "iqa".' : `The role ${JSON.stringify(role)} is not known; it must be "assessor" or "iqa".`,
    });
  }
  const algorithm = value.algorithm;
  if (!isSignatureAlgorithm(algorithm)) {
    problems.push({
      path: jsonPointer([...at, 'algorithm']),
      message: algorithm === undefined
        ? 'The algorithm is missing; it must be "Ed25519" or "ECDSA-P256".'
        : `The algorithm ${JSON.stringify(algorithm)} is not supported; it must be "Ed25519" or "ECDSA-P256".`,
    });
  }
  const fingerprint = readFingerprint(value.fingerprint, [...at, 'fingerprint'], problems);
  let publicKey: string | undefined;
  if (typeof value.publicKey !== 'string') {
    problems.push({ path: jsonPointer([...at, 'publicKey']), message: 'The public key is missing.' });
  } else if (isSignatureAlgorithm(algorithm)) {
    try {
      await importPublicKey(algorithm, value.publicKey, form);
      publicKey = value.publicKey;
    } catch (error) {
      problems.push({ path: jsonPointer([...at, 'publicKey']), message: error instanceof KeyError ? error.message : 'The public key could not be read.' });
    }
  }
  if (publicKey !== undefined && fingerprint !== undefined) {
    const actual = await fingerprintOf(publicKey);
    if (actual !== fingerprint) {
      problems.push({ path: jsonPointer([...at, 'fingerprint']), message: `The fingerprint ${fingerprint} is not that of the public key beside it, whose fingerprint is ${actual}.` });
    }
  }
  let validFrom: string | undefined;
  let validUntil: string | undefined;
  let revoked: string | undefined;
  if (isV2) {
    validFrom = readDate(value.validFrom, [...at, 'validFrom'], 'The first day the key is valid ("validFrom")', problems);
    if (value.validUntil !== undefined) validUntil = readDate(value.validUntil, [...at, 'validUntil'], 'The last day the key is valid ("validUntil")', problems);
    if (value.revoked !== undefined) revoked = readDate(value.revoked, [...at, 'revoked'], 'The day the key was revoked ("revoked")', problems);
    if (validFrom !== undefined && validUntil !== undefined && validUntil < validFrom) {
      problems.push({ path: jsonPointer([...at, 'validUntil']), message: `The key would stop being valid (${validUntil}) before it starts (${validFrom}).` });
    }
  }
  if (problems.length > before || name === undefined || publicKey === undefined || fingerprint === undefined || !isSignatureAlgorithm(algorithm) || (role !== 'assessor' && role !== 'iqa')) {
    return undefined;
  }
  return {
    name,
    role,
    ...(number !== undefined ? { number } : {}),
    fingerprint,
    publicKey,
    algorithm,
    ...(validFrom !== undefined ? { validFrom } : {}),
    ...(validUntil !== undefined ? { validUntil } : {}),
    ...(revoked !== undefined ? { revoked } : {}),
  };
}

function checkDuplicates(parsed: ReadonlyArray<{ entry: KeyRegisterEntry; index: number }>, problems: Problem[]): void {
  for (let later = 0; later < parsed.length; later++) {
    const { entry, index } = parsed[later] as { entry: KeyRegisterEntry; index: number };
    const other = parsed.slice(0, later).find((candidate) => candidate.entry.publicKey === entry.publicKey)?.entry;
    if (!other) continue;
    const path = jsonPointer(['keys', index]);
    if (nameKey(other.name) !== nameKey(entry.name)) {
      problems.push({ path, message: `The key ${entry.fingerprint} is listed for both ${other.name} and ${entry.name}; a key belongs to one person.` });
    } else if (other.role === entry.role) {
      problems.push({ path, message: `The key ${entry.fingerprint} is listed twice for ${entry.name} as ${entry.role === 'iqa' ? 'an IQA' : 'an assessor'}.` });
    }
  }
}

function readText(value: unknown, at: ReadonlyArray<string | number>, what: string, problems: Problem[]): string | undefined {
  if (typeof value !== 'string') {
    problems.push({ path: jsonPointer(at), message: value === undefined ? `${what} is missing.` : `${what} must be text.` });
    return undefined;
  }
  if (value.trim() === '') {
    problems.push({ path: jsonPointer(at), message: `${what} is empty.` });
    return undefined;
  }
  if (value.length > MAX_TEXT) {
    problems.push({ path: jsonPointer(at), message: `${what} is longer than ${MAX_TEXT} characters.` });
    return undefined;
  }
  return value;
}

function checkKnownKeys(value: Record<string, unknown>, known: readonly string[], at: ReadonlyArray<string | number>, problems: Problem[]): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key) || key.startsWith('x-')) continue;
    problems.push({ path: jsonPointer([...at, key]), message: `"${key}" is not a field of a key register; the fields are ${known.map((name) => `"${name}"`).join(', ')}.` });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------
// What changed between two registers (shown before a new one replaces the one in use)

export interface RegisterChange {
  kind: 'added' | 'removed' | 'changed';
  entry: KeyRegisterEntry;
  /** Plain sentences, e.g. "revoked from 2027-01-15", for `changed`. */
  details: string[];
}

export interface RegisterComparison {
  /** The centre key that signed the new register is not the one that signed the register in use. */
  isSignerChanged: boolean;
  /** The new register is unsigned (version 1) while the one in use was signed. */
  isDowngrade: boolean;
  changes: RegisterChange[];
}

function entryKey(entry: KeyRegisterEntry, register: KeyRegister): string {
  const bytes = recordFormKeyBytes(entry.algorithm, entry.publicKey, registerKeyForm(register));
  return `${entry.algorithm}:${bytes ? toHex(bytes) : entry.publicKey}:${entry.role}`;
}

/** What a new register changes compared with the one in use (or with none). */
export function compareRegisters(current: KeyRegister | undefined, next: KeyRegister): RegisterComparison {
  const before = new Map((current?.keys ?? []).map((entry) => [entryKey(entry, current!), entry]));
  const after = new Map(next.keys.map((entry) => [entryKey(entry, next), entry]));
  const changes: RegisterChange[] = [];
  for (const [key, entry] of after) {
    const old = before.get(key);
    if (!old) {
      changes.push({ kind: 'added', entry, details: [] });
      continue;
    }
    const details: string[] = [];
    if (nameKey(old.name) !== nameKey(entry.name)) details.push(`name ${old.name} → ${entry.name}`);
    if ((old.number ?? '') !== (entry.number ?? '')) details.push(`number ${old.number ?? '(none)'} → ${entry.number ?? '(none)'}`);
    if (old.validFrom !== entry.validFrom) details.push(`valid from ${entry.validFrom ?? '(any day)'}${old.validFrom ? ` (was ${old.validFrom})` : ''}`);
    if (old.validUntil !== entry.validUntil) details.push(`valid until ${entry.validUntil ?? '(no end)'}${old.validUntil ? ` (was ${old.validUntil})` : ''}`);
    if (old.revoked !== entry.revoked) details.push(entry.revoked ? `revoked from ${entry.revoked}` : `no longer revoked (was revoked from ${old.revoked})`);
    if (details.length > 0) changes.push({ kind: 'changed', entry, details });
  }
  for (const [key, entry] of before) if (!after.has(key)) changes.push({ kind: 'removed', entry, details: [] });
  return {
    isSignerChanged: current?.signedBy !== undefined && next.signedBy !== undefined && current.signedBy.fingerprint !== next.signedBy.fingerprint,
    isDowngrade: current?.signature !== undefined && next.signature === undefined,
    changes,
  };
}
