/**
 * Runtime channel names of the IPC contract, shared by main and the preload. `satisfies`
 * keeps them in step with `contract.ts`: a missing or misspelt channel fails to compile.
 */
import type { ChannelName, IpcContract } from './contract';

export const CHANNELS = {
  getAppInfo: 'app:get-info',
  beginSave: 'save:begin',
  writeChunk: 'save:write',
  finishSave: 'save:finish',
  abortSave: 'save:abort',
  beginBackup: 'backup:begin',
  listBackups: 'backup:list',
  openBackup: 'backup:open',
  readBackup: 'backup:read',
  backupsFinished: 'backup:finished',
  beginPdfUpload: 'pdf:begin-upload',
  exportPdf: 'pdf:export',
  cancelPdfExport: 'pdf:cancel',
  keychainStatus: 'keychain:status',
  protectPrivateKey: 'keychain:protect',
  unprotectPrivateKey: 'keychain:unprotect',
} as const satisfies { [K in ChannelName]: IpcContract[K]['channel'] };

/** Main → window event channels. */
export const EVENTS = {
  progress: 'event:progress',
  menuCommand: 'event:menu-command',
  backupRequest: 'event:backup-request',
} as const;
