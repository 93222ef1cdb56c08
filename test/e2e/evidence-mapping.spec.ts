import { expect, expectNoSeriousAccessibilityProblems, test } from './fixtures';
import { addEvidence, backToList, expectSaved, startPortfolio } from './evidence-helpers';

test.describe('Mapping evidence to marking points', () => {
  test('maps from the evidence item and from the marking point; each marking point shows its evidence', async ({ page }) => {
    test.setTimeout(90_000);
    await startPortfolio(page);
    await addEvidence(page, 'Reflective account');
    await page.getByLabel('Title', { exact: true }).fill('Delayed ISA transfer complaint');
    await page.getByLabel('Narrative: what happened and what you did').fill('Mrs C rang, upset about a delayed transfer.\n\nI logged the complaint and escalated it.\n\nI called her back with the outcome.');
    await expectSaved(page);

    // From the item: a justification is required, and the paragraph must exist.
    await page.getByRole('button', { name: 'Map to a marking point' }).click();
    const form = page.getByRole('form', { name: 'Map this evidence to a marking point' });
    await form.getByLabel('Marking point', { exact: true }).selectOption('CS5.2.1');
    await expect(form.getByText(/Award credit for following the organisation's complaints procedure correctly/)).toBeVisible();
    await form.getByLabel('Paragraph number').fill('7');
    await form.getByRole('button', { name: 'Add mapping' }).click();
    await expect(form.getByRole('alert')).toContainText('This evidence has 3 paragraphs, so the paragraph must be between 1 and 3.');
    await expect(form.getByRole('alert')).toContainText('Write a sentence saying how this evidence meets the marking point.');
    await form.getByLabel('Paragraph number').fill('2');
    await expect(form.getByText('I logged the complaint and escalated it.')).toBeVisible();
    await form.getByLabel('Why it meets the marking point').fill('I logged and escalated the complaint as our procedure says.');
    await expectNoSeriousAccessibilityProblems(page);
    await page.getByRole('region', { name: 'Marking points this evidence meets' }).screenshot({ path: '.test-output/screens/mapping-from-evidence-form.png' });
    await form.getByRole('button', { name: 'Add mapping' }).click();
    const mappings = page.getByRole('region', { name: 'Marking points this evidence meets' });
    await expect(mappings.getByRole('listitem')).toHaveCount(1);
    await expect(mappings).toContainText('Where: Paragraph 2');
    await expect(mappings).toContainText('Why: I logged and escalated the complaint as our procedure says.');

    // Holistic: the same item maps to a point of another unit too.
    await page.getByRole('button', { name: 'Map to a marking point' }).click();
    await form.getByLabel('Marking point', { exact: true }).selectOption('CS2.1.2');
    await form.getByLabel('Paragraph number').fill('1');
    await form.getByLabel('Why it meets the marking point').fill('I followed a recognised model from the first minute.');
    await form.getByRole('button', { name: 'Add mapping' }).click();
    await expect(mappings.getByRole('listitem')).toHaveCount(2);
    await expect(page.getByRole('option', { name: /CS5\.2\.1 .*already mapped/ })).toHaveCount(0);

    // A call recording, mapped from the marking point's side with a time range.
    await backToList(page);
    await addEvidence(page, 'Call recording');
    await page.getByLabel('Title', { exact: true }).fill('Recorded call with Mr D');
    await page.getByLabel('Length of the call').fill('5:00');
    await expectSaved(page);
    await page.getByRole('link', { name: 'Mapping', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mapping to marking points' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Marking points' }).getByRole('link', { name: /CS5\.2\.1/ }).click();
    const detail = page.getByRole('article');
    await expect(detail.getByRole('link', { name: 'Delayed ISA transfer complaint' })).toBeVisible();
    await detail.getByRole('button', { name: 'Map evidence to this marking point' }).click();
    const pointForm = page.getByRole('form', { name: 'Map evidence to CS5.2.1' });
    await pointForm.getByLabel('Find the evidence').fill('mr d');
    await pointForm.getByLabel(/Recorded call with Mr D/).check();
    await pointForm.getByLabel('From').fill('1:10');
    await pointForm.getByLabel('To').fill('6:00');
    await pointForm.getByLabel('Why it meets the marking point').fill('The call shows each step of the procedure.');
    await pointForm.getByRole('button', { name: 'Add mapping' }).click();
    await expect(pointForm.getByRole('alert')).toContainText('The recording is 5:00 long, so the end time must be 5:00 or earlier.');
    await pointForm.getByLabel('To').fill('2:45');
    await pointForm.getByRole('button', { name: 'Add mapping' }).click();
    await expect(detail.getByRole('listitem')).toHaveCount(2);
    await expect(detail).toContainText('Where: 1:10 to 2:45');
    const tree = page.getByRole('navigation', { name: 'Marking points' });
    await expect(tree.getByRole('link', { name: /CS5\.2\.1.*2 items/ })).toBeVisible();
    await expect(tree.getByRole('link', { name: /CS2\.1\.2.*1 item/ })).toBeVisible();
    await expect(tree.getByRole('link', { name: /CS1\.1\.1.*Gap/ })).toBeVisible();
    await expect(page.getByText('2 of 23 marking points have evidence · 21 gaps')).toBeVisible();
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: '.test-output/screens/mapping-marking-point.png' });

    // Everything is still there after a reload; removing a mapping can be undone.
    await page.reload();
    await expect(detail.getByRole('listitem')).toHaveCount(2);
    await detail.getByRole('button', { name: 'Remove “Recorded call with Mr D” from CS5.2.1' }).click();
    await expect(detail.getByRole('listitem')).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(detail.getByRole('listitem')).toHaveCount(2);

    // The evidence list filters by unit and marking point.
    await page.getByRole('link', { name: 'Evidence', exact: true }).click();
    await page.getByLabel('Marking point', { exact: true }).selectOption('CS2.1.2');
    await expect(page.getByTestId('evidence-count')).toHaveText('Showing 1 of 2 items');
    await page.getByLabel('Marking point', { exact: true }).selectOption('');
    await page.getByLabel('Unit').selectOption('CS5');
    await expect(page.getByTestId('evidence-count')).toHaveText('Showing 2 of 2 items');
    await page.getByLabel('Unit').selectOption('unmapped');
    await expect(page.getByTestId('evidence-count')).toHaveText('Showing 0 of 2 items');
  });

  test('changes a mapping’s locator and justification', async ({ page }) => {
    await startPortfolio(page);
    await addEvidence(page, 'Complaint or case log');
    await page.getByLabel('Title', { exact: true }).fill('Complaint log');
    await expectSaved(page);
    await page.getByRole('button', { name: 'Map to a marking point' }).click();
    const form = page.getByRole('form', { name: 'Map this evidence to a marking point' });
    await form.getByLabel('Marking point', { exact: true }).selectOption('CS5.3.1');
    await form.getByLabel('Where to look').fill('Screenshot 1');
    await form.getByLabel('Why it meets the marking point').fill('The log records every detail.');
    await form.getByRole('button', { name: 'Add mapping' }).click();
    await page.getByRole('button', { name: 'Change the mapping to CS5.3.1' }).click();
    const edit = page.getByRole('form', { name: 'Change the mapping to CS5.3.1' });
    await edit.getByLabel('Page').check();
    await edit.getByLabel('Page number').fill('2');
    await edit.getByLabel('Why it meets the marking point').fill('Page 2 shows the full record.');
    await edit.getByRole('button', { name: 'Save mapping' }).click();
    const mappings = page.getByRole('region', { name: 'Marking points this evidence meets' });
    await expect(mappings).toContainText('Where: Page 2');
    await expect(mappings).toContainText('Why: Page 2 shows the full record.');
  });
});
