import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { appDb } from '../../db/app-db';
import { emptyTrash, listTrash, restoreFromTrash, TRASH_KEEP_DAYS } from '../../db/trash-repo';

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** Recently deleted evidence, mappings and files, each of which can be put back. */
export function TrashPanel({ portfolioId, actor }: { portfolioId: string; actor: string }) {
  const db = appDb();
  const entries = useLiveQuery(() => listTrash(db, portfolioId), [db, portfolioId]);
  const [message, setMessage] = useState<string | undefined>();
  if (!entries || entries.length === 0) return null;
  return (
    <details className="trash-panel">
      <summary>Recently deleted ({entries.length})</summary>
      <p className="hint">Deleted things are kept here for {TRASH_KEEP_DAYS} days, or until you empty this list, so you can put them back.</p>
      {message ? (
        <p className="status" role="status">
          {message}
        </p>
      ) : null}
      <ul>
        {entries.map((entry) => (
          <li key={entry.id}>
            <span>
              {entry.summary} <span className="subtle">({when(entry.deletedAt)})</span>
            </span>
            <button
              type="button"
              className="secondary small"
              onClick={() => {
                restoreFromTrash(db, entry.portfolioId, entry.id, actor).then(
                  () => setMessage('Put back.'),
                  (error: unknown) => setMessage(error instanceof Error ? error.message : String(error)),
                );
              }}
            >
              Put back
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="danger small"
        onClick={() => {
          if (!window.confirm('Delete everything in this list for good? This cannot be undone.')) return;
          emptyTrash(db, portfolioId).then(
            (count) => setMessage(`Cleared ${count} deleted ${count === 1 ? 'thing' : 'things'} for good.`),
            (error: unknown) => setMessage(error instanceof Error ? error.message : String(error)),
          );
        }}
      >
        Empty this list for good
      </button>
    </details>
  );
}
