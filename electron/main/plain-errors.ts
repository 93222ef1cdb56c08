/**
 * What the window is told when something fails in the main process: one plain sentence.
 * Never a stack trace, and never a main-process path (a Node error such as
 * "ENOENT: no such file or directory, open '/home/…/scratch/upload-….portfolio'" names the
 * app's private folders): system errors are put in words by their code, and anything that
 * still looks like a path inside the home, temporary or app folders is taken out.
 */
import { homedir, tmpdir } from 'node:os';

/** A refusal or failure whose message was written for the person using the app. */
export class PlainError extends Error {}

const MAX_MESSAGE = 1_000;

const SYSTEM_ERRORS: Record<string, string> = {
  ENOSPC: 'The disk is full, so the file could not be written. Free some space and try again.',
  EDQUOT: 'The disk is full, so the file could not be written. Free some space and try again.',
  EACCES: 'The app is not allowed to write there. Choose another folder and try again.',
  EPERM: 'The app is not allowed to write there. Choose another folder and try again.',
  EROFS: 'That disk can only be read, not written. Choose another folder and try again.',
  EMFILE: 'Too many files are open at once. Wait a moment and try again.',
  ENFILE: 'Too many files are open at once. Wait a moment and try again.',
  ENOENT: 'A file or folder the app needed is missing. It may have been moved or deleted.',
  EISDIR: 'That is a folder, not a file.',
  EEXIST: 'A file with that name is already being written. Try again.',
  EBUSY: 'That file is in use by another program. Close it there and try again.',
  EIO: 'The disk reported an error while reading or writing. Try again, or choose another disk.',
};

function isSystemError(error: unknown): error is Error & { code: string } {
  if (!(error instanceof Error)) return false;
  const code: unknown = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Folders whose paths never reach the window (the app's data and scratch live inside them). */
function privateRoots(extra: readonly string[]): string[] {
  const roots = [homedir(), tmpdir(), process.cwd(), ...extra].filter((root) => root.length > 1);
  return [...new Set(roots)].sort((a, b) => b.length - a.length);
}

/** Removes paths under the private roots (and file URLs) from a message. */
export function withoutPaths(message: string, extraRoots: readonly string[] = []): string {
  let text = message.replace(/file:\/\/\S+/g, 'a file');
  for (const root of privateRoots(extraRoots)) {
    text = text.replace(new RegExp(`['"]?${escapeForRegExp(root)}[^\\s'"]*['"]?`, 'g'), 'a file');
  }
  return text;
}

/** The message for the window: the first line of ours, or a sentence for a system error. */
export function plainMessage(error: unknown, fallback = 'Something went wrong in the app. Please try again.'): string {
  if (isSystemError(error)) return SYSTEM_ERRORS[error.code] ?? fallback;
  if (!(error instanceof Error) || typeof error.message !== 'string') return fallback;
  const firstLine = error.message.split(/\r?\n/).find((line) => line.trim() !== '' && !/^\s+at\s/.test(line)) ?? '';
  const text = withoutPaths(firstLine.trim());
  if (text === '') return fallback;
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}
