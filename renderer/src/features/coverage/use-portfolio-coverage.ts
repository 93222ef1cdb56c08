import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { qualificationMatrices, type QualificationMatrix } from '../../../../core/coverage/qualifications';
import type { CoverageMatrix } from '../../../../core/coverage/types';
import type { Portfolio } from '../../../../core/model/portfolio';
import { appDb } from '../../db/app-db';
import { loadPortfolioContent, type LoadedContent } from '../../db/content-repo';
import { getCurrentPortfolio } from '../../db/portfolios-repo';

export type PortfolioCoverage =
  | { status: 'loading' }
  | { status: 'none' }
  | { status: 'no-spec'; portfolio: Portfolio }
  /** `matrix` is the main qualification's; `matrices` holds every qualification's, the main one first. */
  | { status: 'ready'; loaded: LoadedContent; matrix: CoverageMatrix; matrices: QualificationMatrix[] };

/**
 * The current portfolio with its coverage matrix, kept live: any change to evidence, mappings or
 * decisions (here or in another window) re-reads the portfolio and recomputes the matrix, so the
 * matrix and the readiness list never need a reload.
 */
export function usePortfolioCoverage(): PortfolioCoverage {
  const db = appDb();
  const result = useLiveQuery(async () => {
    const portfolio = await getCurrentPortfolio(db);
    if (!portfolio) return { status: 'none' as const };
    const loaded = await loadPortfolioContent(db, portfolio.id);
    return loaded ? { status: 'ready' as const, loaded } : { status: 'no-spec' as const, portfolio };
  }, [db]);
  const matrices = useMemo(() => {
    if (result?.status !== 'ready') return undefined;
    const { content, contentHashes } = result.loaded;
    return qualificationMatrices(content, contentHashes);
  }, [result]);
  if (!result) return { status: 'loading' };
  if (result.status === 'ready') return matrices?.[0] ? { status: 'ready', loaded: result.loaded, matrix: matrices[0].matrix, matrices } : { status: 'loading' };
  return result;
}
