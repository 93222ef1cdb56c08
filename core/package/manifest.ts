/** The `manifest.json` of a `.portfolio` package (CONTRACTS.md §2). */
import type { PortfolioContent } from '../model/portfolio';

export const PACKAGE_FORMAT = 'portfolio-package/1';

/** One attachment held in the package, under `attachments/<sha256>`. */
export interface PackagedAttachment {
  sha256: string;
  size: number;
  mediaType: string;
}

export interface PackageManifest extends PortfolioContent {
  format: typeof PACKAGE_FORMAT;
  exportedAt: string;
  generator: { name: string; version: string };
  /** Every attachment the package holds, once each; evidence items reference them by sha256. */
  attachments: PackagedAttachment[];
}
