import { blankOutcome, insertIn, moveIn, removeIn, renameUnit, setIn, type DraftPath } from '../../../../core/spec/draft';
import type { QualificationSpec, Unit } from '../../../../core/spec/types';
import type { FieldMessage } from '../../components/Field';
import { CriteriaPaste } from './CriteriaPaste';
import { DraftText, ListButtons } from './DraftFields';

interface Props {
  spec: QualificationSpec;
  unit: Unit;
  unitIndex: number;
  messagesAt: (pointer: string) => FieldMessage[];
  update: (change: (spec: QualificationSpec) => QualificationSpec) => void;
  onMoveUnit: (step: -1 | 1) => void;
  onRemoveUnit: () => void;
}

/** One unit of the draft: its details, learning outcomes and marking points, pasted criteria, and guidance. */
export function EditorUnit({ spec, unit, unitIndex, messagesAt, update, onMoveUnit, onRemoveUnit }: Props) {
  const base: DraftPath = ['units', unitIndex];
  const pointer = (...rest: Array<string | number>): string => `/units/${unitIndex}${rest.map((segment) => `/${segment}`).join('')}`;
  const set = (path: DraftPath, value: unknown): void => update((draft) => setIn(draft, [...base, ...path], value));
  const guidance = unit.guidance ?? {};

  return (
    <article className="unit-editor" aria-labelledby={`unit-editor-${unitIndex}`}>
      <div className="panel-head">
        <h2 id={`unit-editor-${unitIndex}`}>
          Unit {unitIndex + 1}
          {unit.title ? `: ${unit.title}` : ''}
        </h2>
        <ListButtons what={`unit ${unitIndex + 1}`} index={unitIndex} count={spec.units.length} onMove={onMoveUnit} onRemove={spec.units.length > 1 ? onRemoveUnit : undefined} />
      </div>
      <div className="form-grid">
        <DraftText pointer={pointer('id')} label="Unit id" hint="Unique in the qualification." isShort value={unit.id} onChange={(value) => update((draft) => renameUnit(draft, unitIndex, value))} messages={messagesAt(pointer('id'))} />
        <DraftText pointer={pointer('title')} label="Unit title" value={unit.title} onChange={(value) => set(['title'], value)} messages={messagesAt(pointer('title'))} />
      </div>
      <DraftText pointer={pointer('synopsis')} label="Synopsis (optional)" isMultiline value={unit.synopsis} onChange={(value) => set(['synopsis'], value)} messages={messagesAt(pointer('synopsis'))} />

      <CriteriaPaste unit={unit} unitIndex={unitIndex} update={update} />

      <h3>Learning outcomes and marking points</h3>
      {unit.learningOutcomes.map((outcome, outcomeIndex) => (
        <fieldset key={outcomeIndex} className="fieldset outcome-editor">
          <legend>
            Learning outcome {outcomeIndex + 1}
            {outcome.id ? ` (${outcome.id})` : ''}
          </legend>
          <ListButtons
            what={`learning outcome ${outcomeIndex + 1}`}
            index={outcomeIndex}
            count={unit.learningOutcomes.length}
            onMove={(step) => update((draft) => moveIn(draft, [...base, 'learningOutcomes'], outcomeIndex, step))}
            onRemove={unit.learningOutcomes.length > 1 ? () => update((draft) => removeIn(draft, [...base, 'learningOutcomes'], outcomeIndex)) : undefined}
          />
          <div className="form-grid">
            <DraftText pointer={pointer('learningOutcomes', outcomeIndex, 'id')} label="Outcome id" isShort value={outcome.id} onChange={(value) => set(['learningOutcomes', outcomeIndex, 'id'], value)} messages={messagesAt(pointer('learningOutcomes', outcomeIndex, 'id'))} />
            <DraftText pointer={pointer('learningOutcomes', outcomeIndex, 'title')} label="Outcome title" value={outcome.title} onChange={(value) => set(['learningOutcomes', outcomeIndex, 'title'], value)} messages={messagesAt(pointer('learningOutcomes', outcomeIndex, 'title'))} />
          </div>
          <ol className="marking-point-editors">
            {outcome.markingPoints.map((point, pointIndex) => {
              const at = (field: string): string => pointer('learningOutcomes', outcomeIndex, 'markingPoints', pointIndex, field);
              const path = ['learningOutcomes', outcomeIndex, 'markingPoints', pointIndex];
              return (
                <li key={pointIndex} className="marking-point-editor">
                  <div className="mp-editor-fields">
                    <DraftText pointer={at('id')} label={`Marking point ${pointIndex + 1} id`} isShort value={point.id} onChange={(value) => set([...path, 'id'], value)} messages={messagesAt(at('id'))} />
                    <DraftText pointer={at('label')} label="Short label (optional)" isShort value={point.label} onChange={(value) => set([...path, 'label'], value)} messages={messagesAt(at('label'))} />
                  </div>
                  <DraftText pointer={at('text')} label="Wording, as the specification gives it" isMultiline rows={2} value={point.text} onChange={(value) => set([...path, 'text'], value)} messages={messagesAt(at('text'))} />
                  <ListButtons
                    what={`marking point ${pointIndex + 1} of learning outcome ${outcomeIndex + 1}`}
                    index={pointIndex}
                    count={outcome.markingPoints.length}
                    onMove={(step) => update((draft) => moveIn(draft, [...base, ...path.slice(0, -1)], pointIndex, step))}
                    onRemove={outcome.markingPoints.length > 1 ? () => update((draft) => removeIn(draft, [...base, ...path.slice(0, -1)], pointIndex)) : undefined}
                  />
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            className="secondary"
            onClick={() => update((draft) => insertIn(draft, [...base, 'learningOutcomes', outcomeIndex, 'markingPoints'], { id: `${outcome.id || unit.id}.${outcome.markingPoints.length + 1}`, text: '' }))}
          >
            Add a marking point to outcome {outcomeIndex + 1}
          </button>
        </fieldset>
      ))}
      <button type="button" className="secondary" onClick={() => update((draft) => insertIn(draft, [...base, 'learningOutcomes'], blankOutcome(unit.id, unit.learningOutcomes.length + 1)))}>
        Add a learning outcome
      </button>

      <details className="guidance-editor">
        <summary>Guidance for learners (optional): key concepts, tips and common mistakes</summary>
        {(guidance.keyConcepts ?? []).map((concept, conceptIndex) => (
          <fieldset key={conceptIndex} className="fieldset">
            <legend>Key concept {conceptIndex + 1}</legend>
            <DraftText pointer={pointer('guidance', 'keyConcepts', conceptIndex, 'title')} label="Concept" value={concept.title} onChange={(value) => set(['guidance', 'keyConcepts', conceptIndex, 'title'], value)} messages={messagesAt(pointer('guidance', 'keyConcepts', conceptIndex, 'title'))} />
            <DraftText pointer={pointer('guidance', 'keyConcepts', conceptIndex, 'text')} label="Explanation" isMultiline value={concept.text} onChange={(value) => set(['guidance', 'keyConcepts', conceptIndex, 'text'], value)} messages={messagesAt(pointer('guidance', 'keyConcepts', conceptIndex, 'text'))} />
            <button type="button" className="secondary small" onClick={() => update((draft) => removeIn(draft, [...base, 'guidance', 'keyConcepts'], conceptIndex))}>
              Remove key concept {conceptIndex + 1}
            </button>
          </fieldset>
        ))}
        <button type="button" className="secondary" onClick={() => update((draft) => insertIn(draft, [...base, 'guidance', 'keyConcepts'], { title: '', text: '' }))}>
          Add a key concept
        </button>
        <DraftText
          pointer={pointer('guidance', 'tips')}
          label="Tips for the portfolio, one per line"
          isMultiline
          rows={4}
          value={(guidance.tips ?? []).join('\n')}
          onChange={(value) => set(['guidance', 'tips'], value.split('\n'))}
          messages={messagesAt(pointer('guidance', 'tips'))}
        />
        <DraftText
          pointer={pointer('guidance', 'misconceptions')}
          label="Common mistakes to avoid, one per line"
          isMultiline
          rows={4}
          value={(guidance.misconceptions ?? []).join('\n')}
          onChange={(value) => set(['guidance', 'misconceptions'], value.split('\n'))}
          messages={messagesAt(pointer('guidance', 'misconceptions'))}
        />
      </details>
    </article>
  );
}
