import { useId, useState } from 'react';
import { MAX_PASTE_CHARACTERS, splitCriteria, type PastedUnit } from '../../../../core/spec/criteria';
import { outcomesFromPaste, updateIn } from '../../../../core/spec/draft';
import type { LearningOutcome, QualificationSpec, Unit } from '../../../../core/spec/types';

interface Props {
  unit: Unit;
  unitIndex: number;
  update: (change: (spec: QualificationSpec) => QualificationSpec) => void;
}

interface Review {
  pasted: PastedUnit;
  /** Per outcome, per criterion: whether it is to be added. */
  included: boolean[][];
}

/** An outcome still as `blankOutcome` made it: nothing typed, so pasted outcomes replace it. */
function isUntouched(outcome: LearningOutcome): boolean {
  return outcome.title.trim() === '' && outcome.markingPoints.every((point) => point.text.trim() === '' && (point.label ?? '').trim() === '');
}

/**
 * Paste a unit's text from an awarding body's PDF and have its numbered criteria ("1.1 …",
 * "AC 2.3 …") split into marking points, shown for review (each can be corrected or left out)
 * before anything is added to the unit.
 */
export function CriteriaPaste({ unit, unitIndex, update }: Props) {
  const [text, setText] = useState('');
  const [review, setReview] = useState<Review | undefined>(undefined);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [isOpen, setIsOpen] = useState(false);
  const id = useId();

  const find = (): void => {
    const pasted = splitCriteria(text);
    if (pasted.outcomes.length === 0) {
      setReview(undefined);
      setMessage('No numbered criteria were found. Criteria need numbers such as “1.1”, “AC 2.3” or “P1” at the start of a line.');
      return;
    }
    setMessage(undefined);
    setReview({ pasted, included: pasted.outcomes.map((outcome) => outcome.criteria.map(() => true)) });
  };

  const edit = (change: (pasted: PastedUnit) => PastedUnit): void => setReview((current) => (current ? { ...current, pasted: change(current.pasted) } : current));
  const chosenCount = review ? review.included.flat().filter(Boolean).length : 0;

  const add = (): void => {
    if (!review) return;
    const chosen: PastedUnit = {
      ignored: [],
      outcomes: review.pasted.outcomes.map((outcome, o) => ({ ...outcome, criteria: outcome.criteria.filter((criterion, c) => review.included[o]?.[c] === true && criterion.text.trim() !== '') })),
    };
    update((draft) =>
      updateIn(draft, ['units', unitIndex, 'learningOutcomes'], (list) => {
        const existing = (Array.isArray(list) ? list : []) as LearningOutcome[];
        const kept = existing.filter((outcome) => !isUntouched(outcome));
        const base = { ...draft, units: draft.units.map((candidate, index) => (index === unitIndex ? { ...candidate, learningOutcomes: kept } : candidate)) };
        return [...kept, ...outcomesFromPaste(base, unit.id, chosen)];
      }),
    );
    setMessage(`Added ${chosenCount} marking point${chosenCount === 1 ? '' : 's'} to unit ${unit.id || unitIndex + 1}. Check their ids and wording below.`);
    setReview(undefined);
    setText('');
  };

  return (
    <details className="criteria-paste" open={isOpen} onToggle={(event) => setIsOpen(event.currentTarget.open)}>
      <summary>Paste the unit’s criteria from a PDF</summary>
      <div className="field">
        <label htmlFor={`${id}-text`}>Text copied from the PDF</label>
        <p className="hint" id={`${id}-hint`}>
          Copy the unit’s learning outcomes and assessment criteria from the PDF and paste them here. Numbered lines (“1 Understand…”, “1.1 Describe…”, “AC 2.3…”) are found and split; you check them before they are added.
        </p>
        <textarea id={`${id}-text`} aria-describedby={`${id}-hint`} rows={8} value={text} maxLength={MAX_PASTE_CHARACTERS} onChange={(event) => setText(event.target.value)} />
      </div>
      <button type="button" onClick={find} disabled={text.trim() === ''}>
        Find the criteria
      </button>
      <div aria-live="polite">{message ? <p className="status">{message}</p> : null}</div>
      {review ? (
        <section className="criteria-review" aria-labelledby={`${id}-review`}>
          <h4 id={`${id}-review`}>
            Found {review.pasted.outcomes.reduce((sum, outcome) => sum + outcome.criteria.length, 0)} criteria in {review.pasted.outcomes.length} learning outcome{review.pasted.outcomes.length === 1 ? '' : 's'}. Check them, then add them.
          </h4>
          {review.pasted.outcomes.map((outcome, o) => (
            <fieldset key={o} className="fieldset">
              <legend>{outcome.number ? `Learning outcome ${outcome.number}` : 'Criteria without an outcome number'}</legend>
              <div className="field">
                <label htmlFor={`${id}-lo-${o}`}>Outcome title</label>
                <input
                  id={`${id}-lo-${o}`}
                  type="text"
                  value={outcome.title ?? ''}
                  onChange={(event) => edit((pasted) => ({ ...pasted, outcomes: pasted.outcomes.map((candidate, index) => (index === o ? { ...candidate, title: event.target.value } : candidate)) }))}
                />
              </div>
              <ul className="criteria-list">
                {outcome.criteria.map((criterion, c) => (
                  <li key={c}>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={review.included[o]?.[c] ?? false}
                        onChange={(event) => setReview({ ...review, included: review.included.map((row, index) => (index === o ? row.map((value, at) => (at === c ? event.target.checked : value)) : row)) })}
                      />
                      <span>
                        Add <strong>{criterion.number}</strong>
                      </span>
                    </label>
                    <textarea
                      aria-label={`Wording of criterion ${criterion.number}`}
                      rows={2}
                      value={criterion.text}
                      onChange={(event) =>
                        edit((pasted) => ({
                          ...pasted,
                          outcomes: pasted.outcomes.map((candidate, index) => (index === o ? { ...candidate, criteria: candidate.criteria.map((item, at) => (at === c ? { ...item, text: event.target.value } : item)) } : candidate)),
                        }))
                      }
                    />
                  </li>
                ))}
              </ul>
            </fieldset>
          ))}
          {review.pasted.ignored.length > 0 ? (
            <details>
              <summary>{review.pasted.ignored.length} line{review.pasted.ignored.length === 1 ? ' was' : 's were'} not part of any criterion</summary>
              <ul className="ignored-lines">
                {review.pasted.ignored.slice(0, 200).map((line, index) => (
                  <li key={index}>{line}</li>
                ))}
              </ul>
            </details>
          ) : null}
          <div className="button-row">
            <button type="button" onClick={add} disabled={chosenCount === 0}>
              Add {chosenCount} marking point{chosenCount === 1 ? '' : 's'} to this unit
            </button>
            <button type="button" className="secondary" onClick={() => setReview(undefined)}>
              Cancel
            </button>
          </div>
        </section>
      ) : null}
    </details>
  );
}
