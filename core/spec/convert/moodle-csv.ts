/**
 * Moodle competency frameworks exported as CSV (Site administration › Competencies ›
 * Export competency framework, tool_lpexportcsv). The columns are "Parent ID number",
 * "ID number", "Short name", "Description", "Description format", "Scale values",
 * "Scale configuration", the rule columns, "Cross-referenced competency ID numbers",
 * "Exported ID (optional)", "Is framework" and "Taxonomy"; the row marked "Is framework"
 * describes the framework and every other row is a competency whose parent is named by its
 * ID number. Headers are matched loosely (case, spaces, punctuation), so a file saved again
 * by a spreadsheet still reads.
 */
import type { Problem } from '../../problems';
import type { QualificationSpec } from '../types';
import { QUALIFICATION_FORMAT } from '../types';
import { type CsvRow, parseCsv } from './csv';
import { IdRegistry, specIdFrom } from './ids';
import { cleanStatement, tidyPlainText } from './text';
import { type SourceNode, clip, unitsFromTree } from './tree';
import { ConversionError, type ConversionNote, refuse } from './types';

type Column = 'parent' | 'idnumber' | 'shortname' | 'description' | 'descriptionformat' | 'scalevalues' | 'isframework' | 'taxonomy' | 'related' | 'exportid';

const HEADERS: Record<Column, string[]> = {
  parent: ['parentidnumber', 'parentid', 'parent'],
  idnumber: ['idnumber', 'id'],
  shortname: ['shortname', 'name', 'competency'],
  description: ['description'],
  descriptionformat: ['descriptionformat'],
  scalevalues: ['scalevalues', 'scale'],
  isframework: ['isframework', 'framework'],
  taxonomy: ['taxonomy', 'taxonomies'],
  related: ['crossreferencedcompetencyidnumbers', 'relatedidnumbers', 'related'],
  exportid: ['exportedidoptional', 'exportedid', 'exportid'],
};

function normalisedHeader(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** True when the first line is a Moodle competency CSV header. */
export function looksLikeMoodleCsv(text: string): boolean {
  const firstLine = text.slice(0, 4000).split(/\r?\n/, 1)[0] ?? '';
  const names = new Set(firstLine.split(/[,;\t]/).map((cell) => normalisedHeader(cell.replace(/"/g, ''))));
  return (names.has('idnumber') && names.has('shortname')) || (names.has('parentidnumber') && names.has('idnumber'));
}

interface Competency {
  row: CsvRow;
  idnumber: string;
  parent: string;
  node: SourceNode;
}

export function convertMoodleCsv(text: string, notes: ConversionNote[], fileName?: string): QualificationSpec {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new ConversionError(parsed.problems);
  const [header, ...rows] = parsed.rows;
  if (!header) refuse('', 'The file is empty: there is no header row and no competency.');
  const columns = mapColumns(header);
  if (columns.idnumber === undefined || columns.shortname === undefined) {
    refuse('line 1', `The header row must name the "ID number" and "Short name" columns of a Moodle competency framework export; it has: ${header.fields.slice(0, 8).map((cell) => `"${clip(cell, 30)}"`).join(', ')}.`);
  }
  const cell = (row: CsvRow, column: Column): string => {
    const index = columns[column];
    return index === undefined ? '' : (row.fields[index] ?? '');
  };
  const problems: Problem[] = [];
  let frameworkRow: CsvRow | undefined;
  const competencies: Competency[] = [];
  const byIdnumber = new Map<string, Competency>();
  for (const row of rows) {
    if (row.fields.length > header.fields.length && row.fields.slice(header.fields.length).some((extra) => extra.trim() !== '')) {
      problems.push({ path: `line ${row.line}`, message: `This row has ${row.fields.length} fields but the header has ${header.fields.length}; is a separator or a quote missing?` });
      continue;
    }
    if (isTrue(cell(row, 'isframework'))) {
      if (frameworkRow) problems.push({ path: `line ${row.line}`, message: `A second framework row (the first is on line ${frameworkRow.line}); export one framework per file.` });
      else frameworkRow = row;
      continue;
    }
    const idnumber = cell(row, 'idnumber').trim();
    const shortname = cell(row, 'shortname').trim();
    if (idnumber === '') {
      problems.push({ path: `line ${row.line}`, message: `This competency${shortname ? ` (“${clip(shortname, 40)}”)` : ''} has no ID number, so its children cannot name it and it cannot be placed.` });
      continue;
    }
    const earlier = byIdnumber.get(idnumber);
    if (earlier) {
      problems.push({ path: `line ${row.line}`, message: `The ID number "${clip(idnumber)}" is already used on line ${earlier.row.line}; each competency needs its own.` });
      continue;
    }
    const competency: Competency = { row, idnumber, parent: cell(row, 'parent').trim(), node: nodeFor(row, idnumber, shortname, cell) };
    byIdnumber.set(idnumber, competency);
    competencies.push(competency);
  }
  if (competencies.length === 0 && problems.length === 0) refuse('', frameworkRow ? 'The file describes a framework but lists no competencies in it.' : 'The file has a header row but no competencies.');

  // The parent tree: a parent that is not in the file, or a circle of parents, is refused.
  const roots: SourceNode[] = [];
  const frameworkIdnumber = frameworkRow ? cell(frameworkRow, 'idnumber').trim() : undefined;
  for (const competency of competencies) {
    if (competency.parent === '' || competency.parent === frameworkIdnumber) {
      roots.push(competency.node);
      continue;
    }
    const parent = byIdnumber.get(competency.parent);
    if (!parent) problems.push({ path: `line ${competency.row.line}`, message: `The parent ID number "${clip(competency.parent)}" is not the ID number of any competency in the file (a dangling reference).` });
    else if (parent === competency) problems.push({ path: `line ${competency.row.line}`, message: `The competency "${clip(competency.idnumber)}" is its own parent (a cycle).` });
    else parent.node.children.push(competency.node);
  }
  if (problems.length === 0) {
    const cycle = findCycle(competencies, byIdnumber, frameworkIdnumber);
    if (cycle) problems.push({ path: `line ${(cycle[0] as Competency).row.line}`, message: `The parent ID numbers go round in a circle: ${cycle.map((item) => `"${clip(item.idnumber, 30)}"`).join(' → ')} → "${clip((cycle[0] as Competency).idnumber, 30)}". A framework is a tree, so the file is broken.` });
  }
  if (problems.length > 0) throw new ConversionError(problems);

  const frameworkName = frameworkRow ? cell(frameworkRow, 'shortname').trim() : '';
  if (!frameworkRow) notes.push({ where: 'line 1', kind: 'changed', message: 'The file has no framework row ("Is framework"), so the title is taken from the file name.' });
  const title = frameworkName !== '' ? frameworkName : (fileName?.replace(/\.[^.]+$/, '') ?? 'Moodle competency framework');
  const units = unitsFromTree(roots, { frameworkTitle: title, ids: new IdRegistry(), notes });
  notes.push({ where: frameworkRow ? `line ${frameworkRow.line}` : 'line 1', kind: 'changed', message: 'A Moodle export gives no version or awarding body; version “1” is used and the awarding body is given as “Not stated”. Change them in the editor if you know them.' });
  const frameworkDescription = frameworkRow ? describe(cell(frameworkRow, 'description'), cell(frameworkRow, 'descriptionformat')) : '';
  const moodle: Record<string, unknown> = {};
  if (frameworkRow) {
    for (const column of ['idnumber', 'scalevalues', 'taxonomy'] as const) {
      const value = cell(frameworkRow, column).trim();
      if (value !== '') moodle[column] = value;
    }
  }
  if (frameworkDescription !== '') moodle.description = frameworkDescription;
  return {
    format: QUALIFICATION_FORMAT,
    id: specIdFrom(frameworkIdnumber, title),
    title,
    awardingBody: 'Not stated',
    version: '1',
    units,
    'x-source': { format: 'moodle-csv', identifier: frameworkIdnumber ?? null, version: null, url: null },
    ...(Object.keys(moodle).length > 0 ? { 'x-moodle': moodle } : {}),
  };
}

function mapColumns(header: CsvRow): Partial<Record<Column, number>> {
  const columns: Partial<Record<Column, number>> = {};
  header.fields.forEach((name, index) => {
    const normalised = normalisedHeader(name);
    for (const [column, aliases] of Object.entries(HEADERS) as Array<[Column, string[]]>) {
      if (columns[column] === undefined && aliases.includes(normalised)) {
        columns[column] = index;
        return;
      }
    }
  });
  return columns;
}

function nodeFor(row: CsvRow, idnumber: string, shortname: string, cell: (row: CsvRow, column: Column) => string): SourceNode {
  const description = describe(cell(row, 'description'), cell(row, 'descriptionformat'));
  const name = cleanStatement(shortname);
  // The short name is the competency; a description, when there is one, is part of its wording.
  const text = description !== '' && description !== name ? (name !== '' ? `${name}\n${description}` : description) : name;
  const related = cell(row, 'related').trim();
  return {
    code: idnumber,
    text,
    heading: name !== '' ? name : undefined,
    synopsis: description !== '' ? description : undefined,
    extensions: { 'x-moodle': { idnumber, ...(related !== '' ? { related: related.split(',').map((id) => id.replace(/%2C/g, ',')) } : {}) } },
    children: [],
    where: `line ${row.line}`,
  };
}

/** Moodle's description formats: 0 Moodle auto-format and 1 HTML carry markup; 2 plain and 4 Markdown are kept as written. */
function describe(description: string, format: string): string {
  const code = format.trim();
  return code === '2' || code === '4' ? tidyPlainText(description) : cleanStatement(description);
}

function isTrue(value: string): boolean {
  return /^(1|true|yes|y)$/i.test(value.trim());
}

function findCycle(competencies: Competency[], byIdnumber: Map<string, Competency>, frameworkIdnumber: string | undefined): Competency[] | undefined {
  const state = new Map<Competency, 'walking' | 'done'>();
  for (const start of competencies) {
    if (state.has(start)) continue;
    const path: Competency[] = [];
    let current: Competency | undefined = start;
    while (current && !state.has(current)) {
      state.set(current, 'walking');
      path.push(current);
      current = current.parent === '' || current.parent === frameworkIdnumber ? undefined : byIdnumber.get(current.parent);
    }
    if (current && state.get(current) === 'walking') return path.slice(path.indexOf(current));
    for (const item of path) state.set(item, 'done');
  }
  return undefined;
}
