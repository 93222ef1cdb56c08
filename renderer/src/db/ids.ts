/** Random ids for new records (UUID v4 from WebCrypto: unguessable, no coordination needed). */
export function newId(): string {
  return crypto.randomUUID();
}

export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}
