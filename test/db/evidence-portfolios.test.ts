import { describe, expect, it } from 'vitest';
import { getCurrentPortfolio, getCurrentPortfolioWithSpec, setCurrentPortfolio } from '../../renderer/src/db/portfolios-repo';
import { ACTOR, freshDb, withPortfolio } from './evidence-helpers';
import { createPortfolio } from '../../renderer/src/db/portfolios-repo';

describe('the current portfolio with its qualification', () => {
  it('matches getCurrentPortfolio and brings the spec it is built against', async () => {
    const db = freshDb();
    expect(await getCurrentPortfolioWithSpec(db)).toBeUndefined();
    const first = await withPortfolio(db, 'Zoe Adams');
    const second = await withPortfolio(db, 'Alex Byrne');
    expect((await getCurrentPortfolioWithSpec(db))?.portfolio).toEqual(await getCurrentPortfolio(db));
    expect((await getCurrentPortfolioWithSpec(db))?.portfolio.id).toBe(second.id);
    await setCurrentPortfolio(db, first.id);
    const current = await getCurrentPortfolioWithSpec(db);
    expect(current?.portfolio.id).toBe(first.id);
    expect(current?.spec?.key).toBe('cs-diploma-l3@2026.1');
  });

  it('falls back to the first portfolio by name when the saved one is gone, and reports a missing spec', async () => {
    const db = freshDb();
    await withPortfolio(db, 'Zoe Adams');
    const orphan = await createPortfolio(db, { learnerName: 'Alex Byrne', centreName: 'C', qualificationId: 'retired', qualificationVersion: '1' }, ACTOR);
    await db.settings.put({ key: 'currentPortfolioId', value: 'deleted-portfolio' });
    const current = await getCurrentPortfolioWithSpec(db);
    expect(current?.portfolio.id).toBe(orphan.id);
    expect(current?.spec).toBeUndefined();
    expect(current?.portfolio).toEqual(await getCurrentPortfolio(db));
  });
});
