/**
 * A small, real portfolio for the integrity tests: two units, three evidence items, and real
 * signing keys. Everything is built by the production code (content hashes, signatures), so a
 * test that tampers with a record tampers with exactly what the app would have written.
 */
import type {
  AssessorDecision,
  EvidenceItem,
  IqaSample,
  PortfolioContent,
  Signer,
  UnitSignOff,
} from '../../../core/model/portfolio';
import type { QualificationSpec } from '../../../core/spec/types';
import { evidenceContentHash } from '../../../core/integrity/content-hash';
import { createSigningKey, type SigningKey } from '../../../core/integrity/keys';
import { signDecision, signIqaSample, signSignOff } from '../../../core/integrity/signing';
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

export function signerFor(key: SigningKey, role: Signer['role'], name: string, number?: string): Signer {
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

export async function decide(
  content: PortfolioContent,
  key: SigningKey,
  options: { id: string; markingPointId: string; status?: 'met' | 'not-yet'; evidenceIds: string[]; decidedAt?: string; name?: string; number?: string },
): Promise<AssessorDecision> {
  const hashes = await hashesOf(content.evidence);
  return signDecision(
    {
      id: options.id,
      portfolioId: content.portfolio.id,
      markingPointId: options.markingPointId,
      status: options.status ?? 'met',
      feedback: `Feedback on ${options.markingPointId}: clear and well evidenced.`,
      evidence: options.evidenceIds.map((evidenceId) => ({ evidenceId, contentHash: hashes.get(evidenceId)! })),
      signer: signerFor(key, 'assessor', options.name ?? 'Priya Shah', options.number ?? 'A1042'),
      decidedAt: options.decidedAt ?? '2026-11-22T10:15:00.000Z',
    },
    key,
  );
}

export async function signOff(
  content: PortfolioContent,
  key: SigningKey,
  options: { id: string; unitId: string; decisionIds: string[]; signedAt?: string },
): Promise<UnitSignOff> {
  return signSignOff(
    {
      id: options.id,
      portfolioId: content.portfolio.id,
      unitId: options.unitId,
      declaration: 'I confirm the evidence is the learner’s own and meets the unit’s marking points.',
      decisionIds: options.decisionIds,
      signer: signerFor(key, 'assessor', 'Priya Shah', 'A1042'),
      signedAt: options.signedAt ?? '2026-11-23T09:00:00.000Z',
    },
    key,
  );
}

export async function sample(
  content: PortfolioContent,
  key: SigningKey,
  options: { id: string; unitId: string; decisionIds: string[]; number?: string },
): Promise<IqaSample> {
  return signIqaSample(
    {
      id: options.id,
      portfolioId: content.portfolio.id,
      unitId: options.unitId,
      outcome: 'agree',
      comments: 'Judgements are sound and well recorded.',
      decisionIds: options.decisionIds,
      signer: signerFor(key, 'iqa', 'Jo Quality', options.number ?? 'Q77'),
      sampledAt: '2026-11-25T14:00:00.000Z',
    },
    key,
    content.decisions,
  );
}

/**
 * The standard signed portfolio: decisions d-1 (CS5.1.1 on ev-1), d-2 (CS5.1.2 on ev-2),
 * d-3 (CS6.1.1 on ev-3, not yet met), a sign-off of CS5 on d-1 and d-2, and an IQA sample of CS5.
 */
export async function signedPortfolio(cast: Cast): Promise<PortfolioContent> {
  const content = baseContent();
  content.decisions.push(
    await decide(content, cast.assessor, { id: 'd-1', markingPointId: 'CS5.1.1', evidenceIds: ['ev-1'] }),
    await decide(content, cast.assessor, { id: 'd-2', markingPointId: 'CS5.1.2', evidenceIds: ['ev-1', 'ev-2'] }),
    await decide(content, cast.assessor, { id: 'd-3', markingPointId: 'CS6.1.1', status: 'not-yet', evidenceIds: ['ev-3'] }),
  );
  content.signOffs.push(await signOff(content, cast.assessor, { id: 's-1', unitId: 'CS5', decisionIds: ['d-1', 'd-2'] }));
  content.iqaSamples.push(await sample(content, cast.iqa, { id: 'q-1', unitId: 'CS5', decisionIds: ['d-1', 'd-2'] }));
  return content;
}

/** A deep copy, so each tampering starts from the genuine portfolio. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}
