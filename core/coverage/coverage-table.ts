/**
 * The coverage gap matrix as plain text, for the terminal (`coverage <file>`): one line per
 * marking point with its id, a status word and the evidence mapped, grouped under unit and
 * outcome headings, then a summary line. Gaps are written in capitals so they stand out even
 * without colour; text from the package is flattened to one line and stripped of control
 * characters, so a hostile title cannot move the cursor or fake other lines.
 */
import type { QualificationSpec } from '../spec/types';
import type { CoverageMatrix, CoverageStatus, CoverageSummary } from './types';

const STATUS_TEXT: Readonly<Record<CoverageStatus, { symbol: string; word: string }>> = {
  gap: { symbol: '✗', word: 'GAP' },
  claimed: { symbol: '·', word: 'claimed' },
  met: { symbol: '✓', word: 'met' },
  'not-yet': { symbol: '○', word: 'not yet met' },
  stale: { symbol: '!', word: 'stale' },
};

/** One line, no control characters (C0, C1, line and paragraph separators, bidi overrides). */
export function terminalText(value: unknown, max = 200): string {
  const text = typeof value === 'string' ? value.slice(0, max * 4) : '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const flat = text.replace(/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

function evidenceText(ids: readonly string[]): string {
  if (ids.length === 0) return 'no evidence mapped';
  const shown = ids.slice(0, 3).map((id) => terminalText(id, 40));
  return ids.length > 3 ? `${shown.join(', ')} and ${ids.length - 3} more` : shown.join(', ');
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function summaryLine(summary: CoverageSummary): string {
  return (
    `${plural(summary.markingPoints, 'marking point', 'marking points')}: ` +
    `${plural(summary.gaps, 'gap', 'gaps')}, ${summary.claimed} claimed, ${summary.met} met, ` +
    `${summary.notYet} not yet met, ${summary.stale} stale.`
  );
}

export function formatCoverageTable(matrix: CoverageMatrix, spec: QualificationSpec): string {
  const titles = new Map<string, string>();
  for (const unit of spec.units) {
    titles.set(`unit:${unit.id}`, unit.title);
    for (const outcome of unit.learningOutcomes) titles.set(`outcome:${outcome.id}`, outcome.title);
  }
  // A loop, not Math.max(...spread): a spec with very many marking points must not overflow the stack.
  let idWidth = 8;
  for (const unit of matrix.units) {
    for (const outcome of unit.learningOutcomes) {
      for (const point of outcome.markingPoints) idWidth = Math.max(idWidth, terminalText(point.id, 40).length);
    }
  }
  idWidth = Math.min(idWidth, 24);
  const wordWidth = Math.max(...Object.values(STATUS_TEXT).map((status) => status.word.length));
  const lines: string[] = [];
  for (const unit of matrix.units) {
    lines.push(`${terminalText(unit.id, 40)}  ${terminalText(titles.get(`unit:${unit.id}`), 100)}`);
    for (const outcome of unit.learningOutcomes) {
      lines.push(`  ${terminalText(outcome.id, 40)}  ${terminalText(titles.get(`outcome:${outcome.id}`), 100)}`);
      for (const point of outcome.markingPoints) {
        const status = STATUS_TEXT[point.status];
        lines.push(`    ${status.symbol} ${terminalText(point.id, 40).padEnd(idWidth)}  ${status.word.padEnd(wordWidth)}  ${evidenceText(point.evidence)}`);
      }
    }
    lines.push('');
  }
  lines.push(summaryLine(matrix.summary));
  return lines.join('\n');
}
