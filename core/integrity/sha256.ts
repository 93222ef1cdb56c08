/** SHA-256 helpers over WebCrypto, available in Node 20, Electron and Chromium alike. */
const encoder = new TextEncoder();

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** The 32-byte digest of the bytes, or of the UTF-8 encoding of a string. */
export async function sha256Bytes(data: Uint8Array | string): Promise<Uint8Array> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  return toHex(await sha256Bytes(data));
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
