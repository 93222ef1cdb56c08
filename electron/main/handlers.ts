/**
 * The main process's IPC handlers as plain functions over injected dependencies, so the
 * same code runs in the app, in Node unit tests and behind the end-to-end test bridge
 * (where only the native dialog is replaced by a chosen path).
 */
import { extensionForMediaType, mediaTypeLabel } from '../../core/evidence/media-type';
import type { AppInfo, IpcHandlers, SaveBeginRequest, SaveFileType } from '../contract';
import type { BackupStore } from './services/backups';
import { KeyProtection } from './services/key-protection';
import type { PdfExporter } from './services/pdf-export';
import { MAX_SAVE_BYTES, type SaveSessions } from './services/save-sessions';
import { PlainError } from './plain-errors';
import { safeFileName } from './security';

export interface HandlerDeps {
  appInfo: () => AppInfo;
  saves: SaveSessions;
  backups: BackupStore;
  pdf: PdfExporter;
  /** Asks where to save; resolves to a path, or undefined when the user cancels. */
  chooseSavePath: (defaultName: string, fileType: SaveFileType) => Promise<string | undefined>;
  /** Called when the window reports the backups asked for on quit are written. */
  onBackupsFinished?: () => void;
  /** The keychain that locks the signing key; left out, there is none and the window uses a passphrase. */
  keychain?: KeyProtection;
}

/** The most bytes each kind of save may hold (CONTRACTS.md §2 limits). */
const SAVE_LIMITS: Record<SaveBeginRequest['kind'], number> = {
  portfolio: MAX_SAVE_BYTES.package,
  pdf: MAX_SAVE_BYTES.package,
  'key-register': MAX_SAVE_BYTES.json,
  qualification: MAX_SAVE_BYTES.json,
  attachment: MAX_SAVE_BYTES.attachment,
};

const FILE_TYPES: Record<Exclude<SaveBeginRequest['kind'], 'attachment'>, SaveFileType> = {
  portfolio: { description: 'Portfolio package', extension: '.portfolio' },
  pdf: { description: 'PDF submission', extension: '.pdf' },
  'key-register': { description: 'Key register', extension: '.json' },
  qualification: { description: 'Qualification specification', extension: '.json' },
};

/** The kind of file a save request makes; the payload check has already refused unknown media types. */
export function saveFileType(request: SaveBeginRequest): SaveFileType {
  if (request.kind !== 'attachment') return FILE_TYPES[request.kind];
  const extension = extensionForMediaType(request.mediaType);
  if (!extension) throw new PlainError('The app cannot save that kind of file.');
  return { description: mediaTypeLabel(request.mediaType), extension };
}

export function createHandlers(deps: HandlerDeps): IpcHandlers {
  const keychain = deps.keychain ?? new KeyProtection(undefined, process.platform);
  return {
    async getAppInfo() {
      return deps.appInfo();
    },
    async beginSave(request) {
      const fileType = saveFileType(request);
      // Before the dialog: being told after choosing a place that nothing can be saved would be worse.
      deps.saves.assertRoom();
      const path = await deps.chooseSavePath(safeFileName(request.suggestedName, fileType.extension), fileType);
      if (!path) return { status: 'cancelled' };
      // The person chose this path, so they may be shown it.
      const saveId = await deps.saves.begin(path, { maxBytes: SAVE_LIMITS[request.kind], shownAs: path });
      return { status: 'ready', saveId, fileName: path.split(/[\\/]/).pop() ?? path };
    },
    async writeChunk(saveId, chunk) {
      await deps.saves.write(saveId, chunk);
    },
    async finishSave(saveId) {
      const saved = await deps.saves.finish(saveId);
      return { status: 'saved', path: saved.path, bytes: saved.bytes };
    },
    async abortSave(saveId) {
      await deps.saves.abort(saveId);
    },
    async beginBackup(request) {
      return { saveId: await deps.backups.begin(request) };
    },
    async listBackups() {
      return deps.backups.list();
    },
    async openBackup(backupId) {
      const path = await deps.backups.pathOf(backupId);
      if (!path) throw new PlainError('That backup no longer exists.');
      const { stat } = await import('node:fs/promises');
      return { size: (await stat(path)).size };
    },
    async readBackup(backupId, offset, length) {
      return deps.backups.read(backupId, offset, length);
    },
    async backupsFinished() {
      deps.onBackupsFinished?.();
    },
    async beginPdfUpload() {
      return { saveId: await deps.pdf.beginUpload() };
    },
    async exportPdf(request) {
      return deps.pdf.export({ uploadId: request.uploadId, suggestedName: safeFileName(request.suggestedName, '.pdf'), isDraft: request.isDraft });
    },
    async cancelPdfExport() {
      deps.pdf.cancel();
    },
    async keychainStatus() {
      return keychain.status();
    },
    async protectPrivateKey(privateKey) {
      return keychain.protect(privateKey);
    },
    async unprotectPrivateKey(wrapped) {
      return keychain.unprotect(wrapped);
    },
  };
}
