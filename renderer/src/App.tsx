import { useEffect, useState } from 'react';
import { appDb } from './db/app-db';
import { ensureBuiltinSpec } from './db/specs-repo';
import { AppShell } from './features/shell/AppShell';

/** Prepares the database (built-in qualification, persistent storage), then shows the app. */
export function App() {
  const [startupError, setStartupError] = useState<string | undefined>();
  const [isReady, setIsReady] = useState(false);

  useEffect(() => {
    let isCancelled = false;
    ensureBuiltinSpec(appDb())
      .then(() => {
        if (!isCancelled) setIsReady(true);
      })
      .catch((error: unknown) => {
        if (!isCancelled) setStartupError(error instanceof Error ? error.message : String(error));
      });
    return () => {
      isCancelled = true;
    };
  }, []);

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
  return <AppShell />;
}
