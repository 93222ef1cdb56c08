import { describe, expect, it } from 'vitest';
import { duplicateKeyProblems, findDuplicateKeys } from '../../core/json-syntax';
import { parseManifestBytes } from '../../core/package/manifest-validation';
import { validateSpecText } from '../../core/spec/validate';
import { builtinSpec } from '../../core/spec/builtin';

describe('findDuplicateKeys', () => {
  it('finds a name given twice in one object, with the way to it, in document order', () => {
    const text = '{"units":[{"id":"A","title":"t"},{"id":"B","id":"C"}],"title":"x","nested":{"deep":[[{"k":1,"k":2}]]},"title":"y"}';
    expect(findDuplicateKeys(text)).toEqual([
      { segments: ['units', 1], key: 'id' },
      { segments: ['nested', 'deep', 0, 0], key: 'k' },
      { segments: [], key: 'title' },
    ]);
  });

  it('decodes escapes, and is not fooled by braces, quotes or commas inside text', () => {
    expect(findDuplicateKeys('{"a":1,"\\u0061":2}')).toEqual([{ segments: [], key: 'a' }]);
    expect(findDuplicateKeys('{"a":"{\\"a\\":1,\\"a\\":2}","b":"]},[","c":["a","a"],"d":{"a":1},"e":{"a":1}}')).toEqual([]);
    expect(findDuplicateKeys('{"x/y~z":1,"x/y~z":2}').length).toBe(1);
    expect(duplicateKeyProblems('{"x/y~z":1,"x/y~z":2}')[0]?.path).toBe('/x~1y~0z');
  });

  it('handles deep nesting without recursion', () => {
    const deep = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
    expect(findDuplicateKeys(deep)).toEqual([]);
  });
});

describe('duplicate field names are refused where files come in', () => {
  it('in a qualification specification: the repeated field, by JSON Pointer', () => {
    const text = JSON.stringify(builtinSpec()).replace('"id":"CS1"', '"id":"CS1","id":"CS9"');
    const result = validateSpecText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([{ path: '/units/0/id', message: expect.stringContaining('"id" is given more than once') as unknown as string }]);
  });

  it('in a package manifest', () => {
    const result = parseManifestBytes(new TextEncoder().encode('{"format":"portfolio-package/1","format":"portfolio-package/1"}'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.path).toBe('/format');
  });
});
