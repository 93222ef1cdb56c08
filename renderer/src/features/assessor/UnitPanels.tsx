import { useId, useState, type FormEvent } from 'react';
import { canSample } from '../../../../core/integrity/signing';
import type { VerificationReport } from '../../../../core/integrity/verify';
import type { AssessorDecision, IqaOutcome, IqaSample, UnitSignOff } from '../../../../core/model/portfolio';
import type { Unit } from '../../../../core/spec/types';
import { appDb } from '../../db/app-db';
import { recordIqaSample, signOffUnit } from '../../db/assessment-repo';
import { MAX_IQA_COMMENTS, unitCurrentDecisions, unitSignOffDeclaration, type UnitReadiness } from '../../db/assessment-model';
import { formatInstant, signerWords } from './DecisionParts';
import { VerificationBadge } from './IntegrityBadges';
import { errorMessage, type ActionOutcome } from './use-assessment';

export function SignOffSummary({ signOff, report }: { signOff: UnitSignOff; report: VerificationReport | undefined }) {
  return (
    <div className="sign-off-record">
      <p>
        <strong>Unit {signOff.unitId} signed off</strong> by {signerWords(signOff.signer)}, {formatInstant(signOff.signedAt)}
      </p>
      <VerificationBadge report={report} recordType="unit-sign-off" id={signOff.id} />
      <p className="declaration-text">“{signOff.declaration}”</p>
    </div>
  );
}

/**
 * Unit sign-off: allowed only when every marking point of the unit has a current, valid, met
 * decision. The assessor confirms the declaration before signing.
 */
export function UnitSignOffPanel({ portfolioId, unit, readiness, signOffs, report, canSign }: { portfolioId: string; unit: Unit; readiness: UnitReadiness; signOffs: readonly UnitSignOff[]; report: VerificationReport | undefined; canSign: boolean }) {
  const id = useId();
  const [isConfirmed, setIsConfirmed] = useState(false);
  const [outcome, setOutcome] = useState<ActionOutcome>({ kind: 'idle' });
  const declaration = unitSignOffDeclaration(unit);

  async function signOff(event: FormEvent): Promise<void> {
    event.preventDefault();
    setOutcome({ kind: 'busy' });
    try {
      await signOffUnit(appDb(), { portfolioId, unitId: unit.id });
      setIsConfirmed(false);
      setOutcome({ kind: 'done', message: `Unit ${unit.id} is signed off.` });
    } catch (error) {
      setOutcome({ kind: 'failed', message: errorMessage(error) });
    }
  }

  return (
    <section className="card sign-off" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Unit sign-off</h3>
      {signOffs.length === 0 ? <p className="subtle">Unit {unit.id} has not been signed off.</p> : signOffs.map((record) => <SignOffSummary key={record.id} signOff={record} report={report} />)}
      {canSign ? (
        <form onSubmit={(event) => void signOff(event)}>
          {readiness.isReady ? (
            <p className="status success" id={`${id}-why`}>
              Every marking point of unit {unit.id} has a current, valid decision of met.
            </p>
          ) : (
            <div className="status warning" id={`${id}-why`}>
              <p>Unit {unit.id} can be signed off when every marking point has a current, valid decision of met. Not yet:</p>
              <ul>
                {readiness.blockers.map((blocker) => (
                  <li key={blocker.markingPointId}>
                    {blocker.markingPointId}: {blocker.reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <label className="checkbox-label">
            <input type="checkbox" checked={isConfirmed} disabled={!readiness.isReady} onChange={(event) => setIsConfirmed(event.target.checked)} /> {declaration}
          </label>
          <div className="button-row">
            <button type="submit" disabled={!readiness.isReady || !isConfirmed || outcome.kind === 'busy'} aria-describedby={`${id}-why`}>
              Sign off unit {unit.id}
            </button>
            <span aria-live="polite">{outcome.kind === 'done' ? <span className="status-inline success">{outcome.message}</span> : null}</span>
          </div>
          {outcome.kind === 'failed' ? (
            <p className="field-error" role="alert">
              {outcome.message}
            </p>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}

export function IqaSampleSummary({ sample, report }: { sample: IqaSample; report: VerificationReport | undefined }) {
  return (
    <div className="iqa-record">
      <p>
        <strong>{sample.outcome === 'agree' ? 'IQA agrees with the assessor' : 'IQA: the assessor needs to act'}</strong> — {signerWords(sample.signer)}, {formatInstant(sample.sampledAt)}
      </p>
      <VerificationBadge report={report} recordType="iqa-sample" id={sample.id} />
      {sample.comments ? <p className="feedback-text">{sample.comments}</p> : null}
      <p className="subtle">Sampled {sample.decisionIds.length} {sample.decisionIds.length === 1 ? 'decision' : 'decisions'}.</p>
    </div>
  );
}

/**
 * Internal quality assurance of a unit: the IQA agrees with the assessor's current decisions
 * or asks them to act. Refused when the IQA made any of the decisions: shown before they try.
 */
export function IqaSamplePanel({ portfolioId, unit, decisions, samples, report, canSampleHere, myFingerprint }: { portfolioId: string; unit: Unit; decisions: readonly AssessorDecision[]; samples: readonly IqaSample[]; report: VerificationReport | undefined; canSampleHere: boolean; myFingerprint?: string }) {
  const id = useId();
  const [outcomeChoice, setOutcomeChoice] = useState<IqaOutcome | ''>('');
  const [comments, setComments] = useState('');
  const [outcome, setOutcome] = useState<ActionOutcome>({ kind: 'idle' });
  const current = unitCurrentDecisions(unit, decisions);
  const ownCheck = myFingerprint ? canSample(myFingerprint, current) : ({ ok: true } as const);
  const isOwn = !ownCheck.ok;
  const ownPoints = current.filter((decision) => decision.signer.keyFingerprint === myFingerprint).map((decision) => decision.markingPointId);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (outcomeChoice === '') return;
    setOutcome({ kind: 'busy' });
    try {
      await recordIqaSample(appDb(), { portfolioId, unitId: unit.id, outcome: outcomeChoice, comments });
      setOutcomeChoice('');
      setComments('');
      setOutcome({ kind: 'done', message: `Your sample of unit ${unit.id} is signed and recorded.` });
    } catch (error) {
      setOutcome({ kind: 'failed', message: errorMessage(error) });
    }
  }

  if (!canSampleHere && samples.length === 0) return null;
  return (
    <section className="card iqa" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Internal quality assurance</h3>
      {samples.length === 0 ? <p className="subtle">Unit {unit.id} has not been sampled.</p> : samples.map((sample) => <IqaSampleSummary key={sample.id} sample={sample} report={report} />)}
      {canSampleHere ? (
        current.length === 0 ? (
          <p className="subtle">There are no assessor decisions on unit {unit.id} to sample yet.</p>
        ) : (
          <form onSubmit={(event) => void submit(event)}>
            <p>
              You are sampling the current decisions on {current.length} {current.length === 1 ? 'marking point' : 'marking points'} of unit {unit.id}.
            </p>
            {isOwn ? (
              <p className="problems" id={`${id}-own`}>
                You cannot sample unit {unit.id}: you made the {ownPoints.length === 1 ? 'decision' : 'decisions'} on {ownPoints.join(', ')} yourself, with your own key. An internal quality assurer must sample another assessor’s decisions, not their own.
              </p>
            ) : null}
            <fieldset className="fieldset" disabled={isOwn}>
              <legend>Your sampling decision</legend>
              <div className="radio-row">
                <label>
                  <input type="radio" name={`${id}-outcome`} checked={outcomeChoice === 'agree'} onChange={() => setOutcomeChoice('agree')} /> I agree with the assessor’s decisions
                </label>
                <label>
                  <input type="radio" name={`${id}-outcome`} checked={outcomeChoice === 'assessor-to-act'} onChange={() => setOutcomeChoice('assessor-to-act')} /> The assessor needs to act
                </label>
              </div>
            </fieldset>
            <div className="field">
              <label htmlFor={`${id}-comments`}>Comments{outcomeChoice === 'assessor-to-act' ? ' (say what the assessor needs to do)' : ''}</label>
              <textarea id={`${id}-comments`} rows={3} maxLength={MAX_IQA_COMMENTS} value={comments} disabled={isOwn} onChange={(event) => setComments(event.target.value)} />
            </div>
            <div className="button-row">
              <button type="submit" disabled={isOwn || outcomeChoice === '' || outcome.kind === 'busy'} {...(isOwn ? { 'aria-describedby': `${id}-own` } : {})}>
                Sign IQA sample of unit {unit.id}
              </button>
              <span aria-live="polite">{outcome.kind === 'done' ? <span className="status-inline success">{outcome.message}</span> : null}</span>
            </div>
            {outcome.kind === 'failed' ? (
              <p className="field-error" role="alert">
                {outcome.message}
              </p>
            ) : null}
          </form>
        )
      ) : null}
    </section>
  );
}
