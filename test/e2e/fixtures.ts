/**
 * End-to-end fixtures. The renderer runs in Debian's Chromium; where it needs the main
 * process, `window.portfolioBridge` is provided through `page.exposeFunction`, backed by
 * the real main-process handlers in Node (`createHandlers` + `invokeChecked`, the same
 * sender and payload checks as the app). Only the native save dialog is replaced, by a
 * path the test chooses, and Electron's safeStorage, by a stand-in that really encrypts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import type { BackupReason, ChannelName, MenuCommand, ProgressEvent } from '../../electron/contract';
import { CHANNELS, EVENTS } from '../../electron/channels';
import { createHandlers } from '../../electron/main/handlers';
import { invokeChecked } from '../../electron/main/ipc';
import { BackupStore } from '../../electron/main/services/backups';
import { KeyProtection } from '../../electron/main/services/key-protection';
import { SaveSessions } from '../../electron/main/services/save-sessions';
import { PdfExporter } from '../../electron/main/services/pdf-export';
import { FakeSafeStorage } from '../fixtures/fake-safe-storage';

export interface BridgeHarness {
  /** A scratch folder for this test (deleted afterwards). */
  folder: string;
  /** What the next save dialog answers: a path, or undefined to act as if cancelled. */
  nextSavePath: string | undefined;
  /** The keychain main locks signing keys with; set `isAvailable` false to act out a computer without one. */
  keychain: FakeSafeStorage;
  emit(event: 'progress', payload: ProgressEvent): Promise<void>;
  emit(event: 'menuCommand', payload: MenuCommand): Promise<void>;
  emit(event: 'backupRequest', payload: BackupReason): Promise<void>;
}

type Encoded = unknown;

/** Uint8Array does not survive exposeFunction's serialisation, so bytes travel as base64. */
function decodeFromPage(value: Encoded): unknown {
  if (value && typeof value === 'object' && '__bytes' in value && typeof value.__bytes === 'string') return new Uint8Array(Buffer.from(value.__bytes, 'base64'));
  if (Array.isArray(value)) return value.map(decodeFromPage);
  return value;
}

function encodeForPage(value: unknown): Encoded {
  if (value instanceof Uint8Array) return { __bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  return value;
}

/** Runs in the page before any app script: builds the bridge from the exposed function. */
function installBridge({ names, events }: { names: string[]; events: Record<string, string> }): void {
  type Listener = (payload: unknown) => void;
  const listeners: Record<string, Set<Listener>> = {};
  const toBase64 = (bytes: Uint8Array): string => {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  };
  const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const invoke = (window as unknown as { __bridgeInvoke: (name: string, args: unknown[]) => Promise<unknown> }).__bridgeInvoke;
  const bridge: Record<string, unknown> = {};
  for (const name of names) {
    bridge[name] = async (...args: unknown[]) => {
      const result = await invoke(name, args.map((arg) => (arg instanceof Uint8Array ? { __bytes: toBase64(arg) } : arg)));
      if (result && typeof result === 'object' && '__bytes' in result) return fromBase64(String((result as { __bytes: string }).__bytes));
      return result;
    };
  }
  const subscribe = (event: string) => (listener: Listener) => {
    (listeners[event] ??= new Set()).add(listener);
    return () => listeners[event]?.delete(listener);
  };
  bridge.onProgress = subscribe(events.progress as string);
  bridge.onMenuCommand = subscribe(events.menuCommand as string);
  bridge.onBackupRequest = subscribe(events.backupRequest as string);
  (window as unknown as { portfolioBridge: unknown }).portfolioBridge = bridge;
  (window as unknown as { __bridgeEmit: (event: string, payload: unknown) => void }).__bridgeEmit = (event, payload) => {
    for (const listener of listeners[event] ?? []) listener(payload);
  };
}

export async function attachBridge(page: Page, folder: string): Promise<BridgeHarness> {
  const saves = new SaveSessions();
  const backups = new BackupStore(join(folder, 'backups'), saves);
  const harness: BridgeHarness = {
    folder,
    nextSavePath: undefined,
    keychain: new FakeSafeStorage(),
    async emit(event: keyof typeof EVENTS, payload: unknown) {
      await page.evaluate(([name, data]) => (window as unknown as { __bridgeEmit: (e: string, p: unknown) => void }).__bridgeEmit(name as string, data), [EVENTS[event], payload] as const);
    },
  };
  const pdf = new PdfExporter(join(folder, 'scratch'), saves, async () => harness.nextSavePath, (event) => {
    void harness.emit('progress', event).catch(() => undefined);
  });
  const handlers = createHandlers({
    appInfo: () => ({ name: 'Portfolio Builder', version: 'test', userDataPath: folder, backupsPath: backups.folder, platform: process.platform }),
    saves,
    backups,
    pdf,
    chooseSavePath: async () => harness.nextSavePath,
    keychain: new KeyProtection(harness.keychain, 'linux'),
  });
  await page.exposeFunction('__bridgeInvoke', async (name: ChannelName, args: Encoded[]) => {
    const origin = new URL(page.url()).origin;
    return encodeForPage(await invokeChecked(name, handlers, { url: page.url() }, [origin], args.map(decodeFromPage)));
  });
  await page.addInitScript(installBridge, { names: Object.keys(CHANNELS), events: { ...EVENTS } });
  return harness;
}

export const test = base.extend<{ bridge: BridgeHarness }>({
  bridge: async ({ page }, use) => {
    const folder = await mkdtemp(join(tmpdir(), 'portfolio-e2e-'));
    try {
      await use(await attachBridge(page, folder));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  },
});

export { expect };

/** An axe scan of the current screen: no serious or critical violations allowed. */
export async function expectNoSeriousAccessibilityProblems(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Each test has its own browser context, so its own empty IndexedDB: just open the app. */
export async function openApp(page: Page, route = ''): Promise<void> {
  await page.goto(`/index.html#/${route}`);
  await expect(page.getByRole('banner')).toBeVisible();
}
