import { markingPointShortName } from '../../../../core/evidence/spec-index';
import type { QualificationSpec } from '../../../../core/spec/types';

/** The value an option stands for: a main marking point's id, or "<qualification id>/<marking point id>" (no id holds a slash). */
export function markingPointChoice(markingPointId: string, qualificationId?: string): string {
  return qualificationId === undefined ? markingPointId : `${qualificationId}/${markingPointId}`;
}

export function parseMarkingPointChoice(value: string): { markingPointId: string; qualificationId?: string } {
  const slash = value.indexOf('/');
  return slash === -1 ? { markingPointId: value } : { qualificationId: value.slice(0, slash), markingPointId: value.slice(slash + 1) };
}

interface Props {
  spec: QualificationSpec;
  /** Further qualifications of the portfolio, listed after the main one. */
  additional?: readonly QualificationSpec[];
  value: string;
  onChange: (id: string) => void;
  /** Marking points to show as already used. */
  taken?: ReadonlySet<string>;
  control: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true };
}

/**
 * Every marking point of the qualification, grouped by unit (any unit: mapping is holistic),
 * then those of the portfolio's further qualifications, their groups named by qualification.
 */
export function MarkingPointSelect({ spec, additional = [], value, onChange, taken, control }: Props) {
  const groups = [{ spec, qualificationId: undefined as string | undefined }, ...additional.map((extra) => ({ spec: extra, qualificationId: extra.id }))];
  return (
    <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">Choose a marking point…</option>
      {groups.flatMap(({ spec: group, qualificationId }) =>
        group.units.map((unit) => (
          <optgroup key={`${qualificationId ?? ''}/${unit.id}`} label={`${qualificationId === undefined ? '' : `${group.title}: `}${unit.id} ${unit.title}`}>
            {unit.learningOutcomes.flatMap((outcome) =>
              outcome.markingPoints.map((point) => {
                const choice = markingPointChoice(point.id, qualificationId);
                return (
                  <option key={choice} value={choice} disabled={taken?.has(choice)}>
                    {point.id} — {markingPointShortName(point)}
                    {taken?.has(choice) ? ' (already mapped)' : ''}
                  </option>
                );
              }),
            )}
          </optgroup>
        )),
      )}
    </select>
  );
}
