import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../../core/integrity/base64';
import {
  FINGERPRINT_PATTERN,
  KeyError,
  P256_POINT_BYTES,
  P256_SPKI_BYTES,
  createSigningKey,
  fingerprintOf,
  importPublicKey,
  publicKeyForRecords,
  publicKeyForV1,
  isEd25519Available,
  isSigningKey,
  isSigningKeyUsable,
  isSmallOrderEd25519,
  signAlgorithmParams,
  signingKeyFromSeed,
  type SigningKey,
} from '../../../core/integrity/keys';
import { sha256Hex } from '../../../core/integrity/sha256';
import type { Subtle } from '../../../core/integrity/webcrypto-types';

const message = new TextEncoder().encode('a decision');

async function signsAndVerifies(key: SigningKey): Promise<boolean> {
  const publicKey = await importPublicKey(key.algorithm, key.publicKey);
  const signature = await crypto.subtle.sign(signAlgorithmParams(key.algorithm), key.privateKey, message);
  return crypto.subtle.verify(signAlgorithmParams(key.algorithm), publicKey, signature, message);
}

/** A WebCrypto that behaves like a platform without Ed25519 (older Chromium / Node). */
function subtleWithoutEd25519(): { subtle: Subtle; ed25519Attempts: () => number } {
  const real = crypto.subtle;
  let attempts = 0;
  const isEd25519 = (algorithm: unknown): boolean =>
    algorithm === 'Ed25519' || (typeof algorithm === 'object' && algorithm !== null && 'name' in algorithm && algorithm.name === 'Ed25519');
  const subtle = new Proxy(real, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (isEd25519(args[0]) || isEd25519(args[2])) {
          attempts++;
          return Promise.reject(new DOMException('Unrecognized algorithm name', 'NotSupportedError'));
        }
        return (value as (...inner: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { subtle, ed25519Attempts: () => attempts };
}

describe('createSigningKey', () => {
  it('uses Ed25519 where the platform has it (Node 20 does)', async () => {
    expect(await isEd25519Available()).toBe(true);
    const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    expect('privateKey' in pair && pair.privateKey.extractable).toBe(false);

    const key = await createSigningKey();
    expect(key.algorithm).toBe('Ed25519');
    expect(decodeBase64(key.publicKey)).toHaveLength(32);
    expect(await signsAndVerifies(key)).toBe(true);
  });

  it('makes the private key non-extractable', async () => {
    for (const algorithm of ['Ed25519', 'ECDSA-P256'] as const) {
      const key = await createSigningKey({ algorithm });
      expect(key.privateKey.extractable).toBe(false);
      expect(key.privateKey.type).toBe('private');
      await expect(crypto.subtle.exportKey('pkcs8', key.privateKey)).rejects.toThrow();
      await expect(crypto.subtle.exportKey('jwk', key.privateKey)).rejects.toThrow();
    }
  });

  it('makes ECDSA P-256 keys on request, exported as the uncompressed point (CONTRACTS.md §5)', async () => {
    const key = await createSigningKey({ algorithm: 'ECDSA-P256' });
    expect(key.algorithm).toBe('ECDSA-P256');
    expect(decodeBase64(key.publicKey)).toHaveLength(P256_POINT_BYTES);
    expect(decodeBase64((await publicKeyForV1(key)).publicKey)).toHaveLength(P256_SPKI_BYTES);
    expect(await signsAndVerifies(key)).toBe(true);
  });

  it('falls back to ECDSA P-256 when Ed25519 is missing, found by trying', async () => {
    const { subtle, ed25519Attempts } = subtleWithoutEd25519();
    expect(await isEd25519Available(subtle)).toBe(false);
    const key = await createSigningKey({ subtle });
    expect(ed25519Attempts()).toBeGreaterThan(0);
    expect(key.algorithm).toBe('ECDSA-P256');
    expect(await signsAndVerifies(key)).toBe(true);
    await expect(createSigningKey({ subtle, algorithm: 'Ed25519' })).rejects.toThrow(KeyError);
  });

  it('gives each key its own fingerprint: 16 bytes of SHA-256 of the public key, hex in groups of 4', async () => {
    const [first, second] = await Promise.all([createSigningKey(), createSigningKey({ algorithm: 'ECDSA-P256' })]);
    for (const key of [first, second]) {
      expect(key.fingerprint).toMatch(FINGERPRINT_PATTERN);
      expect(key.fingerprint).toBe(await fingerprintOf(key.publicKey));
      const hex = await sha256Hex(decodeBase64(key.publicKey)!);
      expect(key.fingerprint.replace(/-/g, '')).toBe(hex.slice(0, 32));
    }
    expect(first.fingerprint).not.toBe(second.fingerprint);
  });

  it('survives structured cloning (as IndexedDB stores it) and still signs', async () => {
    for (const algorithm of ['Ed25519', 'ECDSA-P256'] as const) {
      const stored = structuredClone(await createSigningKey({ algorithm }));
      expect(isSigningKey(stored)).toBe(true);
      expect(stored.privateKey.extractable).toBe(false);
      expect(await isSigningKeyUsable(stored)).toBe(true);
      expect(await signsAndVerifies(stored)).toBe(true);
    }
  });

  it('tells a damaged stored key from a usable one', async () => {
    const key = await createSigningKey();
    const other = await createSigningKey();
    expect(isSigningKey(null)).toBe(false);
    expect(isSigningKey({ ...key, privateKey: 'secret' })).toBe(false);
    expect(isSigningKey({ ...key, algorithm: 'RSA' })).toBe(false);
    expect(isSigningKey({ ...key, fingerprint: 'abc' })).toBe(false);
    // A public key that is not the private key's partner is caught by the self-test.
    expect(await isSigningKeyUsable({ ...key, publicKey: other.publicKey, fingerprint: other.fingerprint })).toBe(false);
    expect(await isSigningKeyUsable({ ...key, fingerprint: other.fingerprint })).toBe(false);
    expect(await isSigningKeyUsable(key)).toBe(true);
  });
});

describe('signingKeyFromSeed (demo keys)', () => {
  const hexBytes = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
  const toHexString = (bytes: Uint8Array): string => [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');

  it('makes the RFC 8032 test key from its secret, and signs as the RFC says', async () => {
    const key = await signingKeyFromSeed(hexBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'));
    expect(key.algorithm).toBe('Ed25519');
    expect(toHexString(decodeBase64(key.publicKey) ?? new Uint8Array())).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    expect(key.fingerprint).toMatch(FINGERPRINT_PATTERN);
    const signature = new Uint8Array(await crypto.subtle.sign(signAlgorithmParams('Ed25519'), key.privateKey, new Uint8Array(0)));
    expect(toHexString(signature)).toBe('e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b');
  });

  it('gives the same key for the same bytes, keeps the private half non-extractable, and refuses the wrong length', async () => {
    const seed = new Uint8Array(32).fill(7);
    const [first, second] = await Promise.all([signingKeyFromSeed(seed), signingKeyFromSeed(seed)]);
    expect(second.publicKey).toBe(first.publicKey);
    expect(first.privateKey.extractable).toBe(false);
    expect(isSigningKey(first)).toBe(true);
    expect(await isSigningKeyUsable(first)).toBe(true);
    await expect(signingKeyFromSeed(new Uint8Array(31))).rejects.toThrow(KeyError);
  });
});

describe('importPublicKey', () => {
  it('imports both kinds of key, in the form of version 2 records and (for P-256) the older SPKI form', async () => {
    for (const algorithm of ['Ed25519', 'ECDSA-P256'] as const) {
      const key = await createSigningKey({ algorithm });
      const older = await publicKeyForV1(key);
      for (const imported of [await importPublicKey(algorithm, key.publicKey), await importPublicKey(algorithm, key.publicKey, 'record'), await importPublicKey(algorithm, older.publicKey, 'spki')]) {
        expect(imported.type).toBe('public');
        expect(imported.algorithm.name).toBe(algorithm === 'Ed25519' ? 'Ed25519' : 'ECDSA');
      }
    }
  });

  it('makes P-256 keys as the 65-byte point, whose fingerprint is that of the point', async () => {
    const p256 = await createSigningKey({ algorithm: 'ECDSA-P256' });
    const point = decodeBase64(p256.publicKey)!;
    expect(point.length).toBe(65);
    expect(point[0]).toBe(4);
    expect(p256.fingerprint).toBe(await fingerprintOf(p256.publicKey));
    const older = await publicKeyForV1(p256);
    expect(decodeBase64(older.publicKey)!.subarray(26)).toEqual(point);
    expect(older.fingerprint).not.toBe(p256.fingerprint);
    // A key stored as SPKI before version 2 names its point in new records.
    expect(await publicKeyForRecords({ ...p256, ...older })).toEqual({ publicKey: p256.publicKey, fingerprint: p256.fingerprint });
  });

  it('refuses malformed keys with a plain message', async () => {
    const ed = await createSigningKey();
    const p256 = await createSigningKey({ algorithm: 'ECDSA-P256' });
    const spki = decodeBase64((await publicKeyForV1(p256)).publicKey)!;
    const badPoint = spki.slice();
    badPoint[spki.length - 1] = (badPoint[spki.length - 1] as number) ^ 1; // (x, y^1) is not on the curve
    const wrongHeader = spki.slice();
    wrongHeader[0] = 0x31;
    const badRawPoint = decodeBase64(p256.publicKey)!.slice();
    badRawPoint[64] = (badRawPoint[64] as number) ^ 1;
    const compressed = decodeBase64(p256.publicKey)!.slice();
    compressed[0] = 0x02;
    const cases: Array<[string, 'Ed25519' | 'ECDSA-P256', string, 'record' | 'spki', RegExp]> = [
      ['not base64', 'Ed25519', 'abc$', 'record', /not valid base64/],
      ['padding missing', 'Ed25519', ed.publicKey.replace(/=+$/, ''), 'record', /not valid base64/],
      ['Ed25519 too short', 'Ed25519', encodeBase64(new Uint8Array(31).fill(9)), 'record', /32 bytes, but this one is 31/],
      ['P-256 key as Ed25519', 'Ed25519', p256.publicKey, 'record', /32 bytes/],
      ['Ed25519 key as P-256', 'ECDSA-P256', ed.publicKey, 'record', /65-byte uncompressed point, but this one is 32 bytes/],
      ['Ed25519 key as P-256 SPKI', 'ECDSA-P256', ed.publicKey, 'spki', /91 bytes/],
      ['SPKI where the point is wanted', 'ECDSA-P256', encodeBase64(spki), 'record', /65-byte uncompressed point, but this one is 91 bytes/],
      ['the point where SPKI is wanted', 'ECDSA-P256', p256.publicKey, 'spki', /91 bytes/],
      ['P-256 point off the curve', 'ECDSA-P256', encodeBase64(badRawPoint), 'record', /not a valid ECDSA P-256 key/],
      ['P-256 point compressed', 'ECDSA-P256', encodeBase64(compressed), 'record', /must begin with byte 04/],
      ['P-256 SPKI point off the curve', 'ECDSA-P256', encodeBase64(badPoint), 'spki', /not a valid ECDSA P-256 key/],
      ['P-256 header changed', 'ECDSA-P256', encodeBase64(wrongHeader), 'spki', /not an uncompressed P-256 key/],
    ];
    for (const [name, algorithm, text, form, pattern] of cases) {
      const error = await importPublicKey(algorithm, text, form).then(() => undefined, (caught: unknown) => caught);
      expect(error, name).toBeInstanceOf(KeyError);
      expect((error as KeyError).message, name).toMatch(pattern);
    }
    await expect(importPublicKey('RSA' as 'Ed25519', ed.publicKey)).rejects.toThrow(/not a signature algorithm/);
  });

  it('refuses degenerate Ed25519 keys that would accept any signature', async () => {
    const identity = new Uint8Array(32);
    identity[0] = 1;
    // Node's WebCrypto itself accepts this key and a fixed "signature" for any message; we must not.
    const raw = await crypto.subtle.importKey('raw', identity, { name: 'Ed25519' }, true, ['verify']);
    const universal = new Uint8Array(64);
    universal[0] = 1;
    expect(await crypto.subtle.verify('Ed25519', raw, universal, message)).toBe(true);
    await expect(importPublicKey('Ed25519', encodeBase64(identity))).rejects.toThrow(/degenerate/);

    const p = 2n ** 255n - 19n;
    const order8 = 2707385501144840649318225287225658788936804267575313519463743609750303402022n;
    const encode = (y: bigint, isSignSet = false): Uint8Array => {
      const bytes = new Uint8Array(32);
      for (let index = 0; index < 32; index++) bytes[index] = Number((y >> BigInt(8 * index)) & 0xffn);
      if (isSignSet) bytes[31] = (bytes[31] as number) | 0x80;
      return bytes;
    };
    for (const y of [0n, 1n, p - 1n, order8, p - order8, p, p + 1n]) {
      expect(isSmallOrderEd25519(encode(y)), String(y)).toBe(true);
      expect(isSmallOrderEd25519(encode(y, true)), `${y} with sign bit`).toBe(true);
    }
    const genuine = await createSigningKey();
    expect(isSmallOrderEd25519(decodeBase64(genuine.publicKey)!)).toBe(false);
  });

  it('refuses base64 that is not text', async () => {
    await expect(fingerprintOf(42 as unknown as string)).rejects.toThrow(KeyError);
    await expect(fingerprintOf('')).rejects.toThrow(KeyError);
  });
});
