import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import type { Portfolio } from '../../../../core/model/portfolio';
import { Field, FieldLink, fieldId, focusField, type FieldMessage } from '../../components/Field';
import { appDb } from '../../db/app-db';
import { checkNewPortfolio, createPortfolio, getPortfolio, updatePortfolioDetails, type NewPortfolio, type PortfolioProblem } from '../../db/portfolios-repo';
import { getActiveSpec, listSpecs } from '../../db/specs-repo';

interface Props {
  /** Editing an existing portfolio's details; without it, a new portfolio is started. */
  portfolio?: Portfolio;
  onDone: (portfolio: Portfolio | undefined) => void;
  onCancel?: () => void;
}

type Values = Record<'learnerName' | 'learnerNumber' | 'centreName' | 'centreNumber' | 'assessorName' | 'spec', string>;

/** Start a portfolio, or change its details: learner, centre, assessor and qualification. */
export function PortfolioForm({ portfolio, onDone, onCancel }: Props) {
  const db = appDb();
  const specs = useLiveQuery(() => listSpecs(db), [db]);
  const active = useLiveQuery(() => getActiveSpec(db), [db]);
  const [values, setValues] = useState<Values>({
    learnerName: portfolio?.learner.name ?? '',
    learnerNumber: portfolio?.learner.number ?? '',
    centreName: portfolio?.centre.name ?? '',
    centreNumber: portfolio?.centre.number ?? '',
    assessorName: portfolio?.assessorName ?? '',
    spec: portfolio ? `${portfolio.qualificationId}@${portfolio.qualificationVersion}` : '',
  });
  const [problems, setProblems] = useState<PortfolioProblem[]>([]);
  const [failure, setFailure] = useState<string | undefined>();
  const [isBusy, setIsBusy] = useState(false);
  const specKey = values.spec || active?.key || '';
  const chosenSpec = specs?.find((spec) => spec.key === specKey);

  const messagesFor = (field: keyof NewPortfolio): FieldMessage[] => problems.filter((problem) => problem.field === field).map((problem) => ({ message: problem.message, severity: 'error' }));
  const set = (key: keyof Values) => (value: string) => setValues((current) => ({ ...current, [key]: value }));

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const input: NewPortfolio = {
      learnerName: values.learnerName,
      learnerNumber: values.learnerNumber,
      centreName: values.centreName,
      centreNumber: values.centreNumber,
      assessorName: values.assessorName,
      qualificationId: chosenSpec?.id ?? '',
      qualificationVersion: chosenSpec?.version ?? '',
    };
    const found = checkNewPortfolio(portfolio ? { ...input, qualificationId: portfolio.qualificationId, qualificationVersion: portfolio.qualificationVersion } : input);
    setProblems(found);
    setFailure(undefined);
    if (found.length > 0) {
      focusField(fieldId(`portfolio-${found[0]?.field ?? ''}`));
      return;
    }
    setIsBusy(true);
    try {
      if (portfolio) {
        await updatePortfolioDetails(db, portfolio.id, input, input.learnerName.trim());
        onDone(await getPortfolio(db, portfolio.id));
      } else {
        onDone(await createPortfolio(db, input, input.learnerName.trim()));
      }
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setIsBusy(false);
    }
  }

  const text = (key: keyof Values & keyof NewPortfolio, label: string, hint?: string, autoComplete = 'off') => (
    <Field field={`portfolio-${key}`} label={label} hint={hint} messages={messagesFor(key)}>
      {(control) => <input {...control} type="text" value={values[key]} autoComplete={autoComplete} onChange={(event) => set(key)(event.target.value)} maxLength={200} />}
    </Field>
  );

  return (
    <form className="portfolio-form" onSubmit={(event) => void submit(event)} noValidate>
      {problems.length > 0 ? (
        <div className="problems" role="alert">
          <h3>{problems.length === 1 ? 'There is a problem' : `There are ${problems.length} problems`}</h3>
          <ul>
            {problems.map((problem) => (
              <li key={problem.field}>
                <FieldLink field={`portfolio-${problem.field}`}>{problem.message}</FieldLink>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="form-grid">
        {text('learnerName', 'Learner’s name')}
        {text('learnerNumber', 'Learner number (optional)', 'The number the awarding body gave the learner, if known.')}
        {text('centreName', 'Centre name')}
        {text('centreNumber', 'Centre number (optional)')}
        {text('assessorName', 'Assessor’s name (optional)')}
        <Field field="portfolio-qualificationId" label="Qualification" hint={portfolio ? 'A portfolio stays with the qualification it was started for.' : undefined} messages={messagesFor('qualificationId')}>
          {(control) => (
            <select {...control} value={specKey} disabled={portfolio !== undefined} onChange={(event) => set('spec')(event.target.value)}>
              {(specs ?? []).map((spec) => (
                <option key={spec.key} value={spec.key}>
                  {spec.title} ({spec.version})
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {failure ? (
        <p className="problems" role="alert">
          {failure}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" disabled={isBusy}>
          {portfolio ? 'Save details' : 'Start portfolio'}
        </button>
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
