import { describe, expect, it } from 'vitest';
import { builtinSpec } from '../../../core/spec/builtin';
import { MAX_SPEC_BYTES, validateSpecBytes, validateSpecText, validateSpecValue } from '../../../core/spec/validate';
import type { QualificationSpec } from '../../../core/spec/types';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function minimalSpec(): QualificationSpec {
  return {
    format: 'portfolio-qualification/1',
    id: 'tiny-spec',
    title: 'Tiny',
    awardingBody: 'Body',
    version: '1',
    units: [{ id: 'U1', title: 'Unit one', learningOutcomes: [{ id: 'U1.LO1', title: 'Outcome', markingPoints: [{ id: 'U1.1.1', text: 'Does the thing.' }] }] }],
  };
}

function problemsOf(value: unknown) {
  const result = validateSpecValue(value);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('validateSpec: valid input', () => {
  it('accepts the built-in specification', () => {
    expect(validateSpecValue(builtinSpec()).ok).toBe(true);
  });

  it('accepts a minimal spec, with and without a byte-order mark', () => {
    const text = JSON.stringify(minimalSpec());
    expect(validateSpecText(text).ok).toBe(true);
    expect(validateSpecBytes(encode(`\uFEFF${text}`)).ok).toBe(true);
  });

  it('accepts an optional qualification number, and refuses a blank or non-text one', () => {
    expect(validateSpecValue({ ...minimalSpec(), qualificationNumber: '603/1234/5' }).ok).toBe(true);
    expect(validateSpecValue({ ...minimalSpec(), qualificationNumber: 'ST0116' }).ok).toBe(true);
    expect(problemsOf({ ...minimalSpec(), qualificationNumber: '  ' })).toEqual([{ path: '/qualificationNumber', message: 'must not be blank.' }]);
    expect(problemsOf({ ...minimalSpec(), qualificationNumber: 6031234 })).toEqual([{ path: '/qualificationNumber', message: 'must be text, but it is 6031234.' }]);
  });

  it('keeps x- keys at every level and ignores them', () => {
    const spec = minimalSpec() as unknown as Record<string, unknown>;
    spec['x-centre-note'] = { anything: [1, 2] };
    const unit = (spec.units as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
    unit['x-weight'] = 3;
    const result = validateSpecText(JSON.stringify(spec));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.spec['x-centre-note']).toEqual({ anything: [1, 2] });
      expect(result.spec.units[0]?.['x-weight']).toBe(3);
    }
  });

  it('keeps an x- value nested far deeper than the format needs (up to 64 levels in all)', () => {
    const spec = minimalSpec() as unknown as { units: Array<{ learningOutcomes: Array<{ markingPoints: Array<Record<string, unknown>> }> }> };
    let value: unknown = 'leaf';
    for (let level = 0; level < 50; level++) value = { next: value };
    const point = spec.units[0]?.learningOutcomes[0]?.markingPoints[0];
    if (!point) throw new Error('fixture');
    point['x-deep'] = value;
    expect(validateSpecText(JSON.stringify(spec)).ok).toBe(true);
  });
});

describe('validateSpec: problems with JSON Pointers and plain sentences', () => {
  it('reports a duplicate id across units with both places', () => {
    const spec = minimalSpec();
    spec.units.push({ id: 'U2', title: 'Two', learningOutcomes: [{ id: 'U2.LO1', title: 'O', markingPoints: [{ id: 'U1.1.1', text: 'Again.' }] }] });
    expect(problemsOf(spec)).toEqual([
      { path: '/units/1/learningOutcomes/0/markingPoints/0/id', message: '"U1.1.1" is already used by /units/0/learningOutcomes/0/markingPoints/0/id; ids must be unique across the whole specification.' },
    ]);
  });

  it('treats unit, outcome and marking point ids as one namespace', () => {
    const spec = minimalSpec();
    const outcome = spec.units[0]?.learningOutcomes[0];
    if (!outcome) throw new Error('fixture');
    outcome.id = 'U1';
    expect(problemsOf(spec).map((problem) => problem.path)).toEqual(['/units/0/learningOutcomes/0/id']);
  });

  it('names missing fields, blank strings, empty lists and unknown fields', () => {
    const spec = minimalSpec() as unknown as Record<string, unknown>;
    delete spec.title;
    spec.awardingBody = '   ';
    spec.extra = true;
    (spec.units as Array<Record<string, unknown>>).push({ id: 'U2', title: 'x', learningOutcomes: [] });
    const problems = problemsOf(spec);
    expect(problems).toContainEqual({ path: '', message: 'The specification has no "title", which is required.' });
    expect(problems).toContainEqual({ path: '/awardingBody', message: 'must not be blank.' });
    // White space of every kind counts as blank, NEL (U+0085) included, which JavaScript's \s is not.
    for (const blank of ['\u00a0', '\u2003\u3000', '\u0085', '\u2028 \ufeff']) {
      expect(problemsOf({ ...minimalSpec(), title: blank })).toContainEqual({ path: '/title', message: 'must not be blank.' });
    }
    expect(problems).toContainEqual(expect.objectContaining({ path: '/extra' }));
    expect(problems).toContainEqual({ path: '/units/1/learningOutcomes', message: 'must list at least one item; it is empty.' });
  });

  it('rejects an empty string once, not twice', () => {
    const spec = minimalSpec();
    spec.title = '';
    expect(problemsOf(spec)).toEqual([{ path: '/title', message: 'must not be empty.' }]);
  });

  it('rejects bad ids with the rule spelled out', () => {
    const spec = minimalSpec();
    spec.id = 'Has Spaces';
    const unit = spec.units[0];
    if (!unit) throw new Error('fixture');
    unit.id = '../etc';
    const problems = problemsOf(spec);
    expect(problems.map((problem) => problem.path)).toEqual(['/id', '/units/0/id']);
    expect(problems[0]?.message).toContain('lower-case letters');
  });

  it('rejects a text over 10,000 characters and says how long it is', () => {
    const spec = minimalSpec();
    const point = spec.units[0]?.learningOutcomes[0]?.markingPoints[0];
    if (!point) throw new Error('fixture');
    point.text = 'a'.repeat(10_001);
    expect(problemsOf(spec)).toEqual([{ path: '/units/0/learningOutcomes/0/markingPoints/0/text', message: 'is too long: 10,001 characters, at most 10,000 are allowed.' }]);
  });

  it('rejects an unknown format version', () => {
    const spec = { ...minimalSpec(), format: 'portfolio-qualification/2' };
    expect(problemsOf(spec)).toEqual([{ path: '/format', message: 'must be "portfolio-qualification/1", but it is "portfolio-qualification/2".' }]);
  });

  it('reports a __proto__ key as an unknown field and pollutes nothing', () => {
    const result = validateSpecText('{"__proto__": {"polluted": true}, "format": "portfolio-qualification/1"}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toContainEqual(expect.objectContaining({ path: '/__proto__' }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('says where JSON syntax breaks', () => {
    const result = validateSpecText('{\n  "format": "portfolio-qualification/1",\n  "id": oops\n}');
    expect(result).toEqual({ ok: false, problems: [{ path: '', message: 'The file is not valid JSON: found "o" at line 3, column 9, where a value (text in double quotes, a number, true, false, null, { or [) was expected.' }] });
  });

  it('rejects a truncated file', () => {
    const result = validateSpecText('{"format": "portfolio-qualification/1", "units": [');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/not valid JSON: the file ends too early at line 1/);
  });

  it('finds the break in many kinds of bad JSON', () => {
    const cases: Array<[string, RegExp]> = [
      ['{"a": 1,}', /found "}" at line 1, column 9, where a field name/],
      ['{"a" 1}', /column 6, where a colon/],
      ['[1 2]', /column 4, where a comma or \]/],
      ['{"a": "x\\qy"}', /valid escape/],
      ['{} {}', /the end of the file/],
      ["{'a': 1}", /field name in double quotes/],
    ];
    for (const [text, pattern] of cases) {
      const result = validateSpecText(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0]?.message).toMatch(pattern);
    }
  });

  it('rejects invalid UTF-8 and names the byte', () => {
    const bytes = encode('{"title": "caf?"}');
    bytes[13] = 0xff;
    const result = validateSpecBytes(bytes);
    expect(result).toEqual({ ok: false, problems: [{ path: '', message: 'The file is not valid UTF-8 text (first bad byte near byte 13). Save it as UTF-8 and try again.' }] });
  });

  it('rejects an empty file', () => {
    expect(validateSpecBytes(new Uint8Array())).toEqual({ ok: false, problems: [{ path: '', message: 'The file is empty.' }] });
  });
});

describe('validateSpec: hostile input stays bounded', () => {
  it('rejects deep nesting without parsing it', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const result = validateSpecText(deep);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/nested more than 64 levels/);
  });

  it('rejects a file over 5 MiB by size alone', () => {
    const bytes = new Uint8Array(MAX_SPEC_BYTES + 1).fill(0x20);
    const result = validateSpecBytes(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/at most 5 MiB/);
  });

  it('handles an enormous string within the size limit', () => {
    const spec = minimalSpec();
    spec.title = 'x'.repeat(4_000_000);
    const result = validateSpecText(JSON.stringify(spec));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([{ path: '/title', message: 'is too long: 4,000,000 characters, at most 10,000 are allowed.' }]);
  });

  it('reports the problems of a file full of mistakes in document order, in linear time: 10,000 and a count of the rest', () => {
    const spec = minimalSpec();
    const outcome = spec.units[0]?.learningOutcomes[0];
    if (!outcome) throw new Error('fixture');
    // Nearly 150,000 faults (an extra key and a blank text each, and 49,999 repeats of the first id):
    // gathered with concat (quadratic) this took minutes, and a spread push overflowed the stack.
    outcome.markingPoints = Array.from({ length: 50_000 }, () => ({ id: 'same', text: ' ', extra: 1 }));
    const problems = problemsOf(spec);
    expect(problems.length).toBe(10_001);
    expect(problems[0]?.path).toBe('/units/0/learningOutcomes/0/markingPoints/0/extra');
    expect(problems.slice(0, 10_000).every((problem) => problem.path.startsWith('/units/0/learningOutcomes/0/markingPoints/'))).toBe(true);
    expect(problems.at(-1)).toEqual({ path: '', message: '…and 139,999 more problems not listed. Fix these first.' });
  });

  it('treats wrong types as problems, not crashes', () => {
    for (const value of [null, 42, 'text', [], { units: 'no' }, { units: [null, 1, 'x'] }]) {
      expect(validateSpecValue(value).ok).toBe(false);
    }
  });
});
