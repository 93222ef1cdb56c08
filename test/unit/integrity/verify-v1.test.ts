import { beforeAll, describe, expect, it } from 'vitest';
import type { AssessorDecision, IqaSample, PortfolioContent, SignatureAlgorithm } from '../../../core/model/portfolio';
import { encodeBase64 } from '../../../core/integrity/base64';
import { formatKeyRegister, keyRegisterEntry, parseKeyRegister, type KeyRegister } from '../../../core/integrity/key-register';
import { publicKeyForV1, signAlgorithmParams, type SigningKey } from '../../../core/integrity/keys';
import { decisionPayload, iqaSamplePayload, payloadBytes, signDecision, signOffPayload } from '../../../core/integrity/signing';
import { findingSeverity, recordStatus, verifyPortfolio, worstKind, type FindingKind, type VerificationReport } from '../../../core/integrity/verify';
import { copy, decide, hashesOf, makeCast, PORTFOLIO_ID, signedPortfolio, signerFor, signOff, type Cast } from './fixtures';

async function verify(content: PortfolioContent, register?: KeyRegister): Promise<VerificationReport> {
  return verifyPortfolio(content, await hashesOf(content.evidence), register ? { register } : {});
}

/** Every sound record of version 1 also carries an `older-form` note (checked on its own below); left out here. */
function kindsFor(report: VerificationReport, ref: string): FindingKind[] {
  return report.findings.filter((finding) => finding.ref === ref && finding.kind !== 'older-form').map((finding) => finding.kind);
}

function messageFor(report: VerificationReport, ref: string, kind: FindingKind): string {
  const finding = report.findings.find((candidate) => candidate.ref === ref && candidate.kind === kind);
  expect(finding, `expected a ${kind} finding for ${ref}`).toBeDefined();
  return finding!.message;
}

function decisionById(content: PortfolioContent, id: string): AssessorDecision {
  const decision = content.decisions.find((candidate) => candidate.id === id);
  if (!decision) throw new Error(`no decision ${id}`);
  return decision;
}

/** Signs arbitrary payload text with a private key, as an attacker holding their own key could. */
async function rawSign(key: SigningKey, payload: string): Promise<string> {
  return encodeBase64(new Uint8Array(await crypto.subtle.sign(signAlgorithmParams(key.algorithm), key.privateKey, payloadBytes(payload))));
}

/** A register of version 1, whose keys are written as records of version 1 name them. */
async function registerOf(cast: Cast): Promise<KeyRegister> {
  const text = formatKeyRegister([
    keyRegisterEntry({ ...cast.assessor, ...(await publicKeyForV1(cast.assessor)) }, { name: 'Priya Shah', role: 'assessor', number: 'A1042' }),
    keyRegisterEntry({ ...cast.secondAssessor, ...(await publicKeyForV1(cast.secondAssessor)) }, { name: 'Tom Okafor', role: 'assessor' }),
    keyRegisterEntry({ ...cast.iqa, ...(await publicKeyForV1(cast.iqa)) }, { name: 'Jo Quality', role: 'iqa', number: 'Q77' }),
  ]);
  const parsed = await parseKeyRegister(text);
  if (!parsed.ok) throw new Error(parsed.problems.map((problem) => problem.message).join('\n'));
  return parsed.register;
}

describe.each<SignatureAlgorithm>(['Ed25519', 'ECDSA-P256'])('verifyPortfolio on records of version 1 (the older form) with %s keys', (algorithm) => {
  let cast: Cast;
  let genuine: PortfolioContent;
  let register: KeyRegister;
  /** Fingerprints as records of version 1 name the keys (for P-256, of the SPKI form). */
  const printOf = (key: SigningKey): string => v1Prints.get(key)!;
  const v1Prints = new Map<SigningKey, string>();

  beforeAll(async () => {
    cast = await makeCast(algorithm);
    for (const key of Object.values(cast)) v1Prints.set(key, (await publicKeyForV1(key)).fingerprint);
    genuine = await signedPortfolio(cast, 1);
    register = await registerOf(cast);
    expect(cast.assessor.algorithm).toBe(algorithm);
    expect(genuine.decisions[0]!.signature.algorithm).toBe(algorithm);
  });

  it('finds a genuine portfolio sound, record by record', async () => {
    const report = await verify(genuine);
    expect(report.isValid).toBe(true);
    expect(report.hasRegister).toBe(false);
    expect(report.checked).toEqual({ decisions: 3, signOffs: 1, iqaSamples: 1, declarations: 0 });
    expect(report.counts).toEqual({ ok: 5, forged: 0, chain: 0, missing: 0, changed: 0, untrusted: 0, stale: 0, 'unknown-key': 0, corrupt: 0, 'older-form': 5 });
    expect(report.findings.map((finding) => [finding.recordType, finding.ref, finding.kind])).toEqual([
      ['decision', 'd-1', 'older-form'],
      ['decision', 'd-1', 'ok'],
      ['decision', 'd-2', 'older-form'],
      ['decision', 'd-2', 'ok'],
      ['decision', 'd-3', 'older-form'],
      ['decision', 'd-3', 'ok'],
      ['unit-sign-off', 's-1', 'older-form'],
      ['unit-sign-off', 's-1', 'ok'],
      ['iqa-sample', 'q-1', 'older-form'],
      ['iqa-sample', 'q-1', 'ok'],
    ]);
    expect(report.findings[0]!.message).toMatch(/older form \(version 1\): its signature is good, but it names neither the learner nor its place/);
    expect(report.findings[0]!.path).toBe('/decisions/0');
    expect(report.findings[0]!.fingerprint).toBe(printOf(cast.assessor));
    expect(recordStatus(report, 'decision', 'd-2')).toBe('older-form');
    expect(report.records.map((record) => [record.id, record.version, record.isConfirmed])).toEqual([
      ['d-1', 1, false],
      ['d-2', 1, false],
      ['d-3', 1, false],
      ['s-1', 1, false],
      ['q-1', 1, false],
    ]);
    expect(report.signers).toEqual([
      { fingerprint: printOf(cast.assessor), name: 'Priya Shah', role: 'assessor', records: 4 },
      { fingerprint: printOf(cast.iqa), name: 'Jo Quality', role: 'iqa', records: 1 },
    ]);
  });

  it('finds a genuine portfolio sound against the centre register', async () => {
    const report = await verify(genuine, register);
    expect(report.hasRegister).toBe(true);
    expect(report.isValid).toBe(true);
    expect(report.counts.ok).toBe(5);
    expect(report.signers.map((signer) => signer.isRegistered)).toEqual([true, true]);
  });

  it('survives a JSON round trip (as in a package manifest)', async () => {
    const report = await verify(JSON.parse(JSON.stringify(genuine)) as PortfolioContent, register);
    expect(report.isValid).toBe(true);
    expect(report.counts.ok).toBe(5);
  });

  it('detects a changed status', async () => {
    const content = copy(genuine);
    decisionById(content, 'd-3').status = 'met';
    const report = await verify(content);
    expect(kindsFor(report, 'd-3')).toEqual(['forged']);
    expect(messageFor(report, 'd-3', 'forged')).toMatch(/does not match its signature/);
    expect(report.isValid).toBe(false);
    // The genuine records beside it are unaffected.
    expect(kindsFor(report, 'd-1')).toEqual(['ok']);
  });

  it('detects changed feedback', async () => {
    const content = copy(genuine);
    decisionById(content, 'd-1').feedback += ' Outstanding work.';
    expect(kindsFor(await verify(content), 'd-1')).toEqual(['forged']);
  });

  it('detects a changed timestamp', async () => {
    const content = copy(genuine);
    decisionById(content, 'd-1').decidedAt = '2026-11-22T10:15:01.000Z';
    expect(kindsFor(await verify(content), 'd-1')).toEqual(['forged']);
  });

  it('detects a changed signer name', async () => {
    const content = copy(genuine);
    decisionById(content, 'd-1').signer.name = 'Someone Senior';
    expect(kindsFor(await verify(content), 'd-1')).toEqual(['forged']);
  });

  it('detects changed evidence hashes, so staleness cannot be hidden', async () => {
    const content = copy(genuine);
    content.evidence[1]!.narrative = 'Rewritten after the judgement.';
    const hashes = await hashesOf(content.evidence);
    // The learner "refreshes" the pinned hash to the edited item's hash.
    decisionById(content, 'd-2').evidence[1]!.contentHash = hashes.get('ev-2')!;
    const report = await verifyPortfolio(content, hashes);
    expect(kindsFor(report, 'd-2')).toEqual(['forged']);
  });

  it('detects evidence added to or removed from what was judged', async () => {
    const added = copy(genuine);
    const hashes = await hashesOf(added.evidence);
    decisionById(added, 'd-1').evidence.push({ evidenceId: 'ev-3', contentHash: hashes.get('ev-3')! });
    expect(kindsFor(await verify(added), 'd-1')).toEqual(['forged']);

    const removed = copy(genuine);
    decisionById(removed, 'd-2').evidence.pop();
    expect(kindsFor(await verify(removed), 'd-2')).toEqual(['forged']);
  });

  it('detects a decision replayed onto another marking point', async () => {
    const content = copy(genuine);
    decisionById(content, 'd-1').markingPointId = 'CS6.1.1';
    expect(kindsFor(await verify(content), 'd-1')).toEqual(['forged']);

    // A copy of a genuine "met" under a new id, aimed at the marking point judged not yet met.
    const replayed = copy(genuine);
    replayed.decisions.push({ ...copy(decisionById(genuine, 'd-1')), id: 'd-9', markingPointId: 'CS6.1.1' });
    const report = await verify(replayed);
    expect(kindsFor(report, 'd-9')).toEqual(['forged']);
    expect(kindsFor(report, 'd-1')).toEqual(['ok']);
  });

  it('detects a decision replayed onto another portfolio, whether or not its portfolio id is rewritten', async () => {
    const other = copy(genuine);
    other.portfolio.id = 'portfolio-2';
    other.decisions = [];
    other.signOffs = [];
    other.iqaSamples = [];
    for (const item of other.evidence) item.portfolioId = 'portfolio-2';

    const asIs = copy(other);
    asIs.decisions.push(copy(decisionById(genuine, 'd-1')));
    const asIsReport = await verify(asIs);
    expect(kindsFor(asIsReport, 'd-1')).toEqual(['forged']);
    expect(messageFor(asIsReport, 'd-1', 'forged')).toMatch(/another portfolio/);

    const rewritten = copy(other);
    rewritten.decisions.push({ ...copy(decisionById(genuine, 'd-1')), portfolioId: 'portfolio-2' });
    expect(kindsFor(await verify(rewritten), 'd-1')).toEqual(['forged']);
  });

  it('detects a signature copied from another decision', async () => {
    const content = copy(genuine);
    decisionById(content, 'd-3').signature = copy(decisionById(genuine, 'd-1').signature);
    expect(kindsFor(await verify(content), 'd-3')).toEqual(['forged']);
  });

  it('detects a decision signature replayed as a sign-off (domain separation)', async () => {
    const content = copy(genuine);
    content.signOffs[0]!.signature = copy(decisionById(genuine, 'd-1').signature);
    expect(kindsFor(await verify(content), 's-1')).toEqual(['forged']);
    // The payloads name their purpose, so no decision payload is ever a sign-off payload.
    expect(decisionPayload(decisionById(genuine, 'd-1'))).toContain('"purpose":"portfolio-decision/1"');
    expect(signOffPayload(genuine.signOffs[0]!)).toContain('"purpose":"portfolio-unit-sign-off/1"');
  });

  it('detects a swapped public key whose fingerprint does not match the signer', async () => {
    const content = copy(genuine);
    const decision = decisionById(content, 'd-3');
    decision.status = 'met';
    // The attacker signs the altered content with their own key but leaves the assessor's fingerprint.
    decision.signature = { algorithm, publicKey: (await publicKeyForV1(cast.learner)).publicKey, value: await rawSign(cast.learner, decisionPayload(decision)) };
    const report = await verify(content);
    expect(kindsFor(report, 'd-3')).toEqual(['forged']);
    expect(messageFor(report, 'd-3', 'forged')).toMatch(/key has been swapped/);
    expect(report.findings.find((finding) => finding.ref === 'd-3')!.fingerprint).toBe(printOf(cast.learner));
  });

  it('detects a genuine key of another assessor put on a decision', async () => {
    const content = copy(genuine);
    decisionById(content, 'd-1').signature.publicKey = (await publicKeyForV1(cast.secondAssessor)).publicKey;
    expect(kindsFor(await verify(content), 'd-1')).toEqual(['forged']);
  });

  it('flags a decision re-signed with the learner’s own key as an unknown key against the register', async () => {
    const content = copy(genuine);
    const original = decisionById(content, 'd-3');
    const { signature: _signature, ...unsigned } = original;
    // Fully consistent forgery: the assessor's name and number, but the learner's own key (and so its fingerprint).
    const forged = await signDecision({ ...unsigned, status: 'met' }, cast.learner);
    expect(forged.signer).toMatchObject({ name: 'Priya Shah', number: 'A1042', keyFingerprint: printOf(cast.learner) });
    content.decisions[content.decisions.indexOf(original)] = forged;

    // Without a register, the first key seen for "Priya Shah" is pinned: another key under that name is flagged.
    const unchecked = await verify(content);
    expect(unchecked.hasRegister).toBe(false);
    expect(kindsFor(unchecked, 'd-3')).toEqual(['untrusted']);
    expect(messageFor(unchecked, 'd-3', 'untrusted')).toContain(`Priya Shah's records in this portfolio are signed with key ${printOf(cast.assessor)}`);
    expect(unchecked.findings.find((finding) => finding.ref === 'd-3')!.fingerprint).toBe(printOf(cast.learner));
    expect(unchecked.isValid).toBe(false);

    const checked = await verify(content, register);
    expect(kindsFor(checked, 'd-3')).toEqual(['unknown-key', 'untrusted']);
    expect(messageFor(checked, 'd-3', 'unknown-key')).toContain(printOf(cast.learner));
    expect(messageFor(checked, 'd-3', 'unknown-key')).toMatch(/not in the centre's key register/);
    expect(checked.isValid).toBe(false);
    expect(kindsFor(checked, 'd-1')).toEqual(['ok']);
  });

  it('reports an edited evidence item as stale, not forged', async () => {
    const content = copy(genuine);
    content.evidence[1]!.narrative += '\n\nAdded after marking.';
    const report = await verify(content);
    expect(kindsFor(report, 'd-2')).toEqual(['stale']);
    expect(messageFor(report, 'd-2', 'stale')).toMatch(/"Refund resolution" has changed/);
    expect(kindsFor(report, 'd-1')).toEqual(['ok']);
    // The sign-off resting on d-2 needs review, but nobody forged anything.
    expect(kindsFor(report, 's-1')).toEqual(['stale']);
    expect(report.counts.forged).toBe(0);
    expect(report.isValid).toBe(true);
  });

  it('reports a new attachment on a judged item as stale', async () => {
    const content = copy(genuine);
    content.evidence[0]!.attachments.push({ sha256: 'b'.repeat(64), name: 'extra.png', mediaType: 'image/png', size: 10 });
    const report = await verify(content);
    expect(kindsFor(report, 'd-1')).toEqual(['stale']);
    expect(kindsFor(report, 'd-2')).toEqual(['stale']);
  });

  it('does not call a decision stale when only timestamps or file names change', async () => {
    const content = copy(genuine);
    content.evidence[0]!.updatedAt = '2027-01-01T00:00:00.000Z';
    content.evidence[0]!.attachments[0]!.name = 'renamed.png';
    expect((await verify(content)).counts).toMatchObject({ ok: 5, stale: 0 });
  });

  it('reports a deleted evidence item as stale', async () => {
    const content = copy(genuine);
    content.evidence = content.evidence.filter((item) => item.id !== 'ev-3');
    const report = await verify(content);
    expect(kindsFor(report, 'd-3')).toEqual(['stale']);
    expect(messageFor(report, 'd-3', 'stale')).toMatch(/has been deleted/);
    expect(report.isValid).toBe(true);
  });

  it('rejects a sign-off over a decision that is not met', async () => {
    const content = copy(genuine);
    content.signOffs.push(await signOff(content, cast.assessor, { id: 's-2', unitId: 'CS6', decisionIds: ['d-3'], version: 1 }));
    const report = await verify(content);
    expect(kindsFor(report, 's-2')).toEqual(['forged']);
    expect(messageFor(report, 's-2', 'forged')).toMatch(/CS6\.1\.1 is judged not yet met/);
    expect(report.isValid).toBe(false);
  });

  it('rejects a sign-off whose decision has been deleted or forged', async () => {
    const deleted = copy(genuine);
    deleted.decisions = deleted.decisions.filter((decision) => decision.id !== 'd-2');
    const deletedReport = await verify(deleted);
    expect(kindsFor(deletedReport, 's-1')).toEqual(['forged']);
    expect(messageFor(deletedReport, 's-1', 'forged')).toMatch(/d-2 .*missing/);
    // The IQA sample of the same decisions notices too.
    expect(kindsFor(deletedReport, 'q-1')).toEqual(['forged']);

    const forged = copy(genuine);
    decisionById(forged, 'd-1').feedback = 'Changed.';
    const forgedReport = await verify(forged);
    expect(kindsFor(forgedReport, 'd-1')).toEqual(['forged']);
    expect(kindsFor(forgedReport, 's-1')).toEqual(['forged']);
  });

  it('rejects a sign-off resting on a decision from another unit', async () => {
    const content = copy(genuine);
    content.decisions.push(await decide(content, cast.assessor, { id: 'd-4', markingPointId: 'CS6.1.1', evidenceIds: ['ev-3'], version: 1 }));
    content.signOffs.push(await signOff(content, cast.assessor, { id: 's-2', unitId: 'CS5', decisionIds: ['d-1', 'd-4'], version: 1 }));
    const report = await verify(content);
    expect(kindsFor(report, 's-2')).toEqual(['forged']);
    expect(messageFor(report, 's-2', 'forged')).toMatch(/belongs to unit CS6, not unit CS5/);
  });

  it('detects a changed sign-off (unit, decisions or declaration)', async () => {
    for (const tamper of [
      (content: PortfolioContent) => { content.signOffs[0]!.unitId = 'CS6'; },
      (content: PortfolioContent) => { content.signOffs[0]!.decisionIds.pop(); },
      (content: PortfolioContent) => { content.signOffs[0]!.declaration = 'I confirm nothing.'; },
      (content: PortfolioContent) => { content.signOffs[0]!.signedAt = '2027-01-01T00:00:00.000Z'; },
    ]) {
      const content = copy(genuine);
      tamper(content);
      expect(kindsFor(await verify(content), 's-1')).toEqual(['forged']);
    }
  });

  it('marks a sign-off stale when a later decision replaces one it rests on', async () => {
    const content = copy(genuine);
    content.decisions.push(
      await decide(content, cast.assessor, { id: 'd-5', markingPointId: 'CS5.1.1', status: 'not-yet', evidenceIds: ['ev-1'], decidedAt: '2026-12-01T08:00:00.000Z', version: 1 }),
    );
    const report = await verify(content);
    expect(kindsFor(report, 's-1')).toEqual(['stale']);
    expect(messageFor(report, 's-1', 'stale')).toMatch(/later decision on CS5\.1\.1 \(not yet met/);
  });

  it('detects a changed IQA sample', async () => {
    const content = copy(genuine);
    content.iqaSamples[0]!.outcome = 'assessor-to-act';
    expect(kindsFor(await verify(content), 'q-1')).toEqual(['forged']);
  });

  it('rejects an IQA sample of the IQA’s own decisions even when signed outside the app', async () => {
    const content = copy(genuine);
    // The assessor signs an IQA sample of their own decisions by hand, bypassing signIqaSample's refusal.
    const unsigned = {
      id: 'q-2',
      portfolioId: PORTFOLIO_ID,
      unitId: 'CS5',
      outcome: 'agree' as const,
      comments: 'Fine.',
      decisionIds: ['d-1'],
      signer: signerFor({ fingerprint: printOf(cast.assessor) }, 'iqa', 'Priya Shah'),
      sampledAt: '2026-11-25T14:00:00.000Z',
    };
    const selfSample: IqaSample = {
      ...unsigned,
      signature: { algorithm, publicKey: (await publicKeyForV1(cast.assessor)).publicKey, value: await rawSign(cast.assessor, iqaSamplePayload(unsigned)) },
    };
    content.iqaSamples.push(selfSample);
    const report = await verify(content);
    expect(kindsFor(report, 'q-2')).toEqual(['forged']);
    expect(messageFor(report, 'q-2', 'forged')).toMatch(/made by the IQA who sampled it/);
    // Against the register the assessor's key is not an IQA's either.
    const checked = await verify(content, register);
    expect(kindsFor(checked, 'q-2')).toEqual(['unknown-key']);
    expect(messageFor(checked, 'q-2', 'unknown-key')).toMatch(/lists for Priya Shah as an assessor, not as an internal quality assurer/);
  });

  it('reports damaged signatures as corrupt', async () => {
    const cases: Array<[string, (decision: AssessorDecision) => void]> = [
      ['bad base64 value', (decision) => { decision.signature.value = 'not base64!'; }],
      ['short value', (decision) => { decision.signature.value = encodeBase64(new Uint8Array(10)); }],
      ['unknown algorithm', (decision) => { (decision.signature as { algorithm: string }).algorithm = 'RSA-PSS'; }],
      ['bad base64 key', (decision) => { decision.signature.publicKey = '%%%%'; }],
      ['key of the wrong length', (decision) => { decision.signature.publicKey = encodeBase64(new Uint8Array(17).fill(7)); }],
      ['degenerate Ed25519 key', (decision) => {
        const identity = new Uint8Array(32);
        identity[0] = 1;
        decision.signature = { algorithm: 'Ed25519', publicKey: encodeBase64(identity), value: encodeBase64(new Uint8Array([1, ...new Uint8Array(63)])) };
      }],
      ['signature is not an object', (decision) => { (decision as { signature: unknown }).signature = 'signed'; }],
      ['feedback not finite', (decision) => { (decision as { feedback: unknown }).feedback = Number.NaN; }],
    ];
    for (const [name, damage] of cases) {
      const content = copy(genuine);
      damage(decisionById(content, 'd-1'));
      const report = await verify(content);
      expect(kindsFor(report, 'd-1'), name).toEqual(['corrupt']);
      expect(report.isValid, name).toBe(false);
    }
  });

  it('treats an unsigned decision as forged', async () => {
    const content = copy(genuine);
    delete (decisionById(content, 'd-3') as Partial<AssessorDecision>).signature;
    const report = await verify(content);
    expect(kindsFor(report, 'd-3')).toEqual(['forged']);
    expect(messageFor(report, 'd-3', 'forged')).toMatch(/not signed/);
  });

  it('reports a duplicated decision id as corrupt', async () => {
    const content = copy(genuine);
    content.decisions.push(copy(decisionById(genuine, 'd-1')));
    const report = await verify(content);
    expect(report.findings.filter((finding) => finding.ref === 'd-1').map((finding) => [finding.path, finding.kind])).toEqual([
      ['/decisions/0', 'older-form'],
      ['/decisions/0', 'ok'],
      ['/decisions/3', 'corrupt'],
    ]);
  });

  it('verifies unicode content exactly', async () => {
    const content = copy(genuine);
    const { signature: _signature, ...unsigned } = decisionById(content, 'd-1');
    const decision = await signDecision({ ...unsigned, feedback: 'Da iawn — “excellent” café service 👍 (naïve ﬁx, 𝔘)' }, cast.assessor);
    content.decisions[0] = decision;
    expect(kindsFor(await verify(content), 'd-1')).toEqual(['ok']);
    const changed = copy(content);
    changed.decisions[0]!.feedback = changed.decisions[0]!.feedback.normalize('NFKC');
    expect(kindsFor(await verify(changed), 'd-1')).toEqual(['forged']);
  });
});

describe('finding kinds', () => {
  it('rank forged, damaged and unknown keys as errors and stale as a warning', () => {
    expect((['ok', 'stale', 'unknown-key', 'corrupt', 'forged'] as const).map(findingSeverity)).toEqual(['ok', 'warning', 'error', 'error', 'error']);
    expect(worstKind([])).toBe('ok');
    expect(worstKind([{ kind: 'stale' }, { kind: 'unknown-key' }])).toBe('unknown-key');
    expect(worstKind([{ kind: 'ok' }, { kind: 'forged' }, { kind: 'corrupt' }])).toBe('forged');
  });
});

describe('verifyPortfolio on hostile content', () => {
  it('never throws, whatever the records hold', async () => {
    const cast = await makeCast();
    const genuine = await signedPortfolio(cast, 1);
    const hostile: unknown[] = [
      null,
      {},
      { ...genuine, decisions: 'nope', signOffs: 7, iqaSamples: null },
      { ...genuine, decisions: [null, 3, 'x', [], { id: 5 }], signOffs: [{}], iqaSamples: [{ id: 'q', signature: {} }] },
      { ...genuine, qualification: null },
      { ...genuine, portfolio: null },
    ];
    for (const content of hostile) {
      const report = await verifyPortfolio(content as PortfolioContent, new Map());
      expect(report.findings.every((finding) => typeof finding.message === 'string' && finding.message.length > 0)).toBe(true);
    }
    const mixed = await verifyPortfolio({ ...genuine, decisions: [null, 3, { id: 5 }] } as unknown as PortfolioContent, new Map());
    expect(mixed.findings.map((finding) => [finding.ref, finding.kind])).toEqual([
      ['/decisions/0', 'corrupt'],
      ['/decisions/1', 'corrupt'],
      ['/decisions/2', 'corrupt'],
      // The sign-off and sample now rest on missing decisions.
      ['s-1', 'forged'],
      ['q-1', 'forged'],
    ]);
    // A portfolio without its id cannot own any decision.
    const orphaned = await verifyPortfolio({ ...genuine, portfolio: null } as unknown as PortfolioContent, await hashesOf(genuine.evidence));
    expect(orphaned.counts.ok).toBe(0);
  });

  it('keeps control characters from names out of its messages', async () => {
    const cast = await makeCast();
    const content = await signedPortfolio(cast, 1);
    for (const [index, decision] of content.decisions.entries()) {
      const { signature: _signature, ...unsigned } = decision;
      content.decisions[index] = await signDecision({ ...unsigned, signer: signerFor(cast.assessor, 'assessor', 'Evil\u001b[2J\u202eName') }, cast.assessor);
    }
    const report = await verify(content);
    // The same key now signs under two names, which is itself flagged; the name is shown made harmless.
    const message = messageFor(report, 'd-1', 'untrusted');
    expect(message).toContain('Evil?[2J?Name');
    expect([...message].some((char) => char < ' ' || char === '\u202e')).toBe(false);
  });
});
