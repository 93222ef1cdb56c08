/**
 * The structural pre-pass over `manifest.json` (CONTRACTS.md §2: validation takes memory and
 * time bounded by the limits, whatever the manifest holds). One linear scan of the text, before
 * JSON.parse builds anything, measures what parsing would build and refuses a manifest that
 * holds more than any genuine portfolio can: 17 MiB of `{}` parse into six million objects and
 * half a gigabyte of memory, although the bytes fit easily under the 64 MiB limit.
 *
 * The scan is deliberately lax about syntax (JSON.parse reports syntax errors afterwards, with
 * its own position); it only has to count correctly on text that is valid JSON, and to stay
 * linear on any text at all. It holds one small frame per level of nesting, never more than
 * MANIFEST_STRUCTURE_LIMITS.depth of them.
 */
import { jsonPointer, type Problem } from '../problems';

/**
 * What a genuine package can hold, with room to spare. The largest honest manifest the app can
 * write within 64 MiB is about 200,000 evidence items or 270,000 mappings with their locators:
 * under a million objects and lists and about four million values, and JSON.parse of it takes
 * about 180 MB. These limits sit above that and keep the worst case a hostile file can reach
 * within the validation budget (five seconds, 300 MB).
 */
export const MANIFEST_STRUCTURE_LIMITS = {
  /**
   * Real manifests nest about ten levels deep. Deeper values (possible only inside "x-" fields
   * of the embedded specification) would trouble every later recursive step, such as canonical
   * JSON. It stays above the specification's own limit (64) plus where the specification sits,
   * so any specification the app accepts can travel in a package.
   */
  depth: 72,
  /** Objects and lists together. */
  containers: 1_500_000,
  /** Every value: objects, lists, texts, numbers, true, false and null. */
  values: 6_000_000,
  /** The longest list the format can fill within 64 MiB (the audit trail) is under 600,000 entries. */
  listEntries: 1_000_000,
  /** Records have at most a few dozen fields; "x-" objects of a specification get room to spare. */
  objectFields: 10_000,
  /**
   * The longest text a field may hold is 200,000 characters (a narrative); written with every
   * character escaped (\u0000) that is 1,200,000 characters of JSON.
   */
  textCharacters: 1_200_000,
  /** Numbers in a portfolio are sizes, pages and seconds. */
  numberCharacters: 100,
  /**
   * Values inside "x-" fields of the embedded specification, which are kept but ignored. A
   * converted specification carries a few per marking point (source identifiers, say); half a
   * million empty objects there would pass the schema and be stored for nothing.
   */
  extensionValues: 100_000,
} as const;

const OBJECT = 1;
const ARRAY = 2;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Characters that end a number or literal: whitespace and the structural characters. */
function endsToken(code: number): boolean {
  return isJsonSpace(code) || code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || code === COLON || code === QUOTE || code === OPEN_BRACE || code === OPEN_BRACKET;
}

const formatCount = (count: number): string => count.toLocaleString('en-GB');

/**
 * The first way the manifest text exceeds MANIFEST_STRUCTURE_LIMITS, as a problem on the entry
 * whose message says what and where (a JSON Pointer, as far as the scan got); undefined when
 * the text keeps within all of them.
 */
export function manifestStructureProblem(text: string, entry = 'manifest.json'): Problem | undefined {
  const limits = MANIFEST_STRUCTURE_LIMITS;
  const kinds = new Uint8Array(limits.depth + 1);
  const counts = new Float64Array(limits.depth + 1);
  // The current field of each open object, as offsets of its quoted name in the text.
  const keyStarts = new Int32Array(limits.depth + 1);
  const keyEnds = new Int32Array(limits.depth + 1);
  // Whether each open container lies inside an "x-" field, and whether each open object's
  // current field is one.
  const isExtension = new Uint8Array(limits.depth + 1);
  const isExtensionKey = new Uint8Array(limits.depth + 1);
  let extensionValues = 0;
  let depth = 0;
  let containers = 0;
  let values = 0;
  let isKeyNext = false;

  /** Where the scan is: the JSON Pointer of the open containers and their current entries. */
  const pointer = (levels = depth): string => {
    const segments: Array<string | number> = [];
    for (let level = 1; level <= levels; level++) {
      if (kinds[level] === ARRAY) segments.push(Math.max(0, (counts[level] as number) - 1));
      else if ((counts[level] as number) > 0) segments.push(keyName(text, keyStarts[level] as number, keyEnds[level] as number));
    }
    return jsonPointer(segments);
  };
  const at = (path: string): string => (path === '' ? 'at the top level' : `at ${path}`);

  /** A value starts here: count it against the limits and against the list it is in. */
  const startValue = (): Problem | undefined => {
    values++;
    if (depth > 0 && kinds[depth] === ARRAY) {
      const entries = (counts[depth] as number) + 1;
      counts[depth] = entries;
      if (entries > limits.listEntries) {
        return { path: entry, message: `The list ${at(pointer(depth - 1))} of ${entry} has more than ${formatCount(limits.listEntries)} entries; no list in a portfolio is that long.` };
      }
    }
    if (isExtension[depth] === 1 || isExtensionKey[depth] === 1) {
      extensionValues++;
      if (extensionValues > limits.extensionValues) {
        return { path: entry, message: `The "x-" fields of ${entry} (extra fields that are kept but ignored) hold more than ${formatCount(limits.extensionValues)} values (the limit was passed ${at(pointer())}); a specification's extra fields never need that many.` };
      }
    }
    if (values > limits.values) {
      return { path: entry, message: `${entry} holds more than ${formatCount(limits.values)} values (texts, numbers, objects and lists); no portfolio holds that many, so the file is damaged or was made to exhaust memory (the limit was passed ${at(pointer())}).` };
    }
    return undefined;
  };

  let index = 0;
  const length = text.length;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (isJsonSpace(code)) {
      index++;
      continue;
    }
    if (code === QUOTE) {
      const start = index;
      const end = closingQuote(text, index + 1);
      if (end < 0) return undefined; // unterminated: JSON.parse says where
      index = end + 1;
      const characters = end - start - 1;
      const isKey = depth > 0 && kinds[depth] === OBJECT && isKeyNext;
      if (isKey) {
        isKeyNext = false;
        const fields = (counts[depth] as number) + 1;
        counts[depth] = fields;
        keyStarts[depth] = start;
        keyEnds[depth] = Math.min(index, start + 400);
        isExtensionKey[depth] = isExtensionName(text, start, index) ? 1 : 0;
        if (fields > limits.objectFields) {
          return { path: entry, message: `The object ${at(pointer(depth - 1))} of ${entry} has more than ${formatCount(limits.objectFields)} fields; no object in a portfolio has that many.` };
        }
      } else {
        const problem = startValue();
        if (problem !== undefined) return problem;
      }
      if (characters > limits.textCharacters) {
        const what = isKey ? 'a field name' : 'a text';
        return { path: entry, message: `${entry} holds ${what} of ${formatCount(characters)} characters ${at(pointer())}; no field of a portfolio holds more than ${formatCount(limits.textCharacters)}.` };
      }
      continue;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      const problem = startValue();
      if (problem !== undefined) return problem;
      containers++;
      if (containers > limits.containers) {
        return { path: entry, message: `${entry} holds more than ${formatCount(limits.containers)} objects and lists; no portfolio holds that many, so the file is damaged or was made to exhaust memory (the limit was passed ${at(pointer())}).` };
      }
      if (depth === limits.depth) {
        return { path: entry, message: `${entry} is nested more than ${limits.depth} levels deep (${at(pointer())}); a portfolio never needs that.` };
      }
      const isInExtension = isExtension[depth] === 1 || isExtensionKey[depth] === 1;
      depth++;
      kinds[depth] = code === OPEN_BRACE ? OBJECT : ARRAY;
      counts[depth] = 0;
      isExtension[depth] = isInExtension ? 1 : 0;
      isExtensionKey[depth] = 0;
      isKeyNext = code === OPEN_BRACE;
      index++;
      continue;
    }
    if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      if (depth > 0) depth--;
      isKeyNext = false;
      index++;
      continue;
    }
    if (code === COMMA) {
      isKeyNext = depth > 0 && kinds[depth] === OBJECT;
      index++;
      continue;
    }
    if (code === COLON) {
      isKeyNext = false;
      index++;
      continue;
    }
    // A number or a literal (true, false, null), or something JSON.parse will refuse.
    const start = index;
    while (index < length && !endsToken(text.charCodeAt(index))) index++;
    if (index === start) index++;
    const problem = startValue();
    if (problem !== undefined) return problem;
    if (index - start > limits.numberCharacters) {
      return { path: entry, message: `${entry} holds a number (or other bare value) of ${formatCount(index - start)} characters ${at(pointer())}; numbers in a portfolio are short.` };
    }
  }
  return undefined;
}

/**
 * The index of the quote that closes a string whose contents start at `from`, or -1. A quote
 * closes the string when an even number of backslashes precede it; each run of backslashes is
 * looked at once, so the search stays linear.
 */
function closingQuote(text: string, from: number): number {
  let position = from;
  for (;;) {
    const quote = text.indexOf('"', position);
    if (quote < 0) return -1;
    let backslashes = 0;
    for (let back = quote - 1; back >= from && text.charCodeAt(back) === BACKSLASH; back--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    position = quote + 1;
  }
}

/** Whether the quoted field name at [start, end) begins "x-", written plainly or as \u escapes. */
function isExtensionName(text: string, start: number, end: number): boolean {
  let position = start + 1;
  for (const wanted of [0x78, 0x2d]) {
    if (position >= end - 1) return false;
    let code = text.charCodeAt(position);
    position++;
    if (code === BACKSLASH) {
      // Only a \u escape can stand for "x" or "-" in JSON.
      if (text.charCodeAt(position) !== 0x75) return false;
      code = Number.parseInt(text.slice(position + 1, position + 5), 16);
      position += 5;
    }
    if (code !== wanted) return false;
  }
  return true;
}

/** A field name from its quoted form in the text (escapes decoded), for a message. */
function keyName(text: string, start: number, end: number): string {
  const quoted = text.slice(start, end);
  try {
    const name: unknown = JSON.parse(quoted);
    if (typeof name === 'string') return name.length > 60 ? `${name.slice(0, 57)}…` : name;
  } catch {
    // Cut short for the message, or damaged: show it as it is written.
  }
  return quoted.slice(1, 58);
}
