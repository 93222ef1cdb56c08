/**
 * The app's pages by first route segment. Each feature adds its page here; the shell
 * renders the navigation from `NAV_ITEMS` and the page from `renderRoute`.
 */
import type { ReactNode } from 'react';
import type { AppRole } from './db/keys-repo';
import { EvidencePage } from './features/evidence/EvidencePage';
import { MappingPage } from './features/mapping/MappingPage';
import { PortfoliosPage } from './features/portfolios/PortfoliosPage';
import { QualificationPage } from './features/qualification/QualificationPage';
import { StoragePage } from './features/shell/StoragePage';
import { PackagesPage } from './features/packages/PackagesPage';
import { PdfExportPage } from './features/pdf/PdfExportPage';
import { CoveragePage } from './features/coverage/CoveragePage';
import { ReadinessPage } from './features/readiness/ReadinessPage';
import { CaseloadPage } from './features/assessor/CaseloadPage';
import { MarkingPage } from './features/assessor/MarkingPage';
import { FeedbackPage } from './features/assessor/FeedbackPage';
import { SettingsPage } from './features/settings/SettingsPage';

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
