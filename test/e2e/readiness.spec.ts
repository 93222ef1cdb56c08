/**
 * The submission readiness page end to end: every check result of a realistic demo portfolio,
 * errors before warnings, each linking to where it is fixed — a marking point's row in the
 * matrix, an evidence item's page.
 */
import type { Page } from '@playwright/test';
import { demoPackagePath } from './demo-packages';
import { expect, expectNoSeriousAccessibilityProblems, openApp, test } from './fixtures';

async function importDemo(page: Page, path: string): Promise<void> {
  await openApp(page, 'share');
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('Choose a package file…').click();
  await (await chooser).setFiles(path);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/Imported Tom Brennan’s portfolio/)).toBeVisible();
}

test.describe('Submission readiness', () => {
  test('with no portfolio it says what to do first', async ({ page }) => {
    await openApp(page, 'readiness');
    await expect(page.getByRole('heading', { name: 'Submission readiness' })).toBeVisible();
    await expect(page.getByText('There is no portfolio yet.')).toBeVisible();
    await openApp(page, 'coverage');
    await expect(page.getByText('There is no portfolio yet.')).toBeVisible();
  });

  test('lists every check, errors first, and each link goes where the problem is fixed', async ({ page }) => {
    await importDemo(page, await demoPackagePath(24, 6));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Readiness' }).click();
    await expect(page.getByRole('heading', { name: 'Submission readiness', level: 1 })).toBeVisible();
    await expect(page.getByText('Not ready to submit.')).toBeVisible();
    // Warnings: a not-yet-met decision, an unconfirmed witness, a complaint missing a stage, and the three units no IQA has sampled.
    await expect(page.locator('.rd-verdict')).toContainText('3 problems must be fixed first, and 6 warnings are worth checking');

    const errors = page.getByRole('region', { name: 'Must fix before submission (3)' });
    const warnings = page.getByRole('region', { name: 'Worth checking (6)' });
    await expect(errors.getByRole('region', { name: /A marking point has no evidence mapped to it\. \(3\)/ })).toBeVisible();
    await expect(errors.getByRole('listitem')).toHaveCount(3);
    await expect(warnings.getByRole('region', { name: /The assessor judged a marking point not yet met/ })).toBeVisible();
    await expect(warnings.getByRole('region', { name: /witness testimony lacks/ })).toContainText('missing the date the witness confirmed the statement');
    // Errors come before warnings on the page.
    const errorsTop = (await errors.boundingBox())?.y ?? Number.POSITIVE_INFINITY;
    const warningsTop = (await warnings.boundingBox())?.y ?? Number.NEGATIVE_INFINITY;
    expect(errorsTop).toBeLessThan(warningsTop);
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: '.test-output/screens/readiness.png', fullPage: true });

    // A gap's link opens the matrix at its row, with its details and suggestions.
    await errors.getByRole('listitem').filter({ hasText: 'CS3.1.2' }).getByRole('link', { name: 'Open CS3.1.2 in the matrix' }).click();
    await expect(page).toHaveURL(/#\/coverage\/point\/CS3\.1\.2$/);
    const panel = page.getByRole('complementary');
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText('CS3.1.2 Reference acts and regulations accurately');
    await expect(panel).toContainText('Evidence that would suit it');
    await expect(panel).toContainText('Work product');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(/^CS3\.1\.2 .*: Gap$/);
    await page.screenshot({ path: '.test-output/screens/readiness-to-matrix.png' });

    // The not-yet-met warning links to its marking point; the witness warning to the evidence item.
    await page.goBack();
    await expect(page).toHaveURL(/#\/readiness$/);
    const notYet = warnings.getByRole('region', { name: /not yet met/ });
    await expect(notYet.getByRole('link', { name: 'Open CS4.2.1 in the matrix' })).toHaveAttribute('href', '#/coverage/point/CS4.2.1');
    const witness = warnings.getByRole('region', { name: /witness testimony lacks/ });
    await witness.getByRole('link', { name: 'Open the evidence item' }).click();
    await expect(page).toHaveURL(/#\/evidence\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Joanne Pike');
  });
});
