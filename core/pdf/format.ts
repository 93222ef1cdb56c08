/**
 * Plain-English wording for values printed in the submission PDF: dates in the UK style,
 * sizes, durations, locators and the names of evidence types and statuses. Every function
 * accepts whatever a hostile manifest might hold and falls back to showing the raw value,
 * because a PDF that shows an odd value is better than an export that fails.
 */
import type { CoverageStatus } from '../coverage/types';
import type { ComplaintStage, EvidenceItem, EvidenceType, Locator } from '../model/portfolio';
import { formatCalendarDate, formatWholeNumber as formatCount, monthName } from '../uk-format';

function asString(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

/** `2026-03-05` → `5 March 2026`; anything else is shown as it is. */
export function formatDate(value: unknown): string {
  return formatCalendarDate(asString(value), 'long');
}

/** An ISO instant → `5 March 2026, 10:15 UTC`, always in UTC so every reader sees the same time. */
export function formatInstant(value: unknown): string {
  const text = asString(value).trim();
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return formatDate(text);
  const time = Date.parse(text);
  if (!Number.isFinite(time)) return text;
  return formatInstantOf(new Date(time));
}

export function formatInstantOf(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getUTCDate()} ${monthName(date.getUTCMonth() + 1, 'long')} ${date.getUTCFullYear()}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/** Bytes in the units a person reads: `812 bytes`, `14.2 KB`, `3.4 MB` (1 KB = 1,024 bytes). */
export function formatBytes(value: unknown): string {
  const bytes = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(bytes) || bytes < 0) return asString(value);
  if (bytes < 1024) return `${Math.round(bytes)} ${Math.round(bytes) === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let size = bytes / 1024;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${size >= 100 ? Math.round(size) : size.toFixed(1)} ${units[unit] ?? 'TB'}`;
}

/** A whole count with thousands separators, as in `1,234` (the one UK number format of core/uk-format). */
export { formatCount };

/** Seconds → `1:05:09` or `4:07` (minutes:seconds), the way a media player shows a position. */
export function formatClock(value: unknown): string {
  const seconds = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) return asString(value);
  const whole = Math.floor(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = whole % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(secs)}` : `${minutes}:${two(secs)}`;
}

/** Seconds → `4 min 7 s`, for a recording's length. */
export function formatDuration(value: unknown): string {
  const seconds = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) return asString(value);
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = whole % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} h`);
  if (minutes > 0) parts.push(`${minutes} min`);
  if (secs > 0 || parts.length === 0) parts.push(`${secs} s`);
  return parts.join(' ');
}

/** Where in an evidence item to look: `Page 3`, `Paragraph 2`, `From 1:20 to 2:05`, or the note. */
export function formatLocator(locator: Locator | undefined | null): string {
  if (locator === undefined || locator === null || typeof locator !== 'object') return 'Whole item';
  switch (locator.kind) {
    case 'page':
      return `Page ${asString(locator.page)}`;
    case 'paragraph':
      return `Paragraph ${asString(locator.paragraph)}`;
    case 'time':
      return `From ${formatClock(locator.startSeconds)} to ${formatClock(locator.endSeconds)}`;
    case 'note':
      return asString(locator.text);
    default:
      return 'Whole item';
  }
}

/**
 * A locator in words an assessor can follow on paper: a page names the attached file it is in,
 * a time range names the recording, a paragraph refers to the numbers printed in the margin.
 * When the item has nothing to look in (no file, no recording), it says so.
 */
export function describeLocator(locator: Locator | undefined | null, item: Pick<EvidenceItem, 'attachments'> | undefined): string {
  if (locator === undefined || locator === null || typeof locator !== 'object') return 'Whole item';
  const attachments = Array.isArray(item?.attachments) ? item.attachments : [];
  const quoted = (names: readonly string[]): string => names.map((name) => `“${name}”`).join(' or ');
  switch (locator.kind) {
    case 'page': {
      const documents = attachments.filter((ref) => !/^(image|audio|video)\//.test(ref.mediaType)).map((ref) => ref.name);
      const page = asString(locator.page);
      if (documents.length === 1) return `Page ${page} of the attached file ${quoted(documents)}`;
      if (documents.length > 1) return `Page ${page} of the attached file ${quoted(documents.slice(0, 3))}${documents.length > 3 ? ' or another' : ''}`;
      if (attachments.length > 0) return `Page ${page} of the attached file ${quoted([attachments[0]?.name ?? ''])}`;
      return `Page ${page} (no file attached)`;
    }
    case 'paragraph':
      return `Paragraph ${asString(locator.paragraph)} (numbered in the margin)`;
    case 'time': {
      const recordings = attachments.filter((ref) => /^(audio|video)\//.test(ref.mediaType)).map((ref) => ref.name);
      const range = `From ${formatClock(locator.startSeconds)} to ${formatClock(locator.endSeconds)}`;
      if (recordings.length === 0) return `${range} of the recording (none attached)`;
      return `${range} of the recording ${quoted(recordings.slice(0, 3))}`;
    }
    case 'note':
      return asString(locator.text);
    default:
      return 'Whole item';
  }
}

const EVIDENCE_TYPE_NAMES: Record<EvidenceType, string> = {
  'reflective-account': 'Reflective account',
  'witness-testimony': 'Witness testimony',
  observation: 'Observation record',
  'professional-discussion': 'Professional discussion',
  'case-log': 'Case log',
  'call-recording': 'Call recording',
  'customer-feedback': 'Customer feedback',
  'mystery-shopping': 'Mystery shopping report',
  'work-product': 'Work product',
  'question-answer': 'Questions and answers',
};

export function evidenceTypeName(type: unknown): string {
  const key = asString(type);
  return Object.hasOwn(EVIDENCE_TYPE_NAMES, key) ? EVIDENCE_TYPE_NAMES[key as EvidenceType] : key;
}

const STAGE_NAMES: Record<ComplaintStage, string> = {
  identification: 'Identification',
  resolution: 'Resolution',
  recording: 'Recording',
};

export function complaintStageName(stage: unknown): string {
  const key = asString(stage);
  return Object.hasOwn(STAGE_NAMES, key) ? STAGE_NAMES[key as ComplaintStage] : key;
}

export function serviceLabelName(label: unknown): string {
  switch (label) {
    case 'reactive':
      return 'Reactive (putting a problem right)';
    case 'proactive':
      return 'Proactive (preventing a problem)';
    case 'both':
      return 'Reactive and proactive';
    default:
      return asString(label);
  }
}

/** Symbols are backed by words everywhere, so the matrix reads in greyscale and aloud. */
export const STATUS_SYMBOL: Record<CoverageStatus, string> = {
  gap: 'GAP',
  claimed: '○',
  met: '✓',
  'not-yet': '✗',
  stale: '⚠',
};

export const STATUS_NAME: Record<CoverageStatus, string> = {
  gap: 'GAP',
  claimed: 'Claimed',
  met: 'Met',
  'not-yet': 'Not yet',
  stale: 'Stale',
};

export const STATUS_MEANING: Record<CoverageStatus, string> = {
  gap: 'no evidence is mapped to this marking point',
  claimed: 'evidence is mapped but not yet judged by the assessor',
  met: 'the assessor judged the marking point met',
  'not-yet': 'the assessor judged the marking point not yet met',
  stale: 'judged, but the evidence changed after the judgement',
};

export function decisionStatusName(status: unknown): string {
  if (status === 'met') return 'Met';
  if (status === 'not-yet') return 'Not yet met';
  return asString(status);
}

export function iqaOutcomeName(outcome: unknown): string {
  if (outcome === 'agree') return 'Agrees with the assessor';
  if (outcome === 'assessor-to-act') return 'Assessor to act';
  return asString(outcome);
}

export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
