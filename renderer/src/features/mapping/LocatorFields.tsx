import { useId } from 'react';
import { LOCATOR_KIND_LABELS, type LocatorKind } from '../../../../core/evidence/locator';
import { formatTime } from '../../../../core/evidence/locator';
import { paragraphText } from '../../../../core/evidence/narrative';
import { Field, FieldSet, type FieldMessage } from '../../components/Field';

/** What the person has typed for a locator, kept as text until it is checked. */
export interface LocatorDraft {
  kind: LocatorKind;
  page: string;
  paragraph: string;
  start: string;
  end: string;
  note: string;
}

export function emptyLocatorDraft(kind: LocatorKind): LocatorDraft {
  return { kind, page: '', paragraph: '', start: '', end: '', note: '' };
}

interface Props {
  idPrefix: string;
  draft: LocatorDraft;
  onChange: (draft: LocatorDraft) => void;
  messagesFor: (field: string) => FieldMessage[];
  narrative: string;
  paragraphCount: number;
  durationSeconds?: number | undefined;
}

const KINDS: readonly LocatorKind[] = ['paragraph', 'page', 'time', 'note'];

/** Where in the evidence a marking point is met: a paragraph, a page, a time range or a described place. */
export function LocatorFields({ idPrefix, draft, onChange, messagesFor, narrative, paragraphCount, durationSeconds }: Props) {
  const name = useId();
  const set = (change: Partial<LocatorDraft>) => onChange({ ...draft, ...change });
  const paragraphNumber = Number(draft.paragraph);
  const quoted = draft.kind === 'paragraph' && Number.isInteger(paragraphNumber) && paragraphNumber >= 1 ? paragraphText(narrative, paragraphNumber) : undefined;
  return (
    <FieldSet legend="Where in the evidence" id={`${idPrefix}-locator`} messages={messagesFor('locator')} className="locator-fields">
      <div className="radio-row">
        {KINDS.map((kind) => (
          <label key={kind} className="check">
            <input type="radio" name={name} value={kind} checked={draft.kind === kind} onChange={() => set({ kind })} />
            {LOCATOR_KIND_LABELS[kind]}
          </label>
        ))}
      </div>
      {draft.kind === 'page' ? (
        <Field field={`${idPrefix}.page`} label="Page number" messages={messagesFor('locator.page')}>
          {(control) => <input {...control} className="short-input" type="number" min={1} step={1} inputMode="numeric" value={draft.page} onChange={(event) => set({ page: event.target.value })} />}
        </Field>
      ) : null}
      {draft.kind === 'paragraph' ? (
        <Field
          field={`${idPrefix}.paragraph`}
          label="Paragraph number"
          hint={paragraphCount === 0 ? 'The narrative has no paragraphs yet.' : `Paragraphs of the narrative are numbered ¶1 to ¶${paragraphCount}.`}
          messages={messagesFor('locator.paragraph')}
        >
          {(control) => <input {...control} className="short-input" type="number" min={1} max={Math.max(1, paragraphCount)} step={1} inputMode="numeric" value={draft.paragraph} onChange={(event) => set({ paragraph: event.target.value })} />}
        </Field>
      ) : null}
      {quoted ? <blockquote className="quoted-paragraph">{quoted.length > 300 ? `${quoted.slice(0, 299)}…` : quoted}</blockquote> : null}
      {draft.kind === 'time' ? (
        <div className="form-grid compact">
          <Field field={`${idPrefix}.start`} label="From" hint="Minutes and seconds, e.g. 1:05" messages={messagesFor('locator.startSeconds')}>
            {(control) => <input {...control} className="short-input" type="text" inputMode="numeric" value={draft.start} onChange={(event) => set({ start: event.target.value })} />}
          </Field>
          <Field field={`${idPrefix}.end`} label="To" hint={durationSeconds !== undefined ? `The call lasts ${formatTime(durationSeconds)}.` : 'Minutes and seconds, e.g. 2:30'} messages={messagesFor('locator.endSeconds')}>
            {(control) => <input {...control} className="short-input" type="text" inputMode="numeric" value={draft.end} onChange={(event) => set({ end: event.target.value })} />}
          </Field>
        </div>
      ) : null}
      {draft.kind === 'note' ? (
        <Field field={`${idPrefix}.note`} label="Where to look" hint="For example: screenshot 2, the second table." messages={messagesFor('locator.text')}>
          {(control) => <input {...control} type="text" maxLength={300} value={draft.note} onChange={(event) => set({ note: event.target.value })} />}
        </Field>
      ) : null}
    </FieldSet>
  );
}
