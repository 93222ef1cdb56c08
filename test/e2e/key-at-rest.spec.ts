/**
 * The private signing key never rests in the clear: a key is made through the app's own
 * storage path (Settings, "Create my signing key"), Chromium is closed so that it writes its
 * profile out, and every file of the profile folder is searched for the key's bytes: the
 * PKCS #8 encoding and the 32-byte Ed25519 seed or P-256 private scalar, raw and as base64,
 * base64url and hex. Desktop app (main's keychain over a stand-in safeStorage that really
 * encrypts) and browser tab (passphrase), each for both algorithms.
 *
 * How the test knows the key's bytes, with no test-only code in the app: an init script wraps
 * WebCrypto's `exportKey` in the page and records the PKCS #8 the app exports, which is the one
 * moment the key exists as bytes in the window (it is exported to be locked). The test checks
 * that those bytes are the stored key's (their public half is the row's public key). For P-256
 * the script makes Ed25519 key generation fail, as on a platform without it, so the app falls
 * back to ECDSA as it does there.
 *
 * It cannot pass vacuously: before closing, the page stores two control keys the test made,
 * one the way earlier versions stored keys (a non-extractable CryptoKey by structured clone) and
 * one as plain bytes, and the search must find both; it must also find the locked form the app
 * stored. Only then does "the key's bytes are nowhere" count.
 */
import { generateKeyPairSync, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { attachBridge, expect, openApp, test, type BridgeHarness } from './fixtures';

type Algorithm = 'Ed25519' | 'ECDSA-P256';

const RUNS: Array<{ where: 'desktop app' | 'browser tab'; algorithm: Algorithm }> = [
  { where: 'desktop app', algorithm: 'Ed25519' },
  { where: 'desktop app', algorithm: 'ECDSA-P256' },
  { where: 'browser tab', algorithm: 'Ed25519' },
  { where: 'browser tab', algorithm: 'ECDSA-P256' },
];

const PASSPHRASE = 'plum orchard lantern seventeen';

/** Runs in the page before the app: records every PKCS #8 export, and hides Ed25519 when asked. */
function spyOnPrivateKeyExports({ isEd25519Hidden }: { isEd25519Hidden: boolean }): void {
  const recorded: string[] = [];
  (window as unknown as { __exportedPrivateKeys: string[] }).__exportedPrivateKeys = recorded;
  const exportKey = SubtleCrypto.prototype.exportKey;
  SubtleCrypto.prototype.exportKey = async function (this: SubtleCrypto, format: KeyFormat, key: CryptoKey) {
    const result = await (exportKey as (format: KeyFormat, key: CryptoKey) => Promise<ArrayBuffer | JsonWebKey>).call(this, format, key);
    if (format === 'pkcs8' && result instanceof ArrayBuffer) recorded.push(btoa(String.fromCharCode(...new Uint8Array(result))));
    return result;
  } as typeof exportKey;
  if (isEd25519Hidden) {
    const generateKey = SubtleCrypto.prototype.generateKey;
    SubtleCrypto.prototype.generateKey = function (this: SubtleCrypto, algorithm: AlgorithmIdentifier, ...rest: unknown[]) {
      const name = typeof algorithm === 'string' ? algorithm : algorithm.name;
      if (name === 'Ed25519') return Promise.reject(new DOMException('Ed25519 is not supported here.', 'NotSupportedError'));
      return (generateKey as (...args: unknown[]) => Promise<unknown>).call(this, algorithm, ...rest);
    } as typeof generateKey;
  }
}

/** The 32 secret bytes inside a PKCS #8 key: the Ed25519 seed, or the P-256 scalar d (RFC 5915). */
function secretScalar(pkcs8: Buffer, algorithm: Algorithm): Buffer {
  if (algorithm === 'Ed25519') return pkcs8.subarray(pkcs8.length - 32);
  const marker = pkcs8.indexOf(Buffer.from([0x02, 0x01, 0x01, 0x04, 0x20]));
  if (marker < 0) throw new Error('expected an RFC 5915 private key inside the PKCS #8');
  return pkcs8.subarray(marker + 5, marker + 37);
}

/** Every spelling of a secret worth looking for on disk. */
function spellings(label: string, bytes: Buffer): Array<{ label: string; needle: Buffer }> {
  return [
    { label: `${label} (bytes)`, needle: bytes },
    { label: `${label} (base64)`, needle: Buffer.from(bytes.toString('base64').replace(/=+$/, '')) },
    { label: `${label} (base64url)`, needle: Buffer.from(bytes.toString('base64url')) },
    { label: `${label} (hex)`, needle: Buffer.from(bytes.toString('hex')) },
  ];
}

async function profileFiles(folder: string): Promise<Array<{ path: string; bytes: Buffer }>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files: Array<{ path: string; bytes: Buffer }> = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.push({ path, bytes: await readFile(path) });
  }
  return files;
}

function whereFound(files: Array<{ path: string; bytes: Buffer }>, needle: Buffer): string[] {
  return files.filter((file) => file.bytes.indexOf(needle) >= 0).map((file) => file.path);
}

/** A control key made in Node, of the run's algorithm, as PKCS #8. */
function controlKey(algorithm: Algorithm): Buffer {
  const pair = algorithm === 'Ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return pair.privateKey.export({ format: 'der', type: 'pkcs8' });
}

/** Stores the controls in their own database: one key the old way (a CryptoKey), one as plain bytes. */
async function storeControls(page: Page, algorithm: Algorithm, oldWay: Buffer, plain: Buffer): Promise<void> {
  await page.evaluate(
    async ({ algorithm, oldWay, plain }) => {
      const bytes = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
      const params = algorithm === 'Ed25519' ? { name: 'Ed25519' } : { name: 'ECDSA', namedCurve: 'P-256' };
      const cryptoKey = await crypto.subtle.importKey('pkcs8', bytes(oldWay), params, false, ['sign']);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('leak-control', 1);
        request.onupgradeneeded = () => request.result.createObjectStore('controls');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const transaction = db.transaction('controls', 'readwrite');
        transaction.objectStore('controls').put({ privateKey: cryptoKey }, 'stored-the-old-way');
        transaction.objectStore('controls').put({ bytes: bytes(plain) }, 'stored-as-bytes');
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      });
      db.close();
    },
    { algorithm, oldWay: oldWay.toString('base64'), plain: plain.toString('base64') },
  );
}

/** The app's key row, read straight from IndexedDB (no app code involved). */
async function storedKeyRow(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('portfolio-builder');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const row = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const request = db.transaction('keys').objectStore('keys').get('personal');
      request.onsuccess = () => resolve(request.result as Record<string, unknown>);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return { ...row, hasPrivateKeyField: 'privateKey' in row };
  });
}

test.describe('The private signing key on disk', () => {
  for (const { where, algorithm } of RUNS) {
    test(`${where}, ${algorithm}: no byte of the private key is anywhere in the Chromium profile`, async ({ baseURL, launchOptions }) => {
      test.setTimeout(90_000);
      const profile = await mkdtemp(join(tmpdir(), 'portfolio-profile-'));
      const scratch = await mkdtemp(join(tmpdir(), 'portfolio-bridge-'));
      try {
        const context = await chromium.launchPersistentContext(profile, { ...launchOptions, ...(baseURL ? { baseURL } : {}), viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
        const page = context.pages()[0] ?? (await context.newPage());
        let bridge: BridgeHarness | undefined;
        if (where === 'desktop app') bridge = await attachBridge(page, scratch);
        await context.addInitScript(spyOnPrivateKeyExports, { isEd25519Hidden: algorithm === 'ECDSA-P256' });

        // ---- make the key through the app's own storage path
        await openApp(page, 'settings');
        await page.getByRole('radio', { name: /^Assessor/ }).check();
        if (where === 'browser tab') {
          await page.getByLabel('New passphrase').fill(PASSPHRASE);
          await page.getByLabel('Type the passphrase again').fill(PASSPHRASE);
        } else {
          await expect(page.getByLabel('New passphrase')).toHaveCount(0);
        }
        await page.getByRole('button', { name: 'Create my signing key' }).click();
        await expect(page.getByText('Your signing key is ready.')).toBeVisible();
        await expect(page.getByTestId('key-protection')).toHaveText(where === 'desktop app' ? 'This computer’s keychain' : 'Your passphrase');
        await expect(page.locator('.facts')).toContainText(algorithm === 'Ed25519' ? 'Ed25519' : 'ECDSA P-256');
        if (bridge) expect(bridge.keychain.encryptions).toBe(1);

        // ---- the private key the app made, as it exported it to lock it
        const exported = await page.evaluate(() => (window as unknown as { __exportedPrivateKeys: string[] }).__exportedPrivateKeys);
        expect(exported).toHaveLength(1);
        const pkcs8 = Buffer.from(exported[0]!, 'base64');
        const row = await storedKeyRow(page);
        expect(row.hasPrivateKeyField).toBe(false);
        const locked = row.lockedPrivateKey as Record<string, string>;
        expect(locked.scheme).toBe(where === 'desktop app' ? 'os-keychain/1' : 'passphrase/1');
        // Those bytes are the stored key's: their public half is the row's public key.
        const publicKey = Buffer.from(String(row.publicKey), 'base64');
        const derivedSpki = createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' });
        expect(publicKey.length).toBeGreaterThanOrEqual(32);
        expect(derivedSpki.subarray(derivedSpki.length - publicKey.length).equals(publicKey)).toBe(true);

        // ---- the controls, then close Chromium so that it writes everything out
        const oldWay = controlKey(algorithm);
        const plain = controlKey(algorithm);
        await storeControls(page, algorithm, oldWay, plain);
        await context.close();

        const files = await profileFiles(profile);
        expect(files.length).toBeGreaterThan(0);
        // The search finds what is there: a key stored the old way, plain bytes, and the app's locked key.
        expect(whereFound(files, secretScalar(oldWay, algorithm)), 'a CryptoKey stored by structured clone lies in the clear, and the search finds it').not.toEqual([]);
        expect(whereFound(files, plain), 'plain bytes in IndexedDB are found').not.toEqual([]);
        const lockedText = locked.scheme === 'os-keychain/1' ? String(locked.wrapped) : String(locked.ciphertext);
        expect(whereFound(files, Buffer.from(lockedText.slice(4, 36))), 'the app’s locked key is in the profile').not.toEqual([]);

        // ---- and the app's private key is nowhere
        const needles = [...spellings('PKCS #8', pkcs8), ...spellings(algorithm === 'Ed25519' ? 'Ed25519 seed' : 'P-256 private scalar', secretScalar(pkcs8, algorithm))];
        const leaks = needles.flatMap(({ label, needle }) => whereFound(files, needle).map((path) => `${label} in ${path.slice(profile.length)}`));
        expect(leaks).toEqual([]);
      } finally {
        await rm(profile, { recursive: true, force: true });
        await rm(scratch, { recursive: true, force: true });
      }
    });
  }
});
