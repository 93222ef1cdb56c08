/**
 * Locators say where in an evidence item a marking point is met: a page, a numbered
 * paragraph, a time range of a recording, or a short note (e.g. "screenshot 2"). Assessors
 * and verifiers use them to find the evidence quickly, so they are checked against the item.
 */
import type { Locator } from '../model/portfolio';

export type LocatorKind = Locator['kind'];

export const LOCATOR_KIND_LABELS: Readonly<Record<LocatorKind, string>> = {
  page: 'Page',
  paragraph: 'Paragraph',
  time: 'Time in the recording',
  note: 'Other place (describe it)',
};

export const MAX_LOCATOR_NOTE = 300;
export const MAX_PAGE = 100_000;
/** A day: no recording attached to a portfolio is longer. */
export const MAX_SECONDS = 24 * 60 * 60;
export const MAX_JUSTIFICATION = 2_000;

/** "45", "1:05" or "1:02:03" (and seconds with a fraction, "1:05.5"). */
export function formatTime(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 0) return '?';
  const whole = Math.floor(totalSeconds);
  const fraction = totalSeconds - whole;
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = whole % 60;
  const tail = fraction > 0 ? (Math.round(fraction * 10) / 10).toFixed(1).slice(1) : '';
  const ss = `${String(seconds).padStart(2, '0')}${tail === '.0' ? '' : tail}`;
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/**
 * Reads a time typed as seconds ("90"), minutes and seconds ("1:30") or hours, minutes and
 * seconds ("1:02:03"). Undefined when it is not a time.
 */
export function parseTime(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,6}(?::\d{1,2}){0,2}(?:\.\d{1,3})?$/.test(trimmed)) return undefined;
  const [main = '', fraction] = trimmed.split('.');
  const parts = main.split(':').map(Number);
  if (parts.length > 1 && parts.slice(1).some((part) => part >= 60)) return undefined;
  const seconds = parts.reduce((total, part) => total * 60 + part, 0) + (fraction ? Number(`0.${fraction}`) : 0);
  return Number.isFinite(seconds) ? seconds : undefined;
}

export function formatLocator(locator: Locator | undefined): string {
  if (!locator) return 'Whole item';
  switch (locator.kind) {
    case 'page':
      return `Page ${locator.page}`;
    case 'paragraph':
      return `Paragraph ${locator.paragraph}`;
    case 'time':
      return `${formatTime(locator.startSeconds)} to ${formatTime(locator.endSeconds)}`;
    case 'note':
      return locator.text;
  }
}

export interface LocatorContext {
  /** Length of the item's recording, when known. */
  durationSeconds?: number;
  /** How many numbered paragraphs the item's narrative has. */
  paragraphCount?: number;
}

export interface FieldProblem {
  /** Dotted field name, e.g. "locator.endSeconds" or "details.witness.name". */
  field: string;
  message: string;
}

function isWhole(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Every problem with a locator, each naming its field. */
export function validateLocator(locator: unknown, context: LocatorContext = {}): FieldProblem[] {
  if (locator === null || typeof locator !== 'object') return [{ field: 'locator', message: 'Say where in the evidence the marking point is met.' }];
  const kind: unknown = Reflect.get(locator, 'kind');
  const problems: FieldProblem[] = [];
  switch (kind) {
    case 'page': {
      const page: unknown = Reflect.get(locator, 'page');
      if (!isWhole(page) || page < 1) problems.push({ field: 'locator.page', message: 'The page must be a whole number, 1 or more.' });
      else if (page > MAX_PAGE) problems.push({ field: 'locator.page', message: `The page must be ${MAX_PAGE.toLocaleString('en-GB')} or less.` });
      break;
    }
    case 'paragraph': {
      const paragraph: unknown = Reflect.get(locator, 'paragraph');
      if (!isWhole(paragraph) || paragraph < 1) problems.push({ field: 'locator.paragraph', message: 'The paragraph must be a whole number, 1 or more.' });
      else if (context.paragraphCount !== undefined && paragraph > context.paragraphCount) {
        problems.push({
          field: 'locator.paragraph',
          message:
            context.paragraphCount === 0
              ? 'This evidence has no narrative paragraphs yet: write the narrative first, or point to a page or a time instead.'
              : `This evidence has ${context.paragraphCount} paragraph${context.paragraphCount === 1 ? '' : 's'}, so the paragraph must be between 1 and ${context.paragraphCount}.`,
        });
      }
      break;
    }
    case 'time': {
      const start: unknown = Reflect.get(locator, 'startSeconds');
      const end: unknown = Reflect.get(locator, 'endSeconds');
      const isStartOk = isTime(start) && start >= 0 && start <= MAX_SECONDS;
      const isEndOk = isTime(end) && end >= 0 && end <= MAX_SECONDS;
      if (!isStartOk) problems.push({ field: 'locator.startSeconds', message: 'The start time must be a time such as 1:05, and not negative.' });
      if (!isEndOk) problems.push({ field: 'locator.endSeconds', message: 'The end time must be a time such as 2:30.' });
      if (isStartOk && isEndOk && end <= start) problems.push({ field: 'locator.endSeconds', message: 'The end time must be after the start time.' });
      if (isEndOk && context.durationSeconds !== undefined && Number.isFinite(context.durationSeconds) && end > context.durationSeconds) {
        problems.push({ field: 'locator.endSeconds', message: `The recording is ${formatTime(context.durationSeconds)} long, so the end time must be ${formatTime(context.durationSeconds)} or earlier.` });
      }
      break;
    }
    case 'note': {
      const text: unknown = Reflect.get(locator, 'text');
      if (typeof text !== 'string' || text.trim() === '') problems.push({ field: 'locator.text', message: 'Describe where in the evidence to look, for example “screenshot 2”.' });
      else if (text.length > MAX_LOCATOR_NOTE) problems.push({ field: 'locator.text', message: `The description of where to look must be ${MAX_LOCATOR_NOTE} characters or fewer.` });
      break;
    }
    default:
      problems.push({ field: 'locator.kind', message: 'Choose page, paragraph, time or other place.' });
  }
  return problems;
}

export interface MappingDraft {
  markingPointId: string;
  locator?: unknown;
  justification?: string;
}

/**
 * A new or edited mapping must name a real marking point, say where the evidence is, and
 * say in a sentence why it meets the point (assessors look for a clear link).
 */
export function validateMappingDraft(draft: MappingDraft, context: LocatorContext & { markingPointIds?: ReadonlySet<string> } = {}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (draft.markingPointId.trim() === '') problems.push({ field: 'markingPointId', message: 'Choose the marking point this evidence meets.' });
  else if (context.markingPointIds && !context.markingPointIds.has(draft.markingPointId)) {
    problems.push({ field: 'markingPointId', message: `“${draft.markingPointId}” is not a marking point of this qualification.` });
  }
  problems.push(...validateLocator(draft.locator, context));
  const justification = draft.justification?.trim() ?? '';
  if (justification === '') problems.push({ field: 'justification', message: 'Write a sentence saying how this evidence meets the marking point.' });
  else if (justification.length > MAX_JUSTIFICATION) problems.push({ field: 'justification', message: `The justification must be ${MAX_JUSTIFICATION.toLocaleString('en-GB')} characters or fewer.` });
  return problems;
}
