import { useId, useRef, useState, type DragEvent } from 'react';
import type { Problem } from '../../../../core/problems';
import { MAX_CONVERT_INPUT_BYTES, convertSpecBytes, type ConversionNote, type SourceFormat } from '../../../../core/spec/convert/index';
import type { QualificationSpec } from '../../../../core/spec/types';
import { MAX_SPEC_BYTES, formatMiB, validateSpecBytes } from '../../../../core/spec/validate';
import { ProblemList } from '../../components/ProblemList';
import { appDb } from '../../db/app-db';
import { importSpec } from '../../db/specs-repo';
import { readFileBytes } from '../../lib/read-file';
import { ConversionPreview } from './ConversionPreview';

type ImportState =
  | { kind: 'idle' }
  | { kind: 'working'; fileName: string; what: string }
  | { kind: 'preview'; fileName: string; format: SourceFormat; spec: QualificationSpec; notes: ConversionNote[]; isSaving: boolean }
  | { kind: 'done'; fileName: string; message: string }
  | { kind: 'failed'; fileName: string; problems: Problem[] };

interface Props {
  /** Opens the qualification editor on this specification as a new draft. */
  onEdit: (spec: QualificationSpec) => void;
}

/**
 * Import a qualification by file picker or drag and drop. A `portfolio-qualification/1`
 * file is checked and stored at once, as before. An IMS CASE package, IfATE / Skills England
 * standard, Mahara .matrix or Moodle competency CSV is converted first and shown for checking
 * (units, counts, anything left out and why); it is stored only when the user says so. An
 * invalid file changes nothing and every problem is listed in plain words.
 */
export function SpecImport({ onEdit }: Props) {
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const [isDragging, setIsDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();

  async function store(fileName: string, spec: QualificationSpec): Promise<void> {
    try {
      const outcome = await importSpec(appDb(), spec);
      const what = `“${spec.title}” (version ${spec.version})`;
      const message = outcome.status === 'unchanged' ? `${what} was already in the app, unchanged.` : `${outcome.status === 'replaced' ? 'Updated' : 'Imported'} ${what}.`;
      setState({ kind: 'done', fileName, message: `${message} It is now the qualification in use.` });
    } catch (error) {
      setState({ kind: 'failed', fileName, problems: [{ path: '', message: error instanceof Error ? error.message : String(error) }] });
    }
  }

  async function importFile(file: File): Promise<void> {
    setState({ kind: 'working', fileName: file.name, what: 'Checking' });
    const bytes = await readFileBytes(file, MAX_CONVERT_INPUT_BYTES);
    if (bytes === 'too-large') {
      setState({ kind: 'failed', fileName: file.name, problems: [{ path: '', message: `The file is larger than ${formatMiB(MAX_CONVERT_INPUT_BYTES)}; a framework to convert may be at most that.` }] });
      return;
    }
    // Let the status be drawn before a large file is converted.
    await new Promise((resolve) => window.setTimeout(resolve, 0));
    const converted = convertSpecBytes(bytes, { fileName: file.name });
    if (converted.ok) {
      setState({ kind: 'preview', fileName: file.name, format: converted.format, spec: converted.spec, notes: converted.notes, isSaving: false });
      return;
    }
    if (!converted.isAlreadySpec) {
      setState({ kind: 'failed', fileName: file.name, problems: converted.problems });
      return;
    }
    const result = bytes.byteLength > MAX_SPEC_BYTES
      ? { ok: false as const, problems: [{ path: '', message: 'The file is larger than 5 MiB; a qualification specification may be at most 5 MiB.' }] }
      : validateSpecBytes(bytes);
    if (!result.ok) {
      setState({ kind: 'failed', fileName: file.name, problems: result.problems });
      return;
    }
    await store(file.name, result.spec);
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
          Using another qualification? Drop its specification file here (<code>.json</code>, or an IMS CASE package, IfATE standard, Mahara <code>.matrix</code> or Moodle
          competency <code>.csv</code>), or{' '}
          <button type="button" className="link-button" onClick={() => inputRef.current?.click()}>
            choose a specification file…
          </button>
        </p>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept=".json,.matrix,.csv,application/json,text/csv"
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
        {state.kind === 'working' ? <p className="status">{state.what} {state.fileName}…</p> : null}
        {state.kind === 'done' ? <p className="status success">{state.message}</p> : null}
      </div>
      {state.kind === 'preview' ? (
        <ConversionPreview
          fileName={state.fileName}
          format={state.format}
          spec={state.spec}
          notes={state.notes}
          isWorking={state.isSaving}
          onUse={() => {
            setState({ ...state, isSaving: true });
            void store(state.fileName, state.spec);
          }}
          onEdit={() => {
            const spec = state.spec;
            setState({ kind: 'idle' });
            onEdit(spec);
          }}
          onCancel={() => setState({ kind: 'idle' })}
        />
      ) : null}
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
