/**
 * The portfolio domain: everything a `.portfolio` package carries (CONTRACTS.md §2).
 * Every record carries its `portfolioId` so one database can hold an assessor's caseload.
 * Dates of activities are ISO calendar dates (`YYYY-MM-DD`); instants are ISO 8601 UTC
 * timestamps (`2026-11-22T10:15:00.000Z`).
 */
import type { QualificationSpec } from '../spec/types';

export const EVIDENCE_TYPES = [
  'reflective-account',
  'witness-testimony',
  'observation',
  'professional-discussion',
  'case-log',
  'call-recording',
  'customer-feedback',
  'mystery-shopping',
  'work-product',
  'question-answer',
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/** Seeds ask for evidence "clearly labelled" reactive (immediate) or proactive (preventive). */
export const SERVICE_LABELS = ['reactive', 'proactive', 'both'] as const;
export type ServiceLabel = (typeof SERVICE_LABELS)[number];

/** Recognised complaint-handling models named in the seeds. */
export const COMPLAINT_MODELS = ['HEAT', 'LATER', 'AAAA', 'other'] as const;
export type ComplaintModel = (typeof COMPLAINT_MODELS)[number];

/** The stages a complete complaint interaction shows, from identification to recording. */
export const COMPLAINT_STAGES = ['identification', 'resolution', 'recording'] as const;
export type ComplaintStage = (typeof COMPLAINT_STAGES)[number];

export interface Person {
  name: string;
  number?: string;
}

export interface Centre {
  name: string;
  number?: string;
}

/** A qualification named by id and version, as a portfolio refers to it. */
export interface QualificationRef {
  id: string;
  version: string;
}

export interface Portfolio {
  id: string;
  learner: Person;
  centre: Centre;
  assessorName?: string;
  /** Qualification spec id and version this portfolio is built against. */
  qualificationId: string;
  qualificationVersion: string;
  /**
   * Further qualifications the portfolio also maps to (an apprenticeship standard's KSBs and a
   * qualification inside it). Absent when there is one; never the main one again.
   */
  additionalQualifications?: QualificationRef[];
  createdAt: string;
  updatedAt: string;
}

/** An attachment is referenced by the SHA-256 of its bytes (64 lowercase hex). */
export interface AttachmentRef {
  sha256: string;
  /** The file name the learner chose; informational only, never used as a path. */
  name: string;
  /** Media type detected from the bytes, not the name. */
  mediaType: string;
  size: number;
  /**
   * What the picture or file shows, in the learner's words: printed under the figure and read
   * aloud as its alternative text in the PDF.
   */
  description?: string;
}

export interface Witness {
  name: string;
  role: string;
  relationship: string;
  contact?: string;
  /** When the witness confirmed the statement as theirs (YYYY-MM-DD); absent until confirmed. */
  confirmedOn?: string;
  /**
   * An expert witness is occupationally competent in what they saw (awarding bodies weigh their
   * testimony as such); an ordinary witness is anyone else who saw the work.
   */
  witnessType?: WitnessType;
  /** How the statement was confirmed as the witness's own, e.g. "signed in person", "assessor phoned them". */
  confirmedHow?: string;
  /** The witness's own words confirming the statement. */
  confirmationStatement?: string;
}

export const WITNESS_TYPES = ['expert', 'ordinary'] as const;
export type WitnessType = (typeof WITNESS_TYPES)[number];

export interface ModelStage {
  /** Stage name within the model, e.g. "Hear" for HEAT. */
  stage: string;
  text: string;
}

/** Type-specific fields; the discriminant matches `EvidenceItem.type`. */
export type EvidenceDetails =
  | {
      type: 'reflective-account';
      model: ComplaintModel;
      /** Name of the model when `model` is `other`. */
      modelName?: string;
      stages: ModelStage[];
      wentWell?: string;
      doDifferently?: string;
      preventRecurrence?: string;
    }
  | { type: 'witness-testimony'; witness: Witness; statement: string; statementDate?: string }
  | { type: 'observation'; observer: string; observedOn?: string; setting?: string }
  | { type: 'professional-discussion'; discussedWith?: string; topics?: string }
  | { type: 'case-log'; stagesCovered: ComplaintStage[]; caseReference?: string }
  | { type: 'call-recording'; durationSeconds?: number; consent: string }
  | { type: 'customer-feedback'; source?: string; sampleSize?: number }
  | { type: 'mystery-shopping'; shopper?: string; channel?: string }
  | { type: 'work-product'; productKind?: string }
  | { type: 'question-answer'; askedBy?: string };

export interface EvidenceItem {
  id: string;
  portfolioId: string;
  type: EvidenceType;
  title: string;
  /** Date of the activity (YYYY-MM-DD). */
  activityDate: string;
  /** Plain text: paragraphs separated by blank lines, list items start with "- ". Never HTML. */
  narrative: string;
  label?: ServiceLabel;
  /** Legislation and regulation referenced: catalogue ids or free entries. */
  legislation: string[];
  tags: string[];
  /** What caused the problem, where the evidence is about problem solving. */
  rootCause?: string;
  /** What was done so the problem does not happen again. */
  prevention?: string;
  details: EvidenceDetails;
  attachments: AttachmentRef[];
  createdAt: string;
  updatedAt: string;
}

export type Locator =
  | { kind: 'page'; page: number }
  | { kind: 'paragraph'; paragraph: number }
  | { kind: 'time'; startSeconds: number; endSeconds: number }
  | { kind: 'note'; text: string };

export interface Mapping {
  id: string;
  portfolioId: string;
  evidenceId: string;
  markingPointId: string;
  /** The additional qualification the marking point belongs to; absent for the main qualification. */
  qualificationId?: string;
  locator?: Locator;
  justification?: string;
  createdAt: string;
}

export type SignatureAlgorithm = 'Ed25519' | 'ECDSA-P256';

export interface Signer {
  /** `learner` signs only declarations; assessors and IQAs sign their judgements. */
  role: 'learner' | 'assessor' | 'iqa';
  name: string;
  number?: string;
  centre?: string;
  /** Short fingerprint of the public key (for the centre's register). */
  keyFingerprint: string;
}

export interface Signature {
  algorithm: SignatureAlgorithm;
  /**
   * Public key, base64: Ed25519's 32 raw bytes; for ECDSA P-256 the 65-byte uncompressed point
   * in records of version 2 (CONTRACTS.md §5), SPKI DER in the older records of version 1.
   */
  publicKey: string;
  /** Signature over the canonical content, base64. */
  value: string;
}

export interface JudgedEvidence {
  evidenceId: string;
  /** `contentHash` of the evidence item at the time of the judgement. */
  contentHash: string;
}

export type DecisionStatus = 'met' | 'not-yet';

/** Who the portfolio is for, as a signed record of version 2 names them. */
export interface LearnerIdentity {
  name: string;
  /** The learner's registration number, `null` when the portfolio has none. */
  number: string | null;
}

export interface QualificationIdentity {
  id: string;
  version: string;
}

/**
 * What a signed record of version 2 (CONTRACTS.md §5) adds to the fields of version 1: the
 * learner and qualification it was signed for, and its place in its signer's chain of records
 * in this portfolio. Present exactly when the record is of version 2; records of version 1
 * (signed before chains existed) have none and are shown as the older form.
 */
export interface ChainFields {
  learner: LearnerIdentity;
  qualification: QualificationIdentity;
  /** 1 for the signer's first signed record in this portfolio, then 2, 3… across all kinds. */
  sequence: number;
  /** Lowercase hex SHA-256 of the payload bytes of the signer's record `sequence - 1`; null for 1. */
  previous: string | null;
}

export interface AssessorDecision {
  id: string;
  portfolioId: string;
  markingPointId: string;
  status: DecisionStatus;
  feedback: string;
  evidence: JudgedEvidence[];
  signer: Signer;
  decidedAt: string;
  signature: Signature;
  chain?: ChainFields;
}

export interface UnitSignOff {
  id: string;
  portfolioId: string;
  unitId: string;
  declaration: string;
  /** Ids of the decisions the sign-off rests on. */
  decisionIds: string[];
  signer: Signer;
  signedAt: string;
  signature: Signature;
  chain?: ChainFields;
}

export type IqaOutcome = 'agree' | 'assessor-to-act';

export interface IqaSample {
  id: string;
  portfolioId: string;
  unitId: string;
  outcome: IqaOutcome;
  comments: string;
  /** Ids of the decisions sampled. */
  decisionIds: string[];
  signer: Signer;
  sampledAt: string;
  signature: Signature;
  chain?: ChainFields;
}

export type DeclarationKind = 'learner-authenticity' | 'assessor';

/**
 * A declaration. Those of version 2 are signed records in their signer's chain (`signer`,
 * `signature` and `chain` all present, `name` the signer's); older ones are a typed name only.
 */
export interface Declaration {
  id: string;
  portfolioId: string;
  kind: DeclarationKind;
  name: string;
  text: string;
  signedAt: string;
  signer?: Signer;
  signature?: Signature;
  chain?: ChainFields;
}

export interface ActionPlanItem {
  id: string;
  portfolioId: string;
  action: string;
  targetDate?: string;
  unitId?: string;
  status: 'open' | 'done';
  createdBy: string;
  createdAt: string;
}

export interface EvidenceComment {
  id: string;
  portfolioId: string;
  evidenceId: string;
  author: string;
  text: string;
  createdAt: string;
}

export interface AuditEntry {
  id: string;
  portfolioId: string;
  at: string;
  actor: string;
  action: 'create' | 'update' | 'delete' | 'restore' | 'import' | 'export' | 'sign';
  entity: 'portfolio' | 'evidence' | 'mapping' | 'attachment' | 'decision' | 'sign-off' | 'iqa-sample' | 'declaration' | 'action-plan' | 'comment';
  entityId: string;
  summary: string;
}

/** Everything in one portfolio, as held in a package manifest and used by core computations. */
export interface PortfolioContent {
  portfolio: Portfolio;
  qualification: QualificationSpec;
  /** The specifications of `portfolio.additionalQualifications`, when there are any. */
  additionalQualifications?: QualificationSpec[];
  evidence: EvidenceItem[];
  mappings: Mapping[];
  decisions: AssessorDecision[];
  signOffs: UnitSignOff[];
  iqaSamples: IqaSample[];
  declarations: Declaration[];
  actionPlan: ActionPlanItem[];
  comments: EvidenceComment[];
  audit: AuditEntry[];
}
