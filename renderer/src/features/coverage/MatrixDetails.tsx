import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { latestDecisions } from '../../../../core/coverage/coverage';
import { suggestEvidenceTypes } from '../../../../core/coverage/suggestions';
import type { CoverageStatus, CoverageSummary } from '../../../../core/coverage/types';
import { evidenceTypeLabel } from '../../../../core/evidence/catalogue';
import { formatLocator } from '../../../../core/evidence/locator';
import type { MarkingPointRef } from '../../../../core/evidence/spec-index';
import type { AssessorDecision, EvidenceItem, Mapping } from '../../../../core/model/portfolio';
import type { Unit } from '../../../../core/spec/types';
import { routeHref } from '../../lib/use-hash-route';
import { STATUS_INFO, describeTotals, mappingKey, pointShortName } from './matrix-model';
import { SuggestionList } from './SuggestionList';

/** What the details panel shows: a cell, a marking point, an evidence item or a unit. */
export type DetailsTarget =
  | { kind: 'cell'; markingPointId: string; evidenceId: string }
  | { kind: 'point'; markingPointId: string }
  | { kind: 'evidence'; evidenceId: string }
  | { kind: 'unit'; unitId: string };

export interface DetailsData {
  points: ReadonlyMap<string, MarkingPointRef>;
  units: ReadonlyMap<string, Unit>;
  statusOf: ReadonlyMap<string, CoverageStatus>;
  evidenceOf: ReadonlyMap<string, readonly string[]>;
  items: ReadonlyMap<string, EvidenceItem>;
  codes: ReadonlyMap<string, string>;
  mappings: ReadonlyMap<string, readonly Mapping[]>;
  /** Marking points each item is mapped to, in specification order. */
  pointsOfItem: ReadonlyMap<string, readonly string[]>;
  decisions: ReturnType<typeof latestDecisions>;
  unitTotals: ReadonlyMap<string, CoverageSummary>;
}

interface Props {
  target: DetailsTarget;
  data: DetailsData;
  onClose: () => void;
  onShowPoint: (markingPointId: string) => void;
  onShowUnit: (unitId: string) => void;
}

function StatusBadge({ status }: { status: CoverageStatus }) {
  const info = STATUS_INFO[status];
  return (
    <span className={`mx-badge status-${status}`}>
      <span className="mx-symbol" aria-hidden="true">{info.symbol}</span> {status === 'gap' ? 'GAP' : info.word}
    </span>
  );
}

function itemName(item: EvidenceItem | undefined, code: string | undefined, evidenceId: string): string {
  if (!item) return `${code ?? 'Evidence'} (deleted item ${evidenceId.slice(0, 8)})`;
  return `${code ?? ''} ${item.title.trim() === '' ? 'Untitled' : item.title}`.trim();
}

function formatDate(iso: string): string {
  const time = Date.parse(iso);
  return Number.isFinite(time) ? new Date(time).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }) : iso;
}

function DecisionNote({ decision }: { decision: AssessorDecision | undefined }) {
  if (!decision) return null;
  return (
    <div className="mx-decision">
      <p>
        <strong>Assessor’s decision:</strong> {decision.status === 'met' ? 'met' : 'not yet met'}, by {decision.signer.name} on {formatDate(decision.decidedAt)}.
      </p>
      {decision.feedback.trim() !== '' ? <blockquote>{decision.feedback}</blockquote> : null}
    </div>
  );
}

function MappingFacts({ mappings }: { mappings: readonly Mapping[] }) {
  return (
    <>
      {mappings.map((mapping) => (
        <dl key={mapping.id} className="facts mx-mapping">
          <dt>Where</dt>
          <dd>{formatLocator(mapping.locator)}</dd>
          <dt>Why it meets the point</dt>
          <dd>{mapping.justification && mapping.justification.trim() !== '' ? mapping.justification : <span className="subtle">No reason given yet.</span>}</dd>
        </dl>
      ))}
    </>
  );
}

function Suggestions({ unit, refPoint }: { unit: Unit; refPoint: MarkingPointRef }) {
  const suggestions = suggestEvidenceTypes(unit, refPoint.point, { limit: 4 });
  return (
    <>
      <h3>Evidence that would suit it</h3>
      <SuggestionList suggestions={suggestions} />
    </>
  );
}

function PointBody({ markingPointId, data, onShowPoint }: { markingPointId: string; data: DetailsData; onShowPoint: (id: string) => void }) {
  const ref = data.points.get(markingPointId);
  if (!ref) return <p>This marking point is not in the qualification.</p>;
  const status = data.statusOf.get(markingPointId) ?? 'gap';
  const evidence = data.evidenceOf.get(markingPointId) ?? [];
  return (
    <>
      <p className="mx-panel-status">
        <StatusBadge status={status} /> {STATUS_INFO[status].description}
      </p>
      <p className="subtle">
        {ref.unit.id} {ref.unit.title} · {ref.outcome.id} {ref.outcome.title}
      </p>
      <blockquote className="mx-fulltext">{ref.point.text}</blockquote>
      <DecisionNote decision={data.decisions.get(markingPointId)} />
      <h3>Evidence mapped here ({evidence.length})</h3>
      {evidence.length === 0 ? (
        <p>Nothing yet.</p>
      ) : (
        <ul className="mx-evidence-list">
          {evidence.map((evidenceId) => {
            const item = data.items.get(evidenceId);
            return (
              <li key={evidenceId}>
                {item ? <a href={routeHref(`evidence/${evidenceId}`)}>{itemName(item, data.codes.get(evidenceId), evidenceId)}</a> : itemName(item, undefined, evidenceId)}
                <MappingFacts mappings={data.mappings.get(mappingKey(markingPointId, evidenceId)) ?? []} />
              </li>
            );
          })}
        </ul>
      )}
      {status === 'gap' || status === 'not-yet' ? <Suggestions unit={ref.unit} refPoint={ref} /> : null}
      <p className="button-row">
        <a className="mx-button-link" href={routeHref(`mapping/${markingPointId}`)}>
          Map evidence to {markingPointId}
        </a>
        <button type="button" className="secondary" onClick={() => onShowPoint(markingPointId)}>
          Show the row in the matrix
        </button>
      </p>
    </>
  );
}

function EvidenceBody({ evidenceId, data }: { evidenceId: string; data: DetailsData }) {
  const item = data.items.get(evidenceId);
  if (!item) return <p>This evidence item has been deleted.</p>;
  const points = data.pointsOfItem.get(evidenceId) ?? [];
  return (
    <>
      <p>
        {evidenceTypeLabel(item.type)} · {item.activityDate}
      </p>
      <h3>Mapped to {points.length === 1 ? '1 marking point' : `${points.length} marking points`}</h3>
      {points.length === 0 ? (
        <p>Not mapped yet.</p>
      ) : (
        <ul className="mx-evidence-list">
          {points.map((pointId) => {
            const ref = data.points.get(pointId);
            return (
              <li key={pointId}>
                <span className="mp-id">{pointId}</span> {ref ? pointShortName(ref.point) : ''} <StatusBadge status={data.statusOf.get(pointId) ?? 'gap'} />
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <a className="mx-button-link" href={routeHref(`evidence/${evidenceId}`)}>
          Open the evidence item
        </a>
      </p>
    </>
  );
}

function CellBody({ markingPointId, evidenceId, data, onShowPoint }: { markingPointId: string; evidenceId: string; data: DetailsData; onShowPoint: (id: string) => void }) {
  const ref = data.points.get(markingPointId);
  const item = data.items.get(evidenceId);
  const mappings = data.mappings.get(mappingKey(markingPointId, evidenceId)) ?? [];
  const status = data.statusOf.get(markingPointId) ?? 'gap';
  const code = data.codes.get(evidenceId);
  return (
    <>
      <p className="mx-panel-status">
        <StatusBadge status={status} /> {STATUS_INFO[status].description}
      </p>
      <h3>
        <span className="mp-id">{markingPointId}</span> {ref ? pointShortName(ref.point) : ''}
      </h3>
      {ref ? <blockquote className="mx-fulltext">{ref.point.text}</blockquote> : null}
      <h3>{itemName(item, code, evidenceId)}</h3>
      {item ? (
        <p className="subtle">
          {evidenceTypeLabel(item.type)} · {item.activityDate}
        </p>
      ) : null}
      {mappings.length > 0 ? (
        <>
          <p>
            {code ?? 'This item'} is mapped to {markingPointId}:
          </p>
          <MappingFacts mappings={mappings} />
        </>
      ) : (
        <p>
          {code ?? 'This item'} is not mapped to {markingPointId}.
        </p>
      )}
      <DecisionNote decision={data.decisions.get(markingPointId)} />
      <p className="button-row">
        {item ? (
          <a className="mx-button-link" href={routeHref(`evidence/${evidenceId}`)}>
            {mappings.length > 0 ? 'Open the evidence item to change its mapping' : 'Open the evidence item to map it'}
          </a>
        ) : null}
        <button type="button" className="secondary" onClick={() => onShowPoint(markingPointId)}>
          All evidence for {markingPointId}
        </button>
      </p>
    </>
  );
}

function UnitBody({ unitId, data, onShowUnit }: { unitId: string; data: DetailsData; onShowUnit: (id: string) => void }) {
  const unit = data.units.get(unitId);
  const totals = data.unitTotals.get(unitId);
  if (!unit) return <p>This unit is not in the qualification.</p>;
  return (
    <>
      {unit.synopsis ? <p>{unit.synopsis}</p> : null}
      {totals ? <p>{describeTotals(totals)}.</p> : null}
      <p className="button-row">
        <button type="button" onClick={() => onShowUnit(unitId)}>
          Show only {unitId}
        </button>
        <a className="mx-button-link secondary" href={routeHref(`qualification/${unitId}`)}>
          Read the unit’s guidance
        </a>
      </p>
    </>
  );
}

function titleOf(target: DetailsTarget, data: DetailsData): string {
  switch (target.kind) {
    case 'cell':
      return `${target.markingPointId} × ${data.codes.get(target.evidenceId) ?? 'evidence'}`;
    case 'point': {
      const ref = data.points.get(target.markingPointId);
      return `${target.markingPointId}${ref ? ` ${pointShortName(ref.point)}` : ''}`;
    }
    case 'evidence':
      return itemName(data.items.get(target.evidenceId), data.codes.get(target.evidenceId), target.evidenceId);
    case 'unit':
      return `${target.unitId} ${data.units.get(target.unitId)?.title ?? ''}`.trim();
  }
}

/**
 * The side panel beside the matrix: what a cell, row or column header is about, with its
 * mapping (where and why), the assessor's decision, and links to put things right. It takes
 * the focus when it opens and Escape closes it.
 */
export function MatrixDetails({ target, data, onClose, onShowPoint, onShowUnit }: Props) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const targetKey = JSON.stringify(target);
  useEffect(() => {
    headingRef.current?.focus();
  }, [targetKey]);

  function onKeyDown(event: KeyboardEvent<HTMLElement>): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  }

  return (
    <aside className="mx-panel" aria-labelledby="mx-panel-title" onKeyDown={onKeyDown}>
      <div className="mx-panel-head">
        <h2 id="mx-panel-title" ref={headingRef} tabIndex={-1}>
          {titleOf(target, data)}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          Close<span className="visually-hidden"> the details</span>
        </button>
      </div>
      {target.kind === 'cell' ? <CellBody markingPointId={target.markingPointId} evidenceId={target.evidenceId} data={data} onShowPoint={onShowPoint} /> : null}
      {target.kind === 'point' ? <PointBody markingPointId={target.markingPointId} data={data} onShowPoint={onShowPoint} /> : null}
      {target.kind === 'evidence' ? <EvidenceBody evidenceId={target.evidenceId} data={data} /> : null}
      {target.kind === 'unit' ? <UnitBody unitId={target.unitId} data={data} onShowUnit={onShowUnit} /> : null}
    </aside>
  );
}
