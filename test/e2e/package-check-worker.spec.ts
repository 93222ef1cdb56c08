/**
 * Importing a package checks it in a Web Worker (issue 12 item 1): the window keeps
 * responding while a hostile or huge package is checked, progress shows, and the check can be
 * stopped at once, changing nothing.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writePackageFile } from '../../cli/package-file';
import type { AttachmentPayload } from '../../core/package/writer';
import { sampleManifest } from '../unit/package/fixtures';
import { spacedList } from '../unit/package/hostile-manifests';
import { forgeZip } from '../unit/package/zip-forge';
import { countRows } from './demo-packages';
import { expect, expectNoSeriousAccessibilityProblems, openApp, test } from './fixtures';
import { choosePackage } from './package-helpers';

const MiB = 1024 * 1024;

/** A package whose manifest holds 17 MiB of {} in its evidence list, deflated under the 200:1 rule. */
function bracesPackage(): Uint8Array {
  const text = JSON.stringify({ ...sampleManifest([]), evidence: '__HOLE__' }).replace('"__HOLE__"', spacedList('{}', Math.floor((17 * MiB) / 4)));
  return forgeZip([{ name: 'manifest.json', data: new TextEncoder().encode(text), method: 8 }]);
}

/** A valid package with `megabytes` of incompressible attachments: long enough to check that it can be stopped. */
async function bigPackage(path: string, megabytes: number): Promise<void> {
  const block = new Uint8Array(4 * MiB);
  for (let index = 0; index < block.length; index += 4) new DataView(block.buffer).setUint32(index, Math.imul(index + 1, 2654435761) >>> 0);
  const payloads: AttachmentPayload[] = [];
  for (let n = 0; n < megabytes / 4; n++) {
    const bytes = block.slice();
    bytes[0] = n & 0xff;
    bytes[1] = n >> 8;
    payloads.push({ sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.byteLength, chunks: async function* chunks() { yield bytes; } });
  }
  const manifest = sampleManifest([]);
  manifest.attachments = payloads.map((payload) => ({ sha256: payload.sha256, size: payload.size, mediaType: 'audio/wav' }));
  const first = manifest.evidence[0];
  if (first !== undefined) first.attachments = payloads.map((payload, n) => ({ sha256: payload.sha256, name: `recording-${n}.wav`, mediaType: 'audio/wav', size: payload.size }));
  await writePackageFile(path, manifest, payloads);
}

test.describe('Checking a package off the window’s thread', () => {
  test('a manifest of 17 MiB of {} is refused with a clear message, and the window keeps responding', async ({ page, bridge }) => {
    const path = join(bridge.folder, 'braces.portfolio');
    await writeFile(path, bracesPackage());
    await openApp(page, 'share');
    const before = await countRows(page);
    await choosePackage(page, path);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('braces.portfolio was not imported. Nothing has been changed.');
    await expect(alert).toContainText('The list at /evidence of manifest.json has more than 1,000,000 entries; no list in a portfolio is that long.');
    // The window answers at once: its own script still runs.
    expect(await page.evaluate(() => new Promise<string>((resolve) => requestAnimationFrame(() => resolve('drawn'))))).toBe('drawn');
    expect(await countRows(page)).toEqual(before);
  });

  test('a long check shows progress and can be stopped, changing nothing', async ({ page, bridge }) => {
    const path = join(bridge.folder, 'recordings.portfolio');
    await bigPackage(path, 400);
    await openApp(page, 'share');
    const before = await countRows(page);
    await choosePackage(page, path);
    const stop = page.getByRole('button', { name: 'Stop checking' });
    await expect(stop).toBeVisible();
    await expect(page.getByText('Checking recordings.portfolio')).toBeVisible();
    await expectNoSeriousAccessibilityProblems(page);
    await page.screenshot({ path: '.test-output/screens/package-checking.png' });
    await stop.click();
    await expect(page.getByText('Stopped checking recordings.portfolio. Nothing has been changed.')).toBeVisible();
    await expect(stop).toBeHidden();
    await expect(page.getByRole('region', { name: 'What the package holds' })).toBeHidden();
    expect(await countRows(page)).toEqual(before);
    await page.screenshot({ path: '.test-output/screens/package-check-stopped.png' });
  });
});
