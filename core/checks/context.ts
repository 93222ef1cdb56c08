/**
 * What every check needs, indexed once: the spec's marking points and units, evidence by id,
 * mappings by evidence and by marking point, and the evidence mapped to each unit. Building it
 * is a single pass over each list, so the checks stay linear in the size of the portfolio.
 * Records that are not objects (a hostile or damaged package) are passed over, never trusted.
 */
import { parseCalendarDate } from '../uk-format';
import type { AssessorDecision, EvidenceItem, EvidenceType, Mapping, PortfolioContent } from '../model/portfolio';
import type { MarkingPoint, QualificationSpec, Unit } from '../spec/types';
import type { AttachmentScan } from './attachment-scan';
import { redactPersonalData } from './personal-data';
import { CHECK_RULES, type CheckResult, type CheckRuleId } from './rules';

export interface SpecPoint {
  point: MarkingPoint;
  unit: Unit;
}

export interface CheckContext {
  content: PortfolioContent;
  spec: QualificationSpec;
  /** Units in spec order, each id once. */
  units: Unit[];
  /** Marking points in spec order, each id once. */
  points: SpecPoint[];
  pointsById: Map<string, SpecPoint>;
  evidence: EvidenceItem[];
  evidenceById: Map<string, EvidenceItem>;
  /** Current content hash of every existing item (see runChecks). */
  hashes: Map<string, string>;
  mappings: Mapping[];
  mappingsByEvidence: Map<string, Mapping[]>;
  mappingsByPoint: Map<string, Mapping[]>;
  /** Distinct existing evidence items mapped to each unit's marking points, in portfolio order. */
  itemsByUnit: Map<string, EvidenceItem[]>;
  decisions: AssessorDecision[];
  /** What the attachments' bytes hold (photo metadata, personal data in text), by SHA-256; empty when not scanned. */
  attachmentScans: ReadonlyMap<string, AttachmentScan>;
  report(rule: CheckRuleId, ref: string, message: string): void;
  /** How an item is named in messages (see itemName), worked out once per item per run. */
  nameOf(item: EvidenceItem): string;
  results: CheckResult[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The elements of a list that are objects; anything else in a damaged package is ignored. */
export function recordsOf<T>(list: readonly T[] | undefined): T[] {
  return Array.isArray(list) ? list.filter((entry: T): boolean => isRecord(entry)) : [];
}

export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function hasText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/** Stands in for the hash of an item the caller gave no hash for: it equals no real hash. */
const UNKNOWN_HASH = 'unknown';

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

export function buildContext(content: PortfolioContent, contentHashes: ReadonlyMap<string, string>, attachmentScans: ReadonlyMap<string, AttachmentScan> = new Map()): CheckContext {
  const spec = content.qualification;
  const units: Unit[] = [];
  const points: SpecPoint[] = [];
  const pointsById = new Map<string, SpecPoint>();
  const unitIds = new Set<string>();
  for (const unit of recordsOf(spec?.units)) {
    if (unitIds.has(unit.id)) continue;
    unitIds.add(unit.id);
    units.push(unit);
    for (const outcome of recordsOf(unit.learningOutcomes)) {
      for (const point of recordsOf(outcome.markingPoints)) {
        if (pointsById.has(point.id)) continue;
        const entry = { point, unit };
        pointsById.set(point.id, entry);
        points.push(entry);
      }
    }
  }

  const evidence = recordsOf(content.evidence);
  const evidenceById = new Map<string, EvidenceItem>();
  // The portfolio itself says which items exist; the caller's hashes say what they contain.
  // An item the caller gave no hash for cannot be shown unchanged, so its decisions go stale.
  const hashes = new Map<string, string>();
  for (const item of evidence) {
    if (!evidenceById.has(item.id)) evidenceById.set(item.id, item);
    hashes.set(item.id, contentHashes.get(item.id) ?? UNKNOWN_HASH);
  }

  const mappings = recordsOf(content.mappings);
  const mappingsByEvidence = new Map<string, Mapping[]>();
  const mappingsByPoint = new Map<string, Mapping[]>();
  const itemIdsByUnit = new Map<string, Set<string>>();
  for (const unit of units) itemIdsByUnit.set(unit.id, new Set());
  for (const mapping of mappings) {
    pushTo(mappingsByEvidence, mapping.evidenceId, mapping);
    pushTo(mappingsByPoint, mapping.markingPointId, mapping);
    const specPoint = pointsById.get(mapping.markingPointId);
    if (specPoint !== undefined && evidenceById.has(mapping.evidenceId)) {
      itemIdsByUnit.get(specPoint.unit.id)?.add(mapping.evidenceId);
    }
  }
  const itemsByUnit = new Map<string, EvidenceItem[]>();
  for (const [unitId, ids] of itemIdsByUnit) {
    itemsByUnit.set(unitId, [...ids].map((id) => evidenceById.get(id)).filter((item) => item !== undefined));
  }

  const results: CheckResult[] = [];
  const names = new Map<EvidenceItem, string>();
  return {
    content,
    spec,
    units,
    points,
    pointsById,
    evidence,
    evidenceById,
    hashes,
    mappings,
    mappingsByEvidence,
    mappingsByPoint,
    itemsByUnit,
    decisions: recordsOf(content.decisions),
    attachmentScans,
    results,
    report(rule, ref, message) {
      results.push({ rule, severity: CHECK_RULES[rule].severity, message, ref });
    },
    nameOf(item) {
      let name = names.get(item);
      if (name === undefined) {
        name = itemName(item);
        names.set(item, name);
      }
      return name;
    },
  };
}

/**
 * Text from the portfolio made safe to quote in a message: personal data masked, line breaks
 * and control characters flattened to spaces (one result, one line), and cut to `max` characters.
 */
export function quote(value: unknown, max = 60): string {
  const raw = textOf(value).slice(0, 4 * max);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const flat = redactPersonalData(raw).replace(/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** How an evidence item is named in messages: its title in quotes, or its id if untitled. */
export function itemName(item: EvidenceItem): string {
  const title = quote(item.title);
  return title === '' ? `the untitled item with id "${quote(item.id, 40)}"` : `"${title}"`;
}

/** A marking point named with its label (or the start of its wording), for context. */
export function pointName(point: MarkingPoint): string {
  const label = quote(hasText(point.label) ? point.label : point.text, 70);
  return label === '' ? quote(point.id, 40) : `${quote(point.id, 40)} ("${label}")`;
}

const TYPE_NAMES: Record<EvidenceType, string> = {
  'reflective-account': 'reflective account',
  'witness-testimony': 'witness testimony',
  observation: 'observation',
  'professional-discussion': 'professional discussion',
  'case-log': 'case log',
  'call-recording': 'call recording',
  'customer-feedback': 'customer feedback',
  'mystery-shopping': 'mystery shopping report',
  'work-product': 'work product',
  'question-answer': 'questions and answers',
};

export function typeName(type: EvidenceType): string {
  return Object.hasOwn(TYPE_NAMES, type) ? TYPE_NAMES[type] : 'unknown type';
}

/** "a", "a and b", "a, b and c". */
export function listInWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** The first few entries, then how many more: keeps a message to one readable line. */
export function someOf(parts: readonly string[], limit = 5): string {
  if (parts.length <= limit) return listInWords(parts);
  return `${parts.slice(0, limit).join(', ')} and ${parts.length - limit} more`;
}

/** The calendar date part of a timestamp, when it has one. */
export function dateOf(value: unknown): string {
  const match = /^\d{4}-\d{2}-\d{2}/.exec(textOf(value));
  return match === null ? '' : match[0];
}

export function isCalendarDate(value: unknown): boolean {
  return parseCalendarDate(textOf(value)) !== undefined;
}
