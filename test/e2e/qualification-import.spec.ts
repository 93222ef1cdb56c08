/** Importing frameworks in other formats: converted, previewed, then used (or edited first, or cancelled). */
import { join } from 'node:path';
import { expect, expectNoSeriousAccessibilityProblems, openApp, test } from './fixtures';
import type { Page } from '@playwright/test';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'specs', 'convert');

async function chooseFile(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'choose a specification file…' }).click();
  await (await chooser).setFiles(path);
}

const preview = (page: Page) => page.getByRole('region', { name: 'Check the converted qualification' });

test.describe('Importing other formats', () => {
  for (const { file, format, title, units, points, firstUnit } of [
    { file: 'case-1.0.json', format: 'an IMS CASE framework (CFPackage JSON)', title: 'Digital Skills Framework (fixture)', units: 2, points: 6, firstUnit: 'DS1' },
    { file: 'ifate-st9901.json', format: 'an IfATE / Skills England apprenticeship standard (JSON)', title: 'Customer service practitioner (fixture)', units: 3, points: 9, firstUnit: 'K' },
    { file: 'mahara-nested.matrix', format: 'a Mahara SmartEvidence framework (.matrix)', title: 'Team Leader Standards (fixture)', units: 2, points: 5, firstUnit: 'S1' },
    { file: 'moodle-framework.csv', format: 'a Moodle competency framework (CSV)', title: 'Business administration (fixture)', units: 2, points: 5, firstUnit: 'FX-1' },
  ]) {
    test(`converts ${file}, previews it, and uses it once confirmed`, async ({ page }) => {
      await openApp(page);
      await chooseFile(page, join(fixtures, file));
      const region = preview(page);
      await expect(region).toContainText(`${file} is ${format}. It converts to ${title}: ${units} units`);
      await expect(region).toContainText(`and ${points} marking points. Nothing is saved until you choose to use it.`);
      await expect(region.getByRole('table').getByRole('row')).toHaveCount(units + 1);
      // Nothing is stored before the user confirms.
      await expect(page.getByLabel('Qualification in use').locator('option')).toHaveCount(1);
      await region.getByRole('button', { name: 'Use this qualification' }).click();
      await expect(page.getByText(`Imported “${title}”`)).toBeVisible();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(page.getByRole('navigation', { name: 'Units' }).getByRole('button').first()).toContainText(firstUnit);
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    });
  }

  test('shows what was left out and why, the qualification number, and passes an accessibility scan; screenshots at two sizes', async ({ page }) => {
    await openApp(page);
    await chooseFile(page, join(fixtures, 'ifate-st9901.json'));
    const region = preview(page);
    await expect(region.getByText('Left out (1), and why')).toBeVisible();
    await expect(region).toContainText('/duties/2 A duty with no wording (“.”) is left out.');
    await expect(region).toContainText('Qualification number');
    await expect(region).toContainText('ST9901');
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: '.test-output/screens/qualification-import-preview-1280.png', fullPage: true });
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.screenshot({ path: '.test-output/screens/qualification-import-preview-1024.png', fullPage: false });
    await region.getByRole('button', { name: 'Use this qualification' }).click();
    await expect(page.locator('.page-head .subtle')).toContainText('Qualification number ST9901 · Level 2 · Version 1.2');
  });

  test('Cancel stores nothing; a dropped .matrix is converted too', async ({ page }) => {
    await openApp(page);
    await chooseFile(page, join(fixtures, 'mahara-flat.matrix'));
    await preview(page).getByRole('button', { name: 'Cancel' }).click();
    await expect(preview(page)).toHaveCount(0);
    await page.reload();
    await expect(page.getByLabel('Qualification in use').locator('option')).toHaveCount(1);

    const dataTransfer = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['ID number;Short name;Is framework\nFW;Dropped framework;1\nA1;First thing;\n'], 'dropped.csv', { type: 'text/csv' }));
      return transfer;
    });
    await page.getByTestId('spec-drop-zone').dispatchEvent('drop', { dataTransfer });
    await expect(preview(page)).toContainText('dropped.csv is a Moodle competency framework (CSV). It converts to Dropped framework: 1 unit, 1 learning outcome and 1 marking point.');
  });

  test('refuses a broken framework, listing each problem with where, and changes nothing', async ({ page }) => {
    await openApp(page);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'choose a specification file…' }).click();
    await (await chooser).setFiles({ name: 'loop.csv', mimeType: 'text/csv', buffer: Buffer.from('ID number,Short name,Parent ID number\nA,One,B\nB,Two,A\n') });
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('loop.csv was not imported: there is a problem. Nothing has been changed.');
    await expect(alert).toContainText('line 2 The parent ID numbers go round in a circle: "A" → "B" → "A".');
    await expect(page.getByLabel('Qualification in use').locator('option')).toHaveCount(1);
  });

  test('“Edit it first” opens the converted qualification in the editor as a draft', async ({ page }) => {
    await openApp(page);
    await chooseFile(page, join(fixtures, 'case-opensalt-early.json'));
    await preview(page).getByRole('button', { name: 'Edit it first' }).click();
    await expect(page).toHaveURL(/#\/qualification-editor$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Qualification editor');
    await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Early Export Framework (fixture)');
    await expect(page.getByRole('heading', { name: 'Ready to save' })).toBeVisible();
  });
});
