/**
 * Locks the window's signing key with this computer's keychain (Electron `safeStorage`: the
 * macOS Keychain, Windows DPAPI, or the Secret Service on Linux), so that the private key never
 * rests in the clear in the app's database files. The window sends the private key (PKCS #8
 * bytes) once, when it is made, and stores only what comes back; at the first signature of a
 * session it sends that back and gets the key bytes for a moment, to import them as a
 * non-extractable key held in memory only.
 *
 * When there is no real keychain this refuses, and the window locks the key with a passphrase
 * instead. That includes Linux's `basic_text` store: Electron would then encrypt with a password
 * built into every copy of Chromium, which protects nothing, so it counts as no keychain. The key
 * is never stored in the clear.
 *
 * The synchronous safeStorage calls are used because they are the ones `getSelectedStorageBackend`
 * describes; Electron 46 removes them, and its asynchronous calls decrypt what these encrypted.
 */
import type { KeychainStatus } from '../../contract';

/** The part of Electron's `safeStorage` this uses; tests pass a stand-in that really encrypts. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

/** An Ed25519 private key in PKCS #8 is 48 bytes, a P-256 one about 140: anything outside these bounds is not a key. */
export const MIN_PRIVATE_KEY_BYTES = 32;
export const MAX_PRIVATE_KEY_BYTES = 1024;
/** The keychain adds a header, padding and (on Windows) a DPAPI blob of a few hundred bytes. */
export const MAX_WRAPPED_KEY_BYTES = 8192;

const LINUX_BACKENDS: Readonly<Record<string, string>> = {
  gnome_libsecret: 'GNOME Keyring (libsecret)',
  kwallet: 'KWallet',
  kwallet5: 'KWallet 5',
  kwallet6: 'KWallet 6',
};

const NO_KEYCHAIN: Readonly<Record<string, string>> = {
  darwin: 'the macOS Keychain is not available to the app.',
  win32: 'Windows did not let the app use its data protection for your account.',
  linux: 'no keychain (GNOME Keyring, KWallet or another Secret Service) is running in your desktop session.',
};

/** Thrown with a message the person can act on; the window shows it as it is. */
export class KeyProtectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyProtectionError';
  }
}

/** A DER SEQUENCE of plausible size: the shape of PKCS #8, checked before and after the keychain. */
function isPrivateKeyDer(bytes: Uint8Array): boolean {
  return bytes.length >= MIN_PRIVATE_KEY_BYTES && bytes.length <= MAX_PRIVATE_KEY_BYTES && bytes[0] === 0x30;
}

export class KeyProtection {
  constructor(
    private readonly storage: SafeStorageLike | undefined,
    private readonly platform: string,
  ) {}

  status(): KeychainStatus {
    const storage = this.storage;
    const reason = NO_KEYCHAIN[this.platform] ?? 'this system offers the app no keychain.';
    if (!storage) return { isAvailable: false, reason };
    let isAvailable = false;
    try {
      isAvailable = storage.isEncryptionAvailable();
    } catch {
      isAvailable = false;
    }
    if (!isAvailable) return { isAvailable: false, reason };
    if (this.platform === 'linux') {
      const backend = storage.getSelectedStorageBackend?.() ?? 'unknown';
      const name = LINUX_BACKENDS[backend];
      // basic_text encrypts with a password built into Chromium; unknown means the store is not chosen yet.
      if (!name) return { isAvailable: false, reason: `${reason} (Without one, Electron would lock the key with a password built into the app, which protects nothing.)` };
      return { isAvailable: true, backend: name };
    }
    return { isAvailable: true, backend: this.platform === 'darwin' ? 'macOS Keychain' : this.platform === 'win32' ? 'Windows (DPAPI)' : this.platform };
  }

  /** Locks the private key; the bytes given are zeroed once read. */
  protect(privateKey: Uint8Array): Uint8Array {
    let copy: Buffer | undefined;
    try {
      if (!(privateKey instanceof Uint8Array) || !isPrivateKeyDer(privateKey)) throw new KeyProtectionError('That is not a private key the app made, so it was not locked.');
      const storage = this.requireKeychain();
      copy = Buffer.from(privateKey);
      return new Uint8Array(storage.encryptString(copy.toString('base64')));
    } finally {
      copy?.fill(0);
      if (privateKey instanceof Uint8Array) privateKey.fill(0);
    }
  }

  /** Unlocks what `protect` gave, back to the PKCS #8 bytes. */
  unprotect(wrapped: Uint8Array): Uint8Array {
    if (!(wrapped instanceof Uint8Array) || wrapped.length === 0 || wrapped.length > MAX_WRAPPED_KEY_BYTES) throw new KeyProtectionError('Your stored signing key is damaged: it is not something this computer’s keychain locked.');
    const storage = this.requireKeychain();
    let text: string;
    try {
      text = storage.decryptString(Buffer.from(wrapped));
    } catch {
      throw new KeyProtectionError('This computer’s keychain could not unlock your signing key. It was locked under another user account or on another computer, or the keychain has been reset.');
    }
    const bytes = /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0 ? new Uint8Array(Buffer.from(text, 'base64')) : undefined;
    if (!bytes || !isPrivateKeyDer(bytes)) {
      bytes?.fill(0);
      throw new KeyProtectionError('Your stored signing key is damaged: the keychain unlocked something that is not a private key.');
    }
    return bytes;
  }

  private requireKeychain(): SafeStorageLike {
    const status = this.status();
    if (!status.isAvailable) throw new KeyProtectionError(`This computer’s keychain cannot be used: ${status.reason}`);
    // status() is never available without storage.
    return this.storage as SafeStorageLike;
  }
}
