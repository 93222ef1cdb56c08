/**
 * The evidence page's first screen, read ahead: when the app opens on the evidence list, the
 * open portfolio and its most recent items are read while the page's code loads, and the
 * page's first render shows them at once instead of rendering, reading, and rendering again.
 * The page's live queries then take over and keep everything current.
 */
import type { Mapping } from '../../../../core/model/portfolio';
import type { AppDB, StoredEvidence } from '../../db/app-db';
import { countEvidence, recentEvidence } from '../../db/evidence-repo';
import { mappingsOfEvidence } from '../../db/mappings-repo';
import { readCurrentPortfolio, type CurrentPortfolio } from '../portfolios/use-current-portfolio';

/** Rows read first, before the whole list: more than fit on any screen. */
export const FIRST_SCREEN_ROWS = 24;

export interface EvidencePreview {
  total: number;
  items: StoredEvidence[];
  mappings: Mapping[];
}

export interface EvidenceFirstScreen {
  current: CurrentPortfolio;
  /** The list's first rows, for `current`'s portfolio; absent when the page opens on one item. */
  preview?: { portfolioId: string; data: EvidencePreview };
}

/** The count and the most recently changed items with their mappings, in one read. */
export async function readEvidencePreview(db: AppDB, portfolioId: string): Promise<EvidencePreview> {
  const [total, items] = await Promise.all([countEvidence(db, portfolioId), recentEvidence(db, portfolioId, FIRST_SCREEN_ROWS)]);
  return { total, items, mappings: await mappingsOfEvidence(db, portfolioId, items.map((item) => item.id)) };
}

let readAhead: EvidenceFirstScreen | undefined;

/** Reads the first screen for the route `#/evidence[/<id>]` (`rest` is what follows "evidence"). */
export async function prefetchEvidenceFirstScreen(db: AppDB, rest: readonly string[]): Promise<void> {
  const current = await readCurrentPortfolio(db);
  const wantsList = rest.length === 0;
  readAhead = {
    current,
    ...(wantsList && current.status === 'ready' ? { preview: { portfolioId: current.portfolio.id, data: await readEvidencePreview(db, current.portfolio.id) } } : {}),
  };
}

/**
 * The first screen read ahead, handed out once: the page's first mount uses it, and any later
 * mount reads afresh (the data may have changed since).
 */
export function takeEvidenceFirstScreen(): EvidenceFirstScreen | undefined {
  const taken = readAhead;
  readAhead = undefined;
  return taken;
}
