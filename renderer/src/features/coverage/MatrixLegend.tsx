import { COVERAGE_STATUSES, STATUS_INFO } from './matrix-model';

/** What each symbol and colour means. `introId` names the sentence the grid uses as its description. */
export function MatrixLegend({ introId }: { introId: string }) {
  return (
    <div className="mx-legend">
      <h2 className="visually-hidden">Key</h2>
      <p className="mx-legend-intro" id={introId}>Each row is a marking point and each column an evidence item. A symbol in a cell means that item is mapped to that marking point; the symbol shows where the marking point stands.</p>
      <ul>
        {COVERAGE_STATUSES.map((status) => {
          const info = STATUS_INFO[status];
          return (
            <li key={status}>
              <span className={`mx-badge status-${status}`}>
                <span className="mx-symbol" aria-hidden="true">{info.symbol}</span> {status === 'gap' ? 'GAP' : info.word}
              </span>{' '}
              <span>{info.description}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
