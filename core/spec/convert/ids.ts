/**
 * Ids for converted specifications (CONTRACTS.md §1): a source's own codes are used where
 * they make valid ids, tidied where they nearly do, and replaced by positional ids where they
 * cannot; every id is unique across the whole specification. The original identifiers are
 * kept in `x-` fields by the converters, so nothing about the source is lost.
 */
const ITEM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_ID_LENGTH = 64;

/** A source code made into an item id, or undefined when nothing usable is left. */
export function sanitiseItemId(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const cleaned = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .replace(/\s+/g, '_')
    .replace(/[^A-Za-z0-9._-]/g, '')
    .replace(/^[._-]+/, '')
    .replace(/[._-]+$/, '')
    .slice(0, MAX_ID_LENGTH)
    .replace(/[._-]+$/, '');
  return cleaned !== '' && ITEM_ID.test(cleaned) ? cleaned : undefined;
}

/** True for short codes such as "1.2", "K3", "AC 2.1", "LO4" or "1.2.1a": worth keeping as ids. */
export function isCodeLike(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  const text = raw.trim();
  return text.length <= 24 && /^[A-Za-z]{0,6}[ .-]?\d+[A-Za-z]?(?:[.\-_]\d*[A-Za-z]?\d*)*\.?$/.test(text);
}

/** Hands out ids unique across one specification, in the order asked. */
export class IdRegistry {
  private readonly used = new Set<string>();

  /**
   * The preferred id (tidied), or the fallback when the preferred one is unusable; with "-2",
   * "-3"… appended when that is already taken.
   * `fallback` must already be a valid id.
   */
  claim(preferred: string | undefined, fallback: string): string {
    const base = sanitiseItemId(preferred) ?? fallback;
    if (!this.used.has(base)) return this.take(base);
    for (let suffix = 2; ; suffix++) {
      const tail = `-${suffix}`;
      const candidate = `${base.slice(0, MAX_ID_LENGTH - tail.length).replace(/[._-]+$/, '')}${tail}`;
      if (!this.used.has(candidate)) return this.take(candidate);
    }
  }

  has(id: string): boolean {
    return this.used.has(id);
  }

  private take(id: string): string {
    this.used.add(id);
    return id;
  }
}

/** A specification id (`^[a-z0-9][a-z0-9-]{0,63}$`) from a title or code. */
export function specIdFrom(...candidates: Array<string | undefined>): string {
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const slug = candidate
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+/, '')
      .slice(0, 64)
      .replace(/-+$/, '');
    if (slug !== '') return slug;
  }
  return 'converted-qualification';
}
