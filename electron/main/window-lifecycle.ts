/**
 * The window's life, apart from Electron so it is tested with fakes: backups before it
 * closes (however it is closed: the menu, the window's close button, the keyboard, the
 * system), recovery when its renderer process dies, and clean-up of whatever the window left
 * half-done each time its page goes away.
 */
import type { BackupReason } from '../contract';

/** How long a closing window may take to back up changed portfolios before it closes anyway. */
export const CLOSE_BACKUP_TIMEOUT_MS = 15_000;

/** A renderer that dies this many times within CRASH_WINDOW_MS is not reloaded again (it would only die again). */
export const MAX_CRASH_RELOADS = 3;
export const CRASH_WINDOW_MS = 60_000;

/** The query parameter the reloaded page reads to say what happened. */
export const RECOVERED_PARAMETER = 'recovered';

/** Main asks the window for backups and waits for its answer, or for the timeout. */
export class BackupHandshake {
  private waiting: (() => void) | undefined;

  constructor(private readonly timeoutMs = CLOSE_BACKUP_TIMEOUT_MS) {}

  /** Sends the request and settles when the window says it is done, or when the time is up. */
  request(send: (reason: BackupReason) => void, reason: BackupReason): Promise<'finished' | 'timed-out'> {
    return new Promise((resolve) => {
      let isSettled = false;
      const settle = (outcome: 'finished' | 'timed-out'): void => {
        if (isSettled) return;
        isSettled = true;
        clearTimeout(timer);
        if (this.waiting === finished) this.waiting = undefined;
        resolve(outcome);
      };
      const finished = (): void => settle('finished');
      const timer = setTimeout(() => settle('timed-out'), this.timeoutMs);
      this.waiting = finished;
      try {
        send(reason);
      } catch {
        // A window that cannot be asked has nothing to back up: close without waiting.
        settle('finished');
      }
    });
  }

  /** The window's `backupsFinished` call. */
  finished(): void {
    this.waiting?.();
  }
}

export interface CloseEvent {
  preventDefault(): void;
}

/** The parts of a BrowserWindow this module uses. */
export interface LifecycleWindow {
  on(event: 'close', listener: (event: CloseEvent) => void): unknown;
  isDestroyed(): boolean;
  close(): void;
  webContents: {
    on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode?: number }) => void): unknown;
    on(event: 'did-start-navigation', listener: (...args: unknown[]) => void): unknown;
    send(channel: string, ...args: unknown[]): void;
    loadURL(url: string): Promise<void>;
  };
}

export interface CloseGuardOptions {
  handshake: BackupHandshake;
  backupRequestChannel: string;
  /** Runs once the backups are done (or timed out), before the window really closes. */
  beforeClose: () => Promise<void>;
}

/**
 * Holds the window's first close until it has backed up changed portfolios (bounded by the
 * handshake's timeout), then closes it. Returns whether the window has been let go.
 */
export function guardCloseWithBackups(window: LifecycleWindow, options: CloseGuardOptions): { isClosing: () => boolean } {
  let state: 'open' | 'backing-up' | 'closing' = 'open';
  window.on('close', (event) => {
    if (state === 'closing') return;
    event.preventDefault();
    if (state === 'backing-up') return;
    state = 'backing-up';
    void options.handshake
      .request((reason) => window.webContents.send(options.backupRequestChannel, reason), 'quit')
      .then(() => options.beforeClose())
      .catch((error: unknown) => console.error('[window] clean-up before closing failed:', error))
      .finally(() => {
        state = 'closing';
        if (!window.isDestroyed()) window.close();
      });
  });
  return { isClosing: () => state !== 'open' };
}

export interface CrashRecoveryOptions {
  /** The page to reload: the app's entry URL. */
  entryUrl: string;
  /** Throws away what the dead page left half-done (open saves, PDF uploads). */
  cleanUp: () => Promise<void>;
  /** When reloading would not help: tell the person, in a native dialog. */
  giveUp: (message: string) => void;
  now?: () => number;
}

/** The entry URL with the reason the page was reloaded, for the page to put in words. */
export function recoveredUrl(entryUrl: string, reason: string): string {
  const url = new URL(entryUrl);
  url.searchParams.set(RECOVERED_PARAMETER, /^[a-z-]{1,40}$/.test(reason) ? reason : 'crashed');
  return url.toString();
}

/**
 * When the window's renderer process dies (crash, out of memory, killed), reloads the app
 * with a note saying so. Nothing is lost: every change is written to IndexedDB as it is made.
 * A renderer that keeps dying is not reloaded for ever.
 */
export function recoverFromCrashes(window: LifecycleWindow, options: CrashRecoveryOptions): void {
  const now = options.now ?? Date.now;
  const crashes: number[] = [];
  window.webContents.on('render-process-gone', (_event, details) => {
    // 'clean-exit' is the page going away normally (the window closing), not a crash.
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    const at = now();
    crashes.push(at);
    while (crashes.length > 0 && at - (crashes[0] as number) > CRASH_WINDOW_MS) crashes.shift();
    void options
      .cleanUp()
      .catch((error: unknown) => console.error('[window] clean-up after the renderer stopped failed:', error))
      .then(() => {
        if (window.isDestroyed()) return;
        if (crashes.length > MAX_CRASH_RELOADS) {
          options.giveUp(
            `The app’s window stopped unexpectedly ${crashes.length} times in a minute, so it was not reopened again. Your saved work is safe in the app’s data folder. Close the app and open it again; if this keeps happening, restart the computer.`,
          );
          return;
        }
        return window.webContents.loadURL(recoveredUrl(options.entryUrl, details.reason));
      })
      .catch((error: unknown) => console.error('[window] could not reload after the renderer stopped:', error));
  });
}

/**
 * Each time the window's page goes away for a new one of the app's (a reload, say), what the
 * old page started and never finished is thrown away. A navigation the security guard will
 * refuse (`isAppUrl` false) changes nothing, so it is ignored.
 */
export function cleanUpOnNewPage(window: LifecycleWindow, isAppUrl: (url: string) => boolean, cleanUp: () => Promise<void>): void {
  window.webContents.on('did-start-navigation', (...args: unknown[]) => {
    const [first, urlArg, isInPlaceArg, isMainFrameArg] = args;
    // Electron passes a details object first (newer) and the same facts as arguments (older).
    const details = typeof first === 'object' && first !== null ? (first as { url?: unknown; isSameDocument?: unknown; isMainFrame?: unknown }) : {};
    const url = typeof details.url === 'string' ? details.url : typeof urlArg === 'string' ? urlArg : '';
    const isSameDocument = typeof details.isSameDocument === 'boolean' ? details.isSameDocument : isInPlaceArg === true;
    const isMainFrame = typeof details.isMainFrame === 'boolean' ? details.isMainFrame : isMainFrameArg !== false;
    if (!isMainFrame || isSameDocument || !isAppUrl(url)) return;
    void cleanUp().catch((error: unknown) => console.error('[window] clean-up of the previous page failed:', error));
  });
}
