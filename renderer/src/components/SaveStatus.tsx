export type SaveState =
  | { kind: 'saved'; at?: string }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'invalid'; count: number }
  | { kind: 'failed'; message: string };

function timeOf(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : ` at ${date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`;
}

/** Autosave's status, announced politely to screen readers. */
export function SaveStatus({ state }: { state: SaveState }) {
  let text: string;
  switch (state.kind) {
    case 'saved':
      text = `Saved${timeOf(state.at)}`;
      break;
    case 'pending':
      text = 'Unsaved changes…';
      break;
    case 'saving':
      text = 'Saving…';
      break;
    case 'invalid':
      text = `Not saved: fix ${state.count === 1 ? 'the field' : `the ${state.count} fields`} marked in red`;
      break;
    case 'failed':
      text = `Not saved: ${state.message}`;
      break;
  }
  return (
    <p className={`save-status save-${state.kind}`} role="status" aria-live="polite" data-testid="save-status">
      {text}
    </p>
  );
}
