/**
 * Validation of qualification specifications (CONTRACTS.md §1): the generated schema
 * validator plus the rules a schema cannot say (ids unique across the whole spec), with
 * every problem reported as a JSON Pointer and a plain sentence. Input is bounded before
 * anything expensive happens, so hostile files cost little time and memory.
 */
import validateQualificationSchema, { type SchemaError } from '../generated/qualification-validator.js';
import { duplicateKeyProblems, findJsonSyntaxError } from '../json-syntax';
import { type Problem, jsonPointer, listedProblems } from '../problems';
import { describeSchemaError, type NounTable } from '../schema-messages';
import type { QualificationSpec } from './types';

export const MAX_SPEC_BYTES = 5 * 1024 * 1024;
/** Real specs nest five levels deep; "x-" values may add their own, but far deeper is hostile or broken. */
const MAX_NESTING = 64;

export type SpecValidation = { ok: true; spec: QualificationSpec } | { ok: false; problems: Problem[] };

/** Validates raw file bytes: size, UTF-8 (a leading byte-order mark is accepted), JSON, then the spec. */
export function validateSpecBytes(bytes: Uint8Array): SpecValidation {
  if (bytes.byteLength > MAX_SPEC_BYTES) {
    return fail('', `The file is ${formatMiB(bytes.byteLength)}; a qualification specification may be at most 5 MiB.`);
  }
  let text: string;
  try {
    // ignoreBOM keeps a byte-order mark in the text, so validateSpecText removes exactly one.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return fail('', `The file is not valid UTF-8 text (first bad byte near byte ${firstInvalidUtf8Offset(bytes)}). Save it as UTF-8 and try again.`);
  }
  return validateSpecText(text);
}

/** Validates JSON text (a leading byte-order mark is accepted). */
export function validateSpecText(text: string): SpecValidation {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.length > MAX_SPEC_BYTES) {
    return fail('', 'The text is longer than 5 MiB; a qualification specification may be at most 5 MiB.');
  }
  if (body.trim() === '') return fail('', 'The file is empty.');
  const depthProblem = checkNesting(body);
  if (depthProblem) return { ok: false, problems: [depthProblem] };
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return fail('', `The file is not valid JSON: ${describeJsonError(body)}.`);
  }
  const duplicates = duplicateKeyProblems(body);
  if (duplicates.length > 0) return { ok: false, problems: duplicates };
  return validateSpecValue(data);
}

/** Validates an already-parsed value. */
export function validateSpecValue(data: unknown): SpecValidation {
  // concat, not push(...): a hostile file can hold hundreds of thousands of problems, more
  // arguments than a call can take.
  const schema = validateQualificationSchema(data) ? [] : schemaProblems(validateQualificationSchema.errors ?? [], data);
  const problems = schema.concat(duplicateIdProblems(data));
  // Every problem, in document order (CONTRACTS.md §1), up to 10,000 and then a count; screens show fewer.
  if (problems.length > 0) return { ok: false, problems: listedProblems(sortProblems(problems)) };
  return { ok: true, spec: data as QualificationSpec };
}

function fail(path: string, message: string): SpecValidation {
  return { ok: false, problems: [{ path, message }] };
}

function schemaProblems(errors: SchemaError[], data: unknown): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  // With allErrors, an empty string fails both minLength and the "\S" pattern: say it once.
  const emptyPaths = new Set(errors.filter((error) => error.keyword === 'minLength').map((error) => error.instancePath));
  for (const error of errors) {
    if (error.keyword === 'pattern' && emptyPaths.has(error.instancePath)) continue;
    const problem = describeSchemaError(error, data, SPEC_NOUNS);
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/** Names for the things in a spec, so messages read "the unit has no title". */
const SPEC_NOUNS: NounTable = [
  [/^\/units\/\d+\/learningOutcomes\/\d+\/markingPoints\/\d+$/, 'marking point'],
  [/^\/units\/\d+\/learningOutcomes\/\d+$/, 'learning outcome'],
  [/^\/units\/\d+\/guidance\/keyConcepts\/\d+$/, 'key concept'],
  [/^\/units\/\d+\/guidance$/, 'guidance'],
  [/^\/units\/\d+$/, 'unit'],
  [/^$/, 'specification'],
];

/** Unit, learning outcome and marking point ids share one namespace across the spec. */
function duplicateIdProblems(data: unknown): Problem[] {
  const problems: Problem[] = [];
  const firstUse = new Map<string, string>();
  const note = (id: unknown, segments: Array<string | number>): void => {
    if (typeof id !== 'string') return;
    const pointer = jsonPointer([...segments, 'id']);
    const earlier = firstUse.get(id);
    if (earlier === undefined) firstUse.set(id, pointer);
    else problems.push({ path: pointer, message: `"${id}" is already used by ${earlier}; ids must be unique across the whole specification.` });
  };
  forEachRecord(data, 'units', ['units'], (unit, unitPath) => {
    note(unit.id, unitPath);
    forEachRecord(unit, 'learningOutcomes', [...unitPath, 'learningOutcomes'], (outcome, outcomePath) => {
      note(outcome.id, outcomePath);
      forEachRecord(outcome, 'markingPoints', [...outcomePath, 'markingPoints'], (point, pointPath) => note(point.id, pointPath));
    });
  });
  return problems;
}

function forEachRecord(
  parent: unknown,
  key: string,
  path: Array<string | number>,
  visit: (record: Record<string, unknown>, path: Array<string | number>) => void,
): void {
  if (!isRecord(parent)) return;
  const list = Object.hasOwn(parent, key) ? parent[key] : undefined;
  if (!Array.isArray(list)) return;
  list.forEach((item: unknown, index) => {
    if (isRecord(item)) visit(item, [...path, index]);
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rejects deep nesting before JSON.parse, whose recursion could exhaust the stack.
 * One linear pass that skips string contents. `what` names the kind of file in the message.
 */
export function checkNesting(text: string, limit = MAX_NESTING, what = 'a qualification specification'): Problem | undefined {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index++;
      else if (code === 0x22) inString = false;
      continue;
    }
    if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      depth++;
      if (depth > limit) {
        const { line, column } = lineAndColumn(text, index);
        return { path: '', message: `The file is nested more than ${limit} levels deep (at line ${line}, column ${column}); ${what} never needs that.` };
      }
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  return undefined;
}

/** Where and why JSON text that JSON.parse refused breaks, in words (line and column). */
export function describeJsonError(text: string): string {
  const syntax = findJsonSyntaxError(text);
  if (!syntax) return 'it could not be read as JSON';
  const { line, column } = lineAndColumn(text, syntax.offset);
  const found = text.codePointAt(syntax.offset);
  const what = found === undefined ? 'the file ends too early' : `found ${describeCharacter(found)}`;
  return `${what} at line ${line}, column ${column}, where ${syntax.expected} was expected`;
}

/** A character as a person can read it in a message: invisible ones are named, not printed. */
function describeCharacter(codePoint: number): string {
  if (codePoint === 0xfeff) return 'a byte-order mark (U+FEFF), which may only come once, at the very start,';
  const char = String.fromCodePoint(codePoint);
  const isInvisible = /[\p{Cc}\p{Cf}\p{Z}\p{Cs}]/u.test(char);
  return isInvisible ? `an invisible character (U+${codePoint.toString(16).toUpperCase().padStart(4, '0')})` : JSON.stringify(char);
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 0x0a) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Binary search on prefixes would be wrong at sequence boundaries; a linear scan is bounded by 5 MiB.
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index] as number;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0) return index;
    try {
      decoder.decode(bytes.subarray(index, index + length));
    } catch {
      return index;
    }
    index += length;
  }
  return index;
}

export function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems
    .map((problem, order) => ({ problem, order }))
    .sort((a, b) => comparePointers(a.problem.path, b.problem.path) || a.order - b.order)
    .map(({ problem }) => problem);
}

/** Orders pointers as a reader scans the file: numeric segments numerically. */
function comparePointers(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const x = left[index] as string;
    const y = right[index] as string;
    if (x === y) continue;
    const isNumeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    return isNumeric ? Number(x) - Number(y) : x < y ? -1 : 1;
  }
  return left.length - right.length;
}

