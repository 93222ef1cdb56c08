import type { UnitTotals } from '../../../../core/coverage/coverage';
import type { CoverageStatus } from '../../../../core/coverage/types';
import type { Unit } from '../../../../core/spec/types';
import { STATUS_INFO, describeTotals, summaryCount } from './matrix-model';

/** Bar segments in reading order: what is done first, what is missing last. */
const BAR_ORDER: readonly CoverageStatus[] = ['met', 'claimed', 'stale', 'not-yet', 'gap'];

interface Props {
  units: readonly UnitTotals[];
  titles: ReadonlyMap<string, Unit>;
  selectedUnitId: string | undefined;
  onSelectUnit: (unitId: string | undefined) => void;
}

/**
 * One bar per unit: met, claimed, out of date, not yet met and gaps as segments, each with its
 * own pattern as well as colour, and the same counts written out beside it.
 */
export function UnitProgress({ units, titles, selectedUnitId, onSelectUnit }: Props) {
  return (
    <section className="mx-progress" aria-labelledby="mx-progress-title">
      <h2 id="mx-progress-title">Progress by unit</h2>
      <ul>
        {units.map((unit) => {
          const total = unit.totals.markingPoints;
          const isSelected = unit.id === selectedUnitId;
          const title = titles.get(unit.id)?.title ?? '';
          return (
            <li key={unit.id} className={isSelected ? 'is-selected' : undefined}>
              <button
                type="button"
                className="mx-progress-unit"
                aria-pressed={isSelected}
                onClick={() => onSelectUnit(isSelected ? undefined : unit.id)}
                title={isSelected ? 'Show every unit' : `Show only ${unit.id}`}
              >
                <span className="unit-id">{unit.id}</span> <span className="mx-progress-title">{title}</span>
              </button>
              <span className="mx-bar" aria-hidden="true">
                {BAR_ORDER.map((status) => {
                  const count = summaryCount(unit.totals, status);
                  if (count === 0 || total === 0) return null;
                  return (
                    <span key={status} className={`mx-bar-part status-${status}`} style={{ width: `${(count / total) * 100}%` }}>
                      {STATUS_INFO[status].symbol}
                    </span>
                  );
                })}
              </span>
              <span className="mx-progress-text">{describeTotals(unit.totals)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
