/** Moodle competency framework CSV exports: the parent tree, CSV quoting, and what is refused. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../core/spec/convert/csv';
import { converted, fixtureBytes, outline, points, pointTexts, refused } from './helpers';

const HEADER = '"Parent ID number","ID number","Short name","Description","Description format","Scale values","Scale configuration","Rule type (optional)","Rule outcome (optional)","Rule config (optional)","Cross-referenced competency ID numbers","Exported ID (optional)","Is framework","Taxonomy"';
const row = (parent: string, id: string, name: string, description = '', isFramework = ''): string =>
  [parent, id, name, description, '1', '', '', '', '0', '', '', '', isFramework, ''].map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',');
const csv = (...rows: string[]): string => [HEADER, row('', 'FW', 'Framework', '', '1'), ...rows].join('\n');

describe('Moodle competency CSV', () => {
  it('rebuilds the parent tree; quoted fields keep their line breaks and doubled quotes; BOM and CRLF are read', () => {
    const bytes = fixtureBytes('moodle-framework.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { spec, result } = converted(bytes);
    expect(result.format).toBe('moodle-csv');
    expect(outline(spec)).toEqual([
      'FX-1 Communication', '  FX-1.LO1 Communication', '    FX-1.1', '    FX-1.2',
      'FX-2 Organisation', '  FX-2.LO1 Organisation', '    FX-2.3', '  FX-2.A Managing records', '    FX-2.1', '    FX-2.2',
    ]);
    expect(pointTexts(spec).slice(0, 2)).toEqual([
      'Write business e-mails\nWrite e-mails that are clear, polite and\nfree of errors, and file them correctly.',
      'Answer the telephone\nAnswer calls & take messages, using the "three rings" rule',
    ]);
    expect(points(spec)[0]?.['x-moodle']).toEqual({ idnumber: 'FX-1.1', related: ['FX-2.1'] });
    expect(spec.units[0]?.synopsis).toBe('Communicate with customers and colleagues.');
    expect(spec).toMatchObject({ id: 'fx-admin', title: 'Business administration (fixture)', 'x-source': { format: 'moodle-csv', identifier: 'FX-ADMIN' }, 'x-moodle': { scalevalues: 'Not yet competent,Competent', taxonomy: 'domain,competency,indicator' } });
  });

  it('reads a flat, semicolon-separated file with loosely written headers', () => {
    const { spec } = converted(fixtureBytes('moodle-flat-semicolon.csv'));
    expect(outline(spec)).toEqual(['U1 Food hygiene checks (fixture)', '  U1.LO1 Food hygiene checks (fixture)', '    FH1', '    FH2', '    FH3']);
  });

  it('takes the title from the file name when there is no framework row', () => {
    const { spec, result } = converted('ID number,Short name\nA1,Do a thing\n', { fileName: 'kitchen-skills.csv' });
    expect(spec.title).toBe('kitchen-skills');
    expect(result.notes[0]?.message).toContain('no framework row');
  });

  it('keeps plain-text descriptions as written, and removes markup from HTML ones', () => {
    const { spec } = converted([HEADER, row('', 'FW', 'Framework', '', '1'), '"","P1","Plain","Use <b> for bold, & keep it","2","","","","0","","","","",""', row('', 'H1', 'Html', '<p>Use &lt;b&gt; for bold</p>')].join('\r\n'));
    expect(pointTexts(spec)).toEqual(['Plain\nUse <b> for bold, & keep it', 'Html\nUse <b> for bold']);
  });

  it('refuses an unclosed quote and text after a closing quote, with the line', () => {
    expect(refused(csv(row('', 'A', 'One'), '"","B","Two, never closed,,1', row('', 'C', 'Three')))).toEqual(['line 4: The quoted field that starts at column 8 runs on to line 5, where text follows a quote at column 5: a closing double quote (") is probably missing on line 4.']);
    expect(refused(csv(row('', 'A', 'One'), '"","B","Two, never closed,,1'))).toEqual(['line 4: The quoted field that starts at column 8 is never closed: a double quote (") is missing, so everything after it would be read as one field.']);
    expect(refused(csv('"","B","Two" and more,"","1"'))).toEqual(['line 3: At column 13 there is text straight after a closing quote. Inside a quoted field a double quote must be written twice ("").']);
  });

  it('refuses a parent that is not in the file, a circle of parents, a repeated ID number and a missing one', () => {
    expect(refused(csv(row('', 'A', 'One'), row('Z', 'B', 'Two')))).toEqual(['line 4: The parent ID number "Z" is not the ID number of any competency in the file (a dangling reference).']);
    expect(refused(csv(row('B', 'A', 'One'), row('A', 'B', 'Two')))).toEqual(['line 3: The parent ID numbers go round in a circle: "A" → "B" → "A". A framework is a tree, so the file is broken.']);
    expect(refused(csv(row('A', 'A', 'Self')))).toEqual(['line 3: The competency "A" is its own parent (a cycle).']);
    expect(refused(csv(row('', 'A', 'One'), row('', 'A', 'Again')))).toEqual(['line 4: The ID number "A" is already used on line 3; each competency needs its own.']);
    expect(refused(csv(row('', '', 'Nameless')))).toEqual(['line 3: This competency (“Nameless”) has no ID number, so its children cannot name it and it cannot be placed.']);
  });

  it('refuses a header that is not Moodle’s, a file with no competencies, and rows with extra fields', () => {
    expect(refused('Name,Code\nA,B\n', { from: 'moodle-csv' })[0]).toMatch(/^line 1: The header row must name the "ID number" and "Short name" columns/);
    expect(refused(`${HEADER}\n${row('', 'FW', 'Framework', '', '1')}\n`)).toEqual(['The file describes a framework but lists no competencies in it.']);
    expect(refused(csv(`${row('', 'A', 'One')},"surprise"`))).toEqual(['line 3: This row has 15 fields but the header has 14; is a separator or a quote missing?']);
    expect(refused(csv(row('', 'A', 'One'), row('', 'FW2', 'Second', '', '1')))).toEqual(['line 4: A second framework row (the first is on line 2); export one framework per file.']);
  });
});

describe('parseCsv', () => {
  it('handles every quoting case RFC 4180 allows', () => {
    const result = parseCsv('a,"b,c","d""e","f\r\ng",,"" \nx\n\n"y"');
    expect(result.ok).toBe(false);
    const good = parseCsv('a,"b,c","d""e","f\r\ng",,""\r\nx\n\n"y"');
    expect(good).toEqual({ ok: true, delimiter: ',', rows: [{ fields: ['a', 'b,c', 'd"e', 'f\r\ng', '', ''], line: 1 }, { fields: ['x'], line: 3 }, { fields: ['y'], line: 5 }] });
  });

  it('reads a stray quote inside an unquoted field as a quote', () => {
    expect(parseCsv('5" screen,ok')).toEqual({ ok: true, delimiter: ',', rows: [{ fields: ['5" screen', 'ok'], line: 1 }] });
  });

  it('picks the separator from the header line', () => {
    expect(parseCsv('a;b;"c;d"\n1;2;3')).toMatchObject({ delimiter: ';', rows: [{ fields: ['a', 'b', 'c;d'] }, { fields: ['1', '2', '3'] }] });
    expect(parseCsv('a\tb\n1\t2')).toMatchObject({ delimiter: '\t' });
  });
});
