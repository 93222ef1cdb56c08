/**
 * A small seeded random number generator for the demo portfolio. The demo must be the same
 * bytes for the same seed on every machine and every run, so nothing here touches
 * `Math.random` or the clock.
 */

/** 32-bit FNV-1a: turns a stream label into a number so streams with different labels differ. */
export function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < label.length; index++) {
    hash ^= label.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Mixes a seed and a label into one 32-bit state, so `rng(7, 'image:3')` and `rng(7, 'image:4')` are unrelated. */
function mixSeed(seed: number, label: string): number {
  let state = (Math.trunc(seed) ^ hashLabel(label)) >>> 0;
  // One round of a murmur3-style finaliser spreads nearby seeds apart.
  state = Math.imul(state ^ (state >>> 16), 0x85ebca6b) >>> 0;
  state = Math.imul(state ^ (state >>> 13), 0xc2b2ae35) >>> 0;
  return (state ^ (state >>> 16)) >>> 0;
}

export class Rng {
  private state: number;

  /** `seed` is any whole number (only its low 32 bits count); `label` names an independent stream. */
  constructor(seed: number, label: string) {
    const high = Math.floor(Math.abs(seed) / 0x100000000) >>> 0;
    this.state = mixSeed((seed >>> 0) ^ Math.imul(high, 0x9e3779b1), label);
  }

  /** mulberry32: a uniform 32-bit unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x100000000;
  }

  /** A whole number in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('Cannot pick from an empty list.');
    return list[Math.floor(this.next() * list.length)] as T;
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(list: readonly T[]): T[] {
    const copy = [...list];
    for (let index = copy.length - 1; index > 0; index--) {
      const other = Math.floor(this.next() * (index + 1));
      const held = copy[index] as T;
      copy[index] = copy[other] as T;
      copy[other] = held;
    }
    return copy;
  }

  /** `count` distinct elements, in a random order. */
  sample<T>(list: readonly T[], count: number): T[] {
    return this.shuffle(list).slice(0, Math.max(0, Math.min(count, list.length)));
  }

  /** A random version-4 UUID built from this stream, so ids repeat exactly for the same seed. */
  uuid(): string {
    const words = [this.nextUint32(), this.nextUint32(), this.nextUint32(), this.nextUint32()];
    const hex = words.map((word) => word.toString(16).padStart(8, '0')).join('');
    const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
