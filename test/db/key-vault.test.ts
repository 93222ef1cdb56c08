/**
 * The private signing key never rests in the clear: locked by main's keychain service (over a
 * stand-in safeStorage that really encrypts) or by a passphrase, unlocked once a session into a
 * non-extractable key held in memory. Both paths, both algorithms, every way the stored form can
 * be damaged, and the replacement of a key stored the old way (a CryptoKey by structured clone).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordStatus } from '../../core/integrity/verify';
import { createSigningKey, importPublicKey, signAlgorithmParams, signingKeyFromSeed, type SigningKey } from '../../core/integrity/keys';
import { decodeBase64, encodeBase64 } from '../../core/integrity/base64';
import { KeyProtection } from '../../electron/main/services/key-protection';
import type { AppDB, StoredKey } from '../../renderer/src/db/app-db';
import { loadAssessment, recordDecision, verifyContent } from '../../renderer/src/db/assessment-repo';
import {
  KEY_MUST_BE_REPLACED_MESSAGE,
  KeyActionNeededError,
  KeyUnavailableError,
  PERSONAL_KEY_ID,
  ensureSigningKey,
  getKeyInfo,
  hasDamagedKey,
  isSigningKeyUnlocked,
  loadIdentity,
  loadSigningKey,
  lockSigningKey,
  newKeyProtection,
  replaceSigningKey,
  unlockSigningKey,
} from '../../renderer/src/db/keys-repo';
import {
  KeyVaultError,
  PBKDF2_ITERATIONS,
  forgetUnlockedKeys,
  lockWithPassphrase,
  makeKeyPair,
  setKeychainSource,
  unlockWithPassphrase,
  type PassphraseLockedKey,
} from '../../renderer/src/lib/key-vault';
import { FakeSafeStorage, keychainOver } from '../fixtures/fake-safe-storage';
import { ASSESSOR, actAs, freshDb, seedPortfolio } from './assessment-fixtures';

const PASSPHRASE = 'correct horse battery staple';
const ALGORITHMS = ['Ed25519', 'ECDSA-P256'] as const;

function useKeychain(storage = new FakeSafeStorage()): FakeSafeStorage {
  setKeychainSource(() => keychainOver(new KeyProtection(storage, 'linux')));
  return storage;
}

/** A browser tab: no bridge, so no keychain. */
function useBrowser(): void {
  setKeychainSource(() => undefined);
}

/** A new session: what was unlocked in memory is gone. */
function restartApp(db: AppDB): void {
  lockSigningKey(db);
}

/** Every PKCS #8 the vault exports while `work` runs: the private key bytes it must never store. */
async function capturePrivateKeys<T>(work: () => Promise<T>): Promise<{ result: T; privateKeys: Uint8Array[] }> {
  const privateKeys: Uint8Array[] = [];
  const original = crypto.subtle.exportKey.bind(crypto.subtle);
  const spy = vi.spyOn(crypto.subtle, 'exportKey').mockImplementation((async (format: string, key: CryptoKey) => {
    const exported = await original(format as 'pkcs8', key);
    if (format === 'pkcs8') privateKeys.push(new Uint8Array((exported as ArrayBuffer).slice(0)));
    return exported;
  }) as typeof crypto.subtle.exportKey);
  try {
    return { result: await work(), privateKeys };
  } finally {
    spy.mockRestore();
  }
}

/** The secret parts of a PKCS #8 key: the whole encoding, and the 32-byte seed or scalar inside it. */
function secretsOf(pkcs8: Uint8Array): Uint8Array[] {
  const bytes = Buffer.from(pkcs8);
  // Ed25519: the seed is the last 32 bytes. P-256 (RFC 5915 ECPrivateKey): 02 01 01 04 20, then d.
  const ecMarker = bytes.indexOf(Buffer.from([0x02, 0x01, 0x01, 0x04, 0x20]));
  const scalar = ecMarker >= 0 ? bytes.subarray(ecMarker + 5, ecMarker + 37) : bytes.subarray(bytes.length - 32);
  return [pkcs8, new Uint8Array(scalar)];
}

/** Whether any spelling of any secret (bytes, base64, base64url, hex) appears anywhere in the stored row. */
function rowLeaks(row: StoredKey, secrets: Uint8Array[]): boolean {
  const texts: string[] = [];
  const blobs: Uint8Array[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      texts.push(value);
      const decoded = decodeBase64(value);
      if (decoded) blobs.push(decoded);
    } else if (value instanceof Uint8Array) blobs.push(value);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  walk(row);
  return secrets.some((secret) => {
    const spellings = [Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64url'), Buffer.from(secret).toString('hex')];
    return texts.some((text) => spellings.some((spelling) => text.includes(spelling))) || blobs.some((blob) => Buffer.from(blob).indexOf(Buffer.from(secret)) >= 0);
  });
}

async function storedRow(db: AppDB): Promise<StoredKey> {
  const row = await db.keys.get(PERSONAL_KEY_ID);
  if (!row) throw new Error('a key row should be stored');
  return row;
}

async function signsAndVerifies(key: SigningKey): Promise<boolean> {
  const message = new TextEncoder().encode('a decision');
  const signature = await crypto.subtle.sign(signAlgorithmParams(key.algorithm), key.privateKey, message);
  return crypto.subtle.verify(signAlgorithmParams(key.algorithm), await importPublicKey(key.algorithm, key.publicKey), signature, message);
}

/** A copy of the row with one base64 field changed by one bit. */
function flipBit(text: string, index = 0): string {
  const bytes = decodeBase64(text);
  if (!bytes) throw new Error('expected base64');
  bytes[index] = (bytes[index] as number) ^ 1;
  return encodeBase64(bytes);
}

beforeEach(() => useKeychain());
afterEach(() => {
  useKeychain();
  forgetUnlockedKeys();
});

describe('the desktop app: locked by the computer’s keychain', () => {
  it.each(ALGORITHMS)('stores only what the keychain gave for a new %s key, and unlocks it once in the next session', async (algorithm) => {
    const storage = useKeychain();
    const db = await freshDb('vault');
    expect(await newKeyProtection()).toEqual({ kind: 'os-keychain', backend: 'GNOME Keyring (libsecret)' });
    const { result: made, privateKeys } = await capturePrivateKeys(() => ensureSigningKey(db, 'assessor', new Date(), { algorithm }));
    expect(made.isNew).toBe(true);
    expect(made.key.algorithm).toBe(algorithm);
    expect(made.key.privateKey.extractable).toBe(false);
    expect(privateKeys).toHaveLength(1);
    expect(storage.encryptions).toBe(1);

    const row = await storedRow(db);
    expect(row).not.toHaveProperty('privateKey');
    expect(row.lockedPrivateKey).toEqual({ scheme: 'os-keychain/1', wrapped: expect.any(String) });
    expect(rowLeaks(row, secretsOf(privateKeys[0]!))).toBe(false);
    // The check itself finds a key that is there, so "no leak" above means something.
    expect(rowLeaks({ ...row, createdAt: encodeBase64(privateKeys[0]!) }, secretsOf(privateKeys[0]!))).toBe(true);
    expect((await getKeyInfo(db))?.protection).toBe('keychain');

    // Same session: no second trip to the keychain.
    expect(await loadSigningKey(db)).toBe(made.key);
    expect(storage.decryptions).toBe(0);

    restartApp(db);
    db.close();
    await db.open();
    expect(isSigningKeyUnlocked(db, made.key)).toBe(false);
    const reloaded = await loadSigningKey(db);
    expect(storage.decryptions).toBe(1);
    expect(reloaded?.fingerprint).toBe(made.key.fingerprint);
    expect(reloaded?.privateKey.extractable).toBe(false);
    expect(await signsAndVerifies(reloaded!)).toBe(true);
    expect(isSigningKeyUnlocked(db, made.key)).toBe(true);
    await loadSigningKey(db);
    expect(storage.decryptions).toBe(1);
  });

  it('refuses a locked key the keychain cannot unlock, or that unlocks to a key other than the row’s, without making another', async () => {
    const db = await freshDb('vault');
    await ensureSigningKey(db, 'assessor');
    const row = await storedRow(db);
    if (row.lockedPrivateKey?.scheme !== 'os-keychain/1') throw new Error('expected a keychain-locked key');
    restartApp(db);
    await db.keys.put({ ...row, lockedPrivateKey: { ...row.lockedPrivateKey, wrapped: flipBit(row.lockedPrivateKey.wrapped, 20) } });
    await expect(loadSigningKey(db)).rejects.toThrow('This computer’s keychain could not unlock your signing key.');
    await expect(ensureSigningKey(db, 'assessor')).rejects.toBeInstanceOf(KeyUnavailableError);
    expect(await db.keys.count()).toBe(1);

    // Another installation's locked key moved onto this row: it unlocks, but is not this row's key.
    const other = await freshDb('vault-other');
    await ensureSigningKey(other, 'assessor');
    await db.keys.put({ ...row, lockedPrivateKey: (await storedRow(other)).lockedPrivateKey });
    await expect(loadSigningKey(db)).rejects.toThrow(/can no longer be used/);
  });

  it('says plainly when the keychain that locked the key has gone, and the replacement falls back to a passphrase, never to plain storage', async () => {
    const storage = useKeychain();
    const db = await freshDb('vault');
    const { key: old } = await ensureSigningKey(db, 'assessor');
    restartApp(db);
    storage.isAvailable = false;
    await expect(loadSigningKey(db)).rejects.toThrow(/locked by this computer’s keychain, which cannot be used now: no keychain .* Sign in to your computer as usual/);
    expect(storage.decryptions).toBe(0);

    expect(await newKeyProtection()).toMatchObject({ kind: 'passphrase', reason: expect.stringContaining('cannot use this computer’s keychain') });
    await expect(replaceSigningKey(db, 'assessor')).rejects.toMatchObject({ action: 'replace' });
    expect((await storedRow(db)).fingerprint).toBe(old.fingerprint);
    const replaced = await replaceSigningKey(db, 'assessor', new Date(), { passphrase: PASSPHRASE });
    expect((await storedRow(db)).lockedPrivateKey?.scheme).toBe('passphrase/1');
    expect(replaced.fingerprint).not.toBe(old.fingerprint);
  });

  it.each(['basic_text', 'missing'])('with no real keychain (%s) a new key needs a passphrase, and is never stored without one', async (kind) => {
    const storage = useKeychain();
    if (kind === 'basic_text') storage.backend = 'basic_text';
    else storage.isAvailable = false;
    const db = await freshDb('vault');
    const refused = await ensureSigningKey(db, 'assessor').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(KeyActionNeededError);
    expect(refused).toMatchObject({ action: 'create', role: 'assessor' });
    expect(await db.keys.count()).toBe(0);
    expect(storage.encryptions).toBe(0);
    await ensureSigningKey(db, 'assessor', new Date(), { passphrase: PASSPHRASE });
    expect((await storedRow(db)).lockedPrivateKey?.scheme).toBe('passphrase/1');
  });

  it('falls back to a passphrase when the keychain says it works but then fails to lock', async () => {
    const storage = useKeychain();
    vi.spyOn(storage, 'encryptString').mockImplementation(() => {
      throw new Error('The keychain is locked.');
    });
    const db = await freshDb('vault');
    await expect(ensureSigningKey(db, 'assessor')).rejects.toMatchObject({ action: 'create', message: expect.stringContaining('Choose a passphrase to lock your key with instead.') });
    expect(await db.keys.count()).toBe(0);
    await ensureSigningKey(db, 'assessor', new Date(), { passphrase: PASSPHRASE });
    expect((await storedRow(db)).lockedPrivateKey?.scheme).toBe('passphrase/1');
  });
});

describe('a browser tab: locked by a passphrase', () => {
  beforeEach(() => useBrowser());

  it.each(ALGORITHMS)('asks for a passphrase to make a %s key, locks it with PBKDF2 and AES-GCM, and keeps it unlocked for the session', async (algorithm) => {
    const db = await freshDb('vault');
    expect(await newKeyProtection()).toMatchObject({ kind: 'passphrase' });
    await expect(ensureSigningKey(db, 'assessor', new Date(), { algorithm })).rejects.toMatchObject({ action: 'create' });
    await expect(ensureSigningKey(db, 'assessor', new Date(), { algorithm, passphrase: 'too short' })).rejects.toThrow(/at least 12 characters/);
    expect(await db.keys.count()).toBe(0);

    const { result: made, privateKeys } = await capturePrivateKeys(() => ensureSigningKey(db, 'assessor', new Date(), { algorithm, passphrase: PASSPHRASE }));
    const row = await storedRow(db);
    const locked = row.lockedPrivateKey as PassphraseLockedKey;
    expect(locked).toMatchObject({ scheme: 'passphrase/1', kdf: 'PBKDF2-SHA-256', iterations: PBKDF2_ITERATIONS });
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(decodeBase64(locked.salt)).toHaveLength(16);
    expect(decodeBase64(locked.iv)).toHaveLength(12);
    expect(decodeBase64(locked.ciphertext)).toHaveLength(privateKeys[0]!.length + 16);
    expect(rowLeaks(row, secretsOf(privateKeys[0]!))).toBe(false);
    expect(JSON.stringify(row)).not.toContain(PASSPHRASE);
    expect((await getKeyInfo(db))?.protection).toBe('passphrase');
    expect(await loadSigningKey(db)).toBe(made.key);

    restartApp(db);
    const needed = await loadSigningKey(db).catch((error: unknown) => error);
    expect(needed).toBeInstanceOf(KeyActionNeededError);
    expect(needed).toMatchObject({ action: 'unlock', role: 'assessor' });
    const unlocked = await unlockSigningKey(db, PASSPHRASE);
    expect(unlocked.fingerprint).toBe(made.key.fingerprint);
    expect(unlocked.privateKey.extractable).toBe(false);
    expect(await signsAndVerifies(unlocked)).toBe(true);
    expect(await loadSigningKey(db)).toBe(unlocked);
  });

  it('tells a wrong passphrase from damaged bytes, and changes nothing either way', async () => {
    const db = await freshDb('vault');
    await ensureSigningKey(db, 'assessor', new Date(), { passphrase: PASSPHRASE });
    const row = await storedRow(db);
    const locked = row.lockedPrivateKey as PassphraseLockedKey;
    restartApp(db);

    for (const wrong of ['correct horse battery stapler', 'Correct horse battery staple', '']) {
      await expect(unlockSigningKey(db, wrong)).rejects.toMatchObject({ problem: 'wrong-passphrase', message: expect.stringContaining('That passphrase does not unlock your signing key') });
    }
    const damaged = async (change: Partial<PassphraseLockedKey> | Record<string, unknown>) => {
      await db.keys.put({ ...row, lockedPrivateKey: { ...locked, ...change } as PassphraseLockedKey });
      return unlockSigningKey(db, PASSPHRASE).then(
        () => 'unlocked',
        (error: unknown) => (error instanceof KeyVaultError ? error.problem : error instanceof KeyUnavailableError ? 'unusable' : String(error)),
      );
    };
    expect(await damaged({ ciphertext: flipBit(locked.ciphertext, 5) })).toBe('damaged');
    expect(await damaged({ ciphertext: flipBit(locked.ciphertext, decodeBase64(locked.ciphertext)!.length - 1) })).toBe('damaged');
    expect(await damaged({ iv: flipBit(locked.iv) })).toBe('damaged');
    expect(await damaged({ iv: encodeBase64(new Uint8Array(11)) })).toBe('damaged');
    expect(await damaged({ ciphertext: locked.ciphertext.slice(0, 8) })).toBe('damaged');
    expect(await damaged({ check: 'not base64!' })).toBe('damaged');
    // A changed salt derives other keys altogether: indistinguishable from a wrong passphrase.
    expect(await damaged({ salt: flipBit(locked.salt) })).toBe('wrong-passphrase');
    // Too few iterations, or an unbounded count, is not a row this app wrote.
    expect(await damaged({ iterations: 1000 })).toBe('unusable');
    expect(await damaged({ iterations: 1e12 })).toBe('unusable');
    expect(await hasDamagedKey(db)).toBe(true);
    // The ciphertext is bound to the row's fingerprint: the same bytes on another key's row do not unlock.
    const other = await freshDb('vault-other');
    const { key: otherKey } = await ensureSigningKey(other, 'assessor', new Date(), { passphrase: PASSPHRASE });
    await db.keys.put({ ...row, lockedPrivateKey: locked, publicKey: otherKey.publicKey, fingerprint: otherKey.fingerprint });
    await expect(unlockSigningKey(db, PASSPHRASE)).rejects.toMatchObject({ problem: 'damaged' });

    // Put right, it unlocks: nothing was changed by the failures.
    await db.keys.put(row);
    expect((await unlockSigningKey(db, PASSPHRASE)).fingerprint).toBe(row.fingerprint);
  });

  it('unlocks with the passphrase however the keyboard spelt its accents', async () => {
    const db = await freshDb('vault');
    await ensureSigningKey(db, 'assessor', new Date(), { passphrase: 'crème brûlée à la maison' });
    restartApp(db);
    expect((await unlockSigningKey(db, 'cre\u0300me bru\u0302le\u0301e a\u0300 la maison')).fingerprint).toBe((await storedRow(db)).fingerprint);
  });

  it('a forgotten passphrase: a new key replaces the old row, and the old key’s decisions stay valid', async () => {
    const db = await freshDb('vault');
    const seeded = await seedPortfolio(db);
    await actAs(db, 'assessor', ASSESSOR);
    await ensureSigningKey(db, 'assessor', new Date(), { passphrase: PASSPHRASE });
    const decision = await recordDecision(db, { portfolioId: seeded.portfolio.id, markingPointId: seeded.points[0]!, status: 'met', feedback: '' });
    restartApp(db);
    await expect(recordDecision(db, { portfolioId: seeded.portfolio.id, markingPointId: seeded.points[1]!, status: 'met', feedback: '' })).rejects.toMatchObject({ action: 'unlock' });
    expect(await db.decisions.count()).toBe(1);

    const replaced = await replaceSigningKey(db, 'assessor', new Date(), { passphrase: 'a brand new passphrase' });
    expect(await db.keys.count()).toBe(1);
    expect((await storedRow(db)).fingerprint).toBe(replaced.fingerprint);
    expect(await loadSigningKey(db)).toBe(replaced);
    const loaded = await loadAssessment(db, seeded.portfolio.id);
    if (!loaded) throw new Error('the portfolio should load');
    expect(recordStatus(await verifyContent(loaded.content, loaded.contentHashes, loaded.register), 'decision', decision.id)).toBe('ok');
  });
});

describe('the vault’s own lock', () => {
  it('locks the same key differently each time (fresh salt and IV) and never holds the plaintext', async () => {
    const { key, privateKeyBytes } = await makeKeyPair('Ed25519');
    const plain = privateKeyBytes.slice();
    const first = await lockWithPassphrase(privateKeyBytes.slice(), PASSPHRASE, key);
    const second = await lockWithPassphrase(privateKeyBytes, PASSPHRASE, key);
    expect([...privateKeyBytes].every((byte) => byte === 0)).toBe(true);
    expect(first.salt).not.toBe(second.salt);
    expect(first.iv).not.toBe(second.iv);
    expect(first.ciphertext).not.toBe(second.ciphertext);
    expect(JSON.stringify(first)).not.toContain(encodeBase64(plain));
    expect([...(await unlockWithPassphrase(second, PASSPHRASE, key))]).toEqual([...plain]);
  });

  it.each(ALGORITHMS)('gives a %s key’s public half in the form createSigningKey gives', async (algorithm) => {
    const { key, privateKeyBytes } = await makeKeyPair(algorithm);
    const reference = await createSigningKey({ algorithm });
    expect(decodeBase64(key.publicKey)?.length).toBe(decodeBase64(reference.publicKey)?.length);
    if (algorithm === 'Ed25519') {
      // The same seed through core's own path gives the same public key and fingerprint.
      const fromSeed = await signingKeyFromSeed(privateKeyBytes.slice(privateKeyBytes.length - 32));
      expect({ publicKey: fromSeed.publicKey, fingerprint: fromSeed.fingerprint }).toEqual({ publicKey: key.publicKey, fingerprint: key.fingerprint });
    } else {
      // The uncompressed point, as createSigningKey gives it: 0x04 then x and y.
      expect(decodeBase64(key.publicKey)?.[0]).toBe(decodeBase64(reference.publicKey)?.[0]);
    }
  });
});

describe('a key stored by an earlier version (a CryptoKey by structured clone)', () => {
  async function seedOldRow(db: AppDB, key: SigningKey): Promise<void> {
    // Exactly the row the earlier version wrote: the non-extractable CryptoKey itself.
    await db.keys.put({ id: PERSONAL_KEY_ID, role: 'assessor', algorithm: key.algorithm, privateKey: key.privateKey, publicKey: key.publicKey, fingerprint: key.fingerprint, createdAt: '2026-09-01T09:00:00.000Z' });
  }

  it('is not used to sign: the person is told it must be replaced, and its replacement is locked and takes its row', async () => {
    const db = await freshDb('vault');
    const seeded = await seedPortfolio(db);
    await actAs(db, 'assessor', ASSESSOR);
    // A decision the old key signed, back then.
    const { key: old } = await ensureSigningKey(db, 'assessor');
    const signedBefore = await recordDecision(db, { portfolioId: seeded.portfolio.id, markingPointId: seeded.points[0]!, status: 'met', feedback: '' });
    await seedOldRow(db, old);
    restartApp(db);

    expect(await getKeyInfo(db)).toMatchObject({ fingerprint: old.fingerprint, protection: 'none' });
    expect((await loadIdentity(db)).hasDamagedKey).toBe(false);
    await expect(loadSigningKey(db)).rejects.toMatchObject({ action: 'replace', message: KEY_MUST_BE_REPLACED_MESSAGE });
    // Signing refuses rather than quietly using it or quietly making another identity.
    await expect(recordDecision(db, { portfolioId: seeded.portfolio.id, markingPointId: seeded.points[1]!, status: 'met', feedback: '' })).rejects.toMatchObject({ action: 'replace' });
    await expect(ensureSigningKey(db, 'assessor')).rejects.toBeInstanceOf(KeyActionNeededError);
    expect(await db.decisions.count()).toBe(1);
    expect((await storedRow(db)).privateKey).toBeDefined();

    const replaced = await replaceSigningKey(db, 'assessor');
    const row = await storedRow(db);
    expect(await db.keys.count()).toBe(1);
    expect(row).not.toHaveProperty('privateKey');
    expect(row.lockedPrivateKey?.scheme).toBe('os-keychain/1');
    expect(row.fingerprint).toBe(replaced.fingerprint);
    expect(replaced.fingerprint).not.toBe(old.fingerprint);
    expect((await getKeyInfo(db))?.protection).toBe('keychain');

    const loaded = await loadAssessment(db, seeded.portfolio.id);
    if (!loaded) throw new Error('the portfolio should load');
    expect(recordStatus(await verifyContent(loaded.content, loaded.contentHashes, loaded.register), 'decision', signedBefore.id)).toBe('ok');
    await recordDecision(db, { portfolioId: seeded.portfolio.id, markingPointId: seeded.points[1]!, status: 'met', feedback: '' });
    expect(await db.decisions.count()).toBe(2);
  });

  it('in a browser tab, its replacement needs a passphrase', async () => {
    useBrowser();
    const db = await freshDb('vault');
    await seedOldRow(db, await createSigningKey());
    await expect(replaceSigningKey(db, 'assessor')).rejects.toMatchObject({ action: 'replace' });
    expect((await storedRow(db)).privateKey).toBeDefined();
    await replaceSigningKey(db, 'assessor', new Date(), { passphrase: PASSPHRASE });
    const row = await storedRow(db);
    expect(row).not.toHaveProperty('privateKey');
    expect(row.lockedPrivateKey?.scheme).toBe('passphrase/1');
  });

  it('a row with both an old CryptoKey and a locked key is damaged, not trusted either way', async () => {
    const db = await freshDb('vault');
    const { key } = await ensureSigningKey(db, 'assessor');
    await db.keys.put({ ...(await storedRow(db)), privateKey: key.privateKey });
    expect(await hasDamagedKey(db)).toBe(true);
    await expect(loadSigningKey(db)).rejects.toThrow(/can no longer be used/);
  });
});
