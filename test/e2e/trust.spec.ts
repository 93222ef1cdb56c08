/**
 * Decisions nobody can forge, roll back or disown, end to end in Chromium: a learner who cuts
 * the assessor's latest "not yet met" out of a package is refused, saying what went missing; a
 * learner who signs a decision in the assessor's name with their own key sees it flagged, and
 * the assessor's app refuses it; a register signed by the centre is checked, its changes shown,
 * and only then used.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { createSigningKey } from '../../core/integrity/keys';
import { keyRegisterEntry, keyRegisterText, signKeyRegister } from '../../core/integrity/key-register';
import { memoryByteSink, memoryByteSource } from '../../core/package/byte-io';
import type { PackageManifest } from '../../core/package/manifest';
import { readPackage } from '../../core/package/reader';
import { bytesPayload, writePackage } from '../../core/package/writer';
import { demoPackagePath } from './demo-packages';
import { attachBridge, expect, expectNoSeriousAccessibilityProblems, openApp, test } from './fixtures';

const SCREENS = '.test-output/screens';

async function chooseFile(page: Page, buttonText: string, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByText(buttonText).first().click();
  await (await chooser).setFiles(path);
}

async function importDemo(page: Page, path: string): Promise<void> {
  await openApp(page, 'share');
  await chooseFile(page, 'Choose a package file…', path);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/Imported Tom Brennan’s portfolio/)).toBeVisible();
}

async function manifestOf(path: string): Promise<PackageManifest> {
  const read = await readPackage(memoryByteSource(await readFile(path)));
  if (!read.ok) throw new Error(read.problems.map((problem) => problem.message).join('\n'));
  return read.manifest;
}

/** What a learner with a ZIP tool can do: change the manifest and write the package again. */
async function tamper(source: string, target: string, edit: (manifest: PackageManifest) => void): Promise<void> {
  const read = await readPackage(memoryByteSource(await readFile(source)));
  if (!read.ok) throw new Error('the package should be valid');
  const manifest = structuredClone(read.manifest);
  edit(manifest);
  const attachments = await Promise.all(manifest.attachments.map(async (attachment) => bytesPayload(attachment.sha256, await read.readAttachment(attachment.sha256))));
  const sink = memoryByteSink();
  await writePackage(manifest, attachments, sink);
  await writeFile(target, sink.bytes());
}

async function becomeStaff(page: Page, role: 'Assessor', profile: { name: string; number: string; centre: string }): Promise<void> {
  await openApp(page, 'settings');
  await page.getByRole('radio', { name: new RegExp(`^${role}`) }).check();
  await page.getByLabel('Full name').fill(profile.name);
  await page.getByLabel(/number \(if your centre gives one\)/).fill(profile.number);
  await page.getByLabel('Centre', { exact: true }).fill(profile.centre);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved.')).toBeVisible();
}

function pointCard(page: Page, markingPointId: string) {
  return page.getByRole('article', { name: new RegExp(`^${markingPointId.replace(/\./g, '\\.')}(\\s|$)`) });
}

/** A marking point with evidence that the demo has not judged, and its unit. */
function unjudgedPoint(manifest: PackageManifest): { unitId: string; pointId: string } {
  const claimed = new Set(manifest.mappings.map((mapping) => mapping.markingPointId));
  const judged = new Set(manifest.decisions.map((decision) => decision.markingPointId));
  for (const unit of manifest.qualification.units) {
    for (const point of unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints)) {
      if (claimed.has(point.id) && !judged.has(point.id)) return { unitId: unit.id, pointId: point.id };
    }
  }
  throw new Error('the demo should leave a claimed marking point unjudged');
}

async function decide(page: Page, pointId: string, status: 'Met' | 'Not yet met', feedback: string): Promise<void> {
  const card = pointCard(page, pointId);
  await card.getByRole('radio', { name: status, exact: true }).check();
  await card.getByLabel(/^Feedback for the learner/).fill(feedback);
  await card.getByRole('button', { name: `Sign and record decision on ${pointId}` }).click();
  await expect(card.getByText(`Your decision on ${pointId} is signed and recorded.`)).toBeVisible();
}

test.describe('Signed records nobody can forge, roll back or disown', () => {
  test('a learner’s package without the assessor’s latest “not yet met” is refused, saying what went missing', async ({ page: assessor, bridge }) => {
    test.setTimeout(120_000);
    const demo = await demoPackagePath(24, 6);
    const target = unjudgedPoint(await manifestOf(demo));
    await importDemo(assessor, demo);
    await becomeStaff(assessor, 'Assessor', { name: 'Asha Patel', number: 'A2001', centre: 'Northgate College' });
    await openApp(assessor, `marking/${(await manifestOf(demo)).portfolio.id}/${target.unitId}`);
    await decide(assessor, target.pointId, 'Met', 'Met at first sight.');
    await decide(assessor, target.pointId, 'Not yet met', 'Looking again: the follow-up call is missing.');
    // The badge says what a reader without the centre's register can and cannot know.
    await expect(pointCard(assessor, target.pointId).locator('.decision.is-current')).toContainText('Signature valid, signer not confirmed (no centre key register)');

    // The assessor sends it back; the learner cuts the "not yet met" out with a ZIP tool.
    await openApp(assessor, 'share');
    bridge.nextSavePath = join(bridge.folder, 'returned.portfolio');
    await assessor.getByRole('button', { name: 'Save as a package…' }).click();
    await expect(assessor.getByText(/Saved .* to/)).toBeVisible();
    const rolledBack = join(bridge.folder, 'rolled-back.portfolio');
    await tamper(bridge.nextSavePath, rolledBack, (manifest) => {
      const latest = manifest.decisions.filter((decision) => decision.markingPointId === target.pointId && decision.status === 'not-yet');
      manifest.decisions = manifest.decisions.filter((decision) => !latest.includes(decision));
    });

    // Bringing it in is refused, and so is replacing the portfolio with it.
    await openApp(assessor, 'share');
    await chooseFile(assessor, 'Choose a package file…', rolledBack);
    await assessor.getByRole('button', { name: 'Bring in the learner’s latest evidence (keep your marking)' }).click();
    const alert = assessor.getByRole('alert');
    await expect(alert).toContainText('Nothing has been changed');
    await expect(alert).toContainText(new RegExp(`Missing from this package: Decision on ${target.pointId.replace(/\./g, '\\.')} by Asha Patel \\(not yet met, `));
    await expect(alert).toContainText('a signed record has been removed');
    await expectNoSeriousAccessibilityProblems(assessor);
    await assessor.screenshot({ path: `${SCREENS}/trust-rollback-refused.png`, fullPage: true });
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await chooseFile(assessor, 'Choose a package file…', rolledBack);
    await assessor.getByRole('button', { name: 'Replace the one in the app' }).click();
    await expect(assessor.getByRole('alert')).toContainText(/Missing from this package: Decision on .* by Asha Patel \(not yet met/);
    // The assessor's judgement still stands.
    await openApp(assessor, `marking/${(await manifestOf(demo)).portfolio.id}/${target.unitId}`);
    await expect(pointCard(assessor, target.pointId).locator('.decision.is-current')).toContainText('Not yet met');
  });

  test('a decision the learner signs in the assessor’s name with their own key is flagged, and the assessor’s app refuses it', async ({ page: learner, bridge, browser }) => {
    test.setTimeout(120_000);
    const demo = await demoPackagePath(24, 6);
    const manifest = await manifestOf(demo);
    const target = unjudgedPoint(manifest);
    const realAssessor = manifest.decisions[0]!.signer;
    await importDemo(learner, demo);
    // The learner switches their own app to the assessor role, types the assessor's name, and signs.
    await becomeStaff(learner, 'Assessor', { name: realAssessor.name, number: realAssessor.number ?? 'A1', centre: realAssessor.centre ?? 'Centre' });
    await openApp(learner, `marking/${manifest.portfolio.id}/${target.unitId}`);
    await decide(learner, target.pointId, 'Met', 'Looks fine to me.');
    const current = pointCard(learner, target.pointId).locator('.decision.is-current');
    await expect(current.locator('[data-verification]')).toHaveText('NOT TRUSTED: not signed with this signer’s key');
    await expect(current).toContainText(`${realAssessor.name}'s records in this portfolio are signed with key ${realAssessor.keyFingerprint}`);
    await expect(learner.locator('.integrity-summary')).toContainText('not signed with their signer’s key');
    await expectNoSeriousAccessibilityProblems(learner);
    await current.scrollIntoViewIfNeeded();
    await learner.screenshot({ path: `${SCREENS}/trust-self-signed-flagged.png` });

    // Sent to the assessor anyway: a fresh installation refuses it from the package alone.
    await openApp(learner, 'share');
    bridge.nextSavePath = join(bridge.folder, 'self-signed.portfolio');
    await learner.getByRole('button', { name: 'Save as a package…' }).click();
    await expect(learner.getByText(/Saved .* to/)).toBeVisible();
    const assessorContext = await browser.newContext();
    const assessor = await assessorContext.newPage();
    await attachBridge(assessor, bridge.folder);
    await openApp(assessor, 'share');
    await chooseFile(assessor, 'Choose a package file…', bridge.nextSavePath);
    await assessor.getByRole('button', { name: 'Import', exact: true }).click();
    const alert = assessor.getByRole('alert');
    await expect(alert).toContainText('was not imported. Nothing has been changed.');
    await expect(alert).toContainText(new RegExp(`Not signed with its signer’s key: Decision on ${target.pointId.replace(/\./g, '\\.')} by ${realAssessor.name}`));
    await assessorContext.close();
  });

  test('a register signed by the centre is checked, its changes shown, and used only when chosen; it then decides whose signatures count', async ({ page, bridge }) => {
    const demo = await demoPackagePath(24, 6);
    const manifest = await manifestOf(demo);
    await importDemo(page, demo);
    await openApp(page, 'settings');

    // A register changed after the centre signed it is refused whole.
    const centre = await createSigningKey();
    const stranger = await createSigningKey();
    const register = await signKeyRegister({ centre: { name: 'Northgate College' }, keys: [keyRegisterEntry(stranger, { name: 'Someone Else', role: 'assessor', validFrom: '2026-01-01' })] }, centre, { name: 'Sam Centre' });
    const changed = JSON.parse(keyRegisterText(register)) as { keys: Array<{ name: string }> };
    changed.keys[0]!.name = 'Helen Marsh';
    const bad = join(bridge.folder, 'changed-register.json');
    await writeFile(bad, JSON.stringify(changed));
    await chooseFile(page, 'Check a key register file…', bad);
    await expect(page.getByRole('alert')).toContainText('changed-register.json was not used');
    await expect(page.getByRole('alert')).toContainText('it has been changed since the centre signed it');

    // A good one: its signer and changes are shown first, and nothing is used until chosen.
    const good = join(bridge.folder, 'register.json');
    await writeFile(good, keyRegisterText(register));
    await chooseFile(page, 'Check a key register file…', good);
    const dialog = page.getByRole('alertdialog', { name: 'Use register.json as the centre’s key register?' });
    await expect(dialog).toContainText(`signed for Northgate College by Sam Centre with key ${centre.fingerprint}`);
    await expect(dialog).toContainText(`Added: Someone Else (Assessor), key ${stranger.fingerprint}`);
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: `${SCREENS}/settings-register-preview.png`, fullPage: true });
    await dialog.getByRole('button', { name: 'Use this register' }).click();
    await expect(page.getByText(/Now using the key register from register.json: 1 key/)).toBeVisible();

    // A second register signed by another key is flagged before it can replace the first.
    const other = await signKeyRegister({ keys: [keyRegisterEntry(stranger, { name: 'Someone Else', role: 'assessor', validFrom: '2026-01-01', revoked: '2026-02-01' })] }, await createSigningKey(), { name: 'Mallory' });
    const second = join(bridge.folder, 'second-register.json');
    await writeFile(second, keyRegisterText(other));
    await chooseFile(page, 'Check a key register file…', second);
    const replace = page.getByRole('alertdialog', { name: 'Replace the register in use with second-register.json?' });
    await expect(replace).toContainText('It is signed by a different centre key from the register in use.');
    await expect(replace).toContainText('Changed: Someone Else (Assessor)');
    await expect(replace).toContainText('revoked from 2026-02-01');
    await replace.getByRole('button', { name: 'Keep the register in use' }).click();
    await expect(page.getByText('Signed for the centre by Sam Centre')).toBeVisible();

    // With the register in use, the demo assessor's records are not vouched for.
    const judgedUnit = manifest.qualification.units.find((unit) => unit.learningOutcomes.some((outcome) => outcome.markingPoints.some((point) => manifest.decisions.some((decision) => decision.markingPointId === point.id))));
    await openApp(page, `marking/${manifest.portfolio.id}/${judgedUnit?.id ?? ''}`);
    await expect(page.locator('[data-verification="unknown-key"]').first()).toHaveText('Not confirmed: the centre’s register does not vouch for this key');
  });
});
