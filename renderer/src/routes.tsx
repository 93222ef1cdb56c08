/**
 * The app's pages by first route segment. Each feature adds its page here; the shell
 * renders the navigation from `NAV_ITEMS` and the page from `renderRoute`.
 */
import { lazy, type ReactNode } from 'react';
import type { AppRole } from './db/keys-repo';

// Each page is its own chunk, loaded when first visited: the first screen loads only what it shows.
const EvidencePage = lazy(() => import('./features/evidence/EvidencePage').then((module) => ({ default: module.EvidencePage })));
const MappingPage = lazy(() => import('./features/mapping/MappingPage').then((module) => ({ default: module.MappingPage })));
const PortfoliosPage = lazy(() => import('./features/portfolios/PortfoliosPage').then((module) => ({ default: module.PortfoliosPage })));
const QualificationPage = lazy(() => import('./features/qualification/QualificationPage').then((module) => ({ default: module.QualificationPage })));
const StoragePage = lazy(() => import('./features/shell/StoragePage').then((module) => ({ default: module.StoragePage })));
const PackagesPage = lazy(() => import('./features/packages/PackagesPage').then((module) => ({ default: module.PackagesPage })));
const PdfExportPage = lazy(() => import('./features/pdf/PdfExportPage').then((module) => ({ default: module.PdfExportPage })));
const CoveragePage = lazy(() => import('./features/coverage/CoveragePage').then((module) => ({ default: module.CoveragePage })));
const ReadinessPage = lazy(() => import('./features/readiness/ReadinessPage').then((module) => ({ default: module.ReadinessPage })));
const CaseloadPage = lazy(() => import('./features/assessor/CaseloadPage').then((module) => ({ default: module.CaseloadPage })));
const MarkingPage = lazy(() => import('./features/assessor/MarkingPage').then((module) => ({ default: module.MarkingPage })));
const FeedbackPage = lazy(() => import('./features/assessor/FeedbackPage').then((module) => ({ default: module.FeedbackPage })));
const SettingsPage = lazy(() => import('./features/settings/SettingsPage').then((module) => ({ default: module.SettingsPage })));

export interface NavItem {
  path: string;
  label: string;
  /** Shown only to these roles; every role when absent. */
  roles?: readonly AppRole[];
}

export interface RouteContext {
  /** Route segments after the first, e.g. ["CS5"] for #/qualification/CS5. */
  rest: string[];
  navigate: (path: string) => void;
}

export const NAV_ITEMS: NavItem[] = [
  { path: 'qualification', label: 'Qualification' },
  { path: 'portfolios', label: 'Portfolios' },
  { path: 'evidence', label: 'Evidence' },
  { path: 'mapping', label: 'Mapping', roles: ['learner'] },
  { path: 'coverage', label: 'Coverage matrix' },
  { path: 'readiness', label: 'Readiness' },
  { path: 'feedback', label: 'Feedback', roles: ['learner'] },
  { path: 'caseload', label: 'Caseload', roles: ['assessor', 'iqa'] },
  { path: 'pdf', label: 'PDF submission' },
  { path: 'share', label: 'Share and back up' },
  { path: 'storage', label: 'Your data' },
  { path: 'settings', label: 'Settings' },
];

const ROUTES: Record<string, (context: RouteContext) => ReactNode> = {
  qualification: ({ rest, navigate }) => <QualificationPage unitId={rest[0]} onSelectUnit={(id) => navigate(`qualification/${encodeURIComponent(id)}`)} />,
  pdf: () => <PdfExportPage />,
  share: () => <PackagesPage />,
  storage: () => <StoragePage />,
  portfolios: ({ navigate }) => <PortfoliosPage navigate={navigate} />,
  evidence: ({ rest, navigate }) => <EvidencePage evidenceId={rest[0]} navigate={navigate} />,
  mapping: ({ rest, navigate }) => <MappingPage markingPointId={rest[0]} navigate={navigate} />,
  coverage: ({ rest, navigate }) => <CoveragePage rest={rest} navigate={navigate} />,
  readiness: () => <ReadinessPage />,
  caseload: ({ navigate }) => <CaseloadPage navigate={navigate} />,
  marking: ({ rest }) => <MarkingPage portfolioId={rest[0]} unitId={rest[1]} />,
  feedback: () => <FeedbackPage />,
  settings: () => <SettingsPage />,
};

export const DEFAULT_ROUTE = 'qualification';

export function renderRoute(section: string, context: RouteContext): ReactNode {
  const route = ROUTES[section] ?? ROUTES[DEFAULT_ROUTE];
  return route ? route(context) : null;
}
