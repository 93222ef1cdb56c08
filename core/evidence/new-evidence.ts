/**
 * Making and tidying evidence items: a blank item of each type, stages that follow the
 * chosen complaint-handling model, and the tidy form an item is stored in (trimmed, no empty
 * optional fields, no duplicate tags, only the fields its type has).
 */
import {
  COMPLAINT_STAGES,
  type ComplaintModel,
  type EvidenceDetails,
  type EvidenceItem,
  type EvidenceType,
  type ModelStage,
  WITNESS_TYPES,
  type WitnessType,
} from '../model/portfolio';
import { COMPLAINT_MODEL_INFO, addLegislation, isComplaintModel, isComplaintStage, isServiceLabel } from './catalogue';
import { normaliseNarrative } from './narrative';

export function blankDetails(type: EvidenceType): EvidenceDetails {
  switch (type) {
    case 'reflective-account':
      return { type, model: 'HEAT', stages: stagesForModel('HEAT', []) };
    case 'witness-testimony':
      return { type, witness: { name: '', role: '', relationship: '' }, statement: '' };
    case 'observation':
      return { type, observer: '' };
    case 'professional-discussion':
      return { type };
    case 'case-log':
      return { type, stagesCovered: [] };
    case 'call-recording':
      return { type, consent: '' };
    case 'customer-feedback':
      return { type };
    case 'mystery-shopping':
      return { type };
    case 'work-product':
      return { type };
    case 'question-answer':
      return { type };
  }
}

export interface NewEvidenceInput {
  id: string;
  portfolioId: string;
  type: EvidenceType;
  /** When the item is made (ISO timestamp). */
  now: string;
  /** The date of the activity; defaults to the calendar date of `now` so the item is valid from the start. */
  activityDate?: string;
  title?: string;
}

export function newEvidenceItem(input: NewEvidenceInput): EvidenceItem {
  return {
    id: input.id,
    portfolioId: input.portfolioId,
    type: input.type,
    title: input.title ?? '',
    activityDate: input.activityDate ?? input.now.slice(0, 10),
    narrative: '',
    legislation: [],
    tags: [],
    details: blankDetails(input.type),
    attachments: [],
    createdAt: input.now,
    updatedAt: input.now,
  };
}

/**
 * The stage list for a model, keeping what was written for stages of the same name (so
 * switching HEAT → LATER keeps "Apologise" and "Empathise"). For "other", the learner's own
 * stages are kept as they are.
 */
export function stagesForModel(model: ComplaintModel, current: readonly ModelStage[]): ModelStage[] {
  if (model === 'other') return current.map((stage) => ({ stage: stage.stage, text: stage.text }));
  const byName = new Map(current.map((stage) => [stage.stage.trim().toLowerCase(), stage.text]));
  return COMPLAINT_MODEL_INFO[model].stages.map((stage) => ({ stage, text: byName.get(stage.toLowerCase()) ?? '' }));
}

function tidy(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function tidyLong(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = normaliseNarrative(value).replace(/^\s+|\s+$/g, '');
  return text.trim() === '' ? undefined : text;
}

/** Folded for duplicate checks: "Complaints" and " complaints " are one tag. */
function tagKey(tag: string): string {
  return tag.normalize('NFKC').toLowerCase();
}

export function tidyTags(tags: readonly unknown[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of tags) {
    if (typeof raw !== 'string') continue;
    const tag = raw.replace(/\s+/g, ' ').trim();
    if (tag === '' || seen.has(tagKey(tag))) continue;
    seen.add(tagKey(tag));
    result.push(tag);
  }
  return result;
}

/** Splits what a person typed into tags: commas or new lines separate them. */
export function parseTagInput(text: string): string[] {
  return tidyTags(text.split(/[,\n]/));
}

/** `{ key: value }`, or `{}` when there is no value, so absent fields are left out rather than stored as undefined. */
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  const out: Partial<Record<K, V>> = {};
  if (value !== undefined) out[key] = value;
  return out;
}

function tidyDetails(type: EvidenceType, details: EvidenceDetails): EvidenceDetails {
  // Only the fields of the item's own type are kept, so a details object left over from
  // another type (or with stray keys) never reaches storage or a package.
  const source: Partial<Record<string, unknown>> = details.type === type ? { ...details } : {};
  switch (type) {
    case 'reflective-account': {
      const model = isComplaintModel(source.model) ? source.model : 'HEAT';
      const rawStages = Array.isArray(source.stages) ? source.stages : [];
      const stages = rawStages
        .filter((stage: unknown): stage is ModelStage => stage !== null && typeof stage === 'object' && typeof Reflect.get(stage, 'stage') === 'string' && typeof Reflect.get(stage, 'text') === 'string')
        .map((stage) => ({ stage: stage.stage.trim(), text: normaliseNarrative(stage.text).replace(/\s+$/, '') }));
      return {
        type,
        model,
        ...optional('modelName', model === 'other' ? tidy(source.modelName) : undefined),
        stages: model === 'other' ? stages.filter((stage) => stage.stage !== '' || stage.text.trim() !== '') : stagesForModel(model, stages),
        ...optional('wentWell', tidyLong(source.wentWell)),
        ...optional('doDifferently', tidyLong(source.doDifferently)),
        ...optional('preventRecurrence', tidyLong(source.preventRecurrence)),
      };
    }
    case 'witness-testimony': {
      const witness: Partial<Record<string, unknown>> = source.witness !== null && typeof source.witness === 'object' ? { ...source.witness } : {};
      return {
        type,
        witness: {
          name: tidy(witness.name) ?? '',
          role: tidy(witness.role) ?? '',
          relationship: tidy(witness.relationship) ?? '',
          ...optional('contact', tidy(witness.contact)),
          ...optional('confirmedOn', tidy(witness.confirmedOn)),
          ...optional<'witnessType', WitnessType>('witnessType', WITNESS_TYPES.find((known) => known === witness.witnessType)),
          ...optional('confirmedHow', tidy(witness.confirmedHow)),
          ...optional('confirmationStatement', tidyLong(witness.confirmationStatement)),
        },
        statement: tidyLong(source.statement) ?? '',
        ...optional('statementDate', tidy(source.statementDate)),
      };
    }
    case 'observation':
      return { type, observer: tidy(source.observer) ?? '', ...optional('observedOn', tidy(source.observedOn)), ...optional('setting', tidy(source.setting)) };
    case 'professional-discussion':
      return { type, ...optional('discussedWith', tidy(source.discussedWith)), ...optional('topics', tidyLong(source.topics)) };
    case 'case-log': {
      const covered = Array.isArray(source.stagesCovered) ? source.stagesCovered : [];
      // Kept in the model's order (identification, resolution, recording), once each.
      return { type, stagesCovered: COMPLAINT_STAGES.filter((stage) => covered.some((entry: unknown) => isComplaintStage(entry) && entry === stage)), ...optional('caseReference', tidy(source.caseReference)) };
    }
    case 'call-recording':
      return { type, ...optional('durationSeconds', typeof source.durationSeconds === 'number' ? source.durationSeconds : undefined), consent: tidyLong(source.consent) ?? '' };
    case 'customer-feedback':
      return { type, ...optional('source', tidy(source.source)), ...optional('sampleSize', typeof source.sampleSize === 'number' ? source.sampleSize : undefined) };
    case 'mystery-shopping':
      return { type, ...optional('shopper', tidy(source.shopper)), ...optional('channel', tidy(source.channel)) };
    case 'work-product':
      return { type, ...optional('productKind', tidy(source.productKind)) };
    case 'question-answer':
      return { type, ...optional('askedBy', tidy(source.askedBy)) };
  }
}

/** The form an item is stored in. Idempotent: tidying a tidy item changes nothing. */
export function tidyEvidence(item: EvidenceItem): EvidenceItem {
  let legislation: string[] = [];
  for (const entry of item.legislation) if (typeof entry === 'string') legislation = addLegislation(legislation, entry);
  return {
    id: item.id,
    portfolioId: item.portfolioId,
    type: item.type,
    title: item.title.replace(/\s+/g, ' ').trim(),
    activityDate: item.activityDate.trim(),
    narrative: tidyLong(item.narrative) ?? '',
    ...optional('label', isServiceLabel(item.label) ? item.label : undefined),
    legislation,
    tags: tidyTags(item.tags),
    ...optional('rootCause', tidyLong(item.rootCause)),
    ...optional('prevention', tidyLong(item.prevention)),
    details: tidyDetails(item.type, item.details),
    attachments: item.attachments.map((attachment) => ({ sha256: attachment.sha256, name: attachment.name, mediaType: attachment.mediaType, size: attachment.size })),
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** Changes an item's type, keeping the common fields and starting the new type's own fields afresh. */
export function changeEvidenceType(item: EvidenceItem, type: EvidenceType): EvidenceItem {
  if (item.type === type) return item;
  return { ...item, type, details: blankDetails(type) };
}
