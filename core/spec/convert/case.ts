/**
 * IMS CASE (Competencies and Academic Standards Exchange) packages, versions 1.0 and 1.1,
 * as `getCFPackage` returns them and as tools export them (including early OpenSALT exports,
 * which named the parts `lsDoc`, `lsItems` and `lsAssociations` and referred to nodes by plain
 * URIs or `originNodeIdentifier`). The tree is rebuilt from `isChildOf` associations, children
 * in `sequenceNumber` order; cycles, references to nothing and identifiers given twice are
 * refused, because each would make the tree mean something the framework's authors did not say.
 */
import type { Problem } from '../../problems';
import { jsonPointer } from '../../problems';
import type { Extensions, QualificationSpec, Unit } from '../types';
import { QUALIFICATION_FORMAT } from '../types';
import { type JsonRecord, field, isRecord, listField, textField } from './fields';
import { IdRegistry, specIdFrom } from './ids';
import { cleanStatement } from './text';
import { type SourceNode, clip, unitsFromTree } from './tree';
import { ConversionError, type ConversionNote, refuse } from './types';

const DOCUMENT_NAMES = ['CFDocument', 'lsDoc', 'document', 'CFDoc'];
const ITEM_NAMES = ['CFItems', 'lsItems', 'items', 'CFItem'];
const ASSOCIATION_NAMES = ['CFAssociations', 'lsAssociations', 'lsItemAssociations', 'associations', 'CFAssociation'];
const PACKAGE_NAMES = ['CFPackage', 'package'];

export const MAX_CASE_ITEMS = 200_000;

/** True when the value has the parts of a CASE package. */
export function looksLikeCase(value: unknown): boolean {
  const root = packageRoot(value);
  return root !== undefined && (field(root, DOCUMENT_NAMES) !== undefined || field(root, ITEM_NAMES) !== undefined) && field(root, ['framework', 'standards']) === undefined;
}

function packageRoot(value: unknown): JsonRecord | undefined {
  if (!isRecord(value)) return undefined;
  const wrapped = field(value, PACKAGE_NAMES)?.value;
  return isRecord(wrapped) && (field(wrapped, DOCUMENT_NAMES) || field(wrapped, ITEM_NAMES)) ? wrapped : value;
}

interface ItemRecord {
  record: JsonRecord;
  pointer: string;
  identifier: string;
}

interface ChildLink {
  child: string;
  parent: string;
  sequence: number | undefined;
  order: number;
  pointer: string;
}

export function convertCase(value: unknown, notes: ConversionNote[], fileName?: string): QualificationSpec {
  if (!isRecord(value)) refuse('', 'A CASE package is a JSON object ({…}) with CFDocument, CFItems and CFAssociations; this file holds something else.');
  const root = packageRoot(value) as JsonRecord;
  const base = root === value ? [] : [field(value, PACKAGE_NAMES)?.name ?? 'CFPackage'];
  const documentField = field(root, DOCUMENT_NAMES);
  if (!documentField || !isRecord(documentField.value)) refuse(jsonPointer(base), 'The package has no CFDocument (the framework’s own record, with its title and identifier), so it is not a complete CASE package.');
  const document = documentField.value;
  const documentPointer = jsonPointer([...base, documentField.name]);
  const itemsField = listField(root, ITEM_NAMES);
  if (!itemsField || itemsField.items.length === 0) refuse(jsonPointer([...base, itemsField?.name ?? 'CFItems']), 'The package lists no CFItems, so there are no competencies to convert.');
  if (itemsField.items.length > MAX_CASE_ITEMS) refuse(jsonPointer([...base, itemsField.name]), `The package lists ${itemsField.items.length.toLocaleString('en-GB')} items; at most ${MAX_CASE_ITEMS.toLocaleString('en-GB')} can be converted.`);
  const associationsField = listField(root, ASSOCIATION_NAMES);
  const itemsPointer = [...base, itemsField.name];
  const associationsPointer = [...base, associationsField?.name ?? 'CFAssociations'];

  const problems: Problem[] = [];
  const documentId = textField(document, ['identifier', 'id']) ?? '';
  if (documentId === '') problems.push({ path: `${documentPointer}/identifier`, message: 'The CFDocument has no identifier, so its top-level items cannot be found.' });

  // Items by identifier; the same identifier twice is refused (which one would a mapping mean?).
  const items = new Map<string, ItemRecord>();
  const byUri = new Map<string, string>();
  itemsField.items.forEach((raw, index) => {
    const pointer = jsonPointer([...itemsPointer, index]);
    if (!isRecord(raw)) {
      problems.push({ path: pointer, message: 'Each CFItem must be an object ({…}).' });
      return;
    }
    const identifier = textField(raw, ['identifier', 'id']);
    if (identifier === undefined) {
      problems.push({ path: pointer, message: 'This CFItem has no identifier, so nothing can refer to it.' });
      return;
    }
    const earlier = items.get(identifier);
    if (earlier) problems.push({ path: `${pointer}/identifier`, message: `The identifier "${clip(identifier)}" is already used by ${earlier.pointer}; each item must have its own.` });
    else if (identifier === documentId) problems.push({ path: `${pointer}/identifier`, message: `The identifier "${clip(identifier)}" is the CFDocument’s own; each item must have its own.` });
    else {
      items.set(identifier, { record: raw, pointer, identifier });
      const uri = textField(raw, ['uri']);
      if (uri !== undefined) byUri.set(uri, identifier);
    }
  });
  // Associations would only repeat these problems as references to nothing.
  if (problems.length > 0) throw new ConversionError(problems);
  const documentUri = textField(document, ['uri']);

  const resolve = (ref: unknown, flatIdentifier: unknown): string | undefined => {
    const candidates: string[] = [];
    if (typeof flatIdentifier === 'string' || typeof flatIdentifier === 'number') candidates.push(String(flatIdentifier));
    if (isRecord(ref)) {
      const identifier = textField(ref, ['identifier', 'id']);
      const uri = textField(ref, ['uri']);
      if (identifier !== undefined) candidates.push(identifier);
      if (uri !== undefined) candidates.push(uri);
    } else if (typeof ref === 'string' || typeof ref === 'number') candidates.push(String(ref).trim());
    for (const candidate of candidates) {
      if (candidate === documentId || (documentUri !== undefined && candidate === documentUri)) return documentId;
      if (items.has(candidate)) return candidate;
      const viaUri = byUri.get(candidate);
      if (viaUri !== undefined) return viaUri;
      // A URI whose last segment is the identifier (".../CFItems/<uuid>").
      const tail = /[/#]([^/#]+)\/?$/.exec(candidate)?.[1];
      if (tail !== undefined) {
        if (tail === documentId) return documentId;
        if (items.has(tail)) return tail;
      }
    }
    return undefined;
  };
  const describeRef = (ref: unknown, flatIdentifier: unknown): string => {
    if (typeof flatIdentifier === 'string') return `"${clip(flatIdentifier)}"`;
    if (isRecord(ref)) return `"${clip(textField(ref, ['identifier', 'uri', 'title']) ?? 'an empty reference')}"`;
    return typeof ref === 'string' ? `"${clip(ref)}"` : 'nothing';
  };

  // isChildOf associations: origin is the child, destination the parent (an item or the document).
  const links: ChildLink[] = [];
  (associationsField?.items ?? []).forEach((raw, index) => {
    const pointer = jsonPointer([...associationsPointer, index]);
    if (!isRecord(raw)) {
      problems.push({ path: pointer, message: 'Each CFAssociation must be an object ({…}).' });
      return;
    }
    const type = textField(raw, ['associationType', 'type']);
    if (type === undefined || !/(^|[/#:])ischildof$/i.test(type)) return;
    const originRef = field(raw, ['originNodeURI', 'originNode', 'origin'])?.value;
    const originFlat = field(raw, ['originNodeIdentifier'])?.value;
    const destinationRef = field(raw, ['destinationNodeURI', 'destinationNode', 'destination'])?.value;
    const destinationFlat = field(raw, ['destinationNodeIdentifier'])?.value;
    const child = resolve(originRef, originFlat);
    const parent = resolve(destinationRef, destinationFlat);
    if (child === undefined) {
      problems.push({ path: `${pointer}/originNodeURI`, message: `This isChildOf association starts from ${describeRef(originRef, originFlat)}, which is not an item in the package (a dangling reference).` });
      return;
    }
    if (child === documentId) {
      problems.push({ path: `${pointer}/originNodeURI`, message: 'This isChildOf association makes the CFDocument itself a child; only items can be children.' });
      return;
    }
    if (parent === undefined) {
      problems.push({ path: `${pointer}/destinationNodeURI`, message: `This isChildOf association points to ${describeRef(destinationRef, destinationFlat)}, which is neither the CFDocument nor an item in the package (a dangling reference).` });
      return;
    }
    if (parent === child) {
      problems.push({ path: pointer, message: `This isChildOf association makes item "${clip(child)}" a child of itself (a cycle).` });
      return;
    }
    links.push({ child, parent, sequence: sequenceOf(field(raw, ['sequenceNumber', 'sequence'])?.value), order: index, pointer });
  });
  if (problems.length > 0) throw new ConversionError(problems);

  // One parent per item: the first association wins; further ones are noted, never duplicated.
  const parentOf = new Map<string, ChildLink>();
  for (const link of links) {
    const existing = parentOf.get(link.child);
    if (existing === undefined) parentOf.set(link.child, link);
    else if (existing.parent !== link.parent) {
      notes.push({ where: link.pointer, kind: 'changed', message: `Item ${describeItem(items.get(link.child))} is also a child of ${link.parent === documentId ? 'the document' : describeItem(items.get(link.parent))}; it is kept once, under its first parent, so it is one marking point.` });
    }
  }
  const cycles = findCycles(parentOf, documentId);
  if (cycles.length > 0) {
    throw new ConversionError(cycles.map((cycle) => ({
      path: (parentOf.get(cycle[0] as string) as ChildLink).pointer,
      message: `The isChildOf associations go round in a circle: ${cycle.map((id) => describeItem(items.get(id))).join(' → ')} → ${describeItem(items.get(cycle[0] as string))}. A framework is a tree, so this package is broken.`,
    })));
  }

  const childrenOf = new Map<string, ChildLink[]>();
  for (const link of parentOf.values()) {
    const siblings = childrenOf.get(link.parent) ?? [];
    siblings.push(link);
    childrenOf.set(link.parent, siblings);
  }
  for (const siblings of childrenOf.values()) siblings.sort(bySequence);

  // Items no isChildOf reaches would be lost: they are placed at the top level, and said so.
  const orphans = [...items.keys()].filter((identifier) => !parentOf.has(identifier));
  if (orphans.length > 0) {
    notes.push({ where: jsonPointer(itemsPointer), kind: 'changed', message: `${orphans.length.toLocaleString('en-GB')} item${orphans.length === 1 ? ' has' : 's have'} no isChildOf association (${orphans.slice(0, 3).map((id) => describeItem(items.get(id))).join(', ')}${orphans.length > 3 ? ', …' : ''}); ${orphans.length === 1 ? 'it is' : 'they are'} placed at the top level, after the document’s own children.` });
  }

  // Build the node tree iteratively (the parent map is acyclic now).
  const nodes = new Map<string, SourceNode>();
  for (const [identifier, item] of items) nodes.set(identifier, nodeFor(item));
  for (const [parent, siblings] of childrenOf) {
    if (parent === documentId) continue;
    (nodes.get(parent) as SourceNode).children = siblings.map((link) => nodes.get(link.child) as SourceNode);
  }
  const roots = [...(childrenOf.get(documentId) ?? []).map((link) => nodes.get(link.child) as SourceNode), ...orphans.map((id) => nodes.get(id) as SourceNode)];

  const title = textField(document, ['title', 'name']) ?? fileName?.replace(/\.[^.]+$/, '') ?? 'CASE framework';
  const ids = new IdRegistry();
  const units = unitsFromTree(roots, { frameworkTitle: cleanStatement(title), ids, notes });
  dropCodesEqualToIds(units);
  const version = textField(document, ['version']) ?? textField(document, ['lastChangeDateTime'])?.slice(0, 10) ?? '1';
  if (textField(document, ['version']) === undefined) notes.push({ where: documentPointer, kind: 'changed', message: `The CFDocument gives no version; “${version}” (${version === '1' ? 'a placeholder' : 'the date it last changed'}) is used.` });
  const publisher = textField(document, ['publisher']) ?? textField(document, ['creator']);
  if (publisher === undefined) notes.push({ where: documentPointer, kind: 'changed', message: 'The CFDocument names no publisher or creator; the awarding body is given as “Not stated”.' });
  const url = textField(document, ['officialSourceURL']) ?? textField(document, ['uri']) ?? (typeof field(document, ['CFPackageURI'])?.value === 'string' ? textField(document, ['CFPackageURI']) : undefined);
  return {
    format: QUALIFICATION_FORMAT,
    id: specIdFrom(title, documentId),
    title: cleanStatement(title),
    awardingBody: cleanStatement(publisher ?? 'Not stated'),
    version,
    units,
    'x-source': {
      format: 'case',
      caseVersion: caseVersionOf(document, root),
      identifier: documentId,
      version: textField(document, ['version']) ?? null,
      url: url ?? null,
    },
  };
}

/** A humanCodingScheme that became the id verbatim says nothing more; one that was changed is kept. */
function dropCodesEqualToIds(units: Unit[]): void {
  const tidy = (record: { id: string } & Extensions): void => {
    const original = record['x-case'];
    if (isRecord(original) && original.humanCodingScheme === record.id) delete original.humanCodingScheme;
  };
  for (const unit of units) {
    tidy(unit);
    for (const outcome of unit.learningOutcomes) {
      tidy(outcome);
      for (const point of outcome.markingPoints) tidy(point);
    }
  }
}

function nodeFor(item: ItemRecord): SourceNode {
  const record = item.record;
  const code = textField(record, ['humanCodingScheme', 'listEnumeration']);
  const full = cleanStatement(textField(record, ['fullStatement', 'statement', 'title']) ?? '');
  const abbreviated = textField(record, ['abbreviatedStatement']);
  const alternative = textField(record, ['alternativeLabel']);
  const notesText = textField(record, ['notes']);
  const itemType = textField(record, ['CFItemType', 'itemType']);
  const extensions: Record<`x-${string}`, unknown> = {
    'x-case': { identifier: item.identifier, ...(code !== undefined ? { humanCodingScheme: code } : {}), ...(itemType !== undefined ? { itemType } : {}) },
  };
  // A statement left blank falls back to the shorter forms the item has, so it is not lost.
  const text = full !== '' ? full : cleanStatement(abbreviated ?? alternative ?? '');
  const short = abbreviated !== undefined ? cleanStatement(abbreviated) : undefined;
  // As a unit or outcome title the full statement is best, unless it is a paragraph and a short form exists.
  const heading = short !== undefined && (text === '' || Array.from(text).length > 160) ? short : text;
  const synopsis = [heading !== text ? text : '', notesText !== undefined ? cleanStatement(notesText) : ''].filter((part) => part !== '').join('\n');
  return {
    code,
    text,
    heading: heading !== '' ? heading : undefined,
    label: short,
    synopsis: synopsis !== '' ? synopsis : undefined,
    extensions,
    children: [],
    where: item.pointer,
  };
}

function describeItem(item: ItemRecord | undefined): string {
  if (!item) return 'an unknown item';
  const code = textField(item.record, ['humanCodingScheme']);
  return code !== undefined ? `"${clip(code, 40)}"` : `"${clip(item.identifier, 40)}"`;
}

function sequenceOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** By sequenceNumber; those without one keep the order of the associations, after those with one. */
function bySequence(a: ChildLink, b: ChildLink): number {
  const left = a.sequence ?? Number.POSITIVE_INFINITY;
  const right = b.sequence ?? Number.POSITIVE_INFINITY;
  return left === right ? a.order - b.order : left < right ? -1 : 1;
}

/** Every cycle in the parent map, each once, in linear time (colour marking along parent chains). */
function findCycles(parentOf: Map<string, ChildLink>, documentId: string): string[][] {
  const state = new Map<string, 'walking' | 'done'>();
  const cycles: string[][] = [];
  for (const start of parentOf.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && current !== documentId && !state.has(current)) {
      state.set(current, 'walking');
      path.push(current);
      current = parentOf.get(current)?.parent;
    }
    if (current !== undefined && state.get(current) === 'walking') cycles.push(path.slice(path.indexOf(current)));
    for (const id of path) state.set(id, 'done');
  }
  return cycles;
}

function caseVersionOf(document: JsonRecord, root: JsonRecord): '1.0' | '1.1' {
  const declared = textField(document, ['caseVersion']) ?? textField(root, ['caseVersion']);
  if (declared?.startsWith('1.1')) return '1.1';
  const packageUri = field(document, ['CFPackageURI'])?.value;
  const uriText = isRecord(packageUri) ? textField(packageUri, ['uri']) : typeof packageUri === 'string' ? packageUri : undefined;
  if (uriText?.includes('v1p1') || textField(document, ['uri'])?.includes('v1p1')) return '1.1';
  // Fields that arrived in 1.1.
  if (field(document, ['frameworkType', 'extensions']) !== undefined || field(root, ['extensions']) !== undefined) return '1.1';
  return '1.0';
}
