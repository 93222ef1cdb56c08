import { buildEvidenceSeed, seedEvidenceDatabase } from '../../bench/evidence-seed';
import { buildSearchEntries, filterEntries } from '../../core/evidence/search';
import { expect, expectNoSeriousAccessibilityProblems, openApp, test } from './fixtures';

test.describe('A large portfolio', () => {
  test('shows 2,000 items in a virtualised list that scrolls, searches and filters across all of them', async ({ page }) => {
    test.setTimeout(120_000);
    const seed = await buildEvidenceSeed({ items: 2_000, images: 200, portfolioId: 'scale-test' });
    // Nothing refused by the content security policy (inline styles, blob: images) and no script errors.
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      // The browser's own request for /favicon.ico (the app has none) is not the app's doing.
      if (message.type() === 'error' && !(message.text().includes('404') && message.location().url.endsWith('/favicon.ico'))) consoleErrors.push(`${message.text()} ${message.location().url}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await openApp(page, 'qualification');
    await seedEvidenceDatabase(page, seed);
    await page.goto('/index.html#/evidence');

    const count = page.getByTestId('evidence-count');
    await expect(count).toHaveText('2,000 items');
    await expect(page.locator('[data-complete="true"]')).toBeVisible();
    const rows = page.getByRole('list', { name: 'Evidence items' }).getByRole('listitem');
    // Only the rows on screen (and a few either side) exist.
    expect(await rows.count()).toBeLessThan(40);
    await expect(rows.first()).toHaveAttribute('aria-setsize', '2000');
    await expect(page.getByRole('list', { name: 'Evidence items' }).locator('img.row-thumb').first()).toBeVisible();
    await page.screenshot({ path: '.test-output/screens/evidence-list-large.png' });

    // Scroll to the end: the last item by "last changed" (ties in id order, descending) is the first id.
    await page.getByTestId('evidence-scroll').evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect(page.getByRole('link', { name: seed.evidence[0]?.title ?? '' })).toBeVisible();
    expect(await rows.count()).toBeLessThan(40);

    // Search covers every item, not only those on screen; the figure matches the app's own search code.
    const expected = filterEntries(buildSearchEntries(seed.evidence, seed.mappings, (id) => id.split('.')[0]), { query: 'paperwork' }).length;
    expect(expected).toBeGreaterThan(0);
    await page.getByRole('searchbox', { name: 'Search' }).fill('paperwork');
    await expect(count).toHaveText(`Showing ${expected.toLocaleString('en-GB')} of 2,000 items`);
    const middle = seed.evidence[1_234];
    await page.getByRole('searchbox', { name: 'Search' }).fill(`case ${1000 + 1_234}`);
    await expect(page.getByRole('link', { name: middle?.title ?? '' })).toBeVisible();
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await page.getByLabel('Kind').selectOption('call-recording');
    await expect(count).toHaveText('Showing 200 of 2,000 items');
    await expectNoSeriousAccessibilityProblems(page);
    expect(consoleErrors).toEqual([]);
  });
});
