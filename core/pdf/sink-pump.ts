/**
 * Carries pdfkit's output to a ByteSink. pdfkit pushes many tiny chunks (one per PDF line) and
 * never waits for the reader, so this joins small chunks into larger writes, passes large ones
 * (image streams) through untouched, and lets the layout wait (`settleBelow`) until the sink has
 * caught up: memory stays bounded however slow the disk is.
 */
import type { ByteSink } from '../package/byte-io';

const COALESCE_BYTES = 256 * 1024;

export class SinkPump {
  private readonly queue: Uint8Array[] = [];
  private queuedBytes = 0;
  private smallRun: Uint8Array[] = [];
  private smallRunBytes = 0;
  private running: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;
  private written = 0;

  constructor(private readonly sink: ByteSink) {}

  /** Bytes handed to the sink so far. */
  get bytesWritten(): number {
    return this.written;
  }

  /** Bytes accepted but not yet written. */
  get pendingBytes(): number {
    return this.queuedBytes + this.smallRunBytes;
  }

  push(chunk: Uint8Array): void {
    if (this.failure || chunk.byteLength === 0) return;
    if (chunk.byteLength >= COALESCE_BYTES) {
      this.closeSmallRun();
      this.enqueue(chunk);
    } else {
      this.smallRun.push(chunk);
      this.smallRunBytes += chunk.byteLength;
      if (this.smallRunBytes >= COALESCE_BYTES) this.closeSmallRun();
    }
  }

  /** Waits until at most `limit` bytes are waiting to be written; rethrows a failed write. */
  async settleBelow(limit: number): Promise<void> {
    if (this.pendingBytes > limit) this.closeSmallRun();
    while (!this.failure && this.queuedBytes > limit) {
      this.start();
      await this.running;
    }
    if (this.failure) throw this.failure.error;
  }

  /** Writes everything accepted so far. */
  async finish(): Promise<void> {
    this.closeSmallRun();
    await this.settleBelow(0);
  }

  /** Waits for a write in progress to end, without starting more: used when giving up. */
  async stop(): Promise<void> {
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.smallRun = [];
    this.smallRunBytes = 0;
    await this.running?.catch(() => undefined);
  }

  private closeSmallRun(): void {
    if (this.smallRun.length === 0) return;
    const run = this.smallRun;
    const size = this.smallRunBytes;
    this.smallRun = [];
    this.smallRunBytes = 0;
    if (run.length === 1) {
      this.enqueue(run[0] as Uint8Array);
      return;
    }
    const joined = new Uint8Array(size);
    let offset = 0;
    for (const part of run) {
      joined.set(part, offset);
      offset += part.byteLength;
    }
    this.enqueue(joined);
  }

  private enqueue(chunk: Uint8Array): void {
    this.queue.push(chunk);
    this.queuedBytes += chunk.byteLength;
    this.start();
  }

  private start(): void {
    if (this.running || this.queue.length === 0 || this.failure) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.failure) {
      const chunk = this.queue.shift() as Uint8Array;
      try {
        await this.sink.write(chunk);
        this.written += chunk.byteLength;
      } catch (error) {
        this.failure = { error };
      } finally {
        this.queuedBytes -= chunk.byteLength;
      }
    }
  }
}
