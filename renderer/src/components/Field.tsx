import type { ReactNode } from 'react';

export interface FieldMessage {
  message: string;
  severity: 'error' | 'reminder';
}

/** The id of the control for a dotted field name, so messages and summaries can link to it. */
export function fieldId(field: string): string {
  return `field-${field.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

interface FieldProps {
  /** Dotted field name (e.g. "details.witness.name"); gives the control its id. */
  field: string;
  label: string;
  hint?: string;
  messages?: readonly FieldMessage[];
  /** Renders the control with the ids and ARIA attributes it needs. */
  children: (control: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
  className?: string;
}

/**
 * A labelled form field with an optional hint and messages beside it: errors (which stop a
 * save) and reminders (what an assessor will look for). The control is described by both,
 * so screen readers read them with the field.
 */
export function Field({ field, label, hint, messages = [], children, className }: FieldProps) {
  const id = fieldId(field);
  const hintId = hint ? `${id}-hint` : undefined;
  const messageId = messages.length > 0 ? `${id}-messages` : undefined;
  const describedBy = [hintId, messageId].filter(Boolean).join(' ') || undefined;
  const hasError = messages.some((message) => message.severity === 'error');
  return (
    <div className={`field${hasError ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {messageId ? <FieldMessages id={messageId} messages={messages} /> : null}
      {children({ id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(hasError ? { 'aria-invalid': true as const } : {}) })}
    </div>
  );
}

export function FieldMessages({ id, messages }: { id?: string; messages: readonly FieldMessage[] }) {
  if (messages.length === 0) return null;
  return (
    <ul className="field-messages" id={id}>
      {messages.map((message, index) => (
        <li key={index} className={message.severity === 'error' ? 'field-error' : 'field-reminder'}>
          <span className="visually-hidden">{message.severity === 'error' ? 'Error: ' : 'To do: '}</span>
          {message.message}
        </li>
      ))}
    </ul>
  );
}

/** A group of checkboxes or radios with a legend, and messages for the group. */
export function FieldSet({ legend, hint, messages = [], children, id, className }: { legend: string; hint?: string; messages?: readonly FieldMessage[]; children: ReactNode; id?: string; className?: string }) {
  const hintId = hint && id ? `${id}-hint` : undefined;
  const messageId = messages.length > 0 && id ? `${id}-messages` : undefined;
  return (
    <fieldset className={`fieldset${className ? ` ${className}` : ''}`} id={id} aria-describedby={[hintId, messageId].filter(Boolean).join(' ') || undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldMessages id={messageId} messages={messages} />
      {children}
    </fieldset>
  );
}

/** Moves focus to a field (or the first control of a group). Not a `#id` link: the app's routes live in the hash. */
export function focusField(id: string): void {
  const target = document.getElementById(id);
  if (!target) return;
  const control = target.matches('input, select, textarea, button') ? target : target.querySelector<HTMLElement>('input, select, textarea, button');
  target.scrollIntoView({ block: 'center' });
  (control ?? target).focus();
}

/** A link-styled button that takes the user to a field with a problem. */
export function FieldLink({ field, children }: { field: string; children: ReactNode }) {
  return (
    <button type="button" className="link-button field-link" onClick={() => focusField(fieldId(field))}>
      {children}
    </button>
  );
}
