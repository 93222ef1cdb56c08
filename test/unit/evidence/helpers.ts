import { newEvidenceItem } from '../../../core/evidence/new-evidence';
import type { EvidenceDetails, EvidenceItem, EvidenceType } from '../../../core/model/portfolio';

export const NOW = '2026-03-14T10:00:00.000Z';

export function item(type: EvidenceType, overrides: Partial<EvidenceItem> = {}, details?: Partial<EvidenceDetails>): EvidenceItem {
  const base = newEvidenceItem({ id: overrides.id ?? `ev-${type}`, portfolioId: 'p1', type, now: NOW });
  // Spread keeps the discriminant of the base details; tests pass only fields of the same type.
  const merged = details ? ({ ...base.details, ...details } as EvidenceDetails) : base.details;
  return { ...base, ...overrides, details: overrides.details ?? merged };
}

export const sha = (char: string): string => char.repeat(64);
