/**
 * The main process wired up with only the `electron` module replaced by recording fakes:
 * checks the window's security settings, the privileged scheme, the guards on every web
 * contents, permission denial, the protocol handler and IPC registration.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

const recorded = vi.hoisted(() => ({
  privileged: [] as unknown[],
  appListeners: new Map<string, Listener[]>(),
  windows: [] as Array<{ options: Record<string, unknown>; url?: string }>,
  ipcChannels: [] as string[],
  ipcListeners: new Map<string, Listener>(),
  encrypted: [] as string[],
  protocolHandler: undefined as undefined | ((request: { url: string }) => Promise<Response>),
  permissionRequest: undefined as undefined | Listener,
  permissionCheck: undefined as undefined | Listener,
  menuTemplate: undefined as unknown,
}));

vi.mock('electron', () => {
  class FakeWebContents {
    listeners = new Map<string, Listener>();
    windowOpenHandler: Listener | undefined;
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
      return this;
    }
    setWindowOpenHandler(handler: Listener) {
      this.windowOpenHandler = handler;
    }
    send() {}
  }
  class BrowserWindow {
    webContents = new FakeWebContents();
    constructor(options: Record<string, unknown>) {
      recorded.windows.push({ options });
    }
    once() {}
    on() {}
    show() {}
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
    dialog: { showSaveDialog: async () => ({ canceled: true }) },
    ipcMain: {
      handle: (channel: string, listener: Listener) => {
        recorded.ipcChannels.push(channel);
        recorded.ipcListeners.set(channel, listener);
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
    const status = await recorded.ipcListeners.get('keychain:status')?.(event);
    expect(status).toEqual(process.platform === 'linux' ? { isAvailable: true, backend: 'KWallet 5' } : expect.objectContaining({ isAvailable: true }));
    const privateKey = new Uint8Array(48).fill(7);
    privateKey[0] = 0x30;
    const expected = Buffer.from(privateKey).toString('base64');
    const wrapped = (await recorded.ipcListeners.get('keychain:protect')?.(event, privateKey)) as Uint8Array;
    expect(recorded.encrypted).toEqual([expected]);
    expect(Buffer.from(await (recorded.ipcListeners.get('keychain:unprotect')?.(event, wrapped) as Promise<Uint8Array>)).toString('base64')).toBe(expected);
    await expect(recorded.ipcListeners.get('keychain:protect')?.({ senderFrame: { url: 'https://evil.example/', parent: null } }, privateKey)).rejects.toThrow('did not come from the app window');
  });

  it('holds the single-instance lock', () => {
    expect(recorded.appListeners.has('second-instance')).toBe(true);
  });
});
