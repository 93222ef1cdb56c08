/**
 * What a person sees of their locked signing key: in a browser tab the first signature asks for
 * a passphrase to lock a new key, and after a restart the first signature asks for it again (a
 * wrong one is said to be wrong; a forgotten one leads to a new key). A key stored the old,
 * readable way must be replaced before it signs. A desktop without a keychain falls back to a
 * passphrase.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { memoryByteSource } from '../../core/package/byte-io';
import { readPackage } from '../../core/package/reader';
import { demoPackagePath } from './demo-packages';
import { expect, expectNoSeriousAccessibilityProblems, openApp, test } from './fixtures';

const SCREENS = '.test-output/screens';
const PASSPHRASE = 'kettle harbour violet nine';

interface Marking {
  portfolioId: string;
  unitId: string;
  points: string[];
}

/** The demo portfolio in the app, the person an assessor, and three evidenced points of one unit to judge. */
async function prepareMarking(page: Page): Promise<Marking> {
  const path = await demoPackagePath(24, 6);
  const read = await readPackage(memoryByteSource(await readFile(path)));
  if (!read.ok) throw new Error('the demo package should be valid');
  const { manifest } = read;
  const claimed = new Set(manifest.mappings.map((mapping) => mapping.markingPointId));
  const decided = new Set(manifest.decisions.map((decision) => decision.markingPointId));
  const units = manifest.qualification.units.map((unit) => ({ unitId: unit.id, points: unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => point.id)).filter((id) => claimed.has(id) && !decided.has(id)) }));
  const chosen = units.find((unit) => unit.points.length >= 3);
  if (!chosen) throw new Error('the demo package should have a unit with three evidenced, undecided marking points');

  await openApp(page, 'share');
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('Choose a package file…').first().click();
  await (await chooser).setFiles(path);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/Imported Tom Brennan’s portfolio/)).toBeVisible();
  await openApp(page, 'settings');
  await page.getByRole('radio', { name: /^Assessor/ }).check();
  await page.getByLabel('Full name').fill('Asha Patel');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved.')).toBeVisible();
  return { portfolioId: manifest.portfolio.id, ...chosen };
}

function card(page: Page, point: string) {
  return page.getByRole('article', { name: new RegExp(`^${point.replace(/\./g, '\\.')}(\\s|$)`) });
}

/** Fills in a decision and presses sign; what happens next is up to the test. */
async function startDecision(page: Page, marking: Marking, point: string): Promise<void> {
  await openApp(page, `marking/${marking.portfolioId}/${marking.unitId}`);
  const target = card(page, point);
  await target.getByRole('radio', { name: 'Met', exact: true }).check();
  await target.getByRole('button', { name: `Sign and record decision on ${point}` }).click();
}

async function expectSigned(page: Page, point: string, check: string | RegExp = 'Signature valid'): Promise<void> {
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(card(page, point).getByText(`Your decision on ${point} is signed and recorded.`)).toBeVisible();
  await expect(card(page, point).locator('.decision.is-current')).toContainText(check);
}

async function fingerprintInSettings(page: Page): Promise<string> {
  await openApp(page, 'settings');
  return (await page.getByTestId('key-fingerprint').textContent()) ?? '';
}

test.describe('A signing key locked with a passphrase (browser tab)', () => {
  test('the first signature chooses the passphrase; after a restart it is asked once; a wrong one is refused; a forgotten one leads to a new key', async ({ page }) => {
    test.setTimeout(120_000);
    const marking = await prepareMarking(page);
    const [first, second, third] = marking.points as [string, string, string];

    // ---- no key yet: signing asks for a passphrase to lock the new key with
    await startDecision(page, marking, first);
    const dialog = page.getByRole('dialog', { name: 'Choose a passphrase for your signing key' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('In a web browser the app cannot use this computer’s keychain');
    await dialog.getByLabel('New passphrase').fill('too short');
    await dialog.getByLabel('Type the passphrase again').fill('too short');
    await dialog.getByRole('button', { name: 'Make my key and sign' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/Use at least 12 characters/);
    await dialog.getByLabel('New passphrase').fill(PASSPHRASE);
    await dialog.getByLabel('Type the passphrase again').fill(`${PASSPHRASE}!`);
    await dialog.getByRole('button', { name: 'Make my key and sign' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('The two passphrases are not the same. Type it again in both boxes.');
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: `${SCREENS}/key-choose-passphrase.png` });
    await dialog.getByLabel('Type the passphrase again').fill(PASSPHRASE);
    await dialog.getByRole('button', { name: 'Make my key and sign' }).click();
    await expectSigned(page, first);
    const fingerprint = await fingerprintInSettings(page);
    await expect(page.getByTestId('key-protection')).toHaveText('Your passphrase');
    await expect(page.locator('.facts')).toContainText('Unlocked until you close the app');

    // ---- a restart: the key is locked again, and the first signature asks for the passphrase once
    await page.reload();
    await startDecision(page, marking, second);
    const unlock = page.getByRole('dialog', { name: 'Unlock your signing key' });
    await expect(unlock).toBeVisible();
    await expect(unlock.getByLabel('Passphrase', { exact: true })).toBeFocused();
    await unlock.getByLabel('Passphrase', { exact: true }).fill('kettle harbour violet ten');
    await unlock.getByRole('button', { name: 'Unlock and sign' }).click();
    await expect(unlock.getByRole('alert')).toHaveText(/That passphrase does not unlock your signing key\. Check it/);
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: `${SCREENS}/key-unlock-wrong.png` });
    await unlock.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await unlock.getByRole('button', { name: 'Unlock and sign' }).click();
    await expectSigned(page, second);
    expect(await fingerprintInSettings(page)).toBe(fingerprint);
    await expect(page.locator('.facts')).toContainText('Unlocked until you close the app');

    // ---- "Lock my key now", then closing the dialog signs nothing and says so
    await page.getByRole('button', { name: 'Lock my key now' }).click();
    await expect(page.locator('.facts')).toContainText('Locked: the app asks for your passphrase when you next sign');
    await startDecision(page, marking, third);
    await page.getByRole('dialog', { name: 'Unlock your signing key' }).getByRole('button', { name: 'Cancel' }).click();
    await expect(card(page, third).getByRole('alert')).toHaveText('Nothing was signed: your signing key is still locked.');
    await expect(card(page, third).locator('.decision.is-current')).toHaveCount(0);

    // ---- forgotten: a new key, which the centre must register; the earlier decisions stay valid
    await card(page, third).getByRole('button', { name: `Sign and record decision on ${third}` }).click();
    await page.getByRole('dialog', { name: 'Unlock your signing key' }).getByRole('button', { name: 'I have forgotten my passphrase' }).click();
    const replace = page.getByRole('dialog', { name: 'Make a new signing key' });
    await expect(replace).toContainText('Nobody can recover a forgotten passphrase');
    await expect(replace).toContainText('Your centre must add the new key to its register');
    await replace.getByLabel('New passphrase').fill('a different passphrase altogether');
    await replace.getByLabel('Type the passphrase again').fill('a different passphrase altogether');
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: `${SCREENS}/key-forgotten.png` });
    await replace.getByRole('button', { name: 'Make a new key and sign' }).click();
    // As the dialog said: until the centre's register lists the new key, its decisions are flagged.
    await expectSigned(page, third, /signed with key .*, but Asha Patel's records in this portfolio are signed with key .*without the centre’s key register the new key cannot be shown to be theirs/);
    await expect(card(page, first).locator('.decision.is-current')).toContainText('Signature valid');
    expect(await fingerprintInSettings(page)).not.toBe(fingerprint);
    await page.screenshot({ path: `${SCREENS}/key-settings-passphrase.png`, fullPage: true });
  });
});

test.describe('A key stored by an earlier version', () => {
  test('is replaced, in plain words, before it signs; the new key is locked by the keychain and the old row is gone', async ({ page, bridge }) => {
    test.setTimeout(90_000);
    const marking = await prepareMarking(page);
    // The row an earlier version wrote: a non-extractable CryptoKey kept by structured clone.
    const oldFingerprint = await page.evaluate(async () => {
      const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
      const publicBytes = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', publicBytes)).subarray(0, 16);
      const fingerprint = [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('').match(/.{4}/g)!.join('-');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('portfolio-builder');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const transaction = db.transaction('keys', 'readwrite');
        const publicKey = btoa(String.fromCharCode(...publicBytes));
        transaction.objectStore('keys').put({ id: 'personal', role: 'assessor', algorithm: 'Ed25519', privateKey: pair.privateKey, publicKey, fingerprint, createdAt: '2026-09-01T09:00:00.000Z' });
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      });
      db.close();
      return fingerprint;
    });
    await page.reload();
    await openApp(page, 'settings');
    await expect(page.getByTestId('key-fingerprint')).toHaveText(oldFingerprint);
    await expect(page.getByTestId('key-protection')).toHaveText('Nothing: it must be replaced');
    await expect(page.locator('.problems').first()).toContainText('it must be replaced');
    await expect(page.getByRole('button', { name: 'Export my public key for the centre register' })).toHaveCount(0);
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: `${SCREENS}/key-settings-old-key.png`, fullPage: true });

    await startDecision(page, marking, marking.points[0]!);
    const dialog = page.getByRole('dialog', { name: 'Your signing key must be replaced' });
    await expect(dialog).toContainText('leaves it readable in this computer’s files');
    await expect(dialog).toContainText('Your new key will be locked by this computer’s keychain (GNOME Keyring (libsecret)).');
    await expect(dialog.getByLabel('New passphrase')).toHaveCount(0);
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: `${SCREENS}/key-replace-old.png` });
    await dialog.getByRole('button', { name: 'Make a new key and sign' }).click();
    await expectSigned(page, marking.points[0]!);
    expect(bridge.keychain.encryptions).toBe(1);

    const row = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('portfolio-builder');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const rows = await new Promise<Array<Record<string, unknown>>>((resolve) => {
        const request = db.transaction('keys').objectStore('keys').getAll();
        request.onsuccess = () => resolve(request.result as Array<Record<string, unknown>>);
      });
      db.close();
      return rows.map((stored) => ({ fingerprint: stored.fingerprint, hasPrivateKey: 'privateKey' in stored, scheme: (stored.lockedPrivateKey as { scheme?: string } | undefined)?.scheme }));
    });
    expect(row).toHaveLength(1);
    expect(row[0]).toMatchObject({ hasPrivateKey: false, scheme: 'os-keychain/1' });
    expect(row[0]?.fingerprint).not.toBe(oldFingerprint);
  });
});

test.describe('The desktop app on a computer without a keychain', () => {
  test('locks a new key with a passphrase, says why, and never stores it unlocked', async ({ page, bridge }) => {
    bridge.keychain.isAvailable = false;
    await openApp(page, 'settings');
    await page.getByRole('radio', { name: /^Assessor/ }).check();
    const section = page.getByRole('region', { name: 'Your signing key' });
    await expect(section).toContainText('The app cannot use this computer’s keychain: no keychain (GNOME Keyring, KWallet or another Secret Service) is running in your desktop session. Your key is locked with a passphrase you choose instead.');
    await section.getByRole('button', { name: 'Create my signing key' }).click();
    await expect(section.getByRole('alert')).toHaveText('Choose a passphrase.');
    await expect(page.getByTestId('key-fingerprint')).toHaveCount(0);
    await section.getByLabel('New passphrase').fill(PASSPHRASE);
    await section.getByLabel('Type the passphrase again').fill(PASSPHRASE);
    await expect(section.getByRole('alert')).toHaveCount(0);
    await expectNoSeriousAccessibilityProblems(page);
    // Chromium's password suggestions, open on the focused field, would take the next click after a full-page screenshot.
    await section.getByLabel('Type the passphrase again').blur();
    await page.screenshot({ path: `${SCREENS}/key-settings-no-keychain.png`, fullPage: true });
    await section.getByLabel('Type the passphrase again').press('Enter');
    await expect(section.getByText(/Your signing key is ready\. It will be locked with your passphrase/)).toBeVisible();
    await expect(page.getByTestId('key-protection')).toHaveText('Your passphrase');
    expect(bridge.keychain.encryptions).toBe(0);
  });
});
