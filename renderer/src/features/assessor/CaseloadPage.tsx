import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { appDb } from '../../db/app-db';
import { loadCaseload, type CaseloadEntry } from '../../db/assessment-repo';
import { ON_TRACK_RULE, localToday } from '../../db/assessment-model';
import { setCurrentPortfolio } from '../../db/portfolios-repo';
import { ROLE_LABELS } from '../../db/keys-repo';
import { routeHref } from '../../lib/use-hash-route';
import { ImportPackage } from '../packages/ImportPackage';
import { UnitProgress } from './IntegrityBadges';
import { errorMessage, useIdentity } from './use-assessment';

/**
 * An assessor's caseload: every learner whose package has been imported, with progress per
 * unit and whether they are on track (the rule is written on the page), and a way in to mark.
 */
export function CaseloadPage({ navigate }: { navigate: (path: string) => void }) {
  const db = appDb();
  const today = localToday();
  const entries = useLiveQuery(() => loadCaseload(db, today), [db, today]);
  const identity = useIdentity();
  const [failure, setFailure] = useState<string | undefined>();

  async function open(portfolioId: string): Promise<void> {
    setFailure(undefined);
    try {
      await setCurrentPortfolio(db, portfolioId);
      navigate(`marking/${portfolioId}`);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }

  const role = identity?.role;
  return (
    <div className="page caseload-page">
      <h1>Caseload</h1>
      <p className="subtle">
        {role ? `You are using the app as: ${ROLE_LABELS[role]}${identity?.profile ? ` (${identity.profile.name})` : ''}. ` : ''}
        <a href={routeHref('settings')}>Change in Settings</a>
      </p>
      {role === 'learner' ? (
        <p className="status warning">The caseload is for assessors and internal quality assurers. As a learner, see your assessor’s decisions on the <a href={routeHref('feedback')}>Feedback</a> page.</p>
      ) : null}
      <p className="on-track-rule">
        <strong>On track</strong> or <strong>off track</strong>: {ON_TRACK_RULE}
      </p>
      {failure ? (
        <p className="problems" role="alert">
          {failure}
        </p>
      ) : null}
      {entries === undefined ? (
        <p aria-busy="true">Loading the caseload…</p>
      ) : entries.length === 0 ? (
        <p>No learners yet. Import a learner’s portfolio package below to start.</p>
      ) : (
        <ul className="caseload-list">
          {entries.map((entry) => (
            <CaseloadCard key={entry.portfolio.id} entry={entry} openLabel={role === 'iqa' ? 'Open to sample' : role === 'assessor' ? 'Open to mark' : 'Open'} onOpen={() => void open(entry.portfolio.id)} />
          ))}
        </ul>
      )}
      <ImportPackage actor={identity?.profile?.name ?? 'Assessor'} />
    </div>
  );
}

function CaseloadCard({ entry, openLabel, onOpen }: { entry: CaseloadEntry; openLabel: string; onOpen: () => void }) {
  const { portfolio, assessment } = entry;
  const headingId = `learner-${portfolio.id}`;
  return (
    <li className="card caseload-card" aria-labelledby={headingId}>
      <div className="caseload-head">
        <div>
          <h2 id={headingId}>
            {portfolio.learner.name}
            {portfolio.learner.number ? <span className="subtle"> ({portfolio.learner.number})</span> : null}
          </h2>
          <p className="subtle">
            {portfolio.centre.name} · {entry.qualificationTitle}
          </p>
        </div>
        {assessment ? (
          <p className={`track ${assessment.isOnTrack ? 'track-on' : 'track-off'}`}>
            {assessment.isOnTrack ? 'On track' : `Off track: ${assessment.reasons.join('; ')}`}
          </p>
        ) : null}
      </div>
      {assessment ? (
        <>
          <p>
            {assessment.needsMarking > 0 ? <strong>{assessment.needsMarking} marking {assessment.needsMarking === 1 ? 'point needs' : 'points need'} your judgement. </strong> : 'Nothing waiting to be marked. '}
            {assessment.openActions} open {assessment.openActions === 1 ? 'action' : 'actions'}
            {assessment.overdueActions > 0 ? `, ${assessment.overdueActions} overdue` : ''}.{' '}
            {assessment.hasLearnerDeclaration ? 'Learner’s declaration signed.' : 'Learner’s declaration not signed yet.'}
          </p>
          <table className="data-table unit-progress-table">
            <caption className="visually-hidden">Progress per unit for {portfolio.learner.name}</caption>
            <thead>
              <tr>
                <th scope="col">Unit</th>
                <th scope="col">Progress</th>
              </tr>
            </thead>
            <tbody>
              {assessment.units.map((unit) => (
                <tr key={unit.id}>
                  <th scope="row">
                    <span className="unit-id">{unit.id}</span> {unit.title}
                  </th>
                  <td>
                    <UnitProgress totals={unit.totals} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="status warning">The qualification this portfolio uses is not in the app, so its progress cannot be shown. Import its specification on the Qualification page.</p>
      )}
      <div className="button-row">
        <button type="button" onClick={onOpen}>
          {openLabel}<span className="visually-hidden">: {portfolio.learner.name}</span>
        </button>
      </div>
    </li>
  );
}
