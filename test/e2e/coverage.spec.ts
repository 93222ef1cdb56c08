/**
 * The coverage gap matrix end to end: a realistic demo portfolio imported through the Share
 * page, the matrix read, filtered, moved around with the keyboard, a cell's mapping opened, the
 * "What's missing" list read; then evidence mapped in another window and the matrix and the
 * readiness page updating while they are open, without a reload.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { formatLocator } from '../../core/evidence/locator';
import type { PackageManifest } from '../../core/package/manifest';
import { memoryByteSource } from '../../core/package/byte-io';
import { readPackage } from '../../core/package/reader';
import { demoPackagePath } from './demo-packages';
import { expect, expectNoSeriousAccessibilityProblems, openApp, test } from './fixtures';

const SCREENS = '.test-output/screens';

async function demoManifest(path: string): Promise<PackageManifest> {
  const result = await readPackage(memoryByteSource(await readFile(path)));
  if (!result.ok) throw new Error('the demo package should be valid');
  return result.manifest;
}

async function importDemo(page: Page, path: string): Promise<void> {
  await openApp(page, 'share');
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('Choose a package file…').click();
  await (await chooser).setFiles(path);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/Imported Tom Brennan’s portfolio/)).toBeVisible();
}

function rowHeader(page: Page, markingPointId: string) {
  return page.getByRole('grid').getByRole('rowheader', { name: new RegExp(`^${markingPointId.replace(/\./g, '\\.')} `) });
}

/** The accessible name of the focused element. */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
}

test.describe('Coverage gap matrix', () => {
  test('shows every marking point by status, filters, moves by keyboard, opens a mapping and lists what is missing', async ({ page }) => {
    const path = await demoPackagePath(24, 6);
    const manifest = await demoManifest(path);
    await importDemo(page, path);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Coverage matrix' }).click();
    await expect(page.getByRole('heading', { name: 'Coverage gap matrix' })).toBeVisible();
    await expect(page.getByText('23 marking points:')).toBeVisible();
    await expect(page.locator('.mx-summary')).toContainText('7 of 23 met, 12 claimed, 1 not yet met, 3 gaps');

    const grid = page.getByRole('grid', { name: /Coverage gap matrix/ });
    await expect(grid).toHaveAttribute('aria-rowcount', String(23 + 5 + 13 + 1));
    await expect(grid).toHaveAttribute('aria-colcount', String(24 + 1));
    // Gaps are named as gaps (not only coloured), with their row marked.
    await expect(rowHeader(page, 'CS2.1.1')).toHaveAccessibleName(/Paraphrase to confirm understanding: Gap$/);
    await expect(rowHeader(page, 'CS2.1.1')).toContainText('GAP');
    await expect(rowHeader(page, 'CS1.1.1')).toHaveAccessibleName(/: Met$/);
    // Unit progress as bars with the counts in words.
    const progress = page.getByRole('region', { name: 'Progress by unit' });
    await expect(progress.getByRole('listitem').filter({ hasText: 'CS2' })).toContainText('1 of 3 met, 1 claimed, 1 gap');
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: `${SCREENS}/coverage-matrix.png`, fullPage: true });
    await grid.screenshot({ path: `${SCREENS}/coverage-grid.png` });

    // Filter by unit: the route records it, only CS5 rows remain.
    await page.getByLabel('Unit', { exact: true }).selectOption('CS5');
    await expect(page).toHaveURL(/#\/coverage\/unit\/CS5$/);
    await expect(rowHeader(page, 'CS5.1.1')).toBeVisible();
    await expect(rowHeader(page, 'CS1.1.1')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'What’s missing in CS5' })).toBeVisible();
    // And by status: gaps only.
    await page.getByRole('checkbox', { name: /GAP/ }).check();
    await expect(rowHeader(page, 'CS5.3.1')).toBeVisible();
    await expect(rowHeader(page, 'CS5.1.1')).toHaveCount(0);
    await expect(page.getByText('Showing 1 marking point')).toBeVisible();
    await page.getByRole('checkbox', { name: /GAP/ }).uncheck();
    await page.getByLabel('Unit', { exact: true }).selectOption('');
    await expect(page).toHaveURL(/#\/coverage$/);
    await expect(rowHeader(page, 'CS1.1.1')).toBeVisible();

    // Group the columns by evidence type: a band names each type.
    await page.getByRole('checkbox', { name: 'Group evidence by type' }).check();
    await expect(page.locator('.mx-group').first()).toContainText('Reflective account');
    await grid.screenshot({ path: `${SCREENS}/coverage-grid-grouped.png` });
    await page.getByRole('checkbox', { name: 'Group evidence by type' }).uncheck();

    // Keyboard: from CS5.2.2's row header, arrow right to the evidence mapped there, Enter opens its mapping.
    // (Only the rows in view exist — the grid is virtualised — so show CS5 alone first.)
    await page.getByLabel('Unit', { exact: true }).selectOption('CS5');
    const mapping = manifest.mappings.find((candidate) => candidate.markingPointId === 'CS5.2.2' && manifest.evidence.some((item) => item.id === candidate.evidenceId));
    const item = manifest.evidence.find((candidate) => candidate.id === mapping?.evidenceId);
    if (!mapping || !item) throw new Error('the demo maps evidence to CS5.2.2');
    await rowHeader(page, 'CS5.2.2').click();
    await expect(page.getByRole('complementary')).toContainText('defuse tension and agree a resolution');
    await rowHeader(page, 'CS5.2.2').focus();
    let name = await focusedName(page);
    for (let step = 0; step < 30 && !name.includes(item.title); step++) {
      await page.keyboard.press('ArrowRight');
      name = await focusedName(page);
    }
    expect(name).toMatch(new RegExp(`^CS5\\.2\\.2 × E\\d+ .*: claimed$`));
    expect(name).toContain(item.title);
    await page.keyboard.press('Enter');
    const panel = page.getByRole('complementary');
    await expect(panel).toContainText(formatLocator(mapping.locator));
    await expect(panel).toContainText(mapping.justification ?? '');
    await expect(panel.getByRole('link', { name: 'Open the evidence item to change its mapping' })).toHaveAttribute('href', `#/evidence/${item.id}`);
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: `${SCREENS}/coverage-cell-details.png` });
    // Escape closes the panel and gives the focus back to the cell.
    await page.keyboard.press('Escape');
    await expect(page.getByRole('complementary')).toHaveCount(0);
    await expect.poll(() => focusedName(page)).toContain(item.title);
    // Arrow keys keep working after scrolling sideways: End goes to the last column, Home back to the row header.
    await page.keyboard.press('End');
    await expect.poll(() => focusedName(page)).toMatch(/^CS5\.2\.2 × E\d+ /);
    await page.keyboard.press('Home');
    await expect.poll(() => focusedName(page)).toMatch(/^CS5\.2\.2 Defuse/);

    // An empty cell is not an element until it is needed: clicking one still opens it, and arrows reach it.
    const gapHeader = rowHeader(page, 'CS5.3.1');
    const box = await gapHeader.boundingBox();
    if (!box) throw new Error('the CS5.3.1 row is on screen');
    await page.mouse.click(box.x + box.width + 2 * 40 + 20, box.y + box.height / 2);
    await expect(page.getByRole('complementary')).toContainText(/E\d+ is not mapped to CS5\.3\.1\./);
    await page.keyboard.press('Escape');
    // Closing the details hands focus back a moment later; take it again until it stays.
    await expect(async () => {
      await gapHeader.focus();
      await page.keyboard.press('Control+Home');
      expect(await focusedName(page)).toMatch(/^Marking point/);
    }).toPass({ timeout: 10_000 });
    await gapHeader.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    // Focusing the row header made it the current cell: two steps right is the second evidence column.
    await expect.poll(() => focusedName(page)).toMatch(/^CS5\.3\.1 × E2 .*: not mapped; this marking point is a gap$/);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => focusedName(page)).toMatch(/^CS5\.LO3 /);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => focusedName(page)).toMatch(/^CS5\.2\.3 × E\d+ /);
    await grid.screenshot({ path: `${SCREENS}/coverage-keyboard-focus.png` });

    // What's missing names every gap, with evidence types drawn from the unit's guidance.
    await page.getByLabel('Unit', { exact: true }).selectOption('');
    const missing = page.getByRole('region', { name: 'What’s missing' });
    const gapList = missing.getByRole('list', { name: 'Gaps' });
    await expect(gapList.getByRole('heading')).toHaveText([/CS2\.1\.1/, /CS3\.1\.2/, /CS5\.3\.1/]);
    const cs511 = gapList.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /CS5\.3\.1/ }) });
    await expect(cs511).toContainText('Complaint or case log');
    await expect(cs511).toContainText('from the marking point');
    const cs211 = gapList.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /CS2\.1\.1/ }) });
    await expect(cs211).toContainText('Reflective account — from the unit’s tips: “Always structure your response using a recognised complaint-handling model');
    await expect(missing.getByRole('list', { name: 'Sent back by the assessor' })).toContainText('CS4.2.1');
    await missing.screenshot({ path: `${SCREENS}/coverage-whats-missing.png` });
    await cs511.getByRole('button', { name: 'Show CS5.3.1 in the matrix' }).click();
    await expect.poll(() => focusedName(page)).toMatch(/^CS5\.3\.1 .*: Gap$/);
    await expect(page.getByRole('complementary')).toContainText('Evidence that would suit it');
    await page.screenshot({ path: `${SCREENS}/coverage-gap-details.png` });
  });

  test('mapping evidence in another window updates the open matrix and readiness page without a reload', async ({ page, context }) => {
    const path = await demoPackagePath(24, 6);
    const manifest = await demoManifest(path);
    const caseLog = manifest.evidence.find((item) => item.type === 'case-log' && !manifest.mappings.some((mapping) => mapping.evidenceId === item.id && mapping.markingPointId === 'CS5.3.1'));
    if (!caseLog) throw new Error('the demo has a case log');
    await importDemo(page, path);
    await openApp(page, 'coverage/unit/CS5');
    await expect(rowHeader(page, 'CS5.3.1')).toHaveAccessibleName(/: Gap$/);
    const gapList = page.getByRole('list', { name: 'Gaps in CS5' });
    await expect(gapList).toContainText('CS5.3.1');
    const loads: number[] = [];
    page.on('load', () => loads.push(Date.now()));

    // Another window maps the case log to CS5.3.1 through the mapping page.
    const other = await context.newPage();
    await openApp(other, 'mapping/CS5.3.1');
    await other.getByRole('button', { name: 'Map evidence to this marking point' }).click();
    const form = other.getByRole('form', { name: 'Map evidence to CS5.3.1' });
    // The form lists the newest items first; search narrows it to the one wanted.
    await form.getByLabel('Find the evidence').fill(caseLog.title);
    await form.getByRole('radio', { name: new RegExp(caseLog.title.replace(/[()]/g, '\\$&')) }).check();
    await form.getByRole('radio', { name: 'Other place (describe it)' }).check();
    await form.getByLabel('Where to look').fill('Screenshot of the complaint record');
    await form.getByLabel('Why it meets the marking point').fill('The record shows every complaint detail logged in the complaints system.');
    await form.getByRole('button', { name: 'Add mapping' }).click();
    await expect(other.getByText('Screenshot of the complaint record')).toBeVisible();

    // The matrix in the first window has moved on by itself.
    await expect(rowHeader(page, 'CS5.3.1')).toHaveAccessibleName(/: Claimed$/);
    await expect(page.locator('.mx-summary')).toContainText('13 claimed, 1 not yet met, 2 gaps');
    await expect(gapList).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'What’s missing in CS5' })).toContainText('Every marking point in CS5 has evidence mapped to it.');
    await page.screenshot({ path: `${SCREENS}/coverage-after-mapping.png`, fullPage: true });

    // The readiness page (same window, no reload) drops the gap; removing the mapping brings it back.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Readiness' }).click();
    const errors = page.getByRole('region', { name: /Must fix before submission/ });
    await expect(errors).toHaveAccessibleName('Must fix before submission (2)');
    await expect(errors).not.toContainText('CS5.3.1');
    await other.getByRole('button', { name: new RegExp(`^Remove .* from CS5\\.3\\.1$`) }).click();
    await expect(errors).toHaveAccessibleName('Must fix before submission (3)');
    await expect(errors).toContainText('Marking point CS5.3.1');
    expect(loads).toEqual([]);
    await other.close();
  });
});
