/**
 * Small builders for specs and portfolios used by the coverage and checks tests. `cleanContent`
 * is a portfolio that passes every check, so a test can break exactly one thing and see exactly
 * one rule fire.
 */
import type {
  AssessorDecision,
  Declaration,
  EvidenceDetails,
  IqaSample,
  EvidenceItem,
  EvidenceType,
  JudgedEvidence,
  Mapping,
  PortfolioContent,
} from '../../../core/model/portfolio';
import type { QualificationSpec, Unit } from '../../../core/spec/types';

export const PORTFOLIO_ID = 'pf-1';
export const ASSESSOR = 'Priya Natarajan';
export const STAMP = '2026-03-01T09:00:00.000Z';

export interface UnitOutline {
  id: string;
  title?: string;
  synopsis?: string;
  tips?: string[];
  extra?: Partial<Unit>;
  outcomes: Array<{ id: string; points: string[] }>;
}

export function makeSpec(units: UnitOutline[]): QualificationSpec {
  return {
    format: 'portfolio-qualification/1',
    id: 'test-spec',
    title: 'Test qualification',
    awardingBody: 'Test body',
    version: '1',
    units: units.map((unit) => ({
      id: unit.id,
      title: unit.title ?? `Unit ${unit.id}`,
      ...(unit.synopsis === undefined ? {} : { synopsis: unit.synopsis }),
      ...(unit.tips === undefined ? {} : { guidance: { tips: unit.tips } }),
      learningOutcomes: unit.outcomes.map((outcome) => ({
        id: outcome.id,
        title: `Outcome ${outcome.id}`,
        markingPoints: outcome.points.map((id) => ({ id, text: `Award credit for ${id}.` })),
      })),
      ...unit.extra,
    })),
  };
}

function defaultDetails(type: EvidenceType): EvidenceDetails {
  switch (type) {
    case 'reflective-account':
      return {
        type,
        model: 'HEAT',
        stages: [
          { stage: 'Hear', text: 'I listened to the whole story.' },
          { stage: 'Empathise', text: 'I said I understood how annoying it was.' },
          { stage: 'Apologise', text: 'I apologised for the delay.' },
          { stage: 'Take action', text: 'I fixed the statement and logged it.' },
        ],
        wentWell: 'The customer calmed down quickly.',
        doDifferently: 'Check the account history before calling back.',
        preventRecurrence: 'Asked for the template to be corrected.',
      };
    case 'witness-testimony':
      return {
        type,
        witness: { name: 'Sam Okafor', role: 'Team leader', relationship: 'Line manager', confirmedOn: '2026-02-10', witnessType: 'expert', confirmedHow: 'Signed in person' },
        statement: 'I saw the learner handle the complaint calmly.',
        statementDate: '2026-02-09',
      };
    case 'observation':
      return { type, observer: ASSESSOR, observedOn: '2026-02-11', setting: 'Branch counter' };
    case 'professional-discussion':
      return { type, discussedWith: ASSESSOR, topics: 'Complaint trends' };
    case 'case-log':
      return { type, stagesCovered: ['identification', 'resolution', 'recording'], caseReference: 'CASE-17' };
    case 'call-recording':
      return { type, durationSeconds: 300, consent: 'Customer told at the start of the call that it was recorded.' };
    case 'customer-feedback':
      return { type, source: 'Monthly survey', sampleSize: 120 };
    case 'mystery-shopping':
      return { type, shopper: 'Agency', channel: 'Telephone' };
    case 'work-product':
      return { type, productKind: 'Revised procedure' };
    case 'question-answer':
      return { type, askedBy: ASSESSOR };
  }
}

export function makeItem(id: string, type: EvidenceType, overrides: Partial<EvidenceItem> = {}): EvidenceItem {
  return {
    id,
    portfolioId: PORTFOLIO_ID,
    type,
    title: `Evidence ${id}`,
    activityDate: '2026-02-01',
    narrative: 'A plain account with nothing personal in it.',
    legislation: [],
    tags: [],
    details: defaultDetails(type),
    attachments: [],
    createdAt: STAMP,
    updatedAt: STAMP,
    ...overrides,
  };
}

let mappingCounter = 0;

export function makeMapping(evidenceId: string, markingPointId: string, overrides: Partial<Mapping> = {}): Mapping {
  mappingCounter++;
  return {
    id: `m-${mappingCounter}`,
    portfolioId: PORTFOLIO_ID,
    evidenceId,
    markingPointId,
    locator: { kind: 'paragraph', paragraph: 1 },
    createdAt: STAMP,
    ...overrides,
  };
}

export function makeDecision(
  id: string,
  markingPointId: string,
  status: 'met' | 'not-yet',
  evidence: JudgedEvidence[],
  decidedAt = STAMP,
): AssessorDecision {
  return {
    id,
    portfolioId: PORTFOLIO_ID,
    markingPointId,
    status,
    feedback: 'Clear evidence.',
    evidence,
    signer: { role: 'assessor', name: ASSESSOR, keyFingerprint: 'ab12' },
    decidedAt,
    signature: { algorithm: 'Ed25519', publicKey: 'AAAA', value: 'BBBB' },
  };
}

export function learnerDeclaration(): Declaration {
  return {
    id: 'decl-1',
    portfolioId: PORTFOLIO_ID,
    kind: 'learner-authenticity',
    name: 'Alex Learner',
    text: 'This is my own work.',
    signedAt: STAMP,
  };
}

export function makeContent(spec: QualificationSpec, parts: Partial<PortfolioContent> = {}): PortfolioContent {
  return {
    portfolio: {
      id: PORTFOLIO_ID,
      learner: { name: 'Alex Learner' },
      centre: { name: 'Test centre' },
      assessorName: ASSESSOR,
      qualificationId: spec.id,
      qualificationVersion: spec.version,
      createdAt: STAMP,
      updatedAt: STAMP,
    },
    qualification: spec,
    evidence: [],
    mappings: [],
    decisions: [],
    signOffs: [],
    iqaSamples: [],
    declarations: [],
    actionPlan: [],
    comments: [],
    audit: [],
    ...parts,
  };
}

/**
 * Unit C1 asks for reactive and proactive evidence, a complete complaint and legislation (all
 * from its wording); unit C2 asks for none of these.
 */
export function cleanSpec(): QualificationSpec {
  return makeSpec([
    {
      id: 'C1',
      title: 'Handle complaints within the rules',
      synopsis: 'Handling complaints in line with legislation and organisational policy.',
      tips: [
        'Include both reactive (immediate) and proactive (preventive) actions.',
        'Include at least one complete complaint showing identification, resolution, and recording.',
      ],
      outcomes: [{ id: 'C1.LO1', points: ['C1.1.1', 'C1.1.2'] }],
    },
    { id: 'C2', title: 'Work with customers', outcomes: [{ id: 'C2.LO1', points: ['C2.1.1'] }] },
  ]);
}

/** A portfolio against cleanSpec() that passes every check. */
export function cleanContent(): PortfolioContent {
  const spec = cleanSpec();
  const evidence = [
    makeItem('e1', 'reflective-account', {
      title: 'Reflecting on a statement complaint',
      label: 'reactive',
      legislation: ['Consumer Rights Act 2015'],
      tags: ['identification', 'resolution', 'recording'],
      rootCause: 'A template error.',
      prevention: 'Template corrected.',
    }),
    makeItem('e2', 'case-log', {
      title: 'Complaint log for case 17',
      label: 'proactive',
      rootCause: 'Manual re-keying.',
      prevention: 'Automated the transfer.',
    }),
    makeItem('e3', 'witness-testimony', { title: 'Statement from my team leader' }),
    makeItem('e4', 'observation', { title: 'Observed at the counter' }),
  ];
  const mappings = evidence.flatMap((item) => ['C1.1.1', 'C1.1.2', 'C2.1.1'].map((point) => makeMapping(item.id, point)));
  const iqaSamples = spec.units.map((unit) => makeIqaSample(`iqa-${unit.id}`, unit.id));
  return makeContent(spec, { evidence, mappings, declarations: [learnerDeclaration()], iqaSamples });
}

/** An internal quality assurance sample of a unit (unsigned in substance: checks do not verify signatures). */
export function makeIqaSample(id: string, unitId: string, decisionIds: string[] = []): IqaSample {
  return {
    id,
    portfolioId: PORTFOLIO_ID,
    unitId,
    outcome: 'agree',
    comments: 'Sampled; agrees with the assessor.',
    decisionIds,
    signer: { role: 'iqa', name: 'Quinn Assurer', keyFingerprint: 'cd34' },
    sampledAt: STAMP,
    signature: { algorithm: 'Ed25519', publicKey: 'CCCC', value: 'DDDD' },
  };
}
