/**
 * Personal data in free text and in attached text and CSV files, photo metadata, and call
 * recordings without consent. Findings name the kind of data and where it is, with the data
 * masked: a check must not spread what it warns about.
 */
import type { EvidenceItem } from '../model/portfolio';
import { describeImageMetadata } from '../evidence/image-metadata';
import type { AttachmentFinding } from './attachment-scan';
import { hasText, quote, recordsOf, textOf, type CheckContext } from './context';
import { findPersonalData, PERSONAL_DATA_NAMES, type PersonalDataFinding, type PersonalDataKind } from './personal-data';

interface TextField {
  /** How the field is named in a message, e.g. "narrative" or "text of model stage 2". */
  label: string;
  text: string;
}

const PLURAL_NAMES: Readonly<Record<PersonalDataKind, string>> = {
  email: 'e-mail addresses',
  'uk-phone': 'UK phone numbers',
  'uk-postcode': 'UK postcodes',
  'ni-number': 'National Insurance numbers',
  'card-number': 'payment card numbers',
  'bank-account': 'bank sort codes and account numbers',
  iban: 'IBANs',
  'nhs-number': 'NHS numbers',
  'date-of-birth': 'dates of birth',
};

const PLACEHOLDERS: Readonly<Record<PersonalDataKind, string>> = {
  email: '[e-mail address]',
  'uk-phone': '[phone number]',
  'uk-postcode': '[postcode]',
  'ni-number': '[NI number]',
  'card-number': '[card number]',
  'bank-account': '[bank details]',
  iban: '[IBAN]',
  'nhs-number': '[NHS number]',
  'date-of-birth': '[date of birth]',
};

/**
 * Details fields that name or reach a person on purpose: a witness's name and contact details
 * are what the witness status list needs, and observers are named so they can be checked.
 */
const PERSON_FIELDS = new Set(['witness.name', 'witness.contact', 'observer', 'discussedWith', 'askedBy', 'shopper']);

const DETAIL_LABELS: Readonly<Record<string, string>> = {
  modelName: 'model name',
  wentWell: 'what went well',
  doDifferently: 'what you would do differently',
  preventRecurrence: 'how to prevent it happening again',
  statement: 'witness statement',
  'witness.role': "witness's role",
  'witness.relationship': "witness's relationship to you",
  setting: 'setting',
  topics: 'discussion topics',
  caseReference: 'case reference',
  consent: 'consent note',
  source: 'feedback source',
  channel: 'channel',
  productKind: 'kind of work product',
};

/** Bounds the walk through a damaged or hostile `details` object. */
const MAX_DEPTH = 4;
const MAX_FIELDS = 2_000;

function detailLabel(path: ReadonlyArray<string | number>): string {
  const [first, second, third] = path;
  if (first === 'stages' && typeof second === 'number') {
    return third === 'stage' ? `name of model stage ${second + 1}` : `text of model stage ${second + 1}`;
  }
  const key = path.filter((part) => typeof part === 'string').join('.');
  // Keys come from the package: only the table's own entries count ("constructor" is not a label).
  const label = Object.hasOwn(DETAIL_LABELS, key) ? DETAIL_LABELS[key] : undefined;
  return label ?? `details field "${quote(path.join('.'), 40)}"`;
}

function collectDetails(value: unknown, path: Array<string | number>, out: TextField[], depth: number): void {
  if (out.length >= MAX_FIELDS || depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    const key = path.filter((part) => typeof part === 'string').join('.');
    if (!PERSON_FIELDS.has(key) && key !== 'type') out.push({ label: detailLabel(path), text: value });
    return;
  }
  if (Array.isArray(value)) {
    value.slice(0, MAX_FIELDS).forEach((entry: unknown, index) => collectDetails(entry, [...path, index], out, depth + 1));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) collectDetails(entry, [...path, key], out, depth + 1);
  }
}

function evidenceFields(item: EvidenceItem): TextField[] {
  const fields: TextField[] = [
    { label: 'title', text: textOf(item.title) },
    { label: 'narrative', text: textOf(item.narrative) },
    { label: 'root cause', text: textOf(item.rootCause) },
    { label: 'prevention', text: textOf(item.prevention) },
  ];
  const tags: unknown[] = Array.isArray(item.tags) ? item.tags : [];
  tags.slice(0, MAX_FIELDS).forEach((tag, index) => fields.push({ label: `tag ${index + 1}`, text: textOf(tag) }));
  const legislation: unknown[] = Array.isArray(item.legislation) ? item.legislation : [];
  legislation.slice(0, MAX_FIELDS).forEach((entry, index) => fields.push({ label: `legislation entry ${index + 1}`, text: textOf(entry) }));
  recordsOf(item.attachments)
    .slice(0, MAX_FIELDS)
    .forEach((attachment, index) => fields.push({ label: `name of attachment ${index + 1}`, text: textOf(attachment.name) }));
  collectDetails(item.details, [], fields, 0);
  return fields;
}

function describeFindings(findings: readonly PersonalDataFinding[]): string {
  const [first] = findings;
  if (first === undefined) return 'nothing';
  if (findings.length === 1) return `what looks like ${PERSONAL_DATA_NAMES[first.kind]} (${first.masked})`;
  return `${findings.length} things that look like ${PLURAL_NAMES[first.kind]} (such as ${first.masked})`;
}

/** One result per field and kind of data, in the order the kinds first appear. */
function reportField(context: CheckContext, ref: string, where: () => string, field: TextField): void {
  if (field.text === '') return;
  const byKind = new Map<PersonalDataKind, PersonalDataFinding[]>();
  for (const finding of findPersonalData(field.text)) {
    const list = byKind.get(finding.kind);
    if (list === undefined) byKind.set(finding.kind, [finding]);
    else list.push(finding);
  }
  for (const [kind, findings] of byKind) {
    context.report(
      'personal-data',
      ref,
      `The ${field.label} of ${where()} contains ${describeFindings(findings)}. Remove it or replace it with a placeholder such as ${PLACEHOLDERS[kind]}, so that no one can be identified.`,
    );
  }
}

export function checkPersonalData(context: CheckContext): void {
  for (const item of context.evidence) {
    // Named only if something is found: naming quotes the title, which costs a scan of its own.
    const where = (): string => `evidence ${context.nameOf(item)}`;
    for (const field of evidenceFields(item)) reportField(context, `evidence:${textOf(item.id)}`, where, field);
  }
  for (const mapping of context.mappings) {
    const item = context.evidenceById.get(mapping.evidenceId);
    const where = (): string => `the mapping of ${item === undefined ? 'an evidence item' : `evidence ${context.nameOf(item)}`} to ${quote(mapping.markingPointId, 40)}`;
    const ref = `mapping:${textOf(mapping.id)}`;
    reportField(context, ref, where, { label: 'justification', text: textOf(mapping.justification) });
    const locator: unknown = mapping.locator;
    if (locator !== null && typeof locator === 'object' && Reflect.get(locator, 'kind') === 'note') {
      reportField(context, ref, where, { label: 'locator note', text: textOf(Reflect.get(locator, 'text')) });
    }
  }
  for (const comment of recordsOf(context.content.comments)) {
    const item = context.evidenceById.get(comment.evidenceId);
    const where = (): string => `a comment on ${item === undefined ? 'an evidence item' : `evidence ${context.nameOf(item)}`}`;
    reportField(context, `comment:${textOf(comment.id)}`, where, { label: 'text', text: textOf(comment.text) });
  }
  for (const action of recordsOf(context.content.actionPlan)) {
    reportField(context, `action:${textOf(action.id)}`, () => 'an action plan item', { label: 'action', text: textOf(action.action) });
  }
}

/** Where in a file a finding is, in words: "on line 3" or "on line 3, column 2". */
function placeIn(finding: AttachmentFinding): string {
  return finding.column === undefined ? `on line ${finding.line}` : `on line ${finding.line}, column ${finding.column}`;
}

/**
 * What the bytes of each item's attachments hold: photo metadata (a warning: the PDF never
 * includes it, but the package does), and personal data in text and CSV files (an error, as in
 * any other text). One result per file and kind, naming the file and the first place.
 */
export function checkAttachmentContents(context: CheckContext): void {
  if (context.attachmentScans.size === 0) return;
  for (const item of context.evidence) {
    const ref = `evidence:${textOf(item.id)}`;
    for (const attachment of recordsOf(item.attachments)) {
      const scan = context.attachmentScans.get(attachment.sha256);
      if (scan === undefined) continue;
      const file = `“${quote(attachment.name, 60)}”`;
      if (scan.metadata.length > 0) {
        context.report(
          'photo-metadata',
          ref,
          `The picture ${file} of evidence ${context.nameOf(item)} carries ${describeImageMetadata(scan.metadata)}, which can say who took it, where and when. Remove the file and attach it again in the app, which takes this out (the PDF never includes it).`,
        );
      }
      const byKind = new Map<PersonalDataKind, AttachmentFinding[]>();
      for (const finding of scan.personalData) {
        const list = byKind.get(finding.kind);
        if (list === undefined) byKind.set(finding.kind, [finding]);
        else list.push(finding);
      }
      for (const [kind, findings] of byKind) {
        const [first] = findings;
        if (first === undefined) continue;
        const what = findings.length === 1 ? `what looks like ${PERSONAL_DATA_NAMES[kind]} (${first.masked}) ${placeIn(first)}` : `${findings.length}${scan.isCut ? ' or more' : ''} things that look like ${PLURAL_NAMES[kind]} (such as ${first.masked}), the first ${placeIn(first)}`;
        context.report(
          'personal-data',
          ref,
          `The attached file ${file} of evidence ${context.nameOf(item)} contains ${what}. Remove it or replace it with a placeholder such as ${PLACEHOLDERS[kind]}, then attach the file again.`,
        );
      }
    }
  }
}

/** Seed guidance: call recordings only "where permitted", so the permission must be on record. */
export function checkCallRecordingConsent(context: CheckContext): void {
  for (const item of context.evidence) {
    if (item.type !== 'call-recording') continue;
    const consent: unknown = item.details !== null && typeof item.details === 'object' ? Reflect.get(item.details, 'consent') : undefined;
    if (hasText(consent)) continue;
    context.report(
      'call-recording-consent-missing',
      `evidence:${textOf(item.id)}`,
      `Call recording ${context.nameOf(item)} does not say what permission there was to record the call. Note how consent was given (for example, the customer was told the call was being recorded), or leave the recording out.`,
    );
  }
}
