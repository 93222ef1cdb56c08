import type { SaveBeginRequest } from '../../../electron/contract';
import { getBridge } from './bridge';

export type SaveFileOutcome = { status: 'saved'; path: string; bytes: number } | { status: 'downloaded' } | { status: 'cancelled' };

/** Bytes per IPC message: big enough to be quick, small enough to keep memory flat. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Saves bytes the user asked for as a file of their choosing. In the desktop app the main
 * process shows the save dialog and writes the file atomically (a temporary file, then a
 * rename), so a failure leaves nothing half-written; in a browser tab it is a download.
 */
export async function saveFile(blob: Blob, request: SaveBeginRequest): Promise<SaveFileOutcome> {
  const bridge = getBridge();
  if (!bridge) {
    // A download link made on demand, living only as long as the download needs it.
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = request.suggestedName;
    link.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return { status: 'downloaded' };
  }
  const begin = await bridge.beginSave(request);
  if (begin.status === 'cancelled') return { status: 'cancelled' };
  try {
    for (let offset = 0; offset < blob.size; offset += CHUNK_BYTES) {
      await bridge.writeChunk(begin.saveId, new Uint8Array(await blob.slice(offset, offset + CHUNK_BYTES).arrayBuffer()));
    }
    return await bridge.finishSave(begin.saveId);
  } catch (error) {
    await bridge.abortSave(begin.saveId).catch(() => undefined);
    throw error;
  }
}
