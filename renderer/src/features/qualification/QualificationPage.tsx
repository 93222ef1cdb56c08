import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { QualificationSpec } from '../../../../core/spec/types';
import { appDb, type StoredSpec } from '../../db/app-db';
import { getSpecDraft } from '../../db/spec-drafts-repo';
import { getActiveSpec, listSpecs, setActiveSpec } from '../../db/specs-repo';
import { PortfolioQualifications } from './PortfolioQualifications';
import { SpecImport } from './SpecImport';
import { UnitDetail } from './UnitDetail';
import { startSpecDraft } from './use-spec-draft';

interface Props {
  unitId: string | undefined;
  onSelectUnit: (unitId: string) => void;
  navigate: (path: string) => void;
}

const SOURCE_NAMES: Record<StoredSpec['source'], string> = { builtin: 'built in', imported: 'imported', authored: 'written in the app' };

/** Browse the active qualification: its units, learning outcomes, marking points and guidance. */
export function QualificationPage({ unitId, onSelectUnit, navigate }: Props) {
  const db = appDb();
  const specs = useLiveQuery(() => listSpecs(db), [db]);
  const active = useLiveQuery(() => getActiveSpec(db), [db]);
  const draft = useLiveQuery(() => getSpecDraft(db), [db]);
  const [pendingEdit, setPendingEdit] = useState<QualificationSpec | undefined>(undefined);

  const editConverted = async (spec: QualificationSpec): Promise<void> => {
    if (await getSpecDraft(db)) {
      setPendingEdit(spec);
      return;
    }
    await startSpecDraft(spec);
    navigate('qualification-editor');
  };

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
            {spec.qualificationNumber ? ` · Qualification number ${spec.qualificationNumber}` : ''}
            {spec.level ? ` · Level ${spec.level}` : ''} · Version {spec.version} · {spec.units.length} units, {pointCount} marking points
          </p>
          <div className="button-row editor-links">
            {draft ? (
              <button type="button" className="secondary small" onClick={() => navigate('qualification-editor')}>
                Continue your draft{draft.spec.title ? ` of “${draft.spec.title}”` : ''}
              </button>
            ) : (
              <>
                <button type="button" className="secondary small" onClick={() => navigate(`qualification-editor/edit/${encodeURIComponent(active.key)}`)}>
                  Edit this qualification
                </button>
                <button type="button" className="secondary small" onClick={() => navigate('qualification-editor/new')}>
                  Create a qualification
                </button>
              </>
            )}
          </div>
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
                {stored.title} ({stored.version}) — {SOURCE_NAMES[stored.source]}
              </option>
            ))}
          </select>
        </div>
      </div>

      <PortfolioQualifications />
      <SpecImport onEdit={(converted) => void editConverted(converted)} />
      {pendingEdit ? (
        <div className="confirm" role="alertdialog" aria-labelledby="replace-draft-question">
          <p id="replace-draft-question">You have an unsaved draft{draft?.spec.title ? ` of “${draft.spec.title}”` : ''} in the qualification editor. Replace it with “{pendingEdit.title}”?</p>
          <div className="button-row">
            <button
              type="button"
              className="danger"
              onClick={() => void startSpecDraft(pendingEdit).then(() => navigate('qualification-editor'))}
            >
              Replace my draft
            </button>
            <button type="button" className="secondary" onClick={() => navigate('qualification-editor')}>
              Keep my draft and open it
            </button>
            <button type="button" className="secondary" onClick={() => setPendingEdit(undefined)} autoFocus>
              Cancel
            </button>
          </div>
        </div>
      ) : null}

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
