import { describe, expect, it } from 'vitest';
import { crc32, encodePng } from '../../../core/demo/png';
import { Rng } from '../../../core/demo/prng';
import { decodePng } from './helpers';

describe('crc32', () => {
  it('gives the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('runs across several parts as if they were one', () => {
    const whole = new TextEncoder().encode('IHDRabcdef');
    expect(crc32(whole.subarray(0, 4), whole.subarray(4))).toBe(crc32(whole));
  });
});

describe('encodePng', () => {
  it('writes a valid RGB PNG whose pixels read back exactly', () => {
    const width = 7;
    const height = 5;
    const rgba = new Uint8Array(width * height * 4);
    for (let index = 0; index < rgba.length; index++) rgba[index] = (index * 37) % 256;
    for (const level of [0, 1, 6] as const) {
      const png = decodePng(encodePng(width, height, rgba, level));
      expect(png).toMatchObject({ width, height, bitDepth: 8, colourType: 2 });
      expect(png.raw.length).toBe(height * (width * 3 + 1));
      for (let y = 0; y < height; y++) {
        expect(png.raw[y * (width * 3 + 1)]).toBe(0);
        for (let x = 0; x < width; x++) {
          for (let channel = 0; channel < 3; channel++) {
            expect(png.raw[y * (width * 3 + 1) + 1 + x * 3 + channel]).toBe(rgba[(y * width + x) * 4 + channel]);
          }
        }
      }
    }
  });

  it('refuses a size that does not match the pixels', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(/does not match/);
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow(/positive whole-number size/);
  });
});

describe('Rng', () => {
  it('repeats exactly for the same seed and label, and differs otherwise', () => {
    const draw = (seed: number, label: string): number[] => {
      const rng = new Rng(seed, label);
      return Array.from({ length: 8 }, () => rng.nextUint32());
    };
    expect(draw(42, 'a')).toEqual(draw(42, 'a'));
    expect(draw(42, 'a')).not.toEqual(draw(43, 'a'));
    expect(draw(42, 'a')).not.toEqual(draw(42, 'b'));
    // Seeds beyond 32 bits still count.
    expect(draw(2 ** 40 + 5, 'a')).not.toEqual(draw(5, 'a'));
  });

  it('keeps numbers within their ranges', () => {
    const rng = new Rng(1, 'ranges');
    for (let count = 0; count < 2000; count++) {
      const value = rng.int(-3, 4);
      expect(Number.isInteger(value) && value >= -3 && value <= 4).toBe(true);
      const unit = rng.next();
      expect(unit >= 0 && unit < 1).toBe(true);
    }
  });

  it('makes version-4 UUIDs', () => {
    const rng = new Rng(9, 'ids');
    const ids = Array.from({ length: 200 }, () => rng.uuid());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shuffles without losing or adding elements', () => {
    const list = Array.from({ length: 50 }, (_, index) => index);
    const shuffled = new Rng(3, 'shuffle').shuffle(list);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(list);
    expect(shuffled).not.toEqual(list);
  });
});
