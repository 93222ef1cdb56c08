import { useState } from 'react';
import type { Problem } from '../../../../core/problems';
import { ProblemList } from '../../components/ProblemList';
import type { PackageManifest } from '../../../../core/package/manifest';
import { appDb } from '../../db/app-db';
import { MergeRefusedError, describeCounts, hasAnythingNew, hasAssessorWork, mergeAssessorWork, mergeLearnerWork } from '../../db/assessment-merge';
import { setCurrentPortfolio } from '../../db/portfolios-repo';
import { checkPackage } from '../packages/package-check';
import { ProgressBar } from '../packages/ProgressBar';
import { errorMessage, useIdentity } from './use-assessment';

export type MergeOutcome = { ok: true; message: string } | { ok: false; problems: Problem[] };

/** Brings the assessor's work from a checked package into the learner's portfolio; never throws. */
export async function bringInAssessorWork(manifest: PackageManifest, actor: string): Promise<MergeOutcome> {
  try {
    const result = await mergeAssessorWork(appDb(), manifest, actor);
    await setCurrentPortfolio(appDb(), result.portfolio.id);
    const message = hasAnythingNew(result.counts)
      ? `Brought in your assessor’s work: ${describeCounts(result.counts)}. Your own evidence was not changed. See it on the Feedback page.`
      : 'Nothing new: everything from your assessor in this package is already in your portfolio.';
    return { ok: true, message };
  } catch (error) {
    if (error instanceof MergeRefusedError) return { ok: false, problems: error.problems };
    return { ok: false, problems: [{ path: '', message: errorMessage(error) }] };
  }
}

/** Brings a learner's updated evidence into an assessor's caseload, keeping the marking; never throws. */
export async function bringInLearnerWork(manifest: PackageManifest, readAttachment: (sha256: string) => Promise<Uint8Array>, actor: string): Promise<MergeOutcome> {
  try {
    const result = await mergeLearnerWork(appDb(), manifest, readAttachment, actor);
    await setCurrentPortfolio(appDb(), result.portfolio.id);
    const { added, changed, removed } = result.evidence;
    const records = hasAnythingNew(result.counts) ? ` Also added from the package: ${describeCounts(result.counts)}.` : '';
    return { ok: true, message: `Brought in ${manifest.portfolio.learner.name}’s latest evidence (items: ${added} new, ${changed} changed, ${removed} removed). Your decisions, sign-offs and action plan were kept; any decision on changed evidence now shows as stale.${records}` };
  } catch (error) {
    if (error instanceof MergeRefusedError) return { ok: false, problems: error.problems };
    return { ok: false, problems: [{ path: '', message: errorMessage(error) }] };
  }
}

/**
 * Offered when a package of a portfolio already in the app is opened: instead of replacing it,
 * a learner brings in the assessor's decisions and feedback (keeping their own evidence), and an
 * assessor or IQA brings in the learner's latest evidence (keeping their marking).
 */
export function ReturnFlowButton({ manifest, readAttachment, onDone }: { manifest: PackageManifest; readAttachment: (sha256: string) => Promise<Uint8Array>; onDone: (outcome: MergeOutcome) => void }) {
  const identity = useIdentity();
  const [isBusy, setIsBusy] = useState(false);
  if (!identity) return null;
  const isLearner = identity.role === 'learner';
  if (isLearner && !hasAssessorWork(manifest)) return null;
  const actor = isLearner ? manifest.portfolio.learner.name : (identity.profile?.name ?? 'Assessor');
  return (
    <button
      type="button"
      disabled={isBusy}
      onClick={() => {
        setIsBusy(true);
        const work = isLearner ? bringInAssessorWork(manifest, actor) : bringInLearnerWork(manifest, readAttachment, actor);
        void work.then((outcome) => {
          setIsBusy(false);
          onDone(outcome);
        });
      }}
    >
      {isLearner ? 'Bring in the assessor’s decisions and feedback' : 'Bring in the learner’s latest evidence (keep your marking)'}
    </button>
  );
}

type State =
  | { kind: 'idle' }
  | { kind: 'checking'; fileName: string; done: number; total: number }
  | { kind: 'done'; message: string }
  | { kind: 'failed'; fileName: string; problems: Problem[] };

/** On the Feedback page: open the package an assessor sent back and bring in their work. */
export function ReturnImport({ actor }: { actor: string }) {
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function check(file: File): Promise<void> {
    setState({ kind: 'checking', fileName: file.name, done: 0, total: file.size });
    const result = await checkPackage(file, { onProgress: (done, total) => setState({ kind: 'checking', fileName: file.name, done, total }) });
    if (!result.ok) {
      setState({ kind: 'failed', fileName: file.name, problems: result.problems });
      return;
    }
    // Only the manifest is needed: the assessor's work holds no attachments.
    result.close();
    const outcome = await bringInAssessorWork(result.manifest, actor);
    setState(outcome.ok ? { kind: 'done', message: outcome.message } : { kind: 'failed', fileName: file.name, problems: outcome.problems });
  }

  return (
    <section className="card" aria-labelledby="return-heading">
      <h2 id="return-heading">Bring in your assessor’s feedback</h2>
      <p>
        When your assessor sends your portfolio back as a <code>.portfolio</code> file, open it here. Their decisions, feedback, comments and action plan are added to your portfolio; your evidence stays exactly as you have it now. If you changed an item after they judged it, that decision shows as needing another look.
      </p>
      <label className="file-button">
        Choose the package from your assessor…
        <input
          type="file"
          accept=".portfolio,application/zip"
          className="visually-hidden"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void check(file);
          }}
        />
      </label>
      <div aria-live="polite">
        {state.kind === 'checking' ? <ProgressBar label={`Checking ${state.fileName}`} done={state.done} total={state.total} /> : null}
        {state.kind === 'done' ? <p className="status success">{state.message}</p> : null}
      </div>
      {state.kind === 'failed' ? (
        <div className="problems" role="alert">
          <h3>Nothing was brought in from {state.fileName}. Your portfolio has not been changed.</h3>
          <ProblemList problems={state.problems} />
        </div>
      ) : null}
    </section>
  );
}
