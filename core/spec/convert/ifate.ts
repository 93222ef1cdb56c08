/**
 * Apprenticeship standards as the Institute for Apprenticeships and Technical Education
 * (now Skills England) publishes them through its API, and as the DfE courses API passes
 * them on. Knowledge, skills and behaviours become units K, S and B, each KSB a marking point
 * K1…, S1…, B1… in the API's order, its wording verbatim. Duties are kept as each unit's
 * guidance, with the KSBs they map. The lists go by several names:
 * - the IfATE API: `knowledges` / `skills` / `behaviours`, entries `{ knowledgeId, detail }`;
 * - older standards and the courses API: `knowledge` / `skills` / `behaviours` as plain text
 *   entries, or one `ksbs` list of `{ type, key, detail }`, or the same inside each option;
 * - foundation apprenticeships: `technicalKnowledges`, `technicalSkills`,
 *   `employabilitySkillsAndBehaviours`.
 */
import { jsonPointer } from '../../problems';
import type { KeyConcept, MarkingPoint, QualificationSpec, Unit } from '../types';
import { QUALIFICATION_FORMAT } from '../types';
import { type JsonRecord, field, fieldValue, isRecord, listField, textField } from './fields';
import { IdRegistry, specIdFrom } from './ids';
import { asText, cleanStatement } from './text';
import { clip, fitTitle, MAX_LIST } from './tree';
import { ConversionError, type ConversionNote, refuse } from './types';
import type { Problem } from '../../problems';

interface KsbKind {
  prefix: string;
  title: string;
  outcome: string;
  /** Field names of the list, newest first. */
  lists: string[];
  /** Field names of an entry's own id. */
  idFields: string[];
  /** `type` values in a `ksbs` list. */
  types: string[];
  /** Field names of a duty's mapping to this kind. */
  dutyMaps: string[];
}

const KINDS: KsbKind[] = [
  { prefix: 'K', title: 'Knowledge', outcome: 'What the apprentice knows and understands', lists: ['knowledges', 'knowledge', 'knowledgeItems'], idFields: ['knowledgeId', 'id'], types: ['knowledge', 'k', '1'], dutyMaps: ['mappedKnowledge', 'mappedKnowledges', 'knowledge'] },
  { prefix: 'S', title: 'Skills', outcome: 'What the apprentice can do', lists: ['skills', 'skill', 'skillItems'], idFields: ['skillId', 'id'], types: ['skill', 's', '2'], dutyMaps: ['mappedSkills', 'mappedSkill', 'skills'] },
  { prefix: 'B', title: 'Behaviours', outcome: 'How the apprentice behaves at work', lists: ['behaviours', 'behaviour', 'behaviors', 'behavior', 'behaviourItems'], idFields: ['behaviourId', 'behaviorId', 'id'], types: ['behaviour', 'behavior', 'b', '3'], dutyMaps: ['mappedBehaviour', 'mappedBehaviours', 'mappedBehavior', 'mappedBehaviors', 'behaviours'] },
  { prefix: 'TK', title: 'Technical knowledge', outcome: 'What the apprentice knows and understands', lists: ['technicalKnowledges', 'technicalKnowledge'], idFields: ['id', 'knowledgeId'], types: ['technicalknowledge', 'tk', '4'], dutyMaps: [] },
  { prefix: 'TS', title: 'Technical skills', outcome: 'What the apprentice can do', lists: ['technicalSkills', 'technicalSkill'], idFields: ['id', 'skillId'], types: ['technicalskill', 'ts', '5'], dutyMaps: [] },
  { prefix: 'ESB', title: 'Employability skills and behaviours', outcome: 'How the apprentice works with others', lists: ['employabilitySkillsAndBehaviours', 'employabilitySkillsAndBehaviour'], idFields: ['id'], types: ['employabilityskillsandbehaviour', 'employabilityskillsandbehaviours', 'esb', '6'], dutyMaps: [] },
];

const IFATE_SIGNS = ['referenceNumber', 'standardUId', 'larsCode', 'knowledges', 'ksbs', 'duties', 'behaviours', 'technicalKnowledges', 'ifateReferenceNumber'];

/** True when the value is a standard, a list of standards, or a wrapper holding them. */
export function looksLikeIfate(value: unknown): boolean {
  const standard = Array.isArray(value) ? value[0] : isRecord(value) ? (unwrap(value) ?? value) : undefined;
  return isRecord(standard) && IFATE_SIGNS.filter((name) => field(standard, [name]) !== undefined).length >= 1 && field(standard, ['CFDocument', 'CFItems', 'framework']) === undefined;
}

/** `{ "standard": {…} }`, `{ "standards": [{…}] }`, `{ "data": … }` wrappers. */
function unwrap(value: JsonRecord): unknown {
  for (const name of ['standard', 'standards', 'apprenticeshipStandard', 'data', 'result', 'results']) {
    const inner = fieldValue(value, [name]);
    if (isRecord(inner) || Array.isArray(inner)) return inner;
  }
  return undefined;
}

interface Ksb {
  kind: KsbKind;
  key?: string;
  sourceId?: string;
  text: string;
  pointer: string;
  options: string[];
  /** 1-based place in its own list (the standard's numbering), when read from one. */
  position?: number;
}

export function convertIfate(value: unknown, notes: ConversionNote[], fileName?: string): QualificationSpec {
  const { standard, pointer: base } = pickStandard(value);
  const problems: Problem[] = [];
  const ksbs = readKsbs(standard, base, problems, notes);
  if (problems.length > 0) throw new ConversionError(problems);
  if (ksbs.length === 0) {
    const seen = Object.keys(standard).slice(0, 12).join(', ');
    refuse(base, `The standard lists no knowledge, skills or behaviours (looked for "knowledges", "skills", "behaviours", "ksbs" and the foundation apprenticeship lists; the fields present are: ${seen || 'none'}).`);
  }

  const ids = new IdRegistry();
  const units: Unit[] = [];
  const idBySource = new Map<string, string>();
  for (const kind of KINDS) {
    const ofKind = ksbs.filter((ksb) => ksb.kind === kind);
    if (ofKind.length === 0) continue;
    if (ofKind.length > MAX_LIST) refuse(ofKind[MAX_LIST]?.pointer ?? base, `The standard lists ${ofKind.length.toLocaleString('en-GB')} ${kind.title.toLowerCase()} entries; at most ${MAX_LIST.toLocaleString('en-GB')} can be converted.`);
    const unitId = ids.claim(kind.prefix, kind.prefix);
    const outcomeId = ids.claim(`${kind.prefix}.all`, `${kind.prefix}.all`);
    // The API's order gives K1, K2… (an entry left out keeps its number free); a key the source states ("K3") is kept.
    let next = Math.max(0, ...ofKind.map((ksb) => ksb.position ?? 0)) + 1;
    const points: MarkingPoint[] = ofKind.map((ksb) => {
      const stated = ksb.key !== undefined && new RegExp(`^${kind.prefix}\\d+[a-z]?$`, 'i').test(ksb.key) ? ksb.key.toUpperCase() : undefined;
      const numbered = `${kind.prefix}${ksb.position ?? next++}`;
      const id = ids.claim(stated ?? numbered, numbered);
      if (ksb.sourceId !== undefined) idBySource.set(ksb.sourceId.toLowerCase(), id);
      const point: MarkingPoint = { id, text: ksb.text };
      const original: Record<string, unknown> = {};
      if (ksb.sourceId !== undefined) original.id = ksb.sourceId;
      if (ksb.key !== undefined && ksb.key !== id) original.key = ksb.key;
      if (ksb.options.length > 0) original.options = ksb.options;
      if (Object.keys(original).length > 0) point['x-ifate'] = original;
      return point;
    });
    units.push({ id: unitId, title: kind.title, learningOutcomes: [{ id: outcomeId, title: kind.outcome, markingPoints: points }] });
  }

  addDuties(standard, base, units, idBySource, notes);

  const reference = textField(standard, ['referenceNumber', 'ifateReferenceNumber', 'reference', 'standardReference']);
  const title = cleanStatement(textField(standard, ['title', 'name', 'standardTitle']) ?? fileName?.replace(/\.[^.]+$/, '') ?? 'Apprenticeship standard');
  const versionValue = textField(standard, ['version', 'versionNumber']);
  const version = versionValue ?? '1.0';
  if (versionValue === undefined) notes.push({ where: base, kind: 'changed', message: 'The standard gives no version; “1.0” is used.' });
  const level = textField(standard, ['level', 'notionalEndLevel']);
  const url = textField(standard, ['standardPageUrl', 'url', 'standardUrl']);
  const uid = textField(standard, ['standardUId', 'standardUid']);
  const spec: QualificationSpec = {
    format: QUALIFICATION_FORMAT,
    id: specIdFrom(reference, title),
    title,
    awardingBody: awardingBodyFor(url),
    ...(level !== undefined ? { level } : {}),
    ...(reference !== undefined ? { qualificationNumber: reference } : {}),
    version,
    units,
    'x-source': { format: 'ifate', identifier: uid ?? reference ?? null, version: versionValue ?? null, url: url ?? null },
  };
  const extra: Record<string, unknown> = {};
  for (const name of ['larsCode', 'status', 'route', 'overviewOfRole', 'typicalDuration', 'coreAndOptions']) {
    const found = field(standard, [name]);
    if (found && (typeof found.value !== 'object')) extra[name] = typeof found.value === 'string' ? cleanStatement(found.value) : found.value;
  }
  if (Object.keys(extra).length > 0) spec['x-ifate'] = extra;
  return spec;
}

function pickStandard(value: unknown): { standard: JsonRecord; pointer: string } {
  let current: unknown = value;
  const path: Array<string | number> = [];
  if (isRecord(current)) {
    const wrapped = unwrap(current);
    if (wrapped !== undefined && !IFATE_SIGNS.some((name) => field(current as JsonRecord, [name]) !== undefined)) {
      const name = ['standard', 'standards', 'apprenticeshipStandard', 'data', 'result', 'results'].find((candidate) => fieldValue(current as JsonRecord, [candidate]) === wrapped);
      path.push(name ?? 'standard');
      current = wrapped;
    }
  }
  if (Array.isArray(current)) {
    const standards = current.filter(isRecord);
    if (standards.length === 0) refuse(jsonPointer(path), 'The file holds a list with no standards in it.');
    if (standards.length > 1) {
      const references = standards.slice(0, 5).map((item) => textField(item, ['referenceNumber', 'standardUId', 'title']) ?? '?').join(', ');
      refuse(jsonPointer(path), `The file holds ${standards.length.toLocaleString('en-GB')} standards (${references}${standards.length > 5 ? ', …' : ''}); convert one at a time: save the one you need on its own.`);
    }
    path.push(current.indexOf(standards[0]));
    current = standards[0];
  }
  if (!isRecord(current)) refuse(jsonPointer(path), 'An apprenticeship standard is a JSON object ({…}); this file holds something else.');
  return { standard: current, pointer: jsonPointer(path) };
}

function readKsbs(standard: JsonRecord, base: string, problems: Problem[], notes: ConversionNote[]): Ksb[] {
  const ksbs: Ksb[] = [];
  // 1. Separate lists (knowledges / skills / behaviours and the foundation lists).
  for (const kind of KINDS) {
    const list = listOrText(standard, kind.lists);
    if (!list) continue;
    list.items.forEach((entry, index) => {
      const ksb = entryToKsb(entry, kind, `${base}/${list.name}/${index}`, problems, notes);
      if (ksb) ksbs.push({ ...ksb, position: index + 1 });
    });
  }
  // 2. Or one `ksbs` list with a type on each entry.
  const combined = ksbs.length === 0 ? listField(standard, ['ksbs', 'ksb', 'KSBs']) : undefined;
  combined?.items.forEach((entry, index) => {
    const pointer = `${base}/${combined.name}/${index}`;
    const kind = kindOf(entry);
    if (!kind) {
      problems.push({ path: pointer, message: 'This KSB does not say whether it is knowledge, a skill or a behaviour (no "type", and no key such as "K1").' });
      return;
    }
    const ksb = entryToKsb(entry, kind, pointer, problems, notes);
    if (ksb) ksbs.push(ksb);
  });
  // 3. And those held inside options (older standards with core and options, the courses API): a KSB
  //    several options share, or one also listed at the top, is one marking point.
  const options = listField(standard, ['options']);
  if (!options) return ksbs;
  // The same KSB is known by its id, or its key, or failing those its wording.
  const identities = (ksb: Ksb): string[] => [ksb.sourceId, ksb.key, ksb.text].filter((part): part is string => part !== undefined).map((part) => `${ksb.kind.prefix}\u0000${part.toLowerCase()}`);
  const seen = new Map<string, Ksb>();
  const remember = (ksb: Ksb): void => {
    for (const identity of identities(ksb)) if (!seen.has(identity)) seen.set(identity, ksb);
  };
  ksbs.forEach(remember);
  const before = ksbs.length;
  options.items.forEach((option, optionIndex) => {
    if (!isRecord(option)) return;
    const optionTitle = cleanStatement(textField(option, ['title', 'name']) ?? `Option ${optionIndex + 1}`);
    const optionBase = `${base}/${options.name}/${optionIndex}`;
    const found: Ksb[] = [];
    const inner = listField(option, ['ksbs']);
    if (inner) {
      inner.items.forEach((entry, index) => {
        const kind = kindOf(entry);
        const ksb = kind ? entryToKsb(entry, kind, `${optionBase}/${inner.name}/${index}`, problems, notes) : undefined;
        if (ksb) found.push(ksb);
      });
    } else {
      for (const kind of KINDS) {
        const list = listOrText(option, kind.lists);
        list?.items.forEach((entry, index) => {
          const ksb = entryToKsb(entry, kind, `${optionBase}/${list.name}/${index}`, problems, notes);
          if (ksb) found.push(ksb);
        });
      }
    }
    for (const ksb of found) {
      const existing = identities(ksb).map((identity) => seen.get(identity)).find((candidate) => candidate !== undefined);
      if (existing) {
        if (!existing.options.includes(optionTitle)) existing.options.push(optionTitle);
        continue;
      }
      ksb.options.push(optionTitle);
      remember(ksb);
      ksbs.push(ksb);
    }
  });
  if (ksbs.length > before) notes.push({ where: `${base}/${options.name}`, kind: 'changed', message: `${(ksbs.length - before).toLocaleString('en-GB')} KSBs were read from the standard’s options; each one that several options share is one marking point, with its options listed in x-ifate.` });
  // Options name the core KSBs they include too; those stay core, so their option lists say nothing.
  for (const ksb of ksbs.slice(0, before)) ksb.options.length = 0;
  return ksbs;
}

/** A list field, or one text holding the list (an HTML list or one entry per line). */
function listOrText(record: JsonRecord, names: string[]): { name: string; items: unknown[] } | undefined {
  const list = listField(record, names);
  if (list) return list;
  const found = field(record, names);
  if (found && typeof found.value === 'string' && found.value.trim() !== '') {
    const raw = found.value;
    const items = /<li[\s>]/i.test(raw)
      ? raw.split(/<li[^>]*>/i).slice(1).map((part) => part.replace(/<\/li>[\s\S]*$/i, ''))
      : raw.split(/\r?\n/);
    return { name: found.name, items: items.filter((item) => cleanStatement(item) !== '') };
  }
  return undefined;
}

function kindOf(entry: unknown): KsbKind | undefined {
  if (!isRecord(entry)) return undefined;
  const type = asText(fieldValue(entry, ['type', 'ksbType', 'category']))?.toLowerCase().replace(/[\s_-]+/g, '');
  if (type !== undefined) {
    const byType = KINDS.find((kind) => kind.types.includes(type) || kind.types.includes(type.replace(/s$/, '')));
    if (byType) return byType;
  }
  const key = textField(entry, ['key', 'code', 'reference']);
  if (key !== undefined) {
    // Longest prefix first, so "TK1" is technical knowledge, not knowledge.
    return [...KINDS].sort((a, b) => b.prefix.length - a.prefix.length).find((kind) => new RegExp(`^${kind.prefix}\\d`, 'i').test(key));
  }
  return undefined;
}

function entryToKsb(entry: unknown, kind: KsbKind, pointer: string, problems: Problem[], notes: ConversionNote[]): Ksb | undefined {
  let raw: string | undefined;
  let sourceId: string | undefined;
  let key: string | undefined;
  if (typeof entry === 'string' || typeof entry === 'number') raw = String(entry);
  else if (isRecord(entry)) {
    raw = textField(entry, ['detail', 'description', 'text', 'statement', 'title', 'name', 'value']);
    sourceId = textField(entry, kind.idFields);
    key = textField(entry, ['key', 'code', 'reference']);
  } else {
    problems.push({ path: pointer, message: `Each ${kind.title.toLowerCase()} entry must be text or an object with a "detail"; this one is ${entry === null ? 'null' : Array.isArray(entry) ? 'a list' : typeof entry}.` });
    return undefined;
  }
  const text = cleanStatement(raw ?? '');
  if (text === '') {
    notes.push({ where: pointer, kind: 'dropped', message: `A ${kind.title.toLowerCase()} entry with no wording ("detail") cannot be a marking point; it is left out.` });
    return undefined;
  }
  if (Array.from(text).length > 10_000) {
    problems.push({ path: pointer, message: 'This entry’s wording is longer than 10,000 characters, more than a marking point may hold; it must be kept word for word, so it cannot be shortened here.' });
    return undefined;
  }
  return { kind, key, sourceId, text, pointer, options: [] };
}

/** Duties become each unit's key concepts ("Duty 3"), saying which KSBs they map. */
function addDuties(standard: JsonRecord, base: string, units: Unit[], idBySource: Map<string, string>, notes: ConversionNote[]): void {
  const duties = listField(standard, ['duties', 'duty']);
  if (!duties) return;
  const unitOf = (id: string): Unit | undefined => units.find((unit) => unit.learningOutcomes.some((outcome) => outcome.markingPoints.some((point) => point.id === id)));
  let dutyNumber = 0;
  duties.items.forEach((duty, index) => {
    const pointer = `${base}/${duties.name}/${index}`;
    const detailRaw = isRecord(duty) ? textField(duty, ['dutyDetail', 'detail', 'description', 'title']) : typeof duty === 'string' ? duty : undefined;
    const detail = cleanStatement(detailRaw ?? '');
    // The API carries placeholder duties (".") on some standards; there is nothing to keep.
    if (!/[\p{L}\p{N}]/u.test(detail)) {
      notes.push({ where: pointer, kind: 'dropped', message: `A duty with no wording${detail !== '' ? ` (“${clip(detail, 20)}”)` : ''} is left out.` });
      return;
    }
    dutyNumber++;
    const mapped: string[] = [];
    const unknown: string[] = [];
    if (isRecord(duty)) {
      for (const kind of KINDS) {
        const list = kind.dutyMaps.length > 0 ? listField(duty, kind.dutyMaps) : undefined;
        for (const ref of list?.items ?? []) {
          const refText = asText(ref)?.trim();
          if (refText === undefined || refText === '') continue;
          const id = idBySource.get(refText.toLowerCase()) ?? (new RegExp(`^${kind.prefix}\\d+$`, 'i').test(refText) ? refText.toUpperCase() : undefined);
          if (id !== undefined && unitOf(id)) mapped.push(id);
          else unknown.push(refText);
        }
      }
    }
    if (unknown.length > 0) notes.push({ where: pointer, kind: 'dropped', message: `Duty ${dutyNumber} maps ${unknown.length === 1 ? 'an entry' : `${unknown.length} entries`} the standard does not list (${unknown.slice(0, 2).map((ref) => `"${clip(ref, 40)}"`).join(', ')}${unknown.length > 2 ? ', …' : ''}); ${unknown.length === 1 ? 'that link is' : 'those links are'} left out.` });
    const isCore = isRecord(duty) ? asText(fieldValue(duty, ['isThisACoreDuty', 'isCoreDuty', 'core'])) : undefined;
    const concept: KeyConcept = {
      title: `Duty ${dutyNumber}`,
      text: fitTitle(`${detail}\n\n${mapped.length > 0 ? `KSBs: ${mapped.join(', ')}.` : 'The standard maps no KSBs to this duty.'}`),
      'x-ifate': {
        ...(isRecord(duty) && textField(duty, ['dutyId', 'dutyID', 'id']) !== undefined ? { dutyId: textField(duty, ['dutyId', 'dutyID', 'id']) } : {}),
        ...(isCore !== undefined ? { core: isCore === '1' || isCore === 'true' } : {}),
        ksbs: mapped,
      },
    };
    const targets = new Set(mapped.map((id) => unitOf(id)).filter((unit): unit is Unit => unit !== undefined));
    if (targets.size === 0 && units[0]) targets.add(units[0]);
    for (const unit of targets) {
      unit.guidance ??= {};
      (unit.guidance.keyConcepts ??= []).push(concept);
    }
  });
  for (const unit of units) {
    if (unit.guidance?.keyConcepts && unit.guidance.keyConcepts.length > MAX_LIST) unit.guidance.keyConcepts = unit.guidance.keyConcepts.slice(0, MAX_LIST);
  }
}

function awardingBodyFor(url: string | undefined): string {
  if (url?.includes('skillsengland')) return 'Skills England';
  if (url?.includes('instituteforapprenticeships')) return 'Institute for Apprenticeships and Technical Education';
  return 'Institute for Apprenticeships and Technical Education (now Skills England)';
}
