/**
 * The main process holds the line too: whatever the window sends, a package whose checks find
 * errors is exported only as a draft (CONTRACTS.md §3), and the refusal lists the errors before
 * any save dialog opens.
 */
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePackageFile } from '../../../cli/package-file';
import { SaveSessions } from '../../../electron/main/services/save-sessions';
import { PdfExporter } from '../../../electron/main/services/pdf-export';
import { demoPortfolio } from '../pdf/helpers/fixtures';

async function uploaded(exporter: PdfExporter, saves: SaveSessions, packagePath: string): Promise<string> {
  const uploadId = await exporter.beginUpload();
  await saves.write(uploadId, new Uint8Array(await readFile(packagePath)));
  await saves.finish(uploadId);
  return uploadId;
}

describe('PDF export in the main process', () => {
  it('refuses a final PDF of a package whose checks find errors, asking for no file, and makes a draft', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pdf-gate-'));
    const demo = await demoPortfolio(5, 1, 4);
    const packagePath = join(folder, 'demo.portfolio');
    await writePackageFile(packagePath, demo.manifest, [...demo.attachments].map(([sha256, bytes]) => ({ sha256, size: bytes.length, chunks: async function* () { yield bytes; } })));
    const saves = new SaveSessions();
    const asked: string[] = [];
    const exporter = new PdfExporter(join(folder, 'scratch'), saves, async (name) => {
      asked.push(name);
      return join(folder, `${name}.pdf`);
    }, () => undefined);

    const refused = await exporter.export({ uploadId: await uploaded(exporter, saves, packagePath), suggestedName: 'final', isDraft: false });
    expect(refused.status).toBe('failed');
    expect(refused.status === 'failed' ? refused.message : '').toMatch(/not ready for a final submission[\s\S]*\[marking-point-gap\][\s\S]*draft/);
    expect(asked).toEqual([]);

    const draft = await exporter.export({ uploadId: await uploaded(exporter, saves, packagePath), suggestedName: 'draft', isDraft: true });
    expect(draft.status).toBe('saved');
    expect(asked).toEqual(['draft']);
    expect((await readdir(folder)).filter((name) => name.endsWith('.pdf'))).toEqual(['draft.pdf']);
  }, 60_000);
});
