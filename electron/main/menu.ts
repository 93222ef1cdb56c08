import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../contract';

/** The application menu; commands go to the window, which owns the data. */
export function menuTemplate(send: (command: MenuCommand) => void, isMac: boolean): MenuItemConstructorOptions[] {
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import qualification specification…', click: () => send('import-spec') },
        { label: 'Import portfolio package…', accelerator: 'CmdOrCtrl+O', click: () => send('import-package') },
        { type: 'separator' },
        { label: 'Export portfolio package…', accelerator: 'CmdOrCtrl+E', click: () => send('export-package') },
        { label: 'Export PDF submission…', accelerator: 'CmdOrCtrl+P', click: () => send('export-pdf') },
        { type: 'separator' },
        { label: 'Backups…', click: () => send('open-backups') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'E&xit' },
      ],
    },
    { label: '&Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: '&View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ role: 'about' }] },
  ];
}
