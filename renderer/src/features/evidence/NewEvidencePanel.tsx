import { useState } from 'react';
import { EVIDENCE_TYPE_LIST } from '../../../../core/evidence/catalogue';
import type { EvidenceType } from '../../../../core/model/portfolio';
import { appDb } from '../../db/app-db';
import { createEvidence } from '../../db/evidence-repo';

interface Props {
  portfolioId: string;
  actor: string;
  onCreated: (id: string) => void;
  onCancel: () => void;
}

/** Choose what kind of evidence to add; each kind says what makes it good evidence. */
export function NewEvidencePanel({ portfolioId, actor, onCreated, onCancel }: Props) {
  const [failure, setFailure] = useState<string | undefined>();
  const [isBusy, setIsBusy] = useState(false);

  async function create(type: EvidenceType): Promise<void> {
    setIsBusy(true);
    setFailure(undefined);
    try {
      const item = await createEvidence(appDb(), portfolioId, type, actor);
      onCreated(item.id);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      setIsBusy(false);
    }
  }

  return (
    <section className="panel new-evidence" aria-labelledby="new-evidence-heading">
      <div className="panel-head">
        <h2 id="new-evidence-heading">What kind of evidence?</h2>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {failure ? (
        <p className="problems" role="alert">
          {failure}
        </p>
      ) : null}
      <ul className="type-choices">
        {EVIDENCE_TYPE_LIST.map((info) => (
          <li key={info.type}>
            <button type="button" className="type-choice" disabled={isBusy} onClick={() => void create(info.type)}>
              <span className="type-choice-label">{info.label}</span>
              <span className="type-choice-description">{info.description}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
