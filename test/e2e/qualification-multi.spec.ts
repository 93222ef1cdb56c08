/** An apprentice's portfolio mapping one piece of evidence to a standard's KSBs and to the qualification inside it. */
import { join } from 'node:path';
import { addEvidence, expectSaved, startPortfolio } from './evidence-helpers';
import { expect, expectNoSeriousAccessibilityProblems, test } from './fixtures';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'specs', 'convert');

test('one evidence item maps to marking points of two qualifications, and each has its own matrix', async ({ page }) => {
  test.setTimeout(90_000);
  await startPortfolio(page, 'Ana Costa', 'Riverside College');

  // The standard comes in as a converted IfATE file.
  await page.goto('/index.html#/qualification');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'choose a specification file…' }).click();
  await (await chooser).setFiles(join(fixtures, 'ifate-st9901.json'));
  await page.getByRole('button', { name: 'Use this qualification' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Customer service practitioner (fixture)');

  await page.getByText('Qualifications Ana Costa’s portfolio maps to').click();
  await page.getByLabel('Customer service practitioner (fixture) (1.2) · ST9901').check();
  await page.getByRole('button', { name: 'Save the qualifications' }).click();
  await expect(page.getByText('Saved. Evidence can now be mapped to that qualification too.')).toBeVisible();
  await expectNoSeriousAccessibilityProblems(page);

  await page.goto('/index.html#/evidence');
  await addEvidence(page, 'Reflective account');
  await page.getByLabel('Title', { exact: true }).fill('A complaint I resolved');
  await page.getByLabel('Narrative: what happened and what you did').fill('I listened to the customer and resolved the complaint.');
  await expectSaved(page);
  const form = page.getByRole('form', { name: 'Map this evidence to a marking point' });
  const mappings = page.getByRole('region', { name: 'Marking points this evidence meets' });
  for (const [choice, why] of [['CS5.2.1', 'I followed the procedure.'], ['st9901/S3', 'I dealt with the complaint from start to end.']] as const) {
    await page.getByRole('button', { name: 'Map to a marking point' }).click();
    await form.getByLabel('Marking point', { exact: true }).selectOption(choice);
    await form.getByLabel('Paragraph number').fill('1');
    await form.getByLabel('Why it meets the marking point').fill(why);
    await form.getByRole('button', { name: 'Add mapping' }).click();
  }
  await expect(mappings.getByRole('listitem')).toHaveCount(2);
  await expect(mappings).toContainText('Customer service practitioner (fixture): S3');
  await expect(mappings).toContainText('Deal with a complaint from first contact to resolution');

  await page.goto('/index.html#/coverage');
  await expect(page.getByRole('heading', { name: 'Coverage gap matrix' })).toBeVisible();
  const which = page.getByLabel('Qualification', { exact: true });
  await expect(which.locator('option')).toHaveCount(2);
  await expect(page.locator('.mx-summary')).toContainText('23 marking points:');
  await expect(page.locator('.mx-summary')).toContainText('1 claimed');
  await which.selectOption({ label: 'Customer service practitioner (fixture) (8 gaps)' });
  await expect(page.locator('.page-head .subtle')).toContainText('Customer service practitioner (fixture)');
  await expect(page.getByRole('grid').getByRole('rowheader', { name: /^S3 / })).toBeVisible();
  await expect(page.getByRole('grid').getByRole('rowheader', { name: /^S3 .*: Claimed/ })).toBeVisible();
  await expect(page.locator('.mx-summary')).toContainText('9 marking points:');
  await page.screenshot({ path: '.test-output/screens/coverage-second-qualification.png' });
});
