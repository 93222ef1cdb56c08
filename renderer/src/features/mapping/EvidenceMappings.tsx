import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { formatLocator, validateLocator, validateMappingDraft, type FieldProblem } from '../../../../core/evidence/locator';
import { markingPointIndex, type MarkingPointRef } from '../../../../core/evidence/spec-index';
import type { Mapping } from '../../../../core/model/portfolio';
import type { QualificationSpec } from '../../../../core/spec/types';
import { Field, type FieldMessage } from '../../components/Field';
import { useToasts } from '../../components/Toasts';
import { appDb, type StoredEvidence } from '../../db/app-db';
import { addMapping, locatorContextOf, MappingError, mappingsForEvidence, removeMapping, updateMapping } from '../../db/mappings-repo';
import { restoreFromTrash } from '../../db/trash-repo';
import { routeHref } from '../../lib/use-hash-route';
import { emptyLocatorDraft, LocatorFields, type LocatorDraft } from './LocatorFields';
import { MarkingPointSelect, markingPointChoice, parseMarkingPointChoice } from './MarkingPointSelect';
import { additionalSpecsOf } from '../../db/specs-repo';
import { defaultLocatorKind, draftFromMapping, locatorFromDraft } from './mapping-draft';

interface Props {
  item: StoredEvidence;
  spec: QualificationSpec;
  actor: string;
}

function toMessages(problems: readonly FieldProblem[], field: string): FieldMessage[] {
  return problems.filter((problem) => problem.field === field).map((problem) => ({ message: problem.message, severity: 'error' }));
}

/**
 * The marking points this item meets: each with where (locator) and why (justification).
 * From here the learner maps the item to marking points of any unit.
 */
export function EvidenceMappings({ item, spec, actor }: Props) {
  const db = appDb();
  const toasts = useToasts();
  const headingId = useId();
  const mappings = useLiveQuery(() => mappingsForEvidence(db, item.portfolioId, item.id), [db, item.portfolioId, item.id]);
  // The portfolio's further qualifications (a standard's KSBs alongside the qualification), if any.
  const additional = useLiveQuery(async () => {
    const portfolio = await db.portfolios.get(item.portfolioId);
    return portfolio ? (await additionalSpecsOf(db, portfolio)).specs.map((stored) => stored.spec) : [];
  }, [db, item.portfolioId]);
  const index = useMemo(() => markingPointIndex(spec), [spec]);
  const indexes = useMemo(() => new Map((additional ?? []).map((extra) => [extra.id, { spec: extra, index: markingPointIndex(extra) }])), [additional]);
  const [isAdding, setIsAdding] = useState(false);
  const [editingId, setEditingId] = useState<string | undefined>();
  const context = locatorContextOf(item);
  const taken = useMemo(() => new Set((mappings ?? []).map((mapping) => markingPointChoice(mapping.markingPointId, mapping.qualificationId))), [mappings]);
  const refOf = (mapping: Mapping): MarkingPointRef | undefined => (mapping.qualificationId === undefined ? index.get(mapping.markingPointId) : indexes.get(mapping.qualificationId)?.index.get(mapping.markingPointId));
  const labelOf = (mapping: Mapping): string => (mapping.qualificationId === undefined ? mapping.markingPointId : `${indexes.get(mapping.qualificationId)?.spec.title ?? mapping.qualificationId}: ${mapping.markingPointId}`);

  async function remove(mapping: Mapping): Promise<void> {
    const entry = await removeMapping(db, mapping.portfolioId, mapping.id, actor);
    toasts.show(`Removed the mapping to ${labelOf(mapping)}.`, { label: 'Undo', run: async () => void (await restoreFromTrash(db, entry.portfolioId, entry.id, actor)) });
  }

  return (
    <section className="form-section mappings" aria-labelledby={headingId}>
      <h2 id={headingId}>Marking points this evidence meets</h2>
      <p className="hint">Map the evidence to every marking point it shows, in any unit. Say where in the evidence, and in a sentence why it meets the point.</p>
      {mappings === undefined ? null : mappings.length === 0 ? (
        <p className="subtle">Not mapped to any marking point yet.</p>
      ) : (
        <ul className="mapping-list">
          {mappings.map((mapping) => {
            const ref = refOf(mapping);
            const stale = mapping.locator ? validateLocator(mapping.locator, context) : [];
            return (
              <li key={mapping.id} className="mapping-row">
                {editingId === mapping.id ? (
                  <MappingEditor item={item} pointRef={ref} mapping={mapping} actor={actor} onDone={() => setEditingId(undefined)} />
                ) : (
                  <>
                    <div className="mapping-main">
                      {mapping.qualificationId === undefined ? (
                        <a className="mp-id" href={routeHref(`mapping/${mapping.markingPointId}`)}>
                          {mapping.markingPointId}
                        </a>
                      ) : (
                        <span className="mp-id">{labelOf(mapping)}</span>
                      )}
                      <span className="mapping-point-text">{ref ? ref.point.text : 'This marking point is not in the portfolio’s qualification.'}</span>
                    </div>
                    <p className="mapping-detail">
                      <strong>Where:</strong> {formatLocator(mapping.locator)}
                      {stale.length > 0 ? <span className="field-reminder"> — {stale[0]?.message}</span> : null}
                    </p>
                    <p className="mapping-detail">
                      <strong>Why:</strong> {mapping.justification ?? <span className="subtle">No justification given.</span>}
                    </p>
                    <div className="button-row">
                      <button type="button" className="secondary small" onClick={() => setEditingId(mapping.id)} aria-label={`Change the mapping to ${labelOf(mapping)}`}>
                        Change
                      </button>
                      <button type="button" className="secondary small" onClick={() => void remove(mapping)} aria-label={`Remove the mapping to ${labelOf(mapping)}`}>
                        Remove
                      </button>
                    </div>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {isAdding ? (
        <NewMappingForm item={item} spec={spec} additional={additional ?? []} index={index} taken={taken} actor={actor} onDone={() => setIsAdding(false)} />
      ) : (
        <button type="button" onClick={() => setIsAdding(true)}>
          Map to a marking point
        </button>
      )}
    </section>
  );
}

interface NewMappingProps {
  item: StoredEvidence;
  spec: QualificationSpec;
  additional: readonly QualificationSpec[];
  index: Map<string, MarkingPointRef>;
  taken: ReadonlySet<string>;
  actor: string;
  onDone: () => void;
}

function NewMappingForm({ item, spec, additional, index: mainIndex, taken, actor, onDone }: NewMappingProps) {
  const db = appDb();
  const context = locatorContextOf(item);
  const [choice, setChoice] = useState('');
  const { markingPointId, qualificationId } = parseMarkingPointChoice(choice);
  const extra = additional.find((candidate) => candidate.id === qualificationId);
  const index = useMemo(() => (extra ? markingPointIndex(extra) : mainIndex), [extra, mainIndex]);
  const [locator, setLocator] = useState<LocatorDraft>(() => emptyLocatorDraft(defaultLocatorKind(item.type, context.paragraphCount)));
  const [justification, setJustification] = useState('');
  const [hasTried, setHasTried] = useState(false);
  const [refused, setRefused] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<string | undefined>();
  const chosen = index.get(markingPointId);
  const input = { portfolioId: item.portfolioId, evidenceId: item.id, markingPointId, ...(qualificationId !== undefined ? { qualificationId } : {}), locator: locatorFromDraft(locator), justification };
  // After the first try, problems follow the fields as they are corrected.
  const problems = [...(hasTried ? validateMappingDraft(input, { ...context, markingPointIds: new Set(index.keys()) }) : []), ...refused];

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setFailure(undefined);
    setRefused([]);
    setHasTried(true);
    if (validateMappingDraft(input, { ...context, markingPointIds: new Set(index.keys()) }).length > 0) return;
    try {
      await addMapping(db, input, actor);
      onDone();
    } catch (error) {
      if (error instanceof MappingError) setRefused(error.problems);
      else setFailure(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <form className="mapping-form panel" onSubmit={(event) => void submit(event)} noValidate aria-label="Map this evidence to a marking point">
      <h3>Map to a marking point</h3>
      <ProblemSummary problems={problems} />
      <Field field="new-mapping-markingPointId" label="Marking point" messages={toMessages(problems, 'markingPointId')}>
        {(control) => <MarkingPointSelect spec={spec} additional={additional} value={choice} onChange={setChoice} taken={taken} control={control} />}
      </Field>
      {chosen ? (
        <blockquote className="quoted-point">
          <span className="mp-id">{chosen.point.id}</span> {chosen.point.text}
        </blockquote>
      ) : null}
      <LocatorFields idPrefix="new-mapping" draft={locator} onChange={setLocator} messagesFor={(field) => toMessages(problems, field)} narrative={item.narrative} paragraphCount={context.paragraphCount} durationSeconds={context.durationSeconds} />
      <Field field="new-mapping-justification" label="Why it meets the marking point" hint="One sentence linking what you did to the marking point." messages={toMessages(problems, 'justification')}>
        {(control) => <textarea {...control} rows={2} value={justification} onChange={(event) => setJustification(event.target.value)} />}
      </Field>
      {failure ? (
        <p className="problems" role="alert">
          {failure}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit">Add mapping</button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function MappingEditor({ item, pointRef, mapping, actor, onDone }: { item: StoredEvidence; pointRef: MarkingPointRef | undefined; mapping: Mapping; actor: string; onDone: () => void }) {
  const db = appDb();
  const context = locatorContextOf(item);
  const [locator, setLocator] = useState<LocatorDraft>(() => draftFromMapping(mapping));
  const [justification, setJustification] = useState(mapping.justification ?? '');
  const [hasTried, setHasTried] = useState(false);
  const [refused, setRefused] = useState<FieldProblem[]>([]);
  const prefix = `edit-${mapping.id}`;
  const changes = { locator: locatorFromDraft(locator), justification };
  const problems = [...(hasTried ? validateMappingDraft({ markingPointId: mapping.markingPointId, ...changes }, context) : []), ...refused];

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setHasTried(true);
    setRefused([]);
    if (validateMappingDraft({ markingPointId: mapping.markingPointId, ...changes }, context).length > 0) return;
    try {
      await updateMapping(db, mapping.portfolioId, mapping.id, changes, actor);
      onDone();
    } catch (error) {
      setRefused(error instanceof MappingError ? error.problems : [{ field: 'justification', message: error instanceof Error ? error.message : String(error) }]);
    }
  }

  return (
    <form className="mapping-form" onSubmit={(event) => void submit(event)} noValidate aria-label={`Change the mapping to ${mapping.markingPointId}`}>
      <p>
        <span className="mp-id">{mapping.markingPointId}</span> {pointRef?.point.text}
      </p>
      <ProblemSummary problems={problems} />
      <LocatorFields idPrefix={prefix} draft={locator} onChange={setLocator} messagesFor={(field) => toMessages(problems, field)} narrative={item.narrative} paragraphCount={context.paragraphCount} durationSeconds={context.durationSeconds} />
      <Field field={`${prefix}-justification`} label="Why it meets the marking point" messages={toMessages(problems, 'justification')}>
        {(control) => <textarea {...control} rows={2} value={justification} onChange={(event) => setJustification(event.target.value)} />}
      </Field>
      <div className="button-row">
        <button type="submit">Save mapping</button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function ProblemSummary({ problems }: { problems: readonly FieldProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="problems" role="alert">
      <p>
        <strong>{problems.length === 1 ? 'There is a problem:' : `There are ${problems.length} problems:`}</strong>
      </p>
      <ul>
        {problems.map((problem, at) => (
          <li key={at}>{problem.message}</li>
        ))}
      </ul>
    </div>
  );
}
