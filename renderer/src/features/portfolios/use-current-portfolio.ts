import { useLiveQuery } from 'dexie-react-hooks';
import type { Portfolio } from '../../../../core/model/portfolio';
import { appDb, type AppDB, type StoredSpec } from '../../db/app-db';
import { getCurrentPortfolioWithSpec } from '../../db/portfolios-repo';

export type CurrentPortfolio =
  | { status: 'loading' }
  | { status: 'none' }
  | { status: 'ready'; portfolio: Portfolio; spec: StoredSpec | undefined };

export async function readCurrentPortfolio(db: AppDB): Promise<CurrentPortfolio> {
  const current = await getCurrentPortfolioWithSpec(db);
  return current ? { status: 'ready', ...current } : { status: 'none' };
}

/**
 * The portfolio being worked on and its qualification, kept live. `readAhead`, when given,
 * is shown until the first live result arrives (a value read just before the first render).
 */
export function useCurrentPortfolio(readAhead?: CurrentPortfolio): CurrentPortfolio {
  const db = appDb();
  return useLiveQuery(() => readCurrentPortfolio(db), [db], readAhead) ?? { status: 'loading' };
}
