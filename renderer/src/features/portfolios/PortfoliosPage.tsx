import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { appDb } from '../../db/app-db';
import { evidenceCountsByPortfolio } from '../../db/evidence-repo';
import { listPortfolios, setCurrentPortfolio } from '../../db/portfolios-repo';
import { listSpecs } from '../../db/specs-repo';
import { PortfolioForm } from './PortfolioForm';
import { useCurrentPortfolio } from './use-current-portfolio';

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

/**
 * All portfolios in this app (an assessor's caseload): open one, start a new one, or change
 * the details of the one that is open.
 */
export function PortfoliosPage({ navigate }: { navigate: (path: string) => void }) {
  const db = appDb();
  const portfolios = useLiveQuery(() => listPortfolios(db), [db]);
  const counts = useLiveQuery(() => evidenceCountsByPortfolio(db), [db]);
  const specs = useLiveQuery(() => listSpecs(db), [db]);
  const current = useCurrentPortfolio();
  const [mode, setMode] = useState<'list' | 'new' | 'edit'>('list');
  const [failure, setFailure] = useState<string | undefined>();

  if (!portfolios || current.status === 'loading') return <p aria-busy="true">Loading portfolios…</p>;
  const currentId = current.status === 'ready' ? current.portfolio.id : undefined;
  const titleOf = (id: string, version: string): string => specs?.find((spec) => spec.id === id && spec.version === version)?.title ?? `${id} (${version})`;

  async function open(id: string, then?: string): Promise<void> {
    setFailure(undefined);
    try {
      await setCurrentPortfolio(db, id);
      if (then) navigate(then);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <section className="page portfolios-page" aria-labelledby="portfolios-heading">
      <div className="page-head">
        <div>
          <h1 id="portfolios-heading">Portfolios</h1>
          <p className="subtle">Each portfolio is one learner’s evidence for one qualification. Assessors can keep their whole caseload here.</p>
        </div>
        {mode === 'list' && portfolios.length > 0 ? (
          <div className="button-row">
            <button type="button" onClick={() => setMode('new')}>
              Start a new portfolio
            </button>
            {current.status === 'ready' ? (
              <button type="button" className="secondary" onClick={() => setMode('edit')}>
                Change details of the open portfolio
              </button>
            ) : null}
          </div>
        ) : null}
      </div>

      {mode === 'new' || portfolios.length === 0 ? (
        <section className="panel" aria-labelledby="new-portfolio-heading">
          <h2 id="new-portfolio-heading">{portfolios.length === 0 ? 'Start your first portfolio' : 'Start a new portfolio'}</h2>
          <PortfolioForm
            onDone={(created) => {
              setMode('list');
              if (created) navigate('evidence');
            }}
            {...(portfolios.length > 0 ? { onCancel: () => setMode('list') } : {})}
          />
        </section>
      ) : null}
      {mode === 'edit' && current.status === 'ready' ? (
        <section className="panel" aria-labelledby="edit-portfolio-heading">
          <h2 id="edit-portfolio-heading">Details of {current.portfolio.learner.name}’s portfolio</h2>
          <PortfolioForm key={current.portfolio.id} portfolio={current.portfolio} onDone={() => setMode('list')} onCancel={() => setMode('list')} />
        </section>
      ) : null}
      {failure ? (
        <p className="problems" role="alert">
          {failure}
        </p>
      ) : null}

      {portfolios.length > 0 ? (
        <table className="data-table">
          <caption className="visually-hidden">Portfolios in this app</caption>
          <thead>
            <tr>
              <th scope="col">Learner</th>
              <th scope="col">Centre</th>
              <th scope="col">Assessor</th>
              <th scope="col">Qualification</th>
              <th scope="col" className="number">
                Evidence
              </th>
              <th scope="col">Last changed</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {portfolios.map((portfolio) => {
              const isCurrent = portfolio.id === currentId;
              return (
                <tr key={portfolio.id} className={isCurrent ? 'is-current' : undefined} aria-current={isCurrent ? 'true' : undefined}>
                  <th scope="row">
                    {portfolio.learner.name}
                    {portfolio.learner.number ? <span className="subtle"> · {portfolio.learner.number}</span> : null}
                    {isCurrent ? <span className="chip">Open</span> : null}
                  </th>
                  <td>
                    {portfolio.centre.name}
                    {portfolio.centre.number ? <span className="subtle"> · {portfolio.centre.number}</span> : null}
                  </td>
                  <td>{portfolio.assessorName ?? <span className="subtle">Not given</span>}</td>
                  <td>{titleOf(portfolio.qualificationId, portfolio.qualificationVersion)}</td>
                  <td className="number">{(counts?.get(portfolio.id) ?? 0).toLocaleString('en-GB')}</td>
                  <td>{formatDate(portfolio.updatedAt)}</td>
                  <td>
                    <button type="button" className={isCurrent ? 'secondary' : undefined} onClick={() => void open(portfolio.id, 'evidence')} aria-label={`Open ${portfolio.learner.name}’s evidence`}>
                      Open evidence
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
