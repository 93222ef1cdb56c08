import { useState } from 'react';
import { COMPLAINT_MODEL_INFO, COMPLAINT_MODEL_LIST, COMPLAINT_STAGE_INFO, isComplaintModel } from '../../../../core/evidence/catalogue';
import { formatTime, parseTime } from '../../../../core/evidence/locator';
import { stagesForModel } from '../../../../core/evidence/new-evidence';
import { COMPLAINT_STAGES, WITNESS_TYPES, type EvidenceDetails, type EvidenceItem } from '../../../../core/model/portfolio';
import { Field, FieldSet, type FieldMessage } from '../../components/Field';

interface Props {
  item: EvidenceItem;
  setDetails: (details: EvidenceDetails) => void;
  messagesFor: (field: string) => FieldMessage[];
  today: string;
}

type TextProps = {
  field: string;
  label: string;
  hint?: string;
  value: string | undefined;
  onChange: (value: string) => void;
  messagesFor: Props['messagesFor'];
  isLong?: boolean;
  rows?: number;
  type?: 'text' | 'date';
  autoComplete?: string;
};

export function TextField({ field, label, hint, value, onChange, messagesFor, isLong, rows = 4, type = 'text', autoComplete = 'off' }: TextProps) {
  return (
    <Field field={field} label={label} hint={hint} messages={messagesFor(field)}>
      {(control) =>
        isLong ? (
          <textarea {...control} value={value ?? ''} rows={rows} onChange={(event) => onChange(event.target.value)} />
        ) : (
          <input {...control} type={type} value={value ?? ''} autoComplete={autoComplete} onChange={(event) => onChange(event.target.value)} />
        )
      }
    </Field>
  );
}

/** The fields that only one kind of evidence has. */
export function TypeFields({ item, setDetails, messagesFor, today }: Props) {
  const details = item.details;
  const text = (field: string, label: string, value: string | undefined, onChange: (value: string) => void, extra: Partial<TextProps> = {}) => (
    <TextField field={`details.${field}`} label={label} value={value} onChange={onChange} messagesFor={messagesFor} {...extra} />
  );

  switch (details.type) {
    case 'reflective-account':
      return <ReflectiveFields details={details} setDetails={setDetails} messagesFor={messagesFor} />;
    case 'witness-testimony': {
      const witness = details.witness;
      const setWitness = (change: Partial<typeof witness>) => setDetails({ ...details, witness: { ...witness, ...change } });
      return (
        <section className="form-section" aria-labelledby="type-heading">
          <h2 id="type-heading">The witness and their statement</h2>
          <div className="form-grid">
            {text('witness.name', 'Witness’s name', witness.name, (name) => setWitness({ name }))}
            {text('witness.role', 'Their job role', witness.role, (role) => setWitness({ role }), { hint: 'For example: customer service team leader.' })}
            {text('witness.relationship', 'How they know you', witness.relationship, (relationship) => setWitness({ relationship }), { hint: 'For example: my line manager for two years.' })}
            {text('witness.contact', 'How to contact them', witness.contact, (contact) => setWitness({ contact }), { hint: 'A work email address or phone number, so your assessor can check the statement.' })}
          </div>
          <FieldSet
            id="field-details-witness-witnessType"
            legend="Kind of witness"
            hint="An expert witness is competent in the work they saw (for example, a qualified team leader); anyone else who saw it is an ordinary witness."
            messages={messagesFor('details.witness.witnessType')}
          >
            {WITNESS_TYPES.map((witnessType) => (
              <label key={witnessType} className="check">
                <input type="radio" name="witness-type" checked={witness.witnessType === witnessType} onChange={() => setWitness({ witnessType })} />{' '}
                {witnessType === 'expert' ? 'Expert witness' : 'Ordinary witness'}
              </label>
            ))}
          </FieldSet>
          {text('statement', 'Statement, in the witness’s words', details.statement, (statement) => setDetails({ ...details, statement }), { isLong: true, rows: 7 })}
          <div className="form-grid">
            {text('statementDate', 'Date of the statement', details.statementDate, (statementDate) => setDetails({ ...details, statementDate }), { type: 'date' })}
            <div>
              {text('witness.confirmedOn', 'Date the witness confirmed it', witness.confirmedOn, (confirmedOn) => setWitness({ confirmedOn }), {
                type: 'date',
                hint: 'Leave empty until the witness has read the statement and confirmed it is theirs.',
              })}
              {!witness.confirmedOn ? (
                <button type="button" className="secondary small" onClick={() => setWitness({ confirmedOn: today })}>
                  The witness confirmed it today
                </button>
              ) : null}
            </div>
            {text('witness.confirmedHow', 'How it was confirmed', witness.confirmedHow, (confirmedHow) => setWitness({ confirmedHow }), { hint: 'For example: signed in person, or my assessor phoned them.' })}
          </div>
          {text('witness.confirmationStatement', 'The witness’s confirmation, in their words', witness.confirmationStatement, (confirmationStatement) => setWitness({ confirmationStatement }), {
            isLong: true,
            rows: 2,
            hint: 'For example: “I confirm this is a true account of what I saw.”',
          })}
        </section>
      );
    }
    case 'observation':
      return (
        <section className="form-section" aria-labelledby="type-heading">
          <h2 id="type-heading">The observation</h2>
          <div className="form-grid">
            {text('observer', 'Observer', details.observer, (observer) => setDetails({ ...details, observer }), { hint: 'Who watched you work: your assessor or another named person.' })}
            {text('observedOn', 'Date of the observation', details.observedOn, (observedOn) => setDetails({ ...details, observedOn }), { type: 'date' })}
            {text('setting', 'Setting', details.setting, (setting) => setDetails({ ...details, setting }), { hint: 'Where it took place, for example: branch counter, contact centre.' })}
          </div>
        </section>
      );
    case 'professional-discussion':
      return (
        <section className="form-section" aria-labelledby="type-heading">
          <h2 id="type-heading">The discussion</h2>
          {text('discussedWith', 'Who the discussion was with', details.discussedWith, (discussedWith) => setDetails({ ...details, discussedWith }))}
          {text('topics', 'Topics discussed', details.topics, (topics) => setDetails({ ...details, topics }), { isLong: true })}
        </section>
      );
    case 'case-log':
      return (
        <section className="form-section" aria-labelledby="type-heading">
          <h2 id="type-heading">The complaint or case log</h2>
          {text('caseReference', 'Case or complaint reference', details.caseReference, (caseReference) => setDetails({ ...details, caseReference }), { hint: 'Your system’s reference, not the customer’s name.' })}
          <FieldSet
            id="field-details-stagesCovered"
            legend="Stages this log shows"
            hint="Assessors look for at least one complaint shown all the way through: identification, resolution and recording."
            messages={messagesFor('details.stagesCovered')}
          >
            {COMPLAINT_STAGES.map((stage) => (
              <label key={stage} className="check">
                <input
                  type="checkbox"
                  checked={details.stagesCovered.includes(stage)}
                  onChange={(event) => {
                    const others = details.stagesCovered.filter((existing) => existing !== stage);
                    setDetails({ ...details, stagesCovered: event.target.checked ? COMPLAINT_STAGES.filter((candidate) => candidate === stage || others.includes(candidate)) : others });
                  }}
                />
                <span>
                  <strong>{COMPLAINT_STAGE_INFO[stage].label}</strong> — {COMPLAINT_STAGE_INFO[stage].description}
                </span>
              </label>
            ))}
          </FieldSet>
        </section>
      );
    case 'call-recording':
      return (
        <section className="form-section" aria-labelledby="type-heading">
          <h2 id="type-heading">The recording</h2>
          <DurationField value={details.durationSeconds} onChange={(durationSeconds) => setDetails(durationSeconds === undefined ? { type: details.type, consent: details.consent } : { ...details, durationSeconds })} messages={messagesFor('details.durationSeconds')} />
          {text('consent', 'Consent or permission', details.consent, (consent) => setDetails({ ...details, consent }), {
            isLong: true,
            rows: 3,
            hint: 'Use call recordings only where permitted. Say how the customer was told the call was recorded and who allowed its use in your portfolio.',
          })}
        </section>
      );
    case 'customer-feedback':
      return (
        <section className="form-section" aria-labelledby="type-heading">
          <h2 id="type-heading">The feedback</h2>
          <div className="form-grid">
            {text('source', 'Where the feedback came from', details.source, (source) => setDetails({ ...details, source }), { hint: 'For example: post-call survey, online review, comment card.' })}
            <Field field="details.sampleSize" label="Number of responses (optional)" messages={messagesFor('details.sampleSize')}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  min={0}
                  step={1}
                  inputMode="numeric"
                  value={details.sampleSize ?? ''}
                  onChange={(event) => {
                    const parsed = event.target.value === '' ? undefined : Number(event.target.value);
                    setDetails(parsed === undefined || !Number.isFinite(parsed) ? { type: details.type, ...(details.source ? { source: details.source } : {}) } : { ...details, sampleSize: parsed });
                  }}
                />
              )}
            </Field>
          </div>
        </section>
      );
    case 'mystery-shopping':
      return (
        <section className="form-section" aria-labelledby="type-heading">
          <h2 id="type-heading">The mystery shop</h2>
          <div className="form-grid">
            {text('shopper', 'Who carried it out', details.shopper, (shopper) => setDetails({ ...details, shopper }))}
            {text('channel', 'Channel', details.channel, (channel) => setDetails({ ...details, channel }), { hint: 'For example: telephone, web chat, in branch.' })}
          </div>
        </section>
      );
    case 'work-product':
      return (
        <section className="form-section" aria-labelledby="type-heading">
          <h2 id="type-heading">The work product</h2>
          {text('productKind', 'What it is', details.productKind, (productKind) => setDetails({ ...details, productKind }), { hint: 'For example: revised complaints procedure, staff briefing, monitoring plan.' })}
        </section>
      );
    case 'question-answer':
      return (
        <section className="form-section" aria-labelledby="type-heading">
          <h2 id="type-heading">The questions</h2>
          {text('askedBy', 'Who asked the questions', details.askedBy, (askedBy) => setDetails({ ...details, askedBy }))}
        </section>
      );
  }
}

function ReflectiveFields({ details, setDetails, messagesFor }: { details: Extract<EvidenceDetails, { type: 'reflective-account' }>; setDetails: (details: EvidenceDetails) => void; messagesFor: Props['messagesFor'] }) {
  const info = COMPLAINT_MODEL_INFO[details.model];
  const setStage = (index: number, change: { stage?: string; text?: string }) =>
    setDetails({ ...details, stages: details.stages.map((stage, at) => (at === index ? { ...stage, ...change } : stage)) });
  return (
    <section className="form-section" aria-labelledby="type-heading">
      <h2 id="type-heading">Your account, stage by stage</h2>
      <Field field="details.model" label="Complaint-handling model you followed" hint="Structure your account with a recognised model so your assessor can follow each step." messages={messagesFor('details.model')}>
        {(control) => (
          <select
            {...control}
            value={details.model}
            onChange={(event) => {
              const model = event.target.value;
              if (!isComplaintModel(model)) return;
              const stages = stagesForModel(model, details.stages);
              setDetails({ ...details, model, stages: model === 'other' && stages.length === 0 ? [{ stage: '', text: '' }] : stages });
            }}
          >
            {COMPLAINT_MODEL_LIST.map((model) => (
              <option key={model.model} value={model.model}>
                {model.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {details.model === 'other' ? (
        <TextField field="details.modelName" label="Name of the model" value={details.modelName} onChange={(modelName) => setDetails({ ...details, modelName })} messagesFor={messagesFor} />
      ) : (
        <p className="hint">{info.description}</p>
      )}
      <ol className="model-stages">
        {details.stages.map((stage, index) => (
          <li key={index} className="model-stage">
            {details.model === 'other' ? (
              <div className="stage-head">
                <TextField field={`details.stages.${index}.stage`} label={`Stage ${index + 1}: name`} value={stage.stage} onChange={(name) => setStage(index, { stage: name })} messagesFor={messagesFor} />
                <button type="button" className="link-button" onClick={() => setDetails({ ...details, stages: details.stages.filter((_, at) => at !== index) })}>
                  Remove stage {index + 1}
                </button>
              </div>
            ) : null}
            <TextField
              field={`details.stages.${index}.text`}
              label={details.model === 'other' ? `What you did at stage ${index + 1}` : `${stage.stage}: what you did`}
              value={stage.text}
              onChange={(text) => setStage(index, { text })}
              messagesFor={messagesFor}
              isLong
              rows={3}
            />
          </li>
        ))}
      </ol>
      {details.model === 'other' ? (
        <button type="button" className="secondary" onClick={() => setDetails({ ...details, stages: [...details.stages, { stage: '', text: '' }] })}>
          Add a stage
        </button>
      ) : null}
      <h3>Reflection</h3>
      <TextField field="details.wentWell" label="What went well" value={details.wentWell} onChange={(wentWell) => setDetails({ ...details, wentWell })} messagesFor={messagesFor} isLong rows={3} />
      <TextField field="details.doDifferently" label="What I would do differently" value={details.doDifferently} onChange={(doDifferently) => setDetails({ ...details, doDifferently })} messagesFor={messagesFor} isLong rows={3} />
      <TextField
        field="details.preventRecurrence"
        label="How I stopped it happening again"
        hint="Not only how the complaint was put right: what changed so it does not recur (a revised procedure, a quality check, a briefing to staff)."
        value={details.preventRecurrence}
        onChange={(preventRecurrence) => setDetails({ ...details, preventRecurrence })}
        messagesFor={messagesFor}
        isLong
        rows={3}
      />
    </section>
  );
}

/** The length of a call, typed as minutes and seconds. What was typed is kept while it is not yet a time. */
function DurationField({ value, onChange, messages }: { value: number | undefined; onChange: (seconds: number | undefined) => void; messages: FieldMessage[] }) {
  const [text, setText] = useState(value === undefined ? '' : formatTime(value));
  const [isBad, setIsBad] = useState(false);
  // When the length is set from elsewhere (the attached recording), show it here too.
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    if (value !== undefined && parseTime(text) !== value) {
      setText(formatTime(value));
      setIsBad(false);
    }
  }
  const local: FieldMessage[] = isBad ? [{ message: 'Enter the length as minutes and seconds, for example 4:30.', severity: 'error' }] : [];
  return (
    <Field field="details.durationSeconds" label="Length of the call" hint="Minutes and seconds, for example 4:30." messages={[...local, ...messages.filter((message) => !isBad || message.severity === 'error')]}>
      {(control) => (
        <input
          {...control}
          type="text"
          inputMode="numeric"
          className="short-input"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            const trimmed = event.target.value.trim();
            if (trimmed === '') {
              setIsBad(false);
              onChange(undefined);
              return;
            }
            const seconds = parseTime(trimmed);
            setIsBad(seconds === undefined);
            if (seconds !== undefined) onChange(seconds);
          }}
        />
      )}
    </Field>
  );
}
