/**
 * The app's pages by first route segment. Each feature adds its page here; the shell
 * renders the navigation from `NAV_ITEMS` and the page from `renderRoute`.
 */
import type { ReactNode } from 'react';
import { QualificationPage } from './features/qualification/QualificationPage';
import { StoragePage } from './features/shell/StoragePage';

export interface NavItem {
  path: string;
  label: string;
}

export interface RouteContext {
  /** Route segments after the first, e.g. ["CS5"] for #/qualification/CS5. */
  rest: string[];
  navigate: (path: string) => void;
}

export const NAV_ITEMS: NavItem[] = [
  { path: 'qualification', label: 'Qualification' },
  { path: 'storage', label: 'Your data' },
];

const ROUTES: Record<string, (context: RouteContext) => ReactNode> = {
  qualification: ({ rest, navigate }) => <QualificationPage unitId={rest[0]} onSelectUnit={(id) => navigate(`qualification/${encodeURIComponent(id)}`)} />,
  storage: () => <StoragePage />,
};

export const DEFAULT_ROUTE = 'qualification';

export function renderRoute(section: string, context: RouteContext): ReactNode {
  const route = ROUTES[section] ?? ROUTES[DEFAULT_ROUTE];
  return route ? route(context) : null;
}
