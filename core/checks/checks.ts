/**
 * Pre-submission checks (CONTRACTS.md §3, `check`): everything a learner should fix, or at least
 * know about, before a portfolio goes to an assessor or an awarding body. The rules come from the
 * qualification's own guidance (the seeds' tips and common misconceptions) and from what makes a
 * submission invalid (gaps, broken references, personal data). See rules.ts for the catalogue.
 */
import { additionalQualificationsOf, mappingsFor, mappingsToUnknownQualifications } from '../coverage/qualifications';
import type { PortfolioContent } from '../model/portfolio';
import { buildContext, quote } from './context';
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

import { CHECK_RULES } from './rules';
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
  const mappings = Array.isArray(content.mappings) ? content.mappings : [];
  // The main qualification sees its own mappings only; each additional one is checked apart below.
  const context = buildContext({ ...content, mappings: mappingsFor(mappings, undefined) }, contentHashes, attachmentScans);
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
  checkAdditionalQualifications(content, contentHashes, context.results);
  const errors = context.results.filter((result) => result.severity === 'error');
  const warnings = context.results.filter((result) => result.severity === 'warning');
  return [...errors, ...warnings];
}

/**
 * Each additional qualification's own gaps and mappings, named by the qualification; its marking
 * points are referred to as `markingPoint:<qualification id>/<marking point id>` (a slash is in no id).
 * A mapping to a qualification the portfolio does not have is an error of its own.
 */
function checkAdditionalQualifications(content: PortfolioContent, contentHashes: ReadonlyMap<string, string>, results: CheckResult[]): void {
  const mappings = Array.isArray(content.mappings) ? content.mappings : [];
  for (const spec of additionalQualificationsOf(content)) {
    const context = buildContext({ ...content, qualification: spec, mappings: mappingsFor(mappings, spec.id), decisions: [] }, contentHashes);
    checkGaps(context);
    checkMappings(context);
    const name = quote(spec.title, 80);
    for (const result of context.results) {
      results.push({ ...result, message: `${name}: ${result.message}`, ref: result.ref.startsWith('markingPoint:') ? `markingPoint:${spec.id}/${result.ref.slice('markingPoint:'.length)}` : result.ref });
    }
  }
  for (const mapping of mappingsToUnknownQualifications(content)) {
    results.push({
      rule: 'mapping-unknown-marking-point',
      severity: CHECK_RULES['mapping-unknown-marking-point'].severity,
      ref: `mapping:${String(mapping.id)}`,
      message: `A mapping is to marking point "${quote(mapping.markingPointId, 40)}" of qualification "${quote(mapping.qualificationId, 40)}", which this portfolio does not include. Add that qualification to the portfolio, or remove the mapping.`,
    });
  }
}
