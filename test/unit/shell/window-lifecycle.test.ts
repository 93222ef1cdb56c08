/**
 * The window's life with a fake window: backups before any close (bounded by a timeout),
 * reload after a renderer crash (not for ever), and clean-up when the page goes.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BackupHandshake,
  CRASH_WINDOW_MS,
  MAX_CRASH_RELOADS,
  cleanUpOnNewPage,
  guardCloseWithBackups,
  recoverFromCrashes,
  recoveredUrl,
  type LifecycleWindow,
} from '../../../electron/main/window-lifecycle';

type Listener = (...args: unknown[]) => void;

function fakeWindow() {
  const listeners = new Map<string, Listener[]>();
  const contentListeners = new Map<string, Listener[]>();
  const state = { isDestroyed: false, closeCalls: 0, sent: [] as unknown[][], loaded: [] as string[] };
  const add = (map: Map<string, Listener[]>) => (event: string, listener: Listener) => {
    map.set(event, [...(map.get(event) ?? []), listener]);
  };
  const window = {
    on: add(listeners),
    isDestroyed: () => state.isDestroyed,
    close: () => {
      state.closeCalls++;
    },
    webContents: {
      on: add(contentListeners),
      send: (...args: unknown[]) => state.sent.push(args),
      loadURL: async (url: string) => {
        state.loaded.push(url);
      },
    },
  } as unknown as LifecycleWindow;
  const emit = (map: Map<string, Listener[]>, event: string, ...args: unknown[]) => {
    for (const listener of map.get(event) ?? []) listener(...args);
  };
  return {
    window,
    state,
    close: () => {
      const preventDefault = vi.fn();
      emit(listeners, 'close', { preventDefault });
      return preventDefault.mock.calls.length > 0;
    },
    contents: (event: string, ...args: unknown[]) => emit(contentListeners, event, ...args),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe('backups before the window closes', () => {
  it('holds the close, asks for the quit backups, cleans up, then closes once they are done', async () => {
    const fake = fakeWindow();
    const handshake = new BackupHandshake(60_000);
    const beforeClose = vi.fn(async () => undefined);
    guardCloseWithBackups(fake.window, { handshake, backupRequestChannel: 'event:backup-request', beforeClose });
    expect(fake.close()).toBe(true);
    expect(fake.state.sent).toEqual([['event:backup-request', 'quit']]);
    // A second click while backing up neither closes nor asks again.
    expect(fake.close()).toBe(true);
    expect(fake.state.sent).toHaveLength(1);
    await settle();
    expect(fake.state.closeCalls).toBe(0);
    handshake.finished();
    await settle();
    expect(beforeClose).toHaveBeenCalledTimes(1);
    expect(fake.state.closeCalls).toBe(1);
    expect(fake.close()).toBe(false);
  });

  it('closes anyway when the window does not answer in time', async () => {
    vi.useFakeTimers();
    const fake = fakeWindow();
    const beforeClose = vi.fn(async () => undefined);
    guardCloseWithBackups(fake.window, { handshake: new BackupHandshake(15_000), backupRequestChannel: 'event:backup-request', beforeClose });
    fake.close();
    await vi.advanceTimersByTimeAsync(14_999);
    expect(fake.state.closeCalls).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(beforeClose).toHaveBeenCalledTimes(1);
    expect(fake.state.closeCalls).toBe(1);
  });

  it('closes even if the clean-up fails', async () => {
    const fake = fakeWindow();
    const handshake = new BackupHandshake(60_000);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    guardCloseWithBackups(fake.window, { handshake, backupRequestChannel: 'event:backup-request', beforeClose: async () => Promise.reject(new Error('disk gone')) });
    fake.close();
    handshake.finished();
    await settle();
    await settle();
    expect(fake.state.closeCalls).toBe(1);
    expect(error).toHaveBeenCalled();
  });
});

describe('recovering from a renderer crash', () => {
  it('cleans up and reloads the app with the reason, so the page can say what happened', async () => {
    const fake = fakeWindow();
    const cleanUp = vi.fn(async () => undefined);
    const giveUp = vi.fn();
    recoverFromCrashes(fake.window, { entryUrl: 'app://renderer/index.html', cleanUp, giveUp });
    fake.contents('render-process-gone', {}, { reason: 'oom', exitCode: -1 });
    await settle();
    expect(cleanUp).toHaveBeenCalledTimes(1);
    expect(fake.state.loaded).toEqual(['app://renderer/index.html?recovered=oom']);
    expect(giveUp).not.toHaveBeenCalled();
  });

  it('does nothing for a clean exit or a window already gone', async () => {
    const fake = fakeWindow();
    const cleanUp = vi.fn(async () => undefined);
    recoverFromCrashes(fake.window, { entryUrl: 'app://renderer/index.html', cleanUp, giveUp: vi.fn() });
    fake.contents('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    fake.state.isDestroyed = true;
    fake.contents('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    await settle();
    expect(cleanUp).not.toHaveBeenCalled();
    expect(fake.state.loaded).toEqual([]);
  });

  it('stops reloading a renderer that keeps dying, and says so', async () => {
    const fake = fakeWindow();
    let clock = 0;
    const giveUp = vi.fn();
    recoverFromCrashes(fake.window, { entryUrl: 'app://renderer/index.html', cleanUp: async () => undefined, giveUp, now: () => clock });
    for (let crash = 0; crash < MAX_CRASH_RELOADS; crash++) {
      clock += 1_000;
      fake.contents('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
      await settle();
    }
    expect(fake.state.loaded).toHaveLength(MAX_CRASH_RELOADS);
    clock += 1_000;
    fake.contents('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    await settle();
    expect(fake.state.loaded).toHaveLength(MAX_CRASH_RELOADS);
    expect(giveUp).toHaveBeenCalledWith(expect.stringMatching(/stopped unexpectedly 4 times in a minute/));
    // Long after, a single crash is reloaded again.
    clock += CRASH_WINDOW_MS * 2;
    fake.contents('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    await settle();
    expect(fake.state.loaded).toHaveLength(MAX_CRASH_RELOADS + 1);
  });

  it('puts only a plain reason in the URL', () => {
    expect(recoveredUrl('app://renderer/index.html', 'launch-failed')).toBe('app://renderer/index.html?recovered=launch-failed');
    expect(recoveredUrl('http://localhost:5173/', '<script>')).toBe('http://localhost:5173/?recovered=crashed');
  });
});

describe('clean-up when the page goes', () => {
  it('throws away what the old page left for a reload of the app, but not for in-page or refused navigations', async () => {
    const fake = fakeWindow();
    const cleanUp = vi.fn(async () => undefined);
    cleanUpOnNewPage(fake.window, (url) => url.startsWith('app://renderer/'), cleanUp);
    fake.contents('did-start-navigation', { url: 'app://renderer/index.html#/share', isSameDocument: true, isMainFrame: true });
    fake.contents('did-start-navigation', { url: 'https://example.com/', isSameDocument: false, isMainFrame: true });
    fake.contents('did-start-navigation', { url: 'app://renderer/frame.html', isSameDocument: false, isMainFrame: false });
    expect(cleanUp).not.toHaveBeenCalled();
    fake.contents('did-start-navigation', { url: 'app://renderer/index.html', isSameDocument: false, isMainFrame: true });
    // The older form: (event, url, isInPlace, isMainFrame).
    fake.contents('did-start-navigation', undefined, 'app://renderer/index.html', false, true);
    await settle();
    expect(cleanUp).toHaveBeenCalledTimes(2);
  });
});
