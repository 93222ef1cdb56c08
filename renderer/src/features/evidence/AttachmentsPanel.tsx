import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { describeImageMetadata } from '../../../../core/evidence/image-metadata';
import { ACCEPTED_FILES_SENTENCE, attachmentKindOf, extensionForMediaType, formatSize, mediaTypeLabel } from '../../../../core/evidence/media-type';
import { formatTime } from '../../../../core/evidence/locator';
import type { AttachmentRef } from '../../../../core/model/portfolio';
import { useToasts } from '../../components/Toasts';
import { useObjectUrl } from '../../components/use-object-url';
import { appDb, type StoredEvidence } from '../../db/app-db';
import { MAX_ATTACHMENT_DESCRIPTION, addAttachments, describeAttachment, getAttachment, prepareAttachment, removeAttachment, type PreparedAttachment } from '../../db/attachments-repo';
import { restoreFromTrash } from '../../db/trash-repo';
import { saveFile } from '../../lib/save-file';
import { withoutPhotoMetadata } from './photo-cleaning';

interface Props {
  item: StoredEvidence;
  actor: string;
  /** Offered for call recordings: use the length of an attached recording. */
  onUseDuration?: (seconds: number) => void;
  currentDuration?: number;
}

interface Job {
  key: number;
  name: string;
  done: number;
  total: number;
}

/**
 * Files attached to an item: added with the file picker or by dropping them here, checked
 * by their bytes, fingerprinted (SHA-256) with progress for big ones, then shown as image
 * thumbnails (click for a larger view), audio players, or document cards.
 */
export function AttachmentsPanel({ item, actor, onUseDuration, currentDuration }: Props) {
  const db = appDb();
  const toasts = useToasts();
  const inputRef = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const [jobs, setJobs] = useState<Job[]>([]);
  const [refusals, setRefusals] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | undefined>();
  // What was taken out of each photo, said on screen so nobody wonders why a file changed.
  const [cleanings, setCleanings] = useState<string[]>([]);
  const [isDragging, setIsDragging] = useState(false);
  const nextKey = useRef(1);

  async function addFiles(files: readonly File[]): Promise<void> {
    if (files.length === 0) return;
    setRefusals([]);
    setNotice(undefined);
    setCleanings([]);
    const problems: string[] = [];
    const added: string[] = [];
    const cleaned: string[] = [];
    for (const file of files) {
      const key = nextKey.current++;
      setJobs((current) => [...current, { key, name: file.name, done: 0, total: file.size }]);
      let cleaning: Awaited<ReturnType<typeof withoutPhotoMetadata>>;
      try {
        cleaning = await withoutPhotoMetadata(file);
      } catch {
        cleaning = { file, removed: [], isDamaged: false, isTurned: false };
      }
      const result = await prepareAttachment(cleaning.file, file.name, {
        onProgress: (done, total) => setJobs((current) => current.map((job) => (job.key === key ? { ...job, done, total } : job))),
      });
      if (!result.ok) problems.push(result.message);
      else {
        try {
          const outcome = await addAttachments(db, item.portfolioId, item.id, [result.attachment satisfies PreparedAttachment], actor);
          added.push(...outcome.added.map((ref) => ref.name));
          if (outcome.added.length > 0 && cleaning.removed.length > 0) {
            cleaned.push(`From “${result.attachment.ref.name}”: removed ${describeImageMetadata(cleaning.removed)}. The picture itself is unchanged${cleaning.isTurned ? ' and still shows the right way up' : ''}.`);
          }
          if (outcome.added.length > 0 && cleaning.isDamaged) {
            cleaned.push(`“${result.attachment.ref.name}” seems damaged, so the details stored in it (such as where it was taken) could not be removed. Check the picture, or attach a fresh copy.`);
          }
          problems.push(...outcome.alreadyAttached.map((name) => `“${name}” is already attached to this evidence (the same file), so it was not added again.`));
        } catch (error) {
          problems.push(`“${result.attachment.ref.name}” was not attached: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      setJobs((current) => current.filter((job) => job.key !== key));
    }
    setRefusals(problems);
    setCleanings(cleaned);
    if (added.length > 0) setNotice(`Attached ${added.length === 1 ? `“${added[0] ?? ''}”` : `${added.length} files`}.`);
  }

  function onDrop(event: DragEvent<HTMLDivElement>): void {
    event.preventDefault();
    setIsDragging(false);
    void addFiles([...event.dataTransfer.files]);
  }

  async function remove(ref: AttachmentRef): Promise<void> {
    try {
      const entry = await removeAttachment(db, item.portfolioId, item.id, ref.sha256, actor);
      toasts.show(`Removed “${ref.name}” from this evidence.`, { label: 'Undo', run: async () => void (await restoreFromTrash(db, entry.portfolioId, entry.id, actor)) });
    } catch (error) {
      setRefusals([error instanceof Error ? error.message : String(error)]);
    }
  }

  return (
    <section className="form-section attachments" aria-labelledby={headingId}>
      <h2 id={headingId}>Files</h2>
      <div
        className={`drop-zone${isDragging ? ' is-dragging' : ''}`}
        data-testid="attachment-drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setIsDragging(true);
        }}
        onDragLeave={() => setIsDragging(false)}
        onDrop={onDrop}
      >
        <p>
          Drop screenshots, documents or recordings here, or{' '}
          <button type="button" className="link-button" onClick={() => inputRef.current?.click()}>
            choose files…
          </button>
        </p>
        <p className="hint">{ACCEPTED_FILES_SENTENCE} Up to 250 MB each. Hide customers’ personal details before you attach anything; details stored inside photos (such as where they were taken) are removed for you.</p>
        <input
          ref={inputRef}
          type="file"
          multiple
          accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,audio/*,text/plain"
          className="visually-hidden"
          aria-label="Files to attach"
          tabIndex={-1}
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            void addFiles(files);
          }}
        />
      </div>
      <div aria-live="polite" className="attachment-jobs">
        {jobs.map((job) => (
          <div key={job.key} className="job">
            <label>
              Checking “{job.name}”{job.total > 0 ? ` (${formatSize(job.total)})` : ''}: {job.total > 0 ? Math.floor((job.done / job.total) * 100) : 0}%
              <progress value={job.done} max={Math.max(1, job.total)} />
            </label>
          </div>
        ))}
        {notice ? <p className="status success">{notice}</p> : null}
        {cleanings.length > 0 ? (
          <div className="status photo-cleaning">
            <p>Photo details that could identify people or places were taken out before the files were kept:</p>
            <ul>
              {cleanings.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      {refusals.length > 0 ? (
        <div className="problems" role="alert">
          <h3>{refusals.length === 1 ? 'A file was not attached' : `${refusals.length} files were not attached`}</h3>
          <ul>
            {refusals.map((message, index) => (
              <li key={index}>{message}</li>
            ))}
          </ul>
          <button type="button" className="secondary" onClick={() => setRefusals([])}>
            Dismiss
          </button>
        </div>
      ) : null}
      {item.attachments.length === 0 ? (
        <p className="subtle">No files attached yet.</p>
      ) : (
        <ul className="attachment-grid" aria-label="Attached files">
          {item.attachments.map((ref) => (
            <AttachmentCard
              key={ref.sha256}
              portfolioId={item.portfolioId}
              attachment={ref}
              onRemove={() => void remove(ref)}
              onDescribe={(description) => describeAttachment(db, item.portfolioId, item.id, ref.sha256, description, actor)}
              onUseDuration={onUseDuration}
              currentDuration={currentDuration}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function AttachmentCard({
  portfolioId,
  attachment,
  onRemove,
  onDescribe,
  onUseDuration,
  currentDuration,
}: {
  portfolioId: string;
  attachment: AttachmentRef;
  onRemove: () => void;
  onDescribe: (description: string) => Promise<unknown>;
  onUseDuration?: ((seconds: number) => void) | undefined;
  currentDuration?: number | undefined;
}) {
  const db = appDb();
  const stored = useLiveQuery(() => getAttachment(db, portfolioId, attachment.sha256), [db, portfolioId, attachment.sha256]);
  const url = useObjectUrl(stored?.blob);
  const kind = attachmentKindOf(attachment.mediaType);
  const [isPreviewOpen, setIsPreviewOpen] = useState(false);
  const [duration, setDuration] = useState<number | undefined>();
  const [saveOutcome, setSaveOutcome] = useState<{ text: string; isProblem: boolean } | undefined>();

  // A copy to open in another program (a PDF reader, say) or to send on; the app keeps its own.
  async function saveCopy(): Promise<void> {
    if (!stored) return;
    setSaveOutcome(undefined);
    try {
      const extension = extensionForMediaType(attachment.mediaType) ?? '';
      const suggestedName = attachment.name.toLowerCase().endsWith(extension) ? attachment.name : `${attachment.name}${extension}`;
      const outcome = await saveFile(stored.blob, { suggestedName, kind: 'attachment', mediaType: attachment.mediaType });
      if (outcome.status === 'saved') setSaveOutcome({ text: `Saved a copy to ${outcome.path}.`, isProblem: false });
    } catch (error) {
      setSaveOutcome({ text: `The copy was not saved: ${error instanceof Error ? error.message : String(error)} Nothing was written.`, isProblem: true });
    }
  }

  return (
    <li className={`attachment-card kind-${kind ?? 'other'}`}>
      <div className="attachment-preview">
        {kind === 'image' ? (
          url ? (
            <button type="button" className="thumb-button" onClick={() => setIsPreviewOpen(true)} aria-label={`Show “${attachment.name}” larger`}>
              <img src={url} alt={`Preview of ${attachment.name}`} className="thumb" decoding="async" />
            </button>
          ) : (
            <span className="thumb placeholder" aria-hidden="true" />
          )
        ) : null}
        {kind === 'audio' && url ? (
          <audio
            controls
            preload="metadata"
            src={url}
            aria-label={`Play “${attachment.name}”`}
            onLoadedMetadata={(event) => {
              const seconds = event.currentTarget.duration;
              if (Number.isFinite(seconds)) setDuration(Math.round(seconds * 10) / 10);
            }}
          />
        ) : null}
        {kind === 'pdf' ? <span className="file-badge">PDF</span> : null}
        {kind === 'text' ? <TextPreview blob={stored?.blob} /> : null}
      </div>
      <div className="attachment-meta">
        <p className="attachment-name">{attachment.name}</p>
        <p className="subtle">
          {mediaTypeLabel(attachment.mediaType)} · {formatSize(attachment.size)}
          {duration !== undefined ? ` · ${formatTime(duration)}` : ''}
        </p>
        <p className="hash" title={attachment.sha256}>
          SHA-256 <code>{attachment.sha256.slice(0, 16)}…</code>
        </p>
        <DescriptionField attachment={attachment} onDescribe={onDescribe} />
        <div className="button-row">
          {onUseDuration && duration !== undefined && duration !== currentDuration ? (
            <button type="button" className="secondary small" onClick={() => onUseDuration(duration)}>
              Use this length ({formatTime(duration)}) for the call
            </button>
          ) : null}
          <button type="button" className="secondary small" onClick={() => void saveCopy()} disabled={!stored} aria-label={`Save a copy of “${attachment.name}”`}>
            Save a copy…
          </button>
          <button type="button" className="secondary small" onClick={onRemove} aria-label={`Remove “${attachment.name}”`}>
            Remove
          </button>
        </div>
        {saveOutcome ? (
          <p className={saveOutcome.isProblem ? 'problems' : 'status success'} role={saveOutcome.isProblem ? 'alert' : 'status'}>
            {saveOutcome.text}
          </p>
        ) : null}
      </div>
      {isPreviewOpen && url ? <ImageDialog url={url} name={attachment.name} onClose={() => setIsPreviewOpen(false)} /> : null}
    </li>
  );
}

/**
 * What the file shows, in the learner's words: saved when the field loses focus, printed under
 * the figure in the PDF and given as the picture's alternative text.
 */
function DescriptionField({ attachment, onDescribe }: { attachment: AttachmentRef; onDescribe: (description: string) => Promise<unknown> }) {
  const id = useId();
  const saved = attachment.description ?? '';
  const [text, setText] = useState(saved);
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => setText(saved), [saved]);
  async function save(): Promise<void> {
    if (text.trim() === saved) return;
    try {
      await onDescribe(text);
      setProblem(undefined);
    } catch (error) {
      setProblem(`The description was not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return (
    <div className="field attachment-description">
      <label htmlFor={id}>What it shows</label>
      <p className="hint" id={`${id}-hint`}>
        Printed under the picture in the PDF and read aloud to anyone who cannot see it.
      </p>
      <textarea id={id} aria-describedby={`${id}-hint`} rows={2} maxLength={MAX_ATTACHMENT_DESCRIPTION} value={text} onChange={(event) => setText(event.target.value)} onBlur={() => void save()} />
      {problem ? (
        <p className="problems" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

function TextPreview({ blob }: { blob: Blob | undefined }) {
  const [text, setText] = useState<string | undefined>();
  useEffect(() => {
    let isCancelled = false;
    if (blob) {
      void blob
        .slice(0, 4000)
        .text()
        .then((value) => {
          if (!isCancelled) setText(value);
        });
    }
    return () => {
      isCancelled = true;
    };
  }, [blob]);
  return <pre className="text-preview">{text ?? ''}</pre>;
}

/** A larger view of an image in a modal dialog (Escape or the Close button closes it). */
function ImageDialog({ url, name, onClose }: { url: string; name: string; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="image-dialog" aria-label={name} onClose={onClose}>
      <div className="dialog-head">
        <h2>{name}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <img src={url} alt={name} />
    </dialog>
  );
}
