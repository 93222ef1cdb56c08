import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Problem } from '../../../../core/problems';
import { blankSpec, blankUnit, describeDraftPointer, insertIn, moveIn, nextVersion, removeIn, setIn, specFromDraft } from '../../../../core/spec/draft';
import type { QualificationSpec } from '../../../../core/spec/types';
import { specText } from '../../../../core/spec/convert/index';
import { validateSpecValue } from '../../../../core/spec/validate';
import { focusField, fieldId, type FieldMessage } from '../../components/Field';
import { SaveStatus } from '../../components/SaveStatus';
import { appDb } from '../../db/app-db';
import { getSpec, importSpec, listSpecs, portfoliosUsingSpec, specKey } from '../../db/specs-repo';
import { saveFile } from '../../lib/save-file';
import { DraftText, draftField } from './DraftFields';
import { EditorUnit } from './EditorUnit';
import { useSpecDraft, type SpecDraftApi } from './use-spec-draft';

interface Props {
  /** Route segments after "qualification-editor": ["edit", key] starts a draft from a stored spec; ["new"] a blank one. */
  rest: string[];
  navigate: (path: string) => void;
}

/** Problems drawn in the summary; the count says how many more. */
const SHOWN_PROBLEMS = 100;

/**
 * Writing a qualification by hand, for specifications that exist only as PDFs, or adjusting
 * an imported one: units, learning outcomes, marking points and guidance, with each unit's
 * criteria pasted from the PDF and split for review. The draft is kept as it is typed and
 * survives a reload. Saving stores it as a qualification (a new version if portfolios use the
 * one it was based on); exporting writes `portfolio-qualification/1` JSON.
 */
export function QualificationEditorPage({ rest, navigate }: Props) {
  const api = useSpecDraft();
  const [intent] = useState(() => ({ action: rest[0], key: rest[1] ? decodeURIComponent(rest[1]) : undefined }));
  const [startNote, setStartNote] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState<{ title: string; version: string; isUnchanged: boolean } | undefined>(undefined);
  const handled = useRef(false);

  // A route that asks for a new draft starts it, unless a draft is open already (which is never thrown away unasked).
  useEffect(() => {
    if (api.draft === undefined || handled.current) return;
    handled.current = true;
    if (intent.action !== 'new' && intent.action !== 'edit') return;
    navigate('qualification-editor');
    if (api.draft !== null) {
      setStartNote(`You already have a draft of “${api.draft.spec.title || 'a new qualification'}”. Save or discard it before starting another.`);
      return;
    }
    if (intent.action === 'new') void api.start(blankSpec());
    else if (intent.key) void startFromStored(api, intent.key);
  }, [api, intent, navigate]);

  if (api.draft === undefined) return <p aria-busy="true">Loading the qualification editor…</p>;
  if (api.draft === null) return <StartScreen api={api} saved={saved} navigate={navigate} />;
  return <DraftEditor api={api} draft={api.draft} startNote={startNote} onSaved={setSaved} />;
}

/** A copy of a stored spec to edit; if portfolios use it, the copy already has the next free version. */
async function startFromStored(api: SpecDraftApi, key: string): Promise<void> {
  const db = appDb();
  const stored = await getSpec(db, key);
  if (!stored) return;
  const spec = structuredClone(stored.spec);
  const isUsed = stored.source === 'builtin' || (await portfoliosUsingSpec(db, stored.spec)) > 0;
  if (isUsed) {
    const taken = new Set((await listSpecs(db)).filter((candidate) => candidate.id === stored.id).map((candidate) => candidate.version));
    spec.version = nextVersion(stored.version, taken);
  }
  await api.start(spec, { key: stored.key, title: stored.title, version: stored.version });
}

function StartScreen({ api, saved, navigate }: { api: SpecDraftApi; saved: { title: string; version: string; isUnchanged: boolean } | undefined; navigate: (path: string) => void }) {
  const db = appDb();
  const specs = useLiveQuery(() => listSpecs(db), [db]);
  const [chosen, setChosen] = useState<string>('');
  const key = chosen || specs?.[0]?.key || '';
  return (
    <div className="page qualification-editor">
      <h1>Qualification editor</h1>
      {saved ? (
        <div className="status success" role="status">
          <p>
            {saved.isUnchanged ? 'Nothing had changed:' : 'Saved'} “{saved.title}” version {saved.version}. It is now the qualification in use.
          </p>
          <button type="button" onClick={() => navigate('qualification')}>
            View the qualification
          </button>
        </div>
      ) : null}
      <p>Write a qualification whose specification exists only as a PDF, or change one the app already has. What you type is kept as a draft until you save it, even if the app is closed.</p>
      <section className="card" aria-labelledby="editor-new">
        <h2 id="editor-new">Start a new qualification</h2>
        <p>Begin with one empty unit, then type or paste each unit’s outcomes and criteria.</p>
        <button type="button" onClick={() => void api.start(blankSpec())}>
          Start a new qualification
        </button>
      </section>
      <section className="card" aria-labelledby="editor-copy">
        <h2 id="editor-copy">Change a qualification the app has</h2>
        <p>You edit a copy. If portfolios use the qualification, the copy becomes a new version, and those portfolios keep the version they were built against.</p>
        <div className="field">
          <label htmlFor="editor-copy-choice">Qualification</label>
          <select id="editor-copy-choice" value={key} onChange={(event) => setChosen(event.target.value)}>
            {(specs ?? []).map((stored) => (
              <option key={stored.key} value={stored.key}>
                {stored.title} ({stored.version})
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="secondary" disabled={!key} onClick={() => void startFromStored(api, key)}>
          Edit a copy
        </button>
      </section>
    </div>
  );
}

type Outcome = { kind: 'none' } | { kind: 'exported'; message: string } | { kind: 'failed'; message: string };

interface DraftEditorProps {
  api: SpecDraftApi;
  draft: NonNullable<SpecDraftApi['draft']>;
  startNote: string | undefined;
  onSaved: (saved: { title: string; version: string; isUnchanged: boolean }) => void;
}

function DraftEditor({ api, draft, startNote, onSaved }: DraftEditorProps) {
  const db = appDb();
  const spec = draft.spec;
  const [unitIndex, setUnitIndex] = useState(0);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [isConfirmingDiscard, setIsConfirmingDiscard] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const selected = Math.min(unitIndex, spec.units.length - 1);
  const unit = spec.units[selected];
  const basedOn = draft.basedOn;
  const usage = useLiveQuery(async () => {
    const stored = basedOn ? await getSpec(db, basedOn.key) : undefined;
    return stored ? { stored, using: await portfoliosUsingSpec(db, stored) } : undefined;
  }, [db, basedOn]);
  const existing = useLiveQuery(() => getSpec(db, specKey(spec)), [db, spec.id, spec.version]);

  const validation = useMemo(() => validateSpecValue(specFromDraft(spec)), [spec]);
  const problems: Problem[] = useMemo(() => (validation.ok ? [] : validation.problems), [validation]);
  const byPointer = useMemo(() => {
    const map = new Map<string, FieldMessage[]>();
    for (const problem of problems) {
      // Entries of the one-per-line lists are shown at their list.
      const pointer = problem.path.replace(/(\/guidance\/(?:tips|misconceptions))\/\d+$/, '$1');
      map.set(pointer, [...(map.get(pointer) ?? []), { message: problem.message, severity: 'error' }]);
    }
    return map;
  }, [problems]);
  const messagesAt = (pointer: string): FieldMessage[] => byPointer.get(pointer) ?? [];

  // Saving over the version it came from would change portfolios built on it: a new version is needed.
  const isSameVersionAsUsed = usage !== undefined && spec.id === usage.stored.id && spec.version === usage.stored.version && (usage.using > 0 || usage.stored.source === 'builtin');

  const goTo = (pointer: string): void => {
    const unitMatch = /^\/units\/(\d+)/.exec(pointer);
    if (unitMatch) setUnitIndex(Number(unitMatch[1]));
    // After the unit is drawn.
    window.requestAnimationFrame(() => focusField(fieldId(draftField(pointer.replace(/(\/guidance\/(?:tips|misconceptions))\/\d+$/, '$1')))));
  };

  const save = async (): Promise<void> => {
    if (!validation.ok) {
      setOutcome({ kind: 'failed', message: `Fix the ${problems.length === 1 ? 'problem' : `${problems.length} problems`} listed below first.` });
      return;
    }
    if (isSameVersionAsUsed) {
      setOutcome({ kind: 'failed', message: `Give this a new version: portfolios use version ${basedOn?.version}, and it must not change under them.` });
      return;
    }
    setIsBusy(true);
    try {
      const result = await importSpec(db, validation.spec, new Date(), 'authored');
      onSaved({ title: validation.spec.title, version: validation.spec.version, isUnchanged: result.status === 'unchanged' });
      await api.discard();
    } catch (error) {
      setOutcome({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setIsBusy(false);
    }
  };

  const exportJson = async (): Promise<void> => {
    if (!validation.ok) {
      setOutcome({ kind: 'failed', message: `Fix the ${problems.length === 1 ? 'problem' : `${problems.length} problems`} listed below before exporting.` });
      return;
    }
    setIsBusy(true);
    try {
      const text = `${specText(validation.spec)}\n`;
      const result = await saveFile(new Blob([text], { type: 'application/json' }), { suggestedName: `${validation.spec.id}-${validation.spec.version}.json`, kind: 'qualification' });
      setOutcome(result.status === 'cancelled' ? { kind: 'none' } : { kind: 'exported', message: result.status === 'saved' ? `Exported to ${result.path}.` : 'Exported: your browser saves it with your downloads.' });
    } catch (error) {
      setOutcome({ kind: 'failed', message: `The file could not be written: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setIsBusy(false);
    }
  };

  const set = (field: keyof QualificationSpec, value: string): void => api.update((current) => setIn(current, [field], value));
  const top = (field: string): FieldMessage[] => messagesAt(`/${field}`);

  return (
    <div className="page qualification-editor">
      <div className="page-head">
        <div>
          <h1>Qualification editor</h1>
          <p className="subtle">
            Draft{basedOn ? ` based on “${basedOn.title}” version ${basedOn.version}` : ' of a new qualification'} · started {new Date(draft.startedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}
          </p>
        </div>
        <SaveStatus state={api.saveState} />
      </div>
      {startNote ? <p className="status warning">{startNote}</p> : null}
      {basedOn && usage && usage.using > 0 ? (
        <p className="status warning">
          {usage.using === 1 ? '1 portfolio uses' : `${usage.using} portfolios use`} version {basedOn.version}. They keep it: saving this makes a new version{spec.version !== basedOn.version ? ` (${spec.version})` : ''}, and nothing changes for them.
        </p>
      ) : null}

      <section className="card" aria-labelledby="editor-about">
        <h2 id="editor-about">About the qualification</h2>
        <div className="form-grid">
          <DraftText pointer="/title" label="Title" value={spec.title} onChange={(value) => set('title', value)} messages={top('title')} />
          <DraftText pointer="/awardingBody" label="Awarding body" value={spec.awardingBody} onChange={(value) => set('awardingBody', value)} messages={top('awardingBody')} />
          <DraftText pointer="/qualificationNumber" label="Qualification number (optional)" hint="Such as 603/1234/5 or ST0116." value={spec.qualificationNumber} onChange={(value) => set('qualificationNumber', value)} messages={top('qualificationNumber')} />
          <DraftText pointer="/level" label="Level (optional)" isShort value={spec.level} onChange={(value) => set('level', value)} messages={top('level')} />
          <DraftText pointer="/id" label="Id" hint="Such as retail-l2: lower case, digits, hyphens." value={spec.id} onChange={(value) => set('id', value)} messages={top('id')} />
          <DraftText
            pointer="/version"
            label="Version"
            isShort
            value={spec.version}
            onChange={(value) => set('version', value)}
            messages={[...top('version'), ...(isSameVersionAsUsed ? [{ message: `Portfolios use version ${basedOn?.version}; give this one a new version.`, severity: 'error' as const }] : [])]}
          />
        </div>
        {existing && !basedOn ? <p className="status warning">The app already has version {spec.version} of “{existing.title}” ({spec.id}). Saving replaces it, unless portfolios use it; then it needs a new version.</p> : null}
      </section>

      <div className="two-columns">
        <nav aria-label="Units in the draft" className="unit-list">
          <h2 className="visually-hidden">Units</h2>
          <ul>
            {spec.units.map((candidate, index) => (
              <li key={index}>
                <button type="button" className="unit-link" aria-current={index === selected ? 'true' : undefined} onClick={() => setUnitIndex(index)}>
                  <span className="unit-id">{candidate.id || `Unit ${index + 1}`}</span>
                  <span>{candidate.title || 'Untitled unit'}</span>
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="secondary add-unit"
            onClick={() => {
              api.update((current) => insertIn(current, ['units'], blankUnit(current.units.length + 1)));
              setUnitIndex(spec.units.length);
            }}
          >
            Add a unit
          </button>
        </nav>
        {unit ? (
          <EditorUnit
            key={selected}
            spec={spec}
            unit={unit}
            unitIndex={selected}
            messagesAt={messagesAt}
            update={api.update}
            onMoveUnit={(step) => {
              api.update((current) => moveIn(current, ['units'], selected, step));
              setUnitIndex(Math.max(0, Math.min(spec.units.length - 1, selected + step)));
            }}
            onRemoveUnit={() => {
              api.update((current) => removeIn(current, ['units'], selected));
              setUnitIndex(Math.max(0, selected - 1));
            }}
          />
        ) : null}
      </div>

      <section className={`card editor-check${problems.length > 0 ? ' has-problems' : ''}`} aria-labelledby="editor-check">
        <h2 id="editor-check">{problems.length === 0 ? 'Ready to save' : `${problems.length.toLocaleString('en-GB')} ${problems.length === 1 ? 'thing' : 'things'} to fix before saving`}</h2>
        {problems.length === 0 ? (
          <p>The draft is a complete, valid qualification.</p>
        ) : (
          <ul className="editor-problems">
            {problems.slice(0, SHOWN_PROBLEMS).map((problem, index) => (
              <li key={index}>
                <button type="button" className="link-button field-link" onClick={() => goTo(problem.path)}>
                  {describeDraftPointer(spec, problem.path)}
                </button>{' '}
                {problem.message}
              </li>
            ))}
            {problems.length > SHOWN_PROBLEMS ? <li>…and {(problems.length - SHOWN_PROBLEMS).toLocaleString('en-GB')} more.</li> : null}
          </ul>
        )}
      </section>

      <div aria-live="polite">
        {outcome.kind === 'exported' ? <p className="status success">{outcome.message}</p> : null}
        {outcome.kind === 'failed' ? (
          <p className="status warning" role="alert">
            {outcome.message}
          </p>
        ) : null}
      </div>

      {isConfirmingDiscard ? (
        <div className="confirm" role="alertdialog" aria-labelledby="discard-question">
          <p id="discard-question">Throw this draft away? What you typed cannot be got back.</p>
          <div className="button-row">
            <button type="button" className="danger" onClick={() => void api.discard().then(() => setIsConfirmingDiscard(false))}>
              Discard the draft
            </button>
            <button type="button" className="secondary" onClick={() => setIsConfirmingDiscard(false)} autoFocus>
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row editor-actions">
          <button type="button" onClick={() => void save()} disabled={isBusy}>
            {basedOn ? 'Save as a qualification' : 'Save to the app'}
          </button>
          <button type="button" className="secondary" onClick={() => void exportJson()} disabled={isBusy}>
            Export as JSON
          </button>
          <button type="button" className="secondary" onClick={() => setIsConfirmingDiscard(true)} disabled={isBusy}>
            Discard draft
          </button>
        </div>
      )}
    </div>
  );
}

