import { useState, type DragEvent, type ReactNode } from 'react';
import type { Problem } from '../../../../core/problems';
import { ProblemList } from '../../components/ProblemList';
import type { PackageManifest } from '../../../../core/package/manifest';
import { readPackage } from '../../../../core/package/reader';
import { appDb } from '../../db/app-db';
import { ImportRefusedError, applyImport, previewImport, type ImportMode, type ImportPreview } from '../../db/package-repo';
import { setCurrentPortfolio } from '../../db/portfolios-repo';
import { formatBytes } from '../../lib/read-file';
import { getBridge } from '../../lib/bridge';
import { backUpPortfolio } from './backup-scheduler';
import { blobByteSource } from './package-io';
import { ProgressBar } from './ProgressBar';
import { ReturnFlowButton } from '../assessor/ReturnImport';

type State =
  | { kind: 'idle' }
  | { kind: 'checking'; fileName: string; done: number; total: number }
  | { kind: 'preview'; fileName: string; manifest: PackageManifest; preview: ImportPreview; readAttachment: (sha256: string) => Promise<Uint8Array> }
  | { kind: 'importing'; fileName: string; done: number; total: number }
  | { kind: 'done'; message: string }
  | { kind: 'failed'; fileName: string; problems: Problem[] };

/** Open a `.portfolio` package: check it, show what it holds, then import it all-or-nothing. */
export function ImportPackage({ actor }: { actor: string }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [isDragging, setIsDragging] = useState(false);

  async function check(file: File): Promise<void> {
    setState({ kind: 'checking', fileName: file.name, done: 0, total: file.size });
    const result = await readPackage(blobByteSource(file), { onProgress: (done, total) => setState({ kind: 'checking', fileName: file.name, done, total }) });
    if (!result.ok) {
      setState({ kind: 'failed', fileName: file.name, problems: result.problems });
      return;
    }
    const preview = await previewImport(appDb(), result.manifest);
    setState({ kind: 'preview', fileName: file.name, manifest: result.manifest, preview, readAttachment: result.readAttachment });
  }

  async function confirm(mode: ImportMode): Promise<void> {
    if (state.kind !== 'preview') return;
    const { fileName, manifest, readAttachment } = state;
    setState({ kind: 'importing', fileName, done: 0, total: 1 });
    try {
      const bridge = getBridge();
      if (mode === 'replace' && bridge) {
        // Never hurt existing data: the portfolio being replaced is backed up first.
        await backUpPortfolio(appDb(), bridge, manifest.portfolio.id, 'before-import');
      }
      const portfolio = await applyImport(appDb(), manifest, readAttachment, mode, actor, (done, total) => setState({ kind: 'importing', fileName, done, total }));
      await setCurrentPortfolio(appDb(), portfolio.id);
      const how = mode === 'replace' ? 'replaced the one in the app' : mode === 'keep-both' ? 'added as a separate copy' : 'added';
      setState({ kind: 'done', message: `Imported ${portfolio.learner.name}’s portfolio (${manifest.evidence.length} evidence items): ${how}. It is now the portfolio you are working on.` });
    } catch (error) {
      const problems = error instanceof ImportRefusedError ? error.problems : [{ path: '', message: `Nothing was imported: ${error instanceof Error ? error.message : String(error)}` }];
      setState({ kind: 'failed', fileName, problems });
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>): void {
    event.preventDefault();
    setIsDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void check(file);
  }

  return (
    <section aria-labelledby="import-heading" className="card">
      <h2 id="import-heading">Open a portfolio package</h2>
      <p>Import a <code>.portfolio</code> file from a learner, an assessor or a backup. It is checked completely before anything is changed.</p>
      <div
        className={`drop-zone${isDragging ? ' is-dragging' : ''}`}
        data-testid="package-drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setIsDragging(true);
        }}
        onDragLeave={() => setIsDragging(false)}
        onDrop={onDrop}
      >
        <label className="file-button">
          Choose a package file…
          <input
            type="file"
            accept=".portfolio,application/zip"
            className="visually-hidden"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void check(file);
            }}
          />
        </label>{' '}
        or drop it here.
      </div>
      <div aria-live="polite">
        {state.kind === 'checking' ? <ProgressBar label={`Checking ${state.fileName}`} done={state.done} total={state.total} /> : null}
        {state.kind === 'importing' ? <ProgressBar label={`Importing ${state.fileName}`} done={state.done} total={state.total} /> : null}
        {state.kind === 'done' ? <p className="status success">{state.message}</p> : null}
      </div>
      {state.kind === 'preview' ? (
        <Preview
          state={state}
          onChoose={(mode) => void confirm(mode)}
          onCancel={() => setState({ kind: 'idle' })}
          merge={<ReturnFlowButton manifest={state.manifest} readAttachment={state.readAttachment} onDone={(outcome) => setState(outcome.ok ? { kind: 'done', message: outcome.message } : { kind: 'failed', fileName: state.fileName, problems: outcome.problems })} />}
        />
      ) : null}
      {state.kind === 'failed' ? (
        <div className="problems" role="alert">
          <h3>{state.fileName} was not imported. Nothing has been changed.</h3>
          <ProblemList problems={state.problems} />
          <button type="button" onClick={() => setState({ kind: 'idle' })}>Dismiss</button>
        </div>
      ) : null}
    </section>
  );
}

function Preview({ state, onChoose, onCancel, merge }: { state: Extract<State, { kind: 'preview' }>; onChoose: (mode: ImportMode) => void; onCancel: () => void; merge?: ReactNode }) {
  const { preview } = state;
  const size = state.manifest.attachments.reduce((sum, attachment) => sum + attachment.size, 0);
  return (
    <div className="preview" role="region" aria-label="What the package holds">
      <h3>{state.fileName} is ready to import</h3>
      <dl className="facts">
        <dt>Learner</dt>
        <dd>{preview.learnerName}{preview.learnerNumber ? ` (${preview.learnerNumber})` : ''}</dd>
        <dt>Centre</dt>
        <dd>{preview.centreName}</dd>
        <dt>Qualification</dt>
        <dd>{preview.qualificationTitle} (version {preview.qualificationVersion})</dd>
        <dt>Contents</dt>
        <dd>
          {preview.counts.evidence} evidence items, {preview.counts.attachments} attachments ({formatBytes(size)}), {preview.counts.mappings} mappings, {preview.counts.decisions} assessor decisions, {preview.counts.signOffs} unit sign-offs
        </dd>
      </dl>
      {preview.existing ? (
        <>
          <p className="status warning">
            This portfolio is already in the app (last changed {new Date(preview.existing.updatedAt).toLocaleString('en-GB')}). Choose what to do:
          </p>
          <div className="button-row">
            {merge}
            <button type="button" onClick={() => onChoose('replace')}>Replace the one in the app</button>
            <button type="button" className="secondary" onClick={() => onChoose('keep-both')}>Keep both (import as a copy)</button>
            <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
          </div>
          <p className="subtle">Replacing keeps a backup of the current one first (in the desktop app). A copy leaves out assessor decisions, because their signatures belong to the original portfolio.</p>
        </>
      ) : (
        <div className="button-row">
          <button type="button" onClick={() => onChoose('add')}>Import</button>
          <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
        </div>
      )}
    </div>
  );
}
