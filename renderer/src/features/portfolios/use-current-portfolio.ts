import { useLiveQuery } from 'dexie-react-hooks';
import type { Portfolio } from '../../../../core/model/portfolio';
import { appDb, type StoredSpec } from '../../db/app-db';
import { getCurrentPortfolioWithSpec } from '../../db/portfolios-repo';

export type CurrentPortfolio =
  | { status: 'loading' }
  | { status: 'none' }
  | { status: 'ready'; portfolio: Portfolio; spec: StoredSpec | undefined };

/** The portfolio being worked on and its qualification, kept live. */
export function useCurrentPortfolio(): CurrentPortfolio {
  const db = appDb();
  const result = useLiveQuery(async () => {
    const current = await getCurrentPortfolioWithSpec(db);
    return current ? { status: 'ready' as const, ...current } : { status: 'none' as const };
  }, [db]);
  return result ?? { status: 'loading' };
}
