/**
 * Limits on what the window can make the main process hold: open saves per window, bytes per
 * save, PDF uploads never exported; and what crosses IPC when something fails (a plain
 * sentence: no main-process paths, no stack).
 */
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../electron/main/handlers';
import { invokeChecked } from '../../../electron/main/ipc';
import { plainMessage } from '../../../electron/main/plain-errors';
import { BackupStore } from '../../../electron/main/services/backups';
import { MAX_PENDING_UPLOADS, PdfExporter, UPLOAD_TTL_MS } from '../../../electron/main/services/pdf-export';
import { MAX_OPEN_SAVES, MAX_SAVE_BYTES, SaveSessions } from '../../../electron/main/services/save-sessions';
import { APP_ORIGIN } from '../../../electron/main/security';

const origins = [APP_ORIGIN];
const appFrame = { url: 'app://renderer/index.html', parent: null };
let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ipc-limits-'));
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await rm(folder, { recursive: true, force: true });
});

function setup(options: { chooseSavePath?: () => Promise<string | undefined> } = {}) {
  const saves = new SaveSessions();
  const backups = new BackupStore(join(folder, 'backups'), saves);
  const pdf = new PdfExporter(join(folder, 'scratch'), saves, async () => join(folder, 'out.pdf'), () => undefined);
  const handlers = createHandlers({
    appInfo: () => ({ name: 'Portfolio Builder', version: '1', userDataPath: folder, backupsPath: backups.folder, platform: 'linux' }),
    saves,
    backups,
    pdf,
    chooseSavePath: options.chooseSavePath ?? (async () => join(folder, `saved-${Math.random().toString(36).slice(2)}.portfolio`)),
  });
  const call = <K extends Parameters<typeof invokeChecked>[0]>(name: K, ...args: unknown[]) => invokeChecked(name, handlers, appFrame, origins, args);
  return { saves, pdf, call };
}

async function partialFiles(path: string): Promise<string[]> {
  return (await readdir(path).catch(() => [] as string[])).filter((name) => name.endsWith('.partial'));
}

describe('open saves per window', () => {
  it('refuses saves beyond the cap with a clear message, so 1,000 beginBackup calls cannot exhaust file handles', async () => {
    const { call } = setup();
    const outcomes = await Promise.allSettled(Array.from({ length: 1_000 }, () => call('beginBackup', { portfolioId: 'p-1', learnerName: 'Sam', reason: 'interval' })));
    const opened = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refused = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(opened).toHaveLength(MAX_OPEN_SAVES);
    expect(refused).toHaveLength(1_000 - MAX_OPEN_SAVES);
    expect(String(refused[0]?.reason)).toMatch(/8 files are already being saved, which is as many as the app writes at once\. Wait for one to finish/);
    expect(await partialFiles(join(folder, 'backups', 'p-1'))).toHaveLength(MAX_OPEN_SAVES);

    // Finishing or cancelling one makes room: saving never stays broken.
    const first = opened[0] as PromiseFulfilledResult<{ saveId: string }>;
    await call('abortSave', first.value.saveId);
    const again = await call('beginBackup', { portfolioId: 'p-1', learnerName: 'Sam', reason: 'manual' });
    await call('writeChunk', again.saveId, new Uint8Array([1, 2]));
    await expect(call('finishSave', again.saveId)).resolves.toMatchObject({ bytes: 2 });
  });

  it('refuses before the save dialog opens when the window already has the most files open', async () => {
    const chooseSavePath = vi.fn(async () => join(folder, 'x.portfolio'));
    const { call } = setup({ chooseSavePath });
    for (let index = 0; index < MAX_OPEN_SAVES; index++) await call('beginBackup', { portfolioId: 'p-1', learnerName: '', reason: 'interval' });
    await expect(call('beginSave', { suggestedName: 'Sam', kind: 'portfolio' })).rejects.toThrow(/already being saved/);
    expect(chooseSavePath).not.toHaveBeenCalled();
  });

  it('throws away every open save when the window goes', async () => {
    const { saves, call } = setup();
    for (let index = 0; index < 3; index++) await call('beginBackup', { portfolioId: 'p-1', learnerName: '', reason: 'interval' });
    await saves.abortAll();
    expect(saves.openCount).toBe(0);
    expect(await partialFiles(join(folder, 'backups', 'p-1'))).toEqual([]);
  });
});

describe('bytes per save', () => {
  it('caps each kind of save at the package limits', () => {
    expect(MAX_SAVE_BYTES.attachment).toBe(2 * 1024 ** 3);
    expect(MAX_SAVE_BYTES.json).toBe(64 * 1024 ** 2);
    expect(MAX_SAVE_BYTES.package).toBeGreaterThan(99_999 * 2 * 1024 ** 3);
  });

  it('abandons a save that grows past its limit, leaving nothing behind', async () => {
    const saves = new SaveSessions();
    const target = join(folder, 'small.json');
    const id = await saves.begin(target, { maxBytes: 10 });
    await saves.write(id, new Uint8Array(6));
    await expect(saves.write(id, new Uint8Array(5))).rejects.toThrow(/larger than 10 bytes, which is more than this kind of file may be, so it was not saved/);
    expect(saves.has(id)).toBe(false);
    expect(await readdir(folder)).toEqual([]);
  });

  it('holds a key register to the size of a manifest', async () => {
    const target = join(folder, 'register.json');
    const { call } = setup({ chooseSavePath: async () => target });
    const begun = await call('beginSave', { suggestedName: 'register', kind: 'key-register' });
    if (begun.status !== 'ready') throw new Error('the save should begin');
    await call('writeChunk', begun.saveId, new Uint8Array(MAX_SAVE_BYTES.json));
    await expect(call('writeChunk', begun.saveId, new Uint8Array(1))).rejects.toThrow(/larger than 64 MiB/);
    expect(await readdir(folder)).not.toContain('register.json');
    expect(await partialFiles(folder)).toEqual([]);
  });
});

describe('PDF uploads never exported', () => {
  it('holds at most a couple waiting, and throws them away when the window goes', async () => {
    const { pdf, call } = setup();
    const uploads = [];
    for (let index = 0; index < MAX_PENDING_UPLOADS; index++) uploads.push(await call('beginPdfUpload'));
    await expect(call('beginPdfUpload')).rejects.toThrow(/already being handed over/);
    await call('writeChunk', uploads[0]!.saveId, new Uint8Array([1]));
    await call('finishSave', uploads[0]!.saveId);
    expect(await readdir(join(folder, 'scratch'))).toHaveLength(2);
    await pdf.discardAll();
    expect(await readdir(join(folder, 'scratch'))).toEqual([]);
    expect(pdf.pendingCount).toBe(0);
    await expect(call('beginPdfUpload')).resolves.toHaveProperty('saveId');
  });

  it('removes an upload not exported in time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { pdf, call } = setup();
    const { saveId } = await call('beginPdfUpload');
    await call('writeChunk', saveId, new Uint8Array([1]));
    await call('finishSave', saveId);
    await vi.advanceTimersByTimeAsync(UPLOAD_TTL_MS);
    await vi.waitFor(async () => expect(await readdir(join(folder, 'scratch'))).toEqual([]), { timeout: 2_000, interval: 20 });
    expect(pdf.pendingCount).toBe(0);
    await expect(call('exportPdf', { uploadId: saveId, suggestedName: 'x', isDraft: true })).resolves.toMatchObject({ status: 'failed', message: expect.stringMatching(/was not handed over/) });
  });

  it('clears uploads a crash left behind at start-up', async () => {
    const { pdf, call } = setup();
    await call('beginPdfUpload');
    await writeFile(join(folder, 'scratch', 'upload-00000000-0000-4000-8000-000000000000.portfolio'), 'left over');
    await writeFile(join(folder, 'scratch', 'keep-me.txt'), 'not ours');
    expect(await pdf.removeLeftovers()).toBe(2);
    expect(await readdir(join(folder, 'scratch'))).toEqual(['keep-me.txt']);
  });
});

describe('errors crossing IPC', () => {
  it('are plain sentences: a system error names no path, and no stack is sent', async () => {
    const saves = new SaveSessions();
    const { call } = setup();
    // A save dialog path in a folder that does not exist: Node's error names the path.
    const missing = join(folder, 'no-such-folder', 'x.portfolio');
    const handlers = createHandlers({
      appInfo: () => ({ name: 'Portfolio Builder', version: '1', userDataPath: folder, backupsPath: folder, platform: 'linux' }),
      saves,
      backups: new BackupStore(join(folder, 'backups'), saves),
      pdf: new PdfExporter(join(folder, 'scratch'), saves, async () => undefined, () => undefined),
      chooseSavePath: async () => missing,
    });
    const error = await invokeChecked('beginSave', handlers, appFrame, origins, [{ suggestedName: 'x', kind: 'portfolio' }]).then(
      () => new Error('the save should have failed'),
      (caught: unknown) => caught as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('A file or folder the app needed is missing. It may have been moved or deleted.');
    expect(error.message).not.toContain(folder);
    expect(error.stack ?? '').not.toContain('no-such-folder');
    await expect(call('finishSave', 'nope')).rejects.toThrow(/^That file is not open for writing/);
  });

  it('tell the window the name of the app’s own files, never where they are', async () => {
    const { call } = setup();
    const backup = await call('beginBackup', { portfolioId: 'p-1', learnerName: '', reason: 'manual' });
    const saved = await call('finishSave', backup.saveId);
    expect(saved.path).not.toContain(folder);
    expect(saved.path).toMatch(/^p-1~.*-manual\.portfolio$/);
    const upload = await call('beginPdfUpload');
    expect((await call('finishSave', upload.saveId)).path).toBe('the portfolio for the PDF');
    expect((await stat(join(folder, 'backups', 'p-1'))).isDirectory()).toBe(true);
  });

  it('put any error in words: the first line of ours, system errors by their code, paths taken out', () => {
    const system = Object.assign(new Error(`ENOSPC: no space left on device, write '${join(tmpdir(), 'a.partial')}'`), { code: 'ENOSPC' });
    expect(plainMessage(system)).toBe('The disk is full, so the file could not be written. Free some space and try again.');
    const ours = new Error(`Could not read ${join(tmpdir(), 'scratch', 'upload.portfolio')} at all.\n    at Object.<anonymous> (/app/out/main/index.js:1:2)`);
    expect(plainMessage(ours)).toBe('Could not read a file at all.');
    expect(plainMessage(new Error('/evidence/3/title: The title must be 200 characters or fewer.'))).toBe('/evidence/3/title: The title must be 200 characters or fewer.');
    expect(plainMessage('not an error')).toBe('Something went wrong in the app. Please try again.');
    expect(plainMessage(new Error(''))).toBe('Something went wrong in the app. Please try again.');
  });
});
