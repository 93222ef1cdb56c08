/**
 * The main process wired up with only the `electron` module replaced by recording fakes:
 * checks the window's security settings, the privileged scheme, the guards on every web
 * contents, permission denial, the protocol handler and IPC registration, the spellchecker
 * off, and what happens when the window's renderer dies or the window is closed.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

const recorded = vi.hoisted(() => ({
  privileged: [] as unknown[],
  appListeners: new Map<string, Listener[]>(),
  windows: [] as Array<{ options: Record<string, unknown>; url?: string }>,
  ipcChannels: [] as string[],
  ipcHandlers: new Map<string, Listener>(),
  encrypted: [] as string[],
  protocolHandler: undefined as undefined | ((request: { url: string }) => Promise<Response>),
  permissionRequest: undefined as undefined | Listener,
  permissionCheck: undefined as undefined | Listener,
  menuTemplate: undefined as unknown,
  spellCheckerEnabled: [] as boolean[],
  errorBoxes: [] as string[],
  window: undefined as undefined | {
    listeners: Map<string, Listener[]>;
    contents: { listeners: Map<string, Listener[]>; sent: unknown[][]; loaded: string[] };
    closeCalls: number;
  },
}));

vi.mock('electron', () => {
  class FakeWebContents {
    listeners = new Map<string, Listener[]>();
    sent: unknown[][] = [];
    loaded: string[] = [];
    windowOpenHandler: Listener | undefined;
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    setWindowOpenHandler(handler: Listener) {
      this.windowOpenHandler = handler;
    }
    send(...args: unknown[]) {
      this.sent.push(args);
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
  }
  class BrowserWindow {
    webContents = new FakeWebContents();
    listeners = new Map<string, Listener[]>();
    closeCalls = 0;
    constructor(options: Record<string, unknown>) {
      recorded.windows.push({ options });
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- the record reads the live count
      const self = this;
      recorded.window = { listeners: this.listeners, contents: this.webContents, get closeCalls() { return self.closeCalls; } };
    }
    once() {}
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    show() {}
    close() {
      this.closeCalls++;
    }
    isDestroyed() {
      return false;
    }
    async loadURL(url: string) {
      const entry = recorded.windows.at(-1);
      if (entry) entry.url = url;
    }
  }
  const app = {
    isPackaged: true,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    on: (event: string, listener: Listener) => {
      recorded.appListeners.set(event, [...(recorded.appListeners.get(event) ?? []), listener]);
    },
    getPath: (name: string) => `/tmp/fake-${name}`,
    getName: () => 'Portfolio Builder',
    getVersion: () => '0.1.0',
    quit: () => undefined,
    exit: () => undefined,
  };
  return {
    app,
    BrowserWindow,
    Menu: { buildFromTemplate: (template: unknown) => ((recorded.menuTemplate = template), {}), setApplicationMenu: () => undefined },
    dialog: { showSaveDialog: async () => ({ canceled: true }), showErrorBox: (_title: string, message: string) => recorded.errorBoxes.push(message) },
    ipcMain: {
      handle: (channel: string, handler: Listener) => {
        recorded.ipcChannels.push(channel);
        recorded.ipcHandlers.set(channel, handler);
      },
    },
    // Records what main asks the keychain to encrypt; "encrypts" by reversing, enough to see the wiring.
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'kwallet5',
      encryptString: (text: string) => (recorded.encrypted.push(text), Buffer.from([...text].reverse().join(''))),
      decryptString: (bytes: Buffer) => [...bytes.toString()].reverse().join(''),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privileged.push(...schemes),
      handle: (_scheme: string, handler: (request: { url: string }) => Promise<Response>) => {
        recorded.protocolHandler = handler;
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => (recorded.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Listener) => (recorded.permissionCheck = handler),
        setSpellCheckerEnabled: (enabled: boolean) => recorded.spellCheckerEnabled.push(enabled),
      },
    },
  };
});

beforeAll(async () => {
  await import('../../../electron/main/index');
  await new Promise((resolve) => setTimeout(resolve, 10));
});

describe('main process wiring (electron mocked)', () => {
  it('registers app:// as a standard, secure scheme before ready', () => {
    expect(recorded.privileged).toContainEqual(expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }));
  });

  it('opens one sandboxed, isolated window without Node, from app://', () => {
    expect(recorded.windows).toHaveLength(1);
    const prefs = recorded.windows[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, allowRunningInsecureContent: false });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(recorded.windows[0]?.url).toBe('app://renderer/index.html');
  });

  it('denies every permission request and check', () => {
    const callback = vi.fn();
    recorded.permissionRequest?.({}, 'media', callback);
    recorded.permissionRequest?.({}, 'geolocation', callback);
    expect(callback.mock.calls).toEqual([[false], [false]]);
    expect(recorded.permissionCheck?.({}, 'notifications')).toBe(false);
  });

  it('guards every web contents: no navigation away, no new windows, no webviews', () => {
    const listeners = new Map<string, Listener>();
    let openHandler: Listener | undefined;
    const contents = {
      on: (event: string, listener: Listener) => listeners.set(event, listener),
      setWindowOpenHandler: (handler: Listener) => (openHandler = handler),
    };
    for (const listener of recorded.appListeners.get('web-contents-created') ?? []) listener({}, contents);
    const navigate = (event: string, url: string) => {
      const preventDefault = vi.fn();
      listeners.get(event)?.({ preventDefault }, url);
      return preventDefault.mock.calls.length > 0;
    };
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-redirect', 'http://localhost:5173/')).toBe(true);
    expect(navigate('will-navigate', 'app://renderer/index.html#/qualification')).toBe(false);
    expect(navigate('will-attach-webview', 'app://renderer/')).toBe(true);
    expect(openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('serves the renderer only through the guarded protocol handler', async () => {
    const refused = await recorded.protocolHandler?.({ url: 'app://renderer/../../etc/passwd' });
    expect(refused?.status).toBe(404);
    const outside = await recorded.protocolHandler?.({ url: 'app://renderer/%2e%2e%2fmain%2findex.js' });
    expect(outside?.status).toBe(404);
  });

  it('registers every IPC channel and builds the application menu', async () => {
    const { CHANNELS } = await import('../../../electron/channels');
    expect([...recorded.ipcChannels].sort()).toEqual(Object.values(CHANNELS).sort());
    const labels = JSON.stringify(recorded.menuTemplate);
    expect(labels).toContain('Export PDF submission…');
    expect(labels).toContain('Import qualification specification…');
  });

  it('locks signing keys with Electron’s safeStorage, through the checked IPC handlers', async () => {
    const event = { senderFrame: { url: 'app://renderer/index.html', parent: null } };
    const status = await recorded.ipcHandlers.get('keychain:status')?.(event);
    expect(status).toEqual(process.platform === 'linux' ? { isAvailable: true, backend: 'KWallet 5' } : expect.objectContaining({ isAvailable: true }));
    const privateKey = new Uint8Array(48).fill(7);
    privateKey[0] = 0x30;
    const expected = Buffer.from(privateKey).toString('base64');
    const wrapped = (await recorded.ipcHandlers.get('keychain:protect')?.(event, privateKey)) as Uint8Array;
    expect(recorded.encrypted).toEqual([expected]);
    expect(Buffer.from(await (recorded.ipcHandlers.get('keychain:unprotect')?.(event, wrapped) as Promise<Uint8Array>)).toString('base64')).toBe(expected);
    await expect(recorded.ipcHandlers.get('keychain:protect')?.({ senderFrame: { url: 'https://evil.example/', parent: null } }, privateKey)).rejects.toThrow('did not come from the app window');
  });

  it('holds the single-instance lock', () => {
    expect(recorded.appListeners.has('second-instance')).toBe(true);
  });

  it('never downloads spellchecker dictionaries: spellcheck is off for the window and the session', () => {
    const prefs = recorded.windows[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs.spellcheck).toBe(false);
    expect(recorded.spellCheckerEnabled).toEqual([false]);
  });

  it('has no DevTools in a packaged build', () => {
    const prefs = recorded.windows[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs.devTools).toBe(false);
  });

  it('reloads the app when the window’s renderer dies, saying why, and ignores a clean exit', async () => {
    const contents = recorded.window?.contents;
    const gone = contents?.listeners.get('render-process-gone') ?? [];
    expect(gone).toHaveLength(1);
    gone[0]?.({}, { reason: 'clean-exit', exitCode: 0 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(contents?.loaded).toEqual([]);
    gone[0]?.({}, { reason: 'crashed', exitCode: 139 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(contents?.loaded).toEqual(['app://renderer/index.html?recovered=crashed']);
    expect(recorded.errorBoxes).toEqual([]);
  });

  it('asks the window for backups when it is closed, and closes it when they are done', async () => {
    const window = recorded.window;
    const close = window?.listeners.get('close') ?? [];
    expect(close).toHaveLength(1);
    const preventDefault = vi.fn();
    close[0]?.({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
    expect(window?.contents.sent).toContainEqual(['event:backup-request', 'quit']);
    expect(window?.closeCalls).toBe(0);
    // The window answers through the real IPC handler.
    const handled = recorded.ipcHandlers.get('backup:finished');
    await handled?.({ senderFrame: { url: 'app://renderer/index.html', parent: null } });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(window?.closeCalls).toBe(1);
    // The close that follows is let through.
    const again = vi.fn();
    close[0]?.({ preventDefault: again });
    expect(again).not.toHaveBeenCalled();
  });
});
