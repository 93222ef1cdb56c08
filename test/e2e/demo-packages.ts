import type { Page } from '@playwright/test';
/** Demo packages for end-to-end tests, made by the real `demo-package` command in-process. */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { command as demoPackage } from '../../cli/commands/demo-package';
import { SCOPED_STORES } from '../../renderer/src/db/migrations/2-portfolio-scoped-keys';

const folder = join(import.meta.dirname, '..', '..', '.test-output', 'packages');

/** Made afresh once per test run (a package left from an older generator would mislead). */
const madeThisRun = new Set<string>();

export async function demoPackagePath(items: number, images: number, seed = 1): Promise<string> {
  await mkdir(folder, { recursive: true });
  const path = join(folder, `demo-${items}-${images}-${seed}-${process.pid}.portfolio`);
  if (madeThisRun.has(path) && existsSync(path)) return path;
  madeThisRun.add(path);
  const errors: string[] = [];
  const code = await demoPackage.run(['-o', path, '--items', String(items), '--images', String(images), '--seed', String(seed)], { stdout: () => undefined, stderr: (text) => errors.push(text) });
  if (code !== 0) throw new Error(`demo-package failed: ${errors.join('\n')}`);
  return path;
}

/** Counts rows in the app's IndexedDB, straight from the page (no app code involved). */
export async function countRows(page: Page): Promise<Record<string, number>> {
  const stores: Array<[label: string, store: string]> = [
    ['portfolios', 'portfolios'],
    ['evidence', SCOPED_STORES.evidence],
    ['mappings', SCOPED_STORES.mappings],
    ['attachments', 'attachments'],
    ['decisions', SCOPED_STORES.decisions],
    ['signOffs', SCOPED_STORES.signOffs],
  ];
  return page.evaluate(async (stores) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('portfolio-builder');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const counts: Record<string, number> = {};
    for (const [label, name] of stores) {
      if (!db.objectStoreNames.contains(name)) continue;
      counts[label] = await new Promise<number>((resolve) => {
        const request = db.transaction(name).objectStore(name).count();
        request.onsuccess = () => resolve(request.result);
      });
    }
    db.close();
    return counts;
  }, stores);
}
