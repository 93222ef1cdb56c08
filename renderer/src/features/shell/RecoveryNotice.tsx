import { useState } from 'react';

/** The query parameter main adds when it reloads the window after its renderer stopped (electron/main/window-lifecycle.ts). */
const RECOVERED_PARAMETER = 'recovered';

const WHY: Record<string, string> = {
  oom: ' because it ran out of memory',
  killed: ' because it was stopped by the system',
  'launch-failed': ' because it could not start',
  'integrity-failure': ' because its code failed a check',
};

/** Why the window was reopened, read once from the address (and taken out of it, so a later reload does not say it again). */
function takeRecoveryReason(): string | undefined {
  const params = new URLSearchParams(window.location.search);
  const reason = params.get(RECOVERED_PARAMETER);
  if (reason === null) return undefined;
  params.delete(RECOVERED_PARAMETER);
  const query = params.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`);
  return reason;
}

const reasonAtStart = typeof window === 'undefined' ? undefined : takeRecoveryReason();

/** After a renderer crash main reloads the window: say what happened, and that nothing was lost. */
export function RecoveryNotice() {
  const [reason, setReason] = useState(reasonAtStart);
  if (reason === undefined) return null;
  return (
    <div className="status warning recovery-notice" role="alert">
      <p>
        <strong>The app’s window stopped unexpectedly{WHY[reason] ?? ''} and has been reopened.</strong> Your work is safe: the app saves every change as you make it. If you
        were importing, exporting or making a PDF, start it again.
      </p>
      <button type="button" className="secondary small" onClick={() => setReason(undefined)}>
        Dismiss
      </button>
    </div>
  );
}
