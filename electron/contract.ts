/**
 * The one typed IPC contract between the window and the main process. It holds types and
 * plain constants only (no main-process code), and the renderer imports it with
 * `import type`, so nothing from main can reach the window.
 * Main registers a handler per entry, the preload exposes one named function per entry and
 * `satisfies Bridge`, and every handler validates its sender and payload.
 */

export interface AppInfo {
  name: string;
  version: string;
  /** Where the app keeps its data (database, backups), shown so users can find their files. */
  userDataPath: string;
  backupsPath: string;
  platform: string;
}

/** A streamed save: the renderer writes chunks; main writes a temp file, fsyncs and renames. */
export type SaveBeginResult = { status: 'ready'; saveId: string; fileName: string } | { status: 'cancelled' };
/**
 * `path` is where the person chose to save the file in the save dialog; for the app's own
 * files (backups, PDF uploads) it is only the file's name: main never tells the window where
 * its own files live beyond what AppInfo shows.
 */
export type SaveFinishResult = { status: 'saved'; path: string; bytes: number };

export type SaveBeginRequest =
  | {
      /** Suggested file name without folders, e.g. "Jo Bloggs.portfolio". */
      suggestedName: string;
      kind: 'portfolio' | 'pdf' | 'key-register' | 'qualification';
    }
  | {
      suggestedName: string;
      /** A copy of an evidence attachment; main picks the extension from the media type. */
      kind: 'attachment';
      mediaType: string;
    };

/** What the save dialog offers: one kind of file, named in plain words. */
export interface SaveFileType {
  description: string;
  /** With the dot, e.g. ".pdf". */
  extension: string;
}

/**
 * Why a backup was taken: the one definition, used by main's payload check, the backup file
 * names (written, listed, opened and pruned by reason) and the Backups panel's words.
 */
export const BACKUP_REASONS = ['interval', 'quit', 'before-restore', 'before-import', 'manual'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export interface BackupInfo {
  id: string;
  portfolioId: string;
  learnerName: string;
  createdAt: string;
  bytes: number;
  reason: BackupReason;
}

export interface BackupBeginRequest {
  portfolioId: string;
  learnerName: string;
  reason: BackupReason;
}

export type PdfExportRequest = {
  /** The package, written to main through the save stream opened by `beginPdfUpload` and finished. */
  uploadId: string;
  suggestedName: string;
  isDraft: boolean;
};
export type PdfExportResult =
  | { status: 'saved'; path: string; pages?: number; bytes: number }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

export interface ProgressEvent {
  task: 'pdf-export';
  done: number;
  total: number;
  /** What is happening now, in plain words. */
  stage: string;
}

/**
 * Whether main can lock the signing key with this computer's keychain (Electron `safeStorage`).
 * When it cannot, the window locks the key with a passphrase instead: never in the clear.
 */
export type KeychainStatus =
  | {
      isAvailable: true;
      /** Which keychain, in plain words: "macOS Keychain", "Windows (DPAPI)", "GNOME Keyring (libsecret)"… */
      backend: string;
    }
  | { isAvailable: false; reason: string };

export type MenuCommand = 'import-spec' | 'import-package' | 'export-package' | 'export-pdf' | 'open-backups';

/** Request/response channels. `request` is the argument list, `result` what the promise resolves to. */
export interface IpcContract {
  getAppInfo: { channel: 'app:get-info'; request: []; result: AppInfo };
  beginSave: { channel: 'save:begin'; request: [SaveBeginRequest]; result: SaveBeginResult };
  writeChunk: { channel: 'save:write'; request: [saveId: string, chunk: Uint8Array]; result: void };
  finishSave: { channel: 'save:finish'; request: [saveId: string]; result: SaveFinishResult };
  abortSave: { channel: 'save:abort'; request: [saveId: string]; result: void };
  beginBackup: { channel: 'backup:begin'; request: [BackupBeginRequest]; result: { saveId: string } };
  listBackups: { channel: 'backup:list'; request: []; result: BackupInfo[] };
  openBackup: { channel: 'backup:open'; request: [backupId: string]; result: { size: number } };
  readBackup: { channel: 'backup:read'; request: [backupId: string, offset: number, length: number]; result: Uint8Array };
  beginPdfUpload: { channel: 'pdf:begin-upload'; request: []; result: { saveId: string } };
  exportPdf: { channel: 'pdf:export'; request: [PdfExportRequest]; result: PdfExportResult };
  cancelPdfExport: { channel: 'pdf:cancel'; request: []; result: void };
  /** The window says it has finished the backups main asked for on quit. */
  backupsFinished: { channel: 'backup:finished'; request: []; result: void };
  keychainStatus: { channel: 'keychain:status'; request: []; result: KeychainStatus };
  /** Locks a private key (PKCS #8 bytes) with the keychain; the result is what the window stores. */
  protectPrivateKey: { channel: 'keychain:protect'; request: [privateKey: Uint8Array]; result: Uint8Array };
  /** Unlocks what `protectPrivateKey` gave, back to the PKCS #8 bytes. */
  unprotectPrivateKey: { channel: 'keychain:unprotect'; request: [wrapped: Uint8Array]; result: Uint8Array };
}

export type ChannelName = keyof IpcContract;
export type Channel<K extends ChannelName> = IpcContract[K]['channel'];

/** The functions the preload exposes to the window as `window.portfolioBridge`. */
export type Bridge = {
  [K in ChannelName]: (...args: IpcContract[K]['request']) => Promise<IpcContract[K]['result']>;
} & {
  /** Main → window events. Each returns a function that unsubscribes. */
  onProgress: (listener: (event: ProgressEvent) => void) => () => void;
  onMenuCommand: (listener: (command: MenuCommand) => void) => () => void;
  /** Main asks the window to back up every changed portfolio now (on quit). */
  onBackupRequest: (listener: (reason: BackupReason) => void) => () => void;
};

/** Main-process handlers: the same shape, so the test harness can back the bridge with them. */
export type IpcHandlers = {
  [K in ChannelName]: (...args: IpcContract[K]['request']) => Promise<IpcContract[K]['result']>;
};
