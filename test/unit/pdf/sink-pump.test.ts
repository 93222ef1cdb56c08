import { describe, expect, it } from 'vitest';
import { SinkPump } from '../../../core/pdf/sink-pump';

function recordingSink(delayMs = 0): { writes: Uint8Array[]; sink: { write: (chunk: Uint8Array) => Promise<void> } } {
  const writes: Uint8Array[] = [];
  return {
    writes,
    sink: {
      write: async (chunk) => {
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        writes.push(chunk.slice());
      },
    },
  };
}

function joined(chunks: Uint8Array[]): number[] {
  return chunks.flatMap((chunk) => [...chunk]);
}

describe('SinkPump', () => {
  it('joins small chunks into few writes and keeps the byte order', async () => {
    const { writes, sink } = recordingSink();
    const pump = new SinkPump(sink);
    const expected: number[] = [];
    for (let index = 0; index < 10_000; index++) {
      const chunk = Uint8Array.of(index & 0xff, (index >> 8) & 0xff, 7);
      expected.push(...chunk);
      pump.push(chunk);
    }
    await pump.finish();
    expect(joined(writes)).toEqual(expected);
    expect(writes.length).toBeLessThan(5);
    expect(pump.bytesWritten).toBe(expected.length);
    expect(pump.pendingBytes).toBe(0);
  });

  it('passes large chunks through as they are', async () => {
    const { writes, sink } = recordingSink();
    const pump = new SinkPump(sink);
    const big = new Uint8Array(1024 * 1024).fill(9);
    pump.push(Uint8Array.of(1, 2));
    pump.push(big);
    pump.push(Uint8Array.of(3));
    await pump.finish();
    expect(writes.map((chunk) => chunk.length)).toEqual([2, big.length, 1]);
  });

  it('waits for a slow sink to catch up before letting the layout go on', async () => {
    const { writes, sink } = recordingSink(5);
    const pump = new SinkPump(sink);
    for (let index = 0; index < 8; index++) pump.push(new Uint8Array(512 * 1024));
    expect(pump.pendingBytes).toBe(8 * 512 * 1024);
    await pump.settleBelow(1024 * 1024);
    expect(pump.pendingBytes).toBeLessThanOrEqual(1024 * 1024);
    expect(writes.length).toBeGreaterThanOrEqual(6);
    await pump.finish();
    expect(writes).toHaveLength(8);
  });

  it('rethrows a failed write and accepts nothing afterwards', async () => {
    const failure = new Error('disk full');
    let calls = 0;
    const pump = new SinkPump({
      write: async () => {
        calls++;
        throw failure;
      },
    });
    pump.push(new Uint8Array(300 * 1024));
    await expect(pump.finish()).rejects.toBe(failure);
    pump.push(new Uint8Array(300 * 1024));
    await expect(pump.settleBelow(0)).rejects.toBe(failure);
    expect(calls).toBe(1);
  });

  it('stops without writing what is still queued', async () => {
    const { writes, sink } = recordingSink(5);
    const pump = new SinkPump(sink);
    for (let index = 0; index < 4; index++) pump.push(new Uint8Array(400 * 1024));
    await pump.stop();
    expect(writes.length).toBeLessThanOrEqual(1);
  });
});
