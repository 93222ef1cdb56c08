import { appDb } from './db/app-db';
import { ensureBuiltinSpec } from './db/specs-repo';
import { currentRouteSegments } from './lib/use-hash-route';
import { preloadRoute } from './routes';

/**
 * Everything the app does before its first screen, started as soon as the script runs (not
 * after React's first render): the database is readied (built-in qualification in place)
 * while the page the window opens on loads its code, and that page then reads its first
 * screen. Settles when the app can show the page; fails only if the database cannot open.
 * A page that fails to load is not fatal here: the shell shows that page's own error.
 */
export function startApp(): Promise<void> {
  const databaseReady = ensureBuiltinSpec(appDb());
  // Deleted things are kept for TRASH_KEEP_DAYS, as the trash says; older ones are cleared now, without holding up the first screen.
  void databaseReady
    .then(() => import('./db/trash-repo'))
    .then(({ expireAllTrash }) => expireAllTrash(appDb()))
    .catch((error: unknown) => console.error('Clearing old deleted items failed:', error));
  const pageReady = preloadRoute(currentRouteSegments(), databaseReady).catch(() => undefined);
  return Promise.all([databaseReady, pageReady]).then(() => undefined);
}
