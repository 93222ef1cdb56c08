/**
 * Pre-submission checks (CONTRACTS.md §3, `check`): everything a learner should fix, or at least
 * know about, before a portfolio goes to an assessor or an awarding body. The rules come from the
 * qualification's own guidance (the seeds' tips and common misconceptions) and from what makes a
 * submission invalid (gaps, broken references, personal data). See rules.ts for the catalogue.
 */
import type { PortfolioContent } from '../model/portfolio';
import { buildContext } from './context';
import { checkDecisions, checkGaps, checkMappings } from './coverage-rules';
import {
  checkComplaintStages,
  checkModelStages,
  checkReflection,
  checkRootCauseAndPrevention,
  checkWitnessesListed,
  checkWitnessTestimonies,
} from './evidence-rules';
import type { AttachmentScan } from './attachment-scan';
import { checkAttachmentContents, checkCallRecordingConsent, checkPersonalData } from './privacy-rules';
import { checkPrintableText } from './text-rules';
import type { CheckResult } from './rules';
import { checkIqaSamples, checkLearnerDeclaration, checkUnits } from './unit-rules';

export { CHECK_RULES, MANY_MAPPINGS, MIN_EVIDENCE_TYPES } from './rules';
export type { CheckResult, CheckRuleId, CheckRuleInfo, CheckSeverity } from './rules';
export { scanPortfolioAttachments, type AttachmentScan, type ReadAttachmentHead } from './attachment-scan';

/**
 * Runs every check. `contentHashes` maps evidence ids to their current `evidenceContentHash`
 * (see `contentHashesOf`); which items exist is read from the portfolio itself, and an item
 * missing from `contentHashes` counts as changed, so a decision on it is reported as stale.
 * Results come errors first, then warnings; within each, in a stable order (by rule, then in
 * specification or portfolio order), so the same portfolio always gives the same list.
 * `attachmentScans` (from scanPortfolioAttachments) adds the checks of the attachments' bytes:
 * photo metadata, and personal data in text and CSV files.
 */
export function runChecks(content: PortfolioContent, contentHashes: ReadonlyMap<string, string>, attachmentScans?: ReadonlyMap<string, AttachmentScan>): CheckResult[] {
  const context = buildContext(content, contentHashes, attachmentScans);
  checkGaps(context);
  checkMappings(context);
  checkPersonalData(context);
  checkAttachmentContents(context);
  checkCallRecordingConsent(context);
  checkDecisions(context);
  checkUnits(context);
  checkIqaSamples(context);
  checkWitnessTestimonies(context);
  checkWitnessesListed(context);
  checkComplaintStages(context);
  checkModelStages(context);
  checkReflection(context);
  checkRootCauseAndPrevention(context);
  checkLearnerDeclaration(context);
  checkPrintableText(context);
  const errors = context.results.filter((result) => result.severity === 'error');
  const warnings = context.results.filter((result) => result.severity === 'warning');
  return [...errors, ...warnings];
}
