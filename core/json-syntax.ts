/**
 * Finds where JSON text breaks, because engines word (and place) JSON.parse errors
 * differently. Called only after JSON.parse has failed. Iterative, so depth costs no stack.
 */
import { jsonPointer, type Problem } from './problems';

export interface JsonSyntaxError {
  offset: number;
  /** What the reader expected at that point, in plain words. */
  expected: string;
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let index = 0;
  const stack: Array<'object' | 'array'> = [];
  const skipSpace = (): void => {
    while (index < text.length && ' \t\n\r'.includes(text[index] as string)) index++;
  };
  const error = (expected: string): JsonSyntaxError => ({ offset: index, expected });

  const readString = (): JsonSyntaxError | undefined => {
    index++; // opening quote
    while (index < text.length) {
      const char = text[index] as string;
      if (char === '"') {
        index++;
        return undefined;
      }
      if (char === '\\') {
        const next = text[index + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) return { offset: index, expected: 'a \\u escape with four hexadecimal digits' };
          index += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) index += 2;
        else return { offset: index, expected: 'a valid escape such as \\" or \\n' };
        continue;
      }
      if (char.charCodeAt(0) < 0x20) return { offset: index, expected: 'no line breaks or control characters inside text (use \\n)' };
      index++;
    }
    return error('a closing quote');
  };

  const readValue = (): JsonSyntaxError | 'open' | undefined => {
    skipSpace();
    const char = text[index];
    if (char === undefined) return error('a value');
    if (char === '{') {
      stack.push('object');
      index++;
      return 'open';
    }
    if (char === '[') {
      stack.push('array');
      index++;
      return 'open';
    }
    if (char === '"') return readString();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(index, index + 400));
    if (!literal) return error('a value (text in double quotes, a number, true, false, null, { or [)');
    index += literal[0].length;
    return undefined;
  };

  // After a value: expect "," or the closing bracket of the container, or the end.
  const afterValue = (): JsonSyntaxError | undefined => {
    for (;;) {
      skipSpace();
      const container = stack.at(-1);
      if (container === undefined) return index < text.length ? error('the end of the file') : undefined;
      const char = text[index];
      if (char === ',') {
        index++;
        return container === 'object' ? readMemberName() : undefined;
      }
      if ((container === 'object' && char === '}') || (container === 'array' && char === ']')) {
        stack.pop();
        index++;
        continue;
      }
      return error(container === 'object' ? 'a comma or }' : 'a comma or ]');
    }
  };

  const readMemberName = (): JsonSyntaxError | undefined => {
    skipSpace();
    if (text[index] !== '"') return error('a field name in double quotes');
    const problem = readString();
    if (problem) return problem;
    skipSpace();
    if (text[index] !== ':') return error('a colon after the field name');
    index++;
    return undefined;
  };

  let pending: JsonSyntaxError | 'open' | undefined = readValue();
  for (;;) {
    if (pending !== undefined && pending !== 'open') return pending;
    if (pending === 'open') {
      skipSpace();
      const container = stack.at(-1);
      const closer = container === 'object' ? '}' : ']';
      if (text[index] === closer) {
        stack.pop();
        index++;
      } else if (container === 'object') {
        const problem = readMemberName();
        if (problem) return problem;
        pending = readValue();
        continue;
      } else {
        pending = readValue();
        continue;
      }
    }
    const problem = afterValue();
    if (problem) return problem;
    if (stack.length === 0) return undefined;
    pending = readValue();
  }
}

/** A field name that appears twice in one object: `segments` lead to the object, `key` is the name. */
export interface DuplicateKey {
  segments: Array<string | number>;
  key: string;
}

type Frame = { kind: 'object'; keys: Set<string>; key?: string } | { kind: 'array'; index: number };

/**
 * Field names given twice in one object. JSON.parse quietly keeps the last, but another reader
 * may keep the first, so one file could mean two different things to two programs: the app
 * treats it as a mistake. Call only on text that JSON.parse has accepted. Linear and iterative.
 */
export function findDuplicateKeys(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const frames: Frame[] = [];
  let isKeyNext = false;
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') {
      const start = index;
      let hasEscape = false;
      index++;
      while (index < text.length && text[index] !== '"') {
        if (text[index] === '\\') hasEscape = true;
        index += text[index] === '\\' ? 2 : 1;
      }
      index++;
      const top = frames.at(-1);
      if (top?.kind === 'object' && isKeyNext) {
        // Escapes are decoded ("\u0061" and "a" are the same name); most names have none.
        const key = hasEscape ? (JSON.parse(text.slice(start, index)) as string) : text.slice(start + 1, index - 1);
        if (top.keys.has(key)) found.push({ segments: frames.slice(0, -1).map((frame) => (frame.kind === 'object' ? (frame.key ?? '') : frame.index)), key });
        top.keys.add(key);
        top.key = key;
        isKeyNext = false;
      }
      continue;
    }
    if (char === '{') {
      frames.push({ kind: 'object', keys: new Set() });
      isKeyNext = true;
    } else if (char === '[') {
      frames.push({ kind: 'array', index: 0 });
      isKeyNext = false;
    } else if (char === '}' || char === ']') {
      frames.pop();
      isKeyNext = false;
    } else if (char === ',') {
      const top = frames.at(-1);
      if (top?.kind === 'object') isKeyNext = true;
      else if (top?.kind === 'array') top.index++;
    }
    index++;
  }
  return found;
}

/** The duplicate field names of JSON text as problems, each at the JSON Pointer of the repeated field. */
export function duplicateKeyProblems(text: string): Problem[] {
  return findDuplicateKeys(text).map(duplicateKeyProblem);
}

/** One repeated field name as a problem at its JSON Pointer. */
export function duplicateKeyProblem({ segments, key }: DuplicateKey): Problem {
  return {
    path: jsonPointer([...segments, key]),
    message: `the field "${key.replace(/\p{Cc}/gu, ' ').slice(0, 60)}" is given more than once in the same object. Programs differ over which one counts, so give it once.`,
  };
}
