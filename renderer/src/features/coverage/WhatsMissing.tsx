import { useState } from 'react';
import type { MissingEntry } from '../../../../core/coverage/suggestions';
import { routeHref } from '../../lib/use-hash-route';
import { STATUS_INFO, pointShortName } from './matrix-model';
import { SuggestionList } from './SuggestionList';

/** Long lists show this many entries until asked for the rest: 500 gaps is a page nobody reads. */
const FIRST_SHOWN = 50;

interface Props {
  gaps: readonly MissingEntry[];
  /** Judged not yet met, or judged on evidence that has since changed. */
  toRevisit: readonly MissingEntry[];
  unitId: string | undefined;
  onShowPoint: (markingPointId: string) => void;
}

function Entry({ entry, onShowPoint, level }: { entry: MissingEntry; onShowPoint: (id: string) => void; level: 3 | 4 }) {
  const info = STATUS_INFO[entry.status];
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <li className={`mx-missing-entry status-${entry.status}`}>
      <div className="mx-missing-head">
        <span className={`mx-badge status-${entry.status}`}>
          <span className="mx-symbol" aria-hidden="true">{info.symbol}</span> {entry.status === 'gap' ? 'GAP' : info.word}
        </span>
        <Heading>
          <span className="mp-id">{entry.point.id}</span> {pointShortName(entry.point, 90)}
        </Heading>
      </div>
      <p className="subtle">
        {entry.unitId} {entry.unitTitle} · {entry.outcomeId} {entry.outcomeTitle}
      </p>
      <details>
        <summary>The marking point in full</summary>
        <p>{entry.point.text}</p>
      </details>
      <p className="mx-suggest-intro">Evidence that would suit it:</p>
      <SuggestionList suggestions={entry.suggestions} />
      <p className="button-row">
        <a className="mx-button-link" href={routeHref(`mapping/${entry.point.id}`)}>
          Map evidence to {entry.point.id}
        </a>
        <button type="button" className="secondary" onClick={() => onShowPoint(entry.point.id)}>
          Show {entry.point.id} in the matrix
        </button>
      </p>
    </li>
  );
}

function EntryList({ entries, onShowPoint, label, level }: { entries: readonly MissingEntry[]; onShowPoint: (id: string) => void; label: string; level: 3 | 4 }) {
  const [isShowingAll, setIsShowingAll] = useState(false);
  const shown = isShowingAll ? entries : entries.slice(0, FIRST_SHOWN);
  return (
    <>
      <ul className="mx-missing-list" aria-label={label}>
        {shown.map((entry) => (
          <Entry key={`${entry.unitId}/${entry.point.id}`} entry={entry} onShowPoint={onShowPoint} level={level} />
        ))}
      </ul>
      {shown.length < entries.length ? (
        <button type="button" className="secondary" onClick={() => setIsShowingAll(true)}>
          Show all {entries.length}
        </button>
      ) : null}
    </>
  );
}

/**
 * "What's missing": every gap by name, with the kinds of evidence the unit's own guidance asks
 * for, then the marking points an assessor has sent back (not yet met, or judged on evidence
 * that has changed since).
 */
export function WhatsMissing({ gaps, toRevisit, unitId, onShowPoint }: Props) {
  const where = unitId ? ` in ${unitId}` : '';
  return (
    <section className="mx-missing" aria-labelledby="mx-missing-title">
      <h2 id="mx-missing-title">What’s missing{where}</h2>
      {gaps.length === 0 ? (
        <p className="status success">Every marking point{where} has evidence mapped to it.</p>
      ) : (
        <>
          <p>
            {gaps.length === 1 ? 'One marking point has' : `${gaps.length} marking points have`} no evidence yet. Each must have at least one item mapped before the portfolio is submitted.
          </p>
          <EntryList entries={gaps} onShowPoint={onShowPoint} label={`Gaps${where}`} level={3} />
        </>
      )}
      {toRevisit.length > 0 ? (
        <>
          <h3>Sent back by the assessor ({toRevisit.length})</h3>
          <p>These have evidence, but the assessor judged them not yet met, or the evidence changed after it was judged.</p>
          <EntryList entries={toRevisit} onShowPoint={onShowPoint} label={`Sent back by the assessor${where}`} level={4} />
        </>
      ) : null}
    </section>
  );
}
