import { expect, type Page } from '@playwright/test';
import { openApp } from './fixtures';

/** Picks a package file with the import chooser on the Share page (already open). */
export async function choosePackage(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('Choose a package file…').click();
  await (await chooser).setFiles(path);
}

/** Opens the Share page, imports a package that is not yet in the app, and waits until it is in. */
export async function importPackage(page: Page, path: string): Promise<void> {
  await openApp(page, 'share');
  await choosePackage(page, path);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/Imported .* portfolio/)).toBeVisible();
}
