/**
 * Check results as plain text for the terminal (`check <file>`): one line per result, errors
 * first as runChecks orders them. Refs carry ids from the package, so they are flattened and
 * stripped of control characters like every other piece of package text.
 */
import { terminalText } from '../coverage/coverage-table';
import type { CheckResult } from './rules';

export function formatCheckLine(result: CheckResult): string {
  const severity = result.severity === 'error' ? 'error  ' : 'warning';
  return `${severity}  ${terminalText(result.ref, 80)}  ${terminalText(result.message, 2_000)} [${terminalText(result.rule, 60)}]`;
}

/** "2 errors and 5 warnings.", or that nothing was found. */
export function checkSummary(results: readonly CheckResult[]): string {
  const errors = results.filter((result) => result.severity === 'error').length;
  const warnings = results.length - errors;
  if (results.length === 0) return 'All checks passed: nothing to fix.';
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return `${count(errors, 'error', 'errors')} and ${count(warnings, 'warning', 'warnings')}.${errors > 0 ? ' Fix the errors before you submit.' : ''}`;
}
