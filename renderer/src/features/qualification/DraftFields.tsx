/** Form controls for the qualification editor, each tied to a JSON Pointer of the draft. */
import { Field, type FieldMessage } from '../../components/Field';

/** The field name (and so the control's id) for a pointer into the draft: "/units/0/title" → "spec.units.0.title". */
export function draftField(pointer: string): string {
  return `spec${pointer.replace(/\//g, '.')}`;
}

interface TextProps {
  pointer: string;
  label: string;
  value: string | undefined;
  onChange: (value: string) => void;
  messages: readonly FieldMessage[];
  hint?: string;
  isShort?: boolean;
  isMultiline?: boolean;
  rows?: number;
}

export function DraftText({ pointer, label, value, onChange, messages, hint, isShort = false, isMultiline = false, rows = 3 }: TextProps) {
  return (
    <Field field={draftField(pointer)} label={label} hint={hint} messages={messages}>
      {(control) =>
        isMultiline ? (
          <textarea {...control} rows={rows} value={value ?? ''} onChange={(event) => onChange(event.target.value)} />
        ) : (
          <input {...control} type="text" className={isShort ? 'short-input' : undefined} value={value ?? ''} onChange={(event) => onChange(event.target.value)} spellCheck={!isShort} />
        )
      }
    </Field>
  );
}

/** Move up, move down and remove buttons for one entry of a list, named for screen readers. */
export function ListButtons({ what, index, count, onMove, onRemove }: { what: string; index: number; count: number; onMove: (step: -1 | 1) => void; onRemove?: () => void }) {
  return (
    <div className="list-buttons">
      <button type="button" className="secondary small" onClick={() => onMove(-1)} disabled={index === 0} aria-label={`Move ${what} up`}>
        ↑
      </button>
      <button type="button" className="secondary small" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={`Move ${what} down`}>
        ↓
      </button>
      {onRemove ? (
        <button type="button" className="secondary small" onClick={onRemove} aria-label={`Remove ${what}`}>
          Remove
        </button>
      ) : null}
    </div>
  );
}
