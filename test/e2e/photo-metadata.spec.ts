/**
 * Photos lose their metadata when they are attached (issue 12 item 6): the screen says what was
 * taken out, the stored file holds none of it, and a sideways phone photo still shows upright.
 */
import type { Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { writePackageFile } from '../../cli/package-file';
import { PACKAGE_FORMAT } from '../../core/package/manifest';
import { cleanContent } from '../unit/coverage/fixtures';
import { SECRET, phoneJpeg, taggedPng } from '../unit/evidence/photo-fixtures';
import { addEvidence, startPortfolio } from './evidence-helpers';
import { importPackage } from './package-helpers';
import { expect, expectNoSeriousAccessibilityProblems, openApp, test } from './fixtures';

async function dropBytes(page: Page, files: Array<{ name: string; bytes: Uint8Array }>): Promise<void> {
  const payload = files.map((file) => ({ name: file.name, base64: Buffer.from(file.bytes).toString('base64') }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) transfer.items.add(new File([Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0))], file.name));
    return transfer;
  }, payload);
  await page.getByTestId('attachment-drop-zone').dispatchEvent('drop', { dataTransfer });
}

/** Whether any stored attachment's bytes contain `text` (read straight from IndexedDB). */
async function storedBytesContain(page: Page, text: string): Promise<{ count: number; isFound: boolean }> {
  return page.evaluate(async (wanted) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('portfolio-builder');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const rows = await new Promise<unknown[]>((resolve) => {
      const request = db.transaction('attachments').objectStore('attachments').getAll();
      request.onsuccess = () => resolve(request.result as unknown[]);
    });
    db.close();
    let isFound = false;
    for (const row of rows) {
      const blob = (row as { blob?: Blob }).blob;
      if (blob && new TextDecoder('latin1').decode(await blob.arrayBuffer()).includes(wanted)) isFound = true;
    }
    return { count: rows.length, isFound };
  }, text);
}

test.describe('Photo metadata', () => {
  test('is removed when a photo is attached, and the screen says what went', async ({ page }) => {
    await startPortfolio(page);
    await addEvidence(page, 'Work product');
    await page.getByLabel('Title', { exact: true }).fill('Display I set up');
    await dropBytes(page, [
      { name: 'IMG_0042.jpg', bytes: phoneJpeg({ orientation: 6 }).jpeg },
      { name: 'screenshot.png', bytes: taggedPng().png },
    ]);
    const files = page.getByRole('list', { name: 'Attached files' });
    await expect(files.getByRole('listitem')).toHaveCount(2);
    const notice = page.locator('.photo-cleaning');
    await expect(notice).toContainText('Photo details that could identify people or places were taken out before the files were kept:');
    await expect(notice).toContainText('From “IMG_0042.jpg”: removed GPS location, author, owner or copyright names, the date and time it was taken, camera details (make, model, serial numbers)');
    await expect(notice).toContainText('The picture itself is unchanged and still shows the right way up.');
    await expect(notice).toContainText('From “screenshot.png”: removed GPS location');
    expect(await storedBytesContain(page, SECRET)).toEqual({ count: 2, isFound: false });

    // Turned upright by the browser from the orientation that was kept: taller than it is wide.
    const preview = files.getByRole('img', { name: 'Preview of IMG_0042.jpg' });
    await expect(preview).toBeVisible();
    const size = await preview.evaluate((image) => (image instanceof HTMLImageElement ? [image.naturalWidth, image.naturalHeight] : [0, 0]));
    expect(size).toEqual([64, 96]);
    await expectNoSeriousAccessibilityProblems(page);
    await page.getByRole('region', { name: 'Files' }).screenshot({ path: '.test-output/screens/photo-metadata-removed.png' });
  });

  test('readiness reports metadata in photos and personal data in text files that came in a package', async ({ page, bridge }) => {
    // The fixture's signed records carry placeholder signatures, which an import rightly refuses;
    // this test is about attachments, so the package holds none.
    const content = { ...cleanContent(), decisions: [], signOffs: [], iqaSamples: [] };
    const item = content.evidence[0];
    if (item === undefined) throw new Error('fixture');
    const files = [
      { name: 'IMG_0042.jpg', mediaType: 'image/jpeg', bytes: phoneJpeg().jpeg },
      { name: 'refunds.csv', mediaType: 'text/plain', bytes: new TextEncoder().encode('name,iban\nAnn,GB82 WEST 1234 5698 7654 32\n') },
    ].map((file) => ({ ...file, sha256: createHash('sha256').update(file.bytes).digest('hex') }));
    item.attachments = files.map((file) => ({ sha256: file.sha256, name: file.name, mediaType: file.mediaType, size: file.bytes.byteLength }));
    const path = join(bridge.folder, 'from-learner.portfolio');
    await writePackageFile(
      path,
      { ...content, format: PACKAGE_FORMAT, exportedAt: '2026-03-01T09:00:00.000Z', generator: { name: 'test', version: '1' }, attachments: files.map((file) => ({ sha256: file.sha256, size: file.bytes.byteLength, mediaType: file.mediaType })) },
      files.map((file) => ({ sha256: file.sha256, size: file.bytes.byteLength, chunks: async function* chunks() { yield file.bytes; } })),
    );
    await importPackage(page, path);

    await openApp(page, 'readiness');
    await expect(page.getByText(/The picture “IMG_0042\.jpg” of evidence "Reflecting on a statement complaint" carries GPS location/)).toBeVisible();
    await expect(page.getByText('The attached file “refunds.csv” of evidence "Reflecting on a statement complaint" contains what looks like an IBAN bank account number (**** **** **** **** **** 32) on line 2, column 2.', { exact: false })).toBeVisible();
    await expect(page.getByText(SECRET)).toHaveCount(0);
    await page.screenshot({ path: '.test-output/screens/readiness-attachments.png', fullPage: true });
  });
});
