/**
 * Just enough 2D drawing to make the demo's pictures look like something: rectangles,
 * gradients, thick lines, dots, 5×7 text and film grain, on an RGBA buffer. Scenes are drawn
 * in a logical 800×600 space and scaled, so the same picture comes out at any size.
 */
import { GLYPH_ADVANCE, GLYPH_HEIGHT, glyphRows } from './bitmap-font';
import type { Rng } from './prng';

export type Rgb = readonly [number, number, number];

export const LOGICAL_WIDTH = 800;
export const LOGICAL_HEIGHT = 600;

export class Raster {
  readonly data: Uint8Array;
  /** Device pixels per logical pixel. */
  readonly scale: number;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8Array(width * height * 4);
    this.scale = Math.min(width / LOGICAL_WIDTH, height / LOGICAL_HEIGHT);
    this.data.fill(255);
  }

  /** Fills a rectangle given in logical units (clipped to the picture). */
  rect(x: number, y: number, w: number, h: number, colour: Rgb): void {
    this.deviceRect(Math.round(x * this.scale), Math.round(y * this.scale), Math.round((x + w) * this.scale), Math.round((y + h) * this.scale), colour);
  }

  /** Fills device pixels [x0, x1) × [y0, y1). */
  private deviceRect(x0: number, y0: number, x1: number, y1: number, colour: Rgb): void {
    const left = Math.max(0, x0);
    const right = Math.min(this.width, x1);
    const top = Math.max(0, y0);
    const bottom = Math.min(this.height, y1);
    if (left >= right || top >= bottom) return;
    const [r, g, b] = colour;
    for (let y = top; y < bottom; y++) {
      let offset = (y * this.width + left) * 4;
      for (let x = left; x < right; x++) {
        this.data[offset] = r;
        this.data[offset + 1] = g;
        this.data[offset + 2] = b;
        this.data[offset + 3] = 255;
        offset += 4;
      }
    }
  }

  /** A vertical gradient from `top` to `bottom` colour over a logical rectangle. */
  verticalGradient(x: number, y: number, w: number, h: number, top: Rgb, bottom: Rgb): void {
    const y0 = Math.max(0, Math.round(y * this.scale));
    const y1 = Math.min(this.height, Math.round((y + h) * this.scale));
    const x0 = Math.round(x * this.scale);
    const x1 = Math.round((x + w) * this.scale);
    const span = Math.max(1, y1 - y0 - 1);
    for (let row = y0; row < y1; row++) {
      const t = (row - y0) / span;
      const colour: Rgb = [lerp(top[0], bottom[0], t), lerp(top[1], bottom[1], t), lerp(top[2], bottom[2], t)];
      this.deviceRect(x0, row, x1, row + 1, colour);
    }
  }

  /** A straight line `thickness` logical units wide, drawn as overlapping squares. */
  line(x0: number, y0: number, x1: number, y1: number, thickness: number, colour: Rgb, dash = 0): void {
    const length = Math.hypot(x1 - x0, y1 - y0);
    const steps = Math.max(1, Math.ceil(length * this.scale));
    const half = Math.max(1, Math.round((thickness * this.scale) / 2));
    for (let step = 0; step <= steps; step++) {
      const t = step / steps;
      if (dash > 0 && Math.floor((t * length) / dash) % 2 === 1) continue;
      const cx = Math.round((x0 + (x1 - x0) * t) * this.scale);
      const cy = Math.round((y0 + (y1 - y0) * t) * this.scale);
      this.deviceRect(cx - half, cy - half, cx + half, cy + half, colour);
    }
  }

  /** A filled circle of logical radius `radius`. */
  dot(cx: number, cy: number, radius: number, colour: Rgb): void {
    const r = Math.max(1, radius * this.scale);
    const x = cx * this.scale;
    const y = cy * this.scale;
    for (let row = Math.floor(y - r); row <= Math.ceil(y + r); row++) {
      const half = Math.sqrt(Math.max(0, r * r - (row - y) * (row - y)));
      this.deviceRect(Math.round(x - half), row, Math.round(x + half), row + 1, colour);
    }
  }

  /** Text in the 5×7 font; `size` is the logical height of one font pixel. Returns the logical width drawn. */
  text(x: number, y: number, value: string, colour: Rgb, size = 2): number {
    const pixel = Math.max(1, Math.round(size * this.scale));
    let penX = Math.round(x * this.scale);
    const penY = Math.round(y * this.scale);
    for (const character of value) {
      const rows = glyphRows(character);
      if (rows) {
        rows.forEach((row, rowIndex) => {
          for (let column = 0; column < row.length; column++) {
            if (row.charAt(column) === '#') {
              const px = penX + column * pixel;
              const py = penY + rowIndex * pixel;
              this.deviceRect(px, py, px + pixel, py + pixel, colour);
            }
          }
        });
      }
      penX += GLYPH_ADVANCE * pixel;
    }
    return (value.length * GLYPH_ADVANCE * pixel) / this.scale;
  }

  /** Logical height of text drawn at `size`. */
  static textHeight(size: number): number {
    return GLYPH_HEIGHT * size;
  }

  /**
   * Adds film grain: each channel of each pixel moves by up to ±amplitude. Grain makes a
   * picture look photographed and, on purpose, makes it compress badly: the benchmarks use
   * it to produce large files from modest pixel counts.
   */
  grain(rng: Rng, amplitude: number): void {
    if (amplitude <= 0) return;
    const spread = amplitude * 2 + 1;
    const data = this.data;
    for (let offset = 0; offset < data.length; offset += 4) {
      const bits = rng.nextUint32();
      // Three channels from one draw: 10 bits each is plenty for grain and thrice as fast.
      data[offset] = clamp((data[offset] as number) + (((bits & 0x3ff) * spread) >>> 10) - amplitude);
      data[offset + 1] = clamp((data[offset + 1] as number) + ((((bits >>> 10) & 0x3ff) * spread) >>> 10) - amplitude);
      data[offset + 2] = clamp((data[offset + 2] as number) + ((((bits >>> 20) & 0x3ff) * spread) >>> 10) - amplitude);
    }
  }
}

function lerp(from: number, to: number, t: number): number {
  return Math.round(from + (to - from) * t);
}

function clamp(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : value;
}
