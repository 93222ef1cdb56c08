import { useLiveQuery } from 'dexie-react-hooks';
import { appDb } from '../../db/app-db';
import { getActiveSpec, listSpecs, setActiveSpec } from '../../db/specs-repo';
import { SpecImport } from './SpecImport';
import { UnitDetail } from './UnitDetail';

interface Props {
  unitId: string | undefined;
  onSelectUnit: (unitId: string) => void;
}

/** Browse the active qualification: its units, learning outcomes, marking points and guidance. */
export function QualificationPage({ unitId, onSelectUnit }: Props) {
  const db = appDb();
  const specs = useLiveQuery(() => listSpecs(db), [db]);
  const active = useLiveQuery(() => getActiveSpec(db), [db]);

  if (!specs || !active) return <p aria-busy="true">Loading the qualification…</p>;
  const spec = active.spec;
  const unit = spec.units.find((candidate) => candidate.id === unitId) ?? spec.units[0];
  const pointCount = spec.units.reduce((sum, u) => sum + u.learningOutcomes.reduce((s, lo) => s + lo.markingPoints.length, 0), 0);

  return (
    <div className="page qualification-page">
      <div className="page-head">
        <div>
          <h1>{spec.title}</h1>
          <p className="subtle">
            {spec.awardingBody}
            {spec.level ? ` · Level ${spec.level}` : ''} · Version {spec.version} · {spec.units.length} units, {pointCount} marking points
          </p>
        </div>
        <div className="spec-tools">
          <label htmlFor="spec-switcher">Qualification in use</label>
          <select
            id="spec-switcher"
            value={active.key}
            onChange={(event) => {
              void setActiveSpec(db, event.target.value);
            }}
          >
            {specs.map((stored) => (
              <option key={stored.key} value={stored.key}>
                {stored.title} ({stored.version}){stored.source === 'builtin' ? ' — built in' : ' — imported'}
              </option>
            ))}
          </select>
        </div>
      </div>

      <SpecImport />

      <div className="two-columns">
        <nav aria-label="Units" className="unit-list">
          <h2 className="visually-hidden">Units</h2>
          <ul>
            {spec.units.map((candidate) => (
              <li key={candidate.id}>
                <button
                  type="button"
                  className="unit-link"
                  aria-current={candidate.id === unit?.id ? 'true' : undefined}
                  onClick={() => onSelectUnit(candidate.id)}
                >
                  <span className="unit-id">{candidate.id}</span>
                  <span>{candidate.title}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {unit ? <UnitDetail unit={unit} /> : <p>This qualification has no units.</p>}
      </div>
    </div>
  );
}
