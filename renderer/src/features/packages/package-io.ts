/**
 * Moving package bytes between the window and the outside world: a picked or dropped File
 * read in slices, a save stream to the main process (which writes atomically), and a
 * backup read back in slices. Nothing here holds a whole package in memory.
 */
import type { Bridge } from '../../../../electron/contract';
import type { ByteSink, ByteSource } from '../../../../core/package/byte-io';
export { blobByteSource } from '../../../../core/package/byte-io';
import { writePackage } from '../../../../core/package/writer';
import type { AppDB } from '../../db/app-db';
import { collectPackage } from '../../db/package-repo';
import { signedRecordIds, type SignedRecordIds } from '../../db/trust-repo';

export function backupByteSource(bridge: Bridge, backupId: string, size: number): ByteSource {
  return {
    size,
    read: (offset, length) => bridge.readBackup(backupId, offset, Math.min(length, 32 * 1024 * 1024)),
  };
}

const IPC_CHUNK_BYTES = 4 * 1024 * 1024;

/** Collects small writes into 4 MiB messages: fewer IPC round trips. */
export function bridgeSink(bridge: Bridge, saveId: string): ByteSink & { flush(): Promise<void> } {
  let buffer = new Uint8Array(IPC_CHUNK_BYTES);
  let filled = 0;
  const send = async (): Promise<void> => {
    if (filled === 0) return;
    const chunk = buffer.slice(0, filled);
    filled = 0;
    await bridge.writeChunk(saveId, chunk);
  };
  return {
    async write(chunk) {
      if (chunk.byteLength >= IPC_CHUNK_BYTES) {
        await send();
        for (let offset = 0; offset < chunk.byteLength; offset += IPC_CHUNK_BYTES) {
          await bridge.writeChunk(saveId, chunk.slice(offset, offset + IPC_CHUNK_BYTES));
        }
        return;
      }
      if (filled + chunk.byteLength > IPC_CHUNK_BYTES) await send();
      buffer.set(chunk, filled);
      filled += chunk.byteLength;
    },
    async flush() {
      await send();
      buffer = new Uint8Array(0);
    },
  };
}

/**
 * Writes a portfolio's package through an open save stream; aborts the stream on any failure.
 * Returns where it went and the signed records it holds (by kind and id).
 */
export async function streamPackage(db: AppDB, bridge: Bridge, portfolioId: string, saveId: string, onProgress?: (done: number, total: number) => void): Promise<{ path: string; bytes: number; signed: SignedRecordIds }> {
  try {
    const { manifest, attachments } = await collectPackage(db, portfolioId);
    const sink = bridgeSink(bridge, saveId);
    await writePackage(manifest, attachments, sink, onProgress ? { onProgress } : {});
    await sink.flush();
    const saved = await bridge.finishSave(saveId);
    return { path: saved.path, bytes: saved.bytes, signed: signedRecordIds(manifest) };
  } catch (error) {
    await bridge.abortSave(saveId).catch(() => undefined);
    throw error;
  }
}
