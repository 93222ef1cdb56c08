import { useMemo, useState } from 'react';
import { CHECK_RULES, runChecks, type CheckResult, type CheckRuleInfo, type CheckSeverity } from '../../../../core/checks/checks';
import { describeTotals } from '../coverage/matrix-model';
import { usePortfolioCoverage } from '../coverage/use-portfolio-coverage';
import { PortfolioSwitcher } from '../portfolios/PortfolioSwitcher';
import { routeHref } from '../../lib/use-hash-route';
import { buildLinkIndex, fixLinks, groupByRule, type LinkIndex, type RuleGroup } from './check-links';
import { useAttachmentScans } from './use-attachment-scans';

/** A rule with hundreds of results shows this many until asked for the rest. */
const FIRST_SHOWN = 20;

const RULES: Readonly<Partial<Record<string, CheckRuleInfo>>> = CHECK_RULES;

function ruleDescription(rule: string): string {
  return (Object.hasOwn(RULES, rule) ? RULES[rule]?.description : undefined) ?? rule;
}

function ResultItem({ result, index }: { result: CheckResult; index: LinkIndex }) {
  const links = fixLinks(result, index);
  return (
    <li className={`rd-result severity-${result.severity}`}>
      <span className="rd-message">{result.message}</span>
      {links.length > 0 ? (
        <span className="rd-fixes">
          {links.map((link) => (
            <a key={link.path} className="rd-fix" href={`#/${link.path}`}>
              {link.text}
            </a>
          ))}
        </span>
      ) : null}
    </li>
  );
}

function RuleSection({ group, index, severity }: { group: RuleGroup; index: LinkIndex; severity: CheckSeverity }) {
  const [isShowingAll, setIsShowingAll] = useState(false);
  const shown = isShowingAll ? group.results : group.results.slice(0, FIRST_SHOWN);
  const headingId = `rd-${severity}-${group.rule}`;
  return (
    <section className="rd-rule" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span className={`rd-symbol severity-${severity}`} aria-hidden="true">
          {severity === 'error' ? '✗' : '⚠'}
        </span>{' '}
        {ruleDescription(group.rule)} <span className="rd-count">({group.results.length})</span>
      </h3>
      <ul className="rd-results">
        {shown.map((result, position) => (
          <ResultItem key={`${result.ref}-${position}`} result={result} index={index} />
        ))}
      </ul>
      {shown.length < group.results.length ? (
        <button type="button" className="secondary" onClick={() => setIsShowingAll(true)}>
          Show all {group.results.length}
        </button>
      ) : null}
    </section>
  );
}

/**
 * Submission readiness: every pre-submission check result, errors (must fix) before warnings
 * (worth checking), grouped by what the check looks for, each with a link to where to fix it.
 * The checks re-run whenever the portfolio changes, so fixing something clears it here at once.
 */
export function ReadinessPage() {
  const state = usePortfolioCoverage();
  const loaded = state.status === 'ready' ? state.loaded : undefined;
  const attachmentScans = useAttachmentScans(loaded?.content);
  const results = useMemo(() => (loaded ? runChecks(loaded.content, loaded.contentHashes, attachmentScans) : []), [loaded, attachmentScans]);
  const index = useMemo(() => (loaded ? buildLinkIndex(loaded.content) : undefined), [loaded]);

  if (state.status === 'loading') return <p aria-busy="true">Running the checks…</p>;
  if (state.status === 'none') {
    return (
      <div className="page">
        <h1>Submission readiness</h1>
        <p>
          There is no portfolio yet. <a href={routeHref('portfolios')}>Start a portfolio</a> or <a href={routeHref('share')}>open a package</a> first.
        </p>
      </div>
    );
  }
  if (state.status === 'no-spec' || !index) {
    return (
      <div className="page">
        <PortfolioSwitcher />
        <h1>Submission readiness</h1>
        <p className="problems">
          This portfolio’s qualification is not in the app, so it cannot be checked. Import its specification on the <a href={routeHref('qualification')}>Qualification page</a>.
        </p>
      </div>
    );
  }

  const errors = groupByRule(results.filter((result) => result.severity === 'error'));
  const warnings = groupByRule(results.filter((result) => result.severity === 'warning'));
  const errorCount = errors.reduce((sum, group) => sum + group.results.length, 0);
  const warningCount = warnings.reduce((sum, group) => sum + group.results.length, 0);

  return (
    <div className="page rd-page">
      <PortfolioSwitcher />
      <h1>Submission readiness</h1>
      <p className="subtle">
        {state.loaded.content.portfolio.learner.name} · {state.matrix.summary.markingPoints} marking points: {describeTotals(state.matrix.summary)}.
      </p>
      <div aria-live="polite">
        {errorCount > 0 ? (
          <p className="problems rd-verdict">
            <strong>Not ready to submit.</strong> {errorCount === 1 ? '1 problem must' : `${errorCount} problems must`} be fixed first
            {warningCount > 0 ? `, and ${warningCount === 1 ? '1 warning is' : `${warningCount} warnings are`} worth checking` : ''}.
          </p>
        ) : warningCount > 0 ? (
          <p className="status warning rd-verdict">
            <strong>Ready to submit.</strong> Nothing must be fixed, but {warningCount === 1 ? '1 warning is' : `${warningCount} warnings are`} worth checking before you do. Then{' '}
            <a href={routeHref('pdf')}>make the PDF submission</a>.
          </p>
        ) : (
          <p className="status success rd-verdict">
            <strong>Ready to submit.</strong> Every check passed. <a href={routeHref('pdf')}>Make the PDF submission</a>.
          </p>
        )}
      </div>
      <p className="subtle">The checks run again by themselves whenever the portfolio changes.</p>

      {errorCount > 0 ? (
        <section className="rd-severity rd-errors" aria-labelledby="rd-errors-title">
          <h2 id="rd-errors-title">Must fix before submission ({errorCount})</h2>
          {errors.map((group) => (
            <RuleSection key={group.rule} group={group} index={index} severity="error" />
          ))}
        </section>
      ) : null}
      {warningCount > 0 ? (
        <section className="rd-severity rd-warnings" aria-labelledby="rd-warnings-title">
          <h2 id="rd-warnings-title">Worth checking ({warningCount})</h2>
          <p>These come from the unit guidance and the mistakes assessors often see. Your assessor weighs them; fixing them makes the portfolio stronger.</p>
          {warnings.map((group) => (
            <RuleSection key={group.rule} group={group} index={index} severity="warning" />
          ))}
        </section>
      ) : null}
    </div>
  );
}
