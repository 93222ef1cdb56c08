import { useState } from 'react';
import type { Portfolio } from '../../../../core/model/portfolio';
import { appDb } from '../../db/app-db';
import { markSent } from '../../db/trust-repo';
import { NEEDS_DESKTOP_APP, getBridge } from '../../lib/bridge';
import { formatBytes } from '../../lib/read-file';
import { streamPackage } from './package-io';
import { ProgressBar } from './ProgressBar';

type State = { kind: 'idle' } | { kind: 'saving'; done: number; total: number } | { kind: 'saved'; path: string; bytes: number } | { kind: 'cancelled' } | { kind: 'failed'; message: string };

/** Save the current portfolio as a `.portfolio` package: for an assessor, a learner, or safe keeping. */
export function ExportPackage({ portfolio }: { portfolio: Portfolio }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const bridge = getBridge();

  async function exportNow(): Promise<void> {
    if (!bridge) return;
    try {
      const begin = await bridge.beginSave({ suggestedName: `${portfolio.learner.name} portfolio`, kind: 'portfolio' });
      if (begin.status === 'cancelled') {
        setState({ kind: 'cancelled' });
        return;
      }
      setState({ kind: 'saving', done: 0, total: 1 });
      const saved = await streamPackage(appDb(), bridge, portfolio.id, begin.saveId, (done, total) => setState({ kind: 'saving', done, total }));
      // What was given out can never be taken back: every later package brought in must hold it.
      await markSent(appDb(), portfolio.id, saved.signed);
      setState({ kind: 'saved', path: saved.path, bytes: saved.bytes });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <section aria-labelledby="export-heading" className="card">
      <h2 id="export-heading">Save this portfolio as a package</h2>
      <p>
        A <code>.portfolio</code> file holds all of {portfolio.learner.name}’s portfolio — evidence, attachments, mappings and assessor decisions — to send to an assessor or learner, or to keep safe.
      </p>
      {bridge ? (
        <button type="button" onClick={() => void exportNow()} disabled={state.kind === 'saving'}>
          Save as a package…
        </button>
      ) : (
        <p className="status warning">{NEEDS_DESKTOP_APP}</p>
      )}
      <div aria-live="polite">
        {state.kind === 'saving' ? <ProgressBar label="Saving the package" done={state.done} total={state.total} /> : null}
        {state.kind === 'saved' ? <p className="status success">Saved {formatBytes(state.bytes)} to <code>{state.path}</code>.</p> : null}
        {state.kind === 'cancelled' ? <p className="status">Not saved: you cancelled.</p> : null}
      </div>
      {state.kind === 'failed' ? <p className="problems" role="alert">The package was not saved: {state.message} Any part-written file has been removed.</p> : null}
    </section>
  );
}
