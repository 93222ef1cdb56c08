import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { coverageTotals, latestDecisions } from '../../../../core/coverage/coverage';
import { whatsMissing } from '../../../../core/coverage/suggestions';
import type { CoverageMatrix, CoverageStatus } from '../../../../core/coverage/types';
import { markingPointIndex } from '../../../../core/evidence/spec-index';
import type { Mapping, PortfolioContent } from '../../../../core/model/portfolio';
import type { QualificationSpec, Unit } from '../../../../core/spec/types';
import { mappingsFor } from '../../../../core/coverage/qualifications';
import { routeHref } from '../../lib/use-hash-route';
import { PortfolioSwitcher } from '../portfolios/PortfolioSwitcher';
import { coveragePath, parseCoverageRoute } from './coverage-route';
import { MatrixDetails, type DetailsData, type DetailsTarget } from './MatrixDetails';
import { MatrixGrid, type FocusRequest, type MatrixTarget } from './MatrixGrid';
import { MatrixLegend } from './MatrixLegend';
import {
  COVERAGE_STATUSES,
  STATUS_INFO,
  buildColumns,
  buildRows,
  describeTotals,
  evidenceCodes,
  evidenceInRows,
  mappingKey,
  type ColumnGrouping,
} from './matrix-model';
import { UnitProgress } from './UnitProgress';
import { usePortfolioCoverage } from './use-portfolio-coverage';
import { WhatsMissing } from './WhatsMissing';

interface Props {
  rest: string[];
  navigate: (path: string) => void;
}

/** The coverage gap matrix page: progress, filters, the grid with its details panel, and what's missing. */
export function CoveragePage({ rest, navigate }: Props) {
  const state = usePortfolioCoverage();
  const [chosenId, setChosenId] = useState<string | undefined>(undefined);
  if (state.status === 'loading') return <p aria-busy="true">Loading the coverage matrix…</p>;
  if (state.status === 'none') {
    return (
      <div className="page">
        <h1>Coverage gap matrix</h1>
        <p>
          There is no portfolio yet. <a href={routeHref('portfolios')}>Start a portfolio</a> or <a href={routeHref('share')}>open a package</a> first.
        </p>
      </div>
    );
  }
  if (state.status === 'no-spec') {
    return (
      <div className="page">
        <PortfolioSwitcher />
        <h1>Coverage gap matrix</h1>
        <p className="problems">
          This portfolio’s qualification ({state.portfolio.qualificationId}, version {state.portfolio.qualificationVersion}) is not in the app. Import its specification on the{' '}
          <a href={routeHref('qualification')}>Qualification page</a>.
        </p>
      </div>
    );
  }
  // With further qualifications (a standard's KSBs alongside the qualification), each has its own matrix.
  const chosen = state.matrices.find((entry) => !entry.isMain && entry.qualification.id === chosenId) ?? state.matrices[0];
  if (!chosen || chosen.isMain) {
    return <CoverageView content={viewOf(state.loaded.content, undefined)} matrix={state.matrix} rest={rest} navigate={navigate} chooser={<QualificationChooser state={state} chosenId={undefined} onChoose={setChosenId} />} />;
  }
  return (
    <CoverageView
      key={chosen.qualification.id}
      content={viewOf(state.loaded.content, chosen.qualification)}
      matrix={chosen.matrix}
      rest={rest}
      navigate={navigate}
      chooser={<QualificationChooser state={state} chosenId={chosen.qualification.id} onChoose={setChosenId} />}
    />
  );
}

/** The portfolio as one qualification's matrix sees it: that qualification, its mappings, and decisions for the main one only. */
function viewOf(content: PortfolioContent, additional: QualificationSpec | undefined): PortfolioContent {
  if (additional === undefined) return content.additionalQualifications ? { ...content, mappings: mappingsFor(content.mappings, undefined) } : content;
  return { ...content, qualification: additional, mappings: mappingsFor(content.mappings, additional.id), decisions: [] };
}

function QualificationChooser({ state, chosenId, onChoose }: { state: Extract<ReturnType<typeof usePortfolioCoverage>, { status: 'ready' }>; chosenId: string | undefined; onChoose: (id: string | undefined) => void }) {
  const id = useId();
  if (state.matrices.length < 2) return null;
  return (
    <div className="mx-qualification">
      <label htmlFor={id}>Qualification</label>
      <select id={id} value={chosenId ?? ''} onChange={(event) => onChoose(event.target.value === '' ? undefined : event.target.value)}>
        {state.matrices.map((entry) => (
          <option key={entry.qualification.id} value={entry.isMain ? '' : entry.qualification.id}>
            {entry.qualification.title} ({entry.matrix.summary.gaps} {entry.matrix.summary.gaps === 1 ? 'gap' : 'gaps'})
          </option>
        ))}
      </select>
    </div>
  );
}

function buildDetailsData(content: PortfolioContent, matrix: CoverageMatrix, unitTotals: DetailsData['unitTotals']): DetailsData {
  const spec = content.qualification;
  const statusOf = new Map<string, CoverageStatus>();
  const evidenceOf = new Map<string, readonly string[]>();
  const pointsOfItem = new Map<string, string[]>();
  for (const unit of matrix.units) {
    for (const outcome of unit.learningOutcomes) {
      for (const point of outcome.markingPoints) {
        if (statusOf.has(point.id)) continue;
        statusOf.set(point.id, point.status);
        evidenceOf.set(point.id, point.evidence);
        for (const evidenceId of point.evidence) {
          const list = pointsOfItem.get(evidenceId);
          if (list) list.push(point.id);
          else pointsOfItem.set(evidenceId, [point.id]);
        }
      }
    }
  }
  const mappings = new Map<string, Mapping[]>();
  for (const mapping of content.mappings) {
    const key = mappingKey(mapping.markingPointId, mapping.evidenceId);
    const list = mappings.get(key);
    if (list) list.push(mapping);
    else mappings.set(key, [mapping]);
  }
  const units = new Map<string, Unit>();
  for (const unit of spec.units) if (!units.has(unit.id)) units.set(unit.id, unit);
  return {
    points: markingPointIndex(spec),
    units,
    statusOf,
    evidenceOf,
    items: new Map(content.evidence.map((item) => [item.id, item])),
    codes: evidenceCodes(content.evidence),
    mappings,
    pointsOfItem,
    decisions: latestDecisions(content.decisions),
    unitTotals,
  };
}

function targetOf(target: MatrixTarget): DetailsTarget {
  switch (target.kind) {
    case 'cell':
      return { kind: 'cell', markingPointId: target.row.point.id, evidenceId: target.column.id };
    case 'point':
      return { kind: 'point', markingPointId: target.row.point.id };
    case 'evidence':
      return { kind: 'evidence', evidenceId: target.column.id };
    case 'unit':
      return { kind: 'unit', unitId: target.unitId };
  }
}

function CoverageView({ content, matrix, rest, navigate, chooser }: { content: PortfolioContent; matrix: CoverageMatrix; rest: string[]; navigate: (path: string) => void; chooser?: ReactNode }) {
  const ids = useId();
  const legendId = `${ids}-legend`;
  const route = parseCoverageRoute(rest);
  const spec = content.qualification;
  const unitId = route.unitId !== undefined && spec.units.some((unit) => unit.id === route.unitId) ? route.unitId : undefined;
  const [statuses, setStatuses] = useState<ReadonlySet<CoverageStatus>>(() => new Set());
  const [grouping, setGrouping] = useState<ColumnGrouping>('none');
  const [isOnlyMapped, setIsOnlyMapped] = useState(false);
  const [details, setDetails] = useState<DetailsTarget | undefined>();
  const [focusRequest, setFocusRequest] = useState<FocusRequest | undefined>();
  const returnFocus = useRef<HTMLElement | null>(null);
  const nonce = useRef(0);

  const totals = useMemo(() => coverageTotals(matrix), [matrix]);
  const unitTotals = useMemo(() => new Map(totals.units.map((unit) => [unit.id, unit.totals])), [totals]);
  const unitsById = useMemo(() => new Map(spec.units.map((unit) => [unit.id, unit])), [spec]);
  const data = useMemo(() => buildDetailsData(content, matrix, unitTotals), [content, matrix, unitTotals]);
  const rows = useMemo(() => buildRows(spec, matrix, { unitId, statuses }), [spec, matrix, unitId, statuses]);
  const { columns, groups } = useMemo(
    () => buildColumns(content.evidence, { grouping, onlyIds: isOnlyMapped ? evidenceInRows(rows) : undefined }),
    [content.evidence, grouping, isOnlyMapped, rows],
  );
  const gaps = useMemo(() => whatsMissing(spec, matrix, { unitId, limit: 4 }), [spec, matrix, unitId]);
  const toRevisit = useMemo(() => whatsMissing(spec, matrix, { unitId, statuses: ['not-yet', 'stale'], limit: 4 }), [spec, matrix, unitId]);
  const pointCount = rows.filter((row) => row.kind === 'point').length;

  const showPoint = useCallback(
    (markingPointId: string) => {
      // Make sure the row is in the grid: drop filters that would hide it.
      setStatuses((current) => (current.size > 0 && !current.has(data.statusOf.get(markingPointId) ?? 'gap') ? new Set() : current));
      const pointUnit = data.points.get(markingPointId)?.unit.id;
      if (unitId !== undefined && pointUnit !== unitId) navigate(coveragePath({ markingPointId }));
      nonce.current += 1;
      setFocusRequest({ markingPointId, nonce: nonce.current });
      setDetails({ kind: 'point', markingPointId });
    },
    [data, unitId, navigate],
  );

  // Arriving from a link such as #/coverage/point/CS5.1.1: go to that row and open its details.
  useEffect(() => {
    if (route.markingPointId !== undefined) showPoint(route.markingPointId);
    // Only a change of route should move the focus, not every change of data.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [route.markingPointId]);

  const open = useCallback((target: MatrixTarget) => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDetails(targetOf(target));
  }, []);

  function closeDetails(): void {
    setDetails(undefined);
    const previous = returnFocus.current;
    // Back to the cell that opened the panel, or the grid's tab stop if it scrolled away.
    requestAnimationFrame(() => {
      if (previous && previous.isConnected) previous.focus({ preventScroll: true });
      else document.querySelector<HTMLElement>('.mx-scroll [tabindex="0"]')?.focus({ preventScroll: true });
    });
  }

  function selectUnit(next: string | undefined): void {
    navigate(coveragePath(next === undefined ? {} : { unitId: next }));
  }

  function toggleStatus(status: CoverageStatus, isOn: boolean): void {
    setStatuses((current) => {
      const next = new Set(current);
      if (isOn) next.add(status);
      else next.delete(status);
      return next;
    });
  }

  const selectedPointId = details?.kind === 'point' || details?.kind === 'cell' ? details.markingPointId : undefined;

  return (
    <div className="page mx-page">
      <PortfolioSwitcher />
      <div className="page-head">
        <div>
          <h1>Coverage gap matrix</h1>
          <p className="subtle">
            {content.portfolio.learner.name} · {spec.title}
          </p>
        </div>
        <p className="mx-summary" aria-live="polite">
          <strong>{matrix.summary.markingPoints} marking points:</strong> {describeTotals(matrix.summary)}.
        </p>
      </div>
      {chooser}

      <UnitProgress units={totals.units} titles={unitsById} selectedUnitId={unitId} onSelectUnit={selectUnit} />

      <form className="mx-filters" aria-label="Filter the matrix" onSubmit={(event) => event.preventDefault()}>
        <div className="mx-filter">
          <label htmlFor={`${ids}-unit`}>Unit</label>
          <select id={`${ids}-unit`} value={unitId ?? ''} onChange={(event) => selectUnit(event.target.value === '' ? undefined : event.target.value)}>
            <option value="">All units</option>
            {spec.units.map((unit, index) => (
              <option key={`${unit.id}-${index}`} value={unit.id}>
                {unit.id} {unit.title}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="mx-filter mx-status-filter">
          <legend>Show marking points that are</legend>
          {COVERAGE_STATUSES.map((status) => (
            <label key={status} className="mx-check">
              <input type="checkbox" checked={statuses.has(status)} onChange={(event) => toggleStatus(status, event.target.checked)} />
              <span className={`mx-badge status-${status}`}>
                <span className="mx-symbol" aria-hidden="true">{STATUS_INFO[status].symbol}</span> {status === 'gap' ? 'GAP' : STATUS_INFO[status].word}
              </span>
            </label>
          ))}
          <span className="subtle">{statuses.size === 0 ? 'Tick none to show all.' : ''}</span>
        </fieldset>
        <div className="mx-filter">
          <label className="mx-check">
            <input type="checkbox" checked={grouping === 'type'} onChange={(event) => setGrouping(event.target.checked ? 'type' : 'none')} />
            Group evidence by type
          </label>
          <label className="mx-check">
            <input type="checkbox" checked={isOnlyMapped} onChange={(event) => setIsOnlyMapped(event.target.checked)} />
            Only evidence mapped to these rows
          </label>
        </div>
      </form>

      <MatrixLegend introId={legendId} />

      <p className="subtle" aria-live="polite">
        Showing {pointCount === 1 ? '1 marking point' : `${pointCount} marking points`} and {columns.length === 1 ? '1 evidence item' : `${columns.length} evidence items`}. Use the arrow keys to move around the matrix; press Enter to see the details.
      </p>
      {pointCount === 0 ? (
        <p className="status warning">
          No marking points match these filters.{' '}
          <button type="button" className="link-button" onClick={() => setStatuses(new Set())}>
            Show every status
          </button>
        </p>
      ) : null}
      {content.evidence.length === 0 ? (
        <p className="status warning">
          There is no evidence in this portfolio yet. <a href={routeHref('evidence')}>Add evidence</a>, then map it to marking points.
        </p>
      ) : null}

      <div className={details ? 'mx-layout has-panel' : 'mx-layout'}>
        <MatrixGrid
          rows={rows}
          columns={columns}
          groups={groups}
          unitTotals={unitTotals}
          onOpen={open}
          focusRequest={focusRequest}
          describedBy={legendId}
          selectedPointId={selectedPointId}
        />
        {details ? <MatrixDetails target={details} data={data} onClose={closeDetails} onShowPoint={showPoint} onShowUnit={(id) => selectUnit(id)} /> : null}
      </div>

      <WhatsMissing gaps={gaps} toRevisit={toRevisit} unitId={unitId} onShowPoint={showPoint} />
    </div>
  );
}
