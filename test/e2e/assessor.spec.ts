/**
 * Assessor marking, sign-off, IQA sampling and the return flow, end to end in Chromium: the
 * assessor marks and exports, the learner brings the decisions in, reads the feedback and
 * action plan, edits an item and sees the decision go stale.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { memoryByteSource } from '../../core/package/byte-io';
import { readPackage } from '../../core/package/reader';
import type { PackageManifest } from '../../core/package/manifest';
import { countRows, demoPackagePath } from './demo-packages';
import { attachBridge, expect, expectNoSeriousAccessibilityProblems, openApp, test } from './fixtures';

const SCREENS = '.test-output/screens';

async function importThroughChooser(page: Page, path: string, buttonText = 'Choose a package file…'): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByText(buttonText).first().click();
  await (await chooser).setFiles(path);
}

async function importDemo(page: Page, path: string): Promise<void> {
  await openApp(page, 'share');
  await importThroughChooser(page, path);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/Imported Tom Brennan’s portfolio/)).toBeVisible();
}

async function manifestOf(path: string): Promise<PackageManifest> {
  const read = await readPackage(memoryByteSource(await readFile(path)));
  if (!read.ok) throw new Error('the demo package should be valid');
  return read.manifest;
}

interface Plan {
  unitId: string;
  /** Judged met; claimed by exactly one item, `evidenceId`. */
  metPoint: string;
  evidenceId: string;
  evidenceTitle: string;
  /** Judged not yet met; its evidence does not include `evidenceId`. */
  notYetPoint: string;
}

/** Two marking points of one unit to judge, chosen from the package so the test holds for any seed. */
function choosePoints(manifest: PackageManifest): Plan {
  const claims = new Map<string, string[]>();
  for (const mapping of manifest.mappings) claims.set(mapping.markingPointId, [...(claims.get(mapping.markingPointId) ?? []), mapping.evidenceId]);
  const signedOff = new Set(manifest.signOffs.map((signOff) => signOff.unitId));
  for (const unit of manifest.qualification.units.filter((candidate) => !signedOff.has(candidate.id))) {
    const points = unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => point.id)).filter((id) => (claims.get(id) ?? []).length > 0);
    for (const metPoint of points) {
      const evidence = [...new Set(claims.get(metPoint))];
      if (evidence.length !== 1) continue;
      const evidenceId = evidence[0]!;
      const notYetPoint = points.find((id) => id !== metPoint && !(claims.get(id) ?? []).includes(evidenceId));
      const item = manifest.evidence.find((candidate) => candidate.id === evidenceId);
      if (notYetPoint && item) return { unitId: unit.id, metPoint, evidenceId, evidenceTitle: item.title, notYetPoint };
    }
  }
  throw new Error('the demo package should have a unit with two separately evidenced marking points');
}

function pointCard(page: Page, markingPointId: string) {
  return page.getByRole('article', { name: new RegExp(`^${markingPointId.replace(/\./g, '\\.')}(\\s|$)`) });
}

async function becomeStaff(page: Page, role: 'Assessor' | 'Internal quality assurer (IQA)', profile: { name: string; number: string; centre: string }): Promise<void> {
  await openApp(page, 'settings');
  await page.getByRole('radio', { name: new RegExp(`^${role.replace(/[()]/g, '\\$&')}`) }).check();
  await page.getByLabel('Full name').fill(profile.name);
  await page.getByLabel(/number \(if your centre gives one\)/).fill(profile.number);
  await page.getByLabel('Centre', { exact: true }).fill(profile.centre);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved.')).toBeVisible();
}

async function recordDecision(page: Page, markingPointId: string, status: 'Met' | 'Not yet met', feedback: string): Promise<void> {
  const card = pointCard(page, markingPointId);
  await card.getByRole('radio', { name: status, exact: true }).check();
  await card.getByLabel(/^Feedback for the learner/).fill(feedback);
  await card.getByRole('button', { name: `Sign and record decision on ${markingPointId}` }).click();
  await expect(card.getByText(`Your decision on ${markingPointId} is signed and recorded.`)).toBeVisible();
  await expect(card.locator('.decision.is-current')).toContainText(feedback);
  await expect(card.locator('.decision.is-current')).toContainText('Signature valid');
}

test.describe('Assessor marking and the return flow', () => {
  test('the assessor marks and exports; the learner brings it in, reads feedback and action plan, edits an item and sees the decision go stale', async ({ page: learner, bridge, browser }) => {
    test.setTimeout(120_000);
    const demo = await demoPackagePath(24, 6);
    const plan = choosePoints(await manifestOf(demo));

    // ---- the learner has their portfolio
    await importDemo(learner, demo);

    // ---- the assessor, on another computer, imports it into their caseload
    const assessorContext = await browser.newContext();
    const assessor = await assessorContext.newPage();
    const assessorBridge = await attachBridge(assessor, bridge.folder);
    await importDemo(assessor, demo);
    await becomeStaff(assessor, 'Assessor', { name: 'Asha Patel', number: 'A2001', centre: 'Northgate College' });
    await assessor.getByRole('button', { name: 'Create my signing key' }).click();
    await expect(assessor.getByText('Your signing key is ready.')).toBeVisible();
    const fingerprint = (await assessor.getByTestId('key-fingerprint').textContent()) ?? '';
    expect(fingerprint).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){7}$/);
    await assessor.getByRole('button', { name: 'Export my public key for the centre register' }).click();
    const registerText = await assessor.getByLabel('Your entry for the centre’s key register').inputValue();
    expect(JSON.parse(registerText)).toMatchObject({ format: 'portfolio-key-register/1', keys: [{ name: 'Asha Patel', role: 'assessor', number: 'A2001', fingerprint }] });
    expect(registerText).not.toContain('privateKey');
    await expectNoSeriousAccessibilityProblems(assessor);
    await assessor.screenshot({ path: `${SCREENS}/assessor-settings.png`, fullPage: true });

    await assessor.getByRole('link', { name: 'Caseload' }).click();
    const card = assessor.getByRole('listitem', { name: /Tom Brennan/ });
    await expect(card).toContainText(/On track|Off track/);
    await expect(card.getByRole('table')).toContainText(plan.unitId);
    await expect(assessor.getByText(/A learner is off track when/)).toBeVisible();
    await expectNoSeriousAccessibilityProblems(assessor);
    await assessor.screenshot({ path: `${SCREENS}/assessor-caseload.png`, fullPage: true });
    await card.getByRole('button', { name: /^Open to mark/ }).click();
    await expect(assessor.getByRole('heading', { level: 1, name: 'Marking: Tom Brennan' })).toBeVisible();
    await assessor.getByRole('navigation', { name: 'Units to mark' }).getByRole('link', { name: new RegExp(`^${plan.unitId}\\b`) }).click();

    // Look at the item read-only, comment on it, then judge both marking points.
    const metCard = pointCard(assessor, plan.metPoint);
    await metCard.getByRole('button', { name: /^View the item/ }).first().click();
    await expect(metCard.getByText('Narrative', { exact: true })).toBeVisible();
    await metCard.getByLabel(/^Add a comment on/).fill('Clear use of the HEAT model in paragraph 2.');
    await metCard.getByRole('button', { name: 'Add comment' }).click();
    await expect(metCard.getByText('Comment added.')).toBeVisible();
    await metCard.getByRole('heading', { name: 'Comments' }).scrollIntoViewIfNeeded();
    await assessor.screenshot({ path: `${SCREENS}/assessor-evidence-viewer.png` });
    await recordDecision(assessor, plan.metPoint, 'Met', 'You showed clearly how you calmed the customer and put things right.');
    await recordDecision(assessor, plan.notYetPoint, 'Not yet met', 'Add a witness testimony from your team leader that confirms this.');
    await expect(pointCard(assessor, plan.notYetPoint).getByText('Not yet met', { exact: true }).first()).toBeVisible();

    // An action with a target date.
    const actionPlan = assessor.getByRole('region', { name: 'Action plan' });
    await actionPlan.getByLabel('What the learner needs to do').fill('Ask your team leader for a witness testimony about the escalated complaint.');
    await actionPlan.getByLabel('Target date').fill('2026-12-15');
    await actionPlan.getByLabel('Unit').selectOption(plan.unitId);
    await actionPlan.getByRole('button', { name: 'Add to the action plan' }).click();
    await expect(actionPlan.getByRole('row', { name: /Ask your team leader/ })).toContainText('15 December 2026');
    await expectNoSeriousAccessibilityProblems(assessor);
    await metCard.getByRole('button', { name: /^Hide the item/ }).first().click();
    await assessor.evaluate(() => window.scrollTo(0, 0));
    await assessor.screenshot({ path: `${SCREENS}/assessor-marking.png` });
    await metCard.scrollIntoViewIfNeeded();
    await assessor.screenshot({ path: `${SCREENS}/assessor-marking-point.png` });

    // Export the package back to the learner.
    await assessor.getByRole('link', { name: 'Share and back up' }).click();
    assessorBridge.nextSavePath = join(bridge.folder, 'returned.portfolio');
    await assessor.getByRole('button', { name: 'Save as a package…' }).click();
    await expect(assessor.getByText(/Saved .* to/)).toBeVisible();
    const returned = await manifestOf(assessorBridge.nextSavePath);
    expect(returned.decisions.filter((decision) => decision.signer.keyFingerprint === fingerprint).map((decision) => decision.markingPointId).sort()).toEqual([plan.metPoint, plan.notYetPoint].sort());

    // ---- the learner brings the assessor's work in, without losing anything of theirs
    const before = await countRows(learner);
    await openApp(learner, 'share');
    await importThroughChooser(learner, join(bridge.folder, 'returned.portfolio'));
    await expect(learner.getByText('This portfolio is already in the app')).toBeVisible();
    await learner.getByRole('button', { name: 'Bring in the assessor’s decisions and feedback' }).click();
    await expect(learner.getByText(/Brought in your assessor’s work: 2 decisions, 1 action and 1 comment\./)).toBeVisible();
    const after = await countRows(learner);
    expect(after).toMatchObject({ portfolios: before.portfolios, evidence: before.evidence, attachments: before.attachments, mappings: before.mappings, decisions: (before.decisions ?? 0) + 2 });

    await learner.getByRole('link', { name: 'Feedback' }).click();
    const metFeedback = pointCard(learner, plan.metPoint);
    await expect(metFeedback).toContainText('You showed clearly how you calmed the customer and put things right.');
    await expect(metFeedback).toContainText('Asha Patel (A2001), assessor');
    await expect(metFeedback).toContainText('Signature valid');
    await expect(pointCard(learner, plan.notYetPoint)).toContainText('Add a witness testimony from your team leader that confirms this.');
    const learnerPlan = learner.getByRole('region', { name: 'Action plan' });
    await expect(learnerPlan.getByRole('row', { name: /Ask your team leader/ })).toContainText('15 December 2026');
    await expect(learner.getByRole('region', { name: 'Comments on your evidence' })).toContainText('Clear use of the HEAT model in paragraph 2.');
    // Read-only for the learner: no control anywhere to change the assessor's work.
    for (const name of [/Sign and record decision/, /Add to the action plan/, /Mark done/, /Reopen/, /Add comment/, /Sign off unit/]) {
      await expect(learner.getByRole('button', { name })).toHaveCount(0);
    }
    await expectNoSeriousAccessibilityProblems(learner);
    await learner.screenshot({ path: `${SCREENS}/learner-feedback.png`, fullPage: true });
    // Marking, opened as a learner, shows the decisions but no way to change them.
    await openApp(learner, 'marking');
    await expect(learner.getByText(/You are using the app as a learner/)).toBeVisible();
    await expect(learner.getByRole('button', { name: /Sign and record decision|Add to the action plan|Mark done/ })).toHaveCount(0);

    // ---- the learner edits the judged item: the decision goes stale
    await openApp(learner, `evidence/${plan.evidenceId}`);
    const title = learner.getByLabel('Title', { exact: true });
    await title.fill(`${plan.evidenceTitle} (rewritten)`);
    await title.blur();
    await expect(learner.getByTestId('save-status')).toHaveText(/^Saved/);
    await learner.getByRole('link', { name: 'Feedback' }).click();
    const staleCard = pointCard(learner, plan.metPoint);
    await expect(staleCard).toContainText('Evidence changed since this was judged');
    await expect(staleCard).toContainText('Stale: evidence changed since this was judged');
    await expect(pointCard(learner, plan.notYetPoint)).not.toContainText('Stale');
    await staleCard.scrollIntoViewIfNeeded();
    await expectNoSeriousAccessibilityProblems(learner);
    await learner.screenshot({ path: `${SCREENS}/learner-feedback-stale.png`, fullPage: false });

    // ---- the learner sends the portfolio again; the assessor brings the new evidence in and keeps the marking
    await learner.getByRole('link', { name: 'Share and back up' }).click();
    bridge.nextSavePath = join(bridge.folder, 'resubmitted.portfolio');
    await learner.getByRole('button', { name: 'Save as a package…' }).click();
    await expect(learner.getByText(/Saved .* to/)).toBeVisible();
    await assessor.getByRole('link', { name: 'Caseload' }).click();
    await importThroughChooser(assessor, bridge.nextSavePath);
    await assessor.getByRole('button', { name: 'Bring in the learner’s latest evidence (keep your marking)' }).click();
    await expect(assessor.getByText('Brought in Tom Brennan’s latest evidence (items: 0 new, 1 changed, 0 removed).', { exact: false })).toBeVisible();
    await openApp(assessor, `marking/${returned.portfolio.id}/${plan.unitId}`);
    await expect(pointCard(assessor, plan.metPoint).locator('.decision.is-current')).toContainText('Stale: evidence changed since this was judged');
    await expect(pointCard(assessor, plan.metPoint).getByText('Evidence changed since judged', { exact: true })).toBeVisible();
    await assessorContext.close();
  });

  test('unit sign-off only when every marking point is met; an IQA may not sample their own decisions but may sample another assessor’s', async ({ page, browser }) => {
    test.setTimeout(120_000);
    const demo = await demoPackagePath(24, 6);
    const manifest = await manifestOf(demo);
    // A unit not yet signed off whose every marking point has evidence.
    const claimed = new Set(manifest.mappings.map((mapping) => mapping.markingPointId));
    const unit = manifest.qualification.units.find((candidate) => !manifest.signOffs.some((signOff) => signOff.unitId === candidate.id) && candidate.learningOutcomes.every((outcome) => outcome.markingPoints.every((point) => claimed.has(point.id))));
    if (!unit) throw new Error('the demo package should have a fully evidenced unit that is not signed off');
    const points = unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => point.id));
    await importDemo(page, demo);
    await becomeStaff(page, 'Assessor', { name: 'Asha Patel', number: 'A2001', centre: 'Northgate College' });
    await openApp(page, `marking/${manifest.portfolio.id}/${unit.id}`);
    const signOff = page.getByRole('region', { name: 'Unit sign-off' });
    await expect(signOff).toContainText('can be signed off when every marking point has a current, valid decision of met');
    await expect(signOff.getByRole('button', { name: `Sign off unit ${unit.id}` })).toBeDisabled();
    for (const point of points) await recordDecision(page, point, 'Met', `Met: the evidence for ${point} is clear.`);
    await expect(signOff).toContainText(`Every marking point of unit ${unit.id} has a current, valid decision of met.`);
    await signOff.getByRole('checkbox').check();
    await signOff.getByRole('button', { name: `Sign off unit ${unit.id}` }).click();
    await expect(signOff.getByText(`Unit ${unit.id} is signed off.`)).toBeVisible();
    await expect(signOff.locator('.sign-off-record')).toContainText('Asha Patel (A2001), assessor');
    await expect(signOff.locator('.sign-off-record')).toContainText('Signature valid');
    await expectNoSeriousAccessibilityProblems(page);
    await signOff.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENS}/assessor-sign-off.png` });
    const plan = { unitId: unit.id, metPoint: points[0]! };

    // The same person as IQA (same key) is refused.
    await becomeStaff(page, 'Internal quality assurer (IQA)', { name: 'Asha Patel', number: 'Q9', centre: 'Northgate College' });
    await openApp(page, `marking/${manifest.portfolio.id}/${plan.unitId}`);
    const iqa = page.getByRole('region', { name: 'Internal quality assurance' });
    await expect(iqa).toContainText(`You cannot sample unit ${plan.unitId}: you made the decisions on ${points.join(', ')} yourself, with your own key.`);
    await expect(iqa.getByRole('button', { name: `Sign IQA sample of unit ${plan.unitId}` })).toBeDisabled();
    await expectNoSeriousAccessibilityProblems(page);
    await iqa.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENS}/iqa-refused.png` });

    // Another IQA on another computer samples the demo's signed-off unit.
    const signedUnit = manifest.signOffs[0]?.unitId;
    if (!signedUnit) throw new Error('the demo signs one unit off');
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await importDemo(other, demo);
    await becomeStaff(other, 'Internal quality assurer (IQA)', { name: 'Daniel Okafor', number: 'Q77', centre: 'Northgate College' });
    await openApp(other, `marking/${manifest.portfolio.id}/${signedUnit}`);
    await expect(other.getByRole('region', { name: 'Unit sign-off' })).toContainText(`Unit ${signedUnit} signed off`);
    const sample = other.getByRole('region', { name: 'Internal quality assurance' });
    await sample.getByRole('radio', { name: 'I agree with the assessor’s decisions' }).check();
    await sample.getByLabel(/^Comments/).fill('Decisions are well evidenced and consistent.');
    await sample.getByRole('button', { name: `Sign IQA sample of unit ${signedUnit}` }).click();
    await expect(sample.getByText(`Your sample of unit ${signedUnit} is signed and recorded.`)).toBeVisible();
    await expect(sample.locator('.iqa-record')).toContainText('IQA agrees with the assessor');
    await expect(sample.locator('.iqa-record')).toContainText('Signature valid');
    await expect(other.getByRole('button', { name: /Sign and record decision/ })).toHaveCount(0);
    await expectNoSeriousAccessibilityProblems(other);
    await sample.scrollIntoViewIfNeeded();
    await other.screenshot({ path: `${SCREENS}/iqa-sampled.png` });
    await otherContext.close();
  });
});
