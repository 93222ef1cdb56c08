import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { openApp } from './fixtures';

export const MEDIA = join(import.meta.dirname, '..', 'fixtures', 'media');

/** Starts a portfolio through the form (the app shows it when there is none yet). */
export async function startPortfolio(page: Page, learner = 'Sam Okafor', centre = 'Northgate College'): Promise<void> {
  await openApp(page, 'evidence');
  await expect(page.getByRole('heading', { name: 'Start your portfolio' })).toBeVisible();
  await page.getByLabel('Learner’s name').fill(learner);
  await page.getByLabel('Learner number (optional)').fill('LN-40213');
  await page.getByLabel('Centre name').fill(centre);
  await page.getByLabel('Centre number (optional)').fill('C-7781');
  await page.getByLabel('Assessor’s name (optional)').fill('Priya Shah');
  await page.getByRole('button', { name: 'Start portfolio' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Evidence' })).toBeVisible();
}

/** Adds an item of the given kind from the list page and waits for its editor. */
export async function addEvidence(page: Page, kindLabel: string): Promise<void> {
  await page.getByRole('button', { name: 'Add evidence' }).click();
  await page.getByRole('button', { name: new RegExp(`^${kindLabel}`) }).click();
  await expect(page.getByTestId('save-status')).toBeVisible();
}

/** Waits until autosave has stored everything typed. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveText(/^Saved/);
}

export async function backToList(page: Page): Promise<void> {
  await page.getByRole('link', { name: '← All evidence' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Evidence' })).toBeVisible();
}
