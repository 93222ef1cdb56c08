/**
 * The words the evidence builder shows: evidence types, service labels, complaint-handling
 * models with their stages, complaint stages, and the legislation catalogue. All drawn from
 * the seed documents (their tips and common mistakes are what assessors look for).
 */
import {
  COMPLAINT_MODELS,
  COMPLAINT_STAGES,
  EVIDENCE_TYPES,
  SERVICE_LABELS,
  type ComplaintModel,
  type ComplaintStage,
  type EvidenceType,
  type ServiceLabel,
} from '../model/portfolio';

export interface EvidenceTypeInfo {
  type: EvidenceType;
  /** Singular, sentence case: "Witness testimony". */
  label: string;
  /** One plain sentence saying what it is and what makes it good evidence. */
  description: string;
}

export const EVIDENCE_TYPE_INFO: Readonly<Record<EvidenceType, EvidenceTypeInfo>> = {
  'reflective-account': {
    type: 'reflective-account',
    label: 'Reflective account',
    description: 'Your own account of something you handled, following a complaint-handling model, with what went well, what you would do differently and how you stopped it happening again.',
  },
  'witness-testimony': {
    type: 'witness-testimony',
    label: 'Witness testimony',
    description: 'A statement from someone who saw your work, such as your supervisor, with their role, how they know you and their confirmation.',
  },
  observation: {
    type: 'observation',
    label: 'Observation record',
    description: 'A record of your assessor or another observer watching you work, with when and where it happened.',
  },
  'professional-discussion': {
    type: 'professional-discussion',
    label: 'Professional discussion record',
    description: 'A planned conversation with your assessor about your work and the reasons for your decisions.',
  },
  'case-log': {
    type: 'case-log',
    label: 'Complaint or case log',
    description: 'Screenshots or extracts of a complaint or case log, showing which stages it covers: identification, resolution and recording.',
  },
  'call-recording': {
    type: 'call-recording',
    label: 'Call recording',
    description: 'A recording of a call you handled, only where recording is permitted, with the consent or permission noted.',
  },
  'customer-feedback': {
    type: 'customer-feedback',
    label: 'Customer feedback or survey',
    description: 'Comments, survey results or scores from customers, and what you did with them.',
  },
  'mystery-shopping': {
    type: 'mystery-shopping',
    label: 'Mystery shopping report',
    description: 'A report from a mystery shopper on the service given, and the actions it led to.',
  },
  'work-product': {
    type: 'work-product',
    label: 'Work product',
    description: 'Something you produced at work, such as a revised procedure, a briefing for staff or a monitoring plan.',
  },
  'question-answer': {
    type: 'question-answer',
    label: 'Question-and-answer record',
    description: 'Questions your assessor asked and the answers you gave, to show your knowledge.',
  },
};

/** Evidence types in the order the seeds list them. */
export const EVIDENCE_TYPE_LIST: readonly EvidenceTypeInfo[] = EVIDENCE_TYPES.map((type) => EVIDENCE_TYPE_INFO[type]);

export function evidenceTypeLabel(type: string): string {
  return isEvidenceType(type) ? EVIDENCE_TYPE_INFO[type].label : 'Unknown type';
}

export function isEvidenceType(value: unknown): value is EvidenceType {
  return typeof value === 'string' && (EVIDENCE_TYPES as readonly string[]).includes(value);
}

export const SERVICE_LABEL_INFO: Readonly<Record<ServiceLabel, { label: string; description: string }>> = {
  reactive: { label: 'Reactive', description: 'Dealing with a problem as it happened.' },
  proactive: { label: 'Proactive', description: 'Preventing problems before they happen, or stopping them happening again.' },
  both: { label: 'Reactive and proactive', description: 'Dealing with a problem and stopping it happening again.' },
};

export function isServiceLabel(value: unknown): value is ServiceLabel {
  return typeof value === 'string' && (SERVICE_LABELS as readonly string[]).includes(value);
}

export interface ComplaintModelInfo {
  model: ComplaintModel;
  name: string;
  /** The stages in order; empty for "other", whose stages the learner names. */
  stages: readonly string[];
  /** Where the seeds name it. */
  description: string;
}

export const COMPLAINT_MODEL_INFO: Readonly<Record<ComplaintModel, ComplaintModelInfo>> = {
  HEAT: {
    model: 'HEAT',
    name: 'HEAT (Hear, Empathise, Apologise, Take action)',
    stages: ['Hear', 'Empathise', 'Apologise', 'Take action'],
    description: 'A systematic approach to complaints.',
  },
  LATER: {
    model: 'LATER',
    name: 'LATER (Listen, Apologise, Thank, Empathise, Resolve)',
    stages: ['Listen', 'Apologise', 'Thank', 'Empathise', 'Resolve'],
    description: 'A structured method for handling complaints, knowing when to escalate.',
  },
  AAAA: {
    model: 'AAAA',
    name: 'Acknowledge, Apologise, Act, Assure',
    stages: ['Acknowledge', 'Apologise', 'Act', 'Assure'],
    description: 'Turning a negative experience into a positive outcome.',
  },
  other: {
    model: 'other',
    name: 'Another model',
    stages: [],
    description: 'A recognised model your organisation uses: name it and its stages.',
  },
};

export const COMPLAINT_MODEL_LIST: readonly ComplaintModelInfo[] = COMPLAINT_MODELS.map((model) => COMPLAINT_MODEL_INFO[model]);

export function isComplaintModel(value: unknown): value is ComplaintModel {
  return typeof value === 'string' && (COMPLAINT_MODELS as readonly string[]).includes(value);
}

export const COMPLAINT_STAGE_INFO: Readonly<Record<ComplaintStage, { label: string; description: string }>> = {
  identification: { label: 'Identification', description: 'Spotting the complaint or its early signs and logging it.' },
  resolution: { label: 'Resolution', description: 'Acting on it and agreeing a resolution with the customer.' },
  recording: { label: 'Recording', description: 'Recording the details and outcome, and closing it.' },
};

export function isComplaintStage(value: unknown): value is ComplaintStage {
  return typeof value === 'string' && (COMPLAINT_STAGES as readonly string[]).includes(value);
}

export interface LegislationEntry {
  /** Stable id for the interface; evidence stores the `name`, so a package reads on its own. */
  id: string;
  /** What the learner references: stored verbatim on the evidence item. */
  name: string;
  /** Who makes or enforces it, in plain words. */
  group: 'Financial services regulation' | 'Acts of Parliament' | 'Data protection' | 'Communications';
  /** Other ways learners write it, matched when a free entry is typed. */
  aliases: readonly string[];
}

/**
 * Legislation and regulation the seeds name. Names match what the demo portfolio and the
 * PDF print, so a catalogue entry and a typed one read the same everywhere.
 */
export const LEGISLATION_CATALOGUE: readonly LegislationEntry[] = [
  { id: 'fca-disp', name: 'FCA Handbook DISP (complaints handling rules)', group: 'Financial services regulation', aliases: ['DISP', 'FCA complaints handling rules', 'FCA DISP'] },
  { id: 'fca-consumer-duty', name: 'FCA Consumer Duty (PRIN 2A)', group: 'Financial services regulation', aliases: ['Consumer Duty', 'PRIN 2A'] },
  { id: 'fca-tcf', name: 'FCA Treating Customers Fairly (TCF)', group: 'Financial services regulation', aliases: ['TCF', 'Treating Customers Fairly'] },
  { id: 'fca-icobs', name: 'FCA Handbook ICOBS 8 (claims handling)', group: 'Financial services regulation', aliases: ['ICOBS', 'ICOBS 8'] },
  { id: 'pra-rulebook', name: 'PRA Rulebook (Prudential Regulation Authority)', group: 'Financial services regulation', aliases: ['PRA', 'PRA Rulebook', 'Prudential Regulation Authority'] },
  { id: 'fsma-2000', name: 'Financial Services and Markets Act 2000', group: 'Acts of Parliament', aliases: ['FSMA', 'FSMA 2000'] },
  { id: 'cra-2015', name: 'Consumer Rights Act 2015', group: 'Acts of Parliament', aliases: ['CRA', 'CRA 2015', 'Consumer Rights Act'] },
  { id: 'equality-2010', name: 'Equality Act 2010', group: 'Acts of Parliament', aliases: ['Equality Act'] },
  { id: 'dpa-2018', name: 'Data Protection Act 2018', group: 'Data protection', aliases: ['DPA', 'DPA 2018', 'Data Protection Act'] },
  { id: 'uk-gdpr', name: 'UK GDPR', group: 'Data protection', aliases: ['GDPR', 'UK General Data Protection Regulation', 'General Data Protection Regulation'] },
  { id: 'ofcom-gc', name: 'Ofcom General Conditions of Entitlement', group: 'Communications', aliases: ['Ofcom', 'Ofcom General Conditions', 'Ofcom complaints code'] },
];

function foldName(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The catalogue entry a stored or typed reference means (by id, name or alias), if any. */
export function findLegislation(entry: string): LegislationEntry | undefined {
  const folded = foldName(entry);
  if (folded === '') return undefined;
  return LEGISLATION_CATALOGUE.find((candidate) => candidate.id === entry || foldName(candidate.name) === folded || candidate.aliases.some((alias) => foldName(alias) === folded));
}

/** Most references a learner could make on one item; keeps a pasted list from running away. */
export const MAX_LEGISLATION_ENTRIES = 50;
export const MAX_LEGISLATION_LENGTH = 200;

/**
 * Adds a reference to a list: a catalogue entry is stored under its catalogue name (so
 * "gdpr" and "UK GDPR" are one entry), anything else trimmed as typed. Duplicates are ignored.
 */
export function addLegislation(list: readonly string[], entry: string): string[] {
  const trimmed = entry.replace(/\s+/g, ' ').trim();
  if (trimmed === '') return [...list];
  const name = findLegislation(trimmed)?.name ?? trimmed;
  const folded = foldName(name);
  if (list.some((existing) => foldName(findLegislation(existing)?.name ?? existing) === folded)) return [...list];
  return [...list, name];
}
