/**
 * Splits a unit's text, as copied out of an awarding body's PDF, into learning outcomes and
 * numbered assessment criteria for a person to review. PDF text arrives with its lines broken
 * where the page broke them, page headers and footers mixed in, and criteria numbered in
 * several styles; this reads:
 * - outcomes: "1 Understand…", "1. Understand…", "LO1 Understand…", "Learning outcome 2: …";
 * - criteria: "1.1 Describe…", "1.1. Describe…", "AC 2.3 Explain…", "AC2.3: …", "2.3a) …",
 *   and grading criteria "P1 …", "M2 …", "D1 …";
 * - a line without a number continues the item above it (a wrapped line), unless a blank
 *   line came first; lines that belong to no item are returned as `ignored` for review.
 * Wording is kept as it is, except that a line break inside an item becomes a space.
 */
export interface PastedCriterion {
  /** As numbered in the text: "1.1", "2.3a", "P1". */
  number: string;
  text: string;
}

export interface PastedOutcome {
  /** "1", "2"… or "" for criteria whose outcome the text does not give. */
  number: string;
  /** The outcome's wording, when the text has a heading for it. */
  title?: string;
  criteria: PastedCriterion[];
}

export interface PastedUnit {
  outcomes: PastedOutcome[];
  /** Lines that belong to no outcome or criterion (headings, page footers…). */
  ignored: string[];
}

export const MAX_PASTE_CHARACTERS = 500_000;

const CRITERION = /^(?:(?:AC|A\.C\.|Assessment criteri(?:on|a))\s*)?(\d{1,3})\.(\d{1,3}[a-z]?)(?:\.(?!\d))?[):.]?\s+(\S.*)$/i;
const GRADE_CRITERION = /^([PMD])(\d{1,2})[):.]?\s+(\S.*)$/;
const OUTCOME = /^(?:(?:LO|Learning\s+outcome|Outcome)\s*(\d{1,3})|(\d{1,3}))(?:\s*[):.\-–]\s*|\s+)(\S.*)$/i;
/** A number alone on its line: tables copied out of a PDF often put the number and the wording on separate lines. */
const BARE_CRITERION = /^(?:(?:AC|A\.C\.)\s*)?(\d{1,3})\.(\d{1,3}[a-z]?)\.?$/i;
const BARE_NUMBER = /^(?:(LO)\s*)?(\d{1,3})\.?$/i;
/** Lines that are page furniture, not content. */
const FURNITURE = /^(?:page\s+\d+(?:\s+of\s+\d+)?|\d+\s*(?:\/|of)\s*\d+)$/i;

export function splitCriteria(text: string): PastedUnit {
  const lines = text.slice(0, MAX_PASTE_CHARACTERS).replace(/\r\n?/g, '\n').replace(/\u00ad/g, '').split('\n');
  const outcomes: PastedOutcome[] = [];
  const ignored: string[] = [];
  const byNumber = new Map<string, PastedOutcome>();
  const outcomeFor = (number: string): PastedOutcome => {
    let outcome = byNumber.get(number);
    if (!outcome) {
      outcome = { number, criteria: [] };
      byNumber.set(number, outcome);
      outcomes.push(outcome);
    }
    return outcome;
  };
  // What a wrapped line continues: a criterion, an outcome heading, or nothing (after a blank line).
  let open: { kind: 'criterion'; item: PastedCriterion } | { kind: 'outcome'; item: PastedOutcome } | undefined;
  const append = (existing: string, line: string): string => (existing === '' ? line : existing.endsWith('-') && /^\p{Ll}/u.test(line) ? `${existing}${line}` : `${existing} ${line}`);
  // A numbered line is an outcome heading when it says so ("LO2"), comes next in order, or stands after a break;
  // otherwise it is a wrapped line that happens to start with a number ("24 hours").
  const highestOutcome = (): number => Math.max(0, ...outcomes.map((outcome) => Number(outcome.number) || 0));
  const isOutcomeStart = (number: string, isLabelled: boolean): boolean => isLabelled || open === undefined || Number(number) === highestOutcome() + 1;

  for (const raw of lines) {
    const line = raw.replace(/[\s\u00a0]+/g, ' ').trim();
    if (line === '') {
      open = undefined;
      continue;
    }
    if (FURNITURE.test(line)) {
      ignored.push(line);
      continue;
    }
    const bareCriterion = BARE_CRITERION.exec(line);
    if (bareCriterion) {
      const item: PastedCriterion = { number: `${bareCriterion[1]}.${bareCriterion[2]}`, text: '' };
      outcomeFor(bareCriterion[1] as string).criteria.push(item);
      open = { kind: 'criterion', item };
      continue;
    }
    const bareNumber = BARE_NUMBER.exec(line);
    if (bareNumber) {
      if (isOutcomeStart(bareNumber[2] as string, bareNumber[1] !== undefined)) {
        open = { kind: 'outcome', item: outcomeFor(bareNumber[2] as string) };
      } else ignored.push(line);
      continue;
    }
    const criterion = CRITERION.exec(line);
    if (criterion) {
      const item: PastedCriterion = { number: `${criterion[1]}.${criterion[2]}`, text: criterion[3] as string };
      outcomeFor(criterion[1] as string).criteria.push(item);
      open = { kind: 'criterion', item };
      continue;
    }
    const grade = GRADE_CRITERION.exec(line);
    if (grade) {
      const item: PastedCriterion = { number: `${grade[1]}${grade[2]}`, text: grade[3] as string };
      outcomeFor('').criteria.push(item);
      open = { kind: 'criterion', item };
      continue;
    }
    const outcome = OUTCOME.exec(line);
    if (outcome && /\p{L}/u.test(outcome[3] as string) && isOutcomeStart((outcome[1] ?? outcome[2]) as string, outcome[1] !== undefined)) {
      const item = outcomeFor((outcome[1] ?? outcome[2]) as string);
      item.title = item.title === undefined ? (outcome[3] as string) : `${item.title} ${outcome[3] as string}`;
      open = { kind: 'outcome', item };
      continue;
    }
    if (open?.kind === 'criterion') open.item.text = append(open.item.text, line);
    else if (open?.kind === 'outcome') open.item.title = append(open.item.title ?? '', line).trim();
    else ignored.push(line);
  }
  for (const outcome of outcomes) {
    for (const criterion of outcome.criteria) if (criterion.text === '') ignored.push(criterion.number);
    outcome.criteria = outcome.criteria.filter((criterion) => criterion.text !== '');
  }
  return { outcomes: outcomes.filter((outcome) => outcome.criteria.length > 0 || (outcome.title ?? '') !== ''), ignored };
}
