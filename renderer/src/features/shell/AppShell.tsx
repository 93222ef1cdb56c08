import { useLiveQuery } from 'dexie-react-hooks';
import { Suspense } from 'react';
import { PageErrorBoundary } from '../../components/PageErrorBoundary';
import { appDb } from '../../db/app-db';
import { getRole } from '../../db/keys-repo';
import { DEFAULT_ROUTE, NAV_ITEMS, renderRoute, retryFailedPages } from '../../routes';
import { routeHref, useHashRoute } from '../../lib/use-hash-route';
import { RecoveryNotice } from './RecoveryNotice';

/** Page frame: skip link, banner, main navigation and the current page. */
export function AppShell() {
  const [segments, navigate] = useHashRoute();
  const [section = DEFAULT_ROUTE, ...rest] = segments;
  const role = useLiveQuery(() => getRole(appDb()), []) ?? 'learner';
  const navItems = NAV_ITEMS.filter((item) => !item.roles || item.roles.includes(role));

  return (
    <div className="app">
      {/* The hash is the router's, so the skip link moves focus itself instead of changing it. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="banner">
        <span className="app-name">Portfolio Builder</span>
        <nav aria-label="Main">
          <ul>
            {navItems.map((item) => (
              <li key={item.path}>
                <a href={routeHref(item.path)} aria-current={section === item.path ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <RecoveryNotice />
      <main id="main" tabIndex={-1}>
        <PageErrorBoundary key={section} onRetry={retryFailedPages}>
          <Suspense fallback={<p aria-busy="true">Loading…</p>}>{renderRoute(section, { rest, navigate })}</Suspense>
        </PageErrorBoundary>
      </main>
    </div>
  );
}
