import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { appDb } from '../../db/app-db';
import { listPortfolios, setCurrentPortfolio } from '../../db/portfolios-repo';
import { routeHref } from '../../lib/use-hash-route';
import { useCurrentPortfolio } from './use-current-portfolio';

/**
 * "Working on" bar: which portfolio is open, with a switcher for an assessor's caseload.
 * Shown at the top of the evidence and mapping pages.
 */
export function PortfolioSwitcher() {
  const db = appDb();
  const id = useId();
  const portfolios = useLiveQuery(() => listPortfolios(db), [db]);
  const current = useCurrentPortfolio();
  const [failure, setFailure] = useState<string | undefined>();
  if (!portfolios || current.status !== 'ready') return null;
  const { portfolio } = current;
  return (
    <div className="portfolio-bar">
      <label htmlFor={id}>Portfolio</label>
      <select
        id={id}
        value={portfolio.id}
        onChange={(event) => {
          setFailure(undefined);
          setCurrentPortfolio(db, event.target.value).catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
        }}
      >
        {portfolios.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {candidate.learner.name}
            {candidate.learner.number ? ` (${candidate.learner.number})` : ''} — {candidate.centre.name}
          </option>
        ))}
      </select>
      <span className="subtle">
        {portfolios.length === 1 ? '1 portfolio' : `${portfolios.length} portfolios`} · <a href={routeHref('portfolios')}>Manage portfolios</a>
      </span>
      {failure ? (
        <span className="field-error" role="alert">
          {failure}
        </span>
      ) : null}
    </div>
  );
}
