/**
 * Editing a specification by hand (the app's qualification editor): a draft is a
 * specification whose optional fields may be blank while someone types; `specFromDraft`
 * leaves out what is blank, so the validator judges what would be saved. Helpers here give
 * the next free version, the ids for criteria added from pasted text, and the comparison that
 * tells an edit from a re-save.
 */
import type { PastedUnit } from './criteria';
import type { LearningOutcome, QualificationSpec, Unit, UnitGuidance } from './types';
import { QUALIFICATION_FORMAT } from './types';

export function blankSpec(): QualificationSpec {
  return {
    format: QUALIFICATION_FORMAT,
    id: '',
    title: '',
    awardingBody: '',
    version: '1',
    units: [blankUnit(1)],
  };
}

export function blankUnit(ordinal: number): Unit {
  const id = `U${ordinal}`;
  return { id, title: '', learningOutcomes: [blankOutcome(id, 1)] };
}

export function blankOutcome(unitId: string, ordinal: number): LearningOutcome {
  return { id: `${unitId}.LO${ordinal}`, title: '', markingPoints: [{ id: `${unitId}.${ordinal}.1`, text: '' }] };
}

const isBlank = (value: unknown): boolean => typeof value === 'string' && value.trim() === '';

/** The specification a draft stands for: blank optional fields and empty guidance lists left out. */
export function specFromDraft(draft: QualificationSpec): QualificationSpec {
  const spec: QualificationSpec = { ...draft, units: draft.units.map(unitFromDraft) };
  for (const key of ['level', 'qualificationNumber'] as const) if (isBlank(spec[key])) delete spec[key];
  return spec;
}

function unitFromDraft(unit: Unit): Unit {
  const copy: Unit = { ...unit, learningOutcomes: unit.learningOutcomes.map((outcome) => ({ ...outcome, markingPoints: outcome.markingPoints.map((point) => {
    const next = { ...point };
    if (isBlank(next.label)) delete next.label;
    return next;
  }) })) };
  if (isBlank(copy.synopsis)) delete copy.synopsis;
  const guidance = copy.guidance ? guidanceFromDraft(copy.guidance) : undefined;
  if (guidance) copy.guidance = guidance;
  else delete copy.guidance;
  return copy;
}

function guidanceFromDraft(guidance: UnitGuidance): UnitGuidance | undefined {
  const copy: UnitGuidance = { ...guidance };
  const concepts = (copy.keyConcepts ?? []).filter((concept) => !(isBlank(concept.title) && isBlank(concept.text)));
  const tips = (copy.tips ?? []).filter((tip) => !isBlank(tip));
  const misconceptions = (copy.misconceptions ?? []).filter((item) => !isBlank(item));
  if (concepts.length > 0) copy.keyConcepts = concepts;
  else delete copy.keyConcepts;
  if (tips.length > 0) copy.tips = tips;
  else delete copy.tips;
  if (misconceptions.length > 0) copy.misconceptions = misconceptions;
  else delete copy.misconceptions;
  return Object.keys(copy).length > 0 ? copy : undefined;
}

/** The version after `version` that none of `taken` uses: "2026.1" → "2026.2", "1" → "2", "draft" → "draft.1". */
export function nextVersion(version: string, taken: ReadonlySet<string>): string {
  const match = /^(.*?)(\d+)(\D*)$/.exec(version.trim());
  let candidate: string;
  let step = 1;
  do {
    candidate = match ? `${match[1]}${Number(match[2]) + step}${match[3]}` : `${version.trim() || '1'}.${step}`;
    step++;
  } while (taken.has(candidate) && step < 10_000);
  return candidate;
}

/** Every id the spec uses (units, outcomes and marking points share one namespace). */
export function usedIds(spec: QualificationSpec): Set<string> {
  const ids = new Set<string>();
  for (const unit of spec.units) {
    ids.add(unit.id);
    for (const outcome of unit.learningOutcomes) {
      ids.add(outcome.id);
      for (const point of outcome.markingPoints) ids.add(point.id);
    }
  }
  return ids;
}

function freeId(preferred: string, taken: Set<string>): string {
  let candidate = preferred;
  for (let suffix = 2; taken.has(candidate); suffix++) candidate = `${preferred}-${suffix}`;
  taken.add(candidate);
  return candidate;
}

/**
 * Learning outcomes made from reviewed pasted criteria, for unit `unitId` of `spec`: outcome
 * "<unit>.LO<n>", criteria "<unit>.<n>.<m>" (their numbers as the label), ids kept unique.
 */
export function outcomesFromPaste(spec: QualificationSpec, unitId: string, pasted: PastedUnit): LearningOutcome[] {
  const taken = usedIds(spec);
  const unit = spec.units.find((candidate) => candidate.id === unitId);
  const existingOutcomes = unit?.learningOutcomes.length ?? 0;
  return pasted.outcomes
    .filter((outcome) => outcome.criteria.length > 0)
    .map((outcome, index) => {
      const ordinal = outcome.number !== '' ? outcome.number : String(existingOutcomes + index + 1);
      return {
        id: freeId(`${unitId}.LO${ordinal}`, taken),
        title: outcome.title ?? (outcome.number !== '' ? `Learning outcome ${outcome.number}` : 'Criteria'),
        markingPoints: outcome.criteria.map((criterion) => ({
          id: freeId(`${unitId}.${criterion.number.replace(/[^A-Za-z0-9.]/g, '')}`, taken),
          text: criterion.text,
          label: criterion.number,
        })),
      };
    });
}

/** True when two specifications say the same thing (the order of an object's fields aside). */
export function isSameSpec(a: QualificationSpec, b: QualificationSpec): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  // Iterative over an explicit stack would be longer; specifications are bounded at 64 levels.
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export type DraftPath = ReadonlyArray<string | number>;

/** A copy of `root` with the value at `path` replaced by `change(old value)`; untouched branches are shared. */
export function updateIn<T>(root: T, path: DraftPath, change: (value: unknown) => unknown): T {
  if (path.length === 0) return change(root) as T;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[head as number] = updateIn(copy[head as number], rest, change);
    return copy as T;
  }
  const record = (root ?? {}) as Record<string, unknown>;
  return { ...record, [head]: updateIn(record[head as string], rest, change) } as T;
}

export function setIn<T>(root: T, path: DraftPath, value: unknown): T {
  return updateIn(root, path, () => value);
}

/** List edits at `path`: insert after `index` (or at the end), remove, or move one step. */
export function insertIn<T>(root: T, path: DraftPath, item: unknown, index?: number): T {
  return updateIn(root, path, (list) => {
    const items = Array.isArray(list) ? [...list] : [];
    items.splice(index === undefined ? items.length : index + 1, 0, item);
    return items;
  });
}

export function removeIn<T>(root: T, path: DraftPath, index: number): T {
  return updateIn(root, path, (list) => (Array.isArray(list) ? list.filter((_, at) => at !== index) : list));
}

export function moveIn<T>(root: T, path: DraftPath, index: number, step: -1 | 1): T {
  return updateIn(root, path, (list) => {
    if (!Array.isArray(list) || index + step < 0 || index + step >= list.length) return list;
    const items = [...list];
    [items[index], items[index + step]] = [items[index + step], items[index]];
    return items;
  });
}

/** Where a JSON Pointer into a draft is, in words: "Unit 2 (U2), learning outcome 1, marking point 3: text". */
export function describeDraftPointer(spec: QualificationSpec, pointer: string): string {
  const segments = pointer.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const parts: string[] = [];
  let field = '';
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index] as string;
    const next = segments[index + 1];
    const position = next !== undefined && /^\d+$/.test(next) ? Number(next) : undefined;
    if (segment === 'units' && position !== undefined) {
      const unit = spec.units[position];
      parts.push(`Unit ${position + 1}${unit?.id ? ` (${unit.id})` : ''}`);
      index++;
    } else if (segment === 'learningOutcomes' && position !== undefined) {
      parts.push(`learning outcome ${position + 1}`);
      index++;
    } else if (segment === 'markingPoints' && position !== undefined) {
      parts.push(`marking point ${position + 1}`);
      index++;
    } else if (segment === 'keyConcepts' && position !== undefined) {
      parts.push(`key concept ${position + 1}`);
      index++;
    } else if ((segment === 'tips' || segment === 'misconceptions') && position !== undefined) {
      parts.push(`${segment === 'tips' ? 'tip' : 'common mistake'} ${position + 1}`);
      index++;
    } else if (segment !== 'guidance') field = FIELD_NAMES[segment] ?? segment;
  }
  const where = parts.length > 0 ? parts.join(', ') : 'The qualification';
  return field ? `${where}: ${field}` : where;
}

const FIELD_NAMES: Record<string, string> = {
  id: 'id', title: 'title', text: 'wording', label: 'short label', synopsis: 'synopsis', awardingBody: 'awarding body', version: 'version',
  level: 'level', qualificationNumber: 'qualification number', format: 'format',
};

/**
 * A unit given a new id takes its outcomes and marking points along: ids that began with the
 * old id and a dot ("U1.LO1", "U1.1.1") begin with the new one. Other ids are the author's own.
 */
export function renameUnit(spec: QualificationSpec, unitIndex: number, newId: string): QualificationSpec {
  const unit = spec.units[unitIndex];
  if (!unit) return spec;
  const oldPrefix = `${unit.id}.`;
  const rename = (id: string): string => (unit.id !== '' && newId !== '' && id.startsWith(oldPrefix) ? `${newId}.${id.slice(oldPrefix.length)}` : id);
  const renamed: Unit = {
    ...unit,
    id: newId,
    learningOutcomes: unit.learningOutcomes.map((outcome) => ({ ...outcome, id: rename(outcome.id), markingPoints: outcome.markingPoints.map((point) => ({ ...point, id: rename(point.id) })) })),
  };
  return { ...spec, units: spec.units.map((candidate, index) => (index === unitIndex ? renamed : candidate)) };
}
