/**
 * The key vault: how the private signing key rests on this computer, and the one place it is
 * unlocked. The private key never rests in the clear:
 *
 * - In the desktop app, main locks it with the computer's keychain (Electron `safeStorage`) and
 *   the window stores only what main gives back (`os-keychain/1`).
 * - Where there is no keychain (a browser tab, or a desktop without one), it is locked with a
 *   passphrase the person chooses (`passphrase/1`): PBKDF2-SHA-256 (600,000 iterations, a random
 *   16-byte salt) gives a 256-bit secret; HKDF-SHA-256 splits it into an AES-GCM-256 key, which
 *   encrypts the PKCS #8 bytes under a random 12-byte IV, and a check value, which tells a wrong
 *   passphrase from damaged bytes. The key's algorithm and fingerprint are the additional
 *   authenticated data, so a locked key moved onto another row does not unlock.
 *
 * A key is made extractable only for the moment it takes to export its PKCS #8 bytes and lock
 * them. Unlocking imports the bytes as a NON-extractable CryptoKey, held in memory for the
 * session (the module-level map below, never written anywhere), and zeroes every copy of the
 * bytes it holds. Base64 text and the engine's own internal copies cannot be zeroed from script.
 */
import { decodeBase64, encodeBase64 } from '../../../core/integrity/base64';
import { describePublicKey, isSigningKeyUsable, keyAlgorithmParams, type SigningKey } from '../../../core/integrity/keys';
import type { SignatureAlgorithm } from '../../../core/model/portfolio';
import type { KeychainStatus } from '../../../electron/contract';
import { getBridge } from './bridge';

export const KEYCHAIN_SCHEME = 'os-keychain/1';
export const PASSPHRASE_SCHEME = 'passphrase/1';
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256. */
export const PBKDF2_ITERATIONS = 600_000;
/** A stored count above this is refused as damage rather than run for minutes. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
export const MIN_PASSPHRASE_LENGTH = 12;
export const MAX_PASSPHRASE_LENGTH = 1024;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const CHECK_BYTES = 32;
const GCM_TAG_BYTES = 16;
/** PKCS #8 of Ed25519 is 48 bytes and of P-256 about 140; 1 KiB leaves room and bounds the work. */
const MAX_PRIVATE_KEY_BYTES = 1024;
const MAX_KEYCHAIN_WRAPPED_BYTES = 8192;

/** Locked by the computer's keychain: `wrapped` is base64 of what main's safeStorage gave. */
export interface KeychainLockedKey {
  scheme: typeof KEYCHAIN_SCHEME;
  wrapped: string;
}

/** Locked by a passphrase; every byte field is base64. */
export interface PassphraseLockedKey {
  scheme: typeof PASSPHRASE_SCHEME;
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  salt: string;
  iv: string;
  /** HKDF output that shows the passphrase was right (it reveals nothing about the AES key). */
  check: string;
  /** AES-GCM ciphertext of the PKCS #8 bytes, tag included. */
  ciphertext: string;
}

export type LockedPrivateKey = KeychainLockedKey | PassphraseLockedKey;

/** What the locked key is bound to: its algorithm and its public key's fingerprint. */
export interface KeyBinding {
  algorithm: SignatureAlgorithm;
  publicKey: string;
  fingerprint: string;
}

export type KeyVaultProblem = 'wrong-passphrase' | 'damaged' | 'keychain-unavailable' | 'keychain-failed' | 'weak-passphrase' | 'cannot-make';

/** Why a key could not be locked or unlocked, in words the person can act on. */
export class KeyVaultError extends Error {
  constructor(
    readonly problem: KeyVaultProblem,
    message: string,
  ) {
    super(message);
    this.name = 'KeyVaultError';
  }
}

export const DAMAGED_KEY_MESSAGE = 'Your stored signing key is damaged and cannot be unlocked. Make a new key in Settings: decisions you have already signed stay valid, and your centre must register the new key.';
export const WRONG_PASSPHRASE_MESSAGE = 'That passphrase does not unlock your signing key. Check it (capital letters count, and Caps Lock may be on) and try again.';

// ---------------------------------------------------------------------------------------
// The keychain: main's safeStorage through the bridge.

export interface Keychain {
  status(): Promise<KeychainStatus>;
  /** Locks the PKCS #8 bytes (main zeroes its copy). */
  protect(privateKey: Uint8Array): Promise<Uint8Array>;
  unprotect(wrapped: Uint8Array): Promise<Uint8Array>;
}

/** The desktop app's keychain, through the bridge; undefined in a browser tab. */
export function bridgeKeychain(): Keychain | undefined {
  const bridge = typeof window === 'undefined' ? undefined : getBridge();
  if (!bridge || typeof bridge.keychainStatus !== 'function') return undefined;
  return {
    status: () => bridge.keychainStatus(),
    protect: (privateKey) => bridge.protectPrivateKey(privateKey),
    unprotect: (wrapped) => bridge.unprotectPrivateKey(wrapped),
  };
}

let keychainSource: () => Keychain | undefined = bridgeKeychain;

/**
 * Where keys are locked: the bridge's keychain unless told otherwise. The database tests, which
 * run without a window, give the real main-process service over a stand-in safeStorage.
 */
export function setKeychainSource(source: (() => Keychain | undefined) | undefined): void {
  keychainSource = source ?? bridgeKeychain;
}

export function currentKeychain(): Keychain | undefined {
  return keychainSource();
}

/** How a key made now would be locked: by the keychain, or (when there is none) a passphrase. */
export type NewKeyLock = { kind: 'os-keychain'; backend: string } | { kind: 'passphrase'; reason: string };

export const BROWSER_LOCK_REASON = 'In a web browser the app cannot use this computer’s keychain, so your key is locked with a passphrase you choose.';

export async function newKeyLock(keychain = currentKeychain()): Promise<NewKeyLock> {
  if (!keychain) return { kind: 'passphrase', reason: BROWSER_LOCK_REASON };
  let status: KeychainStatus;
  try {
    status = await keychain.status();
  } catch {
    status = { isAvailable: false, reason: 'the app could not ask this computer’s keychain.' };
  }
  if (status.isAvailable) return { kind: 'os-keychain', backend: status.backend };
  return { kind: 'passphrase', reason: `The app cannot use this computer’s keychain: ${status.reason} Your key is locked with a passphrase you choose instead.` };
}

// ---------------------------------------------------------------------------------------
// Passphrases.

function characters(text: string): number {
  return [...text].length;
}

export const PASSPHRASES_DIFFER_MESSAGE = 'The two passphrases are not the same. Type it again in both boxes.';

/** What is wrong with a new passphrase (and its confirmation, when given), or undefined. */
export function checkNewPassphrase(passphrase: string, confirmation?: string): string | undefined {
  const length = characters(passphrase.normalize('NFC'));
  if (passphrase.trim() === '') return 'Choose a passphrase.';
  if (length < MIN_PASSPHRASE_LENGTH) return `Use at least ${MIN_PASSPHRASE_LENGTH} characters: three or four random words are easy to remember and hard to guess.`;
  if (length > MAX_PASSPHRASE_LENGTH) return `Use at most ${MAX_PASSPHRASE_LENGTH.toLocaleString('en-GB')} characters.`;
  if (confirmation !== undefined && confirmation !== passphrase) return PASSPHRASES_DIFFER_MESSAGE;
  return undefined;
}

function passphraseBytes(passphrase: string): Uint8Array<ArrayBuffer> {
  // One spelling of "é" whichever keyboard typed it.
  return new TextEncoder().encode(passphrase.normalize('NFC'));
}

function bindingBytes(binding: Pick<KeyBinding, 'algorithm' | 'fingerprint'>): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`portfolio-private-key/1\n${binding.algorithm}\n${binding.fingerprint}`);
}

const ENCRYPTION_INFO = new TextEncoder().encode('portfolio-key-wrap/1 encryption');
const CHECK_INFO = new TextEncoder().encode('portfolio-key-wrap/1 check');

async function deriveFromPassphrase(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<{ aesKey: CryptoKey; check: Uint8Array }> {
  const subtle = crypto.subtle;
  const secret = passphraseBytes(passphrase);
  let master: Uint8Array<ArrayBuffer> | undefined;
  try {
    const base = await subtle.importKey('raw', secret, 'PBKDF2', false, ['deriveBits']);
    master = new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 256));
    const hkdf = await subtle.importKey('raw', master, 'HKDF', false, ['deriveBits', 'deriveKey']);
    const empty = new Uint8Array(0);
    const aesKey = await subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: empty, info: ENCRYPTION_INFO }, hkdf, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const check = new Uint8Array(await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: empty, info: CHECK_INFO }, hkdf, CHECK_BYTES * 8));
    return { aesKey, check };
  } finally {
    secret.fill(0);
    master?.fill(0);
  }
}

function isSameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= (a[index] as number) ^ (b[index] as number);
  return difference === 0;
}

/** Locks the PKCS #8 bytes with a passphrase, bound to the key's algorithm and fingerprint. Zeroes the bytes given. */
export async function lockWithPassphrase(privateKey: Uint8Array<ArrayBuffer>, passphrase: string, binding: Pick<KeyBinding, 'algorithm' | 'fingerprint'>): Promise<PassphraseLockedKey> {
  try {
    const problem = checkNewPassphrase(passphrase);
    if (problem) throw new KeyVaultError('weak-passphrase', problem);
    const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const { aesKey, check } = await deriveFromPassphrase(passphrase, salt, PBKDF2_ITERATIONS);
    const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: bindingBytes(binding), tagLength: 128 }, aesKey, privateKey));
    return { scheme: PASSPHRASE_SCHEME, kdf: 'PBKDF2-SHA-256', iterations: PBKDF2_ITERATIONS, salt: encodeBase64(salt), iv: encodeBase64(iv), check: encodeBase64(check), ciphertext: encodeBase64(ciphertext) };
  } finally {
    privateKey.fill(0);
  }
}

function decodeField(value: unknown, length: { exact?: number; min?: number; max?: number }): Uint8Array<ArrayBuffer> {
  const bytes = decodeBase64(value) as Uint8Array<ArrayBuffer> | undefined;
  const isRightLength = bytes !== undefined && (length.exact === undefined || bytes.length === length.exact) && bytes.length >= (length.min ?? 0) && bytes.length <= (length.max ?? Infinity);
  if (!isRightLength) throw new KeyVaultError('damaged', DAMAGED_KEY_MESSAGE);
  return bytes;
}

/** The PKCS #8 bytes (the caller imports, then zeroes them). */
export async function unlockWithPassphrase(locked: PassphraseLockedKey, passphrase: string, binding: Pick<KeyBinding, 'algorithm' | 'fingerprint'>): Promise<Uint8Array<ArrayBuffer>> {
  if (!isPassphraseLocked(locked)) throw new KeyVaultError('damaged', DAMAGED_KEY_MESSAGE);
  const salt = decodeField(locked.salt, { exact: SALT_BYTES });
  const iv = decodeField(locked.iv, { exact: IV_BYTES });
  const check = decodeField(locked.check, { exact: CHECK_BYTES });
  const ciphertext = decodeField(locked.ciphertext, { min: GCM_TAG_BYTES + 1, max: MAX_PRIVATE_KEY_BYTES + GCM_TAG_BYTES });
  if (characters(passphrase) > MAX_PASSPHRASE_LENGTH || passphrase === '') throw new KeyVaultError('wrong-passphrase', WRONG_PASSPHRASE_MESSAGE);
  const derived = await deriveFromPassphrase(passphrase, salt, locked.iterations);
  if (!isSameBytes(derived.check, check)) throw new KeyVaultError('wrong-passphrase', WRONG_PASSPHRASE_MESSAGE);
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: bindingBytes(binding), tagLength: 128 }, derived.aesKey, ciphertext));
  } catch {
    // The passphrase was right, so the bytes, the IV or the row they are bound to changed.
    throw new KeyVaultError('damaged', DAMAGED_KEY_MESSAGE);
  }
}

// ---------------------------------------------------------------------------------------
// The keychain's lock.

/** Locks the PKCS #8 bytes with the keychain. Zeroes the bytes given. */
export async function lockWithKeychain(keychain: Keychain, privateKey: Uint8Array): Promise<KeychainLockedKey> {
  try {
    let wrapped: Uint8Array;
    try {
      wrapped = await keychain.protect(privateKey);
    } catch (error) {
      throw new KeyVaultError('keychain-failed', `Your key could not be locked with this computer’s keychain: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!(wrapped instanceof Uint8Array) || wrapped.length === 0 || wrapped.length > MAX_KEYCHAIN_WRAPPED_BYTES) throw new KeyVaultError('keychain-failed', 'This computer’s keychain gave back something that is not a locked key.');
    return { scheme: KEYCHAIN_SCHEME, wrapped: encodeBase64(wrapped) };
  } finally {
    privateKey.fill(0);
  }
}

export async function unlockWithKeychain(keychain: Keychain | undefined, locked: KeychainLockedKey): Promise<Uint8Array<ArrayBuffer>> {
  if (!isKeychainLocked(locked)) throw new KeyVaultError('damaged', DAMAGED_KEY_MESSAGE);
  const wrapped = decodeField(locked.wrapped, { min: 1, max: MAX_KEYCHAIN_WRAPPED_BYTES });
  if (!keychain) {
    throw new KeyVaultError('keychain-unavailable', 'Your signing key is locked by the keychain of the desktop app, which this window cannot reach. Open the desktop app to sign, or make a new key here.');
  }
  const status = await keychain.status().catch((): KeychainStatus => ({ isAvailable: false, reason: 'the app could not ask it.' }));
  if (!status.isAvailable) {
    throw new KeyVaultError('keychain-unavailable', `Your signing key is locked by this computer’s keychain, which cannot be used now: ${status.reason} Sign in to your computer as usual so that the keychain opens, then try again; or make a new key.`);
  }
  try {
    return new Uint8Array(await keychain.unprotect(wrapped));
  } catch (error) {
    throw new KeyVaultError('keychain-failed', error instanceof Error ? error.message : String(error));
  }
}

// ---------------------------------------------------------------------------------------
// Shapes read back from storage.

function isBoundedString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

export function isKeychainLocked(value: unknown): value is KeychainLockedKey {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof KeychainLockedKey, unknown>>;
  return candidate.scheme === KEYCHAIN_SCHEME && isBoundedString(candidate.wrapped, MAX_KEYCHAIN_WRAPPED_BYTES * 2);
}

export function isPassphraseLocked(value: unknown): value is PassphraseLockedKey {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof PassphraseLockedKey, unknown>>;
  return (
    candidate.scheme === PASSPHRASE_SCHEME &&
    candidate.kdf === 'PBKDF2-SHA-256' &&
    typeof candidate.iterations === 'number' &&
    Number.isSafeInteger(candidate.iterations) &&
    candidate.iterations >= PBKDF2_ITERATIONS &&
    candidate.iterations <= MAX_PBKDF2_ITERATIONS &&
    [candidate.salt, candidate.iv, candidate.check, candidate.ciphertext].every((field) => isBoundedString(field, MAX_PRIVATE_KEY_BYTES * 2))
  );
}

export function isLockedPrivateKey(value: unknown): value is LockedPrivateKey {
  return isKeychainLocked(value) || isPassphraseLocked(value);
}

// ---------------------------------------------------------------------------------------
// Making and unlocking keys.

function probeAlgorithms(preferred?: SignatureAlgorithm): SignatureAlgorithm[] {
  return preferred ? [preferred] : ['Ed25519', 'ECDSA-P256'];
}

/**
 * A new key pair: the private key imported non-extractable for signing, and its PKCS #8 bytes
 * exported once, for the caller to lock (the lock functions zero them). Ed25519 where the
 * platform has it (found by trying), ECDSA P-256 otherwise.
 */
export async function makeKeyPair(algorithm?: SignatureAlgorithm): Promise<{ key: SigningKey; privateKeyBytes: Uint8Array<ArrayBuffer> }> {
  let lastError: unknown;
  for (const candidate of probeAlgorithms(algorithm)) {
    let privateKeyBytes: Uint8Array<ArrayBuffer> | undefined;
    try {
      const params = keyAlgorithmParams(candidate);
      // Extractable only so that the PKCS #8 can be locked before anything is stored.
      const pair = (await crypto.subtle.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;
      privateKeyBytes = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
      const described = await describePublicKey(candidate, pair.publicKey);
      const key = await importUnlockedKey(privateKeyBytes.slice(), { algorithm: candidate, ...described });
      return { key, privateKeyBytes };
    } catch (error) {
      privateKeyBytes?.fill(0);
      lastError = error;
    }
  }
  throw new KeyVaultError('cannot-make', `This system could not make a signing key${lastError instanceof Error ? `: ${lastError.message}` : '.'}`);
}

/**
 * Imports unlocked PKCS #8 bytes as a non-extractable key and checks that it is the key the
 * binding describes (it signs a probe the public key verifies). Zeroes the bytes given.
 */
export async function importUnlockedKey(privateKeyBytes: Uint8Array<ArrayBuffer>, binding: KeyBinding): Promise<SigningKey> {
  try {
    if (privateKeyBytes.length === 0 || privateKeyBytes.length > MAX_PRIVATE_KEY_BYTES) throw new KeyVaultError('damaged', DAMAGED_KEY_MESSAGE);
    let privateKey: CryptoKey;
    try {
      privateKey = await crypto.subtle.importKey('pkcs8', privateKeyBytes, keyAlgorithmParams(binding.algorithm), false, ['sign']);
    } catch {
      throw new KeyVaultError('damaged', DAMAGED_KEY_MESSAGE);
    }
    const key: SigningKey = { algorithm: binding.algorithm, privateKey, publicKey: binding.publicKey, fingerprint: binding.fingerprint };
    if (privateKey.extractable || !(await isSigningKeyUsable(key))) throw new KeyVaultError('damaged', DAMAGED_KEY_MESSAGE);
    return key;
  } finally {
    privateKeyBytes.fill(0);
  }
}

// ---------------------------------------------------------------------------------------
// The session's unlocked keys: memory only, gone when the window closes or reloads.

const unlocked = new Map<string, SigningKey>();
const listeners = new Set<() => void>();

function sessionId(scope: string, fingerprint: string): string {
  return `${scope}\u0000${fingerprint}`;
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** Keeps an unlocked key for the rest of the session; `scope` is the database it belongs to. */
export function rememberUnlockedKey(scope: string, key: SigningKey): void {
  unlocked.set(sessionId(scope, key.fingerprint), key);
  notify();
}

/** The unlocked key for this row, if the session has one that matches it exactly. */
export function unlockedKey(scope: string, binding: KeyBinding): SigningKey | undefined {
  const key = unlocked.get(sessionId(scope, binding.fingerprint));
  return key && key.publicKey === binding.publicKey && key.algorithm === binding.algorithm ? key : undefined;
}

export function isKeyUnlocked(scope: string, fingerprint: string): boolean {
  return unlocked.has(sessionId(scope, fingerprint));
}

/** Locks again: the key must be unlocked (passphrase or keychain) before it next signs. */
export function forgetUnlockedKeys(scope?: string): void {
  for (const id of [...unlocked.keys()]) if (scope === undefined || id.startsWith(`${scope}\u0000`)) unlocked.delete(id);
  notify();
}

/** Tells the screen when a key is unlocked or locked again (the database does not change). */
export function subscribeToUnlocks(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
