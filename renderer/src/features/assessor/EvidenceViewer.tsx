import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type FormEvent } from 'react';
import { DETAIL_FIELD_LABELS } from '../../../../core/evidence/audit-summary';
import { evidenceTypeLabel, findLegislation } from '../../../../core/evidence/catalogue';
import { formatTime } from '../../../../core/evidence/locator';
import type { AttachmentRef, EvidenceComment, EvidenceItem } from '../../../../core/model/portfolio';
import { NarrativeView } from '../../components/NarrativeView';
import { useObjectUrl } from '../../components/use-object-url';
import { appDb } from '../../db/app-db';
import { addComment, commentsForEvidence } from '../../db/assessment-repo';
import { MAX_COMMENT, formatDay } from '../../db/assessment-model';
import { getAttachment } from '../../db/attachments-repo';
import { formatBytes } from '../../lib/read-file';
import { errorMessage, type ActionOutcome } from './use-assessment';

/** "the observer" → "Observer": the audit trail's phrases as field labels. */
function fieldLabel(key: string): string {
  const phrase = (DETAIL_FIELD_LABELS[key] ?? key).replace(/^the /, '');
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}

function detailValue(key: string, value: unknown): string {
  if (key === 'durationSeconds' && typeof value === 'number') return formatTime(value);
  if (Array.isArray(value)) return value.map((entry) => (typeof entry === 'object' && entry !== null ? Object.values(entry).map(String).join(': ') : String(entry))).join('; ');
  if (key.endsWith('On') || key.endsWith('Date')) return typeof value === 'string' ? formatDay(value) : String(value);
  return String(value);
}

/** The type-specific fields of an item as label/value pairs (the witness's fields flattened). */
function detailRows(item: EvidenceItem): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(item.details)) {
    if (key === 'type' || value === undefined || value === '') continue;
    if (key === 'witness' && typeof value === 'object' && value !== null) {
      for (const [sub, subValue] of Object.entries(value)) {
        if (subValue !== undefined && subValue !== '') rows.push([fieldLabel(`witness.${sub}`), detailValue(sub, subValue)]);
      }
    } else if (key === 'stages' && Array.isArray(value)) {
      for (const stage of value) {
        if (typeof stage === 'object' && stage !== null && 'stage' in stage && 'text' in stage) rows.push([`Stage: ${String(stage.stage)}`, String(stage.text)]);
      }
    } else {
      rows.push([fieldLabel(key), detailValue(key, value)]);
    }
  }
  return rows;
}

/**
 * An evidence item as the learner wrote it, read-only: fields, narrative with paragraph
 * numbers (locators refer to them), witness details and attachments, with the comments on it.
 */
export function EvidenceViewer({ item, canComment }: { item: EvidenceItem; canComment: boolean }) {
  const details = detailRows(item);
  return (
    <div className="evidence-viewer">
      <dl className="facts">
        <dt>Type</dt>
        <dd>{evidenceTypeLabel(item.type)}</dd>
        <dt>Date of the activity</dt>
        <dd>{formatDay(item.activityDate)}</dd>
        {item.label ? (
          <>
            <dt>Reactive or proactive</dt>
            <dd>{item.label}</dd>
          </>
        ) : null}
        {details.map(([label, value], index) => (
          <DetailRow key={index} label={label} value={value} />
        ))}
        {item.legislation.length > 0 ? (
          <>
            <dt>Legislation</dt>
            <dd>{item.legislation.map((entry) => findLegislation(entry)?.name ?? entry).join('; ')}</dd>
          </>
        ) : null}
        {item.rootCause ? (
          <>
            <dt>Root cause</dt>
            <dd>{item.rootCause}</dd>
          </>
        ) : null}
        {item.prevention ? (
          <>
            <dt>What stops it happening again</dt>
            <dd>{item.prevention}</dd>
          </>
        ) : null}
        {item.tags.length > 0 ? (
          <>
            <dt>Tags</dt>
            <dd>{item.tags.join(', ')}</dd>
          </>
        ) : null}
      </dl>
      <h5>Narrative</h5>
      <NarrativeView text={item.narrative} />
      {item.attachments.length > 0 ? (
        <>
          <h5>Attachments</h5>
          <ul className="attachment-list">
            {item.attachments.map((attachment) => (
              <li key={attachment.sha256}>
                <AttachmentView portfolioId={item.portfolioId} attachment={attachment} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Comments item={item} canComment={canComment} />
    </div>
  );
}

function DetailRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

function AttachmentView({ portfolioId, attachment }: { portfolioId: string; attachment: AttachmentRef }) {
  const db = appDb();
  const stored = useLiveQuery(async () => (await getAttachment(db, portfolioId, attachment.sha256)) ?? null, [db, portfolioId, attachment.sha256]);
  const url = useObjectUrl(stored?.blob);
  const facts = `${attachment.name} (${attachment.mediaType}, ${formatBytes(attachment.size)})`;
  if (stored === undefined) return <span>{facts}</span>;
  if (stored === null || !url) return <span>{facts}: the file is missing from this computer.</span>;
  if (attachment.mediaType.startsWith('image/')) {
    return (
      <figure className="attachment-figure">
        <img src={url} alt={`Attachment ${attachment.name}`} />
        <figcaption>{facts}</figcaption>
      </figure>
    );
  }
  if (attachment.mediaType.startsWith('audio/')) {
    return (
      <figure className="attachment-figure">
        <audio controls src={url} aria-label={`Recording ${attachment.name}`} />
        <figcaption>{facts}</figcaption>
      </figure>
    );
  }
  return <span>{facts}</span>;
}

function Comments({ item, canComment }: { item: EvidenceItem; canComment: boolean }) {
  const db = appDb();
  const comments = useLiveQuery(() => commentsForEvidence(db, item.portfolioId, item.id), [db, item.portfolioId, item.id]);
  return (
    <section className="comments" aria-label={`Comments on ${item.title}`}>
      <h5>Comments</h5>
      {comments === undefined ? null : comments.length === 0 ? <p className="subtle">No comments yet.</p> : <CommentList comments={comments} />}
      {canComment ? <CommentForm item={item} /> : null}
    </section>
  );
}

export function CommentList({ comments }: { comments: readonly EvidenceComment[] }) {
  return (
    <ul className="comment-list">
      {comments.map((comment) => (
        <li key={comment.id}>
          <p className="comment-text">{comment.text}</p>
          <p className="subtle">
            {comment.author}, {formatDay(comment.createdAt)}
          </p>
        </li>
      ))}
    </ul>
  );
}

function CommentForm({ item }: { item: EvidenceItem }) {
  const db = appDb();
  const id = useId();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<ActionOutcome>({ kind: 'idle' });

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setOutcome({ kind: 'busy' });
    try {
      await addComment(db, { portfolioId: item.portfolioId, evidenceId: item.id, text });
      setText('');
      setOutcome({ kind: 'done', message: 'Comment added.' });
    } catch (error) {
      setOutcome({ kind: 'failed', message: errorMessage(error) });
    }
  }

  return (
    <form className="comment-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor={id}>Add a comment on “{item.title}”</label>
      <textarea id={id} rows={2} maxLength={MAX_COMMENT} value={text} onChange={(event) => setText(event.target.value)} />
      <div className="button-row">
        <button type="submit" className="secondary" disabled={outcome.kind === 'busy' || text.trim() === ''}>
          Add comment
        </button>
        <span aria-live="polite">{outcome.kind === 'done' ? <span className="subtle">{outcome.message}</span> : null}</span>
      </div>
      {outcome.kind === 'failed' ? (
        <p className="field-error" role="alert">
          {outcome.message}
        </p>
      ) : null}
    </form>
  );
}
