import type { Page } from '@playwright/test';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { memoryByteSource } from '../../core/package/byte-io';
import { readPackage } from '../../core/package/reader';
import { countRows, demoPackagePath } from './demo-packages';
import { attachBridge, expect, expectNoSeriousAccessibilityProblems, openApp, test } from './fixtures';

async function importThroughChooser(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('Choose a package file…').click();
  await (await chooser).setFiles(path);
}

/** Opens the share page of an empty app and imports the demo package into it. */
async function importDemoIntoEmptyApp(page: Page, demo: string): Promise<void> {
  await openApp(page, 'share');
  await importThroughChooser(page, demo);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/Imported Tom Brennan’s portfolio/)).toBeVisible();
}

test.describe('Portfolio packages', () => {
  test('import a package, export it again, and import the export into an empty app: everything comes back', async ({ page, bridge, browser }) => {
    const demo = await demoPackagePath(24, 6);
    await openApp(page, 'share');
    await importThroughChooser(page, demo);
    const preview = page.getByRole('region', { name: 'What the package holds' });
    await expect(preview).toContainText('Tom Brennan');
    await expect(preview).toContainText('24 evidence items, 9 attachments');
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: '.test-output/screens/package-preview.png' });
    await preview.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByText(/Imported Tom Brennan’s portfolio \(24 evidence items\)/)).toBeVisible();
    expect(await countRows(page)).toMatchObject({ portfolios: 1, evidence: 24, attachments: 9, decisions: 9, signOffs: 1 });

    bridge.nextSavePath = join(bridge.folder, 'exported.portfolio');
    await page.getByRole('button', { name: 'Save as a package…' }).click();
    await expect(page.getByText(/Saved .* to/)).toBeVisible();
    await page.screenshot({ path: '.test-output/screens/package-saved.png' });
    const original = await readPackage(memoryByteSource(await readFile(demo)));
    const exported = await readPackage(memoryByteSource(await readFile(bridge.nextSavePath)));
    if (!original.ok || !exported.ok) throw new Error('both packages should be valid');
    // Same content in any order: the app writes records in its own stable order.
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    const comparable = (manifest: typeof original.manifest) => ({
      ...manifest, exportedAt: '', generator: null,
      evidence: byId(manifest.evidence), mappings: byId(manifest.mappings), decisions: byId(manifest.decisions), signOffs: byId(manifest.signOffs),
      iqaSamples: byId(manifest.iqaSamples), declarations: byId(manifest.declarations), actionPlan: byId(manifest.actionPlan), comments: byId(manifest.comments),
      audit: byId(manifest.audit.filter((entry) => entry.action !== 'import')),
      attachments: [...manifest.attachments].sort((a, b) => a.sha256.localeCompare(b.sha256)),
    });
    expect(comparable(exported.manifest)).toEqual(comparable(original.manifest));
    for (const attachment of original.manifest.attachments) {
      expect(await exported.readAttachment(attachment.sha256)).toEqual(await original.readAttachment(attachment.sha256));
    }

    // A fresh browser context is an empty app: import the export there.
    const context = await browser.newContext();
    const fresh = await context.newPage();
    await attachBridge(fresh, bridge.folder);
    await openApp(fresh, 'share');
    expect(await countRows(fresh)).toMatchObject({ portfolios: 0, evidence: 0 });
    await importThroughChooser(fresh, bridge.nextSavePath);
    await fresh.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(fresh.getByText(/Imported Tom Brennan’s portfolio/)).toBeVisible();
    expect(await countRows(fresh)).toMatchObject({ portfolios: 1, evidence: 24, attachments: 9, mappings: original.manifest.mappings.length, decisions: 9, signOffs: 1 });
    await context.close();
  });

  test('offers replace or keep both when the portfolio is already there', async ({ page }) => {
    const demo = await demoPackagePath(24, 6);
    await importDemoIntoEmptyApp(page, demo);
    await importThroughChooser(page, demo);
    await expect(page.getByText('This portfolio is already in the app')).toBeVisible();
    await page.getByRole('button', { name: 'Keep both (import as a copy)' }).click();
    await expect(page.getByText(/added as a separate copy/)).toBeVisible();
    expect(await countRows(page)).toMatchObject({ portfolios: 2, evidence: 48, decisions: 9 });
    await importThroughChooser(page, demo);
    await page.getByRole('button', { name: 'Replace the one in the app' }).click();
    await expect(page.getByText(/replaced the one in the app/)).toBeVisible();
    expect(await countRows(page)).toMatchObject({ portfolios: 2, evidence: 48 });
  });

  test('a damaged file is refused with every problem listed, and the database is unchanged', async ({ page, bridge }) => {
    const demo = await demoPackagePath(24, 6);
    await importDemoIntoEmptyApp(page, demo);
    const before = await countRows(page);

    const bytes = new Uint8Array(await readFile(demo));
    const truncated = join(bridge.folder, 'truncated.portfolio');
    await writeFile(truncated, bytes.subarray(0, bytes.length - 100));
    await importThroughChooser(page, truncated);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('truncated.portfolio was not imported. Nothing has been changed.');
    await expect(alert).toContainText('not a complete ZIP');
    await expectNoSeriousAccessibilityProblems(page);

    const notZip = join(bridge.folder, 'holiday.portfolio');
    await writeFile(notZip, 'These are my holiday photos, honest.');
    await importThroughChooser(page, notZip);
    await expect(page.getByRole('alert')).toContainText('holiday.portfolio was not imported');
    expect(await countRows(page)).toEqual(before);
  });

  test('a window killed in the middle of an import leaves the database wholly before or wholly after it', async ({ page, context }) => {
    const big = await demoPackagePath(400, 80, 7);
    const expected = (await readPackage(memoryByteSource(await readFile(big)))) as { ok: true; manifest: { evidence: unknown[] } };
    const outcomes: number[] = [];
    let current = page;
    for (const delay of [0, 150, 400, 900]) {
      await openApp(current, 'share');
      const before = (await countRows(current)).evidence ?? 0;
      await importThroughChooser(current, big);
      const importButton = current.getByRole('button', { name: /^(Import|Replace the one in the app)$/ });
      await importButton.click();
      await current.waitForTimeout(delay);
      // Crash the window's renderer process abruptly, as a power cut or kill would.
      await current.goto('chrome://crash').catch(() => undefined);
      current = await context.newPage();
      await openApp(current, 'share');
      const after = (await countRows(current)).evidence ?? 0;
      outcomes.push(after);
      expect([before, expected.manifest.evidence.length]).toContain(after);
    }
    expect(outcomes.length).toBe(4);
  });

  test('backs up, lists backups, and restores one after saving the current state first', async ({ page, bridge }) => {
    const demo = await demoPackagePath(24, 6);
    await importDemoIntoEmptyApp(page, demo);

    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByText('Backed up 1 portfolio.')).toBeVisible();
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText('made by you');

    await page.getByRole('button', { name: /^Restore Tom Brennan/ }).first().click();
    await expect(page.getByRole('alertdialog')).toContainText('will be backed up first');
    await expectNoSeriousAccessibilityProblems(page);
    await page.getByRole('button', { name: 'Restore this backup' }).click();
    await expect(page.getByText(/Restored Tom Brennan’s portfolio/)).toBeVisible();
    await expect(rows).toHaveCount(3);
    await expect(page.getByRole('table')).toContainText('before a restore');
    expect(await countRows(page)).toMatchObject({ portfolios: 1, evidence: 24 });
    await page.screenshot({ path: '.test-output/screens/backups.png', fullPage: true });
    expect(bridge.folder).toBeTruthy();
  });

  test('a replacing import is backed up first, and that backup is listed and restores, even without its note', async ({ page, bridge }) => {
    const demo = await demoPackagePath(24, 6);
    await importDemoIntoEmptyApp(page, demo);
    await importThroughChooser(page, demo);
    await page.getByRole('button', { name: 'Replace the one in the app' }).click();
    await expect(page.getByText(/replaced the one in the app/)).toBeVisible();

    // The note beside the backup is lost: the backup itself still counts.
    const backupsFolder = join(bridge.folder, 'backups');
    for (const portfolio of await readdir(backupsFolder)) {
      for (const name of await readdir(join(backupsFolder, portfolio))) if (name.endsWith('.json')) await rm(join(backupsFolder, portfolio, name));
    }
    await page.reload();
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText('before an import replaced it');
    await expect(rows.nth(1)).toContainText('Name not recorded');
    await page.screenshot({ path: 'test-results/backups-before-import.png', fullPage: true });
    await page.getByRole('button', { name: /^Restore Name not recorded/ }).click();
    await expect(page.getByRole('alertdialog')).toContainText('Restore this portfolio as it was on');
    await page.getByRole('button', { name: 'Restore this backup' }).click();
    await expect(page.getByText(/Restored Tom Brennan’s portfolio/)).toBeVisible();
    await expect(page.getByRole('table')).toContainText('before a restore');
  });

  test('without the desktop app, export and backups say they need it; import still works', async ({ page }) => {
    const demo = await demoPackagePath(24, 6);
    await importDemoIntoEmptyApp(page, demo);
    await expect(page.getByText(/This needs the desktop app/)).toHaveCount(2);
  });
});
