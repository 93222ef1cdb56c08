/**
 * Finding evidence: search over titles, narratives (including a reflective account's stages
 * and a witness's statement) and tags; filters by type, unit, marking point and label; sorts.
 * Built for thousands of items: each item's searchable text is folded once, so a keystroke
 * costs one pass of substring tests.
 */
import { EVIDENCE_TYPES, type EvidenceItem, type EvidenceType, type ServiceLabel } from '../model/portfolio';

/** Lower case, accents and typographic quotes folded, runs of space made one. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[‘’‚‛]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/\s+/g, ' ');
}

/** Words of a query; text in double quotes is one phrase. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  const folded = foldForSearch(query);
  const pattern = /"([^"]*)"?|(\S+)/g;
  for (let match = pattern.exec(folded); match; match = pattern.exec(folded)) {
    const term = (match[1] ?? match[2] ?? '').trim();
    if (term !== '') terms.push(term);
  }
  return terms;
}

/** The texts searched besides title and tags: the narrative and the type's own long texts. */
export function narrativeTexts(item: EvidenceItem): string[] {
  const texts = [item.narrative];
  const details = item.details;
  switch (details.type) {
    case 'reflective-account':
      for (const stage of details.stages) texts.push(stage.text);
      texts.push(details.wentWell ?? '', details.doDifferently ?? '', details.preventRecurrence ?? '');
      break;
    case 'witness-testimony':
      texts.push(details.statement);
      break;
    case 'professional-discussion':
      texts.push(details.topics ?? '');
      break;
    default:
      break;
  }
  if (item.rootCause) texts.push(item.rootCause);
  if (item.prevention) texts.push(item.prevention);
  return texts.filter((text) => text !== '');
}

export interface EvidenceSearchEntry<T extends EvidenceItem = EvidenceItem> {
  item: T;
  /** Folded title, tags and narratives, separated so that no term spans two of them. */
  haystack: string;
  markingPointIds: ReadonlySet<string>;
  unitIds: ReadonlySet<string>;
  /** Folded title, for sorting. */
  titleKey: string;
}

export interface MappingLike {
  evidenceId: string;
  markingPointId: string;
}

export function buildSearchEntries<T extends EvidenceItem>(items: readonly T[], mappings: readonly MappingLike[], unitOf: (markingPointId: string) => string | undefined): EvidenceSearchEntry<T>[] {
  const pointsByEvidence = new Map<string, Set<string>>();
  for (const mapping of mappings) {
    let points = pointsByEvidence.get(mapping.evidenceId);
    if (!points) pointsByEvidence.set(mapping.evidenceId, (points = new Set()));
    points.add(mapping.markingPointId);
  }
  return items.map((item) => {
    const markingPointIds = pointsByEvidence.get(item.id) ?? new Set<string>();
    const unitIds = new Set<string>();
    for (const point of markingPointIds) {
      const unit = unitOf(point);
      if (unit !== undefined) unitIds.add(unit);
    }
    const titleKey = foldForSearch(item.title.trim());
    const haystack = [titleKey, ...item.tags.map(foldForSearch), ...narrativeTexts(item).map(foldForSearch)].join('\u0000');
    return { item, haystack, markingPointIds, unitIds, titleKey };
  });
}

export type LabelFilter = ServiceLabel | 'unlabelled';

export interface EvidenceFilter {
  query?: string;
  type?: EvidenceType;
  /** A unit id, or "unmapped" for items mapped to nothing yet. */
  unitId?: string;
  markingPointId?: string;
  /** "reactive" and "proactive" include items labelled "both". */
  label?: LabelFilter;
}

export const UNMAPPED = 'unmapped';

function labelMatches(label: ServiceLabel | undefined, wanted: LabelFilter): boolean {
  if (wanted === 'unlabelled') return label === undefined;
  if (wanted === 'both') return label === 'both';
  return label === wanted || label === 'both';
}

export function filterEntries<T extends EvidenceItem>(entries: readonly EvidenceSearchEntry<T>[], filter: EvidenceFilter): EvidenceSearchEntry<T>[] {
  const terms = queryTerms(filter.query ?? '');
  return entries.filter((entry) => {
    if (filter.type && entry.item.type !== filter.type) return false;
    if (filter.label && !labelMatches(entry.item.label, filter.label)) return false;
    if (filter.unitId === UNMAPPED) {
      if (entry.markingPointIds.size > 0) return false;
    } else if (filter.unitId && !entry.unitIds.has(filter.unitId)) return false;
    if (filter.markingPointId && !entry.markingPointIds.has(filter.markingPointId)) return false;
    for (const term of terms) if (!entry.haystack.includes(term)) return false;
    return true;
  });
}

export const EVIDENCE_SORTS = {
  updated: 'Recently changed',
  'date-newest': 'Activity date, newest',
  'date-oldest': 'Activity date, oldest',
  title: 'Title, A to Z',
  type: 'Kind of evidence',
} as const;
export type EvidenceSort = keyof typeof EVIDENCE_SORTS;

export function isEvidenceSort(value: unknown): value is EvidenceSort {
  return typeof value === 'string' && Object.hasOwn(EVIDENCE_SORTS, value);
}

// Made on first use: creating a collator costs tens of milliseconds in a fresh page, and the
// default order (recently changed) never needs one, so the first screen does not pay for it.
let titleCollator: Intl.Collator | undefined;
function compareTitles(a: string, b: string): number {
  titleCollator ??= new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });
  return titleCollator.compare(a, b);
}

/** A sorted copy; ties fall back to the title, then the id, so the order never flickers. */
export function sortEntries<T extends EvidenceItem>(entries: readonly EvidenceSearchEntry<T>[], sort: EvidenceSort): EvidenceSearchEntry<T>[] {
  const byTitle = (a: EvidenceSearchEntry<T>, b: EvidenceSearchEntry<T>): number => compareTitles(a.titleKey, b.titleKey) || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0);
  const typeOrder = (type: EvidenceType): number => EVIDENCE_TYPES.indexOf(type);
  const compare: Record<EvidenceSort, (a: EvidenceSearchEntry<T>, b: EvidenceSearchEntry<T>) => number> = {
    'date-newest': (a, b) => (a.item.activityDate < b.item.activityDate ? 1 : a.item.activityDate > b.item.activityDate ? -1 : byTitle(a, b)),
    'date-oldest': (a, b) => (a.item.activityDate < b.item.activityDate ? -1 : a.item.activityDate > b.item.activityDate ? 1 : byTitle(a, b)),
    title: byTitle,
    // Ties by id, newest-first like the database's [portfolioId+updatedAt] index read in reverse.
    updated: (a, b) => (a.item.updatedAt < b.item.updatedAt ? 1 : a.item.updatedAt > b.item.updatedAt ? -1 : a.item.id < b.item.id ? 1 : a.item.id > b.item.id ? -1 : 0),
    type: (a, b) => typeOrder(a.item.type) - typeOrder(b.item.type) || byTitle(a, b),
  };
  return [...entries].sort(compare[sort]);
}

export function countByType(items: readonly Pick<EvidenceItem, 'type'>[]): Record<EvidenceType, number> {
  const counts: Record<EvidenceType, number> = {
    'reflective-account': 0,
    'witness-testimony': 0,
    observation: 0,
    'professional-discussion': 0,
    'case-log': 0,
    'call-recording': 0,
    'customer-feedback': 0,
    'mystery-shopping': 0,
    'work-product': 0,
    'question-answer': 0,
  };
  for (const item of items) if (Object.hasOwn(counts, item.type)) counts[item.type] += 1;
  return counts;
}
