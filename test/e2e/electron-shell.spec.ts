/**
 * Tests of the real desktop shell. They need an Electron binary, which downloads on
 * first launch from outside the npm registry; where there is none (as on the development
 * and CI machines here) they report themselves as skipped with the reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron } from '@playwright/test';
import { expect, test } from './fixtures';

const electronPackage = join(import.meta.dirname, '..', '..', 'node_modules', 'electron');

function findElectronBinary(): string | undefined {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = join(override, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(candidate) ? candidate : undefined;
  }
  const pathFile = join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const candidate = join(electronPackage, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(candidate) ? candidate : undefined;
}

const binary = findElectronBinary();
const mainEntry = join(import.meta.dirname, '..', '..', 'out', 'main', 'index.js');

test.describe('real Electron shell', () => {
  test.skip(!binary, 'No Electron binary on this machine: it is downloaded from outside the npm registry on first launch, which this network does not reach. Set ELECTRON_OVERRIDE_DIST_PATH to run these.');

  test('opens one sandboxed window from app:// with the bridge and no Node', async () => {
    const app = await electron.launch({ executablePath: binary, args: [mainEntry, '--no-sandbox'] });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('banner')).toBeVisible();
      expect(page.url()).toMatch(/^app:\/\/renderer\//);
      const globals = await page.evaluate(() => ({
        hasBridge: typeof window.portfolioBridge?.getAppInfo === 'function',
        hasRequire: 'require' in window,
        hasProcess: 'process' in window,
      }));
      expect(globals).toEqual({ hasBridge: true, hasRequire: false, hasProcess: false });
      const info = await page.evaluate(() => window.portfolioBridge?.getAppInfo());
      expect(info?.userDataPath).toBeTruthy();
      const opened = await page.evaluate(() => window.open('https://example.com') === null);
      expect(opened).toBe(true);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
