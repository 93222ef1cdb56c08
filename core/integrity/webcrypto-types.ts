/**
 * WebCrypto types named the same way in every tsconfig: the web build gets them from the DOM
 * library and the Node build from @types/node, which does not declare them globally. Deriving
 * them from `crypto.subtle` works with both.
 */
export type Subtle = typeof globalThis.crypto.subtle;
export type WebCryptoKey = Awaited<ReturnType<Subtle['importKey']>>;
export type SignParams = Parameters<Subtle['sign']>[0];
export type ImportParams = Parameters<Subtle['importKey']>[2];
