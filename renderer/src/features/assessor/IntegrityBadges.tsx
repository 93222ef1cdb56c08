import type { CoverageStatus, CoverageSummary } from '../../../../core/coverage/types';
import type { SignedKind } from '../../../../core/integrity/signed-record';
import { recordStatus, type VerificationReport } from '../../../../core/integrity/verify';
import { STATUS_WORDS, badgeWords, progressWords } from '../../db/assessment-model';

/**
 * The result of checking one signed record: valid, stale, forged, unknown key or damaged.
 * The words carry the meaning; the colour only repeats it.
 */
export function VerificationBadge({ report, recordType, id }: { report: VerificationReport | undefined; recordType: SignedKind; id: string }) {
  const kind = report ? recordStatus(report, recordType, id) : undefined;
  const words = badgeWords(kind, report?.hasRegister ?? false);
  const findings = report && kind && kind !== 'ok' ? report.findings.filter((finding) => finding.recordType === recordType && finding.ref === id) : [];
  return (
    <span className="verification">
      <span className={`badge badge-${words.tone}`} data-verification={kind ?? 'checking'}>
        {words.label}
      </span>
      {findings.length > 0 ? (
        <span className="finding-text">
          {findings.map((finding, index) => (
            <span key={index} className="finding">
              {finding.message}
            </span>
          ))}
        </span>
      ) : null}
    </span>
  );
}

/** A marking point's coverage status in words. */
export function StatusChip({ status }: { status: CoverageStatus }) {
  return <span className={`status-chip status-${status}`}>{STATUS_WORDS[status]}</span>;
}

const SEGMENTS: ReadonlyArray<{ key: keyof CoverageSummary; status: CoverageStatus }> = [
  { key: 'met', status: 'met' },
  { key: 'notYet', status: 'not-yet' },
  { key: 'stale', status: 'stale' },
  { key: 'claimed', status: 'claimed' },
  { key: 'gaps', status: 'gap' },
];

/** A stacked bar of a unit's marking points by status, with the same facts in words beside it. */
export function UnitProgress({ totals, label }: { totals: CoverageSummary; label?: string }) {
  const total = Math.max(1, totals.markingPoints);
  return (
    <div className="unit-progress">
      <div className="stacked-bar" aria-hidden="true">
        {SEGMENTS.map(({ key, status }) =>
          totals[key] > 0 ? <span key={key} className={`segment segment-${status}`} style={{ width: `${(totals[key] / total) * 100}%` }} /> : null,
        )}
      </div>
      <span className="progress-words">
        {label ? <span className="visually-hidden">{label}: </span> : null}
        {progressWords(totals)}
      </span>
    </div>
  );
}

/** What the signature check found across the whole portfolio. */
export function IntegritySummary({ report, isChecking, checkFailure }: { report: VerificationReport | undefined; isChecking: boolean; checkFailure?: string }) {
  if (checkFailure) return <p className="problems" role="alert">The signatures could not be checked: {checkFailure}</p>;
  if (!report) return <p className="status" aria-busy="true">Checking the signatures…</p>;
  const { counts, checked } = report;
  const records = checked.decisions + checked.signOffs + checked.iqaSamples;
  const bad = counts.forged + counts.corrupt;
  const problems = report.findings.filter((finding) => finding.kind !== 'ok');
  const tone = bad > 0 || counts['unknown-key'] > 0 ? 'problems' : counts.stale > 0 ? 'status warning' : 'status success';
  const parts: string[] = [];
  if (counts.forged > 0) parts.push(`${counts.forged} forged`);
  if (counts.corrupt > 0) parts.push(`${counts.corrupt} with a damaged signature`);
  if (counts['unknown-key'] > 0) parts.push(`${counts['unknown-key']} signed with a key not in the centre’s register`);
  if (counts.stale > 0) parts.push(`${counts.stale} stale because evidence changed after it was judged`);
  return (
    <div className={`integrity-summary ${tone}`} role={bad > 0 ? 'alert' : undefined} aria-busy={isChecking}>
      {records === 0 ? (
        <p>No signed decisions yet.</p>
      ) : parts.length === 0 ? (
        <p>
          All {records} signed {records === 1 ? 'record checks' : 'records check'} out: unchanged since signing
          {report.hasRegister ? ', with keys in the centre’s register.' : '. (No centre key register is loaded, so who signed is not confirmed.)'}
        </p>
      ) : (
        <>
          <p>
            Of {records} signed records: {parts.join('; ')}.
          </p>
          <details>
            <summary>What was found</summary>
            <ul>
              {problems.map((finding, index) => (
                <li key={index}>{finding.message}</li>
              ))}
            </ul>
          </details>
        </>
      )}
    </div>
  );
}
