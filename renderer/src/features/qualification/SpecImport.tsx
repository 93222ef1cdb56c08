import { useId, useRef, useState, type DragEvent } from 'react';
import type { Problem } from '../../../../core/problems';
import { ProblemList } from '../../components/ProblemList';
import { MAX_SPEC_BYTES, validateSpecBytes } from '../../../../core/spec/validate';
import { appDb } from '../../db/app-db';
import { importSpec } from '../../db/specs-repo';
import { readFileBytes } from '../../lib/read-file';

type ImportState =
  | { kind: 'idle' }
  | { kind: 'working'; fileName: string }
  | { kind: 'done'; fileName: string; message: string }
  | { kind: 'failed'; fileName: string; problems: Problem[] };

/**
 * Import a qualification specification by file picker or drag and drop. A valid file is
 * stored and becomes the one in use; an invalid one changes nothing and every problem is
 * listed in plain words.
 */
export function SpecImport() {
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const [isDragging, setIsDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();

  async function importFile(file: File): Promise<void> {
    setState({ kind: 'working', fileName: file.name });
    const bytes = await readFileBytes(file, MAX_SPEC_BYTES);
    const result = bytes === 'too-large'
      ? { ok: false as const, problems: [{ path: '', message: 'The file is larger than 5 MiB; a qualification specification may be at most 5 MiB.' }] }
      : validateSpecBytes(bytes);
    if (!result.ok) {
      setState({ kind: 'failed', fileName: file.name, problems: result.problems });
      return;
    }
    try {
      const outcome = await importSpec(appDb(), result.spec);
      const verb = outcome.status === 'replaced' ? 'Updated' : 'Imported';
      setState({ kind: 'done', fileName: file.name, message: `${verb} “${result.spec.title}” (version ${result.spec.version}). It is now the qualification in use.` });
    } catch (error) {
      setState({ kind: 'failed', fileName: file.name, problems: [{ path: '', message: error instanceof Error ? error.message : String(error) }] });
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>): void {
    event.preventDefault();
    setIsDragging(false);
    const files = [...event.dataTransfer.files];
    const file = files[0];
    if (!file) return;
    if (files.length > 1) {
      setState({ kind: 'failed', fileName: file.name, problems: [{ path: '', message: 'Drop one specification file at a time.' }] });
      return;
    }
    void importFile(file);
  }

  return (
    <section className="spec-import" aria-labelledby={`${inputId}-heading`}>
      <h2 id={`${inputId}-heading`} className="visually-hidden">Import a qualification specification</h2>
      <div
        className={`drop-zone${isDragging ? ' is-dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setIsDragging(true);
        }}
        onDragLeave={() => setIsDragging(false)}
        onDrop={onDrop}
        data-testid="spec-drop-zone"
      >
        <p>
          Using another qualification? Drop its specification file (<code>.json</code>) here, or{' '}
          <button type="button" className="link-button" onClick={() => inputRef.current?.click()}>
            choose a specification file…
          </button>
        </p>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          aria-label="Specification file"
          tabIndex={-1}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void importFile(file);
          }}
        />
      </div>
      <div aria-live="polite">
        {state.kind === 'working' ? <p className="status">Checking {state.fileName}…</p> : null}
        {state.kind === 'done' ? <p className="status success">{state.message}</p> : null}
      </div>
      {state.kind === 'failed' ? (
        <div className="problems" role="alert">
          <h3>
            {state.fileName} was not imported: {state.problems.length === 1 ? 'there is a problem' : `there are ${state.problems.length} problems`}. Nothing has been changed.
          </h3>
          <ProblemList problems={state.problems} />
          <button type="button" onClick={() => setState({ kind: 'idle' })}>
            Dismiss
          </button>
        </div>
      ) : null}
    </section>
  );
}
