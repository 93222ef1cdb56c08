/**
 * A CSV reader (RFC 4180, as spreadsheet programs and Moodle write it): comma, semicolon or
 * tab separated, fields in double quotes may hold separators, doubled quotes and line breaks,
 * CRLF or LF line endings. A quoted field that never ends, or text straight after a closing
 * quote, is refused with its line and column, because the rows after it could not be trusted.
 * One linear pass.
 */
import type { Problem } from '../../problems';

export interface CsvRow {
  fields: string[];
  /** The line the row starts on (1-based), for messages. */
  line: number;
}

export type CsvResult = { ok: true; rows: CsvRow[]; delimiter: string } | { ok: false; problems: Problem[] };

export const MAX_CSV_ROWS = 200_000;

/** The separator of the header line: the one of `,`, `;` and tab that occurs most outside quotes. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let inQuotes = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === '\n' || char === '\r')) break;
    else if (!inQuotes && counts.has(char)) counts.set(char, (counts.get(char) as number) + 1);
  }
  let best = ',';
  for (const [candidate, count] of counts) if (count > (counts.get(best) as number)) best = candidate;
  return best;
}

export function parseCsv(text: string, delimiter = detectDelimiter(text)): CsvResult {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let lineStart = 0;
  let index = 0;
  const endRow = (): void => {
    fields.push(field);
    field = '';
    // Blank lines carry no row.
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ fields, line: rowLine });
    fields = [];
  };
  while (index < text.length) {
    const char = text[index] as string;
    if (char === '"' && field === '') {
      // A quoted field: runs to the next quote that is not doubled.
      const openLine = line;
      const openColumn = index - lineStart + 1;
      index++;
      let closed = false;
      while (index < text.length) {
        const inner = text[index] as string;
        if (inner === '"') {
          if (text[index + 1] === '"') {
            field += '"';
            index += 2;
            continue;
          }
          closed = true;
          index++;
          break;
        }
        if (inner === '\n' || (inner === '\r' && text[index + 1] !== '\n')) {
          line++;
          lineStart = index + 1;
        }
        field += inner;
        index++;
      }
      if (!closed) {
        return { ok: false, problems: [{ path: `line ${openLine}`, message: `The quoted field that starts at column ${openColumn} is never closed: a double quote (") is missing, so everything after it would be read as one field.` }] };
      }
      const next = text[index];
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
        if (openLine !== line) {
          // A field that ran over lines and then breaks is nearly always one whose closing quote is missing.
          return { ok: false, problems: [{ path: `line ${openLine}`, message: `The quoted field that starts at column ${openColumn} runs on to line ${line}, where text follows a quote at column ${index - lineStart + 1}: a closing double quote (") is probably missing on line ${openLine}.` }] };
        }
        return { ok: false, problems: [{ path: `line ${line}`, message: `At column ${index - lineStart + 1} there is text straight after a closing quote. Inside a quoted field a double quote must be written twice ("").` }] };
      }
      continue;
    }
    if (char === delimiter) {
      fields.push(field);
      field = '';
      index++;
      continue;
    }
    if (char === '\r' || char === '\n') {
      endRow();
      index += char === '\r' && text[index + 1] === '\n' ? 2 : 1;
      line++;
      lineStart = index;
      rowLine = line;
      if (rows.length > MAX_CSV_ROWS) return { ok: false, problems: [{ path: `line ${line}`, message: `The file has more than ${MAX_CSV_ROWS.toLocaleString('en-GB')} rows; that is more than any competency framework needs.` }] };
      continue;
    }
    field += char;
    index++;
  }
  if (field !== '' || fields.length > 0) endRow();
  return { ok: true, rows, delimiter };
}
