/**
 * Plain sentences for the audit trail: what changed between two versions of an evidence
 * item ("Changed the title and the witness's statement; attached call.mp3."), and what was
 * added or deleted.
 */
import type { EvidenceItem } from '../model/portfolio';
import { canonicalJson } from '../integrity/canonical-json';
import { evidenceTypeLabel } from './catalogue';

const COMMON_FIELDS: ReadonlyArray<[keyof EvidenceItem, string]> = [
  ['type', 'the kind of evidence'],
  ['title', 'the title'],
  ['activityDate', 'the date of the activity'],
  ['narrative', 'the narrative'],
  ['label', 'the reactive or proactive label'],
  ['legislation', 'the legislation referenced'],
  ['tags', 'the tags'],
  ['rootCause', 'the root cause'],
  ['prevention', 'what stops it happening again'],
];

/** Labels for type-specific fields; a field not listed is described by its key. */
export const DETAIL_FIELD_LABELS: Readonly<Record<string, string>> = {
  model: 'the complaint-handling model',
  modelName: 'the name of the model',
  stages: 'the model stages',
  wentWell: 'what went well',
  doDifferently: 'what you would do differently',
  preventRecurrence: 'how it is stopped from happening again',
  'witness.name': 'the witness’s name',
  'witness.role': 'the witness’s role',
  'witness.relationship': 'the witness’s relationship to you',
  'witness.contact': 'the witness’s contact details',
  'witness.confirmedOn': 'the witness’s confirmation',
  statement: 'the witness’s statement',
  statementDate: 'the date of the statement',
  observer: 'the observer',
  observedOn: 'the date of the observation',
  setting: 'the setting',
  discussedWith: 'who the discussion was with',
  topics: 'the topics discussed',
  stagesCovered: 'the stages covered',
  caseReference: 'the case reference',
  durationSeconds: 'the length of the call',
  consent: 'the consent or permission',
  source: 'the source of the feedback',
  sampleSize: 'the number of responses',
  shopper: 'the shopper',
  channel: 'the channel',
  productKind: 'what the work product is',
  askedBy: 'who asked the questions',
};

function same(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a ?? null) === canonicalJson(b ?? null);
  } catch {
    return false;
  }
}

function record(value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) for (const key of Object.keys(value)) out[key] = Reflect.get(value, key);
  return out;
}

/** The labels of fields that differ, in form order. */
export function changedEvidenceFields(before: EvidenceItem, after: EvidenceItem): string[] {
  const changed: string[] = [];
  for (const [key, label] of COMMON_FIELDS) if (!same(before[key], after[key])) changed.push(label);
  if (before.type === after.type) {
    const a = record(before.details);
    const b = record(after.details);
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    keys.delete('type');
    for (const key of keys) {
      if (key === 'witness') {
        const wa = record(a.witness);
        const wb = record(b.witness);
        for (const sub of new Set([...Object.keys(wa), ...Object.keys(wb)])) {
          if (!same(wa[sub], wb[sub])) changed.push(DETAIL_FIELD_LABELS[`witness.${sub}`] ?? `the witness’s ${sub}`);
        }
      } else if (!same(a[key], b[key])) {
        changed.push(DETAIL_FIELD_LABELS[key] ?? key);
      }
    }
  }
  return changed;
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

function quoteName(name: string, max = 60): string {
  const clean = name.replace(/\s+/g, ' ').trim();
  return `“${clean.length > max ? `${clean.slice(0, max - 1)}…` : clean}”`;
}

export function evidenceName(item: Pick<EvidenceItem, 'type' | 'title'>): string {
  const title = item.title.trim();
  return `${evidenceTypeLabel(item.type).toLowerCase()} ${title === '' ? '(untitled)' : quoteName(title)}`;
}

/** One sentence for the audit trail, or undefined when nothing an assessor would see changed. */
export function summariseEvidenceChange(before: EvidenceItem, after: EvidenceItem): string | undefined {
  const parts: string[] = [];
  const fields = changedEvidenceFields(before, after);
  if (fields.length > 0) parts.push(`changed ${list(fields)}`);
  const beforeHashes = new Set(before.attachments.map((attachment) => attachment.sha256));
  const afterHashes = new Set(after.attachments.map((attachment) => attachment.sha256));
  const added = after.attachments.filter((attachment) => !beforeHashes.has(attachment.sha256)).map((attachment) => quoteName(attachment.name, 40));
  const removed = before.attachments.filter((attachment) => !afterHashes.has(attachment.sha256)).map((attachment) => quoteName(attachment.name, 40));
  if (added.length > 0) parts.push(`attached ${list(added)}`);
  if (removed.length > 0) parts.push(`removed the attachment${removed.length === 1 ? '' : 's'} ${list(removed)}`);
  const renamed = after.attachments.filter((attachment) => {
    const old = before.attachments.find((candidate) => candidate.sha256 === attachment.sha256);
    return old !== undefined && old.name !== attachment.name;
  });
  if (renamed.length > 0) parts.push(`renamed ${renamed.length === 1 ? 'an attachment' : `${renamed.length} attachments`}`);
  if (parts.length === 0) return undefined;
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)} of ${evidenceName(after)}.`;
}

export function summariseNewEvidence(item: EvidenceItem): string {
  return `Added ${evidenceName(item)}.`;
}

export function summariseDeletedEvidence(item: EvidenceItem, mappingCount: number, commentCount = 0): string {
  const extras: string[] = [];
  if (mappingCount > 0) extras.push(`${mappingCount} mapping${mappingCount === 1 ? '' : 's'}`);
  if (commentCount > 0) extras.push(`${commentCount} comment${commentCount === 1 ? '' : 's'}`);
  const name = evidenceName(item);
  return `Deleted ${name}${extras.length > 0 ? ` with its ${list(extras)}` : ''}.`;
}
