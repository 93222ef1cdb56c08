/**
 * Converting the forms centres hold their qualifications in (IMS CASE packages, IfATE /
 * Skills England apprenticeship standards, Mahara SmartEvidence matrices, Moodle competency
 * CSV exports) into `portfolio-qualification/1` (CONTRACTS.md §1, §3 `convert-spec`). The
 * same code runs in the CLI and in the app. Every result is checked with the specification
 * validator before it is returned, so a conversion either gives a valid specification or says,
 * in plain words and with where, why it cannot.
 */
import type { Problem } from '../../problems';
import type { QualificationSpec } from '../types';
import { QUALIFICATION_FORMAT } from '../types';
import { MAX_SPEC_BYTES, checkNesting, describeJsonError, formatMiB, isRecord, validateSpecValue } from '../validate';
import { convertCase, looksLikeCase } from './case';
import { convertIfate, looksLikeIfate } from './ifate';
import { convertMahara, looksLikeMahara } from './mahara';
import { convertMoodleCsv, looksLikeMoodleCsv } from './moodle-csv';
import { decodeInput } from './text';
import { ConversionError, type ConversionNote, type ConversionResult, type ConvertOptions, type SourceFormat, formatWithArticle } from './types';

export * from './types';

/** Framework exports are larger than specifications (CASE packages repeat URIs for every node). */
export const MAX_CONVERT_INPUT_BYTES = 32 * 1024 * 1024;
const MAX_JSON_NESTING = 64;

export function convertSpecBytes(bytes: Uint8Array, options: ConvertOptions = {}): ConversionResult {
  if (bytes.byteLength > MAX_CONVERT_INPUT_BYTES) {
    return fail(`The file is ${formatMiB(bytes.byteLength)}; a framework to convert may be at most ${formatMiB(MAX_CONVERT_INPUT_BYTES)}.`, options.from);
  }
  const decoded = decodeInput(bytes);
  if (!decoded.ok) return fail(decoded.message, options.from);
  const result = convertSpecText(decoded.decoded.text, options);
  if (result.ok && decoded.decoded.note) result.notes.unshift({ where: '', kind: 'changed', message: decoded.decoded.note });
  return result;
}

export function convertSpecText(raw: string, options: ConvertOptions = {}): ConversionResult {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.length > MAX_CONVERT_INPUT_BYTES) return fail(`The text is longer than ${formatMiB(MAX_CONVERT_INPUT_BYTES)}; a framework to convert may be at most that.`, options.from);
  if (text.trim() === '') return fail('The file is empty.', options.from);
  const notes: ConversionNote[] = [];
  let format: SourceFormat | undefined = options.from;
  try {
    const isJson = /^[\s]*[[{]/.test(text);
    if (!isJson) {
      if (format === undefined && looksLikeMoodleCsv(text)) format = 'moodle-csv';
      if (format === undefined) return fail(notRecognised(text), undefined);
      if (format !== 'moodle-csv') return fail(`The file is not JSON, so it is not ${formatWithArticle(format)}${looksLikeMoodleCsv(text) ? '; it looks like a Moodle competency CSV (use --from moodle-csv)' : ''}.`, format);
      return finish(convertMoodleCsv(text, notes, options.fileName), format, notes);
    }
    if (format === 'moodle-csv') return fail('The file is JSON, not CSV, so it is not a Moodle competency framework export.' + detectedHint(text), format);
    const nesting = checkNesting(text, MAX_JSON_NESTING, 'a framework export');
    if (nesting) return { ok: false, format, problems: [nesting] };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return fail(`The file is not valid JSON: ${describeJsonError(text)}.`, format);
    }
    const detected = detectJson(value);
    if (isRecord(value) && (value.format === QUALIFICATION_FORMAT || (detected === undefined && looksLikeSpec(value)))) {
      const message = value.format === QUALIFICATION_FORMAT
        ? `This is already a ${QUALIFICATION_FORMAT} specification; it needs no converting. Import it as it is (validate-spec checks it).`
        : `This looks like a qualification specification rather than a framework export, so it needs no converting; validate-spec says what is wrong with it.`;
      return { ok: false, problems: [{ path: '', message }], isAlreadySpec: true };
    }
    if (format === undefined) {
      if (detected === undefined) return fail(notRecognised(text, value), undefined);
      format = detected;
    } else if (detected !== undefined && detected !== format) {
      return fail(`The file does not look like ${formatWithArticle(format)}: it looks like ${formatWithArticle(detected)} (use --from ${detected}, or leave --from out).`, format);
    } else if (detected === undefined) {
      return fail(`The file does not look like ${formatWithArticle(format)}: ${whatItHas(value)}`, format);
    }
    const spec = format === 'case' ? convertCase(value, notes, options.fileName) : format === 'ifate' ? convertIfate(value, notes, options.fileName) : convertMahara(value, notes, options.fileName);
    return finish(spec, format, notes);
  } catch (error) {
    if (error instanceof ConversionError) return { ok: false, format, problems: error.problems };
    if (error instanceof RangeError) return fail('The file is too complex to convert (it runs out of room while being read); it is probably broken.', format);
    throw error;
  }
}

/** The converted spec must pass the product's own validator and fit the 5 MiB a spec may be. */
function finish(spec: QualificationSpec, format: SourceFormat, notes: ConversionNote[]): ConversionResult {
  const checked = validateSpecValue(spec);
  if (!checked.ok) {
    return { ok: false, format, problems: [{ path: '', message: 'The converted specification did not pass validation, so it is not given out. This is a fault in the converter; please report it with the file.' }, ...checked.problems] };
  }
  // Written without indentation it must fit the 5 MiB a specification may be (specText indents it when that fits too).
  const size = new TextEncoder().encode(JSON.stringify(spec)).byteLength;
  if (size > MAX_SPEC_BYTES) {
    return fail(`The converted specification would be ${formatMiB(size)}, more than the ${formatMiB(MAX_SPEC_BYTES)} a specification may be. Convert a smaller part of the framework.`, format);
  }
  return { ok: true, format, spec: checked.spec, notes };
}

/** A spec written by hand that went wrong: its own format named, or units where a spec has them. */
function looksLikeSpec(value: Record<string, unknown>): boolean {
  return (typeof value.format === 'string' && value.format.startsWith('portfolio-qualification')) || Array.isArray(value.units);
}

export function detectJson(value: unknown): SourceFormat | undefined {
  if (looksLikeMahara(value)) return 'mahara';
  if (looksLikeCase(value)) return 'case';
  if (looksLikeIfate(value)) return 'ifate';
  return undefined;
}

function detectedHint(text: string): string {
  try {
    const detected = detectJson(JSON.parse(text));
    return detected ? ` It looks like ${formatWithArticle(detected)} (use --from ${detected}).` : '';
  } catch {
    return '';
  }
}

function notRecognised(text: string, value?: unknown): string {
  const formats = 'an IMS CASE package (JSON), an IfATE / Skills England standard (JSON), a Mahara .matrix (JSON) or a Moodle competency CSV';
  if (value === undefined) {
    if (/^\s*</.test(text)) return `This looks like XML or HTML, which cannot be converted. The file must be ${formats}.`;
    return `This is not a format that can be converted: the first line is not a Moodle competency CSV header (with "ID number" and "Short name") and the file is not JSON. The file must be ${formats}.`;
  }
  return `The JSON is not a framework this app can convert: ${whatItHas(value)} The file must be ${formats}.`;
}

function whatItHas(value: unknown): string {
  if (Array.isArray(value)) return `it is a list of ${value.length.toLocaleString('en-GB')} entries, none of them a standard or framework.`;
  if (!isRecord(value)) return 'it holds a single value, not an object.';
  const keys = Object.keys(value).slice(0, 8).map((key) => `"${key.replace(/\p{Cc}/gu, ' ').slice(0, 30)}"`);
  return keys.length === 0 ? 'it is an empty object.' : `its fields are ${keys.join(', ')}${Object.keys(value).length > 8 ? ', …' : ''}.`;
}

function fail(message: string, format: SourceFormat | undefined): ConversionResult {
  const problems: Problem[] = [{ path: '', message }];
  return format === undefined ? { ok: false, problems } : { ok: false, format, problems };
}

/** The specification as JSON text: indented for people, or compact when indenting would pass the 5 MiB limit. */
export function specText(spec: QualificationSpec): string {
  const pretty = JSON.stringify(spec, null, 2);
  return new TextEncoder().encode(pretty).byteLength <= MAX_SPEC_BYTES ? pretty : JSON.stringify(spec);
}

/** Counts for a preview: units, outcomes, marking points. */
export function specCounts(spec: QualificationSpec): { units: number; learningOutcomes: number; markingPoints: number } {
  let learningOutcomes = 0;
  let markingPoints = 0;
  for (const unit of spec.units) {
    learningOutcomes += unit.learningOutcomes.length;
    for (const outcome of unit.learningOutcomes) markingPoints += outcome.markingPoints.length;
  }
  return { units: spec.units.length, learningOutcomes, markingPoints };
}
