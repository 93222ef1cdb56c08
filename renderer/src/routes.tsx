/**
 * The app's pages by first route segment. Each feature adds its page here; the shell
 * renders the navigation from `NAV_ITEMS` and the page from `renderRoute`.
 */
import { lazy, useState, type ComponentType, type ReactNode } from 'react';
import type { AppRole } from './db/keys-repo';

/** Pages whose code failed to load, each waiting to be given a fresh start. */
const retries = new Set<() => void>();

/** Lets every page whose code failed to load try again when next rendered (the shell's "Try again"). */
export function retryFailedPages(): void {
  for (const retry of retries) retry();
  retries.clear();
}

/** What a page's chunk gives the router: the page, and optionally a read of its first screen. */
interface PageModule<Props extends object> {
  Page: ComponentType<Props>;
  /** Reads the data the page first shows, for the route's remaining segments (`rest`). */
  prefetch?: (rest: readonly string[]) => Promise<void>;
}

interface PageLoader<Props extends object> {
  /** Renders the page, loading its chunk first if needed (the shell's Suspense shows the wait). */
  Page: ComponentType<Props>;
  /**
   * Loads the chunk without rendering, then (once `whenDatabaseReady` settles) lets the page
   * read its first screen; a render of `Page` after this shows at once.
   */
  preload: (rest: readonly string[], whenDatabaseReady: Promise<unknown>) => Promise<void>;
}

/**
 * Each page is its own chunk, loaded when first needed, so the first screen loads only what it
 * shows. Unlike a bare `lazy`, a page can be preloaded: the app loads the page it opens on (and
 * that page's data) while it opens the database, and renders it without a Suspense fallback.
 * React holds back content that replaces a fallback for about 300 ms, which would be most of
 * the time the page takes to appear.
 */
function lazyPage<Props extends object>(load: () => Promise<PageModule<Props>>): PageLoader<Props> {
  let loaded: ComponentType<Props> | undefined;
  let loading: Promise<PageModule<Props>> | undefined;
  const start = (): Promise<PageModule<Props>> =>
    (loading ??= load().then(
      (module) => {
        loaded = module.Page;
        return module;
      },
      (error: unknown) => {
        loading = undefined;
        // React remembers a failed `lazy` for good (so the error reaches the shell's error
        // boundary rather than retrying in a loop); "Try again" swaps in a fresh one.
        retries.add(() => {
          Lazy = lazy(loadForReact);
        });
        throw error;
      },
    ));
  const loadForReact = async (): Promise<{ default: ComponentType<Props> }> => ({ default: (await start()).Page });
  let Lazy = lazy(loadForReact);
  function Page(props: Props) {
    // Chosen once per mount: switching from the lazy wrapper to the loaded page on a later
    // render would be a different element type, and React would remount the page (losing
    // focus and anything typed). A render that suspended is discarded, so its retry chooses again.
    const [Component] = useState<ComponentType<Props>>(() => loaded ?? Lazy);
    return <Component {...props} />;
  }
  return {
    Page,
    preload: async (rest, whenDatabaseReady) => {
      const module = await start();
      await whenDatabaseReady;
      await module.prefetch?.(rest);
    },
  };
}

const pages = {
  evidence: lazyPage(() => import('./features/evidence/EvidencePage').then((module) => ({ Page: module.EvidencePage, prefetch: module.prefetchEvidencePage }))),
  mapping: lazyPage(() => import('./features/mapping/MappingPage').then((module) => ({ Page: module.MappingPage }))),
  portfolios: lazyPage(() => import('./features/portfolios/PortfoliosPage').then((module) => ({ Page: module.PortfoliosPage }))),
  qualification: lazyPage(() => import('./features/qualification/QualificationPage').then((module) => ({ Page: module.QualificationPage }))),
  'qualification-editor': lazyPage(() => import('./features/qualification/QualificationEditorPage').then((module) => ({ Page: module.QualificationEditorPage }))),
  storage: lazyPage(() => import('./features/shell/StoragePage').then((module) => ({ Page: module.StoragePage }))),
  share: lazyPage(() => import('./features/packages/PackagesPage').then((module) => ({ Page: module.PackagesPage }))),
  pdf: lazyPage(() => import('./features/pdf/PdfExportPage').then((module) => ({ Page: module.PdfExportPage }))),
  coverage: lazyPage(() => import('./features/coverage/CoveragePage').then((module) => ({ Page: module.CoveragePage }))),
  readiness: lazyPage(() => import('./features/readiness/ReadinessPage').then((module) => ({ Page: module.ReadinessPage }))),
  caseload: lazyPage(() => import('./features/assessor/CaseloadPage').then((module) => ({ Page: module.CaseloadPage }))),
  marking: lazyPage(() => import('./features/assessor/MarkingPage').then((module) => ({ Page: module.MarkingPage }))),
  feedback: lazyPage(() => import('./features/assessor/FeedbackPage').then((module) => ({ Page: module.FeedbackPage }))),
  settings: lazyPage(() => import('./features/settings/SettingsPage').then((module) => ({ Page: module.SettingsPage }))),
};

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

const ROUTES: Record<keyof typeof pages, (context: RouteContext) => ReactNode> = {
  qualification: ({ rest, navigate }) => <pages.qualification.Page unitId={rest[0]} onSelectUnit={(id) => navigate(`qualification/${encodeURIComponent(id)}`)} navigate={navigate} />,
  'qualification-editor': ({ rest, navigate }) => {
    const Editor = pages['qualification-editor'].Page;
    return <Editor rest={rest} navigate={navigate} />;
  },
  pdf: () => <pages.pdf.Page />,
  share: () => <pages.share.Page />,
  storage: () => <pages.storage.Page />,
  portfolios: ({ navigate }) => <pages.portfolios.Page navigate={navigate} />,
  evidence: ({ rest, navigate }) => <pages.evidence.Page evidenceId={rest[0]} navigate={navigate} />,
  mapping: ({ rest, navigate }) => <pages.mapping.Page markingPointId={rest[0]} navigate={navigate} />,
  coverage: ({ rest, navigate }) => <pages.coverage.Page rest={rest} navigate={navigate} />,
  readiness: () => <pages.readiness.Page />,
  caseload: ({ navigate }) => <pages.caseload.Page navigate={navigate} />,
  marking: ({ rest }) => <pages.marking.Page portfolioId={rest[0]} unitId={rest[1]} />,
  feedback: () => <pages.feedback.Page />,
  settings: () => <pages.settings.Page />,
};

export const DEFAULT_ROUTE = 'qualification' satisfies keyof typeof pages;

function isSection(section: string): section is keyof typeof pages {
  return Object.hasOwn(pages, section);
}

export function renderRoute(section: string, context: RouteContext): ReactNode {
  return ROUTES[isSection(section) ? section : DEFAULT_ROUTE](context);
}

/**
 * Loads the page a route shows (the default page for an unknown route) and its first screen's
 * data, which it reads once `whenDatabaseReady` settles. Safe to call more than once.
 */
export function preloadRoute([section = DEFAULT_ROUTE, ...rest]: readonly string[], whenDatabaseReady: Promise<unknown>): Promise<void> {
  return isSection(section) ? pages[section].preload(rest, whenDatabaseReady) : pages[DEFAULT_ROUTE].preload([], whenDatabaseReady);
}
