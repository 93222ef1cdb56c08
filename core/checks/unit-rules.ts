/**
 * Checks on each unit as a whole, over the existing evidence mapped to its marking points. What
 * a unit asks for is read from its own wording (see spec-signals.ts), never from a list of ids.
 */
import { EVIDENCE_TYPES, type EvidenceItem, type EvidenceType } from '../model/portfolio';
import { hasText, isCalendarDate, listInWords, quote, recordsOf, textOf, typeName, type CheckContext } from './context';
import { complaintStagesShown, isComplaintEvidence } from './evidence-rules';
import { MIN_EVIDENCE_TYPES } from './rules';
import { asksForCompleteComplaint, asksForReactiveAndProactive, isAboutRegulation } from './spec-signals';

const KNOWN_TYPES: ReadonlySet<string> = new Set(EVIDENCE_TYPES);

function unitName(unitId: string, title: unknown): string {
  const name = quote(title, 70);
  return name === '' ? `Unit ${quote(unitId, 40)}` : `Unit ${quote(unitId, 40)} ("${name}")`;
}

export function checkUnits(context: CheckContext): void {
  for (const unit of context.units) {
    const items: EvidenceItem[] = context.itemsByUnit.get(unit.id) ?? [];
    const ref = `unit:${unit.id}`;
    const name = unitName(unit.id, unit.title);
    const isEmpty = items.length === 0;

    if (asksForReactiveAndProactive(unit)) {
      const hasReactive = items.some((item) => item.label === 'reactive' || item.label === 'both');
      const hasProactive = items.some((item) => item.label === 'proactive' || item.label === 'both');
      if (!hasReactive || !hasProactive) {
        const lacking = [...(hasReactive ? [] : ['reactive (immediate)']), ...(hasProactive ? [] : ['proactive (preventive)'])];
        context.report(
          'reactive-and-proactive-evidence',
          ref,
          `${name} asks for both reactive (immediate) and proactive (preventive) evidence, but ${
            isEmpty ? 'no evidence is mapped to it yet' : `none of its evidence is labelled ${listInWords(lacking)}`
          }. Label each item reactive, proactive or both, and add an example of any kind that is missing.`,
        );
      }
    }

    if (asksForCompleteComplaint(unit)) {
      const hasComplete = items.some((item) => isComplaintEvidence(item) && complaintStagesShown(item).size === 3);
      if (!hasComplete) {
        context.report(
          'complete-complaint-missing',
          ref,
          `${name} asks for at least one complete complaint, showing how it was identified, resolved and recorded, but none of its evidence shows all three stages. Add one, such as a case log that covers every stage.`,
        );
      }
    }

    if (!items.some((item) => item.type === 'reflective-account')) {
      context.report(
        'reflective-account-missing',
        ref,
        `${name} has no reflective account. Add one explaining what you did, why, and what you learned from it.`,
      );
    }

    if (isAboutRegulation(unit)) {
      const namesLegislation = items.some((item) => Array.isArray(item.legislation) && item.legislation.some((entry) => hasText(entry)));
      if (!namesLegislation) {
        context.report(
          'legislation-missing',
          ref,
          `${name} is about rules and regulation, but ${
            isEmpty ? 'no evidence is mapped to it yet' : 'none of its evidence names the legislation or regulation that applied'
          }. Add the acts, regulations or policies involved (for example, the Consumer Rights Act 2015) to the evidence, and say how they shaped what you did.`,
        );
      }
    }

    const types = new Set<EvidenceType>();
    for (const item of items) if (KNOWN_TYPES.has(item.type)) types.add(item.type);
    if (types.size < MIN_EVIDENCE_TYPES) {
      const present = EVIDENCE_TYPES.filter((type) => types.has(type)).map(typeName);
      const suggestions = EVIDENCE_TYPES.filter((type) => !types.has(type))
        .slice(0, 3)
        .map(typeName);
      context.report(
        'evidence-types-too-few',
        ref,
        `${name} has ${
          types.size === 0 ? 'no evidence yet' : `evidence of only ${types.size === 1 ? 'one type' : `${types.size} types`} (${listInWords(present)})`
        }. Use at least ${MIN_EVIDENCE_TYPES} different types of evidence (for example: ${suggestions.join(', ')}).`,
      );
    }
  }
}

/**
 * Internal quality assurance: awarding bodies expect the centre's IQA to sample each unit's
 * assessment before certification. A sample counts for its unit whatever its outcome; a
 * sample whose unit is not in the specification counts for none.
 */
export function checkIqaSamples(context: CheckContext): void {
  const sampled = new Set<string>();
  for (const sample of recordsOf(context.content.iqaSamples)) sampled.add(textOf(sample.unitId));
  const judgedUnits = new Set<string>();
  for (const decision of context.decisions) {
    const point = context.pointsById.get(textOf(decision.markingPointId));
    if (point !== undefined) judgedUnits.add(point.unit.id);
  }
  for (const unit of context.units) {
    if (sampled.has(unit.id)) continue;
    const name = unitName(unit.id, unit.title);
    context.report(
      'iqa-sample-missing',
      `unit:${unit.id}`,
      judgedUnits.has(unit.id)
        ? `${name} has assessor decisions but no internal quality assurance sample. Ask the centre's internal quality assurer (IQA) to sample the assessment of this unit before the portfolio goes to the awarding body.`
        : `${name} has no internal quality assurance sample yet. Once your assessor has judged it, the centre's internal quality assurer (IQA) should sample the assessment.`,
    );
  }
}

/** The learner's declaration that the work is their own is part of every submission. */
export function checkLearnerDeclaration(context: CheckContext): void {
  const declarations = recordsOf(context.content.declarations);
  const hasSigned = declarations.some((declaration) => declaration.kind === 'learner-authenticity' && hasText(declaration.name) && isCalendarDate(textOf(declaration.signedAt).slice(0, 10)));
  if (hasSigned) return;
  const portfolio: unknown = context.content.portfolio;
  const id = portfolio !== null && typeof portfolio === 'object' ? textOf(Reflect.get(portfolio, 'id')) : '';
  context.report(
    'learner-declaration-missing',
    `portfolio:${id}`,
    'You have not signed the declaration that this work is your own. Sign the learner declaration before you submit.',
  );
}
