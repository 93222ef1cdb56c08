import { describe, expect, it } from 'vitest';
import { runChecks, type CheckResult } from '../../../core/checks/checks';
import { contentHashesOf } from '../../../core/coverage/coverage';
import { generateDemoPortfolio } from '../../../core/demo/demo-portfolio';
import type { PortfolioContent } from '../../../core/model/portfolio';
import { builtinSpec } from '../../../core/spec/builtin';
import { buildLinkIndex, fixLink, fixLinks, groupByRule, parseRef, type LinkIndex } from '../../../renderer/src/features/readiness/check-links';

const index: LinkIndex = {
  markingPoints: new Set(['CS5.1.1']),
  units: new Set(['CS5']),
  evidence: new Map([['ev:1', { title: 'Call' }]]),
  mappings: new Map([
    ['m1', { evidenceId: 'ev:1', markingPointId: 'CS5.1.1' }],
    ['m2', { evidenceId: 'gone', markingPointId: 'CS5.1.1' }],
    ['m3', { evidenceId: 'gone', markingPointId: 'NOPE' }],
  ]),
  decisions: new Map([
    ['d1', { markingPointId: 'CS5.1.1' }],
    ['d2', { markingPointId: 'NOPE' }],
  ]),
  comments: new Map([['c1', { evidenceId: 'ev:1' }]]),
  actions: new Map([
    ['a1', { unitId: 'CS5' }],
    ['a2', {}],
  ]),
};

const link = (ref: string) => fixLink({ ref }, index);

describe('fixLink', () => {
  it('sends a marking point to its row in the matrix and a unit to the matrix filtered to it', () => {
    expect(link('markingPoint:CS5.1.1')).toEqual({ path: 'coverage/point/CS5.1.1', text: 'Open CS5.1.1 in the matrix' });
    expect(link('unit:CS5')).toEqual({ path: 'coverage/unit/CS5', text: 'Open unit CS5 in the matrix' });
  });

  it('sends evidence, comments and mappings to the evidence item’s page, encoding the id', () => {
    expect(link('evidence:ev:1')).toEqual({ path: 'evidence/ev%3A1', text: 'Open the evidence item' });
    expect(link('comment:c1')).toEqual({ path: 'evidence/ev%3A1', text: 'Open the evidence item' });
    expect(link('mapping:m1')).toEqual({ path: 'evidence/ev%3A1', text: 'Open the evidence item to change the mapping' });
  });

  it('sends a mapping whose item is gone to the marking point’s mappings instead', () => {
    expect(link('mapping:m2')).toEqual({ path: 'mapping/CS5.1.1', text: 'Open the mappings for CS5.1.1' });
    expect(link('mapping:m3')).toBeUndefined();
  });

  it('sends decisions to their marking point, and actions to their unit', () => {
    expect(link('decision:d1')?.path).toBe('coverage/point/CS5.1.1');
    expect(link('decision:d2')).toBeUndefined();
    expect(link('action:a1')?.path).toBe('coverage/unit/CS5');
    expect(link('action:a2')).toBeUndefined();
    expect(link('portfolio:p1')).toEqual({ path: 'portfolios', text: 'Open the portfolio’s details' });
  });

  it('offers no link for what is not in the portfolio or a reference it cannot read', () => {
    for (const ref of ['markingPoint:CS9.9.9', 'unit:CS9', 'evidence:missing', 'comment:c9', 'mapping:m9', 'decision:d9', 'action:a9', 'other:x', 'nocolon', ':x', 'markingPoint:', '']) {
      expect(link(ref), ref).toBeUndefined();
    }
  });

  it('adds the mapping page for a gap', () => {
    expect(fixLinks({ ref: 'markingPoint:CS5.1.1', rule: 'marking-point-gap' }, index).map((entry) => entry.path)).toEqual(['coverage/point/CS5.1.1', 'mapping/CS5.1.1']);
    expect(fixLinks({ ref: 'markingPoint:CS5.1.1', rule: 'decision-not-yet-met' }, index)).toHaveLength(1);
    expect(fixLinks({ ref: 'markingPoint:CS9', rule: 'marking-point-gap' }, index)).toEqual([]);
  });
});

describe('parseRef and groupByRule', () => {
  it('splits at the first colon only', () => {
    expect(parseRef('evidence:a:b')).toEqual({ kind: 'evidence', id: 'a:b' });
    expect(parseRef('plain')).toBeUndefined();
  });

  it('groups results by rule in the order they came', () => {
    const results: CheckResult[] = [
      { rule: 'b', severity: 'error', message: '1', ref: 'x:1' },
      { rule: 'a', severity: 'error', message: '2', ref: 'x:2' },
      { rule: 'b', severity: 'error', message: '3', ref: 'x:3' },
    ];
    expect(groupByRule(results).map((group) => `${group.rule}:${group.results.map((result) => result.message).join('')}`)).toEqual(['b:13', 'a:2']);
  });
});

describe('on a realistic demo portfolio', () => {
  it('every check result links somewhere the learner can fix it', async () => {
    const { manifest } = await generateDemoPortfolio({ items: 60, images: 0, seed: 3, spec: builtinSpec() });
    const { format: _format, exportedAt: _exportedAt, generator: _generator, attachments: _attachments, ...content } = manifest;
    const portfolio: PortfolioContent = content;
    // Break a few things so more kinds of reference turn up.
    const victim = portfolio.evidence[0];
    if (!victim) throw new Error('the demo has evidence');
    portfolio.evidence = portfolio.evidence.slice(1);
    const results = runChecks(portfolio, await contentHashesOf(portfolio.evidence));
    const kinds = new Set(results.map((result) => parseRef(result.ref)?.kind));
    expect(kinds.size).toBeGreaterThan(1);
    const linkIndex = buildLinkIndex(portfolio);
    for (const result of results) {
      const links = fixLinks(result, linkIndex);
      expect(links.length, `${result.rule} ${result.ref}`).toBeGreaterThan(0);
      for (const entry of links) expect(entry.path).toMatch(/^(coverage|evidence|mapping|portfolios)(\/|$)/);
    }
  });
});
