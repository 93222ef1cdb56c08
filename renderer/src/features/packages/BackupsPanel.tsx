import { useCallback, useEffect, useState } from 'react';
import type { BackupInfo } from '../../../../electron/contract';
import type { Problem } from '../../../../core/problems';
import { ProblemList } from '../../components/ProblemList';
import { readPackage } from '../../../../core/package/reader';
import { appDb } from '../../db/app-db';
import { applyImport } from '../../db/package-repo';
import { setCurrentPortfolio } from '../../db/portfolios-repo';
import { NEEDS_DESKTOP_APP, getBridge } from '../../lib/bridge';
import { formatBytes } from '../../lib/read-file';
import { backUpChangedPortfolios, backUpPortfolio } from './backup-scheduler';
import { backupByteSource } from './package-io';
import { ProgressBar } from './ProgressBar';

const REASON_WORDS: Record<BackupInfo['reason'], string> = {
  interval: 'automatic',
  quit: 'when the app closed',
  'before-restore': 'before a restore',
  'before-import': 'before an import replaced it',
  manual: 'made by you',
};

type State = { kind: 'idle' } | { kind: 'working'; label: string; done: number; total: number } | { kind: 'done'; message: string } | { kind: 'failed'; problems: Problem[] };

/** Rolling backups: list them, make one now, and restore one (saving the current state first). */
export function BackupsPanel({ actor }: { actor: string }) {
  const bridge = getBridge();
  const [backups, setBackups] = useState<BackupInfo[] | undefined>();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [confirming, setConfirming] = useState<BackupInfo | undefined>();

  const refresh = useCallback(async () => {
    if (bridge) setBackups(await bridge.listBackups());
  }, [bridge]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (!bridge) {
    return (
      <section aria-labelledby="backups-heading" className="card">
        <h2 id="backups-heading">Backups</h2>
        <p className="status warning">{NEEDS_DESKTOP_APP}</p>
      </section>
    );
  }

  async function backUpNow(): Promise<void> {
    if (!bridge) return;
    setState({ kind: 'working', label: 'Backing up changed portfolios', done: 0, total: 1 });
    try {
      const portfolios = await appDb().portfolios.toArray();
      for (const portfolio of portfolios) await backUpPortfolio(appDb(), bridge, portfolio.id, 'manual');
      setState({ kind: 'done', message: `Backed up ${portfolios.length} portfolio${portfolios.length === 1 ? '' : 's'}.` });
    } catch (error) {
      setState({ kind: 'failed', problems: [{ path: '', message: error instanceof Error ? error.message : String(error) }] });
    }
    await refresh();
  }

  async function restore(backup: BackupInfo): Promise<void> {
    if (!bridge) return;
    setConfirming(undefined);
    setState({ kind: 'working', label: 'Saving the current state first', done: 0, total: 1 });
    try {
      // The current state is saved before anything is replaced, so a restore can itself be undone.
      if (await appDb().portfolios.get(backup.portfolioId)) await backUpPortfolio(appDb(), bridge, backup.portfolioId, 'before-restore');
      else await backUpChangedPortfolios(appDb(), bridge, 'before-restore');
      const { size } = await bridge.openBackup(backup.id);
      const result = await readPackage(backupByteSource(bridge, backup.id, size), { onProgress: (done, total) => setState({ kind: 'working', label: 'Checking the backup', done, total }) });
      if (!result.ok) {
        setState({ kind: 'failed', problems: result.problems });
        return;
      }
      const mode = (await appDb().portfolios.get(result.manifest.portfolio.id)) ? 'replace' : 'add';
      const portfolio = await applyImport(appDb(), result.manifest, result.readAttachment, mode, actor, (done, total) => setState({ kind: 'working', label: 'Restoring', done, total }), 'backup');
      await setCurrentPortfolio(appDb(), portfolio.id);
      setState({ kind: 'done', message: `Restored ${portfolio.learner.name}’s portfolio as it was on ${new Date(backup.createdAt).toLocaleString('en-GB')}. The state before the restore was backed up too.` });
    } catch (error) {
      setState({ kind: 'failed', problems: [{ path: '', message: `Nothing was restored: ${error instanceof Error ? error.message : String(error)}` }] });
    }
    await refresh();
  }

  return (
    <section aria-labelledby="backups-heading" className="card">
      <h2 id="backups-heading">Backups</h2>
      <p>The app backs up every changed portfolio every 10 minutes and when it closes: several from today and one a day for a week (at most 10 each).</p>
      <button type="button" className="secondary" onClick={() => void backUpNow()} disabled={state.kind === 'working'}>Back up now</button>
      <div aria-live="polite">
        {state.kind === 'working' ? <ProgressBar label={state.label} done={state.done} total={state.total} /> : null}
        {state.kind === 'done' ? <p className="status success">{state.message}</p> : null}
      </div>
      {state.kind === 'failed' ? (
        <div className="problems" role="alert">
          <ProblemList problems={state.problems} />
        </div>
      ) : null}
      {backups === undefined ? <p aria-busy="true">Loading backups…</p> : backups.length === 0 ? <p>No backups yet.</p> : (
        <table className="data-table">
          <caption className="visually-hidden">Backups, newest first</caption>
          <thead>
            <tr><th scope="col">Learner</th><th scope="col">When</th><th scope="col">Why</th><th scope="col">Size</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {backups.map((backup) => (
              <tr key={backup.id}>
                <td>{backup.learnerName}</td>
                <td>{new Date(backup.createdAt).toLocaleString('en-GB')}</td>
                <td>{REASON_WORDS[backup.reason]}</td>
                <td>{formatBytes(backup.bytes)}</td>
                <td>
                  <button type="button" className="secondary" onClick={() => setConfirming(backup)} disabled={state.kind === 'working'}>
                    Restore<span className="visually-hidden"> {backup.learnerName} from {new Date(backup.createdAt).toLocaleString('en-GB')}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming ? (
        <div role="alertdialog" aria-modal="false" aria-labelledby="restore-confirm" className="confirm">
          <p id="restore-confirm">
            Restore {confirming.learnerName}’s portfolio as it was on {new Date(confirming.createdAt).toLocaleString('en-GB')}? The portfolio as it is now will be backed up first, so you can go back.
          </p>
          <div className="button-row">
            <button type="button" onClick={() => void restore(confirming)}>Restore this backup</button>
            <button type="button" className="secondary" onClick={() => setConfirming(undefined)}>Cancel</button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
