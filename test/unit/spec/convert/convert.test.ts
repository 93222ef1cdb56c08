/** Format detection, bounds and hostile input for every converter; text cleaning and ids. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_CONVERT_INPUT_BYTES, convertSpecBytes, convertSpecText, specText } from '../../../../core/spec/convert/index';
import { IdRegistry, isCodeLike, sanitiseItemId, specIdFrom } from '../../../../core/spec/convert/ids';
import { cleanStatement, decodeEntities, decodeInput } from '../../../../core/spec/convert/text';
import { builtinSpec } from '../../../../core/spec/builtin';
import { MAX_SPEC_BYTES, validateSpecBytes, validateSpecValue } from '../../../../core/spec/validate';
import type { QualificationSpec } from '../../../../core/spec/types';
import { SeededRandom } from '../../coverage/prng';
import { FIXTURES, converted, fixtureBytes, fixtureJson, points, refused } from './helpers';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('format detection', () => {
  it('recognises every fixture without being told, and the same with --from', () => {
    const expected: Record<string, string> = { case: 'case', ifate: 'ifate', mahara: 'mahara', moodle: 'moodle-csv' };
    const files = readdirSync(FIXTURES);
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const format = expected[file.split('-')[0] as string] as 'case';
      expect(converted(fixtureBytes(file)).result.format, file).toBe(format);
      expect(converted(fixtureBytes(file), { from: format }).result.format, file).toBe(format);
    }
  });

  it('refuses a file given as the wrong format, saying what it looks like', () => {
    expect(refused(fixtureBytes('case-1.0.json'), { from: 'ifate' })).toEqual(['The file does not look like an IfATE / Skills England apprenticeship standard (JSON): it looks like an IMS CASE framework (CFPackage JSON) (use --from case, or leave --from out).']);
    expect(refused(fixtureBytes('moodle-framework.csv'), { from: 'mahara' })).toEqual(['The file is not JSON, so it is not a Mahara SmartEvidence framework (.matrix); it looks like a Moodle competency CSV (use --from moodle-csv).']);
    expect(refused(fixtureBytes('mahara-flat.matrix'), { from: 'moodle-csv' })[0]).toBe('The file is JSON, not CSV, so it is not a Moodle competency framework export. It looks like a Mahara SmartEvidence framework (.matrix) (use --from mahara).');
    expect(refused({ hello: 'world' }, { from: 'case' })).toEqual(['The file does not look like an IMS CASE framework (CFPackage JSON): its fields are "hello".']);
  });

  it('refuses what no converter reads: other JSON, XML, plain text, an existing specification', () => {
    expect(refused({ colour: 'blue', size: 3 })[0]).toMatch(/^The JSON is not a framework this app can convert: its fields are "colour", "size"\./);
    expect(refused([1, 2, 3])[0]).toContain('it is a list of 3 entries');
    expect(refused('<?xml version="1.0"?><framework/>')[0]).toMatch(/^This looks like XML or HTML/);
    expect(refused('Just some notes\nabout a course')[0]).toMatch(/^This is not a format that can be converted/);
    expect(refused(builtinSpec())).toEqual(['This is already a portfolio-qualification/1 specification; it needs no converting. Import it as it is (validate-spec checks it).']);
  });
});

describe('bounds and broken files', () => {
  it('refuses empty and blank files', () => {
    expect(refused(new Uint8Array())).toEqual(['The file is empty.']);
    expect(refused(encode(' \r\n\t '))).toEqual(['The file is empty.']);
    expect(refused(new Uint8Array([0xef, 0xbb, 0xbf]))).toEqual(['The file is empty.']);
  });

  it('refuses a file over the size limit before reading it', () => {
    const huge = new Uint8Array(MAX_CONVERT_INPUT_BYTES + 1).fill(0x20);
    expect(refused(huge)).toEqual(['The file is 32.0 MiB; a framework to convert may be at most 32.0 MiB.']);
  });

  it('refuses a conversion whose result would be larger than a specification may be', () => {
    const statement = 'x'.repeat(9_000);
    const knowledges = Array.from({ length: 700 }, (_, index) => ({ knowledgeId: String(index), detail: `${index} ${statement}` }));
    expect(refused({ referenceNumber: 'ST1', title: 'Big', knowledges })[0]).toMatch(/^The converted specification would be 6\.\d MiB, more than the 5\.0 MiB a specification may be/);
  });

  it('writes a large result without indentation when indenting would pass 5 MiB, so validate-spec still accepts the file', () => {
    const units = Array.from({ length: 60 }, (_, u) => ({ id: `U${u}`, title: `Unit ${u}`, learningOutcomes: [{ id: `U${u}.LO`, title: 'Outcome', markingPoints: Array.from({ length: 1000 }, (_, p) => ({ id: `U${u}.${p}`, text: 'Do it' })) }] }));
    const spec: QualificationSpec = { format: 'portfolio-qualification/1', id: 'wide', title: 'Wide', awardingBody: 'Body', version: '1', units };
    expect(new TextEncoder().encode(JSON.stringify(spec, null, 2)).byteLength).toBeGreaterThan(MAX_SPEC_BYTES);
    const text = specText(spec);
    expect(text).not.toContain('\n');
    expect(validateSpecBytes(new TextEncoder().encode(text)).ok).toBe(true);
    expect(specText(converted(fixtureBytes('case-1.0.json')).spec)).toContain('\n  "units": [');
  });

  it('refuses deep nesting and broken JSON, saying where', () => {
    expect(refused(`${'['.repeat(100)}${']'.repeat(100)}`)[0]).toBe('The file is nested more than 64 levels deep (at line 1, column 65); a framework export never needs that.');
    expect(refused('{"CFDocument": {"title": "x",}}')[0]).toBe('The file is not valid JSON: found "}" at line 1, column 30, where a field name in double quotes was expected.');
  });

  it('refuses binary files, naming what they look like, and reads UTF-16 and Windows-1252 text', () => {
    expect(refused(encode('%PDF-1.7\n...'))[0]).toMatch(/^This is a PDF, which cannot be converted automatically/);
    expect(refused(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))[0]).toMatch(/^This is a ZIP file/);
    expect(refused(new Uint8Array([0x7b, 0x00, 0x7d]))[0]).toMatch(/^This is not a text file/);
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('ID number,Short name\nA,Café\n').flatMap((char) => [char.charCodeAt(0), 0])]);
    expect(points(converted(utf16).spec)[0]?.text).toBe('Café');
    const latin = new Uint8Array([...encode('ID number,Short name\nA,Caf'), 0xe9, 0x0a]);
    const { spec, result } = converted(latin);
    expect(points(spec)[0]?.text).toBe('Café');
    expect(result.notes[0]?.message).toMatch(/^The file is not UTF-8 text .* so it was read as Windows-1252/);
  });

  it('never throws and never gives an invalid specification, whatever is done to the fixtures', () => {
    const random = new SeededRandom(14);
    const sources = readdirSync(FIXTURES).map((file) => fixtureBytes(file));
    let converted = 0;
    for (let round = 0; round < 400; round++) {
      const bytes = Uint8Array.from(random.pick(sources));
      const edits = random.int(1, 6);
      for (let edit = 0; edit < edits; edit++) {
        const at = random.int(0, bytes.length - 1);
        bytes[at] = random.pick([0x22, 0x2c, 0x7b, 0x7d, 0x5b, 0x5d, 0x0a, 0x3c, 0x26, 0x30, 0x41, random.int(0, 255)]);
      }
      const result = convertSpecBytes(bytes);
      if (result.ok) {
        converted++;
        expect(validateSpecValue(result.spec).ok).toBe(true);
      } else {
        expect(result.problems.length).toBeGreaterThan(0);
        for (const problem of result.problems) expect(typeof problem.message).toBe('string');
      }
    }
    expect(converted).toBeGreaterThan(0);
  });

  it('never throws on hostile shapes: wrong types everywhere, prototype keys, huge ids', () => {
    const hostile: unknown[] = [
      { CFDocument: [], CFItems: {}, CFAssociations: 'x' },
      { CFDocument: { identifier: 'd', title: 't' }, CFItems: [null, 1, 'x', { identifier: {} }], CFAssociations: [null, { associationType: 7 }] },
      { CFDocument: { identifier: 'd', title: 't' }, CFItems: [{ identifier: 'a', fullStatement: 'A' }], CFAssociations: [{ associationType: 'isChildOf', originNodeURI: 42, destinationNodeURI: null }] },
      { framework: { name: 'x', standards: [null, { standardelement: [null, 5] }] } },
      { framework: { name: 'x', standards: 'no' } },
      { referenceNumber: 'ST1', title: 't', knowledges: [null, [], {}], duties: [null, { mappedKnowledge: 'x' }] },
      { referenceNumber: {}, knowledges: 'K1 first\nK2 second', __proto__: { polluted: true } },
      JSON.parse('{"__proto__": {"x": 1}, "referenceNumber": "ST2", "title": "p", "knowledges": [{"detail": "d"}]}'),
      { referenceNumber: 'ST3', title: 't'.repeat(20_000), knowledges: [{ detail: 'd', knowledgeId: 'i'.repeat(100_000) }] },
    ];
    for (const value of hostile) {
      const result = convertSpecText(JSON.stringify(value));
      if (result.ok) expect(validateSpecValue(result.spec).ok).toBe(true);
      else expect(result.problems.length).toBeGreaterThan(0);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('handles a long chain and a wide framework in bounded time and stack', () => {
    // 5,000 levels deep through isChildOf (no JSON nesting): refused for depth, not a stack overflow.
    const items = Array.from({ length: 5_000 }, (_, index) => ({ identifier: `i${index}`, fullStatement: `Item ${index}` }));
    const associations = items.map((item, index) => ({ associationType: 'isChildOf', originNodeURI: { identifier: item.identifier }, destinationNodeURI: { identifier: index === 0 ? 'doc' : `i${index - 1}` } }));
    const deep = refused({ CFDocument: { identifier: 'doc', title: 'Deep' }, CFItems: items, CFAssociations: associations });
    expect(deep[0]).toContain('nested more than 100 levels deep');
    // 3,000 competencies in one group: split into outcomes of at most 1,000, so any package can hold them.
    const wide = Array.from({ length: 3_000 }, (_, index) => `"","W${index}","Competency ${index}"`).join('\n');
    const { spec, result } = converted(`"Parent ID number","ID number","Short name"\n${wide}`);
    expect(spec.units[0]?.learningOutcomes.map((outcome) => outcome.markingPoints.length)).toEqual([1000, 1000, 1000]);
    expect(result.notes.some((note) => note.message.includes('split into 3 learning outcomes'))).toBe(true);
  });
});

describe('statement text', () => {
  it('decodes entities and removes markup, keeping words apart where blocks meet', () => {
    expect(cleanStatement('Health &amp; safety &ndash; &#8220;always&#8221; &#x2014; &pound;5 &wcirc;yr')).toBe('Health & safety – “always” — £5 ŵyr');
    expect(cleanStatement('<p>First</p><p>Second <b>bold</b>&nbsp;text</p><ul><li>one</li><li>two</li></ul>')).toBe('First\nSecond bold text\none\ntwo');
    expect(cleanStatement('<p>Keep <script>alert(1)</script>this<!-- hidden --></p><style>p{}</style>')).toBe('Keep this');
    expect(cleanStatement('If a < b and c > d, then <br/>e')).toBe('If a < b and c > d, then\ne');
    expect(cleanStatement('  plain   text, spaces kept  ')).toBe('plain   text, spaces kept');
    expect(cleanStatement('Unknown &madeup; stays, &#0; is replaced, &#150; is an en dash')).toBe('Unknown &madeup; stays, \ufffd is replaced, – is an en dash');
    expect(decodeEntities('&lt;b&gt;')).toBe('<b>');
  });

  it('decodes UTF-8 with or without a byte-order mark', () => {
    const decoded = decodeInput(new Uint8Array([0xef, 0xbb, 0xbf, ...encode('ŵ')]));
    expect(decoded).toEqual({ ok: true, decoded: { text: 'ŵ' } });
  });
});

describe('ids', () => {
  it('keeps valid codes, tidies near-valid ones, and gives up on the rest', () => {
    expect(sanitiseItemId('CCSS.Math.Content.K.CC.A.1')).toBe('CCSS.Math.Content.K.CC.A.1');
    expect(sanitiseItemId('AC 1.1')).toBe('AC_1.1');
    expect(sanitiseItemId('(1.2)')).toBe('1.2');
    expect(sanitiseItemId('Élément 3')).toBe('Element_3');
    expect(sanitiseItemId('…')).toBeUndefined();
    expect(sanitiseItemId('x'.repeat(100))).toHaveLength(64);
  });

  it('hands out unique ids, suffixing repeats', () => {
    const ids = new IdRegistry();
    expect([ids.claim('K1', 'a'), ids.claim('K1', 'b'), ids.claim('K1', 'c'), ids.claim(undefined, 'K1-2'), ids.claim('!!', 'U1')]).toEqual(['K1', 'K1-2', 'K1-3', 'K1-2-2', 'U1']);
    const long = 'y'.repeat(64);
    expect(ids.claim(long, 'z')).toBe(long);
    expect(ids.claim(long, 'z')).toBe(`${'y'.repeat(62)}-2`);
  });

  it('says which short names look like codes', () => {
    for (const code of ['1', '1.1', '1.2.1', 'K3', 'AC 2.1', 'LO4', '2a', '4.1.']) expect(isCodeLike(code), code).toBe(true);
    for (const name of ['Critical Thinking', 'Professional knowledge 1.', 'Standards', '']) expect(isCodeLike(name), name).toBe(false);
  });

  it('makes specification ids from titles', () => {
    expect(specIdFrom(undefined, 'Level 3 Diploma — Café & Bar')).toBe('level-3-diploma-cafe-bar');
    expect(specIdFrom('ST0116')).toBe('st0116');
    expect(specIdFrom('!!!')).toBe('converted-qualification');
  });
});

describe('the converted fixtures as a whole', () => {
  it('keeps every competency of every fixture', () => {
    const counts = Object.fromEntries(readdirSync(FIXTURES).map((file) => [file, points(converted(fixtureBytes(file)).spec).length]));
    expect(counts).toEqual({
      'case-1.0.json': 6, 'case-1.1.json': 6, 'case-opensalt-early.json': 3,
      'ifate-ksbs.json': 4, 'ifate-older-strings.json': 5, 'ifate-st9901.json': 9,
      'mahara-flat.matrix': 5, 'mahara-nested.matrix': 5,
      'moodle-flat-semicolon.csv': 3, 'moodle-framework.csv': 5,
    });
    const matrix = fixtureJson('mahara-flat.matrix') as { framework: { standardelements: unknown[] } };
    expect(counts['mahara-flat.matrix']).toBe(matrix.framework.standardelements.length);
  });
});
