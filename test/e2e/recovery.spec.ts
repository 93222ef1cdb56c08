import { expect, expectNoSeriousAccessibilityProblems, test } from './fixtures';
import { addEvidence, backToList, expectSaved, startPortfolio } from './evidence-helpers';

test.describe('After the window’s renderer stopped', () => {
  test('the reopened app says what happened, everything saved is there, and a later reload says nothing', async ({ page }) => {
    await startPortfolio(page);
    await addEvidence(page, 'Reflective account');
    await page.getByLabel('Title', { exact: true }).fill('Written just before the crash');
    await expectSaved(page);
    await backToList(page);

    // What main loads after `render-process-gone` (electron/main/window-lifecycle.ts).
    await page.goto('/index.html?recovered=oom#/evidence');
    const notice = page.getByRole('alert').filter({ hasText: 'stopped unexpectedly' });
    await expect(notice).toContainText('The app’s window stopped unexpectedly because it ran out of memory and has been reopened.');
    await expect(notice).toContainText('Your work is safe');
    await expect(page.getByRole('link', { name: 'Written just before the crash' })).toBeVisible();
    expect(new URL(page.url()).search).toBe('');
    expect(new URL(page.url()).hash).toBe('#/evidence');
    await page.screenshot({ path: 'test-results/recovery-notice.png' });
    await expectNoSeriousAccessibilityProblems(page);

    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('link', { name: 'Written just before the crash' })).toBeVisible();
    await expect(page.getByText('stopped unexpectedly')).toHaveCount(0);
  });
});
