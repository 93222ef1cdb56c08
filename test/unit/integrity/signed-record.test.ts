/** Signing records of version 2: what is signed, and what is refused before anything is signed. */
import { beforeAll, describe, expect, it } from 'vitest';
import { jcs } from '../../../core/integrity/canonical-json';
import { createSigningKey, type SigningKey } from '../../../core/integrity/keys';
import {
  ChainSigner,
  FIRST_POSITION,
  SIGNED_KINDS,
  SigningError,
  payloadOf,
  payloadText,
  positionAfter,
  purposeOf,
  signRecord,
  toEnvelope,
  type UnsignedRecord,
} from '../../../core/integrity/signed-record';

let key: SigningKey;
const identity = { learner: { name: 'Sam Learner', number: null }, qualification: { id: 'cs-test', version: '1' } };
const signer = { role: 'assessor' as const, name: 'Priya Shah', keyFingerprint: 'ignored' };

function decision(overrides: Record<string, unknown> = {}): UnsignedRecord<'decision'> {
  return {
    id: 'd-1',
    portfolioId: 'p-1',
    markingPointId: 'CS5.1.1',
    status: 'met',
    feedback: 'Well evidenced.',
    evidence: [{ evidenceId: 'ev-1', contentHash: `sha256:${'a'.repeat(64)}` }],
    signer,
    decidedAt: '2026-11-22T10:15:00.000Z',
    ...overrides,
  } as UnsignedRecord<'decision'>;
}

beforeAll(async () => {
  key = await createSigningKey();
});

describe('signRecord', () => {
  it('signs every field of §5 and nothing else, with its purpose first in meaning', async () => {
    const record = await signRecord('decision', { ...decision(), ...({ extra: 'not signed' } as object) } as UnsignedRecord<'decision'>, identity, FIRST_POSITION, key);
    const payload = payloadOf('decision', record);
    expect(Object.keys(payload).sort()).toEqual(['content', 'learner', 'portfolioId', 'previous', 'purpose', 'qualification', 'recordId', 'sequence', 'signedAt', 'signer']);
    expect(payload.learner).toEqual({ name: 'Sam Learner', number: null });
    expect(payload.signer).toEqual({ role: 'assessor', name: 'Priya Shah', keyFingerprint: key.fingerprint });
    expect(payloadText('decision', record)).toBe(jcs(payload));
    expect(payloadText('decision', record)).not.toContain('not signed');
    // Every field of the envelope moves the payload.
    const envelope = toEnvelope('decision', record);
    for (const field of Object.keys(payload)) {
      const changed = structuredClone(record) as unknown as Record<string, unknown>;
      const flat: Record<string, string> = { recordId: 'id', signedAt: 'decidedAt' };
      if (field === 'purpose') continue; // fixed by the kind
      if (field in flat) changed[flat[field]!] = 'changed';
      else if (field === 'learner' || field === 'qualification' || field === 'sequence' || field === 'previous') (changed.chain as Record<string, unknown>)[field] = 'changed';
      else if (field === 'content') changed.feedback = 'changed';
      else changed[field] = 'changed';
      expect(payloadText('decision', changed), field).not.toBe(payloadText('decision', record));
    }
    expect(envelope.signature).toEqual(record.signature);
  });

  it('names a different purpose for each kind', () => {
    expect(SIGNED_KINDS.map(purposeOf)).toEqual(['portfolio-decision/2', 'portfolio-unit-sign-off/2', 'portfolio-iqa-sample/2', 'portfolio-declaration/2']);
  });

  it('keeps each signer’s chain: 1, 2, 3, each naming the hash of the one before', async () => {
    const chain = new ChainSigner(key, identity);
    const first = await chain.sign('decision', decision());
    const second = await chain.sign('decision', decision({ id: 'd-2' }));
    expect(first.chain).toMatchObject({ sequence: 1, previous: null });
    expect(second.chain).toEqual({ ...identity, ...(await positionAfter('decision', first)) });
    expect(second.chain!.sequence).toBe(2);
    expect(second.chain!.previous).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, () => Promise<unknown>, RegExp]>([
    ['no id', () => signRecord('decision', decision({ id: '' }), identity, FIRST_POSITION, key), /record id is empty/],
    ['a status that is not a judgement', () => signRecord('decision', decision({ status: 'maybe' }), identity, FIRST_POSITION, key), /must be "met" or "not yet met"/],
    ['evidence without a content hash', () => signRecord('decision', decision({ evidence: [{ evidenceId: 'ev-1', contentHash: 'x' }] }), identity, FIRST_POSITION, key), /has no content hash/],
    ['evidence twice', () => signRecord('decision', decision({ evidence: [{ evidenceId: 'ev-1', contentHash: `sha256:${'a'.repeat(64)}` }, { evidenceId: 'ev-1', contentHash: `sha256:${'b'.repeat(64)}` }] }), identity, FIRST_POSITION, key), /listed twice/],
    ['a time that is not UTC', () => signRecord('decision', decision({ decidedAt: '2026-11-22T10:15:00+01:00' }), identity, FIRST_POSITION, key), /UTC date and time/],
    ['the wrong role', () => signRecord('decision', decision({ signer: { ...signer, role: 'iqa' } }), identity, FIRST_POSITION, key), /Only an assessor can sign this/],
    ['a learner signing a decision', () => signRecord('decision', decision({ signer: { ...signer, role: 'learner' } }), identity, FIRST_POSITION, key), /Only an assessor can sign this/],
    ['an assessor signing the learner’s declaration', () => signRecord('declaration', { id: 'x', portfolioId: 'p-1', kind: 'learner-authenticity', name: 'Priya Shah', text: 'Mine.', signedAt: '2026-11-22T10:15:00Z', signer }, identity, FIRST_POSITION, key), /Only the learner can sign the declaration/],
    ['no learner name', () => signRecord('decision', decision(), { ...identity, learner: { name: ' ', number: null } }, FIRST_POSITION, key), /learner's name is empty/],
    ['place 0', () => signRecord('decision', decision(), identity, { sequence: 0, previous: null }, key), /whole number from 1/],
    ['a first record naming a previous one', () => signRecord('decision', decision(), identity, { sequence: 1, previous: 'a'.repeat(64) }, key), /first record of a chain names no previous record/],
    ['a later record naming none', () => signRecord('decision', decision(), identity, { sequence: 2, previous: null }, key), /first record of a chain names no previous record/],
    ['text that is not valid Unicode', () => signRecord('decision', decision({ feedback: 'bad \udc00' }), identity, FIRST_POSITION, key), /not valid Unicode/],
    ['a sign-off on no decisions', () => signRecord('unit-sign-off', { id: 's', portfolioId: 'p-1', unitId: 'CS5', declaration: 'Done.', decisionIds: [], signer, signedAt: '2026-11-22T10:15:00Z' }, identity, FIRST_POSITION, key), /at least one decision/],
    ['a damaged key', () => signRecord('decision', decision(), identity, FIRST_POSITION, { ...key, privateKey: {} as CryptoKey }), /damaged or missing/],
  ])('refuses %s, saying why', async (_name, attempt, pattern) => {
    const error = await attempt().then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(SigningError);
    expect((error as Error).message).toMatch(pattern);
  });

  it('always names the key that really signs, whatever fingerprint the caller wrote', async () => {
    const record = await signRecord('decision', decision({ signer: { ...signer, keyFingerprint: 'aaaa-bbbb-cccc-dddd-eeee-ffff-0000-1111' } }), identity, FIRST_POSITION, key);
    expect(record.signer.keyFingerprint).toBe(key.fingerprint);
  });
});
