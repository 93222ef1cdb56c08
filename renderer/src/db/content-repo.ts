/**
 * A whole portfolio as core computations want it (coverage, checks, verification):
 * PortfolioContent plus each evidence item's current content hash (kept in the row).
 */
import type { PortfolioContent } from '../../../core/model/portfolio';
import type { AppDB } from './app-db';
import { additionalSpecsOf, specKey } from './specs-repo';

export interface LoadedContent {
  content: PortfolioContent;
  /** Evidence id → current content hash. */
  contentHashes: Map<string, string>;
}

/** Every record of one portfolio, by table (evidence as stored, with its content hash). Call inside a transaction. */
export async function readPortfolioRecords(db: AppDB, portfolioId: string) {
  const [evidence, mappings, decisions, signOffs, iqaSamples, declarations, actionPlan, comments, audit] = await Promise.all([
    db.evidence.where('portfolioId').equals(portfolioId).toArray(),
    db.mappings.where('portfolioId').equals(portfolioId).toArray(),
    db.decisions.where('portfolioId').equals(portfolioId).toArray(),
    db.signOffs.where('portfolioId').equals(portfolioId).toArray(),
    db.iqaSamples.where('portfolioId').equals(portfolioId).toArray(),
    db.declarations.where('portfolioId').equals(portfolioId).toArray(),
    db.actionPlan.where('portfolioId').equals(portfolioId).toArray(),
    db.comments.where('portfolioId').equals(portfolioId).toArray(),
    db.audit.where('portfolioId').equals(portfolioId).toArray(),
  ]);
  return { evidence, mappings, decisions, signOffs, iqaSamples, declarations, actionPlan, comments, audit };
}

/** The tables `readPortfolioRecords` reads, for the caller's transaction. */
export function portfolioRecordTables(db: AppDB) {
  return [db.evidence, db.mappings, db.decisions, db.signOffs, db.iqaSamples, db.declarations, db.actionPlan, db.comments, db.audit];
}

export async function loadPortfolioContent(db: AppDB, portfolioId: string): Promise<LoadedContent | undefined> {
  return db.transaction('r', [db.portfolios, db.specs, ...portfolioRecordTables(db)], async () => {
    const portfolio = await db.portfolios.get(portfolioId);
    if (!portfolio) return undefined;
    const spec = await db.specs.get(specKey({ id: portfolio.qualificationId, version: portfolio.qualificationVersion }));
    if (!spec) return undefined;
    const { evidence: stored, ...records } = await readPortfolioRecords(db, portfolioId);
    const contentHashes = new Map(stored.map((item) => [item.id, item.contentHash]));
    const evidence = stored.map(({ contentHash: _contentHash, ...item }) => item);
    // Further qualifications the app has; mappings to one it lacks are reported by the checks.
    const additional = (await additionalSpecsOf(db, portfolio)).specs.map((stored) => stored.spec);
    return { content: { portfolio, qualification: spec.spec, ...(additional.length > 0 ? { additionalQualifications: additional } : {}), evidence, ...records }, contentHashes };
  });
}
