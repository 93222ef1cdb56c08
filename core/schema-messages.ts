/**
 * Turns a JSON Schema validator's error into a Problem a learner or assessor can act on:
 * the JSON Pointer of what is wrong and a plain sentence. Shared by every schema-backed
 * validator (qualification specs, package manifests, key registers).
 */
import type { SchemaError } from './generated/qualification-validator.js';
import { type Problem, jsonPointer } from './problems';

/** Pairs of "pointer pattern → noun" so messages can say "the unit has no title". */
export type NounTable = ReadonlyArray<readonly [RegExp, string]>;

const ID_PATTERN_HINTS: Record<string, string> = {
  '^[a-z0-9][a-z0-9-]{0,63}$': 'use lower-case letters, digits and hyphens, starting with a letter or digit, at most 64 characters',
  '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$': 'use letters, digits, dots, hyphens and underscores, starting with a letter or digit, at most 64 characters',
  '^[0-9a-f]{64}$': 'it must be a SHA-256 hash written as 64 lower-case hexadecimal characters',
  '^\\d{4}-\\d{2}-\\d{2}$': 'write dates as YYYY-MM-DD',
};

export function describeSchemaError(error: SchemaError, data: unknown, nouns: NounTable): Problem {
  const path = error.instancePath;
  const value = valueAt(data, path);
  const params = error.params;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return { path, message: `The ${nounFor(path, nouns)} has no "${missing}", which is required.` };
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      return {
        path: `${path}${jsonPointer([extra])}`,
        message: `"${truncate(extra)}" is not a recognised field here. Only the fields the format defines, and extra fields whose names begin with "x-", are allowed.`,
      };
    }
    case 'const':
      return { path, message: `must be ${JSON.stringify(params.allowedValue)}, but it is ${describeValue(value)}.` };
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues.map((item) => JSON.stringify(item)).join(', ') : 'one of the allowed values';
      return { path, message: `must be one of ${allowed}, but it is ${describeValue(value)}.` };
    }
    case 'type':
      return { path, message: `must be ${typeWord(String(params.type))}, but it is ${describeValue(value)}.` };
    case 'pattern': {
      const pattern = String(params.pattern);
      // Blank: only white space, counting NEL (U+0085), which JavaScript's \s leaves out.
      if (pattern === '[^\\s\\u0085]') return { path, message: 'must not be blank.' };
      const hint = ID_PATTERN_HINTS[pattern];
      return { path, message: `${describeValue(value)} is not in the right form${hint ? `: ${hint}` : ''}.` };
    }
    case 'minLength':
      return { path, message: Number(params.limit) <= 1 ? 'must not be empty.' : `is too short: at least ${String(params.limit)} characters are needed.` };
    case 'maxLength':
      return { path, message: `is too long: ${typeof value === 'string' ? `${characterCount(value).toLocaleString('en-GB')} characters` : 'it'}, at most ${Number(params.limit).toLocaleString('en-GB')} are allowed.` };
    case 'minItems':
      return { path, message: Number(params.limit) <= 1 ? 'must list at least one item; it is empty.' : `must list at least ${String(params.limit)} items.` };
    case 'maxItems':
      return { path, message: `lists ${Array.isArray(value) ? value.length.toLocaleString('en-GB') : 'too many'} items; at most ${Number(params.limit).toLocaleString('en-GB')} are allowed.` };
    case 'minimum':
    case 'exclusiveMinimum':
      return { path, message: `must be at least ${String(params.limit)}, but it is ${describeValue(value)}.` };
    case 'maximum':
    case 'exclusiveMaximum':
      return { path, message: `must be at most ${String(params.limit)}, but it is ${describeValue(value)}.` };
    case 'uniqueItems':
      return { path, message: 'lists the same item more than once.' };
    default:
      return { path, message: `${error.message ?? 'is not valid'}.` };
  }
}

function nounFor(path: string, nouns: NounTable): string {
  for (const [pattern, noun] of nouns) if (pattern.test(path)) return noun;
  return 'item';
}

function typeWord(type: string): string {
  const words: Record<string, string> = {
    string: 'text', number: 'a number', integer: 'a whole number', boolean: 'true or false',
    object: 'an object ({…})', array: 'a list ([…])', null: 'null',
  };
  return type.split(',').map((part) => words[part] ?? part).join(' or ');
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') return value === '' ? 'empty text' : `"${truncate(value)}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'an object';
}

function truncate(text: string): string {
  const clean = text.replace(/\p{Cc}/gu, ' ');
  return clean.length > 60 ? `${clean.slice(0, 57)}…` : clean;
}

function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Reads the value a JSON Pointer names, following own properties only. */
export function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let current: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
