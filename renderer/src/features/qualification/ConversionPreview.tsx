import { useEffect, useRef } from 'react';
import { formatWithArticle, specCounts, type ConversionNote, type SourceFormat } from '../../../../core/spec/convert/index';
import type { QualificationSpec } from '../../../../core/spec/types';

interface Props {
  fileName: string;
  format: SourceFormat;
  spec: QualificationSpec;
  notes: readonly ConversionNote[];
  isWorking: boolean;
  onUse: () => void;
  onEdit: () => void;
  onCancel: () => void;
}

/** Notes beyond this many are counted, not drawn: a hostile file could produce thousands. */
const SHOWN_NOTES = 50;

/**
 * What a converted framework would become, before anything is stored: the qualification's
 * details, each unit with its outcome and marking point counts, and everything that was left
 * out or changed, and why. Nothing is saved until the user chooses to use it.
 */
export function ConversionPreview({ fileName, format, spec, notes, isWorking, onUse, onEdit, onCancel }: Props) {
  const counts = specCounts(spec);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The preview appears below the drop zone: take the reader (and the keyboard) to it.
  useEffect(() => {
    headingRef.current?.focus();
    headingRef.current?.scrollIntoView({ block: 'start' });
  }, [spec]);
  const dropped = notes.filter((note) => note.kind === 'dropped');
  const changed = notes.filter((note) => note.kind === 'changed');
  return (
    <section className="preview conversion-preview" aria-labelledby="conversion-preview-heading">
      <h2 id="conversion-preview-heading" ref={headingRef} tabIndex={-1}>
        Check the converted qualification
      </h2>
      <p>
        {fileName} is {formatWithArticle(format)}. It converts to <strong>{spec.title}</strong>: {plural(counts.units, 'unit')}, {plural(counts.learningOutcomes, 'learning outcome')} and {plural(counts.markingPoints, 'marking point')}. Nothing is saved until you choose to use it.
      </p>
      <dl className="facts">
        <dt>Awarding body</dt>
        <dd>{spec.awardingBody}</dd>
        {spec.qualificationNumber ? (
          <>
            <dt>Qualification number</dt>
            <dd>{spec.qualificationNumber}</dd>
          </>
        ) : null}
        {spec.level ? (
          <>
            <dt>Level</dt>
            <dd>{spec.level}</dd>
          </>
        ) : null}
        <dt>Id and version</dt>
        <dd>
          <code>{spec.id}</code> version {spec.version}
        </dd>
      </dl>
      <table className="data-table preview-units">
        <caption className="visually-hidden">Units in the converted qualification</caption>
        <thead>
          <tr>
            <th scope="col">Unit</th>
            <th scope="col">Title</th>
            <th scope="col" className="number">Learning outcomes</th>
            <th scope="col" className="number">Marking points</th>
          </tr>
        </thead>
        <tbody>
          {spec.units.map((unit) => (
            <tr key={unit.id}>
              <td>
                <code>{unit.id}</code>
              </td>
              <td>{unit.title}</td>
              <td className="number">{unit.learningOutcomes.length.toLocaleString('en-GB')}</td>
              <td className="number">{unit.learningOutcomes.reduce((sum, outcome) => sum + outcome.markingPoints.length, 0).toLocaleString('en-GB')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <NoteList heading={dropped.length === 0 ? 'Nothing was left out.' : `Left out (${dropped.length.toLocaleString('en-GB')}), and why`} notes={dropped} />
      {changed.length > 0 ? <NoteList heading={`Worth checking (${changed.length.toLocaleString('en-GB')})`} notes={changed} /> : null}
      <div className="button-row">
        <button type="button" onClick={onUse} disabled={isWorking}>
          Use this qualification
        </button>
        <button type="button" className="secondary" onClick={onEdit} disabled={isWorking}>
          Edit it first
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={isWorking}>
          Cancel
        </button>
      </div>
    </section>
  );
}

function NoteList({ heading, notes }: { heading: string; notes: readonly ConversionNote[] }) {
  const hidden = notes.length - SHOWN_NOTES;
  return (
    <>
      <h3>{heading}</h3>
      {notes.length > 0 ? (
        <ul className="conversion-notes">
          {notes.slice(0, SHOWN_NOTES).map((note, index) => (
            <li key={index}>
              {note.where ? <code>{note.where}</code> : null} {note.message}
            </li>
          ))}
          {hidden > 0 ? <li>…and {hidden.toLocaleString('en-GB')} more.</li> : null}
        </ul>
      ) : null}
    </>
  );
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-GB')} ${noun}${count === 1 ? '' : 's'}`;
}
