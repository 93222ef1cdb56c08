/**
 * A Web Worker that checks a `.portfolio` package off the window's thread: unpacking, the
 * manifest's pre-pass, JSON, schema and every attachment's SHA-256. A hostile package can then
 * cost this worker time or even memory, but never freeze or crash the window, and the window
 * can stop it at once (Worker.terminate). Started by package-check.ts.
 */
import { type ByteSource, blobByteSource } from '../../../../core/package/byte-io';
import { PackageReadError, type ReadPackageResult, readPackage } from '../../../../core/package/reader';
import type { FromWorker, PackageSource, ToWorker } from './package-worker-protocol';

/** The parts of a dedicated worker's global scope used here (the renderer's types are the window's). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
const post = (message: FromWorker, transfer: Transferable[] = []): void => scope.postMessage(message, transfer);

/** Progress at most every 50 ms: thousands of messages would only slow the window down. */
const PROGRESS_INTERVAL_MS = 50;

let opened: Extract<ReadPackageResult, { ok: true }> | undefined;
let nextReadId = 1;
const pendingReads = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>();

/** Bytes the window reads for the worker (a backup through the bridge). */
function remoteSource(size: number): ByteSource {
  return {
    size,
    read(offset, length) {
      const requestId = nextReadId++;
      return new Promise<Uint8Array>((resolve, reject) => {
        pendingReads.set(requestId, { resolve, reject });
        post({ type: 'read', requestId, offset, length });
      });
    },
  };
}

async function open(source: PackageSource): Promise<void> {
  let lastProgress = 0;
  try {
    const result = await readPackage(source.kind === 'blob' ? blobByteSource(source.blob) : remoteSource(source.size), {
      onProgress(done, total) {
        const now = Date.now();
        if (now - lastProgress < PROGRESS_INTERVAL_MS && done < total) return;
        lastProgress = now;
        post({ type: 'progress', done, total });
      },
    });
    if (result.ok) {
      opened = result;
      post({ type: 'checked', result: { ok: true, manifest: result.manifest } });
    } else {
      post({ type: 'checked', result: { ok: false, problems: result.problems } });
    }
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

async function sendAttachment(requestId: number, sha256: string): Promise<void> {
  if (opened === undefined) {
    post({ type: 'attachment-result', requestId, message: 'The package is not open.' });
    return;
  }
  try {
    const bytes = await opened.readAttachment(sha256);
    post({ type: 'attachment-result', requestId, bytes }, [bytes.buffer]);
  } catch (error) {
    if (error instanceof PackageReadError) post({ type: 'attachment-result', requestId, problems: error.problems });
    else post({ type: 'attachment-result', requestId, message: error instanceof Error ? error.message : String(error) });
  }
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'open') void open(message.source);
  else if (message.type === 'attachment') void sendAttachment(message.requestId, message.sha256);
  else if (message.type === 'read-result') {
    const pending = pendingReads.get(message.requestId);
    pendingReads.delete(message.requestId);
    if (message.bytes !== undefined) pending?.resolve(message.bytes);
    else pending?.reject(new Error(message.message ?? 'The file could not be read.'));
  }
};
