/** Checks on coverage: gaps, broken or careless mappings, and assessor decisions. */
import { changedJudgedEvidence, latestDecisions } from '../coverage/coverage';
import type { Locator } from '../model/portfolio';
import { dateOf, pointName, quote, someOf, textOf, type CheckContext } from './context';
import { MANY_MAPPINGS } from './rules';

/** Every marking point needs at least one existing evidence item mapped to it. */
export function checkGaps(context: CheckContext): void {
  for (const { point } of context.points) {
    const mapped = context.mappingsByPoint.get(point.id) ?? [];
    if (mapped.some((mapping) => context.evidenceById.has(mapping.evidenceId))) continue;
    const ref = `markingPoint:${point.id}`;
    if (mapped.length === 0) {
      context.report('marking-point-gap', ref, `Marking point ${pointName(point)} has no evidence. Map an evidence item that shows it, or add a new one.`);
    } else {
      context.report(
        'marking-point-gap',
        ref,
        `Marking point ${pointName(point)} has no evidence: the items mapped to it are no longer in the portfolio. Map an evidence item that shows it, or add a new one.`,
      );
    }
  }
}

export function hasLocator(locator: Locator | undefined): boolean {
  if (locator === undefined || locator === null || typeof locator !== 'object') return false;
  switch (locator.kind) {
    case 'page':
    case 'paragraph':
    case 'time':
      return true;
    case 'note':
      return textOf(locator.text).trim() !== '';
    default:
      return false;
  }
}

/**
 * Mappings must point at a marking point of the spec and at an item that exists; the same pair
 * should be mapped once; and an item mapped to many marking points must say where it shows each
 * ("mapped just in case" is what assessors complain about most).
 */
export function checkMappings(context: CheckContext): void {
  const specName = `${quote(context.spec?.title, 80)} (version ${quote(context.spec?.version, 20)})`;
  // Marking points already seen per evidence id: nested maps, so no id can forge another pair.
  const seenPairs = new Map<string, Set<string>>();
  for (const mapping of context.mappings) {
    const ref = `mapping:${textOf(mapping.id)}`;
    const item = context.evidenceById.get(mapping.evidenceId);
    // Quoted only when reported: quoting scans for personal data, too dear for 50,000 mappings.
    const pointId = (): string => quote(mapping.markingPointId, 40);
    if (item === undefined) {
      context.report(
        'mapping-missing-evidence',
        ref,
        `A mapping to marking point ${pointId()} refers to evidence "${quote(mapping.evidenceId, 40)}", which is not in the portfolio. Remove the mapping, or add the evidence item back.`,
      );
    }
    if (!context.pointsById.has(mapping.markingPointId)) {
      const what = item === undefined ? 'A mapping' : `Evidence ${context.nameOf(item)}`;
      context.report(
        'mapping-unknown-marking-point',
        ref,
        `${what} is mapped to marking point "${pointId()}", which is not in the specification ${specName}. Map it to a marking point of this specification, or remove the mapping.`,
      );
    }
    let seenPoints = seenPairs.get(mapping.evidenceId);
    if (seenPoints === undefined) {
      seenPoints = new Set();
      seenPairs.set(mapping.evidenceId, seenPoints);
    }
    if (seenPoints.has(mapping.markingPointId)) {
      const what = item === undefined ? `Evidence "${quote(mapping.evidenceId, 40)}"` : `Evidence ${context.nameOf(item)}`;
      context.report('mapping-duplicate', ref, `${what} is mapped to marking point ${pointId()} more than once. Remove the extra mapping.`);
    }
    seenPoints.add(mapping.markingPointId);
  }

  for (const item of context.evidence) {
    if (context.evidenceById.get(item.id) !== item) continue;
    const mappings = context.mappingsByEvidence.get(item.id) ?? [];
    if (mappings.length < MANY_MAPPINGS) continue;
    const located = new Map<string, boolean>();
    for (const mapping of mappings) located.set(mapping.markingPointId, (located.get(mapping.markingPointId) ?? false) || hasLocator(mapping.locator));
    if (located.size < MANY_MAPPINGS) continue;
    const unlocated = [...located].filter(([, isLocated]) => !isLocated).map(([pointId]) => quote(pointId, 40));
    if (unlocated.length === 0) continue;
    context.report(
      'mapped-without-locators',
      `evidence:${item.id}`,
      `Evidence ${context.nameOf(item)} is mapped to ${located.size} marking points, ${unlocated.length} of them without a locator (${someOf(unlocated)}). ` +
        'When one item covers many marking points, say where it shows each one (a page, paragraph or time), and remove the mappings it does not really show.',
    );
  }
}

function describeDecision(status: string, decidedAt: unknown): string {
  const verdict = status === 'met' ? 'met' : 'not yet met';
  const date = dateOf(decidedAt);
  return date === '' ? verdict : `${verdict}, ${date}`;
}

/**
 * The latest decision on each marking point counts. A stale one (judged evidence changed or
 * gone) needs judging again; a "not yet met" one needs more work from the learner.
 */
export function checkDecisions(context: CheckContext): void {
  for (const decision of context.decisions) {
    if (context.pointsById.has(decision.markingPointId)) continue;
    context.report(
      'decision-unknown-marking-point',
      `decision:${textOf(decision.id)}`,
      `An assessor decision is about marking point "${quote(decision.markingPointId, 40)}", which is not in the specification. Ask your assessor whether it should count towards another marking point.`,
    );
  }

  const latest = latestDecisions(context.decisions);
  for (const { point } of context.points) {
    const decision = latest.get(point.id);
    if (decision === undefined) continue;
    const ref = `markingPoint:${point.id}`;
    const changed = changedJudgedEvidence(decision, context.hashes);
    if (changed.length > 0) {
      const what = changed.map((id) => {
        const item = context.evidenceById.get(id);
        return item === undefined ? `"${quote(id, 40)}" has been removed` : `${context.nameOf(item)} has changed`;
      });
      context.report(
        'decision-stale',
        ref,
        `The assessor's decision on marking point ${quote(point.id, 40)} (${describeDecision(decision.status, decision.decidedAt)}) no longer matches the evidence: ${someOf(what, 3)} since it was judged. Ask your assessor to judge it again.`,
      );
      continue;
    }
    const mapped = context.mappingsByPoint.get(point.id) ?? [];
    if (decision.status === 'not-yet' && mapped.length > 0) {
      context.report(
        'decision-not-yet-met',
        ref,
        `Your assessor judged marking point ${quote(point.id, 40)} not yet met. Read their feedback, improve the evidence or add more, then ask for it to be judged again.`,
      );
    }
  }
}
