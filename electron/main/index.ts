/**
 * The Electron shell: one secure window loading the renderer from `app://renderer/`,
 * a typed IPC surface, the application menu, single-instance lock, backups before the window
 * closes, and recovery when the window's renderer process dies. Offline: no spellchecker
 * (it would download dictionaries), and no DevTools in packaged builds.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import type { MenuCommand, SaveFileType } from '../contract';
import { EVENTS } from '../channels';
import { createHandlers, saveFileType } from './handlers';
import { registerIpcHandlers } from './ipc';
import { menuTemplate } from './menu';
import { BackupStore } from './services/backups';
import { KeyProtection } from './services/key-protection';
import { PdfExporter } from './services/pdf-export';
import { SaveSessions } from './services/save-sessions';
import { BackupHandshake, cleanUpOnNewPage, guardCloseWithBackups, recoverFromCrashes } from './window-lifecycle';
import { APP_ENTRY_URL, APP_SCHEME, isAllowedNavigation, resolveAppPath, responseHeaders, trustedOrigins } from './security';

// Registered before `ready`: a standard, secure scheme gives IndexedDB one stable origin.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
]);

const rendererRoot = join(import.meta.dirname, '..', 'renderer');
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const origins = trustedOrigins(devServerUrl, app.isPackaged);
let mainWindow: BrowserWindow | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start, (error: unknown) => {
    console.error('The app could not start:', error);
    app.exit(1);
  });
}

// Every web contents, present or future: no navigation away, no new windows, no webviews.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, origins)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, origins)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

async function start(): Promise<void> {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // The spellchecker fetches its dictionaries from the internet; the app never goes online.
  ses.setSpellCheckerEnabled(false);

  protocol.handle(APP_SCHEME, async (request) => {
    const path = resolveAppPath(rendererRoot, request.url);
    if (!path) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
    try {
      return new Response(await readFile(path), { status: 200, headers: responseHeaders(path) });
    } catch {
      return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
    }
  });

  // One window, so one set of open saves: capped, and thrown away whenever the window's page goes.
  const saves = new SaveSessions();
  const backups = new BackupStore(join(app.getPath('userData'), 'backups'), saves);
  const chooseSavePath = async (defaultName: string, fileType: SaveFileType): Promise<string | undefined> => {
    const options = { defaultPath: join(app.getPath('documents'), defaultName), filters: [{ name: fileType.description, extensions: [fileType.extension.replace(/^\./, '')] }] };
    const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
    return result.canceled ? undefined : result.filePath;
  };
  const pdf = new PdfExporter(join(app.getPath('userData'), 'scratch'), saves, (name) => chooseSavePath(name, saveFileType({ suggestedName: name, kind: 'pdf' })), (event) => mainWindow?.webContents.send(EVENTS.progress, event));
  // What a crash or a kill left half-written last time.
  void Promise.all([backups.removeLeftovers(), pdf.removeLeftovers()]).catch((error: unknown) => console.error('[start] could not tidy up after the last run:', error));
  const handshake = new BackupHandshake();
  const handlers = createHandlers({
    appInfo: () => ({ name: app.getName(), version: app.getVersion(), userDataPath: app.getPath('userData'), backupsPath: backups.folder, platform: process.platform }),
    saves,
    backups,
    pdf,
    chooseSavePath,
    onBackupsFinished: () => handshake.finished(),
    keychain: new KeyProtection(safeStorage, process.platform),
  });
  registerIpcHandlers(ipcMain, handlers, origins);

  const sendMenuCommand = (command: MenuCommand): void => mainWindow?.webContents.send(EVENTS.menuCommand, command);
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(sendMenuCommand, process.platform === 'darwin')));

  const window = createWindow();
  mainWindow = window;
  const entryUrl = devServerUrl && !app.isPackaged ? devServerUrl : APP_ENTRY_URL;
  const cleanUpWindow = async (): Promise<void> => {
    await pdf.discardAll();
    await saves.abortAll();
  };
  // However the window is closed (its close button, the menu, the keyboard, the system), it
  // backs up changed portfolios first, waiting at most a few seconds.
  const closeGuard = guardCloseWithBackups(window, { handshake, backupRequestChannel: EVENTS.backupRequest, beforeClose: cleanUpWindow });
  recoverFromCrashes(window, { entryUrl, cleanUp: cleanUpWindow, giveUp: (message) => dialog.showErrorBox('Portfolio Builder stopped', message) });
  cleanUpOnNewPage(window, (url) => isAllowedNavigation(url, origins), cleanUpWindow);
  void window.loadURL(entryUrl);

  // Quitting closes the window first, so its backups run; then the app quits.
  app.on('before-quit', (event) => {
    if (!mainWindow || mainWindow.isDestroyed() || closeGuard.isClosing()) return;
    event.preventDefault();
    mainWindow.close();
  });
  app.on('window-all-closed', () => app.quit());
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Portfolio Builder',
    webPreferences: {
      preload: join(import.meta.dirname, '..', 'preload', 'index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      // Offline: the spellchecker would download dictionaries.
      spellcheck: false,
      // Only while developing: a packaged app has no DevTools.
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = undefined;
  });
  return window;
}
