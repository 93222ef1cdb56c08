/**
 * The manifest is parsed one top-level field at a time, and long lists a megabyte at a time,
 * so no string the size of the whole manifest is made. It must accept and refuse exactly what
 * JSON.parse of the whole text would, and report problems at the same JSON Pointers.
 */
import { describe, expect, it } from 'vitest';
import { PIECE_BYTES, scanManifest } from '../../../core/package/manifest-structure';
import { parseManifestBytes } from '../../../core/package/manifest-validation';
import { formatProblem } from '../../../core/problems';
import { PORTFOLIO_ID, sampleManifest } from './fixtures';

const encoder = new TextEncoder();
const AT = '2026-11-22T10:15:00.000Z';

/** A valid manifest whose audit trail is long enough to be cut into several pieces. */
function longManifest(): ReturnType<typeof sampleManifest> {
  const manifest = sampleManifest([]);
  manifest.audit = Array.from({ length: 40_000 }, (_, index) => ({
    id: `aud-${index}`,
    portfolioId: PORTFOLIO_ID,
    at: AT,
    actor: 'Rhian Llŷr',
    action: 'update' as const,
    entity: 'evidence' as const,
    entityId: 'ev-1',
    summary: `Change ${index}: “curly quotes”, £ and ŵ`,
  }));
  return manifest;
}

function problemsOf(text: string): string {
  const result = parseManifestBytes(encoder.encode(text));
  return result.ok ? 'accepted' : result.problems.map(formatProblem).join('\n');
}

describe('parsing the manifest in pieces', () => {
  it('cuts a long list into pieces and builds exactly what JSON.parse builds', () => {
    const text = JSON.stringify(longManifest());
    const bytes = encoder.encode(text);
    const scan = scanManifest(bytes);
    expect(scan.ok).toBe(true);
    if (!scan.ok) return;
    const audit = scan.fields?.find((field) => field.name === 'audit');
    expect(audit?.cuts.length).toBeGreaterThanOrEqual(Math.floor(bytes.byteLength / PIECE_BYTES) - 1);
    const result = parseManifestBytes(bytes);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.manifest).toEqual(JSON.parse(text));
  });

  it('reports a repeated field inside a later piece at its place in the whole list', () => {
    const text = JSON.stringify(longManifest()).replace('{"id":"aud-35000",', '{"id":"aud-35000","id":"again",');
    expect(problemsOf(text)).toBe('/audit/35000/id: the field "id" is given more than once in the same object. Programs differ over which one counts, so give it once.');
  });

  it('finds repeated field names as JSON.parse sees them: escapes decoded, per object, in objects of any size', () => {
    const duplicatesOf = (text: string): string[] => {
      const scan = scanManifest(encoder.encode(text));
      return scan.ok ? scan.duplicates.map((found) => `${JSON.stringify(found.segments)} ${found.key}`) : ['refused'];
    };
    expect(duplicatesOf('{"a":1,"\\u0061":2}')).toEqual(['[] a']);
    expect(duplicatesOf('{"é":1,"\\u00e9":2,"e":3}')).toEqual(['[] é']);
    expect(duplicatesOf('{"x":[{"id":1},{"id":2}],"y":{"id":{"id":3},"z":{"id":4}}}')).toEqual([]);
    expect(duplicatesOf('{"x":{"a":{"b":1},"b":2,"a":3}}')).toEqual(['["x"] a']);
    const many = Array.from({ length: 5000 }, (_, index) => `"f${index}":0`).join(',');
    expect(duplicatesOf(`{"big":[0,{${many},"f4321":1}]}`)).toEqual(['["big",1] f4321']);
    expect(duplicatesOf(`{"big":{${many}}}`)).toEqual([]);
  });

  it('reports a repeated top-level field', () => {
    const text = JSON.stringify(longManifest()).replace('"exportedAt":', '"audit":[],"exportedAt":');
    expect(problemsOf(text)).toMatch(/^\/audit: the field "audit" is given more than once/);
  });

  it('refuses what JSON.parse refuses, with the same kind of message', () => {
    const valid = JSON.stringify(longManifest());
    const cases = [
      valid.replace(/\],"attachments"/, ',]],"attachments"'), // a long list ending in a comma
      valid.replace('{"id":"aud-30000",', '{"id":"aud-30000" '), // a missing colon deep in a later piece
      valid.replace('{"id":"aud-30000",', '{"id":"aud-30000",,'),
      `${valid}:`,
      `${valid},`,
      `${valid} {}`,
      valid.replace('"exportedAt":', '"exportedAt" '),
      valid.replace(',"exportedAt":', '"exportedAt":'),
      valid.replace('"audit":[', '"audit":{'),
      valid.slice(0, -1),
    ];
    for (const text of cases) {
      expect(() => JSON.parse(text)).toThrow();
      expect(problemsOf(text)).toMatch(/^manifest\.json: manifest\.json is not valid JSON: /);
    }
  });

  it('refuses bytes that are not UTF-8 inside a piece', () => {
    const bytes = encoder.encode(JSON.stringify(longManifest()));
    const at = bytes.indexOf(0x22, Math.floor(bytes.byteLength * 0.8)) + 1;
    bytes[at] = 0xff;
    const result = parseManifestBytes(bytes);
    expect(result.ok ? 'accepted' : result.problems.map(formatProblem).join('\n')).toBe('manifest.json: manifest.json is not valid UTF-8 text, so it cannot be read.');
  });

  it('keeps "__proto__" at the top level an ordinary field (refused by the schema), never the prototype', () => {
    const text = JSON.stringify(sampleManifest([])).replace('"exportedAt":', '"__proto__":{"polluted":true},"exportedAt":');
    expect(problemsOf(text)).toMatch(/^\/__proto__: "__proto__" is not a recognised field here\./m);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts a byte-order mark, whitespace everywhere JSON allows it, and escapes in field names', () => {
    const spaced = JSON.stringify(longManifest(), null, '\t').replace('"format"', '"\\u0066ormat"');
    expect(problemsOf(`\uFEFF \r\n${spaced}\n\n`)).toBe('accepted');
  });

  it('says what a manifest that is not an object holds', () => {
    expect(problemsOf('[1,2]')).toMatch(/must hold a JSON object/);
    expect(problemsOf('"text"')).toMatch(/must hold a JSON object/);
    expect(problemsOf('  \n ')).toBe('manifest.json: manifest.json is empty.');
  });
});
