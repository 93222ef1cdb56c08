/**
 * Where to go to fix a pre-submission check result. A result's `ref` names what it is about
 * (`markingPoint:<id>`, `evidence:<id>`, `unit:<id>`, `mapping:<id>`, `decision:<id>`,
 * `comment:<id>`, `action:<id>`, `portfolio:<id>`); this turns it into a link to the page where
 * that thing can be put right. Pure, so it is unit-tested without a browser.
 */
import type { CheckResult } from '../../../../core/checks/checks';
import type { PortfolioContent } from '../../../../core/model/portfolio';
import { coveragePath } from '../coverage/coverage-route';

export interface FixLink {
  /** A hash route without the leading `#/`, already encoded. */
  path: string;
  /** Link text that makes sense out of context ("Open CS5.1.1 in the matrix"). */
  text: string;
}

export interface LinkIndex {
  markingPoints: ReadonlySet<string>;
  units: ReadonlySet<string>;
  evidence: ReadonlyMap<string, { title: string }>;
  mappings: ReadonlyMap<string, { evidenceId: string; markingPointId: string }>;
  decisions: ReadonlyMap<string, { markingPointId: string }>;
  comments: ReadonlyMap<string, { evidenceId: string }>;
  actions: ReadonlyMap<string, { unitId?: string | undefined }>;
}

export function buildLinkIndex(content: PortfolioContent): LinkIndex {
  const markingPoints = new Set<string>();
  const units = new Set<string>();
  for (const unit of content.qualification.units) {
    units.add(unit.id);
    for (const outcome of unit.learningOutcomes) for (const point of outcome.markingPoints) markingPoints.add(point.id);
  }
  return {
    markingPoints,
    units,
    evidence: new Map(content.evidence.map((item) => [item.id, { title: item.title }])),
    mappings: new Map(content.mappings.map((mapping) => [mapping.id, mapping])),
    decisions: new Map(content.decisions.map((decision) => [decision.id, decision])),
    comments: new Map(content.comments.map((comment) => [comment.id, comment])),
    actions: new Map(content.actionPlan.map((action) => [action.id, action])),
  };
}

/** Splits `kind:id` at the first colon; ids may themselves hold colons. */
export function parseRef(ref: string): { kind: string; id: string } | undefined {
  const colon = ref.indexOf(':');
  if (colon <= 0 || colon === ref.length - 1) return undefined;
  return { kind: ref.slice(0, colon), id: ref.slice(colon + 1) };
}

function evidencePath(id: string): string {
  return `evidence/${encodeURIComponent(id)}`;
}

function pointLink(markingPointId: string, index: LinkIndex): FixLink | undefined {
  if (!index.markingPoints.has(markingPointId)) return undefined;
  return { path: coveragePath({ markingPointId }), text: `Open ${markingPointId} in the matrix` };
}

function evidenceLink(evidenceId: string, index: LinkIndex, text = 'Open the evidence item'): FixLink | undefined {
  return index.evidence.has(evidenceId) ? { path: evidencePath(evidenceId), text } : undefined;
}

/** The link that helps fix `result`, or undefined when nothing in the app can be opened for it. */
export function fixLink(result: Pick<CheckResult, 'ref'>, index: LinkIndex): FixLink | undefined {
  const parsed = parseRef(result.ref);
  if (!parsed) return undefined;
  const { kind, id } = parsed;
  switch (kind) {
    case 'markingPoint':
      return pointLink(id, index);
    case 'evidence':
      return evidenceLink(id, index);
    case 'unit':
      return index.units.has(id) ? { path: coveragePath({ unitId: id }), text: `Open unit ${id} in the matrix` } : undefined;
    case 'mapping': {
      const mapping = index.mappings.get(id);
      if (!mapping) return undefined;
      // The mapping is changed or removed from its evidence item; if the item is gone, from the marking point's side.
      return (
        evidenceLink(mapping.evidenceId, index, 'Open the evidence item to change the mapping') ??
        (index.markingPoints.has(mapping.markingPointId) ? { path: `mapping/${encodeURIComponent(mapping.markingPointId)}`, text: `Open the mappings for ${mapping.markingPointId}` } : undefined)
      );
    }
    case 'decision': {
      const decision = index.decisions.get(id);
      return decision ? pointLink(decision.markingPointId, index) : undefined;
    }
    case 'comment': {
      const comment = index.comments.get(id);
      return comment ? evidenceLink(comment.evidenceId, index) : undefined;
    }
    case 'action': {
      const unitId = index.actions.get(id)?.unitId;
      return unitId !== undefined && index.units.has(unitId) ? { path: coveragePath({ unitId }), text: `Open unit ${unitId} in the matrix` } : undefined;
    }
    case 'portfolio':
      return { path: 'portfolios', text: 'Open the portfolio’s details' };
    default:
      return undefined;
  }
}

/**
 * Every useful link for `result`, the main one first: a gap also offers the mapping page, where
 * evidence is mapped to the marking point straight away.
 */
export function fixLinks(result: Pick<CheckResult, 'ref' | 'rule'>, index: LinkIndex): FixLink[] {
  const main = fixLink(result, index);
  if (!main) return [];
  const parsed = parseRef(result.ref);
  if (result.rule === 'marking-point-gap' && parsed?.kind === 'markingPoint') {
    return [main, { path: `mapping/${encodeURIComponent(parsed.id)}`, text: `Map evidence to ${parsed.id}` }];
  }
  return [main];
}

export interface RuleGroup {
  rule: string;
  results: CheckResult[];
}

/** Results of one severity grouped by rule, in the order the checks returned them. */
export function groupByRule(results: readonly CheckResult[]): RuleGroup[] {
  const groups = new Map<string, CheckResult[]>();
  for (const result of results) {
    const list = groups.get(result.rule);
    if (list) list.push(result);
    else groups.set(result.rule, [result]);
  }
  return [...groups].map(([rule, list]) => ({ rule, results: list }));
}
