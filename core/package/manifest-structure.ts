/**
 * The structural pre-pass over `manifest.json` (CONTRACTS.md §2: validation takes memory and
 * time bounded by the limits, whatever the manifest holds). One linear scan of the bytes, before
 * JSON.parse builds anything, measures what parsing would build and refuses a manifest that
 * holds more than any genuine portfolio can: 17 MiB of `{}` parse into six million objects and
 * half a gigabyte of memory, although the bytes fit easily under the 64 MiB limit.
 *
 * The same scan records where each top-level field's value lies, and where the long lists can
 * be cut between entries, so the manifest can be parsed a megabyte at a time (see
 * manifest-validation.ts): the whole text never exists as one string (a single curly quote makes
 * V8 hold such a string at two bytes a character, 128 MB for a 64 MiB manifest).
 *
 * The scan is deliberately lax about syntax inside values (JSON.parse checks every byte of them
 * afterwards); it only has to count correctly on valid JSON, and to stay linear on any bytes at
 * all. It is strict about the top level, whose bytes JSON.parse never sees when the manifest is
 * parsed in pieces. It holds one small frame per level of nesting, at most `depth` of them.
 */
import type { DuplicateKey } from '../json-syntax';
import { MAX_LISTED_PROBLEMS, jsonPointer, type Problem } from '../problems';

const MiB = 1024 * 1024;

/**
 * What a genuine package can hold, with room to spare. The largest honest manifest the app can
 * write within 64 MiB is about 100,000 evidence items and 150,000 mappings with their locators:
 * under a million objects and lists and about four million values. These limits sit above that
 * and keep the worst a hostile file can reach within the validation budget (five seconds, 300 MB).
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
  /** The longest list the format can fill within 64 MiB (the audit trail) has under 600,000 entries. */
  listEntries: 1_000_000,
  /** Records have at most a few dozen fields; "x-" objects of a specification get room to spare. */
  objectFields: 10_000,
  /**
   * The longest text a field may hold is 200,000 characters (a narrative): 2.4 MB of JSON if
   * every one is escaped (\ud83d\ude00), fewer as UTF-8.
   */
  textBytes: 4 * MiB,
  /** Numbers in a portfolio are sizes, pages and seconds. */
  numberBytes: 100,
  /**
   * Values inside "x-" fields of the embedded specification, which are kept but ignored. A
   * converted specification carries a few per marking point (source identifiers, say); half a
   * million empty objects there would pass the schema and be stored for nothing.
   */
  extensionValues: 100_000,
} as const;

/** A list is cut into pieces of about this many bytes for parsing. */
export const PIECE_BYTES = MiB;

/** One field of the top-level object: its name, and where its value lies in the bytes. */
export interface TopLevelField {
  name: string;
  /** The value is bytes [valueStart, valueEnd). */
  valueStart: number;
  valueEnd: number;
  /** For a list: offsets of the commas between entries where it may be cut, in order. */
  cuts: number[];
}

export type ManifestScan =
  | { ok: false; problem: Problem }
  /**
   * `fields` when the manifest is one object whose top level is well formed (then its values
   * can be parsed one by one); undefined otherwise, and JSON.parse of the whole text says what
   * is wrong with it.
   */
  | { ok: true; fields?: TopLevelField[]; duplicates: DuplicateKey[] };

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

/** Bytes that are JSON whitespace or structure (1), or start or continue a bare token (0). */
const IS_DELIMITER = new Uint8Array(256);
for (const code of [0x20, 0x0a, 0x0d, 0x09, QUOTE, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET, COMMA, COLON]) IS_DELIMITER[code] = 1;

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** What the top level of the manifest expects next, while it is still well formed. */
const enum Top {
  Start,
  KeyOrEnd,
  Key,
  Colon,
  Value,
  CommaOrEnd,
  Done,
  /** Not one well-formed object at the top: no fields are recorded. */
  Broken,
}

const formatCount = (count: number): string => count.toLocaleString('en-GB');

function formatSize(bytes: number): string {
  return bytes >= MiB ? `${Number((bytes / MiB).toFixed(1))} MiB (${formatCount(bytes)} bytes)` : `${formatCount(bytes)} bytes`;
}

const looseDecoder = new TextDecoder('utf-8');

/**
 * Scans the bytes of `manifest.json` (after any byte-order mark): the first way they exceed
 * MANIFEST_STRUCTURE_LIMITS, as a problem on the entry whose message says what and where (a
 * JSON Pointer, as far as the scan got); or the layout of the top level.
 */
export function scanManifest(bytes: Uint8Array, entry = 'manifest.json'): ManifestScan {
  const limits = MANIFEST_STRUCTURE_LIMITS;
  const kinds = new Uint8Array(limits.depth + 1);
  const counts = new Float64Array(limits.depth + 1);
  // The current field of each open object, as offsets of its quoted name.
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

  let top = Top.Start as Top;
  const fields: TopLevelField[] = [];
  let field: TopLevelField | undefined;
  let lastCut = 0;
  const names = new FieldNames(bytes, limits.depth);
  const duplicates: DuplicateKey[] = [];

  /** Where the scan is: the path of the open containers and their current entries. */
  const segments = (levels = depth): Array<string | number> => {
    const path: Array<string | number> = [];
    for (let level = 1; level <= levels; level++) {
      if (kinds[level] === ARRAY) path.push(Math.max(0, (counts[level] as number) - 1));
      else if ((counts[level] as number) > 0) path.push(keyName(bytes, keyStarts[level] as number, keyEnds[level] as number));
    }
    return path;
  };
  const pointer = (levels = depth): string => jsonPointer(segments(levels));
  const at = (path: string): string => (path === '' ? 'at the top level' : `at ${path}`);
  const refuse = (message: string): ManifestScan => ({ ok: false, problem: { path: entry, message } });

  /** A value starts here: count it against the limits and against the list it is in. */
  const startValue = (): string | undefined => {
    values++;
    if (depth > 0 && kinds[depth] === ARRAY) {
      const entries = (counts[depth] as number) + 1;
      counts[depth] = entries;
      if (entries > limits.listEntries) {
        return `The list ${at(pointer(depth - 1))} of ${entry} has more than ${formatCount(limits.listEntries)} entries; no list in a portfolio is that long.`;
      }
    }
    if (isExtension[depth] === 1 || isExtensionKey[depth] === 1) {
      extensionValues++;
      if (extensionValues > limits.extensionValues) {
        return `The "x-" fields of ${entry} (extra fields that are kept but ignored) hold more than ${formatCount(limits.extensionValues)} values (the limit was passed ${at(pointer())}); a specification's extra fields never need that many.`;
      }
    }
    if (values > limits.values) {
      return `${entry} holds more than ${formatCount(limits.values)} values (texts, numbers, objects and lists); no portfolio holds that many, so the file is damaged or was made to exhaust memory (the limit was passed ${at(pointer())}).`;
    }
    return undefined;
  };

  /** The top level meets a value of a field at `start`. */
  const topValueStarts = (start: number): void => {
    if (top === Top.Start) {
      top = bytes[start] === OPEN_BRACE ? Top.KeyOrEnd : Top.Broken;
    } else if (top === Top.Value && field !== undefined) {
      field.valueStart = start;
      lastCut = start;
    } else {
      top = Top.Broken;
    }
  };
  const topValueEnds = (end: number): void => {
    if (field !== undefined && top === Top.Value) {
      field.valueEnd = end;
      fields.push(field);
      field = undefined;
      top = Top.CommaOrEnd;
    }
  };

  let index = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const length = bytes.byteLength;
  while (index < length) {
    const code = bytes[index] as number;
    if (isJsonSpace(code)) {
      index++;
      continue;
    }
    if (code === QUOTE) {
      const start = index;
      const end = closingQuote(bytes, index + 1);
      if (end < 0) return { ok: true, duplicates }; // unterminated: JSON.parse says where
      index = end + 1;
      const isKey = depth > 0 && kinds[depth] === OBJECT && isKeyNext;
      if (isKey) {
        isKeyNext = false;
        const fieldCount = (counts[depth] as number) + 1;
        counts[depth] = fieldCount;
        keyStarts[depth] = start;
        keyEnds[depth] = Math.min(index, start + 400);
        isExtensionKey[depth] = isExtensionName(bytes, start, index) ? 1 : 0;
        if (fieldCount > limits.objectFields) {
          return refuse(`The object ${at(pointer(depth - 1))} of ${entry} has more than ${formatCount(limits.objectFields)} fields; no object in a portfolio has that many.`);
        }
        if (names.add(depth, start, index) && duplicates.length <= MAX_LISTED_PROBLEMS) {
          duplicates.push({ segments: segments(depth - 1), key: keyName(bytes, start, index, Number.POSITIVE_INFINITY) });
        }
        if (depth === 1 && top !== Top.Broken) {
          if (top === Top.KeyOrEnd || top === Top.Key) {
            const name = decodeName(bytes, start, index);
            if (name === undefined) top = Top.Broken;
            else {
              field = { name, valueStart: -1, valueEnd: -1, cuts: [] };
              top = Top.Colon;
            }
          } else top = Top.Broken;
        }
      } else {
        const problem = startValue();
        if (problem !== undefined) return refuse(problem);
        if (depth <= 1 && top !== Top.Broken) {
          topValueStarts(start);
          if (depth === 1) topValueEnds(index);
          else top = Top.Broken; // a text at the top level is not an object
        }
      }
      const size = end - start - 1;
      if (size > limits.textBytes) {
        return refuse(`${entry} holds ${isKey ? 'a field name' : 'a text'} of ${formatSize(size)} ${at(pointer())}; no text in a portfolio is longer than ${formatSize(limits.textBytes)}.`);
      }
      continue;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      const problem = startValue();
      if (problem !== undefined) return refuse(problem);
      containers++;
      if (containers > limits.containers) {
        return refuse(`${entry} holds more than ${formatCount(limits.containers)} objects and lists; no portfolio holds that many, so the file is damaged or was made to exhaust memory (the limit was passed ${at(pointer())}).`);
      }
      if (depth === limits.depth) {
        return refuse(`${entry} is nested more than ${limits.depth} levels deep (${at(pointer())}); a portfolio never needs that.`);
      }
      if (depth <= 1 && top !== Top.Broken) topValueStarts(index);
      const isInExtension = isExtension[depth] === 1 || isExtensionKey[depth] === 1;
      depth++;
      names.open(depth);
      kinds[depth] = code === OPEN_BRACE ? OBJECT : ARRAY;
      counts[depth] = 0;
      isExtension[depth] = isInExtension ? 1 : 0;
      isExtensionKey[depth] = 0;
      isKeyNext = code === OPEN_BRACE;
      index++;
      continue;
    }
    if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      const kind = code === CLOSE_BRACE ? OBJECT : ARRAY;
      if (depth > 0) {
        if (kinds[depth] !== kind) top = Top.Broken;
        names.close(depth);
        depth--;
      }
      index++;
      isKeyNext = false;
      if (depth === 1 && top !== Top.Broken) topValueEnds(index);
      if (depth === 0 && top !== Top.Broken) top = top === Top.KeyOrEnd || top === Top.CommaOrEnd ? Top.Done : Top.Broken;
      continue;
    }
    if (code === COMMA) {
      isKeyNext = depth > 0 && kinds[depth] === OBJECT;
      if (depth === 0) top = Top.Broken;
      if (depth === 1 && top !== Top.Broken) top = top === Top.CommaOrEnd ? Top.Key : Top.Broken;
      // Inside a top-level list: a place where it may be cut, once a piece is big enough.
      if (depth === 2 && kinds[2] === ARRAY && field !== undefined && index - lastCut >= PIECE_BYTES) {
        field.cuts.push(index);
        lastCut = index;
      }
      index++;
      continue;
    }
    if (code === COLON) {
      isKeyNext = false;
      if (depth === 0) top = Top.Broken;
      if (depth === 1 && top !== Top.Broken) top = top === Top.Colon ? Top.Value : Top.Broken;
      index++;
      continue;
    }
    // A number or a literal (true, false, null), or something JSON.parse will refuse.
    const start = index;
    while (index < length && IS_DELIMITER[bytes[index] as number] === 0) index++;
    if (index === start) index++;
    const problem = startValue();
    if (problem !== undefined) return refuse(problem);
    if (depth <= 1 && top !== Top.Broken) {
      topValueStarts(start);
      if (depth === 1) topValueEnds(index);
      else top = Top.Broken;
    }
    if (index - start > limits.numberBytes) {
      return refuse(`${entry} holds a number (or other bare value) of ${formatCount(index - start)} characters ${at(pointer())}; numbers in a portfolio are short.`);
    }
  }
  return top === Top.Done ? { ok: true, fields, duplicates } : { ok: true, duplicates };
}

/**
 * The field names of every open object, to find a name given twice in one object (JSON.parse
 * quietly keeps the last, another reader may keep the first). Names are compared by their
 * bytes once decoded (so "\u0061" and "a" are the same name): each is hashed, and an object
 * with more than a few fields indexes its hashes, so checking stays linear.
 */
class FieldNames {
  private starts: number[] = [];
  private ends: number[] = [];
  private hashes: number[] = [];
  /** The decoded bytes of a name written with escapes (rare); undefined for a plain name. */
  private decoded: Array<Uint8Array | undefined> = [];
  private readonly base: Int32Array;
  private readonly indexes: Array<Map<number, number[]> | undefined>;

  constructor(private readonly bytes: Uint8Array, depth: number) {
    this.base = new Int32Array(depth + 2);
    this.indexes = new Array<Map<number, number[]> | undefined>(depth + 2);
  }

  open(depth: number): void {
    this.base[depth] = this.starts.length;
    this.indexes[depth] = undefined;
  }

  close(depth: number): void {
    const base = this.base[depth] as number;
    if (this.starts.length > base) {
      this.starts.length = base;
      this.ends.length = base;
      this.hashes.length = base;
      this.decoded.length = base;
    }
    this.indexes[depth] = undefined;
  }

  /** Notes the quoted name at [start, end) in the object at `depth`; true if it is already there. */
  add(depth: number, start: number, end: number): boolean {
    const bytes = this.bytes;
    // FNV-1a over the name's bytes, noticing any escape on the way.
    let hash = 0x811c9dc5;
    let hasEscape = false;
    for (let index = start + 1; index < end - 1; index++) {
      const code = bytes[index] as number;
      if (code === BACKSLASH) hasEscape = true;
      hash = Math.imul(hash ^ code, 0x01000193);
    }
    let decoded: Uint8Array | undefined;
    if (hasEscape) {
      decoded = escapedNameBytes(bytes, start, end);
      hash = 0x811c9dc5;
      for (let index = 0; index < decoded.byteLength; index++) hash = Math.imul(hash ^ (decoded[index] as number), 0x01000193);
    }
    hash >>>= 0;
    const at = this.starts.length;
    this.starts.push(start);
    this.ends.push(end);
    this.hashes.push(hash);
    this.decoded.push(decoded);
    const base = this.base[depth] as number;
    let isRepeated = false;
    const index = this.indexes[depth];
    if (index !== undefined) {
      const list = index.get(hash);
      if (list === undefined) index.set(hash, [at]);
      else {
        for (const earlier of list) if (this.isSameName(earlier, at)) isRepeated = true;
        list.push(at);
      }
    } else {
      for (let earlier = base; earlier < at; earlier++) if (this.hashes[earlier] === hash && this.isSameName(earlier, at)) isRepeated = true;
      // A big object indexes its names by hash, so each new one is checked in constant time.
      if (at - base >= 16) {
        const built = new Map<number, number[]>();
        for (let position = base; position <= at; position++) {
          const key = this.hashes[position] as number;
          const list = built.get(key);
          if (list === undefined) built.set(key, [position]);
          else list.push(position);
        }
        this.indexes[depth] = built;
      }
    }
    return isRepeated;
  }

  private isSameName(a: number, b: number): boolean {
    const first = this.decoded[a] ?? this.bytes.subarray((this.starts[a] as number) + 1, (this.ends[a] as number) - 1);
    const second = this.decoded[b] ?? this.bytes.subarray((this.starts[b] as number) + 1, (this.ends[b] as number) - 1);
    if (first.byteLength !== second.byteLength) return false;
    for (let index = 0; index < first.byteLength; index++) if (first[index] !== second[index]) return false;
    return true;
  }
}

const utf8Encoder = new TextEncoder();

/** The UTF-8 bytes of a name written with escapes, decoded; its raw bytes if it will not decode. */
function escapedNameBytes(bytes: Uint8Array, start: number, end: number): Uint8Array {
  try {
    const name: unknown = JSON.parse(looseDecoder.decode(bytes.subarray(start, end)));
    if (typeof name === 'string') return utf8Encoder.encode(name);
  } catch {
    // Damaged: JSON.parse reports it later.
  }
  return bytes.slice(start + 1, end - 1);
}

/**
 * The index of the quote that closes a string whose contents start at `from`, or -1. A quote
 * closes the string when an even number of backslashes precede it; each run of backslashes is
 * looked at once, so the search stays linear. (UTF-8 never uses these bytes inside a character.)
 */
function closingQuote(bytes: Uint8Array, from: number): number {
  let position = from;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, position);
    if (quote < 0) return -1;
    let backslashes = 0;
    for (let back = quote - 1; back >= from && bytes[back] === BACKSLASH; back--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    position = quote + 1;
  }
}

/** Whether the quoted field name at [start, end) begins "x-", written plainly or as \u escapes. */
function isExtensionName(bytes: Uint8Array, start: number, end: number): boolean {
  let position = start + 1;
  for (const wanted of [0x78, 0x2d]) {
    if (position >= end - 1) return false;
    let code = bytes[position] as number;
    position++;
    if (code === BACKSLASH) {
      // Only a \u escape can stand for "x" or "-" in JSON.
      if (bytes[position] !== 0x75) return false;
      code = Number.parseInt(String.fromCharCode(...bytes.subarray(position + 1, position + 5)), 16);
      position += 5;
    }
    if (code !== wanted) return false;
  }
  return true;
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** A top-level field name, escapes decoded; undefined if it is not valid UTF-8 and JSON. */
function decodeName(bytes: Uint8Array, start: number, end: number): string | undefined {
  try {
    const name: unknown = JSON.parse(strictDecoder.decode(bytes.subarray(start, end)));
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** A field name from its quoted form (escapes decoded), for a message; cut to `max` characters. */
function keyName(bytes: Uint8Array, start: number, end: number, max = 60): string {
  const quoted = looseDecoder.decode(bytes.subarray(start, end));
  try {
    const name: unknown = JSON.parse(quoted);
    if (typeof name === 'string') return name.length > max ? `${name.slice(0, max - 3)}…` : name;
  } catch {
    // Cut short for the message, or damaged: show it as it is written.
  }
  return quoted.slice(1, 58);
}
