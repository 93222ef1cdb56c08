import { useCallback, useEffect, useRef, useState } from 'react';
import { summariseEvidenceChange } from '../../../../core/evidence/audit-summary';
import { tidyEvidence } from '../../../../core/evidence/new-evidence';
import { isEvidenceShape } from '../../../../core/evidence/validate';
import type { EvidenceItem } from '../../../../core/model/portfolio';
import type { SaveState } from '../../components/SaveStatus';
import { appDb, type StoredEvidence } from '../../db/app-db';
import { EvidenceSaveError, getEvidence, saveEvidence, toEvidenceItem } from '../../db/evidence-repo';
import { newId } from '../../db/ids';

/** Save this long after the last keystroke (and at once when a field loses focus). */
export const AUTOSAVE_DELAY_MS = 700;
/** After this long, an editing session's audit line is closed and a new one begins. */
const SESSION_MS = 10 * 60 * 1000;

/**
 * Keystrokes are copied at once to localStorage (synchronous, so a reload or crash a moment
 * after typing loses nothing) and saved to the database after a pause; the copy is cleared
 * once the database has it.
 */
const DRAFT_PREFIX = 'portfolio-builder:evidence-draft:';

interface LocalDraft {
  item: EvidenceItem;
  writtenAt: string;
}

function readLocalDraft(id: string): EvidenceItem | undefined {
  try {
    const text = window.localStorage.getItem(DRAFT_PREFIX + id);
    if (!text) return undefined;
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object') return undefined;
    const item: unknown = Reflect.get(parsed, 'item');
    // Tidied so that a stray or missing type-specific field cannot trip the form up.
    return isEvidenceShape(item) && item.id === id ? tidyEvidence(item) : undefined;
  } catch {
    return undefined;
  }
}

function writeLocalDraft(item: EvidenceItem): void {
  try {
    const draft: LocalDraft = { item, writtenAt: new Date().toISOString() };
    window.localStorage.setItem(DRAFT_PREFIX + item.id, JSON.stringify(draft));
  } catch {
    // Storage full or unavailable: the debounced database save still happens.
  }
}

function clearLocalDraft(id: string): void {
  try {
    window.localStorage.removeItem(DRAFT_PREFIX + id);
  } catch {
    // Nothing to clear.
  }
}

export interface Autosave {
  draft: EvidenceItem;
  state: SaveState;
  /** Field problems from the last refused save (empty when saved). */
  refusedFields: ReadonlySet<string>;
  update: (change: (current: EvidenceItem) => EvidenceItem) => void;
  /** Saves now if anything is waiting (on blur, before leaving). */
  flush: () => Promise<void>;
  hasRestoredDraft: boolean;
}

export function useAutosave(stored: StoredEvidence, actor: string): Autosave {
  const db = appDb();
  const [initial] = useState(() => {
    let local = readLocalDraft(stored.id);
    // A copy that matches what is stored (the save finished after all) is simply cleared.
    if (local && summariseEvidenceChange(toEvidenceItem(stored), { ...local, attachments: stored.attachments }) === undefined) {
      clearLocalDraft(stored.id);
      local = undefined;
    }
    return { draft: local ?? toEvidenceItem(stored), isRestored: local !== undefined, session: { id: newId(), base: toEvidenceItem(stored), startedAt: Date.now() } };
  });
  const [draft, setDraft] = useState<EvidenceItem>(initial.draft);
  const [state, setState] = useState<SaveState>(initial.isRestored ? { kind: 'pending' } : { kind: 'saved', at: stored.updatedAt });
  const [refusedFields, setRefusedFields] = useState<ReadonlySet<string>>(new Set());
  const latest = useRef<EvidenceItem>(initial.draft);
  const isDirty = useRef(initial.isRestored);
  const timer = useRef<number | undefined>(undefined);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const session = useRef(initial.session);
  const isMounted = useRef(true);

  const saveNow = useCallback((): Promise<void> => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    // Saves run one after another, so an older draft never lands after a newer one.
    chain.current = chain.current.then(async () => {
      if (!isDirty.current) return;
      const item = latest.current;
      isDirty.current = false;
      if (isMounted.current) setState({ kind: 'saving' });
      if (Date.now() - session.current.startedAt > SESSION_MS) {
        const current = await getEvidence(db, item.portfolioId, item.id);
        session.current = { id: newId(), base: current ? toEvidenceItem(current) : item, startedAt: Date.now() };
      }
      try {
        const result = await saveEvidence(db, item, actor, { auditSessionId: session.current.id, sessionBase: session.current.base });
        if (latest.current === item) clearLocalDraft(item.id);
        if (isMounted.current) {
          setRefusedFields(new Set());
          setState(isDirty.current ? { kind: 'pending' } : { kind: 'saved', at: result.item.updatedAt });
        }
      } catch (error) {
        // Keep the typing: it stays in the form and in the local copy, and is retried on the next change.
        isDirty.current = true;
        if (!isMounted.current) return;
        if (error instanceof EvidenceSaveError) {
          const errors = error.problems.filter((problem) => problem.severity === 'error');
          setRefusedFields(new Set(errors.map((problem) => problem.field)));
          setState({ kind: 'invalid', count: errors.length });
        } else {
          setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
        }
      }
    });
    return chain.current;
  }, [actor, db]);

  const update = useCallback(
    (change: (current: EvidenceItem) => EvidenceItem) => {
      const next = change(latest.current);
      latest.current = next;
      isDirty.current = true;
      writeLocalDraft(next);
      setDraft(next);
      setState((current) => (current.kind === 'invalid' ? current : { kind: 'pending' }));
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
    },
    [saveNow],
  );

  useEffect(() => {
    isMounted.current = true;
    // A draft restored from a reload is saved straight away.
    if (isDirty.current) void saveNow();
    const onHide = (): void => {
      if (document.visibilityState === 'hidden') void saveNow();
    };
    const onPageHide = (): void => void saveNow();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
      isMounted.current = false;
      void saveNow();
    };
  }, [saveNow]);

  return { draft, state, refusedFields, update, flush: saveNow, hasRestoredDraft: initial.isRestored };
}
