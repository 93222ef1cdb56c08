import { useLiveQuery } from 'dexie-react-hooks';
import { appDb } from '../../db/app-db';
import { getCurrentPortfolio } from '../../db/portfolios-repo';
import { BackupsPanel } from './BackupsPanel';
import { ExportPackage } from './ExportPackage';
import { ImportPackage } from './ImportPackage';

/** Packages and backups: how a portfolio moves between learner and assessor, and is kept safe. */
export function PackagesPage() {
  const db = appDb();
  const current = useLiveQuery(() => getCurrentPortfolio(db).then((portfolio) => portfolio ?? null), [db]);
  const actor = current?.learner.name ?? 'You';
  return (
    <div className="page">
      <h1>Share and back up</h1>
      {current === undefined ? <p aria-busy="true">Loading…</p> : current === null ? (
        <section className="card"><h2>Save a portfolio as a package</h2><p>There is no portfolio yet. Start one, or open a package below.</p></section>
      ) : (
        <ExportPackage portfolio={current} />
      )}
      <ImportPackage actor={actor} />
      <BackupsPanel actor={actor} />
    </div>
  );
}
