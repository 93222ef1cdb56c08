/** The `manifest.json` of a `.portfolio` package (CONTRACTS.md §2). */
import type { AttachmentRef, EvidenceComment, EvidenceItem, Mapping, PortfolioContent } from '../model/portfolio';

export const PACKAGE_FORMAT = 'portfolio-package/1';

/** One attachment held in the package, under `attachments/<sha256>`. */
export interface PackagedAttachment {
  sha256: string;
  size: number;
  mediaType: string;
}

/** An attachment taken off an item, as the trash keeps it: which item, where in its list, and the reference. */
export interface TrashedAttachmentRef {
  evidenceId: string;
  index: number;
  ref: AttachmentRef;
}

/**
 * Something deleted and kept for undo (the app's trash). Only backups carry the trash, so a
 * restore brings back what could be put back before; exported packages never do.
 */
export interface PackagedTrashEntry {
  id: string;
  portfolioId: string;
  deletedAt: string;
  summary: string;
  records: { evidence?: EvidenceItem[]; mappings?: Mapping[]; comments?: EvidenceComment[]; attachmentRefs?: TrashedAttachmentRef[] };
}

export interface PackageManifest extends PortfolioContent {
  format: typeof PACKAGE_FORMAT;
  exportedAt: string;
  generator: { name: string; version: string };
  /** Every attachment the package holds, once each; evidence items reference them by sha256. */
  attachments: PackagedAttachment[];
  /** Backups only: the trash. */
  trash?: PackagedTrashEntry[];
}
