/**
 * Verification of signed records of version 2 (CONTRACTS.md §5) against every form of
 * tampering a learner holding the package could try, with both algorithms: changed fields,
 * another learner, qualification or portfolio, records removed from the middle or the end of a
 * chain, repeats and forks, a key of their own under the assessor's name, and the register's
 * validity dates and revocations.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AssessorDecision, PortfolioContent, SignatureAlgorithm } from '../../../core/model/portfolio';
import { checkAgainstRegister, keyRegisterEntry, signKeyRegister, type KeyRegister, type KeyRegisterEntry } from '../../../core/integrity/key-register';
import { createSigningKey, type SigningKey } from '../../../core/integrity/keys';
import { fromEnvelope, identityOf, payloadHash, signRecord, toEnvelope, type EnvelopeV2 } from '../../../core/integrity/signed-record';
import { findingSeverity, recordStatus, recordVerdict, verifyPortfolio, type FindingKind, type VerificationReport, type VerifyOptions } from '../../../core/integrity/verify';
import { copy, declare, decide, hashesOf, makeCast, nextPosition, sample, signedPortfolio, signerFor, type Cast } from './fixtures';

async function verify(content: PortfolioContent, options: VerifyOptions = {}): Promise<VerificationReport> {
  return verifyPortfolio(content, await hashesOf(content.evidence), options);
}

function kindsFor(report: VerificationReport, ref: string): FindingKind[] {
  return report.findings.filter((finding) => finding.ref === ref).map((finding) => finding.kind);
}

function messageFor(report: VerificationReport, ref: string, kind: FindingKind): string {
  const finding = report.findings.find((candidate) => candidate.ref === ref && candidate.kind === kind);
  expect(finding, `expected a ${kind} finding for ${ref}: ${JSON.stringify(report.findings.filter((candidate) => candidate.ref === ref))}`).toBeDefined();
  return finding!.message;
}

function decisionById(content: PortfolioContent, id: string): AssessorDecision {
  const decision = content.decisions.find((candidate) => candidate.id === id);
  if (!decision) throw new Error(`no decision ${id}`);
  return decision;
}

function errorsOf(report: VerificationReport): Array<[string, FindingKind]> {
  return report.findings.filter((finding) => findingSeverity(finding.kind) === 'error').map((finding) => [finding.ref, finding.kind]);
}

async function registerOf(cast: Cast, centre: SigningKey, overrides: Partial<Record<'assessor' | 'iqa', Partial<KeyRegisterEntry>>> = {}): Promise<KeyRegister> {
  return signKeyRegister(
    {
      centre: { name: 'Northgate College', number: '58231' },
      keys: [
        { ...keyRegisterEntry(cast.assessor, { name: 'Priya Shah', role: 'assessor', number: 'A1042', validFrom: '2026-09-01' }), ...overrides.assessor },
        keyRegisterEntry(cast.secondAssessor, { name: 'Tom Okafor', role: 'assessor', validFrom: '2026-09-01' }),
        { ...keyRegisterEntry(cast.iqa, { name: 'Jo Quality', role: 'iqa', number: 'Q77', validFrom: '2026-09-01' }), ...overrides.iqa },
      ],
    },
    centre,
    { name: 'Sam Centre' },
  );
}

describe.each<SignatureAlgorithm>(['Ed25519', 'ECDSA-P256'])('verifyPortfolio on records of version 2 with %s keys', (algorithm) => {
  let cast: Cast;
  let centre: SigningKey;
  let genuine: PortfolioContent;
  let register: KeyRegister;

  beforeAll(async () => {
    cast = await makeCast(algorithm);
    centre = await createSigningKey({ algorithm });
    genuine = await signedPortfolio(cast);
    genuine.declarations.push(await declare(genuine, cast.learner, { id: 'decl-1', kind: 'learner-authenticity' }));
    register = await registerOf(cast, centre);
    expect(genuine.decisions[0]!.signature.algorithm).toBe(algorithm);
  });

  it('finds a genuine portfolio sound, each record in its place in its signer’s chain', async () => {
    const report = await verify(genuine);
    expect(report.isValid).toBe(true);
    expect(report.findings.map((finding) => [finding.recordType, finding.ref, finding.kind])).toEqual([
      ['decision', 'd-1', 'ok'],
      ['decision', 'd-2', 'ok'],
      ['decision', 'd-3', 'ok'],
      ['unit-sign-off', 's-1', 'ok'],
      ['iqa-sample', 'q-1', 'ok'],
      ['declaration', 'decl-1', 'ok'],
    ]);
    expect(report.checked).toEqual({ decisions: 3, signOffs: 1, iqaSamples: 1, declarations: 1 });
    expect(report.signers).toEqual([
      { fingerprint: cast.assessor.fingerprint, name: 'Priya Shah', role: 'assessor', records: 4, lastSequence: 4 },
      { fingerprint: cast.iqa.fingerprint, name: 'Jo Quality', role: 'iqa', records: 1, lastSequence: 1 },
      { fingerprint: cast.learner.fingerprint, name: 'Sam Learner', role: 'learner', records: 1, lastSequence: 1 },
    ]);
    // Without a register nobody's key is confirmed.
    expect(report.records.every((record) => record.version === 2 && !record.isConfirmed)).toBe(true);
    expect(genuine.decisions.map((decision) => decision.chain?.sequence)).toEqual([1, 2, 3]);
    expect(genuine.signOffs[0]!.chain).toMatchObject({ sequence: 4, previous: await payloadHash('decision', decisionById(genuine, 'd-3')) });
    expect(genuine.decisions[0]!.chain).toMatchObject({ learner: { name: 'Sam Learner', number: 'L001' }, qualification: { id: 'cs-test', version: '1' }, previous: null });
  });

  it('confirms every staff signer with the centre’s register, and pins each name’s key', async () => {
    const report = await verify(genuine, { register });
    expect(report.isValid).toBe(true);
    expect(report.records.filter((record) => record.recordType !== 'declaration').every((record) => record.isConfirmed)).toBe(true);
    expect(recordVerdict(report, 'declaration', 'decl-1')?.isConfirmed).toBe(false);
    expect(report.signers.map((signer) => signer.isRegistered)).toEqual([true, true, undefined]);
    expect(report.pins.get('priya shah')).toEqual({ name: 'Priya Shah', fingerprint: cast.assessor.fingerprint });
  });

  it('reads the same from a package: envelopes carry exactly the payload and the signature', async () => {
    for (const decision of genuine.decisions) {
      const envelope = toEnvelope('decision', decision);
      expect(Object.keys(envelope).sort()).toEqual(['content', 'learner', 'portfolioId', 'previous', 'purpose', 'qualification', 'recordId', 'sequence', 'signature', 'signedAt', 'signer']);
      expect(envelope.purpose).toBe('portfolio-decision/2');
      expect(fromEnvelope('decision', JSON.parse(JSON.stringify(envelope)) as EnvelopeV2)).toEqual(decision);
    }
    expect(fromEnvelope('declaration', toEnvelope('declaration', genuine.declarations[0]!) as unknown as EnvelopeV2)).toEqual(genuine.declarations[0]);
    expect((await verify(JSON.parse(JSON.stringify(genuine)) as PortfolioContent)).isValid).toBe(true);
  });

  it.each<[string, (content: PortfolioContent) => void]>([
    ['status', (content) => { decisionById(content, 'd-3').status = 'met'; }],
    ['feedback', (content) => { decisionById(content, 'd-1').feedback += ' '; }],
    ['time', (content) => { decisionById(content, 'd-1').decidedAt = '2026-11-22T10:15:01.000Z'; }],
    ['signer name', (content) => { decisionById(content, 'd-1').signer.name = 'Priya Shaw'; }],
    ['signer role', (content) => { decisionById(content, 'd-1').signer.role = 'iqa'; }],
    ['marking point', (content) => { decisionById(content, 'd-1').markingPointId = 'CS6.1.1'; }],
    ['evidence judged', (content) => { decisionById(content, 'd-2').evidence.pop(); }],
    ['evidence order', (content) => { decisionById(content, 'd-2').evidence.reverse(); }],
    ['record id', (content) => { decisionById(content, 'd-1').id = 'd-9'; }],
    ['sequence', (content) => { decisionById(content, 'd-2').chain!.sequence = 7; }],
    ['previous', (content) => { decisionById(content, 'd-2').chain!.previous = 'f'.repeat(64); }],
  ])('detects a changed %s as forged', async (_name, tamper) => {
    const content = copy(genuine);
    tamper(content);
    const report = await verify(content);
    expect(report.isValid).toBe(false);
    expect(report.findings.some((finding) => finding.kind === 'forged' && /does not match its signature/.test(finding.message))).toBe(true);
  });

  it('detects a renamed learner: every record was signed for the learner the portfolio named then', async () => {
    const content = copy(genuine);
    content.portfolio.learner.name = 'Alex Other';
    const report = await verify(content);
    expect(report.isValid).toBe(false);
    expect(kindsFor(report, 'd-1')).toEqual(['forged']);
    expect(messageFor(report, 'd-1', 'forged')).toBe(
      "Decision on CS5.1.1 by Priya Shah: it was signed for the learner Sam Learner (L001), but this portfolio names the learner Alex Other (L001): the learner's name or number has been changed since it was signed.",
    );
    expect(errorsOf(report).map(([ref]) => ref)).toEqual(['d-1', 'd-2', 'd-3', 's-1', 'q-1', 'decl-1']);
  });

  it('detects a changed learner number, qualification version or portfolio id', async () => {
    const renumbered = copy(genuine);
    renumbered.portfolio.learner.number = 'L002';
    expect(messageFor(await verify(renumbered), 'd-1', 'forged')).toMatch(/signed for the learner Sam Learner \(L001\), but this portfolio names the learner Sam Learner \(L002\)/);
    const unnumbered = copy(genuine);
    delete unnumbered.portfolio.learner.number;
    expect(kindsFor(await verify(unnumbered), 'd-1')).toEqual(['forged']);
    const reversioned = copy(genuine);
    reversioned.portfolio.qualificationVersion = '2';
    expect(messageFor(await verify(reversioned), 'd-1', 'forged')).toMatch(/signed for the qualification cs-test version 1, but this portfolio is for cs-test version 2/);
    const moved = copy(genuine);
    moved.portfolio.id = 'portfolio-2';
    expect(messageFor(await verify(moved), 'd-1', 'forged')).toMatch(/signed for another portfolio \(portfolio-1\)/);
  });

  it('detects a record removed from the middle of a chain, whatever its kind', async () => {
    const content = copy(genuine);
    content.decisions = content.decisions.filter((decision) => decision.id !== 'd-2');
    content.signOffs[0]!.decisionIds = ['d-1'];
    const report = await verify(content);
    expect(report.isValid).toBe(false);
    expect(kindsFor(report, 'd-3')).toEqual(['chain']);
    expect(messageFor(report, 'd-3', 'chain')).toBe(
      `Decision on CS6.1.1 by Priya Shah (not yet met, 2026-11-22) is number 3 in Priya Shah's chain of signed records (key ${cast.assessor.fingerprint}), but number 2 is missing: a signed record has been removed from this portfolio.`,
    );
    // The sign-off's own list was edited too, so it no longer matches its signature.
    expect(kindsFor(report, 's-1')).toEqual(['forged']);
    expect(kindsFor(report, 'd-1')).toEqual(['ok']);
  });

  it('detects the first record of a chain removed, and several in a row', async () => {
    const first = copy(genuine);
    first.decisions.shift();
    expect(messageFor(await verify(first), 'd-2', 'chain')).toMatch(/is number 2 in Priya Shah's chain .* but number 1 is missing/);
    const several = copy(genuine);
    several.decisions = several.decisions.filter((decision) => decision.id === 'd-1');
    several.signOffs = [];
    several.iqaSamples = [];
    // Only d-1 is left: the tail is gone, which the package alone cannot show…
    expect((await verify(several)).isValid).toBe(true);
    // …so a reference copy is needed; with one, every record it holds must be here.
    const against = await verify(several, { reference: genuine });
    expect(against.isValid).toBe(false);
    expect(errorsOf(against)).toEqual([
      ['d-2', 'missing'],
      ['d-3', 'missing'],
      ['s-1', 'missing'],
      ['q-1', 'missing'],
    ]);
    expect(messageFor(against, 'd-3', 'missing')).toBe('Decision on CS6.1.1 by Priya Shah (not yet met, 2026-11-22) is in the reference copy but not in this file: a signed record has been removed.');
  });

  it('catches the latest record removed against the assessor’s copy (a rollback to an earlier “met”)', async () => {
    const assessorCopy = copy(genuine);
    assessorCopy.decisions.push(
      await decide(assessorCopy, cast.assessor, { id: 'd-4', markingPointId: 'CS5.1.1', status: 'not-yet', evidenceIds: ['ev-1'], decidedAt: '2026-12-01T09:00:00.000Z' }),
    );
    expect((await verify(assessorCopy)).isValid).toBe(true);
    const rolledBack = copy(assessorCopy);
    rolledBack.decisions = rolledBack.decisions.filter((decision) => decision.id !== 'd-4');
    expect((await verify(rolledBack)).isValid).toBe(true);
    const report = await verify(rolledBack, { reference: assessorCopy });
    expect(report.hasReference).toBe(true);
    expect(errorsOf(report)).toEqual([['d-4', 'missing']]);
    // The assessor's copy compared with itself (or a newer file) is sound.
    expect((await verify(assessorCopy, { reference: rolledBack })).isValid).toBe(true);
  });

  it('reports a record changed from the reference copy', async () => {
    const reference = copy(genuine);
    const changed = copy(genuine);
    decisionById(changed, 'd-3').status = 'met';
    const report = await verify(changed, { reference });
    expect(kindsFor(report, 'd-3')).toEqual(['forged', 'changed']);
    expect(messageFor(report, 'd-3', 'changed')).toMatch(/is not as the reference copy holds it/);
    const elsewhere = copy(genuine);
    elsewhere.portfolio.id = 'portfolio-9';
    const mismatch = await verify(genuine, { reference: elsewhere });
    expect(mismatch.findings.filter((finding) => finding.recordType === 'portfolio').map((finding) => finding.message)).toEqual([
      'The reference copy is of another portfolio (portfolio-9), not this one (portfolio-1), so nothing in it can be compared.',
    ]);
    expect(mismatch.isValid).toBe(false);
  });

  it('detects a fork: two records signed for one place in a chain', async () => {
    const content = copy(genuine);
    // The assessor's own key signs twice at place 5 (say, from a restored backup).
    const position = await nextPosition(content, cast.assessor);
    const identity = identityOf(content.portfolio);
    const hashes = await hashesOf(content.evidence);
    const base = { portfolioId: content.portfolio.id, markingPointId: 'CS6.1.1', feedback: 'Looked again.', evidence: [{ evidenceId: 'ev-3', contentHash: hashes.get('ev-3')! }], signer: signerFor(cast.assessor, 'assessor', 'Priya Shah', 'A1042'), decidedAt: '2026-12-02T09:00:00.000Z' };
    content.decisions.push(await signRecord('decision', { ...base, id: 'd-5', status: 'met' }, identity, position, cast.assessor));
    content.decisions.push(await signRecord('decision', { ...base, id: 'd-6', status: 'not-yet' }, identity, position, cast.assessor));
    const report = await verify(content);
    expect(kindsFor(report, 'd-5')).toEqual(['chain']);
    expect(kindsFor(report, 'd-6')).toEqual(['chain']);
    expect(messageFor(report, 'd-5', 'chain')).toMatch(/is number 5 in Priya Shah's chain .* and so is another record: the chain forks/);
  });

  it('detects a record that does not follow the one before it', async () => {
    const content = copy(genuine);
    const identity = identityOf(content.portfolio);
    const hashes = await hashesOf(content.evidence);
    // Place 5, but naming a record that is not place 4.
    const stray = await signRecord(
      'decision',
      { id: 'd-7', portfolioId: content.portfolio.id, markingPointId: 'CS5.1.2', status: 'met', feedback: 'Fine.', evidence: [{ evidenceId: 'ev-2', contentHash: hashes.get('ev-2')! }], signer: signerFor(cast.assessor, 'assessor', 'Priya Shah', 'A1042'), decidedAt: '2026-12-03T09:00:00.000Z' },
      identity,
      { sequence: 5, previous: await payloadHash('decision', decisionById(content, 'd-1')) },
      cast.assessor,
    );
    content.decisions.push(stray);
    expect(messageFor(await verify(content), 'd-7', 'chain')).toMatch(/does not follow number 4 in Priya Shah's chain/);
  });

  it('reports the same record twice as a repeated id', async () => {
    const content = copy(genuine);
    content.decisions.push(copy(decisionById(genuine, 'd-2')));
    const report = await verify(content);
    expect(report.findings.filter((finding) => finding.ref === 'd-2').map((finding) => [finding.path, finding.kind])).toEqual([
      ['/decisions/1', 'ok'],
      ['/decisions/3', 'corrupt'],
    ]);
  });

  it('flags a decision the learner signed with their own key under the assessor’s name', async () => {
    const content = copy(genuine);
    // Switch the app to the assessor role, type the assessor's name, sign: a genuine signature by the wrong key.
    const forged = await decide(content, cast.learner, { id: 'd-8', markingPointId: 'CS6.1.1', status: 'met', evidenceIds: ['ev-3'], decidedAt: '2026-12-04T09:00:00.000Z' });
    content.decisions.push(forged);
    const report = await verify(content);
    expect(report.isValid).toBe(false);
    expect(kindsFor(report, 'd-8')).toEqual(['untrusted']);
    // Its key also signed the learner's declaration.
    expect(messageFor(report, 'd-8', 'untrusted')).toMatch(/signed with the learner's own key/);
    expect(recordStatus(report, 'decision', 'd-8')).toBe('untrusted');

    // Without the learner's declaration in the package, the pin on "Priya Shah" still catches it.
    const withoutDeclaration = copy(content);
    withoutDeclaration.declarations = [];
    const pinned = await verify(withoutDeclaration);
    expect(messageFor(pinned, 'd-8', 'untrusted')).toBe(
      `Decision on CS6.1.1 by Priya Shah: it is signed with key ${cast.learner.fingerprint}, but Priya Shah's records in this portfolio are signed with key ${cast.assessor.fingerprint}; without the centre’s key register the new key cannot be shown to be theirs.`,
    );
    // With the register, it is not vouched for either.
    const checked = await verify(withoutDeclaration, { register });
    // (Its place 2 in the learner's chain now has no place 1 either.)
    expect(kindsFor(checked, 'd-8')).toEqual(['unknown-key', 'untrusted', 'chain']);
    expect(messageFor(checked, 'd-8', 'unknown-key')).toMatch(/not in the centre's key register/);
  });

  it('flags a portfolio forged wholly by another key when the app has pinned the assessor’s key', async () => {
    const forgedContent = copy(genuine);
    forgedContent.decisions = [];
    forgedContent.signOffs = [];
    forgedContent.iqaSamples = [];
    forgedContent.declarations = [];
    const otherKey = await createSigningKey({ algorithm });
    forgedContent.decisions.push(await decide(forgedContent, otherKey, { id: 'f-1', markingPointId: 'CS5.1.1', evidenceIds: ['ev-1'] }));
    // From the package alone the only key for "Priya Shah" is this one…
    expect((await verify(forgedContent)).isValid).toBe(true);
    // …but the assessor's app pinned her real key when she first signed.
    const pins = new Map([['priya shah', { name: 'Priya Shah', fingerprint: cast.assessor.fingerprint }]]);
    expect(kindsFor(await verify(forgedContent, { pins }), 'f-1')).toEqual(['untrusted']);
    // A key the register lists for her is accepted in place of the pin (a new key after the old was lost).
    const rotated = await registerOf(cast, centre, { assessor: { fingerprint: otherKey.fingerprint, publicKey: otherKey.publicKey } });
    expect((await verify(forgedContent, { pins, register: rotated })).isValid).toBe(true);
  });

  it('flags one key signing under two names', async () => {
    const content = copy(genuine);
    content.decisions.push(await decide(content, cast.assessor, { id: 'd-9', markingPointId: 'CS6.1.1', evidenceIds: ['ev-3'], name: 'Tom Okafor', decidedAt: '2026-12-05T09:00:00.000Z' }));
    const report = await verify(content);
    expect(messageFor(report, 'd-9', 'untrusted')).toMatch(/signs under 2 names here \(Priya Shah, Tom Okafor\); one key belongs to one person/);
    expect(kindsFor(report, 'd-1')).toEqual(['untrusted']);
  });

  it('refuses a record signed in a role its kind is never signed in', async () => {
    const content = copy(genuine);
    const identity = identityOf(content.portfolio);
    const hashes = await hashesOf(content.evidence);
    // Built past signRecord's own refusal, as a hostile tool could: a "learner" decision.
    const record = await signRecord(
      'declaration',
      { id: 'decl-2', portfolioId: content.portfolio.id, kind: 'assessor', name: 'Sam Learner', text: 'I assessed myself.', signedAt: '2026-12-05T09:00:00.000Z', signer: { role: 'assessor', name: 'Sam Learner', keyFingerprint: cast.learner.fingerprint } },
      identity,
      await nextPosition(content, cast.learner),
      cast.learner,
    );
    (record.signer as { role: string }).role = 'learner';
    content.declarations.push(record);
    expect(kindsFor(await verify(content), 'decl-2')).toEqual(['forged']);
    expect(hashes.size).toBe(3);
  });

  it('detects a changed declaration, or a declaration shown under another name', async () => {
    const content = copy(genuine);
    content.declarations[0]!.text += ' Except the witness statements.';
    expect(kindsFor(await verify(content), 'decl-1')).toEqual(['forged']);
    const renamed = copy(genuine);
    renamed.declarations[0]!.name = 'Someone Else';
    expect(messageFor(await verify(renamed), 'decl-1', 'forged')).toMatch(/shows the name Someone Else, but was signed by Sam Learner/);
  });

  it('checks the register’s validity dates, revocations, roles and names for the day each record was signed', async () => {
    const cases: Array<[string, Partial<KeyRegisterEntry>, RegExp]> = [
      ['not yet valid', { validFrom: '2026-12-01' }, /signed on 2026-11-22, before key .* became valid on 2026-12-01/],
      ['expired', { validUntil: '2026-11-01' }, /signed on 2026-11-22, after key .* expired on 2026-11-01/],
      ['revoked', { revoked: '2026-11-20' }, /signed on 2026-11-22, but the centre revoked key .* on 2026-11-20/],
      ['another name', { name: 'P. Shah-Jones' }, /names its signer "Priya Shah", but key .* belongs to P\. Shah-Jones/],
      ['another role', { role: 'iqa' }, /lists for Priya Shah as an internal quality assurer, not as an assessor/],
    ];
    for (const [name, change, pattern] of cases) {
      const changed = await registerOf(cast, centre, { assessor: change });
      const report = await verify(genuine, { register: changed });
      expect(report.isValid, name).toBe(false);
      expect(messageFor(report, 'd-1', 'unknown-key'), name).toMatch(pattern);
    }
    // Revoked after the last signature: everything signed before stays good.
    expect((await verify(genuine, { register: await registerOf(cast, centre, { assessor: { revoked: '2026-12-01' } }) })).isValid).toBe(true);
    // Capitals, spacing and width do not make another name.
    expect(checkAgainstRegister(register, genuine.decisions[0]!.signature, { role: 'assessor', name: '  PRIYA   shah ' }, '2026-11-22T10:15:00.000Z', cast.assessor.fingerprint).isConfirmed).toBe(true);
  });

  it('judges an IQA agreement over a decision replaced since as out of date, but not a request to act', async () => {
    const content = copy(genuine);
    content.decisions.push(await decide(content, cast.assessor, { id: 'd-10', markingPointId: 'CS5.1.2', status: 'not-yet', evidenceIds: ['ev-2'], decidedAt: '2026-12-06T09:00:00.000Z' }));
    const report = await verify(content);
    expect(kindsFor(report, 'q-1')).toEqual(['stale']);
    expect(messageFor(report, 'q-1', 'stale')).toMatch(/a later decision on CS5\.1\.2 \(not yet met, 2026-12-06\) replaces the one it sampled\. The IQA needs to sample the unit again\./);
    expect(kindsFor(report, 's-1')).toEqual(['stale']);
    const asked = copy(genuine);
    asked.iqaSamples = [];
    asked.iqaSamples.push(await sample(asked, cast.iqa, { id: 'q-2', unitId: 'CS5', decisionIds: ['d-1', 'd-2'], outcome: 'assessor-to-act' }));
    asked.decisions.push(await decide(asked, cast.assessor, { id: 'd-11', markingPointId: 'CS5.1.2', status: 'not-yet', evidenceIds: ['ev-2'], decidedAt: '2026-12-06T09:00:00.000Z' }));
    expect(kindsFor(await verify(asked), 'q-2')).toEqual(['ok']);
  });

  it('treats a sign-off resting on an untrusted decision as invalid', async () => {
    const content = copy(genuine);
    content.decisions.push(await decide(content, cast.learner, { id: 'd-12', markingPointId: 'CS6.1.1', evidenceIds: ['ev-3'], decidedAt: '2026-12-07T09:00:00.000Z' }));
    const report = await verify(content);
    expect(kindsFor(report, 'd-12')).toEqual(['untrusted']);
    expect(recordStatus(report, 'decision', 'd-3')).toBe('ok');
  });
});

describe('verifyPortfolio on hostile version 2 content', () => {
  it('never throws, whatever the chain fields hold', async () => {
    const cast = await makeCast();
    const genuine = await signedPortfolio(cast);
    const values: unknown[] = [null, 0, -1, 1.5, 'one', [], {}, Number.NaN, 2 ** 60];
    for (const value of values) {
      const content = copy(genuine);
      (content.decisions[1] as unknown as { chain: unknown }).chain = value;
      const other = copy(genuine);
      (other.decisions[1]!.chain as unknown as { sequence: unknown }).sequence = value;
      (other.decisions[2]!.chain as unknown as { previous: unknown }).previous = value;
      (other.decisions[0]!.chain as unknown as { learner: unknown }).learner = value;
      for (const tampered of [content, other]) {
        const report = await verifyPortfolio(tampered, await hashesOf(tampered.evidence));
        expect(report.isValid).toBe(false);
        expect(report.findings.every((finding) => typeof finding.message === 'string' && finding.message.length > 0)).toBe(true);
      }
    }
  });

  it('refuses text that is not valid Unicode in a record of version 2 (JCS admits none)', async () => {
    const cast = await makeCast();
    const content = await signedPortfolio(cast);
    decisionById(content, 'd-1').feedback = 'broken \ud800 text';
    const report = await verifyPortfolio(content, await hashesOf(content.evidence));
    expect(kindsFor(report, 'd-1')).toEqual(['corrupt']);
    expect(messageFor(report, 'd-1', 'corrupt')).toMatch(/not valid Unicode/);
  });
});
