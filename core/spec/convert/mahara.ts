/**
 * Mahara SmartEvidence frameworks (`.matrix` files, JSON). Two shapes exist:
 * - nested: `framework.standards[].standardelement[]` (the first files, such as example.matrix);
 * - flat: `framework.standards[]` with `standardid`, and `framework.standardelements[]` that
 *   name their standard by `standardid` and their parent element by `parentelementid`.
 * Each standard is a unit; every standard element is a row of Mahara's matrix that evidence is
 * mapped to, so each becomes a marking point (sub-elements after their parent), with its
 * short name as the label and its name and description, as plain text, as the wording.
 */
import type { Problem } from '../../problems';
import { jsonPointer } from '../../problems';
import type { MarkingPoint, QualificationSpec, Unit } from '../types';
import { QUALIFICATION_FORMAT } from '../types';
import { type JsonRecord, field, isRecord, listField, textField } from './fields';
import { IdRegistry, isCodeLike, specIdFrom } from './ids';
import { asText, cleanStatement } from './text';
import { clip, fitTitle, MAX_DEPTH, MAX_LIST } from './tree';
import { ConversionError, type ConversionNote, refuse } from './types';

const ELEMENT_LISTS = ['standardelement', 'standardelements', 'elements', 'options'];

export function looksLikeMahara(value: unknown): boolean {
  const framework = frameworkOf(value);
  return framework !== undefined && field(framework, ['standards']) !== undefined;
}

function frameworkOf(value: unknown): JsonRecord | undefined {
  if (!isRecord(value)) return undefined;
  const inner = field(value, ['framework'])?.value;
  if (isRecord(inner)) return inner;
  return field(value, ['standards']) !== undefined && field(value, ['name']) !== undefined ? value : undefined;
}

interface Element {
  record: JsonRecord;
  pointer: string;
  elementId?: string;
  parentId?: string;
  children: Element[];
}

export function convertMahara(value: unknown, notes: ConversionNote[], fileName?: string): QualificationSpec {
  const framework = frameworkOf(value);
  if (!framework) refuse('', 'A Mahara .matrix file holds {"framework": {…}} with a name and standards; this file does not.');
  const base = framework === value ? [] : ['framework'];
  const standardsList = listField(framework, ['standards']);
  if (!standardsList || standardsList.items.length === 0) refuse(jsonPointer([...base, 'standards']), 'The framework lists no standards, so there is nothing to convert.');
  const problems: Problem[] = [];

  const standards: Array<{ record: JsonRecord; pointer: string; elements: Element[] }> = [];
  standardsList.items.forEach((raw, index) => {
    const pointer = jsonPointer([...base, standardsList.name, index]);
    if (!isRecord(raw)) {
      problems.push({ path: pointer, message: 'Each standard must be an object ({…}).' });
      return;
    }
    const nested = listField(raw, ELEMENT_LISTS);
    const elements = (nested?.items ?? []).flatMap((element, elementIndex): Element[] => {
      const elementPointer = `${pointer}/${nested?.name ?? 'standardelement'}/${elementIndex}`;
      if (!isRecord(element)) {
        problems.push({ path: elementPointer, message: 'Each standard element must be an object ({…}).' });
        return [];
      }
      return [elementFrom(element, elementPointer)];
    });
    standards.push({ record: raw, pointer, elements });
  });

  // The flat form: elements listed apart, each naming its standard.
  const flat = listField(framework, ['standardelements']);
  if (flat) {
    const byStandardId = new Map<string, (typeof standards)[number]>();
    for (const standard of standards) {
      const id = asText(field(standard.record, ['standardid', 'id'])?.value)?.trim();
      if (id === undefined) continue;
      if (byStandardId.has(id)) problems.push({ path: `${standard.pointer}/standardid`, message: `The standardid "${clip(id)}" is already used by ${(byStandardId.get(id) as (typeof standards)[number]).pointer}; each standard needs its own.` });
      else byStandardId.set(id, standard);
    }
    flat.items.forEach((element, index) => {
      const pointer = jsonPointer([...base, flat.name, index]);
      if (!isRecord(element)) {
        problems.push({ path: pointer, message: 'Each standard element must be an object ({…}).' });
        return;
      }
      const standardId = asText(field(element, ['standardid', 'standard'])?.value)?.trim();
      const standard = standardId === undefined ? undefined : byStandardId.get(standardId);
      if (!standard) {
        problems.push({ path: `${pointer}/standardid`, message: standardId === undefined ? 'This element names no standard ("standardid").' : `This element belongs to standard "${clip(standardId)}", which the framework does not list (a dangling reference).` });
        return;
      }
      standard.elements.push(elementFrom(element, pointer));
    });
  }

  // Sub-elements (parentelementid) go after their parent; unknown parents and cycles are refused.
  for (const standard of standards) standard.elements = nestElements(standard.elements, problems);
  if (problems.length > 0) throw new ConversionError(problems);

  const ids = new IdRegistry();
  const units: Unit[] = [];
  standards.forEach((standard, index) => {
    const shortname = textField(standard.record, ['shortname']);
    const name = textField(standard.record, ['name']);
    const title = cleanStatement(name ?? shortname ?? `Standard ${index + 1}`);
    if (standard.elements.length === 0) {
      notes.push({ where: standard.pointer, kind: 'dropped', message: `Standard “${clip(title)}” has no elements, so nothing can be mapped to it; it is left out.` });
      return;
    }
    const unitId = ids.claim(isCodeLike(shortname) ? shortname : undefined, `S${index + 1}`);
    const outcomeId = ids.claim(undefined, `${unitId}.LO1`);
    const points: MarkingPoint[] = [];
    walk(standard.elements, (element, depth) => {
      const point = pointFor(element, `${unitId}.${points.length + 1}`, ids, depth, problems, notes);
      if (point) points.push(point);
    });
    if (points.length === 0) {
      notes.push({ where: standard.pointer, kind: 'dropped', message: `Standard “${clip(title)}” has no element with any wording, so it is left out.` });
      return;
    }
    if (points.length > MAX_LIST) problems.push({ path: standard.pointer, message: `Standard “${clip(title)}” has ${points.length.toLocaleString('en-GB')} elements; at most ${MAX_LIST.toLocaleString('en-GB')} can be converted.` });
    const description = textField(standard.record, ['description']);
    const synopsis = description !== undefined ? cleanStatement(description) : '';
    const unit: Unit = {
      id: unitId,
      title: fitTitle(title),
      ...(synopsis !== '' ? { synopsis: fitTitle(synopsis) } : {}),
      learningOutcomes: [{ id: outcomeId, title: fitTitle(title), markingPoints: points }],
      'x-mahara': { shortname: shortname ?? null, standardid: asText(field(standard.record, ['standardid'])?.value) ?? null },
    };
    units.push(unit);
  });
  if (problems.length > 0) throw new ConversionError(problems);
  if (units.length === 0) refuse(jsonPointer([...base, standardsList.name]), 'None of the framework’s standards has any elements, so there is nothing to map evidence to.');

  const title = cleanStatement(textField(framework, ['name']) ?? fileName?.replace(/\.[^.]+$/, '') ?? 'Mahara framework');
  const institution = textField(framework, ['institution']);
  notes.push({ where: jsonPointer(base), kind: 'changed', message: 'A .matrix file gives no version or awarding body; version “1” is used, and the awarding body is given as the institution or “Not stated”.' });
  const description = textField(framework, ['description']);
  return {
    format: QUALIFICATION_FORMAT,
    id: specIdFrom(title),
    title,
    awardingBody: institution !== undefined && institution !== 'all' ? cleanStatement(institution) : 'Not stated',
    version: '1',
    units,
    'x-source': { format: 'mahara', identifier: title, version: null, url: null },
    ...(description !== undefined ? { 'x-mahara': { description: cleanStatement(description) } } : {}),
  };
}

function elementFrom(record: JsonRecord, pointer: string): Element {
  return {
    record,
    pointer,
    elementId: asText(field(record, ['elementid'])?.value)?.trim() || undefined,
    parentId: asText(field(record, ['parentelementid', 'parentid'])?.value)?.trim() || undefined,
    children: [],
  };
}

function nestElements(elements: Element[], problems: Problem[]): Element[] {
  if (!elements.some((element) => element.parentId !== undefined && element.parentId !== '0')) return elements;
  const byId = new Map<string, Element>();
  for (const element of elements) {
    if (element.elementId === undefined) continue;
    if (byId.has(element.elementId)) problems.push({ path: `${element.pointer}/elementid`, message: `The elementid "${clip(element.elementId)}" is already used by ${(byId.get(element.elementId) as Element).pointer}; each element needs its own.` });
    else byId.set(element.elementId, element);
  }
  const roots: Element[] = [];
  for (const element of elements) {
    const parentId = element.parentId;
    if (parentId === undefined || parentId === '0') {
      roots.push(element);
      continue;
    }
    const parent = byId.get(parentId);
    if (!parent) problems.push({ path: `${element.pointer}/parentelementid`, message: `This element’s parent "${clip(parentId)}" is not an element of the same standard (a dangling reference).` });
    else if (parent === element) problems.push({ path: `${element.pointer}/parentelementid`, message: 'This element is its own parent (a cycle).' });
    else parent.children.push(element);
  }
  // Elements on a cycle are never reached from a root.
  let reached = 0;
  walk(roots, () => reached++);
  if (reached < elements.length && problems.length === 0) {
    const reachedSet = new Set<Element>();
    walk(roots, (element) => reachedSet.add(element));
    const lost = elements.filter((element) => !reachedSet.has(element));
    problems.push({ path: (lost[0] as Element).pointer, message: `The parentelementid links of ${lost.length} element${lost.length === 1 ? '' : 's'} go round in a circle (${lost.slice(0, 4).map((element) => `"${clip(element.elementId ?? '?', 20)}"`).join(' → ')}), so they belong nowhere.` });
  }
  return roots;
}

/** Depth-first, parents before children; iterative. */
function walk(roots: Element[], visit: (element: Element, depth: number) => void): void {
  const stack = roots.map((element) => ({ element, depth: 1 })).reverse();
  while (stack.length > 0) {
    const { element, depth } = stack.pop() as { element: Element; depth: number };
    visit(element, depth);
    for (let index = element.children.length - 1; index >= 0; index--) stack.push({ element: element.children[index] as Element, depth: depth + 1 });
  }
}

function pointFor(element: Element, fallbackId: string, ids: IdRegistry, depth: number, problems: Problem[], notes: ConversionNote[]): MarkingPoint | undefined {
  if (depth > MAX_DEPTH) {
    problems.push({ path: element.pointer, message: `Elements are nested more than ${MAX_DEPTH} levels deep here; the file is probably broken.` });
    return undefined;
  }
  const shortname = textField(element.record, ['shortname']);
  const name = textField(element.record, ['name']);
  const description = textField(element.record, ['description']);
  const cleanName = name !== undefined ? cleanStatement(name) : '';
  const cleanDescription = description !== undefined ? cleanStatement(description) : '';
  const cleanShort = shortname !== undefined ? cleanStatement(shortname) : '';
  // The name is worth keeping in the wording when it says more than the short name does.
  const parts = [cleanName !== '' && cleanName !== cleanShort && !cleanDescription.startsWith(cleanName) ? cleanName : '', cleanDescription].filter((part) => part !== '');
  const text = parts.length > 0 ? parts.join('\n') : cleanName || cleanShort;
  if (text === '') {
    notes.push({ where: element.pointer, kind: 'dropped', message: 'An element with no short name, name or description cannot be a marking point; it is left out.' });
    return undefined;
  }
  if (Array.from(text).length > 10_000) {
    problems.push({ path: element.pointer, message: 'This element’s wording is longer than 10,000 characters, more than a marking point may hold; it must be kept word for word, so it cannot be shortened here.' });
    return undefined;
  }
  const point: MarkingPoint = { id: ids.claim(isCodeLike(shortname) ? shortname : undefined, fallbackId), text };
  if (cleanShort !== '' && cleanShort !== text) point.label = fitTitle(cleanShort);
  const original: Record<string, unknown> = {};
  if (shortname !== undefined) original.shortname = shortname;
  if (name !== undefined && cleanName !== cleanShort) original.name = cleanName;
  if (element.elementId !== undefined) original.elementid = element.elementId;
  if (element.parentId !== undefined) original.parentelementid = element.parentId;
  if (Object.keys(original).length > 0) point['x-mahara'] = original;
  return point;
}
