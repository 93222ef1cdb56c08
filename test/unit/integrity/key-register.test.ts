import { beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../../core/problems';
import { encodeBase64 } from '../../../core/integrity/base64';
import {
  KEY_REGISTER_FORMAT,
  KEY_REGISTER_FORMAT_V1,
  compareRegisters,
  findRegisteredKey,
  formatKeyRegister,
  keyRegisterEntry,
  keyRegisterText,
  parseKeyRegister,
  parseKeyRegisterBytes,
  signKeyRegister,
  type KeyRegister,
} from '../../../core/integrity/key-register';
import { createSigningKey, publicKeyForV1, type SigningKey } from '../../../core/integrity/keys';

let ed: SigningKey;
/** A P-256 key as registers and records of version 1 write it (SPKI). */
let p256: SigningKey;
/** The same key as version 2 writes it (the point). */
let p256Point: SigningKey;

beforeAll(async () => {
  ed = await createSigningKey();
  p256Point = await createSigningKey({ algorithm: 'ECDSA-P256' });
  p256 = { ...p256Point, ...(await publicKeyForV1(p256Point)) };
});

/** A register of version 1 (unsigned, no dates). */
function registerText(keys: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: KEY_REGISTER_FORMAT_V1, ...extra, keys });
}

function entry(key: SigningKey, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'Priya Shah', role: 'assessor', number: 'A1042', fingerprint: key.fingerprint, publicKey: key.publicKey, algorithm: key.algorithm, ...overrides };
}

async function problemsOf(text: string): Promise<string[]> {
  const result = await parseKeyRegister(text);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('parseKeyRegister on registers of version 1', () => {
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
      ]),
    );
    expect(problems).toEqual([
      `/keys/0/fingerprint: The fingerprint ${p256.fingerprint} is not that of the public key beside it, whose fingerprint is ${ed.fingerprint}.`,
      '/keys/1/name: The name is empty.',
      '/keys/1/role: The role "boss" is not known; it must be "assessor" or "iqa".',
      '/keys/1/algorithm: The algorithm "RSA" is not supported; it must be "Ed25519" or "ECDSA-P256".',
      '/keys/2/publicKey: The public key is not valid base64 text.',
      '/keys/3/publicKey: The public key is not usable: an ECDSA P-256 public key in SPKI form is 91 bytes, but this one is 32.',
      '/keys/4/colour: "colour" is not a field of a key register; the fields are "name", "role", "number", "fingerprint", "publicKey", "algorithm".',
      '/keys/4/fingerprint: "abcd" is not a key fingerprint; it should look like 3f2a-91bc-0d4e-7781-a2c3-55e0-19bd-c4f6.',
      '/keys/5: Each key must be an object with "name", "role", "fingerprint", "publicKey" and "algorithm".',
    ]);
  });

  it('names a format it does not read', async () => {
    expect(await problemsOf(registerText([entry(ed)], { format: 'portfolio-key-register/3' }))).toEqual([
      '/format: The format "portfolio-key-register/3" is not one this program reads; it must be "portfolio-key-register/2" (or the older "portfolio-key-register/1").',
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
      '/format: The "format" is missing; it must be "portfolio-key-register/2" (or the older "portfolio-key-register/1").',
      '/keys: The list of "keys" is missing.',
    ]);
    expect(await problemsOf(registerText([]))).toEqual(['/keys: The register lists no keys.']);
    expect(await problemsOf(JSON.stringify({ format: KEY_REGISTER_FORMAT_V1, keys: {} }))).toEqual(['/keys: The "keys" must be a list.']);
    expect(await problemsOf(registerText([entry(ed)], { centre: 'Northgate' }))).toEqual(['/centre: The centre must be an object with a "name" and an optional "number".']);
    const big = await parseKeyRegisterBytes(new Uint8Array(1024 * 1024 + 1));
    expect(!big.ok && big.problems[0]!.message).toMatch(/larger than 1 MiB/);
    const notUtf8 = await parseKeyRegisterBytes(new Uint8Array([0x7b, 0xff, 0x7d]));
    expect(!notUtf8.ok && notUtf8.problems[0]!.message).toBe('The key register is not UTF-8 text.');
  });
});

describe('registers of version 2: signed by the centre, with validity dates', () => {
  let centre: SigningKey;
  let signed: KeyRegister;

  beforeAll(async () => {
    centre = await createSigningKey();
    signed = await signKeyRegister(
      {
        centre: { name: 'Northgate College' },
        keys: [
          keyRegisterEntry(ed, { name: 'Priya Shah', role: 'assessor', validFrom: '2026-09-01', validUntil: '2027-08-31' }),
          keyRegisterEntry(p256Point, { name: 'Jo Quality', role: 'iqa', validFrom: '2026-09-01', revoked: '2027-01-15' }),
        ],
      },
      centre,
      { name: 'Sam Centre', number: 'C1' },
    );
  });

  it('reads a register it signed, with the point form of P-256 keys', async () => {
    const parsed = await parseKeyRegister(keyRegisterText(signed));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.register.format).toBe(KEY_REGISTER_FORMAT);
    expect(parsed.register.signedBy).toEqual({ name: 'Sam Centre', number: 'C1', fingerprint: centre.fingerprint });
    expect(parsed.register.keys.map((key) => [key.name, key.validFrom, key.validUntil, key.revoked])).toEqual([
      ['Priya Shah', '2026-09-01', '2027-08-31', undefined],
      ['Jo Quality', '2026-09-01', undefined, '2027-01-15'],
    ]);
    // The same P-256 key is found whether a record writes it as the point or (version 1) as SPKI.
    expect(findRegisteredKey(parsed.register, 'ECDSA-P256', p256Point.publicKey)).toHaveLength(1);
    expect(findRegisteredKey(parsed.register, 'ECDSA-P256', p256.publicKey, 'spki')).toHaveLength(1);
    expect(findRegisteredKey(parsed.register, 'ECDSA-P256', p256.publicKey, 'record')).toHaveLength(0);
  });

  it('refuses a register changed after signing, unsigned, or signed by another key than it names', async () => {
    const changed = JSON.parse(keyRegisterText(signed)) as Record<string, unknown> & { keys: Array<Record<string, unknown>> };
    changed.keys[0]!.validUntil = '2030-01-01';
    expect(await problemsOf(JSON.stringify(changed))).toEqual(['/signature: The register’s signature does not match its content: it has been changed since the centre signed it.']);
    const added = JSON.parse(keyRegisterText(signed)) as Record<string, unknown> & { keys: unknown[] };
    added['x-note'] = 'added later';
    expect(await problemsOf(JSON.stringify(added))).toEqual(['/signature: The register’s signature does not match its content: it has been changed since the centre signed it.']);
    const unsigned = JSON.parse(keyRegisterText(signed)) as Record<string, unknown>;
    delete unsigned.signature;
    expect(await problemsOf(JSON.stringify(unsigned))).toEqual(['/signature: The register is not signed ("signature" is missing); a register of version 2 must be signed by the centre’s key.']);
    const misnamed = JSON.parse(keyRegisterText(signed)) as { signedBy: { fingerprint: string } };
    misnamed.signedBy.fingerprint = ed.fingerprint;
    expect(await problemsOf(JSON.stringify(misnamed))).toEqual([`/signedBy/fingerprint: The register says it was signed by key ${ed.fingerprint}, but its signature is by key ${centre.fingerprint}.`]);
  });

  it('requires each key’s first valid day, and real dates in order', async () => {
    const text = JSON.stringify({
      format: KEY_REGISTER_FORMAT,
      keys: [
        { ...keyRegisterEntry(ed, { name: 'A', role: 'assessor' }) },
        { ...keyRegisterEntry(p256Point, { name: 'B', role: 'assessor', validFrom: '2026-02-30' }) },
        { ...keyRegisterEntry(centre, { name: 'C', role: 'assessor', validFrom: '2026-09-01', validUntil: '2026-08-01', revoked: 'soon' }) },
      ],
      signedBy: { name: 'Sam Centre', fingerprint: centre.fingerprint },
    });
    expect(await problemsOf(text)).toEqual([
      '/keys/0/validFrom: The first day the key is valid ("validFrom") is missing.',
      '/keys/1/validFrom: The first day the key is valid ("validFrom") must be a date such as 2026-09-01.',
      '/keys/2/revoked: The day the key was revoked ("revoked") must be a date such as 2026-09-01.',
      '/keys/2/validUntil: The key would stop being valid (2026-08-01) before it starts (2026-09-01).',
      '/signature: The register is not signed ("signature" is missing); a register of version 2 must be signed by the centre’s key.',
    ]);
  });

  it('says what a new register changes, and whether the centre’s key changed', async () => {
    const other = await createSigningKey();
    const next = await signKeyRegister(
      {
        keys: [
          keyRegisterEntry(ed, { name: 'Priya Shah', role: 'assessor', validFrom: '2026-09-01', validUntil: '2027-08-31', revoked: '2026-12-01' }),
          keyRegisterEntry(other, { name: 'Tom Okafor', role: 'assessor', validFrom: '2026-12-01' }),
        ],
      },
      other,
      { name: 'Someone' },
    );
    const comparison = compareRegisters(signed, next);
    expect(comparison.isSignerChanged).toBe(true);
    expect(comparison.isDowngrade).toBe(false);
    expect(comparison.changes.map((change) => [change.kind, change.entry.name, change.details])).toEqual([
      ['changed', 'Priya Shah', ['revoked from 2026-12-01']],
      ['added', 'Tom Okafor', []],
      ['removed', 'Jo Quality', []],
    ]);
    const older = await parseKeyRegister(formatKeyRegister([keyRegisterEntry(ed, { name: 'Priya Shah', role: 'assessor' })]));
    expect(older.ok && compareRegisters(signed, older.register).isDowngrade).toBe(true);
    expect(compareRegisters(undefined, signed).changes.map((change) => change.kind)).toEqual(['added', 'added']);
  });
});
