/**
 * Signing keys for assessors and internal quality assurers, made with WebCrypto.
 *
 * Ed25519 is preferred; where the platform lacks it (detected by trying, not by sniffing a
 * version) ECDSA on P-256 with SHA-256 is used. The private key is created non-extractable:
 * it can sign, but its bytes can never be read out, copied into a package or exported. A
 * `SigningKey` is a plain object holding a `CryptoKey`, so the renderer can store it in
 * IndexedDB as it is (structured clone keeps CryptoKey objects and their non-extractability).
 */
import type { SignatureAlgorithm } from '../model/portfolio';
import { decodeBase64, encodeBase64 } from './base64';
import { sha256Bytes, toHex } from './sha256';
import type { ImportParams, SignParams, Subtle, WebCryptoKey } from './webcrypto-types';

export const SIGNATURE_ALGORITHMS: readonly SignatureAlgorithm[] = ['Ed25519', 'ECDSA-P256'];

export interface SigningKey {
  algorithm: SignatureAlgorithm;
  /** Non-extractable; usable only to sign. */
  privateKey: WebCryptoKey;
  /**
   * Public key, base64, in the form of signed records of version 2 (CONTRACTS.md §5): raw 32
   * bytes for Ed25519, the 65-byte uncompressed point for ECDSA P-256. (Keys made before
   * version 2 may hold SPKI DER for ECDSA; `publicKeyForRecords` gives their version 2 form.)
   */
  publicKey: string;
  /** Short fingerprint of the public key, e.g. `3f2a-91bc-…`, for the centre's register. */
  fingerprint: string;
}

export interface CreateSigningKeyOptions {
  /**
   * Insist on one algorithm (throws when the platform lacks it). Left out, Ed25519 is tried
   * first and ECDSA P-256 used when Ed25519 is missing.
   */
  algorithm?: SignatureAlgorithm;
  /** The WebCrypto implementation to use; defaults to the platform's. Tests pass a stand-in. */
  subtle?: Subtle;
}

/** A key problem that a person can act on (bad key text, missing algorithm support). */
export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}

export const ED25519_PUBLIC_KEY_BYTES = 32;
/** Both algorithms give 64-byte signatures: Ed25519's R‖S and WebCrypto's ECDSA r‖s (IEEE P1363). */
export const SIGNATURE_BYTES = 64;

/**
 * SPKI DER of a P-256 public key is always this 26-byte header followed by the 65-byte
 * uncompressed point. Insisting on exactly this form means one key has one spelling, so
 * its fingerprint is unique.
 */
const P256_SPKI_PREFIX = new Uint8Array([
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce,
  0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04,
]);
export const P256_SPKI_BYTES = P256_SPKI_PREFIX.length + 64;
/** The uncompressed point: 0x04, then x and y of 32 bytes each. */
export const P256_POINT_BYTES = 65;

/**
 * The form a public key is written in: `record` (version 2 and key registers of version 2:
 * ECDSA P-256 as its 65-byte point) or `spki` (version 1 records and registers: ECDSA P-256 as
 * SPKI DER). Ed25519 keys are their 32 raw bytes in both.
 */
export type PublicKeyForm = 'record' | 'spki';

/** WebCrypto parameters for each algorithm. */
export function keyAlgorithmParams(algorithm: SignatureAlgorithm): ImportParams {
  return algorithm === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256' };
}

export function signAlgorithmParams(algorithm: SignatureAlgorithm): SignParams {
  return algorithm === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', hash: 'SHA-256' };
}

export function isSignatureAlgorithm(value: unknown): value is SignatureAlgorithm {
  return value === 'Ed25519' || value === 'ECDSA-P256';
}

function platformSubtle(): Subtle {
  // globalThis.crypto is WebCrypto in Node 20, Electron and Chromium alike.
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new KeyError('This system offers no WebCrypto, so assessor keys cannot be made or checked.');
  return subtle;
}

const PROBE = new TextEncoder().encode('portfolio-key-self-test/1');

/**
 * Makes a new key pair. The key signs and verifies a probe before it is returned, so a
 * platform that claims an algorithm but cannot use it falls back rather than failing later.
 */
export async function createSigningKey(options: CreateSigningKeyOptions = {}): Promise<SigningKey> {
  const subtle = options.subtle ?? platformSubtle();
  if (options.algorithm !== undefined) {
    if (!isSignatureAlgorithm(options.algorithm)) throw new KeyError(`"${String(options.algorithm)}" is not a signature algorithm this program uses.`);
    return generate(subtle, options.algorithm);
  }
  try {
    return await generate(subtle, 'Ed25519');
  } catch {
    // Ed25519 is missing or broken here: fall back to ECDSA P-256, which every WebCrypto has.
    return generate(subtle, 'ECDSA-P256');
  }
}

/** PKCS #8 wrapping of a 32-byte Ed25519 private key (RFC 8410): this prefix, then the key. */
const ED25519_PKCS8_PREFIX = new Uint8Array([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

/**
 * An Ed25519 key made from 32 given bytes, for demonstrations and tests only: the same bytes
 * give the same key, so a demo portfolio signed with it is the same file on every run. Real
 * assessors' keys come from `createSigningKey`, which only the platform's randomness knows.
 * The private key is imported once (extractable, to learn its public half), then again
 * non-extractable; the extractable copy is dropped at once.
 */
export async function signingKeyFromSeed(seed: Uint8Array, subtle: Subtle = platformSubtle()): Promise<SigningKey> {
  if (seed.length !== 32) throw new KeyError(`An Ed25519 key is made from 32 bytes, not ${seed.length}.`);
  const pkcs8 = new Uint8Array(ED25519_PKCS8_PREFIX.length + 32);
  pkcs8.set(ED25519_PKCS8_PREFIX);
  pkcs8.set(seed, ED25519_PKCS8_PREFIX.length);
  let publicBytes: Uint8Array | undefined;
  let privateKey: WebCryptoKey;
  try {
    const exportable = await subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
    const jwk = (await subtle.exportKey('jwk', exportable)) as { x?: unknown };
    publicBytes = typeof jwk.x === 'string' ? decodeBase64(jwk.x.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(jwk.x.length / 4) * 4, '=')) : undefined;
    privateKey = await subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
  } catch {
    throw new KeyError('This system cannot make Ed25519 keys.');
  }
  const checked = publicBytes === undefined ? 'it gave no public key.' : checkPublicKeyBytes('Ed25519', publicBytes, 'record');
  if (checked !== undefined || publicBytes === undefined) throw new KeyError(`This system made an Ed25519 public key in an unexpected form: ${checked ?? ''}`);
  return { algorithm: 'Ed25519', privateKey, publicKey: encodeBase64(publicBytes), fingerprint: await fingerprintOfBytes(publicBytes) };
}

/** Whether this platform can make and use Ed25519 keys (found by trying). */
export async function isEd25519Available(subtle: Subtle = platformSubtle()): Promise<boolean> {
  try {
    await generate(subtle, 'Ed25519');
    return true;
  } catch {
    return false;
  }
}

async function generate(subtle: Subtle, algorithm: SignatureAlgorithm): Promise<SigningKey> {
  let pair: Awaited<ReturnType<Subtle['generateKey']>>;
  try {
    // extractable=false applies to the private key; WebCrypto always lets the public key be exported.
    pair = await subtle.generateKey(keyAlgorithmParams(algorithm), false, ['sign', 'verify']);
  } catch {
    throw new KeyError(`This system cannot make ${describeAlgorithm(algorithm)} keys.`);
  }
  if (!('privateKey' in pair) || pair.privateKey.extractable) {
    throw new KeyError(`This system did not make a usable ${describeAlgorithm(algorithm)} key pair.`);
  }
  // 'raw' gives Ed25519's 32 bytes and P-256's uncompressed point: the version 2 form of both.
  const publicBytes = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  const signature = await subtle.sign(signAlgorithmParams(algorithm), pair.privateKey, PROBE);
  const isSelfTestPassed = await subtle.verify(signAlgorithmParams(algorithm), pair.publicKey, signature, PROBE);
  if (!isSelfTestPassed) throw new KeyError(`This system's ${describeAlgorithm(algorithm)} keys failed their self-test.`);
  const checked = checkPublicKeyBytes(algorithm, publicBytes, 'record');
  if (checked !== undefined) throw new KeyError(`This system made a ${describeAlgorithm(algorithm)} public key in an unexpected form: ${checked}`);
  return {
    algorithm,
    privateKey: pair.privateKey,
    publicKey: encodeBase64(publicBytes),
    fingerprint: await fingerprintOfBytes(publicBytes),
  };
}

export function describeAlgorithm(algorithm: SignatureAlgorithm): string {
  return algorithm === 'Ed25519' ? 'Ed25519' : 'ECDSA P-256';
}

/** `3f2a-91bc-…`: the first 16 bytes of SHA-256 of the public key bytes, hex in groups of 4. */
export const FINGERPRINT_PATTERN = /^[0-9a-f]{4}(-[0-9a-f]{4}){7}$/;

async function fingerprintOfBytes(publicKeyBytes: Uint8Array): Promise<string> {
  const hex = toHex((await sha256Bytes(publicKeyBytes)).subarray(0, 16));
  return hex.match(/.{4}/g)!.join('-');
}

/**
 * The fingerprint of a base64 public key (as held in `Signature.publicKey`). The key is
 * only decoded, not checked for its algorithm: use `importPublicKey` for that.
 */
export async function fingerprintOf(publicKeyBase64: string): Promise<string> {
  const bytes = decodeBase64(publicKeyBase64);
  if (bytes === undefined || bytes.length === 0) throw new KeyError('The public key is not valid base64 text.');
  return fingerprintOfBytes(bytes);
}

/**
 * Why the bytes are not a public key of the algorithm in its one accepted spelling for the
 * form, or `undefined` when they are.
 */
function checkPublicKeyBytes(algorithm: SignatureAlgorithm, bytes: Uint8Array, form: PublicKeyForm): string | undefined {
  if (algorithm === 'Ed25519') {
    if (bytes.length !== ED25519_PUBLIC_KEY_BYTES) return `an Ed25519 public key is ${ED25519_PUBLIC_KEY_BYTES} bytes, but this one is ${bytes.length}.`;
    if (isSmallOrderEd25519(bytes)) return 'it is a degenerate Ed25519 key that would accept any signature.';
    return undefined;
  }
  if (form === 'record') {
    if (bytes.length !== P256_POINT_BYTES) return `an ECDSA P-256 public key is its ${P256_POINT_BYTES}-byte uncompressed point, but this one is ${bytes.length} bytes.`;
    if (bytes[0] !== 0x04) return 'it is not an uncompressed P-256 point (it must begin with byte 04).';
    return undefined;
  }
  if (bytes.length !== P256_SPKI_BYTES) return `an ECDSA P-256 public key in SPKI form is ${P256_SPKI_BYTES} bytes, but this one is ${bytes.length}.`;
  for (let index = 0; index < P256_SPKI_PREFIX.length; index++) {
    if (bytes[index] !== P256_SPKI_PREFIX[index]) return 'it is not an uncompressed P-256 key in SPKI form.';
  }
  return undefined;
}

/**
 * The key's bytes in the version 2 form whichever form they are written in, for comparing
 * keys across versions (a register of version 2 lists the point; a record of version 1 held
 * SPKI). Undefined when the text is not a key of the algorithm in the given form.
 */
export function recordFormKeyBytes(algorithm: SignatureAlgorithm, publicKeyBase64: unknown, form: PublicKeyForm): Uint8Array | undefined {
  const bytes = decodeBase64(publicKeyBase64);
  if (bytes === undefined || checkPublicKeyBytes(algorithm, bytes, form) !== undefined) return undefined;
  return algorithm === 'ECDSA-P256' && form === 'spki' ? bytes.slice(P256_SPKI_PREFIX.length - 1) : bytes;
}

/**
 * The public key and fingerprint a record of version 1 named for this key: ECDSA P-256 as SPKI
 * DER. Only fixtures of the older form need it; the app signs version 2 only.
 */
export async function publicKeyForV1(key: Pick<SigningKey, 'algorithm' | 'publicKey' | 'fingerprint'>): Promise<{ publicKey: string; fingerprint: string }> {
  const bytes = decodeBase64(key.publicKey);
  if (key.algorithm === 'ECDSA-P256' && bytes !== undefined && bytes.length === P256_POINT_BYTES) {
    const spki = new Uint8Array(P256_SPKI_BYTES);
    spki.set(P256_SPKI_PREFIX.subarray(0, P256_SPKI_PREFIX.length - 1));
    spki.set(bytes, P256_SPKI_PREFIX.length - 1);
    return { publicKey: encodeBase64(spki), fingerprint: await fingerprintOfBytes(spki) };
  }
  return { publicKey: key.publicKey, fingerprint: key.fingerprint };
}

/**
 * The public key and fingerprint a record of version 2 names for this key: the key's own
 * when it is already in that form, else (an ECDSA key made before version 2, held as SPKI)
 * its point and that point's fingerprint.
 */
export async function publicKeyForRecords(key: Pick<SigningKey, 'algorithm' | 'publicKey' | 'fingerprint'>): Promise<{ publicKey: string; fingerprint: string }> {
  const bytes = decodeBase64(key.publicKey);
  if (key.algorithm === 'ECDSA-P256' && bytes !== undefined && bytes.length === P256_SPKI_BYTES) {
    const point = recordFormKeyBytes('ECDSA-P256', key.publicKey, 'spki');
    if (point === undefined) throw new KeyError('The public key is not usable: it is not an uncompressed P-256 key in SPKI form.');
    return { publicKey: encodeBase64(point), fingerprint: await fingerprintOfBytes(point) };
  }
  return { publicKey: key.publicKey, fingerprint: key.fingerprint };
}

const ED25519_P = 2n ** 255n - 19n;
/** y of the order-8 points; with 0 (order 4), 1 (identity) and p-1 (order 2) these are all small-order y values. */
const ED25519_ORDER8_Y = 2707385501144840649318225287225658788936804267575313519463743609750303402022n;
const SMALL_ORDER_Y = new Set([0n, 1n, ED25519_P - 1n, ED25519_ORDER8_Y, ED25519_P - ED25519_ORDER8_Y]);

/**
 * Whether an Ed25519 public key is a point of small order. Some WebCrypto implementations
 * accept such keys, and with them one fixed "signature" verifies over any message; refusing
 * them costs nothing. The check reads y (the low 255 bits, little-endian) modulo p, which also
 * catches non-canonical spellings of the same points.
 */
export function isSmallOrderEd25519(bytes: Uint8Array): boolean {
  if (bytes.length !== ED25519_PUBLIC_KEY_BYTES) return false;
  let y = 0n;
  for (let index = bytes.length - 1; index >= 0; index--) {
    const byte = index === bytes.length - 1 ? (bytes[index] as number) & 0x7f : (bytes[index] as number);
    y = (y << 8n) | BigInt(byte);
  }
  return SMALL_ORDER_Y.has(y % ED25519_P);
}

/**
 * Imports a base64 public key for verification. Throws `KeyError` with a plain message when
 * the text is not base64, has the wrong length or spelling for the algorithm and form, or is
 * not a key. The form is the record's (version 2 by default), never guessed from the bytes:
 * one key then has one spelling per form, so its fingerprint is unique.
 */
export async function importPublicKey(algorithm: SignatureAlgorithm, publicKeyBase64: string, form: PublicKeyForm = 'record', subtle: Subtle = platformSubtle()): Promise<WebCryptoKey> {
  if (!isSignatureAlgorithm(algorithm)) throw new KeyError(`"${String(algorithm)}" is not a signature algorithm this program uses; use Ed25519 or ECDSA-P256.`);
  const bytes = decodeBase64(publicKeyBase64);
  if (bytes === undefined) throw new KeyError('The public key is not valid base64 text.');
  const problem = checkPublicKeyBytes(algorithm, bytes, form);
  if (problem !== undefined) throw new KeyError(`The public key is not usable: ${problem}`);
  const format = algorithm === 'ECDSA-P256' && form === 'spki' ? 'spki' : 'raw';
  try {
    return await subtle.importKey(format, bytes as Uint8Array<ArrayBuffer>, keyAlgorithmParams(algorithm), true, ['verify']);
  } catch {
    throw new KeyError(`The public key is not a valid ${describeAlgorithm(algorithm)} key.`);
  }
}

/**
 * Whether a value read back from storage is a usable SigningKey (the renderer keeps the
 * key pair in IndexedDB; a damaged or foreign row must not be used to sign).
 */
export function isSigningKey(value: unknown): value is SigningKey {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof SigningKey, unknown>>;
  if (!isSignatureAlgorithm(candidate.algorithm)) return false;
  if (typeof candidate.publicKey !== 'string' || typeof candidate.fingerprint !== 'string') return false;
  if (!FINGERPRINT_PATTERN.test(candidate.fingerprint)) return false;
  // Duck-typed rather than `instanceof CryptoKey`: the class is not a declared global everywhere.
  const privateKey = candidate.privateKey;
  if (typeof privateKey !== 'object' || privateKey === null) return false;
  const { type, algorithm, usages } = privateKey as Partial<Record<'type' | 'algorithm' | 'usages', unknown>>;
  const expectedName = candidate.algorithm === 'Ed25519' ? 'Ed25519' : 'ECDSA';
  const algorithmName = typeof algorithm === 'object' && algorithm !== null && 'name' in algorithm ? algorithm.name : undefined;
  return type === 'private' && algorithmName === expectedName && Array.isArray(usages) && usages.includes('sign');
}

/**
 * Whether a stored SigningKey still works and is what it says: its private key signs a probe
 * that its public key verifies, and its fingerprint is that public key's. Run it after reading
 * a key back from storage and before signing anything with it.
 */
export async function isSigningKeyUsable(key: SigningKey, subtle: Subtle = platformSubtle()): Promise<boolean> {
  if (!isSigningKey(key)) return false;
  try {
    const bytes = decodeBase64(key.publicKey);
    const form: PublicKeyForm = key.algorithm === 'ECDSA-P256' && bytes?.length === P256_SPKI_BYTES ? 'spki' : 'record';
    const publicKey = await importPublicKey(key.algorithm, key.publicKey, form, subtle);
    if ((await fingerprintOf(key.publicKey)) !== key.fingerprint) return false;
    const signature = await subtle.sign(signAlgorithmParams(key.algorithm), key.privateKey, PROBE);
    return await subtle.verify(signAlgorithmParams(key.algorithm), publicKey, signature, PROBE);
  } catch {
    return false;
  }
}
