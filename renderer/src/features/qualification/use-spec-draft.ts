import { useCallback, useEffect, useRef, useState } from 'react';
import type { QualificationSpec } from '../../../../core/spec/types';
import type { SaveState } from '../../components/SaveStatus';
import { appDb } from '../../db/app-db';
import { type SpecDraft, discardSpecDraft, getSpecDraft, isSpecDraft, saveSpecDraft } from '../../db/spec-drafts-repo';

/** Save this long after the last keystroke. */
const SAVE_DELAY_MS = 400;
/**
 * Each change is also copied at once to localStorage (synchronous, so a reload a moment after
 * typing loses nothing); the database copy, written after a pause, is the one that lasts.
 * Whichever is newer wins on load. A draft too big for localStorage relies on the database alone.
 */
const LOCAL_KEY = 'portfolio-builder:qualification-draft';

function readLocal(): SpecDraft | undefined {
  try {
    const text = window.localStorage.getItem(LOCAL_KEY);
    if (!text) return undefined;
    const parsed: unknown = JSON.parse(text);
    return isSpecDraft(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function writeLocal(draft: SpecDraft | undefined): void {
  try {
    if (draft) window.localStorage.setItem(LOCAL_KEY, JSON.stringify(draft));
    else window.localStorage.removeItem(LOCAL_KEY);
  } catch {
    // Full or unavailable: the database save still happens.
    try {
      window.localStorage.removeItem(LOCAL_KEY);
    } catch {
      // Nothing to clear.
    }
  }
}

/** Starts a draft from outside the editor (a converted file to edit first), replacing any draft there was. */
export async function startSpecDraft(spec: QualificationSpec, basedOn?: SpecDraft['basedOn']): Promise<void> {
  const now = new Date().toISOString();
  const draft: SpecDraft = { spec, ...(basedOn ? { basedOn } : {}), startedAt: now, updatedAt: now };
  writeLocal(draft);
  await saveSpecDraft(appDb(), draft);
}

export interface SpecDraftApi {
  /** Undefined while loading; null when there is no draft. */
  draft: SpecDraft | null | undefined;
  saveState: SaveState;
  start: (spec: QualificationSpec, basedOn?: SpecDraft['basedOn']) => Promise<void>;
  update: (change: (spec: QualificationSpec) => QualificationSpec) => void;
  discard: () => Promise<void>;
}

export function useSpecDraft(): SpecDraftApi {
  const [draft, setDraft] = useState<SpecDraft | null | undefined>(undefined);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'saved' });
  const latest = useRef<SpecDraft | null | undefined>(undefined);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    let isCurrent = true;
    void getSpecDraft(appDb()).then((stored) => {
      if (!isCurrent) return;
      const local = readLocal();
      const chosen = local && (!stored || local.updatedAt > stored.updatedAt) ? local : stored;
      latest.current = chosen ?? null;
      setDraft(chosen ?? null);
      setSaveState({ kind: 'saved', at: chosen?.updatedAt });
      // A newer local copy goes to the database at once.
      if (chosen && chosen === local && chosen !== stored) void saveSpecDraft(appDb(), chosen);
    });
    return () => {
      isCurrent = false;
    };
  }, []);

  const flush = useCallback(async (): Promise<void> => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    const current = latest.current;
    if (!current) return;
    setSaveState({ kind: 'saving' });
    try {
      await saveSpecDraft(appDb(), current);
      if (latest.current === current) setSaveState({ kind: 'saved', at: current.updatedAt });
    } catch (error) {
      setSaveState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }, []);

  // Leaving the page saves what is pending.
  useEffect(() => () => {
    if (timer.current !== undefined) void flush();
  }, [flush]);

  const start = useCallback(async (spec: QualificationSpec, basedOn?: SpecDraft['basedOn']) => {
    const now = new Date().toISOString();
    const next: SpecDraft = { spec, ...(basedOn ? { basedOn } : {}), startedAt: now, updatedAt: now };
    latest.current = next;
    setDraft(next);
    writeLocal(next);
    await flush();
  }, [flush]);

  const update = useCallback((change: (spec: QualificationSpec) => QualificationSpec) => {
    const current = latest.current;
    if (!current) return;
    const next: SpecDraft = { ...current, spec: change(current.spec), updatedAt: new Date().toISOString() };
    latest.current = next;
    setDraft(next);
    writeLocal(next);
    setSaveState({ kind: 'pending' });
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), SAVE_DELAY_MS);
  }, [flush]);

  const discard = useCallback(async () => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    latest.current = null;
    setDraft(null);
    writeLocal(undefined);
    await discardSpecDraft(appDb());
    setSaveState({ kind: 'saved' });
  }, []);

  return { draft, saveState, start, update, discard };
}
