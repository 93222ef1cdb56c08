import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { expect, expectNoSeriousAccessibilityProblems, openApp, test } from './fixtures';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'specs');

test.describe('Qualification browser', () => {
  test('shows the built-in qualification with its units, marking points and guidance', async ({ page }) => {
    await openApp(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Level 3 Diploma in Customer Service/);
    const units = page.getByRole('navigation', { name: 'Units' }).getByRole('button');
    await expect(units).toHaveCount(5);
    await units.filter({ hasText: 'Process customer service complaints' }).click();
    await expect(page).toHaveURL(/#\/qualification\/CS5$/);
    const unit = page.getByRole('article');
    await expect(unit.getByRole('heading', { level: 2 })).toContainText('CS5');
    await expect(unit.getByText('CS5.1.1', { exact: true })).toBeVisible();
    await expect(unit.getByText(/LATER/).first()).toBeVisible();
    await expect(unit.getByText('Common mistakes to avoid (6)')).toBeVisible();
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: '.test-output/screens/qualification-cs5.png', fullPage: false });
  });

  test('can be used with the keyboard alone', async ({ page }) => {
    await openApp(page);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
    await expect(page).not.toHaveURL(/#main/);
    const unitButton = page.getByRole('button', { name: /CS3/ });
    await unitButton.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/qualification\/CS3$/);
    await expect(page.getByRole('article').getByRole('heading', { level: 2 })).toContainText('Apply rules and regulations');
  });

  test('imports a valid specification, which persists after a reload, and switches back', async ({ page }) => {
    await openApp(page);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'choose a specification file…' }).click();
    await (await chooser).setFiles(join(fixtures, 'retail-l2.json'));
    await expect(page.getByText(/Imported “Level 2 Certificate in Retail Skills”/)).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Level 2 Certificate in Retail Skills');
    await expect(page.getByText('croeso ŵyr', { exact: false })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Level 2 Certificate in Retail Skills');
    const switcher = page.getByLabel('Qualification in use');
    await expect(switcher.locator('option')).toHaveCount(2);
    await switcher.selectOption({ value: 'cs-diploma-l3@2026.1' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Customer Service/);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Customer Service/);
  });

  test('rejects an invalid specification, lists every problem and changes nothing', async ({ page }) => {
    await openApp(page);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'choose a specification file…' }).click();
    await (await chooser).setFiles(join(fixtures, 'duplicate-ids.json'));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('duplicate-ids.json was not imported: there are 4 problems. Nothing has been changed.');
    await expect(alert).toContainText('/units/0/learningOutcomes/0/markingPoints/1/id');
    await expect(alert).toContainText('"U1.1" is already used by /units/0/learningOutcomes/0/markingPoints/0/id');
    await expect(alert).toContainText('/colour');
    await expect(alert).toContainText('/title');
    await expect(alert).toContainText('/id');
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: '.test-output/screens/qualification-import-problems.png' });
    await expect(page.getByLabel('Qualification in use').locator('option')).toHaveCount(1);
    await page.reload();
    await expect(page.getByLabel('Qualification in use').locator('option')).toHaveCount(1);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Customer Service/);
  });

  test('imports a specification dropped onto the page', async ({ page }) => {
    await openApp(page);
    const text = readFileSync(join(fixtures, 'retail-l2.json'), 'utf8');
    const dataTransfer = await page.evaluateHandle((json) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([json], 'retail-l2.json', { type: 'application/json' }));
      return transfer;
    }, text);
    await page.getByTestId('spec-drop-zone').dispatchEvent('drop', { dataTransfer });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Level 2 Certificate in Retail Skills');
  });

  test('refuses a file that is not JSON at all, saying where it breaks', async ({ page }) => {
    await openApp(page);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'choose a specification file…' }).click();
    await (await chooser).setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "format": oops\n}') });
    await expect(page.getByRole('alert')).toContainText('The file is not valid JSON: found "o" at line 2, column 13');
  });
});

test.describe('Your data', () => {
  test('in a plain browser tab, says which features need the desktop app', async ({ page }) => {
    await openApp(page, 'storage');
    await expect(page.getByRole('heading', { level: 1, name: 'Your data' })).toBeVisible();
    await expect(page.getByText(/This needs the desktop app/).first()).toBeVisible();
    await expectNoSeriousAccessibilityProblems(page);
  });

  test('with the desktop bridge, shows where the data and backups live', async ({ page, bridge }) => {
    await openApp(page, 'storage');
    await expect(page.getByText(bridge.folder, { exact: true })).toBeVisible();
    await expect(page.getByText(join(bridge.folder, 'backups'), { exact: true })).toBeVisible();
    await page.screenshot({ path: '.test-output/screens/your-data.png' });
  });
});
