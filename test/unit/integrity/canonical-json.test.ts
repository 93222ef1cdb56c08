import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../../core/integrity/base64';
import { CanonicalJsonError, MAX_CANONICAL_DEPTH, canonicalJson } from '../../../core/integrity/canonical-json';
import { evidenceContentHash } from '../../../core/integrity/content-hash';
import { evidenceItem } from './fixtures';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? { inner: value } : [value];
  return value;
}

describe('canonicalJson', () => {
  it('does not depend on key order, at any depth', () => {
    const first = { b: 1, a: { d: [1, { y: true, x: null }], c: 'text' } };
    const second = { a: { c: 'text', d: [1, { x: null, y: true }] }, b: 1 };
    expect(canonicalJson(first)).toBe(canonicalJson(second));
    expect(canonicalJson(first)).toBe('{"a":{"c":"text","d":[1,{"x":null,"y":true}]},"b":1}');
  });

  it('keeps array order, which is meaningful', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('drops undefined members and writes undefined array items as null, like JSON', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    // A sparse array must still be valid JSON (Array.prototype.map would leave a hole).
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [, 1];
    expect(canonicalJson(sparse)).toBe('[null,1]');
    expect(JSON.parse(canonicalJson(sparse))).toEqual([null, 1]);
  });

  it('sorts keys by UTF-16 code unit and keeps unicode as it is', () => {
    // U+FB01 (ﬁ) sorts after the surrogate pair of U+1F600 (😀, 0xD83D…) by code unit,
    // though before it by code point: the order must be the code-unit one.
    const value = { 'ﬁ': 1, '😀': 2, 'é': 3, Z: 4, a: 5 };
    expect(canonicalJson(value)).toBe('{"Z":4,"a":5,"é":3,"😀":2,"ﬁ":1}');
    expect(canonicalJson('café “quoted” 👍')).toBe('"café “quoted” 👍"');
    // Composed and decomposed forms are different text, so they must hash differently.
    expect(canonicalJson('e\u0301')).not.toBe(canonicalJson('\u00e9'));
    // A lone surrogate is escaped, so the output is always well-formed.
    expect(canonicalJson('\ud800')).toBe('"\\ud800"');
    expect(canonicalJson('line\nbreak\u0000"')).toBe('"line\\nbreak\\u0000\\""');
  });

  it('writes numbers as JSON does and refuses numbers that are not finite', () => {
    expect(canonicalJson([0, -0, 1.5, 1e21, -3])).toBe('[0,0,1.5,1e+21,-3]');
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => canonicalJson({ size: bad })).toThrow(CanonicalJsonError);
      expect(() => canonicalJson({ size: bad })).toThrow(/not finite/);
    }
  });

  it('refuses what JSON cannot hold rather than silently changing it', () => {
    expect(() => canonicalJson(new Date(0))).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ when: new Map() })).toThrow(/not plain data/);
    expect(() => canonicalJson(10n)).toThrow(/bigint/);
    expect(() => canonicalJson({ run: () => 1 })).toThrow(/function/);
    expect(() => canonicalJson(Symbol('x'))).toThrow(/symbol/);
    expect(canonicalJson(Object.assign(Object.create(null) as object, { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });

  it('bounds nesting depth, so hostile content cannot exhaust the stack', () => {
    expect(() => canonicalJson(nested(MAX_CANONICAL_DEPTH))).not.toThrow();
    expect(() => canonicalJson(nested(MAX_CANONICAL_DEPTH + 1))).toThrow(/nested too deeply/);
    expect(() => canonicalJson(nested(100_000))).toThrow(CanonicalJsonError);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson(cycle)).toThrow(/nested too deeply/);
  });

  it('treats an own "__proto__" key from JSON.parse as data', () => {
    const parsed: unknown = JSON.parse('{"__proto__":{"x":1},"a":2}');
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"x":1},"a":2}');
  });
});

describe('evidenceContentHash', () => {
  it('changes with what an assessor judges and not with bookkeeping', async () => {
    const item = evidenceItem('ev-1', 'Title', 'Narrative');
    const hash = await evidenceContentHash(item);
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await evidenceContentHash({ ...item, updatedAt: '2030-01-01T00:00:00.000Z', portfolioId: 'elsewhere' })).toBe(hash);
    expect(await evidenceContentHash({ ...item, narrative: 'Narrative.' })).not.toBe(hash);
    expect(await evidenceContentHash({ ...item, tags: [...item.tags, 'new'] })).not.toBe(hash);
  });
});

describe('base64', () => {
  it('round-trips every length and agrees with the standard encoding', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      const text = encodeBase64(bytes);
      expect(text).toBe(btoa(String.fromCharCode(...bytes)));
      expect(decodeBase64(text)).toEqual(bytes);
    }
  });

  it('accepts only the one canonical spelling', () => {
    expect(decodeBase64('AQ==')).toEqual(new Uint8Array([1]));
    for (const bad of ['AQ', 'AQ=', 'AR==', 'AQI=x', 'AQ==\n', ' AQ==', 'A-_=', 'AQ=A', '====', 'A===', 'AQID\u00e9AAA']) {
      expect(decodeBase64(bad), JSON.stringify(bad)).toBeUndefined();
    }
    expect(decodeBase64(undefined)).toBeUndefined();
    expect(decodeBase64(42)).toBeUndefined();
  });
});
