import { describe, expect, it } from 'vitest';
import { compareNatural } from '../../core/natural-order';

describe('compareNatural', () => {
  it('orders marking point ids by the numbers inside them', () => {
    const ids = ['CS1.2.10', 'CS10.1.1', 'CS1.2.3', 'CS2.1.1', 'CS1.10.1', 'CS1.2.1'];
    expect([...ids].sort(compareNatural)).toEqual(['CS1.2.1', 'CS1.2.3', 'CS1.2.10', 'CS1.10.1', 'CS2.1.1', 'CS10.1.1']);
  });

  it('handles numbers longer than a double can hold, leading zeros, and prefixes', () => {
    expect(compareNatural('x99999999999999999999', 'x100000000000000000000')).toBeLessThan(0);
    expect(compareNatural('a1', 'a01')).toBeLessThan(0);
    expect(compareNatural('a01', 'a1')).toBeGreaterThan(0);
    expect(compareNatural('a01', 'a2')).toBeLessThan(0);
    expect(compareNatural('CS1', 'CS1.1')).toBeLessThan(0);
    expect(compareNatural('', 'a')).toBeLessThan(0);
    expect(compareNatural('abc', 'abc')).toBe(0);
  });

  it('is a consistent order: antisymmetric and the same for any starting order', () => {
    const ids = ['b2', 'b10', 'a', 'a0', 'a00', '10', '9', 'A1', 'a1', 'a1b', 'a1a', 'é1', 'e1'];
    for (const a of ids) for (const b of ids) expect(Math.sign(compareNatural(a, b))).toBe(-Math.sign(compareNatural(b, a)) || 0);
    const sorted = [...ids].sort(compareNatural);
    expect([...ids].reverse().sort(compareNatural)).toEqual(sorted);
  });
});
