import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../electron/channels';
import type { ChannelName } from '../../../electron/contract';
import { createHandlers, saveFileType } from '../../../electron/main/handlers';
import { PAYLOAD_CHECKS, invokeChecked, registerIpcHandlers } from '../../../electron/main/ipc';
import { BackupStore } from '../../../electron/main/services/backups';
import { SaveSessions } from '../../../electron/main/services/save-sessions';
import { PdfExporter } from '../../../electron/main/services/pdf-export';
import { APP_ORIGIN } from '../../../electron/main/security';

const origins = [APP_ORIGIN];
const appFrame = { url: 'app://renderer/index.html', parent: null };

async function setup() {
  const folder = await mkdtemp(join(tmpdir(), 'ipc-'));
  const saves = new SaveSessions();
  const backups = new BackupStore(join(folder, 'backups'), saves);
  let nextPath: string | undefined = join(folder, 'out.portfolio');
  const pdf = new PdfExporter(join(folder, 'scratch'), saves, async () => nextPath, () => undefined);
  const handlers = createHandlers({
    appInfo: () => ({ name: 'Portfolio Builder', version: '1', userDataPath: folder, backupsPath: backups.folder, platform: 'linux' }),
    saves,
    backups,
    pdf,
    chooseSavePath: async () => nextPath,
  });
  return { folder, handlers, setNextPath: (path: string | undefined) => (nextPath = path) };
}

describe('IPC registration', () => {
  it('registers every contract channel exactly once', async () => {
    const { handlers } = await setup();
    const handle = vi.fn();
    registerIpcHandlers({ handle }, handlers, origins);
    const registered = handle.mock.calls.map((call) => call[0]);
    expect(registered.sort()).toEqual(Object.values(CHANNELS).sort());
    expect(Object.keys(PAYLOAD_CHECKS).sort()).toEqual(Object.keys(CHANNELS).sort());
  });

  it('refuses calls from other origins and sub-frames before the handler runs', async () => {
    const { handlers } = await setup();
    const spy = vi.spyOn(handlers, 'getAppInfo');
    for (const frame of [{ url: 'https://evil.example/', parent: null }, { url: 'app://renderer/index.html', parent: {} }, null]) {
      await expect(invokeChecked('getAppInfo', handlers, frame, origins, [])).rejects.toThrow('did not come from the app window');
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it.each<[ChannelName, unknown[]]>([
    ['getAppInfo', ['extra']],
    ['beginSave', [{ suggestedName: 'x', kind: 'exe' }]],
    ['beginSave', [{ suggestedName: 'x'.repeat(501), kind: 'pdf' }]],
    ['beginSave', ['not an object']],
    ['beginSave', [{ suggestedName: 'x', kind: 'attachment' }]],
    ['beginSave', [{ suggestedName: 'x', kind: 'attachment', mediaType: 'application/x-msdownload' }]],
    ['beginSave', [{ suggestedName: 'x', kind: 'attachment', mediaType: 'constructor' }]],
    ['beginSave', [{ suggestedName: 'x', kind: 'attachment', mediaType: 7 }]],
    ['writeChunk', ['id', 'not bytes']],
    ['writeChunk', ['id', [1, 2, 3]]],
    ['finishSave', [42]],
    ['beginBackup', [{ portfolioId: '', learnerName: 'x', reason: 'quit' }]],
    ['readBackup', ['b', -1, 10]],
    ['readBackup', ['b', 0, 1.5]],
    ['readBackup', ['b', 0, Number.MAX_VALUE]],
    ['openBackup', [{ toString: () => 'x' }]],
  ])('refuses a malformed payload for %s', async (name, args) => {
    const { handlers } = await setup();
    await expect(invokeChecked(name, handlers, appFrame, origins, args)).rejects.toThrow(/was refused/);
  });
});

describe('streamed saves through the handlers', () => {
  it('writes chunks to a temporary file and renames it into place on finish', async () => {
    const { folder, handlers } = await setup();
    const begin = await invokeChecked('beginSave', handlers, appFrame, origins, [{ suggestedName: 'Jo Bloggs', kind: 'portfolio' }]);
    if (begin.status !== 'ready') throw new Error('expected ready');
    await invokeChecked('writeChunk', handlers, appFrame, origins, [begin.saveId, new Uint8Array([1, 2, 3])]);
    expect((await readdir(folder)).filter((name) => name.endsWith('.partial'))).toHaveLength(1);
    await invokeChecked('writeChunk', handlers, appFrame, origins, [begin.saveId, new Uint8Array([4])]);
    const finished = await invokeChecked('finishSave', handlers, appFrame, origins, [begin.saveId]);
    expect(finished).toEqual({ status: 'saved', path: join(folder, 'out.portfolio'), bytes: 4 });
    expect([...(await readFile(join(folder, 'out.portfolio')))]).toEqual([1, 2, 3, 4]);
    expect((await readdir(folder)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('leaves nothing behind when aborted, and refuses writes to an unknown save', async () => {
    const { folder, handlers } = await setup();
    const begin = await invokeChecked('beginSave', handlers, appFrame, origins, [{ suggestedName: 'x', kind: 'pdf' }]);
    if (begin.status !== 'ready') throw new Error('expected ready');
    await invokeChecked('writeChunk', handlers, appFrame, origins, [begin.saveId, new Uint8Array(10)]);
    await invokeChecked('abortSave', handlers, appFrame, origins, [begin.saveId]);
    expect(await readdir(folder)).toEqual([]);
    await expect(invokeChecked('writeChunk', handlers, appFrame, origins, [begin.saveId, new Uint8Array(1)])).rejects.toThrow('not open for writing');
    await expect(invokeChecked('finishSave', handlers, appFrame, origins, ['made-up-id'])).rejects.toThrow('not open for writing');
  });

  it('saves a copy of an attachment with the extension its media type calls for, whatever its name says', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ipc-attachment-'));
    const offered: unknown[] = [];
    const saves = new SaveSessions();
    const handlers = createHandlers({
      appInfo: () => ({ name: 'Portfolio Builder', version: '1', userDataPath: folder, backupsPath: folder, platform: 'linux' }),
      saves,
      backups: new BackupStore(join(folder, 'backups'), saves),
      pdf: new PdfExporter(join(folder, 'scratch'), saves, async () => undefined, () => undefined),
      chooseSavePath: async (defaultName, fileType) => {
        offered.push({ defaultName, fileType });
        return join(folder, defaultName);
      },
    });
    const begin = await invokeChecked('beginSave', handlers, appFrame, origins, [{ suggestedName: '../statement.exe', kind: 'attachment', mediaType: 'application/pdf' }]);
    if (begin.status !== 'ready') throw new Error('expected ready');
    await invokeChecked('writeChunk', handlers, appFrame, origins, [begin.saveId, new TextEncoder().encode('%PDF-1.7')]);
    await invokeChecked('finishSave', handlers, appFrame, origins, [begin.saveId]);
    expect(offered).toEqual([{ defaultName: 'statement.exe.pdf', fileType: { description: 'PDF document', extension: '.pdf' } }]);
    expect(await readFile(join(folder, 'statement.exe.pdf'), 'utf8')).toBe('%PDF-1.7');
  });

  it('offers a qualification specification as a .json file', () => {
    expect(saveFileType({ suggestedName: 'retail-l2-1.json', kind: 'qualification' })).toEqual({ description: 'Qualification specification', extension: '.json' });
  });

  it('reports a cancelled save dialog', async () => {
    const { handlers, setNextPath } = await setup();
    setNextPath(undefined);
    expect(await invokeChecked('beginSave', handlers, appFrame, origins, [{ suggestedName: 'x', kind: 'pdf' }])).toEqual({ status: 'cancelled' });
  });
});

describe('backups through the handlers', () => {
  it('writes, lists, reads back and refuses ids that are not backups', async () => {
    const { handlers } = await setup();
    const { saveId } = await invokeChecked('beginBackup', handlers, appFrame, origins, [{ portfolioId: 'p-1', learnerName: 'Siân', reason: 'manual' }]);
    await invokeChecked('writeChunk', handlers, appFrame, origins, [saveId, new Uint8Array([9, 8, 7, 6])]);
    await invokeChecked('finishSave', handlers, appFrame, origins, [saveId]);
    const list = await invokeChecked('listBackups', handlers, appFrame, origins, []);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ portfolioId: 'p-1', learnerName: 'Siân', reason: 'manual', bytes: 4 });
    const id = list[0]?.id as string;
    expect(await invokeChecked('openBackup', handlers, appFrame, origins, [id])).toEqual({ size: 4 });
    expect([...(await invokeChecked('readBackup', handlers, appFrame, origins, [id, 1, 2]))]).toEqual([8, 7]);
    for (const bad of ['../../etc/passwd', 'p-1~x', `${id}/../x`]) {
      await expect(invokeChecked('readBackup', handlers, appFrame, origins, [bad, 0, 1])).rejects.toThrow('no longer exists');
    }
    await expect(invokeChecked('beginBackup', handlers, appFrame, origins, [{ portfolioId: '../evil', learnerName: '', reason: 'manual' }])).rejects.toThrow('cannot be used for a backup');
  });
});
