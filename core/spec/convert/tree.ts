/**
 * Turns a competency tree of any depth (CASE items, Moodle competencies) into units,
 * learning outcomes and marking points:
 * - each top-level node with children is a unit;
 * - each node with leaf children gives a learning outcome holding those leaves, in order
 *   (a unit's own leaf children form an outcome named after the unit);
 * - every leaf is a marking point with its statement verbatim: nothing is dropped or merged;
 * - top-level leaves, which have no unit of their own, are gathered into one unit per run.
 * Headings between a unit and an outcome are kept in the outcome's `x-within`. The walk is
 * iterative, so a deep tree costs no stack; depth is bounded all the same.
 */
import type { LearningOutcome, MarkingPoint, Unit } from '../types';
import type { IdRegistry } from './ids';
import { ConversionError, type ConversionNote } from './types';
import type { Problem } from '../../problems';

export interface SourceNode {
  /** A human code such as "1.2" or "CCSS.Math.K.CC.1", used for the id when it makes one. */
  code?: string;
  /** The statement, as plain text (may be blank for a heading). */
  text: string;
  /** The title this node has when it becomes a unit or an outcome (its statement when absent). */
  heading?: string;
  /** A short form for narrow columns (a marking point's label). */
  label?: string;
  /** What else the source says about the node, for a unit's synopsis. */
  synopsis?: string;
  /** Extension fields kept on whatever this node becomes (original identifiers and the like). */
  extensions: Record<`x-${string}`, unknown>;
  children: SourceNode[];
  /** Where the node is in the source file, for messages. */
  where: string;
}

/** Lists hold at most this many entries, so a converted spec can travel in any package. */
export const MAX_LIST = 1000;
export const MAX_DEPTH = 100;
const MAX_TEXT = 10_000;

export interface TreeOptions {
  /** Title for a unit gathered from top-level leaves. */
  frameworkTitle: string;
  ids: IdRegistry;
  notes: ConversionNote[];
}

export function unitsFromTree(roots: SourceNode[], options: TreeOptions): Unit[] {
  const problems: Problem[] = [];
  const units: Unit[] = [];
  let looseRun: SourceNode[] = [];
  const flushLoose = (): void => {
    looseRun = withWording(looseRun, options.notes);
    if (looseRun.length === 0) return;
    const ordinal = units.length + 1;
    const unitId = options.ids.claim(undefined, `U${ordinal}`);
    const title = options.frameworkTitle;
    const outcomes = outcomesFor(unitId, title, looseRun, [], options, problems);
    units.push({ id: unitId, title: fitTitle(title), learningOutcomes: outcomes });
    looseRun = [];
  };
  for (const root of roots) {
    if (root.children.length === 0) {
      looseRun.push(root);
      continue;
    }
    flushLoose();
    const unit = unitFor(root, units.length + 1, options, problems);
    if (unit.learningOutcomes.length > 0) units.push(unit);
    else options.notes.push({ where: root.where, kind: 'dropped', message: `“${clip(unit.title)}” has no competency with any wording beneath it, so it is left out.` });
  }
  flushLoose();
  if (units.length === 0 && problems.length === 0) problems.push({ path: '', message: 'The framework has no competency with any wording, so there is nothing to convert.' });
  if (units.length > MAX_LIST) problems.push({ path: '', message: `The framework has ${units.length.toLocaleString('en-GB')} top-level groups; a specification may have at most ${MAX_LIST.toLocaleString('en-GB')} units.` });
  if (problems.length > 0) throw new ConversionError(problems);
  return units;
}

function unitFor(root: SourceNode, ordinal: number, options: TreeOptions, problems: Problem[]): Unit {
  const unitId = options.ids.claim(root.code, `U${ordinal}`);
  const title = headingOf(root) || `Unit ${ordinal}`;
  const hasSynopsis = root.synopsis !== undefined && root.synopsis.trim() !== '' && root.synopsis !== title;
  const unit: Unit = { id: unitId, title: fitTitle(title), ...(hasSynopsis ? { synopsis: fitTitle(root.synopsis as string) } : {}), learningOutcomes: [], ...root.extensions };

  // Pre-order walk, iterative: each node with leaf children yields an outcome where it stands.
  const stack: Array<{ node: SourceNode; depth: number; within: string[] }> = [{ node: root, depth: 1, within: [] }];
  while (stack.length > 0) {
    const { node, depth, within } = stack.pop() as { node: SourceNode; depth: number; within: string[] };
    if (depth > MAX_DEPTH) {
      problems.push({ path: node.where, message: `The tree is nested more than ${MAX_DEPTH} levels deep here; a qualification never needs that, so the file is probably broken.` });
      continue;
    }
    const leaves = withWording(node.children.filter((child) => child.children.length === 0), options.notes);
    if (leaves.length > 0) {
      const outcomeTitle = node === root ? title : headingOf(node) || title;
      const outcomes = outcomesFor(unitId, outcomeTitle, leaves, node === root ? [] : within, options, problems, node === root ? undefined : node);
      unit.learningOutcomes.push(...outcomes);
    }
    const branches = node.children.filter((child) => child.children.length > 0);
    const nextWithin = node === root ? [] : [...within, headingOf(node)];
    for (let index = branches.length - 1; index >= 0; index--) stack.push({ node: branches[index] as SourceNode, depth: depth + 1, within: nextWithin });
  }
  if (unit.learningOutcomes.length > MAX_LIST) {
    problems.push({ path: root.where, message: `This group gives ${unit.learningOutcomes.length.toLocaleString('en-GB')} learning outcomes; a unit may have at most ${MAX_LIST.toLocaleString('en-GB')}.` });
  }
  return unit;
}

function headingOf(node: SourceNode): string {
  return node.heading ?? (node.text || node.code || '');
}

/** One outcome for these leaves, or several "(part n)" outcomes when there are more than a list may hold. */
function outcomesFor(unitId: string, title: string, leaves: SourceNode[], within: string[], options: TreeOptions, problems: Problem[], source?: SourceNode): LearningOutcome[] {
  const outcomes: LearningOutcome[] = [];
  const parts = Math.ceil(leaves.length / MAX_LIST);
  for (let part = 0; part < parts; part++) {
    const ordinal = countOutcomes(unitId, options.ids);
    const outcomeId = options.ids.claim(part === 0 ? source?.code : undefined, `${unitId}.LO${ordinal}`);
    const outcome: LearningOutcome = {
      id: outcomeId,
      title: fitTitle(parts > 1 ? `${title} (part ${part + 1} of ${parts})` : title),
      markingPoints: [],
      ...(part === 0 && source ? source.extensions : {}),
    };
    if (within.length > 0) outcome['x-within'] = within;
    leaves.slice(part * MAX_LIST, (part + 1) * MAX_LIST).forEach((leaf, index) => {
      const point = markingPointFor(leaf, `${outcomeId}.${index + 1}`, options, problems);
      if (point) outcome.markingPoints.push(point);
    });
    outcomes.push(outcome);
  }
  if (parts > 1) options.notes.push({ where: source?.where ?? '', kind: 'changed', message: `“${clip(title)}” has ${leaves.length.toLocaleString('en-GB')} competencies; they are split into ${parts} learning outcomes of at most ${MAX_LIST.toLocaleString('en-GB')} each.` });
  return outcomes;
}

/** The next free outcome ordinal for a unit: LO1, LO2… */
function countOutcomes(unitId: string, ids: IdRegistry): number {
  let ordinal = 1;
  while (ids.has(`${unitId}.LO${ordinal}`)) ordinal++;
  return ordinal;
}

export function markingPointFor(leaf: SourceNode, fallbackId: string, options: TreeOptions, problems: Problem[]): MarkingPoint | undefined {
  const text = leaf.text;
  if (characterCount(text) > MAX_TEXT) {
    problems.push({ path: leaf.where, message: `This competency’s statement is ${characterCount(text).toLocaleString('en-GB')} characters long; a marking point’s text may be at most ${MAX_TEXT.toLocaleString('en-GB')}, and it must be kept word for word, so it cannot be shortened here.` });
    return undefined;
  }
  const point: MarkingPoint = { id: options.ids.claim(leaf.code, fallbackId), text, ...leaf.extensions };
  if (leaf.label !== undefined && leaf.label.trim() !== '' && leaf.label !== text) point.label = fitTitle(leaf.label);
  return point;
}

/** Leaves with no wording are not competencies anyone can be assessed on: left out, and said so. */
function withWording(leaves: SourceNode[], notes: ConversionNote[]): SourceNode[] {
  return leaves.filter((leaf) => {
    if (leaf.text.trim() !== '') return true;
    notes.push({ where: leaf.where, kind: 'dropped', message: `An entry with no wording${leaf.code ? ` (“${clip(leaf.code, 30)}”)` : ''} cannot be a marking point; it is left out.` });
    return false;
  });
}

/** Titles are the converter's own words about the source, so a very long one may be shortened. */
export function fitTitle(text: string): string {
  return characterCount(text) <= MAX_TEXT ? text : `${Array.from(text).slice(0, MAX_TEXT - 1).join('')}…`;
}

function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function clip(text: string, length = 60): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > length ? `${single.slice(0, length - 1)}…` : single;
}
