import type { Page } from '@playwright/test';
import { expect, expectNoSeriousAccessibilityProblems, test } from './fixtures';
import { addEvidence, backToList, expectSaved, startPortfolio } from './evidence-helpers';

async function quickItem(page: Page, kind: string, title: string, fields: { narrative?: string; tags?: string; label?: 'Reactive' | 'Proactive' | 'Reactive and proactive'; date?: string }): Promise<void> {
  await addEvidence(page, kind);
  await page.getByLabel('Title', { exact: true }).fill(title);
  if (fields.date) await page.getByLabel('Date of the activity').fill(fields.date);
  if (fields.narrative) await page.getByLabel(/^(Narrative|Your notes)/).fill(fields.narrative);
  if (fields.tags) await page.getByLabel('Tags', { exact: true }).fill(fields.tags);
  if (fields.label) await page.getByLabel(fields.label, { exact: true }).check();
  await expectSaved(page);
  await backToList(page);
}

test.describe('Finding evidence', () => {
  test('searches titles, narratives and tags; filters by kind and label; sorts; counts', async ({ page }) => {
    test.setTimeout(90_000);
    await startPortfolio(page);
    await quickItem(page, 'Reflective account', 'Delayed ISA transfer', { narrative: 'Mrs C was upset about the delay.', tags: 'complaint', label: 'Reactive', date: '2026-01-10' });
    await quickItem(page, 'Work product', 'Revised transfers checklist', { narrative: 'A weekly check of open transfers.', label: 'Proactive', date: '2026-02-14' });
    await quickItem(page, 'Customer feedback or survey', 'Survey on café opening hours', { narrative: 'Customers asked for longer hours.', tags: 'trend, survey', label: 'Reactive and proactive', date: '2025-12-01' });
    await quickItem(page, 'Observation record', 'Branch counter observation', { date: '2026-03-01' });

    const count = page.getByTestId('evidence-count');
    const titles = page.getByRole('list', { name: 'Evidence items' }).locator('.row-title');
    await expect(count).toHaveText('4 items');
    // The most recently changed first by default; then by the date of the activity.
    await expect(titles).toHaveText(['Branch counter observation', 'Survey on café opening hours', 'Revised transfers checklist', 'Delayed ISA transfer']);
    await page.getByLabel('Sort by').selectOption('date-newest');
    await expect(titles).toHaveText(['Branch counter observation', 'Revised transfers checklist', 'Delayed ISA transfer', 'Survey on café opening hours']);
    await page.getByLabel('Sort by').selectOption('updated');

    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('transfer');
    await expect(count).toHaveText('Showing 2 of 4 items');
    await search.fill('upset');
    await expect(titles).toHaveText(['Delayed ISA transfer']);
    await search.fill('TREND');
    await expect(titles).toHaveText(['Survey on café opening hours']);
    await search.fill('cafe hours');
    await expect(titles).toHaveText(['Survey on café opening hours']);
    await search.fill('nothing matches this');
    await expect(page.getByText('Nothing matches. Try fewer words, or clear the filters.')).toBeVisible();
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await expect(count).toHaveText('4 items');

    await page.getByLabel('Kind').selectOption({ label: 'Work product (1)' });
    await expect(titles).toHaveText(['Revised transfers checklist']);
    await page.getByLabel('Kind').selectOption('');
    await page.getByLabel('Label', { exact: true }).selectOption('reactive');
    await expect(titles).toHaveText(['Survey on café opening hours', 'Delayed ISA transfer']);
    await page.getByLabel('Label', { exact: true }).selectOption('unlabelled');
    await expect(titles).toHaveText(['Branch counter observation']);
    await page.getByLabel('Label', { exact: true }).selectOption('');

    await page.getByLabel('Sort by').selectOption('title');
    await expect(titles).toHaveText(['Branch counter observation', 'Delayed ISA transfer', 'Revised transfers checklist', 'Survey on café opening hours']);
    await page.getByLabel('Sort by').selectOption('date-oldest');
    await expect(titles.first()).toHaveText('Survey on café opening hours');

    // Filters are kept while looking at an item and coming back.
    await search.fill('transfer');
    await page.getByRole('link', { name: 'Revised transfers checklist' }).click();
    await backToList(page);
    await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('transfer');
    await expect(count).toHaveText('Showing 2 of 4 items');
    await expectNoSeriousAccessibilityProblems(page);
  });

  test('deleting can be undone from the message straight away, or later from “Recently deleted”', async ({ page }) => {
    await startPortfolio(page);
    await quickItem(page, 'Witness testimony', 'Statement from Jo', { narrative: 'Context for the statement.' });
    await page.getByRole('link', { name: 'Statement from Jo' }).click();
    await page.getByRole('button', { name: 'Map to a marking point' }).click();
    const form = page.getByRole('form', { name: 'Map this evidence to a marking point' });
    await form.getByLabel('Marking point', { exact: true }).selectOption('CS5.2.3');
    await form.getByLabel('Paragraph number').fill('1');
    await form.getByLabel('Why it meets the marking point').fill('Jo saw me explain the next steps.');
    await form.getByRole('button', { name: 'Add mapping' }).click();
    await expect(page.getByRole('region', { name: 'Marking points this evidence meets' }).getByRole('listitem')).toHaveCount(1);

    await page.getByRole('button', { name: 'Delete this evidence' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Evidence' })).toBeVisible();
    await expect(page.getByText('Deleted “Statement from Jo”.')).toBeVisible();
    await expect(page.getByTestId('evidence-count')).toHaveText('0 items');
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: '.test-output/screens/evidence-undo-delete.png' });
    // The Undo button has focus, so the keyboard reaches it at once.
    await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('evidence-count')).toHaveText('1 item');
    await page.getByRole('link', { name: 'Statement from Jo' }).click();
    await expect(page.getByRole('region', { name: 'Marking points this evidence meets' })).toContainText('Jo saw me explain the next steps.');

    // Delete again, reload (the message is gone), and put it back from the list.
    await page.getByRole('button', { name: 'Delete this evidence' }).click();
    await expect(page.getByTestId('evidence-count')).toHaveText('0 items');
    await page.reload();
    await page.getByText('Recently deleted (1)').click();
    await expect(page.getByText(/Deleted witness testimony “Statement from Jo” with its 1 mapping\./)).toBeVisible();
    await page.getByRole('button', { name: 'Put back' }).click();
    await expect(page.getByTestId('evidence-count')).toHaveText('1 item');
    await page.getByRole('link', { name: 'Statement from Jo' }).click();
    await expect(page.getByRole('region', { name: 'Marking points this evidence meets' }).getByRole('listitem')).toHaveCount(1);
    await page.getByText('History of this evidence').click();
    const history = page.getByRole('group').filter({ hasText: 'History of this evidence' });
    await expect(history).toContainText('Undone: deleted witness testimony “Statement from Jo” with its 1 mapping.');
    await expect(history).toContainText('Added witness testimony (untitled).');
  });

  test('can be used with the keyboard alone: add an item, type, and go back', async ({ page }) => {
    await startPortfolio(page);
    await page.getByRole('button', { name: 'Add evidence' }).focus();
    await page.keyboard.press('Enter');
    const choice = page.getByRole('button', { name: /^Observation record/ });
    await choice.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Observation record', { exact: true })).toBeVisible();
    await page.getByLabel('Title', { exact: true }).focus();
    await page.keyboard.type('Typed with the keyboard');
    await page.keyboard.press('Tab');
    await expectSaved(page);
    await page.getByRole('link', { name: '← All evidence' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('link', { name: 'Typed with the keyboard' })).toBeVisible();
  });
});
