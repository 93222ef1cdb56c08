import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { demoPackagePath } from './demo-packages';
import { expect, expectNoSeriousAccessibilityProblems, openApp, test } from './fixtures';

async function importDemo(page: Page, path: string): Promise<void> {
  await openApp(page, 'share');
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('Choose a package file…').click();
  await (await chooser).setFiles(path);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/Imported .* portfolio/)).toBeVisible();
}

test.describe('PDF submission from the app', () => {
  test('lists the check errors, then exports a draft marked DRAFT on every page', async ({ page, bridge }) => {
    await importDemo(page, await demoPackagePath(24, 6));
    await page.getByRole('link', { name: 'PDF submission' }).click();
    await expect(page.getByRole('heading', { name: /Not ready to submit/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Export the PDF submission…' })).toHaveCount(0);
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: '.test-output/screens/pdf-page.png', fullPage: true });

    bridge.nextSavePath = join(bridge.folder, 'draft.pdf');
    await page.getByRole('button', { name: 'Export a draft (marked DRAFT)…' }).click();
    await expect(page.getByText(/Saved the draft PDF \(\d+ pages/)).toBeVisible({ timeout: 60_000 });
    expect(execFileSync('qpdf', ['--check', bridge.nextSavePath]).toString()).toContain('No syntax or stream encoding errors');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [bridge.nextSavePath]).toString())?.[1]);
    const text = execFileSync('pdftotext', ['-layout', bridge.nextSavePath, '-']).toString();
    const pageTexts = text.split('\f').filter((pageText) => pageText.trim() !== '');
    expect(pageTexts.length).toBe(pages);
    for (const pageText of pageTexts) expect(pageText).toContain('DRAFT');
    expect(text).toContain('Tom Brennan');
    // Nothing is left in the scratch folder once the PDF is made.
    expect(readdirSync(join(bridge.folder, 'scratch'))).toEqual([]);
  });

  test('can be cancelled, leaving no file behind', async ({ page, bridge }) => {
    await importDemo(page, await demoPackagePath(300, 60, 3));
    await openApp(page, 'pdf');
    bridge.nextSavePath = join(bridge.folder, 'cancelled.pdf');
    await page.getByRole('button', { name: 'Export a draft (marked DRAFT)…' }).click();
    await expect(page.getByText('Making the PDF')).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText('The PDF was not made: you cancelled. No file was left behind.')).toBeVisible({ timeout: 30_000 });
    expect(existsSync(bridge.nextSavePath)).toBe(false);
    expect(readdirSync(bridge.folder).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  test('in a plain browser tab, says the PDF needs the desktop app', async ({ page }) => {
    await importDemo(page, await demoPackagePath(24, 6));
    await openApp(page, 'pdf');
    await expect(page.getByRole('heading', { level: 1, name: 'PDF submission' })).toBeVisible();
    await expect(page.getByText(/This needs the desktop app/)).toBeVisible();
  });
});
