import { beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../../core/problems';
import { encodeBase64 } from '../../../core/integrity/base64';
import {
  KEY_REGISTER_FORMAT,
  findRegisteredKey,
  formatKeyRegister,
  keyRegisterEntry,
  parseKeyRegister,
  parseKeyRegisterBytes,
} from '../../../core/integrity/key-register';
import { createSigningKey, type SigningKey } from '../../../core/integrity/keys';

let ed: SigningKey;
let p256: SigningKey;

beforeAll(async () => {
  ed = await createSigningKey();
  p256 = await createSigningKey({ algorithm: 'ECDSA-P256' });
});

function registerText(keys: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: KEY_REGISTER_FORMAT, ...extra, keys });
}

function entry(key: SigningKey, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'Priya Shah', role: 'assessor', number: 'A1042', fingerprint: key.fingerprint, publicKey: key.publicKey, algorithm: key.algorithm, ...overrides };
}

async function problemsOf(text: string): Promise<string[]> {
  const result = await parseKeyRegister(text);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('parseKeyRegister', () => {
  it('reads a register it wrote, with both algorithms', async () => {
    const text = formatKeyRegister(
      [keyRegisterEntry(ed, { name: 'Priya Shah', role: 'assessor', number: 'A1042' }), keyRegisterEntry(p256, { name: 'Jo Quality', role: 'iqa' })],
      { name: 'Northgate College', number: '58231' },
    );
    const result = await parseKeyRegister(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.register.centre).toEqual({ name: 'Northgate College', number: '58231' });
    expect(result.register.keys).toEqual([
      { name: 'Priya Shah', role: 'assessor', number: 'A1042', fingerprint: ed.fingerprint, publicKey: ed.publicKey, algorithm: 'Ed25519' },
      { name: 'Jo Quality', role: 'iqa', fingerprint: p256.fingerprint, publicKey: p256.publicKey, algorithm: 'ECDSA-P256' },
    ]);
    expect(findRegisteredKey(result.register, 'Ed25519', ed.publicKey)).toHaveLength(1);
    expect(findRegisteredKey(result.register, 'ECDSA-P256', ed.publicKey)).toHaveLength(0);
  });

  it('accepts a byte-order mark, capital fingerprints, x- extensions and one person holding both roles', async () => {
    const text = `\uFEFF${registerText([entry(ed, { fingerprint: ed.fingerprint.toUpperCase(), 'x-note': 'issued 2026' }), entry(ed, { role: 'iqa' })], { 'x-issued': '2026-09-01' })}`;
    const result = await parseKeyRegister(text);
    expect(result.ok).toBe(true);
    expect(result.ok && result.register.keys.map((key) => [key.role, key.fingerprint])).toEqual([
      ['assessor', ed.fingerprint],
      ['iqa', ed.fingerprint],
    ]);
    const fromBytes = await parseKeyRegisterBytes(new TextEncoder().encode(text));
    expect(fromBytes.ok).toBe(true);
  });

  it('reports every problem with where it is', async () => {
    const problems = await problemsOf(
      registerText([
        entry(ed, { fingerprint: p256.fingerprint }),
        entry(ed, { name: '', role: 'boss', algorithm: 'RSA' }),
        entry(p256, { publicKey: 'not base64' }),
        entry(p256, { publicKey: ed.publicKey }),
        entry(ed, { fingerprint: 'abcd', colour: 'blue' }),
        'a string',
      ], { format: 'portfolio-key-register/2' }),
    );
    expect(problems).toEqual([
      '/format: The format "portfolio-key-register/2" is not one this program reads; it must be "portfolio-key-register/1".',
      `/keys/0/fingerprint: The fingerprint ${p256.fingerprint} is not that of the public key beside it, whose fingerprint is ${ed.fingerprint}.`,
      '/keys/1/name: The name is empty.',
      '/keys/1/role: The role "boss" is not known; it must be "assessor" or "iqa".',
      '/keys/1/algorithm: The algorithm "RSA" is not supported; it must be "Ed25519" or "ECDSA-P256".',
      '/keys/2/publicKey: The public key is not valid base64 text.',
      '/keys/3/publicKey: The public key is not usable: an ECDSA P-256 public key is 91 bytes, but this one is 32.',
      '/keys/4/colour: "colour" is not a field of a key register; the fields are "name", "role", "number", "fingerprint", "publicKey", "algorithm".',
      '/keys/4/fingerprint: "abcd" is not a key fingerprint; it should look like 3f2a-91bc-0d4e-7781-a2c3-55e0-19bd-c4f6.',
      '/keys/5: Each key must be an object with "name", "role", "fingerprint", "publicKey" and "algorithm".',
    ]);
  });

  it('refuses a key listed for two people, or twice for one', async () => {
    expect(await problemsOf(registerText([entry(ed), entry(ed, { name: 'Someone Else' })]))).toEqual([
      `/keys/1: The key ${ed.fingerprint} is listed for both Priya Shah and Someone Else; a key belongs to one person.`,
    ]);
    expect(await problemsOf(registerText([entry(ed), entry(p256), entry(ed)]))).toEqual([`/keys/2: The key ${ed.fingerprint} is listed twice for Priya Shah as an assessor.`]);
  });

  it('refuses a degenerate key', async () => {
    const identity = new Uint8Array(32);
    identity[0] = 1;
    const problems = await problemsOf(registerText([entry(ed, { publicKey: encodeBase64(identity) })]));
    expect(problems).toEqual(['/keys/0/publicKey: The public key is not usable: it is a degenerate Ed25519 key that would accept any signature.']);
  });

  it('explains files that are not registers at all', async () => {
    expect(await problemsOf('{ nope')).toEqual([expect.stringMatching(/^The key register is not valid JSON/)]);
    expect(await problemsOf('[]')).toEqual(['The key register must be a JSON object with "format" and "keys".']);
    expect(await problemsOf('{}')).toEqual([
      '/format: The "format" is missing; it must be "portfolio-key-register/1".',
      '/keys: The list of "keys" is missing.',
    ]);
    expect(await problemsOf(registerText([]))).toEqual(['/keys: The register lists no keys.']);
    expect(await problemsOf(JSON.stringify({ format: KEY_REGISTER_FORMAT, keys: {} }))).toEqual(['/keys: The "keys" must be a list.']);
    expect(await problemsOf(registerText([entry(ed)], { centre: 'Northgate' }))).toEqual(['/centre: The centre must be an object with a "name" and an optional "number".']);
    const big = await parseKeyRegisterBytes(new Uint8Array(1024 * 1024 + 1));
    expect(!big.ok && big.problems[0]!.message).toMatch(/larger than 1 MiB/);
    const notUtf8 = await parseKeyRegisterBytes(new Uint8Array([0x7b, 0xff, 0x7d]));
    expect(!notUtf8.ok && notUtf8.problems[0]!.message).toBe('The key register is not UTF-8 text.');
  });
});
