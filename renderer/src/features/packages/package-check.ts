/**
 * Checking a package in a Web Worker (package-worker.ts), so the window stays responsive and a
 * hostile file can be stopped: the worker does all the unpacking, parsing and hashing, and
 * keeps the package open until `close()` so attachments can be read for the import.
 */
import type { ByteSource } from '../../../../core/package/byte-io';
import type { PackageManifest } from '../../../../core/package/manifest';
import { PackageReadError } from '../../../../core/package/reader';
import type { Problem } from '../../../../core/problems';
import type { FromWorker, PackageSource, ToWorker } from './package-worker-protocol';

export interface CheckedPackage {
  ok: true;
  manifest: PackageManifest;
  /** An attachment's bytes, checked again against its SHA-256 as they are read. */
  readAttachment(sha256: string): Promise<Uint8Array>;
  /** Stops the worker and lets go of the file. */
  close(): void;
}

export type CheckResult = CheckedPackage | { ok: false; problems: Problem[]; isCancelled: boolean };

export interface CheckOptions {
  onProgress?: (done: number, total: number) => void;
  /** Aborting stops the check at once: the worker is ended, whatever it is doing. */
  signal?: AbortSignal;
}

/** Starts the worker; a function of its own so tests and other builds can see where it comes from. */
function startWorker(): Worker {
  return new Worker(new URL('./package-worker.ts', import.meta.url), { type: 'module', name: 'package-check' });
}

/** Checks a package file (or a backup read through `source`) completely, off the window's thread. */
export function checkPackage(input: Blob | ByteSource, options: CheckOptions = {}): Promise<CheckResult> {
  let worker: Worker;
  try {
    worker = startWorker();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return Promise.resolve({ ok: false, problems: [{ path: '', message: `The package could not be checked: the checker did not start (${detail}). Nothing has been changed.` }], isCancelled: false });
  }
  const send = (message: ToWorker, transfer: Transferable[] = []): void => worker.postMessage(message, transfer);
  const isBlob = input instanceof Blob;
  const source: PackageSource = isBlob ? { kind: 'blob', blob: input } : { kind: 'remote', size: input.size };
  let nextRequest = 1;
  const attachmentRequests = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>();
  let isClosed = false;
  const close = (): void => {
    if (isClosed) return;
    isClosed = true;
    worker.terminate();
    for (const pending of attachmentRequests.values()) pending.reject(new Error('The package was closed before the attachment was read.'));
    attachmentRequests.clear();
  };

  return new Promise<CheckResult>((resolve) => {
    let isSettled = false;
    const settle = (result: CheckResult): void => {
      if (isSettled) return;
      isSettled = true;
      if (!result.ok) close();
      resolve(result);
    };
    if (options.signal?.aborted) {
      settle({ ok: false, problems: [], isCancelled: true });
      return;
    }
    options.signal?.addEventListener('abort', () => settle({ ok: false, problems: [], isCancelled: true }), { once: true });

    worker.onerror = (event) => {
      event.preventDefault();
      const failure = new Error('The package could not be checked: the checking stopped unexpectedly (the file may be too large or damaged for this computer).');
      for (const pending of attachmentRequests.values()) pending.reject(failure);
      attachmentRequests.clear();
      settle({ ok: false, problems: [{ path: '', message: failure.message }], isCancelled: false });
    };
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      switch (message.type) {
        case 'progress':
          options.onProgress?.(message.done, message.total);
          break;
        case 'read':
          if (!isBlob) {
            input.read(message.offset, message.length).then(
              (bytes) => {
                // A copy of its own, so the transfer never empties a buffer the source still uses.
                const copy = bytes.slice();
                if (!isClosed) send({ type: 'read-result', requestId: message.requestId, bytes: copy }, [copy.buffer]);
              },
              (error: unknown) => {
                if (!isClosed) send({ type: 'read-result', requestId: message.requestId, message: error instanceof Error ? error.message : String(error) });
              },
            );
          }
          break;
        case 'checked':
          if (!message.result.ok) {
            settle({ ok: false, problems: message.result.problems, isCancelled: false });
            break;
          }
          settle({
            ok: true,
            manifest: message.result.manifest,
            close,
            readAttachment(sha256) {
              if (isClosed) return Promise.reject(new Error('The package has been closed.'));
              const requestId = nextRequest++;
              return new Promise<Uint8Array>((resolveBytes, reject) => {
                attachmentRequests.set(requestId, { resolve: resolveBytes, reject });
                send({ type: 'attachment', requestId, sha256 });
              });
            },
          });
          break;
        case 'attachment-result': {
          const pending = attachmentRequests.get(message.requestId);
          attachmentRequests.delete(message.requestId);
          if (message.bytes !== undefined) pending?.resolve(message.bytes);
          else if (message.problems !== undefined) pending?.reject(new PackageReadError(message.problems));
          else pending?.reject(new Error(message.message ?? 'The attachment could not be read.'));
          break;
        }
        case 'failed':
          settle({ ok: false, problems: [{ path: '', message: `The package could not be checked: ${message.message}` }], isCancelled: false });
          break;
      }
    };
    send({ type: 'open', source });
  });
}
