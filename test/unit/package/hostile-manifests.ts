/**
 * Pieces of hostile manifests, shared by the bounded-validation tests, the end-to-end test and
 * bench/manifest-validate.ts: lists whose items are separated by random whitespace, so deflate
 * cannot squeeze them past the 200:1 rule that would otherwise refuse them first.
 */

/** Deterministic pseudo-random 32-bit words (xorshift). */
export function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

/** `count` copies of `item` in a JSON list, separated by commas and random whitespace. */
export function spacedList(item: string, count: number, seed = 7): string {
  const gaps = ['', ' ', '\n', '\t', '  ', ' \n', '\r\n', '\t '];
  const next = xorshift(seed);
  const parts = new Array<string>(count);
  for (let index = 0; index < count; index++) parts[index] = item + (gaps[next() & 7] as string);
  return `[${parts.join(',')}]`;
}
