/**
 * Checks an evidence item field by field. Two kinds of problem:
 * - `error`: the item cannot be stored like this (a date that is not a date, text far too
 *   long, a file reference that is not a hash). Saving is refused and nothing changes.
 * - `reminder`: the item is saved as a draft, but something an assessor looks for is still
 *   missing (a title, the witness's confirmation, the consent for a recording…).
 * Every problem names its field, so the form can show the message beside it.
 */
import { parseCalendarDate } from '../uk-format';
import { COMPLAINT_STAGES, type EvidenceItem } from '../model/portfolio';
import { COMPLAINT_MODEL_INFO, COMPLAINT_STAGE_INFO, MAX_LEGISLATION_ENTRIES, MAX_LEGISLATION_LENGTH, isComplaintModel, isComplaintStage, isEvidenceType, isServiceLabel } from './catalogue';
import { MAX_SECONDS, type FieldProblem } from './locator';
import { MAX_ATTACHMENT_BYTES, attachmentKindOf } from './media-type';

export interface EvidenceProblem extends FieldProblem {
  severity: 'error' | 'reminder';
}

export const MAX_TITLE = 200;
export const MAX_NARRATIVE = 100_000;
export const MAX_LONG_FIELD = 20_000;
export const MAX_SHORT_FIELD = 200;
export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 50;
export const MAX_ATTACHMENTS = 1_000;
export const MAX_ATTACHMENT_NAME = 255;

/** A real calendar date written YYYY-MM-DD (so 2026-02-30 is not one), from 1900 on. */
export function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && (parseCalendarDate(value)?.year ?? 0) >= 1900;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function isBlank(value: unknown): boolean {
  return text(value).trim() === '';
}

function field(record: unknown, key: string): unknown {
  return record !== null && typeof record === 'object' ? Reflect.get(record, key) : undefined;
}

class Collector {
  readonly problems: EvidenceProblem[] = [];
  error(fieldName: string, message: string): void {
    this.problems.push({ field: fieldName, message, severity: 'error' });
  }
  reminder(fieldName: string, message: string): void {
    this.problems.push({ field: fieldName, message, severity: 'reminder' });
  }
  /** A text field of a given length limit; wrong types are errors too. */
  maxLength(fieldName: string, value: unknown, max: number, label: string): void {
    if (value === undefined) return;
    if (typeof value !== 'string') this.error(fieldName, `${label} must be text.`);
    else if (value.length > max) this.error(fieldName, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer (it is ${value.length.toLocaleString('en-GB')}).`);
  }
  date(fieldName: string, value: unknown, label: string): void {
    if (value === undefined) return;
    if (!isCalendarDate(value)) this.error(fieldName, `${label} must be a real date, written as day, month and year.`);
  }
}

export interface ValidateOptions {
  /** Today's date (YYYY-MM-DD), to point out activity dates in the future. */
  today?: string;
}

export function validateEvidence(item: EvidenceItem, options: ValidateOptions = {}): EvidenceProblem[] {
  const c = new Collector();
  const details: unknown = item.details;
  const type: unknown = item.type;

  if (!isEvidenceType(type)) c.error('type', 'Choose what kind of evidence this is.');
  else if (field(details, 'type') !== type) c.error('details', 'The details do not match the kind of evidence.');

  // Common fields.
  c.maxLength('title', item.title, MAX_TITLE, 'The title');
  if (isBlank(item.title)) c.reminder('title', 'Give this evidence a title, so you and your assessor can find it.');
  if (isBlank(item.activityDate)) c.error('activityDate', 'Enter the date of the activity.');
  else if (!isCalendarDate(item.activityDate)) c.error('activityDate', 'The date of the activity must be a real date, written as day, month and year.');
  else if (options.today && item.activityDate > options.today) c.reminder('activityDate', 'The date of the activity is in the future. Check it is the day the activity happened.');
  c.maxLength('narrative', item.narrative, MAX_NARRATIVE, 'The narrative');
  if (isBlank(item.narrative) && !(type === 'witness-testimony' && !isBlank(field(details, 'statement')))) {
    c.reminder('narrative', 'Describe what happened and what you did in the narrative.');
  }
  if (item.label !== undefined && !isServiceLabel(item.label)) c.error('label', 'Choose reactive, proactive or both.');
  if (item.label === undefined) c.reminder('label', 'Label it reactive, proactive or both: assessors look for examples of each.');
  c.maxLength('rootCause', item.rootCause, MAX_LONG_FIELD, 'The root cause');
  c.maxLength('prevention', item.prevention, MAX_LONG_FIELD, 'What was done to stop it happening again');
  if ((item.label === 'proactive' || item.label === 'both') && isBlank(item.prevention) && type !== 'reflective-account') {
    c.reminder('prevention', 'Say what was done so the problem does not happen again: that is what makes it proactive.');
  }

  if (!Array.isArray(item.legislation)) c.error('legislation', 'The legislation list is not a list.');
  else {
    if (item.legislation.length > MAX_LEGISLATION_ENTRIES) c.error('legislation', `Reference at most ${MAX_LEGISLATION_ENTRIES} pieces of legislation or regulation.`);
    item.legislation.forEach((entry: unknown, index) => {
      if (typeof entry !== 'string' || entry.trim() === '') c.error(`legislation.${index}`, `Legislation entry ${index + 1} is empty.`);
      else if (entry.length > MAX_LEGISLATION_LENGTH) c.error(`legislation.${index}`, `Legislation entry ${index + 1} must be ${MAX_LEGISLATION_LENGTH} characters or fewer.`);
    });
  }
  if (!Array.isArray(item.tags)) c.error('tags', 'The tags are not a list.');
  else {
    if (item.tags.length > MAX_TAGS) c.error('tags', `Use at most ${MAX_TAGS} tags.`);
    item.tags.forEach((tag: unknown, index) => {
      if (typeof tag !== 'string' || tag.trim() === '') c.error(`tags.${index}`, `Tag ${index + 1} is empty.`);
      else if (tag.length > MAX_TAG_LENGTH) c.error(`tags.${index}`, `Tag “${tag.slice(0, 20)}…” is too long: a tag must be ${MAX_TAG_LENGTH} characters or fewer.`);
    });
  }

  validateAttachments(c, item);
  if (isEvidenceType(type) && field(details, 'type') === type) validateDetails(c, item);
  return c.problems;
}

function validateAttachments(c: Collector, item: EvidenceItem): void {
  if (!Array.isArray(item.attachments)) {
    c.error('attachments', 'The attachments are not a list.');
    return;
  }
  if (item.attachments.length > MAX_ATTACHMENTS) c.error('attachments', `An item can have at most ${MAX_ATTACHMENTS.toLocaleString('en-GB')} attachments.`);
  const seen = new Set<string>();
  item.attachments.forEach((attachment: unknown, index) => {
    const where = `attachments.${index}`;
    const sha256 = field(attachment, 'sha256');
    const name = text(field(attachment, 'name')) || `Attachment ${index + 1}`;
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) c.error(where, `“${name}” has no valid SHA-256 fingerprint.`);
    else if (seen.has(sha256)) c.error(where, `“${name}” is attached twice.`);
    else seen.add(sha256);
    const mediaType = field(attachment, 'mediaType');
    if (typeof mediaType !== 'string' || attachmentKindOf(mediaType) === undefined) c.error(where, `“${name}” is not a kind of file the app keeps.`);
    const size = field(attachment, 'size');
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size > MAX_ATTACHMENT_BYTES) c.error(where, `“${name}” has an impossible size.`);
    c.maxLength(`${where}.name`, field(attachment, 'name'), MAX_ATTACHMENT_NAME, 'The file name');
  });
}

function hasAttachmentOfKind(item: EvidenceItem, kinds: readonly string[]): boolean {
  return Array.isArray(item.attachments) && item.attachments.some((attachment) => kinds.includes(attachmentKindOf(text(attachment.mediaType)) ?? ''));
}

function validateDetails(c: Collector, item: EvidenceItem): void {
  const details = item.details;
  switch (details.type) {
    case 'reflective-account': {
      if (!isComplaintModel(details.model)) {
        c.error('details.model', 'Choose the complaint-handling model you followed.');
        break;
      }
      if (!Array.isArray(details.stages)) {
        c.error('details.stages', 'The stages are not a list.');
        break;
      }
      if (details.stages.length > 20) c.error('details.stages', 'A model can have at most 20 stages.');
      if (details.model === 'other') {
        c.maxLength('details.modelName', details.modelName, MAX_SHORT_FIELD, 'The name of the model');
        if (isBlank(details.modelName)) c.reminder('details.modelName', 'Name the complaint-handling model you followed.');
        if (details.stages.length === 0) c.reminder('details.stages', 'Add the stages of your model, with what you did at each.');
      } else {
        const expected = COMPLAINT_MODEL_INFO[details.model].stages;
        const names = details.stages.map((stage) => text(field(stage, 'stage')));
        if (names.length !== expected.length || names.some((name, index) => name !== expected[index])) {
          c.error('details.stages', `The stages must be those of the ${details.model} model: ${expected.join(', ')}.`);
        }
      }
      details.stages.forEach((stage: unknown, index) => {
        const name = text(field(stage, 'stage'));
        c.maxLength(`details.stages.${index}.stage`, field(stage, 'stage'), MAX_SHORT_FIELD, 'The stage name');
        c.maxLength(`details.stages.${index}.text`, field(stage, 'text'), MAX_LONG_FIELD, `What you did at the “${name}” stage`);
        if (details.model === 'other' && isBlank(name)) c.reminder(`details.stages.${index}.stage`, `Name stage ${index + 1}.`);
        if (isBlank(field(stage, 'text'))) c.reminder(`details.stages.${index}.text`, `Write what you did at the “${name || `stage ${index + 1}`}” stage.`);
      });
      c.maxLength('details.wentWell', details.wentWell, MAX_LONG_FIELD, 'What went well');
      c.maxLength('details.doDifferently', details.doDifferently, MAX_LONG_FIELD, 'What you would do differently');
      c.maxLength('details.preventRecurrence', details.preventRecurrence, MAX_LONG_FIELD, 'How it is stopped from happening again');
      if (isBlank(details.wentWell)) c.reminder('details.wentWell', 'Say what went well.');
      if (isBlank(details.doDifferently)) c.reminder('details.doDifferently', 'Say what you would do differently next time.');
      if (isBlank(details.preventRecurrence)) c.reminder('details.preventRecurrence', 'Say how the problem is stopped from happening again, not only how it was put right.');
      break;
    }
    case 'witness-testimony': {
      const witness: unknown = details.witness;
      for (const [key, label] of [['name', 'The witness’s name'], ['role', 'The witness’s role'], ['relationship', 'How the witness knows you'], ['contact', 'The witness’s contact details'], ['confirmedHow', 'How the statement was confirmed']] as const) {
        c.maxLength(`details.witness.${key}`, field(witness, key), MAX_SHORT_FIELD, label);
      }
      if (isBlank(field(witness, 'name'))) c.reminder('details.witness.name', 'Enter the witness’s name.');
      if (isBlank(field(witness, 'role'))) c.reminder('details.witness.role', 'Enter the witness’s job role.');
      if (isBlank(field(witness, 'relationship'))) c.reminder('details.witness.relationship', 'Say how the witness knows you, for example “my team leader”.');
      if (isBlank(field(witness, 'contact'))) c.reminder('details.witness.contact', 'Add how the witness can be contacted, so your assessor can check the statement.');
      const witnessType = field(witness, 'witnessType');
      if (witnessType === undefined) c.reminder('details.witness.witnessType', 'Say whether the witness is an expert witness (competent in the work they saw) or an ordinary witness.');
      c.maxLength('details.statement', details.statement, MAX_NARRATIVE, 'The statement');
      if (isBlank(details.statement)) c.reminder('details.statement', 'Enter the witness’s statement in their words.');
      c.date('details.statementDate', details.statementDate, 'The date of the statement');
      const confirmedOn = field(witness, 'confirmedOn');
      c.date('details.witness.confirmedOn', confirmedOn, 'The date the witness confirmed the statement');
      if (confirmedOn === undefined || isBlank(confirmedOn)) c.reminder('details.witness.confirmedOn', 'Record the date the witness confirmed the statement as theirs.');
      else if (isBlank(field(witness, 'confirmedHow'))) c.reminder('details.witness.confirmedHow', 'Say how the statement was confirmed, for example “signed in person” or “my assessor phoned them”.');
      c.maxLength('details.witness.confirmationStatement', field(witness, 'confirmationStatement'), MAX_LONG_FIELD, 'The witness’s confirmation');
      break;
    }
    case 'observation':
      c.maxLength('details.observer', details.observer, MAX_SHORT_FIELD, 'The observer’s name');
      if (isBlank(details.observer)) c.reminder('details.observer', 'Enter who observed you.');
      c.date('details.observedOn', details.observedOn, 'The date of the observation');
      if (details.observedOn === undefined) c.reminder('details.observedOn', 'Enter the date of the observation.');
      c.maxLength('details.setting', details.setting, MAX_SHORT_FIELD, 'The setting');
      if (isBlank(details.setting)) c.reminder('details.setting', 'Say where the observation took place, for example “branch counter” or “contact centre”.');
      break;
    case 'professional-discussion':
      c.maxLength('details.discussedWith', details.discussedWith, MAX_SHORT_FIELD, 'Who the discussion was with');
      c.maxLength('details.topics', details.topics, MAX_LONG_FIELD, 'The topics');
      if (isBlank(details.discussedWith)) c.reminder('details.discussedWith', 'Enter who the discussion was with.');
      break;
    case 'case-log': {
      const covered: unknown = details.stagesCovered;
      if (!Array.isArray(covered) || covered.some((stage) => !isComplaintStage(stage)) || new Set(covered).size !== covered.length) {
        c.error('details.stagesCovered', 'The stages covered must be identification, resolution or recording, each at most once.');
      } else {
        const missing = COMPLAINT_STAGES.filter((stage) => !covered.includes(stage)).map((stage) => COMPLAINT_STAGE_INFO[stage].label.toLowerCase());
        if (missing.length > 0) {
          c.reminder('details.stagesCovered', `Tick the stages this log shows. It does not yet show ${missing.join(', ')}; assessors look for at least one complaint shown through identification, resolution and recording.`);
        }
      }
      c.maxLength('details.caseReference', details.caseReference, MAX_SHORT_FIELD, 'The case reference');
      if (!hasAttachmentOfKind(item, ['image', 'pdf', 'text'])) c.reminder('attachments', 'Attach screenshots or extracts of the log (with personal details hidden).');
      break;
    }
    case 'call-recording': {
      const duration: unknown = details.durationSeconds;
      if (duration !== undefined && (typeof duration !== 'number' || !Number.isFinite(duration) || duration < 0 || duration > MAX_SECONDS)) {
        c.error('details.durationSeconds', 'The length of the call must be a time such as 4:30.');
      }
      if (duration === undefined) c.reminder('details.durationSeconds', 'Enter how long the call lasted.');
      c.maxLength('details.consent', details.consent, MAX_LONG_FIELD, 'The consent or permission');
      if (isBlank(details.consent)) c.reminder('details.consent', 'Record the consent or permission for this recording: use call recordings only where permitted.');
      if (!hasAttachmentOfKind(item, ['audio'])) c.reminder('attachments', 'Attach the recording.');
      break;
    }
    case 'customer-feedback': {
      c.maxLength('details.source', details.source, MAX_SHORT_FIELD, 'The source of the feedback');
      const size: unknown = details.sampleSize;
      if (size !== undefined && (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size > 100_000_000)) c.error('details.sampleSize', 'The number of responses must be a whole number, 0 or more.');
      break;
    }
    case 'mystery-shopping':
      c.maxLength('details.shopper', details.shopper, MAX_SHORT_FIELD, 'The shopper');
      c.maxLength('details.channel', details.channel, MAX_SHORT_FIELD, 'The channel');
      break;
    case 'work-product':
      c.maxLength('details.productKind', details.productKind, MAX_SHORT_FIELD, 'What the work product is');
      break;
    case 'question-answer':
      c.maxLength('details.askedBy', details.askedBy, MAX_SHORT_FIELD, 'Who asked the questions');
      break;
  }
}

export function evidenceErrors(item: EvidenceItem, options: ValidateOptions = {}): EvidenceProblem[] {
  return validateEvidence(item, options).filter((problem) => problem.severity === 'error');
}

/** Problems for one field (and its sub-fields), for showing beside it. */
export function problemsFor(problems: readonly EvidenceProblem[], fieldName: string): EvidenceProblem[] {
  return problems.filter((problem) => problem.field === fieldName || problem.field.startsWith(`${fieldName}.`));
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}

/**
 * Whether an untrusted value (a draft read back from storage, say) has the shape of an
 * evidence item, so the form can show it without tripping over a missing list. Field rules
 * are still checked by `validateEvidence` before it is stored.
 */
export function isEvidenceShape(value: unknown): value is EvidenceItem {
  if (value === null || typeof value !== 'object') return false;
  const get = (key: string): unknown => Reflect.get(value, key);
  const strings = ['id', 'portfolioId', 'title', 'activityDate', 'narrative', 'createdAt', 'updatedAt'].every((key) => typeof get(key) === 'string');
  const details = get('details');
  return (
    strings &&
    isEvidenceType(get('type')) &&
    isStringArray(get('legislation')) &&
    isStringArray(get('tags')) &&
    Array.isArray(get('attachments')) &&
    details !== null &&
    typeof details === 'object' &&
    Reflect.get(details, 'type') === get('type') &&
    (get('label') === undefined || isServiceLabel(get('label')))
  );
}
