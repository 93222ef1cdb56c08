/**
 * CONTRACTS.md §5, byte for byte: the program signs fixed inputs with fixed keys (RFC 8032's
 * test secret keys) and must produce exactly the records in test/fixtures/signed-records/
 * vector-v2.json; and a verifier written here from §5 alone, sharing no code with the program
 * (its own JCS, its own fingerprint), accepts them. If either half fails, the code and the
 * contract have drifted apart: fix the code, never the vector.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyRegisterEntry, keyRegisterText, parseKeyRegister, signKeyRegister } from '../../../core/integrity/key-register';
import { signingKeyFromSeed } from '../../../core/integrity/keys';
import { ChainSigner, payloadHash, payloadText, toEnvelope } from '../../../core/integrity/signed-record';

interface VectorRecord {
  kind: 'decision' | 'unit-sign-off';
  envelope: Record<string, unknown> & { signature: { algorithm: string; publicKey: string; value: string }; previous: string | null; sequence: number };
  payload: string;
  payloadSha256: string;
}

interface Vector {
  keys: Record<'assessor' | 'centre', { algorithm: string; seedHex: string; publicKey: string; fingerprint: string }>;
  identity: { learner: { name: string; number: string | null }; qualification: { id: string; version: string } };
  records: VectorRecord[];
  keyRegister: { text: string };
}

const vector = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/signed-records/vector-v2.json'), 'utf8')) as Vector;

const fromHex = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(text.match(/../g)!.map((byte) => Number.parseInt(byte, 16)));

describe('the program signs exactly the vector', () => {
  it('makes the same keys, records, payloads, hashes and signatures from the same inputs', async () => {
    const assessor = await signingKeyFromSeed(fromHex(vector.keys.assessor.seedHex));
    const centre = await signingKeyFromSeed(fromHex(vector.keys.centre.seedHex));
    // RFC 8032 §7.1 TEST 1's public key.
    expect(Buffer.from(assessor.publicKey, 'base64').toString('hex')).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    expect([assessor.publicKey, assessor.fingerprint]).toEqual([vector.keys.assessor.publicKey, vector.keys.assessor.fingerprint]);
    expect([centre.publicKey, centre.fingerprint]).toEqual([vector.keys.centre.publicKey, vector.keys.centre.fingerprint]);

    const chain = new ChainSigner(assessor, vector.identity);
    const signer = { role: 'assessor' as const, name: 'Priya Shah', number: 'A1042', centre: 'Northgate College', keyFingerprint: assessor.fingerprint };
    const decision = await chain.sign('decision', {
      id: 'decision-0001',
      portfolioId: 'portfolio-0001',
      markingPointId: 'CS5.2.2',
      status: 'not-yet',
      feedback: 'Not yet met: add the follow-up call. Café “naïve” 👍',
      evidence: [
        { evidenceId: 'evidence-0002', contentHash: `sha256:${'ab'.repeat(32)}` },
        { evidenceId: 'evidence-0001', contentHash: `sha256:${'01'.repeat(32)}` },
      ],
      signer,
      decidedAt: '2026-11-22T10:15:00.000Z',
    });
    const signOff = await chain.sign('unit-sign-off', {
      id: 'sign-off-0001',
      portfolioId: 'portfolio-0001',
      unitId: 'CS5',
      declaration: 'I confirm every marking point of unit CS5 is met.',
      decisionIds: ['decision-0001'],
      signer,
      signedAt: '2026-11-23T09:00:00Z',
    });
    const made = [
      ['decision', decision],
      ['unit-sign-off', signOff],
    ] as const;
    for (const [index, [kind, record]] of made.entries()) {
      const expected = vector.records[index]!;
      expect(kind).toBe(expected.kind);
      expect(toEnvelope(kind, record)).toEqual(expected.envelope);
      expect(payloadText(kind, record)).toBe(expected.payload);
      expect(await payloadHash(kind, record)).toBe(expected.payloadSha256);
    }

    const register = await signKeyRegister(
      {
        centre: { name: 'Northgate College', number: '58231' },
        keys: [keyRegisterEntry(assessor, { name: 'Priya Shah', role: 'assessor', number: 'A1042', validFrom: '2026-09-01', validUntil: '2027-08-31' })],
      },
      centre,
      { name: 'Sam Centre' },
    );
    expect(keyRegisterText(register)).toBe(vector.keyRegister.text);
    expect((await parseKeyRegister(vector.keyRegister.text)).ok).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// A verifier from §5 alone.

/** RFC 8785 for the values these records hold: sorted members, ECMAScript string and number forms. */
function independentJcs(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(independentJcs).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${independentJcs(item)}`).join(',')}}`;
}

async function independentFingerprint(publicKey: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', publicKey)).subarray(0, 16);
  const hex = Buffer.from(digest).toString('hex');
  return hex.match(/.{4}/g)!.join('-');
}

async function independentVerify(envelope: VectorRecord['envelope']): Promise<{ isGenuine: boolean; payload: string; hash: string; fingerprint: string }> {
  const { signature, ...payloadObject } = envelope;
  const payload = independentJcs(payloadObject);
  const bytes = new TextEncoder().encode(payload);
  const publicKey = Uint8Array.from(Buffer.from(signature.publicKey, 'base64'));
  const key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  const isGenuine = await crypto.subtle.verify({ name: 'Ed25519' }, key, Uint8Array.from(Buffer.from(signature.value, 'base64')), bytes);
  const hash = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
  return { isGenuine, payload, hash, fingerprint: await independentFingerprint(publicKey) };
}

describe('a third party verifies the vector from CONTRACTS.md §5 alone', () => {
  it('each payload is the JCS of the envelope without its signature, and the signatures verify', async () => {
    let previousHash: string | null = null;
    for (const [index, record] of vector.records.entries()) {
      const result = await independentVerify(record.envelope);
      expect(result.isGenuine).toBe(true);
      expect(result.payload).toBe(record.payload);
      expect(result.hash).toBe(record.payloadSha256);
      expect(record.envelope.purpose).toBe(`portfolio-${record.kind}/2`);
      expect((record.envelope.signer as { keyFingerprint: string }).keyFingerprint).toBe(result.fingerprint);
      expect(record.envelope.sequence).toBe(index + 1);
      expect(record.envelope.previous).toBe(previousHash);
      previousHash = result.hash;
    }
  });

  it('the key register is signed over the JCS of the register without its signature', async () => {
    const register = JSON.parse(vector.keyRegister.text) as Record<string, unknown> & { signature: { publicKey: string; value: string }; signedBy: { fingerprint: string } };
    const { signature, ...rest } = register;
    const publicKey = Uint8Array.from(Buffer.from(signature.publicKey, 'base64'));
    const key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
    const isGenuine = await crypto.subtle.verify({ name: 'Ed25519' }, key, Uint8Array.from(Buffer.from(signature.value, 'base64')), new TextEncoder().encode(independentJcs(rest)));
    expect(isGenuine).toBe(true);
    expect(register.signedBy.fingerprint).toBe(await independentFingerprint(publicKey));
    expect(register.format).toBe('portfolio-key-register/2');
  });

  it('any change to a record makes it fail', async () => {
    const changed = structuredClone(vector.records[0]!.envelope);
    (changed.content as { status: string }).status = 'met';
    expect((await independentVerify(changed)).isGenuine).toBe(false);
    const relabelled = structuredClone(vector.records[0]!.envelope);
    relabelled.purpose = 'portfolio-unit-sign-off/2';
    expect((await independentVerify(relabelled)).isGenuine).toBe(false);
  });
});
