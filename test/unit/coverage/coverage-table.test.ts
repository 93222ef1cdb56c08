import { describe, expect, it } from 'vitest';
import { checkSummary, formatCheckLine } from '../../../core/checks/format';
import { computeCoverage } from '../../../core/coverage/coverage';
import { formatCoverageTable, terminalText } from '../../../core/coverage/coverage-table';
import { makeDecision, makeMapping, makeSpec } from './fixtures';

describe('formatCoverageTable', () => {
  const spec = makeSpec([
    { id: 'U1', title: 'Handle complaints', outcomes: [{ id: 'U1.LO1', points: ['U1.1.1', 'U1.1.2', 'U1.1.3'] }] },
    { id: 'U2', title: 'Monitor service', outcomes: [{ id: 'U2.LO1', points: ['U2.1.1'] }] },
  ]);
  const matrix = computeCoverage(
    spec,
    [makeMapping('ev-1', 'U1.1.1'), makeMapping('ev-2', 'U1.1.2'), ...['a', 'b', 'c', 'd', 'e'].map((id) => makeMapping(id, 'U2.1.1'))],
    [makeDecision('d1', 'U1.1.2', 'met', [{ evidenceId: 'ev-2', contentHash: 'h2' }])],
    new Map([['ev-1', 'h1'], ['ev-2', 'h2'], ['a', 'x'], ['b', 'x'], ['c', 'x'], ['d', 'x'], ['e', 'x']]),
  );
  const text = formatCoverageTable(matrix, spec);
  const lines = text.split('\n');

  it('has one line per marking point with its id and status, gaps in capitals', () => {
    expect(lines.find((line) => line.includes('U1.1.1'))).toMatch(/claimed\s+ev-1$/);
    expect(lines.find((line) => line.includes('U1.1.2'))).toMatch(/✓ U1\.1\.2\s+met\s+ev-2$/);
    expect(lines.find((line) => line.includes('U1.1.3'))).toMatch(/✗ U1\.1\.3\s+GAP\s+no evidence mapped$/);
    expect(lines.find((line) => line.includes('U2.1.1'))).toMatch(/a, b, c and 2 more$/);
  });

  it('heads each unit and outcome with its title and ends with the summary', () => {
    expect(lines).toContain('U1  Handle complaints');
    expect(lines).toContain('  U1.LO1  Outcome U1.LO1');
    expect(lines.at(-1)).toBe('4 marking points: 1 gap, 2 claimed, 1 met, 0 not yet met, 0 stale.');
  });

  it('flattens hostile text so it cannot break lines or send terminal codes', () => {
    expect(terminalText('Title\u001b[2J\nInjected line\u202e')).toBe('Title [2J Injected line');
    expect(terminalText('x'.repeat(500), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('check output lines', () => {
  it('prints one line per result, with severity, ref, message and rule', () => {
    const line = formatCheckLine({ rule: 'marking-point-gap', severity: 'error', ref: 'markingPoint:U1.1.3', message: 'Marking point U1.1.3 has no evidence.' });
    expect(line).toBe('error    markingPoint:U1.1.3  Marking point U1.1.3 has no evidence. [marking-point-gap]');
    expect(formatCheckLine({ rule: 'r', severity: 'warning', ref: 'evidence:a\nb', message: 'm' })).toBe('warning  evidence:a b  m [r]');
  });

  it('summarises the counts', () => {
    expect(checkSummary([])).toBe('All checks passed: nothing to fix.');
    expect(checkSummary([{ rule: 'r', severity: 'warning', ref: 'x', message: 'm' }])).toBe('0 errors and 1 warning.');
    expect(checkSummary([{ rule: 'r', severity: 'error', ref: 'x', message: 'm' }])).toBe('1 error and 0 warnings. Fix the errors before you submit.');
  });
});
