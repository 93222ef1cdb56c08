/**
 * Photos lose their metadata when they are attached (issue 12 item 6): the screen says what was
 * taken out, the stored file holds none of it, and a sideways phone photo still shows upright.
 */
import type { Page } from '@playwright/test';
import { SECRET, phoneJpeg, taggedPng } from '../unit/evidence/photo-fixtures';
import { addEvidence, startPortfolio } from './evidence-helpers';
import { expect, expectNoSeriousAccessibilityProblems, test } from './fixtures';

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
});
