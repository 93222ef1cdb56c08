import { useEffect, useState } from 'react';
import { appDb } from './db/app-db';
import { SigningKeyPromptProvider } from './features/settings/SigningKeyPrompt';
import { AppShell } from './features/shell/AppShell';
import { getBridge } from './lib/bridge';
import type { MenuCommand } from '../../electron/contract';

/** Where each menu command takes the user. */
const MENU_ROUTES: Record<MenuCommand, string> = {
  'import-spec': 'qualification',
  'import-package': 'share',
  'export-package': 'share',
  'export-pdf': 'pdf',
  'open-backups': 'share',
};

/** Waits for `startup` (see startup.ts: database ready, first page loaded), then shows the app. */
export function App({ startup }: { startup: Promise<void> }) {
  const [startupError, setStartupError] = useState<string | undefined>();
  const [isReady, setIsReady] = useState(false);

  useEffect(() => {
    let isCancelled = false;
    startup
      .then(() => {
        if (!isCancelled) setIsReady(true);
      })
      .catch((error: unknown) => {
        if (!isCancelled) setStartupError(error instanceof Error ? error.message : String(error));
      });
    return () => {
      isCancelled = true;
    };
  }, [startup]);

  // Desktop only: rolling backups and the application menu.
  useEffect(() => {
    const bridge = getBridge();
    if (!isReady || !bridge) return undefined;
    // Loaded apart from the first screen: the package writer and its validator are large.
    let stopBackups: (() => void) | undefined;
    let isStopped = false;
    void import('./features/packages/backup-scheduler').then(({ startBackupSchedule }) => {
      if (!isStopped) stopBackups = startBackupSchedule(appDb(), bridge);
    });
    const stopMenu = bridge.onMenuCommand((command) => {
      window.location.hash = `#/${MENU_ROUTES[command]}`;
    });
    return () => {
      isStopped = true;
      stopBackups?.();
      stopMenu();
    };
  }, [isReady]);

  if (startupError) {
    return (
      <main className="startup" role="alert">
        <h1>The app could not open its data</h1>
        <p>{startupError}</p>
        <p>Close other windows of the app and try again. Your data has not been changed.</p>
      </main>
    );
  }
  if (!isReady) return <main className="startup" aria-busy="true"><p>Opening…</p></main>;
  return (
    <SigningKeyPromptProvider>
      <AppShell />
    </SigningKeyPromptProvider>
  );
}
