import { expect, expectNoSeriousAccessibilityProblems, openApp, test } from './fixtures';
import { startPortfolio } from './evidence-helpers';

test.describe('Portfolios', () => {
  test('starts a portfolio, refusing missing details with messages that name the field', async ({ page }) => {
    await openApp(page, 'portfolios');
    await expect(page.getByRole('heading', { name: 'Start your first portfolio' })).toBeVisible();
    await page.getByRole('button', { name: 'Start portfolio' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Enter the learner’s name.');
    await expect(alert).toContainText('Enter the centre’s name.');
    await expect(page.getByLabel('Learner’s name')).toBeFocused();
    await expect(page.getByLabel('Learner’s name')).toHaveAttribute('aria-invalid', 'true');
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: '.test-output/screens/portfolio-new-problems.png' });
  });

  test('holds several portfolios, switches between them, and remembers the choice after a reload', async ({ page }) => {
    await startPortfolio(page, 'Sam Okafor');
    await page.getByRole('link', { name: 'Manage portfolios' }).click();
    await page.getByRole('button', { name: 'Start a new portfolio' }).click();
    await page.getByLabel('Learner’s name').fill('Alex Byrne');
    await page.getByLabel('Centre name').fill('Riverside Training');
    await page.getByRole('button', { name: 'Start portfolio' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Evidence' })).toBeVisible();
    await expect(page.getByText('Alex Byrne’s portfolio')).toBeVisible();

    const switcher = page.getByLabel('Portfolio', { exact: true });
    await expect(switcher.locator('option')).toHaveCount(2);
    await switcher.selectOption({ label: 'Sam Okafor (LN-40213) — Northgate College' });
    await expect(page.getByText('Sam Okafor’s portfolio')).toBeVisible();
    await page.reload();
    await expect(page.getByText('Sam Okafor’s portfolio')).toBeVisible();

    await page.goto('/index.html#/portfolios');
    const table = page.getByRole('table');
    await expect(table.getByRole('row')).toHaveCount(3);
    await expect(table.getByRole('row', { name: /Sam Okafor/ })).toContainText('Open');
    await expect(table.getByRole('row', { name: /Alex Byrne/ })).toContainText('Riverside Training');
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: '.test-output/screens/portfolios-caseload.png' });

    await table.getByRole('button', { name: 'Open Alex Byrne’s evidence' }).click();
    await expect(page.getByText('Alex Byrne’s portfolio')).toBeVisible();
  });

  test('changes the details of the open portfolio', async ({ page }) => {
    await startPortfolio(page, 'Sam Okafor');
    await page.goto('/index.html#/portfolios');
    await page.getByRole('button', { name: 'Change details of the open portfolio' }).click();
    await page.getByLabel('Assessor’s name (optional)').fill('Dr Priya Shah');
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect(page.getByRole('table').getByRole('row', { name: /Sam Okafor/ })).toContainText('Dr Priya Shah');
    await page.reload();
    await expect(page.getByRole('table').getByRole('row', { name: /Sam Okafor/ })).toContainText('Dr Priya Shah');
  });
});
