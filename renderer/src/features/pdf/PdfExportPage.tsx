import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { ProgressEvent } from '../../../../electron/contract';
import { runChecks, type CheckResult } from '../../../../core/checks/checks';
import { appDb } from '../../db/app-db';
import { loadPortfolioContent } from '../../db/content-repo';
import { getCurrentPortfolio } from '../../db/portfolios-repo';
import { NEEDS_DESKTOP_APP, getBridge } from '../../lib/bridge';
import { formatBytes } from '../../lib/read-file';
import { streamPackage } from '../packages/package-io';
import { ProgressBar } from '../packages/ProgressBar';

type State =
  | { kind: 'idle' }
  | { kind: 'working'; stage: string; done: number; total: number }
  | { kind: 'saved'; path: string; pages?: number; bytes: number; isDraft: boolean }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/**
 * Export the PDF submission pack. The PDF is made in the main process (same code as the
 * CLI) with progress and cancel. If pre-submission checks find errors, they are listed and
 * only a draft, watermarked DRAFT on every page, is offered.
 */
export function PdfExportPage() {
  const db = appDb();
  const bridge = getBridge();
  const loaded = useLiveQuery(async () => {
    const portfolio = await getCurrentPortfolio(db);
    return portfolio ? ((await loadPortfolioContent(db, portfolio.id)) ?? null) : null;
  }, [db]);
  const results: CheckResult[] = useMemo(() => (loaded ? runChecks(loaded.content, loaded.contentHashes) : []), [loaded]);
  const errors = results.filter((result) => result.severity === 'error');
  const warnings = results.filter((result) => result.severity === 'warning');
  const [state, setState] = useState<State>({ kind: 'idle' });

  useEffect(() => {
    if (!bridge) return undefined;
    return bridge.onProgress((event: ProgressEvent) => {
      if (event.task === 'pdf-export') setState({ kind: 'working', stage: event.stage, done: event.done, total: event.total });
    });
  }, [bridge]);

  if (loaded === undefined) return <p aria-busy="true">Loading…</p>;
  if (loaded === null) return <div className="page"><h1>PDF submission</h1><p>There is no portfolio yet. Start one, or open a package, first.</p></div>;
  const { portfolio } = loaded.content;

  async function exportPdf(isDraft: boolean): Promise<void> {
    if (!bridge) return;
    setState({ kind: 'working', stage: 'Handing the portfolio over', done: 0, total: 1 });
    try {
      const { saveId } = await bridge.beginPdfUpload();
      await streamPackage(db, bridge, portfolio.id, saveId, (done, total) => setState({ kind: 'working', stage: 'Handing the portfolio over', done, total }));
      const suggestedName = `${portfolio.learner.name} submission${isDraft ? ' (DRAFT)' : ''}`;
      const result = await bridge.exportPdf({ uploadId: saveId, suggestedName, isDraft });
      if (result.status === 'saved') setState({ kind: 'saved', path: result.path, ...(result.pages ? { pages: result.pages } : {}), bytes: result.bytes, isDraft });
      else if (result.status === 'cancelled') setState({ kind: 'cancelled' });
      else setState({ kind: 'failed', message: result.message });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }

  const isWorking = state.kind === 'working';
  return (
    <div className="page">
      <h1>PDF submission</h1>
      <p>
        One PDF with everything the awarding body needs for {portfolio.learner.name}: cover and declarations, the coverage gap matrix, evidence location sheet, witness list, unit summaries with assessor decisions, every evidence item with its pictures, and the integrity manifest.
      </p>
      {errors.length > 0 ? (
        <section className="problems" aria-labelledby="pdf-errors">
          <h2 id="pdf-errors">Not ready to submit: {errors.length} {errors.length === 1 ? 'problem needs' : 'problems need'} fixing</h2>
          <ul>
            {errors.map((result, index) => (
              <li key={`${result.rule}-${result.ref}-${index}`}>{result.message}</li>
            ))}
          </ul>
          {errors.some((result) => result.rule === 'learner-declaration-missing') ? (
            <p>
              Sign your declaration of authenticity on the <a href="#/feedback">Feedback page</a>.
            </p>
          ) : null}
          <p>
            A final submission cannot be made until {errors.length === 1 ? 'it is' : 'they are'} fixed: an awarding body must never receive a pack that fails its checks.
            See the <a href="#/readiness">Readiness page</a> for how to fix each one. You can still make a draft to review or share: every page will be marked DRAFT.
          </p>
        </section>
      ) : (
        <p className="status success">The pre-submission checks found no errors{warnings.length > 0 ? ` (${warnings.length} warning${warnings.length === 1 ? '' : 's'} to consider on the Readiness page)` : ''}.</p>
      )}
      {bridge ? (
        <div className="button-row">
          {errors.length === 0 ? (
            <button type="button" onClick={() => void exportPdf(false)} disabled={isWorking}>Export the PDF submission…</button>
          ) : null}
          <button type="button" className={errors.length === 0 ? 'secondary' : ''} onClick={() => void exportPdf(true)} disabled={isWorking}>
            Export a draft (marked DRAFT)…
          </button>
          {isWorking ? (
            <button type="button" className="secondary" onClick={() => void bridge.cancelPdfExport()}>Cancel</button>
          ) : null}
        </div>
      ) : (
        <p className="status warning">{NEEDS_DESKTOP_APP}</p>
      )}
      <div aria-live="polite">
        {state.kind === 'working' ? <ProgressBar label={state.stage} done={state.done} total={state.total} /> : null}
        {state.kind === 'saved' ? (
          <p className="status success">
            Saved the {state.isDraft ? 'draft ' : ''}PDF{state.pages ? ` (${state.pages} pages, ${formatBytes(state.bytes)})` : ''} to <code>{state.path}</code>.
          </p>
        ) : null}
        {state.kind === 'cancelled' ? <p className="status">The PDF was not made: you cancelled. No file was left behind.</p> : null}
      </div>
      {state.kind === 'failed' ? <p className="problems" role="alert" style={{ whiteSpace: 'pre-line' }}>The PDF could not be made: {state.message}</p> : null}
    </div>
  );
}
