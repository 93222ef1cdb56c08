import { useState } from 'react';
import { ToastProvider } from '../../components/Toasts';
import { appDb } from '../../db/app-db';
import { actorName } from '../../db/evidence-repo';
import { routeHref } from '../../lib/use-hash-route';
import { PortfolioForm } from '../portfolios/PortfolioForm';
import { PortfolioSwitcher } from '../portfolios/PortfolioSwitcher';
import { useCurrentPortfolio } from '../portfolios/use-current-portfolio';
import { EvidenceEditor } from './EvidenceEditor';
import { EvidenceList } from './EvidenceList';
import { prefetchEvidenceFirstScreen, takeEvidenceFirstScreen } from './first-screen';

interface Props {
  evidenceId: string | undefined;
  navigate: (path: string) => void;
}

/** The evidence of the open portfolio: the list (#/evidence) or one item (#/evidence/<id>). */
export function EvidencePage(props: Props) {
  return (
    <ToastProvider>
      <EvidencePageBody {...props} />
    </ToastProvider>
  );
}

/** For the router: reads the first screen while the page's code loads (see first-screen.ts). */
export function prefetchEvidencePage(rest: readonly string[]): Promise<void> {
  return prefetchEvidenceFirstScreen(appDb(), rest);
}

function EvidencePageBody({ evidenceId, navigate }: Props) {
  const [readAhead] = useState(takeEvidenceFirstScreen);
  const current = useCurrentPortfolio(readAhead?.current);
  if (current.status === 'loading') return <p aria-busy="true">Loading the portfolio…</p>;
  if (current.status === 'none') {
    return (
      <section className="page" aria-labelledby="start-heading">
        <h1 id="start-heading">Start your portfolio</h1>
        <p>Before adding evidence, say whose portfolio it is and which qualification it is for. You can keep several portfolios in the app.</p>
        <div className="panel">
          <PortfolioForm onDone={() => navigate('evidence')} />
        </div>
      </section>
    );
  }
  const { portfolio, spec } = current;
  return (
    <div className="page evidence-page">
      <PortfolioSwitcher />
      {!spec ? (
        <p className="problems">
          This portfolio’s qualification ({portfolio.qualificationId}, version {portfolio.qualificationVersion}) is not in the app, so evidence cannot be mapped. Import its specification on the{' '}
          <a href={routeHref('qualification')}>Qualification</a> page.
        </p>
      ) : null}
      {evidenceId ? (
        <EvidenceEditor key={evidenceId} evidenceId={evidenceId} portfolio={portfolio} spec={spec?.spec} actor={actorName(portfolio)} navigate={navigate} />
      ) : (
        <EvidenceList portfolio={portfolio} spec={spec?.spec} actor={actorName(portfolio)} navigate={navigate} readAhead={readAhead?.preview?.portfolioId === portfolio.id ? readAhead.preview.data : undefined} />
      )}
    </div>
  );
}
