import { useId, useState } from 'react';
import { LEGISLATION_CATALOGUE, addLegislation, findLegislation, type LegislationEntry } from '../../../../core/evidence/catalogue';
import { FieldMessages, type FieldMessage } from '../../components/Field';

interface Props {
  value: readonly string[];
  onChange: (next: string[]) => void;
  messages: readonly FieldMessage[];
}

const GROUPS: ReadonlyArray<LegislationEntry['group']> = ['Financial services regulation', 'Acts of Parliament', 'Data protection', 'Communications'];

/**
 * Legislation and regulation referenced: tick entries from the catalogue (drawn from the
 * qualification's guidance), or add others such as the organisation's own complaints policy.
 */
export function LegislationField({ value, onChange, messages }: Props) {
  const id = useId();
  const [other, setOther] = useState('');
  const selected = new Set(value.map((entry) => findLegislation(entry)?.id).filter((entryId): entryId is string => entryId !== undefined));
  const free = value.filter((entry) => findLegislation(entry) === undefined);

  function addOther(): void {
    if (other.trim() === '') return;
    onChange(addLegislation(value, other));
    setOther('');
  }

  return (
    <fieldset className="fieldset legislation" id="field-legislation" aria-describedby={`${id}-hint`}>
      <legend>Legislation, regulation and policies referenced</legend>
      <p className="hint" id={`${id}-hint`}>
        Assessors look for accurate references to the acts and regulations that applied, kept apart from your organisation’s own procedures.
      </p>
      <FieldMessages messages={messages} />
      <div className="legislation-groups">
        {GROUPS.map((group) => (
          <div key={group} className="legislation-group">
            <p className="group-name">{group}</p>
            {LEGISLATION_CATALOGUE.filter((entry) => entry.group === group).map((entry) => (
              <label key={entry.id} className="check">
                <input
                  type="checkbox"
                  checked={selected.has(entry.id)}
                  onChange={(event) => {
                    if (event.target.checked) onChange(addLegislation(value, entry.name));
                    else onChange(value.filter((existing) => findLegislation(existing)?.id !== entry.id));
                  }}
                />
                {entry.name}
              </label>
            ))}
          </div>
        ))}
      </div>
      {free.length > 0 ? (
        <ul className="free-entries" aria-label="Other references">
          {free.map((entry) => (
            <li key={entry}>
              <span>{entry}</span>
              <button type="button" className="link-button" onClick={() => onChange(value.filter((existing) => existing !== entry))} aria-label={`Remove ${entry}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="inline-add">
        <label htmlFor={`${id}-other`}>Another act, regulation or policy</label>
        <div className="inline-add-row">
          <input
            id={`${id}-other`}
            type="text"
            value={other}
            maxLength={200}
            placeholder="For example: our branch complaints policy, version 4"
            onChange={(event) => setOther(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                addOther();
              }
            }}
          />
          <button type="button" className="secondary" onClick={addOther} disabled={other.trim() === ''}>
            Add
          </button>
        </div>
      </div>
    </fieldset>
  );
}
