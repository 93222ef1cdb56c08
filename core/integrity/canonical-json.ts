/**
 * Canonical JSON: object keys sorted by UTF-16 code unit, no whitespace, `undefined`
 * members dropped. Hashes and signatures are computed over this form so that the same
 * content always yields the same bytes, whichever program wrote it.
 *
 * It is deliberately narrower than `JSON.stringify`: only what JSON itself can hold is
 * accepted (plain objects, arrays, strings, finite numbers, booleans, null), because a value
 * that JSON would silently change (a Date, a Map, NaN) would make a signature cover
 * something other than what is stored.
 */
export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

/** Deeper content than this is refused: no genuine record comes near it, and it bounds the recursion. */
export const MAX_CANONICAL_DEPTH = 64;

export function canonicalJson(value: unknown): string {
  return serialise(value, 0, false);
}

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), the form signed records of version 2 are signed
 * over (CONTRACTS.md §5). It is `canonicalJson` with one rule more: a string holding a lone
 * surrogate is refused, because JCS admits only I-JSON (RFC 7493), whose strings are valid
 * Unicode. The rest already matches JCS: members sorted by UTF-16 code units, strings escaped
 * as ECMAScript's JSON.stringify does, numbers in ECMAScript's shortest round-trip form.
 */
export function jcs(value: unknown): string {
  return serialise(value, 0, true);
}

/** A lone (unpaired) UTF-16 surrogate anywhere in the text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function serialise(value: unknown, depth: number, isStrict: boolean): string {
  if (depth > MAX_CANONICAL_DEPTH) throw new CanonicalJsonError('Content is nested too deeply to be hashed.');
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      if (isStrict && LONE_SURROGATE.test(value)) throw new CanonicalJsonError('Content holds text that is not valid Unicode (a lone surrogate).');
      // JSON.stringify escapes lone surrogates (ES2019), so the output is always well-formed UTF-16.
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError('Content holds a number that is not finite.');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        // A plain loop, not map(): map skips holes in sparse arrays and would emit `[,1]`.
        const items: string[] = [];
        for (let index = 0; index < value.length; index++) {
          const item: unknown = value[index];
          items.push(item === undefined ? 'null' : serialise(item, depth + 1, isStrict));
        }
        return `[${items.join(',')}]`;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) {
        throw new CanonicalJsonError('Content holds an object that is not plain data, which cannot be hashed.');
      }
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort()
        .map((key) => {
          if (isStrict && LONE_SURROGATE.test(key)) throw new CanonicalJsonError('Content holds a name that is not valid Unicode (a lone surrogate).');
          return `${JSON.stringify(key)}:${serialise(record[key], depth + 1, isStrict)}`;
        });
      return `{${members.join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`Content holds a ${typeof value}, which cannot be hashed.`);
  }
}
