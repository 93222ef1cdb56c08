/**
 * Strict standard base64 (RFC 4648 §4, with padding). Keys and signatures travel in
 * packages a learner can edit, so decoding accepts exactly one spelling of any byte string:
 * no whitespace, no URL-safe letters, no missing padding and no stray bits in the last
 * character. Equal strings then always mean equal bytes, which the key register relies on.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const DECODE_TABLE: Int16Array = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let index = 0; index < ALPHABET.length; index++) table[ALPHABET.charCodeAt(index)] = index;
  return table;
})();

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  let index = 0;
  for (; index + 2 < bytes.length; index += 3) {
    const triple = ((bytes[index] as number) << 16) | ((bytes[index + 1] as number) << 8) | (bytes[index + 2] as number);
    out += ALPHABET[(triple >> 18) & 63]! + ALPHABET[(triple >> 12) & 63]! + ALPHABET[(triple >> 6) & 63]! + ALPHABET[triple & 63]!;
  }
  const remaining = bytes.length - index;
  if (remaining === 1) {
    const value = (bytes[index] as number) << 16;
    out += `${ALPHABET[(value >> 18) & 63]!}${ALPHABET[(value >> 12) & 63]!}==`;
  } else if (remaining === 2) {
    const value = ((bytes[index] as number) << 16) | ((bytes[index + 1] as number) << 8);
    out += `${ALPHABET[(value >> 18) & 63]!}${ALPHABET[(value >> 12) & 63]!}${ALPHABET[(value >> 6) & 63]!}=`;
  }
  return out;
}

/** The bytes, or `undefined` when the text is not canonical standard base64. */
export function decodeBase64(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let written = 0;
  for (let index = 0; index < text.length; index += 4) {
    const isLast = index + 4 === text.length;
    const sextets = [0, 0, 0, 0];
    for (let offset = 0; offset < 4; offset++) {
      const code = text.charCodeAt(index + offset);
      if (isLast && offset >= 4 - padding) {
        if (code !== 61 /* = */) return undefined;
        continue;
      }
      const value = code < 128 ? (DECODE_TABLE[code] as number) : -1;
      if (value < 0) return undefined;
      sextets[offset] = value;
    }
    const triple = (sextets[0]! << 18) | (sextets[1]! << 12) | (sextets[2]! << 6) | sextets[3]!;
    const bytesHere = isLast ? 3 - padding : 3;
    // Canonical form: bits that no output byte uses must be zero.
    if (bytesHere === 1 && (triple & 0xffff) !== 0) return undefined;
    if (bytesHere === 2 && (triple & 0xff) !== 0) return undefined;
    out[written++] = (triple >> 16) & 0xff;
    if (bytesHere > 1) out[written++] = (triple >> 8) & 0xff;
    if (bytesHere > 2) out[written++] = triple & 0xff;
  }
  return out;
}
