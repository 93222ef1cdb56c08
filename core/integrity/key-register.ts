/**
 * The centre's key register, format `portfolio-key-register/1`: the public keys the centre
 * has issued to its assessors and internal quality assurers. A signature proves only that a
 * record is unchanged since some key signed it; the register says whose key that is. Without
 * it, a learner could sign a decision with a key of their own making.
 *
 * ```json
 * {
 *   "format": "portfolio-key-register/1",
 *   "centre": { "name": "Northgate College", "number": "58231" },
 *   "keys": [
 *     { "name": "Priya Shah", "role": "assessor", "number": "A1042",
 *       "fingerprint": "3f2a-91bc-…", "publicKey": "<base64>", "algorithm": "Ed25519" }
 *   ]
 * }
 * ```
 * `centre` and each key's `number` are optional; keys beginning with `x-` are allowed and ignored.
 */
import type { Centre, SignatureAlgorithm, Signer } from '../model/portfolio';
import { jsonPointer, type Problem } from '../problems';
import { FINGERPRINT_PATTERN, KeyError, fingerprintOf, importPublicKey, isSignatureAlgorithm, type SigningKey } from './keys';

export const KEY_REGISTER_FORMAT = 'portfolio-key-register/1';
/** A register names people, not documents: 1 MiB is thousands of keys. */
export const MAX_KEY_REGISTER_BYTES = 1024 * 1024;
export const MAX_KEY_REGISTER_KEYS = 10_000;
const MAX_TEXT = 200;

export interface KeyRegisterEntry {
  name: string;
  role: Signer['role'];
  number?: string;
  /** Lowercase `xxxx-xxxx-…`, always that of `publicKey`. */
  fingerprint: string;
  publicKey: string;
  algorithm: SignatureAlgorithm;
}

/** Plain data, so it can be stored (IndexedDB) and sent (IPC) as it is. */
export interface KeyRegister {
  format: typeof KEY_REGISTER_FORMAT;
  centre?: Centre;
  keys: KeyRegisterEntry[];
}

export type ParseKeyRegisterResult = { ok: true; register: KeyRegister } | { ok: false; problems: Problem[] };

/** The entries for exactly this key (same algorithm, same public key), any role. */
export function findRegisteredKey(register: KeyRegister, algorithm: SignatureAlgorithm, publicKey: string): KeyRegisterEntry[] {
  return register.keys.filter((entry) => entry.algorithm === algorithm && entry.publicKey === publicKey);
}

/** The register entry for a key this program made, to hand to the centre. */
export function keyRegisterEntry(key: Pick<SigningKey, 'algorithm' | 'publicKey' | 'fingerprint'>, person: { name: string; role: Signer['role']; number?: string }): KeyRegisterEntry {
  return {
    name: person.name,
    role: person.role,
    ...(person.number !== undefined ? { number: person.number } : {}),
    fingerprint: key.fingerprint,
    publicKey: key.publicKey,
    algorithm: key.algorithm,
  };
}

/** The register file's text, as `parseKeyRegister` reads it. */
export function formatKeyRegister(keys: readonly KeyRegisterEntry[], centre?: Centre): string {
  const register: KeyRegister = { format: KEY_REGISTER_FORMAT, ...(centre ? { centre } : {}), keys: [...keys] };
  return `${JSON.stringify(register, null, 2)}\n`;
}

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

/**
 * Parses and checks a register: every problem is reported with its JSON Pointer, and every
 * key is checked to be a real key of its algorithm whose fingerprint is the one written.
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
  checkKnownKeys(data, ['format', 'centre', 'keys'], [], problems);
  if (data.format !== KEY_REGISTER_FORMAT) {
    problems.push({
      path: '/format',
      message: data.format === undefined
        ? `The "format" is missing; it must be "${KEY_REGISTER_FORMAT}".`
        : `The format ${JSON.stringify(data.format)} is not one this program reads; it must be "${KEY_REGISTER_FORMAT}".`,
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
      const entry = await parseEntry(data.keys[index], index, problems);
      if (entry) parsed.push({ entry, index });
    }
    checkDuplicates(parsed, problems);
    keys.push(...parsed.map(({ entry }) => entry));
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, register: { format: KEY_REGISTER_FORMAT, ...(centre ? { centre } : {}), keys } };
}

async function parseEntry(value: unknown, index: number, problems: Problem[]): Promise<KeyRegisterEntry | undefined> {
  const at = ['keys', index];
  if (!isRecord(value)) {
    problems.push({ path: jsonPointer(at), message: 'Each key must be an object with "name", "role", "fingerprint", "publicKey" and "algorithm".' });
    return undefined;
  }
  const before = problems.length;
  checkKnownKeys(value, ['name', 'role', 'number', 'fingerprint', 'publicKey', 'algorithm'], at, problems);
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
  let fingerprint: string | undefined;
  if (typeof value.fingerprint !== 'string') {
    problems.push({ path: jsonPointer([...at, 'fingerprint']), message: 'The fingerprint is missing.' });
  } else if (!FINGERPRINT_PATTERN.test(value.fingerprint.toLowerCase())) {
    problems.push({ path: jsonPointer([...at, 'fingerprint']), message: `${JSON.stringify(value.fingerprint)} is not a key fingerprint; it should look like 3f2a-91bc-0d4e-7781-a2c3-55e0-19bd-c4f6.` });
  } else {
    // People copy fingerprints by hand from a printout; capitals mean the same.
    fingerprint = value.fingerprint.toLowerCase();
  }
  let publicKey: string | undefined;
  if (typeof value.publicKey !== 'string') {
    problems.push({ path: jsonPointer([...at, 'publicKey']), message: 'The public key is missing.' });
  } else if (isSignatureAlgorithm(algorithm)) {
    try {
      await importPublicKey(algorithm, value.publicKey);
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
  if (problems.length > before || name === undefined || publicKey === undefined || fingerprint === undefined || !isSignatureAlgorithm(algorithm) || (role !== 'assessor' && role !== 'iqa')) {
    return undefined;
  }
  return { name, role, ...(number !== undefined ? { number } : {}), fingerprint, publicKey, algorithm };
}

function checkDuplicates(parsed: ReadonlyArray<{ entry: KeyRegisterEntry; index: number }>, problems: Problem[]): void {
  for (let later = 0; later < parsed.length; later++) {
    const { entry, index } = parsed[later] as { entry: KeyRegisterEntry; index: number };
    const other = parsed.slice(0, later).find((candidate) => candidate.entry.publicKey === entry.publicKey)?.entry;
    if (!other) continue;
    const path = jsonPointer(['keys', index]);
    if (other.name.trim().toLowerCase() !== entry.name.trim().toLowerCase()) {
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
