import { beforeAll, describe, expect, it } from 'vitest';
import type { AssessorDecision, PortfolioContent } from '../../../core/model/portfolio';
import { decodeBase64 } from '../../../core/integrity/base64';
import { importPublicKey, signAlgorithmParams } from '../../../core/integrity/keys';
import {
  DECISION_PURPOSE,
  IQA_SAMPLE_PURPOSE,
  SIGN_OFF_PURPOSE,
  SigningError,
  canSample,
  decisionPayload,
  iqaSamplePayload,
  payloadBytes,
  signDecision,
  signOffPayload,
  signSignOff,
  type UnsignedDecision,
} from '../../../core/integrity/signing';
import { PORTFOLIO_ID, decide, hashesOf, makeCast, sample, signedPortfolio, signerFor, type Cast } from './fixtures';

let cast: Cast;
let content: PortfolioContent;

beforeAll(async () => {
  cast = await makeCast();
  content = await signedPortfolio(cast, 1);
});

async function unsignedDecision(overrides: Partial<UnsignedDecision> = {}): Promise<UnsignedDecision> {
  const hashes = await hashesOf(content.evidence);
  return {
    id: 'd-new',
    portfolioId: PORTFOLIO_ID,
    markingPointId: 'CS5.1.1',
    status: 'met',
    feedback: 'Good.',
    evidence: [{ evidenceId: 'ev-1', contentHash: hashes.get('ev-1')! }],
    signer: signerFor(cast.assessor, 'assessor', 'Priya Shah'),
    decidedAt: '2026-11-22T10:15:00.000Z',
    ...overrides,
  };
}

describe('signDecision', () => {
  it('returns the record with a signature over its canonical payload', async () => {
    const unsigned = await unsignedDecision();
    const decision = await signDecision(unsigned, cast.assessor);
    expect(decision).toMatchObject({ ...unsigned, signature: { algorithm: 'Ed25519', publicKey: cast.assessor.publicKey } });
    expect(decodeBase64(decision.signature.value)).toHaveLength(64);
    const publicKey = await importPublicKey(decision.signature.algorithm, decision.signature.publicKey);
    const isGenuine = await crypto.subtle.verify(
      signAlgorithmParams(decision.signature.algorithm),
      publicKey,
      decodeBase64(decision.signature.value)! as Uint8Array<ArrayBuffer>,
      payloadBytes(decisionPayload(decision)),
    );
    expect(isGenuine).toBe(true);
  });

  it('covers every field of the record in the payload, led by its purpose', async () => {
    const decision = content.decisions[0]!;
    const payload = JSON.parse(decisionPayload(decision)) as Record<string, unknown>;
    expect(payload).toEqual({
      purpose: DECISION_PURPOSE,
      portfolioId: decision.portfolioId,
      decisionId: decision.id,
      markingPointId: decision.markingPointId,
      status: decision.status,
      feedback: decision.feedback,
      evidence: decision.evidence,
      signer: decision.signer,
      decidedAt: decision.decidedAt,
    });
    // Every field but the signature itself is covered.
    const { signature: _signature, ...fields } = decision;
    const base = decisionPayload(decision);
    for (const field of Object.keys(fields) as Array<keyof typeof fields>) {
      const changed = { ...decision, [field]: field === 'evidence' ? [] : field === 'signer' ? { ...decision.signer, name: 'X' } : 'changed' };
      expect(decisionPayload(changed as AssessorDecision), field).not.toBe(base);
    }
    // Key order of the record does not matter, and the signature itself is not covered.
    const reordered = Object.fromEntries(Object.entries(decision).reverse()) as unknown as AssessorDecision;
    expect(decisionPayload(reordered)).toBe(base);
    const otherSignature: AssessorDecision = { ...decision, signature: content.decisions[1]!.signature };
    expect(decisionPayload(otherSignature)).toBe(base);
  });

  it('names a different purpose for each kind of record', () => {
    expect(JSON.parse(signOffPayload(content.signOffs[0]!))).toMatchObject({ purpose: SIGN_OFF_PURPOSE, signOffId: 's-1', unitId: 'CS5', decisionIds: ['d-1', 'd-2'] });
    expect(JSON.parse(iqaSamplePayload(content.iqaSamples[0]!))).toMatchObject({ purpose: IQA_SAMPLE_PURPOSE, sampleId: 'q-1', outcome: 'agree' });
    expect(new Set([DECISION_PURPOSE, SIGN_OFF_PURPOSE, IQA_SAMPLE_PURPOSE]).size).toBe(3);
  });

  it('always names the key that really signs, whatever fingerprint the caller wrote', async () => {
    const blank = await signDecision(await unsignedDecision({ signer: { role: 'assessor', name: 'Priya Shah', keyFingerprint: '' } }), cast.assessor);
    expect(blank.signer.keyFingerprint).toBe(cast.assessor.fingerprint);
    const claimed = await signDecision(await unsignedDecision({ signer: signerFor(cast.secondAssessor, 'assessor', 'Priya Shah') }), cast.assessor);
    expect(claimed.signer.keyFingerprint).toBe(cast.assessor.fingerprint);
    expect(claimed.signature.publicKey).toBe(cast.assessor.publicKey);
  });

  it('refuses to sign a malformed decision, saying what is wrong', async () => {
    const cases: Array<[Partial<UnsignedDecision>, RegExp]> = [
      [{ id: '' }, /decision id is empty/],
      [{ markingPointId: '  ' }, /marking point is empty/],
      [{ status: 'passed' as 'met' }, /"met" or "not yet met"/],
      [{ decidedAt: '22/11/2026' }, /date and time/],
      [{ decidedAt: '2026-11-22' }, /date and time/],
      [{ decidedAt: '2026-13-22T10:15:00Z' }, /date and time/],
      [{ evidence: [{ evidenceId: 'ev-1', contentHash: 'abc' }] }, /no content hash/],
      [{ evidence: [{ evidenceId: 'ev-1', contentHash: `sha256:${'0'.repeat(64)}` }, { evidenceId: 'ev-1', contentHash: `sha256:${'0'.repeat(64)}` }] }, /listed twice/],
      [{ signer: signerFor(cast.assessor, 'iqa', 'Priya Shah') }, /Only an assessor/],
      [{ signer: { ...signerFor(cast.assessor, 'assessor', ''), name: '' } }, /signer's name is empty/],
      [{ feedback: undefined as unknown as string }, /feedback is missing/],
    ];
    for (const [overrides, pattern] of cases) {
      await expect(signDecision(await unsignedDecision(overrides), cast.assessor), JSON.stringify(overrides)).rejects.toThrow(pattern);
    }
    await expect(signDecision(await unsignedDecision(), { ...cast.assessor, privateKey: undefined as never })).rejects.toThrow(SigningError);
  });

  it('signs nothing outside the model: extra fields are not carried into the record', async () => {
    const unsigned = { ...(await unsignedDecision()), note: 'sneaked in' } as UnsignedDecision;
    const decision = await signDecision(unsigned, cast.assessor);
    expect('note' in decision).toBe(false);
  });
});

describe('signSignOff', () => {
  it('refuses to sign off on a decision that is not met, missing or foreign when given the decisions', async () => {
    const base = {
      id: 's-new',
      portfolioId: PORTFOLIO_ID,
      unitId: 'CS6',
      declaration: 'I confirm.',
      signer: signerFor(cast.assessor, 'assessor', 'Priya Shah'),
      signedAt: '2026-11-23T09:00:00.000Z',
    };
    await expect(signSignOff({ ...base, decisionIds: ['d-3'] }, cast.assessor, content.decisions)).rejects.toThrow(/CS6\.1\.1 is judged not yet met/);
    await expect(signSignOff({ ...base, decisionIds: ['d-404'] }, cast.assessor, content.decisions)).rejects.toThrow(/d-404 is not in this portfolio/);
    const foreign = { ...content.decisions[0]!, portfolioId: 'portfolio-2' };
    await expect(signSignOff({ ...base, decisionIds: ['d-1'] }, cast.assessor, [foreign])).rejects.toThrow(/another portfolio/);
    await expect(signSignOff({ ...base, decisionIds: [] }, cast.assessor)).rejects.toThrow(/at least one decision/);
    await expect(signSignOff({ ...base, decisionIds: ['d-1', 'd-1'] }, cast.assessor)).rejects.toThrow(/twice/);
    const signed = await signSignOff({ ...base, unitId: 'CS5', decisionIds: ['d-1', 'd-2'] }, cast.assessor, content.decisions);
    expect(signed.signature.publicKey).toBe(cast.assessor.publicKey);
  });
});

describe('IQA sampling', () => {
  it('canSample refuses an IQA sampling their own decisions, with a clear message', () => {
    expect(canSample(cast.iqa.fingerprint, content.decisions)).toEqual({ ok: true });
    const check = canSample(cast.assessor.fingerprint, content.decisions.slice(0, 2));
    expect(check.ok).toBe(false);
    expect(!check.ok && check.message).toBe(
      'You made the decisions on CS5.1.1 (decision d-1), CS5.1.2 (decision d-2) yourself. An internal quality assurer must sample another assessor\'s decisions, not their own.',
    );
    const mixed = canSample(cast.assessor.fingerprint, [content.decisions[0]!]);
    expect(!mixed.ok && mixed.message).toMatch(/^You made the decision on CS5\.1\.1/);
  });

  it('signIqaSample refuses own decisions, by key or by registration number', async () => {
    await expect(sample(content, cast.assessor, { id: 'q-own', unitId: 'CS5', decisionIds: ['d-1'], version: 1 })).rejects.toThrow(
      /An internal quality assurer must sample another assessor's decisions, not their own/,
    );
    // Same person (number A1042) with a second key.
    await expect(sample(content, cast.iqa, { id: 'q-own', unitId: 'CS5', decisionIds: ['d-1'], number: 'A1042', version: 1 })).rejects.toThrow(/under your own number \(A1042\)/);
  });

  it('signIqaSample refuses decisions it was not given', async () => {
    await expect(sample(content, cast.iqa, { id: 'q-x', unitId: 'CS5', decisionIds: ['d-404'], version: 1 })).rejects.toThrow(/d-404 is not among the decisions given/);
  });

  it('signs a proper sample of another assessor’s decisions', async () => {
    const decision = await decide(content, cast.secondAssessor, { id: 'd-7', markingPointId: 'CS6.1.1', evidenceIds: ['ev-3'], name: 'Tom Okafor', number: 'A2000', version: 1 });
    const withDecision = { ...content, decisions: [...content.decisions, decision] };
    const signed = await sample(withDecision, cast.iqa, { id: 'q-7', unitId: 'CS6', decisionIds: ['d-7'], version: 1 });
    expect(signed.signer).toMatchObject({ role: 'iqa', keyFingerprint: cast.iqa.fingerprint });
    await expect(sample(withDecision, cast.secondAssessor, { id: 'q-8', unitId: 'CS6', decisionIds: ['d-7'], version: 1 })).rejects.toThrow(SigningError);
  });
});
