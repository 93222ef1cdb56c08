import { QualificationPage } from '../qualification/QualificationPage';
import { StoragePage } from './StoragePage';
import { routeHref, useHashRoute } from '../../lib/use-hash-route';

interface NavItem {
  path: string;
  label: string;
}

const NAV: NavItem[] = [
  { path: 'qualification', label: 'Qualification' },
  { path: 'storage', label: 'Your data' },
];

/** Page frame: skip link, banner, main navigation and the current page. */
export function AppShell() {
  const [segments, navigate] = useHashRoute();
  const [section = 'qualification', ...rest] = segments;

  return (
    <div className="app">
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="banner">
        <span className="app-name">Portfolio Builder</span>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.path}>
                <a href={routeHref(item.path)} aria-current={section === item.path ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {section === 'storage' ? <StoragePage /> : <QualificationPage unitId={rest[0]} onSelectUnit={(id) => navigate(`qualification/${encodeURIComponent(id)}`)} />}
      </main>
    </div>
  );
}
