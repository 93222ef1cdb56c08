/**
 * Registers every handler of the contract on its channel, checking the sender and the
 * payload's shape first. A refused or failed call rejects with a plain message only:
 * the window never sees a stack trace or a file-system detail it did not ask for.
 */
import { BACKUP_REASONS, type ChannelName, type IpcContract, type IpcHandlers } from '../contract';
import { CHANNELS } from '../channels';
import { extensionForMediaType } from '../../core/evidence/media-type';
import { plainMessage } from './plain-errors';
import { isTrustedSender } from './security';
import { MAX_PRIVATE_KEY_BYTES, MAX_WRAPPED_KEY_BYTES, MIN_PRIVATE_KEY_BYTES } from './services/key-protection';

type ArgsCheck = (args: unknown[]) => string | undefined;

const isString = (value: unknown, max = 500): boolean => typeof value === 'string' && value.length > 0 && value.length <= max;
const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isBytes = (value: unknown, min: number, max: number): boolean => value instanceof Uint8Array && value.byteLength >= min && value.byteLength <= max;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One payload check per channel: what arrives over IPC is untrusted input. */
export const PAYLOAD_CHECKS: { [K in ChannelName]: ArgsCheck } = {
  getAppInfo: (args) => (args.length === 0 ? undefined : 'expects no arguments'),
  beginSave: ([request]) =>
    isRecord(request) && isString(request.suggestedName) && (request.kind === 'portfolio' || request.kind === 'pdf' || request.kind === 'key-register' || request.kind === 'qualification' || (request.kind === 'attachment' && typeof request.mediaType === 'string' && extensionForMediaType(request.mediaType) !== undefined))
      ? undefined
      : 'expects a file name and kind (and, for an attachment, a media type the app takes)',
  writeChunk: ([saveId, chunk]) => (isString(saveId, 100) && chunk instanceof Uint8Array ? undefined : 'expects a save id and bytes'),
  finishSave: ([saveId]) => (isString(saveId, 100) ? undefined : 'expects a save id'),
  abortSave: ([saveId]) => (isString(saveId, 100) ? undefined : 'expects a save id'),
  beginBackup: ([request]) =>
    isRecord(request) && isString(request.portfolioId, 100) && typeof request.learnerName === 'string' && request.learnerName.length <= 1000 && (BACKUP_REASONS as readonly unknown[]).includes(request.reason)
      ? undefined
      : `expects a portfolio, learner name and one of the reasons ${BACKUP_REASONS.join(', ')}`,
  listBackups: (args) => (args.length === 0 ? undefined : 'expects no arguments'),
  openBackup: ([backupId]) => (isString(backupId, 200) ? undefined : 'expects a backup id'),
  readBackup: ([backupId, offset, length]) => (isString(backupId, 200) && isCount(offset) && isCount(length) ? undefined : 'expects a backup id, offset and length'),
  backupsFinished: (args) => (args.length === 0 ? undefined : 'expects no arguments'),
  beginPdfUpload: (args) => (args.length === 0 ? undefined : 'expects no arguments'),
  exportPdf: ([request]) => (isRecord(request) && isString(request.uploadId, 100) && isString(request.suggestedName) && typeof request.isDraft === 'boolean' ? undefined : 'expects an upload id, a file name and whether it is a draft'),
  cancelPdfExport: (args) => (args.length === 0 ? undefined : 'expects no arguments'),
  keychainStatus: (args) => (args.length === 0 ? undefined : 'expects no arguments'),
  protectPrivateKey: (args) => (args.length === 1 && isBytes(args[0], MIN_PRIVATE_KEY_BYTES, MAX_PRIVATE_KEY_BYTES) ? undefined : `expects one private key of ${MIN_PRIVATE_KEY_BYTES} to ${MAX_PRIVATE_KEY_BYTES} bytes`),
  unprotectPrivateKey: (args) => (args.length === 1 && isBytes(args[0], 1, MAX_WRAPPED_KEY_BYTES) ? undefined : `expects one locked key of at most ${MAX_WRAPPED_KEY_BYTES} bytes`),
};

export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: { url: string; parent?: unknown } | null }, ...args: unknown[]) => Promise<unknown>): void;
}

export class RefusedError extends Error {}

/** Checks sender and payload, then calls the handler. Exported for tests and the e2e bridge. */
export async function invokeChecked<K extends ChannelName>(
  name: K,
  handlers: IpcHandlers,
  frame: { url: string; parent?: unknown } | null | undefined,
  origins: readonly string[],
  args: unknown[],
): Promise<IpcContract[K]['result']> {
  if (!isTrustedSender(frame, origins)) throw new RefusedError('This request did not come from the app window, so it was refused.');
  const problem = PAYLOAD_CHECKS[name](args);
  if (problem) throw new RefusedError(`The request ${CHANNELS[name]} was refused: it ${problem}.`);
  const handler = handlers[name] as (...a: unknown[]) => Promise<IpcContract[K]['result']>;
  try {
    return await handler(...args);
  } catch (error) {
    // A plain sentence only: stack and paths stay in the main process log.
    console.error(`[ipc] ${CHANNELS[name]} failed:`, error);
    throw new Error(plainMessage(error));
  }
}

export function registerIpcHandlers(ipcMain: IpcMainLike, handlers: IpcHandlers, origins: readonly string[]): void {
  for (const name of Object.keys(CHANNELS) as ChannelName[]) {
    ipcMain.handle(CHANNELS[name], (event, ...args) => invokeChecked(name, handlers, event.senderFrame, origins, args));
  }
}
