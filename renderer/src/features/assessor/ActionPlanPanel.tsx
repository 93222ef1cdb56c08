import { useId, useState, type FormEvent } from 'react';
import type { ActionPlanItem } from '../../../../core/model/portfolio';
import type { QualificationSpec } from '../../../../core/spec/types';
import { appDb } from '../../db/app-db';
import { addActionPlanItem, setActionStatus } from '../../db/assessment-repo';
import { MAX_ACTION, formatDay, isOverdue, localToday } from '../../db/assessment-model';
import { errorMessage, type ActionOutcome } from './use-assessment';

function byTarget(a: ActionPlanItem, b: ActionPlanItem): number {
  if (a.status !== b.status) return a.status === 'open' ? -1 : 1;
  return (a.targetDate ?? '9999').localeCompare(b.targetDate ?? '9999') || a.createdAt.localeCompare(b.createdAt);
}

/**
 * The learner's action plan: what to do, for which unit, by when. Assessors add actions and
 * mark them done; everyone else reads it (there are no controls for them at all).
 */
export function ActionPlanPanel({ portfolioId, items, spec, canEdit, headingLevel = 2 }: { portfolioId: string; items: readonly ActionPlanItem[]; spec: QualificationSpec; canEdit: boolean; headingLevel?: 2 | 3 }) {
  const today = localToday();
  const sorted = [...items].sort(byTarget);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="card action-plan" aria-labelledby={`action-plan-${portfolioId}`}>
      <Heading id={`action-plan-${portfolioId}`}>Action plan</Heading>
      {sorted.length === 0 ? (
        <p className="subtle">No actions yet.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Unit</th>
              <th scope="col">Target date</th>
              <th scope="col">Status</th>
              <th scope="col">Set by</th>
              {canEdit ? <th scope="col"><span className="visually-hidden">Change</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {sorted.map((item) => (
              <ActionRow key={item.id} item={item} today={today} canEdit={canEdit} />
            ))}
          </tbody>
        </table>
      )}
      {canEdit ? <ActionForm portfolioId={portfolioId} spec={spec} /> : null}
    </section>
  );
}

function ActionRow({ item, today, canEdit }: { item: ActionPlanItem; today: string; canEdit: boolean }) {
  const [failure, setFailure] = useState<string | undefined>();
  const isLate = isOverdue(item, today);
  return (
    <tr className={isLate ? 'is-overdue' : undefined}>
      <td>{item.action}</td>
      <td>{item.unitId ?? 'All units'}</td>
      <td>
        {item.targetDate ? formatDay(item.targetDate) : 'No date'}
        {isLate ? <strong className="overdue-flag"> Overdue</strong> : null}
      </td>
      <td>{item.status === 'open' ? 'Open' : 'Done'}</td>
      <td>{item.createdBy}</td>
      {canEdit ? (
        <td>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setFailure(undefined);
              setActionStatus(appDb(), item.portfolioId, item.id, item.status === 'open' ? 'done' : 'open').catch((error: unknown) => setFailure(errorMessage(error)));
            }}
          >
            {item.status === 'open' ? 'Mark done' : 'Reopen'}
            <span className="visually-hidden">: {item.action}</span>
          </button>
          {failure ? (
            <span className="field-error" role="alert">
              {failure}
            </span>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}

function ActionForm({ portfolioId, spec }: { portfolioId: string; spec: QualificationSpec }) {
  const id = useId();
  const [action, setAction] = useState('');
  const [targetDate, setTargetDate] = useState('');
  const [unitId, setUnitId] = useState('');
  const [outcome, setOutcome] = useState<ActionOutcome>({ kind: 'idle' });

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setOutcome({ kind: 'busy' });
    try {
      await addActionPlanItem(appDb(), { portfolioId, action, ...(targetDate ? { targetDate } : {}), ...(unitId ? { unitId } : {}) });
      setAction('');
      setTargetDate('');
      setOutcome({ kind: 'done', message: 'Action added to the plan.' });
    } catch (error) {
      setOutcome({ kind: 'failed', message: errorMessage(error) });
    }
  }

  return (
    <form className="action-form" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Add an action</h3>
      <div className="field">
        <label htmlFor={`${id}-action`}>What the learner needs to do</label>
        <textarea id={`${id}-action`} rows={2} maxLength={MAX_ACTION} value={action} onChange={(event) => setAction(event.target.value)} />
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-date`}>Target date</label>
          <input id={`${id}-date`} type="date" value={targetDate} onChange={(event) => setTargetDate(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-unit`}>Unit</label>
          <select id={`${id}-unit`} value={unitId} onChange={(event) => setUnitId(event.target.value)}>
            <option value="">All units</option>
            {spec.units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.id}: {unit.title}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="button-row">
        <button type="submit" disabled={outcome.kind === 'busy' || action.trim() === ''}>
          Add to the action plan
        </button>
        <span aria-live="polite">{outcome.kind === 'done' ? <span className="subtle">{outcome.message}</span> : null}</span>
      </div>
      {outcome.kind === 'failed' ? (
        <p className="field-error" role="alert">
          {outcome.message}
        </p>
      ) : null}
    </form>
  );
}
