import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { EVIDENCE_TYPE_INFO, EVIDENCE_TYPE_LIST, SERVICE_LABEL_INFO, isEvidenceType } from '../../../../core/evidence/catalogue';
import { attachmentKindOf } from '../../../../core/evidence/media-type';
import { EVIDENCE_SORTS, UNMAPPED, buildSearchEntries, countByType, filterEntries, isEvidenceSort, sortEntries, type EvidenceFilter, type EvidenceSearchEntry, type EvidenceSort, type LabelFilter } from '../../../../core/evidence/search';
import { markingPointIndex } from '../../../../core/evidence/spec-index';
import type { Portfolio } from '../../../../core/model/portfolio';
import { compareNatural } from '../../../../core/natural-order';
import type { QualificationSpec } from '../../../../core/spec/types';
import { formatCount, formatDay } from '../../components/format';
import { useObjectUrl } from '../../components/use-object-url';
import { appDb, type StoredEvidence } from '../../db/app-db';
import { getAttachment } from '../../db/attachments-repo';
import { listEvidence } from '../../db/evidence-repo';
import { listMappings } from '../../db/mappings-repo';
import { routeHref } from '../../lib/use-hash-route';
import { readEvidencePreview, type EvidencePreview } from './first-screen';
import { NewEvidencePanel } from './NewEvidencePanel';
import { TrashPanel } from './TrashPanel';

interface Props {
  portfolio: Portfolio;
  spec: QualificationSpec | undefined;
  actor: string;
  navigate: (path: string) => void;
  /** The first rows, read before the first render (shown until the live query answers). */
  readAhead?: EvidencePreview | undefined;
}

interface ListState {
  filter: EvidenceFilter;
  sort: EvidenceSort;
}

/** Filters survive going into an item and back (for this session, per portfolio). */
const remembered = new Map<string, ListState>();
const DEFAULT_STATE: ListState = { filter: {}, sort: 'updated' };
const ROW_HEIGHT = 88;
const LABELS: readonly LabelFilter[] = ['reactive', 'proactive', 'both', 'unlabelled'];

function labelFilterText(label: LabelFilter): string {
  switch (label) {
    case 'reactive':
      return 'Reactive (including both)';
    case 'proactive':
      return 'Proactive (including both)';
    case 'both':
      return 'Reactive and proactive';
    case 'unlabelled':
      return 'Not labelled yet';
  }
}

/** Only the filters in use, so "any filters?" is just "any keys?". */
function cleanFilter(filter: EvidenceFilter): EvidenceFilter {
  return {
    ...(filter.query ? { query: filter.query } : {}),
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.unitId ? { unitId: filter.unitId } : {}),
    ...(filter.markingPointId ? { markingPointId: filter.markingPointId } : {}),
    ...(filter.label ? { label: filter.label } : {}),
  };
}

function itemCount(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'item' : 'items'}`;
}

function isLabelFilter(value: string): value is LabelFilter {
  return (LABELS as readonly string[]).includes(value);
}

/**
 * Every item of the portfolio: search over titles, narratives and tags, filters, sorting and
 * counts. The list is virtualised (only the rows on screen exist), so it stays quick with
 * thousands of items.
 */
export function EvidenceList({ portfolio, spec, actor, navigate, readAhead }: Props) {
  const db = appDb();
  const [state, setState] = useState<ListState>(() => remembered.get(portfolio.id) ?? DEFAULT_STATE);
  const isDefaultView = state.sort === DEFAULT_STATE.sort && Object.keys(state.filter).length === 0;
  // A long list opens in two steps: the most recently changed items (one index read) go on
  // screen at once; the whole list, which search, filters and counts need, loads just after.
  const [isFullWanted, setIsFullWanted] = useState(false);
  const full = useLiveQuery(async () => {
    if (!isFullWanted) return undefined;
    // Both reads at once: the database answers them side by side.
    const [items, mappings] = await Promise.all([listEvidence(db, portfolio.id), listMappings(db, portfolio.id)]);
    return { items, mappings };
  }, [db, portfolio.id, isFullWanted]);
  const isComplete = full !== undefined;
  // One query, so the count and the first rows arrive in the same render.
  const preview = useLiveQuery(async () => (isComplete ? undefined : readEvidencePreview(db, portfolio.id)), [db, portfolio.id, isComplete], readAhead);
  const total = full ? full.items.length : preview?.total;
  useEffect(() => {
    if (isFullWanted || (preview === undefined && isDefaultView)) return undefined;
    // Let the first screen paint before the big read takes the main thread.
    const timer = window.setTimeout(() => setIsFullWanted(true), 0);
    return () => window.clearTimeout(timer);
  }, [isFullWanted, preview, isDefaultView]);
  const source = full ?? (isDefaultView ? preview : undefined);
  const items = full?.items;
  const [isChoosingType, setIsChoosingType] = useState(false);
  const ids = { search: useId(), type: useId(), unit: useId(), point: useId(), label: useId(), sort: useId() };

  useEffect(() => {
    remembered.set(portfolio.id, state);
  }, [portfolio.id, state]);

  const index = useMemo(() => (spec ? markingPointIndex(spec) : new Map()), [spec]);
  const entries = useMemo(() => (source ? buildSearchEntries(source.items, source.mappings, (id) => index.get(id)?.unit.id) : undefined), [source, index]);
  const sorted = useMemo(() => (entries ? sortEntries(entries, state.sort) : undefined), [entries, state.sort]);
  const shown = useMemo(() => (sorted ? filterEntries(sorted, state.filter) : undefined), [sorted, state.filter]);
  const typeCounts = useMemo(() => countByType(items ?? []), [items]);

  const setFilter = (change: Partial<EvidenceFilter>): void => setState((current) => ({ ...current, filter: cleanFilter({ ...current.filter, ...change }) }));
  const hasFilters = Object.keys(state.filter).length > 0;
  const unitPoints = spec ? spec.units.filter((unit) => !state.filter.unitId || state.filter.unitId === UNMAPPED || unit.id === state.filter.unitId) : [];

  return (
    <section aria-labelledby="evidence-heading" className="evidence-list-page" data-complete={isComplete ? 'true' : 'false'}>
      <div className="page-head">
        <div>
          <h1 id="evidence-heading">Evidence</h1>
          <p className="subtle">
            {portfolio.learner.name}’s portfolio · {total !== undefined ? itemCount(total) : 'loading…'}
          </p>
        </div>
        {!isChoosingType ? (
          <button type="button" onClick={() => setIsChoosingType(true)}>
            Add evidence
          </button>
        ) : null}
      </div>
      {isChoosingType ? <NewEvidencePanel portfolioId={portfolio.id} actor={actor} onCreated={(id) => navigate(`evidence/${id}`)} onCancel={() => setIsChoosingType(false)} /> : null}

      <div className="list-tools" role="search" aria-label="Find evidence">
        <div className="tool search-tool">
          <label htmlFor={ids.search}>Search</label>
          <input id={ids.search} type="search" value={state.filter.query ?? ''} placeholder="Title, narrative, tag" onChange={(event) => setFilter({ query: event.target.value })} />
        </div>
        <div className="tool">
          <label htmlFor={ids.type}>Kind</label>
          <select id={ids.type} value={state.filter.type ?? ''} onChange={(event) => setFilter({ type: isEvidenceType(event.target.value) ? event.target.value : undefined })}>
            <option value="">All kinds</option>
            {EVIDENCE_TYPE_LIST.map((info) => (
              <option key={info.type} value={info.type}>
                {info.label} ({typeCounts[info.type]})
              </option>
            ))}
          </select>
        </div>
        <div className="tool">
          <label htmlFor={ids.unit}>Unit</label>
          <select id={ids.unit} value={state.filter.unitId ?? ''} onChange={(event) => setFilter({ unitId: event.target.value || undefined, markingPointId: undefined })}>
            <option value="">All units</option>
            {(spec?.units ?? []).map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.id} {unit.title}
              </option>
            ))}
            <option value={UNMAPPED}>Not mapped yet</option>
          </select>
        </div>
        <div className="tool">
          <label htmlFor={ids.point}>Marking point</label>
          <select id={ids.point} value={state.filter.markingPointId ?? ''} disabled={state.filter.unitId === UNMAPPED} onChange={(event) => setFilter({ markingPointId: event.target.value || undefined })}>
            <option value="">All marking points</option>
            {unitPoints.map((unit) => (
              <optgroup key={unit.id} label={unit.id}>
                {unit.learningOutcomes.flatMap((outcome) =>
                  outcome.markingPoints.map((point) => (
                    <option key={point.id} value={point.id}>
                      {point.id} {point.label ?? ''}
                    </option>
                  )),
                )}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="tool">
          <label htmlFor={ids.label}>Label</label>
          <select id={ids.label} value={state.filter.label ?? ''} onChange={(event) => setFilter({ label: isLabelFilter(event.target.value) ? event.target.value : undefined })}>
            <option value="">Any label</option>
            {LABELS.map((label) => (
              <option key={label} value={label}>
                {labelFilterText(label)}
              </option>
            ))}
          </select>
        </div>
        <div className="tool">
          <label htmlFor={ids.sort}>Sort by</label>
          <select id={ids.sort} value={state.sort} onChange={(event) => setState((current) => ({ ...current, sort: isEvidenceSort(event.target.value) ? event.target.value : current.sort }))}>
            {Object.entries(EVIDENCE_SORTS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="list-summary">
        <p aria-live="polite" data-testid="evidence-count" data-query={state.filter.query ?? ''} className="result-count">
          {total === undefined || !shown ? 'Loading evidence…' : hasFilters ? (isComplete ? `Showing ${formatCount(shown.length)} of ${itemCount(total)}` : 'Searching all items…') : itemCount(total)}
        </p>
        {hasFilters ? (
          <button type="button" className="link-button" onClick={() => setState((current) => ({ ...current, filter: {} }))}>
            Clear search and filters
          </button>
        ) : null}
      </div>

      {total === 0 ? (
        <div className="panel empty-state">
          <h2>No evidence yet</h2>
          <p>Add your first piece of evidence: a reflective account of a complaint you handled is a good place to start. Aim for a mix of kinds, and for examples of both reactive and proactive work.</p>
        </div>
      ) : shown && total !== undefined ? (
        shown.length === 0 && isComplete ? (
          <p className="panel">Nothing matches. Try fewer words, or clear the filters.</p>
        ) : (
          <VirtualRows entries={shown} rowCount={isComplete || hasFilters ? shown.length : Math.max(total, shown.length)} portfolioId={portfolio.id} />
        )
      ) : (
        <p aria-busy="true">Loading evidence…</p>
      )}
      <TrashPanel portfolioId={portfolio.id} actor={actor} />
    </section>
  );
}

/**
 * The scroll box's size as styles.css gives it (`.virtual-scroll { height: min(62vh, 44rem) }`,
 * with the usual 16 px rem), known without asking for a layout. If it is off, the list simply
 * corrects itself after measuring.
 */
function expectedScrollBox(): { width: number; height: number } {
  return { width: window.innerWidth, height: Math.min(window.innerHeight * 0.62, 44 * 16) };
}

/** The rows on screen. `rowCount` may exceed the entries loaded so far (the first screen of a long list): the rest show as loading. */
function VirtualRows({ entries, rowCount, portfolioId }: { entries: readonly EvidenceSearchEntry<StoredEvidence>[]; rowCount: number; portfolioId: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualiser returns functions that the React Compiler cannot memoise safely; that is expected here.
  // initialRect: rows go on screen in the first render, before the scroll box has been measured;
  // sized as the stylesheet sizes .virtual-scroll, so the measurement that follows agrees and
  // the first screen is not drawn twice.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rowCount, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8, initialRect: expectedScrollBox(), getItemKey: (index) => entries[index]?.item.id ?? index });
  const rows = virtualizer.getVirtualItems();
  return (
    <div ref={scrollRef} className="virtual-scroll" data-testid="evidence-scroll" tabIndex={-1}>
      <ol className="evidence-rows" aria-label="Evidence items" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => {
          const entry = entries[row.index];
          return (
            <li key={row.key} className="evidence-row" aria-setsize={rowCount} aria-posinset={row.index + 1} style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}>
              {entry ? <EvidenceRow entry={entry} portfolioId={portfolioId} /> : <p className="row-inner subtle">Loading…</p>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function EvidenceRow({ entry, portfolioId }: { entry: EvidenceSearchEntry<StoredEvidence>; portfolioId: string }) {
  const item = entry.item;
  const firstImage = item.attachments.find((attachment) => attachmentKindOf(attachment.mediaType) === 'image');
  const points = [...entry.markingPointIds].sort(compareNatural);
  const audioCount = item.attachments.filter((attachment) => attachmentKindOf(attachment.mediaType) === 'audio').length;
  return (
    <div className="row-inner">
      {firstImage ? <RowThumb portfolioId={portfolioId} sha256={firstImage.sha256} /> : <span className={`row-icon type-${item.type}`} aria-hidden="true" />}
      <div className="row-text">
        <a className="row-title" href={routeHref(`evidence/${item.id}`)}>
          {item.title.trim() === '' ? `Untitled ${EVIDENCE_TYPE_INFO[item.type].label.toLowerCase()}` : item.title}
        </a>
        <p className="row-meta">
          <span>{EVIDENCE_TYPE_INFO[item.type].label}</span>
          <span>{formatDay(item.activityDate)}</span>
          {item.label ? <span className={`chip label-${item.label}`}>{SERVICE_LABEL_INFO[item.label].label}</span> : null}
          {item.attachments.length > 0 ? (
            <span>
              {item.attachments.length} {item.attachments.length === 1 ? 'file' : 'files'}
              {audioCount > 0 ? ` (${audioCount} audio)` : ''}
            </span>
          ) : null}
        </p>
        <p className="row-points">
          {points.length === 0 ? (
            <span className="subtle">Not mapped yet</span>
          ) : (
            <>
              <span className="visually-hidden">Mapped to </span>
              {points.slice(0, 6).map((point) => (
                <span key={point} className="mp-chip">
                  {point}
                </span>
              ))}
              {points.length > 6 ? <span className="subtle">+{points.length - 6} more</span> : null}
            </>
          )}
          {item.tags.length > 0 ? <span className="row-tags">Tags: {item.tags.join(', ')}</span> : null}
        </p>
      </div>
    </div>
  );
}

function RowThumb({ portfolioId, sha256 }: { portfolioId: string; sha256: string }) {
  const db = appDb();
  const stored = useLiveQuery(() => getAttachment(db, portfolioId, sha256), [db, portfolioId, sha256]);
  const url = useObjectUrl(stored?.blob);
  return url ? <img className="row-thumb" src={url} alt="" decoding="async" loading="lazy" /> : <span className="row-thumb placeholder" aria-hidden="true" />;
}
