import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

export interface Toast {
  id: number;
  message: string;
  /** Shown as a button; the toast closes once it has run. */
  action?: { label: string; run: () => Promise<void> };
}

interface ToastApi {
  show(message: string, action?: Toast['action']): void;
}

const ToastContext = createContext<ToastApi | undefined>(undefined);

/** How long an undo offer stays on screen (it stays while focus is inside it). */
const TOAST_MS = 20_000;

/**
 * Short messages with an optional action, such as "Deleted … — Undo". The Undo button takes
 * focus when it appears, so it can be reached at once with the keyboard; Escape dismisses.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);
  const api = useMemo<ToastApi>(
    () => ({
      show(message, action) {
        const id = nextId.current++;
        setToasts((current) => [...current.slice(-2), { id, message, ...(action ? { action } : {}) }]);
      },
    }),
    [],
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" aria-live="polite" aria-relevant="additions">
        {toasts.map((toast) => (
          <ToastView key={toast.id} toast={toast} onDismiss={() => dismiss(toast.id)} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

function ToastView({ toast, onDismiss }: { toast: Toast; onDismiss: () => void }) {
  const [error, setError] = useState<string | undefined>();
  const [isBusy, setIsBusy] = useState(false);
  const actionRef = useRef<HTMLButtonElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    actionRef.current?.focus();
  }, []);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      if (!boxRef.current?.contains(document.activeElement)) onDismiss();
    }, TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [onDismiss]);

  return (
    <div
      className="toast"
      role="status"
      ref={boxRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDismiss();
      }}
    >
      <p>{toast.message}</p>
      {error ? <p className="toast-error">{error}</p> : null}
      <div className="toast-actions">
        {toast.action ? (
          <button
            type="button"
            ref={actionRef}
            disabled={isBusy}
            onClick={() => {
              const action = toast.action;
              if (!action) return;
              setIsBusy(true);
              action.run().then(onDismiss, (caught: unknown) => {
                setIsBusy(false);
                setError(caught instanceof Error ? caught.message : String(caught));
              });
            }}
          >
            {toast.action.label}
          </button>
        ) : null}
        <button type="button" className="secondary" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

export function useToasts(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToasts needs a ToastProvider above it.');
  return api;
}
