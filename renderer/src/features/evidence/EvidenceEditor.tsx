import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState } from 'react';
import { EVIDENCE_TYPE_INFO, SERVICE_LABEL_INFO } from '../../../../core/evidence/catalogue';
import { parseTagInput, tidyEvidence } from '../../../../core/evidence/new-evidence';
import { validateEvidence, type EvidenceProblem } from '../../../../core/evidence/validate';
import { SERVICE_LABELS, type EvidenceDetails, type Portfolio } from '../../../../core/model/portfolio';
import type { QualificationSpec } from '../../../../core/spec/types';
import { Field, FieldLink, FieldSet, fieldId, type FieldMessage } from '../../components/Field';
import { NarrativeView } from '../../components/NarrativeView';
import { SaveStatus } from '../../components/SaveStatus';
import { useToasts } from '../../components/Toasts';
import { appDb, type StoredEvidence } from '../../db/app-db';
import { deleteEvidence, evidenceHistory, getEvidence } from '../../db/evidence-repo';
import { restoreFromTrash } from '../../db/trash-repo';
import { routeHref } from '../../lib/use-hash-route';
import { EvidenceMappings } from '../mapping/EvidenceMappings';
import { AttachmentsPanel } from './AttachmentsPanel';
import { LegislationField } from './LegislationField';
import { TextField, TypeFields } from './TypeFields';
import { useAutosave } from './use-autosave';

interface Props {
  evidenceId: string;
  portfolio: Portfolio;
  spec: QualificationSpec | undefined;
  actor: string;
  navigate: (path: string) => void;
}

function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** One evidence item: every field, its files and its mappings. Changes save themselves. */
export function EvidenceEditor(props: Props) {
  const db = appDb();
  const stored = useLiveQuery(async () => (await getEvidence(db, props.portfolio.id, props.evidenceId)) ?? null, [db, props.portfolio.id, props.evidenceId]);
  const [initial, setInitial] = useState<StoredEvidence | undefined>();
  if (stored && !initial) setInitial(stored);

  if (stored === undefined) return <p aria-busy="true">Loading the evidence…</p>;
  if (!initial || stored === null || stored.portfolioId !== props.portfolio.id) {
    return (
      <section className="panel">
        <h1>This evidence is not here</h1>
        <p>It may have been deleted, or it belongs to another portfolio. Deleted evidence can be put back from “Recently deleted” on the evidence list.</p>
        <p>
          <a href={routeHref('evidence')}>Back to all evidence</a>
        </p>
      </section>
    );
  }
  return <EditorForm {...props} initial={initial} stored={stored} />;
}

function EditorForm({ initial, stored, spec, actor, navigate, portfolio }: Props & { initial: StoredEvidence; stored: StoredEvidence }) {
  const db = appDb();
  const toasts = useToasts();
  const autosave = useAutosave(initial, actor);
  const { draft, update } = autosave;
  const today = localToday();
  const [tagText, setTagText] = useState(() => draft.tags.join(', '));
  const [isDeleting, setIsDeleting] = useState(false);
  const labelName = useId();
  const history = useLiveQuery(() => evidenceHistory(db, portfolio.id, stored.id), [db, portfolio.id, stored.id]);

  // Checked as it would be stored (tidied, with the files the database holds).
  const problems = useMemo(() => validateEvidence(tidyEvidence({ ...draft, attachments: stored.attachments }), { today }), [draft, stored.attachments, today]);
  const messagesFor = (field: string): FieldMessage[] => problems.filter((problem) => problem.field === field);
  const errors = problems.filter((problem) => problem.severity === 'error');
  const reminders = problems.filter((problem) => problem.severity === 'reminder');
  const info = EVIDENCE_TYPE_INFO[draft.type];
  const setDetails = (details: EvidenceDetails): void => update((current) => ({ ...current, details }));
  const heading = draft.title.trim() === '' ? `Untitled ${info.label.toLowerCase()}` : draft.title;

  async function remove(): Promise<void> {
    setIsDeleting(true);
    await autosave.flush();
    try {
      const entry = await deleteEvidence(db, stored.portfolioId, stored.id, actor);
      navigate('evidence');
      toasts.show(`Deleted “${heading}”.`, {
        label: 'Undo',
        run: async () => {
          await restoreFromTrash(db, entry.portfolioId, entry.id, actor);
        },
      });
    } catch (error) {
      setIsDeleting(false);
      toasts.show(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <article className="evidence-editor" aria-labelledby="evidence-title-heading" onBlur={() => void autosave.flush()}>
      <p className="back-link">
        <a href={routeHref('evidence')}>← All evidence</a>
      </p>
      <div className="editor-head">
        <div>
          <p className="type-label">{info.label}</p>
          <h1 id="evidence-title-heading">{heading}</h1>
        </div>
        <SaveStatus state={autosave.state} />
      </div>
      {autosave.hasRestoredDraft ? <p className="status">Changes you had not saved before the app closed have been brought back.</p> : null}

      <ProblemOverview errors={errors} reminders={reminders} />

      <section className="form-section" aria-labelledby="about-heading">
        <h2 id="about-heading">About this evidence</h2>
        <p className="hint">{info.description}</p>
        <div className="form-grid">
          <TextField field="title" label="Title" value={draft.title} onChange={(title) => update((current) => ({ ...current, title }))} messagesFor={messagesFor} hint="A short name you and your assessor will recognise." />
          <TextField field="activityDate" label="Date of the activity" type="date" value={draft.activityDate} onChange={(activityDate) => update((current) => ({ ...current, activityDate }))} messagesFor={messagesFor} />
        </div>
        <FieldSet id={fieldId('label')} legend="Reactive or proactive?" hint="Reactive: dealing with a problem as it happened. Proactive: stopping problems before they happen or recur." messages={messagesFor('label')}>
          <div className="radio-row">
            {SERVICE_LABELS.map((label) => (
              <label key={label} className="check">
                <input type="radio" name={labelName} value={label} checked={draft.label === label} onChange={() => update((current) => ({ ...current, label }))} />
                {SERVICE_LABEL_INFO[label].label}
              </label>
            ))}
          </div>
        </FieldSet>
        <Field field="narrative" label={draft.type === 'witness-testimony' ? 'Your notes about this testimony' : 'Narrative: what happened and what you did'} hint="Separate paragraphs with a blank line. Start a list item with “- ”. Use “Customer A” rather than real names." messages={messagesFor('narrative')}>
          {(control) => <textarea {...control} className="narrative-input" rows={9} value={draft.narrative} onChange={(event) => update((current) => ({ ...current, narrative: event.target.value }))} />}
        </Field>
        <details className="narrative-preview">
          <summary>How it reads, with paragraph numbers</summary>
          <NarrativeView text={draft.narrative} />
        </details>
      </section>

      <TypeFields item={draft} setDetails={setDetails} messagesFor={messagesFor} today={today} />

      <section className="form-section" aria-labelledby="cause-heading">
        <h2 id="cause-heading">Getting to the root of it</h2>
        <p className="hint">Assessors look beyond the immediate fix: what caused the problem, and what was done so it does not happen again.</p>
        <TextField field="rootCause" label="Root cause (optional)" value={draft.rootCause} onChange={(rootCause) => update((current) => ({ ...current, rootCause }))} messagesFor={messagesFor} isLong rows={3} />
        {draft.type !== 'reflective-account' ? (
          <TextField field="prevention" label="What was done so it does not happen again" value={draft.prevention} onChange={(prevention) => update((current) => ({ ...current, prevention }))} messagesFor={messagesFor} isLong rows={3} />
        ) : null}
      </section>

      <section className="form-section" aria-labelledby="references-heading">
        <h2 id="references-heading">References and tags</h2>
        <LegislationField value={draft.legislation} onChange={(legislation) => update((current) => ({ ...current, legislation }))} messages={messagesFor('legislation')} />
        <Field field="tags" label="Tags" hint="Words to find this evidence by, separated by commas (for example: complaint, ISA, escalation)." messages={messagesFor('tags')}>
          {(control) => (
            <input
              {...control}
              type="text"
              value={tagText}
              onChange={(event) => {
                setTagText(event.target.value);
                const tags = parseTagInput(event.target.value);
                update((current) => ({ ...current, tags }));
              }}
            />
          )}
        </Field>
      </section>

      <div id="field-attachments">
        <AttachmentsPanel
          item={stored}
          actor={actor}
          {...(draft.details.type === 'call-recording'
            ? {
                currentDuration: draft.details.durationSeconds,
                onUseDuration: (seconds: number) => update((current) => (current.details.type === 'call-recording' ? { ...current, details: { ...current.details, durationSeconds: seconds } } : current)),
              }
            : {})}
        />
      </div>

      {spec ? <EvidenceMappings item={{ ...stored, narrative: draft.narrative, details: draft.details }} spec={spec} actor={actor} /> : null}

      <details className="history">
        <summary>History of this evidence</summary>
        <p className="hint">
          Content fingerprint (changes whenever the evidence does; assessors’ decisions refer to it): <code>{stored.contentHash.slice(0, 23)}…</code>
        </p>
        <ol>
          {(history ?? []).map((entry) => (
            <li key={entry.id}>
              <time dateTime={entry.at}>{new Date(entry.at).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })}</time> — {entry.summary} <span className="subtle">({entry.actor})</span>
            </li>
          ))}
        </ol>
      </details>

      <section className="danger-zone" aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete</h2>
        <p className="hint">Deleting removes the evidence and its mappings. You can undo it straight away, or put it back later from “Recently deleted”.</p>
        <button type="button" className="danger" disabled={isDeleting} onClick={() => void remove()}>
          Delete this evidence
        </button>
      </section>
    </article>
  );
}

/** What stops saving (errors) and what an assessor will look for (reminders), each linking to its field. */
function ProblemOverview({ errors, reminders }: { errors: readonly EvidenceProblem[]; reminders: readonly EvidenceProblem[] }) {
  if (errors.length === 0 && reminders.length === 0) return <p className="status success">Everything an assessor looks for in this kind of evidence is here. Remember to map it to marking points.</p>;
  const link = (problem: EvidenceProblem, index: number) => (
    <li key={index}>
      <FieldLink field={problem.field}>{problem.message}</FieldLink>
    </li>
  );
  return (
    <>
      {errors.length > 0 ? (
        <div className="problems" role="alert">
          <h2>{errors.length === 1 ? 'One thing stops this being saved' : `${errors.length} things stop this being saved`}</h2>
          <ul>{errors.map(link)}</ul>
        </div>
      ) : null}
      {reminders.length > 0 ? (
        <details className="reminders">
          <summary>
            Still to do before your assessor sees it ({reminders.length})
          </summary>
          <ul>{reminders.map(link)}</ul>
        </details>
      ) : null}
    </>
  );
}
