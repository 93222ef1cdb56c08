/**
 * The main process's IPC handlers as plain functions over injected dependencies, so the
 * same code runs in the app, in Node unit tests and behind the end-to-end test bridge
 * (where only the native dialog is replaced by a chosen path).
 */
import type { AppInfo, IpcHandlers, SaveBeginRequest } from '../contract';
import type { BackupStore } from './services/backups';
import type { PdfExporter } from './services/pdf-export';
import type { SaveSessions } from './services/save-sessions';
import { safeFileName } from './security';

export interface HandlerDeps {
  appInfo: () => AppInfo;
  saves: SaveSessions;
  backups: BackupStore;
  pdf: PdfExporter;
  /** Asks where to save; resolves to a path, or undefined when the user cancels. */
  chooseSavePath: (defaultName: string, kind: SaveBeginRequest['kind']) => Promise<string | undefined>;
  /** Called when the window reports the backups asked for on quit are written. */
  onBackupsFinished?: () => void;
}

const EXTENSIONS: Record<SaveBeginRequest['kind'], string> = { portfolio: '.portfolio', pdf: '.pdf', 'key-register': '.json' };

export function createHandlers(deps: HandlerDeps): IpcHandlers {
  return {
    async getAppInfo() {
      return deps.appInfo();
    },
    async beginSave(request) {
      const extension = EXTENSIONS[request.kind];
      const path = await deps.chooseSavePath(safeFileName(request.suggestedName, extension), request.kind);
      if (!path) return { status: 'cancelled' };
      const saveId = await deps.saves.begin(path);
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
      if (!path) throw new Error('That backup no longer exists.');
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
  };
}
