import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { mappingsFor } from '../../../../core/coverage/qualifications';
import { computeCoverage, latestDecisions } from '../../../../core/coverage/coverage';
import type { CoverageStatus } from '../../../../core/coverage/types';
import type { VerificationReport } from '../../../../core/integrity/verify';
import type { Declaration, EvidenceComment } from '../../../../core/model/portfolio';
import { appDb } from '../../db/app-db';
import { signLearnerDeclaration, type AssessmentView } from '../../db/assessment-repo';
import { useWithSigningKey } from '../settings/SigningKeyPrompt';
import { LEARNER_DECLARATION_TEXT, unitMarkingPointIds } from '../../db/assessment-model';
import { getCurrentPortfolio } from '../../db/portfolios-repo';
import { routeHref } from '../../lib/use-hash-route';
import { ActionPlanPanel } from './ActionPlanPanel';
import { DecisionSummary, formatInstant } from './DecisionParts';
import { CommentList } from './EvidenceViewer';
import { IntegritySummary, StatusChip, VerificationBadge } from './IntegrityBadges';
import { ReturnImport } from './ReturnImport';
import { IqaSampleSummary, SignOffSummary } from './UnitPanels';
import { errorMessage, useAssessment, type ActionOutcome } from './use-assessment';

/**
 * The learner's view of their assessor's work: decisions with feedback, unit sign-offs, IQA
 * samples, comments on their evidence and their action plan. Read-only: nothing here lets a
 * learner change what an assessor wrote. Also where the learner signs the declaration that
 * the work is their own, and brings in a package the assessor sent back.
 */
export function FeedbackPage() {
  const db = appDb();
  const portfolioId = useLiveQuery(async () => (await getCurrentPortfolio(db))?.id ?? null, [db]);
  const { view, report, isChecking, checkFailure } = useAssessment(portfolioId ?? undefined);

  if (portfolioId === undefined || view === undefined) return <p aria-busy="true">Loading…</p>;
  if (portfolioId === null || view === null) {
    return (
      <div className="page">
        <h1>Feedback</h1>
        <p>There is no portfolio yet. Start one, or open a package, first.</p>
      </div>
    );
  }
  const { content } = view;
  return (
    <div className="page feedback-page">
      <h1>Feedback on {content.portfolio.learner.name}’s portfolio</h1>
      <p className="subtle">
        What your assessor and internal quality assurer have decided and written. Only they can change it; it is signed so that nobody else can.
      </p>
      <IntegritySummary report={report} isChecking={isChecking} {...(checkFailure ? { checkFailure } : {})} />
      <ActionPlanPanel portfolioId={content.portfolio.id} items={content.actionPlan} spec={content.qualification} canEdit={false} />
      <DecisionsByUnit view={view} report={report} />
      <CommentsSection view={view} />
      <LearnerDeclaration view={view} report={report} />
      {view.role === 'learner' ? <ReturnImport actor={content.portfolio.learner.name} /> : null}
    </div>
  );
}

function DecisionsByUnit({ view, report }: { view: AssessmentView; report: VerificationReport | undefined }) {
  const { content, contentHashes } = view;
  const spec = content.qualification;
  const latest = useMemo(() => latestDecisions(content.decisions), [content.decisions]);
  const statusOf = useMemo(() => {
    const matrix = computeCoverage(spec, mappingsFor(content.mappings, undefined), content.decisions, contentHashes);
    return new Map<string, CoverageStatus>(matrix.units.flatMap((unit) => unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => [point.id, point.status] as const))));
  }, [spec, content.mappings, content.decisions, contentHashes]);
  const units = spec.units.filter((unit) => unitMarkingPointIds(unit).some((id) => latest.has(id)) || content.signOffs.some((signOff) => signOff.unitId === unit.id));

  return (
    <section className="card" aria-labelledby="decisions-heading">
      <h2 id="decisions-heading">Decisions on your marking points</h2>
      {units.length === 0 ? (
        <p className="subtle">Your assessor has not judged any marking points yet.</p>
      ) : (
        units.map((unit) => (
          <div key={unit.id} className="feedback-unit">
            <h3>
              <span className="unit-id">{unit.id}</span> {unit.title}
            </h3>
            {content.signOffs.filter((signOff) => signOff.unitId === unit.id).map((signOff) => (
              <SignOffSummary key={signOff.id} signOff={signOff} report={report} />
            ))}
            {content.iqaSamples.filter((sample) => sample.unitId === unit.id).map((sample) => (
              <IqaSampleSummary key={sample.id} sample={sample} report={report} />
            ))}
            {unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints).map((point) => {
              const decision = latest.get(point.id);
              if (!decision) return null;
              const status = statusOf.get(point.id);
              const headingId = `feedback-${point.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
              return (
                <article key={point.id} className="mp-card" aria-labelledby={headingId}>
                  <h4 id={headingId}>
                    <span className="mp-id">{point.id}</span>
                    {point.label ? <> <span className="mp-label">{point.label}</span></> : null}
                  </h4>
                  <p className="mp-text">{point.text}</p>
                  {status ? (
                    <p>
                      <StatusChip status={status} />
                    </p>
                  ) : null}
                  {status === 'stale' ? (
                    <p className="status warning stale-note">
                      <strong>Evidence changed since this was judged.</strong> You have edited or removed evidence your assessor looked at, so this decision no longer stands until they look at it again.
                    </p>
                  ) : null}
                  <DecisionSummary decision={decision} report={report} isCurrent />
                </article>
              );
            })}
          </div>
        ))
      )}
    </section>
  );
}

function CommentsSection({ view }: { view: AssessmentView }) {
  const { content } = view;
  const byItem = new Map<string, EvidenceComment[]>();
  for (const comment of content.comments) {
    const list = byItem.get(comment.evidenceId);
    if (list) list.push(comment);
    else byItem.set(comment.evidenceId, [comment]);
  }
  const titles = new Map(content.evidence.map((item) => [item.id, item.title]));
  return (
    <section className="card" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments on your evidence</h2>
      {byItem.size === 0 ? (
        <p className="subtle">No comments yet.</p>
      ) : (
        [...byItem.entries()].map(([evidenceId, comments]) => (
          <div key={evidenceId} className="feedback-comments">
            <h3>{titles.get(evidenceId) ?? 'An item no longer in your portfolio'}</h3>
            <CommentList comments={[...comments].sort((a, b) => a.createdAt.localeCompare(b.createdAt))} />
          </div>
        ))
      )}
    </section>
  );
}

/** Who signed a declaration, when, and whether the signature holds (older ones are a typed name only). */
function DeclarationSigned({ declaration, report }: { declaration: Declaration; report: VerificationReport | undefined }) {
  if (!declaration.signature) {
    return (
      <p>
        {declaration.name}, {formatInstant(declaration.signedAt)}. <span className="subtle">(Older form: a typed name, not a signed record.)</span>
      </p>
    );
  }
  return (
    <>
      <p>
        Signed by <strong>{declaration.name}</strong> on {formatInstant(declaration.signedAt)}.
      </p>
      <VerificationBadge report={report} recordType="declaration" id={declaration.id} signerRole={declaration.signer?.role} />
    </>
  );
}

/** The learner's declaration of authenticity: required before a submission (the checks say so). */
function LearnerDeclaration({ view, report }: { view: AssessmentView; report: VerificationReport | undefined }) {
  const id = useId();
  const { content } = view;
  const signed: Declaration | undefined = content.declarations.find((declaration) => declaration.kind === 'learner-authenticity');
  const assessorDeclarations = content.declarations.filter((declaration) => declaration.kind === 'assessor');
  const [name, setName] = useState(content.portfolio.learner.name);
  const [isConfirmed, setIsConfirmed] = useState(false);
  const [outcome, setOutcome] = useState<ActionOutcome>({ kind: 'idle' });
  const withSigningKey = useWithSigningKey();

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setOutcome({ kind: 'busy' });
    try {
      await withSigningKey(() => signLearnerDeclaration(appDb(), { portfolioId: content.portfolio.id, name }));
      setOutcome({ kind: 'done', message: 'Your declaration is signed.' });
    } catch (error) {
      setOutcome({ kind: 'failed', message: errorMessage(error) });
    }
  }

  return (
    <section className="card declarations" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Declarations</h2>
      <h3>Your declaration that the work is your own</h3>
      {signed ? (
        <div className="declaration-record">
          <p className="declaration-text">“{signed.text}”</p>
          <DeclarationSigned declaration={signed} report={report} />
        </div>
      ) : view.role === 'learner' ? (
        <form onSubmit={(event) => void submit(event)}>
          <p>You must sign this before you submit your portfolio: the PDF submission is only a draft until you do. It is signed with your own key on this computer, so nobody else can sign it for you.</p>
          <p className="declaration-text">“{LEARNER_DECLARATION_TEXT}”</p>
          <div className="field">
            <label htmlFor={`${id}-name`}>Your full name</label>
            <input id={`${id}-name`} type="text" value={name} maxLength={200} autoComplete="name" onChange={(event) => setName(event.target.value)} />
          </div>
          <label className="checkbox-label">
            <input type="checkbox" checked={isConfirmed} onChange={(event) => setIsConfirmed(event.target.checked)} /> I have read the declaration and it is true.
          </label>
          <div className="button-row">
            <button type="submit" disabled={!isConfirmed || name.trim() === '' || outcome.kind === 'busy'}>
              Sign my declaration
            </button>
          </div>
          {outcome.kind === 'failed' ? (
            <p className="field-error" role="alert">
              {outcome.message}
            </p>
          ) : null}
        </form>
      ) : (
        <p className="subtle">The learner has not signed their declaration yet.</p>
      )}
      {assessorDeclarations.length > 0 ? (
        <>
          <h3>Assessor’s declaration</h3>
          {assessorDeclarations.map((declaration) => (
            <div key={declaration.id} className="declaration-record">
              <p className="declaration-text">“{declaration.text}”</p>
              <DeclarationSigned declaration={declaration} report={report} />
            </div>
          ))}
        </>
      ) : null}
      <p className="subtle">
        Ready to submit? Make the PDF on the <a href={routeHref('pdf')}>PDF submission</a> page.
      </p>
    </section>
  );
}
