import { useLiveQuery } from 'dexie-react-hooks';
import type { Portfolio } from '../../../../core/model/portfolio';
import { appDb, type StoredSpec } from '../../db/app-db';
import { getCurrentPortfolio } from '../../db/portfolios-repo';
import { getSpec } from '../../db/specs-repo';

export type CurrentPortfolio =
  | { status: 'loading' }
  | { status: 'none' }
  | { status: 'ready'; portfolio: Portfolio; spec: StoredSpec | undefined };

/** The portfolio being worked on and its qualification, kept live. */
export function useCurrentPortfolio(): CurrentPortfolio {
  const db = appDb();
  const result = useLiveQuery(async () => {
    const portfolio = await getCurrentPortfolio(db);
    if (!portfolio) return { status: 'none' as const };
    const spec = await getSpec(db, `${portfolio.qualificationId}@${portfolio.qualificationVersion}`);
    return { status: 'ready' as const, portfolio, spec };
  }, [db]);
  return result ?? { status: 'loading' };
}
