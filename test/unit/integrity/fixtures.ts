/**
 * A small, real portfolio for the integrity tests: two units, three evidence items, and real
 * signing keys. Everything is built by the production code (content hashes, signatures), so a
 * test that tampers with a record tampers with exactly what the app would have written.
 */
import type {
  AssessorDecision,
  ChainFields,
  Declaration,
  EvidenceItem,
  IqaSample,
  PortfolioContent,
  Signer,
  UnitSignOff,
} from '../../../core/model/portfolio';
import { ASSESSOR_DECLARATION_TEXT, LEARNER_DECLARATION_TEXT } from '../../../core/model/declarations';
import {
  FIRST_POSITION,
  KIND_LIST,
  SIGNED_KINDS,
  identityOf,
  positionAfter,
  signRecord,
  type ChainPosition,
  type FlatRecordOf,
  type SignedKind,
  type UnsignedRecord,
} from '../../../core/integrity/signed-record';
import type { QualificationSpec } from '../../../core/spec/types';
import { evidenceContentHash } from '../../../core/integrity/content-hash';
import { createSigningKey, publicKeyForV1, type SigningKey } from '../../../core/integrity/keys';
import { signDecision, signIqaSample, signSignOff, type UnsignedDecision } from '../../../core/integrity/signing';
import type { SignatureAlgorithm } from '../../../core/model/portfolio';

export const PORTFOLIO_ID = 'portfolio-1';

export const SPEC: QualificationSpec = {
  format: 'portfolio-qualification/1',
  id: 'cs-test',
  title: 'Customer service (test)',
  awardingBody: 'Test Awards',
  version: '1',
  units: [
    {
      id: 'CS5',
      title: 'Handling complaints',
      learningOutcomes: [
        {
          id: 'CS5.LO1',
          title: 'Resolve complaints',
          markingPoints: [
            { id: 'CS5.1.1', text: 'Identify the complaint.' },
            { id: 'CS5.1.2', text: 'Resolve the complaint.' },
          ],
        },
      ],
    },
    {
      id: 'CS6',
      title: 'Service improvement',
      learningOutcomes: [{ id: 'CS6.LO1', title: 'Improve service', markingPoints: [{ id: 'CS6.1.1', text: 'Propose an improvement.' }] }],
    },
  ],
};

export function evidenceItem(id: string, title: string, narrative: string): EvidenceItem {
  return {
    id,
    portfolioId: PORTFOLIO_ID,
    type: 'reflective-account',
    title,
    activityDate: '2026-10-01',
    narrative,
    legislation: ['consumer-rights-act-2015'],
    tags: ['complaints'],
    details: { type: 'reflective-account', model: 'HEAT', stages: [{ stage: 'Hear', text: 'I listened to the customer.' }] },
    attachments: [{ sha256: 'a'.repeat(64), name: 'log.png', mediaType: 'image/png', size: 1234 }],
    createdAt: '2026-10-01T09:00:00.000Z',
    updatedAt: '2026-10-01T09:00:00.000Z',
  };
}

export function baseContent(): PortfolioContent {
  return {
    portfolio: {
      id: PORTFOLIO_ID,
      learner: { name: 'Sam Learner', number: 'L001' },
      centre: { name: 'Northgate College', number: '58231' },
      qualificationId: SPEC.id,
      qualificationVersion: SPEC.version,
      createdAt: '2026-09-01T09:00:00.000Z',
      updatedAt: '2026-10-01T09:00:00.000Z',
    },
    qualification: SPEC,
    evidence: [
      evidenceItem('ev-1', 'Complaint about a late delivery', 'A customer rang about a late parcel.\n\nI used HEAT.'),
      evidenceItem('ev-2', 'Refund resolution', 'I arranged a refund within policy.'),
      evidenceItem('ev-3', 'Improvement proposal', 'I proposed a callback rota.'),
    ],
    mappings: [],
    decisions: [],
    signOffs: [],
    iqaSamples: [],
    declarations: [],
    actionPlan: [],
    comments: [],
    audit: [],
  };
}

export async function hashesOf(evidence: readonly EvidenceItem[]): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const item of evidence) hashes.set(item.id, await evidenceContentHash(item));
  return hashes;
}

export function signerFor(key: Pick<SigningKey, 'fingerprint'>, role: Signer['role'], name: string, number?: string): Signer {
  return { role, name, ...(number ? { number } : {}), centre: 'Northgate College', keyFingerprint: key.fingerprint };
}

export interface Cast {
  assessor: SigningKey;
  secondAssessor: SigningKey;
  iqa: SigningKey;
  learner: SigningKey;
}

export async function makeCast(algorithm?: SignatureAlgorithm): Promise<Cast> {
  const options = algorithm ? { algorithm } : {};
  const [assessor, secondAssessor, iqa, learner] = await Promise.all([
    createSigningKey(options),
    createSigningKey(options),
    createSigningKey(options),
    createSigningKey(options),
  ]);
  return { assessor: assessor!, secondAssessor: secondAssessor!, iqa: iqa!, learner: learner! };
}

/** Signed records of version 2 (the default) or of the older version 1. */
export type RecordVersion = 1 | 2;

/**
 * The next place in the key's chain in this portfolio, worked out from the records already in
 * the content (as the app works it out from its log).
 */
export async function nextPosition(content: PortfolioContent, key: SigningKey): Promise<ChainPosition> {
  let last: { kind: SignedKind; record: object; sequence: number } | undefined;
  for (const kind of SIGNED_KINDS) {
    for (const record of content[KIND_LIST[kind]] as ReadonlyArray<{ signer?: Signer; chain?: ChainFields }>) {
      if (record.chain && record.signer?.keyFingerprint === key.fingerprint && (!last || record.chain.sequence > last.sequence)) {
        last = { kind, record, sequence: record.chain.sequence };
      }
    }
  }
  return last ? positionAfter(last.kind, last.record) : FIRST_POSITION;
}

async function signAs<K extends SignedKind>(content: PortfolioContent, key: SigningKey, kind: K, unsigned: UnsignedRecord<K>): Promise<FlatRecordOf[K]> {
  return signRecord(kind, unsigned, identityOf(content.portfolio), await nextPosition(content, key), key);
}

export async function decide(
  content: PortfolioContent,
  key: SigningKey,
  options: { id: string; markingPointId: string; status?: 'met' | 'not-yet'; evidenceIds: string[]; decidedAt?: string; name?: string; number?: string; version?: RecordVersion },
): Promise<AssessorDecision> {
  const hashes = await hashesOf(content.evidence);
  const version = options.version ?? 2;
  const signerKey = version === 1 ? { ...key, ...(await publicKeyForV1(key)) } : key;
  const unsigned = {
    id: options.id,
    portfolioId: content.portfolio.id,
    markingPointId: options.markingPointId,
    status: options.status ?? 'met',
    feedback: `Feedback on ${options.markingPointId}: clear and well evidenced.`,
    evidence: options.evidenceIds.map((evidenceId) => ({ evidenceId, contentHash: hashes.get(evidenceId)! })),
    signer: signerFor(signerKey, 'assessor', options.name ?? 'Priya Shah', options.number ?? 'A1042'),
    decidedAt: options.decidedAt ?? '2026-11-22T10:15:00.000Z',
  } satisfies UnsignedDecision;
  return version === 1 ? signDecision(unsigned, key) : signAs(content, key, 'decision', unsigned);
}

export async function signOff(
  content: PortfolioContent,
  key: SigningKey,
  options: { id: string; unitId: string; decisionIds: string[]; signedAt?: string; version?: RecordVersion },
): Promise<UnitSignOff> {
  const version = options.version ?? 2;
  const signerKey = version === 1 ? { ...key, ...(await publicKeyForV1(key)) } : key;
  const unsigned = {
    id: options.id,
    portfolioId: content.portfolio.id,
    unitId: options.unitId,
    declaration: 'I confirm the evidence is the learner’s own and meets the unit’s marking points.',
    decisionIds: options.decisionIds,
    signer: signerFor(signerKey, 'assessor', 'Priya Shah', 'A1042'),
    signedAt: options.signedAt ?? '2026-11-23T09:00:00.000Z',
  };
  return version === 1 ? signSignOff(unsigned, key) : signAs(content, key, 'unit-sign-off', unsigned);
}

export async function sample(
  content: PortfolioContent,
  key: SigningKey,
  options: { id: string; unitId: string; decisionIds: string[]; number?: string; outcome?: 'agree' | 'assessor-to-act'; version?: RecordVersion },
): Promise<IqaSample> {
  const version = options.version ?? 2;
  const signerKey = version === 1 ? { ...key, ...(await publicKeyForV1(key)) } : key;
  const unsigned = {
    id: options.id,
    portfolioId: content.portfolio.id,
    unitId: options.unitId,
    outcome: options.outcome ?? 'agree',
    comments: 'Judgements are sound and well recorded.',
    decisionIds: options.decisionIds,
    signer: signerFor(signerKey, 'iqa', 'Jo Quality', options.number ?? 'Q77'),
    sampledAt: '2026-11-25T14:00:00.000Z',
  };
  return version === 1 ? signIqaSample(unsigned, key, content.decisions) : signAs(content, key, 'iqa-sample', unsigned);
}

/** A signed declaration of version 2: the learner's (with the learner's key) or the assessor's. */
export async function declare(content: PortfolioContent, key: SigningKey, options: { id: string; kind: 'learner-authenticity' | 'assessor'; name?: string; signedAt?: string }): Promise<Declaration> {
  const isLearner = options.kind === 'learner-authenticity';
  const name = options.name ?? (isLearner ? content.portfolio.learner.name : 'Priya Shah');
  return signAs(content, key, 'declaration', {
    id: options.id,
    portfolioId: content.portfolio.id,
    kind: options.kind,
    name,
    text: isLearner ? LEARNER_DECLARATION_TEXT : ASSESSOR_DECLARATION_TEXT,
    signedAt: options.signedAt ?? '2026-11-26T16:00:00.000Z',
    signer: isLearner ? { role: 'learner', name, keyFingerprint: key.fingerprint } : signerFor(key, 'assessor', name, 'A1042'),
  });
}

/**
 * The standard signed portfolio: decisions d-1 (CS5.1.1 on ev-1), d-2 (CS5.1.2 on ev-2),
 * d-3 (CS6.1.1 on ev-3, not yet met), a sign-off of CS5 on d-1 and d-2, and an IQA sample of
 * CS5. With version 2 (the default) the assessor's chain is d-1, d-2, d-3, s-1, the IQA's q-1.
 */
export async function signedPortfolio(cast: Cast, version: RecordVersion = 2): Promise<PortfolioContent> {
  const content = baseContent();
  content.decisions.push(await decide(content, cast.assessor, { id: 'd-1', markingPointId: 'CS5.1.1', evidenceIds: ['ev-1'], version }));
  content.decisions.push(await decide(content, cast.assessor, { id: 'd-2', markingPointId: 'CS5.1.2', evidenceIds: ['ev-1', 'ev-2'], version }));
  content.decisions.push(await decide(content, cast.assessor, { id: 'd-3', markingPointId: 'CS6.1.1', status: 'not-yet', evidenceIds: ['ev-3'], version }));
  content.signOffs.push(await signOff(content, cast.assessor, { id: 's-1', unitId: 'CS5', decisionIds: ['d-1', 'd-2'], version }));
  content.iqaSamples.push(await sample(content, cast.iqa, { id: 'q-1', unitId: 'CS5', decisionIds: ['d-1', 'd-2'], version }));
  return content;
}

/** A deep copy, so each tampering starts from the genuine portfolio. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}
