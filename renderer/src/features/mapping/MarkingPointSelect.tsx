import { markingPointShortName } from '../../../../core/evidence/spec-index';
import type { QualificationSpec } from '../../../../core/spec/types';

interface Props {
  spec: QualificationSpec;
  value: string;
  onChange: (id: string) => void;
  /** Marking points to show as already used. */
  taken?: ReadonlySet<string>;
  control: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true };
}

/** Every marking point of the qualification, grouped by unit (any unit: mapping is holistic). */
export function MarkingPointSelect({ spec, value, onChange, taken, control }: Props) {
  return (
    <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">Choose a marking point…</option>
      {spec.units.map((unit) => (
        <optgroup key={unit.id} label={`${unit.id} ${unit.title}`}>
          {unit.learningOutcomes.flatMap((outcome) =>
            outcome.markingPoints.map((point) => (
              <option key={point.id} value={point.id} disabled={taken?.has(point.id)}>
                {point.id} — {markingPointShortName(point)}
                {taken?.has(point.id) ? ' (already mapped)' : ''}
              </option>
            )),
          )}
        </optgroup>
      ))}
    </select>
  );
}
