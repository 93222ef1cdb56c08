/**
 * Reading fields from JSON that different tools, and different versions of one tool, spell
 * differently: names are matched ignoring case, spaces, hyphens and underscores, and values
 * are read liberally (numbers as text, one object where a list was expected).
 */
import { isRecord } from '../validate';
import { asText } from './text';

export type JsonRecord = Record<string, unknown>;

function normalisedName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

/** The first present field among `names` (own properties only), matched loosely; with its real name. */
export function field(record: JsonRecord, names: readonly string[]): { name: string; value: unknown } | undefined {
  for (const name of names) {
    if (Object.hasOwn(record, name) && record[name] !== null && record[name] !== undefined) return { name, value: record[name] };
  }
  const wanted = new Set(names.map(normalisedName));
  for (const [name, value] of Object.entries(record)) {
    if (value !== null && value !== undefined && wanted.has(normalisedName(name))) return { name, value };
  }
  return undefined;
}

export function fieldValue(record: JsonRecord, names: readonly string[]): unknown {
  return field(record, names)?.value;
}

/** A text field, trimmed; absent when missing or blank. */
export function textField(record: JsonRecord, names: readonly string[]): string | undefined {
  const text = asText(fieldValue(record, names))?.trim();
  return text === undefined || text === '' ? undefined : text;
}

/** A list field: a list as it is, one object as a list of one, an object of objects as its values. */
export function listField(record: JsonRecord, names: readonly string[]): { name: string; items: unknown[] } | undefined {
  const found = field(record, names);
  if (!found) return undefined;
  const { name, value } = found;
  if (Array.isArray(value)) return { name, items: value };
  if (isRecord(value)) {
    const values = Object.values(value);
    // A map of id → record (PHP's json_encode of an array with gaps) rather than one record.
    if (values.length > 0 && values.every((item) => isRecord(item))) return { name, items: values };
    return { name, items: [value] };
  }
  return undefined;
}

export { isRecord };
