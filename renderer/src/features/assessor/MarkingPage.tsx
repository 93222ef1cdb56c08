import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { mappingsFor } from '../../../../core/coverage/qualifications';
import { computeCoverage, coverageTotals, latestDecisions } from '../../../../core/coverage/coverage';
import type { CoverageMatrix, CoverageStatus } from '../../../../core/coverage/types';
import { evidenceTypeLabel } from '../../../../core/evidence/catalogue';
import { formatLocator } from '../../../../core/evidence/locator';
import type { VerificationReport } from '../../../../core/integrity/verify';
import type { AssessorDecision, EvidenceItem, Mapping } from '../../../../core/model/portfolio';
import type { MarkingPoint, Unit } from '../../../../core/spec/types';
import { appDb } from '../../db/app-db';
import type { AssessmentView } from '../../db/assessment-repo';
import { ROLE_LABELS } from '../../db/keys-repo';
import { unitReadiness } from '../../db/assessment-model';
import { getCurrentPortfolio } from '../../db/portfolios-repo';
import { routeHref } from '../../lib/use-hash-route';
import { ActionPlanPanel } from './ActionPlanPanel';
import { DecisionForm, DecisionSummary } from './DecisionParts';
import { EvidenceViewer } from './EvidenceViewer';
import { IntegritySummary, StatusChip, UnitProgress } from './IntegrityBadges';
import { IqaSamplePanel, UnitSignOffPanel } from './UnitPanels';
import { useAssessment } from './use-assessment';

interface Props {
  portfolioId: string | undefined;
  unitId: string | undefined;
}

/**
 * Marking one learner's portfolio, unit by unit: for each marking point the evidence that
 * claims it (with locators and a read-only view of the item), the current decision and its
 * signature check, and, for an assessor, the form to record a signed decision. Then unit
 * sign-off, IQA sampling and the action plan.
 */
export function MarkingPage({ portfolioId, unitId }: Props) {
  const db = appDb();
  const fallbackId = useLiveQuery(async () => (portfolioId ? portfolioId : ((await getCurrentPortfolio(db))?.id ?? null)), [db, portfolioId]);
  const { view, report, isChecking, checkFailure } = useAssessment(fallbackId ?? undefined);

  if (fallbackId === undefined || view === undefined) return <p aria-busy="true">Loading the portfolio…</p>;
  if (fallbackId === null || view === null) {
    return (
      <div className="page">
        <h1>Marking</h1>
        <p>
          That portfolio is not in the app. Open one from the <a href={routeHref('caseload')}>caseload</a>.
        </p>
      </div>
    );
  }
  return <Marking view={view} report={report} isChecking={isChecking} checkFailure={checkFailure} unitId={unitId} />;
}

function Marking({ view, report, isChecking, checkFailure, unitId }: { view: AssessmentView; report: VerificationReport | undefined; isChecking: boolean; checkFailure?: string; unitId: string | undefined }) {
  const { content, contentHashes, role } = view;
  const spec = content.qualification;
  const portfolioId = content.portfolio.id;
  const matrix = useMemo(() => computeCoverage(spec, mappingsFor(content.mappings, undefined), content.decisions, contentHashes), [spec, content.mappings, content.decisions, contentHashes]);
  const totals = useMemo(() => coverageTotals(matrix), [matrix]);
  const unit = spec.units.find((candidate) => candidate.id === unitId) ?? spec.units[0];
  const isAssessor = role === 'assessor';
  const isIqa = role === 'iqa';

  return (
    <div className="page marking-page">
      <p className="breadcrumb">
        <a href={routeHref('caseload')}>Caseload</a> / Marking
      </p>
      <h1>Marking: {content.portfolio.learner.name}</h1>
      <p className="subtle">
        {content.portfolio.learner.number ? `Learner ${content.portfolio.learner.number} · ` : ''}
        {content.portfolio.centre.name} · {spec.title} (version {spec.version})
      </p>
      <RoleNotice view={view} />
      <IntegritySummary report={report} isChecking={isChecking} {...(checkFailure ? { checkFailure } : {})} />
      <div className="two-columns">
        <nav aria-label="Units to mark" className="unit-list">
          <h2 className="visually-hidden">Units</h2>
          <ul>
            {spec.units.map((candidate) => {
              const unitTotals = totals.units.find((entry) => entry.id === candidate.id)?.totals;
              return (
                <li key={candidate.id}>
                  <a className="unit-link" href={routeHref(`marking/${portfolioId}/${candidate.id}`)} aria-current={candidate.id === unit?.id ? 'page' : undefined}>
                    <span className="unit-id">{candidate.id}</span>
                    <span className="unit-link-text">
                      <span>{candidate.title}</span>
                      {unitTotals ? <UnitProgress totals={unitTotals} label={`Progress on unit ${candidate.id}`} /> : null}
                    </span>
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        {unit ? (
          <UnitMarking key={unit.id} unit={unit} view={view} matrix={matrix} report={report} isAssessor={isAssessor} isIqa={isIqa} />
        ) : (
          <p>This qualification has no units.</p>
        )}
      </div>
      <ActionPlanPanel portfolioId={portfolioId} items={content.actionPlan} spec={spec} canEdit={isAssessor} />
    </div>
  );
}

function RoleNotice({ view }: { view: AssessmentView }) {
  if (view.role === 'learner') {
    return (
      <p className="status warning">
        You are using the app as a learner, so you can read this page but not mark. Your assessor’s feedback is on the <a href={routeHref('feedback')}>Feedback</a> page. (Assessors: choose your role in <a href={routeHref('settings')}>Settings</a>.)
      </p>
    );
  }
  if (!view.profile) {
    return (
      <p className="status warning">
        Before you sign anything, fill in your name in <a href={routeHref('settings')}>Settings</a>: it goes on every decision.
      </p>
    );
  }
  return (
    <p className="subtle">
      You are working as {ROLE_LABELS[view.role].toLowerCase()}: {view.profile.name}
      {view.key ? `, key ${view.key.fingerprint}` : ' (your signing key is made when you first sign)'}.
    </p>
  );
}

function UnitMarking({ unit, view, matrix, report, isAssessor, isIqa }: { unit: Unit; view: AssessmentView; matrix: CoverageMatrix; report: VerificationReport | undefined; isAssessor: boolean; isIqa: boolean }) {
  const { content, contentHashes } = view;
  const portfolioId = content.portfolio.id;
  const unitCoverage = matrix.units.find((entry) => entry.id === unit.id);
  const statusOf = new Map<string, CoverageStatus>(unitCoverage?.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => [point.id, point.status] as const)) ?? []);
  const evidenceById = useMemo(() => new Map(content.evidence.map((item) => [item.id, item])), [content.evidence]);
  const mappingsByPoint = useMemo(() => {
    const map = new Map<string, Mapping[]>();
    for (const mapping of content.mappings) {
      const list = map.get(mapping.markingPointId);
      if (list) list.push(mapping);
      else map.set(mapping.markingPointId, [mapping]);
    }
    return map;
  }, [content.mappings]);
  const decisionsByPoint = useMemo(() => {
    const map = new Map<string, AssessorDecision[]>();
    for (const decision of content.decisions) {
      const list = map.get(decision.markingPointId);
      if (list) list.push(decision);
      else map.set(decision.markingPointId, [decision]);
    }
    return map;
  }, [content.decisions]);
  const latest = useMemo(() => latestDecisions(content.decisions), [content.decisions]);
  const readiness = unitReadiness(unit, content.decisions, contentHashes, report);
  const unitTotals = coverageTotals({ units: unitCoverage ? [unitCoverage] : [], summary: matrix.summary }).overall;

  return (
    <section className="unit-marking" aria-labelledby="unit-heading">
      <h2 id="unit-heading">
        <span className="unit-id">{unit.id}</span> {unit.title}
      </h2>
      <UnitProgress totals={unitTotals} />
      {unit.learningOutcomes.map((outcome) => (
        <div key={outcome.id} className="outcome">
          <h3>
            <span className="unit-id">{outcome.id}</span> {outcome.title}
          </h3>
          {outcome.markingPoints.map((point) => (
            <MarkingPointCard
              key={point.id}
              point={point}
              portfolioId={portfolioId}
              status={statusOf.get(point.id) ?? 'gap'}
              mappings={mappingsByPoint.get(point.id) ?? []}
              evidenceById={evidenceById}
              decisions={decisionsByPoint.get(point.id) ?? []}
              current={latest.get(point.id)}
              report={report}
              isAssessor={isAssessor}
              canComment={isAssessor || isIqa}
            />
          ))}
        </div>
      ))}
      <UnitSignOffPanel portfolioId={portfolioId} unit={unit} readiness={readiness} signOffs={content.signOffs.filter((signOff) => signOff.unitId === unit.id)} report={report} canSign={isAssessor} />
      <IqaSamplePanel
        portfolioId={portfolioId}
        unit={unit}
        decisions={content.decisions}
        samples={content.iqaSamples.filter((sample) => sample.unitId === unit.id)}
        report={report}
        canSampleHere={isIqa}
        {...(view.key ? { myFingerprint: view.key.fingerprint } : {})}
      />
    </section>
  );
}

interface CardProps {
  point: MarkingPoint;
  portfolioId: string;
  status: CoverageStatus;
  mappings: readonly Mapping[];
  evidenceById: ReadonlyMap<string, EvidenceItem>;
  decisions: readonly AssessorDecision[];
  current: AssessorDecision | undefined;
  report: VerificationReport | undefined;
  isAssessor: boolean;
  canComment: boolean;
}

function MarkingPointCard({ point, portfolioId, status, mappings, evidenceById, decisions, current, report, isAssessor, canComment }: CardProps) {
  const headingId = `mp-${point.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const earlier = decisions.filter((decision) => decision !== current).sort((a, b) => b.decidedAt.localeCompare(a.decidedAt));
  return (
    <article className="mp-card" aria-labelledby={headingId}>
      <h4 id={headingId}>
        <span className="mp-id">{point.id}</span>
        {point.label ? <> <span className="mp-label">{point.label}</span></> : null}
      </h4>
      <p className="mp-text">{point.text}</p>
      <p>
        <StatusChip status={status} />
      </p>
      <h5>Evidence that claims it</h5>
      {mappings.length === 0 ? (
        <p className="subtle">No evidence claims this marking point yet.</p>
      ) : (
        <ul className="as-claim-list">
          {mappings.map((mapping) => (
            <ClaimRow key={mapping.id} mapping={mapping} item={evidenceById.get(mapping.evidenceId)} canComment={canComment} />
          ))}
        </ul>
      )}
      <h5>Decision</h5>
      {current ? <DecisionSummary decision={current} report={report} isCurrent /> : <p className="subtle">Not judged yet.</p>}
      {earlier.length > 0 ? (
        <details className="earlier-decisions">
          <summary>
            {earlier.length} earlier {earlier.length === 1 ? 'decision' : 'decisions'}
          </summary>
          {earlier.map((decision) => (
            <DecisionSummary key={decision.id} decision={decision} report={report} isCurrent={false} />
          ))}
        </details>
      ) : null}
      {isAssessor && mappings.length > 0 ? <DecisionForm portfolioId={portfolioId} markingPointId={point.id} /> : null}
    </article>
  );
}

function ClaimRow({ mapping, item, canComment }: { mapping: Mapping; item: EvidenceItem | undefined; canComment: boolean }) {
  const [isOpen, setIsOpen] = useState(false);
  if (!item) return <li className="as-claim">An evidence item that is no longer in the portfolio ({mapping.evidenceId}).</li>;
  const viewerId = `viewer-${mapping.id}`;
  return (
    <li className="as-claim">
      <p className="as-claim-head">
        <strong>{item.title || '(untitled)'}</strong> <span className="subtle">({evidenceTypeLabel(item.type)})</span>
      </p>
      <p className="as-claim-where">
        <span className="as-claim-label">Where:</span> {formatLocator(mapping.locator)}
        {mapping.justification ? (
          <>
            {' '}
            · <span className="as-claim-label">Why:</span> {mapping.justification}
          </>
        ) : null}
      </p>
      <button type="button" className="link-button" aria-expanded={isOpen} aria-controls={viewerId} onClick={() => setIsOpen((open) => !open)}>
        {isOpen ? 'Hide' : 'View'} the item<span className="visually-hidden"> “{item.title}”</span>
      </button>
      <div id={viewerId}>{isOpen ? <EvidenceViewer item={item} canComment={canComment} /> : null}</div>
    </li>
  );
}
