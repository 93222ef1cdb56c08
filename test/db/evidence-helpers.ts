import { afterEach } from 'vitest';
import { AppDB } from '../../renderer/src/db/app-db';
import { createPortfolio } from '../../renderer/src/db/portfolios-repo';
import { ensureBuiltinSpec } from '../../renderer/src/db/specs-repo';
import { builtinSpec } from '../../core/spec/builtin';
import type { Portfolio } from '../../core/model/portfolio';

let counter = 0;
const open: AppDB[] = [];

export function freshDb(): AppDB {
  const db = new AppDB(`evidence-test-${process.pid}-${++counter}`);
  open.push(db);
  return db;
}

afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

export const ACTOR = 'Sam Learner';

export async function withPortfolio(db: AppDB, learnerName = 'Sam Learner'): Promise<Portfolio> {
  await ensureBuiltinSpec(db);
  const spec = builtinSpec();
  return createPortfolio(db, { learnerName, centreName: 'Northgate College', qualificationId: spec.id, qualificationVersion: spec.version }, ACTOR);
}

export function pngBytes(seed: number): Uint8Array<ArrayBuffer> {
  // A PNG signature is enough for the sniffer; the seed makes each file's bytes (and hash) different.
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, seed & 0xff, (seed >> 8) & 0xff]);
}
