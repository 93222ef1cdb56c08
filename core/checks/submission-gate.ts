/**
 * Only final when it is final (CONTRACTS.md §3, `export-pdf`): a portfolio whose pre-submission
 * checks find errors is never printed as a final submission, only as a draft marked DRAFT on
 * every page. The CLI, the main process and the PDF page of the window all ask this one function,
 * so they refuse for the same reasons and say the same thing.
 */
import type { PortfolioContent } from '../model/portfolio';
import { runChecks } from './checks';
import type { CheckResult } from './rules';

/** At most this many errors are spelled out in a refusal; the rest are counted. */
const LISTED_ERRORS = 20;

export interface FinalPrintVerdict {
  isFinalAllowed: boolean;
  /** The check errors that stand in the way, in runChecks' order. */
  errors: CheckResult[];
}

export function finalPrintVerdict(content: PortfolioContent, contentHashes: ReadonlyMap<string, string>): FinalPrintVerdict {
  const errors = runChecks(content, contentHashes).filter((result) => result.severity === 'error');
  return { isFinalAllowed: errors.length === 0, errors };
}

/**
 * Why a final submission was refused, as plain lines: one sentence, then one line per error
 * (the first 20, then a count), then what to do instead.
 */
export function describeRefusal(errors: readonly CheckResult[], draftHint: string): string[] {
  const count = errors.length;
  const lines = [`This portfolio is not ready for a final submission: the pre-submission checks found ${count} ${count === 1 ? 'error' : 'errors'}.`];
  for (const error of errors.slice(0, LISTED_ERRORS)) lines.push(`- ${error.message} [${error.rule}]`);
  if (count > LISTED_ERRORS) lines.push(`- … and ${count - LISTED_ERRORS} more (run check to see them all).`);
  lines.push(`Fix ${count === 1 ? 'it' : 'them'} and export again, or ${draftHint}`);
  return lines;
}
