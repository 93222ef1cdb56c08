/**
 * What a unit asks of a portfolio, read from the specification itself rather than from a list of
 * unit ids, so the checks work for any qualification. An explicit `x-` key on the unit (`true` or
 * `false`) always wins over what the wording suggests, so an awarding body can correct a guess.
 */
import type { Unit } from '../spec/types';

/** Cap on how much of any one text is read: guidance texts are at most 10,000 characters. */
const MAX_TEXT = 20_000;

function textOf(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, MAX_TEXT) : '';
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `true` or `false` when the unit says so explicitly with the given `x-` key, otherwise undefined. */
export function explicitFlag(unit: Unit, key: `x-${string}`): boolean | undefined {
  const value = unit[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** Each piece of a unit's guidance on its own, so that words are only paired within one piece. */
function guidancePieces(unit: Unit): string[] {
  const guidance = unit.guidance;
  const pieces = [textOf(unit.synopsis)];
  if (guidance !== undefined && guidance !== null && typeof guidance === 'object') {
    for (const tip of listOf(guidance.tips)) pieces.push(textOf(tip));
    for (const misconception of listOf(guidance.misconceptions)) pieces.push(textOf(misconception));
    for (const concept of listOf(guidance.keyConcepts)) {
      if (concept !== null && typeof concept === 'object') {
        pieces.push(`${textOf(Reflect.get(concept, 'title'))}: ${textOf(Reflect.get(concept, 'text'))}`);
      }
    }
  }
  return pieces.filter((piece) => piece !== '');
}

const REACTIVE_WORDS = /\b(?:reactive(?:ly)?|immediate(?:ly)?)\b/i;
const PROACTIVE_WORDS = /\b(?:proactive(?:ly)?|prevent(?:ive|ative|ion|ing|s|ed)?)\b/i;

/**
 * Whether the unit asks for both reactive (immediate) and proactive (preventive) evidence: an
 * explicit `x-requires-reactive-and-proactive`, or one piece of its synopsis or guidance naming
 * both sides, e.g. "include examples of both reactive (immediate) and proactive (preventive)
 * customer service actions" or "include both the immediate resolution and any longer-term
 * actions taken to prevent recurrence".
 */
export function asksForReactiveAndProactive(unit: Unit): boolean {
  const explicit = explicitFlag(unit, 'x-requires-reactive-and-proactive');
  if (explicit !== undefined) return explicit;
  return guidancePieces(unit).some((piece) => REACTIVE_WORDS.test(piece) && PROACTIVE_WORDS.test(piece));
}

const REGULATION_WORDS = /\b(?:legislation|legislative|regulations?|regulatory|regulators?|compliance|compliant|comply|legal(?:ly)? (?:rules|requirements?)|acts? of parliament)\b/i;

/**
 * Whether the unit is about rules and regulation, so its evidence should name the legislation
 * or regulation that applied: an explicit `x-requires-legislation`, or regulation named in the
 * unit's title, synopsis, tips or marking points (what the learner is asked to show). Key
 * concepts and misconceptions are background that nearly every unit carries ("Regulatory
 * compliance: ..."), so on their own they do not make a unit about regulation.
 */
export function isAboutRegulation(unit: Unit): boolean {
  const explicit = explicitFlag(unit, 'x-requires-legislation');
  if (explicit !== undefined) return explicit;
  if (REGULATION_WORDS.test(textOf(unit.title)) || REGULATION_WORDS.test(textOf(unit.synopsis))) return true;
  const guidance = unit.guidance;
  if (guidance !== undefined && guidance !== null && typeof guidance === 'object') {
    if (listOf(guidance.tips).some((tip) => REGULATION_WORDS.test(textOf(tip)))) return true;
  }
  for (const outcome of listOf(unit.learningOutcomes)) {
    if (outcome === null || typeof outcome !== 'object') continue;
    for (const point of listOf(Reflect.get(outcome, 'markingPoints'))) {
      if (point !== null && typeof point === 'object' && REGULATION_WORDS.test(textOf(Reflect.get(point, 'text')))) return true;
    }
  }
  return false;
}

const IDENTIFICATION_WORD = /\bidentification\b/i;
const RESOLUTION_WORD = /\bresolution\b/i;
const RECORDING_WORD = /\brecording\b/i;

/**
 * Whether the unit asks for at least one complete complaint interaction, from identification
 * through resolution to recording: an explicit `x-requires-complete-complaint`, or one piece of
 * its guidance naming all three stages.
 */
export function asksForCompleteComplaint(unit: Unit): boolean {
  const explicit = explicitFlag(unit, 'x-requires-complete-complaint');
  if (explicit !== undefined) return explicit;
  return guidancePieces(unit).some(
    (piece) => IDENTIFICATION_WORD.test(piece) && RESOLUTION_WORD.test(piece) && RECORDING_WORD.test(piece),
  );
}
