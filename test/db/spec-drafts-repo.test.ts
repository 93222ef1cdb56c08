import { afterEach, describe, expect, it } from 'vitest';
import { AppDB } from '../../renderer/src/db/app-db';
import { discardSpecDraft, getSpecDraft, isSpecDraft, saveSpecDraft, SPEC_DRAFT_SETTING } from '../../renderer/src/db/spec-drafts-repo';
import { blankSpec } from '../../core/spec/draft';

let counter = 0;
const open: AppDB[] = [];
function freshDb(): AppDB {
  const db = new AppDB(`spec-drafts-test-${++counter}`);
  open.push(db);
  return db;
}
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

describe('the qualification editor’s draft', () => {
  it('is kept, read back after the database is reopened, and discarded', async () => {
    const db = freshDb();
    const draft = { spec: { ...blankSpec(), title: 'Half done' }, basedOn: { key: 'x@1', title: 'X', version: '1' }, startedAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:05:00.000Z' };
    await saveSpecDraft(db, draft);
    db.close();
    const again = new AppDB(db.name);
    open.push(again);
    expect(await getSpecDraft(again)).toEqual(draft);
    await discardSpecDraft(again);
    expect(await getSpecDraft(again)).toBeUndefined();
  });

  it('ignores a stored value without a specification’s shape rather than failing on it', async () => {
    const db = freshDb();
    await db.settings.put({ key: SPEC_DRAFT_SETTING, value: { spec: { units: 'no' }, startedAt: 'x', updatedAt: 'y' } });
    expect(await getSpecDraft(db)).toBeUndefined();
    expect(isSpecDraft(null)).toBe(false);
    expect(isSpecDraft({ spec: blankSpec(), startedAt: 'a', updatedAt: 'b' })).toBe(true);
  });
});
