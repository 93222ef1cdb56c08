/** The qualification editor: writing a qualification from a PDF's text, drafts that survive a reload, new versions, export. */
import { readFile } from 'node:fs/promises';
import { validateSpecText } from '../../core/spec/validate';
import { startPortfolio } from './evidence-helpers';
import { expect, expectNoSeriousAccessibilityProblems, openApp, test } from './fixtures';

const PDF_TEXT = [
  'Unit 201: Work with customers',
  'Learning outcomes   Assessment criteria',
  '1 Understand how to deal with',
  'customers',
  '1.1 Describe how to greet a customer',
  '1.2 Explain why customers’ needs differ, and how to find out what',
  'each customer needs',
  'Page 4 of 9',
  '2 Be able to resolve a complaint',
  'AC 2.1 Use the organisation’s complaints procedure',
  'AC 2.2 Record what was agreed',
].join('\n');

test.describe('Qualification editor', () => {
  test('writes a new qualification: criteria pasted from a PDF are split for review, then saved and used', async ({ page }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'Create a qualification' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Qualification editor');
    await page.getByLabel('Title', { exact: true }).fill('Level 2 Certificate in Working with Customers');
    await page.getByLabel('Awarding body').fill('Example Awards');
    await page.getByLabel('Qualification number (optional)').fill('603/9999/1');
    await page.getByLabel('Id', { exact: true }).fill('working-with-customers-l2');
    await page.getByLabel('Unit id').fill('U201');
    await page.getByLabel('Unit title').fill('Work with customers');

    await page.getByText('Paste the unit’s criteria from a PDF').click();
    await page.getByLabel('Text copied from the PDF').fill(PDF_TEXT);
    await page.getByRole('button', { name: 'Find the criteria' }).click();
    const review = page.getByRole('region', { name: /Found 4 criteria in 2 learning outcomes/ });
    await expect(review.getByLabel('Outcome title').first()).toHaveValue('Understand how to deal with customers');
    await expect(review.getByLabel('Wording of criterion 1.2')).toHaveValue('Explain why customers’ needs differ, and how to find out what each customer needs');
    await expect(review.getByText('3 lines were not part of any criterion')).toBeVisible();
    // One is corrected and one left out before adding.
    await review.getByLabel('Wording of criterion 2.2').fill('Record what was agreed with the customer');
    await review.getByRole('checkbox').nth(2).uncheck();
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: '.test-output/screens/qualification-editor-review-1280.png', fullPage: true });
    await review.getByRole('button', { name: 'Add 3 marking points to this unit' }).click();
    await expect(page.getByText('Added 3 marking points to unit U201.')).toBeVisible();
    await expect(page.getByLabel('Outcome id')).toHaveCount(2);
    await expect(page.getByLabel('Outcome id').first()).toHaveValue('U201.LO1');
    await expect(page.getByLabel('Marking point 2 id').first()).toHaveValue('U201.1.2');
    await expect(page.getByLabel('Wording, as the specification gives it').nth(2)).toHaveValue('Record what was agreed with the customer');
    await expect(page.getByRole('heading', { name: 'Ready to save' })).toBeVisible();
    await expectNoSeriousAccessibilityProblems(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: '.test-output/screens/qualification-editor-1280.png', fullPage: false });
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.evaluate(() => window.scrollTo(0, 560));
    await page.screenshot({ path: '.test-output/screens/qualification-editor-1024.png', fullPage: false });
    await page.setViewportSize({ width: 1280, height: 860 });

    await page.getByRole('button', { name: 'Save to the app' }).click();
    await expect(page.getByText('Saved “Level 2 Certificate in Working with Customers” version 1. It is now the qualification in use.')).toBeVisible();
    await page.getByRole('button', { name: 'View the qualification' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Level 2 Certificate in Working with Customers');
    await expect(page.locator('.page-head .subtle')).toContainText('Example Awards · Qualification number 603/9999/1 · Version 1 · 1 units, 3 marking points');
    await expect(page.getByRole('article').getByText('U201.2.2', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Qualification in use').locator('option', { hasText: 'written in the app' })).toHaveCount(1);
  });

  test('keeps the draft through a reload, lists what is missing with links to each field, and discards only when asked', async ({ page }) => {
    await openApp(page, 'qualification-editor');
    await page.getByRole('button', { name: 'Start a new qualification' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Half-written qualification');
    await page.getByLabel('Wording, as the specification gives it').fill('Describe the first thing');
    await page.reload();
    await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Half-written qualification');
    await expect(page.getByLabel('Wording, as the specification gives it')).toHaveValue('Describe the first thing');

    const check = page.getByRole('region', { name: /things to fix before saving/ });
    await expect(check).toContainText('The qualification: awarding body must not be empty.');
    await check.getByRole('button', { name: 'Unit 1 (U1): title' }).click();
    await expect(page.getByLabel('Unit title')).toBeFocused();
    await page.getByRole('button', { name: 'Save to the app' }).click();
    await expect(page.getByRole('alert')).toContainText('Fix the');

    // A second unit, then the list of units in the draft.
    await page.getByRole('button', { name: 'Add a unit' }).click();
    await expect(page.getByRole('navigation', { name: 'Units in the draft' }).getByRole('button')).toHaveCount(3);
    await expect(page.getByLabel('Unit id')).toHaveValue('U2');

    await page.getByRole('button', { name: 'Discard draft' }).click();
    await page.getByRole('button', { name: 'Keep it' }).click();
    await page.reload();
    await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Half-written qualification');
    await page.getByRole('button', { name: 'Discard draft' }).click();
    await page.getByRole('button', { name: 'Discard the draft' }).click();
    await expect(page.getByRole('button', { name: 'Start a new qualification' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('button', { name: 'Start a new qualification' })).toBeVisible();
  });

  test('editing a qualification that a portfolio uses makes a new version; the portfolio keeps the old one', async ({ page }) => {
    await startPortfolio(page, 'Ana Costa', 'Riverside College');

    await page.goto('/index.html#/qualification');
    await page.getByRole('button', { name: 'Edit this qualification' }).click();
    await expect(page.getByText('1 portfolio uses version 2026.1. They keep it: saving this makes a new version (2026.2), and nothing changes for them.')).toBeVisible();
    await expect(page.getByLabel('Version')).toHaveValue('2026.2');
    await page.getByLabel('Version').fill('2026.1');
    await expect(page.getByText('Portfolios use version 2026.1; give this one a new version.')).toBeVisible();
    await page.getByRole('button', { name: 'Save as a qualification' }).click();
    await expect(page.getByRole('alert')).toContainText('Give this a new version: portfolios use version 2026.1');
    await page.getByLabel('Version').fill('2026.2');
    await page.getByLabel('Unit title').fill('Resolve customer problems (revised)');
    await page.getByRole('button', { name: 'Save as a qualification' }).click();
    await expect(page.getByText(/Saved “.*” version 2026.2/)).toBeVisible();

    await page.goto('/index.html#/qualification');
    const options = page.getByLabel('Qualification in use').locator('option');
    await expect(options).toHaveCount(2);
    await expect(page.getByRole('navigation', { name: 'Units' }).getByRole('button').first()).toContainText('Resolve customer problems (revised)');
    await page.getByLabel('Qualification in use').selectOption({ value: 'cs-diploma-l3@2026.1' });
    await expect(page.getByRole('navigation', { name: 'Units' }).getByRole('button').first()).not.toContainText('(revised)');
  });

  test('exports the draft as portfolio-qualification/1 JSON that validates', async ({ page }) => {
    await openApp(page, 'qualification-editor/new');
    await page.getByLabel('Title', { exact: true }).fill('Exported qualification');
    await page.getByLabel('Awarding body').fill('Example Awards');
    await page.getByLabel('Id', { exact: true }).fill('exported-qualification');
    await page.getByLabel('Unit title').fill('Only unit');
    await page.getByLabel('Outcome title').fill('Only outcome');
    await page.getByLabel('Wording, as the specification gives it').fill('Do the only thing');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export as JSON' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('exported-qualification-1.json');
    const text = await readFile((await file.path()) as string, 'utf8');
    const result = validateSpecText(text);
    expect(result.ok).toBe(true);
    expect(JSON.parse(text)).toMatchObject({ format: 'portfolio-qualification/1', id: 'exported-qualification', units: [{ id: 'U1', learningOutcomes: [{ markingPoints: [{ id: 'U1.1.1', text: 'Do the only thing' }] }] }] });
    expect(JSON.parse(text)).not.toHaveProperty('level');
  });
});
