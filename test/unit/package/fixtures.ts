/**
 * A small but complete portfolio for package tests: a one-unit specification, every evidence
 * type, every locator kind, a signed decision, sign-off, IQA sample, declarations, action plan,
 * comments and audit trail, with Welsh letters, curly quotes and currency signs throughout.
 */
import { createHash } from 'node:crypto';
import type { EvidenceDetails, EvidenceItem } from '../../../core/model/portfolio';
import type { PackageManifest } from '../../../core/package/manifest';
import type { QualificationSpec } from '../../../core/spec/types';

export const PORTFOLIO_ID = 'pf-0001';
export const WELSH = 'Gŵyl Dŷ’r “Cwsmer” — £12.50 / €15 — ŵ ŷ Ŵ Ŷ';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface TestAttachment {
  sha256: string;
  bytes: Uint8Array;
  mediaType: string;
}

export function attachment(bytes: Uint8Array, mediaType = 'application/octet-stream'): TestAttachment {
  return { sha256: sha256Hex(bytes), bytes, mediaType };
}

/** Deterministic pseudo-random bytes (xorshift), fast enough for tens of megabytes. */
export function pseudoRandomBytes(length: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(length);
  const words = new Uint32Array(bytes.buffer, 0, Math.floor(length / 4));
  let x = seed >>> 0 || 1;
  for (let index = 0; index < words.length; index++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[index] = x >>> 0;
  }
  for (let index = words.length * 4; index < length; index++) bytes[index] = index & 0xff;
  return bytes;
}

export function tinySpec(): QualificationSpec {
  return {
    format: 'portfolio-qualification/1',
    id: 'cs-test',
    title: 'Customer service (test) — “Gwasanaeth cwsmer”',
    awardingBody: 'Test Awarding Body',
    level: '3',
    version: '2026.1',
    units: [
      {
        id: 'CS1',
        title: 'Handling complaints',
        synopsis: 'How to resolve a complaint and stop it happening again.',
        guidance: { tips: ['Label each item reactive or proactive.'], misconceptions: ['A refund always ends a complaint.'] },
        learningOutcomes: [
          {
            id: 'CS1.LO1',
            title: 'Resolve complaints',
            markingPoints: [
              { id: 'CS1.1.1', text: 'Identify the customer’s complaint.', label: 'Identify' },
              { id: 'CS1.1.2', text: 'Resolve the complaint using a recognised model.' },
            ],
          },
        ],
      },
    ],
  };
}

const AT = '2026-11-22T10:15:00.000Z';
const SIGNATURE = { algorithm: 'Ed25519' as const, publicKey: 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=', value: 'c2lnbmF0dXJl' };
const SIGNER = { role: 'assessor' as const, name: 'Siân Ŵyn', keyFingerprint: 'ab12-cd34-ef56' };

const DETAILS: EvidenceDetails[] = [
  { type: 'reflective-account', model: 'HEAT', stages: [{ stage: 'Hear', text: `I listened. ${WELSH}` }, { stage: 'Empathise', text: 'I said sorry.' }], wentWell: 'Calm', preventRecurrence: 'New checklist' },
  { type: 'witness-testimony', witness: { name: 'Dafydd ap Gŵyn', role: 'Team leader', relationship: 'Line manager', confirmedOn: '2026-11-20' }, statement: `I saw it. ${WELSH}`, statementDate: '2026-11-19' },
  { type: 'observation', observer: 'Assessor', observedOn: '2026-11-18', setting: 'Shop floor' },
  { type: 'professional-discussion', discussedWith: 'Assessor', topics: 'Complaint models' },
  { type: 'case-log', stagesCovered: ['identification', 'resolution', 'recording'], caseReference: 'CASE-77' },
  { type: 'call-recording', durationSeconds: 312.5, consent: 'Caller agreed to recording.' },
  { type: 'customer-feedback', source: 'Survey', sampleSize: 40 },
  { type: 'mystery-shopping', shopper: 'Agency', channel: 'Phone' },
  { type: 'work-product', productKind: 'Leaflet' },
  { type: 'question-answer', askedBy: 'Assessor' },
];

export function sampleManifest(attachments: readonly TestAttachment[]): PackageManifest {
  const evidence: EvidenceItem[] = DETAILS.map((details, index) => ({
    id: `ev-${index + 1}`,
    portfolioId: PORTFOLIO_ID,
    type: details.type,
    title: `${details.type} ${index + 1}: ‘${WELSH}’`,
    activityDate: '2026-11-1' + String(index % 10),
    narrative: `First paragraph. ${WELSH}\n\n- a list item\n- another`,
    label: index % 2 === 0 ? 'reactive' : 'proactive',
    legislation: ['Consumer Rights Act 2015'],
    tags: ['complaint'],
    rootCause: index === 0 ? 'Late delivery' : undefined,
    details,
    attachments: index === 0
      ? attachments.map((item, n) => ({ sha256: item.sha256, name: `llun-${n}.jpg`, mediaType: item.mediaType, size: item.bytes.byteLength }))
      : [],
    createdAt: AT,
    updatedAt: AT,
  }));
  return {
    format: 'portfolio-package/1',
    exportedAt: AT,
    generator: { name: 'portfolio-tests', version: '0.0.0' },
    portfolio: {
      id: PORTFOLIO_ID,
      learner: { name: 'Rhian Llŷr', number: 'L-42' },
      centre: { name: 'Canolfan “Prawf”', number: 'C-9' },
      assessorName: 'Siân Ŵyn',
      qualificationId: 'cs-test',
      qualificationVersion: '2026.1',
      createdAt: AT,
      updatedAt: AT,
    },
    qualification: tinySpec(),
    evidence,
    mappings: [
      { id: 'map-1', portfolioId: PORTFOLIO_ID, evidenceId: 'ev-1', markingPointId: 'CS1.1.1', locator: { kind: 'paragraph', paragraph: 2 }, createdAt: AT },
      { id: 'map-2', portfolioId: PORTFOLIO_ID, evidenceId: 'ev-6', markingPointId: 'CS1.1.2', locator: { kind: 'time', startSeconds: 12, endSeconds: 95.5 }, justification: WELSH, createdAt: AT },
      { id: 'map-3', portfolioId: PORTFOLIO_ID, evidenceId: 'ev-9', markingPointId: 'CS1.1.2', locator: { kind: 'page', page: 3 }, createdAt: AT },
      { id: 'map-4', portfolioId: PORTFOLIO_ID, evidenceId: 'ev-2', markingPointId: 'CS1.1.1', locator: { kind: 'note', text: 'Last line' }, createdAt: AT },
    ],
    decisions: [
      {
        id: 'dec-1',
        portfolioId: PORTFOLIO_ID,
        markingPointId: 'CS1.1.1',
        status: 'met',
        feedback: `Da iawn — ${WELSH}`,
        evidence: [{ evidenceId: 'ev-1', contentHash: `sha256:${'a'.repeat(64)}` }],
        signer: SIGNER,
        decidedAt: AT,
        signature: SIGNATURE,
      },
    ],
    signOffs: [{ id: 'so-1', portfolioId: PORTFOLIO_ID, unitId: 'CS1', declaration: 'I confirm.', decisionIds: ['dec-1'], signer: SIGNER, signedAt: AT, signature: SIGNATURE }],
    iqaSamples: [
      { id: 'iqa-1', portfolioId: PORTFOLIO_ID, unitId: 'CS1', outcome: 'agree', comments: 'Sound.', decisionIds: ['dec-1'], signer: { ...SIGNER, role: 'iqa' }, sampledAt: AT, signature: SIGNATURE },
    ],
    declarations: [{ id: 'decl-1', portfolioId: PORTFOLIO_ID, kind: 'learner-authenticity', name: 'Rhian Llŷr', text: 'All my own work.', signedAt: AT }],
    actionPlan: [{ id: 'act-1', portfolioId: PORTFOLIO_ID, action: 'Add a witness testimony.', targetDate: '2026-12-01', unitId: 'CS1', status: 'open', createdBy: 'Siân Ŵyn', createdAt: AT }],
    comments: [{ id: 'com-1', portfolioId: PORTFOLIO_ID, evidenceId: 'ev-1', author: 'Siân Ŵyn', text: '“Good” — £0 spent', createdAt: AT }],
    audit: [{ id: 'aud-1', portfolioId: PORTFOLIO_ID, at: AT, actor: 'Rhian Llŷr', action: 'create', entity: 'evidence', entityId: 'ev-1', summary: 'Created' }],
    attachments: attachments.map((item) => ({ sha256: item.sha256, size: item.bytes.byteLength, mediaType: item.mediaType })),
  };
}
