/**
 * The messages between the window and the package-checking worker (package-worker.ts). The
 * worker holds the package while it is open: the window asks it for attachments one at a time.
 * A package that is not a File (a backup, read through the bridge) is read by the window on the
 * worker's behalf, one range at a time.
 */
import type { PackageManifest } from '../../../../core/package/manifest';
import type { Problem } from '../../../../core/problems';

export type PackageSource = { kind: 'blob'; blob: Blob } | { kind: 'remote'; size: number };

export type ToWorker =
  | { type: 'open'; source: PackageSource }
  | { type: 'read-result'; requestId: number; bytes?: Uint8Array; message?: string }
  | { type: 'attachment'; requestId: number; sha256: string };

export type FromWorker =
  | { type: 'progress'; done: number; total: number }
  | { type: 'read'; requestId: number; offset: number; length: number }
  | { type: 'checked'; result: { ok: true; manifest: PackageManifest } | { ok: false; problems: Problem[] } }
  | { type: 'attachment-result'; requestId: number; bytes?: Uint8Array; problems?: Problem[]; message?: string }
  | { type: 'failed'; message: string };
