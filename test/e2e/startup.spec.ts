import { expect, expectNoSeriousAccessibilityProblems, openApp, test } from './fixtures';
import { addEvidence, backToList, expectSaved, startPortfolio } from './evidence-helpers';

/** Runs in the page before any app script: notes every loading message that ever appears. */
function recordLoadingMessages(): void {
  const seen = new Set<string>();
  (window as unknown as { __loadingSeen: Set<string> }).__loadingSeen = seen;
  const look = (): void => {
    for (const element of document.querySelectorAll('[aria-busy="true"]')) seen.add(element.textContent?.trim() ?? '');
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
}

test.describe('Opening the app', () => {
  test('opens straight onto the evidence list: the page and its first rows are read before the first screen', async ({ page }) => {
    await startPortfolio(page);
    await addEvidence(page, 'Reflective account');
    await page.getByLabel('Title', { exact: true }).fill('Refund complaint, handled with LATER');
    await expectSaved(page);
    await backToList(page);

    await page.addInitScript(recordLoadingMessages);
    await page.reload();
    await expect(page.getByRole('link', { name: 'Refund complaint, handled with LATER' })).toBeVisible();
    await expect(page.getByTestId('evidence-count')).toHaveText('1 item');
    // Only the app's own "Opening…" while the database opens: no page loading step, no portfolio loading step.
    const seen = await page.evaluate(() => [...(window as unknown as { __loadingSeen: Set<string> }).__loadingSeen]);
    expect(seen).toEqual(['Opening…']);

    // An item's own page opens the same way.
    await page.getByRole('link', { name: 'Refund complaint, handled with LATER' }).click();
    await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Refund complaint, handled with LATER');
    await page.reload();
    await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Refund complaint, handled with LATER');
  });

  test('a page loaded on first visit stays the same page as the route changes within it (mounted once)', async ({ page }) => {
    await openApp(page, 'portfolios');
    // The first page must be in before counting starts, or its own heading counts as a mount.
    await expect(page.getByRole('heading', { level: 1, name: 'Portfolios' })).toBeVisible();
    // Counts every time a page heading is put into the document: once per mount of the page.
    await page.evaluate(() => {
      const state = window as unknown as { __headingMounts: number };
      state.__headingMounts = 0;
      new MutationObserver((records) => {
        for (const record of records) {
          for (const node of record.addedNodes) if (node instanceof Element && (node.matches('h1') || node.querySelector('h1'))) state.__headingMounts++;
        }
      }).observe(document.querySelector('main') ?? document.body, { subtree: true, childList: true });
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Qualification' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Customer Service/);
    // A change of route within the page re-renders the shell: the page must be updated, not replaced.
    await page.getByRole('button', { name: /CS3/ }).click();
    await expect(page).toHaveURL(/#\/qualification\/CS3$/);
    await expect(page.getByRole('article').getByRole('heading', { level: 2 })).toContainText('Apply rules and regulations');
    expect(await page.evaluate(() => (window as unknown as { __headingMounts: number }).__headingMounts)).toBe(1);
  });

  test('a page that cannot be loaded says so, keeps the navigation, and loads when tried again', async ({ page }) => {
    await openApp(page, 'qualification');
    await page.route('**/assets/CoveragePage-*.js', (route) => route.abort());
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Coverage matrix' }).click();
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { name: 'This page could not be shown' })).toBeVisible();
    await expect(alert).toContainText('Your saved work is not affected.');
    await expect(alert).toContainText('Part of the app could not be read.');
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: '.test-output/screens/page-load-failed.png' });

    // The rest of the app still works.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Qualification' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Customer Service/);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Coverage matrix' }).click();
    await expect(alert.getByRole('heading', { name: 'This page could not be shown' })).toBeVisible();
    await page.unroute('**/assets/CoveragePage-*.js');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Coverage/);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});
