import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { VerificationReport } from '../../../../core/integrity/verify';
import { appDb } from '../../db/app-db';
import { loadAssessment, verifyContent, type AssessmentView } from '../../db/assessment-repo';
import { loadIdentity, type IdentitySnapshot } from '../../db/keys-repo';

export interface AssessmentState {
  /** undefined while loading; null when the portfolio (or its qualification) is not in the app. */
  view: AssessmentView | null | undefined;
  /** The signature check of the latest view, or of the one before while the latest is checked. */
  report: VerificationReport | undefined;
  isChecking: boolean;
  checkFailure?: string;
}

/**
 * A portfolio with everything marking needs, kept live, and its signatures verified. WebCrypto
 * runs outside the live query (a live query may await only the database), after each change.
 */
export function useAssessment(portfolioId: string | undefined): AssessmentState {
  const db = appDb();
  const view = useLiveQuery(async () => (portfolioId ? ((await loadAssessment(db, portfolioId)) ?? null) : null), [db, portfolioId]);
  const [checked, setChecked] = useState<{ view: AssessmentView; report: VerificationReport } | undefined>();
  const [checkFailure, setCheckFailure] = useState<string | undefined>();

  useEffect(() => {
    if (!view) return undefined;
    let isCancelled = false;
    verifyContent(view.content, view.contentHashes, view.register).then(
      (report) => {
        if (isCancelled) return;
        setChecked({ view, report });
        setCheckFailure(undefined);
      },
      (error: unknown) => {
        if (!isCancelled) setCheckFailure(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      isCancelled = true;
    };
  }, [view]);

  // A report for another portfolio is never shown.
  const report = checked && view && checked.view.content.portfolio.id === view.content.portfolio.id ? checked.report : undefined;
  return { view, report, isChecking: Boolean(view) && checked?.view !== view, ...(checkFailure ? { checkFailure } : {}) };
}

/** Role, profile, key and register, kept live. */
export function useIdentity(): IdentitySnapshot | undefined {
  const db = appDb();
  return useLiveQuery(() => loadIdentity(db), [db]);
}

/** Runs an action and keeps its outcome for the screen: busy, done (a message) or failed. */
export type ActionOutcome = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; message: string } | { kind: 'failed'; message: string };

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
