/**
 * The words people sign: one source for the app, the demo and anything else that makes
 * declarations, so what a learner or assessor reads is what their signature covers.
 */
import type { Unit } from '../spec/types';

/** What the learner declares before submitting (Declaration kind `learner-authenticity`). */
export const LEARNER_DECLARATION_TEXT =
  'I confirm that the evidence in this portfolio is my own work, that the witnesses named saw what they describe, and that I have not copied anyone else’s work or let anyone else produce it for me. I understand that the awarding body may check this and that false evidence can lead to my qualification being withheld.';

/** The declaration an assessor makes once for a portfolio, beside their unit sign-offs. */
export const ASSESSOR_DECLARATION_TEXT =
  'I confirm that I have assessed this learner’s evidence against the specification, that my decisions are my own and were made on the evidence as it stood when I judged it, and that to the best of my knowledge the evidence is the learner’s own work.';

/** The declaration signed with a unit sign-off. */
export function unitSignOffDeclaration(unit: Pick<Unit, 'id' | 'title'>): string {
  return `I confirm that I have assessed the evidence for unit ${unit.id} (${unit.title}) against every one of its marking points, that every marking point is met, and that to the best of my knowledge the evidence is the learner’s own work.`;
}
