/**
 * Main's keychain service (Electron safeStorage, replaced here by a stand-in that really
 * encrypts) and its IPC channels: what counts as a keychain, that the window's key bytes are
 * never returned or kept in the clear, and that bad payloads are refused before the keychain runs.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ChannelName } from '../../../electron/contract';
import { createHandlers } from '../../../electron/main/handlers';
import { invokeChecked } from '../../../electron/main/ipc';
import { BackupStore } from '../../../electron/main/services/backups';
import { KeyProtection, KeyProtectionError, MAX_PRIVATE_KEY_BYTES, MAX_WRAPPED_KEY_BYTES } from '../../../electron/main/services/key-protection';
import { PdfExporter } from '../../../electron/main/services/pdf-export';
import { SaveSessions } from '../../../electron/main/services/save-sessions';
import { APP_ORIGIN } from '../../../electron/main/security';
import { FakeSafeStorage } from '../../fixtures/fake-safe-storage';

/** A PKCS #8-shaped private key: a DER SEQUENCE with recognisable bytes inside. */
function privateKeyBytes(length = 48): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let index = 0; index < length; index++) bytes[index] = (index * 37 + 11) & 0xff;
  bytes[0] = 0x30;
  return bytes;
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).indexOf(Buffer.from(needle)) >= 0;
}

describe('what counts as a keychain', () => {
  it.each([
    ['darwin', 'macOS Keychain'],
    ['win32', 'Windows (DPAPI)'],
  ])('uses the keychain on %s when safeStorage offers it', (platform, backend) => {
    expect(new KeyProtection(new FakeSafeStorage(), platform).status()).toEqual({ isAvailable: true, backend });
  });

  it.each([
    ['gnome_libsecret', 'GNOME Keyring (libsecret)'],
    ['kwallet', 'KWallet'],
    ['kwallet5', 'KWallet 5'],
    ['kwallet6', 'KWallet 6'],
  ])('uses the Linux store %s', (store, backend) => {
    const storage = new FakeSafeStorage();
    storage.backend = store;
    expect(new KeyProtection(storage, 'linux').status()).toEqual({ isAvailable: true, backend });
  });

  it.each(['basic_text', 'unknown', 'something-new'])('counts Linux’s %s store as no keychain (it would encrypt with a password built into the app)', (store) => {
    const storage = new FakeSafeStorage();
    storage.backend = store;
    const status = new KeyProtection(storage, 'linux').status();
    expect(status).toMatchObject({ isAvailable: false, reason: expect.stringContaining('no keychain') });
    expect(() => new KeyProtection(storage, 'linux').protect(privateKeyBytes())).toThrow(KeyProtectionError);
  });

  it('reports no keychain, with a reason, when safeStorage has none, throws, or is missing', () => {
    const storage = new FakeSafeStorage();
    storage.isAvailable = false;
    expect(new KeyProtection(storage, 'darwin').status()).toEqual({ isAvailable: false, reason: 'the macOS Keychain is not available to the app.' });
    const throwing = new FakeSafeStorage();
    vi.spyOn(throwing, 'isEncryptionAvailable').mockImplementation(() => {
      throw new Error('not ready');
    });
    expect(new KeyProtection(throwing, 'win32').status()).toMatchObject({ isAvailable: false });
    expect(new KeyProtection(undefined, 'linux').status()).toMatchObject({ isAvailable: false, reason: expect.stringContaining('GNOME Keyring') });
  });
});

describe('locking and unlocking a private key', () => {
  it('gives back bytes that hold neither the key nor its base64, zeroes its input, and unlocks to the same key', () => {
    const storage = new FakeSafeStorage();
    const protection = new KeyProtection(storage, 'linux');
    const original = privateKeyBytes();
    const given = original.slice();
    const wrapped = protection.protect(given);
    expect([...given].every((byte) => byte === 0)).toBe(true);
    expect(contains(wrapped, original)).toBe(false);
    expect(contains(wrapped, original.subarray(16))).toBe(false);
    expect(contains(wrapped, Buffer.from(Buffer.from(original).toString('base64')))).toBe(false);
    expect(storage.encryptions).toBe(1);
    expect([...protection.unprotect(wrapped)]).toEqual([...original]);
  });

  it('refuses what is not a private key, and zeroes it all the same', () => {
    const protection = new KeyProtection(new FakeSafeStorage(), 'linux');
    const notDer = privateKeyBytes();
    notDer[0] = 0x04;
    expect(() => protection.protect(notDer)).toThrow('not a private key the app made');
    expect([...notDer].every((byte) => byte === 0)).toBe(true);
    expect(() => protection.protect(privateKeyBytes(8))).toThrow(KeyProtectionError);
    expect(() => protection.protect(privateKeyBytes(MAX_PRIVATE_KEY_BYTES + 1))).toThrow(KeyProtectionError);
  });

  it('refuses damaged locked bytes with a plain message, and never returns what is not a key', () => {
    const storage = new FakeSafeStorage();
    const protection = new KeyProtection(storage, 'linux');
    const wrapped = protection.protect(privateKeyBytes());
    const damaged = wrapped.slice();
    damaged[damaged.length - 20] = (damaged[damaged.length - 20] as number) ^ 1;
    expect(() => protection.unprotect(damaged)).toThrow('This computer’s keychain could not unlock your signing key.');
    expect(() => protection.unprotect(new Uint8Array(0))).toThrow('damaged');
    expect(() => protection.unprotect(new Uint8Array(MAX_WRAPPED_KEY_BYTES + 1))).toThrow('damaged');
    // A keychain entry that decrypts to something else (another program's data) is not handed over.
    const other = new KeyProtection(storage, 'linux');
    expect(() => other.unprotect(new Uint8Array(storage.encryptString('not base64 at all!')))).toThrow('not a private key');
    expect(() => other.unprotect(new Uint8Array(storage.encryptString(Buffer.from('plain words, not DER').toString('base64'))))).toThrow('not a private key');
  });

  it('neither locks nor unlocks once the keychain has gone', () => {
    const storage = new FakeSafeStorage();
    const protection = new KeyProtection(storage, 'linux');
    const wrapped = protection.protect(privateKeyBytes());
    storage.isAvailable = false;
    expect(() => protection.protect(privateKeyBytes())).toThrow('keychain cannot be used');
    expect(() => protection.unprotect(wrapped)).toThrow('keychain cannot be used');
    expect(storage.decryptions).toBe(0);
  });
});

describe('the keychain IPC channels', () => {
  const appFrame = { url: 'app://renderer/index.html', parent: null };

  async function handlersWith(keychain?: KeyProtection) {
    const folder = await mkdtemp(join(tmpdir(), 'keychain-ipc-'));
    const saves = new SaveSessions();
    return createHandlers({
      appInfo: () => ({ name: 'Portfolio Builder', version: '1', userDataPath: folder, backupsPath: folder, platform: 'linux' }),
      saves,
      backups: new BackupStore(join(folder, 'backups'), saves),
      pdf: new PdfExporter(join(folder, 'scratch'), saves, async () => undefined, () => undefined),
      chooseSavePath: async () => undefined,
      ...(keychain ? { keychain } : {}),
    });
  }

  it('lock and unlock through the checked handlers', async () => {
    const handlers = await handlersWith(new KeyProtection(new FakeSafeStorage(), 'linux'));
    expect(await invokeChecked('keychainStatus', handlers, appFrame, [APP_ORIGIN], [])).toEqual({ isAvailable: true, backend: 'GNOME Keyring (libsecret)' });
    const wrapped = await invokeChecked('protectPrivateKey', handlers, appFrame, [APP_ORIGIN], [privateKeyBytes()]);
    expect([...(await invokeChecked('unprotectPrivateKey', handlers, appFrame, [APP_ORIGIN], [wrapped]))]).toEqual([...privateKeyBytes()]);
  });

  it('without a keychain service, say there is none and refuse to lock', async () => {
    const handlers = await handlersWith();
    expect(await invokeChecked('keychainStatus', handlers, appFrame, [APP_ORIGIN], [])).toMatchObject({ isAvailable: false });
    await expect(invokeChecked('protectPrivateKey', handlers, appFrame, [APP_ORIGIN], [privateKeyBytes()])).rejects.toThrow('keychain cannot be used');
  });

  it.each<[ChannelName, unknown[]]>([
    ['keychainStatus', ['extra']],
    ['protectPrivateKey', []],
    ['protectPrivateKey', ['MC4CAQAwBQYDK2VwBCIEI']],
    ['protectPrivateKey', [[0x30, 1, 2]]],
    ['protectPrivateKey', [new Uint8Array(31)]],
    ['protectPrivateKey', [new Uint8Array(MAX_PRIVATE_KEY_BYTES + 1)]],
    ['protectPrivateKey', [privateKeyBytes(), privateKeyBytes()]],
    ['unprotectPrivateKey', [new Uint8Array(0)]],
    ['unprotectPrivateKey', [new Uint8Array(MAX_WRAPPED_KEY_BYTES + 1)]],
    ['unprotectPrivateKey', [{ length: 4 }]],
  ])('refuses a malformed payload for %s before the keychain runs', async (name, args) => {
    const storage = new FakeSafeStorage();
    const encrypt = vi.spyOn(storage, 'encryptString');
    const decrypt = vi.spyOn(storage, 'decryptString');
    const handlers = await handlersWith(new KeyProtection(storage, 'linux'));
    await expect(invokeChecked(name, handlers, appFrame, [APP_ORIGIN], args)).rejects.toThrow(/was refused/);
    expect(encrypt).not.toHaveBeenCalled();
    expect(decrypt).not.toHaveBeenCalled();
  });
});
