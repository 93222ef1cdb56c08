/**
 * The preload: exposes one named function per contract entry as `window.portfolioBridge`.
 * `ipcRenderer` itself is never exposed, and listeners receive only the payload, not the
 * IPC event (which would carry a reference back to ipcRenderer).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, EVENTS } from '../channels';
import type { BackupReason, Bridge, MenuCommand, ProgressEvent } from '../contract';

function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const wrapped = (_event: unknown, payload: T): void => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const bridge = {
  getAppInfo: () => ipcRenderer.invoke(CHANNELS.getAppInfo),
  beginSave: (request) => ipcRenderer.invoke(CHANNELS.beginSave, request),
  writeChunk: (saveId, chunk) => ipcRenderer.invoke(CHANNELS.writeChunk, saveId, chunk),
  finishSave: (saveId) => ipcRenderer.invoke(CHANNELS.finishSave, saveId),
  abortSave: (saveId) => ipcRenderer.invoke(CHANNELS.abortSave, saveId),
  beginBackup: (request) => ipcRenderer.invoke(CHANNELS.beginBackup, request),
  listBackups: () => ipcRenderer.invoke(CHANNELS.listBackups),
  openBackup: (backupId) => ipcRenderer.invoke(CHANNELS.openBackup, backupId),
  readBackup: (backupId, offset, length) => ipcRenderer.invoke(CHANNELS.readBackup, backupId, offset, length),
  backupsFinished: () => ipcRenderer.invoke(CHANNELS.backupsFinished),
  beginPdfUpload: () => ipcRenderer.invoke(CHANNELS.beginPdfUpload),
  exportPdf: (request) => ipcRenderer.invoke(CHANNELS.exportPdf, request),
  cancelPdfExport: () => ipcRenderer.invoke(CHANNELS.cancelPdfExport),
  keychainStatus: () => ipcRenderer.invoke(CHANNELS.keychainStatus),
  protectPrivateKey: (privateKey) => ipcRenderer.invoke(CHANNELS.protectPrivateKey, privateKey),
  unprotectPrivateKey: (wrapped) => ipcRenderer.invoke(CHANNELS.unprotectPrivateKey, wrapped),
  onProgress: (listener: (event: ProgressEvent) => void) => subscribe(EVENTS.progress, listener),
  onMenuCommand: (listener: (command: MenuCommand) => void) => subscribe(EVENTS.menuCommand, listener),
  onBackupRequest: (listener: (reason: BackupReason) => void) => subscribe(EVENTS.backupRequest, listener),
} satisfies Bridge;

contextBridge.exposeInMainWorld('portfolioBridge', bridge);
