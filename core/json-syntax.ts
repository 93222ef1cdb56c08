/**
 * Finds where JSON text breaks, because engines word (and place) JSON.parse errors
 * differently. Called only after JSON.parse has failed. Iterative, so depth costs no stack.
 */
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
