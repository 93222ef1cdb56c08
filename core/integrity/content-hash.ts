import type { EvidenceItem } from '../model/portfolio';
import { canonicalJson } from './canonical-json';
import { sha256Hex } from './sha256';

/**
 * The fields of an evidence item an assessor judges. Timestamps and the portfolio id are
 * left out on purpose: re-saving or moving an unchanged item must not make decisions stale.
 * Attachments count by their bytes' hash only, so renaming a file changes nothing either.
 */
export function evidenceContentFields(item: EvidenceItem): Record<string, unknown> {
  return {
    id: item.id,
    type: item.type,
    title: item.title,
    activityDate: item.activityDate,
    narrative: item.narrative,
    label: item.label,
    legislation: item.legislation,
    tags: item.tags,
    rootCause: item.rootCause,
    prevention: item.prevention,
    details: item.details,
    attachments: item.attachments.map((attachment) => attachment.sha256),
  };
}

/** `sha256:<hex>` over the canonical JSON of the judged fields. */
export async function evidenceContentHash(item: EvidenceItem): Promise<string> {
  return `sha256:${await sha256Hex(canonicalJson(evidenceContentFields(item)))}`;
}
