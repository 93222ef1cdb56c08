import { useId, useState, type FormEvent } from 'react';
import type { VerificationReport } from '../../../../core/integrity/verify';
import type { AssessorDecision, DecisionStatus, Signer } from '../../../../core/model/portfolio';
import { appDb } from '../../db/app-db';
import { recordDecision } from '../../db/assessment-repo';
import { MAX_FEEDBACK } from '../../db/assessment-model';
import { useWithSigningKey } from '../settings/SigningKeyPrompt';
import { VerificationBadge } from './IntegrityBadges';
import { errorMessage, type ActionOutcome } from './use-assessment';

export function signerWords(signer: Signer): string {
  const role = signer.role === 'iqa' ? 'internal quality assurer' : 'assessor';
  return `${signer.name}${signer.number ? ` (${signer.number})` : ''}, ${role}`;
}

export function formatInstant(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return value;
  return new Date(time).toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** One decision: the judgement, feedback, who and when, and whether its signature holds. */
export function DecisionSummary({ decision, report, isCurrent }: { decision: AssessorDecision; report: VerificationReport | undefined; isCurrent: boolean }) {
  return (
    <div className={`decision decision-${decision.status}${isCurrent ? ' is-current' : ''}`} data-decision-id={decision.id}>
      <p className="decision-head">
        <strong>{decision.status === 'met' ? 'Met' : 'Not yet met'}</strong>
        <span className="subtle">
          {' '}
          — {signerWords(decision.signer)}, {formatInstant(decision.decidedAt)}
        </span>
      </p>
      <VerificationBadge report={report} recordType="decision" id={decision.id} />
      {decision.feedback ? <p className="feedback-text">{decision.feedback}</p> : <p className="subtle">No feedback written.</p>}
    </div>
  );
}

/** Met or not yet met, with feedback: signed with the assessor's key when recorded. */
export function DecisionForm({ portfolioId, markingPointId }: { portfolioId: string; markingPointId: string }) {
  const id = useId();
  const [status, setStatus] = useState<DecisionStatus | ''>('');
  const [feedback, setFeedback] = useState('');
  const [outcome, setOutcome] = useState<ActionOutcome>({ kind: 'idle' });
  const withSigningKey = useWithSigningKey();

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (status === '') return;
    setOutcome({ kind: 'busy' });
    try {
      await withSigningKey(() => recordDecision(appDb(), { portfolioId, markingPointId, status, feedback }));
      setStatus('');
      setFeedback('');
      setOutcome({ kind: 'done', message: `Your decision on ${markingPointId} is signed and recorded.` });
    } catch (error) {
      setOutcome({ kind: 'failed', message: errorMessage(error) });
    }
  }

  return (
    <form className="decision-form" onSubmit={(event) => void submit(event)}>
      <fieldset className="fieldset">
        <legend>Your judgement of {markingPointId}</legend>
        <div className="radio-row">
          <label>
            <input type="radio" name={`${id}-status`} value="met" checked={status === 'met'} onChange={() => setStatus('met')} /> Met
          </label>
          <label>
            <input type="radio" name={`${id}-status`} value="not-yet" checked={status === 'not-yet'} onChange={() => setStatus('not-yet')} /> Not yet met
          </label>
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-feedback`}>Feedback for the learner{status === 'not-yet' ? ' (say what is still needed)' : ''}</label>
        <textarea id={`${id}-feedback`} rows={3} maxLength={MAX_FEEDBACK} value={feedback} onChange={(event) => setFeedback(event.target.value)} />
      </div>
      <div className="button-row">
        <button type="submit" disabled={status === '' || outcome.kind === 'busy'}>
          Sign and record decision<span className="visually-hidden"> on {markingPointId}</span>
        </button>
        <span aria-live="polite">{outcome.kind === 'done' ? <span className="status-inline success">{outcome.message}</span> : outcome.kind === 'busy' ? 'Signing…' : null}</span>
      </div>
      {outcome.kind === 'failed' ? (
        <p className="field-error" role="alert">
          {outcome.message}
        </p>
      ) : null}
    </form>
  );
}
